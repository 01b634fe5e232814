//! The progress site (SPEC section 9) as plain data: an overview page, a page per
//! indicator, task and unit, each made of sections, tables and charts, every table
//! also offered as open data (CSV and JSON). The facts come from the consolidated
//! years and the annual report's composition ([`crate::annual`]); this module only
//! arranges them into pages. [`crate::render::site`] lays the pages out as HTML.
//! Links are written from the site's root (`tasks/3.1.html`); the renderer makes them
//! relative to each page, so the site works from `file://` and under any sub-path.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::annual::{self, IndicatorEntry};
use crate::consolidate::{Consolidation, Standing, TaskStatus};
use crate::lang::{self, Lang};
use crate::model::{Indicator, Measure, MeasureUnit, Plan, Role, Status, Task, UnitKind};
use crate::numbers::{target_words, value_words};

/// The marker a site's folder holds, so that a later run knows it may replace the folder.
pub(crate) const MARKER: &str = ".ktplan-site";

/// What the command line adds to the data.
#[derive(Debug, Clone, Default)]
pub(crate) struct Options {
    /// The language of the pages.
    pub lang: Lang,
    /// The day the site is published, shown in every page's footer (no clock otherwise).
    pub date: Option<NaiveDate>,
}

/// The whole site.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    /// The language of its pages.
    pub lang: Lang,
    /// The words of the page frame (navigation, footer, data links).
    pub words: &'static Words,
    /// `Kế hoạch số 2629/KH-UBND`: the site's name, at the top of every page.
    pub name: String,
    /// The footer's lines.
    pub footer: Vec<String>,
    /// Every page, the overview first.
    pub pages: Vec<Page>,
}

/// One page.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// Its file, from the site's root: `index.html`, `indicators/X.html`.
    pub path: String,
    /// Its one `h1`, also the document's title.
    pub title: String,
    /// A line under the title.
    pub lead: Option<String>,
    /// Its sections, each under an `h2`.
    pub sections: Vec<Section>,
}

/// A section of a page.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    /// Its heading (`h2`).
    pub heading: String,
    /// What it holds.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    /// A heading one level below the section's (`h3`).
    Subheading(Cell),
    /// A paragraph.
    Paragraph(String),
    /// Labelled facts (`Đơn vị tính: %`).
    Facts(Vec<Fact>),
    /// A table, with its data files.
    Table(Table),
    /// An indicator's chart, with its figures as a table.
    Chart(Box<Chart>),
    /// Blocks side by side where the page is wide enough, one under another where not.
    Columns(Vec<Vec<Block>>),
}

/// A labelled fact.
#[derive(Debug, Clone)]
pub(crate) struct Fact {
    /// Its label.
    pub label: String,
    /// Its value.
    pub value: Cell,
}

/// A link inside the site.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Link {
    /// The target, from the site's root.
    pub href: String,
    /// The link's text.
    pub text: String,
}

/// What a table cell or a fact shows, and its value as data.
#[derive(Debug, Clone)]
pub(crate) struct Cell {
    /// Links, shown one after another.
    pub links: Vec<Link>,
    /// Text, shown after the links.
    pub text: String,
    /// The value in the data files: a number as a number, a code rather than a name.
    pub data: Value,
}

impl Cell {
    /// Text, and the same text as data.
    fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        Cell {
            links: Vec::new(),
            data: Value::String(text.clone()),
            text,
        }
    }

    /// Text shown, and a different value as data.
    fn shown(text: impl Into<String>, data: Value) -> Cell {
        Cell {
            links: Vec::new(),
            text: text.into(),
            data,
        }
    }

    /// Links; as data, the given value.
    fn links(links: Vec<Link>, data: Value) -> Cell {
        Cell {
            links,
            text: String::new(),
            data,
        }
    }

    /// A count.
    fn count(n: usize) -> Cell {
        Cell::shown(n.to_string(), json!(n))
    }
}

/// A table and where its data files go.
#[derive(Debug, Clone)]
pub(crate) struct Table {
    /// Its caption.
    pub caption: String,
    /// The data files' path from the site's root, without the extension:
    /// `data/indicators/X-values` gives `.csv` and `.json`.
    pub data: String,
    /// Its columns.
    pub columns: Vec<Column>,
    /// Its rows.
    pub rows: Vec<Vec<Cell>>,
    /// Long texts: each row is shown as a block of labelled fields rather than a line.
    pub cards: bool,
}

/// A table column.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Column {
    /// Its key in the JSON data.
    pub key: &'static str,
    /// Its heading.
    pub label: &'static str,
}

impl Column {
    /// The column with this key in the JSON data and this heading.
    fn new(key: &'static str, label: &'static str) -> Column {
        Column { key, label }
    }
}

/// An indicator's chart.
#[derive(Debug, Clone)]
pub(crate) struct Chart {
    /// What the chart draws (the annual report's indicator entry).
    pub entry: IndicatorEntry,
    /// Its caption.
    pub caption: String,
    /// The same figures as a table: the chart's text alternative.
    pub figures: Table,
    /// Drawn small, on the overview.
    pub small: bool,
}

// ---- Words -----------------------------------------------------------------------------

