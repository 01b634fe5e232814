//! Report rules (SPEC sections 4 and 5): from a [`Sheet`] to a checked [`Report`] and
//! every problem in it, each pointing at its line and column with the fix.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::load::number::{self, DecimalMark};
use crate::load::report::{self, Column, Field, Sheet};
use crate::load::text::{Forced, fold, has_lost_letters, looks_like_formula};
use crate::model::{Entry, Plan, Report, Row, Status, ValueKind};

/// Whose report a file is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The unit code.
    pub unit: String,
    /// The year reported on.
    pub year: i32,
}

/// Finds the unit and year of a report from its path (`<reports>/<YYYY>/<UNIT>.csv`),
/// with `--unit` and `--year` taking precedence.
pub fn owner_from_path(path: &Path, unit: Option<&str>, year: Option<i32>) -> Option<Owner> {
    let from_name = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let from_dir = path
        .parent()
        .and_then(Path::file_name)
        .and_then(|d| d.to_str())
        .and_then(|d| (d.len() == 4).then(|| d.parse::<i32>().ok()).flatten());
    Some(Owner {
        unit: unit.map(str::to_string).or(from_name)?,
        year: year.or(from_dir)?,
    })
}

/// E004 when the plan has no such unit, the year lies outside the plan, or the unit did
/// not exist on the year's due date.
pub fn check_owner(plan: &Plan, owner: &Owner, file: &str) -> Option<Diagnostic> {
    let codes = || {
        plan.units
            .iter()
            .filter(|u| u.reports)
            .map(|u| u.code.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some(unit) = plan.unit(&owner.unit) else {
        let similar = plan
            .units
            .iter()
            .find(|u| u.code.eq_ignore_ascii_case(&owner.unit));
        let help = match similar {
            Some(u) => format!("unit codes are written exactly: {}", u.code),
            None => format!("name the file after a unit code: {}", codes()),
        };
        return Some(
            Diagnostic::new(
                Code::E004,
                file,
                format!("\"{}\" is not a unit of the plan", owner.unit),
            )
            .help(help),
        );
    };
    if !plan.covers(owner.year) {
        return Some(Diagnostic::new(
            Code::E004,
            file,
            format!(
                "the year {} lies outside the plan's period {}-{}",
                owner.year, plan.meta.start_year, plan.meta.end_year
            ),
        ));
    }
    let due = plan.due_date(owner.year);
    if unit.exists_on(due) {
        return None;
    }
    let mut d = if unit.since.is_some_and(|since| due < since) {
        Diagnostic::new(
            Code::E004,
            file,
            format!(
                "{} did not exist yet on {due}, the due date of the {} reports",
                unit.code, owner.year
            ),
        )
    } else {
        Diagnostic::new(
            Code::E004,
            file,
            format!(
                "{} no longer existed on {due}, the due date of the {} reports",
                unit.code, owner.year
            ),
        )
    };
    if let Some(holder) = plan.holder(&unit.code, owner.year) {
        d = d.help(format!(
            "its assignments passed to {}: report as {}",
            holder.code, holder.code
        ));
    }
    Some(d)
}

/// Reads and checks one report file's bytes for `owner`.
pub fn check(
    plan: &Plan,
    owner: &Owner,
    bytes: &[u8],
    forced: Option<Forced>,
    file: &str,
) -> (Option<Report>, Vec<Diagnostic>) {
    if let Some(d) = check_owner(plan, owner, file) {
        return (None, vec![d]);
    }
    let (sheet, mut out) = report::read(bytes, forced, file);
    let Some(sheet) = sheet else {
        return (None, out);
    };
    let report = RowChecker {
        plan,
        owner,
        sheet: &sheet,
        file,
        out: &mut out,
    }
    .run();
    let report = finish(report, &out);
    crate::diag::sort(&mut out);
    (Some(report), out)
}

fn finish(mut report: Report, out: &[Diagnostic]) -> Report {
    report.errors = out.iter().filter(|d| d.is_error()).count();
    report.warnings = out.len() - report.errors;
    report
}

struct RowChecker<'a> {
    plan: &'a Plan,
    owner: &'a Owner,
    sheet: &'a Sheet,
    file: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

/// The row being checked: its cells by field.
struct Cells<'s> {
    sheet: &'s Sheet,
    cells: &'s [String],
}

impl<'s> Cells<'s> {
    fn get(&self, field: Field) -> &'s str {
        self.sheet
            .column(field)
            .and_then(|i| self.cells.get(i))
            .map_or("", String::as_str)
    }
}

