//! `ktplan status`: where a year stands, in three tables: each unit's submission
//! (expected, sent, on time, errors, warnings), each task's status, and each indicator
//! against its next target, with the base and expected values the assessment used.

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{Global, Lang, StatusArgs, StatusFormat};
use crate::cmd::list::target_text;
use crate::consolidate::{
    Assessment, AssessmentClass, Consolidation, Doubt, IndicatorResult, Standing, Submission,
    TaskResult, TaskStatus,
};
use crate::load::git::Unknown;
use crate::model::{Plan, Role};
use crate::render;
use crate::render::table::{Tone, Toned};
use crate::render::xlsx::{Cell, Sheet, Words};

/// What `status` shows: plain data, rendered by one function per form.
#[derive(Debug, Serialize)]
pub struct StatusData {
    /// The year.
    pub year: i32,
    /// Reports were due before this day.
    pub due_date: NaiveDate,
    /// One line per unit.
    pub units: Vec<UnitLine>,
    /// One line per task.
    pub tasks: Vec<TaskLine>,
    /// One line per indicator.
    pub indicators: Vec<IndicatorLine>,
    /// Rows left out of the year for errors.
    pub rows_with_errors: usize,
    /// Files of the year that could not be read as reports.
    pub files_with_errors: usize,
}

/// A unit's submission.
#[derive(Debug, Serialize)]
pub struct UnitLine {
    /// The unit code.
    pub code: String,
    /// Its name.
    pub name: Option<String>,
    /// Expected to report this year.
    pub expected: bool,
    /// Its file is there.
    pub submitted: bool,
    /// The file, as shown.
    pub file: Option<String>,
    /// When it was first committed, if known.
    pub submitted_on: Option<NaiveDate>,
    /// Why the date is not known.
    pub date_unknown: Option<Unknown>,
    /// Why the date is doubtful (never counted as on time).
    pub date_doubtful: Option<Doubt>,
    /// Sent before the due date (`null`: not known, or doubtful).
    pub on_time: Option<bool>,
    /// The file is a form nobody filled (W109): not counted as sent.
    pub empty: bool,
    /// On time, late, date unknown or missing.
    pub standing: Standing,
    /// Errors in its file.
    pub errors: usize,
    /// Warnings in its file.
    pub warnings: usize,
    /// Rows of its file left out for errors.
    pub rows_with_errors: usize,
}

/// A task's status.
#[derive(Debug, Serialize)]
pub struct TaskLine {
    /// The task id.
    pub id: String,
    /// Its short title.
    pub title: String,
    /// The units holding the lead this year.
    pub lead: Vec<String>,
    /// True when any unit concerned may lead it.
    pub open_lead: bool,
    /// The consolidated status.
    pub status: TaskStatus,
    /// The year it was done, when done in an earlier year.
    pub done_in: Option<i32>,
    /// The year it is due, if any.
    pub due_year: Option<i32>,
    /// How many lead units gave a row.
    pub lead_reports: usize,
    /// How many support units gave a row.
    pub support_reports: usize,
    /// Where the lead units' rows are (`reports/2024/STC.csv:7`).
    pub sources: Vec<String>,
}

/// An indicator against its next target.
#[derive(Debug, Serialize)]
pub struct IndicatorLine {
    /// The indicator id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit of measure.
    pub unit: String,
    /// This year's value.
    pub value: Option<f64>,
    /// For a flow, the sum over the plan's years so far.
    pub cumulative: Option<f64>,
    /// For a flow: the plan's years up to this one without a value, left out of the sum.
    pub years_without_value: Vec<i32>,
    /// True when several units gave a value to a `single` indicator.
    pub conflict: bool,
    /// The assessment, its target, base, expected value and ratio.
    #[serde(flatten)]
    pub assessment: Assessment,
    /// Where this year's values are (`reports/2024/STC.csv:7`).
    pub sources: Vec<String>,
}

