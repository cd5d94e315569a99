//! The Rust renderer: one module per provider (models, requests, error enums, a `Client`),
//! `lib.rs`, a runnable example per provider and the crate's `Cargo.toml`. Tokens are built with `quote` and printed with `prettyplease`.

mod checks;
pub(super) mod client;
mod errors;
pub(super) mod example;
mod operation;
mod request;
mod syntax;
mod tokens;
mod types;

use std::collections::HashSet;

use minijinja::context;
use proc_macro2::TokenStream;
use quote::quote;

use super::templates::{environment, render};
use super::{banner, Layout, OutputFile, RenderError, Renderer};
use crate::model::{RustModel, RustOperation, RustProvider};

pub struct RustRenderer;

impl Renderer for RustRenderer {
    fn name(&self) -> &'static str {
        "render rust"
    }

    fn render(
        &self,
        model: &RustModel,
        layout: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        let all_sources = model.sources();
        let crate_name = match layout {
            Layout::Workspace => "generated".to_owned(),
            Layout::Standalone { name } => name.clone(),
        };
        let krate = crate_name.replace('-', "_");
        // Each provider's module and example on a thread of its own: syntax trees cannot
        // cross threads (proc-macro2's types are neither Send nor Sync), printed text can.
        for files in crate::render::each_provider(model, |p| {
            Ok([
                OutputFile {
                    path: format!("src/{}.rs", p.module).into(),
                    contents: format!(
                        "{}{}",
                        banner("// ", &p.source, ""),
                        provider_module(p, &krate)?
                    ),
                },
                rust_file(
                    format!("examples/{}.rs", p.module),
                    &p.source,
                    example::example(p, &krate)?,
                    &p.module,
                )?,
            ])
        })? {
            out.extend(files);
        }
        out.push(rust_file(
            "src/lib.rs".into(),
            &all_sources,
            lib_rs(model),
            "lib.rs",
        )?);
        let env = environment()?;
        let ctx = context! {
            banner => banner("# ", &all_sources, ""),
            name => crate_name,
            workspace => *layout == Layout::Workspace,
        };
        out.push(OutputFile {
            path: "Cargo.toml".into(),
            contents: render(&env, "Cargo.toml.j2", ctx)?,
        });
        Ok(())
    }
}

/// Parse, pretty-print and put the banner first.
fn rust_file(
    path: String,
    sources: &str,
    tokens: TokenStream,
    what: &str,
) -> Result<OutputFile, RenderError> {
    Ok(unparse(path, sources, &parse(tokens, what)?))
}

/// Pretty-print with the banner first.
fn unparse(path: String, sources: &str, file: &syn::File) -> OutputFile {
    OutputFile {
        path: path.into(),
        contents: format!(
            "{}{}",
            banner("// ", sources, ""),
            crate::render::unparse(file)
        ),
    }
}

