//! Reports kept as workbooks (`.xlsx`, `.xls`, `.ods`): they go through the same rules
//! as CSV, their diagnostics name the sheet and the cell, `import` turns them into the
//! canonical CSV, and the real workbook of `tests/fixtures/spreadsheet/` comes through
//! exactly as its CSV export does.

use pretty_assertions::assert_eq;
use rust_xlsxwriter::{Format, Formula, Workbook};

use crate::builder::{MANIFEST_DIR, Output, Repo};

/// A file of `tests/fixtures/spreadsheet/`.
fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{MANIFEST_DIR}/tests/fixtures/spreadsheet/{name}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

/// A cell written into a test workbook.
#[derive(Clone, Copy)]
enum Cell<'a> {
    /// A text cell.
    T(&'a str),
    /// A number cell.
    N(f64),
    /// A number cell formatted as a percentage (`0.00%`).
    Percent(f64),
    /// A date cell.
    Date(u16, u8, u8),
    /// A formula and the value the workbook last calculated.
    Formula(&'a str, &'a str),
    /// Nothing.
    E,
}

use Cell::{E, N, T};

/// A sheet's rows, from row 1 down, each from column A.
type Rows<'a> = Vec<Vec<Cell<'a>>>;

/// An `.xlsx` workbook with these sheets, each a name and its rows.
fn xlsx(sheets: &[(&str, Rows)]) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let percent = Format::new().set_num_format("0.00%");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (name, rows) in sheets {
        let sheet = workbook.add_worksheet();
        sheet.set_name(*name).expect("a valid sheet name");
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r).expect("few rows");
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).expect("few columns");
                match *cell {
                    Cell::T(text) => sheet.write_string(r, c, text).map(drop),
                    Cell::N(n) => sheet.write_number(r, c, n).map(drop),
                    Cell::Percent(n) => sheet.write_number_with_format(r, c, n, &percent).map(drop),
                    Cell::Date(y, m, d) => {
                        let when = rust_xlsxwriter::ExcelDateTime::from_ymd(y, m, d)
                            .expect("a valid date");
                        sheet
                            .write_datetime_with_format(r, c, &when, &date)
                            .map(drop)
                    }
                    Cell::Formula(formula, result) => sheet
                        .write_formula(r, c, Formula::new(formula).set_result(result))
                        .map(drop),
                    Cell::E => Ok(()),
                }
                .expect("write a cell");
            }
        }
    }
    workbook.save_to_buffer().expect("build the workbook")
}

/// The header of the test workbooks, in Vietnamese as the template writes it.
const HEADER: &[Cell] = &[
    T("Loại"),
    T("Mã"),
    T("Nội dung"),
    T("Trạng thái"),
    T("Giá trị"),
    T("Kết quả"),
    T("Khó khăn, vướng mắc"),
    T("Kiến nghị, đề xuất"),
    T("Ghi chú"),
];

/// STC's report in the test plan: the header, task 3.1 done, and `value` as the
/// budget share.
fn stc_rows(value: Cell) -> Rows {
    vec![
        HEADER.to_vec(),
        vec![
            T("Nhiệm vụ"),
            T("3.1"),
            T("Bảo đảm chi cho khoa học và công nghệ"),
            T("Hoàn thành"),
            E,
            T("Đã bố trí đủ"),
        ],
        vec![
            T("Chỉ tiêu"),
            T("STI_BUDGET_SHARE"),
            T("Tỷ lệ chi ngân sách cho khoa học và công nghệ"),
            E,
            value,
        ],
    ]
}

/// STC's 2024 workbook with one sheet `STC-2024` holding [`stc_rows`].
fn stc_workbook(value: Cell) -> Vec<u8> {
    xlsx(&[("STC-2024", stc_rows(value))])
}

/// The rows after the header of a canonical CSV, each line as written.
fn csv_rows(repo: &Repo, path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(repo.path().join(path)).expect("read the imported CSV");
    text.split("\r\n").skip(1).map(str::to_string).collect()
}

fn assert_out(out: &Output, code: i32, stdout: &str) {
    assert_eq!(out.stdout, stdout, "stderr:\n{}", out.stderr);
    assert_eq!(out.code, code, "stderr:\n{}", out.stderr);
}

