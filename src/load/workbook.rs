//! Reads a report kept as a workbook (`.xlsx`, `.xls`, `.ods`) into the same [`Sheet`]
//! a CSV file gives, so that the same row rules check it. The report is the first
//! worksheet with a header row naming `kind` and `id` (title rows above it are
//! skipped). Each cell keeps its kind: a number is the number the workbook stores, with
//! no decimal mark to guess; a date is a date; a formula gives the value the workbook
//! last calculated.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Ods, Range, Reader, Sheets, StyleRange, Xls, Xlsx, XlsxError};

use crate::diag::{Diagnostic, Message, column_letters};
use crate::load::limits::{self, Refusal};
use crate::load::report::{
    self, CellKind, HEADER_SEARCH, Origin, Record, Sheet, Typed, clean, is_header,
};

/// The workbook formats that are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Office Open XML (Excel 2007 and later).
    Xlsx,
    /// The Excel 97-2003 binary format.
    Xls,
    /// OpenDocument (LibreOffice Calc).
    Ods,
}

impl Format {
    /// The extensions of report workbooks, lower case.
    pub const EXTENSIONS: [&'static str; 3] = ["xlsx", "xls", "ods"];

    /// The format a file's extension names, in any case; `None` for any other file.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" => Some(Format::Xlsx),
            "xls" => Some(Format::Xls),
            "ods" => Some(Format::Ods),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Ods => "ods",
        }
    }
}

/// Why a workbook could not be opened: an E011 message.
type Unreadable = Message;

/// Reads the report sheet of a workbook's bytes. A workbook that cannot be opened is
/// E011; no sheet with a header, or several, is E003. Diagnostics about cells outside
/// the table are already placed in the sheet; the others count columns within the
/// table (see [`Diagnostic::in_sheet`]).
pub fn read(bytes: &[u8], named: Format, file: &str) -> (Option<Sheet<'static>>, Vec<Diagnostic>) {
    // A damaged file must never take the run down: a reader that panics on it is a
    // file that cannot be read.
    let opened = quietly(|| open_sheets(bytes, named)).unwrap_or_else(|_| Err(damaged(named)));
    match opened {
        Ok(sheets) => table(sheets, file),
        Err(message) => (None, vec![Diagnostic::new(file, message)]),
    }
}

thread_local! {
    /// Set while this thread runs code whose panics are caught and reported as E011.
    static CAUGHT: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic without the panic message and backtrace the default hook
/// prints: the caller turns it into a diagnostic, and a user should see only that.
/// Panics elsewhere, on any thread, are printed as before.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CAUGHT.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    CAUGHT.with(|caught| caught.set(true));
    let result = std::panic::catch_unwind(f);
    CAUGHT.with(|caught| caught.set(false));
    result
}

/// One worksheet as read: its name, cached values, formulas and number formats.
struct Worksheet {
    name: String,
    values: Range<Data>,
    formulas: Option<Range<String>>,
    styles: Option<StyleRange>,
}

