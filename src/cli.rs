//! The command line: commands and their options, nothing else.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::diag;
use crate::lang::Lang;

/// Runs Plan 2629/KH-UBND on plain files: checks the units' yearly reports,
/// consolidates them, and renders the annual report.
#[derive(Debug, Parser)]
#[command(name = "ktplan", version, about, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// The data repository (default: the nearest folder upwards holding plan/plan.toml).
    #[arg(long, global = true, env = "KTPLAN_ROOT", value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Where the reports are (default: <root>/reports).
    #[arg(long, global = true, value_name = "DIR")]
    pub reports: Option<PathBuf>,
    /// The language of what ktplan writes for people [env: KTPLAN_LANG] (default: the
    /// plan's `language`, else vi). Forms, imported reports, the annual
    /// report and the site follow the plan's language unless --lang is given.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// When to colour the output.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print only what was asked for: no summary or progress lines.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check the plan and reports; print every problem and a summary.
    Check(CheckArgs),
    /// Write a unit's report form for a year: one row per task and indicator it owes.
    Template(TemplateArgs),
    /// Check a report file (CSV or workbook) and, when it has no errors, take it into reports/<YYYY>/<UNIT>.csv.
    Import(ImportArgs),
    /// List the plan's tasks.
    Tasks(ListArgs),
    /// List the plan's units.
    Units(ListArgs),
    /// List the plan's indicators and targets.
    Indicators(ListArgs),
    /// Show who sent their report, and where each task and indicator stands.
    Status(StatusArgs),
    /// Print one year's consolidated data, every value with its source.
    Merge(MergeArgs),
    /// Write the consolidated annual report, in the plan's language (English with --lang en).
    Report(ReportArgs),
    /// Write the plan's progress as a static website: overview, indicators, tasks, units, open data.
    Site(SiteArgs),
    /// Start a new data repository: a commented plan to fill in, CI workflows, pre-commit.
    Init(InitArgs),
    /// Print the JSON Schema of a plan file, for editors (Even Better TOML, taplo).
    Schema(SchemaArgs),
    /// Print the manual page, or write every page into a folder.
    Man(ManArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
}

/// `ktplan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Report files to check: CSV, .xlsx, .xls or .ods (default: every report under reports/).
    pub paths: Vec<PathBuf>,
    /// The unit a file outside reports/ belongs to.
    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,
    /// The year a file outside reports/ reports on.
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Encoding of files without a byte-order mark (e.g. windows-1258).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Output form.
    #[arg(long, value_enum, default_value_t = diag::Format::Text)]
    pub format: diag::Format,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Check only the reports that differ between the merge base of REF and HEAD and the
    /// work tree, untracked ones included (a change under plan/ checks every report).
    #[arg(long, value_name = "REF")]
    pub changed: Option<String>,
    /// Write the diagnostics to this file instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `ktplan template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The unit whose form it is.
    #[arg(long, value_name = "CODE")]
    pub unit: String,
    /// The year reported on.
    #[arg(long, value_name = "YYYY")]
    pub year: i32,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV or an Excel workbook (default: xlsx when FILE ends in .xlsx, else csv); xlsx needs -o.
    #[arg(long, value_enum)]
    pub format: Option<FormFormat>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
}

/// What a form is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormFormat {
    /// CSV for people: UTF-8 with a byte-order mark, CRLF.
    Csv,
    /// An Excel workbook: locked titles, a drop-down of statuses, checked values.
    Xlsx,
}

/// `ktplan import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The report as received: CSV, or a workbook (.xlsx, .xls, .ods).
    pub file: PathBuf,
    /// The unit that sent it.
    #[arg(long, value_name = "CODE")]
    pub unit: String,
    /// The year it reports on.
    #[arg(long, value_name = "YYYY")]
    pub year: i32,
    /// Encoding of a file without a byte-order mark (e.g. windows-1258).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Replace an existing report (and nothing else: a refused file stays refused).
    #[arg(long)]
    pub force: bool,
    /// Take the file in despite these warnings, which otherwise refuse it: W107 (rows
    /// shifted or re-sorted), W109 (a form nobody filled). E.g. `--accept W107,W109`.
    #[arg(long, value_name = "CODES", value_delimiter = ',', value_enum)]
    pub accept: Vec<Acceptable>,
}

/// A warning that `import` refuses a file for unless it is accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Acceptable {
    /// Rows shifted or re-sorted: a row's title is another row's.
    #[value(name = "W107")]
    W107,
    /// A form nobody filled.
    #[value(name = "W109")]
    W109,
}

impl Acceptable {
    /// Every such warning, in order.
    pub const ALL: [Acceptable; 2] = [Acceptable::W107, Acceptable::W109];

