//! `ktplan check` as scripts and CI use it (SPEC sections 5 and 6): the JSON and GitHub
//! forms alone on standard output, `--strict`, every report found and reported in one
//! run, files outside `reports/`, and paths shown relative to the root.

use pretty_assertions::assert_eq;

use crate::builder::Repo;

/// The bytes of `tests/fixtures/reports/<name>`.
macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../fixtures/reports/", $name)).as_slice()
    };
}

/// STC's report for 2024 with a warning (3.3 done, no result) and an error (120%), both
/// below a cell with a line break, so their spreadsheet rows differ from their lines.
fn error_and_warning() -> Repo {
    Repo::shipped().file("reports/2024/STC.csv", fixture!("error-and-warning.csv"))
}

#[test]
fn text_form() {
    let out = error_and_warning().run(&["check"]);
    assert_eq!(
        out.stdout,
        "reports/2024/STC.csv:4:6: warning[W102]: task \"3.3\" is marked Hoàn thành (done) but its result is empty (spreadsheet row 3)\n\
         \x20 = help: say what was done this year in the result (Kết quả) column\n\
         reports/2024/STC.csv:10:5: error[E008]: 120% is out of range: a percentage lies between 0 and 100 (spreadsheet row 9)\n\
         \x20 = help: give the percentage itself, e.g. 1,2 for 1.2%\n"
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 1 warning\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn json_form_is_alone_on_standard_output() {
    let out = error_and_warning().run(&["check", "--format", "json"]);
    assert_eq!(
        out.stdout,
        r#"[
  {
    "severity": "warning",
    "code": "W102",
    "file": "reports/2024/STC.csv",
    "line": 4,
    "column": 6,
    "row": 3,
    "message": "task \"3.3\" is marked Hoàn thành (done) but its result is empty",
    "help": "say what was done this year in the result (Kết quả) column"
  },
  {
    "severity": "error",
    "code": "E008",
    "file": "reports/2024/STC.csv",
    "line": 10,
    "column": 5,
    "row": 9,
    "message": "120% is out of range: a percentage lies between 0 and 100",
    "help": "give the percentage itself, e.g. 1,2 for 1.2%"
  }
]
"#
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 1 warning\n"
    );
    assert_eq!(out.code, 1);
}

/// A diagnostic about a whole file has no line or column, and one without a hint has
/// none: the keys are there all the same, as null.
#[test]
fn json_form_of_a_whole_file_diagnostic() {
    let out = Repo::shipped()
        .file("reports/2022/STC.csv", fixture!("clean.csv"))
        .run(&["check", "--format", "json"]);
    assert_eq!(
        out.stdout,
        r#"[
  {
    "severity": "error",
    "code": "E004",
    "file": "reports/2022/STC.csv",
    "line": null,
    "column": null,
    "message": "the year 2022 lies outside the plan's period 2023-2030",
    "help": null
  }
]
"#
    );
    assert_eq!(out.code, 1);
}

