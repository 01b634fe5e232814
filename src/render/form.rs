//! A unit's report form, written as CSV or as a workbook from the same rows. The
//! workbook guards what the clerk must not change (`kind`, `id` and `title` are locked
//! in a protected sheet), offers the statuses as a drop-down, takes only numbers in
//! range as values, and explains itself in a second sheet, "Hướng dẫn".

use anyhow::{Context, Result};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, ProtectionOptions, Workbook, Worksheet,
};

use crate::lang::Lang;
use crate::layout::Field;
use crate::model::MeasureUnit;

/// A report form: its header, and one row per task and indicator the unit owes.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    /// The unit whose form it is.
    pub unit: String,
    /// The unit's name.
    pub unit_name: String,
    /// The year reported on.
    pub year: i32,
    /// The plan's number, e.g. `2629/KH-UBND`.
    pub plan: String,
    /// The name of the unit that consolidates the reports.
    pub coordinator: String,
    /// Reports are due before this day.
    pub due: chrono::NaiveDate,
    /// The column names, in [`Field::ALL`] order.
    pub header: Vec<&'static str>,
    /// The statuses a task row may take, as the drop-down offers them.
    pub statuses: Vec<&'static str>,
    /// The rows: tasks first, then indicators.
    pub rows: Vec<FormRow>,
    /// The name of the file the form is written to (`STC-2024.xlsx`), for the
    /// instructions' commands.
    pub file_name: String,
    /// The language of the form's own words (its prompts and instructions).
    pub lang: Lang,
}

/// One row of a form: what the template fills in.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FormRow {
    /// The `kind` cell as written (`Nhiệm vụ`, `indicator`, ...).
    pub kind_label: &'static str,
    /// The task or indicator id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// `None` for a task; an indicator's unit of measure.
    pub value: Option<MeasureUnit>,
}

/// The form as CSV for people (UTF-8 with a byte-order mark, CRLF).
pub(crate) fn csv(form: &Form) -> Result<String> {
    let rows: Vec<Vec<String>> = form
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![
                row.kind_label.to_string(),
                row.id.clone(),
                row.title.clone(),
            ];
            cells.resize(Field::ALL.len(), String::new());
            cells
        })
        .collect();
    super::csv::render(&form.header, &rows, true)
}

/// The name of the form's sheet: `STC-2024`.
pub(crate) fn sheet_name(form: &Form) -> String {
    format!("{}-{}", form.unit, form.year)
}

/// The column index of a field in the form.
fn col(field: Field) -> u16 {
    let index = Field::ALL.iter().position(|f| *f == field).unwrap_or(0);
    u16::try_from(index).unwrap_or(0)
}

/// Width of each column, in characters, in [`Field::ALL`] order.
const WIDTHS: [f64; 9] = [11.0, 16.0, 48.0, 18.0, 12.0, 48.0, 32.0, 32.0, 20.0];

/// The form as an `.xlsx` workbook. The same form gives the same bytes: the document's
/// creation date is 1 January of the year reported on, not the clock.
pub(crate) fn xlsx(form: &Form) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(u16::try_from(form.year).unwrap_or(2000), 1, 1)
        .context("the form's date")?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(format!(
                "{} - {}",
                FormText::Title.say(form),
                form.unit_name
            ))
            .set_subject(format!("{}, {}", form.unit, form.year))
            .set_creation_datetime(&created),
    );
    report_sheet(workbook.add_worksheet(), form).context("cannot lay out the form's sheet")?;
    guide_sheet(workbook.add_worksheet(), form).context("cannot lay out the guide sheet")?;
    workbook
        .save_to_buffer()
        .context("cannot write the workbook")
}

