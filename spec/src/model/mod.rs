//! The resolved model: what every consumer reads instead of re-deriving it from the raw
//! spec. Built once from validated specs; each fact is derived here and nowhere else:
//! - per operation, the path template as parsed segments, the credential's placement and
//!   every place a secret travels; per provider, the secret values its examples document;
//! - per example, the erratum record it cites, the request it is replayed from resolved into
//!   what travels on the wire and the typed values a client is called with ([`wire`]), and
//!   what its response means ([`read_response`], which reads observed responses too).
//!
//! Renderers (`codegen`) add their language's names on top; the mock, replay and live mode
//! (`conformance`) use it as is.

mod credential;
pub mod curl;
mod secrets;
pub mod wire;

use serde_json::Value;

pub use self::credential::{header, Credential, PLACEHOLDER_CREDENTIAL, REDACTED};
pub use self::wire::{Slot, WireBody, WireRequest};
use crate::cite;
use crate::envelope::{self, Unwrapped};
pub use crate::errors;
use crate::format::{Erratum, Example, ExampleRequest, Operation, Spec};
pub use crate::path::{PathTemplate, Segment};
use crate::validate::Validated;
use serde_json::Map;

#[derive(Debug)]
pub struct Model<'a> {
    pub providers: Vec<ProviderModel<'a>>,
}

#[derive(Debug)]
pub struct ProviderModel<'a> {
    pub spec: &'a Spec,
    /// Short label of the spec file for "generated from" lines, e.g. `specs/otc_dcs.yaml`.
    pub source: String,
    pub operations: Vec<OperationModel<'a>>,
    /// Every fact of the spec with its resolved citation (see [`crate::cite::resolve`]).
    pub facts: Vec<cite::Fact>,
}

#[derive(Debug)]
pub struct OperationModel<'a> {
    pub op: &'a Operation,
    pub path: PathTemplate,
    pub credential: Credential,
    /// The operation accepts a request signature (alone or as the alternative to the token).
    pub signed: bool,
    pub examples: Vec<ExampleModel<'a>>,
}

#[derive(Debug)]
pub struct ExampleModel<'a> {
    pub example: &'a Example,
    /// The erratum the example cites (it is replayed in its corrected form).
    pub erratum: Option<&'a Erratum>,
    /// The request it is replayed from: its own, or for a response-only example the
    /// operation's first documented request (`own_request` false).
    pub request: Option<&'a ExampleRequest>,
    pub own_request: bool,
    /// [`Self::request`] as it travels on the wire.
    pub wire: Option<WireRequest>,
    /// [`Self::request`]'s parameters as typed values, by wire name ([`wire::typed_params`]).
    pub params: Map<String, Value>,
    /// What the documented response means, when there is one.
    pub outcome: Option<Outcome>,
}

/// The environment variable holding a provider's credential: read by live runs, named by curl
/// lines and example programs.
pub fn token_var(provider_id: &str) -> String {
    format!("{}_TOKEN", provider_id.to_ascii_uppercase())
}

/// The environment variable overriding a provider's base URL in curl lines and example
/// programs.
pub fn base_url_var(provider_id: &str) -> String {
    format!("{}_BASE_URL", provider_id.to_ascii_uppercase())
}

/// A documented response as a client must decode it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A success: the payload once the envelope is removed.
    Payload(Value),
    /// A documented failure, by error case name.
    Failure(String),
    /// A failure the envelope reports under the success status, matching no error case.
    Envelope(Unwrapped),
    /// Another status than the success one, matching no error case.
    Undocumented(u16),
}

/// A spec the model cannot be built from (validation should have refused it first).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{provider}: {message}")]
pub struct ModelError {
    pub provider: String,
    pub message: String,
}

impl<'a> Model<'a> {
    pub fn build(validated: &'a Validated) -> Result<Self, ModelError> {
        let providers = validated
            .files()
            .iter()
            .map(|f| ProviderModel::build(&f.spec, source_label(&f.path)))
            .collect::<Result<_, _>>()?;
        Ok(Model { providers })
    }
}

