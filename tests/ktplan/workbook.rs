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
            "--lang",
            "en",
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
        repo.run(&[
            "--lang", "en", "import", &path, "--unit", "STC", "--year", "2024",
        ])
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
    repo.run(&[
        "--lang",
        "en",
        "import",
        "mail/STC.xlsx",
        "--unit",
        "STC",
        "--year",
        "2024",
    ])
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
        "--lang",
        "en",
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
        "indicator,PATENTS,Số sáng chế được bảo hộ,,18500,,,,"
    );
}

#[test]
fn a_percentage_cell_is_the_percentage_it_shows() {
    let repo = Repo::new().file("mail/STC.xlsx", stc_workbook(Cell::Percent(0.012)));
    repo.run(&[
        "--lang",
        "en",
        "import",
        "mail/STC.xlsx",
        "--unit",
        "STC",
        "--year",
        "2024",
    ])
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
        "--lang",
        "en",
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
            "task,3.1,Bảo đảm chi cho khoa học và công nghệ,done,,Đã bố trí đủ,,,",
            "indicator,STI_BUDGET_SHARE,Tỷ lệ chi ngân sách cho khoa học và công nghệ,,1.2,,,,"
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

// The form as a workbook: `ktplan template --format xlsx`.

/// The entries of a zip package (an `.xlsx`), by name, as text.
fn package(bytes: &[u8]) -> Vec<(String, String)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("an entry");
            let mut text = String::new();
            entry.read_to_string(&mut text).expect("a text entry");
            (entry.name().expect("an entry name").to_string(), text)
        })
        .collect()
}

/// The text of one entry of a package.
fn entry(bytes: &[u8], name: &str) -> String {
    package(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name} in the package"))
        .1
}

/// What a clerk types into a cell of the form.
enum Typed<'a> {
    Text(&'a str),
    Number(f64),
}

