//! Every file ktplan writes goes through here (SPEC section 6, "Writing files").
//!
//! ```ignore
//! output::write(args.output.as_deref(), text.as_bytes())?;      // `-o FILE`, `-o -` or stdout
//! output::Target::new(&path).no_clobber().write(&bytes)?;        // never over an existing file
//! let mut sink = output::Target::new(&path).create()?;           // streamed, then committed
//! sink.write_all(b"...")?;
//! sink.commit()?;
//! ```
//!
//! A regular file is written atomically: a temporary file `.<name>.ktplan-tmp-<random>` in
//! the same folder, then a rename, so a reader never sees half a file and a failed write
//! (a full disk) leaves the old file as it was. The temporary file is removed on every
//! exit: on an error or a panic by its guard, on Ctrl-C, SIGTERM and SIGHUP by a signal
//! handler that removes every temporary file still pending. A new file gets 0666 less the
//! umask; a replaced file keeps its mode (and, where the run may, its owner).
//!
//! What is not a regular file is never replaced: `/dev/stdout` and `/dev/fd/1` are
//! standard output, any other `/dev/fd/N`, character device or FIFO is written through, a
//! folder or a block device is refused. A link given after `-o` is followed to the file it
//! names. No file that this run read (see [`note_read`]; compared by device and inode) is
//! ever written: that is refused before anything is.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::lang::Notice;

/// What the name of every temporary file holds: `.<name>.ktplan-tmp-<random>`. Readers
/// skip such files; a data repository's `.gitignore` ignores `.*.ktplan-tmp-*`.
pub(crate) const TEMPORARY_MARK: &str = ".ktplan-tmp-";

