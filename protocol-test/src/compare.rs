//! Pure comparisons of an expected request with a captured one: method, path segment by
//! segment, query pairs as a multiset, required headers (case-insensitive names), body by
//! media type (JSON semantically, urlencoded and multipart forms as multisets of fields), and
//! secrets (a credential) present and not empty, their values never printed.

use serde_json::Value;

use crate::expected::{ExpectedBody, ExpectedRequest, Place};
use crate::mismatch::{Mismatch, MismatchKind};
use crate::multipart::parse_multipart;
use crate::server::CapturedRequest;

pub fn validate_method(expected: &str, found: &str) -> Vec<Mismatch> {
    if expected.eq_ignore_ascii_case(found) {
        Vec::new()
    } else {
        vec![Mismatch::new(
            MismatchKind::Method,
            "method",
            expected,
            found,
        )]
    }
}

/// Paths compare segment by segment once percent-decoded (`%7E` and `~` are the same
/// character), so an encoded `/` inside a segment still differs from a separator.
pub fn validate_path(expected: &str, found: &str) -> Vec<Mismatch> {
    let segments = |p: &str| -> Vec<Vec<u8>> { p.split('/').map(percent_decode).collect() };
    if segments(expected) == segments(found) {
        Vec::new()
    } else {
        vec![Mismatch::new(MismatchKind::Path, "path", expected, found)]
    }
}

fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (b[i], b.get(i + 1).copied(), b.get(i + 2).copied()) {
            (b'%', Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Query pairs as a multiset: every expected pair sent once, nothing else sent.
pub fn validate_query(expected: &[(String, String)], found: &[(String, String)]) -> Vec<Mismatch> {
    multiset(MismatchKind::Query, "query", expected, found)
}

fn multiset(
    kind: MismatchKind,
    what: &str,
    expected: &[(String, String)],
    found: &[(String, String)],
) -> Vec<Mismatch> {
    let mut left: Vec<&(String, String)> = found.iter().collect();
    // Exact pairs first, so a wrong value stands against the value sent in its place.
    let mut missing = Vec::new();
    for (k, v) in expected {
        match left.iter().position(|(fk, fv)| fk == k && fv == v) {
            Some(i) => {
                left.remove(i);
            }
            None => missing.push((k, v)),
        }
    }
    let mut out = Vec::new();
    for (k, v) in missing {
        let other = match left.iter().position(|(fk, _)| fk == k) {
            Some(i) => quoted(&left.remove(i).1),
            None => "absent".to_string(),
        };
        out.push(Mismatch::new(
            kind,
            format!("{what} `{k}`"),
            quoted(v),
            other,
        ));
    }
    for (k, v) in left {
        let expected = if expected.iter().any(|(ek, _)| ek == k) {
            "no further value"
        } else {
            "absent"
        };
        out.push(Mismatch::new(
            kind,
            format!("{what} `{k}`"),
            expected,
            quoted(v),
        ));
    }
    out
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// Every expected header present (names case-insensitive) with its value; a `Content-Type`
/// compares by media type (clients add boundaries and charsets). Other headers may be sent.
pub fn validate_headers(
    expected: &[(String, String)],
    found: &[(String, String)],
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    for (k, v) in expected {
        let values: Vec<&String> = found
            .iter()
            .filter(|(fk, _)| fk.eq_ignore_ascii_case(k))
            .map(|(_, fv)| fv)
            .collect();
        let same = |fv: &&String| {
            if k.eq_ignore_ascii_case("content-type") {
                media_type(v) == media_type(fv)
            } else {
                fv.as_str() == v
            }
        };
        if !values.iter().any(same) {
            let got = if values.is_empty() {
                "absent".to_string()
            } else {
                values
                    .iter()
                    .map(|v| quoted(v))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let kind = if k.eq_ignore_ascii_case("content-type") {
                MismatchKind::ContentType
            } else {
                MismatchKind::Header
            };
            out.push(Mismatch::new(kind, format!("header `{k}`"), quoted(v), got));
        }
    }
    out
}

/// The media type of a `Content-Type` value: lower case, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The body by the expected media type: the content type must name it and the content must
/// be equivalent (JSON values equal, form fields equal as multisets).
pub fn validate_body(
    expected: &ExpectedBody,
    content_type: Option<&str>,
    body: &[u8],
) -> Vec<Mismatch> {
    validate_body_with_secrets(expected, content_type, body, &[])
}

/// [`validate_body`], with the members named `secrets` checked present and not empty and
/// otherwise left out of the comparison.
fn validate_body_with_secrets(
    expected: &ExpectedBody,
    content_type: Option<&str>,
    body: &[u8],
    secrets: &[&str],
) -> Vec<Mismatch> {
    let media = content_type.map(media_type);
    let wrong_type = |want: &str| {
        (media.as_deref() != Some(want)).then(|| {
            Mismatch::new(
                MismatchKind::ContentType,
                "content type",
                want,
                content_type.unwrap_or("absent").to_string(),
            )
        })
    };
    let text = || String::from_utf8_lossy(body).into_owned();
    let mut out = Vec::new();
    let mut fields = |want: &[(String, String)], mut got: Vec<(String, String)>| {
        for name in secrets {
            let values: Vec<&String> = got
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v)
                .collect();
            out.extend(secret(Place::Body, name, &values));
            got.retain(|(k, _)| k != name);
        }
        let want: Vec<(String, String)> = want
            .iter()
            .filter(|(k, _)| !secrets.contains(&k.as_str()))
            .cloned()
            .collect();
        out.extend(multiset(MismatchKind::Body, "form field", &want, &got));
    };
    match expected {
        ExpectedBody::Unchecked => {}
        ExpectedBody::Empty if body.is_empty() => {}
        ExpectedBody::Empty => out.push(Mismatch::new(MismatchKind::Body, "body", "empty", text())),
        ExpectedBody::Json(want) => {
            if let Some(m) = wrong_type("application/json") {
                return vec![m];
            }
            let mut want: Value = match serde_json::from_str(want) {
                Ok(v) => v,
                Err(e) => {
                    return vec![Mismatch::new(
                        MismatchKind::Body,
                        "expected body",
                        "JSON",
                        e.to_string(),
                    )]
                }
            };
            match serde_json::from_slice::<Value>(body) {
                Ok(mut got) => {
                    for name in secrets {
                        let member = got.as_object_mut().and_then(|m| m.shift_remove(*name));
                        let text = member.as_ref().map(|v| match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        });
                        out.extend(secret(Place::Body, name, &text.iter().collect::<Vec<_>>()));
                        if let Some(m) = want.as_object_mut() {
                            m.shift_remove(*name);
                        }
                    }
                    if got != want {
                        out.push(Mismatch::new(
                            MismatchKind::Body,
                            "body (JSON)",
                            pretty(&want),
                            pretty(&got),
                        ));
                    }
                }
                Err(e) => out.push(Mismatch::new(
                    MismatchKind::Body,
                    "body (JSON)",
                    pretty(&want),
                    format!("not JSON ({e}): {}", text()),
                )),
            }
        }
        ExpectedBody::Urlencoded(want) => {
            if let Some(m) = wrong_type("application/x-www-form-urlencoded") {
                return vec![m];
            }
            fields(want, form_urlencoded::parse(body).into_owned().collect());
        }
        ExpectedBody::Multipart(want) => {
            if let Some(m) = wrong_type("multipart/form-data") {
                return vec![m];
            }
            match parse_multipart(content_type.unwrap_or_default(), body) {
                Ok(got) => fields(want, got),
                Err(e) => out.push(Mismatch::new(
                    MismatchKind::Body,
                    "body (multipart)",
                    "readable",
                    e,
                )),
            }
        }
    }
    out
}

/// A secret sent with `values` (every value under its name): one, not empty. Values are
/// never shown.
fn secret(place: Place, name: &str, values: &[&String]) -> Option<Mismatch> {
    let part = match place {
        Place::Query => format!("query `{name}`"),
        Place::Header => format!("header `{name}`"),
        Place::Body => format!("body member `{name}`"),
    };
    let found = match values {
        [] => "absent".to_string(),
        [v] if v.trim().is_empty() => "empty".to_string(),
        [_] => return None,
        more => format!("{} values", more.len()),
    };
    Some(Mismatch::new(
        MismatchKind::Secret,
        part,
        "a secret (not shown)",
        found,
    ))
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| v.to_string())
}

/// Every comparison at once. Empty: the captured request is the expected one.
pub fn validate_request(expected: &ExpectedRequest, found: &CapturedRequest) -> Vec<Mismatch> {
    let mut out = validate_method(&expected.method, &found.method);
    out.extend(validate_path(&expected.path, &found.path));
    // Secrets are checked on their own and left out of the other comparisons.
    let (mut query, mut headers) = (found.query.clone(), found.headers.clone());
    let mut body_secrets = Vec::new();
    for (place, name) in &expected.secrets {
        // Header names compare case-insensitively.
        let (pairs, header) = match place {
            Place::Query => (&mut query, false),
            Place::Header => (&mut headers, true),
            Place::Body => {
                body_secrets.push(name.as_str());
                continue;
            }
        };
        let same = |k: &str, n: &str| {
            if header {
                k.eq_ignore_ascii_case(n)
            } else {
                k == n
            }
        };
        let values: Vec<&String> = pairs
            .iter()
            .filter(|(k, _)| same(k, name))
            .map(|(_, v)| v)
            .collect();
        out.extend(secret(*place, name, &values));
        pairs.retain(|(k, _)| !same(k, name));
    }
    out.extend(validate_query(&expected.query, &query));
    out.extend(validate_headers(&expected.headers, &headers));
    out.extend(validate_body_with_secrets(
        &expected.body,
        found.header("content-type"),
        &found.body,
        &body_secrets,
    ));
    if let Some(access_key) = &expected.signed_by {
        out.extend(validate_signature(access_key, found));
    }
    out
}

/// The request carries an `SDK-HMAC-SHA256` `Authorization` by `access_key`, naming the
/// headers it signs (`host` and `x-sdk-date` among them), and the `X-Sdk-Date` it signed.
pub fn validate_signature(access_key: &str, found: &CapturedRequest) -> Vec<Mismatch> {
    let mut out = Vec::new();
    let want = format!("SDK-HMAC-SHA256 Access={access_key}, SignedHeaders=");
    match found.header("authorization") {
        Some(a) if a.starts_with(&want) && a.contains(", Signature=") => {
            let signed = a[want.len()..].split(',').next().unwrap_or_default();
            for needed in ["host", "x-sdk-date"] {
                if !signed.split(';').any(|h| h == needed) {
                    out.push(Mismatch::new(
                        MismatchKind::Signature,
                        "signed headers",
                        format!("`{needed}` among them"),
                        quoted(signed),
                    ));
                }
            }
        }
        Some(a) => out.push(Mismatch::new(
            MismatchKind::Signature,
            "header `Authorization`",
            format!("{want}…, Signature=…"),
            quoted(a.split(", Signature=").next().unwrap_or(a)),
        )),
        None => out.push(Mismatch::new(
            MismatchKind::Signature,
            "header `Authorization`",
            "a request signature",
            "absent",
        )),
    }
    if found.header("x-sdk-date").is_none() {
        out.push(Mismatch::new(
            MismatchKind::Signature,
            "header `X-Sdk-Date`",
            "present",
            "absent",
        ));
    }
    out
}

/// Panics with every mismatch unless the captured request is the expected one.
#[track_caller]
pub fn assert_request(found: &CapturedRequest, expected: &ExpectedRequest) {
    let mismatches = validate_request(expected, found);
    if !mismatches.is_empty() {
        let text: Vec<String> = mismatches.iter().map(ToString::to_string).collect();
        panic!(
            "the request differs from the expected one ({} {}):\n{}",
            expected.method,
            expected.path,
            text.join("\n")
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn captured() -> CapturedRequest {
        CapturedRequest {
            method: "POST".into(),
            path: "/v1/a%20b/items".into(),
            query: pairs(&[
                ("limit", "10"),
                ("token", "t0k"),
                ("tag", "x"),
                ("tag", "y"),
            ]),
            headers: pairs(&[
                ("x-auth-token", "t0k"),
                ("content-type", "application/json; charset=utf-8"),
            ]),
            body: br#"{"b":[1,2],"a":"x"}"#.to_vec(),
        }
    }

    fn expected() -> ExpectedRequest {
        ExpectedRequest::new("POST", "/v1/a%20b/items")
            .query(&[
                ("tag", "y"),
                ("token", "t0k"),
                ("limit", "10"),
                ("tag", "x"),
            ])
            .headers(&[
                ("X-Auth-Token", "t0k"),
                ("Content-Type", "application/json"),
            ])
            .json_body(r#"{ "a": "x", "b": [1, 2] }"#)
    }

    #[test]
    fn a_signature_by_the_expected_key_naming_host_and_date_is_required() {
        let signed = |authorization: Option<&str>, date: bool| {
            let mut c = captured();
            if let Some(a) = authorization {
                c.headers.push(("authorization".into(), a.into()));
            }
            if date {
                c.headers
                    .push(("x-sdk-date".into(), "20240101T000000Z".into()));
            }
            validate_request(&expected().signed_by("ak"), &c)
        };
        let good = "SDK-HMAC-SHA256 Access=ak, SignedHeaders=host;x-sdk-date, Signature=00ff";
        assert_eq!(signed(Some(good), true), Vec::new());
        assert_eq!(signed(Some(good), false).len(), 1, "no X-Sdk-Date");
        assert_eq!(signed(None, true).len(), 1, "no signature");
        let other_key = good.replace("Access=ak", "Access=other");
        assert_eq!(signed(Some(&other_key), true).len(), 1, "another key");
        let no_host = good.replace("host;", "");
        assert_eq!(signed(Some(&no_host), true).len(), 1, "host not signed");
        let unsigned = "SDK-HMAC-SHA256 Access=ak, SignedHeaders=host;x-sdk-date";
        assert_eq!(signed(Some(unsigned), true).len(), 1, "no Signature part");
    }

    #[test]
    fn the_same_request_in_another_order_agrees() {
        assert_eq!(validate_request(&expected(), &captured()), Vec::new());
        assert_request(&captured(), &expected());
    }

    #[test]
    fn each_wrong_literal_is_reported() {
        let cases: Vec<(ExpectedRequest, &str)> = vec![
            (
                ExpectedRequest {
                    method: "GET".into(),
                    ..expected()
                },
                "method",
            ),
            (
                ExpectedRequest {
                    path: "/v1/a%20c/items".into(),
                    ..expected()
                },
                "path",
            ),
            (
                ExpectedRequest {
                    path: "/v1/a%2Fb/items".into(),
                    ..expected()
                },
                "path",
            ),
            (
                expected().query(&[("limit", "10"), ("token", "t0k"), ("tag", "x")]),
                "query `tag`",
            ),
            (
                expected().query(&[
                    ("limit", "10"),
                    ("token", "other"),
                    ("tag", "x"),
                    ("tag", "y"),
                ]),
                "query `token`",
            ),
            (
                expected().query(&[
                    ("limit", "10"),
                    ("token", "t0k"),
                    ("tag", "x"),
                    ("tag", "y"),
                    ("page", "1"),
                ]),
                "query `page`",
            ),
            (
                expected().headers(&[("X-Auth-Token", "other")]),
                "header `X-Auth-Token`",
            ),
            (expected().headers(&[("X-Trace", "1")]), "header `X-Trace`"),
            (
                expected().headers(&[("Content-Type", "text/plain")]),
                "header `Content-Type`",
            ),
            (
                expected().json_body(r#"{"a":"x","b":[2,1]}"#),
                "body (JSON)",
            ),
            (
                expected().json_body(r#"{"a":"x","b":[1,2],"c":null}"#),
                "body (JSON)",
            ),
            (expected().urlencoded_body(&[("a", "x")]), "content type"),
            (expected().empty_body(), "body"),
        ];
        for (want, part) in cases {
            let found = validate_request(&want, &captured());
            assert!(
                found.iter().any(|m| m.part == part),
                "expected a mismatch of {part}, got {found:?}"
            );
            let kind = match part.split(' ').next() {
                Some("method") => MismatchKind::Method,
                Some("path") => MismatchKind::Path,
                Some("query") => MismatchKind::Query,
                Some("header") if part.contains("Content-Type") => MismatchKind::ContentType,
                Some("header") => MismatchKind::Header,
                Some("content") => MismatchKind::ContentType,
                _ => MismatchKind::Body,
            };
            assert!(found.iter().any(|m| m.kind == kind), "{part}: {found:?}");
        }
    }

    #[test]
    fn a_secret_must_be_present_and_not_empty_and_is_never_shown() {
        // The expected request names the secrets; their values are not compared.
        let want = || {
            ExpectedRequest::new("POST", "/v1/a%20b/items")
                .query(&[("tag", "y"), ("limit", "10"), ("tag", "x")])
                .headers(&[("Content-Type", "application/json")])
                .json_body(r#"{ "a": "x", "b": [1, 2] }"#)
                .secret(Place::Query, "token")
                .secret(Place::Header, "X-Auth-Token")
        };
        assert_eq!(validate_request(&want(), &captured()), Vec::new());
        let kinds = |c: &CapturedRequest| -> Vec<(MismatchKind, String)> {
            validate_request(&want(), c)
                .into_iter()
                .map(|m| {
                    assert!(!m.to_string().contains("t0k"), "{m}");
                    (m.kind, m.found)
                })
                .collect()
        };
        let mut absent = captured();
        absent.headers.retain(|(k, _)| k != "x-auth-token");
        assert_eq!(kinds(&absent), [(MismatchKind::Secret, "absent".into())]);
        let mut empty = captured();
        empty.query[1].1 = " ".into();
        assert_eq!(kinds(&empty), [(MismatchKind::Secret, "empty".into())]);
        // A secret in the body is left out of the JSON comparison.
        let mut body = captured();
        body.body = br#"{"b":[1,2],"a":"x","auth":"s3cret"}"#.to_vec();
        let found = validate_request(&want().secret(Place::Body, "auth"), &body);
        assert_eq!(found, Vec::new());
        let two = want()
            .secret(Place::Body, "auth")
            .secret(Place::Body, "pin");
        let found = validate_request(&two, &body);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            (found[0].kind, found[0].found.as_str()),
            (MismatchKind::Secret, "absent")
        );
        assert!(!format!("{found:?}").contains("s3cret"));
    }

    #[test]
    fn a_tampered_capture_fails() {
        let mut c = captured();
        c.body = br#"{"a":"x","b":[1,2,3]}"#.to_vec();
        let found = validate_request(&expected(), &c);
        assert_eq!(found.len(), 1, "{found:?}");
        let text = found[0].to_string();
        assert!(
            text.contains("body (JSON)") && text.contains("+    3"),
            "{text}"
        );

        let mut c = captured();
        c.headers.retain(|(k, _)| k != "x-auth-token");
        let found = validate_request(&expected(), &c);
        assert_eq!(
            found[0].to_string(),
            "header `X-Auth-Token`:\n  expected: \"t0k\"\n  found:    absent"
        );
    }

    #[test]
    #[should_panic(expected = "query `limit`")]
    fn assert_request_panics_on_a_mismatch() {
        let mut c = captured();
        c.query[0].1 = "11".into();
        assert_request(&c, &expected());
    }

    #[test]
    fn forms_compare_as_multisets() {
        let want = pairs(&[("a", "1"), ("b", "2"), ("a", "3")]);
        let body = b"b=2&a=3&a=1";
        let ct = Some("application/x-www-form-urlencoded");
        assert!(validate_body(&ExpectedBody::Urlencoded(want.clone()), ct, body).is_empty());
        let wrong = validate_body(&ExpectedBody::Urlencoded(want.clone()), ct, b"b=2&a=3&a=4");
        assert_eq!(
            wrong,
            vec![Mismatch::new(
                MismatchKind::Body,
                "form field `a`",
                "\"1\"",
                "\"4\""
            )]
        );
        let extra = validate_body(&ExpectedBody::Urlencoded(want), ct, b"b=2&a=3&a=1&c=0");
        assert_eq!(
            extra,
            vec![Mismatch::new(
                MismatchKind::Body,
                "form field `c`",
                "absent",
                "\"0\""
            )]
        );

        let ct = "multipart/form-data; boundary=B";
        let body = b"--B\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--B--\r\n";
        let want = pairs(&[("a", "1"), ("b", "2")]);
        assert!(validate_body(&ExpectedBody::Multipart(want), Some(ct), body).is_empty());
        let want = pairs(&[("a", "1"), ("b", "3")]);
        let found = validate_body(&ExpectedBody::Multipart(want), Some(ct), body);
        assert_eq!(
            found,
            vec![Mismatch::new(
                MismatchKind::Body,
                "form field `b`",
                "\"3\"",
                "\"2\""
            )]
        );
    }

    #[test]
    fn percent_encoding_of_unreserved_characters_does_not_matter() {
        assert!(validate_path("/a/~b", "/a/%7Eb").is_empty());
        assert!(!validate_path("/a/b", "/a/b/").is_empty());
    }
}
