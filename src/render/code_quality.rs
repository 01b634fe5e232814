//! Diagnostics as GitLab's Code Quality report (SPEC section 5): one JSON array of
//! issues, which GitLab shows in a merge request beside the changed lines.

use serde::Serialize;

use crate::diag::{self, Diagnostic, Severity};

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
    content: Option<Content<'a>>,
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
struct Content<'a> {
    body: &'a str,
}

/// Renders diagnostics as a Code Quality report: `major` for errors, `minor` for
/// warnings; a problem with a whole file is placed on its first line, as GitLab needs a
/// line.
pub fn render(diagnostics: &[Diagnostic]) -> String {
    let issues: Vec<Issue> = diagnostics
        .iter()
        .zip(diag::fingerprints(diagnostics))
        .map(|(d, fingerprint)| Issue {
            description: d.placed_message(),
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
            content: d.help.as_deref().map(|body| Content { body }),
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".into());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    #[test]
    fn an_error_is_major_and_a_warning_minor() {
        let out = render(&[
            Diagnostic::new(Code::E008, "reports/2024/STC.csv", "bad value")
                .at(7, Some(5))
                .about("STI_BUDGET_SHARE")
                .help("give a number"),
            Diagnostic::new(Code::E004, "reports/2022/STC.csv", "outside the plan"),
            Diagnostic::new(Code::W101, "reports/2024/STC.csv", "no row").at(1, None),
        ]);
        let issues: serde_json::Value = serde_json::from_str(&out).unwrap();
        let severities: Vec<&str> = issues
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["severity"].as_str().unwrap())
            .collect();
        assert_eq!(severities, ["major", "major", "minor"]);
        assert_eq!(issues[0]["location"]["lines"]["begin"], 7);
        assert_eq!(issues[0]["content"]["body"], "give a number");
        assert_eq!(issues[1]["location"]["lines"]["begin"], 1);
        assert!(issues[1].get("content").is_none());
    }
}
