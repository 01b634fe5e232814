//! `ktplan merge`: one year's consolidated data, every value with its source: JSON for
//! scripts, CSV for a spreadsheet with one row per report row, or a workbook with the
//! task rows and the indicator rows on a sheet each.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::{Global, Lang, MergeArgs, MergeFormat};
use crate::consolidate::Consolidation;
use crate::model::{Plan, Role};
use crate::render;
use crate::render::xlsx::{Cell, Sheet, Words};

/// Consolidates the year and writes it; exit 0 even when rows had errors (they are counted).
pub fn run(global: &Global, args: &MergeArgs) -> Result<ExitCode> {
    if args.format == MergeFormat::Xlsx && args.output.is_none() {
        bail!("a workbook is not text: give the file to write with -o FILE.xlsx");
    }
    let (plan, data) = super::consolidated(global, args.year)?;
    let bytes = match args.format {
        MergeFormat::Json => json(&data)?.into_bytes(),
        MergeFormat::Csv => csv(&data)?.into_bytes(),
        MergeFormat::Xlsx => xlsx(&plan, &data, Lang::Vi)?,
    };
    crate::output::write(args.output.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// The consolidation as pretty-printed JSON (SPEC section 6's `merge` shape, and more).
pub fn json(data: &Consolidation) -> Result<String> {
    let mut out = serde_json::to_string_pretty(data)?;
    out.push('\n');
    Ok(out)
}

/// The columns of the CSV form.
pub const CSV_HEADER: [&str; 12] = [
    "kind",
    "id",
    "title",
    "unit",
    "role",
    "status",
    "value",
    "result",
    "difficulties",
    "proposals",
    "note",
    "source",
];

/// One row per report row, tasks then indicators in plan order, for people: a byte-order
/// mark, CRLF, and a leading `'` on any cell a spreadsheet would run as a formula.
pub fn csv(data: &Consolidation) -> Result<String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for task in &data.tasks {
        for r in &task.reports {
            rows.push(vec![
                "task".into(),
                task.id.clone(),
                task.title.clone(),
                r.unit.clone(),
                r.role.as_str().into(),
                r.status.as_str().into(),
                String::new(),
                r.result.clone(),
                r.difficulties.clone(),
                r.proposals.clone(),
                r.note.clone(),
                r.source.clone(),
            ]);
        }
    }
    for indicator in &data.indicators {
        for r in &indicator.reports {
            rows.push(vec![
                "indicator".into(),
                indicator.id.clone(),
                indicator.name.clone(),
                r.unit.clone(),
                String::new(),
                String::new(),
                r.value.map(|v| v.to_string()).unwrap_or_default(),
                r.result.clone(),
                r.difficulties.clone(),
                r.proposals.clone(),
                r.note.clone(),
                r.source.clone(),
            ]);
        }
    }
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| render::csv::formula_safe(&cell).into_owned())
                .collect()
        })
        .collect();
    render::csv::render(&CSV_HEADER, &rows, true)
}

/// The report rows as a workbook in `lang`: task rows on one sheet, indicator rows on
/// another, each with its unit's name, its values as numbers and its source.
pub fn xlsx(plan: &Plan, data: &Consolidation, lang: Lang) -> Result<Vec<u8>> {
    use render::xlsx::header;
    let w = Words::of(lang);
    let vi = lang == Lang::Vi;
    let unit = |code: &str| match plan.unit(code) {
        Some(u) => format!("{} - {}", code, u.name),
        None => code.to_string(),
    };
    let mut task_rows = Vec::new();
    for task in &data.tasks {
        for r in &task.reports {
            task_rows.push(vec![
                Cell::text(&task.id),
                Cell::text(&task.title),
                Cell::text(unit(&r.unit)),
                Cell::text(match r.role {
                    Role::Lead => w.lead,
                    Role::Support => w.support,
                }),
                Cell::text(if vi {
                    r.status.vietnamese().to_string()
                } else {
                    r.status.as_str().replace('_', " ")
                }),
                Cell::text(&r.result),
                Cell::text(&r.difficulties),
                Cell::text(&r.proposals),
                Cell::text(&r.note),
                Cell::text(if vi {
                    task.status.vietnamese().to_string()
                } else {
                    task.status.as_str().replace('_', " ")
                }),
                Cell::text(&r.source),
            ]);
        }
    }
    let mut indicator_rows = Vec::new();
    for indicator in &data.indicators {
        for r in &indicator.reports {
            indicator_rows.push(vec![
                Cell::text(&indicator.id),
                Cell::text(&indicator.name),
                Cell::text(unit(&r.unit)),
                Cell::text(&indicator.unit),
                Cell::value(r.value, &indicator.unit),
                Cell::text(&r.result),
                Cell::text(&r.difficulties),
                Cell::text(&r.proposals),
                Cell::text(&r.note),
                Cell::text(&r.source),
            ]);
        }
    }
    render::xlsx::workbook(
        &format!("{} {} - {}", w.merge_title, data.year, plan.meta.id),
        data.due_date,
        &[
            Sheet {
                name: w.task_rows_sheet.into(),
                header: header(&w.task_rows_header),
                rows: task_rows,
            },
            Sheet {
                name: w.indicator_rows_sheet.into(),
                header: header(&w.indicator_rows_header),
                rows: indicator_rows,
            },
        ],
    )
}
