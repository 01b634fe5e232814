//! Report checks (SPEC sections 4 and 5) on the shipped plan: one fixture in
//! `tests/fixtures/reports/` per rule, each a file a clerk of Sở Tài chính (STC) could
//! have sent for 2024, and the full text `check` prints for it. Most are saved as Excel
//! on Windows with Vietnamese settings saves "CSV UTF-8": a byte-order mark, `;`, CRLF.
//!
//! `clean.csv` is the report with nothing wrong; every other fixture is it with one
//! kind of mistake, so each test's output names only that mistake.

use pretty_assertions::assert_eq;

use crate::builder::{Output, Repo};

/// The bytes of `tests/fixtures/reports/<name>`.
macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../fixtures/reports/", $name)).as_slice()
    };
}

/// STC's report for 2024, where a report lives.
const STC_2024: &str = "reports/2024/STC.csv";

/// The figures that the number fixtures give: STC's spending on science and technology
/// in million and billion đồng, a rate and two counts, added to the shipped plan.
const STC_FIGURES: &str = include_str!("../fixtures/reports/stc-figures.toml");

/// The shipped plan with `bytes` as STC's report for 2024.
fn stc_2024(bytes: &[u8]) -> Repo {
    Repo::shipped().file(STC_2024, bytes)
}

/// Runs `check` on the shipped plan with `bytes` as STC's report for 2024.
fn check(bytes: &[u8]) -> Output {
    stc_2024(bytes).run(&["check"])
}

/// Asserts the exit code, exactly `lines` on standard output, and on standard error
/// the summary for `files` report files counting the errors and warnings in `lines`.
fn assert_files(out: &Output, code: i32, files: usize, lines: &[&str]) {
    let mut expected = lines.join("\n");
    if !lines.is_empty() {
        expected.push('\n');
    }
    assert_eq!(out.stdout, expected);
    let count = |severity: &str| {
        lines
            .iter()
            .filter(|l| l.contains(&format!(": {severity}[")))
            .count()
    };
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    assert_eq!(
        out.stderr,
        format!(
            "checked the plan and {}: {}, {}\n",
            plural(files, "report file", "report files"),
            plural(count("error"), "error", "errors"),
            plural(count("warning"), "warning", "warnings"),
        )
    );
    assert_eq!(out.code, code);
}

/// [`assert_files`] for a run that checked one report file.
fn assert_check(out: &Output, code: i32, lines: &[&str]) {
    assert_files(out, code, 1, lines);
}

/// The help of every W101 about a task.
const W101_TASK_HELP: &str = "  = help: add a row for it (`ktplan template --unit STC --year 2024` lists every row the unit owes)";
/// The help of every W101 about an indicator.
const W101_INDICATOR_HELP: &str = "  = help: add a row with its value (`ktplan template --unit STC --year 2024` lists every row the unit owes)";
/// The help of every E002 about quotes.
const E002_QUOTE_HELP: &str = "  = help: re-save the file from the spreadsheet as CSV UTF-8; if you edited it by hand, close the quote or double a quote inside a cell (\"\")";
/// STC's tasks in 2024, as E005 and E006 list them.
const STC_TASKS_HELP: &str =
    "  = help: STC leads or supports: 3.1, 3.3, 7.a, IV.1.2, IV.3.1, IV.4.1, IV.4.2";
/// The statuses, as E007 lists them.
const STATUS_HELP: &str = "  = help: use one of: Chưa thực hiện (not_started), Đang thực hiện (in_progress), Hoàn thành (done), Không phát sinh (not_applicable)";

#[test]
fn a_filled_in_report_is_clean() {
    assert_check(&check(fixture!("clean.csv")), 0, &[]);
}

// ---- E001 -----------------------------------------------------------------------

/// The English form saved by Excel as "CSV (Comma delimited)" on Windows with
/// Vietnamese settings: Windows-1258. The header is ASCII; the first byte that is not
/// UTF-8 is the hook of "Bảo" on line 2.
#[test]
fn e001_legacy_code_page_names_the_line() {
    assert_check(
        &check(fixture!("E001-ansi-export.csv")),
        1,
        &[
            "reports/2024/STC.csv:2: error[E001]: the bytes at offset 75 are not valid UTF-8",
            "  = help: save the file as \"CSV UTF-8 (Comma delimited)\" in Excel (or \"Text CSV\" with character set Unicode (UTF-8) in LibreOffice); a legacy file can be read with --encoding windows-1258",
        ],
    );
}

#[test]
fn e001_legacy_code_page_reads_with_its_encoding_named() {
    let out =
        stc_2024(fixture!("E001-ansi-export.csv")).run(&["check", "--encoding", "windows-1258"]);
    assert_check(&out, 0, &[]);
}

/// The workbook renamed to `.csv` instead of saved as CSV.
#[test]
fn e001_workbook_under_a_csv_name() {
    assert_check(
        &check(fixture!("E001-workbook.csv")),
        1,
        &[
            "reports/2024/STC.csv:1: error[E001]: this is a spreadsheet workbook, not a CSV file",
            "  = help: give the file its workbook name (.xlsx, .xls or .ods), which ktplan reads as \
             it is, or in Excel choose File > Save As > \"CSV UTF-8 (Comma delimited) (*.csv)\"",
        ],
    );
}

// ---- E002 -----------------------------------------------------------------------

