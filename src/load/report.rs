//! Reads a report file as clerks really write it: decodes it (UTF-8 with or without a
//! byte-order mark, UTF-16, or a forced legacy code page), finds the delimiter and the
//! header row, and splits it into records that know their physical line and their
//! spreadsheet row. A workbook comes to the same [`Sheet`] through
//! [`crate::load::workbook`]. Row rules are [`crate::check::report`]'s business.

use std::borrow::Cow;

use crate::diag::{Diagnostic, Message};
use crate::layout::Field;
use crate::load::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, Measure, TooBig};
use crate::load::split::Splitter;
use crate::load::text::{self, Detected, Forced, nfc};

/// Files larger than this are not read (E011).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Fields larger than this are malformed (E002).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

impl Field {
    /// The field a header cell names, if any.
    pub fn from_header(name: &str) -> Option<Field> {
        // The names the template writes, as they are: no folding needed.
        if let Some(field) = Field::ALL
            .into_iter()
            .find(|f| name == f.english() || name == f.vietnamese())
        {
            return Some(field);
        }
        // A cell that folds to more than the longest alias names no column: stop there
        // (a title line or a row of text may be searched for the header).
        let folded = text::fold_at_most(name, LONGEST_ALIAS)?;
        Field::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&folded.as_str()))
    }
}

/// The length in characters of the longest folded alias ("khokhanvuongmac").
const LONGEST_ALIAS: usize = 15;

/// What a header cell is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// A known column.
    Known(Field),
    /// `STT`, the row number: ignored.
    RowNumber,
    /// Anything else: ignored by the checks, kept by `import`.
    Other,
}

/// What a cell holds besides its text. Every CSV cell is text; a workbook cell may be
/// a number or a date, which no decimal mark or date format has to be guessed for.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum CellKind {
    /// Text, or nothing.
    #[default]
    Text,
    /// A number as the workbook stores it. `percent` when the cell is formatted as a
    /// percentage: `value` is then what the clerk sees (1.2 for a stored 0.012).
    Number {
        /// The value.
        value: f64,
        /// Shown with a `%`.
        percent: bool,
    },
    /// A date or a time; the cell's text is its ISO 8601 form.
    Date,
    /// `TRUE` or `FALSE`.
    Bool,
    /// An error value such as `#DIV/0!`, which is the cell's text.
    Error,
}

/// A workbook cell's kind, and whether a formula computed it (its text is then the
/// value the workbook last calculated).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Typed {
    /// What the cell holds.
    pub kind: CellKind,
    /// True for a formula cell.
    pub formula: bool,
}

/// A record below the header.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The physical line where it starts (a `sep=` line and title lines count); in a
    /// workbook, the sheet's row.
    pub line: usize,
    /// The spreadsheet row (differs from `line` after cells with line breaks).
    pub row: usize,
    /// Where its cells are in [`Sheet::cells`]: as many as the header has columns.
    pub cells: std::ops::Range<usize>,
    /// What each cell of a workbook holds, beside `cells`; empty for CSV, whose cells
    /// are all text.
    pub kinds: Vec<Typed>,
}

impl Record {
    /// What the cell at `index` holds.
    pub fn kind(&self, index: usize) -> Typed {
        self.kinds.get(index).copied().unwrap_or_default()
    }
}

/// Where a table was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A CSV file.
    Csv {
        /// How the bytes were decoded.
        encoding: Detected,
        /// The delimiter found.
        delimiter: u8,
    },
    /// A worksheet of a workbook.
    Workbook {
        /// The worksheet's name.
        sheet: String,
        /// The sheet column of the table's first column (0 for A).
        first_column: usize,
    },
}

/// A report file split into header and records, which borrow from its text where they
/// can (`'t` is the text's lifetime).
#[derive(Debug, Clone)]
pub struct Sheet<'t> {
    /// Where it was read from.
    pub origin: Origin,
    /// The physical line of the header (in a workbook, its row).
    pub header_line: usize,
    /// The header cells as written (trimmed, NFC).
    pub names: Vec<String>,
    /// What each header cell is.
    pub columns: Vec<Column>,
    /// Lines above the header that were skipped (a report's heading).
    pub title_lines: usize,
    /// The records below the header, blank ones left out.
    pub records: Vec<Record>,
    /// The records' cells end to end (and those of records left out), trimmed and in
    /// NFC: one list for the sheet rather than one for each record. They borrow from
    /// the text of a UTF-8 file wherever they can.
    pub cells: Vec<Cow<'t, str>>,
    /// False when no cell holds a `?` (looked for once in the whole text, rather than in
    /// every cell, by the rule on letters lost as `?`).
    pub question_marks: bool,
}

