//! `ktplan site`: the plan's progress up to a year as a static website (SPEC section 9),
//! written whole into a temporary folder beside DIR and then put in DIR's place, so a
//! failed run leaves the old site as it was. DIR must be absent, empty, or a site this
//! command wrote (it holds [`site::MARKER`]); anything else is refused.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::{Global, SiteArgs};
use crate::render;
use crate::site::{self, Options};

/// Consolidates every plan year up to the year and writes the site; exit 0 even when
/// rows had errors (they are counted on the pages).
pub fn run(global: &Global, args: &SiteArgs) -> Result<ExitCode> {
    let dir = &args.output;
    // Refuse a folder that is not ours before any work is done.
    let existing = existing_site(dir)?;
    let (plan, years) = super::consolidated_years(global, args.year)?;
    let site = site::build(&plan, &years, &Options { date: args.date });
    let files = render::site::files(&site)?;
    let count = files.iter().filter(|f| f.path.ends_with(".html")).count();
    publish(dir, existing, &files)?;
    if !global.quiet {
        eprintln!(
            "wrote {} pages and {} data files to {}",
            count,
            files.len() - count,
            dir.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// What is at DIR now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Existing {
    /// Nothing.
    Absent,
    /// An empty folder, or a site written before: to be replaced.
    Replaceable,
}

/// Whether DIR may be written: absent, an empty folder, or a folder holding the marker.
fn existing_site(dir: &Path) -> Result<Existing> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Absent),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    if !meta.is_dir() {
        bail!(
            "{} is not a folder; `ktplan site -o DIR` writes a new folder, or replaces one it wrote before",
            dir.display()
        );
    }
    if dir.join(site::MARKER).is_file() {
        return Ok(Existing::Replaceable);
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    if entries.next().is_some() {
        bail!(
            "{} is not empty and holds no site written by ktplan (no {} in it); choose an empty or new folder",
            dir.display(),
            site::MARKER
        );
    }
    Ok(Existing::Replaceable)
}

/// Writes every file into a new folder beside DIR, then puts it in DIR's place.
fn publish(dir: &Path, existing: Existing, files: &[render::site::File]) -> Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .with_context(|| format!("{} does not name a folder", dir.display()))?;
    std::fs::create_dir_all(&parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{name}.ktplan-tmp-"))
        .tempdir_in(&parent)
        .with_context(|| format!("cannot write in {}", parent.display()))?;
    for file in files {
        let path = staging.path().join(&file.path);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        std::fs::write(&path, &file.bytes)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    std::fs::write(
        staging.path().join(site::MARKER),
        "This folder is a site written by `ktplan site`; the next run replaces it whole.\n",
    )
    .context("cannot write the site's marker")?;
    // A site is read by a web server and by people: the usual folder mode, not 0700.
    set_readable(staging.path())?;
    match existing {
        Existing::Absent => {
            let staged = staging.keep();
            std::fs::rename(&staged, dir).map_err(|e| {
                let _ = std::fs::remove_dir_all(&staged);
                anyhow::Error::new(e).context(format!("cannot create {}", dir.display()))
            })?;
        }
        Existing::Replaceable => {
            // Move the old site aside, the new one in, then remove the old one; if the
            // new one cannot go in, the old one goes back.
            let old = tempfile::Builder::new()
                .prefix(&format!(".{name}.ktplan-old-"))
                .tempdir_in(&parent)
                .with_context(|| format!("cannot write in {}", parent.display()))?;
            let aside = old.path().join("site");
            std::fs::rename(dir, &aside)
                .with_context(|| format!("cannot replace {}", dir.display()))?;
            let staged = staging.keep();
            if let Err(e) = std::fs::rename(&staged, dir) {
                let _ = std::fs::rename(&aside, dir);
                let _ = std::fs::remove_dir_all(&staged);
                return Err(e).with_context(|| format!("cannot replace {}", dir.display()));
            }
            drop(old);
        }
    }
    Ok(())
}

#[cfg(unix)]
fn set_readable(dir: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    // The temporary folder is made private (0700); its subfolders already have the
    // usual mode.
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot set the mode of {}", dir.display()))
}

#[cfg(not(unix))]
fn set_readable(_dir: &Path) -> Result<()> {
    Ok(())
}
