//! The streaming mapping held against the tree one ([`unwrap_xml_json`] then
//! `serde_json::from_value`), on hand-picked bodies and on seeded random ones, decoded into a
//! `Value` and into typed payloads.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::{from_slice, Failure};
use crate::envelope::test_mappings::{AT, DOLLAR};
use crate::envelope::{unwrap_xml_json, EnvelopeError, XmlJson};
use crate::Nullable;

/// What one path made of a body: the payload, the envelope's failure, or "does not decode".
#[derive(Debug, PartialEq)]
enum Outcome<T> {
    Payload(T),
    Envelope(EnvelopeError),
    Undecodable,
}

fn by_tree<T: DeserializeOwned>(bytes: &[u8], xml: &XmlJson, list: bool) -> Outcome<T> {
    let Ok(body) = serde_json::from_slice::<Value>(bytes) else {
        return Outcome::Undecodable;
    };
    match unwrap_xml_json(body, xml, list) {
        Err(e) => Outcome::Envelope(e),
        Ok(payload) => match serde_json::from_value(payload) {
            Ok(t) => Outcome::Payload(t),
            Err(_) => Outcome::Undecodable,
        },
    }
}

fn streamed<T: DeserializeOwned>(bytes: &[u8], xml: &XmlJson, list: bool) -> Outcome<T> {
    match from_slice(bytes, xml, list) {
        Ok(t) => Outcome::Payload(t),
        Err(Failure::Envelope(e)) => Outcome::Envelope(e),
        Err(Failure::Decode(_)) => Outcome::Undecodable,
    }
}

