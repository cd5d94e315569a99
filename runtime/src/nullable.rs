//! [`Nullable`]: a request field the spec marks both optional and nullable, where leaving it
//! out ("keep as is") and sending `null` ("clear it") mean different things to the server.
//! `Option<Option<T>>` could say the same, but its `Some(None)` reads like a mistake.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional, nullable value: left out, sent as `null`, or sent with a value.
///
/// Fields of this type carry
/// `#[serde(default, skip_serializing_if = "runtime::Nullable::is_absent")]`: a missing member
/// reads as [`Nullable::Absent`], `null` as [`Nullable::Null`]. Only JSON bodies carry it:
/// the spec validator refuses `nullable` on a path, query, header or form parameter, whose
/// wire has no `null`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub enum Nullable<T> {
    /// Not sent.
    #[default]
    Absent,
    /// Sent as `null`.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the value is left out (for `skip_serializing_if`).
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// The value, if one is sent.
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Absent => s.serialize_none(),
            // A unit is JSON `null`, and an empty text for the parameter encoders.
            Nullable::Null => s.serialize_unit(),
            Nullable::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// Only called for a member that is present (a missing one is `Default`).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Nullable::Value(v),
            None => Nullable::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Req {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        note: Nullable<String>,
    }

    #[test]
    fn absent_null_and_value_stay_apart_on_the_wire() {
        let cases = [
            (Nullable::Absent, json!({})),
            (Nullable::Null, json!({ "note": null })),
            (Nullable::from("x".to_owned()), json!({ "note": "x" })),
        ];
        for (note, wire) in cases {
            let req = Req { note };
            assert_eq!(serde_json::to_value(&req).unwrap(), wire);
            assert_eq!(serde_json::from_value::<Req>(wire).unwrap(), req);
        }
    }

    #[test]
    fn parameter_texts_leave_out_absent_and_send_null_empty() {
        use crate::param::texts;
        assert!(texts(&Nullable::<i64>::Absent).is_empty());
        assert_eq!(texts(&Nullable::<i64>::Null), vec![""]);
        assert_eq!(texts(&Nullable::Value(5i64)), vec!["5"]);
    }
}
