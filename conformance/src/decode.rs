//! Reading responses the way the spec describes them, independent of any generated client:
//! remove the envelope, tell success from the documented failures, and normalize wire
//! strings (`"126"` for a `wire: string` integer) to typed values so payloads compare.

use serde_json::{Map, Value};
use spec::format::{Kind, Operation, Schema, Spec};
use spec::values::{self, Options, Repr};

/// What a response means.
#[derive(Debug, Clone, PartialEq)]
pub enum Decoded {
    /// The payload after the envelope is removed.
    Success(Value),
    /// A failure: the documented case it matches (if any) and why it is a failure.
    Failure {
        variant: Option<String>,
        reason: String,
    },
}

/// Decode a response body (`Value::Null` when empty) of `op`.
pub fn decode(op: &Operation, status: u16, body: &Value) -> Decoded {
    if status == op.response.status {
        match unwrap(op, body) {
            Ok(payload) => return Decoded::Success(payload),
            Err(reason) => {
                return Decoded::Failure {
                    variant: match_case(op, status, body, true),
                    reason,
                }
            }
        }
    }
    Decoded::Failure {
        variant: match_case(op, status, body, false),
        reason: format!("status {status}"),
    }
}

/// Remove the operation's envelope (as the validator and the clients do); an envelope-level
/// failure is `Err`.
pub fn unwrap(op: &Operation, body: &Value) -> Result<Value, String> {
    spec::envelope::payload(op.response.envelope.as_ref(), body, &op.response.schema)
        .map_err(|e| e.to_string())
}

fn match_case(op: &Operation, status: u16, body: &Value, enveloped: bool) -> Option<String> {
    spec::model::errors::matching_case(op, status, body, enveloped).map(|c| c.name.clone())
}

/// Turn wire strings into typed values where the schema says the wire differs.
pub fn normalize(schema: &Schema, v: &Value, spec: &Spec) -> Value {
    match (schema.kind, v) {
        // A unit payload carries nothing: whatever the envelope left is not part of it.
        (Kind::Unit, _) | (_, Value::Null) => Value::Null,
        (Kind::Ref, _) => {
            let Some(def) = schema.reference.as_ref().and_then(|r| spec.types.get(r)) else {
                return v.clone();
            };
            match v {
                Value::Object(m) if !def.fields.is_empty() => {
                    let mut out = Map::new();
                    for (k, x) in m {
                        let n = match def.fields.iter().find(|f| f.name == *k) {
                            Some(f) => normalize(&f.schema, x, spec),
                            None => x.clone(),
                        };
                        out.insert(k.clone(), n);
                    }
                    Value::Object(out)
                }
                _ => v.clone(),
            }
        }
        (Kind::Array, Value::Array(items)) => match &schema.items {
            Some(item) => Value::Array(items.iter().map(|x| normalize(item, x, spec)).collect()),
            None => v.clone(),
        },
        (
            Kind::Array | Kind::Integer | Kind::Long | Kind::Number | Kind::Boolean,
            Value::String(s),
        ) => values::decode_wire(schema, s, spec)
            .map(|d| {
                if d.is_string() {
                    d
                } else {
                    normalize(schema, &d, spec)
                }
            })
            .unwrap_or_else(|_| v.clone()),
        (Kind::OneOf, _) => {
            for variant in &schema.variants {
                if let Some(lit) = &variant.literal {
                    if lit == v || normalize_literal(lit) == normalize_literal(v) {
                        return lit.clone();
                    }
                } else if let Some(vs) = &variant.schema {
                    let n = normalize(vs, v, spec);
                    let typed = Options {
                        repr: Repr::Typed,
                        report_unknown_fields: false,
                    };
                    if values::check(vs, &n, spec, typed).is_empty() {
                        return n;
                    }
                }
            }
            v.clone()
        }
        _ => v.clone(),
    }
}

fn normalize_literal(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Semantic equality for payloads: object member order is irrelevant and a `null` member
/// equals an absent one (clients may skip nulls when serializing).
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = x.keys().chain(y.keys());
            keys.into_iter().all(|k| {
                same(
                    x.get(k).unwrap_or(&Value::Null),
                    y.get(k).unwrap_or(&Value::Null),
                )
            })
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Replace `role: volatile` and `role: secret` fields with placeholders, so live outcomes
/// can be shown and snapshotted.
pub fn redact(schema: &Schema, v: &Value, spec: &Spec) -> Value {
    match (schema.kind, v) {
        (Kind::Ref, Value::Object(m)) => {
            let Some(def) = schema.reference.as_ref().and_then(|r| spec.types.get(r)) else {
                return v.clone();
            };
            let mut out = Map::new();
            for (k, x) in m {
                let n = match def.fields.iter().find(|f| f.name == *k) {
                    Some(f) => match f.role {
                        Some(spec::format::Role::Volatile) => Value::String("[volatile]".into()),
                        Some(spec::format::Role::Secret) => Value::String("[redacted]".into()),
                        None => redact(&f.schema, x, spec),
                    },
                    None => x.clone(),
                };
                out.insert(k.clone(), n);
            }
            Value::Object(out)
        }
        (Kind::Array, Value::Array(items)) => match &schema.items {
            Some(item) => Value::Array(items.iter().map(|x| redact(item, x, spec)).collect()),
            None => v.clone(),
        },
        _ => v.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn null_members_equal_absent_ones() {
        assert!(same(&json!({"a": 1, "b": null}), &json!({"a": 1.0})));
        assert!(!same(&json!({"a": 1}), &json!({"a": 2})));
        assert!(!same(&json!([1, 2]), &json!([2, 1])));
    }
}
