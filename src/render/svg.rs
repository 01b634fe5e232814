//! SVG charts of the annual report: an indicator's path over the plan's years, with its
//! targets, its base and the straight path between them. The HTML report holds the SVG
//! inline; the Word report draws the same SVG into a PNG. Plain SVG, no script,
//! coordinates rounded so that the same data gives the same bytes. Text is 15 units
//! high, 11.25 pt when the chart prints at its own width ([`WIDTH`] units at 96 to the
//! inch); the series differ by marker and dash as well as by colour, so a
//! black-and-white print reads.

use std::fmt::Write as _;

use crate::annual::IndicatorEntry;
use crate::annual::words::Phrase;
use crate::lang::Lang;
use crate::model::MeasureUnit;
use crate::model::Target;
use crate::numbers::number_words;
use crate::render::FONTS;
use crate::render::escape::html as escape;

/// The chart's width in SVG units (CSS pixels: 96 to the inch).
pub(crate) const WIDTH: f64 = 560.0;
/// The chart's height in SVG units.
pub(crate) const HEIGHT: f64 = 250.0;
/// The height of the chart's text in SVG units: 11.25 pt at the chart's own size.
pub(crate) const FONT_SIZE: f64 = 15.0;
const LEFT: f64 = 62.0;
const RIGHT: f64 = 20.0;
const TOP: f64 = 18.0;
const BOTTOM: f64 = 64.0;
const INSET: f64 = 22.0;

const VALUE_COLOR: &str = "#1f4e9c";
const TARGET_COLOR: &str = "#b3261e";
const PATH_COLOR: &str = "#6b6b6b";
/// A white outline under label text, so that it reads over lines (as a style, which
/// HTML validators accept on SVG text where they do not yet know the attribute).
const HALO: &str = r##"stroke="#fff" stroke-width="3" style="paint-order:stroke""##;

/// The chart of one indicator: values (or cumulative amounts) by year, targets, base.
pub(crate) fn indicator_chart(i: &IndicatorEntry) -> String {
    let f = Frame::of(i);
    let mut svg = String::new();
    let title = escape(&Phrase::ChartTitle { name: &i.name }.say(i.lang));
    // The title both as the accessible name and as the tooltip a browser shows.
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" role="img" aria-label="{title}" font-family="{}" font-size="{FONT_SIZE}"><title>{title}</title>"#,
        escape(FONTS)
    );
    axes(&mut svg, &f);
    base_and_path(&mut svg, &f, i);
    targets(&mut svg, &f, i);
    values(&mut svg, &f, i);
    legend(&mut svg, i);
    svg.push_str("</svg>");
    svg
}

/// Where a chart puts its years and values.
struct Frame {
    first_year: i32,
    last_year: i32,
    /// The top of the value axis.
    top_value: f64,
    /// The step between the value axis's ticks.
    step: f64,
    percent: bool,
    lang: Lang,
}

impl Frame {
    /// The years from the base (or the first value) to the last target, and the values
    /// up to the highest value, target or base.
    fn of(i: &IndicatorEntry) -> Frame {
        let first_year = i
            .base
            .map(|b| b.year)
            .into_iter()
            .chain(i.history.iter().map(|h| h.year))
            .min()
            .unwrap_or(i.end_year);
        let last_year = i
            .targets
            .iter()
            .map(|t| t.year)
            .chain([i.end_year])
            .chain(i.history.iter().map(|h| h.year))
            .max()
            .unwrap_or(i.end_year)
            .max(first_year + 1);
        let highest = i
            .history
            .iter()
            .filter_map(|h| h.value)
            .chain(i.targets.iter().flat_map(|t| [t.min, t.max]).flatten())
            .chain(i.base.map(|b| b.value))
            .fold(0.0_f64, f64::max);
        let (top_value, step) = nice_scale(highest);
        Frame {
            first_year,
            last_year,
            top_value,
            step,
            percent: i.unit == MeasureUnit::Percent,
            lang: i.lang,
        }
    }

    /// A year's place across: the first and last years sit a little inside the frame,
    /// clear of the value axis.
    fn x(&self, year: i32) -> f64 {
        LEFT + INSET
            + (WIDTH - LEFT - RIGHT - 2.0 * INSET) * f64::from(year - self.first_year)
                / f64::from(self.last_year - self.first_year)
    }

