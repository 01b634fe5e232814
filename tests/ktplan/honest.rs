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
            "| STI\\_BUDGET\\_SHARE | 0\\.94% | 2025: ≥ 1 | insufficient\\_data | one point (0.94): no baseline, no value before 2024 |"
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
            "| on\\_track | path 0.8 (2023) → 1 (2025), 0.9 expected in 2024; R = (0.94 − 0.8) / (0.9 − 0.8) = 1.4 |"
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
