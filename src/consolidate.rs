//! One year's consolidated data (SPEC section 7), computed once from the plan and the
//! checked reports of every plan year up to that year: who was expected and who sent
//! on time, each task's status with every unit's row beside it, and each indicator's
//! value, cumulative amount and assessment against its next target. Every value keeps
//! its source (`reports/2024/STC.csv:7`). Rows with errors were left out by the checks
//! and are only counted here. `merge`, `status` and `report` render this data.

use std::collections::BTreeMap;

use chrono::{Datelike, FixedOffset, NaiveDate};

use serde::Serialize;

use crate::check::Checked;
use crate::check::report::Owner;
use crate::diag::Diagnostic;
use crate::keyword::keywords;
use crate::load::git::{Added, Unknown};
use crate::model::{
    Aggregate, Entry, Indicator, Measure, MeasureUnit, Plan, Role, Row, Status, Target, Task,
};

/// When each file was submitted (the commit that first added it), by the file as shown.
pub(crate) type SubmissionDates = BTreeMap<String, Result<Added, Unknown>>;

/// Vietnam time, UTC+07:00, in which reports are due (SPEC section 7).
pub(crate) fn vietnam_time() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("seven hours is a valid offset")
}

keywords! {
    /// Why a submission date cannot be trusted.
    pub(crate) enum Doubt {
        /// Before 1 January of the year reported on: nobody reports on a year before it begins.
        BeforeTheYear = "before_the_year",
        /// After the commit itself was made: the author date was set forward.
        AfterTheCommit = "after_the_commit",
    }
}

impl Doubt {
    /// In English, for the command line.
    pub(crate) fn english(self) -> &'static str {
        match self {
            Doubt::BeforeTheYear => "before the year reported on",
            Doubt::AfterTheCommit => "after the commit was made",
        }
    }

    /// In Vietnamese, for the annual report.
    pub(crate) fn vietnamese(self) -> &'static str {
        match self {
            Doubt::BeforeTheYear => "trước năm báo cáo",
            Doubt::AfterTheCommit => "sau ngày commit",
        }
    }
}

/// The day a file was submitted, in Vietnam time, and whether that day is doubtful.
pub(crate) fn submission_day(added: &Added, year: i32) -> (NaiveDate, Option<Doubt>) {
    let day = added.author.with_timezone(&vietnam_time()).date_naive();
    let doubt = if day.year() < year {
        Some(Doubt::BeforeTheYear)
    } else if added.author > added.committer {
        Some(Doubt::AfterTheCommit)
    } else {
        None
    };
    (day, doubt)
}

/// One year, consolidated.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Consolidation {
    /// The plan's number, e.g. `2629/KH-UBND`.
    pub plan: String,
    /// The year reported on.
    pub year: i32,
    /// Reports were due before this day.
    pub due_date: NaiveDate,
    /// Every unit expected to report, then every other unit that sent a file.
    pub units: Vec<Submission>,
    /// Every task of the plan, in plan order.
    pub tasks: Vec<TaskResult>,
    /// Every indicator of the plan, in plan order.
    pub indicators: Vec<IndicatorResult>,
    /// Rows of this year's reports left out because they had errors.
    pub rows_with_errors: usize,
    /// Files of this year that could not be read as reports at all.
    pub files_with_errors: usize,
    /// Problems only the consolidation can see (E012); in JSON, rendered in the run's
    /// language by the command that prints it.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// One unit's submission for the year.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Submission {
    /// The unit code (as the file name gives it, for a file of an unknown unit).
    pub code: String,
    /// The unit's name, when the plan knows the unit.
    pub name: Option<String>,
    /// True when the plan expects a report from the unit this year.
    pub expected: bool,
    /// True when the unit's file is there.
    pub submitted: bool,
    /// The file, as shown.
    pub file: Option<String>,
    /// The day the file was first committed (the author date, in Vietnam time), when known.
    pub submitted_on: Option<NaiveDate>,
    /// Why the day is not known, for a file whose day is not known.
    pub date_unknown: Option<Unknown>,
    /// Why the day is doubtful, for a day that cannot be trusted.
    pub date_doubtful: Option<Doubt>,
    /// Sent before the due date: `None` when the day is not known or doubtful; `false`
    /// when not sent.
    pub on_time: Option<bool>,
    /// True when the file is a form nobody filled (W109): there, but not sent.
    pub empty: bool,
    /// Errors in the file (E012 included).
    pub errors: usize,
    /// Warnings in the file.
    pub warnings: usize,
    /// Rows left out because they had errors.
    pub rows_with_errors: usize,
}

impl Submission {
    /// Where the submission stands, in one word.
    pub(crate) fn standing(&self) -> Standing {
        match (self.submitted, self.on_time) {
            (false, _) => Standing::Missing,
            _ if self.empty => Standing::Empty,
            _ if self.date_doubtful.is_some() => Standing::DateDoubtful,
            (true, Some(true)) => Standing::OnTime,
            (true, Some(false)) => Standing::Late,
            (true, None) => Standing::DateUnknown,
        }
    }

    /// True when the unit sent a report: a file that is not an empty form.
    pub(crate) fn sent(&self) -> bool {
        self.submitted && !self.empty
    }
}

keywords! {
    /// Where a submission stands.
    pub(crate) enum Standing {
        /// Sent before the due date.
        OnTime = "on_time",
        /// Sent on or after the due date.
        Late = "late",
        /// Sent; when is not known.
        DateUnknown = "date_unknown",
        /// Sent on a date that cannot be trusted: never counted as on time.
        DateDoubtful = "date_doubtful",
        /// The file is a form nobody filled (W109): not sent.
        Empty = "empty",
        /// Not sent.
        Missing = "missing",
    }
}

keywords! {
    /// A task's consolidated status for the year (SPEC section 7).
    pub(crate) enum TaskStatus {
        /// No lead unit gave a row.
        Missing = "missing",
        /// Every lead row says nothing arose this year.
        NotApplicable = "not_applicable",
        /// Every expected lead reported it done (or it was done in an earlier year).
        Done = "done",
        /// Some lead reported it done or in progress.
        InProgress = "in_progress",
        /// The leads reported it not started.
        NotStarted = "not_started",
        /// Not done after the year it was due.
        Overdue = "overdue",
        /// No unit is asked to report on it this year (its leads never report, or any unit
        /// may lead it), and nobody did: nobody is late.
        NoReporter = "no_reporter",
    }
}

impl TaskStatus {
    /// The Vietnamese wording of the annual report.
    pub(crate) fn vietnamese(self) -> &'static str {
        match self {
            TaskStatus::Missing => "Chưa có báo cáo của đơn vị chủ trì",
            TaskStatus::NotApplicable => "Không phát sinh",
            TaskStatus::Done => "Hoàn thành",
            TaskStatus::InProgress => "Đang thực hiện",
            TaskStatus::NotStarted => "Chưa thực hiện",
            TaskStatus::Overdue => "Chậm tiến độ",
            TaskStatus::NoReporter => "Không có đơn vị báo cáo",
        }
    }
}

/// One task, consolidated.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TaskResult {
    /// The task id.
    pub id: String,
    /// Its section.
    pub section: String,
    /// Its short title.
    pub title: String,
    /// The units holding the lead this year (successors in place of merged units).
    pub lead: Vec<String>,
    /// True when any unit concerned may lead it (a `["*"]` group): whoever reports leads.
    pub open_lead: bool,
    /// The year it is due, if the plan gives one.
    pub due_year: Option<i32>,
    /// The consolidated status.
    pub status: TaskStatus,
    /// For a dated task done in an earlier year and not reported otherwise since: that year.
    pub done_in: Option<i32>,
    /// Every unit's row: lead rows first, then support rows, each in plan order of units
    /// (with [`Detail::Leads`] or [`Detail::Counts`], only the rows it keeps).
    pub reports: Vec<TaskReport>,
    /// How many support rows were given, whether `reports` holds them or not.
    #[serde(skip)]
    pub support_rows: usize,
}

impl TaskResult {
    /// The rows of one role.
    pub(crate) fn rows(&self, role: Role) -> impl Iterator<Item = &TaskReport> {
        self.reports.iter().filter(move |r| r.role == role)
    }
}

/// One unit's row on a task.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TaskReport {
    /// The unit code.
    pub unit: String,
    /// Lead or support (lead wins when a unit is both).
    pub role: Role,
    /// The status the unit gave.
    pub status: Status,
    /// What was done.
    pub result: String,
    /// Problems met.
    pub difficulties: String,
    /// What the unit asks for.
    pub proposals: String,
    /// Anything else.
    pub note: String,
    /// `file:line`.
    pub source: String,
}

/// One indicator, consolidated.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorResult {
    /// The indicator id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit of measure.
    pub unit: MeasureUnit,
    /// Level or flow.
    pub measure: Measure,
    /// How the reporters' values combine.
    pub aggregate: Aggregate,
    /// This year's value, combined from the reporters' values.
    pub value: Option<f64>,
    /// For a flow: the sum of the yearly values from the plan's first year to this one.
    pub cumulative: Option<f64>,
    /// For a flow: the years up to this one whose values the sum holds.
    pub years_with_value: Vec<i32>,
    /// For a flow: years up to this one without a value (left out of the sum).
    pub years_without_value: Vec<i32>,
    /// True when several units gave a value to a `single` indicator (E012): no value.
    pub conflict: bool,
    /// The assessment against the next target, with what it was computed from.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// The value compared with targets (level: the value; flow: the cumulative amount),
    /// for each plan year up to this one.
    pub history: Vec<YearValue>,
    /// The targets, all years.
    pub targets: Vec<Target>,
    /// Every unit's row.
    pub reports: Vec<IndicatorReport>,
}

/// A value in one year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct YearValue {
    /// The year.
    pub year: i32,
    /// The value compared with targets, when there is one.
    pub value: Option<f64>,
}

/// One unit's row on an indicator.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorReport {
    /// The unit code.
    pub unit: String,
    /// The value it gave.
    pub value: Option<f64>,
    /// What was done.
    pub result: String,
    /// Problems met.
    pub difficulties: String,
    /// What the unit asks for.
    pub proposals: String,
    /// Anything else.
    pub note: String,
    /// `file:line`.
    pub source: String,
}