/// True when an OLE container's chain of directory sectors runs in a loop. The reader
/// follows that chain without a bound, so such a file (damaged, or made to harm) would
/// take all the memory there is; it is refused before the reader sees it. Only the FAT
/// sectors the header itself lists are read (every one of a file under 7 MiB); a chain
/// that leaves them is left to the reader.
fn directory_chain_loops(bytes: &[u8]) -> bool {
    const FIRST_SPECIAL: u32 = 0xFFFF_FFFA;
    let u32_at = |at: usize| {
        bytes
            .get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let Some(shift) = bytes
        .get(0x1E..0x20)
        .map(|b| u16::from_le_bytes([b[0], b[1]]))
    else {
        return false;
    };
    if !(7..=16).contains(&shift) {
        return false;
    }
    let size = 1usize << shift;
    let mut fat: Vec<u32> = Vec::new();
    for i in 0..109 {
        let Some(id) = u32_at(0x4C + 4 * i) else {
            break;
        };
        if id >= FIRST_SPECIAL {
            continue;
        }
        let start = (id as usize + 1).saturating_mul(size);
        if let Some(sector) = bytes.get(start..start.saturating_add(size)) {
            fat.extend(
                sector
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
            );
        }
    }
    let Some(mut id) = u32_at(0x30) else {
        return false;
    };
    let mut seen = std::collections::HashSet::new();
    while id < FIRST_SPECIAL {
        if !seen.insert(id) {
            return true;
        }
        match fat.get(id as usize) {
            Some(&next) => id = next,
            None => return false,
        }
    }
    false
}

/// Opens the workbook by what its bytes are (a workbook saved under another workbook
/// extension is still read) and reads every worksheet.
fn open_sheets(bytes: &[u8], named: Format) -> Result<Vec<Worksheet>, Unreadable> {
    let cursor = Cursor::new(bytes);
    let mut workbook: Sheets<Cursor<&[u8]>> = if bytes.starts_with(b"PK\x03\x04") {
        limits::check_zip(bytes, is_opendocument(bytes)).map_err(|r| refused(r, named))?;
        if is_opendocument(bytes) {
            Sheets::Ods(Ods::new(cursor).map_err(|e| cannot_open(named, None, &e.to_string()))?)
        } else {
            Sheets::Xlsx(Xlsx::new(cursor).map_err(|e| match e {
                XlsxError::Password => password(),
                e => cannot_open(named, None, &e.to_string()),
            })?)
        }
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE container: an .xls workbook, or an .xlsx encrypted with a password.
        if directory_chain_loops(bytes) {
            return Err(damaged(named));
        }
        limits::check_xls(bytes).map_err(|r| refused(r, named))?;
        // Asking the `.xlsx` reader whether this is an encrypted workbook makes it open
        // any zip archive it finds in the bytes, so that archive is measured first.
        limits::check_zip(bytes, false).map_err(|r| refused(r, named))?;
        if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
            return Err(password());
        }
        Sheets::Xls(Xls::new(cursor).map_err(|e| match e {
            calamine::XlsError::Password => password(),
            e => cannot_open(named, None, &e.to_string()),
        })?)
    } else {
        return Err(not_a_workbook(bytes, named));
    };
    let names: Vec<String> = workbook
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        let values = workbook
            .worksheet_range(&name)
            .map_err(|e| cannot_open(named, Some(&name), &e.to_string()))?;
        sheets.push(Worksheet {
            formulas: workbook.worksheet_formula(&name).ok(),
            styles: workbook.worksheet_style(&name).ok(),
            name,
            values,
        });
    }
    Ok(sheets)
}

/// An OpenDocument package names its type in the `mimetype` entry it begins with.
fn is_opendocument(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(128)];
    head.windows(b"opendocument".len())
        .any(|w| w == b"opendocument")
}

fn password() -> Unreadable {
    Message::WorkbookPassword
}

fn cannot_open(named: Format, sheet: Option<&str>, reason: &str) -> Unreadable {
    Message::WorkbookUnreadable {
        extension: named.extension(),
        sheet: sheet.map(str::to_string),
        reason: Some(reason.to_string()),
    }
}

/// A workbook measured before it is read and found too big, or too damaged to measure.
fn refused(refusal: Refusal, named: Format) -> Unreadable {
    match refusal {
        Refusal::Damaged => damaged(named),
        Refusal::TooBig(too_big) => Message::TooBigToRead { too_big },
    }
}

fn damaged(named: Format) -> Unreadable {
    Message::WorkbookUnreadable {
        extension: named.extension(),
        sheet: None,
        reason: None,
    }
}

fn not_a_workbook(bytes: &[u8], named: Format) -> Unreadable {
    Message::NotAWorkbook {
        extension: named.extension(),
        text: !bytes.iter().take(8192).any(|&b| b == 0),
    }
}

/// Finds the report sheet and turns it into a [`Sheet`].
fn table(sheets: Vec<Worksheet>, file: &str) -> (Option<Sheet<'static>>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let (sheet, header) = match report_sheet(sheets, file) {
        Ok(found) => found,
        Err(stop) => {
            out.push(*stop);
            return (None, out);
        }
    };
    let cells = Cells::new(&sheet);
    let span = header_span(&cells, header);
    let names: Vec<String> = (span.first..=span.last)
        .map(|c| cells.text(header, c).0)
        .collect();
    let header_line = header as usize + 1;
    let columns = report::header_columns(&names, header_line, file, &mut out);
    let (records, texts) = records_below(&cells, &span, &sheet.name, file, &mut out);
    let question_marks = texts.iter().any(|text| text.contains('?'));
    let table = Sheet {
        origin: Origin::Workbook {
            sheet: sheet.name.clone(),
            first_column: span.first as usize,
        },
        header_line,
        names,
        columns,
        title_lines: header as usize,
        records,
        cells: texts,
        question_marks,
    };
    (Some(table), out)
}

