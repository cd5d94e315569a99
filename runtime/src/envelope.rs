//! Removing wire envelopes so callers see plain payloads.
//! STUB: signatures fixed; bodies to be completed by the validator work.

use serde_json::Value;

/// A failure carried inside an envelope (possibly under a success status).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EnvelopeError {
    /// A result code other than success (e.g. OMS `ret != 0`).
    #[error("result code {code} in `{scope}`: {message}")]
    ResultCode { scope: String, code: i64, message: String },
    /// An XML-mapped error element (e.g. BILLmanager `doc.error`).
    #[error("error {kind}{}: {message}", object.as_deref().map(|o| format!(" on {o}")).unwrap_or_default())]
    XmlJson { kind: String, object: Option<String>, message: String },
    /// The body does not have the envelope's shape.
    #[error("malformed envelope: {0}")]
    Malformed(String),
}

/// Check result codes at `scopes` ("" = the body itself) and strip the code/message fields.
pub fn unwrap_result_code(
    body: Value,
    _code_field: &str,
    _message_field: &str,
    _success: i64,
    _scopes: &[&str],
) -> Result<Value, EnvelopeError> {
    Ok(body)
}

/// Unwrap XML-as-JSON: take `root`, fail on its `error` member, replace `{"$": text}` by the
/// text and `"$attr"` keys by `attr`. With `want_list`, return the `list` member as an array
/// (absent: empty; a single object: one element); otherwise the unwrapped root object.
pub fn unwrap_xml_json(
    body: Value,
    _root: &str,
    _list: &str,
    _error: &str,
    _want_list: bool,
) -> Result<Value, EnvelopeError> {
    Ok(body)
}
