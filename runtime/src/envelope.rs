//! Removing wire envelopes so callers see plain payloads.
//!
//! Pure `serde_json` transformations shared by the generated clients, the validator (which
//! unwraps documented examples before checking them) and the mock server. Nothing here panics
//! on odd input: a body without the envelope's shape is [`EnvelopeError::Malformed`].

use serde_json::{Map, Value};

/// A failure carried inside an envelope (possibly under a success status).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EnvelopeError {
    /// A result code other than success (e.g. OMS `ret != 0`).
    #[error("result code {code} in `{scope}`: {message}")]
    ResultCode {
        scope: String,
        code: i64,
        message: String,
    },
    /// An XML-mapped error element (e.g. BILLmanager `doc.error`), read by the member names
    /// the spec declares (`error_fields`).
    #[error("error {kind}{}: {message}", object.as_deref().map(|o| format!(" on {o}")).unwrap_or_default())]
    XmlJson {
        kind: String,
        object: Option<String>,
        message: String,
    },
    /// The body does not have the envelope's shape.
    #[error("malformed envelope: {0}")]
    Malformed(String),
}

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

/// Whether every result code at `scopes` in the JSON text `body` is `success`, read in one
/// pass without building a tree (other members are skipped). `false` for anything
/// [`unwrap_result_code`] would refuse, which then says why.
pub fn result_codes_ok(body: &[u8], code_field: &str, success: i64, scopes: &[&str]) -> bool {
    use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

    /// The code of one object (`None`: absent or not an integer); `Err` if not an object.
    struct Codes<'a> {
        code_field: &'a str,
        /// Named scopes to descend into (only at the top).
        scopes: &'a [&'a str],
        success: i64,
    }

    /// `(own code, every named scope present has the success code)`.
    type Found = (Option<i64>, bool);

    impl<'de> Visitor<'de> for Codes<'_> {
        type Value = Found;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
            let (mut code, mut scopes_ok) = (None, true);
            while let Some(key) = map.next_key::<std::borrow::Cow<'_, str>>()? {
                if key == self.code_field {
                    code = map.next_value::<CodeValue>()?.0;
                } else if self.scopes.iter().any(|s| !s.is_empty() && *s == key) {
                    let inner = Codes {
                        scopes: &[],
                        ..self
                    };
                    let (c, _) = map.next_value_seed(inner)?;
                    scopes_ok &= c == Some(self.success);
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok((code, scopes_ok))
        }
    }

    impl<'de> DeserializeSeed<'de> for Codes<'_> {
        type Value = Found;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
            d.deserialize_map(self)
        }
    }

    /// An integer code, or a numeric string; anything else is `None`.
    struct CodeValue(Option<i64>);

    impl<'de> serde::Deserialize<'de> for CodeValue {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            let v = <Value as serde::Deserialize>::deserialize(d)?;
            Ok(CodeValue(as_code(&v)))
        }
    }

    let seed = Codes {
        code_field,
        scopes,
        success,
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    match seed.deserialize(&mut de) {
        Ok((code, scopes_ok)) => {
            let top_ok = !scopes.contains(&"") || code == Some(success);
            top_ok && scopes_ok && de.end().is_ok()
        }
        Err(_) => false,
    }
}

fn as_code(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// The members of an XML-as-JSON error element, named as read (attribute prefix removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlErrorFields<'a> {
    /// The member naming the kind of failure.
    pub kind: &'a str,
    /// The member naming what the failure concerns, if the provider sends one.
    pub object: Option<&'a str>,
    /// The member holding the message (an error element that is only text is its message).
    pub message: &'a str,
}

/// How one provider maps XML to JSON, as its spec declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlJson<'a> {
    /// The document element everything sits under.
    pub root: &'a str,
    /// The repeated element of list answers.
    pub list: &'a str,
    /// The element that reports a failure.
    pub error: &'a str,
    /// The member holding an element's text.
    pub text_key: &'a str,
    /// What precedes an attribute's name among the members.
    pub attribute_prefix: &'a str,
    pub error_fields: XmlErrorFields<'a>,
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

