//! `check --format gitlab` and `--format sarif` (SPEC section 5): the shapes GitLab's
//! Code Quality widget and GitHub code scanning read, and fingerprints that stay put.

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::builder::{Repo, external};

const ERROR_AND_WARNING: &[u8] = include_bytes!("../fixtures/reports/error-and-warning.csv");

/// STC's report for 2024 with a warning (3.3 done, no result) and an error (120%).
fn error_and_warning() -> Repo {
    Repo::shipped().file("reports/2024/STC.csv", ERROR_AND_WARNING)
}

/// The same report with a `sep=;` line above its header, so every row moves a line down.
fn moved_down() -> Repo {
    let mut bytes = ERROR_AND_WARNING.to_vec();
    // After the byte-order mark.
    bytes.splice(3..3, b"sep=;\r\n".iter().copied());
    Repo::shipped().file("reports/2024/STC.csv", bytes)
}

#[test]
fn gitlab_form_is_a_code_quality_report_alone_on_standard_output() {
    let out = error_and_warning().run(&["check", "--format", "gitlab"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 1 warning\n"
    );
    let mut issues = out.json();
    for issue in issues.as_array_mut().unwrap() {
        let fingerprint = issue["fingerprint"].take();
        assert_eq!(fingerprint.as_str().unwrap().len(), 16, "{fingerprint}");
    }
    assert_eq!(
        issues,
        serde_json::json!([
            {
                "description": "task \"3.3\" is marked Hoàn thành (done) but its result is empty (spreadsheet row 3)",
                "check_name": "W102",
                "fingerprint": null,
                "severity": "minor",
                "location": { "path": "reports/2024/STC.csv", "lines": { "begin": 4 } },
                "content": { "body": "say what was done this year in the result (Kết quả) column" }
            },
            {
                "description": "120% is out of range: a percentage lies between 0 and 100 (spreadsheet row 9)",
                "check_name": "E008",
                "fingerprint": null,
                "severity": "major",
                "location": { "path": "reports/2024/STC.csv", "lines": { "begin": 10 } },
                "content": { "body": "give the percentage itself, e.g. 1,2 for 1.2%" }
            }
        ])
    );
}

/// A clean run is an empty report, which GitLab reads as "no problems".
#[test]
fn gitlab_form_of_a_clean_repository_is_an_empty_array() {
    let out = Repo::shipped().run(&["check", "--format", "gitlab"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "[]\n"));
}

/// A whole-file problem has no line; GitLab needs one, so it is the first.
#[test]
fn gitlab_form_places_a_whole_file_problem_on_line_one() {
    let out = Repo::shipped()
        .file(
            "reports/2022/STC.csv",
            include_bytes!("../fixtures/reports/clean.csv"),
        )
        .run(&["check", "--format", "gitlab"]);
    let issues = out.json();
    assert_eq!(issues[0]["check_name"], "E004");
    assert_eq!(issues[0]["location"]["lines"]["begin"], 1);
    assert_eq!(issues[0]["severity"], "major");
}

fn fingerprints(out: &Value) -> Vec<String> {
    out.as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

fn sarif_fingerprints(log: &Value) -> Vec<(String, String)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["partialFingerprints"]["ktplan/v1"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

/// A fingerprint comes from the code, the file, the row's id and the column: the same
/// run gives the same one, and a line added above a problem leaves it as it was, so
/// GitLab and GitHub see an old problem, not a fixed one and a new one.
#[test]
fn fingerprints_are_stable_across_runs_and_lines_added_above() {
    let repo = error_and_warning();
    let first = repo.run(&["check", "--format", "gitlab"]).json();
    let again = repo.run(&["check", "--format", "gitlab"]).json();
    assert_eq!(fingerprints(&first), fingerprints(&again));
    let moved = moved_down().run(&["check", "--format", "gitlab"]).json();
    assert_eq!(moved[0]["location"]["lines"]["begin"], 5);
    assert_eq!(fingerprints(&first), fingerprints(&moved));
    let distinct: std::collections::BTreeSet<_> = fingerprints(&first).into_iter().collect();
    assert_eq!(distinct.len(), 2);

    let sarif = repo.run(&["check", "--format", "sarif"]).json();
    let sarif_moved = moved_down().run(&["check", "--format", "sarif"]).json();
    assert_eq!(sarif_fingerprints(&sarif), sarif_fingerprints(&sarif_moved));
    // One fingerprint for one problem, whichever form carries it.
    let gitlab: Vec<String> = fingerprints(&first);
    let from_sarif: Vec<String> = sarif_fingerprints(&sarif)
        .into_iter()
        .map(|(_, f)| f)
        .collect();
    assert_eq!(gitlab, from_sarif);
}

/// The same id repeated three times gives two E009s that GitLab must not fold into one.
#[test]
fn repeated_problems_get_distinct_fingerprints() {
    let report = "kind,id,title,status,value,result\n\
                  task,3.1,,done,,\"Đã bố trí 1,2% tổng chi\"\n\
                  task,3.1,,done,,\"Đã bố trí 1,2% tổng chi\"\n\
                  task,3.1,,done,,\"Đã bố trí 1,2% tổng chi\"\n";
    let out = Repo::shipped()
        .file("reports/2024/STC.csv", report)
        .run(&["check", "--format", "gitlab"]);
    let issues = out.json();
    let e009: Vec<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["check_name"] == "E009")
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(e009.len(), 2);
    assert_ne!(e009[0], e009[1]);
}

#[test]
fn sarif_form_has_one_run_a_rule_per_code_and_a_result_per_problem() {
    let out = error_and_warning().run(&["check", "--format", "sarif"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 1 warning\n"
    );
    let log = out.json();
    assert_eq!(log["version"], "2.1.0");
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let driver = &runs[0]["tool"]["driver"];
    assert_eq!(driver["name"], "ktplan");
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.first(), Some(&"E001"));
    assert!(ids.contains(&"E012") && ids.contains(&"W107"), "{ids:?}");
    for rule in rules {
        let text = rule["shortDescription"]["text"].as_str().unwrap();
        assert!(!text.is_empty(), "{rule}");
    }
    let e008 = rules.iter().find(|r| r["id"] == "E008").unwrap();
    assert_eq!(e008["defaultConfiguration"]["level"], "error");
    assert_eq!(
        e008["shortDescription"]["text"],
        "A value that is not a number, not whole for a count, or out of range"
    );
    let results = runs[0]["results"].as_array().unwrap();
    let summary: Vec<(String, String, u64)> = results
        .iter()
        .map(|r| {
            let index = usize::try_from(r["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(rules[index]["id"], r["ruleId"]);
            let location = &r["locations"][0]["physicalLocation"];
            assert_eq!(location["artifactLocation"]["uri"], "reports/2024/STC.csv");
            (
                r["ruleId"].as_str().unwrap().to_string(),
                r["level"].as_str().unwrap().to_string(),
                location["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("W102".into(), "warning".into(), 4),
            ("E008".into(), "error".into(), 10)
        ]
    );
    assert_eq!(
        results[1]["message"]["text"],
        "120% is out of range: a percentage lies between 0 and 100 (spreadsheet row 9)\n\
         give the percentage itself, e.g. 1,2 for 1.2%"
    );
}

/// A plan error is placed at its line and character column, which SARIF counts too.
#[test]
fn sarif_form_gives_the_column_of_a_plan_error() {
    let out = Repo::new()
        .plan_file(
            "extra.toml",
            r#"
            [[unit]]
            code = "SXD"
            nane = "Sở Xây dựng"
            kind = "department"
            "#,
        )
        .run(&["check", "--format", "sarif"]);
    assert_eq!(out.code, 1);
    let log = out.json();
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "E010");
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "plan/extra.toml");
    assert_eq!(
        location["region"],
        serde_json::json!({ "startLine": 3, "startColumn": 1 })
    );
}

/// The SARIF output against the official SARIF 2.1.0 schema (OASIS's
/// `sarif-schema-2.1.0.json`, which check-jsonschema does not bundle, so it is named by
/// `KTPLAN_SARIF_SCHEMA`): run when both are at hand, so that nothing is fetched.
#[test]
fn sarif_form_is_valid_against_the_official_schema() {
    let Some(schema) = std::env::var_os("KTPLAN_SARIF_SCHEMA") else {
        println!("skipped: KTPLAN_SARIF_SCHEMA does not name the SARIF 2.1.0 schema");
        return;
    };
    let Some(tool) = external("check-jsonschema", &["--version"]) else {
        return;
    };
    let repo = error_and_warning();
    let out = repo.run(&["check", "--format", "sarif"]);
    let path = repo.path().join("check.sarif");
    std::fs::write(&path, &out.stdout).unwrap();
    let checked = std::process::Command::new(tool)
        .arg("--schemafile")
        .arg(schema)
        .arg(&path)
        .output()
        .expect("run check-jsonschema");
    assert!(
        checked.status.success(),
        "{}{}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
}

/// `-o FILE` takes the machine form, as a CI job saves its artifact; standard output is
/// left empty and the summary stays on standard error.
#[test]
fn the_report_goes_to_the_file_named_by_o() {
    let repo = error_and_warning();
    let out = repo.run(&[
        "check",
        "--format",
        "gitlab",
        "-o",
        "gl-code-quality-report.json",
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (1, ""));
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 1 warning\n"
    );
    let written = std::fs::read_to_string(repo.path().join("gl-code-quality-report.json")).unwrap();
    assert_eq!(written, repo.run(&["check", "--format", "gitlab"]).stdout);
}
