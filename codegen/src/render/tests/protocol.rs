//! `tests/protocol/<provider>.rs`: one module per operation, one test per documented example
//! (and, for an operation that accepts a signature, the same call signed), and a helper that
//! aims the client at the test's target.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::{client, err, Auth};
use crate::model::{ident, RustOperation, RustProvider, Ty};
use crate::render::literal::{id, literal, typed_setters};
use crate::render::RenderError;
use spec::format::{BodyEncoding, Kind, Location};
use spec::model::{ExampleModel, Outcome, PLACEHOLDER_CREDENTIAL as PLACEHOLDER};

/// A provider's file: the helper aiming a client at the target, then one module per operation
/// with examples.
pub(super) fn provider_file(p: &RustProvider) -> Result<TokenStream, RenderError> {
    let module = id(&p.module);
    let mut ops = Vec::new();
    for o in p
        .operations
        .iter()
        .filter(|o| !o.resolved.examples.is_empty())
    {
        let op_mod = id(&o.method);
        let mut tests = Vec::new();
        for ex in &o.resolved.examples {
            let test = test_fn(p, o, ex, Auth::Token);
            tests.push(test.map_err(|m| err(p, o, &ex.example.name, m))?);
        }
        // Operations that accept a request signature are also called signed: the capture
        // server checks a signature is there, a verifying mock checks it is right.
        let mut signed = Vec::new();
        if o.resolved.signed {
            for ex in o.resolved.examples.iter().filter(|e| e.own_request) {
                let test = test_fn(p, o, ex, Auth::Signed);
                signed.push(test.map_err(|m| err(p, o, &ex.example.name, m))?);
            }
        }
        let signed = (!signed.is_empty()).then(|| {
            quote! {
                mod signed {
                    use super::*;
                    #(#signed)*
                }
            }
        });
        ops.push(quote! {
            mod #op_mod {
                use super::*;
                #(#tests)*
                #signed
            }
        });
    }
    let doc = format!(
        " Protocol tests of `{}`: one module per operation, one test per documented example.",
        p.module
    );
    Ok(quote! {
        #![doc = #doc]

        use generated::#module as api;

        /// A client builder aimed at the test's target: its own capture server, or the running
        /// mock (whose client sends the `Prefer` header naming the example).
        fn builder(target: &protocol_test::Target) -> api::ClientBuilder {
            api::Client::builder()
                .base_url(target.url())
                .http_client(target.http_client())
        }

        #(#ops)*
    })
}