impl Sheet<'_> {
    /// The index of a known column.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Column::Known(field))
    }

    /// The CSV delimiter, which decides the decimal mark of ambiguous numbers typed
    /// as text; a workbook counts as `,`-delimited.
    pub fn delimiter(&self) -> u8 {
        match self.origin {
            Origin::Csv { delimiter, .. } => delimiter,
            Origin::Workbook { .. } => b',',
        }
    }
}

/// Reads a report from its bytes. Problems that stop the file (E001, E003) give `None`;
/// malformed records (E002) are reported and left out.
pub fn read<'t>(
    bytes: &'t [u8],
    forced: Option<Forced>,
    file: &str,
) -> (Option<Sheet<'t>>, Vec<Diagnostic>) {
    match decode(bytes, forced, file) {
        Ok((Cow::Borrowed(text), encoding)) => read_text(text, encoding, file),
        // Text decoded from UTF-16 or a legacy code page is this function's own: its
        // cells are copied out of it.
        Ok((Cow::Owned(text), encoding)) => {
            let (sheet, out) = read_text(&text, encoding, file);
            (sheet.map(Sheet::into_owned), out)
        }
        Err(stop) => (None, vec![*stop]),
    }
}

impl Sheet<'_> {
    /// The sheet with every cell its own.
    fn into_owned(self) -> Sheet<'static> {
        let cells = self
            .cells
            .into_iter()
            .map(|c| Cow::Owned(c.into_owned()))
            .collect();
        Sheet { cells, ..self }
    }
}

/// [`read`] of decoded text.
fn read_text<'t>(
    decoded: &'t str,
    encoding: Detected,
    file: &str,
) -> (Option<Sheet<'t>>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let (body, sep_lines, sep) = split_sep_line(decoded);
    let found = match find_delimiter_and_header(body, sep, sep_lines) {
        Ok(found) => found,
        Err(too_big) => {
            out.push(Diagnostic::new(file, Message::TooBigToRead { too_big }));
            return (None, out);
        }
    };
    let Some(HeaderFound {
        records: mut raw,
        cells,
        header_at,
        delimiter,
    }) = found
    else {
        out.push(Diagnostic::new(file, Message::NoHeader).at(1 + sep_lines, None));
        return (None, out);
    };
    let mut below = raw.drain(header_at..);
    let Some(header) = below.next() else {
        return (None, out);
    };
    let names: Vec<String> = cells[header.cells]
        .iter()
        .map(ToString::to_string)
        .collect();
    if let Some(problem) = header
        .problem
        .map(|p| *p)
        .filter(|_| names.len() >= MAX_COLUMNS as usize)
    {
        // A header too wide to be one: nothing below it can be read.
        out.push(Diagnostic::new(file, problem).at(header.line, None));
        return (None, out);
    }
    let columns = header_columns(&names, header.line, file, &mut out);
    let records = keep_records(below, &cells, names.len(), delimiter, file, &mut out);
    spare::give_back_raw(raw);
    let sheet = Sheet {
        origin: Origin::Csv {
            encoding,
            delimiter,
        },
        header_line: header.line,
        names,
        columns,
        title_lines: header_at,
        records,
        cells,
        question_marks: memchr::memchr(b'?', body.as_bytes()).is_some(),
    };
    (Some(sheet), out)
}

/// Decodes the file's bytes to text, or says why they are not text (E001).
fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<Forced>,
    file: &str,
) -> Result<(std::borrow::Cow<'a, str>, Detected), Box<Diagnostic>> {
    if forced.is_none() && text::is_utf16_without_bom(bytes) {
        return Err(Box::new(
            Diagnostic::new(file, Message::Utf16WithoutBom).at(1, None),
        ));
    }
    text::decode_borrowed(bytes, forced)
        .map_err(|invalid| Box::new(not_text(bytes, &invalid, file)))
}

