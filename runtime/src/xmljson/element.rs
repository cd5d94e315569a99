//! The per-element flattening: an element that is only text read as its text, attribute
//! members by their bare names, with one member of lookahead (see the `xmljson` module docs).

use std::borrow::Cow;
use std::fmt;

use serde::de::value::{
    BorrowedStrDeserializer, MapAccessDeserializer, SeqAccessDeserializer, StrDeserializer,
    StringDeserializer,
};
use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use super::Cx;

/// Which `deserialize_*` the target called, to call it again on an element's text.
#[derive(Clone, Copy)]
pub(super) enum Hint {
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

/// One value inside the envelope, flattened as it is read.
pub(super) struct Flat<'a, D> {
    pub(super) d: D,
    pub(super) cx: Cx<'a>,
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

pub(super) struct FlatSeed<'a, S> {
    pub(super) seed: S,
    pub(super) cx: Cx<'a>,
}

impl<'a, 'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for FlatSeed<'a, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Flat { d, cx: self.cx })
    }
}

pub(super) struct FlatSeq<'a, A> {
    pub(super) seq: A,
    pub(super) cx: Cx<'a>,
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
pub(super) struct Wrap<'a, V> {
    pub(super) v: V,
    pub(super) hint: Hint,
    pub(super) cx: Cx<'a>,
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
pub(super) struct Replay<D>(D);

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
pub(super) fn element<'a, 'de, A: MapAccess<'de>, V: Visitor<'de>>(
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
pub(super) struct Object<'a, 'de, A>(Members<'a, 'de, A>);

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
pub(super) struct Members<'a, 'de, A> {
    pub(super) map: A,
    pub(super) cx: Cx<'a>,
    pub(super) text: Option<&'de RawValue>,
    pub(super) text_key_given: bool,
    pub(super) next: Option<Cow<'de, str>>,
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
pub(super) struct Element<'a, A> {
    pub(super) map: A,
    pub(super) cx: Cx<'a>,
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
