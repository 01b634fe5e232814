//! Conclusions no stronger than the data (issue 11, SPEC section 7): an assessment needs a
//! path of two points, a flow's cumulative amount names the years it holds, and every
//! assessment shows the points and the arithmetic it came from.

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::builder::Repo;

const HEADER: &str = "kind,id,title,status,value,result,difficulties,proposals,note\n";

fn stc(value: &str) -> String {
    format!(
        "{HEADER}task,3.1,,in_progress,,Bố trí chi ngân sách,,,\nindicator,STI_BUDGET_SHARE,,,{value},,,,\n"
    )
}

fn skhcn(patents: &str) -> String {
    format!(
        "{HEADER}task,3.2,,in_progress,,Khảo sát doanh nghiệp,,,\nindicator,PATENTS,,,{patents},,,,\n"
    )
}

fn indicator(status: &Value, id: &str) -> Value {
    status["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
        .clone()
}

fn status_json(repo: &Repo, year: &str) -> Value {
    repo.run(&["status", "--year", year, "--format", "json"])
        .success()
        .json()
}

fn stdout(repo: &Repo, args: &[&str]) -> String {
    repo.run(args).success().stdout
}

/// One year of reports and no baseline: the only point is the value itself. The path
/// used to be drawn from that value to the target, so the value always sat on it and
/// every indicator was "on track".
#[test]
fn one_year_without_a_baseline_is_insufficient_data_not_on_track() {
    let repo = Repo::new()
        .file("reports/2024/STC.csv", stc("0.94"))
        .file("reports/2024/SKHCN.csv", skhcn("1"));
    let status = status_json(&repo, "2024");
    let share = indicator(&status, "STI_BUDGET_SHARE");
    assert_eq!(share["assessment"], "insufficient_data");
    assert!(share["base"].is_null() && share["expected"].is_null());
    assert_eq!(share["goal"]["year"], 2025);
    assert_eq!(share["goal"]["value"].as_f64(), Some(1.0));
    let md = stdout(&repo, &["status", "--year", "2024", "--format", "md"]);
    assert!(
        md.contains(
            "| STI\\_BUDGET\\_SHARE | 0\\.94% | 2025: ≥ 1 | insufficient data | one point (0.94): no baseline, no value before 2024 |"
        ),
        "{md}"
    );
    let report = stdout(&repo, &["report", "--year", "2024", "--format", "md"]);
    assert!(
        report.contains("| Chưa đủ số liệu để đánh giá (chỉ có số liệu năm 2024: 0,94%; chưa có giá trị cơ sở để vẽ lộ trình) |"),
        "{report}"
    );
    assert!(report.contains(
        "Mục tiêu gần nhất: ≥ 1% năm 2025. Giá trị năm 2024 là 0,94%; chưa có giá trị cơ sở của Kế hoạch và chưa có số liệu của năm nào trước năm 2024, nên chưa vẽ được lộ trình để đánh giá (cần ít nhất hai điểm)."
    ));
    assert!(
        report.contains("1 chỉ tiêu chưa đủ số liệu để đánh giá"),
        "{report}"
    );
    assert!(!report.contains("Đúng lộ trình (lộ trình 0,94%"));
}

/// One point is enough to say that a target is met.
#[test]
fn one_year_that_meets_the_target_is_achieved() {
    let repo = Repo::new().file("reports/2024/STC.csv", stc("1.2"));
    let share = indicator(&status_json(&repo, "2024"), "STI_BUDGET_SHARE");
    assert_eq!(share["assessment"], "achieved");
    let md = stdout(&repo, &["status", "--year", "2024", "--format", "md"]);
    assert!(md.contains("| achieved | 1\\.2 meets 2025: ≥ 1 |"), "{md}");
}

/// With an earlier year the path has two points, and the table shows both, the value the
/// path expects and the ratio worked out, so that a reader can redo it.
#[test]
fn two_years_draw_the_path_and_show_the_arithmetic() {
    let repo = Repo::new()
        .file("reports/2023/STC.csv", stc("0.8"))
        .file("reports/2024/STC.csv", stc("0.94"));
    let share = indicator(&status_json(&repo, "2024"), "STI_BUDGET_SHARE");
    assert_eq!(share["assessment"], "on_track");
    assert_eq!(share["base"]["year"], 2023);
    assert_eq!(share["measured"].as_f64(), Some(0.94));
    let md = stdout(&repo, &["status", "--year", "2024", "--format", "md"]);
    assert!(
        md.contains(
            "| on track | path 0.8 (2023) → 1 (2025), 0.9 expected in 2024; R = (0.94 − 0.8) / (0.9 − 0.8) = 1.4 |"
        ),
        "{md}"
    );
    let report = stdout(&repo, &["report", "--year", "2024", "--format", "md"]);
    assert!(report.contains(
        "| Đúng lộ trình (lộ trình 0,8% (năm 2023) → 1% (năm 2025); kỳ vọng năm 2024: 0,9%; thực hiện: 0,94%) |"
    ), "{report}");
    assert!(report.contains(
        "Lộ trình là đường thẳng từ 0,8% (năm 2023) đến 1% (năm 2025): mức kỳ vọng năm 2024 là 0,9%; giá trị năm 2024 là 0,94%, đạt 140% mức tiến triển kỳ vọng ((0,94 − 0,8) : (0,9 − 0,8) = 1,4)."
    ), "{report}");
}

/// A flow's cumulative amount says which years it holds; it used to read
/// "1 (từ năm 2023), chưa gồm năm 2023", which contradicts itself.
#[test]
fn a_cumulative_names_the_years_it_holds_and_the_years_without_a_value() {
    let one = Repo::new().file("reports/2024/SKHCN.csv", skhcn("1"));
    let report = stdout(&one, &["report", "--year", "2024", "--format", "md"]);
    assert!(
        report.contains("| 1 | 1 (chỉ gồm năm 2024; năm 2023 chưa có số liệu) |"),
        "{report}"
    );
    assert!(report.contains("giá trị lũy kế năm 2024 là 1 (chưa gồm năm 2023)"));
    assert!(!report.contains("từ năm 2023)"));
    let md = stdout(&one, &["status", "--year", "2024", "--format", "md"]);
    assert!(
        md.contains("| PATENTS | 1, cumulative 1 (without 2023: no value) |"),
        "{md}"
    );
    let two = Repo::new()
        .file("reports/2023/SKHCN.csv", skhcn("1"))
        .file("reports/2024/SKHCN.csv", skhcn("1"));
    let report = stdout(&two, &["report", "--year", "2024", "--format", "md"]);
    assert!(
        report.contains("| 1 | 2 (cộng dồn các năm 2023, 2024) |"),
        "{report}"
    );
}

/// The builder's plan with two more units: the socio-political organisations, whom the
/// plan never asks to report, leading task IV.5.1 that SKHCN supports; and the health
/// department, which has no duty of its own but may report on 3.2 as a unit concerned.
fn plan_with_bodies_that_never_report() -> Repo {
    let units = format!(
        "{}\n[[unit]]\ncode = \"TCCTXH\"\nname = \"Các tổ chức chính trị - xã hội\"\nkind = \"organization\"\nreports = false\n\n[[unit]]\ncode = \"SYT\"\nname = \"Sở Y tế\"\nkind = \"department\"\n",
        crate::builder::UNITS
    );
    let tasks = format!(
        "{}\n[[section]]\nid = \"IV\"\ntitle = \"Tổ chức thực hiện\"\n\n[[task]]\nid = \"IV.5.1\"\nsection = \"IV\"\ntitle = \"Phối hợp tham gia thực hiện Kế hoạch\"\ntext = \"Chủ động phối hợp tham gia thực hiện Kế hoạch.\"\nlead = [\"TCCTXH\"]\nsupport = [\"SKHCN\"]\n",
        crate::builder::TASKS
    );
    Repo::new()
        .file("plan/units.toml", units)
        .file("plan/tasks.toml", tasks)
}

fn task(status: &Value, id: &str) -> Value {
    status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id)
        .unwrap()
        .clone()
}