keywords! {
    /// How an indicator stands against its next target (SPEC section 7).
    pub(crate) enum AssessmentClass {
        /// The target is met.
        Achieved = "achieved",
        /// At least 95% of the way the straight path expects by now.
        OnTrack = "on_track",
        /// 60% to 95% of that way.
        AtRisk = "at_risk",
        /// Less than 60%, or moving away.
        OffTrack = "off_track",
        /// No value this year.
        NoData = "no_data",
        /// No target at or after this year.
        NoTarget = "no_target",
        /// A value, but only one point: no baseline and no value of an earlier year to draw
        /// a path from, and the target is not met yet.
        InsufficientData = "insufficient_data",
    }
}

impl AssessmentClass {
    /// The Vietnamese wording of the annual report.
    pub(crate) fn vietnamese(self) -> &'static str {
        match self {
            AssessmentClass::Achieved => "Đã đạt mục tiêu",
            AssessmentClass::OnTrack => "Đúng lộ trình",
            AssessmentClass::AtRisk => "Có nguy cơ không đạt",
            AssessmentClass::OffTrack => "Chậm so với lộ trình",
            AssessmentClass::NoData => "Chưa có số liệu",
            AssessmentClass::NoTarget => "Không có mục tiêu",
            AssessmentClass::InsufficientData => "Chưa đủ số liệu để đánh giá",
        }
    }
}

/// An assessment and everything it was computed from, so that nobody has to trust it blind.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct Assessment {
    /// The class.
    #[serde(rename = "assessment")]
    pub class: AssessmentClass,
    /// The next target at or after the year.
    pub target: Option<Target>,
    /// Where the straight path starts: the baseline, or the first value reported for a
    /// year before this one (for a flow without a baseline, 0 before the plan's first year).
    pub base: Option<YearPoint>,
    /// Where the path ends: the bound of the target it heads for, in the target's year.
    pub goal: Option<YearPoint>,
    /// What was compared with the path: the value, or for a flow the cumulative amount.
    pub measured: Option<f64>,
    /// The path's value this year.
    pub expected: Option<f64>,
    /// `(value - base) / (expected - base)`, where it is defined.
    pub ratio: Option<f64>,
}

/// A value at a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub(crate) struct YearPoint {
    /// The year.
    pub year: i32,
    /// The value.
    pub value: f64,
}

/// `R` at or above this: on track (Statistics Canada's SDG progress thresholds).
pub(crate) const ON_TRACK: f64 = 0.95;
/// `R` at or above this, below [`ON_TRACK`]: at risk; below it: off track.
pub(crate) const AT_RISK: f64 = 0.6;

/// Consolidates `year` from the checked files of every plan year up to it, every row
/// with its texts. `dates` gives when this year's files were submitted.
#[cfg(test)]
pub(crate) fn consolidate(
    plan: &Plan,
    year: i32,
    checked: &[Checked],
    dates: &SubmissionDates,
) -> Consolidation {
    let keep = Digester::new(plan, plan.meta.start_year, KeepTexts::InMemory, None);
    let mut digests: Vec<Digest> = checked.iter().map(|c| keep.digest_ref(c)).collect();
    consolidate_digests(plan, year, &mut digests, dates, &Detail::Rows)
}

/// Consolidates `year` from what was kept of the checked files of every plan year up
/// to it ([`Digester`]), with as many of the year's rows as `detail` asks for.
///
/// The texts of the year's rows kept in memory move into the consolidation rather than
/// being copied (at national scale they take tens of megabytes): the digests keep the
/// rows' facts, and the year's texts are [`Texts::Dropped`] afterwards.
pub(crate) fn consolidate_digests(
    plan: &Plan,
    year: i32,
    digests: &mut [Digest],
    dates: &SubmissionDates,
    detail: &Detail,
) -> Consolidation {
    let mut moved = Vec::new();
    for fact in digests
        .iter_mut()
        .filter_map(|d| d.report.as_mut())
        .filter(|r| r.year == year)
        .flat_map(|r| r.rows.iter_mut())
    {
        if let Texts::Kept(_) = fact.texts
            && let Texts::Kept(texts) =
                std::mem::replace(&mut fact.texts, Texts::Moved { index: moved.len() })
        {
            moved.push(Some(texts));
        }
    }
    let consolidation = consolidate_given(plan, year, digests, moved, dates, detail);
    for fact in digests
        .iter_mut()
        .filter_map(|d| d.report.as_mut())
        .filter(|r| r.year == year)
        .flat_map(|r| r.rows.iter_mut())
    {
        if let Texts::Moved { .. } = fact.texts {
            fact.texts = Texts::Dropped;
        }
    }
    consolidation
}

/// [`consolidate_digests`], the texts `moved` out of the year's rows at hand.
fn consolidate_given(
    plan: &Plan,
    year: i32,
    digests: &[Digest],
    moved: Vec<Option<Box<PackedTexts>>>,
    dates: &SubmissionDates,
    detail: &Detail,
) -> Consolidation {
    let mut given = Given::new(plan, year, digests);
    given.moved = std::cell::RefCell::new(moved);
    let this_year: Vec<&Digested> = digests
        .iter()
        .filter_map(|d| d.report.as_ref())
        .filter(|r| r.year == year && plan.covers(r.year))
        .collect();
    let diagnostics = conflicts_in(plan, year, &given);
    let tasks = plan
        .tasks
        .iter()
        .map(|task| task_result(plan, task, year, &given, detail))
        .collect();
    let indicators = plan
        .indicators
        .iter()
        .map(|indicator| indicator_result(plan, indicator, year, &given, detail))
        .collect();
    let year_files: Vec<&Digest> = digests
        .iter()
        .filter(|c| c.owner.as_ref().is_some_and(|o| o.year == year))
        .collect();
    Consolidation {
        plan: plan.meta.id.clone(),
        year,
        due_date: plan.due_date(year),
        units: submissions(plan, year, &year_files, dates, &diagnostics),
        tasks,
        indicators,
        rows_with_errors: this_year.iter().map(|r| r.rows_with_errors).sum(),
        files_with_errors: year_files.iter().filter(|c| c.report.is_none()).count(),
        diagnostics,
    }
}

/// How many of the year's rows a [`Consolidation`] holds in its tasks' and indicators'
/// `reports`. Statuses, values and counts are the same whatever it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Detail {
    /// Every row.
    Rows,
    /// Lead rows, every indicator row, and every row of `unit` when given: what `status`
    /// shows. Support rows are only counted ([`TaskResult::support_rows`]).
    Leads {
        /// A unit whose rows are all kept.
        unit: Option<String>,
    },
    /// No row: a caller that writes the rows one at a time takes them from [`ordered`].
    Counts,
}

impl Detail {
    fn keeps_task_row(&self, role: Role, unit: &str) -> bool {
        match self {
            Detail::Rows => true,
            Detail::Leads { unit: only } => role == Role::Lead || only.as_deref() == Some(unit),
            Detail::Counts => false,
        }
    }

    fn keeps_indicator_rows(&self) -> bool {
        !matches!(self, Detail::Counts)
    }
}

fn source(report: &Digested, row: &Fact) -> String {
    format!("{}:{}", report.file, row.line)
}

/// A row's texts: moved out of `given` when the consolidation took them (each row is
/// listed once), else copied.
fn texts_of(row: &Fact, given: &Given) -> RowTexts {
    match &row.texts {
        Texts::Kept(texts) => texts.unpack(),
        Texts::Moved { index } => given
            .moved
            .borrow_mut()
            .get_mut(*index)
            .and_then(Option::take)
            .map(|texts| texts.unpack())
            .unwrap_or_default(),
        Texts::Dropped | Texts::Spilled { .. } => RowTexts::default(),
    }
}

/// One unit's row on a task, as a consolidation lists it, with `texts`.
pub(crate) fn task_report(
    role: Role,
    report: &Digested,
    row: &Fact,
    status: Status,
    texts: RowTexts,
) -> TaskReport {
    TaskReport {
        unit: report.unit.clone(),
        role,
        status,
        result: texts.result,
        difficulties: texts.difficulties,
        proposals: texts.proposals,
        note: texts.note,
        source: source(report, row),
    }
}

/// One unit's row on an indicator, as a consolidation lists it, with `texts`.
pub(crate) fn indicator_report(
    report: &Digested,
    row: &Fact,
    value: Option<f64>,
    texts: RowTexts,
) -> IndicatorReport {
    IndicatorReport {
        unit: report.unit.clone(),
        value,
        result: texts.result,
        difficulties: texts.difficulties,
        proposals: texts.proposals,
        note: texts.note,
        source: source(report, row),
    }
}

/// The year's rows in the order a [`Consolidation`] with [`Detail::Rows`] lists them, by
/// task and by indicator in plan order, for a caller that writes them one at a time.
#[derive(Debug)]
pub(crate) struct Ordered<'a> {
    /// Each task's rows: role, report, row and status.
    pub tasks: Vec<Vec<(Role, &'a Digested, &'a Fact, Status)>>,
    /// Each indicator's rows: report, row and value.
    pub indicators: Vec<Vec<(&'a Digested, &'a Fact, Option<f64>)>>,
}

/// The rows of `year` among `digests`, in order.
pub(crate) fn ordered<'a>(plan: &Plan, year: i32, digests: &'a [Digest]) -> Ordered<'a> {
    let given = Given::new(plan, year, digests);
    Ordered {
        tasks: plan
            .tasks
            .iter()
            .map(|task| task_rows(plan, task, year, &given))
            .collect(),
        indicators: plan
            .indicators
            .iter()
            .map(|indicator| indicator_rows(plan, indicator, year, &given))
            .collect(),
    }
}

// ---- What is kept of each file ---------------------------------------------------------

