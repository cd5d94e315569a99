//! The OpenAPI exports: well formed and complete (every operation and every documented example
//! appears). Drift of `generated/openapi/` is checked with the rest of `generated/` by the
//! codegen drift test.

use std::path::{Path, PathBuf};

use codegen::model::{RustModel, RustProvider, Ty, TypeBody};
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
    let model = RustModel::build(v).expect("model builds");
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
    let provider = RustProvider::build(&spec, "specs/mini.yaml".into()).expect("mini models");
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

/// Every parameter that says what it identifies refers, in its export, to a string component
/// named as the model's id type and marked with the thing, and keeps exactly its own
/// constraints (the component's and any `allOf` member's together).
#[test]
fn identified_parameters_refer_to_their_id_component() {
    let v = validated();
    let model = RustModel::build(&v).expect("model builds");
    for p in &model.providers {
        check_ids(p, &openapi::document(p));
    }
}

/// Two operations identifying the same things: one component per thing, named as the model
/// names the id type (here past a spec type that already has the plain name), holding what
/// all its parameters share; a parameter with more keeps it in an `allOf`.
#[test]
fn operations_identifying_one_thing_share_its_component() {
    let spec: spec::format::Spec = spec::yaml::from_str(IDS).expect("ids spec parses");
    let provider = RustProvider::build(&spec, "specs/ids.yaml".into()).expect("ids models");
    let doc = openapi::document(&provider);
    check_ids(&provider, &doc);

    let id_name = |thing: &str| {
        provider
            .types
            .iter()
            .find(|t| matches!(&t.body, TypeBody::Id { thing: t } if t == thing))
            .map(|t| t.name.clone())
            .expect("the model has an id type per identified thing")
    };
    let (project, instance) = (id_name("project"), id_name("instance"));
    assert_ne!(project, "ProjectId", "the spec's own type keeps its name");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(schemas["ProjectId"]["type"], "object");
    let reference = |name: &str| json!({ "$ref": format!("#/components/schemas/{name}") });
    let param = |path: &str, method: &str, name: &str| {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .and_then(|ps| ps.iter().find(|q| q["name"] == name))
            .map(|q| q["schema"].clone())
            .unwrap_or_default()
    };

    // Project: both take min_length 1, the update also max_length 32.
    assert_eq!(schemas[&project]["minLength"], 1);
    assert!(schemas[&project].get("maxLength").is_none());
    assert_eq!(
        param("/p/{project_id}", "get", "project_id"),
        reference(&project)
    );
    assert_eq!(
        param("/p/{project_id}", "put", "project_id"),
        json!({ "allOf": [reference(&project), { "maxLength": 32 }] })
    );
    // Instance: the same pattern in a query and in a form body, so both are the plain reference.
    assert_eq!(schemas[&instance]["pattern"], "^i-[0-9a-f]+$");
    assert_eq!(
        param("/p/{project_id}", "get", "instance"),
        reference(&instance)
    );
    let body = &schemas["UpdateThingRequest"]["properties"]["instance"];
    assert_eq!(body["$ref"], reference(&instance)["$ref"]);
    assert_eq!(body["description"], "Instance.");
}

const IDS: &str = r#"
provider:
  id: ids
  title: Ids
  description: A purpose-made spec.
  base_url: "https://example.test"
  sources: [{ file: p.txt, sha256: "00", language: en, title: P }]
types:
  ProjectId:
    description: A type whose name the id type of projects would otherwise take.
    fields:
      - { name: id, description: Id., required: true, schema: { type: string } }
operations:
  - id: get_thing
    summary: Get.
    source: p.txt
    effect: read
    method: GET
    path: /p/{project_id}
    request:
      parameters:
        - { name: project_id, in: path, description: Project., required: true, schema: { type: string, min_length: 1 }, identifies: project }
        - { name: instance, in: query, description: Instance., schema: { type: string, pattern: "^i-[0-9a-f]+$" }, identifies: instance }
    response: { status: 200, schema: { type: ref, ref: ProjectId } }
  - id: update_thing
    summary: Update.
    source: p.txt
    effect: update
    method: PUT
    path: /p/{project_id}
    request:
      body: urlencoded
      parameters:
        - { name: project_id, in: path, description: Project., required: true, schema: { type: string, min_length: 1, max_length: 32 }, identifies: project }
        - { name: instance, in: body, description: Instance., required: true, schema: { type: string, pattern: "^i-[0-9a-f]+$" }, identifies: instance }
    response: { status: 204, schema: { type: unit } }
"#;

