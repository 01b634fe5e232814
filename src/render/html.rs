//! The annual report as one self-contained HTML page that prints as an administrative
//! document on A4 (Decree 30/2020/NĐ-CP: Times New Roman 13-14pt, margins top and
//! bottom 20 mm, left 30 mm, right 15 mm): inline CSS and SVG, no script, nothing
//! fetched from the network, every text from the data escaped.

use std::fmt::Write as _;

use crate::annual::{AnnualReport, Attributed, Contribution, label};
use crate::render::escape::html as escape;
use crate::render::svg;

/// Escapes text and keeps its line breaks.
fn text(t: &str) -> String {
    escape(t.trim()).replace("\r\n", "\n").replace('\n', "<br>")
}

const STYLE: &str = r#"
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@page { @top-center { content: counter(page); font-family: "Times New Roman", Tinos, "Noto Serif", "DejaVu Serif", serif; font-size: 13pt; } }
@page :first { @top-center { content: none; } }
html { background: #e8e8e8; }
body { font-family: "Times New Roman", Tinos, "Noto Serif", "DejaVu Serif", serif; font-size: 14pt; line-height: 1.35; color: #000; margin: 0; }
@media screen {
  body { background: #fff; width: 165mm; margin: 8mm auto; padding: 20mm 15mm 20mm 30mm; box-shadow: 0 0 4mm rgba(0,0,0,.25); }
}
@media print { html { background: none; } }
table.header { width: 100%; border-collapse: collapse; margin: 0 0 14pt; }
table.header td { text-align: center; vertical-align: top; padding: 0; }
table.header td.left { width: 44%; }
.issuer-parent { font-size: 12pt; }
.issuer { font-size: 12pt; font-weight: bold; }
.motto { font-size: 12pt; font-weight: bold; white-space: nowrap; }
.motto-line { font-size: 13pt; font-weight: bold; }
.rule { display: block; width: 32%; margin: 1pt auto 0; border-top: 0.75pt solid #000; }
.motto-line span { display: inline-block; border-bottom: 0.75pt solid #000; padding-bottom: 1pt; }
.number { font-size: 13pt; padding-top: 8pt !important; }
.title-rule, .rule { break-after: avoid; }
.place-date { font-style: italic; padding-top: 8pt !important; }
.title { text-align: center; font-weight: bold; margin: 12pt 0 0; text-indent: 0; }
.subtitle { text-align: center; font-weight: bold; margin: 0; text-indent: 0; }
.title-rule { width: 28%; border-top: 0.75pt solid #000; margin: 5pt auto 14pt; }
p { margin: 0 0 6pt; text-align: justify; text-indent: 10mm; }
h2, h3, h4, p.task-title, p.label { break-after: avoid; }
h2 { font-size: 14pt; font-weight: bold; margin: 12pt 0 6pt; }
h3 { font-size: 14pt; font-weight: bold; margin: 10pt 0 6pt; text-indent: 10mm; }
h4 { font-size: 14pt; font-weight: bold; font-style: italic; margin: 8pt 0 4pt; text-indent: 10mm; }
p.task-title { font-weight: bold; margin-top: 6pt; text-align: left; }
p.task-summary, p.label { font-style: italic; }
ul { margin: 0 0 6pt; padding-left: 10mm; list-style-type: "- "; }
li { text-align: justify; margin: 0 0 3pt; }
table.data { border-collapse: collapse; width: 100%; font-size: 12pt; line-height: 1.25; margin: 6pt 0 10pt; }
table.data th, table.data td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
table.data th { text-align: center; font-weight: bold; }
table.data td.n { text-align: center; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; }
figure.chart { margin: 4pt 0 8pt; text-align: center; break-inside: avoid; }
figure.chart svg { max-width: 100%; height: auto; }
figcaption { font-size: 12pt; font-style: italic; }
table.signature { width: 100%; border-collapse: collapse; margin-top: 18pt; break-inside: avoid; break-before: avoid; }
table.signature td { vertical-align: top; padding: 0; }
table.signature td.recipients { width: 50%; font-size: 11pt; line-height: 1.25; }
table.signature .heading { font-size: 12pt; font-weight: bold; font-style: italic; }
table.signature td.signer { text-align: center; font-weight: bold; }
table.signature .sign-space { height: 28mm; }
.annex { break-before: page; }
.annex .annex-label, .annex .annex-title { text-align: center; font-weight: bold; margin: 0; text-indent: 0; }
.annex .attached { text-align: center; font-style: italic; margin: 0 0 12pt; text-indent: 0; }
"#;

/// The annual report as one HTML page, written to `sink` a part at a time (the annexes
/// table by table), so that a national roll-up's page, which lists thousands of units'
/// results, is never whole in memory.
pub(crate) fn write_annual_report(
    sink: &mut dyn std::io::Write,
    r: &AnnualReport,
) -> std::io::Result<()> {
    let mut out = String::new();
    compose(r, &mut out, &mut |part: &mut String| {
        sink.write_all(part.as_bytes())?;
        part.clear();
        Ok(())
    })
}

/// Composes the page into `out`, handing it to `hand_on` after each large part (which
/// may empty it) and at the end.
fn compose(
    r: &AnnualReport,
    out: &mut String,
    hand_on: &mut dyn FnMut(&mut String) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} - {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        r.lang.code(),
        escape(&r.title),
        escape(&r.subtitle)
    );
    header(out, r);
    let _ = writeln!(
        out,
        "<p class=\"title\">{}</p>\n<p class=\"subtitle\">{}</p>\n<div class=\"title-rule\"></div>",
        escape(&r.title),
        escape(&r.subtitle)
    );
    paragraphs(out, &r.introduction);
    results(out, r);
    indicators(out, r);
    // III. General assessment.
    let _ = writeln!(out, "<h2>{}</h2>", escape(&r.assessment.heading));
    paragraphs(out, &r.assessment.summary);
    let _ = writeln!(
        out,
        "<h3>{}</h3>",
        escape(&r.assessment.difficulties_heading)
    );
    if r.assessment.difficulties.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", escape(&label::no_difficulties(r.lang)));
    }
    for group in &r.assessment.difficulties {
        let _ = writeln!(out, "<h4>{}</h4>", escape(&group.heading));
        attributed(out, &group.entries);
    }
    // IV. Proposals.
    let _ = writeln!(out, "<h2>{}</h2>", escape(&r.proposals.heading));
    paragraphs(out, &r.proposals.paragraphs);
    for unit in &r.proposals.items {
        let _ = writeln!(out, "<h3>{}</h3>", escape(&unit.heading));
        attributed(out, &unit.entries);
    }
    let _ = writeln!(out, "<p>{}</p>", text(&r.closing));
    signature(out, r);
    hand_on(out)?;
    for annex in &r.annexes {
        let _ = writeln!(
            out,
            "<section class=\"annex\">\n<p class=\"annex-label\">{}</p>\n<p class=\"annex-title\">{}</p>\n<p class=\"attached\">{}</p>",
            escape(&annex.label.to_uppercase()),
            escape(&annex.title),
            escape(&annex.attached_to)
        );
        paragraphs(out, &annex.paragraphs);
        for t in &annex.tables {
            if let Some(caption) = &t.caption {
                let _ = writeln!(out, "<p class=\"task-title\">{}</p>", escape(caption));
            }
            let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
            data_table(out, &header, &t.rows);
            hand_on(out)?;
        }
        out.push_str("</section>\n");
    }
    out.push_str("</body>\n</html>\n");
    hand_on(out)
}

fn header(out: &mut String, r: &AnnualReport) {
    let h = &r.header;
    let parent = h
        .issuer_parent
        .as_ref()
        .map(|p| format!("<div class=\"issuer-parent\">{}</div>", escape(p)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<table class=\"header\">\n<tr><td class=\"left\">{parent}<div class=\"issuer\">{}</div><span class=\"rule\"></span></td>\
         <td><div class=\"motto\">{}</div><div class=\"motto-line\"><span>{}</span></div></td></tr>\n\
         <tr><td class=\"number\">{}</td><td class=\"place-date\">{}</td></tr>\n</table>",
        escape(&h.issuer),
        escape(&h.motto),
        escape(&h.motto_line),
        escape(&h.number),
        escape(&h.place_date)
    );
}

fn paragraphs(out: &mut String, list: &[String]) {
    for p in list {
        let _ = writeln!(out, "<p>{}</p>", text(p));
    }
}

fn contributions(
    out: &mut String,
    r: &AnnualReport,
    said: &[Contribution],
    not_applicable: &[String],
) {
    if said.is_empty() && not_applicable.is_empty() {
        return;
    }
    out.push_str("<ul>\n");
    for c in said {
        let _ = writeln!(
            out,
            "<li title=\"{}\">{}</li>",
            escape(&c.source),
            text(&c.text)
        );
    }
    if !not_applicable.is_empty() {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            escape(&crate::annual::not_applicable_words(r.lang, not_applicable))
        );
    }
    out.push_str("</ul>\n");
}

fn attributed(out: &mut String, list: &[Attributed]) {
    out.push_str("<ul>\n");
    for a in list {
        let _ = writeln!(
            out,
            "<li title=\"{}\">{} <i>({})</i></li>",
            escape(&a.sources.join(", ")),
            text(&a.text),
            escape(&a.by)
        );
    }
    out.push_str("</ul>\n");
}

fn results(out: &mut String, r: &AnnualReport) {
    let _ = writeln!(out, "<h2>{}</h2>", escape(&r.results.heading));
    paragraphs(out, &r.results.paragraphs);
    for part in &r.results.items {
        // Items sit one level below their part, or right below the chapter without one.
        let level = if part.heading.is_empty() {
            "h3"
        } else {
            let _ = writeln!(out, "<h3>{}</h3>", escape(&part.heading));
            "h4"
        };
        for item in &part.items {
            let _ = writeln!(out, "<{level}>{}</{level}>", escape(&item.heading));
            for task in &item.tasks {
                let _ = writeln!(
                    out,
                    "<p class=\"task-title\">{}</p>\n<p class=\"task-summary\">{}</p>",
                    escape(&task.heading),
                    escape(&task.summary)
                );
                contributions(out, r, &task.lead, &task.lead_not_applicable);
                if !task.support.is_empty() || !task.support_not_applicable.is_empty() {
                    let _ = writeln!(
                        out,
                        "<p class=\"label\">{}</p>",
                        escape(&label::support(r.lang))
                    );
                    contributions(out, r, &task.support, &task.support_not_applicable);
                }
                if let Some(summary) = &task.support_summary {
                    let _ = writeln!(
                        out,
                        "<p><i>{}</i> {}</p>",
                        escape(&label::support(r.lang)),
                        escape(summary)
                    );
                }
            }
        }
    }
}

fn indicators(out: &mut String, r: &AnnualReport) {
    let _ = writeln!(out, "<h2>{}</h2>", escape(&r.indicators.heading));
    paragraphs(out, &r.indicators.paragraphs);
    let table = r.indicator_table();
    let header: Vec<&str> = table.header.iter().map(String::as_str).collect();
    data_table(out, &header, &table.rows);
    for (n, i) in r.indicators.items.iter().enumerate() {
        let _ = writeln!(out, "<h4>{}. {}</h4>", n + 1, escape(&i.name));
        let _ = writeln!(
            out,
            "<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
            svg::indicator_chart(i),
            escape(&i.chart_caption),
        );
        let _ = writeln!(
            out,
            "<ul>\n<li>{}</li>\n<li>{}</li>\n<li>{} <b>{}</b>.</li>",
            escape(&i.history_text),
            escape(&i.explanation),
            escape(&label::assessment(r.lang)),
            escape(&i.assessment_text)
        );
        if let Some(words) = &i.plan_words {
            let _ = writeln!(
                out,
                "<li>{} {}.</li>",
                escape(&label::plan_target(r.lang)),
                escape(words.trim_end_matches('.'))
            );
        }
        out.push_str("</ul>\n");
    }
}

fn signature(out: &mut String, r: &AnnualReport) {
    let s = &r.signature;
    let recipients: Vec<String> = s.recipients.iter().map(|x| escape(x)).collect();
    let mut signer: String = s
        .authority
        .iter()
        .map(|line| format!("<div>{}</div>", escape(line)))
        .collect();
    signer.push_str("<div class=\"sign-space\"></div>");
    if let Some(name) = &s.signer_name {
        let _ = write!(signer, "<div class=\"signer-name\">{}</div>", escape(name));
    }
    let _ = writeln!(
        out,
        "<table class=\"signature\"><tr><td class=\"recipients\"><div class=\"heading\">{}</div>{}</td><td class=\"signer\">{signer}</td></tr></table>",
        escape(&s.recipients_heading),
        recipients.join("<br>"),
    );
}

fn data_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    out.push_str("<table class=\"data\">\n<thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            if i == 0 {
                let _ = write!(out, "<td class=\"n\">{}</td>", text(cell));
            } else {
                let _ = write!(out, "<td>{}</td>", text(cell));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(text("a\nb <i>"), "a<br>b &lt;i&gt;");
    }
}
