//! The annual report as a Word document (`report --format docx`), laid out as Decree
//! 30/2020/NĐ-CP lays out an administrative report: A4 portrait, margins top and bottom
//! 20 mm, left 30 mm, right 15 mm, Times New Roman 14 pt (13 pt in tables); the header
//! as a borderless two-column table; headings; tables whose header row repeats on every
//! page; each chart as a PNG drawn from the HTML report's SVG; the page number centred
//! in the top margin from page 2; the signature block and "Nơi nhận".
//!
//! The package holds only the parts it needs, each written as WordprocessingML in the
//! schema's element order (Word repairs what LibreOffice forgives), and zipped with a
//! fixed date: the same report gives the same bytes. Every text is a real paragraph or
//! table cell that the coordinator edits before the report goes for signing.

use std::fmt::Write as _;
use std::io::Write as _;

use anyhow::{Context, Result};
use chrono::NaiveDate;

use crate::annual::words::Phrase;
use crate::annual::{AnnualReport, Attributed, Contribution, label};
use crate::lang::Lang;
use crate::render::png::{ChartPainter, Picture};
use crate::render::svg;

/// A4 in twentieths of a point.
const PAGE_WIDTH: u32 = 11906;
const PAGE_HEIGHT: u32 = 16838;
/// Margins in twentieths of a point: 20 mm top and bottom, 30 mm left, 15 mm right.
const MARGIN_TOP: u32 = 1134;
const MARGIN_BOTTOM: u32 = 1134;
const MARGIN_LEFT: u32 = 1701;
const MARGIN_RIGHT: u32 = 850;
/// The page number sits 10 mm from the top edge, inside the top margin.
const HEADER_DISTANCE: u32 = 567;
/// The width text runs in.
const TEXT_WIDTH: u32 = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
/// English Metric Units per CSS pixel (914400 to the inch, 96 pixels to the inch).
const EMU_PER_PX: u64 = 9525;

/// The report as a `.docx` package. `created` is the date written in the document's
/// properties (the report's date, or the day reports were due): never the clock.
pub(crate) fn annual_report(r: &AnnualReport, created: NaiveDate) -> Result<Vec<u8>> {
    let painter = ChartPainter::new();
    let mut doc = Document::default();
    doc.write(r, &painter)?;
    package(r, &doc, created)
}

/// Escapes text for XML content and attributes; control characters are written as
/// their escapes (XML 1.0 cannot hold them), and the two non-characters as U+FFFD.
pub(crate) fn escape(text: &str) -> String {
    let text = super::visible_controls(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

// ---- Runs and paragraphs ------------------------------------------------------------------

/// How a run of text looks, written in `w:rPr`'s schema order.
#[derive(Debug, Clone, Copy, Default)]
struct Look {
    bold: bool,
    italic: bool,
    /// Half-points; `None` keeps the style's size.
    size: Option<u32>,
    underline: bool,
}

impl Look {
    const PLAIN: Look = Look {
        bold: false,
        italic: false,
        size: None,
        underline: false,
    };
    const BOLD: Look = Look {
        bold: true,
        ..Look::PLAIN
    };
    const ITALIC: Look = Look {
        italic: true,
        ..Look::PLAIN
    };

    fn size(self, points: u32) -> Look {
        Look {
            size: Some(points * 2),
            ..self
        }
    }

    fn properties(self) -> String {
        let mut p = String::new();
        if self.bold {
            p.push_str("<w:b/><w:bCs/>");
        }
        if self.italic {
            p.push_str("<w:i/><w:iCs/>");
        }
        if let Some(size) = self.size {
            let _ = write!(p, "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>");
        }
        if self.underline {
            p.push_str("<w:u w:val=\"single\"/>");
        }
        if p.is_empty() {
            p
        } else {
            format!("<w:rPr>{p}</w:rPr>")
        }
    }
}

/// A run of text; line breaks in the text become `w:br`, tabs `w:tab`.
fn run(text: &str, look: Look) -> String {
    let mut out = format!("<w:r>{}", look.properties());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        let line = line.trim_end_matches('\r');
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                out.push_str("<w:tab/>");
            }
            if !piece.is_empty() {
                let _ = write!(out, "<w:t xml:space=\"preserve\">{}</w:t>", escape(piece));
            }
        }
    }
    out.push_str("</w:r>");
    out
}

