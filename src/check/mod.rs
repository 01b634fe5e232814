//! Rules: every problem in the plan or a report becomes a [`crate::diag::Diagnostic`].

pub mod plan;
pub mod report;

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diag::{self, Diagnostic, Message};
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

/// Checks files in parallel, one file per task, and returns the outcomes in input order,
/// each with its checked report (for the commands that consolidate them). A second file
/// of one unit and year in one folder is not read (see [`second_reports`]).
/// `reports` is the repository's reports folder, where W104 finds last year's report of a
/// file that lies anywhere (a form received by e-mail, checked before it is imported).
pub fn check_files(
    plan: &Plan,
    root: &Path,
    reports: &Path,
    files: &[ReportFile],
    forced: Option<Forced>,
) -> Vec<Checked> {
    let (mut checked, far) = check_files_keeping(plan, root, reports, files, forced, |c| c);
    for (c, found) in checked.iter_mut().zip(far) {
        if let Some(report) = &mut c.report {
            report.warnings += found.len();
        }
        c.diagnostics.extend(found);
    }
    checked
}

/// [`check_files`], handing each file's outcome to `keep` on the thread that checked it,
/// so that a caller keeps only what it needs of each report while the others are read:
/// what `keep` returns, in input order, and each file's W104s (which compare a report
/// with the year before, and so come once every file is read).
pub fn check_files_keeping<T: Send>(
    plan: &Plan,
    root: &Path,
    reports: &Path,
    files: &[ReportFile],
    forced: Option<Forced>,
    keep: impl Fn(Checked) -> T + Sync,
) -> (Vec<T>, Vec<Vec<Diagnostic>>) {
    let second = second_reports(files);
    let mut pairs = in_parallel(files, |i, file| {
        let checked = match second.get(&i) {
            Some(&first) => not_read_beside(file, &files[first]),
            None => check_file_with(plan, root, file, forced, report::Keep::Rows),
        };
        let values = checked
            .report
            .as_ref()
            .and_then(|r| YearValues::of(plan, r));
        (keep(checked), values)
    });
    // Split in place rather than unzipped into two new lists: what is kept of thousands
    // of files is not held twice.
    let values: Vec<Option<YearValues>> = pairs.iter_mut().map(|(_, v)| v.take()).collect();
    let mut kept: Vec<T> = pairs.into_iter().map(|(kept, _)| kept).collect();
    // The list reuses the pairs' room, which held the values too: give that back.
    kept.shrink_to_fit();
    let far = far_from_last_year(plan, root, reports, files, &values, forced);
    (kept, far)
}

/// Checks files in parallel and returns every diagnostic, file by file in input order
/// (each file's own in the order [`check_file`] gives them, then its W104s). A file's
/// rows are dropped as soon as it is checked: only the diagnostics and the indicator
/// values W104 compares stay in memory, so thousands of reports take little more
/// memory than one.
pub fn check_reports(
    plan: &Plan,
    root: &Path,
    reports: &Path,
    files: &[ReportFile],
    forced: Option<Forced>,
) -> Vec<Diagnostic> {
    let second = second_reports(files);
    let (mut diagnostics, values): (Vec<Vec<Diagnostic>>, Vec<Option<YearValues>>) =
        in_parallel(files, |i, file| {
            let checked = match second.get(&i) {
                Some(&first) => not_read_beside(file, &files[first]),
                None => check_file_with(plan, root, file, forced, report::Keep::Facts),
            };
            let values = checked.report.and_then(|r| {
                let values = YearValues::of(plan, &r);
                report::give_back_rows(r.rows);
                values
            });
            (checked.diagnostics, values)
        })
        .into_iter()
        .unzip();
    let far = far_from_last_year(plan, root, reports, files, &values, forced);
    let conflicts = single_value_conflicts(plan, files, &values);
    for ((mine, found), conflict) in diagnostics.iter_mut().zip(far).zip(conflicts) {
        mine.extend(found);
        mine.extend(conflict);
        diag::sort(mine);
    }
    diagnostics.into_iter().flatten().collect()
}

