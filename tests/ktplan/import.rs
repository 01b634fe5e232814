//! `ktplan import` (SPEC section 6): a received report is written to
//! `reports/<YYYY>/<UNIT>.csv` in the canonical form only when it has no errors, never
//! over a report without `--force`; and a form filled in and saved as Excel with
//! Vietnamese settings saves it comes back as the same data.

use pretty_assertions::assert_eq;

use crate::builder::{Output, Repo};

/// The bytes of `tests/fixtures/reports/<name>`.
macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../fixtures/reports/", $name)).as_slice()
    };
}

const TARGET: &str = "reports/2024/STC.csv";

/// Runs `import inbox/bao-cao.csv --unit STC --year 2024 EXTRA` in `repo`.
fn import(repo: &Repo, extra: &[&str]) -> Output {
    let mut args = vec![
        "--lang",
        "en",
        "import",
        "inbox/bao-cao.csv",
        "--unit",
        "STC",
        "--year",
        "2024",
    ];
    args.extend_from_slice(extra);
    repo.run(&args)
}

/// The shipped plan with `bytes` received as `inbox/bao-cao.csv`.
fn received(bytes: &[u8]) -> Repo {
    Repo::shipped().file("inbox/bao-cao.csv", bytes)
}

/// What is at `path` in `repo`, if anything.
fn read(repo: &Repo, path: &str) -> Option<Vec<u8>> {
    std::fs::read(repo.path().join(path)).ok()
}

#[test]
fn report_with_errors_is_not_written() {
    let repo = received(fixture!("E007-status.csv"));
    let out = import(&repo, &[]);
    let help = "  = help: use one of: Chưa thực hiện (not_started), Đang thực hiện (in_progress), \
                Hoàn thành (done), Không phát sinh (not_applicable)";
    assert_eq!(
        out.stdout,
        format!(
            "inbox/bao-cao.csv:3:4: error[E007]: unknown status \"Đã xong\"\n{help}\n\
             inbox/bao-cao.csv:8:4: error[E007]: task \"IV.4.2\" has no status\n{help}\n"
        )
    );
    assert_eq!(
        out.stderr,
        "inbox/bao-cao.csv has 2 errors: nothing was written. Fix them and import again.\n"
    );
    assert_eq!(out.code, 1);
    assert_eq!(read(&repo, TARGET), None);
    assert!(!repo.path().join("reports").exists());
}

/// One error is "it", not "them".
#[test]
fn report_with_one_error_says_fix_it() {
    let repo = received(fixture!("E008-not-a-number.csv")).file(
        "plan/stc-figures.toml",
        include_str!("../fixtures/reports/stc-figures.toml"),
    );
    let out = import(&repo, &[]);
    assert_eq!(
        out.stderr,
        "inbox/bao-cao.csv has 1 error: nothing was written. Fix it and import again.\n"
    );
    assert_eq!(out.code, 1);
}

#[test]
fn existing_report_is_not_replaced_without_force() {
    let before = fixture!("W102-empty.csv");
    let repo = received(fixture!("clean.csv")).file(TARGET, before);
    let out = import(&repo, &[]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "reports/2024/STC.csv already exists: nothing was written (--force replaces it)\n"
    );
    assert_eq!(out.code, 1);
    assert!(
        read(&repo, TARGET).as_deref() == Some(before),
        "the report changed"
    );
}

#[test]
fn force_replaces_the_existing_report() {
    let repo = received(fixture!("clean.csv")).file(TARGET, fixture!("W102-empty.csv"));
    let out = import(&repo, &["--force"]);
    assert_eq!(
        out.stderr,
        "imported inbox/bao-cao.csv into reports/2024/STC.csv: 8 rows (7 tasks, 1 indicator), \
         0 warnings\n"
    );
    assert_eq!(out.code, 0);
    let fresh = received(fixture!("clean.csv"));
    import(&fresh, &[]).success();
    assert_eq!(read(&repo, TARGET), read(&fresh, TARGET));
}