/// How a paragraph sits, written in `w:pPr`'s schema order.
#[derive(Debug, Clone, Copy, Default)]
struct Place<'a> {
    style: Option<&'a str>,
    keep_next: bool,
    page_break_before: bool,
    /// A rule under the paragraph (an empty paragraph drawn as a short line).
    rule: bool,
    /// Space before and after, in twentieths of a point.
    space: Option<(u32, u32)>,
    /// Left and right indents, in twentieths of a point.
    indent: Option<(u32, u32)>,
    center: bool,
}

impl<'a> Place<'a> {
    fn style(style: &'a str) -> Place<'a> {
        Place {
            style: Some(style),
            ..Place::default()
        }
    }

    fn centered(self) -> Place<'a> {
        Place {
            center: true,
            ..self
        }
    }

    fn properties(&self) -> String {
        let mut p = String::new();
        if let Some(style) = self.style {
            let _ = write!(p, "<w:pStyle w:val=\"{style}\"/>");
        }
        if self.keep_next {
            p.push_str("<w:keepNext/>");
        }
        if self.page_break_before {
            p.push_str("<w:pageBreakBefore/>");
        }
        if self.rule {
            p.push_str(
                "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>",
            );
        }
        if let Some((before, after)) = self.space {
            let _ = write!(p, "<w:spacing w:before=\"{before}\" w:after=\"{after}\"/>");
        }
        if let Some((left, right)) = self.indent {
            let _ = write!(
                p,
                "<w:ind w:left=\"{left}\" w:right=\"{right}\" w:firstLine=\"0\"/>"
            );
        }
        if self.center {
            p.push_str("<w:jc w:val=\"center\"/>");
        }
        if p.is_empty() {
            p
        } else {
            format!("<w:pPr>{p}</w:pPr>")
        }
    }
}

fn paragraph(place: Place, runs: &str) -> String {
    format!("<w:p>{}{runs}</w:p>", place.properties())
}

/// A short centred rule, `width` twentieths of a point long, in a space `across` wide.
fn rule(width: u32, across: u32) -> String {
    let side = across.saturating_sub(width) / 2;
    let mut place = Place::style("Rule");
    place.rule = true;
    place.indent = Some((side, side));
    paragraph(place, "")
}

// ---- Tables -------------------------------------------------------------------------------

/// A table's cell properties: its width in twentieths of a point.
fn cell(width: u32, paragraphs: &str) -> String {
    let paragraphs = if paragraphs.is_empty() {
        "<w:p/>"
    } else {
        paragraphs
    };
    format!("<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/></w:tcPr>{paragraphs}</w:tc>")
}

/// A borderless table of two columns (the header block, the signature block).
fn layout_table(widths: [u32; 2], rows: &[[String; 2]]) -> String {
    let mut out = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:tblBorders>\
         <w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>\
         <w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/>\
         <w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"0\" w:type=\"dxa\"/></w:tblCellMar>\
         <w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>",
        widths[0] + widths[1]
    );
    for w in widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        out.push_str(&cell(widths[0], &row[0]));
        out.push_str(&cell(widths[1], &row[1]));
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    out
}

