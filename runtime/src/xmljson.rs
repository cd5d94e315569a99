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

use serde::de::value::{
    BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, SeqDeserializer,
    StrDeserializer, StringDeserializer, UnitDeserializer,
};
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};
use serde_json::value::RawValue;

use super::envelope::{EnvelopeError, Kinded, OnObject, Scalar, XmlErrorFields, XmlJson};

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
    let seed = Kinded(TopShape { xml, list });
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

/// Which `deserialize_*` the target called, to call it again on an element's text.
#[derive(Clone, Copy)]
enum Hint {
    Any,
    Bool,
    I8,
    I16,
    I32,
    I64,
    I128,
    U8,
    U16,
    U32,
    U64,
    U128,
    F32,
    F64,
    Char,
    Str,
    String,
    Bytes,
    ByteBuf,
    Option,
    Unit,
    UnitStruct(&'static str),
    NewtypeStruct(&'static str),
    Seq,
    Tuple(usize),
    TupleStruct(&'static str, usize),
    Map,
    Struct(&'static str, &'static [&'static str]),
    Enum(&'static str, &'static [&'static str]),
    Identifier,
    IgnoredAny,
}

impl Hint {
    fn dispatch<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        self,
        d: D,
        v: V,
    ) -> Result<V::Value, D::Error> {
        match self {
            Hint::Any => d.deserialize_any(v),
            Hint::Bool => d.deserialize_bool(v),
            Hint::I8 => d.deserialize_i8(v),
            Hint::I16 => d.deserialize_i16(v),
            Hint::I32 => d.deserialize_i32(v),
            Hint::I64 => d.deserialize_i64(v),
            Hint::I128 => d.deserialize_i128(v),
            Hint::U8 => d.deserialize_u8(v),
            Hint::U16 => d.deserialize_u16(v),
            Hint::U32 => d.deserialize_u32(v),
            Hint::U64 => d.deserialize_u64(v),
            Hint::U128 => d.deserialize_u128(v),
            Hint::F32 => d.deserialize_f32(v),
            Hint::F64 => d.deserialize_f64(v),
            Hint::Char => d.deserialize_char(v),
            Hint::Str => d.deserialize_str(v),
            Hint::String => d.deserialize_string(v),
            Hint::Bytes => d.deserialize_bytes(v),
            Hint::ByteBuf => d.deserialize_byte_buf(v),
            Hint::Option => d.deserialize_option(v),
            Hint::Unit => d.deserialize_unit(v),
            Hint::UnitStruct(n) => d.deserialize_unit_struct(n, v),
            Hint::NewtypeStruct(n) => d.deserialize_newtype_struct(n, v),
            Hint::Seq => d.deserialize_seq(v),
            Hint::Tuple(len) => d.deserialize_tuple(len, v),
            Hint::TupleStruct(n, len) => d.deserialize_tuple_struct(n, len, v),
            Hint::Map => d.deserialize_map(v),
            Hint::Struct(n, fields) => d.deserialize_struct(n, fields, v),
            Hint::Enum(n, variants) => d.deserialize_enum(n, variants, v),
            Hint::Identifier => d.deserialize_identifier(v),
            Hint::IgnoredAny => d.deserialize_ignored_any(v),
        }
    }
}

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

/// One value inside the envelope, flattened as it is read.
struct Flat<'a, D> {
    d: D,
    cx: Cx<'a>,
}

impl<'a, 'de, D: Deserializer<'de>> Flat<'a, D> {
    fn hinted<V: Visitor<'de>>(self, hint: Hint, v: V) -> Result<V::Value, D::Error> {
        let cx = self.cx;
        match hint {
            // Nothing inside is renamed or failed on: skipped as it is.
            Hint::IgnoredAny => self.d.deserialize_ignored_any(v),
            Hint::NewtypeStruct(name) => self
                .d
                .deserialize_newtype_struct(name, Wrap { v, hint, cx }),
            // Anything may be an element that turns out to be a scalar: read what is there.
            _ => self.d.deserialize_any(Wrap { v, hint, cx }),
        }
    }
}

impl<'a, 'de, D: Deserializer<'de>> Deserializer<'de> for Flat<'a, D> {
    type Error = D::Error;
    by_hint!();
}

struct FlatSeed<'a, S> {
    seed: S,
    cx: Cx<'a>,
}

impl<'a, 'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FlatSeed<'a, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Flat { d, cx: self.cx })
    }
}

