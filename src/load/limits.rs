//! What a report file may hold before it is read (SPEC section 4, "Limits"): a workbook
//! is measured here, from its own bytes and without building anything of its size, before
//! the workbook reader sees it. The reader lays every sheet out as a full grid from the
//! top-left to the bottom-right cell it finds, reserves what the file declares, and copies
//! a shared string into every cell that uses it: a file of a few kilobytes could ask for
//! gigabytes. A real report has under 20,000 cells; the limits leave room fifty times over.

use std::collections::HashMap;
use std::io::{BufReader, Cursor, Read};

use quick_xml::events::{BytesStart, Event};

/// Rows of a sheet, from its first to its last cell.
pub(crate) const MAX_ROWS: u64 = 100_000;
/// Columns of a sheet (and of a CSV file: E002).
pub(crate) const MAX_COLUMNS: u64 = 1_000;
/// Cells of a workbook, counting every grid the reader lays out.
pub(crate) const MAX_CELLS: u64 = 1_000_000;
/// The XML of a workbook once inflated.
pub(crate) const MAX_XML_BYTES: u64 = 64 << 20;
/// The text the cells of a workbook hold once each shared string (and shared formula) is
/// copied into every cell that uses it.
pub(crate) const MAX_STRING_BYTES: u64 = 64 << 20;

/// What in a file passed a limit, for E011's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooBig {
    /// What was counted.
    pub what: Measure,
    /// How many there are, where counted; `None` for "more than the limit".
    pub count: Option<u64>,
    /// The sheet (its name, or its part in the package), `None` for the whole file.
    pub place: Option<String>,
    /// True when the file declares the size, false when it holds it.
    pub declared: bool,
}

/// What a limit counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Rows of a sheet.
    Rows,
    /// Columns of a sheet.
    Columns,
    /// Cells.
    Cells,
    /// Shared strings.
    SharedStrings,
    /// Bytes of XML once inflated.
    Xml,
    /// Bytes of text the cells hold.
    CellText,
}

impl Measure {
    /// The limit on what this counts.
    pub fn limit(self) -> u64 {
        match self {
            Measure::Rows => MAX_ROWS,
            Measure::Columns => MAX_COLUMNS,
            Measure::Cells | Measure::SharedStrings => MAX_CELLS,
            Measure::Xml => MAX_XML_BYTES,
            Measure::CellText => MAX_STRING_BYTES,
        }
    }
}

impl TooBig {
    /// More than the limit of `what`, in the whole file.
    pub fn more_than(what: Measure) -> Self {
        TooBig {
            what,
            count: None,
            place: None,
            declared: false,
        }
    }

    fn counted(what: Measure, count: u64, place: Option<&str>, declared: bool) -> Self {
        TooBig {
            what,
            count: Some(count),
            place: place.map(str::to_string),
            declared,
        }
    }
}

/// Why a workbook is not read: too big, or so damaged that it cannot be measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A limit passed.
    TooBig(TooBig),
    /// The container itself is broken.
    Damaged,
}

impl From<TooBig> for Refusal {
    fn from(too_big: TooBig) -> Self {
        Refusal::TooBig(too_big)
    }
}

/// The extent of one grid the reader lays out.
#[derive(Debug, Default, Clone, Copy)]
struct Grid {
    /// First and last row, first and last column, 0-based; `None` while empty.
    bounds: Option<(u64, u64, u64, u64)>,
    /// Cells the file gives, one by one.
    cells: u64,
}

impl Grid {
    fn add(&mut self, rows: (u64, u64), columns: (u64, u64), cells: u64) {
        self.bounds = Some(match self.bounds {
            None => (rows.0, rows.1, columns.0, columns.1),
            Some((r0, r1, c0, c1)) => (
                r0.min(rows.0),
                r1.max(rows.1),
                c0.min(columns.0),
                c1.max(columns.1),
            ),
        });
        self.cells = self.cells.saturating_add(cells);
    }

    /// Rows, columns and cells of the grid as laid out.
    fn size(&self) -> (u64, u64, u64) {
        match self.bounds {
            None => (0, 0, 0),
            Some((r0, r1, c0, c1)) => {
                let (rows, columns) = (r1 - r0 + 1, c1 - c0 + 1);
                (rows, columns, rows.saturating_mul(columns).max(self.cells))
            }
        }
    }

    /// The grid within the limits, else what passed them.
    fn check(&self, sheet: Option<&str>) -> Result<u64, Refusal> {
        let (rows, columns, cells) = self.size();
        check_size(sheet, rows, columns, cells, false)
    }
}

