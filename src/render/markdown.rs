//! Markdown that renders as written on a git host: report text is escaped so that a
//! clerk's `*`, `_`, `<b>` or `1.` at the start of a line shows as typed.

use crate::annual::{AnnualReport, Attributed, Contribution, label};
use crate::render::escape::markdown as escape;

/// A Markdown table; cells must already be escaped.
pub(crate) fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    table_head(&mut out, header);
    for row in rows {
        table_row(&mut out, row.iter().map(String::as_str));
    }
    out
}

/// A table's header row and the line under it.
fn table_head(out: &mut String, header: &[&str]) {
    out.push_str(&format!("| {} |\n", header.join(" | ")));
    out.push_str(&format!(
        "|{}\n",
        header.iter().map(|_| "---|").collect::<String>()
    ));
}

/// A table row; its cells must already be escaped.
fn table_row<'c>(out: &mut String, cells: impl Iterator<Item = &'c str>) {
    out.push('|');
    for cell in cells {
        out.push(' ');
        out.push_str(if cell.is_empty() { " " } else { cell });
        out.push_str(" |");
    }
    out.push('\n');
}

/// Writes the annual report in Markdown, as a git host shows it: the header block and
/// the signature as two-column tables, every text from the data escaped. It is handed
/// to `sink` a part at a time: at national scale the annexes alone take tens of
/// megabytes.
pub(crate) fn write_annual_report(
    sink: &mut dyn std::io::Write,
    r: &AnnualReport,
) -> std::io::Result<()> {
    let mut out = String::new();
    header(&mut out, r);
    results(&mut out, r);
    indicators(&mut out, r);
    general_assessment(&mut out, r);
    proposals(&mut out, r);
    signature(&mut out, r);
    sink.write_all(out.as_bytes())?;
    out.clear();
    annexes(&mut out, r, sink)?;
    sink.write_all(out.as_bytes())
}

/// How much of the report is held before it is handed on.
const PART: usize = 64 * 1024;

/// The header block as a two-column table, the title, and the introduction.
fn header(out: &mut String, r: &AnnualReport) {
    let e = escape;
    let h = &r.header;
    let mut left = String::new();
    if let Some(parent) = &h.issuer_parent {
        left.push_str(&e(parent));
        left.push_str("<br>");
    }
    left.push_str(&format!("**{}**", e(&h.issuer)));
    out.push_str(&format!(
        "| {left} | **{}**<br>**{}** |\n|:---:|:---:|\n| {} | *{}* |\n\n",
        e(&h.motto),
        e(&h.motto_line),
        e(&h.number),
        e(&h.place_date)
    ));
    out.push_str(&format!(
        "<div align=\"center\">\n\n**{}**<br>\n**{}**\n\n</div>\n\n",
        e(&r.title),
        e(&r.subtitle)
    ));
    for p in &r.introduction {
        out.push_str(&format!("{}\n\n", e(p)));
    }
}

/// Chapter I: each part's items, each task's lead and support units' words.
fn results(out: &mut String, r: &AnnualReport) {
    let e = escape;
    chapter_head(out, &r.results.heading, &r.results.paragraphs);
    for part in &r.results.items {
        // Items sit one level below their part, or right below the chapter without one.
        let level = if part.heading.is_empty() {
            "###"
        } else {
            out.push_str(&format!("### {}\n\n", e(&part.heading)));
            "####"
        };
        for item in &part.items {
            out.push_str(&format!("{level} {}\n\n", e(&item.heading)));
            for task in &item.tasks {
                out.push_str(&format!(
                    "**{}**\n\n*{}*\n\n",
                    e(&task.heading),
                    e(&task.summary)
                ));
                contributions(out, r, &task.lead, &task.lead_not_applicable);
                if !task.support.is_empty() || !task.support_not_applicable.is_empty() {
                    out.push_str(&format!("*{}*\n\n", e(&label::support(r.lang))));
                    contributions(out, r, &task.support, &task.support_not_applicable);
                }
                if let Some(summary) = &task.support_summary {
                    out.push_str(&format!(
                        "*{}* {}\n\n",
                        e(&label::support(r.lang)),
                        e(summary)
                    ));
                }
            }
        }
    }
}

/// Chapter II: the indicators' table, then each indicator's values, assessment and the plan's words.
fn indicators(out: &mut String, r: &AnnualReport) {
    let e = escape;
    chapter_head(out, &r.indicators.heading, &r.indicators.paragraphs);
    let indicators = r.indicator_table();
    let rows: Vec<Vec<String>> = indicators
        .rows
        .iter()
        .map(|row| row.iter().map(|cell| e(cell)).collect())
        .collect();
    let header: Vec<&str> = indicators.header.iter().map(String::as_str).collect();
    out.push_str(&table(&header, &rows));
    out.push('\n');
    for (n, i) in r.indicators.items.iter().enumerate() {
        out.push_str(&format!("**{}. {}**\n\n", n + 1, e(&i.name)));
        out.push_str(&format!("- {}\n", e(&i.history_text)));
        out.push_str(&format!("- {}\n", e(&i.explanation)));
        out.push_str(&format!(
            "- {} **{}**.\n",
            e(&label::assessment(r.lang)),
            e(&i.assessment_text)
        ));
        if let Some(words) = &i.plan_words {
            out.push_str(&format!(
                "- {} {}.\n",
                e(&label::plan_target(r.lang)),
                e(words.trim_end_matches('.'))
            ));
        }
        out.push('\n');
    }
}

