//! The two languages (SPEC section 5, "Language"): every diagnostic of `examples/bad/`
//! in Vietnamese and in English, held as golden outputs; the language chosen by
//! `--lang`, `KTPLAN_LANG` and the plan's `language`; and JSON whose keys and codes
//! never change with it.

use std::path::Path;

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::builder::{MANIFEST_DIR, Output, Repo};

/// Runs `ktplan --root <this crate> ARGS` from an empty folder with `KTPLAN_LANG` set
/// to `lang` (unset when empty).
fn ktplan_in(lang: &str, args: &[&str]) -> Output {
    let mut all = vec!["--root", MANIFEST_DIR];
    all.extend_from_slice(args);
    Repo::empty().run_in(lang, &all)
}

/// The `check` command of every file of `examples/bad/`, as its README gives it.
fn bad_examples() -> Vec<Vec<String>> {
    let bad = Path::new(MANIFEST_DIR).join("examples/bad");
    let mut files: Vec<_> = std::fs::read_dir(&bad)
        .expect("read examples/bad")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "csv"))
        .collect();
    files.sort();
    let mut commands: Vec<Vec<String>> = files
        .iter()
        .map(|f| {
            [
                "check",
                &f.display().to_string(),
                "--unit",
                "STC",
                "--year",
                "2024",
            ]
            .map(String::from)
            .to_vec()
        })
        .collect();
    for named_by_path in ["reports/2025/SKHDT.csv", "w104/2024/SKHCN.csv"] {
        let file = bad.join(named_by_path).display().to_string();
        commands.push(vec!["check".into(), file]);
    }
    commands
}

/// What a person reads from every bad example, in `lang`: each command, what it printed
/// on both outputs, and its exit code.
fn bad_examples_in(lang: &str) -> String {
    let mut out = String::new();
    for command in bad_examples() {
        let args: Vec<&str> = command.iter().map(String::as_str).collect();
        let run = ktplan_in(lang, &args);
        let shown = args.join(" ").replace(&format!("{MANIFEST_DIR}/"), "");
        out.push_str(&format!(
            "$ ktplan {shown}\n{}{}exit {}\n\n",
            run.stdout, run.stderr, run.code
        ));
    }
    out
}

#[test]
fn every_bad_example_speaks_vietnamese() {
    insta::assert_snapshot!("bad_examples_vi", bad_examples_in("vi"));
}

#[test]
fn every_bad_example_speaks_english() {
    insta::assert_snapshot!("bad_examples_en", bad_examples_in("en"));
}

/// The shipped plan is Vietnamese: with no choice made, so is what `check` prints; the
/// environment and `--lang` override it, `--lang` winning.
#[test]
fn the_plan_language_speaks_unless_the_user_chooses() {
    let bad = format!("{MANIFEST_DIR}/examples/bad/E007-unknown-status.csv");
    let args = ["check", bad.as_str(), "--unit", "STC", "--year", "2024"];
    let default = ktplan_in("", &args);
    assert!(
        default
            .stdout
            .contains("error[E007]: trạng thái \"Xong\" không hợp lệ"),
        "{}",
        default.stdout
    );
    assert!(
        default
            .stderr
            .starts_with("đã kiểm tra kế hoạch và 1 tệp báo cáo: 1 lỗi"),
        "{}",
        default.stderr
    );
    let env = ktplan_in("en", &args);
    assert!(
        env.stdout.contains("error[E007]: unknown status \"Xong\""),
        "{}",
        env.stdout
    );
    let mut typed = vec!["--lang", "vi"];
    typed.extend_from_slice(&args);
    assert_eq!(ktplan_in("en", &typed).stdout, default.stdout);
    let wrong = ktplan_in("fr", &args);
    assert_eq!(wrong.code, 2);
    assert!(wrong.stderr.contains("KTPLAN_LANG"), "{}", wrong.stderr);
}

