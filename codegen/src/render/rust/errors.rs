//! Error enums: one per operation, a variant per documented failure.

use proc_macro2::{Literal, Span};
use quote::quote;

use super::syntax::{
    self, call, id, impl_block, list_attr, lit, method_call, path_ty, ref_array, str_lit,
};
use super::tokens::{cited, doc_attrs};
use crate::model::RustOperation;

/// The enum of an operation's documented failures and its `runtime::OpError` impl.
pub fn error_item(op: &RustOperation) -> Vec<syn::Item> {
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