fn unit(status: &Value, code: &str) -> Value {
    status["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["code"] == code)
        .unwrap_or_else(|| panic!("no unit {code}"))
        .clone()
}

/// A task whose lead is never asked to report used to show as `missing` every year, as if
/// someone were late. Nobody is: it is `no_reporter`, until a unit reports on it in the
/// lead's place, whose rows then give its status.
#[test]
fn a_task_nobody_is_asked_to_report_on_is_no_reporter_not_missing() {
    let repo = plan_with_bodies_that_never_report().file("reports/2024/STC.csv", stc("0.94"));
    let status = status_json(&repo, "2024");
    assert_eq!(task(&status, "IV.5.1")["status"], "no_reporter");
    // 3.2 has an expected lead (SKHCN) that did not report: that one is missing.
    assert_eq!(task(&status, "3.2")["status"], "missing");
    let table = stdout(&repo, &["status", "--year", "2024"]);
    assert!(
        table.contains("1 with no reporter (nobody is asked to report on them)"),
        "{table}"
    );
    let report = stdout(&repo, &["report", "--year", "2024", "--format", "md"]);
    assert!(report.contains("1 không có đơn vị báo cáo"), "{report}");
    // SKHCN supports IV.5.1 and reports on it: in the lead's place, its row gives the status.
    let repo = repo.file(
        "reports/2024/SKHCN.csv",
        format!("{HEADER}task,IV.5.1,,in_progress,,Phối hợp Ủy ban MTTQ tỉnh tuyên truyền,,,\n"),
    );
    let status = status_json(&repo, "2024");
    assert_eq!(task(&status, "IV.5.1")["status"], "in_progress");
}

/// Runs git in the repository with these author and committer dates.
fn commit_at(repo: &Repo, paths: &[&str], author: &str, committer: &str) {
    let run = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=Văn thư",
                "-c",
                "user.email=vt@skhcn.gov.vn",
            ])
            .args(["-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(repo.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", author)
            .env("GIT_COMMITTER_DATE", committer)
            .output()
            .expect("run git");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    if !repo.path().join(".git").exists() {
        run(&["init", "-q"]);
    }
    let mut add = vec!["add", "--"];
    add.extend_from_slice(paths);
    run(&add);
    run(&["commit", "-q", "-m", "báo cáo"]);
}

