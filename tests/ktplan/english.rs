//! The annual report in English (SPEC sections 5 and 8): with `--lang en` every word the
//! report sets around the plan's data is English, in every form, while the plan's own
//! texts pass through as written; the Vietnamese report stays as it was.

use std::io::Read;

use serde_json::Value;

use crate::builder::Repo;

/// The shipped plan with the sample reports of `examples/reports/` as its reports,
/// outside git (so no submission date depends on how this repository was cloned).
fn examples() -> Repo {
    Repo::shipped().copy("examples/reports", "reports")
}

/// `ktplan [--lang LANG] report --year 2024 --number 12 --date 2024-02-05 ARGS` on the
/// examples, with no `KTPLAN_LANG` set.
fn report(repo: &Repo, lang: Option<&str>, args: &[&str]) -> String {
    let mut all: Vec<&str> = Vec::new();
    if let Some(lang) = lang {
        all.extend(["--lang", lang]);
    }
    all.extend([
        "report",
        "--year",
        "2024",
        "--number",
        "12",
        "--date",
        "2024-02-05",
    ]);
    all.extend_from_slice(args);
    repo.run_in("", &all).success().stdout
}

/// Words only the report's Vietnamese puts there: statuses and assessments as the report
/// writes them, headings, table headers, the header block, the signature and annex words.
/// None of them is in a text the sample reports or the plan wrote.
const VIETNAMESE_WORDS: &[&str] = &[
    "(đang thực hiện)",
    "(hoàn thành)",
    "(chưa thực hiện)",
    "Đang thực hiện",
    "Chưa thực hiện",
    "Không phát sinh",
    "Đúng lộ trình",
    "Chậm so với lộ trình",
    "Có nguy cơ không đạt",
    "Đã đạt mục tiêu",
    "Chưa đủ số liệu",
    "chưa có số liệu",
    "Đúng hạn",
    "Trễ hạn",
    "Chưa gửi",
    "không rõ ngày gửi",
    "Không rõ (",
    "CỘNG HÒA",
    "Độc lập - Tự do",
    "BÁO CÁO",
    "Số:",
    "tháng",
    "Đơn vị chủ trì",
    "Tình trạng",
    "Đánh giá",
    "ĐÁNH GIÁ",
    "KẾT QUẢ",
    "Khó khăn, vướng mắc",
    "ĐỀ XUẤT",
    "Các đơn vị phối hợp",
    "Qua các năm",
    "Mục tiêu",
    "Lộ trình",
    "Biểu đồ",
    "Diễn biến",
    "Thực hiện",
    "Lũy kế",
    "Cơ sở và lộ trình",
    "| STT |",
    ">STT</th>",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Ngày gửi",
    "Ghi chú",
    "Phụ lục",
    "PHỤ LỤC",
    "Kèm theo",
    "Nơi nhận",
    "Hạn gửi báo cáo",
    "Trên đây là",
    "Về chế độ báo cáo",
    "Về thực hiện nhiệm vụ",
];

fn assert_no_vietnamese_words(form: &str, text: &str) {
    for word in VIETNAMESE_WORDS {
        assert!(
            !text.contains(word),
            "{form}: {word:?} near {:?}",
            text.find(word)
                .map(|at| &text[at.saturating_sub(80)..(at + 80).min(text.len())])
        );
    }
}

#[test]
fn report_in_english_as_markdown_reads_as_the_annual_report() {
    let md = report(&examples(), Some("en"), &[]);
    insta::assert_snapshot!("report_md_en_examples", md);
}

#[test]
fn report_in_vietnamese_as_markdown_is_the_plans_language() {
    let repo = examples();
    let md = report(&repo, None, &[]);
    insta::assert_snapshot!("report_md_vi_examples", md);
    assert_eq!(report(&repo, Some("vi"), &[]), md);
    // The report goes out for signing: like a committed file, it follows `--lang` and
    // the plan, never the environment.
    let env = repo
        .run_in(
            "en",
            &[
                "report",
                "--year",
                "2024",
                "--number",
                "12",
                "--date",
                "2024-02-05",
            ],
        )
        .success()
        .stdout;
    assert_eq!(env, md);
}

