//! Removing wire envelopes so callers see plain payloads.
//!
//! Clients read the bytes: [`result_code_failure`] (and [`result_codes_ok`]) check result
//! codes in one pass, [`crate::xmljson`] decodes XML-as-JSON through the mapping. The tree
//! forms here ([`unwrap_result_code`], [`unwrap_xml_json`]) say the same on a `Value`, and
//! are what those readers are tested against. Nothing here panics on odd input: a body
//! without the envelope's shape is [`EnvelopeError::Malformed`].

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
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
    // No message is read: only the codes matter.
    matches!(
        result_code_failure(body, code_field, "", success, scopes),
        Ok(None)
    )
}

/// The failure [`unwrap_result_code`] reports for the JSON text `body` (the first scope, in
/// declared order, whose code is missing, not an integer or not `success`; a body or scope
/// that is not an object), read in one pass without a tree: codes and messages are kept as
/// borrowed JSON text until a failing scope needs its message. `Ok(None)`: every code is a
/// success; `Err`: not JSON.
pub fn result_code_failure(
    body: &[u8],
    code_field: &str,
    message_field: &str,
    success: i64,
    scopes: &[&str],
) -> Result<Option<EnvelopeError>, serde_json::Error> {
    use serde_json::value::RawValue;

    /// One object's code and message members, as JSON text.
    #[derive(Default)]
    struct Members<'de> {
        code: Option<&'de RawValue>,
        message: Option<&'de RawValue>,
    }

    /// An object (with `scopes`: the body, whose named scopes are read as well); `Err` with
    /// the kind of value otherwise.
    struct Scope<'a> {
        code_field: &'a str,
        message_field: &'a str,
        scopes: &'a [&'a str],
    }

    type Found<'de> = (
        Members<'de>,
        Vec<(usize, Result<Members<'de>, &'static str>)>,
    );

    impl<'de> OnObject<'de> for Scope<'_> {
        type Out = Found<'de>;
        fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Found<'de>, A::Error> {
            let mut own = Members::default();
            let mut named = Vec::new();
            while let Some(key) = map.next_key::<std::borrow::Cow<'_, str>>()? {
                if key == self.code_field {
                    own.code = Some(map.next_value()?);
                } else if !self.message_field.is_empty() && key == self.message_field {
                    own.message = Some(map.next_value()?);
                } else if let Some(i) = self.scopes.iter().position(|s| !s.is_empty() && *s == key)
                {
                    let inner = Scope {
                        scopes: &[],
                        ..self
                    };
                    let found = map.next_value_seed(Kinded(inner))?.map(|(m, _)| m);
                    named.retain(|(j, _)| *j != i);
                    named.push((i, found));
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok((own, named))
        }
    }

    let seed = Scope {
        code_field,
        message_field,
        scopes,
    };
    let mut de = serde_json::Deserializer::from_slice(body);
    let found = Kinded(seed).deserialize(&mut de)?;
    de.end()?;
    let (own, named) = match found {
        Ok(found) => found,
        Err(kind) => {
            return Ok(Some(EnvelopeError::Malformed(format!(
                "expected an object body, got {kind}"
            ))))
        }
    };
    for (i, &scope) in scopes.iter().enumerate() {
        let members = if scope.is_empty() {
            &own
        } else {
            match named.iter().find(|(j, _)| *j == i) {
                None => continue,
                Some((_, Ok(m))) => m,
                Some((_, Err(kind))) => {
                    return Ok(Some(EnvelopeError::Malformed(format!(
                        "`{scope}` should be an object, got {kind}"
                    ))))
                }
            }
        };
        let Some(code) = members.code else {
            return Ok(Some(EnvelopeError::Malformed(format!(
                "`{scope}` has no `{code_field}` member"
            ))));
        };
        let code = serde_json::from_str::<Scalar>(code.get())?;
        let Some(code) = code.as_code() else {
            return Ok(Some(EnvelopeError::Malformed(format!(
                "`{code_field}` in `{scope}` should be an integer, got {}",
                code.json_text()
            ))));
        };
        if code != success {
            let message = match members.message {
                Some(raw) => serde_json::from_str::<Scalar>(raw.get())?.into_text(),
                None => None,
            };
            return Ok(Some(EnvelopeError::ResultCode {
                scope: scope.to_string(),
                code,
                message: message.unwrap_or_default(),
            }));
        }
    }
    Ok(None)
}

/// One member's value as read for an envelope: a string as its text, `null`, or anything
/// else as its compact JSON text (what `Value`'s `Display` prints).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Str(String),
    Json(String),
}

impl Scalar {
    /// The text a message or error member reads as (`None` for `null`).
    pub(crate) fn into_text(self) -> Option<String> {
        match self {
            Scalar::Null => None,
            Scalar::Str(s) | Scalar::Json(s) => Some(s),
        }
    }

    /// A result code: an integer, or a string holding one (as [`as_code`] reads a tree).
    fn as_code(&self) -> Option<i64> {
        match self {
            Scalar::Str(s) => s.trim().parse().ok(),
            Scalar::Json(t) => t.parse().ok(),
            Scalar::Null => None,
        }
    }

