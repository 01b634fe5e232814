//! Validated domain types. A [`Plan`] is only built from plan files that passed every
//! plan check, so the code that uses it can rely on its references resolving.

mod assignments;
mod index;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::keyword::keywords;

pub use assignments::{Assignments, Duties, Known, Moved};

/// The whole plan: what `plan/*.toml` says ([`PlanParts`], which a `Plan` derefs to:
/// `plan.units`, `plan.tasks`...), with who does what each year worked out.
#[derive(Debug, Clone)]
pub struct Plan {
    /// What the plan files say.
    parts: PlanParts,
    /// Who leads, supports and reports what, year by year: worked out by [`Plan::new`].
    assignments: Assignments,
}

impl std::ops::Deref for Plan {
    type Target = PlanParts;

    fn deref(&self) -> &PlanParts {
        &self.parts
    }
}

/// What the plan files say: the parts a [`Plan`] is made of.
#[derive(Debug, Clone)]
pub struct PlanParts {
    /// `[plan]`: identity, period, coordinator and deadline.
    pub meta: PlanMeta,
    /// `[report]`: what the annual report's header and footer need.
    pub report: ReportSettings,
    /// Units, in file order.
    pub units: Vec<Unit>,
    /// Groups of units, in file order.
    pub groups: Vec<Group>,
    /// Sections, in file order.
    pub sections: Vec<Section>,
    /// Tasks, in file order.
    pub tasks: Vec<Task>,
    /// Quantitative indicators, in file order.
    pub indicators: Vec<Indicator>,
    /// Dated handovers of work between units, in file order.
    pub handovers: Vec<Handover>,
}

keywords! {
    /// A task or an indicator: the two things a report row is about.
    pub enum Kind {
        /// A task of the plan.
        Task = "task",
        /// A quantitative indicator.
        Indicator = "indicator",
    }
}

/// Work that passes from one unit to another from a day on (a reform that splits a
/// unit's work among several units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handover {
    /// The unit whose assignments pass on.
    pub from: String,
    /// The unit that takes them.
    pub to: String,
    /// The first day `to` holds them.
    pub since: NaiveDate,
    /// Which of `from`'s assignments pass.
    pub moves: Moves,
}

/// Which assignments a handover moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moves {
    /// All of them.
    All,
    /// Only these tasks and indicators, by id.
    Only {
        /// Task ids.
        tasks: Vec<String>,
        /// Indicator ids.
        indicators: Vec<String>,
    },
}

/// The `[plan]` table.
#[derive(Debug, Clone)]
pub struct PlanMeta {
    /// The plan's number, e.g. `2629/KH-UBND`.
    pub id: String,
    /// The plan's title.
    pub title: String,
    /// Who issued it.
    pub issuer: String,
    /// When it was issued.
    pub issued: NaiveDate,
    /// What it implements, e.g. `569/QĐ-TTg`.
    pub implements: Option<String>,
    /// First year of the plan.
    pub start_year: i32,
    /// Last year of the plan.
    pub end_year: i32,
    /// The unit that consolidates the reports.
    pub coordinator: String,
    /// Yearly reports are due before this (month, day).
    pub due_before: (u32, u32),
    /// The language of its forms, canonical report files and output (`language`).
    pub language: crate::lang::Lang,
}

/// The optional `[report]` table.
#[derive(Debug, Clone, Default)]
pub struct ReportSettings {
    /// The keys `[report]` gives, in force until the first change.
    pub keys: ReportKeys<Vec<String>>,
    /// `[[report.change]]`: keys that replace these from a day on, earliest first.
    pub changes: Vec<ReportChange>,
}

/// What the annual report's header and footer take from the plan. `[report]` gives the
/// recipients as a list; a change, as a list or nothing (`Option`), when it keeps them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportKeys<Recipients> {
    /// The place written before the date, e.g. `Kon Tum`.
    pub place: Option<String>,
    /// The line above the coordinator's name in the header.
    pub issuer_parent: Option<String>,
    /// The signer's title, e.g. `GIÁM ĐỐC`.
    pub signer_title: Option<String>,
    /// A deputy's title, e.g. `PHÓ GIÁM ĐỐC`: the deputy signs "KT. GIÁM ĐỐC".
    pub deputy_title: Option<String>,
    /// The name printed under the space for the signature.
    pub signer_name: Option<String>,
    /// "Nơi nhận": who receives the report.
    pub recipients: Recipients,
}

