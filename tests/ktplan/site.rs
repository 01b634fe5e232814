//! `ktplan site` (SPEC section 9): the site of the shipped plan and the example
//! reports has every page, every internal link resolves, nothing is fetched from
//! elsewhere, every chart has its figures as a table, the data files keep the CSV
//! rules, two runs give the same bytes, and DIR is only ever a folder the command owns.
//! With Chromium or the Nu Html Checker installed, they open and validate the pages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use pretty_assertions::assert_eq;
use serde_json::Value;

use crate::builder::{MANIFEST_DIR, Output, Repo};

/// Runs `ktplan --root <this crate> --reports <its examples> ARGS` from `repo`'s folder.
fn ktplan(repo: &Repo, args: &[&str]) -> Output {
    let reports = format!("{MANIFEST_DIR}/examples/reports");
    let mut all = vec!["--root", MANIFEST_DIR, "--reports", &reports];
    all.extend_from_slice(args);
    repo.run(&all)
}

/// The site of the examples up to 2024, written into a new folder of an empty repository.
fn examples_site() -> (Repo, PathBuf) {
    let repo = Repo::empty();
    ktplan(&repo, &["site", "--year", "2024", "-o", "site"]).success();
    let dir = repo.path().join("site");
    (repo, dir)
}

/// Every file under `dir`, by path relative to it (with `/`), with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read a folder") {
            let entry = entry.expect("read a folder entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                walk(&path, &format!("{prefix}{name}/"), out);
            } else {
                out.insert(
                    format!("{prefix}{name}"),
                    std::fs::read(&path).expect("read a file"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// The pages of a site, by path, as text.
fn pages(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            (
                path.clone(),
                String::from_utf8(bytes.clone()).expect("a page is UTF-8"),
            )
        })
        .collect()
}

/// The values of every `name="..."` attribute in `html`.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pattern = format!(" {name}=\"");
    html.match_indices(&pattern)
        .map(|(at, _)| {
            let rest = &html[at + pattern.len()..];
            &rest[..rest.find('"').expect("a closed attribute")]
        })
        .collect()
}

/// A relative link from the page at `from`, resolved to a path from the site's root.
fn resolve(from: &str, link: &str) -> String {
    let link = link.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: {link} leaves the site");
            }
            "." | "" => {}
            part => parts.push(part),
        }
    }
    parts.join("/").replace("%20", " ")
}

/// The ids of a listing of the shipped plan.
fn ids(repo: &Repo, listing: &str, key: &str) -> Vec<String> {
    let out = ktplan(repo, &[listing, "--format", "json"]).success();
    out.json()
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|item| item[key].as_str().expect("an id").to_string())
        .collect()
}

#[test]
fn site_of_the_examples_has_a_page_for_every_indicator_task_and_unit() {
    let (repo, dir) = examples_site();
    let files = tree(&dir);
    assert!(files.contains_key("index.html"));
    assert!(
        files.contains_key(".ktplan-site"),
        "the site is marked as ours"
    );
    for id in ids(&repo, "indicators", "id") {
        assert!(
            files.contains_key(&format!("indicators/{id}.html")),
            "no page for indicator {id}"
        );
    }
    for id in ids(&repo, "tasks", "id") {
        assert!(
            files.contains_key(&format!("tasks/{id}.html")),
            "no page for task {id}"
        );
    }
    // Every unit expected or reporting in 2023 or 2024, and no other.
    let mut units: Vec<String> = Vec::new();
    for year in ["2023", "2024"] {
        let status = ktplan(&repo, &["status", "--year", year, "--format", "json"]).success();
        for unit in status.json()["units"].as_array().expect("units") {
            let code = unit["code"].as_str().expect("a code").to_string();
            if (unit["expected"] == true || unit["submitted"] == true) && !units.contains(&code) {
                units.push(code);
            }
        }
    }
    units.sort();
    let mut pages: Vec<String> = files
        .keys()
        .filter_map(|p| p.strip_prefix("units/")?.strip_suffix(".html"))
        .map(String::from)
        .collect();
    pages.sort();
    assert_eq!(pages, units);
    assert!(units.len() >= 30, "the examples have 30 units: {units:?}");
}

