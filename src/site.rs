//! The progress site (SPEC section 9) as plain data: an overview page, a page per
//! indicator, task and unit, each made of sections, tables and charts, every table
//! also offered as open data (CSV and JSON). The facts come from the consolidated
//! years and the annual report's composition ([`crate::annual`]); this module only
//! arranges them into pages. [`crate::render::site`] lays the pages out as HTML.
//! Links are written from the site's root (`tasks/3.1.html`); the renderer makes them
//! relative to each page, so the site works from `file://` and under any sub-path.

use chrono::NaiveDate;
use serde_json::{Value, json};

use crate::annual::{self, IndicatorEntry, value_words};
use crate::consolidate::{Consolidation, Standing, TaskStatus};
use crate::model::{Measure, Plan, Role, Status, UnitKind};

/// The marker a site's folder holds, so that a later run knows it may replace the folder.
pub const MARKER: &str = ".ktplan-site";

/// What the command line adds to the data.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The day the site is published, shown in every page's footer (no clock otherwise).
    pub date: Option<NaiveDate>,
}

/// The whole site.
#[derive(Debug, Clone)]
pub struct Site {
    /// The language of its pages (`vi`).
    pub lang: &'static str,
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
pub struct Page {
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
pub struct Section {
    /// Its heading (`h2`).
    pub heading: String,
    /// What it holds.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone)]
pub enum Block {
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
pub struct Fact {
    /// Its label.
    pub label: String,
    /// Its value.
    pub value: Cell,
}

/// A link inside the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// The target, from the site's root.
    pub href: String,
    /// The link's text.
    pub text: String,
}

/// What a table cell or a fact shows, and its value as data.
#[derive(Debug, Clone)]
pub struct Cell {
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
pub struct Table {
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
pub struct Column {
    /// Its key in the JSON data.
    pub key: &'static str,
    /// Its heading.
    pub label: &'static str,
}

/// An indicator's chart.
#[derive(Debug, Clone)]
pub struct Chart {
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

/// Every word the site adds to the data, for one language.
#[derive(Debug)]
pub struct Words {
    /// The overview page's title, before the plan's number.
    pub overview: &'static str,
    /// Skips the navigation.
    pub skip: &'static str,
    /// The navigation's name.
    pub navigation: &'static str,
    /// Link to the overview.
    pub home: &'static str,
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
}

/// Vietnamese, the plan's language.
pub const VI: Words = Words {
    overview: "Tiến độ thực hiện Kế hoạch số",
    skip: "Bỏ qua, đến nội dung chính",
    navigation: "Điều hướng",
    home: "Trang tổng quan",
    data_files: "Dữ liệu của bảng:",
    chart_figures: "Số liệu của biểu đồ",
    made_by: "Trang được lập bằng ktplan từ các tệp kế hoạch và báo cáo của các cơ quan, đơn vị; số liệu của mỗi bảng có ở dạng CSV và JSON.",
    updated: "Cập nhật",
    yes: "Có",
    no: "Không",
    no_value: "chưa có số liệu",
};

fn standing_words(standing: Standing, expected: bool) -> &'static str {
    match standing {
        Standing::OnTime => "Đúng hạn",
        Standing::Late => "Trễ hạn",
        Standing::DateUnknown => "Đã gửi, không rõ ngày gửi",
        Standing::DateDoubtful => "Đã gửi, ngày gửi đáng ngờ",
        Standing::Empty => "Biểu mẫu để trống",
        Standing::Missing if expected => "Chưa gửi",
        Standing::Missing => "Không gửi",
    }
}

fn role_words(role: Role) -> &'static str {
    match role {
        Role::Lead => "Chủ trì",
        Role::Support => "Phối hợp",
    }
}

fn kind_words(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Department => "Sở, ban, ngành",
        UnitKind::District => "Ủy ban nhân dân cấp huyện",
        UnitKind::Organization => "Cơ quan, tổ chức khác",
    }
}

fn status_words(status: Status) -> &'static str {
    status.vietnamese()
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

const YEAR: Column = Column {
    key: "year",
    label: "Năm",
};
const UNIT: Column = Column {
    key: "unit",
    label: "Cơ quan, đơn vị",
};
const SOURCE: Column = Column {
    key: "source",
    label: "Nguồn",
};

// ---- Building ----------------------------------------------------------------------------

/// Composes the site from the consolidated plan years, oldest first; the last is the
/// year the site reports on.
pub fn build(plan: &Plan, years: &[Consolidation], options: &Options) -> Site {
    let words = &VI;
    let mut footer = vec![words.made_by.to_string()];
    if let Some(date) = options.date {
        footer.push(format!("{} {}.", words.updated, annual::date_words(date)));
    }
    let mut site = Builder {
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
        lang: "vi",
        words,
        name: format!("Kế hoạch số {}", plan.meta.id),
        footer,
        pages,
    }
}

/// The page of an indicator, task or unit, from the site's root.
pub fn indicator_path(id: &str) -> String {
    format!("indicators/{id}.html")
}

/// The page of a task.
pub fn task_path(id: &str) -> String {
    format!("tasks/{id}.html")
}

/// The page of a unit.
pub fn unit_path(code: &str) -> String {
    format!("units/{code}.html")
}

struct Builder<'a> {
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
        let data = self.last();
        let year = data.year;
        let report = annual::build(self.plan, data, &annual::Options::default());
        // Tasks by status.
        let counts = Table {
            caption: format!("Số nhiệm vụ theo tình trạng năm {year}"),
            data: format!("data/task-status-{year}"),
            columns: vec![
                Column {
                    key: "status",
                    label: "Tình trạng",
                },
                Column {
                    key: "tasks",
                    label: "Số nhiệm vụ",
                },
            ],
            rows: TASK_STATUSES
                .iter()
                .map(|&s| {
                    vec![
                        Cell::shown(s.vietnamese(), json!(s.as_str())),
                        Cell::count(data.tasks.iter().filter(|t| t.status == s).count()),
                    ]
                })
                .collect(),
            cards: false,
        };
        let tasks = Table {
            caption: format!("Tình trạng các nhiệm vụ năm {year}"),
            data: format!("data/tasks-{year}"),
            columns: vec![
                Column {
                    key: "task",
                    label: "Nhiệm vụ",
                },
                Column {
                    key: "lead",
                    label: "Đơn vị chủ trì",
                },
                Column {
                    key: "status",
                    label: "Tình trạng",
                },
            ],
            rows: data
                .tasks
                .iter()
                .map(|t| {
                    vec![
                        Cell::links(vec![self.task_link(&t.id)], json!(t.id)),
                        self.lead_cell(&t.id, &t.lead, year),
                        Cell::shown(annual::status_sentence(t), json!(t.status.as_str())),
                    ]
                })
                .collect(),
            cards: false,
        };
        let mut task_blocks = vec![Block::Subheading(Cell::shown("Nhiệm vụ", Value::Null))];
        task_blocks.extend(
            report
                .results
                .paragraphs
                .iter()
                .map(|p| Block::Paragraph(p.clone())),
        );
        task_blocks.push(Block::Table(counts));
        let mut sections = vec![Section {
            heading: format!("Năm {year} trong một trang"),
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
                Block::Paragraph(format!(
                    "Đánh giá năm {year}: {}. {}",
                    entry.assessment_text, entry.explanation
                )),
                Block::Chart(Box::new(self.chart(entry, true))),
            ]);
        }
        blocks.push(Block::Columns(charts));
        sections.push(Section {
            heading: format!("Các chỉ tiêu đến năm {year}"),
            blocks,
        });
        sections.push(Section {
            heading: format!("Các nhiệm vụ năm {year}"),
            blocks: vec![Block::Table(tasks)],
        });
        sections.push(self.units_section(data));
        Page {
            path: "index.html".into(),
            title: format!("{} {}", VI.overview, self.plan.meta.id),
            lead: Some(format!(
                "{}. Số liệu năm {year}, tổng hợp từ báo cáo của các cơ quan, đơn vị.",
                self.plan.meta.title
            )),
            sections,
        }
    }

