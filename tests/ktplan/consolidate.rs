//! Consolidation (SPEC sections 6-8): `status`, `merge` and `report` on a small data
//! set: what each prints, when a report counts as on time (git author dates), that a
//! date is never guessed, that report text is escaped, that reruns give the same bytes,
//! and that rows with errors are counted, not fatal.

use std::path::Path;
use std::process::Command;

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::builder::{PLAN, Repo};

/// The builder's plan with the `[report]` table the annual report's header needs.
fn plan_with_report_settings() -> String {
    format!(
        "{PLAN}\n[report]\nplace = \"Kon Tum\"\nissuer_parent = \"UBND tỉnh Kon Tum\"\n\
         signer_title = \"Giám đốc\"\nrecipients = [\"UBND tỉnh (b/c)\", \"Lưu: VT\"]\n"
    )
}

const HEADER: &str = "kind,id,title,status,value,result,difficulties,proposals,note\n";

/// Two years of reports from the builder's three units: STC leads 3.1 and reports the
/// budget share; SKHCN supports 3.1, leads 3.2 (due 2025) and reports patents (a flow);
/// DAKHA leads 3.3 through the district group. DAKHA's 2024 file has one bad row.
fn data() -> Repo {
    Repo::new()
        .file("plan/plan.toml", plan_with_report_settings())
        .file(
            "reports/2023/STC.csv",
            format!(
                "{HEADER}task,3.1,,in_progress,,Bố trí 0,8% chi ngân sách,,,\nindicator,STI_BUDGET_SHARE,,,0.8,,,,\n"
            )
            .replace("Bố trí 0,8% chi ngân sách", "\"Bố trí 0,8% chi ngân sách\""),
        )
        .file(
            "reports/2023/SKHCN.csv",
            format!(
                "{HEADER}task,3.1,,done,,Thẩm định dự toán,,,\ntask,3.2,,in_progress,,Khảo sát doanh nghiệp,,,\nindicator,PATENTS,,,1,,,,\n"
            ),
        )
        .file(
            "reports/2024/STC.csv",
            format!(
                "{HEADER}task,3.1,,done,,\"Bố trí 0,94% chi ngân sách\",Nguồn thu hạn chế,Đề nghị Trung ương hỗ trợ,\nindicator,STI_BUDGET_SHARE,,,\"0,94\",,,,\n"
            ),
        )
        .file(
            "reports/2024/SKHCN.csv",
            format!(
                "{HEADER}task,3.1,,done,,\"Góp ý <script>alert(1)</script> *đậm* _nghiêng_ [liên kết](http://x) | $x$\",=1+2 thủ tục,,\n\
                 task,3.2,,done,,Huy động 3 doanh nghiệp,Nguồn thu hạn chế,Đề nghị tăng biên chế,\n\
                 indicator,PATENTS,,,1,,,,\n"
            ),
        )
        .file(
            "reports/2024/DAKHA.csv",
            format!("{HEADER}task,3.3,,not_applicable,,,,,\ntask,9.9,,done,,x,,,\n"),
        )
}

/// Runs git in `dir` with a fixed identity and, when given, the author and committer date.
fn git(dir: &Path, args: &[&str], date: Option<&str>) {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        .args([
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@t",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1");
    if let Some(date) = date {
        command
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date);
    }
    let out = command.output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Commits `paths` as they are, at `date`.
fn commit(repo: &Repo, paths: &[&str], date: &str) {
    let mut add = vec!["add", "--"];
    add.extend_from_slice(paths);
    git(repo.path(), &add, None);
    git(repo.path(), &["commit", "-q", "-m", "report"], Some(date));
}

/// The `units` entry of `status --format json` for a unit.
fn unit<'a>(status: &'a Value, code: &str) -> &'a Value {
    status["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["code"] == code)
        .unwrap_or_else(|| panic!("no unit {code}"))
}

