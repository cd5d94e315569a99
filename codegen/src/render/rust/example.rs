//! Examples: the typed usage of an operation (rustdoc and docs), the example program of each
//! provider, and a documented exchange as rustdoc text (request line, headers, body, answer).

use proc_macro2::TokenStream;
use quote::quote;

use super::client::{setter_name, token_setter};
use super::parse;
use super::syntax::id;
use super::tokens::allow_deprecated;
use crate::model::{RustOperation, RustProvider};
use crate::render::RenderError;
use serde_json::Value;
use spec::format::Location;
use spec::model::{ExampleModel, REDACTED};

/// The operation called with its first documented request through the builder, as a
/// rustdoc example (hidden lines start with `# `): a documented failure matched, a retryable
/// one told apart, and the stream of every item when the operation pages. Rendered once per
/// operation and crate name; the Rust and docs renderers both show it.
pub(crate) fn usage(
    p: &RustProvider,
    o: &RustOperation,
    krate: &str,
) -> Result<Option<String>, RenderError> {
    let fresh = || render_usage(p, o, krate).map_err(|e| e.to_string());
    let (for_crate, text) = o.usage.get_or_init(|| (krate.to_owned(), fresh()));
    let text = if for_crate == krate {
        text.clone()
    } else {
        fresh()
    };
    text.map_err(|message| RenderError::Rust {
        what: format!("rustdoc example of {}.{}", p.module, o.op.id),
        message,
    })
}