/// Both paths agree on `bytes` for a payload of type `T`, in both list modes; returns
/// whether the streaming one gave a payload.
fn agree<T: DeserializeOwned + PartialEq + std::fmt::Debug>(bytes: &[u8], xml: &XmlJson) -> bool {
    let mut decoded = false;
    for list in [false, true] {
        let expected = by_tree::<T>(bytes, xml, list);
        let got = streamed::<T>(bytes, xml, list);
        assert_eq!(
            got,
            expected,
            "list={list} body {}",
            String::from_utf8_lossy(bytes)
        );
        decoded |= matches!(got, Outcome::Payload(_));
        // A unit payload only checks the envelope.
        let envelope_only = match by_tree::<Value>(bytes, xml, list) {
            Outcome::Envelope(e) => Some(e),
            _ => None,
        };
        let got = match from_slice::<serde::de::IgnoredAny>(bytes, xml, list) {
            Err(Failure::Envelope(e)) => Some(e),
            _ => None,
        };
        assert_eq!(got, envelope_only, "unit, list={list}");
    }
    decoded
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Daily,
    Weekly,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Label(String);

/// A payload the way generated models read one: options, a string enum, a number sent as a
/// string, a tri-state, a newtype, a list, a nested element.
#[derive(Debug, PartialEq, Deserialize)]
struct Item {
    label: Option<Label>,
    id: Option<String>,
    #[serde(default, with = "crate::wire::string")]
    n: Option<i64>,
    kind: Option<Kind>,
    lang: Option<String>,
    #[serde(default)]
    note: Nullable<String>,
    tags: Option<Vec<String>>,
    sub: Option<Box<Item>>,
}

#[test]
fn hand_picked_bodies_agree() {
    let bodies = [
        json!({"doc": {"$lang": "en", "elem": [{"id": {"$": "14"}, "name": {"$": "x"}}]}}),
        json!({"doc": {"elem": {"id": {"$": "1"}}}}),
        json!({"doc": {}}),
        json!({"doc": {"elem": null}}),
        json!({"doc": {"elem": 3}}),
        json!({"doc": {"elem": "x"}}),
        json!({"doc": {"elem": [1, "x", null, {"$": "t"}]}}),
        json!({"doc": {"$": "only text"}}),
        json!({"doc": {"$": "text", "error": {"$type": "access"}}}),
        json!({"doc": {"elem": [], "error": {"$type": "access", "$object": "elid", "msg": {"$": "denied"}}}}),
        json!({"doc": {"error": {"$": "just text"}}}),
        json!({"doc": {"error": "plain"}}),
        json!({"doc": {"error": 7}}),
        json!({"doc": {"error": {"$type": {"a": {"$": "b"}}, "msg": [1, {"$x": 2}], "$object": null}}}),
        json!({"doc": {"elem": 3, "error": {"$type": "t"}}}),
        json!({"doc": {"error": {"$type": "t"}, "elem": 3}}),
        json!({"doc": 1}),
        json!({"doc": null}),
        json!({"other": {}}),
        json!({"other": 1, "doc": {"elem": {"$": "t", "$a": "1"}}}),
        json!([{"doc": {}}]),
        json!("doc"),
        json!(null),
        json!({"doc": {"a": {"$": {"$": "inner"}}, "b": {"$": "t", "c": {"$": "u"}}}}),
        json!({"doc": {"$": "", "x": {"$": null}, "$": 1}}),
        json!({"doc": {"e": {"$lang": "ru", "$": "text"}}}),
        json!({"doc": {"elem": [{"id": {"$": "1"}, "n": {"$": "12"}, "kind": {"$": "daily"}, "$lang": "en", "note": {"$": null}, "label": {"$": "L"}, "tags": [{"$": "a"}, "b"], "sub": {"id": "2", "kind": "weekly"}}]}}),
        json!({"doc": {"elem": {"n": "x"}}}),
        json!({"doc": {"elem": {"kind": {"$": "monthly"}}}}),
        json!({"doc": {"elem": {"kind": {"$": "daily", "$at": "1"}}}}),
        json!({"response": {"@lang": "en", "item": [{"@id": "5", "name": {"#text": "nightly"}, "$kind": "kept"}]}}),
        json!({"response": {"fault": {"@code": "42", "text": {"#text": "no such item"}, "$object": "x"}}}),
    ];
    for body in &bodies {
        let bytes = serde_json::to_vec(body).expect("serializes");
        for xml in [&DOLLAR, &AT] {
            agree::<Value>(&bytes, xml);
            agree::<Vec<Value>>(&bytes, xml);
            agree::<Item>(&bytes, xml);
            agree::<Vec<Item>>(&bytes, xml);
            agree::<Option<Vec<Option<Item>>>>(&bytes, xml);
            agree::<String>(&bytes, xml);
        }
    }
    // Not JSON, or JSON with more after it, is undecodable on both paths, even when the
    // error element comes before the fault.
    for text in [
        &b"{\"doc\":{\"error\":{}}} x"[..],
        b"{\"doc\":{\"error\":{}},",
        b"{\"doc\":{}}}",
    ] {
        agree::<Value>(text, &DOLLAR);
        assert!(matches!(
            streamed::<Value>(text, &DOLLAR, true),
            Outcome::Undecodable
        ));
    }
    // Two roots or two lists: no payload is guessed (the tree keeps the last).
    for text in [
        &br#"{"doc":{"elem":[]},"doc":{"elem":[{"id":"1"}]}}"#[..],
        br#"{"doc":{"elem":[],"elem":[{"id":"1"}]}}"#,
    ] {
        assert!(matches!(
            streamed::<Vec<Value>>(text, &DOLLAR, true),
            Outcome::Undecodable
        ));
    }
    // Escaped names and texts are read as the tree reads them.
    agree::<Value>(
        br#"{"d\u006fc":{"\u0024lang":"e\u006e","elem":{"\u0024":"\u00e9"}}}"#,
        &DOLLAR,
    );
}

#[test]
fn typed_payloads_decode_through_text_elements() {
    let body = br#"{"doc":{"elem":[{"id":{"$":"1"},"n":{"$":"12"},"kind":{"$":"daily"},"$lang":"en","note":{"$":null},"label":{"$":"L"},"tags":[{"$":"a"},"b"],"sub":{"id":"2","kind":"weekly","n":3}}]}}"#;
    let Outcome::Payload(items) = streamed::<Vec<Item>>(body, &DOLLAR, true) else {
        panic!("decodes");
    };
    let sub = Item {
        label: None,
        id: Some("2".into()),
        n: Some(3),
        kind: Some(Kind::Weekly),
        lang: None,
        note: Nullable::Absent,
        tags: None,
        sub: None,
    };
    let item = Item {
        label: Some(Label("L".into())),
        id: Some("1".into()),
        n: Some(12),
        kind: Some(Kind::Daily),
        lang: Some("en".into()),
        note: Nullable::Null,
        tags: Some(vec!["a".into(), "b".into()]),
        sub: Some(Box::new(sub)),
    };
    assert_eq!(items, vec![item]);
}

/// xorshift64*: reproducible bodies without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

/// Random bodies in one mapping's vocabulary: text keys, attributes, single or repeated
/// list elements, error elements, nested text elements, and the names the typed payload reads.
struct Gen<'a> {
    rng: Rng,
    xml: &'a XmlJson<'a>,
}

