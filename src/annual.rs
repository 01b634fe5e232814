//! The consolidated annual report (SPEC section 8) as plain data, in Vietnamese: the
//! header of an administrative report (Decree 30/2020/NĐ-CP), I. results task by task,
//! II. indicators against their targets, III. general assessment and difficulties,
//! IV. proposals by unit, the signature block, and the annexes. Every sentence is
//! composed here, once; the Markdown, HTML and JSON forms only lay it out and escape it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::consolidate::{
    Assessment, AssessmentClass, Consolidation, IndicatorResult, Standing, Submission, TaskReport,
    TaskResult, TaskStatus, YearPoint, YearValue,
};
use crate::lang::{self, Lang};
use crate::model::{Measure, MeasureUnit, Plan, ReportKeys, Role, Status, Target};
use crate::numbers::{number_words, target_words, value_words};

pub(crate) mod words;

use words::Phrase;

/// With more support rows than this on one task, section I counts them and the annex
/// lists them (a national roll-up would otherwise print thousands of paragraphs).
pub(crate) const SUPPORT_SUMMARY_THRESHOLD: usize = 30;

/// What the command line adds to the data: the report's language, number and date.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// The language of every word the report sets around the plan's data.
    pub lang: Lang,
    /// The number, for "Số: N/BC-...".
    pub number: Option<String>,
    /// The date of the report.
    pub date: Option<NaiveDate>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AnnualReport {
    /// The language of its words (not in the JSON: a script reads the codes).
    #[serde(skip)]
    pub lang: Lang,
    /// The plan's number.
    pub plan: String,
    /// The year reported on.
    pub year: i32,
    /// The header block.
    pub header: Header,
    /// "BÁO CÁO".
    pub title: String,
    /// "Kết quả triển khai thực hiện Kế hoạch số ... năm ...".
    pub subtitle: String,
    /// The opening paragraphs.
    pub introduction: Vec<String>,
    /// I. Results, task by task.
    pub results: Chapter<ResultPart>,
    /// II. Indicators against their targets.
    pub indicators: Chapter<IndicatorEntry>,
    /// III. General assessment.
    pub assessment: AssessmentChapter,
    /// IV. Proposals, grouped by the unit that made them.
    pub proposals: Chapter<UnitProposals>,
    /// The closing sentence: `Trên đây là báo cáo ... ./.`
    pub closing: String,
    /// The signature block and "Nơi nhận".
    pub signature: Signature,
    /// The annexes.
    pub annexes: Vec<Annex>,
}

impl AnnualReport {
    /// Section II's table: each indicator's value, cumulative amount, targets and
    /// assessment on one row.
    pub(crate) fn indicator_table(&self) -> AnnexTable {
        AnnexTable {
            caption: None,
            header: words::columns(self.lang, Phrase::IndicatorColumns { year: self.year }),
            rows: self
                .indicators
                .items
                .iter()
                .enumerate()
                .map(|(n, i)| {
                    vec![
                        (n + 1).to_string(),
                        i.name.clone(),
                        i.unit_text.clone(),
                        i.value_text.clone(),
                        i.cumulative_text.clone().unwrap_or_default(),
                        i.targets_text.clone(),
                        format!("{} ({})", i.assessment_text, i.basis_text),
                    ]
                })
                .collect(),
        }
    }
}

