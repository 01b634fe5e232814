//! The report's charts as PNG pictures, for the Word report: the same SVG the HTML
//! report holds ([`super::svg`]), drawn by resvg at [`DPI`] dots per inch. Text is drawn
//! with Liberation Serif 2 (the metrics of Times New Roman, every Vietnamese letter), a
//! font that ships inside the binary: no system font is ever looked up, so the same
//! chart gives the same pixels wherever the same build runs.

use std::sync::Arc;

use anyhow::{Context, Result, anyhow};
use resvg::{tiny_skia, usvg};

/// Liberation Serif 2.1.5 Regular (SIL Open Font License 1.1, `assets/fonts/`).
const FONT: &[u8] = include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf");
/// The family name the font file gives itself.
const FONT_FAMILY: &str = "Liberation Serif";

/// Dots per inch of the pictures: the chart is [`super::svg::WIDTH`] CSS pixels wide
/// (96 to the inch) and is drawn 2.5 times as many pixels wide.
pub(crate) const DPI: u32 = 240;

/// Draws SVG charts with the shipped font.
pub(crate) struct ChartPainter {
    options: usvg::Options<'static>,
}

impl Default for ChartPainter {
    fn default() -> Self {
        Self::new()
    }
}

impl ChartPainter {
    /// A painter that knows one font, the shipped one, and takes it for every family
    /// the SVG names (`"Times New Roman"`, `serif`, ...).
    pub(crate) fn new() -> ChartPainter {
        let mut fonts = usvg::fontdb::Database::new();
        fonts.load_font_data(FONT.to_vec());
        fonts.set_serif_family(FONT_FAMILY);
        fonts.set_sans_serif_family(FONT_FAMILY);
        let options = usvg::Options {
            font_family: FONT_FAMILY.to_string(),
            fontdb: Arc::new(fonts),
            // Anything the SVG might point at stays unread: the charts are self-contained.
            image_href_resolver: usvg::ImageHrefResolver {
                resolve_data: Box::new(|_, _, _| None),
                resolve_string: Box::new(|_, _| None),
            },
            ..usvg::Options::default()
        };
        ChartPainter { options }
    }

    /// The SVG as a PNG at [`DPI`] on a white ground, and its size in pixels.
    pub(crate) fn png(&self, svg: &str) -> Result<Picture> {
        let tree = usvg::Tree::from_str(svg, &self.options).context("cannot read the chart")?;
        let scale = DPI as f32 / 96.0;
        let size = tree
            .size()
            .to_int_size()
            .scale_by(scale)
            .ok_or_else(|| anyhow!("the chart has no size"))?;
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| anyhow!("the chart is too large to draw"))?;
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let png = pixmap.encode_png().context("cannot encode the chart")?;
        Ok(Picture {
            png: with_resolution(png, DPI),
        })
    }
}

/// A drawn chart.
#[derive(Debug, Clone)]
pub(crate) struct Picture {
    /// The PNG file's bytes.
    pub png: Vec<u8>,
}

/// The PNG with a `pHYs` chunk after its header saying `dpi`, so a program that takes
/// the picture out of the document shows it at the size it was drawn for.
fn with_resolution(png: Vec<u8>, dpi: u32) -> Vec<u8> {
    // The signature (8 bytes), then IHDR: length (4), type (4), 13 bytes of data, CRC (4).
    const AFTER_IHDR: usize = 8 + 4 + 4 + 13 + 4;
    if png.len() < AFTER_IHDR || &png[12..16] != b"IHDR" {
        return png;
    }
    let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
    let mut chunk = Vec::with_capacity(21);
    chunk.extend_from_slice(&9u32.to_be_bytes());
    chunk.extend_from_slice(b"pHYs");
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.extend_from_slice(&per_metre.to_be_bytes());
    chunk.push(1); // the unit is the metre
    let crc = crc32(&chunk[4..]);
    chunk.extend_from_slice(&crc.to_be_bytes());
    let mut out = Vec::with_capacity(png.len() + chunk.len());
    out.extend_from_slice(&png[..AFTER_IHDR]);
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&png[AFTER_IHDR..]);
    out
}

/// The CRC-32 of PNG chunks (ISO 3309), bit by bit: a few bytes a chart.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_is_the_png_one() {
        // The CRC of an IEND chunk's type, as every PNG file ends with it.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }

    #[test]
    fn text_is_drawn_with_the_shipped_font() {
        let painter = ChartPainter::new();
        let blank = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"></svg>"#;
        let text = r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" font-family="&quot;Times New Roman&quot;, serif" font-size="15"><text x="5" y="25">Thực hiện</text></svg>"#;
        let blank = painter.png(blank).unwrap();
        let drawn = painter.png(text).unwrap();
        // The header's width and height, big-endian, after the signature and IHDR's tag.
        let dimension = |at: usize| u32::from_be_bytes(drawn.png[at..at + 4].try_into().unwrap());
        assert_eq!((dimension(16), dimension(20)), (250, 100));
        assert_ne!(blank.png, drawn.png, "the text left ink");
        assert_eq!(&drawn.png[37..41], b"pHYs");
    }
}