/// The body's records with the header among them, and the delimiter that found it.
struct HeaderFound<'t> {
    /// Every record of the body.
    records: Vec<RawRecord>,
    /// Their cells.
    cells: Vec<Cow<'t, str>>,
    /// The index of the header among `records`.
    header_at: usize,
    /// The delimiter.
    delimiter: u8,
}

/// Finds the delimiter and the header row: the header is the first record naming `kind`
/// and `id` among the first [`HEADER_SEARCH`]; the delimiter is the one that finds it
/// soonest (the first listed, when two find it on the same record). `None` when no
/// delimiter finds a header (E003).
fn find_delimiter_and_header(
    body: &str,
    sep: Option<u8>,
    sep_lines: usize,
) -> Result<Option<HeaderFound<'_>>, TooBig> {
    let candidates = match sep {
        Some(delimiter) => vec![delimiter],
        None => vec![b',', b';', b'\t'],
    };
    // Candidates are tried most frequent on the first line first, and parsed in full
    // until one finds the header, as that one is nearly always the delimiter; the
    // others need only look above the header found.
    let plain = text::only_plain_starters(body);
    let first_line = &body.as_bytes()[..body.find(['\n', '\r']).unwrap_or(body.len())];
    let mut order: Vec<(usize, u8)> = candidates.into_iter().enumerate().collect();
    order.sort_by_key(|&(_, d)| std::cmp::Reverse(memchr_count(d, first_line)));
    // (records, where the header is, the candidate's rank in the list, the delimiter,
    // whether the records are every record of the body)
    let mut found: Option<(Parsed<'_>, usize, usize, u8, bool)> = None;
    for (rank, d) in order {
        let limit = match &found {
            None => HEADER_SEARCH,
            // An earlier-listed delimiter also wins by finding it on the same record.
            Some((_, at, best, _, _)) if rank < *best => *at + 1,
            Some((_, at, _, _, _)) => *at,
        };
        if limit == 0 {
            continue;
        }
        let complete = found.is_none();
        let parsed = parse(body, d, sep_lines, plain, (!complete).then_some(limit))?;
        let searched = &parsed.0[..parsed.0.len().min(limit)];
        if let Some(at) = find_header(searched, &parsed.1) {
            found = Some((parsed, at, rank, d, complete));
        }
    }
    let Some((parsed, header_at, _, delimiter, complete)) = found else {
        return Ok(None);
    };
    let (records, cells) = if complete {
        parsed
    } else {
        parse(body, delimiter, sep_lines, plain, None)?
    };
    Ok(Some(HeaderFound {
        records,
        cells,
        header_at,
        delimiter,
    }))
}

/// The records below the header that hold a row: blank ones are left out, and a
/// malformed one or one of the wrong width (E002) is reported and left out.
fn keep_records(
    raw: impl ExactSizeIterator<Item = RawRecord>,
    all_cells: &[Cow<'_, str>],
    width: usize,
    delimiter: u8,
    file: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<Record> {
    let mut records = spare::records();
    records.reserve(raw.len());
    for rec in raw {
        if let Some(problem) = rec.problem {
            out.push(
                Diagnostic::new(file, *problem)
                    .at(rec.line, rec.problem_column)
                    .row(rec.row),
            );
            continue;
        }
        let cells = &all_cells[rec.cells.clone()];
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() != width {
            out.push(
                Diagnostic::new(
                    file,
                    Message::WrongFieldCount {
                        found: cells.len(),
                        expected: width,
                        delimiter,
                    },
                )
                .at(rec.line, None)
                .row(rec.row),
            );
            continue;
        }
        records.push(Record {
            line: rec.line,
            row: rec.row,
            cells: rec.cells,
            kinds: Vec::new(),
        });
    }
    records
}

/// How many records from the top are searched for the header.
pub(crate) const HEADER_SEARCH: usize = 50;

/// A record as the CSV parser saw it.
struct RawRecord {
    line: usize,
    row: usize,
    /// Where its cells, trimmed and in NFC ([`clean`]), are in the list [`parse`] gives.
    cells: std::ops::Range<usize>,
    /// E002 ([`Message::FieldTooLong`] or [`Message::UnbalancedQuotes`]), if any.
    /// Boxed, as it is rare: a record moves in a few words.
    problem: Option<Box<Message>>,
    problem_column: Option<usize>,
}

/// Trims and normalises a cell. A leading `'` that guards a formula-like text (as
/// `merge` writes it) is taken off again.
/// `plain` says the whole text is made of characters NFC keeps as they are
/// ([`text::only_plain_starters`]), so no cell needs normalising.
pub(crate) fn clean(cell: &str, plain: bool) -> String {
    tidy(cell, plain).into_owned()
}

/// [`clean`], borrowing from `cell` what it can.
fn tidy(cell: &str, plain: bool) -> Cow<'_, str> {
    let cell = if nothing_to_trim(cell) {
        cell
    } else {
        cell.trim()
    };
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if crate::layout::looks_like_formula(rest) => rest,
        _ => cell,
    };
    if plain {
        Cow::Borrowed(cell)
    } else {
        nfc(cell)
    }
}

