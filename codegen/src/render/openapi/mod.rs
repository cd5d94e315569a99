//! OpenAPI 3.1 export: one JSON document per provider under `generated/openapi/`.
//!
//! The document is built as a `serde_json::Value` (insertion-ordered, so output is
//! deterministic) from the same model as the Rust clients. Where OpenAPI cannot say what the
//! spec says, the least lossy valid form is chosen and the rest travels in `x-` extensions;
//! the README section "OpenAPI export" lists every such loss:
//! - operations sharing one path and method (told apart by discriminators) become one
//!   operation whose parameters and bodies are the union, with `x-operations` listing them
//!   (`paths.rs`);
//! - wire envelopes (result codes, XML-as-JSON) are spelled out as wire schemas, and failures
//!   under a success status join that status as `anyOf` alternatives (`responses.rs`, `xml.rs`);
//! - failures whose status the page does not give go under `default`;
//! - a credential sent as a form field is a required body property marked `x-credential`;
//! - constraints on values sent as text become anchored regexes (`patterns.rs`);
//! - a parameter that says what it identifies refers to a string component named as the
//!   Rust clients' id type, holding what its parameters share (`ids.rs`).
//!
//! This file assembles the document: banner, info, servers, security schemes, errata.

mod ids;
mod paths;
mod patterns;
mod redact;
mod responses;
mod schema;
mod xml;

use std::path::PathBuf;

use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use spec::format::{AuthScheme, Example, Operation, Spec};
use spec::yaml::PathSeg;

use super::{Layout, OutputFile, RenderError, Renderer};
use crate::model::{RustModel, RustProvider};

/// OpenAPI version the documents declare.
/// `deprecated: true` with the spec's reason and replacement as `x-deprecated-reason` and
/// `x-replacement` (OpenAPI's `deprecated` has room for neither).
fn mark_deprecated(m: &mut Map<String, Value>, d: Option<&spec::format::Deprecated>) {
    let Some(d) = d else { return };
    m.insert("deprecated".into(), json!(true));
    m.insert("x-deprecated-reason".into(), json!(d.reason));
    if let Some(r) = &d.replacement {
        m.insert("x-replacement".into(), json!(r));
    }
}

pub const OPENAPI_VERSION: &str = "3.1.0";

impl Exporter<'_> {
    /// The citation of the fact at `at` as an `x-source` value.
    fn source_of(&self, at: &[PathSeg]) -> Option<Value> {
        self.model.cite(at).map(|c| json!(c))
    }

    /// Document path of operation `op` (`operations[i]`) followed by `rest`.
    fn op_path(&self, op: &Operation, rest: &[PathSeg]) -> Vec<PathSeg> {
        let i = self
            .spec
            .operations
            .iter()
            .position(|o| std::ptr::eq(o, op))
            .unwrap_or_default();
        let mut v = vec![PathSeg::from("operations"), PathSeg::from(i)];
        v.extend_from_slice(rest);
        v
    }
}

/// Placeholder that replaces credential values in documented examples.
pub const SECRET_PLACEHOLDER: &str = "<secret>";

/// The OpenAPI export as one more renderer, so `cargo xtask codegen` writes and drift-checks
/// `generated/openapi/` with the rest.
pub struct OpenApiRenderer;

impl Renderer for OpenApiRenderer {
    fn name(&self) -> &'static str {
        "render openapi"
    }

    fn render(
        &self,
        model: &RustModel,
        _: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        out.extend(model.providers.iter().map(render_provider));
        Ok(())
    }
}

/// The export of one provider: `openapi/<provider id>.json` and its text.
pub fn render_provider(p: &RustProvider) -> OutputFile {
    // Serializing a `Value` cannot fail (all keys are strings).
    let mut contents = serde_json::to_string_pretty(&document(p)).unwrap_or_default();
    contents.push('\n');
    OutputFile {
        path: PathBuf::from("openapi").join(format!("{}.json", p.spec.provider.id)),
        contents,
    }
}

