//! `ktplan merge`: one year's consolidated data, every value with its source: JSON for
//! scripts, CSV for a spreadsheet with one row per report row, or a workbook with the
//! task rows and the indicator rows on a sheet each.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::{Global, MergeArgs, MergeFormat};
use crate::consolidate::{
    self, Consolidation, Detail, IndicatorReport, IndicatorResult, KeepTexts, Ordered, SpillReader,
    TaskReport, TaskResult,
};
use crate::lang::Lang;
use crate::model::{Plan, Role};
use crate::render;
use crate::render::xlsx::{Cell, Words};

/// Consolidates the year and writes it; exit 0 even when rows had errors (they are counted).
///
/// The rows are never all in memory: while the reports are checked, the year's rows are
/// kept as facts (unit, role, status or value, line) and their texts go to a temporary
/// file; the output is then written a row at a time, in order, each row's texts read
/// back as it is written.
pub(crate) fn run(global: &Global, args: &MergeArgs) -> Result<ExitCode> {
    if args.format == MergeFormat::Xlsx && args.output.is_none() {
        bail!(crate::lang::Notice::NotText {
            document: crate::lang::notice::Document::Workbook
        });
    }
    let want = super::Want {
        all_years: false,
        texts: KeepTexts::Spilled,
        detail: Detail::Counts,
    };
    let mut done = super::consolidate_years(global, args.year, &want)?;
    let data = done
        .years
        .pop()
        .expect("the year asked for is consolidated");
    let spill = done
        .spill
        .take()
        .context("the texts of the rows were not kept")?;
    let ordered = consolidate::ordered(&done.plan, data.year, &done.digests);
    let rows = Rows::Spilled {
        ordered: &ordered,
        spill: &spill,
    };
    let target = args.output.as_deref().unwrap_or(Path::new("-"));
    let mut sink = crate::output::Target::new(target).create()?;
    {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, &mut sink);
        match args.format {
            MergeFormat::Json => write_json(&mut out, &data, &rows, done.lang)?,
            MergeFormat::Csv => write_csv(&mut out, &data, &rows)?,
            MergeFormat::Xlsx => write_xlsx(&mut out, &done.plan, &data, &rows, done.lang)?,
        }
        out.flush()?;
    }
    sink.commit()?;
    Ok(ExitCode::SUCCESS)
}

/// Where a consolidation's rows come from: held in it ([`Detail::Rows`]), or kept as
/// facts in order with their texts in a spill, read back one row at a time.
#[derive(Debug)]
pub(crate) enum Rows<'a> {
    /// In the consolidation's tasks and indicators (the tests hold a whole one to
    /// compare with the stream).
    #[cfg(test)]
    Held(&'a Consolidation),
    /// Outside it.
    Spilled {
        /// The rows, in order.
        ordered: &'a Ordered<'a>,
        /// Their texts.
        spill: &'a SpillReader,
    },
}

impl Rows<'_> {
    /// Calls `each` on every row of task `t`, in order.
    fn task(&self, t: usize, each: &mut dyn FnMut(&TaskReport) -> Result<()>) -> Result<()> {
        match self {
            #[cfg(test)]
            Rows::Held(data) => {
                for r in data.tasks.get(t).map_or(&[][..], |t| &t.reports) {
                    each(r)?;
                }
            }
            Rows::Spilled { ordered, spill } => {
                for &(role, report, row, status) in ordered.tasks.get(t).map_or(&[][..], |r| r) {
                    let texts = spill.texts(&row.texts)?;
                    each(&consolidate::task_report(role, report, row, status, texts))?;
                }
            }
        }
        Ok(())
    }

    /// Calls `each` on every row of indicator `i`, in order.
    fn indicator(
        &self,
        i: usize,
        each: &mut dyn FnMut(&IndicatorReport) -> Result<()>,
    ) -> Result<()> {
        match self {
            #[cfg(test)]
            Rows::Held(data) => {
                for r in data.indicators.get(i).map_or(&[][..], |i| &i.reports) {
                    each(r)?;
                }
            }
            Rows::Spilled { ordered, spill } => {
                for &(report, row, value) in ordered.indicators.get(i).map_or(&[][..], |r| r) {
                    let texts = spill.texts(&row.texts)?;
                    each(&consolidate::indicator_report(report, row, value, texts))?;
                }
            }
        }
        Ok(())
    }
}

/// The consolidation as pretty-printed JSON (SPEC section 6's `merge` shape, and more),
/// its human texts in `lang`.
#[cfg(test)]
pub(crate) fn json(data: &Consolidation, lang: Lang) -> Result<String> {
    let mut out = Vec::new();
    write_json(&mut out, data, &Rows::Held(data), lang)?;
    Ok(String::from_utf8(out)?)
}

