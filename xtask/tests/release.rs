//! `cargo xtask codegen` versions the generated crate by the spec diff against git's HEAD
//! and writes the changelog entry with it; regenerating is idempotent.

use std::path::Path;

use crate::common::{describe, git, root, workspace_copy, xtask};

fn codegen(ws: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["--workspace", ws.to_str().unwrap(), "codegen"];
    args.extend_from_slice(extra);
    xtask(&root(), &args)
}

fn version(ws: &Path) -> String {
    let cargo = std::fs::read_to_string(ws.join("generated/Cargo.toml")).unwrap();
    codegen::release::package_version(&cargo).unwrap()
}

fn edit(ws: &Path, from: &str, to: &str) {
    let p = ws.join("specs/one.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    assert_eq!(text.matches(from).count(), 1, "{from}");
    std::fs::write(&p, text.replace(from, to)).unwrap();
}

#[test]
fn codegen_bumps_the_version_by_the_diff_and_logs_it() {
    let copy = workspace_copy();
    let ws = copy.path();
    for e in std::fs::read_dir(ws.join("specs")).unwrap() {
        std::fs::remove_file(e.unwrap().path()).unwrap();
    }
    std::fs::copy(
        root().join("spec/tests/diff/base.yaml"),
        ws.join("specs/one.yaml"),
    )
    .unwrap();
    // Outside git: the version on disk is kept.
    let first = codegen(ws, &[]);
    assert!(first.status.success(), "{}", describe(&first));
    let start = version(ws);
    git(ws, &["init", "-q"]);
    git(ws, &["add", "."]);
    git(ws, &["commit", "-q", "-m", "base"]);

    // A response field removed: breaking.
    edit(ws, "      - { name: job_id, description: Job that made the item., schema: { type: string } }\n", "");
    let out = codegen(ws, &[]);
    assert!(out.status.success(), "{}", describe(&out));
    let breaking = codegen::release::bump(&start, Some(spec::diff::Level::Breaking)).unwrap();
    assert_eq!(version(ws), breaking);
    let log = std::fs::read_to_string(ws.join("generated/CHANGELOG.md")).unwrap();
    assert!(log.contains(&format!("## {breaking}")), "{log}");
    assert!(log.contains("`response-field-removed`"), "{log}");
    assert!(log.contains("`tiny::Item::job_id`"), "{log}");
    // Regenerating changes nothing, and --check agrees.
    let again = codegen(ws, &[]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("unchanged"),
        "{}",
        describe(&again)
    );
    assert!(codegen(ws, &["--check"]).status.success());
    git(ws, &["commit", "-q", "-am", "drop job_id"]);

    // An optional parameter added on top: the next release, entries newest first.
    edit(ws, "        - { name: count, in: query,", "        - { name: dry_run, in: query, description: Only check., schema: { type: boolean } }\n        - { name: count, in: query,");
    assert!(codegen(ws, &[]).status.success());
    let additive = codegen::release::bump(&breaking, Some(spec::diff::Level::NonBreaking)).unwrap();
    assert_eq!(version(ws), additive);
    let log = std::fs::read_to_string(ws.join("generated/CHANGELOG.md")).unwrap();
    let (a, b) = (
        log.find(&format!("## {additive}")).unwrap(),
        log.find(&format!("## {breaking}")).unwrap(),
    );
    assert!(a < b, "{log}");
    assert!(log.contains("`new-optional-request-parameter`"), "{log}");
}
