//! Diagnostics as GitLab's Code Quality report (SPEC section 5): one JSON array of
//! issues, which GitLab shows in a merge request beside the changed lines.

use serde::Serialize;

use crate::diag::{self, Diagnostic, Severity};
use crate::lang::Lang;

/// One issue of the report.
#[derive(Debug, Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
    /// The hint, as Code Climate's `content.body` (GitLab shows the description).
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<Content>,
}

#[derive(Debug, Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Debug, Serialize)]
struct Lines {
    begin: usize,
}

#[derive(Debug, Serialize)]
struct Content {
    body: String,
}

/// Renders diagnostics as a Code Quality report: `major` for errors, `minor` for
/// warnings; a problem with a whole file is placed on its first line, as GitLab needs a
/// line. The description and hint are in `lang`; nothing else changes with it.
pub(crate) fn render(diagnostics: &[Diagnostic], lang: Lang) -> String {
    let issues: Vec<Issue> = diagnostics
        .iter()
        .zip(diag::fingerprints(diagnostics))
        .map(|(d, fingerprint)| Issue {
            description: d.placed_message(lang),
            check_name: d.code.as_str(),
            fingerprint,
            severity: match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
            },
            location: Location {
                path: &d.file,
                lines: Lines {
                    begin: d.line.unwrap_or(1),
                },
            },
            content: d.words(lang).help.map(|body| Content { body }),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Message;

    #[test]
    fn an_error_is_major_and_a_warning_minor() {
        let negative = Message::Negative {
            cell: "-1".into(),
            read_as: None,
        };
        let outside = Message::YearOutsidePlan {
            year: 2022,
            start: 2023,
            end: 2030,
        };
        let missing = Message::RowMissing {
            kind: crate::model::Kind::Task,
            id: "3.1".into(),
            unit: "STC".into(),
            year: 2024,
        };
        let out = render(
            &[
                Diagnostic::new("reports/2024/STC.csv", negative)
                    .at(7, Some(5))
                    .about("STI_BUDGET_SHARE"),
                Diagnostic::new("reports/2022/STC.csv", outside),
                Diagnostic::new("reports/2024/STC.csv", missing).at(1, None),
            ],
            Lang::En,
        );
        let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
        let severities: Vec<&str> = issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["severity"].as_str().unwrap())
            .collect();
        assert_eq!(severities, ["major", "major", "minor"]);
        assert_eq!(issues[0]["location"]["lines"]["begin"], 7);
        assert_eq!(
            issues[0]["content"]["body"],
            "give the amount as a number of 0 or more"
        );
        assert_eq!(issues[1]["location"]["lines"]["begin"], 1);
        assert!(issues[1].get("content").is_none());
    }
}
