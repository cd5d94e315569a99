//! The root, list and error steps: the root member taken, a list member read as a list
//! (one element or none as well), and the error element read by its declared members.

use std::fmt;

use serde::de::value::{SeqDeserializer, UnitDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::element::{Element, FlatSeed, FlatSeq, Hint};
use super::{Cx, Key, NOT_A_SUCCESS, TWICE};
use crate::envelope::{EnvelopeError, ObjectOrKind, OnObject, Scalar, XmlErrorFields, XmlJson};

/// The body: the payload under the root member; other members are ignored.
pub(super) struct Body<'a, S> {
    pub(super) cx: Cx<'a>,
    pub(super) list: bool,
    pub(super) seed: S,
}

impl<'a, 'de, S: DeserializeSeed<'de>> Visitor<'de> for Body<'a, S> {
    type Value = S::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S::Value, A::Error> {
        let (cx, list) = (self.cx, self.list);
        let mut seed = Some(self.seed);
        let mut out = None;
        while let Some(key) = map.next_key_seed(Key)? {
            match seed.take() {
                Some(s) if key == cx.xml.root => {
                    out = Some(map.next_value_seed(Root { cx, list, seed: s })?)
                }
                // Which of two roots is meant is not for the client to guess.
                None if key == cx.xml.root => return Err(de::Error::custom(TWICE)),
                s => {
                    seed = s;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        out.ok_or_else(|| de::Error::custom(NOT_A_SUCCESS))
    }
}

/// The root element: the payload itself, or the list member's elements.
pub(super) struct Root<'a, S> {
    pub(super) cx: Cx<'a>,
    pub(super) list: bool,
    pub(super) seed: S,
}

impl<'a, 'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Root<'a, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'a, 'de, S: DeserializeSeed<'de>> Visitor<'de> for Root<'a, S> {
    type Value = S::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<S::Value, A::Error> {
        let cx = Cx {
            root: true,
            ..self.cx
        };
        if !self.list {
            return self.seed.deserialize(Element { map, cx });
        }
        let mut seed = Some(self.seed);
        let mut out = None;
        while let Some(key) = cx.key(&mut map)? {
            match seed.take() {
                Some(s) if key == cx.xml.list => {
                    let cx = cx.nested();
                    out = Some(map.next_value_seed(ListSeed { seed: s, cx })?);
                }
                None if key == cx.xml.list => return Err(de::Error::custom(TWICE)),
                s => {
                    seed = s;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match (out, seed) {
            (Some(out), _) => Ok(out),
            // No list member: no elements, as for `null`.
            (None, Some(s)) => s.deserialize(List {
                d: UnitDeserializer::new(),
                cx,
            }),
            (None, None) => Err(de::Error::custom(NOT_A_SUCCESS)),
        }
    }
}

/// The list member: an array, a single element or `null`, read as a sequence.
pub(super) struct ListSeed<'a, S> {
    pub(super) seed: S,
    pub(super) cx: Cx<'a>,
}

impl<'a, 'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ListSeed<'a, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(List { d, cx: self.cx })
    }
}

pub(super) struct List<'a, D> {
    pub(super) d: D,
    pub(super) cx: Cx<'a>,
}

impl<'a, 'de, D: Deserializer<'de>> List<'a, D> {
    fn hinted<V: Visitor<'de>>(self, hint: Hint, v: V) -> Result<V::Value, D::Error> {
        match hint {
            // Even an absent or `null` list is a list.
            Hint::Option => v.visit_some(self),
            Hint::NewtypeStruct(_) => v.visit_newtype_struct(self),
            _ => self.d.deserialize_any(ListVisitor { v, cx: self.cx }),
        }
    }
}

impl<'a, 'de, D: Deserializer<'de>> Deserializer<'de> for List<'a, D> {
    type Error = D::Error;
    by_hint!();
}

pub(super) struct ListVisitor<'a, V> {
    pub(super) v: V,
    pub(super) cx: Cx<'a>,
}

impl<'a, 'de, V: Visitor<'de>> Visitor<'de> for ListVisitor<'a, V> {
    type Value = V::Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array, an object or null")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.v.visit_seq(FlatSeq { seq, cx: self.cx })
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.v.visit_seq(One {
            map: Some(map),
            cx: self.cx,
        })
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.v
            .visit_seq(SeqDeserializer::new(std::iter::empty::<()>()))
    }
}

/// A list member that is one object: a list of one element.
pub(super) struct One<'a, A> {
    pub(super) map: Option<A>,
    pub(super) cx: Cx<'a>,
}