struct FlatSeq<'a, A> {
    seq: A,
    cx: Cx<'a>,
}

impl<'a, 'de, A: SeqAccess<'de>> SeqAccess<'de> for FlatSeq<'a, A> {
    type Error = A::Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let cx = self.cx;
        self.seq.next_element_seed(FlatSeed { seed, cx })
    }
    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// The target's visitor, given what the JSON holds: a scalar as it is (or as `Some`, or as
/// a unit variant, when the target asked for that), an object as an element.
struct Wrap<'a, V> {
    v: V,
    hint: Hint,
    cx: Cx<'a>,
}

/// A scalar handed to the target's visitor as the hint asks.
macro_rules! scalar {
    ($($method:ident $ty:ty),*) => {
        $(fn $method<E: de::Error>(self, x: $ty) -> Result<V::Value, E> {
            match self.hint {
                Hint::Option => self.v.visit_some(Replay(x.into_deserializer())),
                _ => self.v.$method(x),
            }
        })*
    };
}

/// What was already read (a scalar, a sequence), handed on as `Some`'s content: a newtype
/// or option inside reads it as serde_json would have, the rest as the value it is.
struct Replay<D>(D);

impl<'de, D: Deserializer<'de>> Replay<D> {
    fn hinted<V: Visitor<'de>>(self, hint: Hint, v: V) -> Result<V::Value, D::Error> {
        match hint {
            Hint::Option => v.visit_some(self),
            Hint::NewtypeStruct(_) => v.visit_newtype_struct(self),
            _ => hint.dispatch(self.0, v),
        }
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Replay<D> {
    type Error = D::Error;
    by_hint!();
}

impl<'a, 'de, V: Visitor<'de>> Visitor<'de> for Wrap<'a, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.v.expecting(f)
    }

    scalar!(visit_bool bool, visit_i64 i64, visit_u64 u64, visit_f64 f64,
        visit_i128 i128, visit_u128 u128);

    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        match self.hint {
            Hint::Option => self.v.visit_some(Replay(StrDeserializer::new(s))),
            Hint::Enum(..) => self.v.visit_enum(StrDeserializer::new(s)),
            _ => self.v.visit_str(s),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        match self.hint {
            Hint::Option => self.v.visit_some(Replay(BorrowedStrDeserializer::new(s))),
            Hint::Enum(..) => self.v.visit_enum(BorrowedStrDeserializer::new(s)),
            _ => self.v.visit_borrowed_str(s),
        }
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        match self.hint {
            Hint::Option => self.v.visit_some(Replay(StringDeserializer::new(s))),
            Hint::Enum(..) => self.v.visit_enum(StringDeserializer::new(s)),
            _ => self.v.visit_string(s),
        }
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<V::Value, E> {
        self.v.visit_bytes(b)
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        match self.hint {
            Hint::Option => self.v.visit_none(),
            _ => self.v.visit_unit(),
        }
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.v.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_some(Flat { d, cx: self.cx })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_newtype_struct(Flat { d, cx: self.cx })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        let seq = FlatSeq { seq, cx: self.cx };
        match self.hint {
            Hint::Option => self.v.visit_some(Replay(SeqAccessDeserializer::new(seq))),
            _ => self.v.visit_seq(seq),
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        element(map, self.cx, self.hint, self.v)
    }
}

/// An object read as an element: only the text key makes it its text (read with `hint`),
/// otherwise it is an object of renamed, flattened members.
fn element<'a, 'de, A: MapAccess<'de>, V: Visitor<'de>>(
    mut map: A,
    cx: Cx<'a>,
    hint: Hint,
    v: V,
) -> Result<V::Value, A::Error> {
    let mut next = cx.key(&mut map)?;
    let mut text = None;
    if next.as_deref() == Some(cx.xml.text_key) {
        let raw: &'de RawValue = map.next_value()?;
        next = cx.key(&mut map)?;
        if next.is_none() {
            let mut de = serde_json::Deserializer::from_str(raw.get());
            return hint.dispatch(&mut de, v).map_err(de::Error::custom);
        }
        text = Some(raw);
    }
    let members = Members {
        map,
        cx,
        text,
        text_key_given: false,
        next,
    };
    hint.dispatch(Object(members), v)
}

/// An element that is an object, once it is known not to be only text.
struct Object<'a, 'de, A>(Members<'a, 'de, A>);

impl<'a, 'de, A: MapAccess<'de>> Object<'a, 'de, A> {
    fn hinted<V: Visitor<'de>>(self, hint: Hint, v: V) -> Result<V::Value, A::Error> {
        match hint {
            Hint::Option => v.visit_some(self),
            Hint::NewtypeStruct(_) => v.visit_newtype_struct(self),
            Hint::Enum(..) => v.visit_enum(MapAccessDeserializer::new(self.0)),
            _ => v.visit_map(self.0),
        }
    }
}