impl<'a> ProviderModel<'a> {
    pub fn build(spec: &'a Spec, source: String) -> Result<Self, ModelError> {
        let operations = spec
            .operations
            .iter()
            .map(|op| {
                OperationModel::build(spec, op).map_err(|message| ModelError {
                    provider: spec.provider.id.clone(),
                    message,
                })
            })
            .collect::<Result<_, _>>()?;
        let (facts, problems) = cite::resolve::collect(spec);
        if let Some(p) = problems.first() {
            return Err(ModelError {
                provider: spec.provider.id.clone(),
                message: format!("{}: {}", crate::yaml::display_path(&p.at), p.problem),
            });
        }
        Ok(ProviderModel {
            spec,
            source,
            operations,
            facts,
        })
    }

    /// The citation of the fact at document path `at` (e.g. `operations[0]`,
    /// `operations[0].request.parameters[1]`, `types.X.fields[2]`), own or inherited.
    pub fn cite_at(&self, at: &[crate::yaml::PathSeg]) -> Option<&cite::Cited> {
        self.facts
            .iter()
            .find(|f| f.at == at)
            .and_then(|f| f.cite.as_ref())
    }

    pub fn operation(&self, id: &str) -> Option<&OperationModel<'a>> {
        self.operations.iter().find(|o| o.op.id == id)
    }
}

impl<'a> OperationModel<'a> {
    fn build(spec: &'a Spec, op: &'a Operation) -> Result<Self, String> {
        let path = PathTemplate::parse(&op.path).map_err(|e| format!("{}: {e}", op.id))?;
        let first_request = op.examples.iter().find_map(|e| e.request.as_ref());
        let credential = Credential::of(spec, op);
        let mut examples = Vec::new();
        for ex in &op.examples {
            let request = ex.request.as_ref().or(first_request);
            let params = match request {
                Some(req) => wire::typed_params(op, spec, req)
                    .map_err(|e| format!("{} example `{}`: {e}", op.id, ex.name))?,
                None => Map::new(),
            };
            examples.push(ExampleModel {
                example: ex,
                erratum: ex
                    .erratum
                    .as_ref()
                    .and_then(|id| spec.errata.iter().find(|e| &e.id == id)),
                request,
                own_request: ex.request.is_some(),
                wire: request.map(|req| WireRequest::build(op, &path, &credential, req)),
                params,
                outcome: ex.response.as_ref().map(|r| match &ex.error {
                    // The example names its case (validation held the body against it).
                    Some(case) => Outcome::Failure(case.clone()),
                    None => read_response(op, r.status, r.body.as_ref().unwrap_or(&Value::Null)),
                }),
            });
        }
        Ok(OperationModel {
            op,
            path,
            credential,
            signed: spec.signing_auth(op).is_some(),
            examples,
        })
    }
}

/// What a response of `op` means, documented or observed alike: under the success status the
/// payload once the envelope is removed, or the failure the envelope reports (a documented
/// case when one matches); under another status the documented case it matches.
pub fn read_response(op: &Operation, status: u16, body: &Value) -> Outcome {
    let case = |enveloped| {
        errors::matching_case(op, status, body, enveloped).map(|c| Outcome::Failure(c.name.clone()))
    };
    if status != op.response.status {
        return case(false).unwrap_or(Outcome::Undocumented(status));
    }
    match envelope::payload(op.response.envelope.as_ref(), body, &op.response.schema) {
        Ok(p) => Outcome::Payload(p),
        Err(e) => case(true).unwrap_or(Outcome::Envelope(e)),
    }
}

/// The last two components of a spec path (`specs/x.yaml`), so output does not depend on the
/// directory the generator ran from.
pub fn source_label(path: &std::path::Path) -> String {
    let parts: Vec<String> = path
        .components()
        .rev()
        .take(2)
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.into_iter().rev().collect::<Vec<_>>().join("/")
}
