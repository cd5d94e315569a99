//! An object read by a visitor of the caller's, or the kind of value found instead.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// What to do with an object, for [`ObjectOrKind`].
pub(crate) trait OnObject<'de> {
    type Out;
    fn object<A: MapAccess<'de>>(self, map: A) -> Result<Self::Out, A::Error>;
}

/// A value read as an object by `M`, or the kind of value it is instead (skipped): how the
/// one-pass envelope readers tell "not an object" apart, in the words `kind_of` uses.
pub(crate) struct ObjectOrKind<M>(pub(crate) M);

impl<'de, M: OnObject<'de>> DeserializeSeed<'de> for ObjectOrKind<M> {
    type Value = Result<M::Out, &'static str>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, M: OnObject<'de>> Visitor<'de> for ObjectOrKind<M> {
    type Value = Result<M::Out, &'static str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.object(map).map(Ok)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Err("an array"))
    }
    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Err("a boolean"))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Err("a number"))
    }
    fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Err("a string"))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Err("null"))
    }
}
