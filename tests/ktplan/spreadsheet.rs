//! The real spreadsheet exports of `tests/fixtures/spreadsheet/` (one workbook saved by
//! LibreOffice in five forms; its README says how each was made): each is read as
//! the same report, and `import` turns each into the same canonical file.

use pretty_assertions::assert_eq;

use crate::builder::{Output, Repo};

/// UTF-8 without a byte-order mark, `,`, decimal point `1.20`.
const UTF8: &[u8] = include_bytes!("../fixtures/spreadsheet/stc-2024.utf8.csv");
/// The same with a UTF-8 byte-order mark.
const UTF8_BOM: &[u8] = include_bytes!("../fixtures/spreadsheet/stc-2024.utf8-bom.csv");
/// UTF-8, `;`, decimal comma `1,20` (a Vietnamese locale).
const SEMICOLON: &[u8] =
    include_bytes!("../fixtures/spreadsheet/stc-2024.semicolon-decimal-comma.csv");
/// UTF-16LE with a byte-order mark, tab-delimited ("Unicode text").
const UTF16_TAB: &[u8] = include_bytes!("../fixtures/spreadsheet/stc-2024.utf16-tab.txt");
/// Windows-1258 with combining tone marks, `,`.
const CP1258: &[u8] = include_bytes!("../fixtures/spreadsheet/stc-2024.cp1258.csv");

/// The exports as a clerk would have them, by the name they are checked under.
const EXPORTS: [(&str, &[u8]); 5] = [
    ("inbox/stc-2024.utf8.csv", UTF8),
    ("inbox/stc-2024.utf8-bom.csv", UTF8_BOM),
    ("inbox/stc-2024.semicolon-decimal-comma.csv", SEMICOLON),
    ("inbox/stc-2024.utf16-tab.txt", UTF16_TAB),
    ("inbox/stc-2024.cp1258.csv", CP1258),
];

/// The shipped plan with every export received into `inbox/`.
fn inbox() -> Repo {
    EXPORTS.iter().fold(Repo::shipped(), |repo, (path, bytes)| {
        repo.file(path, bytes)
    })
}

/// What `check` prints for a correctly read export: the workbook has no row for the
/// two duties of section IV that every unit leads, and nothing else is wrong.
fn expected_check(file: &str) -> String {
    format!(
        "{file}:1: warning[W101]: no row for task \"IV.4.1\", which STC leads\n  \
         = help: add a row for it (`ktplan template --unit STC --year 2024` lists every row the unit owes)\n\
         {file}:1: warning[W101]: no row for task \"IV.4.2\", which STC leads\n  \
         = help: add a row for it (`ktplan template --unit STC --year 2024` lists every row the unit owes)\n"
    )
}

