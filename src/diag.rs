//! Diagnostics: every problem found in the plan or a report is one [`Diagnostic`],
//! plain data with a stable code and a typed [`Message`]. Rendering it as text, JSON or
//! GitHub workflow commands, in Vietnamese or English, is separate from finding it
//! (GitLab's Code Quality report and SARIF are rendered in [`crate::render::code_quality`]
//! and [`crate::render::sarif`]).

pub mod message;

use std::fmt::Write as _;

use serde::Serialize;

pub use message::Message;

use crate::keyword::keywords;
use crate::lang::{self, Lang};

keywords! {
    /// How bad a problem is.
    pub enum Severity {
        /// The file must be fixed; `check` exits 1.
        Error = "error",
        /// Worth a look; `check --strict` treats it as an error.
        Warning = "warning",
    }
}

macro_rules! codes {
    ($($code:ident => $sev:ident,)*) => {
        /// The stable code of a diagnostic (SPEC section 5).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code { $(
            #[allow(missing_docs)]
            $code,
        )* }

        impl Code {
            /// The code as printed, e.g. `E005`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$code => stringify!($code),)* }
            }

            /// The severity that every diagnostic with this code has.
            pub fn severity(self) -> Severity {
                match self { $(Code::$code => Severity::$sev,)* }
            }
        }
    };
}

codes! {
    E001 => Error, E002 => Error, E003 => Error, E004 => Error, E005 => Error, E006 => Error,
    E007 => Error, E008 => Error, E009 => Error, E010 => Error, E011 => Error, E012 => Error,
    E013 => Error,
    W101 => Warning, W102 => Warning, W103 => Warning, W104 => Warning, W105 => Warning,
    W106 => Warning, W107 => Warning, W108 => Warning, W109 => Warning,
}

impl Code {
    /// Every code, in order: the rules of the SARIF form.
    pub const ALL: [Code; 22] = [
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
        Code::E007,
        Code::E008,
        Code::E009,
        Code::E010,
        Code::E011,
        Code::E012,
        Code::E013,
        Code::W101,
        Code::W102,
        Code::W103,
        Code::W104,
        Code::W105,
        Code::W106,
        Code::W107,
        Code::W108,
        Code::W109,
    ];