/// Every word the site adds to the data, for one language: labels, and sentences whose
/// `{}` take, in order, what [`fill`] is given.
#[derive(Debug)]
pub(crate) struct Words {
    /// The overview page's title, before the plan's number.
    pub overview: &'static str,
    /// Skips the navigation.
    pub skip: &'static str,
    /// The navigation's name.
    pub navigation: &'static str,
    /// Before the links to a table's data files.
    pub data_files: &'static str,
    /// The summary of a chart's figures.
    pub chart_figures: &'static str,
    /// The footer's first line.
    pub made_by: &'static str,
    /// Before the publication date.
    pub updated: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// No value.
    pub no_value: &'static str,
    /// Sent, on a day not known.
    pub date_unknown: &'static str,
    /// Sent, on a doubtful day.
    pub date_doubtful: &'static str,
    /// An empty form.
    pub empty: &'static str,
    /// Not sent by a unit not expected to.
    pub not_sent: &'static str,
    /// A department.
    pub department: &'static str,
    /// A district.
    pub district: &'static str,
    /// Another body.
    pub organization: &'static str,
    /// "Đánh giá"
    pub assessment: &'static str,
    /// "Số lỗi và cảnh báo là kết quả kiểm tra tệp báo cáo (ktplan check); dòng có lỗi chưa được tổng hợp."
    pub check_note: &'static str,
    /// "Mã đơn vị"
    pub code: &'static str,
    /// "Lũy kế"
    pub cumulative: &'static str,
    /// "(lũy kế) "
    pub cumulative_mark: &'static str,
    /// "Khó khăn, vướng mắc"
    pub difficulties: &'static str,
    /// "Đơn vị chủ trì và phối hợp qua các năm"
    pub doers_caption: &'static str,
    /// "Đơn vị thực hiện"
    pub doers_heading: &'static str,
    /// "Thực hiện"
    pub done: &'static str,
    /// "Lũy kế thực hiện"
    pub done_cumulative: &'static str,
    /// "Nhiệm vụ và chỉ tiêu phải báo cáo qua các năm"
    pub duties_caption: &'static str,
    /// "Nhiệm vụ và chỉ tiêu được giao"
    pub duties_heading: &'static str,
    /// "Lỗi"
    pub errors: &'static str,
    /// "Phải báo cáo"
    pub expected: &'static str,
    /// "Tệp báo cáo"
    pub file: &'static str,
    /// "Số phát sinh hằng năm, cộng dồn qua các năm"
    pub flow_words: &'static str,
    /// "Diễn biến qua các năm"
    pub history_heading: &'static str,
    /// "Thông tin chỉ tiêu"
    pub indicator_info: &'static str,
    /// "Loại"
    pub kind: &'static str,
    /// "Trễ hạn"
    pub late: &'static str,
    /// "Chủ trì"
    pub lead: &'static str,
    /// "Số đơn vị chủ trì báo cáo"
    pub lead_reports: &'static str,
    /// "Đơn vị chủ trì"
    pub lead_unit: &'static str,
    /// "Chủ trì nhiệm vụ"
    pub leads_tasks: &'static str,
    /// "Mức đạt được trong năm"
    pub level_words: &'static str,
    /// "Đơn vị tính"
    pub measure_unit: &'static str,
    /// "Chưa gửi"
    pub missing: &'static str,
    /// "Chưa có đơn vị nào báo cáo về nhiệm vụ này."
    pub no_task_reports: &'static str,
    /// "Không thuộc diện phải báo cáo"
    pub not_reporting: &'static str,
    /// "Ghi chú"
    pub note: &'static str,
    /// "Đúng hạn"
    pub on_time: &'static str,
    /// "Lộ trình"
    pub path: &'static str,
    /// "Mục tiêu theo Kế hoạch"
    pub plan_target: &'static str,
    /// "Nội dung theo Kế hoạch"
    pub plan_text_heading: &'static str,
    /// "Đề xuất, kiến nghị"
    pub proposals: &'static str,
    /// "Thường xuyên"
    pub recurring: &'static str,
    /// "Chỉ tiêu liên quan"
    pub related_indicators: &'static str,
    /// "Nhiệm vụ liên quan"
    pub related_tasks: &'static str,
    /// "Chế độ báo cáo"
    pub reporting: &'static str,
    /// "Báo cáo của các đơn vị"
    pub reports_heading: &'static str,
    /// "Báo cáo chỉ tiêu"
    pub reports_indicators: &'static str,
    /// "Kết quả"
    pub result: &'static str,
    /// "Vai trò"
    pub role: &'static str,
    /// "Dòng chưa tổng hợp"
    pub rows_with_errors: &'static str,
    /// "Thời gian thực hiện"
    pub schedule: &'static str,
    /// "Thuộc mục"
    pub section: &'static str,
    /// "Đã gửi"
    pub sent: &'static str,
    /// "Báo cáo đã gửi"
    pub sent_heading: &'static str,
    /// "Thành lập từ"
    pub since: &'static str,
    /// "Nguồn"
    pub source: &'static str,
    /// "Số liệu của từng đơn vị và nguồn"
    pub sources_caption: &'static str,
    /// "Tình hình"
    pub standing: &'static str,
    /// "Tình trạng"
    pub status: &'static str,
    /// "Tình trạng qua các năm"
    pub statuses_heading: &'static str,
    /// "Báo cáo của các cơ quan, đơn vị"
    pub submissions_heading: &'static str,
    /// "Ngày gửi"
    pub submitted_on: &'static str,
    /// "Đơn vị kế thừa nhiệm vụ"
    pub successor: &'static str,
    /// "Phối hợp"
    pub support: &'static str,
    /// "Số đơn vị phối hợp báo cáo"
    pub support_reports: &'static str,
    /// "Phối hợp nhiệm vụ"
    pub supports_tasks: &'static str,
    /// "Mục tiêu"
    pub target: &'static str,
    /// "Nhiệm vụ"
    pub task: &'static str,
    /// "Số nhiệm vụ"
    pub task_count: &'static str,
    /// "Nhiệm vụ", over the tasks of the overview.
    pub tasks: &'static str,
    /// "Cơ quan, đơn vị"
    pub unit: &'static str,
    /// "Số đơn vị"
    pub unit_count: &'static str,
    /// "Thông tin đơn vị"
    pub unit_info: &'static str,
    /// "Đơn vị không có trong danh sách của Kế hoạch"
    pub unknown_unit: &'static str,
    /// "Hoạt động đến"
    pub until: &'static str,
    /// "Giá trị"
    pub value: &'static str,
    /// "Giá trị trong năm"
    pub value_in_year: &'static str,
    /// "Giá trị qua các năm"
    pub values_caption: &'static str,
    /// "Cảnh báo"
    pub warnings: &'static str,
    /// "Năm"
    pub year: &'static str,
    /// "Ngoài ra có {} đơn vị gửi báo cáo dù không thuộc diện phải báo cáo năm {}."
    pub apart_sentence: &'static str,
    /// "Đánh giá năm {}"
    pub assessment_heading: &'static str,
    /// "Đánh giá năm {}: {}."
    pub assessment_lead: &'static str,
    /// "Đánh giá năm {}: {}. {}"
    pub assessment_of_year: &'static str,
    /// "Đánh giá: {}."
    pub assessment_sentence: &'static str,
    /// "Biểu đồ: {} {}qua các năm, mục tiêu và lộ trình{}"
    pub chart_caption: &'static str,
    /// "Lũy kế: {}."
    pub cumulative_sentence: &'static str,
    /// "Hạn gửi báo cáo năm {}: trước {}. {}/{} cơ quan, đơn vị phải báo cáo đã gửi."
    pub due_sentence: &'static str,
    /// "Chỉ tiêu: {}"
    pub indicator_title: &'static str,
    /// "Các chỉ tiêu đến năm {}"
    pub indicators_heading: &'static str,
    /// "{}. Số liệu năm {}, tổng hợp từ báo cáo của các cơ quan, đơn vị."
    pub overview_lead: &'static str,
    /// "Đơn vị báo cáo năm {}"
    pub reporters_of_year: &'static str,
    /// "Kết quả, khó khăn và đề xuất của các đơn vị năm {}"
    pub said_all_caption: &'static str,
    /// "Khó khăn và đề xuất của các đơn vị năm {}"
    pub said_some_caption: &'static str,
    /// "Kế hoạch số {}"
    pub site_name: &'static str,
    /// "Tình trạng năm {}"
    pub status_of_year: &'static str,
    /// "Tình hình gửi báo cáo năm {}"
    pub submission_counts_caption: &'static str,
    /// "Báo cáo của từng cơ quan, đơn vị năm {}"
    pub submissions_caption: &'static str,
    /// "Số nhiệm vụ theo tình trạng năm {}"
    pub task_counts_caption: &'static str,
    /// "Tình trạng năm {}: {}."
    pub task_lead: &'static str,
    /// "Nhiệm vụ {}. {}"
    pub task_title: &'static str,
    /// "Tình trạng các nhiệm vụ năm {}"
    pub tasks_caption: &'static str,
    /// "Các nhiệm vụ năm {}"
    pub tasks_heading: &'static str,
    /// "Các cơ quan, đơn vị năm {}"
    pub units_heading: &'static str,
    /// "Không rõ ({})"
    pub unknown_date: &'static str,
    /// "Năm {}"
    pub year_heading: &'static str,
    /// "Năm {} trong một trang"
    pub year_in_one_page: &'static str,
}