/// From `since` on, the keys given replace those of `[report]` (a merged province, a
/// new signer).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportChange {
    /// The first day the change is in force.
    pub since: NaiveDate,
    /// The keys it replaces; the others stay.
    pub keys: ReportKeys<Option<Vec<String>>>,
}

impl ReportSettings {
    /// The keys in force on `date`: `[report]`'s with every change since then applied,
    /// earliest first.
    pub fn in_force_on(&self, date: NaiveDate) -> ReportKeys<Vec<String>> {
        let mut out = self.keys.clone();
        for change in self.changes.iter().filter(|c| c.since <= date) {
            let new = &change.keys;
            let replace = |key: &mut Option<String>, new: &Option<String>| {
                if new.is_some() {
                    key.clone_from(new);
                }
            };
            replace(&mut out.place, &new.place);
            replace(&mut out.issuer_parent, &new.issuer_parent);
            replace(&mut out.signer_title, &new.signer_title);
            replace(&mut out.deputy_title, &new.deputy_title);
            replace(&mut out.signer_name, &new.signer_name);
            if let Some(recipients) = &new.recipients {
                out.recipients.clone_from(recipients);
            }
        }
        out
    }
}

keywords! {
    /// What kind of body a unit is.
    pub enum UnitKind {
        /// A provincial department (Sở, Ban).
        Department = "department",
        /// A district-level People's Committee.
        District = "district",
        /// Any other body.
        Organization = "organization",
    }
}

/// An implementing unit.
#[derive(Debug, Clone)]
pub struct Unit {
    /// ASCII code, e.g. `SKHCN`.
    pub code: String,
    /// Full Vietnamese name.
    pub name: String,
    /// Department, district or organization.
    pub kind: UnitKind,
    /// First day the unit exists.
    pub since: Option<NaiveDate>,
    /// Last day the unit exists.
    pub until: Option<NaiveDate>,
    /// Who takes over the unit's assignments from the day after `until`.
    pub successor: Option<String>,
    /// False for bodies that are never expected to report.
    pub reports: bool,
}

impl Unit {
    /// True when the unit exists on `date`.
    pub fn exists_on(&self, date: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= date) && self.until.is_none_or(|until| date <= until)
    }
}

/// A named set of units.
#[derive(Debug, Clone)]
pub struct Group {
    /// ASCII code, e.g. `DIA_PHUONG`.
    pub code: String,
    /// The plan's phrase for the group.
    pub name: String,
    /// Who belongs to it.
    pub members: Members,
}

/// The members of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Members {
    /// `["*"]`: any unit concerned may take part; nobody is expected to.
    Any,
    /// These units, by code.
    Units(Vec<String>),
}

/// A section or item of the plan.
#[derive(Debug, Clone)]
pub struct Section {
    /// E.g. `III` or `3`.
    pub id: String,
    /// Its heading.
    pub title: String,
    /// The enclosing section, if any.
    pub parent: Option<String>,
}

/// When a task is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// "Thường xuyên": every year.
    Recurring,
    /// Due in one year.
    Year(i32),
    /// Runs over a range of years, due in the last.
    Range(i32, i32),
}

impl Schedule {
    /// The year by which the task is due, if it has one.
    pub fn due_year(self) -> Option<i32> {
        match self {
            Schedule::Recurring => None,
            Schedule::Year(year) | Schedule::Range(_, year) => Some(year),
        }
    }

    /// As written in the plan files.
    pub fn to_text(self) -> String {
        match self {
            Schedule::Recurring => "recurring".into(),
            Schedule::Year(year) => year.to_string(),
            Schedule::Range(from, to) => format!("{from}-{to}"),
        }
    }
}

/// One task of the plan.
#[derive(Debug, Clone)]
pub struct Task {
    /// E.g. `3.1`, `7.dd`, `IV.1.2`.
    pub id: String,
    /// The section it belongs to.
    pub section: String,
    /// A short title.
    pub title: String,
    /// The plan's own words.
    pub text: String,
    /// Lead units or groups (at least one).
    pub lead: Vec<String>,
    /// Coordinating units or groups.
    pub support: Vec<String>,
    /// When it is due, where the plan says.
    pub schedule: Option<Schedule>,
    /// Indicators it serves.
    pub indicators: Vec<String>,
}

keywords! {
    /// How an indicator's yearly values relate over time.
    pub enum Measure {
        /// Each year's value stands alone.
        Level = "level",
        /// Yearly amounts, summed over the years.
        Flow = "flow",
    }
}