    /// What the rule is about, in one line (SPEC section 5), in `lang`: the description
    /// of the rule in the SARIF form.
    pub fn description(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi_description(),
            Lang::En => self.en_description(),
        }
    }

    fn en_description(self) -> &'static str {
        match self {
            Code::E001 => "Bytes not valid in the file's encoding",
            Code::E002 => {
                "Malformed CSV: unbalanced quotes, a row with the wrong number of fields, \
                 or a field over 64 KiB"
            }
            Code::E003 => "Header: a required column (kind, id) missing, or a column twice",
            Code::E004 => {
                "The path names an unknown unit, a year outside the plan, or a unit that \
                 no longer existed on that year's due date"
            }
            Code::E005 => "Unknown task or indicator id, or unknown kind",
            Code::E006 => {
                "The unit is neither lead nor support of the task, nor a reporter of the \
                 indicator"
            }
            Code::E007 => "A task row with a missing or unknown status",
            Code::E008 => "A value that is not a number, not whole for a count, or out of range",
            Code::E009 => "The same id twice in one file",
            Code::E010 => "A plan error",
            Code::E011 => {
                "A report file that cannot be read: unreadable, over 64 MiB, a link out \
                 of the repository, or a second report of the same unit and year"
            }
            Code::E012 => {
                "An indicator that takes one unit's value given a value by two units in \
                 one year"
            }
            Code::E013 => {
                "A column the file's rows need is missing: status with task rows, value with \
                 indicator rows"
            }
            Code::W101 => "A task the unit leads, or an indicator it reports, has no row",
            Code::W102 => {
                "A done or in-progress task with an empty result, or an indicator row \
                 without a value"
            }
            Code::W103 => "An unknown column, ignored",
            Code::W104 => "A value far from the unit's value of the previous year",
            Code::W105 => "A text cell that a spreadsheet would run as a formula",
            Code::W106 => "A question mark inside a word: letters lost by a legacy export",
            Code::W107 => "A row whose title is not the title of its id: rows shifted or re-sorted",
            Code::W108 => {
                "A value read with a thousands separator on the file's convention alone \
                 (1.234 read as 1234)"
            }
            Code::W109 => {
                "A form nobody filled: no status, no value, no text beyond the template's"
            }
        }
    }

    fn vi_description(self) -> &'static str {
        match self {
            Code::E001 => "Tệp có byte không hợp lệ trong bảng mã của tệp",
            Code::E002 => {
                "CSV sai cấu trúc: dấu ngoặc kép không đóng, dòng có số cột sai, hoặc ô dài quá 64 KiB"
            }
            Code::E003 => "Dòng tiêu đề: thiếu cột bắt buộc (loại, mã) hoặc có cột lặp lại",
            Code::E004 => {
                "Đường dẫn ghi đơn vị không có trong kế hoạch, năm ngoài thời kỳ của kế hoạch, \
                 hoặc đơn vị không còn tồn tại vào ngày hạn báo cáo của năm"
            }
            Code::E005 => {
                "Mã nhiệm vụ hoặc chỉ tiêu không có trong kế hoạch, hoặc loại không hợp lệ"
            }
            Code::E006 => {
                "Đơn vị không chủ trì, không phối hợp nhiệm vụ, cũng không báo cáo chỉ tiêu này"
            }
            Code::E007 => "Dòng nhiệm vụ thiếu trạng thái hoặc trạng thái không hợp lệ",
            Code::E008 => {
                "Giá trị không phải là số, không phải số nguyên khi đếm, hoặc nằm ngoài phạm vi"
            }
            Code::E009 => "Một mã xuất hiện hai lần trong một tệp",
            Code::E010 => "Lỗi của kế hoạch",
            Code::E011 => {
                "Tệp báo cáo không đọc được: không mở được, lớn quá 64 MiB, liên kết ra ngoài \
                 kho, hoặc báo cáo thứ hai của cùng đơn vị và năm"
            }
            Code::E012 => {
                "Chỉ tiêu chỉ lấy số liệu của một đơn vị nhưng có hai đơn vị báo cáo trong một năm"
            }
            Code::E013 => {
                "Thiếu cột mà các dòng của tệp cần: trạng thái với dòng nhiệm vụ, giá trị với \
                 dòng chỉ tiêu"
            }
            Code::W101 => "Nhiệm vụ đơn vị chủ trì, hoặc chỉ tiêu đơn vị báo cáo, không có dòng",
            Code::W102 => {
                "Nhiệm vụ hoàn thành hoặc đang thực hiện mà không ghi kết quả, hoặc dòng chỉ \
                 tiêu không có giá trị"
            }
            Code::W103 => "Cột không xác định, được bỏ qua",
            Code::W104 => "Giá trị khác xa giá trị của đơn vị năm trước",
            Code::W105 => "Ô văn bản mà chương trình bảng tính sẽ chạy như một công thức",
            Code::W106 => "Dấu hỏi trong một từ: chữ có dấu bị mất khi xuất tệp bằng bảng mã cũ",
            Code::W107 => {
                "Dòng có nội dung không khớp với mã của dòng: các dòng bị lệch hoặc bị sắp xếp lại"
            }
            Code::W108 => {
                "Giá trị có dấu phân cách hàng nghìn, được đọc theo quy ước của tệp (1.234 \
                 đọc là 1234)"
            }
            Code::W109 => {
                "Biểu mẫu chưa điền: không có trạng thái, giá trị hay nội dung nào ngoài của biểu mẫu"
            }
        }
    }
}

/// One problem, located as precisely as it can be.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Error or warning; always `code.severity()`.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// The file, relative to the root when it lies under it.
    pub file: String,
    /// The physical line (1-based) where the offending row or value starts.
    pub line: Option<usize>,
    /// The column: a 1-based field number in a CSV file, a character column in TOML.
    pub column: Option<usize>,
    /// The spreadsheet row, when it differs from `line` (after cells with line breaks).
    pub row: Option<usize>,
    /// The worksheet and cell, for a problem in a workbook (`line` is then the sheet's
    /// row and `column` its column number); `None` for every other file.
    pub cell: Option<CellRef>,
    /// What is wrong, as facts; [`Message::words`] says it in a language.
    pub message: Message,
    /// The id of the task or indicator the problem is about, where there is one: the
    /// machine forms build their fingerprints from it, so that a problem keeps its
    /// fingerprint when rows are added above it.
    pub subject: Option<String>,
}

