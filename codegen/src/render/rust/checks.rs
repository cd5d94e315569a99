//! The constraint checks of request values: `runtime::Check` impls for objects, unions and
//! request structs.

use std::collections::HashSet;

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::syntax::{
    self, arg, block, call, expr_path, field, id, ident_pat, impl_block, lit, local, method_call,
    path_ty, receiver, ref_ty, reference, semi, some, str_lit, tail, Func,
};
use super::tokens::allow_deprecated_on;
use crate::model::{FieldModel, RustProvider, Ty, TypeBody, UnionVariant};
use spec::format::{Format, Schema};

/// `impl runtime::Check` for a union: the constraints of whichever alternative it holds.
pub(super) fn union_check_impl(
    name: &str,
    variants: &[UnionVariant],
    objects: &HashSet<String>,
) -> syn::Item {
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
    // A union of one alternative matches it irrefutably.
    let allow = (variants.len() == 1).then(|| quote!(#[allow(irrefutable_let_patterns)]));
    let tokens = quote! {
        #allow
        fn check(&self, c: &mut runtime::Checker, at: &str) {
            #(#arms)*
        }
    };
    let n = id(name);
    syn::parse2(quote!(impl runtime::Check for #n { #tokens })).expect("a union's check parses")
}

/// The object and union types that get a `runtime::Check` impl: those with a constraint of
/// their own or in a type they hold, and that some request holds (directly or nested). Any
/// other impl would be empty or never called.
pub fn checked_types(p: &RustProvider) -> HashSet<String> {
    let mut checked = HashSet::new();
    loop {
        let before = checked.len();
        for t in &p.types {
            if !checked.contains(&t.name) && type_has_checks(&t.body, &checked) {
                checked.insert(t.name.clone());
            }
        }
        if checked.len() == before {
            break;
        }
    }
    let mut reached: HashSet<&str> = HashSet::new();
    let mut todo: Vec<&Ty> = p
        .operations
        .iter()
        .flat_map(|o| o.params.iter().map(|f| &f.ty))
        .collect();
    while let Some(t) = todo.pop() {
        match t {
            Ty::Vec(inner) | Ty::Nullable(inner) => todo.push(inner),
            Ty::Named(n) if reached.insert(n) => {
                let Some(def) = p.types.iter().find(|d| d.name == *n) else {
                    continue;
                };
                match &def.body {
                    TypeBody::Object(fields) => todo.extend(fields.iter().map(|f| &f.ty)),
                    TypeBody::Union(variants) => {
                        todo.extend(variants.iter().filter_map(|v| v.ty.as_ref()))
                    }
                    TypeBody::Enum(_) | TypeBody::Id { .. } => {}
                }
            }
            _ => {}
        }
    }
    checked.retain(|n| reached.contains(n.as_str()));
    checked
}

fn type_has_checks(body: &TypeBody, checked: &HashSet<String>) -> bool {
    match body {
        TypeBody::Object(fields) => fields_have_checks(fields, checked),
        TypeBody::Union(variants) => variants.iter().any(|v| match (v.schema, &v.ty) {
            (Some(schema), Some(t)) => !value_checks(schema, t, "", checked).is_empty(),
            _ => false,
        }),
        TypeBody::Enum(_) | TypeBody::Id { .. } => false,
    }
}

/// Whether any of `fields` has a constraint to check (`checked`: the types with a check).
pub fn fields_have_checks(fields: &[FieldModel], checked: &HashSet<String>) -> bool {
    fields
        .iter()
        .any(|f| !value_checks(f.schema, &f.ty, f.wire, checked).is_empty())
}

/// `impl runtime::Check` from the fields' documented constraints (at least one).
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
            arg("c", checker),
            arg("at", ref_ty(path_ty("str"))),
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

/// `if let pattern = value { body }`.
pub(super) fn if_let(pattern: syn::Pat, value: syn::Expr, body: Vec<syn::Stmt>) -> syn::Expr {
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
pub(super) fn some_pat(inner: syn::Pat) -> syn::Pat {
    variant_pat("Some", inner)
}

pub(super) fn value_pat(inner: syn::Pat) -> syn::Pat {
    variant_pat("runtime::Nullable::Value", inner)
}

pub(super) fn variant_pat(variant: &str, inner: syn::Pat) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: syntax::path(variant),
        paren_token: Default::default(),
        elems: std::iter::once(inner).collect(),
    })
}

/// Checks of a value `v: &T` of type `t` against `schema`'s constraints.
pub(super) fn value_checks(
    schema: &Schema,
    t: &Ty,
    name: &str,
    objects: &HashSet<String>,
) -> Vec<syn::Stmt> {
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
                // The runtime holds each format's expression once (`runtime::Format`).
                let variant = match f {
                    Format::CompactTimestamp => "runtime::Format::CompactTimestamp",
                    Format::TimeOfDay => "runtime::Format::TimeOfDay",
                    Format::Date => "runtime::Format::Date",
                    Format::DateTime => "runtime::Format::DateTime",
                    Format::Ipv4 => "runtime::Format::Ipv4",
                };
                out.push(check("format", v(), vec![expr_path(variant)]));
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
