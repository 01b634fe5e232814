//! When each report was submitted: the author date of the first git commit that added
//! the file (following renames), read with one run of the `git` program for all files.
//!
//! The date is only known inside a git work tree with its full history. Without git,
//! outside a work tree, in a shallow clone (CI's default), or when git does not answer
//! within [`GIT_TIME_LIMIT`], every date is unknown, and the reason says why: a date is
//! never guessed. The commit's committer date comes with it, so that a date the author
//! set after the commit was made can be shown as doubtful.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// Why a submission date is not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Unknown {
    /// The `git` program could not be run.
    NoGit,
    /// The reports are not in a git work tree.
    NotARepository,
    /// The clone is shallow: the first commit of a file may be cut off.
    Shallow,
    /// The file has not been committed.
    NotCommitted,
    /// git did not answer within [`GIT_TIME_LIMIT`].
    GitTimedOut,
}

/// How long `git` may take to answer before the dates are given up as unknown: a git that
/// waits for ever (a hung network file system, a lock) must not hang `status`.
pub(crate) const GIT_TIME_LIMIT: Duration = Duration::from_secs(10);

impl Unknown {
    /// In English, for the command line.
    pub(crate) fn english(self) -> &'static str {
        match self {
            Unknown::NoGit => "git is not available",
            Unknown::NotARepository => "not in a git repository",
            Unknown::Shallow => "shallow clone",
            Unknown::NotCommitted => "not committed",
            Unknown::GitTimedOut => "git did not answer within 10 seconds",
        }
    }

    /// In Vietnamese, for the annual report.
    pub(crate) fn vietnamese(self) -> &'static str {
        match self {
            Unknown::NoGit => "không có git",
            Unknown::NotARepository => "không nằm trong kho git",
            Unknown::Shallow => "bản sao git không đủ lịch sử",
            Unknown::NotCommitted => "chưa được commit",
            Unknown::GitTimedOut => "git không trả lời trong 10 giây",
        }
    }
}

/// The commit that first added a file: when its author says it was written, and when it
/// was committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Added {
    /// The author date, in the author's time zone (`git commit --date` sets it).
    pub author: DateTime<FixedOffset>,
    /// The committer date: when the commit was made.
    pub committer: DateTime<FixedOffset>,
}

/// The first-added dates of every file in one git work tree, or why there are none.
#[derive(Debug, Clone)]
pub(crate) struct History {
    /// The work tree's top folder and, by path relative to it, when each file was first added.
    dates: Result<(PathBuf, BTreeMap<String, Added>), Unknown>,
}

impl History {
    /// Reads the history of the git work tree that holds `dir`: two runs of `git`, one to
    /// find the work tree and whether it is shallow, one to list every file's additions.
    pub(crate) fn read(dir: &Path) -> Self {
        History {
            dates: read_dates(dir),
        }
    }

    /// When the file at `path` was first added.
    pub(crate) fn first_added(&self, path: &Path) -> Result<Added, Unknown> {
        let (top, dates) = self.dates.as_ref().map_err(|reason| *reason)?;
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let relative = path.strip_prefix(top).map_err(|_| Unknown::NotCommitted)?;
        let key = relative.to_string_lossy().replace('\\', "/");
        dates.get(&key).copied().ok_or(Unknown::NotCommitted)
    }
}

fn git(dir: &Path) -> Command {
    let mut command = Command::new("git");
    command
        .current_dir(dir)
        // The output is parsed: no pager, no signatures, no localised or quoted text.
        .args([
            "-c",
            "log.showSignature=false",
            "-c",
            "core.quotePath=false",
        ])
        .env("GIT_PAGER", "cat")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// Why a run of git gave no output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoAnswer {
    /// The program could not be started.
    NotRun,
    /// It did not end within the time limit, and was killed.
    TimedOut,
}

impl From<NoAnswer> for Unknown {
    fn from(why: NoAnswer) -> Unknown {
        match why {
            NoAnswer::NotRun => Unknown::NoGit,
            NoAnswer::TimedOut => Unknown::GitTimedOut,
        }
    }
}

/// Runs `command` and collects its standard output, killing it after `limit`. The output
/// is read on a thread of its own, so a full pipe never stalls the program; the thread is
/// left behind when the program is killed (a grandchild may still hold the pipe).
fn output_within(mut command: Command, limit: Duration) -> Result<Output, NoAnswer> {
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|_| NoAnswer::NotRun)?;
    let mut stdout = child.stdout.take().ok_or(NoAnswer::NotRun)?;
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = std::io::Read::read_to_end(&mut stdout, &mut bytes);
        let _ = send.send(bytes);
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < limit => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(NoAnswer::TimedOut);
            }
        }
    };
    let left = limit
        .saturating_sub(start.elapsed())
        .max(Duration::from_millis(100));
    let stdout = receive.recv_timeout(left).map_err(|_| NoAnswer::TimedOut)?;
    Ok(Output {
        status,
        stdout,
        stderr: Vec::new(),
    })
}