/// A data table with ruled cells: the header row bold and repeated on every page, no
/// row split across pages, the first column (`STT`) centred.
fn data_table(header: &[&str], rows: &[Vec<String>]) -> String {
    let widths = column_widths(header, rows);
    let mut out = String::from(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>\
         <w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"0000\"/></w:tblPr><w:tblGrid>",
    );
    for w in &widths {
        let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
    }
    out.push_str("</w:tblGrid>");
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (h, w) in header.iter().zip(&widths) {
        out.push_str(&cell(
            *w,
            &paragraph(Place::style("TableText").centered(), &run(h, Look::BOLD)),
        ));
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (i, (text, w)) in row.iter().zip(&widths).enumerate() {
            let place = if i == 0 {
                Place::style("TableText").centered()
            } else {
                Place::style("TableText")
            };
            let runs = if text.trim().is_empty() {
                String::new()
            } else {
                run(text, Look::PLAIN)
            };
            out.push_str(&cell(*w, &paragraph(place, &runs)));
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
    // A table that ends a cell or the document needs a paragraph after it; one also
    // keeps two tables in a row apart.
    out.push_str(&paragraph(Place::style("TableGap"), ""));
    out
}

/// Column widths that add up to the text's width: each column at least as wide as its
/// longest word (so no word breaks, `STT` and dates included), and the room left shared
/// by how much more each column would take to hold its longest line.
fn column_widths(header: &[&str], rows: &[Vec<String>]) -> Vec<u32> {
    // About the width of a character at 13 pt, with the cell's margins.
    const PER_CHAR: u32 = 160;
    const MARGINS: u32 = 240;
    let n = header.len().max(1);
    let cells = |c: usize| {
        rows.iter()
            .filter_map(move |r| r.get(c).map(String::as_str))
            .chain(header.get(c).copied())
    };
    let longest = |c: usize, words: bool| -> u32 {
        let chars = cells(c)
            .flat_map(|t| {
                let pieces: Vec<&str> = if words {
                    t.split_whitespace().collect()
                } else {
                    t.lines().collect()
                };
                pieces.into_iter().map(|p| p.chars().count())
            })
            .max()
            .unwrap_or(0)
            .min(60);
        u32::try_from(chars).unwrap_or(60) * PER_CHAR + MARGINS
    };
    let least: Vec<u32> = (0..n).map(|c| longest(c, true)).collect();
    let wish: Vec<u32> = (0..n)
        .map(|c| longest(c, false).saturating_sub(least[c]))
        .collect();
    let least_total: u32 = least.iter().sum();
    let mut widths: Vec<u32> = if least_total >= TEXT_WIDTH {
        least
            .iter()
            .map(|w| w * TEXT_WIDTH / least_total.max(1))
            .collect()
    } else {
        let room = TEXT_WIDTH - least_total;
        let wished: u32 = wish.iter().sum();
        (0..n)
            .map(|c| {
                least[c]
                    + if wished == 0 {
                        room / u32::try_from(n).unwrap_or(1)
                    } else {
                        u32::try_from(u64::from(room) * u64::from(wish[c]) / u64::from(wished))
                            .unwrap_or(0)
                    }
            })
            .collect()
    };
    // What rounding left goes to the widest column.
    let used: u32 = widths.iter().sum();
    if let Some(widest) = widths.iter_mut().max() {
        *widest += TEXT_WIDTH.saturating_sub(used);
    }
    widths
}

// ---- The document ---------------------------------------------------------------------------

/// The body being written, and the pictures it refers to.
#[derive(Default)]
struct Document {
    body: String,
    pictures: Vec<Picture>,
}

impl Document {
    fn push(&mut self, xml: &str) {
        self.body.push_str(xml);
    }

    fn text(&mut self, style: &str, text: &str) {
        self.push(&paragraph(Place::style(style), &run(text, Look::PLAIN)));
    }

    fn heading(&mut self, level: u8, text: &str) {
        let style = format!("Heading{level}");
        self.push(&paragraph(Place::style(&style), &run(text, Look::PLAIN)));
    }

    fn dash(&mut self, runs: &str) {
        self.push(&paragraph(
            Place::style("Dash"),
            &format!("{}{runs}", run("- ", Look::PLAIN)),
        ));
    }

    fn write(&mut self, r: &AnnualReport, painter: &ChartPainter) -> Result<()> {
        self.header(r);
        self.push(&paragraph(
            Place::style("Title"),
            &run(&r.title, Look::PLAIN),
        ));
        self.push(&paragraph(
            Place::style("Subtitle"),
            &run(&r.subtitle, Look::PLAIN),
        ));
        self.push(&rule(1800, TEXT_WIDTH));
        for p in &r.introduction {
            self.text("BodyText", p);
        }
        self.results(r);
        self.indicators(r, painter)?;
        // III. General assessment.
        self.heading(1, &r.assessment.heading);
        for p in &r.assessment.summary {
            self.text("BodyText", p);
        }
        self.heading(2, &r.assessment.difficulties_heading);
        if r.assessment.difficulties.is_empty() {
            self.text("BodyText", &label::no_difficulties(r.lang));
        }
        for group in &r.assessment.difficulties {
            self.heading(3, &group.heading);
            self.attributed(&group.entries);
        }
        // IV. Proposals.
        self.heading(1, &r.proposals.heading);
        for p in &r.proposals.paragraphs {
            self.text("BodyText", p);
        }
        for unit in &r.proposals.items {
            self.heading(2, &unit.heading);
            self.attributed(&unit.entries);
        }
        self.text("BodyText", &r.closing);
        self.signature(r);
        for annex in &r.annexes {
            let mut label = Place::style("AnnexTitle");
            label.page_break_before = true;
            self.push(&paragraph(
                label,
                &run(&annex.label.to_uppercase(), Look::PLAIN),
            ));
            self.push(&paragraph(
                Place::style("AnnexTitle"),
                &run(&annex.title, Look::PLAIN),
            ));
            self.push(&paragraph(
                Place::style("Attached"),
                &run(&annex.attached_to, Look::PLAIN),
            ));
            for p in &annex.paragraphs {
                self.text("BodyText", p);
            }
            for t in &annex.tables {
                if let Some(caption) = &t.caption {
                    self.push(&paragraph(
                        Place::style("TaskTitle"),
                        &run(caption, Look::PLAIN),
                    ));
                }
                let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
                self.push(&data_table(&header, &t.rows));
            }
        }
        Ok(())
    }

    /// The header block: the issuing body and its rule on the left, the national motto
    /// and its rule on the right; below them the number and the place and date.
    fn header(&mut self, r: &AnnualReport) {
        let h = &r.header;
        // 7 cm for the issuing body, the rest for the motto (Decree 30's layout).
        let widths = [3969, TEXT_WIDTH - 3969];
        let line = |text: &str, look: Look| paragraph(Place::style("Masthead"), &run(text, look));
        let mut left = String::new();
        if let Some(parent) = &h.issuer_parent {
            left.push_str(&line(parent, Look::PLAIN.size(12)));
        }
        left.push_str(&line(&h.issuer, Look::BOLD.size(12)));
        left.push_str(&rule(1300, widths[0]));
        let mut right = line(&h.motto, Look::BOLD.size(12));
        right.push_str(&line(
            &h.motto_line,
            Look {
                underline: true,
                ..Look::BOLD.size(14)
            },
        ));
        let mut number_place = Place::style("Masthead");
        number_place.space = Some((120, 0));
        let number = paragraph(number_place, &run(&h.number, Look::PLAIN.size(13)));
        let date = paragraph(number_place, &run(&h.place_date, Look::ITALIC.size(14)));
        self.push(&layout_table(widths, &[[left, right], [number, date]]));
    }

    fn contributions(
        &mut self,
        r: &AnnualReport,
        said: &[Contribution],
        not_applicable: &[String],
    ) {
        for c in said {
            self.dash(&run(&c.text, Look::PLAIN));
        }
        if !not_applicable.is_empty() {
            self.dash(&run(
                &crate::annual::not_applicable_words(r.lang, not_applicable),
                Look::PLAIN,
            ));
        }
    }

    fn attributed(&mut self, list: &[Attributed]) {
        for a in list {
            let runs = format!(
                "{}{}",
                run(&format!("{} ", a.text.trim()), Look::PLAIN),
                run(&format!("({})", a.by), Look::ITALIC)
            );
            self.dash(&runs);
        }
    }

    fn results(&mut self, r: &AnnualReport) {
        self.heading(1, &r.results.heading);
        for p in &r.results.paragraphs {
            self.text("BodyText", p);
        }
        for part in &r.results.items {
            // Items sit one level below their part, or right below the chapter without one.
            let level = if part.heading.is_empty() {
                2
            } else {
                self.heading(2, &part.heading);
                3
            };
            for item in &part.items {
                self.heading(level, &item.heading);
                for task in &item.tasks {
                    self.text("TaskTitle", &task.heading);
                    self.text("TaskSummary", &task.summary);
                    self.contributions(r, &task.lead, &task.lead_not_applicable);
                    if !task.support.is_empty() || !task.support_not_applicable.is_empty() {
                        self.text("TaskSummary", &label::support(r.lang));
                        self.contributions(r, &task.support, &task.support_not_applicable);
                    }
                    if let Some(summary) = &task.support_summary {
                        self.push(&paragraph(
                            Place::style("BodyText"),
                            &format!(
                                "{}{}",
                                run(&format!("{} ", label::support(r.lang)), Look::ITALIC),
                                run(summary, Look::PLAIN)
                            ),
                        ));
                    }
                }
            }
        }
    }

    fn indicators(&mut self, r: &AnnualReport, painter: &ChartPainter) -> Result<()> {
        self.heading(1, &r.indicators.heading);
        for p in &r.indicators.paragraphs {
            self.text("BodyText", p);
        }
        let table = r.indicator_table();
        let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
        self.push(&data_table(&header, &table.rows));
        for (n, i) in r.indicators.items.iter().enumerate() {
            self.heading(3, &format!("{}. {}", n + 1, i.name));
            let picture = painter
                .png(&svg::indicator_chart(i))
                .with_context(|| format!("cannot draw the chart of {}", i.id))?;
            self.picture(picture, r.lang, &i.chart_caption);
            self.push(&paragraph(
                Place::style("Caption"),
                &run(&i.chart_caption, Look::PLAIN),
            ));
            self.dash(&run(&i.history_text, Look::PLAIN));
            self.dash(&run(&i.explanation, Look::PLAIN));
            self.dash(&format!(
                "{}{}{}",
                run(&format!("{} ", label::assessment(r.lang)), Look::PLAIN),
                run(&i.assessment_text, Look::BOLD),
                run(".", Look::PLAIN)
            ));
            if let Some(words) = &i.plan_words {
                self.dash(&run(
                    &format!(
                        "{} {}.",
                        label::plan_target(r.lang),
                        words.trim_end_matches('.')
                    ),
                    Look::PLAIN,
                ));
            }
        }
        Ok(())
    }

    /// A chart in a paragraph of its own, at the size the SVG is drawn for (so its text
    /// prints at the size the SVG gives it), kept with its caption.
    fn picture(&mut self, picture: Picture, lang: Lang, description: &str) {
        self.pictures.push(picture);
        let n = self.pictures.len();
        let cx = (svg::WIDTH as u64) * EMU_PER_PX;
        let cy = (svg::HEIGHT as u64) * EMU_PER_PX;
        let mut place = Place::style("Figure");
        place.keep_next = true;
        let drawing = format!(
            "<w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
             <wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
             <wp:docPr id=\"{n}\" name=\"{}\" descr=\"{}\"/>\
             <wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>\
             <a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
             <pic:pic><pic:nvPicPr><pic:cNvPr id=\"{n}\" name=\"chart{n}.png\"/><pic:cNvPicPr/></pic:nvPicPr>\
             <pic:blipFill><a:blip r:embed=\"rIdChart{n}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
             <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
             <a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>\
             </a:graphicData></a:graphic></wp:inline></w:drawing></w:r>",
            escape(&Phrase::ChartName { number: n }.say(lang)),
            escape(description)
        );
        self.push(&paragraph(place, &drawing));
    }

    /// "Nơi nhận" and its list on the left; the signer's title (or "KT." and the
    /// deputy's), the space to sign and the name on the right.
    fn signature(&mut self, r: &AnnualReport) {
        let s = &r.signature;
        let half = TEXT_WIDTH / 2;
        let mut left = paragraph(
            Place::style("Recipients"),
            &run(
                &s.recipients_heading,
                Look {
                    bold: true,
                    italic: true,
                    size: Some(24),
                    underline: false,
                },
            ),
        );
        for line in &s.recipients {
            left.push_str(&paragraph(
                Place::style("Recipients"),
                &run(line, Look::PLAIN),
            ));
        }
        let mut right = String::new();
        for line in &s.authority {
            right.push_str(&paragraph(Place::style("Signer"), &run(line, Look::BOLD)));
        }
        let mut space = Place::style("Signer");
        space.space = Some((0, 1440));
        right.push_str(&paragraph(space, ""));
        if let Some(name) = &s.signer_name {
            right.push_str(&paragraph(Place::style("Signer"), &run(name, Look::BOLD)));
        }
        let mut gap = Place::style("TableGap");
        gap.space = Some((240, 0));
        self.push(&paragraph(gap, ""));
        self.push(&layout_table([half, TEXT_WIDTH - half], &[[left, right]]));
    }
}

// ---- The package ------------------------------------------------------------------------------

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

fn package(r: &AnnualReport, doc: &Document, created: NaiveDate) -> Result<Vec<u8>> {
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), content_types().into_bytes()),
        ("_rels/.rels".into(), root_relationships().into_bytes()),
        ("docProps/core.xml".into(), core(r, created).into_bytes()),
        ("docProps/app.xml".into(), app().into_bytes()),
        ("word/document.xml".into(), document(doc).into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            document_relationships(doc.pictures.len()).into_bytes(),
        ),
        (
            "word/styles.xml".into(),
            STYLES
                .replace("{W}", W_NS)
                .replace("vi-VN", language_tag(r.lang))
                .into_bytes(),
        ),
        ("word/settings.xml".into(), settings().into_bytes()),
        ("word/header1.xml".into(), page_number_header().into_bytes()),
        ("word/header2.xml".into(), first_page_header().into_bytes()),
    ];
    for (n, picture) in doc.pictures.iter().enumerate() {
        parts.push((
            format!("word/media/chart{}.png", n + 1),
            picture.png.clone(),
        ));
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed date (the zip format's earliest, 1980-01-01) and no extra fields: the
    // same report gives the same bytes.
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let stored = deflated.compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in &parts {
        let options = if name.ends_with(".png") {
            stored
        } else {
            deflated
        };
        zip.start_file(name.as_str(), options)
            .with_context(|| format!("cannot add {name} to the document"))?;
        zip.write_all(bytes)?;
    }
    let cursor = zip.finish().context("cannot finish the document")?;
    Ok(cursor.into_inner())
}

fn content_types() -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Default Extension=\"png\" ContentType=\"image/png\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"{wml}.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"{wml}.styles+xml\"/>\
         <Override PartName=\"/word/settings.xml\" ContentType=\"{wml}.settings+xml\"/>\
         <Override PartName=\"/word/header1.xml\" ContentType=\"{wml}.header+xml\"/>\
         <Override PartName=\"/word/header2.xml\" ContentType=\"{wml}.header+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>"
    )
}

