//! TOML text -> plan diagnostics: the plan loader and the plan checks. The input is
//! split at each line `%%` into up to four files (`plan.toml`, `units.toml`,
//! `tasks.toml`, `indicators.toml`), so references across files are exercised. When
//! the plan is valid, the questions every command asks of it are asked too.

#![no_main]

use ktplan::diag::render_text;
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 4] = [
    "plan/plan.toml",
    "plan/units.toml",
    "plan/tasks.toml",
    "plan/indicators.toml",
];

fuzz_target!(|data: &[u8]| {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut rest = data;
    for name in NAMES {
        let (file, after) = match find(rest, b"\n%%\n") {
            Some(at) if files.len() < NAMES.len() - 1 => (&rest[..at], &rest[at + 4..]),
            _ => (rest, &[][..]),
        };
        files.push((name.to_string(), file.to_vec()));
        rest = after;
        if rest.is_empty() {
            break;
        }
    }
    let (raw, mut diagnostics) = ktplan::load::plan::read_sources(files);
    let (plan, more) = ktplan::check::plan::validate(&raw);
    diagnostics.extend(more);
    for lang in ktplan::lang::Lang::ALL {
        render_text(&diagnostics, lang, false);
    }
    // As the commands see it: a plan only when nothing at all was wrong.
    let Some(plan) = plan.filter(|_| diagnostics.is_empty()) else {
        return;
    };
    // A plan may span many years: ask about a few, at both ends.
    let years = plan.years();
    let asked = [*years.start(), *years.start() + 1, *years.end()];
    for year in asked.into_iter().filter(|y| plan.covers(*y)) {
        plan.due_date(year);
        for unit in plan.expected_units(year).iter().take(50) {
            let duties = plan.duties(&unit.code, year);
            assert_eq!(
                duties.tasks().count(),
                plan.tasks_of(&unit.code, year).len()
            );
            plan.indicators_of(&unit.code, year);
        }
    }
});

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
