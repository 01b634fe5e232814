//! `ktplan import`: takes a report received by e-mail into the repository. The file (CSV
//! or a workbook) is checked first; only a file without errors is written, in the
//! canonical CSV form, to `reports/<YYYY>/<UNIT>.csv`, atomically, and never over an
//! existing report without `--force`. The repository so keeps text that diffs well.

use std::process::ExitCode;

use anyhow::Result;

use crate::check::report::Owner;
use crate::check::{self, ReportFile};
use crate::cli::{Global, ImportArgs};
use crate::diag;
use crate::lang::{Lang, Notice};
use crate::model::{Entry, Kind, Plan, Report};
use crate::output;
use crate::render;
use crate::workspace::{Workspace, clean};

/// Checks and imports the file; exit 1 when it is refused.
pub(crate) fn run(global: &Global, args: &ImportArgs) -> Result<ExitCode> {
    let ws = super::workspace(global)?;
    let plan = ws.plan()?;
    let forced = super::check::forced_encoding(args.encoding.as_deref())?;
    let source = clean(&std::env::current_dir()?.join(&args.file));
    let owner = Owner {
        unit: args.unit.clone(),
        year: args.year,
    };
    let file = ReportFile {
        display: ws.display(&source),
        path: source.clone(),
        owner: Some(owner),
    };
    // Checked as `check` would, W104 against last year's report in the repository included,
    // before anything is taken in.
    let checked = check::check_files(
        &plan,
        &ws.root,
        &ws.reports,
        std::slice::from_ref(&file),
        forced,
    )
    .pop()
    .expect("one file checked");
    let color = super::color(global);
    let lang = ws.reading(&plan);
    super::print(&diag::render_text(&checked.diagnostics, lang, color))?;
    let Some(report) = admitted(checked, &file.display, &args.accept) else {
        return Ok(ExitCode::from(1));
    };
    let target = ws
        .reports
        .join(args.year.to_string())
        .join(format!("{}.csv", args.unit));
    let canonical = canonical(&plan, &report, ws.committing(&plan))?;
    if !take_in(&ws, &source, &target, canonical.as_bytes(), args.force)? {
        return Ok(ExitCode::from(1));
    }
    if !global.quiet {
        let tasks = report
            .rows
            .iter()
            .filter(|r| matches!(r.entry, Entry::Task(_)))
            .count();
        eprintln!(
            "{}",
            Notice::Imported {
                file: file.display.clone(),
                target: ws.display(&target),
                tasks,
                indicators: report.rows.len() - tasks,
                warnings: report.warnings,
            }
        );
    }
    workbooks_beside(&ws, &target, &args.unit);
    Ok(ExitCode::SUCCESS)
}

/// The checked report, when it may go in: no errors, and no shifted rows (W107) or
/// empty form (W109), which would go in looking like a report, unless the one importing
/// says they are right (`--accept`). Says why when it may not.
fn admitted(
    checked: check::Checked,
    file: &str,
    accept: &[crate::cli::Acceptable],
) -> Option<Report> {
    let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
    let report = match checked.report {
        Some(report) if errors == 0 => report,
        _ => {
            eprintln!(
                "{}",
                Notice::ImportErrors {
                    file: file.to_string(),
                    errors
                }
            );
            return None;
        }
    };
    let refused: Vec<crate::cli::Acceptable> = crate::cli::Acceptable::ALL
        .into_iter()
        .filter(|a| !accept.contains(a))
        .filter(|a| checked.diagnostics.iter().any(|d| d.code == a.code()))
        .collect();
    if !refused.is_empty() {
        eprintln!(
            "{}",
            Notice::ImportNeedsAccept {
                file: file.to_string(),
                shifted: refused.contains(&crate::cli::Acceptable::W107),
                empty: refused.contains(&crate::cli::Acceptable::W109),
            }
        );
        return None;
    }
    Some(report)
}

/// Writes the canonical `bytes` to `target`, atomically and over an existing report only
/// with `force`; never over what is not a regular file. False, having said why, when it
/// was not written.
fn take_in(
    ws: &Workspace,
    source: &std::path::Path,
    target: &std::path::Path,
    bytes: &[u8],
    force: bool,
) -> Result<bool> {
    let not_regular = || {
        eprintln!(
            "{}",
            Notice::ImportTargetNotRegular {
                target: ws.display(target)
            }
        );
        Ok(false)
    };
    let exists = || {
        eprintln!(
            "{}",
            Notice::ImportTargetExists {
                target: ws.display(target)
            }
        );
        Ok(false)
    };
    match std::fs::symlink_metadata(target) {
        Ok(meta) if !meta.is_file() => return not_regular(),
        Ok(_) if !force => return exists(),
        _ => {}
    }
    let written = output::Target::new(target)
        .in_repository()
        .replace(force)
        .rewriting(source)
        .write(bytes);
    match written {
        Ok(()) => Ok(true),
        Err(output::Error::Exists(_)) => exists(),
        Err(output::Error::NotRegular(_) | output::Error::Folder(_)) => not_regular(),
        Err(e) => Err(e.into()),
    }
}

/// Says so when a workbook of the unit still lies in the folder the report was taken
/// into.
fn workbooks_beside(ws: &Workspace, target: &std::path::Path, unit: &str) {
    let Some(dir) = target.parent() else {
        return;
    };
    for extension in crate::load::workbook::Format::EXTENSIONS {
        let beside = dir.join(format!("{unit}.{extension}"));
        if beside.is_file() {
            eprintln!(
                "{}",
                Notice::WorkbookStillThere {
                    workbook: ws.display(&beside),
                    target: ws.display(target),
                }
            );
        }
    }
}

/// The canonical form of a checked report (SPEC section 6): exactly what `template`
/// writes for those rows in `lang` (its header, kind and status words, the plan's
/// titles), values with `.` decimals and no grouping, unknown columns kept after the
/// known ones; UTF-8 with BOM, CRLF. The same report gives the same bytes however it
/// was typed, so a re-import makes a clean diff.
pub(crate) fn canonical(plan: &Plan, report: &Report, lang: Lang) -> Result<String> {
    let mut header = super::template::header(lang);
    header.extend(report.extra_columns.iter().map(String::as_str));
    let rows: Vec<Vec<String>> = report
        .rows
        .iter()
        .map(|row| {
            let (status, value) = match &row.entry {
                Entry::Task(_) if row.untouched => (String::new(), row.unread.clone()),
                Entry::Task(status) => (
                    super::template::status_word(lang, *status).to_string(),
                    row.unread.clone(),
                ),
                Entry::Indicator(value) => (
                    row.unread.clone(),
                    value.map(|v| v.to_string()).unwrap_or_default(),
                ),
            };
            // The plan's title, as the template writes it.
            let title = match row.kind() {
                Kind::Task => plan.task(&row.id).map(|t| t.title.clone()),
                Kind::Indicator => plan.indicator(&row.id).map(|i| i.name.clone()),
            }
            .unwrap_or_else(|| row.title.clone());
            let mut cells = vec![
                super::template::kind_word(lang, row.kind()).to_string(),
                row.id.clone(),
                title,
                status,
                value,
                row.result.clone(),
                row.difficulties.clone(),
                row.proposals.clone(),
                row.note.clone(),
            ];
            cells.extend(row.extra.iter().cloned());
            cells
                .into_iter()
                .map(|c| render::csv::formula_safe(&c).into_owned())
                .collect()
        })
        .collect();
    render::csv::render(&header, &rows, true)
}
