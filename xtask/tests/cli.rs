//! The xtask binary end to end: regenerating without the generated crate, paths rooted at the
//! workspace whatever the current directory, standalone crates that build on their own, and
//! the conformance commands passing their arguments through.

use std::process::Command;

use crate::common::{conformance_binary, copies_dir, describe, root, workspace_copy, xtask};

/// With `generated/src/lib.rs` broken, `codegen` still runs and repairs it: the regenerator
/// neither builds nor loads the generated crate, and `--workspace` points it at another tree.
#[test]
fn codegen_repairs_a_generated_crate_that_does_not_compile() {
    let copy = workspace_copy();
    let ws = copy.path();
    let lib = ws.join("generated/src/lib.rs");
    let good = std::fs::read_to_string(root().join("generated/src/lib.rs")).expect("read");
    std::fs::write(&lib, format!("{good}\nthis is not Rust {{{{\n")).expect("break lib.rs");

    let workspace = ws.to_str().expect("utf-8 temp path");
    let check = xtask(&root(), &["--workspace", workspace, "codegen", "--check"]);
    assert_eq!(
        check.status.code(),
        Some(1),
        "--check sees the broken copy:\n{}",
        describe(&check)
    );

    // From a subdirectory of the copy: defaults are under the workspace root, not the cwd.
    let sub = ws.join("runtime");
    let fixed = xtask(&sub, &["--workspace", workspace, "codegen"]);
    assert!(fixed.status.success(), "{}", describe(&fixed));
    assert_eq!(std::fs::read_to_string(&lib).expect("read"), good);
    assert!(
        !sub.join("generated").exists(),
        "stray generated/ in the cwd"
    );

    // The environment variable does the same as the option.
    let check = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(&sub)
        .env("XTASK_WORKSPACE", ws)
        .args(["codegen", "--check"])
        .output()
        .expect("run xtask");
    assert!(check.status.success(), "{}", describe(&check));
}

/// `cd codegen && cargo xtask codegen --check` checks the workspace's generated/ and writes
/// nothing where it was started.
#[test]
fn codegen_check_from_a_subdirectory_uses_the_workspace_root() {
    let sub = root().join("codegen");
    let stray = sub.join("generated");
    assert!(
        !stray.exists(),
        "{} exists before the test",
        stray.display()
    );
    let out = xtask(&sub, &["codegen", "--check"]);
    assert!(out.status.success(), "{}", describe(&out));
    let out = xtask(&sub, &["openapi", "--check"]);
    assert!(out.status.success(), "{}", describe(&out));
    assert!(
        !stray.exists(),
        "codegen --check created {}",
        stray.display()
    );
}

#[test]
fn a_workspace_that_is_not_one_is_refused() {
    let empty = tempfile::tempdir().expect("temp dir");
    let dir = empty.path().to_str().expect("utf-8 temp path");
    let out = xtask(&root(), &["--workspace", dir, "codegen", "--check"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no Cargo.toml"),
        "{}",
        describe(&out)
    );
}

/// `codegen --out DIR`: every spec plus the feature spec as a crate outside the workspace,
/// with the runtime copied byte for byte as its path dependency; it builds on its own.
#[test]
fn standalone_crate_builds() {
    // A fixed place: rewritten only where the output changes, so a warm run builds nothing.
    let dir = copies_dir().join("standalone").join("demo-clients");
    let specs = root().join("specs");
    let features = root().join("codegen/tests/specs/features.yaml");
    let args = |check: bool| {
        let mut a = vec![
            "codegen".to_owned(),
            "--spec".into(),
            specs.display().to_string(),
            "--spec".into(),
            features.display().to_string(),
            "--out".into(),
            dir.display().to_string(),
            "--crate-name".into(),
            "demo-clients".into(),
        ];
        if check {
            a.push("--check".into());
        }
        a
    };
    let run = |check: bool| {
        let a = args(check);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        xtask(&root(), &a)
    };
    let out = run(false);
    assert!(out.status.success(), "{}", describe(&out));
    let out = run(true);
    assert!(
        out.status.success(),
        "fresh output is up to date: {}",
        describe(&out)
    );

    let runtime = root().join("runtime");
    let mut copied = 0;
    // Every file under runtime/src, in subdirectories too.
    let mut dirs = vec![runtime.join("src")];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).expect("runtime/src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            let rel = path.strip_prefix(&runtime).expect("under runtime/");
            let copy = dir.join("runtime").join(rel);
            assert_eq!(
                std::fs::read(&copy).unwrap_or_default(),
                std::fs::read(&path).expect("read"),
                "{} is not a byte-for-byte copy",
                copy.display()
            );
            copied += 1;
        }
    }
    assert!(copied > 0);
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
    assert!(
        manifest.contains(r#"runtime = { path = "runtime" }"#),
        "{manifest}"
    );

    // Locked as the workspace is: the versions the suite already has (`--offline`), and the
    // dependency artifacts the semver corpus check (codegen's tests) shares.
    crate::common::write_if_changed(
        &dir.join("Cargo.lock"),
        &std::fs::read(root().join("Cargo.lock")).expect("Cargo.lock"),
    );
    // `check`: the crate and its example programs type-check against the copied runtime
    // and the template's dependencies (all a standalone crate can get wrong), without
    // generating code for a dependency graph of its own.
    let status = spec::workspace::cargo_command()
        .args([
            "check",
            "--offline",
            "--quiet",
            "--examples",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", copies_dir().join("target"))
        .status()
        .expect("run cargo");
    assert!(status.success(), "standalone crate does not compile");
}

/// `cargo xtask conformance --help`, `conformance-report --help` and `mock --help` reach the
/// conformance binary's own help.
#[test]
fn conformance_commands_pass_help_through() {
    let _binary = conformance_binary();
    for (command, subcommand, flag) in [
        ("conformance", "replay", "--spec"),
        ("conformance-report", "report", "--from"),
        ("mock", "mock", "--spec"),
    ] {
        let out = xtask(&root(), &[command, "--help"]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{}", describe(&out));
        assert!(
            stdout.contains(&format!("conformance {subcommand}")) && stdout.contains(flag),
            "{command} --help: {}",
            describe(&out)
        );
    }
}

/// Flags reach the conformance binary unchanged and its exit code comes back.
#[test]
fn conformance_exit_codes_pass_through() {
    let _binary = conformance_binary();
    let out = xtask(&root(), &["mock", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--no-such-flag"),
        "{}",
        describe(&out)
    );
}
