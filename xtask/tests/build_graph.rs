//! The build is one-way: xtask (the regenerator) links no crate it generates and no crate
//! that links one, and the conformance suite links no part of the generator and not the
//! generated clients (it runs their protocol tests as a separate `cargo test`).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The package names in `cargo tree -p PACKAGE -e EDGES` (normal dependencies only).
fn tree(package: &str, edges: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--prefix",
            "none",
            "-e",
            edges,
            "-p",
            package,
        ])
        .arg("--manifest-path")
        .arg(root().join("Cargo.toml"))
        .output()
        .expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree -p {package} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    assert!(
        names.iter().any(|n| n == package),
        "cargo tree printed no tree for {package}: {names:?}"
    );
    names
}

/// `cargo xtask codegen` must build while `generated/` does not compile.
#[test]
fn xtask_links_neither_the_generated_crate_nor_conformance() {
    let names = tree("xtask", "normal");
    for banned in ["generated", "conformance"] {
        assert!(
            !names.iter().any(|n| n == banned),
            "xtask depends on {banned}: {names:?}"
        );
    }
    // It does link the generator and the drafter (so the check above reads a real tree).
    assert!(names.iter().any(|n| n == "codegen"), "{names:?}");
    assert!(names.iter().any(|n| n == "draft"), "{names:?}");
}

/// The drafter builds on the spec model alone: no part of the generator, the runtime or
/// the generated clients.
#[test]
fn draft_links_only_the_spec_side() {
    let names = tree("draft", "normal,no-proc-macro");
    for banned in [
        "codegen",
        "runtime",
        "generated",
        "conformance",
        "syn",
        "quote",
    ] {
        assert!(
            !names.iter().any(|n| n == banned),
            "draft depends on {banned}: {names:?}"
        );
    }
    assert!(names.iter().any(|n| n == "spec"), "{names:?}");
}

/// The mock and replay stand beside the generator, not on it. Proc-macro crates (serde's
/// derive and the like) use syn and quote at compile time only and are left out.
#[test]
fn conformance_links_no_part_of_the_generator() {
    let names = tree("conformance", "normal,no-proc-macro");
    for banned in ["codegen", "syn", "quote", "prettyplease", "minijinja"] {
        assert!(
            !names.iter().any(|n| n == banned),
            "conformance depends on {banned}: {names:?}"
        );
    }
}

/// The replay reaches the generated clients only through their protocol tests, run by cargo:
/// no dynamic entry point into them, so the conformance crate does not link them.
#[test]
fn conformance_does_not_link_the_generated_clients() {
    let names = tree("conformance", "normal");
    assert!(
        !names.iter().any(|n| n == "generated"),
        "conformance depends on generated: {names:?}"
    );
    // It does link the spec side (so the check above reads a real tree).
    assert!(names.iter().any(|n| n == "spec"), "{names:?}");
}