/// The report in the repository imported over itself with `--force` is rewritten in the
/// canonical form (the way to bring an older repository to it); without `--force` it
/// stays as it was.
#[test]
fn force_rewrites_the_report_over_itself_in_the_canonical_form() {
    let repo = Repo::shipped().file(TARGET, fixture!("clean.csv"));
    let args = [
        "--lang", "en", "import", TARGET, "--unit", "STC", "--year", "2024",
    ];
    let out = repo.run(&args);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            1,
            "reports/2024/STC.csv already exists: nothing was written (--force replaces it)\n"
        )
    );
    assert!(read(&repo, TARGET).as_deref() == Some(fixture!("clean.csv")));
    let out = repo.run(&[&args[..], &["--force"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let fresh = received(fixture!("clean.csv"));
    import(&fresh, &[]).success();
    assert_eq!(read(&repo, TARGET), read(&fresh, TARGET));
    assert_ne!(read(&repo, TARGET).as_deref(), Some(fixture!("clean.csv")));
}

/// The mistyped "Kiến nghị, đề suất" and the unit's own "Đơn vị phối hợp" are kept,
/// after the known columns, in the order they came.
#[test]
fn unknown_columns_are_kept_after_the_known_ones() {
    let repo = received(fixture!("W103-unknown-columns.csv"));
    let out = import(&repo, &[]);
    assert_eq!(
        out.stdout,
        "inbox/bao-cao.csv:1:8: warning[W103]: unknown column \"Kiến nghị, đề suất\" is ignored\n\
         \x20 = help: did you mean `proposals` (Kiến nghị, đề xuất)?\n\
         inbox/bao-cao.csv:1:10: warning[W103]: unknown column \"Đơn vị phối hợp\" is ignored\n"
    );
    assert_eq!(
        out.stderr,
        "imported inbox/bao-cao.csv into reports/2024/STC.csv: 8 rows (7 tasks, 1 indicator), \
         2 warnings\n"
    );
    assert_eq!(out.code, 0);
    let written = String::from_utf8(read(&repo, TARGET).expect("imported")).expect("UTF-8");
    let lines: Vec<&str> = written.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}kind,id,title,status,value,result,difficulties,proposals,note,\
         \"Kiến nghị, đề suất\",Đơn vị phối hợp"
    );
    assert_eq!(
        lines[1],
        "task,3.1,\"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\",\
         in_progress,,\"Đã tham mưu UBND tỉnh bố trí 1,2% tổng chi ngân sách địa phương cho khoa \
         học và công nghệ\",Nguồn thu ngân sách địa phương còn hạn chế,,,Đề nghị Trung ương hỗ \
         trợ kinh phí có mục tiêu,"
    );
    assert_eq!(
        lines[4],
        "task,IV.1.2,\"Tham mưu cân đối, bố trí ngân sách hằng năm cho KH, CN và ĐMST\",done,,\
         Phối hợp Sở Khoa học và Công nghệ tham mưu dự toán chi năm 2025,,,,,Sở Khoa học và Công \
         nghệ"
    );
    assert_eq!(lines.len(), 10, "{written}");
}

/// Rows left as the template wrote them are kept as they were: kind, id and title, the
/// rest empty (no status is made up for them).
#[test]
fn untouched_rows_are_kept_as_they_were() {
    let repo = received(fixture!("read-untouched-rows.csv"));
    let out = import(&repo, &[]);
    assert_eq!(
        out.stderr,
        "imported inbox/bao-cao.csv into reports/2024/STC.csv: 8 rows (7 tasks, 1 indicator), \
         1 warning\n"
    );
    assert_eq!(out.code, 0);
    let written = String::from_utf8(read(&repo, TARGET).expect("imported")).expect("UTF-8");
    assert!(written.contains(
        "\r\ntask,IV.1.2,\"Tham mưu cân đối, bố trí ngân sách hằng năm cho KH, CN và ĐMST\",,,,,,\r\n"
    ));
    assert!(written.contains(
        "\r\ntask,IV.4.2,\"Trực tiếp tổ chức thực hiện mục tiêu, nhiệm vụ, giải pháp Kế hoạch\",,,,,,\r\n"
    ));
}

// ---- A form's round trip ----------------------------------------------------------

/// What a clerk fills in, by id: the status (in Vietnamese), the value and the result.
const FILLED: [(&str, &str, &str, &str); 8] = [
    (
        "3.1",
        "Đang thực hiện",
        "",
        "Đã tham mưu bố trí 1,2% tổng chi ngân sách địa phương; \"ưu tiên\" nhiệm vụ cấp tỉnh",
    ),
    (
        "3.3",
        "Hoàn thành",
        "",
        "Đã ban hành văn bản hướng dẫn số 123/STC-QLNS, gửi 45 doanh nghiệp",
    ),
    ("7.a", "Không phát sinh", "", ""),
    (
        "IV.1.2",
        "Đã hoàn thành",
        "",
        "Phối hợp tham mưu dự toán:\n- chi sự nghiệp;\n- chi đầu tư phát triển",
    ),
    (
        "IV.3.1",
        "Hoàn thành",
        "",
        "Bố trí 18.500 triệu đồng; giải ngân đạt 92,5%",
    ),
    (
        "IV.4.1",
        "Hoàn thành",
        "",
        "Ban hành Kế hoạch số 45/KH-STC ngày 10/3/2024",
    ),
    (
        "IV.4.2",
        "Đang triển khai",
        "",
        "- Lồng ghép vào nhiệm vụ chuyên môn",
    ),
    (
        "STI_BUDGET_SHARE",
        "",
        "1,25",
        "Số liệu quyết toán năm 2024 (ước)",
    ),
];

