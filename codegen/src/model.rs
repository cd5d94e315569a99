//! The provider-agnostic model renderers consume: Rust names (via `heck`), resolved types and
//! per-operation input, output and error shapes, built once from validated specs.

use heck::{ToSnakeCase, ToUpperCamelCase};

use spec::format::{
    AuthScheme, Deprecated, ErrorCase, Kind, Location, Operation, Role, Schema, Spec, TypeDef, Wire,
};
use spec::validate::Validated;

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
    /// Every fact of the spec with its resolved page citation ([`spec::model::facts`]);
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

// The names before `Rust*`, kept only for `render/fixtures.rs` and `render/protocol_tests.rs`,
// which the wire-model work rewrites; drop these once it has landed.
#[doc(hidden)]
pub type Model<'a> = RustModel<'a>;
#[doc(hidden)]
pub type ProviderModel<'a> = RustProvider<'a>;
#[doc(hidden)]
pub type OpModel<'a> = RustOperation<'a>;

/// Why a spec cannot be modelled (the validator should have caught it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{provider}: {message}")]
pub struct RustModelError {
    pub provider: String,
    pub message: String,
}

impl<'a> RustModel<'a> {
    pub fn build(validated: &'a Validated) -> Result<Self, RustModelError> {
        let providers = validated
            .files()
            .iter()
            .map(|f| RustProvider::build(&f.spec, spec::model::source_label(&f.path)))
            .collect::<Result<_, _>>()?;
        Ok(RustModel { providers })
    }
}

/// A snake_case Rust identifier for any wire name.
/// Methods of every call builder and request, which a parameter's setter must not shadow.
const BUILDER_METHODS: &[&str] = &["new", "send", "stream", "request", "build"];

/// The setter of a parameter on its call builder and request: its identifier, or `with_<it>`
/// when a builder method has that name.
pub fn setter(ident: &str) -> String {
    if BUILDER_METHODS.contains(&ident) {
        format!("with_{ident}")
    } else {
        ident.to_owned()
    }
}

pub fn ident(name: &str) -> String {
    let mut s = name.to_snake_case();
    if s.is_empty() {
        s = "value".into();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("n_{s}");
    }
    if is_keyword(&s) {
        s = if matches!(s.as_str(), "self" | "super" | "crate" | "Self") {
            format!("{s}_")
        } else {
            format!("r#{s}")
        };
    }
    s
}

/// An UpperCamelCase Rust type or variant name.
pub fn type_name(name: &str) -> String {
    let mut s = name.to_upper_camel_case();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        s = format!("V{s}");
    }
    if s == "Self" {
        s = "SelfValue".into();
    }
    s
}

fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "as" | "break"
            | "const"
            | "continue"
            | "crate"
            | "else"
            | "enum"
            | "extern"
            | "false"
            | "fn"
            | "for"
            | "if"
            | "impl"
            | "in"
            | "let"
            | "loop"
            | "match"
            | "mod"
            | "move"
            | "mut"
            | "pub"
            | "ref"
            | "return"
            | "self"
            | "Self"
            | "static"
            | "struct"
            | "super"
            | "trait"
            | "true"
            | "type"
            | "unsafe"
            | "use"
            | "where"
            | "while"
            | "async"
            | "await"
            | "dyn"
            | "abstract"
            | "become"
            | "box"
            | "do"
            | "final"
            | "macro"
            | "override"
            | "priv"
            | "typeof"
            | "unsized"
            | "virtual"
            | "yield"
            | "try"
            | "gen"
    )
}

/// Make names unique by suffixing repeats with their position, or the next number after it
/// when an earlier name already has that suffix (`x`, `x3`, `x` gives `x`, `x3`, `x4`).
fn dedupe(names: &mut [String]) {
    for i in 1..names.len() {
        if names[..i].contains(&names[i]) {
            let base = names[i].trim_start_matches("r#").to_owned();
            let mut n = i + 1;
            let mut name = format!("{base}{n}");
            while names[..i].contains(&name) {
                n += 1;
                name = format!("{base}{n}");
            }
            names[i] = name;
        }
    }
}

