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

/// Runs `args` with `-o out.xlsx` and returns the workbook's bytes, in the plan's
/// language (Vietnamese).
fn workbook_of(repo: &Repo, args: &[&str]) -> Vec<u8> {
    let mut args = args.to_vec();
    args.extend(["-o", "out.xlsx"]);
    let out = repo.run_in("", &args).success();
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

// ---- The annual report as a Word document -----------------------------------------------

/// Every part of a zip package, by name.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    (0..zip.len())
        .map(|i| {
            let mut entry = zip.by_index(i).expect("an entry");
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("an entry's bytes");
            (entry.name().expect("a name").to_string(), data)
        })
        .collect()
}

/// The report of [`consolidated`] signed by a deputy, as a Word document.
fn word_report(repo: &Repo) -> Vec<u8> {
    let out = repo
        .run(&[
            "report",
            "--year",
            "2024",
            "--format",
            "docx",
            "-o",
            "bao-cao.docx",
            "--number",
            "12",
            "--date",
            "2024-12-05",
        ])
        .success();
    assert_eq!(out.stdout, "");
    std::fs::read(repo.path().join("bao-cao.docx")).expect("the document")
}

/// The children's names of every element called `name`, in document order.
fn children_of<'a>(doc: &'a roxmltree::Document, name: &str) -> Vec<Vec<&'a str>> {
    doc.descendants()
        .filter(|n| n.tag_name().name() == name)
        .map(|n| {
            n.children()
                .filter(roxmltree::Node::is_element)
                .map(|c| c.tag_name().name())
                .collect()
        })
        .collect()
}

/// Asserts that every `element`'s children come in the schema's `order` (ECMA-376 part
/// 1, the sequence of its complex type), each at most where the schema allows it.
fn assert_schema_order(doc: &roxmltree::Document, element: &str, order: &[&str]) {
    let lists = children_of(doc, element);
    assert!(!lists.is_empty(), "no {element}");
    for children in lists {
        let ranks: Vec<usize> = children
            .iter()
            .map(|c| {
                order
                    .iter()
                    .position(|o| o == c)
                    .unwrap_or_else(|| panic!("{c} is not a child of {element} we expect"))
            })
            .collect();
        // Only a header reference may come more than once (default and first page).
        let repeats = |rank: usize| order[rank] == "headerReference";
        assert!(
            ranks
                .windows(2)
                .all(|w| w[0] < w[1] || (w[0] == w[1] && repeats(w[0]))),
            "{element} children out of the schema's order: {children:?}"
        );
    }
}

/// `w:pPr`, `w:rPr`, `w:sectPr`, `w:tblPr` and `w:tcPr` in their schema order, as far
/// as ktplan writes them.
const PPR: &[&str] = &[
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "pBdr",
    "spacing",
    "ind",
    "jc",
    "outlineLvl",
];
const RPR: &[&str] = &["rFonts", "b", "bCs", "i", "iCs", "sz", "szCs", "u", "lang"];
const SECTPR: &[&str] = &[
    "headerReference",
    "pgSz",
    "pgMar",
    "pgNumType",
    "cols",
    "titlePg",
];
const TBLPR: &[&str] = &[
    "tblStyle",
    "tblW",
    "tblInd",
    "tblBorders",
    "tblLayout",
    "tblCellMar",
    "tblLook",
];

