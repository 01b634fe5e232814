//! Reads `plan/*.toml` into raw structs that keep the file and byte span of every
//! value, so that the plan checks can point at the offending value. Each array
//! element is read on its own: a bad key in one unit does not hide the others.

use std::ops::Range;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use schemars::JsonSchema;
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
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "The plan itself: what it is, who issued it, its period and who consolidates the reports."
)]
pub struct RawMeta {
    /// The plan's number and symbol, e.g. "2629/KH-UBND".
    #[schemars(with = "String")]
    pub id: Str,
    /// The plan's title, as issued.
    #[schemars(with = "String")]
    pub title: Str,
    /// The body that issued it, e.g. "Ủy ban nhân dân tỉnh Kon Tum".
    #[schemars(with = "String")]
    pub issuer: Str,
    /// The day it was issued: a TOML date, e.g. 2023-08-15.
    #[schemars(schema_with = "super::schema::date")]
    pub issued: Spanned<Datetime>,
    /// The document it puts into action, e.g. "569/QĐ-TTg".
    #[schemars(with = "Option<String>")]
    pub implements: Option<Str>,
    /// The first year reported on.
    #[schemars(with = "i64")]
    pub start_year: Spanned<i64>,
    /// The last year reported on.
    #[schemars(with = "i64")]
    pub end_year: Spanned<i64>,
    /// The code of the unit that consolidates the reports.
    #[schemars(schema_with = "super::schema::code")]
    pub coordinator: Str,
    /// Yearly reports are due before this month and day, "MM-DD", e.g. "11-20".
    #[schemars(schema_with = "super::schema::month_day")]
    pub due_before: Str,
    /// The language of the forms, the repository's report files and the output:
    /// "vi" (the default) or "en".
    #[serde(default)]
    #[schemars(schema_with = "super::schema::language")]
    pub language: Option<Str>,
}

/// `[report]` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "What the annual report's header and footer need (optional).")]
pub struct RawReportSettings {
    /// The place in the date line, e.g. "Kon Tum" for "Kon Tum, ngày 05 tháng 12 năm 2024".
    #[schemars(with = "Option<String>")]
    pub place: Option<Str>,
    /// The line above the coordinator's name in the header, e.g. "UBND TỈNH KON TUM".
    #[schemars(with = "Option<String>")]
    pub issuer_parent: Option<Str>,
    /// The title of the head who signs, e.g. "GIÁM ĐỐC".
    #[schemars(with = "Option<String>")]
    pub signer_title: Option<Str>,
    /// The title of a deputy who signs for the head ("KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC").
    #[schemars(with = "Option<String>")]
    pub deputy_title: Option<Str>,
    /// The name printed under the space for the signature.
    #[schemars(with = "Option<String>")]
    pub signer_name: Option<Str>,
    /// "Nơi nhận": who receives the report, one line each.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub recipients: Vec<Str>,
    /// `[[report.change]]`: from `since` on, the keys given replace the ones above (a
    /// merged province, a new signer).
    #[serde(default)]
    #[schemars(with = "Vec<RawReportChange>")]
    pub change: Vec<Spanned<RawReportChange>>,
}

/// One `[[report.change]]` as written: from `since` on, the keys given replace the ones
/// of `[report]` (a merged province, a new signer).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "From `since` on, the keys given replace those of [report].")]
pub struct RawReportChange {
    /// The first day the change is in force, e.g. 2025-07-01.
    #[schemars(schema_with = "super::schema::date")]
    pub since: Spanned<Datetime>,
    /// A new place for the date line.
    #[schemars(with = "Option<String>")]
    pub place: Option<Str>,
    /// A new line above the coordinator's name.
    #[schemars(with = "Option<String>")]
    pub issuer_parent: Option<Str>,
    /// A new title of the head who signs.
    #[schemars(with = "Option<String>")]
    pub signer_title: Option<Str>,
    /// A new title of a deputy who signs for the head.
    #[schemars(with = "Option<String>")]
    pub deputy_title: Option<Str>,
    /// A new name under the signature.
    #[schemars(with = "Option<String>")]
    pub signer_name: Option<Str>,
    /// New recipients, one line each.
    #[schemars(with = "Option<Vec<String>>")]
    pub recipients: Option<Vec<Str>>,
}

