//! Reading the diff rule corpus (this directory): `base.yaml`, and per file of `cases/` the
//! text edits that turn it into a before and an after spec, with the rule the diff must
//! report and the level of the whole diff. Every test that reads the corpus (spec's diff
//! rules, codegen's semver corpus, conformance's wire run) includes this file by path, so
//! the format is read one way. Each reads part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde::Deserialize;
use spec::validate::{load_and_validate, Validated};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    /// The rule id the diff must report.
    rule: String,
    /// The level of the whole diff (its worst change).
    level: String,
    #[serde(default)]
    before: Vec<Edit>,
    #[serde(default)]
    after: Vec<Edit>,
}

/// Replace `from` (which must occur exactly once) by `to`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edit {
    pub from: String,
    pub to: String,
}

/// One case: its file stem, the rule and level it names, and the texts of both sides.
pub struct Case {
    pub name: String,
    pub rule: String,
    pub level: String,
    pub before: String,
    pub after: String,
}

/// This directory, from any crate of the workspace.
pub fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/tests/diff")
}

pub fn base() -> String {
    std::fs::read_to_string(dir().join("base.yaml")).unwrap()
}

/// `base` with `edits` applied in order (`case` names it in the panic of a missing edit).
pub fn apply(base: &str, edits: &[Edit], case: &str) -> String {
    let mut s = base.to_string();
    for e in edits {
        assert_eq!(
            s.matches(&e.from).count(),
            1,
            "{case}: `{}` must occur exactly once",
            e.from
        );
        s = s.replacen(&e.from, &e.to, 1);
    }
    s
}

/// Every case, in file name order.
pub fn cases() -> Vec<Case> {
    let base = base();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir().join("cases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let file: CaseFile = serde_yaml::from_str(&std::fs::read_to_string(p).unwrap())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            Case {
                before: apply(&base, &file.before, &name),
                after: apply(&base, &file.after, &name),
                rule: file.rule,
                level: file.level,
                name,
            }
        })
        .collect()
}

/// `text` written to `dir/spec.yaml`, loaded and validated.
pub fn validated(text: &str, dir: &Path) -> Result<Validated, String> {
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("spec.yaml");
    std::fs::write(&file, text).unwrap();
    load_and_validate(&[file], None)
        .map_err(|e| format!("{} does not validate:\n{e}", dir.display()))
}