#[test]
fn report_in_english_leaves_no_vietnamese_word_of_its_own() {
    let repo = examples();
    // Every word of the Vietnamese list is in the Vietnamese report: the scan can fail.
    let vi = [
        report(&repo, None, &[]),
        report(&repo, None, &["--format", "html"]),
    ]
    .concat();
    // (Outside git no date is known, so no unit is on time or late, and every indicator
    // of the samples has its two points.)
    let absent: Vec<&str> = VIETNAMESE_WORDS
        .iter()
        .copied()
        .filter(|w| !vi.contains(w))
        .collect();
    assert_eq!(
        absent,
        [
            "Có nguy cơ không đạt",
            "Đã đạt mục tiêu",
            "Chưa đủ số liệu",
            "chưa có số liệu",
            "Đúng hạn",
            "Trễ hạn",
            "Chưa gửi"
        ]
    );
    let md = report(&repo, Some("en"), &[]);
    assert_no_vietnamese_words("md", &md);
    for words in [
        "## I. RESULTS OF THE TASKS AND SOLUTIONS",
        "## II. RESULTS FOR THE INDICATORS",
        "## III. GENERAL ASSESSMENT",
        "## IV. PROPOSALS AND RECOMMENDATIONS",
        "| No.: 12/BC-SKHCN | *Kon Tum, 5 February 2024* |",
        "| No. | Indicator | Unit | 2024 | Cumulative | Target | Assessment |",
        "| No. | Agency or unit | Submitted on | Standing | Note |",
        "*Lead: Sở Tài chính. Status: In progress.*",
        "- Sở Tài chính (in progress): ",
        "- Assessment: **Off track**.",
        "***Recipients:***",
        "**ANNEX 1**",
        "*(Attached to Report No. 12/BC-SKHCN of 5 February 2024 of Sở Khoa học và Công nghệ)*",
    ] {
        assert!(md.contains(words), "{words:?} not in\n{md}");
    }
    // Numbers are written the English way; the plan's and the units' texts as written.
    assert!(md.contains("| 35\\.1% |"), "{md}");
    assert!(md.contains("Bảo đảm chi cho KH, CN và ĐMST"), "{md}");

    let html = report(&repo, Some("en"), &["--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"));
    assert_no_vietnamese_words("html", &html);
    assert!(
        html.contains(">Base and path to the target</text>"),
        "{html}"
    );
    assert!(html.contains("<title>Tỷ lệ đóng góp"), "{html}");
    assert!(html.contains(" over the years</title>"), "{html}");

    // In JSON the human texts are English; the keys and codes are those of Vietnamese.
    let en: Value =
        serde_json::from_str(&report(&repo, Some("en"), &["--format", "json"])).unwrap();
    let vi: Value = serde_json::from_str(&report(&repo, None, &["--format", "json"])).unwrap();
    assert_no_vietnamese_words("json", &en.to_string());
    assert_eq!(keys_and_codes(&en), keys_and_codes(&vi));
    assert_eq!(en["title"], "REPORT");
    assert_eq!(
        en["results"]["items"][0]["items"][0]["tasks"][0]["status"],
        "in_progress"
    );
}

/// Every key of a JSON value, and every string of it that is a code (`in_progress`).
fn keys_and_codes(value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(value: &Value, path: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, value) in map {
                    walk(value, &format!("{path}.{key}"), out);
                }
            }
            Value::Array(items) => {
                for (n, item) in items.iter().enumerate() {
                    walk(item, &format!("{path}[{n}]"), out);
                }
            }
            // A human text (`unit_text`: `count` in English) is not a code.
            Value::String(s)
                if !path.ends_with("_text")
                    && !s.is_empty()
                    && s.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                out.push(format!("{path}={s}"));
            }
            _ => out.push(path.to_string()),
        }
    }
    walk(value, "", &mut out);
    out
}

#[test]
fn report_in_english_as_a_word_document() {
    let repo = examples();
    repo.run_in(
        "",
        &[
            "-q",
            "--lang",
            "en",
            "report",
            "--year",
            "2024",
            "--date",
            "2024-02-05",
            "--format",
            "docx",
            "-o",
            "report.docx",
        ],
    )
    .success();
    let bytes = std::fs::read(repo.path().join("report.docx")).expect("the document");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .expect("a part")
            .read_to_string(&mut text)
            .expect("text");
        text
    };
    let document = part("word/document.xml");
    let core = part("docProps/core.xml");
    let styles = part("word/styles.xml");
    assert_no_vietnamese_words("docx", &document);
    for words in [
        ">REPORT<",
        ">SOCIALIST REPUBLIC OF VIET NAM<",
        ">Recipients:<",
        ">ANNEX 1<",
        " name=\"Chart 1\" ",
    ] {
        assert!(document.contains(words), "{words:?} not in the document");
    }
    assert!(core.contains("<dc:language>en-GB</dc:language>"), "{core}");
    assert!(styles.contains("w:lang w:val=\"en-GB\""), "{styles}");
}