/// The counts are over expected units: an unexpected reporter (SYT, which may report on
/// 3.2 as a unit concerned) used to be counted "on time" beside "1 of 3 expected units
/// sent". It is listed apart now.
#[test]
fn counts_are_over_expected_units_and_others_are_listed_apart() {
    let repo = plan_with_bodies_that_never_report()
        .file("reports/2024/STC.csv", stc("0.94"))
        .file(
            "reports/2024/SYT.csv",
            format!("{HEADER}task,3.2,,in_progress,,Vận động bệnh viện tư nhân góp vốn,,,\n"),
        );
    commit_at(
        &repo,
        &["plan", "reports/2024/STC.csv", "reports/2024/SYT.csv"],
        "2024-11-10T09:00:00+07:00",
        "2024-11-10T09:00:00+07:00",
    );
    let table = stdout(&repo, &["status", "--year", "2024"]);
    assert!(
        table.starts_with(
            "Submissions 2024 (due before 2024-11-20, UTC+7): 1 of 3 expected units sent, 1 on time, 2 missing\n\
             also sent by 1 unit not expected to report: SYT\n"
        ),
        "{table}"
    );
    let status = status_json(&repo, "2024");
    assert_eq!(unit(&status, "SYT")["expected"], false);
    assert_eq!(unit(&status, "SYT")["on_time"], true);
    let report = stdout(&repo, &["report", "--year", "2024", "--format", "md"]);
    assert!(
        report.contains("ngoài ra 1 đơn vị không thuộc diện phải báo cáo đã gửi báo cáo"),
        "{report}"
    );
    assert!(report.contains(
        "Đơn vị không thuộc diện phải báo cáo năm 2024 nhưng đã gửi báo cáo (không tính vào số đơn vị đã gửi): Sở Y tế."
    ));
}

