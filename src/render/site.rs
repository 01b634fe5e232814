//! The progress site as files: each page as one HTML document with its style inline,
//! its charts as inline SVG and every link relative to the page, and each table's data
//! as CSV (the rules of SPEC section 6) and JSON. No script, nothing fetched from
//! elsewhere: the site reads the same from `file://`, under any sub-path, and on paper.

use std::fmt::Write as _;

use anyhow::Result;
use serde_json::{Value, json};

use crate::render::escape::html as escape;
use crate::render::svg;
use crate::site::{Block, Cell, Chart, Fact, Page, Site, Table};

/// One file of the site: its path from the site's root and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct File {
    /// `index.html`, `data/tasks/3.1-status.csv`.
    pub path: String,
    /// What it holds.
    pub bytes: Vec<u8>,
}

/// Every file of the site, in a fixed order: each page, then its tables' data files.
/// Two tables with the same data path must hold the same data.
pub(crate) fn files(site: &Site) -> Result<Vec<File>> {
    let mut out = Vec::new();
    // A table shown on two pages (a chart's figures on the overview and on its
    // indicator's page) has one pair of data files, named after the first.
    let mut written = std::collections::BTreeSet::new();
    for page in &site.pages {
        out.push(File {
            path: page.path.clone(),
            bytes: page_html(site, page).into_bytes(),
        });
        for table in tables(page) {
            if !written.insert(table.data.as_str()) {
                continue;
            }
            out.push(File {
                path: format!("{}.csv", table.data),
                bytes: table_csv(table)?.into_bytes(),
            });
            out.push(File {
                path: format!("{}.json", table.data),
                bytes: table_json(table, &page.path)?.into_bytes(),
            });
        }
    }
    Ok(out)
}