/// The form `xlsx` with these cells of its first sheet filled in, as a spreadsheet
/// saves typed cells: everything else in the package, protection and drop-downs
/// included, stays as the template wrote it.
fn fill(xlsx: &[u8], cells: &[(&str, Typed)]) -> Vec<u8> {
    use std::io::Write;
    let mut sheet = entry(xlsx, "xl/worksheets/sheet1.xml");
    for (cell, typed) in cells {
        let start = format!("<c r=\"{cell}\" s=\"");
        let at = sheet
            .find(&start)
            .unwrap_or_else(|| panic!("no blank cell {cell} in the form"));
        let end = at + sheet[at..].find("/>").expect("an empty cell element");
        let style = &sheet[at + start.len()..end - 1];
        let filled = match typed {
            Typed::Text(text) => {
                let text = text
                    .replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;");
                format!(
                    "<c r=\"{cell}\" s=\"{style}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{text}</t></is></c>"
                )
            }
            Typed::Number(n) => format!("<c r=\"{cell}\" s=\"{style}\"><v>{n}</v></c>"),
        };
        sheet.replace_range(at..end + 2, &filled);
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in package(xlsx) {
        let text = if name == "xl/worksheets/sheet1.xml" {
            sheet.clone()
        } else {
            text
        };
        out.start_file(name, stored).expect("start an entry");
        out.write_all(text.as_bytes()).expect("write an entry");
    }
    out.finish().expect("finish the package").into_inner()
}

/// Runs `template ... -o NAME` for `unit` in 2024 and returns the file's bytes.
fn form(repo: &Repo, unit: &str, name: &str, more: &[&str]) -> Vec<u8> {
    let mut args = vec!["template", "--unit", unit, "--year", "2024", "-o", name];
    args.extend_from_slice(more);
    repo.run(&args).success();
    std::fs::read(repo.path().join(name)).expect("read the form")
}

#[test]
fn the_workbook_form_is_the_same_bytes_every_time() {
    let repo = Repo::new();
    let first = form(&repo, "SKHCN", "a.xlsx", &["--format", "xlsx"]);
    // A clock in the file would show after a second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = form(&repo, "SKHCN", "b.xlsx", &[]);
    assert!(first == second, "two runs gave different workbooks");
    let core = entry(&first, "docProps/core.xml");
    assert!(
        core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-01-01T00:00:00Z"),
        "{core}"
    );
}

#[test]
fn the_workbook_form_locks_what_the_clerk_must_not_change() {
    let repo = Repo::new();
    let out = repo.run(&[
        "template",
        "--unit",
        "SKHCN",
        "--year",
        "2024",
        "-o",
        "SKHCN.xlsx",
    ]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "wrote SKHCN.xlsx: SKHCN's form for 2024, 3 rows\n")
    );
    let bytes = std::fs::read(repo.path().join("SKHCN.xlsx")).expect("read the form");
    let workbook = entry(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains("<sheet name=\"SKHCN-2024\" sheetId=\"1\" r:id=\"rId1\"/><sheet name=\"Hướng dẫn\" sheetId=\"2\" r:id=\"rId2\"/>"),
        "{workbook}"
    );
    let sheet = entry(&bytes, "xl/worksheets/sheet1.xml");
    for part in [
        // The header row stays in view.
        "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>",
        // The sheet is protected; columns and rows may still be resized.
        "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>",
        // Task rows 2-3 choose a status from the list.
        "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" \
         errorTitle=\"Trạng thái không hợp lệ\" error=\"Chọn một trong: Chưa thực hiện; Đang thực \
         hiện; Hoàn thành; Không phát sinh.\" promptTitle=\"Trạng thái\" prompt=\"Chọn trạng thái của \
         nhiệm vụ trong danh sách.\" sqref=\"D2:D3\"><formula1>\"Chưa thực hiện,Đang thực hiện,Hoàn \
         thành,Không phát sinh\"</formula1></dataValidation>",
        // The count PATENTS takes a whole number of 0 or more.
        "<dataValidation type=\"whole\" operator=\"greaterThanOrEqual\" allowBlank=\"1\" \
         showInputMessage=\"1\" showErrorMessage=\"1\" errorTitle=\"Giá trị không hợp lệ\" \
         error=\"Nhập một số nguyên từ 0 trở lên.\" promptTitle=\"Giá trị\" prompt=\"Nhập một số \
         nguyên từ 0 trở lên.\" sqref=\"E4\"><formula1>0</formula1></dataValidation>",
    ] {
        assert!(sheet.contains(part), "no {part} in\n{sheet}");
    }
    // Which cells are locked, as a spreadsheet reads the styles.
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(&bytes)).expect("open the form");
    let styles = book
        .worksheet_style("SKHCN-2024")
        .expect("the form's styles");
    let locked = |row: u32, column: u32| {
        styles
            .get((row, column))
            .and_then(|s| s.protection.as_ref())
            .is_none_or(|p| p.locked)
    };
    let bold = styles
        .get((0, 0))
        .and_then(|s| s.font.as_ref())
        .is_some_and(calamine::Font::is_bold);
    assert!(bold, "the header is bold");
    // kind, id and title locked; status, result, difficulties, proposals, note open;
    // a task's value and an indicator's status are not for filling in.
    let task_row: Vec<bool> = (0..9).map(|c| locked(1, c)).collect();
    assert_eq!(
        task_row,
        [true, true, true, false, true, false, false, false, false]
    );
    let indicator_row: Vec<bool> = (0..9).map(|c| locked(3, c)).collect();
    assert_eq!(
        indicator_row,
        [true, true, true, true, false, false, false, false, false]
    );
    let guide = entry(&bytes, "xl/sharedStrings.xml");
    assert!(
        guide.contains("Điền báo cáo ở trang \"SKHCN-2024\""),
        "{guide}"
    );
}

#[test]
fn the_workbook_form_needs_a_file_and_a_name_that_says_so() {
    let repo = Repo::new();
    for (args, message) in [
        (
            vec!["--format", "xlsx"],
            "error: a workbook form must go to a file: add -o FILE.xlsx\n",
        ),
        (
            vec!["--format", "csv", "-o", "STC.xlsx"],
            "error: --format csv would write a csv form into a file named .xlsx: name the file .csv\n",
        ),
        (
            vec!["-o", "STC.ods"],
            "error: ktplan writes a workbook form as .xlsx, not .ods: name the file .xlsx\n",
        ),
    ] {
        let mut all = vec!["template", "--unit", "STC", "--year", "2024"];
        all.extend(args);
        let out = repo.run(&all);
        assert_eq!((out.code, out.stderr.as_str()), (2, message));
    }
    assert!(!repo.path().join("STC.xlsx").exists());
}