/// The header block of an administrative document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Header {
    /// The line above the issuing body, in capitals (e.g. `UBND TỈNH KON TUM`).
    pub issuer_parent: Option<String>,
    /// The issuing body (the coordinator), in capitals.
    pub issuer: String,
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`.
    pub motto: String,
    /// `Độc lập - Tự do - Hạnh phúc`.
    pub motto_line: String,
    /// `Số: 12/BC-SKHCN`, or with the number left blank.
    pub number: String,
    /// `Kon Tum, ngày 05 tháng 02 năm 2024`, or with the date left to fill in.
    pub place_date: String,
}

/// A numbered chapter: its heading, and what is under it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Chapter<T> {
    /// E.g. `I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ`.
    pub heading: String,
    /// Paragraphs before the items.
    pub paragraphs: Vec<String>,
    /// The items.
    pub items: Vec<T>,
}

/// The tasks under one top-level section of the plan (e.g. its section III).
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResultPart {
    /// The part's heading.
    pub heading: String,
    /// The plan's items in this part, each with its tasks.
    pub items: Vec<ResultItem>,
}

/// One item of the plan (e.g. III.3) and its tasks.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ResultItem {
    /// `3. Thu hút, sử dụng ...`.
    pub heading: String,
    /// The tasks.
    pub tasks: Vec<TaskEntry>,
}

/// One task's results.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TaskEntry {
    /// The task id.
    pub id: String,
    /// `Nhiệm vụ 3.1. Bảo đảm chi ...`.
    pub heading: String,
    /// `Chủ trì: Sở Tài chính. Tình trạng: Đang thực hiện.`
    pub summary: String,
    /// The consolidated status.
    pub status: TaskStatus,
    /// The lead units' results.
    pub lead: Vec<Contribution>,
    /// Lead units that reported nothing arose this year, without other words.
    pub lead_not_applicable: Vec<String>,
    /// The support units' contributions, attributed.
    pub support: Vec<Contribution>,
    /// Support units that reported nothing arose this year, without other words.
    pub support_not_applicable: Vec<String>,
    /// When the support rows are many: the sentence that counts them instead.
    pub support_summary: Option<String>,
}

/// One unit's words on a task or indicator.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Contribution {
    /// The unit code.
    pub unit: String,
    /// `Sở Tài chính`.
    pub unit_name: String,
    /// What the unit says, attributed: `Sở Tài chính (Đang thực hiện): ...`.
    pub text: String,
    /// `file:line`.
    pub source: String,
}

/// One indicator against its targets.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct IndicatorEntry {
    /// The language of its words.
    #[serde(skip)]
    pub lang: Lang,
    /// The indicator id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The caption under its chart: `Biểu đồ 1 (%): giá trị qua các năm và mục tiêu`.
    pub chart_caption: String,
    /// Its unit of measure, as the plan writes it (`%`, `count`, ...).
    pub unit: MeasureUnit,
    /// Its unit of measure, as the report's tables write it.
    pub unit_text: String,
    /// Level or flow.
    pub measure: Measure,
    /// This year's value, written out (`37%`, `chưa có số liệu`).
    pub value_text: String,
    /// For a flow, the cumulative amount written out.
    pub cumulative_text: Option<String>,
    /// The targets written out (`40% năm 2025; 45% năm 2030`).
    pub targets_text: String,
    /// The plan's own words for the targets.
    pub plan_words: Option<String>,
    /// The compared value over the years: `Qua các năm: 2023: 35%; 2024: 37%.`
    pub history_text: String,
    /// The assessment in words.
    pub assessment_text: String,
    /// The two points of the assessment's path and the value it expects this year, or why
    /// there is no path, in a few words for the indicators' table.
    pub basis_text: String,
    /// How the assessment was reached: base, expected, target, ratio, in full sentences.
    pub explanation: String,
    /// The assessment and its numbers.
    pub assessment: Assessment,
    /// The compared value over the plan's years up to this one, for the chart.
    pub history: Vec<YearValue>,
    /// Every target, for the chart.
    pub targets: Vec<Target>,
    /// The start of the path, for the chart.
    pub base: Option<YearPoint>,
    /// The last year of the plan, for the chart's axis.
    pub end_year: i32,
    /// The reporting units' rows.
    pub sources: Vec<String>,
}

/// III. General assessment.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AssessmentChapter {
    /// `III. ĐÁNH GIÁ CHUNG`.
    pub heading: String,
    /// What was achieved, in numbers.
    pub summary: Vec<String>,
    /// `Khó khăn, vướng mắc`.
    pub difficulties_heading: String,
    /// The difficulties, grouped by the plan's item they were met in.
    pub difficulties: Vec<TextGroup>,
}

/// Texts under a heading, each attributed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TextGroup {
    /// The group's heading.
    pub heading: String,
    /// The texts, the same text from several units once.
    pub entries: Vec<Attributed>,
}

/// A text and who wrote it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Attributed {
    /// The text as the unit wrote it.
    pub text: String,
    /// `Sở Tài chính, nhiệm vụ 3.1`.
    pub by: String,
    /// Where it was written.
    pub sources: Vec<String>,
}

/// One unit's proposals.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct UnitProposals {
    /// The unit code.
    pub unit: String,
    /// `1. Sở Tài chính`.
    pub heading: String,
    /// Its proposals, each with the task or indicator it concerns.
    pub entries: Vec<Attributed>,
}

/// The signature block.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Signature {
    /// `Nơi nhận:`.
    pub recipients_heading: String,
    /// `- UBND tỉnh (b/c);` ... `- Lưu: VT.`
    pub recipients: Vec<String>,
    /// The head's title: `GIÁM ĐỐC`.
    pub signer_title: String,
    /// The deputy's title when a deputy signs: `PHÓ GIÁM ĐỐC`.
    pub deputy_title: Option<String>,
    /// The lines above the space for the signature, in capitals: `GIÁM ĐỐC`, or
    /// `KT. GIÁM ĐỐC` and `PHÓ GIÁM ĐỐC` when a deputy signs (Decree 30/2020/NĐ-CP).
    pub authority: Vec<String>,
    /// The name under the space for the signature.
    pub signer_name: Option<String>,
}

impl Signature {
    /// The block of a report signed by the head, or by a deputy on the head's behalf.
    pub(crate) fn new(
        lang: Lang,
        recipients: Vec<String>,
        signer_title: Option<&str>,
        deputy_title: Option<&str>,
        signer_name: Option<&str>,
    ) -> Signature {
        let signer_title = signer_title
            .map_or_else(|| Phrase::DefaultSigner.say(lang), String::from)
            .trim()
            .to_uppercase();
        let deputy_title = deputy_title.map(|d| d.trim().to_uppercase());
        let authority = match &deputy_title {
            Some(deputy) => vec![
                Phrase::OnBehalfOf {
                    title: &signer_title,
                }
                .say(lang),
                deputy.clone(),
            ],
            None => vec![signer_title.clone()],
        };
        Signature {
            recipients_heading: Phrase::RecipientsHeading.say(lang),
            recipients,
            signer_title,
            deputy_title,
            authority,
            signer_name: signer_name.map(|n| n.trim().to_string()),
        }
    }
}

/// An annex: a heading, paragraphs, and tables.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Annex {
    /// `PHỤ LỤC 1`.
    pub label: String,
    /// Its title.
    pub title: String,
    /// `(Kèm theo Báo cáo số .../BC-SKHCN ...)`.
    pub attached_to: String,
    /// Paragraphs before the tables.
    pub paragraphs: Vec<String>,
    /// The tables.
    pub tables: Vec<AnnexTable>,
}

/// A table in an annex.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct AnnexTable {
    /// A caption, if any.
    pub caption: Option<String>,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

// ---- Words -----------------------------------------------------------------------------

/// The few words every form of the report sets around the data, in the report's language.
pub(crate) mod label {
    use super::{Lang, Phrase};

    /// Before the support units' contributions to a task.
    pub(crate) fn support(lang: Lang) -> String {
        Phrase::SupportLabel.say(lang)
    }
    /// Where no unit named a difficulty.
    pub(crate) fn no_difficulties(lang: Lang) -> String {
        Phrase::NoDifficulties.say(lang)
    }
    /// Before an indicator's assessment.
    pub(crate) fn assessment(lang: Lang) -> String {
        Phrase::AssessmentLabel.say(lang)
    }
    /// Before the plan's own words for an indicator's targets.
    pub(crate) fn plan_target(lang: Lang) -> String {
        Phrase::PlanTargetLabel.say(lang)
    }
}

/// A date as the report writes it: `ngày 05 tháng 02 năm 2024` as Decree 30/2020/NĐ-CP
/// says (a leading zero for days 1-9 and months 1-2), `5 February 2024` in English.
pub(crate) fn date_words(lang: Lang, date: NaiveDate) -> String {
    Phrase::Date { date }.say(lang)
}

/// `Không phát sinh trong năm: Sở Tài chính; Sở Xây dựng.`
pub(crate) fn not_applicable_words(lang: Lang, units: &[String]) -> String {
    Phrase::NotApplicableUnits {
        units: &units.join("; "),
    }
    .say(lang)
}

/// A sentence ends with one full stop.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', ':', ';']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

// ---- Building ----------------------------------------------------------------------------

/// Composes the report of a consolidated year.
pub(crate) fn build(plan: &Plan, data: &Consolidation, options: &Options) -> AnnualReport {
    compose(plan, data, options, Vec::new())
}

/// [`build`] from a consolidation the caller is done with: the results of the support
/// units that the annex lists (a national roll-up has a hundred thousand of them) move
/// into it rather than being copied.
pub(crate) fn build_from(plan: &Plan, mut data: Consolidation, options: &Options) -> AnnualReport {
    let results = data
        .tasks
        .iter_mut()
        .map(|t| {
            if t.rows(Role::Support).count() > SUPPORT_SUMMARY_THRESHOLD {
                t.reports
                    .iter_mut()
                    .filter(|r| r.role == Role::Support)
                    .map(|r| std::mem::take(&mut r.result))
                    .collect()
            } else {
                Vec::new()
            }
        })
        .collect();
    compose(plan, &data, options, results)
}

/// [`build`], with `results[task]` the results taken out of a task's support rows (in
/// their order) when its support rows are many, for the annex that lists them.
fn compose(
    plan: &Plan,
    data: &Consolidation,
    options: &Options,
    results: Vec<Vec<String>>,
) -> AnnualReport {
    let lang = options.lang;
    let coordinator = plan
        .unit(&plan.meta.coordinator)
        .map_or(plan.meta.coordinator.clone(), |u| u.name.clone());
    let number = options.number.as_deref().map(str::trim);
    let date = match options.date {
        Some(date) => date_words(lang, date),
        None => Phrase::BlankDate.say(lang),
    };
    // The header in force when the report is issued: on its date, else on the day the
    // year's reports are due.
    let settings = plan
        .report
        .in_force_on(options.date.unwrap_or_else(|| plan.due_date(data.year)));
    let names = UnitNames { plan, lang };
    let attached_to = Phrase::AttachedTo {
        number,
        coordinator: &plan.meta.coordinator,
        date: &date,
        name: &coordinator,
    }
    .say(lang);
    AnnualReport {
        lang,
        plan: plan.meta.id.clone(),
        year: data.year,
        header: header(plan, &settings, &coordinator, number, &date, lang),
        title: Phrase::Title.say(lang),
        subtitle: Phrase::Subtitle {
            plan: &plan.meta.id,
            year: data.year,
        }
        .say(lang),
        introduction: introduction(plan, data, &coordinator, lang),
        results: results_chapter(plan, data, &names),
        indicators: indicators_chapter(plan, data, lang),
        assessment: assessment_chapter(plan, data, &names),
        proposals: proposals_chapter(data, &names),
        closing: Phrase::Closing {
            plan: &plan.meta.id,
            year: data.year,
            coordinator: &coordinator,
        }
        .say(lang),
        signature: Signature::new(
            lang,
            recipients(&settings.recipients),
            settings.signer_title.as_deref(),
            settings.deputy_title.as_deref(),
            settings.signer_name.as_deref(),
        ),
        annexes: annexes(plan, data, &names, results, &attached_to),
    }
}

/// The header: the coordinator issuing the report (under the line above it), the motto,
/// the report's number, and the place and date of issue.
fn header(
    plan: &Plan,
    settings: &ReportKeys<Vec<String>>,
    coordinator: &str,
    number: Option<&str>,
    date: &str,
    lang: Lang,
) -> Header {
    let place_date = match &settings.place {
        Some(place) => format!("{place}, {date}"),
        None => date.to_string(),
    };
    Header {
        issuer_parent: settings.issuer_parent.as_ref().map(|p| p.to_uppercase()),
        issuer: coordinator.to_uppercase(),
        motto: Phrase::Motto.say(lang),
        motto_line: Phrase::MottoLine.say(lang),
        number: Phrase::Number {
            number,
            coordinator: &plan.meta.coordinator,
        }
        .say(lang),
        place_date,
    }
}

/// The introduction: the plan the report answers, and how many of the units expected to
/// report sent theirs.
fn introduction(plan: &Plan, data: &Consolidation, coordinator: &str, lang: Lang) -> Vec<String> {
    let expected = data.units.iter().filter(|u| u.expected).count();
    let sent = data.units.iter().filter(|u| u.expected && u.sent()).count();
    vec![
        Phrase::Introduction {
            plan: &plan.meta.id,
            issued: plan.meta.issued,
            issuer: &plan.meta.issuer,
            title: &plan.meta.title,
            coordinator,
            year: data.year,
        }
        .say(lang),
        Phrase::Coverage { sent, expected }.say(lang),
    ]
}

/// The annexes, each saying what it is attached to: the submissions, then the support
/// units' results where they are many (`results` as [`compose`] takes them).
fn annexes(
    plan: &Plan,
    data: &Consolidation,
    names: &UnitNames,
    results: Vec<Vec<String>>,
    attached_to: &str,
) -> Vec<Annex> {
    let mut annexes = vec![submissions_annex(plan, data, names)];
    if let Some(table) = support_annex(data, names, results) {
        annexes.push(table);
    }
    for annex in &mut annexes {
        annex.attached_to = attached_to.to_string();
    }
    annexes
}

/// Unit names by code: the plan's name, or the code for a unit the plan does not know.
struct UnitNames<'a> {
    plan: &'a Plan,
    lang: Lang,
}

impl UnitNames<'_> {
    fn name(&self, code: &str) -> String {
        self.plan
            .unit(code)
            .map_or_else(|| code.to_string(), |u| u.name.clone())
    }

    /// The lead of a task in `year`, in words: group names where the plan names a
    /// group, the holders' names otherwise.
    fn lead(&self, task: &TaskResult, year: i32) -> String {
        let Some(planned) = self.plan.task(&task.id) else {
            return task.lead.join(", ");
        };
        let mut parts: Vec<String> = Vec::new();
        for code in &planned.lead {
            let part = match self.plan.group(code) {
                Some(group) => group.name.clone(),
                None => match self.plan.holder(code, year) {
                    Some(unit) => unit.name.clone(),
                    None => self.name(code),
                },
            };
            if !parts.contains(&part) {
                parts.push(part);
            }
        }
        parts.join("; ")
    }
}

fn recipients(list: &[String]) -> Vec<String> {
    let n = list.len();
    list.iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r.trim().trim_end_matches(['.', ';']);
            format!("- {r}{}", if i + 1 == n { "." } else { ";" })
        })
        .collect()
}

fn contribution(names: &UnitNames, r: &TaskReport) -> Contribution {
    let lang = names.lang;
    let name = names.name(&r.unit);
    let words = if r.result.is_empty() {
        match r.status {
            Status::NotApplicable => Phrase::NothingArose.say(lang),
            _ => Phrase::NoResultGiven.say(lang),
        }
    } else {
        sentence(&r.result)
    };
    Contribution {
        unit: r.unit.clone(),
        unit_name: name.clone(),
        text: Phrase::Contribution {
            name: &name,
            status: r.status,
            words: &words,
        }
        .say(lang),
        source: r.source.clone(),
    }
}

/// A task's status in words, with the year it was done or was due.
pub(crate) fn status_sentence(lang: Lang, task: &TaskResult) -> String {
    Phrase::TaskStatusWords {
        status: task.status,
        done_in: task.done_in,
        due: task.due_year,
    }
    .say(lang)
}

fn results_chapter(plan: &Plan, data: &Consolidation, names: &UnitNames) -> Chapter<ResultPart> {
    let root = |id: &str| -> String {
        let mut current = id.to_string();
        for _ in 0..=plan.sections.len() {
            match plan.section(&current).and_then(|s| s.parent.clone()) {
                Some(parent) => current = parent,
                None => break,
            }
        }
        current
    };
    let mut parts: Vec<(String, ResultPart)> = Vec::new();
    for section in &plan.sections {
        let tasks: Vec<&TaskResult> = data
            .tasks
            .iter()
            .filter(|t| t.section == section.id)
            .collect();
        if tasks.is_empty() {
            continue;
        }
        let root_id = root(&section.id);
        let item = ResultItem {
            heading: format!("{}. {}", section.id, section.title),
            tasks: tasks
                .iter()
                .map(|t| task_entry(t, data.year, names))
                .collect(),
        };
        match parts.iter_mut().find(|(id, _)| *id == root_id) {
            Some((_, part)) => part.items.push(item),
            None => {
                let heading = match plan.section(&root_id) {
                    Some(s) if s.id != section.id => Phrase::PartHeading {
                        id: &s.id,
                        title: &s.title,
                    }
                    .say(names.lang),
                    _ => String::new(),
                };
                parts.push((
                    root_id,
                    ResultPart {
                        heading,
                        items: vec![item],
                    },
                ));
            }
        }
    }
    let count = |status: TaskStatus| data.tasks.iter().filter(|t| t.status == status).count();
    let paragraphs = vec![
        Phrase::TaskCounts {
            total: data.tasks.len(),
            year: data.year,
            done: count(TaskStatus::Done),
            in_progress: count(TaskStatus::InProgress),
            not_started: count(TaskStatus::NotStarted),
            overdue: count(TaskStatus::Overdue),
            not_applicable: count(TaskStatus::NotApplicable),
            missing: count(TaskStatus::Missing),
            no_reporter: count(TaskStatus::NoReporter),
        }
        .say(names.lang),
    ];
    Chapter {
        heading: Phrase::ResultsHeading.say(names.lang),
        paragraphs,
        items: parts.into_iter().map(|(_, part)| part).collect(),
    }
}

fn task_entry(task: &TaskResult, year: i32, names: &UnitNames) -> TaskEntry {
    let lang = names.lang;
    let lead = names.lead(task, year);
    let summary = Phrase::TaskSummary {
        lead: (!lead.is_empty()).then_some(lead.as_str()),
        status: &status_sentence(lang, task),
    }
    .say(lang);
    let supports: Vec<&TaskReport> = task.rows(Role::Support).collect();
    let many = supports.len() > SUPPORT_SUMMARY_THRESHOLD;
    let support_summary = many.then(|| {
        let done = supports.iter().filter(|r| r.status == Status::Done).count();
        Phrase::SupportSummary {
            units: supports.len(),
            done,
        }
        .say(lang)
    });
    // Rows that only say nothing arose are named together, not one paragraph each.
    let quiet = |r: &&TaskReport| r.status == Status::NotApplicable && r.result.is_empty();
    let split = |rows: Vec<&TaskReport>| -> (Vec<Contribution>, Vec<String>) {
        let (quiet, said): (Vec<&TaskReport>, Vec<&TaskReport>) = rows.into_iter().partition(quiet);
        (
            said.into_iter().map(|r| contribution(names, r)).collect(),
            quiet.into_iter().map(|r| names.name(&r.unit)).collect(),
        )
    };
    let (lead, lead_not_applicable) = split(task.rows(Role::Lead).collect());
    let (support, support_not_applicable) = if many {
        (Vec::new(), Vec::new())
    } else {
        split(supports)
    };
    TaskEntry {
        id: task.id.clone(),
        heading: Phrase::TaskHeading {
            id: &task.id,
            title: &task.title,
        }
        .say(lang),
        summary,
        status: task.status,
        lead,
        lead_not_applicable,
        support,
        support_not_applicable,
        support_summary,
    }
}

fn indicators_chapter(plan: &Plan, data: &Consolidation, lang: Lang) -> Chapter<IndicatorEntry> {
    let items: Vec<IndicatorEntry> = data
        .indicators
        .iter()
        .enumerate()
        .map(|(n, i)| IndicatorEntry {
            chart_caption: chart_caption(lang, i, Some(n + 1)),
            ..indicator_entry(lang, plan, data.year, i)
        })
        .collect();
    let good = data
        .indicators
        .iter()
        .filter(|i| {
            matches!(
                i.assessment.class,
                AssessmentClass::Achieved | AssessmentClass::OnTrack
            )
        })
        .count();
    let unassessed = data
        .indicators
        .iter()
        .filter(|i| i.assessment.class == AssessmentClass::InsufficientData)
        .count();
    let paragraphs = vec![
        Phrase::IndicatorMethod {
            total: data.indicators.len(),
            year: data.year,
            good,
            unassessed,
        }
        .say(lang),
    ];
    Chapter {
        heading: Phrase::IndicatorsHeading.say(lang),
        paragraphs,
        items,
    }
}

/// The caption under an indicator's chart: `Biểu đồ 1 (%): giá trị qua các năm và mục
/// tiêu`, numbered where the report numbers its charts.
fn chart_caption(lang: Lang, i: &IndicatorResult, number: Option<usize>) -> String {
    Phrase::ChartCaption {
        number,
        percent: i.unit == MeasureUnit::Percent,
        flow: i.measure == Measure::Flow,
    }
    .say(lang)
}

