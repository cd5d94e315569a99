//! The provider-agnostic model renderers consume: Rust names (via `heck`), resolved types and
//! per-operation input, output and error shapes, built once from validated specs.

mod build;
mod names;

use spec::format::{AuthScheme, Deprecated, ErrorCase, Kind, Location, Operation, Schema, Spec};
use spec::validate::Validated;

pub use names::{ident, setter, type_name};

/// Everything to render.
#[derive(Debug)]
pub struct RustModel<'a> {
    pub providers: Vec<RustProvider<'a>>,
}

#[derive(Debug)]
pub struct RustProvider<'a> {
    pub spec: &'a Spec,
    /// Short label of the spec file for "generated from" lines, e.g. `specs/otc_dcs.yaml`.
    pub source: String,
    /// Rust module name (the provider id).
    pub module: String,
    pub types: Vec<TypeModel<'a>>,
    pub auth: Vec<AuthModel<'a>>,
    pub operations: Vec<RustOperation<'a>>,
    /// Every secret value the examples document ([`spec::model::ProviderModel::example_secrets`]),
    /// replaced wherever output could quote one.
    pub example_secrets: Vec<String>,
    /// Names of secrets sent as `name=value` pairs
    /// ([`spec::model::ProviderModel::secret_field_names`]), redacted by the clients.
    pub secret_fields: Vec<String>,
    /// Every fact of the spec with its resolved page citation ([`spec::cite::resolve`]);
    /// renderers look one up with [`RustProvider::cite`].
    pub facts: Vec<spec::cite::Fact>,
    /// The rendered citation of each cited fact, by document path.
    cites: std::collections::HashMap<Vec<spec::yaml::PathSeg>, String>,
}

impl RustProvider<'_> {
    /// The citation of the fact at document path `at` (e.g. `operations[0]`), own or
    /// inherited from its block, as one line (`002_….txt:45-47; erratum E1`).
    pub fn cite(&self, at: &[spec::yaml::PathSeg]) -> Option<&str> {
        self.cites.get(at).map(String::as_str)
    }
}

#[derive(Debug)]
pub struct AuthModel<'a> {
    pub id: &'a str,
    /// Builder method that sets this credential.
    pub setter: String,
    /// The generated constant naming this scheme (`AUTH_TOKEN`): its slot and placement.
    pub constant: String,
    pub scheme: &'a AuthScheme,
}

#[derive(Debug)]
pub struct TypeModel<'a> {
    pub name: String,
    pub doc: String,
    pub body: TypeBody<'a>,
}

#[derive(Debug)]
pub enum TypeBody<'a> {
    Object(Vec<FieldModel<'a>>),
    /// String enum: (Rust variant, wire value, doc).
    Enum(Vec<(String, &'a str, &'a str)>),
    Union(Vec<UnionVariant<'a>>),
    /// A string that identifies one kind of thing (a parameter's `identifies`, here `thing`):
    /// a newtype.
    Id {
        thing: String,
    },
}

#[derive(Debug)]
pub struct UnionVariant<'a> {
    pub name: String,
    pub doc: &'a str,
    /// The alternative's type, or `None` for a literal.
    pub ty: Option<Ty>,
    pub encoding: Encoding,
    /// JSON text of the literal.
    pub literal: Option<String>,
    /// The alternative's schema, whose constraints are checked before sending.
    pub schema: Option<&'a Schema>,
}

/// A Rust type, before optionality of the field is applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Ty {
    String,
    Secret,
    I32,
    I64,
    F64,
    Bool,
    Unit,
    Vec(Box<Ty>),
    /// A named type of the provider module.
    Named(String),
    /// `null` allowed.
    Nullable(Box<Ty>),
}

/// How a value differs on the wire from its Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Plain,
    /// Scalars as strings.
    Str,
    /// Array as one comma-separated string.
    Csv,
}

/// An object field or an operation parameter.
#[derive(Debug)]
pub struct FieldModel<'a> {
    pub wire: &'a str,
    /// Rust identifier (possibly `r#`-prefixed).
    pub ident: String,
    pub doc: &'a str,
    pub required: bool,
    pub schema: &'a Schema,
    pub ty: Ty,
    pub encoding: Encoding,
    /// Parameters only.
    pub location: Option<Location>,
    pub deprecated: Option<&'a Deprecated>,
    /// The resolved page citation ([`RustProvider::cite`]), for a `Source:` line.
    pub cite: Option<String>,
}

