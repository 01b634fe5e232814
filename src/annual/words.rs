//! Every word the annual report (and the site, which reuses it) sets around the plan's
//! data, as typed facts: [`Phrase`] names what is said and carries the figures, and
//! [`vi`] and [`en`] say it, each one exhaustive `match`, so a sentence cannot exist in
//! one language only. Plan data (task texts, unit names, what a unit wrote) passes
//! through as the plan and the reports write it.

use chrono::{Datelike, NaiveDate};

use crate::consolidate::{AssessmentClass, Doubt, Standing, TaskStatus};
use crate::lang::{self, Lang};
use crate::load::git::Unknown;
use crate::model::Status;

/// No-break spaces: the gap left for a number filled in by hand.
const GAP: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

macro_rules! phrases {
    ($( $(#[$doc:meta])* $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? , )*) => {
        /// One thing the report says, with its facts.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(missing_docs)]
        pub(crate) enum Phrase<'a> { $( $(#[$doc])* $name $({ $($field: $ty),* })?, )* }

        #[cfg(test)]
        impl Phrase<'_> {
            /// The variant's name, for the test that holds the catalogue complete.
            pub(crate) fn kind(&self) -> &'static str {
                match self { $( Phrase::$name { .. } => stringify!($name), )* }
            }

            /// The name of every variant.
            pub(crate) const KINDS: &'static [&'static str] = &[$(stringify!($name)),*];
        }
    };
}