    /// What the warning says of the file, in a few words.
    pub fn meaning(self) -> &'static str {
        match self {
            Acceptable::W107 => "rows shifted or re-sorted",
            Acceptable::W109 => "a form nobody filled",
        }
    }

    /// The diagnostic code.
    pub fn code(self) -> crate::diag::Code {
        match self {
            Acceptable::W107 => crate::diag::Code::W107,
            Acceptable::W109 => crate::diag::Code::W109,
        }
    }
}

/// `ktplan tasks`, `units`, `indicators`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show only what this unit leads, supports or reports in the year.
    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,
    /// Show who leads, supports and reports in this year, after the handovers and
    /// successions in force on its due date (default: the current year, brought inside
    /// the plan's period).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Output form.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Write to this file instead of standard output (`-` is standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output forms of the listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// An aligned table.
    Table,
    /// JSON.
    Json,
    /// CSV.
    Csv,
}

/// `ktplan status`.
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The year (default: the latest year with a reports folder).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Show only this unit's submission, and the tasks and indicators it has a part in.
    #[arg(long, value_name = "CODE")]
    pub unit: Option<String>,
    /// Output form.
    #[arg(long, value_enum, default_value_t = StatusFormat::Table)]
    pub format: StatusFormat,
    /// The table a CSV holds (default: units).
    #[arg(long, value_enum)]
    pub table: Option<StatusTable>,
    /// Write to this file instead of standard output (xlsx needs it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The tables of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusTable {
    /// Each unit's submission.
    Units,
    /// Each task's status.
    Tasks,
    /// Each indicator against its next target.
    Indicators,
}

/// Output forms of `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// Aligned tables.
    Table,
    /// JSON.
    Json,
    /// CSV: one table (`--table`, default units).
    Csv,
    /// Markdown tables.
    Md,
    /// An Excel workbook, one sheet per table (needs -o FILE).
    Xlsx,
}

/// `ktplan merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The year (default: the latest year with a reports folder).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Output form.
    #[arg(long, value_enum, default_value_t = MergeFormat::Csv)]
    pub format: MergeFormat,
    /// Write to this file instead of standard output (xlsx needs it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output forms of `merge`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MergeFormat {
    /// CSV for a spreadsheet: one row per report row.
    Csv,
    /// JSON: tasks and indicators with their reports.
    Json,
    /// An Excel workbook: the task rows and the indicator rows, a sheet each (needs -o FILE).
    Xlsx,
}

/// `ktplan report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The year (default: the latest year with a reports folder).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// Output form.
    #[arg(long, value_enum, default_value_t = ReportFormat::Md)]
    pub format: ReportFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The report's number, for "Số: N/BC-..." (left blank to fill in by hand).
    #[arg(long, value_name = "N")]
    pub number: Option<String>,
    /// The report's date, DD/MM/YYYY (or D/M/YYYY) or YYYY-MM-DD (left blank to fill in
    /// by hand; never today's date by itself).
    #[arg(long, value_name = "DD/MM/YYYY")]
    pub date: Option<String>,
}

/// Output forms of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for reading on a git host.
    Md,
    /// One self-contained HTML page that prints on A4.
    Html,
    /// JSON: the same content as data.
    Json,
    /// A Word document to edit and send for signing (needs -o FILE).
    Docx,
}

/// `ktplan site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The last year shown (default: the latest year with a reports folder).
    #[arg(long, value_name = "YYYY")]
    pub year: Option<i32>,
    /// The publication date shown on every page, DD/MM/YYYY (or D/M/YYYY) or YYYY-MM-DD
    /// (no date otherwise).
    #[arg(long, value_name = "DD/MM/YYYY")]
    pub date: Option<String>,
    /// The site's folder: absent, empty, or a site written before, which is replaced whole.
    #[arg(short, long, value_name = "DIR", default_value = "site")]
    pub output: PathBuf,
}

/// `ktplan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}

/// `ktplan init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make the repository in: new, or empty.
    pub dir: PathBuf,
    /// Where CI and pre-commit install ktplan from: a git URL and a tag, URL@TAG
    /// (default: a marked placeholder to replace).
    #[arg(long, value_name = "URL@VERSION")]
    pub source: Option<String>,
}

/// `ktplan schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The plan file whose schema to print (without it, -o DIR writes all four).
    #[arg(value_enum)]
    pub file: Option<crate::load::schema::PlanFile>,
    /// Write to this file (with a plan file) or into this folder (without one).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// `ktplan man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write ktplan.1 and a page per command into this folder instead of printing ktplan.1.
    #[arg(short, long, value_name = "DIR")]
    pub output: Option<PathBuf>,
}
