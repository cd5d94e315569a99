//! A serde `Deserializer` adapter that passes every string it reads, member names included,
//! through a redaction before the target sees it: a failure decoded from an untrusted body
//! never holds a credential, even one the server JSON-escaped (the text is redacted after
//! JSON unescaping). Hints pass through unchanged, so any target decodes as it would without
//! the adapter. `secret::redact_value` (tests and the `oracle` feature) does the
//! same to a tree.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};

/// The redaction: `Some(text)` when the text held a secret, `None` when it is unchanged.
pub type Redact<'r> = &'r dyn Fn(&str) -> Option<String>;

/// `d` with every string redacted by `r`.
pub struct Redacting<'r, D> {
    d: D,
    r: Redact<'r>,
}

impl<'r, D> Redacting<'r, D> {
    pub fn new(d: D, r: Redact<'r>) -> Self {
        Redacting { d, r }
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*)),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* v: V) -> Result<V::Value, D::Error> {
            self.d.$method($($arg,)* Redacted { v, r: self.r })
        })*
    };
}

impl<'r, 'de, D: Deserializer<'de>> Deserializer<'de> for Redacting<'r, D> {
    type Error = D::Error;
    forward!(
        deserialize_any(), deserialize_bool(), deserialize_i8(), deserialize_i16(),
        deserialize_i32(), deserialize_i64(), deserialize_i128(), deserialize_u8(),
        deserialize_u16(), deserialize_u32(), deserialize_u64(), deserialize_u128(),
        deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(),
        deserialize_option(), deserialize_unit(), deserialize_seq(), deserialize_map(),
        deserialize_identifier(), deserialize_ignored_any(),
        deserialize_unit_struct(name: &'static str),
        deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize),
        deserialize_tuple_struct(name: &'static str, len: usize),
        deserialize_struct(name: &'static str, fields: &'static [&'static str]),
        deserialize_enum(name: &'static str, variants: &'static [&'static str]),
    );
}

/// The target's visitor, given redacted strings and redacting containers.
struct Redacted<'r, V> {
    v: V,
    r: Redact<'r>,
}

macro_rules! pass {
    ($($method:ident $ty:ty),*) => {
        $(fn $method<E: de::Error>(self, x: $ty) -> Result<V::Value, E> {
            self.v.$method(x)
        })*
    };
}

impl<'r, 'de, V: Visitor<'de>> Visitor<'de> for Redacted<'r, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.v.expecting(f)
    }

    pass!(visit_bool bool, visit_i8 i8, visit_i16 i16, visit_i32 i32, visit_i64 i64,
        visit_i128 i128, visit_u8 u8, visit_u16 u16, visit_u32 u32, visit_u64 u64,
        visit_u128 u128, visit_f32 f32, visit_f64 f64, visit_char char);

    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        match (self.r)(s) {
            Some(text) => self.v.visit_string(text),
            None => self.v.visit_str(s),
        }
    }

    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        match (self.r)(s) {
            Some(text) => self.v.visit_string(text),
            None => self.v.visit_borrowed_str(s),
        }
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        match (self.r)(&s) {
            Some(text) => self.v.visit_string(text),
            None => self.v.visit_string(s),
        }
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<V::Value, E> {
        match std::str::from_utf8(b).ok().and_then(self.r) {
            Some(text) => self.v.visit_byte_buf(text.into_bytes()),
            None => self.v.visit_bytes(b),
        }
    }

    fn visit_borrowed_bytes<E: de::Error>(self, b: &'de [u8]) -> Result<V::Value, E> {
        match std::str::from_utf8(b).ok().and_then(self.r) {
            Some(text) => self.v.visit_byte_buf(text.into_bytes()),
            None => self.v.visit_borrowed_bytes(b),
        }
    }

    fn visit_byte_buf<E: de::Error>(self, b: Vec<u8>) -> Result<V::Value, E> {
        match std::str::from_utf8(&b).ok().and_then(self.r) {
            Some(text) => self.v.visit_byte_buf(text.into_bytes()),
            None => self.v.visit_byte_buf(b),
        }
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.v.visit_unit()
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.v.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_some(Redacting { d, r: self.r })
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.v.visit_newtype_struct(Redacting { d, r: self.r })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, a: A) -> Result<V::Value, A::Error> {
        self.v.visit_seq(Access { a, r: self.r })
    }

    fn visit_map<A: MapAccess<'de>>(self, a: A) -> Result<V::Value, A::Error> {
        self.v.visit_map(Access { a, r: self.r })
    }

    fn visit_enum<A: EnumAccess<'de>>(self, a: A) -> Result<V::Value, A::Error> {
        self.v.visit_enum(Access { a, r: self.r })
    }
}

/// A seed whose deserializer redacts.
struct Seed<'r, S> {
    s: S,
    r: Redact<'r>,
}

impl<'r, 'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'r, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.s.deserialize(Redacting { d, r: self.r })
    }
}

/// A sequence, map, enum or variant whose parts redact.
struct Access<'r, A> {
    a: A,
    r: Redact<'r>,
}

impl<'r, 'de, A: SeqAccess<'de>> SeqAccess<'de> for Access<'r, A> {
    type Error = A::Error;
    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        s: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.a.next_element_seed(Seed { s, r: self.r })
    }
    fn size_hint(&self) -> Option<usize> {
        self.a.size_hint()
    }
}

impl<'r, 'de, A: MapAccess<'de>> MapAccess<'de> for Access<'r, A> {
    type Error = A::Error;
    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        s: S,
    ) -> Result<Option<S::Value>, A::Error> {
        self.a.next_key_seed(Seed { s, r: self.r })
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, s: S) -> Result<S::Value, A::Error> {
        self.a.next_value_seed(Seed { s, r: self.r })
    }
    fn size_hint(&self) -> Option<usize> {
        self.a.size_hint()
    }
}

impl<'r, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Access<'r, A> {
    type Error = A::Error;
    type Variant = Access<'r, A::Variant>;
    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        s: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        let r = self.r;
        let (value, a) = self.a.variant_seed(Seed { s, r })?;
        Ok((value, Access { a, r }))
    }
}

impl<'r, 'de, A: VariantAccess<'de>> VariantAccess<'de> for Access<'r, A> {
    type Error = A::Error;
    fn unit_variant(self) -> Result<(), A::Error> {
        self.a.unit_variant()
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, s: S) -> Result<S::Value, A::Error> {
        self.a.newtype_variant_seed(Seed { s, r: self.r })
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, A::Error> {
        self.a.tuple_variant(len, Redacted { v, r: self.r })
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, A::Error> {
        self.a.struct_variant(fields, Redacted { v, r: self.r })
    }
}
