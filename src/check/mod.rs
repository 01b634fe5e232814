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
    /// Where it is.
    pub path: PathBuf,
    /// Whose report it is, when known.
    pub owner: Option<Owner>,
    /// The checked report, when the file could be read as one.
    pub report: Option<Report>,
    /// Every problem in the file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Checks files in parallel, one file per task, and returns the outcomes in input order.
/// A second file of one unit and year in one folder is not read (see [`second_reports`]).
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
    let second = second_reports(files);
    let mut slots: Vec<Option<Checked>> = (0..files.len()).map(|_| None).collect();
    let results = std::sync::Mutex::new(&mut slots);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let checked = match second.get(&i) {
                        Some(&first) => not_read_beside(file, &files[first]),
                        None => check_file(plan, root, file, forced),
                    };
                    if let Ok(mut slots) = results.lock() {
                        slots[i] = Some(checked);
                    }
                }
            });
        }
    });
    let mut checked: Vec<Checked> = slots.into_iter().flatten().collect();
    compare_with_previous_year(plan, root, &mut checked, forced);
    checked
}

/// A unit's report for a year is one file. Where one folder holds the same unit twice
/// under different extensions (`STC.csv` and `STC.xlsx`), the CSV file is the report (it
/// is what `import` writes and what the repository keeps as text to diff), else the
/// first by name; every other one is returned, by index, with the index of the report.
///
/// Those others get E011 and are not read, so that no row is counted twice and the
/// clerk has one clear thing to do: delete the file that is not the report. E011 fits
/// because a whole file is left unread while "the other files are still checked"; E003
/// and E009 are about what is inside one file.
pub fn second_reports(files: &[ReportFile]) -> std::collections::HashMap<usize, usize> {
    use std::collections::HashMap;
    let mut first: HashMap<(Option<&Path>, &std::ffi::OsStr), usize> = HashMap::new();
    let mut order: Vec<usize> = (0..files.len()).collect();
    // CSV files first, then by name: the first of a unit's files is its report.
    let is_csv = |f: &ReportFile| {
        f.path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    };
    order.sort_by_key(|&i| (!is_csv(&files[i]), &files[i].path));
    let mut second = HashMap::new();
    for i in order {
        let file = &files[i];
        let (Some(_), Some(stem)) = (&file.owner, file.path.file_stem()) else {
            continue;
        };
        match first.entry((file.path.parent(), stem)) {
            std::collections::hash_map::Entry::Occupied(report) => {
                second.insert(i, *report.get());
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    second
}

/// E011 for a file of a unit and year that already has its report in `report`.
fn not_read_beside(file: &ReportFile, report: &ReportFile) -> Checked {
    let (unit, year) = file
        .owner
        .as_ref()
        .map(|o| (o.unit.clone(), o.year))
        .unwrap_or_default();
    let d = Diagnostic::new(
        Code::E011,
        &file.display,
        format!(
            "{unit} already has a report for {year} in {}: this file is not read",
            report.display
        ),
    )
    .help(format!(
        "a unit sends one report a year: delete the file that is not the report (to make a \
         workbook the report, `ktplan import {} --unit {unit} --year {year} --force` writes \
         it as {unit}.csv; then delete the workbook)",
        if is_csv_path(&report.path) {
            &file.display
        } else {
            &report.display
        }
    ));
    Checked {
        file: file.display.clone(),
        path: file.path.clone(),
        owner: file.owner.clone(),
        report: None,
        diagnostics: vec![d],
    }
}

fn is_csv_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
}

/// The report of `unit` in a year's folder: `<UNIT>.csv`, else a workbook.
pub fn report_in(year_dir: &Path, unit: &str) -> Option<PathBuf> {
    std::iter::once("csv")
        .chain(crate::load::workbook::Format::EXTENSIONS)
        .map(|extension| year_dir.join(format!("{unit}.{extension}")))
        .find(|path| path.is_file())
}

/// W104: an indicator value far from the same unit's value the year before (more than
/// three times or less than a third, when the larger is at least 10). The previous
/// year's report is taken from the same run when it was checked, else read from
/// `reports/<YYYY-1>/<UNIT>.csv` (or its workbook) beside the file.
fn compare_with_previous_year(
    plan: &Plan,
    root: &Path,
    checked: &mut [Checked],
    forced: Option<Forced>,
) {
    use std::collections::HashMap;
    /// An indicator's value and line, by id.
    type Values = HashMap<String, (f64, usize)>;
    let values = |report: &Report| -> Values {
        report
            .rows
            .iter()
            .filter_map(|r| match r.entry {
                crate::model::Entry::Indicator(Some(v)) if !r.untouched => {
                    Some((r.id.clone(), (v, r.line)))
                }
                _ => None,
            })
            .collect()
    };
    let mut known: HashMap<(String, i32), (String, Values)> = checked
        .iter()
        .filter_map(|c| c.report.as_ref())
        .map(|r| ((r.unit.clone(), r.year), (r.file.clone(), values(r))))
        .collect();
    for c in checked.iter_mut() {
        let Some(report) = &mut c.report else {
            continue;
        };
        if values(report).is_empty() {
            continue;
        }
        let key = (report.unit.clone(), report.year - 1);
        if !known.contains_key(&key) {
            let Some(path) = c
                .path
                .parent()
                .and_then(|d| d.parent())
                .and_then(|reports| {
                    report_in(&reports.join((report.year - 1).to_string()), &report.unit)
                })
            else {
                known.insert(key.clone(), Default::default());
                continue;
            };
            let file = ReportFile {
                display: String::new(),
                path,
                owner: Some(Owner {
                    unit: report.unit.clone(),
                    year: report.year - 1,
                }),
            };
            let previous = file
                .path
                .is_file()
                .then(|| check_file(plan, root, &file, forced).report)
                .flatten();
            let shown = file
                .path
                .strip_prefix(root)
                .unwrap_or(&file.path)
                .to_string_lossy()
                .into_owned();
            let entry = previous.map(|r| (shown, values(&r))).unwrap_or_default();
            known.insert(key.clone(), entry);
        }
        let Some((previous_file, previous)) = known.get(&key) else {
            continue;
        };
        let mut found = Vec::new();
        for row in &report.rows {
            let crate::model::Entry::Indicator(Some(now)) = row.entry else {
                continue;
            };
            let Some(&(before, before_line)) = previous.get(&row.id).filter(|_| !row.untouched)
            else {
                continue;
            };
            let (small, large) = if now < before {
                (now, before)
            } else {
                (before, now)
            };
            if large >= 10.0 && large > 3.0 * small {
                let message = format!(
                    "the value {} of \"{}\" is far from last year's {}",
                    now, row.id, before
                );
                found.push(
                    Diagnostic::new(Code::W104, &c.file, message).at(row.line, report.value_column).help(format!(
                        "check the unit of measure and the decimal mark; last year's value is at \
                         {previous_file}:{before_line}"
                    )),
                );
            }
        }
        report.warnings += found.len();
        c.diagnostics.extend(found);
    }
}

/// Checks one file: reads it (E011 when it cannot be read) and applies every rule.
pub fn check_file(plan: &Plan, root: &Path, file: &ReportFile, forced: Option<Forced>) -> Checked {
    let outcome = |report, diagnostics| Checked {
        file: file.display.clone(),
        path: file.path.clone(),
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
            let read_as = report::ReadAs::from_path(&file.path, forced);
            let (report, diagnostics) = report::check(plan, owner, &bytes, read_as, &file.display);
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
