//! Credentials: a string that never shows itself in `Debug` or `Display`, and the redaction
//! of secrets from free text (error messages, body excerpts, URLs).

use std::borrow::Cow;
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

/// `text` with its JSON `\uXXXX` escapes decoded (other escapes kept as written), so that
/// [`redact`] recognises a credential a server echoed escaped in a raw body excerpt.
pub fn unescape_json_u(text: &str) -> Cow<'_, str> {
    if !text.contains("\\u") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\\') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let used = match u_escape(tail) {
            Some((c, used)) => {
                out.push(c);
                used
            }
            // The backslash and what it escapes, as written (`\\` is not the start of one).
            None => {
                let used = 1 + tail[1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&tail[..used]);
                used
            }
        };
        rest = &tail[used..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a `\uXXXX` escape (or surrogate pair) at the start of `t` stands for, and
/// its length.
fn u_escape(t: &str) -> Option<(char, usize)> {
    let hex = |s: &str| {
        let h = s.strip_prefix("\\u")?.get(..4)?;
        u32::from_str_radix(h, 16)
            .ok()
            .filter(|_| h.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let high = hex(t)?;
    if !(0xD800..0xDC00).contains(&high) {
        return char::from_u32(high).map(|c| (c, 6));
    }
    let low = hex(t.get(6..)?).filter(|l| (0xDC00..0xE000).contains(l))?;
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)).map(|c| (c, 12))
}

/// At most `max` characters of `text`, marked when cut; used for body excerpts in errors.
pub fn excerpt(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_credentials_are_recognised_in_raw_text() {
        let secret = Secret::new("tok3n");
        let raw = r#"{"a":"\u0074ok3n","b":"\\u0074ok3n","c":"\ud83d\ude00 \u00e9 \ud800x \u12"}"#;
        let text = unescape_json_u(raw);
        assert_eq!(
            text,
            r#"{"a":"tok3n","b":"\\u0074ok3n","c":"😀 é \ud800x \u12"}"#
        );
        assert!(!redact(&text, &[&secret], &[]).contains("tok3n"));
        assert!(matches!(
            unescape_json_u("no escapes \\n"),
            Cow::Borrowed(_)
        ));
    }
}
