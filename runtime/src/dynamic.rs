//! The dynamic interface over all generated operations (`generated::dispatch::call`): typed
//! parameters in as JSON, the outcome or a serializable error report out. The conformance
//! crate drives every client through it.

// `Result<_, ErrorReport>` is the agreed interface with the conformance crate; the report is
// built once per call, so its size does not matter.
#![allow(clippy::result_large_err)]

use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::envelope::EnvelopeError;
use super::error::{Error, OpError, ResponseValue};
use super::secret::Secret;
use super::wire::to_json;

/// Connection settings for dynamic calls (the generated `dispatch::call`).
#[derive(Debug, Clone)]
pub struct DynConfig {
    /// Fully resolved base URL (template variables filled in).
    pub base_url: String,
    /// Used for whatever auth scheme the operation declares.
    pub credential: Option<Secret>,
    pub http: reqwest::Client,
}

/// A successful call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    pub status: u16,
    /// Lower-case names, in the order received.
    pub headers: Vec<(String, String)>,
    /// The typed payload, serialized again.
    pub payload: Value,
}

/// What kind of failure an [`ErrorReport`] describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    InvalidInput,
    Documented,
    Envelope,
    UnexpectedStatus,
    Decode,
    Transport,
    Timeout,
}

/// A failed call, flattened for comparison and snapshots. Never carries a credential.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorReport {
    pub kind: ErrorKind,
    /// The spec's name of the documented failure.
    pub variant: Option<String>,
    pub status: Option<u16>,
    /// The typed failure body, serialized again.
    pub body: Option<Value>,
    pub message: String,
}

impl ErrorReport {
    pub fn invalid_input(message: String) -> Self {
        Self {
            kind: ErrorKind::InvalidInput,
            variant: None,
            status: None,
            body: None,
            message,
        }
    }

    pub fn unknown_operation(provider: &str, operation: &str) -> Self {
        Self::invalid_input(format!("unknown operation `{provider}.{operation}`"))
    }
}

impl<E: OpError> From<&Error<E>> for ErrorReport {
    fn from(e: &Error<E>) -> Self {
        let (kind, variant, body) = match e {
            Error::InvalidInput(_) => (ErrorKind::InvalidInput, None, None),
            Error::Documented { error, .. } => (
                ErrorKind::Documented,
                Some(error.name().to_owned()),
                Some(error.body()),
            ),
            Error::Envelope { error, .. } => {
                (ErrorKind::Envelope, None, Some(envelope_body(error)))
            }
            Error::UnexpectedStatus { .. } => (ErrorKind::UnexpectedStatus, None, None),
            Error::Decode { .. } => (ErrorKind::Decode, None, None),
            Error::Transport(_) => (ErrorKind::Transport, None, None),
            Error::Timeout(_) => (ErrorKind::Timeout, None, None),
        };
        Self {
            kind,
            variant,
            status: e.status(),
            body,
            message: e.to_string(),
        }
    }
}

fn envelope_body(e: &EnvelopeError) -> Value {
    match e {
        EnvelopeError::ResultCode {
            scope,
            code,
            message,
        } => serde_json::json!({ "scope": scope, "code": code, "message": message }),
        EnvelopeError::XmlJson {
            kind,
            object,
            message,
        } => serde_json::json!({ "type": kind, "object": object, "message": message }),
        EnvelopeError::Malformed(m) => serde_json::json!({ "malformed": m }),
    }
}

/// Deserialize the typed request from `params` (keyed by wire name).
pub fn parse_params<R: DeserializeOwned>(params: Value) -> Result<R, ErrorReport> {
    serde_json::from_value(params)
        .map_err(|e| ErrorReport::invalid_input(format!("parameters do not fit the request: {e}")))
}

/// Flatten a typed result.
pub fn outcome<T: Serialize, E: OpError>(
    result: Result<ResponseValue<T>, Error<E>>,
) -> Result<Outcome, ErrorReport> {
    match result {
        Ok(v) => Ok(Outcome {
            status: v.status,
            headers: header_pairs(&v.headers),
            payload: to_json(&*v),
        }),
        Err(e) => Err(ErrorReport::from(&e)),
    }
}

fn header_pairs(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .filter_map(|(n, v)| Some((n.as_str().to_owned(), v.to_str().ok()?.to_owned())))
        .collect()
}
