//! One file per subcommand, each `run(args) -> Result<ExitCode>`.

pub mod check;
pub mod completions;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod merge;
pub mod report;
pub mod schema;
pub mod site;
pub mod status;
pub mod template;

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::cli::{ColorChoice, Global};
use crate::consolidate::{self, Consolidation, SubmissionDates};
use crate::load::git::History;
use crate::model::Plan;
use crate::workspace::Workspace;

/// Writes to standard output; a closed pipe surfaces as an error that ends the command quietly.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Whether standard output gets colour.
pub fn color(global: &Global) -> bool {
    match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// One year consolidated, for `status`, `merge` and `report`: the plan, and the year's
/// data from the checked reports of every plan year up to it and the git history.
/// Prints to standard error how many rows were left out for errors, unless `quiet`.
pub fn consolidated(global: &Global, year: Option<i32>) -> Result<(Plan, Consolidation)> {
    let (plan, mut years) = consolidate_years(global, year, false)?;
    let data = years.pop().expect("the year asked for is consolidated");
    Ok((plan, data))
}

/// Every plan year up to `year` consolidated, for `site`: the files are read and checked
/// once, and each year's data comes from the reports up to it. Prints what was left out
/// of the last year, as [`consolidated`] does.
pub fn consolidated_years(
    global: &Global,
    year: Option<i32>,
) -> Result<(Plan, Vec<Consolidation>)> {
    consolidate_years(global, year, true)
}

/// Consolidates `year` (the default year when `None`) and, when `all`, every plan year
/// before it too, oldest first.
fn consolidate_years(
    global: &Global,
    year: Option<i32>,
    all: bool,
) -> Result<(Plan, Vec<Consolidation>)> {
    let ws = Workspace::discover(global)?;
    let plan = ws.plan()?;
    let year = ws.year_or_default(&plan, year);
    if !plan.covers(year) {
        anyhow::bail!(
            "the year {year} lies outside the plan's period {}-{}",
            plan.meta.start_year,
            plan.meta.end_year
        );
    }
    let first = if all { plan.meta.start_year } else { year };
    let files: Vec<_> = ws
        .report_files()?
        .into_iter()
        .filter(|f| {
            f.owner
                .as_ref()
                .is_some_and(|o| (plan.meta.start_year..=year).contains(&o.year))
        })
        .collect();
    let checked = crate::check::check_files(&plan, &ws.root, &ws.reports, &files, None);
    let dated: Vec<_> = files
        .iter()
        .filter(|f| f.owner.as_ref().is_some_and(|o| o.year >= first))
        .collect();
    let mut dates = SubmissionDates::new();
    if !dated.is_empty() {
        let history = History::read(&ws.reports);
        for file in dated {
            dates.insert(file.display.clone(), history.first_added(&file.path));
        }
    }
    let years: Vec<Consolidation> = (first..=year)
        .map(|y| consolidate::consolidate(&plan, y, &checked, &dates))
        .collect();
    let data = years.last().expect("at least the year asked for");
    if !global.quiet {
        let left_out = data.rows_with_errors + data.files_with_errors;
        if left_out > 0 || !data.diagnostics.is_empty() {
            eprintln!(
                "note: {} and {} with errors left out of {year}; `ktplan check` shows them",
                crate::diag::plural(data.rows_with_errors, "row", "rows"),
                crate::diag::plural(data.files_with_errors, "file", "files"),
            );
        }
        for d in &data.diagnostics {
            eprint!(
                "{}",
                crate::diag::render_text(std::slice::from_ref(d), false)
            );
        }
    }
    Ok((plan, years))
}