fn check_size(
    place: Option<&str>,
    rows: u64,
    columns: u64,
    cells: u64,
    declared: bool,
) -> Result<u64, Refusal> {
    within(Measure::Rows, rows, place, declared)?;
    within(Measure::Columns, columns, place, declared)?;
    within(Measure::Cells, cells, place, declared)
}

/// `count` of `what` (in the sheet named `place`, else in the whole workbook), refused
/// when it is over its limit; `declared` when the file states the count rather than
/// holding that much.
fn within(what: Measure, count: u64, place: Option<&str>, declared: bool) -> Result<u64, Refusal> {
    if count > what.limit() {
        return Err(TooBig::counted(what, count, place, declared).into());
    }
    Ok(count)
}

/// A running total that must stay within a limit.
struct Budget {
    used: u64,
    what: Measure,
}

impl Budget {
    fn new(what: Measure) -> Self {
        Budget { used: 0, what }
    }

    fn spend(&mut self, n: u64) -> Result<(), Refusal> {
        self.used = self.used.saturating_add(n);
        if self.used > self.what.limit() {
            return Err(TooBig::more_than(self.what).into());
        }
        Ok(())
    }
}

/// Measures an Office Open XML workbook (`.xlsx`) or an OpenDocument spreadsheet
/// (`.ods`): both are zip archives of XML.
pub(crate) fn check_zip(bytes: &[u8], opendocument: bool) -> Result<(), Refusal> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        // Not an archive at all: the reader cannot open it either, and says why.
        return Ok(());
    };
    let mut xml = Budget::new(Measure::Xml);
    let mut strings = Budget::new(Measure::CellText);
    let names = entry_names(&archive);
    let is_xml = |name: &str| name.ends_with(".xml") || name.ends_with(".rels");
    if opendocument {
        for (index, name) in names.iter().filter(|(_, n)| is_xml(n)) {
            let entry = archive.by_index(*index).map_err(|_| Refusal::Damaged)?;
            let mut reader = xml_reader(entry, &mut xml);
            if name == "content.xml" {
                ods_content(&mut reader, &mut strings)?;
            } else {
                drain(&mut reader)?;
            }
        }
        return Ok(());
    }
    // The shared strings first: the cells of every sheet refer to them by number.
    let mut shared: Vec<u64> = Vec::new();
    for (index, _) in names
        .iter()
        .filter(|(_, n)| n.ends_with("sharedStrings.xml"))
    {
        let entry = archive.by_index(*index).map_err(|_| Refusal::Damaged)?;
        let lengths = shared_strings(&mut xml_reader(entry, &mut xml))?;
        for (i, length) in lengths.into_iter().enumerate() {
            match shared.get_mut(i) {
                Some(known) => *known = (*known).max(length),
                None => shared.push(length),
            }
        }
    }
    let mut largest = 0;
    for (index, name) in names
        .iter()
        .filter(|(_, n)| is_xml(n) && !n.ends_with("sharedStrings.xml"))
    {
        let entry = archive.by_index(*index).map_err(|_| Refusal::Damaged)?;
        let cells = xlsx_part(
            &mut xml_reader(entry, &mut xml),
            &shared,
            &mut strings,
            name,
        )?;
        largest = largest.max(cells);
    }
    // Each sheet the workbook lists is read whole, and several may name the same part.
    let sheets = xlsx_sheet_count(&mut archive, &mut xml)?;
    let cells = largest.saturating_mul(sheets.max(1));
    within(Measure::Cells, cells, None, false)?;
    Ok(())
}

/// The index and name of every entry of an archive.
fn entry_names(archive: &zip::ZipArchive<Cursor<&[u8]>>) -> Vec<(usize, String)> {
    (0..archive.len())
        .filter_map(|i| Some((i, archive.name_for_index(i)?.ok()?.into_owned())))
        .collect()
}

/// Counts the inflated bytes of one archive entry against the workbook's budget, and
/// stops reading once it is spent.
struct Inflated<'b, R> {
    inner: R,
    budget: &'b mut Budget,
}

impl<R: Read> Read for Inflated<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.budget
            .spend(n as u64)
            .map_err(|_| std::io::Error::other(OVER_BUDGET))?;
        Ok(n)
    }
}

const OVER_BUDGET: &str = "the inflated XML passed its limit";

type XmlReader<'b, R> = quick_xml::Reader<BufReader<Inflated<'b, R>>>;

fn xml_reader<R: Read>(entry: R, budget: &mut Budget) -> XmlReader<'_, R> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(Inflated {
        inner: entry,
        budget,
    }));
    reader.config_mut().check_end_names = false;
    reader
}

