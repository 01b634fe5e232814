//! What editors and manual readers get (SPEC section 6): `ktplan schema`, the schemas
//! committed under `schema/` and named by every shipped plan file, and `ktplan man`.

use std::path::Path;

use pretty_assertions::assert_eq;

use crate::builder::{MANIFEST_DIR, Repo, external};

const FILES: [&str; 4] = ["plan", "units", "tasks", "indicators"];

/// The committed schemas are what the loader's types give today. When a plan key is
/// added, `cargo run -- schema -o schema` brings them up to date (or run this test with
/// `KTPLAN_BLESS=1`).
#[test]
fn the_committed_schemas_are_current() {
    let repo = Repo::empty();
    let bless = std::env::var_os("KTPLAN_BLESS").is_some();
    for file in FILES {
        let generated = repo.run(&["schema", file]).success().stdout;
        let path = Path::new(MANIFEST_DIR).join(format!("schema/{file}.json"));
        if bless {
            std::fs::write(&path, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "schema/{file}.json is out of date: run `cargo run -- schema -o schema`"
        );
    }
}

/// Every shipped plan file names its schema on its first line, as Even Better TOML and
/// taplo read it, by a path from the file's folder; and the plan still checks clean.
#[test]
fn every_shipped_plan_file_names_its_schema() {
    for file in FILES {
        let text =
            std::fs::read_to_string(Path::new(MANIFEST_DIR).join(format!("plan/{file}.toml")))
                .unwrap();
        assert_eq!(
            text.lines().next(),
            Some(format!("#:schema ../schema/{file}.json").as_str())
        );
    }
    let out = Repo::shipped().run(&["check"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

/// A misspelt key is refused by the schema as by the loader: every table of every
/// schema allows its own keys only, and names the ones it needs.
#[test]
fn a_schema_allows_only_the_keys_the_loader_reads() {
    let out = Repo::empty().run(&["schema", "units"]).success();
    let schema = out.json();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["additionalProperties"], false);
    let unit = &schema["definitions"]["RawUnit"];
    assert_eq!(unit["additionalProperties"], false);
    let mut keys: Vec<&str> = unit["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "code",
            "kind",
            "name",
            "reports",
            "since",
            "successor",
            "until"
        ]
    );
    assert_eq!(
        unit["required"],
        serde_json::json!(["code", "name", "kind"])
    );
    let kinds: Vec<&str> = schema["definitions"]["UnitKind"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k["const"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["department", "district", "organization"]);
    for file in FILES {
        let text = Repo::empty().run(&["schema", file]).success().stdout;
        assert!(!text.contains("null"), "TOML has no null: {file}");
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        for (name, definition) in schema["definitions"].as_object().unwrap() {
            if definition["type"] == "object" {
                assert_eq!(definition["additionalProperties"], false, "{file}: {name}");
            }
        }
    }
}

#[test]
fn schema_o_dir_writes_all_four_and_no_file_without_it_cannot_run() {
    let repo = Repo::empty();
    repo.run(&["schema", "-o", "out"]).success();
    for file in FILES {
        let written =
            std::fs::read_to_string(repo.path().join(format!("out/{file}.json"))).unwrap();
        assert_eq!(written, repo.run(&["schema", file]).stdout);
    }
    let out = repo.run(&["schema"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("name a plan file"), "{}", out.stderr);
}

/// With check-jsonschema (which reads TOML): the shipped plan passes its schemas, and a
/// misspelt key and a date written as text are refused, at their place.
#[test]
fn check_jsonschema_accepts_the_shipped_plan_and_refuses_a_misspelt_key() {
    let Some(tool) = external("check-jsonschema", &["--version"]) else {
        return;
    };
    let validate = |schema: &str, file: &Path| {
        std::process::Command::new(&tool)
            .arg("--schemafile")
            .arg(Path::new(MANIFEST_DIR).join(format!("schema/{schema}.json")))
            .arg(file)
            .output()
            .expect("run check-jsonschema")
    };
    for file in FILES {
        let out = validate(
            file,
            &Path::new(MANIFEST_DIR).join(format!("plan/{file}.toml")),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    let units = std::fs::read_to_string(Path::new(MANIFEST_DIR).join("plan/units.toml")).unwrap();
    let repo = Repo::empty()
        .file("units.toml", units.replacen("\nkind = ", "\nknd = ", 1))
        .file(
            "plan.toml",
            crate::builder::PLAN.replace("issued = 2023-08-15", "issued = \"15/08/2023\""),
        );
    let out = validate("units", &repo.path().join("units.toml"));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success());
    assert!(
        said.contains("$.unit[0]: Additional properties are not allowed ('knd' was unexpected)"),
        "{said}"
    );
    let out = validate("plan", &repo.path().join("plan.toml"));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("$.plan.issued: '15/08/2023' is not a 'date'"),
        "{said}"
    );
}

#[test]
fn man_prints_the_page_of_ktplan_in_roff() {
    let out = Repo::empty().run(&["man"]).success();
    assert!(
        out.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &out.stdout[..80]
    );
    assert!(out.stdout.contains(".TH ktplan 1"), "{}", out.stdout);
    for command in ["check", "schema", "man", "completions"] {
        assert!(
            out.stdout.contains(&format!("ktplan\\-{command}(1)")),
            "{command}"
        );
    }
}

#[test]
fn man_o_dir_writes_a_page_per_command() {
    let repo = Repo::empty();
    repo.run(&["man", "-o", "man"]).success();
    let mut pages: Vec<String> = std::fs::read_dir(repo.path().join("man"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    pages.sort();
    assert!(pages.contains(&"ktplan.1".to_string()), "{pages:?}");
    assert!(pages.contains(&"ktplan-check.1".to_string()), "{pages:?}");
    assert!(pages.contains(&"ktplan-schema.1".to_string()), "{pages:?}");
    let check = std::fs::read_to_string(repo.path().join("man/ktplan-check.1")).unwrap();
    assert!(check.contains("\\-\\-changed"), "{check}");
    assert!(check.contains("sarif"), "{check}");
}