/// XML mappings the runtime's tests share: BILLmanager's (`$` text key and attribute
/// prefix) and a different one, declared the way a spec declares them.
#[cfg(test)]
pub(crate) mod test_mappings {
    use super::{XmlErrorFields, XmlJson};

    pub(crate) const DOLLAR: XmlJson<'static> = XmlJson {
        root: "doc",
        list: "elem",
        error: "error",
        text_key: "$",
        attribute_prefix: "$",
        error_fields: XmlErrorFields {
            kind: "type",
            object: Some("object"),
            message: "msg",
        },
    };

    /// A different mapping: text under `#text`, attributes prefixed `@`, a `code`/`text`
    /// error element without an object.
    pub(crate) const AT: XmlJson<'static> = XmlJson {
        root: "response",
        list: "item",
        error: "fault",
        text_key: "#text",
        attribute_prefix: "@",
        error_fields: XmlErrorFields {
            kind: "code",
            object: None,
            message: "text",
        },
    };
}

#[cfg(test)]
mod tests {
    use super::test_mappings::{AT, DOLLAR};
    use super::*;
    use serde_json::json;

    fn rc(body: Value, scopes: &[&str]) -> Result<Value, EnvelopeError> {
        unwrap_result_code(body, "ret", "msg", 0, scopes)
    }

    #[test]
    fn result_code_at_top_level_is_stripped() {
        let out = rc(json!({"ret": 0, "msg": "", "id": 3}), &[""]);
        assert_eq!(out, Ok(json!({"id": 3})));
    }

    #[test]
    fn result_code_in_members_is_stripped_and_absent_scopes_skipped() {
        let body = json!({"apply": {"ret": 0, "msg": "ok", "id": 558}});
        let out = rc(body, &["apply", "check"]);
        assert_eq!(out, Ok(json!({"apply": {"id": 558}})));
    }

    #[test]
    fn nonzero_code_is_a_failure_with_its_message() {
        let body = json!({"apply": {"ret": 0, "msg": ""}, "check": {"ret": 3, "msg": "denied"}});
        let err = rc(body, &["apply", "check"]).unwrap_err();
        assert_eq!(
            err,
            EnvelopeError::ResultCode {
                scope: "check".into(),
                code: 3,
                message: "denied".into()
            }
        );
        assert_eq!(err.to_string(), "result code 3 in `check`: denied");
    }

    #[test]
    fn the_one_pass_check_agrees_with_the_unwrapping() {
        let bodies = [
            json!({"ret": 0, "msg": "", "id": 3}),
            json!({"ret": "0", "id": 3}),
            json!({"ret": 2, "msg": "no"}),
            json!({"id": 3}),
            json!([1]),
            json!({"apply": {"ret": 0, "msg": "ok", "id": 558}}),
            json!({"apply": {"ret": 0}, "check": {"ret": 3, "msg": "denied"}}),
            json!({"apply": 5}),
            json!({"apply": {"id": 1}}),
        ];
        for scopes in [&[""][..], &["apply", "check"][..]] {
            for body in &bodies {
                let bytes = serde_json::to_vec(body).expect("serializes");
                assert_eq!(
                    result_codes_ok(&bytes, "ret", 0, scopes),
                    rc(body.clone(), scopes).is_ok(),
                    "{body} at {scopes:?}"
                );
            }
        }
        assert!(!result_codes_ok(b"{\"ret\":0} trailing", "ret", 0, &[""]));
    }

    #[test]
    fn numeric_string_code_is_accepted() {
        assert_eq!(rc(json!({"ret": "0"}), &[""]), Ok(json!({})));
    }

