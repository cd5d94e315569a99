//! The scalar members of a typed value written as `path: value` pairs, read straight from its
//! `Serialize` impl: what `Display` of a documented failure shows (its code and message).
//! Nested members are dotted, list items marked `[]`; absent and `null` members are skipped.

use std::fmt::{self, Display, Write};

use serde::ser::{self, Serialize, Serializer};

/// Write every scalar member of `value` to `out`, each preceded by `sep` (which becomes
/// `"; "` after the first).
pub fn write<T: Serialize + ?Sized, W: Write + ?Sized>(
    out: &mut W,
    value: &T,
    sep: &mut &'static str,
) -> fmt::Result {
    value
        .serialize(Leaves {
            out,
            at: String::new(),
            sep,
        })
        .map_err(|_| fmt::Error)
}

/// The only way writing fails: the formatter refused, or a map key is not text.
#[derive(Debug)]
struct Failed;

impl Display for Failed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the fields could not be written")
    }
}

impl std::error::Error for Failed {}

impl ser::Error for Failed {
    fn custom<T: Display>(_msg: T) -> Self {
        Failed
    }
}

/// One position in the value: where it is (`at`) and where its scalars go.
struct Leaves<'a, W: ?Sized> {
    out: &'a mut W,
    at: String,
    sep: &'a mut &'static str,
}

impl<'a, W: Write + ?Sized> Leaves<'a, W> {
    fn leaf(self, v: impl Display) -> Result<(), Failed> {
        write!(self.out, "{}{}: {v}", self.sep, self.at).map_err(|_| Failed)?;
        *self.sep = "; ";
        Ok(())
    }

    /// A float as JSON writes it (`-2.0`); a non-finite one is JSON `null`, so skipped.
    fn float(self, v: f64) -> Result<(), Failed> {
        match serde_json::Number::from_f64(v) {
            Some(n) => self.leaf(n),
            None => Ok(()),
        }
    }

    fn child(&mut self, name: &str) -> Leaves<'_, W> {
        let at = match (self.at.is_empty(), name) {
            (_, "[]") => format!("{}[]", self.at),
            (true, _) => name.to_owned(),
            (false, _) => format!("{}.{name}", self.at),
        };
        Leaves {
            out: self.out,
            at,
            sep: self.sep,
        }
    }
}

impl<'a, W: Write + ?Sized> Serializer for Leaves<'a, W> {
    type Ok = ();
    type Error = Failed;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Map<'a, W>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_i8(self, v: i8) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Failed> {
        self.float(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Failed> {
        self.float(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_str(self, v: &str) -> Result<(), Failed> {
        self.leaf(v)
    }
    fn serialize_bytes(self, _v: &[u8]) -> Result<(), Failed> {
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Failed> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Failed> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Failed> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Failed> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Failed> {
        self.leaf(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        v: &T,
    ) -> Result<(), Failed> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        v: &T,
    ) -> Result<(), Failed> {
        v.serialize(self)
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, Failed> {
        Ok(self)
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self, Failed> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, Failed> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self, Failed> {
        Ok(self)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, W>, Failed> {
        Ok(Map {
            at: self,
            key: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, Failed> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self, Failed> {
        Ok(self)
    }
}

/// The compound serializers: items of lists and tuples are marked `[]`, struct fields named.
macro_rules! compound {
    ($($trait:ident :: $method:ident ($($name:ident)?)),* $(,)?) => {$(
        impl<W: Write + ?Sized> ser::$trait for Leaves<'_, W> {
            type Ok = ();
            type Error = Failed;
            fn $method<T: Serialize + ?Sized>(
                &mut self,
                $($name: &'static str,)?
                v: &T,
            ) -> Result<(), Failed> {
                v.serialize(self.child(compound!(@at $($name)?)))
            }
            fn end(self) -> Result<(), Failed> {
                Ok(())
            }
        }
    )*};
    (@at) => { "[]" };
    (@at $name:ident) => { $name };
}

compound!(
    SerializeSeq::serialize_element(),
    SerializeTuple::serialize_element(),
    SerializeTupleStruct::serialize_field(),
    SerializeTupleVariant::serialize_field(),
    SerializeStruct::serialize_field(name),
    SerializeStructVariant::serialize_field(name),
);

/// A map's members, named by their text keys.
struct Map<'a, W: ?Sized> {
    at: Leaves<'a, W>,
    key: Option<String>,
}

impl<W: Write + ?Sized> ser::SerializeMap for Map<'_, W> {
    type Ok = ();
    type Error = Failed;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Failed> {
        // A key as JSON writes it (maps in failure bodies are rare and their keys short).
        self.key = Some(match serde_json::to_value(key).map_err(|_| Failed)? {
            serde_json::Value::String(text) => text,
            other => other.to_string(),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Failed> {
        let key = self.key.take().ok_or(Failed)?;
        v.serialize(self.at.child(&key))
    }
    fn end(self) -> Result<(), Failed> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    /// The same rule written on a JSON tree: the oracle.
    fn on_tree(v: &Value, at: &str, sep: &mut &str, out: &mut String) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    let at = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    on_tree(v, &at, sep, out);
                }
            }
            Value::Array(items) => {
                let at = format!("{at}[]");
                items.iter().for_each(|v| on_tree(v, &at, sep, out));
            }
            Value::Null => {}
            Value::String(s) => {
                out.push_str(&format!("{sep}{at}: {s}"));
                *sep = "; ";
            }
            other => {
                out.push_str(&format!("{sep}{at}: {other}"));
                *sep = "; ";
            }
        }
    }

    #[derive(serde::Serialize)]
    struct Fault {
        code: &'static str,
        #[serde(rename = "$object")]
        object: Option<&'static str>,
        detail: Detail,
        retry: bool,
    }

    #[derive(serde::Serialize)]
    struct Detail {
        ids: Vec<i64>,
        note: Option<String>,
        map: std::collections::BTreeMap<&'static str, f64>,
    }

    #[test]
    fn typed_values_are_written_as_their_json_tree_would_be() {
        let fault = Fault {
            code: "DCS.4001",
            object: Some("elid"),
            detail: Detail {
                ids: vec![3, 4],
                note: None,
                map: [("a", 1.5), ("b", -2.0)].into_iter().collect(),
            },
            retry: false,
        };
        let mut typed = String::new();
        super::write(&mut typed, &fault, &mut " - ").expect("writes");
        let mut tree = String::new();
        let v = serde_json::to_value(&fault).expect("serializes");
        on_tree(&v, "", &mut " - ", &mut tree);
        assert_eq!(typed, tree);
        assert_eq!(
            typed,
            " - code: DCS.4001; $object: elid; detail.ids[]: 3; detail.ids[]: 4; \
             detail.map.a: 1.5; detail.map.b: -2.0; retry: false"
        );
        let mut none = String::new();
        super::write(&mut none, &json!({"x": null, "y": []}), &mut " - ").expect("writes");
        assert_eq!(none, "");
    }
}