/// `[[handover]]` as written: work that passes from one unit to another from a day on.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "Work that passes from one unit to another from a day on; applied before `successor`."
)]
pub struct RawHandover {
    /// The unit whose assignments pass on.
    #[schemars(schema_with = "super::schema::code")]
    pub from: Str,
    /// The unit that takes them.
    #[schemars(schema_with = "super::schema::code")]
    pub to: Str,
    /// From this day, e.g. 2025-03-01.
    #[schemars(schema_with = "super::schema::date")]
    pub since: Spanned<Datetime>,
    /// Only these tasks (with neither list, all of the unit's work passes).
    #[schemars(with = "Option<Vec<String>>")]
    pub tasks: Option<Vec<Str>>,
    /// Only these indicators.
    #[schemars(with = "Option<Vec<String>>")]
    pub indicators: Option<Vec<Str>>,
}

/// `[[unit]]` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    description = "A unit that carries out the plan: a department, a district or an organisation."
)]
pub struct RawUnit {
    /// The unit's code, used in reports' paths: ASCII letters, digits, ".", "_", "-".
    #[schemars(schema_with = "super::schema::code")]
    pub code: Str,
    /// The unit's full name.
    #[schemars(with = "String")]
    pub name: Str,
    /// "department", "district" or "organization".
    #[schemars(with = "crate::model::UnitKind")]
    pub kind: Str,
    /// The first day the unit exists (a TOML date), when it was set up during the plan.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::optional_date")]
    pub since: Option<Spanned<Datetime>>,
    /// The last day the unit exists (a TOML date): a merger, an abolished district.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::optional_date")]
    pub until: Option<Spanned<Datetime>>,
    /// The unit that takes over its assignments from the day after `until`.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::optional_code")]
    pub successor: Option<Str>,
    /// false for a body the plan only asks for help: never expected to report (default true).
    pub reports: Option<bool>,
}

/// `[[group]]` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "A group of units the plan assigns tasks to.")]
pub struct RawGroup {
    /// The group's code, used where a unit's code may be.
    #[schemars(schema_with = "super::schema::code")]
    pub code: Str,
    /// The group's name as the plan words it.
    #[schemars(with = "String")]
    pub name: Str,
    /// Unit codes, or ["*"] for "any unit concerned" (anyone may report, nobody must).
    #[schemars(schema_with = "super::schema::members")]
    pub members: Vec<Str>,
}

/// `[[section]]` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "A section of the plan, which tasks belong to.")]
pub struct RawSection {
    /// The section's id, e.g. "3" or "III".
    #[schemars(schema_with = "super::schema::code")]
    pub id: Str,
    /// The section's heading.
    #[schemars(with = "String")]
    pub title: Str,
    /// The id of the section this one sits under.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::optional_code")]
    pub parent: Option<Str>,
}

/// `[[task]]` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "A task of the plan, with the units that lead and support it.")]
pub struct RawTask {
    /// The task's id, written in reports, e.g. "3.1".
    #[schemars(schema_with = "super::schema::code")]
    pub id: Str,
    /// The id of the section it belongs to.
    #[schemars(schema_with = "super::schema::code")]
    pub section: Str,
    /// A short title for forms and reports.
    #[schemars(with = "String")]
    pub title: Str,
    /// The plan's own words for the task.
    #[schemars(with = "String")]
    pub text: Str,
    /// The unit or group codes that lead it (chủ trì); at least one.
    #[schemars(schema_with = "super::schema::codes")]
    pub lead: Spanned<Vec<Str>>,
    /// The unit or group codes that support it (phối hợp); may be empty.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::codes")]
    pub support: Vec<Str>,
    /// "recurring" (thường xuyên), "YYYY" (due that year) or "YYYY-YYYY".
    #[serde(default)]
    #[schemars(schema_with = "super::schema::schedule")]
    pub schedule: Option<Str>,
    /// The ids of the indicators the task serves.
    #[serde(default)]
    #[schemars(schema_with = "super::schema::codes")]
    pub indicators: Vec<Str>,
}

