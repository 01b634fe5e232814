//! Report rules (SPEC sections 4 and 5): from a [`Sheet`] to a checked [`Report`] and
//! every problem in it, each pointing at its line and column with the fix.

use std::borrow::Cow;
use std::collections::HashSet;
use std::path::Path;

use crate::diag::message::{Owned, Passed};
use crate::diag::{Code, Diagnostic, Message};
use crate::layout::{Field, looks_like_formula};
use crate::load::number::{self, DecimalMark};
use crate::load::report::{self, CellKind, Column, Origin, Record, Sheet, Typed};
use crate::load::text::{Forced, fold, has_lost_letters};
use crate::load::workbook;
use crate::model::Duties;
use crate::model::{Entry, Kind, Known, MeasureUnit, Plan, Report, Row, Status};

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
    let Some(unit) = plan.unit(&owner.unit) else {
        let similar = plan
            .units
            .iter()
            .find(|u| u.code.eq_ignore_ascii_case(&owner.unit))
            .map(|u| u.code.clone());
        let units = match similar {
            Some(_) => Vec::new(),
            None => plan
                .units
                .iter()
                .filter(|u| u.reports)
                .map(|u| u.code.clone())
                .collect(),
        };
        let message = Message::UnknownUnit {
            unit: owner.unit.clone(),
            similar,
            units,
        };
        return Some(Diagnostic::new(file, message));
    };
    if !plan.covers(owner.year) {
        let message = Message::YearOutsidePlan {
            year: owner.year,
            start: plan.meta.start_year,
            end: plan.meta.end_year,
        };
        return Some(Diagnostic::new(file, message));
    }
    let due = plan.due_date(owner.year);
    if unit.exists_on(due) {
        return None;
    }
    let predecessors: Vec<String> = plan
        .units
        .iter()
        .filter(|u| u.successor.as_deref() == Some(unit.code.as_str()) && u.exists_on(due))
        .map(|u| u.code.clone())
        .collect();
    let holder = match predecessors.is_empty() {
        true => plan
            .holder(&unit.code, owner.year)
            .map(|holder| holder.code.clone()),
        false => None,
    };
    let mut moved: Vec<Passed> = Vec::new();
    if predecessors.is_empty() {
        for (kind, id, to) in plan.moved(&unit.code, owner.year) {
            match moved.iter_mut().find(|p| p.kind == kind && p.to == to.code) {
                Some(passed) => passed.ids.push(id.to_string()),
                None => moved.push(Passed {
                    kind,
                    ids: vec![id.to_string()],
                    to: to.code.clone(),
                }),
            }
        }
    }
    let message = Message::UnitNotExisting {
        unit: unit.code.clone(),
        due,
        year: owner.year,
        not_yet: unit.since.is_some_and(|since| due < since),
        predecessors,
        holder,
        moved,
    };
    Some(Diagnostic::new(file, message))
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
    check_with(plan, owner, bytes, read_as, file, Keep::Rows)
}

/// What a check keeps of a report's rows without errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Every row, with its texts.
    Rows,
    /// Every row checked, but only the indicator rows kept, with their id, value, line
    /// and whether they were left untouched, and none of their texts (left empty): all
    /// that `check` itself needs of a report (the values W104 and E012 compare), without
    /// copying the rows of every file it reads.
    Facts,
    /// The indicator rows' facts only ([`indicator_rows`]).
    IndicatorFacts,
}

/// The report's indicator rows without errors, as [`check`] gives them, and nothing of
/// its task rows: what W104 compares a year's values with. The rules are applied to the
/// indicator rows alone (the file is read whole, as it must be to find them), which
/// spares most of the work of a second check of last year's report.
pub fn indicator_rows(
    plan: &Plan,
    owner: &Owner,
    bytes: &[u8],
    read_as: ReadAs,
    file: &str,
) -> Option<Report> {
    check_with(plan, owner, bytes, read_as, file, Keep::IndicatorFacts).0
}

