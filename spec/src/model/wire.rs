//! A documented example resolved once into what travels on the wire and what a client is
//! called with: the fixtures, rustdoc, the protocol tests' literals, the curl line and the
//! replay all read this, so none of them turns an example into a request of its own.
//!
//! Built with [`PathTemplate::fill`], [`crate::url`] and, for typed values, only
//! [`values::decode_wire`]: a value the mock's decoding refuses is refused here too (and by
//! `validate` first, which decodes the same way).

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::credential::documented;
use super::{header, Credential, PathTemplate};
use crate::format::{BodyEncoding, ExampleRequest, Location, Operation, Role, Spec};
use crate::values;

/// The request an example puts on the wire. Values are as documented (credentials and
/// `role: secret` parameters included): [`WireRequest::is_secret`] tells them apart, and
/// [`WireRequest::with_secrets`] replaces them.
#[derive(Debug, Clone, PartialEq)]
pub struct WireRequest {
    pub method: &'static str,
    /// The path with every parameter percent-encoded by [`crate::url`].
    pub path: String,
    /// Query pairs, decoded, in order: discriminators, documented pairs, the credential.
    pub query: Vec<(String, String)>,
    /// Headers as documented (discriminators first, the credential last).
    pub headers: Vec<(String, String)>,
    pub body: Option<WireBody>,
    /// Where the token credential travels (its value above is the documented one, empty when
    /// the example documents none).
    pub credential: Option<Slot>,
    /// Where `role: secret` parameters travel.
    pub secrets: Vec<Slot>,
}

/// A place in a request: where, and under which name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub location: Location,
    pub name: String,
}

impl Slot {
    /// Is `name` at `location` this slot? (Header names compare case-insensitively.)
    pub fn is(&self, location: Location, name: &str) -> bool {
        self.location == location
            && match location {
                Location::Header => self.name.eq_ignore_ascii_case(name),
                _ => self.name == name,
            }
    }
}

/// A request body by its declared encoding: the documented members, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct WireBody {
    pub encoding: BodyEncoding,
    pub fields: Map<String, Value>,
}

impl WireBody {
    /// A form body's fields as sent: an array member is one field per item, a scalar its text.
    pub fn form_fields(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (k, v) in &self.fields {
            match v {
                Value::Array(items) => out.extend(items.iter().map(|i| (k.clone(), text(i)))),
                other => out.push((k.clone(), text(other))),
            }
        }
        out
    }

    /// The JSON text of the body (a JSON body as sent; for forms, their members as an object).
    pub fn json(&self) -> Value {
        Value::Object(self.fields.clone())
    }
}