fn root_relationships() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{R_NS}/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"{R_NS}/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>"
    )
}

fn document_relationships(pictures: usize) -> String {
    let mut out = format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdStyles\" Type=\"{R_NS}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdSettings\" Type=\"{R_NS}/settings\" Target=\"settings.xml\"/>\
         <Relationship Id=\"rIdHeader1\" Type=\"{R_NS}/header\" Target=\"header1.xml\"/>\
         <Relationship Id=\"rIdHeader2\" Type=\"{R_NS}/header\" Target=\"header2.xml\"/>"
    );
    for n in 1..=pictures {
        let _ = write!(
            out,
            "<Relationship Id=\"rIdChart{n}\" Type=\"{R_NS}/image\" Target=\"media/chart{n}.png\"/>"
        );
    }
    out.push_str("</Relationships>");
    out
}

/// The language of the document's text, as Word tags it.
fn language_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi-VN",
        Lang::En => "en-GB",
    }
}

fn core(r: &AnnualReport, created: NaiveDate) -> String {
    let date = created.format("%Y-%m-%dT00:00:00Z");
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
         <dc:title>{}</dc:title><dc:creator>{}</dc:creator><dc:language>{}</dc:language>\
         <dcterms:created xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:created>\
         <dcterms:modified xsi:type=\"dcterms:W3CDTF\">{date}</dcterms:modified>\
         </cp:coreProperties>",
        escape(&format!("{} {}", r.title, r.subtitle)),
        escape(&r.header.issuer),
        language_tag(r.lang),
    )
}

