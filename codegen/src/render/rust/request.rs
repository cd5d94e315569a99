//! Request structs: one per operation, with constructors for the required fields and a
//! setter per optional one.

use std::collections::HashSet;

use quote::quote;

use super::checks::{check_impl, fields_have_checks};
use super::syntax::id;
use super::syntax::list_attr;
use super::tokens::doc_attrs;
use super::types::{constructors, struct_fields_tree};
use crate::model::RustOperation;

/// The request struct of an operation, its constructor and setters, and its checks.
pub fn request_item(op: &RustOperation, objects: &HashSet<String>) -> Vec<syn::Item> {
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
    let mut items = vec![strukt, constructors];
    if fields_have_checks(&op.params, objects) {
        items.push(check_impl(&op.request, &op.params, objects));
    }
    items
}