/// [`usage`], rendered.
fn render_usage(
    p: &RustProvider,
    o: &RustOperation,
    krate: &str,
) -> Result<Option<String>, String> {
    let Some(first) = o.resolved.examples.iter().find(|e| e.own_request) else {
        return Ok(None);
    };
    let setters = crate::render::literal::typed_setters(p, o, &first.params, &quote!("TOKEN"))?;
    let (krate, module, method) = (id(krate), id(&p.module), id(&o.method));
    let token = token_setter(p).map(|setter| quote!(.#setter("TOKEN")));
    let stream = o.pagination.as_ref().map(|_| {
        quote! {
            use #krate::runtime::StreamExt;
            let mut items = client.#method() #setters .stream();
            while let Some(item) = items.next().await {
                let item = item?;
                println!("{item:?}");
            }
        }
    });
    let allow =
        o.op.deprecated
            .as_ref()
            .map(|_| quote!(#[allow(deprecated)]));
    let tokens = quote! {
        #allow
        async fn example() -> Result<(), Box<dyn std::error::Error>> {
            use #krate::#module as api;
            let client = api::Client::builder()
                .base_url("https://api.example.com")
                #token
                .timeout(std::time::Duration::from_secs(10))
                .build()?;
            let call = client.#method() #setters;
            // Builders are `Clone`: try once more when the failure says it may pass.
            let result = match call.clone().send().await {
                Err(e) if e.is_retryable() => call.send().await,
                other => other,
            };
            match result {
                Ok(response) => {
                    let payload = response.into_inner();
                    println!("{payload:?}");
                }
                Err(api::Error::Documented { status, error }) => println!("HTTP {status}: {error:?}"),
                Err(e) => return Err(e.into()),
            }
            #stream
            Ok(())
        }
    };
    let file: syn::File = parse(tokens, &o.method).map_err(|e| e.to_string())?;
    let text = crate::render::unparse(&file);
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::new();
    let body_start = lines
        .iter()
        .position(|l| l.starts_with("async fn"))
        .map_or(0, |i| i + 1);
    for (i, line) in lines.iter().enumerate() {
        // The function around the example, its attributes and its `Ok(())` are hidden.
        let hidden = i < body_start || i + 1 == lines.len() || line.trim() == "Ok(())";
        let line = line.strip_prefix("    ").unwrap_or(line);
        if hidden {
            out.push_str(&format!("# {line}\n"));
        } else {
            out.push_str(&format!("{line}\n"));
        }
    }
    Ok(Some(out))
}

pub fn example(p: &RustProvider, crate_name: &str) -> Result<TokenStream, RenderError> {
    let krate = id(crate_name);
    let module = id(&p.module);
    let base_var = spec::model::base_url_var(&p.spec.provider.id);
    let token_var = spec::model::token_var(&p.spec.provider.id);
    // Prefer an operation that is not deprecated and only reads, with a documented request.
    let pick = p
        .operations
        .iter()
        .filter_map(|o| {
            o.resolved
                .examples
                .iter()
                .find(|e| e.own_request)
                .map(|e| (o, e))
        })
        .min_by_key(|(o, _)| {
            (
                o.op.deprecated.is_some(),
                o.op.effect != spec::format::Effect::Read,
            )
        });
    // Only when every operation with an example is deprecated.
    let allow = pick
        .filter(|(o, _)| o.op.deprecated.is_some())
        .map(|_| allow_deprecated());
    let vars = p.spec.provider.variables.iter().map(|(n, v)| {
        let setter = id(&setter_name(&crate::model::ident(n), "var"));
        let ex = &v.example;
        quote!(builder = builder.#setter(#ex);)
    });
    let token =
        token_setter(p).map(|setter| quote!(builder = builder.#setter(credential.as_str());));
    let call = match pick {
        Some((o, ex)) => {
            let method = id(&o.method);
            let setters = crate::render::literal::typed_setters(
                p,
                o,
                &ex.params,
                &quote!(credential.as_str()),
            )
            .map_err(|message| RenderError::Rust {
                what: format!("example of {}", p.module),
                message,
            })?;
            let note = format!(
                "Calling `{}` with the documented example `{}`.",
                o.op.id, ex.example.name
            );
            let stream = o.pagination.as_ref().map(|_| {
                quote! {
                    // Every item over all pages, from the same start.
                    let mut items = client.#method() #setters .stream();
                    let mut count = 0usize;
                    while let Some(item) = items.next().await {
                        match item {
                            Ok(_) => count += 1,
                            Err(e) => return Err(e.into()),
                        }
                    }
                    println!("{count} items over all pages");
                }
            });
            let use_stream = stream
                .as_ref()
                .map(|_| quote!(use #krate::runtime::StreamExt;));
            quote! {
                #use_stream
                println!(#note);
                match client.#method() #setters .send().await {
                    Ok(response) => {
                        let status = response.status();
                        let payload = response.into_inner();
                        println!("HTTP {status}: {payload:#?}");
                    }
                    Err(api::Error::Documented { status, error }) => {
                        println!("documented failure (HTTP {status}): {error:?}")
                    }
                    Err(e) if e.is_retryable() => eprintln!("failed, worth retrying: {e}"),
                    Err(e) => return Err(e.into()),
                }
                #stream
            }
        }
        None => quote!(println!("No documented example to call; client at {}", client.base_url());),
    };
    let d = format!(
        " Calls {} with a documented example. Set `{base_var}` to aim elsewhere than the \
         documented example host, and `{token_var}` for the credential.",
        p.spec.provider.title
    );
    Ok(quote! {
        #![doc = #d]
        use #krate::#module as api;

        #[tokio::main]
        #allow
        async fn main() -> Result<(), Box<dyn std::error::Error>> {
            let mut builder = api::Client::builder();
            #(#vars)*
            if let Ok(url) = std::env::var(#base_var) { builder = builder.base_url(url); }
            // A placeholder credential when none is given (the mock accepts any).
            let credential = std::env::var(#token_var).unwrap_or_else(|_| "example-credential".to_owned());
            #token
            let client = builder.timeout(std::time::Duration::from_secs(10)).build()?;
            #call
            Ok(())
        }
    })
}

/// The example as text for rustdoc: request line, headers, body, then the response.
pub(super) fn example_lines(ex: &ExampleModel) -> Vec<String> {
    let doc = ex.example;
    let mut lines = vec![format!("{}:", doc.summary.trim_end_matches(['.', ':']))];
    let own = ex.wire.as_ref().filter(|_| ex.own_request);
    if let Some(w) = own {
        let query: Vec<String> = w
            .query
            .iter()
            .map(|(k, v)| {
                let v = if w.is_secret(Location::Query, k) {
                    REDACTED.to_owned()
                } else {
                    spec::url::encode_component(v)
                };
                format!("{}={v}", spec::url::encode_component(k))
            })
            .collect();
        let q = if query.is_empty() {
            String::new()
        } else {
            format!("?{}", query.join("&"))
        };
        let w = w.with_secrets(REDACTED);
        lines.push(format!("{} {}{q}", w.method, w.path));
        for (k, v) in &w.headers {
            lines.push(format!("{k}: {v}"));
        }
        if let Some(body) = &w.body {
            lines.push(String::new());
            lines.push(compact_json(&body.json()));
        }
    }
    if let Some(resp) = &doc.response {
        if own.is_some() {
            lines.push(String::new());
        }
        lines.push(format!("HTTP {}", resp.status));
        if let Some(body) = &resp.body {
            lines.push(compact_json(body));
        }
    }
    lines
}

/// One-line JSON: examples in rustdoc stay one line per body (the fixtures keep the
/// pretty-printed form).
fn compact_json(v: &Value) -> String {
    serde_json::to_string(v).unwrap_or_else(|_| "null".into())
}
