//! `ktplan check`: checks the plan and the reports, prints every problem and a summary.

use std::process::ExitCode;

use anyhow::{Result, anyhow};

use crate::check::report::owner_from_path;
use crate::check::{self, ReportFile};
use crate::cli::{CheckArgs, Global};
use crate::diag::{self, Diagnostic, Format};
use crate::lang::Lang;
use crate::load::text::Forced;
use crate::workspace::Workspace;

/// Runs the checks; exit 1 when they found errors (or warnings, with `--strict`).
pub fn run(global: &Global, args: &CheckArgs) -> Result<ExitCode> {
    let ws = Workspace::discover(global)?;
    let forced = forced_encoding(args.encoding.as_deref())?;
    let loaded = ws.load_plan()?;
    let mut diagnostics = loaded.diagnostics;
    let files = selected_files(&ws, args)?;
    let lang = ws.lang.reading(loaded.language);
    match &loaded.plan {
        Some(plan) => {
            diagnostics.extend(check::check_reports(plan, &ws.root, &files, forced));
        }
        None if !files.is_empty() && !global.quiet => {
            eprintln!(
                "{}",
                lang.pick(
                    "kế hoạch có lỗi: các báo cáo sẽ được kiểm tra khi kế hoạch đã sửa xong",
                    "the plan has errors: the reports are checked once it is fixed"
                )
            );
        }
        None => {}
    }
    emit(&diagnostics, args.format, lang, super::color(global))?;
    if !global.quiet {
        eprintln!("{}", diag::summary(files.len(), &diagnostics, lang));
    }
    Ok(exit_code(&diagnostics, args.strict))
}

/// `--encoding`, parsed.
pub fn forced_encoding(name: Option<&str>) -> Result<Option<Forced>> {
    name.map(|n| n.parse::<Forced>().map_err(|e| anyhow!(e)))
        .transpose()
}

/// The files named on the command line (folders walked), or every report.
fn selected_files(ws: &Workspace, args: &CheckArgs) -> Result<Vec<ReportFile>> {
    if args.paths.is_empty() {
        let mut files = ws.report_files()?;
        if args.unit.is_some() || args.year.is_some() {
            files.retain(|f| {
                f.owner.as_ref().is_none_or(|o| {
                    args.unit.as_ref().is_none_or(|u| *u == o.unit)
                        && args.year.is_none_or(|y| y == o.year)
                })
            });
        }
        return Ok(files);
    }
    let cwd = std::env::current_dir()?;
    let mut files = Vec::new();
    for path in &args.paths {
        let path = crate::workspace::clean(&cwd.join(path));
        if path.is_dir() {
            let sub = Workspace {
                root: ws.root.clone(),
                reports: path.clone(),
                lang: ws.lang,
            };
            files.extend(sub.report_files()?.into_iter().map(|mut f| {
                f.owner = owner_from_path(&f.path, args.unit.as_deref(), args.year);
                f
            }));
        } else {
            files.push(ReportFile {
                display: ws.display(&path),
                owner: owner_from_path(&path, args.unit.as_deref(), args.year),
                path,
            });
        }
    }
    Ok(files)
}

/// Prints diagnostics in the chosen form on standard output.
pub fn emit(diagnostics: &[Diagnostic], format: Format, lang: Lang, color: bool) -> Result<()> {
    let text = match format {
        Format::Text => diag::render_text(diagnostics, lang, color),
        Format::Json => diag::render_json(diagnostics, lang),
        Format::Github => diag::render_github(diagnostics, lang),
        Format::Gitlab => crate::render::code_quality::render(diagnostics, lang),
        Format::Sarif => crate::render::sarif::render(diagnostics, lang),
    };
    super::print(&text)
}

/// 1 when there are errors (or, with `strict`, warnings), else 0.
pub fn exit_code(diagnostics: &[Diagnostic], strict: bool) -> ExitCode {
    let failed = diagnostics.iter().any(|d| d.is_error() || strict);
    ExitCode::from(u8::from(failed))
}
