//! Fixtures for every documented example: the expected wire request, the documented
//! response and an equivalent curl command, under `fixtures/<provider>/<operation>/`.
//! Credentials are written as `[redacted]` (JSON) or an environment variable (curl).

use minijinja::context;
use serde_json::Value;

use super::templates::{environment, render};
use super::{banner, Layout, OutputFile, RenderError, Renderer};
use crate::model::{RustModel, RustProvider};
use spec::format::{BodyEncoding, Example};
use spec::model::curl::{Base, Curl};
use spec::model::{ExampleModel, WireBody, WireRequest, REDACTED};

pub struct FixtureRenderer;

impl Renderer for FixtureRenderer {
    fn name(&self) -> &'static str {
        "render fixtures"
    }

    fn render(
        &self,
        model: &RustModel,
        _layout: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        let env = environment()?;
        for p in &model.providers {
            for op in &p.operations {
                for ex in &op.resolved.examples {
                    let name = &ex.example.name;
                    let dir = format!("fixtures/{}/{}/{name}", p.spec.provider.id, op.op.id);
                    let banner_json = json(&Value::String(
                        banner("", &p.source, "").trim_end().to_owned(),
                    ));
                    if let Some(wire) = ex.wire.as_ref().filter(|_| ex.own_request) {
                        out.push(OutputFile {
                            path: format!("{dir}.request.json").into(),
                            contents: request_json(&env, &banner_json, ex, wire)?,
                        });
                        out.push(OutputFile {
                            path: format!("{dir}.curl.sh").into(),
                            contents: curl(&env, p, ex.example, wire)?,
                        });
                    }
                    if let Some(resp) = &ex.example.response {
                        let ctx = context! {
                            banner => banner_json.clone(),
                            example => json(&Value::String(name.clone())),
                            error => json(&ex.example.error.clone().map_or(Value::Null, Value::String)),
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

/// Name/value pairs as a JSON object (names are unique in a documented request).
fn object(pairs: &[(String, String)]) -> Value {
    Value::Object(
        pairs
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

fn request_json(
    env: &minijinja::Environment,
    banner_json: &str,
    ex: &ExampleModel,
    wire: &WireRequest,
) -> Result<String, RenderError> {
    let w = wire.with_secrets(REDACTED);
    let body = w.body.as_ref().map_or(Value::Null, WireBody::json);
    let encoding = w.body.as_ref().map_or(Value::Null, |b| {
        Value::String(
            match b.encoding {
                BodyEncoding::Json => "json",
                BodyEncoding::Multipart => "multipart",
                BodyEncoding::Urlencoded => "urlencoded",
            }
            .into(),
        )
    });
    let ctx = context! {
        banner => banner_json,
        example => json(&Value::String(ex.example.name.clone())),
        method => json(&Value::String(w.method.into())),
        path => json(&Value::String(w.path.clone())),
        query => indent(&json(&object(&w.query))),
        headers => indent(&json(&object(&w.headers))),
        body_encoding => json(&encoding),
        body => indent(&json(&body)),
        params => indent(&json(&Value::Object(ex.params.clone()))),
    };
    render(env, "request.json.j2", ctx)
}

/// The documented request as a curl command; secrets come from the token variable.
fn curl(
    env: &minijinja::Environment,
    p: &RustProvider,
    ex: &Example,
    wire: &WireRequest,
) -> Result<String, RenderError> {
    let token_var = spec::model::token_var(&p.spec.provider.id);
    let base_var = spec::model::base_url_var(&p.spec.provider.id);
    let mut base = p.spec.provider.base_url.clone();
    for (name, v) in &p.spec.provider.variables {
        base = base.replace(&format!("{{{name}}}"), &v.example);
    }
    let base = Base::Var {
        name: &base_var,
        default: &base,
    };
    let cmd = Curl::new(wire, base, &token_var);
    let ctx = context! {
        banner => banner("# ", &p.source, ""),
        summary => ex.summary.replace('\n', " "),
        token_var => token_var,
        base_var => base_var,
        method => cmd.method,
        url => cmd.url,
        args => cmd.args,
    };
    render(env, "curl.sh.j2", ctx)
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
