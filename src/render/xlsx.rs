//! The coordinator's workbooks (`status --format xlsx`, `merge --format xlsx`): one sheet
//! per table, the header row frozen with a filter on it, columns as wide as what they
//! hold, numbers as numbers (percentages as percentages, dates as dates), and each
//! value's source in a column of its own. The same tables give the same bytes: the
//! document's creation date is a date of the data, never the clock.
//!
//! The words of the sheets (their names and column headers) are in [`Words`], one table
//! per language.

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use crate::lang::Lang;

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Nothing.
    Empty,
    /// Text, shown as it is (never run as a formula).
    Text(String),
    /// A number, shown as the spreadsheet's locale writes numbers.
    Number(f64),
    /// A percentage as the plan writes it (`41.5` for 41.5%), stored as the fraction a
    /// spreadsheet computes with (`0.415`) and shown as `41.50%`.
    Percent(f64),
    /// A day.
    Date(NaiveDate),
}

impl Cell {
    /// Text, or nothing for an empty string.
    pub(crate) fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    /// A value in an indicator's unit of measure: a percentage for `%`, else a number.
    pub(crate) fn value(value: Option<f64>, unit: &crate::model::MeasureUnit) -> Cell {
        match value {
            None => Cell::Empty,
            Some(v) if *unit == crate::model::MeasureUnit::Percent => Cell::Percent(v),
            Some(v) => Cell::Number(v),
        }
    }

    /// How many characters the cell shows, for the column's width.
    fn shown_width(&self) -> usize {
        match self {
            Cell::Empty => 0,
            Cell::Text(text) => text
                .lines()
                .map(|line| line.chars().count())
                .max()
                .unwrap_or(0),
            Cell::Number(v) => format!("{v}").len(),
            Cell::Percent(v) => format!("{v:.2}%").len(),
            Cell::Date(_) => 10,
        }
    }
}

/// One table, as one sheet.
#[derive(Debug, Clone)]
pub(crate) struct Sheet {
    /// The sheet's name (at most 31 characters, as spreadsheets allow).
    pub name: String,
    /// The column headers.
    pub header: Vec<String>,
    /// The rows, each as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// Columns never narrower than this, in characters.
const MIN_WIDTH: usize = 6;
/// Columns never wider than this, in characters: longer text wraps.
const MAX_WIDTH: usize = 60;
/// The height of a line of text in a row, in points (the default font's).
const ROW_HEIGHT: f64 = 15.0;
/// How many characters of column width a printed page holds, at a scale still readable.
const PRINT_WIDTH: usize = 200;

/// The sheets as one `.xlsx` workbook, titled `title`, created on `created`.
pub(crate) fn workbook(title: &str, created: NaiveDate, sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut workbook = new_workbook(title, created)?;
    for sheet in sheets {
        let mut writer = SheetWriter::new(workbook.add_worksheet(), &sheet.name, &sheet.header)
            .with_context(|| format!("cannot lay out the sheet {}", sheet.name))?;
        for row in &sheet.rows {
            writer.row(row)?;
        }
        writer.finish()?;
    }
    workbook
        .save_to_buffer()
        .context("cannot write the workbook")
}

fn new_workbook(title: &str, created: NaiveDate) -> Result<Workbook> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(created.year()).unwrap_or(2000),
        u8::try_from(created.month()).unwrap_or(1),
        u8::try_from(created.day()).unwrap_or(1),
    )
    .context("the workbook's date")?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(super::visible_controls(title))
            .set_creation_datetime(&created),
    );
    Ok(workbook)
}

/// A workbook written a row at a time, whatever the number of rows: each sheet's rows go
/// to a temporary file as they come (the writer's constant-memory mode, with the text in
/// the cells rather than in a table of shared strings), and the workbook is zipped from
/// them at the end.
pub(crate) struct Streamed {
    workbook: Workbook,
}