/// True for a cell that starts and ends with a character that is no white space (or is
/// empty): most cells, which are then not looked at a character at a time. An ASCII end
/// is told by its byte; another, by decoding the one character there.
fn nothing_to_trim(cell: &str) -> bool {
    let bytes = cell.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
        return true;
    };
    let no_space = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    let starts = if first.is_ascii() {
        first.is_ascii_graphic()
    } else {
        no_space(cell.chars().next())
    };
    starts
        && if last.is_ascii() {
            last.is_ascii_graphic()
        } else {
            no_space(cell.chars().next_back())
        }
}

/// [`clean`] of a field the splitter read, in place: one borrowed from the text stays
/// borrowed where it can, and one it had to copy is left alone when cleaning leaves it
/// unchanged. Most fields are left alone.
fn clean_field(field: &mut Cow<'_, str>, plain: bool) {
    match field {
        Cow::Borrowed(text) => {
            let text: &str = text;
            match tidy(text, plain) {
                Cow::Borrowed(same) if same.len() == text.len() => {}
                cleaned => *field = cleaned,
            }
        }
        Cow::Owned(copied) => match tidy(copied, plain) {
            Cow::Borrowed(same) if same.len() == copied.len() => {}
            cleaned => *field = Cow::Owned(cleaned.into_owned()),
        },
    }
}

/// `sep=;` on the first line (Excel's hint) gives the delimiter; the line is skipped.
fn split_sep_line(text: &str) -> (&str, usize, Option<u8>) {
    // The first line ends at LF, CRLF or a CR alone.
    let (first, rest) = match text.find(['\n', '\r']) {
        Some(end) => {
            let after = if text[end..].starts_with("\r\n") {
                end + 2
            } else {
                end + 1
            };
            (&text[..end], &text[after..])
        }
        None => (text, ""),
    };
    let lower = first.get(..4).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("sep=") {
        let delimiter = match &first[4..] {
            "\\t" | "\t" => Some(b'\t'),
            d if d.len() == 1 => d.bytes().next(),
            _ => None,
        };
        if let Some(delimiter) = delimiter {
            return (rest, 1, Some(delimiter));
        }
    }
    (text, 0, None)
}

