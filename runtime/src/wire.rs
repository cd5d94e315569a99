//! Wire encodings that differ from a value's Rust type, used through `#[serde(with = ...)]`
//! by generated models:
//! - [`string`]: numbers and booleans sent as JSON strings (`"126"`), read either way;
//! - [`csv`]: arrays sent as one comma-separated string (`1,2,3`), read either way.
//!
//! Each encoding is a trait over the value shapes a field can have (scalar, `Option`,
//! [`crate::Nullable`], `Vec`): written straight to the serializer, read through the field's
//! own [`serde_json::Value`].

use std::fmt::Display;
use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

/// A value whose scalars travel as strings.
pub trait StrForm: Sized {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
    fn from_wire(value: Value) -> Result<Self, String>;
}

/// Serializes a [`StrForm`] value in its wire form.
struct AsStr<'a, T>(&'a T);

impl<T: StrForm> Serialize for AsStr<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

macro_rules! str_form_scalar {
    ($($t:ty),*) => {$(
        impl StrForm for $t {
            fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
            fn from_wire(value: Value) -> Result<Self, String> {
                match value {
                    Value::String(s) => s.trim().parse().map_err(|_| {
                        format!("`{s}` is not a {}", stringify!($t))
                    }),
                    other => serde_json::from_value(other).map_err(|e| e.to_string()),
                }
            }
        }
    )*};
}
str_form_scalar!(i32, i64, f64, bool);

impl StrForm for String {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
    fn from_wire(value: Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(format!("expected a string, got {other}")),
        }
    }
}

impl<T: StrForm> StrForm for Option<T> {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => s.serialize_some(&AsStr(v)),
            None => s.serialize_none(),
        }
    }
    fn from_wire(value: Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            v => T::from_wire(v).map(Some),
        }
    }
}

impl<T: StrForm> StrForm for crate::Nullable<T> {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            crate::Nullable::Value(v) => v.write(s),
            crate::Nullable::Null => s.serialize_unit(),
            crate::Nullable::Absent => s.serialize_none(),
        }
    }
    fn from_wire(value: Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(crate::Nullable::Null),
            v => T::from_wire(v).map(crate::Nullable::Value),
        }
    }
}

impl<T: StrForm> StrForm for Vec<T> {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(AsStr))
    }
    fn from_wire(value: Value) -> Result<Self, String> {
        match value {
            Value::Array(items) => items.into_iter().map(T::from_wire).collect(),
            other => Err(format!("expected an array, got {other}")),
        }
    }
}

/// `#[serde(with = "runtime::wire::string")]`.
pub mod string {
    use super::*;

    pub fn serialize<T: StrForm, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.write(s)
    }

    pub fn deserialize<'de, T: StrForm, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::from_wire(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// An array that travels as one comma-separated string.
pub trait CsvForm: Sized {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
    fn from_wire(value: Value) -> Result<Self, String>;
}

impl<T> CsvForm for Vec<T>
where
    T: FromStr + Display + DeserializeOwned,
{
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let parts: Vec<String> = self.iter().map(ToString::to_string).collect();
        s.serialize_str(&parts.join(","))
    }
    fn from_wire(value: Value) -> Result<Self, String> {
        match value {
            Value::String(s) => s
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| p.parse().map_err(|_| format!("`{p}` is not a valid item")))
                .collect(),
            other => serde_json::from_value(other).map_err(|e| e.to_string()),
        }
    }
}

impl<T: CsvForm> CsvForm for Option<T> {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(v) => v.write(s),
            None => s.serialize_none(),
        }
    }
    fn from_wire(value: Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(None),
            v => T::from_wire(v).map(Some),
        }
    }
}

impl<T: CsvForm> CsvForm for crate::Nullable<T> {
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            crate::Nullable::Value(v) => v.write(s),
            crate::Nullable::Null => s.serialize_unit(),
            crate::Nullable::Absent => s.serialize_none(),
        }
    }
    fn from_wire(value: Value) -> Result<Self, String> {
        match value {
            Value::Null => Ok(crate::Nullable::Null),
            v => T::from_wire(v).map(crate::Nullable::Value),
        }
    }
}

/// `#[serde(with = "runtime::wire::csv")]`.
pub mod csv {
    use super::*;

    pub fn serialize<T: CsvForm, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        value.write(s)
    }

    pub fn deserialize<'de, T: CsvForm, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        T::from_wire(Value::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The canonical JSON text of `value`, to compare with a union's literal alternatives.
pub fn json_text(value: &Value) -> String {
    value.to_string()
}

/// The JSON value of a union's literal alternative, from its JSON text.
pub fn literal(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// Everything but RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is escaped.
pub(crate) const COMPONENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encode a path segment or query component (Python's `quote(s, safe='~')`): what
/// clients send and what the signer's canonical request encodes.
pub fn encode_component(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, COMPONENT).to_string()
}