/// `[[indicator]]` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "A quantitative indicator of the plan and its targets.")]
pub struct RawIndicator {
    /// The indicator's id, written in reports, e.g. "STI_BUDGET_SHARE".
    #[schemars(schema_with = "super::schema::code")]
    pub id: Str,
    /// The indicator's name.
    #[schemars(with = "String")]
    pub name: Str,
    /// The unit of measure: "%" (values 0 to 100), "count" (whole numbers), or any other
    /// text ("triệu đồng"), which takes any number.
    #[schemars(with = "String")]
    pub unit: Str,
    /// "level": each year's value stands alone; "flow": yearly amounts, summed over years.
    #[schemars(with = "crate::model::Measure")]
    pub measure: Str,
    /// How the reporting units' values combine: "single", "sum", "mean" or "max".
    #[schemars(with = "crate::model::Aggregate")]
    pub aggregate: Str,
    /// The unit or group codes that report it.
    #[schemars(schema_with = "super::schema::codes")]
    pub reporters: Spanned<Vec<Str>>,
    /// The value before the plan: { year = 2022, value = 35.0 }.
    #[schemars(with = "Option<RawBaseline>")]
    pub baseline: Option<Spanned<RawBaseline>>,
    /// The targets by year: [ { year = 2025, min = 40.0 }, { year = 2030, min = 45.0 } ].
    #[serde(default)]
    #[schemars(with = "Vec<RawTarget>")]
    pub targets: Vec<Spanned<RawTarget>>,
    /// The plan's own words for the target.
    #[schemars(with = "Option<String>")]
    pub target_text: Option<Str>,
}

/// An indicator's `baseline` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "The value before the plan, and its year.")]
pub struct RawBaseline {
    /// The year of the value (it may precede the plan's period).
    #[schemars(with = "i64")]
    pub year: Spanned<i64>,
    /// The value.
    #[schemars(with = "f64")]
    pub value: Spanned<f64>,
}

/// One of an indicator's `targets` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "A target: the least and/or the most the value should be in a year.")]
pub struct RawTarget {
    /// The year of the target, inside the plan's period.
    #[schemars(with = "i64")]
    pub year: Spanned<i64>,
    /// The value should be at least this.
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    /// The value should be at most this.
    #[schemars(with = "Option<f64>")]
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
    /// `[[handover]]` entries.
    pub handovers: Vec<Item<RawHandover>>,
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

/// The most a plan file may hold; the shipped plan's largest file is under 100 KiB.
pub const MAX_PLAN_FILE_BYTES: u64 = 16 << 20;

/// Why a file under `plan/` is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanRefusal {
    /// A link to a file or folder outside the repository.
    LinkOutside {
        /// Where the link leads.
        target: String,
    },
    /// A link that leads nowhere, or round in a loop of links.
    LinkNowhere,
    /// A link to a folder already walked: following it would read the plan for ever.
    LinkLoop,
    /// A FIFO, a socket or a device.
    NotRegular,
    /// Over 16 MiB.
    TooBig {
        /// Its size.
        bytes: u64,
    },
}

/// A `*.toml` file found under `plan/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanFile {
    /// A regular file (or a link to one inside the repository): read.
    Read(PathBuf),
    /// Anything else, with why it is not read (E010 at its path).
    Refused(PathBuf, PlanRefusal),
}

impl PlanFile {
    fn path(&self) -> &Path {
        match self {
            PlanFile::Read(path) | PlanFile::Refused(path, _) => path,
        }
    }
}

