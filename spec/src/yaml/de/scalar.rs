//! Deserializing a scalar (a value or a mapping key) from its text and style.

use serde::de::{self, DeserializeSeed, Unexpected, Visitor};

use super::error::{DeError, Result};
use super::schema::{resolve, Resolved};
use crate::yaml::SourceMap;

/// A scalar: its text and whether it was written plain (unquoted, untagged `!!str`), the
/// only style whose text resolves to null, booleans and numbers.
#[derive(Clone, Copy)]
pub(crate) struct ScalarDe<'a> {
    pub text: &'a str,
    pub plain: bool,
}

impl<'a> ScalarDe<'a> {
    /// The mapping key of `node`.
    pub(super) fn key(map: &'a SourceMap, node: u32) -> Self {
        let (text, plain) = map.key_of(node);
        ScalarDe { text, plain }
    }

    pub(super) fn resolve(self) -> Resolved<'a> {
        resolve(self.text, self.plain)
    }

    fn unexpected(self) -> Unexpected<'a> {
        match self.resolve() {
            Resolved::Null => Unexpected::Unit,
            Resolved::Bool(b) => Unexpected::Bool(b),
            Resolved::Unsigned(n) => {
                u64::try_from(n).map_or(Unexpected::Other("integer"), Unexpected::Unsigned)
            }
            Resolved::Negative(n) => {
                i64::try_from(n).map_or(Unexpected::Other("integer"), Unexpected::Signed)
            }
            Resolved::Float(f) => Unexpected::Float(f),
            Resolved::Str(s) => Unexpected::Str(s),
        }
    }

    fn invalid<T>(self, exp: &dyn de::Expected) -> Result<T> {
        Err(de::Error::invalid_type(self.unexpected(), exp))
    }

    /// Only an empty plain scalar stands for an empty mapping or list (as in serde_yaml).
    fn is_empty_plain(self) -> bool {
        self.plain && self.text.is_empty()
    }

    fn signed<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        let n = match self.resolve() {
            Resolved::Unsigned(n) => i128::try_from(n).ok(),
            Resolved::Negative(n) => Some(n),
            _ => None,
        };
        match n {
            Some(n) => match i64::try_from(n) {
                Ok(n) => visitor.visit_i64(n),
                Err(_) => visitor.visit_i128(n),
            },
            None => self.invalid(&visitor),
        }
    }

    fn unsigned<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.resolve() {
            Resolved::Unsigned(n) => match u64::try_from(n) {
                Ok(n) => visitor.visit_u64(n),
                Err(_) => visitor.visit_u128(n),
            },
            _ => self.invalid(&visitor),
        }
    }

    fn float<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.resolve() {
            Resolved::Float(f) => visitor.visit_f64(f),
            Resolved::Unsigned(n) => visitor.visit_f64(n as f64),
            Resolved::Negative(n) => visitor.visit_f64(n as f64),
            _ => self.invalid(&visitor),
        }
    }
}

impl<'a> de::Deserializer<'a> for ScalarDe<'a> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.resolve() {
            Resolved::Null => visitor.visit_unit(),
            Resolved::Bool(b) => visitor.visit_bool(b),
            Resolved::Unsigned(n) => match u64::try_from(n) {
                Ok(n) => visitor.visit_u64(n),
                Err(_) => visitor.visit_u128(n),
            },
            Resolved::Negative(n) => match i64::try_from(n) {
                Ok(n) => visitor.visit_i64(n),
                Err(_) => visitor.visit_i128(n),
            },
            Resolved::Float(f) => visitor.visit_f64(f),
            Resolved::Str(s) => visitor.visit_borrowed_str(s),
        }
    }

    fn deserialize_bool<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.resolve() {
            Resolved::Bool(b) => visitor.visit_bool(b),
            _ => self.invalid(&visitor),
        }
    }

    fn deserialize_i8<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.signed(visitor)
    }
    fn deserialize_i16<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.signed(visitor)
    }
    fn deserialize_i32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.signed(visitor)
    }
    fn deserialize_i64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.signed(visitor)
    }
    fn deserialize_i128<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.signed(visitor)
    }
    fn deserialize_u8<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.unsigned(visitor)
    }
    fn deserialize_u16<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.unsigned(visitor)
    }
    fn deserialize_u32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.unsigned(visitor)
    }
    fn deserialize_u64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.unsigned(visitor)
    }
    fn deserialize_u128<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.unsigned(visitor)
    }
    fn deserialize_f32<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.float(visitor)
    }
    fn deserialize_f64<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        self.float(visitor)
    }

    fn deserialize_char<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }
    fn deserialize_str<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }
    fn deserialize_string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }
    fn deserialize_identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }
    fn deserialize_bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }
    fn deserialize_byte_buf<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_borrowed_str(self.text)
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.resolve() {
            Resolved::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.resolve() {
            Resolved::Null => visitor.visit_unit(),
            _ => Err(de::Error::invalid_value(
                Unexpected::Str(self.text),
                &"null",
            )),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        if self.is_empty_plain() {
            visitor.visit_seq(de::value::SeqDeserializer::new(std::iter::empty::<()>()))
        } else {
            self.invalid(&visitor)
        }
    }

    fn deserialize_tuple<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        if self.is_empty_plain() {
            visitor.visit_map(de::value::MapDeserializer::new(
                std::iter::empty::<((), ())>(),
            ))
        } else {
            self.invalid(&visitor)
        }
    }

    fn deserialize_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'a>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_enum(UnitOnly(self.text))
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

/// An enum written as a bare scalar: a unit variant.
struct UnitOnly<'a>(&'a str);

impl<'a> de::EnumAccess<'a> for UnitOnly<'a> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'a>>(self, seed: S) -> Result<(S::Value, Self)> {
        let name = de::value::BorrowedStrDeserializer::<DeError>::new(self.0);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'a> de::VariantAccess<'a> for UnitOnly<'a> {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'a>>(self, _seed: S) -> Result<S::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"a mapping `variant: value`",
        ))
    }

    fn tuple_variant<V: Visitor<'a>>(self, _len: usize, _visitor: V) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"a mapping `variant: [items]`",
        ))
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value> {
        Err(de::Error::invalid_type(
            Unexpected::UnitVariant,
            &"a mapping `variant: {fields}`",
        ))
    }
}
