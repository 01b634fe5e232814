//! The shipped plan (`plan/` of this repository): it passes its own checks, holds
//! Plan 2629/KH-UBND's ids, units and targets as SPEC section 3 fixes them, and
//! never drifts from the text as issued.

use std::collections::BTreeSet;

use pretty_assertions::assert_eq;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::builder::{MANIFEST_DIR, Output, Repo};

/// Runs `ktplan --root <this crate> ARGS` from an empty folder, so only `--root`
/// can lead it to the shipped plan.
fn ktplan(args: &[&str]) -> Output {
    let mut all = vec!["--root", MANIFEST_DIR];
    all.extend_from_slice(args);
    Repo::empty().run(&all)
}

/// The JSON array a listing prints.
fn listing(args: &[&str]) -> Vec<Value> {
    match ktplan(args).success().json() {
        Value::Array(items) => items,
        other => panic!("expected a JSON array, got {other}"),
    }
}

/// The item whose `key` is `value`.
fn find<'a>(items: &'a [Value], key: &str, value: &str) -> &'a Value {
    items
        .iter()
        .find(|item| item[key] == value)
        .unwrap_or_else(|| panic!("no item with {key} {value}"))
}

/// A JSON array of strings.
fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("expected an array, got {value}"))
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

/// SPEC section 3: the task ids of section III, which reports rely on.
const SECTION_III_IDS: [&str; 29] = [
    "1.1", "1.2", "1.3", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "5.1", "5.2", "5.3", "6.1",
    "6.2", "7.a", "7.b.1", "7.b.2", "7.c", "7.d", "7.dd", "7.e", "7.g", "7.h", "8.1", "8.2", "8.3",
    "9.1", "10.1", "10.2",
];

/// SPEC section 3: the ten district-level units, abolished on 1 July 2025.
const DISTRICTS: [&str; 10] = [
    "TPKONTUM", "DAKHA", "DAKTO", "NGOCHOI", "DAKGLEI", "TUMORONG", "KONPLONG", "KONRAY", "SATHAY",
    "IAHDRAI",
];

#[test]
fn shipped_plan_checks_clean() {
    let out = ktplan(&["check"]);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "checked the plan and 0 report files: 0 errors, 0 warnings\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn a_copy_of_the_shipped_plan_is_found_without_root() {
    let out = Repo::shipped().run(&["check"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            0,
            "checked the plan and 0 report files: 0 errors, 0 warnings\n"
        )
    );
}

#[test]
fn tasks_are_section_iii_then_the_duties_of_section_iv() {
    let tasks = listing(&["tasks", "--format", "json"]);
    let ids: Vec<&str> = tasks.iter().map(|t| t["id"].as_str().unwrap()).collect();
    let (section_iii, duties) = ids.split_at(ids.len().min(SECTION_III_IDS.len()));
    assert_eq!(section_iii, SECTION_III_IDS);

    // The rest are the unit duties of section IV, `IV.<item>.<bullet>`, items 1-5.
    let mut items = BTreeSet::new();
    for id in duties {
        let parts: Vec<&str> = id.split('.').collect();
        let item = match parts[..] {
            ["IV", item, bullet] if bullet.parse::<u32>().is_ok_and(|b| b >= 1) => {
                item.parse::<u32>().ok()
            }
            _ => None,
        };
        assert!(
            item.is_some_and(|i| (1..=5).contains(&i)),
            "{id} is not a duty of section IV"
        );
        items.extend(item);
    }
    assert_eq!(items, (1..=5).collect());
}