/// Deadlines are in Vietnam time: 23:30 on 19 November at UTC-12 is 18:30 on the 20th in
/// Kon Tum, which used to count as on time. A date before the year reported on, or after
/// the commit itself, is doubtful and never on time.
#[test]
fn deadlines_are_in_vietnam_time_and_doubtful_dates_are_never_on_time() {
    let repo = Repo::new()
        .file("reports/2024/STC.csv", stc("0.94"))
        .file("reports/2024/SKHCN.csv", skhcn("1"))
        .file(
            "reports/2024/DAKHA.csv",
            format!("{HEADER}task,3.3,,done,,Chuyển giao 2 mô hình,,,\n"),
        );
    commit_at(
        &repo,
        &["plan", "reports/2024/STC.csv"],
        "2024-11-19T23:30:00-12:00",
        "2024-11-19T23:30:00-12:00",
    );
    commit_at(
        &repo,
        &["reports/2024/SKHCN.csv"],
        "2099-11-15T09:00:00+07:00",
        "2024-11-15T09:00:00+07:00",
    );
    commit_at(
        &repo,
        &["reports/2024/DAKHA.csv"],
        "1970-01-01T00:00:00+00:00",
        "2024-11-16T09:00:00+07:00",
    );
    let status = status_json(&repo, "2024");
    let stc = unit(&status, "STC");
    assert_eq!(stc["submitted_on"], "2024-11-20");
    assert_eq!(stc["standing"], "late");
    let skhcn = unit(&status, "SKHCN");
    assert_eq!(
        (
            &skhcn["standing"],
            &skhcn["date_doubtful"],
            &skhcn["on_time"]
        ),
        (
            &Value::from("date_doubtful"),
            &Value::from("after_the_commit"),
            &Value::Null
        )
    );
    assert_eq!(unit(&status, "DAKHA")["date_doubtful"], "before_the_year");
    let md = stdout(&repo, &["status", "--year", "2024", "--format", "md"]);
    assert!(
        md.contains("3 of 3 expected units sent, 0 on time, 1 late, 2 on a doubtful date"),
        "{md}"
    );
    assert!(
        md.contains("| 2099-11-15 (doubtful: after the commit was made) | doubtful |"),
        "{md}"
    );
    let report = stdout(&repo, &["report", "--year", "2024", "--format", "md"]);
    assert!(
        report.contains("01/01/1970 (đáng ngờ: trước năm báo cáo)"),
        "{report}"
    );
}

/// A git that never answers used to hang `status`; it is given 10 seconds, then the dates
/// are unknown and the output says why.
#[cfg(unix)]
#[test]
fn a_git_that_never_answers_does_not_hang_status() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::new()
        .file("reports/2024/STC.csv", stc("0.94"))
        .file("bin/git", "#!/bin/sh\nsleep 600\n");
    let fake = repo.path().join("bin/git");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        repo.path().join("bin").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = repo
        .command(&["status", "--year", "2024", "--format", "json"])
        .env("PATH", path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let status: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(unit(&status, "STC")["date_unknown"], "git_timed_out");
}

/// A form received by e-mail, saved by a Vietnamese Excel (`;`, `,` decimal, `.` groups):
/// `1.000` patents where last year's report in the repository says 0.
fn inbox_with_a_thousand_patents() -> Repo {
    Repo::new()
        .file("reports/2023/SKHCN.csv", skhcn("0"))
        .file(
            "inbox/bao-cao-SKHCN.csv",
            "Loại;Mã;Nội dung;Trạng thái;Giá trị;Kết quả;Khó khăn, vướng mắc;Kiến nghị, đề xuất;Ghi chú\n\
             Nhiệm vụ;3.2;;Đang thực hiện;;Khảo sát doanh nghiệp;;;\n\
             Chỉ tiêu;PATENTS;;;1.000;;;;\n",
        )
}

