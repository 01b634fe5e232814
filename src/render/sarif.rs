//! Diagnostics as SARIF 2.1.0 (SPEC section 5), the static-analysis format GitHub code
//! scanning takes: one run of one tool, a rule per code with its description, a result
//! per diagnostic.

use serde_json::{Value, json};

use crate::diag::{self, Code, Diagnostic, Severity};
use crate::lang::Lang;

/// The schema the output follows, as OASIS publishes it.
pub(crate) const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Renders diagnostics as one SARIF log. Paths are relative to the repository's root
/// (`%SRCROOT%`). A column is given only in plan files, where it counts characters as
/// SARIF's does; in a report it is a field number, and the line says enough. Messages
/// are in `lang`; ids, levels and fingerprints are the same in every language.
pub(crate) fn render(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": { "text": code.description(lang) },
                "defaultConfiguration": { "level": level(code.severity()) },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .zip(diag::fingerprints(diagnostics))
        .map(|(d, fingerprint)| result(d, &fingerprint, lang))
        .collect();
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ktplan",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn result(d: &Diagnostic, fingerprint: &str, lang: Lang) -> Value {
    let mut text = d.placed_message(lang);
    if let Some(help) = &d.words(lang).help {
        text.push('\n');
        text.push_str(help);
    }
    let mut region = json!({ "startLine": d.line.unwrap_or(1) });
    if let Some(column) = d.column.filter(|_| d.file.ends_with(".toml")) {
        region["startColumn"] = json!(column);
    }
    let rule_index = Code::ALL.iter().position(|c| *c == d.code).unwrap_or(0);
    json!({
        "ruleId": d.code.as_str(),
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": { "text": text },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": d.file, "uriBaseId": "%SRCROOT%" },
                "region": region,
            }
        }],
        "partialFingerprints": { "ktplan/v1": fingerprint },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_a_rule_and_a_result_points_at_its_rule() {
        let far = crate::diag::Message::FarFromLastYear {
            id: "STI_BUDGET_SHARE".into(),
            value: 40.0,
            before: 2.0,
            previous: "reports/2023/STC.csv".into(),
            line: 9,
        };
        let d = Diagnostic::new("reports/2024/STC.csv", far)
            .at(9, Some(5))
            .about("STI_BUDGET_SHARE");
        let log: Value = serde_json::from_str(&render(&[d], Lang::En)).unwrap();
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), Code::ALL.len());
        let result = &run["results"][0];
        let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
        assert_eq!(rules[index]["id"], "W104");
        assert_eq!(result["level"], "warning");
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region, &json!({ "startLine": 9 }));
    }
}