/// Vietnamese, the plan's language.
pub(crate) const VI: Words = Words {
    overview: "Tiến độ thực hiện Kế hoạch số",
    skip: "Bỏ qua, đến nội dung chính",
    navigation: "Điều hướng",
    data_files: "Dữ liệu của bảng:",
    chart_figures: "Số liệu của biểu đồ",
    made_by: "Trang được lập bằng ktplan từ các tệp kế hoạch và báo cáo của các cơ quan, đơn vị; số liệu của mỗi bảng có ở dạng CSV và JSON.",
    updated: "Cập nhật",
    yes: "Có",
    no: "Không",
    no_value: "chưa có số liệu",
    date_unknown: "Đã gửi, không rõ ngày gửi",
    date_doubtful: "Đã gửi, ngày gửi đáng ngờ",
    empty: "Biểu mẫu để trống",
    not_sent: "Không gửi",
    department: "Sở, ban, ngành",
    district: "Ủy ban nhân dân cấp huyện",
    organization: "Cơ quan, tổ chức khác",
    assessment: "Đánh giá",
    check_note: "Số lỗi và cảnh báo là kết quả kiểm tra tệp báo cáo (ktplan check); dòng có lỗi chưa được tổng hợp.",
    code: "Mã đơn vị",
    cumulative: "Lũy kế",
    cumulative_mark: "(lũy kế) ",
    difficulties: "Khó khăn, vướng mắc",
    doers_caption: "Đơn vị chủ trì và phối hợp qua các năm",
    doers_heading: "Đơn vị thực hiện",
    done: "Thực hiện",
    done_cumulative: "Lũy kế thực hiện",
    duties_caption: "Nhiệm vụ và chỉ tiêu phải báo cáo qua các năm",
    duties_heading: "Nhiệm vụ và chỉ tiêu được giao",
    errors: "Lỗi",
    expected: "Phải báo cáo",
    file: "Tệp báo cáo",
    flow_words: "Số phát sinh hằng năm, cộng dồn qua các năm",
    history_heading: "Diễn biến qua các năm",
    indicator_info: "Thông tin chỉ tiêu",
    kind: "Loại",
    late: "Trễ hạn",
    lead: "Chủ trì",
    lead_reports: "Số đơn vị chủ trì báo cáo",
    lead_unit: "Đơn vị chủ trì",
    leads_tasks: "Chủ trì nhiệm vụ",
    level_words: "Mức đạt được trong năm",
    measure_unit: "Đơn vị tính",
    missing: "Chưa gửi",
    no_task_reports: "Chưa có đơn vị nào báo cáo về nhiệm vụ này.",
    not_reporting: "Không thuộc diện phải báo cáo",
    note: "Ghi chú",
    on_time: "Đúng hạn",
    path: "Lộ trình",
    plan_target: "Mục tiêu theo Kế hoạch",
    plan_text_heading: "Nội dung theo Kế hoạch",
    proposals: "Đề xuất, kiến nghị",
    recurring: "Thường xuyên",
    related_indicators: "Chỉ tiêu liên quan",
    related_tasks: "Nhiệm vụ liên quan",
    reporting: "Chế độ báo cáo",
    reports_heading: "Báo cáo của các đơn vị",
    reports_indicators: "Báo cáo chỉ tiêu",
    result: "Kết quả",
    role: "Vai trò",
    rows_with_errors: "Dòng chưa tổng hợp",
    schedule: "Thời gian thực hiện",
    section: "Thuộc mục",
    sent: "Đã gửi",
    sent_heading: "Báo cáo đã gửi",
    since: "Thành lập từ",
    source: "Nguồn",
    sources_caption: "Số liệu của từng đơn vị và nguồn",
    standing: "Tình hình",
    status: "Tình trạng",
    statuses_heading: "Tình trạng qua các năm",
    submissions_heading: "Báo cáo của các cơ quan, đơn vị",
    submitted_on: "Ngày gửi",
    successor: "Đơn vị kế thừa nhiệm vụ",
    support: "Phối hợp",
    support_reports: "Số đơn vị phối hợp báo cáo",
    supports_tasks: "Phối hợp nhiệm vụ",
    target: "Mục tiêu",
    task: "Nhiệm vụ",
    task_count: "Số nhiệm vụ",
    tasks: "Nhiệm vụ",
    unit: "Cơ quan, đơn vị",
    unit_count: "Số đơn vị",
    unit_info: "Thông tin đơn vị",
    unknown_unit: "Đơn vị không có trong danh sách của Kế hoạch",
    until: "Hoạt động đến",
    value: "Giá trị",
    value_in_year: "Giá trị trong năm",
    values_caption: "Giá trị qua các năm",
    warnings: "Cảnh báo",
    year: "Năm",
    apart_sentence: "Ngoài ra có {} đơn vị gửi báo cáo dù không thuộc diện phải báo cáo năm {}.",
    assessment_heading: "Đánh giá năm {}",
    assessment_lead: "Đánh giá năm {}: {}.",
    assessment_of_year: "Đánh giá năm {}: {}. {}",
    assessment_sentence: "Đánh giá: {}.",
    chart_caption: "Biểu đồ: {} {}qua các năm, mục tiêu và lộ trình{}",
    cumulative_sentence: "Lũy kế: {}.",
    due_sentence: "Hạn gửi báo cáo năm {}: trước {}. {}/{} cơ quan, đơn vị phải báo cáo đã gửi.",
    indicator_title: "Chỉ tiêu: {}",
    indicators_heading: "Các chỉ tiêu đến năm {}",
    overview_lead: "{}. Số liệu năm {}, tổng hợp từ báo cáo của các cơ quan, đơn vị.",
    reporters_of_year: "Đơn vị báo cáo năm {}",
    said_all_caption: "Kết quả, khó khăn và đề xuất của các đơn vị năm {}",
    said_some_caption: "Khó khăn và đề xuất của các đơn vị năm {}",
    site_name: "Kế hoạch số {}",
    status_of_year: "Tình trạng năm {}",
    submission_counts_caption: "Tình hình gửi báo cáo năm {}",
    submissions_caption: "Báo cáo của từng cơ quan, đơn vị năm {}",
    task_counts_caption: "Số nhiệm vụ theo tình trạng năm {}",
    task_lead: "Tình trạng năm {}: {}.",
    task_title: "Nhiệm vụ {}. {}",
    tasks_caption: "Tình trạng các nhiệm vụ năm {}",
    tasks_heading: "Các nhiệm vụ năm {}",
    units_heading: "Các cơ quan, đơn vị năm {}",
    unknown_date: "Không rõ ({})",
    year_heading: "Năm {}",
    year_in_one_page: "Năm {} trong một trang",
};

