//! `ktplan site`: the plan's progress up to a year as a static website (SPEC section 9),
//! written whole into a temporary folder beside DIR and then put in DIR's place, so a
//! failed run leaves the old site as it was. DIR must be absent, empty, or a site this
//! command wrote (it holds [`site::MARKER`]); anything else is refused.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use crate::cli::{Global, SiteArgs};
use crate::lang::{Lang, Notice};
use crate::output;
use crate::render;
use crate::site::{self, Options};

/// Consolidates every plan year up to the year and writes the site; exit 0 even when
/// rows had errors (they are counted on the pages).
pub(crate) fn run(global: &Global, args: &SiteArgs) -> Result<ExitCode> {
    let dir = &args.output;
    // Refuse a folder that is not ours before any work is done.
    may_replace(dir)?;
    let date = super::date_option(global, args.date.as_deref())?;
    let (plan, years, lang) = super::consolidated_years(global, args.year)?;
    // The site is published: like what is committed, it follows `--lang`, else the
    // plan's language, never the reader's environment.
    let options = Options {
        lang: global.lang.unwrap_or(plan.meta.language),
        date,
    };
    let site = site::build(&plan, &years, &options);
    let files = render::site::files(&site)?;
    let count = files.iter().filter(|f| f.path.ends_with(".html")).count();
    publish(dir, &files)?;
    if !global.quiet {
        let data = files.len() - count;
        match lang {
            Lang::Vi => eprintln!(
                "đã ghi {count} trang và {data} tệp dữ liệu vào {}",
                dir.display()
            ),
            Lang::En => eprintln!(
                "wrote {count} pages and {data} data files to {}",
                dir.display()
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Refuses DIR unless it is absent, an empty folder, or a folder holding the marker.
fn may_replace(dir: &Path) -> Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| Notice::CannotRead { path: dir.into() }),
    };
    if !meta.is_dir() {
        bail!(Notice::SiteNotAFolder { dir: dir.into() });
    }
    if dir.join(site::MARKER).is_file() {
        return Ok(());
    }
    let mut entries =
        std::fs::read_dir(dir).with_context(|| Notice::CannotRead { path: dir.into() })?;
    if entries.next().is_some() {
        bail!(Notice::SiteFolderNotOurs { dir: dir.into() });
    }
    Ok(())
}

/// Writes every file into a new folder beside DIR, then puts it in DIR's place.
fn publish(dir: &Path, files: &[render::site::File]) -> Result<()> {
    let staged = output::Staged::new(dir)?;
    for file in files {
        staged.write(&file.path, &file.bytes)?;
    }
    staged.write(
        site::MARKER,
        b"This folder is a site written by `ktplan site`; the next run replaces it whole.\n",
    )?;
    staged.commit()?;
    Ok(())
}
