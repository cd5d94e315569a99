//! The documented example resolved once (`spec::model::wire`): what it puts on the wire and
//! the typed values a client is called with, decoded as the mock decodes; a value that
//! decoding refuses is refused by `validate` at its line, so no generated test can read an
//! example otherwise than the mock does. A purpose-made spec, no provider's.

use serde_json::json;
use spec::format::{Location, Spec};
use spec::model::{ProviderModel, Slot, PLACEHOLDER_CREDENTIAL};

const SPEC: &str = r#"provider:
  id: wire_demo
  title: Wire demo
  description: Invented.
  base_url: "https://demo.example.com"
  sources:
    - { file: page.txt, sha256: "0000000000000000000000000000000000000000000000000000000000000000", language: en, title: Page }
  version: "1"
auth:
  header_token: { in: header, name: X-Token, description: Header token. }
operations:
  - id: list_items
    summary: List items.
    source: page.txt
    effect: read
    method: GET
    path: /items/{group}
    auth: header_token
    request:
      parameters:
        - { name: group, in: path, description: A group., required: true, schema: { type: string } }
        - { name: limit, in: query, description: At most., schema: { type: integer } }
        - { name: tags, in: query, description: Tags., schema: { type: array, items: { type: string }, wire: csv } }
    response: { status: 200, schema: { type: unit } }
    examples:
      - name: first
        summary: First.
        request:
          path: { group: "a/b c" }
          query: { limit: "126", tags: "x,y" }
          headers: { X-Token: documented-token }
"#;

fn spec(text: &str) -> Spec {
    serde_yaml::from_str(text).expect("the demo spec parses")
}

/// Write `text` to a fresh file and validate it: the diagnostics, when it is refused.
fn refusal(label: &str, text: &str) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("spec-model-wire-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let file = dir.join("wire_demo.yaml");
    std::fs::write(&file, text).expect("write");
    let out = spec::validate::load_and_validate(&[file], None)
        .err()
        .map(|d| d.to_string());
    std::fs::remove_dir_all(&dir).expect("clean up");
    out
}

#[test]
fn the_example_resolves_to_its_wire_request_and_typed_values() {
    assert_eq!(refusal("valid", SPEC), None, "the demo spec is valid");
    let spec = spec(SPEC);
    let model = ProviderModel::build(&spec, "tests/wire_demo.yaml".into()).expect("model");
    let ex = &model.operations[0].examples[0];
    let wire = ex.wire.as_ref().expect("a request");
    assert_eq!(wire.method, "GET");
    assert_eq!(wire.path, "/items/a%2Fb%20c");
    let pair = |k: &str, v: &str| (k.to_string(), v.to_string());
    assert_eq!(wire.query, vec![pair("limit", "126"), pair("tags", "x,y")]);
    assert_eq!(wire.headers, vec![pair("X-Token", "documented-token")]);
    assert_eq!(
        wire.credential,
        Some(Slot {
            location: Location::Header,
            name: "X-Token".into()
        })
    );
    let hidden = wire.with_secrets(PLACEHOLDER_CREDENTIAL);
    assert_eq!(
        hidden.headers,
        vec![pair("X-Token", PLACEHOLDER_CREDENTIAL)]
    );
    assert!(wire.with_credential(None).headers.is_empty());
    assert_eq!(
        serde_json::Value::Object(ex.params.clone()),
        json!({ "group": "a/b c", "limit": 126, "tags": ["x", "y"] })
    );
}

/// `" 126"` is no integer to the mock's decoding (`spec::values::decode_wire`); a lenient
/// reading would call the client with `126`. Validation refuses the example at its line, and
/// the model cannot be built from it either.
#[test]
fn a_value_the_mock_cannot_decode_is_refused_at_its_line() {
    let text = SPEC.replace(r#"limit: "126""#, r#"limit: " 126""#);
    assert_ne!(text, SPEC);
    let why = refusal("padded", &text).expect("validation refuses the padded integer");
    let line = text
        .lines()
        .position(|l| l.contains(r#"" 126""#))
        .expect("the value's line")
        + 1;
    assert!(why.contains(&format!("wire_demo.yaml:{line}")), "{why}");
    assert!(
        why.contains("`limit`") && why.contains("not an integer"),
        "{why}"
    );
    let spec = spec(&text);
    let err = ProviderModel::build(&spec, "tests/wire_demo.yaml".into()).expect_err("refused");
    assert!(err.to_string().contains("`limit`"), "{err}");
}
