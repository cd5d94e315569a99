//! The broken-spec corpus: each entry of `tests/broken/` (a file, or a directory of files for
//! mistakes that span specs) holds exactly one mistake; its diagnostics are snapshotted.
//! `tests/broken/_valid/tiny.yaml` is the passing spec every case departs from, and
//! `tests/broken/_seeds/` stands in for the seed pages.

use std::path::{Path, PathBuf};

use spec::validate::load_and_validate;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Paths as written relative to the crate (the test's working directory), so snapshots do
/// not depend on where the checkout lives.
fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(manifest_dir())
        .unwrap_or(path)
        .to_path_buf()
}

fn seeds() -> PathBuf {
    PathBuf::from("tests/broken/_seeds")
}

fn diagnostics(path: &Path) -> String {
    match load_and_validate(&[relative(path)], Some(&seeds())) {
        Ok(_) => String::new(),
        Err(d) => d.to_string(),
    }
}

#[test]
fn the_base_spec_is_valid() {
    let v = load_and_validate(&[PathBuf::from("tests/broken/_valid")], Some(&seeds()))
        .unwrap_or_else(|d| panic!("base spec should validate:\n{d}"));
    assert_eq!(v.files().len(), 1);
}

#[test]
fn each_broken_spec_is_explained() {
    insta::glob!("broken/[!_]*", |path| {
        let text = diagnostics(path);
        assert!(
            !text.is_empty(),
            "{} should fail validation",
            path.display()
        );
        for line in text.lines() {
            // FILE:LINE:COLUMN: what is wrong; how to fix it
            let mut parts = line.splitn(4, ':');
            let (file, l, c, rest) = (parts.next(), parts.next(), parts.next(), parts.next());
            assert!(
                file.is_some_and(|f| f.starts_with("tests/broken/")),
                "{line}"
            );
            assert!(l.is_some_and(|l| l.parse::<usize>().is_ok()), "{line}");
            assert!(c.is_some_and(|c| c.parse::<usize>().is_ok()), "{line}");
            assert!(rest.is_some_and(|r| r.contains("; ")), "{line}");
            assert!(!line.contains("tok-example"), "credential leaked: {line}");
        }
        insta::assert_snapshot!(text);
    });
}

#[test]
fn the_corpus_is_large_enough() {
    let n = std::fs::read_dir(manifest_dir().join("tests/broken"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('_'))
                .count()
        })
        .unwrap_or(0);
    assert!(n >= 22, "only {n} broken specs");
}

#[test]
fn hashes_are_skipped_without_seeds() {
    let path = PathBuf::from("tests/broken/wrong_source_hash.yaml");
    assert!(load_and_validate(std::slice::from_ref(&path), None).is_ok());
    assert!(load_and_validate(&[path], Some(Path::new("tests/broken/_no_such_dir"))).is_ok());
}
