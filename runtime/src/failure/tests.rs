//! Failure matching and decoding from the bytes held against the tree path (parse, redact
//! every string with `redact_value`, match with `ErrorCase::matches`, `from_value`), on
//! hand-picked and seeded random bodies, with credentials echoed plain, JSON-escaped and in
//! member names.

use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{documented, Unreadable};
use crate as runtime;
use crate::envelope::test_mappings::{AT, DOLLAR};
use crate::envelope::XmlJson;
use crate::error::{ErrorCase, OpError};
use crate::secret::{redact, redact_value, Secret};

const TOKEN: &str = "tok3n";
const QUERY_NAME: &str = "access_token";

fn redactor(text: &str) -> Option<String> {
    let out = redact(text, &[&Secret::new(TOKEN)], &[QUERY_NAME]);
    (out != text).then_some(out)
}

#[derive(Debug, PartialEq, Deserialize, serde::Serialize)]
struct Coded {
    code: i64,
    message: Option<String>,
}

#[derive(Debug, PartialEq)]
enum Fail {
    Text(Value),
    Numbered(Coded),
    Flagged(Value),
    Messaged(Coded),
    Doc(Value),
}

impl OpError for Fail {
    const CASES: &'static [ErrorCase] = &[
        ErrorCase::new("text", 400).equals(&[("code", "\"E1\"")]),
        ErrorCase::new("numbered", 400)
            .fields(&["message"])
            .equals(&[("code", "7")]),
        ErrorCase::new("flagged", 409).equals(&[("ok", "false"), ("detail", "{\"a\":[1]}")]),
        ErrorCase::new("messaged", 400)
            .any_status()
            .fields(&["message", "code"]),
        ErrorCase::new("doc", 200).any_status().fields(&["doc"]),
    ];
    runtime::decl::op_error_methods!(Text = 0, Numbered = 1, Flagged = 2, Messaged = 3, Doc = 4);
}

#[derive(Debug, PartialEq)]
enum Outcome {
    Found(Fail),
    None,
    NotJson,
    Case,
}

fn by_tree(status: u16, enveloped: bool, xml: Option<&XmlJson>, bytes: &[u8]) -> Outcome {
    let Ok(body) = serde_json::from_slice::<Value>(bytes) else {
        return Outcome::NotJson;
    };
    let body = redact_value(body, &[&Secret::new(TOKEN)], &[QUERY_NAME]);
    let inner = match (xml, &body) {
        (Some(xml), Value::Object(m)) => m.get(xml.root).cloned(),
        _ => None,
    };
    for candidate in std::iter::once(body).chain(inner) {
        if let Some(i) = Fail::CASES
            .iter()
            .position(|c| c.matches(status, enveloped, &candidate))
        {
            return match Fail::decode(i, candidate) {
                Ok(f) => Outcome::Found(f),
                Err(_) => Outcome::Case,
            };
        }
    }
    Outcome::None
}

fn streamed(status: u16, enveloped: bool, xml: Option<&XmlJson>, bytes: &[u8]) -> Outcome {
    match documented::<Fail>(status, enveloped, xml, bytes, &redactor) {
        Ok(Some(f)) => Outcome::Found(f),
        Ok(None) => Outcome::None,
        Err(Unreadable::NotJson(_)) => Outcome::NotJson,
        Err(Unreadable::Case(_)) => Outcome::Case,
    }
}

/// Both paths agree on `bytes` under every status, with and without an envelope, and every
/// mapping; returns the streamed outcome under 400 without either.
fn agree(bytes: &[u8]) -> Outcome {
    for status in [200, 400, 409, 500] {
        for enveloped in [false, true] {
            for xml in [None, Some(&DOLLAR)] {
                assert_eq!(
                    streamed(status, enveloped, xml, bytes),
                    by_tree(status, enveloped, xml, bytes),
                    "HTTP {status}, enveloped {enveloped}, xml {}: {}",
                    xml.is_some(),
                    String::from_utf8_lossy(bytes)
                );
            }
        }
    }
    streamed(400, false, None, bytes)
}

/// The body's text with the first letter of every echoed credential JSON-escaped.
fn escaped(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    text.replace(
        TOKEN,
        &format!("\\u{:04x}{}", TOKEN.as_bytes()[0], &TOKEN[1..]),
    )
    .into_bytes()
}

