//! The checked-in specs under `specs/` validate, against the seed pages when they are at hand.
//!
//! Nothing here knows which providers exist: every assertion is derived from the files that
//! are in `specs/`, so adding a provider is adding a YAML file.

use crate::common::{seeds, spec_files, specs_dir};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use spec::load::load_file;
use spec::validate::{load_and_validate, validate};

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The whole directory validates together (cross-file rules included), and the validated
/// set is exactly the files on disk: none dropped, none invented.
#[test]
fn specs_validate_together() {
    let seeds = seeds();
    let v = load_and_validate(&[specs_dir()], seeds.as_deref())
        .unwrap_or_else(|d| panic!("specs/ should validate:\n{d}"));
    let validated: Vec<PathBuf> = v.files().iter().map(|f| f.path.clone()).collect();
    assert_eq!(validated, spec_files());
}

/// Each file also stands on its own: it loads and validates without the others, so no spec
/// leans on a name another file happens to declare.
#[test]
fn each_spec_validates_alone() {
    let seeds = seeds();
    for path in spec_files() {
        let file =
            load_file(&path).unwrap_or_else(|d| panic!("{} should load:\n{d}", path.display()));
        if let Err(d) = validate(vec![file], seeds.as_deref()) {
            panic!("{} should validate alone:\n{d}", path.display());
        }
    }
}

/// `specs/<provider_id>.yaml` (README, "Adding a provider"): the file stem is the provider
/// id, so ids, generated module names and fixture directories cannot collide.
#[test]
fn each_file_is_named_after_its_provider() {
    let mut ids = BTreeSet::new();
    for path in spec_files() {
        let file =
            load_file(&path).unwrap_or_else(|d| panic!("{} should load:\n{d}", path.display()));
        let id = &file.spec.provider.id;
        assert_eq!(
            &stem(&path),
            id,
            "{} declares provider `{id}`",
            path.display()
        );
        assert!(ids.insert(id.clone()), "provider `{id}` is declared twice");
    }
}

/// Every operation documents at least one exchange, and every example shows something: a
/// request, a response, or both. The replay and the fixtures are built from them.
#[test]
fn every_operation_has_examples() {
    for path in spec_files() {
        let file =
            load_file(&path).unwrap_or_else(|d| panic!("{} should load:\n{d}", path.display()));
        assert!(
            !file.spec.operations.is_empty(),
            "{} has no operations",
            path.display()
        );
        for op in &file.spec.operations {
            assert!(
                !op.examples.is_empty(),
                "{}: `{}` has no examples",
                path.display(),
                op.id
            );
            for ex in &op.examples {
                assert!(
                    ex.request.is_some() || ex.response.is_some(),
                    "{}: `{}` example `{}` shows neither a request nor a response",
                    path.display(),
                    op.id,
                    ex.name
                );
            }
        }
    }
}

/// With the seed pages at hand, the recorded hashes are really compared: changing one
/// recorded hash of each spec makes it fail. Skips cleanly when the seeds are absent.
#[test]
fn a_wrong_source_hash_fails_against_the_seeds() {
    let Some(seeds) = seeds() else {
        eprintln!("no seed pages beside the checkout; hash check skipped");
        return;
    };
    for path in spec_files() {
        let mut file =
            load_file(&path).unwrap_or_else(|d| panic!("{} should load:\n{d}", path.display()));
        let src = file
            .spec
            .provider
            .sources
            .first_mut()
            .unwrap_or_else(|| panic!("{} cites no source", path.display()));
        // Still well-formed hex, just not the page's digest.
        let flipped: String = src
            .sha256
            .chars()
            .map(|c| if c == '0' { '1' } else { '0' })
            .collect();
        src.sha256 = flipped;
        let cited = src.file.clone();
        match validate(vec![file], Some(&seeds)) {
            Ok(_) => panic!("{}: a wrong hash of `{cited}` passed", path.display()),
            Err(d) => assert!(
                d.to_string().contains(&cited),
                "{}: the failure does not name `{cited}`:\n{d}",
                path.display()
            ),
        }
    }
}

#[test]
fn every_spec_points_editors_at_the_schema() {
    for f in spec_files() {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/spec.schema.json"),
            "{} lacks the schema modeline",
            f.display()
        );
    }
}
