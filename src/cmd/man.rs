//! `ktplan man [-o DIR]`: the manual pages, in roff.

use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};

/// Prints `ktplan(1)`, or writes it and a page per command (`ktplan-check.1`, ...) into
/// `-o DIR`.
pub(crate) fn run(args: &ManArgs) -> Result<ExitCode> {
    let pages = pages()?;
    match &args.output {
        None => super::print(&String::from_utf8_lossy(&pages[0].1))?,
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| crate::lang::Notice::CannotCreate { path: dir.into() })?;
            for (name, roff) in &pages {
                crate::output::Target::new(&dir.join(name)).write(roff)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every page, `ktplan.1` first, each with its file name.
pub(crate) fn pages() -> Result<Vec<(String, Vec<u8>)>> {
    fn render(cmd: clap::Command, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut roff = Vec::new();
        man.render(&mut roff)?;
        out.push((man.get_filename(), roff));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            render(sub.clone(), out)?;
        }
        Ok(())
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut out = Vec::new();
    render(cmd, &mut out)?;
    Ok(out)
}
