//! Rules: every problem in the plan or a report becomes a [`crate::diag::Diagnostic`].

pub mod plan;
pub mod report;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic};
use crate::load::report::MAX_FILE_BYTES;
use crate::load::text::Forced;
use crate::model::{Plan, Report};
use report::Owner;

/// A report file to check.
#[derive(Debug, Clone)]
pub struct ReportFile {
    /// Where it is.
    pub path: PathBuf,
    /// How it is shown: relative to the root when under it.
    pub display: String,
    /// Whose report it is, when the path or the options say.
    pub owner: Option<Owner>,
}

/// One file's outcome.
#[derive(Debug)]
pub struct Checked {
    /// The file as shown.
    pub file: String,
    /// Whose report it is, when known.
    pub owner: Option<Owner>,
    /// The checked report, when the file could be read as one.
    pub report: Option<Report>,
    /// Every problem in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks files in parallel, one file per task, and returns the outcomes in input order.
pub fn check_files(
    plan: &Plan,
    root: &Path,
    files: &[ReportFile],
    forced: Option<Forced>,
) -> Vec<Checked> {
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len())
        .max(1);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<Checked>> = (0..files.len()).map(|_| None).collect();
    let results = std::sync::Mutex::new(&mut slots);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let checked = check_file(plan, root, file, forced);
                    if let Ok(mut slots) = results.lock() {
                        slots[i] = Some(checked);
                    }
                }
            });
        }
    });
    slots.into_iter().flatten().collect()
}

/// Checks one file: reads it (E011 when it cannot be read) and applies every rule.
pub fn check_file(plan: &Plan, root: &Path, file: &ReportFile, forced: Option<Forced>) -> Checked {
    let outcome = |report, diagnostics| Checked {
        file: file.display.clone(),
        owner: file.owner.clone(),
        report,
        diagnostics,
    };
    let Some(owner) = &file.owner else {
        let d = Diagnostic::new(Code::E004, &file.display, "cannot tell whose report this is from its path")
            .help("a report lives at reports/<YYYY>/<UNIT>.csv; for a file elsewhere give --unit and --year");
        return outcome(None, vec![d]);
    };
    match read_bounded(&file.path, root) {
        Ok(bytes) => {
            let (report, diagnostics) = report::check(plan, owner, &bytes, forced, &file.display);
            outcome(report, diagnostics)
        }
        Err((message, help)) => {
            let mut d = Diagnostic::new(Code::E011, &file.display, message);
            if let Some(help) = help {
                d = d.help(help);
            }
            outcome(None, vec![d])
        }
    }
}

/// Reads a report's bytes: refuses links out of the root and files over 64 MiB.
pub fn read_bounded(path: &Path, root: &Path) -> Result<Vec<u8>, (String, Option<String>)> {
    let cannot = |e: std::io::Error| (format!("cannot read the file: {e}"), None);
    let meta = std::fs::symlink_metadata(path).map_err(cannot)?;
    if meta.file_type().is_symlink() {
        let target = std::fs::canonicalize(path).map_err(cannot)?;
        let root = std::fs::canonicalize(root).map_err(cannot)?;
        if !target.starts_with(&root) {
            return Err((
                format!(
                    "the file is a link to {}, outside the repository",
                    target.display()
                ),
                Some("commit the report itself, not a link to it".into()),
            ));
        }
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > MAX_FILE_BYTES {
        return Err((
            format!("the file is {size} bytes; a report may be at most 64 MiB"),
            Some(
                "a unit's report holds a few dozen rows: check that this is the right file".into(),
            ),
        ));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    Ok(bytes)
}