    /// A value's height.
    fn y(&self, value: f64) -> f64 {
        TOP + (HEIGHT - TOP - BOTTOM) * (1.0 - value / self.top_value)
    }

    /// A value as the chart writes it.
    fn label(&self, value: f64) -> String {
        let mut text = number_words(self.lang, value);
        if self.percent {
            text.push('%');
        }
        text
    }
}

/// The grid with the value axis, and the year axis.
fn axes(svg: &mut String, f: &Frame) {
    let mut tick = 0.0;
    while tick <= f.top_value + f.step / 2.0 {
        let ty = f.y(tick);
        let _ = write!(
            svg,
            r##"<line x1="{LEFT}" y1="{ty:.1}" x2="{:.1}" y2="{ty:.1}" stroke="#d9d9d9" stroke-width="0.8"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            ty + 5.0,
            escape(&f.label(tick))
        );
        tick += f.step;
    }
    let axis_y = f.y(0.0);
    let _ = write!(
        svg,
        r##"<line x1="{LEFT}" y1="{axis_y:.1}" x2="{:.1}" y2="{axis_y:.1}" stroke="#000" stroke-width="1"/>"##,
        WIDTH - RIGHT
    );
    for year in f.first_year..=f.last_year {
        let _ = write!(
            svg,
            r##"<line x1="{0:.1}" y1="{axis_y:.1}" x2="{0:.1}" y2="{1:.1}" stroke="#000" stroke-width="1"/><text x="{0:.1}" y="{2:.1}" text-anchor="middle">{year}</text>"##,
            f.x(year),
            axis_y + 4.0,
            axis_y + 19.0
        );
    }
}

/// The base, and the straight path from it through each target.
fn base_and_path(svg: &mut String, f: &Frame, i: &IndicatorEntry) {
    let Some(base) = i.base else {
        return;
    };
    let mut points = vec![(f.x(base.year), f.y(base.value))];
    for t in i.targets.iter().filter(|t| t.year > base.year) {
        if let Some(goal) = goal(t) {
            points.push((f.x(t.year), f.y(goal)));
        }
    }
    if points.len() > 1 {
        let _ = write!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{PATH_COLOR}" stroke-width="1.5" stroke-dasharray="6 4"/>"#,
            points_text(&points)
        );
    }
    let _ = write!(
        svg,
        r##"<circle cx="{:.1}" cy="{:.1}" r="4" fill="#fff" stroke="{PATH_COLOR}" stroke-width="1.5"/>"##,
        f.x(base.year),
        f.y(base.value)
    );
}

/// Targets: a diamond at the bound, a bar over a range.
fn targets(svg: &mut String, f: &Frame, i: &IndicatorEntry) {
    for t in &i.targets {
        let tx = f.x(t.year);
        if let (Some(min), Some(max)) = (t.min, t.max) {
            let _ = write!(
                svg,
                r#"<line x1="{tx:.1}" y1="{:.1}" x2="{tx:.1}" y2="{:.1}" stroke="{TARGET_COLOR}" stroke-width="3"/>"#,
                f.y(min),
                f.y(max)
            );
        }
        if let Some(goal) = goal(t) {
            let ty = f.y(goal);
            // The label above the diamond; at the right edge, ending at it.
            let anchor = if t.year == f.last_year {
                "end"
            } else {
                "middle"
            };
            let _ = write!(
                svg,
                r#"<path d="M{tx:.1} {:.1} L{:.1} {ty:.1} L{tx:.1} {:.1} L{:.1} {ty:.1} Z" fill="{TARGET_COLOR}"/><text x="{:.1}" y="{:.1}" text-anchor="{anchor}" fill="{TARGET_COLOR}" {HALO}>{}</text>"#,
                ty - 6.0,
                tx + 6.0,
                ty + 6.0,
                tx - 6.0,
                if anchor == "end" { tx + 6.0 } else { tx },
                ty - 11.0,
                escape(&crate::numbers::bound(t, |v| f.label(v)))
            );
        }
    }
}

