//! `check` holds whatever it is given: files it cannot read are refused one by one
//! while the rest are checked, arbitrary bytes never crash it, `import` loses no cell of
//! a report in any of the forms clerks save, the order files are found in changes
//! nothing, and a closed pipe ends a command quietly.

use std::io::Read;
use std::process::{Command, Stdio};

use pretty_assertions::assert_eq;
use proptest::prelude::*;

use crate::builder::Repo;

/// A valid report of STC for 2024 under [`Repo::new`]'s plan.
const STC_2024: &str = "kind,id,title,status,value,result\n\
    task,3.1,Bảo đảm chi cho khoa học và công nghệ,done,,\"Đã bố trí 1,2% tổng chi ngân sách\"\n\
    indicator,STI_BUDGET_SHARE,Tỷ lệ chi ngân sách cho khoa học và công nghệ,,\"1,2\",\n";

/// The same report with a warning (W102: done without a result), to show it was checked.
const STC_2024_WARNING: &str = "kind,id,title,status,value,result\n\
    task,3.1,Bảo đảm chi cho khoa học và công nghệ,done,,\n\
    indicator,STI_BUDGET_SHARE,Tỷ lệ chi ngân sách cho khoa học và công nghệ,,\"1,2\",\n";

const W102_LINE: &str = "reports/2024/STC.csv:2:6: warning[W102]: task \"3.1\" is marked Hoàn thành (done) but its \
    result is empty\n  = help: say what was done this year in the result (Kết quả) column\n";

#[cfg(unix)]
#[test]
fn a_link_out_of_the_root_is_refused_and_the_rest_checked() {
    let outside = tempfile::tempdir().expect("a folder outside the repository");
    let target = outside.path().join("SKHCN.csv");
    std::fs::write(&target, STC_2024).expect("write the file outside");
    let target = target.canonicalize().expect("resolve the file outside");
    let repo = Repo::new().file("reports/2024/STC.csv", STC_2024_WARNING);
    std::os::unix::fs::symlink(&target, repo.path().join("reports/2024/SKHCN.csv"))
        .expect("link to it");
    let out = repo.run(&["check"]);
    assert_eq!(
        out.stdout,
        format!(
            "reports/2024/SKHCN.csv: error[E011]: the file is a link to {}, outside the \
             repository\n  = help: commit the report itself, not a link to it\n{W102_LINE}",
            target.display()
        )
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 2 report files: 1 error, 1 warning\n"
    );
    assert_eq!(out.code, 1);
}

/// A pipe named like a report is refused without waiting for a writer: reports are
/// opened without blocking, and what is not a file is never read.
#[cfg(unix)]
#[test]
fn a_pipe_named_like_a_report_is_refused_without_waiting() {
    let repo = Repo::new().file("reports/2024/STC.csv", STC_2024_WARNING);
    let made = Command::new("mkfifo")
        .arg(repo.path().join("reports/2024/SKHCN.csv"))
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let out = repo.run(&["check"]);
    assert!(
        out.stdout.starts_with(
            "reports/2024/SKHCN.csv: error[E011]: this is not a regular file (a pipe, socket \
             or device)\n"
        ),
        "{}",
        out.stdout
    );
    assert!(out.stdout.ends_with(W102_LINE), "{}", out.stdout);
    assert_eq!(out.code, 1);
}

#[cfg(unix)]
#[test]
fn a_link_inside_the_root_is_read() {
    let repo = Repo::new().file("archive/STC.csv", STC_2024);
    std::fs::create_dir_all(repo.path().join("reports/2024")).expect("create the year folder");
    std::os::unix::fs::symlink(
        repo.path().join("archive/STC.csv"),
        repo.path().join("reports/2024/STC.csv"),
    )
    .expect("link to it");
    let out = repo.run(&["check"]).success();
    assert_eq!(out.stdout, "");
}

#[test]
fn a_file_over_64_mib_is_refused_and_the_rest_checked() {
    let repo = Repo::new().file("reports/2024/STC.csv", STC_2024_WARNING);
    // Sparse: no disk is spent on the 64 MiB.
    let big = std::fs::File::create(repo.path().join("reports/2024/SKHCN.csv")).expect("create");
    big.set_len(64 * 1024 * 1024 + 1).expect("grow the file");
    let out = repo.run(&["check"]);
    assert_eq!(
        out.stdout,
        format!(
            "reports/2024/SKHCN.csv: error[E011]: the file is 67108865 bytes; a report may be at \
             most 64 MiB\n  = help: a unit's report holds a few dozen rows: check that this is \
             the right file\n{W102_LINE}"
        )
    );
    assert_eq!(out.code, 1);
}

