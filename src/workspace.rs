//! The data repository: where its root is, its plan, and where its reports live.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::check;
use crate::check::ReportFile;
use crate::check::report::owner_from_path;
use crate::diag::Diagnostic;
use crate::lang::{Choice, Lang, Notice};
use crate::load;
use crate::model::Plan;

/// A data repository whose plan has been read.
#[derive(Debug)]
pub(crate) struct Workspace {
    /// The folder holding `plan/plan.toml`.
    pub root: PathBuf,
    /// Where reports are read from (`<root>/reports` unless `--reports` says otherwise).
    pub reports: PathBuf,
    /// The languages asked for on the command line and in the environment.
    pub lang: Choice,
}

/// The outcome of reading the plan: the plan when it passed every check, and the
/// problems found.
#[derive(Debug)]
pub(crate) struct LoadedPlan {
    /// The validated plan, when there were no errors.
    pub plan: Option<Plan>,
    /// Every plan problem (E010).
    pub diagnostics: Vec<Diagnostic>,
    /// The plan's `language`, when it names one, even in a plan with errors.
    pub language: Option<Lang>,
}

impl Workspace {
    /// Finds the root: `root` when given (relative to the current directory), else the
    /// nearest folder upwards holding `plan/plan.toml`. Reports are read from `reports`
    /// when given, else `<root>/reports`; `lang` is the language asked for, if any.
    pub(crate) fn discover(
        root: Option<&Path>,
        reports: Option<&Path>,
        lang: Option<Lang>,
    ) -> Result<Self> {
        let lang = Choice::new(lang)?;
        // Until the plan is read, the run speaks the language chosen, else Vietnamese.
        crate::lang::speak(lang.reading(None));
        let cwd = std::env::current_dir().context(Notice::CannotReadCurrentFolder)?;
        let root = match root {
            Some(dir) => {
                let dir = clean(&cwd.join(dir));
                if !dir.join("plan").join("plan.toml").is_file() {
                    return Err(Notice::NoPlanAt { dir }.into());
                }
                dir
            }
            None => find_root(&cwd).with_context(|| Notice::NoPlanAbove { dir: cwd.clone() })?,
        };
        let root = clean(&root);
        let reports = match reports {
            Some(dir) => clean(&cwd.join(dir)),
            None => root.join("reports"),
        };
        Ok(Workspace {
            root,
            reports,
            lang,
        })
    }

    /// Reads and checks the plan. An `Err` means it could not be read at all.
    pub(crate) fn load_plan(&self) -> Result<LoadedPlan> {
        let (raw, mut diagnostics) =
            load::plan::read(&self.root.join("plan"), |p| self.display(p))?;
        let language = raw
            .meta
            .first()
            .and_then(|m| m.raw.language.as_ref())
            .and_then(|l| Lang::from_code(l.get_ref()));
        crate::lang::speak(self.lang.reading(language));
        let (plan, more) = check::plan::validate(&raw);
        diagnostics.extend(more);
        crate::diag::sort(&mut diagnostics);
        Ok(LoadedPlan {
            plan: plan.filter(|_| diagnostics.is_empty()),
            diagnostics,
            language,
        })
    }

    /// The language of what a person reads, with this plan.
    pub(crate) fn reading(&self, plan: &Plan) -> Lang {
        self.lang.reading(Some(plan.meta.language))
    }

    /// The language of what goes into the repository (a form, an imported report).
    pub(crate) fn committing(&self, plan: &Plan) -> Lang {
        self.lang.committing(Some(plan.meta.language))
    }

    /// The plan, for commands that need a valid one: plan errors stop the command.
    pub(crate) fn plan(&self) -> Result<Plan> {
        let loaded = self.load_plan()?;
        match loaded.plan {
            Some(plan) => Ok(plan),
            None => {
                let lang = self.lang.reading(loaded.language);
                eprint!(
                    "{}",
                    crate::diag::render_text(&loaded.diagnostics, lang, false)
                );
                let n = loaded.diagnostics.len();
                match lang {
                    Lang::Vi => bail!("kế hoạch có {n} lỗi; hãy chạy `ktplan check` và sửa trước"),
                    Lang::En => bail!(
                        "the plan has {}; run `ktplan check` and fix {} first",
                        crate::diag::plural(n, "error", "errors"),
                        if n == 1 { "it" } else { "them" }
                    ),
                }
            }
        }
    }