/// W104 used to run only on files under reports/, after they were in: a form checked or
/// imported from elsewhere gave "0 warnings" and went in as 1000. It is compared with the
/// unit's previous-year report in the reports folder before it is taken in.
#[test]
fn w104_compares_a_file_from_anywhere_with_last_years_report_before_it_goes_in() {
    let repo = inbox_with_a_thousand_patents();
    let args = [
        "--unit",
        "SKHCN",
        "--year",
        "2024",
        "inbox/bao-cao-SKHCN.csv",
    ];
    let mut check = vec!["check"];
    check.extend(args);
    let out = repo.run(&check);
    assert!(
        out.stdout.contains(
            "inbox/bao-cao-SKHCN.csv:3:5: warning[W104]: the value 1000 of \"PATENTS\" is far from last year's 0\n  \
             = help: check the unit of measure and the decimal mark; last year's value is at reports/2023/SKHCN.csv:3\n"
        ),
        "{}",
        out.stdout
    );
    let mut import = vec!["--lang", "en", "import", "inbox/bao-cao-SKHCN.csv"];
    import.extend(&args[..4]);
    let out = repo.run(&import);
    assert!(out.stdout.contains("warning[W104]"), "{}", out.stdout);
}

/// Runs `ktplan ARGS` in this crate's folder, on the shipped plan and the examples.
fn in_crate(args: &[&str]) -> crate::builder::Output {
    let out = Repo::empty()
        .command(args)
        .current_dir(crate::builder::MANIFEST_DIR)
        .output()
        .expect("run ktplan");
    crate::builder::Output {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The text of each new code, as examples/README.md shows it.
#[test]
fn e013_one_error_at_the_header_instead_of_one_per_row() {
    let out = in_crate(&[
        "check",
        "--unit",
        "STC",
        "--year",
        "2024",
        "examples/bad/E013-misspelt-status-column.csv",
    ]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "examples/bad/E013-misspelt-status-column.csv:1:4: error[E013]: the file has task rows but no `status` column (Trạng thái): none of its rows can be read\n  \
         = help: the header \"Trạng thi\" is nearest: if it is meant to be `status`, name it Trạng thái\n\
         examples/bad/E013-misspelt-status-column.csv:1:4: warning[W103]: unknown column \"Trạng thi\" is ignored\n  \
         = help: did you mean `status` (Trạng thái)?\n"
    );
    // It used to be one E007 for each of the file's seven task rows.
    assert!(!out.stdout.contains("E007"));
    assert_eq!(
        out.stderr,
        "checked the plan and 1 report file: 1 error, 1 warning\n"
    );
}

/// A value column missing under indicator rows is E013 too, with no W102 per row.
#[test]
fn e013_for_a_missing_value_column() {
    let repo = Repo::new().file(
        "reports/2024/STC.csv",
        "kind,id,title,status,Gia tri nam,result\n\
         task,3.1,,in_progress,,Bố trí chi ngân sách\n\
         indicator,STI_BUDGET_SHARE,,,0.94,\n",
    );
    let out = repo.run(&["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.starts_with(
            "reports/2024/STC.csv:1:5: error[E013]: the file has indicator rows but no `value` column (Giá trị): none of its rows can be read\n  \
             = help: the header \"Gia tri nam\" is nearest: if it is meant to be `value`, name it Giá trị\n"
        ),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains("W102"), "{}", out.stdout);
}

#[test]
fn w108_a_figure_read_on_the_files_convention_alone() {
    let out = in_crate(&[
        "check",
        "--unit",
        "SKHCN",
        "--year",
        "2024",
        "examples/bad/W108-thousands-by-convention.csv",
    ]);
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        "examples/bad/W108-thousands-by-convention.csv:35:5: warning[W108]: \"1.000\" was read as 1000 on the file's convention alone (a decimal comma, so `.` groups thousands); the cell itself could mean either (spreadsheet row 33)\n  \
         = help: write 1000 if that is meant (no separator leaves no doubt); if a decimal number is meant, write 1\n"
    );
    // Unambiguous figures (`2,1`, `1000`) say nothing.
    let repo = Repo::new().file("reports/2024/SKHCN.csv", skhcn("1000"));
    assert_eq!(repo.run(&["check"]).stdout, "");
}

#[test]
fn w109_a_form_nobody_filled_is_empty_not_sent() {
    let out = in_crate(&[
        "check",
        "--unit",
        "STC",
        "--year",
        "2024",
        "examples/bad/W109-empty-form.csv",
    ]);
    assert_eq!(
        out.stdout,
        "examples/bad/W109-empty-form.csv:1: warning[W109]: the form is not filled in: no row has a status, a value or any text beyond the template's\n  \
         = help: fill in each row (status and result of each task, value of each indicator) and check again; a row with nothing to report this year is marked Không phát sinh\n"
    );
    // Committed before the deadline, the untouched form used to read "sent, on time".
    let repo = Repo::new().file("reports/2024/SKHCN.csv", skhcn("1"));
    repo.run(&[
        "template",
        "--unit",
        "STC",
        "--year",
        "2024",
        "-o",
        "reports/2024/STC.csv",
    ])
    .success();
    commit_at(
        &repo,
        &["plan", "reports"],
        "2024-11-10T09:00:00+07:00",
        "2024-11-10T09:00:00+07:00",
    );
    let status = status_json(&repo, "2024");
    let stc = unit(&status, "STC");
    assert_eq!(
        (&stc["standing"], &stc["empty"], &stc["on_time"]),
        (
            &Value::from("empty"),
            &Value::from(true),
            &Value::from(false)
        )
    );
    let table = stdout(&repo, &["status", "--year", "2024"]);
    assert!(
        table.starts_with(
            "Submissions 2024 (due before 2024-11-20, UTC+7): 1 of 3 expected units sent, 1 on time, 1 sent an empty form, 1 missing\n"
        ),
        "{table}"
    );
    let report = stdout(&repo, &["report", "--year", "2024", "--format", "md"]);
    assert!(
        report.contains("1 đơn vị gửi biểu mẫu để trống"),
        "{report}"
    );
}

/// W107 (shifted rows) and W109 (an empty form) used to be imported like any warning;
/// they are refused unless accepted, and `--force` does not accept them.
#[test]
fn import_refuses_shifted_rows_and_empty_forms_unless_accepted() {
    let repo = Repo::shipped();
    let swapped = format!(
        "{}/examples/bad/W107-titles-swapped.csv",
        crate::builder::MANIFEST_DIR
    );
    let import = |extra: &[&str]| {
        let mut args = vec![
            "--lang", "en", "import", &swapped, "--unit", "STC", "--year", "2024",
        ];
        args.extend(extra);
        repo.run(&args)
    };
    let out = import(&["--force"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.ends_with(
            "examples/bad/W107-titles-swapped.csv has W107 (rows shifted or re-sorted): nothing was written. Fix the file; if it is right as it is, import it with --accept W107\n"
        ),
        "{}",
        out.stderr
    );
    assert!(!repo.path().join("reports/2024/STC.csv").exists());
    let out = import(&["--accept", "W107"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(repo.path().join("reports/2024/STC.csv").exists());
    // --force replaces the report, and only that: the empty form is still refused.
    let empty = format!(
        "{}/examples/bad/W109-empty-form.csv",
        crate::builder::MANIFEST_DIR
    );
    let run = |extra: &[&str]| {
        let mut args = vec![
            "import", &empty, "--unit", "STC", "--year", "2024", "--force",
        ];
        args.extend(extra);
        repo.run(&args)
    };
    let out = run(&[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("has W109 (a form nobody filled): nothing was written")
    );
    assert_eq!(run(&["--accept", "W107,W109"]).code, 0);
    // Only the codes import refuses can be accepted.
    assert_eq!(run(&["--accept", "W101"]).code, 2);
}

/// The sample reports, as README.md works them through: with both years TFP_SHARE is off
/// track on a path whose points and arithmetic are shown; with 2024 alone no indicator
/// without a baseline is assessed, and the patents' cumulative says it lacks 2023.
#[test]
fn the_examples_read_true_with_one_year_and_with_two() {
    let manifest = crate::builder::MANIFEST_DIR;
    let both = format!("{manifest}/examples/reports");
    let one = Repo::empty();
    let source = std::path::Path::new(&both).join("2024");
    std::fs::create_dir_all(one.path().join("2024")).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            one.path().join("2024").join(entry.file_name()),
        )
        .unwrap();
    }
    let only_2024 = one.path().display().to_string();
    let status = |reports: &str| {
        in_crate(&[
            "--reports",
            reports,
            "status",
            "--year",
            "2024",
            "--format",
            "md",
        ])
        .stdout
    };
    let report = |reports: &str| {
        in_crate(&[
            "--reports",
            reports,
            "report",
            "--year",
            "2024",
            "--format",
            "md",
        ])
        .stdout
    };
    let two_years = status(&both);
    assert!(two_years.contains(
        "| TFP\\_SHARE | 35\\.1% | 2025: ≥ 40 | off track | path 34.2 (2023) → 40 (2025), 37.1 expected in 2024; R = (35.1 − 34.2) / (37.1 − 34.2) = 0.31 |"
    ), "{two_years}");
    assert!(two_years.contains(
        "| PATENTS\\_COMMERCIALIZED | 1, cumulative 1 | 2030: ≥ 3 | on track | path 0 (2022) → 3 (2030), 0.75 expected in 2024; R = (1 − 0) / (0.75 − 0) = 1.33 |"
    ));
    let one_year = status(&only_2024);
    for id in [
        "TFP\\_SHARE",
        "STI\\_BUDGET\\_SHARE",
        "STI\\_ENTERPRISES",
        "INNOVATIVE\\_ENTERPRISE\\_SHARE",
    ] {
        let line = one_year
            .lines()
            .find(|l| l.starts_with(&format!("| {id} |")))
            .unwrap_or_else(|| panic!("{id} in {one_year}"));
        assert!(line.contains("| insufficient data | one point ("), "{line}");
    }
    assert!(
        one_year.contains("Indicators 2024: 1 of 5 achieved or on track"),
        "{one_year}"
    );
    assert!(report(&both).contains(
        "Lộ trình là đường thẳng từ 34,2% (năm 2023) đến 40% (năm 2025): mức kỳ vọng năm 2024 là 37,1%; giá trị năm 2024 là 35,1%, đạt 31% mức tiến triển kỳ vọng ((35,1 − 34,2) : (37,1 − 34,2) = 0,31)."
    ));
    let one_report = report(&only_2024);
    assert!(one_report.contains("| 1 (chỉ gồm năm 2024; năm 2023 chưa có số liệu) |"));
    assert!(one_report.contains("4 chỉ tiêu chưa đủ số liệu để đánh giá"));
    // IV.5.1 (the socio-political organisations) and 7.h (any unit concerned) have no
    // unit asked to report: never "missing", in one year or two.
    for text in [&two_years, &one_year] {
        for id in ["7\\.h", "IV.5.1"] {
            let line = text
                .lines()
                .find(|l| l.starts_with(&format!("| {id} |")))
                .unwrap_or_else(|| panic!("{id}"));
            assert!(line.contains("| no reporter |"), "{line}");
        }
    }
}
