//! A `serde::Deserializer` over the located tree of [`SourceMap`]: scalars resolve by the
//! YAML 1.2 core schema as serde_yaml resolved them, and every error carries the node it
//! arose at (the innermost one), so it is located without a document-path round trip.

use std::fmt;

use serde::de::{self, DeserializeSeed, Unexpected, Visitor};

use super::{Data, SourceMap};

/// A deserialization failure and the node it arose at.
#[derive(Debug)]
pub(crate) struct DeError {
    pub msg: String,
    /// The innermost node the error passed through.
    pub node: Option<u32>,
    /// Whether the error concerns the node's key (an unknown field name, say).
    pub on_key: bool,
}

impl DeError {
    fn at(mut self, node: u32, on_key: bool) -> Self {
        if self.node.is_none() {
            self.node = Some(node);
            self.on_key = on_key;
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError {
            msg: msg.to_string(),
            node: None,
            on_key: false,
        }
    }
}

type Result<T> = std::result::Result<T, DeError>;

/// Deserializes the node `node` of `map`.
pub(crate) struct NodeDe<'a> {
    pub map: &'a SourceMap,
    pub node: u32,
}

/// A scalar: its text and whether it was written plain (unquoted, untagged `!!str`), the
/// only style whose text resolves to null, booleans and numbers.
#[derive(Clone, Copy)]
pub(crate) struct ScalarDe<'a> {
    pub text: &'a str,
    pub plain: bool,
}

fn parse_null(s: &str) -> bool {
    matches!(s, "null" | "Null" | "NULL" | "~")
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Leading zeros then digits is a string in YAML 1.2.
fn digits_but_not_number(s: &str) -> bool {
    let s = s.strip_prefix(['-', '+']).unwrap_or(s);
    s.len() > 1 && s.starts_with('0') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

/// `0x`, `0o`, `0b` and decimal, with an optional `+`.
fn parse_unsigned(s: &str) -> Option<u128> {
    let s = s.strip_prefix('+').unwrap_or(s);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = s.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(n) = u128::from_str_radix(rest, radix) {
                return Some(n);
            }
        }
    }
    if s.starts_with(['+', '-']) || digits_but_not_number(s) {
        return None;
    }
    s.parse().ok()
}

fn parse_negative(s: &str) -> Option<i128> {
    let rest = s.strip_prefix('-')?;
    if rest.starts_with(['+', '-']) {
        return None;
    }
    let n = parse_unsigned(rest)?;
    if n == 1u128 << 127 {
        return Some(i128::MIN);
    }
    i128::try_from(n).ok().map(|n| -n)
}

fn parse_f64(s: &str) -> Option<f64> {
    let unsigned = match s.strip_prefix('+') {
        Some(u) if u.starts_with(['+', '-']) => return None,
        Some(u) => u,
        None => s,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match s {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    if digits_but_not_number(s) {
        return None;
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// What a plain scalar resolves to.
enum Resolved<'a> {
    Null,
    Bool(bool),
    Unsigned(u128),
    Negative(i128),
    Float(f64),
    Str(&'a str),
}

impl<'a> ScalarDe<'a> {
    /// The mapping key of `node`.
    fn key(map: &'a SourceMap, node: u32) -> Self {
        let (text, plain) = map.key_of(node);
        ScalarDe { text, plain }
    }

    fn resolve(self) -> Resolved<'a> {
        let s = self.text;
        if !self.plain {
            return Resolved::Str(s);
        }
        if s.is_empty() || parse_null(s) {
            return Resolved::Null;
        }
        if let Some(b) = parse_bool(s) {
            return Resolved::Bool(b);
        }
        if let Some(n) = parse_unsigned(s) {
            return Resolved::Unsigned(n);
        }
        if let Some(n) = parse_negative(s) {
            return Resolved::Negative(n);
        }
        if let Some(f) = parse_f64(s) {
            return Resolved::Float(f);
        }
        Resolved::Str(s)
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

impl<'a> NodeDe<'a> {
    fn at(&self, node: u32) -> NodeDe<'a> {
        NodeDe {
            map: self.map,
            node,
        }
    }

    /// The node's data, aliases followed.
    fn data(&self) -> Data {
        self.map.nodes[self.map.resolve(self.node) as usize].data
    }

    fn scalar(&self) -> Option<ScalarDe<'a>> {
        match self.data() {
            Data::Scalar { start, len, plain } => Some(ScalarDe {
                text: &self.map.scalars[start as usize..(start + len) as usize],
                plain,
            }),
            _ => None,
        }
    }

    fn kids(&self, start: u32, len: u32) -> &'a [u32] {
        &self.map.kids[start as usize..(start + len) as usize]
    }

    fn visit_container<V: Visitor<'a>>(&self, visitor: V) -> Result<V::Value> {
        match self.data() {
            Data::Seq { start, len } => visitor.visit_seq(Items {
                de: self.at(self.node),
                kids: self.kids(start, len).iter(),
            }),
            Data::Map { start, len } => visitor.visit_map(Entries {
                de: self.at(self.node),
                kids: self.kids(start, len).iter(),
                value: None,
            }),
            // A dangling alias is refused while building; nothing to see here.
            Data::Scalar { .. } | Data::Alias(_) => visitor.visit_unit(),
        }
    }

    fn wrap<T>(&self, r: Result<T>) -> Result<T> {
        r.map_err(|e| e.at(self.node, false))
    }
}

/// Every method: a scalar node goes to [`ScalarDe`], a container to its visitor.
macro_rules! by_kind {
    ($($method:ident $(($($arg:ident: $ty:ty),*))?),* $(,)?) => {
        $(
            fn $method<V: Visitor<'a>>(self, $($($arg: $ty,)*)? visitor: V) -> Result<V::Value> {
                let r = match self.scalar() {
                    Some(s) => s.$method($($($arg,)*)? visitor),
                    None => self.visit_container(visitor),
                };
                self.wrap(r)
            }
        )*
    };
}