impl Diagnostic {
    /// A diagnostic about a whole file; add a place with [`Diagnostic::at`]. The
    /// message's kind fixes the code and the severity.
    pub fn new(file: impl Into<String>, message: Message) -> Self {
        let code = message.code();
        Diagnostic {
            severity: code.severity(),
            code,
            file: file.into(),
            line: None,
            column: None,
            row: None,
            cell: None,
            message,
            subject: None,
        }
    }

    /// Names the task or indicator the problem is about.
    pub fn about(mut self, id: impl Into<String>) -> Self {
        self.subject = Some(id.into());
        self
    }

    /// Places the diagnostic at a line and, where known, a column.
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// Names the spreadsheet row when it differs from the physical line.
    pub fn row(mut self, row: usize) -> Self {
        if self.line != Some(row) {
            self.row = Some(row);
        }
        self
    }

    /// Places a diagnostic about a table read from worksheet `sheet` in the sheet: its
    /// column, counted within the table, becomes the sheet's column (the table's first
    /// column is `first_column`, 0 for A), and it gets the cell's name. Call it last.
    pub fn in_sheet(mut self, sheet: &str, first_column: usize) -> Self {
        let Some(line) = self.line else {
            return self;
        };
        self.column = self.column.map(|c| c + first_column);
        let cell = match self.column {
            Some(column) => format!("{}{line}", column_letters(column)),
            None => format!("{line}:{line}"),
        };
        self.cell = Some(CellRef {
            sheet: sheet.to_string(),
            cell,
        });
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message and its hint in `lang`, control characters from a file escaped.
    pub fn words(&self, lang: Lang) -> message::Words {
        let words = self.message.words(lang);
        message::Words {
            message: escape_controls(&words.message),
            help: words.help.as_deref().map(escape_controls),
        }
    }

    /// The message in `lang` as machine forms give it: the cell of a workbook before it,
    /// the spreadsheet row after it where that differs from the line.
    pub fn placed_message(&self, lang: Lang) -> String {
        let words = self.words(lang);
        let mut message = match &self.cell {
            Some(cell) => format!("{cell}: {}", words.message),
            None => words.message,
        };
        if let Some(row) = self.row {
            let _ = write!(message, " {}", spreadsheet_row(row, lang));
        }
        message
    }

    fn location(&self) -> String {
        let mut at = self.file.clone();
        if let Some(cell) = &self.cell {
            let _ = write!(at, ":{cell}");
        } else if let Some(line) = self.line {
            let _ = write!(at, ":{line}");
            if let Some(column) = self.column {
                let _ = write!(at, ":{column}");
            }
        }
        at
    }
}

/// A place in a workbook: the worksheet, and the cell (`F5`) or, for a problem with a
/// whole row, the row (`5:5`), as a spreadsheet names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellRef {
    /// The worksheet's name.
    pub sheet: String,
    /// The cell or row.
    pub cell: String,
}

impl std::fmt::Display for CellRef {
    /// `STC-2024!F5`; a sheet name with spaces or signs is quoted as a spreadsheet
    /// quotes it: `'Báo cáo'!F5`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plain = self
            .sheet
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
        if plain && !self.sheet.is_empty() {
            write!(f, "{}!{}", self.sheet, self.cell)
        } else {
            write!(f, "'{}'!{}", self.sheet.replace('\'', "''"), self.cell)
        }
    }
}

/// `text` with control characters (ESC, BEL, other C0 and C1 but tab) shown as
/// `\u{1b}`, so that a cell quoted in a message never drives a terminal.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_escaped) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_escaped(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

fn is_escaped(c: char) -> bool {
    c != '\t' && c.is_control()
}

/// The letters of a 1-based column number: 1 is `A`, 27 is `AA`.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + u8::try_from(rest).unwrap_or(0));
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Sorts diagnostics into the order they are printed: by file, then line, column and
/// code; diagnostics alike in all four keep the order they were found in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.code).cmp(&(&b.file, b.line, b.column, b.code))
    });
}

