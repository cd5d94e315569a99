//! XML-as-JSON wire schemas: how a payload looks once an XML body is mapped to JSON by the
//! envelope's convention (element text under its `text_key`, attributes as `attribute_prefix`
//! + name, a repeated element an array or a single object).

use serde_json::{json, Map, Value};

use spec::format::{Kind, Schema, Spec};

use super::{component_ref, Ctx, Exporter};

/// An envelope's XML-to-JSON convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct XmlKeys<'a> {
    pub text_key: &'a str,
    pub attribute_prefix: &'a str,
}

impl Exporter<'_> {
    /// XML-as-JSON form of a payload schema under `keys`: element text under the text key,
    /// attributes as the prefix + name, a repeated element either an array or a single object.
    pub(super) fn xml_schema(&mut self, s: &Schema, keys: &XmlKeys) -> Value {
        match s.kind {
            Kind::Ref => {
                let Some(def) = s.reference.as_ref().and_then(|r| self.spec.types.get(r)) else {
                    return json!({});
                };
                if def.fields.is_empty() {
                    return element(self.xml_text(s), keys);
                }
                let name = format!(
                    "{}Xml{}",
                    s.reference.as_deref().unwrap_or_default(),
                    self.xml_convention(keys)
                );
                if !self.extra_schemas.contains_key(&name) {
                    // Reserve the name first so recursive types terminate.
                    self.extra_schemas.insert(name.clone(), json!({}));
                    let mut props = Map::new();
                    for f in &def.fields {
                        let text_form = self.xml_schema(&f.schema, keys);
                        props.insert(f.name.clone(), text_form);
                        // A scalar may also travel as an attribute.
                        let prefix = keys.attribute_prefix;
                        if !prefix.is_empty()
                            && !f.name.starts_with(prefix)
                            && is_scalar(f.schema.kind, self.spec, &f.schema)
                        {
                            props.insert(format!("{prefix}{}", f.name), self.xml_text(&f.schema));
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
                    .map(|i| self.xml_schema(i, keys))
                    .unwrap_or_else(|| json!({}));
                json!({"anyOf": [{"type": "array", "items": item.clone()}, item]})
            }
            Kind::OneOf => {
                let vs: Vec<Value> = s
                    .variants
                    .iter()
                    .map(|v| match (&v.schema, &v.literal) {
                        (Some(vs), _) => self.xml_schema(vs, keys),
                        (None, Some(lit)) => element(json!({"const": text_of(lit)}), keys),
                        (None, None) => json!({}),
                    })
                    .collect();
                json!({ "anyOf": vs })
            }
            Kind::Unit => json!({}),
            _ => element(self.xml_text(s), keys),
        }
    }

    /// The suffix of wire-form schema names under `keys`: none for the first convention
    /// the document uses, `2`, `3`, ... for others (so two conventions never share a name).
    fn xml_convention(&mut self, keys: &XmlKeys) -> String {
        let key = (keys.text_key.to_string(), keys.attribute_prefix.to_string());
        let n = match self.xml_conventions.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                self.xml_conventions.push(key);
                self.xml_conventions.len() - 1
            }
        };
        if n == 0 {
            String::new()
        } else {
            (n + 1).to_string()
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

/// Wrap an XML text schema as an element: `{TEXT_KEY: text}`.
fn element(text: Value, keys: &XmlKeys) -> Value {
    json!({"type": "object", "properties": {keys.text_key: text}, "required": [keys.text_key]})
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
