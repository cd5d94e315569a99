//! Per-provider reference pages (`docs/<provider>.md`) rendered from the spec.

use minijinja::context;
use serde_json::{json, Value};

use super::templates::{environment, render};
use super::{banner, Layout, OutputFile, RenderError, Renderer};
use crate::model::{RustModel, RustProvider};
use spec::format::{AuthScheme, Envelope, Kind, Schema};
use spec::model::{Credential, REDACTED};

pub struct DocsRenderer;

impl Renderer for DocsRenderer {
    fn name(&self) -> &'static str {
        "render docs"
    }

    fn render(
        &self,
        model: &RustModel,
        layout: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        let env = environment()?;
        let krate = match layout {
            Layout::Workspace => "generated".to_owned(),
            Layout::Standalone { name } => name.replace('-', "_"),
        };
        for p in &model.providers {
            let ctx = context! {
                banner => banner("<!-- ", &p.source, " -->").trim_end().to_owned(),
                p => &p.spec.provider,
                module => &p.module,
                auth => auth(p),
                ops => ops(p, &krate)?,
                krate => &krate,
                errata => &p.spec.errata,
            };
            let mut contents = render(&env, "provider.md.j2", ctx)?;
            // Errata may quote an example credential: never print one.
            for secret in &p.example_secrets {
                contents = contents.replace(secret.as_str(), REDACTED);
            }
            out.push(OutputFile {
                path: format!("docs/{}.md", p.spec.provider.id).into(),
                contents,
            });
        }
        Ok(())
    }
}

fn auth(p: &RustProvider) -> Vec<Value> {
    p.auth
        .iter()
        .map(|a| {
            let text = match a.scheme {
                AuthScheme::Signature { algorithm, description, .. } => {
                    format!("request signing ({algorithm}) with an access key and a secret key. {description}")
                }
                AuthScheme::Query { description, .. }
                | AuthScheme::Header { description, .. }
                | AuthScheme::Form { description, .. } => {
                    let place = Credential::of_scheme(a.scheme).words().unwrap_or_default();
                    format!("{place}. {description}")
                }
            };
            let setter = match a.scheme {
                AuthScheme::Signature { .. } => "access_key` and `secret_key".to_owned(),
                _ => a.setter.clone(),
            };
            json!({ "id": a.id, "setter": setter, "text": text })
        })
        .collect()
}

fn ops(p: &RustProvider, krate: &str) -> Result<Vec<Value>, RenderError> {
    p.operations
        .iter()
        .enumerate()
        .map(|(i, o)| {
            // The rustdoc example of the operation without its hidden lines.
            let rust = super::rust::example::usage(p, o, krate)?.map(|text| {
                text.lines()
                    .filter(|l| !l.starts_with("# ") && *l != "#")
                    .map(|l| format!("{l}\n"))
                    .collect::<String>()
            });
            let op = o.op;
            let envelope = op.response.envelope.as_ref().map(|e| match e {
                Envelope::ResultCode { code_field, success, .. } => {
                    format!("result code `{code_field}` must be {success} (else a failure, even under this status)")
                }
                Envelope::XmlJson { root, list, error, text_key, attribute_prefix, error_fields } => {
                    let object = error_fields.object.as_ref().map(|o| format!(", object `{o}`")).unwrap_or_default();
                    format!(
                        "XML-as-JSON under `{root}` (element text under `{text_key}`, attributes prefixed `{attribute_prefix}`, lists under `{list}`); \
                         `{error}` is a failure under any status (kind `{}`{object}, message `{}`)",
                        error_fields.kind, error_fields.message
                    )
                }
            });
            Ok(json!({
                "id": op.id,
                "rust_method": o.method.trim_start_matches("r#"),
                "builder": o.builder,
                "paged": o.pagination.is_some(),
                "rust": rust,
                "summary": op.summary,
                "cite": p.cite(&["operations".into(), i.into()]),
                "method": op.method.as_str(),
                "path": op.path,
                "discriminators": op.discriminators.iter().map(|d| format!("{}={}", d.name, d.value)).collect::<Vec<_>>(),
                "effect": format!("{:?}", op.effect).to_lowercase(),
                "address_documented": op.address_documented,
                "since": op.since,
                "deprecated": op.deprecated.as_ref().map(deprecation_text),
                "status": op.response.status,
                "envelope": envelope,
                "body": op.request.body.map(|b| b.media_type()),
                "params": op.request.parameters.iter().zip(&o.params).map(|(prm, f)| json!({
                    "name": prm.name,
                    "setter": crate::model::setter(&f.ident).trim_start_matches("r#").to_owned(),
                    "location": prm.location.as_str(),
                    "required": prm.required,
                    "type": match &prm.identifies {
                        Some(thing) => match &f.ty {
                            crate::model::Ty::Named(n) => format!("{} (identifies: {thing}, Rust `{n}`)", describe(&prm.schema)),
                            _ => describe(&prm.schema),
                        },
                        None => describe(&prm.schema),
                    },
                    "description": match &prm.deprecated {
                        Some(d) => format!("**Deprecated:** {} {}", deprecation_text(d), prm.description),
                        None => prm.description.clone(),
                    }
                    .replace('|', "\\|"),
                })).collect::<Vec<_>>(),
                "errors": op.errors.iter().map(|e| json!({
                    "name": e.name, "status": e.status, "status_documented": e.status_documented,
                    "retryable": e.retryable, "description": e.description,
                })).collect::<Vec<_>>(),
                "examples": op.examples.iter().map(|x| x.name.clone()).collect::<Vec<_>>(),
            }))
        })
        .collect()
}

/// The reason of a deprecation, and what to use instead.
fn deprecation_text(d: &spec::format::Deprecated) -> String {
    let reason = d.reason.trim_end();
    match &d.replacement {
        Some(r) => format!("{reason} Use `{r}` instead."),
        None => reason.to_string(),
    }
}

/// A short type description with constraints, for the parameter table.
pub fn describe(s: &Schema) -> String {
    let mut t = match s.kind {
        Kind::Array => format!(
            "array of {}",
            s.items.as_deref().map_or("?".into(), describe)
        ),
        Kind::Ref => format!("`{}`", s.reference.as_deref().unwrap_or("?")),
        Kind::OneOf => {
            let alts: Vec<String> = s
                .variants
                .iter()
                .map(|v| match (&v.schema, &v.literal) {
                    (Some(sc), _) => describe(sc),
                    (None, Some(l)) => format!("`{l}`"),
                    _ => "?".into(),
                })
                .collect();
            alts.join(" or ")
        }
        k => format!("{k:?}").to_lowercase(),
    };
    let mut rules = Vec::new();
    if let Some(f) = s.format {
        rules.push(f.name().to_owned());
    }
    if let Some(w) = s.wire {
        rules.push(format!("sent as {w:?}").to_lowercase());
    }
    if let Some(v) = s.minimum {
        rules.push(format!(">= {v}"));
    }
    if let Some(v) = s.maximum {
        rules.push(format!("<= {v}"));
    }
    if let Some(v) = s.min_length {
        rules.push(format!("length >= {v}"));
    }
    if let Some(v) = s.max_length {
        rules.push(format!("length <= {v}"));
    }
    if let Some(v) = &s.pattern {
        rules.push(format!("pattern `{}`", v.replace('|', "\\|")));
    }
    if let Some(v) = &s.forbidden_chars {
        rules.push(format!("without `{}`", v.replace('|', "\\|")));
    }
    if s.nullable {
        rules.push("nullable".into());
    }
    if !rules.is_empty() {
        t = format!("{t} ({})", rules.join(", "));
    }
    t
}