/// What consolidation keeps of one checked file: whose it is, its diagnostics, and its
/// given rows reduced to what the rules of SPEC section 7 read (task, role and status;
/// indicator and value; the line), with their texts only where they are wanted.
#[derive(Debug, Clone)]
pub(crate) struct Digest {
    /// The file as shown.
    pub file: String,
    /// Whose report it is, when known.
    pub owner: Option<Owner>,
    /// The report's rows, when the file could be read as one.
    pub report: Option<Digested>,
    /// Every problem in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// The rows kept of one report.
#[derive(Debug, Clone)]
pub(crate) struct Digested {
    /// The unit that sent it.
    pub unit: String,
    /// Its place among the plan's units (`usize::MAX` for a unit the plan does not know).
    pub rank: usize,
    /// The year it reports on.
    pub year: i32,
    /// The file, as shown in sources.
    pub file: String,
    /// The rows kept, in file order.
    pub rows: Vec<Fact>,
    /// Rows left out because they had errors.
    pub rows_with_errors: usize,
}

/// One given row, as consolidation reads it.
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    /// The physical line where the row starts.
    pub line: usize,
    /// What the row is about and what it says.
    pub item: Item,
    /// Its texts, when kept.
    pub texts: Texts,
}

/// What a row is about, by index in the plan, and what it says.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Item {
    /// A task row: the unit's role in the task that year, and the status it gave.
    Task {
        /// The task's index in the plan.
        task: u32,
        /// Lead or support.
        role: Role,
        /// The status given.
        status: Status,
    },
    /// An indicator row and its value, if given.
    Indicator {
        /// The indicator's index in the plan.
        indicator: u32,
        /// The value given.
        value: Option<f64>,
    },
}

/// The four texts of a row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RowTexts {
    /// What was done.
    pub result: String,
    /// Problems met.
    pub difficulties: String,
    /// What the unit asks for.
    pub proposals: String,
    /// Anything else.
    pub note: String,
}

/// A row's four texts kept in memory, end to end in one allocation: at national scale a
/// year has hundreds of thousands of rows, and four strings and a box each would be
/// five allocations a row.
#[derive(Debug, Clone, Default)]
pub(crate) struct PackedTexts {
    /// The texts end to end.
    text: Box<str>,
    /// Where the first three end in `text`.
    ends: [usize; 3],
}

impl PackedTexts {
    /// Packs a row's texts; `None` when all four are empty.
    fn pack(texts: [&str; 4]) -> Option<PackedTexts> {
        if texts.iter().all(|t| t.is_empty()) {
            return None;
        }
        let mut text = String::with_capacity(texts.iter().map(|t| t.len()).sum());
        let mut ends = [0; 3];
        for (i, t) in texts.into_iter().enumerate() {
            text.push_str(t);
            if let Some(end) = ends.get_mut(i) {
                *end = text.len();
            }
        }
        Some(PackedTexts {
            text: text.into_boxed_str(),
            ends,
        })
    }

    fn unpack(&self) -> RowTexts {
        let [a, b, c] = self.ends;
        let text = &self.text;
        RowTexts {
            result: text[..a].to_owned(),
            difficulties: text[a..b].to_owned(),
            proposals: text[b..c].to_owned(),
            note: text[c..].to_owned(),
        }
    }
}

/// Where a kept row's texts are.
#[derive(Debug, Clone, Default)]
pub(crate) enum Texts {
    /// Not kept, or all four empty.
    #[default]
    Dropped,
    /// In memory.
    Kept(Box<PackedTexts>),
    /// Moved into the consolidation being made, at this place in its list.
    Moved {
        /// The place.
        index: usize,
    },
    /// In a [`Spill`], at this offset and length.
    Spilled {
        /// The offset of the row's record.
        at: u64,
        /// Its length in bytes.
        len: u32,
    },
}

/// Where [`Digester`] puts the texts of the rows it keeps in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeepTexts {
    /// Nowhere: `status` reads no text.
    Dropped,
    /// In memory: `report` and `site` compose sentences from them.
    InMemory,
    /// In a temporary file: `merge` writes them out one row at a time.
    Spilled,
}

/// Reduces checked files to [`Digest`]s, on the threads that check them, so that the
/// rows of thousands of reports are never all in memory at once. Rows of the years from
/// `from` on are kept in full; of earlier years only the rows that decide a task's
/// status (a lead's, or any row of a task whose leads are not expected to report that
/// year, which the rows in a lead's place decide) and indicator rows are kept, without
/// texts: the statuses and values of past years are all the year consolidated reads of them.
#[derive(Debug)]
pub(crate) struct Digester<'a> {
    plan: &'a Plan,
    from: i32,
    texts: KeepTexts,
    spill: Option<&'a Spill>,
    /// By year (from the plan's first), by task: true when no lead is expected to report.
    open: Vec<Vec<bool>>,
}

impl<'a> Digester<'a> {
    /// Keeps every row of the years from `from` on, their texts as `texts` says (in
    /// `spill` for [`KeepTexts::Spilled`]).
    pub(crate) fn new(
        plan: &'a Plan,
        from: i32,
        texts: KeepTexts,
        spill: Option<&'a Spill>,
    ) -> Digester<'a> {
        let open = (plan.meta.start_year..=plan.meta.end_year)
            .map(|year| {
                plan.tasks
                    .iter()
                    .map(|task| plan.leads(task, year).iter().all(|u| !u.reports))
                    .collect()
            })
            .collect();
        Digester {
            plan,
            from,
            texts,
            spill,
            open,
        }
    }

    /// What is kept of `checked`; its rows' texts are moved, not copied.
    pub(crate) fn digest(&self, checked: Checked) -> Digest {
        let Checked {
            file,
            owner,
            report,
            diagnostics,
            ..
        } = checked;
        Digest {
            file,
            owner,
            report: report
                .map(|r| self.digested(r.unit, r.year, r.file, r.rows_with_errors, r.rows)),
            diagnostics,
        }
    }

    /// [`Digester::digest`] of a borrowed outcome: its texts are copied.
    #[cfg(test)]
    pub(crate) fn digest_ref(&self, checked: &Checked) -> Digest {
        Digest {
            file: checked.file.clone(),
            owner: checked.owner.clone(),
            report: checked.report.as_ref().map(|r| {
                self.digested(
                    r.unit.clone(),
                    r.year,
                    r.file.clone(),
                    r.rows_with_errors,
                    r.rows.clone(),
                )
            }),
            diagnostics: checked.diagnostics.clone(),
        }
    }

    fn digested(
        &self,
        unit: String,
        year: i32,
        file: String,
        rows_with_errors: usize,
        rows: Vec<Row>,
    ) -> Digested {
        let plan = self.plan;
        let duties = plan.duties(&unit, year);
        let full = year >= self.from;
        let open = usize::try_from(year - plan.meta.start_year)
            .ok()
            .and_then(|y| self.open.get(y));
        let mut kept = Vec::new();
        // A row left as the template wrote it is a row not given.
        for row in rows.into_iter().filter(|r| !r.untouched) {
            let item = match row.entry {
                Entry::Task(status) => {
                    let Some((t, _)) = plan.task_with_index(&row.id) else {
                        continue;
                    };
                    // Rows of units without a role (which the checks reject) are left out.
                    let Some(role) = duties.row_role(t) else {
                        continue;
                    };
                    let decides =
                        role == Role::Lead || open.and_then(|o| o.get(t)).copied().unwrap_or(true);
                    if !full && !decides {
                        continue;
                    }
                    Item::Task {
                        task: index(t),
                        role,
                        status,
                    }
                }
                Entry::Indicator(value) => {
                    let Some((i, _)) = plan.indicator_with_index(&row.id) else {
                        continue;
                    };
                    Item::Indicator {
                        indicator: index(i),
                        value,
                    }
                }
            };
            let texts = match (full, self.texts, self.spill) {
                (false, ..) | (_, KeepTexts::Dropped, _) => Texts::Dropped,
                (true, KeepTexts::InMemory, _) | (true, KeepTexts::Spilled, None) => {
                    let texts = [&row.result, &row.difficulties, &row.proposals, &row.note];
                    PackedTexts::pack(texts.map(String::as_str))
                        .map_or(Texts::Dropped, |packed| Texts::Kept(Box::new(packed)))
                }
                (true, KeepTexts::Spilled, Some(spill)) => spill.put(&row),
            };
            kept.push(Fact {
                line: row.line,
                item,
                texts,
            });
        }
        kept.shrink_to_fit();
        Digested {
            rank: plan.rank(&unit),
            unit,
            year,
            file,
            rows: kept,
            rows_with_errors,
        }
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A temporary file that holds the texts of rows, written while the reports are checked
/// and read back one row at a time in the order the output wants them.
#[derive(Debug)]
pub(crate) struct Spill {
    inner: std::sync::Mutex<SpillInner>,
}

#[derive(Debug)]
struct SpillInner {
    out: std::io::BufWriter<std::fs::File>,
    at: u64,
    error: Option<std::io::Error>,
}

impl Spill {
    /// A new, empty spill in the system's temporary folder (deleted when dropped).
    pub(crate) fn new() -> std::io::Result<Spill> {
        Ok(Spill {
            inner: std::sync::Mutex::new(SpillInner {
                out: std::io::BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
                at: 0,
                error: None,
            }),
        })
    }

    fn put(&self, row: &Row) -> Texts {
        use std::io::Write;
        let mut record = Vec::new();
        for text in [&row.result, &row.difficulties, &row.proposals, &row.note] {
            record.extend_from_slice(&u32::try_from(text.len()).unwrap_or(u32::MAX).to_le_bytes());
            record.extend_from_slice(text.as_bytes());
        }
        let Ok(mut inner) = self.inner.lock() else {
            return Texts::Dropped;
        };
        let at = inner.at;
        if let Err(e) = inner.out.write_all(&record) {
            inner.error.get_or_insert(e);
        }
        inner.at += record.len() as u64;
        Texts::Spilled {
            at,
            len: u32::try_from(record.len()).unwrap_or(u32::MAX),
        }
    }

    /// Ends the writing: the spill's texts, to read back; the first error met writing.
    pub(crate) fn finish(self) -> std::io::Result<SpillReader> {
        let inner = self
            .inner
            .into_inner()
            .map_err(|_| std::io::Error::other("a thread writing the spill panicked"))?;
        if let Some(e) = inner.error {
            return Err(e);
        }
        let file = inner
            .out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        Ok(SpillReader { file })
    }
}

/// The texts a [`Spill`] holds, read back.
#[derive(Debug)]
pub(crate) struct SpillReader {
    file: std::fs::File,
}

impl SpillReader {
    /// The texts of a kept row (none for a row whose texts were dropped).
    pub(crate) fn texts(&self, texts: &Texts) -> std::io::Result<RowTexts> {
        use std::io::{Read, Seek, SeekFrom};
        let (at, len) = match texts {
            Texts::Dropped => return Ok(RowTexts::default()),
            Texts::Kept(texts) => return Ok(texts.unpack()),
            Texts::Moved { .. } => return Ok(RowTexts::default()),
            Texts::Spilled { at, len } => (*at, *len),
        };
        let mut record = vec![0; len as usize];
        let mut file = &self.file;
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(&mut record)?;
        let mut fields = Vec::with_capacity(4);
        let mut rest = record.as_slice();
        for _ in 0..4 {
            let (size, tail) = rest
                .split_first_chunk::<4>()
                .ok_or_else(|| std::io::Error::other("the spill is cut short"))?;
            let size = u32::from_le_bytes(*size) as usize;
            if tail.len() < size {
                return Err(std::io::Error::other("the spill is cut short"));
            }
            let (text, tail) = tail.split_at(size);
            fields.push(String::from_utf8(text.to_vec()).map_err(std::io::Error::other)?);
            rest = tail;
        }
        let mut fields = fields.into_iter();
        let mut next = || fields.next().unwrap_or_default();
        Ok(RowTexts {
            result: next(),
            difficulties: next(),
            proposals: next(),
            note: next(),
        })
    }
}

/// The kept rows of the plan years up to the one consolidated, by year and by task or
/// indicator, so that each task and indicator finds its rows without a search.
struct Given<'a> {
    start: i32,
    /// By year from `start`, by task: the report and its row.
    tasks: Vec<Vec<Vec<(&'a Digested, &'a Fact)>>>,
    /// By year from `start`, by indicator.
    indicators: Vec<Vec<Vec<(&'a Digested, &'a Fact)>>>,
    /// The texts moved out of the year's rows ([`Texts::Moved`]), each taken once.
    moved: std::cell::RefCell<Vec<Option<Box<PackedTexts>>>>,
}

