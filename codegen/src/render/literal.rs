//! Spec values as typed Rust expressions over a generated client's API (`api::…`): the
//! setters a call is made with (from an example's typed parameters) and the values a test
//! expects decoded (payloads and failure bodies). Used by the tests and the rustdoc examples.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use serde_json::Value;

use crate::model::{FieldModel, RustOperation, RustProvider, Ty, TypeBody, UnionVariant};

/// An identifier, raw (`r#type`) when written so.
pub(crate) fn id(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// The call builder's setters, one per documented value (every required parameter has one):
/// `params` are an example's typed values ([`ExampleModel::params`]).
pub(crate) fn typed_setters(
    p: &RustProvider,
    o: &RustOperation,
    params: &serde_json::Map<String, Value>,
    credential: &TokenStream,
) -> Result<TokenStream, String> {
    setters_for(p, o, &Value::Object(params.clone()), credential)
}

/// The call builder's setters for typed parameter values (`values`: wire name to value).
pub(crate) fn setters_for(
    p: &RustProvider,
    o: &RustOperation,
    values: &Value,
    credential: &TokenStream,
) -> Result<TokenStream, String> {
    let is_credential = |f: &FieldModel| {
        f.location
            .is_some_and(|l| o.resolved.credential.is(l, f.wire))
    };
    let arg = |f: &FieldModel| -> Result<Option<TokenStream>, String> {
        if matches!(f.ty, Ty::Secret) || is_credential(f) {
            return Ok(Some(credential.clone()));
        }
        let Some(v) = values.get(f.wire) else {
            return Ok(None);
        };
        // A tri-state parameter's setter takes the value; `null` has a setter of its own.
        let t = crate::model::tri_state(f).unwrap_or(&f.ty);
        Ok(Some(match (t, v) {
            // The constructor and setters take `impl Into<String>` (or `impl Into<XId>`).
            (Ty::String, Value::String(s)) => quote!(#s),
            (_, Value::String(s)) if crate::model::is_id(f) => quote!(#s),
            _ => literal(p, t, v)?,
        }))
    };
    let mut setters = Vec::new();
    for f in &o.params {
        if !f.required && is_credential(f) {
            continue;
        }
        if crate::model::tri_state(f).is_some() && values.get(f.wire) == Some(&Value::Null) {
            let null = id(&format!("{}_null", crate::model::setter(&f.ident)));
            setters.push(quote!(.#null()));
            continue;
        }
        let v = arg(f)?;
        if f.required && v.is_none() {
            return Err(format!(
                "no documented value for the required parameter `{}`",
                f.wire
            ));
        }
        if let Some(v) = v {
            let setter = id(&crate::model::setter(&f.ident));
            setters.push(quote!(.#setter(#v)));
        }
    }
    Ok(quote!(#(#setters)*))
}

/// A typed Rust literal of `v` as a value of `ty`. `v` is typed already (an example's
/// parameters by `spec::model::wire`, payloads by `spec::values::typed`): no wire string is
/// read here.
pub(crate) fn literal(p: &RustProvider, ty: &Ty, v: &Value) -> Result<TokenStream, String> {
    let bad = || format!("{v} is not a value of {ty:?}");
    Ok(match ty {
        Ty::String => {
            let Value::String(s) = v else {
                return Err(bad());
            };
            quote!(String::from(#s))
        }
        Ty::Secret => quote!(generated::runtime::Secret::new(crate::CREDENTIAL)),
        Ty::I32 | Ty::I64 => {
            let n = match v {
                Value::Number(n) => n.as_i64(),
                _ => None,
            }
            .ok_or_else(bad)?;
            let lit = Literal::i64_unsuffixed(n.unsigned_abs() as i64);
            if n < 0 {
                quote!(-#lit)
            } else {
                quote!(#lit)
            }
        }
        Ty::F64 => {
            let n = match v {
                Value::Number(n) => n.as_f64(),
                _ => None,
            }
            .ok_or_else(bad)?;
            let lit = Literal::f64_unsuffixed(n.abs());
            if n < 0.0 {
                quote!(-#lit)
            } else {
                quote!(#lit)
            }
        }
        Ty::Bool => match v {
            Value::Bool(b) => quote!(#b),
            _ => return Err(bad()),
        },
        Ty::Unit => quote!(()),
        Ty::Vec(inner) => {
            let Value::Array(items) = v else {
                return Err(bad());
            };
            let items = items
                .iter()
                .map(|i| literal(p, inner, i))
                .collect::<Result<Vec<_>, _>>()?;
            if items.is_empty() {
                quote!(Vec::new())
            } else {
                quote!(Vec::from([#(#items),*]))
            }
        }
        Ty::Nullable(inner) => match v {
            Value::Null => quote!(None),
            v => {
                let inner = literal(p, inner, v)?;
                quote!(Some(#inner))
            }
        },
        Ty::Named(name) => named(p, name, v)?,
    })
}

fn named(p: &RustProvider, name: &str, v: &Value) -> Result<TokenStream, String> {
    let t = p
        .types
        .iter()
        .find(|t| t.name == name)
        .ok_or_else(|| format!("unknown type `{name}`"))?;
    let type_id = id(name);
    match &t.body {
        TypeBody::Id { .. } => {
            let Value::String(s) = v else {
                return Err(format!("{v} is not a string id of type `{name}`"));
            };
            Ok(quote!(api::#type_id::from(#s)))
        }
        TypeBody::Object(fields) => {
            let Value::Object(map) = v else {
                return Err(format!("{v} is not an object of type `{name}`"));
            };
            // Built as code outside the crate must build a `#[non_exhaustive]` struct: `new`
            // with the required fields, then a setter per optional field present.
            let (mut args, mut setters) = (Vec::new(), Vec::new());
            for f in fields {
                let setter = id(&crate::model::setter(&f.ident));
                match (map.get(f.wire), f.required) {
                    // A request-carried optional nullable field keeps absent and `null` apart.
                    (x, false) if crate::model::tri_state(f).is_some() => match x {
                        None => {}
                        Some(Value::Null) => {
                            let null = id(&format!("{}_null", crate::model::setter(&f.ident)));
                            setters.push(quote!(.#null()));
                        }
                        Some(x) => {
                            let inner = literal(p, crate::model::tri_state(f).unwrap_or(&f.ty), x)?;
                            setters.push(quote!(.#setter(#inner)));
                        }
                    },
                    (Some(x), true) => args.push(literal(p, &f.ty, x)?),
                    (None, true) if matches!(f.ty, Ty::Nullable(_)) => args.push(quote!(None)),
                    (None, true) => {
                        return Err(format!("`{name}` lacks its required member `{}`", f.wire))
                    }
                    // An answer-only field reads `null` as absent.
                    (Some(Value::Null), false) if !matches!(f.ty, Ty::Nullable(_)) => {}
                    (Some(x), false) => {
                        let inner = literal(p, &f.ty, x)?;
                        setters.push(quote!(.#setter(#inner)));
                    }
                    (None, false) => {}
                }
            }
            Ok(quote!(api::#type_id::new(#(#args),*) #(#setters)*))
        }
        TypeBody::Enum(values) => {
            let Value::String(s) = v else {
                return Err(format!("{v} is not a string of enum `{name}`"));
            };
            Ok(match values.iter().find(|(_, wire, _)| wire == s) {
                Some((variant, _, _)) => {
                    let variant = id(variant);
                    quote!(api::#type_id::#variant)
                }
                None => quote!(api::#type_id::Unknown(String::from(#s))),
            })
        }
        TypeBody::Union(variants) => {
            for u in variants {
                if let Some(t) = union_fit(p, u, v) {
                    let variant = id(&u.name);
                    return Ok(match t {
                        Some(inner) => {
                            let inner = literal(p, inner, v)?;
                            quote!(api::#type_id::#variant(#inner))
                        }
                        None => quote!(api::#type_id::#variant),
                    });
                }
            }
            Err(format!("{v} matches no alternative of `{name}`"))
        }
    }
}

/// Whether `v` decodes as alternative `u` (`Some(type)`, or `Some(None)` for a literal).
fn union_fit<'a>(p: &RustProvider, u: &'a UnionVariant, v: &Value) -> Option<Option<&'a Ty>> {
    match (&u.ty, &u.literal) {
        (Some(t), _) => fits(p, t, v).then_some(Some(t)),
        (None, Some(lit)) => {
            (serde_json::from_str::<Value>(lit).ok().as_ref() == Some(v)).then_some(None)
        }
        (None, None) => None,
    }
}

/// Whether the typed value `v` is a value of `ty`.
fn fits(p: &RustProvider, ty: &Ty, v: &Value) -> bool {
    match (ty, v) {
        (Ty::String | Ty::Secret, Value::String(_)) => true,
        (Ty::I32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (Ty::I64, Value::Number(n)) => n.as_i64().is_some(),
        (Ty::F64, Value::Number(_)) => true,
        (Ty::Bool, Value::Bool(_)) => true,
        (Ty::Unit, Value::Null) => true,
        (Ty::Nullable(_), Value::Null) => true,
        (Ty::Nullable(inner), v) => fits(p, inner, v),
        (Ty::Vec(inner), Value::Array(items)) => items.iter().all(|i| fits(p, inner, i)),
        (Ty::Named(name), v) => match p.types.iter().find(|t| t.name == *name).map(|t| &t.body) {
            Some(TypeBody::Enum(_) | TypeBody::Id { .. }) => v.is_string(),
            Some(TypeBody::Union(us)) => us.iter().any(|u| union_fit(p, u, v).is_some()),
            Some(TypeBody::Object(fields)) => v.as_object().is_some_and(|m| {
                fields.iter().all(|f| match m.get(f.wire) {
                    Some(x) => fits(p, &f.ty, x),
                    None => !f.required || matches!(f.ty, Ty::Nullable(_)),
                })
            }),
            None => false,
        },
        _ => false,
    }
}