    /// Every report file (`.csv`, `.xlsx`, `.xls`, `.ods`) under the reports folder, in
    /// path order, with its owner taken from the path (`<YYYY>/<UNIT>.csv`; a file placed
    /// elsewhere has none).
    pub(crate) fn report_files(&self) -> Result<Vec<ReportFile>> {
        let mut found: Vec<PathBuf> = Vec::new();
        if !self.reports.exists() {
            return Ok(Vec::new());
        }
        // Each folder's entries by name, folders entered where they fall among them: the
        // files come in path order without sorting the paths themselves, which compares
        // them a component at a time.
        let mut pending = vec![sorted_entries(&self.reports)?.into_iter()];
        while let Some(entries) = pending.last_mut() {
            let Some((path, is_dir)) = entries.next() else {
                pending.pop();
                continue;
            };
            // Links are not followed into folders (a link to a parent would never end);
            // a folder named like a report is taken as one, so that check says it
            // cannot be read rather than pass over it in silence.
            if is_dir && !is_report_file(&path) {
                pending.push(sorted_entries(&path)?.into_iter());
            } else if is_report_file(&path) {
                found.push(path);
            }
        }
        Ok(found
            .into_iter()
            .map(|path| {
                let in_year_folder =
                    path.parent().and_then(Path::parent) == Some(self.reports.as_path());
                let owner = if in_year_folder {
                    owner_from_path(&path, None, None)
                } else {
                    None
                };
                ReportFile {
                    display: self.display(&path),
                    path,
                    owner,
                }
            })
            .collect())
    }

    /// The latest year of the plan's period that has a `<reports>/<YYYY>/` folder (an
    /// empty `reports/2031/` made by mistake is no year of the plan).
    pub(crate) fn latest_year(&self, plan: &Plan) -> Option<i32> {
        std::fs::read_dir(&self.reports)
            .ok()?
            .filter_map(std::result::Result::ok)
            .filter(|e| e.path().is_dir())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                (name.len() == 4)
                    .then(|| name.parse::<i32>().ok())
                    .flatten()
            })
            .filter(|&year| plan.covers(year))
            .max()
    }

    /// `--year` or its default: the latest year of the plan with a reports folder, else
    /// the current year brought inside the plan's period.
    pub(crate) fn year_or_default(&self, plan: &Plan, year: Option<i32>) -> i32 {
        year.or_else(|| self.latest_year(plan))
            .unwrap_or_else(|| plan.clamp_year(crate::model::current_year()))
    }

    /// A path as shown to users: relative to the root when it lies under it.
    pub(crate) fn display(&self, path: &Path) -> String {
        let path = clean(path);
        let shown = path.strip_prefix(&self.root).unwrap_or(&path);
        shown.to_string_lossy().replace('\\', "/")
    }
}

/// A folder's entries by name, each with whether it is a folder (a link is not one).
fn sorted_entries(dir: &Path) -> Result<Vec<(PathBuf, bool)>> {
    let entries = std::fs::read_dir(dir).with_context(|| Notice::CannotRead {
        path: dir.to_path_buf(),
    })?;
    let mut named = Vec::new();
    for entry in entries {
        let entry = entry?;
        let is_dir = entry.file_type()?.is_dir();
        named.push((entry.file_name(), entry.path(), is_dir));
    }
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Ok(named
        .into_iter()
        .map(|(_, path, is_dir)| (path, is_dir))
        .collect())
}

/// The nearest folder at or above `start` that holds `plan/plan.toml`.
pub(crate) fn find_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| dir.join("plan").join("plan.toml").is_file())
        .map(Path::to_path_buf)
}

/// Removes `.` components and folds `..` where it can, without touching the file system.
pub(crate) fn clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// True for a file that is read as a report: a CSV file or a workbook. The lock file
/// Excel leaves beside a workbook it has open (`~$STC.xlsx`) is not one, nor the
/// temporary file of a write under way.
fn is_report_file(path: &Path) -> bool {
    let lock = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$"));
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    !lock
        && !crate::output::is_temporary(path)
        && (csv || load::workbook::Format::from_path(path).is_some())
}