/// An English plan speaks English by default.
#[test]
fn a_plan_in_english_speaks_english() {
    let repo = Repo::shipped();
    let plan = std::fs::read_to_string(repo.path().join("plan/plan.toml")).unwrap();
    let plan = plan.replace("language = \"vi\"", "language = \"en\"");
    let repo = repo
        .file("plan/plan.toml", plan)
        .file("reports/2024/STC.csv", "kind,id,status\ntask,3.1,Xong\n");
    let out = repo.run_in("", &["check"]);
    assert!(
        out.stdout.contains("error[E007]: unknown status \"Xong\""),
        "{}",
        out.stdout
    );
    let french = std::fs::read_to_string(repo.path().join("plan/plan.toml"))
        .unwrap()
        .replace("language = \"en\"", "language = \"fr\"");
    let line = 1 + french
        .lines()
        .position(|l| l.starts_with("language"))
        .expect("a language line");
    let bad = repo.file("plan/plan.toml", french);
    let out = bad.run_in("", &["check"]);
    assert_eq!(out.code, 1);
    let expected = format!("plan/plan.toml:{line}:12: error[E010]: language \"fr\" không hợp lệ");
    assert!(out.stdout.contains(&expected), "{}", out.stdout);
}

/// Scripts read the same keys and codes whatever the language; only the texts differ.
#[test]
fn json_keys_and_codes_do_not_change_with_the_language() {
    let mut args = vec!["check", "--format", "json"];
    let files: Vec<String> = bad_examples()
        .into_iter()
        .filter(|c| c.len() == 6)
        .map(|c| c[1].clone())
        .collect();
    args.extend(files.iter().map(String::as_str));
    args.extend(["--unit", "STC", "--year", "2024"]);
    let parse = |out: Output| -> Vec<Value> {
        match serde_json::from_str(&out.stdout).expect("JSON") {
            Value::Array(items) => items,
            other => panic!("{other}"),
        }
    };
    let (vi, en) = (parse(ktplan_in("vi", &args)), parse(ktplan_in("en", &args)));
    assert_eq!(vi.len(), en.len());
    assert!(vi.len() > 10);
    for (a, b) in vi.iter().zip(&en) {
        let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
        assert_eq!(keys(a), keys(b));
        for key in ["file", "line", "column", "severity", "code"] {
            assert_eq!(a[key], b[key], "{key}");
        }
        assert_ne!(a["message"], b["message"]);
    }
}

/// The shipped plan with the sample reports of `examples/reports/` as its reports,
/// outside git (so no submission date depends on how this repository was cloned).
fn examples() -> Repo {
    Repo::shipped().copy("examples/reports", "reports")
}

/// What a person reads from `check`, `status` and a listing of the examples, in `lang`
/// (`""`: the plan's language), on a terminal of 100 columns.
fn examples_in(lang: &str) -> String {
    let repo = examples();
    let mut out = String::new();
    for args in [
        vec!["check"],
        vec!["status", "--year", "2024"],
        vec!["tasks", "--year", "2024", "--unit", "STC"],
        vec!["units", "--year", "2025", "--unit", "SNNMT"],
        vec!["indicators", "--year", "2024"],
    ] {
        let mut env = vec![("COLUMNS", "100")];
        if !lang.is_empty() {
            env.push(("KTPLAN_LANG", lang));
        }
        let mut command = repo.command(&args);
        command.env_remove("KTPLAN_LANG").envs(env);
        let run = command.output().expect("run ktplan");
        out.push_str(&format!(
            "$ ktplan {}\n{}{}\n",
            args.join(" "),
            String::from_utf8_lossy(&run.stdout),
            String::from_utf8_lossy(&run.stderr)
        ));
    }
    out
}

#[test]
fn the_examples_speak_vietnamese_by_default() {
    insta::assert_snapshot!("examples_vi", examples_in(""));
}

#[test]
fn the_examples_speak_english_on_request() {
    insta::assert_snapshot!("examples_en", examples_in("en"));
}

