//! `ktplan template` (SPEC section 6): the form a clerk fills in, byte for byte, and
//! what it does with a file that is already there.

use pretty_assertions::assert_eq;

use crate::builder::Repo;

/// STC's form for 2024 on the shipped plan: UTF-8 with a byte-order mark, CRLF, the
/// Vietnamese header, a row for each task STC leads (3.1, 3.3, 7.a, IV.3.1, IV.4.1,
/// IV.4.2) or supports (IV.1.2) and for the indicator it reports, titles filled. Tasks
/// open to any unit concerned (`["*"]`, such as 1.1) are not STC's to report.
const STC_2024_FORM: &str = concat!(
    "\u{feff}Loại,Mã,Nội dung,Trạng thái,Giá trị,Kết quả,\"Khó khăn, vướng mắc\",\
     \"Kiến nghị, đề xuất\",Ghi chú\r\n",
    "Nhiệm vụ,3.1,\"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\",,,,,,\r\n",
    "Nhiệm vụ,3.3,Khuyến khích doanh nghiệp thành lập quỹ phát triển KH&CN,,,,,,\r\n",
    "Nhiệm vụ,7.a,Lĩnh vực khoa học xã hội và nhân văn,,,,,,\r\n",
    "Nhiệm vụ,IV.1.2,\"Tham mưu cân đối, bố trí ngân sách hằng năm cho KH, CN và ĐMST\",,,,,,\r\n",
    "Nhiệm vụ,IV.3.1,Tham mưu bố trí kinh phí sự nghiệp khoa học và công nghệ hằng năm,,,,,,\r\n",
    "Nhiệm vụ,IV.4.1,\"Xây dựng kế hoạch triển khai tại đơn vị, địa phương\",,,,,,\r\n",
    "Nhiệm vụ,IV.4.2,\"Trực tiếp tổ chức thực hiện mục tiêu, nhiệm vụ, giải pháp Kế hoạch\",,,,,,\r\n",
    "Chỉ tiêu,STI_BUDGET_SHARE,Tỷ lệ đầu tư của nhà nước cho khoa học và công nghệ trong tổng \
     chi ngân sách nhà nước hàng năm,,,,,,\r\n",
);

#[test]
fn form_of_stc_for_2024() {
    let out = Repo::shipped().run(&["template", "--unit", "STC", "--year", "2024"]);
    assert_eq!(out.stdout, STC_2024_FORM);
    assert!(!out.stdout.contains(",1.1,"));
    assert_eq!(out.stderr, "");
    assert_eq!(out.code, 0);
}

#[test]
fn form_in_english() {
    let out = Repo::shipped().run(&[
        "template", "--unit", "STC", "--year", "2024", "--lang", "en",
    ]);
    let expected = STC_2024_FORM
        .replace(
            "Loại,Mã,Nội dung,Trạng thái,Giá trị,Kết quả,\"Khó khăn, vướng mắc\",\
             \"Kiến nghị, đề xuất\",Ghi chú",
            "kind,id,title,status,value,result,difficulties,proposals,note",
        )
        .replace("Nhiệm vụ,", "task,")
        .replace("Chỉ tiêu,", "indicator,");
    assert_eq!(out.stdout, expected);
    assert_eq!(out.code, 0);
}

/// From 1 March 2025 STC holds what Sở Kế hoạch và Đầu tư held: its form for 2025 has
/// SKHDT's tasks (IV.2.1, IV.2.2) and indicator (TFP_SHARE) too.
#[test]
fn form_of_a_successor_has_what_it_took_over() {
    let out = Repo::shipped().run(&["template", "--unit", "STC", "--year", "2025"]);
    let ids: Vec<&str> = out
        .stdout
        .lines()
        .skip(1)
        .map(|line| line.split(',').nth(1).expect("an id"))
        .collect();
    assert_eq!(
        ids,
        [
            "3.1",
            "3.3",
            "7.a",
            "IV.1.2",
            "IV.2.1",
            "IV.2.2",
            "IV.3.1",
            "IV.4.1",
            "IV.4.2",
            "TFP_SHARE",
            "STI_BUDGET_SHARE"
        ]
    );
    assert_eq!(out.code, 0);
}

#[test]
fn form_written_to_a_file() {
    let repo = Repo::shipped();
    let out = repo.run(&[
        "template",
        "--unit",
        "STC",
        "--year",
        "2024",
        "-o",
        "reports/2024/STC.csv",
    ]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "wrote reports/2024/STC.csv: STC's form for 2024, 8 rows\n"
    );
    assert_eq!(out.code, 0);
    let written =
        std::fs::read_to_string(repo.path().join("reports/2024/STC.csv")).expect("the form");
    assert_eq!(written, STC_2024_FORM);
}

/// A file that is there may be a filled-in report: it is kept unless `--force`.
#[test]
fn existing_file_is_not_replaced_without_force() {
    let filled = include_bytes!("../fixtures/reports/clean.csv").as_slice();
    let repo = Repo::shipped().file("reports/2024/STC.csv", filled);
    let args = [
        "template",
        "--unit",
        "STC",
        "--year",
        "2024",
        "-o",
        "reports/2024/STC.csv",
    ];
    let out = repo.run(&args);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "reports/2024/STC.csv already exists; it may hold a filled-in report. Nothing was \
         written (--force replaces it).\n"
    );
    assert_eq!(out.code, 1);
    let kept = std::fs::read(repo.path().join("reports/2024/STC.csv")).expect("the report");
    assert!(kept == filled, "the report was changed");

    let out = repo.run(&[&args[..], &["--force"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written =
        std::fs::read_to_string(repo.path().join("reports/2024/STC.csv")).expect("the form");
    assert_eq!(written, STC_2024_FORM);
}

#[test]
fn unknown_unit_cannot_run() {
    let out = Repo::shipped().run(&["template", "--unit", "STCC", "--year", "2024"]);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("error: \"STCC\" is not a unit of the plan"),
        "{}",
        out.stderr
    );
    assert_eq!(out.code, 2);
}

/// The clerk asked for a form and named no file: a hint to name the file after a unit
/// code does not fit; the unit codes do.
#[test]
fn unknown_unit_hint_fits_the_command() {
    let out = Repo::shipped().run(&["template", "--unit", "STCC", "--year", "2024"]);
    assert!(!out.stderr.contains("name the file"), "{}", out.stderr);
    assert!(out.stderr.contains("STC"), "{}", out.stderr);
    assert_eq!(out.code, 2);
}

#[test]
fn year_outside_the_plan_cannot_run() {
    let out = Repo::shipped().run(&["template", "--unit", "STC", "--year", "2031"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: the year 2031 lies outside the plan's period 2023-2030\n"
    );
    assert_eq!(out.code, 2);
}
