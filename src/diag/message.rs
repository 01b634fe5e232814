//! Every problem ktplan reports, as typed facts, and the one place where each becomes a
//! sentence: [`vi`] in Vietnamese, [`en`] in English. A check builds a [`Message`]
//! (what it found: the id, the unit, the cell as read), never a sentence; the renderers of
//! [`super`] ask the message for its words in the run's language. Both functions are one
//! exhaustive `match`, so a message cannot exist in one language only.

use chrono::NaiveDate;

use super::Code;
use crate::lang::Lang;
use crate::layout::Field;
use crate::load::limits::{Measure, TooBig};
use crate::load::number::NumberError;
use crate::load::plan::PlanRefusal;
use crate::model::{Kind, MeasureUnit, Status};

/// What a plan value names, in the words of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    /// A unit.
    Unit,
    /// A group of units.
    Group,
    /// A unit or a group.
    UnitOrGroup,
    /// A section of the plan.
    Section,
    /// A task.
    Task,
    /// An indicator.
    Indicator,
}

impl From<Kind> for Thing {
    fn from(kind: Kind) -> Thing {
        match kind {
            Kind::Task => Thing::Task,
            Kind::Indicator => Thing::Indicator,
        }
    }
}

impl Thing {
    fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Thing::Unit, Lang::Vi) => "đơn vị",
            (Thing::Group, Lang::Vi) => "nhóm",
            (Thing::UnitOrGroup, Lang::Vi) => "đơn vị hoặc nhóm",
            (Thing::Section, Lang::Vi) => "mục",
            (Thing::Task, Lang::Vi) => "nhiệm vụ",
            (Thing::Indicator, Lang::Vi) => "chỉ tiêu",
            (Thing::Unit, Lang::En) => "unit",
            (Thing::Group, Lang::En) => "group",
            (Thing::UnitOrGroup, Lang::En) => "unit or group",
            (Thing::Section, Lang::En) => "section",
            (Thing::Task, Lang::En) => "task",
            (Thing::Indicator, Lang::En) => "indicator",
        }
    }

    /// "unit code", "task id"...
    fn id_words(self, lang: Lang) -> String {
        match (self, lang) {
            (Thing::Unit | Thing::Group | Thing::UnitOrGroup, Lang::En) => {
                format!("{} code", self.words(lang))
            }
            (_, Lang::En) => format!("{} id", self.words(lang)),
            (_, Lang::Vi) => format!("mã {}", self.words(lang)),
        }
    }
}

/// The tasks or indicators a unit owes in a year: the hint of E005 and E006.
#[derive(Debug, Clone, PartialEq)]
pub struct Owned {
    /// The unit.
    pub unit: String,
    /// The year.
    pub year: i32,
    /// Tasks (it leads or supports) or indicators (it reports).
    pub kind: Kind,
    /// Their ids, in plan order.
    pub ids: Vec<String>,
}

/// Tasks or indicators of a unit that a handover gave to another unit than the one
/// holding the rest of its work: the hint of E004.
#[derive(Debug, Clone, PartialEq)]
pub struct Passed {
    /// Tasks or indicators.
    pub kind: Kind,
    /// Their ids, in plan order.
    pub ids: Vec<String>,
    /// The unit holding them.
    pub to: String,
}

/// The unit of measure of an indicator, as a message names it.
fn measure_words(unit: &MeasureUnit, lang: Lang) -> String {
    match (unit, lang) {
        (MeasureUnit::Percent, Lang::Vi) => "phần trăm (từ 0 đến 100)".into(),
        (MeasureUnit::Count, Lang::Vi) => "số nguyên".into(),
        (MeasureUnit::Percent, Lang::En) => "percent (0 to 100)".into(),
        (MeasureUnit::Count, Lang::En) => "a whole number".into(),
        (MeasureUnit::Other(unit), _) => unit.clone(),
    }
}