/// No problem at all is an empty array, still valid JSON.
#[test]
fn json_form_of_a_clean_report() {
    let out = Repo::shipped()
        .file("reports/2024/STC.csv", fixture!("clean.csv"))
        .run(&["check", "--format", "json"]);
    assert_eq!(out.stdout, "[]\n");
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn github_form_is_alone_on_standard_output() {
    let out = error_and_warning().run(&["check", "--format", "github"]);
    assert_eq!(
        out.stdout,
        "::warning file=reports/2024/STC.csv,line=4,col=6,title=W102::task \"3.3\" is marked Hoàn thành (done) but \
         its result is empty (spreadsheet row 3)%0Ahelp: say what was done this year in the \
         result (Kết quả) column\n\
         ::error file=reports/2024/STC.csv,line=10,col=5,title=E008::120%25 is out of range: a \
         percentage lies between 0 and 100 (spreadsheet row 9)%0Ahelp: give the percentage \
         itself, e.g. 1,2 for 1.2%25\n"
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 1 warning\n"
    );
    assert_eq!(out.code, 1);
}

/// Warnings alone pass, unless `--strict` makes them count.
#[test]
fn strict_makes_warnings_fail() {
    let repo = Repo::shipped().file("reports/2024/STC.csv", fixture!("W102-empty.csv"));
    let relaxed = repo.run(&["check"]);
    let strict = repo.run(&["check", "--strict"]);
    assert_eq!(relaxed.code, 0);
    assert_eq!(strict.code, 1);
    assert_eq!(strict.stdout, relaxed.stdout);
    assert_eq!(
        strict.stdout.matches(": warning[W102]: ").count(),
        3,
        "{}",
        strict.stdout
    );
    assert_eq!(
        strict.stderr,
        "checked the plan and 1 report file: 0 errors, 3 warnings\n"
    );
}

/// `--strict` on a clean report still passes.
#[test]
fn strict_passes_a_clean_report() {
    let out = Repo::shipped()
        .file("reports/2024/STC.csv", fixture!("clean.csv"))
        .run(&["check", "--strict"]);
    assert_eq!(out.stdout, "");
    assert_eq!(out.code, 0);
}

/// Without paths, `check` reads every report under `reports/<YYYY>/` and nothing else (a
/// README, a note), and reports every problem of every file in one run. A workbook left
/// beside the unit's CSV report is not read a second time: it is E011.
#[test]
fn every_report_is_found_and_every_problem_reported_in_one_run() {
    let out = Repo::shipped()
        .file("reports/README.md", "# Báo cáo của các đơn vị\n")
        .file("reports/2023/STC.csv", fixture!("W102-empty.csv"))
        .file("reports/2024/STC.csv", fixture!("E007-status.csv"))
        .file(
            "reports/2024/ghi-chu.txt",
            "Sở Tài chính gửi ngày 15/11/2024\n",
        )
        // The workbook the report was saved from (only its start: a zip archive).
        .file("reports/2024/STC.xlsx", b"PK\x03\x04\x14\x00\x06\x00")
        .file("reports/2025/SKHDT.csv", fixture!("E004-skhdt-2025.csv"))
        .run(&["check"]);
    let status_help = "  = help: use one of: Chưa thực hiện (not_started), Đang thực hiện \
                       (in_progress), Hoàn thành (done), Không phát sinh (not_applicable)";
    let result_help = "  = help: say what was done this year in the result (Kết quả) column";
    let expected = [
        "reports/2023/STC.csv:3:6: warning[W102]: task \"3.3\" is marked Hoàn thành (done) but its result is empty",
        result_help,
        "reports/2023/STC.csv:8:6: warning[W102]: task \"IV.4.2\" is marked Đang thực hiện (in_progress) but its result is empty",
        result_help,
        "reports/2023/STC.csv:9:5: warning[W102]: indicator \"STI_BUDGET_SHARE\" has no value",
        "  = help: give this year's value in percent (0 to 100)",
        "reports/2024/STC.csv:3:4: error[E007]: unknown status \"Đã xong\"",
        status_help,
        "reports/2024/STC.csv:8:4: error[E007]: task \"IV.4.2\" has no status",
        status_help,
        "reports/2024/STC.xlsx: error[E011]: STC already has a report for 2024 in \
         reports/2024/STC.csv: this file is not read",
        "  = help: a unit sends one report a year: delete the file that is not the report (to \
         make a workbook the report, `ktplan import reports/2024/STC.xlsx --unit STC --year 2024 \
         --force` writes it as STC.csv; then delete the workbook)",
        "reports/2025/SKHDT.csv: error[E004]: SKHDT no longer existed on 2025-11-20, the due date of the 2025 reports",
        "  = help: its assignments passed to STC: report as STC",
    ];
    assert_eq!(out.stdout, expected.join("\n") + "\n");
    assert_eq!(
        out.stderr,
        "checked the plan and 4 report files: 4 errors, 3 warnings\n"
    );
    assert_eq!(out.code, 1);
}

/// A report received by e-mail, checked where it was saved, before it is imported.
#[test]
fn file_outside_reports_with_unit_and_year() {
    let out = Repo::shipped()
        .file("inbox/bao-cao-so-tai-chinh.csv", fixture!("W102-empty.csv"))
        .run(&[
            "check",
            "inbox/bao-cao-so-tai-chinh.csv",
            "--unit",
            "STC",
            "--year",
            "2024",
        ]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "inbox/bao-cao-so-tai-chinh.csv:3:6: warning[W102]: task \"3.3\" is marked Hoàn thành (done) but its result is empty"
    );
    assert_eq!(lines.len(), 6, "{}", out.stdout);
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 0 errors, 3 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn file_outside_reports_without_unit_and_year() {
    let out = Repo::shipped()
        .file("inbox/bao-cao-so-tai-chinh.csv", fixture!("clean.csv"))
        .run(&["check", "inbox/bao-cao-so-tai-chinh.csv"]);
    assert_eq!(
        out.stdout,
        "inbox/bao-cao-so-tai-chinh.csv: error[E004]: cannot tell whose report this is from its path\n\
         \x20 = help: a report lives at reports/<YYYY>/<UNIT>.csv; for a file elsewhere give --unit and --year\n"
    );
    assert_eq!(out.code, 1);
}

/// However a file under the root is named on the command line, it is shown relative
/// to the root.
#[test]
fn paths_are_shown_relative_to_the_root() {
    let repo = Repo::shipped().file("reports/2024/STC.csv", fixture!("W102-empty.csv"));
    let absolute = repo.path().join("reports/2024/STC.csv");
    let dotted = "./reports/../reports/2024/STC.csv";
    for path in [absolute.to_str().expect("a UTF-8 path"), dotted] {
        let out = repo.run(&["check", path]);
        assert!(
            out.stdout
                .starts_with("reports/2024/STC.csv:3:6: warning[W102]: "),
            "{path}: {}",
            out.stdout
        );
        assert_eq!(out.code, 0);
    }
}

/// A file outside the root is shown as it is.
#[test]
fn path_outside_the_root_is_shown_in_full() {
    let elsewhere = tempfile::tempdir().expect("a folder outside the repository");
    let file = elsewhere
        .path()
        .canonicalize()
        .expect("resolve the folder")
        .join("STC.csv");
    std::fs::write(&file, fixture!("E007-status.csv")).expect("write the file");
    let out = Repo::shipped().run(&[
        "check",
        file.to_str().expect("a UTF-8 path"),
        "--unit",
        "STC",
        "--year",
        "2024",
    ]);
    assert!(
        out.stdout.starts_with(&format!(
            "{}:3:4: error[E007]: unknown status \"Đã xong\"\n",
            file.display()
        )),
        "{}",
        out.stdout
    );
    assert_eq!(out.code, 1);
}

/// A `single` indicator given a value by two units in one year is E012 at both rows:
/// `check` sees it across files, as the consolidation would.
#[test]
fn a_single_indicator_valued_by_two_units_is_e012_at_both_rows() {
    let shared = "[[indicator]]\n\
                  id = \"LABS\"\n\
                  name = \"Số phòng thí nghiệm được công nhận\"\n\
                  unit = \"count\"\n\
                  measure = \"level\"\n\
                  aggregate = \"single\"\n\
                  reporters = [\"STC\", \"SKHCN\"]\n";
    let report = |title: &str, value: &str| {
        format!("kind,id,title,status,value,result\r\nindicator,LABS,{title},,{value},\r\n")
    };
    let out = Repo::shipped()
        .file("plan/labs.toml", shared)
        .file("reports/2024/SKHCN.csv", report("Số phòng thí nghiệm", "3"))
        .file("reports/2024/STC.csv", report("Số phòng thí nghiệm", "4"))
        .run(&["check", "--format", "json"]);
    let errors: Vec<(String, u64, String)> = out
        .json()
        .as_array()
        .expect("a JSON array")
        .iter()
        .filter(|d| d["code"] == "E012")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let message = "indicator \"LABS\" takes one unit's value, but 2 units gave one for 2024: \
                   SKHCN (reports/2024/SKHCN.csv:2), STC (reports/2024/STC.csv:2); its value \
                   is left out";
    assert_eq!(
        errors,
        vec![
            ("reports/2024/SKHCN.csv".to_string(), 2, message.to_string()),
            ("reports/2024/STC.csv".to_string(), 2, message.to_string()),
        ]
    );
    assert_eq!(out.code, 1);
}