/// The one worksheet with a header, and the row of its header; E003 when no sheet has
/// one or more than one has.
fn report_sheet(sheets: Vec<Worksheet>, file: &str) -> Result<(Worksheet, u32), Box<Diagnostic>> {
    let with_header: Vec<(Worksheet, u32)> = sheets
        .into_iter()
        .filter_map(|s| header_row(&s).map(|row| (s, row)))
        .collect();
    match <[_; 1]>::try_from(with_header) {
        Ok([found]) => Ok(found),
        Err(found) if found.is_empty() => {
            Err(Box::new(Diagnostic::new(file, Message::NoHeaderInWorkbook)))
        }
        Err(found) => {
            let sheets = found
                .iter()
                .map(|(s, _)| format!("\"{}\"", s.name))
                .collect();
            Err(Box::new(Diagnostic::new(
                file,
                Message::SeveralSheets { sheets },
            )))
        }
    }
}

/// The header row and the sheet columns it spans, from its first cell with text to its
/// last.
struct HeaderSpan {
    /// The sheet row (0-based) of the header.
    row: u32,
    /// The first column (0-based).
    first: u32,
    /// The last column (0-based).
    last: u32,
}

/// The columns the header at `row` spans.
fn header_span(cells: &Cells, row: u32) -> HeaderSpan {
    let used: Vec<u32> = cells
        .row_texts(row)
        .into_iter()
        .map(|(column, _)| column)
        .collect();
    HeaderSpan {
        row,
        first: used.first().copied().unwrap_or(0),
        last: used.last().copied().unwrap_or(0),
    }
}

/// The rows below the header, cut to its columns, blank ones left out. Text in a column
/// outside the header is reported once per column (a column without a name).
fn records_below(
    cells: &Cells,
    span: &HeaderSpan,
    sheet_name: &str,
    file: &str,
    out: &mut Vec<Diagnostic>,
) -> (Vec<Record>, Vec<std::borrow::Cow<'static, str>>) {
    let (first, last) = (span.first, span.last);
    let width = last.saturating_sub(first) as usize + 1;
    let header_line = span.row as usize + 1;
    let mut records = Vec::new();
    let mut kept = Vec::new();
    let mut outside: Vec<u32> = Vec::new();
    for row in span.row + 1..=cells.last_row() {
        let mut texts = Vec::with_capacity(width);
        let mut kinds = Vec::with_capacity(width);
        for column in first..=last {
            let (text, kind) = cells.text(row, column);
            texts.push(text);
            kinds.push(kind);
        }
        for (column, text) in cells.row_texts(row) {
            if (column < first || column > last) && !text.is_empty() && !outside.contains(&column) {
                outside.push(column);
                out.push(
                    Diagnostic::new(
                        file,
                        Message::UnnamedColumn {
                            letters: column_letters(column as usize + 1),
                            header_line,
                        },
                    )
                    .at(row as usize + 1, Some(column as usize + 1))
                    .in_sheet(sheet_name, 0),
                );
            }
        }
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let first = kept.len();
        kept.extend(texts.into_iter().map(std::borrow::Cow::Owned));
        records.push(Record {
            line: row as usize + 1,
            row: row as usize + 1,
            cells: first..kept.len(),
            kinds,
        });
    }
    (records, kept)
}

/// The sheet row (0-based) of the header: the first of the top rows that names `kind`
/// and `id`.
fn header_row(sheet: &Worksheet) -> Option<u32> {
    let cells = Cells::new(sheet);
    let (start, _) = sheet.values.start()?;
    (start..=cells.last_row()).take(HEADER_SEARCH).find(|&row| {
        let texts: Vec<String> = cells.row_texts(row).into_iter().map(|(_, t)| t).collect();
        is_header(&texts)
    })
}

/// A worksheet's cells by absolute (0-based) position, as text with their kind.
struct Cells<'s> {
    sheet: &'s Worksheet,
}

impl<'s> Cells<'s> {
    fn new(sheet: &'s Worksheet) -> Self {
        Cells { sheet }
    }