/// English, with `--lang en`.
pub(crate) const EN: Words = Words {
    overview: "Progress of Plan No.",
    skip: "Skip to the main content",
    navigation: "Navigation",
    data_files: "Data of the table:",
    chart_figures: "Figures of the chart",
    made_by: "Page made with ktplan from the plan's files and the reports of the agencies and units; the figures of every table are also given as CSV and JSON.",
    updated: "Updated",
    yes: "Yes",
    no: "No",
    no_value: "no data",
    date_unknown: "Sent, day not known",
    date_doubtful: "Sent, doubtful day",
    empty: "Empty form",
    not_sent: "Not sent",
    department: "Department or agency",
    district: "District People's Committee",
    organization: "Other body",
    assessment: "Assessment",
    check_note: "Errors and warnings are what the check of the report file found (ktplan check); rows with errors are not compiled.",
    code: "Unit code",
    cumulative: "Cumulative",
    cumulative_mark: "(cumulative) ",
    difficulties: "Difficulties and obstacles",
    doers_caption: "Lead and supporting units over the years",
    doers_heading: "Units in charge",
    done: "Achieved",
    done_cumulative: "Achieved, cumulative",
    duties_caption: "Tasks and indicators to report on over the years",
    duties_heading: "Tasks and indicators assigned",
    errors: "Errors",
    expected: "Due to report",
    file: "Report file",
    flow_words: "Amount of each year, added up over the years",
    history_heading: "Over the years",
    indicator_info: "About the indicator",
    kind: "Kind",
    late: "Late",
    lead: "Lead",
    lead_reports: "Lead units reporting",
    lead_unit: "Lead unit",
    leads_tasks: "Leads the tasks",
    level_words: "Level reached in the year",
    measure_unit: "Unit of measure",
    missing: "Not sent",
    no_task_reports: "No unit has reported on this task yet.",
    not_reporting: "Not due to report",
    note: "Note",
    on_time: "On time",
    path: "Path",
    plan_target: "Target in the plan",
    plan_text_heading: "What the plan says",
    proposals: "Proposals and recommendations",
    recurring: "Recurring",
    related_indicators: "Related indicators",
    related_tasks: "Related tasks",
    reporting: "Reporting",
    reports_heading: "Reports of the units",
    reports_indicators: "Reports on the indicators",
    result: "Result",
    role: "Role",
    rows_with_errors: "Rows not compiled",
    schedule: "Schedule",
    section: "Section",
    sent: "Sent",
    sent_heading: "Reports sent",
    since: "Established on",
    source: "Source",
    sources_caption: "Each unit's figures and their sources",
    standing: "Standing",
    status: "Status",
    statuses_heading: "Status over the years",
    submissions_heading: "Reports of the agencies and units",
    submitted_on: "Submitted on",
    successor: "Successor for the tasks",
    support: "Support",
    support_reports: "Supporting units reporting",
    supports_tasks: "Supports the tasks",
    target: "Target",
    task: "Task",
    task_count: "Tasks",
    tasks: "Tasks",
    unit: "Agency or unit",
    unit_count: "Units",
    unit_info: "About the unit",
    unknown_unit: "A unit not in the plan's list",
    until: "Active until",
    value: "Value",
    value_in_year: "Value in the year",
    values_caption: "Values over the years",
    warnings: "Warnings",
    year: "Year",
    apart_sentence: "Besides, {} units sent a report without being due to report for {}.",
    assessment_heading: "Assessment for {}",
    assessment_lead: "Assessment for {}: {}.",
    assessment_of_year: "Assessment for {}: {}. {}",
    assessment_sentence: "Assessment: {}.",
    chart_caption: "Chart: {} {}over the years, targets and path{}",
    cumulative_sentence: "Cumulative: {}.",
    due_sentence: "Reports for {} were due before {}. {} of the {} agencies and units due to report have sent theirs.",
    indicator_title: "Indicator: {}",
    indicators_heading: "The indicators up to {}",
    overview_lead: "{}. Figures for {}, compiled from the reports of the agencies and units.",
    reporters_of_year: "Units reporting in {}",
    said_all_caption: "Results, difficulties and proposals of the units in {}",
    said_some_caption: "Difficulties and proposals of the units in {}",
    site_name: "Plan No. {}",
    status_of_year: "Status in {}",
    submission_counts_caption: "Reports sent for {}",
    submissions_caption: "Each agency's or unit's report for {}",
    task_counts_caption: "Tasks by status in {}",
    task_lead: "Status in {}: {}.",
    task_title: "Task {}. {}",
    tasks_caption: "Status of the tasks in {}",
    tasks_heading: "The tasks in {}",
    units_heading: "The agencies and units in {}",
    unknown_date: "Unknown ({})",
    year_heading: "Year {}",
    year_in_one_page: "{} on one page",
};

/// The words of the pages in `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// A sentence of [`Words`] with its `{}` filled, in order.
fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = String::new();
    let mut parts = template.split("{}");
    out.push_str(parts.next().unwrap_or(""));
    for (part, arg) in parts.zip(
        args.iter()
            .map(ToString::to_string)
            .chain(std::iter::repeat(String::new())),
    ) {
        out.push_str(&arg);
        out.push_str(part);
    }
    out
}

fn standing_words(w: &Words, standing: Standing, expected: bool) -> &'static str {
    match standing {
        Standing::OnTime => w.on_time,
        Standing::Late => w.late,
        Standing::DateUnknown => w.date_unknown,
        Standing::DateDoubtful => w.date_doubtful,
        Standing::Empty => w.empty,
        Standing::Missing if expected => w.missing,
        Standing::Missing => w.not_sent,
    }
}

fn role_words(w: &Words, role: Role) -> &'static str {
    match role {
        Role::Lead => w.lead,
        Role::Support => w.support,
    }
}

fn kind_words(w: &Words, kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Department => w.department,
        UnitKind::District => w.district,
        UnitKind::Organization => w.organization,
    }
}

fn status_words(lang: Lang, status: Status) -> String {
    match lang {
        Lang::Vi => status.vietnamese().into(),
        Lang::En => {
            let words = lang::row_status(lang, status);
            let mut chars = words.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        }
    }
}

/// The statuses in the order the overview counts them.
const TASK_STATUSES: [TaskStatus; 7] = [
    TaskStatus::Done,
    TaskStatus::InProgress,
    TaskStatus::NotStarted,
    TaskStatus::Overdue,
    TaskStatus::NotApplicable,
    TaskStatus::Missing,
    TaskStatus::NoReporter,
];

// ---- Building ----------------------------------------------------------------------------

/// Composes the site from the consolidated plan years, oldest first; the last is the
/// year the site reports on.
pub(crate) fn build(plan: &Plan, years: &[Consolidation], options: &Options) -> Site {
    let lang = options.lang;
    let w = words(lang);
    let mut footer = vec![w.made_by.to_string()];
    if let Some(date) = options.date {
        footer.push(format!("{} {}.", w.updated, annual::date_words(lang, date)));
    }
    let mut site = Builder {
        lang,
        w,
        plan,
        years,
        unit_pages: Vec::new(),
    };
    site.unit_pages = site.units();
    let mut pages = vec![site.overview()];
    pages.extend(
        plan.indicators
            .iter()
            .enumerate()
            .map(|(n, _)| site.indicator_page(n)),
    );
    pages.extend(
        plan.tasks
            .iter()
            .enumerate()
            .map(|(n, _)| site.task_page(n)),
    );
    pages.extend(site.unit_pages.iter().map(|code| site.unit_page(code)));
    Site {
        lang,
        words: w,
        name: fill(w.site_name, &[&plan.meta.id]),
        footer,
        pages,
    }
}

/// The page of an indicator, task or unit, from the site's root.
pub(crate) fn indicator_path(id: &str) -> String {
    format!("indicators/{id}.html")
}

/// The page of a task.
pub(crate) fn task_path(id: &str) -> String {
    format!("tasks/{id}.html")
}

/// The page of a unit.
pub(crate) fn unit_path(code: &str) -> String {
    format!("units/{code}.html")
}

struct Builder<'a> {
    lang: Lang,
    w: &'static Words,
    plan: &'a Plan,
    years: &'a [Consolidation],
    /// The units that have a page: those expected or reporting in some year.
    unit_pages: Vec<String>,
}