/// The reports among `all` that the cross-file rules need to check `changed` as a whole
/// run would, without being in `changed`: another file of the same unit and year in the
/// same folder (only one of them is the report), and the same year's reports of every
/// unit that may give a value to an indicator that takes one unit's value (E012).
/// W104 reads the previous year's report from the disk by itself.
pub fn context_of(plan: &Plan, changed: &[ReportFile], all: &[ReportFile]) -> Vec<ReportFile> {
    use std::collections::HashSet;
    let shown: HashSet<&str> = changed.iter().map(|f| f.display.as_str()).collect();
    let siblings: HashSet<(Option<&Path>, Option<&std::ffi::OsStr>)> = changed
        .iter()
        .map(|f| (f.path.parent(), f.path.file_stem()))
        .collect();
    let years: HashSet<i32> = changed
        .iter()
        .filter_map(|f| f.owner.as_ref().map(|o| o.year))
        .collect();
    let single: Vec<usize> = plan
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, i)| i.aggregate == crate::model::Aggregate::Single)
        .map(|(index, _)| index)
        .collect();
    all.iter()
        .filter(|f| !shown.contains(f.display.as_str()))
        .filter(|f| {
            let sibling = siblings.contains(&(f.path.parent(), f.path.file_stem()));
            let gives_single = f.owner.as_ref().is_some_and(|o| {
                years.contains(&o.year) && {
                    let duties = plan.duties(&o.unit, o.year);
                    single.iter().any(|&i| duties.may_report(i))
                }
            });
            sibling || gives_single
        })
        .cloned()
        .collect()
}

/// E012 for each file's rows of a `single` indicator that more than one unit gave a
/// value for in the same year. Returns each file's E012s.
fn single_value_conflicts(
    plan: &Plan,
    files: &[ReportFile],
    values: &[Option<YearValues>],
) -> Vec<Vec<Diagnostic>> {
    let mut given = Vec::new();
    let mut file_of = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let Some(v) = v else { continue };
        // Only a `single` indicator's values can conflict: the others are not kept.
        let single = v.values.iter().filter(|g| {
            plan.indicators[g.indicator()].aggregate == crate::model::Aggregate::Single
        });
        for g in single {
            let (indicator, line) = (g.indicator(), g.line());
            given.push(GivenValue {
                year: v.year,
                indicator,
                unit: v.code(plan),
                file: &files[i].display,
                line,
            });
            file_of.push(i);
        }
    }
    let mut out: Vec<Vec<Diagnostic>> = vec![Vec::new(); files.len()];
    for (at, d) in conflicts(plan, &given) {
        out[file_of[at]].push(d);
    }
    out
}

/// A value a unit gave to an indicator in a year: what rule E012 looks at.
#[derive(Debug, Clone, Copy)]
pub struct GivenValue<'a> {
    /// The year reported on.
    pub year: i32,
    /// The indicator, by position in the plan.
    pub indicator: usize,
    /// The unit that gave it.
    pub unit: &'a str,
    /// The file, as shown.
    pub file: &'a str,
    /// The row's line.
    pub line: usize,
}

/// E012: a `single` indicator takes one unit's value, and several units gave one in the
/// same year. Returns, for each value in such a conflict, its position in `given` and
/// its diagnostic, which names every party in the order `given` has them.
pub fn conflicts(plan: &Plan, given: &[GivenValue]) -> Vec<(usize, Diagnostic)> {
    use std::collections::BTreeMap;
    // (year, indicator) -> the positions in `given` of its values.
    let mut by_indicator: BTreeMap<(i32, usize), Vec<usize>> = BTreeMap::new();
    for (at, g) in given.iter().enumerate() {
        if plan.indicators[g.indicator].aggregate == crate::model::Aggregate::Single {
            by_indicator
                .entry((g.year, g.indicator))
                .or_default()
                .push(at);
        }
    }
    let mut out = Vec::new();
    for ((year, indicator), values) in by_indicator {
        let mut units: Vec<&str> = values.iter().map(|&at| given[at].unit).collect();
        units.sort_unstable();
        units.dedup();
        if units.len() < 2 {
            continue;
        }
        let id = &plan.indicators[indicator].id;
        let parties: Vec<String> = values
            .iter()
            .map(|&at| format!("{} ({}:{})", given[at].unit, given[at].file, given[at].line))
            .collect();
        for &at in &values {
            let message = Message::SingleValueConflict {
                indicator: id.clone(),
                year,
                parties: parties.clone(),
            };
            let d = Diagnostic::new(given[at].file, message)
                .at(given[at].line, None)
                .about(id);
            out.push((at, d));
        }
    }
    out
}