fn status_json(repo: &Repo) -> Value {
    repo.run(&["status", "--year", "2024", "--format", "json"])
        .success()
        .json()
}

#[test]
fn status_tables_read_at_100_columns() {
    let out = data()
        .run_with(&[("COLUMNS", "100")], &["status", "--year", "2024"])
        .success();
    assert!(
        out.stdout.lines().all(|l| l.chars().count() <= 100),
        "{}",
        out.stdout
    );
    insta::assert_snapshot!("status_table_2024", out.stdout);
    assert_eq!(
        out.stderr,
        "note: 1 row and 0 files with errors left out of 2024; `ktplan check` shows them\n"
    );
}

#[test]
fn status_in_markdown_and_csv() {
    let repo = data();
    let md = repo
        .run(&["status", "--year", "2024", "--format", "md"])
        .success();
    insta::assert_snapshot!("status_md_2024", md.stdout);
    let csv = repo
        .run(&["status", "--year", "2024", "--format", "csv"])
        .success();
    assert!(
        csv.stdout
            .starts_with("\u{feff}unit,name,expected,sent,date,on time,errors,warnings\r\n"),
        "{}",
        csv.stdout
    );
    assert!(!csv.stdout.contains("task,title"), "one table per file");
    let tasks = repo
        .run(&[
            "status", "--year", "2024", "--format", "csv", "--table", "tasks",
        ])
        .success();
    assert!(
        tasks
            .stdout
            .starts_with("\u{feff}task,title,lead,status,leads,support\r\n")
    );
    let indicators = repo
        .run(&[
            "status",
            "--year",
            "2024",
            "--format",
            "csv",
            "--table",
            "indicators",
        ])
        .success();
    assert!(
        indicators
            .stdout
            .starts_with("\u{feff}indicator,value,cumulative,")
    );
    let vietnamese = repo
        .run_in(
            "vi",
            &[
                "status", "--year", "2024", "--format", "csv", "--table", "tasks",
            ],
        )
        .success();
    assert!(
        vietnamese
            .stdout
            .starts_with("\u{feff}Mã,Nhiệm vụ,Chủ trì,Tình trạng,BC chủ trì,BC phối hợp\r\n"),
        "{}",
        vietnamese.stdout
    );
}

