//! `ktplan init DIR`: a new data repository for another plan (SPEC section 6): a plan to
//! fill in whose every key is explained in comments and which checks clean, the schemas
//! its files name, `reports/README.md`, `.gitattributes`, `.gitignore`, a CI workflow for
//! GitHub and one for GitLab, and a pre-commit configuration.
//!
//! The files are those under `examples/new-repository/` and `examples/ci/`, built into
//! the binary: what the repository shows is exactly what `init` writes.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::{Global, InitArgs};
use crate::lang::Notice;

/// The git URL the CI files install ktplan from until `--source` names the real one.
pub(crate) const PLACEHOLDER_URL: &str = "https://REPLACE-ME.invalid/ktplan.git";
/// The tag they install, likewise.
pub(crate) const PLACEHOLDER_TAG: &str = "v0.0.0-REPLACE-ME";

/// Every file `init` writes, by its path in the new repository. The CI files hold the
/// placeholders, replaced by `--source`.
const FILES: [(&str, &str); 10] = [
    (
        "plan/plan.toml",
        include_str!("../../examples/new-repository/plan/plan.toml"),
    ),
    (
        "plan/units.toml",
        include_str!("../../examples/new-repository/plan/units.toml"),
    ),
    (
        "plan/tasks.toml",
        include_str!("../../examples/new-repository/plan/tasks.toml"),
    ),
    (
        "plan/indicators.toml",
        include_str!("../../examples/new-repository/plan/indicators.toml"),
    ),
    (
        "reports/README.md",
        include_str!("../../examples/new-repository/reports/README.md"),
    ),
    (
        ".gitattributes",
        include_str!("../../examples/new-repository/gitattributes"),
    ),
    (
        ".gitignore",
        include_str!("../../examples/new-repository/gitignore"),
    ),
    (
        ".github/workflows/ktplan.yml",
        include_str!("../../examples/ci/github-workflow.yml"),
    ),
    (
        ".gitlab-ci.yml",
        include_str!("../../examples/ci/gitlab-ci.yml"),
    ),
    (
        ".pre-commit-config.yaml",
        include_str!("../../examples/ci/pre-commit-config.yaml"),
    ),
];

/// Where CI installs ktplan from: `--source URL@VERSION`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    /// The git repository's URL.
    pub url: String,
    /// The tag to install.
    pub tag: String,
}

impl std::str::FromStr for Source {
    type Err = String;

    /// `URL@VERSION`, split at the last `@` (an SSH URL holds one too). Both parts go
    /// into YAML files unquoted, so they are held to the characters of URLs and tags.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let Some((url, tag)) = text.rsplit_once('@') else {
            return Err(Notice::SourceShape { text: text.into() }.to_string());
        };
        let url_ok = url
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:/@+%=".contains(c));
        let tag_ok = tag
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._+/".contains(c));
        if url.is_empty() || tag.is_empty() || !url_ok || !tag_ok || tag.starts_with('-') {
            return Err(Notice::SourceShape { text: text.into() }.to_string());
        }
        Ok(Source {
            url: url.to_string(),
            tag: tag.to_string(),
        })
    }
}

/// Writes the new repository into `args.dir`, which must be new or empty.
pub(crate) fn run(global: &Global, args: &InitArgs) -> Result<ExitCode> {
    let source = args
        .source
        .as_deref()
        .map(str::parse::<Source>)
        .transpose()
        .map_err(anyhow::Error::msg)?;
    let dir = &args.dir;
    refuse_unless_empty(dir)?;
    for (path, text) in files(source.as_ref()) {
        write_new(&dir.join(path), text.as_bytes())?;
    }
    super::schema::write_all(&dir.join("schema"))?;
    if !global.quiet {
        eprintln!("{}", next_steps(dir, source.is_some()));
    }
    Ok(ExitCode::SUCCESS)
}

/// Every file of a new repository but the schemas, by path, with the CI files installing
/// ktplan from `source` (the placeholders without one).
pub(crate) fn files(source: Option<&Source>) -> Vec<(&'static str, String)> {
    FILES
        .iter()
        .map(|(path, text)| {
            let text = match source {
                Some(source) => text
                    .replace(PLACEHOLDER_URL, &source.url)
                    .replace(PLACEHOLDER_TAG, &source.tag),
                None => (*text).to_string(),
            };
            (*path, text)
        })
        .collect()
}

fn refuse_unless_empty(dir: &Path) -> Result<()> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| Notice::CannotRead { path: dir.into() }),
        Ok(meta) if !meta.is_dir() => {
            bail!(Notice::InitNotAFolder { dir: dir.into() })
        }
        Ok(_) => {
            let mut entries =
                std::fs::read_dir(dir).with_context(|| Notice::CannotRead { path: dir.into() })?;
            if entries.next().is_some() {
                bail!(Notice::InitNotEmpty { dir: dir.into() });
            }
            Ok(())
        }
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).with_context(|| Notice::CannotCreate {
            path: parent.into(),
        })?;
    }
    crate::output::Target::new(path).no_clobber().write(bytes)?;
    Ok(())
}

fn next_steps(dir: &Path, sourced: bool) -> String {
    Notice::InitDone {
        dir: dir.into(),
        placeholder: (!sourced).then_some((PLACEHOLDER_URL, PLACEHOLDER_TAG)),
    }
    .to_string()
}
