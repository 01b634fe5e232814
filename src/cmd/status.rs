//! `ktplan status`: where a year stands, in three tables: each unit's submission
//! (expected, sent, on time, errors, warnings), each task's status, and each indicator
//! against its next target, with the base and expected values the assessment used.

use std::process::ExitCode;

use anyhow::{Result, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::cli::{Global, StatusArgs, StatusFormat, StatusTable};
use crate::consolidate::{
    Assessment, AssessmentClass, Consolidation, Detail, Doubt, IndicatorResult, KeepTexts,
    Standing, Submission, TaskResult, TaskStatus,
};
use crate::lang::{self, Lang};
use crate::load::git::Unknown;
use crate::model::{MeasureUnit, Plan, Role};
use crate::numbers;
use crate::numbers::{target_text, with_unit};
use crate::render;
use crate::render::table::{Tone, Toned};
use crate::render::xlsx::{Cell, Sheet, Words};

/// What `status` shows: plain data, rendered by one function per form.
#[derive(Debug, Serialize)]
pub(crate) struct StatusData {
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
pub(crate) struct UnitLine {
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
    /// The standing in the run's language.
    pub standing_text: &'static str,
    /// Errors in its file.
    pub errors: usize,
    /// Warnings in its file.
    pub warnings: usize,
    /// Rows of its file left out for errors.
    pub rows_with_errors: usize,
}

/// A task's status.
#[derive(Debug, Serialize)]
pub(crate) struct TaskLine {
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
    /// The status in the run's language.
    pub status_text: &'static str,
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
pub(crate) struct IndicatorLine {
    /// The indicator id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit of measure.
    pub unit: MeasureUnit,
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
    /// The assessment in the run's language.
    pub assessment_text: &'static str,
    /// Where this year's values are (`reports/2024/STC.csv:7`).
    pub sources: Vec<String>,
}

/// Consolidates the year and prints where it stands; exit 0 even when rows had errors.
pub(crate) fn run(global: &Global, args: &StatusArgs) -> Result<ExitCode> {
    if args.format == StatusFormat::Xlsx && args.output.is_none() {
        bail!(crate::lang::Notice::NotText {
            document: crate::lang::notice::Document::Workbook
        });
    }
    // Statuses, values and submissions: no text is kept, and of support rows only their
    // number (and the rows of the unit asked about).
    let want = super::Want {
        all_years: false,
        texts: KeepTexts::Dropped,
        detail: Detail::Leads {
            unit: args.unit.clone(),
        },
    };
    let mut done = super::consolidate_years(global, args.year, &want)?;
    let (plan, lang) = (done.plan, done.lang);
    let data = done
        .years
        .pop()
        .expect("the year asked for is consolidated");
    if let Some(code) = &args.unit
        && plan.unit(code).is_none()
        && !data.units.iter().any(|u| &u.code == code)
    {
        match lang {
            Lang::Vi => bail!(
                "\"{code}\" không phải là đơn vị của kế hoạch; `ktplan units` liệt kê các đơn vị"
            ),
            Lang::En => bail!("unknown unit \"{code}\"; `ktplan units` lists the plan's units"),
        }
    }
    let status = status_data(&plan, &data, args.unit.as_deref(), lang);
    let bytes = match args.format {
        StatusFormat::Json => {
            let mut json = serde_json::to_string_pretty(&status)?;
            json.push('\n');
            json.into_bytes()
        }
        StatusFormat::Csv => {
            csv(&status, args.table.unwrap_or(StatusTable::Units), lang)?.into_bytes()
        }
        StatusFormat::Md => markdown(&status, lang).into_bytes(),
        StatusFormat::Table => table(
            &status,
            render::table::terminal_width().filter(|_| args.output.is_none()),
            super::color(global) && args.output.is_none(),
            lang,
        )
        .into_bytes(),
        StatusFormat::Xlsx => xlsx(&status, lang)?,
    };
    crate::output::write(args.output.as_deref(), &bytes)?;
    Ok(ExitCode::SUCCESS)
}

/// The status of a consolidated year, optionally only what one unit has a part in.
pub(crate) fn status_data(
    plan: &Plan,
    data: &Consolidation,
    unit: Option<&str>,
    lang: Lang,
) -> StatusData {
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
            .map(|s| unit_line(s, lang))
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
                status_text: crate::lang::task_status(lang, t.status),
                done_in: t.done_in,
                due_year: t.due_year,
                lead_reports: t.rows(Role::Lead).count(),
                support_reports: t.support_rows,
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
                assessment_text: crate::lang::assessment(lang, i.assessment.class),
                sources: i.reports.iter().map(|r| r.source.clone()).collect(),
            })
            .collect(),
        rows_with_errors: data.rows_with_errors,
        files_with_errors: data.files_with_errors,
    }
}

