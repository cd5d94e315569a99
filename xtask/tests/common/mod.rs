//! Helpers shared by the xtask integration tests: the xtask binary, and copies of the
//! workspace to run it against.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub fn xtask(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(cwd)
        .env_remove("XTASK_WORKSPACE")
        .args(args)
        .output()
        .expect("run xtask")
}

pub fn describe(out: &Output) -> String {
    format!(
        "status {}\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        let kind = entry.file_type().expect("file type");
        if kind.is_symlink() {
            // Links stay links (the broken-spec corpus has links to devices and to files
            // outside their directory, which must not be followed).
            let link = std::fs::read_link(entry.path()).expect("read link");
            std::os::unix::fs::symlink(link, &target).expect("symlink");
        } else if kind.is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A copy of the workspace with what `codegen` reads and writes, and no build output.
pub fn workspace_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for file in ["Cargo.toml", "Cargo.lock"] {
        std::fs::copy(root().join(file), dir.path().join(file)).expect("copy");
    }
    for sub in [".cargo", "specs", "schema", "generated", "runtime"] {
        copy_tree(&root().join(sub), &dir.path().join(sub));
    }
    dir
}

/// A copy of the whole workspace (every crate, no build output and no git data), for
/// commands that build it.
pub fn full_workspace_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(root()).expect("read workspace") {
        let entry = entry.expect("dir entry");
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        let to = dir.path().join(&name);
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    dir
}

/// Run git in `dir` with a throwaway identity; a failure fails the test.
pub fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", describe(&out));
}

/// A command's standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