/// Splits `body` into records with their physical line and spreadsheet row. `plain`
/// says every character of the body is one NFC keeps as it is
/// ([`text::only_plain_starters`]): cells are pieces of the body less quotes, so then
/// none needs normalising.
fn parse<'t>(
    body: &'t str,
    delimiter: u8,
    sep_lines: usize,
    plain: bool,
    limit: Option<usize>,
) -> Result<Parsed<'t>, TooBig> {
    let input = body.as_bytes();
    let mut splitter = Splitter::new(body, delimiter);
    // A parse that reads the whole body takes the room the last sheet of this thread
    // gave back; one that stops at the header search needs little.
    let (mut out, mut cells) = match limit {
        None => (spare::raw(), spare::cells()),
        Some(_) => (Vec::new(), Vec::new()),
    };
    // The line the last record started on, where it ended and the line ends inside it;
    // and the line ends inside records so far, which the spreadsheet's rows do not count.
    let (mut line, mut counted_to, mut inside, mut extra_lines) = (1, 0, 0, 0);
    // Cells kept so far: a file of commas or of one-letter lines must not take more
    // memory than a report of the largest size could.
    let mut kept_cells = 0u64;
    while limit.is_none_or(|n| out.len() < n) {
        // Only a record's first columns are kept (where the header's `kind` and `id` are):
        // a row wider than a report may be is reported, not held.
        // The record's fields go straight to the end of `cells`, and are cleaned there.
        let first = cells.len();
        let Some(span) = splitter.next_record(&mut cells, MAX_COLUMNS as usize) else {
            break;
        };
        // LF, CRLF and a CR alone (old Mac exports) each end a line: those inside the
        // last record the splitter counted, those between it and this one (its own line
        // end and blank lines) are counted here, so no record is scanned twice.
        line += inside + text::line_ends(&input[counted_to..span.start]);
        (counted_to, inside) = (span.end, span.line_ends);
        let row = line.saturating_sub(extra_lines).max(1);
        extra_lines += span.line_ends;
        let too_long = cells[first..]
            .iter()
            .enumerate()
            .find(|(_, f)| f.len() > MAX_FIELD_BYTES)
            .map(|(at, f)| (at, f.len()));
        for cell in &mut cells[first..] {
            clean_field(cell, plain);
        }
        let record = if span.fields > MAX_COLUMNS as usize {
            RawRecord {
                line: line + sep_lines,
                row,
                cells: first..cells.len(),
                problem: Some(Box::new(Message::TooManyFields {
                    fields: span.fields,
                })),
                problem_column: Some(MAX_COLUMNS as usize + 1),
            }
        } else {
            if out.len() as u64 >= MAX_ROWS {
                return Err(TooBig::more_than(Measure::Rows));
            }
            let mut record = RawRecord {
                line: line + sep_lines,
                row,
                cells: first..cells.len(),
                problem: None,
                problem_column: None,
            };
            if let Some((at, bytes)) = too_long {
                record.problem_column = Some(at + 1);
                record.problem = Some(Box::new(Message::FieldTooLong { bytes }));
            }
            if span.quotes % 2 == 1 {
                record.problem_column = None;
                record.problem = Some(Box::new(Message::UnbalancedQuotes));
            }
            record
        };
        kept_cells += record.cells.len() as u64;
        if kept_cells > MAX_CELLS {
            return Err(TooBig::more_than(Measure::Cells));
        }
        out.push(record);
    }
    Ok((out, cells))
}

/// Room for a sheet's lists, kept on each thread from one sheet to the next: a run reads
/// thousands of reports of much the same size, and lists grown afresh for each one cost
/// more than the reading (every doubling copies what was there). Only a report's worth
/// of room is kept; a huge file's is given back to the system.
mod spare {
    use std::borrow::Cow;
    use std::cell::RefCell;

    use super::{RawRecord, Record};

    /// The most cells, and records, whose room is kept.
    const KEPT_CELLS: usize = 1 << 16;
    const KEPT_RECORDS: usize = 1 << 13;

    #[derive(Default)]
    struct Spare {
        raw: Vec<RawRecord>,
        records: Vec<Record>,
        /// Cleared: no cell is kept, only the room (see [`relabel`]).
        cells: Vec<Cow<'static, str>>,
    }

    thread_local! {
        static SPARE: RefCell<Spare> = RefCell::default();
    }

    fn take<T>(pick: impl FnOnce(&mut Spare) -> &mut Vec<T>) -> Vec<T> {
        SPARE.with_borrow_mut(|spare| std::mem::take(pick(spare)))
    }

    fn keep<T>(mut list: Vec<T>, most: usize, pick: impl FnOnce(&mut Spare) -> &mut Vec<T>) {
        list.clear();
        if list.capacity() <= most {
            SPARE.with_borrow_mut(|spare| {
                let slot = pick(spare);
                if slot.capacity() < list.capacity() {
                    *slot = list;
                }
            });
        }
    }

    /// An empty list of cells, in room given back by the last sheet.
    pub(super) fn cells<'t>() -> Vec<Cow<'t, str>> {
        relabel(take(|s| &mut s.cells))
    }