impl Builder<'_> {
    fn last(&self) -> &Consolidation {
        self.years.last().expect("the site's year is consolidated")
    }

    fn unit_name(&self, code: &str) -> String {
        self.plan
            .unit(code)
            .map_or_else(|| code.to_string(), |u| u.name.clone())
    }

    /// Every unit expected or reporting in some year, in plan order, then the others by code.
    fn units(&self) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        for data in self.years {
            for s in data.units.iter().filter(|s| s.expected || s.submitted) {
                if !codes.contains(&s.code) {
                    codes.push(s.code.clone());
                }
            }
        }
        let rank = |code: &str| {
            self.plan
                .units
                .iter()
                .position(|u| u.code == code)
                .unwrap_or(usize::MAX)
        };
        codes.sort_by(|a, b| (rank(a), a).cmp(&(rank(b), b)));
        codes
    }

    /// A link to a unit's page; `None` for a unit without one (a body never expected
    /// to report, that did not).
    fn unit_link(&self, code: &str) -> Option<Link> {
        self.unit_pages.iter().any(|c| c == code).then(|| Link {
            href: unit_path(code),
            text: self.unit_name(code),
        })
    }

    /// Units by code: a link to each unit's page, the name of a unit without one.
    fn unit_links(&self, codes: &[String]) -> Cell {
        let mut cell = Cell::links(Vec::new(), json!(codes));
        let mut names = Vec::new();
        for code in codes {
            match self.unit_link(code) {
                Some(link) => cell.links.push(link),
                None => names.push(self.unit_name(code)),
            }
        }
        cell.text = names.join("; ");
        cell
    }

    /// The lead of a task in a year, short: a group's name where the plan names a
    /// group, the holders of the units it names otherwise; as data, the holders' codes.
    fn lead_cell(&self, id: &str, holders: &[String], year: i32) -> Cell {
        let Some(task) = self.plan.task(id) else {
            return self.unit_links(holders);
        };
        let mut links = Vec::new();
        let mut groups = Vec::new();
        for code in &task.lead {
            match self.plan.group(code) {
                Some(group) => groups.push(group.name.clone()),
                None => {
                    if let Some(unit) = self.plan.holder(code, year) {
                        match self.unit_link(&unit.code) {
                            Some(link) if !links.contains(&link) => links.push(link),
                            Some(_) => {}
                            None => groups.push(unit.name.clone()),
                        }
                    }
                }
            }
        }
        Cell {
            links,
            text: groups.join("; "),
            data: json!(holders),
        }
    }

    fn task_link(&self, id: &str) -> Link {
        let title = self.plan.task(id).map_or("", |t| t.title.as_str());
        Link {
            href: task_path(id),
            text: format!("{id}. {title}"),
        }
    }

    fn indicator_link(&self, id: &str) -> Link {
        let name = self.plan.indicator(id).map_or(id, |i| i.name.as_str());
        Link {
            href: indicator_path(id),
            text: name.to_string(),
        }
    }

    // ---- The overview ----

    fn overview(&self) -> Page {
        let w = self.w;
        let data = self.last();
        let year = data.year;
        let report = annual::build(
            self.plan,
            data,
            &annual::Options {
                lang: self.lang,
                ..annual::Options::default()
            },
        );
        let mut task_blocks = vec![Block::Subheading(Cell::shown(w.tasks, Value::Null))];
        task_blocks.extend(
            report
                .results
                .paragraphs
                .iter()
                .map(|p| Block::Paragraph(p.clone())),
        );
        task_blocks.push(Block::Table(self.task_counts(data)));
        let mut sections = vec![Section {
            heading: fill(w.year_in_one_page, &[&year]),
            blocks: vec![Block::Columns(vec![
                self.submissions_blocks(data),
                task_blocks,
            ])],
        }];
        // Indicators, each a small chart.
        let mut blocks: Vec<Block> = report
            .indicators
            .paragraphs
            .iter()
            .map(|p| Block::Paragraph(p.clone()))
            .collect();
        let mut charts = Vec::new();
        for entry in &report.indicators.items {
            charts.push(vec![
                Block::Subheading(Cell::links(
                    vec![self.indicator_link(&entry.id)],
                    json!(entry.id),
                )),
                Block::Paragraph(fill(
                    w.assessment_of_year,
                    &[&year, &entry.assessment_text, &entry.explanation],
                )),
                Block::Chart(Box::new(self.chart(entry, true))),
            ]);
        }
        blocks.push(Block::Columns(charts));
        sections.push(Section {
            heading: fill(w.indicators_heading, &[&year]),
            blocks,
        });
        sections.push(Section {
            heading: fill(w.tasks_heading, &[&year]),
            blocks: vec![Block::Table(self.tasks_table(data))],
        });
        sections.push(self.units_section(data));
        Page {
            path: "index.html".into(),
            title: format!("{} {}", w.overview, self.plan.meta.id),
            lead: Some(fill(w.overview_lead, &[&self.plan.meta.title, &year])),
            sections,
        }
    }

    /// How many tasks stand at each status in the site's year.
    fn task_counts(&self, data: &Consolidation) -> Table {
        let w = self.w;
        let year = data.year;
        Table {
            caption: fill(w.task_counts_caption, &[&year]),
            data: format!("data/task-status-{year}"),
            columns: vec![
                Column::new("status", w.status),
                Column::new("tasks", w.task_count),
            ],
            rows: TASK_STATUSES
                .iter()
                .map(|&s| {
                    vec![
                        Cell::shown(
                            annual::words::Phrase::TaskStatusWords {
                                status: s,
                                done_in: None,
                                due: None,
                            }
                            .say(self.lang),
                            json!(s.as_str()),
                        ),
                        Cell::count(data.tasks.iter().filter(|t| t.status == s).count()),
                    ]
                })
                .collect(),
            cards: false,
        }
    }

    /// Every task of the site's year with its lead and status.
    fn tasks_table(&self, data: &Consolidation) -> Table {
        let w = self.w;
        let year = data.year;
        Table {
            caption: fill(w.tasks_caption, &[&year]),
            data: format!("data/tasks-{year}"),
            columns: vec![
                Column::new("task", w.task),
                Column::new("lead", w.lead_unit),
                Column::new("status", w.status),
            ],
            rows: data
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        Cell::links(vec![self.task_link(&t.id)], json!(t.id)),
                        self.lead_cell(&t.id, &t.lead, year),
                        Cell::shown(
                            annual::status_sentence(self.lang, t),
                            json!(t.status.as_str()),
                        ),
                    ]
                })
                .collect(),
            cards: false,
        }
    }

    fn submissions_blocks(&self, data: &Consolidation) -> Vec<Block> {
        let w = self.w;
        let year = data.year;
        let expected: Vec<_> = data.units.iter().filter(|u| u.expected).collect();
        let count = |s: Standing| expected.iter().filter(|u| u.standing() == s).count();
        let sent = expected.iter().filter(|u| u.sent()).count();
        let row =
            |key: &str, label: &str, n: usize| vec![Cell::shown(label, json!(key)), Cell::count(n)];
        let counts = Table {
            caption: fill(w.submission_counts_caption, &[&year]),
            data: format!("data/submission-counts-{year}"),
            columns: vec![
                Column::new("standing", w.standing),
                Column::new("units", w.unit_count),
            ],
            rows: vec![
                row("expected", w.expected, expected.len()),
                row("sent", w.sent, sent),
                row("on_time", w.on_time, count(Standing::OnTime)),
                row("late", w.late, count(Standing::Late)),
                row(
                    "date_unknown",
                    standing_words(w, Standing::DateUnknown, true),
                    count(Standing::DateUnknown),
                ),
                row(
                    "date_doubtful",
                    standing_words(w, Standing::DateDoubtful, true),
                    count(Standing::DateDoubtful),
                ),
                row(
                    "empty",
                    standing_words(w, Standing::Empty, true),
                    count(Standing::Empty),
                ),
                row("missing", w.missing, count(Standing::Missing)),
            ],
            cards: false,
        };
        let mut blocks = vec![
            Block::Subheading(Cell::shown(w.submissions_heading, Value::Null)),
            Block::Paragraph(fill(
                w.due_sentence,
                &[
                    &year,
                    &annual::date_words(self.lang, data.due_date),
                    &sent,
                    &expected.len(),
                ],
            )),
        ];
        let apart = data.units.iter().filter(|u| !u.expected).count();
        if apart > 0 {
            blocks.push(Block::Paragraph(fill(w.apart_sentence, &[&apart, &year])));
        }
        blocks.push(Block::Table(counts));
        blocks
    }

    fn units_section(&self, data: &Consolidation) -> Section {
        let w = self.w;
        let year = data.year;
        let table = Table {
            caption: fill(w.submissions_caption, &[&year]),
            data: format!("data/submissions-{year}"),
            columns: vec![
                Column::new("unit", w.unit),
                Column::new("expected", w.expected),
                Column::new("submitted_on", w.submitted_on),
                Column::new("standing", w.standing),
                Column::new("errors", w.errors),
                Column::new("warnings", w.warnings),
            ],
            rows: data
                .units
                .iter()
                .map(|u| {
                    vec![
                        self.unit_links(std::slice::from_ref(&u.code)),
                        yes_no(w, u.expected),
                        submitted_on(self.lang, w, u),
                        Cell::shown(
                            standing_words(w, u.standing(), u.expected),
                            json!(u.standing()),
                        ),
                        Cell::count(u.errors),
                        Cell::count(u.warnings),
                    ]
                })
                .collect(),
            cards: false,
        };
        Section {
            heading: fill(w.units_heading, &[&year]),
            blocks: vec![Block::Table(table)],
        }
    }

    /// An indicator's chart and its figures: the compared value, the target and the
    /// path's value for each year of the chart's axis.
    fn chart(&self, entry: &IndicatorEntry, small: bool) -> Chart {
        let w = self.w;
        let flow = entry.measure == Measure::Flow;
        let first = entry
            .base
            .map(|b| b.year)
            .into_iter()
            .chain(entry.history.iter().map(|h| h.year))
            .min()
            .unwrap_or(entry.end_year);
        let last = entry
            .targets
            .iter()
            .map(|t| t.year)
            .chain([entry.end_year])
            .max()
            .unwrap_or(entry.end_year);
        let words = |v: Option<f64>| v.map(|v| value_words(self.lang, v, &entry.unit));
        let rows = (first..=last)
            .map(|year| {
                let value = entry
                    .history
                    .iter()
                    .find(|h| h.year == year)
                    .and_then(|h| h.value);
                let target = entry.targets.iter().find(|t| t.year == year);
                let path = path_value(entry, year);
                vec![
                    year_cell(year),
                    Cell::shown(words(value).unwrap_or_default(), json!(value)),
                    Cell::shown(
                        target
                            .map(|t| target_words(self.lang, t, &entry.unit))
                            .unwrap_or_default(),
                        target.map_or(Value::Null, |t| json!({"min": t.min, "max": t.max})),
                    ),
                    Cell::shown(words(path).unwrap_or_default(), json!(path)),
                ]
            })
            .collect();
        Chart {
            caption: fill(
                w.chart_caption,
                &[
                    &entry.name,
                    &if flow { w.cumulative_mark } else { "" },
                    &if entry.unit == MeasureUnit::Percent {
                        " (%)"
                    } else {
                        ""
                    },
                ],
            ),
            figures: Table {
                caption: format!("{}: {}", w.chart_figures, entry.name),
                data: format!("data/indicators/{}-chart", entry.id),
                columns: vec![
                    Column::new("year", w.year),
                    Column {
                        key: "value",
                        label: if flow { w.done_cumulative } else { w.done },
                    },
                    Column::new("target", w.target),
                    Column::new("path", w.path),
                ],
                rows,
                cards: false,
            },
            entry: entry.clone(),
            small,
        }
    }

    // ---- Indicator pages ----

    fn indicator_page(&self, n: usize) -> Page {
        let w = self.w;
        let planned = &self.plan.indicators[n];
        let year = self.last().year;
        let entries: Vec<IndicatorEntry> = self
            .years
            .iter()
            .map(|d| annual::indicator_entry(self.lang, self.plan, d.year, &d.indicators[n]))
            .collect();
        let entry = entries.last().expect("the site's year");
        Page {
            path: indicator_path(&planned.id),
            title: fill(w.indicator_title, &[&planned.name]),
            lead: Some(fill(w.assessment_lead, &[&year, &entry.assessment_text])),
            sections: vec![
                Section {
                    heading: w.indicator_info.into(),
                    blocks: vec![Block::Facts(self.indicator_facts(planned, entry, year))],
                },
                Section {
                    heading: w.history_heading.into(),
                    blocks: vec![
                        Block::Chart(Box::new(self.chart(entry, false))),
                        Block::Table(self.indicator_values(n, &entries)),
                    ],
                },
                Section {
                    heading: fill(w.assessment_heading, &[&year]),
                    blocks: self.indicator_assessment(entry),
                },
                Section {
                    heading: w.reports_heading.into(),
                    blocks: self.indicator_reports(n),
                },
            ],
        }
    }

    /// What the plan says of an indicator: its unit, kind, targets, who reports it in `year`
    /// and which tasks it measures.
    fn indicator_facts(&self, planned: &Indicator, entry: &IndicatorEntry, year: i32) -> Vec<Fact> {
        let w = self.w;
        let flow = planned.measure == Measure::Flow;
        let mut facts = vec![
            Fact {
                label: w.measure_unit.into(),
                value: Cell::shown(entry.unit_text.clone(), json!(planned.unit)),
            },
            Fact {
                label: w.kind.into(),
                value: Cell::shown(
                    if flow { w.flow_words } else { w.level_words },
                    json!(planned.measure),
                ),
            },
            Fact {
                label: w.target.into(),
                value: Cell::text(entry.targets_text.clone()),
            },
        ];
        if let Some(words) = &entry.plan_words {
            facts.push(Fact {
                label: w.plan_target.into(),
                value: Cell::text(words.clone()),
            });
        }
        let reporters: Vec<String> = self
            .plan
            .reporters(planned, year)
            .iter()
            .map(|u| u.code.clone())
            .collect();
        facts.push(Fact {
            label: fill(w.reporters_of_year, &[&year]),
            value: self.unit_links(&reporters),
        });
        let ids: Vec<&str> = self
            .plan
            .tasks
            .iter()
            .filter(|t| t.indicators.contains(&planned.id))
            .map(|t| t.id.as_str())
            .collect();
        if !ids.is_empty() {
            facts.push(Fact {
                label: w.related_tasks.into(),
                value: Cell::links(
                    ids.iter().map(|id| self.task_link(id)).collect(),
                    json!(ids),
                ),
            });
        }
        facts
    }

    /// The latest year's assessment, with the running total of a flow and the history.
    fn indicator_assessment(&self, entry: &IndicatorEntry) -> Vec<Block> {
        let w = self.w;
        let mut assessment = vec![
            Block::Paragraph(fill(w.assessment_sentence, &[&entry.assessment_text])),
            Block::Paragraph(entry.explanation.clone()),
            Block::Paragraph(entry.history_text.clone()),
        ];
        if let Some(c) = &entry.cumulative_text {
            assessment.insert(1, Block::Paragraph(fill(w.cumulative_sentence, &[&c])));
        }
        assessment
    }

    /// Values by year, with the assessment each year had.
    fn indicator_values(&self, n: usize, entries: &[IndicatorEntry]) -> Table {
        let w = self.w;
        let planned = &self.plan.indicators[n];
        let flow = planned.measure == Measure::Flow;
        let mut columns = vec![
            Column::new("year", w.year),
            Column::new("value", w.value_in_year),
        ];
        if flow {
            columns.push(Column::new("cumulative", w.cumulative));
        }
        columns.push(Column::new("assessment", w.assessment));
        Table {
            caption: w.values_caption.into(),
            data: format!("data/indicators/{}-values", planned.id),
            columns,
            rows: self
                .years
                .iter()
                .zip(entries)
                .map(|(d, e)| {
                    let i = &d.indicators[n];
                    let mut row = vec![
                        year_cell(d.year),
                        Cell::shown(e.value_text.clone(), json!(i.value)),
                    ];
                    if flow {
                        row.push(Cell::shown(
                            i.cumulative.map_or(w.no_value.to_string(), |c| {
                                value_words(self.lang, c, &i.unit)
                            }),
                            json!(i.cumulative),
                        ));
                    }
                    row.push(Cell::shown(
                        e.assessment_text.clone(),
                        json!(i.assessment.class.as_str()),
                    ));
                    row
                })
                .collect(),
            cards: false,
        }
    }

    /// Every value units reported on an indicator with its source, then what they wrote
    /// beside it.
    fn indicator_reports(&self, n: usize) -> Vec<Block> {
        let w = self.w;
        let planned = &self.plan.indicators[n];
        let sources = Table {
            caption: w.sources_caption.into(),
            data: format!("data/indicators/{}-sources", planned.id),
            columns: vec![
                Column::new("year", w.year),
                Column::new("unit", w.unit),
                Column::new("value", w.value),
                Column::new("result", w.result),
                Column::new("source", w.source),
            ],
            rows: self
                .years
                .iter()
                .flat_map(|d| d.indicators[n].reports.iter().map(move |r| (d.year, r)))
                .map(|(y, r)| {
                    vec![
                        year_cell(y),
                        self.unit_links(std::slice::from_ref(&r.unit)),
                        Cell::shown(
                            r.value.map_or(w.no_value.to_string(), |v| {
                                value_words(self.lang, v, &planned.unit)
                            }),
                            json!(r.value),
                        ),
                        Cell::text(r.result.clone()),
                        Cell::text(r.source.clone()),
                    ]
                })
                .collect(),
            cards: false,
        };
        let mut reports = vec![Block::Table(sources)];
        reports.extend(self.said_blocks(
            &format!("data/indicators/{}-reports", planned.id),
            self.years.iter().flat_map(|d| {
                d.indicators[n].reports.iter().map(move |r| Said {
                    year: d.year,
                    unit: &r.unit,
                    role: None,
                    status: None,
                    result: &r.result,
                    difficulties: &r.difficulties,
                    proposals: &r.proposals,
                    source: &r.source,
                })
            }),
            false,
        ));
        reports
    }

    /// The difficulties and proposals units wrote, as blocks of labelled fields by year
    /// (nothing when no unit wrote any); with `everything`, results and statuses too.
    fn said_blocks<'s>(
        &self,
        data: &str,
        said: impl Iterator<Item = Said<'s>>,
        everything: bool,
    ) -> Vec<Block> {
        let w = self.w;
        let said: Vec<Said> = said
            .filter(|s| {
                everything || !s.difficulties.trim().is_empty() || !s.proposals.trim().is_empty()
            })
            .collect();
        if said.is_empty() {
            return Vec::new();
        }
        let mut columns = vec![Column::new("year", w.year), Column::new("unit", w.unit)];
        if everything {
            columns.push(Column::new("role", w.role));
            columns.push(Column::new("status", w.status));
            columns.push(Column::new("result", w.result));
        }
        columns.extend([
            Column::new("difficulties", w.difficulties),
            Column::new("proposals", w.proposals),
            Column::new("source", w.source),
        ]);
        let row = |s: &Said| {
            let mut row = vec![year_cell(s.year), self.unit_links(&[s.unit.to_string()])];
            if everything {
                row.push(match s.role {
                    Some(role) => Cell::shown(role_words(w, role), json!(role.as_str())),
                    None => Cell::shown("", Value::Null),
                });
                row.push(match s.status {
                    Some(status) => {
                        Cell::shown(status_words(self.lang, status), json!(status.as_str()))
                    }
                    None => Cell::shown("", Value::Null),
                });
                row.push(Cell::text(s.result.trim()));
            }
            row.push(Cell::text(s.difficulties.trim()));
            row.push(Cell::text(s.proposals.trim()));
            row.push(Cell::text(s.source));
            row
        };
        // A heading and a table per year, the latest first.
        let mut years: Vec<i32> = said.iter().map(|s| s.year).collect();
        years.dedup();
        years.reverse();
        let mut blocks = Vec::new();
        for year in years {
            blocks.push(Block::Subheading(Cell::shown(
                fill(w.year_heading, &[&year]),
                json!(year),
            )));
            blocks.push(Block::Table(Table {
                caption: if everything {
                    fill(w.said_all_caption, &[&year])
                } else {
                    fill(w.said_some_caption, &[&year])
                },
                data: format!("{data}-{year}"),
                columns: columns.clone(),
                rows: said.iter().filter(|s| s.year == year).map(row).collect(),
                cards: true,
            }));
        }
        blocks
    }

    // ---- Task pages ----

    fn task_page(&self, n: usize) -> Page {
        let w = self.w;
        let task = &self.plan.tasks[n];
        let data = self.last();
        let mut reports = self.task_reports(n);
        if reports.is_empty() {
            reports.push(Block::Paragraph(w.no_task_reports.into()));
        }
        Page {
            path: task_path(&task.id),
            title: fill(w.task_title, &[&task.id, &task.title]),
            lead: Some(fill(
                w.task_lead,
                &[
                    &data.year,
                    &annual::status_sentence(self.lang, &data.tasks[n]),
                ],
            )),
            sections: vec![
                Section {
                    heading: w.plan_text_heading.into(),
                    blocks: vec![
                        Block::Paragraph(task.text.clone()),
                        Block::Facts(self.task_facts(n)),
                    ],
                },
                Section {
                    heading: w.doers_heading.into(),
                    blocks: vec![Block::Table(self.task_doers(task))],
                },
                Section {
                    heading: w.statuses_heading.into(),
                    blocks: vec![Block::Table(self.task_statuses(n))],
                },
                Section {
                    heading: w.reports_heading.into(),
                    blocks: reports,
                },
            ],
        }
    }

    /// What the plan says of a task: its section, schedule and indicators, and where it
    /// stands in the site's year.
    fn task_facts(&self, n: usize) -> Vec<Fact> {
        let w = self.w;
        let task = &self.plan.tasks[n];
        let data = self.last();
        let result = &data.tasks[n];
        let mut facts = Vec::new();
        if let Some(section) = self.plan.section(&task.section) {
            facts.push(Fact {
                label: w.section.into(),
                value: Cell::shown(
                    format!("{}. {}", section.id, section.title),
                    json!(section.id),
                ),
            });
        }
        facts.push(Fact {
            label: w.schedule.into(),
            value: Cell::shown(
                match task.schedule {
                    None => String::new(),
                    Some(crate::model::Schedule::Recurring) => w.recurring.into(),
                    Some(crate::model::Schedule::Year(y)) => fill(w.year_heading, &[&y]),
                    Some(crate::model::Schedule::Range(a, b)) => format!("{a} - {b}"),
                },
                json!(task.schedule.map(super::model::Schedule::to_text)),
            ),
        });
        if !task.indicators.is_empty() {
            facts.push(Fact {
                label: w.related_indicators.into(),
                value: Cell::links(
                    task.indicators
                        .iter()
                        .map(|i| self.indicator_link(i))
                        .collect(),
                    json!(task.indicators),
                ),
            });
        }
        facts.push(Fact {
            label: fill(w.status_of_year, &[&data.year]),
            value: Cell::shown(
                annual::status_sentence(self.lang, result),
                json!(result.status.as_str()),
            ),
        });
        facts
    }

    /// Who leads and supports a task, as in force each year.
    fn task_doers(&self, task: &Task) -> Table {
        let w = self.w;
        let open_words = |codes: &[String]| -> String {
            codes
                .iter()
                .filter_map(|c| self.plan.group(c))
                .filter(|g| g.members == crate::model::Members::Any)
                .map(|g| g.name.clone())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let codes = |units: Vec<&crate::model::Unit>| -> Vec<String> {
            units.iter().map(|u| u.code.clone()).collect()
        };
        Table {
            caption: w.doers_caption.into(),
            data: format!("data/tasks/{}-units", task.id),
            columns: vec![
                Column::new("year", w.year),
                Column::new("lead", w.lead),
                Column::new("support", w.support),
            ],
            rows: self
                .years
                .iter()
                .map(|d| {
                    let lead = codes(self.plan.leads(task, d.year));
                    let support = codes(self.plan.supports(task, d.year));
                    let mut lead_cell = self.unit_links(&lead);
                    lead_cell.text = open_words(&task.lead);
                    let mut support_cell = self.unit_links(&support);
                    support_cell.text = open_words(&task.support);
                    vec![year_cell(d.year), lead_cell, support_cell]
                })
                .collect(),
            cards: false,
        }
    }

    /// A task's status each year, with how many lead and support reports it rests on.
    fn task_statuses(&self, n: usize) -> Table {
        let w = self.w;
        Table {
            caption: w.statuses_heading.into(),
            data: format!("data/tasks/{}-status", self.plan.tasks[n].id),
            columns: vec![
                Column::new("year", w.year),
                Column::new("status", w.status),
                Column::new("lead_reports", w.lead_reports),
                Column::new("support_reports", w.support_reports),
            ],
            rows: self
                .years
                .iter()
                .map(|d| {
                    let t = &d.tasks[n];
                    vec![
                        year_cell(d.year),
                        Cell::shown(
                            annual::status_sentence(self.lang, t),
                            json!(t.status.as_str()),
                        ),
                        Cell::count(t.rows(Role::Lead).count()),
                        Cell::count(t.rows(Role::Support).count()),
                    ]
                })
                .collect(),
            cards: false,
        }
    }

    /// Everything units wrote on a task, by year (nothing when no unit reported on it).
    fn task_reports(&self, n: usize) -> Vec<Block> {
        self.said_blocks(
            &format!("data/tasks/{}-reports", self.plan.tasks[n].id),
            self.years.iter().flat_map(|d| {
                d.tasks[n].reports.iter().map(move |r| Said {
                    year: d.year,
                    unit: &r.unit,
                    role: Some(r.role),
                    status: Some(r.status),
                    result: &r.result,
                    difficulties: &r.difficulties,
                    proposals: &r.proposals,
                    source: &r.source,
                })
            }),
            true,
        )
    }

    // ---- Unit pages ----

    fn unit_page(&self, code: &str) -> Page {
        let w = self.w;
        Page {
            path: unit_path(code),
            title: self.unit_name(code),
            lead: None,
            sections: vec![
                Section {
                    heading: w.unit_info.into(),
                    blocks: vec![Block::Facts(self.unit_facts(code))],
                },
                Section {
                    heading: w.duties_heading.into(),
                    blocks: vec![Block::Table(self.unit_duties(code))],
                },
                Section {
                    heading: w.sent_heading.into(),
                    blocks: vec![
                        Block::Paragraph(w.check_note.into()),
                        Block::Table(self.unit_submissions(code)),
                    ],
                },
            ],
        }
    }

    /// What the plan says of a unit: its kind, when it began or ended, who took over, and
    /// whether it reports at all.
    fn unit_facts(&self, code: &str) -> Vec<Fact> {
        let w = self.w;
        let mut facts = vec![Fact {
            label: w.code.into(),
            value: Cell::text(code),
        }];
        let Some(unit) = self.plan.unit(code) else {
            facts.push(Fact {
                label: w.note.into(),
                value: Cell::text(w.unknown_unit),
            });
            return facts;
        };
        facts.push(Fact {
            label: w.kind.into(),
            value: Cell::shown(kind_words(w, unit.kind), json!(unit.kind.as_str())),
        });
        if let Some(since) = unit.since {
            facts.push(Fact {
                label: w.since.into(),
                value: Cell::shown(lang::date(self.lang, since), json!(since)),
            });
        }
        if let Some(until) = unit.until {
            facts.push(Fact {
                label: w.until.into(),
                value: Cell::shown(lang::date(self.lang, until), json!(until)),
            });
        }
        if let Some(next) = &unit.successor {
            facts.push(Fact {
                label: w.successor.into(),
                value: self.unit_links(std::slice::from_ref(next)),
            });
        }
        if !unit.reports {
            facts.push(Fact {
                label: w.reporting.into(),
                value: Cell::text(w.not_reporting),
            });
        }
        facts
    }

    /// What a unit owed each year: whether a report was expected, the tasks it leads and
    /// supports, the indicators it reports.
    fn unit_duties(&self, code: &str) -> Table {
        let w = self.w;
        Table {
            caption: w.duties_caption.into(),
            data: format!("data/units/{code}-duties"),
            columns: vec![
                Column::new("year", w.year),
                Column::new("expected", w.expected),
                Column::new("lead", w.leads_tasks),
                Column::new("support", w.supports_tasks),
                Column::new("indicators", w.reports_indicators),
            ],
            rows: self
                .years
                .iter()
                .map(|d| {
                    let tasks = self.plan.tasks_of(code, d.year);
                    let of = |role: Role| -> Cell {
                        let ids: Vec<&str> = tasks
                            .iter()
                            .filter(|(_, r)| *r == role)
                            .map(|(t, _)| t.id.as_str())
                            .collect();
                        Cell::links(
                            ids.iter().map(|id| self.task_link(id)).collect(),
                            json!(ids),
                        )
                    };
                    let indicators: Vec<&str> = self
                        .plan
                        .indicators_of(code, d.year)
                        .iter()
                        .map(|i| i.id.as_str())
                        .collect();
                    let expected = d.units.iter().any(|u| u.code == code && u.expected);
                    vec![
                        year_cell(d.year),
                        yes_no(w, expected),
                        of(Role::Lead),
                        of(Role::Support),
                        Cell::links(
                            indicators
                                .iter()
                                .map(|id| self.indicator_link(id))
                                .collect(),
                            json!(indicators),
                        ),
                    ]
                })
                .collect(),
            cards: false,
        }
    }

    /// The file a unit sent each year and what the check found in it.
    fn unit_submissions(&self, code: &str) -> Table {
        let w = self.w;
        Table {
            caption: w.sent_heading.into(),
            data: format!("data/units/{code}-submissions"),
            columns: vec![
                Column::new("year", w.year),
                Column::new("file", w.file),
                Column::new("submitted_on", w.submitted_on),
                Column::new("standing", w.standing),
                Column::new("errors", w.errors),
                Column::new("warnings", w.warnings),
                Column::new("rows_with_errors", w.rows_with_errors),
            ],
            rows: self
                .years
                .iter()
                .filter_map(|d| {
                    let u = d.units.iter().find(|u| u.code == code)?;
                    Some(vec![
                        year_cell(d.year),
                        Cell::shown(u.file.clone().unwrap_or_default(), json!(u.file)),
                        submitted_on(self.lang, w, u),
                        Cell::shown(
                            standing_words(w, u.standing(), u.expected),
                            json!(u.standing()),
                        ),
                        Cell::count(u.errors),
                        Cell::count(u.warnings),
                        Cell::count(u.rows_with_errors),
                    ])
                })
                .collect(),
            cards: false,
        }
    }
}

