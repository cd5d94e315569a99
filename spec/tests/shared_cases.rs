//! The spec side of the case tables in `tests/cases/` that the runtime's tests run too
//! (`runtime/src/failure/tests.rs`, `runtime/src/envelope/tests.rs`): the two sides share
//! the cases as data, never code, so each reading is held to the same answers.

use serde_json::{json, Value};
use spec::envelope::{payload, Unwrapped};
use spec::errors::first_fitting;
use spec::format::{Envelope, ErrorCase, Schema};

fn table(name: &str) -> Vec<Value> {
    let path = super::common::root().join("spec/tests/cases").join(name);
    let text = std::fs::read_to_string(&path).expect("the case table is checked in");
    let rows = serde_json::from_str::<Value>(&text).expect("the table is JSON")["rows"].clone();
    let rows = rows.as_array().expect("rows").clone();
    assert!(!rows.is_empty(), "{name} has cases");
    rows
}

/// A table case as the spec format writes it.
fn error_case(c: &Value) -> ErrorCase {
    serde_json::from_value(json!({
        "name": c["name"],
        "description": "",
        "status": c["status"],
        "status_documented": c.get("status_documented").cloned().unwrap_or(json!(true)),
        "schema": { "type": "string" },
        "match": {
            "has_fields": c.get("has_fields").cloned().unwrap_or(json!([])),
            "equals": c.get("equals").cloned().unwrap_or(json!({})),
        },
    }))
    .expect("a table case reads as an error case")
}

#[test]
fn error_matching_follows_the_shared_table() {
    for row in table("error_matching.json") {
        let cases: Vec<ErrorCase> = row["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(error_case)
            .collect();
        let status = row["status"].as_u64().expect("status") as u16;
        let enveloped = row["enveloped"].as_bool().expect("enveloped");
        let found = first_fitting(&cases, status, &row["body"], enveloped).map(|c| c.name.as_str());
        assert_eq!(found, row["expect"].as_str(), "{}", row["name"]);
    }
}

#[test]
fn envelopes_follow_the_shared_table() {
    for row in table("envelopes.json") {
        let envelope: Envelope =
            serde_json::from_value(row["envelope"].clone()).expect("a table envelope reads");
        let schema: Schema = serde_json::from_value(if row["list"] == json!(true) {
            json!({ "type": "array", "items": { "type": "string" } })
        } else {
            json!({ "type": "string" })
        })
        .expect("a schema");
        let got = match payload(Some(&envelope), &row["body"], &schema) {
            Ok(p) => json!({ "payload": p }),
            Err(Unwrapped::ResultCode {
                scope,
                code,
                message,
            }) => {
                json!({ "result_code": { "scope": scope, "code": code, "message": message } })
            }
            Err(Unwrapped::XmlError {
                kind,
                object,
                message,
            }) => {
                json!({ "xml_error": { "kind": kind, "object": object, "message": message } })
            }
            Err(Unwrapped::Malformed(_)) => json!("malformed"),
        };
        assert_eq!(got, row["expect"], "{}", row["name"]);
    }
}