/// Chapter III: the summary and the difficulties met, by group.
fn general_assessment(out: &mut String, r: &AnnualReport) {
    let e = escape;
    chapter_head(out, &r.assessment.heading, &r.assessment.summary);
    out.push_str(&format!(
        "### {}\n\n",
        e(&r.assessment.difficulties_heading)
    ));
    if r.assessment.difficulties.is_empty() {
        out.push_str(&format!("{}\n\n", e(&label::no_difficulties(r.lang))));
    }
    for group in &r.assessment.difficulties {
        out.push_str(&format!("**{}**\n\n", e(&group.heading)));
        attributed(out, &group.entries);
    }
}

/// Chapter IV: each unit's proposals.
fn proposals(out: &mut String, r: &AnnualReport) {
    let e = escape;
    chapter_head(out, &r.proposals.heading, &r.proposals.paragraphs);
    for unit in &r.proposals.items {
        out.push_str(&format!("### {}\n\n", e(&unit.heading)));
        attributed(out, &unit.entries);
    }
}

/// The closing line, then "Nơi nhận" beside the signer, as a two-column table.
fn signature(out: &mut String, r: &AnnualReport) {
    let e = escape;
    out.push_str(&format!("{}\n\n", e(&r.closing)));
    let s = &r.signature;
    let recipients: Vec<String> = s.recipients.iter().map(|x| e(x)).collect();
    let authority: Vec<String> = s
        .authority
        .iter()
        .map(|x| format!("**{}**", e(x)))
        .collect();
    let name = s
        .signer_name
        .as_ref()
        .map(|n| format!("**{}**", e(n)))
        .unwrap_or_default();
    out.push_str(&format!(
        "| ***{}*** | {} |\n|:---|:---:|\n| {} | <br><br><br>{name} |\n\n",
        e(&s.recipients_heading),
        authority.join("<br>"),
        recipients.join("<br>")
    ));
}

/// The annexes, each with its title block, paragraphs and tables, handed to `sink` as
/// `out` fills.
fn annexes(
    out: &mut String,
    r: &AnnualReport,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let e = escape;
    for annex in &r.annexes {
        out.push_str(&format!(
            "---\n\n<div align=\"center\">\n\n**{}**<br>\n**{}**<br>\n*{}*\n\n</div>\n\n",
            e(&annex.label.to_uppercase()),
            e(&annex.title),
            e(&annex.attached_to)
        ));
        for p in &annex.paragraphs {
            out.push_str(&format!("{}\n\n", e(p)));
        }
        for t in &annex.tables {
            if let Some(caption) = &t.caption {
                out.push_str(&format!("**{}**\n\n", e(caption)));
            }
            let header: Vec<&str> = t.header.iter().map(String::as_str).collect();
            table_head(out, &header);
            for row in &t.rows {
                let cells: Vec<_> = row.iter().map(|c| e(c)).collect();
                table_row(out, cells.iter().map(AsRef::as_ref));
                if out.len() > PART {
                    sink.write_all(out.as_bytes())?;
                    out.clear();
                }
            }
            out.push('\n');
        }
    }
    Ok(())
}

fn chapter_head(out: &mut String, heading: &str, paragraphs: &[String]) {
    out.push_str(&format!("## {}\n\n", escape(heading)));
    for p in paragraphs {
        out.push_str(&format!("{}\n\n", escape(p)));
    }
}

/// Bullets of attributed results, then one bullet naming the units with nothing to report.
fn contributions(
    out: &mut String,
    r: &AnnualReport,
    said: &[Contribution],
    not_applicable: &[String],
) {
    for c in said {
        out.push_str(&format!("- {}\n", escape(&c.text)));
    }
    if !not_applicable.is_empty() {
        out.push_str(&format!(
            "- {}\n",
            escape(&crate::annual::not_applicable_words(r.lang, not_applicable))
        ));
    }
    if !said.is_empty() || !not_applicable.is_empty() {
        out.push('\n');
    }
}

fn attributed(out: &mut String, entries: &[Attributed]) {
    for a in entries {
        out.push_str(&format!("- {} *({})*\n", escape(&a.text), escape(&a.by)));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_shows_as_typed() {
        assert_eq!(escape("a*b_c <b>"), r"a\*b\_c \<b\>");
        assert_eq!(escape("1. một\n# hai"), r"1\. một<br>\# hai");
        assert_eq!(escape("[x](http://e)"), r"\[x\](http://e)");
        assert_eq!(escape("- gạch đầu dòng - giữa"), r"\- gạch đầu dòng - giữa");
        assert_eq!(escape("a | b"), r"a \| b");
        assert_eq!(escape("Sở KH&CN"), r"Sở KH\&CN");
    }
}
