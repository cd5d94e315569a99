//! Short forms for what generated clients declare per operation and per enum: `const`
//! constructors for the documented failures and two macros for trait boilerplate. They keep the
//! generated modules lean (one line where a struct literal or an impl block took ten).
//!
//! The macros expand to paths resolved where they are invoked (`serde`, `std`, and the
//! `runtime` module the generated modules import), so they work both from the `runtime` crate
//! and from the copy inside a standalone crate.

use super::error::ErrorCase;

impl ErrorCase {
    /// A failure documented under HTTP `status`, recognised by status alone until narrowed.
    pub const fn new(name: &'static str, status: u16) -> Self {
        Self {
            name,
            status,
            status_documented: true,
            has_fields: &[],
            equals: &[],
            retryable: false,
        }
    }

    /// The page gives no status: the shape matches under any failure status.
    pub const fn any_status(mut self) -> Self {
        self.status_documented = false;
        self
    }

    /// Top-level members that must be present.
    pub const fn fields(mut self, has_fields: &'static [&'static str]) -> Self {
        self.has_fields = has_fields;
        self
    }

    /// Top-level members and the JSON text they must equal.
    pub const fn equals(mut self, equals: &'static [(&'static str, &'static str)]) -> Self {
        self.equals = equals;
        self
    }

    /// Retrying the call may succeed.
    pub const fn retryable(mut self) -> Self {
        self.retryable = true;
        self
    }
}

/// The wire side of a string enum with an `Unknown(String)` variant: `as_str`, `From<&str>`,
/// `FromStr`, `Display` and serde as a plain string (unknown values kept as sent).
#[doc(hidden)]
#[macro_export]
macro_rules! __runtime_string_enum {
    ($name:ident { $($variant:ident => $wire:literal),* $(,)? }) => {
        impl $name {
            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(s) => s,
                }
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }
        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(s))
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <String as serde::Deserialize>::deserialize(d).map(|s| Self::from(s.as_str()))
            }
        }
    };
}
pub use crate::__runtime_string_enum as string_enum;

/// The methods of `runtime::OpError` (all but `CASES`) for an operation's error enum whose
/// variants each wrap one body type: `Variant = index` in the order of the error cases.
/// Invoked inside the `impl runtime::OpError` block.
#[doc(hidden)]
#[macro_export]
macro_rules! __runtime_op_error_methods {
    ($($variant:ident = $index:literal),* $(,)?) => {
        fn decode<'de, D: serde::Deserializer<'de>>(
            index: usize,
            body: D,
        ) -> Result<Self, D::Error> {
            match index {
                $($index => serde::Deserialize::deserialize(body).map(Self::$variant),)*
                _ => {
                    let _ = body;
                    Err(runtime::unknown_case(index))
                }
            }
        }
        fn index(&self) -> usize {
            match *self {
                $(Self::$variant(_) => $index,)*
            }
        }
        fn write_fields(
            &self,
            out: &mut dyn std::fmt::Write,
            sep: &mut &'static str,
        ) -> std::fmt::Result {
            match *self {
                $(Self::$variant(ref b) => runtime::fields::write(out, b, sep),)*
            }
        }
    };
}
pub use crate::__runtime_op_error_methods as op_error_methods;