/// The row for IV.1.2 typed at the end in a text editor, its result's quote never closed.
#[test]
fn e002_unbalanced_quote() {
    assert_check(
        &check(fixture!("E002-unbalanced-quote.csv")),
        1,
        &[
            "reports/2024/STC.csv:9: error[E002]: unbalanced quotes: a quoted cell is never closed, or a stray `\"` stands inside a cell",
            E002_QUOTE_HELP,
        ],
    );
}

/// A comma typed into IV.1.2's result in a text editor, outside quotes: one field more
/// than the header, and the note after it is filled.
#[test]
fn e002_row_with_an_extra_field() {
    assert_check(
        &check(fixture!("E002-extra-field.csv")),
        1,
        &[
            "reports/2024/STC.csv:5: error[E002]: this row has 10 fields but the header has 9",
            "  = help: a cell that holds the delimiter `,` must be quoted; re-save the file from the spreadsheet",
        ],
    );
}

/// The same comma in a row whose last cell is empty: the row still has one field too
/// many, and its cells after the comma are shifted one column to the right (the result
/// would be read as a difficulty). Today the row is read without a word.
#[test]
fn e002_row_with_an_extra_field_before_an_empty_last_cell() {
    assert_check(
        &check(fixture!("E002-extra-field-last-cell-empty.csv")),
        1,
        &[
            "reports/2024/STC.csv:5: error[E002]: this row has 10 fields but the header has 9",
            "  = help: a cell that holds the delimiter `,` must be quoted; re-save the file from the spreadsheet",
        ],
    );
}

/// A result pasted with a whole document into one cell.
#[test]
fn e002_field_over_64_kib() {
    let clean = String::from_utf8(fixture!("clean.csv").to_vec()).expect("UTF-8");
    let pasted = "Phối hợp Sở Khoa học và Công nghệ tham mưu dự toán chi năm 2025. ".repeat(1000);
    let report = clean.replace(
        "Phối hợp Sở Khoa học và Công nghệ tham mưu dự toán chi năm 2025",
        pasted.trim_end(),
    );
    let error = format!(
        "reports/2024/STC.csv:5:6: error[E002]: a field of {} bytes; the most a field may hold is 64 KiB",
        pasted.trim_end().len()
    );
    let help = "  = help: a report cell holds a few paragraphs at most: check that the cell holds \
                what you meant (a quote left open runs on to the end of the file)";
    assert_check(&check(report.as_bytes()), 1, &[&error, help]);
}

/// A row that E002 leaves out still names its task: that task has a row, with an
/// error, and is not also missing (W101).
#[test]
fn e002_row_is_not_also_missing() {
    assert_check(
        &check(fixture!("E002-extra-field-in-a-led-row.csv")),
        1,
        &[
            "reports/2024/STC.csv:3: error[E002]: this row has 10 fields but the header has 9",
            "  = help: a cell that holds the delimiter `,` must be quoted; re-save the file from the spreadsheet",
        ],
    );
}

/// A quote left open in the middle of the file runs over the rows below it up to the
/// next quote: those rows (3.3's and 7.a's) cannot be read, so nothing can be said
/// of them but the E002.
#[test]
fn e002_open_quote_does_not_report_the_rows_it_hides_as_missing() {
    assert_check(
        &check(fixture!("E002-unbalanced-quote-mid-file.csv")),
        1,
        &[
            "reports/2024/STC.csv:3: error[E002]: unbalanced quotes: a quoted cell is never closed, or a stray `\"` stands inside a cell",
            E002_QUOTE_HELP,
        ],
    );
}

// ---- E003 -----------------------------------------------------------------------

/// The clerk added a column "Kết quả thực hiện" beside "Kết quả": both name `result`.
#[test]
fn e003_column_twice() {
    assert_check(
        &check(fixture!("E003-column-twice.csv")),
        1,
        &[
            "reports/2024/STC.csv:1:7: error[E003]: the column `result` appears twice (\"Kết quả thực hiện\")",
            "  = help: delete or rename one of the two columns",
        ],
    );
}

/// The unit's own layout: a heading, then STT, Nội dung nhiệm vụ, Tiến độ, Kết quả.
#[test]
fn e003_no_header_naming_kind_and_id() {
    assert_check(
        &check(fixture!("E003-no-header.csv")),
        1,
        &[
            "reports/2024/STC.csv:1: error[E003]: no header row naming the columns `kind` (Loại) and `id` (Mã)",
            "  = help: the table's first row must name its columns: Loại | Mã | Nội dung | Trạng thái | Giá trị | Kết quả | Khó khăn, vướng mắc | Kiến nghị, đề xuất | Ghi chú",
        ],
    );
}

// ---- E004 -----------------------------------------------------------------------

/// The year in the file name, as clerks often add it.
#[test]
fn e004_unknown_unit_in_the_file_name() {
    let out = Repo::shipped()
        .file("reports/2024/STC_2024.csv", fixture!("clean.csv"))
        .run(&["check"]);
    assert_check(
        &out,
        1,
        &[
            "reports/2024/STC_2024.csv: error[E004]: \"STC_2024\" is not a unit of the plan",
            "  = help: the plan's units are: SKHCN, STC, SKHDT, SNV, SLDTBXH, SNNPTNT, STTTT, SCT, STNMT, SXD, SGTVT, SYT, SNNMT, SGDDT, SVHTTDL, STP, SNGV, BDT, TTT, VPUBND, BQLKKT, TPKONTUM, DAKHA, DAKTO, NGOCHOI, DAKGLEI, TUMORONG, KONPLONG, KONRAY, SATHAY, IAHDRAI",
        ],
    );
}

