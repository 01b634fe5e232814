//! Work that changes hands (SPEC section 3, `[[handover]]` and `successor`) and the
//! report's header that changes with the province (`[[report.change]]`): who a form is
//! for before and after the day, who takes the rest, and what the report is headed.

use pretty_assertions::assert_eq;

use crate::builder::{Repo, UNITS};

/// The ids of a form's rows, in order.
fn form_ids(repo: &Repo, unit: &str, year: &str) -> Vec<String> {
    let out = repo.run(&["template", "--unit", unit, "--year", year]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
        .lines()
        .skip(1)
        .map(|line| line.split(',').nth(1).expect("an id").to_string())
        .collect()
}

/// Sở Lao động - Thương binh và Xã hội leads 5.3 until its last day, 28 February 2025;
/// from 1 March 2025 vocational education, and so 5.3, is Sở Giáo dục và Đào tạo's.
#[test]
fn vocational_education_passes_to_the_education_department() {
    let repo = Repo::shipped();
    assert_eq!(
        form_ids(&repo, "SLDTBXH", "2024"),
        ["5.1", "5.2", "5.3", "7.a", "IV.4.1", "IV.4.2"]
    );
    assert_eq!(
        form_ids(&repo, "SGDDT", "2024"),
        ["7.a", "IV.4.1", "IV.4.2"]
    );
    assert_eq!(
        form_ids(&repo, "SGDDT", "2025"),
        ["5.3", "7.a", "IV.4.1", "IV.4.2"]
    );
}

/// What no handover moves goes to the successor: Sở Nội vụ takes SLDTBXH's support of
/// 5.1 and 5.2 (which it supported already), but not 5.3.
#[test]
fn the_successor_takes_the_rest() {
    let repo = Repo::shipped();
    let snv = form_ids(&repo, "SNV", "2025");
    assert_eq!(snv, ["5.1", "5.2", "7.a", "IV.4.1", "IV.4.2"]);

    let tasks = repo.run(&["tasks", "--year", "2025", "--format", "csv"]);
    let rows: Vec<&str> = tasks
        .stdout
        .lines()
        .filter(|l| l.starts_with("5."))
        .collect();
    assert_eq!(
        rows,
        [
            "5.1,\"Đào tạo nguồn nhân lực KH, CN và ĐMST của tỉnh\",SKHCN,\"SNV, any unit concerned\",recurring",
            "5.2,\"Liên kết, hợp tác đào tạo với viện nghiên cứu, trường đại học\",SKHCN,\"SNV, any unit concerned\",recurring",
            "5.3,Đổi mới chương trình đào tạo nhân lực KH&CN ở cơ sở giáo dục nghề nghiệp,SGDDT,any unit concerned,recurring",
        ]
    );
}

/// A 2025 report filed under SLDTBXH is refused (E004), and the help names both units
/// that hold its work: Sở Nội vụ the rest, Sở Giáo dục và Đào tạo task 5.3.
#[test]
fn a_report_of_the_ended_unit_names_every_unit_that_took_its_work() {
    let repo = Repo::shipped().file(
        "reports/2025/SLDTBXH.csv",
        "kind,id,status,result\ntask,5.3,done,Đã đổi mới 4 chương trình\n",
    );
    let out = repo.run_in("en", &["check", "reports/2025/SLDTBXH.csv"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        concat!(
            "reports/2025/SLDTBXH.csv: error[E004]: SLDTBXH no longer existed on 2025-11-20, \
             the due date of the 2025 reports\n",
            "  = help: its assignments passed to SNV: report as SNV; but task 5.3 passed to \
             SGDDT: report it as SGDDT\n",
        )
    );
    let vi = repo.run_in("vi", &["check", "reports/2025/SLDTBXH.csv"]);
    assert!(
        vi.stdout.contains(
            "  = gợi ý: nhiệm vụ của đơn vị đã chuyển cho SNV: báo cáo với mã SNV; riêng nhiệm \
             vụ 5.3 đã chuyển cho SGDDT: báo cáo với mã SGDDT\n"
        ),
        "{}",
        vi.stdout
    );
    // Another unit that ended the same day with nothing handed over names its successor
    // alone.
    let skhdt = Repo::shipped()
        .file("reports/2025/SKHDT.csv", "kind,id,status\n")
        .run_in("en", &["check", "reports/2025/SKHDT.csv"]);
    assert!(
        skhdt
            .stdout
            .contains("  = help: its assignments passed to STC: report as STC\n"),
        "{}",
        skhdt.stdout
    );
}

/// A handover may move work between two units that both go on existing, a task and an
/// indicator at once; the consolidation then expects the new holder.
#[test]
fn a_handover_between_two_living_units() {
    let units = format!(
        "{UNITS}
[[handover]]
from = \"STC\"
to = \"SKHCN\"
since = 2026-01-01
tasks = [\"3.1\"]
indicators = [\"STI_BUDGET_SHARE\"]
"
    );
    let repo = Repo::new().file("plan/units.toml", units);
    assert_eq!(form_ids(&repo, "STC", "2025"), ["3.1", "STI_BUDGET_SHARE"]);
    assert_eq!(
        form_ids(&repo, "SKHCN", "2026"),
        ["3.1", "3.2", "STI_BUDGET_SHARE", "PATENTS"]
    );
    // STC has nothing left to report in 2026: it is not expected.
    let status = repo
        .run(&["status", "--year", "2026", "--format", "json"])
        .success()
        .json();
    let codes: Vec<&str> = status["units"]
        .as_array()
        .expect("units")
        .iter()
        .filter(|u| u["expected"] == true)
        .map(|u| u["code"].as_str().expect("a code"))
        .collect();
    assert_eq!(codes, ["SKHCN"]);
}

#[test]
fn handovers_that_cannot_be_followed_are_plan_errors() {
    let units = format!(
        "{UNITS}
[[handover]]
from = \"SYT\"
to = \"SKHCN\"
since = 2026-01-01

[[handover]]
from = \"STC\"
to = \"DIA_PHUONG\"
since = 2026-01-01

[[handover]]
from = \"STC\"
to = \"SKHCN\"
since = 2026-01-01
tasks = [\"3.9\", \"3.2\"]
indicators = [\"PATENTS\"]

[[handover]]
from = \"STC\"
to = \"SKHCN\"
since = 2026-01-01
tasks = []
"
    );
    let out = Repo::new().file("plan/units.toml", units).run(&["check"]);
    assert_eq!(
        out.stdout,
        concat!(
            "plan/units.toml:28:8: error[E010]: unknown unit \"SYT\"\n",
            "plan/units.toml:34:6: error[E010]: \"DIA_PHUONG\" is a group; a handover moves one \
             unit's work\n",
            "plan/units.toml:41:10: error[E010]: unknown task \"3.9\"\n",
            "plan/units.toml:41:17: error[E010]: STC has no part in task \"3.2\" to hand over\n",
            "plan/units.toml:42:15: error[E010]: STC has no part in indicator \"PATENTS\" to hand \
             over\n",
            "plan/units.toml:44:1: error[E010]: a handover that names no task and no indicator \
             moves nothing; leave both lists out to move all of the unit's work\n",
        )
    );
    assert_eq!(out.code, 1);
}

/// The report of 2024, issued in December 2024, is headed by Kon Tum province.
#[test]
fn header_of_a_2024_report() {
    let out = Repo::shipped().run(&[
        "report",
        "--year",
        "2024",
        "--format",
        "md",
        "--date",
        "2024-12-05",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "| UBND TỈNH KON TUM<br>**SỞ KHOA HỌC VÀ CÔNG NGHỆ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT \
         NAM**<br>**Độc lập - Tự do - Hạnh phúc** |"
    );
    assert_eq!(
        lines[2],
        "| Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-SKHCN | *Kon Tum, ngày 05 tháng 12 năm 2024* |"
    );
    assert!(
        out.stdout
            .contains("\\- Các Sở, ban ngành, UBND các huyện, thành phố;<br>\\- Lưu: VT, VP. |")
    );
}

/// From 1 July 2025 the report is issued in the merged province of Quảng Ngãi, and no
/// longer sent to the districts, which ended on 30 June.
#[test]
fn header_of_a_2025_report() {
    let repo = Repo::shipped();
    let out = repo.run(&[
        "report",
        "--year",
        "2025",
        "--format",
        "md",
        "--date",
        "2025-12-05",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "| UBND TỈNH QUẢNG NGÃI<br>**SỞ KHOA HỌC VÀ CÔNG NGHỆ** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA \
         VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |"
    );
    assert!(lines[2].ends_with("| *Quảng Ngãi, ngày 05 tháng 12 năm 2025* |"));
    assert!(out.stdout.contains(
        "\\- Các Sở, ban, ngành;<br>\\- UBND các xã, phường, đặc khu;<br>\\- Lưu: VT, VP. |"
    ));
    assert!(!out.stdout.contains("huyện, thành phố;"));

    // Without --date, the header in force on the year's due date (20 November 2025).
    let undated = repo.run(&["report", "--year", "2025", "--format", "md"]);
    assert!(
        undated
            .stdout
            .contains("| *Quảng Ngãi, ngày ... tháng ... năm ...* |")
    );
    // A late report of 2024, issued after the merger, is the merged province's.
    let late = repo.run(&[
        "report",
        "--year",
        "2024",
        "--format",
        "md",
        "--date",
        "2025-07-15",
    ]);
    assert!(late.stdout.starts_with("| UBND TỈNH QUẢNG NGÃI<br>"));
}

#[test]
fn a_report_change_must_change_something_once_a_day() {
    let plan = format!(
        "{}
[report]
place = \"Kon Tum\"

[[report.change]]
since = 2025-07-01
place = \"Quảng Ngãi\"

[[report.change]]
since = 2025-07-01
",
        crate::builder::PLAN
    );
    let out = Repo::new().file("plan/plan.toml", plan).run(&["check"]);
    assert_eq!(
        out.stdout,
        concat!(
            "plan/plan.toml:18:1: error[E010]: a [[report.change]] that changes nothing: give \
             the keys it replaces\n",
            "plan/plan.toml:19:9: error[E010]: a second [[report.change]] since 2025-07-01: \
             merge the two\n",
        )
    );
    assert_eq!(out.code, 1);
}
