//! The token helpers every Rust renderer uses: identifiers, types, doc comments, citations
//! and deprecation attributes.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::syntax::{id, list_attr};
use crate::model::{deprecation_note, ident, FieldModel, Ty};
use spec::format::Deprecated;

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
pub(super) fn field_replacement(name: &str) -> String {
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

/// Adds `#[allow(deprecated)]` to an impl block.
pub(super) fn allow_deprecated_on(item: &mut syn::Item) {
    if let syn::Item::Impl(i) = item {
        i.attrs.push(allow_deprecated());
    }
}