/// The checks of [`identified_parameters_refer_to_their_id_component`] on one document.
fn check_ids(p: &RustProvider, doc: &Value) {
    let provider = &p.spec.provider.id;
    for o in &p.operations {
        for (f, param) in o.params.iter().zip(&o.op.request.parameters) {
            let Some(thing) = &param.identifies else {
                continue;
            };
            let at = format!("{provider}: {}.{}", o.op.id, param.name);
            let Ty::Named(name) = &f.ty else {
                panic!("{at}: identifies {thing} but the model gives it no id type");
            };
            let target = format!("#/components/schemas/{name}");
            let expected = expected_constraints(&param.schema);
            let candidates = exported_schemas(doc, o.op, param);
            assert!(!candidates.is_empty(), "{at}: not exported");
            // On an address several operations share, one alternative is this operation's.
            let found = candidates.iter().find(|s| {
                let refers = s["$ref"] == target || s["allOf"][0]["$ref"] == target;
                refers && effective_constraints(doc, s).0 == expected
            });
            let Some(schema) = found else {
                panic!("{at}: no exported schema refers to {target} with constraints {expected:?}: {candidates:?}");
            };
            let component = &doc["components"]["schemas"][name.as_str()];
            assert_eq!(component["type"], "string", "{at}");
            assert_eq!(component["x-identifies"], json!(thing), "{at}");
            assert!(
                component["description"]
                    .as_str()
                    .is_some_and(|d| !d.is_empty()),
                "{at}"
            );
            // Every documented value of the parameter satisfies its exported patterns.
            for ex in o.op.examples.iter().filter_map(|e| e.request.as_ref()) {
                let value = match param.location {
                    spec::format::Location::Path => ex.path.get(&param.name).cloned(),
                    spec::format::Location::Query => ex.query.get(&param.name).cloned(),
                    spec::format::Location::Header => ex.headers.get(&param.name).cloned(),
                    spec::format::Location::Body => ex
                        .body
                        .as_ref()
                        .and_then(|b| b[&param.name].as_str())
                        .map(str::to_owned),
                };
                let Some(value) = value else { continue };
                for re in &effective_constraints(doc, schema).1 {
                    let re = regex::Regex::new(re).expect("pattern compiles");
                    assert!(re.is_match(&value), "{at}: {value:?} against {re}");
                }
            }
        }
    }
}

/// The schemas the export gives parameter `param` of `op`: its parameter entry's (or each
/// alternative of it), or for a body parameter its property in each body of the address.
fn exported_schemas(
    doc: &Value,
    op: &spec::format::Operation,
    param: &spec::format::Parameter,
) -> Vec<Value> {
    let operation = &doc["paths"][op.path.as_str()][op.method.as_str().to_ascii_lowercase()];
    let mut found = Vec::new();
    if param.location == spec::format::Location::Body {
        walk(&operation["requestBody"], &mut |key, value| {
            if key == "$ref" {
                let pointer = value.as_str().unwrap_or_default().trim_start_matches('#');
                let body = doc.pointer(pointer).cloned().unwrap_or_default();
                if let Some(s) = body["properties"].get(&param.name) {
                    found.push(s.clone());
                }
            }
        });
    } else if let Some(ps) = operation["parameters"].as_array() {
        for q in ps {
            if q["name"] == param.name.as_str() && q["in"] == param.location.as_str() {
                match q["schema"]["anyOf"].as_array() {
                    Some(alternatives) => found.extend(alternatives.iter().cloned()),
                    None => found.push(q["schema"].clone()),
                }
            }
        }
    }
    found
}

/// String constraints, read either from the spec or from an exported schema.
#[derive(Debug, Default, PartialEq)]
struct Constraints {
    min_length: Vec<u64>,
    max_length: Vec<u64>,
    forbidden_chars: Vec<String>,
    formats: Vec<String>,
    /// How many patterns: the spec's own, forbidden characters and a format's each add one.
    patterns: usize,
}

fn expected_constraints(s: &spec::format::Schema) -> Constraints {
    Constraints {
        min_length: s.min_length.map(|v| v as u64).into_iter().collect(),
        max_length: s.max_length.map(|v| v as u64).into_iter().collect(),
        forbidden_chars: s.forbidden_chars.clone().into_iter().collect(),
        formats: s.format.map(|f| f.name().to_owned()).into_iter().collect(),
        patterns: [
            s.pattern.is_some(),
            s.forbidden_chars.is_some(),
            s.format.is_some(),
        ]
        .into_iter()
        .filter(|b| *b)
        .count(),
    }
}

/// The constraints a schema puts on a value, its references and `allOf` members followed,
/// and its patterns.
fn effective_constraints(doc: &Value, s: &Value) -> (Constraints, Vec<String>) {
    let mut c = Constraints::default();
    let mut patterns = Vec::new();
    collect(doc, s, &mut c, &mut patterns);
    c.patterns = patterns.len();
    (c, patterns)
}

fn collect(doc: &Value, s: &Value, c: &mut Constraints, patterns: &mut Vec<String>) {
    if let Some(r) = s["$ref"].as_str() {
        let target = doc
            .pointer(r.trim_start_matches('#'))
            .expect("reference resolves");
        collect(doc, target, c, patterns);
    }
    if let Some(v) = s["minLength"].as_u64() {
        c.min_length.push(v);
    }
    if let Some(v) = s["maxLength"].as_u64() {
        c.max_length.push(v);
    }
    if let Some(v) = s["x-forbidden-chars"].as_str() {
        c.forbidden_chars.push(v.to_owned());
    }
    for key in ["format", "x-format"] {
        if let Some(v) = s[key].as_str() {
            c.formats.push(v.to_owned());
        }
    }
    if let Some(v) = s["pattern"].as_str() {
        patterns.push(v.to_owned());
    }
    for member in s["allOf"].as_array().into_iter().flatten() {
        collect(doc, member, c, patterns);
    }
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
