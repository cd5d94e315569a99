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

/// The target directory this test binary was built in (`CARGO_TARGET_DIR` or the
/// workspace's `target/`): builds the tests start share it, so dependencies the suite already
/// compiled are not compiled again.
pub fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary");
    // <target>/<profile>/deps/<test binary>
    exe.ancestors()
        .nth(3)
        .expect("the test binary lives in <target>/<profile>/deps")
        .to_path_buf()
}

/// Where tests that build a copy of the workspace keep it (`<target>/test-workspaces`).
pub fn copies_dir() -> PathBuf {
    target_dir().join("test-workspaces")
}

/// Held by tests that run the conformance binary through cargo in the workspace's target
/// directory, and by the tests that build the workspace copy there ([`build_copy`]): the
/// copy's `conformance` binary is linked to the same place (`<target>/debug/conformance`)
/// until the workspace's is linked back, so the two never overlap.
pub static CONFORMANCE_BINARY: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// [`CONFORMANCE_BINARY`], also when a test that held it failed.
pub fn conformance_binary() -> std::sync::MutexGuard<'static, ()> {
    CONFORMANCE_BINARY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A copy of the whole workspace (every crate, no build output and no git data) at a fixed
/// place, `<target>/test-workspaces/workspace`, for tests that build it in the workspace's
/// own target directory ([`target_dir`]). Files are written only where their content differs
/// and files the workspace no longer has are removed (a spec an earlier test added too), so
/// the copy's crates compile once and a warm run recompiles only what changed (cargo goes by
/// modification times). `generated/` is copied only when missing: the test's own `codegen`
/// keeps it up to date. The copy is held under [`CONFORMANCE_BINARY`] and, when dropped,
/// links the workspace's own `conformance` binary and example programs back to their places
/// in the target directory, where the copy's builds put theirs.
pub fn build_copy() -> BuildCopy {
    let lock = conformance_binary();
    let path = copies_dir().join("workspace");
    let generated = path.join("generated");
    if !generated.is_dir() {
        sync_tree(&root().join("generated"), &generated, false);
    }
    sync_tree(&root(), &path, true);
    write_if_changed(&path.join("Cargo.toml"), copy_manifest().as_bytes());
    BuildCopy { path, _lock: lock }
}

/// The workspace's manifest for the copy, with a profile setting of no effect on the code
/// (one codegen unit fewer than the default) for the crates whose sources the copy's tests
/// change: `generated` (rewritten by `codegen`) and the crates that depend on it. Cargo names
/// a workspace crate's artifacts by its path relative to the workspace root, which the copy
/// shares with the workspace: the setting names those crates apart, so the copy's builds
/// never overwrite the workspace's. Every other crate of the copy is the workspace's, file
/// for file and modification time for modification time ([`sync_tree`]), so cargo finds the
/// workspace's artifacts fresh for it and compiles nothing of it.
fn copy_manifest() -> String {
    let mut text = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    text.push_str(
        "\n# Added by the tests' workspace copy (xtask/tests/common): artifacts apart.\n",
    );
    let mut names = vec!["generated".to_string()];
    for entry in std::fs::read_dir(root()).expect("read workspace") {
        let manifest = entry.expect("dir entry").path().join("Cargo.toml");
        let Ok(member) = std::fs::read_to_string(&manifest) else {
            continue;
        };
        if !member.contains(r#"path = "../generated""#) {
            continue;
        }
        let package = member
            .lines()
            .skip_while(|l| l.trim() != "[package]")
            .find_map(|l| l.strip_prefix("name = "));
        if let Some(name) = package {
            names.push(name.trim().trim_matches('"').to_string());
        }
    }
    names.sort();
    for name in names {
        text.push_str(&format!(
            "[profile.dev.package.{name}]\ncodegen-units = 255\n"
        ));
    }
    text
}

/// See [`build_copy`].
pub struct BuildCopy {
    pub path: PathBuf,
    _lock: std::sync::MutexGuard<'static, ()>,
}

impl Drop for BuildCopy {
    fn drop(&mut self) {
        // Cargo links a binary to its place on every build, fresh or not.
        let _ = spec::workspace::cargo_command()
            .args([
                "build",
                "--offline",
                "-q",
                "-p",
                "conformance",
                "--bin",
                "conformance",
            ])
            .args(["-p", "generated", "--examples", "--manifest-path"])
            .arg(root().join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target_dir())
            .status();
    }
}

/// Make `to` hold what `from` holds (at the top of the workspace, without `target`, `.git`,
/// `generated` and the manifest, see [`copy_manifest`]), writing only files whose content
/// differs, each with its original's modification time.
fn sync_tree(from: &Path, to: &Path, top: bool) {
    std::fs::create_dir_all(to).expect("mkdir");
    let mut wanted = std::collections::HashSet::new();
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let name = entry.file_name();
        if top
            && (name == "target" || name == ".git" || name == "generated" || name == "Cargo.toml")
        {
            continue;
        }
        let target = to.join(&name);
        wanted.insert(name);
        let kind = entry.file_type().expect("file type");
        if kind.is_symlink() {
            let link = std::fs::read_link(entry.path()).expect("read link");
            if std::fs::read_link(&target).ok() != Some(link.clone()) {
                let _ = std::fs::remove_file(&target);
                let _ = std::fs::remove_dir_all(&target);
                std::os::unix::fs::symlink(link, &target).expect("symlink");
            }
        } else if kind.is_dir() {
            if target.is_symlink() || target.is_file() {
                std::fs::remove_file(&target).expect("remove");
            }
            sync_tree(&entry.path(), &target, false);
        } else {
            write_if_changed(&target, &std::fs::read(entry.path()).expect("read"));
            // The original's modification time too: cargo then takes the workspace's
            // artifacts of this file's crate as the copy's.
            let modified = entry.metadata().and_then(|m| m.modified()).expect("mtime");
            if std::fs::metadata(&target).and_then(|m| m.modified()).ok() != Some(modified) {
                std::fs::File::options()
                    .write(true)
                    .open(&target)
                    .and_then(|f| f.set_modified(modified))
                    .expect("set the copy's modification time");
            }
        }
    }
    for entry in std::fs::read_dir(to).expect("read copy") {
        let entry = entry.expect("dir entry");
        let kept = top
            && ["target", "generated", "Cargo.toml"]
                .iter()
                .any(|k| entry.file_name() == *k);
        if !wanted.contains(&entry.file_name()) && !kept {
            let path = entry.path();
            if entry.file_type().expect("file type").is_dir() {
                std::fs::remove_dir_all(&path).expect("remove stale dir");
            } else {
                std::fs::remove_file(&path).expect("remove stale file");
            }
        }
    }
}

/// Write `bytes` to `path` unless it already holds them (its modification time then stays).
pub fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        let _ = std::fs::remove_file(path);
        std::fs::write(path, bytes).expect("write");
    }
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
