//! Reads a report file as clerks really write it: decodes it (UTF-8 with or without a
//! byte-order mark, UTF-16, or a forced legacy code page), finds the delimiter and the
//! header row, and splits it into records that know their physical line and their
//! spreadsheet row. Row rules are [`crate::check::report`]'s business.

use crate::diag::{Code, Diagnostic};
use crate::load::text::{self, Detected, Forced, fold, nfc};

/// Files larger than this are not read (E011).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;
/// Fields larger than this are malformed (E002).
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// A known report column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// `task` or `indicator`.
    Kind,
    /// Task or indicator id.
    Id,
    /// The row's title, filled by the template.
    Title,
    /// A task's status.
    Status,
    /// An indicator's value.
    Value,
    /// What was done.
    Result,
    /// Problems met.
    Difficulties,
    /// What the unit asks for.
    Proposals,
    /// Anything else.
    Note,
}

impl Field {
    /// Every field, in canonical column order.
    pub const ALL: [Field; 9] = [
        Field::Kind,
        Field::Id,
        Field::Title,
        Field::Status,
        Field::Value,
        Field::Result,
        Field::Difficulties,
        Field::Proposals,
        Field::Note,
    ];

    /// The canonical English header.
    pub fn english(self) -> &'static str {
        match self {
            Field::Kind => "kind",
            Field::Id => "id",
            Field::Title => "title",
            Field::Status => "status",
            Field::Value => "value",
            Field::Result => "result",
            Field::Difficulties => "difficulties",
            Field::Proposals => "proposals",
            Field::Note => "note",
        }
    }

    /// The Vietnamese header.
    pub fn vietnamese(self) -> &'static str {
        match self {
            Field::Kind => "Loại",
            Field::Id => "Mã",
            Field::Title => "Nội dung",
            Field::Status => "Trạng thái",
            Field::Value => "Giá trị",
            Field::Result => "Kết quả",
            Field::Difficulties => "Khó khăn, vướng mắc",
            Field::Proposals => "Kiến nghị, đề xuất",
            Field::Note => "Ghi chú",
        }
    }

    /// Folded names that mean this column.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Kind => &["kind", "loai"],
            Field::Id => &["id", "ma", "maso"],
            Field::Title => &["title", "noidung", "ten"],
            Field::Status => &["status", "trangthai", "tinhtrang"],
            Field::Value => &["value", "giatri", "solieu"],
            Field::Result => &["result", "ketqua", "ketquathuchien"],
            Field::Difficulties => &["difficulties", "khokhanvuongmac", "khokhan", "vuongmac"],
            Field::Proposals => &["proposals", "kiennghidexuat", "kiennghi", "dexuat"],
            Field::Note => &["note", "ghichu"],
        }
    }

    /// The field a header cell names, if any.
    pub fn from_header(name: &str) -> Option<Field> {
        let folded = fold(name);
        Field::ALL
            .into_iter()
            .find(|f| f.aliases().contains(&folded.as_str()))
    }
}

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

/// A record below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The physical line where it starts (a `sep=` line and title lines count).
    pub line: usize,
    /// The spreadsheet row (differs from `line` after cells with line breaks).
    pub row: usize,
    /// Cells, trimmed and in NFC, as many as the header has columns.
    pub cells: Vec<String>,
}

/// A report file split into header and records.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// How the bytes were decoded.
    pub encoding: Detected,
    /// The delimiter found.
    pub delimiter: u8,
    /// The physical line of the header.
    pub header_line: usize,
    /// The header cells as written (trimmed, NFC).
    pub names: Vec<String>,
    /// What each header cell is.
    pub columns: Vec<Column>,
    /// Lines above the header that were skipped (a report's heading).
    pub title_lines: usize,
    /// The records below the header, blank ones left out.
    pub records: Vec<Record>,
}

impl Sheet {
    /// The index of a known column.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Column::Known(field))
    }
}