/// What one unit wrote on a task or indicator in one year.
struct Said<'a> {
    year: i32,
    unit: &'a str,
    role: Option<Role>,
    status: Option<Status>,
    result: &'a str,
    difficulties: &'a str,
    proposals: &'a str,
    source: &'a str,
}

/// The year a row of a by-year table is about.
fn year_cell(year: i32) -> Cell {
    Cell::shown(year.to_string(), json!(year))
}

fn yes_no(w: &Words, value: bool) -> Cell {
    Cell::shown(if value { w.yes } else { w.no }, json!(value))
}

/// The day a unit's report was sent, or why it is not known.
fn submitted_on(lang: Lang, w: &Words, u: &crate::consolidate::Submission) -> Cell {
    match (u.submitted_on, u.date_unknown) {
        (Some(day), _) => Cell::shown(lang::date(lang, day), json!(day)),
        (None, Some(reason)) if u.submitted => {
            let why = lang.pick(reason.vietnamese(), reason.english());
            Cell::shown(fill(w.unknown_date, &[&why]), Value::Null)
        }
        _ => Cell::shown("", Value::Null),
    }
}

/// The value of the straight path (base, then each target's bound) in `year`, where the
/// path runs through it.
fn path_value(entry: &IndicatorEntry, year: i32) -> Option<f64> {
    let base = entry.base?;
    let mut points = vec![(base.year, base.value)];
    points.extend(
        entry
            .targets
            .iter()
            .filter(|t| t.year > base.year)
            .filter_map(|t| t.min.or(t.max).map(|goal| (t.year, goal))),
    );
    if points.len() < 2 {
        return None;
    }
    points.windows(2).find_map(|pair| {
        let ((y0, v0), (y1, v1)) = (pair[0], pair[1]);
        (y0..=y1).contains(&year).then(|| {
            let share = if y1 == y0 {
                1.0
            } else {
                f64::from(year - y0) / f64::from(y1 - y0)
            };
            ((v0 + (v1 - v0) * share) * 100.0).round() / 100.0
        })
    })
}