#[test]
fn e004_unit_code_in_lower_case() {
    let out = Repo::shipped()
        .file("reports/2024/stc.csv", fixture!("clean.csv"))
        .run(&["check"]);
    assert_check(
        &out,
        1,
        &[
            "reports/2024/stc.csv: error[E004]: \"stc\" is not a unit of the plan",
            "  = help: unit codes are written exactly: STC",
        ],
    );
}

/// The plan runs from 2023.
#[test]
fn e004_year_outside_the_plan() {
    let out = Repo::shipped()
        .file("reports/2022/STC.csv", fixture!("clean.csv"))
        .run(&["check"]);
    assert_check(
        &out,
        1,
        &[
            "reports/2022/STC.csv: error[E004]: the year 2022 lies outside the plan's period 2023-2030",
        ],
    );
}

/// Sở Kế hoạch và Đầu tư merged into Sở Tài chính on 1 March 2025.
#[test]
fn e004_unit_that_no_longer_existed_names_its_successor() {
    let out = Repo::shipped()
        .file("reports/2025/SKHDT.csv", fixture!("E004-skhdt-2025.csv"))
        .run(&["check"]);
    assert_check(
        &out,
        1,
        &[
            "reports/2025/SKHDT.csv: error[E004]: SKHDT no longer existed on 2025-11-20, the due date of the 2025 reports",
            "  = help: its assignments passed to STC: report as STC",
        ],
    );
}

/// Sở Nông nghiệp và Môi trường exists from 1 March 2025.
#[test]
fn e004_unit_that_did_not_exist_yet() {
    let out = Repo::shipped()
        .file("reports/2024/SNNMT.csv", fixture!("E004-snnmt-2024.csv"))
        .run(&["check"]);
    assert_check(
        &out,
        1,
        &[
            "reports/2024/SNNMT.csv: error[E004]: SNNMT did not exist yet on 2024-11-20, the due date of the 2024 reports",
            "  = help: until then its work is reported by SNNPTNT and STNMT",
        ],
    );
}

// ---- E005 -----------------------------------------------------------------------

/// The section's roman numeral written before the task id. The row is not 3.1's, so
/// 3.1 has no row.
#[test]
fn e005_unknown_task_id_lists_the_units_tasks() {
    assert_check(
        &check(fixture!("E005-unknown-task.csv")),
        1,
        &[
            "reports/2024/STC.csv:1: warning[W101]: no row for task \"3.1\", which STC leads",
            W101_TASK_HELP,
            "reports/2024/STC.csv:2:2: error[E005]: unknown task id \"III.3.1\"",
            STC_TASKS_HELP,
        ],
    );
}

#[test]
fn e005_unknown_kind() {
    assert_check(
        &check(fixture!("E005-unknown-kind.csv")),
        1,
        &[
            "reports/2024/STC.csv:5:1: error[E005]: unknown kind \"NV\"",
            "  = help: the kind is \"task\" (Nhiệm vụ) or \"indicator\" (Chỉ tiêu)",
        ],
    );
}

/// "Nhiệm vụ" copied down the whole kind column, onto the indicator's row.
#[test]
fn e005_indicator_id_under_kind_task() {
    let out = check(fixture!("E005-indicator-as-task.csv"));
    assert!(
        out.stdout.contains(
            "reports/2024/STC.csv:9:2: error[E005]: \"STI_BUDGET_SHARE\" is an indicator, not a task\n\
             \x20 = help: STC leads or supports: 3.1, 3.3, 7.a, IV.1.2, IV.3.1, IV.4.1, IV.4.2\n"
        ),
        "{}",
        out.stdout
    );
    assert_eq!(out.code, 1);
}

/// The row of the indicator is there, under the wrong kind: E005 says so, and W101
/// should not add that the indicator has no row.
#[test]
fn e005_indicator_under_kind_task_is_not_also_missing() {
    assert_check(
        &check(fixture!("E005-indicator-as-task.csv")),
        1,
        &[
            "reports/2024/STC.csv:9:2: error[E005]: \"STI_BUDGET_SHARE\" is an indicator, not a task",
            STC_TASKS_HELP,
        ],
    );
}

// ---- E006 -----------------------------------------------------------------------

/// STC filled in rows of Sở Kế hoạch và Đầu tư in 2024, a year before it took them over.
#[test]
fn e006_task_and_indicator_of_another_unit() {
    assert_check(
        &check(fixture!("E006-rows-of-another-unit.csv")),
        1,
        &[
            "reports/2024/STC.csv:10:2: error[E006]: STC is neither lead nor support of task \"IV.2.1\"",
            STC_TASKS_HELP,
            "reports/2024/STC.csv:11:2: error[E006]: STC does not report indicator \"TFP_SHARE\"",
            "  = help: STC reports: STI_BUDGET_SHARE",
        ],
    );
}

// ---- E007 -----------------------------------------------------------------------

#[test]
fn e007_unknown_and_missing_status() {
    assert_check(
        &check(fixture!("E007-status.csv")),
        1,
        &[
            "reports/2024/STC.csv:3:4: error[E007]: unknown status \"Đã xong\"",
            STATUS_HELP,
            "reports/2024/STC.csv:8:4: error[E007]: task \"IV.4.2\" has no status",
            STATUS_HELP,
        ],
    );
}

// ---- E008 -----------------------------------------------------------------------

