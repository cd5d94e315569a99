//! Credentials: a string that never shows itself in `Debug` or `Display`, and the redaction
//! of secrets from free text (error messages, body excerpts, URLs).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What every redacted value prints as.
pub const REDACTED: &str = "[redacted]";

/// A credential. `Debug` and `Display` print `[redacted]`; only [`Secret::expose`] (used when
/// the request is built) and serialization to the wire reveal the value.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself, for putting it on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl Serialize for Secret {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

/// Remove secrets from `text`: every literal occurrence of a secret value, and the value of
/// every `name=value` pair whose name is one of `query_names` (a URL carrying a token in its
/// query string, as transport errors print it).
pub fn redact(text: &str, secrets: &[&Secret], query_names: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if !secret.0.is_empty() {
            out = out.replace(&secret.0, REDACTED);
        }
    }
    for name in query_names {
        out = redact_pairs(&out, name);
    }
    out
}

fn redact_pairs(text: &str, name: &str) -> String {
    let needle = format!("{name}=");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&needle) {
        let value_start = at + needle.len();
        out.push_str(&rest[..value_start]);
        let tail = &rest[value_start..];
        let end = tail
            .find(['&', ' ', ')', '"', '\'', '#', '\n'])
            .unwrap_or(tail.len());
        if end > 0 {
            out.push_str(REDACTED);
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Every string of `value` (member names included) passed through [`redact`].
pub fn redact_value(
    value: serde_json::Value,
    secrets: &[&Secret],
    query_names: &[&str],
) -> serde_json::Value {
    use serde_json::Value;
    if secrets.iter().all(|s| s.0.is_empty()) && query_names.is_empty() {
        return value;
    }
    match value {
        Value::String(s) => Value::String(redact(&s, secrets, query_names)),
        Value::Array(items) => Value::Array(
            items
                .into_iter()
                .map(|v| redact_value(v, secrets, query_names))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    (
                        redact(&k, secrets, query_names),
                        redact_value(v, secrets, query_names),
                    )
                })
                .collect(),
        ),
        other => other,
    }
}

/// At most `max` characters of `text`, marked when cut; used for body excerpts in errors.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
