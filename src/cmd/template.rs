//! `ktplan template`: a unit's report form for a year, one row per task it leads or
//! supports and per indicator it reports, titles filled, the rest left to the clerk.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::check::report::{Owner, check_owner};
use crate::cli::{Global, Lang, TemplateArgs};
use crate::load::report::Field;
use crate::model::Plan;
use crate::render;
use crate::workspace::Workspace;

/// Writes the form.
pub fn run(global: &Global, args: &TemplateArgs) -> Result<ExitCode> {
    let ws = Workspace::discover(global)?;
    let plan = ws.plan()?;
    let owner = Owner {
        unit: args.unit.clone(),
        year: args.year,
    };
    if let Some(problem) = check_owner(
        &plan,
        &owner,
        &format!("--unit {} --year {}", args.unit, args.year),
    ) {
        let help = problem.help.map(|h| format!(" ({h})")).unwrap_or_default();
        bail!("{}{help}", problem.message);
    }
    let text = form(&plan, &owner, args.lang)?;
    if let Some(path) = &args.output {
        if path.exists() && !args.force {
            eprintln!(
                "{} already exists; it may hold a filled-in report. Nothing was written (--force replaces it).",
                path.display()
            );
            return Ok(ExitCode::from(1));
        }
    }
    super::write_output(args.output.as_deref(), &text)?;
    if let (Some(path), false) = (&args.output, global.quiet) {
        let rows = text.lines().count().saturating_sub(1);
        eprintln!(
            "wrote {}: {}'s form for {}, {}",
            path.display(),
            owner.unit,
            owner.year,
            crate::diag::plural(rows, "row", "rows")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The form as CSV for people (UTF-8 with a byte-order mark, CRLF).
pub fn form(plan: &Plan, owner: &Owner, lang: Lang) -> Result<String> {
    let header: Vec<&str> = Field::ALL
        .iter()
        .map(|f| match lang {
            Lang::Vi => f.vietnamese(),
            Lang::En => f.english(),
        })
        .collect();
    let (task, indicator) = match lang {
        Lang::Vi => ("Nhiệm vụ", "Chỉ tiêu"),
        Lang::En => ("task", "indicator"),
    };
    let blank = || vec![String::new(); Field::ALL.len() - 3];
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (t, _) in plan.tasks_of(&owner.unit, owner.year) {
        let mut row = vec![task.to_string(), t.id.clone(), t.title.clone()];
        row.extend(blank());
        rows.push(row);
    }
    for i in plan.indicators_of(&owner.unit, owner.year) {
        let mut row = vec![indicator.to_string(), i.id.clone(), i.name.clone()];
        row.extend(blank());
        rows.push(row);
    }
    if rows.is_empty() {
        bail!(
            "{} has no task or indicator in {}: there is no form to fill",
            owner.unit,
            owner.year
        );
    }
    render::csv::render(&header, &rows, true)
}
