//! `ktplan report`: the consolidated annual report of a year, in the plan's language (or
//! the one `--lang` names), as Markdown, one self-contained HTML page for A4, JSON, or a
//! Word document. The same inputs give the same bytes: no clock is read unless `--date`
//! is given.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::annual::{self, Options};
use crate::cli::{Global, ReportArgs, ReportFormat};
use crate::lang::notice::Document;
use crate::lang::{Lang, Notice};
use crate::render;

/// Consolidates the year and writes its report; exit 0 even when rows had errors.
pub(crate) fn run(global: &Global, args: &ReportArgs) -> Result<ExitCode> {
    if args.format == ReportFormat::Docx && args.output.is_none() {
        bail!(Notice::NotText {
            document: Document::Word
        });
    }
    let date = super::date_option(global, args.date.as_deref())?;
    let (plan, data, lang) = super::consolidated(global, args.year)?;
    // The report is a document that goes out for signing: like what is committed, it
    // follows `--lang`, else the plan's language, never the reader's environment.
    let options = Options {
        lang: global.lang.unwrap_or(plan.meta.language),
        number: args.number.clone(),
        date,
    };
    let (year, due_date) = (data.year, data.due_date);
    // The report holds what it says of the rows: the consolidation is not needed past
    // here, and at national scale its texts take tens of megabytes.
    let report = annual::build_from(&plan, data, &options);
    match args.format {
        // The page and the Markdown are written a part at a time: a national roll-up's
        // are large.
        ReportFormat::Html => {
            let target = args.output.as_deref().unwrap_or(Path::new("-"));
            crate::output::Target::new(target)
                .create()?
                .write_with(|out| render::html::write_annual_report(out, &report))?;
        }
        ReportFormat::Md => {
            let target = args.output.as_deref().unwrap_or(Path::new("-"));
            crate::output::Target::new(target)
                .create()?
                .write_with(|out| render::markdown::write_annual_report(out, &report))?;
        }
        ReportFormat::Json => {
            let target = args.output.as_deref().unwrap_or(Path::new("-"));
            crate::output::Target::new(target)
                .create()?
                .write_with(|out| {
                    serde_json::to_writer_pretty(&mut *out, &report)?;
                    out.write_all(b"\n")
                })?;
        }
        // The document's properties carry the report's date, else the due date: never the clock.
        ReportFormat::Docx => crate::output::write(
            args.output.as_deref(),
            &render::docx::annual_report(&report, date.unwrap_or(due_date))?,
        )?,
    }
    if let (Some(path), false) = (&args.output, global.quiet)
        && path.as_os_str() != "-"
    {
        match lang {
            Lang::Vi => eprintln!("đã ghi {}: báo cáo kết quả năm {year}", path.display()),
            Lang::En => eprintln!("wrote {}: the report for {year}", path.display()),
        }
    }
    Ok(ExitCode::SUCCESS)
}
