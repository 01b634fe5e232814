//! `ktplan tasks`, `ktplan units`, `ktplan indicators`: the plan, listed as a table,
//! JSON or CSV, with the assignments in force in one year (`--year`), optionally only
//! what one unit leads, supports or reports then.

use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use chrono::NaiveDate;

use crate::cli::{Global, ListArgs, ListFormat};
use crate::lang::{self, Lang};
use crate::model::{
    self, Baseline, Indicator, Kind, MeasureUnit, Plan, Role, Schedule, Target, Task, Unit,
    UnitKind,
};
use crate::numbers;
use crate::render;

/// One task as listed.
#[derive(Debug, Serialize)]
struct TaskRow<'a> {
    id: &'a str,
    section: &'a str,
    title: &'a str,
    text: &'a str,
    lead: Vec<&'a str>,
    support: Vec<&'a str>,
    schedule: Option<String>,
    #[serde(skip)]
    schedule_kind: Option<Schedule>,
    #[serde(skip)]
    schedule_words: String,
    /// True when any unit concerned may report on it (a `["*"]` group).
    open: bool,
    indicators: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<Role>,
}

/// One unit as listed.
#[derive(Debug, Serialize)]
struct UnitRow<'a> {
    code: &'a str,
    name: &'a str,
    kind: &'static str,
    since: Option<String>,
    until: Option<String>,
    #[serde(skip)]
    until_day: Option<NaiveDate>,
    #[serde(skip)]
    kind_of: UnitKind,
    successor: Option<&'a str>,
    reports: bool,
    leads: usize,
    supports: usize,
    indicators: usize,
}

/// One indicator as listed.
#[derive(Debug, Serialize)]
struct IndicatorRow<'a> {
    id: &'a str,
    name: &'a str,
    unit: &'a MeasureUnit,
    measure: crate::model::Measure,
    aggregate: crate::model::Aggregate,
    reporters: Vec<&'a str>,
    baseline: Option<Baseline>,
    targets: &'a [Target],
    target_text: Option<&'a str>,
}

/// `ktplan tasks`.
pub(crate) fn tasks(global: &Global, args: &ListArgs) -> Result<ExitCode> {
    let ws = super::workspace(global)?;
    let plan = ws.plan()?;
    let lang = ws.reading(&plan);
    let unit = selected_unit(&plan, args, lang)?;
    let year = selected_year(&plan, args, lang)?;
    let rows: Vec<TaskRow> = plan
        .tasks
        .iter()
        .filter_map(|task| {
            let role = unit.map(|u| plan.role(task, &u.code, year));
            match role {
                Some(None) => None,
                role => Some(task_row(&plan, task, year, role.flatten())),
            }
        })
        .collect();
    let header = match lang {
        Lang::Vi => ["Mã", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn"],
        Lang::En => ["id", "title", "lead", "support", "schedule"],
    };
    let cells = |r: &TaskRow| {
        let any = lang::any_unit(lang);
        let support = if r.open {
            let mut s = r.support.join(", ");
            if !s.is_empty() {
                s.push_str(", ");
            }
            s.push_str(any);
            s
        } else {
            r.support.join(", ")
        };
        let lead = if r.lead.is_empty() {
            any.to_string()
        } else {
            r.lead.join(", ")
        };
        vec![
            r.id.to_string(),
            r.title.to_string(),
            lead,
            support,
            r.schedule_words.clone(),
        ]
    };
    let rows: Vec<TaskRow> = rows
        .into_iter()
        .map(|mut r| {
            r.schedule_words = r
                .schedule_kind
                .map(|s| lang::schedule(lang, s))
                .unwrap_or_default();
            r
        })
        .collect();
    output(args, &header, &rows, cells)
}

/// `ktplan units`.
pub(crate) fn units(global: &Global, args: &ListArgs) -> Result<ExitCode> {
    let ws = super::workspace(global)?;
    let plan = ws.plan()?;
    let lang = ws.reading(&plan);
    let unit = selected_unit(&plan, args, lang)?;
    let year = selected_year(&plan, args, lang)?;
    let rows: Vec<UnitRow> = plan
        .units
        .iter()
        .filter(|u| unit.is_none_or(|only| only.code == u.code))
        .map(|u| unit_row(&plan, u, year))
        .collect();
    let header = match lang {
        Lang::Vi => [
            "Mã",
            "Cơ quan, đơn vị",
            "Loại",
            "Đến ngày",
            "Chủ trì",
            "Phối hợp",
            "Chỉ tiêu",
        ],
        Lang::En => [
            "code",
            "name",
            "kind",
            "until",
            "leads",
            "supports",
            "indicators",
        ],
    };
    let cells = |r: &UnitRow| {
        let mut until = r.until_day.map(|d| lang::date(lang, d)).unwrap_or_default();
        if let Some(next) = r.successor {
            until.push_str(&format!(" → {next}"));
        }
        vec![
            r.code.to_string(),
            if r.reports {
                r.name.to_string()
            } else {
                format!(
                    "{} ({})",
                    r.name,
                    lang.pick("không báo cáo", "does not report")
                )
            },
            lang::unit_kind(lang, r.kind_of).to_string(),
            until,
            r.leads.to_string(),
            r.supports.to_string(),
            r.indicators.to_string(),
        ]
    };
    output(args, &header, &rows, cells)
}

/// `ktplan indicators`.
pub(crate) fn indicators(global: &Global, args: &ListArgs) -> Result<ExitCode> {
    let ws = super::workspace(global)?;
    let plan = ws.plan()?;
    let lang = ws.reading(&plan);
    let unit = selected_unit(&plan, args, lang)?;
    let year = selected_year(&plan, args, lang)?;
    let rows: Vec<IndicatorRow> = plan
        .indicators
        .iter()
        .filter(|i| unit.is_none_or(|u| plan.reporters(i, year).iter().any(|r| r.code == u.code)))
        .map(|i| indicator_row(&plan, i, year))
        .collect();
    let header = match lang {
        Lang::Vi => [
            "Mã",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Cách tổng hợp",
            "Đơn vị báo cáo",
            "Mục tiêu",
        ],
        Lang::En => ["id", "name", "unit", "measure", "reporters", "targets"],
    };
    let cells = |r: &IndicatorRow| {
        let targets: Vec<String> = r
            .targets
            .iter()
            .map(|t| numbers::target_text(t, lang))
            .collect();
        vec![
            r.id.to_string(),
            r.name.to_string(),
            numbers::measure_unit(lang, r.unit),
            lang::measure(lang, r.measure, r.aggregate),
            r.reporters.join(", "),
            targets.join("; "),
        ]
    };
    output(args, &header, &rows, cells)
}

fn selected_unit<'a>(plan: &'a Plan, args: &ListArgs, lang: Lang) -> Result<Option<&'a Unit>> {
    match &args.unit {
        None => Ok(None),
        Some(code) => match plan.unit(code) {
            Some(unit) => Ok(Some(unit)),
            None => {
                let codes = plan
                    .units
                    .iter()
                    .map(|u| u.code.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                match lang {
                    Lang::Vi => {
                        bail!("\"{code}\" không phải là đơn vị của kế hoạch; các đơn vị: {codes}")
                    }
                    Lang::En => bail!("unknown unit \"{code}\"; the plan's units are: {codes}"),
                }
            }
        },
    }
}

