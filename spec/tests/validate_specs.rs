//! The checked-in specs under `specs/` validate, against the seed pages when they are at hand.

use std::path::{Path, PathBuf};

use spec::validate::load_and_validate;

#[test]
fn specs_validate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let seeds = root.join("../shared/seeds");
    let seeds = seeds.is_dir().then_some(seeds);
    let v = load_and_validate(&[root.join("specs")], seeds.as_deref())
        .unwrap_or_else(|d| panic!("specs/ should validate:\n{d}"));
    let providers: Vec<&str> = v
        .files()
        .iter()
        .map(|f| f.spec.provider.id.as_str())
        .collect();
    let operations: usize = v.files().iter().map(|f| f.spec.operations.len()).sum();
    assert_eq!(providers, ["gaussdb_mysql", "oms", "otc_dcs", "zomro"]);
    assert_eq!(operations, 8);
    for f in v.files() {
        for op in &f.spec.operations {
            assert!(!op.examples.is_empty(), "{} has no examples", op.id);
        }
    }
}

#[test]
fn every_spec_points_editors_at_the_schema() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&specs)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|x| x == "yaml"));
    assert!(!files.is_empty());
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../schema/spec.schema.json"),
            "{} lacks the schema modeline",
            f.display()
        );
    }
}