/// One indicator of a consolidated year, in words and with what its chart needs.
pub(crate) fn indicator_entry(
    lang: Lang,
    plan: &Plan,
    year: i32,
    i: &IndicatorResult,
) -> IndicatorEntry {
    let v = |value: f64| value_words(lang, value, &i.unit);
    let value_text = match (i.value, i.conflict) {
        (_, true) => Phrase::ValueConflict.say(lang),
        (Some(value), _) => v(value),
        (None, _) => Phrase::NoValue.say(lang),
    };
    let cumulative_text = (i.measure == Measure::Flow).then(|| match i.cumulative {
        Some(c) => format!(
            "{} ({})",
            v(c),
            years_held_words(lang, &i.years_with_value, &i.years_without_value)
        ),
        None => Phrase::NoValue.say(lang),
    });
    let targets_text = i
        .targets
        .iter()
        .map(|t| {
            Phrase::TargetInYear {
                target: &target_words(lang, t, &i.unit),
                year: t.year,
            }
            .say(lang)
        })
        .collect::<Vec<_>>()
        .join("; ");
    let a = &i.assessment;
    let compared = Phrase::Compared {
        flow: i.measure == Measure::Flow,
    }
    .say(lang);
    let explanation = explanation_words(lang, year, i, &compared);
    let basis_text = basis_words(lang, year, i);
    let entries = i
        .history
        .iter()
        .map(|h| {
            Phrase::YearValue {
                year: h.year,
                value: h.value.map(v).as_deref(),
            }
            .say(lang)
        })
        .collect::<Vec<_>>()
        .join("; ");
    IndicatorEntry {
        lang,
        id: i.id.clone(),
        name: i.name.clone(),
        chart_caption: chart_caption(lang, i, None),
        unit: i.unit.clone(),
        unit_text: crate::numbers::measure_unit(lang, &i.unit),
        measure: i.measure,
        value_text,
        cumulative_text,
        targets_text,
        plan_words: plan.indicator(&i.id).and_then(|p| p.target_text.clone()),
        history_text: Phrase::History {
            flow: i.measure == Measure::Flow,
            entries: &entries,
        }
        .say(lang),
        assessment_text: Phrase::Assessment { class: a.class }.say(lang),
        basis_text,
        explanation,
        assessment: *a,
        history: i.history.clone(),
        targets: i.targets.clone(),
        base: a.base,
        end_year: plan.meta.end_year,
        sources: i.reports.iter().map(|r| r.source.clone()).collect(),
    }
}

