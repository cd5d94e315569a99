//! Deserializing a node of the located tree: a scalar through [`ScalarDe`], a sequence or
//! mapping through its accessors, each error located at the innermost node it passed.

use serde::de::{self, DeserializeSeed, Unexpected, Visitor};

use super::error::{DeError, Result};
use super::scalar::ScalarDe;
use super::schema::Resolved;
use crate::yaml::{Data, SourceMap};

/// Deserializes the node `node` of `map`.
pub(crate) struct NodeDe<'a> {
    pub map: &'a SourceMap,
    pub node: u32,
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
