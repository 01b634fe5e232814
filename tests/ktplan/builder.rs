//! A data repository in a temporary folder, and the real `ktplan` binary run in it.
//!
//! ```ignore
//! let out = Repo::new()
//!     .plan_file("tasks.toml", r#"
//!         [[section]]
//!         ...
//!     "#)
//!     .run(&["check"]);
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

/// `plan/plan.toml` of [`Repo::new`]: a plan for 2023-2030 that [`UNITS`]' SKHCN coordinates.
pub(crate) const PLAN: &str = r#"[plan]
id = "99/KH-UBND"
title = "Kế hoạch thử nghiệm phát triển khoa học, công nghệ và đổi mới sáng tạo"
issuer = "Ủy ban nhân dân tỉnh Kon Tum"
issued = 2023-08-15
start_year = 2023
end_year = 2030
coordinator = "SKHCN"
due_before = "11-20"
"#;

/// `plan/units.toml` of [`Repo::new`]: two departments, a district, a group of
/// districts and the group of any unit concerned.
pub(crate) const UNITS: &str = r#"[[unit]]
code = "SKHCN"
name = "Sở Khoa học và Công nghệ"
kind = "department"

[[unit]]
code = "STC"
name = "Sở Tài chính"
kind = "department"

[[unit]]
code = "DAKHA"
name = "Ủy ban nhân dân huyện Đăk Hà"
kind = "district"
until = 2025-06-30

[[group]]
code = "DIA_PHUONG"
name = "Ủy ban nhân dân các huyện, thành phố"
members = ["DAKHA"]

[[group]]
code = "LIEN_QUAN"
name = "Các cơ quan, đơn vị có liên quan"
members = ["*"]
"#;

/// `plan/tasks.toml` of [`Repo::new`]: one section and three tasks, led by a
/// department, by a department with any unit concerned, and by a group.
pub(crate) const TASKS: &str = r#"[[section]]
id = "3"
title = "Thu hút, sử dụng có hiệu quả mọi nguồn lực đầu tư cho khoa học, công nghệ"

[[task]]
id = "3.1"
section = "3"
title = "Bảo đảm chi cho khoa học và công nghệ"
text = "Bảo đảm chi cho khoa học, công nghệ và đổi mới sáng tạo từ 2% trở lên."
lead = ["STC"]
support = ["SKHCN"]
schedule = "recurring"
indicators = ["STI_BUDGET_SHARE"]

[[task]]
id = "3.2"
section = "3"
title = "Huy động vốn ngoài ngân sách"
text = "Tăng cường huy động các nguồn vốn đầu tư ngoài ngân sách nhà nước."
lead = ["SKHCN"]
support = ["LIEN_QUAN"]
schedule = "2025"

[[task]]
id = "3.3"
section = "3"
title = "Ứng dụng tiến bộ khoa học ở địa phương"
text = "Chuyển giao, ứng dụng tiến bộ khoa học kỹ thuật tại địa phương."
lead = ["DIA_PHUONG"]
support = []
"#;

/// `plan/indicators.toml` of [`Repo::new`]: a `%` level and a `count` flow with a
/// baseline before the plan's period.
pub(crate) const INDICATORS: &str = r#"[[indicator]]
id = "STI_BUDGET_SHARE"
name = "Tỷ lệ chi ngân sách cho khoa học và công nghệ"
unit = "%"
measure = "level"
aggregate = "single"
reporters = ["STC"]
targets = [ { year = 2025, min = 1.0 }, { year = 2030, min = 2.0 } ]

[[indicator]]
id = "PATENTS"
name = "Số sáng chế được bảo hộ"
unit = "count"
measure = "flow"
aggregate = "sum"
reporters = ["SKHCN"]
baseline = { year = 2022, value = 0 }
targets = [ { year = 2030, min = 3 } ]
"#;

/// The folder of this crate, which holds the shipped plan in `plan/`.
pub(crate) const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// A temporary data repository; deleted when dropped.
pub(crate) struct Repo {
    /// Held so that the folder lives as long as the repository.
    _dir: TempDir,
    root: PathBuf,
}

impl Repo {
    /// A repository holding the small valid plan of [`PLAN`], [`UNITS`], [`TASKS`]
    /// and [`INDICATORS`].
    pub(crate) fn new() -> Self {
        Repo::empty()
            .file("plan/plan.toml", PLAN)
            .file("plan/units.toml", UNITS)
            .file("plan/tasks.toml", TASKS)
            .file("plan/indicators.toml", INDICATORS)
    }

    /// A folder with no plan at all.
    pub(crate) fn empty() -> Self {
        let dir = tempfile::tempdir().expect("create a temporary folder");
        // The binary sees the folder with symbolic links resolved (a macOS /tmp).
        let root = dir
            .path()
            .canonicalize()
            .expect("resolve the temporary folder");
        Repo { _dir: dir, root }
    }

    /// A repository holding a copy of the shipped `plan/` folder.
    pub(crate) fn shipped() -> Self {
        let repo = Repo::empty();
        copy_tree(
            &Path::new(MANIFEST_DIR).join("plan"),
            &repo.root.join("plan"),
        );
        repo
    }