#[test]
fn the_real_workbook_checks_clean_in_every_format() {
    for name in ["STC-2024.xlsx", "STC-2024.xls", "STC-2024.ods"] {
        let extension = name.rsplit('.').next().expect("an extension");
        let path = format!("reports/2024/STC.{extension}");
        let out = Repo::shipped().file(&path, fixture(name)).run(&["check"]);
        let expected = ["IV.4.1", "IV.4.2"]
            .map(|id| {
                format!(
                    "{path}:STC-2024!1:1: warning[W101]: no row for task \"{id}\", which STC leads\n  \
                     = help: add a row for it (`ktplan template --unit STC --year 2024` lists every \
                     row the unit owes)\n"
                )
            })
            .concat();
        assert_out(&out, 0, &expected);
        assert_eq!(
            out.stderr,
            "checked the plan and 1 report file: 0 errors, 2 warnings\n"
        );
    }
}

#[test]
fn importing_the_real_workbook_gives_what_importing_its_csv_export_gives() {
    let from_csv = Repo::shipped().file("mail/stc-2024.utf8.csv", fixture("stc-2024.utf8.csv"));
    from_csv
        .run(&[
            "import",
            "mail/stc-2024.utf8.csv",
            "--unit",
            "STC",
            "--year",
            "2024",
        ])
        .success();
    let expected = std::fs::read(from_csv.path().join("reports/2024/STC.csv")).expect("read");
    for name in ["STC-2024.xlsx", "STC-2024.xls", "STC-2024.ods"] {
        let repo = Repo::shipped().file(&format!("mail/{name}"), fixture(name));
        let path = format!("mail/{name}");
        repo.run(&["import", &path, "--unit", "STC", "--year", "2024"])
            .success();
        let imported = std::fs::read(repo.path().join("reports/2024/STC.csv")).expect("read");
        assert_eq!(
            String::from_utf8_lossy(&imported),
            String::from_utf8_lossy(&expected),
            "{name}"
        );
        assert_eq!(imported, expected, "{name}: byte for byte");
    }
    // The number cell E6 (1.2, shown as 1.20) and the line break inside F5 come through.
    let rows = csv_rows(&from_csv, "reports/2024/STC.csv");
    assert!(
        rows[3].contains("18.500 triệu đồng;\nthực hiện"),
        "{}",
        rows[3]
    );
    assert!(rows[4].starts_with("indicator,STI_BUDGET_SHARE,"));
    assert!(rows[4].contains(",,1.2,"), "{}", rows[4]);
}

#[test]
fn numbers_in_number_cells_come_through_exactly() {
    let repo = Repo::new().file("mail/STC.xlsx", stc_workbook(N(1.2)));
    repo.run(&["import", "mail/STC.xlsx", "--unit", "STC", "--year", "2024"])
        .success();
    assert_eq!(
        csv_rows(&repo, "reports/2024/STC.csv")[1],
        "indicator,STI_BUDGET_SHARE,Tỷ lệ chi ngân sách cho khoa học và công nghệ,,1.2,,,,"
    );
    // A count given as a number cell, in SKHCN's report.
    let rows = vec![
        HEADER.to_vec(),
        vec![
            T("Nhiệm vụ"),
            T("3.2"),
            E,
            T("Đang thực hiện"),
            E,
            T("Đã kêu gọi"),
        ],
        vec![T("Chỉ tiêu"), T("PATENTS"), E, E, N(18500.0)],
    ];
    let repo = Repo::new().file("mail/SKHCN.xlsx", xlsx(&[("SKHCN", rows)]));
    repo.run(&[
        "import",
        "mail/SKHCN.xlsx",
        "--unit",
        "SKHCN",
        "--year",
        "2024",
    ])
    .success();
    assert_eq!(
        csv_rows(&repo, "reports/2024/SKHCN.csv")[1],
        "indicator,PATENTS,,,18500,,,,"
    );
}

#[test]
fn a_percentage_cell_is_the_percentage_it_shows() {
    let repo = Repo::new().file("mail/STC.xlsx", stc_workbook(Cell::Percent(0.012)));
    repo.run(&["import", "mail/STC.xlsx", "--unit", "STC", "--year", "2024"])
        .success();
    assert!(csv_rows(&repo, "reports/2024/STC.csv")[1].contains(",,1.2,"));
}

