//! Token builders for models: named types, request structs, constraint checks, error enums.

use std::collections::HashSet;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::model::{Encoding, FieldModel, OpModel, Ty, TypeBody, TypeModel, UnionVariant};
use crate::spec::Schema;

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
    let t = ty(&f.ty);
    if f.required {
        t
    } else {
        quote!(Option<#t>)
    }
}

fn serde_attrs(f: &FieldModel) -> TokenStream {
    let mut parts = Vec::new();
    if f.ident.trim_start_matches("r#") != f.wire {
        let wire = f.wire;
        parts.push(quote!(rename = #wire));
    }
    if !f.required {
        parts.push(quote!(default, skip_serializing_if = "Option::is_none"));
    }
    match f.encoding {
        Encoding::Str => parts.push(quote!(with = "runtime::wire::string")),
        Encoding::Csv => parts.push(quote!(with = "runtime::wire::csv")),
        Encoding::Plain if !f.required && matches!(f.ty, Ty::Nullable(_)) => {
            parts.push(quote!(with = "runtime::wire::double_option"))
        }
        Encoding::Plain => {}
    }
    if parts.is_empty() {
        quote!()
    } else {
        quote!(#[serde(#(#parts),*)])
    }
}

fn struct_fields(fields: &[FieldModel]) -> TokenStream {
    let fields = fields.iter().map(|f| {
        let d = doc(f.doc);
        let attrs = serde_attrs(f);
        let name = id(&f.ident);
        let t = field_ty(f);
        quote!(#d #attrs pub #name: #t,)
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
            let check = check_impl(&name, fields, objects);
            quote! {
                #d
                #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
                pub struct #name { #body }
                #check
            }
        }
        TypeBody::Enum(values) => enum_item(&name, d, values),
        TypeBody::Union(variants) => union_item(&name, d, variants),
    }
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
                    Encoding::Str => quote!(serde::Serialize::serialize(
                        &runtime::wire::StrForm::to_wire(v),
                        s
                    )),
                    Encoding::Csv => quote!(serde::Serialize::serialize(
                        &runtime::wire::CsvForm::to_wire(v),
                        s
                    )),
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
pub fn check_impl(name: &Ident, fields: &[FieldModel], objects: &HashSet<String>) -> TokenStream {
    let checks: Vec<TokenStream> = fields
        .iter()
        .filter_map(|f| {
            let field = id(&f.ident);
            // An optional nullable field is matched in one pattern (`Some(Some(v))`).
            let (pattern, t) = match (&f.ty, f.required) {
                (Ty::Nullable(inner), false) => (quote!(Some(Some(v))), inner.as_ref()),
                (t, false) => (quote!(Some(v)), t),
                (t, true) => (quote!(), t),
            };
            let body = value_checks(f.schema, t, f.wire, objects);
            if body.is_empty() {
                return None;
            }
            Some(if f.required {
                quote!(let v = &self.#field; #body)
            } else {
                quote!(if let #pattern = &self.#field { #body })
            })
        })
        .collect();
    let (c, at) = if checks.is_empty() {
        (format_ident!("_c"), format_ident!("_at"))
    } else {
        (format_ident!("c"), format_ident!("at"))
    };
    quote! {
        impl runtime::Check for #name {
            fn check(&self, #c: &mut runtime::Checker, #at: &str) { #(#checks)* }
        }
    }
}

/// Checks of a value `v: &T` of type `t` against `schema`'s constraints.
fn value_checks(schema: &Schema, t: &Ty, name: &str, objects: &HashSet<String>) -> TokenStream {
    let opt = |v: Option<u32>| match v {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    let opt64 = |v: Option<i64>| match v {
        Some(n) => quote!(Some(#n)),
        None => quote!(None),
    };
    match t {
        Ty::Nullable(inner) => {
            let body = value_checks(schema, inner, name, objects);
            if body.is_empty() {
                body
            } else {
                quote!(if let Some(v) = v { #body })
            }
        }
        Ty::String => {
            let mut out = TokenStream::new();
            if schema.min_length.is_some() || schema.max_length.is_some() {
                let (min, max) = (opt(schema.min_length), opt(schema.max_length));
                out.extend(quote!(c.length(at, #name, v, #min, #max);));
            }
            if let Some(p) = &schema.pattern {
                let what = format!("matching `{p}`");
                out.extend(quote!(c.pattern(at, #name, v, #p, #what);));
            }
            if let Some(f) = schema.format {
                let (p, what) = (f.pattern(), format!("in the format `{}`", f.name()));
                out.extend(quote!(c.pattern(at, #name, v, #p, #what);));
            }
            if let Some(chars) = &schema.forbidden_chars {
                out.extend(quote!(c.forbidden(at, #name, v, #chars);));
            }
            out
        }
        Ty::I32 | Ty::I64 | Ty::F64 if schema.minimum.is_some() || schema.maximum.is_some() => {
            let (min, max) = (opt64(schema.minimum), opt64(schema.maximum));
            match t {
                Ty::I32 => quote!(c.range(at, #name, i64::from(*v), #min, #max);),
                Ty::I64 => quote!(c.range(at, #name, *v, #min, #max);),
                _ => quote!(c.range_f64(at, #name, *v, #min, #max);),
            }
        }
        Ty::Vec(inner) => {
            let mut out = TokenStream::new();
            if schema.min_items.is_some() || schema.max_items.is_some() {
                let (min, max) = (opt(schema.min_items), opt(schema.max_items));
                out.extend(quote!(c.items(at, #name, v.len(), #min, #max);));
            }
            if let Some(items) = &schema.items {
                let item_name = format!("{name}[]");
                let body = value_checks(items, inner, &item_name, objects);
                if !body.is_empty() {
                    out.extend(quote!(for v in v { #body }));
                }
            }
            out
        }
        Ty::Named(n) if objects.contains(n) => {
            quote!(runtime::Check::check(v, c, &runtime::check::join(at, #name));)
        }
        _ => TokenStream::new(),
    }
}

/// The request struct of an operation, its builder methods and its checks.
pub fn request_item(op: &OpModel, objects: &HashSet<String>) -> TokenStream {
    let name = id(&op.request);
    let d = doc(&format!(
        "Parameters of [`Client::{}`]. Build with `new` (required parameters) and the setters \
         (optional ones).",
        op.method.trim_start_matches("r#")
    ));
    let fields = struct_fields(&op.params);
    let all_optional = op.params.iter().all(|f| !f.required);
    let default = if all_optional {
        quote!(Default,)
    } else {
        quote!()
    };
    let required: Vec<&FieldModel> = op.params.iter().filter(|f| f.required).collect();
    let args = required.iter().map(|f| {
        let n = id(&f.ident);
        match f.ty {
            Ty::String => quote!(#n: impl Into<String>),
            Ty::Secret => quote!(#n: impl Into<runtime::Secret>),
            _ => {
                let t = ty(&f.ty);
                quote!(#n: #t)
            }
        }
    });
    let inits = op.params.iter().map(|f| {
        let n = id(&f.ident);
        match (f.required, &f.ty) {
            (true, Ty::String | Ty::Secret) => quote!(#n: #n.into(),),
            (true, _) => quote!(#n,),
            (false, _) => quote!(#n: None,),
        }
    });
    let allow = if required.len() > 7 {
        quote!(#[allow(clippy::too_many_arguments)])
    } else {
        quote!()
    };
    let setters = op.params.iter().filter(|f| !f.required).map(|f| {
        let n = id(&f.ident);
        let setter = if f.ident == "new" {
            format_ident!("with_new")
        } else {
            n.clone()
        };
        let d = doc(f.doc);
        let (arg, set) = match &f.ty {
            Ty::String => (quote!(impl Into<String>), quote!(value.into())),
            Ty::Secret => (quote!(impl Into<runtime::Secret>), quote!(value.into())),
            t => (ty(t), quote!(value)),
        };
        quote! {
            #d
            pub fn #setter(mut self, value: #arg) -> Self { self.#n = Some(#set); self }
        }
    });
    let check = check_impl(&name, &op.params, objects);
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        pub struct #name { #fields }
        impl #name {
            /// Creates the request from its required parameters.
            #allow
            pub fn new(#(#args),*) -> Self { Self { #(#inits)* } }
            #(#setters)*
        }
        #check
    }
}

/// The enum of an operation's documented failures.
pub fn error_item(op: &OpModel) -> TokenStream {
    let name = id(&op.error);
    let d = doc(&format!(
        "Documented failures of [`Client::{}`].",
        op.method.trim_start_matches("r#")
    ));
    let variants = op.errors.iter().map(|e| {
        let v = id(&e.variant);
        let t = ty(&e.ty);
        let status = if e.case.status_documented {
            format!("HTTP {}", e.case.status)
        } else {
            "any failure status".into()
        };
        let d = doc(&format!(
            "{} ({status}).",
            e.case.description.trim_end_matches('.')
        ));
        quote!(#d #v(#t),)
    });
    let cases = op.errors.iter().map(|e| {
        let c = e.case;
        let (n, st) = (&c.name, Literal::u16_unsuffixed(c.status));
        let mut case = quote!(runtime::ErrorCase::new(#n, #st));
        if !c.status_documented {
            case.extend(quote!(.any_status()));
        }
        if !c.matcher.has_fields.is_empty() {
            let has = &c.matcher.has_fields;
            case.extend(quote!(.fields(&[#(#has),*])));
        }
        if !c.matcher.equals.is_empty() {
            let eq = c.matcher.equals.iter().map(|(k, v)| {
                let text = v.to_string();
                quote!((#k, #text))
            });
            case.extend(quote!(.equals(&[#(#eq),*])));
        }
        if c.retryable {
            case.extend(quote!(.retryable()));
        }
        case
    });
    let indices = op.errors.iter().enumerate().map(|(i, e)| {
        let (v, i) = (id(&e.variant), Literal::usize_unsuffixed(i));
        quote!(#v = #i)
    });
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }
        impl runtime::OpError for #name {
            const CASES: &'static [runtime::ErrorCase] = &[#(#cases),*];
            runtime::decl::op_error_methods!(#(#indices),*);
        }
    }
}