/// A negative amount, 120% of the plan, half a count, and a count given as a share.
#[test]
fn e008_values_out_of_their_range() {
    let out = stc_2024(fixture!("E008-values.csv"))
        .file("plan/stc-figures.toml", STC_FIGURES)
        .run(&["check"]);
    assert_check(
        &out,
        1,
        &[
            // The file's other figures are read on its convention: said (W108), not hidden.
            "reports/2024/STC.csv:10:5: warning[W108]: \"18.500\" was read as 18500 on the file's convention alone (a decimal comma, so `.` groups thousands); the cell itself could mean either",
            "  = help: write 18500 if that is meant (no separator leaves no doubt); if a decimal number is meant, write 18,5",
            "reports/2024/STC.csv:11:5: error[E008]: -2.500 (read as -2500) is negative",
            "  = help: give the amount as a number of 0 or more",
            "reports/2024/STC.csv:13:5: error[E008]: 120% is out of range: a percentage lies between 0 and 100",
            "  = help: give the percentage itself, e.g. 1,2 for 1.2%",
            "reports/2024/STC.csv:14:5: error[E008]: 2,5 is not a whole number of 0 or more",
            "  = help: this indicator counts things: give a whole number",
            "reports/2024/STC.csv:15:5: error[E008]: \"15%\" has a % sign, but this indicator is measured in a whole number",
            "  = help: remove the % sign",
        ],
    );
}

/// An amount written in words: said once, with what a number looks like.
#[test]
fn e008_not_a_number() {
    let out = stc_2024(fixture!("E008-not-a-number.csv"))
        .file("plan/stc-figures.toml", STC_FIGURES)
        .run(&["check"]);
    assert_check(
        &out,
        1,
        &[
            "reports/2024/STC.csv:10:5: error[E008]: \"khoảng 18,5 tỷ\" is not a number",
            "  = help: write digits with one decimal mark, e.g. 1.5 or 1,5; write the number alone, without words",
            "reports/2024/STC.csv:11:5: warning[W108]: \"35.000\" was read as 35000 on the file's convention alone (a decimal comma, so `.` groups thousands); the cell itself could mean either",
            "  = help: write 35000 if that is meant (no separator leaves no doubt); if a decimal number is meant, write 35",
        ],
    );
}

// ---- E009 -----------------------------------------------------------------------

/// 3.3's results split over two rows, below a cell with line breaks: the error is on
/// the second row and names the first one's line and spreadsheet row.
#[test]
fn e009_points_at_the_repeated_row_and_names_the_first() {
    assert_check(
        &check(fixture!("E009-row-twice.csv")),
        1,
        &[
            "reports/2024/STC.csv:6:2: error[E009]: task \"3.3\" appears twice; its first row is on line 5 (spreadsheet row 4)",
            "  = help: keep one row per task or indicator: merge the two rows",
        ],
    );
}

// ---- E011 -----------------------------------------------------------------------

/// STC's report for 2024 is a link to a file elsewhere; its report for 2023 is still
/// checked.
#[cfg(unix)]
#[test]
fn e011_link_out_of_the_root() {
    let elsewhere = tempfile::tempdir().expect("a folder outside the repository");
    let target = elsewhere
        .path()
        .canonicalize()
        .expect("resolve the folder")
        .join("STC.csv");
    std::fs::write(&target, fixture!("clean.csv")).expect("write the file");
    let repo = Repo::shipped().file("reports/2023/STC.csv", fixture!("W104-2023.csv"));
    std::fs::create_dir_all(repo.path().join("reports/2024")).expect("make the folder");
    std::os::unix::fs::symlink(&target, repo.path().join(STC_2024)).expect("make the link");
    let error = format!(
        "reports/2024/STC.csv: error[E011]: the file is a link to {}, outside the repository",
        target.display()
    );
    assert_files(
        &repo.run(&["check"]),
        1,
        2,
        &[
            &error,
            "  = help: commit the report itself, not a link to it",
        ],
    );
}

/// A folder where a report should be is a report that cannot be read.
#[test]
fn e011_folder_named_like_a_report() {
    let repo = Repo::shipped().file("reports/2024/README.md", "Báo cáo năm 2024\n");
    std::fs::create_dir_all(repo.path().join(STC_2024)).expect("make the folder");
    let out = repo.run(&["check"]);
    assert!(
        out.stdout
            .starts_with("reports/2024/STC.csv: error[E011]: "),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 0 warnings\n"
    );
    assert_eq!(out.code, 1);
}

// ---- Cells no rule reads ------------------------------------------------------------

/// Task 3.1 is the 2% budget duty, and the clerk put this year's share, 1,2, in its value
/// column. Nothing reads a task's value: `check` says nothing and `import` drops it, so
/// the figure is lost without a word. A warning at the cell would let the clerk move
/// it to the indicator's row.
#[test]
fn value_on_a_task_row_is_not_dropped_without_a_word() {
    let out = check(fixture!("value-on-a-task-row.csv"));
    assert!(
        out.stdout.starts_with("reports/2024/STC.csv:2:5: warning["),
        "{}",
        out.stdout
    );
}

// ---- W101 -----------------------------------------------------------------------

/// The rows of 7.a, section IV's duties and the indicator deleted from the form.
#[test]
fn w101_rows_missing() {
    assert_check(
        &check(fixture!("W101-rows-missing.csv")),
        0,
        &[
            "reports/2024/STC.csv:1: warning[W101]: no row for task \"7.a\", which STC leads",
            W101_TASK_HELP,
            "reports/2024/STC.csv:1: warning[W101]: no row for task \"IV.4.1\", which STC leads",
            W101_TASK_HELP,
            "reports/2024/STC.csv:1: warning[W101]: no row for task \"IV.4.2\", which STC leads",
            W101_TASK_HELP,
            "reports/2024/STC.csv:1: warning[W101]: no row for indicator \"STI_BUDGET_SHARE\", which STC reports",
            W101_INDICATOR_HELP,
        ],
    );
}

