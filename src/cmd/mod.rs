//! One file per subcommand, each `run(args) -> Result<ExitCode>`.

pub mod check;
pub mod completions;
pub mod import;
pub mod list;
pub mod template;

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

/// Writes `text` to `path` atomically (a temporary file in the same folder, then a
/// rename), or to standard output when there is no path.
pub fn write_output(path: Option<&std::path::Path>, text: &str) -> Result<()> {
    match path {
        None => print(text),
        Some(path) => write_atomic(path, text.as_bytes()),
    }
}

/// Writes bytes to `path` through a temporary file and a rename, so a reader never
/// sees half a file and a failed write leaves the old file as it was.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    use anyhow::Context;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut file = tempfile::NamedTempFile::new_in(&dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