/// The years a flow's cumulative amount holds, and the plan's years without a value:
/// `cộng dồn các năm 2023, 2024` or `chỉ gồm năm 2024; năm 2023 chưa có số liệu`.
fn years_held_words(lang: Lang, with: &[i32], without: &[i32]) -> String {
    let list = |years: &[i32]| {
        years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (with_years, without_years) = (list(with), list(without));
    match (with.len(), without.is_empty()) {
        (1, true) => Phrase::OneYearHeld { years: &with_years },
        (_, true) => Phrase::YearsHeld { years: &with_years },
        (_, false) => Phrase::SomeYearsHeld {
            with: &with_years,
            without: &without_years,
        },
    }
    .say(lang)
}

/// The path's two points and the value it expects in `year`, or why there is none, in a
/// few words: what the indicators' table shows beside the assessment.
fn basis_words(lang: Lang, year: i32, i: &IndicatorResult) -> String {
    let a = &i.assessment;
    let v = |value: f64| value_words(lang, value, &i.unit);
    match (a.class, a.base, a.goal, a.expected, a.measured, a.target) {
        (AssessmentClass::NoTarget, ..) => Phrase::NoTargetFrom { year }.say(lang),
        (AssessmentClass::NoData, ..) => Phrase::NoValueIn { year }.say(lang),
        (AssessmentClass::Achieved, .., Some(measured), Some(target)) => Phrase::MetAgainst {
            measured: &v(measured),
            target: &target_words(lang, &target, &i.unit),
            year: target.year,
        }
        .say(lang),
        (_, Some(base), Some(goal), Some(expected), Some(measured), _) => Phrase::PathBasis {
            base: &v(base.value),
            base_year: base.year,
            goal: &v(goal.value),
            goal_year: goal.year,
            year,
            expected: &v(expected),
            partial: &partial_words(lang, i),
            measured: &v(measured),
        }
        .say(lang),
        (.., Some(measured), _) => Phrase::OnlyThisYear {
            year,
            measured: &v(measured),
        }
        .say(lang),
        _ => String::new(),
    }
}

/// For a flow whose sum lacks some of the plan's years: ` (chưa gồm năm 2023)`.
fn partial_words(lang: Lang, i: &IndicatorResult) -> String {
    if i.measure != Measure::Flow || i.years_without_value.is_empty() {
        return String::new();
    }
    let years: Vec<String> = i.years_without_value.iter().map(i32::to_string).collect();
    Phrase::Partial {
        years: &years.join(", "),
    }
    .say(lang)
}

/// How the assessment was reached, in sentences a reader can check with a calculator.
fn explanation_words(lang: Lang, year: i32, i: &IndicatorResult, compared: &str) -> String {
    let a = &i.assessment;
    let v = |value: f64| value_words(lang, value, &i.unit);
    let number = |value: f64| number_words(lang, value);
    let Some(target) = a.target else {
        return Phrase::NoTargetLeft.say(lang);
    };
    let mut out = Phrase::NearestTarget {
        target: &target_words(lang, &target, &i.unit),
        year: target.year,
    }
    .say(lang);
    let Some(measured) = a.measured else {
        if let Some(base) = a.base {
            out.push_str(
                &Phrase::BaseValue {
                    value: &v(base.value),
                    year: base.year,
                }
                .say(lang),
            );
        }
        out.push_str(&Phrase::NoValueThisYear { year }.say(lang));
        return out;
    };
    let compared = sentence_case(&compared.to_lowercase());
    match (a.class, a.base, a.goal, a.expected) {
        (AssessmentClass::Achieved, ..) => out.push_str(
            &Phrase::TargetMet {
                compared: &compared,
                year,
                measured: &v(measured),
            }
            .say(lang),
        ),
        (_, Some(base), Some(goal), Some(expected)) => {
            out.push_str(
                &Phrase::PathExplained {
                    base: &v(base.value),
                    base_year: base.year,
                    goal: &v(goal.value),
                    goal_year: goal.year,
                    year,
                    expected: &v(expected),
                    compared: &compared,
                    measured: &v(measured),
                }
                .say(lang),
            );
            out.push_str(&partial_words(lang, i));
            if let Some(ratio) = a.ratio {
                out.push_str(
                    &Phrase::Ratio {
                        percent: &number((ratio * 100.0).round()),
                        measured: &number(measured),
                        base: &number(base.value),
                        expected: &number(expected),
                        ratio: &number(ratio),
                    }
                    .say(lang),
                );
            }
            out.push('.');
        }
        _ => out.push_str(
            &Phrase::NoPath {
                compared: &compared,
                year,
                measured: &v(measured),
            }
            .say(lang),
        ),
    }
    out
}

/// The text with its first letter upper-case, to begin a sentence.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Folds a text for grouping equal texts: case, spacing and a final full stop ignored.
fn text_key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches('.')
        .to_lowercase()
}