    fn json_text(&self) -> String {
        match self {
            Scalar::Null => "null".into(),
            Scalar::Str(s) => Value::String(s.clone()).to_string(),
            Scalar::Json(t) => t.clone(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Scalar {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
        use serde::de::{MapAccess, SeqAccess, Visitor};

        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Scalar, E> {
                Ok(Scalar::Json(b.to_string()))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Scalar, E> {
                Ok(Scalar::Json(n.to_string()))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Scalar, E> {
                Ok(Scalar::Json(n.to_string()))
            }
            fn visit_f64<E>(self, n: f64) -> Result<Scalar, E> {
                Ok(Scalar::Json(Value::from(n).to_string()))
            }
            fn visit_str<E>(self, s: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(s))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            // A member that is an object or array is rare and small: printed from a tree.
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Scalar, A::Error> {
                let v =
                    <Value as serde::Deserialize>::deserialize(SeqAccessDeserializer::new(seq))?;
                Ok(Scalar::Json(v.to_string()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scalar, A::Error> {
                let v =
                    <Value as serde::Deserialize>::deserialize(MapAccessDeserializer::new(map))?;
                Ok(Scalar::Json(v.to_string()))
            }
        }
        d.deserialize_any(V)
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

/// What to do with an object, for [`Kinded`].
pub(crate) trait OnObject<'de> {
    type Out;
    fn object<A: MapAccess<'de>>(self, map: A) -> Result<Self::Out, A::Error>;
}

/// A value read as an object by `M`, or the kind of value it is instead (skipped): how the
/// one-pass envelope readers tell "not an object" apart, in the words [`kind_of`] uses.
pub(crate) struct Kinded<M>(pub(crate) M);

impl<'de, M: OnObject<'de>> DeserializeSeed<'de> for Kinded<M> {
    type Value = Result<M::Out, &'static str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, M: OnObject<'de>> Visitor<'de> for Kinded<M> {
    type Value = Result<M::Out, &'static str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.object(map).map(Ok)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
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

    /// The one-pass failure reader against the unwrapping: the same failure, or none.
    fn failures_agree(body: &Value, scopes: &[&str]) {
        let bytes = serde_json::to_vec(body).expect("serializes");
        let expected = rc(body.clone(), scopes).err();
        let got = result_code_failure(&bytes, "ret", "msg", 0, scopes).expect("JSON");
        assert_eq!(got, expected, "{body} at {scopes:?}");
    }

    #[test]
    fn the_one_pass_failure_is_the_unwrapping_one() {
        let bodies = [
            json!({"ret": 5, "msg": "no", "id": 3}),
            json!({"msg": null, "ret": "5"}),
            json!({"ret": 5, "msg": {"text": "x", "n": [1.5, true]}}),
            json!({"ret": 5, "msg": 2.0}),
            json!({"ret": 1.0}),
            json!({"ret": 9_223_372_036_854_775_808_u64}),
            json!({"ret": " 0 "}),
            json!({"ret": "zero"}),
            json!({"ret": [0]}),
            json!({"ret": null}),
            json!({"check": {"ret": 3, "msg": "denied"}, "apply": {"ret": 4, "msg": "first"}}),
            json!({"apply": {"ret": 0}, "check": "x"}),
            json!({"check": [], "apply": {"msg": "no code"}}),
            json!(null),
            json!("text"),
        ];
        for scopes in [&[""][..], &["apply", "check"][..], &["", "check"][..]] {
            for body in &bodies {
                failures_agree(body, scopes);
            }
        }
        assert!(result_code_failure(b"{\"ret\":1", "ret", "msg", 0, &[""]).is_err());
        // Escaped member names and messages are read as the tree reads them.
        let escaped = br#"{"r\u0065t":2,"msg":"\u00e9"}"#;
        assert_eq!(
            result_code_failure(escaped, "ret", "msg", 0, &[""]).expect("JSON"),
            Some(EnvelopeError::ResultCode {
                scope: String::new(),
                code: 2,
                message: "é".into()
            })
        );
    }

    #[test]
    fn random_result_code_bodies_agree() {
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut below = move |n: u64| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
        };
        let values = [
            json!(0),
            json!(3),
            json!("0"),
            json!("4"),
            json!(null),
            json!("m"),
            json!(1.5),
            json!([1]),
            json!({"ret": 0}),
            json!({"ret": 2, "msg": "inner"}),
            json!({"msg": "x"}),
            json!(true),
        ];
        let names = ["ret", "msg", "apply", "check", "other"];
        let mut failures = 0;
        for _ in 0..2000 {
            let mut m = Map::new();
            for _ in 0..below(5) {
                let name = names[below(names.len() as u64) as usize];
                m.insert(
                    name.into(),
                    values[below(values.len() as u64) as usize].clone(),
                );
            }
            let body = Value::Object(m);
            for scopes in [&[""][..], &["apply", "check"][..], &["check", ""][..]] {
                failures_agree(&body, scopes);
                failures += usize::from(rc(body.clone(), scopes).is_err());
            }
        }
        assert!(failures > 1000 && failures < 5800, "{failures}");
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
