//! Fixtures for every documented example: the expected wire request, the documented
//! response and an equivalent curl command, under `fixtures/<provider>/<operation>/`.
//! Credentials are written as `[redacted]` (JSON) or an environment variable (curl).

use indexmap::IndexMap;
use minijinja::context;
use serde_json::{Map, Value};

use super::templates::{environment, render};
use super::{banner, Layout, OutputFile, RenderError, Renderer};
use crate::model::{Model, OpModel, ProviderModel};
use spec::format::{BodyEncoding, Example, Kind, Location, Schema};
use spec::model::Credential;

pub struct FixtureRenderer;

/// Stands for the credential until the output format decides how to show it.
pub(super) const CREDENTIAL: &str = "\u{1}credential\u{1}";
const REDACTED: &str = "[redacted]";

impl Renderer for FixtureRenderer {
    fn name(&self) -> &'static str {
        "render fixtures"
    }

    fn render(
        &self,
        model: &Model,
        _layout: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        let env = environment()?;
        for p in &model.providers {
            for op in &p.operations {
                for ex in &op.op.examples {
                    let dir = format!("fixtures/{}/{}/{}", p.spec.provider.id, op.op.id, ex.name);
                    let banner_json = json(&Value::String(
                        banner("", &p.source, "").trim_end().to_owned(),
                    ));
                    if ex.request.is_some() {
                        let wire = WireRequest::build(op, ex);
                        out.push(OutputFile {
                            path: format!("{dir}.request.json").into(),
                            contents: wire.json(&env, &banner_json, ex, op)?,
                        });
                        out.push(OutputFile {
                            path: format!("{dir}.curl.sh").into(),
                            contents: wire.curl(&env, p, ex)?,
                        });
                    }
                    if let Some(resp) = &ex.response {
                        let ctx = context! {
                            banner => banner_json.clone(),
                            example => json(&Value::String(ex.name.clone())),
                            error => json(&ex.error.clone().map_or(Value::Null, Value::String)),
                            status => resp.status,
                            headers => indent(&json(&to_value(&resp.headers))),
                            body => indent(&json(resp.body.as_ref().unwrap_or(&Value::Null))),
                        };
                        out.push(OutputFile {
                            path: format!("{dir}.response.json").into(),
                            contents: render(&env, "response.json.j2", ctx)?,
                        });
                    }
                }
            }
        }
        Ok(())
    }
}

/// The request an example puts on the wire, with the credential as [`CREDENTIAL`].
pub(super) struct WireRequest {
    pub method: &'static str,
    pub path: String,
    pub query: IndexMap<String, String>,
    pub headers: IndexMap<String, String>,
    pub body: Option<Map<String, Value>>,
    pub encoding: Option<BodyEncoding>,
}

impl WireRequest {
    pub(super) fn build(op: &OpModel, ex: &Example) -> Self {
        let req = ex.request.clone().unwrap_or_default();
        let path = op.resolved.path.fill(&req.path);
        let mut query = IndexMap::new();
        let mut headers = IndexMap::new();
        let mut body = match &req.body {
            Some(Value::Object(m)) => Some(m.clone()),
            _ => None,
        };
        for d in &op.op.discriminators {
            let value = d.value.clone();
            match d.location {
                Location::Query => {
                    query.insert(d.name.clone(), value);
                }
                Location::Header => {
                    headers.insert(d.name.clone(), value);
                }
                Location::Body => {
                    body.get_or_insert_with(Map::new)
                        .entry(d.name.clone())
                        .or_insert(Value::String(value));
                }
                Location::Path => {}
            }
        }
        query.extend(req.query.clone());
        headers.extend(req.headers.clone());
        match &op.resolved.credential {
            Credential::Query(name) => {
                query.insert(name.clone(), CREDENTIAL.into());
            }
            Credential::Header(name) => {
                let key = headers
                    .keys()
                    .find(|k| k.eq_ignore_ascii_case(name))
                    .cloned()
                    .unwrap_or_else(|| name.clone());
                headers.insert(key, CREDENTIAL.into());
            }
            Credential::Form(name) => {
                body.get_or_insert_with(Map::new)
                    .insert(name.clone(), Value::String(CREDENTIAL.into()));
            }
            Credential::None => {}
        }
        // Parameters marked secret are credentials too.
        for prm in &op.op.request.parameters {
            if prm.role == Some(spec::format::Role::Secret) {
                if let Some(v) = query.get_mut(&prm.name) {
                    *v = CREDENTIAL.into();
                }
                if let Some(v) = body.as_mut().and_then(|b| b.get_mut(&prm.name)) {
                    *v = Value::String(CREDENTIAL.into());
                }
            }
        }
        WireRequest {
            method: op.op.method.as_str(),
            path,
            query,
            headers,
            encoding: body
                .as_ref()
                .map(|_| op.op.request.body.unwrap_or(BodyEncoding::Json)),
            body,
        }
    }