// ---- W102 -----------------------------------------------------------------------

#[test]
fn w102_done_without_result_and_indicator_without_value() {
    assert_check(
        &check(fixture!("W102-empty.csv")),
        0,
        &[
            "reports/2024/STC.csv:3:6: warning[W102]: task \"3.3\" is marked Hoàn thành (done) but its result is empty",
            "  = help: say what was done this year in the result (Kết quả) column",
            "reports/2024/STC.csv:8:6: warning[W102]: task \"IV.4.2\" is marked Đang thực hiện (in_progress) but its result is empty",
            "  = help: say what was done this year in the result (Kết quả) column",
            "reports/2024/STC.csv:9:5: warning[W102]: indicator \"STI_BUDGET_SHARE\" has no value",
            "  = help: give this year's value in percent (0 to 100)",
        ],
    );
}

// ---- W103 -----------------------------------------------------------------------

/// "đề suất" for "đề xuất", and a column of the unit's own.
#[test]
fn w103_unknown_column_hint_names_the_nearest() {
    assert_check(
        &check(fixture!("W103-unknown-columns.csv")),
        0,
        &[
            "reports/2024/STC.csv:1:8: warning[W103]: unknown column \"Kiến nghị, đề suất\" is ignored",
            "  = help: did you mean `proposals` (Kiến nghị, đề xuất)?",
            "reports/2024/STC.csv:1:10: warning[W103]: unknown column \"Đơn vị phối hợp\" is ignored",
        ],
    );
}

/// "Đơn vị" (the unit) is nothing like "Loại" (kind): a hint to use it as the kind
/// column would mislead.
#[test]
fn w103_no_hint_for_a_column_unlike_any() {
    assert_check(
        &check(fixture!("W103-unit-column.csv")),
        0,
        &["reports/2024/STC.csv:1:10: warning[W103]: unknown column \"Đơn vị\" is ignored"],
    );
}

// ---- W104 -----------------------------------------------------------------------

/// Last year's 1,1 and this year's 1,2 typed without its decimal comma.
fn w104_repo() -> Repo {
    Repo::shipped()
        .file("reports/2023/STC.csv", fixture!("W104-2023.csv"))
        .file(STC_2024, fixture!("W104-2024.csv"))
}

