//! `schema/spec.schema.json`: it must equal what the spec types generate (drift), and an
//! independent JSON Schema validator (the `boon` crate) must agree with the loader on
//! real files: every checked-in spec passes it, and every broken spec the loader rejects for
//! its shape (not its meaning) is rejected by the schema too.

use crate::common::{root, specs_dir};

use std::path::{Path, PathBuf};

use serde_json::Value;

#[test]
fn json_schema_is_up_to_date() {
    if let Err(e) = spec::json_schema::check(&root()) {
        panic!("{e}");
    }
}

/// The checked-in schema file, as editors see it, compiled by the independent validator.
struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

fn validator() -> Validator {
    let text = std::fs::read_to_string(root().join("schema/spec.schema.json"))
        .expect("schema/spec.schema.json is readable");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    let url = "file:///schema/spec.schema.json";
    let mut compiler = boon::Compiler::new();
    compiler
        .add_resource(url, schema)
        .unwrap_or_else(|e| panic!("the schema is not a resource: {e}"));
    let mut schemas = boon::Schemas::new();
    let index = compiler
        .compile(url, &mut schemas)
        .unwrap_or_else(|e| panic!("the schema is invalid: {e}"));
    Validator { schemas, index }
}

/// `*.yaml`/`*.yml` files directly in `dir`, sorted.
fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    files.sort();
    files
}

/// The document as JSON, read by plain serde_yaml (not the spec loader); `None` when it is
/// not YAML or has repeated keys.
fn as_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    // serde_yaml's own mapping refuses repeated keys, which JSON cannot represent.
    let yaml = serde_yaml::from_str::<serde_yaml::Value>(&text).ok()?;
    serde_json::to_value(yaml).ok()
}

/// Every failing keyword, each with where in the document it failed (`{:#}` lists the leaves).
fn schema_errors(v: &Validator, doc: &Value) -> Vec<String> {
    match v.schemas.validate(doc, v.index) {
        Ok(()) => Vec::new(),
        Err(e) => format!("{e:#}").lines().map(str::to_string).collect(),
    }
}

#[test]
fn every_spec_satisfies_the_json_schema() {
    let v = validator();
    let files = yaml_files(&specs_dir());
    assert!(!files.is_empty(), "specs/ holds no spec");
    for path in files {
        let doc = as_json(&path).unwrap_or_else(|| panic!("{} is not YAML", path.display()));
        let errors = schema_errors(&v, &doc);
        assert!(
            errors.is_empty(),
            "{} breaks the JSON Schema:\n{}",
            path.display(),
            errors.join("\n")
        );
    }
}

/// Shape errors found by the loader (unknown keys, wrong types, missing keys, unknown
/// variants) are errors an editor using the schema sees too. Files that are not YAML or that
/// load fine (their mistake is semantic) are outside what a schema can say.
#[test]
fn the_schema_rejects_what_the_loader_rejects() {
    let v = validator();
    let broken = root().join("spec/tests/broken");
    let mut cases: Vec<PathBuf> = Vec::new();
    for entry in std::fs::read_dir(&broken).expect("tests/broken is readable") {
        let path = entry.expect("entry").path();
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('_'))
        {
            continue;
        }
        if path.is_dir() {
            cases.extend(yaml_files(&path));
        } else {
            cases.push(path);
        }
    }
    cases.sort();
    let mut compared = 0;
    for path in cases {
        // A symlink is refused unread (it may lead to a device): nothing for a schema.
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            continue;
        }
        let Err(load) = spec::load::load_file(&path) else {
            continue;
        };
        // Not YAML, or YAML with repeated keys (which serde_yaml refuses too): no document.
        let Some(doc) = as_json(&path) else {
            continue;
        };
        compared += 1;
        assert!(
            !schema_errors(&v, &doc).is_empty(),
            "{} fails to load but satisfies the JSON Schema:\n{load}",
            path.display()
        );
    }
    assert!(compared > 0, "no broken spec is a shape error");
    // And the base every broken case departs from passes.
    for path in yaml_files(&broken.join("_valid")) {
        let doc = as_json(&path).expect("base spec is YAML");
        let errors = schema_errors(&v, &doc);
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
    }
}