/// The site of the examples up to 2024 in English, written into a new folder of an
/// empty repository.
fn english_site() -> (Repo, PathBuf) {
    let repo = Repo::empty();
    ktplan(
        &repo,
        &["--lang", "en", "site", "--year", "2024", "-o", "site"],
    )
    .success();
    let dir = repo.path().join("site");
    (repo, dir)
}

#[test]
fn site_links_all_resolve_inside_the_site() {
    let (_repo, dir) = examples_site();
    assert_links_resolve(&dir);
}

/// Every link of every page leads to a file of the site, and nothing leaves it.
fn assert_links_resolve(dir: &Path) {
    let files = tree(dir);
    let mut checked = 0;
    for (path, html) in pages(&files) {
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            assert!(
                !link.contains("://") && !link.starts_with("//") && !link.starts_with('/'),
                "{path}: {link} is not a relative link inside the site"
            );
            if let Some(id) = link.strip_prefix('#') {
                assert!(html.contains(&format!(" id=\"{id}\"")), "{path}: no #{id}");
                continue;
            }
            let target = resolve(&path, link);
            assert!(
                files.contains_key(&target),
                "{path}: {link} leads to {target}, which is not in the site"
            );
            checked += 1;
        }
        // Nothing else that would fetch: no script, no style sheet or font from elsewhere.
        assert!(!html.contains("<script"), "{path} holds a script");
        assert!(!html.contains("url("), "{path} fetches in its style");
        assert!(!html.contains("@import"), "{path} imports a style");
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn site_pages_have_a_language_one_h1_and_headings_in_order() {
    let (_repo, dir) = examples_site();
    for (path, html) in pages(&tree(&dir)) {
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"vi\">\n"),
            "{path}"
        );
        assert_eq!(html.matches("<h1>").count(), 1, "{path}: one h1");
        let mut level = 0;
        for (at, _) in html.match_indices("<h") {
            let Some(n) = html[at + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
                continue;
            };
            assert!(
                n <= level + 1,
                "{path}: h{n} after h{level}, near {}",
                &html[at..(at + 80).min(html.len())]
            );
            level = n;
        }
        assert!(html.contains("<meta name=\"viewport\""), "{path}");
        assert!(html.contains("@media print"), "{path}");
    }
}

#[test]
fn site_charts_have_a_title_and_their_figures_as_a_table() {
    let (_repo, dir) = examples_site();
    let pages = pages(&tree(&dir));
    let mut charts = 0;
    for (path, html) in &pages {
        for (at, _) in html.match_indices("<svg") {
            let svg = &html[at..at + html[at..].find("</svg>").expect("a closed svg")];
            assert!(svg.contains("role=\"img\""), "{path}");
            let title = svg
                .split_once("<title>")
                .and_then(|(_, rest)| rest.split_once("</title>"))
                .map_or_else(
                    || panic!("{path}: a chart without a title"),
                    |(title, _)| title,
                );
            assert!(title.starts_with("Diễn biến "), "{path}: {title}");
            // The figures follow the chart, before anything else is drawn.
            let after = &html[at..];
            let table = after.find("<table").expect("a table after the chart");
            assert!(
                after[..table].matches("<svg").count() == 1,
                "{path}: a chart without its figures"
            );
            assert!(after[table..].contains("Số liệu của biểu đồ"), "{path}");
            charts += 1;
        }
    }
    // Five indicators: a small chart on the overview and a large one on each page.
    assert_eq!(charts, 10);
    let tfp = &pages["indicators/TFP_SHARE.html"];
    // The figures say what the chart draws: the values, the targets, the path.
    assert!(tfp.contains("<td class=\"n\" data-label=\"Năm\">2024</td><td class=\"n\" data-label=\"Thực hiện\">35,1%</td><td data-label=\"Mục tiêu\"></td><td class=\"n\" data-label=\"Lộ trình\">37,1%</td>"), "{tfp}");
    assert!(tfp.contains("<td data-label=\"Mục tiêu\">≥ 40%</td>"));
}