#[test]
fn a_folder_named_like_a_report_is_refused_and_the_rest_checked() {
    let repo = Repo::new()
        .file("reports/2024/STC.csv", STC_2024_WARNING)
        .file("reports/2024/SKHCN.csv/notes.txt", "not a report");
    let out = repo.run(&["check"]);
    assert_eq!(
        out.stdout,
        format!(
            "reports/2024/SKHCN.csv: error[E011]: this is a folder, not a report file\n  = help: \
             a report is one CSV file: reports/<YYYY>/<UNIT>.csv\n{W102_LINE}"
        )
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 2 report files: 1 error, 1 warning\n"
    );
    assert_eq!(out.code, 1);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_refused_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new()
        .file("reports/2024/STC.csv", STC_2024_WARNING)
        .file("reports/2024/SKHCN.csv", STC_2024);
    let locked = repo.path().join("reports/2024/SKHCN.csv");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod 000");
    if std::fs::read(&locked).is_ok() {
        // Root reads a file whatever its mode (CI runs as root): nothing is unreadable
        // here, and the folder named like a report stands in for this case.
        return;
    }
    let out = repo.run(&["check"]);
    assert_eq!(
        out.stdout,
        format!(
            "reports/2024/SKHCN.csv: error[E011]: cannot read the file: Permission denied (os \
             error 13)\n{W102_LINE}"
        )
    );
    assert_eq!(out.code, 1);
}

#[cfg(unix)]
#[test]
fn a_link_to_nothing_is_refused_and_the_rest_checked() {
    let repo = Repo::new().file("reports/2024/STC.csv", STC_2024_WARNING);
    std::os::unix::fs::symlink(
        repo.path().join("reports/2024/gone.csv"),
        repo.path().join("reports/2024/SKHCN.csv"),
    )
    .expect("link to nothing");
    let out = repo.run(&["check"]);
    assert_eq!(
        out.stdout,
        format!(
            "reports/2024/SKHCN.csv: error[E011]: cannot read the file: No such file or \
             directory (os error 2)\n{W102_LINE}"
        )
    );
    assert_eq!(out.code, 1);
}

#[cfg(unix)]
#[test]
fn a_link_back_to_the_reports_folder_is_not_walked_for_ever() {
    let repo = Repo::new().file("reports/2024/STC.csv", STC_2024_WARNING);
    std::os::unix::fs::symlink(
        repo.path().join("reports"),
        repo.path().join("reports/2024/loop"),
    )
    .expect("link to a parent");
    let out = repo.run(&["check"]);
    assert_eq!(out.stdout, W102_LINE);
    assert_eq!(out.code, 0);
}

#[test]
fn a_root_that_is_nothing_stops_the_command() {
    let repo = Repo::empty();
    let nowhere = repo.path().join("nowhere");
    let out = repo.run(&["--root", nowhere.to_str().expect("a UTF-8 path"), "check"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!("error: {} holds no plan/plan.toml\n", nowhere.display())
    );
    assert_eq!(out.code, 2);
}

/// Runs `ktplan ARGS` in `repo` with its standard output a pipe closed before it writes.
fn run_with_closed_stdout(repo: &Repo, args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ktplan"))
        .args(args)
        .current_dir(repo.path())
        .env_remove("KTPLAN_ROOT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ktplan");
    drop(child.stdout.take());
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("standard error")
        .read_to_string(&mut stderr)
        .expect("read standard error");
    let status = child.wait().expect("wait for ktplan");
    (status.code().expect("ktplan ended by a signal"), stderr)
}

#[test]
fn a_closed_pipe_ends_a_listing_quietly() {
    let repo = Repo::shipped();
    for args in [
        ["tasks"].as_slice(),
        &["tasks", "--format", "json"],
        &["units"],
    ] {
        let (code, stderr) = run_with_closed_stdout(&repo, args);
        assert_eq!((code, stderr.as_str()), (0, ""), "ktplan {args:?}");
    }
}

#[test]
fn a_closed_pipe_ends_a_check_quietly() {
    let repo = Repo::new().file("reports/2024/STC.csv", STC_2024_WARNING);
    let (code, stderr) = run_with_closed_stdout(&repo, &["check", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("error"), "{stderr}");
}

#[test]
fn a_pipe_closed_after_the_first_line_ends_a_listing_quietly() {
    let repo = Repo::shipped();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ktplan"))
        .args(["tasks", "--format", "csv"])
        .current_dir(repo.path())
        .env_remove("KTPLAN_ROOT")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ktplan");
    let mut stdout = child.stdout.take().expect("standard output");
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).expect("the listing starts");
    drop(stdout);
    let out = child.wait_with_output().expect("wait for ktplan");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

// ---- properties -------------------------------------------------------------------

/// Words of report text, with the characters that CSV and spreadsheets trip over.
const WORDS: [&str; 16] = [
    "Đã",
    "triển khai",
    "kế hoạch",
    "số 12/KH-UBND",
    "hỗ trợ",
    "doanh nghiệp",
    "\"Techfest\"",
    "1,2%",
    "18.500",
    "ngân sách;",
    "khoa học",
    "công nghệ,",
    "- thẩm định",
    "đổi mới",
    "sáng tạo",
    "Kon Tum",
];

/// Text a clerk types in a cell: words joined by spaces, commas, semicolons, quotes
/// and line breaks (as Alt+Enter in Excel makes them); never blank at either end.
fn cell_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(WORDS.to_vec()),
            prop::sample::select(vec![" ", " ", ", ", "; ", "\n", "\"", " \"", "\t"]),
        ),
        0..6,
    )
    .prop_map(|parts| {
        let mut text = String::new();
        for (i, (word, joint)) in parts.iter().enumerate() {
            if i > 0 {
                text.push_str(joint);
            }
            text.push_str(word);
        }
        text.trim().to_string()
    })
}

