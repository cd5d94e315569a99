//! `tests/builders.rs`: per operation, the call without its required parameters and each
//! value breaking a documented constraint ([`violations`](crate::render::violations)), refused
//! before anything is sent.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::{client, err, Auth};
use crate::model::{RustOperation, RustProvider, Ty};
use crate::render::literal::{id, setters_for};
use crate::render::{violations, RenderError};

/// A call with no parameter set: refused before anything is sent, naming every required
/// parameter by its setter (none when the operation has no required parameter).
fn missing_test(p: &RustProvider, o: &RustOperation) -> Option<TokenStream> {
    let setters: Vec<String> = o
        .params
        .iter()
        .filter(|f| f.required)
        .map(|f| {
            crate::model::setter(&f.ident)
                .trim_start_matches("r#")
                .to_owned()
        })
        .collect();
    if setters.is_empty() {
        return None;
    }
    let client = client(p, o, Auth::Token);
    let method = id(&o.method);
    let allow = crate::model::uses_deprecated(p, o).then(|| quote!(#[allow(deprecated)]));
    Some(quote! {
        /// Without its required parameters the call is refused before sending, naming each.
        #[tokio::test]
        #allow
        async fn missing_required_parameters() {
            let target = protocol_test::Target::capture(protocol_test::CannedResponse::new(500))
                .await
                .expect("the test target starts");
            let client = #client;
            match client.#method().send().await {
                Err(generated::runtime::Error::InvalidInput(e)) => {
                    let named: Vec<&str> = e.violations.iter().map(|v| v.field.as_str()).collect();
                    assert_eq!(named, [#(#setters),*]);
                }
                other => panic!("expected the missing parameters refused, got {other:?}"),
            }
            assert_eq!(target.received(), Some(0), "nothing is sent");
        }
    })
}

/// One test per documented constraint of each parameter: the first documented request with
/// that parameter set to a value breaking the rule (derived from the spec by
/// [`violations`](super::violations)) is refused before sending, naming the parameter.
fn breach_tests(p: &RustProvider, o: &RustOperation) -> Result<Vec<TokenStream>, String> {
    let Some(first) = o.resolved.examples.iter().find(|e| e.own_request) else {
        return Ok(Vec::new());
    };
    let values = Value::Object(first.params.clone());
    let method = id(&o.method);
    let allow = crate::model::uses_deprecated(p, o).then(|| quote!(#[allow(deprecated)]));
    let mut tests = Vec::new();
    let mut names = std::collections::BTreeSet::new();
    for f in &o.params {
        let credential = f
            .location
            .is_some_and(|l| o.resolved.credential.is(l, f.wire));
        if matches!(f.ty, Ty::Secret) || credential {
            continue;
        }
        for b in violations::breaches(f.schema) {
            let mut broken = values.clone();
            if let Value::Object(m) = &mut broken {
                m.insert(f.wire.to_owned(), b.value.clone());
            }
            let setters = setters_for(p, o, &broken, &quote!(crate::CREDENTIAL))?;
            let mut name = format!("refuses_{}_{}", f.ident.trim_start_matches("r#"), b.rule);
            // Two alternatives of a union may have the same rule.
            let base = name.clone();
            for n in 2.. {
                if names.insert(name.clone()) {
                    break;
                }
                name = format!("{base}_{n}");
            }
            let name = id(&name);
            let doc = format!(" `{}` = `{}` breaks its `{}`.", f.wire, b.value, b.rule);
            let wire = f.wire;
            let client = client(p, o, Auth::Token);
            tests.push(quote! {
                #[doc = #doc]
                #[tokio::test]
                #allow
                async fn #name() {
                    let target = protocol_test::Target::capture(protocol_test::CannedResponse::new(500))
                        .await
                        .expect("the test target starts");
                    let client = #client;
                    match client.#method() #setters .send().await {
                        Err(generated::runtime::Error::InvalidInput(e)) => {
                            assert!(crate::names(&e, #wire), "`{}` not named: {e}", #wire)
                        }
                        other => panic!("expected the value refused, got {other:?}"),
                    }
                    assert_eq!(target.received(), Some(0), "nothing is sent");
                }
            });
        }
    }
    Ok(tests)
}

/// The builder tests of a provider's operations, one module per operation.
pub(super) fn builder_module(p: &RustProvider) -> Result<TokenStream, RenderError> {
    let module = id(&p.module);
    let mut ops = Vec::new();
    for o in &p.operations {
        let missing = missing_test(p, o);
        let breaches = breach_tests(p, o).map_err(|m| err(p, o, "constraints", m))?;
        if missing.is_none() && breaches.is_empty() {
            continue;
        }
        let op_mod = id(&o.method);
        ops.push(quote! {
            mod #op_mod {
                use super::*;
                #missing
                #(#breaches)*
            }
        });
    }
    if ops.is_empty() {
        return Ok(quote!());
    }
    Ok(quote! {
        mod #module {
            use generated::#module as api;

            /// A client builder aimed at the test's capture server.
            fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
                api::Client::builder()
                    .base_url(target.url())
                    .http_client(target.http_client())
            }

            #(#ops)*
        }
    })
}