keywords! {
    /// How the values of several reporting units combine.
    pub enum Aggregate {
        /// One unit gives the value; two values are an error (E012).
        Single = "single",
        /// Values add up.
        Sum = "sum",
        /// The average of the values.
        Mean = "mean",
        /// The largest value.
        Max = "max",
    }
}

/// A quantitative indicator with targets.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// E.g. `TFP_SHARE`.
    pub id: String,
    /// Its name in the plan's words.
    pub name: String,
    /// Unit of measure: `%`, `count` or free text.
    pub unit: MeasureUnit,
    /// Level or flow.
    pub measure: Measure,
    /// How reporters' values combine.
    pub aggregate: Aggregate,
    /// Units or groups that report it.
    pub reporters: Vec<String>,
    /// The starting point, if known.
    pub baseline: Option<Baseline>,
    /// Targets by year, sorted by year.
    pub targets: Vec<Target>,
    /// The plan's words for the targets.
    pub target_text: Option<String>,
}

/// An indicator's unit of measure: what its values may be, and how they are written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MeasureUnit {
    /// `%`: 0 to 100, a trailing `%` allowed.
    Percent,
    /// `count`: whole numbers of 0 or more.
    Count,
    /// Any other unit, as the plan writes it (`triệu đồng`): any number of 0 or more.
    Other(String),
}

impl MeasureUnit {
    /// The keywords of the units the plan files name by a keyword.
    const KEYWORDS: [(MeasureUnit, &'static str); 2] =
        [(MeasureUnit::Percent, "%"), (MeasureUnit::Count, "count")];

    /// The unit the plan's `unit` key names.
    pub fn parse(text: &str) -> MeasureUnit {
        Self::KEYWORDS
            .into_iter()
            .find(|(_, keyword)| *keyword == text)
            .map_or_else(|| MeasureUnit::Other(text.to_string()), |(unit, _)| unit)
    }

    /// As the plan files write it: `%`, `count` or the plan's words.
    pub fn as_str(&self) -> &str {
        match self {
            MeasureUnit::Other(text) => text,
            keyword => Self::KEYWORDS
                .iter()
                .find(|(unit, _)| unit == keyword)
                .map_or("", |(_, text)| text),
        }
    }
}

impl Serialize for MeasureUnit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// An indicator's starting point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Baseline {
    /// The year measured.
    pub year: i32,
    /// The value then.
    pub value: f64,
}

/// A target for one year: at least `min`, at most `max`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Target {
    /// The year the target is for.
    pub year: i32,
    /// Lower bound (higher is better).
    pub min: Option<f64>,
    /// Upper bound (lower is better).
    pub max: Option<f64>,
}

keywords! {
    /// A unit's part in a task.
    pub enum Role {
        /// Chủ trì.
        Lead = "lead",
        /// Phối hợp.
        Support = "support",
    }
}

impl Plan {
    /// The plan made of these parts, with every year's assignments worked out.
    pub fn new(parts: PlanParts) -> Plan {
        let assignments = Assignments::new(assignments::Sources::of(&parts));
        Plan { parts, assignments }
    }

    /// Who leads, supports and reports what, year by year, by position in the lists.
    pub fn assignments(&self) -> &Assignments {
        &self.assignments
    }