/// A JSON scalar as it reads in a query string or form field.
pub fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl WireRequest {
    /// Resolve a documented request of `op`.
    pub fn build(
        op: &Operation,
        path: &PathTemplate,
        credential: &Credential,
        req: &ExampleRequest,
    ) -> Self {
        let mut query: IndexMap<String, String> = IndexMap::new();
        let mut headers: IndexMap<String, String> = IndexMap::new();
        let mut body = match &req.body {
            Some(Value::Object(m)) => Some(m.clone()),
            _ => None,
        };
        for d in &op.discriminators {
            match d.location {
                Location::Query => {
                    query.insert(d.name.clone(), d.value.clone());
                }
                Location::Header => {
                    headers.insert(d.name.clone(), d.value.clone());
                }
                Location::Body => {
                    body.get_or_insert_with(Map::new)
                        .entry(d.name.clone())
                        .or_insert(Value::String(d.value.clone()));
                }
                Location::Path => {}
            }
        }
        query.extend(req.query.clone());
        headers.extend(req.headers.clone());
        let documented = credential.value_in(req).unwrap_or_default();
        match credential {
            Credential::Query(name) => {
                query.entry(name.clone()).or_insert(documented);
            }
            Credential::Header(name) => {
                if header(&headers, name).is_none() {
                    headers.insert(name.clone(), documented);
                }
            }
            Credential::Form(name) => {
                body.get_or_insert_with(Map::new)
                    .entry(name.clone())
                    .or_insert(Value::String(documented));
            }
            Credential::None => {}
        }
        let secrets = op
            .request
            .parameters
            .iter()
            .filter(|p| p.role == Some(Role::Secret))
            .map(|p| Slot {
                location: p.location,
                name: p.name.clone(),
            })
            .collect();
        WireRequest {
            method: op.method.as_str(),
            path: path.fill(&req.path),
            query: query.into_iter().collect(),
            headers: headers.into_iter().collect(),
            body: body.map(|fields| WireBody {
                encoding: op.request.body.unwrap_or(BodyEncoding::Json),
                fields,
            }),
            credential: credential.placement().map(|(location, name)| Slot {
                location,
                name: name.to_string(),
            }),
            secrets,
        }
    }

    /// Is the value named `name` at `location` the credential or a secret parameter?
    pub fn is_secret(&self, location: Location, name: &str) -> bool {
        self.credential
            .iter()
            .chain(&self.secrets)
            .any(|s| s.is(location, name))
    }

    /// The request with every secret value (the credential, `role: secret` parameters)
    /// replaced by `with`.
    pub fn with_secrets(&self, with: &str) -> WireRequest {
        let mut out = self.clone();
        let replace = |loc: Location, pairs: &mut Vec<(String, String)>| {
            for (k, v) in pairs.iter_mut() {
                if self.is_secret(loc, k) {
                    *v = with.to_string();
                }
            }
        };
        replace(Location::Query, &mut out.query);
        replace(Location::Header, &mut out.headers);
        if let Some(b) = out.body.as_mut() {
            for (k, v) in b.fields.iter_mut() {
                if self.is_secret(Location::Body, k) {
                    *v = Value::String(with.to_string());
                }
            }
        }
        out
    }

    /// The request with the credential's value set to `value`, or without the credential
    /// when `None` (a signed request, or a replay with no credential to send).
    pub fn with_credential(&self, value: Option<&str>) -> WireRequest {
        let mut out = self.clone();
        let Some(slot) = &self.credential else {
            return out;
        };
        let set = |pairs: &mut Vec<(String, String)>| match value {
            Some(v) => pairs
                .iter_mut()
                .filter(|(k, _)| slot.is(slot.location, k))
                .for_each(|(_, x)| *x = v.to_string()),
            None => pairs.retain(|(k, _)| !slot.is(slot.location, k)),
        };
        match slot.location {
            Location::Query => set(&mut out.query),
            Location::Header => set(&mut out.headers),
            Location::Body => {
                if let Some(b) = out.body.as_mut() {
                    match value {
                        Some(v) => {
                            if let Some(x) = b.fields.get_mut(&slot.name) {
                                *x = Value::String(v.to_string());
                            }
                        }
                        None => {
                            b.fields.shift_remove(&slot.name);
                        }
                    }
                }
            }
            Location::Path => {}
        }
        out
    }
}

/// The documented request's parameters as the typed values a client is called with, keyed
/// by wire name (`role: secret` parameters left out). Wire strings (path, query, header,
/// form fields) are decoded with [`values::decode_wire`] alone; JSON body members are typed
/// already, but for `wire:` strings inside them ([`values::typed`]). `Err` names the
/// parameter whose documented value does not decode.
pub fn typed_params(
    op: &Operation,
    spec: &Spec,
    req: &ExampleRequest,
) -> Result<Map<String, Value>, String> {
    let form = matches!(
        op.request.body,
        Some(BodyEncoding::Multipart | BodyEncoding::Urlencoded)
    );
    let mut out = Map::new();
    for p in &op.request.parameters {
        if p.role == Some(Role::Secret) {
            continue;
        }
        let Some(raw) = documented(req, p.location, &p.name) else {
            continue;
        };
        let wire_string = p.location != Location::Body || form;
        let typed = match (&raw, wire_string) {
            (Value::String(s), true) => values::decode_wire(&p.schema, s, spec)
                .map_err(|e| format!("{} parameter `{}`: {e}", p.location.as_str(), p.name))?,
            _ => values::typed(&p.schema, &raw, spec),
        };
        out.insert(p.name.clone(), typed);
    }
    Ok(out)
}