/// `status --format json`: the same keys and codes in both languages; the words beside
/// the codes (`status_text`, `assessment_text`, `standing_text`) in the run's language.
#[test]
fn status_json_keys_and_codes_do_not_change_with_the_language() {
    let repo = examples();
    let args = ["status", "--year", "2024", "--format", "json"];
    let vi = repo.run_in("vi", &args).success().json();
    let en = repo.run_in("en", &args).success().json();
    assert_eq!(keys_and_codes(&en), keys_and_codes(&vi));
    let first = |json: &Value, table: &str, key: &str| json[table][0][key].clone();
    assert_eq!(first(&vi, "tasks", "status"), "in_progress");
    assert_eq!(first(&vi, "tasks", "status_text"), "Đang thực hiện");
    assert_eq!(first(&en, "tasks", "status_text"), "in progress");
    assert_eq!(first(&vi, "indicators", "assessment"), "off_track");
    assert_eq!(
        first(&vi, "indicators", "assessment_text"),
        "Chậm so với lộ trình"
    );
    assert_eq!(first(&en, "indicators", "assessment_text"), "off track");
    assert_eq!(first(&vi, "units", "standing"), "date_unknown");
    assert_eq!(first(&vi, "units", "standing_text"), "Không rõ ngày gửi");
    assert_eq!(first(&en, "units", "standing_text"), "date unknown");
}

