//! The generated crate's tests, in the manner of smithy-rs's `ClientProtocolTestGenerator`:
//! - `tests/protocol/main.rs` with one file per provider beside it ([`protocol`]): one
//!   `#[tokio::test]` per documented example, calling the operation through the typed request
//!   against a `protocol_test::Target` and comparing what was decoded, and (when the target
//!   captured it) what was sent, with literals written from the spec model;
//! - `tests/builders.rs` ([`builders`]): calls refused before sending (a required parameter
//!   missing, a documented constraint broken).
//!
//! Nothing a test compares against is computed by the runtime. The credential is the spec's
//! placeholder ([`PLACEHOLDER_CREDENTIAL`]), never the documented value. Standalone crates get
//! no tests (they have no `protocol-test` crate beside them).

mod builders;
mod protocol;

use proc_macro2::TokenStream;
use quote::quote;

use super::literal::id;
use super::rust::client::setter_name;
use super::{banner, Layout, OutputFile, RenderError, Renderer};
use crate::model::{RustModel, RustOperation, RustProvider};
use spec::model::PLACEHOLDER_CREDENTIAL;

pub struct TestRenderer;

impl Renderer for TestRenderer {
    fn name(&self) -> &'static str {
        "render protocol tests"
    }

    fn render(
        &self,
        model: &RustModel,
        layout: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        if *layout != Layout::Workspace {
            return Ok(());
        }
        let sources = model.sources();
        // Each provider's protocol file and builder module parsed and printed on a thread of
        // its own (syntax trees cannot cross threads; printed items concatenate).
        let printed = crate::render::each_provider(model, |p| {
            let path = format!("tests/protocol/{}.rs", p.module);
            let file = print(protocol::provider_file(p)?, &path)?;
            Ok((
                OutputFile {
                    contents: format!("{}{file}", banner("// ", &p.source, "")),
                    path: path.into(),
                },
                print(builders::builder_module(p)?, "tests/builders.rs")?,
            ))
        })?;
        let (providers, builders): (Vec<OutputFile>, Vec<String>) = printed.into_iter().unzip();
        let modules = model.providers.iter().map(|p| {
            let m = id(&p.module);
            quote!(mod #m;)
        });
        let tokens = quote! {
            //! Protocol tests: one test per documented example, one file per provider beside
            //! this one. Each calls the operation with the example's values through the
            //! typed request and compares the value decoded (and the request sent, when
            //! captured) with literals written by the generator from the spec. The server is a
            //! capture server of the test's own serving the documented response, or, with
            //! `PROTOCOL_TEST_BASE_URL` set to a URL template such as
            //! `http://127.0.0.1:8080/~{provider}`, a running mock asked for the example with
            //! `Prefer: example=NAME`.

            /// Sent and expected instead of the documented credential.
            const CREDENTIAL: &str = #PLACEHOLDER_CREDENTIAL;

            #(#modules)*
        };
        out.push(OutputFile {
            path: "tests/protocol/main.rs".into(),
            contents: format!(
                "{}{}",
                banner("// ", &sources, ""),
                print(tokens, "tests/protocol/main.rs")?
            ),
        });
        out.extend(providers);
        let tokens = quote! {
            //! Call builders: an operation called without its required parameters, or with a
            //! value breaking a documented constraint, is refused before anything is sent, with
            //! an error naming each missing setter or the parameter.

            /// Sent instead of a real credential.
            const CREDENTIAL: &str = #PLACEHOLDER_CREDENTIAL;

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
        out.push(OutputFile {
            path: "tests/builders.rs".into(),
            contents: format!(
                "{}{}",
                banner("// ", &sources, ""),
                print(tokens, "tests/builders.rs")? + &builders.concat()
            ),
        });
        Ok(())
    }
}

/// A file's tokens, parsed and printed.
fn print(tokens: TokenStream, what: &str) -> Result<String, RenderError> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| RenderError::Rust {
        what: what.into(),
        message: e.to_string(),
    })?;
    Ok(crate::render::unparse(&file))
}

/// A test that cannot be written: which one, and why.
fn err(p: &RustProvider, o: &RustOperation, ex: &str, message: String) -> RenderError {
    RenderError::Rust {
        what: format!("protocol test {}.{}.{ex}", p.spec.provider.id, o.op.id),
        message,
    }
}

/// How a test's client proves who it is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Auth {
    /// The operation's token scheme, with the placeholder credential.
    Token,
    /// A request signature with `protocol_test`'s placeholder keys, and no token.
    Signed,
}

/// The client a test calls: with the operation's token setter given the placeholder, or the
/// placeholder signing keys. `builder` is the generated helper aiming it at the target.
fn client(p: &RustProvider, o: &RustOperation, auth: Auth) -> TokenStream {
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
    quote!(builder(&target) #credential .build().expect("the client builds"))
}