/// What stands in a task's or an indicator's `reports` until its rows are written there:
/// a string no report can put in the JSON (a text's `"` is escaped, and so is its NUL).
fn rows_marker(kind: &str, index: usize) -> String {
    format!("\u{0}rows:{kind}:{index}")
}

/// Writes the consolidation as pretty-printed JSON, its human texts in `lang`. With
/// [`Rows::Spilled`], `data` holds no row: its JSON is made with a marker in each task's
/// and indicator's `reports`, and each marker is replaced by the rows as they are read,
/// giving the same bytes as the JSON of a consolidation that held them.
pub(crate) fn write_json(
    out: &mut dyn Write,
    data: &Consolidation,
    rows: &Rows,
    lang: Lang,
) -> Result<()> {
    let mut value = serde_json::to_value(data)?;
    let diagnostics: serde_json::Value =
        serde_json::from_str(&crate::diag::render_json(&data.diagnostics, lang))?;
    let Some(object) = value.as_object_mut() else {
        bail!("the consolidation is not a JSON object");
    };
    object.insert("diagnostics".into(), diagnostics);
    say_codes(object, data, lang);
    // Rows held in the consolidation are in its JSON already; spilled ones are marked
    // for the stream to fill.
    #[cfg_attr(not(test), allow(irrefutable_let_patterns))]
    if let Rows::Spilled { .. } = rows {
        for kind in ["tasks", "indicators"] {
            let items = object.get_mut(kind).and_then(|v| v.as_array_mut());
            for (index, item) in items.into_iter().flatten().enumerate() {
                if let Some(item) = item.as_object_mut() {
                    item.insert("reports".into(), rows_marker(kind, index).into());
                }
            }
        }
    }
    let text = serde_json::to_string_pretty(&value)?;
    let mut written = 0;
    // Each marker, as the JSON writes it: `"\u0000rows:tasks:3"`.
    while let Some(found) = text[written..].find("\"\\u0000rows:") {
        let at = written + found;
        let end = text[at + 1..]
            .find('"')
            .map(|n| at + 1 + n + 1)
            .context("a marker of rows is not closed")?;
        let marker = &text[at + 1..end - 1];
        let (kind, index) = marker
            .trim_start_matches("\\u0000rows:")
            .split_once(':')
            .context("a marker of rows without its place")?;
        let index: usize = index.parse()?;
        out.write_all(&text.as_bytes()[written..at])?;
        written = end;
        let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
        let indent: String = text[line_start..at]
            .chars()
            .take_while(|c| *c == ' ')
            .collect();
        let inner = format!("{indent}  ");
        let mut first = true;
        let mut item = |json: String| -> Result<()> {
            out.write_all(if first { b"[\n" } else { b",\n" })?;
            first = false;
            out.write_all(inner.as_bytes())?;
            out.write_all(json.replace('\n', &format!("\n{inner}")).as_bytes())?;
            Ok(())
        };
        // Through a JSON value, as the rest: its keys in the same order.
        let pretty = |r: serde_json::Value| serde_json::to_string_pretty(&r);
        match kind {
            "tasks" => rows.task(index, &mut |r| {
                let mut json = serde_json::to_value(r)?;
                if let Some(row) = json.as_object_mut() {
                    row.insert(
                        "status_text".into(),
                        crate::lang::row_status(lang, r.status).into(),
                    );
                }
                item(pretty(json)?)
            })?,
            _ => rows.indicator(index, &mut |r| item(pretty(serde_json::to_value(r)?)?))?,
        }
        if first {
            out.write_all(b"[]")?;
        } else {
            out.write_all(format!("\n{indent}]").as_bytes())?;
        }
    }
    out.write_all(&text.as_bytes()[written..])?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Puts the words of each code beside it, in `lang`: a task's and a row's `status_text`,
/// an indicator's `assessment_text`, a unit's `standing_text`. The codes stay as they are.
fn say_codes(
    object: &mut serde_json::Map<String, serde_json::Value>,
    data: &Consolidation,
    lang: Lang,
) {
    let mut each =
        |key: &str,
         words: &mut dyn FnMut(usize, &mut serde_json::Map<String, serde_json::Value>)| {
            let items = object.get_mut(key).and_then(|v| v.as_array_mut());
            for (n, item) in items.into_iter().flatten().enumerate() {
                if let Some(item) = item.as_object_mut() {
                    words(n, item);
                }
            }
        };
    each("tasks", &mut |n, task| {
        let Some(t) = data.tasks.get(n) else { return };
        task.insert(
            "status_text".into(),
            crate::lang::task_status(lang, t.status).into(),
        );
        let rows = task.get_mut("reports").and_then(|v| v.as_array_mut());
        for (row, r) in rows.into_iter().flatten().zip(&t.reports) {
            if let Some(row) = row.as_object_mut() {
                row.insert(
                    "status_text".into(),
                    crate::lang::row_status(lang, r.status).into(),
                );
            }
        }
    });
    each("indicators", &mut |n, indicator| {
        if let Some(i) = data.indicators.get(n) {
            indicator.insert(
                "assessment_text".into(),
                crate::lang::assessment(lang, i.assessment.class).into(),
            );
        }
    });
    each("units", &mut |n, unit| {
        if let Some(u) = data.units.get(n) {
            unit.insert(
                "standing_text".into(),
                crate::lang::standing(lang, u.standing()).into(),
            );
        }
    });
}

/// The columns of the CSV form.
pub(crate) const CSV_HEADER: [&str; 12] = [
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
#[cfg(test)]
pub(crate) fn csv(data: &Consolidation) -> Result<String> {
    let mut out = Vec::new();
    write_csv(&mut out, data, &Rows::Held(data))?;
    Ok(String::from_utf8(out)?)
}

/// Writes [`csv`]'s form a row at a time.
pub(crate) fn write_csv(out: &mut dyn Write, data: &Consolidation, rows: &Rows) -> Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(CSV_HEADER)?;
    let mut record = |cells: [&str; 12]| -> Result<()> {
        writer.write_record(
            cells
                .iter()
                .map(|c| render::csv::formula_safe(c).into_owned()),
        )?;
        Ok(())
    };
    for (t, task) in data.tasks.iter().enumerate() {
        rows.task(t, &mut |r| task_csv_row(task, r, &mut record))?;
    }
    for (i, indicator) in data.indicators.iter().enumerate() {
        rows.indicator(i, &mut |r| indicator_csv_row(indicator, r, &mut record))?;
    }
    writer.flush()?;
    Ok(())
}

fn task_csv_row(
    task: &TaskResult,
    r: &TaskReport,
    record: &mut dyn FnMut([&str; 12]) -> Result<()>,
) -> Result<()> {
    record([
        "task",
        &task.id,
        &task.title,
        &r.unit,
        r.role.as_str(),
        r.status.as_str(),
        "",
        &r.result,
        &r.difficulties,
        &r.proposals,
        &r.note,
        &r.source,
    ])
}

fn indicator_csv_row(
    indicator: &IndicatorResult,
    r: &IndicatorReport,
    record: &mut dyn FnMut([&str; 12]) -> Result<()>,
) -> Result<()> {
    let value = r.value.map(|v| v.to_string()).unwrap_or_default();
    record([
        "indicator",
        &indicator.id,
        &indicator.name,
        &r.unit,
        "",
        "",
        &value,
        &r.result,
        &r.difficulties,
        &r.proposals,
        &r.note,
        &r.source,
    ])
}

/// The report rows as a workbook in `lang`: task rows on one sheet, indicator rows on
/// another, each with its unit's name, its values as numbers and its source.
#[cfg(test)]
pub(crate) fn xlsx(plan: &Plan, data: &Consolidation, lang: Lang) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_xlsx(&mut out, plan, data, &Rows::Held(data), lang)?;
    Ok(out)
}

