//! `cargo xtask validate FILE`: the given file is checked against the rest of the workspace's
//! specs, and its own problems come first.

use std::path::{Path, PathBuf};

use crate::common::{describe, root, workspace_copy, xtask};

fn specs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir.join("specs"))
        .expect("specs/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    v.sort();
    v
}

/// A workspace spec given by path validates, and the listing names its operations only while
/// the others are still loaded.
#[test]
fn one_workspace_file_is_listed_alone_and_checked_with_the_rest() {
    let all = specs(&root());
    assert!(all.len() >= 2, "the test needs two specs");
    let first = all[0].to_str().expect("utf-8 path");
    let out = xtask(&root(), &["validate", first]);
    assert!(out.status.success(), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains(" in 1 providers,"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "checked together with {} other spec(s) of the workspace",
            all.len() - 1
        )),
        "{stdout}"
    );
}

/// A file outside specs/ that reuses a workspace provider's id is refused (a rule across
/// files), at the given file; the given file's problems come before those of the workspace.
#[test]
fn a_given_file_sees_cross_file_rules_and_its_problems_come_first() {
    let copy = workspace_copy();
    let ws = copy.path();
    let all = specs(ws);
    // A draft under another file name: same provider id as the first workspace spec.
    let draft = ws.join("zz_draft.yaml");
    std::fs::copy(&all[0], &draft).expect("copy a spec");
    // A problem elsewhere in the workspace, in a file that sorts before the draft.
    let other = &all[1];
    let text = std::fs::read_to_string(other).expect("read");
    let broken = text.replacen(
        "\noperations:\n",
        "\nunknown_top_level_key: 1\noperations:\n",
        1,
    );
    assert_ne!(
        broken,
        text,
        "{} has a top-level `operations:`",
        other.display()
    );
    std::fs::write(other, broken).expect("write");

    let workspace = ws.to_str().expect("utf-8 temp path");
    let out = xtask(
        ws,
        &[
            "--workspace",
            workspace,
            "validate",
            draft.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    let first = lines.first().copied().unwrap_or_default();
    assert!(
        first.starts_with(draft.to_str().expect("utf-8")) && first.contains("is already used at"),
        "the draft's clash comes first:\n{stderr}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(other.to_str().expect("utf-8"))),
        "the workspace's own problem is reported too:\n{stderr}"
    );
    assert!(
        stderr.contains("(1 in other specs of the workspace)"),
        "{stderr}"
    );

    // The same draft under a workspace spec's file name stands in for it: no clash.
    std::fs::write(other, text).expect("restore");
    let stand_in = ws.join("drafts");
    std::fs::create_dir_all(&stand_in).expect("mkdir");
    let stand_in = stand_in.join(all[0].file_name().expect("file name"));
    std::fs::copy(&all[0], &stand_in).expect("copy");
    let out = xtask(
        ws,
        &[
            "--workspace",
            workspace,
            "validate",
            stand_in.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
}

/// `--pages DIR --report`: with the seed pages at hand, every citation holds and the report
/// has one row per spec; a missing directory is a usage error.
#[test]
fn pages_report_has_a_row_per_spec() {
    let seeds = root().join("../shared/seeds");
    let out = xtask(&root(), &["validate", "--pages", "/nonexistent/pages"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    if !seeds.is_dir() {
        eprintln!("skipped: no seed pages beside the workspace");
        return;
    }
    let out = xtask(
        &root(),
        &["validate", "--pages", seeds.to_str().unwrap(), "--report"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    for spec in specs(&root()) {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let row = stdout
            .lines()
            .find(|l| l.contains(&format!("/{name}`")))
            .unwrap_or_else(|| panic!("no row for {name}:\n{stdout}"));
        // The last column counts uncited facts.
        assert!(row.trim_end().ends_with("| 0 |"), "{row}");
    }
    // The report is printed, never pasted: the README shows the command, not a copy that a
    // spec edit or a new provider would make stale.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("validate --pages ../shared/seeds --report"));
    let header = stdout.lines().next().expect("a header row");
    assert!(
        !readme.contains(header),
        "README.md keeps a copy of the citation report; show the command instead"
    );
}

/// A provider whose spec is correct, added with its own page (the made-up one of
/// `spec/tests/new_provider/`, beside the workspace's specs and the seed pages when they are
/// at hand), needs no other edit: `validate --pages` holds every citation, the report gives
/// it a row with nothing uncited (printed, so no copy elsewhere goes stale) and `sources`
/// finds its page unchanged.
#[test]
fn a_provider_with_its_own_page_passes_validate_pages_and_sources() {
    let fixture = root().join("spec/tests/new_provider");
    let dir = tempfile::tempdir().expect("temp dir");
    let ws = dir.path();
    std::fs::write(
        ws.join("Cargo.toml"),
        "[workspace]\nmembers = []\n\n[workspace.metadata.specs]\ndocs = \"pages\"\n",
    )
    .unwrap();
    crate::common::copy_tree(&fixture.join("specs"), &ws.join("specs"));
    crate::common::copy_tree(&fixture.join("pages"), &ws.join("pages"));
    let seeds = root().join("../shared/seeds");
    if seeds.is_dir() {
        crate::common::copy_tree(&root().join("specs"), &ws.join("specs"));
        crate::common::copy_tree(&seeds, &ws.join("pages"));
    } else {
        eprintln!("the workspace's specs left out: no seed pages beside the workspace");
    }
    let w = ws.to_str().expect("utf-8 path");
    let pages = ws.join("pages");
    let pages = pages.to_str().expect("utf-8 path");
    let out = xtask(
        &root(),
        &["--workspace", w, "validate", "--pages", pages, "--report"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for spec in specs(ws) {
        let name = spec.file_name().unwrap().to_string_lossy().into_owned();
        let row = report
            .lines()
            .find(|l| l.contains(&format!("/{name}`")))
            .unwrap_or_else(|| panic!("no row for {name}:\n{report}"));
        assert!(row.trim_end().ends_with("| 0 |"), "{row}");
        assert!(!readme.contains(row), "README.md keeps a copy of {row}");
    }
    let out = xtask(&root(), &["--workspace", w, "sources"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}