fn lib_rs(model: &RustModel) -> TokenStream {
    let mods = model.providers.iter().map(|p| {
        let m = syntax::id(&p.module);
        let d = tokens::doc(&format!(
            "{}: {}",
            p.spec.provider.title, p.spec.provider.description
        ));
        quote!(#d pub mod #m;)
    });
    quote! {
        //! Typed async clients for backup APIs, one module per provider, rendered from the
        //! specs by `cargo xtask codegen`.
        //!
        //! - **Client**: `Client::builder()` with the base URL (or its variables), the
        //!   credential and the settings every call shares: `.timeout(..)` (default 15 s, the
        //!   body read included; error `Timeout`), `.connect_timeout(..)`,
        //!   `.max_response_bytes(..)`, `.http_client(..)`; then `.build()`. Cheap to clone.
        //! - **Calls**: one method per operation returns its call builder, one setter per
        //!   parameter: `client.operation().param(..).other(..).send().await`. A required
        //!   parameter left unset is `Error::InvalidInput` naming its setter, and every
        //!   documented constraint is checked, before anything is sent. Who holds a whole
        //!   request struct passes it with `.request(req)`.
        //! - **Pages**: a paginated operation's builder also ends in `.stream()`, every item
        //!   from the start that was set (else the first) until the reported total or an empty
        //!   page. The stream is `Unpin`: `use generated::runtime::StreamExt` and call
        //!   `.next().await`.
        //! - **Errors**: each module re-exports `Error`; `Error::Documented { status, error }`
        //!   holds the operation's enum of documented failures (its `Display` shows their
        //!   message fields, credentials redacted); the other variants are envelope failures,
        //!   undocumented statuses, undecodable bodies, redirects, oversized bodies, transport
        //!   errors and timeouts.
        //! - **Retries**: `Error::is_retryable` says whether the same call may pass later
        //!   (429/502/503/504, connection failures, timeouts, documented failures marked
        //!   retryable). Builders are `Clone`: keep one and `.clone().send()` again after your
        //!   backoff. Each operation's documentation shows all of this in an example.
        /// The runtime support the clients call (errors, secrets, wire encodings).
        pub use runtime;
        #(#mods)*
    }
}

/// A provider's module: the header and client, then per operation its method (in an
/// `impl Client` block of its own), request and error types, then the named types. Each part is
/// parsed from its own small token stream and printed on its own: nesting token streams copies
/// every token once per level, and small short-lived syntax trees keep the allocator fast.
/// Printed parts concatenate to what printing the whole file at once gives.
fn provider_module(p: &RustProvider, krate: &str) -> Result<String, RenderError> {
    let spec = p.spec;
    let mut header = format!(
        "{}\n\n{}\n\nSources:",
        spec.provider.title, spec.provider.description
    );
    for s in &spec.provider.sources {
        header.push_str(&format!(" `{}` ({});", s.file, s.title));
    }
    if let Some(v) = &spec.provider.version {
        header.push_str(&format!(" documented version {v}."));
    }
    let header_lines = header.lines().map(|l| {
        let l = format!(" {l}");
        quote!(#![doc = #l])
    });
    let head: syn::File = parse(
        quote! {
            #(#header_lines)*
            use crate::runtime;

            /// The errors and response wrapper of this module's operations, for matching
            /// without naming the runtime.
            pub use runtime::{envelope::EnvelopeError, BuildError, Error, InvalidInput, ResponseValue, Secret, Violation};
        },
        &p.module,
    )?;

    let objects = checks::checked_types(p);
    let mut out = crate::render::unparse(&head);
    out.push_str(&print_items(client::client(p)?));
    for o in &p.operations {
        out.push_str(&operation_part(p, o, &objects, krate)?);
    }
    let mut types = Vec::new();
    for t in &p.types {
        types.extend(parse_items(types::type_item(t, &objects), &t.name)?);
    }
    out.push_str(&print_items(types));
    Ok(out)
}

/// Everything one operation adds to its provider's module, printed.
fn operation_part(
    p: &RustProvider,
    o: &RustOperation,
    objects: &HashSet<String>,
    krate: &str,
) -> Result<String, RenderError> {
    let mut items = operation::operation_impl(p, o, objects, krate)?;
    items.extend(request::request_item(o, objects));
    items.extend(errors::error_item(o));
    Ok(print_items(items))
}

/// Each item printed on its own, a blank line before it and between the members of its
/// blocks.
fn print_items(items: Vec<syn::Item>) -> String {
    let mut out = String::new();
    for item in items {
        out.push('\n');
        let text = crate::render::unparse(&syn::File {
            shebang: None,
            attrs: Vec::new(),
            items: vec![item],
        });
        out.push_str(&space_members(&text));
    }
    out
}

/// A blank line between a member that ends (`}` alone) and the next one's documentation,
/// attributes or signature; prettyplease puts none.
fn space_members(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous = "";
    for line in text.lines() {
        let t = line.trim_start();
        let starts_member = t.starts_with("///")
            || t.starts_with("#[")
            || t.starts_with("pub ")
            || t.starts_with("fn ")
            || t.starts_with("async fn ")
            || t.starts_with("const ");
        if previous.trim_start() == "}"
            && previous.len() - previous.trim_start().len() == line.len() - t.len()
            && starts_member
        {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous = line;
    }
    out
}

/// Parse tokens as one syntax node (`what` names it in errors).
fn parse<T: syn::parse::Parse>(tokens: TokenStream, what: &str) -> Result<T, RenderError> {
    syn::parse2(tokens).map_err(|e| RenderError::Rust {
        what: what.to_owned(),
        message: e.to_string(),
    })
}

/// Parse tokens as a sequence of items.
fn parse_items(tokens: TokenStream, what: &str) -> Result<Vec<syn::Item>, RenderError> {
    parse::<syn::File>(tokens, what).map(|f| f.items)
}