impl<'a, 'de, A: MapAccess<'de>> Deserializer<'de> for Object<'a, 'de, A> {
    type Error = A::Error;
    by_hint!();
}

/// The members of an element: the text member read ahead (if any), then the key read ahead,
/// then the rest; names as read, values flattened.
struct Members<'a, 'de, A> {
    map: A,
    cx: Cx<'a>,
    text: Option<&'de RawValue>,
    text_key_given: bool,
    next: Option<Cow<'de, str>>,
}

impl<'a, 'de, A: MapAccess<'de>> MapAccess<'de> for Members<'a, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let cx = self.cx;
        if self.text.is_some() && !self.text_key_given {
            self.text_key_given = true;
            return seed
                .deserialize(StrDeserializer::new(cx.xml.text_key))
                .map(Some);
        }
        let key = match self.next.take() {
            Some(k) => k,
            None => match cx.key(&mut self.map)? {
                Some(k) => k,
                None => return Ok(None),
            },
        };
        match key {
            Cow::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::new(cx.name(k))),
            Cow::Owned(k) => seed.deserialize(StrDeserializer::new(cx.name(&k))),
        }
        .map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let cx = self.cx.nested();
        match self.text.take() {
            Some(raw) => {
                let mut de = serde_json::Deserializer::from_str(raw.get());
                seed.deserialize(Flat { d: &mut de, cx })
                    .map_err(de::Error::custom)
            }
            None => self.map.next_value_seed(FlatSeed { seed, cx }),
        }
    }
}

/// An opened object read as an element (the root, or a list's single element).
struct Element<'a, A> {
    map: A,
    cx: Cx<'a>,
}

impl<'a, 'de, A: MapAccess<'de>> Element<'a, A> {
    fn hinted<V: Visitor<'de>>(self, hint: Hint, v: V) -> Result<V::Value, A::Error> {
        element(self.map, self.cx, hint, v)
    }
}

impl<'a, 'de, A: MapAccess<'de>> Deserializer<'de> for Element<'a, A> {
    type Error = A::Error;
    by_hint!();
}

/// The body: the payload under the root member; other members are ignored.
struct Body<'a, S> {
    cx: Cx<'a>,
    list: bool,
    seed: S,
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
struct Root<'a, S> {
    cx: Cx<'a>,
    list: bool,
    seed: S,
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
struct ListSeed<'a, S> {
    seed: S,
    cx: Cx<'a>,
}

impl<'a, 'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ListSeed<'a, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(List { d, cx: self.cx })
    }
}

struct List<'a, D> {
    d: D,
    cx: Cx<'a>,
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

struct ListVisitor<'a, V> {
    v: V,
    cx: Cx<'a>,
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
struct One<'a, A> {
    map: Option<A>,
    cx: Cx<'a>,
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
struct Skip;

impl<'de> OnObject<'de> for Skip {
    type Out = ();
    fn object<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }
}

/// The body's members, for [`envelope_error`].
struct TopShape<'a> {
    xml: &'a XmlJson<'a>,
    list: bool,
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
                found = Some(map.next_value_seed(Kinded(shape))?);
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
struct RootShape<'a> {
    xml: &'a XmlJson<'a>,
    list: bool,
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
                list_kind = Some(map.next_value_seed(Kinded(Skip))?);
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
struct ErrorElement<'a>(&'a XmlErrorFields<'a>);

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

#[cfg(test)]
mod tests;
