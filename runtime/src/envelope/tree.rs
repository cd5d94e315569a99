//! The tree forms of the envelope readers: the same rules on a `Value`, the oracle the
//! one-pass readers are tested (and benched) against. Built for tests and with the `oracle`
//! feature; clients never call them.

use serde_json::{Map, Value};

use super::{EnvelopeError, XmlErrorFields, XmlJson};

/// Check result codes at `scopes` ("" = the body itself) and strip the code/message fields.
///
/// A named scope that is absent is skipped (pages show optional sections such as a second
/// result object only in some answers); a scope that is present must be an object carrying
/// an integer code (a numeric string is accepted, as loosely typed servers send one).
pub fn unwrap_result_code(
    body: Value,
    code_field: &str,
    message_field: &str,
    success: i64,
    scopes: &[&str],
) -> Result<Value, EnvelopeError> {
    let Value::Object(mut root) = body else {
        return Err(EnvelopeError::Malformed(format!(
            "expected an object body, got {}",
            kind_of(&body)
        )));
    };
    for &scope in scopes {
        let target: &mut Map<String, Value> = if scope.is_empty() {
            &mut root
        } else {
            match root.get_mut(scope) {
                None => continue,
                Some(Value::Object(m)) => m,
                Some(other) => {
                    return Err(EnvelopeError::Malformed(format!(
                        "`{scope}` should be an object, got {}",
                        kind_of(other)
                    )))
                }
            }
        };
        let code = match target.remove(code_field) {
            Some(v) => as_code(&v).ok_or_else(|| {
                EnvelopeError::Malformed(format!(
                    "`{code_field}` in `{scope}` should be an integer, got {v}"
                ))
            })?,
            None => {
                return Err(EnvelopeError::Malformed(format!(
                    "`{scope}` has no `{code_field}` member"
                )))
            }
        };
        let message = match target.remove(message_field) {
            Some(Value::String(s)) => s,
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        };
        if code != success {
            return Err(EnvelopeError::ResultCode {
                scope: scope.to_string(),
                code,
                message,
            });
        }
    }
    Ok(Value::Object(root))
}

fn as_code(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
/// Unwrap XML-as-JSON: take `root`, fail on its `error` member, replace an element whose only
/// member is the text key by its text and attribute members by their bare names. With
/// `want_list`, return the `list` member as an array (absent: empty; a single object: one
/// element); otherwise the unwrapped root object.
pub fn unwrap_xml_json(
    body: Value,
    xml: &XmlJson,
    want_list: bool,
) -> Result<Value, EnvelopeError> {
    let (root, list) = (xml.root, xml.list);
    let Value::Object(mut outer) = body else {
        return Err(EnvelopeError::Malformed(format!(
            "expected an object body, got {}",
            kind_of(&body)
        )));
    };
    let doc = match outer.remove(root) {
        Some(Value::Object(m)) => m,
        Some(other) => {
            return Err(EnvelopeError::Malformed(format!(
                "`{root}` should be an object, got {}",
                kind_of(&other)
            )))
        }
        None => {
            return Err(EnvelopeError::Malformed(format!(
                "body has no `{root}` member"
            )))
        }
    };
    if let Some(err) = doc.get(xml.error) {
        return Err(xml_error(&xml.flatten(err.clone()), &xml.error_fields));
    }
    if !want_list {
        return Ok(xml.flatten(Value::Object(doc)));
    }
    match doc.get(list) {
        None | Some(Value::Null) => Ok(Value::Array(Vec::new())),
        Some(Value::Array(items)) => Ok(Value::Array(
            items.iter().cloned().map(|i| xml.flatten(i)).collect(),
        )),
        Some(item @ Value::Object(_)) => Ok(Value::Array(vec![xml.flatten(item.clone())])),
        Some(other) => Err(EnvelopeError::Malformed(format!(
            "`{root}.{list}` should be an array or object, got {}",
            kind_of(other)
        ))),
    }
}

/// Build the error from an already flattened error element, by the declared member names.
fn xml_error(err: &Value, fields: &XmlErrorFields) -> EnvelopeError {
    let text = |key: &str| match err.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    EnvelopeError::XmlJson {
        kind: text(fields.kind).unwrap_or_else(|| "unknown".to_string()),
        object: fields.object.and_then(text),
        message: text(fields.message)
            .or_else(|| err.as_str().map(str::to_string))
            .unwrap_or_default(),
    }
}

impl XmlJson<'_> {
    /// An element whose only member is the text key becomes its text; attribute members
    /// lose their prefix; recursively.
    fn flatten(&self, v: Value) -> Value {
        match v {
            Value::Object(mut m) => {
                if m.len() == 1 && m.contains_key(self.text_key) {
                    return m.remove(self.text_key).unwrap_or(Value::Null);
                }
                let out = m
                    .into_iter()
                    .map(|(k, v)| {
                        let key = match k.strip_prefix(self.attribute_prefix) {
                            Some(attr) if !attr.is_empty() && k != self.text_key => {
                                attr.to_string()
                            }
                            _ => k,
                        };
                        (key, self.flatten(v))
                    })
                    .collect();
                Value::Object(out)
            }
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|i| self.flatten(i)).collect())
            }
            other => other,
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