/// The next event; the end of the budget is "too big", bad XML "damaged" (the reader
/// would refuse it as well).
fn next<'e, R: Read>(
    reader: &mut XmlReader<'_, R>,
    buf: &'e mut Vec<u8>,
) -> Result<Event<'e>, Refusal> {
    buf.clear();
    match reader.read_event_into(buf) {
        Ok(event) => Ok(event),
        Err(quick_xml::Error::Io(e)) if e.to_string() == OVER_BUDGET => {
            Err(TooBig::more_than(Measure::Xml).into())
        }
        Err(_) => Err(Refusal::Damaged),
    }
}

fn drain<R: Read>(reader: &mut XmlReader<'_, R>) -> Result<(), Refusal> {
    let mut buf = Vec::new();
    while !matches!(next(reader, &mut buf)?, Event::Eof) {}
    Ok(())
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value.into_owned())
}

fn number(e: &BytesStart<'_>, name: &str) -> Option<u64> {
    attribute(e, name)?.trim().parse().ok()
}

/// The length of each shared string, in bytes of XML text (never less than the text).
fn shared_strings<R: Read>(reader: &mut XmlReader<'_, R>) -> Result<Vec<u64>, Refusal> {
    let mut buf = Vec::new();
    let mut lengths = Vec::new();
    let mut current: Option<u64> = None;
    loop {
        match next(reader, &mut buf)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sst" => {
                for key in ["uniqueCount", "count"] {
                    if let Some(n) = number(&e, key) {
                        within(Measure::SharedStrings, n, None, true)?;
                    }
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "si" => current = Some(0),
            Event::Empty(e) if e.local_name().as_ref() == "si" => lengths.push(0),
            Event::End(e) if e.local_name().as_ref() == "si" => {
                lengths.push(current.take().unwrap_or(0));
                if lengths.len() as u64 > MAX_CELLS {
                    return Err(Refusal::from(TooBig::more_than(Measure::SharedStrings)));
                }
            }
            Event::Text(t) => {
                if let Some(length) = &mut current {
                    *length = length.saturating_add(t.len() as u64);
                }
            }
            Event::CData(t) => {
                if let Some(length) = &mut current {
                    *length = length.saturating_add(t.len() as u64);
                }
            }
            Event::GeneralRef(t) => {
                if let Some(length) = &mut current {
                    *length = length.saturating_add(t.len() as u64 + 2);
                }
            }
            Event::Eof => return Ok(lengths),
            _ => {}
        }
    }
}

/// `A1` as 0-based (row, column); `None` for anything else.
fn cell_reference(reference: &str) -> Option<(u64, u64)> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .count();
    let (column, row) = reference.split_at(letters);
    if letters == 0 || letters > 3 || row.is_empty() || !row.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let column = column.bytes().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u64 = row.parse().ok()?;
    Some((row.checked_sub(1)?, column - 1))
}