#[test]
fn status_for_one_unit_shows_only_its_part() {
    let status = data()
        .run(&[
            "status", "--year", "2024", "--unit", "SKHCN", "--format", "json",
        ])
        .success()
        .json();
    let codes: Vec<&Value> = status["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| &u["code"])
        .collect();
    assert_eq!(codes, ["SKHCN"]);
    let tasks: Vec<&str> = status["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(tasks, ["3.1", "3.2"]);
    let out = data().run(&["status", "--unit", "NOPE"]);
    assert_eq!(out.code, 2);
}

#[test]
fn status_json_has_the_spec_shape() {
    let status = status_json(&data());
    assert_eq!(status["year"], 2024);
    for key in [
        "code",
        "expected",
        "submitted",
        "on_time",
        "errors",
        "warnings",
    ] {
        assert!(unit(&status, "STC").get(key).is_some(), "units[].{key}");
    }
    let dakha = unit(&status, "DAKHA");
    assert_eq!(
        (dakha["errors"].as_u64(), dakha["rows_with_errors"].as_u64()),
        (Some(1), Some(1))
    );
    let task = |id: &str| {
        status["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(task("3.1")["status"], "done");
    assert_eq!(task("3.1")["support_reports"], 1);
    assert_eq!(task("3.2")["status"], "done");
    assert_eq!(task("3.3")["status"], "not_applicable");
    let indicators = status["indicators"].as_array().unwrap();
    let patents = indicators.iter().find(|i| i["id"] == "PATENTS").unwrap();
    assert_eq!(
        (patents["value"].as_f64(), patents["cumulative"].as_f64()),
        (Some(1.0), Some(2.0))
    );
    // Cumulative 2 against at least 3 by 2030, from 0 in 2022: 0.75 expected in 2024.
    assert_eq!(patents["assessment"], "on_track");
    assert_eq!(patents["expected"].as_f64(), Some(0.75));
    assert_eq!(patents["base"]["year"], 2022);
    let share = indicators
        .iter()
        .find(|i| i["id"] == "STI_BUDGET_SHARE")
        .unwrap();
    assert_eq!(share["value"].as_f64(), Some(0.94));
    assert_eq!(share["target"]["year"], 2025);
    assert_eq!(share["assessment"], "on_track");
}

#[test]
fn merge_json_gives_every_value_its_source() {
    let merged = data()
        .run(&["merge", "--year", "2024", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        (merged["plan"].as_str(), merged["year"].as_i64()),
        (Some("99/KH-UBND"), Some(2024))
    );
    let task = merged["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "3.1")
        .unwrap();
    assert_eq!(task["status"], "done");
    let reports = task["reports"].as_array().unwrap();
    let roles: Vec<(&str, &str, &str)> = reports
        .iter()
        .map(|r| {
            (
                r["unit"].as_str().unwrap(),
                r["role"].as_str().unwrap(),
                r["source"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        roles,
        [
            ("STC", "lead", "reports/2024/STC.csv:2"),
            ("SKHCN", "support", "reports/2024/SKHCN.csv:2"),
        ]
    );
    for key in ["status", "result", "difficulties", "proposals"] {
        assert!(reports[0].get(key).is_some(), "reports[].{key}");
    }
    let share = merged["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "STI_BUDGET_SHARE")
        .unwrap();
    assert_eq!(share["value"].as_f64(), Some(0.94));
    assert!(share["cumulative"].is_null());
    assert_eq!(share["assessment"], "on_track");
    assert_eq!(share["reports"][0]["source"], "reports/2024/STC.csv:3");
    assert_eq!(merged["rows_with_errors"], 1);
}

#[test]
fn merge_csv_is_for_spreadsheets_and_guards_formulas() {
    let repo = data();
    repo.run(&["merge", "--year", "2024", "-o", "merged.csv"])
        .success();
    let bytes = std::fs::read(repo.path().join("merged.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with(
        "\u{feff}kind,id,title,unit,role,status,value,result,difficulties,proposals,note,source\r\n"
    ));
    // One row per report row given: 3.1 twice, 3.2, 3.3, and the two indicators.
    assert_eq!(text.matches("\r\n").count(), 1 + 6, "{text}");
    assert!(text.contains(",'=1+2 thủ tục,"), "{text}");
    assert!(text.contains("task,3.1,Bảo đảm chi cho khoa học và công nghệ,SKHCN,support,done,,"));
    assert!(text.contains(",reports/2024/SKHCN.csv:2\r\n"));
}

#[test]
fn report_markdown_reads_as_the_annual_report() {
    let out = data()
        .run(&[
            "report",
            "--year",
            "2024",
            "--number",
            "12",
            "--date",
            "2024-02-05",
        ])
        .success();
    insta::assert_snapshot!("report_md_2024", out.stdout);
}

#[test]
fn report_header_leaves_number_and_date_blank_without_the_options() {
    let md = data().run(&["report", "--year", "2024"]).success().stdout;
    assert!(
        md.contains("| Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-SKHCN |"),
        "{md}"
    );
    assert!(md.contains("*Kon Tum, ngày ... tháng ... năm ...*"));
    assert!(md.contains("UBND TỈNH KON TUM<br>**SỞ KHOA HỌC VÀ CÔNG NGHỆ**"));
    assert!(
        md.contains("**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc**")
    );
    let dated = data()
        .run(&[
            "report",
            "--year",
            "2024",
            "--number",
            "7",
            "--date",
            "2024-11-09",
        ])
        .success()
        .stdout;
    assert!(
        dated.contains("| Số: 7/BC-SKHCN | *Kon Tum, ngày 09 tháng 11 năm 2024* |"),
        "{dated}"
    );
}

#[test]
fn report_text_is_escaped_in_html_and_markdown() {
    let repo = data();
    let html = repo
        .run(&["report", "--year", "2024", "--format", "html"])
        .success()
        .stdout;
    assert!(
        html.contains("Góp ý &lt;script&gt;alert(1)&lt;/script&gt; *đậm*"),
        "{html}"
    );
    assert!(!html.contains("<script"), "no script at all");
    assert!(
        !html.contains("http://") || !html.contains("src=\"http"),
        "nothing fetched"
    );
    assert!(html.contains("@page { size: A4; margin: 20mm 15mm 20mm 30mm; }"));
    assert!(html.contains("\"Times New Roman\""));
    assert!(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let md = repo.run(&["report", "--year", "2024"]).success().stdout;
    assert!(
        md.contains(r"Góp ý \<script\>alert(1)\</script\> \*đậm\* \_nghiêng\_ \[liên kết\](http://x) \| \$x\$"),
        "{md}"
    );
}

#[test]
fn reruns_give_the_same_bytes() {
    let repo = data();
    for format in ["md", "html", "json"] {
        let args = [
            "report", "--year", "2024", "--format", format, "-o", "a.out",
        ];
        repo.run(&args).success();
        let first = std::fs::read(repo.path().join("a.out")).unwrap();
        repo.run(&args).success();
        let second = std::fs::read(repo.path().join("a.out")).unwrap();
        assert_eq!(first, second, "{format}");
    }
    let once = repo
        .run(&["merge", "--year", "2024", "--format", "json"])
        .success()
        .stdout;
    let twice = repo
        .run(&["merge", "--year", "2024", "--format", "json"])
        .success()
        .stdout;
    assert_eq!(once, twice);
}

#[test]
fn report_json_holds_the_same_content() {
    let report = data()
        .run(&[
            "report", "--year", "2024", "--format", "json", "--number", "12",
        ])
        .success()
        .json();
    assert_eq!(report["header"]["number"], "Số: 12/BC-SKHCN");
    assert_eq!(
        report["subtitle"],
        "Kết quả triển khai thực hiện Kế hoạch số 99/KH-UBND năm 2024"
    );
    assert_eq!(report["signature"]["signer_title"], "GIÁM ĐỐC");
    assert_eq!(report["signature"]["recipients"][1], "- Lưu: VT.");
    let proposals = report["proposals"]["items"].as_array().unwrap();
    let units: Vec<&str> = proposals
        .iter()
        .map(|p| p["unit"].as_str().unwrap())
        .collect();
    assert_eq!(units, ["SKHCN", "STC"]);
    let difficulties = &report["assessment"]["difficulties"][0]["entries"][0];
    assert_eq!(difficulties["text"], "Nguồn thu hạn chế.");
    assert_eq!(
        difficulties["by"],
        "Sở Tài chính, nhiệm vụ 3.1; Sở Khoa học và Công nghệ, nhiệm vụ 3.2"
    );
}

#[test]
fn status_merge_and_report_exit_0_with_errors_and_change_no_input() {
    let repo = data();
    let before: Vec<Vec<u8>> = [
        "reports/2024/DAKHA.csv",
        "reports/2024/STC.csv",
        "plan/plan.toml",
    ]
    .iter()
    .map(|p| std::fs::read(repo.path().join(p)).unwrap())
    .collect();
    for args in [
        vec!["status", "--year", "2024"],
        vec!["merge", "--year", "2024"],
        vec!["report", "--year", "2024", "--format", "html"],
    ] {
        let out = repo.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    let after: Vec<Vec<u8>> = [
        "reports/2024/DAKHA.csv",
        "reports/2024/STC.csv",
        "plan/plan.toml",
    ]
    .iter()
    .map(|p| std::fs::read(repo.path().join(p)).unwrap())
    .collect();
    assert_eq!(before, after);
    let out = repo.run(&["status", "--year", "2040"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: the year 2040 lies outside the plan's period 2023-2030\n"
    );
    let wrong = repo.run(&["report", "--date", "32/13/2024"]);
    assert_eq!(wrong.code, 2);
    assert_eq!(
        wrong.stderr,
        "error: --date \"32/13/2024\" is not a date: write day/month/year (05/02/2024 or 5/2/2024) or year-month-day (2024-02-05)\n"
    );
    let wrong = repo.run_in("", &["report", "--date", "5/2/24"]);
    assert_eq!(wrong.code, 2);
    assert!(
        wrong.stderr.contains("\"5/2/24\" không phải là một ngày"),
        "{}",
        wrong.stderr
    );
    let typed = |date: &str| {
        repo.run(&["report", "--year", "2024", "--date", date])
            .success()
            .stdout
    };
    assert_eq!(typed("05/02/2024"), typed("2024-02-05"));
    // One digit for the day or the month, as people also write them.
    assert_eq!(typed("5/2/2024"), typed("2024-02-05"));
}

#[test]
fn the_year_defaults_to_the_latest_reports_folder() {
    let status = data().run(&["status", "--format", "json"]).success().json();
    assert_eq!(status["year"], 2024);
}

#[test]
fn outside_git_the_submission_date_is_unknown() {
    let repo = data();
    let status = status_json(&repo);
    let stc = unit(&status, "STC");
    assert_eq!(stc["submitted"], true);
    assert!(stc["on_time"].is_null());
    assert!(stc["submitted_on"].is_null());
    assert_eq!(stc["date_unknown"], "not_a_repository");
    assert_eq!(stc["standing"], "date_unknown");
    let table = repo.run(&["status", "--year", "2024"]).success().stdout;
    assert!(
        table.starts_with(
            "Submissions 2024 (due before 2024-11-20, UTC+7): 3 of 3 expected units sent, 0 on time\n\
             3 sent on a date not known: not in a git repository\n"
        ),
        "{table}"
    );
    let md = repo.run(&["report", "--year", "2024"]).success().stdout;
    assert!(
        md.contains("| Không rõ (không nằm trong kho git) | Đã gửi, không rõ ngày gửi |"),
        "{md}"
    );
}

#[test]
fn on_time_means_first_committed_before_the_due_date() {
    let repo = data();
    git(repo.path(), &["init", "-q"], None);
    commit(
        &repo,
        &["plan", "reports/2023"],
        "2023-11-01T09:00:00+07:00",
    );
    // Committed late in the evening of the 19th, Kon Tum time: on time, although
    // it is already the 19th's afternoon in UTC and the 20th nowhere yet.
    commit(
        &repo,
        &["reports/2024/STC.csv"],
        "2024-11-19T23:30:00+07:00",
    );
    // On the due date itself: late.
    commit(
        &repo,
        &["reports/2024/DAKHA.csv"],
        "2024-11-20T08:00:00+07:00",
    );
    // SKHCN's report arrived by e-mail on the 18th and is committed a week later with
    // the date it arrived, then corrected: the first commit counts.
    std::fs::rename(
        repo.path().join("reports/2024/SKHCN.csv"),
        repo.path().join("inbox.csv"),
    )
    .unwrap();
    commit(&repo, &["inbox.csv"], "2024-11-18T10:00:00+07:00");
    git(
        repo.path(),
        &["mv", "inbox.csv", "reports/2024/SKHCN.csv"],
        None,
    );
    git(
        repo.path(),
        &["commit", "-q", "-m", "file it"],
        Some("2024-11-25T10:00:00+07:00"),
    );
    let status = status_json(&repo);
    let day = |code: &str| {
        let u = unit(&status, code);
        (
            u["submitted_on"].as_str().map(str::to_string),
            u["on_time"].as_bool(),
        )
    };
    assert_eq!(day("STC"), (Some("2024-11-19".into()), Some(true)));
    assert_eq!(day("DAKHA"), (Some("2024-11-20".into()), Some(false)));
    assert_eq!(day("SKHCN"), (Some("2024-11-18".into()), Some(true)));
}

#[test]
fn a_file_not_committed_has_no_date() {
    let repo = data();
    git(repo.path(), &["init", "-q"], None);
    commit(
        &repo,
        &["plan", "reports/2023", "reports/2024/STC.csv"],
        "2024-11-10T09:00:00+07:00",
    );
    let status = status_json(&repo);
    assert_eq!(unit(&status, "STC")["on_time"], true);
    assert_eq!(unit(&status, "SKHCN")["date_unknown"], "not_committed");
    assert!(unit(&status, "SKHCN")["on_time"].is_null());
}

#[test]
fn in_a_shallow_clone_the_date_is_unknown() {
    let origin = data();
    git(origin.path(), &["init", "-q"], None);
    commit(&origin, &["plan", "reports"], "2024-11-10T09:00:00+07:00");
    git(
        origin.path(),
        &["commit", "-q", "--allow-empty", "-m", "later"],
        Some("2024-12-01T09:00:00+07:00"),
    );
    let clone = Repo::empty();
    let url = format!("file://{}", origin.path().display());
    git(
        clone.path(),
        &["clone", "-q", "--depth", "1", &url, "."],
        None,
    );
    let status = status_json(&clone);
    assert_eq!(unit(&status, "STC")["date_unknown"], "shallow");
    assert!(unit(&status, "STC")["on_time"].is_null());
}

#[test]
fn many_support_units_are_summarised_with_an_annex() {
    let codes: Vec<String> = (1..=32).map(|n| format!("U{n:02}")).collect();
    let mut units = String::from(
        "[[unit]]\ncode = \"SKHCN\"\nname = \"Sở Khoa học và Công nghệ\"\nkind = \"department\"\n",
    );
    for code in &codes {
        units.push_str(&format!(
            "\n[[unit]]\ncode = \"{code}\"\nname = \"Đơn vị {code}\"\nkind = \"organization\"\n"
        ));
    }
    let members: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
    units.push_str(&format!(
        "\n[[group]]\ncode = \"ALL\"\nname = \"Các đơn vị\"\nmembers = [{}]\n",
        members.join(", ")
    ));
    let tasks = "[[section]]\nid = \"1\"\ntitle = \"Mục một\"\n\n[[task]]\nid = \"1.1\"\nsection = \"1\"\n\
                 title = \"Nhiệm vụ chung\"\ntext = \"Nhiệm vụ chung.\"\nlead = [\"SKHCN\"]\nsupport = [\"ALL\"]\n";
    let mut repo = Repo::new()
        .file("plan/units.toml", units)
        .file("plan/tasks.toml", tasks)
        .file("plan/indicators.toml", "")
        .file(
            "reports/2024/SKHCN.csv",
            format!("{HEADER}task,1.1,,in_progress,,Chủ trì triển khai,,,\n"),
        );
    for code in &codes {
        repo = repo.file(
            &format!("reports/2024/{code}.csv"),
            format!("{HEADER}task,1.1,,done,,Kết quả của {code},,,\n"),
        );
    }
    let md = repo.run(&["report", "--year", "2024"]).success().stdout;
    assert!(md.contains("- Sở Khoa học và Công nghệ (đang thực hiện): Chủ trì triển khai."));
    assert!(
        md.contains("*Các đơn vị phối hợp:* Có 32 đơn vị phối hợp báo cáo kết quả (32 đơn vị báo cáo hoàn thành phần việc của mình); kết quả của từng đơn vị tại Phụ lục 2."),
        "{md}"
    );
    assert!(!md.contains("- Đơn vị U01 (hoàn thành)"));
    assert!(md.contains("**PHỤ LỤC 2**"));
    assert!(md.contains("| 1 | Đơn vị U01 | Hoàn thành | Kết quả của U01 |"));
}