    fn json(
        &self,
        env: &minijinja::Environment,
        banner_json: &str,
        ex: &Example,
        op: &OpModel,
    ) -> Result<String, RenderError> {
        let redact_str = |s: &String| s.replace(CREDENTIAL, REDACTED);
        let query: IndexMap<&String, String> =
            self.query.iter().map(|(k, v)| (k, redact_str(v))).collect();
        let headers: IndexMap<&String, String> = self
            .headers
            .iter()
            .map(|(k, v)| (k, redact_str(v)))
            .collect();
        let body = self.body.as_ref().map_or(Value::Null, |b| {
            let mut body = Value::Object(b.clone());
            redact(&mut body);
            body
        });
        let encoding = self.encoding.map_or(Value::Null, |e| {
            Value::String(
                match e {
                    BodyEncoding::Json => "json",
                    BodyEncoding::Multipart => "multipart",
                    BodyEncoding::Urlencoded => "urlencoded",
                }
                .into(),
            )
        });
        let ctx = context! {
            banner => banner_json,
            example => json(&Value::String(ex.name.clone())),
            method => json(&Value::String(self.method.into())),
            path => json(&Value::String(self.path.clone())),
            query => indent(&json(&to_value(&query))),
            headers => indent(&json(&to_value(&headers))),
            body_encoding => json(&encoding),
            body => indent(&json(&body)),
            params => indent(&json(&typed_params(op, ex))),
        };
        render(env, "request.json.j2", ctx)
    }

    fn curl(
        &self,
        env: &minijinja::Environment,
        p: &ProviderModel,
        ex: &Example,
    ) -> Result<String, RenderError> {
        let prefix = p.spec.provider.id.to_uppercase();
        let token_var = format!("{prefix}_TOKEN");
        let base_var = format!("{prefix}_BASE_URL");
        let mut base = p.spec.provider.base_url.clone();
        for (name, v) in &p.spec.provider.variables {
            base = base.replace(&format!("{{{name}}}"), &v.example);
        }
        let mut url = vec![
            Part::Raw(format!("\"${{{base_var}:-{base}}}\"")),
            Part::Lit(self.path.clone()),
        ];
        for (i, (k, v)) in self.query.iter().enumerate() {
            url.push(Part::Lit(format!(
                "{}{}=",
                if i == 0 { '?' } else { '&' },
                spec::url::encode_component(k)
            )));
            url.extend(split_credential(v, &token_var, true));
        }
        let mut args: Vec<String> = Vec::new();
        for (k, v) in &self.headers {
            let mut parts = vec![Part::Lit(format!("{k}: "))];
            parts.extend(split_credential(v, &token_var, false));
            args.push(format!("--header {}", word(&parts)));
        }
        if let Some(body) = &self.body {
            match self.encoding {
                Some(BodyEncoding::Multipart) | Some(BodyEncoding::Urlencoded) => {
                    let flag = if self.encoding == Some(BodyEncoding::Multipart) {
                        "--form-string"
                    } else {
                        "--data-urlencode"
                    };
                    for (k, v) in body {
                        let text = match v {
                            Value::String(s) => s.clone(),
                            other => other.to_string(),
                        };
                        let mut parts = vec![Part::Lit(format!("{k}="))];
                        parts.extend(split_credential(&text, &token_var, false));
                        args.push(format!("{flag} {}", word(&parts)));
                    }
                }
                _ => {
                    args.push(format!(
                        "--header {}",
                        word(&[Part::Lit("Content-Type: application/json".into())])
                    ));
                    let text = Value::Object(body.clone()).to_string();
                    args.push(format!(
                        "--data {}",
                        word(&split_credential(&text, &token_var, false))
                    ));
                }
            }
        }
        let ctx = context! {
            banner => banner("# ", &p.source, ""),
            summary => ex.summary.replace('\n', " "),
            token_var => token_var,
            base_var => base_var,
            method => self.method,
            url => word(&url),
            args => args,
        };
        render(env, "curl.sh.j2", ctx)
    }
}

/// A piece of a shell word.
enum Part {
    /// Literal text, single-quoted.
    Lit(String),
    /// Already quoted shell text.
    Raw(String),
}

/// Split out the credential marker as a `"$VAR"` reference.
fn split_credential(text: &str, var: &str, url_encode: bool) -> Vec<Part> {
    let mut parts = Vec::new();
    for (i, piece) in text.split(CREDENTIAL).enumerate() {
        if i > 0 {
            parts.push(Part::Raw(format!("\"${var}\"")));
        }
        if !piece.is_empty() {
            parts.push(Part::Lit(if url_encode {
                spec::url::encode_component(piece)
            } else {
                piece.to_owned()
            }));
        }
    }
    parts
}

fn word(parts: &[Part]) -> String {
    let mut out = String::new();
    let mut lit = String::new();
    let quote = |lit: &mut String, out: &mut String| {
        if !lit.is_empty() {
            out.push_str(&format!("'{}'", lit.replace('\'', r"'\''")));
            lit.clear();
        }
    };
    for p in parts {
        match p {
            Part::Lit(s) => lit.push_str(s),
            Part::Raw(s) => {
                quote(&mut lit, &mut out);
                out.push_str(s);
            }
        }
    }
    quote(&mut lit, &mut out);
    out
}