/// An optional nullable field is a `runtime::Nullable<T>` (see [`tri_state`]) only where
/// absent and `null` differ on the wire: in types a request can carry. In the others (answers
/// only) both read as `None`: the field is `Option<T>`.
fn collapse_response_nullables(types: &mut [TypeModel], operations: &[RustOperation]) {
    let mut sent: Vec<String> = Vec::new();
    let mut todo: Vec<&Ty> = operations
        .iter()
        .flat_map(|o| o.params.iter().map(|f| &f.ty))
        .collect();
    let named = |t: &Ty| -> Option<String> {
        let mut t = t;
        loop {
            match t {
                Ty::Vec(inner) | Ty::Nullable(inner) => t = inner,
                Ty::Named(n) => return Some(n.clone()),
                _ => return None,
            }
        }
    };
    while let Some(t) = todo.pop() {
        let Some(n) = named(t) else { continue };
        if sent.contains(&n) {
            continue;
        }
        if let Some(def) = types.iter().find(|d| d.name == n) {
            match &def.body {
                TypeBody::Object(fields) => todo.extend(fields.iter().map(|f| &f.ty)),
                TypeBody::Union(variants) => {
                    todo.extend(variants.iter().filter_map(|v| v.ty.as_ref()))
                }
                TypeBody::Enum(_) | TypeBody::Id { .. } => {}
            }
        }
        sent.push(n);
    }
    for t in types.iter_mut().filter(|t| !sent.contains(&t.name)) {
        if let TypeBody::Object(fields) = &mut t.body {
            for f in fields.iter_mut().filter(|f| !f.required) {
                if let Ty::Nullable(inner) = &f.ty {
                    f.ty = (**inner).clone();
                }
            }
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

/// Items each provider module declares or re-exports, which no spec type may be named.
pub const RESERVED_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "EnvelopeError",
    "BuildError",
    "InvalidInput",
    "ResponseValue",
    "Secret",
    "Violation",
];

struct Ctx<'a> {
    spec: &'a Spec,
    /// Types synthesised for inline unions, appended after the named types.
    extra: Vec<TypeModel<'a>>,
    taken: Vec<String>,
    /// Identified things and the names of their id types.
    ids: Vec<(String, String)>,
    /// Rendered citations by document path (see [`RustProvider::cite`]).
    cites: std::collections::HashMap<Vec<spec::yaml::PathSeg>, String>,
}

impl<'a> RustProvider<'a> {
    pub fn build(spec: &'a Spec, source: String) -> Result<Self, RustModelError> {
        let err = |message: String| RustModelError {
            provider: spec.provider.id.clone(),
            message,
        };
        let mut resolved =
            spec::model::ProviderModel::build(spec, source.clone()).map_err(|e| err(e.message))?;
        let facts = std::mem::take(&mut resolved.facts);
        let cites = facts
            .iter()
            .filter_map(|f| Some((f.at.clone(), f.cite.as_ref()?.render())))
            .collect();
        let mut cx = Ctx {
            spec,
            extra: Vec::new(),
            taken: spec.types.keys().map(|k| type_name(k)).collect(),
            ids: Vec::new(),
            cites,
        };
        let mut types = Vec::new();
        if let Some(name) = spec
            .types
            .keys()
            .find(|k| RESERVED_TYPES.contains(&type_name(k).as_str()))
        {
            return Err(err(format!(
                "type `{name}` has the Rust name of an item every client module declares; rename it"
            )));
        }
        for (name, def) in &spec.types {
            types.push(cx.type_def(name, def).map_err(err)?);
        }
        let auth: Vec<AuthModel> = spec
            .auth
            .iter()
            .map(|(id, scheme)| AuthModel {
                id,
                setter: ident(id),
                constant: format!("AUTH_{}", ident(id).trim_start_matches("r#").to_uppercase()),
                scheme,
            })
            .collect();
        let example_secrets = resolved.example_secrets();
        let secret_fields = resolved.secret_field_names();
        let mut operations = Vec::new();
        for (i, op) in resolved.operations.into_iter().enumerate() {
            operations.push(cx.operation(i, op, &auth).map_err(err)?);
        }
        types.append(&mut cx.extra);
        collapse_response_nullables(&mut types, &operations);
        Ok(RustProvider {
            spec,
            source,
            module: ident(&spec.provider.id),
            types,
            auth,
            operations,
            example_secrets,
            secret_fields,
            facts,
            cites: cx.cites,
        })
    }
}

impl<'a> Ctx<'a> {
    fn fresh_name(&mut self, wanted: String) -> String {
        let mut name = wanted.clone();
        let mut n = 2;
        while self.taken.contains(&name) {
            name = format!("{wanted}{n}");
            n += 1;
        }
        self.taken.push(name.clone());
        name
    }

    fn type_def(&mut self, name: &str, def: &'a TypeDef) -> Result<TypeModel<'a>, String> {
        let rust = type_name(name);
        let body = if !def.values.is_empty() {
            let mut names: Vec<String> = def.values.iter().map(|v| type_name(&v.value)).collect();
            for n in names.iter_mut() {
                if n == "Unknown" {
                    *n = "UnknownValue".into();
                }
            }
            dedupe(&mut names);
            TypeBody::Enum(
                names
                    .into_iter()
                    .zip(&def.values)
                    .map(|(n, v)| (n, v.value.as_str(), v.description.as_str()))
                    .collect(),
            )
        } else {
            let at = ["types".into(), name.into(), "fields".into()];
            TypeBody::Object(self.fields(&rust, &at, def.fields.iter().map(FieldSrc::Field))?)
        };
        Ok(TypeModel {
            name: rust,
            doc: def.description.clone(),
            body,
        })
    }

    fn fields(
        &mut self,
        owner: &str,
        at: &[spec::yaml::PathSeg],
        src: impl Iterator<Item = FieldSrc<'a>>,
    ) -> Result<Vec<FieldModel<'a>>, String> {
        let mut out = Vec::new();
        for (i, f) in src.enumerate() {
            let (wire, doc, required, schema, role, location) = f.parts();
            let mut ty = self.ty(schema, &format!("{owner}{}", type_name(wire)))?;
            if role == Some(Role::Secret) && ty == Ty::String {
                ty = Ty::Secret;
            }
            if let (FieldSrc::Param(p), Ty::String) = (&f, &ty) {
                if let Some(thing) = &p.identifies {
                    ty = Ty::Named(self.id_type(thing));
                }
            }
            out.push(FieldModel {
                deprecated: f.deprecated(),
                wire,
                ident: ident(wire),
                doc,
                required,
                schema,
                ty,
                encoding: encoding(schema),
                location,
                cite: self.cite(at, [i.into()]),
            });
        }
        let mut idents: Vec<String> = out.iter().map(|f| f.ident.clone()).collect();
        dedupe(&mut idents);
        for (f, i) in out.iter_mut().zip(idents) {
            f.ident = i;
        }
        Ok(out)
    }

    /// The newtype of ids of `thing` (one per thing, shared by every parameter naming it).
    fn id_type(&mut self, thing: &str) -> String {
        if let Some((_, name)) = self.ids.iter().find(|(t, _)| t == thing) {
            return name.clone();
        }
        let name = self.fresh_name(format!("{}Id", type_name(thing)));
        self.extra.push(TypeModel {
            name: name.clone(),
            doc: format!(
                "Identifies one {} (`{thing}`): a string with a type of its own, so the id of \
                 another kind of thing does not fit where this one goes.",
                thing.replace('_', " ")
            ),
            body: TypeBody::Id {
                thing: thing.to_owned(),
            },
        });
        self.ids.push((thing.to_owned(), name.clone()));
        name
    }

    /// The Rust type of `schema`; inline unions become named types called `hint`.
    fn ty(&mut self, schema: &'a Schema, hint: &str) -> Result<Ty, String> {
        let base = match schema.kind {
            Kind::String => Ty::String,
            Kind::Integer => Ty::I32,
            Kind::Long => Ty::I64,
            Kind::Number => Ty::F64,
            Kind::Boolean => Ty::Bool,
            Kind::Unit => Ty::Unit,
            Kind::Array => {
                let items = schema
                    .items
                    .as_deref()
                    .ok_or_else(|| format!("array `{hint}` has no `items`"))?;
                Ty::Vec(Box::new(self.ty(items, &format!("{hint}Item"))?))
            }
            Kind::Ref => {
                let r = schema
                    .reference
                    .as_deref()
                    .ok_or_else(|| format!("`{hint}` is a ref without `ref`"))?;
                if !self.spec.types.contains_key(r) {
                    return Err(format!("`{hint}` refers to unknown type `{r}`"));
                }
                Ty::Named(type_name(r))
            }
            Kind::OneOf => {
                let name = self.fresh_name(hint.to_owned());
                let mut variants = Vec::new();
                for v in &schema.variants {
                    let ty = match &v.schema {
                        Some(s) => Some(self.ty(s, &format!("{name}{}", type_name(&v.name)))?),
                        None => None,
                    };
                    variants.push(UnionVariant {
                        name: type_name(&v.name),
                        doc: &v.description,
                        ty,
                        encoding: v.schema.as_ref().map_or(Encoding::Plain, encoding),
                        literal: v.literal.as_ref().map(|l| l.to_string()),
                        schema: v.schema.as_ref(),
                    });
                }
                self.extra.push(TypeModel {
                    name: name.clone(),
                    doc: format!("One of {} alternatives, tried in order.", variants.len()),
                    body: TypeBody::Union(variants),
                });
                Ty::Named(name)
            }
        };
        Ok(if schema.nullable {
            Ty::Nullable(Box::new(base))
        } else {
            base
        })
    }

    /// The citation at `base` followed by `rest`.
    fn cite<const N: usize>(
        &self,
        base: &[spec::yaml::PathSeg],
        rest: [spec::yaml::PathSeg; N],
    ) -> Option<String> {
        let at: Vec<_> = base.iter().cloned().chain(rest).collect();
        self.cites.get(&at).cloned()
    }

    fn operation(
        &mut self,
        index: usize,
        resolved: spec::model::OperationModel<'a>,
        auth: &[AuthModel<'a>],
    ) -> Result<RustOperation<'a>, String> {
        let op = resolved.op;
        let camel = type_name(&op.id);
        let request = self.fresh_name(format!("{camel}Request"));
        let error = self.fresh_name(format!("{camel}Error"));
        let builder = self.fresh_name(format!("{camel}Builder"));
        let at: [spec::yaml::PathSeg; 2] = ["operations".into(), index.into()];
        let params_at = [
            at[0].clone(),
            at[1].clone(),
            "request".into(),
            "parameters".into(),
        ];
        let params = self.fields(
            &camel,
            &params_at,
            op.request.parameters.iter().map(FieldSrc::Param),
        )?;
        let response = self.ty(&op.response.schema, &format!("{camel}Response"))?;
        let mut errors = Vec::new();
        let mut names: Vec<String> = op.errors.iter().map(|e| type_name(&e.name)).collect();
        dedupe(&mut names);
        for (i, (case, variant)) in op.errors.iter().zip(names).enumerate() {
            let ty = self.ty(&case.schema, &format!("{camel}{variant}Body"))?;
            let cite = self.cite(&at, ["errors".into(), i.into()]);
            errors.push(ErrorModel {
                variant,
                case,
                ty,
                cite,
            });
        }
        let index = |id: &str| auth.iter().position(|a| a.id == id);
        let auth_index = self.spec.token_auth(op).and_then(|(id, _)| index(id));
        let signed_index = self.spec.signing_auth(op).and_then(|(id, _)| index(id));
        if let Some(id) = op
            .auth
            .iter()
            .flat_map(|a| a.ids())
            .find(|id| index(id).is_none())
        {
            return Err(format!("operation `{}` uses unknown auth `{id}`", op.id));
        }
        let pagination = match &op.pagination {
            Some(p) => Some(self.page(op, p, &params, &response)?),
            None => None,
        };
        Ok(RustOperation {
            op,
            resolved,
            method: ident(&op.id),
            request,
            error,
            builder,
            params,
            response,
            errors,
            auth: auth_index,
            signed: signed_index,
            pagination,
            cite: self.cite(&at, []),
        })
    }

    fn page(
        &self,
        op: &Operation,
        p: &spec::format::Pagination,
        params: &[FieldModel],
        response: &Ty,
    ) -> Result<PageModel, String> {
        let fail = |what: &str| format!("pagination of `{}`: {what}", op.id);
        let start = params
            .iter()
            .find(|f| f.wire == p.start)
            .ok_or_else(|| fail("start parameter not found"))?;
        let Ty::Named(resp) = response else {
            return Err(fail("response is not a named object"));
        };
        let def = self
            .spec
            .types
            .iter()
            .find(|(k, _)| type_name(k) == *resp)
            .map(|(_, d)| d)
            .ok_or_else(|| fail("response type not found"))?;
        let field = |name: &str| {
            def.fields
                .iter()
                .find(|f| f.name == name)
                .ok_or_else(|| fail(&format!("payload field `{name}` not found")))
        };
        let items = field(&p.items)?;
        let total = field(&p.total)?;
        let item_ty = match &items.schema.items {
            Some(s) if items.schema.kind == Kind::Array => match s.kind {
                Kind::Ref => Ty::Named(type_name(s.reference.as_deref().unwrap_or_default())),
                Kind::String => Ty::String,
                Kind::Integer => Ty::I32,
                Kind::Long => Ty::I64,
                _ => return Err(fail("items must be a list of refs or scalars")),
            },
            _ => return Err(fail("items field is not an array")),
        };
        let int_ty = |s: &Schema| match s.kind {
            Kind::Integer => Ok(Ty::I32),
            Kind::Long => Ok(Ty::I64),
            _ => Err(fail("start and total must be integers")),
        };
        Ok(PageModel {
            start: start.ident.clone(),
            start_ty: int_ty(start.schema)?,
            start_required: start.required,
            first: p.first,
            items: ident(&items.name),
            items_required: items.required && !items.schema.nullable,
            item_ty,
            total: ident(&total.name),
            total_ty: int_ty(&total.schema)?,
            total_required: total.required && !total.schema.nullable,
        })
    }
}

/// A field of an object or a parameter, seen the same way.
enum FieldSrc<'a> {
    Field(&'a spec::format::Field),
    Param(&'a spec::format::Parameter),
}

type FieldParts<'a> = (
    &'a str,
    &'a str,
    bool,
    &'a Schema,
    Option<Role>,
    Option<Location>,
);

impl<'a> FieldSrc<'a> {
    fn deprecated(&self) -> Option<&'a Deprecated> {
        match self {
            FieldSrc::Field(f) => f.deprecated.as_ref(),
            FieldSrc::Param(p) => p.deprecated.as_ref(),
        }
    }

    fn parts(&self) -> FieldParts<'a> {
        match self {
            FieldSrc::Field(f) => (&f.name, &f.description, f.required, &f.schema, f.role, None),
            FieldSrc::Param(p) => (
                &p.name,
                &p.description,
                p.required,
                &p.schema,
                p.role,
                Some(p.location),
            ),
        }
    }
}

/// The wire encoding of a field's value.
pub fn encoding(schema: &Schema) -> Encoding {
    match schema.wire {
        Some(Wire::Csv) => Encoding::Csv,
        Some(Wire::String) => Encoding::Str,
        None if schema.kind == Kind::Array
            && schema.items.as_ref().and_then(|i| i.wire) == Some(Wire::String) =>
        {
            Encoding::Str
        }
        None => Encoding::Plain,
    }
}
