//! Reads `plan/*.toml` into raw structs that keep the file and byte span of every
//! value, so that the plan checks can point at the offending value. Each array
//! element is read on its own: a bad key in one unit does not hide the others.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};
use toml::value::Datetime;

use crate::diag::{Diagnostic, LineIndex, Message};

/// A plan file as read: its display path and text, for locating spans.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as printed in diagnostics.
    pub display: String,
    /// The file's text.
    pub text: String,
    index: LineIndex,
}

/// A raw value of type `T` with where it came from.
#[derive(Debug)]
pub struct Item<T> {
    /// Index into [`RawPlan::files`].
    pub file: usize,
    /// Byte span of the whole table.
    pub span: Range<usize>,
    /// The value as written.
    pub raw: T,
}

/// A string value with its span.
pub type Str = Spanned<String>;

/// `[plan]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawMeta {
    pub id: Str,
    pub title: Str,
    pub issuer: Str,
    pub issued: Spanned<Datetime>,
    pub implements: Option<Str>,
    pub start_year: Spanned<i64>,
    pub end_year: Spanned<i64>,
    pub coordinator: Str,
    pub due_before: Str,
    pub language: Option<Str>,
}

/// `[report]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawReportSettings {
    pub place: Option<Str>,
    pub issuer_parent: Option<Str>,
    pub signer_title: Option<Str>,
    pub deputy_title: Option<Str>,
    pub signer_name: Option<Str>,
    #[serde(default)]
    pub recipients: Vec<Str>,
}

/// `[[unit]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawUnit {
    pub code: Str,
    pub name: Str,
    pub kind: Str,
    pub since: Option<Spanned<Datetime>>,
    pub until: Option<Spanned<Datetime>>,
    pub successor: Option<Str>,
    pub reports: Option<bool>,
}

/// `[[group]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawGroup {
    pub code: Str,
    pub name: Str,
    pub members: Vec<Str>,
}

/// `[[section]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawSection {
    pub id: Str,
    pub title: Str,
    pub parent: Option<Str>,
}

/// `[[task]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawTask {
    pub id: Str,
    pub section: Str,
    pub title: Str,
    pub text: Str,
    pub lead: Spanned<Vec<Str>>,
    #[serde(default)]
    pub support: Vec<Str>,
    pub schedule: Option<Str>,
    #[serde(default)]
    pub indicators: Vec<Str>,
}

/// `[[indicator]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawIndicator {
    pub id: Str,
    pub name: Str,
    pub unit: Str,
    pub measure: Str,
    pub aggregate: Str,
    pub reporters: Spanned<Vec<Str>>,
    pub baseline: Option<Spanned<RawBaseline>>,
    #[serde(default)]
    pub targets: Vec<Spanned<RawTarget>>,
    pub target_text: Option<Str>,
}

/// An indicator's `baseline` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawBaseline {
    pub year: Spanned<i64>,
    pub value: Spanned<f64>,
}

/// One of an indicator's `targets` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(missing_docs)]
pub struct RawTarget {
    pub year: Spanned<i64>,
    pub min: Option<Spanned<f64>>,
    pub max: Option<Spanned<f64>>,
}

/// Everything the plan files hold, before validation.
#[derive(Debug, Default)]
pub struct RawPlan {
    /// The files read, in path order.
    pub files: Vec<SourceFile>,
    /// Every `[plan]` table (exactly one is valid).
    pub meta: Vec<Item<RawMeta>>,
    /// Every `[report]` table (at most one is valid).
    pub report: Vec<Item<RawReportSettings>>,
    /// `[[unit]]` entries.
    pub units: Vec<Item<RawUnit>>,
    /// `[[group]]` entries.
    pub groups: Vec<Item<RawGroup>>,
    /// `[[section]]` entries.
    pub sections: Vec<Item<RawSection>>,
    /// `[[task]]` entries.
    pub tasks: Vec<Item<RawTask>>,
    /// `[[indicator]]` entries.
    pub indicators: Vec<Item<RawIndicator>>,
    /// Entries that could not be read (already reported), by table and id.
    pub unreadable: Vec<(&'static str, String)>,
    /// Plan files that could not be read as text (already reported).
    pub unreadable_files: usize,
}

impl SourceFile {
    /// An E010 diagnostic at byte `span` of this file.
    pub fn error(&self, span: Range<usize>, message: Message) -> Diagnostic {
        let (line, column) = self.index.position(&self.text, span.start);
        Diagnostic::new(self.display.clone(), message).at(line, Some(column))
    }

    /// The line of byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.index.position(&self.text, offset).0
    }
}

impl RawPlan {
    /// An E010 diagnostic at `span` of file `file`.
    pub fn error(&self, file: usize, span: Range<usize>, message: Message) -> Diagnostic {
        self.files[file].error(span, message)
    }
}

/// The `*.toml` files under `plan_dir`, in path order, at any depth.
pub fn plan_files(plan_dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![plan_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))?;
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "toml")
                && !crate::output::is_temporary(&path)
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Reads every plan file. A file that cannot be read at all is an `Err` (the command
/// cannot run); TOML syntax and shape problems are E010 diagnostics.
pub fn read(
    plan_dir: &Path,
    display: impl Fn(&Path) -> String,
) -> Result<(RawPlan, Vec<Diagnostic>)> {
    let mut sources = Vec::new();
    for path in plan_files(plan_dir)? {
        let cannot = || format!("cannot read {}", path.display());
        let mut file = std::fs::File::open(&path).with_context(cannot)?;
        crate::output::note_read(&file);
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).with_context(cannot)?;
        sources.push((display(&path), bytes));
    }
    Ok(read_sources(sources))
}

