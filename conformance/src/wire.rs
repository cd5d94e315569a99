//! The documented wire request of an example, and its comparison with what a client actually
//! sent, the way Smithy protocol tests compare: method, path, query pairs as a multiset,
//! documented headers present, body by media type (JSON semantically, forms as multisets).
//! The credential is compared for presence only and never printed.

use serde_json::Value;
use spec::format::{AuthScheme, BodyEncoding, ExampleRequest, Operation, Spec};

use crate::capture::Captured;
use crate::mock::request::{parse_body, Body, MediaType};

/// Printed instead of credential values.
pub const REDACTED: &str = "[redacted]";

/// Where the operation's credential travels, if it has one we can see on the wire.
#[derive(Debug, Clone, PartialEq)]
pub enum Credential {
    None,
    Query(String),
    Header(String),
    Form(String),
}

impl Credential {
    pub fn of(spec: &Spec, op: &Operation) -> Self {
        match op.auth.as_ref().and_then(|id| spec.auth.get(id)) {
            Some(AuthScheme::Query { name, .. }) => Credential::Query(name.clone()),
            Some(AuthScheme::Header { name, .. }) => Credential::Header(name.clone()),
            Some(AuthScheme::Form { name, .. }) => Credential::Form(name.clone()),
            _ => Credential::None,
        }
    }

    /// The credential's value in a documented request.
    pub fn value_in(&self, req: &ExampleRequest) -> Option<String> {
        match self {
            Credential::None => None,
            Credential::Query(n) => req.query.get(n).cloned(),
            Credential::Header(n) => header(&req.headers, n),
            Credential::Form(n) => req
                .body
                .as_ref()
                .and_then(|b| b.get(n))
                .and_then(Value::as_str)
                .map(str::to_string),
        }
    }

    fn is_query(&self, name: &str) -> bool {
        matches!(self, Credential::Query(n) if n == name)
    }
    fn is_header(&self, name: &str) -> bool {
        matches!(self, Credential::Header(n) if n.eq_ignore_ascii_case(name))
    }
    fn is_form(&self, name: &str) -> bool {
        matches!(self, Credential::Form(n) if n == name)
    }
}

fn header(h: &indexmap::IndexMap<String, String>, name: &str) -> Option<String> {
    h.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
}

/// The path of a documented request with its path parameters filled in (percent-encoded).
pub fn fill_path(template: &str, req: &ExampleRequest) -> String {
    let mut out = template.to_string();
    for (k, v) in &req.path {
        let enc: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
        out = out.replace(&format!("{{{k}}}"), &enc.replace('+', "%20"));
    }
    out
}

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
    spec: &Spec,
    op: &Operation,
    doc: &ExampleRequest,
    got: &Captured,
) -> Vec<Mismatch> {
    let cred = Credential::of(spec, op);
    let mut out = Vec::new();
    if got.method != op.method.as_str() {
        out.push(mismatch("method", op.method.as_str(), &got.method));
    }
    let want_path = fill_path(&op.path, doc);
    if decode(&want_path) != decode(&got.path) {
        out.push(mismatch("path", want_path, &got.path));
    }
    compare_query(doc, got, &cred, &mut out);
    compare_headers(doc, got, &cred, &mut out);
    compare_body(op, doc, got, &cred, &mut out).await;
    out
}

fn decode(path: &str) -> String {
    crate::mock::route::percent_decode(path)
}

fn compare_query(doc: &ExampleRequest, got: &Captured, cred: &Credential, out: &mut Vec<Mismatch>) {
    let mut sent: Vec<(String, String)> = got.query.clone();
    for (k, v) in &doc.query {
        match sent
            .iter()
            .position(|(sk, sv)| sk == k && (sv == v || cred.is_query(k)))
        {
            Some(i) => {
                let (_, sv) = sent.remove(i);
                if cred.is_query(k) && sv.trim().is_empty() {
                    out.push(mismatch(format!("query `{k}`"), "a credential", "empty"));
                }
            }
            None => {
                let actual = sent
                    .iter()
                    .find(|(sk, _)| sk == k)
                    .map(|(_, sv)| shown(cred.is_query(k), sv))
                    .unwrap_or_else(|| "absent".into());
                out.push(mismatch(
                    format!("query `{k}`"),
                    shown(cred.is_query(k), v),
                    actual,
                ));
            }
        }
    }
    for (k, v) in sent {
        out.push(mismatch(
            format!("query `{k}`"),
            "absent (not documented)",
            shown(cred.is_query(&k), &v),
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
        let secret = cred.is_header(k);
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
            let secret = cred.is_form(k);
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
            shown(cred.is_form(&k), &v),
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
    spec: &Spec,
    op: &Operation,
    doc: &ExampleRequest,
    base_url: &str,
    env_var: &str,
) -> String {
    let cred = Credential::of(spec, op);
    let var = format!("${env_var}");
    let mut query: Vec<String> = doc
        .query
        .iter()
        .map(|(k, v)| {
            let v = if cred.is_query(k) {
                var.clone()
            } else {
                enc(v)
            };
            format!("{}={v}", enc(k))
        })
        .collect();
    if let Credential::Query(n) = &cred {
        if !doc.query.contains_key(n) {
            query.push(format!("{}={var}", enc(n)));
        }
    }
    let mut url = format!(
        "{}{}",
        base_url.trim_end_matches('/'),
        fill_path(&op.path, doc)
    );
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query.join("&"));
    }
    let mut cmd = format!("curl -sS -X {} \"{url}\"", op.method.as_str());
    for (k, v) in &doc.headers {
        let v = if cred.is_header(k) {
            var.clone()
        } else {
            v.clone()
        };
        cmd.push_str(&format!(" -H \"{k}: {v}\""));
    }
    if let Some(body) = &doc.body {
        match op.request.body {
            Some(BodyEncoding::Multipart) | Some(BodyEncoding::Urlencoded) => {
                let flag = if op.request.body == Some(BodyEncoding::Multipart) {
                    "--form"
                } else {
                    "--data-urlencode"
                };
                if let Some(fields) = body.as_object() {
                    for (k, v) in fields {
                        let v = if cred.is_form(k) {
                            var.clone()
                        } else {
                            scalar(v)
                        };
                        cmd.push_str(&format!(" {flag} \"{k}={v}\""));
                    }
                }
            }
            _ => {
                cmd.push_str(" -H \"Content-Type: application/json\"");
                cmd.push_str(&format!(
                    " --data '{}'",
                    body.to_string().replace('\'', "'\\''")
                ));
            }
        }
    }
    cmd
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