/// The output forms of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Like a compiler: `file:line:col: error[E005]: message`, with a help line.
    Text,
    /// One JSON array of objects.
    Json,
    /// GitHub Actions workflow commands (`::error file=...::message`).
    Github,
    /// GitLab's Code Quality report: one JSON array.
    Gitlab,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

/// Renders diagnostics in the text form, in `lang`, with ANSI colour when `color` is
/// set. The `error[E005]:` tokens are the same in every language.
pub fn render_text(diagnostics: &[Diagnostic], lang: Lang, color: bool) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let words = d.words(lang);
        let (paint, reset) = match (color, d.severity) {
            (false, _) => ("", ""),
            (true, Severity::Error) => ("\x1b[1;31m", "\x1b[0m"),
            (true, Severity::Warning) => ("\x1b[1;33m", "\x1b[0m"),
        };
        let _ = write!(
            out,
            "{}: {paint}{}[{}]{reset}: {}",
            d.location(),
            d.severity.as_str(),
            d.code.as_str(),
            words.message
        );
        if let Some(row) = d.row {
            let _ = write!(out, " {}", spreadsheet_row(row, lang));
        }
        out.push('\n');
        if let Some(help) = &words.help {
            let (bold, reset) = if color {
                ("\x1b[1m", "\x1b[0m")
            } else {
                ("", "")
            };
            let _ = writeln!(out, "  {bold}= {}{reset}: {help}", help_word(lang));
        }
    }
    out
}

/// `(spreadsheet row 6)`, after a message whose line is not the spreadsheet's row.
fn spreadsheet_row(row: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("(hàng {row} của bảng tính)"),
        Lang::En => format!("(spreadsheet row {row})"),
    }
}

/// The word before a hint.
fn help_word(lang: Lang) -> &'static str {
    lang.pick("gợi ý", "help")
}

/// A diagnostic as its JSON object: the keys and codes are the same in every
/// language, `message` and `help` are in the run's.
#[derive(Serialize)]
struct Shown<'a> {
    severity: Severity,
    code: Code,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    row: Option<usize>,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    cell: Option<&'a CellRef>,
    message: String,
    help: Option<String>,
}

/// Renders diagnostics as one pretty-printed JSON array, their texts in `lang`.
pub fn render_json(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let shown: Vec<Shown<'_>> = diagnostics
        .iter()
        .map(|d| {
            let words = d.words(lang);
            Shown {
                severity: d.severity,
                code: d.code,
                file: &d.file,
                line: d.line,
                column: d.column,
                row: d.row,
                cell: d.cell.as_ref(),
                message: words.message,
                help: words.help,
            }
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&shown).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

/// Renders diagnostics as GitHub Actions workflow commands, one a line, in `lang`.
pub fn render_github(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let words = d.words(lang);
        let mut props = format!("file={}", escape_property(&d.file));
        if let Some(line) = d.line {
            let _ = write!(props, ",line={line}");
        }
        if let Some(column) = d.column {
            let _ = write!(props, ",col={column}");
        }
        let _ = write!(props, ",title={}", d.code.as_str());
        let mut message = d.placed_message(lang);
        if let Some(help) = &words.help {
            let _ = write!(message, "\n{}: {help}", help_word(lang));
        }
        let _ = writeln!(
            out,
            "::{} {props}::{}",
            d.severity.as_str(),
            escape_data(&message)
        );
    }
    out
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// A fingerprint for each diagnostic, the same on every run: built from the code, the
/// file, the task or indicator id (else the line) and the column, never from the
/// message, which follows the language. Diagnostics that share all of those (an id
/// repeated three times) are told apart by their order.
pub fn fingerprints(diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let place = match (&d.subject, d.line) {
                (Some(id), _) => format!("id={id}"),
                (None, Some(line)) => format!("line={line}"),
                (None, None) => String::new(),
            };
            let column = d.column.map(|c| c.to_string()).unwrap_or_default();
            let key = format!(
                "{}\u{1f}{}\u{1f}{place}\u{1f}{column}",
                d.code.as_str(),
                d.file
            );
            let n = seen.entry(key.clone()).or_insert(0);
            *n += 1;
            format!("{:016x}", fnv1a(&format!("{key}\u{1f}{n}")))
        })
        .collect()
}

