//! The one-pass readers held against the tree forms, and the tree forms' own cases.

use super::test_mappings::{AT, DOLLAR};
use super::*;
use serde_json::{json, Map, Value};

fn rc(body: Value, scopes: &[&str]) -> Result<Value, EnvelopeError> {
    unwrap_result_code(body, "ret", "msg", 0, scopes)
}

#[test]
fn result_code_at_top_level_is_stripped() {
    let out = rc(json!({"ret": 0, "msg": "", "id": 3}), &[""]);
    assert_eq!(out, Ok(json!({"id": 3})));
}

#[test]
fn result_code_in_members_is_stripped_and_absent_scopes_skipped() {
    let body = json!({"apply": {"ret": 0, "msg": "ok", "id": 558}});
    let out = rc(body, &["apply", "check"]);
    assert_eq!(out, Ok(json!({"apply": {"id": 558}})));
}

#[test]
fn nonzero_code_is_a_failure_with_its_message() {
    let body = json!({"apply": {"ret": 0, "msg": ""}, "check": {"ret": 3, "msg": "denied"}});
    let err = rc(body, &["apply", "check"]).unwrap_err();
    assert_eq!(
        err,
        EnvelopeError::ResultCode {
            scope: "check".into(),
            code: 3,
            message: "denied".into()
        }
    );
    assert_eq!(err.to_string(), "result code 3 in `check`: denied");
}

#[test]
fn the_one_pass_check_agrees_with_the_unwrapping() {
    let bodies = [
        json!({"ret": 0, "msg": "", "id": 3}),
        json!({"ret": "0", "id": 3}),
        json!({"ret": 2, "msg": "no"}),
        json!({"id": 3}),
        json!([1]),
        json!({"apply": {"ret": 0, "msg": "ok", "id": 558}}),
        json!({"apply": {"ret": 0}, "check": {"ret": 3, "msg": "denied"}}),
        json!({"apply": 5}),
        json!({"apply": {"id": 1}}),
    ];
    for scopes in [&[""][..], &["apply", "check"][..]] {
        for body in &bodies {
            let bytes = serde_json::to_vec(body).expect("serializes");
            assert_eq!(
                result_codes_ok(&bytes, "ret", 0, scopes),
                rc(body.clone(), scopes).is_ok(),
                "{body} at {scopes:?}"
            );
        }
    }
    assert!(!result_codes_ok(b"{\"ret\":0} trailing", "ret", 0, &[""]));
}

/// The one-pass failure reader against the unwrapping: the same failure, or none.
fn failures_agree(body: &Value, scopes: &[&str]) {
    let bytes = serde_json::to_vec(body).expect("serializes");
    let expected = rc(body.clone(), scopes).err();
    let got = result_code_failure(&bytes, "ret", "msg", 0, scopes).expect("JSON");
    assert_eq!(got, expected, "{body} at {scopes:?}");
}

#[test]
fn the_one_pass_failure_is_the_unwrapping_one() {
    let bodies = [
        json!({"ret": 5, "msg": "no", "id": 3}),
        json!({"msg": null, "ret": "5"}),
        json!({"ret": 5, "msg": {"text": "x", "n": [1.5, true]}}),
        json!({"ret": 5, "msg": 2.0}),
        json!({"ret": 1.0}),
        json!({"ret": 9_223_372_036_854_775_808_u64}),
        json!({"ret": " 0 "}),
        json!({"ret": "zero"}),
        json!({"ret": [0]}),
        json!({"ret": null}),
        json!({"check": {"ret": 3, "msg": "denied"}, "apply": {"ret": 4, "msg": "first"}}),
        json!({"apply": {"ret": 0}, "check": "x"}),
        json!({"check": [], "apply": {"msg": "no code"}}),
        json!(null),
        json!("text"),
    ];
    for scopes in [&[""][..], &["apply", "check"][..], &["", "check"][..]] {
        for body in &bodies {
            failures_agree(body, scopes);
        }
    }
    assert!(result_code_failure(b"{\"ret\":1", "ret", "msg", 0, &[""]).is_err());
    // Escaped member names and messages are read as the tree reads them.
    let escaped = br#"{"r\u0065t":2,"msg":"\u00e9"}"#;
    assert_eq!(
        result_code_failure(escaped, "ret", "msg", 0, &[""]).expect("JSON"),
        Some(EnvelopeError::ResultCode {
            scope: String::new(),
            code: 2,
            message: "é".into()
        })
    );
}

