//! What the spec crate's integration tests share: where the workspace, its `specs/` and the
//! seed pages are. Every spec is found by extension (the loader's rule), never by name.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The seed pages, when this checkout has them beside it (or `SEED_PAGES` names them, for a
/// checkout kept elsewhere).
pub fn seeds() -> Option<PathBuf> {
    let dir = std::env::var_os("SEED_PAGES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/seeds"));
    dir.is_dir().then_some(dir)
}

/// The specs the spec-wide tests read: `specs/`, or the directory `SPECS_DIR` names (the
/// test that adds a provider runs them again over a copy with one more spec).
pub fn specs_dir() -> PathBuf {
    std::env::var_os("SPECS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("specs"))
}

/// Every spec file of the specs directory ([`specs_dir`]), sorted.
pub fn spec_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(specs_dir())
        .expect("specs/ is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{} holds no spec", specs_dir().display());
    files
}
