//! Bytes of a report file -> diagnostics, through the library's public check API, for
//! the shipped plan. The first byte picks whose report it is, and how it is read: as CSV
//! (with or without `--encoding windows-1258`) or as a workbook, of the format its first
//! bytes suggest. The rest is the file. Every diagnostic is also rendered in the three
//! output forms.

#![no_main]

use std::sync::OnceLock;

use ktplan::check::report::{Owner, ReadAs, check};
use ktplan::diag::{render_github, render_json, render_text};
use ktplan::load::text::Forced;
use ktplan::load::workbook::Format;
use ktplan::model::Plan;
use libfuzzer_sys::fuzz_target;

/// The shipped plan, as the binary reads it.
fn plan() -> &'static Plan {
    static PLAN: OnceLock<Plan> = OnceLock::new();
    PLAN.get_or_init(|| {
        let files = [
            ("plan/plan.toml", include_str!("../../plan/plan.toml")),
            ("plan/units.toml", include_str!("../../plan/units.toml")),
            ("plan/tasks.toml", include_str!("../../plan/tasks.toml")),
            (
                "plan/indicators.toml",
                include_str!("../../plan/indicators.toml"),
            ),
        ];
        let sources = files.map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()));
        let (raw, read) = ktplan::load::plan::read_sources(sources);
        let (plan, checked) = ktplan::check::plan::validate(&raw);
        assert!(
            read.is_empty() && checked.is_empty(),
            "the shipped plan is valid"
        );
        plan.expect("the shipped plan is valid")
    })
}

/// Units of every kind: a department that leads tasks and reports an indicator, the
/// coordinator, a district that ceased to exist in 2025, a department created in 2025,
/// a merged department, and a code the plan does not know.
const UNITS: [&str; 6] = ["STC", "SKHCN", "DAKHA", "SNNMT", "SKHDT", "NOBODY"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let owner = Owner {
        unit: UNITS[usize::from(pick) % UNITS.len()].to_string(),
        year: 2022 + i32::from(pick / 8 % 10),
    };
    let read_as = if pick & 0x40 == 0 {
        ReadAs::Csv((pick & 0x80 != 0).then_some(Forced::Windows1258))
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        ReadAs::Workbook(Format::Xls)
    } else if pick & 0x20 != 0 {
        ReadAs::Workbook(Format::Ods)
    } else {
        ReadAs::Workbook(Format::Xlsx)
    };
    let (report, diagnostics) = check(plan(), &owner, bytes, read_as, "reports/2024/STC.csv");
    if let Some(report) = &report {
        assert_eq!(report.unit, owner.unit);
        assert!(report.errors <= diagnostics.len());
    }
    for d in &diagnostics {
        assert_eq!(d.severity, d.code.severity());
    }
    for lang in ktplan::lang::Lang::ALL {
        render_text(&diagnostics, lang, true);
        render_json(&diagnostics, lang);
        render_github(&diagnostics, lang);
    }
});