impl RowChecker<'_> {
    fn column(&self, field: Field) -> Option<usize> {
        self.sheet.column(field).map(|i| i + 1)
    }

    fn push(
        &mut self,
        code: Code,
        line: usize,
        row: usize,
        field: Option<Field>,
        message: String,
    ) -> &mut Diagnostic {
        let column = field.and_then(|f| self.column(f));
        self.out.push(
            Diagnostic::new(code, self.file, message)
                .at(line, column)
                .row(row),
        );
        self.out.last_mut().expect("just pushed")
    }

    fn run(mut self) -> Report {
        let (plan, owner, sheet) = (self.plan, self.owner, self.sheet);
        let convention = self.convention();
        let mut rows = Vec::new();
        let mut rows_with_errors = 0;
        let mut seen: HashMap<(bool, String), usize> = HashMap::new();
        // Ids given on some row, even one with errors: W101 is for rows that are missing.
        let mut given: HashSet<(bool, String)> = HashSet::new();
        for record in &sheet.records {
            let cells = Cells {
                sheet,
                cells: &record.cells,
            };
            let errors_before = self.errors();
            let untouched = [
                Field::Status,
                Field::Value,
                Field::Result,
                Field::Difficulties,
                Field::Proposals,
                Field::Note,
            ]
            .iter()
            .all(|f| cells.get(*f).is_empty())
                && sheet
                    .columns
                    .iter()
                    .zip(record.cells.iter())
                    .all(|(c, v)| *c != Column::Other || v.is_empty());
            let row = self.row(record.line, record.row, &cells, convention, untouched);
            if let Some(row) = &row {
                let key = (matches!(row.entry, Entry::Task(_)), row.id.clone());
                if let Some(first) = seen.get(&key) {
                    let what = if key.0 { "task" } else { "indicator" };
                    self.push(
                        Code::E009,
                        record.line,
                        record.row,
                        Some(Field::Id),
                        format!(
                            "{what} \"{}\" appears twice; its first row is on line {first}",
                            row.id
                        ),
                    )
                    .help = Some("keep one row per task or indicator: merge the two rows".into());
                } else {
                    seen.insert(key, record.line);
                }
            }
            if !untouched {
                self.text_cells(record.line, record.row, &cells);
                let is_task = !matches!(
                    fold(cells.get(Field::Kind)).as_str(),
                    "indicator" | "chitieu"
                );
                given.insert((is_task, cells.get(Field::Id).to_string()));
            }
            match row {
                Some(row) if self.errors() == errors_before => rows.push(row),
                _ => rows_with_errors += 1,
            }
        }
        let missing_tasks: Vec<String> = plan
            .tasks_of(&owner.unit, owner.year)
            .into_iter()
            .filter(|(t, role)| {
                *role == crate::model::Role::Lead && !given.contains(&(true, t.id.clone()))
            })
            .map(|(t, _)| t.id.clone())
            .collect();
        let missing_indicators: Vec<String> = plan
            .indicators_of(&owner.unit, owner.year)
            .into_iter()
            .filter(|i| !given.contains(&(false, i.id.clone())))
            .map(|i| i.id.clone())
            .collect();
        let template = format!(
            "ktplan template --unit {} --year {}",
            owner.unit, owner.year
        );
        for id in missing_tasks {
            let message = format!("no row for task \"{id}\", which {} leads", owner.unit);
            self.out.push(
                Diagnostic::new(Code::W101, self.file, message)
                    .at(sheet.header_line, None)
                    .help(format!(
                        "add a row for it (`{template}` lists every row the unit owes)"
                    )),
            );
        }
        for id in missing_indicators {
            let message = format!(
                "no row for indicator \"{id}\", which {} reports",
                owner.unit
            );
            self.out.push(
                Diagnostic::new(Code::W101, self.file, message)
                    .at(sheet.header_line, None)
                    .help(format!(
                        "add a row with its value (`{template}` lists every row the unit owes)"
                    )),
            );
        }
        let extra_columns = sheet
            .columns
            .iter()
            .zip(&sheet.names)
            .filter(|(c, _)| **c == Column::Other)
            .map(|(_, n)| n.clone())
            .collect();
        Report {
            unit: owner.unit.clone(),
            year: owner.year,
            file: self.file.to_string(),
            rows,
            extra_columns,
            rows_with_errors,
            errors: 0,
            warnings: 0,
        }
    }

    fn errors(&self) -> usize {
        self.out.iter().filter(|d| d.is_error()).count()
    }

    /// The file's decimal mark, from its indicator values.
    fn convention(&self) -> DecimalMark {
        let Some(value) = self.sheet.column(Field::Value) else {
            return DecimalMark::Point;
        };
        let cells = self
            .sheet
            .records
            .iter()
            .filter_map(|r| r.cells.get(value).map(String::as_str));
        number::convention(cells, self.sheet.delimiter)
    }

    /// Checks one record; `None` when it cannot be read as a task or indicator row.
    fn row(
        &mut self,
        line: usize,
        row: usize,
        cells: &Cells,
        convention: DecimalMark,
        untouched: bool,
    ) -> Option<Row> {
        let (plan, owner) = (self.plan, self.owner);
        let kind = cells.get(Field::Kind);
        let id = cells.get(Field::Id).to_string();
        let is_task = match fold(kind).as_str() {
            "task" | "nhiemvu" => true,
            "indicator" | "chitieu" => false,
            _ => {
                let message = if kind.is_empty() {
                    "the row has no kind".to_string()
                } else {
                    format!("unknown kind \"{kind}\"")
                };
                self.push(Code::E005, line, row, Some(Field::Kind), message)
                    .help =
                    Some("the kind is \"task\" (Nhiệm vụ) or \"indicator\" (Chỉ tiêu)".into());
                return None;
            }
        };
        if id.is_empty() {
            self.push(
                Code::E005,
                line,
                row,
                Some(Field::Id),
                "the row has no id".into(),
            )
            .help = Some(self.owned_ids(is_task));
            return None;
        }
        let entry = if is_task {
            let Some(task) = plan.task(&id) else {
                let message = if plan.indicator(&id).is_some() {
                    format!("\"{id}\" is an indicator, not a task")
                } else {
                    format!("unknown task id \"{id}\"")
                };
                let help = self.owned_ids(true);
                self.push(Code::E005, line, row, Some(Field::Id), message)
                    .help = Some(help);
                return None;
            };
            if plan.row_role(task, &owner.unit, owner.year).is_none() {
                let help = self.owned_ids(true);
                let message = format!(
                    "{} is neither lead nor support of task \"{id}\"",
                    owner.unit
                );
                self.push(Code::E006, line, row, Some(Field::Id), message)
                    .help = Some(help);
            }
            self.title(line, row, cells, &id, &task.title, &task.text);
            let status = cells.get(Field::Status);
            match Status::from_folded(&fold(status)) {
                _ if untouched => Entry::Task(Status::NotStarted),
                Some(s) => {
                    if matches!(s, Status::Done | Status::InProgress)
                        && cells.get(Field::Result).is_empty()
                    {
                        let message =
                            format!("task \"{id}\" is {} but its result is empty", s.as_str());
                        self.push(Code::W102, line, row, Some(Field::Result), message)
                            .help = Some(
                            "say what was done this year in the result (Kết quả) column".into(),
                        );
                    }
                    Entry::Task(s)
                }
                None => {
                    let message = if status.is_empty() {
                        format!("task \"{id}\" has no status")
                    } else {
                        format!("unknown status \"{status}\"")
                    };
                    let accepted: Vec<String> = Status::ALL
                        .iter()
                        .map(|s| format!("{} ({})", s.vietnamese(), s.as_str()))
                        .collect();
                    self.push(Code::E007, line, row, Some(Field::Status), message)
                        .help = Some(format!("use one of: {}", accepted.join(", ")));
                    return None;
                }
            }
        } else {
            let Some(indicator) = plan.indicator(&id) else {
                let message = if plan.task(&id).is_some() {
                    format!("\"{id}\" is a task, not an indicator")
                } else {
                    format!("unknown indicator id \"{id}\"")
                };
                let help = self.owned_ids(false);
                self.push(Code::E005, line, row, Some(Field::Id), message)
                    .help = Some(help);
                return None;
            };
            if !plan.reports_indicator(indicator, &owner.unit, owner.year) {
                let help = self.owned_ids(false);
                let message = format!("{} does not report indicator \"{id}\"", owner.unit);
                self.push(Code::E006, line, row, Some(Field::Id), message)
                    .help = Some(help);
            }
            self.title(line, row, cells, &id, &indicator.name, "");
            let cell = cells.get(Field::Value);
            if cell.is_empty() {
                if !untouched {
                    self.push(
                        Code::W102,
                        line,
                        row,
                        Some(Field::Value),
                        format!("indicator \"{id}\" has no value"),
                    )
                    .help = Some(format!(
                        "give this year's value in {}",
                        unit_words(&indicator.unit)
                    ));
                }
                Entry::Indicator(None)
            } else {
                match value(cell, convention, indicator.value_kind(), &indicator.unit) {
                    Ok(v) => Entry::Indicator(Some(v)),
                    Err((message, help)) => {
                        self.push(Code::E008, line, row, Some(Field::Value), message)
                            .help = Some(help);
                        return None;
                    }
                }
            }
        };
        Some(Row {
            line,
            id,
            entry,
            title: cells.get(Field::Title).to_string(),
            result: cells.get(Field::Result).to_string(),
            difficulties: cells.get(Field::Difficulties).to_string(),
            proposals: cells.get(Field::Proposals).to_string(),
            note: cells.get(Field::Note).to_string(),
            extra: cells
                .sheet
                .columns
                .iter()
                .zip(cells.cells)
                .filter(|(c, _)| **c == Column::Other)
                .map(|(_, v)| v.clone())
                .collect(),
            untouched,
        })
    }

    /// "STC leads or supports: 3.1, 3.3, ..." / "STC reports: ...".
    fn owned_ids(&self, tasks: bool) -> String {
        let (plan, owner) = (self.plan, self.owner);
        if tasks {
            let ids: Vec<&str> = plan
                .tasks_of(&owner.unit, owner.year)
                .iter()
                .map(|(t, _)| t.id.as_str())
                .collect();
            if ids.is_empty() {
                format!("{} leads or supports no task in {}", owner.unit, owner.year)
            } else {
                format!("{} leads or supports: {}", owner.unit, ids.join(", "))
            }
        } else {
            let ids: Vec<&str> = plan
                .indicators_of(&owner.unit, owner.year)
                .iter()
                .map(|i| i.id.as_str())
                .collect();
            if ids.is_empty() {
                format!("{} reports no indicator in {}", owner.unit, owner.year)
            } else {
                format!("{} reports: {}", owner.unit, ids.join(", "))
            }
        }
    }

    /// W107 when the title belongs to another row (rows shifted or re-sorted).
    fn title(&mut self, line: usize, row: usize, cells: &Cells, id: &str, title: &str, text: &str) {
        let written = cells.get(Field::Title);
        if written.is_empty() || fold(written) == fold(title) {
            return;
        }
        let own = overlap(written, &format!("{title} {text}"));
        let elsewhere = self
            .plan
            .tasks
            .iter()
            .filter(|t| t.id != id)
            .map(|t| (t.id.as_str(), t.title.as_str()))
            .chain(
                self.plan
                    .indicators
                    .iter()
                    .filter(|i| i.id != id)
                    .map(|i| (i.id.as_str(), i.name.as_str())),
            )
            .find(|(_, other)| fold(other) == fold(written));
        if own >= 0.6 && elsewhere.is_none() {
            return;
        }
        let mut message =
            format!("the title \"{written}\" is not the title of \"{id}\" (\"{title}\")");
        if let Some((other, _)) = elsewhere {
            message.push_str(&format!("; it is the title of \"{other}\""));
        }
        self.push(Code::W107, line, row, Some(Field::Title), message).help =
            Some("rows may have been shifted or re-sorted in the sheet: check that each id is on its own row".into());
    }

    /// W105 and W106 on the free-text cells.
    fn text_cells(&mut self, line: usize, row: usize, cells: &Cells) {
        for field in [
            Field::Title,
            Field::Result,
            Field::Difficulties,
            Field::Proposals,
            Field::Note,
        ] {
            let text = cells.get(field);
            if looks_like_formula(text) {
                let first: String = text.chars().take(12).collect();
                let message = format!(
                    "the {} cell starts with \"{first}\": a spreadsheet would run it as a formula",
                    field.english()
                );
                self.push(Code::W105, line, row, Some(field), message).help = Some(
                    "start the text with a letter, or write a bullet as \"- \" with a space".into(),
                );
            }
            if has_lost_letters(text) {
                let word = text
                    .split_whitespace()
                    .find(|w| has_lost_letters(w))
                    .unwrap_or(text)
                    .chars()
                    .take(24)
                    .collect::<String>();
                let message = format!(
                    "the {} cell has \"?\" inside a word (\"{word}\"): letters were lost when the file was saved without them",
                    field.english()
                );
                self.push(Code::W106, line, row, Some(field), message).help =
                    Some("open the original workbook and save it again as \"CSV UTF-8 (Comma delimited)\"".into());
            }
        }
    }
}

