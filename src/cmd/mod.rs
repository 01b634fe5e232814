//! One file per subcommand, each `run(args) -> Result<ExitCode>`.

pub mod check;
pub mod completions;
pub mod list;

use std::io::{IsTerminal, Write};

use anyhow::Result;

use crate::cli::{ColorChoice, Global};

/// Writes to standard output; a closed pipe surfaces as an error that ends the command quietly.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Whether standard output gets colour.
pub fn color(global: &Global) -> bool {
    match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