    #[test]
    fn wrong_shapes_are_malformed() {
        assert!(matches!(
            rc(json!([1]), &[""]),
            Err(EnvelopeError::Malformed(_))
        ));
        assert!(matches!(
            rc(json!({"id": 1}), &[""]),
            Err(EnvelopeError::Malformed(_))
        ));
        assert!(matches!(
            rc(json!({"apply": 5}), &["apply"]),
            Err(EnvelopeError::Malformed(_))
        ));
        assert!(matches!(
            rc(json!({"ret": true}), &[""]),
            Err(EnvelopeError::Malformed(_))
        ));
    }

    fn xml(body: Value, want_list: bool) -> Result<Value, EnvelopeError> {
        unwrap_xml_json(body, &DOLLAR, want_list)
    }

    #[test]
    fn another_mapping_is_read_by_its_declared_keys() {
        let body = json!({"response": {"@lang": "en", "item": [
            {"@id": "5", "name": {"#text": "nightly"}, "$kind": "kept", "note": {"#text": "x", "@at": "1"}}
        ]}});
        assert_eq!(
            unwrap_xml_json(body.clone(), &AT, true),
            Ok(
                json!([{"id": "5", "name": "nightly", "$kind": "kept", "note": {"#text": "x", "at": "1"}}])
            )
        );
        assert_eq!(
            unwrap_xml_json(
                json!({"response": {"@n": "2", "total": {"#text": "3"}}}),
                &AT,
                false
            ),
            Ok(json!({"n": "2", "total": "3"}))
        );
        let fault = json!({"response": {"fault": {"@code": "42", "text": {"#text": "no such item"}, "$object": "x"}}});
        let err = unwrap_xml_json(fault, &AT, true).unwrap_err();
        assert_eq!(
            err,
            EnvelopeError::XmlJson {
                kind: "42".into(),
                object: None,
                message: "no such item".into()
            }
        );
        assert_eq!(err.to_string(), "error 42: no such item");
        // The BILLmanager-style mapping does not read this body.
        assert!(matches!(
            unwrap_xml_json(body, &DOLLAR, true),
            Err(EnvelopeError::Malformed(_))
        ));
    }

    #[test]
    fn xml_list_is_flattened() {
        let body = json!({"doc": {"$lang": "en", "elem": [
            {"id": {"$": "14"}, "name": {"$": "MySchedule"}}
        ]}});
        assert_eq!(
            xml(body, true),
            Ok(json!([{"id": "14", "name": "MySchedule"}]))
        );
    }

    #[test]
    fn xml_single_element_and_absent_list() {
        let one = json!({"doc": {"elem": {"id": {"$": "1"}}}});
        assert_eq!(xml(one, true), Ok(json!([{"id": "1"}])));
        assert_eq!(xml(json!({"doc": {}}), true), Ok(json!([])));
    }

    #[test]
    fn xml_object_has_attributes_renamed() {
        let body = json!({"doc": {"$lang": "ru", "id": {"$": "7"}, "ok": {"$name": "x"}}});
        assert_eq!(
            xml(body, false),
            Ok(json!({"lang": "ru", "id": "7", "ok": {"name": "x"}}))
        );
    }

    #[test]
    fn xml_error_element_is_a_failure() {
        let body = json!({"doc": {"error": {"$type": "access", "$object": "elid", "msg": {"$": "denied"}}}});
        let err = xml(body, true).unwrap_err();
        assert_eq!(
            err,
            EnvelopeError::XmlJson {
                kind: "access".into(),
                object: Some("elid".into()),
                message: "denied".into()
            }
        );
        assert_eq!(err.to_string(), "error access on elid: denied");
    }

    #[test]
    fn xml_wrong_shapes_are_malformed() {
        assert!(matches!(
            xml(json!({}), false),
            Err(EnvelopeError::Malformed(_))
        ));
        assert!(matches!(
            xml(json!({"doc": 1}), false),
            Err(EnvelopeError::Malformed(_))
        ));
        assert!(matches!(
            xml(json!({"doc": {"elem": 3}}), true),
            Err(EnvelopeError::Malformed(_))
        ));
        assert!(matches!(
            xml(json!("x"), true),
            Err(EnvelopeError::Malformed(_))
        ));
    }
}