/// The sheet the clerk fills in.
fn report_sheet(sheet: &mut Worksheet, form: &Form) -> Result<(), rust_xlsxwriter::XlsxError> {
    let grey = Color::RGB(0xD9_D9_D9);
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    let header = border(
        Format::new()
            .set_bold()
            .set_text_wrap()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter)
            .set_background_color(grey),
    );
    let text = Format::new().set_num_format("@");
    let locked = border(text.clone().set_align(FormatAlign::Top));
    let locked_wrap = locked.clone().set_text_wrap();
    let fill = border(text.clone().set_unlocked().set_align(FormatAlign::Top));
    let fill_wrap = fill.clone().set_text_wrap();
    let fill_number = border(Format::new().set_unlocked().set_align(FormatAlign::Top));
    // A cell the row does not use (a task's value, an indicator's status).
    let unused = border(Format::new().set_background_color(Color::RGB(0xF2_F2_F2)));

    sheet.set_name(sheet_name(form))?;
    for (i, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(u16::try_from(i).unwrap_or(0), *width)?;
    }
    for (i, name) in form.header.iter().enumerate() {
        sheet.write_string_with_format(0, u16::try_from(i).unwrap_or(0), *name, &header)?;
    }
    sheet.set_row_height(0, 32)?;
    sheet.set_freeze_panes(1, 0)?;

    for (i, row) in form.rows.iter().enumerate() {
        let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
        sheet.write_string_with_format(r, col(Field::Kind), row.kind_label, &locked)?;
        sheet.write_string_with_format(r, col(Field::Id), &row.id, &locked)?;
        sheet.write_string_with_format(r, col(Field::Title), &row.title, &locked_wrap)?;
        match &row.value {
            None => {
                sheet.write_blank(r, col(Field::Status), &fill)?;
                sheet.write_blank(r, col(Field::Value), &unused)?;
            }
            Some(unit) => {
                sheet.write_blank(r, col(Field::Status), &unused)?;
                sheet.write_blank(r, col(Field::Value), &fill_number)?;
                sheet.add_data_validation(
                    r,
                    col(Field::Value),
                    r,
                    col(Field::Value),
                    &value_rule(form, unit)?,
                )?;
            }
        }
        for field in [
            Field::Result,
            Field::Difficulties,
            Field::Proposals,
            Field::Note,
        ] {
            sheet.write_blank(r, col(field), &fill_wrap)?;
        }
    }
    let tasks = form.rows.iter().filter(|r| r.value.is_none()).count();
    if tasks > 0 {
        let last = u32::try_from(tasks).unwrap_or(u32::MAX);
        let statuses = DataValidation::new()
            .allow_list_strings(&form.statuses)?
            .set_input_title(FormText::StatusTitle.say(form))?
            .set_input_message(FormText::StatusPrompt.say(form))?
            .set_error_title(FormText::StatusInvalid.say(form))?
            .set_error_message(FormText::StatusChoices.say(form))?;
        sheet.add_data_validation(1, col(Field::Status), last, col(Field::Status), &statuses)?;
    }
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::new()
    });
    Ok(())
}

/// What the value cell of an indicator takes: whole numbers of 0 or more for a count,
/// 0 to 100 for a percentage, any number of 0 or more otherwise (the ranges E008 checks).
fn value_rule(
    form: &Form,
    unit: &MeasureUnit,
) -> Result<DataValidation, rust_xlsxwriter::XlsxError> {
    let rule = match unit {
        MeasureUnit::Count => {
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        }
        MeasureUnit::Percent => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        }
        MeasureUnit::Other(_) => DataValidation::new()
            .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0)),
    };
    let message = FormText::ValuePrompt { unit }.say(form);
    rule.set_input_title(FormText::ValueTitle.say(form))?
        .set_input_message(message.clone())?
        .set_error_title(FormText::ValueInvalid.say(form))?
        .set_error_message(message)
        .map(|v| v.set_error_style(DataValidationErrorStyle::Stop))
}

/// Every word the workbook form says around the plan's rows, in the form's language.
enum FormText<'a> {
    /// The document's title.
    Title,
    /// Over the status cell.
    StatusTitle,
    /// What the status cell takes.
    StatusPrompt,
    /// A status not in the list.
    StatusInvalid,
    /// The statuses to choose from.
    StatusChoices,
    /// Over the value cell.
    ValueTitle,
    /// What the value cell takes.
    ValuePrompt { unit: &'a MeasureUnit },
    /// A value out of its range.
    ValueInvalid,
    /// The name of the second sheet.
    GuideSheet,
    /// How to fill in the report's sheet.
    StepFill { report: String },
    /// How to fill in a task.
    StepTasks,
    /// How to fill in an indicator.
    StepIndicators,
    /// How to write difficulties and proposals.
    StepTexts,
    /// How to save, check and send the file.
    StepCheck,
    /// How the coordinator takes the file in.
    StepImport,
}