/// Reads a report from its bytes. Problems that stop the file (E001, E003) give `None`;
/// malformed records (E002) are reported and left out.
pub fn read(bytes: &[u8], forced: Option<Forced>, file: &str) -> (Option<Sheet>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let (decoded, encoding) = match text::decode(bytes, forced) {
        Ok(decoded) => decoded,
        Err(invalid) => {
            out.push(not_text(bytes, &invalid, file));
            return (None, out);
        }
    };
    let (body, sep_lines, sep) = split_sep_line(&decoded);
    let candidates = match sep {
        Some(delimiter) => vec![delimiter],
        None => vec![b',', b';', b'\t'],
    };
    // The header is the first record naming `kind` and `id`; the delimiter is the one
    // that finds it soonest.
    let delimiter = candidates
        .into_iter()
        .filter_map(|d| {
            find_header(&parse(body, d, sep_lines, Some(HEADER_SEARCH))).map(|at| (at, d))
        })
        .min_by_key(|(at, _)| *at)
        .map(|(_, d)| d);
    let Some(delimiter) = delimiter else {
        out.push(
            Diagnostic::new(
                Code::E003,
                file,
                "no header row naming the columns `kind` (Loại) and `id` (Mã)",
            )
            .at(1 + sep_lines, None)
            .help(format!(
                "the table's first row must name its columns: {}",
                Field::ALL.map(Field::vietnamese).join(" | ")
            )),
        );
        return (None, out);
    };
    let raw = parse(body, delimiter, sep_lines, None);
    let header_at = find_header(&raw).unwrap_or(0);
    let header = &raw[header_at];
    let names: Vec<String> = header.cells.iter().map(|c| clean(c)).collect();
    let columns = header_columns(&names, header.line, file, &mut out);
    let width = names.len();
    let mut records = Vec::new();
    for rec in &raw[header_at + 1..] {
        if let Some(problem) = &rec.problem {
            out.push(
                Diagnostic::new(Code::E002, file, problem.clone())
                    .at(rec.line, rec.problem_column)
                    .row(rec.row)
                    .help(
                        "re-save the file from the spreadsheet as CSV UTF-8; if you edited it by \
                         hand, close the quote or double a quote inside a cell (\"\")",
                    ),
            );
            continue;
        }
        let cells: Vec<String> = rec.cells.iter().map(|c| clean(c)).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        if cells.len() != width {
            out.push(
                Diagnostic::new(
                    Code::E002,
                    file,
                    format!("this row has {} fields but the header has {width}", cells.len()),
                )
                .at(rec.line, None)
                .row(rec.row)
                .help(format!(
                    "a cell that holds the delimiter `{}` must be quoted; re-save the file from the spreadsheet",
                    delimiter_name(delimiter)
                )),
            );
            continue;
        }
        records.push(Record {
            line: rec.line,
            row: rec.row,
            cells,
        });
    }
    let sheet = Sheet {
        encoding,
        delimiter,
        header_line: header.line,
        names,
        columns,
        title_lines: header_at,
        records,
    };
    (Some(sheet), out)
}

/// How many records from the top are searched for the header.
const HEADER_SEARCH: usize = 50;

/// A record as the CSV parser saw it.
struct RawRecord {
    line: usize,
    row: usize,
    cells: Vec<String>,
    problem: Option<String>,
    problem_column: Option<usize>,
}

/// Trims and normalises a cell. A leading `'` that guards a formula-like text (as
/// `merge` writes it) is taken off again.
fn clean(cell: &str) -> String {
    let cell = cell.trim();
    let cell = match cell.strip_prefix('\'') {
        Some(rest) if text::looks_like_formula(rest) => rest,
        _ => cell,
    };
    nfc(cell).into_owned()
}

