//! Payloads as the replay and live mode compare and show them (what a response means is
//! `spec::model::read_response`): the envelope removed, equality that ignores member order and
//! `null` members, volatile and secret fields redacted.

use serde_json::{Map, Value};
use spec::format::{Kind, Operation, Schema, Spec};
use spec::model::REDACTED;

/// Remove the operation's envelope (as the validator and the clients do); an envelope-level
/// failure is `Err`.
pub fn unwrap(op: &Operation, body: &Value) -> Result<Value, String> {
    spec::envelope::payload(op.response.envelope.as_ref(), body, &op.response.schema)
        .map_err(|e| e.to_string())
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
                        Some(spec::format::Role::Secret) => Value::String(REDACTED.into()),
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
