//! The wire text of a typed parameter value (path segment, query pair, header, form field),
//! read straight from its `Serialize` impl: scalars as their text, lists item by item,
//! `None` as nothing, `null` (a unit) as an empty text, objects as their JSON text. No intermediate JSON tree, and a string
//! is handed over without a copy.

use serde::ser::{self, Impossible, Serialize, Serializer};

/// Calls `f` with every wire text of `value`, in order: one per scalar, one per item of a
/// list, none for an absent value, the JSON text of an object (a list of objects: the whole
/// list as one JSON text).
pub fn each<T: Serialize + ?Sized>(value: &T, f: &mut dyn FnMut(&str)) {
    if value.serialize(Texts(f)).is_err() {
        // An object, met before any text was given (a list's items all have one type).
        if let Ok(json) = serde_json::to_string(value) {
            f(&json);
        }
    }
}

/// Every wire text of `value`, as [`each`] gives them.
pub fn texts<T: Serialize + ?Sized>(value: &T) -> Vec<String> {
    let mut out = Vec::new();
    each(value, &mut |t| out.push(t.to_owned()));
    out
}

/// The texts of `value` joined with commas (headers, `wire: csv` lists); `None` when the
/// value is absent.
pub fn joined<T: Serialize + ?Sized>(value: &T) -> Option<String> {
    let mut out: Option<String> = None;
    each(value, &mut |t| match &mut out {
        Some(s) => {
            s.push(',');
            s.push_str(t);
        }
        None => out = Some(t.to_owned()),
    });
    out
}

/// Why a value has no scalar texts: it is (or holds) an object.
#[derive(Debug)]
struct Object;

impl std::fmt::Display for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object")
    }
}

impl std::error::Error for Object {}

impl ser::Error for Object {
    fn custom<M: std::fmt::Display>(_msg: M) -> Self {
        Object
    }
}

struct Texts<'a>(&'a mut dyn FnMut(&str));

impl Texts<'_> {
    fn push(self, text: impl ToString) -> Result<(), Object> {
        (self.0)(&text.to_string());
        Ok(())
    }
}

impl<'a> Serializer for Texts<'a> {
    type Ok = ();
    type Error = Object;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Impossible<(), Object>;
    type SerializeTupleVariant = Impossible<(), Object>;
    type SerializeMap = Impossible<(), Object>;
    type SerializeStruct = Impossible<(), Object>;
    type SerializeStructVariant = Impossible<(), Object>;

    fn serialize_bool(self, v: bool) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Object> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Object> {
        // As JSON writes it (`1.0`, not `1`), the text the previous clients sent.
        self.push(serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string()))
    }
    fn serialize_char(self, v: char) -> Result<(), Object> {
        self.push(v)
    }
    fn serialize_str(self, v: &str) -> Result<(), Object> {
        (self.0)(v);
        Ok(())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Object> {
        Err(Object)
    }
    fn serialize_none(self) -> Result<(), Object> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Object> {
        value.serialize(self)
    }
    /// An explicit `null`: the parameter with an empty value. Generated clients never send
    /// one here (the spec validator keeps `nullable` to JSON bodies).
    fn serialize_unit(self) -> Result<(), Object> {
        self.push("")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Object> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Object> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Object> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Object> {
        Err(Object)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Object> {
        Ok(self)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Object> {
        Ok(self)
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, Object> {
        Err(Object)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, Object> {
        Err(Object)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, Object> {
        Err(Object)
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStruct, Object> {
        Err(Object)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, Object> {
        Err(Object)
    }
}

impl ser::SerializeSeq for Texts<'_> {
    type Ok = ();
    type Error = Object;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Object> {
        value.serialize(Texts(&mut *self.0))
    }
    fn end(self) -> Result<(), Object> {
        Ok(())
    }
}

impl ser::SerializeTuple for Texts<'_> {
    type Ok = ();
    type Error = Object;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Object> {
        value.serialize(Texts(&mut *self.0))
    }
    fn end(self) -> Result<(), Object> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_lists_and_absent_values() {
        assert_eq!(texts("a b"), vec!["a b"]);
        assert_eq!(texts(&7i64), vec!["7"]);
        assert_eq!(texts(&true), vec!["true"]);
        assert_eq!(texts(&1.5f64), vec!["1.5"]);
        assert_eq!(texts(&Some(vec![1, 2])), vec!["1", "2"]);
        assert!(texts(&None::<String>).is_empty());
        assert_eq!(joined(&vec!["x", "y"]).as_deref(), Some("x,y"));
        assert_eq!(joined(&None::<i32>), None);
    }

    #[test]
    fn an_object_is_its_json_text() {
        let mut m = std::collections::BTreeMap::new();
        m.insert("k", 1);
        assert_eq!(texts(&m), vec![r#"{"k":1}"#]);
    }
}