/// A text a unit wrote, before grouping.
struct Said {
    text: String,
    by: String,
    source: String,
}

/// Collects texts into attributed entries, the same text from several places once.
fn group_texts(items: Vec<Said>) -> Vec<Attributed> {
    let mut out: Vec<Attributed> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    for Said { text, by, source } in items {
        let key = text_key(&text);
        match index.get(&key) {
            Some(&i) => {
                let entry = &mut out[i];
                if !entry.by.split("; ").any(|b| b == by) {
                    entry.by.push_str("; ");
                    entry.by.push_str(&by);
                }
                entry.sources.push(source);
            }
            None => {
                index.insert(key, out.len());
                out.push(Attributed {
                    text: sentence(&text),
                    by,
                    sources: vec![source],
                });
            }
        }
    }
    out
}

fn assessment_chapter(plan: &Plan, data: &Consolidation, names: &UnitNames) -> AssessmentChapter {
    let lang = names.lang;
    AssessmentChapter {
        heading: Phrase::AssessmentHeading.say(lang),
        summary: assessment_summary(data, lang),
        difficulties_heading: Phrase::DifficultiesHeading.say(lang),
        difficulties: difficulties_by_item(plan, data, names),
    }
}

/// The year in a few sentences: how units reported, what was left out, how many tasks are
/// done, which indicators are behind.
fn assessment_summary(data: &Consolidation, lang: Lang) -> Vec<String> {
    let expected = data.units.iter().filter(|u| u.expected).count();
    let count = |s: Standing| {
        data.units
            .iter()
            .filter(|u| u.expected && u.standing() == s)
            .count()
    };
    let sent = data.units.iter().filter(|u| u.expected && u.sent()).count();
    let unexpected = data
        .units
        .iter()
        .filter(|u| !u.expected && u.submitted)
        .count();
    let mut summary = vec![
        Phrase::Reporting {
            sent,
            expected,
            on_time: count(Standing::OnTime),
            late: count(Standing::Late),
            unknown: count(Standing::DateUnknown),
            doubtful: count(Standing::DateDoubtful),
            missing: count(Standing::Missing),
            empty: count(Standing::Empty),
            unexpected,
        }
        .say(lang),
    ];
    if data.rows_with_errors + data.files_with_errors > 0 {
        summary.push(
            Phrase::RowsWithErrors {
                rows: data.rows_with_errors,
                files: data.files_with_errors,
            }
            .say(lang),
        );
    }
    let done = data
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Done)
        .count();
    let overdue: Vec<&str> = data
        .tasks
        .iter()
        .filter(|t| t.status == TaskStatus::Overdue)
        .map(|t| t.id.as_str())
        .collect();
    summary.push(
        Phrase::TasksDone {
            done,
            total: data.tasks.len(),
            year: data.year,
            overdue: &overdue.join(", "),
        }
        .say(lang),
    );
    let behind: Vec<String> = data
        .indicators
        .iter()
        .filter(|i| {
            matches!(
                i.assessment.class,
                AssessmentClass::AtRisk | AssessmentClass::OffTrack
            )
        })
        .map(|i| match lang {
            Lang::Vi => words::lowercase_first(&i.name),
            Lang::En => i.name.clone(),
        })
        .collect();
    if !behind.is_empty() {
        summary.push(
            Phrase::Behind {
                indicators: &behind.join("; "),
            }
            .say(lang),
        );
    }
    summary
}