/// Why a file was not written; said in the run's language ([`Notice`]).
#[derive(Debug)]
pub(crate) enum Error {
    /// A no-clobber write found a file at the target (perhaps one another process
    /// created a moment before).
    Exists(PathBuf),
    /// The target is a file this run reads: writing it would destroy the input.
    ReadByRun(PathBuf),
    /// The target is a folder.
    Folder(PathBuf),
    /// The target is something that must not be replaced nor written through: a block
    /// device, a socket; or, for a file of the repository, anything but a regular file.
    NotRegular(PathBuf),
    /// The system refused: a folder that cannot be written, a full disk, a closed pipe.
    Io {
        /// The file being written (`-` for standard output).
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let notice = match self {
            Error::Exists(path) => Notice::Exists { path: path.clone() },
            Error::ReadByRun(path) => Notice::ReadByRun { path: path.clone() },
            Error::Folder(path) => Notice::IsFolder { path: path.clone() },
            Error::NotRegular(path) => Notice::NotRegular { path: path.clone() },
            Error::Io { path, .. } => Notice::CannotWrite { path: path.clone() },
        };
        write!(f, "{notice}")
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl Error {
    fn io(path: &Path) -> impl FnOnce(io::Error) -> Error + '_ {
        move |source| Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Writes `bytes` to `-o FILE` (`-` and no path mean standard output), replacing an
/// existing file atomically.
pub(crate) fn write(output: Option<&Path>, bytes: &[u8]) -> Result<(), Error> {
    match output {
        Some(path) => Target::new(path).write(bytes),
        None => Sink::stdout().finish(bytes),
    }
}

/// A file to write, and how.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    path: PathBuf,
    replace: bool,
    repository: bool,
    rewriting: Option<PathBuf>,
}

impl Target {
    /// `path` as typed after `-o`: `-` is standard output, a link is followed, an
    /// existing file is replaced.
    pub(crate) fn new(path: &Path) -> Self {
        Target {
            path: path.to_path_buf(),
            replace: true,
            repository: false,
            rewriting: None,
        }
    }

    /// Never replace a file: [`Error::Exists`] when one is there, even one created by
    /// another process while this one was writing.
    pub(crate) fn no_clobber(mut self) -> Self {
        self.replace = false;
        self
    }

    /// Replace an existing file or not.
    pub(crate) fn replace(mut self, replace: bool) -> Self {
        self.replace = replace;
        self
    }

    /// A file of the repository (`import`'s `reports/Y/U.csv`): a link there is not
    /// followed, and anything but a regular file is [`Error::NotRegular`].
    pub(crate) fn in_repository(mut self) -> Self {
        self.repository = true;
        self
    }

    /// This write replaces `source`, which the run read whole first (`import --force`
    /// of the repository's own report): the one file read by the run that may be written.
    pub(crate) fn rewriting(mut self, source: &Path) -> Self {
        self.rewriting = Some(source.to_path_buf());
        self
    }

    /// Writes `bytes` and commits them.
    pub(crate) fn write(self, bytes: &[u8]) -> Result<(), Error> {
        self.create()?.finish(bytes)
    }

    /// Opens the target for writing: nothing is visible at the target until
    /// [`Sink::commit`]. Every refusal happens here, before anything is written.
    pub(crate) fn create(self) -> Result<Sink, Error> {
        if is_stdout(&self.path) {
            return Ok(Sink::stdout());
        }
        let path = if self.repository {
            self.path.clone()
        } else {
            follow_links(&self.path)?
        };
        let existing = match std::fs::symlink_metadata(&path) {
            Ok(meta) => Some(meta),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(Error::io(&path)(e)),
        };
        if let Some(meta) = &existing {
            let kind = meta.file_type();
            if kind.is_dir() {
                return Err(Error::Folder(path));
            }
            if !kind.is_file() {
                if self.repository || !written_through(meta) {
                    return Err(Error::NotRegular(path));
                }
                let file = OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .map_err(Error::io(&path))?;
                return Ok(Sink {
                    inner: Inner::Through(file, path),
                });
            }
            if !self.replace {
                return Err(Error::Exists(path));
            }
            if was_read(meta)
                && !self
                    .rewriting
                    .as_deref()
                    .is_some_and(|source| same_file(source, meta))
            {
                return Err(Error::ReadByRun(path));
            }
        }
        Pending::create(path, self.replace, existing.as_ref()).map(|pending| Sink {
            inner: Inner::Atomic(pending),
        })
    }
}

/// Where a write goes until it is committed. Dropped without [`Sink::commit`], it
/// leaves the target as it was.
#[derive(Debug)]
pub(crate) struct Sink {
    inner: Inner,
}

#[derive(Debug)]
enum Inner {
    Stdout(io::Stdout),
    Through(File, PathBuf),
    Atomic(Pending),
}

impl Sink {
    fn stdout() -> Self {
        Sink {
            inner: Inner::Stdout(io::stdout()),
        }
    }

    fn path(&self) -> &Path {
        match &self.inner {
            Inner::Stdout(_) => Path::new("-"),
            Inner::Through(_, path) => path,
            Inner::Atomic(pending) => &pending.target,
        }
    }

    fn finish(mut self, bytes: &[u8]) -> Result<(), Error> {
        self.write_all(bytes).map_err(Error::io(self.path()))?;
        self.commit()
    }

    /// Writes what `write` gives, through a buffer, and commits it: for an output too
    /// large to be made whole in memory first. An error names the target, as
    /// [`Target::write`]'s does.
    pub(crate) fn write_with(
        mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), Error> {
        let path = self.path().to_path_buf();
        {
            let mut out = io::BufWriter::with_capacity(1 << 16, &mut self);
            write(&mut out).map_err(Error::io(&path))?;
            out.flush().map_err(Error::io(&path))?;
        }
        self.commit()
    }

    /// Makes what was written the target's content: renames the temporary file over
    /// it (or, for `no_clobber`, to it only where nothing is there yet).
    pub(crate) fn commit(self) -> Result<(), Error> {
        match self.inner {
            Inner::Stdout(out) => out.lock().flush().map_err(Error::io(Path::new("-"))),
            Inner::Through(mut file, path) => file.flush().map_err(Error::io(&path)),
            Inner::Atomic(pending) => pending.commit(),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::Stdout(out) => out.write(buf),
            Inner::Through(file, _) => file.write(buf),
            Inner::Atomic(pending) => pending.file.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.inner {
            Inner::Stdout(out) => out.lock().write_all(buf),
            Inner::Through(file, _) => file.write_all(buf),
            Inner::Atomic(pending) => pending.file.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Stdout(out) => out.flush(),
            Inner::Through(file, _) => file.flush(),
            Inner::Atomic(pending) => pending.file.flush(),
        }
    }
}

/// A temporary file beside its target, removed unless committed.
#[derive(Debug)]
struct Pending {
    /// Dropped first: its guard removes the temporary file.
    file: io::BufWriter<tempfile::NamedTempFile>,
    /// Dropped next: the signal handler forgets the file.
    registered: signals::Registered,
    target: PathBuf,
    replace: bool,
}

impl Pending {
    fn create(
        target: PathBuf,
        replace: bool,
        existing: Option<&std::fs::Metadata>,
    ) -> Result<Self, Error> {
        let folder = match target.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| Error::Folder(target.clone()))?;
        std::fs::create_dir_all(&folder).map_err(Error::io(&folder))?;
        signals::watch();
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}{TEMPORARY_MARK}"))
            .rand_bytes(8)
            .make_in(&folder, |path| {
                // Known to the signal handler before it exists, so that no moment
                // passes in which a signal would leave it behind.
                signals::register(path);
                let created = OpenOptions::new().write(true).create_new(true).open(path);
                if created.is_err() {
                    signals::unregister(path);
                }
                created
            })
            .map_err(Error::io(&target))?;
        let registered = signals::Registered(file.path().to_path_buf());
        if let Some(meta) = existing {
            keep_mode_and_owner(file.as_file(), meta).map_err(Error::io(&target))?;
        }
        Ok(Pending {
            file: io::BufWriter::new(file),
            registered,
            target,
            replace,
        })
    }

    fn commit(self) -> Result<(), Error> {
        let Pending {
            file,
            registered,
            target,
            replace,
        } = self;
        let file = file
            .into_inner()
            .map_err(|e| Error::io(&target)(e.into_error()))?;
        file.as_file().sync_all().map_err(Error::io(&target))?;
        test_pause();
        let persisted = if replace {
            file.persist(&target)
        } else {
            file.persist_noclobber(&target)
        };
        drop(registered);
        match persisted {
            Ok(_) => {}
            Err(e) if !replace && e.error.kind() == io::ErrorKind::AlreadyExists => {
                return Err(Error::Exists(target));
            }
            Err(e) => return Err(Error::io(&target)(e.error)),
        }
        // The rename is durable once the folder is synced; a failure here loses nothing.
        if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty())
            && let Ok(dir) = File::open(folder)
        {
            let _ = dir.sync_all();
        }
        Ok(())
    }
}

