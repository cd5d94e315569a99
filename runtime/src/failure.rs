//! Which documented failure a body is, read from its bytes without a tree: one pass over the
//! top-level members keeps the JSON text of those the error cases name (and of the XML root
//! member), the cases are matched on them, and the chosen case's body is decoded from the
//! same bytes with every string redacted. `ErrorCase::matches` (tests and the `oracle`
//! feature) is the same rule on a tree.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::envelope::XmlJson;
use super::error::{ErrorCase, OpError};
use super::redacting::{Redact, Redacting};
use super::wire::literal;

/// Why no documented failure came out of a body.
#[derive(Debug)]
pub(crate) enum Unreadable {
    /// The body is not JSON.
    NotJson(serde_json::Error),
    /// The body has a case's shape but not its type.
    Case(serde_json::Error),
}

/// The first documented failure whose shape the body `bytes` has, received with `status`
/// (or, inside an XML-as-JSON envelope, whose shape the root member has), decoded with every
/// string and member name passed through `redact`.
pub(crate) fn documented<E: OpError>(
    status: u16,
    enveloped: bool,
    xml: Option<&XmlJson>,
    bytes: &[u8],
    redact: Redact,
) -> Result<Option<E>, Unreadable> {
    let root = xml.map(|x| x.root);
    let top = probe::<E>(bytes, root, redact).map_err(Unreadable::NotJson)?;
    let Some(top) = top else {
        return Ok(None);
    };
    let mut candidates = vec![(bytes, top.members)];
    if let Some(raw) = top.root {
        let text = raw.get().as_bytes();
        if let Some(inner) = probe::<E>(text, None, redact).map_err(Unreadable::NotJson)? {
            candidates.push((text, inner.members));
        }
    }
    for (text, members) in candidates {
        for (i, case) in E::CASES.iter().enumerate() {
            if !matches(case, status, enveloped, &members, redact).map_err(Unreadable::Case)? {
                continue;
            }
            let mut de = serde_json::Deserializer::from_slice(text);
            let decoded =
                E::decode(i, Redacting::new(&mut de, redact)).and_then(|e| de.end().map(|()| e));
            return decoded.map(Some).map_err(Unreadable::Case);
        }
    }
    Ok(None)
}

/// The top-level members the cases name, as JSON text, and the root member's.
struct Members<'de> {
    members: Vec<(&'static str, &'de RawValue)>,
    root: Option<&'de RawValue>,
}

/// One pass over `text`; `None` when it is not an object (no case matches it).
fn probe<'de, E: OpError>(
    text: &'de [u8],
    root: Option<&str>,
    redact: Redact,
) -> Result<Option<Members<'de>>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_slice(text);
    let object = text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    if !object {
        IgnoredAny::deserialize(&mut de)?;
        de.end()?;
        return Ok(None);
    }
    let found = de.deserialize_map(Probe {
        cases: E::CASES,
        root,
        redact,
    })?;
    de.end()?;
    Ok(Some(found))
}

struct Probe<'a> {
    cases: &'static [ErrorCase],
    root: Option<&'a str>,
    redact: Redact<'a>,
}

impl Probe<'_> {
    /// The member name as a case spells it, if any case names `key`.
    fn named(&self, key: &str) -> Option<&'static str> {
        self.cases.iter().find_map(|c| {
            c.has_fields
                .iter()
                .copied()
                .chain(c.equals.iter().map(|(f, _)| *f))
                .find(|f| *f == key)
        })
    }
}

impl<'de> Visitor<'de> for Probe<'_> {
    type Value = Members<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
        let mut found = Members {
            members: Vec::new(),
            root: None,
        };
        while let Some(key) = map.next_key::<Cow<'_, str>>()? {
            // Names are matched as redacted, as the tree was.
            let key = (self.redact)(&key).map_or(key, Cow::Owned);
            let name = self.named(&key);
            let is_root = self.root == Some(&*key);
            if name.is_none() && !is_root {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let raw: &'de RawValue = map.next_value()?;
            if let Some(name) = name {
                found.members.retain(|(n, _)| *n != name);
                found.members.push((name, raw));
            }
            if is_root {
                found.root = Some(raw);
            }
        }
        Ok(found)
    }
}

/// `ErrorCase::matches` on the members' JSON text.
fn matches(
    case: &ErrorCase,
    status: u16,
    enveloped: bool,
    members: &[(&str, &RawValue)],
    redact: Redact,
) -> Result<bool, serde_json::Error> {
    let get = |f: &str| members.iter().find(|(n, _)| *n == f).map(|m| m.1);
    if !case.status_matches(status, enveloped) || !case.has_fields.iter().all(|f| get(f).is_some())
    {
        return Ok(false);
    }
    for (f, text) in case.equals {
        let Some(raw) = get(f) else {
            return Ok(false);
        };
        if !equal(raw, &literal(text), redact)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Whether a member's JSON text is the literal's value (as redacted). Only a compound
/// literal reads a compound member into a tree; a scalar literal never equals one.
fn equal(raw: &RawValue, literal: &Value, redact: Redact) -> Result<bool, serde_json::Error> {
    let text = raw.get().trim_start();
    let compound = text.starts_with(['{', '[']);
    if compound && !(literal.is_object() || literal.is_array()) {
        return Ok(false);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Value::deserialize(Redacting::new(&mut de, redact))?;
    Ok(value == *literal)
}

#[cfg(test)]
pub(crate) mod tests;
