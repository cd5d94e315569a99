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

/// Every location a diagnostic gives exists: the file is there, the line is one of its
/// lines and the column lies within that line (one past its end for a missing value), or
/// the position is the end of the file.
#[test]
fn diagnostics_point_inside_the_file() {
    insta::glob!("broken/[!_]*", |path| {
        let text = diagnostics(path);
        for line in text.lines() {
            let mut parts = line.splitn(4, ':');
            let (Some(file), Some(l), Some(c)) = (parts.next(), parts.next(), parts.next()) else {
                panic!("not FILE:LINE:COL: {line}");
            };
            let (Ok(l), Ok(c)) = (l.parse::<usize>(), c.parse::<usize>()) else {
                panic!("not FILE:LINE:COL: {line}");
            };
            // Files refused for their encoding are read lossily: the position is still one
            // of their characters. Symlinks refused unread are positioned at 1:1.
            if std::fs::symlink_metadata(file).is_ok_and(|m| m.file_type().is_symlink()) {
                assert_eq!((l, c), (1, 1), "{line}");
                continue;
            }
            let bytes = std::fs::read(file)
                .unwrap_or_else(|e| panic!("{line}: the file it names cannot be read: {e}"));
            let source = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = source.lines().collect();
            // The end of the file (after its last newline) is where a missing key goes.
            let end = if source.ends_with('\n') || source.is_empty() {
                (lines.len() + 1, 1)
            } else {
                (
                    lines.len(),
                    lines.last().map_or(0, |l| l.chars().count()) + 1,
                )
            };
            if (l, c) == end {
                continue;
            }
            assert!(
                l >= 1 && l <= lines.len(),
                "{line}: the file has {} lines",
                lines.len()
            );
            let width = lines[l - 1].chars().count();
            assert!(
                c >= 1 && c <= width + 1,
                "{line}: line {l} is {width} characters wide"
            );
        }
    });
}

/// The base spec with a recorded hash that is wrong for its seed page: that fails only when
/// the seed pages are at hand, and is skipped cleanly without them.
#[test]
fn hashes_are_checked_only_with_seeds() {
    let base = spec::load::load_paths(&[PathBuf::from("tests/broken/_valid")])
        .unwrap_or_else(|d| panic!("base spec should load:\n{d}"));
    let mut tampered = base.clone();
    for f in &mut tampered {
        for src in &mut f.spec.provider.sources {
            src.sha256 = "0".repeat(64);
        }
    }
    assert!(spec::validate::validate(base, Some(&seeds())).is_ok());
    assert!(spec::validate::validate(tampered.clone(), Some(&seeds())).is_err());
    assert!(spec::validate::validate(tampered.clone(), None).is_ok());
    let absent = Path::new("tests/broken/_no_such_dir");
    assert!(spec::validate::validate(tampered, Some(absent)).is_ok());
}
