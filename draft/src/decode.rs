//! Example values decoded against the types the tables give: a member no table names is
//! left out, a value of another JSON type is converted when it reads as the table's type
//! (`"10"` for an integer, `0` for a string) and left out otherwise; each change is one
//! disagreement, named by its path, for the example's TODO erratum.

use indexmap::IndexMap;
use serde_json::{Map, Value};
use spec::format::{Kind, Location, Parameter, Schema, TypeDef};

/// A JSON request body against the body parameters.
pub fn body(
    v: &Value,
    params: &[Parameter],
    types: &IndexMap<String, TypeDef>,
    diffs: &mut Vec<String>,
) -> Option<Value> {
    let Value::Object(members) = v else {
        diffs.push("the body is not a JSON object".into());
        return None;
    };
    let mut out = Map::new();
    for (k, x) in members {
        match params
            .iter()
            .find(|p| p.location == Location::Body && p.name == *k)
        {
            Some(p) => {
                if let Some(d) = value(x, &p.schema, types, k, diffs) {
                    out.insert(k.clone(), d);
                }
            }
            None => diffs.push(format!("`{k}` is not in the body table")),
        }
    }
    Some(Value::Object(out))
}

/// A value against a schema; None when it cannot be read as one.
pub fn value(
    v: &Value,
    s: &Schema,
    types: &IndexMap<String, TypeDef>,
    path: &str,
    diffs: &mut Vec<String>,
) -> Option<Value> {
    let shown = if path.is_empty() { "the body" } else { path };
    if v.is_null() {
        if s.nullable {
            return Some(Value::Null);
        }
        diffs.push(format!("`{shown}` is null"));
        return None;
    }
    let out = match s.kind {
        Kind::String => match v {
            Value::String(_) => Some(v.clone()),
            Value::Number(n) => Some(Value::String(n.to_string())),
            Value::Bool(b) => Some(Value::String(b.to_string())),
            _ => None,
        },
        Kind::Integer | Kind::Long => match v {
            Value::Number(n) if n.is_i64() || n.is_u64() => {
                let ok =
                    s.kind == Kind::Long || n.as_i64().is_some_and(|x| i32::try_from(x).is_ok());
                ok.then(|| v.clone())
            }
            Value::String(t) => t.trim().parse::<i64>().ok().map(Value::from),
            _ => None,
        },
        Kind::Number => match v {
            Value::Number(_) => Some(v.clone()),
            Value::String(t) => t
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number),
            _ => None,
        },
        Kind::Boolean => match v {
            Value::Bool(_) => Some(v.clone()),
            Value::String(t) if t == "true" || t == "false" => Some(Value::Bool(t == "true")),
            _ => None,
        },
        Kind::Array => match (v, s.items.as_deref()) {
            (Value::Array(xs), Some(item)) => Some(Value::Array(
                xs.iter()
                    .enumerate()
                    .filter_map(|(i, x)| value(x, item, types, &format!("{path}[{i}]"), diffs))
                    .collect(),
            )),
            _ => None,
        },
        Kind::Ref => {
            let t = s.reference.as_ref().and_then(|r| types.get(r));
            match (v, t) {
                (Value::Object(members), Some(t)) if !t.fields.is_empty() => {
                    let mut out = Map::new();
                    for (k, x) in members {
                        let at = if path.is_empty() {
                            k.clone()
                        } else {
                            format!("{path}.{k}")
                        };
                        match t.fields.iter().find(|f| f.name == *k) {
                            Some(f) => {
                                if let Some(d) = value(x, &f.schema, types, &at, diffs) {
                                    out.insert(k.clone(), d);
                                }
                            }
                            None => diffs.push(format!("`{at}` is not in its table")),
                        }
                    }
                    Some(Value::Object(out))
                }
                (Value::String(x), Some(t)) if !t.values.is_empty() => {
                    t.values.iter().any(|e| e.value == *x).then(|| v.clone())
                }
                _ => None,
            }
        }
        Kind::OneOf | Kind::Unit => None,
    };
    let out = match out {
        Some(d) if !within(&d, s) => {
            diffs.push(format!("`{shown}` is outside the bounds its row states"));
            return None;
        }
        other => other,
    };
    match &out {
        None => diffs.push(format!("`{shown}` does not read as its table's type")),
        Some(d) if d != v && !matches!(v, Value::Object(_) | Value::Array(_)) => {
            diffs.push(format!("`{shown}` converted to its table's type"))
        }
        _ => {}
    }
    out
}

/// Whether a value keeps the bounds the schema states.
fn within(v: &Value, s: &Schema) -> bool {
    let len = |n: usize, lo: Option<u32>, hi: Option<u32>| {
        lo.is_none_or(|m| n >= m as usize) && hi.is_none_or(|m| n <= m as usize)
    };
    match v {
        Value::String(t) => len(t.chars().count(), s.min_length, s.max_length),
        Value::Array(xs) => len(xs.len(), s.min_items, s.max_items),
        Value::Number(n) => n.as_f64().is_some_and(|x| {
            s.minimum.is_none_or(|m| x >= m as f64) && s.maximum.is_none_or(|m| x <= m as f64)
        }),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::infer::{kind, reference};
    use spec::format::Field;

    fn field(name: &str, schema: Schema) -> Field {
        Field {
            name: name.into(),
            description: String::new(),
            required: false,
            schema,
            role: None,
            deprecated: None,
            cite: None,
        }
    }

    #[test]
    fn members_outside_the_table_and_other_types_are_disagreements() {
        let mut types = IndexMap::new();
        types.insert(
            "Box".to_string(),
            TypeDef {
                description: String::new(),
                fields: vec![
                    field("size", kind(Kind::Long)),
                    field("label", kind(Kind::String)),
                ],
                values: Vec::new(),
                cite: None,
            },
        );
        let v = serde_json::json!({"size": 5_000_000_000i64, "label": 0, "sise": 1});
        let mut diffs = Vec::new();
        let out = value(&v, &reference("Box"), &types, "", &mut diffs).unwrap();
        assert_eq!(
            out,
            serde_json::json!({"size": 5_000_000_000i64, "label": "0"})
        );
        assert_eq!(diffs.len(), 2, "{diffs:?}");
        assert!(diffs.iter().any(|d| d.contains("`sise`")));
        let mut none = Vec::new();
        let v = serde_json::json!({"size": 1});
        assert_eq!(value(&v, &reference("Box"), &types, "", &mut none), Some(v));
        assert!(none.is_empty());
        // A 64-bit value does not fit a 32-bit integer.
        let mut d = Vec::new();
        assert_eq!(
            value(
                &serde_json::json!(5_000_000_000i64),
                &kind(Kind::Integer),
                &types,
                "n",
                &mut d
            ),
            None
        );
        assert_eq!(d.len(), 1);
    }
}