#[test]
fn a_filled_workbook_form_comes_back_exactly() {
    let repo = Repo::new();
    let blank = form(&repo, "SKHCN", "SKHCN.xlsx", &[]);
    let filled = fill(
        &blank,
        &[
            ("D2", Typed::Text("Đang thực hiện")),
            ("F2", Typed::Text("Phối hợp thẩm định 2 hồ sơ;\nđã xong 1")),
            ("D3", Typed::Text("Hoàn thành")),
            (
                "F3",
                Typed::Text("Huy động 1.250 triệu đồng \"ngoài ngân sách\""),
            ),
            ("G3", Typed::Text("Thiếu nhân lực")),
            ("H3", Typed::Text("Đề nghị bổ sung 02 biên chế")),
            ("E4", Typed::Number(18500.0)),
            ("F4", Typed::Text("Số liệu ước")),
            ("I4", Typed::Text("Cục SHTT")),
        ],
    );
    let repo = repo.file("reports/2024/SKHCN.xlsx", &filled);
    assert_out(&repo.run(&["check"]), 0, "");
    repo.run(&[
        "--lang",
        "en",
        "import",
        "reports/2024/SKHCN.xlsx",
        "--unit",
        "SKHCN",
        "--year",
        "2024",
    ])
    .success();
    assert_eq!(
        csv_rows(&repo, "reports/2024/SKHCN.csv"),
        [
            "task,3.1,Bảo đảm chi cho khoa học và công nghệ,in_progress,,\"Phối hợp thẩm định 2 hồ \
             sơ;\nđã xong 1\",,,",
            "task,3.2,Huy động vốn ngoài ngân sách,done,,\"Huy động 1.250 triệu đồng \
             \"\"ngoài ngân sách\"\"\",Thiếu nhân lực,Đề nghị bổ sung 02 biên chế,",
            "indicator,PATENTS,Số sáng chế được bảo hộ,,18500,Số liệu ước,,,Cục SHTT",
            "",
        ]
    );

    // A percentage typed as 1.2 stays 1.2.
    let blank = form(&repo, "STC", "STC.xlsx", &[]);
    let filled = fill(
        &blank,
        &[
            ("D2", Typed::Text("Không phát sinh")),
            ("E3", Typed::Number(1.2)),
        ],
    );
    let repo = repo.file("mail/STC.xlsx", &filled);
    repo.run(&[
        "--lang",
        "en",
        "import",
        "mail/STC.xlsx",
        "--unit",
        "STC",
        "--year",
        "2024",
    ])
    .success();
    assert_eq!(
        csv_rows(&repo, "reports/2024/STC.csv"),
        [
            "task,3.1,Bảo đảm chi cho khoa học và công nghệ,not_applicable,,,,,",
            "indicator,STI_BUDGET_SHARE,Tỷ lệ chi ngân sách cho khoa học và công nghệ,,1.2,,,,",
            "",
        ]
    );
}

#[test]
fn a_repeated_row_in_a_workbook_points_at_the_first_by_its_row() {
    let mut rows = stc_rows(N(1.2));
    rows.push(rows[1].clone());
    let repo = Repo::new().file("reports/2024/STC.xlsx", xlsx(&[("STC-2024", rows)]));
    assert_out(
        &repo.run(&["check"]),
        1,
        "reports/2024/STC.xlsx:STC-2024!B4: error[E009]: task \"3.1\" appears twice; its first \
         row is row 2\n  = help: keep one row per task or indicator: merge the two rows\n",
    );
}

/// An `.xls` whose directory chain runs in a loop (found by fuzzing): the workbook
/// reader would follow it until memory ran out; it is refused at once, as damaged.
#[test]
fn an_xls_whose_directory_chain_loops_is_refused_at_once() {
    let out = Repo::shipped()
        .file(
            "reports/2023/STC.xls",
            include_bytes!("../fixtures/spreadsheet/STC-2023-directory-loop.xls").as_slice(),
        )
        .run(&["check"]);
    assert_eq!(
        out.stdout,
        "reports/2023/STC.xls: error[E011]: cannot read the workbook: its contents are damaged\n\
         \x20 = help: the file may be damaged or incomplete: open it in the spreadsheet, save it \
         again as .xls, and check it again\n"
    );
    assert_eq!(out.code, 1);
}