impl<'a> Given<'a> {
    fn new(plan: &Plan, year: i32, digests: &'a [Digest]) -> Given<'a> {
        let start = plan.meta.start_year;
        let years = usize::try_from(year - start + 1).unwrap_or(0);
        let reports = || {
            digests
                .iter()
                .filter_map(|d| d.report.as_ref())
                .filter(move |r| r.year <= year && plan.covers(r.year))
                .map(move |r| (usize::try_from(r.year - start).unwrap_or(usize::MAX), r))
        };
        // Counted first, so that each list takes the room its rows need and no more: at
        // national scale a task's list holds thousands of rows a year.
        let mut task_rows = vec![vec![0usize; plan.tasks.len()]; years];
        let mut indicator_rows = vec![vec![0usize; plan.indicators.len()]; years];
        for (y, report) in reports() {
            for fact in &report.rows {
                let count = match fact.item {
                    Item::Task { task, .. } => {
                        task_rows.get_mut(y).and_then(|t| t.get_mut(task as usize))
                    }
                    Item::Indicator { indicator, .. } => indicator_rows
                        .get_mut(y)
                        .and_then(|i| i.get_mut(indicator as usize)),
                };
                if let Some(count) = count {
                    *count += 1;
                }
            }
        }
        let lists = |counts: Vec<Vec<usize>>| -> Vec<Vec<Vec<(&'a Digested, &'a Fact)>>> {
            counts
                .into_iter()
                .map(|year| year.into_iter().map(Vec::with_capacity).collect())
                .collect()
        };
        let mut tasks = lists(task_rows);
        let mut indicators = lists(indicator_rows);
        for (y, report) in reports() {
            for fact in &report.rows {
                let slot = match fact.item {
                    Item::Task { task, .. } => tasks
                        .get_mut(y)
                        .and_then(|t: &mut Vec<Vec<_>>| t.get_mut(task as usize)),
                    Item::Indicator { indicator, .. } => indicators
                        .get_mut(y)
                        .and_then(|i: &mut Vec<Vec<_>>| i.get_mut(indicator as usize)),
                };
                if let Some(slot) = slot {
                    slot.push((report, fact));
                }
            }
        }
        Given {
            start,
            tasks,
            indicators,
            moved: std::cell::RefCell::new(Vec::new()),
        }
    }

    fn task(&self, year: i32, task: usize) -> &[(&'a Digested, &'a Fact)] {
        usize::try_from(year - self.start)
            .ok()
            .and_then(|y| self.tasks.get(y))
            .and_then(|t| t.get(task))
            .map_or(&[], Vec::as_slice)
    }

    fn indicator(&self, year: i32, indicator: usize) -> &[(&'a Digested, &'a Fact)] {
        usize::try_from(year - self.start)
            .ok()
            .and_then(|y| self.indicators.get(y))
            .and_then(|i| i.get(indicator))
            .map_or(&[], Vec::as_slice)
    }
}

// ---- Submissions -------------------------------------------------------------------

fn submissions(
    plan: &Plan,
    year: i32,
    files: &[&Digest],
    dates: &SubmissionDates,
    conflicts: &[Diagnostic],
) -> Vec<Submission> {
    let due = plan.due_date(year);
    let expected = plan.expected_units(year);
    let mut out: Vec<Submission> = expected
        .iter()
        .map(|unit| Submission {
            code: unit.code.clone(),
            name: Some(unit.name.clone()),
            expected: true,
            submitted: false,
            file: None,
            submitted_on: None,
            date_unknown: None,
            date_doubtful: None,
            on_time: Some(false),
            empty: false,
            errors: 0,
            warnings: 0,
            rows_with_errors: 0,
        })
        .collect();
    let mut others: Vec<Submission> = Vec::new();
    for checked in files {
        let Some(owner) = &checked.owner else {
            continue;
        };
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count()
            + conflicts.iter().filter(|d| d.file == checked.file).count();
        let warnings =
            checked.diagnostics.len() - checked.diagnostics.iter().filter(|d| d.is_error()).count();
        let (submitted_on, date_unknown, date_doubtful) = match dates.get(&checked.file) {
            Some(Ok(added)) => {
                let (day, doubt) = submission_day(added, year);
                (Some(day), None, doubt)
            }
            Some(Err(reason)) => (None, Some(*reason), None),
            None => (None, Some(Unknown::NotCommitted), None),
        };
        // A form nobody filled is there, but nothing was sent.
        let empty = checked
            .diagnostics
            .iter()
            .any(|d| d.code == crate::diag::Code::W109);
        let sent = Submission {
            code: owner.unit.clone(),
            name: plan.unit(&owner.unit).map(|u| u.name.clone()),
            expected: false,
            submitted: true,
            file: Some(checked.file.clone()),
            submitted_on,
            date_unknown,
            date_doubtful,
            on_time: if empty {
                Some(false)
            } else {
                submitted_on
                    .filter(|_| date_doubtful.is_none())
                    .map(|day| day < due)
            },
            empty,
            errors,
            warnings,
            rows_with_errors: checked.report.as_ref().map_or(0, |r| r.rows_with_errors),
        };
        match out.iter_mut().find(|s| s.code == sent.code && !s.submitted) {
            Some(slot) => {
                *slot = Submission {
                    expected: true,
                    ..sent
                }
            }
            None => others.push(sent),
        }
    }
    others.sort_by(|a, b| {
        (plan.rank(&a.code), &a.code, &a.file).cmp(&(plan.rank(&b.code), &b.code, &b.file))
    });
    out.extend(others);
    out
}

// ---- Tasks ---------------------------------------------------------------------------

/// The rows given on `task` in `year`, with each unit's role, lead rows first, each role
/// in plan order of units; rows of units without a role (which the checks reject) were
/// left out when the files were digested.
fn task_rows<'a>(
    plan: &Plan,
    task: &Task,
    year: i32,
    reports: &Given<'a>,
) -> Vec<(Role, &'a Digested, &'a Fact, Status)> {
    let Some((t, _)) = plan.task_with_index(&task.id) else {
        return Vec::new();
    };
    let mut rows: Vec<(Role, &Digested, &Fact, Status)> = reports
        .task(year, t)
        .iter()
        .filter_map(|&(report, row)| match row.item {
            Item::Task { role, status, .. } => Some((role, report, row, status)),
            Item::Indicator { .. } => None,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.0, a.1.rank, &a.1.unit, a.2.line).cmp(&(b.0, b.1.rank, &b.1.unit, b.2.line))
    });
    rows
}

/// A task's status in one year from its lead rows alone, before the due-year rules.
/// `expected` are the lead units expected to report; `lead_rows` the units and statuses
/// of the lead rows given.
pub(crate) fn lead_status(expected: &[&str], lead_rows: &[(&str, Status)]) -> TaskStatus {
    if lead_rows.is_empty() {
        return TaskStatus::Missing;
    }
    if lead_rows.iter().all(|(_, s)| *s == Status::NotApplicable) {
        return TaskStatus::NotApplicable;
    }
    // Leads that said nothing arose are set aside; every other expected lead, and
    // anyone else who reported as lead, must have said done.
    // Looked up in sets: a task led by a group of every district has thousands of rows.
    let with = |status: Status| -> std::collections::HashSet<&str> {
        lead_rows
            .iter()
            .filter(|(_, s)| *s == status)
            .map(|(u, _)| *u)
            .collect()
    };
    let (not_applicable, done_units) = (with(Status::NotApplicable), with(Status::Done));
    let set_aside = |unit: &str| not_applicable.contains(unit);
    let done = |unit: &str| done_units.contains(unit);
    let all_done = expected
        .iter()
        .copied()
        .chain(lead_rows.iter().map(|(u, _)| *u))
        .filter(|u| !set_aside(u))
        .all(done);
    if all_done {
        TaskStatus::Done
    } else if lead_rows
        .iter()
        .any(|(_, s)| matches!(s, Status::Done | Status::InProgress))
    {
        TaskStatus::InProgress
    } else {
        TaskStatus::NotStarted
    }
}