impl Gen<'_> {
    fn scalar(&mut self) -> Value {
        match self.rng.below(8) {
            0 => Value::Null,
            1 => json!(self.rng.below(2) == 0),
            2 => json!(self.rng.below(100)),
            3 => json!(-1.5),
            4 => json!(self.rng.pick(&["daily", "weekly", "monthly"])),
            5 => json!(self.rng.below(50).to_string()),
            _ => json!(self.rng.pick(&["a", "", "x y", "é", "$"])),
        }
    }

    fn text(&mut self, depth: u32) -> Value {
        let mut m = Map::new();
        m.insert(self.xml.text_key.into(), self.value(depth));
        if self.rng.below(4) == 0 {
            let attr = format!("{}at", self.xml.attribute_prefix);
            m.insert(attr, self.scalar());
        }
        Value::Object(m)
    }

    fn object(&mut self, depth: u32) -> Value {
        let names = [
            "id", "n", "kind", "note", "label", "tags", "sub", "name", "lang", "msg", "type",
        ];
        let mut m = Map::new();
        for _ in 0..self.rng.below(5) {
            let name = self.rng.pick(&names);
            let key = match self.rng.below(4) {
                0 => format!("{}{name}", self.xml.attribute_prefix),
                1 if depth < 2 => self.xml.error.to_string(),
                _ => name.to_string(),
            };
            // Renamed attributes never meet a member of the same name here: the tree
            // keeps one of them, a typed payload refuses both (a separate case).
            let bare = key.strip_prefix(self.xml.attribute_prefix).unwrap_or(&key);
            if m.contains_key(bare)
                || m.contains_key(&format!("{}{bare}", self.xml.attribute_prefix))
            {
                continue;
            }
            let value = self.value(depth + 1);
            m.insert(key, value);
        }
        if self.rng.below(3) == 0 {
            m.insert(self.xml.text_key.into(), self.value(depth + 1));
        }
        Value::Object(m)
    }

    fn value(&mut self, depth: u32) -> Value {
        if depth > 3 {
            return self.scalar();
        }
        match self.rng.below(7) {
            0 | 1 => self.scalar(),
            2 | 3 => self.text(depth + 1),
            4 => {
                let n = self.rng.below(3);
                Value::Array((0..n).map(|_| self.value(depth + 1)).collect())
            }
            _ => self.object(depth + 1),
        }
    }

    fn body(&mut self) -> Value {
        let mut root = match self.rng.below(10) {
            0 => return self.value(1),
            1 => return json!({"other": self.value(1)}),
            2 => self.value(1),
            _ => self.object(0),
        };
        if let Value::Object(m) = &mut root {
            match self.rng.below(4) {
                0 => {
                    let n = self.rng.below(4);
                    let items = (0..n).map(|_| self.object(1)).collect();
                    m.insert(self.xml.list.into(), Value::Array(items));
                }
                1 => {
                    let one = self.object(1);
                    m.insert(self.xml.list.into(), one);
                }
                2 => {
                    let other = self.value(2);
                    m.insert(self.xml.list.into(), other);
                }
                _ => {}
            }
        }
        let mut top = Map::new();
        if self.rng.below(4) == 0 {
            top.insert("other".into(), self.scalar());
        }
        top.insert(self.xml.root.into(), root);
        Value::Object(top)
    }
}

#[test]
fn random_bodies_agree_with_the_tree_unwrapping() {
    for (seed, xml) in [
        (0x9E37_79B9_7F4A_7C15, &DOLLAR),
        (0xD1B5_4A32_D192_ED03, &AT),
    ] {
        let mut g = Gen {
            rng: Rng(seed),
            xml,
        };
        let (mut typed, mut kinds) = (0, [0; 3]);
        for _ in 0..1500 {
            let body = g.body();
            let bytes = serde_json::to_vec(&body).expect("serializes");
            agree::<Value>(&bytes, xml);
            kinds[match streamed::<Value>(&bytes, xml, true) {
                Outcome::Payload(_) => 0,
                Outcome::Envelope(EnvelopeError::XmlJson { .. }) => 1,
                _ => 2,
            }] += 1;
            if agree::<Vec<Item>>(&bytes, xml) | agree::<Item>(&bytes, xml) {
                typed += 1;
            }
            agree::<Option<Vec<Option<Item>>>>(&bytes, xml);
        }
        // The typed comparisons are not all about failures.
        assert!(typed > 100, "{typed} typed payloads decoded");
        // Successes, error elements and malformed envelopes all come up.
        assert!(kinds.iter().all(|&k| k > 100), "{kinds:?}");
    }
}