macro_rules! catalogue {
    ($( $(#[$doc:meta])* $name:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $code:ident, )*) => {
        /// One kind of problem and its facts. The variant fixes the code.
        #[derive(Debug, Clone, PartialEq)]
        #[allow(missing_docs)]
        pub enum Message { $( $(#[$doc])* $name $({ $($field: $ty),* })?, )* }

        impl Message {
            /// The stable code of this kind of problem.
            pub fn code(&self) -> Code {
                match self { $( Message::$name { .. } => Code::$code, )* }
            }

            /// The variant's name, for tests that hold the catalogue complete.
            pub fn kind(&self) -> &'static str {
                match self { $( Message::$name { .. } => stringify!($name), )* }
            }

            /// The name of every variant.
            pub const KINDS: &'static [&'static str] = &[$(stringify!($name)),*];
        }
    };
}

catalogue! {
    // E001: the bytes are not text in the file's encoding.
    /// A workbook given a CSV name.
    WorkbookAsCsv => E001,
    /// Binary bytes.
    NotText => E001,
    /// Bytes the detected encoding cannot hold.
    InvalidBytes { offset: usize, encoding: &'static str } => E001,
    /// UTF-16 text without a byte-order mark: every other byte NUL.
    Utf16WithoutBom => E001,

    // E002: malformed CSV.
    /// A field over the limit.
    FieldTooLong { bytes: usize } => E002,
    /// A quote never closed.
    UnbalancedQuotes => E002,
    /// A row of more fields than a report can have columns (1,000).
    TooManyFields { fields: usize } => E002,
    /// A row with more or fewer fields than the header.
    WrongFieldCount { found: usize, expected: usize, delimiter: u8 } => E002,

    // E003: the header.
    /// No header row in a CSV file.
    NoHeader => E003,
    /// No sheet of a workbook has a header row.
    NoHeaderInWorkbook => E003,
    /// Several sheets hold a report table.
    SeveralSheets { sheets: Vec<String> } => E003,
    /// A column named twice.
    ColumnTwice { field: Field, name: String } => E003,

    // E004: whose report.
    /// The path names no unit and year.
    OwnerUnknown => E004,
    /// The unit is not in the plan.
    UnknownUnit { unit: String, similar: Option<String>, units: Vec<String> } => E004,
    /// The year lies outside the plan.
    YearOutsidePlan { year: i32, start: i32, end: i32 } => E004,
    /// The unit did not exist on the year's due date.
    UnitNotExisting {
        unit: String,
        due: NaiveDate,
        year: i32,
        not_yet: bool,
        predecessors: Vec<String>,
        holder: Option<String>,
        moved: Vec<Passed>,
    } => E004,

    // E005: unknown ids and kinds.
    /// A row without a kind.
    NoKind => E005,
    /// A kind that is neither task nor indicator.
    UnknownKind { kind: String } => E005,
    /// A row without an id.
    NoId { owned: Owned } => E005,
    /// An id the plan does not have.
    UnknownId { id: String, owned: Owned } => E005,
    /// An indicator's id on a task row, or a task's on an indicator row.
    WrongKind { id: String, owned: Owned } => E005,

    // E006.
    /// The unit has no part in this task or indicator.
    NotAssigned { id: String, owned: Owned } => E006,

    // E007.
    /// A task row without a status.
    NoStatus { id: String } => E007,
    /// A status ktplan does not know; `nearest` is the one it was probably meant as.
    UnknownStatus { status: String, nearest: Option<Status> } => E007,

    // E008: values.
    /// A workbook cell holding a date.
    DateNotNumber { cell: String } => E008,
    /// A workbook cell holding an error (`#DIV/0!`).
    ErrorNotNumber { cell: String } => E008,
    /// Text that is not a number.
    NotANumber { cell: String, why: NumberError, percent: bool } => E008,
    /// A `%` sign where the indicator is not in percent.
    PercentSign { cell: String, read_as: Option<f64>, measured: MeasureUnit } => E008,
    /// A percentage outside 0..100.
    PercentOutOfRange { cell: String, read_as: Option<f64> } => E008,
    /// A count that is not a whole number of 0 or more.
    NotWhole { cell: String, read_as: Option<f64> } => E008,
    /// A negative amount.
    Negative { cell: String, read_as: Option<f64> } => E008,
    /// A value past any a report gives (10^15), or not finite.
    ValueTooLarge { cell: String } => E008,

    // E009.
    /// The same id twice; `first` is the line (or the sheet's row) of its first row.
    Duplicate { kind: Kind, id: String, first: usize, workbook: bool } => E009,

    // E010: the plan.
    /// A plan file that is not UTF-8.
    PlanNotUtf8 => E010,
    /// TOML that does not parse; `detail` is the parser's own words.
    InvalidToml { detail: String } => E010,
    /// A top-level table that is not one of the plan's.
    UnknownTable { name: String } => E010,
    /// A value where a table was expected.
    ExpectedTable { table: &'static str } => E010,
    /// A value where an array of tables was expected.
    ExpectedArray { table: &'static str } => E010,
    /// A key the table does not have.
    UnknownKey { key: String, table: &'static str, expected: Vec<String>, nearest: Option<String> } => E010,
    /// A key the table needs.
    MissingKey { key: String, table: &'static str, id: Option<String> } => E010,
    /// A value of the wrong type, in the reader's words (`a string`, `integer`...).
    WrongType { expected: String, found: String } => E010,
    /// Any other value the reader refused, in its own words.
    BadValue { detail: String } => E010,
    /// An id or code outside `[A-Za-z0-9._-]`.
    BadCode { what: Thing, value: String } => E010,
    /// A TOML date-time where a date is expected.
    BadDate { found: String } => E010,
    /// A year outside 1900..2200.
    ImplausibleYear { value: i64 } => E010,
    /// An id defined twice.
    DuplicateId { what: Thing, id: String, first_file: String, first_line: usize } => E010,
    /// A reference to something the plan does not define.
    UnknownRef { what: Thing, value: String } => E010,
    /// A group where only a unit may stand.
    GroupNotUnit { value: String } => E010,
    /// No `[plan]` table.
    NoPlanTable => E010,
    /// A second `[plan]` table.
    SecondPlanTable => E010,
    /// A second `[report]` table.
    SecondReportTable => E010,
    /// A `[report]` key given as empty text.
    EmptyKey { key: String } => E010,
    /// `deputy_title` without `signer_title`.
    DeputyWithoutHead => E010,
    /// Two `[[report.change]]` from the same day.
    SecondChange { since: NaiveDate } => E010,
    /// A `[[report.change]]` without a key to change.
    EmptyChange => E010,
    /// A handover from or to a group.
    HandoverOfGroup { value: String } => E010,
    /// A handover from a unit to itself.
    HandoverToItself => E010,
    /// A handover with two empty lists.
    HandoverOfNothing => E010,
    /// A handover naming a task or indicator its `from` unit has no part in.
    NoPartToHandOver { unit: String, what: Thing, value: String } => E010,
    /// `end_year` before `start_year`.
    EndBeforeStart { start: i32, end: i32 } => E010,
    /// `due_before` that is not a month-day.
    BadDueBefore { value: String } => E010,
    /// `language` that names no language ktplan speaks.
    UnknownLanguage { value: String } => E010,
    /// A unit `kind` other than department, district, organization.
    UnknownUnitKind { value: String } => E010,
    /// `until` before `since`.
    UntilBeforeSince { since: NaiveDate, until: NaiveDate } => E010,
    /// A successor without `until`.
    SuccessorWithoutUntil => E010,
    /// A unit that succeeds itself.
    OwnSuccessor => E010,
    /// `"*"` among other members.
    StarNotAlone => E010,
    /// A group without members.
    NoMembers { group: String } => E010,
    /// A task without a lead.
    NoLead { task: String } => E010,
    /// A schedule that is not recurring, a year or a range.
    BadSchedule { value: String } => E010,
    /// A schedule outside the plan's period.
    ScheduleOutside { value: String, start: i32, end: i32 } => E010,
    /// A measure other than level or flow.
    UnknownMeasure { value: String } => E010,
    /// An aggregate other than single, sum, mean, max.
    UnknownAggregate { value: String } => E010,
    /// An indicator without a reporter.
    NoReporter { indicator: String } => E010,
    /// A baseline after the plan's last year.
    BaselineAfterEnd { year: i32, end: i32 } => E010,
    /// A target outside the plan's period.
    TargetOutside { year: i32, start: i32, end: i32 } => E010,
    /// A target with neither bound.
    TargetWithoutBound { year: i32 } => E010,
    /// `min` above `max`.
    MinAboveMax { min: f64, max: f64 } => E010,
    /// Two targets for one year.
    SecondTarget { year: i32 } => E010,
    /// A baseline or target that is not a finite number (`nan`, `inf`).
    NotFinite { baseline: bool, value: String } => E010,
    /// A `%` baseline or target outside 0..=100.
    PercentBound { baseline: bool, value: f64 } => E010,
    /// A file under `plan/` that is not read: a link out or in a loop, a device, too big.
    PlanFileRefused { why: PlanRefusal } => E010,

    // E013.
    /// A column the rows need is missing; `nearest` is the unknown header nearest to it.
    ColumnMissing { field: Field, nearest: Option<String> } => E013,

    // E011: a file that cannot be read.
    /// The operating system's refusal, in its words.
    CannotRead { reason: String } => E011,
    /// A link out of the repository.
    LinkOutside { target: String } => E011,
    /// A folder where a report should be.
    Folder => E011,
    /// A pipe, socket or device.
    NotRegular => E011,
    /// A file over 64 MiB.
    TooBig { bytes: u64 } => E011,
    /// A report past a limit of SPEC section 4 (rows, columns, cells, XML, text).
    TooBigToRead { too_big: TooBig } => E011,
    /// A second file for a unit and year that has its report already.
    SecondReport { unit: String, year: i32, report: String, import: String } => E011,
    /// A workbook with a password to open.
    WorkbookPassword => E011,
    /// A workbook the reader could not open; `reason` in the reader's words, `None`
    /// when its contents are damaged.
    WorkbookUnreadable { extension: &'static str, sheet: Option<String>, reason: Option<String> } => E011,
    /// A file with a workbook name that holds something else.
    NotAWorkbook { extension: &'static str, text: bool } => E011,

    // E012.
    /// A `single` indicator valued by several units; `parties` are "UNIT (file:line)".
    SingleValueConflict { indicator: String, year: i32, parties: Vec<String> } => E012,

    // W101.
    /// A row the unit owes is missing.
    RowMissing { kind: Kind, id: String, unit: String, year: i32 } => W101,
    /// A row the unit owes is left as the template wrote it.
    RowNotFilled { kind: Kind, id: String, unit: String } => W101,

    // W102.
    /// Done or in progress, without a result.
    NoResult { id: String, status: Status } => W102,
    /// An indicator row without a value.
    NoValue { id: String, measured: MeasureUnit } => W102,

    // W103.
    /// A header the reader does not know.
    UnknownColumn { name: String, nearest: Option<Field> } => W103,
    /// A workbook column without a header (`letters` as the sheet names it).
    UnnamedColumn { letters: String, header_line: usize } => W103,
    /// A value on a task row.
    TaskHasValue { id: String } => W103,
    /// A status on an indicator row.
    IndicatorHasStatus { id: String } => W103,

    // W104.
    /// A value far from the unit's previous year.
    FarFromLastYear { id: String, value: f64, before: f64, previous: String, line: usize } => W104,

    // W105.
    /// A workbook cell that is a formula.
    FormulaCell { field: Field } => W105,
    /// Text a spreadsheet would run as a formula; `start` is its beginning.
    LooksLikeFormula { field: Field, start: String } => W105,

    // W106.
    /// `?` inside a word: letters lost by an export.
    LostLetters { field: Field, word: String } => W106,

    // W107.
    /// A title that is not its id's.
    TitleMismatch { written: String, id: String, title: String, elsewhere: Option<String> } => W107,

    // W108.
    /// `1.234` read as 1234 on the file's convention alone.
    GroupedByConvention { cell: String, value: f64, comma_decimal: bool } => W108,

    // W109.
    /// A form nobody filled.
    EmptyForm => W109,
}

/// A message and its hint, as a person reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, where one can say.
    pub help: Option<String>,
}

impl Message {
    /// The message and its hint in `lang`.
    pub fn words(&self, lang: Lang) -> Words {
        let (message, help) = match lang {
            Lang::Vi => vi(self),
            Lang::En => en(self),
        };
        Words { message, help }
    }
}

/// What passed a limit, in Vietnamese.
fn vi_too_big(t: &TooBig) -> String {
    let limit = grouped(t.what.limit(), '.');
    let unit = match t.what {
        Measure::Rows => "dòng",
        Measure::Columns => "cột",
        Measure::Cells => "ô",
        Measure::SharedStrings => "chuỗi dùng chung",
        Measure::Xml => return "tệp chứa hơn 64 MiB XML sau khi giải nén".into(),
        Measure::CellText => return "các ô của tệp chứa hơn 64 MiB văn bản".into(),
    };
    let whom = match &t.place {
        Some(sheet) => format!("trang \"{sheet}\""),
        None => "tệp".into(),
    };
    let verb = if t.declared { "khai báo" } else { "có" };
    match t.count {
        Some(n) => format!("{whom} {verb} {} {unit} (tối đa {limit})", grouped(n, '.')),
        None => format!("{whom} có hơn {limit} {unit}"),
    }
}

/// What passed a limit, in English.
fn en_too_big(t: &TooBig) -> String {
    let limit = grouped(t.what.limit(), ',');
    let unit = match t.what {
        Measure::Rows => "rows",
        Measure::Columns => "columns",
        Measure::Cells => "cells",
        Measure::SharedStrings => "shared strings",
        Measure::Xml => return "it holds more than 64 MiB of XML once inflated".into(),
        Measure::CellText => return "its cells hold more than 64 MiB of text".into(),
    };
    let whom = match &t.place {
        Some(sheet) => format!("the sheet \"{sheet}\""),
        None => "it".into(),
    };
    let verb = if t.declared { "declares" } else { "has" };
    match t.count {
        Some(n) => format!("{whom} {verb} {} {unit} (at most {limit})", grouped(n, ',')),
        None => format!("{whom} has more than {limit} {unit}"),
    }
}

/// `n` with its thousands grouped by `mark`.
fn grouped(n: u64, mark: char) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

fn list(items: &[String]) -> String {
    items.join(", ")
}

fn value_read(cell: &str, read_as: Option<f64>, lang: Lang) -> String {
    match read_as {
        Some(v) => format!("{cell} ({} {v})", lang.pick("đọc là", "read as")),
        None => cell.to_string(),
    }
}

fn owned_vi(o: &Owned) -> String {
    match (o.kind, o.ids.is_empty()) {
        (Kind::Task, true) => format!(
            "năm {}, {} không chủ trì, phối hợp nhiệm vụ nào",
            o.year, o.unit
        ),
        (Kind::Task, false) => format!("{} chủ trì hoặc phối hợp: {}", o.unit, list(&o.ids)),
        (Kind::Indicator, true) => format!("năm {}, {} không báo cáo chỉ tiêu nào", o.year, o.unit),
        (Kind::Indicator, false) => format!("{} báo cáo các chỉ tiêu: {}", o.unit, list(&o.ids)),
    }
}

fn owned_en(o: &Owned) -> String {
    match (o.kind, o.ids.is_empty()) {
        (Kind::Task, true) => format!("{} leads or supports no task in {}", o.unit, o.year),
        (Kind::Task, false) => format!("{} leads or supports: {}", o.unit, list(&o.ids)),
        (Kind::Indicator, true) => format!("{} reports no indicator in {}", o.unit, o.year),
        (Kind::Indicator, false) => format!("{} reports: {}", o.unit, list(&o.ids)),
    }
}

fn vi_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

fn vi_number_error(e: &NumberError) -> &'static str {
    match e {
        NumberError::Empty => "ô để trống",
        NumberError::NotANumber => "viết chữ số với một dấu thập phân, ví dụ 1,5 hoặc 1.5",
        NumberError::BadGrouping => {
            "mỗi nhóm chữ số phải có ba chữ số, ví dụ 18.500, 18,500 hoặc 18 500"
        }
        NumberError::TooLarge => "số quá lớn",
    }
}

/// The reader's words for a TOML type, in Vietnamese where they are known.
fn vi_type(words: &str) -> String {
    let known = [
        ("a string", "một chuỗi"),
        ("string", "chuỗi"),
        ("a boolean", "true hoặc false"),
        ("boolean", "giá trị đúng/sai"),
        ("i64", "một số nguyên"),
        ("integer", "số nguyên"),
        ("f64", "một số"),
        ("float", "số thực"),
        ("a sequence", "một danh sách (ví dụ [\"STC\"])"),
        ("sequence", "danh sách"),
        ("a map", "một bảng"),
        ("map", "bảng"),
        ("a TOML datetime", "một ngày (ví dụ 2025-02-28)"),
        ("datetime", "ngày giờ"),
    ];
    for (en, vi) in known {
        if let Some(rest) = words.strip_prefix(en) {
            return format!("{vi}{rest}");
        }
    }
    words.to_string()
}

fn delimiter_words(delimiter: u8, lang: Lang) -> &'static str {
    match delimiter {
        b';' => ";",
        b'\t' => lang.pick("tab", "tab"),
        _ => ",",
    }
}

/// Every message in Vietnamese, as a clerk of a Vietnamese office reads it.
fn vi(m: &Message) -> (String, Option<String>) {
    use Message::*;
    let lang = Lang::Vi;
    let csv_utf8 = "lưu lại tệp dưới dạng \"CSV UTF-8 (Comma delimited)\" trong Excel (hoặc \"Text CSV\" với bộ ký tự Unicode (UTF-8) trong LibreOffice)";
    let one_file = "mỗi báo cáo là một tệp CSV: reports/<NĂM>/<MÃ ĐƠN VỊ>.csv";
    let header = || {
        format!(
            "dòng đầu của bảng phải ghi tên các cột: {}",
            Field::ALL.map(Field::vietnamese).join(" | ")
        )
    };
    let (message, help): (String, Option<String>) = match m {
        WorkbookAsCsv => (
            "đây là tệp bảng tính (workbook), không phải tệp CSV".into(),
            Some("đặt lại phần mở rộng của tệp (.xlsx, .xls hoặc .ods) để ktplan đọc trực tiếp, hoặc trong Excel chọn File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"".into()),
        ),
        NotText => (
            "đây không phải là tệp văn bản".into(),
            Some("báo cáo là tệp CSV: lưu bảng tính dưới dạng \"CSV UTF-8\"".into()),
        ),
        InvalidBytes { offset, encoding } => (
            format!("các byte tại vị trí {offset} không hợp lệ trong bảng mã {encoding}"),
            Some(format!("{csv_utf8}; tệp theo bảng mã cũ đọc được bằng --encoding windows-1258")),
        ),
        FieldTooLong { bytes } => (
            format!("một ô dài {bytes} byte; mỗi ô chứa tối đa 64 KiB"),
            Some("mỗi ô của báo cáo chỉ gồm vài đoạn văn: kiểm tra lại nội dung ô (một dấu ngoặc kép không được đóng sẽ kéo dài đến cuối tệp)".into()),
        ),
        Utf16WithoutBom => (
            "tệp là văn bản UTF-16 không có dấu thứ tự byte (BOM) nên không xác định chắc chắn được bảng mã".into(),
            Some(csv_utf8.to_string()),
        ),
        TooManyFields { fields } => (
            format!("dòng này có {fields} ô; báo cáo có tối đa 1.000 cột"),
            Some("báo cáo gồm chín cột của biểu mẫu và vài cột riêng: kiểm tra xem đây có đúng là tệp báo cáo không".into()),
        ),
        ValueTooLarge { cell } => (
            format!("{cell} quá lớn đối với một số liệu báo cáo"),
            Some("ghi đúng số liệu theo đơn vị tính của chỉ tiêu: không số liệu báo cáo nào gần tới một triệu tỷ".into()),
        ),
        NotFinite { baseline, value } => (
            format!("{} {value} không phải là một số hữu hạn", if *baseline { "giá trị cơ sở" } else { "mục tiêu" }),
            None,
        ),
        PercentBound { baseline, value } => (
            format!("{} {value}% nằm ngoài khoảng cho phép: tỷ lệ phần trăm nằm trong khoảng 0 đến 100", if *baseline { "giá trị cơ sở" } else { "mục tiêu" }),
            None,
        ),
        PlanFileRefused { why } => (
            match why {
                PlanRefusal::LinkOutside { target } => format!("liên kết tới {target}, nằm ngoài kho dữ liệu"),
                PlanRefusal::LinkNowhere => "liên kết không dẫn tới đâu, hoặc dẫn vòng".into(),
                PlanRefusal::LinkLoop => "liên kết tới một thư mục đã đọc: kế hoạch sẽ bị đọc lại mãi theo vòng".into(),
                PlanRefusal::NotRegular => "không phải là tệp thông thường (FIFO, socket hoặc thiết bị)".into(),
                PlanRefusal::TooBig { bytes } => format!("tệp dài {bytes} byte; mỗi tệp kế hoạch tối đa 16 MiB"),
            },
            Some("các tệp của kế hoạch phải là tệp thông thường nằm trong kho dữ liệu".into()),
        ),
        TooBigToRead { too_big } => (
            format!("tệp quá lớn để là một báo cáo: {}", vi_too_big(too_big)),
            Some("báo cáo của một đơn vị chỉ gồm vài chục dòng: kiểm tra xem đây có đúng là tệp báo cáo không".into()),
        ),
        UnbalancedQuotes => (
            "dấu ngoặc kép không cân: một ô mở ngoặc kép mà không đóng, hoặc có dấu `\"` lạc trong ô".into(),
            Some("lưu lại tệp từ bảng tính dưới dạng CSV UTF-8; nếu sửa tay, hãy đóng ngoặc kép hoặc viết đôi dấu ngoặc kép trong ô (\"\")".into()),
        ),
        WrongFieldCount { found, expected, delimiter } => (
            format!("dòng này có {found} ô nhưng dòng tiêu đề có {expected} cột"),
            Some(format!(
                "ô có chứa dấu phân cách `{}` phải được đặt trong ngoặc kép; hãy lưu lại tệp từ bảng tính",
                delimiter_words(*delimiter, lang)
            )),
        ),
        NoHeader => (
            "không có dòng tiêu đề ghi tên các cột `kind` (Loại) và `id` (Mã)".into(),
            Some(header()),
        ),
        NoHeaderInWorkbook => (
            "không trang tính nào của bảng tính có dòng tiêu đề ghi tên các cột `kind` (Loại) và `id` (Mã)".into(),
            Some(header()),
        ),
        SeveralSheets { sheets } => (
            format!(
                "{} trang tính có bảng báo cáo ({}); mỗi bảng tính chỉ chứa một báo cáo",
                sheets.len(),
                list(sheets)
            ),
            Some("để báo cáo trong một trang tính: xóa bảng ở các trang khác, hoặc chuyển chúng sang tệp riêng".into()),
        ),
        ColumnTwice { field, name } => (
            format!("cột {} xuất hiện hai lần (\"{name}\")", field.vietnamese()),
            Some("xóa hoặc đổi tên một trong hai cột".into()),
        ),
        OwnerUnknown => (
            "không xác định được báo cáo này của đơn vị nào qua đường dẫn".into(),
            Some("báo cáo nằm ở reports/<NĂM>/<MÃ ĐƠN VỊ>.csv; với tệp ở nơi khác, hãy cho --unit và --year".into()),
        ),
        UnknownUnit { unit, similar, units } => (
            format!("\"{unit}\" không phải là đơn vị của kế hoạch"),
            Some(match similar {
                Some(code) => format!("mã đơn vị phải viết đúng: {code}"),
                None => format!("các đơn vị của kế hoạch: {}", list(units)),
            }),
        ),
        YearOutsidePlan { year, start, end } => (
            format!("năm {year} nằm ngoài thời kỳ của kế hoạch ({start}-{end})"),
            None,
        ),
        UnitNotExisting { unit, due, year, not_yet, predecessors, holder, moved } => (
            if *not_yet {
                format!("ngày {}, hạn nộp báo cáo năm {year}, {unit} chưa được thành lập", vi_date(*due))
            } else {
                format!("ngày {}, hạn nộp báo cáo năm {year}, {unit} không còn tồn tại", vi_date(*due))
            },
            if !predecessors.is_empty() {
                Some(format!("đến thời điểm đó, phần việc của đơn vị do {} báo cáo", predecessors.join(" và ")))
            } else {
                let rest = holder.iter().map(|h| format!("nhiệm vụ của đơn vị đã chuyển cho {h}: báo cáo với mã {h}"));
                let parts = moved.iter().map(|p| {
                    let what = format!("{} {}", Thing::from(p.kind).words(Lang::Vi), list(&p.ids));
                    let to = &p.to;
                    match holder {
                        Some(_) => format!("riêng {what} đã chuyển cho {to}: báo cáo với mã {to}"),
                        None => format!("{what} đã chuyển cho {to}: báo cáo với mã {to}"),
                    }
                });
                Some(rest.chain(parts).collect::<Vec<_>>().join("; ")).filter(|h| !h.is_empty())
            },
        ),
        NoKind => (
            "dòng này không ghi loại".into(),
            Some("loại là \"Nhiệm vụ\" (task) hoặc \"Chỉ tiêu\" (indicator)".into()),
        ),
        UnknownKind { kind } => (
            format!("loại \"{kind}\" không hợp lệ"),
            Some("loại là \"Nhiệm vụ\" (task) hoặc \"Chỉ tiêu\" (indicator)".into()),
        ),
        NoId { owned } => ("dòng này không ghi mã".into(), Some(owned_vi(owned))),
        UnknownId { id, owned } => (
            if owned.kind == Kind::Task {
                format!("mã nhiệm vụ \"{id}\" không có trong kế hoạch")
            } else {
                format!("mã chỉ tiêu \"{id}\" không có trong kế hoạch")
            },
            Some(owned_vi(owned)),
        ),
        WrongKind { id, owned } => (
            if owned.kind == Kind::Task {
                format!("\"{id}\" là chỉ tiêu, không phải nhiệm vụ")
            } else {
                format!("\"{id}\" là nhiệm vụ, không phải chỉ tiêu")
            },
            Some(owned_vi(owned)),
        ),
        NotAssigned { id, owned } => (
            if owned.kind == Kind::Task {
                format!("{} không chủ trì, cũng không phối hợp thực hiện nhiệm vụ \"{id}\"", owned.unit)
            } else {
                format!("{} không có trách nhiệm báo cáo chỉ tiêu \"{id}\"", owned.unit)
            },
            Some(owned_vi(owned)),
        ),
        NoStatus { id } => (
            format!("nhiệm vụ \"{id}\" chưa ghi trạng thái"),
            Some(statuses_vi()),
        ),
        UnknownStatus { status, nearest } => (
            format!("trạng thái \"{status}\" không hợp lệ"),
            Some(match nearest {
                Some(s) => format!("có phải là \"{}\"? {}", s.vietnamese(), statuses_vi()),
                None => statuses_vi(),
            }),
        ),
        DateNotNumber { cell } => (
            format!("ô chứa ngày {cell}, không phải một số"),
            Some("bảng tính đã hiểu giá trị nhập vào là ngày tháng: định dạng ô là Number (Số) rồi nhập lại giá trị".into()),
        ),
        ErrorNotNumber { cell } => (
            format!("ô chứa lỗi {cell}, không phải một số"),
            Some("sửa công thức tính ra ô này, hoặc nhập trực tiếp giá trị".into()),
        ),
        NotANumber { cell, why, percent } => (
            format!("\"{cell}\" không phải là một số"),
            Some(format!(
                "{}{}; chỉ ghi con số, không kèm chữ",
                vi_number_error(why),
                if *percent { " (có thể kèm dấu %)" } else { "" }
            )),
        ),
        PercentSign { cell, read_as, measured } => (
            format!(
                "\"{}\" có dấu %, nhưng chỉ tiêu này tính bằng {}",
                value_read(cell, *read_as, lang),
                measure_words(measured, lang)
            ),
            Some("bỏ dấu %".into()),
        ),
        PercentOutOfRange { cell, read_as } => (
            format!("{} nằm ngoài khoảng cho phép: tỷ lệ phần trăm từ 0 đến 100", value_read(cell, *read_as, lang)),
            Some("ghi chính con số phần trăm, ví dụ 1,2 cho 1,2%".into()),
        ),
        NotWhole { cell, read_as } => (
            format!("{} không phải là số nguyên từ 0 trở lên", value_read(cell, *read_as, lang)),
            Some("chỉ tiêu này đếm số lượng: ghi một số nguyên".into()),
        ),
        Negative { cell, read_as } => (
            format!("{} là số âm", value_read(cell, *read_as, lang)),
            Some("ghi số lượng là một số từ 0 trở lên".into()),
        ),
        Duplicate { kind, id, first, workbook } => (
            format!(
                "{} \"{id}\" xuất hiện hai lần; dòng đầu tiên là {} {first}",
                Thing::from(*kind).words(Lang::Vi),
                if *workbook { "hàng" } else { "dòng" }
            ),
            Some("mỗi nhiệm vụ, chỉ tiêu chỉ ghi một dòng: gộp hai dòng làm một".into()),
        ),
        PlanNotUtf8 => (
            "tệp không phải là văn bản UTF-8".into(),
            Some("lưu các tệp kế hoạch theo bảng mã UTF-8".into()),
        ),
        InvalidToml { detail } => (format!("TOML không hợp lệ: {detail}"), None),
        UnknownTable { name } => (
            format!("bảng `{name}` không hợp lệ; các bảng được dùng: `plan`, `report`, `unit`, `group`, `handover`, `section`, `task`, `indicator`"),
            None,
        ),
        ExpectedTable { table } => (format!("cần một bảng cho {table}"), None),
        ExpectedArray { table } => (format!("cần một mảng các bảng ({table})"), None),
        UnknownKey { key, table, expected, nearest } => (
            format!("khóa `{key}` không có trong {table}"),
            Some(match nearest {
                Some(near) => format!("các khóa của {table}: {}; có phải là `{near}`?", list(expected)),
                None => format!("các khóa của {table}: {}", list(expected)),
            }),
        ),
        MissingKey { key, table, id } => (
            match id {
                Some(id) => format!("{table} \"{id}\" thiếu khóa `{key}`"),
                None => format!("{table} thiếu khóa `{key}`"),
            },
            None,
        ),
        WrongType { expected, found } => (
            format!("cần {}, nhưng gặp {}", vi_type(expected), vi_type(found)),
            None,
        ),
        BadValue { detail } => (format!("giá trị không hợp lệ: {detail}"), None),
        BadCode { what, value } => (
            format!("{} \"{value}\" chỉ được gồm chữ cái, chữ số ASCII, `.`, `_` hoặc `-`", what.id_words(lang)),
            None,
        ),
        BadDate { found } => (format!("cần một ngày dạng 2025-02-28, nhưng gặp {found}"), None),
        ImplausibleYear { value } => (format!("{value} không phải là một năm hợp lý"), None),
        DuplicateId { what, id, first_file, first_line } => (
            format!("{} \"{id}\" bị trùng", what.id_words(lang)),
            Some(format!("đã khai báo lần đầu tại {first_file}:{first_line}")),
        ),
        UnknownRef { what, value } => (
            format!("{} \"{value}\" không có trong kế hoạch", what.words(lang)),
            None,
        ),
        GroupNotUnit { value } => (format!("\"{value}\" là một nhóm; ở đây cần một đơn vị"), None),
        NoPlanTable => ("không tệp kế hoạch nào có bảng [plan]".into(), None),
        SecondPlanTable => ("bảng [plan] thứ hai; kế hoạch chỉ có một".into(), None),
        SecondReportTable => ("bảng [report] thứ hai; kế hoạch chỉ có một".into(), None),
        EmptyKey { key } => (
            format!("`{key}` để trống; nếu không cần in thì bỏ hẳn khóa này"),
            None,
        ),
        SecondChange { since } => (
            format!("[[report.change]] thứ hai từ ngày {}: hãy gộp làm một", vi_date(*since)),
            None,
        ),
        EmptyChange => (
            "[[report.change]] không thay đổi gì: hãy ghi các khóa được thay thế".into(),
            None,
        ),
        HandoverOfGroup { value } => (
            format!("\"{value}\" là một nhóm; chuyển giao (handover) là chuyển phần việc của một đơn vị"),
            None,
        ),
        HandoverToItself => ("chuyển giao từ một đơn vị cho chính nó không chuyển gì".into(), None),
        HandoverOfNothing => (
            "chuyển giao không nêu nhiệm vụ, chỉ tiêu nào nên không chuyển gì; bỏ cả hai danh sách để chuyển toàn bộ phần việc của đơn vị".into(),
            None,
        ),
        NoPartToHandOver { unit, what, value } => (
            format!("{unit} không tham gia {} \"{value}\" nên không có gì để chuyển giao", what.words(lang)),
            None,
        ),
        DeputyWithoutHead => (
            "có `deputy_title` nhưng thiếu `signer_title`: cấp phó ký thay người đứng đầu (\"KT. GIÁM ĐỐC\" trên \"PHÓ GIÁM ĐỐC\"), nên phải ghi cả chức danh của người đứng đầu".into(),
            None,
        ),
        EndBeforeStart { start, end } => (
            format!("end_year {end} đứng trước start_year {start}"),
            None,
        ),
        BadDueBefore { value } => (
            format!("due_before \"{value}\" phải là tháng và ngày, dạng \"11-20\""),
            None,
        ),
        UnknownLanguage { value } => (
            format!("language \"{value}\" không hợp lệ: dùng \"vi\" (tiếng Việt) hoặc \"en\" (tiếng Anh)"),
            None,
        ),
        UnknownUnitKind { value } => (
            format!("loại đơn vị \"{value}\" không hợp lệ; dùng department, district hoặc organization"),
            None,
        ),
        UntilBeforeSince { since, until } => (
            format!("until {until} đứng trước since {since}"),
            None,
        ),
        SuccessorWithoutUntil => (
            "đơn vị kế thừa (successor) cần có `until`: ngày cuối cùng đơn vị còn tồn tại".into(),
            None,
        ),
        OwnSuccessor => ("một đơn vị không thể kế thừa chính nó".into(), None),
        StarNotAlone => (
            "\"*\" phải đứng một mình: [\"*\"] nghĩa là mọi cơ quan, đơn vị có liên quan".into(),
            None,
        ),
        NoMembers { group } => (format!("nhóm \"{group}\" không có thành viên"), None),
        NoLead { task } => (format!("nhiệm vụ \"{task}\" không có đơn vị chủ trì"), None),
        BadSchedule { value } => (
            format!("schedule \"{value}\" phải là \"recurring\" (thường xuyên), một năm, hoặc một khoảng năm như \"2024-2025\""),
            None,
        ),
        ScheduleOutside { value, start, end } => (
            format!("schedule \"{value}\" nằm ngoài thời kỳ của kế hoạch ({start}-{end})"),
            None,
        ),
        UnknownMeasure { value } => (
            format!("measure \"{value}\" không hợp lệ; dùng level hoặc flow"),
            None,
        ),
        UnknownAggregate { value } => (
            format!("aggregate \"{value}\" không hợp lệ; dùng single, sum, mean hoặc max"),
            None,
        ),
        NoReporter { indicator } => (
            format!("chỉ tiêu \"{indicator}\" không có đơn vị báo cáo"),
            None,
        ),
        BaselineAfterEnd { year, end } => (
            format!("năm cơ sở {year} ở sau năm cuối của kế hoạch ({end})"),
            None,
        ),
        TargetOutside { year, start, end } => (
            format!("năm mục tiêu {year} nằm ngoài thời kỳ của kế hoạch ({start}-{end})"),
            None,
        ),
        TargetWithoutBound { year } => (
            format!("mục tiêu năm {year} không có `min` hoặc `max`"),
            None,
        ),
        MinAboveMax { min, max } => (format!("min {min} lớn hơn max {max}"), None),
        SecondTarget { year } => (format!("mục tiêu thứ hai cho năm {year}"), None),
        ColumnMissing { field, nearest } => (
            format!(
                "tệp có dòng {} nhưng không có cột {}: không dòng nào đọc được",
                if *field == Field::Status { "nhiệm vụ" } else { "chỉ tiêu" },
                field.vietnamese()
            ),
            Some(match nearest {
                Some(name) => format!(
                    "tiêu đề gần nhất là \"{name}\": nếu đó là cột {0}, hãy đặt tên là {0}",
                    field.vietnamese()
                ),
                None => format!(
                    "thêm cột {}; `ktplan template` viết biểu mẫu có đủ các cột",
                    field.vietnamese()
                ),
            }),
        ),
        CannotRead { reason } => (format!("không đọc được tệp: {reason}"), None),
        LinkOutside { target } => (
            format!("tệp là liên kết tới {target}, nằm ngoài kho dữ liệu"),
            Some("hãy commit chính tệp báo cáo, không phải liên kết tới nó".into()),
        ),
        Folder => ("đây là thư mục, không phải tệp báo cáo".into(), Some(one_file.into())),
        NotRegular => (
            "đây không phải là tệp thông thường (pipe, socket hoặc thiết bị)".into(),
            Some(one_file.into()),
        ),
        TooBig { bytes } => (
            format!("tệp có {bytes} byte; báo cáo tối đa 64 MiB"),
            Some("báo cáo của một đơn vị chỉ có vài chục dòng: kiểm tra xem có đúng tệp không".into()),
        ),
        SecondReport { unit, year, report, import } => (
            format!("{unit} đã có báo cáo năm {year} tại {report}: tệp này không được đọc"),
            Some(format!(
                "mỗi đơn vị gửi một báo cáo mỗi năm: xóa tệp không phải là báo cáo (muốn lấy bảng tính làm báo cáo thì chạy `ktplan import {import} --unit {unit} --year {year} --force` để ghi thành {unit}.csv, rồi xóa bảng tính)"
            )),
        ),
        WorkbookPassword => (
            "bảng tính có mật khẩu mở tệp nên không đọc được".into(),
            Some("mở tệp, bỏ mật khẩu mở (trong Excel: File > Info > Protect Workbook > Encrypt with Password, xóa mật khẩu), lưu lại rồi kiểm tra lại".into()),
        ),
        WorkbookUnreadable { extension, sheet, reason } => (
            match (sheet, reason) {
                (Some(sheet), Some(reason)) => format!("không đọc được bảng tính: trang \"{sheet}\": {reason}"),
                (None, Some(reason)) => format!("không đọc được bảng tính: {reason}"),
                (_, None) => "không đọc được bảng tính: nội dung tệp bị hỏng".into(),
            },
            Some(format!("tệp có thể bị hỏng hoặc chưa đủ: mở tệp bằng chương trình bảng tính, lưu lại dưới dạng .{extension} rồi kiểm tra lại")),
        ),
        NotAWorkbook { extension, text } => (
            format!(
                "tệp mang tên .{extension} nhưng không phải là bảng tính: nó chứa {}",
                if *text { "văn bản" } else { "dữ liệu khác" }
            ),
            Some("mở tệp bằng chương trình bảng tính và lưu dưới dạng Excel Workbook (.xlsx), hoặc dưới dạng \"CSV UTF-8\" với tên .csv".into()),
        ),
        SingleValueConflict { indicator, year, parties } => (
            format!(
                "chỉ tiêu \"{indicator}\" chỉ lấy số liệu của một đơn vị, nhưng năm {year} có {} đơn vị cùng báo cáo: {}; số liệu của chỉ tiêu bị loại ra",
                parties.len(),
                list(parties)
            ),
            Some("các đơn vị cần thống nhất đơn vị nào báo cáo chỉ tiêu này, đơn vị kia xóa dòng của mình".into()),
        ),
        RowMissing { kind, id, unit, year } => (
            if *kind == Kind::Task {
                format!("thiếu dòng của nhiệm vụ \"{id}\" do {unit} chủ trì")
            } else {
                format!("thiếu dòng của chỉ tiêu \"{id}\" do {unit} báo cáo")
            },
            Some(format!(
                "thêm một dòng {} (`ktplan template --unit {unit} --year {year}` liệt kê mọi dòng đơn vị phải báo cáo)",
                if *kind == Kind::Task { "cho nhiệm vụ này" } else { "ghi giá trị của chỉ tiêu" }
            )),
        ),
        RowNotFilled { kind, id, unit } => (
            if *kind == Kind::Task {
                format!("dòng của nhiệm vụ \"{id}\" do {unit} chủ trì chưa được điền")
            } else {
                format!("dòng của chỉ tiêu \"{id}\" do {unit} báo cáo chưa được điền")
            },
            Some(if *kind == Kind::Task {
                "ghi trạng thái và kết quả thực hiện trong năm (Kết quả)".into()
            } else {
                "ghi giá trị của năm (Giá trị)".into()
            }),
        ),
        NoResult { id, status } => (
            format!("nhiệm vụ \"{id}\" ghi \"{}\" nhưng chưa ghi kết quả", status.vietnamese()),
            Some("ghi những việc đã làm trong năm vào cột Kết quả".into()),
        ),
        NoValue { id, measured } => (
            format!("chỉ tiêu \"{id}\" chưa có giá trị"),
            Some(format!("ghi giá trị của năm, tính bằng {}", measure_words(measured, lang))),
        ),
        UnknownColumn { name, nearest } => (
            format!("cột \"{name}\" không xác định, bị bỏ qua"),
            nearest.map(|f| format!("có phải là cột {}?", f.vietnamese())),
        ),
        UnnamedColumn { letters, header_line } => (
            format!("cột {letters} không có tiêu đề ở hàng {header_line}: các ô của cột bị bỏ qua"),
            Some(format!(
                "đặt tiêu đề cho cột ở hàng {header_line}, hoặc chuyển nội dung sang cột {}",
                Field::Note.vietnamese()
            )),
        ),
        TaskHasValue { id } => (
            format!("nhiệm vụ \"{id}\" có ghi giá trị; dòng nhiệm vụ chỉ đọc trạng thái, không đọc giá trị"),
            Some("ghi con số vào cột Kết quả, hoặc vào dòng của chỉ tiêu tương ứng".into()),
        ),
        IndicatorHasStatus { id } => (
            format!("chỉ tiêu \"{id}\" có ghi trạng thái; dòng chỉ tiêu chỉ đọc giá trị"),
            Some("để trống cột Trạng thái của dòng chỉ tiêu".into()),
        ),
        FarFromLastYear { id, value, before, previous, line } => (
            format!("giá trị {value} của chỉ tiêu \"{id}\" chênh lệch nhiều so với năm trước ({before})"),
            Some(format!("kiểm tra đơn vị tính và dấu thập phân; giá trị năm trước ở {previous}:{line}")),
        ),
        FormulaCell { field } => (
            format!("ô {} là công thức: nội dung của ô là kết quả tính lần cuối của công thức", field.vietnamese()),
            Some("nhập trực tiếp nội dung: sao chép ô rồi dán lại dưới dạng giá trị (Paste Values)".into()),
        ),
        LooksLikeFormula { field, start } => (
            format!("ô {} bắt đầu bằng \"{start}\": chương trình bảng tính sẽ chạy nó như một công thức", field.vietnamese()),
            Some("bắt đầu nội dung bằng chữ, hoặc viết gạch đầu dòng là \"- \" có dấu cách".into()),
        ),
        LostLetters { field, word } => (
            format!("ô {} có dấu \"?\" trong một từ (\"{word}\"): các chữ có dấu đã bị mất khi lưu tệp", field.vietnamese()),
            Some("mở bảng tính gốc và lưu lại dưới dạng \"CSV UTF-8 (Comma delimited)\"".into()),
        ),
        GroupedByConvention { cell, value, comma_decimal } => {
            let (mark, words) = if *comma_decimal {
                (',', "dấu phẩy là dấu thập phân, nên dấu chấm là dấu phân cách hàng nghìn")
            } else {
                ('.', "dấu chấm là dấu thập phân, nên dấu phẩy là dấu phân cách hàng nghìn")
            };
            let decimal = (value / 1000.0).to_string().replace('.', &mark.to_string());
            (
                format!("\"{cell}\" được đọc là {value} chỉ dựa vào quy ước của tệp ({words}); bản thân ô có thể hiểu theo cả hai cách"),
                Some(format!("nếu đúng là {value} thì ghi {value} (không có dấu phân cách thì không thể hiểu nhầm); nếu là số thập phân thì ghi {decimal}")),
            )
        }
        EmptyForm => (
            "biểu mẫu chưa được điền: không dòng nào có trạng thái, giá trị hay nội dung ngoài những gì biểu mẫu đã in sẵn".into(),
            Some("điền từng dòng (trạng thái và kết quả của mỗi nhiệm vụ, giá trị của mỗi chỉ tiêu) rồi kiểm tra lại; dòng không có gì để báo cáo trong năm thì ghi Không phát sinh".into()),
        ),
        TitleMismatch { written, id, title, elsewhere } => (
            match elsewhere {
                Some(other) => format!("nội dung \"{written}\" không phải của \"{id}\" (\"{title}\"); đó là nội dung của \"{other}\""),
                None => format!("nội dung \"{written}\" không phải của \"{id}\" (\"{title}\")"),
            },
            Some("các dòng có thể đã bị xê dịch hoặc sắp xếp lại: kiểm tra mỗi mã nằm đúng dòng của nó".into()),
        ),
    };
    (message, help)
}

fn statuses_vi() -> String {
    let accepted: Vec<&str> = Status::ALL.iter().map(|s| s.vietnamese()).collect();
    format!("dùng một trong các trạng thái: {}", accepted.join(", "))
}

fn statuses_en() -> String {
    let accepted: Vec<String> = Status::ALL
        .iter()
        .map(|s| format!("{} ({})", s.vietnamese(), s.as_str()))
        .collect();
    format!("use one of: {}", accepted.join(", "))
}

/// Every message in English.
fn en(m: &Message) -> (String, Option<String>) {
    use Message::*;
    let lang = Lang::En;
    let one_file = "a report is one CSV file: reports/<YYYY>/<UNIT>.csv";
    let header = || {
        format!(
            "the table's first row must name its columns: {}",
            Field::ALL.map(Field::vietnamese).join(" | ")
        )
    };
    let (message, help): (String, Option<String>) = match m {
        WorkbookAsCsv => (
            "this is a spreadsheet workbook, not a CSV file".into(),
            Some("give the file its workbook name (.xlsx, .xls or .ods), which ktplan reads as it is, or in Excel choose File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"".into()),
        ),
        NotText => (
            "this is not a text file".into(),
            Some("a report is a CSV file: save it from the spreadsheet as \"CSV UTF-8\"".into()),
        ),
        InvalidBytes { offset, encoding } => (
            format!("the bytes at offset {offset} are not valid {encoding}"),
            Some("save the file as \"CSV UTF-8 (Comma delimited)\" in Excel (or \"Text CSV\" with character set Unicode (UTF-8) in LibreOffice); a legacy file can be read with --encoding windows-1258".into()),
        ),
        FieldTooLong { bytes } => (
            format!("a field of {bytes} bytes; the most a field may hold is 64 KiB"),
            Some("a report cell holds a few paragraphs at most: check that the cell holds what you meant (a quote left open runs on to the end of the file)".into()),
        ),
        Utf16WithoutBom => (
            "the file is UTF-16 text without a byte-order mark, so its encoding cannot be told for sure".into(),
            Some("save the file as \"CSV UTF-8 (Comma delimited)\" in Excel (or \"Text CSV\" with character set \"Unicode (UTF-8)\" in LibreOffice)".into()),
        ),
        TooManyFields { fields } => (
            format!("a row of {fields} fields; a report has at most 1,000 columns"),
            Some("a report has the nine columns of the template and a few of its own: check that this is the right file".into()),
        ),
        ValueTooLarge { cell } => (
            format!("{cell} is too large for a report's value"),
            Some("give the value itself in the indicator's unit: no report value comes near a thousand million million".into()),
        ),
        NotFinite { baseline, value } => (
            format!("the {} {value} is not a finite number", if *baseline { "baseline" } else { "target" }),
            None,
        ),
        PercentBound { baseline, value } => (
            format!("the {} {value}% is out of range: a percentage lies between 0 and 100", if *baseline { "baseline" } else { "target" }),
            None,
        ),
        PlanFileRefused { why } => (
            match why {
                PlanRefusal::LinkOutside { target } => format!("a link to {target}, outside the repository"),
                PlanRefusal::LinkNowhere => "a link that leads nowhere, or round in a loop".into(),
                PlanRefusal::LinkLoop => "a link to a folder already read: it would read the plan again, in a loop".into(),
                PlanRefusal::NotRegular => "not a regular file (a FIFO, a socket or a device)".into(),
                PlanRefusal::TooBig { bytes } => format!("the file is {bytes} bytes; a plan file may be at most 16 MiB"),
            },
            Some("keep the plan's files as plain files inside the repository".into()),
        ),
        TooBigToRead { too_big } => (
            format!("the file is too big to be a report: {}", en_too_big(too_big)),
            Some("a unit's report holds a few dozen rows: check that this is the right file".into()),
        ),
        UnbalancedQuotes => (
            "unbalanced quotes: a quoted cell is never closed, or a stray `\"` stands inside a cell".into(),
            Some("re-save the file from the spreadsheet as CSV UTF-8; if you edited it by hand, close the quote or double a quote inside a cell (\"\")".into()),
        ),
        WrongFieldCount { found, expected, delimiter } => (
            format!("this row has {found} fields but the header has {expected}"),
            Some(format!(
                "a cell that holds the delimiter `{}` must be quoted; re-save the file from the spreadsheet",
                delimiter_words(*delimiter, lang)
            )),
        ),
        NoHeader => (
            "no header row naming the columns `kind` (Loại) and `id` (Mã)".into(),
            Some(header()),
        ),
        NoHeaderInWorkbook => (
            "no sheet of the workbook has a header row naming the columns `kind` (Loại) and `id` (Mã)".into(),
            Some(header()),
        ),
        SeveralSheets { sheets } => (
            format!(
                "{} sheets hold a report table ({}); a workbook holds one report",
                sheets.len(),
                list(sheets)
            ),
            Some("keep the report in one sheet: delete the other sheets' tables, or move them to files of their own".into()),
        ),
        ColumnTwice { field, name } => (
            format!("the column `{}` appears twice (\"{name}\")", field.english()),
            Some("delete or rename one of the two columns".into()),
        ),
        OwnerUnknown => (
            "cannot tell whose report this is from its path".into(),
            Some("a report lives at reports/<YYYY>/<UNIT>.csv; for a file elsewhere give --unit and --year".into()),
        ),
        UnknownUnit { unit, similar, units } => (
            format!("\"{unit}\" is not a unit of the plan"),
            Some(match similar {
                Some(code) => format!("unit codes are written exactly: {code}"),
                None => format!("the plan's units are: {}", list(units)),
            }),
        ),
        YearOutsidePlan { year, start, end } => (
            format!("the year {year} lies outside the plan's period {start}-{end}"),
            None,
        ),
        UnitNotExisting { unit, due, year, not_yet, predecessors, holder, moved } => (
            if *not_yet {
                format!("{unit} did not exist yet on {due}, the due date of the {year} reports")
            } else {
                format!("{unit} no longer existed on {due}, the due date of the {year} reports")
            },
            if !predecessors.is_empty() {
                Some(format!("until then its work is reported by {}", predecessors.join(" and ")))
            } else {
                let rest = holder.iter().map(|h| format!("its assignments passed to {h}: report as {h}"));
                let parts = moved.iter().map(|p| {
                    let what = format!(
                        "{}{} {}",
                        Thing::from(p.kind).words(Lang::En),
                        if p.ids.len() > 1 { "s" } else { "" },
                        list(&p.ids)
                    );
                    let to = &p.to;
                    match holder {
                        Some(_) => format!("but {what} passed to {to}: report it as {to}"),
                        None => format!("{what} passed to {to}: report it as {to}"),
                    }
                });
                Some(rest.chain(parts).collect::<Vec<_>>().join("; ")).filter(|h| !h.is_empty())
            },
        ),
        NoKind => (
            "the row has no kind".into(),
            Some("the kind is \"task\" (Nhiệm vụ) or \"indicator\" (Chỉ tiêu)".into()),
        ),
        UnknownKind { kind } => (
            format!("unknown kind \"{kind}\""),
            Some("the kind is \"task\" (Nhiệm vụ) or \"indicator\" (Chỉ tiêu)".into()),
        ),
        NoId { owned } => ("the row has no id".into(), Some(owned_en(owned))),
        UnknownId { id, owned } => (
            if owned.kind == Kind::Task {
                format!("unknown task id \"{id}\"")
            } else {
                format!("unknown indicator id \"{id}\"")
            },
            Some(owned_en(owned)),
        ),
        WrongKind { id, owned } => (
            if owned.kind == Kind::Task {
                format!("\"{id}\" is an indicator, not a task")
            } else {
                format!("\"{id}\" is a task, not an indicator")
            },
            Some(owned_en(owned)),
        ),
        NotAssigned { id, owned } => (
            if owned.kind == Kind::Task {
                format!("{} is neither lead nor support of task \"{id}\"", owned.unit)
            } else {
                format!("{} does not report indicator \"{id}\"", owned.unit)
            },
            Some(owned_en(owned)),
        ),
        NoStatus { id } => (format!("task \"{id}\" has no status"), Some(statuses_en())),
        UnknownStatus { status, nearest } => (
            format!("unknown status \"{status}\""),
            Some(match nearest {
                Some(s) => format!("did you mean \"{}\" ({})? {}", s.vietnamese(), s.as_str(), statuses_en()),
                None => statuses_en(),
            }),
        ),
        DateNotNumber { cell } => (
            format!("the cell holds the date {cell}, not a number"),
            Some("the spreadsheet took what was typed for a date: format the cell as Number and type the value again".into()),
        ),
        ErrorNotNumber { cell } => (
            format!("the cell holds the error {cell}, not a number"),
            Some("fix the formula that computes it, or type the value itself".into()),
        ),
        NotANumber { cell, why, percent } => (
            format!("\"{cell}\" is not a number"),
            Some(format!(
                "{why}{}; write the number alone, without words",
                if *percent { " (a % sign may follow)" } else { "" }
            )),
        ),
        PercentSign { cell, read_as, measured } => (
            format!(
                "\"{}\" has a % sign, but this indicator is measured in {}",
                value_read(cell, *read_as, lang),
                measure_words(measured, lang)
            ),
            Some("remove the % sign".into()),
        ),
        PercentOutOfRange { cell, read_as } => (
            format!("{} is out of range: a percentage lies between 0 and 100", value_read(cell, *read_as, lang)),
            Some("give the percentage itself, e.g. 1,2 for 1.2%".into()),
        ),
        NotWhole { cell, read_as } => (
            format!("{} is not a whole number of 0 or more", value_read(cell, *read_as, lang)),
            Some("this indicator counts things: give a whole number".into()),
        ),
        Negative { cell, read_as } => (
            format!("{} is negative", value_read(cell, *read_as, lang)),
            Some("give the amount as a number of 0 or more".into()),
        ),
        Duplicate { kind, id, first, workbook } => (
            format!(
                "{} \"{id}\" appears twice; its first row is {} {first}",
                Thing::from(*kind).words(Lang::En),
                if *workbook { "row" } else { "on line" }
            ),
            Some("keep one row per task or indicator: merge the two rows".into()),
        ),
        PlanNotUtf8 => (
            "the file is not valid UTF-8".into(),
            Some("save plan files as UTF-8".into()),
        ),
        InvalidToml { detail } => (format!("invalid TOML: {detail}"), None),
        UnknownTable { name } => (
            format!("unknown table `{name}`, expected one of `plan`, `report`, `unit`, `group`, `handover`, `section`, `task`, `indicator`"),
            None,
        ),
        ExpectedTable { table } => (format!("expected a table for {table}"), None),
        ExpectedArray { table } => (format!("expected an array of tables ({table})"), None),
        UnknownKey { key, table, expected, nearest } => (
            format!("unknown key `{key}` in {table}"),
            Some(match nearest {
                Some(near) => format!("the keys of {table} are: {}; did you mean `{near}`?", list(expected)),
                None => format!("the keys of {table} are: {}", list(expected)),
            }),
        ),
        MissingKey { key, table, id } => (
            match id {
                Some(id) => format!("{table} \"{id}\" has no `{key}`"),
                None => format!("{table} has no `{key}`"),
            },
            None,
        ),
        WrongType { expected, found } => (
            format!(
                "expected {}, found {}",
                expected.replace("a sequence", "a list (e.g. [\"STC\"])").replace("a map", "a table"),
                found.replace("sequence", "list").replace("map", "table")
            ),
            None,
        ),
        BadValue { detail } => (detail.clone(), None),
        BadCode { what, value } => (
            format!("{} \"{value}\" must be ASCII letters, digits, `.`, `_` or `-`", what.id_words(lang)),
            None,
        ),
        BadDate { found } => (format!("expected a date like 2025-02-28, found {found}"), None),
        ImplausibleYear { value } => (format!("{value} is not a plausible year"), None),
        DuplicateId { what, id, first_file, first_line } => (
            format!("duplicate {} \"{id}\"", what.id_words(lang)),
            Some(format!("it is first defined at {first_file}:{first_line}")),
        ),
        UnknownRef { what, value } => (format!("unknown {} \"{value}\"", what.words(lang)), None),
        GroupNotUnit { value } => (format!("\"{value}\" is a group; a unit is expected here"), None),
        NoPlanTable => ("no [plan] table in any plan file".into(), None),
        SecondPlanTable => ("a second [plan] table; the plan has one".into(), None),
        SecondReportTable => ("a second [report] table; the plan has one".into(), None),
        EmptyKey { key } => (
            format!("an empty `{key}`; leave the key out to print none"),
            None,
        ),
        SecondChange { since } => (
            format!("a second [[report.change]] since {since}: merge the two"),
            None,
        ),
        EmptyChange => (
            "a [[report.change]] that changes nothing: give the keys it replaces".into(),
            None,
        ),
        HandoverOfGroup { value } => (
            format!("\"{value}\" is a group; a handover moves one unit's work"),
            None,
        ),
        HandoverToItself => ("a handover from a unit to itself moves nothing".into(), None),
        HandoverOfNothing => (
            "a handover that names no task and no indicator moves nothing; leave both lists out to move all of the unit's work".into(),
            None,
        ),
        NoPartToHandOver { unit, what, value } => (
            format!("{unit} has no part in {} \"{value}\" to hand over", what.words(lang)),
            None,
        ),
        DeputyWithoutHead => (
            "`deputy_title` without `signer_title`: a deputy signs on the head's behalf (\"KT. GIÁM ĐỐC\" above \"PHÓ GIÁM ĐỐC\"), so name the head's title too".into(),
            None,
        ),
        EndBeforeStart { start, end } => (
            format!("end_year {end} is before start_year {start}"),
            None,
        ),
        BadDueBefore { value } => (
            format!("due_before \"{value}\" must be a month and day like \"11-20\""),
            None,
        ),
        UnknownLanguage { value } => (
            format!("unknown language \"{value}\", expected \"vi\" (Vietnamese) or \"en\" (English)"),
            None,
        ),
        UnknownUnitKind { value } => (
            format!("unknown unit kind \"{value}\", expected department, district or organization"),
            None,
        ),
        UntilBeforeSince { since, until } => (format!("until {until} is before since {since}"), None),
        SuccessorWithoutUntil => (
            "a successor needs `until`: the last day the unit exists".into(),
            None,
        ),
        OwnSuccessor => ("a unit cannot be its own successor".into(), None),
        StarNotAlone => (
            "\"*\" stands alone: [\"*\"] means any unit concerned".into(),
            None,
        ),
        NoMembers { group } => (format!("group \"{group}\" has no members"), None),
        NoLead { task } => (format!("task \"{task}\" has no lead unit"), None),
        BadSchedule { value } => (
            format!("schedule \"{value}\" must be \"recurring\", a year or a range like \"2024-2025\""),
            None,
        ),
        ScheduleOutside { value, start, end } => (
            format!("schedule \"{value}\" lies outside the plan's period {start}-{end}"),
            None,
        ),
        UnknownMeasure { value } => (
            format!("unknown measure \"{value}\", expected level or flow"),
            None,
        ),
        UnknownAggregate { value } => (
            format!("unknown aggregate \"{value}\", expected single, sum, mean or max"),
            None,
        ),
        NoReporter { indicator } => (format!("indicator \"{indicator}\" has no reporter"), None),
        BaselineAfterEnd { year, end } => (
            format!("baseline year {year} is after the plan's last year {end}"),
            None,
        ),
        TargetOutside { year, start, end } => (
            format!("target year {year} lies outside the plan's period {start}-{end}"),
            None,
        ),
        TargetWithoutBound { year } => (
            format!("target for {year} has neither `min` nor `max`"),
            None,
        ),
        MinAboveMax { min, max } => (format!("min {min} is greater than max {max}"), None),
        SecondTarget { year } => (format!("a second target for {year}"), None),
        ColumnMissing { field, nearest } => (
            format!(
                "the file has {} but no `{}` column ({}): none of its rows can be read",
                if *field == Field::Status { "task rows" } else { "indicator rows" },
                field.english(),
                field.vietnamese()
            ),
            Some(match nearest {
                Some(name) => format!(
                    "the header \"{name}\" is nearest: if it is meant to be `{}`, name it {}",
                    field.english(),
                    field.vietnamese()
                ),
                None => format!(
                    "add the column {} (`{}`); `ktplan template` writes the form with every column",
                    field.vietnamese(),
                    field.english()
                ),
            }),
        ),
        CannotRead { reason } => (format!("cannot read the file: {reason}"), None),
        LinkOutside { target } => (
            format!("the file is a link to {target}, outside the repository"),
            Some("commit the report itself, not a link to it".into()),
        ),
        Folder => ("this is a folder, not a report file".into(), Some(one_file.into())),
        NotRegular => (
            "this is not a regular file (a pipe, socket or device)".into(),
            Some(one_file.into()),
        ),
        TooBig { bytes } => (
            format!("the file is {bytes} bytes; a report may be at most 64 MiB"),
            Some("a unit's report holds a few dozen rows: check that this is the right file".into()),
        ),
        SecondReport { unit, year, report, import } => (
            format!("{unit} already has a report for {year} in {report}: this file is not read"),
            Some(format!(
                "a unit sends one report a year: delete the file that is not the report (to make a workbook the report, `ktplan import {import} --unit {unit} --year {year} --force` writes it as {unit}.csv; then delete the workbook)"
            )),
        ),
        WorkbookPassword => (
            "the workbook is protected by a password, so it cannot be read".into(),
            Some("open it, remove the password to open (in Excel: File > Info > Protect Workbook > Encrypt with Password, clear it), save, and check it again".into()),
        ),
        WorkbookUnreadable { extension, sheet, reason } => (
            match (sheet, reason) {
                (Some(sheet), Some(reason)) => format!("cannot read the workbook: the sheet \"{sheet}\": {reason}"),
                (None, Some(reason)) => format!("cannot read the workbook: {reason}"),
                (_, None) => "cannot read the workbook: its contents are damaged".into(),
            },
            Some(format!("the file may be damaged or incomplete: open it in the spreadsheet, save it again as .{extension}, and check it again")),
        ),
        NotAWorkbook { extension, text } => (
            format!(
                "the file is named .{extension} but is not a workbook: it holds {}",
                if *text { "text" } else { "something else" }
            ),
            Some("open it in the spreadsheet and save it as an Excel Workbook (.xlsx), or as \"CSV UTF-8\" under a .csv name".into()),
        ),
        SingleValueConflict { indicator, year, parties } => (
            format!(
                "indicator \"{indicator}\" takes one unit's value, but {} units gave one for {year}: {}; its value is left out",
                parties.len(),
                list(parties)
            ),
            Some("the units should agree which of them reports it, and the other remove its row".into()),
        ),
        RowMissing { kind, id, unit, year } => (
            if *kind == Kind::Task {
                format!("no row for task \"{id}\", which {unit} leads")
            } else {
                format!("no row for indicator \"{id}\", which {unit} reports")
            },
            Some(format!(
                "add a row {} (`ktplan template --unit {unit} --year {year}` lists every row the unit owes)",
                if *kind == Kind::Task { "for it" } else { "with its value" }
            )),
        ),
        RowNotFilled { kind, id, unit } => (
            if *kind == Kind::Task {
                format!("the row of task \"{id}\", which {unit} leads, is not filled in")
            } else {
                format!("the row of indicator \"{id}\", which {unit} reports, is not filled in")
            },
            Some(if *kind == Kind::Task {
                "give its status and what was done this year (Kết quả)".into()
            } else {
                "give this year's value (Giá trị)".into()
            }),
        ),
        NoResult { id, status } => (
            format!(
                "task \"{id}\" is marked {} ({}) but its result is empty",
                status.vietnamese(),
                status.as_str()
            ),
            Some("say what was done this year in the result (Kết quả) column".into()),
        ),
        NoValue { id, measured } => (
            format!("indicator \"{id}\" has no value"),
            Some(format!("give this year's value in {}", measure_words(measured, lang))),
        ),
        UnknownColumn { name, nearest } => (
            format!("unknown column \"{name}\" is ignored"),
            nearest.map(|f| format!("did you mean `{}` ({})?", f.english(), f.vietnamese())),
        ),
        UnnamedColumn { letters, header_line } => (
            format!("column {letters} has no header in row {header_line}: its cells are ignored"),
            Some(format!(
                "give the column a header in row {header_line}, or move the text into the note ({}) column",
                Field::Note.vietnamese()
            )),
        ),
        TaskHasValue { id } => (
            format!("task \"{id}\" has a value; a task row is read for its status, not a value"),
            Some("write the figure into the result (Kết quả), or onto the indicator's own row".into()),
        ),
        IndicatorHasStatus { id } => (
            format!("indicator \"{id}\" has a status; an indicator row is read for its value"),
            Some("leave the status (Trạng thái) of an indicator row empty".into()),
        ),
        FarFromLastYear { id, value, before, previous, line } => (
            format!("the value {value} of \"{id}\" is far from last year's {before}"),
            Some(format!("check the unit of measure and the decimal mark; last year's value is at {previous}:{line}")),
        ),
        FormulaCell { field } => (
            format!("the {} cell is a formula: its text is whatever the formula last calculated", field.english()),
            Some("type the text itself: copy the cell and paste it back as values only".into()),
        ),
        LooksLikeFormula { field, start } => (
            format!("the {} cell starts with \"{start}\": a spreadsheet would run it as a formula", field.english()),
            Some("start the text with a letter, or write a bullet as \"- \" with a space".into()),
        ),
        LostLetters { field, word } => (
            format!("the {} cell has \"?\" inside a word (\"{word}\"): letters were lost when the file was saved without them", field.english()),
            Some("open the original workbook and save it again as \"CSV UTF-8 (Comma delimited)\"".into()),
        ),
        GroupedByConvention { cell, value, comma_decimal } => {
            let (mark, words) = if *comma_decimal {
                (',', "a decimal comma, so `.` groups thousands")
            } else {
                ('.', "a decimal point, so `,` groups thousands")
            };
            let decimal = (value / 1000.0).to_string().replace('.', &mark.to_string());
            (
                format!("\"{cell}\" was read as {value} on the file's convention alone ({words}); the cell itself could mean either"),
                Some(format!("write {value} if that is meant (no separator leaves no doubt); if a decimal number is meant, write {decimal}")),
            )
        }
        EmptyForm => (
            "the form is not filled in: no row has a status, a value or any text beyond the template's".into(),
            Some("fill in each row (status and result of each task, value of each indicator) and check again; a row with nothing to report this year is marked Không phát sinh".into()),
        ),
        TitleMismatch { written, id, title, elsewhere } => (
            match elsewhere {
                Some(other) => format!("the title \"{written}\" is not the title of \"{id}\" (\"{title}\"); it is the title of \"{other}\""),
                None => format!("the title \"{written}\" is not the title of \"{id}\" (\"{title}\")"),
            },
            Some("rows may have been shifted or re-sorted in the sheet: check that each id is on its own row".into()),
        ),
    };
    (message, help)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn owned(kind: Kind) -> Owned {
        Owned {
            unit: "STC".into(),
            year: 2024,
            kind,
            ids: vec!["3.1".into(), "3.3".into()],
        }
    }

    /// One message of every kind, with facts as a check would find them.
    fn one_of_each() -> Vec<Message> {
        use Message::*;
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let s = |t: &str| t.to_string();
        vec![
            WorkbookAsCsv,
            NotText,
            InvalidBytes {
                offset: 120,
                encoding: "UTF-8",
            },
            FieldTooLong { bytes: 70_000 },
            Utf16WithoutBom,
            TooManyFields { fields: 1_200 },
            ValueTooLarge {
                cell: s("99999999999999999999"),
            },
            NotFinite {
                baseline: true,
                value: s("nan"),
            },
            PercentBound {
                baseline: false,
                value: 500.0,
            },
            PlanFileRefused {
                why: PlanRefusal::LinkOutside {
                    target: s("/dev/zero"),
                },
            },
            TooBigToRead {
                too_big: crate::load::limits::TooBig::more_than(Measure::Rows),
            },
            UnbalancedQuotes,
            WrongFieldCount {
                found: 9,
                expected: 8,
                delimiter: b';',
            },
            NoHeader,
            NoHeaderInWorkbook,
            SeveralSheets {
                sheets: vec![s("\"STC\""), s("\"Sheet2\"")],
            },
            ColumnTwice {
                field: Field::Status,
                name: s("Tình trạng"),
            },
            OwnerUnknown,
            UnknownUnit {
                unit: s("stc"),
                similar: Some(s("STC")),
                units: vec![],
            },
            YearOutsidePlan {
                year: 2035,
                start: 2023,
                end: 2030,
            },
            UnitNotExisting {
                unit: s("SKHDT"),
                due: date(2025, 11, 20),
                year: 2025,
                not_yet: false,
                predecessors: vec![],
                holder: Some(s("STC")),
                moved: vec![],
            },
            NoKind,
            UnknownKind { kind: s("việc") },
            NoId {
                owned: owned(Kind::Task),
            },
            UnknownId {
                id: s("3.9"),
                owned: owned(Kind::Task),
            },
            WrongKind {
                id: s("TFP_SHARE"),
                owned: owned(Kind::Task),
            },
            NotAssigned {
                id: s("5.1"),
                owned: owned(Kind::Task),
            },
            NoStatus { id: s("3.1") },
            UnknownStatus {
                status: s("Hoàn thàn"),
                nearest: Some(Status::Done),
            },
            DateNotNumber {
                cell: s("2024-01-02"),
            },
            ErrorNotNumber { cell: s("#DIV/0!") },
            NotANumber {
                cell: s("khoảng 2"),
                why: NumberError::NotANumber,
                percent: true,
            },
            PercentSign {
                cell: s("5%"),
                read_as: None,
                measured: MeasureUnit::Count,
            },
            PercentOutOfRange {
                cell: s("1.250"),
                read_as: Some(1250.0),
            },
            NotWhole {
                cell: s("2,5"),
                read_as: None,
            },
            Negative {
                cell: s("-3"),
                read_as: None,
            },
            Duplicate {
                kind: Kind::Task,
                id: s("3.1"),
                first: 4,
                workbook: false,
            },
            PlanNotUtf8,
            InvalidToml {
                detail: s("expected `=`"),
            },
            UnknownTable { name: s("tasks") },
            ExpectedTable { table: "[plan]" },
            ExpectedArray { table: "[[unit]]" },
            UnknownKey {
                key: s("nmae"),
                table: "[[unit]]",
                expected: vec![s("code"), s("name")],
                nearest: Some(s("name")),
            },
            MissingKey {
                key: s("lead"),
                table: "[[task]]",
                id: Some(s("3.1")),
            },
            WrongType {
                expected: s("a string"),
                found: s("integer `5`"),
            },
            BadValue {
                detail: s("invalid value"),
            },
            BadCode {
                what: Thing::Task,
                value: s("3 1"),
            },
            BadDate {
                found: s("2025-02-28T10:00:00"),
            },
            ImplausibleYear { value: 20025 },
            DuplicateId {
                what: Thing::Task,
                id: s("3.1"),
                first_file: s("plan/tasks.toml"),
                first_line: 3,
            },
            UnknownRef {
                what: Thing::UnitOrGroup,
                value: s("SOTC"),
            },
            GroupNotUnit { value: s("CAC_SO") },
            NoPlanTable,
            SecondPlanTable,
            SecondReportTable,
            EmptyKey { key: s("place") },
            DeputyWithoutHead,
            SecondChange {
                since: date(2025, 7, 1),
            },
            EmptyChange,
            HandoverOfGroup { value: s("CAC_SO") },
            HandoverToItself,
            HandoverOfNothing,
            NoPartToHandOver {
                unit: s("SLDTBXH"),
                what: Thing::Task,
                value: s("3.1"),
            },
            ColumnMissing {
                field: Field::Status,
                nearest: Some(s("Trạng thi")),
            },
            GroupedByConvention {
                cell: s("1.234"),
                value: 1234.0,
                comma_decimal: true,
            },
            EmptyForm,
            EndBeforeStart {
                start: 2030,
                end: 2023,
            },
            BadDueBefore { value: s("20/11") },
            UnknownLanguage { value: s("fr") },
            UnknownUnitKind {
                value: s("ministry"),
            },
            UntilBeforeSince {
                since: date(2025, 3, 1),
                until: date(2025, 2, 28),
            },
            SuccessorWithoutUntil,
            OwnSuccessor,
            StarNotAlone,
            NoMembers { group: s("CAC_SO") },
            NoLead { task: s("3.1") },
            BadSchedule {
                value: s("hằng năm"),
            },
            ScheduleOutside {
                value: s("2035"),
                start: 2023,
                end: 2030,
            },
            UnknownMeasure { value: s("stock") },
            UnknownAggregate { value: s("median") },
            NoReporter {
                indicator: s("TFP_SHARE"),
            },
            BaselineAfterEnd {
                year: 2031,
                end: 2030,
            },
            TargetOutside {
                year: 2031,
                start: 2023,
                end: 2030,
            },
            TargetWithoutBound { year: 2025 },
            MinAboveMax { min: 5.0, max: 3.0 },
            SecondTarget { year: 2025 },
            CannotRead {
                reason: s("permission denied"),
            },
            LinkOutside {
                target: s("/etc/passwd"),
            },
            Folder,
            NotRegular,
            TooBig { bytes: 70_000_000 },
            SecondReport {
                unit: s("STC"),
                year: 2024,
                report: s("reports/2024/STC.csv"),
                import: s("reports/2024/STC.xlsx"),
            },
            WorkbookPassword,
            WorkbookUnreadable {
                extension: "xlsx",
                sheet: None,
                reason: None,
            },
            NotAWorkbook {
                extension: "xlsx",
                text: true,
            },
            SingleValueConflict {
                indicator: s("TFP_SHARE"),
                year: 2024,
                parties: vec![
                    s("STC (reports/2024/STC.csv:9)"),
                    s("SKHDT (reports/2024/SKHDT.csv:7)"),
                ],
            },
            RowMissing {
                kind: Kind::Task,
                id: s("7.a"),
                unit: s("STC"),
                year: 2024,
            },
            RowNotFilled {
                kind: Kind::Indicator,
                id: s("STI_BUDGET_SHARE"),
                unit: s("STC"),
            },
            NoResult {
                id: s("3.3"),
                status: Status::Done,
            },
            NoValue {
                id: s("STI_BUDGET_SHARE"),
                measured: MeasureUnit::Percent,
            },
            UnknownColumn {
                name: s("Trạng thi"),
                nearest: Some(Field::Status),
            },
            UnnamedColumn {
                letters: s("K"),
                header_line: 3,
            },
            TaskHasValue { id: s("3.1") },
            IndicatorHasStatus { id: s("TFP_SHARE") },
            FarFromLastYear {
                id: s("PATENTS"),
                value: 120.0,
                before: 12.0,
                previous: s("reports/2023/SKHCN.csv"),
                line: 9,
            },
            FormulaCell {
                field: Field::Result,
            },
            LooksLikeFormula {
                field: Field::Result,
                start: s("=SUM(A1)"),
            },
            LostLetters {
                field: Field::Result,
                word: s("Ph?i"),
            },
            TitleMismatch {
                written: s("Bảo đảm chi"),
                id: s("3.3"),
                title: s("Huy động"),
                elsewhere: Some(s("3.1")),
            },
        ]
    }

    /// The samples cover the catalogue, so the tests below hold every message.
    #[test]
    fn every_kind_of_message_has_a_sample() {
        let sampled: BTreeSet<&str> = one_of_each().iter().map(Message::kind).collect();
        let all: BTreeSet<&str> = Message::KINDS.iter().copied().collect();
        assert_eq!(sampled, all);
    }

    /// Both languages say every message, give a hint for the same messages, and say
    /// them differently (a sentence left untranslated would read the same).
    #[test]
    fn both_languages_say_every_message() {
        for m in one_of_each() {
            let (vi, en) = (m.words(Lang::Vi), m.words(Lang::En));
            assert!(!vi.message.is_empty() && !en.message.is_empty(), "{m:?}");
            assert_eq!(vi.help.is_some(), en.help.is_some(), "{m:?}");
            assert_ne!(vi.message, en.message, "{m:?}");
            if let (Some(a), Some(b)) = (&vi.help, &en.help) {
                assert_ne!(a, b, "{m:?}");
            }
        }
    }

    /// No English sentence and no status code slips into a Vietnamese message.
    #[test]
    fn vietnamese_messages_have_no_english_words() {
        let english = [
            " the ",
            " is ",
            " not ",
            " has ",
            " of ",
            " and ",
            "cannot",
            " row ",
            "unknown",
            "not_started",
            "in_progress",
            "not_applicable",
            "missing",
            "on_track",
            "off_track",
        ];
        for m in one_of_each() {
            let words = m.words(Lang::Vi);
            let text = format!("{} {}", words.message, words.help.unwrap_or_default());
            // What the file or the plan wrote is quoted as it is: leave it out.
            let own: String = text.split('"').step_by(2).collect::<Vec<_>>().join(" ");
            for word in english {
                assert!(!own.to_lowercase().contains(word), "{word:?} in {text}");
            }
        }
    }
}