    fn submissions_blocks(&self, data: &Consolidation) -> Vec<Block> {
        let year = data.year;
        let expected: Vec<_> = data.units.iter().filter(|u| u.expected).collect();
        let count = |s: Standing| expected.iter().filter(|u| u.standing() == s).count();
        let sent = expected.iter().filter(|u| u.sent()).count();
        let row =
            |key: &str, label: &str, n: usize| vec![Cell::shown(label, json!(key)), Cell::count(n)];
        let counts = Table {
            caption: format!("Tình hình gửi báo cáo năm {year}"),
            data: format!("data/submission-counts-{year}"),
            columns: vec![
                Column {
                    key: "standing",
                    label: "Tình hình",
                },
                Column {
                    key: "units",
                    label: "Số đơn vị",
                },
            ],
            rows: vec![
                row("expected", "Phải báo cáo", expected.len()),
                row("sent", "Đã gửi", sent),
                row("on_time", "Đúng hạn", count(Standing::OnTime)),
                row("late", "Trễ hạn", count(Standing::Late)),
                row(
                    "date_unknown",
                    standing_words(Standing::DateUnknown, true),
                    count(Standing::DateUnknown),
                ),
                row(
                    "date_doubtful",
                    standing_words(Standing::DateDoubtful, true),
                    count(Standing::DateDoubtful),
                ),
                row(
                    "empty",
                    standing_words(Standing::Empty, true),
                    count(Standing::Empty),
                ),
                row("missing", "Chưa gửi", count(Standing::Missing)),
            ],
            cards: false,
        };
        let mut blocks = vec![
            Block::Subheading(Cell::shown("Báo cáo của các cơ quan, đơn vị", Value::Null)),
            Block::Paragraph(format!(
                "Hạn gửi báo cáo năm {year}: trước {}. {sent}/{} cơ quan, đơn vị phải báo cáo đã gửi.",
                annual::date_words(data.due_date),
                expected.len()
            )),
        ];
        let apart = data.units.iter().filter(|u| !u.expected).count();
        if apart > 0 {
            blocks.push(Block::Paragraph(format!(
                "Ngoài ra có {apart} đơn vị gửi báo cáo dù không thuộc diện phải báo cáo năm {year}."
            )));
        }
        blocks.push(Block::Table(counts));
        blocks
    }

