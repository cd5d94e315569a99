//! Where secrets travel in an operation's requests, and the secret values the examples
//! document: the one reading that redaction (docs, OpenAPI exports), the clients' list of
//! secret field names and the tests rely on.

use serde_json::Value;

use super::{OperationModel, ProviderModel};
use crate::format::{ExampleRequest, Location, Role};

impl OperationModel<'_> {
    /// Every place a secret travels in this operation's requests: the credential (form fields
    /// in the body), then each `role: secret` parameter, in declaration order.
    pub fn secret_places(&self) -> Vec<(Location, &str)> {
        let params = self
            .op
            .request
            .parameters
            .iter()
            .filter(|p| p.role == Some(Role::Secret))
            .map(|p| (p.location, p.name.as_str()));
        self.credential
            .placement()
            .into_iter()
            .chain(params)
            .collect()
    }

    /// The secret values of one documented request, in [`Self::secret_places`] order (empty
    /// values left out).
    pub fn secrets_in(&self, req: &ExampleRequest) -> Vec<String> {
        self.secret_places()
            .into_iter()
            .filter_map(|(location, name)| value_at(req, location, name))
            .filter(|v| !v.is_empty())
            .collect()
    }
}

impl ProviderModel<'_> {
    /// Every secret value the provider's documented requests carry (credentials and
    /// `role: secret` parameters, wherever they travel), without repeats, longest first (so a
    /// secret that contains another is replaced whole), ties in byte order.
    pub fn example_secrets(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .operations
            .iter()
            .flat_map(|o| {
                o.op.examples
                    .iter()
                    .filter_map(|e| e.request.as_ref())
                    .flat_map(move |req| o.secrets_in(req))
            })
            .collect();
        out.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        out.dedup();
        out
    }

    /// The names of secrets sent as `name=value` pairs (query parameters and form fields), in
    /// order of first use: what clients redact from text by name.
    pub fn secret_field_names(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (location, name) in self.operations.iter().flat_map(|o| o.secret_places()) {
            if matches!(location, Location::Query | Location::Body)
                && !out.iter().any(|n| n == name)
            {
                out.push(name.to_string());
            }
        }
        out
    }
}

/// A documented request's value at `location` as text (a body member that is a number reads
/// as its text).
fn value_at(req: &ExampleRequest, location: Location, name: &str) -> Option<String> {
    match super::credential::documented(req, location, name)? {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
