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
pub(crate) fn run(global: &Global, args: &CheckArgs) -> Result<ExitCode> {
    let ws = super::workspace(global)?;
    let forced = forced_encoding(args.encoding.as_deref())?;
    let loaded = ws.load_plan()?;
    let mut diagnostics = loaded.diagnostics;
    let mut files = selected_files(&ws, args)?;
    let mut context = Vec::new();
    if let Some(reference) = &args.changed {
        let changed = crate::load::git::changed_since(&ws.root, reference)?;
        if !touches_plan(&ws, &changed) {
            let all = std::mem::take(&mut files);
            files = only_changed(&all, &changed);
            if let Some(plan) = &loaded.plan {
                context = check::context_of(plan, &files, &ws.report_files()?);
            }
        }
    }
    let lang = ws.lang.reading(loaded.language);
    match &loaded.plan {
        Some(plan) if context.is_empty() => {
            diagnostics.extend(check::check_reports(
                plan,
                &ws.root,
                &ws.reports,
                &files,
                forced,
            ));
        }
        Some(plan) => {
            let shown: std::collections::HashSet<&str> =
                files.iter().map(|f| f.display.as_str()).collect();
            let run: Vec<ReportFile> = files.iter().chain(&context).cloned().collect();
            let found = check::check_reports(plan, &ws.root, &ws.reports, &run, forced);
            diagnostics.extend(
                found
                    .into_iter()
                    .filter(|d| shown.contains(d.file.as_str())),
            );
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
    let to_file = args
        .output
        .as_deref()
        .filter(|p| *p != std::path::Path::new("-"));
    let color = to_file.is_none() && super::color(global);
    let text = render(&diagnostics, args.format, lang, color);
    crate::output::write(to_file, text.as_bytes())?;
    if !global.quiet {
        eprintln!("{}", diag::summary(files.len(), &diagnostics, lang));
    }
    Ok(exit_code(&diagnostics, args.strict))
}

/// True when a changed path lies under the plan's folder: every report is checked then.
fn touches_plan(ws: &Workspace, changed: &[std::path::PathBuf]) -> bool {
    let plan = std::fs::canonicalize(ws.root.join("plan")).unwrap_or_else(|_| ws.root.join("plan"));
    changed.iter().any(|p| p.starts_with(&plan))
}

/// The files among `files` that are among the `changed` paths (absolute, links resolved).
fn only_changed(files: &[ReportFile], changed: &[std::path::PathBuf]) -> Vec<ReportFile> {
    let changed: std::collections::HashSet<&std::path::Path> =
        changed.iter().map(std::path::PathBuf::as_path).collect();
    files
        .iter()
        .filter(|f| {
            // The folder's links resolved as git resolves the work tree's; a report that
            // is itself a link is known by its own name.
            let folder = f.path.parent().and_then(|d| std::fs::canonicalize(d).ok());
            match (folder, f.path.file_name()) {
                (Some(folder), Some(name)) => changed.contains(folder.join(name).as_path()),
                _ => false,
            }
        })
        .cloned()
        .collect()
}

/// `--encoding`, parsed.
pub(crate) fn forced_encoding(name: Option<&str>) -> Result<Option<Forced>> {
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

/// Diagnostics in the chosen form.
pub(crate) fn render(
    diagnostics: &[Diagnostic],
    format: Format,
    lang: Lang,
    color: bool,
) -> String {
    match format {
        Format::Text => diag::render_text(diagnostics, lang, color),
        Format::Json => diag::render_json(diagnostics, lang),
        Format::Github => diag::render_github(diagnostics, lang),
        Format::Gitlab => crate::render::code_quality::render(diagnostics, lang),
        Format::Sarif => crate::render::sarif::render(diagnostics, lang),
    }
}

/// 1 when there are errors (or, with `strict`, warnings), else 0.
pub(crate) fn exit_code(diagnostics: &[Diagnostic], strict: bool) -> ExitCode {
    let failed = diagnostics.iter().any(|d| d.is_error() || strict);
    ExitCode::from(u8::from(failed))
}