#[test]
fn tasks_have_the_plans_lead_and_support() {
    // 2024: before the 2025 reforms, every unit the plan names still exists.
    let tasks = listing(&["tasks", "--format", "json", "--year", "2024"]);
    // (id, lead, support), groups expanded; "any unit concerned" is no code.
    let expected: [(&str, &[&str], &[&str]); 9] = [
        ("3.1", &["STC"], &["SKHDT", "SKHCN"]),
        ("3.3", &["STC"], &["SKHCN"]),
        ("5.1", &["SKHCN"], &["SNV", "SLDTBXH"]),
        ("5.3", &["SLDTBXH"], &[]),
        ("7.b.1", &["SNNPTNT", "SKHCN"], &[]),
        ("7.c", &["STTTT"], &["SKHCN"]),
        ("7.e", &["SXD", "SGTVT"], &[]),
        ("IV.1.2", &["SKHCN"], &["STC", "SKHDT"]),
        ("IV.3.1", &["STC"], &["SKHCN"]),
    ];
    let actual: Vec<(&str, Vec<&str>, Vec<&str>)> = expected
        .iter()
        .map(|(id, _, _)| {
            let task = find(&tasks, "id", id);
            (*id, strings(&task["lead"]), strings(&task["support"]))
        })
        .collect();
    let expected: Vec<(&str, Vec<&str>, Vec<&str>)> = expected
        .iter()
        .map(|(id, lead, support)| (*id, lead.to_vec(), support.to_vec()))
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn task_7a_is_led_by_every_department_and_district() {
    let tasks = listing(&["tasks", "--format", "json", "--year", "2024"]);
    let units = listing(&["units", "--format", "json", "--year", "2024"]);
    let task = find(&tasks, "id", "7.a");

    let lead: BTreeSet<&str> = strings(&task["lead"]).into_iter().collect();
    // Every department and district that exists on 20 November 2024.
    let expected: BTreeSet<&str> = units
        .iter()
        .filter(|u| u["kind"] == "department" || u["kind"] == "district")
        .filter(|u| u["since"].as_str().is_none_or(|d| d <= "2024-11-20"))
        .map(|u| u["code"].as_str().unwrap())
        .collect();
    assert_eq!(lead, expected);
    assert!(DISTRICTS.iter().all(|d| lead.contains(d)));
    assert_eq!(strings(&task["support"]), Vec::<&str>::new());
}

#[test]
fn listings_show_who_is_in_force_in_the_year() {
    // 2026: the departments merged on 1 March 2025 and the districts ended on 30 June.
    let tasks = listing(&["tasks", "--format", "json", "--year", "2026"]);
    let lead_support = |id: &str| {
        let task = find(&tasks, "id", id);
        (strings(&task["lead"]), strings(&task["support"]))
    };
    // SKHDT merged into STC, which leads 3.1 already: it is not listed twice.
    assert_eq!(lead_support("3.1"), (vec!["STC"], vec!["SKHCN"]));
    // STTTT merged into SKHCN, which supported 7.c: lead wins.
    assert_eq!(lead_support("7.c"), (vec!["SKHCN"], vec![]));
    assert_eq!(lead_support("7.e"), (vec!["SXD"], vec![]));
    let lead_7a = lead_support("7.a").0;
    assert!(
        DISTRICTS.iter().all(|d| !lead_7a.contains(d)),
        "{lead_7a:?}"
    );
    assert!(lead_7a.contains(&"SNNMT") && !lead_7a.contains(&"SNNPTNT"));

    let indicators = listing(&["indicators", "--format", "json", "--year", "2026"]);
    assert_eq!(
        strings(&find(&indicators, "id", "TFP_SHARE")["reporters"]),
        vec!["STC"]
    );
    let units = listing(&["units", "--format", "json", "--year", "2026"]);
    assert_eq!(find(&units, "code", "SKHDT")["leads"], 0);
    assert_eq!(find(&units, "code", "STC")["indicators"], 2);

    let out = ktplan(&["tasks", "--year", "2040"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("the year 2040 lies outside the plan's period 2023-2030"),
        "{}",
        out.stderr
    );
}

#[test]
fn every_task_text_is_the_plans_own_words() {
    let fold = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let source = std::fs::read_to_string(format!("{MANIFEST_DIR}/plan/source.txt"))
        .expect("read plan/source.txt");
    let source = fold(&source.nfc().collect::<String>());

    let tasks = listing(&["tasks", "--format", "json"]);
    let drifted: Vec<&str> = tasks
        .iter()
        .filter(|t| !source.contains(&fold(t["text"].as_str().unwrap())))
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        drifted,
        Vec::<&str>::new(),
        "tasks whose text is not in source.txt"
    );
}

#[test]
fn units_end_as_the_2025_reforms_say() {
    let units = listing(&["units", "--format", "json"]);
    for unit in &units {
        for key in ["code", "name", "kind", "until"] {
            assert!(unit.get(key).is_some(), "{unit} has no {key}");
        }
    }

    let districts: Vec<(&str, &str)> = units
        .iter()
        .filter(|u| u["kind"] == "district")
        .map(|u| {
            (
                u["code"].as_str().unwrap(),
                u["until"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let expected: Vec<(&str, &str)> = DISTRICTS.iter().map(|d| (*d, "2025-06-30")).collect();
    assert_eq!(districts, expected);

    // Decree 45/2025/NĐ-CP: the merged departments end on 28 February 2025.
    let merged = [
        ("SKHDT", "STC"),
        ("SLDTBXH", "SNV"),
        ("SNNPTNT", "SNNMT"),
        ("STTTT", "SKHCN"),
        ("STNMT", "SNNMT"),
        ("SGTVT", "SXD"),
    ];
    let actual: Vec<(&str, &str, &str)> = merged
        .iter()
        .map(|(code, _)| {
            let unit = find(&units, "code", code);
            (
                *code,
                unit["until"].as_str().unwrap_or(""),
                unit["successor"].as_str().unwrap_or(""),
            )
        })
        .collect();
    let expected: Vec<(&str, &str, &str)> = merged
        .iter()
        .map(|(code, successor)| (*code, "2025-02-28", *successor))
        .collect();
    assert_eq!(actual, expected);
}

#[test]
fn indicators_are_the_five_targets_of_section_ii() {
    let indicators = listing(&["indicators", "--format", "json"]);
    type Targets = Vec<(i64, Option<f64>, Option<f64>)>;
    let actual: Vec<(&str, Targets)> = indicators
        .iter()
        .map(|i| {
            let targets = i["targets"]
                .as_array()
                .expect("targets")
                .iter()
                .map(|t| {
                    (
                        t["year"].as_i64().unwrap(),
                        t["min"].as_f64(),
                        t["max"].as_f64(),
                    )
                })
                .collect();
            (i["id"].as_str().unwrap(), targets)
        })
        .collect();
    let expected: Vec<(&str, Targets)> = vec![
        (
            "TFP_SHARE",
            vec![(2025, Some(40.0), None), (2030, Some(45.0), None)],
        ),
        (
            "STI_BUDGET_SHARE",
            vec![(2025, Some(1.0), None), (2030, Some(2.0), None)],
        ),
        ("STI_ENTERPRISES", vec![(2030, Some(5.0), None)]),
        ("INNOVATIVE_ENTERPRISE_SHARE", vec![(2030, Some(3.0), None)]),
        ("PATENTS_COMMERCIALIZED", vec![(2030, Some(3.0), None)]),
    ];
    assert_eq!(actual, expected);
}

#[test]
fn tasks_of_one_unit_include_what_it_inherits() {
    let tasks = listing(&["tasks", "--unit", "STC", "--format", "json"]);
    let roles: Vec<(&str, &str)> = tasks
        .iter()
        .map(|t| (t["id"].as_str().unwrap(), t["role"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        roles,
        [
            ("3.1", "lead"),
            ("3.3", "lead"),
            // STC is one of "Các Sở, ban ngành".
            ("7.a", "lead"),
            ("IV.1.2", "support"),
            // SKHDT's duties, STC's from 1 March 2025.
            ("IV.2.1", "lead"),
            ("IV.2.2", "lead"),
            ("IV.3.1", "lead"),
            ("IV.4.1", "lead"),
            ("IV.4.2", "lead"),
        ]
    );
}

#[test]
fn tasks_as_csv_have_a_header_and_a_line_per_task() {
    let tasks = listing(&["tasks", "--format", "json"]);
    let out = ktplan(&["tasks", "--format", "csv"]).success();

    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "\u{feff}id,title,lead,support,schedule");
    assert!(out.stdout.ends_with("\r\n"), "CRLF line ends");
    assert_eq!(lines.len(), tasks.len() + 1);

    let mut reader = csv::Reader::from_reader(out.stdout.trim_start_matches('\u{feff}').as_bytes());
    let ids: Vec<String> = reader
        .records()
        .map(|r| r.expect("a CSV record")[0].to_string())
        .collect();
    let expected: Vec<&str> = tasks.iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(ids, expected);
}

#[test]
fn tables_stay_aligned_with_vietnamese_text() {
    for command in ["units", "tasks", "indicators"] {
        let args = ["--root", MANIFEST_DIR, command];
        let out = Repo::empty()
            .run_with(&[("COLUMNS", "100")], &args)
            .success();
        // Letters such as ệ, ộ, ả: several bytes, one column.
        let vietnamese = |c: &char| ('\u{1E00}'..='\u{1EFF}').contains(c);
        assert!(
            out.stdout.chars().any(|c| vietnamese(&c)),
            "{command} shows no Vietnamese text:\n{}",
            out.stdout
        );
        let widths: BTreeSet<usize> = out
            .stdout
            .lines()
            .map(unicode_width::UnicodeWidthStr::width)
            .collect();
        assert_eq!(
            widths.len(),
            1,
            "{command}: lines of different widths {widths:?}:\n{}",
            out.stdout
        );
        let width = widths.into_iter().next().unwrap_or(0);
        assert!(width <= 100, "{command}: {width} columns wide");
    }
}

#[test]
fn completions_for_bash() {
    let out = Repo::empty().run(&["completions", "bash"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("ktplan"), "{}", out.stdout);
}