/// The OpenAPI document of one provider; its banner names the spec by the model's `source`.
pub fn document(p: &RustProvider) -> Value {
    let spec = p.spec;
    let mut r = Exporter {
        spec,
        model: p,
        extra_schemas: IndexMap::new(),
        xml_conventions: Vec::new(),
        id_shared: IndexMap::new(),
    };
    r.id_components();
    let paths = r.paths();
    let mut schemas = Map::new();
    for (name, def) in &spec.types {
        schemas.insert(name.clone(), r.type_def(name, def));
    }
    for (name, schema) in std::mem::take(&mut r.extra_schemas) {
        schemas.insert(name, schema);
    }

    let mut doc = Map::new();
    doc.insert(
        "x-generated-by".into(),
        json!(format!(
            "Generated from {} by `cargo xtask codegen`; do not edit.",
            p.source
        )),
    );
    doc.insert("openapi".into(), json!(OPENAPI_VERSION));
    doc.insert("info".into(), info(spec));
    doc.insert("servers".into(), servers(spec));
    doc.insert("paths".into(), Value::Object(paths));
    let mut components = Map::new();
    components.insert("schemas".into(), Value::Object(schemas));
    let security = security_schemes(spec);
    if !security.is_empty() {
        components.insert("securitySchemes".into(), Value::Object(security));
    }
    doc.insert("components".into(), Value::Object(components));
    if !spec.errata.is_empty() {
        doc.insert("x-errata".into(), json!(spec.errata));
    }
    let mut doc = Value::Object(doc);
    redact::redact(&mut doc, &p.example_secrets);
    doc
}

fn info(spec: &Spec) -> Value {
    let p = &spec.provider;
    json!({
        "title": p.title,
        "version": p.version.clone().unwrap_or_else(|| "unversioned".into()),
        "description": p.description,
        "x-provider-id": p.id,
        "x-sources": p.sources,
    })
}

fn servers(spec: &Spec) -> Value {
    let p = &spec.provider;
    let mut server = Map::new();
    server.insert("url".into(), json!(p.base_url));
    if !p.variables.is_empty() {
        let vars: Map<String, Value> = p
            .variables
            .iter()
            .map(|(name, v)| {
                // OpenAPI requires a default; the spec's example stands in when it has none.
                let mut var = Map::new();
                var.insert(
                    "default".into(),
                    json!(v.default.clone().unwrap_or_else(|| v.example.clone())),
                );
                var.insert("description".into(), json!(v.description));
                if v.default.is_none() {
                    var.insert("x-default-is-example".into(), json!(true));
                }
                (name.clone(), Value::Object(var))
            })
            .collect();
        server.insert("variables".into(), Value::Object(vars));
    }
    json!([server])
}

fn security_schemes(spec: &Spec) -> Map<String, Value> {
    let mut out = Map::new();
    for (id, scheme) in &spec.auth {
        let value = match scheme {
            AuthScheme::Query {
                name, description, ..
            } => {
                json!({"type": "apiKey", "in": "query", "name": name, "description": description})
            }
            AuthScheme::Header {
                name, description, ..
            } => {
                json!({"type": "apiKey", "in": "header", "name": name, "description": description})
            }
            // Request signing has no OpenAPI scheme: the signature travels in `Authorization`.
            AuthScheme::Signature {
                algorithm,
                description,
                ..
            } => json!({
                "type": "apiKey", "in": "header", "name": "Authorization",
                "description": format!("{description} The header value is a per-request signature ({algorithm}), not a fixed key."),
                "x-signature-algorithm": algorithm,
            }),
            // A form field is no OpenAPI security scheme: see `Exporter::body_schema`.
            AuthScheme::Form { .. } => continue,
        };
        out.insert(id.clone(), value);
    }
    out
}

/// Where a schema's values travel, which decides how wire encodings are spelled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// A JSON body: `wire: string` numbers may be strings, `wire: csv` arrays are strings.
    Json,
    /// A query, path or header parameter: text, serialized by the parameter's style.
    Param,
    /// A form field: text; csv arrays are one field.
    Form,
}

/// The state of one document's rendering; its methods live in the submodules, one job each.
struct Exporter<'a> {
    spec: &'a Spec,
    /// The provider's model: its citations become `x-source`.
    model: &'a RustProvider<'a>,
    /// Schemas made while rendering operations (id types, request bodies, wire forms of types).
    extra_schemas: IndexMap<String, Value>,
    /// XML-to-JSON conventions (text key, attribute prefix) in order of first use.
    xml_conventions: Vec<(String, String)>,
    /// Per id type component, the constraints it holds (see `ids.rs`).
    id_shared: IndexMap<String, Map<String, Value>>,
}

/// The key of a named example: merged operations prefix it with the operation id.
fn example_key(op: &Operation, ex: &Example, merged: bool) -> String {
    if merged {
        format!("{}.{}", op.id, ex.name)
    } else {
        ex.name.clone()
    }
}

/// A documented header's value, whatever the case of its name.
fn header_value<'m>(headers: &'m IndexMap<String, String>, name: &str) -> Option<&'m String> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn component_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}
