//! Runtime support for generated clients. The value helpers (envelopes, wire encodings,
//! constraint checks, secrets, the XML-as-JSON and redacting deserializer adapters) are pure
//! and shared with the generator; the HTTP half is behind the default `http` feature.
//!
//! `cargo xtask codegen --out` copies this crate's sources unchanged next to a standalone
//! client crate, as its `runtime/` path dependency (with a manifest xtask writes from this
//! crate's own, workspace inheritance resolved).

pub mod check;
pub mod envelope;
pub mod fields;
pub mod nullable;
pub mod param;
pub mod redacting;
pub mod secret;
pub mod sign;
pub mod wire;
pub mod xmljson;

pub use self::check::{Check, Checker, Format, InvalidInput, Violation};
pub use self::envelope::{XmlErrorFields, XmlJson};
pub use self::nullable::Nullable;
pub use self::secret::Secret;

#[cfg(feature = "http")]
pub mod call;
#[cfg(feature = "http")]
pub mod decl;
#[cfg(feature = "http")]
pub mod error;
#[cfg(feature = "http")]
mod failure;
#[cfg(feature = "http")]
pub mod net;
#[cfg(feature = "http")]
pub mod paginate;
#[cfg(feature = "http")]
pub mod transport;

#[cfg(feature = "http")]
pub use self::call::{Call, Response};
#[cfg(feature = "http")]
pub use self::error::{unknown_case, Error, ErrorCase, OpError, ResponseValue};
#[cfg(feature = "http")]
pub use self::net::HttpSettings;
#[cfg(feature = "http")]
pub use self::paginate::{paginate, ItemStream};
#[cfg(feature = "http")]
pub use self::transport::{
    BuildError, Location, Template, TokenScheme, Transport, TransportBuilder,
};
#[cfg(feature = "http")]
pub use futures_core::Stream;
/// `next()` and the other stream combinators, for the `stream()` of paginated operations.
#[cfg(feature = "http")]
pub use futures_util::StreamExt;
/// The HTTP method of a [`Call`].
#[cfg(feature = "http")]
pub use reqwest::Method;