#[test]
fn site_indicator_page_gives_sources_and_the_assessment_in_words() {
    let (repo, dir) = examples_site();
    let pages = pages(&tree(&dir));
    let tfp = &pages["indicators/TFP_SHARE.html"];
    assert!(tfp.contains("<h1>Chỉ tiêu: Tỷ lệ đóng góp của năng suất nhân tố tổng hợp (TFP) vào tăng trưởng kinh tế</h1>"));
    // The assessment in the annual report's words: base, expected and target values.
    let report = ktplan(&repo, &["report", "--year", "2024", "--format", "json"])
        .success()
        .json();
    let entry = report["indicators"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "TFP_SHARE")
        .unwrap()
        .clone();
    let explanation = entry["explanation"].as_str().unwrap();
    assert!(explanation.contains("34,2% (năm 2023)"), "{explanation}");
    assert!(explanation.contains("37,1%"), "{explanation}");
    assert!(explanation.contains("≥ 40% năm 2025"), "{explanation}");
    assert!(
        tfp.contains(&format!("<p>{explanation}</p>")),
        "{explanation} not on the page"
    );
    assert!(tfp.contains(&format!(
        "<p>Đánh giá: {}.</p>",
        entry["assessment_text"].as_str().unwrap()
    )));
    assert!(tfp.contains("<td data-label=\"Nguồn\">examples/reports/2024/SKHDT.csv:9</td>"));
    assert!(tfp.contains("<td data-label=\"Nguồn\">examples/reports/2023/SKHDT.csv:9</td>"));
}

#[test]
fn site_task_page_shows_the_plan_text_units_by_year_and_every_report() {
    let (repo, dir) = examples_site();
    let pages = pages(&tree(&dir));
    let task = &pages["tasks/3.1.html"];
    let text = ktplan(&repo, &["tasks", "--format", "json"])
        .success()
        .json();
    let planned = text
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "3.1")
        .unwrap()
        .clone();
    assert!(task.contains(&format!(
        "<h1>Nhiệm vụ 3.1. {}</h1>",
        planned["title"].as_str().unwrap()
    )));
    for year in [2023, 2024] {
        assert!(
            task.contains(&format!("<td class=\"n\" data-label=\"Năm\">{year}</td><td data-label=\"Chủ trì\"><a href=\"../units/STC.html\">Sở Tài chính</a></td>")),
            "{task}"
        );
    }
    // Every unit's row, each year, with its source.
    let merged = ktplan(&repo, &["merge", "--year", "2024", "--format", "json"])
        .success()
        .json();
    let rows = merged["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "3.1")
        .unwrap()["reports"]
        .as_array()
        .unwrap()
        .clone();
    assert!(!rows.is_empty());
    for row in rows {
        let source = row["source"].as_str().unwrap();
        assert!(
            task.contains(&format!("<td data-label=\"Nguồn\">{source}</td>")),
            "{source} not on the page"
        );
    }
}

#[test]
fn site_unit_page_shows_what_the_unit_owes_and_sent() {
    let (_repo, dir) = examples_site();
    let pages = pages(&tree(&dir));
    let stc = &pages["units/STC.html"];
    assert!(stc.contains("<h1>Sở Tài chính</h1>"));
    assert!(stc.contains("<a href=\"../tasks/3.1.html\">3.1. "));
    assert!(stc.contains("<a href=\"../indicators/STI_BUDGET_SHARE.html\">"));
    assert!(stc.contains("<td data-label=\"Tệp báo cáo\">examples/reports/2024/STC.csv</td>"));
    assert!(stc.contains("<td data-label=\"Tệp báo cáo\">examples/reports/2023/STC.csv</td>"));
}