#[test]
fn random_result_code_bodies_agree() {
    let mut state = 0x9E37_79B9_7F4A_7C15_u64;
    let mut below = move |n: u64| {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    };
    let values = [
        json!(0),
        json!(3),
        json!("0"),
        json!("4"),
        json!(null),
        json!("m"),
        json!(1.5),
        json!([1]),
        json!({"ret": 0}),
        json!({"ret": 2, "msg": "inner"}),
        json!({"msg": "x"}),
        json!(true),
    ];
    let names = ["ret", "msg", "apply", "check", "other"];
    let mut failures = 0;
    for _ in 0..2000 {
        let mut m = Map::new();
        for _ in 0..below(5) {
            let name = names[below(names.len() as u64) as usize];
            m.insert(
                name.into(),
                values[below(values.len() as u64) as usize].clone(),
            );
        }
        let body = Value::Object(m);
        for scopes in [&[""][..], &["apply", "check"][..], &["check", ""][..]] {
            failures_agree(&body, scopes);
            failures += usize::from(rc(body.clone(), scopes).is_err());
        }
    }
    assert!(failures > 1000 && failures < 5800, "{failures}");
}

#[test]
fn numeric_string_code_is_accepted() {
    assert_eq!(rc(json!({"ret": "0"}), &[""]), Ok(json!({})));
}

#[test]
fn wrong_shapes_are_malformed() {
    assert!(matches!(
        rc(json!([1]), &[""]),
        Err(EnvelopeError::Malformed(_))
    ));
    assert!(matches!(
        rc(json!({"id": 1}), &[""]),
        Err(EnvelopeError::Malformed(_))
    ));
    assert!(matches!(
        rc(json!({"apply": 5}), &["apply"]),
        Err(EnvelopeError::Malformed(_))
    ));
    assert!(matches!(
        rc(json!({"ret": true}), &[""]),
        Err(EnvelopeError::Malformed(_))
    ));
}

fn xml(body: Value, want_list: bool) -> Result<Value, EnvelopeError> {
    unwrap_xml_json(body, &DOLLAR, want_list)
}

#[test]
fn another_mapping_is_read_by_its_declared_keys() {
    let body = json!({"response": {"@lang": "en", "item": [
        {"@id": "5", "name": {"#text": "nightly"}, "$kind": "kept", "note": {"#text": "x", "@at": "1"}}
    ]}});
    assert_eq!(
        unwrap_xml_json(body.clone(), &AT, true),
        Ok(
            json!([{"id": "5", "name": "nightly", "$kind": "kept", "note": {"#text": "x", "at": "1"}}])
        )
    );
    assert_eq!(
        unwrap_xml_json(
            json!({"response": {"@n": "2", "total": {"#text": "3"}}}),
            &AT,
            false
        ),
        Ok(json!({"n": "2", "total": "3"}))
    );
    let fault = json!({"response": {"fault": {"@code": "42", "text": {"#text": "no such item"}, "$object": "x"}}});
    let err = unwrap_xml_json(fault, &AT, true).unwrap_err();
    assert_eq!(
        err,
        EnvelopeError::XmlJson {
            kind: "42".into(),
            object: None,
            message: "no such item".into()
        }
    );
    assert_eq!(err.to_string(), "error 42: no such item");
    // The BILLmanager-style mapping does not read this body.
    assert!(matches!(
        unwrap_xml_json(body, &DOLLAR, true),
        Err(EnvelopeError::Malformed(_))
    ));
}

#[test]
fn xml_list_is_flattened() {
    let body = json!({"doc": {"$lang": "en", "elem": [
        {"id": {"$": "14"}, "name": {"$": "MySchedule"}}
    ]}});
    assert_eq!(
        xml(body, true),
        Ok(json!([{"id": "14", "name": "MySchedule"}]))
    );
}

#[test]
fn xml_single_element_and_absent_list() {
    let one = json!({"doc": {"elem": {"id": {"$": "1"}}}});
    assert_eq!(xml(one, true), Ok(json!([{"id": "1"}])));
    assert_eq!(xml(json!({"doc": {}}), true), Ok(json!([])));
}

#[test]
fn xml_object_has_attributes_renamed() {
    let body = json!({"doc": {"$lang": "ru", "id": {"$": "7"}, "ok": {"$name": "x"}}});
    assert_eq!(
        xml(body, false),
        Ok(json!({"lang": "ru", "id": "7", "ok": {"name": "x"}}))
    );
}