/// Runs `work` on every file on as many threads as there are cores, and returns the
/// results in input order.
fn in_parallel<T: Send>(
    files: &[ReportFile],
    work: impl Fn(usize, &ReportFile) -> T + Sync,
) -> Vec<T> {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let workers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(files.len())
        .max(1);
    if workers == 1 {
        return files.iter().enumerate().map(|(i, f)| work(i, f)).collect();
    }
    let next = AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::with_capacity(files.len()));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(i) else { break };
                    let result = work(i, file);
                    // A poisoned lock means another worker panicked: the scope re-raises it.
                    if let Ok(mut results) = results.lock() {
                        results.push((i, result));
                    }
                }
            });
        }
    });
    let mut results = results
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, result)| result).collect()
}

/// What W104 and E012 need of a checked report: whose it is and its indicator values.
/// One is kept for every file of a run, so it is kept small.
#[derive(Debug, Clone, Default)]
struct YearValues {
    /// The unit's position in the plan (a report of a unit the plan lacks is not read).
    unit: u32,
    year: i32,
    /// The values given, in file order.
    values: Box<[GivenIn]>,
    /// The column of the values, for pointing at them.
    column: Option<usize>,
}

/// An indicator value as a report gives it: 16 bytes where a tuple of `usize` takes 24.
#[derive(Debug, Clone, Copy)]
struct GivenIn {
    value: f64,
    /// The indicator's position in the plan (which holds far fewer than 2^32).
    indicator: u32,
    /// The row's line (a report has far fewer than 2^32: it is at most 64 MiB).
    line: u32,
}

impl GivenIn {
    fn indicator(self) -> usize {
        self.indicator as usize
    }

    fn line(self) -> usize {
        self.line as usize
    }
}

impl YearValues {
    /// What W104 and E012 need of `report`; `None` for a unit the plan does not have.
    fn of(plan: &Plan, report: &Report) -> Option<YearValues> {
        let unit = u32::try_from(plan.assignments().unit_index(&report.unit)?).ok()?;
        let values = report
            .rows
            .iter()
            .filter_map(|r| match r.entry {
                crate::model::Entry::Indicator(Some(value)) if !r.untouched => Some(GivenIn {
                    value,
                    indicator: u32::try_from(plan.indicator_with_index(&r.id)?.0).ok()?,
                    line: u32::try_from(r.line).unwrap_or(u32::MAX),
                }),
                _ => None,
            })
            .collect();
        Some(YearValues {
            unit,
            year: report.year,
            values,
            column: report.value_column,
        })
    }