#[test]
fn site_data_files_are_csv_and_json_beside_every_table() {
    let (_repo, dir) = examples_site();
    let files = tree(&dir);
    let mut linked = std::collections::BTreeSet::new();
    for (path, html) in pages(&files) {
        let links: Vec<String> = attributes(&html, "href")
            .into_iter()
            .filter(|l| l.ends_with(".csv"))
            .map(|l| resolve(&path, l))
            .collect();
        assert_eq!(
            html.matches("<table").count(),
            links.len(),
            "{path}: a table without its data"
        );
        linked.extend(links);
    }
    let csvs: Vec<&String> = files.keys().filter(|p| p.ends_with(".csv")).collect();
    assert_eq!(
        csvs.iter()
            .map(|p| (*p).clone())
            .collect::<std::collections::BTreeSet<_>>(),
        linked
    );
    for path in csvs {
        let bytes = &files[path];
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{path}: no BOM");
        let text = std::str::from_utf8(bytes).unwrap();
        // Every record ends in CRLF (a line break inside a quoted cell is the cell's own).
        let mut quoted = false;
        let mut records = 0;
        let mut previous = ' ';
        for c in text.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => {
                    assert_eq!(previous, '\r', "{path}: a record not ended by CRLF");
                    records += 1;
                }
                _ => {}
            }
            previous = c;
        }
        let json = path.replace(".csv", ".json");
        let data: Value =
            serde_json::from_slice(&files[&json]).unwrap_or_else(|e| panic!("{json}: {e}"));
        let rows = data["rows"].as_array().expect("rows");
        // A header, then a record per row.
        assert_eq!(records, rows.len() + 1, "{path}");
    }
    let counts: Value = serde_json::from_slice(&files["data/submission-counts-2024.json"]).unwrap();
    assert_eq!(counts["page"], "index.html");
    assert_eq!(counts["rows"][0]["standing"], "expected");
    assert_eq!(counts["rows"][0]["units"], 30);
}

