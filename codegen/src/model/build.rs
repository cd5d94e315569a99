//! The Rust model of one provider built from its spec: types named and deduplicated, fields
//! with their wire encodings, operations with their request, response and error shapes.

use spec::format::{Deprecated, Kind, Location, Operation, Role, Schema, Spec, TypeDef, Wire};

use super::names::{dedupe, ident, type_name, RESERVED_TYPES};
use super::{
    AuthModel, Encoding, ErrorModel, FieldModel, PageModel, RustModelError, RustOperation,
    RustProvider, Ty, TypeBody, TypeModel, UnionVariant,
};

/// An optional nullable field is a `runtime::Nullable<T>` (see [`tri_state`]) only where
/// absent and `null` differ on the wire: in types a request can carry. In the others (answers
/// only) both read as `None`: the field is `Option<T>`.
pub(super) fn collapse_response_nullables(types: &mut [TypeModel], operations: &[RustOperation]) {
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

pub(super) struct Ctx<'a> {
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
            usage: std::sync::OnceLock::new(),
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
pub(super) enum FieldSrc<'a> {
    Field(&'a spec::format::Field),
    Param(&'a spec::format::Parameter),
}

pub(super) type FieldParts<'a> = (
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