/// Every table of a page, the charts' figures included.
fn tables(page: &Page) -> Vec<&Table> {
    fn collect<'a>(blocks: &'a [Block], out: &mut Vec<&'a Table>) {
        for block in blocks {
            match block {
                Block::Table(table) => out.push(table),
                Block::Chart(chart) => out.push(&chart.figures),
                Block::Columns(columns) => {
                    for column in columns {
                        collect(column, out);
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for section in &page.sections {
        collect(&section.blocks, &mut out);
    }
    out
}

const STYLE: &str = r#"
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-family: "Noto Sans", "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; font-size: 1rem; line-height: 1.5; color: #1b1b1b; background: #fff; overflow-wrap: break-word; }
a { color: #0b4f9c; }
a:focus { outline: 3px solid #c77700; outline-offset: 2px; }
.skip { position: absolute; left: -100vw; top: .5rem; background: #fff; color: #0b4f9c; padding: .3rem .6rem; }
.skip:focus { left: .5rem; }
header.site { background: #0b3d77; color: #fff; padding: .6rem 0; }
header.site nav { max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
header.site ol { list-style: none; margin: 0; padding: 0; }
header.site li { display: inline; }
header.site li + li::before { content: " › "; }
header.site a { color: #fff; }
main, footer { display: block; max-width: 62rem; margin: 0 auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1rem 0 .5rem; }
h2 { font-size: 1.3rem; line-height: 1.3; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid #0b3d77; }
h3 { font-size: 1.1rem; line-height: 1.3; margin: 1.5rem 0 .4rem; }
p { margin: 0 0 .7rem; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 26rem), 1fr)); gap: 0 2rem; }
.columns > div { min-width: 0; }
p.lead { font-size: 1.1rem; color: #333; }
dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: .3rem 1rem; margin: 0 0 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .2rem; font-size: .95rem; }
table.narrow { width: auto; min-width: min(100%, 24rem); }
table.cards caption { display: block; }
caption { text-align: left; font-weight: bold; padding: .2rem 0 .4rem; }
th, td { border: 1px solid #a9a9a9; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #e9eef5; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
p.data { font-size: .9rem; margin: .2rem 0 1.2rem; }
figure.chart { margin: .6rem 0 .4rem; }
figure.chart svg { display: block; width: 100%; max-width: 35rem; height: auto; }
figure.small svg { max-width: 26rem; }
figcaption { font-size: .9rem; font-style: italic; margin-top: .2rem; }
details.figures { margin: 0 0 1rem; }
details.figures summary { cursor: pointer; color: #0b4f9c; }
table.cards thead, .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table.cards, table.cards tbody, table.cards tr, table.cards td { display: block; width: 100%; }
table.cards tr { border: 1px solid #a9a9a9; margin: 0 0 .6rem; padding: .3rem .6rem; }
table.cards td { border: 0; padding: .15rem 0; text-align: left; }
table.cards td::before { content: attr(data-label) ": "; font-weight: bold; }
table.cards td:empty { display: none; }
footer { margin-top: 2.5rem; padding-top: .8rem; padding-bottom: 1.5rem; border-top: 1px solid #a9a9a9; font-size: .9rem; color: #444; }
@media (max-width: 40rem) {
  h1 { font-size: 1.35rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin-bottom: .5rem; }
  table.wide caption { display: block; }
  table.wide thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  table.wide, table.wide tbody, table.wide tr, table.wide td { display: block; width: 100%; }
  table.wide tr { border: 1px solid #a9a9a9; margin: 0 0 .5rem; padding: .2rem .5rem; }
  table.wide td { border: 0; padding: .1rem 0; text-align: left; }
  table.wide td::before { content: attr(data-label) ": "; font-weight: bold; }
  table.wide td:empty { display: none; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  body { font-size: 11pt; }
  header.site, .skip, p.data { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, caption { break-after: avoid; }
  tr, figure, dl.facts { break-inside: avoid; }
  th { background: none; }
}
"#;

/// How far below the site's root a page lies: `../` once per folder.
fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A link from the site's root, as written in a page at `from`: relative, and with
/// anything but plain letters, digits and `-._~/` percent-encoded.
fn href(from: &str, target: &str) -> String {
    let mut out = root_prefix(from);
    for byte in target.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Text for HTML: control characters (which no page may hold) dropped, then escaped.
fn text(t: &str) -> String {
    let kept: String = t
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    escape(kept.trim()).replace('\n', "<br>")
}

/// One page as an HTML document.
pub(crate) fn page_html(site: &Site, page: &Page) -> String {
    let words = site.words;
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        site.lang.code(),
        if page.path == "index.html" {
            text(&page.title)
        } else {
            format!("{} - {}", text(&page.title), text(&site.name))
        }
    );
    let _ = writeln!(
        out,
        "<a class=\"skip\" href=\"#main\">{}</a>",
        text(words.skip)
    );
    let _ = write!(
        out,
        "<header class=\"site\"><nav aria-label=\"{}\"><ol><li><a href=\"{}\">{}</a></li>",
        text(words.navigation),
        href(&page.path, "index.html"),
        text(&site.name)
    );
    if page.path != "index.html" {
        let _ = write!(
            out,
            "<li><a href=\"#main\" aria-current=\"page\">{}</a></li>",
            text(&page.title)
        );
    }
    out.push_str("</ol></nav></header>\n<main id=\"main\">\n");
    let _ = writeln!(out, "<h1>{}</h1>", text(&page.title));
    if let Some(lead) = &page.lead {
        let _ = writeln!(out, "<p class=\"lead\">{}</p>", text(lead));
    }
    for section in &page.sections {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", text(&section.heading));
        for block in &section.blocks {
            block_html(&mut out, site, page, block);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n<footer>\n");
    for line in &site.footer {
        let _ = writeln!(out, "<p>{}</p>", text(line));
    }
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

fn block_html(out: &mut String, site: &Site, page: &Page, block: &Block) {
    match block {
        Block::Subheading(cell) => {
            let _ = writeln!(out, "<h3>{}</h3>", cell_html(page, cell));
        }
        Block::Paragraph(p) => {
            let _ = writeln!(out, "<p>{}</p>", text(p));
        }
        Block::Facts(facts) => facts_html(out, page, facts),
        Block::Table(table) => table_html(out, site, page, table),
        Block::Chart(chart) => chart_html(out, site, page, chart),
        Block::Columns(columns) => {
            out.push_str("<div class=\"columns\">\n");
            for column in columns {
                out.push_str("<div>\n");
                for block in column {
                    block_html(out, site, page, block);
                }
                out.push_str("</div>\n");
            }
            out.push_str("</div>\n");
        }
    }
}

fn cell_html(page: &Page, cell: &Cell) -> String {
    let mut parts: Vec<String> = cell
        .links
        .iter()
        .map(|l| {
            format!(
                "<a href=\"{}\">{}</a>",
                escape(&href(&page.path, &l.href)),
                text(&l.text)
            )
        })
        .collect();
    if !cell.text.trim().is_empty() {
        parts.push(text(&cell.text));
    }
    parts.join("; ")
}

fn facts_html(out: &mut String, page: &Page, facts: &[Fact]) {
    out.push_str("<dl class=\"facts\">\n");
    for fact in facts {
        let _ = writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            text(&fact.label),
            cell_html(page, &fact.value)
        );
    }
    out.push_str("</dl>\n");
}

fn table_html(out: &mut String, site: &Site, page: &Page, table: &Table) {
    let _ = write!(
        out,
        "<table class=\"{}\">\n<caption>{}</caption>\n<thead><tr>",
        match (table.cards, table.columns.len()) {
            (true, _) => "cards",
            (false, 0..=2) => "narrow",
            (false, _) => "wide",
        },
        text(&table.caption)
    );
    for column in &table.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", text(column.label));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (column, cell) in table.columns.iter().zip(row) {
            let class = if cell.data.is_number() && cell.links.is_empty() {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(
                out,
                "<td{class} data-label=\"{}\">{}</td>",
                text(column.label),
                cell_html(page, cell)
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    let _ = writeln!(
        out,
        "<p class=\"data\">{} <a href=\"{}\">CSV</a>, <a href=\"{}\">JSON</a></p>",
        text(site.words.data_files),
        escape(&href(&page.path, &format!("{}.csv", table.data))),
        escape(&href(&page.path, &format!("{}.json", table.data)))
    );
}

fn chart_html(out: &mut String, site: &Site, page: &Page, chart: &Chart) {
    let _ = writeln!(
        out,
        "<figure class=\"chart{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
        if chart.small { " small" } else { "" },
        svg::indicator_chart(&chart.entry),
        text(&chart.caption)
    );
    // The figures as a table: the chart's text alternative; folded on the overview.
    if chart.small {
        let _ = writeln!(
            out,
            "<details class=\"figures\"><summary>{}</summary>",
            text(site.words.chart_figures)
        );
        table_html(out, site, page, &chart.figures);
        out.push_str("</details>\n");
    } else {
        table_html(out, site, page, &chart.figures);
    }
}

/// A table as CSV: UTF-8 with a byte-order mark, CRLF, headings in the site's language,
/// a cell a spreadsheet would run as a formula written with a leading `'`.
pub(crate) fn table_csv(table: &Table) -> Result<String> {
    let header: Vec<&str> = table.columns.iter().map(|c| c.label).collect();
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|cell| crate::render::csv::formula_safe(&csv_value(&cell.data)).into_owned())
                .collect()
        })
        .collect();
    crate::render::csv::render(&header, &rows, true)
}

/// A value as a CSV cell: numbers with `.` decimals and no grouping, lists joined by `; `.
fn csv_value(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            Some(f) => f.to_string(),
            None => n.to_string(),
        },
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(csv_value).collect::<Vec<_>>().join("; "),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, v)| format!("{k} {}", csv_value(v)))
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// A table as JSON: its caption, the page it is on, its columns, and its rows as
/// objects keyed by column.
pub(crate) fn table_json(table: &Table, page: &str) -> Result<String> {
    let rows: Vec<Value> = table
        .rows
        .iter()
        .map(|row| {
            Value::Object(
                table
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| (c.key.to_string(), cell.data.clone()))
                    .collect(),
            )
        })
        .collect();
    let columns: Vec<Value> = table
        .columns
        .iter()
        .map(|c| json!({"key": c.key, "label": c.label}))
        .collect();
    let mut text = serde_json::to_string_pretty(&json!({
        "caption": table.caption,
        "page": page,
        "columns": columns,
        "rows": rows,
    }))?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_relative_to_the_page() {
        assert_eq!(href("index.html", "tasks/3.1.html"), "tasks/3.1.html");
        assert_eq!(
            href("tasks/3.1.html", "units/STC.html"),
            "../units/STC.html"
        );
        assert_eq!(
            href("units/A B.html", "units/A B.html"),
            "../units/A%20B.html"
        );
    }

    #[test]
    fn control_characters_never_reach_a_page() {
        assert_eq!(text("a\u{7}b\u{1b}[31m <c>\nd"), "ab[31m &lt;c&gt;<br>d");
    }

    #[test]
    fn csv_numbers_have_no_grouping() {
        assert_eq!(csv_value(&json!(40.0)), "40");
        assert_eq!(csv_value(&json!(41.5)), "41.5");
        assert_eq!(csv_value(&json!(["STC", "SKHCN"])), "STC; SKHCN");
        assert_eq!(csv_value(&json!({"min": 40.0, "max": null})), "min 40");
    }
}