impl<'a> de::Deserializer<'a> for NodeDe<'a> {
    type Error = DeError;

    by_kind! {
        deserialize_any, deserialize_bool, deserialize_i8, deserialize_i16, deserialize_i32,
        deserialize_i64, deserialize_i128, deserialize_u8, deserialize_u16, deserialize_u32,
        deserialize_u64, deserialize_u128, deserialize_f32, deserialize_f64, deserialize_char,
        deserialize_str, deserialize_string, deserialize_bytes, deserialize_byte_buf,
        deserialize_identifier, deserialize_unit,
        deserialize_unit_struct(name: &'static str),
    }

    fn deserialize_option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        match self.scalar().map(ScalarDe::resolve) {
            Some(Resolved::Null) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'a>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        let r = match (self.scalar(), self.data()) {
            (Some(s), _) => s.deserialize_seq(visitor),
            (None, Data::Map { .. }) => Err(de::Error::invalid_type(Unexpected::Map, &visitor)),
            _ => self.visit_container(visitor),
        };
        self.wrap(r)
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
        let r = match (self.scalar(), self.data()) {
            (Some(s), _) => s.deserialize_map(visitor),
            (None, Data::Seq { .. }) => Err(de::Error::invalid_type(Unexpected::Seq, &visitor)),
            _ => self.visit_container(visitor),
        };
        self.wrap(r)
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
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let r = match self.data() {
            Data::Scalar { .. } => match self.scalar() {
                Some(s) => s.deserialize_enum(name, variants, visitor),
                None => unreachable!("a scalar node has a scalar"),
            },
            Data::Map { start, len } if len == 1 => {
                let kid = self.kids(start, len)[0];
                visitor.visit_enum(Variant { de: self.at(kid) })
            }
            Data::Map { .. } => Err(de::Error::invalid_value(
                Unexpected::Map,
                &"a mapping with exactly one key, the variant",
            )),
            _ => Err(de::Error::invalid_type(Unexpected::Seq, &visitor)),
        };
        self.wrap(r)
    }

    fn deserialize_ignored_any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_unit()
    }
}

struct Items<'a> {
    de: NodeDe<'a>,
    kids: std::slice::Iter<'a, u32>,
}

impl<'a> de::SeqAccess<'a> for Items<'a> {
    type Error = DeError;

    fn next_element_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        match self.kids.next() {
            // Errors raised after the node's own deserializer returned (as tagged enums
            // do from their buffered content) are located here.
            Some(&kid) => seed
                .deserialize(self.de.at(kid))
                .map(Some)
                .map_err(|e| e.at(kid, false)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.kids.len())
    }
}

struct Entries<'a> {
    de: NodeDe<'a>,
    kids: std::slice::Iter<'a, u32>,
    value: Option<u32>,
}

impl<'a> de::MapAccess<'a> for Entries<'a> {
    type Error = DeError;

    fn next_key_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<Option<S::Value>> {
        let Some(&kid) = self.kids.next() else {
            return Ok(None);
        };
        self.value = Some(kid);
        seed.deserialize(ScalarDe::key(self.de.map, kid))
            .map(Some)
            .map_err(|e| e.at(kid, true))
    }

    fn next_value_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<S::Value> {
        let kid = self.value.take().expect("a value follows its key");
        seed.deserialize(self.de.at(kid))
            .map_err(|e| e.at(kid, false))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.kids.len())
    }
}

/// An enum written `variant: value`.
struct Variant<'a> {
    de: NodeDe<'a>,
}

impl<'a> de::EnumAccess<'a> for Variant<'a> {
    type Error = DeError;
    type Variant = NodeDe<'a>;

    fn variant_seed<S: DeserializeSeed<'a>>(self, seed: S) -> Result<(S::Value, NodeDe<'a>)> {
        let node = self.de.node;
        let v = seed
            .deserialize(ScalarDe::key(self.de.map, node))
            .map_err(|e| e.at(node, true))?;
        Ok((v, self.de))
    }
}

impl<'a> de::VariantAccess<'a> for NodeDe<'a> {
    type Error = DeError;

    fn unit_variant(self) -> Result<()> {
        de::Deserialize::deserialize(self)
    }

    fn newtype_variant_seed<S: DeserializeSeed<'a>>(self, seed: S) -> Result<S::Value> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'a>>(self, _len: usize, visitor: V) -> Result<V::Value> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        de::Deserializer::deserialize_map(self, visitor)
    }
}