/// Applies the due-year rules to one year's lead status: a dated task done before stays
/// done unless a lead says otherwise; one not done after its due year is overdue.
/// Returns the status and, when done, the year it was first done.
pub(crate) fn dated_status(
    due_year: Option<i32>,
    year: i32,
    lead: TaskStatus,
    done_before: Option<i32>,
) -> (TaskStatus, Option<i32>) {
    let Some(due) = due_year else {
        let done_in = (lead == TaskStatus::Done).then_some(year);
        return (lead, done_in);
    };
    let keeps_done = matches!(
        lead,
        TaskStatus::Done | TaskStatus::Missing | TaskStatus::NotApplicable | TaskStatus::NoReporter
    );
    match done_before {
        Some(first) if keeps_done => (TaskStatus::Done, Some(first)),
        _ if lead == TaskStatus::Done => (TaskStatus::Done, Some(year)),
        // Nobody is asked to report on it: nobody is late either.
        _ if lead == TaskStatus::NoReporter => (lead, None),
        _ if year > due => (TaskStatus::Overdue, None),
        _ => (lead, None),
    }
}

fn task_result(
    plan: &Plan,
    task: &Task,
    year: i32,
    reports: &Given,
    detail: &Detail,
) -> TaskResult {
    let due_year = task.schedule.and_then(super::model::Schedule::due_year);
    let mut status = TaskStatus::Missing;
    let mut done_in = None;
    for y in plan.meta.start_year..=year {
        let expected: Vec<&str> = plan
            .leads(task, y)
            .into_iter()
            .filter(|u| u.reports)
            .map(|u| u.code.as_str())
            .collect();
        let year_rows = task_rows(plan, task, y, reports);
        // With no lead expected to report (leads that never report, or any unit
        // concerned), the units that reported on the task stand in the lead's place.
        let stand_in = expected.is_empty();
        let lead_rows: Vec<(&str, Status)> = year_rows
            .iter()
            .filter(|(role, ..)| stand_in || *role == Role::Lead)
            .map(|(_, report, _, status)| (report.unit.as_str(), *status))
            .collect();
        let lead = match lead_status(&expected, &lead_rows) {
            TaskStatus::Missing if stand_in => TaskStatus::NoReporter,
            status => status,
        };
        (status, done_in) = dated_status(due_year, y, lead, done_in);
    }
    let rows = task_rows(plan, task, year, reports);
    let support_rows = rows
        .iter()
        .filter(|(role, ..)| *role == Role::Support)
        .count();
    let reports = rows
        .into_iter()
        .filter(|(role, report, ..)| detail.keeps_task_row(*role, &report.unit))
        .map(|(role, report, row, status)| {
            task_report(role, report, row, status, texts_of(row, reports))
        })
        .collect();
    TaskResult {
        id: task.id.clone(),
        section: task.section.clone(),
        title: task.title.clone(),
        lead: plan
            .leads(task, year)
            .iter()
            .map(|u| u.code.clone())
            .collect(),
        open_lead: plan.is_open_lead(task),
        due_year,
        status,
        done_in: done_in.filter(|first| *first < year && status == TaskStatus::Done),
        reports,
        support_rows,
    }
}

// ---- Indicators ----------------------------------------------------------------------

/// The rows given on `indicator` in `year`, in plan order of units.
fn indicator_rows<'a>(
    plan: &Plan,
    indicator: &Indicator,
    year: i32,
    reports: &Given<'a>,
) -> Vec<(&'a Digested, &'a Fact, Option<f64>)> {
    let Some((i, _)) = plan.indicator_with_index(&indicator.id) else {
        return Vec::new();
    };
    let mut rows: Vec<(&Digested, &Fact, Option<f64>)> = reports
        .indicator(year, i)
        .iter()
        .filter_map(|&(report, row)| match row.item {
            Item::Indicator { value, .. } => Some((report, row, value)),
            Item::Task { .. } => None,
        })
        .collect();
    rows.sort_by(|a, b| (a.0.rank, &a.0.unit, a.1.line).cmp(&(b.0.rank, &b.0.unit, b.1.line)));
    rows
}

/// Several values given to a `single` indicator: a conflict, never settled by a guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Conflict {
    /// How many values were given.
    pub values: usize,
}

/// Combines the reporters' values by `aggregate`; `None` when nobody gave a value.
pub(crate) fn combine(aggregate: Aggregate, values: &[f64]) -> Result<Option<f64>, Conflict> {
    if values.is_empty() {
        return Ok(None);
    }
    Ok(Some(match aggregate {
        Aggregate::Single if values.len() > 1 => {
            return Err(Conflict {
                values: values.len(),
            });
        }
        Aggregate::Single => values[0],
        Aggregate::Sum => values.iter().sum(),
        Aggregate::Mean => values.iter().sum::<f64>() / values.len() as f64,
        Aggregate::Max => values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    }))
}

/// E012 for every row of a `single` indicator that several units gave a value in `year`.
fn conflicts_in(plan: &Plan, year: i32, reports: &Given) -> Vec<Diagnostic> {
    let mut given = Vec::new();
    for (i, indicator) in plan.indicators.iter().enumerate() {
        if indicator.aggregate != Aggregate::Single {
            continue;
        }
        for (report, row, _) in indicator_rows(plan, indicator, year, reports)
            .into_iter()
            .filter(|(.., v)| v.is_some())
        {
            given.push(crate::check::GivenValue {
                year,
                indicator: i,
                unit: &report.unit,
                file: &report.file,
                line: row.line,
            });
        }
    }
    let mut out: Vec<Diagnostic> = crate::check::conflicts(plan, &given)
        .into_iter()
        .map(|(_, d)| d)
        .collect();
    crate::diag::sort(&mut out);
    out
}

fn indicator_result(
    plan: &Plan,
    indicator: &Indicator,
    year: i32,
    reports: &Given,
    detail: &Detail,
) -> IndicatorResult {
    // Each plan year's combined value, up to this year.
    let mut yearly: Vec<(i32, Option<f64>, bool)> = Vec::new();
    for y in plan.meta.start_year..=year {
        let values: Vec<f64> = indicator_rows(plan, indicator, y, reports)
            .into_iter()
            .filter_map(|(.., v)| v)
            .collect();
        let (value, conflict) = match combine(indicator.aggregate, &values) {
            Ok(value) => (value, false),
            Err(Conflict { .. }) => (None, true),
        };
        yearly.push((y, value, conflict));
    }
    let (value, conflict) = yearly.last().map_or((None, false), |(_, v, c)| (*v, *c));
    let flow = indicator.measure == Measure::Flow;
    let mut running = 0.0;
    let history: Vec<YearValue> = yearly
        .iter()
        .map(|(y, v, _)| {
            running += v.unwrap_or(0.0);
            let value = if flow { v.map(|_| running) } else { *v };
            YearValue { year: *y, value }
        })
        .collect();
    let cumulative = if flow { value.map(|_| running) } else { None };
    let years = |with_value: bool| -> Vec<i32> {
        if !flow {
            return Vec::new();
        }
        yearly
            .iter()
            .filter(|(_, v, _)| v.is_some() == with_value)
            .map(|(y, ..)| *y)
            .collect()
    };
    let (years_with_value, years_without_value) = (years(true), years(false));
    let measured = if flow { cumulative } else { value };
    let base = match (indicator.baseline, flow) {
        (Some(b), _) => Some(YearPoint {
            year: b.year,
            value: b.value,
        }),
        (None, true) => Some(YearPoint {
            year: plan.meta.start_year - 1,
            value: 0.0,
        }),
        (None, false) => history.iter().filter(|h| h.year < year).find_map(|h| {
            h.value.map(|value| YearPoint {
                year: h.year,
                value,
            })
        }),
    };
    let target = indicator.targets.iter().find(|t| t.year >= year).copied();
    let reports = if detail.keeps_indicator_rows() {
        indicator_rows(plan, indicator, year, reports)
            .into_iter()
            .map(|(report, row, value)| {
                indicator_report(report, row, value, texts_of(row, reports))
            })
            .collect()
    } else {
        Vec::new()
    };
    IndicatorResult {
        id: indicator.id.clone(),
        name: indicator.name.clone(),
        unit: indicator.unit.clone(),
        measure: indicator.measure,
        aggregate: indicator.aggregate,
        value,
        cumulative,
        years_with_value,
        years_without_value,
        conflict,
        assessment: assess(measured, year, base, target),
        history,
        targets: indicator.targets.clone(),
        reports,
    }
}

/// True when `value` meets the target: at least `min`, at most `max`, inside both.
pub(crate) fn meets(value: f64, target: &Target) -> bool {
    target.min.is_none_or(|min| value >= min) && target.max.is_none_or(|max| value <= max)
}

/// Assesses `value` in `year` against `target` along the straight path from `base`
/// (SPEC section 7). A `max` target (lower is better) mirrors a `min` one; a value
/// outside a min-max range is measured against the bound it misses.
///
/// A path needs two points: `base` (the baseline, or a value of an earlier year) and the
/// target. Without a base, or with a base later than `year`, the only point is the value
/// itself, and a path from a value to itself would always put it on track: the
/// assessment is then `insufficient_data`, unless the target is already met.
pub(crate) fn assess(
    value: Option<f64>,
    year: i32,
    base: Option<YearPoint>,
    target: Option<Target>,
) -> Assessment {
    let base = base.filter(|b| b.year <= year);
    let none = |class| Assessment {
        class,
        target,
        base,
        goal: None,
        measured: value,
        expected: None,
        ratio: None,
    };
    let Some(target) = target else {
        return none(AssessmentClass::NoTarget);
    };
    let Some(value) = value else {
        return none(AssessmentClass::NoData);
    };
    let Some((goal, higher_is_better)) = bound_to_head_for(value, &target) else {
        return none(AssessmentClass::NoTarget);
    };
    let expected = base.map(|base| expected_on_path(base, goal, year));
    let with = |class, ratio| Assessment {
        class,
        target: Some(target),
        base,
        goal: Some(goal),
        measured: Some(value),
        expected,
        ratio,
    };
    if meets(value, &target) {
        return with(AssessmentClass::Achieved, None);
    }
    let (Some(base), Some(expected)) = (base, expected) else {
        return with(AssessmentClass::InsufficientData, None);
    };
    let (class, ratio) = class_against_path(value, base, expected, higher_is_better);
    with(class, ratio)
}

