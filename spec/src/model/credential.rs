//! Where an operation's credential travels, resolved from its `auth` scheme once.

use indexmap::IndexMap;
use serde_json::Value;

use crate::format::{AuthScheme, ExampleRequest, Location, Operation, Spec};

/// Sent and shown instead of a credential wherever the real one must not appear (generated
/// tests, fixtures before their output format decides how to show it). Wire-safe text, so a
/// client can send it.
pub const PLACEHOLDER_CREDENTIAL: &str = "placeholder-credential";

/// Shown instead of a secret in text people read (fixtures, docs, rustdoc, replay reports).
pub const REDACTED: &str = "[redacted]";

/// The token credential's place on the wire, if the operation has one (a signing alternative
/// is [`crate::model::OperationModel::signed`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    None,
    Query(String),
    Header(String),
    Form(String),
}

impl Credential {
    pub fn of(spec: &Spec, op: &Operation) -> Self {
        spec.token_auth(op)
            .map_or(Credential::None, |(_, s)| Credential::of_scheme(s))
    }

    /// Where a scheme puts its credential.
    pub fn of_scheme(scheme: &AuthScheme) -> Self {
        match scheme {
            AuthScheme::Query { name, .. } => Credential::Query(name.clone()),
            AuthScheme::Header { name, .. } => Credential::Header(name.clone()),
            AuthScheme::Form { name, .. } => Credential::Form(name.clone()),
            // A signature is no placed credential: see `OperationModel::signed`.
            AuthScheme::Signature { .. } => Credential::None,
        }
    }

    /// The place in the words the docs use: ``query parameter `name` ``, ``header `name` ``
    /// or ``form field `name` `` (none for no placed credential).
    pub fn words(&self) -> Option<String> {
        match self {
            Credential::None => None,
            Credential::Query(n) => Some(format!("query parameter `{n}`")),
            Credential::Header(n) => Some(format!("header `{n}`")),
            Credential::Form(n) => Some(format!("form field `{n}`")),
        }
    }

    /// The wire name and location (form fields travel in the body).
    pub fn placement(&self) -> Option<(Location, &str)> {
        match self {
            Credential::None => None,
            Credential::Query(n) => Some((Location::Query, n)),
            Credential::Header(n) => Some((Location::Header, n)),
            Credential::Form(n) => Some((Location::Body, n)),
        }
    }

    /// The credential a documented request is replayed with: its documented value, or
    /// [`PLACEHOLDER_CREDENTIAL`] when it shows none (as the generated tests send), `None`
    /// when the operation has no token credential.
    pub fn sent_in(&self, req: &ExampleRequest) -> Option<String> {
        self.placement()?;
        self.value_in(req)
            .or_else(|| Some(PLACEHOLDER_CREDENTIAL.to_owned()))
    }

    /// The credential's value in a documented request.
    pub fn value_in(&self, req: &ExampleRequest) -> Option<String> {
        let (location, name) = self.placement()?;
        match documented(req, location, name)? {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Is `name` at `location` this credential? (Header names compare case-insensitively.)
    pub fn is(&self, location: Location, name: &str) -> bool {
        match (self, location) {
            (Credential::Query(n), Location::Query) | (Credential::Form(n), Location::Body) => {
                n == name
            }
            (Credential::Header(n), Location::Header) => n.eq_ignore_ascii_case(name),
            _ => false,
        }
    }
}

/// A header of a documented request, by case-insensitive name.
pub fn header<'m>(headers: &'m IndexMap<String, String>, name: &str) -> Option<&'m String> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// A documented request's value at `location` as written (header names case-insensitive).
pub(super) fn documented(req: &ExampleRequest, location: Location, name: &str) -> Option<Value> {
    let text = |s: &String| Value::String(s.clone());
    match location {
        Location::Path => req.path.get(name).map(text),
        Location::Query => req.query.get(name).map(text),
        Location::Header => header(&req.headers, name).map(text),
        Location::Body => req.body.as_ref().and_then(|b| b.get(name)).cloned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A replay sends what the example documents, else the placeholder the generated tests
    /// send (never nothing, which the mock refuses as a missing credential).
    #[test]
    fn a_replay_sends_the_documented_credential_or_the_placeholder() {
        let header = Credential::Header("X-Token".into());
        let mut req = ExampleRequest::default();
        assert_eq!(
            header.sent_in(&req).as_deref(),
            Some(PLACEHOLDER_CREDENTIAL)
        );
        req.headers.insert("x-token".into(), "t1".into());
        assert_eq!(header.sent_in(&req).as_deref(), Some("t1"));
        assert_eq!(Credential::None.sent_in(&req), None);
    }
}