#[test]
fn the_word_report_keeps_to_decree_30_and_the_schema() {
    let repo = signed(
        "signer_title = \"GIÁM ĐỐC\"\ndeputy_title = \"PHÓ GIÁM ĐỐC\"\nsigner_name = \"Trần Thị Bình\"\n",
    );
    let bytes = word_report(&repo);
    let parts = parts(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "[Content_Types].xml", "content types come first");
    let text = |name: &str| -> String {
        let (_, data) = parts
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no part {name}"));
        String::from_utf8(data.clone()).expect("UTF-8 XML")
    };
    // Every XML part is well-formed XML.
    for (name, data) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let xml = std::str::from_utf8(data).expect("UTF-8");
            roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let types = text("[Content_Types].xml");
    for part in [
        "/word/document.xml",
        "/word/styles.xml",
        "/word/settings.xml",
        "/word/header1.xml",
        "/word/header2.xml",
        "/docProps/core.xml",
        "/docProps/app.xml",
    ] {
        assert!(
            types.contains(&format!("PartName=\"{part}\"")),
            "{part} has no content type"
        );
    }
    assert!(types.contains("<Default Extension=\"png\" ContentType=\"image/png\"/>"));

    let document = text("word/document.xml");
    let doc = roxmltree::Document::parse(&document).unwrap();
    assert_schema_order(&doc, "pPr", PPR);
    assert_schema_order(&doc, "rPr", RPR);
    assert_schema_order(&doc, "sectPr", SECTPR);
    assert_schema_order(&doc, "tblPr", TBLPR);
    let styles = text("word/styles.xml");
    let styles_doc = roxmltree::Document::parse(&styles).unwrap();
    assert_schema_order(&styles_doc, "pPr", PPR);
    assert_schema_order(&styles_doc, "rPr", RPR);

    // A4 portrait; margins 20 mm top and bottom, 30 mm left, 15 mm right (in twips);
    // a first page of its own, so the page number starts on page 2.
    let attr = |node: roxmltree::Node, name: &str| -> String {
        node.attributes()
            .find(|a| a.name() == name)
            .map(|a| a.value().to_string())
            .unwrap_or_default()
    };
    let find = |name: &str| {
        doc.descendants()
            .find(|n| n.tag_name().name() == name)
            .unwrap_or_else(|| panic!("no {name}"))
    };
    let size = find("pgSz");
    assert_eq!(
        (attr(size, "w"), attr(size, "h")),
        ("11906".into(), "16838".into())
    );
    let margins = find("pgMar");
    let mm = |twips: String| (twips.parse::<f64>().unwrap() * 25.4 / 1440.0).round();
    assert_eq!(
        [
            mm(attr(margins, "top")),
            mm(attr(margins, "bottom")),
            mm(attr(margins, "left")),
            mm(attr(margins, "right"))
        ],
        [20.0, 20.0, 30.0, 15.0]
    );
    assert!(document.contains("<w:titlePg/>"));
    assert!(document.contains("<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>"));
    assert!(document.contains("<w:headerReference w:type=\"first\" r:id=\"rIdHeader2\"/>"));

    // Times New Roman 14 pt for the body, 13 pt in tables.
    assert!(styles.contains(
        "<w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\""
    ));
    assert!(styles.contains("<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/><w:lang"));
    let table_text = styles_doc
        .descendants()
        .find(|n| n.tag_name().name() == "style" && attr(*n, "styleId") == "TableText")
        .expect("the TableText style");
    assert!(
        table_text
            .descendants()
            .any(|n| n.tag_name().name() == "sz" && attr(n, "val") == "26")
    );

    // The page number: a PAGE field in the header of pages 2 on, centred; the only field.
    let header = text("word/header1.xml");
    assert!(header.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"));
    assert!(styles.contains("<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/>"));
    let fields: usize = parts
        .iter()
        .map(|(_, d)| {
            String::from_utf8_lossy(d)
                .matches("w:fldCharType=\"begin\"")
                .count()
                + String::from_utf8_lossy(d).matches("<w:fldSimple").count()
        })
        .sum();
    assert_eq!(fields, 1);
    assert!(
        !text("word/header2.xml").contains("<w:r>"),
        "page 1 has no number"
    );

    // The header block: a borderless table of two columns; "Số:" upright, the place and
    // date in italic, the motto line with its rule.
    let tables: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "tbl")
        .collect();
    let masthead = tables[0];
    let borders = masthead
        .descendants()
        .find(|n| n.tag_name().name() == "tblBorders")
        .expect("borders");
    assert!(
        borders
            .children()
            .filter(roxmltree::Node::is_element)
            .all(|b| attr(b, "val") == "nil")
    );
    assert_eq!(
        masthead
            .descendants()
            .filter(|n| n.tag_name().name() == "gridCol")
            .count(),
        2
    );
    let run_of = |needle: &str| {
        masthead
            .descendants()
            .filter(|n| n.tag_name().name() == "r")
            .find(|r| {
                r.descendants().any(|t| {
                    t.tag_name().name() == "t" && t.text().is_some_and(|x| x.contains(needle))
                })
            })
            .unwrap_or_else(|| panic!("no run with {needle}"))
    };
    let has = |run: roxmltree::Node, property: &str| {
        run.descendants().any(|n| n.tag_name().name() == property)
    };
    assert!(!has(run_of("Số: 12/BC-SKHCN"), "i"));
    assert!(has(run_of("Kon Tum, ngày 05 tháng 12 năm 2024"), "i"));
    assert!(has(run_of("Độc lập - Tự do - Hạnh phúc"), "u"));
    assert!(has(run_of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "b"));

    // Headings with their outline levels, numbered as the report numbers them.
    let heading_texts = |style: &str| -> Vec<String> {
        doc.descendants()
            .filter(|p| p.tag_name().name() == "p")
            .filter(|p| {
                p.descendants()
                    .any(|s| s.tag_name().name() == "pStyle" && attr(s, "val") == style)
            })
            .map(|p| {
                p.descendants()
                    .filter(|t| t.tag_name().name() == "t")
                    .map(|t| t.text().unwrap_or(""))
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        heading_texts("Heading1"),
        [
            "I. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP",
            "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
            "III. ĐÁNH GIÁ CHUNG",
            "IV. ĐỀ XUẤT, KIẾN NGHỊ"
        ]
    );
    assert!(styles.contains("<w:outlineLvl w:val=\"0\"/>"));

    // Data tables repeat their header row on every page: the indicators and the annex.
    let repeated = tables
        .iter()
        .filter(|t| {
            t.children()
                .find(|c| c.tag_name().name() == "tr")
                .is_some_and(|tr| tr.descendants().any(|n| n.tag_name().name() == "tblHeader"))
        })
        .count();
    assert_eq!(repeated, 2);

    // A chart per indicator: a PNG at 200 dpi or more, shown at the SVG's size, captioned.
    let rels = text("word/_rels/document.xml.rels");
    let pictures: Vec<&(String, Vec<u8>)> = parts
        .iter()
        .filter(|(n, _)| n.starts_with("word/media/"))
        .collect();
    assert_eq!(pictures.len(), 2);
    let extents: Vec<u64> = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "extent")
        .map(|n| attr(n, "cx").parse().unwrap())
        .collect();
    assert_eq!(extents.len(), 2);
    for ((name, png), cx) in pictures.iter().zip(&extents) {
        assert_eq!(&png[1..4], b"PNG");
        let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
        let inches = *cx as f64 / 914_400.0;
        let dpi = f64::from(width) / inches;
        assert!(dpi >= 200.0, "{name} at {dpi} dpi");
        let target = name.trim_start_matches("word/");
        assert!(
            rels.contains(&format!("relationships/image\" Target=\"{target}\"")),
            "{name} not related"
        );
    }
    for n in 1..=2 {
        assert!(document.contains(&format!("<a:blip r:embed=\"rIdChart{n}\"/>")));
    }
    let captions = heading_texts("Caption");
    assert_eq!(
        captions,
        [
            "Biểu đồ 1 (%): giá trị qua các năm và mục tiêu",
            "Biểu đồ 2: giá trị lũy kế qua các năm và mục tiêu"
        ]
    );

    // Real paragraphs with the units' words; the signature block and "Nơi nhận".
    assert!(document.contains(
        "<w:t xml:space=\"preserve\">Sở Tài chính (hoàn thành): Bố trí đủ kinh phí.</w:t>"
    ));
    let signer = heading_texts("Signer");
    assert_eq!(
        signer,
        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "Trần Thị Bình"]
    );
    assert_eq!(
        heading_texts("Recipients"),
        ["Nơi nhận:", "- UBND tỉnh (b/c);", "- Lưu: VT."]
    );
    // The document's properties carry the report's date, not the clock's.
    assert!(text("docProps/core.xml").contains(
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2024-12-05T00:00:00Z</dcterms:created>"
    ));
}

