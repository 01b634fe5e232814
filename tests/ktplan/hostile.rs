//! Files made to bring ktplan down (issue 9): each built here from a few hundred bytes of
//! XML, or from a real workbook with a few bytes changed. Each must give E011 for that
//! file alone, the other files still checked, and the run must stay under 256 MiB.

use std::io::Write;

use pretty_assertions::assert_eq;

use crate::builder::{MANIFEST_DIR, Output, Repo};

/// The ceiling SPEC section 4 sets on reading any file.
const MEMORY_CEILING_KB: u64 = 256 * 1024;

/// A zip package of these entries, deflated; `mimetype` stored, as OpenDocument has it.
pub(crate) fn package(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in entries {
        let method = if *name == "mimetype" {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        out.start_file(*name, options.compression_method(method))
            .expect("start an entry");
        out.write_all(bytes).expect("write an entry");
    }
    out.finish().expect("finish the package").into_inner()
}

/// An `.xlsx` of one sheet, `sheet` the worksheet's XML inside `<sheetData>`-level
/// content, and the shared strings' XML when given.
pub(crate) fn xlsx(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{sheet}</worksheet>"#
    );
    let mut entries: Vec<(&str, Vec<u8>)> = vec![
        (
            "[Content_Types].xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_vec(),
        ),
        (
            "_rels/.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
        ),
        (
            "xl/workbook.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="STC" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_vec(),
        ),
        ("xl/worksheets/sheet1.xml", sheet.into_bytes()),
    ];
    if let Some(shared) = shared {
        entries.push((
            "xl/sharedStrings.xml",
            format!(r#"<?xml version="1.0" encoding="UTF-8"?>{shared}"#).into_bytes(),
        ));
    }
    let borrowed: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    package(&borrowed)
}

/// The header row of a report as inline strings, in row 1.
const HEADER_ROW: &str = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>kind</t></is></c><c r="B1" t="inlineStr"><is><t>id</t></is></c></row>"#;

/// Shared strings declaring four thousand million strings: the reader reserved room for
/// all of them.
pub(crate) fn xlsx_declaring_four_billion_strings() -> Vec<u8> {
    xlsx(
        &format!(
            r#"<sheetData>{HEADER_ROW}<row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData>"#
        ),
        Some(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>task</t></si></sst>"#,
        ),
    )
}

/// One cell in the last row and column a spreadsheet has: the reader laid out the grid
/// from A1 to it, 17 thousand million cells.
pub(crate) fn xlsx_with_a_cell_at_xfd1048576() -> Vec<u8> {
    xlsx(
        &format!(
            r#"<sheetData>{HEADER_ROW}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#
        ),
        None,
    )
}

/// A sheet that declares itself as big as a spreadsheet can be.
pub(crate) fn xlsx_declaring_the_whole_grid() -> Vec<u8> {
    xlsx(
        &format!(r#"<dimension ref="A1:XFD1048576"/><sheetData>{HEADER_ROW}</sheetData>"#),
        None,
    )
}

/// A sheet whose XML inflates to more than 64 MiB: a few hundred kilobytes on disk.
pub(crate) fn xlsx_inflating_to_65_mib() -> Vec<u8> {
    let padding = " ".repeat(65 << 20);
    xlsx(
        &format!(r#"<sheetData>{HEADER_ROW}</sheetData>{padding}"#),
        None,
    )
}

/// One shared string of 40,000 characters in 2,000 cells: 80 MB once copied into each.
pub(crate) fn xlsx_copying_one_string_into_every_cell() -> Vec<u8> {
    let cells: String = (2..2002)
        .map(|r| format!(r#"<row r="{r}"><c r="C{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let long = "x".repeat(40_000);
    xlsx(
        &format!("<sheetData>{HEADER_ROW}{cells}</sheetData>"),
        Some(&format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2000" uniqueCount="1"><si><t>{long}</t></si></sst>"#
        )),
    )
}

/// An OpenDocument spreadsheet of a few hundred bytes whose one row, repeated a million
/// times, holds a cell repeated a thousand times.
pub(crate) fn ods_repeating_rows_and_columns() -> Vec<u8> {
    let content = r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="STC"><table:table-row><table:table-cell office:value-type="string"><text:p>kind</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="1000" office:value-type="string"><text:p>task</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    package(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.spreadsheet",
        ),
        ("content.xml", content.as_bytes()),
    ])
}

/// The real `.xls` of the fixtures with `bytes` written at `at`.
fn patched_xls(patches: &[(usize, &[u8])]) -> Vec<u8> {
    let mut xls = std::fs::read(format!(
        "{MANIFEST_DIR}/tests/fixtures/spreadsheet/STC-2024.xls"
    ))
    .expect("read the .xls fixture");
    for (at, bytes) in patches {
        xls[*at..at + bytes.len()].copy_from_slice(bytes);
    }
    xls
}

/// The real `.xls` whose DIMENSIONS record (at byte 5020) says 65,535 rows of 256
/// columns: the reader reserved room for every cell.
pub(crate) fn xls_declaring_sixteen_million_cells() -> Vec<u8> {
    patched_xls(&[
        (5028, &65535u32.to_le_bytes()),
        (5034, &256u16.to_le_bytes()),
    ])
}

/// The real `.xls` with one text cell (the LABELSST record at byte 5158) moved to row
/// 60,001, column IQ.
pub(crate) fn xls_with_a_far_cell() -> Vec<u8> {
    patched_xls(&[
        (5162, &60000u16.to_le_bytes()),
        (5164, &250u16.to_le_bytes()),
    ])
}

/// Runs `check` with the peak memory reported; returns the output and the peak in kB.
fn check_measured(repo: &Repo) -> (Output, u64) {
    let out = repo
        .command(&["check"])
        .env("KTPLAN_TEST_PEAK_MEMORY", "1")
        .output()
        .expect("run ktplan");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .and_then(|kb| kb.trim_end_matches(" kB").parse().ok())
        .unwrap_or_else(|| panic!("no peak memory in:\n{stderr}"));
    let output = Output {
        code: out.status.code().expect("ktplan ended by a signal"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr,
    };
    (output, peak)
}

const TOO_BIG_HELP: &str =
    "  = help: a unit's report holds a few dozen rows: check that this is the right file\n";

#[test]
fn workbooks_that_ask_for_too_much_are_e011_and_the_others_are_still_checked() {
    let hostile: [(&str, Vec<u8>, &str); 8] = [
        (
            "reports/2023/SKHCN.xlsx",
            xlsx_declaring_four_billion_strings(),
            "it declares 4,000,000,000 shared strings (at most 1,000,000)",
        ),
        (
            "reports/2024/SKHCN.xlsx",
            xlsx_with_a_cell_at_xfd1048576(),
            "the sheet \"xl/worksheets/sheet1.xml\" has 1,048,576 rows (at most 100,000)",
        ),
        (
            "reports/2025/SKHCN.xlsx",
            xlsx_declaring_the_whole_grid(),
            "the sheet \"xl/worksheets/sheet1.xml\" declares 1,048,576 rows (at most 100,000)",
        ),
        (
            "reports/2026/SKHCN.xlsx",
            xlsx_inflating_to_65_mib(),
            "it holds more than 64 MiB of XML once inflated",
        ),
        (
            "reports/2027/SKHCN.xlsx",
            xlsx_copying_one_string_into_every_cell(),
            "its cells hold more than 64 MiB of text",
        ),
        (
            "reports/2028/SKHCN.ods",
            ods_repeating_rows_and_columns(),
            "the sheet \"1\" has 1,048,576 rows (at most 100,000)",
        ),
        (
            "reports/2029/SKHCN.xls",
            xls_declaring_sixteen_million_cells(),
            "it declares 16,776,960 cells (at most 1,000,000)",
        ),
        (
            "reports/2030/SKHCN.xls",
            xls_with_a_far_cell(),
            "it has 15,060,251 cells (at most 1,000,000)",
        ),
    ];
    let mut repo = Repo::new().file(
        "reports/2024/STC.csv",
        "kind,id,status,result\ntask,3.1,xong,Bố trí kinh phí\n",
    );
    for (path, bytes, _) in &hostile {
        assert!(bytes.len() < 400_000, "{path} is {} bytes", bytes.len());
        repo = repo.file(path, bytes);
    }
    let (out, peak) = check_measured(&repo);
    let mut expected = String::new();
    for (path, _, what) in &hostile {
        expected.push_str(&format!(
            "{path}: error[E011]: the file is too big to be a report: {what}\n{TOO_BIG_HELP}"
        ));
        if path.starts_with("reports/2024/") {
            expected.push_str(
                "reports/2024/STC.csv:1: warning[W101]: no row for indicator \"STI_BUDGET_SHARE\", \
                 which STC reports\n  = help: add a row with its value (`ktplan template --unit STC \
                 --year 2024` lists every row the unit owes)\n\
                 reports/2024/STC.csv:2:3: error[E007]: unknown status \"xong\"\n  = help: use \
                 one of: Chưa thực hiện (not_started), Đang thực hiện (in_progress), Hoàn thành \
                 (done), Không phát sinh (not_applicable)\n",
            );
        }
    }
    assert_eq!(out.stdout, expected);
    assert_eq!(out.code, 1);
    assert!(
        peak < MEMORY_CEILING_KB,
        "reading the hostile workbooks took {peak} kB"
    );
}

/// An `.xls` with a zip archive after it: asking the `.xlsx` reader whether the OLE
/// container is an encrypted workbook made it open the archive and reserve room for the
/// strings it declares (found by the `workbook` fuzz target).
#[test]
fn a_zip_archive_inside_an_ole_container_is_measured_before_it_is_opened() {
    let mut bytes = std::fs::read(format!(
        "{MANIFEST_DIR}/tests/fixtures/spreadsheet/STC-2024.xls"
    ))
    .expect("read the .xls fixture");
    bytes.extend(xlsx_declaring_four_billion_strings());
    let repo = Repo::new().file("reports/2024/SKHCN.xlsx", &bytes);
    let (out, peak) = check_measured(&repo);
    assert_eq!(
        out.stdout,
        format!(
            "reports/2024/SKHCN.xlsx: error[E011]: the file is too big to be a report: it \
             declares 4,000,000,000 shared strings (at most 1,000,000)\n{TOO_BIG_HELP}"
        )
    );
    assert_eq!(out.code, 1);
    assert!(peak < MEMORY_CEILING_KB, "reading it took {peak} kB");
}

/// CSV files shaped to take memory or time: a header wider than a report can be, a file
/// of rows too wide to be rows, a file of more rows than any report, and a header of
/// long names. Each is an error for that file alone.
#[test]
fn csv_files_past_the_limits_are_errors_for_that_file_alone() {
    let wide_header: Vec<String> = (0..1001).map(|i| format!("cot{i}")).collect();
    let long_names: Vec<String> = (0..3)
        .map(|i| format!("{i}{}", "y".repeat(60_000)))
        .collect();
    let repo = Repo::new()
        .file(
            "reports/2023/STC.csv",
            format!(
                "kind,id\n{}",
                format!("{}\n", ",".repeat(1000)).repeat(1100)
            ),
        )
        .file(
            "reports/2024/STC.csv",
            format!("kind,id,{}\ntask,3.1\n", wide_header.join(",")),
        )
        .file(
            "reports/2025/STC.csv",
            format!("kind,id\n{}", "a\n".repeat(100_001)),
        )
        .file(
            "reports/2024/SKHCN.csv",
            format!(
                "kind,id,status,result,{}\ntask,3.1,xong,x,,,\n",
                long_names.join(",")
            ),
        );
    let (out, peak) = check_measured(&repo);
    let too_big = |path: &str, what: &str| {
        format!(
            "{path}: error[E011]: the file is too big to be a report: {what}\n  = help: a unit's \
             report holds a few dozen rows: check that this is the right file\n"
        )
    };
    let unknown = |column: usize| {
        format!(
            "reports/2024/SKHCN.csv:1:{column}: warning[W103]: unknown column \"{}{}… (60001 \
             characters)\" is ignored\n",
            column - 5,
            "y".repeat(59)
        )
    };
    let expected = [
        too_big("reports/2023/STC.csv", "it has more than 1,000,000 cells"),
        unknown(5),
        unknown(6),
        unknown(7),
        "reports/2024/SKHCN.csv:2:3: error[E007]: unknown status \"xong\"\n  = help: use one \
         of: Chưa thực hiện (not_started), Đang thực hiện (in_progress), Hoàn thành (done), \
         Không phát sinh (not_applicable)\n"
            .to_string(),
        "reports/2024/STC.csv:1: error[E002]: a row of 1003 fields; a report has at most 1,000 \
         columns\n  = help: a report has the nine columns of the template and a few of its own: \
         check that this is the right file\n"
            .to_string(),
        too_big("reports/2025/STC.csv", "it has more than 100,000 rows"),
    ]
    .concat();
    let shown: String = out
        .stdout
        .lines()
        .filter(|l| !l.contains("W101") && !l.contains("= help: add a row"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(shown, expected);
    assert_eq!(out.code, 1);
    assert!(peak < MEMORY_CEILING_KB, "reading the files took {peak} kB");
}

/// Runs `ktplan args` in `repo`, killing it if it has not ended within a minute (a FIFO
/// read or a link loop followed would never end).
#[cfg(unix)]
fn run_within_a_minute(repo: &Repo, args: &[&str]) -> Output {
    let mut child = repo
        .command(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start ktplan");
    let start = std::time::Instant::now();
    while child.try_wait().expect("poll ktplan").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().expect("kill ktplan");
            panic!("ktplan {args:?} did not end within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("ktplan's output");
    Output {
        code: out.status.code().expect("ktplan ended by a signal"),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// Under `plan/`: two links to `.`, a FIFO, a link to `/dev/zero`, a link to a file
/// outside the repository and a file of 17 MiB. Each is E010 at its path; none is
/// followed or waited on.
#[cfg(unix)]
#[test]
fn plan_files_that_are_not_plain_files_are_e010_and_never_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::NamedTempFile::new().expect("a file outside the repository");
    std::fs::write(
        outside.path(),
        "[[unit]]\ncode = \"BEN_NGOAI\"\nname = \"Ngoài\"\nkind = \"department\"\n",
    )
    .expect("write it");
    let repo = Repo::new().file("plan/big.toml", format!("# {}\n", " ".repeat(17 << 20)));
    let plan = repo.path().join("plan");
    symlink(".", plan.join("here")).expect("link");
    symlink(".", plan.join("again")).expect("link");
    symlink("/dev/zero", plan.join("zero.toml")).expect("link");
    symlink(outside.path(), plan.join("units-more.toml")).expect("link");
    let made = std::process::Command::new("mkfifo")
        .arg(plan.join("pipe.toml"))
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let help = "  = help: keep the plan's files as plain files inside the repository\n";
    let loop_link = "a link to a folder already read: it would read the plan again, in a loop";
    let outside_path = outside.path().canonicalize().expect("resolve it");
    let expected = [
        format!("plan/again: error[E010]: {loop_link}\n{help}"),
        "plan/big.toml: error[E010]: the file is 17825795 bytes; a plan file may be at most \
         16 MiB\n"
            .to_string()
            + help,
        format!("plan/here: error[E010]: {loop_link}\n{help}"),
        format!(
            "plan/pipe.toml: error[E010]: not a regular file (a FIFO, a socket or a device)\n{help}"
        ),
        format!(
            "plan/units-more.toml: error[E010]: a link to {}, outside the repository\n{help}",
            outside_path.display()
        ),
        format!("plan/zero.toml: error[E010]: a link to /dev/zero, outside the repository\n{help}"),
    ]
    .concat();
    let out = run_within_a_minute(&repo, &["check"]);
    assert_eq!(out.stdout, expected);
    assert_eq!(out.code, 1);
    let out = run_within_a_minute(&repo, &["status", "--year", "2024"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with(&expected), "{}", out.stderr);
}

/// A count of twenty nines would add up to more than any sum can hold exactly (and two
/// of 1e308 to infinity): E008, left out of the year's data, never `inf`.
#[test]
fn a_huge_count_is_e008_and_never_reaches_the_data() {
    let repo = Repo::new()
        .file(
            "reports/2023/SKHCN.csv",
            "kind,id,status,value,result\ntask,3.2,done,,Khảo sát\n\
             indicator,PATENTS,,99999999999999999999,\n",
        )
        .file(
            "reports/2024/SKHCN.csv",
            "kind,id,value\nindicator,PATENTS,2\n",
        );
    let out = repo.run(&["check", "reports/2023/SKHCN.csv"]);
    assert_eq!(
        out.stdout,
        "reports/2023/SKHCN.csv:3:4: error[E008]: 99999999999999999999 is too large for a \
         report's value\n  = help: give the value itself in the indicator's unit: no report \
         value comes near a thousand million million\n"
    );
    assert_eq!(out.code, 1);
    let merged = repo
        .run(&["merge", "--year", "2024", "--format", "json"])
        .success();
    assert!(
        !merged.stdout.contains("inf") && !merged.stdout.contains("e+"),
        "{}",
        merged.stdout
    );
    let patents = &merged.json()["indicators"]
        .as_array()
        .expect("indicators")
        .iter()
        .find(|i| i["id"] == "PATENTS")
        .expect("PATENTS")
        .clone();
    assert_eq!(patents["cumulative"], serde_json::json!(2.0));
}

/// ESC and BEL in a report's cells: shown as `\u{1b}` and `\u{7}` in every message, in
/// every form, and never raw in the Markdown or HTML report, nor in a table on a terminal.
#[test]
fn control_characters_from_a_cell_never_reach_a_terminal_or_a_document() {
    let repo = Repo::new()
        .file(
            "reports/2024/STC.csv",
            "kind,id,status,value,result,difficulties\n\
             task,3.1,done,,Bố trí \u{1b}]0;bị chiếm\u{7} kinh phí,\u{1b}[2JXoá màn hình\n\
             indicator,STI_BUDGET_SHARE,,\"0,9\",\u{7}\u{7}\u{7},\n",
        )
        .file(
            "reports/2024/SKHCN.csv",
            "kind,id,status,result\ntask,3.2,xong\u{1b}[31m,x\n",
        );
    let raw = |text: &str| text.contains(['\u{1b}', '\u{7}']);
    let out = repo.run(&["check", "reports/2024/SKHCN.csv"]);
    assert!(
        out.stdout.contains(
            "reports/2024/SKHCN.csv:2:3: error[E007]: unknown status \"xong\\u{1b}[31m\"\n"
        ),
        "{}",
        out.stdout
    );
    for format in ["text", "json", "github", "gitlab", "sarif"] {
        let out = repo.run(&["check", "--format", format]);
        assert!(
            !raw(&out.stdout) && !raw(&out.stderr),
            "check --format {format}"
        );
    }
    for args in [
        ["report", "--year", "2024", "--format", "md"].as_slice(),
        &["report", "--year", "2024", "--format", "html"],
        &["status", "--year", "2024"],
        &["status", "--year", "2024", "--format", "md"],
        &["merge", "--year", "2024", "--format", "json"],
    ] {
        let out = repo.run(args).success();
        assert!(
            !raw(&out.stdout) && !raw(&out.stderr),
            "{args:?}:\n{}",
            out.stdout
        );
    }
    let md = repo
        .run(&["report", "--year", "2024", "--format", "md"])
        .success();
    assert!(
        md.stdout.contains("\\\\u{1b}\\]0;bị chiếm\\\\u{7}"),
        "{}",
        md.stdout
    );
    let html = repo
        .run(&["report", "--year", "2024", "--format", "html"])
        .success();
    assert!(
        html.stdout.contains("\\u{1b}[2JXoá màn hình"),
        "{}",
        html.stdout
    );
}

/// UTF-16 without a byte-order mark is E001 with the fix, never ids with NULs inside.
#[test]
fn utf16_without_a_byte_order_mark_is_e001() {
    let text = "kind,id,status,result\r\ntask,3.1,done,Bố trí kinh phí\r\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    let repo = Repo::new()
        .file("reports/2024/STC.csv", le)
        .file("reports/2024/SKHCN.csv", be);
    let out = repo.run(&["check"]);
    let e001 = |path: &str| {
        format!(
            "{path}:1: error[E001]: the file is UTF-16 text without a byte-order mark, so its \
             encoding cannot be told for sure\n  = help: save the file as \"CSV UTF-8 (Comma \
             delimited)\" in Excel (or \"Text CSV\" with character set \"Unicode (UTF-8)\" in \
             LibreOffice)\n"
        )
    };
    assert_eq!(
        out.stdout,
        [e001("reports/2024/SKHCN.csv"), e001("reports/2024/STC.csv")].concat()
    );
    assert_eq!(out.code, 1);
}

/// An old Mac export ends its lines with a CR alone: every line number counts them.
#[test]
fn cr_only_line_ends_count_for_every_line_number() {
    let repo = Repo::new().file(
        "reports/2024/STC.csv",
        "Báo cáo năm 2024\rkind,id,status,value,result\rtask,3.1,xong,,\"hai\rdòng\"\r\r\
         indicator,STI_BUDGET_SHARE,,abc,\r",
    );
    let out = repo.run(&["check"]);
    let lines: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| !l.starts_with("  ="))
        .collect();
    assert_eq!(
        lines,
        [
            "reports/2024/STC.csv:3:3: error[E007]: unknown status \"xong\"",
            "reports/2024/STC.csv:6:4: error[E008]: \"abc\" is not a number (spreadsheet row 5)"
        ]
    );
}

/// An empty `reports/2031/`, past the plan's period, is no year of the plan: `status`
/// without `--year` still shows the latest year of the plan that has reports.
#[test]
fn the_default_year_ignores_folders_outside_the_plan() {
    let repo = Repo::new().file(
        "reports/2024/STC.csv",
        "kind,id,status,result\ntask,3.1,done,Bố trí kinh phí\n",
    );
    std::fs::create_dir_all(repo.path().join("reports/2031")).expect("make the folder");
    std::fs::create_dir_all(repo.path().join("reports/1999")).expect("make the folder");
    let defaulted = repo.run(&["merge", "--format", "json"]).success();
    let asked = repo
        .run(&["merge", "--format", "json", "--year", "2024"])
        .success();
    assert_eq!(defaulted.json()["year"], 2024);
    assert_eq!(defaulted.stdout, asked.stdout);
}