/// Consolidates the year and prints where it stands; exit 0 even when rows had errors.
pub fn run(global: &Global, args: &StatusArgs) -> Result<ExitCode> {
    if args.format == StatusFormat::Xlsx && args.output.is_none() {
        bail!("a workbook is not text: give the file to write with -o FILE.xlsx");
    }
    let (plan, data) = super::consolidated(global, args.year)?;
    if let Some(code) = &args.unit
        && plan.unit(code).is_none()
        && !data.units.iter().any(|u| &u.code == code)
    {
        bail!("unknown unit \"{code}\"; `ktplan units` lists the plan's units");
    }
    let status = status_data(&plan, &data, args.unit.as_deref());
    let bytes = match args.format {
        StatusFormat::Json => {
            let mut json = serde_json::to_string_pretty(&status)?;
            json.push('\n');
            json.into_bytes()
        }
        StatusFormat::Csv => csv(&status)?.into_bytes(),
        StatusFormat::Md => markdown(&status).into_bytes(),
        StatusFormat::Table => table(
            &status,
            render::table::terminal_width(),
            super::color(global) && args.output.is_none(),
        )
        .into_bytes(),
        StatusFormat::Xlsx => xlsx(&status, Lang::Vi)?,
    };
    crate::output::write(args.output.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// The status of a consolidated year, optionally only what one unit has a part in.
pub fn status_data(plan: &Plan, data: &Consolidation, unit: Option<&str>) -> StatusData {
    let has_part = |task: &TaskResult| {
        unit.is_none_or(|u| {
            plan.task(&task.id)
                .is_some_and(|t| plan.role(t, u, data.year).is_some())
                || task.reports.iter().any(|r| r.unit == u)
        })
    };
    let reports = |indicator: &IndicatorResult| {
        unit.is_none_or(|u| {
            plan.indicators_of(u, data.year)
                .iter()
                .any(|i| i.id == indicator.id)
                || indicator.reports.iter().any(|r| r.unit == u)
        })
    };
    StatusData {
        year: data.year,
        due_date: data.due_date,
        units: data
            .units
            .iter()
            .filter(|s| unit.is_none_or(|u| s.code == u))
            .map(unit_line)
            .collect(),
        tasks: data
            .tasks
            .iter()
            .filter(|t| has_part(t))
            .map(|t| TaskLine {
                id: t.id.clone(),
                title: t.title.clone(),
                lead: t.lead.clone(),
                open_lead: t.open_lead,
                status: t.status,
                done_in: t.done_in,
                due_year: t.due_year,
                lead_reports: t.rows(Role::Lead).count(),
                support_reports: t.rows(Role::Support).count(),
                sources: t.rows(Role::Lead).map(|r| r.source.clone()).collect(),
            })
            .collect(),
        indicators: data
            .indicators
            .iter()
            .filter(|i| reports(i))
            .map(|i| IndicatorLine {
                id: i.id.clone(),
                name: i.name.clone(),
                unit: i.unit.clone(),
                value: i.value,
                cumulative: i.cumulative,
                years_without_value: i.years_without_value.clone(),
                conflict: i.conflict,
                assessment: i.assessment,
                sources: i.reports.iter().map(|r| r.source.clone()).collect(),
            })
            .collect(),
        rows_with_errors: data.rows_with_errors,
        files_with_errors: data.files_with_errors,
    }
}

fn unit_line(s: &Submission) -> UnitLine {
    UnitLine {
        code: s.code.clone(),
        name: s.name.clone(),
        expected: s.expected,
        submitted: s.submitted,
        file: s.file.clone(),
        submitted_on: s.submitted_on,
        date_unknown: s.date_unknown,
        date_doubtful: s.date_doubtful,
        on_time: s.on_time,
        empty: s.empty,
        standing: s.standing(),
        errors: s.errors,
        warnings: s.warnings,
        rows_with_errors: s.rows_with_errors,
    }
}

// ---- Cells, shared by every form ------------------------------------------------------

const UNIT_HEADER: [&str; 8] = [
    "unit", "name", "expected", "sent", "date", "on time", "errors", "warnings",
];
const TASK_HEADER: [&str; 6] = ["task", "title", "lead", "status", "leads", "support"];
const INDICATOR_HEADER: [&str; 5] = ["indicator", "value", "next target", "assessment", "why"];
/// CSV keeps the cumulative amount a number of its own, for spreadsheets.
const INDICATOR_CSV_HEADER: [&str; 6] = [
    "indicator",
    "value",
    "cumulative",
    "next target",
    "assessment",
    "why",
];

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

fn unit_cells(u: &UnitLine) -> Vec<Toned> {
    let date = match (u.submitted_on, u.date_unknown) {
        (Some(day), _) => day.to_string(),
        (None, Some(Unknown::NotCommitted)) if u.submitted => "not committed".into(),
        // Why is said once, under the summary: it is the same for every file.
        (None, Some(_)) if u.submitted => "unknown".into(),
        _ => String::new(),
    };
    let date = match u.date_doubtful {
        Some(doubt) => format!("{date} (doubtful: {})", doubt.english()),
        None => date,
    };
    let (on_time, tone) = match u.standing {
        Standing::OnTime => ("yes", Tone::Good),
        Standing::Late => ("late", Tone::Warn),
        Standing::DateUnknown => ("unknown", Tone::Quiet),
        Standing::DateDoubtful => ("doubtful", Tone::Warn),
        Standing::Empty => ("empty", Tone::Bad),
        Standing::Missing if u.expected => ("missing", Tone::Bad),
        Standing::Missing => ("", Tone::Quiet),
    };
    let count = |n: usize, tone: Tone| {
        if n == 0 {
            Toned::plain("0")
        } else {
            Toned::new(n.to_string(), tone)
        }
    };
    vec![
        Toned::plain(&u.code),
        Toned::plain(u.name.clone().unwrap_or_default()),
        Toned::plain(yes_no(u.expected)),
        Toned::plain(yes_no(u.submitted)),
        Toned::plain(date),
        Toned::new(on_time, tone),
        count(u.errors, Tone::Bad),
        count(u.warnings, Tone::Warn),
    ]
}

/// The tone of a task status.
pub fn task_tone(status: TaskStatus) -> Tone {
    match status {
        TaskStatus::Done => Tone::Good,
        TaskStatus::InProgress => Tone::Warn,
        TaskStatus::NotApplicable | TaskStatus::NoReporter => Tone::Quiet,
        TaskStatus::Missing | TaskStatus::NotStarted | TaskStatus::Overdue => Tone::Bad,
    }
}

fn lead_text(t: &TaskLine) -> String {
    match (t.lead.len(), t.open_lead) {
        (0, true) => "any unit".into(),
        (n, _) if n > 3 => format!("{}, … ({n} units)", t.lead[..2].join(", ")),
        (_, open) => {
            let mut text = t.lead.join(", ");
            if open {
                text.push_str(", any unit");
            }
            text
        }
    }
}

fn task_cells(t: &TaskLine) -> Vec<Toned> {
    let mut status = t.status.as_str().to_string();
    if let Some(year) = t.done_in {
        status.push_str(&format!(" ({year})"));
    } else if let (TaskStatus::Overdue, Some(due)) = (t.status, t.due_year) {
        status.push_str(&format!(" (due {due})"));
    }
    let leads = if t.open_lead && t.lead.is_empty() {
        t.lead_reports.to_string()
    } else {
        format!("{}/{}", t.lead_reports, t.lead.len())
    };
    vec![
        Toned::plain(&t.id),
        Toned::plain(&t.title),
        Toned::plain(lead_text(t)),
        Toned::new(status, task_tone(t.status)),
        Toned::plain(leads),
        Toned::plain(t.support_reports.to_string()),
    ]
}

/// The tone of an assessment.
pub fn assessment_tone(class: AssessmentClass) -> Tone {
    match class {
        AssessmentClass::Achieved | AssessmentClass::OnTrack => Tone::Good,
        AssessmentClass::AtRisk => Tone::Warn,
        AssessmentClass::OffTrack => Tone::Bad,
        AssessmentClass::NoData | AssessmentClass::NoTarget | AssessmentClass::InsufficientData => {
            Tone::Quiet
        }
    }
}

/// A number rounded to two decimals, without needless zeros.
pub fn short(value: f64) -> String {
    ((value * 100.0).round() / 100.0).to_string()
}

fn with_unit(value: f64, unit: &str) -> String {
    match unit {
        "%" => format!("{}%", short(value)),
        _ => short(value),
    }
}

/// Why an assessment is what it is: the two points of its path and the value the path
/// expects this year, with the ratio worked out, so that a reader can redo it; or why
/// there is no path.
pub fn assessment_why(year: i32, a: &Assessment) -> String {
    let path = match (a.base, a.goal, a.expected) {
        (Some(base), Some(goal), Some(expected)) => Some(format!(
            "path {} ({}) → {} ({}), {} expected in {year}",
            short(base.value),
            base.year,
            short(goal.value),
            goal.year,
            short(expected)
        )),
        _ => None,
    };
    let measured = a.measured.map(short).unwrap_or_default();
    match (a.class, path, a.target) {
        (AssessmentClass::NoTarget, ..) => format!("no target from {year} on"),
        (AssessmentClass::NoData, ..) => format!("no value for {year}"),
        (AssessmentClass::Achieved, _, Some(target)) => {
            format!("{measured} meets {}", target_text(&target))
        }
        (AssessmentClass::InsufficientData, ..) | (_, None, _) => {
            format!("one point ({measured}): no baseline, no value before {year}")
        }
        (_, Some(path), _) => match (a.base, a.expected, a.ratio) {
            (Some(base), Some(expected), Some(ratio)) => format!(
                "{path}; R = ({measured} − {b}) / ({e} − {b}) = {}",
                short(ratio),
                b = short(base.value),
                e = short(expected),
            ),
            (_, Some(expected), None) => {
                let side = if a.class == AssessmentClass::OnTrack {
                    "at or beyond"
                } else {
                    "short of"
                };
                format!("{path}; {measured} is {side} {}", short(expected))
            }
            _ => path,
        },
    }
}

fn indicator_csv_cells(year: i32, i: &IndicatorLine) -> Vec<Toned> {
    let mut cells = indicator_cells(year, i);
    cells[1] = Toned::plain(match (i.value, i.conflict) {
        (_, true) => "conflict (E012)".to_string(),
        (Some(v), _) => with_unit(v, &i.unit),
        (None, _) => String::new(),
    });
    cells.insert(2, Toned::plain(i.cumulative.map(short).unwrap_or_default()));
    cells
}

fn indicator_cells(year: i32, i: &IndicatorLine) -> Vec<Toned> {
    let a = &i.assessment;
    let value = match (i.value, i.conflict) {
        (_, true) => "conflict (E012)".to_string(),
        (Some(v), _) => with_unit(v, &i.unit),
        (None, _) => String::new(),
    };
    let value = match i.cumulative {
        Some(total) if i.years_without_value.is_empty() => {
            format!("{value}, cumulative {}", with_unit(total, &i.unit))
        }
        Some(total) => {
            let years: Vec<String> = i.years_without_value.iter().map(i32::to_string).collect();
            format!(
                "{value}, cumulative {} (without {}: no value)",
                with_unit(total, &i.unit),
                years.join(", ")
            )
        }
        None => value,
    };
    vec![
        Toned::plain(&i.id),
        Toned::plain(value),
        Toned::plain(a.target.as_ref().map(target_text).unwrap_or_default()),
        Toned::new(a.class.as_str(), assessment_tone(a.class)),
        Toned::plain(assessment_why(year, a)),
    ]
}

fn texts(rows: Vec<Vec<Toned>>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|row| row.into_iter().map(|c| c.text).collect())
        .collect()
}

fn summaries(s: &StatusData) -> [String; 3] {
    // Every count is over the units expected to report; others are listed apart.
    let expected: Vec<&UnitLine> = s.units.iter().filter(|u| u.expected).collect();
    let count = |standing: Standing| expected.iter().filter(|u| u.standing == standing).count();
    let sent = expected.iter().filter(|u| u.submitted && !u.empty).count();
    let on_time = count(Standing::OnTime);
    let unknown = count(Standing::DateUnknown);
    let mut units = format!(
        "Submissions {} (due before {}, UTC+7): {sent} of {} expected units sent, {on_time} on time",
        s.year,
        s.due_date,
        expected.len()
    );
    for (standing, words) in [
        (Standing::Late, "late"),
        (Standing::DateDoubtful, "on a doubtful date"),
        (Standing::Empty, "sent an empty form"),
        (Standing::Missing, "missing"),
    ] {
        if count(standing) > 0 {
            units.push_str(&format!(", {} {words}", count(standing)));
        }
    }
    let unexpected: Vec<&str> = s
        .units
        .iter()
        .filter(|u| !u.expected && u.submitted)
        .map(|u| u.code.as_str())
        .collect();
    if !unexpected.is_empty() {
        units.push_str(&format!(
            "\nalso sent by {} not expected to report: {}",
            crate::diag::plural(unexpected.len(), "unit", "units"),
            unexpected.join(", ")
        ));
    }
    if unknown > 0 {
        units.push_str(&format!("\n{unknown} sent on a date not known"));
        let mut reasons: Vec<Unknown> = s
            .units
            .iter()
            .filter(|u| u.submitted)
            .filter_map(|u| u.date_unknown)
            .collect();
        reasons.sort();
        reasons.dedup();
        let reasons: Vec<&str> = reasons.iter().map(|r| r.english()).collect();
        units.push_str(&format!(": {}", reasons.join(", ")));
    }
    if s.rows_with_errors + s.files_with_errors > 0 {
        units.push_str(&format!(
            "\n{} and {} with errors left out (`ktplan check` shows them)",
            crate::diag::plural(s.rows_with_errors, "row", "rows"),
            crate::diag::plural(s.files_with_errors, "file", "files")
        ));
    }
    let count = |status: TaskStatus| s.tasks.iter().filter(|t| t.status == status).count();
    let tasks = format!(
        "Tasks {}: {} done, {} in progress, {} not started, {} overdue, {} not applicable, {} missing",
        s.year,
        count(TaskStatus::Done),
        count(TaskStatus::InProgress),
        count(TaskStatus::NotStarted),
        count(TaskStatus::Overdue),
        count(TaskStatus::NotApplicable),
        count(TaskStatus::Missing),
    );
    let tasks = match count(TaskStatus::NoReporter) {
        0 => tasks,
        n => format!("{tasks}, {n} with no reporter (nobody is asked to report on them)"),
    };
    let on_track = s
        .indicators
        .iter()
        .filter(|i| {
            matches!(
                i.assessment.class,
                AssessmentClass::Achieved | AssessmentClass::OnTrack
            )
        })
        .count();
    let indicators = format!(
        "Indicators {}: {on_track} of {} achieved or on track",
        s.year,
        s.indicators.len()
    );
    [units, tasks, indicators]
}

// ---- Forms ---------------------------------------------------------------------------

/// Three aligned tables, each under a one-line summary.
pub fn table(s: &StatusData, width: u16, color: bool) -> String {
    let [units, tasks, indicators] = summaries(s);
    let tables = [
        (
            units,
            UNIT_HEADER.as_slice(),
            s.units.iter().map(unit_cells).collect::<Vec<_>>(),
        ),
        (
            tasks,
            TASK_HEADER.as_slice(),
            s.tasks.iter().map(task_cells).collect(),
        ),
        (
            indicators,
            INDICATOR_HEADER.as_slice(),
            s.indicators
                .iter()
                .map(|i| indicator_cells(s.year, i))
                .collect(),
        ),
    ];
    let mut out = String::new();
    for (i, (summary, header, rows)) in tables.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&summary);
        out.push('\n');
        // The indicators' assessment keyword stays whole.
        let (whole, roomy): (&[usize], _) = if i == 2 { (&[3], Some(4)) } else { (&[], None) };
        out.push_str(&render::table::render_toned_whole(
            header, &rows, width, color, whole, roomy,
        ));
    }
    out
}

