//! The two languages of everything a person reads: which one a run speaks, and the
//! words it uses outside diagnostics (whose sentences live in [`crate::diag::message`]).
//!
//! What a person reads follows `--lang`, else `KTPLAN_LANG`, else the plan's
//! `language`, else Vietnamese. What goes into the repository (a form, the canonical
//! file of `import`) follows `--lang` typed on that command line, else the plan's
//! `language`: the environment changes what a person reads, never what is committed.

use std::sync::atomic::{AtomicU8, Ordering};

use anyhow::{Result, bail};
use chrono::NaiveDate;

use crate::consolidate::{AssessmentClass, Standing, TaskStatus};
use crate::model::{Aggregate, Measure, Role, Schedule, Status, UnitKind};

pub mod notice;

pub use notice::Notice;

/// The language this run speaks to the person running it, once it is known: `0` while
/// not yet (Vietnamese then), else [`Lang`] as `1 + index`.
static SPOKEN: AtomicU8 = AtomicU8::new(0);

/// Sets the language of what this run says outside its outputs (errors, notes).
pub fn speak(lang: Lang) {
    let code = match lang {
        Lang::Vi => 1,
        Lang::En => 2,
    };
    SPOKEN.store(code, Ordering::Relaxed);
}

/// The language this run speaks: the one [`speak`] set, else Vietnamese.
pub fn spoken() -> Lang {
    match SPOKEN.load(Ordering::Relaxed) {
        2 => Lang::En,
        _ => Lang::Vi,
    }
}

/// A language ktplan speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Vietnamese: the language of the plan and of its users.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Vietnamese first.
    pub const ALL: [Lang; 2] = [Lang::Vi, Lang::En];

    /// The code written in plan.toml and on the command line: `vi`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The language a code names: `vi`, `en`, or a locale such as `vi_VN.UTF-8`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let base = code.split(['_', '-', '.']).next().unwrap_or("");
        match base {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The Vietnamese or the English of a pair of words.
    pub fn pick<T>(self, vi: T, en: T) -> T {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The languages a run was asked for, before the plan is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Choice {
    /// `--lang` typed on the command line.
    pub typed: Option<Lang>,
    /// `KTPLAN_LANG` in the environment.
    pub env: Option<Lang>,
}

impl Choice {
    /// The choice of a command line: `typed` and the environment's `KTPLAN_LANG`.
    pub fn new(typed: Option<Lang>) -> Result<Choice> {
        let env = match std::env::var("KTPLAN_LANG") {
            Ok(value) if value.trim().is_empty() => None,
            Ok(value) => match Lang::from_code(&value) {
                Some(lang) => Some(lang),
                None => bail!(
                    "KTPLAN_LANG=\"{value}\" không phải là ngôn ngữ ktplan dùng / names no language ktplan speaks: vi, en"
                ),
            },
            Err(_) => None,
        };
        Ok(Choice { typed, env })
    }

    /// The language of what a person reads, for a plan written in `plan`.
    pub fn reading(self, plan: Option<Lang>) -> Lang {
        self.typed.or(self.env).or(plan).unwrap_or_default()
    }

    /// The language of what goes into the repository, for a plan written in `plan`.
    pub fn committing(self, plan: Option<Lang>) -> Lang {
        self.typed.or(plan).unwrap_or_default()
    }
}

/// `1 lỗi` / `1 error`, `2 lỗi` / `2 errors`: Vietnamese nouns have no plural.
pub fn count(lang: Lang, n: usize, vi: &str, one: &str, many: &str) -> String {
    match lang {
        Lang::Vi => format!("{n} {vi}"),
        Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
    }
}

/// `có` / `yes`.
pub fn yes_no(lang: Lang, yes: bool) -> &'static str {
    match (lang, yes) {
        (Lang::Vi, true) => "có",
        (Lang::Vi, false) => "không",
        (Lang::En, true) => "yes",
        (Lang::En, false) => "no",
    }
}

/// A task's consolidated status, as a table or a report says it.
pub(crate) fn task_status(lang: Lang, status: TaskStatus) -> &'static str {
    match lang {
        Lang::Vi => status.vietnamese(),
        Lang::En => match status {
            TaskStatus::Missing => "no report from the lead",
            TaskStatus::NotApplicable => "not applicable",
            TaskStatus::Done => "done",
            TaskStatus::InProgress => "in progress",
            TaskStatus::NotStarted => "not started",
            TaskStatus::Overdue => "overdue",
            TaskStatus::NoReporter => "no reporter",
        },
    }
}