#[test]
fn a_bad_value_names_the_sheet_and_the_cell() {
    let repo = Repo::new().file("reports/2024/STC.xlsx", stc_workbook(N(150.0)));
    let out = repo.run(&["check"]);
    assert_out(
        &out,
        1,
        "reports/2024/STC.xlsx:STC-2024!E3: error[E008]: 150 is out of range: a percentage lies \
         between 0 and 100\n  = help: give the percentage itself, e.g. 1,2 for 1.2%\n",
    );
    let json = repo.run(&["check", "--format", "json"]).json();
    let d = &json[0];
    assert_eq!(
        (
            &d["file"],
            &d["line"],
            &d["column"],
            &d["sheet"],
            &d["cell"],
            &d["code"]
        ),
        (
            &"reports/2024/STC.xlsx".into(),
            &3.into(),
            &5.into(),
            &"STC-2024".into(),
            &"E3".into(),
            &"E008".into()
        )
    );
    let github = repo.run(&["check", "--format", "github"]);
    assert_eq!(
        github.stdout,
        "::error file=reports/2024/STC.xlsx,line=3,col=5,title=E008::STC-2024!E3: 150 is out of \
         range: a percentage lies between 0 and 100%0Ahelp: give the percentage itself, e.g. 1,2 \
         for 1.2%25\n"
    );
}

#[test]
fn a_table_below_a_title_and_right_of_column_a_is_located_in_the_sheet() {
    let title = vec![T("BÁO CÁO KẾT QUẢ NĂM 2024")];
    let header: Vec<Cell> = std::iter::once(E).chain(HEADER.iter().copied()).collect();
    let task = vec![E, T("Nhiệm vụ"), T("3.1"), E, T("Xong rồi")];
    let repo = Repo::new().file(
        "reports/2024/STC.xlsx",
        xlsx(&[("Báo cáo", vec![title, vec![], header, task])]),
    );
    let out = repo.run(&["check"]);
    assert_out(
        &out,
        1,
        "reports/2024/STC.xlsx:'Báo cáo'!3:3: warning[W101]: no row for indicator \
         \"STI_BUDGET_SHARE\", which STC reports\n  = help: add a row with its value (`ktplan \
         template --unit STC --year 2024` lists every row the unit owes)\n\
         reports/2024/STC.xlsx:'Báo cáo'!E4: error[E007]: unknown status \"Xong rồi\"\n  = help: \
         use one of: Chưa thực hiện (not_started), Đang thực hiện (in_progress), Hoàn thành \
         (done), Không phát sinh (not_applicable)\n",
    );
}

#[test]
fn a_date_where_a_number_belongs_is_e008() {
    let repo = Repo::new().file(
        "reports/2024/STC.xlsx",
        stc_workbook(Cell::Date(2024, 2, 1)),
    );
    assert_out(
        &repo.run(&["check"]),
        1,
        "reports/2024/STC.xlsx:STC-2024!E3: error[E008]: the cell holds the date 2024-02-01, not \
         a number\n  = help: the spreadsheet took what was typed for a date: format the cell as \
         Number and type the value again\n",
    );
}

#[test]
fn a_formula_gives_its_value_and_is_w105_where_text_belongs() {
    let task = vec![
        T("Nhiệm vụ"),
        T("3.1"),
        E,
        T("Hoàn thành"),
        E,
        Cell::Formula("=\"Đã bố trí \"&\"đủ\"", "Đã bố trí đủ"),
    ];
    let indicator = vec![
        T("Chỉ tiêu"),
        T("STI_BUDGET_SHARE"),
        E,
        E,
        Cell::Formula("=1+0.2", "1.2"),
    ];
    let repo = Repo::new().file(
        "reports/2024/STC.xlsx",
        xlsx(&[("STC-2024", vec![HEADER.to_vec(), task, indicator])]),
    );
    assert_out(
        &repo.run(&["check"]),
        0,
        "reports/2024/STC.xlsx:STC-2024!F2: warning[W105]: the result cell is a formula: its text \
         is whatever the formula last calculated\n  = help: type the text itself: copy the cell \
         and paste it back as values only\n",
    );
    repo.run(&[
        "import",
        "reports/2024/STC.xlsx",
        "--unit",
        "STC",
        "--year",
        "2024",
    ])
    .success();
    assert_eq!(
        csv_rows(&repo, "reports/2024/STC.csv")[..2],
        [
            "task,3.1,,done,,Đã bố trí đủ,,,",
            "indicator,STI_BUDGET_SHARE,,,1.2,,,,"
        ]
    );
}

