//! Plan checks (SPEC section 3): every problem is one E010 at the file, line and
//! column of the offending value, and `check` exits 1. Each test writes one broken
//! plan file in full, so the position in the expected text can be read off it.

use pretty_assertions::assert_eq;

use crate::builder::{Output, Repo, UNITS};

/// Asserts that `check` exited 1, printed exactly `lines` on standard output and,
/// on standard error, the summary counting one error per line that is not a
/// `= help` line (there are no reports, so no note that they wait for the plan).
fn assert_plan_errors(out: &Output, lines: &[&str]) {
    let mut expected = lines.join("\n");
    expected.push('\n');
    assert_eq!(out.stdout, expected);
    let errors = lines.iter().filter(|l| !l.starts_with("  = ")).count();
    let noun = if errors == 1 { "error" } else { "errors" };
    assert_eq!(
        out.stderr,
        format!("checked the plan and 0 report files: {errors} {noun}, 0 warnings\n")
    );
    assert_eq!(out.code, 1);
}

/// A plan whose only task names a unit that does not exist as its lead.
fn plan_with_unknown_lead() -> Repo {
    Repo::new().plan_file(
        "tasks.toml",
        r#"
        [[section]]
        id = "3"
        title = "Thu hút nguồn lực đầu tư cho khoa học, công nghệ"

        [[task]]
        id = "3.1"
        section = "3"
        title = "Bảo đảm chi cho khoa học và công nghệ"
        text = "Bảo đảm chi cho khoa học, công nghệ và đổi mới sáng tạo."
        lead = ["SKHCM"]
        "#,
    )
}