/// Difficulties, grouped by the plan's item they were met in, those met on indicators last.
fn difficulties_by_item(plan: &Plan, data: &Consolidation, names: &UnitNames) -> Vec<TextGroup> {
    let lang = names.lang;
    let mut groups: Vec<TextGroup> = Vec::new();
    for section in &plan.sections {
        let mut items = Vec::new();
        for task in data.tasks.iter().filter(|t| t.section == section.id) {
            for r in task.reports.iter().filter(|r| !r.difficulties.is_empty()) {
                items.push(Said {
                    text: r.difficulties.clone(),
                    by: Phrase::ByOnTask {
                        name: &names.name(&r.unit),
                        task: &task.id,
                    }
                    .say(lang),
                    source: r.source.clone(),
                });
            }
        }
        if !items.is_empty() {
            groups.push(TextGroup {
                heading: Phrase::SectionGroup {
                    title: &section.title,
                    id: &section.id,
                }
                .say(lang),
                entries: group_texts(items),
            });
        }
    }
    let mut items = Vec::new();
    for indicator in &data.indicators {
        for r in indicator
            .reports
            .iter()
            .filter(|r| !r.difficulties.is_empty())
        {
            items.push(Said {
                text: r.difficulties.clone(),
                by: Phrase::ByOnIndicator {
                    name: &names.name(&r.unit),
                    indicator: &indicator.id,
                }
                .say(lang),
                source: r.source.clone(),
            });
        }
    }
    if !items.is_empty() {
        groups.push(TextGroup {
            heading: Phrase::IndicatorsGroup.say(lang),
            entries: group_texts(items),
        });
    }
    groups
}

