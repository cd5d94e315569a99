//! The build is one-way: xtask (the regenerator) links no crate it generates and no crate
//! that links one, and the conformance suite links no part of the generator and not the
//! generated clients (it runs their protocol tests as a separate `cargo test`).

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Standard output of `cargo ARGS --offline --manifest-path <workspace>` (no build); a
/// failure fails the test.
fn cargo_stdout(args: &[&str]) -> String {
    let out = spec::workspace::cargo_command()
        .args(args)
        .arg("--offline")
        .arg("--manifest-path")
        .arg(root().join("Cargo.toml"))
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "cargo {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The package names in `cargo tree -p PACKAGE -e EDGES` (normal dependencies only). The
/// workspace-hack crate is pruned: it pins features for the build (see
/// `every_command_builds_dependencies_with_the_same_features`), it is not a dependency any
/// code of a crate uses.
fn tree(package: &str, edges: &str) -> Vec<String> {
    let stdout = cargo_stdout(&[
        "tree",
        "--prefix",
        "none",
        "-e",
        edges,
        "--prune",
        "workspace-hack",
        "-p",
        package,
    ]);
    let names: Vec<String> = stdout
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

/// Integration tests are one binary per crate (`tests/it.rs`, `autotests = false`), so a
/// file under `tests/` that no test target declares would never compile or run: every
/// `tests/*.rs` file, and every `tests/*/` module directory, is a test target's root or a
/// `mod` of one.
#[test]
fn every_integration_test_file_is_compiled() {
    let stdout = cargo_stdout(&["metadata", "--no-deps", "--format-version", "1"]);
    let meta: serde_json::Value = serde_json::from_str(&stdout).expect("metadata JSON");
    let mut checked = 0;
    for package in meta["packages"].as_array().expect("packages") {
        let manifest = PathBuf::from(package["manifest_path"].as_str().expect("manifest"));
        let dir = manifest.parent().expect("package dir").join("tests");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let roots: Vec<PathBuf> = package["targets"]
            .as_array()
            .expect("targets")
            .iter()
            .filter(|t| {
                t["kind"]
                    .as_array()
                    .is_some_and(|k| k.iter().any(|k| k == "test"))
            })
            .map(|t| PathBuf::from(t["src_path"].as_str().expect("src_path")))
            .collect();
        let declared: String = roots
            .iter()
            .filter_map(|r| std::fs::read_to_string(r).ok())
            .collect();
        for entry in entries {
            let path = entry.expect("entry").path();
            let module = if path.extension().is_some_and(|e| e == "rs") {
                path.file_stem()
            } else if path.join("mod.rs").is_file() {
                path.file_name()
            } else {
                continue;
            };
            let module = module.and_then(|m| m.to_str()).expect("utf-8 name");
            let is_root = roots
                .iter()
                .any(|r| r.ends_with(path.strip_prefix(&dir).unwrap()));
            assert!(
                is_root
                    || declared
                        .lines()
                        .any(|l| l.trim() == format!("mod {module};")),
                "{} is neither a test target nor declared `mod {module};` in one of {roots:?}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no integration test file found");
}

/// Each dependency (name, version, host or target) with the feature sets cargo resolves it
/// with for one selection of packages (`cargo tree -e features`, cargo's own resolver).
fn features(select: &[&str], edges: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    let mut args = vec![
        "tree",
        "--prefix",
        "none",
        "--no-dedupe",
        "-e",
        edges,
        "-f",
        "{p}|{f}",
    ];
    args.extend_from_slice(select);
    let stdout = cargo_stdout(&args);
    let mut map: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for line in stdout.lines() {
        let Some((package, features)) = line.split_once('|') else {
            continue;
        };
        // `name vX (path)` for workspace members; `(proc-macro)` and `(*)` marks dropped.
        let mut words = package.split_whitespace();
        let (Some(name), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        let features = features.trim().trim_end_matches("(*)").trim().to_string();
        let set = map.entry(format!("{name} {version}")).or_default();
        if !set.contains(&features) {
            set.push(features);
            set.sort();
        }
    }
    map
}

/// `cargo xtask …` (xtask alone), `cargo xtask conformance` (the conformance binary, then the
/// generated crate's protocol tests) and `cargo test --workspace` resolve every shared
/// dependency with the same features, so one build serves them all: the workspace-hack
/// crate pins the union (`cargo hakari generate` writes it). Without it each command would
/// compile its own copy of tokio, hyper, syn and the rest.
#[test]
fn every_command_builds_dependencies_with_the_same_features() {
    let workspace = features(&["--workspace"], "normal,build,dev");
    let commands: [(&str, &[&str], &str); 3] = [
        ("cargo xtask", &["-p", "xtask"], "normal,build"),
        (
            "cargo run -p conformance",
            &["-p", "conformance"],
            "normal,build",
        ),
        (
            "cargo test -p generated",
            &["-p", "generated"],
            "normal,build,dev",
        ),
    ];
    let mut differ = Vec::new();
    for (command, select, edges) in commands {
        for (package, sets) in features(select, edges) {
            let Some(all) = workspace.get(&package) else {
                differ.push(format!(
                    "{package}: in `{command}` but not in the workspace"
                ));
                continue;
            };
            for set in &sets {
                if !all.contains(set) {
                    differ.push(format!(
                        "{package}: `{command}` resolves features [{set}], `cargo test --workspace` {all:?}"
                    ));
                }
            }
        }
    }
    assert!(
        differ.is_empty(),
        "dependencies built twice with different features; run `cargo hakari generate` \
         (README, \"Build and test layout\"):\n{}",
        differ.join("\n")
    );
}