/// Reads plan files given as their shown names and bytes, in order: what [`read`] does
/// once the files are read.
pub fn read_sources(
    sources: impl IntoIterator<Item = (String, Vec<u8>)>,
) -> (RawPlan, Vec<Diagnostic>) {
    let mut plan = RawPlan::default();
    let mut diagnostics = Vec::new();
    for (shown, bytes) in sources {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
                diagnostics.push(Diagnostic::new(shown, Message::PlanNotUtf8).at(line, None));
                plan.unreadable_files += 1;
                continue;
            }
        };
        let index = LineIndex::new(&text);
        let source = SourceFile {
            display: shown,
            text,
            index,
        };
        let file = plan.files.len();
        read_file(&mut plan, &source, file, &mut diagnostics);
        plan.files.push(source);
    }
    (plan, diagnostics)
}

fn read_file(plan: &mut RawPlan, source: &SourceFile, file: usize, out: &mut Vec<Diagnostic>) {
    let table = match DeTable::parse(&source.text) {
        Ok(table) => table.into_inner(),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let detail = e.message().trim().to_string();
            out.push(source.error(span, Message::InvalidToml { detail }));
            return;
        }
    };
    let mut reader = Reader {
        source,
        file,
        out,
        unreadable: Vec::new(),
    };
    for (key, value) in table {
        match key.get_ref().as_ref() {
            "plan" => plan.meta.extend(reader.table(value, "[plan]")),
            "report" => plan.report.extend(reader.table(value, "[report]")),
            "unit" => plan.units.extend(reader.array(value, "[[unit]]")),
            "group" => plan.groups.extend(reader.array(value, "[[group]]")),
            "section" => plan.sections.extend(reader.array(value, "[[section]]")),
            "task" => plan.tasks.extend(reader.array(value, "[[task]]")),
            "indicator" => plan.indicators.extend(reader.array(value, "[[indicator]]")),
            other => {
                let name = other.to_string();
                reader
                    .out
                    .push(source.error(key.span(), Message::UnknownTable { name }));
            }
        }
    }
    plan.unreadable.extend(reader.unreadable);
}

/// Reads the values of one file, collecting every problem.
struct Reader<'a> {
    source: &'a SourceFile,
    file: usize,
    out: &'a mut Vec<Diagnostic>,
    /// Entries that could not be read, by table and id: their id still counts as
    /// defined, so one typo does not also make every reference to it an error.
    unreadable: Vec<(&'static str, String)>,
}

impl Reader<'_> {
    /// A single table such as `[plan]`, or one element of an array of tables.
    fn table<T: DeserializeOwned>(
        &mut self,
        value: Spanned<DeValue<'_>>,
        what: &'static str,
    ) -> Option<Item<T>> {
        let span = value.span();
        let DeValue::Table(table) = value.get_ref() else {
            self.out.push(
                self.source
                    .error(span, Message::ExpectedTable { table: what }),
            );
            return None;
        };
        let id = ["code", "id"].iter().find_map(|key| {
            table.iter().find_map(|(k, v)| match v.get_ref() {
                DeValue::String(s) if k.get_ref().as_ref() == *key => Some(s.to_string()),
                _ => None,
            })
        });
        match T::deserialize(ValueDeserializer::from(value)) {
            Ok(raw) => Some(Item {
                file: self.file,
                span,
                raw,
            }),
            Err(e) => {
                let at = e.span().unwrap_or(span);
                let message = reword(e.message().trim(), what, id.as_deref());
                self.out.push(self.source.error(at, message));
                if let Some(id) = id {
                    self.unreadable.push((what, id));
                }
                None
            }
        }
    }

    /// An array of tables such as `[[unit]]`, each element read on its own.
    fn array<T: DeserializeOwned>(
        &mut self,
        value: Spanned<DeValue<'_>>,
        what: &'static str,
    ) -> Vec<Item<T>> {
        let span = value.span();
        match value.into_inner() {
            DeValue::Array(elements) => elements
                .into_iter()
                .filter_map(|element| self.table(element, what))
                .collect(),
            _ => {
                self.out.push(
                    self.source
                        .error(span, Message::ExpectedArray { table: what }),
                );
                Vec::new()
            }
        }
    }
}

/// Says a deserialization error as a message about the plan files: keys, lists, tables.
fn reword(message: &str, table: &'static str, id: Option<&str>) -> Message {
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = ticked(rest);
        if let Some((key, expected)) = names.split_first() {
            let nearest = expected
                .iter()
                .map(|e| (crate::load::report::edit_distance(key, e), e))
                .filter(|(d, _)| *d <= 2)
                .min_by_key(|(d, _)| *d)
                .map(|(_, near)| near.clone());
            return Message::UnknownKey {
                key: key.clone(),
                table,
                expected: expected.to_vec(),
                nearest,
            };
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        let key = ticked(rest).into_iter().next().unwrap_or_default();
        return Message::MissingKey {
            key,
            table,
            id: id.map(str::to_string),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return Message::WrongType {
            expected: expected.to_string(),
            found: found.to_string(),
        };
    }
    Message::BadValue {
        detail: message.to_string(),
    }
}

/// A TOML date as a calendar date; `None` when it carries a time or lacks a date.
pub fn calendar_date(value: &Datetime) -> Option<chrono::NaiveDate> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            chrono::NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}
