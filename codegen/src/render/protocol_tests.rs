//! Protocol tests in the manner of smithy-rs's `ClientProtocolTestGenerator`: one
//! `#[tokio::test]` per documented example in `tests/protocol.rs` of the workspace's generated
//! crate. Each calls the operation through the typed request constructor and setters against a
//! `protocol_test::Target`, then compares what was decoded with the expected typed value and,
//! when the target captured the request, what was sent with the expected request. Every
//! expectation is a literal written here from the spec model (paths filled by the spec's own
//! percent-encoder, payloads after the envelope as the spec side reads them), so nothing the
//! test compares against is computed by the runtime.
//!
//! The target is the test's own capture server serving the example's documented response,
//! or, with `PROTOCOL_TEST_BASE_URL` set (what `conformance replay` does), the running mock,
//! addressed per provider and asked for the example with `Prefer: example=NAME`: there the
//! mock checks the request against the spec and only the outcome is compared (and an example
//! without a documented response must get a success).
//!
//! The credential is a placeholder ([`PLACEHOLDER`]), never the documented value. Standalone
//! crates get no protocol tests (they have no `protocol-test` crate beside them).

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;
use serde_json::Value;

use super::rust::client::setter_name;
use super::{banner, Layout, OutputFile, RenderError, Renderer};
use crate::model::{
    ident, Encoding, FieldModel, Model, OpModel, ProviderModel, Ty, TypeBody, UnionVariant,
};
use spec::format::{BodyEncoding, Kind, Location};
use spec::model::{ExampleModel, Outcome, PLACEHOLDER_CREDENTIAL as PLACEHOLDER};

pub struct ProtocolTestRenderer;

impl Renderer for ProtocolTestRenderer {
    fn name(&self) -> &'static str {
        "render protocol tests"
    }

    fn render(
        &self,
        model: &Model,
        layout: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        if *layout != Layout::Workspace {
            return Ok(());
        }
        let sources = model
            .providers
            .iter()
            .map(|p| p.source.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        // Each provider's two modules parsed and printed on a thread of its own (syntax
        // trees cannot cross threads; printed items concatenate to the printed file).
        let printed = crate::render::each_provider(model, |p| {
            Ok((
                print_module(provider_module(p)?, "tests/protocol.rs")?,
                print_module(builder_module(p)?, "tests/builders.rs")?,
            ))
        })?;
        let (providers, builders): (Vec<String>, Vec<String>) = printed.into_iter().unzip();
        let tokens = quote! {
            //! Protocol tests: one test per documented example. Each calls the operation with
            //! the example's values through the typed request and compares the value decoded
            //! (and the request sent, when captured) with literals written by the generator
            //! from the spec. The server is a capture server of the test's own serving the
            //! documented response, or, with `PROTOCOL_TEST_BASE_URL` set to a URL template
            //! such as `http://127.0.0.1:8080/~{provider}`, a running mock asked for the
            //! example with `Prefer: example=NAME`.

            /// Sent and expected instead of the documented credential.
            const CREDENTIAL: &str = #PLACEHOLDER;
        };
        let file: syn::File = syn::parse2(tokens).map_err(|e| RenderError::Rust {
            what: "tests/protocol.rs".into(),
            message: e.to_string(),
        })?;
        let sources = if sources.is_empty() {
            "no specs".to_owned()
        } else {
            sources
        };
        out.push(OutputFile {
            path: "tests/protocol.rs".into(),
            contents: format!(
                "{}{}",
                banner("// ", &sources, ""),
                crate::render::unparse(&file) + &providers.concat()
            ),
        });
        let tokens = quote! {
            //! Call builders: an operation called without its required parameters, or with a
            //! value breaking a documented constraint, is refused before anything is sent, with
            //! an error naming each missing setter or the parameter.

            /// Sent instead of a real credential.
            const CREDENTIAL: &str = #PLACEHOLDER;

            /// Whether a violation of `e` names the parameter `wire`: itself, one of its
            /// items or one of its members.
            #[allow(dead_code)]
            fn names(e: &generated::runtime::InvalidInput, wire: &str) -> bool {
                e.violations.iter().any(|v| {
                    v.field
                        .strip_prefix(wire)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
                })
            }
        };
        let file: syn::File = syn::parse2(tokens).map_err(|e| RenderError::Rust {
            what: "tests/builders.rs".into(),
            message: e.to_string(),
        })?;
        out.push(OutputFile {
            path: "tests/builders.rs".into(),
            contents: format!(
                "{}{}",
                banner("// ", &sources, ""),
                crate::render::unparse(&file) + &builders.concat()
            ),
        });
        Ok(())
    }
}

