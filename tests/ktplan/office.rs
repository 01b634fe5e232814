//! The documents the office uses (SPEC section 8): the signature block in every form of
//! the annual report, the report as a Word document and the consolidation as Excel
//! workbooks. What ktplan writes is opened with readers that are not the writer: the
//! DOCX's parts are unzipped and their XML read; the workbooks are read with calamine.

use pretty_assertions::assert_eq;

use crate::builder::{PLAN, Repo};

/// The builder's plan with a `[report]` table ending in `signature`.
fn plan_signed(signature: &str) -> String {
    format!(
        "{PLAN}\n[report]\nplace = \"Kon Tum\"\nissuer_parent = \"UBND tỉnh Kon Tum\"\n\
         recipients = [\"UBND tỉnh (b/c)\", \"Lưu: VT\"]\n{signature}"
    )
}

/// The builder's plan signed as `signature` says, with one report.
fn signed(signature: &str) -> Repo {
    Repo::new()
        .file("plan/plan.toml", plan_signed(signature))
        .file(
            "reports/2024/STC.csv",
            "kind,id,title,status,value,result,difficulties,proposals,note\n\
             task,3.1,,done,,Bố trí đủ kinh phí,,,\n\
             indicator,STI_BUDGET_SHARE,,,\"0,94\",,,,\n",
        )
}

/// The last lines of the Markdown report from the signature table on.
fn markdown_signature(repo: &Repo) -> String {
    let out = repo.run(&["report", "--year", "2024"]).success();
    let start = out
        .stdout
        .find("| ***Nơi nhận:***")
        .expect("the signature table");
    let end = out.stdout[start..].find("\n\n").expect("its end") + start;
    out.stdout[start..end].to_string()
}

#[test]
fn the_head_signs_with_a_name() {
    let repo = signed("signer_title = \"Giám đốc\"\nsigner_name = \"Nguyễn Văn An\"\n");
    assert_eq!(
        markdown_signature(&repo),
        "| ***Nơi nhận:*** | **GIÁM ĐỐC** |\n|:---|:---:|\n\
         | \\- UBND tỉnh (b/c);<br>\\- Lưu: VT. | <br><br><br>**Nguyễn Văn An** |"
    );
    let html = repo
        .run(&["report", "--year", "2024", "--format", "html"])
        .success()
        .stdout;
    assert!(
        html.contains(
            "<td class=\"signer\"><div>GIÁM ĐỐC</div><div class=\"sign-space\"></div>\
             <div class=\"signer-name\">Nguyễn Văn An</div></td>"
        ),
        "{html}"
    );
    let json = repo
        .run(&["report", "--year", "2024", "--format", "json"])
        .success()
        .json();
    assert_eq!(
        json["signature"]["authority"],
        serde_json::json!(["GIÁM ĐỐC"])
    );
    assert_eq!(json["signature"]["signer_name"], "Nguyễn Văn An");
}

#[test]
fn a_deputy_signs_on_the_heads_behalf() {
    let repo = signed(
        "signer_title = \"GIÁM ĐỐC\"\ndeputy_title = \"Phó Giám đốc\"\nsigner_name = \"Trần Thị Bình\"\n",
    );
    assert_eq!(
        markdown_signature(&repo),
        "| ***Nơi nhận:*** | **KT. GIÁM ĐỐC**<br>**PHÓ GIÁM ĐỐC** |\n|:---|:---:|\n\
         | \\- UBND tỉnh (b/c);<br>\\- Lưu: VT. | <br><br><br>**Trần Thị Bình** |"
    );
    let html = repo
        .run(&["report", "--year", "2024", "--format", "html"])
        .success()
        .stdout;
    assert!(
        html.contains(
            "<td class=\"signer\"><div>KT. GIÁM ĐỐC</div><div>PHÓ GIÁM ĐỐC</div>\
             <div class=\"sign-space\"></div><div class=\"signer-name\">Trần Thị Bình</div></td>"
        ),
        "{html}"
    );
}