/// The template's rows, filled in from [`FILLED`].
fn fill(form: &str) -> Vec<Vec<String>> {
    let form = form
        .strip_prefix('\u{feff}')
        .expect("the form has a byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(form.as_bytes());
    let mut rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| {
            r.expect("the form is CSV")
                .iter()
                .map(String::from)
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 1 + FILLED.len(), "{form}");
    for row in &mut rows[1..] {
        let (_, status, value, result) = FILLED
            .iter()
            .find(|(id, ..)| *id == row[1])
            .unwrap_or_else(|| panic!("nothing to fill in for {}", row[1]));
        row[3] = status.to_string();
        row[4] = value.to_string();
        row[5] = result.to_string();
    }
    rows
}

/// `rows` as a spreadsheet saves them as CSV UTF-8: a byte-order mark, CRLF, cells
/// quoted only where they must be.
fn save(rows: &[Vec<String>], delimiter: u8) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(csv::Terminator::CRLF)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for row in rows {
        writer.write_record(row).expect("write a row");
    }
    writer.into_inner().expect("flush")
}

/// `template` -> filled in -> `check` is clean; the same sheet saved as Excel with
/// Vietnamese settings saves it (`;`, decimal comma) imports to exactly the same
/// canonical file as the `,` copy.
#[test]
fn filled_form_saved_either_way_imports_to_the_same_report() {
    let repo = Repo::shipped();
    let form = repo
        .run(&["template", "--unit", "STC", "--year", "2024"])
        .success()
        .stdout;
    let rows = fill(&form);
    let comma = save(&rows, b',');
    let semicolon = save(&rows, b';');
    assert!(String::from_utf8_lossy(&comma).contains(",\"1,25\","));
    assert!(String::from_utf8_lossy(&semicolon).contains(";1,25;"));

    let checked = Repo::shipped().file(TARGET, &comma).run(&["check"]);
    assert_eq!(checked.stdout, "");
    assert_eq!(
        checked.stderr,
        "checked the plan and 1 report file: 0 errors, 0 warnings\n"
    );
    assert_eq!(checked.code, 0);

    let from_comma = received(&comma);
    import(&from_comma, &[]).success();
    let from_semicolon = received(&semicolon);
    let out = import(&from_semicolon, &[]).success();
    assert_eq!(out.stdout, "");
    let canonical = read(&from_semicolon, TARGET).expect("imported");
    assert!(
        read(&from_comma, TARGET).as_deref() == Some(canonical.as_slice()),
        "the two copies import differently"
    );
    let canonical = String::from_utf8(canonical).expect("UTF-8");
    assert_eq!(
        canonical,
        concat!(
            "\u{feff}kind,id,title,status,value,result,difficulties,proposals,note\r\n",
            "task,3.1,\"Bảo đảm chi cho KH, CN và ĐMST từ 2% trở lên trong tổng chi ngân sách\",\
             in_progress,,\"Đã tham mưu bố trí 1,2% tổng chi ngân sách địa phương; \"\"ưu \
             tiên\"\" nhiệm vụ cấp tỉnh\",,,\r\n",
            "task,3.3,Khuyến khích doanh nghiệp thành lập quỹ phát triển KH&CN,done,,\"Đã ban \
             hành văn bản hướng dẫn số 123/STC-QLNS, gửi 45 doanh nghiệp\",,,\r\n",
            "task,7.a,Lĩnh vực khoa học xã hội và nhân văn,not_applicable,,,,,\r\n",
            "task,IV.1.2,\"Tham mưu cân đối, bố trí ngân sách hằng năm cho KH, CN và ĐMST\",done,,\
             \"Phối hợp tham mưu dự toán:\n- chi sự nghiệp;\n- chi đầu tư phát triển\",,,\r\n",
            "task,IV.3.1,Tham mưu bố trí kinh phí sự nghiệp khoa học và công nghệ hằng năm,done,,\
             \"Bố trí 18.500 triệu đồng; giải ngân đạt 92,5%\",,,\r\n",
            "task,IV.4.1,\"Xây dựng kế hoạch triển khai tại đơn vị, địa phương\",done,,Ban hành \
             Kế hoạch số 45/KH-STC ngày 10/3/2024,,,\r\n",
            "task,IV.4.2,\"Trực tiếp tổ chức thực hiện mục tiêu, nhiệm vụ, giải pháp Kế hoạch\",\
             in_progress,,- Lồng ghép vào nhiệm vụ chuyên môn,,,\r\n",
            "indicator,STI_BUDGET_SHARE,Tỷ lệ đầu tư của nhà nước cho khoa học và công nghệ \
             trong tổng chi ngân sách nhà nước hàng năm,,1.25,Số liệu quyết toán năm 2024 \
             (ước),,,\r\n",
        )
    );
}