fn id(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One module's tokens, parsed and printed as the items of a file print.
fn print_module(tokens: TokenStream, what: &str) -> Result<String, RenderError> {
    let item: syn::Item = syn::parse2(tokens).map_err(|e| RenderError::Rust {
        what: what.into(),
        message: e.to_string(),
    })?;
    Ok(crate::render::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items: vec![item],
    }))
}

fn err(p: &ProviderModel, o: &OpModel, ex: &str, message: String) -> RenderError {
    RenderError::Rust {
        what: format!("protocol test {}.{}.{ex}", p.spec.provider.id, o.op.id),
        message,
    }
}

fn provider_module(p: &ProviderModel) -> Result<TokenStream, RenderError> {
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
                    use super::api;
                    #(#signed)*
                }
            }
        });
        ops.push(quote! {
            mod #op_mod {
                use generated::#module as api;
                #(#tests)*
                #signed
            }
        });
    }
    Ok(quote! {
        mod #module {
            #(#ops)*
        }
    })
}

/// A call with no parameter set: refused before anything is sent, naming every required
/// parameter by its setter (none when the operation has no required parameter).
fn missing_test(p: &ProviderModel, o: &OpModel) -> Option<TokenStream> {
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
fn breach_tests(p: &ProviderModel, o: &OpModel) -> Result<Vec<TokenStream>, String> {
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
        for b in super::violations::breaches(f.schema) {
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
fn builder_module(p: &ProviderModel) -> Result<TokenStream, RenderError> {
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
                use generated::#module as api;
                #missing
                #(#breaches)*
            }
        });
    }
    Ok(quote!(mod #module { #(#ops)* }))
}

/// How a test's client proves who it is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Auth {
    /// The operation's token scheme, with the placeholder credential.
    Token,
    /// A request signature with `protocol_test`'s placeholder keys, and no token.
    Signed,
}

