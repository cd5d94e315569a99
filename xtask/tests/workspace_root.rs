//! The xtask binary finds its workspace at run time, from the current directory, not from
//! where it was built: run from another checkout (a copy of `specs/` under a Cargo.toml with
//! a `[workspace]` table) it validates that checkout's specs against that checkout's docs
//! directory (`[workspace.metadata.specs] docs`).

use std::path::Path;

use crate::common::{copy_tree, describe, root, xtask};

/// A workspace with a copy of the build's specs/ and `docs` set to an empty `pages/`.
fn other_checkout(docs: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut manifest = String::from("[workspace]\nmembers = []\n");
    if docs {
        manifest.push_str("\n[workspace.metadata.specs]\ndocs = \"pages\"\n");
        std::fs::create_dir_all(dir.path().join("pages")).expect("mkdir");
    }
    std::fs::write(dir.path().join("Cargo.toml"), manifest).expect("write");
    copy_tree(&root().join("specs"), &dir.path().join("specs"));
    dir
}

/// The spec files of a specs/ directory, sorted.
fn spec_files(specs: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(specs)
        .expect("read specs")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn validate_reads_the_specs_of_the_checkout_it_runs_in() {
    let ws = other_checkout(false);
    let broken = spec_files(&ws.path().join("specs"))
        .into_iter()
        .next()
        .expect("a spec");
    let text = std::fs::read_to_string(&broken).expect("read");
    std::fs::write(&broken, format!("{text}\nnot_a_spec_key: 1\n")).expect("break it");
    // From the root and from a subdirectory: the same workspace.
    let sub = ws.path().join("specs");
    for cwd in [ws.path(), sub.as_path()] {
        let out = xtask(cwd, &["validate"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
        let name = broken.file_name().expect("name").to_string_lossy();
        assert!(
            stderr.contains(name.as_ref()) && stderr.contains("not_a_spec_key"),
            "the broken spec of this checkout is not the one reported:\n{}",
            describe(&out)
        );
    }
    // Repaired: this checkout's specs validate (its operations listed).
    std::fs::write(&broken, text).expect("repair");
    let out = xtask(ws.path(), &["validate"]);
    assert!(out.status.success(), "{}", describe(&out));
}

#[test]
fn validate_checks_source_pages_in_the_docs_directory_the_checkout_sets() {
    let ws = other_checkout(true);
    let out = xtask(ws.path(), &["validate"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Its docs directory is empty: every recorded page is missing there.
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        stderr.contains("is not in the seeds directory"),
        "{}",
        describe(&out)
    );
    // `--pages` without DIR reads the same setting.
    let out = xtask(ws.path(), &["validate", "--pages"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
}

#[test]
fn outside_any_workspace_a_command_that_needs_one_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = xtask(dir.path(), &["validate"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        stderr.contains("[workspace]") && stderr.contains("--workspace"),
        "{}",
        describe(&out)
    );
}