/// The bound a value's path heads for, as a point in the target's year, and whether
/// higher is better: the `min` or the `max`, or for a min-max range the bound `value`
/// misses. `None` when the target sets neither bound.
fn bound_to_head_for(value: f64, target: &Target) -> Option<(YearPoint, bool)> {
    let (bound, higher_is_better) = match (target.min, target.max) {
        (Some(min), Some(max)) => {
            if value < min {
                (min, true)
            } else {
                (max, false)
            }
        }
        (Some(min), None) => (min, true),
        (None, Some(max)) => (max, false),
        (None, None) => return None,
    };
    let goal = YearPoint {
        year: target.year,
        value: bound,
    };
    Some((goal, higher_is_better))
}

/// The value expected in `year` on the straight path from `base` to `goal`, held at
/// either end outside the path's years.
fn expected_on_path(base: YearPoint, goal: YearPoint, year: i32) -> f64 {
    let share = if goal.year > base.year {
        (f64::from(year - base.year) / f64::from(goal.year - base.year)).clamp(0.0, 1.0)
    } else {
        1.0
    };
    base.value + (goal.value - base.value) * share
}

/// Classes an unmet `value` against the value `expected` on the path from `base`, with
/// the ratio `R` of the way covered when the path moves toward the bound.
fn class_against_path(
    value: f64,
    base: YearPoint,
    expected: f64,
    higher_is_better: bool,
) -> (AssessmentClass, Option<f64>) {
    let gap = expected - base.value;
    let heads_the_right_way = if higher_is_better {
        gap > 0.0
    } else {
        gap < 0.0
    };
    if !heads_the_right_way {
        // The baseline's own year (the path has not moved yet), or a base already beyond
        // the bound.
        let at_or_beyond = if higher_is_better {
            value >= expected
        } else {
            value <= expected
        };
        let class = if at_or_beyond {
            AssessmentClass::OnTrack
        } else {
            AssessmentClass::OffTrack
        };
        return (class, None);
    }
    let ratio = (value - base.value) / gap;
    let class = if ratio >= ON_TRACK {
        AssessmentClass::OnTrack
    } else if ratio >= AT_RISK {
        AssessmentClass::AtRisk
    } else {
        AssessmentClass::OffTrack
    };
    (class, Some(ratio))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::model::Report;
    use crate::model::{Baseline, Group, Members, PlanMeta, PlanParts, Schedule, Unit, UnitKind};

    /// A row's texts come back as they went in, empty ones and Vietnamese ones alike, and
    /// a row with no text keeps none.
    #[test]
    fn packed_texts_unpack_as_they_were() {
        let texts = ["Đã hoàn thành", "", "Đề nghị bổ sung kinh phí", "Ghi chú"];
        let packed = PackedTexts::pack(texts).map(|p| p.unpack());
        assert_eq!(
            packed,
            Some(RowTexts {
                result: texts[0].to_owned(),
                difficulties: String::new(),
                proposals: texts[2].to_owned(),
                note: texts[3].to_owned(),
            })
        );
        let last_only = PackedTexts::pack(["", "", "", "x"]).map(|p| p.unpack());
        assert_eq!(last_only.map(|t| t.note), Some("x".to_owned()));
        assert!(PackedTexts::pack(["", "", "", ""]).is_none());
    }

    fn unit(code: &str) -> Unit {
        Unit {
            code: code.into(),
            name: format!("Sở {code}"),
            kind: UnitKind::Department,
            since: None,
            until: None,
            successor: None,
            reports: true,
        }
    }

    fn task(id: &str, lead: &[&str], support: &[&str], schedule: Schedule) -> Task {
        Task {
            id: id.into(),
            section: "1".into(),
            title: format!("Nhiệm vụ {id}"),
            text: String::new(),
            lead: lead.iter().map(std::string::ToString::to_string).collect(),
            support: support
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            schedule: Some(schedule),
            indicators: Vec::new(),
        }
    }

    fn indicator(
        id: &str,
        measure: Measure,
        aggregate: Aggregate,
        reporters: &[&str],
    ) -> Indicator {
        Indicator {
            id: id.into(),
            name: format!("Chỉ tiêu {id}"),
            unit: crate::model::MeasureUnit::Count,
            measure,
            aggregate,
            reporters: reporters
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            baseline: None,
            targets: vec![Target {
                year: 2030,
                min: Some(10.0),
                max: None,
            }],
            target_text: None,
        }
    }

    /// Units A, B, C; OLD merged into NEW from 1 March 2025; group G = A, B; ANY = `*`.
    fn plan() -> Plan {
        Plan::new(parts())
    }

    fn parts() -> PlanParts {
        let mut old = unit("OLD");
        old.until = NaiveDate::from_ymd_opt(2025, 2, 28);
        old.successor = Some("NEW".into());
        let mut new = unit("NEW");
        new.since = NaiveDate::from_ymd_opt(2025, 3, 1);
        PlanParts {
            meta: PlanMeta {
                id: "1/KH".into(),
                title: "Kế hoạch".into(),
                issuer: "UBND".into(),
                issued: NaiveDate::from_ymd_opt(2023, 8, 15).unwrap(),
                implements: None,
                start_year: 2023,
                end_year: 2030,
                coordinator: "A".into(),
                due_before: (11, 20),
                language: crate::lang::Lang::Vi,
            },
            report: Default::default(),
            units: vec![unit("A"), unit("B"), unit("C"), old, new],
            groups: vec![
                Group {
                    code: "G".into(),
                    name: "Nhóm".into(),
                    members: Members::Units(vec!["A".into(), "B".into()]),
                },
                Group {
                    code: "ANY".into(),
                    name: "Các cơ quan có liên quan".into(),
                    members: Members::Any,
                },
            ],
            sections: Vec::new(),
            tasks: vec![
                task("two", &["A", "B"], &["C"], Schedule::Recurring),
                task("group", &["G"], &[], Schedule::Recurring),
                task("open", &["ANY"], &[], Schedule::Recurring),
                task("dated", &["A"], &["ANY"], Schedule::Year(2024)),
                task("merged", &["OLD"], &[], Schedule::Recurring),
            ],
            indicators: vec![
                indicator("SINGLE", Measure::Level, Aggregate::Single, &["A", "B"]),
                indicator("SUM", Measure::Level, Aggregate::Sum, &["A", "B"]),
                indicator("MEAN", Measure::Level, Aggregate::Mean, &["A", "B"]),
                indicator("MAX", Measure::Level, Aggregate::Max, &["A", "B"]),
                indicator("FLOW", Measure::Flow, Aggregate::Single, &["A"]),
            ],
            handovers: Vec::new(),
        }
    }

    fn task_row(line: usize, id: &str, status: Status, result: &str) -> Row {
        Row {
            line,
            id: id.into(),
            entry: Entry::Task(status),
            title: String::new(),
            result: result.into(),
            difficulties: String::new(),
            proposals: String::new(),
            note: String::new(),
            extra: Vec::new(),
            unread: String::new(),
            untouched: false,
        }
    }

    fn value_row(line: usize, id: &str, value: f64) -> Row {
        Row {
            entry: Entry::Indicator(Some(value)),
            ..task_row(line, id, Status::Done, "")
        }
    }

    fn checked(unit: &str, year: i32, rows: Vec<Row>) -> Checked {
        let file = format!("reports/{year}/{unit}.csv");
        Checked {
            path: file.clone().into(),
            file: file.clone(),
            owner: Some(Owner {
                unit: unit.into(),
                year,
            }),
            report: Some(Report {
                unit: unit.into(),
                year,
                file,
                rows,
                extra_columns: Vec::new(),
                value_column: None,
                rows_with_errors: 0,
                errors: 0,
                warnings: 0,
            }),
            diagnostics: Vec::new(),
        }
    }

    /// `Checked` is not `Clone`: the checks never need to copy one.
    fn copy(c: &Checked) -> Checked {
        Checked {
            file: c.file.clone(),
            path: c.path.clone(),
            owner: c.owner.clone(),
            report: c.report.clone(),
            diagnostics: c.diagnostics.clone(),
        }
    }

    fn run(year: i32, files: Vec<Checked>) -> Consolidation {
        consolidate(&plan(), year, &files, &SubmissionDates::new())
    }

    fn status(c: &Consolidation, id: &str) -> TaskStatus {
        c.tasks.iter().find(|t| t.id == id).unwrap().status
    }

    fn indicator_of<'a>(c: &'a Consolidation, id: &str) -> &'a IndicatorResult {
        c.indicators.iter().find(|i| i.id == id).unwrap()
    }

    #[test]
    fn two_leads_are_done_only_when_both_say_so() {
        use Status::*;
        let one = |a: Status, b: Option<Status>| {
            let mut files = vec![checked("A", 2024, vec![task_row(2, "two", a, "x")])];
            if let Some(b) = b {
                files.push(checked("B", 2024, vec![task_row(2, "two", b, "y")]));
            }
            status(&run(2024, files), "two")
        };
        assert_eq!(one(Done, Some(Done)), TaskStatus::Done);
        assert_eq!(one(Done, None), TaskStatus::InProgress);
        assert_eq!(one(Done, Some(NotStarted)), TaskStatus::InProgress);
        assert_eq!(one(InProgress, Some(NotStarted)), TaskStatus::InProgress);
        assert_eq!(one(NotStarted, Some(NotStarted)), TaskStatus::NotStarted);
        assert_eq!(one(NotStarted, None), TaskStatus::NotStarted);
    }

    #[test]
    fn a_group_of_leads_counts_each_member() {
        let a = checked("A", 2024, vec![task_row(2, "group", Status::Done, "x")]);
        assert_eq!(
            status(&run(2024, vec![copy(&a)]), "group"),
            TaskStatus::InProgress
        );
        let b = checked("B", 2024, vec![task_row(2, "group", Status::Done, "y")]);
        let c = run(2024, vec![a, b]);
        assert_eq!(status(&c, "group"), TaskStatus::Done);
        let task = c.tasks.iter().find(|t| t.id == "group").unwrap();
        assert_eq!(task.lead, ["A", "B"]);
    }

    #[test]
    fn whoever_reports_on_an_open_task_leads_it() {
        let c = run(
            2024,
            vec![checked(
                "C",
                2024,
                vec![task_row(3, "open", Status::Done, "x")],
            )],
        );
        let task = c.tasks.iter().find(|t| t.id == "open").unwrap();
        assert_eq!(task.status, TaskStatus::Done);
        assert!(task.open_lead && task.lead.is_empty());
        assert_eq!(task.reports[0].role, Role::Lead);
        assert_eq!(task.reports[0].source, "reports/2024/C.csv:3");
        // Nobody is asked to report on it: not missing, as if someone were late.
        assert_eq!(
            status(&run(2024, Vec::new()), "open"),
            TaskStatus::NoReporter
        );
    }

    #[test]
    fn without_a_lead_row_a_task_is_missing_and_support_rows_are_kept() {
        let c = run(
            2024,
            vec![checked(
                "C",
                2024,
                vec![task_row(4, "two", Status::Done, "hỗ trợ")],
            )],
        );
        let task = c.tasks.iter().find(|t| t.id == "two").unwrap();
        assert_eq!(task.status, TaskStatus::Missing);
        assert_eq!(task.reports.len(), 1);
        assert_eq!(task.reports[0].role, Role::Support);
        assert_eq!(task.reports[0].result, "hỗ trợ");
    }

    #[test]
    fn a_row_left_as_the_template_wrote_it_is_not_a_lead_row() {
        let mut row = task_row(2, "group", Status::NotStarted, "");
        row.untouched = true;
        let c = run(2024, vec![checked("A", 2024, vec![row])]);
        assert_eq!(status(&c, "group"), TaskStatus::Missing);
    }

    #[test]
    fn not_applicable_rows_are_set_aside() {
        use Status::*;
        let files = |a: Status, b: Status| {
            vec![
                checked("A", 2024, vec![task_row(2, "two", a, "")]),
                checked("B", 2024, vec![task_row(2, "two", b, "y")]),
            ]
        };
        assert_eq!(
            status(&run(2024, files(NotApplicable, NotApplicable)), "two"),
            TaskStatus::NotApplicable
        );
        assert_eq!(
            status(&run(2024, files(NotApplicable, Done)), "two"),
            TaskStatus::Done
        );
        assert_eq!(
            status(&run(2024, files(NotApplicable, InProgress)), "two"),
            TaskStatus::InProgress
        );
    }

    #[test]
    fn a_dated_task_not_done_after_its_year_is_overdue() {
        let in_progress = checked(
            "A",
            2024,
            vec![task_row(2, "dated", Status::InProgress, "x")],
        );
        assert_eq!(
            status(&run(2024, vec![copy(&in_progress)]), "dated"),
            TaskStatus::InProgress
        );
        assert_eq!(
            status(&run(2025, vec![copy(&in_progress)]), "dated"),
            TaskStatus::Overdue
        );
        assert_eq!(status(&run(2025, Vec::new()), "dated"), TaskStatus::Overdue);
        let late = checked("A", 2025, vec![task_row(2, "dated", Status::Done, "x")]);
        assert_eq!(
            status(&run(2025, vec![in_progress, late]), "dated"),
            TaskStatus::Done
        );
    }

    #[test]
    fn a_dated_task_once_done_stays_done_unless_a_lead_says_otherwise() {
        let done = checked("A", 2024, vec![task_row(2, "dated", Status::Done, "x")]);
        let c = run(2026, vec![copy(&done)]);
        let task = c.tasks.iter().find(|t| t.id == "dated").unwrap();
        assert_eq!((task.status, task.done_in), (TaskStatus::Done, Some(2024)));
        let quiet = checked(
            "A",
            2025,
            vec![task_row(2, "dated", Status::NotApplicable, "")],
        );
        assert_eq!(
            status(&run(2025, vec![copy(&done), quiet]), "dated"),
            TaskStatus::Done
        );
        let reopened = checked(
            "A",
            2025,
            vec![task_row(2, "dated", Status::InProgress, "x")],
        );
        assert_eq!(
            status(&run(2025, vec![copy(&done), reopened]), "dated"),
            TaskStatus::Overdue
        );
        // A recurring task stands alone each year.
        let two = checked("A", 2024, vec![task_row(2, "group", Status::Done, "x")]);
        let two_b = checked("B", 2024, vec![task_row(2, "group", Status::Done, "x")]);
        assert_eq!(
            status(&run(2025, vec![two, two_b]), "group"),
            TaskStatus::Missing
        );
    }

    #[test]
    fn a_successor_takes_over_the_lead() {
        let old = checked("OLD", 2024, vec![task_row(2, "merged", Status::Done, "x")]);
        assert_eq!(status(&run(2024, vec![old]), "merged"), TaskStatus::Done);
        let c = run(
            2025,
            vec![checked(
                "NEW",
                2025,
                vec![task_row(2, "merged", Status::Done, "x")],
            )],
        );
        let task = c.tasks.iter().find(|t| t.id == "merged").unwrap();
        assert_eq!(
            (task.status, task.lead.as_slice()),
            (TaskStatus::Done, &["NEW".to_string()][..])
        );
    }

    #[test]
    fn values_combine_by_sum_mean_and_max() {
        let c = run(
            2024,
            vec![
                checked(
                    "A",
                    2024,
                    vec![
                        value_row(2, "SUM", 2.0),
                        value_row(3, "MEAN", 2.0),
                        value_row(4, "MAX", 2.0),
                    ],
                ),
                checked(
                    "B",
                    2024,
                    vec![
                        value_row(2, "SUM", 5.0),
                        value_row(3, "MEAN", 5.0),
                        value_row(4, "MAX", 5.0),
                    ],
                ),
            ],
        );
        assert_eq!(indicator_of(&c, "SUM").value, Some(7.0));
        assert_eq!(indicator_of(&c, "MEAN").value, Some(3.5));
        assert_eq!(indicator_of(&c, "MAX").value, Some(5.0));
        let sum = indicator_of(&c, "SUM");
        assert_eq!(sum.reports.len(), 2);
        assert_eq!(sum.reports[1].source, "reports/2024/B.csv:2");
        assert!(c.diagnostics.is_empty());
    }

    #[test]
    fn a_single_indicator_with_two_values_is_an_error_not_a_guess() {
        let c = run(
            2024,
            vec![
                checked("A", 2024, vec![value_row(5, "SINGLE", 2.0)]),
                checked("B", 2024, vec![value_row(6, "SINGLE", 3.0)]),
            ],
        );
        let single = indicator_of(&c, "SINGLE");
        assert_eq!((single.value, single.conflict), (None, true));
        assert_eq!(single.assessment.class, AssessmentClass::NoData);
        assert_eq!(single.reports.len(), 2);
        let codes: Vec<_> = c
            .diagnostics
            .iter()
            .map(|d| (d.code, d.file.as_str(), d.line))
            .collect();
        assert_eq!(
            codes,
            [
                (Code::E012, "reports/2024/A.csv", Some(5)),
                (Code::E012, "reports/2024/B.csv", Some(6)),
            ]
        );
        let a = c.units.iter().find(|u| u.code == "A").unwrap();
        assert_eq!(a.errors, 1);
        let one = run(
            2024,
            vec![checked("A", 2024, vec![value_row(5, "SINGLE", 2.0)])],
        );
        assert_eq!(indicator_of(&one, "SINGLE").value, Some(2.0));
    }

    #[test]
    fn a_flow_sums_its_years_and_says_which_are_missing() {
        let files = vec![
            checked("A", 2023, vec![value_row(2, "FLOW", 1.0)]),
            checked("A", 2025, vec![value_row(2, "FLOW", 2.0)]),
        ];
        let c = run(2025, files);
        let flow = indicator_of(&c, "FLOW");
        assert_eq!((flow.value, flow.cumulative), (Some(2.0), Some(3.0)));
        assert_eq!(flow.years_without_value, [2024]);
        let path: Vec<_> = flow.history.iter().map(|h| h.value).collect();
        assert_eq!(path, [Some(1.0), None, Some(3.0)]);
        // Cumulative 3 against 10 by 2030, from 0 at the start of 2023: expected
        // 10 * 3/8 = 3.75 by 2025, R = 0.8.
        assert_eq!(flow.assessment.class, AssessmentClass::AtRisk);
        assert_eq!(
            flow.assessment.base,
            Some(YearPoint {
                year: 2022,
                value: 0.0
            })
        );
        assert_eq!(flow.assessment.expected, Some(3.75));
    }

    fn target(year: i32, min: Option<f64>, max: Option<f64>) -> Option<Target> {
        Some(Target { year, min, max })
    }

    fn base(year: i32, value: f64) -> Option<YearPoint> {
        Some(YearPoint { year, value })
    }

    #[test]
    fn assessment_classes_along_the_path() {
        use AssessmentClass::*;
        let t = target(2030, Some(45.0), None);
        // Path from 35 in 2020 to 45 in 2030: 40 expected in 2025.
        let class = |v: f64| assess(Some(v), 2025, base(2020, 35.0), t).class;
        assert_eq!(class(46.0), Achieved);
        assert_eq!(class(45.0), Achieved);
        assert_eq!(class(40.0), OnTrack);
        assert_eq!(class(39.75), OnTrack); // R = 0.95
        assert_eq!(class(38.0), AtRisk); // R = 0.6
        assert_eq!(class(37.9), OffTrack);
        assert_eq!(class(30.0), OffTrack);
        let a = assess(Some(38.0), 2025, base(2020, 35.0), t);
        assert_eq!((a.expected, a.ratio), (Some(40.0), Some(0.6)));
        assert_eq!(assess(None, 2025, base(2020, 35.0), t).class, NoData);
        assert_eq!(
            assess(Some(1.0), 2025, base(2020, 35.0), None).class,
            NoTarget
        );
    }

    #[test]
    fn a_max_target_mirrors_the_path() {
        use AssessmentClass::*;
        // Lower is better: from 20 in 2020 to at most 10 in 2030; 15 expected in 2025.
        let t = target(2030, None, Some(10.0));
        let class = |v: f64| assess(Some(v), 2025, base(2020, 20.0), t).class;
        assert_eq!(class(9.0), Achieved);
        assert_eq!(class(15.0), OnTrack);
        assert_eq!(class(17.0), AtRisk);
        assert_eq!(class(19.0), OffTrack);
        assert_eq!(class(22.0), OffTrack);
    }

    #[test]
    fn a_range_is_met_inside_and_measured_against_the_bound_it_misses() {
        use AssessmentClass::*;
        let t = target(2030, Some(3.0), Some(5.0));
        assert_eq!(assess(Some(4.0), 2025, base(2020, 1.0), t).class, Achieved);
        // Below: towards 3 from 1, 2 expected in 2025.
        assert_eq!(assess(Some(2.0), 2025, base(2020, 1.0), t).class, OnTrack);
        assert_eq!(assess(Some(1.1), 2025, base(2020, 1.0), t).class, OffTrack);
        // Above: towards 5 from 9, 7 expected in 2025.
        assert_eq!(assess(Some(7.0), 2025, base(2020, 9.0), t).class, OnTrack);
        assert_eq!(assess(Some(8.5), 2025, base(2020, 9.0), t).class, OffTrack);
    }

    #[test]
    fn without_a_baseline_a_level_starts_from_its_first_value() {
        use AssessmentClass::*;
        let files = |v2024: f64| {
            vec![
                checked("A", 2023, vec![value_row(2, "SUM", 2.0)]),
                checked("A", 2024, vec![value_row(2, "SUM", v2024)]),
            ]
        };
        // First year: one point, no path. Before, the path was drawn from the value to
        // itself and the value sat on it: "on track" whatever it was.
        let first = run(2023, files(0.0));
        let sum = indicator_of(&first, "SUM");
        assert_eq!(sum.assessment.base, None);
        assert_eq!(
            (sum.assessment.class, sum.assessment.expected),
            (InsufficientData, None)
        );
        assert_eq!(sum.assessment.goal, base(2030, 10.0));
        assert_eq!(sum.assessment.measured, Some(2.0));
        // The second year draws the path from the first year's value.
        let second = run(2024, files(3.1));
        assert_eq!(
            indicator_of(&second, "SUM").assessment.base,
            base(2023, 2.0)
        );
        // From 2 in 2023 to 10 in 2030: 2 + 8/7 expected in 2024.
        let later = run(2024, files(3.1));
        assert_eq!(indicator_of(&later, "SUM").assessment.class, OnTrack);
        let later = run(2024, files(2.5));
        assert_eq!(indicator_of(&later, "SUM").assessment.class, OffTrack);
        let lower = run(2024, files(1.0));
        assert_eq!(indicator_of(&lower, "SUM").assessment.class, OffTrack);
    }

    #[test]
    fn one_point_is_no_path_unless_the_target_is_met() {
        use AssessmentClass::*;
        let t = target(2030, Some(45.0), None);
        let a = assess(Some(35.0), 2024, None, t);
        assert_eq!(
            (a.class, a.expected, a.ratio),
            (InsufficientData, None, None)
        );
        assert_eq!(a.goal, base(2030, 45.0));
        assert_eq!(assess(Some(46.0), 2024, None, t).class, Achieved);
        // A baseline later than the year is no point of this year's path either.
        assert_eq!(
            assess(Some(35.0), 2024, base(2026, 30.0), t).class,
            InsufficientData
        );
        assert_eq!(assess(None, 2024, None, t).class, NoData);
    }

    #[test]
    fn a_first_year_below_the_path_is_off_track() {
        assert_eq!(
            assess(
                Some(30.0),
                2020,
                base(2020, 35.0),
                target(2030, Some(45.0), None)
            )
            .class,
            AssessmentClass::OffTrack
        );
        assert_eq!(
            assess(
                Some(35.0),
                2020,
                base(2020, 35.0),
                target(2030, Some(45.0), None)
            )
            .class,
            AssessmentClass::OnTrack
        );
    }

    #[test]
    fn a_baseline_is_the_start_of_the_path() {
        let mut parts = parts();
        parts.indicators[1].baseline = Some(Baseline {
            year: 2022,
            value: 2.0,
        });
        let p = Plan::new(parts);
        let files = vec![checked("A", 2024, vec![value_row(2, "SUM", 4.0)])];
        let c = consolidate(&p, 2024, &files, &SubmissionDates::new());
        let sum = indicator_of(&c, "SUM");
        assert_eq!(sum.assessment.base, base(2022, 2.0));
        // 2 + 8 * 2/8 = 4 expected in 2024.
        assert_eq!(sum.assessment.expected, Some(4.0));
        assert_eq!(sum.assessment.class, AssessmentClass::OnTrack);
    }

    #[test]
    fn submissions_say_who_sent_on_time_and_when_nobody_knows() {
        let mut dates = SubmissionDates::new();
        dates.insert(
            "reports/2024/A.csv".into(),
            Ok(added(
                "2024-11-19T23:59:00+07:00",
                "2024-11-19T23:59:00+07:00",
            )),
        );
        // 23:30 on 19 November at UTC-12 is 18:30 on 20 November in Kon Tum: late,
        // although the author's own calendar said the 19th.
        dates.insert(
            "reports/2024/B.csv".into(),
            Ok(added(
                "2024-11-19T23:30:00-12:00",
                "2024-11-19T23:30:00-12:00",
            )),
        );
        dates.insert("reports/2024/C.csv".into(), Err(Unknown::Shallow));
        let files = vec![
            checked("A", 2024, Vec::new()),
            checked("B", 2024, Vec::new()),
            checked("C", 2024, Vec::new()),
        ];
        let c = consolidate(&plan(), 2024, &files, &dates);
        let standing: Vec<_> = c
            .units
            .iter()
            .map(|u| (u.code.as_str(), u.standing()))
            .collect();
        assert_eq!(
            standing,
            [
                ("A", Standing::OnTime),
                ("B", Standing::Late),
                ("C", Standing::DateUnknown),
                ("OLD", Standing::Missing),
            ]
        );
        assert_eq!(c.units[2].date_unknown, Some(Unknown::Shallow));
        assert_eq!(
            c.units[1].submitted_on,
            NaiveDate::from_ymd_opt(2024, 11, 20)
        );
    }

    fn added(author: &str, committer: &str) -> Added {
        Added {
            author: chrono::DateTime::parse_from_rfc3339(author).unwrap(),
            committer: chrono::DateTime::parse_from_rfc3339(committer).unwrap(),
        }
    }

    #[test]
    fn a_day_before_the_year_or_after_the_commit_is_doubtful() {
        let day = |author: &str, committer: &str| submission_day(&added(author, committer), 2024);
        let on = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            day("2024-11-15T08:00:00+07:00", "2024-11-16T08:00:00+07:00"),
            (on(2024, 11, 15), None)
        );
        assert_eq!(
            day("1970-01-01T00:00:00+00:00", "2024-11-16T08:00:00+07:00"),
            (on(1970, 1, 1), Some(Doubt::BeforeTheYear))
        );
        // 31 December 2023 at 20:00 UTC is already 1 January 2024 in Kon Tum.
        assert_eq!(
            day("2023-12-31T20:00:00+00:00", "2024-11-16T08:00:00+07:00"),
            (on(2024, 1, 1), None)
        );
        assert_eq!(
            day("2099-11-15T08:00:00+07:00", "2024-11-16T08:00:00+07:00"),
            (on(2099, 11, 15), Some(Doubt::AfterTheCommit))
        );
        let mut dates = SubmissionDates::new();
        dates.insert(
            "reports/2024/A.csv".into(),
            Ok(added(
                "1970-01-01T00:00:00+00:00",
                "2024-11-16T08:00:00+07:00",
            )),
        );
        let c = consolidate(&plan(), 2024, &[checked("A", 2024, Vec::new())], &dates);
        assert_eq!(c.units[0].standing(), Standing::DateDoubtful);
        assert_eq!(c.units[0].on_time, None);
    }

    mod order {
        use super::*;
        use proptest::prelude::*;

        fn any_status() -> impl Strategy<Value = Status> {
            prop_oneof![
                Just(Status::NotStarted),
                Just(Status::InProgress),
                Just(Status::Done),
                Just(Status::NotApplicable),
            ]
        }

        /// One unit's report for one year: a status for each task, a value for each
        /// indicator, each row maybe left out.
        fn any_report(unit: &'static str, year: i32) -> impl Strategy<Value = Checked> {
            let tasks = ["two", "group", "open", "dated", "merged"];
            let indicators = ["SINGLE", "SUM", "MEAN", "MAX", "FLOW"];
            (
                proptest::collection::vec(proptest::option::of(any_status()), tasks.len()),
                proptest::collection::vec(proptest::option::of(0u32..500), indicators.len()),
            )
                .prop_map(move |(statuses, values)| {
                    let mut rows = Vec::new();
                    for (i, status) in statuses.into_iter().enumerate() {
                        if let Some(status) = status {
                            rows.push(task_row(rows.len() + 2, tasks[i], status, "đã làm"));
                        }
                    }
                    for (i, value) in values.into_iter().enumerate() {
                        if let Some(value) = value {
                            rows.push(value_row(
                                rows.len() + 2,
                                indicators[i],
                                f64::from(value) / 4.0,
                            ));
                        }
                    }
                    checked(unit, year, rows)
                })
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

            /// However the files are found, the consolidated year is the same, to the byte.
            #[test]
            fn the_order_files_are_read_in_changes_nothing(
                files in (
                    any_report("A", 2023),
                    any_report("B", 2023),
                    any_report("A", 2024),
                    any_report("B", 2024),
                    any_report("C", 2024),
                ),
                order in Just((0..5).collect::<Vec<usize>>()).prop_shuffle(),
            ) {
                let files = vec![files.0, files.1, files.2, files.3, files.4];
                let shuffled: Vec<Checked> = order.iter().map(|&i| copy(&files[i])).collect();
                let expected = serde_json::to_string(&run(2024, files)).unwrap();
                let found = serde_json::to_string(&run(2024, shuffled)).unwrap();
                prop_assert_eq!(found, expected);
            }
        }
    }
}