/// [`check`], keeping of the rows what `keep` says; with [`Keep::IndicatorFacts`] only
/// the indicator rows are checked (the file's decimal mark and missing columns are still
/// those of all its rows).
pub fn check_with(
    plan: &Plan,
    owner: &Owner,
    bytes: &[u8],
    read_as: ReadAs,
    file: &str,
    keep: Keep,
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
    let mut cells = std::mem::take(&mut sheet.cells);
    let report = RowChecker {
        plan,
        duties: plan.duties(&owner.unit, owner.year),
        owner,
        sheet: &sheet,
        layout: &Layout::of(&sheet),
        file,
        out: &mut out,
        keep,
    }
    .run(&records, &mut cells);
    report::give_back(records, cells);
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

/// The header's columns no rule knows, by name as written: `import` keeps them.
fn extra_columns(sheet: &Sheet) -> Vec<String> {
    sheet
        .columns
        .iter()
        .zip(&sheet.names)
        .filter(|(c, _)| **c == Column::Other)
        .map(|(_, n)| n.clone())
        .collect()
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
    sheet: &'a Sheet<'a>,
    /// Where the sheet's columns are, found once for all its rows.
    layout: &'a Layout,
    file: &'a str,
    out: &'a mut Vec<Diagnostic>,
    /// What to keep of the rows.
    keep: Keep,
}

/// A record being checked, with what the whole file says about it.
struct Reading<'r> {
    /// The physical line where the record starts.
    line: usize,
    /// Its spreadsheet row.
    row: usize,
    /// Its cells.
    cells: &'r Cells<'r>,
    /// The file's decimal mark.
    convention: DecimalMark,
    /// Left as the template wrote it: a row not given.
    untouched: bool,
    /// Columns the header lacks (E013, said once).
    missing: &'r [Field],
    /// What the plan knows of the row's id.
    known: Known,
}

/// Where a sheet's columns are: what [`Sheet::column`] says of each field, and the
/// columns a row left as the template wrote it has empty, found once for all its rows.
struct Layout {
    /// The column of each field, by `Field as usize`.
    fields: [Option<usize>; Field::ALL.len()],
    /// The columns of every field but kind, id and title: the template leaves them empty.
    filled_by_clerk: Vec<usize>,
    /// The columns no rule knows, in order.
    others: Vec<usize>,
}

impl Layout {
    fn of(sheet: &Sheet) -> Layout {
        let fields = Field::ALL.map(|f| sheet.column(f));
        let filled_by_clerk = Field::ALL
            .iter()
            .filter(|f| !matches!(f, Field::Kind | Field::Id | Field::Title))
            .filter_map(|&f| fields[f as usize])
            .collect();
        let others = sheet
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == Column::Other)
            .map(|(i, _)| i)
            .collect();
        Layout {
            fields,
            filled_by_clerk,
            others,
        }
    }

    fn column(&self, field: Field) -> Option<usize> {
        self.fields[field as usize]
    }
}

/// The row being checked: its cells by field.
struct Cells<'s> {
    layout: &'s Layout,
    record: &'s Record,
    /// The record's cells.
    cells: &'s [Cow<'s, str>],
}

impl<'s> Cells<'s> {
    fn of(layout: &'s Layout, record: &'s Record, all: &'s [Cow<'s, str>]) -> Cells<'s> {
        let cells = all.get(record.cells.clone()).unwrap_or_default();
        Cells {
            layout,
            record,
            cells,
        }
    }

    fn get(&self, field: Field) -> &'s str {
        self.layout
            .column(field)
            .and_then(|i| self.cells.get(i))
            .map_or("", AsRef::as_ref)
    }

    /// True for a row left as the template wrote it: nothing in any cell but its kind,
    /// id and title.
    fn untouched(&self) -> bool {
        let layout = self.layout;
        layout
            .filled_by_clerk
            .iter()
            .chain(&layout.others)
            .all(|&i| self.cells.get(i).is_none_or(|c| c.is_empty()))
    }

    /// What a workbook cell holds (text, for CSV).
    fn kind(&self, field: Field) -> Typed {
        self.layout
            .column(field)
            .map(|i| self.record.kind(i))
            .unwrap_or_default()
    }
}

/// The position of an id among the plan's tasks or among its indicators.
fn position(known: Known, kind: Kind) -> Option<usize> {
    match kind {
        Kind::Task => known.task,
        Kind::Indicator => known.indicator,
    }
}