    fn units_section(&self, data: &Consolidation) -> Section {
        let year = data.year;
        let table = Table {
            caption: format!("Báo cáo của từng cơ quan, đơn vị năm {year}"),
            data: format!("data/submissions-{year}"),
            columns: vec![
                UNIT,
                Column {
                    key: "expected",
                    label: "Phải báo cáo",
                },
                Column {
                    key: "submitted_on",
                    label: "Ngày gửi",
                },
                Column {
                    key: "standing",
                    label: "Tình hình",
                },
                Column {
                    key: "errors",
                    label: "Lỗi",
                },
                Column {
                    key: "warnings",
                    label: "Cảnh báo",
                },
            ],
            rows: data
                .units
                .iter()
                .map(|u| {
                    vec![
                        self.unit_links(std::slice::from_ref(&u.code)),
                        yes_no(u.expected),
                        submitted_on(u),
                        Cell::shown(
                            standing_words(u.standing(), u.expected),
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
            heading: format!("Các cơ quan, đơn vị năm {year}"),
            blocks: vec![Block::Table(table)],
        }
    }

    /// An indicator's chart and its figures: the compared value, the target and the
    /// path's value for each year of the chart's axis.
    fn chart(&self, entry: &IndicatorEntry, small: bool) -> Chart {
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
        let words = |v: Option<f64>| v.map(|v| value_words(v, &entry.unit));
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
                    Cell::shown(year.to_string(), json!(year)),
                    Cell::shown(words(value).unwrap_or_default(), json!(value)),
                    Cell::shown(
                        target
                            .map(|t| annual::target_words(t, &entry.unit))
                            .unwrap_or_default(),
                        target.map_or(Value::Null, |t| json!({"min": t.min, "max": t.max})),
                    ),
                    Cell::shown(words(path).unwrap_or_default(), json!(path)),
                ]
            })
            .collect();
        Chart {
            caption: format!(
                "Biểu đồ: {} {}qua các năm, mục tiêu và lộ trình{}",
                entry.name,
                if flow { "(lũy kế) " } else { "" },
                if entry.unit == "%" { " (%)" } else { "" }
            ),
            figures: Table {
                caption: format!("{}: {}", VI.chart_figures, entry.name),
                data: format!("data/indicators/{}-chart", entry.id),
                columns: vec![
                    YEAR,
                    Column {
                        key: "value",
                        label: if flow {
                            "Lũy kế thực hiện"
                        } else {
                            "Thực hiện"
                        },
                    },
                    Column {
                        key: "target",
                        label: "Mục tiêu",
                    },
                    Column {
                        key: "path",
                        label: "Lộ trình",
                    },
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
        let planned = &self.plan.indicators[n];
        let data = self.last();
        let year = data.year;
        let entries: Vec<IndicatorEntry> = self
            .years
            .iter()
            .map(|d| annual::indicator_entry(self.plan, d.year, &d.indicators[n]))
            .collect();
        let entry = entries.last().expect("the site's year");
        let flow = planned.measure == Measure::Flow;
        let mut facts = vec![
            Fact {
                label: "Đơn vị tính".into(),
                value: Cell::shown(entry.unit_text.clone(), json!(planned.unit)),
            },
            Fact {
                label: "Loại".into(),
                value: Cell::shown(
                    if flow {
                        "Số phát sinh hằng năm, cộng dồn qua các năm"
                    } else {
                        "Mức đạt được trong năm"
                    },
                    json!(planned.measure),
                ),
            },
            Fact {
                label: "Mục tiêu".into(),
                value: Cell::text(entry.targets_text.clone()),
            },
        ];
        if let Some(words) = &entry.plan_words {
            facts.push(Fact {
                label: "Mục tiêu theo Kế hoạch".into(),
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
            label: format!("Đơn vị báo cáo năm {year}"),
            value: self.unit_links(&reporters),
        });
        let tasks: Vec<Link> = self
            .plan
            .tasks
            .iter()
            .filter(|t| t.indicators.contains(&planned.id))
            .map(|t| self.task_link(&t.id))
            .collect();
        if !tasks.is_empty() {
            let ids: Vec<&str> = self
                .plan
                .tasks
                .iter()
                .filter(|t| t.indicators.contains(&planned.id))
                .map(|t| t.id.as_str())
                .collect();
            facts.push(Fact {
                label: "Nhiệm vụ liên quan".into(),
                value: Cell::links(tasks, json!(ids)),
            });
        }
        let mut assessment = vec![
            Block::Paragraph(format!("Đánh giá: {}.", entry.assessment_text)),
            Block::Paragraph(entry.explanation.clone()),
            Block::Paragraph(entry.history_text.clone()),
        ];
        if let Some(c) = &entry.cumulative_text {
            assessment.insert(1, Block::Paragraph(format!("Lũy kế: {c}.")));
        }
        // Values by year, with the assessment each year had.
        let mut columns = vec![
            YEAR,
            Column {
                key: "value",
                label: "Giá trị trong năm",
            },
        ];
        if flow {
            columns.push(Column {
                key: "cumulative",
                label: "Lũy kế",
            });
        }
        columns.push(Column {
            key: "assessment",
            label: "Đánh giá",
        });
        let values = Table {
            caption: "Giá trị qua các năm".into(),
            data: format!("data/indicators/{}-values", planned.id),
            columns,
            rows: self
                .years
                .iter()
                .zip(&entries)
                .map(|(d, e)| {
                    let i = &d.indicators[n];
                    let mut row = vec![
                        Cell::shown(d.year.to_string(), json!(d.year)),
                        Cell::shown(e.value_text.clone(), json!(i.value)),
                    ];
                    if flow {
                        row.push(Cell::shown(
                            i.cumulative
                                .map_or(VI.no_value.to_string(), |c| value_words(c, &i.unit)),
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
        };
        let sources = Table {
            caption: "Số liệu của từng đơn vị và nguồn".into(),
            data: format!("data/indicators/{}-sources", planned.id),
            columns: vec![
                YEAR,
                UNIT,
                Column {
                    key: "value",
                    label: "Giá trị",
                },
                Column {
                    key: "result",
                    label: "Kết quả",
                },
                SOURCE,
            ],
            rows: self
                .years
                .iter()
                .flat_map(|d| d.indicators[n].reports.iter().map(move |r| (d.year, r)))
                .map(|(y, r)| {
                    vec![
                        Cell::shown(y.to_string(), json!(y)),
                        self.unit_links(std::slice::from_ref(&r.unit)),
                        Cell::shown(
                            r.value
                                .map_or(VI.no_value.to_string(), |v| value_words(v, &planned.unit)),
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
        Page {
            path: indicator_path(&planned.id),
            title: format!("Chỉ tiêu: {}", planned.name),
            lead: Some(format!("Đánh giá năm {year}: {}.", entry.assessment_text)),
            sections: vec![
                Section {
                    heading: "Thông tin chỉ tiêu".into(),
                    blocks: vec![Block::Facts(facts)],
                },
                Section {
                    heading: "Diễn biến qua các năm".into(),
                    blocks: vec![
                        Block::Chart(Box::new(self.chart(entry, false))),
                        Block::Table(values),
                    ],
                },
                Section {
                    heading: format!("Đánh giá năm {year}"),
                    blocks: assessment,
                },
                Section {
                    heading: "Báo cáo của các đơn vị".into(),
                    blocks: reports,
                },
            ],
        }
    }

    /// The difficulties and proposals units wrote, as blocks of labelled fields by year
    /// (nothing when no unit wrote any); with `everything`, results and statuses too.
    fn said_blocks<'s>(
        &self,
        data: &str,
        said: impl Iterator<Item = Said<'s>>,
        everything: bool,
    ) -> Vec<Block> {
        let said: Vec<Said> = said
            .filter(|s| {
                everything || !s.difficulties.trim().is_empty() || !s.proposals.trim().is_empty()
            })
            .collect();
        if said.is_empty() {
            return Vec::new();
        }
        let mut columns = vec![YEAR, UNIT];
        if everything {
            columns.push(Column {
                key: "role",
                label: "Vai trò",
            });
            columns.push(Column {
                key: "status",
                label: "Tình trạng",
            });
            columns.push(Column {
                key: "result",
                label: "Kết quả",
            });
        }
        columns.extend([
            Column {
                key: "difficulties",
                label: "Khó khăn, vướng mắc",
            },
            Column {
                key: "proposals",
                label: "Đề xuất, kiến nghị",
            },
            SOURCE,
        ]);
        let row = |s: &Said| {
            let mut row = vec![
                Cell::shown(s.year.to_string(), json!(s.year)),
                self.unit_links(&[s.unit.to_string()]),
            ];
            if everything {
                row.push(match s.role {
                    Some(role) => Cell::shown(role_words(role), json!(role.as_str())),
                    None => Cell::shown("", Value::Null),
                });
                row.push(match s.status {
                    Some(status) => Cell::shown(status_words(status), json!(status.as_str())),
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
                format!("Năm {year}"),
                json!(year),
            )));
            blocks.push(Block::Table(Table {
                caption: if everything {
                    format!("Kết quả, khó khăn và đề xuất của các đơn vị năm {year}")
                } else {
                    format!("Khó khăn và đề xuất của các đơn vị năm {year}")
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
        let task = &self.plan.tasks[n];
        let data = self.last();
        let result = &data.tasks[n];
        let mut facts = Vec::new();
        if let Some(section) = self.plan.section(&task.section) {
            facts.push(Fact {
                label: "Thuộc mục".into(),
                value: Cell::shown(
                    format!("{}. {}", section.id, section.title),
                    json!(section.id),
                ),
            });
        }
        facts.push(Fact {
            label: "Thời gian thực hiện".into(),
            value: Cell::shown(
                match task.schedule {
                    None => String::new(),
                    Some(crate::model::Schedule::Recurring) => "Thường xuyên".into(),
                    Some(crate::model::Schedule::Year(y)) => format!("Năm {y}"),
                    Some(crate::model::Schedule::Range(a, b)) => format!("{a} - {b}"),
                },
                json!(task.schedule.map(|s| s.to_text())),
            ),
        });
        if !task.indicators.is_empty() {
            facts.push(Fact {
                label: "Chỉ tiêu liên quan".into(),
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
            label: format!("Tình trạng năm {}", data.year),
            value: Cell::shown(
                annual::status_sentence(result),
                json!(result.status.as_str()),
            ),
        });
        // Who leads and supports, as in force each year.
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
        let assigned = Table {
            caption: "Đơn vị chủ trì và phối hợp qua các năm".into(),
            data: format!("data/tasks/{}-units", task.id),
            columns: vec![
                YEAR,
                Column {
                    key: "lead",
                    label: "Chủ trì",
                },
                Column {
                    key: "support",
                    label: "Phối hợp",
                },
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
                    vec![
                        Cell::shown(d.year.to_string(), json!(d.year)),
                        lead_cell,
                        support_cell,
                    ]
                })
                .collect(),
            cards: false,
        };
        let statuses = Table {
            caption: "Tình trạng qua các năm".into(),
            data: format!("data/tasks/{}-status", task.id),
            columns: vec![
                YEAR,
                Column {
                    key: "status",
                    label: "Tình trạng",
                },
                Column {
                    key: "lead_reports",
                    label: "Số đơn vị chủ trì báo cáo",
                },
                Column {
                    key: "support_reports",
                    label: "Số đơn vị phối hợp báo cáo",
                },
            ],
            rows: self
                .years
                .iter()
                .map(|d| {
                    let t = &d.tasks[n];
                    vec![
                        Cell::shown(d.year.to_string(), json!(d.year)),
                        Cell::shown(annual::status_sentence(t), json!(t.status.as_str())),
                        Cell::count(t.rows(Role::Lead).count()),
                        Cell::count(t.rows(Role::Support).count()),
                    ]
                })
                .collect(),
            cards: false,
        };
        let mut reports = self.said_blocks(
            &format!("data/tasks/{}-reports", task.id),
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
        );
        if reports.is_empty() {
            reports.push(Block::Paragraph(
                "Chưa có đơn vị nào báo cáo về nhiệm vụ này.".into(),
            ));
        }
        Page {
            path: task_path(&task.id),
            title: format!("Nhiệm vụ {}. {}", task.id, task.title),
            lead: Some(format!(
                "Tình trạng năm {}: {}.",
                data.year,
                annual::status_sentence(result)
            )),
            sections: vec![
                Section {
                    heading: "Nội dung theo Kế hoạch".into(),
                    blocks: vec![Block::Paragraph(task.text.clone()), Block::Facts(facts)],
                },
                Section {
                    heading: "Đơn vị thực hiện".into(),
                    blocks: vec![Block::Table(assigned)],
                },
                Section {
                    heading: "Tình trạng qua các năm".into(),
                    blocks: vec![Block::Table(statuses)],
                },
                Section {
                    heading: "Báo cáo của các đơn vị".into(),
                    blocks: reports,
                },
            ],
        }
    }

    // ---- Unit pages ----

    fn unit_page(&self, code: &str) -> Page {
        let unit = self.plan.unit(code);
        let mut facts = vec![Fact {
            label: "Mã đơn vị".into(),
            value: Cell::text(code),
        }];
        match unit {
            Some(unit) => {
                facts.push(Fact {
                    label: "Loại".into(),
                    value: Cell::shown(kind_words(unit.kind), json!(unit.kind.as_str())),
                });
                if let Some(since) = unit.since {
                    facts.push(Fact {
                        label: "Thành lập từ".into(),
                        value: Cell::shown(since.format("%d/%m/%Y").to_string(), json!(since)),
                    });
                }
                if let Some(until) = unit.until {
                    facts.push(Fact {
                        label: "Hoạt động đến".into(),
                        value: Cell::shown(until.format("%d/%m/%Y").to_string(), json!(until)),
                    });
                }
                if let Some(next) = &unit.successor {
                    facts.push(Fact {
                        label: "Đơn vị kế thừa nhiệm vụ".into(),
                        value: self.unit_links(std::slice::from_ref(next)),
                    });
                }
                if !unit.reports {
                    facts.push(Fact {
                        label: "Chế độ báo cáo".into(),
                        value: Cell::text("Không thuộc diện phải báo cáo"),
                    });
                }
            }
            None => facts.push(Fact {
                label: "Ghi chú".into(),
                value: Cell::text("Đơn vị không có trong danh sách của Kế hoạch"),
            }),
        }
        let duties = Table {
            caption: "Nhiệm vụ và chỉ tiêu phải báo cáo qua các năm".into(),
            data: format!("data/units/{code}-duties"),
            columns: vec![
                YEAR,
                Column {
                    key: "expected",
                    label: "Phải báo cáo",
                },
                Column {
                    key: "lead",
                    label: "Chủ trì nhiệm vụ",
                },
                Column {
                    key: "support",
                    label: "Phối hợp nhiệm vụ",
                },
                Column {
                    key: "indicators",
                    label: "Báo cáo chỉ tiêu",
                },
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
                        Cell::shown(d.year.to_string(), json!(d.year)),
                        yes_no(expected),
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
        };
        let sent = Table {
            caption: "Báo cáo đã gửi".into(),
            data: format!("data/units/{code}-submissions"),
            columns: vec![
                YEAR,
                Column {
                    key: "file",
                    label: "Tệp báo cáo",
                },
                Column {
                    key: "submitted_on",
                    label: "Ngày gửi",
                },
                Column {
                    key: "standing",
                    label: "Tình hình",
                },
                Column {
                    key: "errors",
                    label: "Lỗi",
                },
                Column {
                    key: "warnings",
                    label: "Cảnh báo",
                },
                Column {
                    key: "rows_with_errors",
                    label: "Dòng chưa tổng hợp",
                },
            ],
            rows: self
                .years
                .iter()
                .filter_map(|d| {
                    let u = d.units.iter().find(|u| u.code == code)?;
                    Some(vec![
                        Cell::shown(d.year.to_string(), json!(d.year)),
                        Cell::shown(u.file.clone().unwrap_or_default(), json!(u.file)),
                        submitted_on(u),
                        Cell::shown(
                            standing_words(u.standing(), u.expected),
                            json!(u.standing()),
                        ),
                        Cell::count(u.errors),
                        Cell::count(u.warnings),
                        Cell::count(u.rows_with_errors),
                    ])
                })
                .collect(),
            cards: false,
        };
        Page {
            path: unit_path(code),
            title: self.unit_name(code),
            lead: None,
            sections: vec![
                Section {
                    heading: "Thông tin đơn vị".into(),
                    blocks: vec![Block::Facts(facts)],
                },
                Section {
                    heading: "Nhiệm vụ và chỉ tiêu được giao".into(),
                    blocks: vec![Block::Table(duties)],
                },
                Section {
                    heading: "Báo cáo đã gửi".into(),
                    blocks: vec![
                        Block::Paragraph(
                            "Số lỗi và cảnh báo là kết quả kiểm tra tệp báo cáo (ktplan check); dòng có lỗi chưa được tổng hợp.".into(),
                        ),
                        Block::Table(sent),
                    ],
                },
            ],
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

fn yes_no(value: bool) -> Cell {
    Cell::shown(if value { VI.yes } else { VI.no }, json!(value))
}

/// The day a unit's report was sent, or why it is not known.
fn submitted_on(u: &crate::consolidate::Submission) -> Cell {
    match (u.submitted_on, u.date_unknown) {
        (Some(day), _) => Cell::shown(day.format("%d/%m/%Y").to_string(), json!(day)),
        (None, Some(reason)) if u.submitted => {
            Cell::shown(format!("Không rõ ({})", reason.vietnamese()), Value::Null)
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