/// How much of `written`'s words occur in `reference` (0 to 1).
fn overlap(written: &str, reference: &str) -> f64 {
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric() && c != '&')
            .map(fold)
            .filter(|w| !w.is_empty())
            .collect()
    };
    let (a, b) = (words(written), words(reference));
    if a.is_empty() {
        return 1.0;
    }
    a.intersection(&b).count() as f64 / a.len() as f64
}

fn unit_words(unit: &str) -> String {
    match unit {
        "%" => "percent (0 to 100)".into(),
        "count" => "a whole number".into(),
        other => other.to_string(),
    }
}

/// Parses and range-checks an indicator value: (message, help) on failure.
fn value(
    cell: &str,
    convention: DecimalMark,
    kind: ValueKind,
    unit: &str,
) -> Result<f64, (String, String)> {
    let n = number::parse(cell, convention).map_err(|e| {
        let percent = if kind == ValueKind::Percent {
            " (a % sign may follow)"
        } else {
            ""
        };
        (
            format!("\"{cell}\" is not a number"),
            format!("{e}{percent}; write the number alone, without words"),
        )
    })?;
    if n.percent && kind != ValueKind::Percent {
        return Err((
            format!(
                "\"{cell}\" has a % sign, but this indicator is measured in {}",
                unit_words(unit)
            ),
            "remove the % sign".into(),
        ));
    }
    match kind {
        ValueKind::Percent if !(0.0..=100.0).contains(&n.value) => Err((
            format!("{cell} is out of range: a percentage lies between 0 and 100"),
            "give the percentage itself, e.g. 1,2 for 1.2%".into(),
        )),
        ValueKind::Count if n.value < 0.0 || n.value.fract() != 0.0 => Err((
            format!("{cell} is not a whole number of 0 or more"),
            "this indicator counts things: give a whole number".into(),
        )),
        ValueKind::Any if n.value < 0.0 => Err((
            format!("{cell} is negative"),
            "give the amount as a number of 0 or more".into(),
        )),
        _ => Ok(n.value),
    }
}
