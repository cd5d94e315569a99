//! Unit tests of the runtime: constraint checks, wire encodings, redaction, failure matching,
//! and that transport errors never carry a credential.

use runtime::check::validate;
use runtime::secret::redact;
use runtime::{Check, Checker, Secret};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// A hand-written stand-in for a generated request.
#[derive(Debug, Serialize, Deserialize, PartialEq)]
struct Backup {
    name: String,
    #[serde(with = "runtime::wire::string")]
    set_id: i64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "runtime::wire::csv"
    )]
    days: Option<Vec<i32>>,
    #[serde(default, skip_serializing_if = "runtime::Nullable::is_absent")]
    note: runtime::Nullable<String>,
}

impl Check for Backup {
    fn check(&self, c: &mut Checker, at: &str) {
        c.length(at, "name", &self.name, Some(4), Some(64));
        c.pattern(
            at,
            "name",
            &self.name,
            "[A-Za-z][A-Za-z0-9_-]*",
            "a letter, then letters, digits, - or _",
        );
        c.forbidden(at, "name", &self.name, ">!<\"&'=");
        if let Some(days) = &self.days {
            for d in days {
                c.range(at, "days[]", i64::from(*d), Some(0), Some(6));
            }
        }
    }
}

fn backup(name: &str) -> Backup {
    Backup {
        name: name.into(),
        set_id: 126,
        days: Some(vec![1, 5]),
        note: runtime::Nullable::Absent,
    }
}

#[test]
fn constraints_name_field_and_rule() {
    assert!(validate(&backup("nightly_1")).is_ok());
    let err = validate(&Backup {
        days: Some(vec![7]),
        ..backup("1a")
    })
    .unwrap_err();
    let fields: Vec<&str> = err.violations.iter().map(|v| v.field.as_str()).collect();
    assert_eq!(fields, ["name", "name", "days[]"]);
    let text = err.to_string();
    assert!(
        text.contains("`name` must be at least 4 characters (got 2)"),
        "{text}"
    );
    assert!(
        text.contains("`days[]` must be at most 6 (got 7)"),
        "{text}"
    );
    let err = validate(&backup("bad<name")).unwrap_err();
    assert!(err.to_string().contains("free of any of"), "{err}");
}

#[test]
fn formats_are_whole_value_patterns() {
    let mut c = Checker::new();
    c.pattern(
        "",
        "at",
        "02:01",
        r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
        "HH:MM",
    );
    c.pattern(
        "",
        "at",
        "24:00",
        r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
        "HH:MM",
    );
    c.pattern("", "p", "abc1", "[a-z]+", "letters");
    let err = c.finish().unwrap_err();
    assert_eq!(err.violations.len(), 2);
}

#[test]
fn string_integers_go_out_as_strings_and_are_read_either_way() {
    let out = serde_json::to_value(backup("nightly")).unwrap();
    assert_eq!(out["set_id"], json!("126"));
    assert_eq!(out["days"], json!("1,5"));
    assert!(out.get("note").is_none(), "absent stays absent");
    let a: Backup = serde_json::from_value(json!({"name": "nightly", "set_id": "126"})).unwrap();
    let b: Backup = serde_json::from_value(json!({"name": "nightly", "set_id": 126})).unwrap();
    assert_eq!(a, b);
    assert!(serde_json::from_value::<Backup>(json!({"name": "x", "set_id": "12a"})).is_err());
}

#[test]
fn csv_arrays_read_from_string_or_array() {
    let a: Backup =
        serde_json::from_value(json!({"name": "n", "set_id": 1, "days": "0, 6"})).unwrap();
    let b: Backup =
        serde_json::from_value(json!({"name": "n", "set_id": 1, "days": [0, 6]})).unwrap();
    assert_eq!(a.days, Some(vec![0, 6]));
    assert_eq!(a, b);
}

