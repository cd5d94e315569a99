//! The OpenAPI exports: well formed and complete (every operation and every documented example
//! appears). Drift of `generated/openapi/` is checked with the rest of `generated/` by the
//! codegen drift test.

use std::path::{Path, PathBuf};

use codegen::model::{Model, ProviderModel};
use codegen::render::openapi;
use codegen::render::OutputFile;
use serde_json::{json, Value};
use spec::validate::{load_and_validate, Validated};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn validated() -> Validated {
    match load_and_validate(&[root().join("specs")], None) {
        Ok(v) => v,
        Err(d) => panic!("specs do not validate:\n{d}"),
    }
}

/// The exports of every provider, as the renderer makes them.
fn exports(v: &Validated) -> Vec<OutputFile> {
    let model = Model::build(v).expect("model builds");
    model
        .providers
        .iter()
        .map(openapi::render_provider)
        .collect()
}

fn parse(text: &str) -> Value {
    serde_json::from_str(text).expect("export is valid JSON")
}

#[test]
fn every_export_names_its_source_and_version() {
    for OutputFile {
        path: rel,
        contents: text,
    } in exports(&validated())
    {
        let doc = parse(&text);
        assert_eq!(doc["openapi"], "3.1.0", "{}", rel.display());
        let banner = doc["x-generated-by"].as_str().unwrap_or_default();
        assert!(
            banner.starts_with("Generated from specs/") && banner.contains("do not edit"),
            "{}: {banner}",
            rel.display()
        );
        // The banner is the first member, the closest JSON has to a first-line comment.
        assert!(text.starts_with("{\n  \"x-generated-by\""));
    }
}

/// Every operation id and every example name of the specs appears in its export.
#[test]
fn every_operation_and_example_is_exported() {
    let v = validated();
    let exports = exports(&v);
    for file in v.files() {
        let spec = &file.spec;
        let export = exports
            .iter()
            .find(|f| f.path.ends_with(format!("{}.json", spec.provider.id)))
            .expect("one export per provider");
        let doc = parse(&export.contents);
        let mut op_ids = Vec::new();
        let mut example_keys = Vec::new();
        walk(&doc, &mut |key, value| {
            if key == "operationId" {
                if let Some(id) = value.as_str() {
                    op_ids.push(id.to_string());
                }
            }
            if key == "examples" || key == "x-examples-without-body" {
                if let Some(m) = value.as_object() {
                    example_keys.extend(m.keys().cloned());
                }
            }
        });
        for op in &spec.operations {
            assert!(
                op_ids.contains(&op.id),
                "{}: operation {} missing",
                spec.provider.id,
                op.id
            );
            for ex in &op.examples {
                let found = example_keys
                    .iter()
                    .any(|k| k == &ex.name || k == &format!("{}.{}", op.id, ex.name));
                assert!(
                    found,
                    "{}: example {}.{} missing",
                    spec.provider.id, op.id, ex.name
                );
            }
        }
    }
}

/// Every `$ref` points at a component that exists.
#[test]
fn every_reference_resolves() {
    for export in exports(&validated()) {
        let doc = parse(&export.contents);
        walk(&doc, &mut |key, value| {
            if key == "$ref" {
                let target = value.as_str().unwrap_or_default();
                let pointer = target.trim_start_matches('#');
                assert!(
                    doc.pointer(pointer).is_some(),
                    "{}: dangling {target}",
                    export.path.display()
                );
            }
        });
    }
}

/// Credentials never leave the spec through the export's examples.
#[test]
fn credential_values_are_not_exported() {
    let v = validated();
    let exports = exports(&v);
    for file in v.files() {
        for op in &file.spec.operations {
            for ex in &op.examples {
                let Some(req) = &ex.request else { continue };
                let Some((_, spec::format::AuthScheme::Form { name, .. })) =
                    file.spec.token_auth(op)
                else {
                    continue;
                };
                let Some(secret) = req.body.as_ref().and_then(|b| b.get(name)) else {
                    continue;
                };
                let secret = secret.as_str().unwrap_or_default();
                for export in &exports {
                    assert!(
                        secret.is_empty() || !export.contents.contains(secret),
                        "{} leaks a credential",
                        export.path.display()
                    );
                }
            }
        }
    }
}