    /// The unit's code.
    fn code<'p>(&self, plan: &'p Plan) -> &'p str {
        plan.units
            .get(self.unit as usize)
            .map_or("", |u| u.code.as_str())
    }

    /// The value and line of an indicator; the last row wins, as a map built in file
    /// order would have it.
    fn get(&self, indicator: usize) -> Option<(f64, usize)> {
        self.values
            .iter()
            .rev()
            .find(|g| g.indicator() == indicator)
            .map(|g| (g.value, g.line()))
    }
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
    use std::collections::hash_map::Entry;
    // CSV files first, then by name: the first of a unit's files is its report.
    let rank = |i: usize| (!is_csv_path(&files[i].path), &files[i].path);
    let mut report: HashMap<UnitSlot<'_>, usize> = HashMap::with_capacity(files.len());
    let mut shared = false;
    for (i, file) in files.iter().enumerate() {
        let Some(key) = unit_slot(file) else { continue };
        match report.entry(key) {
            Entry::Occupied(mut first) => {
                shared = true;
                if rank(i) < rank(*first.get()) {
                    first.insert(i);
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
    let mut second = HashMap::new();
    if shared {
        for (i, file) in files.iter().enumerate() {
            let Some(&first) = unit_slot(file).and_then(|key| report.get(&key)) else {
                continue;
            };
            if first != i {
                second.insert(i, first);
            }
        }
    }
    second
}

/// Where a unit's report of a year lies, for a file that has an owner: its folder and
/// its name without the extension.
fn unit_slot(file: &ReportFile) -> Option<UnitSlot<'_>> {
    file.owner.as_ref()?;
    Some(UnitSlot {
        folder: file.path.parent(),
        stem: file.path.file_stem()?,
    })
}

/// A folder and a name without extension, compared as paths are (a component at a
/// time) but hashed by the folder's own name and the stem: hashing a whole path reads
/// every component of it, and a run hashes one for each of its files.
#[derive(PartialEq, Eq)]
struct UnitSlot<'a> {
    folder: Option<&'a Path>,
    stem: &'a std::ffi::OsStr,
}

impl std::hash::Hash for UnitSlot<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // Folders equal as paths have the same last component: equal slots hash alike.
        self.folder.and_then(Path::file_name).hash(state);
        self.stem.hash(state);
    }
}

/// E011 for a file of a unit and year that already has its report in `report`.
fn not_read_beside(file: &ReportFile, report: &ReportFile) -> Checked {
    let (unit, year) = file
        .owner
        .as_ref()
        .map(|o| (o.unit.clone(), o.year))
        .unwrap_or_default();
    let import = if is_csv_path(&report.path) {
        &file.display
    } else {
        &report.display
    };
    let message = Message::SecondReport {
        unit,
        year,
        report: report.display.clone(),
        import: import.clone(),
    };
    let d = Diagnostic::new(&file.display, message);
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
/// `<reports>/<YYYY-1>/<UNIT>.csv` (or its workbook), else from the same place beside the
/// file. Returns each file's W104s.
fn far_from_last_year(
    plan: &Plan,
    root: &Path,
    reports: &Path,
    files: &[ReportFile],
    values: &[Option<YearValues>],
    forced: Option<Forced>,
) -> Vec<Vec<Diagnostic>> {
    use std::collections::HashMap;
    use std::collections::hash_map::Entry;

    /// A year's report of a unit: one of the run's files, or one read from the disk (the
    /// file as shown, and its values).
    enum Known {
        Run(usize),
        Read(Box<(String, YearValues)>),
    }
    // (unit, year) -> its report; a later file of the same unit and year wins.
    let mut known: HashMap<(u32, i32), Known> = HashMap::with_capacity(files.len());
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            known.insert((v.unit, v.year), Known::Run(i));
        }
    }
    // Whether each folder looked in is there: the first year's reports have no year
    // before them, and its folder is missing once rather than for every unit.
    let mut folders: HashMap<PathBuf, bool> = HashMap::new();
    let mut report_in = |folder: &Path, unit: &str| {
        let there = match folders.get(folder) {
            Some(&there) => there,
            None => *folders
                .entry(folder.to_path_buf())
                .or_insert_with(|| folder.is_dir()),
        };
        there.then(|| report_in(folder, unit)).flatten()
    };
    let mut out = Vec::with_capacity(files.len());
    for (file, now) in files.iter().zip(values) {
        let mut found = Vec::new();
        let Some(now) = now.as_ref().filter(|v| !v.values.is_empty()) else {
            out.push(found);
            continue;
        };
        let key = (now.unit, now.year - 1);
        let unit = now.code(plan);
        // Last year's report in the reports folder, wherever this file lies (a form
        // received by e-mail is compared before it is taken in); else the one beside it,
        // in a folder laid out as reports/ is.
        if let Entry::Vacant(slot) = known.entry(key) {
            let last_year = (now.year - 1).to_string();
            let in_reports = reports.join(&last_year);
            let beside = report_in(&in_reports, unit).or_else(|| {
                let folder = file.path.parent().and_then(|d| d.parent())?;
                let beside = folder.join(&last_year);
                (beside != in_reports)
                    .then(|| report_in(&beside, unit))
                    .flatten()
            });
            if let Some(path) = beside {
                slot.insert(Known::Read(Box::new(previous_year(
                    plan, root, path, now, forced,
                ))));
            }
        }
        let last_year = match known.get(&key) {
            Some(Known::Run(i)) => values[*i].as_ref().map(|v| (files[*i].display.as_str(), v)),
            Some(Known::Read(read)) => Some((read.0.as_str(), &read.1)),
            None => None,
        };
        let Some((previous_file, previous)) = last_year else {
            out.push(found);
            continue;
        };
        for g in &now.values {
            let (indicator, value, line) = (g.indicator(), g.value, g.line());
            let Some((before, before_line)) = previous.get(indicator) else {
                continue;
            };
            let (small, large) = if value < before {
                (value, before)
            } else {
                (before, value)
            };
            if large >= 10.0 && large > 3.0 * small {
                let message = Message::FarFromLastYear {
                    id: plan.indicators[indicator].id.clone(),
                    value,
                    before,
                    previous: previous_file.to_string(),
                    line: before_line,
                };
                found.push(
                    Diagnostic::new(&file.display, message)
                        .at(line, now.column)
                        .about(&plan.indicators[indicator].id),
                );
            }
        }
        out.push(found);
    }
    out
}