fn read_dates(dir: &Path) -> Result<(PathBuf, BTreeMap<String, Added>), Unknown> {
    let mut probe = git(dir);
    probe.args([
        "rev-parse",
        "--is-inside-work-tree",
        "--is-shallow-repository",
        "--show-toplevel",
    ]);
    let probe = output_within(probe, GIT_TIME_LIMIT)?;
    if !probe.status.success() {
        return Err(Unknown::NotARepository);
    }
    let probe = String::from_utf8_lossy(&probe.stdout);
    let mut lines = probe.lines();
    if lines.next() != Some("true") {
        return Err(Unknown::NotARepository);
    }
    if lines.next() != Some("false") {
        return Err(Unknown::Shallow);
    }
    let top = lines.next().ok_or(Unknown::NotARepository)?;
    let top = std::fs::canonicalize(top).unwrap_or_else(|_| PathBuf::from(top));
    // Every addition and rename of the whole history, newest first: a report committed
    // elsewhere and moved into reports/ keeps the date it was first added.
    let mut log = git(&top);
    log.args([
        "log",
        "-M",
        "--diff-filter=AR",
        "--name-status",
        "-z",
        "--format=%x01%aI %cI",
    ]);
    let log = output_within(log, GIT_TIME_LIMIT)?;
    if !log.status.success() {
        // A repository without any commit yet.
        return Ok((top, BTreeMap::new()));
    }
    Ok((top, parse_log(&String::from_utf8_lossy(&log.stdout))))
}

/// Why the files changed since a ref cannot be listed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ChangedError {
    /// The `git` program could not be run.
    #[error("--changed needs the git program, which could not be run")]
    NoGit,
    /// The folder is not in a git work tree.
    #[error("--changed needs a git repository, and {0} is not in one")]
    NotARepository(String),
    /// The ref is unknown, or shares no history with HEAD here.
    #[error(
        "no merge base of {0} and HEAD: the ref is unknown, or this clone lacks its history \
         (clone with the full history: `fetch-depth: 0` on GitHub, `GIT_DEPTH: 0` on GitLab)"
    )]
    NoMergeBase(String),
    /// git failed while listing the changes.
    #[error("git could not list the changes since {0}: {1}")]
    Failed(String, String),
}

/// The files that differ between the merge base of `reference` and HEAD and the work
/// tree of the repository holding `dir`, untracked files included (ignored ones not),
/// as absolute paths. Deleted files are listed too: the caller keeps what it can read.
pub(crate) fn changed_since(dir: &Path, reference: &str) -> Result<Vec<PathBuf>, ChangedError> {
    let top = git(dir)
        .args(["rev-parse", "--show-toplevel"])
        .output()
        .map_err(|_| ChangedError::NoGit)?;
    if !top.status.success() {
        return Err(ChangedError::NotARepository(dir.display().to_string()));
    }
    let top = PathBuf::from(String::from_utf8_lossy(&top.stdout).trim_end_matches('\n'));
    let base = git(&top)
        .args(["merge-base", "--end-of-options", reference, "HEAD"])
        .output()
        .map_err(|_| ChangedError::NoGit)?;
    if !base.status.success() {
        return Err(ChangedError::NoMergeBase(reference.to_string()));
    }
    let base = String::from_utf8_lossy(&base.stdout).trim().to_string();
    let listed = |args: &[&str]| -> Result<Vec<PathBuf>, ChangedError> {
        let out = git(&top)
            .args(args)
            .stderr(Stdio::piped())
            .output()
            .map_err(|_| ChangedError::NoGit)?;
        if !out.status.success() {
            let why = String::from_utf8_lossy(&out.stderr).trim().to_string();
            return Err(ChangedError::Failed(reference.to_string(), why));
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .split('\0')
            .filter(|p| !p.is_empty())
            .map(|p| top.join(p))
            .collect())
    };
    let mut changed = listed(&["diff", "--name-only", "--no-renames", "-z", &base, "--"])?;
    changed.extend(listed(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "-z",
    ])?);
    changed.sort();
    changed.dedup();
    Ok(changed)
}

/// One change a commit made to a path.
#[derive(Debug, PartialEq)]
enum Change<'a> {
    Added(&'a str),
    Renamed(&'a str, &'a str),
}

