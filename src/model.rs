//! Validated domain types. A [`Plan`] is only built from plan files that passed every
//! plan check, so the code that uses it can rely on its references resolving.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The whole plan: what `plan/*.toml` says.
#[derive(Debug, Clone)]
pub struct Plan {
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
    pub recipients: Vec<String>,
}

/// What kind of body a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    /// A provincial department (Sở, Ban).
    Department,
    /// A district-level People's Committee.
    District,
    /// Any other body.
    Organization,
}

impl UnitKind {
    /// The keyword used in the plan files.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Department => "department",
            UnitKind::District => "district",
            UnitKind::Organization => "organization",
        }
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

/// How an indicator's yearly values relate over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// Each year's value stands alone.
    Level,
    /// Yearly amounts, summed over the years.
    Flow,
}

/// How the values of several reporting units combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Aggregate {
    /// One unit gives the value; two values are an error (E012).
    Single,
    /// Values add up.
    Sum,
    /// The average of the values.
    Mean,
    /// The largest value.
    Max,
}

/// A quantitative indicator with targets.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// E.g. `TFP_SHARE`.
    pub id: String,
    /// Its name in the plan's words.
    pub name: String,
    /// Unit of measure: `%`, `count` or free text.
    pub unit: String,
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

impl Indicator {
    /// What values of this indicator may be.
    pub fn value_kind(&self) -> ValueKind {
        match self.unit.as_str() {
            "%" => ValueKind::Percent,
            "count" => ValueKind::Count,
            _ => ValueKind::Any,
        }
    }
}

/// The range of values an indicator accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// 0..=100, a trailing `%` allowed.
    Percent,
    /// Whole numbers >= 0.
    Count,
    /// Any number.
    Any,
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

/// A unit's part in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Chủ trì.
    Lead,
    /// Phối hợp.
    Support,
}

impl Role {
    /// The keyword used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Support => "support",
        }
    }
}