    /// Adds or replaces the file at `path` (relative to the root) with exactly these bytes.
    pub(crate) fn file(self, path: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.root.join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the file's folder");
        }
        std::fs::write(&path, contents).expect("write the file");
        self
    }

    /// Copies the folder `from` (relative to this crate) to `to` (relative to the root).
    pub(crate) fn copy(self, from: &str, to: &str) -> Self {
        copy_tree(&Path::new(MANIFEST_DIR).join(from), &self.root.join(to));
        self
    }

    /// Adds or replaces `plan/<name>` with `text` as laid out in the test: without
    /// its first line break and the indentation common to its lines, so that line 1
    /// is the first line shown.
    pub(crate) fn plan_file(self, name: &str, text: &str) -> Self {
        self.file(&format!("plan/{name}"), unindent(text))
    }

    /// Runs `git args` in the repository's folder, as a fixed author at a fixed date,
    /// and panics when it fails.
    pub(crate) fn git(&self, args: &[&str]) -> &Self {
        let out = Command::new("git")
            .args(args)
            .current_dir(&self.root)
            .env("GIT_AUTHOR_NAME", "Văn thư")
            .env("GIT_AUTHOR_EMAIL", "vanthu@skhcn.kontum.gov.vn")
            .env("GIT_COMMITTER_NAME", "Văn thư")
            .env("GIT_COMMITTER_EMAIL", "vanthu@skhcn.kontum.gov.vn")
            .env("GIT_AUTHOR_DATE", "2024-11-15T09:00:00+07:00")
            .env("GIT_COMMITTER_DATE", "2024-11-15T09:00:00+07:00")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &self.root)
            .stdin(Stdio::null())
            .output()
            .expect("run git");
        assert!(
            out.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        self
    }

    /// The repository's folder, as the binary sees it.
    pub(crate) fn path(&self) -> &Path {
        &self.root
    }

    /// Runs `ktplan` with `args` in the repository's folder: no `KTPLAN_ROOT`, no
    /// `NO_COLOR`, nothing on standard input, standard output not a terminal, and
    /// `KTPLAN_LANG=en`: most tests assert the English texts (which `KTPLAN_LANG` never
    /// lets into committed files). [`Repo::run_in`] runs in another language.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.run_in("en", args)
    }

    /// [`Repo::run`] with these variables set in its environment (`COLUMNS`...).
    pub(crate) fn run_with(&self, env: &[(&str, &str)], args: &[&str]) -> Output {
        let mut command = self.command(args);
        command.envs(env.iter().copied());
        let out = command.output().expect("run ktplan");
        Output {
            code: out.status.code().expect("ktplan ended by a signal"),
            stdout: String::from_utf8(out.stdout).expect("standard output is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("standard error is UTF-8"),
        }
    }

    /// [`Repo::run`] with `KTPLAN_LANG` set to `lang`, or unset when `lang` is empty
    /// (the plan's language then speaks).
    pub(crate) fn run_in(&self, lang: &str, args: &[&str]) -> Output {
        let mut command = self.command(args);
        command.env_remove("KTPLAN_LANG");
        if !lang.is_empty() {
            command.env("KTPLAN_LANG", lang);
        }
        let out = command.output().expect("run ktplan");
        Output {
            code: out.status.code().expect("ktplan ended by a signal"),
            stdout: String::from_utf8(out.stdout).expect("standard output is UTF-8"),
            stderr: String::from_utf8(out.stderr).expect("standard error is UTF-8"),
        }
    }

    /// The command [`Repo::run`] runs, to be changed or spawned before it runs.
    pub(crate) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_ktplan"));
        command
            .args(args)
            .current_dir(&self.root)
            .env_remove("KTPLAN_ROOT")
            .env_remove("NO_COLOR")
            .env("KTPLAN_LANG", "en")
            .stdin(Stdio::null());
        command
    }
}

/// What a run of `ktplan` printed, and how it ended.
#[derive(Debug)]
pub(crate) struct Output {
    /// The exit status.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Output {
    /// Standard output parsed as JSON.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// Asserts the run succeeded, showing what it printed when not.
    pub(crate) fn success(self) -> Self {
        assert_eq!(self.code, 0, "ktplan failed:\n{}", self.stderr);
        self
    }
}

/// `text` less its first line break and the indentation its non-blank lines share.
pub(crate) fn unindent(text: &str) -> String {
    let text = text.strip_prefix('\n').unwrap_or(text);
    // The closing quote's indentation is not a line.
    let text = text.trim_end_matches(' ');
    let indent = text
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(line.get(indent..).unwrap_or(""));
        out.push('\n');
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a folder");
    for entry in std::fs::read_dir(from).expect("read a folder") {
        let entry = entry.expect("read a folder entry");
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        if source.is_dir() {
            copy_tree(&source, &target);
        } else {
            std::fs::copy(&source, &target).expect("copy a file");
        }
    }
}

/// The program `name` when it is installed (`name args` runs and succeeds), for a test
/// that checks ktplan's output with a real client; else `None`, after printing that the
/// test is skipped.
pub(crate) fn external(name: &str, args: &[&str]) -> Option<PathBuf> {
    let runs = Command::new(name)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if runs {
        Some(PathBuf::from(name))
    } else {
        println!("skipped: {name} is not installed");
        eprintln!("skipped: {name} is not installed");
        None
    }
}