/// Parses `git log -M --diff-filter=AR --name-status -z --format='%x01%aI %cI'` into the
/// commit that first added each path, renames followed.
fn parse_log(text: &str) -> BTreeMap<String, Added> {
    let mut commits: Vec<(Added, Vec<Change>)> = Vec::new();
    for chunk in text.split('\u{1}').filter(|c| !c.is_empty()) {
        let mut fields = chunk.split('\0').map(|f| f.trim_start_matches('\n'));
        let Some(date) = fields.next().and_then(|d| {
            let (author, committer) = d.trim().split_once(' ')?;
            Some(Added {
                author: DateTime::parse_from_rfc3339(author).ok()?,
                committer: DateTime::parse_from_rfc3339(committer).ok()?,
            })
        }) else {
            continue;
        };
        let mut changes = Vec::new();
        while let Some(status) = fields.next() {
            match status.chars().next() {
                Some('A') => {
                    if let Some(path) = fields.next() {
                        changes.push(Change::Added(path));
                    }
                }
                Some('R') => {
                    if let (Some(from), Some(to)) = (fields.next(), fields.next()) {
                        changes.push(Change::Renamed(from, to));
                    }
                }
                _ => {}
            }
        }
        commits.push((date, changes));
    }
    let mut first: BTreeMap<String, Added> = BTreeMap::new();
    // Oldest first, so that a rename finds the date its source was added.
    for (date, changes) in commits.into_iter().rev() {
        for change in changes {
            let (path, when) = match change {
                Change::Added(path) => (path, date),
                Change::Renamed(from, to) => (to, first.get(from).copied().unwrap_or(date)),
            };
            let entry = first.entry(path.to_string()).or_insert(when);
            if when.author < entry.author {
                *entry = when;
            }
        }
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn follows_a_rename_to_the_first_addition() {
        let log = "\u{1}2024-11-25T09:00:00+07:00 2024-11-25T09:00:00+07:00\0\nR100\0in/STC.csv\0reports/2024/STC.csv\0A\0reports/2024/Sở.csv\0\
                   \u{1}2024-11-10T09:00:00+07:00 2024-11-10T09:00:00+07:00\0\nA\0in/STC.csv\0A\0reports/2024/SKHCN.csv\0";
        let dates = parse_log(log);
        assert_eq!(
            dates["reports/2024/STC.csv"].author,
            at("2024-11-10T09:00:00+07:00")
        );
        assert_eq!(
            dates["reports/2024/Sở.csv"].author,
            at("2024-11-25T09:00:00+07:00")
        );
        assert_eq!(
            dates["reports/2024/SKHCN.csv"].author,
            at("2024-11-10T09:00:00+07:00")
        );
    }

    #[test]
    fn a_file_added_twice_keeps_its_first_date() {
        let log = "\u{1}2024-12-01T08:00:00+07:00 2024-12-01T08:00:00+07:00\0\nA\0reports/2024/STC.csv\0\
                   \u{1}2024-11-01T08:00:00+07:00 2024-11-01T08:00:00+07:00\0\nA\0reports/2024/STC.csv\0";
        assert_eq!(
            parse_log(log)["reports/2024/STC.csv"].author,
            at("2024-11-01T08:00:00+07:00")
        );
    }

    #[test]
    fn a_commit_keeps_its_committer_date_beside_the_author_date() {
        let log =
            "\u{1}2099-01-01T08:00:00+07:00 2024-11-15T08:00:00+07:00\0\nA\0reports/2024/STC.csv\0";
        let added = parse_log(log)["reports/2024/STC.csv"];
        assert_eq!(added.author, at("2099-01-01T08:00:00+07:00"));
        assert_eq!(added.committer, at("2024-11-15T08:00:00+07:00"));
    }

    #[cfg(unix)]
    #[test]
    fn a_program_that_never_ends_is_killed_at_the_limit() {
        let mut command = Command::new("sh");
        command.args(["-c", "sleep 30"]);
        assert_eq!(
            output_within(command, Duration::from_millis(300)).err(),
            Some(NoAnswer::TimedOut)
        );
        let mut command = Command::new("sh");
        command.args(["-c", "echo answered"]);
        let out = output_within(command, Duration::from_secs(10)).unwrap();
        assert_eq!(out.stdout, b"answered\n");
    }

    #[test]
    fn outside_a_work_tree_the_date_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let history = History::read(dir.path());
        let file = dir.path().join("x.csv");
        assert!(matches!(
            history.first_added(&file),
            Err(Unknown::NotARepository | Unknown::NoGit)
        ));
    }
}