/// Under test builds only: `KTPLAN_TEST_HOLD_WRITE_MS` holds a written temporary file
/// that long before its rename, so that the tests can send a signal to a write under
/// way and race two writers. Release builds have no such pause.
fn test_pause() {
    if cfg!(debug_assertions)
        && let Some(ms) = std::env::var("KTPLAN_TEST_HOLD_WRITE_MS")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// `-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: standard output.
fn is_stdout(path: &Path) -> bool {
    ["-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]
        .iter()
        .any(|name| path == Path::new(name))
}

/// Follows the links at `path` (not those of its folders) to the path they name.
fn follow_links(path: &Path) -> Result<PathBuf, Error> {
    let mut path = path.to_path_buf();
    // As the kernel does: a chain longer than 40 links is a loop.
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                if is_process_fd(&path) {
                    // `/dev/fd/N` names what descriptor N is, which may not be a path.
                    return Ok(path);
                }
                let to = std::fs::read_link(&path).map_err(Error::io(&path))?;
                path = match path.parent() {
                    Some(folder) if to.is_relative() => folder.join(to),
                    _ => to,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(Error::Io {
        source: io::Error::other("the links at this path form a loop"),
        path,
    })
}

/// `/dev/fd/N`, `/proc/self/fd/N` and `/dev/stderr`: a descriptor the run was given.
fn is_process_fd(path: &Path) -> bool {
    path == Path::new("/dev/stderr")
        || [Path::new("/dev/fd"), Path::new("/proc/self/fd")]
            .iter()
            .any(|dir| path.parent() == Some(dir))
}

/// A character device (`/dev/null`, a terminal) or a FIFO: written through, never
/// replaced.
#[cfg(unix)]
fn written_through(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    kind.is_char_device() || kind.is_fifo()
}

#[cfg(not(unix))]
fn written_through(_meta: &std::fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn keep_mode_and_owner(file: &File, old: &std::fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    file.set_permissions(old.permissions())?;
    let now = file.metadata()?;
    if (now.uid(), now.gid()) != (old.uid(), old.gid()) {
        // Only root may give a file away; anyone else keeps the file as their own.
        let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    }
    Ok(())
}

#[cfg(not(unix))]
fn keep_mode_and_owner(file: &File, old: &std::fs::Metadata) -> io::Result<()> {
    file.set_permissions(old.permissions())
}

/// A file's identity: its device and inode.
type FileId = (u64, u64);

#[cfg(unix)]
fn file_id(meta: &std::fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &std::fs::Metadata) -> Option<FileId> {
    None
}

static READ: Mutex<Option<HashSet<FileId>>> = Mutex::new(None);

fn read_files() -> MutexGuard<'static, Option<HashSet<FileId>>> {
    READ.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Records that this run reads `file` (a plan file, a report), so that no write of
/// the same run replaces it. Every reader of the repository's files calls it.
pub(crate) fn note_read(file: &File) {
    if let Ok(meta) = file.metadata() {
        note_read_as(&meta);
    }
}

/// [`note_read`] for a file whose status was just read (with its links followed).
pub(crate) fn note_read_as(meta: &std::fs::Metadata) {
    if let Some(id) = file_id(meta) {
        read_files().get_or_insert_with(HashSet::new).insert(id);
    }
}

fn was_read(meta: &std::fs::Metadata) -> bool {
    file_id(meta).is_some_and(|id| read_files().as_ref().is_some_and(|read| read.contains(&id)))
}

fn same_file(path: &Path, meta: &std::fs::Metadata) -> bool {
    let other = std::fs::metadata(path).ok();
    other.as_ref().and_then(file_id).is_some() && other.as_ref().and_then(file_id) == file_id(meta)
}

/// True for the name of a temporary file of a write under way (or of one that SIGKILL
/// stopped): never read as a report or a plan file.
pub(crate) fn is_temporary(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n.contains(TEMPORARY_MARK))
}

/// A folder written whole, then put in the place of another (`ktplan site -o DIR`): it
/// is filled as `.<name>.ktplan-tmp-<random>` beside DIR, and only [`Staged::commit`]
/// makes it DIR, so a run that fails or is stopped leaves the old DIR as it was. The
/// temporary folder is removed on every exit, as a temporary file is.
#[derive(Debug)]
pub(crate) struct Staged {
    /// Dropped first: removes the folder and everything in it.
    dir: tempfile::TempDir,
    /// Dropped next: the signal handler forgets the folder.
    _registered: signals::Registered,
    target: PathBuf,
}

impl Staged {
    /// A new, empty temporary folder beside `target`.
    pub(crate) fn new(target: &Path) -> Result<Self, Error> {
        let (folder, name) = beside(target)?;
        std::fs::create_dir_all(&folder).map_err(Error::io(&folder))?;
        signals::watch();
        let dir = tempfile::Builder::new()
            .prefix(&format!(".{name}{TEMPORARY_MARK}"))
            .rand_bytes(8)
            .tempdir_in(&folder)
            .map_err(Error::io(target))?;
        signals::register(dir.path());
        // A folder to publish, read by a web server: the usual mode, not the 0700 of
        // a temporary folder.
        set_folder_mode(dir.path()).map_err(Error::io(dir.path()))?;
        let registered = signals::Registered(dir.path().to_path_buf());
        Ok(Staged {
            target: target.to_path_buf(),
            _registered: registered,
            dir,
        })
    }

    /// Writes `bytes` to `relative` inside the folder, creating its folders.
    pub(crate) fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.dir.path().join(relative);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(Error::io(folder))?;
        }
        std::fs::write(&path, bytes).map_err(Error::io(&path))
    }

    /// Puts the folder in the target's place. An existing target (the caller has
    /// decided it may go) is first moved aside, then removed once the new folder is in
    /// place; if the new folder cannot go in, the old one is put back.
    pub(crate) fn commit(self) -> Result<(), Error> {
        let target = self.target.clone();
        let exists = std::fs::symlink_metadata(&target).is_ok();
        let aside = if exists {
            let (folder, name) = beside(&target)?;
            let aside = tempfile::Builder::new()
                .prefix(&format!(".{name}{TEMPORARY_MARK}old-"))
                .rand_bytes(8)
                .tempdir_in(&folder)
                .map_err(Error::io(&target))?;
            let old = aside.path().join(name);
            std::fs::rename(&target, &old).map_err(Error::io(&target))?;
            Some((aside, old))
        } else {
            None
        };
        let staged = self.dir.keep();
        if let Err(e) = std::fs::rename(&staged, &target) {
            if let Some((_, old)) = &aside {
                let _ = std::fs::rename(old, &target);
            }
            let _ = std::fs::remove_dir_all(&staged);
            return Err(Error::io(&target)(e));
        }
        // Dropping the aside folder removes the old site.
        drop(aside);
        Ok(())
    }
}

/// The folder a path lies in and its last component.
fn beside(target: &Path) -> Result<(PathBuf, String), Error> {
    let folder = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::NotRegular(target.to_path_buf()))?;
    Ok((folder, name))
}