    /// The unit with this code.
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.assignments.unit_index(code).map(|i| &self.units[i])
    }

    /// The group with this code.
    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// The task with this id.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.task_with_index(id).map(|(_, task)| task)
    }

    /// The task with this id, with its position in the plan's list.
    pub fn task_with_index(&self, id: &str) -> Option<(usize, &Task)> {
        self.assignments.task_index(id).map(|i| (i, &self.tasks[i]))
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicator_with_index(id)
            .map(|(_, indicator)| indicator)
    }

    /// The indicator with this id, with its position in the plan's list.
    pub fn indicator_with_index(&self, id: &str) -> Option<(usize, &Indicator)> {
        self.assignments
            .indicator_index(id)
            .map(|i| (i, &self.indicators[i]))
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The position of a unit in the plan's list, for a stable order; unknown units
    /// come last.
    pub fn rank(&self, code: &str) -> usize {
        self.assignments.unit_index(code).unwrap_or(usize::MAX)
    }

    /// True when `year` lies in the plan's period.
    pub fn covers(&self, year: i32) -> bool {
        (self.meta.start_year..=self.meta.end_year).contains(&year)
    }

    /// The years of the plan, first to last.
    pub fn years(&self) -> std::ops::RangeInclusive<i32> {
        self.meta.start_year..=self.meta.end_year
    }

    /// The day reports for `year` are due before (20 November for Plan 2629).
    pub fn due_date(&self, year: i32) -> NaiveDate {
        assignments::due_date(&self.meta, year)
    }

    /// Who holds a unit's assignments in `year`, apart from the parts a handover moves
    /// elsewhere: the unit itself while it exists on the year's due date, else its
    /// successor (followed down the chain).
    pub fn holder(&self, code: &str, year: i32) -> Option<&Unit> {
        let unit = self.assignments.unit_index(code)?;
        self.assignments
            .rest(unit, year)
            .map(|holder| &self.units[holder])
    }

    /// The parts of a unit's work that a handover gave in `year` to another unit than
    /// [`Plan::holder`]: each task's or indicator's id with who holds it, in plan order.
    pub fn moved(&self, code: &str, year: i32) -> Vec<(Kind, &str, &Unit)> {
        let Some(unit) = self.assignments.unit_index(code) else {
            return Vec::new();
        };
        self.assignments
            .moved(unit, year)
            .iter()
            .map(|m| {
                let (kind, i) = m.part;
                let id = match kind {
                    Kind::Task => self.tasks[i].id.as_str(),
                    Kind::Indicator => self.indicators[i].id.as_str(),
                };
                (kind, id, &self.units[m.holder])
            })
            .collect()
    }

    /// The units leading `task` in `year`, in the order its lead list names them.
    pub fn leads(&self, task: &Task, year: i32) -> Vec<&Unit> {
        self.units_at(
            self.task_index(task)
                .map_or(&[], |t| self.assignments.leads(t, year)),
        )
    }

    /// The units supporting `task` in `year`, in the order its support list names them.
    pub fn supports(&self, task: &Task, year: i32) -> Vec<&Unit> {
        let t = self.task_index(task);
        self.units_at(t.map_or(&[], |t| self.assignments.supports(t, year)))
    }

    /// The units reporting `indicator` in `year`, in the order its list names them.
    pub fn reporters(&self, indicator: &Indicator, year: i32) -> Vec<&Unit> {
        let i = self.assignments.indicator_index(&indicator.id);
        self.units_at(i.map_or(&[], |i| self.assignments.reporters(i, year)))
    }

    /// True when any unit may report on the task or indicator (a `["*"]` group).
    pub fn is_open(&self, kind: Kind, id: &str) -> bool {
        match kind {
            Kind::Task => self
                .assignments
                .task_index(id)
                .is_some_and(|t| self.assignments.open_role(t).is_some()),
            Kind::Indicator => self
                .assignments
                .indicator_index(id)
                .is_some_and(|i| self.assignments.open_reporting(i)),
        }
    }

    /// True when any unit may lead the task (a `["*"]` group in its lead list).
    pub fn is_open_lead(&self, task: &Task) -> bool {
        self.task_index(task)
            .is_some_and(|t| self.assignments.open_role(t) == Some(Role::Lead))
    }

    /// The duties of a unit in `year`: its roles, looked up by position.
    pub fn duties(&self, unit: &str, year: i32) -> Duties<'_> {
        self.assignments.of(unit, year)
    }

    /// The unit's role in a task for `year` (lead wins when it is both); `None` when it
    /// has none, even if the task is open to any unit.
    pub fn role(&self, task: &Task, unit: &str, year: i32) -> Option<Role> {
        self.task_index(task)
            .and_then(|t| self.duties(unit, year).role(t))
    }

    /// The role a row from `unit` plays in a task: its own role, or, where the task is
    /// open to any unit, lead when the lead list is open and support otherwise.
    pub fn row_role(&self, task: &Task, unit: &str, year: i32) -> Option<Role> {
        self.task_index(task)
            .and_then(|t| self.duties(unit, year).row_role(t))
    }

    /// The units expected to report for `year`, in file order: those with a lead,
    /// support or reporter role (not through a `["*"]` group), `reports` not false,
    /// existing on the due date.
    pub fn expected_units(&self, year: i32) -> Vec<&Unit> {
        self.units_at(self.assignments.expected(year))
    }

    /// The tasks a unit leads or supports in `year`, with its role, in plan order.
    pub fn tasks_of(&self, unit: &str, year: i32) -> Vec<(&Task, Role)> {
        self.duties(unit, year)
            .tasks()
            .map(|(t, role)| (&self.tasks[t], role))
            .collect()
    }

    /// The indicators a unit reports in `year` (not through a `["*"]` group).
    pub fn indicators_of(&self, unit: &str, year: i32) -> Vec<&Indicator> {
        self.duties(unit, year)
            .indicators()
            .map(|i| &self.indicators[i])
            .collect()
    }

    fn task_index(&self, task: &Task) -> Option<usize> {
        self.assignments.task_index(&task.id)
    }

    fn units_at<P: Copy + TryInto<usize>>(&self, positions: &[P]) -> Vec<&Unit> {
        positions
            .iter()
            .filter_map(|&u| u.try_into().ok())
            .map(|u: usize| &self.units[u])
            .collect()
    }

    /// The current year brought inside the plan's period.
    pub fn clamp_year(&self, year: i32) -> i32 {
        year.clamp(self.meta.start_year, self.meta.end_year)
    }
}