/// SARIF and GitLab's Code Quality report: rules described and messages said in the run's
/// language; rule ids, levels and fingerprints the same in both.
#[test]
fn machine_forms_speak_the_language_and_keep_their_fingerprints() {
    let repo = examples().file(
        "reports/2024/STC.csv",
        "kind,id,status,value\ntask,3.1,Xong,\nindicator,STI_BUDGET_SHARE,,abc\n",
    );
    for format in ["sarif", "gitlab"] {
        let run = |lang: &str| -> Value {
            let out = repo.run_in(lang, &["check", "--format", format]);
            assert_eq!(out.code, 1, "{}", out.stderr);
            serde_json::from_str(&out.stdout).expect("JSON")
        };
        let (vi, en) = (run("vi"), run("en"));
        assert_eq!(keys_and_codes(&vi), keys_and_codes(&en), "{format}");
        assert_ne!(vi, en, "{format}: the texts differ");
        if format == "sarif" {
            let rules = |log: &Value| log["runs"][0]["tool"]["driver"]["rules"].clone();
            let e007 = |log: &Value| {
                rules(log)
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["id"] == "E007")
                    .unwrap()["shortDescription"]["text"]
                    .clone()
            };
            assert_eq!(
                e007(&vi),
                "Dòng nhiệm vụ thiếu trạng thái hoặc trạng thái không hợp lệ"
            );
            assert_eq!(e007(&en), "A task row with a missing or unknown status");
            let prints = |log: &Value| {
                log["runs"][0]["results"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["partialFingerprints"].clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(prints(&vi), prints(&en));
            assert!(!prints(&vi).is_empty());
        } else {
            let prints = |log: &Value| {
                log.as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r["fingerprint"].clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(prints(&vi), prints(&en));
        }
    }
}

/// What ktplan says when it will not run is in the reader's language too: Vietnamese by
/// the plan, English on request.
#[test]
fn refusals_speak_the_readers_language() {
    let repo = examples();
    let vi = repo.run_in("", &["report", "--format", "docx"]);
    assert_eq!(vi.code, 2);
    assert_eq!(
        vi.stderr,
        "error: tài liệu Word không phải là văn bản thuần: hãy chỉ ra tệp để ghi bằng -o TỆP.docx\n"
    );
    let en = repo.run_in("en", &["report", "--format", "docx"]);
    assert_eq!(
        en.stderr,
        "error: a Word document is not text: give the file to write with -o FILE.docx\n"
    );
    let outside = Repo::empty();
    let lost = outside.run_in("", &["check"]);
    assert_eq!(lost.code, 2);
    assert!(
        lost.stderr
            .starts_with("error: không có plan/plan.toml trong "),
        "{}",
        lost.stderr
    );
    // import refuses a file with errors, and one that is already there, in Vietnamese.
    let bad = examples()
        .file("received.csv", "kind,id,status\ntask,3.1,Xong\n")
        .run_in(
            "",
            &["import", "received.csv", "--unit", "STC", "--year", "2024"],
        );
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr
            .contains("received.csv có 1 lỗi: chưa ghi gì. Hãy sửa tệp rồi nhập lại."),
        "{}",
        bad.stderr
    );
    let there = repo.run_in(
        "",
        &[
            "import",
            "reports/2024/STC.csv",
            "--unit",
            "STC",
            "--year",
            "2024",
        ],
    );
    assert_eq!(there.code, 1);
    assert!(
        there
            .stderr
            .contains("reports/2024/STC.csv đã có: chưa ghi gì (--force để thay tệp đó)"),
        "{}",
        there.stderr
    );
}

/// The README's clerk section shows what `check` prints on the broken samples, in
/// Vietnamese, as the binary prints it today.
#[test]
fn readme_shows_what_check_prints_in_vietnamese() {
    let readme = std::fs::read_to_string(format!("{}/README.md", crate::builder::MANIFEST_DIR))
        .expect("the README");
    let block = readme
        .split("```console\n$ ktplan ")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a console block in the README");
    let (command, shown) = block.split_once('\n').expect("a command line");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ktplan"))
        .args(command.split(' '))
        .current_dir(crate::builder::MANIFEST_DIR)
        .env_remove("KTPLAN_LANG")
        .env_remove("KTPLAN_ROOT")
        .env_remove("NO_COLOR")
        .output()
        .expect("run ktplan");
    assert_eq!(out.status.code(), Some(1));
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(printed, shown);
    assert!(shown.contains("error[E007]: trạng thái \"Xong\" không hợp lệ"));
}

/// The workbook form in English: its prompts and its instructions sheet are English and
/// name the form's real file and the commands to run; the plan's titles stay as written.
#[test]
fn workbook_form_in_english_explains_itself_in_english() {
    let repo = examples();
    let out = repo.run_in(
        "",
        &[
            "--lang",
            "en",
            "template",
            "--unit",
            "STC",
            "--year",
            "2024",
            "-o",
            "STC-2024.xlsx",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let bytes = std::fs::read(repo.path().join("STC-2024.xlsx")).expect("the form");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip package");
    let mut all = String::new();
    for n in 0..zip.len() {
        let mut entry = zip.by_index(n).expect("an entry");
        if entry.name().is_ok_and(|n| n.ends_with(".xml")) {
            entry.read_to_string(&mut all).expect("text");
        }
    }
    for words in [
        "<sheet name=\"Instructions\"",
        "ktplan check STC-2024.xlsx --unit STC --year 2024",
        "ktplan import STC-2024.xlsx --unit STC --year 2024 (written as reports/2024/STC.csv)",
        "Choose one of: not_started; in_progress; done; not_applicable.",
        "Enter a percentage from 0 to 100, without the % sign (e.g. 1.2).",
        "Bảo đảm chi cho KH, CN và ĐMST",
    ] {
        assert!(all.contains(words), "{words:?} not in the form");
    }
    for word in [
        "Hướng dẫn",
        "Trạng thái",
        "Nhập ",
        "Chọn ",
        "Báo cáo kết quả",
        "Giá trị",
    ] {
        assert!(!all.contains(word), "{word:?} in the English form");
    }
}

/// `merge --format json`: the words beside the codes follow the language, the keys and
/// codes do not.
#[test]
fn merge_json_says_its_codes_in_the_language() {
    let repo = examples();
    let args = ["merge", "--year", "2024", "--format", "json"];
    let vi = repo.run_in("vi", &args).success().json();
    let en = repo.run_in("en", &args).success().json();
    assert_eq!(keys_and_codes(&en), keys_and_codes(&vi));
    let task = |json: &Value| json["tasks"][0].clone();
    assert_eq!(task(&vi)["status"], "in_progress");
    assert_eq!(task(&vi)["status_text"], "Đang thực hiện");
    assert_eq!(task(&en)["status_text"], "in progress");
    assert_eq!(task(&en)["reports"][0]["status_text"], "in progress");
    assert_eq!(
        vi["indicators"][0]["assessment_text"],
        "Chậm so với lộ trình"
    );
    assert_eq!(en["indicators"][0]["assessment_text"], "off track");
    assert_eq!(en["units"][0]["standing_text"], "date unknown");
}