/// The ways a report reaches the coordinator.
#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
}

fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16Le => std::iter::once(0xFEFFu16)
            .chain(text.encode_utf16())
            .flat_map(u16::to_le_bytes)
            .collect(),
        Encoding::Utf16Be => std::iter::once(0xFEFFu16)
            .chain(text.encode_utf16())
            .flat_map(u16::to_be_bytes)
            .collect(),
    }
}

/// A CSV cell for `delimiter`: quoted when it must be.
fn csv_cell(text: &str, delimiter: char) -> String {
    if text.contains([delimiter, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// One row of a generated report, as the canonical file must give it back.
#[derive(Debug, Clone)]
struct Expected {
    kind: &'static str,
    id: &'static str,
    title: &'static str,
    status: &'static str,
    value: String,
    texts: [String; 4],
}

/// A row a unit owes: kind, id and title.
type Owed = (&'static str, &'static str, &'static str);

/// The rows STC and SKHCN owe for 2024 under [`Repo::new`]'s plan.
const OWED: [(&str, &[Owed]); 2] = [
    (
        "STC",
        &[
            ("task", "3.1", "Bảo đảm chi cho khoa học và công nghệ"),
            (
                "indicator",
                "STI_BUDGET_SHARE",
                "Tỷ lệ chi ngân sách cho khoa học và công nghệ",
            ),
        ],
    ),
    (
        "SKHCN",
        &[
            ("task", "3.1", "Bảo đảm chi cho khoa học và công nghệ"),
            ("task", "3.2", "Huy động vốn ngoài ngân sách"),
            ("indicator", "PATENTS", "Số sáng chế được bảo hộ"),
        ],
    ),
];

/// Status cells as clerks write them, with the canonical status each means.
const STATUSES: [(&str, &str); 8] = [
    ("done", "done"),
    ("Hoàn thành", "done"),
    ("đã hoàn thành", "done"),
    ("Đang thực hiện", "in_progress"),
    ("ĐANG TRIỂN KHAI", "in_progress"),
    ("Chưa thực hiện", "not_started"),
    ("Không phát sinh", "not_applicable"),
    ("not_applicable", "not_applicable"),
];

/// A report in some form, the unit it is for, and what import must keep of it.
#[derive(Debug, Clone)]
struct Generated {
    unit: &'static str,
    bytes: Vec<u8>,
    rows: Vec<Expected>,
}

fn generated_report() -> impl Strategy<Value = Generated> {
    let row = (
        prop::sample::select(STATUSES.to_vec()),
        0u32..100_000,
        any::<bool>(),
        [cell_text(), cell_text(), cell_text(), cell_text()],
    );
    (
        0..OWED.len(),
        prop::sample::select(vec![',', ';', '\t']),
        prop::sample::select(vec![
            Encoding::Utf8,
            Encoding::Utf8Bom,
            Encoding::Utf16Le,
            Encoding::Utf16Be,
        ]),
        any::<bool>(),
        any::<bool>(),
        Just((0..9).collect::<Vec<usize>>()).prop_shuffle(),
        prop::collection::vec(row, 3),
    )
        .prop_map(
            |(unit, delimiter, encoding, vietnamese, crlf, order, rows)| {
                let (unit, owed) = OWED[unit];
                let english = [
                    "kind",
                    "id",
                    "title",
                    "status",
                    "value",
                    "result",
                    "difficulties",
                    "proposals",
                    "note",
                ];
                let vietnamese_names = [
                    "Loại",
                    "Mã",
                    "Nội dung",
                    "Trạng thái",
                    "Giá trị",
                    "Kết quả",
                    "Khó khăn, vướng mắc",
                    "Kiến nghị, đề xuất",
                    "Ghi chú",
                ];
                let names = if vietnamese {
                    vietnamese_names
                } else {
                    english
                };
                let end = if crlf { "\r\n" } else { "\n" };
                let line = |cells: [String; 9]| -> String {
                    let ordered: Vec<String> = order
                        .iter()
                        .map(|&i| csv_cell(&cells[i], delimiter))
                        .collect();
                    format!("{}{end}", ordered.join(&delimiter.to_string()))
                };
                let mut text = line(names.map(str::to_string));
                let mut expected = Vec::new();
                for (&(kind, id, title), (status, number, percent_sign, texts)) in
                    owed.iter().zip(rows)
                {
                    let (status_cell, status) = if kind == "task" { status } else { ("", "") };
                    let (value_cell, value) = match (kind, id) {
                        ("task", _) => (String::new(), String::new()),
                        (_, "STI_BUDGET_SHARE") => {
                            // A percentage with one decimal, in the file's decimal mark.
                            let value = f64::from(number % 1000) / 10.0;
                            let mut cell = format!("{value:.1}");
                            if delimiter == ';' {
                                cell = cell.replace('.', ",");
                            }
                            if percent_sign {
                                cell.push('%');
                            }
                            (cell, value.to_string())
                        }
                        _ => (number.to_string(), f64::from(number).to_string()),
                    };
                    let kind_cell = match (vietnamese, kind) {
                        (true, "task") => "Nhiệm vụ",
                        (true, _) => "Chỉ tiêu",
                        (false, kind) => kind,
                    };
                    text.push_str(&line([
                        kind_cell.to_string(),
                        id.to_string(),
                        title.to_string(),
                        status_cell.to_string(),
                        value_cell,
                        texts[0].clone(),
                        texts[1].clone(),
                        texts[2].clone(),
                        texts[3].clone(),
                    ]));
                    expected.push(Expected {
                        kind,
                        id,
                        title,
                        status,
                        value,
                        texts,
                    });
                }
                Generated {
                    unit,
                    bytes: encode(&text, encoding),
                    rows: expected,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever form a report comes in, import writes every cell of it to the canonical
    /// file, and the imported report then passes check.
    #[test]
    fn import_keeps_every_cell(report in generated_report()) {
        let repo = Repo::new().file("received.csv", &report.bytes);
        let out = repo.run(&["--lang", "en", "import", "received.csv", "--unit", report.unit, "--year", "2024"]);
        prop_assert_eq!(out.code, 0, "import refused it:\n{}{}", out.stdout, out.stderr);
        let written = std::fs::read(repo.path().join(format!("reports/2024/{}.csv", report.unit)))
            .expect("import wrote the report");
        let written = written.strip_prefix(b"\xEF\xBB\xBF").expect("a byte-order mark");
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(written);
        let records: Vec<csv::StringRecord> =
            reader.records().collect::<Result<_, _>>().expect("canonical CSV");
        prop_assert_eq!(
            records[0].iter().collect::<Vec<_>>(),
            vec!["kind", "id", "title", "status", "value", "result", "difficulties",
                 "proposals", "note"]
        );
        prop_assert_eq!(records.len(), report.rows.len() + 1);
        for (record, row) in records[1..].iter().zip(&report.rows) {
            let got: Vec<&str> = record.iter().collect();
            let value = got[4].parse::<f64>().map(|v| v.to_string()).unwrap_or_default();
            prop_assert_eq!(&got[..4], &[row.kind, row.id, row.title, row.status][..]);
            prop_assert_eq!(value, row.value.clone());
            prop_assert_eq!(&got[5..], &row.texts.iter().map(String::as_str).collect::<Vec<_>>()[..]);
        }
        let check = repo.run(&["check"]);
        prop_assert_eq!(check.code, 0, "check after import:\n{}", check.stdout);
        prop_assert!(!check.stdout.contains("error["), "{}", check.stdout);
    }

    /// Any bytes at all, as a report: check ends with 0, 1 or 2 and never panics.
    #[test]
    fn check_never_crashes_on_any_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        unit in prop::sample::select(vec!["STC", "SKHCN", "DAKHA", "NOBODY"]),
        year in 2022..2032i32,
    ) {
        let repo = Repo::new().file("received.csv", &bytes);
        let year = year.to_string();
        let out = repo.run(&["check", "received.csv", "--unit", unit, "--year", &year]);
        prop_assert!((0..=2).contains(&out.code), "exit {}", out.code);
        prop_assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

/// Reports for [`Repo::new`]'s plan over two years, with errors and a value far from
/// last year's (W104), named by path.
fn reports_over_two_years() -> Vec<(&'static str, String)> {
    let stc = |value: &str, status: &str| {
        format!(
            "kind,id,title,status,value,result\n\
             task,3.1,Bảo đảm chi cho khoa học và công nghệ,{status},,Đã bố trí\n\
             indicator,STI_BUDGET_SHARE,Tỷ lệ chi ngân sách cho khoa học và công nghệ,,{value},\n"
        )
    };
    let skhcn = |patents: &str| {
        format!(
            "kind,id,title,status,value,result\n\
             task,3.2,Huy động vốn ngoài ngân sách,đang thực hiện,,Đã làm\n\
             indicator,PATENTS,Số sáng chế được bảo hộ,,{patents},\n"
        )
    };
    vec![
        ("reports/2023/STC.csv", stc("12", "done")),
        ("reports/2024/STC.csv", stc("45", "xong")),
        ("reports/2023/SKHCN.csv", skhcn("3")),
        ("reports/2024/SKHCN.csv", skhcn("40")),
        ("reports/2024/DAKHA.csv", "kind;id\ntask;3.3\n".to_string()),
        ("reports/2024/NOBODY.csv", "kind,id\n".to_string()),
        (
            "reports/2025/STC.csv",
            "\u{FEFF}Loại,Mã\n\"unbalanced\n".to_string(),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    /// The order files are written in (so the order the folder lists them in) does not
    /// change a single byte of what check prints.
    #[test]
    fn the_order_files_are_found_in_changes_nothing(
        order in Just((0..7).collect::<Vec<usize>>()).prop_shuffle()
    ) {
        let files = reports_over_two_years();
        let mut reference = Repo::new();
        for (path, text) in &files {
            reference = reference.file(path, text);
        }
        let expected = reference.run(&["check", "--format", "json"]);
        prop_assert!(expected.stdout.contains("W104") && expected.stdout.contains("E007"));
        let mut shuffled = Repo::new();
        for &i in &order {
            shuffled = shuffled.file(files[i].0, &files[i].1);
        }
        let out = shuffled.run(&["check", "--format", "json"]);
        prop_assert_eq!(out.stdout, expected.stdout);
        prop_assert_eq!(out.stderr, expected.stderr);
        prop_assert_eq!(out.code, expected.code);
    }
}

/// Found by the `report` fuzz target: a workbook whose OLE container lies about its
/// sector sizes made the workbook library panic. The panic was caught, but its message
/// and backtrace reached the user; now only E011 does, and the other files are checked.
#[test]
fn a_damaged_workbook_is_refused_without_a_panic_message() {
    let damaged = std::fs::read(format!(
        "{}/tests/fixtures/fuzz/damaged-cfb.xlsx",
        crate::builder::MANIFEST_DIR
    ))
    .expect("read the fixture");
    let repo = Repo::new()
        .file("reports/2024/STC.csv", STC_2024_WARNING)
        .file("reports/2024/SKHCN.xlsx", damaged);
    let out = repo.run(&["check", "reports/2024/SKHCN.xlsx", "reports/2024/STC.csv"]);
    assert_eq!(
        out.stdout,
        format!(
            "reports/2024/SKHCN.xlsx: error[E011]: cannot read the workbook: its contents are \
             damaged\n  = help: the file may be damaged or incomplete: open it in the \
             spreadsheet, save it again as .xlsx, and check it again\n{W102_LINE}"
        )
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 2 report files: 1 error, 1 warning\n"
    );
    assert_eq!(out.code, 1);
}
