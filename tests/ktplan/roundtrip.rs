//! What `merge --format csv` writes for people reads back as the same data: a report
//! rendered by `merge` and taken in again by `import` keeps every status, value and text,
//! formula-like text included (SPEC section 6: written with a leading `'`, read without).

use std::collections::BTreeMap;

use proptest::prelude::*;

use crate::builder::Repo;

/// A cell of Vietnamese text with what breaks CSV and what a spreadsheet would run.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Đã triển khai".to_string()),
        Just("\"ưu tiên\"".to_string()),
        Just("18.500 triệu đồng; 92,5%".to_string()),
        Just("dòng một\ndòng hai".to_string()),
        Just("=SUM(A1)".to_string()),
        Just("-Phối hợp".to_string()),
        Just("+84 260".to_string()),
        Just("@STC".to_string()),
        Just("- gạch đầu dòng".to_string()),
        "[a-zA-Zàáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệ ,;]{0,20}",
    ];
    proptest::collection::vec(piece, 0..3).prop_map(|parts| parts.join(" ").trim().to_string())
}

fn status() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("Chưa thực hiện"),
        Just("Đang thực hiện"),
        Just("Hoàn thành"),
        Just("Không phát sinh"),
    ]
}

/// Cells of a row: status, value, result, difficulties, proposals, note.
type Cells = [String; 6];

/// Rows of SKHCN's 2024 report on tasks it leads and two of its indicators.
fn report() -> impl Strategy<Value = Vec<(&'static str, &'static str, Cells)>> {
    let task = |id: &'static str| {
        (status(), text(), text(), text(), text()).prop_map(move |(s, r, d, p, n)| {
            ("task", id, [s.to_string(), String::new(), r, d, p, n])
        })
    };
    let indicator = |id: &'static str, values: std::ops::Range<u32>| {
        (values, text()).prop_map(move |(v, r)| {
            let cells = [
                String::new(),
                v.to_string(),
                r,
                String::new(),
                String::new(),
                String::new(),
            ];
            ("indicator", id, cells)
        })
    };
    (
        task("1.1"),
        task("2.1"),
        task("6.2"),
        indicator("STI_ENTERPRISES", 0..40),
        indicator("PATENTS_COMMERCIALIZED", 0..5),
    )
        .prop_map(|(a, b, c, d, e)| vec![a, b, c, d, e])
}

fn to_csv(rows: &[(&str, &str, Cells)]) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record([
            "kind",
            "id",
            "status",
            "value",
            "result",
            "difficulties",
            "proposals",
            "note",
        ])
        .unwrap();
    for (kind, id, cells) in rows {
        let mut record = vec![kind.to_string(), id.to_string()];
        record.extend(cells.iter().cloned());
        writer.write_record(&record).unwrap();
    }
    writer.into_inner().unwrap()
}

/// The canonical file `import` wrote, by id: status, value and the four texts.
fn canonical(path: &std::path::Path) -> BTreeMap<String, Vec<String>> {
    let text = std::fs::read_to_string(path).expect("the imported report");
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let fields = [
        "status",
        "value",
        "result",
        "difficulties",
        "proposals",
        "note",
    ]
    .map(at);
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (
                r[at("id")].to_string(),
                fields.iter().map(|&i| r[i].to_string()).collect(),
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn a_report_rendered_by_merge_reads_back_the_same(rows in report()) {
        let repo = Repo::shipped().file("reports/2024/SKHCN.csv", to_csv(&rows));
        let merged = repo.path().join("merged.csv");
        let merged = merged.to_str().unwrap();
        repo.run(&["merge", "--year", "2024", "--format", "csv", "-o", merged]).success();
        repo.run(&["--lang", "en", "import", "reports/2024/SKHCN.csv", "--unit", "SKHCN", "--year", "2024",
                   "--reports", "direct"]).success();
        repo.run(&["--lang", "en", "import", merged, "--unit", "SKHCN", "--year", "2024",
                   "--reports", "through-merge"]).success();
        let direct = canonical(&repo.path().join("direct/2024/SKHCN.csv"));
        let through_merge = canonical(&repo.path().join("through-merge/2024/SKHCN.csv"));
        prop_assert_eq!(direct.len(), rows.len());
        prop_assert_eq!(through_merge, direct);
    }
}