#[test]
fn the_word_report_is_the_same_bytes_on_every_run_and_escapes_what_it_quotes() {
    let repo = consolidated();
    let first = word_report(&repo);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert!(
        word_report(&repo) == first,
        "the document differs between runs"
    );
    let document = part(&first, "word/document.xml");
    roxmltree::Document::parse(&document).expect("well-formed XML");
    // A unit's escape character is shown, not carried raw; markup is text.
    assert!(document.contains("Khảo sát \\u{1b}[31m doanh nghiệp"));
    assert!(!document.contains('\u{1b}'));
}

#[test]
fn a_word_report_needs_a_file_to_go_to() {
    let out = consolidated().run(&["report", "--year", "2024", "--format", "docx"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: a Word document is not text: give the file to write with -o FILE.docx\n"
    );
}

// ---- In a real office suite -------------------------------------------------------------

/// Whether `program` runs here.
fn installed(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// What a poppler tool prints about `pdf`.
fn poppler(tool: &str, pdf: &std::path::Path) -> String {
    let out = std::process::Command::new(tool)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("run {tool}: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn libreoffice_opens_the_word_report_and_the_workbooks() {
    if !installed("soffice") {
        eprintln!("skipped: LibreOffice (soffice) is not installed");
        return;
    }
    let repo = signed(
        "signer_title = \"GIÁM ĐỐC\"\ndeputy_title = \"PHÓ GIÁM ĐỐC\"\nsigner_name = \"Trần Thị Bình\"\n",
    );
    word_report(&repo);
    for (command, file) in [("status", "tinh-hinh.xlsx"), ("merge", "tong-hop.xlsx")] {
        repo.run(&[command, "--year", "2024", "--format", "xlsx", "-o", file])
            .success();
    }
    let profile = tempfile::tempdir().expect("a LibreOffice profile");
    let out = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir", "pdf"])
        .args(["bao-cao.docx", "tinh-hinh.xlsx", "tong-hop.xlsx"])
        .current_dir(repo.path())
        .output()
        .expect("run soffice");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pdf = |name: &str| repo.path().join("pdf").join(name);
    for name in ["bao-cao.pdf", "tinh-hinh.pdf", "tong-hop.pdf"] {
        assert!(pdf(name).is_file(), "LibreOffice made no {name}");
    }
    if !installed("pdfinfo") {
        eprintln!("skipped the PDF's page size and fonts: poppler-utils is not installed");
        return;
    }
    let info = poppler("pdfinfo", &pdf("bao-cao.pdf"));
    assert!(info.contains("(A4)"), "{info}");
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("a page count");
    // The report, its signature, and the annex of submissions on a page of its own.
    assert!(pages >= 3, "{info}");
    let fonts = poppler("pdffonts", &pdf("bao-cao.pdf"));
    let serif: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| l.contains("TimesNewRoman") || l.contains("LiberationSerif"))
        .collect();
    assert!(!serif.is_empty(), "{fonts}");
    // Embedded (the "emb" column): the PDF prints as it looks.
    assert!(
        serif
            .iter()
            .all(|l| l.split_whitespace().rev().nth(4) == Some("yes")),
        "{fonts}"
    );
    let text = std::process::Command::new("pdftotext")
        .args([pdf("bao-cao.pdf").as_os_str(), std::ffi::OsStr::new("-")])
        .output()
        .expect("run pdftotext");
    let text = String::from_utf8_lossy(&text.stdout);
    for words in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "KT. GIÁM ĐỐC",
        "Trần Thị Bình",
        "Nơi nhận:",
    ] {
        assert!(text.contains(words), "no {words} in the PDF:\n{text}");
    }
}