/// The `*.toml` files under `plan_dir`, in path order, at any depth. Only regular files
/// are read: a link out of the repository (the folder holding `plan_dir`), a link that
/// leads back to a folder already walked, a device, a FIFO or a file over 16 MiB is
/// refused, never followed, never waited on.
pub fn plan_files(plan_dir: &Path) -> Result<Vec<PlanFile>> {
    let canonical = |path: &Path| {
        std::fs::canonicalize(path)
            .with_context(|| crate::lang::Notice::CannotRead { path: path.into() })
    };
    let root = canonical(plan_dir.parent().unwrap_or(plan_dir))?;
    let mut walked = std::collections::HashSet::from([canonical(plan_dir)?]);
    let mut found = Vec::new();
    let mut pending = vec![plan_dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .with_context(|| crate::lang::Notice::CannotRead { path: dir.clone() })?;
        for entry in entries {
            let entry = entry?;
            let path = entry.path();
            let is_toml = path.extension().is_some_and(|e| e == "toml")
                && !crate::output::is_temporary(&path);
            let refuse = |why: PlanRefusal| PlanFile::Refused(path.clone(), why);
            let kind = entry.file_type()?;
            let (target, meta) = if kind.is_symlink() {
                let Ok(target) = std::fs::canonicalize(&path) else {
                    if is_toml {
                        found.push(refuse(PlanRefusal::LinkNowhere));
                    }
                    continue;
                };
                let Ok(meta) = std::fs::metadata(&target) else {
                    continue;
                };
                if !target.starts_with(&root) {
                    if is_toml || meta.is_dir() {
                        found.push(refuse(PlanRefusal::LinkOutside {
                            target: target.display().to_string(),
                        }));
                    }
                    continue;
                }
                (target, meta)
            } else {
                (path.clone(), entry.metadata()?)
            };
            if meta.is_dir() {
                let target = if kind.is_symlink() {
                    target
                } else {
                    canonical(&path)?
                };
                if walked.insert(target) {
                    pending.push(path);
                } else {
                    found.push(refuse(PlanRefusal::LinkLoop));
                }
            } else if !is_toml {
                continue;
            } else if !meta.is_file() {
                found.push(refuse(PlanRefusal::NotRegular));
            } else if meta.len() > MAX_PLAN_FILE_BYTES {
                found.push(refuse(PlanRefusal::TooBig { bytes: meta.len() }));
            } else {
                found.push(PlanFile::Read(path));
            }
        }
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(found)
}

/// Reads every plan file. A file that cannot be read at all is an `Err` (the command
/// cannot run); a file [`plan_files`] refuses, TOML syntax and shape problems are E010
/// diagnostics.
pub fn read(
    plan_dir: &Path,
    display: impl Fn(&Path) -> String,
) -> Result<(RawPlan, Vec<Diagnostic>)> {
    let mut sources = Vec::new();
    let mut refused = Vec::new();
    for found in plan_files(plan_dir)? {
        let path = match found {
            PlanFile::Read(path) => path,
            PlanFile::Refused(path, why) => {
                refused.push(Diagnostic::new(
                    display(&path),
                    Message::PlanFileRefused { why },
                ));
                continue;
            }
        };
        let cannot = || crate::lang::Notice::CannotRead { path: path.clone() };
        let file = std::fs::File::open(&path).with_context(cannot)?;
        crate::output::note_read(&file);
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(
            &mut std::io::Read::take(file, MAX_PLAN_FILE_BYTES + 1),
            &mut bytes,
        )
        .with_context(cannot)?;
        if bytes.len() as u64 > MAX_PLAN_FILE_BYTES {
            refused.push(Diagnostic::new(
                display(&path),
                Message::PlanFileRefused {
                    why: PlanRefusal::TooBig {
                        bytes: bytes.len() as u64,
                    },
                },
            ));
            continue;
        }
        sources.push((display(&path), bytes));
    }
    let (mut plan, mut diagnostics) = read_sources(sources);
    plan.unreadable_files += refused.len();
    diagnostics.extend(refused);
    Ok((plan, diagnostics))
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
            "handover" => plan.handovers.extend(reader.array(value, "[[handover]]")),
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
