//! Report rules (SPEC sections 4 and 5): from a [`Sheet`] to a checked [`Report`] and
//! every problem in it, each pointing at its line and column with the fix.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::diag::{Code, Diagnostic};
use crate::load::number::{self, DecimalMark};
use crate::load::report::{self, CellKind, Column, Field, Origin, Record, Sheet, Typed};
use crate::load::text::{Forced, fold, has_lost_letters, looks_like_formula};
use crate::load::workbook;
use crate::model::Duties;
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
    owner_problem(plan, owner, file)
}

/// [`check_owner`] with the plan's codes indexed.
fn owner_problem(plan: &Plan, owner: &Owner, file: &str) -> Option<Diagnostic> {
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
            None => format!("the plan's units are: {}", codes()),
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
    let predecessors: Vec<&str> = plan
        .units
        .iter()
        .filter(|u| u.successor.as_deref() == Some(unit.code.as_str()) && u.exists_on(due))
        .map(|u| u.code.as_str())
        .collect();
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
    if !predecessors.is_empty() {
        d = d.help(format!(
            "until then its work is reported by {}",
            predecessors.join(" and ")
        ));
    } else if let Some(holder) = plan.holder(&unit.code, owner.year) {
        d = d.help(format!(
            "its assignments passed to {}: report as {}",
            holder.code, holder.code
        ));
    }
    Some(d)
}

/// Reads and checks one report file's bytes for `owner`, as `read_as` says: CSV or a
/// workbook, through the same rules. A workbook's diagnostics name the sheet and cell.
pub fn check(
    plan: &Plan,
    owner: &Owner,
    bytes: &[u8],
    read_as: ReadAs,
    file: &str,
) -> (Option<Report>, Vec<Diagnostic>) {
    check_with(plan, owner, bytes, read_as, file)
}

/// [`check`] with the plan's assignments worked out once for many files.
pub fn check_with(
    plan: &Plan,
    owner: &Owner,
    bytes: &[u8],
    read_as: ReadAs,
    file: &str,
) -> (Option<Report>, Vec<Diagnostic>) {
    if let Some(d) = owner_problem(plan, owner, file) {
        return (None, vec![d]);
    }
    let (sheet, mut out) = match read_as {
        ReadAs::Csv(forced) => report::read(bytes, forced, file),
        ReadAs::Workbook(format) => workbook::read(bytes, format, file),
    };
    let Some(sheet) = sheet else {
        return (None, out);
    };
    let mut sheet = sheet;
    let records = std::mem::take(&mut sheet.records);
    let report = RowChecker {
        plan,
        duties: plan.duties(&owner.unit, owner.year),
        owner,
        sheet: &sheet,
        file,
        out: &mut out,
    }
    .run(records);
    if let Origin::Workbook {
        sheet: name,
        first_column,
    } = &sheet.origin
    {
        out = out
            .into_iter()
            .map(|d| match d.cell {
                Some(_) => d,
                None => d.in_sheet(name, *first_column),
            })
            .collect();
    }
    let report = finish(report, &out);
    crate::diag::sort(&mut out);
    (Some(report), out)
}

/// How a report file's bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAs {
    /// As CSV, in the encoding forced with `--encoding` when one is.
    Csv(Option<Forced>),
    /// As a workbook of this format.
    Workbook(workbook::Format),
}

impl ReadAs {
    /// A workbook by its extension (`.xlsx`, `.xls`, `.ods`), any other file as CSV.
    pub fn from_path(path: &Path, forced: Option<Forced>) -> ReadAs {
        workbook::Format::from_path(path).map_or(ReadAs::Csv(forced), ReadAs::Workbook)
    }
}

fn finish(mut report: Report, out: &[Diagnostic]) -> Report {
    report.errors = out.iter().filter(|d| d.is_error()).count();
    report.warnings = out.len() - report.errors;
    report
}

struct RowChecker<'a> {
    plan: &'a Plan,
    duties: Duties<'a>,
    owner: &'a Owner,
    sheet: &'a Sheet,
    file: &'a str,
    out: &'a mut Vec<Diagnostic>,
}