#[test]
fn w104_value_far_from_last_year() {
    let out = w104_repo().run(&["check"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(
        lines[0].starts_with("reports/2024/STC.csv:9"),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with(
        ": warning[W104]: the value 12 of \"STI_BUDGET_SHARE\" is far from last year's 1.1"
    ));
    assert_eq!(
        lines[1],
        "  = help: check the unit of measure and the decimal mark; last year's value is at reports/2023/STC.csv:9"
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 2 report files: 0 errors, 1 warning\n"
    );
    assert_eq!(out.code, 0);
}

/// W104 is about the value cell, whose column is known (SPEC 5: "column where known").
#[test]
fn w104_points_at_the_value_cell() {
    assert_files(
        &w104_repo().run(&["check"]),
        0,
        2,
        &[
            "reports/2024/STC.csv:9:5: warning[W104]: the value 12 of \"STI_BUDGET_SHARE\" is far from last year's 1.1",
            "  = help: check the unit of measure and the decimal mark; last year's value is at reports/2023/STC.csv:9",
        ],
    );
}

// ---- W105 -----------------------------------------------------------------------

/// "=>", "-" and "+" without a space, and "@" start formulas; "- " and "+ " bullets
/// (IV.4.1's row) do not.
#[test]
fn w105_cells_a_spreadsheet_would_run() {
    let help = "  = help: start the text with a letter, or write a bullet as \"- \" with a space";
    assert_check(
        &check(fixture!("W105-formula-like.csv")),
        0,
        &[
            "reports/2024/STC.csv:2:6: warning[W105]: the result cell starts with \"=> Đã bố trí\": a spreadsheet would run it as a formula",
            help,
            "reports/2024/STC.csv:2:7: warning[W105]: the difficulties cell starts with \"-Nguồn thu n\": a spreadsheet would run it as a formula",
            help,
            "reports/2024/STC.csv:2:8: warning[W105]: the proposals cell starts with \"+Đề nghị Tru\": a spreadsheet would run it as a formula",
            help,
            "reports/2024/STC.csv:2:9: warning[W105]: the note cell starts with \"@Phòng Quản \": a spreadsheet would run it as a formula",
            help,
        ],
    );
}

// ---- W106 -----------------------------------------------------------------------

#[test]
fn w106_letters_lost_to_question_marks() {
    assert_check(
        &check(fixture!("W106-lost-letters.csv")),
        0,
        &[
            "reports/2024/STC.csv:5:6: warning[W106]: the result cell has \"?\" inside a word (\"Ph?i\"): letters were lost when the file was saved without them",
            "  = help: open the original workbook and save it again as \"CSV UTF-8 (Comma delimited)\"",
        ],
    );
}

// ---- W107 -----------------------------------------------------------------------

/// The sheet re-sorted by its title column alone: 3.1 and 3.3 swapped titles.
#[test]
fn w107_titles_of_two_rows_swapped() {
    let help = "  = help: rows may have been shifted or re-sorted in the sheet: check that each id is on its own row";
    assert_check(
        &check(fixture!("W107-titles-swapped.csv")),
        0,
        &[
            "reports/2024/STC.csv:2:3: warning[W107]: the title \"Khuyến khích doanh nghiệp thành lập quỹ phát triển KH&CN\" is not the title of \"3.1\" (\"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\"); it is the title of \"3.3\"",
            help,
            "reports/2024/STC.csv:3:3: warning[W107]: the title \"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\" is not the title of \"3.3\" (\"Khuyến khích doanh nghiệp thành lập quỹ phát triển KH&CN\"); it is the title of \"3.1\"",
            help,
        ],
    );
}

// ---- Reading: how real files are written ----------------------------------------

/// Imports `bytes`, received as `inbox/bao-cao.csv`, as STC's report for 2024 into a
/// repository that also holds `plan_files`; returns what `import` printed and wrote.
fn import_with(bytes: &[u8], plan_files: &[(&str, &str)]) -> (Output, String) {
    let repo = plan_files
        .iter()
        .fold(Repo::shipped(), |repo, (path, text)| repo.file(path, text))
        .file("inbox/bao-cao.csv", bytes);
    let out = repo.run(&[
        "--lang",
        "en",
        "import",
        "inbox/bao-cao.csv",
        "--unit",
        "STC",
        "--year",
        "2024",
    ]);
    let written = std::fs::read_to_string(repo.path().join(STC_2024))
        .unwrap_or_else(|e| panic!("nothing was imported ({e}):\n{}{}", out.stdout, out.stderr));
    (out, written)
}

/// Imports `bytes` as STC's report for 2024 on the shipped plan.
fn import(bytes: &[u8]) -> String {
    let (out, written) = import_with(bytes, &[]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    written
}

/// `clean.csv` in the canonical form `import` writes.
const CLEAN_CANONICAL: &str = concat!(
    "\u{feff}kind,id,title,status,value,result,difficulties,proposals,note\r\n",
    "task,3.1,\"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\",\
     in_progress,,\"Đã tham mưu UBND tỉnh bố trí 1,2% tổng chi ngân sách địa phương cho khoa \
     học và công nghệ\",Nguồn thu ngân sách địa phương còn hạn chế,Đề nghị Trung ương hỗ trợ \
     kinh phí có mục tiêu,\r\n",
    "task,3.3,Khuyến khích doanh nghiệp thành lập quỹ phát triển KH&CN,done,,\"Đã ban hành \
     văn bản hướng dẫn số 123/STC-QLNS, gửi 45 doanh nghiệp\",,,\r\n",
    "task,7.a,Lĩnh vực khoa học xã hội và nhân văn,not_applicable,,,,,\r\n",
    "task,IV.1.2,\"Tham mưu cân đối, bố trí ngân sách hằng năm cho KH, CN và ĐMST\",done,,\
     Phối hợp Sở Khoa học và Công nghệ tham mưu dự toán chi năm 2025,,,\r\n",
    "task,IV.3.1,Tham mưu bố trí kinh phí sự nghiệp khoa học và công nghệ hằng năm,done,,\
     \"Bố trí 18.500 triệu đồng, giải ngân đạt 92,5%\",Một số nhiệm vụ chậm tiến độ,,\r\n",
    "task,IV.4.1,\"Xây dựng kế hoạch triển khai tại đơn vị, địa phương\",done,,Ban hành Kế \
     hoạch số 45/KH-STC ngày 10/3/2024,,,\r\n",
    "task,IV.4.2,\"Trực tiếp tổ chức thực hiện mục tiêu, nhiệm vụ, giải pháp Kế hoạch\",\
     in_progress,,Lồng ghép vào nhiệm vụ chuyên môn của Sở,,,\r\n",
    "indicator,STI_BUDGET_SHARE,Tỷ lệ đầu tư của nhà nước cho khoa học và công nghệ trong \
     tổng chi ngân sách nhà nước hàng năm,,1.2,Số liệu quyết toán năm 2024 (ước),,,\r\n",
);

/// `CLEAN_CANONICAL` with IV.4.2's result left empty, as several fixtures below have it
/// to show where a finding is placed.
fn clean_canonical_without_iv_4_2_result() -> String {
    CLEAN_CANONICAL.replace(
        "in_progress,,Lồng ghép vào nhiệm vụ chuyên môn của Sở,,,",
        "in_progress,,,,,",
    )
}

#[test]
fn a_clean_report_imports_in_canonical_form() {
    assert_eq!(import(fixture!("clean.csv")), CLEAN_CANONICAL);
}

/// Excel's `sep=;` first line is a line of the file but no row of the sheet.
#[test]
fn sep_line_counts_as_a_line_not_as_a_spreadsheet_row() {
    assert_check(
        &check(fixture!("read-sep-line.csv")),
        0,
        &[
            "reports/2024/STC.csv:9:6: warning[W102]: task \"IV.4.2\" is marked Đang thực hiện (in_progress) but its result is empty (spreadsheet row 8)",
            "  = help: say what was done this year in the result (Kết quả) column",
        ],
    );
    assert_eq!(
        import(fixture!("read-sep-line.csv")),
        clean_canonical_without_iv_4_2_result()
    );
}

/// The report's heading typed above the table (lines and rows alike), a header in
/// capitals ("TRẠNG THÁI") and an STT column (ignored without a word; the result is the
/// 7th column).
#[test]
fn title_lines_above_the_header_and_a_row_number_column() {
    assert_check(
        &check(fixture!("read-title-lines.csv")),
        0,
        &[
            "reports/2024/STC.csv:12:7: warning[W102]: task \"IV.4.2\" is marked Đang thực hiện (in_progress) but its result is empty",
            "  = help: say what was done this year in the result (Kết quả) column",
        ],
    );
    assert_eq!(
        import(fixture!("read-title-lines.csv")),
        clean_canonical_without_iv_4_2_result()
    );
}

/// "LOẠI", "Mã số", "Trang thai", "Kết qủa" (the old tone placement), "khó khăn,vướng
/// mắc", "Kiến Nghị - Đề Xuất", "ghi  chú"; kinds and statuses in capitals, without
/// diacritics, and in their other wordings ("Đã thực hiện", "đang triển khai").
#[test]
fn header_kind_and_status_in_any_spelling() {
    assert_check(&check(fixture!("read-header-spellings.csv")), 0, &[]);
    assert_eq!(
        import(fixture!("read-header-spellings.csv")),
        CLEAN_CANONICAL
    );
}

/// Cells copied from the sheet into a text editor: tab-delimited, no byte-order mark.
#[test]
fn tab_delimited() {
    assert_check(&check(fixture!("read-tab.csv")), 0, &[]);
    assert_eq!(import(fixture!("read-tab.csv")), CLEAN_CANONICAL);
}

/// `clean.csv` has CRLF line ends; LibreOffice on Linux writes LF.
#[test]
fn crlf_and_lf_line_ends_read_alike() {
    assert!(fixture!("clean.csv").windows(2).any(|w| w == b"\r\n"));
    assert!(!fixture!("read-lf.csv").contains(&b'\r'));
    assert_check(&check(fixture!("read-lf.csv")), 0, &[]);
    assert_eq!(import(fixture!("read-lf.csv")), CLEAN_CANONICAL);
}

/// 3.1's result spans three lines and IV.3.1's two: IV.4.2's row starts on line 11,
/// spreadsheet row 8, and the text names both.
#[test]
fn quoted_cells_spanning_lines() {
    assert_check(
        &check(fixture!("read-multiline-cells.csv")),
        0,
        &[
            "reports/2024/STC.csv:11:6: warning[W102]: task \"IV.4.2\" is marked Đang thực hiện (in_progress) but its result is empty (spreadsheet row 8)",
            "  = help: say what was done this year in the result (Kết quả) column",
        ],
    );
    let expected = clean_canonical_without_iv_4_2_result()
        .replace(
            "\"Đã tham mưu UBND tỉnh bố trí 1,2% tổng chi ngân sách địa phương cho khoa học và công nghệ\"",
            "\"Đã tham mưu UBND tỉnh:\n- bố trí 1,2% tổng chi ngân sách địa phương cho khoa học và \
             công nghệ;\n- ưu tiên nhiệm vụ cấp tỉnh\"",
        )
        .replace(
            "\"Bố trí 18.500 triệu đồng, giải ngân đạt 92,5%\"",
            "\"Bố trí 18.500 triệu đồng;\ngiải ngân đạt 92,5%\"",
        );
    assert_eq!(import(fixture!("read-multiline-cells.csv")), expected);
}

/// Blank lines and rows of empty cells (";;;;;;;;") between the rows are skipped; they
/// are rows of the sheet too, so the line is the spreadsheet row.
#[test]
fn blank_lines_and_empty_rows_are_skipped() {
    assert_check(
        &check(fixture!("read-blank-rows.csv")),
        0,
        &[
            "reports/2024/STC.csv:12:6: warning[W102]: task \"IV.4.2\" is marked Đang thực hiện (in_progress) but its result is empty",
            "  = help: say what was done this year in the result (Kết quả) column",
        ],
    );
    assert_eq!(
        import(fixture!("read-blank-rows.csv")),
        clean_canonical_without_iv_4_2_result()
    );
}

/// The template with IV.1.2 (which STC supports) and IV.4.2 (which it leads) left as
/// written: no error, W101 at the row of the one it leads, and `import` keeps both as
/// they were.
#[test]
fn untouched_template_rows_are_rows_not_given() {
    assert_check(
        &check(fixture!("read-untouched-rows.csv")),
        0,
        &[
            "reports/2024/STC.csv:8: warning[W101]: the row of task \"IV.4.2\", which STC leads, is not filled in",
            "  = help: give its status and what was done this year (Kết quả)",
        ],
    );
    let expected = CLEAN_CANONICAL
        .replace(
            "ĐMST\",done,,Phối hợp Sở Khoa học và Công nghệ tham mưu dự toán chi năm 2025,,,",
            "ĐMST\",,,,,,",
        )
        .replace(
            "in_progress,,Lồng ghép vào nhiệm vụ chuyên môn của Sở,,,",
            ",,,,,",
        );
    assert_eq!(import(fixture!("read-untouched-rows.csv")), expected);
}

/// The row of IV.4.2 is in the sheet, only not filled in: "no row" and "add a row" send
/// the clerk to add a second one, which is then E009 (next test).
#[test]
fn untouched_led_row_is_reported_as_not_filled_in() {
    let out = check(fixture!("read-untouched-rows.csv"));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].contains("warning[W101]: "), "{}", lines[0]);
    assert!(lines[0].contains("\"IV.4.2\""), "{}", lines[0]);
    assert!(!lines[0].contains("no row"), "{}", lines[0]);
    assert!(!lines[1].contains("add a row"), "{}", lines[1]);
}

/// Following W101's help on the form above: a filled row added below the untouched one.
/// The untouched row is "a row not given" (SPEC 4), so the task is given once.
#[test]
fn filled_row_added_below_an_untouched_one_is_not_a_repeat() {
    let mut report = fixture!("read-untouched-rows.csv").to_vec();
    report.extend_from_slice(
        "Nhiệm vụ,IV.4.2,\"Trực tiếp tổ chức thực hiện mục tiêu, nhiệm vụ, giải pháp Kế hoạch\",\
         Đang thực hiện,,Lồng ghép vào nhiệm vụ chuyên môn của Sở,,,\r\n"
            .as_bytes(),
    );
    assert_check(&check(&report), 0, &[]);
}

/// Some editors on macOS save text decomposed (NFD); it is read as NFC.
#[test]
fn text_in_nfd_reads_as_nfc() {
    let nfd = fixture!("read-nfd.csv");
    assert_ne!(nfd, fixture!("clean.csv"));
    assert_check(&check(nfd), 0, &[]);
    assert_eq!(import(nfd), CLEAN_CANONICAL);
}

// ---- Reading numbers ------------------------------------------------------------

/// The indicator values of a canonical report, by id.
fn values(canonical: &str) -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(canonical.as_bytes());
    reader
        .records()
        .map(|r| r.expect("canonical CSV"))
        .filter(|r| &r[0] == "indicator")
        .map(|r| (r[1].to_string(), r[4].to_string()))
        .collect()
}

