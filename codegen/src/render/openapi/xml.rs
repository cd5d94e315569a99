//! XML-as-JSON wire schemas: how a payload looks once an XML body is mapped to JSON (element
//! text under `"$"`, attributes as `"$name"`, a repeated element an array or a single object).

use serde_json::{json, Map, Value};

use spec::format::{Kind, Schema, Spec};

use super::{component_ref, Ctx, Exporter};

impl Exporter<'_> {
    /// XML-as-JSON form of a payload schema: element text under `"$"`, attributes as
    /// `"$name"`, a repeated element either an array or a single object.
    pub(super) fn xml_schema(&mut self, s: &Schema) -> Value {
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