fn test_fn(
    p: &ProviderModel,
    o: &OpModel,
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
fn canned_response(o: &OpModel, ex: &ExampleModel) -> TokenStream {
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

fn client(p: &ProviderModel, o: &OpModel, auth: Auth) -> TokenStream {
    let credential = match auth {
        Auth::Token => o.auth.map(|i| {
            let setter = id(&setter_name(&p.auth[i].setter, "auth"));
            quote!(.#setter(crate::CREDENTIAL))
        }),
        Auth::Signed => Some(quote! {
            .access_key(protocol_test::ACCESS_KEY)
            .secret_key(protocol_test::SECRET_KEY)
        }),
    };
    quote! {
        api::Client::builder()
            .base_url(target.url())
            .http_client(target.http_client())
            #credential
            .build()
            .expect("the client builds")
    }
}

/// The call builder's setters, one per documented value (every required parameter has one):
/// `params` are an example's typed values ([`ExampleModel::params`]).
pub(crate) fn typed_setters(
    p: &ProviderModel,
    o: &OpModel,
    params: &serde_json::Map<String, Value>,
    credential: &TokenStream,
) -> Result<TokenStream, String> {
    setters_for(p, o, &Value::Object(params.clone()), credential)
}

/// The call builder's setters for typed parameter values (`values`: wire name to value).
fn setters_for(
    p: &ProviderModel,
    o: &OpModel,
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
fn outcome(p: &ProviderModel, o: &OpModel, ex: &ExampleModel) -> Result<TokenStream, String> {
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
                let expected = literal(p, &o.response, v)?;
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

/// A typed Rust literal of `v` as a value of `ty`. Lenient about the wire form (numbers and
/// booleans as strings, comma-separated lists): payloads arrive in their wire encoding,
/// request values already typed.
fn literal(p: &ProviderModel, ty: &Ty, v: &Value) -> Result<TokenStream, String> {
    let bad = || format!("{v} is not a value of {ty:?}");
    Ok(match ty {
        Ty::String => {
            let s = match v {
                Value::String(s) => s.clone(),
                Value::Number(_) | Value::Bool(_) => v.to_string(),
                _ => return Err(bad()),
            };
            quote!(String::from(#s))
        }
        Ty::Secret => quote!(generated::runtime::Secret::new(crate::CREDENTIAL)),
        Ty::I32 | Ty::I64 => {
            let n = match v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse::<i64>().ok(),
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
                Value::String(s) => s.trim().parse::<f64>().ok(),
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
            Value::String(s) if s == "true" => quote!(true),
            Value::String(s) if s == "false" => quote!(false),
            _ => return Err(bad()),
        },
        Ty::Unit => quote!(()),
        Ty::Vec(inner) => {
            let items: Vec<Value> = match v {
                Value::Array(items) => items.clone(),
                Value::String(s) => match serde_json::from_str::<Value>(s) {
                    Ok(Value::Array(items)) => items,
                    _ => s
                        .split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(|p| Value::String(p.to_owned()))
                        .collect(),
                },
                _ => return Err(bad()),
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

fn named(p: &ProviderModel, name: &str, v: &Value) -> Result<TokenStream, String> {
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
fn union_fit<'a>(p: &ProviderModel, u: &'a UnionVariant, v: &Value) -> Option<Option<&'a Ty>> {
    match (&u.ty, &u.literal) {
        (Some(t), _) => fits(p, t, u.encoding, v).then_some(Some(t)),
        (None, Some(lit)) => {
            (serde_json::from_str::<Value>(lit).ok().as_ref() == Some(v)).then_some(None)
        }
        (None, None) => None,
    }
}

/// Whether `v` decodes as a value of `ty` under the wire encoding `enc`.
fn fits(p: &ProviderModel, ty: &Ty, enc: Encoding, v: &Value) -> bool {
    if let (Encoding::Str, Value::String(s)) = (enc, v) {
        return match ty {
            Ty::I32 => s.trim().parse::<i32>().is_ok(),
            Ty::I64 => s.trim().parse::<i64>().is_ok(),
            Ty::F64 => s.trim().parse::<f64>().is_ok(),
            Ty::Bool => matches!(s.as_str(), "true" | "false"),
            Ty::String | Ty::Secret => true,
            _ => false,
        };
    }
    if let (Encoding::Csv, Value::String(s), Ty::Vec(inner)) = (enc, v, ty) {
        return s
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .all(|item| fits(p, inner, Encoding::Str, &Value::String(item.to_owned())));
    }
    match (ty, v) {
        (Ty::String | Ty::Secret, Value::String(_)) => true,
        (Ty::I32, Value::Number(n)) => n.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
        (Ty::I64, Value::Number(n)) => n.as_i64().is_some(),
        (Ty::F64, Value::Number(_)) => true,
        (Ty::Bool, Value::Bool(_)) => true,
        (Ty::Unit, Value::Null) => true,
        (Ty::Nullable(_), Value::Null) => true,
        (Ty::Nullable(inner), v) => fits(p, inner, enc, v),
        (Ty::Vec(inner), Value::Array(items)) => items.iter().all(|i| fits(p, inner, enc, i)),
        (Ty::Named(name), v) => match p.types.iter().find(|t| t.name == *name).map(|t| &t.body) {
            Some(TypeBody::Enum(_) | TypeBody::Id { .. }) => v.is_string(),
            Some(TypeBody::Union(us)) => us.iter().any(|u| union_fit(p, u, v).is_some()),
            Some(TypeBody::Object(fields)) => v.as_object().is_some_and(|m| {
                fields.iter().all(|f| match m.get(f.wire) {
                    Some(x) => fits(p, &f.ty, f.encoding, x),
                    None => !f.required || matches!(f.ty, Ty::Nullable(_)),
                })
            }),
            None => false,
        },
        _ => false,
    }
}
