//! A provider whose XML is mapped to JSON unlike BILLmanager's (text under `"#text"`,
//! attributes prefixed `@`, a `fault` element with `code` and `text`) is YAML alone: the
//! validator, the model, the Rust client, the OpenAPI export and the docs read its envelope's
//! declared convention. The runtime's side is unit-tested in `runtime` (envelope, transport).

use std::path::{Path, PathBuf};

use codegen::render::{self, openapi};
use serde_json::{json, Value};
use spec::format::Envelope;
use spec::model::Outcome;
use spec::validate::{load_and_validate, Validated};

fn spec_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/xml_convention.yaml")
}

fn validated() -> Validated {
    load_and_validate(&[spec_path()], None)
        .unwrap_or_else(|d| panic!("the XML convention spec should validate:\n{d}"))
}

/// The spec's one XML-as-JSON envelope and its convention, read from the spec itself.
fn convention(v: &Validated) -> (String, String, String) {
    let f = v.files().first().expect("one spec");
    let op = f.spec.operations.first().expect("an operation");
    match &op.response.envelope {
        Some(Envelope::XmlJson {
            text_key,
            attribute_prefix,
            error_fields,
            ..
        }) => (
            text_key.clone(),
            attribute_prefix.clone(),
            error_fields.kind.clone(),
        ),
        other => panic!("expected an xml_json envelope, got {other:?}"),
    }
}

#[test]
fn the_documented_answer_reads_as_plain_items() {
    let v = validated();
    let (text_key, prefix, _) = convention(&v);
    assert_ne!((text_key.as_str(), prefix.as_str()), ("$", "$"));
    let model = spec::model::Model::build(&v).expect("model");
    let outcomes: Vec<&Outcome> = model
        .providers
        .iter()
        .flat_map(|p| &p.operations)
        .flat_map(|o| &o.examples)
        .filter_map(|e| e.outcome.as_ref())
        .collect();
    assert_eq!(
        outcomes,
        vec![&Outcome::Payload(json!([
            {"id": "5", "name": "nightly"},
            {"id": "6", "name": "weekly"}
        ]))]
    );
}

#[test]
fn a_body_in_another_convention_is_refused() {
    let v = validated();
    let (text_key, prefix, _) = convention(&v);
    let text = std::fs::read_to_string(spec_path()).expect("read spec");
    // The documented body rewritten into the `$` convention, the declaration left alone.
    let body_start = text.find("    examples:").expect("examples");
    let (head, body) = text.split_at(body_start);
    let body = body
        .replace(&format!("\"{text_key}\""), "\"$\"")
        .replace(&format!("\"{prefix}"), "\"$");
    let dir = std::env::temp_dir().join(format!("xml-convention-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let path = dir.join("spec.yaml");
    std::fs::write(&path, format!("{head}{body}")).expect("write");
    let result = load_and_validate(std::slice::from_ref(&path), None);
    let _ = std::fs::remove_dir_all(&dir);
    let Err(problems) = result else {
        panic!("the rewritten body should not validate");
    };
    assert!(problems.to_string().contains("payload"), "{problems}");
}

#[test]
fn every_renderer_carries_the_declared_convention() {
    let v = validated();
    let (text_key, prefix, kind) = convention(&v);
    let id = &v.files()[0].spec.provider.id;
    let files = render::render_all(&v).expect("render");
    let file = |p: String| {
        files
            .iter()
            .find(|f| f.path == Path::new(&p))
            .unwrap_or_else(|| panic!("no {p}"))
            .contents
            .clone()
    };
    let module = file(format!("src/{id}.rs"));
    for wanted in [
        format!("text_key: \"{text_key}\""),
        format!("attribute_prefix: \"{prefix}\""),
        format!("kind: \"{kind}\""),
        "object: None".to_string(),
    ] {
        assert!(module.contains(&wanted), "no `{wanted}` in the module");
    }
    let docs = file(format!("docs/{id}.md"));
    assert!(
        docs.contains(&format!("element text under `{text_key}`"))
            && docs.contains(&format!("attributes prefixed `{prefix}`"))
            && docs.contains(&format!("kind `{kind}`")),
        "{docs}"
    );

    // The wire schema of the item: the element text under the text key, the attribute form
    // of each scalar field, and no trace of the `$` convention.
    let model = codegen::model::RustModel::build(&v).expect("model");
    let doc = openapi::document(&model.providers[0]);
    let item = &doc["components"]["schemas"]["ItemXml"];
    let props = item["properties"].as_object().expect("ItemXml properties");
    for field in ["id", "name"] {
        assert_eq!(
            props[field]["required"],
            json!([text_key]),
            "{field}: {item}"
        );
        assert!(props.contains_key(&format!("{prefix}{field}")), "{item}");
    }
    let text = doc.to_string();
    assert!(
        !text.contains("\"$id\"") && !text.contains("\"$\":"),
        "{text}"
    );
    let envelope: &Value = &doc["paths"]["/items"]["get"]["responses"]["200"]["content"]
        ["application/json"]["schema"]["x-envelope"];
    assert_eq!(envelope["error_fields"]["kind"], json!(kind), "{envelope}");
}
