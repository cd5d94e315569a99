//! Adding a provider whose spec is correct keeps the spec-wide tests green with no other
//! edit: the made-up provider of `new_provider/` (its spec under `specs/`, written for these
//! tests against its own page under `pages/`) is put beside a copy of `specs/`, its page
//! beside the seed pages (the seeds left out, with the workspace's specs, when they are not
//! at hand), and this binary's spec-wide tests run again over the copy: validation, the
//! JSON Schema, citations against the pages (row and cell, coverage both ways) and every
//! planted mistake, which must each still find a target and be refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{root, seeds, spec_files};

/// The tests that read the specs directory ([`crate::common::specs_dir`]) and the pages.
const SPEC_WIDE: &[&str] = &[
    "validate_specs::",
    "validate_json_schema::every_spec",
    "citations::",
    "citation_plants::",
];

/// The planted-mistake tests among them: each needs some spec with a target.
const PLANTS: &[&str] = &[
    "citation_plants::",
    "citations::planted_mistakes_are_caught",
];

/// The files of `dir` ending in `ext`, sorted.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    v
}

fn copy_into(from: &[PathBuf], to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for f in from {
        std::fs::copy(f, to.join(f.file_name().unwrap())).unwrap();
    }
}

#[test]
fn a_provider_with_its_own_page_keeps_the_spec_wide_tests_green() {
    if std::env::var_os("SPECS_DIR").is_some() {
        return; // the run below, over the copy
    }
    let fixture = root().join("spec/tests/new_provider");
    let added = files(&fixture.join("specs"), "yaml");
    assert!(!added.is_empty(), "no spec in {}", fixture.display());
    let dir = std::env::temp_dir().join(format!("spec-new-provider-{}", std::process::id()));
    let (specs, pages) = (dir.join("specs"), dir.join("pages"));
    copy_into(&added, &specs);
    copy_into(&files(&fixture.join("pages"), "txt"), &pages);
    // The planted mistakes each need some spec with a target; the made-up provider alone
    // has not one for every kind, so they run only with the workspace's specs.
    let (groups, skipped): (Vec<&str>, &[&str]) = match seeds() {
        Some(seeds) => {
            copy_into(&spec_files(), &specs);
            copy_into(&files(&seeds, "txt"), &pages);
            (SPEC_WIDE.to_vec(), &[])
        }
        None => {
            eprintln!(
                "the workspace's specs and the planted mistakes left out: no seed pages beside \
                 the workspace"
            );
            let groups = SPEC_WIDE.iter().copied().filter(|g| !PLANTS.contains(g));
            (groups.collect(), PLANTS)
        }
    };
    let mut run = Command::new(std::env::current_exe().unwrap());
    run.args(&groups)
        .args(["--skip", "new_provider::", "--nocapture"]);
    for plant in skipped {
        run.args(["--skip", plant]);
    }
    run.env("SPECS_DIR", &specs).env("SEED_PAGES", &pages);
    let out = run.output().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the spec-wide tests fail with the added provider:\n{stdout}\n{stderr}"
    );
    // Each group ran, against the pages: none skipped for want of them.
    for group in &groups {
        assert!(
            stdout.contains(&format!("test {group}")),
            "no test of `{group}` ran:\n{stdout}"
        );
    }
    assert!(!stderr.contains("skipped"), "{stderr}");
}
