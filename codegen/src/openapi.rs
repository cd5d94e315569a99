//! OpenAPI 3.1 export: one JSON document per provider under `generated/openapi/`.
//!
//! The document is built as a `serde_json::Value` (insertion-ordered, so output is
//! deterministic) from the same validated model as the Rust clients. Where OpenAPI cannot say
//! what the spec says, the least lossy valid form is chosen and the rest travels in `x-`
//! extensions; the README section "OpenAPI export" lists every such loss:
//! - operations sharing one path and method (told apart by discriminators) become one
//!   operation whose parameters and bodies are the union, with `x-operations` listing them;
//! - wire envelopes (result codes, XML-as-JSON) are spelled out as wire schemas, and failures
//!   under a success status join that status as `anyOf` alternatives;
//! - failures whose status the page does not give go under `default`;
//! - a credential sent as a form field is a required body property marked `x-credential`.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use spec::format::{
    AuthScheme, BodyEncoding, Envelope, ErrorCase, Example, Field, Format, Kind, Location,
    Operation, Parameter, Role, Schema, Spec, TypeDef, Wire,
};
use spec::validate::Validated;

/// OpenAPI version the documents declare.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// Placeholder that replaces credential values in documented examples.
pub const SECRET_PLACEHOLDER: &str = "<secret>";

/// One document per provider, as `(path relative to generated/, contents)`, in spec order.
pub fn render(validated: &Validated) -> Vec<(PathBuf, String)> {
    validated
        .files()
        .iter()
        .map(|f| render_provider(&f.spec, &spec_label(&f.path)))
        .collect()
}

/// The export of one spec: `openapi/<provider id>.json` and its text. `source` names the spec
/// in the banner (e.g. `specs/otc_dcs.yaml`); this is what a renderer list calls.
pub fn render_provider(spec: &Spec, source: &str) -> (PathBuf, String) {
    let doc = document(spec, source);
    // Serializing a `Value` cannot fail (all keys are strings).
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    (
        PathBuf::from("openapi").join(format!("{}.json", spec.provider.id)),
        text,
    )
}

/// `specs/<file name>`: stable whatever directory the specs were loaded from.
fn spec_label(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    format!("specs/{name}")
}