/// Writes [`xlsx`]'s workbook a row at a time (see [`render::xlsx::Streamed`]).
pub(crate) fn write_xlsx(
    out: &mut dyn Write,
    plan: &Plan,
    data: &Consolidation,
    rows: &Rows,
    lang: Lang,
) -> Result<()> {
    use render::xlsx::header;
    let w = Words::of(lang);
    let vi = lang == Lang::Vi;
    let unit = |code: &str| match plan.unit(code) {
        Some(u) => format!("{} - {}", code, u.name),
        None => code.to_string(),
    };
    let mut book = render::xlsx::Streamed::new(
        &format!("{} {} - {}", w.merge_title, data.year, plan.meta.id),
        data.due_date,
    )?;
    let mut sheet = book.sheet(w.task_rows_sheet, &header(&w.task_rows_header))?;
    for (t, task) in data.tasks.iter().enumerate() {
        rows.task(t, &mut |r| {
            sheet.row(&[
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
            ])?;
            Ok(())
        })?;
    }
    sheet.finish()?;
    let mut sheet = book.sheet(w.indicator_rows_sheet, &header(&w.indicator_rows_header))?;
    for (i, indicator) in data.indicators.iter().enumerate() {
        rows.indicator(i, &mut |r| {
            sheet.row(&[
                Cell::text(&indicator.id),
                Cell::text(&indicator.name),
                Cell::text(unit(&r.unit)),
                Cell::text(indicator.unit.as_str()),
                Cell::value(r.value, &indicator.unit),
                Cell::text(&r.result),
                Cell::text(&r.difficulties),
                Cell::text(&r.proposals),
                Cell::text(&r.note),
                Cell::text(&r.source),
            ])?;
            Ok(())
        })?;
    }
    sheet.finish()?;
    book.save(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_files, testing};
    use crate::consolidate::{Digester, Spill, SubmissionDates};

    /// Reports whose texts hold what a streamed writer could trip on: line breaks,
    /// quotes, a formula, and the very key the JSON's rows are spliced in at.
    const FILES: [(&str, &str); 3] = [
        (
            "reports/2023/SKHCN.csv",
            "kind,id,title,status,value,result\ntask,1.1,,done,,\"Năm trước\"\n",
        ),
        (
            "reports/2024/SKHCN.csv",
            "kind,id,title,status,value,result,difficulties,proposals,note\n\
             task,1.1,,in_progress,,\"Đã làm \"\"một\"\" phần,\nxuống dòng\",\"\"\"reports\"\": []\",=1+2,\n\
             task,1.2,,done,,Xong,,,ghi chú\n",
        ),
        (
            "reports/2024/STC.csv",
            "kind,id,title,status,value,result\nindicator,STI_BUDGET_SHARE,,,\"1,5\",Số liệu\n",
        ),
    ];

    #[test]
    fn streamed_rows_are_the_same_bytes_as_rows_held() {
        let plan = testing::shipped_plan();
        let (dir, files) = testing::repository(&FILES);
        let dates = SubmissionDates::new();
        let checked = check_files(&plan, dir.path(), &dir.path().join("reports"), &files, None);
        let held = consolidate::consolidate(&plan, 2024, &checked, &dates);
        assert!(held.tasks.iter().any(|t| t.reports.len() == 1));

        let spill = Spill::new().expect("a spill");
        let digester = Digester::new(&plan, 2024, KeepTexts::Spilled, Some(&spill));
        let mut digests: Vec<_> =
            check_files(&plan, dir.path(), &dir.path().join("reports"), &files, None)
                .into_iter()
                .map(|c| digester.digest(c))
                .collect();
        let spill = spill.finish().expect("the spill is written");
        let counts =
            consolidate::consolidate_digests(&plan, 2024, &mut digests, &dates, &Detail::Counts);
        assert!(counts.tasks.iter().all(|t| t.reports.is_empty()));
        let ordered = consolidate::ordered(&plan, 2024, &digests);
        let streamed = Rows::Spilled {
            ordered: &ordered,
            spill: &spill,
        };

        for lang in [Lang::Vi, Lang::En] {
            let mut json_out = Vec::new();
            write_json(&mut json_out, &counts, &streamed, lang).expect("write the JSON");
            assert_eq!(
                String::from_utf8(json_out).expect("UTF-8"),
                json(&held, lang).expect("the JSON")
            );
        }
        let mut csv_out = Vec::new();
        write_csv(&mut csv_out, &counts, &streamed).expect("write the CSV");
        assert_eq!(
            String::from_utf8(csv_out).expect("UTF-8"),
            csv(&held).expect("the CSV")
        );
        let cells = |bytes: Vec<u8>| {
            use calamine::{Reader, Xlsx};
            let mut book = Xlsx::new(std::io::Cursor::new(bytes)).expect("a workbook");
            let names = book.sheet_names();
            names
                .iter()
                .map(|name| {
                    let range = book.worksheet_range(name).expect("a sheet");
                    range
                        .rows()
                        .map(|row| {
                            row.iter()
                                .map(std::string::ToString::to_string)
                                .collect::<Vec<_>>()
                        })
                        .collect::<Vec<_>>()
                })
                .collect::<Vec<_>>()
        };
        let mut xlsx_out = Vec::new();
        write_xlsx(&mut xlsx_out, &plan, &counts, &streamed, Lang::Vi).expect("write it");
        let held_cells = cells(xlsx(&plan, &held, Lang::Vi).expect("the workbook"));
        assert!(held_cells[0].len() > 2, "{held_cells:?}");
        assert_eq!(cells(xlsx_out), held_cells);
    }
}