#[test]
fn the_builders_plan_is_valid() {
    let out = Repo::new().run(&["check"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "checked the plan and 0 report files: 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn lead_naming_an_unknown_unit() {
    let out = plan_with_unknown_lead().run(&["check"]);
    assert_plan_errors(
        &out,
        &[r#"plan/tasks.toml:10:9: error[E010]: unknown unit or group "SKHCM""#],
    );
}

#[test]
fn duplicate_task_id_points_at_the_second() {
    let out = Repo::new()
        .plan_file(
            "tasks.toml",
            r#"
            [[section]]
            id = "3"
            title = "Thu hút nguồn lực đầu tư cho khoa học, công nghệ"

            [[task]]
            id = "3.1"
            section = "3"
            title = "Bảo đảm chi cho khoa học và công nghệ"
            text = "Bảo đảm chi cho khoa học, công nghệ và đổi mới sáng tạo."
            lead = ["STC"]

            [[task]]
            id = "3.1"
            section = "3"
            title = "Huy động vốn ngoài ngân sách"
            text = "Tăng cường huy động các nguồn vốn đầu tư ngoài ngân sách."
            lead = ["SKHCN"]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[
            r#"plan/tasks.toml:13:6: error[E010]: duplicate task id "3.1""#,
            "  = help: it is first defined at plan/tasks.toml:6",
        ],
    );
}

#[test]
fn unknown_key_in_a_unit() {
    // Any *.toml under plan/ is read: this one adds a unit.
    let out = Repo::new()
        .plan_file(
            "health.toml",
            r#"
            [[unit]]
            code = "SYT"
            nmae = "Sở Y tế"
            kind = "department"
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[
            "plan/health.toml:3:1: error[E010]: unknown key `nmae` in [[unit]]",
            "  = help: the keys of [[unit]] are: code, name, kind, since, until, successor, \
             reports; did you mean `name`?",
        ],
    );
}

/// One typo in a unit is one error: the unit's code still counts as defined, so the
/// tasks and indicators that name it are not reported too.
#[test]
fn unknown_key_in_a_unit_is_the_only_error() {
    let units = UNITS.replacen("name = ", "nmae = ", 1);
    let out = Repo::new().file("plan/units.toml", units).run(&["check"]);
    assert_plan_errors(
        &out,
        &[
            "plan/units.toml:3:1: error[E010]: unknown key `nmae` in [[unit]]",
            "  = help: the keys of [[unit]] are: code, name, kind, since, until, successor, \
             reports; did you mean `name`?",
        ],
    );
}

#[test]
fn target_min_above_max() {
    let out = Repo::new()
        .plan_file(
            "indicators.toml",
            r#"
            [[indicator]]
            id = "STI_BUDGET_SHARE"
            name = "Tỷ lệ chi ngân sách cho khoa học và công nghệ"
            unit = "%"
            measure = "level"
            aggregate = "single"
            reporters = ["STC"]
            targets = [ { year = 2030, min = 2.0, max = 1.5 } ]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &["plan/indicators.toml:8:34: error[E010]: min 2 is greater than max 1.5"],
    );
}

#[test]
fn target_year_outside_the_period() {
    let out = Repo::new()
        .plan_file(
            "indicators.toml",
            r#"
            [[indicator]]
            id = "STI_BUDGET_SHARE"
            name = "Tỷ lệ chi ngân sách cho khoa học và công nghệ"
            unit = "%"
            measure = "level"
            aggregate = "single"
            reporters = ["STC"]
            targets = [ { year = 2025, min = 1.0 }, { year = 2031, min = 2.0 } ]
            "#,
        )
        .run(&["check"]);
    // Column 50 is the second target's year.
    assert_plan_errors(
        &out,
        &[
            "plan/indicators.toml:8:50: error[E010]: target year 2031 lies outside the \
             plan's period 2023-2030",
        ],
    );
}

#[test]
fn baseline_year_after_the_period() {
    // A baseline before the period is fine (the builder's plan has one in 2022).
    let out = Repo::new()
        .plan_file(
            "indicators.toml",
            r#"
            [[indicator]]
            id = "STI_BUDGET_SHARE"
            name = "Tỷ lệ chi ngân sách cho khoa học và công nghệ"
            unit = "%"
            measure = "level"
            aggregate = "single"
            reporters = ["STC"]
            baseline = { year = 2031, value = 0.5 }
            targets = [ { year = 2030, min = 2.0 } ]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[
            "plan/indicators.toml:8:21: error[E010]: baseline year 2031 is after the \
             plan's last year 2030",
        ],
    );
}

#[test]
fn invalid_toml_syntax() {
    let out = Repo::new()
        .plan_file(
            "tasks.toml",
            r#"
            [[section]]
            id = "3"
            title = "Thu hút nguồn lực đầu tư cho khoa học, công nghệ

            [[task]]
            id = "3.1"
            section = "3"
            title = "Bảo đảm chi cho khoa học và công nghệ"
            text = "Bảo đảm chi cho khoa học, công nghệ và đổi mới sáng tạo."
            lead = ["STC"]
            "#,
        )
        .run(&["check"]);
    // Column 58 is the end of line 3, where the closing quote is missing.
    assert_plan_errors(
        &out,
        &["plan/tasks.toml:3:58: error[E010]: invalid TOML: invalid basic string, expected `\"`"],
    );
}

#[test]
fn plan_file_not_utf8() {
    // "Thu hút" saved in Windows-1258, where ú is the byte 0xFA.
    let out = Repo::new()
        .file(
            "plan/tasks.toml",
            b"[[section]]\nid = \"3\"\ntitle = \"Thu h\xfat\"\n",
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[
            "plan/tasks.toml:3: error[E010]: the file is not valid UTF-8",
            "  = help: save plan files as UTF-8",
        ],
    );
}

#[test]
fn group_member_that_is_no_unit() {
    let out = Repo::new()
        .plan_file(
            "groups.toml",
            r#"
            [[group]]
            code = "CAC_SO"
            name = "Các Sở, ban ngành"
            members = ["SKHCN", "STC", "SYT"]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[r#"plan/groups.toml:4:28: error[E010]: unknown unit "SYT""#],
    );
}

#[test]
fn group_member_that_is_a_group() {
    let out = Repo::new()
        .plan_file(
            "groups.toml",
            r#"
            [[group]]
            code = "CAC_SO"
            name = "Các Sở, ban ngành"
            members = ["SKHCN", "DIA_PHUONG"]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[
            r#"plan/groups.toml:4:21: error[E010]: "DIA_PHUONG" is a group; a unit is expected here"#,
        ],
    );
}

#[test]
fn task_without_lead() {
    let out = Repo::new()
        .plan_file(
            "tasks.toml",
            r#"
            [[section]]
            id = "3"
            title = "Thu hút nguồn lực đầu tư cho khoa học, công nghệ"

            [[task]]
            id = "3.1"
            section = "3"
            title = "Bảo đảm chi cho khoa học và công nghệ"
            text = "Bảo đảm chi cho khoa học, công nghệ và đổi mới sáng tạo."
            lead = []
            support = ["STC"]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[r#"plan/tasks.toml:10:8: error[E010]: task "3.1" has no lead unit"#],
    );
}

#[test]
fn unknown_section() {
    let out = Repo::new()
        .plan_file(
            "tasks.toml",
            r#"
            [[section]]
            id = "3"
            title = "Thu hút nguồn lực đầu tư cho khoa học, công nghệ"

            [[task]]
            id = "4.1"
            section = "4"
            title = "Kiện toàn Trung tâm Nghiên cứu, Ứng dụng khoa học và công nghệ"
            text = "Kiện toàn và nâng cao chất lượng hoạt động của Trung tâm."
            lead = ["SKHCN"]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[r#"plan/tasks.toml:7:11: error[E010]: unknown section "4""#],
    );
}

#[test]
fn problems_in_several_files_are_all_reported_in_one_run() {
    let out = Repo::new()
        .plan_file(
            "groups.toml",
            r#"
            [[group]]
            code = "CAC_SO"
            name = "Các Sở, ban ngành"
            members = ["SKHCN", "STC", "SYT"]
            "#,
        )
        .plan_file(
            "indicators.toml",
            r#"
            [[indicator]]
            id = "STI_BUDGET_SHARE"
            name = "Tỷ lệ chi ngân sách cho khoa học và công nghệ"
            unit = "%"
            measure = "level"
            aggregate = "single"
            reporters = ["STC"]
            targets = [ { year = 2030, min = 2.0, max = 1.5 } ]
            "#,
        )
        .plan_file(
            "tasks.toml",
            r#"
            [[section]]
            id = "3"
            title = "Thu hút nguồn lực đầu tư cho khoa học, công nghệ"

            [[task]]
            id = "3.1"
            section = "3"
            title = "Bảo đảm chi cho khoa học và công nghệ"
            text = "Bảo đảm chi cho khoa học, công nghệ và đổi mới sáng tạo."
            lead = ["SKHCM"]

            [[task]]
            id = "4.1"
            section = "4"
            title = "Kiện toàn Trung tâm Nghiên cứu, Ứng dụng khoa học và công nghệ"
            text = "Kiện toàn và nâng cao chất lượng hoạt động của Trung tâm."
            lead = ["SKHCN"]
            "#,
        )
        .run(&["check"]);
    // Four errors in three files, ordered by file and line.
    assert_plan_errors(
        &out,
        &[
            r#"plan/groups.toml:4:28: error[E010]: unknown unit "SYT""#,
            "plan/indicators.toml:8:34: error[E010]: min 2 is greater than max 1.5",
            r#"plan/tasks.toml:10:9: error[E010]: unknown unit or group "SKHCM""#,
            r#"plan/tasks.toml:14:11: error[E010]: unknown section "4""#,
        ],
    );
}

#[test]
fn json_form_holds_every_field() {
    let out = plan_with_unknown_lead().run(&["check", "--format", "json"]);
    assert_eq!(out.code, 1);
    // Only the JSON goes to standard output; the summary goes to standard error.
    assert_eq!(
        out.stderr,
        "checked the plan and 0 report files: 1 error, 0 warnings\n"
    );
    let json = out.json();
    let diagnostics = json.as_array().expect("a JSON array");
    assert_eq!(diagnostics.len(), 1);
    let d = &diagnostics[0];
    assert_eq!(d["file"], "plan/tasks.toml");
    assert_eq!(d["line"], 10);
    assert_eq!(d["column"], 9);
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "E010");
    assert_eq!(d["message"], r#"unknown unit or group "SKHCM""#);
    assert_eq!(d.get("help"), Some(&serde_json::Value::Null));
}

#[test]
fn github_form_is_a_workflow_command() {
    let out = plan_with_unknown_lead().run(&["check", "--format", "github"]);
    assert_eq!(
        out.stdout,
        "::error file=plan/tasks.toml,line=10,col=9,title=E010::unknown unit or group \"SKHCM\"\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn listing_refuses_a_plan_with_errors() {
    let out = plan_with_unknown_lead().run(&["tasks"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "plan/tasks.toml:10:9: error[E010]: unknown unit or group \"SKHCM\"\n\
         error: the plan has 1 error; run `ktplan check` and fix it first\n"
    );
    assert_eq!(out.code, 2);
}

#[test]
fn no_plan_above_the_current_folder() {
    let repo = Repo::empty();
    let out = repo.run(&["check"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "error: no plan/plan.toml in {} or any folder above it; run inside a data \
             repository or give --root DIR\n",
            repo.path().display()
        )
    );
    assert_eq!(out.code, 2);
}

#[test]
fn root_option_naming_a_folder_without_plan() {
    let repo = Repo::new().file("archive/README.txt", "Báo cáo cũ\n");
    let out = repo.run(&["--root", "archive", "check"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "error: {}/archive holds no plan/plan.toml\n",
            repo.path().display()
        )
    );
    assert_eq!(out.code, 2);
}

/// `nan` and `inf` are numbers to TOML but no target or baseline; a `%` target of 500 and
/// a `%` baseline below 0 lie outside what a percentage can be.
#[test]
fn targets_and_baselines_that_are_not_finite_or_not_percentages() {
    let out = Repo::new()
        .plan_file(
            "indicators.toml",
            r#"
            [[indicator]]
            id = "STI_BUDGET_SHARE"
            name = "Tỷ lệ chi ngân sách cho khoa học và công nghệ"
            unit = "%"
            measure = "level"
            aggregate = "single"
            reporters = ["STC"]
            baseline = { year = 2022, value = -1 }
            targets = [ { year = 2025, min = nan }, { year = 2030, min = 500.0 } ]

            [[indicator]]
            id = "PATENTS"
            name = "Số sáng chế được bảo hộ"
            unit = "count"
            measure = "flow"
            aggregate = "sum"
            reporters = ["SKHCN"]
            baseline = { year = 2022, value = inf }
            targets = [ { year = 2030, max = -inf } ]
            "#,
        )
        .run(&["check"]);
    assert_plan_errors(
        &out,
        &[
            "plan/indicators.toml:8:35: error[E010]: the baseline -1% is out of range: a \
             percentage lies between 0 and 100",
            "plan/indicators.toml:9:34: error[E010]: the target nan is not a finite number",
            "plan/indicators.toml:9:62: error[E010]: the target 500% is out of range: a \
             percentage lies between 0 and 100",
            "plan/indicators.toml:18:35: error[E010]: the baseline inf is not a finite number",
            "plan/indicators.toml:19:34: error[E010]: the target -inf is not a finite number",
        ],
    );
}