/// Today's year, for defaults only: never written into an output.
pub fn current_year() -> i32 {
    chrono::Local::now().date_naive().year()
}

keywords! {
    /// A task's status as a unit reports it.
    pub enum Status {
        /// Chưa thực hiện.
        NotStarted = "not_started",
        /// Đang thực hiện.
        InProgress = "in_progress",
        /// Hoàn thành.
        Done = "done",
        /// Không phát sinh: nothing arose to do this year.
        NotApplicable = "not_applicable",
    }
}

impl Status {
    /// Every status, in the order forms list them.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::NotApplicable,
    ];

    /// The Vietnamese wording forms use.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Status::NotStarted => "Chưa thực hiện",
            Status::InProgress => "Đang thực hiện",
            Status::Done => "Hoàn thành",
            Status::NotApplicable => "Không phát sinh",
        }
    }

    /// The names of the status as clerks usually write them, matched as they are before
    /// a cell is folded: the same answer as [`Status::from_folded`], sooner.
    pub fn written(self) -> &'static [&'static str] {
        match self {
            Status::NotStarted => &[
                "not_started",
                "Chưa thực hiện",
                "Chưa triển khai",
                "Chưa bắt đầu",
            ],
            Status::InProgress => &["in_progress", "Đang thực hiện", "Đang triển khai"],
            Status::Done => &["done", "Hoàn thành", "Đã hoàn thành", "Đã thực hiện"],
            Status::NotApplicable => &["not_applicable", "Không phát sinh"],
        }
    }

    /// The status a folded cell names (see [`crate::load::text::fold`]).
    pub fn from_folded(folded: &str) -> Option<Status> {
        Some(match folded {
            "notstarted" | "chuathuchien" | "chuatrienkhai" | "chuabatdau" => Status::NotStarted,
            "inprogress" | "dangthuchien" | "dangtrienkhai" => Status::InProgress,
            "done" | "hoanthanh" | "dahoanthanh" | "dathuchien" => Status::Done,
            "notapplicable" | "khongphatsinh" => Status::NotApplicable,
            _ => return None,
        })
    }
}

/// What one report row gives.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Entry {
    /// A task row and its status.
    Task(Status),
    /// An indicator row and its value, if given.
    Indicator(Option<f64>),
}

/// One checked row of a report: no errors in it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// The physical line where the row starts.
    pub line: usize,
    /// The task or indicator id.
    pub id: String,
    /// Status or value.
    pub entry: Entry,
    /// The title as written.
    pub title: String,
    /// What was done.
    pub result: String,
    /// Problems met.
    pub difficulties: String,
    /// What the unit asks for.
    pub proposals: String,
    /// Anything else.
    pub note: String,
    /// Cells of columns the tool does not know, in column order (kept by `import`).
    pub extra: Vec<String>,
    /// A cell this kind of row does not read (a value on a task row, a status on an
    /// indicator row), kept as written so `import` loses nothing.
    pub unread: String,
    /// True for a row left as the template wrote it: a row not given.
    pub untouched: bool,
}

impl Row {
    /// Whether the row is about a task or an indicator.
    pub fn kind(&self) -> Kind {
        match self.entry {
            Entry::Task(_) => Kind::Task,
            Entry::Indicator(_) => Kind::Indicator,
        }
    }
}

/// One unit's checked report for one year.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The unit that sent it.
    pub unit: String,
    /// The year it reports on.
    pub year: i32,
    /// The file, as shown in diagnostics and sources.
    pub file: String,
    /// Rows without errors, in file order.
    pub rows: Vec<Row>,
    /// Headers of unknown columns, in order (the cells are in each row's `extra`).
    pub extra_columns: Vec<String>,
    /// The 1-based column of `value`, for diagnostics about values.
    pub value_column: Option<usize>,
    /// Rows left out because they had errors.
    pub rows_with_errors: usize,
    /// Errors found in the file.
    pub errors: usize,
    /// Warnings found in the file.
    pub warnings: usize,
}
