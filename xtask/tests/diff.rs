//! `cargo xtask diff` against a scratch workspace holding the diff corpus's base spec in git.

use std::path::Path;
use std::process::Output;

use crate::common::{describe, git, root, stdout, xtask};

fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    std::fs::write(d.join("Cargo.toml"), "[workspace]\nmembers = []\n").unwrap();
    std::fs::create_dir_all(d.join("specs")).unwrap();
    std::fs::copy(
        root().join("spec/tests/diff/base.yaml"),
        d.join("specs/one.yaml"),
    )
    .unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    dir
}

fn diff(ws: &Path, extra: &[&str]) -> Output {
    let w = ws.to_str().unwrap();
    let mut args = vec!["--workspace", w, "diff"];
    args.extend_from_slice(extra);
    xtask(&root(), &args)
}

/// The field a response type loses in the working tree.
fn drop_job_id(ws: &Path) {
    let p = ws.join("specs/one.yaml");
    let text = std::fs::read_to_string(&p).unwrap();
    let line = "      - { name: job_id, description: Job that made the item., schema: { type: string } }\n";
    assert!(text.contains(line));
    std::fs::write(&p, text.replace(line, "")).unwrap();
}

#[test]
fn an_unchanged_tree_has_no_changes() {
    let ws = workspace();
    let out = diff(ws.path(), &["--fail-on", "any"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert_eq!(stdout(&out), "no changes\n");
}

#[test]
fn a_removed_response_field_is_breaking_and_named_in_rust() {
    let ws = workspace();
    drop_job_id(ws.path());
    let out = diff(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let s = stdout(&out);
    assert!(s.starts_with("Breaking changes:\n"), "{s}");
    assert!(s.contains("[response-field-removed]"), "{s}");
    assert!(s.contains("rust: tiny::Item::job_id"), "{s}");
    let out = diff(ws.path(), &["--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let out = diff(ws.path(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["level"], "breaking");
    assert_eq!(v["changes"][0]["rule"], "response-field-removed");
    assert_eq!(v["changes"][0]["items"][0], "tiny::Item::job_id");
    let out = diff(ws.path(), &["--format", "markdown"]);
    assert!(
        stdout(&out).contains("### Breaking changes"),
        "{}",
        describe(&out)
    );
}

#[test]
fn an_additive_change_passes_fail_on_breaking() {
    let ws = workspace();
    let p = ws.path().join("specs/one.yaml");
    let text = std::fs::read_to_string(&p).unwrap().replace(
        "      - { name: job_id,",
        "      - { name: owner, description: Owner., schema: { type: string } }\n      - { name: job_id,",
    );
    std::fs::write(&p, text).unwrap();
    let out = diff(ws.path(), &["--fail-on", "breaking"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(
        stdout(&out).contains("[response-field-added]"),
        "{}",
        describe(&out)
    );
    let out = diff(ws.path(), &["--fail-on", "any"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
}

#[test]
fn the_base_may_be_a_directory_or_a_revision() {
    let ws = workspace();
    let before = tempfile::tempdir().unwrap();
    std::fs::copy(
        ws.path().join("specs/one.yaml"),
        before.path().join("one.yaml"),
    )
    .unwrap();
    drop_job_id(ws.path());
    git(ws.path(), &["commit", "-q", "-am", "drop job_id"]);
    // The working tree equals HEAD; the directory and HEAD~1 are the old side.
    assert_eq!(stdout(&diff(ws.path(), &[])), "no changes\n");
    for base in [before.path().to_str().unwrap(), "HEAD~1"] {
        let out = diff(ws.path(), &["--base", base, "--fail-on", "breaking"]);
        assert_eq!(out.status.code(), Some(1), "{base}: {}", describe(&out));
        assert!(
            stdout(&out).contains("[response-field-removed]"),
            "{}",
            describe(&out)
        );
    }
    let out = diff(ws.path(), &["--base", "no-such-revision"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
}

#[test]
fn help_documents_exit_codes_and_rules_are_listed() {
    let out = xtask(&root(), &["diff", "--help"]);
    assert!(stdout(&out).contains("Exit codes"), "{}", describe(&out));
    let out = xtask(&root(), &["sources", "--help"]);
    assert!(stdout(&out).contains("Exit codes"), "{}", describe(&out));
    let out = xtask(&root(), &["diff", "--rules"]);
    // One line per rule; the line saying why is indented under it.
    let listed = stdout(&out).lines().filter(|l| !l.starts_with(' ')).count();
    assert_eq!(listed, spec::diff::RULES.len(), "{}", describe(&out));
}