#[test]
fn hand_picked_failures_agree() {
    let bodies = [
        json!({"code": "E1", "message": "bad"}),
        json!({"code": 7, "message": "seven"}),
        json!({"code": 7.0, "message": "seven"}),
        json!({"code": 7}),
        json!({"ok": false, "detail": {"a": [1]}}),
        json!({"ok": false, "detail": {"a": [2]}}),
        json!({"ok": false, "detail": "{\"a\":[1]}"}),
        json!({"message": "m", "code": "x"}),
        json!({"message": "m", "code": 3, "extra": {"deep": [TOKEN]}}),
        json!({"doc": {"error": {"$type": "access"}}}),
        json!({"other": {"code": 7, "message": "m"}}),
        json!({"doc": {"code": 7, "message": format!("echo {TOKEN}")}}),
        json!({"doc": {"code": "E1"}}),
        json!({"doc": 5}),
        json!([{"code": "E1"}]),
        json!("E1"),
        json!(null),
        json!({"code": TOKEN, "message": "m"}),
        json!({TOKEN: 1, "code": 2, "message": format!("see {QUERY_NAME}=abc&x")}),
        json!({"code": "E1", "code": "E2"}),
    ];
    for body in &bodies {
        let bytes = serde_json::to_vec(body).expect("serializes");
        agree(&bytes);
        agree(&escaped(&bytes));
    }
    for text in [
        &b"{\"code\":\"E1\"} trailing"[..],
        b"{\"code\":",
        b"",
        b"  ",
    ] {
        assert_eq!(agree(text), Outcome::NotJson);
    }
    // A duplicate member: the last one counts, as in the tree.
    assert!(matches!(
        agree(br#"{"code":"E2","code":"E1"}"#),
        Outcome::Found(Fail::Text(_))
    ));
}

#[test]
fn echoed_credentials_never_reach_the_decoded_failure() {
    let body = format!(
        r#"{{"code":3,"message":"token \u0074ok3n and {TOKEN} at /x?{QUERY_NAME}=secret1&y=2","{TOKEN}":"k","nested":{{"{TOKEN}x":["{TOKEN}"]}}}}"#
    );
    let Outcome::Found(Fail::Messaged(coded)) = streamed(400, false, None, body.as_bytes()) else {
        panic!("the messaged case");
    };
    let message = coded.message.expect("a message");
    assert_eq!(
        message,
        format!("token [redacted] and [redacted] at /x?{QUERY_NAME}=[redacted]&y=2")
    );
    // Member names too, at any depth (a `Value` payload keeps them).
    let body = format!(r#"{{"doc":{{"\u0074ok3n":{{"k{TOKEN}":"{TOKEN}"}}}}}}"#);
    let Outcome::Found(Fail::Doc(doc)) = streamed(500, false, Some(&DOLLAR), body.as_bytes())
    else {
        panic!("the doc case");
    };
    let shown = format!("{doc:?} {doc}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert_eq!(
        doc,
        json!({"doc": {"[redacted]": {"k[redacted]": "[redacted]"}}})
    );
}

#[test]
fn failures_under_the_xml_root_are_matched_there() {
    // Not the body's own shape, but its root member's: decoded from the root's text.
    let body = br#"{"response":{"code":7,"message":"inside"},"code":1}"#;
    assert_eq!(
        streamed(400, false, Some(&AT), body),
        Outcome::Found(Fail::Numbered(Coded {
            code: 7,
            message: Some("inside".into())
        }))
    );
    // The body's own shape comes first; without a mapping the root is not looked into.
    assert!(matches!(streamed(400, false, None, body), Outcome::None));
    assert_eq!(
        streamed(400, false, Some(&AT), body),
        by_tree(400, false, Some(&AT), body)
    );
}

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn random_value(rng: &mut Rng, depth: u32) -> Value {
    let message = format!("m {TOKEN}");
    match rng.below(if depth > 2 { 9 } else { 11 }) {
        0 => Value::Null,
        1 => json!(false),
        2 => json!(7),
        3 => json!(7.0),
        4 => json!("E1"),
        5 => json!(message),
        6 => json!({"a": [1]}),
        7 => json!(TOKEN),
        8 => json!(format!("{QUERY_NAME}=zz")),
        9 => Value::Array(
            (0..rng.below(3))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => random_object(rng, depth + 1),
    }
}

fn random_object(rng: &mut Rng, depth: u32) -> Value {
    let names = ["code", "message", "ok", "detail", "doc", "x", TOKEN];
    let mut m = Map::new();
    for _ in 0..rng.below(5) {
        let name = names[rng.below(names.len() as u64) as usize];
        m.insert(name.into(), random_value(rng, depth));
    }
    Value::Object(m)
}

#[test]
fn random_failures_agree_with_the_tree_path() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut found = 0;
    for _ in 0..1500 {
        let body = if rng.below(8) == 0 {
            random_value(&mut rng, 0)
        } else {
            random_object(&mut rng, 0)
        };
        let bytes = serde_json::to_vec(&body).expect("serializes");
        if matches!(agree(&bytes), Outcome::Found(_)) {
            found += 1;
        }
        agree(&escaped(&bytes));
    }
    assert!(found > 100, "{found} bodies were documented failures");
}

#[test]
fn failure_cases_match_by_shape_and_status() {
    let case = ErrorCase {
        name: "unauthorized",
        status: 401,
        status_documented: true,
        has_fields: &["name", "message"],
        equals: &[("name", "\"Unauthorized\"")],
        retryable: false,
    };
    let body = json!({"name": "Unauthorized", "message": "no", "code": 0});
    assert!(case.matches(401, false, &body));
    assert!(!case.matches(403, false, &body));
    assert!(!case.matches(401, false, &json!({"name": "Other", "message": "no"})));
    let any = ErrorCase {
        status_documented: false,
        ..case
    };
    assert!(any.matches(500, false, &body));
}

/// A case table shared with the spec side's tests (`spec/tests/cases/`), read at test time.
pub(crate) fn shared_table(name: &str) -> Vec<Value> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../spec/tests/cases")
        .join(name);
    let text = std::fs::read_to_string(&path).expect("the shared case table is checked in");
    let table: Value = serde_json::from_str(&text).expect("the table is JSON");
    let rows = table["rows"].as_array().expect("rows").clone();
    assert!(!rows.is_empty(), "{name} has cases");
    rows
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// A table case as a generated client declares it.
fn declared(c: &Value) -> ErrorCase {
    let mut case = ErrorCase::new(
        leak(c["name"].as_str().expect("name")),
        c["status"].as_u64().expect("status") as u16,
    );
    if c.get("status_documented") == Some(&json!(false)) {
        case = case.any_status();
    }
    if let Some(fields) = c.get("has_fields").and_then(Value::as_array) {
        let fields: Vec<&'static str> = fields
            .iter()
            .map(|f| leak(f.as_str().expect("a name")))
            .collect();
        case = case.fields(Vec::leak(fields));
    }
    if let Some(equals) = c.get("equals").and_then(Value::as_object) {
        let equals: Vec<(&'static str, &'static str)> = equals
            .iter()
            .map(|(k, v)| (leak(k), leak(&v.to_string())))
            .collect();
        case = case.equals(Vec::leak(equals));
    }
    case
}

#[test]
fn error_matching_follows_the_table_shared_with_the_spec() {
    let no_redaction = |_: &str| None;
    for row in shared_table("error_matching.json") {
        let cases: Vec<ErrorCase> = row["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(declared)
            .collect();
        let status = row["status"].as_u64().expect("status") as u16;
        let enveloped = row["enveloped"].as_bool().expect("enveloped");
        let body = &row["body"];
        let expect = row["expect"].as_str();
        let tree = cases.iter().find(|c| c.matches(status, enveloped, body));
        assert_eq!(tree.map(|c| c.name), expect, "tree: {}", row["name"]);
        let text = body.to_string();
        let members: Map<String, Value> = serde_json::from_str(&text).expect("an object body");
        let raw: Vec<(String, Box<serde_json::value::RawValue>)> = members
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::value::to_raw_value(v).expect("raw")))
            .collect();
        let raw: Vec<(&str, &serde_json::value::RawValue)> =
            raw.iter().map(|(k, v)| (k.as_str(), &**v)).collect();
        let streamed = cases.iter().find(|c| {
            super::matches(c, status, enveloped, &raw, &no_redaction).expect("readable members")
        });
        assert_eq!(
            streamed.map(|c| c.name),
            expect,
            "one pass: {}",
            row["name"]
        );
    }
}
