//! `ktplan` runs a government plan on plain files. Data flows one way:
//!
//! plan/*.toml   -> [`load::plan`]   -> [`check::plan`]   -> [`model::Plan`]
//! reports/*.csv -> [`load::report`] -> [`check::report`] -> rows + [`diag::Diagnostic`]s
//! reports/*.xlsx, .xls, .ods -> [`load::workbook`] -> the same [`load::report::Sheet`] and rules
//! plan + rows   -> [`consolidate`]  -> one year's data   -> [`render`]: table, csv, json, md, html

// Public: what the binary, the tests, the benchmarks and the fuzz targets use.
mod annual;
pub mod check;
pub mod cli;
mod cmd;
mod consolidate;
pub mod diag;
mod keyword;
pub mod lang;
mod layout;
pub mod load;
pub mod model;
mod numbers;
mod output;
mod render;
mod site;
mod workspace;

use std::process::ExitCode;

use cli::{Cli, Command};

/// Runs one command; the exit code says whether a check found errors.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let global = &cli.global;
    // What is said before the plan is read (a refused option, a file that cannot be
    // written) is in the language chosen, else Vietnamese; reading the plan refines it.
    if let Ok(choice) = lang::Choice::new(global.lang) {
        lang::speak(choice.reading(None));
    }
    match &cli.command {
        Command::Check(args) => cmd::check::run(global, args),
        Command::Template(args) => cmd::template::run(global, args),
        Command::Import(args) => cmd::import::run(global, args),
        Command::Tasks(args) => cmd::list::tasks(global, args),
        Command::Units(args) => cmd::list::units(global, args),
        Command::Indicators(args) => cmd::list::indicators(global, args),
        Command::Status(args) => cmd::status::run(global, args),
        Command::Merge(args) => cmd::merge::run(global, args),
        Command::Report(args) => cmd::report::run(global, args),
        Command::Site(args) => cmd::site::run(global, args),
        Command::Init(args) => cmd::init::run(global, args),
        Command::Schema(args) => cmd::schema::run(args),
        Command::Man(args) => cmd::man::run(args),
        Command::Completions(args) => cmd::completions::run(args),
    }
}

/// Under test builds only: with `KTPLAN_TEST_PEAK_MEMORY` set, prints the run's peak
/// resident memory as the kernel counts it (`VmHWM` of `/proc/self/status`) to standard
/// error, so that the tests can hold the reading of any file to a memory ceiling.
/// Release builds print nothing.
pub fn report_peak_memory() {
    if cfg!(debug_assertions)
        && std::env::var_os("KTPLAN_TEST_PEAK_MEMORY").is_some()
        && let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
    {
        eprintln!("peak memory: {}", line["VmHWM:".len()..].trim());
    }
}

/// True when the error is a closed standard output (`ktplan status | head`): the
/// reader has what it wanted, so the command ends quietly.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
