//! What an operation returns: the typed payload with status and headers, or an [`Error`]
//! that says which documented failure happened (or which undocumented thing went wrong).

use std::fmt;
use std::ops::Deref;

use reqwest::header::HeaderMap;

use super::check::InvalidInput;
use super::envelope::EnvelopeError;

/// A successful response: the payload, plus the status and headers it came with.
#[derive(Debug, Clone)]
pub struct ResponseValue<T> {
    pub status: u16,
    pub headers: HeaderMap,
    payload: T,
}

impl<T> ResponseValue<T> {
    pub fn new(status: u16, headers: HeaderMap, payload: T) -> Self {
        Self {
            status,
            headers,
            payload,
        }
    }

    pub fn into_inner(self) -> T {
        self.payload
    }

    pub fn status(&self) -> u16 {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.payload
    }
}

/// How to recognise one documented failure of an operation (from the spec's error cases).
#[derive(Debug, Clone, Copy)]
pub struct ErrorCase {
    /// The case's name in the spec.
    pub name: &'static str,
    pub status: u16,
    /// When false the page gives no status: the shape matches under any failure status.
    pub status_documented: bool,
    /// Top-level members that must be present.
    pub has_fields: &'static [&'static str],
    /// Top-level members and the JSON text they must equal.
    pub equals: &'static [(&'static str, &'static str)],
    pub retryable: bool,
}

/// The matching rule on a tree: the oracle the one-pass reader (`failure.rs`) is tested
/// against; clients never call it.
#[cfg(any(test, feature = "oracle"))]
impl ErrorCase {
    /// Whether `body`, received with `status` (`enveloped`: as an envelope's failure), is
    /// this failure.
    pub fn matches(&self, status: u16, enveloped: bool, body: &serde_json::Value) -> bool {
        use super::wire::literal;
        use serde_json::Value;
        let Value::Object(map) = body else {
            return false;
        };
        self.status_matches(status, enveloped)
            && self.has_fields.iter().all(|f| map.contains_key(*f))
            && self
                .equals
                .iter()
                .all(|(f, text)| map.get(*f).is_some_and(|v| literal(text) == *v))
    }
}

impl ErrorCase {
    /// Whether a failure body received with `status` may be this case, by status: under an
    /// envelope (`enveloped`: a failure reported under the success status) and for a case
    /// whose status the page does not give, any status does if the case has a shape to match;
    /// a case without one is recognised by its status alone.
    pub fn status_matches(&self, status: u16, enveloped: bool) -> bool {
        let by_shape = !self.has_fields.is_empty() || !self.equals.is_empty();
        let any_status = enveloped || !self.status_documented;
        (any_status && by_shape) || status == self.status
    }
}

/// The per-operation enum of documented failures (generated).
pub trait OpError: Sized + fmt::Debug {
    /// The documented failures, in the order they are tried.
    const CASES: &'static [ErrorCase];
    /// Decode the body of case `index` (read from the response bytes, redacted as it is read).
    fn decode<'de, D: serde::Deserializer<'de>>(index: usize, body: D) -> Result<Self, D::Error>;
    /// Which case this is (an index into [`OpError::CASES`]).
    fn index(&self) -> usize;
    /// Write the body's scalar members as `path: value`, each after `sep` (then `"; "`):
    /// what `Display` shows (see [`fields::write`](crate::fields::write)).
    fn write_fields(&self, out: &mut dyn fmt::Write, sep: &mut &'static str) -> fmt::Result;

    fn name(&self) -> &'static str {
        Self::CASES.get(self.index()).map_or("unknown", |c| c.name)
    }

    fn retryable(&self) -> bool {
        Self::CASES.get(self.index()).is_some_and(|c| c.retryable)
    }
}

/// For generated `decode` when the index is out of range.
pub fn unknown_case<E: serde::de::Error>(index: usize) -> E {
    serde::de::Error::custom(format!("no documented failure number {index}"))
}

/// Everything that can go wrong with one call. Messages never contain credentials.
#[derive(Debug)]
pub enum Error<E> {
    /// The request breaks a documented constraint; nothing was sent.
    InvalidInput(InvalidInput),
    /// A documented failure.
    Documented { status: u16, error: E },
    /// The envelope reports a failure, possibly under a success status.
    Envelope { status: u16, error: EnvelopeError },
    /// A status (and body) the spec does not document.
    UnexpectedStatus { status: u16, excerpt: String },
    /// The body does not have the documented shape.
    Decode {
        status: u16,
        message: String,
        excerpt: String,
    },
    /// A redirect, which is not followed (to another origin never; see
    /// `ClientBuilder::max_redirects`): the status and where it pointed (redacted).
    Redirect { status: u16, location: String },
    /// The body is bigger than the configured cap (`max_response_bytes`); it was not read.
    TooLarge { status: u16, limit: u64 },
    /// Connection, TLS or protocol failure (redacted message that says what failed).
    Transport(String),
    /// No answer within the configured timeout.
    Timeout(String),
}

impl<E: OpError> Error<E> {
    /// Whether sending the same request again may succeed: 429/502/503/504, connection
    /// failures, timeouts, and documented failures marked retryable.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Documented { error, .. } => error.retryable(),
            Error::UnexpectedStatus { status, .. } => matches!(status, 429 | 502 | 503 | 504),
            Error::Transport(_) | Error::Timeout(_) => true,
            _ => false,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Documented { status, .. }
            | Error::Envelope { status, .. }
            | Error::UnexpectedStatus { status, .. }
            | Error::Decode { status, .. }
            | Error::Redirect { status, .. }
            | Error::TooLarge { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl<E: OpError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidInput(e) => write!(f, "{e}"),
            Error::Documented { status, error } => {
                write!(f, "documented failure `{}` (HTTP {status})", error.name())?;
                // The body was redacted as it was decoded: no credential reaches the text.
                error.write_fields(f, &mut " - ")
            }
            Error::Envelope { status, error } => write!(f, "{error} (HTTP {status})"),
            Error::UnexpectedStatus { status, excerpt } => {
                write!(f, "undocumented HTTP status {status}: {excerpt}")
            }
            Error::Decode {
                status,
                message,
                excerpt,
            } => write!(
                f,
                "cannot decode body (HTTP {status}): {message}; body: {excerpt}"
            ),
            Error::Redirect { status, location } => {
                write!(f, "redirect not followed (HTTP {status}) to {location}")
            }
            Error::TooLarge { status, limit } => {
                write!(
                    f,
                    "response body over {limit} bytes (HTTP {status}); not read"
                )
            }
            Error::Transport(m) => write!(f, "transport error: {m}"),
            Error::Timeout(m) => write!(f, "timed out: {m}"),
        }
    }
}

impl<E: OpError> std::error::Error for Error<E> {}

impl<E> From<InvalidInput> for Error<E> {
    fn from(e: InvalidInput) -> Self {
        Error::InvalidInput(e)
    }
}