fn test_fn(
    p: &RustProvider,
    o: &RustOperation,
    ex: &ExampleModel,
    auth: Auth,
) -> Result<TokenStream, String> {
    let name = id(&ident(&ex.example.name));
    let mut doc = format!("`{}`: {}", ex.example.name, ex.example.summary.trim());
    // Only the erratum's id: its prose may quote the documented credential.
    if let Some(e) = ex.erratum {
        doc.push_str(&format!(" Replayed as corrected by erratum {}.", e.id));
    }
    let doc = doc.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#[doc = #l])
    });
    if ex.request.is_none() {
        return Ok(quote! {
            #(#doc)*
            #[test]
            #[ignore = "the operation documents no request to send"]
            fn #name() {}
        });
    }
    let server = canned_response(o, ex);
    let client = client(p, o, auth);
    let setters = typed_setters(p, o, &ex.params, &quote!(crate::CREDENTIAL))?;
    let method = id(&o.method);
    let provider = p.spec.provider.id.as_str();
    // The mock answers a named example only when it documents a response; otherwise its
    // default success.
    let prefer = match ex.example.response {
        Some(_) => {
            let name = ex.example.name.as_str();
            quote!(Some(#name))
        }
        None => quote!(None),
    };
    let check_request = if ex.own_request {
        let expected = expected_request(ex, auth)?;
        quote! {
            if let Some(sent) = target.captured() {
                protocol_test::assert_request(&sent, &#expected);
            }
        }
    } else {
        quote!()
    };
    let mut check_outcome = outcome(p, o, ex)?;
    if check_outcome.is_empty() {
        // No documented response: the capture server's stand-in answer proves nothing, but a
        // running mock must accept the request and answer a documented success.
        check_outcome = quote! {
            if target.is_remote() {
                if let Err(e) = &result {
                    panic!("expected a documented success, got {e:?}");
                }
            }
        };
    }
    // The test calls the operation with its parameters and reads the typed outcome.
    let allow = crate::model::uses_deprecated(p, o).then(|| quote!(#[allow(deprecated)]));
    Ok(quote! {
        #(#doc)*
        #[tokio::test]
        #allow
        async fn #name() {
            let target = protocol_test::Target::start(#provider, #prefer, #server)
                .await
                .expect("the test target starts");
            let client = #client;
            let result = client.#method() #setters .send().await;
            #check_request
            #check_outcome
        }
    })
}

/// The documented response (or, without one, the success status and an empty body).
fn canned_response(o: &RustOperation, ex: &ExampleModel) -> TokenStream {
    let Some(resp) = &ex.example.response else {
        let status = Literal::u16_unsuffixed(o.op.response.status);
        let body = if o.op.response.schema.kind == Kind::Unit {
            quote!()
        } else {
            quote!(.header("Content-Type", "application/json").body(b"{}"))
        };
        return quote!(protocol_test::CannedResponse::new(#status) #body);
    };
    let status = Literal::u16_unsuffixed(resp.status);
    let mut headers: Vec<(String, String)> = resp
        .headers
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let has_type = headers
        .iter()
        .any(|(k, _)| k.eq_ignore_ascii_case("content-type"));
    if resp.body.is_some() && !has_type {
        headers.push(("Content-Type".into(), "application/json".into()));
    }
    let headers = headers.iter().map(|(k, v)| quote!(.header(#k, #v)));
    let body = resp.body.as_ref().map(|b| {
        let bytes = Literal::byte_string(b.to_string().as_bytes());
        quote!(.body(#bytes))
    });
    quote!(protocol_test::CannedResponse::new(#status) #(#headers)* #body)
}

/// The documented request as literals: method, path filled by the spec's encoder, every
/// query pair, the documented headers, the body by its encoding; secrets (the credential,
/// `role: secret` parameters) as rules, present and not empty. Field for field what the
/// replay builds (`conformance::expect`), so both report a difference alike.
fn expected_request(ex: &ExampleModel, auth: Auth) -> Result<TokenStream, String> {
    let Some(wire) = &ex.wire else {
        return Err("no documented request".into());
    };
    // A signed request carries no token.
    let w = match auth {
        Auth::Token => wire.clone(),
        Auth::Signed => wire.with_credential(None),
    };
    let (method, path) = (w.method, &w.path);
    let mut secrets = Vec::new();
    let mut pairs = |location: Location, setter: &str, m: &[(String, String)]| {
        let place = place(location);
        let items: Vec<TokenStream> = m
            .iter()
            .filter_map(|(k, v)| {
                if w.is_secret(location, k) {
                    secrets.push(quote!(.secret(protocol_test::Place::#place, #k)));
                    return None;
                }
                Some(quote!((#k, #v)))
            })
            .collect();
        let setter = id(setter);
        (!items.is_empty()).then(|| quote!(.#setter(&[#(#items),*])))
    };
    let query = pairs(Location::Query, "query", &w.query);
    let headers = pairs(Location::Header, "headers", &w.headers);
    let body = match &w.body {
        None => quote!(.empty_body()),
        Some(b) => {
            let mut b = b.clone();
            for k in b.fields.keys().filter(|k| w.is_secret(Location::Body, k)) {
                secrets.push(quote!(.secret(protocol_test::Place::Body, #k)));
            }
            b.fields.retain(|k, _| !w.is_secret(Location::Body, k));
            match b.encoding {
                BodyEncoding::Json => {
                    let text = b.json().to_string();
                    quote!(.json_body(#text))
                }
                BodyEncoding::Multipart | BodyEncoding::Urlencoded => {
                    let items = b.form_fields().into_iter().map(|(k, v)| quote!((#k, #v)));
                    if b.encoding == BodyEncoding::Multipart {
                        quote!(.multipart_body(&[#(#items),*]))
                    } else {
                        quote!(.urlencoded_body(&[#(#items),*]))
                    }
                }
            }
        }
    };
    let signed = (auth == Auth::Signed).then(|| quote!(.signed_by(protocol_test::ACCESS_KEY)));
    Ok(quote! {
        protocol_test::ExpectedRequest::new(#method, #path)
            #query
            #headers
            #body
            #(#secrets)*
            #signed
    })
}

/// `protocol_test::Place`'s variant for a location a secret can travel in.
fn place(location: Location) -> Ident {
    id(match location {
        Location::Query => "Query",
        Location::Header => "Header",
        Location::Body | Location::Path => "Body",
    })
}

/// The assertions on what the client decoded.
fn outcome(p: &RustProvider, o: &RustOperation, ex: &ExampleModel) -> Result<TokenStream, String> {
    let Some(outcome) = &ex.outcome else {
        return Ok(quote!());
    };
    let status = ex.example.response.as_ref().map_or(0, |r| r.status);
    let status = Literal::u16_unsuffixed(status);
    Ok(match outcome {
        Outcome::Payload(v) => {
            let check = if o.response == Ty::Unit {
                quote!(let () = response.into_inner();)
            } else {
                let v = spec::values::typed(&o.op.response.schema, v, p.spec);
                let expected = literal(p, &o.response, &v)?;
                quote! {
                    let expected = #expected;
                    assert_eq!(response.into_inner(), expected);
                }
            };
            quote! {
                let response = result
                    .unwrap_or_else(|e| panic!("expected the documented payload, got {e:?}"));
                assert_eq!(response.status(), #status);
                #check
            }
        }
        Outcome::Failure(case) => {
            let e = o
                .errors
                .iter()
                .find(|e| e.case.name == *case)
                .ok_or_else(|| format!("unknown error case `{case}`"))?;
            let (enum_name, variant) = (id(&o.error), id(&e.variant));
            let body = ex
                .example
                .response
                .as_ref()
                .and_then(|r| r.body.clone())
                .unwrap_or(Value::Null);
            let (pattern, check) = if e.ty == Ty::Unit {
                (quote!(()), quote!())
            } else {
                let body = spec::values::typed(&e.case.schema, &body, p.spec);
                let expected = literal(p, &e.ty, &body)?;
                (
                    quote!(body),
                    quote! {
                        let expected = #expected;
                        assert_eq!(body, expected);
                    },
                )
            };
            let message = format!("expected the documented failure `{case}`, got {{other:?}}");
            // Display shows the failure's message fields: every text of the documented body
            // but a credential (redacted).
            let mut texts = Vec::new();
            string_leaves(&body, &mut texts);
            texts.retain(|t| {
                !t.is_empty()
                    && !p.example_secrets.iter().any(|s| t.contains(s.as_str()))
                    && !t.contains(PLACEHOLDER)
            });
            texts.sort();
            texts.dedup();
            let shown = (!texts.is_empty()).then(|| {
                quote! {
                    let shown = result.as_ref().err().map(ToString::to_string).unwrap_or_default();
                    let left_out: Vec<&str> = [#(#texts),*].into_iter().filter(|t| !shown.contains(t)).collect();
                    assert!(left_out.is_empty(), "`{shown}` leaves out {left_out:?}");
                }
            });
            quote! {
                #shown
                match result {
                    Err(generated::runtime::Error::Documented {
                        status,
                        error: api::#enum_name::#variant(#pattern),
                    }) => {
                        assert_eq!(status, #status);
                        #check
                    }
                    other => panic!(#message),
                }
            }
        }
        Outcome::Undocumented(status) => {
            return Err(format!(
                "status {status} is neither the success status nor a documented failure"
            ))
        }
        Outcome::Envelope(_) => quote! {
            assert!(
                matches!(result, Err(generated::runtime::Error::Envelope { .. })),
                "expected a failure reported by the envelope, got {result:?}"
            );
        },
    })
}

/// Every string in `v`, nested ones included.
fn string_leaves(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|i| string_leaves(i, out)),
        Value::Object(map) => map.values().for_each(|i| string_leaves(i, out)),
        _ => {}
    }
}