/// Whether generated code around `o` touches anything deprecated: the operation, one of its
/// parameters, or a field of one of the provider's types.
pub fn uses_deprecated(p: &RustProvider, o: &RustOperation) -> bool {
    o.op.deprecated.is_some()
        || o.params.iter().any(|f| f.deprecated.is_some())
        || p.spec
            .types
            .values()
            .any(|t| t.fields.iter().any(|f| f.deprecated.is_some()))
}

/// The note of a `#[deprecated]` attribute: the reason, then what to use instead.
pub fn deprecation_note(d: &Deprecated, replacement: impl Fn(&str) -> String) -> String {
    match &d.replacement {
        Some(r) => format!("{} Use {} instead.", d.reason.trim_end(), replacement(r)),
        None => d.reason.trim_end().to_string(),
    }
}

#[derive(Debug)]
pub struct RustOperation<'a> {
    pub op: &'a Operation,
    /// The spec model's resolved facts about the operation (path template, credential,
    /// examples with their outcomes).
    pub resolved: spec::model::OperationModel<'a>,
    pub method: String,
    pub request: String,
    pub error: String,
    /// The call builder `Client::<method>()` returns.
    pub builder: String,
    pub params: Vec<FieldModel<'a>>,
    pub response: Ty,
    pub errors: Vec<ErrorModel<'a>>,
    /// Index into the provider's `auth` list: the token scheme.
    pub auth: Option<usize>,
    /// Index into the provider's `auth` list: the signing scheme (alone or the alternative).
    pub signed: Option<usize>,
    pub pagination: Option<PageModel>,
    /// The resolved page citation of the operation.
    pub cite: Option<String>,
    /// The rustdoc usage example, rendered once for the Rust and docs renderers (which run
    /// on threads of their own): the crate name it was rendered for, and the text or the
    /// rendering failure.
    pub(crate) usage: std::sync::OnceLock<(String, Result<Option<String>, String>)>,
}

#[derive(Debug)]
pub struct ErrorModel<'a> {
    pub variant: String,
    pub case: &'a ErrorCase,
    pub ty: Ty,
    /// The resolved page citation of the error case.
    pub cite: Option<String>,
}

/// Resolved offset pagination of an operation.
#[derive(Debug)]
pub struct PageModel {
    pub start: String,
    pub start_ty: Ty,
    pub start_required: bool,
    pub first: i64,
    pub items: String,
    pub items_required: bool,
    pub item_ty: Ty,
    pub total: String,
    pub total_ty: Ty,
    pub total_required: bool,
}

/// Why a spec cannot be modelled (the validator should have caught it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{provider}: {message}")]
pub struct RustModelError {
    pub provider: String,
    pub message: String,
}

impl<'a> RustModel<'a> {
    pub fn build(validated: &'a Validated) -> Result<Self, RustModelError> {
        // Providers are built independently: a thread each, kept in file order.
        let providers = spec::threads::each(validated.files(), |f| {
            RustProvider::build(&f.spec, spec::model::source_label(&f.path))
        })
        .into_iter()
        .collect::<Result<_, _>>()?;
        Ok(RustModel { providers })
    }

    /// Every provider's spec file, as the banner of a file rendered from all of them names
    /// them (`no specs` when there is none).
    pub fn sources(&self) -> String {
        let sources: Vec<&str> = self.providers.iter().map(|p| p.source.as_str()).collect();
        if sources.is_empty() {
            "no specs".to_owned()
        } else {
            sources.join(", ")
        }
    }
}

/// The value type of a field that is optional and nullable where it matters (sent in a
/// request): rendered `runtime::Nullable<T>`, absent, `null` or a value.
pub fn tri_state<'f>(f: &'f FieldModel) -> Option<&'f Ty> {
    match &f.ty {
        Ty::Nullable(inner) if !f.required => Some(inner),
        _ => None,
    }
}

/// Whether `f` is an id with a type of its own (a parameter with `identifies`).
pub fn is_id(f: &FieldModel) -> bool {
    f.schema.kind == Kind::String && matches!(f.ty, Ty::Named(_))
}