/// One part of an `.xlsx`: a sheet gives its declared dimension and its cells; any
/// other part gives none. Returns the cells of the grid the reader would lay out.
fn xlsx_part<R: Read>(
    reader: &mut XmlReader<'_, R>,
    shared: &[u64],
    strings: &mut Budget,
    name: &str,
) -> Result<u64, Refusal> {
    let mut buf = Vec::new();
    let mut grid = Grid::default();
    let (mut row, mut column) = (0u64, 0u64);
    let mut next_row = 0u64;
    let mut shared_cell = false;
    let mut in_value = false;
    let mut shared_formulas: HashMap<String, u64> = HashMap::new();
    let mut master: Option<(String, u64)> = None;
    let mut in_formula = false;
    loop {
        match next(reader, &mut buf)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "dimension" => {
                check_dimension(&e, name)?;
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "row" => {
                row = match number(&e, "r") {
                    Some(r) if r > 0 => r - 1,
                    _ => next_row,
                };
                next_row = row + 1;
                column = 0;
            }
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "c" => {
                let at = attribute(&e, "r").and_then(|r| cell_reference(&r));
                let (r, c) = at.unwrap_or((row, column));
                (row, column) = (r, c + 1);
                grid.add((r, r), (c, c), 1);
                if grid.cells > MAX_CELLS || grid.size().1 > MAX_COLUMNS || grid.size().0 > MAX_ROWS
                {
                    grid.check(Some(name))?;
                }
                shared_cell = attribute(&e, "t").as_deref() == Some("s");
            }
            Event::Start(e) if e.local_name().as_ref() == "v" => in_value = true,
            Event::End(e) if e.local_name().as_ref() == "v" => in_value = false,
            Event::Text(t) if in_value && shared_cell => {
                let index = t.trim().parse::<usize>().ok();
                if let Some(length) = index.and_then(|i| shared.get(i)) {
                    strings.spend(*length)?;
                }
            }
            Event::Start(e) if e.local_name().as_ref() == "f" => {
                in_formula = true;
                master = (attribute(&e, "t").as_deref() == Some("shared"))
                    .then(|| attribute(&e, "si"))
                    .flatten()
                    .map(|si| (si, 0));
            }
            Event::Text(t) if in_formula => {
                if let Some((_, length)) = &mut master {
                    *length = length.saturating_add(t.len() as u64);
                }
            }
            Event::End(e) if e.local_name().as_ref() == "f" => {
                in_formula = false;
                if let Some((si, length)) = master.take() {
                    shared_formulas.insert(si, length);
                }
            }
            Event::Empty(e) if e.local_name().as_ref() == "f" => {
                if let Some(length) = attribute(&e, "si").and_then(|si| shared_formulas.get(&si)) {
                    strings.spend(*length)?;
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    grid.check(Some(name))
}

/// The size a sheet's `dimension` element declares, refused when it is over the limits
/// (a range the reader cannot make out declares nothing).
fn check_dimension(e: &BytesStart<'_>, sheet: &str) -> Result<(), Refusal> {
    let Some(reference) = attribute(e, "ref") else {
        return Ok(());
    };
    let mut corners = reference.split(':').map(cell_reference);
    if let (Some(Some(a)), Some(Some(b))) = (corners.next(), corners.next()) {
        let rows = a.0.abs_diff(b.0) + 1;
        let columns = a.1.abs_diff(b.1) + 1;
        check_size(
            Some(sheet),
            rows,
            columns,
            rows.saturating_mul(columns),
            true,
        )?;
    }
    Ok(())
}

/// How many sheets `xl/workbook.xml` lists.
fn xlsx_sheet_count(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    xml: &mut Budget,
) -> Result<u64, Refusal> {
    let mut count = 0u64;
    for (index, name) in entry_names(archive) {
        if !name.ends_with("workbook.xml") {
            continue;
        }
        let entry = archive.by_index(index).map_err(|_| Refusal::Damaged)?;
        let mut reader = xml_reader(entry, xml);
        let mut buf = Vec::new();
        loop {
            match next(&mut reader, &mut buf)? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                    count += 1;
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    Ok(count)
}

/// An OpenDocument spreadsheet's `content.xml`: every table laid out with its repeated
/// rows and columns, and the text of each repeated cell copied into every copy.
fn ods_content<R: Read>(
    reader: &mut XmlReader<'_, R>,
    strings: &mut Budget,
) -> Result<(), Refusal> {
    let mut buf = Vec::new();
    let mut tables = OdsTables::new();
    // The cell being read.
    let mut cell: Option<OdsCell> = None;
    loop {
        match next(reader, &mut buf)? {
            Event::Start(e) if e.name().as_ref() == "table:table" => tables.start_table(),
            Event::End(e) if e.name().as_ref() == "table:table" => tables.end_table()?,
            Event::Start(e) if e.name().as_ref() == "table:table-row" => {
                tables.row = OdsRow::repeated(rows_repeated(&e));
            }
            Event::Empty(e) if e.name().as_ref() == "table:table-row" => {
                tables.at = tables.at.saturating_add(rows_repeated(&e));
            }
            Event::End(e) if e.name().as_ref() == "table:table-row" => {
                tables.end_row(strings)?;
            }
            Event::Start(e) if is_ods_cell(e.name().as_ref()) => cell = Some(OdsCell::of(&e)),
            Event::Empty(e) if is_ods_cell(e.name().as_ref()) => {
                // An empty element ends where it starts.
                tables.row.end_cell(OdsCell::of(&e));
            }
            Event::Text(t) => {
                if let Some(cell) = &mut cell
                    && !t.trim().is_empty()
                {
                    cell.hold(t.len() as u64);
                }
            }
            Event::GeneralRef(t) => {
                if let Some(cell) = &mut cell {
                    cell.hold(t.len() as u64 + 2);
                }
            }
            Event::End(e) if is_ods_cell(e.name().as_ref()) => {
                if let Some(started) = cell.take() {
                    tables.row.end_cell(started);
                }
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// The tables of an OpenDocument spreadsheet as they are read: the cells of those
/// already laid out, the one being read, and the row being read in it.
struct OdsTables {
    /// Cells of the tables read so far.
    total: u64,
    /// Tables started so far; the last one names the table being read.
    count: u64,
    grid: Grid,
    /// The first row of the row being read.
    at: u64,
    row: OdsRow,
}

impl OdsTables {
    fn new() -> Self {
        OdsTables {
            total: 0,
            count: 0,
            grid: Grid::default(),
            at: 0,
            row: OdsRow::repeated(1),
        }
    }

    /// The table being read, as E011 names it.
    fn name(&self) -> String {
        self.count.to_string()
    }

    fn start_table(&mut self) {
        self.count += 1;
        self.grid = Grid::default();
        self.at = 0;
    }

    /// Adds the table's grid to the workbook's cells.
    fn end_table(&mut self) -> Result<(), Refusal> {
        self.total = self
            .total
            .saturating_add(self.grid.check(Some(&self.name()))?);
        within(Measure::Cells, self.total, None, false)?;
        Ok(())
    }

    /// Lays the row out in the table's grid, once for each time it repeats, and spends
    /// the text of its cells as often.
    fn end_row(&mut self, strings: &mut Budget) -> Result<(), Refusal> {
        let row = &self.row;
        if let Some((first, last)) = row.extent {
            let last_row = self.at.saturating_add(row.repeats - 1);
            // The reader keeps a row's cells from its first column on.
            self.grid.add(
                (self.at, last_row),
                (first, last),
                row.cells.saturating_mul(row.repeats),
            );
            self.grid.check(Some(&self.name()))?;
            strings.spend(row.text.saturating_mul(row.repeats))?;
        }
        self.at = self.at.saturating_add(row.repeats);
        self.row.repeats = 1;
        Ok(())
    }
}

/// The row being read: how often it repeats, and its cells so far.
struct OdsRow {
    repeats: u64,
    /// The column of the next cell.
    column: u64,
    /// The first and last column that hold anything.
    extent: Option<(u64, u64)>,
    /// Cells that hold anything, and the length of their text.
    cells: u64,
    text: u64,
}

impl OdsRow {
    fn repeated(repeats: u64) -> Self {
        OdsRow {
            repeats,
            column: 0,
            extent: None,
            cells: 0,
            text: 0,
        }
    }

    /// Adds a cell that has ended, in as many columns as it repeats.
    fn end_cell(&mut self, cell: OdsCell) {
        if cell.filled {
            let last = self.column.saturating_add(cell.repeats - 1);
            self.extent = Some(match self.extent {
                None => (self.column, last),
                Some((first, _)) => (first, last),
            });
            self.cells = self.cells.saturating_add(cell.repeats);
            self.text = self
                .text
                .saturating_add(cell.text.saturating_mul(cell.repeats));
        }
        self.column = self.column.saturating_add(cell.repeats);
    }
}

fn rows_repeated(e: &BytesStart<'_>) -> u64 {
    number(e, "table:number-rows-repeated").unwrap_or(1).max(1)
}

fn is_ods_cell(name: &str) -> bool {
    matches!(name, "table:table-cell" | "table:covered-table-cell")
}

/// The cell being read: its repeats, whether it holds anything, and the length of its
/// formula and text.
struct OdsCell {
    repeats: u64,
    filled: bool,
    text: u64,
}

impl OdsCell {
    fn of(e: &BytesStart<'_>) -> Self {
        let repeats = number(e, "table:number-columns-repeated")
            .unwrap_or(1)
            .max(1);
        let formula = attribute(e, "table:formula").map_or(0, |f| f.len() as u64);
        let filled = formula > 0 || attribute(e, "office:value-type").is_some();
        OdsCell {
            repeats,
            filled,
            text: formula,
        }
    }

    /// Text of `length` bytes in the cell.
    fn hold(&mut self, length: u64) {
        self.filled = true;
        self.text = self.text.saturating_add(length);
    }
}

/// Measures an Excel 97-2003 workbook (`.xls`): the cells of each sheet the workbook
/// lists, what its dimension records declare, and the shared strings its cells copy.
pub(crate) fn check_xls(bytes: &[u8]) -> Result<(), Refusal> {
    let Some(stream) = ole_stream(bytes, &["Workbook", "Book"])? else {
        // No workbook stream: the reader says what it is (an encrypted .xlsx, say).
        return Ok(());
    };
    let book = xls_substreams(&biff_records(&stream))?;
    let mut cells = 0u64;
    let mut strings = Budget::new(Measure::CellText);
    for offset in book.sheet_offsets {
        // The reader starts each sheet where the workbook says; anywhere but at the
        // start of a substream, it would read what is no sheet.
        let Some((grid, text)) = book.substreams.get(&offset) else {
            return Err(Refusal::Damaged);
        };
        cells = cells.saturating_add(grid.check(None)?);
        strings.spend(*text)?;
        within(Measure::Cells, cells, None, false)?;
    }
    Ok(())
}

/// The substreams of an `.xls` workbook stream, and where it says its sheets start.
struct XlsBook {
    /// By the offset of its BOF record: the grid each substream lays out, and the text
    /// of the shared strings its cells copy.
    substreams: HashMap<u64, (Grid, u64)>,
    /// The offsets the BoundSheet records give.
    sheet_offsets: Vec<u64>,
}

/// Walks the records of a workbook stream: which substream each belongs to, the sheets
/// and shared strings the workbook lists, and what the records of each sheet hold.
fn xls_substreams(records: &[BiffRecord<'_>]) -> Result<XlsBook, Refusal> {
    let mut sst_lengths: Vec<u64> = Vec::new();
    let mut book = XlsBook {
        substreams: HashMap::new(),
        sheet_offsets: Vec::new(),
    };
    let mut formulas = Budget::new(Measure::CellText);
    // The substream a record belongs to: the offset of its BOF, and how deep it nests.
    let mut region: Option<u64> = None;
    let mut depth = 0u32;
    for (i, record) in records.iter().enumerate() {
        let data = record.data;
        match record.kind {
            0x0809 | 0x0409 | 0x0209 | 0x0009 => {
                if depth == 0 {
                    region = Some(record.offset);
                    book.substreams.insert(record.offset, (Grid::default(), 0));
                }
                depth += 1;
            }
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    region = None;
                }
            }
            // BoundSheet: where a sheet's substream starts.
            0x0085 if data.len() >= 4 => {
                book.sheet_offsets.push(u64::from(u32_at(data, 0)));
            }
            // SST: the shared strings, continued in the CONTINUE records after it.
            0x00FC => {
                let mut parts = vec![data];
                parts.extend(
                    records[i + 1..]
                        .iter()
                        .take_while(|r| r.kind == 0x003C)
                        .map(|r| r.data),
                );
                sst_lengths = sst_string_lengths(&parts)?;
            }
            _ => {}
        }
        let Some((grid, strings)) = region.and_then(|at| book.substreams.get_mut(&at)) else {
            continue;
        };
        if depth != 1 {
            continue;
        }
        xls_sheet_record(record, grid, strings, &mut formulas, &sst_lengths)?;
        if grid.cells > MAX_CELLS {
            grid.check(None)?;
        }
    }
    Ok(book)
}

/// One record of a sheet's substream: the size it declares, or the cells it gives to
/// the sheet's `grid`, the shared-string text they copy into `strings` and the formula
/// text they rebuild from `formulas`.
fn xls_sheet_record(
    record: &BiffRecord<'_>,
    grid: &mut Grid,
    strings: &mut u64,
    formulas: &mut Budget,
    sst_lengths: &[u64],
) -> Result<(), Refusal> {
    let data = record.data;
    let row_col = || (u64::from(u16_at(data, 0)), u64::from(u16_at(data, 2)));
    match record.kind {
        // Dimensions: what the sheet declares.
        0x0200 => {
            let (rows, columns) = if data.len() >= 14 {
                (
                    u64::from(u32_at(data, 4)).saturating_sub(u64::from(u32_at(data, 0))),
                    u64::from(u16_at(data, 10)).saturating_sub(u64::from(u16_at(data, 8))),
                )
            } else {
                (
                    u64::from(u16_at(data, 2)).saturating_sub(u64::from(u16_at(data, 0))),
                    u64::from(u16_at(data, 6)).saturating_sub(u64::from(u16_at(data, 4))),
                )
            };
            check_size(None, rows, columns, rows.saturating_mul(columns), true)?;
        }
        0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x0207 if data.len() >= 4 => {
            let (r, c) = row_col();
            grid.add((r, r), (c, c), 1);
        }
        0x0006 if data.len() >= 4 => {
            let (r, c) = row_col();
            grid.add((r, r), (c, c), 1);
            // The formula's text, rebuilt from its tokens, can name a defined name
            // or a sheet for a few bytes each.
            formulas.spend((data.len() as u64).saturating_mul(64))?;
        }
        0x00FD if data.len() >= 10 => {
            let (r, c) = row_col();
            grid.add((r, r), (c, c), 1);
            let index = u32_at(data, 6) as usize;
            *strings = strings.saturating_add(sst_lengths.get(index).copied().unwrap_or(0));
        }
        0x00BD if data.len() >= 6 => {
            let (r, first) = row_col();
            let last = u64::from(u16_at(data, data.len() - 2));
            if last >= first {
                grid.add((r, r), (first, last), last - first + 1);
            }
        }
        _ => {}
    }
    Ok(())
}

fn u16_at(data: &[u8], at: usize) -> u16 {
    data.get(at..at + 2)
        .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(data: &[u8], at: usize) -> u32 {
    data.get(at..at + 4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// One BIFF record: where it starts in the stream, its type and its data.
struct BiffRecord<'a> {
    offset: u64,
    kind: u16,
    data: &'a [u8],
}

fn biff_records(stream: &[u8]) -> Vec<BiffRecord<'_>> {
    let mut records = Vec::new();
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let kind = u16_at(stream, at);
        let len = usize::from(u16_at(stream, at + 2));
        let end = (at + 4 + len).min(stream.len());
        records.push(BiffRecord {
            offset: at as u64,
            kind,
            data: &stream[at + 4..end],
        });
        at = end;
    }
    records
}

/// The UTF-8 length (at most) of each string of an SST record and its CONTINUE records.
fn sst_string_lengths(parts: &[&[u8]]) -> Result<Vec<u64>, Refusal> {
    let declared = u64::from(u32_at(parts[0], 4));
    within(Measure::SharedStrings, declared, None, true)?;
    let mut cursor = Parts {
        parts,
        part: 0,
        at: 8,
    };
    let mut lengths = Vec::new();
    while let Some(chars) = cursor.u16() {
        let Some(flags) = cursor.u8() else { break };
        let runs = if flags & 0x08 != 0 {
            cursor.u16().unwrap_or(0)
        } else {
            0
        };
        let extra = if flags & 0x04 != 0 {
            cursor.u32().unwrap_or(0)
        } else {
            0
        };
        // The characters, one or two bytes each; where they run into the next record,
        // it starts with a flags byte of its own.
        let mut wide = flags & 0x01 != 0;
        let mut left = usize::from(chars);
        while left > 0 {
            let size = if wide { 2 } else { 1 };
            let here = cursor.left_in_part() / size;
            let taken = here.min(left);
            cursor.at += taken * size;
            left -= taken;
            if left > 0 {
                if !cursor.next_part() {
                    break;
                }
                wide = cursor.u8().is_some_and(|f| f & 0x01 != 0);
            }
        }
        cursor.skip(usize::from(runs) * 4 + extra as usize);
        lengths.push(u64::from(chars) * 3);
        if lengths.len() as u64 > MAX_CELLS {
            return Err(Refusal::from(TooBig::more_than(Measure::SharedStrings)));
        }
    }
    Ok(lengths)
}

/// Reads on through a record and the CONTINUE records after it.
struct Parts<'a> {
    parts: &'a [&'a [u8]],
    part: usize,
    at: usize,
}

impl Parts<'_> {
    fn left_in_part(&self) -> usize {
        self.parts
            .get(self.part)
            .map_or(0, |p| p.len().saturating_sub(self.at))
    }

    fn next_part(&mut self) -> bool {
        if self.part + 1 < self.parts.len() {
            self.part += 1;
            self.at = 0;
            true
        } else {
            false
        }
    }

    fn bytes<const N: usize>(&mut self) -> Option<[u8; N]> {
        let mut out = [0u8; N];
        for byte in &mut out {
            while self.left_in_part() == 0 {
                if !self.next_part() {
                    return None;
                }
            }
            *byte = self.parts[self.part][self.at];
            self.at += 1;
        }
        Some(out)
    }

    fn u8(&mut self) -> Option<u8> {
        self.bytes::<1>().map(|b| b[0])
    }

    fn u16(&mut self) -> Option<u16> {
        self.bytes::<2>().map(u16::from_le_bytes)
    }

    fn u32(&mut self) -> Option<u32> {
        self.bytes::<4>().map(u32::from_le_bytes)
    }

    fn skip(&mut self, mut n: usize) {
        while n > 0 {
            let here = self.left_in_part().min(n);
            self.at += here;
            n -= here;
            if n > 0 && !self.next_part() {
                return;
            }
        }
    }
}

/// The bytes of the first stream named `names` in an OLE compound file, read within the
/// file's own size; `None` when there is no such stream, [`Refusal::Damaged`] when the
/// file's tables cannot be followed.
fn ole_stream(bytes: &[u8], names: &[&str]) -> Result<Option<Vec<u8>>, Refusal> {
    let shift = u16_at(bytes, 0x1E);
    if !(7..=16).contains(&shift) {
        return Err(Refusal::Damaged);
    }
    let file = Compound {
        bytes,
        size: 1usize << shift,
    };
    let fat = file.fat();
    let directory = file.read(&sector_chain(u32_at(bytes, 0x30), &fat)?);
    let entries: Vec<&[u8]> = directory.chunks_exact(128).collect();
    let Some(entry) = entries.iter().find(|e| {
        e[66] == 2
            && names
                .iter()
                .any(|n| ole_entry_name(e).eq_ignore_ascii_case(n))
    }) else {
        return Ok(None);
    };
    let start = u32_at(entry, 116);
    let length = (u32_at(entry, 120) as usize).min(bytes.len());
    let cutoff = u32_at(bytes, 0x38) as usize;
    let mut stream = if length < cutoff {
        ole_mini_stream(&file, &entries, &fat, start)?
    } else {
        file.read(&sector_chain(start, &fat)?)
    };
    stream.truncate(length);
    Ok(Some(stream))
}

/// The end of a chain of sectors in an OLE compound file: ids from here on are no
/// sectors.
const OLE_END: u32 = 0xFFFF_FFFA;

/// An OLE compound file, read in sectors of the size its header gives.
struct Compound<'a> {
    bytes: &'a [u8],
    size: usize,
}

impl<'a> Compound<'a> {
    /// The sectors the file holds.
    fn sectors(&self) -> usize {
        self.bytes.len() / self.size
    }

    fn sector(&self, id: u32) -> Option<&'a [u8]> {
        let start = (id as usize).checked_add(1)?.checked_mul(self.size)?;
        self.bytes.get(start..start.checked_add(self.size)?)
    }

    /// The bytes of the sectors `ids`, in order; those past the end of the file are
    /// left out.
    fn read(&self, ids: &[u32]) -> Vec<u8> {
        ids.iter()
            .filter_map(|&id| self.sector(id))
            .flatten()
            .copied()
            .collect()
    }

    /// The FAT: its sectors are listed in the header, then in a chain of DIFAT sectors.
    fn fat(&self) -> Vec<u32> {
        let sectors = self.sectors();
        let mut fat_sectors: Vec<u32> =
            (0..109).map(|i| u32_at(self.bytes, 0x4C + 4 * i)).collect();
        let mut difat = u32_at(self.bytes, 0x44);
        let mut hops = 0;
        while difat < OLE_END && hops <= sectors {
            let Some(data) = self.sector(difat) else {
                break;
            };
            let ids = self.size / 4 - 1;
            fat_sectors.extend((0..ids).map(|i| u32_at(data, 4 * i)));
            difat = u32_at(data, 4 * ids);
            hops += 1;
        }
        let mut fat: Vec<u32> = Vec::new();
        for id in fat_sectors.into_iter().filter(|&id| id < OLE_END) {
            if let Some(data) = self.sector(id) {
                fat.extend(u32s(data));
            }
            if fat.len() > sectors.saturating_mul(2) + 1024 {
                break;
            }
        }
        fat.truncate(sectors);
        fat
    }
}

/// The little-endian `u32`s of `data`, four bytes each.
fn u32s(data: &[u8]) -> impl Iterator<Item = u32> + '_ {
    data.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// The sectors of the chain from `start` in `table`. A chain visits each sector once: a
/// loop is damage, not a longer stream.
fn sector_chain(start: u32, table: &[u32]) -> Result<Vec<u32>, Refusal> {
    let mut seen = vec![false; table.len()];
    let mut ids = Vec::new();
    let mut id = start;
    while id < OLE_END {
        let visited = seen.get_mut(id as usize).ok_or(Refusal::Damaged)?;
        if *visited {
            return Err(Refusal::Damaged);
        }
        *visited = true;
        ids.push(id);
        id = table[id as usize];
    }
    Ok(ids)
}

/// The name of a directory entry.
fn ole_entry_name(entry: &[u8]) -> String {
    let len = usize::from(u16_at(entry, 64)).min(64);
    let units: Vec<u16> = entry[..len]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16_lossy(&units)
}

/// A small stream from `start`: it lives in the mini stream (the root entry's), in
/// 64-byte sectors of its own FAT.
fn ole_mini_stream(
    file: &Compound<'_>,
    entries: &[&[u8]],
    fat: &[u32],
    start: u32,
) -> Result<Vec<u8>, Refusal> {
    let root = entries
        .iter()
        .find(|e| e[66] == 5)
        .ok_or(Refusal::Damaged)?;
    let mini_stream = file.read(&sector_chain(u32_at(root, 116), fat)?);
    let mini_fat: Vec<u32> =
        u32s(&file.read(&sector_chain(u32_at(file.bytes, 0x3C), fat)?)).collect();
    let mini = 1usize << u16_at(file.bytes, 0x20).min(16);
    Ok(sector_chain(start, &mini_fat)?
        .into_iter()
        .filter_map(|id| mini_stream.get(id as usize * mini..(id as usize + 1) * mini))
        .flatten()
        .copied()
        .collect())
}