/// The report of the year before `now` at `path`, read for W104 when the run did not
/// check it: the file as shown and its values (none when it cannot be read as a report).
fn previous_year(
    plan: &Plan,
    root: &Path,
    path: PathBuf,
    now: &YearValues,
    forced: Option<Forced>,
) -> (String, YearValues) {
    let before = ReportFile {
        display: String::new(),
        path,
        owner: Some(Owner {
            unit: now.code(plan).to_string(),
            year: now.year - 1,
        }),
    };
    // Only its indicator rows are checked: the values are all W104 reads of it. The
    // path was found as a file; reading it refuses anything else.
    match read_indicator_rows(plan, root, &before, forced) {
        Some(report) => {
            let shown = before
                .path
                .strip_prefix(root)
                .unwrap_or(&before.path)
                .to_string_lossy()
                .into_owned();
            (shown, YearValues::of(plan, &report).unwrap_or_default())
        }
        None => (String::new(), YearValues::default()),
    }
}

/// Checks one file: reads it (E011 when it cannot be read) and applies every rule.
pub fn check_file(plan: &Plan, root: &Path, file: &ReportFile, forced: Option<Forced>) -> Checked {
    check_file_with(plan, root, file, forced, report::Keep::Rows)
}

/// [`check_file`] with the plan's assignments worked out once for many files.
fn check_file_with(
    plan: &Plan,
    root: &Path,
    file: &ReportFile,
    forced: Option<Forced>,
    keep: report::Keep,
) -> Checked {
    let outcome = |report, diagnostics| Checked {
        file: file.display.clone(),
        path: file.path.clone(),
        owner: file.owner.clone(),
        report,
        diagnostics,
    };
    let Some(owner) = &file.owner else {
        let d = Diagnostic::new(&file.display, Message::OwnerUnknown);
        return outcome(None, vec![d]);
    };
    BUFFER.with_borrow_mut(|buffer| {
        let checked = match read_bounded_into(&file.path, root, buffer) {
            Ok(bytes) => {
                let read_as = report::ReadAs::from_path(&file.path, forced);
                let (report, diagnostics) =
                    report::check_with(plan, owner, bytes, read_as, &file.display, keep);
                outcome(report, diagnostics)
            }
            Err(message) => outcome(None, vec![Diagnostic::new(&file.display, message)]),
        };
        // A report's worth of room is kept for the next file; a huge file's is given back.
        if buffer.len() > KEPT_BUFFER {
            *buffer = Vec::new();
        }
        checked
    })
}

