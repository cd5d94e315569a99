//! Token builders for models: named types, request structs, constraint checks, error enums.

use std::collections::HashSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::syntax::{
    self, arg, block, call, expr_path, field, generic_path, generic_ty, ident_pat, list_attr, lit,
    local, method_call, path_ty, receiver, ref_array, ref_ty, reference, semi, some, str_lit, tail,
    Func,
};

use crate::model::{
    deprecation_note, ident, Encoding, FieldModel, OpModel, Ty, TypeBody, TypeModel, UnionVariant,
};
use spec::format::{Deprecated, Schema};

/// `#[deprecated(note = "...")]` for a field, parameter setter or method; `replacement`
/// renders the name a spec's `replacement` gives as the Rust item to use instead.
pub fn deprecated_attr(d: &Deprecated, replacement: impl Fn(&str) -> String) -> syn::Attribute {
    let note = deprecation_note(d, replacement);
    list_attr("deprecated", quote!(note = #note))
}

/// `#[allow(deprecated)]`, on the generated crate's own uses of what it marks deprecated.
pub fn allow_deprecated() -> syn::Attribute {
    list_attr("allow", quote!(deprecated))
}

/// The replacement of a deprecated field or parameter: its Rust field (and setter) name.
fn field_replacement(name: &str) -> String {
    format!("`{}`", ident(name).trim_start_matches("r#"))
}

/// `text` followed by a one-line `Source:` paragraph naming the page lines it comes from.
pub fn cited(text: &str, cite: Option<&str>) -> String {
    match cite {
        Some(c) => format!("{}\n\nSource: `{c}`.", text.trim_end()),
        None => text.to_owned(),
    }
}

/// `#[doc = " line"]` per line of `text`.
pub fn doc(text: &str) -> TokenStream {
    let lines = text.trim().lines().map(|l| {
        let l = format!(" {}", l.trim_end());
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// The same lines as [`doc`], as attributes built directly (no token parsing).
pub fn doc_attrs(text: &str) -> Vec<syn::Attribute> {
    text.trim()
        .lines()
        .map(|l| {
            let line = syn::LitStr::new(&format!(" {}", l.trim_end()), Span::call_site());
            syn::Attribute {
                pound_token: Default::default(),
                style: syn::AttrStyle::Outer,
                bracket_token: Default::default(),
                meta: syn::Meta::NameValue(syn::MetaNameValue {
                    path: Ident::new("doc", Span::call_site()).into(),
                    eq_token: Default::default(),
                    value: syn::Expr::Lit(syn::ExprLit {
                        attrs: Vec::new(),
                        lit: syn::Lit::Str(line),
                    }),
                }),
            }
        })
        .collect()
}

/// An identifier, raw (`r#type`) when the model says so.
pub fn id(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub fn ty(t: &Ty) -> TokenStream {
    match t {
        Ty::String => quote!(String),
        Ty::Secret => quote!(runtime::Secret),
        Ty::I32 => quote!(i32),
        Ty::I64 => quote!(i64),
        Ty::F64 => quote!(f64),
        Ty::Bool => quote!(bool),
        Ty::Unit => quote!(()),
        Ty::Vec(inner) => {
            let inner = ty(inner);
            quote!(Vec<#inner>)
        }
        Ty::Named(n) => {
            let n = id(n);
            quote!(#n)
        }
        Ty::Nullable(inner) => {
            let inner = ty(inner);
            quote!(Option<#inner>)
        }
    }
}

/// The field's type once optionality is applied.
pub fn field_ty(f: &FieldModel) -> TokenStream {
    if let Some(inner) = crate::model::tri_state(f) {
        let inner = ty(inner);
        return quote!(runtime::Nullable<#inner>);
    }
    let t = ty(&f.ty);
    if f.required {
        t
    } else {
        quote!(Option<#t>)
    }
}

/// The inside of a field's `#[serde(..)]` attribute, if it needs one.
fn serde_parts(f: &FieldModel) -> Option<TokenStream> {
    let mut parts = Vec::new();
    if f.ident.trim_start_matches("r#") != f.wire {
        let wire = f.wire;
        parts.push(quote!(rename = #wire));
    }
    // A request serializes to its JSON body: parameters sent elsewhere are left out.
    let elsewhere = f
        .location
        .is_some_and(|l| l != spec::format::Location::Body);
    if elsewhere {
        parts.push(quote!(skip_serializing));
    }
    if !f.required {
        if elsewhere {
            parts.push(quote!(default));
        } else if crate::model::tri_state(f).is_some() {
            parts.push(quote!(
                default,
                skip_serializing_if = "runtime::Nullable::is_absent"
            ));
        } else {
            parts.push(quote!(default, skip_serializing_if = "Option::is_none"));
        }
    }
    match f.encoding {
        Encoding::Str => parts.push(quote!(with = "runtime::wire::string")),
        Encoding::Csv => parts.push(quote!(with = "runtime::wire::csv")),
        Encoding::Plain => {}
    }
    (!parts.is_empty()).then(|| quote!(#(#parts),*))
}

fn serde_attrs(f: &FieldModel) -> TokenStream {
    match serde_parts(f) {
        Some(parts) => quote!(#[serde(#parts)]),
        None => quote!(),
    }
}

/// A struct's fields as a tree: docs, serde attribute, `pub name: type`.
fn struct_fields_tree(fields: &[FieldModel]) -> syn::Fields {
    let named = fields.iter().map(|f| {
        let mut attrs = doc_attrs(&cited(f.doc, f.cite.as_deref()));
        attrs.extend(f.deprecated.map(|d| deprecated_attr(d, field_replacement)));
        attrs.extend(serde_parts(f).map(|p| list_attr("serde", p)));
        let t = match crate::model::tri_state(f) {
            Some(inner) => generic_ty("runtime::Nullable", vec![syntax::ty(inner)]),
            None if f.required => syntax::ty(&f.ty),
            None => generic_ty("Option", vec![syntax::ty(&f.ty)]),
        };
        syn::Field {
            attrs,
            vis: syn::Visibility::Public(Default::default()),
            mutability: syn::FieldMutability::None,
            ident: Some(id(&f.ident)),
            colon_token: Some(Default::default()),
            ty: t,
        }
    });
    syn::Fields::Named(syn::FieldsNamed {
        brace_token: Default::default(),
        named: named.collect(),
    })
}

fn struct_fields(fields: &[FieldModel]) -> TokenStream {
    let fields = fields.iter().map(|f| {
        let d = doc(&cited(f.doc, f.cite.as_deref()));
        let deprecated = f.deprecated.map(|d| deprecated_attr(d, field_replacement));
        let attrs = serde_attrs(f);
        let name = id(&f.ident);
        let t = field_ty(f);
        quote!(#d #deprecated #attrs pub #name: #t,)
    });
    quote!(#(#fields)*)
}

/// A named type of the spec (object, string enum or union).
pub fn type_item(t: &TypeModel, objects: &HashSet<String>) -> TokenStream {
    let d = doc(&t.doc);
    let name = id(&t.name);
    match &t.body {
        TypeBody::Object(fields) => {
            let body = struct_fields(fields);
            let check = check_impl(&t.name, fields, objects);
            let new = constructors(
                &t.name,
                fields,
                "Creates the value from its required fields; the setters add optional ones.",
            );
            let default = fields.iter().all(|f| !f.required).then(|| quote!(Default,));
            quote! {
                #d
                #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
                #[non_exhaustive]
                pub struct #name { #body }
                #new
                #check
            }
        }
        TypeBody::Enum(values) => enum_item(&name, d, values),
        TypeBody::Id { .. } => quote! {
            #d
            #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
            #[serde(transparent)]
            pub struct #name(pub String);

            impl #name {
                /// The id as sent.
                pub fn as_str(&self) -> &str {
                    &self.0
                }
            }

            impl From<String> for #name {
                fn from(id: String) -> Self {
                    Self(id)
                }
            }

            impl From<&str> for #name {
                fn from(id: &str) -> Self {
                    Self(id.to_owned())
                }
            }

            impl AsRef<str> for #name {
                fn as_ref(&self) -> &str {
                    &self.0
                }
            }

            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str(&self.0)
                }
            }
        },
        TypeBody::Union(variants) => {
            let item = union_item(&name, d, variants);
            let check = union_check_impl(&t.name, variants, objects);
            quote!(#item #check)
        }
    }
}

/// `impl runtime::Check` for a union: the constraints of whichever alternative it holds.
fn union_check_impl(name: &str, variants: &[UnionVariant], objects: &HashSet<String>) -> syn::Item {
    let arms: Vec<TokenStream> = variants
        .iter()
        .filter_map(|v| {
            let (schema, t) = (v.schema?, v.ty.as_ref()?);
            let body = value_checks(schema, t, "", objects);
            if body.is_empty() {
                return None;
            }
            let vn = id(&v.name);
            Some(quote!(if let Self::#vn(v) = self { #(#body)* }))
        })
        .collect();
    let tokens = if arms.is_empty() {
        quote!(
            fn check(&self, _c: &mut runtime::Checker, _at: &str) {}
        )
    } else {
        // A union of one alternative matches it irrefutably.
        let allow = (variants.len() == 1).then(|| quote!(#[allow(irrefutable_let_patterns)]));
        quote! {
            #allow
            fn check(&self, c: &mut runtime::Checker, at: &str) {
                #(#arms)*
            }
        }
    };
    let n = id(name);
    syn::parse2(quote!(impl runtime::Check for #n { #tokens })).expect("a union's check parses")
}

fn enum_item(name: &Ident, d: TokenStream, values: &[(String, &str, &str)]) -> TokenStream {
    let variants = values.iter().map(|(v, _, desc)| {
        let v = id(v);
        let d = doc(desc);
        quote!(#d #v,)
    });
    let wire = values.iter().map(|(v, wire, _)| {
        let v = id(v);
        quote!(#v => #wire)
    });
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know (kept as sent).
            Unknown(String),
        }
        runtime::decl::string_enum!(#name { #(#wire),* });
    }
}

fn union_item(name: &Ident, d: TokenStream, variants: &[UnionVariant]) -> TokenStream {
    let defs = variants.iter().map(|v| {
        let vd = doc(v.doc);
        let vn = id(&v.name);
        match &v.ty {
            Some(t) => {
                let t = ty(t);
                quote!(#vd #vn(#t),)
            }
            None => quote!(#vd #vn,),
        }
    });
    let ser = variants.iter().map(|v| {
        let vn = id(&v.name);
        match (&v.ty, &v.literal) {
            (Some(_), _) => {
                let to = match v.encoding {
                    Encoding::Plain => quote!(serde::Serialize::serialize(v, s)),
                    Encoding::Str => quote!(runtime::wire::string::serialize(v, s)),
                    Encoding::Csv => quote!(runtime::wire::csv::serialize(v, s)),
                };
                quote!(Self::#vn(v) => #to,)
            }
            (None, lit) => {
                let lit = lit.clone().unwrap_or_else(|| "null".into());
                quote!(Self::#vn => serde::Serialize::serialize(&runtime::wire::literal(#lit), s),)
            }
        }
    });
    let de = variants.iter().map(|v| {
        let vn = id(&v.name);
        match (&v.ty, &v.literal) {
            (Some(t), _) => {
                let t = ty(t);
                let from = match v.encoding {
                    Encoding::Plain => quote!(serde_json::from_value::<#t>(v.clone())),
                    Encoding::Str => {
                        quote!(<#t as runtime::wire::StrForm>::from_wire(v.clone()))
                    }
                    Encoding::Csv => {
                        quote!(<#t as runtime::wire::CsvForm>::from_wire(v.clone()))
                    }
                };
                quote!(if let Ok(x) = #from { return Ok(Self::#vn(x)); })
            }
            (None, Some(lit)) => quote!(if text == #lit { return Ok(Self::#vn); }),
            (None, None) => quote!(),
        }
    });
    let what = format!("a value matching none of the alternatives of {name}");
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#defs)* }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                match self { #(#ser)* }
            }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                let text = runtime::wire::json_text(&v);
                #(#de)*
                Err(serde::de::Error::custom(format!("{}: {}", #what, text)))
            }
        }
    }
}

/// `impl runtime::Check` from the fields' documented constraints.
pub fn check_impl(name: &str, fields: &[FieldModel], objects: &HashSet<String>) -> syn::Item {
    let mut stmts = Vec::new();
    let mut reads_deprecated = false;
    for f in fields {
        // A tri-state field is matched in one pattern (`runtime::Nullable::Value(v)`).
        let (pattern, t) = match (&f.ty, f.required) {
            (Ty::Nullable(inner), false) => (Some(value_pat(ident_pat("v"))), &**inner),
            (t, false) => (Some(some_pat(ident_pat("v"))), t),
            (t, true) => (None, t),
        };
        let body = value_checks(f.schema, t, f.wire, objects);
        if body.is_empty() {
            continue;
        }
        reads_deprecated |= f.deprecated.is_some();
        let value = reference(field(expr_path("self"), &f.ident));
        match pattern {
            None => {
                stmts.push(local("v", value));
                stmts.extend(body);
            }
            Some(pattern) => stmts.push(tail(if_let(pattern, value, body))),
        }
    }
    let (c, at) = if stmts.is_empty() {
        ("_c", "_at")
    } else {
        ("c", "at")
    };
    let checker = syn::Type::Reference(syn::TypeReference {
        and_token: Default::default(),
        lifetime: None,
        mutability: Some(Default::default()),
        elem: Box::new(path_ty("runtime::Checker")),
    });
    let mut check = Func::new(
        id("check"),
        vec![
            receiver(true),
            arg(c, checker),
            arg(at, ref_ty(path_ty("str"))),
        ],
        None,
    );
    check.public = false;
    check.body = stmts;
    let mut item = impl_block(Some("runtime::Check"), name, vec![check.build()]);
    if reads_deprecated {
        allow_deprecated_on(&mut item);
    }
    item
}

/// Adds `#[allow(deprecated)]` to an impl block.
fn allow_deprecated_on(item: &mut syn::Item) {
    if let syn::Item::Impl(i) = item {
        i.attrs.push(allow_deprecated());
    }
}

/// `if let pattern = value { body }`.
fn if_let(pattern: syn::Pat, value: syn::Expr, body: Vec<syn::Stmt>) -> syn::Expr {
    syn::Expr::If(syn::ExprIf {
        attrs: Vec::new(),
        if_token: Default::default(),
        cond: Box::new(syn::Expr::Let(syn::ExprLet {
            attrs: Vec::new(),
            let_token: Default::default(),
            pat: Box::new(pattern),
            eq_token: Default::default(),
            expr: Box::new(value),
        })),
        then_branch: block(body),
        else_branch: None,
    })
}

/// `Some(inner)` as a pattern.
fn some_pat(inner: syn::Pat) -> syn::Pat {
    variant_pat("Some", inner)
}

fn value_pat(inner: syn::Pat) -> syn::Pat {
    variant_pat("runtime::Nullable::Value", inner)
}

fn variant_pat(variant: &str, inner: syn::Pat) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: syntax::path(variant),
        paren_token: Default::default(),
        elems: std::iter::once(inner).collect(),
    })
}

/// `impl [Trait for] Type { items }`.
fn impl_block(trait_: Option<&str>, self_ty: &str, items: Vec<syn::ImplItem>) -> syn::Item {
    syn::Item::Impl(syn::ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: syn::Generics::default(),
        trait_: trait_.map(|t| (None, syntax::path(t), Default::default())),
        self_ty: Box::new(path_ty(self_ty)),
        brace_token: Default::default(),
        items,
    })
}

/// Checks of a value `v: &T` of type `t` against `schema`'s constraints.
fn value_checks(schema: &Schema, t: &Ty, name: &str, objects: &HashSet<String>) -> Vec<syn::Stmt> {
    let opt = |v: Option<u32>| match v {
        Some(n) => some(lit(Literal::u32_suffixed(n))),
        None => expr_path("None"),
    };
    let opt64 = |v: Option<i64>| match v {
        Some(n) => some(lit(Literal::i64_suffixed(n))),
        None => expr_path("None"),
    };
    // `c.<check>(at, name, value, rest..);`
    let check = |method: &str, value: syn::Expr, rest: Vec<syn::Expr>| {
        let mut args = vec![expr_path("at"), str_lit(name), value];
        args.extend(rest);
        semi(method_call(expr_path("c"), method, args))
    };
    let v = || expr_path("v");
    let deref = || {
        syn::Expr::Unary(syn::ExprUnary {
            attrs: Vec::new(),
            op: syn::UnOp::Deref(Default::default()),
            expr: Box::new(v()),
        })
    };
    match t {
        Ty::Nullable(inner) => {
            let body = value_checks(schema, inner, name, objects);
            if body.is_empty() {
                body
            } else {
                vec![tail(if_let(some_pat(ident_pat("v")), v(), body))]
            }
        }
        Ty::String => {
            let mut out = Vec::new();
            if schema.min_length.is_some() || schema.max_length.is_some() {
                let (min, max) = (opt(schema.min_length), opt(schema.max_length));
                out.push(check("length", v(), vec![min, max]));
            }
            if let Some(p) = &schema.pattern {
                let what = format!("matching `{p}`");
                out.push(check("pattern", v(), vec![str_lit(p), str_lit(&what)]));
            }
            if let Some(f) = schema.format {
                let what = format!("in the format `{}`", f.name());
                out.push(check(
                    "pattern",
                    v(),
                    vec![str_lit(f.pattern()), str_lit(&what)],
                ));
            }
            if let Some(chars) = &schema.forbidden_chars {
                out.push(check("forbidden", v(), vec![str_lit(chars)]));
            }
            out
        }
        Ty::I32 | Ty::I64 | Ty::F64 if schema.minimum.is_some() || schema.maximum.is_some() => {
            let bounds = vec![opt64(schema.minimum), opt64(schema.maximum)];
            vec![match t {
                Ty::I32 => check("range", call("i64::from", vec![deref()]), bounds),
                Ty::I64 => check("range", deref(), bounds),
                _ => check("range_f64", deref(), bounds),
            }]
        }
        Ty::Vec(inner) => {
            let mut out = Vec::new();
            if schema.min_items.is_some() || schema.max_items.is_some() {
                let (min, max) = (opt(schema.min_items), opt(schema.max_items));
                out.push(check(
                    "items",
                    method_call(v(), "len", Vec::new()),
                    vec![min, max],
                ));
            }
            if let Some(items) = &schema.items {
                let item_name = format!("{name}[]");
                let body = value_checks(items, inner, &item_name, objects);
                if !body.is_empty() {
                    out.push(tail(syn::Expr::ForLoop(syn::ExprForLoop {
                        attrs: Vec::new(),
                        label: None,
                        for_token: Default::default(),
                        pat: Box::new(ident_pat("v")),
                        in_token: Default::default(),
                        expr: Box::new(v()),
                        body: block(body),
                    })));
                }
            }
            out
        }
        // An id newtype: its string's constraints.
        Ty::Named(_) if schema.kind == spec::format::Kind::String => {
            let body = value_checks(schema, &Ty::String, name, objects);
            if body.is_empty() {
                body
            } else {
                let mut out = vec![local("v", method_call(v(), "as_str", Vec::new()))];
                out.extend(body);
                out
            }
        }
        Ty::Named(n) if objects.contains(n) => {
            let at = call("runtime::check::join", vec![expr_path("at"), str_lit(name)]);
            vec![semi(call(
                "runtime::Check::check",
                vec![v(), expr_path("c"), reference(at)],
            ))]
        }
        _ => Vec::new(),
    }
}

/// The request struct of an operation, its constructor and setters, and its checks.
pub fn request_item(op: &OpModel, objects: &HashSet<String>) -> Vec<syn::Item> {
    let all_optional = op.params.iter().all(|f| !f.required);
    let default = if all_optional {
        quote!(Default,)
    } else {
        quote!()
    };
    let elsewhere = op.params.iter().any(|f| {
        f.location
            .is_some_and(|l| l != spec::format::Location::Body)
    });
    let mut attrs = doc_attrs(&format!(
        "Parameters of [`Client::{}`]. Build with `new` (required parameters) and the setters \
         (optional ones).{}",
        op.method.trim_start_matches("r#"),
        if elsewhere {
            " Deserializes from every parameter; serializes to the body members only (the \
             call sends the others in its path, query or headers)."
        } else {
            ""
        }
    ));
    attrs.push(list_attr(
        "derive",
        quote!(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize),
    ));
    attrs.push(syn::parse_quote!(#[non_exhaustive]));
    let strukt = syn::Item::Struct(syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: id(&op.request),
        generics: syn::Generics::default(),
        fields: struct_fields_tree(&op.params),
        semi_token: None,
    });
    let constructors = constructors(
        &op.request,
        &op.params,
        "Creates the request from its required parameters.",
    );
    vec![
        strukt,
        constructors,
        check_impl(&op.request, &op.params, objects),
    ]
}

/// `new` (the required fields as arguments) and a setter per optional field: how code outside
/// the crate builds a `#[non_exhaustive]` struct, so an optional field added later is not a
/// breaking change.
fn constructors(name: &str, fields: &[FieldModel], new_doc: &str) -> syn::Item {
    let required: Vec<&FieldModel> = fields.iter().filter(|f| f.required).collect();
    // `impl Into<..>` for text, so callers can pass `&str`.
    let into = |t: &str| {
        syn::Type::ImplTrait(syn::TypeImplTrait {
            impl_token: Default::default(),
            bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
                paren_token: None,
                modifier: syn::TraitBoundModifier::None,
                lifetimes: None,
                path: generic_path("Into", vec![path_ty(t)]),
            }))
            .collect(),
        })
    };
    let arg_ty = |t: &Ty| match t {
        Ty::String => (into("String"), true),
        Ty::Secret => (into("runtime::Secret"), true),
        // An id newtype (only a string schema names one): from text or the id itself.
        Ty::Named(n) if fields.iter().any(|f| f.ty == *t && crate::model::is_id(f)) => {
            (into(n), true)
        }
        t => (syntax::ty(t), false),
    };
    let args = required
        .iter()
        .map(|f| arg(&f.ident, arg_ty(&f.ty).0))
        .collect();
    let inits = fields.iter().map(|f| {
        let (expr, shorthand) = match (f.required, &f.ty) {
            (true, Ty::String | Ty::Secret) => {
                (method_call(expr_path(&f.ident), "into", Vec::new()), false)
            }
            (true, _) if crate::model::is_id(f) => {
                (method_call(expr_path(&f.ident), "into", Vec::new()), false)
            }
            (true, _) => (expr_path(&f.ident), true),
            (false, _) if crate::model::tri_state(f).is_some() => {
                (expr_path("runtime::Nullable::Absent"), false)
            }
            (false, _) => (expr_path("None"), false),
        };
        syn::FieldValue {
            attrs: Vec::new(),
            member: syn::Member::Named(id(&f.ident)),
            colon_token: (!shorthand).then(Default::default),
            expr,
        }
    });
    let init = syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: syntax::path("Self"),
        brace_token: Default::default(),
        fields: inits.collect(),
        dot2_token: None,
        rest: None,
    });
    let mut new = Func::new(id("new"), args, Some(path_ty("Self")));
    new.attrs = doc_attrs(new_doc);
    if required.len() > 7 {
        new.attrs
            .push(list_attr("allow", quote!(clippy::too_many_arguments)));
    }
    new.body = vec![tail(init)];
    let mut methods = vec![new.build()];
    for f in fields.iter().filter(|f| !f.required) {
        let setter = &crate::model::setter(&f.ident);
        let tri = crate::model::tri_state(f);
        let (t, convert) = arg_ty(tri.unwrap_or(&f.ty));
        let value = if convert {
            method_call(expr_path("value"), "into", Vec::new())
        } else {
            expr_path("value")
        };
        let assign = syn::Expr::Assign(syn::ExprAssign {
            attrs: Vec::new(),
            left: Box::new(field(expr_path("self"), &f.ident)),
            eq_token: Default::default(),
            right: Box::new(match tri {
                Some(_) => syntax::call("runtime::Nullable::Value", vec![value]),
                None => some(value),
            }),
        });
        let mut set = Func::new(
            id(setter),
            vec![receiver(false), arg("value", t)],
            Some(path_ty("Self")),
        );
        set.attrs = doc_attrs(&cited(f.doc, f.cite.as_deref()));
        set.attrs
            .extend(f.deprecated.map(|d| deprecated_attr(d, field_replacement)));
        set.body = vec![semi(assign), tail(expr_path("self"))];
        methods.push(set.build());
        if tri.is_some() {
            // `null` said by name rather than by a second `Option`.
            let null = syn::Expr::Assign(syn::ExprAssign {
                attrs: Vec::new(),
                left: Box::new(field(expr_path("self"), &f.ident)),
                eq_token: Default::default(),
                right: Box::new(expr_path("runtime::Nullable::Null")),
            });
            let mut set = Func::new(
                id(&format!("{setter}_null")),
                vec![receiver(false)],
                Some(path_ty("Self")),
            );
            set.attrs = doc_attrs(&format!("Sends `{}` as `null`.", f.wire));
            set.attrs
                .extend(f.deprecated.map(|d| deprecated_attr(d, field_replacement)));
            set.body = vec![semi(null), tail(expr_path("self"))];
            methods.push(set.build());
        }
    }
    // `new` initialises every field, deprecated ones included.
    let mut constructors = impl_block(None, name, methods);
    if fields.iter().any(|f| f.deprecated.is_some()) {
        allow_deprecated_on(&mut constructors);
    }
    constructors
}

/// The enum of an operation's documented failures and its `runtime::OpError` impl.
pub fn error_item(op: &OpModel) -> Vec<syn::Item> {
    let mut attrs = doc_attrs(&format!(
        "Documented failures of [`Client::{}`].",
        op.method.trim_start_matches("r#")
    ));
    attrs.push(list_attr("derive", quote!(Debug, Clone, PartialEq)));
    let variants = op.errors.iter().map(|e| {
        let status = if e.case.status_documented {
            format!("HTTP {}", e.case.status)
        } else {
            "any failure status".into()
        };
        let payload = syn::Field {
            attrs: Vec::new(),
            vis: syn::Visibility::Inherited,
            mutability: syn::FieldMutability::None,
            ident: None,
            colon_token: None,
            ty: syntax::ty(&e.ty),
        };
        syn::Variant {
            attrs: doc_attrs(&cited(
                &format!("{} ({status}).", e.case.description.trim_end_matches('.')),
                e.cite.as_deref(),
            )),
            ident: id(&e.variant),
            fields: syn::Fields::Unnamed(syn::FieldsUnnamed {
                paren_token: Default::default(),
                unnamed: std::iter::once(payload).collect(),
            }),
            discriminant: None,
        }
    });
    let enumeration = syn::Item::Enum(syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: id(&op.error),
        generics: syn::Generics::default(),
        brace_token: Default::default(),
        variants: variants.collect(),
    });
    let cases = op.errors.iter().map(|e| {
        let c = e.case;
        let status = lit(Literal::u16_unsuffixed(c.status));
        let mut case = call("runtime::ErrorCase::new", vec![str_lit(&c.name), status]);
        if !c.status_documented {
            case = method_call(case, "any_status", Vec::new());
        }
        if !c.matcher.has_fields.is_empty() {
            let has = c.matcher.has_fields.iter().map(|f| str_lit(f));
            case = method_call(case, "fields", vec![ref_array(has.collect())]);
        }
        if !c.matcher.equals.is_empty() {
            let eq = c.matcher.equals.iter().map(|(k, v)| {
                syn::Expr::Tuple(syn::ExprTuple {
                    attrs: Vec::new(),
                    paren_token: Default::default(),
                    elems: [str_lit(k), str_lit(&v.to_string())].into_iter().collect(),
                })
            });
            case = method_call(case, "equals", vec![ref_array(eq.collect())]);
        }
        if c.retryable {
            case = method_call(case, "retryable", Vec::new());
        }
        case
    });
    let cases_ty = syn::Type::Reference(syn::TypeReference {
        and_token: Default::default(),
        lifetime: Some(syn::Lifetime::new("'static", Span::call_site())),
        mutability: None,
        elem: Box::new(syn::Type::Slice(syn::TypeSlice {
            bracket_token: Default::default(),
            elem: Box::new(path_ty("runtime::ErrorCase")),
        })),
    });
    let constant = syn::ImplItem::Const(syn::ImplItemConst {
        attrs: Vec::new(),
        vis: syn::Visibility::Inherited,
        defaultness: None,
        const_token: Default::default(),
        ident: id("CASES"),
        generics: syn::Generics::default(),
        colon_token: Default::default(),
        ty: cases_ty,
        eq_token: Default::default(),
        expr: ref_array(cases.collect()),
        semi_token: Default::default(),
    });
    let indices = op.errors.iter().enumerate().map(|(i, e)| {
        let (v, i) = (id(&e.variant), Literal::usize_unsuffixed(i));
        quote!(#v = #i)
    });
    let methods = syn::ImplItem::Macro(syn::ImplItemMacro {
        attrs: Vec::new(),
        mac: syn::Macro {
            path: syntax::path("runtime::decl::op_error_methods"),
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens: quote!(#(#indices),*),
        },
        semi_token: Some(Default::default()),
    });
    vec![
        enumeration,
        impl_block(Some("runtime::OpError"), &op.error, vec![constant, methods]),
    ]
}