/// A status a unit gave on its row.
pub fn row_status(lang: Lang, status: Status) -> &'static str {
    match lang {
        Lang::Vi => status.vietnamese(),
        Lang::En => match status {
            Status::NotStarted => "not started",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::NotApplicable => "not applicable",
        },
    }
}

/// An indicator's assessment.
pub(crate) fn assessment(lang: Lang, class: AssessmentClass) -> &'static str {
    match lang {
        Lang::Vi => class.vietnamese(),
        Lang::En => match class {
            AssessmentClass::Achieved => "achieved",
            AssessmentClass::OnTrack => "on track",
            AssessmentClass::AtRisk => "at risk",
            AssessmentClass::OffTrack => "off track",
            AssessmentClass::NoData => "no data",
            AssessmentClass::NoTarget => "no target",
            AssessmentClass::InsufficientData => "insufficient data",
        },
    }
}

/// Where a submission stands: on time, late, date unknown, missing.
pub(crate) fn standing(lang: Lang, standing: Standing) -> &'static str {
    match (lang, standing) {
        (Lang::Vi, Standing::OnTime) => "Đúng hạn",
        (Lang::Vi, Standing::Late) => "Chậm",
        (Lang::Vi, Standing::DateUnknown) => "Không rõ ngày gửi",
        (Lang::Vi, Standing::DateDoubtful) => "Ngày gửi đáng ngờ",
        (Lang::Vi, Standing::Empty) => "Biểu mẫu để trống",
        (Lang::Vi, Standing::Missing) => "Chưa gửi",
        (Lang::En, Standing::OnTime) => "on time",
        (Lang::En, Standing::Late) => "late",
        (Lang::En, Standing::DateUnknown) => "date unknown",
        (Lang::En, Standing::DateDoubtful) => "doubtful",
        (Lang::En, Standing::Empty) => "empty",
        (Lang::En, Standing::Missing) => "missing",
    }
}

/// A unit's part in a task: chủ trì, phối hợp.
pub fn role(lang: Lang, role: Role) -> &'static str {
    match (lang, role) {
        (Lang::Vi, Role::Lead) => "chủ trì",
        (Lang::Vi, Role::Support) => "phối hợp",
        (Lang::En, Role::Lead) => "lead",
        (Lang::En, Role::Support) => "support",
    }
}

/// A `["*"]` group: any unit concerned may take part.
pub fn any_unit(lang: Lang) -> &'static str {
    lang.pick("các cơ quan, đơn vị có liên quan", "any unit concerned")
}

/// What kind of body a unit is.
pub fn unit_kind(lang: Lang, kind: UnitKind) -> &'static str {
    match (lang, kind) {
        (Lang::Vi, UnitKind::Department) => "sở, ban, ngành",
        (Lang::Vi, UnitKind::District) => "UBND cấp huyện",
        (Lang::Vi, UnitKind::Organization) => "tổ chức",
        (Lang::En, UnitKind::Department) => "department",
        (Lang::En, UnitKind::District) => "district",
        (Lang::En, UnitKind::Organization) => "organization",
    }
}

/// A task's schedule: `thường xuyên`, `2025`, `2024-2025`.
pub fn schedule(lang: Lang, schedule: Schedule) -> String {
    match schedule {
        Schedule::Recurring => lang.pick("thường xuyên", "recurring").into(),
        other => other.to_text(),
    }
}