const MINI: &str = r#"
provider:
  id: mini
  title: Mini
  description: A purpose-made spec.
  base_url: "https://{host}/api"
  variables:
    host: { description: Host., example: example.test }
  sources: [{ file: p.txt, sha256: "00", language: en, title: P }]
auth:
  key: { in: form, name: auth, description: Session. }
types:
  Thing:
    description: A thing.
    fields:
      - { name: id, description: Id., required: true, schema: { type: long, wire: string } }
      - { name: note, description: Note., schema: { type: string, nullable: true, max_length: 5, forbidden_chars: "<>" } }
operations:
  - id: make_thing
    summary: Make.
    source: p.txt
    effect: create
    method: POST
    path: /
    discriminators: [{ in: body, name: func, value: thing.make }]
    auth: key
    request:
      body: multipart
      parameters:
        - { name: days, in: body, description: Days., required: true, schema: { type: array, wire: csv, items: { type: integer, minimum: 0, maximum: 6 } } }
    response: { status: 200, schema: { type: ref, ref: Thing } }
  - id: drop_thing
    summary: Drop.
    source: p.txt
    effect: delete
    method: POST
    path: /
    discriminators: [{ in: body, name: func, value: thing.drop }]
    auth: key
    request:
      body: multipart
      parameters:
        - { name: elid, in: body, description: Which., required: true, schema: { type: long, minimum: 1 } }
    response: { status: 200, schema: { type: unit } }
"#;

fn mini() -> Value {
    let spec: spec::format::Spec = spec::yaml::from_str(MINI).expect("mini spec parses");
    let provider = ProviderModel::build(&spec, "specs/mini.yaml".into()).expect("mini models");
    openapi::document(&provider)
}

#[test]
fn shared_url_becomes_one_operation_with_a_discriminated_body() {
    let doc = mini();
    let op = &doc["paths"]["/"]["post"];
    assert_eq!(op["operationId"], "make_thing_or_drop_thing");
    assert_eq!(op["x-operations"].as_array().map(Vec::len), Some(2));
    let body = &op["requestBody"]["content"]["multipart/form-data"]["schema"];
    assert_eq!(
        body["discriminator"],
        json!({"propertyName": "func", "mapping": {
            "thing.make": "#/components/schemas/MakeThingRequest",
            "thing.drop": "#/components/schemas/DropThingRequest",
        }})
    );
    let make = &doc["components"]["schemas"]["MakeThingRequest"];
    assert_eq!(make["properties"]["func"]["const"], "thing.make");
    // The form credential is a required, marked body property: OpenAPI has no scheme for it.
    assert_eq!(make["properties"]["auth"]["x-credential"], "key");
    assert!(make["required"]
        .as_array()
        .is_some_and(|r| r.contains(&json!("auth"))));
    // A csv array is one string whose pattern carries the item constraints.
    assert_eq!(make["properties"]["days"]["type"], "string");
    let days = make["properties"]["days"]["pattern"]
        .as_str()
        .unwrap_or_default();
    let days = regex::Regex::new(days).expect("pattern compiles");
    for (text, ok) in [("0,6,2", true), ("", true), ("7", false), ("1, 2", false)] {
        assert_eq!(days.is_match(text), ok, "{text:?}");
    }
    assert!(doc["components"].get("securitySchemes").is_none());
}

#[test]
fn wire_strings_nullables_and_constraints_are_spelled_out() {
    let doc = mini();
    let thing = &doc["components"]["schemas"]["Thing"]["properties"];
    assert_eq!(thing["id"]["type"], json!(["integer", "string"]));
    // The string form is held to the long's range, as the number form is by `format`.
    let pattern = thing["id"]["pattern"].as_str().unwrap_or_default();
    let re = regex::Regex::new(pattern).expect("pattern compiles");
    assert!(re.is_match("-9223372036854775808") && re.is_match("126"));
    assert!(!re.is_match("9223372036854775808") && !re.is_match("+1"));
    assert_eq!(thing["note"]["type"], json!(["string", "null"]));
    assert_eq!(thing["note"]["maxLength"], 5);
    assert_eq!(thing["note"]["pattern"], "^[^<>]*$");
    let server = &doc["servers"][0];
    assert_eq!(server["url"], "https://{host}/api");
    assert_eq!(server["variables"]["host"]["default"], "example.test");
}

fn walk(v: &Value, f: &mut dyn FnMut(&str, &Value)) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                f(k, child);
                walk(child, f);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| walk(i, f)),
        _ => {}
    }
}