/// What a file's rows said of one task or indicator of the plan.
#[derive(Debug, Clone, Copy, Default)]
struct Mark {
    /// Some row gave it, even one with errors: W101 is for rows that are missing.
    given: bool,
    /// The line of its first row left as the template wrote it.
    untouched: Option<usize>,
    /// The line of its first row read without being left out (E009 for the next).
    first: Option<usize>,
}

/// What a file's rows said of the plan's tasks and indicators, by their position in
/// the plan: a list as long as the plan's, rather than a map of ids, so that a row
/// costs no hashing and no copy of its id.
struct Marks {
    tasks: Vec<Mark>,
    indicators: Vec<Mark>,
    /// Some row was given, whether the plan knows its id or not (W109 when none was).
    any_given: bool,
}

thread_local! {
    /// Room for the rows of a report whose facts alone are kept, given back by
    /// [`give_back_rows`] once they are read.
    static SPARE_ROWS: std::cell::Cell<Vec<Row>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Keeps the room of a report's rows, once what was needed of them is taken, for the
/// next report checked on this thread whose facts alone are kept ([`Keep::Facts`]).
pub fn give_back_rows(mut rows: Vec<Row>) {
    rows.clear();
    // A report's worth: a file of a hundred thousand indicator rows gives its room back.
    if rows.capacity() <= 1024 {
        SPARE_ROWS.set(rows);
    }
}

thread_local! {
    /// The room of the last file's [`Marks`] on this thread: a plan's worth of marks is
    /// cleared for the next file rather than allocated again (a list that large is
    /// where the allocator stops to tidy up everything freed since).
    static SPARE_MARKS: std::cell::Cell<Option<Marks>> = const { std::cell::Cell::new(None) };
}

impl Marks {
    /// Blank marks for the plan's tasks and indicators, in the room the last file gave
    /// back ([`Marks::give_back`]) when there is some.
    fn new(plan: &Plan) -> Marks {
        let mut marks = SPARE_MARKS.take().unwrap_or(Marks {
            tasks: Vec::new(),
            indicators: Vec::new(),
            any_given: false,
        });
        marks.tasks.clear();
        marks.tasks.resize(plan.tasks.len(), Mark::default());
        marks.indicators.clear();
        marks
            .indicators
            .resize(plan.indicators.len(), Mark::default());
        marks.any_given = false;
        marks
    }

    /// Keeps the marks' room for the next file checked on this thread.
    fn give_back(self) {
        SPARE_MARKS.set(Some(self));
    }

    fn get_mut(&mut self, kind: Kind, position: usize) -> Option<&mut Mark> {
        match kind {
            Kind::Task => self.tasks.get_mut(position),
            Kind::Indicator => self.indicators.get_mut(position),
        }
    }
}

impl RowChecker<'_> {
    fn column(&self, field: Field) -> Option<usize> {
        self.layout.column(field).map(|i| i + 1)
    }

    fn push(&mut self, line: usize, row: usize, field: Option<Field>, message: Message) {
        let column = field.and_then(|f| self.column(f));
        self.out.push(
            Diagnostic::new(self.file, message)
                .at(line, column)
                .row(row),
        );
    }

    /// Checks every record; the rows without errors take the record's cells (from
    /// `cells`, every record's end to end).
    fn run(mut self, records: &[Record], all: &mut [Cow<'_, str>]) -> Report {
        let (owner, sheet, layout) = (self.owner, self.sheet, self.layout);
        // Every row is kept but those with errors; an indicator row is rarely one in ten.
        let mut rows = match self.keep {
            Keep::Rows => Vec::with_capacity(records.len()),
            Keep::Facts | Keep::IndicatorFacts => SPARE_ROWS.take(),
        };
        let mut rows_with_errors = 0;
        let mut marks = Marks::new(self.plan);
        let convention = self.convention(records, all);
        // E013: a column the rows need is missing. Said once, at the header, and the rows
        // then say nothing more about it (no E007 or W102 on every row).
        let missing = self.missing_columns(records, all);
        for record in records {
            let cells = Cells::of(layout, record, all);
            // An indicator row is one whose kind says so (see `row`).
            if self.keep == Keep::IndicatorFacts
                && kind_of(cells.get(Field::Kind)) != Some(Kind::Indicator)
            {
                continue;
            }
            let untouched = cells.untouched();
            let id = cells.get(Field::Id);
            let known = self.plan.assignments().known(id);
            let kind = meant_kind(&cells, known).unwrap_or(Kind::Task);
            let first_new = self.out.len();
            let row = self.row(&Reading {
                line: record.line,
                row: record.row,
                cells: &cells,
                convention,
                untouched,
                missing: &missing,
                known,
            });
            let mark = position(known, kind).and_then(|position| marks.get_mut(kind, position));
            if untouched {
                if let Some(mark) = mark {
                    mark.untouched.get_or_insert(record.line);
                }
            } else {
                if let Some(mark) = mark {
                    mark.given = true;
                }
                marks.any_given = true;
                if let Some((row, position)) = &row {
                    self.duplicate(row, id, *position, record, &mut marks);
                }
                self.text_cells(record.line, record.row, &cells);
            }
            if !id.is_empty() {
                for d in &mut self.out[first_new..] {
                    d.subject = Some(id.to_string());
                }
            }
            match row {
                // Only this row's own diagnostics are looked at: a row costs the same
                // whatever number of problems came before it.
                Some((mut row, _)) if !self.out[first_new..].iter().any(Diagnostic::is_error) => {
                    let texts = self.keep == Keep::Rows;
                    if texts || row.kind() == Kind::Indicator {
                        let cells = all.get_mut(record.cells.clone()).unwrap_or_default();
                        take_cells(layout, &mut row, cells, texts);
                        rows.push(row);
                    }
                }
                _ => rows_with_errors += 1,
            }
        }
        self.unfilled_or_missing(&marks);
        marks.give_back();
        Report {
            unit: owner.unit.clone(),
            year: owner.year,
            file: self.file.to_string(),
            rows,
            extra_columns: extra_columns(sheet),
            value_column: self.column(Field::Value),
            rows_with_errors,
            errors: 0,
            warnings: 0,
        }
    }

    /// E009: a row whose kind and id an earlier row of the file has (`position` is the
    /// id's in the plan); `marks` holds the line of each one's first row.
    fn duplicate(
        &mut self,
        row: &Row,
        id: &str,
        position: usize,
        record: &Record,
        marks: &mut Marks,
    ) {
        let kind = row.kind();
        let Some(mark) = marks.get_mut(kind, position) else {
            return;
        };
        match mark.first {
            Some(first) => {
                let message = Message::Duplicate {
                    kind,
                    id: id.to_string(),
                    first,
                    workbook: matches!(self.sheet.origin, Origin::Workbook { .. }),
                };
                self.push(record.line, record.row, Some(Field::Id), message);
            }
            None => mark.first = Some(record.line),
        }
    }

    /// After the last row: W109 for a form nobody filled, said once rather than as a
    /// W101 for every row, or else W101 for each row missing ([`Self::missing_rows`]).
    fn unfilled_or_missing(&mut self, marks: &Marks) {
        let unfilled = !marks.any_given && self.out.iter().all(|d| d.code != Code::E002);
        if unfilled {
            let header_line = self.sheet.header_line;
            let d = Diagnostic::new(self.file, Message::EmptyForm).at(header_line, None);
            self.out.push(d);
        }
        // A malformed file hides rows: saying they are missing would send the clerk astray.
        if !unfilled && !self.out.iter().any(|d| d.code == Code::E002) {
            self.missing_rows(marks);
        }
    }

    /// W101: a task the unit leads, or an indicator it reports, without a filled row.
    fn missing_rows(&mut self, marks: &Marks) {
        let (owner, plan) = (self.owner, self.plan);
        // The unit's duties were worked out once, with the plan; the plan's ids are
        // unique, so a position stands for its id.
        let duties = self.duties;
        let led = duties
            .tasks()
            .filter(|(_, role)| *role == crate::model::Role::Lead)
            .map(|(t, _)| (Kind::Task, &plan.tasks[t].id, marks.tasks[t]));
        let reported = duties
            .indicators()
            .map(|i| (Kind::Indicator, &plan.indicators[i].id, marks.indicators[i]));
        for (kind, id, mark) in led.chain(reported) {
            if mark.given {
                continue;
            }
            let id = id.clone();
            let d = match mark.untouched {
                Some(line) => {
                    let message = Message::RowNotFilled {
                        kind,
                        id: id.clone(),
                        unit: owner.unit.clone(),
                    };
                    Diagnostic::new(self.file, message)
                        .at(line, None)
                        .about(&id)
                }
                None => {
                    let message = Message::RowMissing {
                        kind,
                        id: id.clone(),
                        unit: owner.unit.clone(),
                        year: owner.year,
                    };
                    Diagnostic::new(self.file, message)
                        .at(self.sheet.header_line, None)
                        .about(&id)
                }
            };
            self.out.push(d);
        }
    }

    /// E013 for each column that rows of the file need and the header lacks: `status` when
    /// there are task rows, `value` when there are indicator rows. Returns those columns.
    fn missing_columns(&mut self, records: &[Record], all: &[Cow<'_, str>]) -> Vec<Field> {
        let (sheet, layout) = (self.sheet, self.layout);
        // With both columns there, what kinds of rows the file has does not matter.
        if layout.column(Field::Status).is_some() && layout.column(Field::Value).is_some() {
            return Vec::new();
        }
        let mut kinds = (false, false);
        for record in records {
            let cells = Cells::of(layout, record, all);
            let known = self.plan.assignments().known(cells.get(Field::Id));
            match meant_kind(&cells, known) {
                Some(Kind::Task) => kinds.0 = true,
                Some(Kind::Indicator) => kinds.1 = true,
                None => {}
            }
        }
        let mut missing = Vec::new();
        for (needed, field) in [(kinds.0, Field::Status), (kinds.1, Field::Value)] {
            if !needed || layout.column(field).is_some() {
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
            let column = nearest.map(|(_, i, _)| i + 1);
            let message = Message::ColumnMissing {
                field,
                nearest: nearest.map(|(_, _, name)| name.clone()),
            };
            self.out
                .push(Diagnostic::new(self.file, message).at(sheet.header_line, column));
            missing.push(field);
        }
        missing
    }

    /// The file's decimal mark, from its indicator values typed as text (a workbook's
    /// number cells need none).
    fn convention(&self, records: &[Record], all: &[Cow<'_, str>]) -> DecimalMark {
        let Some(value) = self.layout.column(Field::Value) else {
            return DecimalMark::Point;
        };
        let cells = records
            .iter()
            .filter(|r| r.kind(value).kind == CellKind::Text)
            .filter_map(|r| all.get(r.cells.clone())?.get(value).map(AsRef::as_ref))
            // An empty cell (every task row's) says nothing of the mark.
            .filter(|cell: &&str| !cell.is_empty());
        number::convention(cells, self.sheet.delimiter())
    }

    /// Checks one record; `None` when it cannot be read as a task or indicator row.
    /// With the row, the position in the plan of its task or indicator.
    fn row(&mut self, r: &Reading) -> Option<(Row, usize)> {
        let (line, row, cells) = (r.line, r.row, r.cells);
        let kind_cell = cells.get(Field::Kind);
        let id = cells.get(Field::Id);
        let Some(kind) = kind_of(kind_cell) else {
            let message = if kind_cell.is_empty() {
                Message::NoKind
            } else {
                Message::UnknownKind {
                    kind: kind_cell.to_string(),
                }
            };
            self.push(line, row, Some(Field::Kind), message);
            return None;
        };
        if id.is_empty() {
            let owned = self.owned(kind);
            self.push(line, row, Some(Field::Id), Message::NoId { owned });
            return None;
        }
        let entry = match kind {
            Kind::Task => self.task_entry(r, id)?,
            Kind::Indicator => self.indicator_entry(r, id)?,
        };
        // An entry is only read for an id the plan knows as this kind.
        let position = position(r.known, kind)?;
        let row = Row {
            line,
            entry,
            // Filled by `take_cells` once the row is known to have no errors.
            id: String::new(),
            title: String::new(),
            result: String::new(),
            difficulties: String::new(),
            proposals: String::new(),
            note: String::new(),
            extra: Vec::new(),
            unread: String::new(),
            untouched: r.untouched,
        };
        Some((row, position))
    }

    /// The position in the plan of the task or indicator a row names: E005 when the plan
    /// has none of this kind (`None`), E006 when the unit has no part in it.
    fn known(&mut self, r: &Reading, kind: Kind, id: &str) -> Option<usize> {
        let (position, other_kind) = match kind {
            Kind::Task => (r.known.task, r.known.indicator.is_some()),
            Kind::Indicator => (r.known.indicator, r.known.task.is_some()),
        };
        let Some(position) = position else {
            let (id, owned) = (id.to_string(), self.owned(kind));
            let message = if other_kind {
                Message::WrongKind { id, owned }
            } else {
                Message::UnknownId { id, owned }
            };
            self.push(r.line, r.row, Some(Field::Id), message);
            return None;
        };
        let assigned = match kind {
            Kind::Task => self.duties.row_role(position).is_some(),
            Kind::Indicator => self.duties.may_report(position),
        };
        if !assigned {
            let message = Message::NotAssigned {
                id: id.to_string(),
                owned: self.owned(kind),
            };
            self.push(r.line, r.row, Some(Field::Id), message);
        }
        Some(position)
    }

    /// A task row's status: E007 when there is none or it is unknown (`None`), W102
    /// when the task is done or in progress and the row says nothing of what was done.
    fn task_entry(&mut self, r: &Reading, id: &str) -> Option<Entry> {
        let (line, row, cells) = (r.line, r.row, r.cells);
        let plan = self.plan;
        let task = &plan.tasks[self.known(r, Kind::Task, id)?];
        self.title(line, row, cells, id, &task.title, &task.text);
        if !cells.get(Field::Value).is_empty() {
            let message = Message::TaskHasValue { id: id.to_string() };
            self.push(line, row, Some(Field::Value), message);
        }
        let status = cells.get(Field::Status);
        match status_of(status) {
            _ if r.untouched => Some(Entry::Task(Status::NotStarted)),
            // E013 said it once, at the header: the row is left out without a word.
            _ if r.missing.contains(&Field::Status) => None,
            Some(s) => {
                if matches!(s, Status::Done | Status::InProgress)
                    && cells.get(Field::Result).is_empty()
                {
                    let message = Message::NoResult {
                        id: id.to_string(),
                        status: s,
                    };
                    self.push(line, row, Some(Field::Result), message);
                }
                Some(Entry::Task(s))
            }
            None => {
                let message = if status.is_empty() {
                    Message::NoStatus { id: id.to_string() }
                } else {
                    Message::UnknownStatus {
                        status: status.to_string(),
                        nearest: nearest_status(status),
                    }
                };
                self.push(line, row, Some(Field::Status), message);
                None
            }
        }
    }

    /// An indicator row's value, read by the file's decimal mark and held to the
    /// indicator's unit of measure (E008, `None`); W102 when a row given has none.
    fn indicator_entry(&mut self, r: &Reading, id: &str) -> Option<Entry> {
        let (line, row, cells) = (r.line, r.row, r.cells);
        let plan = self.plan;
        let indicator = &plan.indicators[self.known(r, Kind::Indicator, id)?];
        self.title(line, row, cells, id, &indicator.name, "");
        if !cells.get(Field::Status).is_empty() {
            let message = Message::IndicatorHasStatus { id: id.to_string() };
            self.push(line, row, Some(Field::Status), message);
        }
        let cell = cells.get(Field::Value);
        if cell.is_empty() {
            if !r.untouched && !r.missing.contains(&Field::Value) {
                let message = Message::NoValue {
                    id: id.to_string(),
                    measured: indicator.unit.clone(),
                };
                self.push(line, row, Some(Field::Value), message);
            }
            return Some(Entry::Indicator(None));
        }
        let typed = cells.kind(Field::Value).kind;
        match value(cell, typed, r.convention, &indicator.unit) {
            Ok(read) => {
                if read.grouped_by_convention {
                    self.grouped_value(line, row, cell, read.value, r.convention);
                }
                Some(Entry::Indicator(Some(read.value)))
            }
            Err(message) => {
                self.push(line, row, Some(Field::Value), message);
                None
            }
        }
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
        let message = Message::GroupedByConvention {
            cell: cell.to_string(),
            value,
            comma_decimal: convention == DecimalMark::Comma,
        };
        self.push(line, row, Some(Field::Value), message);
    }

    /// The tasks (or indicators) the unit owes this year: the hint of E005 and E006.
    fn owned(&self, kind: Kind) -> Owned {
        let ids = match kind {
            Kind::Task => self
                .duties
                .tasks()
                .map(|(t, _)| self.plan.tasks[t].id.clone())
                .collect(),
            Kind::Indicator => self
                .duties
                .indicators()
                .map(|i| self.plan.indicators[i].id.clone())
                .collect(),
        };
        Owned {
            unit: self.owner.unit.clone(),
            year: self.owner.year,
            kind,
            ids,
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
        let message = Message::TitleMismatch {
            written: written.to_string(),
            id: id.to_string(),
            title: title.to_string(),
            elsewhere: elsewhere.map(|(other, _)| other.to_string()),
        };
        self.push(line, row, Some(Field::Title), message);
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
            // A formula starts with one of `=@+-`, maybe after spaces; a cell without a
            // `?` lost no letters: most cells are seen to be neither at a glance.
            let may_be_formula = text
                .chars()
                .next()
                .is_some_and(|c| matches!(c, '=' | '@' | '+' | '-') || c.is_whitespace());
            if cells.kind(field).formula {
                self.push(line, row, Some(field), Message::FormulaCell { field });
            } else if may_be_formula && looks_like_formula(text) {
                let start: String = text.chars().take(12).collect();
                self.push(
                    line,
                    row,
                    Some(field),
                    Message::LooksLikeFormula { field, start },
                );
            }
            if self.sheet.question_marks
                && !text.is_empty()
                && memchr::memchr(b'?', text.as_bytes()).is_some()
                && has_lost_letters(text)
            {
                let word = text
                    .split_whitespace()
                    .find(|w| has_lost_letters(w))
                    .unwrap_or(text)
                    .chars()
                    .take(24)
                    .collect::<String>();
                self.push(line, row, Some(field), Message::LostLetters { field, word });
            }
        }
    }
}

/// Moves a record's cells into its checked row: its id and, with `texts`, its texts, the
/// cell its kind does not read, and the cells of unknown columns.
fn take_cells(layout: &Layout, row: &mut Row, cells: &mut [Cow<'_, str>], texts: bool) {
    let mut take = |field: Field| {
        layout
            .column(field)
            .and_then(|i| cells.get_mut(i))
            .map(|c| std::mem::take(c).into_owned())
            .unwrap_or_default()
    };
    row.id = take(Field::Id);
    if !texts {
        return;
    }
    row.unread = take(match row.kind() {
        Kind::Task => Field::Value,
        Kind::Indicator => Field::Status,
    });
    row.title = take(Field::Title);
    row.result = take(Field::Result);
    row.difficulties = take(Field::Difficulties);
    row.proposals = take(Field::Proposals);
    row.note = take(Field::Note);
    row.extra = layout
        .others
        .iter()
        .filter_map(|&i| cells.get_mut(i).map(|c| std::mem::take(c).into_owned()))
        .collect();
}

/// The kind of row a record is meant to be: the plan knows its ids best, and the kind
/// cell says it for an id the plan does not know (or knows as both).
fn meant_kind(cells: &Cells, known: Known) -> Option<Kind> {
    match (known.task, known.indicator) {
        (Some(_), None) => Some(Kind::Task),
        (None, Some(_)) => Some(Kind::Indicator),
        _ => kind_of(cells.get(Field::Kind)),
    }
}

/// The kind of row a `kind` cell names, if any.
fn kind_of(cell: &str) -> Option<Kind> {
    // The forms the template writes, before folding (the same answer, sooner).
    match cell {
        "task" | "Nhiệm vụ" => return Some(Kind::Task),
        "indicator" | "Chỉ tiêu" => return Some(Kind::Indicator),
        _ => {}
    }
    match fold(cell).as_str() {
        "task" | "nhiemvu" => Some(Kind::Task),
        "indicator" | "chitieu" => Some(Kind::Indicator),
        _ => None,
    }
}

/// The status a `status` cell names.
fn status_of(cell: &str) -> Option<Status> {
    // The forms clerks usually write, before folding (the same answer, sooner).
    Status::ALL
        .into_iter()
        .find(|s| s.written().contains(&cell))
        .or_else(|| Status::from_folded(&fold(cell)))
}

/// The status a misspelt `status` cell was most likely meant as: the one whose name
/// or alias is nearest, when it is near enough.
fn nearest_status(cell: &str) -> Option<Status> {
    let folded = fold(cell);
    let limit = (folded.chars().count() / 3).max(1);
    Status::ALL
        .into_iter()
        .flat_map(|s| {
            [s.as_str(), s.vietnamese()]
                .into_iter()
                .map(|name| (report::edit_distance(&folded, &fold(name)), s))
                .collect::<Vec<_>>()
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, s)| s)
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

/// The largest value a report may give: sums of every unit over every year of the plan
/// stay exact whole numbers and far from overflowing.
const MAX_VALUE: f64 = 1e15;

/// An indicator's value, read from its cell.
struct Value {
    value: f64,
    /// Typed text with a lone mark before three digits, which the file's convention
    /// read as grouping them (W108).
    grouped_by_convention: bool,
}

/// Parses and range-checks an indicator value: the E008 message on failure. A
/// workbook's number cell is taken as it is; text is parsed by the file's convention.
fn value(
    cell: &str,
    typed: CellKind,
    convention: DecimalMark,
    unit: &MeasureUnit,
) -> Result<Value, Message> {
    let (n, typed_text) = match typed {
        CellKind::Number { value, percent } => (number::Number { value, percent }, None),
        CellKind::Date => {
            return Err(Message::DateNotNumber {
                cell: cell.to_string(),
            });
        }
        CellKind::Error => {
            return Err(Message::ErrorNotNumber {
                cell: cell.to_string(),
            });
        }
        CellKind::Text | CellKind::Bool => {
            let parsed = number::parse(cell, convention).map_err(|why| Message::NotANumber {
                cell: cell.to_string(),
                why,
                percent: *unit == MeasureUnit::Percent,
            })?;
            (parsed.number, Some(parsed))
        }
    };
    // A lone mark before three digits in typed text is read by the file's convention: say how.
    let ambiguous = typed_text.is_some_and(|p| p.shows_no_mark) && cell.contains(['.', ',']);
    let read_as = ambiguous.then_some(n.value);
    let owned = || cell.to_string();
    if !n.value.is_finite() || n.value.abs() > MAX_VALUE {
        return Err(Message::ValueTooLarge { cell: owned() });
    }
    if n.percent && *unit != MeasureUnit::Percent {
        return Err(Message::PercentSign {
            cell: owned(),
            read_as,
            measured: unit.clone(),
        });
    }
    match unit {
        MeasureUnit::Percent if !(0.0..=100.0).contains(&n.value) => {
            Err(Message::PercentOutOfRange {
                cell: owned(),
                read_as,
            })
        }
        MeasureUnit::Count if n.value < 0.0 || n.value.fract() != 0.0 => Err(Message::NotWhole {
            cell: owned(),
            read_as,
        }),
        MeasureUnit::Other(_) if n.value < 0.0 => Err(Message::Negative {
            cell: owned(),
            read_as,
        }),
        _ => Ok(Value {
            value: n.value,
            grouped_by_convention: typed_text.is_some_and(|p| p.grouped_by_convention),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The forms matched before folding mean what they mean after it.
    #[test]
    fn unfolded_forms_agree_with_folding() {
        for s in Status::ALL {
            assert!(s.written().contains(&s.as_str()), "{s:?}");
            assert!(s.written().contains(&s.vietnamese()), "{s:?}");
            for &cell in s.written() {
                assert_eq!(Status::from_folded(&fold(cell)), Some(s), "{cell}");
                assert_eq!(status_of(cell), Some(s), "{cell}");
            }
        }
        for (cell, kind) in [
            ("task", Kind::Task),
            ("Nhiệm vụ", Kind::Task),
            ("indicator", Kind::Indicator),
            ("Chỉ tiêu", Kind::Indicator),
            ("NHIỆM VỤ", Kind::Task),
            ("chi tieu", Kind::Indicator),
        ] {
            assert_eq!(kind_of(cell), Some(kind), "{cell}");
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
        // LF, CRLF and a CR alone each end a line (SPEC section 4).
        let lines = 1 + crate::load::text::line_ends(bytes);
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