/// 64-bit FNV-1a: small, and the same on every platform and version, as a fingerprint
/// must be (the standard library's hasher promises neither).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The one-line summary printed after the diagnostics.
pub fn summary(files: usize, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let count = |n, vi, one, many| lang::count(lang, n, vi, one, many);
    match lang {
        Lang::Vi => format!(
            "đã kiểm tra kế hoạch và {}: {}, {}",
            count(files, "tệp báo cáo", "", ""),
            count(errors, "lỗi", "", ""),
            count(warnings, "cảnh báo", "", ""),
        ),
        Lang::En => format!(
            "checked the plan and {}: {}, {}",
            count(files, "", "report file", "report files"),
            count(errors, "", "error", "errors"),
            count(warnings, "", "warning", "warnings"),
        ),
    }
}

/// `1 error`, `2 errors`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Maps byte offsets of a text to 1-based lines and character columns.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { starts }
    }

    /// The 1-based line and character column of a byte offset into the same text.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let column = text
            .get(start..end)
            .map_or(1, |prefix| prefix.chars().count() + 1);
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "a = 1\nmã = \"x\"\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), (1, 1));
        let quote = text.find('"').unwrap();
        assert_eq!(index.position(text, quote), (2, 6));
    }

    #[test]
    fn column_letters_count_as_a_spreadsheet_does() {
        let letters: Vec<String> = [1, 6, 26, 27, 52, 53, 702, 703]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            letters,
            ["A", "F", "Z", "AA", "AZ", "BA", "ZZ", "AAA"].map(String::from)
        );
    }

    #[test]
    fn a_diagnostic_in_a_workbook_names_its_cell() {
        let d = Diagnostic::new(
            "reports/2024/STC.xlsx",
            Message::Negative {
                cell: "-1".into(),
                read_as: None,
            },
        )
        .at(5, Some(5))
        .in_sheet("STC-2024", 1);
        assert_eq!(
            render_text(std::slice::from_ref(&d), Lang::En, false),
            "reports/2024/STC.xlsx:STC-2024!F5: error[E008]: -1 is negative\n  \
             = help: give the amount as a number of 0 or more\n"
        );
        assert_eq!(
            render_text(std::slice::from_ref(&d), Lang::Vi, false),
            "reports/2024/STC.xlsx:STC-2024!F5: error[E008]: -1 là số âm\n  \
             = gợi ý: ghi số lượng là một số từ 0 trở lên\n"
        );
        assert_eq!(
            render_github(std::slice::from_ref(&d), Lang::En),
            "::error file=reports/2024/STC.xlsx,line=5,col=6,title=E008::STC-2024!F5: -1 is \
             negative%0Ahelp: give the amount as a number of 0 or more\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render_json(std::slice::from_ref(&d), Lang::Vi)).unwrap();
        assert_eq!(json[0]["sheet"], "STC-2024");
        assert_eq!(json[0]["cell"], "F5");
        assert_eq!(json[0]["code"], "E008");
        assert_eq!(json[0]["severity"], "error");
        assert_eq!(json[0]["message"], "-1 là số âm");
        let row = Diagnostic::new("a.ods", Message::NoHeader)
            .at(1, None)
            .in_sheet("Báo cáo", 0);
        assert_eq!(row.cell.unwrap().to_string(), "'Báo cáo'!1:1");
    }

    #[test]
    fn github_escapes_separators() {
        let d = Diagnostic::new(
            "a,b:c.csv",
            Message::UnknownKind {
                kind: "100%".into(),
            },
        )
        .at(3, Some(2));
        assert_eq!(
            render_github(&[d], Lang::En),
            "::error file=a%2Cb%3Ac.csv,line=3,col=2,title=E005::unknown kind \"100%25\"%0A\
             help: the kind is \"task\" (Nhiệm vụ) or \"indicator\" (Chỉ tiêu)\n"
        );
    }

    #[test]
    fn control_characters_from_a_file_are_shown_escaped() {
        let d = Diagnostic::new(
            "r.csv",
            Message::UnknownKind {
                kind: "a\u{1b}[2Jb\u{7}".into(),
            },
        );
        for lang in Lang::ALL {
            let text = render_text(std::slice::from_ref(&d), lang, false);
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{text}"
            );
            assert!(text.contains("a\\u{1b}[2Jb\\u{7}"), "{text}");
        }
    }
}