#[test]
fn the_report_is_the_sheet_with_a_header_and_only_one_may_have_one() {
    let notes = vec![
        vec![T("Ghi chép của văn thư")],
        vec![T("Loại: xem hướng dẫn")],
    ];
    let report = stc_rows(N(1.2));
    let repo = Repo::new().file(
        "reports/2024/STC.xlsx",
        xlsx(&[("Ghi chép", notes.clone()), ("STC-2024", report.clone())]),
    );
    assert_out(&repo.run(&["check"]), 0, "");

    let repo = Repo::new().file(
        "reports/2024/STC.xlsx",
        xlsx(&[("STC-2024", report.clone()), ("Bản sao", report)]),
    );
    assert_out(
        &repo.run(&["check"]),
        1,
        "reports/2024/STC.xlsx: error[E003]: 2 sheets hold a report table (\"STC-2024\", \"Bản \
         sao\"); a workbook holds one report\n  = help: keep the report in one sheet: delete the \
         other sheets' tables, or move them to files of their own\n",
    );

    let repo = Repo::new().file("reports/2024/STC.xlsx", xlsx(&[("Ghi chép", notes)]));
    assert_out(
        &repo.run(&["check"]),
        1,
        "reports/2024/STC.xlsx: error[E003]: no sheet of the workbook has a header row naming the \
         columns `kind` (Loại) and `id` (Mã)\n  = help: the table's first row must name its \
         columns: Loại | Mã | Nội dung | Trạng thái | Giá trị | Kết quả | Khó khăn, vướng mắc | \
         Kiến nghị, đề xuất | Ghi chú\n",
    );
}

#[test]
fn a_cell_outside_the_table_is_w103() {
    let mut rows = stc_rows(N(1.2));
    rows[1].extend([E, E, E, E, T("nháp")]);
    let repo = Repo::new().file("reports/2024/STC.xlsx", xlsx(&[("STC-2024", rows)]));
    assert_out(
        &repo.run(&["check"]),
        0,
        "reports/2024/STC.xlsx:STC-2024!K2: warning[W103]: column K has no header in row 1: its \
         cells are ignored\n  = help: give the column a header in row 1, or move the text into \
         the note (Ghi chú) column\n",
    );
}

#[test]
fn a_damaged_or_locked_workbook_is_e011_and_the_others_are_still_checked() {
    let whole = stc_workbook(N(1.2));
    let repo = Repo::new()
        .file("reports/2024/STC.xlsx", &whole[..whole.len() / 2])
        .file("reports/2024/SKHCN.ods", fixture("STC-2024-password.xlsx"))
        .file("reports/2023/STC.xls", "kind,id\r\ntask,3.1\r\n")
        .file("reports/2025/STC.xlsx", &whole);
    let out = repo.run(&["check"]);
    assert_out(
        &out,
        1,
        "reports/2023/STC.xls: error[E011]: the file is named .xls but is not a workbook: it holds \
         text\n  = help: open it in the spreadsheet and save it as an Excel Workbook (.xlsx), or \
         as \"CSV UTF-8\" under a .csv name\n\
         reports/2024/SKHCN.ods: error[E011]: the workbook is protected by a password, so it \
         cannot be read\n  = help: open it, remove the password to open (in Excel: File > Info > \
         Protect Workbook > Encrypt with Password, clear it), save, and check it again\n\
         reports/2024/STC.xlsx: error[E011]: cannot read the workbook: Zip error: invalid Zip \
         archive: Could not find EOCD\n  = help: the file may be damaged or incomplete: open it \
         in the spreadsheet, save it again as .xlsx, and check it again\n",
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 4 report files: 3 errors, 0 warnings\n"
    );
}

#[test]
fn a_unit_with_a_csv_and_a_workbook_in_one_year_has_one_report() {
    let csv = "\u{feff}kind,id,status,value,result\r\ntask,3.1,done,,Đã bố trí đủ\r\n\
               indicator,STI_BUDGET_SHARE,,1.2,\r\n";
    let repo = Repo::new()
        .file("reports/2024/STC.csv", csv)
        .file("reports/2024/STC.xlsx", stc_workbook(N(150.0)))
        .file("reports/2024/~$STC.xlsx", "Excel's lock file");
    let out = repo.run(&["check"]);
    assert_out(
        &out,
        1,
        "reports/2024/STC.xlsx: error[E011]: STC already has a report for 2024 in \
         reports/2024/STC.csv: this file is not read\n  = help: a unit sends one report a year: \
         delete the file that is not the report (to make a workbook the report, `ktplan import \
         reports/2024/STC.xlsx --unit STC --year 2024 --force` writes it as STC.csv; then delete \
         the workbook)\n",
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 2 report files: 1 error, 0 warnings\n"
    );
}