impl<'a, 'de, A: MapAccess<'de>> SeqAccess<'de> for One<'a, A> {
    type Error = A::Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        match self.map.take() {
            Some(map) => seed.deserialize(Element { map, cx: self.cx }).map(Some),
            None => Ok(None),
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(usize::from(self.map.is_some()))
    }
}

/// Skips an object.
pub(super) struct Skip;

impl<'de> OnObject<'de> for Skip {
    type Out = ();
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// The body's members, for [`envelope_error`].
pub(super) struct TopShape<'a> {
    pub(super) xml: &'a XmlJson<'a>,
    pub(super) list: bool,
}

impl<'de> OnObject<'de> for TopShape<'_> {
    type Out = Option<EnvelopeError>;
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Out, A::Error> {
        let root = self.xml.root;
        let mut found = None;
        while let Some(key) = map.next_key_seed(Key)? {
            if key == root {
                let shape = RootShape {
                    xml: self.xml,
                    list: self.list,
                };
                found = Some(map.next_value_seed(ObjectOrKind(shape))?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(match found {
            None => Some(EnvelopeError::Malformed(format!(
                "body has no `{root}` member"
            ))),
            Some(Err(kind)) => Some(EnvelopeError::Malformed(format!(
                "`{root}` should be an object, got {kind}"
            ))),
            Some(Ok(found)) => found,
        })
    }
}

/// The root element's members: the error element, then the list member's kind.
pub(super) struct RootShape<'a> {
    pub(super) xml: &'a XmlJson<'a>,
    pub(super) list: bool,
}

impl<'de> OnObject<'de> for RootShape<'_> {
    type Out = Option<EnvelopeError>;
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Out, A::Error> {
        let xml = self.xml;
        let cx = Cx { xml, root: false };
        let (mut error, mut list_kind) = (None, None);
        while let Some(key) = map.next_key_seed(Key)? {
            if key == xml.error {
                let seed = ErrorElement(&xml.error_fields);
                error = Some(map.next_value_seed(FlatSeed { seed, cx })?);
            } else if self.list && key == xml.list {
                list_kind = Some(map.next_value_seed(ObjectOrKind(Skip))?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(error.or(match list_kind {
            Some(Err(kind)) if kind != "an array" && kind != "null" => {
                Some(EnvelopeError::Malformed(format!(
                    "`{}.{}` should be an array or object, got {kind}",
                    xml.root, xml.list
                )))
            }
            _ => None,
        }))
    }
}

/// The error element, flattened, read by the declared member names.
pub(super) struct ErrorElement<'a>(&'a XmlErrorFields<'a>);

impl<'de> DeserializeSeed<'de> for ErrorElement<'_> {
    type Value = EnvelopeError;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<EnvelopeError, D::Error> {
        d.deserialize_any(self)
    }
}

impl ErrorElement<'_> {
    fn error(kind: Option<String>, object: Option<String>, message: String) -> EnvelopeError {
        EnvelopeError::XmlJson {
            kind: kind.unwrap_or_else(|| "unknown".to_string()),
            object,
            message,
        }
    }
}

impl<'de> Visitor<'de> for ErrorElement<'_> {
    type Value = EnvelopeError;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an error element")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EnvelopeError, A::Error> {
        let fields = self.0;
        let (mut kind, mut object, mut message) = (None, None, None);
        while let Some(key) = map.next_key_seed(Key)? {
            let is_kind = key == fields.kind;
            let is_object = fields.object == Some(&*key);
            let is_message = key == fields.message;
            if !(is_kind || is_object || is_message) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let text = map.next_value::<Scalar>()?.into_text();
            if is_kind {
                kind.clone_from(&text);
            }
            if is_object {
                object.clone_from(&text);
            }
            if is_message {
                message = text;
            }
        }
        Ok(Self::error(kind, object, message.unwrap_or_default()))
    }
    fn visit_str<E>(self, s: &str) -> Result<EnvelopeError, E> {
        Ok(Self::error(None, None, s.to_owned()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<EnvelopeError, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Self::error(None, None, String::new()))
    }
    fn visit_bool<E>(self, _: bool) -> Result<EnvelopeError, E> {
        Ok(Self::error(None, None, String::new()))
    }
    fn visit_i64<E>(self, _: i64) -> Result<EnvelopeError, E> {
        Ok(Self::error(None, None, String::new()))
    }
    fn visit_u64<E>(self, _: u64) -> Result<EnvelopeError, E> {
        Ok(Self::error(None, None, String::new()))
    }
    fn visit_f64<E>(self, _: f64) -> Result<EnvelopeError, E> {
        Ok(Self::error(None, None, String::new()))
    }
    fn visit_unit<E>(self) -> Result<EnvelopeError, E> {
        Ok(Self::error(None, None, String::new()))
    }
}