    fn last_row(&self) -> u32 {
        self.sheet.values.end().map_or(0, |(row, _)| row)
    }

    /// The non-empty cells of a row, by column.
    fn row_texts(&self, row: u32) -> Vec<(u32, String)> {
        let values = &self.sheet.values;
        let (Some((_, first)), Some((_, last))) = (values.start(), values.end()) else {
            return Vec::new();
        };
        (first..=last)
            .map(|column| (column, self.text(row, column).0))
            .filter(|(_, text)| !text.is_empty())
            .collect()
    }

    /// A cell's text (trimmed, NFC) and kind.
    fn text(&self, row: u32, column: u32) -> (String, Typed) {
        let data = self
            .sheet
            .values
            .get_value((row, column))
            .unwrap_or(&Data::Empty);
        let formula = self
            .sheet
            .formulas
            .as_ref()
            .and_then(|f| f.get_value((row, column)))
            .is_some_and(|f| !f.trim().is_empty());
        let percent = self
            .sheet
            .styles
            .as_ref()
            .and_then(|s| s.get((row, column)))
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| is_percent_format(&f.format_code));
        let (text, kind) = cell_text(data, percent);
        (clean(&text, false), Typed { kind, formula })
    }
}

/// A cell's value as text, and its kind. A number formatted as a percentage is taken
/// as shown: 0.012 shown as 1.2% is 1.2, with a `%`.
fn cell_text(data: &Data, percent: bool) -> (String, CellKind) {
    let number = |value: f64| {
        if percent {
            let shown = hundredfold(value);
            (
                format!("{shown}%"),
                CellKind::Number {
                    value: shown,
                    percent: true,
                },
            )
        } else {
            (
                value.to_string(),
                CellKind::Number {
                    value,
                    percent: false,
                },
            )
        }
    };
    match data {
        Data::Empty => (String::new(), CellKind::Text),
        Data::String(s) => (s.clone(), CellKind::Text),
        // Whole numbers beyond 2^53 lose digits as f64; no report value comes near.
        #[allow(clippy::cast_precision_loss)]
        Data::Int(i) => number(*i as f64),
        Data::Float(f) => number(*f),
        Data::Bool(b) => (
            if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellKind::Bool,
        ),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            let text = if dt.is_duration() {
                format!("{h:02}:{mi:02}:{s:02}")
            } else if (h, mi, s, ms) == (0, 0, 0, 0) {
                format!("{y:04}-{mo:02}-{d:02}")
            } else {
                format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            };
            (text, CellKind::Date)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), CellKind::Date),
        Data::Error(e) => (e.to_string(), CellKind::Error),
    }
}

/// `value` × 100 as the decimal number it is written as (0.012 gives 1.2, not
/// 1.2000000000000002).
fn hundredfold(value: f64) -> f64 {
    format!("{value}e2").parse().unwrap_or(value * 100.0)
}

/// True for a number format that shows a percentage: a `%` outside quoted text and
/// brackets (`0.00%`, not `0.00"%"` or `[$%-409]`).
fn is_percent_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_come_through_exactly() {
        assert_eq!(cell_text(&Data::Float(1.2), false).0, "1.2");
        assert_eq!(cell_text(&Data::Float(18500.0), false).0, "18500");
        assert_eq!(cell_text(&Data::Int(18500), false).0, "18500");
        assert_eq!(
            cell_text(&Data::Float(0.012), true),
            (
                "1.2%".to_string(),
                CellKind::Number {
                    value: 1.2,
                    percent: true
                }
            )
        );
    }

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0.00%"));
        assert!(is_percent_format("0%"));
        assert!(!is_percent_format("0.00"));
        assert!(!is_percent_format("0.0\"%\""));
        assert!(!is_percent_format("0.0\\%"));
        assert!(!is_percent_format("General"));
    }

    #[test]
    fn text_that_is_no_workbook_is_unreadable() {
        let (sheet, out) = read(b"kind,id\ntask,3.1\n", Format::Xlsx, "a.xlsx");
        assert!(sheet.is_none());
        assert_eq!(out[0].code, crate::diag::Code::E011);
        assert_eq!(
            out[0].message,
            Message::NotAWorkbook {
                extension: "xlsx",
                text: true
            }
        );
    }
}