phrases! {
    // ---- The header, the title, the closing and the signature.
    /// The national name above the motto.
    Motto,
    /// The motto.
    MottoLine,
    /// `Số: 12/BC-SKHCN`, the number left blank without one.
    Number { number: Option<&'a str>, coordinator: &'a str },
    /// A date as an administrative document writes it.
    Date { date: NaiveDate },
    /// The date left to fill in by hand.
    BlankDate,
    /// The document's kind, above its subject.
    Title,
    /// The report's subject.
    Subtitle { plan: &'a str, year: i32 },
    /// The first paragraph.
    Introduction { plan: &'a str, issued: NaiveDate, issuer: &'a str, title: &'a str, coordinator: &'a str, year: i32 },
    /// How many of the units due to report were compiled.
    Coverage { sent: usize, expected: usize },
    /// Under an annex's title: the report it belongs to.
    AttachedTo { number: Option<&'a str>, coordinator: &'a str, date: &'a str, name: &'a str },
    /// The last sentence before the signature.
    Closing { plan: &'a str, year: i32, coordinator: &'a str },
    /// Before the list of recipients.
    RecipientsHeading,
    /// The signer's title when the plan names none.
    DefaultSigner,
    /// A deputy signs on the head's behalf.
    OnBehalfOf { title: &'a str },
    // ---- I. Results.
    /// Chapter I's heading.
    ResultsHeading,
    /// The tasks counted by status.
    TaskCounts { total: usize, year: i32, done: usize, in_progress: usize, not_started: usize, overdue: usize, not_applicable: usize, missing: usize, no_reporter: usize },
    /// A top-level section of the plan.
    PartHeading { id: &'a str, title: &'a str },
    /// A task's heading.
    TaskHeading { id: &'a str, title: &'a str },
    /// A task's lead and status; no lead means any unit concerned.
    TaskSummary { lead: Option<&'a str>, status: &'a str },
    /// A task's status, with the year it was done or was due.
    TaskStatusWords { status: TaskStatus, done_in: Option<i32>, due: Option<i32> },
    /// Before the support units' contributions.
    SupportLabel,
    /// Many support rows, counted instead of printed.
    SupportSummary { units: usize, done: usize },
    /// The units that reported nothing arose this year.
    NotApplicableUnits { units: &'a str },
    /// A unit's words on a task, attributed.
    Contribution { name: &'a str, status: Status, words: &'a str },
    /// A unit said nothing arose, without other words.
    NothingArose,
    /// A unit gave no result.
    NoResultGiven,
    // ---- II. Indicators.
    /// Chapter II's heading.
    IndicatorsHeading,
    /// The indicators counted, and how they are assessed.
    IndicatorMethod { total: usize, year: i32, good: usize, unassessed: usize },
    /// The indicators' table header.
    IndicatorColumns { year: i32 },
    /// The caption under a chart.
    ChartCaption { number: Option<usize>, percent: bool, flow: bool },
    /// Before an indicator's assessment.
    AssessmentLabel,
    /// Before the plan's own words for the targets.
    PlanTargetLabel,
    /// An indicator's assessment.
    Assessment { class: AssessmentClass },
    /// Several units gave a single-unit indicator different values.
    ValueConflict,
    /// No value.
    NoValue,
    /// The only year a flow holds.
    OneYearHeld { years: &'a str },
    /// The years a flow adds up.
    YearsHeld { years: &'a str },
    /// The years a flow holds and those without a value.
    SomeYearsHeld { with: &'a str, without: &'a str },
    /// A target and its year.
    TargetInYear { target: &'a str, year: i32 },
    /// A target between two bounds.
    Between { min: &'a str, max: &'a str },
    /// The values over the years.
    History { flow: bool, entries: &'a str },
    /// One year's value over the years.
    YearValue { year: i32, value: Option<&'a str> },
    /// The table's basis: no target left.
    NoTargetFrom { year: i32 },
    /// The table's basis: no value this year.
    NoValueIn { year: i32 },
    /// The table's basis: the target is met.
    MetAgainst { measured: &'a str, target: &'a str, year: i32 },
    /// The table's basis: the path and the value it expects.
    PathBasis { base: &'a str, base_year: i32, goal: &'a str, goal_year: i32, year: i32, expected: &'a str, partial: &'a str, measured: &'a str },
    /// The table's basis: one year and no base.
    OnlyThisYear { year: i32, measured: &'a str },
    /// A flow's sum lacks some years.
    Partial { years: &'a str },
    /// The value compared with the path: the cumulative amount of a flow.
    Compared { flow: bool },
    /// The explanation: no target from this year on.
    NoTargetLeft,
    /// The explanation: the nearest target.
    NearestTarget { target: &'a str, year: i32 },
    /// The explanation: the base value.
    BaseValue { value: &'a str, year: i32 },
    /// The explanation: no value this year.
    NoValueThisYear { year: i32 },
    /// The explanation: the target is met.
    TargetMet { compared: &'a str, year: i32, measured: &'a str },
    /// The explanation: the path and the value it expects.
    PathExplained { base: &'a str, base_year: i32, goal: &'a str, goal_year: i32, year: i32, expected: &'a str, compared: &'a str, measured: &'a str },
    /// The explanation: the ratio of the progress made to the progress expected.
    Ratio { percent: &'a str, measured: &'a str, base: &'a str, expected: &'a str, ratio: &'a str },
    /// The explanation: one point only, no path.
    NoPath { compared: &'a str, year: i32, measured: &'a str },
    // ---- III. General assessment.
    /// Chapter III's heading.
    AssessmentHeading,
    /// The submissions counted.
    Reporting { sent: usize, expected: usize, on_time: usize, late: usize, unknown: usize, doubtful: usize, missing: usize, empty: usize, unexpected: usize },
    /// Rows and files left out for their errors.
    RowsWithErrors { rows: usize, files: usize },
    /// The tasks done, and those overdue.
    TasksDone { done: usize, total: usize, year: i32, overdue: &'a str },
    /// The indicators at risk or off track.
    Behind { indicators: &'a str },
    /// Before the difficulties.
    DifficultiesHeading,
    /// Where no unit named a difficulty.
    NoDifficulties,
    /// Who wrote a text, about a task.
    ByOnTask { name: &'a str, task: &'a str },
    /// Who wrote a text, about an indicator.
    ByOnIndicator { name: &'a str, indicator: &'a str },
    /// The difficulties met in one section of the plan.
    SectionGroup { title: &'a str, id: &'a str },
    /// The difficulties met with the indicators.
    IndicatorsGroup,
    // ---- IV. Proposals.
    /// Chapter IV's heading.
    ProposalsHeading,
    /// A proposal about a task.
    AboutTask { id: &'a str },
    /// A proposal about an indicator.
    AboutIndicator { id: &'a str },
    /// Where no unit made a proposal.
    NoProposals,
    // ---- The annexes.
    /// An annex's label.
    AnnexLabel { number: usize },
    /// Annex 1's title.
    SubmissionsTitle { year: i32 },
    /// Annex 1's table header.
    SubmissionColumns,
    /// A day in a table.
    Day { date: NaiveDate },
    /// A doubtful submission day.
    DoubtfulDay { date: NaiveDate, doubt: Doubt },
    /// A submission whose day is not known.
    UnknownDay { reason: Unknown },
    /// Where a submission stands, in the annex.
    StandingWords { standing: Standing },
    /// A unit not due to report.
    NotExpected,
    /// A unit's errors.
    Errors { count: usize },
    /// A unit's rows left out.
    RowsLeftOut { count: usize },
    /// An empty list.
    NoUnit,
    /// When reports were due.
    DueBefore { date: NaiveDate, plan: &'a str },
    /// The units late.
    LateUnits { units: &'a str },
    /// The units missing.
    MissingUnits { units: &'a str },
    /// The units whose day is not known.
    UnknownDayUnits { units: &'a str },
    /// The units whose day is doubtful.
    DoubtfulUnits { units: &'a str },
    /// The units that sent an empty form.
    EmptyUnits { units: &'a str },
    /// The units that reported without being due to.
    UnexpectedUnits { year: i32, units: &'a str },
    /// Annex 2's title.
    SupportTitle { year: i32 },
    /// Annex 2's table header.
    SupportColumns,
    // ---- The charts.
    /// A chart's title.
    ChartTitle { name: &'a str },
    /// A chart's name among the document's pictures.
    ChartName { number: usize },
    /// The legend of the values.
    Done { flow: bool },
    /// The legend of the targets.
    Target,
    /// The legend of the path.
    BaseAndPath,
}

impl Phrase<'_> {
    /// The words in `lang`.
    pub(crate) fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => vi(self),
            Lang::En => en(self),
        }
    }
}

/// A date as Decree 30/2020/NĐ-CP writes it: `ngày 05 tháng 02 năm 2024` (a leading zero
/// for days 1-9 and months 1-2).
pub(crate) fn vi_date(date: NaiveDate) -> String {
    let month = if date.month() <= 2 {
        format!("{:02}", date.month())
    } else {
        date.month().to_string()
    };
    format!("ngày {:02} tháng {month} năm {}", date.day(), date.year())
}

/// A date as English documents write it: `5 February 2024`.
pub(crate) fn en_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The first letter upper-case.
fn capital(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `the plan's 3 tasks`: a count and its noun, singular for one.
fn n(count: usize, one: &str, many: &str) -> String {
    lang::count(Lang::En, count, "", one, many)
}

fn vi(p: &Phrase) -> String {
    use Phrase::*;
    match p {
        Motto => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
        MottoLine => "Độc lập - Tự do - Hạnh phúc".into(),
        Number {
            number: Some(n),
            coordinator,
        } => format!("Số: {n}/BC-{coordinator}"),
        Number {
            number: None,
            coordinator,
        } => format!("Số:{GAP}/BC-{coordinator}"),
        Date { date } => vi_date(*date),
        BlankDate => "ngày ... tháng ... năm ...".into(),
        Title => "BÁO CÁO".into(),
        Subtitle { plan, year } => {
            format!("Kết quả triển khai thực hiện Kế hoạch số {plan} năm {year}")
        }
        Introduction {
            plan,
            issued,
            issuer,
            title,
            coordinator,
            year,
        } => format!(
            "Thực hiện Kế hoạch số {plan} {} của {issuer} ({title}), trên cơ sở báo cáo của các cơ quan, đơn vị, {coordinator} báo cáo kết quả triển khai thực hiện năm {year} như sau:",
            vi_date(*issued)
        ),
        Coverage { sent, expected } => format!(
            "Số liệu được tổng hợp từ báo cáo của {sent}/{expected} cơ quan, đơn vị phải báo cáo (chi tiết tại Phụ lục 1)."
        ),
        AttachedTo {
            number,
            coordinator,
            date,
            name,
        } => format!(
            "(Kèm theo Báo cáo {}/BC-{coordinator} {date} của {name})",
            number.map_or(format!("số{GAP}"), |n| format!("số {n}"))
        ),
        Closing {
            plan,
            year,
            coordinator,
        } => format!(
            "Trên đây là báo cáo kết quả triển khai thực hiện Kế hoạch số {plan} năm {year} của {coordinator}./."
        ),
        RecipientsHeading => "Nơi nhận:".into(),
        DefaultSigner => "THỦ TRƯỞNG CƠ QUAN".into(),
        OnBehalfOf { title } => format!("KT. {title}"),
        ResultsHeading => "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP".into(),
        TaskCounts {
            total,
            year,
            done,
            in_progress,
            not_started,
            overdue,
            not_applicable,
            missing,
            no_reporter,
        } => format!(
            "Kế hoạch có {total} nhiệm vụ; năm {year}: {done} nhiệm vụ hoàn thành, {in_progress} đang thực hiện, {not_started} chưa thực hiện, {overdue} chậm tiến độ, {not_applicable} không phát sinh, {missing} chưa có báo cáo của đơn vị chủ trì{}.",
            match no_reporter {
                0 => String::new(),
                n => format!(
                    ", {n} không có đơn vị báo cáo (không đơn vị nào thuộc diện phải báo cáo)"
                ),
            }
        ),
        PartHeading { id, title } => format!("Mục {id}. {title}"),
        TaskHeading { id, title } => format!("Nhiệm vụ {id}. {title}"),
        TaskSummary { lead, status } => format!(
            "Đơn vị chủ trì: {}. Tình trạng: {status}.",
            lead.unwrap_or(lang::any_unit(Lang::Vi))
        ),
        TaskStatusWords {
            status,
            done_in,
            due,
        } => {
            let words = lang::task_status(Lang::Vi, *status);
            match (status, done_in, due) {
                (TaskStatus::Done, Some(year), _) => format!("{words} (từ năm {year})"),
                (TaskStatus::Overdue, _, Some(due)) => {
                    format!("{words} (hạn hoàn thành năm {due})")
                }
                _ => words.to_string(),
            }
        }
        SupportLabel => "Các đơn vị phối hợp:".into(),
        SupportSummary { units, done } => format!(
            "Có {units} đơn vị phối hợp báo cáo kết quả ({done} đơn vị báo cáo hoàn thành phần việc của mình); kết quả của từng đơn vị tại Phụ lục 2."
        ),
        NotApplicableUnits { units } => format!("Không phát sinh trong năm: {units}."),
        Contribution {
            name,
            status,
            words,
        } => format!(
            "{name} ({}): {words}",
            lang::row_status(Lang::Vi, *status).to_lowercase()
        ),
        NothingArose => "Không phát sinh.".into(),
        NoResultGiven => "Không nêu kết quả cụ thể.".into(),
        IndicatorsHeading => "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU".into(),
        IndicatorMethod {
            total,
            year,
            good,
            unassessed,
        } => format!(
            "Kế hoạch đặt {total} chỉ tiêu định lượng; năm {year}, {good} chỉ tiêu đã đạt hoặc đúng lộ trình{}. Đánh giá so với mục tiêu gần nhất theo lộ trình tuyến tính từ giá trị cơ sở (giá trị cơ sở của Kế hoạch, hoặc số liệu của năm đầu tiên có báo cáo) đến mục tiêu: đúng lộ trình khi đạt từ 95% mức kỳ vọng, có nguy cơ không đạt khi đạt từ 60% đến dưới 95%, chậm so với lộ trình khi dưới 60%; khi mới có số liệu của một năm thì chưa đủ hai điểm để vẽ lộ trình và chưa đánh giá.",
            match unassessed {
                0 => String::new(),
                n => format!(
                    ", {n} chỉ tiêu chưa đủ số liệu để đánh giá (mới có số liệu của một năm, chưa có giá trị cơ sở)"
                ),
            }
        ),
        IndicatorColumns { year } => [
            "STT",
            "Chỉ tiêu",
            "Đơn vị tính",
            &format!("Năm {year}"),
            "Lũy kế",
            "Mục tiêu",
            "Đánh giá",
        ]
        .join("\t"),
        ChartCaption {
            number,
            percent,
            flow,
        } => format!(
            "Biểu đồ{}{}: giá trị {}qua các năm và mục tiêu",
            number.map(|n| format!(" {n}")).unwrap_or_default(),
            if *percent { " (%)" } else { "" },
            if *flow { "lũy kế " } else { "" }
        ),
        AssessmentLabel => "Đánh giá:".into(),
        PlanTargetLabel => "Mục tiêu theo Kế hoạch:".into(),
        Assessment { class } => lang::assessment(Lang::Vi, *class).into(),
        ValueConflict => "chưa xác định (nhiều đơn vị báo cáo số liệu khác nhau)".into(),
        NoValue => "chưa có số liệu".into(),
        OneYearHeld { years } => format!("năm {years}"),
        YearsHeld { years } => format!("cộng dồn các năm {years}"),
        SomeYearsHeld { with, without } => {
            format!("chỉ gồm năm {with}; năm {without} chưa có số liệu")
        }
        TargetInYear { target, year } => format!("{target} năm {year}"),
        Between { min, max } => format!("từ {min} đến {max}"),
        History { flow, entries } => format!(
            "{}: {entries}.",
            if *flow {
                "Lũy kế qua các năm"
            } else {
                "Qua các năm"
            }
        ),
        YearValue { year, value } => match value {
            Some(value) => format!("{year}: {value}"),
            None => format!("{year}: chưa có số liệu"),
        },
        NoTargetFrom { year } => format!("không còn mục tiêu từ năm {year}"),
        NoValueIn { year } => format!("chưa có số liệu năm {year}"),
        MetAgainst {
            measured,
            target,
            year,
        } => format!("{measured} so với mục tiêu {target} năm {year}"),
        PathBasis {
            base,
            base_year,
            goal,
            goal_year,
            year,
            expected,
            partial,
            measured,
        } => format!(
            "lộ trình {base} (năm {base_year}) → {goal} (năm {goal_year}); kỳ vọng năm {year}: {expected}; thực hiện{partial}: {measured}"
        ),
        OnlyThisYear { year, measured } => {
            format!("chỉ có số liệu năm {year}: {measured}; chưa có giá trị cơ sở để vẽ lộ trình")
        }
        Partial { years } => format!(" (chưa gồm năm {years})"),
        Compared { flow } => if *flow {
            "Giá trị lũy kế"
        } else {
            "Giá trị"
        }
        .into(),
        NoTargetLeft => "Không còn mục tiêu nào từ năm này trở đi.".into(),
        NearestTarget { target, year } => format!("Mục tiêu gần nhất: {target} năm {year}."),
        BaseValue { value, year } => format!(" Giá trị cơ sở: {value} (năm {year})."),
        NoValueThisYear { year } => format!(" Năm {year} chưa có số liệu."),
        TargetMet {
            compared,
            year,
            measured,
        } => format!(" {compared} năm {year} là {measured}: mục tiêu đã đạt."),
        PathExplained {
            base,
            base_year,
            goal,
            goal_year,
            year,
            expected,
            compared,
            measured,
        } => format!(
            " Lộ trình là đường thẳng từ {base} (năm {base_year}) đến {goal} (năm {goal_year}): mức kỳ vọng năm {year} là {expected}; {} năm {year} là {measured}",
            compared.to_lowercase()
        ),
        Ratio {
            percent,
            measured,
            base,
            expected,
            ratio,
        } => format!(
            ", đạt {percent}% mức tiến triển kỳ vọng (({measured} − {base}) : ({expected} − {base}) = {ratio})"
        ),
        NoPath {
            compared,
            year,
            measured,
        } => format!(
            " {compared} năm {year} là {measured}; chưa có giá trị cơ sở của Kế hoạch và chưa có số liệu của năm nào trước năm {year}, nên chưa vẽ được lộ trình để đánh giá (cần ít nhất hai điểm)."
        ),
        AssessmentHeading => "III. ĐÁNH GIÁ CHUNG".into(),
        Reporting {
            sent,
            expected,
            on_time,
            late,
            unknown,
            doubtful,
            missing,
            empty,
            unexpected,
        } => {
            let mut out = format!(
                "Về chế độ báo cáo: {sent}/{expected} cơ quan, đơn vị đã gửi báo cáo ({on_time} đúng hạn, {late} trễ hạn, {unknown} chưa xác định được ngày gửi"
            );
            if *doubtful > 0 {
                out.push_str(&format!(", {doubtful} có ngày gửi không đáng tin cậy"));
            }
            out.push_str(&format!("); {missing} đơn vị chưa gửi"));
            if *empty > 0 {
                out.push_str(&format!(", {empty} đơn vị gửi biểu mẫu để trống"));
            }
            if *unexpected > 0 {
                out.push_str(&format!(
                    "; ngoài ra {unexpected} đơn vị không thuộc diện phải báo cáo đã gửi báo cáo"
                ));
            }
            out.push('.');
            out
        }
        RowsWithErrors { rows, files } => format!(
            "{rows} dòng số liệu và {files} tệp báo cáo có lỗi chưa được tổng hợp; các đơn vị cần sửa theo kết quả kiểm tra (ktplan check)."
        ),
        TasksDone {
            done,
            total,
            year,
            overdue,
        } => {
            let mut out = format!(
                "Về thực hiện nhiệm vụ: {done}/{total} nhiệm vụ hoàn thành trong năm {year}."
            );
            if !overdue.is_empty() {
                out.push_str(&format!(" Các nhiệm vụ chậm tiến độ: {overdue}."));
            }
            out
        }
        Behind { indicators } => format!("Về các chỉ tiêu: cần tập trung đối với {indicators}."),
        DifficultiesHeading => "Khó khăn, vướng mắc".into(),
        NoDifficulties => "Các cơ quan, đơn vị không nêu khó khăn, vướng mắc.".into(),
        ByOnTask { name, task } => format!("{name}, nhiệm vụ {task}"),
        ByOnIndicator { name, indicator } => format!("{name}, chỉ tiêu {indicator}"),
        SectionGroup { title, id } => format!("Về {} (mục {id})", lowercase_first(title)),
        IndicatorsGroup => "Về các chỉ tiêu".into(),
        ProposalsHeading => "IV. ĐỀ XUẤT, KIẾN NGHỊ".into(),
        AboutTask { id } => format!("nhiệm vụ {id}"),
        AboutIndicator { id } => format!("chỉ tiêu {id}"),
        NoProposals => "Các cơ quan, đơn vị không có đề xuất, kiến nghị.".into(),
        AnnexLabel { number } => format!("Phụ lục {number}"),
        SubmissionsTitle { year } => format!("TÌNH HÌNH GỬI BÁO CÁO NĂM {year}"),
        SubmissionColumns => [
            "STT",
            "Cơ quan, đơn vị",
            "Ngày gửi",
            "Tình trạng",
            "Ghi chú",
        ]
        .join("\t"),
        Day { date } => lang::date(Lang::Vi, *date),
        DoubtfulDay { date, doubt } => format!(
            "{} (đáng ngờ: {})",
            lang::date(Lang::Vi, *date),
            doubt.vietnamese()
        ),
        UnknownDay { reason } => format!("Không rõ ({})", reason.vietnamese()),
        StandingWords { standing } => match standing {
            Standing::OnTime => "Đúng hạn",
            Standing::Late => "Trễ hạn",
            Standing::DateUnknown => "Đã gửi, không rõ ngày gửi",
            Standing::DateDoubtful => "Đã gửi, ngày gửi đáng ngờ",
            Standing::Empty => "Biểu mẫu để trống (chưa gửi)",
            Standing::Missing => "Chưa gửi",
        }
        .into(),
        NotExpected => "Không thuộc diện phải báo cáo".into(),
        Errors { count } => format!("{count} lỗi"),
        RowsLeftOut { count } => format!("{count} dòng chưa tổng hợp"),
        NoUnit => "không có".into(),
        DueBefore { date, plan } => {
            format!(
                "Hạn gửi báo cáo: trước {} (Kế hoạch số {plan}).",
                vi_date(*date)
            )
        }
        LateUnits { units } => format!("Đơn vị gửi trễ hạn: {units}."),
        MissingUnits { units } => format!("Đơn vị chưa gửi báo cáo: {units}."),
        UnknownDayUnits { units } => {
            format!("Đơn vị đã gửi nhưng không xác định được ngày gửi: {units}.")
        }
        DoubtfulUnits { units } => format!(
            "Đơn vị có ngày gửi đáng ngờ (trước năm báo cáo hoặc sau ngày commit), không tính là đúng hạn: {units}."
        ),
        EmptyUnits { units } => {
            format!("Đơn vị gửi biểu mẫu để trống, chưa tính là đã gửi: {units}.")
        }
        UnexpectedUnits { year, units } => format!(
            "Đơn vị không thuộc diện phải báo cáo năm {year} nhưng đã gửi báo cáo (không tính vào số đơn vị đã gửi): {units}."
        ),
        SupportTitle { year } => format!("KẾT QUẢ CỦA CÁC ĐƠN VỊ PHỐI HỢP NĂM {year}"),
        SupportColumns => ["STT", "Đơn vị phối hợp", "Tình trạng", "Kết quả"].join("\t"),
        ChartTitle { name } => format!("Diễn biến {name} qua các năm"),
        ChartName { number } => format!("Biểu đồ {number}"),
        Done { flow } => if *flow {
            "Lũy kế thực hiện"
        } else {
            "Thực hiện"
        }
        .into(),
        Target => "Mục tiêu".into(),
        BaseAndPath => "Cơ sở và lộ trình đến mục tiêu".into(),
    }
}

fn en(p: &Phrase) -> String {
    use Phrase::*;
    match p {
        Motto => "SOCIALIST REPUBLIC OF VIET NAM".into(),
        MottoLine => "Independence - Freedom - Happiness".into(),
        Number {
            number: Some(n),
            coordinator,
        } => format!("No.: {n}/BC-{coordinator}"),
        Number {
            number: None,
            coordinator,
        } => format!("No.:{GAP}/BC-{coordinator}"),
        Date { date } => en_date(*date),
        BlankDate => "day ... month ... year ...".into(),
        Title => "REPORT".into(),
        Subtitle { plan, year } => {
            format!("Results of the implementation of Plan No. {plan} in {year}")
        }
        Introduction {
            plan,
            issued,
            issuer,
            title,
            coordinator,
            year,
        } => format!(
            "Pursuant to Plan No. {plan} of {} of {issuer} ({title}), and on the basis of the reports of the agencies and units, {coordinator} reports the results of its implementation in {year} as follows:",
            en_date(*issued)
        ),
        Coverage { sent, expected } => format!(
            "The figures are compiled from the reports of {sent} of the {} due to report (details in Annex 1).",
            n(*expected, "agency or unit", "agencies and units")
        ),
        AttachedTo {
            number,
            coordinator,
            date,
            name,
        } => format!(
            "(Attached to Report No. {}/BC-{coordinator} of {date} of {name})",
            number.unwrap_or(GAP)
        ),
        Closing {
            plan,
            year,
            coordinator,
        } => format!(
            "This is the report of {coordinator} on the results of the implementation of Plan No. {plan} in {year}."
        ),
        RecipientsHeading => "Recipients:".into(),
        DefaultSigner => "HEAD OF THE AGENCY".into(),
        OnBehalfOf { title } => format!("P.P. {title}"),
        ResultsHeading => "I. RESULTS OF THE TASKS AND SOLUTIONS".into(),
        TaskCounts {
            total,
            year,
            done,
            in_progress,
            not_started,
            overdue,
            not_applicable,
            missing,
            no_reporter,
        } => format!(
            "The plan has {}; in {year}: {done} done, {in_progress} in progress, {not_started} not started, {overdue} overdue, {not_applicable} not applicable, {missing} without a report from the lead unit{}.",
            n(*total, "task", "tasks"),
            match no_reporter {
                0 => String::new(),
                n => format!(", {n} with no reporting unit (no unit is due to report on it)"),
            }
        ),
        PartHeading { id, title } => format!("Section {id}. {title}"),
        TaskHeading { id, title } => format!("Task {id}. {title}"),
        TaskSummary { lead, status } => format!(
            "Lead: {}. Status: {status}.",
            lead.unwrap_or(lang::any_unit(Lang::En))
        ),
        TaskStatusWords {
            status,
            done_in,
            due,
        } => {
            let words = capital(lang::task_status(Lang::En, *status));
            match (status, done_in, due) {
                (TaskStatus::Done, Some(year), _) => format!("{words} (since {year})"),
                (TaskStatus::Overdue, _, Some(due)) => format!("{words} (due in {due})"),
                _ => words,
            }
        }
        SupportLabel => "Supporting units:".into(),
        SupportSummary { units, done } => format!(
            "{} reported results ({done} of them reported their part done); each unit's result is in Annex 2.",
            n(*units, "supporting unit", "supporting units")
        ),
        NotApplicableUnits { units } => format!("Nothing arose this year: {units}."),
        Contribution {
            name,
            status,
            words,
        } => format!("{name} ({}): {words}", lang::row_status(Lang::En, *status)),
        NothingArose => "Nothing arose.".into(),
        NoResultGiven => "No specific result given.".into(),
        IndicatorsHeading => "II. RESULTS FOR THE INDICATORS".into(),
        IndicatorMethod {
            total,
            year,
            good,
            unassessed,
        } => format!(
            "The plan sets {}; in {year}, {good} achieved or on track{}. Each is assessed against its nearest target along a straight path from the base value (the plan's base value, or the value of the first year reported) to the target: on track at 95% or more of the expected progress, at risk from 60% to under 95%, off track under 60%; with one year of data there are not yet two points to draw a path, and no assessment is made.",
            n(*total, "quantitative indicator", "quantitative indicators"),
            match unassessed {
                0 => String::new(),
                n => format!(
                    ", {n} with too little data to assess (one year of data and no base value)"
                ),
            }
        ),
        IndicatorColumns { year } => [
            "No.",
            "Indicator",
            "Unit",
            &year.to_string(),
            "Cumulative",
            "Target",
            "Assessment",
        ]
        .join("\t"),
        ChartCaption {
            number,
            percent,
            flow,
        } => format!(
            "Chart{}{}: {} over the years and targets",
            number.map(|n| format!(" {n}")).unwrap_or_default(),
            if *percent { " (%)" } else { "" },
            if *flow { "cumulative values" } else { "values" }
        ),
        AssessmentLabel => "Assessment:".into(),
        PlanTargetLabel => "Target in the plan:".into(),
        Assessment { class } => capital(lang::assessment(Lang::En, *class)),
        ValueConflict => "undetermined (several units reported different values)".into(),
        NoValue => "no data".into(),
        OneYearHeld { years } => format!("year {years}"),
        YearsHeld { years } => format!("sum of the years {years}"),
        SomeYearsHeld { with, without } => {
            format!("only the year {with}; no data for {without}")
        }
        TargetInYear { target, year } => format!("{target} in {year}"),
        Between { min, max } => format!("from {min} to {max}"),
        History { flow, entries } => format!(
            "{}: {entries}.",
            if *flow {
                "Cumulative over the years"
            } else {
                "Over the years"
            }
        ),
        YearValue { year, value } => match value {
            Some(value) => format!("{year}: {value}"),
            None => format!("{year}: no data"),
        },
        NoTargetFrom { year } => format!("no target left from {year}"),
        NoValueIn { year } => format!("no data for {year}"),
        MetAgainst {
            measured,
            target,
            year,
        } => format!("{measured} against the target {target} in {year}"),
        PathBasis {
            base,
            base_year,
            goal,
            goal_year,
            year,
            expected,
            partial,
            measured,
        } => format!(
            "path {base} ({base_year}) → {goal} ({goal_year}); expected in {year}: {expected}; achieved{partial}: {measured}"
        ),
        OnlyThisYear { year, measured } => {
            format!("data for {year} only: {measured}; no base value to draw a path")
        }
        Partial { years } => format!(" (without {years})"),
        Compared { flow } => if *flow { "Cumulative value" } else { "Value" }.into(),
        NoTargetLeft => "No target is left from this year on.".into(),
        NearestTarget { target, year } => format!("Nearest target: {target} in {year}."),
        BaseValue { value, year } => format!(" Base value: {value} ({year})."),
        NoValueThisYear { year } => format!(" No data for {year}."),
        TargetMet {
            compared,
            year,
            measured,
        } => format!(" {compared} in {year} is {measured}: the target is achieved."),
        PathExplained {
            base,
            base_year,
            goal,
            goal_year,
            year,
            expected,
            compared,
            measured,
        } => format!(
            " The path is a straight line from {base} ({base_year}) to {goal} ({goal_year}): the expected level in {year} is {expected}; the {} in {year} is {measured}",
            compared.to_lowercase()
        ),
        Ratio {
            percent,
            measured,
            base,
            expected,
            ratio,
        } => format!(
            ", which is {percent}% of the expected progress (({measured} − {base}) / ({expected} − {base}) = {ratio})"
        ),
        NoPath {
            compared,
            year,
            measured,
        } => format!(
            " {compared} in {year} is {measured}; the plan gives no base value and no year before {year} has data, so no path can be drawn to assess it (two points at least are needed)."
        ),
        AssessmentHeading => "III. GENERAL ASSESSMENT".into(),
        Reporting {
            sent,
            expected,
            on_time,
            late,
            unknown,
            doubtful,
            missing,
            empty,
            unexpected,
        } => {
            let mut out = format!(
                "Reporting: {sent} of the {} due to report sent a report ({on_time} on time, {late} late, {unknown} on a day not known",
                n(*expected, "agency or unit", "agencies and units")
            );
            if *doubtful > 0 {
                out.push_str(&format!(", {doubtful} on a doubtful day"));
            }
            out.push_str(&format!("); {missing} not sent"));
            if *empty > 0 {
                out.push_str(&format!(", {empty} sent an empty form"));
            }
            if *unexpected > 0 {
                out.push_str(&format!(
                    "; besides, {} not due to report sent a report",
                    n(*unexpected, "unit", "units")
                ));
            }
            out.push('.');
            out
        }
        RowsWithErrors { rows, files } => format!(
            "{} and {} with errors were not compiled; the units should correct them as the check shows (ktplan check).",
            n(*rows, "data row", "data rows"),
            n(*files, "report file", "report files")
        ),
        TasksDone {
            done,
            total,
            year,
            overdue,
        } => {
            let mut out = format!(
                "Tasks: {done} of {} done in {year}.",
                n(*total, "task", "tasks")
            );
            if !overdue.is_empty() {
                out.push_str(&format!(" Tasks overdue: {overdue}."));
            }
            out
        }
        Behind { indicators } => format!("Indicators: attention is needed for {indicators}."),
        DifficultiesHeading => "Difficulties and obstacles".into(),
        NoDifficulties => "No agency or unit reported a difficulty.".into(),
        ByOnTask { name, task } => format!("{name}, task {task}"),
        ByOnIndicator { name, indicator } => format!("{name}, indicator {indicator}"),
        SectionGroup { title, id } => format!("Section {id}: {title}"),
        IndicatorsGroup => "The indicators".into(),
        ProposalsHeading => "IV. PROPOSALS AND RECOMMENDATIONS".into(),
        AboutTask { id } => format!("task {id}"),
        AboutIndicator { id } => format!("indicator {id}"),
        NoProposals => "No agency or unit made a proposal.".into(),
        AnnexLabel { number } => format!("Annex {number}"),
        SubmissionsTitle { year } => format!("SUBMISSION OF THE REPORTS FOR {year}"),
        SubmissionColumns => {
            ["No.", "Agency or unit", "Submitted on", "Standing", "Note"].join("\t")
        }
        Day { date } => lang::date(Lang::En, *date),
        DoubtfulDay { date, doubt } => format!(
            "{} (doubtful: {})",
            lang::date(Lang::En, *date),
            doubt.english()
        ),
        UnknownDay { reason } => format!("Unknown ({})", reason.english()),
        StandingWords { standing } => match standing {
            Standing::OnTime => "On time",
            Standing::Late => "Late",
            Standing::DateUnknown => "Sent, day not known",
            Standing::DateDoubtful => "Sent, doubtful day",
            Standing::Empty => "Empty form (not sent)",
            Standing::Missing => "Not sent",
        }
        .into(),
        NotExpected => "Not due to report".into(),
        Errors { count } => n(*count, "error", "errors"),
        RowsLeftOut { count } => format!("{} not compiled", n(*count, "row", "rows")),
        NoUnit => "none".into(),
        DueBefore { date, plan } => {
            format!("Reports due: before {} (Plan No. {plan}).", en_date(*date))
        }
        LateUnits { units } => format!("Units late: {units}."),
        MissingUnits { units } => format!("Units that sent no report: {units}."),
        UnknownDayUnits { units } => {
            format!("Units that sent a report on a day not known: {units}.")
        }
        DoubtfulUnits { units } => format!(
            "Units with a doubtful day (before the year reported on, or after the commit), not counted as on time: {units}."
        ),
        EmptyUnits { units } => {
            format!("Units that sent an empty form, not counted as sent: {units}.")
        }
        UnexpectedUnits { year, units } => format!(
            "Units not due to report for {year} that sent a report (not counted among those sent): {units}."
        ),
        SupportTitle { year } => format!("RESULTS OF THE SUPPORTING UNITS IN {year}"),
        SupportColumns => ["No.", "Supporting unit", "Status", "Result"].join("\t"),
        ChartTitle { name } => format!("{name} over the years"),
        ChartName { number } => format!("Chart {number}"),
        Done { flow } => if *flow {
            "Achieved, cumulative"
        } else {
            "Achieved"
        }
        .into(),
        Target => "Target".into(),
        BaseAndPath => "Base and path to the target".into(),
    }
}

/// `Đổi mới ...` → `đổi mới ...`, leaving names (`Sở ...`) and abbreviations as they are.
pub(crate) fn lowercase_first(text: &str) -> String {
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

/// A table header said as one phrase: its cells.
pub(crate) fn columns(lang: Lang, phrase: Phrase) -> Vec<String> {
    phrase.say(lang).split('\t').map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 2, 5).expect("a date")
    }

    fn one_of_each() -> Vec<Phrase<'static>> {
        use Phrase::*;
        vec![
            Motto,
            MottoLine,
            Number {
                number: Some("12"),
                coordinator: "SKHCN",
            },
            Date { date: day() },
            BlankDate,
            Title,
            Subtitle {
                plan: "2629/KH-UBND",
                year: 2024,
            },
            Introduction {
                plan: "2629/KH-UBND",
                issued: day(),
                issuer: "UBND",
                title: "Kế hoạch",
                coordinator: "Sở",
                year: 2024,
            },
            Coverage {
                sent: 29,
                expected: 30,
            },
            AttachedTo {
                number: None,
                coordinator: "SKHCN",
                date: "5/2/2024",
                name: "Sở",
            },
            Closing {
                plan: "2629/KH-UBND",
                year: 2024,
                coordinator: "Sở",
            },
            RecipientsHeading,
            DefaultSigner,
            OnBehalfOf {
                title: "GIÁM ĐỐC"
            },
            ResultsHeading,
            TaskCounts {
                total: 37,
                year: 2024,
                done: 3,
                in_progress: 20,
                not_started: 2,
                overdue: 1,
                not_applicable: 4,
                missing: 5,
                no_reporter: 2,
            },
            PartHeading {
                id: "III",
                title: "NHIỆM VỤ",
            },
            TaskHeading {
                id: "3.1",
                title: "Bảo đảm chi",
            },
            TaskSummary {
                lead: None,
                status: "x",
            },
            TaskStatusWords {
                status: TaskStatus::Overdue,
                done_in: None,
                due: Some(2024),
            },
            SupportLabel,
            SupportSummary { units: 40, done: 3 },
            NotApplicableUnits { units: "Sở" },
            Contribution {
                name: "Sở",
                status: Status::InProgress,
                words: "x",
            },
            NothingArose,
            NoResultGiven,
            IndicatorsHeading,
            IndicatorMethod {
                total: 5,
                year: 2024,
                good: 2,
                unassessed: 1,
            },
            IndicatorColumns { year: 2024 },
            ChartCaption {
                number: Some(1),
                percent: true,
                flow: true,
            },
            AssessmentLabel,
            PlanTargetLabel,
            Assessment {
                class: AssessmentClass::OnTrack,
            },
            ValueConflict,
            NoValue,
            OneYearHeld { years: "2024" },
            YearsHeld {
                years: "2023, 2024",
            },
            SomeYearsHeld {
                with: "2024",
                without: "2023",
            },
            TargetInYear {
                target: "≥ 1",
                year: 2025,
            },
            Between { min: "1", max: "2" },
            History {
                flow: false,
                entries: "x",
            },
            YearValue {
                year: 2024,
                value: None,
            },
            NoTargetFrom { year: 2024 },
            NoValueIn { year: 2024 },
            MetAgainst {
                measured: "1",
                target: "≥ 1",
                year: 2025,
            },
            PathBasis {
                base: "1",
                base_year: 2023,
                goal: "2",
                goal_year: 2025,
                year: 2024,
                expected: "1,5",
                partial: "",
                measured: "1,4",
            },
            OnlyThisYear {
                year: 2024,
                measured: "1",
            },
            Partial { years: "2023" },
            Compared { flow: true },
            NoTargetLeft,
            NearestTarget {
                target: "≥ 1",
                year: 2025,
            },
            BaseValue {
                value: "1",
                year: 2023,
            },
            NoValueThisYear { year: 2024 },
            TargetMet {
                compared: "x",
                year: 2024,
                measured: "1",
            },
            PathExplained {
                base: "1",
                base_year: 2023,
                goal: "2",
                goal_year: 2025,
                year: 2024,
                expected: "1,5",
                compared: "x",
                measured: "1,4",
            },
            Ratio {
                percent: "80",
                measured: "1",
                base: "0",
                expected: "2",
                ratio: "0,5",
            },
            NoPath {
                compared: "x",
                year: 2024,
                measured: "1",
            },
            AssessmentHeading,
            Reporting {
                sent: 28,
                expected: 30,
                on_time: 20,
                late: 5,
                unknown: 1,
                doubtful: 1,
                missing: 1,
                empty: 1,
                unexpected: 1,
            },
            RowsWithErrors { rows: 2, files: 1 },
            TasksDone {
                done: 3,
                total: 37,
                year: 2024,
                overdue: "3.1",
            },
            Behind { indicators: "x" },
            DifficultiesHeading,
            NoDifficulties,
            ByOnTask {
                name: "Sở",
                task: "3.1",
            },
            ByOnIndicator {
                name: "Sở",
                indicator: "X",
            },
            SectionGroup {
                title: "Đổi mới",
                id: "III.1",
            },
            IndicatorsGroup,
            ProposalsHeading,
            AboutTask { id: "3.1" },
            AboutIndicator { id: "X" },
            NoProposals,
            AnnexLabel { number: 1 },
            SubmissionsTitle { year: 2024 },
            SubmissionColumns,
            Day { date: day() },
            DoubtfulDay {
                date: day(),
                doubt: Doubt::BeforeTheYear,
            },
            UnknownDay {
                reason: Unknown::Shallow,
            },
            StandingWords {
                standing: Standing::Late,
            },
            NotExpected,
            Errors { count: 2 },
            RowsLeftOut { count: 2 },
            NoUnit,
            DueBefore {
                date: day(),
                plan: "2629/KH-UBND",
            },
            LateUnits { units: "Sở" },
            MissingUnits { units: "Sở" },
            UnknownDayUnits { units: "Sở" },
            DoubtfulUnits { units: "Sở" },
            EmptyUnits { units: "Sở" },
            UnexpectedUnits {
                year: 2024,
                units: "Sở",
            },
            SupportTitle { year: 2024 },
            SupportColumns,
            ChartTitle { name: "X" },
            ChartName { number: 1 },
            Done { flow: true },
            Target,
            BaseAndPath,
        ]
    }

    /// The samples cover the catalogue, so the tests below hold every phrase.
    #[test]
    fn every_phrase_has_a_sample() {
        let sampled: BTreeSet<&str> = one_of_each().iter().map(Phrase::kind).collect();
        let all: BTreeSet<&str> = Phrase::KINDS.iter().copied().collect();
        assert_eq!(sampled, all);
    }

    /// Both languages say every phrase, differently (a phrase left untranslated would read
    /// the same), with the same number of table cells, and the English with no Vietnamese
    /// letter of its own (what the plan wrote passes through: the samples above use it
    /// only in the facts).
    #[test]
    fn both_languages_say_every_phrase() {
        let vietnamese = |c: char| matches!(c, 'À'..='ỹ') && !matches!(c, '×' | '÷');
        for p in one_of_each() {
            let (vi, en) = (p.say(Lang::Vi), p.say(Lang::En));
            assert!(!vi.is_empty() && !en.is_empty(), "{p:?}");
            assert_ne!(vi, en, "{p:?}");
            assert_eq!(vi.matches('\t').count(), en.matches('\t').count(), "{p:?}");
            let own = en
                .replace("Sở", "")
                .replace("Bảo đảm chi", "")
                .replace("NHIỆM VỤ", "")
                .replace("Đổi mới", "")
                .replace("GIÁM ĐỐC", "")
                .replace("Kế hoạch", "");
            assert!(!own.chars().any(vietnamese), "{p:?}: {en}");
        }
    }

    #[test]
    fn dates_follow_decree_30_and_english_usage() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(vi_date(d(2024, 2, 5)), "ngày 05 tháng 02 năm 2024");
        assert_eq!(vi_date(d(2024, 1, 15)), "ngày 15 tháng 01 năm 2024");
        assert_eq!(vi_date(d(2024, 3, 9)), "ngày 09 tháng 3 năm 2024");
        assert_eq!(vi_date(d(2024, 12, 25)), "ngày 25 tháng 12 năm 2024");
        assert_eq!(en_date(d(2024, 2, 5)), "5 February 2024");
    }
}