/// Imports a fixture of `numbers-*.csv` on the shipped plan with STC's figures, and
/// returns the values written.
fn imported_values(bytes: &[u8]) -> Vec<(String, String)> {
    let (out, written) = import_with(bytes, &[("plan/stc-figures.toml", STC_FIGURES)]);
    // A figure read on the file's convention alone is said (W108), and nothing else.
    assert!(
        out.stdout
            .lines()
            .all(|l| l.contains("warning[W108]") || l.starts_with("  = help: write ")),
        "{}",
        out.stdout
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    values(&written)
}

/// `(id, value)` pairs, for comparing with [`values`].
fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(id, v)| (id.to_string(), v.to_string()))
        .collect()
}

/// `1,5`, `18.500,25`, `18,500.25`, `1.5` and `41,5%` mean one thing whatever the file.
#[test]
fn numbers_with_either_decimal_mark() {
    assert_eq!(
        imported_values(fixture!("numbers-unambiguous.csv")),
        pairs(&[
            ("STI_BUDGET_SHARE", "1.5"),
            ("STI_RECURRENT_SPENDING", "18500.25"),
            ("STI_INVESTMENT_SPENDING", "18500.25"),
            ("STI_FUND_CAPITAL", "1.5"),
            ("STI_DISBURSEMENT_RATE", "41.5"),
            ("STI_ENTERPRISE_FUNDS", "3"),
            ("STI_TASKS_FUNDED", "27"),
        ])
    );
}