impl Plan {
    /// The unit with this code.
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.code == code)
    }

    /// The group with this code.
    pub fn group(&self, code: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.code == code)
    }

    /// The task with this id.
    pub fn task(&self, id: &str) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    /// The indicator with this id.
    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
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
        let (month, day) = self.meta.due_before;
        // A 29 February deadline falls on the 28th in common years.
        NaiveDate::from_ymd_opt(year, month, day)
            .or_else(|| NaiveDate::from_ymd_opt(year, month, day.saturating_sub(1)))
            .unwrap_or(NaiveDate::MIN)
    }

    /// The units a list of unit and group codes names, groups expanded, in order, once each.
    /// `["*"]` groups add nobody.
    pub fn expand<'a>(&'a self, codes: &'a [String]) -> Vec<&'a str> {
        let mut out: Vec<&str> = Vec::new();
        // A set beside the list: a national group names thousands of units.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for code in codes {
            let members: Vec<&str> = match self.group(code) {
                Some(Group {
                    members: Members::Units(units),
                    ..
                }) => units.iter().map(String::as_str).collect(),
                Some(Group {
                    members: Members::Any,
                    ..
                }) => Vec::new(),
                None => vec![code.as_str()],
            };
            for member in members {
                if seen.insert(member) {
                    out.push(member);
                }
            }
        }
        out
    }

    /// True when the list names a `["*"]` group: any unit may take part.
    pub fn is_open(&self, codes: &[String]) -> bool {
        codes
            .iter()
            .any(|code| matches!(self.group(code), Some(g) if g.members == Members::Any))
    }

    /// Who holds an assignment to `code` for `year`: the unit itself while it exists
    /// on the year's due date, else its successor (followed down the chain).
    pub fn holder(&self, code: &str, year: i32) -> Option<&Unit> {
        let due = self.due_date(year);
        let mut unit = self.unit(code)?;
        for _ in 0..=self.units.len() {
            match (&unit.successor, unit.until) {
                (Some(next), Some(until)) if until < due => unit = self.unit(next)?,
                _ => break,
            }
        }
        unit.exists_on(due).then_some(unit)
    }

    /// The units holding the assignments of a list of codes for `year`, once each.
    pub fn holders(&self, codes: &[String], year: i32) -> Vec<&Unit> {
        let mut out: Vec<&Unit> = Vec::new();
        for code in self.expand(codes) {
            if let Some(unit) = self.holder(code, year)
                && !out.iter().any(|u| u.code == unit.code)
            {
                out.push(unit);
            }
        }
        out
    }

    /// The unit's role in a task for `year` (lead wins when it is both); `None` when it
    /// has none, even if the task is open to any unit.
    pub fn role(&self, task: &Task, unit: &str, year: i32) -> Option<Role> {
        let holds = |codes: &[String]| self.holders(codes, year).iter().any(|u| u.code == unit);
        if holds(&task.lead) {
            Some(Role::Lead)
        } else if holds(&task.support) {
            Some(Role::Support)
        } else {
            None
        }
    }

    /// The role a row from `unit` plays in a task: its own role, or, where the task is
    /// open to any unit, lead when the lead list is open and support otherwise.
    pub fn row_role(&self, task: &Task, unit: &str, year: i32) -> Option<Role> {
        self.role(task, unit, year).or_else(|| {
            if self.is_open(&task.lead) {
                Some(Role::Lead)
            } else if self.is_open(&task.support) {
                Some(Role::Support)
            } else {
                None
            }
        })
    }

    /// True when the unit reports the indicator in `year`.
    pub fn reports_indicator(&self, indicator: &Indicator, unit: &str, year: i32) -> bool {
        self.holders(&indicator.reporters, year)
            .iter()
            .any(|u| u.code == unit)
            || self.is_open(&indicator.reporters)
    }

    /// The units expected to report for `year`, in file order: those with a lead,
    /// support or reporter role (not through a `["*"]` group), `reports` not false,
    /// existing on the due date.
    pub fn expected_units(&self, year: i32) -> Vec<&Unit> {
        let mut codes: Vec<&str> = Vec::new();
        let lists = self
            .tasks
            .iter()
            .flat_map(|t| [&t.lead, &t.support])
            .chain(self.indicators.iter().map(|i| &i.reporters));
        for list in lists {
            for unit in self.holders(list, year) {
                if !codes.contains(&unit.code.as_str()) {
                    codes.push(&unit.code);
                }
            }
        }
        self.units
            .iter()
            .filter(|u| u.reports && codes.contains(&u.code.as_str()))
            .collect()
    }

    /// The tasks a unit leads or supports in `year`, with its role, in plan order.
    pub fn tasks_of(&self, unit: &str, year: i32) -> Vec<(&Task, Role)> {
        self.tasks
            .iter()
            .filter_map(|t| self.role(t, unit, year).map(|r| (t, r)))
            .collect()
    }

    /// The indicators a unit reports in `year` (not through a `["*"]` group).
    pub fn indicators_of(&self, unit: &str, year: i32) -> Vec<&Indicator> {
        self.indicators
            .iter()
            .filter(|i| {
                self.holders(&i.reporters, year)
                    .iter()
                    .any(|u| u.code == unit)
            })
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

/// A task's status as a unit reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Chưa thực hiện.
    NotStarted,
    /// Đang thực hiện.
    InProgress,
    /// Hoàn thành.
    Done,
    /// Không phát sinh: nothing arose to do this year.
    NotApplicable,
}

impl Status {
    /// Every status, in the order forms list them.
    pub const ALL: [Status; 4] = [
        Status::NotStarted,
        Status::InProgress,
        Status::Done,
        Status::NotApplicable,
    ];

    /// The canonical keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::InProgress => "in_progress",
            Status::Done => "done",
            Status::NotApplicable => "not_applicable",
        }
    }

    /// The Vietnamese wording forms use.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Status::NotStarted => "Chưa thực hiện",
            Status::InProgress => "Đang thực hiện",
            Status::Done => "Hoàn thành",
            Status::NotApplicable => "Không phát sinh",
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