/// Values: lines between consecutive years, a dot on each value.
fn values(svg: &mut String, f: &Frame, i: &IndicatorEntry) {
    let mut run: Vec<(f64, f64)> = Vec::new();
    let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
    for h in &i.history {
        match h.value {
            Some(v) => run.push((f.x(h.year), f.y(v))),
            None => runs.push(std::mem::take(&mut run)),
        }
    }
    runs.push(run);
    for run in runs.iter().filter(|r| r.len() > 1) {
        let _ = write!(
            svg,
            r#"<polyline points="{}" fill="none" stroke="{VALUE_COLOR}" stroke-width="2"/>"#,
            points_text(run)
        );
    }
    for h in &i.history {
        if let Some(v) = h.value {
            let (px, py) = (f.x(h.year), f.y(v));
            let _ = write!(
                svg,
                r#"<circle cx="{px:.1}" cy="{py:.1}" r="4" fill="{VALUE_COLOR}"/><text x="{px:.1}" y="{:.1}" text-anchor="middle" fill="{VALUE_COLOR}" {HALO}>{}</text>"#,
                // Above the dot, clear of the year axis; below it near the top.
                if py - TOP < 22.0 {
                    py + 20.0
                } else {
                    py - 10.0
                },
                escape(&f.label(v))
            );
        }
    }
}

/// The legend: each series' line and marker, then its name, left to right.
fn legend(svg: &mut String, i: &IndicatorEntry) {
    let ly = HEIGHT - 14.0;
    let measured = Phrase::Done {
        flow: i.cumulative_text.is_some(),
    }
    .say(i.lang);
    let target = Phrase::Target.say(i.lang);
    let path = Phrase::BaseAndPath.say(i.lang);
    let mut lx = LEFT;
    let _ = write!(
        svg,
        r##"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{VALUE_COLOR}" stroke-width="2"/><circle cx="{:.1}" cy="{ly:.1}" r="4" fill="{VALUE_COLOR}"/><text x="{:.1}" y="{:.1}">{}</text>"##,
        lx + 22.0,
        lx + 11.0,
        lx + 28.0,
        ly + 5.0,
        escape(&measured)
    );
    lx += 28.0 + text_width(&measured) + 18.0;
    let _ = write!(
        svg,
        r##"<path d="M{0:.1} {1:.1} L{2:.1} {3:.1} L{0:.1} {4:.1} L{5:.1} {3:.1} Z" fill="{TARGET_COLOR}"/><text x="{6:.1}" y="{7:.1}">{8}</text>"##,
        lx + 6.0,
        ly - 6.0,
        lx + 12.0,
        ly,
        ly + 6.0,
        lx,
        lx + 18.0,
        ly + 5.0,
        escape(&target)
    );
    lx += 18.0 + text_width(&target) + 18.0;
    let _ = write!(
        svg,
        r##"<line x1="{lx:.1}" y1="{0:.1}" x2="{1:.1}" y2="{0:.1}" stroke="{PATH_COLOR}" stroke-width="1.5" stroke-dasharray="6 4"/><circle cx="{lx:.1}" cy="{0:.1}" r="4" fill="#fff" stroke="{PATH_COLOR}" stroke-width="1.5"/><text x="{2:.1}" y="{3:.1}">{4}</text>"##,
        ly,
        lx + 26.0,
        lx + 32.0,
        ly + 5.0,
        escape(&path)
    );
}

/// About how wide `text` is at [`FONT_SIZE`] in a Times-like face: enough to place
/// the legend's entries one after another without overlap.
fn text_width(text: &str) -> f64 {
    text.chars().count() as f64 * FONT_SIZE * 0.5
}

/// The bound a path heads for: the minimum, else the maximum.
fn goal(t: &Target) -> Option<f64> {
    t.min.or(t.max)
}

fn points_text(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The top of the value axis and the step between its ticks: a round number above
/// `highest`, in four or five steps.
fn nice_scale(highest: f64) -> (f64, f64) {
    if highest <= 0.0 || !highest.is_finite() {
        return (1.0, 0.25);
    }
    let raw = highest * 1.1 / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let top = (highest * 1.1 / step).ceil() * step;
    (top, step)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round() {
        assert_eq!(nice_scale(45.0), (50.0, 10.0));
        assert_eq!(nice_scale(3.0), (4.0, 1.0));
        assert_eq!(nice_scale(2.0), (2.5, 0.5));
        assert_eq!(nice_scale(0.0), (1.0, 0.25));
    }
}
