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

/// Shortest credential accepted where one is redacted from what a server sends (live mode,
/// the generated clients): a shorter one would match ordinary response text, so redaction
/// would hide the answer rather than the secret.
pub const MIN_SECRET_LEN: usize = 8;

/// Why a credential is refused: shorter than [`MIN_SECRET_LEN`] (and not empty; an empty one
/// is "not set"). The message names `what` (a variable or a setting), never the value.
pub fn check_len(what: &str, secret: &str) -> Result<(), String> {
    let len = secret.chars().count();
    match len {
        1.. if len < MIN_SECRET_LEN => Err(format!(
            "{what} is {len} character(s) long: credentials of at least {MIN_SECRET_LEN} \
             characters are needed, because a shorter one cannot be told apart from the \
             response text it is redacted from"
        )),
        _ => Ok(()),
    }
}

/// Remove secrets from `text`: every occurrence of a secret value in any form it takes on the
/// wire (raw, percent-encoded in either hex case, `+` for a space as forms write it,
/// JSON-escaped, and base64 of its bytes, standard or URL-safe, padded or not, itself raw or
/// percent-encoded), and the value of every `name=value` pair whose name is one of
/// `query_names` (a URL carrying a token in its query string, as transport errors print it).
pub fn redact(text: &str, secrets: &[&Secret], query_names: &[&str]) -> String {
    Redactor::new(secrets, query_names).redact(text)
}

/// [`redact`] with the forms of each secret worked out once, for redacting many texts.
#[derive(Clone, Default)]
pub struct Redactor {
    forms: Vec<Vec<u8>>,
    query_names: Vec<String>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Redactor")
    }
}

impl Redactor {
    pub fn new(secrets: &[&Secret], query_names: &[&str]) -> Self {
        Redactor {
            forms: secrets
                .iter()
                .filter(|s| !s.0.is_empty())
                .flat_map(|s| wire_forms(s.0.as_bytes()))
                .collect(),
            query_names: query_names.iter().map(|n| n.to_string()).collect(),
        }
    }

    /// A text cut by someone else (`...` or `…` where it was cut) may end a secret early:
    /// a start of a secret's form, at least [`MIN_CUT_PREFIX`] bytes of it, right before a
    /// cut mark is redacted too.
    fn redact_cut(&self, text: &str) -> Option<String> {
        let bytes = text.as_bytes();
        let marks: Vec<usize> = text
            .match_indices("...")
            .chain(text.match_indices('…'))
            .map(|(at, _)| at)
            .collect();
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        for end in marks {
            let longest = self.forms.iter().map(|f| f.len() * 6).max().unwrap_or(0);
            let start = (end.saturating_sub(longest)..end).find(|&s| {
                text.is_char_boundary(s)
                    && self.forms.iter().any(|f| {
                        prefix_until(bytes, s, end, f).is_some_and(|n| n >= MIN_CUT_PREFIX)
                    })
            });
            if let Some(start) = start {
                cuts.push((start, end));
            }
        }
        if cuts.is_empty() {
            return None;
        }
        cuts.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (start, end) in cuts {
            if start >= copied {
                out.push_str(&text[copied..start]);
                out.push_str(REDACTED);
                copied = end;
            }
        }
        out.push_str(&text[copied..]);
        Some(out)
    }

    /// Nothing to redact: every text comes back unchanged.
    pub fn is_idle(&self) -> bool {
        self.forms.is_empty() && self.query_names.is_empty()
    }

    pub fn redact(&self, text: &str) -> String {
        self.redact_cow(text).into_owned()
    }

    /// [`Redactor::redact`], borrowing `text` back when it holds nothing to redact.
    pub fn redact_cow<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for form in &self.forms {
            if let Some(redacted) = redact_encoded(&out, form) {
                out = Cow::Owned(redacted);
            }
        }
        if out.contains("...") || out.contains('…') {
            if let Some(cut) = self.redact_cut(&out) {
                out = Cow::Owned(cut);
            }
        }
        for name in &self.query_names {
            if out.contains(&format!("{name}=")) {
                out = Cow::Owned(redact_pairs(&out, name));
            }
        }
        out
    }
}

