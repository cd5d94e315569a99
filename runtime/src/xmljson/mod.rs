//! XML-as-JSON read straight from the bytes: a serde `Deserializer` adapter that applies a
//! declared [`XmlJson`] mapping while the payload type is deserialized, so no `Value` tree
//! is built. `envelope::unwrap_xml_json` is the same mapping on a
//! tree; the tests hold one against the other.
//!
//! One member of lookahead makes the flattening streamable: an element whose first member
//! is the text key keeps that member's JSON text (borrowed, unparsed) until the next key
//! shows whether the element is only text (then the target reads that text with its own
//! hint: option, enum, newtype, `wire::string`…) or an object.
//!
//! Decoding stops at the first sign that the body is not a success (no root member, the
//! error element, a list member of the wrong kind); a second pass over the bytes,
//! [`envelope_error`], then says what the envelope reports, in the order the tree
//! unwrapping reports it.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::envelope::{EnvelopeError, ObjectOrKind, XmlJson};

/// A `Deserializer` whose every method is `self.hinted(Hint::…, visitor)`.
macro_rules! by_hint {
    () => {
        by_hint!(@plain deserialize_any Any, deserialize_bool Bool, deserialize_i8 I8,
            deserialize_i16 I16, deserialize_i32 I32, deserialize_i64 I64,
            deserialize_i128 I128, deserialize_u8 U8, deserialize_u16 U16,
            deserialize_u32 U32, deserialize_u64 U64, deserialize_u128 U128,
            deserialize_f32 F32, deserialize_f64 F64, deserialize_char Char,
            deserialize_str Str, deserialize_string String, deserialize_bytes Bytes,
            deserialize_byte_buf ByteBuf, deserialize_option Option, deserialize_unit Unit,
            deserialize_seq Seq, deserialize_map Map, deserialize_identifier Identifier,
            deserialize_ignored_any IgnoredAny);
        fn deserialize_unit_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.hinted(Hint::UnitStruct(name), v)
        }
        fn deserialize_newtype_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.hinted(Hint::NewtypeStruct(name), v)
        }
        fn deserialize_tuple<V: Visitor<'de>>(
            self,
            len: usize,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.hinted(Hint::Tuple(len), v)
        }
        fn deserialize_tuple_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            len: usize,
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.hinted(Hint::TupleStruct(name, len), v)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            name: &'static str,
            fields: &'static [&'static str],
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.hinted(Hint::Struct(name, fields), v)
        }
        fn deserialize_enum<V: Visitor<'de>>(
            self,
            name: &'static str,
            variants: &'static [&'static str],
            v: V,
        ) -> Result<V::Value, Self::Error> {
            self.hinted(Hint::Enum(name, variants), v)
        }
    };
    (@plain $($method:ident $hint:ident),*) => {
        $(fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Self::Error> {
            self.hinted(Hint::$hint, v)
        })*
    };
}

mod element;
mod root;

use root::{Body, TopShape};

/// Why the bytes did not give the payload.
#[derive(Debug)]
pub enum Failure {
    /// The envelope reports a failure, or the body does not have its shape.
    Envelope(EnvelopeError),
    /// Not JSON, or the payload does not have its type's shape.
    Decode(serde_json::Error),
}

/// The payload of an XML-as-JSON body (`list`: the list member's elements), decoded from
/// `bytes` as `envelope::unwrap_xml_json` would unwrap it. A
/// payload of [`IgnoredAny`] checks the envelope alone.
pub fn from_slice<'de, T: de::Deserialize<'de>>(
    bytes: &'de [u8],
    xml: &XmlJson,
    list: bool,
) -> Result<T, Failure> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let body = Body {
        cx: Cx { xml, root: false },
        list,
        seed: PhantomData::<T>,
    };
    let decoded = de.deserialize_any(body).and_then(|t| de.end().map(|()| t));
    decoded.map_err(|e| {
        // A body that is not JSON at all says so first, as when it was parsed in full.
        if let Err(syntax) = serde_json::from_slice::<IgnoredAny>(bytes) {
            return Failure::Decode(syntax);
        }
        match envelope_error(bytes, xml, list) {
            Some(envelope) => Failure::Envelope(envelope),
            None => Failure::Decode(e),
        }
    })
}

/// What an XML-as-JSON body reports instead of a payload (not an object, no root member or
/// not an object, the error element, a list member that is neither array nor object), read
/// in one pass; `None` for a success or a body that is not JSON.
pub fn envelope_error(bytes: &[u8], xml: &XmlJson, list: bool) -> Option<EnvelopeError> {
    let seed = ObjectOrKind(TopShape { xml, list });
    let mut de = serde_json::Deserializer::from_slice(bytes);
    match seed.deserialize(&mut de) {
        Ok(Ok(found)) => found,
        Ok(Err(kind)) => Some(EnvelopeError::Malformed(format!(
            "expected an object body, got {kind}"
        ))),
        Err(_) => None,
    }
}

/// Marks an aborted decoding; [`envelope_error`] says why.
const NOT_A_SUCCESS: &str = "the body is not the envelope of a success";

const TWICE: &str = "the root or list member appears twice";

/// Where the adapter is: the mapping, and whether the members are the root element's (where
/// the error element ends a success).
#[derive(Clone, Copy)]
struct Cx<'a> {
    xml: &'a XmlJson<'a>,
    root: bool,
}

impl<'a> Cx<'a> {
    fn nested(self) -> Self {
        Cx {
            root: false,
            ..self
        }
    }

    /// The next member name; at the root, the error element ends the decoding.
    fn key<'de, A: MapAccess<'de>>(self, map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
        let key = map.next_key_seed(Key)?;
        if self.root && key.as_deref() == Some(self.xml.error) {
            return Err(de::Error::custom(NOT_A_SUCCESS));
        }
        Ok(key)
    }

    /// A member's name as read: an attribute loses its prefix, the text key keeps its name.
    fn name(self, key: &str) -> &str {
        match key.strip_prefix(self.xml.attribute_prefix) {
            Some(attr) if !attr.is_empty() && key != self.xml.text_key => attr,
            _ => key,
        }
    }
}

/// A member name, borrowed from the bytes when it has no escapes.
#[derive(Clone, Copy)]
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }
    fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(s))
    }
    fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(s))
    }
}

#[cfg(test)]
mod tests;