/// The row being checked: its cells by field.
struct Cells<'s> {
    sheet: &'s Sheet,
    record: &'s report::Record,
}

impl<'s> Cells<'s> {
    fn get(&self, field: Field) -> &'s str {
        self.sheet
            .column(field)
            .and_then(|i| self.record.cells.get(i))
            .map_or("", String::as_str)
    }

    /// What a workbook cell holds (text, for CSV).
    fn kind(&self, field: Field) -> Typed {
        self.sheet
            .column(field)
            .map(|i| self.record.kind(i))
            .unwrap_or_default()
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

    /// Checks every record; the rows without errors take the record's cells.
    fn run(mut self, records: Vec<Record>) -> Report {
        let (owner, sheet) = (self.owner, self.sheet);
        let mut rows = Vec::new();
        let mut rows_with_errors = 0;
        let mut seen: HashMap<(bool, String), usize> = HashMap::new();
        // Ids given on some row, even one with errors: W101 is for rows that are missing.
        let mut given: HashSet<(bool, String)> = HashSet::new();
        let convention = self.convention(&records);
        // E013: a column the rows need is missing. Said once, at the header, and the rows
        // then say nothing more about it (no E007 or W102 on every row).
        let missing = self.missing_columns(&records);
        // Rows left as the template wrote them: rows not given, by id, with their line.
        let mut untouched_rows: HashMap<(bool, String), usize> = HashMap::new();
        for mut record in records {
            let cells = Cells {
                sheet,
                record: &record,
            };
            let errors_before = self.errors();
            let untouched = Field::ALL
                .iter()
                .filter(|f| !matches!(f, Field::Kind | Field::Id | Field::Title))
                .all(|f| cells.get(*f).is_empty())
                && sheet
                    .columns
                    .iter()
                    .zip(record.cells.iter())
                    .all(|(c, v)| *c != Column::Other || v.is_empty());
            let id = cells.get(Field::Id).to_string();
            // Which kind of row this is meant to be: the plan knows its ids best.
            let is_task = match (
                self.plan.task_with_index(&id),
                self.plan.indicator_with_index(&id),
            ) {
                (Some(_), None) => true,
                (None, Some(_)) => false,
                _ => !matches!(
                    fold(cells.get(Field::Kind)).as_str(),
                    "indicator" | "chitieu"
                ),
            };
            let first_new = self.out.len();
            let row = self.row(
                record.line,
                record.row,
                &cells,
                convention,
                untouched,
                &missing,
            );
            if untouched {
                untouched_rows
                    .entry((is_task, id.clone()))
                    .or_insert(record.line);
            } else {
                if let Some(row) = &row {
                    let key = (matches!(row.entry, Entry::Task(_)), row.id.clone());
                    if let Some(first) = seen.get(&key) {
                        let what = if key.0 { "task" } else { "indicator" };
                        let place = match sheet.origin {
                            Origin::Csv { .. } => "on line",
                            Origin::Workbook { .. } => "row",
                        };
                        let message = format!(
                            "{what} \"{}\" appears twice; its first row is {place} {first}",
                            row.id
                        );
                        self.push(
                            Code::E009,
                            record.line,
                            record.row,
                            Some(Field::Id),
                            message,
                        )
                        .help =
                            Some("keep one row per task or indicator: merge the two rows".into());
                    } else {
                        seen.insert(key, record.line);
                    }
                }
                self.text_cells(record.line, record.row, &cells);
            }
            if !id.is_empty() {
                for d in &mut self.out[first_new..] {
                    d.subject = Some(id.clone());
                }
            }
            if !untouched {
                given.insert((is_task, id));
            }
            match row {
                Some(mut row) if self.errors() == errors_before => {
                    take_texts(sheet, &mut row, &mut record.cells);
                    rows.push(row);
                }
                _ => rows_with_errors += 1,
            }
        }
        // W109: a form nobody filled, said once rather than as a W101 for every row.
        let unfilled = given.is_empty() && self.out.iter().all(|d| d.code != Code::E002);
        if unfilled {
            let d = Diagnostic::new(
                Code::W109,
                self.file,
                "the form is not filled in: no row has a status, a value or any text beyond the \
                 template's",
            )
            .at(sheet.header_line, None)
            .help(
                "fill in each row (status and result of each task, value of each indicator) and \
                 check again; a row with nothing to report this year is marked Không phát sinh",
            );
            self.out.push(d);
        }
        // A malformed file hides rows: saying they are missing would send the clerk astray.
        if !unfilled && !self.out.iter().any(|d| d.code == Code::E002) {
            self.missing_rows(&given, &untouched_rows);
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
            value_column: self.column(Field::Value),
            rows_with_errors,
            errors: 0,
            warnings: 0,
        }
    }

    /// W101: a task the unit leads, or an indicator it reports, without a filled row.
    fn missing_rows(
        &mut self,
        given: &HashSet<(bool, String)>,
        untouched: &HashMap<(bool, String), usize>,
    ) {
        let owner = self.owner;
        // The unit's duties were worked out once, with the plan.
        let led: Vec<(bool, String)> = self
            .duties
            .tasks()
            .filter(|(_, role)| *role == crate::model::Role::Lead)
            .map(|(t, _)| (true, self.plan.tasks[t].id.clone()))
            .collect();
        let reported: Vec<(bool, String)> = self
            .duties
            .indicators()
            .map(|i| (false, self.plan.indicators[i].id.clone()))
            .collect();
        let template = format!(
            "ktplan template --unit {} --year {}",
            owner.unit, owner.year
        );
        for key in led.into_iter().chain(reported) {
            if given.contains(&key) {
                continue;
            }
            let (what, role) = if key.0 {
                ("task", "leads")
            } else {
                ("indicator", "reports")
            };
            let id = &key.1;
            let d = match untouched.get(&key) {
                Some(&line) => Diagnostic::new(
                    Code::W101,
                    self.file,
                    format!(
                        "the row of {what} \"{id}\", which {} {role}, is not filled in",
                        owner.unit
                    ),
                )
                .at(line, None)
                .help(if key.0 {
                    "give its status and what was done this year (Kết quả)"
                } else {
                    "give this year's value (Giá trị)"
                }),
                None => Diagnostic::new(
                    Code::W101,
                    self.file,
                    format!("no row for {what} \"{id}\", which {} {role}", owner.unit),
                )
                .at(self.sheet.header_line, None)
                .help(format!(
                    "add a row {} (`{template}` lists every row the unit owes)",
                    if key.0 { "for it" } else { "with its value" }
                )),
            };
            self.out.push(d.about(id));
        }
    }

    fn errors(&self) -> usize {
        self.out.iter().filter(|d| d.is_error()).count()
    }

    /// E013 for each column that rows of the file need and the header lacks: `status` when
    /// there are task rows, `value` when there are indicator rows. Returns those columns.
    fn missing_columns(&mut self, records: &[Record]) -> Vec<Field> {
        let sheet = self.sheet;
        let mut kinds = (false, false);
        for record in records {
            let cells = Cells { sheet, record };
            let id = cells.get(Field::Id);
            let is_task = match (self.plan.task(id), self.plan.indicator(id)) {
                (Some(_), None) => Some(true),
                (None, Some(_)) => Some(false),
                _ => kind_of(cells.get(Field::Kind)),
            };
            match is_task {
                Some(true) => kinds.0 = true,
                Some(false) => kinds.1 = true,
                None => {}
            }
        }
        let mut missing = Vec::new();
        for (needed, field, rows) in [
            (kinds.0, Field::Status, "task rows"),
            (kinds.1, Field::Value, "indicator rows"),
        ] {
            if !needed || sheet.column(field).is_some() {
                continue;
            }
            // The unknown header nearest to the column, when one is near enough to be a
            // misspelling of it.
            let nearest = sheet
                .columns
                .iter()
                .zip(&sheet.names)
                .enumerate()
                .filter(|(_, (c, n))| **c == Column::Other && !n.is_empty())
                .map(|(i, (_, n))| (report::distance_to(n, field), i, n))
                .filter(|(d, _, n)| *d <= (fold(n).chars().count() / 2).max(2))
                .min_by_key(|(d, i, _)| (*d, *i));
            let message = format!(
                "the file has {rows} but no `{}` column ({}): none of its rows can be read",
                field.english(),
                field.vietnamese()
            );
            let (column, help) = match nearest {
                Some((_, i, name)) => (
                    Some(i + 1),
                    format!(
                        "the header \"{name}\" is nearest: if it is meant to be `{}`, name it {}",
                        field.english(),
                        field.vietnamese()
                    ),
                ),
                None => (
                    None,
                    format!(
                        "add the column {} (`{}`); `ktplan template` writes the form with every column",
                        field.vietnamese(),
                        field.english()
                    ),
                ),
            };
            self.out.push(
                Diagnostic::new(Code::E013, self.file, message)
                    .at(sheet.header_line, column)
                    .help(help),
            );
            missing.push(field);
        }
        missing
    }

    /// The file's decimal mark, from its indicator values typed as text (a workbook's
    /// number cells need none).
    fn convention(&self, records: &[Record]) -> DecimalMark {
        let Some(value) = self.sheet.column(Field::Value) else {
            return DecimalMark::Point;
        };
        let cells = records
            .iter()
            .filter(|r| r.kind(value).kind == CellKind::Text)
            .filter_map(|r| r.cells.get(value).map(String::as_str));
        number::convention(cells, self.sheet.delimiter())
    }

    /// Checks one record; `None` when it cannot be read as a task or indicator row.
    fn row(
        &mut self,
        line: usize,
        row: usize,
        cells: &Cells,
        convention: DecimalMark,
        untouched: bool,
        missing: &[Field],
    ) -> Option<Row> {
        let owner = self.owner;
        let kind = cells.get(Field::Kind);
        let id = cells.get(Field::Id).to_string();
        let is_task = match kind_of(kind) {
            Some(is_task) => is_task,
            None => {
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
            let Some((t, task)) = self.plan.task_with_index(&id) else {
                let message = if self.plan.indicator_with_index(&id).is_some() {
                    format!("\"{id}\" is an indicator, not a task")
                } else {
                    format!("unknown task id \"{id}\"")
                };
                let help = self.owned_ids(true);
                self.push(Code::E005, line, row, Some(Field::Id), message)
                    .help = Some(help);
                return None;
            };
            if self.duties.row_role(t).is_none() {
                let help = self.owned_ids(true);
                let message = format!(
                    "{} is neither lead nor support of task \"{id}\"",
                    owner.unit
                );
                self.push(Code::E006, line, row, Some(Field::Id), message)
                    .help = Some(help);
            }
            self.title(line, row, cells, &id, &task.title, &task.text);
            if !cells.get(Field::Value).is_empty() {
                let message = format!(
                    "task \"{id}\" has a value; a task row is read for its status, not a value"
                );
                self.push(Code::W103, line, row, Some(Field::Value), message)
                    .help = Some(
                    "write the figure into the result (Kết quả), or onto the indicator's own row"
                        .into(),
                );
            }
            let status = cells.get(Field::Status);
            match status_of(status) {
                _ if untouched => Entry::Task(Status::NotStarted),
                // E013 said it once, at the header: the row is left out without a word.
                _ if missing.contains(&Field::Status) => return None,
                Some(s) => {
                    if matches!(s, Status::Done | Status::InProgress)
                        && cells.get(Field::Result).is_empty()
                    {
                        let message = format!(
                            "task \"{id}\" is marked {} ({}) but its result is empty",
                            s.vietnamese(),
                            s.as_str()
                        );
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
            let Some((i, indicator)) = self.plan.indicator_with_index(&id) else {
                let message = if self.plan.task_with_index(&id).is_some() {
                    format!("\"{id}\" is a task, not an indicator")
                } else {
                    format!("unknown indicator id \"{id}\"")
                };
                let help = self.owned_ids(false);
                self.push(Code::E005, line, row, Some(Field::Id), message)
                    .help = Some(help);
                return None;
            };
            if !self.duties.may_report(i) {
                let help = self.owned_ids(false);
                let message = format!("{} does not report indicator \"{id}\"", owner.unit);
                self.push(Code::E006, line, row, Some(Field::Id), message)
                    .help = Some(help);
            }
            self.title(line, row, cells, &id, &indicator.name, "");
            if !cells.get(Field::Status).is_empty() {
                let message = format!(
                    "indicator \"{id}\" has a status; an indicator row is read for its value"
                );
                self.push(Code::W103, line, row, Some(Field::Status), message)
                    .help = Some("leave the status (Trạng thái) of an indicator row empty".into());
            }
            let cell = cells.get(Field::Value);
            if cell.is_empty() {
                if !untouched && !missing.contains(&Field::Value) {
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
                let typed = cells.kind(Field::Value).kind;
                match value(
                    cell,
                    typed,
                    convention,
                    indicator.value_kind(),
                    &indicator.unit,
                ) {
                    Ok(v) => {
                        if matches!(typed, CellKind::Text | CellKind::Bool)
                            && number::grouped_by_convention(cell, convention)
                        {
                            self.grouped_value(line, row, cell, v, convention);
                        }
                        Entry::Indicator(Some(v))
                    }
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
            // Filled by `take_texts` once the row is known to have no errors.
            title: String::new(),
            result: String::new(),
            difficulties: String::new(),
            proposals: String::new(),
            note: String::new(),
            extra: Vec::new(),
            unread: if is_task {
                cells.get(Field::Value)
            } else {
                cells.get(Field::Status)
            }
            .to_string(),
            untouched,
        })
    }

    /// W108: `1.234` read as 1234 because of the file's convention, not of what was typed.
    fn grouped_value(
        &mut self,
        line: usize,
        row: usize,
        cell: &str,
        value: f64,
        convention: DecimalMark,
    ) {
        let (mark, convention_words) = match convention {
            DecimalMark::Comma => (',', "a decimal comma, so `.` groups thousands"),
            DecimalMark::Point => ('.', "a decimal point, so `,` groups thousands"),
        };
        // A lone mark before three digits: read as a decimal mark, the value is a thousandth.
        let decimal = (value / 1000.0).to_string().replace('.', &mark.to_string());
        let message = format!(
            "\"{cell}\" was read as {value} on the file's convention alone ({convention_words}); the cell itself could mean either"
        );
        self.push(Code::W108, line, row, Some(Field::Value), message)
            .help = Some(format!(
            "write {value} if that is meant (no separator leaves no doubt); if a decimal number is meant, write {decimal}"
        ));
    }

    /// "STC leads or supports: 3.1, 3.3, ..." / "STC reports: ...".
    fn owned_ids(&self, tasks: bool) -> String {
        let owner = self.owner;
        if tasks {
            let ids: Vec<&str> = self
                .duties
                .tasks()
                .map(|(t, _)| self.plan.tasks[t].id.as_str())
                .collect();
            if ids.is_empty() {
                format!("{} leads or supports no task in {}", owner.unit, owner.year)
            } else {
                format!("{} leads or supports: {}", owner.unit, ids.join(", "))
            }
        } else {
            let ids: Vec<&str> = self
                .duties
                .indicators()
                .map(|i| self.plan.indicators[i].id.as_str())
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
        if written.is_empty() || written == title || fold(written) == fold(title) {
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
            if cells.kind(field).formula {
                let message = format!(
                    "the {} cell is a formula: its text is whatever the formula last calculated",
                    field.english()
                );
                self.push(Code::W105, line, row, Some(field), message).help = Some(
                    "type the text itself: copy the cell and paste it back as values only".into(),
                );
            } else if looks_like_formula(text) {
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

/// Moves a record's text cells into its checked row.
fn take_texts(sheet: &Sheet, row: &mut Row, cells: &mut [String]) {
    let mut take = |field: Field| {
        sheet
            .column(field)
            .and_then(|i| cells.get_mut(i))
            .map(std::mem::take)
            .unwrap_or_default()
    };
    row.title = take(Field::Title);
    row.result = take(Field::Result);
    row.difficulties = take(Field::Difficulties);
    row.proposals = take(Field::Proposals);
    row.note = take(Field::Note);
    row.extra = sheet
        .columns
        .iter()
        .zip(cells.iter_mut())
        .filter(|(c, _)| **c == Column::Other)
        .map(|(_, v)| std::mem::take(v))
        .collect();
}

/// Whether a `kind` cell names a task (`Some(true)`) or an indicator (`Some(false)`).
fn kind_of(cell: &str) -> Option<bool> {
    // The forms the template writes, before folding (the same answer, sooner).
    match cell {
        "task" | "Nhiệm vụ" => return Some(true),
        "indicator" | "Chỉ tiêu" => return Some(false),
        _ => {}
    }
    match fold(cell).as_str() {
        "task" | "nhiemvu" => Some(true),
        "indicator" | "chitieu" => Some(false),
        _ => None,
    }
}

/// The status a `status` cell names.
fn status_of(cell: &str) -> Option<Status> {
    // The canonical and Vietnamese forms, before folding (the same answer, sooner).
    Status::ALL
        .into_iter()
        .find(|s| cell == s.as_str() || cell == s.vietnamese())
        .or_else(|| Status::from_folded(&fold(cell)))
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

/// Parses and range-checks an indicator value: (message, help) on failure. A
/// workbook's number cell is taken as it is; text is parsed by the file's convention.
fn value(
    cell: &str,
    typed: CellKind,
    convention: DecimalMark,
    kind: ValueKind,
    unit: &str,
) -> Result<f64, (String, String)> {
    let n = match typed {
        CellKind::Number { value, percent } => number::Number { value, percent },
        CellKind::Date => {
            return Err((
                format!("the cell holds the date {cell}, not a number"),
                "the spreadsheet took what was typed for a date: format the cell as Number and \
                 type the value again"
                    .into(),
            ));
        }
        CellKind::Error => {
            return Err((
                format!("the cell holds the error {cell}, not a number"),
                "fix the formula that computes it, or type the value itself".into(),
            ));
        }
        CellKind::Text | CellKind::Bool => number::parse(cell, convention).map_err(|e| {
            let percent = if kind == ValueKind::Percent {
                " (a % sign may follow)"
            } else {
                ""
            };
            (
                format!("\"{cell}\" is not a number"),
                format!("{e}{percent}; write the number alone, without words"),
            )
        })?,
    };
    // A lone mark before three digits in typed text is read by the file's convention: say how.
    let ambiguous = matches!(typed, CellKind::Text | CellKind::Bool)
        && number::evidence(cell).is_none()
        && cell.contains(['.', ',']);
    let cell = if ambiguous {
        format!("{cell} (read as {})", n.value)
    } else {
        cell.to_string()
    };
    let cell = cell.as_str();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms matched before folding mean what they mean after it.
    #[test]
    fn unfolded_forms_agree_with_folding() {
        for s in Status::ALL {
            for cell in [s.as_str(), s.vietnamese()] {
                assert_eq!(Status::from_folded(&fold(cell)), Some(s), "{cell}");
                assert_eq!(status_of(cell), Some(s), "{cell}");
            }
        }
        for (cell, is_task) in [
            ("task", true),
            ("Nhiệm vụ", true),
            ("indicator", false),
            ("Chỉ tiêu", false),
            ("NHIỆM VỤ", true),
            ("chi tieu", false),
        ] {
            assert_eq!(kind_of(cell), Some(is_task), "{cell}");
        }
        assert_eq!(kind_of("việc"), None);
        assert_eq!(status_of("xong"), None);
    }
}

/// Whatever the bytes, `check` returns: no panic, diagnostics that point inside the
/// file, and the same answer twice.
#[cfg(test)]
mod never_panics {
    use std::sync::OnceLock;

    use proptest::prelude::*;

    use super::*;
    use crate::check::testing::shipped_plan;

    fn plan() -> &'static Plan {
        static PLAN: OnceLock<Plan> = OnceLock::new();
        PLAN.get_or_init(shipped_plan)
    }

    /// Units whose reports differ: a lead with an indicator, the coordinator, a district
    /// gone in 2025, a department born in 2025, and a code the plan does not know.
    const UNITS: [&str; 5] = ["STC", "SKHCN", "DAKHA", "SNNMT", "NOBODY"];

    fn run(bytes: &[u8], unit: &str, year: i32, forced: bool) {
        let owner = Owner {
            unit: unit.to_string(),
            year,
        };
        let forced = forced.then_some(Forced::Windows1258);
        let (report, diagnostics) = check(plan(), &owner, bytes, ReadAs::Csv(forced), "r.csv");
        let lines = 1 + bytes.iter().filter(|&&b| b == b'\n').count();
        for d in &diagnostics {
            assert!(
                d.line.is_none_or(|l| (1..=lines.max(2)).contains(&l)),
                "{d:?}"
            );
            assert_eq!(d.severity, d.code.severity());
        }
        if let Some(report) = &report {
            assert_eq!(
                report.errors,
                diagnostics.iter().filter(|d| d.is_error()).count()
            );
        }
        let again = check(plan(), &owner, bytes, ReadAs::Csv(forced), "r.csv");
        assert_eq!(again.1, diagnostics);
    }

    /// Pieces that CSV, encodings and the number and status rules trip over.
    const PIECES: [&str; 30] = [
        ",",
        ";",
        "\t",
        "|",
        "\"",
        "\"\"",
        "\n",
        "\r\n",
        "\r",
        " ",
        "kind",
        "id",
        "Loại",
        "Mã",
        "Giá trị",
        "Trạng thái",
        "task",
        "Chỉ tiêu",
        "3.1",
        "STI_BUDGET_SHARE",
        "Hoàn thành",
        "1.234",
        "41,5%",
        "18.500,25",
        "-1",
        "=SUM(A1)",
        "Ph?i h?p",
        "e\u{301}",
        "\u{FEFF}",
        "sep=;\n",
    ];

    /// Text made of those pieces, then encoded as a clerk's spreadsheet might.
    fn csv_like() -> impl Strategy<Value = Vec<u8>> {
        (
            prop::collection::vec(prop::sample::select(PIECES.to_vec()), 0..120),
            0..5u8,
        )
            .prop_map(|(pieces, encoding)| {
                let text: String = pieces.concat();
                match encoding {
                    0 => text.into_bytes(),
                    1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                    2 => std::iter::once(0xFEFFu16)
                        .chain(text.encode_utf16())
                        .flat_map(u16::to_le_bytes)
                        .collect(),
                    3 => std::iter::once(0xFEFFu16)
                        .chain(text.encode_utf16())
                        .flat_map(u16::to_be_bytes)
                        .collect(),
                    // A truncated UTF-16 file: an odd number of bytes.
                    _ => {
                        let mut bytes: Vec<u8> = std::iter::once(0xFEFFu16)
                            .chain(text.encode_utf16())
                            .flat_map(u16::to_le_bytes)
                            .collect();
                        bytes.pop();
                        bytes
                    }
                }
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn on_any_bytes(
            bytes in prop::collection::vec(any::<u8>(), 0..2048),
            unit in prop::sample::select(UNITS.to_vec()),
            year in 2022..2032i32,
            forced: bool,
        ) {
            run(&bytes, unit, year, forced);
        }

        #[test]
        fn on_text_that_looks_like_csv(
            bytes in csv_like(),
            unit in prop::sample::select(UNITS.to_vec()),
            year in 2023..2027i32,
            forced: bool,
        ) {
            run(&bytes, unit, year, forced);
        }
    }

    /// A field just over the limit, a row as wide as a file, a file of one long line.
    #[test]
    fn on_large_shapes() {
        let big = "x".repeat(64 * 1024 + 1);
        run(
            format!("kind,id,result\ntask,3.1,{big}\n").as_bytes(),
            "STC",
            2024,
            false,
        );
        let wide = ",".repeat(100_000);
        run(format!("kind,id\n{wide}\n").as_bytes(), "STC", 2024, false);
        run(&vec![b'"'; 200_000], "STC", 2024, false);
        run(&[b'\n'; 200_000], "STC", 2024, false);
    }
}