/// The year asked for, or the current year brought inside the plan's period.
fn selected_year(plan: &Plan, args: &ListArgs, lang: Lang) -> Result<i32> {
    let year = args
        .year
        .unwrap_or_else(|| plan.clamp_year(model::current_year()));
    if !plan.covers(year) {
        let (start, end) = (plan.meta.start_year, plan.meta.end_year);
        match lang {
            Lang::Vi => bail!("năm {year} nằm ngoài thời kỳ của kế hoạch ({start}-{end})"),
            Lang::En => bail!("the year {year} lies outside the plan's period {start}-{end}"),
        }
    }
    Ok(year)
}

fn codes(units: Vec<&Unit>) -> Vec<&str> {
    units.into_iter().map(|u| u.code.as_str()).collect()
}

fn task_row<'a>(plan: &'a Plan, task: &'a Task, year: i32, role: Option<Role>) -> TaskRow<'a> {
    TaskRow {
        id: &task.id,
        section: &task.section,
        title: &task.title,
        text: &task.text,
        lead: codes(plan.leads(task, year)),
        support: codes(plan.supports(task, year)),
        schedule: task.schedule.map(super::super::model::Schedule::to_text),
        schedule_kind: task.schedule,
        schedule_words: String::new(),
        open: plan.is_open(Kind::Task, &task.id),
        indicators: &task.indicators,
        role,
    }
}

fn unit_row<'a>(plan: &'a Plan, unit: &'a Unit, year: i32) -> UnitRow<'a> {
    let duties = plan.duties(&unit.code, year);
    let roles: Vec<Role> = duties.tasks().map(|(_, role)| role).collect();
    UnitRow {
        code: &unit.code,
        name: &unit.name,
        kind: unit.kind.as_str(),
        since: unit.since.map(|d| d.to_string()),
        until: unit.until.map(|d| d.to_string()),
        until_day: unit.until,
        kind_of: unit.kind,
        successor: unit.successor.as_deref(),
        reports: unit.reports,
        leads: roles.iter().filter(|r| **r == Role::Lead).count(),
        supports: roles.iter().filter(|r| **r == Role::Support).count(),
        indicators: duties.indicators().count(),
    }
}

fn indicator_row<'a>(plan: &'a Plan, indicator: &'a Indicator, year: i32) -> IndicatorRow<'a> {
    IndicatorRow {
        id: &indicator.id,
        name: &indicator.name,
        unit: &indicator.unit,
        measure: indicator.measure,
        aggregate: indicator.aggregate,
        reporters: codes(plan.reporters(indicator, year)),
        baseline: indicator.baseline,
        targets: &indicator.targets,
        target_text: indicator.target_text.as_deref(),
    }
}

fn output<R: Serialize>(
    args: &ListArgs,
    header: &[&str],
    rows: &[R],
    cells: impl Fn(&R) -> Vec<String>,
) -> Result<ExitCode> {
    let text = match args.format {
        ListFormat::Json => {
            let mut json = serde_json::to_string_pretty(rows)?;
            json.push('\n');
            json
        }
        ListFormat::Csv => {
            render::csv::render(header, &rows.iter().map(&cells).collect::<Vec<_>>(), true)?
        }
        ListFormat::Table => render::table::render(
            header,
            &rows.iter().map(&cells).collect::<Vec<_>>(),
            render::table::terminal_width().filter(|_| args.output.is_none()),
        ),
    };
    crate::output::write(args.output.as_deref(), text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