#[cfg(unix)]
fn set_folder_mode(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn set_folder_mode(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// The temporary files of writes under way, removed when a signal ends the run.
mod signals {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, MutexGuard, PoisonError};

    static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
        PENDING.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn register(path: &Path) {
        pending().push(path.to_path_buf());
    }

    pub(super) fn unregister(path: &Path) {
        pending().retain(|p| p != path);
    }

    /// A temporary file (or folder) the handler removes until this is dropped.
    #[derive(Debug)]
    pub(super) struct Registered(pub(super) PathBuf);

    impl Drop for Registered {
        fn drop(&mut self) {
            unregister(&self.0);
        }
    }

    /// Starts, once, the thread that waits for SIGINT, SIGTERM and SIGHUP: it removes
    /// the pending temporary files, then ends the run as the signal would have.
    #[cfg(unix)]
    pub(super) fn watch() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static WATCHING: std::sync::Once = std::sync::Once::new();
        WATCHING.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held to the end: no write commits or starts once the signal came.
                    let files = pending();
                    for path in files.iter() {
                        if path.is_dir() {
                            let _ = std::fs::remove_dir_all(path);
                        } else {
                            let _ = std::fs::remove_file(path);
                        }
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        });
    }

    #[cfg(not(unix))]
    pub(super) fn watch() {}
}