impl FormText<'_> {
    fn say(&self, form: &Form) -> String {
        match form.lang {
            Lang::Vi => self.vi(form),
            Lang::En => self.en(form),
        }
    }

    fn vi(&self, form: &Form) -> String {
        let (file, unit, year) = (&form.file_name, &form.unit, form.year);
        match self {
            FormText::Title => format!(
                "Báo cáo kết quả thực hiện Kế hoạch số {} năm {year}",
                form.plan
            ),
            FormText::StatusTitle => "Trạng thái".into(),
            FormText::StatusPrompt => "Chọn trạng thái của nhiệm vụ trong danh sách.".into(),
            FormText::StatusInvalid => "Trạng thái không hợp lệ".into(),
            FormText::StatusChoices => format!("Chọn một trong: {}.", form.statuses.join("; ")),
            FormText::ValueTitle => "Giá trị".into(),
            FormText::ValuePrompt { unit } => match unit {
                MeasureUnit::Count => "Nhập một số nguyên từ 0 trở lên.".into(),
                MeasureUnit::Percent => {
                    "Nhập tỷ lệ phần trăm từ 0 đến 100, không kèm dấu % (ví dụ 1,2).".into()
                }
                MeasureUnit::Other(unit) => {
                    format!("Nhập một số từ 0 trở lên, đơn vị tính: {unit}.")
                }
            },
            FormText::ValueInvalid => "Giá trị không hợp lệ".into(),
            FormText::GuideSheet => "Hướng dẫn".into(),
            FormText::StepFill { report } => format!(
                "1. Điền báo cáo ở trang \"{report}\", mỗi dòng là một nhiệm vụ hoặc một chỉ tiêu. Các cột Loại, Mã và Nội dung đã khóa: không sửa, không xóa, không sắp xếp lại các dòng."
            ),
            FormText::StepTasks => "2. Nhiệm vụ: chọn Trạng thái trong danh sách (Chưa thực hiện, Đang thực hiện, Hoàn thành, Không phát sinh); khi Đang thực hiện hoặc Hoàn thành, ghi rõ Kết quả đạt được trong năm.".into(),
            FormText::StepIndicators => "3. Chỉ tiêu: nhập Giá trị là một con số (tỷ lệ % nhập từ 0 đến 100, không kèm dấu %; số lượng nhập số nguyên), ghi nguồn số liệu ở cột Kết quả hoặc Ghi chú.".into(),
            FormText::StepTexts => "4. Ghi Khó khăn, vướng mắc và Kiến nghị, đề xuất (nếu có). Nhập chữ trực tiếp, không dùng công thức; có thể xuống dòng trong ô bằng Alt+Enter.".into(),
            FormText::StepCheck => format!(
                "5. Lưu tệp dạng .xlsx với tên {file} (giữ nguyên tên trang), kiểm tra bằng lệnh: ktplan check {file} --unit {unit} --year {year}, rồi gửi {} trước ngày {}.",
                form.coordinator,
                form.due.format("%d/%m/%Y"),
            ),
            FormText::StepImport => format!(
                "6. Nơi nhận đưa báo cáo vào kho dữ liệu bằng lệnh: ktplan import {file} --unit {unit} --year {year} (ghi thành reports/{year}/{unit}.csv)."
            ),
        }
    }

    fn en(&self, form: &Form) -> String {
        let (file, unit, year) = (&form.file_name, &form.unit, form.year);
        match self {
            FormText::Title => format!(
                "Report on the implementation of Plan No. {} in {year}",
                form.plan
            ),
            FormText::StatusTitle => "Status".into(),
            FormText::StatusPrompt => "Choose the task's status from the list.".into(),
            FormText::StatusInvalid => "Not a status".into(),
            FormText::StatusChoices => format!("Choose one of: {}.", form.statuses.join("; ")),
            FormText::ValueTitle => "Value".into(),
            FormText::ValuePrompt { unit } => match unit {
                MeasureUnit::Count => "Enter a whole number, 0 or more.".into(),
                MeasureUnit::Percent => {
                    "Enter a percentage from 0 to 100, without the % sign (e.g. 1.2).".into()
                }
                MeasureUnit::Other(unit) => {
                    format!("Enter a number, 0 or more, in {unit}.")
                }
            },
            FormText::ValueInvalid => "Not a valid value".into(),
            FormText::GuideSheet => "Instructions".into(),
            FormText::StepFill { report } => format!(
                "1. Fill in the report on the sheet \"{report}\": each row is a task or an indicator. The columns kind, id and title are locked: do not change, delete or re-sort the rows."
            ),
            FormText::StepTasks => format!(
                "2. Tasks: choose the status from the list ({}); for in progress or done, write what was achieved in the year under result.",
                form.statuses.join(", ")
            ),
            FormText::StepIndicators => "3. Indicators: enter the value as a number (a percentage from 0 to 100, without the % sign; a count as a whole number), and the source of the figure under result or note.".into(),
            FormText::StepTexts => "4. Write difficulties and proposals, if any. Type text directly, no formulas; Alt+Enter starts a new line in a cell.".into(),
            FormText::StepCheck => format!(
                "5. Save the file as .xlsx named {file} (keep the sheet's name), check it with: ktplan check {file} --unit {unit} --year {year}, then send it to {} before {}.",
                form.coordinator,
                form.due.format("%Y-%m-%d"),
            ),
            FormText::StepImport => format!(
                "6. The coordinator takes the report into the data repository with: ktplan import {file} --unit {unit} --year {year} (written as reports/{year}/{unit}.csv)."
            ),
        }
    }
}

/// The sheet "Hướng dẫn": how to fill in the form, in a few lines.
fn guide_sheet(sheet: &mut Worksheet, form: &Form) -> Result<(), rust_xlsxwriter::XlsxError> {
    let title = Format::new().set_bold().set_font_size(13);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_name(FormText::GuideSheet.say(form))?;
    sheet.set_column_width(0, 100)?;
    let lines = [
        format!("{}: {}", FormText::Title.say(form), form.unit_name),
        FormText::StepFill {
            report: sheet_name(form),
        }
        .say(form),
        FormText::StepTasks.say(form),
        FormText::StepIndicators.say(form),
        FormText::StepTexts.say(form),
        FormText::StepCheck.say(form),
        FormText::StepImport.say(form),
    ];
    for (i, line) in lines.iter().enumerate() {
        let format = if i == 0 { &title } else { &wrap };
        sheet.write_string_with_format(u32::try_from(i).unwrap_or(0), 0, line, format)?;
    }
    Ok(())
}