/// Three Markdown tables under headings.
pub fn markdown(s: &StatusData) -> String {
    let [units, tasks, indicators] = summaries(s);
    let esc = |rows: Vec<Vec<Toned>>| -> Vec<Vec<String>> {
        texts(rows)
            .into_iter()
            .map(|row| row.iter().map(|c| render::markdown::escape(c)).collect())
            .collect()
    };
    let mut out = format!("# Status {}\n\n", s.year);
    out.push_str(&format!(
        "## Submissions\n\n{}\n\n",
        render::markdown::escape(&units)
    ));
    out.push_str(&render::markdown::table(
        &UNIT_HEADER,
        &esc(s.units.iter().map(unit_cells).collect()),
    ));
    out.push_str(&format!(
        "\n## Tasks\n\n{}\n\n",
        render::markdown::escape(&tasks)
    ));
    out.push_str(&render::markdown::table(
        &TASK_HEADER,
        &esc(s.tasks.iter().map(task_cells).collect()),
    ));
    out.push_str(&format!(
        "\n## Indicators\n\n{}\n\n",
        render::markdown::escape(&indicators)
    ));
    out.push_str(&render::markdown::table(
        &INDICATOR_HEADER,
        &esc(s
            .indicators
            .iter()
            .map(|i| indicator_cells(s.year, i))
            .collect()),
    ));
    out
}

