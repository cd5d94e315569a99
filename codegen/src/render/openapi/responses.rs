//! The `responses` of an operation: the success body as it appears on the wire (envelope
//! included), documented failures, named examples, and the mock server's own replies.

use indexmap::IndexMap;
use serde_json::{json, Map, Value};

use spec::format::{Envelope, ErrorCase, Kind, Operation};

use super::xml::XmlKeys;
use super::{example_key, Ctx, Exporter};

impl Exporter<'_> {
    pub(super) fn responses(&mut self, ops: &[&Operation]) -> Value {
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
            for (i, ex) in op.examples.iter().enumerate() {
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
                if let Some(src) = self.source_of(&self.op_path(op, &["examples".into(), i.into()]))
                {
                    e.insert("x-source".into(), src);
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
            // The error element's members are in `x-envelope` (`error_fields`).
            Some(Envelope::XmlJson {
                root,
                list,
                text_key,
                attribute_prefix,
                ..
            }) => {
                let keys = XmlKeys {
                    text_key,
                    attribute_prefix,
                };
                let inner = if op.response.schema.kind == Kind::Array {
                    let item = op
                        .response
                        .schema
                        .items
                        .as_deref()
                        .map(|i| self.xml_schema(i, &keys))
                        .unwrap_or_else(|| json!({}));
                    json!({
                        "type": "object",
                        "properties": { list: {"anyOf": [{"type": "array", "items": item.clone()}, item]} },
                    })
                } else {
                    self.xml_schema(&op.response.schema, &keys)
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
