//! One file per subcommand, each `run(args) -> Result<ExitCode>`.

pub(crate) mod check;
pub(crate) mod completions;
pub(crate) mod import;
pub(crate) mod init;
pub(crate) mod list;
pub(crate) mod man;
pub(crate) mod merge;
pub(crate) mod report;
pub(crate) mod schema;
pub(crate) mod site;
pub(crate) mod status;
pub(crate) mod template;

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::check::ReportFile;
use crate::cli::{ColorChoice, Global};
use crate::consolidate::{
    self, Consolidation, Detail, Digest, Digester, KeepTexts, Spill, SpillReader, SubmissionDates,
};
use crate::lang::Lang;
use crate::load::git::History;
use crate::model::Plan;
use crate::workspace::Workspace;

/// Writes to standard output; a closed pipe surfaces as an error that ends the command quietly.
pub(crate) fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// The data repository that the global options, `KTPLAN_ROOT` or the current directory
/// name.
pub(crate) fn workspace(global: &Global) -> Result<Workspace> {
    Workspace::discover(
        global.root.as_deref(),
        global.reports.as_deref(),
        global.lang,
    )
}

/// Whether standard output gets colour.
pub(crate) fn color(global: &Global) -> bool {
    match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

/// The day `--date` names, refused before any work is done when it names none (the
/// refusal in the reader's language, which the plan decides when neither `--lang` nor
/// `KTPLAN_LANG` does).
pub(crate) fn date_option(
    global: &Global,
    text: Option<&str>,
) -> Result<Option<chrono::NaiveDate>> {
    let Some(text) = text else {
        return Ok(None);
    };
    if let Ok(day) = crate::lang::parse_date(Lang::En, text) {
        return Ok(Some(day));
    }
    let ws = workspace(global)?;
    let lang = ws.reading(&ws.plan()?);
    crate::lang::parse_date(lang, text).map(Some)
}

/// One year consolidated, every row with its texts: the plan, and the year's data from
/// the checked reports of every plan year up to it and the git history. Prints to
/// standard error how many rows were left out for errors, unless `quiet`.
/// Also returns the language of what a person reads.
pub(crate) fn consolidated(
    global: &Global,
    year: Option<i32>,
) -> Result<(Plan, Consolidation, Lang)> {
    let want = Want {
        all_years: false,
        texts: KeepTexts::InMemory,
        detail: Detail::Rows,
    };
    let mut done = consolidate_years(global, year, &want)?;
    let data = done
        .years
        .pop()
        .expect("the year asked for is consolidated");
    Ok((done.plan, data, done.lang))
}

/// Every plan year up to `year` consolidated, for `site`: the files are read and checked
/// once, and each year's data comes from the reports up to it. Prints what was left out
/// of the last year, as [`consolidated`] does.
pub(crate) fn consolidated_years(
    global: &Global,
    year: Option<i32>,
) -> Result<(Plan, Vec<Consolidation>, Lang)> {
    let want = Want {
        all_years: true,
        texts: KeepTexts::InMemory,
        detail: Detail::Rows,
    };
    let done = consolidate_years(global, year, &want)?;
    Ok((done.plan, done.years, done.lang))
}

/// What a command needs of the consolidation: which years, and how much of each row.
/// Reports are checked many at a time and each is reduced to what is wanted as soon as
/// it is checked, so memory holds the texts of the year only when they are wanted.
#[derive(Debug, Clone)]
pub(crate) struct Want {
    /// Every plan year up to the one asked for, or that year only.
    pub all_years: bool,
    /// Where the texts of the years consolidated go.
    pub texts: KeepTexts,
    /// The rows each consolidated year lists.
    pub detail: Detail,
}

/// The consolidated years, and what was kept of the files they were consolidated from.
#[derive(Debug)]
pub(crate) struct Consolidated {
    /// The plan.
    pub plan: Plan,
    /// The years consolidated, oldest first: the one asked for is the last.
    pub years: Vec<Consolidation>,
    /// What was kept of every file read.
    pub digests: Vec<Digest>,
    /// The texts spilled to a temporary file, with [`KeepTexts::Spilled`].
    pub spill: Option<SpillReader>,
    /// The language of what a person reads.
    pub lang: Lang,
}

/// Consolidates `year` (the default year when `None`) and, with `want.all_years`, every
/// plan year before it too, oldest first.
pub(crate) fn consolidate_years(
    global: &Global,
    year: Option<i32>,
    want: &Want,
) -> Result<Consolidated> {
    let ws = workspace(global)?;
    let plan = ws.plan()?;
    let lang = ws.reading(&plan);
    let year = ws.year_or_default(&plan, year);
    ensure_plan_covers(&plan, year, lang)?;
    let first = if want.all_years {
        plan.meta.start_year
    } else {
        year
    };
    let files: Vec<_> = ws
        .report_files()?
        .into_iter()
        .filter(|f| {
            f.owner
                .as_ref()
                .is_some_and(|o| (plan.meta.start_year..=year).contains(&o.year))
        })
        .collect();
    let (mut digests, spill) = digest_report_files(&ws, &plan, &files, first, want.texts)?;
    let dates = submission_dates(&ws, &files, first);
    // The list of files (a path and a name each, thousands of them) is not needed past
    // here: give its room to the consolidation.
    drop(files);
    let years: Vec<Consolidation> = (first..=year)
        .map(|y| consolidate::consolidate_digests(&plan, y, &mut digests, &dates, &want.detail))
        .collect();
    let data = years.last().expect("at least the year asked for");
    if !global.quiet {
        warn_of_what_was_left_out(data, year, lang);
    }
    Ok(Consolidated {
        plan,
        years,
        digests,
        spill,
        lang,
    })
}

/// Refuses a `year` outside the plan's period.
fn ensure_plan_covers(plan: &Plan, year: i32, lang: Lang) -> Result<()> {
    if plan.covers(year) {
        return Ok(());
    }
    let (start, end) = (plan.meta.start_year, plan.meta.end_year);
    match lang {
        Lang::Vi => anyhow::bail!("năm {year} nằm ngoài thời kỳ của kế hoạch ({start}-{end})"),
        Lang::En => {
            anyhow::bail!("the year {year} lies outside the plan's period {start}-{end}")
        }
    }
}

/// Checks every report file and keeps of each what the years from `first` on need, with
/// the texts kept as `texts` says (spilled to a temporary file, or not).
fn digest_report_files(
    ws: &Workspace,
    plan: &Plan,
    files: &[ReportFile],
    first: i32,
    texts: KeepTexts,
) -> Result<(Vec<Digest>, Option<SpillReader>)> {
    let spill = match texts {
        KeepTexts::Spilled => Some(Spill::new()?),
        KeepTexts::Dropped | KeepTexts::InMemory => None,
    };
    let digester = Digester::new(plan, first, texts, spill.as_ref());
    let (mut digests, far) =
        crate::check::check_files_keeping(plan, &ws.root, &ws.reports, files, None, |c| {
            digester.digest(c)
        });
    for (digest, found) in digests.iter_mut().zip(far) {
        digest.diagnostics.extend(found);
    }
    let spill = spill.map(Spill::finish).transpose()?;
    Ok((digests, spill))
}

/// When each report file of the years from `first` on was first committed, read from the
/// reports' git history only when there is such a file.
fn submission_dates(ws: &Workspace, files: &[ReportFile], first: i32) -> SubmissionDates {
    let dated: Vec<_> = files
        .iter()
        .filter(|f| f.owner.as_ref().is_some_and(|o| o.year >= first))
        .collect();
    let mut dates = SubmissionDates::new();
    if !dated.is_empty() {
        let history = History::read(&ws.reports);
        for file in dated {
            dates.insert(file.display.clone(), history.first_added(&file.path));
        }
    }
    dates
}

/// Tells on standard error how many rows and files with errors `year` left out, and
/// prints its diagnostics.
fn warn_of_what_was_left_out(data: &Consolidation, year: i32, lang: Lang) {
    let left_out = data.rows_with_errors + data.files_with_errors;
    if left_out > 0 || !data.diagnostics.is_empty() {
        let (rows, files) = (data.rows_with_errors, data.files_with_errors);
        match lang {
            Lang::Vi => eprintln!(
                "lưu ý: {rows} dòng và {files} tệp có lỗi không được tổng hợp vào năm {year}; \
                 `ktplan check` cho biết chi tiết"
            ),
            Lang::En => eprintln!(
                "note: {} and {} with errors left out of {year}; `ktplan check` shows them",
                crate::diag::plural(rows, "row", "rows"),
                crate::diag::plural(files, "file", "files"),
            ),
        }
    }
    eprint!(
        "{}",
        crate::diag::render_text(&data.diagnostics, lang, false)
    );
}
