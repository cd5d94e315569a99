//! The model's one reading of where secrets travel and which secret values the examples
//! document: the credential of each operation and every `role: secret` parameter, in any
//! location, from a purpose-made spec (no provider's).

use spec::format::{Location, Spec};
use spec::model::ProviderModel;

const SPEC: &str = r#"
provider:
  id: secrets_demo
  title: Secrets demo
  description: Invented.
  base_url: "https://demo.example.com"
  sources:
    - { file: page.txt, sha256: "00", language: en, title: Page }
  version: "1"
auth:
  header_token: { in: header, name: X-Token, description: Header token. }
  form_token: { in: form, name: auth, description: Form token. }
  query_token: { in: query, name: access-token, description: Query token. }
operations:
  - id: by_header
    summary: Header credential, secrets in the path and the query.
    source: page.txt
    effect: read
    method: GET
    path: /keys/{key}
    auth: header_token
    request:
      parameters:
        - { name: key, in: path, description: A key., required: true, schema: { type: string }, role: secret }
        - { name: otp, in: query, description: A one-time code., schema: { type: string }, role: secret }
        - { name: plain, in: query, description: Not secret., schema: { type: string } }
    response: { status: 200, schema: { type: unit } }
    examples:
      - name: one
        summary: One.
        request:
          path: { key: path-secret }
          query: { otp: "123456", plain: visible }
          headers: { x-token: header-secret }
      - name: empty
        summary: An empty credential is no secret.
        request:
          path: { key: "" }
          headers: { X-Token: "" }
  - id: by_form
    summary: Form credential and a secret header and body field.
    source: page.txt
    effect: create
    method: POST
    path: /
    auth: form_token
    request:
      body: urlencoded
      parameters:
        - { name: pin, in: body, description: A PIN., schema: { type: integer }, role: secret }
        - { name: X-Api-Key, in: header, description: A key., schema: { type: string }, role: secret }
    response: { status: 200, schema: { type: unit } }
    examples:
      - name: posted
        summary: Posted.
        request:
          headers: { X-Api-Key: header-secret-and-more }
          body: { auth: form-secret, pin: 4321 }
      - name: response_only
        summary: No request of its own.
        response: { status: 200 }
  - id: by_query
    summary: Query credential, documented twice.
    source: page.txt
    effect: read
    method: GET
    path: /q
    auth: query_token
    request: { parameters: [] }
    response: { status: 200, schema: { type: unit } }
    examples:
      - name: first
        summary: First.
        request: { query: { access-token: form-secret } }
"#;

fn spec() -> Spec {
    serde_yaml::from_str(SPEC).expect("the demo spec parses")
}

#[test]
fn every_secret_value_of_the_examples_longest_first() {
    let spec = spec();
    let model = ProviderModel::build(&spec, "tests/secrets_demo.yaml".into()).expect("model");
    assert_eq!(
        model.example_secrets(),
        vec![
            "header-secret-and-more",
            "header-secret",
            "form-secret",
            "path-secret",
            "123456",
            "4321",
        ]
    );
}

#[test]
fn secret_places_are_the_credential_then_secret_parameters() {
    let spec = spec();
    let model = ProviderModel::build(&spec, "tests/secrets_demo.yaml".into()).expect("model");
    let places: Vec<Vec<(Location, &str)>> =
        model.operations.iter().map(|o| o.secret_places()).collect();
    assert_eq!(
        places,
        vec![
            vec![
                (Location::Header, "X-Token"),
                (Location::Path, "key"),
                (Location::Query, "otp"),
            ],
            vec![
                (Location::Body, "auth"),
                (Location::Body, "pin"),
                (Location::Header, "X-Api-Key"),
            ],
            vec![(Location::Query, "access-token")],
        ]
    );
    assert_eq!(
        model.secret_field_names(),
        vec!["otp", "auth", "pin", "access-token"]
    );
}
