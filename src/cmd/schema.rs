//! `ktplan schema [FILE]`: the JSON Schema of a plan file, for editors.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::SchemaArgs;
use crate::load::schema::PlanFile;

/// Prints one file's schema (or writes it to `-o FILE`); without a file, writes all
/// four as `<DIR>/<file>.json` into `-o DIR`.
pub(crate) fn run(args: &SchemaArgs) -> Result<ExitCode> {
    match (args.file, &args.output) {
        (Some(file), output) => {
            crate::output::write(output.as_deref(), file.schema().as_bytes())?;
        }
        (None, Some(dir)) => write_all(dir)?,
        (None, None) => bail!(crate::lang::Notice::SchemaWhat),
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes every plan file's schema into `dir` as `<file>.json`.
pub(crate) fn write_all(dir: &std::path::Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| crate::lang::Notice::CannotCreate { path: dir.into() })?;
    for file in PlanFile::ALL {
        let path = dir.join(format!("{}.json", file.name()));
        crate::output::Target::new(&path).write(file.schema().as_bytes())?;
    }
    Ok(())
}