#[test]
fn site_is_the_same_bytes_every_run_and_replaces_its_own_folder_whole() {
    let (repo, dir) = examples_site();
    let first = tree(&dir);
    std::fs::write(dir.join("stale.html"), "left from an older run").unwrap();
    ktplan(&repo, &["site", "--year", "2024", "-o", "site"]).success();
    let second = tree(&dir);
    assert!(
        !second.contains_key("stale.html"),
        "the old site is replaced whole"
    );
    assert!(first == second, "two runs differ");
    // Nothing is left beside it.
    let beside: Vec<String> = std::fs::read_dir(repo.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(beside, ["site"]);
}

#[test]
fn site_date_appears_only_when_given() {
    let (repo, dir) = examples_site();
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(!index.contains("Cập nhật"));
    ktplan(
        &repo,
        &[
            "site",
            "--year",
            "2024",
            "--date",
            "2024-12-05",
            "-o",
            "site",
        ],
    )
    .success();
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(index.contains("<p>Cập nhật ngày 05 tháng 12 năm 2024.</p>"));
    // The date as Vietnamese write it gives the same site.
    let before = tree(&dir);
    ktplan(
        &repo,
        &[
            "site",
            "--year",
            "2024",
            "--date",
            "05/12/2024",
            "-o",
            "site",
        ],
    )
    .success();
    assert!(tree(&dir) == before);
    // So does the annual report (SPEC section 6).
    let report = ktplan(&repo, &["report", "--year", "2024", "--date", "05/02/2024"]).success();
    assert!(report.stdout.contains("ngày 05 tháng 02 năm 2024"));
    let out = ktplan(&repo, &["site", "--date", "5 tháng 12", "-o", "site"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("--date \"5 tháng 12\" is not a date: write day/month/year (05/02/2024 or 5/2/2024) or year-month-day (2024-02-05)"),
        "{}",
        out.stderr
    );
}

#[test]
fn site_refuses_a_folder_it_did_not_write() {
    let repo = Repo::empty().file("notes/plan.txt", "mine");
    let out = ktplan(&repo, &["site", "-o", "notes"]);
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .starts_with("error: notes is not empty and holds no site written by ktplan"),
        "{}",
        out.stderr
    );
    assert_eq!(
        std::fs::read_to_string(repo.path().join("notes/plan.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::read_dir(repo.path().join("notes"))
            .unwrap()
            .count(),
        1
    );
    // A file is no folder.
    let out = ktplan(&repo, &["site", "-o", "notes/plan.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is not a folder"), "{}", out.stderr);
    // Nothing was left behind.
    let left: Vec<String> = std::fs::read_dir(repo.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["notes"]);
}

#[test]
fn site_writes_into_an_empty_folder_and_by_default_into_site() {
    let repo = Repo::empty().file("out/.keep-me-not", "");
    std::fs::remove_file(repo.path().join("out/.keep-me-not")).unwrap();
    ktplan(&repo, &["site", "-o", "out"]).success();
    assert!(repo.path().join("out/index.html").is_file());
    ktplan(&repo, &["site"]).success();
    assert!(repo.path().join("site/index.html").is_file());
}

#[test]
fn site_that_fails_leaves_the_old_site_as_it_was() {
    let repo = Repo::new();
    repo.run(&["site", "--year", "2024"]).success();
    let before = tree(&repo.path().join("site"));
    assert!(before.contains_key("index.html"));
    let repo = repo.file("plan/tasks.toml", "[[task]]\nid = \"3.1\"\nnot_a_key = 1\n");
    let out = repo.run(&["site", "--year", "2024"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        tree(&repo.path().join("site")) == before,
        "the old site changed"
    );
    let left: Vec<String> = std::fs::read_dir(repo.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("ktplan-tmp"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}

#[test]
fn site_counts_an_empty_form_as_empty_not_sent() {
    let repo = Repo::new();
    repo.run(&[
        "template",
        "--unit",
        "STC",
        "--year",
        "2024",
        "-o",
        "reports/2024/STC.csv",
    ])
    .success();
    repo.run(&["site", "--year", "2024"]).success();
    let counts: Value = serde_json::from_str(
        &std::fs::read_to_string(repo.path().join("site/data/submission-counts-2024.json"))
            .unwrap(),
    )
    .unwrap();
    let count = |key: &str| {
        counts["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["standing"] == key)
            .unwrap_or_else(|| panic!("no {key} row"))["units"]
            .clone()
    };
    assert_eq!(count("empty"), 1);
    assert_eq!(count("sent"), 0);
    let index = std::fs::read_to_string(repo.path().join("site/index.html")).unwrap();
    assert!(index.contains("<td data-label=\"Tình hình\">Biểu mẫu để trống</td><td class=\"n\" data-label=\"Số đơn vị\">1</td>"), "{index}");
}

/// A report of STC for 2024 on the builder's small plan, its texts given.
fn stc_report(result: &str, difficulties: &str) -> String {
    format!(
        "\u{feff}Loại,Mã,Nội dung,Trạng thái,Giá trị,Kết quả,\"Khó khăn, vướng mắc\",\"Kiến nghị, đề xuất\",Ghi chú\r\n\
         Nhiệm vụ,3.1,Bảo đảm chi cho khoa học và công nghệ,Đang thực hiện,,\"{result}\",\"{difficulties}\",,\r\n\
         Chỉ tiêu,STI_BUDGET_SHARE,Tỷ lệ chi ngân sách cho khoa học và công nghệ,,0.9,,,,\r\n"
    )
}

#[test]
fn site_escapes_what_units_wrote() {
    let repo = Repo::new().file(
        "reports/2024/STC.csv",
        stc_report(
            "<script>alert(1)</script> & <b>xong</b>",
            "=HYPERLINK(\"\"http://x\"\")",
        ),
    );
    repo.run(&["site", "--year", "2024"]).success();
    let page = std::fs::read_to_string(repo.path().join("site/tasks/3.1.html")).unwrap();
    assert!(!page.contains("<script"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;xong&lt;/b&gt;"));
    assert!(page.contains("=HYPERLINK(&quot;http://x&quot;)"));
    assert!(!page.contains("href=\"http"));
    // In the data, the formula-like difficulty is written as text.
    let csv =
        std::fs::read_to_string(repo.path().join("site/data/tasks/3.1-reports-2024.csv")).unwrap();
    assert!(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "{csv}");
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(repo.path().join("site/data/tasks/3.1-reports-2024.json"))
            .unwrap(),
    )
    .unwrap();
    assert_eq!(json["rows"][0]["difficulties"], "=HYPERLINK(\"http://x\")");
}

/// The shipped CI files publish the site to Pages only on the default branch and only
/// once the repository sets KTPLAN_PUBLISH_SITE, and say why it is off.
#[test]
fn site_is_published_by_ci_only_when_the_repository_turns_it_on() {
    let read = |path: &str| std::fs::read_to_string(Path::new(MANIFEST_DIR).join(path)).unwrap();
    let github = read("examples/ci/github-workflow.yml");
    let gitlab = read("examples/ci/gitlab-ci.yml");
    for text in [&github, &gitlab] {
        assert!(text.contains("publishing them is the province's decision"));
        assert!(text.contains("ktplan site --date \"$(git log -1 --format=%cs)\" -o "));
    }
    let on = "vars.KTPLAN_PUBLISH_SITE == 'true' && github.event_name == 'push' && github.ref_name == github.event.repository.default_branch";
    // Building, keeping and deploying: each step and job asks.
    assert_eq!(github.matches(on).count(), 3, "{github}");
    assert!(github.contains(
        "uses: actions/upload-pages-artifact@v3\n        with:\n          path: _site/\n"
    ));
    assert!(github.contains("      pages: write\n      id-token: write\n"));
    assert!(github.contains("uses: actions/deploy-pages@v4"));
    assert!(gitlab.contains("\npages:\n"));
    assert!(gitlab.contains(
        "    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $KTPLAN_PUBLISH_SITE == \"true\"\n"
    ));
    assert!(gitlab.contains("  artifacts:\n    paths:\n      - public/\n"));
}

// ---- Real programs, when installed ----

/// The program, when it runs here.
fn program(name: &str, version: &[&str]) -> Option<PathBuf> {
    let ok = Command::new(name)
        .args(version)
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from(name))
}

/// Headless Chromium's arguments: nothing fetched, no profile kept.
fn chromium(profile: &Path, width: u32) -> Command {
    let mut command = Command::new("chromium");
    command.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
    ]);
    command.arg(format!("--user-data-dir={}", profile.display()));
    command.arg(format!("--window-size={width},1200"));
    command
}

#[test]
fn site_pages_open_in_chromium_at_1280_and_390_pixels() {
    if program("chromium", &["--version"]).is_none() {
        println!("skipped: chromium is not installed");
        return;
    }
    let (_repo, dir) = examples_site();
    let (_english, english) = english_site();
    let profile = tempfile::tempdir().unwrap();
    for (dir, page) in [
        (&dir, "index.html"),
        (&dir, "indicators/TFP_SHARE.html"),
        (&dir, "tasks/3.1.html"),
        (&dir, "units/STC.html"),
        (&english, "index.html"),
        (&english, "indicators/TFP_SHARE.html"),
    ] {
        let url = format!("file://{}/{page}", dir.display());
        for width in [1280, 390] {
            let out = chromium(profile.path(), width)
                .arg("--dump-dom")
                .arg(&url)
                .output()
                .expect("run chromium");
            let dom = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{page}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(dom.contains("<h1>"), "{page} at {width}px: {dom}");
            let shot = profile.path().join(format!("{width}.png"));
            let out = chromium(profile.path(), width)
                .arg(format!("--screenshot={}", shot.display()))
                .arg(&url)
                .output()
                .expect("run chromium");
            assert!(out.status.success(), "{page}");
            let png = std::fs::read(&shot).expect("a screenshot");
            assert!(png.starts_with(b"\x89PNG"), "{page} at {width}px");
        }
    }
}

/// The Nu Html Checker: `vnu` on the path, or the `vnu.jar` that `KTPLAN_VNU_JAR` names.
fn vnu() -> Option<Command> {
    if program("vnu", &["--version"]).is_some() {
        return Some(Command::new("vnu"));
    }
    let jar = std::env::var_os("KTPLAN_VNU_JAR")?;
    let mut command = Command::new("java");
    command.arg("-jar").arg(jar);
    Some(command)
}

#[test]
fn site_pages_pass_the_nu_html_checker() {
    let Some(mut vnu) = vnu() else {
        println!("skipped: the Nu Html Checker (vnu, or KTPLAN_VNU_JAR) is not installed");
        return;
    };
    let (_repo, dir) = examples_site();
    let (_english, english) = english_site();
    let pages: Vec<PathBuf> = [dir, english]
        .iter()
        .flat_map(|dir| pages(&tree(dir)).into_keys().map(|p| dir.join(p)))
        .collect();
    let out = vnu
        .arg("--errors-only")
        .args(&pages)
        .output()
        .expect("run the Nu Html Checker");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Words only the site's Vietnamese frame puts on the overview: none of them is in a text
/// of the plan or of the sample reports shown there.
const VIETNAMESE_FRAME_WORDS: &[&str] = &[
    "Tiến độ thực hiện",
    "Bỏ qua, đến nội dung chính",
    "Điều hướng",
    "Dữ liệu của bảng",
    "Số liệu của biểu đồ",
    "Tình hình gửi báo cáo",
    "Số nhiệm vụ",
    "Đúng hạn",
    "Trễ hạn",
    "Chưa gửi",
    "Đang thực hiện",
    "Hoàn thành",
    "Chưa thực hiện",
    "Đúng lộ trình",
    "Chậm so với lộ trình",
    "Đánh giá",
    "Mục tiêu",
    "Lộ trình",
    "Các chỉ tiêu đến năm",
    "Các nhiệm vụ năm",
    "Các cơ quan, đơn vị năm",
    "Trang được lập bằng ktplan",
];

#[test]
fn site_in_english_speaks_english_around_the_plans_own_words() {
    let (_repo, dir) = english_site();
    let files = tree(&dir);
    let pages = pages(&files);
    let (_vi_repo, vi_dir) = examples_site();
    let vi_index = std::fs::read_to_string(vi_dir.join("index.html")).unwrap();
    // The same pages in both languages.
    assert_eq!(
        pages.keys().collect::<Vec<_>>(),
        pages_of(&vi_dir).keys().collect::<Vec<_>>()
    );
    for (path, html) in &pages {
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">\n"),
            "{path}"
        );
        assert_eq!(html.matches("<h1>").count(), 1, "{path}: one h1");
    }
    let index = &pages["index.html"];
    for word in VIETNAMESE_FRAME_WORDS {
        // The scan can fail: the Vietnamese overview says every word.
        assert!(
            vi_index.contains(word),
            "{word:?} not on the Vietnamese overview"
        );
        assert!(!index.contains(word), "{word:?} on the English overview");
    }
    for words in [
        "<h1>Progress of Plan No. 2629/KH-UBND</h1>",
        "Skip to the main content",
        "Tasks by status in 2024",
        "On time",
        "In progress",
        "Tỷ lệ đóng góp của năng suất nhân tố tổng hợp (TFP)",
    ] {
        assert!(
            index.contains(words),
            "{words:?} not on the English overview"
        );
    }
    let task = &pages["tasks/3.1.html"];
    assert!(task.contains("<h1>Task 3.1. "), "{task}");
    assert!(task.contains("Bảo đảm chi cho"), "{task}");
    let indicator = &pages["indicators/TFP_SHARE.html"];
    assert!(indicator.contains("Off track"), "{indicator}");
    assert!(indicator.contains("35.1%"), "{indicator}");
    // Data files keep their codes whatever the language.
    let csv = String::from_utf8(files["data/task-status-2024.csv"].clone()).unwrap();
    assert!(csv.contains("in_progress"), "{csv}");
    assert_links_resolve(&dir);
}

#[test]
fn site_in_english_is_the_same_bytes_every_run() {
    let (_a, first) = english_site();
    let (_b, second) = english_site();
    assert!(tree(&first) == tree(&second), "two runs differ");
}

fn pages_of(dir: &Path) -> BTreeMap<String, String> {
    pages(&tree(dir))
}