thread_local! {
    /// The bytes of the file this thread reads, in room kept from file to file.
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The most room [`BUFFER`] keeps between files.
const KEPT_BUFFER: usize = 1024 * 1024;

/// The indicator rows of the report in `file` ([`report::indicator_rows`]), when it can
/// be read as one.
fn read_indicator_rows(
    plan: &Plan,
    root: &Path,
    file: &ReportFile,
    forced: Option<Forced>,
) -> Option<Report> {
    let owner = file.owner.as_ref()?;
    let bytes = read_bounded(&file.path, root).ok()?;
    let read_as = report::ReadAs::from_path(&file.path, forced);
    report::indicator_rows(plan, owner, &bytes, read_as, &file.display)
}

/// Reads a report's bytes: refuses links out of the root, what is not a file (a folder,
/// a pipe, a device: reading a pipe would wait for ever) and files over 64 MiB. A file
/// costs the system what reading it must: open, its status, read, close.
pub fn read_bounded(path: &Path, root: &Path) -> Result<Vec<u8>, Message> {
    let mut buffer = Vec::new();
    let size = read_bounded_into(path, root, &mut buffer)?.len();
    buffer.truncate(size);
    Ok(buffer)
}

/// [`read_bounded`] into `buffer`, whose room is reused from file to file: gives the
/// file's bytes, at its start. The buffer's length is the room it was given (zeroed
/// once), not the file's.
fn read_bounded_into<'b>(
    path: &Path,
    root: &Path,
    buffer: &'b mut Vec<u8>,
) -> Result<&'b [u8], Message> {
    let cannot = |e: std::io::Error| Message::CannotRead {
        reason: e.to_string(),
    };
    let (mut file, meta) = open_bounded(path, root)?;
    regular(&meta)?;
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(Message::TooBig { bytes: size });
    }
    crate::output::note_read_as(&meta);
    // Room for one byte more than the size: a file that grew since is read to its end
    // (up to the limit), and one that did not takes one read and the read that finds
    // its end.
    let room = usize::try_from(size).unwrap_or(0) + 1;
    if buffer.len() < room {
        buffer.resize(room, 0);
    }
    let mut filled = 0;
    loop {
        if filled == buffer.len() {
            if filled as u64 > MAX_FILE_BYTES {
                return Err(Message::TooBig {
                    bytes: filled as u64,
                });
            }
            buffer.resize((2 * filled).min(MAX_FILE_BYTES as usize + 1), 0);
        }
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(cannot(e)),
        }
    }
    Ok(&buffer[..filled])
}

/// Opens a report with its status. A file that is no link is opened without following
/// one and without waiting for a writer, and its status is asked of the open file: the
/// path is looked up once, and what is read is what was looked at. A link, or a path
/// that cannot be opened so, is looked at before it is opened: a link must lead inside
/// the root, and what is not a file is not opened (a pipe would wait for a writer).
fn open_bounded(path: &Path, root: &Path) -> Result<(std::fs::File, std::fs::Metadata), Message> {
    let cannot = |e: std::io::Error| Message::CannotRead {
        reason: e.to_string(),
    };
    #[cfg(unix)]
    if let Some(opened) = open_not_following(path) {
        return Ok(opened);
    }
    let mut meta = std::fs::symlink_metadata(path).map_err(cannot)?;
    if meta.file_type().is_symlink() {
        let target = std::fs::canonicalize(path).map_err(cannot)?;
        let root = std::fs::canonicalize(root).map_err(cannot)?;
        if !target.starts_with(&root) {
            return Err(Message::LinkOutside {
                target: target.display().to_string(),
            });
        }
        meta = std::fs::metadata(&target).map_err(cannot)?;
    }
    regular(&meta)?;
    let file = std::fs::File::open(path).map_err(cannot)?;
    Ok((file, meta))
}

/// The file at `path` and its status, when it opens without following a link (which
/// fails on a link) and without blocking (so a pipe opens at once, to be refused).
#[cfg(unix)]
fn open_not_following(path: &Path) -> Option<(std::fs::File, std::fs::Metadata)> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
        .ok()?;
    let meta = file.metadata().ok()?;
    Some((file, meta))
}

/// E011 for a folder, a pipe or a device where a report should be.
fn regular(meta: &std::fs::Metadata) -> Result<(), Message> {
    if meta.is_dir() {
        return Err(Message::Folder);
    }
    if !meta.is_file() {
        return Err(Message::NotRegular);
    }
    Ok(())
}