impl Streamed {
    /// An empty workbook, titled `title`, created on `created`.
    pub(crate) fn new(title: &str, created: NaiveDate) -> Result<Streamed> {
        Ok(Streamed {
            workbook: new_workbook(title, created)?,
        })
    }

    /// A new sheet, its header written: its rows follow, in order.
    pub(crate) fn sheet(&mut self, name: &str, header: &[String]) -> Result<SheetWriter<'_>> {
        let ws = self
            .workbook
            .add_worksheet_with_constant_memory()
            .context("cannot open a temporary file for the sheet")?;
        SheetWriter::new(ws, name, header)
            .with_context(|| format!("cannot lay out the sheet {name}"))
    }

    /// Zips the workbook into `out`.
    pub(crate) fn save(mut self, out: &mut dyn std::io::Write) -> Result<()> {
        let mut zipped = tempfile::tempfile().context("cannot open a temporary file")?;
        self.workbook
            .save_to_writer(&mut zipped)
            .context("cannot write the workbook")?;
        use std::io::{Seek, SeekFrom};
        zipped.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut zipped, out).context("cannot write the workbook")?;
        Ok(())
    }
}

/// One sheet being written: its formats, the widths its columns need so far, the next row.
pub(crate) struct SheetWriter<'a> {
    ws: &'a mut Worksheet,
    text: Format,
    wrapped: Format,
    number: Format,
    percent: Format,
    date: Format,
    widths: Vec<usize>,
    next: u32,
}

impl<'a> SheetWriter<'a> {
    fn new(ws: &'a mut Worksheet, name: &str, header: &[String]) -> Result<Self, XlsxError> {
        ws.set_name(name)?;
        let bold = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(Color::RGB(0xD9_D9_D9))
            .set_border(FormatBorder::Thin);
        let text = Format::new().set_align(FormatAlign::Top);
        for (c, title) in header.iter().enumerate() {
            ws.write_string_with_format(0, col(c), super::visible_controls(title), &bold)?;
        }
        let widths = header
            .iter()
            .map(|h| h.chars().count().min(MAX_WIDTH / 2))
            .collect();
        Ok(SheetWriter {
            ws,
            wrapped: text.clone().set_text_wrap(),
            number: text.clone().set_num_format("General"),
            percent: text.clone().set_num_format("0.00%"),
            date: text.clone().set_num_format("dd/mm/yyyy"),
            text,
            widths,
            next: 1,
        })
    }

    /// Writes the next row.
    pub(crate) fn row(&mut self, row: &[Cell]) -> Result<(), XlsxError> {
        let r = self.next;
        self.next = self.next.saturating_add(1);
        let ws = &mut *self.ws;
        for (c, cell) in row.iter().enumerate() {
            if let Some(width) = self.widths.get_mut(c) {
                *width = (*width).max(cell.shown_width());
            }
            let c = col(c);
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    let format = if t.chars().count() > MAX_WIDTH || t.contains('\n') {
                        &self.wrapped
                    } else {
                        &self.text
                    };
                    ws.write_string_with_format(r, c, super::visible_controls(t), format)?;
                }
                Cell::Number(v) => {
                    ws.write_number_with_format(r, c, *v, &self.number)?;
                }
                Cell::Percent(v) => {
                    // Through the decimal text, so 0.94 becomes 0.0094, not 0.00939...
                    let fraction = format!("{v}e-2").parse().unwrap_or(*v / 100.0);
                    ws.write_number_with_format(r, c, fraction, &self.percent)?;
                }
                Cell::Date(d) => {
                    let day = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )?;
                    ws.write_datetime_with_format(r, c, &day, &self.date)?;
                }
            }
        }
        // Rows of wrapped text as tall as their lines: a spreadsheet that does not measure
        // them when it opens the file (LibreOffice converting to PDF) still shows them whole.
        let lines = row_lines(row);
        if lines > 1 {
            ws.set_row_height(r, ROW_HEIGHT * lines as f64)?;
        }
        Ok(())
    }

    /// Sets the columns' widths, freezes the header and puts the filter on it.
    pub(crate) fn finish(self) -> Result<(), XlsxError> {
        let mut total = 0;
        for (c, width) in self.widths.iter().enumerate() {
            let chars = column_chars(*width);
            total += chars;
            self.ws.set_column_width(col(c), chars as f64)?;
        }
        // Printed: A4 landscape, the header row on every page, as many pages wide as keeps
        // the text readable (one for most tables, two for a sheet of long texts).
        self.ws.set_paper_size(9);
        self.ws.set_landscape();
        let pages_wide = u16::try_from(total.div_ceil(PRINT_WIDTH)).unwrap_or(1);
        self.ws.set_print_fit_to_pages(pages_wide.max(1), 0);
        self.ws.set_repeat_rows(0, 0)?;
        self.ws.set_freeze_panes(1, 0)?;
        let last_row = self.next - 1;
        let last_col = col(self.widths.len().saturating_sub(1));
        self.ws.autofilter(0, 0, last_row, last_col)?;
        Ok(())
    }
}