fn proposals_chapter(data: &Consolidation, names: &UnitNames) -> Chapter<UnitProposals> {
    let mut by_unit: Vec<(String, Vec<Said>)> = Vec::new();
    let mut push = |unit: &str, text: &str, about: String, source: &str| {
        let entry = match by_unit.iter_mut().find(|(u, _)| u == unit) {
            Some(entry) => entry,
            None => {
                by_unit.push((unit.to_string(), Vec::new()));
                by_unit.last_mut().expect("just pushed")
            }
        };
        entry.1.push(Said {
            text: text.to_string(),
            by: about,
            source: source.to_string(),
        });
    };
    for task in &data.tasks {
        for r in task.reports.iter().filter(|r| !r.proposals.is_empty()) {
            push(
                &r.unit,
                &r.proposals,
                Phrase::AboutTask { id: &task.id }.say(names.lang),
                &r.source,
            );
        }
    }
    for indicator in &data.indicators {
        for r in indicator.reports.iter().filter(|r| !r.proposals.is_empty()) {
            push(
                &r.unit,
                &r.proposals,
                Phrase::AboutIndicator { id: &indicator.id }.say(names.lang),
                &r.source,
            );
        }
    }
    // Units in the order of the submissions (the plan's order).
    let rank = |code: &str| {
        data.units
            .iter()
            .position(|u| u.code == code)
            .unwrap_or(usize::MAX)
    };
    by_unit.sort_by(|a, b| (rank(&a.0), &a.0).cmp(&(rank(&b.0), &b.0)));
    let items: Vec<UnitProposals> = by_unit
        .into_iter()
        .enumerate()
        .map(|(n, (unit, items))| UnitProposals {
            heading: format!("{}. {}", n + 1, names.name(&unit)),
            unit,
            entries: group_texts(items),
        })
        .collect();
    let paragraphs = if items.is_empty() {
        vec![Phrase::NoProposals.say(names.lang)]
    } else {
        Vec::new()
    };
    Chapter {
        heading: Phrase::ProposalsHeading.say(names.lang),
        paragraphs,
        items,
    }
}

/// The annex of submissions: a row for each unit, under paragraphs that name the units
/// that stand apart.
fn submissions_annex(plan: &Plan, data: &Consolidation, names: &UnitNames) -> Annex {
    let lang = names.lang;
    let rows = data
        .units
        .iter()
        .enumerate()
        .map(|(n, unit)| submission_row(n + 1, unit, names))
        .collect();
    Annex {
        label: Phrase::AnnexLabel { number: 1 }.say(lang),
        title: Phrase::SubmissionsTitle { year: data.year }.say(lang),
        attached_to: String::new(),
        paragraphs: submission_paragraphs(plan, data, names),
        tables: vec![AnnexTable {
            caption: None,
            header: words::columns(lang, Phrase::SubmissionColumns),
            rows,
        }],
    }
}