/// The byte strings a secret may be matched as, each in any escaping [`encoded_at`] knows:
/// the secret, then its base64 forms (longest first, so padding goes with its value).
fn wire_forms(secret: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![secret.to_vec()];
    for alphabet in [BASE64, BASE64_URL] {
        let padded = base64(secret, alphabet);
        let bare = padded.trim_end_matches('=').to_owned();
        forms.push(padded.into_bytes());
        forms.push(bare.into_bytes());
    }
    forms.dedup();
    forms
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE64_URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64(bytes: &[u8], alphabet: &[u8; 64]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(alphabet[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `text` with every occurrence of `secret` replaced, however each of its bytes is escaped;
/// `None` when there is none.
fn redact_encoded(text: &str, secret: &[u8]) -> Option<String> {
    // Most texts hold no escape at all: a plain search then.
    if !text.contains(['%', '+', '\\']) {
        let plain = std::str::from_utf8(secret).ok()?;
        return text.contains(plain).then(|| text.replace(plain, REDACTED));
    }
    let bytes = text.as_bytes();
    let mut out = String::new();
    let (mut copied, mut i) = (0, 0);
    while i < bytes.len() {
        match encoded_at(bytes, i, secret) {
            // A match starts and ends on whole characters (a raw byte of the secret could
            // also be the middle of one in the text).
            Some(end) if text.is_char_boundary(i) && text.is_char_boundary(end) => {
                out.push_str(&text[copied..i]);
                out.push_str(REDACTED);
                copied = end;
                i = end;
            }
            _ => i += 1,
        }
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some(out)
}

/// Shortest start of a secret redacted where a text was cut.
const MIN_CUT_PREFIX: usize = 4;

/// How many bytes of `secret` `text[at..end]` spells exactly (each escaped or not), if the
/// whole range is a start of it.
fn prefix_until(text: &[u8], at: usize, end: usize, secret: &[u8]) -> Option<usize> {
    let mut i = at;
    for (n, &want) in secret.iter().enumerate() {
        if i == end {
            return Some(n);
        }
        i += step(&text[..end], i, want)?;
    }
    (i == end).then_some(secret.len())
}

/// Where a match of `secret` starting at `at` ends, each byte raw, `%XX` (either case), `+`
/// for a space, or a JSON escape (`\/`, `\"`, `\\`, `\n`..., `\u00XX`).
fn encoded_at(text: &[u8], at: usize, secret: &[u8]) -> Option<usize> {
    let mut i = at;
    for &want in secret {
        i += step(text, i, want)?;
    }
    Some(i)
}

/// The length of the text at `i` spelling the byte `want`, raw or escaped.
fn step(text: &[u8], i: usize, want: u8) -> Option<usize> {
    Some(match text.get(i..)? {
        // Escapes first: a secret holding `%` or `\\` still matches its escaped form.
        [b'%', h, l, ..] if hex_byte(*h, *l) == Some(want) => 3,
        [b'\\', b'u', b'0', b'0', h, l, ..] if want < 0x80 && hex_byte(*h, *l) == Some(want) => 6,
        [b'\\', e, ..] if json_escape(*e) == Some(want) => 2,
        [b'+', ..] if want == b' ' => 1,
        [b, ..] if *b == want => 1,
        _ => return None,
    })
}

fn hex_byte(h: u8, l: u8) -> Option<u8> {
    let d = |c: u8| (c as char).to_digit(16);
    Some((d(h)? * 16 + d(l)?) as u8)
}

/// The byte a two-character JSON escape stands for.
fn json_escape(e: u8) -> Option<u8> {
    Some(match e {
        b'/' | b'"' | b'\\' => e,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'b' => 0x08,
        b'f' => 0x0c,
        _ => return None,
    })
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

/// Every string of `value` (member names included) passed through [`redact`]: the tree form
/// of what the redacting deserializer does while reading, its oracle.
#[cfg(any(test, feature = "oracle"))]
pub fn redact_value(
    value: serde_json::Value,
    secrets: &[&Secret],
    query_names: &[&str],
) -> serde_json::Value {
    Redactor::new(secrets, query_names).redact_value(value)
}

impl Redactor {
    /// Every string of `value` (member names included) passed through [`Redactor::redact`],
    /// in place: only a string holding a secret is rebuilt.
    pub fn redact_value(&self, mut value: serde_json::Value) -> serde_json::Value {
        if !self.is_idle() {
            self.redact_in_place(&mut value);
        }
        value
    }

    fn redact_in_place(&self, value: &mut serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::String(s) => self.replace(s),
            Value::Array(items) => items.iter_mut().for_each(|v| self.redact_in_place(v)),
            Value::Object(map) => {
                map.values_mut().for_each(|v| self.redact_in_place(v));
                let renamed: Vec<String> = map
                    .keys()
                    .filter(|k| matches!(self.redact_cow(k), Cow::Owned(_)))
                    .cloned()
                    .collect();
                for key in renamed {
                    if let Some(v) = map.remove(&key) {
                        map.insert(self.redact(&key), v);
                    }
                }
            }
            _ => {}
        }
    }

    fn replace(&self, s: &mut String) {
        if let Cow::Owned(out) = self.redact_cow(s) {
            *s = out;
        }
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
    fn every_wire_form_is_redacted_and_clean_text_is_borrowed() {
        let secret = Secret::new("a+b/c=d e%f");
        let r = Redactor::new(&[&secret], &[]);
        for form in [
            "a+b/c=d e%f",
            "a%2Bb%2Fc%3Dd%20e%25f",
            "a%2bb%2fc%3dd%20e%25f",
            "a%2Bb%2Fc%3Dd+e%25f",
            "a+b\\/c=d e%f",
            "a\\u002bb/c\\u003Dd e%f",
            "YStiL2M9ZCBlJWY=",
            "YStiL2M9ZCBlJWY",
            "YStiL2M9ZCBlJWY%3D",
        ] {
            let out = r.redact(&format!("<{form}>"));
            assert_eq!(out, "<[redacted]>", "{form}");
        }
        let url_safe = Redactor::new(&[&Secret::new("??>>??>>")], &[]);
        assert_eq!(url_safe.redact("Pz8-Pj8_Pj4="), "[redacted]");
        // A start of the secret where someone else cut the text.
        assert_eq!(r.redact("got `x a%2Bb%2F...`"), "got `x [redacted]...`");
        assert_eq!(r.redact("got `a+...`"), "got `a+...`", "too short a start");
        assert!(matches!(
            r.redact_cow("nothing + here %41"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn short_credentials_are_refused_by_name() {
        assert!(check_len("X_TOKEN", "").is_ok(), "empty is not set");
        assert!(check_len("X_TOKEN", "12345678").is_ok());
        let e = check_len("X_TOKEN", "t").expect_err("short");
        assert!(e.starts_with("X_TOKEN is 1 character(s) long"), "{e}");
        assert!(!e.contains(" t "), "{e}");
    }

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