    /// An empty list of raw records, likewise.
    pub(super) fn raw() -> Vec<RawRecord> {
        take(|s| &mut s.raw)
    }

    /// An empty list of records, likewise.
    pub(super) fn records() -> Vec<Record> {
        take(|s| &mut s.records)
    }

    pub(super) fn give_back_raw(raw: Vec<RawRecord>) {
        keep(raw, KEPT_RECORDS, |s| &mut s.raw);
    }

    /// Keeps the room of a sheet's lists for the next sheet read on this thread.
    pub fn give_back(records: Vec<Record>, cells: Vec<Cow<'_, str>>) {
        keep(records, KEPT_RECORDS, |s| &mut s.records);
        keep(relabel(cells), KEPT_CELLS, |s| &mut s.cells);
    }

    /// The room of a list of cells, emptied, as a list of cells of another lifetime: the
    /// two have the same layout, so collecting the emptied list keeps its room.
    fn relabel<'a, 'b>(mut cells: Vec<Cow<'a, str>>) -> Vec<Cow<'b, str>> {
        cells.clear();
        cells.into_iter().map(|_| Cow::Borrowed("")).collect()
    }

    #[cfg(test)]
    mod tests {
        use std::borrow::Cow;

        #[test]
        fn relabelling_keeps_the_room() {
            let text = String::from("a,b");
            let mut cells: Vec<Cow<'_, str>> = Vec::with_capacity(100);
            cells.push(Cow::Borrowed(&text[..1]));
            let at = cells.as_ptr() as usize;
            let empty: Vec<Cow<'static, str>> = super::relabel(cells);
            assert!(empty.is_empty());
            assert_eq!(empty.capacity(), 100);
            assert_eq!(empty.as_ptr() as usize, at);
        }
    }
}

pub use spare::give_back;

/// The records [`parse`] found, and their cells end to end.
type Parsed<'t> = (Vec<RawRecord>, Vec<Cow<'t, str>>);

/// How many times `byte` occurs in `bytes`.
fn memchr_count(byte: u8, bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == byte).count()
}

/// The index of the first record that names both `kind` and `id`.
fn find_header(records: &[RawRecord], cells: &[Cow<'_, str>]) -> Option<usize> {
    records
        .iter()
        .position(|r| is_header(&cells[r.cells.clone()]))
}

/// True for a row that names both `kind` and `id`: the header.
pub(crate) fn is_header<S: AsRef<str>>(cells: &[S]) -> bool {
    let fields: Vec<Option<Field>> = cells
        .iter()
        .map(|c| Field::from_header(c.as_ref()))
        .collect();
    fields.contains(&Some(Field::Kind)) && fields.contains(&Some(Field::Id))
}

/// Classifies header cells; a column named twice is E003, an unknown one W103.
pub(crate) fn header_columns(
    names: &[String],
    line: usize,
    file: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<Column> {
    let mut columns: Vec<Column> = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let column = match Field::from_header(name) {
            Some(field) => {
                if columns.contains(&Column::Known(field)) {
                    out.push(
                        Diagnostic::new(
                            file,
                            Message::ColumnTwice {
                                field,
                                name: name.clone(),
                            },
                        )
                        .at(line, Some(i + 1)),
                    );
                    Column::Other
                } else {
                    Column::Known(field)
                }
            }
            None if matches!(
                text::fold_at_most(name, 8).as_deref(),
                Some("stt" | "sott" | "sothutu" | "no")
            ) =>
            {
                Column::RowNumber
            }
            None if name.is_empty() => Column::Other,
            None => {
                out.push(
                    Diagnostic::new(
                        file,
                        Message::UnknownColumn {
                            name: shortened(name).into_owned(),
                            nearest: nearest_field(name),
                        },
                    )
                    .at(line, Some(i + 1)),
                );
                Column::Other
            }
        };
        columns.push(column);
    }
    columns
}

/// How far a header as written is from `field`'s name and aliases (an edit distance on the
/// folded text): what E013 uses to name the misspelt header of a missing column.
/// A name too long to be near any alias is not compared (see [`nearest_field`]).
pub fn distance_to(name: &str, field: Field) -> usize {
    let Some(folded) = text::fold_at_most(name, 2 * LONGEST_ALIAS) else {
        return usize::MAX;
    };
    field
        .aliases()
        .iter()
        .map(|a| edit_distance(&folded, a))
        .min()
        .unwrap_or(usize::MAX)
}

/// The known column whose name or alias is closest to `name`. A name more than twice
/// as long as the longest alias is too far from every one (the distance is at least the
/// difference in length): it is not compared, so a long name costs nothing.
fn nearest_field(name: &str) -> Option<Field> {
    let folded = text::fold_at_most(name, 2 * LONGEST_ALIAS)?;
    let folded = folded.as_str();
    let limit = (folded.chars().count() / 3).max(1);
    Field::ALL
        .into_iter()
        .flat_map(|f| {
            f.aliases()
                .iter()
                .map(move |a| (edit_distance(folded, a), f))
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, f)| f)
}

/// A header cell as quoted in a message: whole when short, else its start and how long
/// it is, so that a file of long names does not make a message of megabytes.
fn shortened(name: &str) -> std::borrow::Cow<'_, str> {
    const SHOWN: usize = 60;
    match name.char_indices().nth(SHOWN) {
        None => name.into(),
        Some((end, _)) => format!("{}… ({} characters)", &name[..end], name.chars().count()).into(),
    }
}