fn unit_line(s: &Submission, lang: Lang) -> UnitLine {
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
        standing_text: crate::lang::standing(lang, s.standing()),
        errors: s.errors,
        warnings: s.warnings,
        rows_with_errors: s.rows_with_errors,
    }
}

// ---- Cells, shared by every form ------------------------------------------------------

/// The columns of each table, in a language.
struct Headers {
    units: [&'static str; 8],
    tasks: [&'static str; 6],
    indicators: [&'static str; 5],
    /// CSV keeps the cumulative amount a number of its own, for spreadsheets.
    indicators_csv: [&'static str; 6],
}

const VI_HEADERS: Headers = Headers {
    units: [
        "Mã",
        "Cơ quan, đơn vị",
        "Phải báo cáo",
        "Đã gửi",
        "Ngày gửi",
        "Đúng hạn",
        "Lỗi",
        "Cảnh báo",
    ],
    tasks: [
        "Mã",
        "Nhiệm vụ",
        "Chủ trì",
        "Tình trạng",
        "BC chủ trì",
        "BC phối hợp",
    ],
    indicators: [
        "Chỉ tiêu",
        "Giá trị",
        "Mục tiêu kế tiếp",
        "Đánh giá",
        "Căn cứ đánh giá",
    ],
    indicators_csv: [
        "Chỉ tiêu",
        "Giá trị",
        "Lũy kế",
        "Mục tiêu kế tiếp",
        "Đánh giá",
        "Căn cứ đánh giá",
    ],
};

const EN_HEADERS: Headers = Headers {
    units: [
        "unit", "name", "expected", "sent", "date", "on time", "errors", "warnings",
    ],
    tasks: ["task", "title", "lead", "status", "leads", "support"],
    indicators: ["indicator", "value", "next target", "assessment", "why"],
    indicators_csv: [
        "indicator",
        "value",
        "cumulative",
        "next target",
        "assessment",
        "why",
    ],
};

fn headers(lang: Lang) -> &'static Headers {
    lang.pick(&VI_HEADERS, &EN_HEADERS)
}

fn unit_cells(u: &UnitLine, lang: Lang) -> Vec<Toned> {
    let date = match (u.submitted_on, u.date_unknown) {
        (Some(day), _) => lang::date(lang, day),
        (None, Some(Unknown::NotCommitted)) if u.submitted => {
            lang.pick("chưa commit", "not committed").into()
        }
        // Why is said once, under the summary: it is the same for every file.
        (None, Some(_)) if u.submitted => lang.pick("không rõ", "unknown").into(),
        _ => String::new(),
    };
    let date = match u.date_doubtful {
        Some(doubt) => match lang {
            Lang::Vi => format!("{date} (đáng ngờ: {})", doubt.vietnamese()),
            Lang::En => format!("{date} (doubtful: {})", doubt.english()),
        },
        None => date,
    };
    let tone = match u.standing {
        Standing::OnTime => Tone::Good,
        Standing::Late | Standing::DateDoubtful => Tone::Warn,
        Standing::DateUnknown => Tone::Quiet,
        Standing::Empty => Tone::Bad,
        Standing::Missing if u.expected => Tone::Bad,
        Standing::Missing => Tone::Quiet,
    };
    let on_time = match u.standing {
        Standing::Missing if !u.expected => "",
        standing => lang::standing(lang, standing),
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
        Toned::plain(lang::yes_no(lang, u.expected)),
        Toned::plain(lang::yes_no(lang, u.submitted)),
        Toned::plain(date),
        Toned::new(on_time, tone),
        count(u.errors, Tone::Bad),
        count(u.warnings, Tone::Warn),
    ]
}

/// The tone of a task status.
pub(crate) fn task_tone(status: TaskStatus) -> Tone {
    match status {
        TaskStatus::Done => Tone::Good,
        TaskStatus::InProgress => Tone::Warn,
        TaskStatus::NotApplicable | TaskStatus::NoReporter => Tone::Quiet,
        TaskStatus::Missing | TaskStatus::NotStarted | TaskStatus::Overdue => Tone::Bad,
    }
}

fn lead_text(t: &TaskLine, lang: Lang) -> String {
    match (t.lead.len(), t.open_lead) {
        (0, true) => lang::any_unit(lang).into(),
        (n, _) if n > 3 => format!(
            "{}, … ({n} {})",
            t.lead[..2].join(", "),
            lang.pick("đơn vị", "units")
        ),
        (_, open) => {
            let mut text = t.lead.join(", ");
            if open {
                text.push_str(", ");
                text.push_str(lang::any_unit(lang));
            }
            text
        }
    }
}

fn task_cells(t: &TaskLine, lang: Lang) -> Vec<Toned> {
    let mut status = lang::task_status(lang, t.status).to_string();
    if let Some(year) = t.done_in {
        status.push_str(&format!(" ({year})"));
    } else if let (TaskStatus::Overdue, Some(due)) = (t.status, t.due_year) {
        status.push_str(&format!(" ({} {due})", lang.pick("hạn", "due")));
    }
    let leads = if t.open_lead && t.lead.is_empty() {
        t.lead_reports.to_string()
    } else {
        format!("{}/{}", t.lead_reports, t.lead.len())
    };
    vec![
        Toned::plain(&t.id),
        Toned::plain(&t.title),
        Toned::plain(lead_text(t, lang)),
        Toned::new(status, task_tone(t.status)),
        Toned::plain(leads),
        Toned::plain(t.support_reports.to_string()),
    ]
}

/// The tone of an assessment.
pub(crate) fn assessment_tone(class: AssessmentClass) -> Tone {
    match class {
        AssessmentClass::Achieved | AssessmentClass::OnTrack => Tone::Good,
        AssessmentClass::AtRisk => Tone::Warn,
        AssessmentClass::OffTrack => Tone::Bad,
        AssessmentClass::NoData | AssessmentClass::NoTarget | AssessmentClass::InsufficientData => {
            Tone::Quiet
        }
    }
}

/// Why an assessment is what it is: the two points of its path and the value the path
/// expects this year, with the ratio worked out, so that a reader can redo it; or why
/// there is no path.
pub(crate) fn assessment_why(year: i32, a: &Assessment, lang: Lang) -> String {
    let n = |v: f64| numbers::number(lang, v);
    let path = match (a.base, a.goal, a.expected) {
        (Some(base), Some(goal), Some(expected)) => Some(match lang {
            Lang::Vi => format!(
                "lộ trình {} ({}) → {} ({}), năm {year} cần đạt {}",
                n(base.value),
                base.year,
                n(goal.value),
                goal.year,
                n(expected)
            ),
            Lang::En => format!(
                "path {} ({}) → {} ({}), {} expected in {year}",
                n(base.value),
                base.year,
                n(goal.value),
                goal.year,
                n(expected)
            ),
        }),
        _ => None,
    };
    let measured = a.measured.map(n).unwrap_or_default();
    match (a.class, path, a.target) {
        (AssessmentClass::NoTarget, ..) => match lang {
            Lang::Vi => format!("không có mục tiêu từ năm {year} trở đi"),
            Lang::En => format!("no target from {year} on"),
        },
        (AssessmentClass::NoData, ..) => match lang {
            Lang::Vi => format!("chưa có số liệu năm {year}"),
            Lang::En => format!("no value for {year}"),
        },
        (AssessmentClass::Achieved, _, Some(target)) => match lang {
            Lang::Vi => format!("{measured} đạt mục tiêu {}", target_text(&target, lang)),
            Lang::En => format!("{measured} meets {}", target_text(&target, lang)),
        },
        (AssessmentClass::InsufficientData, ..) | (_, None, _) => match lang {
            Lang::Vi => format!(
                "một điểm số liệu ({measured}): không có số liệu cơ sở, không có số liệu trước năm {year}"
            ),
            Lang::En => format!("one point ({measured}): no baseline, no value before {year}"),
        },
        (_, Some(path), _) => match (a.base, a.expected, a.ratio) {
            (Some(base), Some(expected), Some(ratio)) => format!(
                "{path}; R = ({measured} − {b}) / ({e} − {b}) = {}",
                n(ratio),
                b = n(base.value),
                e = n(expected),
            ),
            (_, Some(expected), None) => {
                let side = match (a.class == AssessmentClass::OnTrack, lang) {
                    (true, Lang::Vi) => "đạt hoặc vượt",
                    (false, Lang::Vi) => "chưa đạt",
                    (true, Lang::En) => "is at or beyond",
                    (false, Lang::En) => "is short of",
                };
                format!("{path}; {measured} {side} {}", n(expected))
            }
            _ => path,
        },
    }
}

fn value_text(i: &IndicatorLine, lang: Lang) -> String {
    match (i.value, i.conflict) {
        (_, true) => lang.pick("xung đột (E012)", "conflict (E012)").to_string(),
        (Some(v), _) => with_unit(v, &i.unit, lang),
        (None, _) => String::new(),
    }
}

fn indicator_csv_cells(year: i32, i: &IndicatorLine, lang: Lang) -> Vec<Toned> {
    let mut cells = indicator_cells(year, i, lang);
    cells[1] = Toned::plain(value_text(i, lang));
    cells.insert(
        2,
        Toned::plain(
            i.cumulative
                .map(|v| numbers::number(lang, v))
                .unwrap_or_default(),
        ),
    );
    cells
}

fn indicator_cells(year: i32, i: &IndicatorLine, lang: Lang) -> Vec<Toned> {
    let a = &i.assessment;
    let value = value_text(i, lang);
    let cumulative = lang.pick("lũy kế", "cumulative");
    let value = match i.cumulative {
        Some(total) if i.years_without_value.is_empty() => {
            format!("{value}, {cumulative} {}", with_unit(total, &i.unit, lang))
        }
        Some(total) => {
            let years: Vec<String> = i.years_without_value.iter().map(i32::to_string).collect();
            let missing = match lang {
                Lang::Vi => format!("thiếu số liệu năm {}", years.join(", ")),
                Lang::En => format!("without {}: no value", years.join(", ")),
            };
            format!(
                "{value}, {cumulative} {} ({missing})",
                with_unit(total, &i.unit, lang),
            )
        }
        None => value,
    };
    vec![
        Toned::plain(&i.id),
        Toned::plain(value),
        Toned::plain(
            a.target
                .as_ref()
                .map(|t| target_text(t, lang))
                .unwrap_or_default(),
        ),
        Toned::new(lang::assessment(lang, a.class), assessment_tone(a.class)),
        Toned::plain(assessment_why(year, a, lang)),
    ]
}

fn texts(rows: Vec<Vec<Toned>>) -> Vec<Vec<String>> {
    rows.into_iter()
        .map(|row| row.into_iter().map(|c| c.text).collect())
        .collect()
}

fn summaries(s: &StatusData, lang: Lang) -> [String; 3] {
    [
        units_summary(s, lang),
        tasks_summary(s, lang),
        indicators_summary(s, lang),
    ]
}

/// How the expected units stand with their reports, then the lines that need a second look:
/// units that sent without being asked, dates not known, rows and files left out.
fn units_summary(s: &StatusData, lang: Lang) -> String {
    // Every count is over the units expected to report; others are listed apart.
    let expected: Vec<&UnitLine> = s.units.iter().filter(|u| u.expected).collect();
    let count = |standing: Standing| expected.iter().filter(|u| u.standing == standing).count();
    let sent = expected.iter().filter(|u| u.submitted && !u.empty).count();
    let on_time = count(Standing::OnTime);
    let unknown = count(Standing::DateUnknown);
    let due = lang::date(lang, s.due_date);
    let mut units = match lang {
        Lang::Vi => format!(
            "Tình hình gửi báo cáo năm {} (hạn trước ngày {due}, giờ Việt Nam): {sent}/{} đơn \
             vị phải báo cáo đã gửi, {on_time} đơn vị gửi đúng hạn",
            s.year,
            expected.len()
        ),
        Lang::En => format!(
            "Submissions {} (due before {due}, UTC+7): {sent} of {} expected units sent, \
             {on_time} on time",
            s.year,
            expected.len()
        ),
    };
    for (standing, vi, en) in [
        (Standing::Late, "gửi chậm", "late"),
        (
            Standing::DateDoubtful,
            "có ngày gửi đáng ngờ",
            "on a doubtful date",
        ),
        (
            Standing::Empty,
            "gửi biểu mẫu để trống",
            "sent an empty form",
        ),
        (Standing::Missing, "chưa gửi", "missing"),
    ] {
        if count(standing) > 0 {
            units.push_str(&format!(", {} {}", count(standing), lang.pick(vi, en)));
        }
    }
    units.push_str(&unexpected_line(s, lang));
    if unknown > 0 {
        units.push_str(&unknown_dates_line(s, lang, unknown));
    }
    if s.rows_with_errors + s.files_with_errors > 0 {
        let (rows, files) = (s.rows_with_errors, s.files_with_errors);
        units.push_str(&match lang {
            Lang::Vi => format!(
                "\n{rows} dòng và {files} tệp có lỗi không được tổng hợp (`ktplan check` cho biết chi tiết)"
            ),
            Lang::En => format!(
                "\n{} and {} with errors left out (`ktplan check` shows them)",
                crate::diag::plural(rows, "row", "rows"),
                crate::diag::plural(files, "file", "files")
            ),
        });
    }
    units
}

/// The units that sent a report though none was asked of them (empty when there are none).
fn unexpected_line(s: &StatusData, lang: Lang) -> String {
    let unexpected: Vec<&str> = s
        .units
        .iter()
        .filter(|u| !u.expected && u.submitted)
        .map(|u| u.code.as_str())
        .collect();
    if unexpected.is_empty() {
        return String::new();
    }
    match lang {
        Lang::Vi => format!(
            "\nđơn vị không phải báo cáo nhưng đã gửi ({}): {}",
            unexpected.len(),
            unexpected.join(", ")
        ),
        Lang::En => format!(
            "\nalso sent by {} not expected to report: {}",
            crate::diag::plural(unexpected.len(), "unit", "units"),
            unexpected.join(", ")
        ),
    }
}

/// How many units sent on a date not known, and why the dates are not known.
fn unknown_dates_line(s: &StatusData, lang: Lang, unknown: usize) -> String {
    let mut line = match lang {
        Lang::Vi => format!("\n{unknown} đơn vị đã gửi nhưng không rõ ngày gửi"),
        Lang::En => format!("\n{unknown} sent on a date not known"),
    };
    let mut reasons: Vec<Unknown> = s
        .units
        .iter()
        .filter(|u| u.submitted)
        .filter_map(|u| u.date_unknown)
        .collect();
    reasons.sort();
    reasons.dedup();
    let reasons: Vec<&str> = reasons
        .iter()
        .map(|r| lang.pick(r.vietnamese(), r.english()))
        .collect();
    line.push_str(&format!(": {}", reasons.join(", ")));
    line
}

/// Tasks counted by status in the year.
fn tasks_summary(s: &StatusData, lang: Lang) -> String {
    let count = |status: TaskStatus| s.tasks.iter().filter(|t| t.status == status).count();
    let counts = [
        TaskStatus::Done,
        TaskStatus::InProgress,
        TaskStatus::NotStarted,
        TaskStatus::Overdue,
        TaskStatus::NotApplicable,
        TaskStatus::Missing,
    ]
    .map(|status| {
        let words = match (lang, status) {
            (Lang::Vi, TaskStatus::Missing) => "chưa có báo cáo".to_string(),
            (Lang::Vi, status) => lowercase_first(lang::task_status(lang, status)),
            (Lang::En, TaskStatus::Missing) => "missing".to_string(),
            (Lang::En, status) => lang::task_status(lang, status).to_string(),
        };
        format!("{} {words}", count(status))
    });
    let tasks = match lang {
        Lang::Vi => format!("Nhiệm vụ năm {}: {}", s.year, counts.join(", ")),
        Lang::En => format!("Tasks {}: {}", s.year, counts.join(", ")),
    };
    match (count(TaskStatus::NoReporter), lang) {
        (0, _) => tasks,
        (n, Lang::Vi) => {
            format!("{tasks}, {n} không có đơn vị báo cáo (không đơn vị nào phải báo cáo)")
        }
        (n, Lang::En) => {
            format!("{tasks}, {n} with no reporter (nobody is asked to report on them)")
        }
    }
}

/// How many indicators achieved their target or are on track to.
fn indicators_summary(s: &StatusData, lang: Lang) -> String {
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
    match lang {
        Lang::Vi => format!(
            "Chỉ tiêu năm {}: {on_track}/{} chỉ tiêu đã đạt mục tiêu hoặc đúng lộ trình",
            s.year,
            s.indicators.len()
        ),
        Lang::En => format!(
            "Indicators {}: {on_track} of {} achieved or on track",
            s.year,
            s.indicators.len()
        ),
    }
}

/// `Đang thực hiện` as it reads inside a sentence: `đang thực hiện`.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---- Forms ---------------------------------------------------------------------------

/// Three aligned tables, each under a one-line summary.
pub(crate) fn table(s: &StatusData, width: Option<u16>, color: bool, lang: Lang) -> String {
    let [units, tasks, indicators] = summaries(s, lang);
    let h = headers(lang);
    let tables = [
        (
            units,
            h.units.as_slice(),
            s.units
                .iter()
                .map(|u| unit_cells(u, lang))
                .collect::<Vec<_>>(),
        ),
        (
            tasks,
            h.tasks.as_slice(),
            s.tasks.iter().map(|t| task_cells(t, lang)).collect(),
        ),
        (
            indicators,
            h.indicators.as_slice(),
            s.indicators
                .iter()
                .map(|i| indicator_cells(s.year, i, lang))
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
        // Short cells (yes/no, dates, counts) and the indicators' assessment stay whole,
        // so that the names and titles get the room.
        let (whole, roomy): (&[usize], _) = match i {
            0 => (&[2, 3, 4, 6, 7], None),
            1 => (&[4, 5], None),
            _ => (&[2, 3], Some(4)),
        };
        out.push_str(&render::table::render_toned_whole(
            header, &rows, width, color, whole, roomy,
        ));
    }
    out
}

/// Three Markdown tables under headings.
pub(crate) fn markdown(s: &StatusData, lang: Lang) -> String {
    let [units, tasks, indicators] = summaries(s, lang);
    let h = headers(lang);
    let esc = |rows: Vec<Vec<Toned>>| -> Vec<Vec<String>> {
        texts(rows)
            .into_iter()
            .map(|row| row.iter().map(|c| render::escape::markdown(c)).collect())
            .collect()
    };
    let [title, submissions, task_words, indicator_words] = match lang {
        Lang::Vi => [
            "Tình hình thực hiện năm",
            "Gửi báo cáo",
            "Nhiệm vụ",
            "Chỉ tiêu",
        ],
        Lang::En => ["Status", "Submissions", "Tasks", "Indicators"],
    };
    let mut out = format!("# {title} {}\n\n", s.year);
    out.push_str(&format!(
        "## {submissions}\n\n{}\n\n",
        render::escape::markdown(&units)
    ));
    out.push_str(&render::markdown::table(
        &h.units,
        &esc(s.units.iter().map(|u| unit_cells(u, lang)).collect()),
    ));
    out.push_str(&format!(
        "\n## {task_words}\n\n{}\n\n",
        render::escape::markdown(&tasks)
    ));
    out.push_str(&render::markdown::table(
        &h.tasks,
        &esc(s.tasks.iter().map(|t| task_cells(t, lang)).collect()),
    ));
    out.push_str(&format!(
        "\n## {indicator_words}\n\n{}\n\n",
        render::escape::markdown(&indicators)
    ));
    out.push_str(&render::markdown::table(
        &h.indicators,
        &esc(s
            .indicators
            .iter()
            .map(|i| indicator_cells(s.year, i, lang))
            .collect()),
    ));
    out
}

/// One of the three tables as CSV (SPEC section 6: one table per file).
pub(crate) fn csv(s: &StatusData, table: StatusTable, lang: Lang) -> Result<String> {
    let h = headers(lang);
    match table {
        StatusTable::Units => render::csv::render(
            &h.units,
            &texts(s.units.iter().map(|u| unit_cells(u, lang)).collect()),
            true,
        ),
        StatusTable::Tasks => render::csv::render(
            &h.tasks,
            &texts(s.tasks.iter().map(|t| task_cells(t, lang)).collect()),
            true,
        ),
        StatusTable::Indicators => render::csv::render(
            &h.indicators_csv,
            &texts(
                s.indicators
                    .iter()
                    .map(|i| indicator_csv_cells(s.year, i, lang))
                    .collect(),
            ),
            true,
        ),
    }
}

/// The three tables as a workbook, one sheet each, in `lang`: numbers as numbers, dates
/// as dates, and where each figure comes from in the last column.
pub(crate) fn xlsx(s: &StatusData, lang: Lang) -> Result<Vec<u8>> {
    use render::xlsx::header;
    let w = Words::of(lang);
    let units = Sheet {
        name: w.units_sheet.into(),
        header: header(&w.units_header),
        rows: s.units.iter().map(|u| unit_xlsx_cells(u, lang)).collect(),
    };
    let tasks = Sheet {
        name: w.tasks_sheet.into(),
        header: header(&w.tasks_header),
        rows: s.tasks.iter().map(|t| task_xlsx_cells(t, lang)).collect(),
    };
    let indicators = Sheet {
        name: w.indicators_sheet.into(),
        header: header(&w.indicators_header),
        rows: s
            .indicators
            .iter()
            .map(|i| indicator_xlsx_cells(i, lang))
            .collect(),
    };
    render::xlsx::workbook(
        &format!("{} {}", w.status_title, s.year),
        s.due_date,
        &[units, tasks, indicators],
    )
}

/// A count as a workbook number.
fn count_cell(n: usize) -> Cell {
    Cell::Number(n as f64)
}

/// A unit's row of the workbook's units sheet.
fn unit_xlsx_cells(u: &UnitLine, lang: Lang) -> Vec<Cell> {
    let w = Words::of(lang);
    let standing = match u.standing {
        Standing::Missing if !u.expected => "",
        standing => lang::standing(lang, standing),
    };
    vec![
        Cell::text(&u.code),
        Cell::text(u.name.clone().unwrap_or_default()),
        Cell::text(w.yes_no(u.expected)),
        Cell::text(w.yes_no(u.submitted)),
        u.submitted_on.map_or(Cell::Empty, Cell::Date),
        Cell::text(standing),
        count_cell(u.errors),
        count_cell(u.warnings),
        count_cell(u.rows_with_errors),
        Cell::text(u.file.clone().unwrap_or_default()),
    ]
}

/// A task's row of the workbook's tasks sheet.
fn task_xlsx_cells(t: &TaskLine, lang: Lang) -> Vec<Cell> {
    vec![
        Cell::text(&t.id),
        Cell::text(&t.title),
        Cell::text(lead_text(t, lang)),
        Cell::text(lang::task_status(lang, t.status)),
        t.done_in
            .map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
        t.due_year
            .map_or(Cell::Empty, |y| Cell::Number(f64::from(y))),
        count_cell(t.lead_reports),
        count_cell(t.support_reports),
        Cell::text(t.sources.join("; ")),
    ]
}

/// An indicator's row of the workbook's indicators sheet: values in the indicator's
/// unit (a percentage as a percentage), E012 in place of a conflicting value.
fn indicator_xlsx_cells(i: &IndicatorLine, lang: Lang) -> Vec<Cell> {
    let a = &i.assessment;
    let unit = &i.unit;
    let target = a.target.as_ref();
    vec![
        Cell::text(&i.id),
        Cell::text(&i.name),
        Cell::text(unit.as_str()),
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
        Cell::text(lang::assessment(lang, a.class)),
        count_cell(i.sources.len()),
        Cell::text(i.sources.join("; ")),
    ]
}