/// `sep=;` on the first line (Excel's hint) gives the delimiter; the line is skipped.
fn split_sep_line(text: &str) -> (&str, usize, Option<u8>) {
    let (first, rest) = match text.find('\n') {
        Some(end) => (&text[..end], &text[end + 1..]),
        None => (text, ""),
    };
    let first = first.trim_end_matches('\r');
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

/// Splits `body` into records with their physical line and spreadsheet row.
fn parse(body: &str, delimiter: u8, sep_lines: usize, limit: Option<usize>) -> Vec<RawRecord> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let mut record = csv::ByteRecord::new();
    let mut out = Vec::new();
    // Lines are counted here: the parser's own count starts a record where it stopped
    // reading the previous one, before the line end and any blank lines.
    let (mut counted_to, mut line) = (0, 1);
    let mut extra_lines = 0;
    loop {
        if limit.is_some_and(|n| out.len() >= n) {
            break;
        }
        let read = reader.read_byte_record(&mut record);
        let end = usize::try_from(reader.position().byte())
            .unwrap_or(body.len())
            .min(body.len());
        let reported = record
            .position()
            .map_or(end, |p| usize::try_from(p.byte()).unwrap_or(end));
        let start = body.as_bytes()[reported.min(end)..end]
            .iter()
            .position(|b| !matches!(b, b'\r' | b'\n'))
            .map_or(end, |skip| reported + skip);
        line += body.as_bytes()[counted_to..start.max(counted_to)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start.max(counted_to);
        match read {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                out.push(RawRecord {
                    line: line + sep_lines,
                    row: line.saturating_sub(extra_lines).max(1),
                    cells: Vec::new(),
                    problem: Some(format!("malformed CSV: {e}")),
                    problem_column: None,
                });
                break;
            }
        }
        let cells: Vec<String> = record
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let row = line.saturating_sub(extra_lines).max(1);
        let mut problem = None;
        let mut problem_column = None;
        let raw = body.get(start..end).unwrap_or("");
        if raw.bytes().filter(|&b| b == b'"').count() % 2 == 1 {
            problem = Some(
                "unbalanced quotes: a quoted cell is never closed, or a stray `\"` stands inside a cell"
                    .to_string(),
            );
        } else if let Some(i) = cells.iter().position(|c| c.len() > MAX_FIELD_BYTES) {
            problem = Some(format!(
                "a field of {} bytes; the most a field may hold is 64 KiB",
                cells[i].len()
            ));
            problem_column = Some(i + 1);
        }
        extra_lines += cells.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        out.push(RawRecord {
            line: line + sep_lines,
            row,
            cells,
            problem,
            problem_column,
        });
    }
    out
}

/// The index of the first record that names both `kind` and `id`.
fn find_header(records: &[RawRecord]) -> Option<usize> {
    records.iter().position(|r| {
        let fields: Vec<Option<Field>> = r.cells.iter().map(|c| Field::from_header(c)).collect();
        fields.contains(&Some(Field::Kind)) && fields.contains(&Some(Field::Id))
    })
}

/// Classifies header cells; a column named twice is E003, an unknown one W103.
fn header_columns(
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
                            Code::E003,
                            file,
                            format!(
                                "the column `{}` appears twice (\"{name}\")",
                                field.english()
                            ),
                        )
                        .at(line, Some(i + 1))
                        .help("delete or rename one of the two columns"),
                    );
                    Column::Other
                } else {
                    Column::Known(field)
                }
            }
            None if matches!(fold(name).as_str(), "stt" | "sott" | "sothutu" | "no") => {
                Column::RowNumber
            }
            None if name.is_empty() => Column::Other,
            None => {
                let mut d = Diagnostic::new(
                    Code::W103,
                    file,
                    format!("unknown column \"{name}\" is ignored"),
                )
                .at(line, Some(i + 1));
                if let Some(near) = nearest_field(name) {
                    d = d.help(format!(
                        "did you mean `{}` ({})?",
                        near.english(),
                        near.vietnamese()
                    ));
                }
                out.push(d);
                Column::Other
            }
        };
        columns.push(column);
    }
    columns
}

/// The known column whose name or alias is closest to `name`.
fn nearest_field(name: &str) -> Option<Field> {
    let folded = fold(name);
    let folded = folded.as_str();
    let limit = 3.max(folded.chars().count() / 3);
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

/// Levenshtein distance between two short strings.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            current.push(
                (previous[j] + cost)
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

fn delimiter_name(delimiter: u8) -> &'static str {
    match delimiter {
        b';' => ";",
        b'\t' => "tab",
        _ => ",",
    }
}

/// E001 for bytes the encoding cannot hold, with the fix that applies.
fn not_text(bytes: &[u8], invalid: &text::InvalidBytes, file: &str) -> Diagnostic {
    let binary = bytes.iter().take(8192).any(|&b| b == 0)
        && !matches!(invalid.detected, Detected::Utf16Le | Detected::Utf16Be);
    let workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let (message, help) = if workbook {
        (
            "this is a spreadsheet workbook, not a CSV file".to_string(),
            "in Excel choose File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"".to_string(),
        )
    } else if binary {
        (
            "this is not a text file".to_string(),
            "a report is a CSV file: save it from the spreadsheet as \"CSV UTF-8\"".to_string(),
        )
    } else {
        (
            format!("the bytes at offset {} are not valid {}", invalid.offset, invalid.detected.name()),
            "save the file as \"CSV UTF-8 (Comma delimited)\" in Excel (or \"Text CSV\" with character set \
             Unicode (UTF-8) in LibreOffice); a legacy file can be read with --encoding windows-1258"
                .to_string(),
        )
    };
    Diagnostic::new(Code::E001, file, message)
        .at(invalid.line, None)
        .help(help)
}