/// The English codes of statuses and assessments (and the words of the English tables)
/// never reach what a Vietnamese reader sees, in any output form.
#[test]
fn no_english_status_word_reaches_a_vietnamese_reader() {
    let repo = examples();
    let mut seen = examples_in("");
    for args in [
        vec!["status", "--year", "2024", "--format", "md"],
        vec![
            "status", "--year", "2024", "--format", "csv", "--table", "units",
        ],
        vec![
            "status", "--year", "2024", "--format", "csv", "--table", "tasks",
        ],
        vec![
            "status",
            "--year",
            "2024",
            "--format",
            "csv",
            "--table",
            "indicators",
        ],
        vec!["status", "--year", "2023"],
        vec!["tasks", "--format", "csv"],
        vec!["units", "--format", "csv"],
        vec!["indicators", "--format", "csv"],
    ] {
        let out = repo.run_in("", &args).success();
        seen.push_str(&out.stdout);
        seen.push_str(&out.stderr);
    }
    let english = [
        "not_started",
        "in_progress",
        "not_applicable",
        "no_reporter",
        "on_track",
        "off_track",
        "at_risk",
        "no_data",
        "no_target",
        "insufficient_data",
        "achieved",
        "overdue",
        "missing",
        "in progress",
        "not started",
        "on track",
        "on time",
        "any unit",
        "yes",
        " late",
        "checked",
        "warning(s)",
        "cumulative",
        "expected",
    ];
    for word in english {
        assert!(
            !seen.to_lowercase().contains(word),
            "{word:?} reaches a Vietnamese reader:\n{seen}"
        );
    }
}

/// `import` writes the canonical form (SPEC section 6), which is what the sample reports
/// are: each, imported into a repository of the shipped plan, comes out byte for byte as
/// it went in; and `import --force` of a report onto itself leaves it as it is.
#[test]
fn import_and_the_sample_reports_agree_byte_for_byte() {
    let repo = Repo::shipped().copy("examples/reports", "received");
    let received = Path::new(MANIFEST_DIR).join("examples/reports");
    let mut files = Vec::new();
    for year in ["2023", "2024"] {
        for entry in std::fs::read_dir(received.join(year)).expect("a year folder") {
            files.push((year, entry.expect("an entry").path()));
        }
    }
    files.sort();
    assert_eq!(files.len(), 60);
    for (year, path) in &files {
        let unit = path.file_stem().unwrap().to_str().unwrap();
        let from = format!("received/{year}/{unit}.csv");
        repo.run(&["-q", "import", &from, "--unit", unit, "--year", year])
            .success();
        let written = std::fs::read(repo.path().join(format!("reports/{year}/{unit}.csv")))
            .expect("the imported report");
        assert!(
            written == std::fs::read(path).unwrap(),
            "{year}/{unit}.csv changes on import"
        );
    }
    let own = "reports/2024/STC.csv";
    let before = std::fs::read(repo.path().join(own)).unwrap();
    repo.run(&[
        "-q", "import", own, "--unit", "STC", "--year", "2024", "--force",
    ])
    .success();
    assert_eq!(std::fs::read(repo.path().join(own)).unwrap(), before);
}

/// A clerk's own wordings come out in the canonical form: the template's header and words.
#[test]
fn import_writes_the_templates_words() {
    let clerk = "\u{feff}loai;ma;trang thai;gia tri;ket qua;Ghi chú riêng\r\n\
                 task;3.1;Đang triển khai;;Đã trình HĐND;x\r\n\
                 indicator;STI_BUDGET_SHARE;;0,94;;\r\n";
    let repo = Repo::shipped().file("received.csv", clerk);
    repo.run(&[
        "-q",
        "import",
        "received.csv",
        "--unit",
        "STC",
        "--year",
        "2024",
    ])
    .success();
    let written = std::fs::read_to_string(repo.path().join("reports/2024/STC.csv")).unwrap();
    let mut lines = written.split("\r\n");
    assert_eq!(
        lines.next(),
        Some(
            "\u{feff}Loại,Mã,Nội dung,Trạng thái,Giá trị,Kết quả,\"Khó khăn, vướng mắc\",\"Kiến nghị, đề xuất\",Ghi chú,Ghi chú riêng"
        )
    );
    assert_eq!(
        lines.next(),
        Some("Nhiệm vụ,3.1,Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách,Đang thực hiện,,Đã trình HĐND,,,,x".replace("KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách", "\"KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\"").replace("Bảo đảm chi cho \"", "\"Bảo đảm chi cho ").as_str())
    );
    // KTPLAN_LANG changes what a person reads, never what is committed; --lang does.
    let english = repo.run_in("en", &["-q", "template", "--unit", "STC", "--year", "2024"]);
    assert!(english.success().stdout.starts_with("\u{feff}Loại,Mã,"));
    let typed = repo.run(&[
        "-q", "--lang", "en", "template", "--unit", "STC", "--year", "2024",
    ]);
    assert!(
        typed
            .success()
            .stdout
            .starts_with("\u{feff}kind,id,title,status")
    );
}
