//! What a documented response body means once its envelope is read: the payload callers see,
//! or the failure the envelope reports.
//!
//! This is the spec side's own reading, used to check examples and as the expected value of
//! protocol tests. It deliberately shares no code with `runtime` (the code under test): an
//! oracle that called the client's unwrapper would agree with any bug in it.

use serde_json::{Map, Value};

use crate::format::{Envelope, Kind, Schema, XmlErrorFields};

/// A failure carried inside the envelope, or a body without the envelope's shape.
#[derive(Debug, Clone, PartialEq)]
pub enum Unwrapped {
    /// A result code other than success, found in `scope` ("" = the body itself).
    ResultCode {
        scope: String,
        code: i64,
        message: String,
    },
    /// The XML error element, by the members the envelope's `error_fields` name (read with
    /// attributes without their prefix and text elements as their text).
    XmlError {
        kind: Option<String>,
        object: Option<String>,
        message: Option<String>,
    },
    /// The body does not fit the envelope.
    Malformed(String),
}

impl std::fmt::Display for Unwrapped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unwrapped::ResultCode {
                scope,
                code,
                message,
            } => write!(f, "result code {code} in `{scope}`: {message}"),
            Unwrapped::XmlError {
                kind,
                object,
                message,
            } => {
                write!(f, "error element")?;
                if let Some(k) = kind {
                    write!(f, " {k}")?;
                }
                if let Some(o) = object {
                    write!(f, " on {o}")?;
                }
                write!(f, ": {}", message.as_deref().unwrap_or_default())
            }
            Unwrapped::Malformed(why) => write!(f, "malformed envelope: {why}"),
        }
    }
}

/// The payload of a success body under `envelope` (absent: the body itself).
pub fn payload(
    envelope: Option<&Envelope>,
    body: &Value,
    schema: &Schema,
) -> Result<Value, Unwrapped> {
    match envelope {
        None => Ok(body.clone()),
        Some(Envelope::ResultCode {
            code_field,
            message_field,
            success,
            scopes,
        }) => result_code(body, code_field, message_field, *success, scopes),
        Some(Envelope::XmlJson {
            root,
            list,
            error,
            text_key,
            attribute_prefix,
            error_fields,
        }) => {
            let xml = Xml {
                text_key,
                attribute_prefix,
            };
            xml.unwrap(
                body,
                root,
                list,
                error,
                error_fields,
                schema.kind == Kind::Array,
            )
        }
    }
}

fn result_code(
    body: &Value,
    code_field: &str,
    message_field: &str,
    success: i64,
    scopes: &[String],
) -> Result<Value, Unwrapped> {
    let mut root = object(body, "the body")?.clone();
    for scope in scopes {
        let member = if scope.is_empty() {
            Some(&mut root)
        } else {
            match root.get_mut(scope.as_str()) {
                // Optional sections are absent from some answers.
                None => None,
                Some(Value::Object(m)) => Some(m),
                Some(_) => return Err(malformed(format!("`{scope}` is not an object"))),
            }
        };
        let Some(member) = member else { continue };
        let code = match member.remove(code_field) {
            Some(Value::Number(n)) => n.as_i64(),
            // Loosely typed servers send the code as a numeric string.
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        }
        .ok_or_else(|| malformed(format!("no integer `{code_field}` in `{scope}`")))?;
        let message = match member.remove(message_field) {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s,
            Some(v) => v.to_string(),
        };
        if code != success {
            return Err(Unwrapped::ResultCode {
                scope: scope.clone(),
                code,
                message,
            });
        }
    }
    Ok(Value::Object(root))
}

/// The XML-to-JSON convention of one envelope.
struct Xml<'a> {
    text_key: &'a str,
    attribute_prefix: &'a str,
}

impl Xml<'_> {
    fn unwrap(
        &self,
        body: &Value,
        root: &str,
        list: &str,
        error: &str,
        fields: &XmlErrorFields,
        want_list: bool,
    ) -> Result<Value, Unwrapped> {
        let doc = object(body, "the body")?
            .get(root)
            .ok_or_else(|| malformed(format!("no `{root}` member")))?;
        let doc = object(doc, root)?;
        if let Some(e) = doc.get(error) {
            let element = self.plain(e);
            let member = |name: &str| match element.get(name) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(Value::Null) | None => None,
                Some(other) => Some(other.to_string()),
            };
            return Err(Unwrapped::XmlError {
                kind: member(&fields.kind),
                object: fields.object.as_deref().and_then(member),
                message: member(&fields.message).or_else(|| element.as_str().map(str::to_string)),
            });
        }
        if !want_list {
            return Ok(self.plain(&Value::Object(doc.clone())));
        }
        Ok(Value::Array(match doc.get(list) {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => items.iter().map(|i| self.plain(i)).collect(),
            Some(one @ Value::Object(_)) => vec![self.plain(one)],
            Some(_) => {
                return Err(malformed(format!(
                    "`{list}` is neither a list nor an object"
                )))
            }
        }))
    }

    /// XML-as-JSON to plain JSON: an element whose only member is the text key is its text;
    /// a member named the attribute prefix + `name` is `name`.
    fn plain(&self, v: &Value) -> Value {
        match v {
            Value::Object(m) if m.len() == 1 && m.contains_key(self.text_key) => {
                self.plain(&m[self.text_key])
            }
            Value::Object(m) => Value::Object(
                m.iter()
                    .map(|(k, v)| {
                        let key = if k == self.text_key {
                            k
                        } else {
                            k.strip_prefix(self.attribute_prefix)
                                .filter(|a| !a.is_empty())
                                .unwrap_or(k)
                        };
                        (key.to_string(), self.plain(v))
                    })
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|i| self.plain(i)).collect()),
            other => other.clone(),
        }
    }
}

