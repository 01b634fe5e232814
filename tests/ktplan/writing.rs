//! Writing files (SPEC section 6, "Writing files"): each test makes the attack of issue 9
//! in a temporary folder (devices, FIFOs, links, a file the run reads, a full disk, a
//! signal during a write, two imports at once) and asserts what is left on disk.
#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pretty_assertions::assert_eq;

use crate::builder::Repo;

const HEADER: &str = "kind,id,title,status,value,result,difficulties,proposals,note\n";

/// The small plan with STC's report of 2024.
fn repo() -> Repo {
    Repo::new().file(
        "reports/2024/STC.csv",
        format!(
            "{HEADER}task,3.1,,done,,Bố trí kinh phí,,,\nindicator,STI_BUDGET_SHARE,,,\"0,9\",,,,\n"
        ),
    )
}

/// The names in `dir` of temporary files left by a write.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read the folder")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.contains(".ktplan-tmp-"))
        .collect()
}

/// Runs `sh -c script` in the repository with `ktplan` as `$KTPLAN`.
fn shell(repo: &Repo, script: &str) -> std::process::Output {
    Command::new("sh")
        .args(["-c", script])
        .current_dir(repo.path())
        .env("KTPLAN", env!("CARGO_BIN_EXE_ktplan"))
        .env_remove("KTPLAN_ROOT")
        .stdin(Stdio::null())
        .output()
        .expect("run sh")
}

#[test]
fn report_to_dev_null_writes_through_the_device() {
    let repo = repo();
    let out = repo.run(&[
        "report",
        "--year",
        "2024",
        "--format",
        "md",
        "-o",
        "/dev/null",
    ]);
    assert_eq!((out.code, out.stdout.as_str()), (0, ""), "{}", out.stderr);
    let meta = std::fs::metadata("/dev/null").expect("/dev/null");
    assert!(meta.file_type().is_char_device(), "/dev/null was replaced");
}

#[test]
fn dev_stdout_and_dash_mean_standard_output() {
    let repo = repo();
    let plain = repo
        .run(&["merge", "--year", "2024", "--format", "json"])
        .success();
    assert!(plain.stdout.contains("\"STI_BUDGET_SHARE\""));
    for target in ["-", "/dev/stdout", "/dev/fd/1"] {
        let out = repo.run(&["merge", "--year", "2024", "--format", "json", "-o", target]);
        assert_eq!((out.code, &out.stdout), (0, &plain.stdout), "-o {target}");
    }
}