fn to_value<T: serde::Serialize>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn json(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_else(|_| "null".into())
}

/// Indent continuation lines of a nested JSON value by two spaces.
fn indent(text: &str) -> String {
    text.replace('\n', "\n  ")
}

/// The example's parameters keyed by wire name with typed values: what the generated
/// request deserializes from. Credentials are left out.
pub fn typed_params(op: &OpModel, ex: &Example) -> Value {
    typed_params_of(op, &ex.request.clone().unwrap_or_default())
}

/// [`typed_params`] of a documented request (an example's own or a borrowed one).
pub fn typed_params_of(op: &OpModel, req: &spec::format::ExampleRequest) -> Value {
    let mut out = Map::new();
    for f in &op.params {
        if matches!(f.ty, crate::model::Ty::Secret) {
            continue;
        }
        let raw = match f.location {
            Some(Location::Path) => req.path.get(f.wire).map(|s| Value::String(s.clone())),
            Some(Location::Query) => req.query.get(f.wire).map(|s| Value::String(s.clone())),
            Some(Location::Header) => req
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(f.wire))
                .map(|(_, v)| Value::String(v.clone())),
            Some(Location::Body) => req.body.as_ref().and_then(|b| b.get(f.wire)).cloned(),
            None => None,
        };
        if let Some(raw) = raw {
            out.insert(f.wire.to_owned(), typed(f.schema, raw));
        }
    }
    Value::Object(out)
}

/// A wire value as the typed value of `schema` (strings to numbers, csv to arrays...).
fn typed(schema: &Schema, raw: Value) -> Value {
    let Value::String(text) = raw else {
        return match (schema.kind, raw) {
            (Kind::Array, Value::Array(items)) => match &schema.items {
                Some(item) => Value::Array(items.into_iter().map(|v| typed(item, v)).collect()),
                None => Value::Array(items),
            },
            (_, other) => other,
        };
    };
    let text = text.trim().to_owned();
    match schema.kind {
        Kind::Integer | Kind::Long => text.parse::<i64>().map_or(Value::String(text), Value::from),
        Kind::Number => text.parse::<f64>().map_or(Value::String(text), Value::from),
        Kind::Boolean => match text.as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text),
        },
        Kind::Array => {
            let parts: Vec<Value> = match serde_json::from_str::<Value>(&text) {
                Ok(Value::Array(items)) => items,
                _ => text
                    .split(',')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(|p| Value::String(p.to_owned()))
                    .collect(),
            };
            match &schema.items {
                Some(item) => Value::Array(parts.into_iter().map(|v| typed(item, v)).collect()),
                None => Value::Array(parts),
            }
        }
        Kind::OneOf => {
            let parsed = serde_json::from_str::<Value>(&text).ok();
            for v in &schema.variants {
                if let Some(lit) = &v.literal {
                    if Some(lit) == parsed.as_ref() || lit.as_str() == Some(text.as_str()) {
                        return lit.clone();
                    }
                }
            }
            match schema.variants.iter().find_map(|v| v.schema.as_ref()) {
                Some(s) => typed(s, Value::String(text)),
                None => Value::String(text),
            }
        }
        Kind::Ref | Kind::String | Kind::Unit => Value::String(text),
    }
}

/// The example as text for rustdoc: request line, headers, body, then the response.
pub(super) fn example_lines(op: &OpModel, ex: &Example) -> Vec<String> {
    let mut lines = vec![format!("{}:", ex.summary.trim_end_matches(['.', ':']))];
    if ex.request.is_some() {
        let w = WireRequest::build(op, ex);
        let query: Vec<String> = w
            .query
            .iter()
            .map(|(k, v)| {
                format!(
                    "{}={}",
                    spec::url::encode_component(k),
                    spec::url::encode_component(v)
                        .replace(&spec::url::encode_component(CREDENTIAL), REDACTED)
                )
            })
            .collect();
        let q = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        lines.push(format!("{} {}{q}", w.method, w.path));
        for (k, v) in &w.headers {
            lines.push(format!("{k}: {}", v.replace(CREDENTIAL, REDACTED)));
        }
        if let Some(body) = &w.body {
            lines.push(String::new());
            let mut body = Value::Object(body.clone());
            redact(&mut body);
            lines.push(compact_json(&body));
        }
    }
    if let Some(resp) = &ex.response {
        if ex.request.is_some() {
            lines.push(String::new());
        }
        lines.push(format!("HTTP {}", resp.status));
        if let Some(body) = &resp.body {
            lines.push(compact_json(body));
        }
    }
    lines
}

/// Replace the credential placeholder in every string of `v` (on the value: in JSON text the
/// placeholder's control characters are escaped).
fn redact(v: &mut Value) {
    match v {
        Value::String(s) if s.contains(CREDENTIAL) => *s = s.replace(CREDENTIAL, REDACTED),
        Value::Array(items) => items.iter_mut().for_each(redact),
        Value::Object(map) => map.values_mut().for_each(redact),
        _ => {}
    }
}

/// One-line JSON: examples in rustdoc stay one line per body (the fixtures keep the
/// pretty-printed form).
fn compact_json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}