/// A column's width in characters for its widest cell: a little room for the filter's
/// button beside the header, within the bounds.
fn column_chars(width: usize) -> usize {
    (width + 3).clamp(MIN_WIDTH, MAX_WIDTH)
}

/// How many lines a row's tallest cell takes. Each cell is measured against the width
/// its own text gives its column: a line no longer than that fits on one line whatever
/// the column's final width (which is at least as wide), and a longer one makes the
/// column as wide as it gets, so the count is the same as against the final widths, and
/// a row is laid out as it is written.
fn row_lines(row: &[Cell]) -> usize {
    row.iter()
        .map(|cell| match cell {
            Cell::Text(t) => {
                let chars = column_chars(cell.shown_width());
                t.lines()
                    .map(|line| line.chars().count().div_ceil(chars - 2).max(1))
                    .sum()
            }
            _ => 1,
        })
        .max()
        .unwrap_or(1)
}

fn col(index: usize) -> u16 {
    u16::try_from(index).unwrap_or(u16::MAX)
}

/// The words of the workbooks in one language: sheet names and column headers.
#[derive(Debug)]
pub(crate) struct Words {
    /// `status`: the submissions sheet and its columns.
    pub units_sheet: &'static str,
    /// Its columns.
    pub units_header: [&'static str; 10],
    /// `status`: the tasks sheet.
    pub tasks_sheet: &'static str,
    /// Its columns.
    pub tasks_header: [&'static str; 9],
    /// `status`: the indicators sheet.
    pub indicators_sheet: &'static str,
    /// Its columns.
    pub indicators_header: [&'static str; 15],
    /// `merge`: the sheet of task rows.
    pub task_rows_sheet: &'static str,
    /// Its columns.
    pub task_rows_header: [&'static str; 11],
    /// `merge`: the sheet of indicator rows.
    pub indicator_rows_sheet: &'static str,
    /// Its columns.
    pub indicator_rows_header: [&'static str; 10],
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// A lead unit.
    pub lead: &'static str,
    /// A supporting unit.
    pub support: &'static str,
    /// The title of the status workbook, before the year.
    pub status_title: &'static str,
    /// The title of the merge workbook, before the year.
    pub merge_title: &'static str,
}

/// The workbooks' words in Vietnamese.
pub(crate) const VI: Words = Words {
    units_sheet: "Gửi báo cáo",
    units_header: [
        "Mã đơn vị",
        "Cơ quan, đơn vị",
        "Phải báo cáo",
        "Đã gửi",
        "Ngày gửi",
        "Tình trạng",
        "Số lỗi",
        "Số cảnh báo",
        "Số dòng có lỗi",
        "Tệp báo cáo",
    ],
    tasks_sheet: "Nhiệm vụ",
    tasks_header: [
        "Mã nhiệm vụ",
        "Nhiệm vụ",
        "Chủ trì",
        "Tình trạng",
        "Năm hoàn thành",
        "Năm phải hoàn thành",
        "Số đơn vị chủ trì đã báo cáo",
        "Số đơn vị phối hợp đã báo cáo",
        "Nguồn",
    ],
    indicators_sheet: "Chỉ tiêu",
    indicators_header: [
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Giá trị",
        "Lũy kế",
        "Năm mục tiêu",
        "Mục tiêu tối thiểu",
        "Mục tiêu tối đa",
        "Năm cơ sở",
        "Giá trị cơ sở",
        "Giá trị theo lộ trình",
        "Tỷ lệ R",
        "Đánh giá",
        "Số đơn vị báo cáo",
        "Nguồn",
    ],
    task_rows_sheet: "Báo cáo nhiệm vụ",
    task_rows_header: [
        "Mã nhiệm vụ",
        "Nhiệm vụ",
        "Đơn vị",
        "Vai trò",
        "Trạng thái",
        "Kết quả",
        "Khó khăn, vướng mắc",
        "Kiến nghị, đề xuất",
        "Ghi chú",
        "Tình trạng nhiệm vụ",
        "Nguồn",
    ],
    indicator_rows_sheet: "Báo cáo chỉ tiêu",
    indicator_rows_header: [
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Đơn vị",
        "Đơn vị tính",
        "Giá trị",
        "Kết quả",
        "Khó khăn, vướng mắc",
        "Kiến nghị, đề xuất",
        "Ghi chú",
        "Nguồn",
    ],
    yes: "Có",
    no: "Không",
    lead: "Chủ trì",
    support: "Phối hợp",
    status_title: "Tình hình thực hiện Kế hoạch năm",
    merge_title: "Số liệu tổng hợp năm",
};

/// The workbooks' words in English.
pub(crate) const EN: Words = Words {
    units_sheet: "Submissions",
    units_header: [
        "Unit",
        "Name",
        "Expected",
        "Sent",
        "Date sent",
        "Standing",
        "Errors",
        "Warnings",
        "Rows with errors",
        "Report file",
    ],
    tasks_sheet: "Tasks",
    tasks_header: [
        "Task",
        "Title",
        "Lead",
        "Status",
        "Done in",
        "Due",
        "Lead units reporting",
        "Support units reporting",
        "Source",
    ],
    indicators_sheet: "Indicators",
    indicators_header: [
        "Indicator",
        "Name",
        "Unit of measure",
        "Value",
        "Cumulative",
        "Target year",
        "Target min",
        "Target max",
        "Base year",
        "Base value",
        "Expected on the path",
        "Ratio R",
        "Assessment",
        "Reporting units",
        "Source",
    ],
    task_rows_sheet: "Task rows",
    task_rows_header: [
        "Task",
        "Title",
        "Unit",
        "Role",
        "Status",
        "Result",
        "Difficulties",
        "Proposals",
        "Note",
        "Task status",
        "Source",
    ],
    indicator_rows_sheet: "Indicator rows",
    indicator_rows_header: [
        "Indicator",
        "Name",
        "Unit",
        "Unit of measure",
        "Value",
        "Result",
        "Difficulties",
        "Proposals",
        "Note",
        "Source",
    ],
    yes: "yes",
    no: "no",
    lead: "lead",
    support: "support",
    status_title: "Status of the plan in",
    merge_title: "Consolidated data of",
};

impl Words {
    /// The words in `lang`.
    pub(crate) fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Vi => &VI,
            Lang::En => &EN,
        }
    }

    /// Yes or no.
    pub(crate) fn yes_no(&self, b: bool) -> &'static str {
        if b { self.yes } else { self.no }
    }
}

/// The header of a sheet from one of [`Words`]' arrays.
pub(crate) fn header(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| (*w).to_string()).collect()
}