/// Levenshtein distance between two short strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

/// E001 for bytes the encoding cannot hold, with the fix that applies.
fn not_text(bytes: &[u8], invalid: &text::InvalidBytes, file: &str) -> Diagnostic {
    let binary = bytes.iter().take(8192).any(|&b| b == 0)
        && !matches!(invalid.detected, Detected::Utf16Le | Detected::Utf16Be);
    let workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let message = if workbook {
        Message::WorkbookAsCsv
    } else if binary {
        Message::NotText
    } else {
        Message::InvalidBytes {
            offset: invalid.offset,
            encoding: invalid.detected.name(),
        }
    };
    Diagnostic::new(file, message).at(invalid.line, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The header search gives up on cells longer than the longest alias: it must be
    /// the longest.
    #[test]
    fn longest_alias_is_the_longest() {
        let longest = Field::ALL
            .iter()
            .flat_map(|f| f.aliases())
            .map(|a| a.chars().count())
            .max();
        assert_eq!(longest, Some(LONGEST_ALIAS));
        assert_eq!(
            Field::from_header("Khó khăn, vướng mắc"),
            Some(Field::Difficulties)
        );
        assert_eq!(
            Field::from_header("Khó khăn, vướng mắc!"),
            Some(Field::Difficulties)
        );
        assert_eq!(Field::from_header("Khó khăn, vướng mắcx"), None);
    }

    /// A cell is trimmed of white space of any kind at either end, whether it starts and
    /// ends with a printable ASCII character (looked at no further) or not.
    #[test]
    fn cells_are_trimmed() {
        for (cell, tidied) in [
            ("Đang thực hiện", "Đang thực hiện"),
            ("task", "task"),
            (" 12,5 ", "12,5"),
            ("\u{a0}Hoàn thành\u{a0}", "Hoàn thành"),
            ("\tx", "x"),
            ("x\r\n", "x"),
            ("ệ ", "ệ"),
            (" ệ", "ệ"),
            // White space past ASCII at either end: a figure space ends in the byte a
            // Vietnamese "ệ" ends in.
            ("ệ\u{2007}", "ệ"),
            ("\u{3000}Kết quả", "Kết quả"),
            ("", ""),
            ("   ", ""),
            ("'=SUM(A1)", "=SUM(A1)"),
            ("'abc", "'abc"),
        ] {
            assert_eq!(clean(cell, true), tidied, "{cell:?}");
        }
    }

    /// The template's names, taken as they are without folding, are names that fold to
    /// the same column.
    #[test]
    fn template_names_fold_to_their_column() {
        for field in Field::ALL {
            for name in [field.english(), field.vietnamese()] {
                let folded = text::fold_at_most(name, LONGEST_ALIAS);
                assert!(
                    folded.is_some_and(|f| field.aliases().contains(&f.as_str())),
                    "{name}"
                );
            }
        }
    }
}
