//! Wire strings read as the typed values their schema describes: the one decoding the mock,
//! validation, the spec model's typed example values and the replay's payload comparison
//! share (`"126"` is an integer, `" 126"` is not).

use serde_json::Value;

use super::{check, resolve, Options, Repr, MAX_DEPTH};
use crate::format::{Kind, Schema, Spec};

/// Turn one wire string (a query, header or form value) into the typed JSON value its schema
/// describes (`"126"` -> `126`, `"1,2,3"` -> `[1, 2, 3]` for csv arrays).
pub fn decode_wire(schema: &Schema, raw: &str, spec: &Spec) -> Result<Value, String> {
    decode(schema, raw, spec, 0)
}

/// A JSON value with the wire strings its schema allows (`"126"` for a `wire: string`
/// integer, `"1,2"` for a `wire: csv` array) read as the typed values they stand for, nested
/// members and items included: what a client decodes a payload or a body into. A string that
/// does not decode stays as it is (the comparison then shows it).
pub fn typed(schema: &Schema, v: &Value, spec: &Spec) -> Value {
    typed_at(schema, v, spec, 0)
}

fn typed_at(schema: &Schema, v: &Value, spec: &Spec, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return v.clone();
    }
    match (schema.kind, v) {
        // A unit payload carries nothing: whatever the envelope left is not part of it.
        (Kind::Unit, _) | (_, Value::Null) => Value::Null,
        (Kind::Ref, Value::Object(m)) => match resolve(schema, spec) {
            Some(def) if !def.fields.is_empty() => Value::Object(
                m.iter()
                    .map(|(k, x)| {
                        let n = match def.fields.iter().find(|f| f.name == *k) {
                            Some(f) => typed_at(&f.schema, x, spec, depth + 1),
                            None => x.clone(),
                        };
                        (k.clone(), n)
                    })
                    .collect(),
            ),
            _ => v.clone(),
        },
        (Kind::Array, Value::Array(items)) => match &schema.items {
            Some(item) => Value::Array(
                items
                    .iter()
                    .map(|x| typed_at(item, x, spec, depth + 1))
                    .collect(),
            ),
            None => v.clone(),
        },
        (
            Kind::Array | Kind::Integer | Kind::Long | Kind::Number | Kind::Boolean,
            Value::String(s),
        ) => match decode(schema, s, spec, depth) {
            Ok(d) if d.is_string() => d,
            Ok(d) => typed_at(schema, &d, spec, depth + 1),
            Err(_) => v.clone(),
        },
        (Kind::OneOf, _) => {
            let plain = Options {
                repr: Repr::Typed,
                report_unknown_fields: false,
            };
            for variant in &schema.variants {
                if let Some(lit) = &variant.literal {
                    if lit == v || wire_text(lit) == wire_text(v) {
                        return lit.clone();
                    }
                } else if let Some(vs) = &variant.schema {
                    let n = typed_at(vs, v, spec, depth + 1);
                    if check(vs, &n, spec, plain).is_empty() {
                        return n;
                    }
                }
            }
            v.clone()
        }
        _ => v.clone(),
    }
}

pub(super) fn decode(
    schema: &Schema,
    raw: &str,
    spec: &Spec,
    depth: usize,
) -> Result<Value, String> {
    if depth > MAX_DEPTH {
        return Err("schema nests too deeply (a reference cycle?)".to_string());
    }
    match schema.kind {
        Kind::String | Kind::Unit => Ok(Value::String(raw.to_string())),
        // Strictly `-?[0-9]+` (no sign `+`, no spaces), the text the OpenAPI export allows.
        Kind::Integer | Kind::Long => Some(raw)
            .filter(|r| {
                r.strip_prefix('-')
                    .unwrap_or(r)
                    .bytes()
                    .all(|b| b.is_ascii_digit())
            })
            .and_then(|r| r.parse::<i64>().ok())
            .map(Value::from)
            .ok_or_else(|| format!("`{raw}` is not an integer")),
        Kind::Number => raw
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| format!("`{raw}` is not a number")),
        Kind::Boolean => match raw.trim() {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            _ => Err(format!("`{raw}` is not `true` or `false`")),
        },
        Kind::Array => {
            let Some(items) = schema.items.as_deref() else {
                return Err("array schema has no `items`".to_string());
            };
            if raw.is_empty() {
                return Ok(Value::Array(Vec::new()));
            }
            // Items as sent: `1, 2` is not the list `1,2` (the export's pattern agrees).
            raw.split(',')
                .map(|part| decode(items, part, spec, depth + 1))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        Kind::Ref => match resolve(schema, spec) {
            Some(def) if def.fields.is_empty() => Ok(Value::String(raw.to_string())),
            // An object sent as one string can only be JSON text.
            Some(_) => serde_json::from_str(raw)
                .map_err(|_| format!("`{raw}` is not a JSON object for this type")),
            None => Err(format!(
                "unknown type `{}`",
                schema.reference.as_deref().unwrap_or("")
            )),
        },
        Kind::OneOf => {
            let plain = Options {
                repr: Repr::Wire,
                report_unknown_fields: false,
            };
            // A literal is the more specific reading: `0` for "all" is no list of one id.
            if let Some(lit) = schema
                .variants
                .iter()
                .filter_map(|v| v.literal.as_ref())
                .find(|lit| wire_text(lit) == raw)
            {
                return Ok(lit.clone());
            }
            for v in &schema.variants {
                if let Some(s) = &v.schema {
                    if let Ok(val) = decode(s, raw, spec, depth + 1) {
                        if check(s, &val, spec, plain).is_empty() {
                            return Ok(val);
                        }
                    }
                }
            }
            Err(format!("`{raw}` matches none of {}", variant_names(schema)))
        }
    }
}

/// A JSON scalar as it reads in a query string or form field.
pub(super) fn wire_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn variant_names(schema: &Schema) -> String {
    let names: Vec<String> = schema
        .variants
        .iter()
        .map(|v| format!("`{}`", v.name))
        .collect();
    format!("the variants {}", names.join(", "))
}
