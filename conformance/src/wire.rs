//! The documented wire request of an example, and its comparison with what a client actually
//! sent, the way Smithy protocol tests compare: method, path, query pairs as a multiset,
//! documented headers present, body by media type (JSON semantically, forms as multisets).
//! The credential is compared for presence only and never printed.

use serde_json::Value;
use spec::format::{BodyEncoding, ExampleRequest, Location, Operation};
pub use spec::model::Credential;
use spec::model::{header, OperationModel};

use crate::capture::Captured;
use crate::mock::request::{parse_body, Body, MediaType};

/// Printed instead of credential values.
pub const REDACTED: &str = "[redacted]";

/// One difference between the documented and the sent request.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mismatch {
    pub part: String,
    pub expected: String,
    pub actual: String,
}

fn mismatch(
    part: impl Into<String>,
    expected: impl Into<String>,
    actual: impl Into<String>,
) -> Mismatch {
    Mismatch {
        part: part.into(),
        expected: expected.into(),
        actual: actual.into(),
    }
}

/// Compare a captured request with the documented one. Empty result: they agree.
pub async fn compare(
    om: &OperationModel<'_>,
    doc: &ExampleRequest,
    got: &Captured,
) -> Vec<Mismatch> {
    let (op, cred) = (om.op, &om.credential);
    let mut out = Vec::new();
    if got.method != op.method.as_str() {
        out.push(mismatch("method", op.method.as_str(), &got.method));
    }
    let want_path = om.path.fill(&doc.path);
    if decode(&want_path) != decode(&got.path) {
        out.push(mismatch("path", want_path, &got.path));
    }
    compare_query(doc, got, cred, &mut out);
    compare_headers(doc, got, cred, &mut out);
    compare_body(op, doc, got, cred, &mut out).await;
    out
}

fn decode(path: &str) -> String {
    spec::url::decode_component(path).unwrap_or_else(|| path.to_string())
}

fn compare_query(doc: &ExampleRequest, got: &Captured, cred: &Credential, out: &mut Vec<Mismatch>) {
    let mut sent: Vec<(String, String)> = got.query.clone();
    for (k, v) in &doc.query {
        match sent
            .iter()
            .position(|(sk, sv)| sk == k && (sv == v || cred.is(Location::Query, k)))
        {
            Some(i) => {
                let (_, sv) = sent.remove(i);
                if cred.is(Location::Query, k) && sv.trim().is_empty() {
                    out.push(mismatch(format!("query `{k}`"), "a credential", "empty"));
                }
            }
            None => {
                let actual = sent
                    .iter()
                    .find(|(sk, _)| sk == k)
                    .map(|(_, sv)| shown(cred.is(Location::Query, k), sv))
                    .unwrap_or_else(|| "absent".into());
                out.push(mismatch(
                    format!("query `{k}`"),
                    shown(cred.is(Location::Query, k), v),
                    actual,
                ));
            }
        }
    }
    for (k, v) in sent {
        out.push(mismatch(
            format!("query `{k}`"),
            "absent (not documented)",
            shown(cred.is(Location::Query, &k), &v),
        ));
    }
}

fn compare_headers(
    doc: &ExampleRequest,
    got: &Captured,
    cred: &Credential,
    out: &mut Vec<Mismatch>,
) {
    for (k, v) in &doc.headers {
        let secret = cred.is(Location::Header, k);
        match got.header(k) {
            None => out.push(mismatch(
                format!("header `{k}`"),
                shown(secret, v),
                "absent",
            )),
            Some(sv) if secret && sv.trim().is_empty() => {
                out.push(mismatch(format!("header `{k}`"), "a credential", "empty"))
            }
            Some(sv) if !secret && !header_eq(k, v, sv) => {
                out.push(mismatch(format!("header `{k}`"), v, sv))
            }
            Some(_) => {}
        }
    }
    if let Credential::Header(name) = cred {
        if header(&doc.headers, name).is_none() && got.header(name).is_none_or_empty() {
            out.push(mismatch(
                format!("header `{name}`"),
                "a credential",
                "absent",
            ));
        }
    }
}

trait NoneOrEmpty {
    fn is_none_or_empty(&self) -> bool;
}
impl NoneOrEmpty for Option<&str> {
    fn is_none_or_empty(&self) -> bool {
        self.map(|s| s.trim().is_empty()).unwrap_or(true)
    }
}

/// Content types compare by media type (clients add boundaries and charsets).
fn header_eq(name: &str, want: &str, got: &str) -> bool {
    if name.eq_ignore_ascii_case("content-type") {
        MediaType::of(Some(want)) == MediaType::of(Some(got))
    } else {
        want == got
    }
}