fn app() -> String {
    format!(
        "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>ktplan</Application></Properties>"
    )
}

fn document(doc: &Document) -> String {
    format!(
        "{XML_DECL}<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\" \
         xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
         xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
         xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>{}\
         <w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>\
         <w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>\
         <w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\"/>\
         <w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" \
         w:left=\"{MARGIN_LEFT}\" w:header=\"{HEADER_DISTANCE}\" w:footer=\"{HEADER_DISTANCE}\" w:gutter=\"0\"/>\
         <w:pgNumType w:start=\"1\"/><w:cols w:space=\"720\"/><w:titlePg/>\
         </w:sectPr></w:body></w:document>",
        doc.body
    )
}

/// The header of pages 2 on: the page number, centred (the document's only field).
fn page_number_header() -> String {
    format!(
        "{XML_DECL}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>\
         <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
         <w:r><w:t>2</w:t></w:r>\
         <w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    )
}

/// The header of the first page: empty, as Decree 30 numbers pages from the second.
fn first_page_header() -> String {
    format!(
        "{XML_DECL}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>"
    )
}

fn settings() -> String {
    format!(
        "{XML_DECL}<w:settings xmlns:w=\"{W_NS}\"><w:zoom w:percent=\"100\"/>\
         <w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
         <w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
         </w:settings>"
    )
}

