//! `check --changed REF` (SPEC section 6) on a git repository built in the test: only
//! the reports that differ from the merge base are checked, untracked ones included; a
//! change to the plan checks everything; the cross-file rules still read the unchanged
//! reports they need.

use pretty_assertions::assert_eq;

use crate::builder::Repo;

const W104_2024: &[u8] = include_bytes!("../fixtures/reports/W104-2024.csv");
const CLEAN: &[u8] = include_bytes!("../fixtures/reports/clean.csv");
const UNKNOWN_TASK: &[u8] = include_bytes!("../fixtures/reports/E005-unknown-task.csv");

/// A data repository with the shipped plan and STC's reports committed on `main`: 2023
/// with an unknown task id (an error already on `main`) and an indicator value of 1,2,
/// 2024 clean; then a branch `topic` checked out.
fn repository() -> Repo {
    let repo = Repo::shipped()
        .file("reports/2023/STC.csv", UNKNOWN_TASK)
        .file("reports/2024/STC.csv", CLEAN);
    repo.git(&["init", "-q", "-b", "main"])
        .git(&["add", "-A"])
        .git(&["commit", "-q", "-m", "STC: báo cáo năm 2023 và 2024"])
        .git(&["checkout", "-q", "-b", "topic"]);
    repo
}

/// `(code, file)` of each diagnostic of a JSON run.
fn codes(out: &crate::builder::Output) -> Vec<(String, String)> {
    out.json()
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn nothing_changed_checks_no_report() {
    let out = repository().run(&["check", "--changed", "main"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            0,
            "",
            "checked the plan and 0 report files: 0 errors, 0 warnings\n"
        )
    );
}

/// A committed change and an untracked file are checked; the error already on `main`
/// (STC's 2023 report) is not. STC's 2024 value, far from its unchanged 2023 report, is
/// W104: last year's report is read though it did not change.
#[test]
fn committed_and_untracked_changes_are_checked_with_last_year_read() {
    let repo = repository()
        .file("reports/2024/STC.csv", W104_2024)
        .file("reports/2024/NOBODY.csv", CLEAN);
    repo.git(&["commit", "-q", "-am", "STC: số liệu năm 2024"]);
    let out = repo.run(&["check", "--changed", "main", "--format", "json"]);
    assert_eq!(
        codes(&out),
        [
            ("E004".to_string(), "reports/2024/NOBODY.csv".to_string()),
            ("W104".to_string(), "reports/2024/STC.csv".to_string()),
        ]
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 2 report files: 1 error, 1 warning\n"
    );
    assert_eq!(out.code, 1);
}

/// A change not yet committed (the work tree against the merge base) counts too, and the
/// merge base is what counts: a report changed on `main` after the branch began is not
/// the branch's change.
#[test]
fn the_work_tree_is_compared_with_the_merge_base() {
    let repo = repository();
    repo.git(&["checkout", "-q", "main"]);
    let repo = repo.file("reports/2023/STC.csv", W104_2024);
    repo.git(&["commit", "-q", "-am", "STC: sửa báo cáo 2023"])
        .git(&["checkout", "-q", "topic"]);
    let repo = repo.file("reports/2024/STC.csv", W104_2024);
    let out = repo.run(&["check", "--changed", "main", "--format", "json"]);
    // Only 2024 changed on the branch; its W104 compares with the 2023 report in the
    // work tree (the branch's), which holds 1,2.
    assert_eq!(
        codes(&out),
        [("W104".to_string(), "reports/2024/STC.csv".to_string())]
    );
}

/// A change under plan/ can change what every report means: all are checked.
#[test]
fn a_change_to_the_plan_checks_every_report() {
    let repo = repository();
    let plan = std::fs::read_to_string(repo.path().join("plan/plan.toml")).unwrap();
    let repo = repo.file(
        "plan/plan.toml",
        plan.replace("due_before = \"11-20\"", "due_before = \"11-25\""),
    );
    let out = repo.run(&["check", "--changed", "main", "--format", "json"]);
    assert_eq!(
        codes(&out),
        [
            ("W101".to_string(), "reports/2023/STC.csv".to_string()),
            ("E005".to_string(), "reports/2023/STC.csv".to_string()),
        ]
    );
    assert_eq!(
        out.stderr,
        "checked the plan and 2 report files: 1 error, 1 warning\n"
    );
}

/// E012 needs every unit's value of the year: the unchanged report of the other unit
/// is read, and the error shown at the changed file's row only.
#[test]
fn a_single_indicator_conflict_with_an_unchanged_report_is_found() {
    let shared = "[[indicator]]\n\
                  id = \"LABS\"\n\
                  name = \"Số phòng thí nghiệm được công nhận\"\n\
                  unit = \"count\"\n\
                  measure = \"level\"\n\
                  aggregate = \"single\"\n\
                  reporters = [\"STC\", \"SKHCN\"]\n";
    let report = |value: &str| {
        format!(
            "kind,id,title,status,value,result\r\nindicator,LABS,Số phòng thí nghiệm,,{value},\r\n"
        )
    };
    let repo = Repo::shipped()
        .file("plan/labs.toml", shared)
        .file("reports/2024/SKHCN.csv", report("3"));
    repo.git(&["init", "-q", "-b", "main"])
        .git(&["add", "-A"])
        .git(&["commit", "-q", "-m", "SKHCN: báo cáo năm 2024"]);
    let repo = repo.file("reports/2024/STC.csv", report("4"));
    let out = repo.run(&["check", "--changed", "HEAD", "--format", "json"]);
    let found = codes(&out);
    assert!(
        found.iter().all(|(_, file)| file == "reports/2024/STC.csv"),
        "{found:?}"
    );
    let errors: Vec<&str> = found
        .iter()
        .map(|(code, _)| code.as_str())
        .filter(|code| code.starts_with('E'))
        .collect();
    assert_eq!(errors, ["E012"]);
    assert!(
        out.stderr
            .starts_with("checked the plan and 1 report file: 1 error,"),
        "{}",
        out.stderr
    );
}

/// A second file of a unit and year beside its unchanged report is still refused.
#[test]
fn a_new_workbook_beside_an_unchanged_report_is_e011() {
    let repo = repository().file("reports/2024/STC.xlsx", b"not read".as_slice());
    let out = repo.run(&["check", "--changed", "main", "--format", "json"]);
    assert_eq!(
        codes(&out),
        [("E011".to_string(), "reports/2024/STC.xlsx".to_string())]
    );
}

#[test]
fn an_unknown_ref_cannot_run() {
    let out = repository().run(&["check", "--changed", "no-such-branch"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("error: no merge base of no-such-branch and HEAD"),
        "{}",
        out.stderr
    );
}

#[test]
fn outside_a_git_repository_cannot_run() {
    let out = Repo::shipped().run(&["check", "--changed", "main"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("error: --changed needs a git repository"),
        "{}",
        out.stderr
    );
}
