//! `ktplan template`: a unit's report form for a year, one row per task it leads or
//! supports and per indicator it reports, titles filled, the rest left to the clerk;
//! written as CSV or as an Excel workbook from the same rows.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::check::report::{Owner, check_owner};
use crate::cli::{FormFormat, Global, TemplateArgs};
use crate::lang::{Lang, Notice};
use crate::layout::Field;
use crate::model::{Kind, Plan, Status};
use crate::output;
use crate::render::form::{self, Form, FormRow};

/// Writes the form.
pub(crate) fn run(global: &Global, args: &TemplateArgs) -> Result<ExitCode> {
    let ws = super::workspace(global)?;
    let plan = ws.plan()?;
    let lang = ws.reading(&plan);
    let owner = Owner {
        unit: args.unit.clone(),
        year: args.year,
    };
    if let Some(problem) = check_owner(
        &plan,
        &owner,
        &format!("--unit {} --year {}", args.unit, args.year),
    ) {
        let words = problem.words(lang);
        let help = words.help.map(|h| format!(" ({h})")).unwrap_or_default();
        bail!("{}{help}", words.message);
    }
    let format = output_format(args.format, args.output.as_deref())?;
    let form = build(&plan, &owner, ws.committing(&plan))?;
    let bytes = match format {
        FormFormat::Csv => form::csv(&form)?.into_bytes(),
        FormFormat::Xlsx => form::xlsx(&form)?,
    };
    let target = args
        .output
        .as_deref()
        .map(|path| output::Target::new(path).replace(args.force));
    match target.map(|t| t.write(&bytes)) {
        None => super::print(&String::from_utf8(bytes)?)?,
        Some(Ok(())) => {}
        Some(Err(output::Error::Exists(path))) => {
            match lang {
                Lang::Vi => eprintln!(
                    "{} đã có; tệp có thể là báo cáo đã điền. Chưa ghi gì (--force để ghi đè).",
                    path.display()
                ),
                Lang::En => eprintln!(
                    "{} already exists; it may hold a filled-in report. Nothing was written (--force replaces it).",
                    path.display()
                ),
            }
            return Ok(ExitCode::from(1));
        }
        Some(Err(e)) => return Err(e.into()),
    }
    if let (Some(path), false) = (&args.output, global.quiet) {
        let rows = form.rows.len();
        match lang {
            Lang::Vi => eprintln!(
                "đã ghi {}: biểu mẫu báo cáo năm {} của {}, {rows} dòng",
                path.display(),
                owner.year,
                owner.unit,
            ),
            Lang::En => eprintln!(
                "wrote {}: {}'s form for {}, {}",
                path.display(),
                owner.unit,
                owner.year,
                crate::diag::plural(rows, "row", "rows")
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The form's header in `lang`: what `template` writes and `import` keeps.
pub(crate) fn header(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Vi => Field::ALL.map(Field::vietnamese).to_vec(),
        Lang::En => Field::ALL.map(Field::english).to_vec(),
    }
}

/// The word of the kind column: `Nhiệm vụ` / `task`, `Chỉ tiêu` / `indicator`.
pub(crate) fn kind_word(lang: Lang, kind: Kind) -> &'static str {
    match (lang, kind) {
        (Lang::Vi, Kind::Task) => "Nhiệm vụ",
        (Lang::Vi, Kind::Indicator) => "Chỉ tiêu",
        (Lang::En, Kind::Task) => "task",
        (Lang::En, Kind::Indicator) => "indicator",
    }
}

/// A status as the form's drop-down and the canonical file write it.
pub(crate) fn status_word(lang: Lang, status: Status) -> &'static str {
    match lang {
        Lang::Vi => status.vietnamese(),
        Lang::En => status.as_str(),
    }
}

/// `--format`, or what the output file's name says: a workbook for `.xlsx`, else CSV.
/// A workbook goes to a file, never to the terminal, and a name must not promise one
/// form while holding the other.
fn output_format(asked: Option<FormFormat>, output: Option<&Path>) -> Result<FormFormat> {
    let extension = output
        .and_then(Path::extension)
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let named = match extension.as_deref() {
        Some("xlsx") => Some(FormFormat::Xlsx),
        Some("csv" | "txt") => Some(FormFormat::Csv),
        Some(other @ ("xls" | "ods" | "xlsm")) => {
            bail!(Notice::FormNotXlsx {
                extension: other.into()
            })
        }
        _ => None,
    };
    let format = match (asked, named) {
        (Some(asked), Some(named)) if asked != named => {
            let (asked, named) = (format_name(asked), format_name(named));
            bail!(Notice::FormFormatAndName { asked, named })
        }
        (Some(asked), _) => asked,
        (None, named) => named.unwrap_or(FormFormat::Csv),
    };
    if format == FormFormat::Xlsx && output.is_none() {
        bail!(Notice::FormNeedsFile);
    }
    Ok(format)
}

fn format_name(format: FormFormat) -> &'static str {
    match format {
        FormFormat::Csv => "csv",
        FormFormat::Xlsx => "xlsx",
    }
}

/// The form's rows: every task the unit leads or supports, then every indicator it
/// reports, with the header and labels in `lang`.
pub(crate) fn build(plan: &Plan, owner: &Owner, lang: Lang) -> Result<Form> {
    let header = header(lang);
    let (task, indicator) = (
        kind_word(lang, Kind::Task),
        kind_word(lang, Kind::Indicator),
    );
    let statuses = Status::ALL.map(|s| status_word(lang, s)).to_vec();
    let mut rows: Vec<FormRow> = plan
        .tasks_of(&owner.unit, owner.year)
        .into_iter()
        .map(|(t, _)| FormRow {
            kind_label: task,
            id: t.id.clone(),
            title: t.title.clone(),
            value: None,
        })
        .collect();
    rows.extend(
        plan.indicators_of(&owner.unit, owner.year)
            .into_iter()
            .map(|i| FormRow {
                kind_label: indicator,
                id: i.id.clone(),
                title: i.name.clone(),
                value: Some(i.unit.clone()),
            }),
    );
    if rows.is_empty() {
        bail!(Notice::NoForm {
            unit: owner.unit.clone(),
            year: owner.year
        });
    }
    let unit_name = plan
        .unit(&owner.unit)
        .map_or_else(|| owner.unit.clone(), |u| u.name.clone());
    let coordinator = plan
        .unit(&plan.meta.coordinator)
        .map_or_else(|| plan.meta.coordinator.clone(), |u| u.name.clone());
    Ok(Form {
        lang,
        file_name: format!("{}-{}.xlsx", owner.unit, owner.year),
        unit: owner.unit.clone(),
        unit_name,
        year: owner.year,
        plan: plan.meta.id.clone(),
        coordinator,
        due: plan.due_date(owner.year),
        header,
        statuses,
        rows,
    })
}
