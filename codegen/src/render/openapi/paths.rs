//! The `paths` object: operations that share a path and method become one OpenAPI operation
//! (the union of their parameters and bodies, `x-operations` listing them), with their
//! parameters, request bodies and security requirements.

use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use spec::format::{AuthScheme, BodyEncoding, Location, Operation, Parameter, Role, Spec, Wire};

use super::{component_ref, example_key, header_value, Ctx, Exporter, SECRET_PLACEHOLDER};
use crate::model::type_name;

impl Exporter<'_> {
    pub(super) fn paths(&mut self) -> Map<String, Value> {
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

        // A merged address is deprecated when every operation on it is; each operation's own
        // mark is in `x-operations`.
        if ops.iter().all(|o| o.deprecated.is_some()) {
            out.insert("deprecated".into(), json!(true));
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
            let list: Vec<Value> = ops
                .iter()
                .map(|o| operation_extension(o, self.op_source(o)))
                .collect();
            out.insert("x-operations".into(), Value::Array(list));
        } else if let [op] = ops {
            for (k, v) in operation_extension(op, self.op_source(op))
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
            /// Deprecated only where every operation carrying it says so.
            deprecated: Option<spec::format::Deprecated>,
            /// Where the page documents it (the first operation's citation).
            source: Option<Value>,
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
                    .entry((d.name.clone(), d.location.as_str()))
                    .or_insert_with(|| Acc {
                        location: d.location,
                        count: 0,
                        required_in_all: true,
                        schemas: Vec::new(),
                        description: "Fixed value that selects the operation.".into(),
                        csv: false,
                        examples: Map::new(),
                        discriminator: true,
                        deprecated: None,
                        source: None,
                    });
                e.count += 1;
                e.schemas.push(json!({"type": "string", "enum": [d.value]}));
            }
            for (i, p) in op.request.parameters.iter().enumerate() {
                if p.location == Location::Body {
                    continue;
                }
                let schema = self.param_schema(p, Ctx::Param);
                let source = self.source_of(
                    &self.op_path(op, &["request".into(), "parameters".into(), i.into()]),
                );
                let e = acc
                    .entry((p.name.clone(), p.location.as_str()))
                    .or_insert_with(|| Acc {
                        location: p.location,
                        count: 0,
                        required_in_all: true,
                        schemas: Vec::new(),
                        description: p.description.clone(),
                        csv: p.schema.wire == Some(Wire::Csv),
                        examples: Map::new(),
                        discriminator: false,
                        deprecated: p.deprecated.clone(),
                        source,
                    });
                if p.deprecated.is_none() {
                    e.deprecated = None;
                }
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
                super::mark_deprecated(&mut p, a.deprecated.as_ref());
                if let Some(src) = a.source {
                    p.insert("x-source".into(), src);
                }
                if !a.examples.is_empty() {
                    p.insert("examples".into(), Value::Object(a.examples));
                }
                Value::Object(p)
            })
            .collect()
    }

    /// A parameter's schema (an id's refers to its type's component) with its documented
    /// default.
    fn param_schema(&mut self, p: &Parameter, ctx: Ctx) -> Value {
        let mut s = match self.id_schema(p) {
            Some(s) => s,
            None => self.schema(&p.schema, ctx),
        };
        if let (Some(default), Value::Object(m)) = (&p.default, &mut s) {
            m.insert("default".into(), default.clone());
        }
        if let (Some(role), Value::Object(m)) = (p.role, &mut s) {
            m.insert("x-role".into(), json!(role.as_str()));
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
            let entry = by_media.entry(encoding.media_type()).or_default();
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
        if let Some((
            id,
            AuthScheme::Form {
                name, description, ..
            },
        )) = self.spec.token_auth(op)
        {
            props.insert(
                name.clone(),
                json!({
                    "type": "string", "minLength": 1, "format": "password",
                    "description": description, "x-credential": id, "x-role": "secret",
                }),
            );
            required.push(json!(name));
        }
        for (i, p) in op.request.parameters.iter().enumerate() {
            if p.location != Location::Body {
                continue;
            }
            let mut s = self.param_schema(p, ctx);
            let source = self
                .source_of(&self.op_path(op, &["request".into(), "parameters".into(), i.into()]));
            if let Value::Object(m) = &mut s {
                m.insert("description".into(), json!(p.description));
                super::mark_deprecated(m, p.deprecated.as_ref());
                if let Some(src) = source {
                    m.insert("x-source".into(), src);
                }
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
        let credential = self.spec.token_auth(op).and_then(|(_, s)| match s {
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
}

/// The component name of an operation's request body: `<OperationId>Request`, cased as the
/// model cases type names.
fn body_schema_name(op: &Operation) -> String {
    format!("{}Request", type_name(&op.id))
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

fn security_requirements(spec: &Spec, ops: &[&Operation]) -> Option<Value> {
    let mut reqs: Vec<Value> = Vec::new();
    for op in ops {
        // Alternatives are separate requirements; form credentials are body properties,
        // not a security scheme.
        let ids = op.auth.iter().flat_map(|a| a.ids());
        let mut alternatives: Vec<Value> = ids
            .filter(|id| !matches!(spec.auth.get(*id), Some(AuthScheme::Form { .. }) | None))
            .map(|id| json!({ id: [] }))
            .collect();
        if alternatives.is_empty() {
            alternatives.push(json!({}));
        }
        for req in alternatives {
            if !reqs.contains(&req) {
                reqs.push(req);
            }
        }
    }
    if reqs == [json!({})] {
        // No scheme at all: say so explicitly rather than inheriting a global one.
        return Some(json!([]));
    }
    Some(Value::Array(reqs))
}

/// Extensions that keep what OpenAPI has no words for.
/// `source` is the operation's page citation (`x-source`).
fn operation_extension(op: &Operation, source: Value) -> Value {
    let mut m = Map::new();
    m.insert("operationId".into(), json!(op.id));
    m.insert("summary".into(), json!(op.summary));
    if !op.discriminators.is_empty() {
        m.insert("x-discriminators".into(), json!(op.discriminators));
    }
    m.insert("x-source".into(), source);
    m.insert("x-effect".into(), json!(op.effect));
    if let Some(since) = &op.since {
        m.insert("x-since".into(), json!(since));
    }
    if !op.address_documented {
        m.insert("x-address-documented".into(), json!(false));
    }
    super::mark_deprecated(&mut m, op.deprecated.as_ref());
    if let Some(p) = &op.pagination {
        m.insert("x-pagination".into(), json!(p));
    }
    if let Some(e) = &op.response.envelope {
        m.insert("x-envelope".into(), json!(e));
    }
    Value::Object(m)
}

impl Exporter<'_> {
    /// The operation's citation, else its source page.
    fn op_source(&self, op: &Operation) -> Value {
        self.source_of(&self.op_path(op, &[]))
            .unwrap_or_else(|| json!(op.source))
    }
}

fn discriminator_text(op: &Operation) -> String {
    let parts: Vec<String> = op
        .discriminators
        .iter()
        .map(|d| format!("{}={}", d.name, d.value))
        .collect();
    parts.join(", ")
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
