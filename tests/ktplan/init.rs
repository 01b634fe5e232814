//! `ktplan init DIR` (SPEC section 6): a new data repository that checks clean, with CI
//! files and a pre-commit configuration that install ktplan from the source given; and
//! those files, with this repository's `.pre-commit-hooks.yaml`, tried with the real
//! clients when they are installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use pretty_assertions::assert_eq;

use crate::builder::{MANIFEST_DIR, Repo, external};

const SOURCE: &str = "https://git.example.org/skhcn/ktplan.git@v0.1.0";

/// Every file below `dir`, relative to it, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap();
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

/// A folder holding a repository made by `ktplan init new`, with `args` added.
fn initialised(args: &[&str]) -> (Repo, PathBuf) {
    let repo = Repo::empty();
    let mut all = vec!["init", "new"];
    all.extend_from_slice(args);
    let out = repo.run(&all);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let dir = repo.path().join("new");
    (repo, dir)
}

fn read(dir: &Path, path: &str) -> String {
    std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Runs ktplan in `dir`.
fn ktplan(dir: &Path, args: &[&str]) -> crate::builder::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_ktplan"))
        .args(args)
        .current_dir(dir)
        .env_remove("KTPLAN_ROOT")
        .env("KTPLAN_LANG", "en")
        .output()
        .expect("run ktplan");
    crate::builder::Output {
        code: out.status.code().expect("an exit code"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn init_makes_a_repository_whose_plan_checks_clean() {
    let (_repo, dir) = initialised(&["--source", SOURCE]);
    assert_eq!(
        tree(&dir),
        [
            ".gitattributes",
            ".github/workflows/ktplan.yml",
            ".gitignore",
            ".gitlab-ci.yml",
            ".pre-commit-config.yaml",
            "plan/indicators.toml",
            "plan/plan.toml",
            "plan/tasks.toml",
            "plan/units.toml",
            "reports/README.md",
            "schema/indicators.json",
            "schema/plan.json",
            "schema/tasks.json",
            "schema/units.json",
        ]
    );
    let out = ktplan(&dir, &["check"]);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            0,
            "",
            "checked the plan and 0 report files: 0 errors, 0 warnings\n"
        )
    );
    // The plan is usable: a unit's form, and the listings.
    let out = ktplan(&dir, &["template", "--unit", "STC", "--year", "2025"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("1.1"), "{}", out.stdout);
    assert!(out.stdout.contains("STI_BUDGET_SHARE"), "{}", out.stdout);
    // Each plan file names the schema init wrote beside it, and it is this ktplan's.
    for file in ["plan", "units", "tasks", "indicators"] {
        let text = read(&dir, &format!("plan/{file}.toml"));
        assert_eq!(
            text.lines().next(),
            Some(format!("#:schema ../schema/{file}.json").as_str())
        );
        assert_eq!(
            read(&dir, &format!("schema/{file}.json")),
            read(Path::new(MANIFEST_DIR), &format!("schema/{file}.json"))
        );
    }
}

/// Every key a plan file may hold is explained in the new plan: written out, or shown
/// commented out, each under a comment. (A key added to the loader must be added here.)
#[test]
fn the_new_plan_explains_every_key() {
    let (_repo, dir) = initialised(&[]);
    for file in ["plan", "units", "tasks", "indicators"] {
        let schema: serde_json::Value = serde_json::from_str(&read(
            Path::new(MANIFEST_DIR),
            &format!("schema/{file}.json"),
        ))
        .unwrap();
        let text = read(&dir, &format!("plan/{file}.toml"));
        let lines: Vec<&str> = text.lines().collect();
        let mut keys: Vec<String> = Vec::new();
        for definition in schema["definitions"].as_object().unwrap().values() {
            if let Some(properties) = definition["properties"].as_object() {
                keys.extend(properties.keys().cloned());
            }
        }
        for table in schema["properties"].as_object().unwrap().keys() {
            // An optional array of tables may be shown commented out.
            let shown = lines.iter().any(|l| {
                let l = l.trim_start_matches("# ");
                *l == format!("[{table}]") || l == format!("[[{table}]]")
            });
            assert!(shown, "{file}.toml has no [{table}] or [[{table}]]");
        }
        for key in keys {
            // A key of its own line, or of an inline table (`baseline = { year = ... }`).
            let at = lines.iter().position(|l| {
                let l = l.trim_start_matches("# ");
                l.starts_with(&format!("{key} = "))
                    || (l.contains('{') && l.contains(&format!(" {key} = ")))
                    // An array of tables inside a table: `[[report.change]]`.
                    || (l.starts_with("[[") && l.ends_with(&format!(".{key}]]")))
            });
            let Some(at) = at else {
                panic!("plan/{file}.toml of init does not show `{key}`");
            };
            assert!(
                at > 0 && lines[..at].last().is_some_and(|l| l.starts_with('#')),
                "`{key}` in plan/{file}.toml has no comment above it"
            );
        }
    }
}

#[test]
fn the_ci_files_install_ktplan_from_the_source_given() {
    let (_repo, dir) = initialised(&["--source", SOURCE]);
    let github = read(&dir, ".github/workflows/ktplan.yml");
    assert!(github.contains("  KTPLAN_GIT: https://git.example.org/skhcn/ktplan.git\n"));
    assert!(github.contains("  KTPLAN_TAG: v0.1.0\n"));
    assert!(
        github
            .contains("cargo install --locked --git \"$KTPLAN_GIT\" --tag \"$KTPLAN_TAG\" ktplan")
    );
    assert!(github.contains("fetch-depth: 0"));
    assert!(github.contains("--format github"));
    assert!(github.contains("$GITHUB_STEP_SUMMARY"));
    let gitlab = read(&dir, ".gitlab-ci.yml");
    assert!(gitlab.contains("  KTPLAN_GIT: https://git.example.org/skhcn/ktplan.git\n"));
    assert!(gitlab.contains("  KTPLAN_TAG: v0.1.0\n"));
    assert!(gitlab.contains("  GIT_DEPTH: 0\n"));
    assert!(gitlab.contains("codequality: gl-code-quality-report.json"));
    let pre_commit = read(&dir, ".pre-commit-config.yaml");
    assert!(
        pre_commit
            .contains("  - repo: https://git.example.org/skhcn/ktplan.git\n    rev: v0.1.0\n")
    );
    for text in [&github, &gitlab, &pre_commit] {
        assert!(!text.contains("REPLACE-ME."), "{text}");
        assert!(!text.contains("v0.0.0-REPLACE-ME"), "{text}");
    }
    // An SSH URL holds an `@` of its own: the version is after the last one.
    let (_repo, dir) = initialised(&["--source", "git@git.example.org:skhcn/ktplan.git@v0.2.0"]);
    assert!(
        read(&dir, ".gitlab-ci.yml")
            .contains("  KTPLAN_GIT: git@git.example.org:skhcn/ktplan.git\n  KTPLAN_TAG: v0.2.0\n")
    );
}

/// Without --source the CI files hold a placeholder that says to replace it (and cannot
/// be fetched), and init says so; the shipped examples are those files.
#[test]
fn without_a_source_the_placeholder_is_marked() {
    let repo = Repo::empty();
    let out = repo.run(&["init", "new"]);
    assert_eq!(out.code, 0);
    assert!(
        out.stderr
            .contains("note: the CI and pre-commit files install ktplan from a placeholder"),
        "{}",
        out.stderr
    );
    let dir = repo.path().join("new");
    for (path, example) in [
        (
            ".github/workflows/ktplan.yml",
            "examples/ci/github-workflow.yml",
        ),
        (".gitlab-ci.yml", "examples/ci/gitlab-ci.yml"),
        (
            ".pre-commit-config.yaml",
            "examples/ci/pre-commit-config.yaml",
        ),
    ] {
        let text = read(&dir, path);
        assert!(text.contains("REPLACE"), "{path}");
        assert!(
            text.contains("https://REPLACE-ME.invalid/ktplan.git"),
            "{path}"
        );
        assert_eq!(text, read(Path::new(MANIFEST_DIR), example));
    }
}

#[test]
fn init_refuses_a_folder_that_is_not_empty_and_changes_nothing_in_it() {
    let repo = Repo::empty().file("new/notes.txt", "ghi chú");
    let out = repo.run(&["init", "new"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("new is not empty"), "{}", out.stderr);
    assert_eq!(tree(&repo.path().join("new")), ["notes.txt"]);
    let out = repo.run(&["init", "new/notes.txt"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("is not a folder"), "{}", out.stderr);
    // An empty folder is fine.
    std::fs::create_dir(repo.path().join("empty")).unwrap();
    assert_eq!(repo.run(&["init", "empty"]).code, 0);
}

#[test]
fn a_source_without_a_version_cannot_run() {
    for bad in [
        "https://git.example.org/ktplan.git",
        "https://x@",
        "https://x y@v1",
        "@v1",
    ] {
        let repo = Repo::empty();
        let out = repo.run(&["init", "new", "--source", bad]);
        assert_eq!(out.code, 2, "{bad}");
        assert!(
            out.stderr.contains("--source takes URL@VERSION"),
            "{bad}: {}",
            out.stderr
        );
        assert!(!repo.path().join("new").exists(), "{bad}");
    }
}

/// Runs git in `dir` as the builder does.
fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Văn thư")
        .env("GIT_AUTHOR_EMAIL", "vanthu@example.org")
        .env("GIT_COMMITTER_NAME", "Văn thư")
        .env("GIT_COMMITTER_EMAIL", "vanthu@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("run git");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `.gitattributes` keeps reports byte for byte (a CRLF, UTF-16 file comes back as it
/// went in, even where git would convert line ends) and still diffs them as text;
/// `.gitignore` ignores the temporary files of an interrupted write.
#[test]
fn reports_are_kept_byte_for_byte_and_temporary_files_ignored() {
    let (_repo, dir) = initialised(&[]);
    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["config", "core.autocrlf", "true"]);
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(
            "Loại\tMã\r\nNhiệm vụ\t1.1\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    std::fs::create_dir_all(dir.join("reports/2025")).unwrap();
    std::fs::write(dir.join("reports/2025/STC.csv"), &utf16).unwrap();
    std::fs::write(dir.join("reports/2025/.STC.csv.ktplan-tmp-x1y2z3"), b"half").unwrap();
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "STC: báo cáo năm 2025"]);
    let committed = git(&dir, &["ls-files"]);
    assert!(!committed.contains("ktplan-tmp"), "{committed}");
    std::fs::remove_file(dir.join("reports/2025/STC.csv")).unwrap();
    git(&dir, &["checkout", "--", "reports/2025/STC.csv"]);
    assert_eq!(
        std::fs::read(dir.join("reports/2025/STC.csv")).unwrap(),
        utf16
    );
    let attributes = git(
        &dir,
        &["check-attr", "text", "diff", "--", "reports/2025/STC.csv"],
    );
    assert_eq!(
        attributes,
        "reports/2025/STC.csv: text: unset\nreports/2025/STC.csv: diff: set\n"
    );
}

/// With actionlint: the GitHub workflow init writes has no problem.
#[test]
fn actionlint_passes_the_github_workflow() {
    let Some(tool) = external("actionlint", &["-version"]) else {
        return;
    };
    let (_repo, dir) = initialised(&["--source", SOURCE]);
    let out = Command::new(tool)
        .arg(".github/workflows/ktplan.yml")
        .current_dir(&dir)
        .output()
        .expect("run actionlint");
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// With check-jsonschema: both CI files pass the schemas GitHub's and GitLab's users
/// validate with, bundled with the tool (nothing fetched).
#[test]
fn check_jsonschema_passes_the_ci_files() {
    let Some(tool) = external("check-jsonschema", &["--version"]) else {
        return;
    };
    let (_repo, dir) = initialised(&["--source", SOURCE]);
    for (schema, file) in [
        ("vendor.github-workflows", ".github/workflows/ktplan.yml"),
        ("vendor.gitlab-ci", ".gitlab-ci.yml"),
    ] {
        let out = Command::new(&tool)
            .args(["--builtin-schema", schema, file])
            .current_dir(&dir)
            .output()
            .expect("run check-jsonschema");
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

/// With pre-commit: the hooks manifest and the configuration init writes are valid, and
/// `pre-commit try-repo` with this repository's hook, in a repository made by init,
/// refuses a commit of a report with an error and lets a clean one through. The hook
/// tried is the one that runs the ktplan on the PATH (this build): the others build
/// ktplan with cargo first, which the README says how to try.
#[test]
fn pre_commit_runs_the_hook_on_a_changed_report() {
    let Some(tool) = external("pre-commit", &["--version"]) else {
        return;
    };
    let (repo, dir) = initialised(&["--source", SOURCE]);
    // The hooks as a repository of their own: this crate's folder need not be a git
    // work tree (a source archive is not), and its uncommitted state does not matter.
    let hooks = repo.path().join("hooks");
    std::fs::create_dir(&hooks).unwrap();
    std::fs::copy(
        Path::new(MANIFEST_DIR).join(".pre-commit-hooks.yaml"),
        hooks.join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    git(&hooks, &["init", "-q", "-b", "main"]);
    git(&hooks, &["add", "-A"]);
    git(&hooks, &["commit", "-q", "-m", "ktplan hooks"]);
    let manifest = Command::new(&tool)
        .args(["validate-manifest", ".pre-commit-hooks.yaml"])
        .current_dir(&hooks)
        .output()
        .expect("run pre-commit");
    assert!(
        manifest.status.success(),
        "{}",
        String::from_utf8_lossy(&manifest.stdout)
    );
    let config = Command::new(&tool)
        .args(["validate-config", ".pre-commit-config.yaml"])
        .current_dir(&dir)
        .output()
        .expect("run pre-commit");
    assert!(
        config.status.success(),
        "{}",
        String::from_utf8_lossy(&config.stdout)
    );

    git(&dir, &["init", "-q", "-b", "main"]);
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "Kế hoạch mới"]);
    let bin = Path::new(env!("CARGO_BIN_EXE_ktplan")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let try_repo = || {
        Command::new(&tool)
            .arg("try-repo")
            .arg(&hooks)
            .arg("ktplan-check-system")
            .current_dir(&dir)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", repo.path().join("pre-commit-home"))
            .env("HOME", repo.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .expect("run pre-commit try-repo")
    };
    std::fs::create_dir_all(dir.join("reports/2025")).unwrap();
    std::fs::write(
        dir.join("reports/2025/STC.csv"),
        "kind,id,title,status,value,result\r\ntask,9.9,,done,,Đã hoàn thành\r\n",
    )
    .unwrap();
    git(&dir, &["add", "reports/2025/STC.csv"]);
    let out = try_repo();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{said}");
    assert!(said.contains("ktplan check (reports)"), "{said}");
    assert!(
        said.contains("reports/2025/STC.csv:2:2: error[E005]"),
        "{said}"
    );

    std::fs::write(
        dir.join("reports/2025/STC.csv"),
        "kind,id,title,status,value,result\r\n\
         task,1.1,,in_progress,,Đã bố trí 1.2% tổng chi\r\n\
         task,1.2,,done,,Đã ban hành kế hoạch\r\n\
         indicator,STI_BUDGET_SHARE,,,1.2,\r\n",
    )
    .unwrap();
    git(&dir, &["add", "reports/2025/STC.csv"]);
    let out = try_repo();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("ktplan check (reports)"), "{said}");
    assert!(said.contains("Passed"), "{said}");
}