#[test]
fn without_a_name_the_space_is_left_to_sign_and_write_in() {
    let repo = signed("signer_title = \"GIÁM ĐỐC\"\ndeputy_title = \"PHÓ GIÁM ĐỐC\"\n");
    assert_eq!(
        markdown_signature(&repo),
        "| ***Nơi nhận:*** | **KT. GIÁM ĐỐC**<br>**PHÓ GIÁM ĐỐC** |\n|:---|:---:|\n\
         | \\- UBND tỉnh (b/c);<br>\\- Lưu: VT. | <br><br><br> |"
    );
    let html = repo
        .run(&["report", "--year", "2024", "--format", "html"])
        .success()
        .stdout;
    assert!(
        html.contains("<div>PHÓ GIÁM ĐỐC</div><div class=\"sign-space\"></div></td>"),
        "{html}"
    );
}

#[test]
fn a_deputy_without_the_heads_title_is_a_plan_error() {
    let out = signed("deputy_title = \"PHÓ GIÁM ĐỐC\"\n").run(&["check"]);
    assert_eq!(out.code, 1);
    // [plan] fills lines 1-9, a blank line, then [report] from line 11.
    assert_eq!(
        out.stdout,
        "plan/plan.toml:15:16: error[E010]: `deputy_title` without `signer_title`: a deputy \
         signs on the head's behalf (\"KT. GIÁM ĐỐC\" above \"PHÓ GIÁM ĐỐC\"), so name the \
         head's title too\n"
    );
}

#[test]
fn an_empty_signer_name_is_a_plan_error() {
    let out = signed("signer_title = \"GIÁM ĐỐC\"\nsigner_name = \" \"\n").run(&["check"]);
    assert_eq!(out.code, 1);
    assert_eq!(
        out.stdout,
        "plan/plan.toml:16:15: error[E010]: an empty `signer_name`; leave the key out to print none\n"
    );
}

#[test]
fn the_html_names_vietnamese_serif_fonts_and_charts_print_at_11_pt() {
    let html = signed("signer_title = \"GIÁM ĐỐC\"\n")
        .run(&["report", "--year", "2024", "--format", "html"])
        .success()
        .stdout;
    let fonts = r#""Times New Roman", Tinos, "Noto Serif", "DejaVu Serif", serif"#;
    assert!(html.contains(&format!("body {{ font-family: {fonts};")));
    assert!(!html.contains("Liberation Serif"));
    let charts: Vec<&str> = html.split("<svg ").skip(1).collect();
    assert_eq!(charts.len(), 2, "one chart per indicator");
    for chart in charts {
        let attr = |name: &str| -> f64 {
            let start = chart.find(&format!(" {name}=\"")).expect(name) + name.len() + 3;
            let end = chart[start..].find('"').unwrap() + start;
            chart[start..end].parse().expect("a number")
        };
        // Printed at its own width (CSS pixels, 96 to the inch): points = units * 72 / 96.
        let printed_pt = attr("font-size") * 72.0 / 96.0;
        assert!(printed_pt >= 11.0, "chart text prints at {printed_pt} pt");
        assert!(chart.contains("font-family=\"&quot;Times New Roman&quot;, Tinos,"));
        // Values: a solid line with round dots; targets: diamonds; the path: dashed,
        // from a hollow circle. In the legend too, so a grey print tells them apart.
        assert!(chart.contains("<circle") && chart.contains("fill=\"#fff\""));
        assert!(chart.contains("stroke-dasharray=\"6 4\""));
        assert!(chart.contains("<path d=\"M"));
    }
}

// ---- The consolidation as workbooks -----------------------------------------------------

/// Two units' reports of 2024 on the builder's plan: numbers in a percentage and a
/// count, a date unknown (no git), text that a spreadsheet would run as a formula, and
/// an escape character pasted from a terminal.
fn consolidated() -> Repo {
    signed("signer_title = \"GIÁM ĐỐC\"\n").file(
        "reports/2024/SKHCN.csv",
        "kind,id,title,status,value,result,difficulties,proposals,note\n\
         task,3.1,,done,,=1+2 thủ tục,,,\n\
         task,3.2,,in_progress,,\"Khảo sát \u{1b}[31m doanh nghiệp\",Thiếu kinh phí,Tăng biên chế,\n\
         indicator,PATENTS,,,2,,,,\n",
    )
}

/// Runs `args` with `-o out.xlsx` and returns the workbook's bytes.
fn workbook_of(repo: &Repo, args: &[&str]) -> Vec<u8> {
    let mut args = args.to_vec();
    args.extend(["-o", "out.xlsx"]);
    let out = repo.run(&args).success();
    assert_eq!(out.stdout, "", "a workbook is written to its file only");
    std::fs::read(repo.path().join("out.xlsx")).expect("the workbook")
}

