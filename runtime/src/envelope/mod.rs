//! Removing wire envelopes so callers see plain payloads.
//!
//! Clients read the bytes: [`result_code_failure`] (and [`result_codes_ok`]) check result
//! codes in one pass, [`crate::xmljson`] decodes XML-as-JSON through the mapping. The tree
//! forms (`unwrap_result_code`, `unwrap_xml_json` in `tree.rs`) say the same on a `Value`;
//! they are what those readers are tested against, so they are built for tests and with the
//! `oracle` feature only. Nothing here panics on odd input: a body without the envelope's
//! shape is [`EnvelopeError::Malformed`].

mod object;
mod result_code;
#[cfg(any(test, feature = "oracle"))]
mod tree;

pub(crate) use object::{ObjectOrKind, OnObject};
pub(crate) use result_code::Scalar;
pub use result_code::{result_code_failure, result_codes_ok};
#[cfg(any(test, feature = "oracle"))]
pub use tree::{unwrap_result_code, unwrap_xml_json};

/// A failure carried inside an envelope (possibly under a success status).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EnvelopeError {
    /// A result code other than success (e.g. OMS `ret != 0`).
    #[error("result code {code} in `{scope}`: {message}")]
    ResultCode {
        scope: String,
        code: i64,
        message: String,
    },
    /// An XML-mapped error element (e.g. BILLmanager `doc.error`), read by the member names
    /// the spec declares (`error_fields`).
    #[error("error {kind}{}: {message}", object.as_deref().map(|o| format!(" on {o}")).unwrap_or_default())]
    XmlJson {
        kind: String,
        object: Option<String>,
        message: String,
    },
    /// The body does not have the envelope's shape.
    #[error("malformed envelope: {0}")]
    Malformed(String),
}

/// The members of an XML-as-JSON error element, named as read (attribute prefix removed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlErrorFields<'a> {
    /// The member naming the kind of failure.
    pub kind: &'a str,
    /// The member naming what the failure concerns, if the provider sends one.
    pub object: Option<&'a str>,
    /// The member holding the message (an error element that is only text is its message).
    pub message: &'a str,
}

/// How one provider maps XML to JSON, as its spec declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XmlJson<'a> {
    /// The document element everything sits under.
    pub root: &'a str,
    /// The repeated element of list answers.
    pub list: &'a str,
    /// The element that reports a failure.
    pub error: &'a str,
    /// The member holding an element's text.
    pub text_key: &'a str,
    /// What precedes an attribute's name among the members.
    pub attribute_prefix: &'a str,
    pub error_fields: XmlErrorFields<'a>,
}

/// XML mappings the runtime's tests share: BILLmanager's (`$` text key and attribute
/// prefix) and a different one, declared the way a spec declares them.
#[cfg(test)]
pub(crate) mod test_mappings {
    use super::{XmlErrorFields, XmlJson};

    pub(crate) const DOLLAR: XmlJson<'static> = XmlJson {
        root: "doc",
        list: "elem",
        error: "error",
        text_key: "$",
        attribute_prefix: "$",
        error_fields: XmlErrorFields {
            kind: "type",
            object: Some("object"),
            message: "msg",
        },
    };

    /// A different mapping: text under `#text`, attributes prefixed `@`, a `code`/`text`
    /// error element without an object.
    pub(crate) const AT: XmlJson<'static> = XmlJson {
        root: "response",
        list: "item",
        error: "fault",
        text_key: "#text",
        attribute_prefix: "@",
        error_fields: XmlErrorFields {
            kind: "code",
            object: None,
            message: "text",
        },
    };
}

#[cfg(test)]
mod tests;