/// The OpenAPI document of one spec.
pub fn document(spec: &Spec, spec_label: &str) -> Value {
    let mut r = Renderer {
        spec,
        extra_schemas: IndexMap::new(),
    };
    let paths = r.paths();
    let mut schemas = Map::new();
    for (name, def) in &spec.types {
        schemas.insert(name.clone(), r.type_def(def));
    }
    for (name, schema) in std::mem::take(&mut r.extra_schemas) {
        schemas.insert(name, schema);
    }

    let mut doc = Map::new();
    doc.insert(
        "x-generated-by".into(),
        json!(format!(
            "Generated from {spec_label} by `cargo xtask codegen`; do not edit."
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
    redact(&mut doc, &credential_examples(spec));
    doc
}

/// Credential values that documented examples carry (form fields, secret parameters).
fn credential_examples(spec: &Spec) -> Vec<String> {
    let mut out = Vec::new();
    for op in &spec.operations {
        let mut names: Vec<&str> = op
            .request
            .parameters
            .iter()
            .filter(|p| p.role == Some(Role::Secret))
            .map(|p| p.name.as_str())
            .collect();
        if let Some(scheme) = op.auth.as_ref().and_then(|a| spec.auth.get(a)) {
            names.extend(scheme.wire_name());
        }
        for req in op.examples.iter().filter_map(|e| e.request.as_ref()) {
            let body = req.body.as_ref().and_then(Value::as_object);
            for name in &names {
                let on_wire = [
                    req.query.get(*name),
                    req.path.get(*name),
                    header_value(&req.headers, name),
                ];
                out.extend(on_wire.into_iter().flatten().cloned());
                if let Some(Value::String(v)) = body.and_then(|b| b.get(*name)) {
                    out.push(v.clone());
                }
            }
        }
    }
    out.retain(|v| !v.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Replace every occurrence of a credential value in the document's strings (examples and
/// the errata's prose alike), so the export never carries one.
fn redact(v: &mut Value, secrets: &[String]) {
    match v {
        Value::String(s) => {
            for secret in secrets {
                if s.contains(secret.as_str()) {
                    *s = s.replace(secret.as_str(), SECRET_PLACEHOLDER);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| redact(i, secrets)),
        Value::Object(m) => m.values_mut().for_each(|i| redact(i, secrets)),
        _ => {}
    }
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
            AuthScheme::Query { name, description } => {
                json!({"type": "apiKey", "in": "query", "name": name, "description": description})
            }
            AuthScheme::Header { name, description } => {
                json!({"type": "apiKey", "in": "header", "name": name, "description": description})
            }
            // Request signing has no OpenAPI scheme: the signature travels in `Authorization`.
            AuthScheme::Signature {
                algorithm,
                description,
            } => json!({
                "type": "apiKey", "in": "header", "name": "Authorization",
                "description": format!("{description} The header value is a per-request signature ({algorithm}), not a fixed key."),
                "x-signature-algorithm": algorithm,
            }),
            // A form field is no OpenAPI security scheme: see `body_schema`.
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

struct Renderer<'a> {
    spec: &'a Spec,
    /// Schemas made while rendering operations (request bodies, wire forms of types).
    extra_schemas: IndexMap<String, Value>,
}

impl Renderer<'_> {
    fn paths(&mut self) -> Map<String, Value> {
        // Operations sharing a path and method, in spec order.
        let mut groups: IndexMap<(String, String), Vec<&Operation>> = IndexMap::new();
        for op in &self.spec.operations {
            let method = op.method.as_str().to_ascii_lowercase();
            groups
                .entry((op.path.clone(), method))
                .or_default()
                .push(op);
        }
        let mut paths = Map::new();
        for ((path, method), ops) in groups {
            let item = paths
                .entry(path)
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(item) = item {
                item.insert(method, self.operation(&ops));
            }
        }
        paths
    }

    /// One OpenAPI operation for one or several spec operations on the same path and method.
    fn operation(&mut self, ops: &[&Operation]) -> Value {
        let merged = ops.len() > 1;
        let mut out = Map::new();
        if let [op] = ops {
            out.insert("operationId".into(), json!(op.id));
            out.insert("summary".into(), json!(op.summary));
            if let Some(d) = &op.description {
                out.insert("description".into(), json!(d));
            }
        } else {
            let ids: Vec<&str> = ops.iter().map(|o| o.id.as_str()).collect();
            out.insert("operationId".into(), json!(ids.join("_or_")));
            out.insert(
                "summary".into(),
                json!(format!("One of: {}", ids.join(", "))),
            );
            let lines: Vec<String> = ops
                .iter()
                .map(|o| format!("- `{}` ({}): {}", o.id, discriminator_text(o), o.summary))
                .collect();
            out.insert(
                "description".into(),
                json!(format!(
                    "Several operations share this address; fixed parameters select one.\n\n{}",
                    lines.join("\n")
                )),
            );
        }

        let params = self.parameters(ops);
        if !params.is_empty() {
            out.insert("parameters".into(), Value::Array(params));
        }
        if let Some(body) = self.request_body(ops) {
            out.insert("requestBody".into(), body);
        }
        out.insert("responses".into(), self.responses(ops));
        let security = security_requirements(self.spec, ops);
        if let Some(s) = security {
            out.insert("security".into(), s);
        }
        if merged {
            let list: Vec<Value> = ops.iter().map(|o| operation_extension(o)).collect();
            out.insert("x-operations".into(), Value::Array(list));
        } else if let [op] = ops {
            for (k, v) in operation_extension(op)
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| k.starts_with("x-"))
            {
                out.insert(k.clone(), v.clone());
            }
        }
        Value::Object(out)
    }

    /// Path, query and header parameters, the union over `ops`; discriminators become
    /// required single-value (or, merged, several-value) enums.
    fn parameters(&mut self, ops: &[&Operation]) -> Vec<Value> {
        struct Acc {
            location: Location,
            count: usize,
            required_in_all: bool,
            schemas: Vec<Value>,
            description: String,
            csv: bool,
            examples: Map<String, Value>,
            discriminator: bool,
        }
        let mut acc: IndexMap<(String, &'static str), Acc> = IndexMap::new();
        let merged = ops.len() > 1;
        for op in ops {
            for d in op
                .discriminators
                .iter()
                .filter(|d| d.location != Location::Body)
            {
                let e = acc
                    .entry((d.name.clone(), location_name(d.location)))
                    .or_insert_with(|| Acc {
                        location: d.location,
                        count: 0,
                        required_in_all: true,
                        schemas: Vec::new(),
                        description: "Fixed value that selects the operation.".into(),
                        csv: false,
                        examples: Map::new(),
                        discriminator: true,
                    });
                e.count += 1;
                e.schemas.push(json!({"type": "string", "enum": [d.value]}));
            }
            for p in op.request.parameters.iter() {
                if p.location == Location::Body {
                    continue;
                }
                let schema = self.param_schema(p, Ctx::Param);
                let e = acc
                    .entry((p.name.clone(), location_name(p.location)))
                    .or_insert_with(|| Acc {
                        location: p.location,
                        count: 0,
                        required_in_all: true,
                        schemas: Vec::new(),
                        description: p.description.clone(),
                        csv: p.schema.wire == Some(Wire::Csv),
                        examples: Map::new(),
                        discriminator: false,
                    });
                e.count += 1;
                e.required_in_all &= p.required || p.location == Location::Path;
                if !e.schemas.contains(&schema) {
                    e.schemas.push(schema);
                }
                for ex in &op.examples {
                    let Some(req) = &ex.request else { continue };
                    let raw = match p.location {
                        Location::Path => req.path.get(&p.name),
                        Location::Query => req.query.get(&p.name),
                        Location::Header => header_value(&req.headers, &p.name),
                        Location::Body => None,
                    };
                    if let Some(raw) = raw {
                        let value = self.wire_example(p, raw);
                        e.examples.insert(
                            example_key(op, ex, merged),
                            json!({"summary": ex.summary, "value": value}),
                        );
                    }
                }
            }
        }
        let n = ops.len();
        acc.into_iter()
            .map(|((name, location), a)| {
                let schema = if a.discriminator {
                    let values: Vec<Value> = a
                        .schemas
                        .iter()
                        .filter_map(|s| s.get("enum").and_then(Value::as_array))
                        .flatten()
                        .cloned()
                        .collect();
                    json!({"type": "string", "enum": dedup(values)})
                } else if a.schemas.len() == 1 {
                    a.schemas.into_iter().next().unwrap_or_default()
                } else {
                    json!({ "anyOf": a.schemas })
                };
                let mut p = Map::new();
                p.insert("name".into(), json!(name));
                p.insert("in".into(), json!(location));
                p.insert("description".into(), json!(a.description));
                p.insert(
                    "required".into(),
                    json!(a.location == Location::Path || (a.required_in_all && a.count == n)),
                );
                if a.csv {
                    let style = if a.location == Location::Query {
                        "form"
                    } else {
                        "simple"
                    };
                    p.insert("style".into(), json!(style));
                    p.insert("explode".into(), json!(false));
                }
                p.insert("schema".into(), schema);
                if !a.examples.is_empty() {
                    p.insert("examples".into(), Value::Object(a.examples));
                }
                Value::Object(p)
            })
            .collect()
    }

    /// A parameter's schema with its documented default.
    fn param_schema(&mut self, p: &Parameter, ctx: Ctx) -> Value {
        let mut s = self.schema(&p.schema, ctx);
        if let (Some(default), Value::Object(m)) = (&p.default, &mut s) {
            m.insert("default".into(), default.clone());
        }
        if let (Some(role), Value::Object(m)) = (p.role, &mut s) {
            m.insert("x-role".into(), json!(role_name(role)));
        }
        s
    }

    /// A documented wire string as the typed value its parameter's schema describes.
    fn wire_example(&self, p: &Parameter, raw: &str) -> Value {
        if p.role == Some(Role::Secret) {
            return json!(SECRET_PLACEHOLDER);
        }
        spec::values::decode_wire(&p.schema, raw, self.spec).unwrap_or_else(|_| json!(raw))
    }

    fn request_body(&mut self, ops: &[&Operation]) -> Option<Value> {
        /// The operations whose body has one media type, and their examples.
        #[derive(Default)]
        struct Media<'o> {
            ops: Vec<&'o Operation>,
            examples: Map<String, Value>,
        }
        let mut by_media: IndexMap<&'static str, Media> = IndexMap::new();
        let mut every_op_has_body = true;
        let merged = ops.len() > 1;
        for op in ops {
            let Some(encoding) = op.request.body else {
                every_op_has_body = false;
                continue;
            };
            let schema = self.body_schema(op, encoding);
            self.extra_schemas.insert(body_schema_name(op), schema);
            let entry = by_media.entry(media_type(encoding)).or_default();
            entry.ops.push(op);
            for ex in &op.examples {
                let Some(body) = ex.request.as_ref().and_then(|r| r.body.as_ref()) else {
                    continue;
                };
                let value = self.body_example(op, encoding, body);
                entry.examples.insert(
                    example_key(op, ex, merged),
                    json!({"summary": ex.summary, "value": value}),
                );
            }
        }
        if by_media.is_empty() {
            return None;
        }
        let mut content = Map::new();
        for (media, group) in by_media {
            let refs: Vec<Value> = group
                .ops
                .iter()
                .map(|op| json!({ "$ref": component_ref(&body_schema_name(op)) }))
                .collect();
            let schema = match refs.as_slice() {
                [one] => one.clone(),
                _ => {
                    let mut s = Map::new();
                    s.insert("oneOf".into(), Value::Array(refs));
                    if let Some(d) = body_discriminator(&group.ops) {
                        s.insert("discriminator".into(), d);
                    }
                    Value::Object(s)
                }
            };
            let mut mt = Map::new();
            mt.insert("schema".into(), schema);
            if !group.examples.is_empty() {
                mt.insert("examples".into(), Value::Object(group.examples));
            }
            content.insert(media.into(), Value::Object(mt));
        }
        Some(json!({"required": every_op_has_body, "content": content}))
    }

    /// The body object of one operation: body parameters, body discriminators as constants,
    /// and a form credential as a required property.
    fn body_schema(&mut self, op: &Operation, encoding: BodyEncoding) -> Value {
        let ctx = if encoding == BodyEncoding::Json {
            Ctx::Json
        } else {
            Ctx::Form
        };
        let mut props = Map::new();
        let mut required = Vec::new();
        for d in op
            .discriminators
            .iter()
            .filter(|d| d.location == Location::Body)
        {
            props.insert(
                d.name.clone(),
                json!({"type": "string", "const": d.value, "description": "Fixed value that selects the operation."}),
            );
            required.push(json!(d.name));
        }
        if let Some(AuthScheme::Form { name, description }) =
            op.auth.as_ref().and_then(|a| self.spec.auth.get(a))
        {
            props.insert(
                name.clone(),
                json!({
                    "type": "string", "minLength": 1, "format": "password",
                    "description": description, "x-credential": op.auth, "x-role": "secret",
                }),
            );
            required.push(json!(name));
        }
        for p in op
            .request
            .parameters
            .iter()
            .filter(|p| p.location == Location::Body)
        {
            let mut s = self.param_schema(p, ctx);
            if let Value::Object(m) = &mut s {
                m.insert("description".into(), json!(p.description));
            }
            props.insert(p.name.clone(), s);
            if p.required {
                required.push(json!(p.name));
            }
        }
        let mut out = Map::new();
        out.insert("type".into(), json!("object"));
        out.insert(
            "description".into(),
            json!(format!("Request body of `{}`.", op.id)),
        );
        out.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        Value::Object(out)
    }

    /// A documented body with credentials replaced and form strings typed where the schema
    /// types them (csv arrays stay one string, as the export describes them).
    fn body_example(&self, op: &Operation, encoding: BodyEncoding, body: &Value) -> Value {
        let credential = op
            .auth
            .as_ref()
            .and_then(|a| self.spec.auth.get(a))
            .and_then(|s| match s {
                AuthScheme::Form { name, .. } => Some(name.as_str()),
                _ => None,
            });
        let Value::Object(fields) = body else {
            return body.clone();
        };
        let out = fields
            .iter()
            .map(|(k, v)| {
                let param = op
                    .request
                    .parameters
                    .iter()
                    .find(|p| p.location == Location::Body && &p.name == k);
                let secret = Some(k.as_str()) == credential
                    || param.is_some_and(|p| p.role == Some(Role::Secret));
                let value = match (secret, param, v) {
                    (true, _, _) => json!(SECRET_PLACEHOLDER),
                    (false, Some(p), Value::String(raw))
                        if encoding != BodyEncoding::Json && p.schema.wire != Some(Wire::Csv) =>
                    {
                        spec::values::decode_wire(&p.schema, raw, self.spec)
                            .unwrap_or_else(|_| v.clone())
                    }
                    _ => v.clone(),
                };
                (k.clone(), value)
            })
            .collect();
        Value::Object(out)
    }

    fn responses(&mut self, ops: &[&Operation]) -> Value {
        struct Slot {
            description: Vec<String>,
            schemas: Vec<Value>,
            examples: Map<String, Value>,
        }
        let merged = ops.len() > 1;
        let mut slots: IndexMap<String, Slot> = IndexMap::new();
        let new_slot = || Slot {
            description: Vec::new(),
            schemas: Vec::new(),
            examples: Map::new(),
        };
        for op in ops {
            let success = op.response.status.to_string();
            let slot = slots.entry(success.clone()).or_insert_with(new_slot);
            let wire = self.success_wire_schema(op);
            let prefix = if merged {
                format!("`{}`: ", op.id)
            } else {
                String::new()
            };
            slot.description.push(format!("{prefix}success."));
            // A unit payload has no content unless an envelope wraps it.
            let has_body = op.response.schema.kind != Kind::Unit || op.response.envelope.is_some();
            if has_body && !slot.schemas.contains(&wire) {
                slot.schemas.push(wire);
            }
            for e in &op.errors {
                // An undocumented status stays at the status the spec chose for the mock;
                // the description says clients accept the shape under any failure status.
                let key = e.status.to_string();
                let schema = self.error_schema(e);
                let slot = slots.entry(key).or_insert_with(new_slot);
                slot.description.push(format!(
                    "{prefix}failure `{}`: {}{}",
                    e.name,
                    e.description,
                    if e.status_documented {
                        ""
                    } else {
                        " (status not documented: clients accept this shape under any failure status)"
                    }
                ));
                if !slot.schemas.contains(&schema) {
                    slot.schemas.push(schema);
                }
            }
            for ex in &op.examples {
                let Some(resp) = &ex.response else { continue };
                let status = resp.status.to_string();
                let key = if slots.contains_key(&status) {
                    status
                } else {
                    "default".to_string()
                };
                let slot = slots.entry(key).or_insert_with(new_slot);
                let mut e = Map::new();
                e.insert("summary".into(), json!(ex.summary));
                if let Some(err) = &ex.error {
                    e.insert("x-error".into(), json!(err));
                }
                if let Some(erratum) = &ex.erratum {
                    e.insert("x-erratum".into(), json!(erratum));
                }
                match &resp.body {
                    Some(body) => {
                        e.insert("value".into(), body.clone());
                    }
                    None => {
                        e.insert("x-no-body".into(), json!(true));
                    }
                }
                slot.examples
                    .insert(example_key(op, ex, merged), Value::Object(e));
            }
        }
        for (status, schema, text) in self.mock_replies(ops) {
            let slot = slots.entry(status).or_insert_with(new_slot);
            slot.description.push(text);
            if !slot.schemas.contains(&schema) {
                slot.schemas.push(schema);
            }
        }

        let mut out = Map::new();
        for (status, slot) in slots {
            let mut r = Map::new();
            r.insert("description".into(), json!(slot.description.join("\n")));
            if !slot.schemas.is_empty() {
                let schema = match slot.schemas.len() {
                    1 => slot.schemas.into_iter().next().unwrap_or_default(),
                    _ => json!({ "anyOf": slot.schemas }),
                };
                let mut mt = Map::new();
                mt.insert("schema".into(), schema);
                let (with_body, without): (Map<String, Value>, Map<String, Value>) = slot
                    .examples
                    .into_iter()
                    .partition(|(_, e)| e.get("value").is_some());
                if !with_body.is_empty() {
                    mt.insert("examples".into(), Value::Object(with_body));
                }
                if !without.is_empty() {
                    r.insert("x-examples-without-body".into(), Value::Object(without));
                }
                r.insert(
                    "content".into(),
                    json!({ "application/json": Value::Object(mt) }),
                );
            } else if !slot.examples.is_empty() {
                r.insert(
                    "x-examples-without-body".into(),
                    Value::Object(slot.examples),
                );
            }
            out.insert(status, Value::Object(r));
        }
        Value::Object(out)
    }

    /// The mock server's own replies to broken requests, where no documented failure at the
    /// same status has their shape: documented so that checking the mock against the export
    /// stays honest.
    fn mock_replies(&self, ops: &[&Operation]) -> Vec<(String, Value, String)> {
        let Some(mock) = &self.spec.mock else {
            return Vec::new();
        };
        let needs_auth = ops.iter().any(|o| o.auth.is_some());
        let replies = [
            (
                &mock.unauthorized,
                needs_auth,
                "credentials are missing or empty",
            ),
            (&mock.invalid_request, true, "request breaks the spec"),
        ];
        let opts = spec::values::Options {
            repr: spec::values::Repr::Typed,
            report_unknown_fields: false,
        };
        let mut out = Vec::new();
        for (reply, applies, why) in replies {
            let covered = ops.iter().flat_map(|o| &o.errors).any(|e| {
                e.status == reply.status
                    && spec::values::check(&e.schema, &reply.body, self.spec, opts).is_empty()
            });
            if applies && !covered {
                out.push((
                    reply.status.to_string(),
                    infer_schema(&reply.body),
                    format!(
                        "Mock server reply when the {why} (shape not documented by the provider)."
                    ),
                ));
            }
        }
        out
    }

    /// The success body as it appears on the wire, envelope included.
    fn success_wire_schema(&mut self, op: &Operation) -> Value {
        let payload = self.schema(&op.response.schema, Ctx::Json);
        match &op.response.envelope {
            None => payload,
            Some(Envelope::ResultCode {
                code_field,
                message_field,
                success,
                scopes,
            }) => {
                let code = json!({"enum": [success, success.to_string()], "description": "Result code; this value means success."});
                let carrier = json!({
                    "type": "object",
                    "properties": { code_field: code, message_field: {"type": ["string", "null"]} },
                    "required": [code_field],
                });
                let mut parts = vec![payload];
                for scope in scopes {
                    if scope.is_empty() {
                        parts.push(carrier.clone());
                    } else {
                        parts.push(
                            json!({"type": "object", "properties": { scope: carrier.clone() }}),
                        );
                    }
                }
                json!({
                    "allOf": parts,
                    "x-envelope": op.response.envelope,
                })
            }
            Some(Envelope::XmlJson { root, list, .. }) => {
                let inner = if op.response.schema.kind == Kind::Array {
                    let item = op
                        .response
                        .schema
                        .items
                        .as_deref()
                        .map(|i| self.xml_schema(i))
                        .unwrap_or_else(|| json!({}));
                    json!({
                        "type": "object",
                        "properties": { list: {"anyOf": [{"type": "array", "items": item.clone()}, item]} },
                    })
                } else {
                    self.xml_schema(&op.response.schema)
                };
                json!({
                    "type": "object",
                    "properties": { root: inner },
                    "required": [root],
                    "x-envelope": op.response.envelope,
                })
            }
        }
    }

    /// A failure body as documented (on the wire, so no envelope is added).
    fn error_schema(&mut self, e: &ErrorCase) -> Value {
        let mut s = self.schema(&e.schema, Ctx::Json);
        if let Value::Object(m) = &mut s {
            m.insert("x-error".into(), json!(e.name));
            if !e.status_documented {
                m.insert("x-status-documented".into(), json!(false));
            }
            if !e.matcher.is_empty() {
                m.insert("x-match".into(), json!(e.matcher));
            }
            if e.retryable {
                m.insert("x-retryable".into(), json!(true));
            }
        }
        s
    }

    /// XML-as-JSON form of a payload schema: element text under `"$"`, attributes as
    /// `"$name"`, a repeated element either an array or a single object.
    fn xml_schema(&mut self, s: &Schema) -> Value {
        match s.kind {
            Kind::Ref => {
                let Some(def) = s.reference.as_ref().and_then(|r| self.spec.types.get(r)) else {
                    return json!({});
                };
                if def.fields.is_empty() {
                    return element(self.xml_text(s));
                }
                let name = format!("{}Xml", s.reference.as_deref().unwrap_or_default());
                if !self.extra_schemas.contains_key(&name) {
                    // Reserve the name first so recursive types terminate.
                    self.extra_schemas.insert(name.clone(), json!({}));
                    let mut props = Map::new();
                    for f in &def.fields {
                        let text_form = self.xml_schema(&f.schema);
                        props.insert(f.name.clone(), text_form);
                        if !f.name.starts_with('$')
                            && is_scalar(f.schema.kind, self.spec, &f.schema)
                        {
                            props.insert(format!("${}", f.name), self.xml_text(&f.schema));
                        }
                    }
                    let schema = json!({
                        "type": "object",
                        "description": format!("`{}` as XML mapped to JSON.", s.reference.as_deref().unwrap_or_default()),
                        "properties": props,
                    });
                    self.extra_schemas.insert(name.clone(), schema);
                }
                json!({ "$ref": component_ref(&name) })
            }
            Kind::Array => {
                let item = s
                    .items
                    .as_deref()
                    .map(|i| self.xml_schema(i))
                    .unwrap_or_else(|| json!({}));
                json!({"anyOf": [{"type": "array", "items": item.clone()}, item]})
            }
            Kind::OneOf => {
                let vs: Vec<Value> = s
                    .variants
                    .iter()
                    .map(|v| match (&v.schema, &v.literal) {
                        (Some(vs), _) => self.xml_schema(vs),
                        (None, Some(lit)) => element(json!({"const": text_of(lit)})),
                        (None, None) => json!({}),
                    })
                    .collect();
                json!({ "anyOf": vs })
            }
            Kind::Unit => json!({}),
            _ => element(self.xml_text(s)),
        }
    }

    /// XML text of a scalar: always a string, with the value's constraints as a pattern.
    fn xml_text(&mut self, s: &Schema) -> Value {
        let mut out = match s.kind {
            Kind::Integer | Kind::Long => json!({"type": "string", "pattern": "^-?[0-9]+$"}),
            Kind::Number => json!({"type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$"}),
            Kind::Boolean => json!({"type": "string"}),
            Kind::Ref => s
                .reference
                .as_ref()
                .and_then(|r| self.spec.types.get(r))
                .map(|def| {
                    let values: Vec<&str> = def.values.iter().map(|v| v.value.as_str()).collect();
                    json!({"type": "string", "enum": values})
                })
                .unwrap_or_else(|| json!({"type": "string"})),
            _ => {
                let plain = Schema {
                    nullable: false,
                    ..s.clone()
                };
                self.schema(&plain, Ctx::Form)
            }
        };
        if let Value::Object(m) = &mut out {
            if s.nullable {
                m.insert("type".into(), json!(["string", "null"]));
            }
        }
        out
    }

    /// A spec schema as a JSON Schema (2020-12 dialect, as OpenAPI 3.1 uses it).
    fn schema(&mut self, s: &Schema, ctx: Ctx) -> Value {
        let mut m = Map::new();
        match s.kind {
            Kind::Ref => {
                let name = s.reference.clone().unwrap_or_default();
                let r = json!({ "$ref": component_ref(&name) });
                return if s.nullable {
                    json!({"anyOf": [r, {"type": "null"}]})
                } else {
                    r
                };
            }
            Kind::OneOf => {
                let vs: Vec<Value> = s
                    .variants
                    .iter()
                    .map(|v| {
                        let mut alt = match (&v.schema, &v.literal) {
                            (Some(vs), _) => self.schema(vs, ctx),
                            (None, Some(lit)) => literal_schema(lit, ctx),
                            (None, None) => json!({}),
                        };
                        if let Value::Object(a) = &mut alt {
                            a.insert("title".into(), json!(v.name));
                            a.insert("description".into(), json!(v.description));
                        }
                        alt
                    })
                    .collect();
                // Alternatives are tried in order and may overlap: anyOf, not oneOf.
                m.insert("anyOf".into(), Value::Array(vs));
                if s.nullable {
                    if let Some(Value::Array(vs)) = m.get_mut("anyOf") {
                        vs.push(json!({"type": "null"}));
                    }
                }
                return Value::Object(m);
            }
            Kind::Unit => return json!({}),
            Kind::Array if s.wire == Some(Wire::Csv) && ctx != Ctx::Param => {
                // One comma-separated string in a body; parameters use style form/simple.
                let items = s.items.as_deref().cloned().unwrap_or_default();
                m.insert("type".into(), json!("string"));
                m.insert("pattern".into(), json!(csv_pattern(s, &items, self.spec)));
                m.insert("x-csv-items".into(), self.schema(&items, Ctx::Param));
                for (k, v) in [("x-min-items", s.min_items), ("x-max-items", s.max_items)] {
                    if let Some(v) = v {
                        m.insert(k.into(), json!(v));
                    }
                }
            }
            Kind::Array => {
                m.insert("type".into(), json!("array"));
                let items = s.items.as_deref().cloned().unwrap_or_default();
                m.insert("items".into(), self.schema(&items, ctx));
                if let Some(v) = s.min_items {
                    m.insert("minItems".into(), json!(v));
                }
                if let Some(v) = s.max_items {
                    m.insert("maxItems".into(), json!(v));
                }
            }
            Kind::String => {
                m.insert("type".into(), json!("string"));
                string_constraints(s, &mut m);
            }
            Kind::Integer | Kind::Long | Kind::Number | Kind::Boolean => {
                let (ty, format, text) = match s.kind {
                    Kind::Integer => ("integer", Some("int32"), int_text(s, i32::MIN, i32::MAX)),
                    Kind::Long => ("integer", Some("int64"), int_text(s, i64::MIN, i64::MAX)),
                    Kind::Number => ("number", None, "^-?[0-9]+(\\.[0-9]+)?$".to_string()),
                    _ => ("boolean", None, "^(true|false)$".to_string()),
                };
                if s.wire == Some(Wire::String) && ctx == Ctx::Json {
                    // Sent as a JSON string, read either way: the pattern binds strings only.
                    m.insert("type".into(), json!([ty, "string"]));
                    m.insert("pattern".into(), json!(text));
                    m.insert("x-wire".into(), json!("string"));
                } else {
                    m.insert("type".into(), json!(ty));
                }
                if let Some(f) = format {
                    m.insert("format".into(), json!(f));
                }
                if let Some(v) = s.minimum {
                    m.insert("minimum".into(), json!(v));
                }
                if let Some(v) = s.maximum {
                    m.insert("maximum".into(), json!(v));
                }
            }
        }
        if s.nullable {
            let ty = m.remove("type").unwrap_or_else(|| json!("string"));
            let mut types = match ty {
                Value::Array(a) => a,
                other => vec![other],
            };
            types.push(json!("null"));
            m.insert("type".into(), Value::Array(types));
        }
        // Keep `type` first for readability.
        let mut ordered = Map::new();
        if let Some(t) = m.remove("type") {
            ordered.insert("type".into(), t);
        }
        ordered.extend(m);
        Value::Object(ordered)
    }

    fn type_def(&mut self, def: &TypeDef) -> Value {
        if !def.values.is_empty() {
            let values: Vec<&str> = def.values.iter().map(|v| v.value.as_str()).collect();
            let descriptions: Vec<&str> =
                def.values.iter().map(|v| v.description.as_str()).collect();
            return json!({
                "type": "string",
                "description": def.description,
                "enum": values,
                "x-enum-descriptions": descriptions,
            });
        }
        let mut props = Map::new();
        let mut required = Vec::new();
        for f in &def.fields {
            props.insert(f.name.clone(), self.field(f));
            if f.required {
                required.push(json!(f.name));
            }
        }
        let mut out = Map::new();
        out.insert("type".into(), json!("object"));
        out.insert("description".into(), json!(def.description));
        out.insert("properties".into(), Value::Object(props));
        if !required.is_empty() {
            out.insert("required".into(), Value::Array(required));
        }
        Value::Object(out)
    }

    fn field(&mut self, f: &Field) -> Value {
        let mut s = self.schema(&f.schema, Ctx::Json);
        if let Value::Object(m) = &mut s {
            m.insert("description".into(), json!(f.description));
            if let Some(role) = f.role {
                m.insert("x-role".into(), json!(role_name(role)));
            }
        }
        s
    }
}

fn body_schema_name(op: &Operation) -> String {
    format!("{}Request", camel(&op.id))
}

/// An OpenAPI discriminator: the first body discriminator whose values tell every operation
/// of `ops` apart.
fn body_discriminator(ops: &[&Operation]) -> Option<Value> {
    let first = ops.first()?;
    first
        .discriminators
        .iter()
        .filter(|d| d.location == Location::Body)
        .find_map(|d| {
            let mut mapping = Map::new();
            for op in ops {
                let value = op
                    .discriminators
                    .iter()
                    .find(|x| x.location == Location::Body && x.name == d.name)?;
                let target = json!(component_ref(&body_schema_name(op)));
                if mapping.insert(value.value.clone(), target).is_some() {
                    return None;
                }
            }
            Some(json!({"propertyName": d.name, "mapping": mapping}))
        })
}

/// Wrap an XML text schema as an element: `{"$": text}`.
fn element(text: Value) -> Value {
    json!({"type": "object", "properties": {"$": text}, "required": ["$"]})
}

fn is_scalar(kind: Kind, spec: &Spec, s: &Schema) -> bool {
    match kind {
        Kind::Array | Kind::OneOf | Kind::Unit => false,
        Kind::Ref => s
            .reference
            .as_ref()
            .and_then(|r| spec.types.get(r))
            .is_some_and(|d| d.fields.is_empty()),
        _ => true,
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn literal_schema(lit: &Value, ctx: Ctx) -> Value {
    match (ctx, lit) {
        // On a text wire a literal 0 arrives as "0".
        (Ctx::Param | Ctx::Form, Value::Number(_) | Value::Bool(_)) => {
            json!({"enum": [lit, lit.to_string()]})
        }
        _ => json!({ "const": lit }),
    }
}

/// The decimal text of an integer within the schema's bounds and its kind's range, so a
/// number sent as a string is held to the same limits as a JSON number.
fn int_text(s: &Schema, kind_min: impl Into<i64>, kind_max: impl Into<i64>) -> String {
    format!("^{}$", int_item(s, kind_min, kind_max))
}

/// [`int_text`] unanchored, for a csv item.
fn int_item(s: &Schema, kind_min: impl Into<i64>, kind_max: impl Into<i64>) -> String {
    let lo = s.minimum.unwrap_or(i64::MIN).max(kind_min.into());
    let hi = s.maximum.unwrap_or(i64::MAX).min(kind_max.into());
    integer_range(lo.into(), hi.into())
}

/// An anchored regex for the decimal integers in `[lo, hi]`.
#[cfg(test)]
fn integer_range_pattern(lo: i128, hi: i128) -> String {
    format!("^{}$", integer_range(lo, hi))
}

/// A regex group for the decimal integers in `[lo, hi]`: an optional `-`, then digits,
/// leading zeros allowed (`-0` and `007` read as 0 and 7, as the mock reads them).
fn integer_range(lo: i128, hi: i128) -> String {
    let mut alts = Vec::new();
    // Non-negative values, then negative ones by magnitude (zero may come either way).
    if hi >= 0 {
        alts.push(format!("0*(?:{})", magnitudes(lo.max(0), hi).join("|")));
    }
    if lo <= 0 {
        alts.push(format!(
            "-0*(?:{})",
            magnitudes((-hi).max(0), -lo).join("|")
        ));
    }
    if alts.is_empty() {
        // An empty range: nothing matches.
        return "(?!)".to_string();
    }
    format!("(?:{})", alts.join("|"))
}

/// Regex alternatives for the canonical decimal forms of `[a, b]`, `0 <= a <= b`.
fn magnitudes(a: i128, b: i128) -> Vec<String> {
    let mut out = Vec::new();
    let digits = |n: i128| n.to_string().len() as u32;
    // Lengths whose every number is in range collapse into one `[1-9][0-9]{m,n}`.
    let mut full: Option<(u32, u32)> = None;
    let flush = |full: &mut Option<(u32, u32)>, out: &mut Vec<String>| {
        if let Some((m, n)) = full.take() {
            let (m, n) = (m - 1, n - 1);
            out.push(match (m, n) {
                (0, 0) => "[1-9]".to_string(),
                _ if m == n => format!("[1-9][0-9]{{{m}}}"),
                _ => format!("[1-9][0-9]{{{m},{n}}}"),
            });
        }
    };
    for len in digits(a)..=digits(b) {
        let first = if len == 1 { 1 } else { 10i128.pow(len - 1) };
        let last = 10i128.pow(len) - 1;
        if len == 1 && a == 0 {
            out.push("0".to_string());
        }
        let (x, y) = (a.max(first), b.min(last));
        if x == first && y == last {
            full = Some(full.map_or((len, len), |(m, _)| (m, len)));
            continue;
        }
        flush(&mut full, &mut out);
        if x <= y {
            same_length(&x.to_string(), &y.to_string(), &mut out);
        }
    }
    flush(&mut full, &mut out);
    out
}

/// Alternatives for the digit strings of one length from `x` to `y` (`x <= y`).
fn same_length(x: &str, y: &str, out: &mut Vec<String>) {
    let common = x.bytes().zip(y.bytes()).take_while(|(p, q)| p == q).count();
    if common == x.len() {
        return out.push(x.to_string());
    }
    let (prefix, x0, y0) = (&x[..common], x.as_bytes()[common], y.as_bytes()[common]);
    let (x_rest, y_rest) = (&x[common + 1..], &y[common + 1..]);
    let rest = x_rest.len();
    let digit_then_any = |lo: u8, hi: u8| {
        let class = match (lo, hi) {
            _ if lo == hi => (lo as char).to_string(),
            (b'0', b'9') if rest == 0 => "[0-9]".to_string(),
            (b'0', b'9') => return format!("[0-9]{{{}}}", rest + 1),
            _ => format!("[{}-{}]", lo as char, hi as char),
        };
        match rest {
            0 => class,
            1 => format!("{class}[0-9]"),
            n => format!("{class}[0-9]{{{n}}}"),
        }
    };
    let group = |alts: Vec<String>| match alts.len() {
        1 => alts.concat(),
        _ => format!("(?:{})", alts.join("|")),
    };
    if x_rest.bytes().all(|c| c == b'0') && y_rest.bytes().all(|c| c == b'9') {
        return out.push(format!("{prefix}{}", digit_then_any(x0, y0)));
    }
    // x0 followed by x_rest..99, the whole digits between, then y0 followed by 00..y_rest.
    let mut low = Vec::new();
    same_length(x_rest, &"9".repeat(rest), &mut low);
    out.push(format!("{prefix}{}{}", x0 as char, group(low)));
    if y0 - x0 > 1 {
        out.push(format!("{prefix}{}", digit_then_any(x0 + 1, y0 - 1)));
    }
    let mut high = Vec::new();
    same_length(&"0".repeat(rest), y_rest, &mut high);
    out.push(format!("{prefix}{}{}", y0 as char, group(high)));
}

/// Length, pattern, forbidden characters and format of a string.
fn string_constraints(s: &Schema, m: &mut Map<String, Value>) {
    if let Some(v) = s.min_length {
        m.insert("minLength".into(), json!(v));
    }
    if let Some(v) = s.max_length {
        m.insert("maxLength".into(), json!(v));
    }
    let mut patterns = Vec::new();
    if let Some(p) = &s.pattern {
        patterns.push(anchored(p));
    }
    if let Some(chars) = &s.forbidden_chars {
        patterns.push(format!("^[^{}]*$", class_escape(chars)));
        m.insert("x-forbidden-chars".into(), json!(chars));
    }
    if let Some(f) = s.format {
        patterns.push(f.pattern().to_string());
        match f {
            Format::Date | Format::Ipv4 => {
                m.insert("format".into(), json!(f.name()));
            }
            // Not registered formats, and the spec's date-time also admits offsets without a
            // colon (`+0800`), which RFC 3339 does not: the pattern says it, `x-format` names it.
            Format::CompactTimestamp | Format::TimeOfDay | Format::DateTime => {
                m.insert("x-format".into(), json!(f.name()));
            }
        }
    }
    let mut patterns = patterns.into_iter();
    if let Some(first) = patterns.next() {
        m.insert("pattern".into(), json!(first));
    }
    let rest: Vec<Value> = patterns.map(|p| json!({ "pattern": p })).collect();
    if !rest.is_empty() {
        m.insert("allOf".into(), Value::Array(rest));
    }
}

/// The spec's patterns match the whole value; JSON Schema's match anywhere.
fn anchored(p: &str) -> String {
    let start = if p.starts_with('^') { "" } else { "^" };
    let end = if p.ends_with('$') && !p.ends_with("\\$") {
        ""
    } else {
        "$"
    };
    if start.is_empty() && end.is_empty() {
        p.to_string()
    } else {
        format!("{start}(?:{}){end}", p.trim_start_matches('^'))
    }
}

fn class_escape(chars: &str) -> String {
    chars
        .chars()
        .map(|c| match c {
            '\\' | ']' | '[' | '^' | '-' => format!("\\{c}"),
            c => c.to_string(),
        })
        .collect()
}

/// A comma-separated list of items, as many as the array allows: the item's own pattern
/// where it has a simple one.
fn csv_pattern(array: &Schema, items: &Schema, spec: &Spec) -> String {
    let item = match items.kind {
        Kind::Integer => int_item(items, i32::MIN, i32::MAX),
        Kind::Long => int_item(items, i64::MIN, i64::MAX),
        Kind::Ref => items
            .reference
            .as_ref()
            .and_then(|r| spec.types.get(r))
            .filter(|d| !d.values.is_empty())
            .map(|d| {
                let alts: Vec<String> = d.values.iter().map(|v| regex_escape(&v.value)).collect();
                format!("(?:{})", alts.join("|"))
            })
            .unwrap_or_else(|| "[^,]+".into()),
        _ => "[^,]+".to_string(),
    };
    // `{m,n}` counts the items after the first; the empty string is the empty list.
    let more_min = array.min_items.unwrap_or(0).saturating_sub(1);
    let more = match array.max_items {
        Some(0) => return "^$".to_string(),
        Some(max) => format!("{{{more_min},{}}}", max - 1),
        None => format!("{{{more_min},}}"),
    };
    let list = format!("{item}(?:,{item}){more}");
    if array.min_items.unwrap_or(0) == 0 {
        format!("^(?:{list})?$")
    } else {
        format!("^{list}$")
    }
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == ' ' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}

/// A loose schema for a fixed reply body: its shape, not its values.
fn infer_schema(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let props: Map<String, Value> = m
                .iter()
                .map(|(k, v)| (k.clone(), infer_schema(v)))
                .collect();
            let required: Vec<&String> = m.keys().collect();
            json!({"type": "object", "properties": props, "required": required})
        }
        Value::Array(_) => json!({"type": "array"}),
        Value::String(_) => json!({"type": "string"}),
        Value::Number(n) if n.is_i64() || n.is_u64() => json!({"type": "integer"}),
        Value::Number(_) => json!({"type": "number"}),
        Value::Bool(_) => json!({"type": "boolean"}),
        Value::Null => json!({"type": "null"}),
    }
}

fn security_requirements(spec: &Spec, ops: &[&Operation]) -> Option<Value> {
    let mut reqs: Vec<Value> = Vec::new();
    for op in ops {
        let req = match op.auth.as_ref() {
            // Form credentials are body properties, not a security scheme.
            Some(id) if !matches!(spec.auth.get(id), Some(AuthScheme::Form { .. }) | None) => {
                json!({ id: [] })
            }
            _ => json!({}),
        };
        if !reqs.contains(&req) {
            reqs.push(req);
        }
    }
    if reqs == [json!({})] {
        // No scheme at all: say so explicitly rather than inheriting a global one.
        return Some(json!([]));
    }
    Some(Value::Array(reqs))
}

/// Extensions that keep what OpenAPI has no words for.
fn operation_extension(op: &Operation) -> Value {
    let mut m = Map::new();
    m.insert("operationId".into(), json!(op.id));
    m.insert("summary".into(), json!(op.summary));
    if !op.discriminators.is_empty() {
        m.insert("x-discriminators".into(), json!(op.discriminators));
    }
    m.insert("x-source".into(), json!(op.source));
    m.insert("x-effect".into(), json!(op.effect));
    if let Some(since) = &op.since {
        m.insert("x-since".into(), json!(since));
    }
    if !op.address_documented {
        m.insert("x-address-documented".into(), json!(false));
    }
    if let Some(p) = &op.pagination {
        m.insert("x-pagination".into(), json!(p));
    }
    if let Some(e) = &op.response.envelope {
        m.insert("x-envelope".into(), json!(e));
    }
    Value::Object(m)
}

fn discriminator_text(op: &Operation) -> String {
    let parts: Vec<String> = op
        .discriminators
        .iter()
        .map(|d| format!("{}={}", d.name, d.value))
        .collect();
    parts.join(", ")
}

fn example_key(op: &Operation, ex: &Example, merged: bool) -> String {
    if merged {
        format!("{}.{}", op.id, ex.name)
    } else {
        ex.name.clone()
    }
}

fn header_value<'m>(headers: &'m IndexMap<String, String>, name: &str) -> Option<&'m String> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn media_type(e: BodyEncoding) -> &'static str {
    match e {
        BodyEncoding::Json => "application/json",
        BodyEncoding::Multipart => "multipart/form-data",
        BodyEncoding::Urlencoded => "application/x-www-form-urlencoded",
    }
}

fn location_name(l: Location) -> &'static str {
    match l {
        Location::Path => "path",
        Location::Query => "query",
        Location::Header => "header",
        Location::Body => "body",
    }
}

fn role_name(r: Role) -> &'static str {
    match r {
        Role::Secret => "secret",
        Role::Volatile => "volatile",
    }
}

fn component_ref(name: &str) -> String {
    format!("#/components/schemas/{name}")
}

fn camel(snake: &str) -> String {
    use heck::ToUpperCamelCase;
    snake.to_upper_camel_case()
}

fn dedup(values: Vec<Value>) -> Vec<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{csv_pattern, integer_range_pattern};
    use regex::Regex;
    use spec::format::{Schema, Spec};

    #[test]
    fn csv_patterns_bound_the_item_count_and_each_item() {
        let array: Schema = spec::yaml::from_str(
            "{ type: array, wire: csv, min_items: 2, max_items: 3, items: { type: integer, minimum: 1, maximum: 12 } }",
        )
        .expect("schema");
        let items = array.items.as_deref().cloned().unwrap_or_default();
        let spec: Spec = spec::yaml::from_str(
            r#"{ provider: { id: t, title: T, description: d, base_url: "https://x", sources: [] }, operations: [] }"#,
        )
        .expect("spec");
        let r = Regex::new(&csv_pattern(&array, &items, &spec)).expect("compiles");
        for (text, ok) in [
            ("1,12", true),
            ("3,4,05", true),
            ("1", false),
            ("1,2,3,4", false),
            ("1,13", false),
            ("", false),
            ("1,,2", false),
        ] {
            assert_eq!(r.is_match(text), ok, "{text:?}");
        }
    }

    fn re(lo: i128, hi: i128) -> Regex {
        Regex::new(&integer_range_pattern(lo, hi)).expect("pattern compiles")
    }

    /// Against every value around the interesting places, the regex agrees with parsing.
    #[test]
    fn integer_range_patterns_match_exactly_the_range() {
        let ranges: [(i128, i128); 8] = [
            (0, 1),
            (1, 200),
            (-5, 5),
            (-1234, -17),
            (37, 4096),
            (0, 0),
            (i32::MIN as i128, i32::MAX as i128),
            (10, 99),
        ];
        for (lo, hi) in ranges {
            let r = re(lo, hi);
            let mut probes: Vec<i128> = (-1300..5000).collect();
            for edge in [lo, hi, i32::MIN as i128, i32::MAX as i128] {
                probes.extend(edge - 3..=edge + 3);
            }
            for n in probes {
                let text = n.to_string();
                assert_eq!(
                    r.is_match(&text),
                    (lo..=hi).contains(&n),
                    "{lo}..={hi}: {text}"
                );
            }
        }
        let r = re(0, 1);
        for (text, want) in [("00", true), ("-0", true), ("001", true), ("+1", false)] {
            assert_eq!(r.is_match(text), want, "{text}");
        }
        for text in ["", "-", " 1", "1 ", "1.0", "1e2"] {
            assert!(!re(-5, 5).is_match(text), "{text:?}");
        }
        let full = re(i64::MIN as i128, i64::MAX as i128);
        assert!(full.is_match("-9223372036854775808"));
        assert!(!full.is_match("9223372036854775808"));
    }
}