type Book = calamine::Xlsx<std::io::Cursor<Vec<u8>>>;

fn open(bytes: &[u8]) -> Book {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an xlsx")
}

/// The rows of a sheet as calamine reads them.
fn rows(book: &mut Book, sheet: &str) -> Vec<Vec<calamine::Data>> {
    use calamine::Reader;
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("no sheet {sheet}: {e}"));
    range.rows().map(<[calamine::Data]>::to_vec).collect()
}

fn texts(row: &[calamine::Data]) -> Vec<String> {
    row.iter().map(ToString::to_string).collect()
}

/// The number format of a cell, as a spreadsheet reads the styles.
fn number_format(book: &mut Book, sheet: &str, row: u32, column: u32) -> String {
    let styles = book.worksheet_style(sheet).expect("the sheet's styles");
    styles
        .get((row, column))
        .and_then(|s| s.number_format.as_ref())
        .map(|f| f.format_code.clone())
        .unwrap_or_default()
}

/// The text of one part of a zip package.
fn part(bytes: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut entry = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"));
    let mut text = String::new();
    entry.read_to_string(&mut text).expect("a text part");
    text
}

#[test]
fn status_as_a_workbook_has_a_sheet_per_table_with_numbers_as_numbers() {
    use calamine::{Data, Reader};
    let repo = consolidated();
    let bytes = workbook_of(&repo, &["status", "--year", "2024", "--format", "xlsx"]);
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), ["Gửi báo cáo", "Nhiệm vụ", "Chỉ tiêu"]);

    let units = rows(&mut book, "Gửi báo cáo");
    assert_eq!(
        texts(&units[0]),
        [
            "Mã đơn vị",
            "Cơ quan, đơn vị",
            "Phải báo cáo",
            "Đã gửi",
            "Ngày gửi",
            "Tình trạng",
            "Số lỗi",
            "Số cảnh báo",
            "Số dòng có lỗi",
            "Tệp báo cáo"
        ]
    );
    let stc = units.iter().find(|r| r[0] == "STC").expect("STC's line");
    assert_eq!(stc[1], "Sở Tài chính");
    assert_eq!((&stc[2], &stc[3]), (&Data::from("Có"), &Data::from("Có")));
    // Outside git the day is not known: no date, and the standing says so.
    assert_eq!(stc[4], Data::Empty);
    assert_eq!(stc[5], "Không rõ ngày gửi");
    assert_eq!(stc[6], Data::Float(0.0));
    assert_eq!(stc[9], "reports/2024/STC.csv");

    let indicators = rows(&mut book, "Chỉ tiêu");
    assert_eq!(indicators[0][3], "Giá trị");
    assert_eq!(indicators[0][14], "Nguồn");
    let share = &indicators[1];
    assert_eq!(share[0], "STI_BUDGET_SHARE");
    // 0,94% as the fraction a spreadsheet computes with, shown as a percentage.
    assert_eq!(share[3], Data::Float(0.0094));
    assert_eq!(number_format(&mut book, "Chỉ tiêu", 1, 3), "0.00%");
    assert_eq!(share[5], Data::Float(2025.0));
    assert_eq!(share[6], Data::Float(0.01));
    assert_eq!(share[14], "reports/2024/STC.csv:3");
    let patents = &indicators[2];
    assert_eq!(patents[0], "PATENTS");
    assert_eq!(
        (&patents[3], &patents[4]),
        (&Data::Float(2.0), &Data::Float(2.0))
    );
    assert_eq!(number_format(&mut book, "Chỉ tiêu", 2, 3), "General");
    assert_eq!(patents[14], "reports/2024/SKHCN.csv:4");

    let tasks = rows(&mut book, "Nhiệm vụ");
    let t31 = tasks.iter().find(|r| r[0] == "3.1").expect("task 3.1");
    assert_eq!(t31[3], "Hoàn thành");
    assert_eq!(t31[8], "reports/2024/STC.csv:2");

    // The header row frozen, a filter over the whole table, widths to fit.
    let sheet = part(&bytes, "xl/worksheets/sheet3.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A1:O3"/>"#), "{sheet}");
    let width = |column: usize| -> f64 {
        let tag = format!("<col min=\"{column}\" max=\"{column}\" width=\"");
        let start = sheet.find(&tag).expect("a width") + tag.len();
        let end = sheet[start..].find('"').unwrap() + start;
        sheet[start..end].parse().unwrap()
    };
    // The name is wider than the id, and wide enough for the longest name.
    assert!(width(2) > width(1));
    assert!(
        width(2)
            >= "Tỷ lệ chi ngân sách cho khoa học và công nghệ"
                .chars()
                .count() as f64
    );
}

