//! Models: named object types (with their serde attributes and constructors, which request
//! structs share), string enums and unions.

use std::collections::HashSet;

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::checks::{check_impl, union_check_impl};
use super::syntax::{
    self, arg, expr_path, field, generic_path, generic_ty, id, impl_block, list_attr, method_call,
    path_ty, receiver, semi, some, tail, Func,
};
use super::tokens::{
    allow_deprecated_on, cited, deprecated_attr, doc, doc_attrs, field_replacement, field_ty, ty,
};
use crate::model::{Encoding, FieldModel, Ty, TypeBody, TypeModel, UnionVariant};

/// The inside of a field's `#[serde(..)]` attribute, if it needs one.
pub(super) fn serde_parts(f: &FieldModel) -> Option<TokenStream> {
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

pub(super) fn serde_attrs(f: &FieldModel) -> TokenStream {
    match serde_parts(f) {
        Some(parts) => quote!(#[serde(#parts)]),
        None => quote!(),
    }
}

/// A struct's fields as a tree: docs, serde attribute, `pub name: type`.
pub(super) fn struct_fields_tree(fields: &[FieldModel]) -> syn::Fields {
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

pub(super) fn struct_fields(fields: &[FieldModel]) -> TokenStream {
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
            let check = objects
                .contains(&t.name)
                .then(|| check_impl(&t.name, fields, objects));
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
            let check = objects
                .contains(&t.name)
                .then(|| union_check_impl(&t.name, variants, objects));
            quote!(#item #check)
        }
    }
}

pub(super) fn enum_item(
    name: &Ident,
    d: TokenStream,
    values: &[(String, &str, &str)],
) -> TokenStream {
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

pub(super) fn union_item(name: &Ident, d: TokenStream, variants: &[UnionVariant]) -> TokenStream {
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

/// `new` (the required fields as arguments) and a setter per optional field: how code outside
/// the crate builds a `#[non_exhaustive]` struct, so an optional field added later is not a
/// breaking change.
pub(super) fn constructors(name: &str, fields: &[FieldModel], new_doc: &str) -> syn::Item {
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