#[test]
fn xml_error_element_is_a_failure() {
    let body =
        json!({"doc": {"error": {"$type": "access", "$object": "elid", "msg": {"$": "denied"}}}});
    let err = xml(body, true).unwrap_err();
    assert_eq!(
        err,
        EnvelopeError::XmlJson {
            kind: "access".into(),
            object: Some("elid".into()),
            message: "denied".into()
        }
    );
    assert_eq!(err.to_string(), "error access on elid: denied");
}

#[test]
fn xml_wrong_shapes_are_malformed() {
    assert!(matches!(
        xml(json!({}), false),
        Err(EnvelopeError::Malformed(_))
    ));
    assert!(matches!(
        xml(json!({"doc": 1}), false),
        Err(EnvelopeError::Malformed(_))
    ));
    assert!(matches!(
        xml(json!({"doc": {"elem": 3}}), true),
        Err(EnvelopeError::Malformed(_))
    ));
    assert!(matches!(
        xml(json!("x"), true),
        Err(EnvelopeError::Malformed(_))
    ));
}

/// What a reader made of a body, in the shared table's words.
fn shown(read: Result<Value, EnvelopeError>) -> Value {
    match read {
        Ok(payload) => json!({ "payload": payload }),
        Err(EnvelopeError::ResultCode {
            scope,
            code,
            message,
        }) => json!({ "result_code": { "scope": scope, "code": code, "message": message } }),
        Err(EnvelopeError::XmlJson {
            kind,
            object,
            message,
        }) => json!({ "xml_error": { "kind": kind, "object": object, "message": message } }),
        Err(EnvelopeError::Malformed(_)) => json!("malformed"),
    }
}

#[test]
fn envelopes_follow_the_table_shared_with_the_spec() {
    let s = |v: &Value| v.as_str().expect("a string").to_owned();
    for row in crate::failure::tests::shared_table("envelopes.json") {
        let e = &row["envelope"];
        let (body, expect, name) = (&row["body"], &row["expect"], &row["name"]);
        let bytes = body.to_string().into_bytes();
        let (tree, streamed) = match e["kind"].as_str() {
            Some("result_code") => {
                let (code, msg) = (s(&e["code_field"]), s(&e["message_field"]));
                let success = e["success"].as_i64().expect("success");
                let scopes: Vec<String> = e["scopes"]
                    .as_array()
                    .expect("scopes")
                    .iter()
                    .map(s)
                    .collect();
                let scopes: Vec<&str> = scopes.iter().map(String::as_str).collect();
                let tree = unwrap_result_code(body.clone(), &code, &msg, success, &scopes);
                let streamed = match result_code_failure(&bytes, &code, &msg, success, &scopes) {
                    Ok(Some(failure)) => Err(failure),
                    Ok(None) => tree.clone(),
                    Err(e) => panic!("{name}: not JSON: {e}"),
                };
                assert_eq!(
                    result_codes_ok(&bytes, &code, success, &scopes),
                    tree.is_ok(),
                    "{name}"
                );
                (tree, streamed)
            }
            Some("xml_json") => {
                let f = &e["error_fields"];
                let (root, list, error, text_key, prefix) = (
                    s(&e["root"]),
                    s(&e["list"]),
                    s(&e["error"]),
                    s(&e["text_key"]),
                    s(&e["attribute_prefix"]),
                );
                let (kind, object, message) = (
                    s(&f["kind"]),
                    f["object"].as_str().map(str::to_owned),
                    s(&f["message"]),
                );
                let xml = XmlJson {
                    root: &root,
                    list: &list,
                    error: &error,
                    text_key: &text_key,
                    attribute_prefix: &prefix,
                    error_fields: XmlErrorFields {
                        kind: &kind,
                        object: object.as_deref(),
                        message: &message,
                    },
                };
                let want_list = row["list"] == json!(true);
                let tree = unwrap_xml_json(body.clone(), &xml, want_list);
                let streamed = match crate::xmljson::from_slice::<Value>(&bytes, &xml, want_list) {
                    Ok(v) => Ok(v),
                    Err(crate::xmljson::Failure::Envelope(e)) => Err(e),
                    Err(crate::xmljson::Failure::Decode(e)) => panic!("{name}: {e}"),
                };
                (tree, streamed)
            }
            other => panic!("{name}: no envelope kind {other:?}"),
        };
        assert_eq!(&shown(tree), expect, "tree: {name}");
        assert_eq!(&shown(streamed), expect, "one pass: {name}");
    }
}