#[test]
fn merge_as_a_workbook_keeps_every_row_with_its_source_and_text_as_text() {
    use calamine::{Data, Reader};
    let repo = consolidated();
    let bytes = workbook_of(&repo, &["merge", "--year", "2024", "--format", "xlsx"]);
    let mut book = open(&bytes);
    assert_eq!(book.sheet_names(), ["Báo cáo nhiệm vụ", "Báo cáo chỉ tiêu"]);
    let tasks = rows(&mut book, "Báo cáo nhiệm vụ");
    assert_eq!(
        texts(&tasks[0]),
        [
            "Mã nhiệm vụ",
            "Nhiệm vụ",
            "Đơn vị",
            "Vai trò",
            "Trạng thái",
            "Kết quả",
            "Khó khăn, vướng mắc",
            "Kiến nghị, đề xuất",
            "Ghi chú",
            "Tình trạng nhiệm vụ",
            "Nguồn"
        ]
    );
    let lines: Vec<Vec<String>> = tasks[1..].iter().map(|r| texts(r)).collect();
    assert_eq!(
        lines,
        [
            [
                "3.1",
                "Bảo đảm chi cho khoa học và công nghệ",
                "STC - Sở Tài chính",
                "Chủ trì",
                "Hoàn thành",
                "Bố trí đủ kinh phí",
                "",
                "",
                "",
                "Hoàn thành",
                "reports/2024/STC.csv:2"
            ],
            [
                "3.1",
                "Bảo đảm chi cho khoa học và công nghệ",
                "SKHCN - Sở Khoa học và Công nghệ",
                "Phối hợp",
                "Hoàn thành",
                "=1+2 thủ tục",
                "",
                "",
                "",
                "Hoàn thành",
                "reports/2024/SKHCN.csv:2"
            ],
            [
                "3.2",
                "Huy động vốn ngoài ngân sách",
                "SKHCN - Sở Khoa học và Công nghệ",
                "Chủ trì",
                "Đang thực hiện",
                "Khảo sát \\u{1b}[31m doanh nghiệp",
                "Thiếu kinh phí",
                "Tăng biên chế",
                "",
                "Đang thực hiện",
                "reports/2024/SKHCN.csv:3"
            ],
        ]
    );
    // The text that looks like a formula is a string cell, never a formula.
    let formulas = book
        .worksheet_formula("Báo cáo nhiệm vụ")
        .expect("the formulas");
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
    let indicators = rows(&mut book, "Báo cáo chỉ tiêu");
    assert_eq!(indicators[1][4], Data::Float(0.0094));
    assert_eq!(indicators[1][9], "reports/2024/STC.csv:3");
    assert_eq!(indicators[2][4], Data::Float(2.0));
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"state="frozen""#) && sheet.contains(r#"<autoFilter ref="A1:K4"/>"#));
}

#[test]
fn workbooks_are_the_same_bytes_on_every_run() {
    let repo = consolidated();
    for command in ["status", "merge"] {
        let args = [command, "--year", "2024", "--format", "xlsx"];
        let first = workbook_of(&repo, &args);
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert!(
            workbook_of(&repo, &args) == first,
            "{command} differs between runs"
        );
        // The document's date is the data's (the due date), not the clock's.
        let core = part(&first, "docProps/core.xml");
        assert!(core.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-11-20T00:00:00Z</dcterms:created>"), "{core}");
    }
}

#[test]
fn a_workbook_needs_a_file_to_go_to() {
    let repo = consolidated();
    for command in ["status", "merge"] {
        let out = repo.run(&[command, "--year", "2024", "--format", "xlsx"]);
        assert_eq!(out.code, 2);
        assert_eq!(out.stdout, "");
        assert!(
            out.stderr
                .contains("a workbook is not text: give the file to write with -o FILE.xlsx"),
            "{}",
            out.stderr
        );
    }
}