fn object<'a>(v: &'a Value, what: &str) -> Result<&'a Map<String, Value>, Unwrapped> {
    v.as_object()
        .ok_or_else(|| malformed(format!("{what} is not an object")))
}

fn malformed(why: String) -> Unwrapped {
    Unwrapped::Malformed(why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn rc() -> Envelope {
        Envelope::ResultCode {
            code_field: "ret".into(),
            message_field: "msg".into(),
            success: 0,
            scopes: vec!["".into(), "check".into()],
        }
    }

    fn xml() -> Envelope {
        Envelope::XmlJson {
            root: "doc".into(),
            list: "elem".into(),
            error: "error".into(),
            text_key: "$".into(),
            attribute_prefix: "$".into(),
            error_fields: XmlErrorFields {
                kind: "type".into(),
                object: Some("object".into()),
                message: "msg".into(),
            },
        }
    }

    /// Another XML mapping: text under `#text`, attributes prefixed `@`, an error element
    /// with `code` and `text` members and no object.
    fn other_xml() -> Envelope {
        Envelope::XmlJson {
            root: "response".into(),
            list: "item".into(),
            error: "fault".into(),
            text_key: "#text".into(),
            attribute_prefix: "@".into(),
            error_fields: XmlErrorFields {
                kind: "code".into(),
                object: None,
                message: "text".into(),
            },
        }
    }

    #[test]
    fn result_codes_are_removed_and_failures_reported() {
        let s = Schema::default();
        let ok = json!({"ret": 0, "msg": "", "id": 7, "check": {"ret": "0", "n": 1}});
        assert_eq!(
            payload(Some(&rc()), &ok, &s),
            Ok(json!({"id": 7, "check": {"n": 1}}))
        );
        let bad = json!({"ret": 0, "check": {"ret": 3, "msg": "no"}});
        assert_eq!(
            payload(Some(&rc()), &bad, &s),
            Err(Unwrapped::ResultCode {
                scope: "check".into(),
                code: 3,
                message: "no".into()
            })
        );
        assert!(matches!(
            payload(Some(&rc()), &json!({"msg": "x"}), &s),
            Err(Unwrapped::Malformed(_))
        ));
    }

    #[test]
    fn xml_lists_and_errors() {
        let list = Schema {
            kind: Kind::Array,
            ..Schema::default()
        };
        let one = json!({"doc": {"elem": {"id": {"$": "5"}, "$kind": "a"}}});
        assert_eq!(
            payload(Some(&xml()), &one, &list),
            Ok(json!([{"id": "5", "kind": "a"}]))
        );
        assert_eq!(
            payload(Some(&xml()), &json!({"doc": {}}), &list),
            Ok(json!([]))
        );
        let err = json!({"doc": {"error": {"$type": "access", "msg": {"$": "denied"}}}});
        assert_eq!(
            payload(Some(&xml()), &err, &Schema::default()),
            Err(Unwrapped::XmlError {
                kind: Some("access".into()),
                object: None,
                message: Some("denied".into()),
            })
        );
    }

    #[test]
    fn xml_keys_and_error_members_come_from_the_envelope() {
        let list = Schema {
            kind: Kind::Array,
            ..Schema::default()
        };
        let body = json!({"response": {"@lang": "en", "item": [
            {"@id": "5", "name": {"#text": "nightly"}, "$kind": "kept", "note": {"#text": "x", "@at": "1"}}
        ]}});
        assert_eq!(
            payload(Some(&other_xml()), &body, &list),
            Ok(
                json!([{"id": "5", "name": "nightly", "$kind": "kept", "note": {"#text": "x", "at": "1"}}])
            )
        );
        let one = json!({"response": {"@lang": "en", "total": {"#text": "3"}}});
        assert_eq!(
            payload(Some(&other_xml()), &one, &Schema::default()),
            Ok(json!({"lang": "en", "total": "3"}))
        );
        let err = json!({"response": {"fault": {"@code": "42", "text": {"#text": "no such item"}, "$type": "ignored"}}});
        let got = payload(Some(&other_xml()), &err, &list);
        assert_eq!(
            got,
            Err(Unwrapped::XmlError {
                kind: Some("42".into()),
                object: None,
                message: Some("no such item".into()),
            })
        );
        // The default convention would not have read this body: `doc` is required there.
        assert!(matches!(
            payload(Some(&xml()), &body, &list),
            Err(Unwrapped::Malformed(_))
        ));
    }

    #[test]
    fn text_and_attribute_keys_default_to_dollar() {
        let yaml = "{ kind: xml_json, root: doc, list: elem, error: error, \
                    error_fields: { kind: type, object: object, message: msg } }";
        let e: Envelope = serde_yaml::from_str(yaml).expect("envelope");
        assert_eq!(e, xml());
    }
}