#[test]
fn null_and_absent_stay_distinct() {
    let absent: Backup = serde_json::from_value(json!({"name": "n", "set_id": 1})).unwrap();
    let null: Backup =
        serde_json::from_value(json!({"name": "n", "set_id": 1, "note": null})).unwrap();
    let set: Backup =
        serde_json::from_value(json!({"name": "n", "set_id": 1, "note": "x"})).unwrap();
    assert_eq!(absent.note, runtime::Nullable::Absent);
    assert_eq!(null.note, runtime::Nullable::Null);
    assert_eq!(set.note, runtime::Nullable::Value("x".into()));
    assert_eq!(serde_json::to_value(&null).unwrap()["note"], json!(null));
}

#[test]
fn secrets_are_redacted() {
    let s = Secret::new("tok-123");
    assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
    let text = "error for url (http://h/x?cmd=1&access-token=tok-123&a=b): tok-123";
    let out = redact(text, &[&s], &["access-token"]);
    assert!(!out.contains("tok-123"), "{out}");
    assert!(out.contains("access-token=[redacted]&a=b"), "{out}");
}

#[derive(Debug, Clone, PartialEq)]
enum NoErrors {}

impl runtime::OpError for NoErrors {
    const CASES: &'static [runtime::ErrorCase] = &[];
    fn decode<'de, D: serde::Deserializer<'de>>(index: usize, _body: D) -> Result<Self, D::Error> {
        Err(runtime::unknown_case(index))
    }
    fn index(&self) -> usize {
        match *self {}
    }
    fn write_fields(
        &self,
        _out: &mut dyn std::fmt::Write,
        _sep: &mut &'static str,
    ) -> std::fmt::Result {
        match *self {}
    }
}

/// What a generated method does: check, place the query token, send, match the status.
async fn get<R: runtime::Check>(
    t: &runtime::Transport,
    request: &R,
) -> Result<runtime::ResponseValue<()>, runtime::Error<NoErrors>> {
    runtime::check::validate(request)?;
    let mut call = t.call(runtime::Method::GET);
    call.path("/x");
    call.token(runtime::TokenScheme {
        slot: 0,
        location: runtime::Location::Query,
        name: "access-token",
    });
    let response = call.send().await?;
    match response.status() {
        200 => response.unit(),
        _ => response.failure(None),
    }
}

/// A connection error whose URL carries the token in the query must not show it.
#[tokio::test]
async fn transport_errors_do_not_leak_query_tokens() {
    // Port 9 on loopback: nothing listens, the connection is refused.
    let t = transport(
        "http://127.0.0.1:9",
        Some(Secret::new("super-secret-token")),
        1,
        &["access-token"],
    );
    let e = get(&t, &backup("nightly")).await.unwrap_err();
    assert!(e.is_retryable());
    for text in [e.to_string(), format!("{e:?}")] {
        assert!(!text.contains("super-secret-token"), "{text}");
    }
    assert!(matches!(e, runtime::Error::Transport(_)), "{e:?}");
}

#[tokio::test]
async fn invalid_input_is_caught_before_sending() {
    let t = transport("http://127.0.0.1:9", None, 0, &[]);
    let r = get(&t, &backup("x")).await;
    assert!(matches!(r, Err(runtime::Error::InvalidInput(_))));
}

/// A transport aimed at `base_url`, with `credential` for each of its `schemes`.
fn transport(
    base_url: &str,
    credential: Option<Secret>,
    schemes: usize,
    secret_names: &'static [&'static str],
) -> runtime::Transport {
    let mut builder = runtime::TransportBuilder::new(&runtime::Template {
        base_url: "http://unused",
        variables: &[],
        schemes,
        secret_names,
    });
    builder.base_url(base_url.to_owned());
    if let Some(c) = credential {
        for slot in 0..schemes {
            let scheme = runtime::TokenScheme {
                slot,
                location: runtime::Location::Query,
                name: "access-token",
            };
            builder.credential(scheme, c.clone());
        }
    }
    builder.build().expect("a base URL is given")
}