/// The three tables as CSV, one after another, a blank line between them.
pub fn csv(s: &StatusData) -> Result<String> {
    let blocks = [
        render::csv::render(
            &UNIT_HEADER,
            &texts(s.units.iter().map(unit_cells).collect()),
            false,
        )?,
        render::csv::render(
            &TASK_HEADER,
            &texts(s.tasks.iter().map(task_cells).collect()),
            false,
        )?,
        render::csv::render(
            &INDICATOR_CSV_HEADER,
            &texts(
                s.indicators
                    .iter()
                    .map(|i| indicator_csv_cells(s.year, i))
                    .collect(),
            ),
            false,
        )?,
    ];
    Ok(blocks.join("\r\n"))
}

/// The three tables as a workbook, one sheet each, in `lang`: numbers as numbers, dates
/// as dates, and where each figure comes from in the last column.
pub fn xlsx(s: &StatusData, lang: Lang) -> Result<Vec<u8>> {
    use render::xlsx::header;
    let w = Words::of(lang);
    let vi = lang == Lang::Vi;
    let words = |code: &str, vietnamese: &str| -> String {
        if vi {
            vietnamese.to_string()
        } else {
            code.replace('_', " ")
        }
    };
    let count = |n: usize| Cell::Number(n as f64);
    let units = Sheet {
        name: w.units_sheet.into(),
        header: header(&w.units_header),
        rows: s
            .units
            .iter()
            .map(|u| {
                let standing = match u.standing {
                    Standing::OnTime => words("on_time", "Đúng hạn"),
                    Standing::Late => words("late", "Trễ hạn"),
                    Standing::DateUnknown => words("date_unknown", "Không rõ ngày gửi"),
                    Standing::DateDoubtful => words("date_doubtful", "Ngày gửi đáng ngờ"),
                    Standing::Empty => words("empty", "Biểu mẫu để trống"),
                    Standing::Missing if u.expected => words("missing", "Chưa gửi"),
                    Standing::Missing => String::new(),
                };
                vec![
                    Cell::text(&u.code),
                    Cell::text(u.name.clone().unwrap_or_default()),
                    Cell::text(w.yes_no(u.expected)),
                    Cell::text(w.yes_no(u.submitted)),
                    u.submitted_on.map_or(Cell::Empty, Cell::Date),
                    Cell::text(standing),
                    count(u.errors),
                    count(u.warnings),
                    count(u.rows_with_errors),
                    Cell::text(u.file.clone().unwrap_or_default()),
                ]
            })
            .collect(),
    };
    let tasks = Sheet {
        name: w.tasks_sheet.into(),
        header: header(&w.tasks_header),
        rows: s
            .tasks
            .iter()
            .map(|t| {
                vec![
                    Cell::text(&t.id),
                    Cell::text(&t.title),
                    Cell::text(lead_text(t)),
                    Cell::text(words(t.status.as_str(), t.status.vietnamese())),
                    t.done_in
                        .map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
                    t.due_year
                        .map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
                    count(t.lead_reports),
                    count(t.support_reports),
                    Cell::text(t.sources.join("; ")),
                ]
            })
            .collect(),
    };
    let indicators = Sheet {
        name: w.indicators_sheet.into(),
        header: header(&w.indicators_header),
        rows: s
            .indicators
            .iter()
            .map(|i| {
                let a = &i.assessment;
                let unit = i.unit.as_str();
                let target = a.target.as_ref();
                vec![
                    Cell::text(&i.id),
                    Cell::text(&i.name),
                    Cell::text(unit),
                    if i.conflict {
                        Cell::text("E012")
                    } else {
                        Cell::value(i.value, unit)
                    },
                    Cell::value(i.cumulative, unit),
                    target.map_or(Cell::Empty, |t| Cell::Number(f64::from(t.year))),
                    Cell::value(target.and_then(|t| t.min), unit),
                    Cell::value(target.and_then(|t| t.max), unit),
                    a.base
                        .map_or(Cell::Empty, |b| Cell::Number(f64::from(b.year))),
                    Cell::value(a.base.map(|b| b.value), unit),
                    Cell::value(a.expected, unit),
                    a.ratio
                        .map_or(Cell::Empty, |r| Cell::Number((r * 100.0).round() / 100.0)),
                    Cell::text(words(a.class.as_str(), a.class.vietnamese())),
                    count(i.sources.len()),
                    Cell::text(i.sources.join("; ")),
                ]
            })
            .collect(),
    };
    render::xlsx::workbook(
        &format!("{} {}", w.status_title, s.year),
        s.due_date,
        &[units, tasks, indicators],
    )
}