#[test]
fn a_fifo_is_written_through_not_replaced() {
    let repo = repo();
    let fifo = repo.path().join("pipe.json");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("run mkfifo");
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).expect("read the FIFO"))
    };
    let out = repo.run(&[
        "merge",
        "--year",
        "2024",
        "--format",
        "json",
        "-o",
        "pipe.json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = String::from_utf8(reader.join().expect("the reader")).expect("UTF-8");
    let plain = repo
        .run(&["merge", "--year", "2024", "--format", "json"])
        .success();
    assert_eq!(got, plain.stdout);
    let meta = std::fs::symlink_metadata(&fifo).expect("the FIFO");
    assert!(meta.file_type().is_fifo(), "the FIFO was replaced");
    assert_eq!(leftovers(repo.path()), Vec::<String>::new());
}

#[test]
fn a_folder_is_refused() {
    let repo = repo();
    std::fs::create_dir(repo.path().join("out")).expect("make a folder");
    let out = repo.run(&["report", "--year", "2024", "-o", "out"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "error: cannot write out: it is a folder; give the path of a file\n"
        )
    );
    assert!(repo.path().join("out").is_dir());
}

#[test]
fn a_link_typed_after_o_is_followed_and_kept() {
    let repo = repo();
    std::fs::create_dir(repo.path().join("drafts")).expect("make a folder");
    std::fs::write(repo.path().join("drafts/old.md"), "old draft\n").expect("write");
    std::os::unix::fs::symlink("drafts/old.md", repo.path().join("latest.md")).expect("link");
    let out = repo.run(&[
        "report",
        "--year",
        "2024",
        "--format",
        "md",
        "-o",
        "latest.md",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let link = std::fs::symlink_metadata(repo.path().join("latest.md")).expect("the link");
    assert!(
        link.file_type().is_symlink(),
        "the link was replaced by a file"
    );
    let written = std::fs::read_to_string(repo.path().join("drafts/old.md")).expect("read");
    let plain = repo
        .run(&["report", "--year", "2024", "--format", "md"])
        .success();
    assert_eq!(written, plain.stdout);
    assert_eq!(leftovers(&repo.path().join("drafts")), Vec::<String>::new());
    assert_eq!(leftovers(repo.path()), Vec::<String>::new());
}

/// `merge -o` onto a report it read and `report -o` onto a plan file, by name, through a
/// hard link and through a symbolic link: refused with exit 2, the file untouched.
#[test]
fn a_file_the_run_reads_is_never_written() {
    let repo = repo();
    std::fs::hard_link(
        repo.path().join("plan/plan.toml"),
        repo.path().join("plan-copy.txt"),
    )
    .expect("hard link");
    std::os::unix::fs::symlink("reports/2024/STC.csv", repo.path().join("stc.csv")).expect("link");
    let plan_before = std::fs::read(repo.path().join("plan/plan.toml")).expect("read");
    let report_before = std::fs::read(repo.path().join("reports/2024/STC.csv")).expect("read");
    let cases: [(&[&str], &str); 4] = [
        (
            &["merge", "--year", "2024", "-o", "reports/2024/STC.csv"],
            "reports/2024/STC.csv",
        ),
        (
            &[
                "report",
                "--year",
                "2024",
                "--format",
                "md",
                "-o",
                "plan/plan.toml",
            ],
            "plan/plan.toml",
        ),
        (
            &["report", "--year", "2024", "-o", "plan-copy.txt"],
            "plan-copy.txt",
        ),
        (
            &["merge", "--year", "2024", "-o", "stc.csv"],
            "reports/2024/STC.csv",
        ),
    ];
    for (args, shown) in cases {
        let out = repo.run(args);
        assert_eq!(
            (out.code, out.stdout.as_str(), out.stderr.as_str()),
            (
                2,
                "",
                format!(
                    "error: refusing to write {shown}: this run reads it, and writing it would \
                     destroy it; choose another file\n"
                )
                .as_str()
            ),
            "{args:?}"
        );
    }
    assert!(std::fs::read(repo.path().join("plan/plan.toml")).unwrap() == plan_before);
    assert!(std::fs::read(repo.path().join("reports/2024/STC.csv")).unwrap() == report_before);
    assert_eq!(
        leftovers(&repo.path().join("reports/2024")),
        Vec::<String>::new()
    );
    assert_eq!(leftovers(&repo.path().join("plan")), Vec::<String>::new());
}

/// A new file gets 0666 less the umask; a replaced one keeps its mode.
#[test]
fn modes_come_from_the_umask_and_are_kept_on_replace() {
    let repo = repo();
    let out = shell(
        &repo,
        "umask 027 && \"$KTPLAN\" merge --year 2024 -o new.csv && \
         umask 002 && \"$KTPLAN\" template --unit STC --year 2024 -o form.csv",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mode = |name: &str| {
        std::fs::metadata(repo.path().join(name))
            .expect("the file")
            .permissions()
            .mode()
            & 0o7777
    };
    assert_eq!(mode("new.csv"), 0o640);
    assert_eq!(mode("form.csv"), 0o664);
    std::fs::set_permissions(
        repo.path().join("new.csv"),
        std::fs::Permissions::from_mode(0o604),
    )
    .expect("chmod");
    let out = shell(
        &repo,
        "umask 077 && \"$KTPLAN\" merge --year 2024 -o new.csv",
    );
    assert!(out.status.success());
    assert_eq!(mode("new.csv"), 0o604);
}

/// A full disk: the device that is always full, and a file size limit that stops the
/// write half way (SIGXFSZ ignored, so that the write fails as on a full disk).
#[test]
fn a_failed_write_exits_2_and_leaves_the_old_file() {
    let repo = repo();
    let out = repo.run(&["report", "--year", "2024", "-o", "/dev/full"]);
    assert_eq!(
        (out.code, out.stderr.as_str()),
        (
            2,
            "error: cannot write /dev/full: No space left on device (os error 28)\n"
        )
    );
    std::fs::write(repo.path().join("bao-cao.html"), "the old report\n").expect("write");
    let out = shell(
        &repo,
        "trap '' XFSZ; ulimit -f 8; exec \"$KTPLAN\" report --year 2024 --format html -o bao-cao.html",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        // Without KTPLAN_LANG, the plan's language speaks.
        String::from_utf8_lossy(&out.stderr).starts_with("error: không ghi được bao-cao.html: "),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let now = std::fs::read_to_string(repo.path().join("bao-cao.html")).expect("read");
    assert_eq!(now, "the old report\n");
    assert_eq!(leftovers(repo.path()), Vec::<String>::new());
}

/// Waits until a temporary file shows in `dir`.
fn wait_for_temporary(dir: &Path, child: &mut std::process::Child) -> String {
    let start = Instant::now();
    loop {
        if let Some(name) = leftovers(dir).into_iter().next() {
            return name;
        }
        if let Some(status) = child.try_wait().expect("poll the child") {
            panic!("ktplan ended ({status}) before its temporary file showed");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Ctrl-C and SIGTERM during a write: the temporary file is removed, the old report
/// stays, and the run ends by the signal.
#[test]
fn a_signal_during_a_write_leaves_no_temporary_file() {
    for (signal, number) in [("TERM", 15), ("INT", 2), ("HUP", 1)] {
        let repo = repo().file("inbox/bao-cao.csv", format!(
            "{HEADER}task,3.1,,in_progress,,Đang bố trí,,,\nindicator,STI_BUDGET_SHARE,,,1,,,,\n"
        ));
        let before = std::fs::read(repo.path().join("reports/2024/STC.csv")).expect("read");
        let mut child = repo
            .command(&[
                "--lang",
                "en",
                "import",
                "inbox/bao-cao.csv",
                "--unit",
                "STC",
                "--year",
                "2024",
                "--force",
            ])
            .env("KTPLAN_TEST_HOLD_WRITE_MS", "20000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start ktplan");
        let dir = repo.path().join("reports/2024");
        let name = wait_for_temporary(&dir, &mut child);
        assert!(name.starts_with(".STC.csv.ktplan-tmp-"), "{name}");
        let sent = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success());
        let status = child.wait().expect("wait for ktplan");
        assert_eq!(status.signal(), Some(number), "SIG{signal}: {status}");
        assert_eq!(leftovers(&dir), Vec::<String>::new(), "SIG{signal}");
        assert!(
            std::fs::read(dir.join("STC.csv")).unwrap() == before,
            "SIG{signal}"
        );
    }
}

/// Two imports of the same report at once, neither with `--force`: one writes it, the
/// other finds it there when it renames and refuses (exit 1).
#[test]
fn two_imports_at_once_do_not_both_succeed() {
    let repo = Repo::new()
        .file("inbox/a.csv", format!("{HEADER}task,3.1,,done,,Bản A,,,\n"))
        .file("inbox/b.csv", format!("{HEADER}task,3.1,,done,,Bản B,,,\n"));
    let start = |file: &str| {
        repo.command(&[
            "--lang", "en", "import", file, "--unit", "STC", "--year", "2024",
        ])
        .env("KTPLAN_TEST_HOLD_WRITE_MS", "1500")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ktplan")
    };
    let (a, b) = (start("inbox/a.csv"), start("inbox/b.csv"));
    let (a, b) = (
        a.wait_with_output().expect("wait"),
        b.wait_with_output().expect("wait"),
    );
    let mut codes = [a.status.code(), b.status.code()];
    codes.sort();
    assert_eq!(codes, [Some(0), Some(1)]);
    let loser = if a.status.code() == Some(1) { &a } else { &b };
    assert_eq!(
        String::from_utf8_lossy(&loser.stderr),
        "reports/2024/STC.csv already exists: nothing was written (--force replaces it)\n"
    );
    let written = std::fs::read_to_string(repo.path().join("reports/2024/STC.csv")).expect("read");
    let winner = if a.status.code() == Some(0) {
        "Bản A"
    } else {
        "Bản B"
    };
    assert!(written.contains(winner), "{written}");
    assert_eq!(
        leftovers(&repo.path().join("reports/2024")),
        Vec::<String>::new()
    );
}

/// `import` never follows a link at `reports/Y/U.csv`, and takes no folder there.
#[test]
fn import_refuses_a_target_that_is_not_a_regular_file() {
    let repo = Repo::new().file("inbox/a.csv", format!("{HEADER}task,3.1,,done,,Bản A,,,\n"));
    std::fs::write(repo.path().join("elsewhere.csv"), "kept\n").expect("write");
    std::fs::create_dir_all(repo.path().join("reports/2024")).expect("mkdir");
    std::os::unix::fs::symlink(
        "../../elsewhere.csv",
        repo.path().join("reports/2024/STC.csv"),
    )
    .expect("link");
    for force in [false, true] {
        let mut args = vec![
            "--lang",
            "en",
            "import",
            "inbox/a.csv",
            "--unit",
            "STC",
            "--year",
            "2024",
        ];
        if force {
            args.push("--force");
        }
        let out = repo.run(&args);
        assert_eq!(
            (out.code, out.stderr.as_str()),
            (
                1,
                "reports/2024/STC.csv is not a regular file (a link, a folder or a device): \
                 nothing was written\n"
            )
        );
    }
    let link = std::fs::symlink_metadata(repo.path().join("reports/2024/STC.csv")).expect("link");
    assert!(link.file_type().is_symlink());
    assert_eq!(
        std::fs::read_to_string(repo.path().join("elsewhere.csv")).unwrap(),
        "kept\n"
    );
}

/// What SIGKILL leaves behind (it cannot be caught) is never read as a report.
#[test]
fn a_leftover_temporary_file_is_not_read() {
    let repo = repo().file(
        "reports/2024/.SKHCN.csv.ktplan-tmp-Ab3dE5gH",
        format!("{HEADER}task,9.9,,xong,,\n"),
    );
    let out = repo.run(&["check"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(out.stdout, "");
}