/// How an indicator's values add up over the years and across units.
pub fn measure(lang: Lang, measure: Measure, aggregate: Aggregate) -> String {
    let over_years = match (lang, measure) {
        (Lang::Vi, Measure::Level) => "theo từng năm",
        (Lang::Vi, Measure::Flow) => "cộng dồn các năm",
        (Lang::En, Measure::Level) => "level",
        (Lang::En, Measure::Flow) => "flow",
    };
    let across_units = match (lang, aggregate) {
        (Lang::Vi, Aggregate::Single) => "một đơn vị báo cáo",
        (Lang::Vi, Aggregate::Sum) => "tổng các đơn vị",
        (Lang::Vi, Aggregate::Mean) => "trung bình các đơn vị",
        (Lang::Vi, Aggregate::Max) => "lớn nhất các đơn vị",
        (Lang::En, Aggregate::Single) => "single",
        (Lang::En, Aggregate::Sum) => "sum",
        (Lang::En, Aggregate::Mean) => "mean",
        (Lang::En, Aggregate::Max) => "max",
    };
    format!("{over_years}/{across_units}")
}

/// A day: `20/11/2024` in Vietnamese, `2024-11-20` in English.
pub fn date(lang: Lang, day: NaiveDate) -> String {
    match lang {
        Lang::Vi => day.format("%d/%m/%Y").to_string(),
        Lang::En => day.to_string(),
    }
}

/// A day as `--date` takes it: `05/02/2024` or `5/2/2024` as Vietnamese write it, or
/// `2024-02-05`; a clear refusal in `lang` otherwise.
pub fn parse_date(lang: Lang, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    let (parts, order): (Vec<&str>, [usize; 3]) = if text.contains('/') {
        (text.split('/').collect(), [2, 1, 0])
    } else {
        (text.split('-').collect(), [0, 1, 2])
    };
    let shaped = parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        && parts[order[0]].len() == 4
        && parts[order[1]].len() <= 2
        && parts[order[2]].len() <= 2;
    let day = shaped
        .then(|| {
            let number = |i: usize| parts[order[i]].parse::<u32>().ok();
            NaiveDate::from_ymd_opt(number(0)? as i32, number(1)?, number(2)?)
        })
        .flatten();
    match (day, lang) {
        (Some(day), _) => Ok(day),
        (None, Lang::Vi) => bail!(
            "--date \"{text}\" không phải là một ngày: hãy viết ngày/tháng/năm (05/02/2024 hoặc 5/2/2024) hoặc năm-tháng-ngày (2024-02-05)"
        ),
        (None, Lang::En) => bail!(
            "--date \"{text}\" is not a date: write day/month/year (05/02/2024 or 5/2/2024) or year-month-day (2024-02-05)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_locales_name_a_language() {
        assert_eq!(Lang::from_code("vi"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("vi_VN.UTF-8"), Some(Lang::Vi));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
    }

    #[test]
    fn dates_are_taken_as_vietnamese_write_them_or_as_iso() {
        let day = NaiveDate::from_ymd_opt(2024, 2, 5);
        for text in [
            "05/02/2024",
            "5/2/2024",
            "05/2/2024",
            "2024-02-05",
            " 5/2/2024 ",
        ] {
            assert_eq!(parse_date(Lang::Vi, text).ok(), day, "{text}");
        }
        for text in [
            "5/2/24",
            "32/13/2024",
            "2024/02/05",
            "5.2.2024",
            "",
            "05/02/2024/1",
            "+5/2/2024",
        ] {
            assert!(parse_date(Lang::En, text).is_err(), "{text}");
        }
        let refused = parse_date(Lang::Vi, "30/2/2024").unwrap_err().to_string();
        assert!(refused.contains("không phải là một ngày"), "{refused}");
    }

    #[test]
    fn the_environment_never_decides_what_is_committed() {
        let choice = Choice {
            typed: None,
            env: Some(Lang::En),
        };
        assert_eq!(choice.reading(Some(Lang::Vi)), Lang::En);
        assert_eq!(choice.committing(Some(Lang::Vi)), Lang::Vi);
        assert_eq!(choice.committing(None), Lang::Vi);
        let typed = Choice {
            typed: Some(Lang::En),
            env: Some(Lang::Vi),
        };
        assert_eq!(typed.reading(Some(Lang::Vi)), Lang::En);
        assert_eq!(typed.committing(Some(Lang::Vi)), Lang::En);
    }
}