/// The styles: Times New Roman 14 pt, justified body text with a 1 cm first-line
/// indent; headings bold, with their outline levels; 13 pt in tables. Each `w:style`
/// keeps the schema's order (name, basedOn, next, qFormat, pPr, rPr, tblPr).
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="BodyText"><w:name w:val="Body Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="180" w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:bCs/><w:i/><w:iCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="BodyText"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Rule"><w:name w:val="Rule"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="240" w:line="120" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="8"/><w:szCs w:val="8"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Masthead"><w:name w:val="Masthead"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TaskTitle"><w:name w:val="Task Title"/><w:basedOn w:val="Normal"/><w:next w:val="TaskSummary"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TaskSummary"><w:name w:val="Task Summary"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Dash"><w:name w:val="List Dash"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="60"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Figure"><w:name w:val="Figure"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="0"/><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="60" w:after="120"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableGap"><w:name w:val="Table Gap"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="120" w:lineRule="exact"/></w:pPr><w:rPr><w:sz w:val="8"/><w:szCs w:val="8"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Recipients"><w:name w:val="Recipients"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Signer"><w:name w:val="Signer"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="AnnexTitle"><w:name w:val="Annex Title"/><w:basedOn w:val="Normal"/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Attached"><w:name w:val="Attached"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:i/><w:iCs/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:after="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>\u{1b}[0m"),
            "&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;\\u{1b}[0m"
        );
    }

    #[test]
    fn runs_keep_line_breaks_and_tabs_as_word_does() {
        assert_eq!(
            run("một\nhai\tba", Look::BOLD),
            "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">một</w:t><w:br/>\
             <w:t xml:space=\"preserve\">hai</w:t><w:tab/><w:t xml:space=\"preserve\">ba</w:t></w:r>"
        );
    }

    #[test]
    fn columns_fill_the_text_width() {
        let widths = column_widths(
            &["STT", "Chỉ tiêu", "Đánh giá"],
            &[vec!["1".into(), "Một chỉ tiêu dài".into(), "Đạt".into()]],
        );
        // "STT" and "Đánh giá" keep their words whole; the long name takes the rest.
        assert_eq!(widths[0], 3 * 160 + 240);
        assert!(widths[2] >= 4 * 160 + 240);
        assert!(widths[1] > widths[2]);
        assert_eq!(widths.iter().sum::<u32>(), TEXT_WIDTH);
    }
}
