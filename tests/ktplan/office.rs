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