/// Asserts that `check FILE --unit STC --year 2024 EXTRA` reads the export cleanly.
fn assert_read(file: &str, extra: &[&str]) {
    let mut args = vec!["check", file, "--unit", "STC", "--year", "2024"];
    args.extend_from_slice(extra);
    let out = inbox().run(&args);
    assert_eq!(out.stdout, expected_check(file));
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 0 errors, 2 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn utf8_export_is_read() {
    assert_read("inbox/stc-2024.utf8.csv", &[]);
}

#[test]
fn utf8_export_with_byte_order_mark_is_read() {
    assert_read("inbox/stc-2024.utf8-bom.csv", &[]);
}

#[test]
fn semicolon_export_with_decimal_comma_is_read() {
    assert_read("inbox/stc-2024.semicolon-decimal-comma.csv", &[]);
}

#[test]
fn utf16_tab_export_is_read() {
    assert_read("inbox/stc-2024.utf16-tab.txt", &[]);
}

#[test]
fn cp1258_export_is_read_with_its_encoding_named() {
    assert_read("inbox/stc-2024.cp1258.csv", &["--encoding", "windows-1258"]);
}

/// Without `--encoding` the legacy file is not UTF-8: its first byte that is not
/// (offset 3, the dot below of "Loại") is on line 1.
#[test]
fn cp1258_export_without_its_encoding_is_e001() {
    let out = inbox().run(&[
        "check",
        "inbox/stc-2024.cp1258.csv",
        "--unit",
        "STC",
        "--year",
        "2024",
    ]);
    assert_eq!(
        out.stdout,
        "inbox/stc-2024.cp1258.csv:1: error[E001]: the bytes at offset 3 are not valid UTF-8\n  \
         = help: save the file as \"CSV UTF-8 (Comma delimited)\" in Excel (or \"Text CSV\" with \
         character set Unicode (UTF-8) in LibreOffice); a legacy file can be read with \
         --encoding windows-1258\n"
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 0 warnings\n"
    );
    assert_eq!(out.code, 1);
}

/// The canonical report every export becomes: `1.20` and `1,20` are both 1.2, the
/// cell with a line break keeps it, and the doubled quotes are one quote again
/// (doubled as CSV writes it).
const CANONICAL: &str = concat!(
    "\u{feff}kind,id,title,status,value,result,difficulties,proposals,note\r\n",
    "task,3.1,\"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\",in_progress,,\"Đã tham mưu bố trí \
     1,2% tổng chi ngân sách địa phương cho khoa học và công nghệ; \"\"ưu tiên\"\" các nhiệm vụ \
     cấp tỉnh\",Nguồn thu ngân sách còn hạn chế,Đề nghị Trung ương hỗ trợ kinh phí,\r\n",
    "task,3.3,Khuyến khích doanh nghiệp thành lập quỹ phát triển KH&CN,done,,\"Đã ban hành văn bản \
     hướng dẫn số 123/STC-QLNS, gửi 45 doanh nghiệp\",,,\r\n",
    "task,7.a,Lĩnh vực khoa học xã hội và nhân văn,not_applicable,,,,,\r\n",
    "task,IV.3.1,Tham mưu bố trí kinh phí sự nghiệp khoa học và công nghệ hằng năm,done,,\"Bố trí 18.500 \
     triệu đồng;\nthực hiện giải ngân đạt 92,5%\",Một số nhiệm vụ chậm tiến độ,,\r\n",
    "indicator,STI_BUDGET_SHARE,Tỷ lệ đầu tư của nhà nước cho khoa học và công nghệ trong tổng \
     chi ngân sách nhà nước hàng năm,,1.2,Số liệu quyết toán năm 2024 \
     (ước),,,\r\n",
);

/// Imports `file` into a fresh repository and returns what it wrote.
fn import(file: &str, extra: &[&str]) -> (Output, Vec<u8>) {
    let repo = inbox();
    let mut args = vec![
        "--lang", "en", "import", file, "--unit", "STC", "--year", "2024",
    ];
    args.extend_from_slice(extra);
    let out = repo.run(&args);
    let written = std::fs::read(repo.path().join("reports/2024/STC.csv"))
        .unwrap_or_else(|e| panic!("{file} was not imported ({e}):\n{}", out.stderr));
    (out, written)
}

#[test]
fn every_export_imports_to_the_same_canonical_report() {
    let mut written = Vec::new();
    for (file, _) in EXPORTS {
        let extra: &[&str] = if file.contains("cp1258") {
            &["--encoding", "windows-1258"]
        } else {
            &[]
        };
        let (out, bytes) = import(file, extra);
        assert_eq!(out.stdout, expected_check(file));
        assert_eq!(
            out.stderr,
            format!(
                "imported {file} into reports/2024/STC.csv: 5 rows (4 tasks, 1 indicator), \
                 2 warnings\n"
            )
        );
        assert_eq!(out.code, 0);
        written.push((file, bytes));
    }
    let (first, canonical) = &written[0];
    for (file, bytes) in &written[1..] {
        assert!(
            bytes == canonical,
            "{file} imports differently from {first}:\n{}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert_eq!(String::from_utf8_lossy(canonical), CANONICAL);
}

/// Importing the legacy file without `--encoding` is refused like any file with errors.
#[test]
fn cp1258_export_without_its_encoding_is_not_imported() {
    let repo = inbox();
    let out = repo.run(&[
        "--lang",
        "en",
        "import",
        "inbox/stc-2024.cp1258.csv",
        "--unit",
        "STC",
        "--year",
        "2024",
    ]);
    assert_eq!(
        out.stdout,
        "inbox/stc-2024.cp1258.csv:1: error[E001]: the bytes at offset 3 are not valid UTF-8\n  \
         = help: save the file as \"CSV UTF-8 (Comma delimited)\" in Excel (or \"Text CSV\" with \
         character set Unicode (UTF-8) in LibreOffice); a legacy file can be read with \
         --encoding windows-1258\n"
    );
    assert!(
        out.stderr
            .starts_with("inbox/stc-2024.cp1258.csv has 1 error: nothing was written."),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 1);
    assert!(!repo.path().join("reports/2024/STC.csv").exists());
}