/// What the tests of the rules share.
#[cfg(test)]
pub(crate) mod testing {
    use crate::model::Plan;

    /// The shipped plan, read and checked as the binary does.
    pub(crate) fn shipped_plan() -> Plan {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plan");
        let (raw, diagnostics) =
            crate::load::plan::read(&dir, |p| p.display().to_string()).expect("read the plan");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let (plan, diagnostics) = crate::check::plan::validate(&raw);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        plan.expect("the shipped plan is valid")
    }

    /// A repository in a temporary folder holding `files` (path, text), and its report
    /// files as the binary finds them.
    pub(crate) fn repository(
        files: &[(&str, &str)],
    ) -> (tempfile::TempDir, Vec<crate::check::ReportFile>) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = files
            .iter()
            .map(|(path, text)| {
                let full = dir.path().join(path);
                std::fs::create_dir_all(full.parent().expect("a folder")).expect("create it");
                std::fs::write(&full, text).expect("write the report");
                crate::check::ReportFile {
                    owner: crate::check::report::owner_from_path(&full, None, None),
                    path: full,
                    display: (*path).to_string(),
                }
            })
            .collect();
        (dir, files)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// STC's reports for two years (a value far from last year's: W104), one with an
    /// unknown status (E007), one unbalanced (E002), and a unit the plan does not know.
    const FILES: [(&str, &str); 5] = [
        (
            "reports/2023/STC.csv",
            "kind,id,title,status,value,result\n\
             indicator,STI_BUDGET_SHARE,,,\"1,5\",\n",
        ),
        (
            "reports/2024/STC.csv",
            "kind,id,title,status,value,result\n\
             task,3.1,,xong,,\n\
             indicator,STI_BUDGET_SHARE,,,\"12,5\",\n",
        ),
        ("reports/2024/SKHCN.csv", "kind,id\n\"1.1\n"),
        ("reports/2024/NOBODY.csv", "kind,id\n"),
        (
            "reports/2025/STC.csv",
            "sep=;\nLoại;Mã;Giá trị\nChỉ tiêu;STI_BUDGET_SHARE;13\n",
        ),
    ];

    fn repository() -> (tempfile::TempDir, Vec<ReportFile>) {
        testing::repository(&FILES)
    }

    /// Each file's diagnostics, in the order given for it.
    fn by_file(diagnostics: Vec<Diagnostic>) -> BTreeMap<String, Vec<Diagnostic>> {
        let mut out: BTreeMap<String, Vec<Diagnostic>> = BTreeMap::new();
        for d in diagnostics {
            out.entry(d.file.clone()).or_default().push(d);
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// The order files are given in changes nothing of what is found in each, and
        /// the output follows the order given; the reports the consolidating commands
        /// get carry the same diagnostics.
        #[test]
        fn the_order_of_files_changes_nothing(order in Just((0..FILES.len()).collect::<Vec<_>>()).prop_shuffle()) {
            let plan = testing::shipped_plan();
            let (dir, files) = repository();
            let reports = dir.path().join("reports");
            let expected = by_file(check_reports(&plan, dir.path(), &reports, &files, None));
            prop_assert!(expected.values().flatten().any(|d| d.code == crate::diag::Code::W104));
            let shuffled: Vec<ReportFile> = order.iter().map(|&i| files[i].clone()).collect();
            let found = check_reports(&plan, dir.path(), &reports, &shuffled, None);
            let shown: Vec<&str> = found.iter().map(|d| d.file.as_str()).collect();
            let mut in_order: Vec<&str> = order.iter().map(|&i| FILES[i].0).collect();
            in_order.retain(|f| shown.contains(f));
            shown.windows(2).for_each(|w| {
                let (a, b) = (in_order.iter().position(|f| *f == w[0]), in_order.iter().position(|f| *f == w[1]));
                assert!(a <= b, "{w:?} out of the order given");
            });
            prop_assert_eq!(by_file(found), expected.clone());
            let checked = check_files(&plan, dir.path(), &reports, &shuffled, None);
            let from_reports = by_file(checked.into_iter().flat_map(|c| c.diagnostics).collect());
            prop_assert_eq!(from_reports, expected);
        }
    }
}
