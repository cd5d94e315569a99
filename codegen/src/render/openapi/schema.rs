//! JSON Schemas (2020-12, as OpenAPI 3.1 uses them) from spec types and schemas, with every
//! constraint: bounds, lengths, patterns, forbidden characters, formats and wire encodings.

use serde_json::{json, Map, Value};

use spec::format::{Field, Format, Kind, Schema, TypeDef, Wire};
use spec::yaml::PathSeg;

use super::patterns::{anchored, class_escape, csv_pattern, int_text};
use super::{component_ref, Ctx, Exporter};

impl Exporter<'_> {
    /// A spec schema as a JSON Schema (2020-12 dialect, as OpenAPI 3.1 uses it).
    pub(super) fn schema(&mut self, s: &Schema, ctx: Ctx) -> Value {
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

    pub(super) fn type_def(&mut self, name: &str, def: &TypeDef) -> Value {
        let base = [PathSeg::from("types"), PathSeg::from(name)];
        let item = |key: &str, i: usize| {
            let mut v = base.to_vec();
            v.extend([PathSeg::from(key), PathSeg::from(i)]);
            v
        };
        if !def.values.is_empty() {
            let values: Vec<&str> = def.values.iter().map(|v| v.value.as_str()).collect();
            let descriptions: Vec<&str> =
                def.values.iter().map(|v| v.description.as_str()).collect();
            let mut out = json!({
                "type": "string",
                "description": def.description,
                "enum": values,
                "x-enum-descriptions": descriptions,
            });
            let sources: Vec<Value> = (0..def.values.len())
                .map(|i| self.source_of(&item("values", i)).unwrap_or(Value::Null))
                .collect();
            if sources.iter().any(|s| !s.is_null()) {
                out["x-enum-sources"] = Value::Array(sources);
            }
            return out;
        }
        let mut props = Map::new();
        let mut required = Vec::new();
        for (i, f) in def.fields.iter().enumerate() {
            let mut field = self.field(f);
            if let (Some(src), Value::Object(m)) = (self.source_of(&item("fields", i)), &mut field)
            {
                m.insert("x-source".into(), src);
            }
            props.insert(f.name.clone(), field);
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
                m.insert("x-role".into(), json!(role.as_str()));
            }
            super::mark_deprecated(m, f.deprecated.as_ref());
        }
        s
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