/// A unit's row in the annex of submissions: its number, its name, the day it sent its
/// report, where it stands, and a note of what else there is to know.
fn submission_row(number: usize, unit: &Submission, names: &UnitNames) -> Vec<String> {
    let lang = names.lang;
    let date = match (unit.submitted_on, unit.date_unknown) {
        (Some(date), _) => match unit.date_doubtful {
            Some(doubt) => Phrase::DoubtfulDay { date, doubt },
            None => Phrase::Day { date },
        }
        .say(lang),
        (None, Some(reason)) if unit.submitted => Phrase::UnknownDay { reason }.say(lang),
        _ => String::new(),
    };
    let standing = match unit.standing() {
        Standing::Missing if !unit.expected => String::new(),
        standing => Phrase::StandingWords { standing }.say(lang),
    };
    let mut note = Vec::new();
    if !unit.expected {
        note.push(Phrase::NotExpected.say(lang));
    }
    if unit.errors > 0 {
        note.push(Phrase::Errors { count: unit.errors }.say(lang));
    }
    if unit.rows_with_errors > 0 {
        note.push(
            Phrase::RowsLeftOut {
                count: unit.rows_with_errors,
            }
            .say(lang),
        );
    }
    vec![
        number.to_string(),
        unit.name.clone().unwrap_or_else(|| names.name(&unit.code)),
        date,
        standing,
        note.join("; "),
    ]
}

/// The paragraphs above the annex of submissions: the due date; the units late, missing
/// and of an unknown day, and those of a doubtful day or an empty report when there are
/// any; then the units that reported though the plan did not expect them to.
fn submission_paragraphs(plan: &Plan, data: &Consolidation, names: &UnitNames) -> Vec<String> {
    let lang = names.lang;
    let list = |standing| units_standing(data, names, standing);
    let mut paragraphs = vec![
        Phrase::DueBefore {
            date: data.due_date,
            plan: &plan.meta.id,
        }
        .say(lang),
        Phrase::LateUnits {
            units: &list(Standing::Late),
        }
        .say(lang),
        Phrase::MissingUnits {
            units: &list(Standing::Missing),
        }
        .say(lang),
        Phrase::UnknownDayUnits {
            units: &list(Standing::DateUnknown),
        }
        .say(lang),
    ];
    for standing in [Standing::DateDoubtful, Standing::Empty] {
        if data
            .units
            .iter()
            .any(|u| u.expected && u.standing() == standing)
        {
            let units = list(standing);
            let phrase = match standing {
                Standing::DateDoubtful => Phrase::DoubtfulUnits { units: &units },
                _ => Phrase::EmptyUnits { units: &units },
            };
            paragraphs.push(phrase.say(lang));
        }
    }
    let unexpected: Vec<String> = data
        .units
        .iter()
        .filter(|u| !u.expected && u.submitted)
        .map(|u| names.name(&u.code))
        .collect();
    if !unexpected.is_empty() {
        paragraphs.push(
            Phrase::UnexpectedUnits {
                year: data.year,
                units: &unexpected.join(", "),
            }
            .say(lang),
        );
    }
    paragraphs
}

/// The expected units that stand as `standing`, by name, or the words for none.
fn units_standing(data: &Consolidation, names: &UnitNames, standing: Standing) -> String {
    let units: Vec<String> = data
        .units
        .iter()
        .filter(|u| u.expected && u.standing() == standing)
        .map(|u| names.name(&u.code))
        .collect();
    if units.is_empty() {
        Phrase::NoUnit.say(names.lang)
    } else {
        units.join(", ")
    }
}

/// The annex of the support units' results on the tasks they are many on: `results`
/// holds them when they were taken out of `data` ([`build_from`]), else they are copied.
fn support_annex(
    data: &Consolidation,
    names: &UnitNames,
    mut results: Vec<Vec<String>>,
) -> Option<Annex> {
    let lang = names.lang;
    let tables: Vec<AnnexTable> = data
        .tasks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.rows(Role::Support).count() > SUPPORT_SUMMARY_THRESHOLD)
        .map(|(i, t)| {
            (
                results.get_mut(i).map(std::mem::take).unwrap_or_default(),
                t,
            )
        })
        .map(|(taken, t)| AnnexTable {
            caption: Some(
                Phrase::TaskHeading {
                    id: &t.id,
                    title: &t.title,
                }
                .say(lang),
            ),
            header: words::columns(lang, Phrase::SupportColumns),
            rows: t
                .rows(Role::Support)
                .zip(taken.into_iter().map(Some).chain(std::iter::repeat(None)))
                .enumerate()
                .map(|(n, (r, taken))| {
                    vec![
                        (n + 1).to_string(),
                        names.name(&r.unit),
                        lang::row_status(lang, r.status).to_string(),
                        taken.unwrap_or_else(|| r.result.clone()),
                    ]
                })
                .collect(),
        })
        .collect();
    (!tables.is_empty()).then(|| Annex {
        label: Phrase::AnnexLabel { number: 2 }.say(lang),
        title: Phrase::SupportTitle { year: data.year }.say(lang),
        attached_to: String::new(),
        paragraphs: Vec::new(),
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_end_as_decree_30_lists_do() {
        assert_eq!(
            recipients(&["UBND tỉnh (b/c)".into(), "Lưu: VT".into()]),
            ["- UBND tỉnh (b/c);", "- Lưu: VT."]
        );
    }

    #[test]
    fn equal_texts_are_grouped_once() {
        let grouped = group_texts(vec![
            Said {
                text: "Thiếu kinh phí".into(),
                by: "Sở A".into(),
                source: "a:2".into(),
            },
            Said {
                text: "thiếu  kinh phí.".into(),
                by: "Sở B".into(),
                source: "b:2".into(),
            },
            Said {
                text: "Thiếu người".into(),
                by: "Sở A".into(),
                source: "a:3".into(),
            },
        ]);
        assert_eq!(grouped.len(), 2);
        assert_eq!(grouped[0].text, "Thiếu kinh phí.");
        assert_eq!(grouped[0].by, "Sở A; Sở B");
        assert_eq!(grouped[0].sources, ["a:2", "b:2"]);
    }
}