/// A `;` file whose numbers show no decimal mark is Vietnamese: `1.234` and `35.000`
/// group thousands.
#[test]
fn ambiguous_number_in_a_semicolon_file() {
    assert_eq!(
        imported_values(fixture!("numbers-semicolon.csv")),
        pairs(&[
            ("STI_BUDGET_SHARE", "1"),
            ("STI_RECURRENT_SPENDING", "1234"),
            ("STI_INVESTMENT_SPENDING", "35000"),
            ("STI_FUND_CAPITAL", "12"),
            ("STI_DISBURSEMENT_RATE", "92"),
            ("STI_ENTERPRISE_FUNDS", "3"),
            ("STI_TASKS_FUNDED", "27"),
        ])
    );
}

/// A `,` file whose numbers show no decimal mark has a decimal point: `1.234` is a
/// little over one, `"1,234"` and `"35,000"` group thousands.
#[test]
fn ambiguous_number_in_a_comma_file() {
    assert_eq!(
        imported_values(fixture!("numbers-comma.csv")),
        pairs(&[
            ("STI_BUDGET_SHARE", "1"),
            ("STI_RECURRENT_SPENDING", "1234"),
            ("STI_INVESTMENT_SPENDING", "35000"),
            ("STI_FUND_CAPITAL", "1.234"),
            ("STI_DISBURSEMENT_RATE", "92"),
            ("STI_ENTERPRISE_FUNDS", "3"),
            ("STI_TASKS_FUNDED", "27"),
        ])
    );
}

/// The file's own unambiguous numbers outweigh its delimiter: a `;` file writing
/// `92.5` reads `1.234` as a decimal.
#[test]
fn ambiguous_number_follows_the_files_decimal_point() {
    assert_eq!(
        imported_values(fixture!("numbers-semicolon-decimal-point.csv")),
        pairs(&[
            ("STI_BUDGET_SHARE", "1.2"),
            ("STI_RECURRENT_SPENDING", "18500.5"),
            ("STI_INVESTMENT_SPENDING", "1.234"),
            ("STI_FUND_CAPITAL", "12.75"),
            ("STI_DISBURSEMENT_RATE", "92.5"),
            ("STI_ENTERPRISE_FUNDS", "3"),
            ("STI_TASKS_FUNDED", "27"),
        ])
    );
}

/// ... and a `,` file writing `"92,5"` reads `"1,234"` as a decimal.
#[test]
fn ambiguous_number_follows_the_files_decimal_comma() {
    assert_eq!(
        imported_values(fixture!("numbers-comma-decimal-comma.csv")),
        pairs(&[
            ("STI_BUDGET_SHARE", "1.2"),
            ("STI_RECURRENT_SPENDING", "18500.5"),
            ("STI_INVESTMENT_SPENDING", "1.234"),
            ("STI_FUND_CAPITAL", "12.75"),
            ("STI_DISBURSEMENT_RATE", "92.5"),
            ("STI_ENTERPRISE_FUNDS", "3"),
            ("STI_TASKS_FUNDED", "27"),
        ])
    );
}
