//! The consolidated annual report (SPEC section 8) as plain data, in Vietnamese: the
//! header of an administrative report (Decree 30/2020/NĐ-CP), I. results task by task,
//! II. indicators against their targets, III. general assessment and difficulties,
//! IV. proposals by unit, the signature block, and the annexes. Every sentence is
//! composed here, once; the Markdown, HTML and JSON forms only lay it out and escape it.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::consolidate::{
    Assessment, AssessmentClass, Consolidation, IndicatorResult, Standing, TaskReport, TaskResult,
    TaskStatus, YearPoint, YearValue,
};
use crate::model::{Measure, MeasureUnit, Plan, Role, Status, Target};
use crate::numbers::{number_words, target_words, value_words};

/// With more support rows than this on one task, section I counts them and the annex
/// lists them (a national roll-up would otherwise print thousands of paragraphs).
pub const SUPPORT_SUMMARY_THRESHOLD: usize = 30;

/// What the command line adds to the data: the report's number and date.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The number, for "Số: N/BC-...".
    pub number: Option<String>,
    /// The date of the report.
    pub date: Option<NaiveDate>,
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct AnnualReport {
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
    pub fn indicator_table(&self) -> AnnexTable {
        AnnexTable {
            caption: None,
            header: [
                "STT".to_string(),
                "Chỉ tiêu".into(),
                "Đơn vị tính".into(),
                format!("Năm {}", self.year),
                "Lũy kế".into(),
                "Mục tiêu".into(),
                "Đánh giá".into(),
            ]
            .to_vec(),
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
pub struct Header {
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
pub struct Chapter<T> {
    /// E.g. `I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ`.
    pub heading: String,
    /// Paragraphs before the items.
    pub paragraphs: Vec<String>,
    /// The items.
    pub items: Vec<T>,
}

/// The tasks under one top-level section of the plan (e.g. its section III).
#[derive(Debug, Clone, Serialize)]
pub struct ResultPart {
    /// The part's heading.
    pub heading: String,
    /// The plan's items in this part, each with its tasks.
    pub items: Vec<ResultItem>,
}

/// One item of the plan (e.g. III.3) and its tasks.
#[derive(Debug, Clone, Serialize)]
pub struct ResultItem {
    /// `3. Thu hút, sử dụng ...`.
    pub heading: String,
    /// The tasks.
    pub tasks: Vec<TaskEntry>,
}

/// One task's results.
#[derive(Debug, Clone, Serialize)]
pub struct TaskEntry {
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
pub struct Contribution {
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
pub struct IndicatorEntry {
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
pub struct AssessmentChapter {
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
pub struct TextGroup {
    /// The group's heading.
    pub heading: String,
    /// The texts, the same text from several units once.
    pub entries: Vec<Attributed>,
}

/// A text and who wrote it.
#[derive(Debug, Clone, Serialize)]
pub struct Attributed {
    /// The text as the unit wrote it.
    pub text: String,
    /// `Sở Tài chính, nhiệm vụ 3.1`.
    pub by: String,
    /// Where it was written.
    pub sources: Vec<String>,
}

/// One unit's proposals.
#[derive(Debug, Clone, Serialize)]
pub struct UnitProposals {
    /// The unit code.
    pub unit: String,
    /// `1. Sở Tài chính`.
    pub heading: String,
    /// Its proposals, each with the task or indicator it concerns.
    pub entries: Vec<Attributed>,
}

/// The signature block.
#[derive(Debug, Clone, Serialize)]
pub struct Signature {
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
    pub fn new(
        recipients: Vec<String>,
        signer_title: Option<&str>,
        deputy_title: Option<&str>,
        signer_name: Option<&str>,
    ) -> Signature {
        let signer_title = signer_title
            .unwrap_or("THỦ TRƯỞNG CƠ QUAN")
            .trim()
            .to_uppercase();
        let deputy_title = deputy_title.map(|d| d.trim().to_uppercase());
        let authority = match &deputy_title {
            Some(deputy) => vec![format!("KT. {signer_title}"), deputy.clone()],
            None => vec![signer_title.clone()],
        };
        Signature {
            recipients_heading: "Nơi nhận:".into(),
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
pub struct Annex {
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
pub struct AnnexTable {
    /// A caption, if any.
    pub caption: Option<String>,
    /// Column headings.
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

// ---- Words -----------------------------------------------------------------------------

/// The few words every form of the report sets around the data, composed once here.
pub mod label {
    /// Before the support units' contributions to a task.
    pub const SUPPORT: &str = "Các đơn vị phối hợp:";
    /// Where no unit named a difficulty.
    pub const NO_DIFFICULTIES: &str = "Các cơ quan, đơn vị không nêu khó khăn, vướng mắc.";
    /// Before an indicator's assessment.
    pub const ASSESSMENT: &str = "Đánh giá:";
    /// Before the plan's own words for an indicator's targets.
    pub const PLAN_TARGET: &str = "Mục tiêu theo Kế hoạch:";
}

/// A date as Decree 30/2020/NĐ-CP writes it: `ngày 05 tháng 02 năm 2024` (a leading zero
/// for days 1-9 and months 1-2).
pub fn date_words(date: NaiveDate) -> String {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

fn status_words(status: Status) -> &'static str {
    status.vietnamese()
}

/// `Không phát sinh trong năm: Sở Tài chính; Sở Xây dựng.`
pub fn not_applicable_words(units: &[String]) -> String {
    format!("Không phát sinh trong năm: {}.", units.join("; "))
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
pub fn build(plan: &Plan, data: &Consolidation, options: &Options) -> AnnualReport {
    let coordinator = plan
        .unit(&plan.meta.coordinator)
        .map_or(plan.meta.coordinator.clone(), |u| u.name.clone());
    let number = match &options.number {
        Some(n) => format!("Số: {}/BC-{}", n.trim(), plan.meta.coordinator),
        // Left blank to fill in by hand: no-break spaces keep the gap in every form.
        None => format!("Số:{}/BC-{}", "\u{a0}".repeat(6), plan.meta.coordinator),
    };
    let date = match options.date {
        Some(date) => date_words(date),
        None => "ngày ... tháng ... năm ...".to_string(),
    };
    // The header in force when the report is issued: on its date, else on the day the
    // year's reports are due.
    let settings = plan
        .report
        .in_force_on(options.date.unwrap_or_else(|| plan.due_date(data.year)));
    let place_date = match &settings.place {
        Some(place) => format!("{place}, {date}"),
        None => date.clone(),
    };
    let header = Header {
        issuer_parent: settings.issuer_parent.as_ref().map(|p| p.to_uppercase()),
        issuer: coordinator.to_uppercase(),
        motto: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        motto_line: "Độc lập - Tự do - Hạnh phúc".into(),
        number: number.clone(),
        place_date,
    };
    let names = UnitNames { plan };
    let expected = data.units.iter().filter(|u| u.expected).count();
    let sent = data.units.iter().filter(|u| u.expected && u.sent()).count();
    let introduction = vec![
        format!(
            "Thực hiện Kế hoạch số {} {} của {} ({}), trên cơ sở báo cáo của các cơ quan, đơn vị, {} báo cáo kết quả triển khai thực hiện năm {} như sau:",
            plan.meta.id,
            date_words(plan.meta.issued),
            plan.meta.issuer,
            plan.meta.title,
            coordinator,
            data.year
        ),
        format!(
            "Số liệu được tổng hợp từ báo cáo của {sent}/{expected} cơ quan, đơn vị phải báo cáo (chi tiết tại Phụ lục 1)."
        ),
    ];
    let mut annexes = vec![submissions_annex(plan, data, &names)];
    let support_annex = support_annex(data, &names);
    let results = results_chapter(plan, data, &names);
    if let Some(table) = support_annex {
        annexes.push(table);
    }
    let attached_to = format!(
        "(Kèm theo Báo cáo {}/BC-{} {date} của {})",
        options
            .number
            .as_ref()
            .map_or(format!("số{}", "\u{a0}".repeat(6)), |n| format!(
                "số {}",
                n.trim()
            )),
        plan.meta.coordinator,
        coordinator
    );
    for annex in &mut annexes {
        annex.attached_to = attached_to.clone();
    }
    AnnualReport {
        plan: plan.meta.id.clone(),
        year: data.year,
        header,
        title: "BÁO CÁO".into(),
        subtitle: format!(
            "Kết quả triển khai thực hiện Kế hoạch số {} năm {}",
            plan.meta.id, data.year
        ),
        introduction,
        results,
        indicators: indicators_chapter(plan, data),
        assessment: assessment_chapter(plan, data, &names),
        proposals: proposals_chapter(data, &names),
        closing: format!(
            "Trên đây là báo cáo kết quả triển khai thực hiện Kế hoạch số {} năm {} của {}./.",
            plan.meta.id, data.year, coordinator
        ),
        signature: Signature::new(
            recipients(&settings.recipients),
            settings.signer_title.as_deref(),
            settings.deputy_title.as_deref(),
            settings.signer_name.as_deref(),
        ),
        annexes,
    }
}

/// Unit names by code: the plan's name, or the code for a unit the plan does not know.
struct UnitNames<'a> {
    plan: &'a Plan,
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
    let name = names.name(&r.unit);
    let words = if r.result.is_empty() {
        match r.status {
            Status::NotApplicable => "Không phát sinh.".to_string(),
            _ => "Không nêu kết quả cụ thể.".to_string(),
        }
    } else {
        sentence(&r.result)
    };
    Contribution {
        unit: r.unit.clone(),
        unit_name: name.clone(),
        text: format!(
            "{name} ({}): {words}",
            status_words(r.status).to_lowercase()
        ),
        source: r.source.clone(),
    }
}

/// A task's status in words, with the year it was done or was due.
pub fn status_sentence(task: &TaskResult) -> String {
    let mut words = task.status.vietnamese().to_string();
    match (task.status, task.done_in, task.due_year) {
        (TaskStatus::Done, Some(year), _) => words.push_str(&format!(" (từ năm {year})")),
        (TaskStatus::Overdue, _, Some(due)) => {
            words.push_str(&format!(" (hạn hoàn thành năm {due})"))
        }
        _ => {}
    }
    words
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
                    Some(s) if s.id != section.id => format!("Mục {}. {}", s.id, s.title),
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
    let paragraphs = vec![format!(
        "Kế hoạch có {} nhiệm vụ; năm {}: {} nhiệm vụ hoàn thành, {} đang thực hiện, {} chưa thực hiện, {} chậm tiến độ, {} không phát sinh, {} chưa có báo cáo của đơn vị chủ trì{}.",
        data.tasks.len(),
        data.year,
        count(TaskStatus::Done),
        count(TaskStatus::InProgress),
        count(TaskStatus::NotStarted),
        count(TaskStatus::Overdue),
        count(TaskStatus::NotApplicable),
        count(TaskStatus::Missing),
        match count(TaskStatus::NoReporter) {
            0 => String::new(),
            n =>
                format!(", {n} không có đơn vị báo cáo (không đơn vị nào thuộc diện phải báo cáo)"),
        },
    )];
    Chapter {
        heading: "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP".into(),
        paragraphs,
        items: parts.into_iter().map(|(_, part)| part).collect(),
    }
}

fn task_entry(task: &TaskResult, year: i32, names: &UnitNames) -> TaskEntry {
    let lead = names.lead(task, year);
    let summary = format!(
        "Đơn vị chủ trì: {}. Tình trạng: {}.",
        if lead.is_empty() {
            "các cơ quan, đơn vị có liên quan".to_string()
        } else {
            lead
        },
        status_sentence(task)
    );
    let supports: Vec<&TaskReport> = task.rows(Role::Support).collect();
    let many = supports.len() > SUPPORT_SUMMARY_THRESHOLD;
    let support_summary = many.then(|| {
        let done = supports.iter().filter(|r| r.status == Status::Done).count();
        format!(
            "Có {} đơn vị phối hợp báo cáo kết quả ({} đơn vị báo cáo hoàn thành phần việc của mình); kết quả của từng đơn vị tại Phụ lục 2.",
            supports.len(),
            done
        )
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
        heading: format!("Nhiệm vụ {}. {}", task.id, task.title),
        summary,
        status: task.status,
        lead,
        lead_not_applicable,
        support,
        support_not_applicable,
        support_summary,
    }
}

fn indicators_chapter(plan: &Plan, data: &Consolidation) -> Chapter<IndicatorEntry> {
    let items: Vec<IndicatorEntry> = data
        .indicators
        .iter()
        .enumerate()
        .map(|(n, i)| IndicatorEntry {
            chart_caption: chart_caption(i, Some(n + 1)),
            ..indicator_entry(plan, data.year, i)
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
    let mut counts = format!(
        "Kế hoạch đặt {} chỉ tiêu định lượng; năm {}, {} chỉ tiêu đã đạt hoặc đúng lộ trình",
        data.indicators.len(),
        data.year,
        good
    );
    if unassessed > 0 {
        counts.push_str(&format!(
            ", {unassessed} chỉ tiêu chưa đủ số liệu để đánh giá (mới có số liệu của một năm, chưa có giá trị cơ sở)"
        ));
    }
    let paragraphs = vec![format!(
        "{counts}. Đánh giá so với mục tiêu gần nhất theo lộ trình tuyến tính từ giá trị cơ sở (giá trị cơ sở của Kế hoạch, hoặc số liệu của năm đầu tiên có báo cáo) đến mục tiêu: đúng lộ trình khi đạt từ 95% mức kỳ vọng, có nguy cơ không đạt khi đạt từ 60% đến dưới 95%, chậm so với lộ trình khi dưới 60%; khi mới có số liệu của một năm thì chưa đủ hai điểm để vẽ lộ trình và chưa đánh giá."
    )];
    Chapter {
        heading: "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU".into(),
        paragraphs,
        items,
    }
}

/// The caption under an indicator's chart: `Biểu đồ 1 (%): giá trị qua các năm và mục
/// tiêu`, numbered where the report numbers its charts.
fn chart_caption(i: &IndicatorResult, number: Option<usize>) -> String {
    format!(
        "Biểu đồ{}{}: giá trị {}qua các năm và mục tiêu",
        number.map(|n| format!(" {n}")).unwrap_or_default(),
        if i.unit == MeasureUnit::Percent {
            " (%)"
        } else {
            ""
        },
        if i.measure == Measure::Flow {
            "lũy kế "
        } else {
            ""
        }
    )
}

/// One indicator of a consolidated year, in words and with what its chart needs.
pub fn indicator_entry(plan: &Plan, year: i32, i: &IndicatorResult) -> IndicatorEntry {
    let value_text = match (i.value, i.conflict) {
        (_, true) => "chưa xác định (nhiều đơn vị báo cáo số liệu khác nhau)".to_string(),
        (Some(v), _) => value_words(v, &i.unit),
        (None, _) => "chưa có số liệu".to_string(),
    };
    let cumulative_text = (i.measure == Measure::Flow).then(|| match i.cumulative {
        Some(c) => format!(
            "{} ({})",
            value_words(c, &i.unit),
            years_held_words(&i.years_with_value, &i.years_without_value)
        ),
        None => "chưa có số liệu".to_string(),
    });
    let targets_text = i
        .targets
        .iter()
        .map(|t| format!("{} năm {}", target_words(t, &i.unit), t.year))
        .collect::<Vec<_>>()
        .join("; ");
    let a = &i.assessment;
    let compared = if i.measure == Measure::Flow {
        "Giá trị lũy kế"
    } else {
        "Giá trị"
    };
    let explanation = explanation_words(year, i, compared);
    let basis_text = basis_words(year, i);
    IndicatorEntry {
        id: i.id.clone(),
        name: i.name.clone(),
        chart_caption: chart_caption(i, None),
        unit: i.unit.clone(),
        unit_text: crate::numbers::measure_unit(crate::lang::Lang::Vi, &i.unit),
        measure: i.measure,
        value_text,
        cumulative_text,
        targets_text,
        plan_words: plan.indicator(&i.id).and_then(|p| p.target_text.clone()),
        history_text: format!(
            "{}: {}.",
            if i.measure == Measure::Flow {
                "Lũy kế qua các năm"
            } else {
                "Qua các năm"
            },
            i.history
                .iter()
                .map(|h| match h.value {
                    Some(v) => format!("{}: {}", h.year, value_words(v, &i.unit)),
                    None => format!("{}: chưa có số liệu", h.year),
                })
                .collect::<Vec<_>>()
                .join("; ")
        ),
        assessment_text: a.class.vietnamese().to_string(),
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
fn years_held_words(with: &[i32], without: &[i32]) -> String {
    let list = |years: &[i32]| {
        years
            .iter()
            .map(i32::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match (with.len(), without.is_empty()) {
        (1, true) => format!("năm {}", list(with)),
        (_, true) => format!("cộng dồn các năm {}", list(with)),
        (_, false) => format!(
            "chỉ gồm năm {}; năm {} chưa có số liệu",
            list(with),
            list(without)
        ),
    }
}

/// The path's two points and the value it expects in `year`, or why there is none, in a
/// few words: what the indicators' table shows beside the assessment.
fn basis_words(year: i32, i: &IndicatorResult) -> String {
    let a = &i.assessment;
    let v = |value: f64| value_words(value, &i.unit);
    match (a.class, a.base, a.goal, a.expected, a.measured, a.target) {
        (AssessmentClass::NoTarget, ..) => format!("không còn mục tiêu từ năm {year}"),
        (AssessmentClass::NoData, ..) => format!("chưa có số liệu năm {year}"),
        (AssessmentClass::Achieved, .., Some(measured), Some(target)) => format!(
            "{} so với mục tiêu {} năm {}",
            v(measured),
            target_words(&target, &i.unit),
            target.year
        ),
        (_, Some(base), Some(goal), Some(expected), Some(measured), _) => format!(
            "lộ trình {} (năm {}) → {} (năm {}); kỳ vọng năm {year}: {}; thực hiện{}: {}",
            v(base.value),
            base.year,
            v(goal.value),
            goal.year,
            v(expected),
            partial_words(i),
            v(measured)
        ),
        (.., Some(measured), _) => format!(
            "chỉ có số liệu năm {year}: {}; chưa có giá trị cơ sở để vẽ lộ trình",
            v(measured)
        ),
        _ => String::new(),
    }
}

/// For a flow whose sum lacks some of the plan's years: ` (chưa gồm năm 2023)`.
fn partial_words(i: &IndicatorResult) -> String {
    if i.measure != Measure::Flow || i.years_without_value.is_empty() {
        return String::new();
    }
    let years: Vec<String> = i.years_without_value.iter().map(i32::to_string).collect();
    format!(" (chưa gồm năm {})", years.join(", "))
}

/// How the assessment was reached, in sentences a reader can check with a calculator.
fn explanation_words(year: i32, i: &IndicatorResult, compared: &str) -> String {
    let a = &i.assessment;
    let v = |value: f64| value_words(value, &i.unit);
    let Some(target) = a.target else {
        return "Không còn mục tiêu nào từ năm này trở đi.".to_string();
    };
    let mut out = format!(
        "Mục tiêu gần nhất: {} năm {}.",
        target_words(&target, &i.unit),
        target.year
    );
    let Some(measured) = a.measured else {
        if let Some(base) = a.base {
            out.push_str(&format!(
                " Giá trị cơ sở: {} (năm {}).",
                v(base.value),
                base.year
            ));
        }
        out.push_str(&format!(" Năm {year} chưa có số liệu."));
        return out;
    };
    let compared = compared.to_lowercase();
    match (a.class, a.base, a.goal, a.expected) {
        (AssessmentClass::Achieved, ..) => out.push_str(&format!(
            " {} năm {year} là {}: mục tiêu đã đạt.",
            sentence_case(&compared),
            v(measured)
        )),
        (_, Some(base), Some(goal), Some(expected)) => {
            out.push_str(&format!(
                " Lộ trình là đường thẳng từ {} (năm {}) đến {} (năm {}): mức kỳ vọng năm {year} là {}; {} năm {year} là {}",
                v(base.value),
                base.year,
                v(goal.value),
                goal.year,
                v(expected),
                compared,
                v(measured),
            ));
            out.push_str(&partial_words(i));
            if let Some(ratio) = a.ratio {
                out.push_str(&format!(
                    ", đạt {}% mức tiến triển kỳ vọng (({} − {}) : ({} − {}) = {})",
                    number_words((ratio * 100.0).round()),
                    number_words(measured),
                    number_words(base.value),
                    number_words(expected),
                    number_words(base.value),
                    number_words(ratio)
                ));
            }
            out.push('.');
        }
        _ => out.push_str(&format!(
            " {} năm {year} là {}; chưa có giá trị cơ sở của Kế hoạch và chưa có số liệu của năm nào trước năm {year}, nên chưa vẽ được lộ trình để đánh giá (cần ít nhất hai điểm).",
            sentence_case(&compared),
            v(measured)
        )),
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
    let expected = data.units.iter().filter(|u| u.expected).count();
    let count = |s: Standing| {
        data.units
            .iter()
            .filter(|u| u.expected && u.standing() == s)
            .count()
    };
    let sent = data.units.iter().filter(|u| u.expected && u.sent()).count();
    let mut reporting = format!(
        "Về chế độ báo cáo: {sent}/{expected} cơ quan, đơn vị đã gửi báo cáo ({} đúng hạn, {} trễ hạn, {} chưa xác định được ngày gửi",
        count(Standing::OnTime),
        count(Standing::Late),
        count(Standing::DateUnknown),
    );
    if count(Standing::DateDoubtful) > 0 {
        reporting.push_str(&format!(
            ", {} có ngày gửi không đáng tin cậy",
            count(Standing::DateDoubtful)
        ));
    }
    reporting.push_str(&format!("); {} đơn vị chưa gửi", count(Standing::Missing)));
    if count(Standing::Empty) > 0 {
        reporting.push_str(&format!(
            ", {} đơn vị gửi biểu mẫu để trống",
            count(Standing::Empty)
        ));
    }
    let unexpected = data
        .units
        .iter()
        .filter(|u| !u.expected && u.submitted)
        .count();
    if unexpected > 0 {
        reporting.push_str(&format!(
            "; ngoài ra {unexpected} đơn vị không thuộc diện phải báo cáo đã gửi báo cáo"
        ));
    }
    reporting.push('.');
    let mut summary = vec![reporting];
    if data.rows_with_errors + data.files_with_errors > 0 {
        summary.push(format!(
            "{} dòng số liệu và {} tệp báo cáo có lỗi chưa được tổng hợp; các đơn vị cần sửa theo kết quả kiểm tra (ktplan check).",
            data.rows_with_errors, data.files_with_errors
        ));
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
    let mut tasks = format!(
        "Về thực hiện nhiệm vụ: {done}/{} nhiệm vụ hoàn thành trong năm {}.",
        data.tasks.len(),
        data.year
    );
    if !overdue.is_empty() {
        tasks.push_str(&format!(
            " Các nhiệm vụ chậm tiến độ: {}.",
            overdue.join(", ")
        ));
    }
    summary.push(tasks);
    let behind: Vec<String> = data
        .indicators
        .iter()
        .filter(|i| {
            matches!(
                i.assessment.class,
                AssessmentClass::AtRisk | AssessmentClass::OffTrack
            )
        })
        .map(|i| lowercase_first(&i.name))
        .collect();
    if !behind.is_empty() {
        summary.push(format!(
            "Về các chỉ tiêu: cần tập trung đối với {}.",
            behind.join("; ")
        ));
    }
    // Difficulties, grouped by the plan's item they were met in.
    let mut groups: Vec<TextGroup> = Vec::new();
    for section in &plan.sections {
        let mut items = Vec::new();
        for task in data.tasks.iter().filter(|t| t.section == section.id) {
            for r in task.reports.iter().filter(|r| !r.difficulties.is_empty()) {
                items.push(Said {
                    text: r.difficulties.clone(),
                    by: format!("{}, nhiệm vụ {}", names.name(&r.unit), task.id),
                    source: r.source.clone(),
                });
            }
        }
        if !items.is_empty() {
            groups.push(TextGroup {
                heading: format!(
                    "Về {} (mục {})",
                    lowercase_first(&section.title),
                    section.id
                ),
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
                by: format!("{}, chỉ tiêu {}", names.name(&r.unit), indicator.id),
                source: r.source.clone(),
            });
        }
    }
    if !items.is_empty() {
        groups.push(TextGroup {
            heading: "Về các chỉ tiêu".into(),
            entries: group_texts(items),
        });
    }
    AssessmentChapter {
        heading: "III. ĐÁNH GIÁ CHUNG".into(),
        summary,
        difficulties_heading: "Khó khăn, vướng mắc".into(),
        difficulties: groups,
    }
}

/// `Đổi mới ...` → `đổi mới ...`, leaving names (`Sở ...`) and abbreviations as they are.
fn lowercase_first(text: &str) -> String {
    let mut words = text.split(' ');
    let Some(first) = words.next() else {
        return String::new();
    };
    // Names (Sở, Ủy ban) and abbreviations keep their capitals.
    let keep =
        matches!(first, "Sở" | "Ủy" | "UBND") || first.chars().skip(1).any(char::is_uppercase);
    let first = if keep {
        first.to_string()
    } else {
        let mut chars = first.chars();
        chars
            .next()
            .map(|c| c.to_lowercase().chain(chars).collect())
            .unwrap_or_default()
    };
    std::iter::once(first.as_str())
        .chain(words)
        .collect::<Vec<_>>()
        .join(" ")
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
                format!("nhiệm vụ {}", task.id),
                &r.source,
            );
        }
    }
    for indicator in &data.indicators {
        for r in indicator.reports.iter().filter(|r| !r.proposals.is_empty()) {
            push(
                &r.unit,
                &r.proposals,
                format!("chỉ tiêu {}", indicator.id),
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
        vec!["Các cơ quan, đơn vị không có đề xuất, kiến nghị.".to_string()]
    } else {
        Vec::new()
    };
    Chapter {
        heading: "IV. ĐỀ XUẤT, KIẾN NGHỊ".into(),
        paragraphs,
        items,
    }
}

fn submissions_annex(plan: &Plan, data: &Consolidation, names: &UnitNames) -> Annex {
    let due = data.due_date;
    let mut rows = Vec::new();
    for (n, unit) in data.units.iter().enumerate() {
        let date = match (unit.submitted_on, unit.date_unknown) {
            (Some(day), _) if unit.date_doubtful.is_some() => format!(
                "{} (đáng ngờ: {})",
                day.format("%d/%m/%Y"),
                unit.date_doubtful.map_or("", |d| d.vietnamese())
            ),
            (Some(day), _) => day.format("%d/%m/%Y").to_string(),
            (None, Some(reason)) if unit.submitted => format!("Không rõ ({})", reason.vietnamese()),
            _ => String::new(),
        };
        let standing = match unit.standing() {
            Standing::OnTime => "Đúng hạn",
            Standing::Late => "Trễ hạn",
            Standing::DateUnknown => "Đã gửi, không rõ ngày gửi",
            Standing::DateDoubtful => "Đã gửi, ngày gửi đáng ngờ",
            Standing::Empty => "Biểu mẫu để trống (chưa gửi)",
            Standing::Missing if unit.expected => "Chưa gửi",
            Standing::Missing => "",
        };
        let mut note = Vec::new();
        if !unit.expected {
            note.push("Không thuộc diện phải báo cáo".to_string());
        }
        if unit.errors > 0 {
            note.push(format!("{} lỗi", unit.errors));
        }
        if unit.rows_with_errors > 0 {
            note.push(format!("{} dòng chưa tổng hợp", unit.rows_with_errors));
        }
        rows.push(vec![
            (n + 1).to_string(),
            unit.name.clone().unwrap_or_else(|| names.name(&unit.code)),
            date,
            standing.to_string(),
            note.join("; "),
        ]);
    }
    let list = |s: Standing| -> String {
        let units: Vec<String> = data
            .units
            .iter()
            .filter(|u| u.expected && u.standing() == s)
            .map(|u| names.name(&u.code))
            .collect();
        if units.is_empty() {
            "không có".into()
        } else {
            units.join(", ")
        }
    };
    let paragraphs = vec![
        format!(
            "Hạn gửi báo cáo: trước {} (Kế hoạch số {}).",
            date_words(due),
            plan.meta.id
        ),
        format!("Đơn vị gửi trễ hạn: {}.", list(Standing::Late)),
        format!("Đơn vị chưa gửi báo cáo: {}.", list(Standing::Missing)),
        format!(
            "Đơn vị đã gửi nhưng không xác định được ngày gửi: {}.",
            list(Standing::DateUnknown)
        ),
    ];
    let mut paragraphs = paragraphs;
    for (standing, words) in [
        (
            Standing::DateDoubtful,
            "Đơn vị có ngày gửi đáng ngờ (trước năm báo cáo hoặc sau ngày commit), không tính là đúng hạn",
        ),
        (
            Standing::Empty,
            "Đơn vị gửi biểu mẫu để trống, chưa tính là đã gửi",
        ),
    ] {
        if data
            .units
            .iter()
            .any(|u| u.expected && u.standing() == standing)
        {
            paragraphs.push(format!("{words}: {}.", list(standing)));
        }
    }
    let unexpected: Vec<String> = data
        .units
        .iter()
        .filter(|u| !u.expected && u.submitted)
        .map(|u| names.name(&u.code))
        .collect();
    if !unexpected.is_empty() {
        paragraphs.push(format!(
            "Đơn vị không thuộc diện phải báo cáo năm {} nhưng đã gửi báo cáo (không tính vào số đơn vị đã gửi): {}.",
            data.year,
            unexpected.join(", ")
        ));
    }
    Annex {
        label: "Phụ lục 1".into(),
        title: format!("TÌNH HÌNH GỬI BÁO CÁO NĂM {}", data.year),
        attached_to: String::new(),
        paragraphs,
        tables: vec![AnnexTable {
            caption: None,
            header: [
                "STT",
                "Cơ quan, đơn vị",
                "Ngày gửi",
                "Tình trạng",
                "Ghi chú",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        }],
    }
}

fn support_annex(data: &Consolidation, names: &UnitNames) -> Option<Annex> {
    let tables: Vec<AnnexTable> = data
        .tasks
        .iter()
        .filter(|t| t.rows(Role::Support).count() > SUPPORT_SUMMARY_THRESHOLD)
        .map(|t| AnnexTable {
            caption: Some(format!("Nhiệm vụ {}. {}", t.id, t.title)),
            header: ["STT", "Đơn vị phối hợp", "Tình trạng", "Kết quả"]
                .map(String::from)
                .to_vec(),
            rows: t
                .rows(Role::Support)
                .enumerate()
                .map(|(n, r)| {
                    vec![
                        (n + 1).to_string(),
                        names.name(&r.unit),
                        status_words(r.status).to_string(),
                        r.result.clone(),
                    ]
                })
                .collect(),
        })
        .collect();
    (!tables.is_empty()).then(|| Annex {
        label: "Phụ lục 2".into(),
        title: format!("KẾT QUẢ CỦA CÁC ĐƠN VỊ PHỐI HỢP NĂM {}", data.year),
        attached_to: String::new(),
        paragraphs: Vec::new(),
        tables,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_decree_30() {
        let d = |y, m, day| date_words(NaiveDate::from_ymd_opt(y, m, day).unwrap());
        assert_eq!(d(2024, 2, 5), "ngày 05 tháng 02 năm 2024");
        assert_eq!(d(2024, 1, 15), "ngày 15 tháng 01 năm 2024");
        assert_eq!(d(2024, 3, 9), "ngày 09 tháng 3 năm 2024");
        assert_eq!(d(2024, 12, 25), "ngày 25 tháng 12 năm 2024");
    }

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
