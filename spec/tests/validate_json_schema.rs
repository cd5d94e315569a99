//! Drift check: `schema/spec.schema.json` must equal what the spec types generate.

use std::path::Path;

#[test]
fn json_schema_is_up_to_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    if let Err(e) = spec::json_schema::check(&root) {
        panic!("{e}");
    }
}

#[test]
fn json_schema_describes_the_format() {
    let schema: serde_json::Value = serde_json::from_str(&spec::json_schema::render())
        .unwrap_or_else(|e| panic!("schema is not JSON: {e}"));
    assert_eq!(schema["title"], "Spec");
    assert!(schema["properties"]["operations"].is_object());
    assert!(schema["definitions"]["Schema"].is_object());
}
