//! Result codes read from the bytes in one pass, without a tree.

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess};
use serde_json::Value;

use super::{EnvelopeError, ObjectOrKind, OnObject};

/// Whether every result code at `scopes` in the JSON text `body` is `success`, read in one
/// pass without building a tree (other members are skipped). `false` for anything
/// `unwrap_result_code` would refuse, which then says why.
pub fn result_codes_ok(body: &[u8], code_field: &str, success: i64, scopes: &[&str]) -> bool {
    // No message is read: only the codes matter.
    matches!(
        result_code_failure(body, code_field, "", success, scopes),
        Ok(None)
    )
}

/// The failure `unwrap_result_code` reports for the JSON text `body` (the first scope, in
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
                    let found = map.next_value_seed(ObjectOrKind(inner))?.map(|(m, _)| m);
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
    let found = ObjectOrKind(seed).deserialize(&mut de)?;
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

    /// A result code: an integer, or a string holding one (as `as_code` reads a tree).
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
