//! JSON Schemas of the plan files, generated from the raw types the plan loader reads
//! ([`super::plan`]), so that an editor (VS Code with Even Better TOML, or taplo)
//! completes and checks `plan/*.toml` by the same rules `ktplan check` applies to their
//! shape. The checks that need the whole plan (references, duplicates, years) stay
//! `check`'s.

use schemars::{JsonSchema, Schema, SchemaGenerator, generate::SchemaSettings, json_schema};

use super::plan::{
    RawGroup, RawHandover, RawIndicator, RawMeta, RawReportSettings, RawSection, RawTask, RawUnit,
};

/// The plan files that have a schema, each named after the file that holds its tables
/// in the shipped plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFile {
    /// `plan.toml`: `[plan]` and `[report]`.
    Plan,
    /// `units.toml`: `[[unit]]` and `[[group]]`.
    Units,
    /// `tasks.toml`: `[[section]]` and `[[task]]`.
    Tasks,
    /// `indicators.toml`: `[[indicator]]`.
    Indicators,
}

impl PlanFile {
    /// Every plan file, in the order of SPEC section 3.
    pub const ALL: [PlanFile; 4] = [
        PlanFile::Plan,
        PlanFile::Units,
        PlanFile::Tasks,
        PlanFile::Indicators,
    ];

    /// The file's name without `.toml`, which is also its schema's (`schema/plan.json`).
    pub fn name(self) -> &'static str {
        match self {
            PlanFile::Plan => "plan",
            PlanFile::Units => "units",
            PlanFile::Tasks => "tasks",
            PlanFile::Indicators => "indicators",
        }
    }

    /// The schema, as pretty-printed JSON ending in a line break.
    pub fn schema(self) -> String {
        let generator = SchemaSettings::draft07().into_generator();
        let schema = match self {
            PlanFile::Plan => generator.into_root_schema_for::<PlanToml>(),
            PlanFile::Units => generator.into_root_schema_for::<UnitsToml>(),
            PlanFile::Tasks => generator.into_root_schema_for::<TasksToml>(),
            PlanFile::Indicators => generator.into_root_schema_for::<IndicatorsToml>(),
        };
        let mut schema = schema.to_value();
        without_null(&mut schema);
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }
}

// The tables of each file, as the loader dispatches them by their top-level names
// (`load::plan::read_file`); a file may hold no other table.

/// `plan/plan.toml`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ktplan plan.toml", description = "The plan: plan/plan.toml")]
#[allow(dead_code)]
struct PlanToml {
    plan: RawMeta,
    report: Option<RawReportSettings>,
}

/// `plan/units.toml`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "ktplan units.toml",
    description = "The units that carry out the plan, and groups of them: plan/units.toml"
)]
#[allow(dead_code)]
struct UnitsToml {
    #[serde(default)]
    unit: Vec<RawUnit>,
    #[serde(default)]
    group: Vec<RawGroup>,
    #[serde(default)]
    handover: Vec<RawHandover>,
}

/// `plan/tasks.toml`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "ktplan tasks.toml",
    description = "The plan's sections and tasks: plan/tasks.toml"
)]
#[allow(dead_code)]
struct TasksToml {
    #[serde(default)]
    section: Vec<RawSection>,
    #[serde(default)]
    task: Vec<RawTask>,
}

/// `plan/indicators.toml`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "ktplan indicators.toml",
    description = "The plan's quantitative indicators and targets: plan/indicators.toml"
)]
#[allow(dead_code)]
struct IndicatorsToml {
    #[serde(default)]
    indicator: Vec<RawIndicator>,
}

/// Takes `null` out of the schema: TOML has none, an optional key is one left out, and an
/// editor should not offer it.
fn without_null(value: &mut serde_json::Value) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            if map.get("default") == Some(&Value::Null) {
                map.remove("default");
            }
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(options)) = map.get_mut("anyOf") {
                options.retain(|o| o.get("type").is_none_or(|t| t != "null"));
                if let [only] = options.as_slice() {
                    let only = only.clone();
                    map.remove("anyOf");
                    if let Value::Object(only) = only {
                        map.extend(only);
                    }
                }
            }
            map.values_mut().for_each(without_null);
        }
        Value::Array(items) => items.iter_mut().for_each(without_null),
        _ => {}
    }
}

const CODE_PATTERN: &str = "^[A-Za-z0-9._-]+$";

/// A code or id: ASCII letters, digits, `.`, `_` and `-` (SPEC section 3).
pub(super) fn code(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": CODE_PATTERN })
}

/// An optional code or id.
pub(super) fn optional_code(generator: &mut SchemaGenerator) -> Schema {
    code(generator)
}

/// A list of codes.
pub(super) fn codes(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "array", "items": code(generator) })
}

/// A group's members: unit codes, or `"*"` alone.
pub(super) fn members(generator: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            { "type": "array", "items": code(generator) },
            { "type": "array", "items": { "const": "*" }, "minItems": 1, "maxItems": 1 }
        ]
    })
}

/// A TOML date, which editors hand to the schema as an RFC 3339 full date.
pub(super) fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "format": "date" })
}

/// An optional TOML date.
pub(super) fn optional_date(generator: &mut SchemaGenerator) -> Schema {
    date(generator)
}

/// `MM-DD`.
pub(super) fn month_day(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$" })
}

/// `"vi"` or `"en"`.
pub(super) fn language(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "enum": ["vi", "en"] })
}

/// `"recurring"`, `"YYYY"` or `"YYYY-YYYY"`.
pub(super) fn schedule(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": "^(recurring|[0-9]{4}(-[0-9]{4})?)$" })
}