async fn compare_body(
    op: &Operation,
    doc: &ExampleRequest,
    got: &Captured,
    cred: &Credential,
    out: &mut Vec<Mismatch>,
) {
    let media = MediaType::of(got.content_type.as_deref());
    let sent = parse_body(media, got.content_type.as_deref(), &got.body).await;
    let Some(want) = &doc.body else {
        if !matches!(sent, Body::Empty) {
            out.push(mismatch(
                "body",
                "empty",
                format!("{} bytes", got.body.len()),
            ));
        }
        return;
    };
    match (op.request.body, sent) {
        (Some(BodyEncoding::Json) | None, Body::Json(v)) => {
            if &v != want {
                out.push(mismatch("body (JSON)", pretty(want), pretty(&v)));
            }
        }
        (Some(BodyEncoding::Multipart | BodyEncoding::Urlencoded), Body::Form(fields)) => {
            compare_form(want, fields, cred, out)
        }
        (_, Body::Unreadable(why)) => out.push(mismatch("body", "readable", why)),
        (_, Body::Empty) => out.push(mismatch("body", pretty(want), "empty")),
        (enc, _) => out.push(mismatch(
            "content type",
            format!("{enc:?} body"),
            got.content_type.clone().unwrap_or_else(|| "none".into()),
        )),
    }
}

fn compare_form(
    want: &Value,
    mut sent: Vec<(String, String)>,
    cred: &Credential,
    out: &mut Vec<Mismatch>,
) {
    let Some(fields) = want.as_object() else {
        out.push(mismatch("body", "a form object in the spec", "form fields"));
        return;
    };
    for (k, v) in fields {
        let wants: Vec<String> = match v {
            Value::Array(items) => items.iter().map(scalar).collect(),
            other => vec![scalar(other)],
        };
        for w in wants {
            let secret = cred.is(Location::Body, k);
            match sent
                .iter()
                .position(|(sk, sv)| sk == k && (secret || *sv == w))
            {
                Some(i) => {
                    sent.remove(i);
                }
                None => {
                    let actual = sent
                        .iter()
                        .find(|(sk, _)| sk == k)
                        .map(|(_, sv)| shown(secret, sv))
                        .unwrap_or_else(|| "absent".into());
                    out.push(mismatch(
                        format!("form field `{k}`"),
                        shown(secret, &w),
                        actual,
                    ));
                }
            }
        }
    }
    for (k, v) in sent {
        out.push(mismatch(
            format!("form field `{k}`"),
            "absent (not documented)",
            shown(cred.is(Location::Body, &k), &v),
        ));
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn shown(secret: bool, v: &str) -> String {
    if secret {
        REDACTED.to_string()
    } else {
        v.to_string()
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}

/// A curl command reproducing the documented request; the credential is a shell variable.
pub fn curl(
    om: &OperationModel<'_>,
    doc: &ExampleRequest,
    base_url: &str,
    env_var: &str,
) -> String {
    let (op, cred) = (om.op, &om.credential);
    let var = format!("${env_var}");
    let mut query: Vec<String> = doc
        .query
        .iter()
        .map(|(k, v)| {
            let v = if cred.is(Location::Query, k) {
                var.clone()
            } else {
                enc(v)
            };
            format!("{}={v}", enc(k))
        })
        .collect();
    if let Credential::Query(n) = cred {
        if !doc.query.contains_key(n) {
            query.push(format!("{}={var}", enc(n)));
        }
    }
    let mut url = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        om.path.fill(&doc.path)
    );
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    let mut cmd = format!("curl -sS -X {} {}", op.method.as_str(), word(&url, &var));
    for (k, v) in &doc.headers {
        let v = if cred.is(Location::Header, k) {
            &var
        } else {
            v
        };
        cmd.push_str(&format!(" -H {}", word(&format!("{k}: {v}"), &var)));
    }
    if let Some(body) = &doc.body {
        match op.request.body {
            Some(BodyEncoding::Multipart) | Some(BodyEncoding::Urlencoded) => {
                // `--form-string`, not `--form`: a value starting with `@` or `<` must not make
                // curl read a local file.
                let flag = if op.request.body == Some(BodyEncoding::Multipart) {
                    "--form-string"
                } else {
                    "--data-urlencode"
                };
                if let Some(fields) = body.as_object() {
                    for (k, v) in fields {
                        let v = if cred.is(Location::Body, k) {
                            var.clone()
                        } else {
                            scalar(v)
                        };
                        cmd.push_str(&format!(" {flag} {}", word(&format!("{k}={v}"), &var)));
                    }
                }
            }
            _ => {
                cmd.push_str(" -H 'Content-Type: application/json'");
                // `--data-raw`: `--data` would read a file for a body starting with `@`.
                cmd.push_str(&format!(" --data-raw {}", word(&body.to_string(), &var)));
            }
        }
    }
    cmd
}

/// One shell word: the text quoted (shlex), except occurrences of `var` (`$NAME`), which
/// stay expandable inside double quotes.
fn word(text: &str, var: &str) -> String {
    let quote = |t: &str| match shlex::try_quote(t) {
        Ok(q) => q.into_owned(),
        // Only a NUL byte cannot be quoted; it cannot be sent either.
        Err(_) => {
            shlex::try_quote(&t.replace('\0', "")).map_or_else(|_| "''".into(), |q| q.into_owned())
        }
    };
    if text.is_empty() {
        return "''".into();
    }
    text.split(var)
        .map(|piece| {
            if piece.is_empty() {
                String::new()
            } else {
                quote(piece)
            }
        })
        .collect::<Vec<_>>()
        .join(&format!("\"{var}\""))
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
