//! Token builders for the `Client`, its builder and methods, and the runnable examples.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::items::{allow_deprecated, cited, deprecated_attr, doc, field_ty, id, ty};
use super::{parse, parse_items};
use crate::model::{ident, OpModel, ProviderModel, Ty};
use crate::render::fixtures::example_lines;
use crate::render::RenderError;
use spec::format::{AuthScheme, BodyEncoding, Envelope, Kind, Location};

/// Builder methods every client has; variable and credential setters must not clash.
const FIXED_SETTERS: &[&str] = &[
    "base_url",
    "timeout",
    "connect_timeout",
    "max_response_bytes",
    "max_redirects",
    "add_root_certificate",
    "user_agent",
    "http_client",
    "build",
];

pub(crate) fn setter_name(name: &str, prefix: &str) -> String {
    if FIXED_SETTERS.contains(&name) {
        format!("{prefix}_{name}")
    } else {
        name.to_owned()
    }
}

/// The client's items: `BASE_URL`, `Client` and `ClientBuilder`. The operation methods come
/// in one `impl Client` block per operation ([`operation_impl`]).
pub fn client(p: &ProviderModel) -> Result<Vec<syn::Item>, RenderError> {
    let provider = &p.spec.provider;
    let base = &provider.base_url;
    let schemes = p.auth.len();
    let secrets = &p.secret_fields;
    let vars = provider.variables.iter().map(|(n, v)| {
        let d = match &v.default {
            Some(d) => quote!(Some(#d)),
            None => quote!(None),
        };
        quote!((#n, #d))
    });
    let var_setters = provider.variables.iter().map(|(n, v)| {
        let setter = id(&setter_name(&crate::model::ident(n), "var"));
        let d = doc(&format!(
            "Base URL variable `{n}`: {} (e.g. `{}`).",
            v.description.trim_end_matches('.'),
            v.example
        ));
        quote! {
            #d
            pub fn #setter(mut self, value: impl Into<String>) -> Self { self.inner.variable(#n, value.into()); self }
        }
    });
    let auth_setters = p.auth.iter().enumerate().map(|(i, a)| {
        let (place, description) = match a.scheme {
            AuthScheme::Query { name, description, .. } => (format!("query parameter `{name}`"), description),
            AuthScheme::Header { name, description, .. } => (format!("header `{name}`"), description),
            AuthScheme::Form { name, description, .. } => (format!("form field `{name}`"), description),
            AuthScheme::Signature { algorithm, description, .. } => {
                let ak = id(&setter_name("access_key", "auth"));
                let sk = id(&setter_name("secret_key", "auth"));
                let dak = doc(&format!(
                    "Access key of `{}`: {description} Requests are signed ({algorithm}) when both keys are set and no token is.",
                    a.id
                ));
                let dsk = doc(&format!("Secret key of `{}`, the HMAC key; never sent and never printed.", a.id));
                return quote! {
                    #dak
                    pub fn #ak(mut self, key: impl Into<runtime::Secret>) -> Self { self.inner.access_key(key.into()); self }
                    #dsk
                    pub fn #sk(mut self, key: impl Into<runtime::Secret>) -> Self { self.inner.secret_key(key.into()); self }
                };
            }
        };
        let setter = id(&setter_name(&a.setter, "auth"));
        let d = doc(&format!(
            "Credential `{}`, sent as {place}: {description} Never printed.",
            a.id
        ));
        quote! {
            #d
            pub fn #setter(mut self, secret: impl Into<runtime::Secret>) -> Self { self.inner.credential(#i, secret.into()); self }
        }
    });
    let cd = format!(
        "Client for {}. Build with [`Client::builder`]; cheap to clone (the connection pool \
         is shared).",
        provider.title
    );
    let bd = format!("Builder for [`Client`]. Base URL template: `{base}`.");
    let own_setters: Vec<TokenStream> = var_setters.chain(auth_setters).collect();
    parse_items(
        quote! {
        #[doc = #cd]
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: runtime::Transport,
        }

        impl Client {
            /// Starts a builder.
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    // The base URL template and its variables' defaults, the number of
                    // credential slots, and the names of secret fields.
                    inner: runtime::TransportBuilder::new(#base, &[#(#vars),*], #schemes, &[#(#secrets),*]),
                }
            }

            /// The resolved base URL.
            pub fn base_url(&self) -> &str {
                self.transport.base_url()
            }
        }

        #[doc = #bd]
        #[derive(Debug, Clone)]
        pub struct ClientBuilder {
            inner: runtime::TransportBuilder,
        }

        impl ClientBuilder {
            /// Use this base URL instead of filling the template.
            pub fn base_url(mut self, url: impl Into<String>) -> Self {
                self.inner.base_url(url.into());
                self
            }

            /// Give up on a call after this long, reading the body included (error
            /// `Timeout`; default 15 s).
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.inner.timeout(timeout);
                self
            }

            /// Give up on connecting (TLS handshake included) after this long (default 10 s).
            pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.inner.connect_timeout(timeout);
                self
            }

            /// Refuse response bodies over this many bytes (error `TooLarge`; default 10 MiB).
            pub fn max_response_bytes(mut self, limit: u64) -> Self {
                self.inner.max_response_bytes(limit);
                self
            }

            /// Follow up to `max` redirects within the same origin (default 0: a 3xx is the
            /// error `Redirect`); another origin and 307/308 are never followed.
            pub fn max_redirects(mut self, max: usize) -> Self {
                self.inner.max_redirects(max);
                self
            }

            /// Also trust the CA certificate(s) in this PEM text (a private CA, a test server).
            pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
                self.inner.add_root_certificate(pem.into());
                self
            }

            /// The `User-Agent` header of every request.
            pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
                self.inner.user_agent(agent.into());
                self
            }

            /// Use this HTTP client (proxies, connection pools) instead of the default one; the
            /// timeout and body cap still apply, its TLS and redirect settings replace ours.
            pub fn http_client(mut self, client: reqwest::Client) -> Self {
                self.inner.http_client(client);
                self
            }

            #(#own_setters)*

            /// Fails when a base URL variable has neither a value nor a default, a CA
            /// certificate is not PEM, or a credential is shorter than 8 characters
            /// (`runtime::secret::MIN_SECRET_LEN`: it could not be redacted safely).
            pub fn build(self) -> Result<Client, runtime::BuildError> {
                self.inner.build().map(|transport| Client { transport })
            }
        }
        },
        "Client",
    )
}

/// An operation's items: the `Client` method that starts a call, the call builder (one
/// setter per parameter, `request`, `build`, `send`, and `stream` when the operation pages).
pub fn operation_impl(
    p: &ProviderModel,
    o: &OpModel,
    krate: &str,
) -> Result<Vec<syn::Item>, RenderError> {
    let method = id(&o.method);
    let (builder, req, err) = (id(&o.builder), id(&o.request), id(&o.error));
    let response = ty(&o.response);
    let mut d = method_doc(o);
    d.push_str(&format!(
        "\n\nReturns a [`{}`]: set the parameters, then `.send().await`{}.",
        o.builder,
        if o.pagination.is_some() {
            " for one page, or `.stream()` for every item"
        } else {
            ""
        }
    ));
    if let Some(snippet) = usage(p, o, krate)? {
        d.push_str(&format!("\n\n```no_run\n{snippet}```"));
    }
    let d = doc(&d);
    let deprecated =
        o.op.deprecated
            .as_ref()
            .map(|d| deprecated_attr(d, method_replacement));
    let allow = crate::model::uses_deprecated(p, o).then(allow_deprecated);
    let fields = o.params.iter().map(|f| {
        let name = id(&f.ident);
        let t = if f.required {
            let t = ty(&f.ty);
            quote!(Option<#t>)
        } else {
            field_ty(f)
        };
        quote!(#name: #t,)
    });
    let inits = o.params.iter().map(|f| {
        let name = id(&f.ident);
        match crate::model::tri_state(f) {
            Some(_) => quote!(#name: runtime::Nullable::Absent,),
            None => quote!(#name: None,),
        }
    });
    let setters = o.params.iter().map(|f| {
        let (name, setter) = (id(&f.ident), id(&crate::model::setter(&f.ident)));
        let fd = doc(&cited(f.doc, f.cite.as_deref()));
        let dep = f
            .deprecated
            .map(|d| deprecated_attr(d, |r| format!("`{}`", crate::model::ident(r))));
        let tri = crate::model::tri_state(f);
        let (arg, value) = match tri.unwrap_or(&f.ty) {
            Ty::String => (quote!(impl Into<String>), quote!(value.into())),
            Ty::Secret => (quote!(impl Into<runtime::Secret>), quote!(value.into())),
            Ty::Named(n) if crate::model::is_id(f) => {
                let n = id(n);
                (quote!(impl Into<#n>), quote!(value.into()))
            }
            t => (ty(t), quote!(value)),
        };
        match tri {
            // Absent unless set; `null` only when asked for by name.
            Some(_) => {
                let null = id(&format!("{}_null", crate::model::setter(&f.ident)));
                let nd = format!(
                    " Sends `{}` as `null` (leaving it unset leaves it out).",
                    f.wire
                );
                quote! {
                    #fd
                    #dep
                    pub fn #setter(mut self, value: #arg) -> Self { self.#name = runtime::Nullable::Value(#value); self }
                    #[doc = #nd]
                    #dep
                    pub fn #null(mut self) -> Self { self.#name = runtime::Nullable::Null; self }
                }
            }
            None => quote! {
                #fd
                #dep
                pub fn #setter(mut self, value: #arg) -> Self { self.#name = Some(#value); self }
            },
        }
    });
    let from_request = o.params.iter().map(|f| {
        let name = id(&f.ident);
        if f.required {
            quote!(#name: Some(request.#name),)
        } else {
            quote!(#name: request.#name,)
        }
    });
    let required: Vec<&crate::model::FieldModel> = o.params.iter().filter(|f| f.required).collect();
    let optional = o.params.iter().filter(|f| !f.required).map(|f| {
        let name = id(&f.ident);
        quote!(#name: self.#name,)
    });
    let build_body = if required.is_empty() {
        quote!(Ok(#req { #(#optional)* }))
    } else {
        let names: Vec<Ident> = required.iter().map(|f| id(&f.ident)).collect();
        let somes = names.iter().map(|n| quote!(Some(#n)));
        let missing = required.iter().map(|f| {
            let (name, setter) = (id(&f.ident), crate::model::setter(&f.ident));
            quote!((#setter, #name.is_none()))
        });
        quote! {
            match (#(self.#names,)*) {
                (#(#somes,)*) => Ok(#req { #(#names,)* #(#optional)* }),
                (#(#names,)*) => Err(runtime::check::missing(&[#(#missing),*])),
            }
        }
    };
    let stream = stream_method(o);
    let call = call_fn(p, o)?;
    // Without parameters the request carries nothing to take.
    let request_arg = if o.params.is_empty() {
        quote!(_request)
    } else {
        quote!(request)
    };
    let bd = format!(
        " One call of [`Client::{}`]: a setter per parameter (required ones must be set, or \
         `send` fails with [`Error::InvalidInput`] naming them before anything is sent), or \
         [`{}::request`] with a whole [`{}`].",
        o.method.trim_start_matches("r#"),
        o.builder,
        o.request
    );
    let bc = o.cite.as_ref().map(|c| {
        let line = format!(" Source: `{c}`.");
        quote!(#[doc = ""] #[doc = #line])
    });
    let mut items = parse_items(
        quote! {
            impl Client {
                #d
                #deprecated
                pub fn #method(&self) -> #builder<'_> {
                    #builder { client: self, #(#inits)* }
                }
            }

            #[doc = #bd]
            #bc
            #[derive(Debug, Clone)]
            #[must_use = "a call builder does nothing until `send`"]
            #allow
            pub struct #builder<'a> {
                client: &'a Client,
                #(#fields)*
            }

            #allow
            impl<'a> #builder<'a> {
                #(#setters)*

                /// Every parameter from `request`, replacing those set so far.
                pub fn request(self, #request_arg: #req) -> Self {
                    Self { client: self.client, #(#from_request)* }
                }

                /// The request from the parameters set, or every required one that is not.
                pub fn build(self) -> Result<#req, runtime::InvalidInput> {
                    #build_body
                }

                /// Checks the parameters against the spec's constraints, sends the call and
                /// decodes the answer.
                pub async fn send(self) -> Result<runtime::ResponseValue<#response>, runtime::Error<#err>> {
                    let client = self.client;
                    let request = self.build()?;
                    Self::call(client, &request).await
                }

                #stream
            }
        },
        &o.method,
    )?;
    if let Some(syn::Item::Impl(block)) = items.last_mut() {
        block.items.push(call);
    }
    Ok(items)
}

/// The operation called with its first documented request through the builder, as a
/// rustdoc example (hidden lines start with `# `): a documented failure matched, a retryable
/// one told apart, and the stream of every item when the operation pages.
pub(crate) fn usage(
    p: &ProviderModel,
    o: &OpModel,
    krate: &str,
) -> Result<Option<String>, RenderError> {
    let Some(request) = o.op.examples.iter().find_map(|e| e.request.as_ref()) else {
        return Ok(None);
    };
    let setters = crate::render::protocol_tests::typed_setters(p, o, request, &quote!("TOKEN"))
        .map_err(|message| RenderError::Rust {
            what: format!("rustdoc example of {}.{}", p.module, o.op.id),
            message,
        })?;
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
    let file: syn::File = parse(tokens, &o.method)?;
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

fn method_doc(o: &OpModel) -> String {
    let op = o.op;
    let mut d = op.summary.clone();
    if let Some(desc) = &op.description {
        d.push_str(&format!("\n\n{desc}"));
    }
    d.push_str(&format!("\n\n`{} {}`", op.method.as_str(), op.path));
    if !op.discriminators.is_empty() {
        let ds: Vec<String> = op
            .discriminators
            .iter()
            .map(|d| format!("`{}={}`", d.name, d.value))
            .collect();
        d.push_str(&format!(" selected by {}", ds.join(", ")));
    }
    d.push_str(&format!("; success is HTTP {}.", op.response.status));
    if !op.address_documented {
        d.push_str(" The page does not give the address: it is the spec's assumption.");
    }
    if let Some(since) = &op.since {
        d.push_str(&format!(" Since version {since}."));
    }
    if let Some(c) = &o.cite {
        d.push_str(&format!("\n\nSource: `{c}`."));
    }
    d.push_str(&format!(
        "\n\n# Errors\n\n[`{}`] for the documented failures",
        o.error
    ));
    let names: Vec<String> = op.errors.iter().map(|e| format!("`{}`", e.name)).collect();
    if !names.is_empty() {
        d.push_str(&format!(" ({})", names.join(", ")));
    }
    d.push_str("; also invalid input (checked before sending), envelope failures, undocumented statuses, undecodable bodies, transport errors and timeouts.");
    if let Some(ex) = op.examples.first() {
        d.push_str(&format!("\n\n# Example `{}`\n\n```text\n", ex.name));
        d.push_str(&example_lines(o, ex).join("\n"));
        d.push_str("\n```");
        if op.examples.len() > 1 {
            let others: Vec<String> = op.examples[1..]
                .iter()
                .map(|e| format!("`{}`", e.name))
                .collect();
            d.push_str(&format!(
                "\n\nMore examples in the fixtures: {}.",
                others.join(", ")
            ));
        }
    }
    d
}

/// One operation's `call`, written out as plain code: constraints checked, the path filled
/// from the typed fields, each query pair, header, form field or the JSON body appended,
/// the credential placed (or the request signed), then the status matched: the success
/// decoded straight into the payload type, anything else read as a failure.
fn call_fn(p: &ProviderModel, o: &OpModel) -> Result<syn::ImplItem, RenderError> {
    let op = o.op;
    let unsupported = |what: &str| RenderError::Rust {
        what: format!("operation {}.{}", p.module, op.id),
        message: format!("{what}: the Rust client cannot send it"),
    };
    let method = Ident::new(
        &op.method.as_str().to_uppercase(),
        proc_macro2::Span::call_site(),
    );
    let mut stmts: Vec<TokenStream> = Vec::new();
    // The path template, its variables from the path parameters.
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        let name = &rest[open + 1..close];
        let param = o
            .params
            .iter()
            .find(|f| f.wire == name && f.location == Some(Location::Path));
        match param {
            Some(f) => {
                let lit = &rest[..open];
                if !lit.is_empty() {
                    stmts.push(quote!(call.path(#lit);));
                }
                let field = id(&f.ident);
                stmts.push(quote!(call.path_param(&request.#field);));
            }
            None => {
                let lit = &rest[..=close];
                stmts.push(quote!(call.path(#lit);));
            }
        }
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        stmts.push(quote!(call.path(#rest);));
    }
    let form = match op.request.body {
        Some(BodyEncoding::Multipart) => Some("multipart"),
        Some(BodyEncoding::Urlencoded) => Some("urlencoded"),
        Some(BodyEncoding::Json) | None => None,
    };
    // Fixed values that select the operation come first, as on the pages' addresses.
    for d in &op.discriminators {
        let (n, v) = (&d.name, &d.value);
        match (d.location, form) {
            (Location::Query, _) => stmts.push(quote!(call.query(#n, #v);)),
            (Location::Header, _) => stmts.push(quote!(call.header(#n, #v);)),
            (Location::Body, Some(f)) => {
                let f = Ident::new(f, proc_macro2::Span::call_site());
                stmts.push(quote!(call.#f(#n, #v);));
            }
            (Location::Body, None) => return Err(unsupported("a fixed value in a JSON body")),
            (Location::Path, _) => return Err(unsupported("a fixed value in the path")),
        }
    }
    let mut json = false;
    for f in &o.params {
        let (name, field) = (f.wire, id(&f.ident));
        let csv = f.encoding == crate::model::Encoding::Csv;
        let place = |base: &str| {
            let m = if csv {
                format!("{base}_csv")
            } else {
                base.to_owned()
            };
            Ident::new(&m, proc_macro2::Span::call_site())
        };
        match f.location {
            Some(Location::Path) => {}
            Some(Location::Query) | None => {
                let m = place("query");
                stmts.push(quote!(call.#m(#name, &request.#field);));
            }
            Some(Location::Header) => stmts.push(quote!(call.header(#name, &request.#field);)),
            Some(Location::Body) => match form {
                Some(base) => {
                    let m = place(base);
                    stmts.push(quote!(call.#m(#name, &request.#field);));
                }
                None => json = true,
            },
        }
    }
    if json {
        // The request struct serializes to its body members only.
        stmts.push(quote!(call.json(request);));
    }
    let auth = o.auth.and_then(|i| p.auth.get(i).map(|a| (i, a.scheme)));
    let place = match auth {
        Some((i, AuthScheme::Query { name, .. })) => {
            Some((i, quote!(runtime::Location::Query), name))
        }
        Some((i, AuthScheme::Header { name, .. })) => {
            Some((i, quote!(runtime::Location::Header), name))
        }
        Some((i, AuthScheme::Form { name, .. })) => {
            if form.is_none() {
                return Err(unsupported("a form credential without a form body"));
            }
            Some((i, quote!(runtime::Location::Body), name))
        }
        Some((_, AuthScheme::Signature { .. })) | None => None,
    };
    if let Some((i, l, name)) = place {
        let i = Literal::usize_unsuffixed(i);
        stmts.push(quote!(call.token(#i, #l, #name);));
    }
    if o.signed.is_some() {
        stmts.push(quote!(call.sign_if_keys();));
    }
    let success = Literal::u16_unsuffixed(op.response.status);
    let list = op.response.schema.kind == Kind::Array;
    let (xml_const, xml_ref, decode) = match &op.response.envelope {
        None if o.response == Ty::Unit => (None, quote!(None), quote!(response.unit())),
        None => (None, quote!(None), quote!(response.json())),
        Some(Envelope::ResultCode {
            code_field,
            message_field,
            success,
            scopes,
        }) => (
            None,
            quote!(None),
            quote!(response.result_code(#code_field, #message_field, #success, &[#(#scopes),*])),
        ),
        Some(Envelope::XmlJson {
            root,
            list: list_member,
            error,
            text_key,
            attribute_prefix,
            error_fields,
        }) => {
            let (kind, message) = (&error_fields.kind, &error_fields.message);
            let object = match &error_fields.object {
                Some(o) => quote!(Some(#o)),
                None => quote!(None),
            };
            (
                Some(quote! {
                    const XML: runtime::XmlJson<'static> = runtime::XmlJson {
                        root: #root, list: #list_member, error: #error,
                        text_key: #text_key, attribute_prefix: #attribute_prefix,
                        error_fields: runtime::XmlErrorFields { kind: #kind, object: #object, message: #message },
                    };
                }),
                quote!(Some(&XML)),
                quote!(response.xml_json(&XML, #list)),
            )
        }
    };
    let response = ty(&o.response);
    let (req, err) = (id(&o.request), id(&o.error));
    parse(
        quote! {
            /// Checks, sends and decodes one call with `request`.
            async fn call(
                client: &Client,
                request: &#req,
            ) -> Result<runtime::ResponseValue<#response>, runtime::Error<#err>> {
                #xml_const
                runtime::check::validate(request)?;
                let mut call = client.transport.call(runtime::Method::#method);
                #(#stmts)*
                let response = call.send().await?;
                match response.status() {
                    #success => #decode,
                    _ => response.failure(#success, #xml_ref),
                }
            }
        },
        &o.method,
    )
}

/// `stream`: every item of a paginated operation, from the start the caller set.
fn stream_method(o: &OpModel) -> Option<TokenStream> {
    let pg = o.pagination.as_ref()?;
    let (err, item) = (id(&o.error), ty(&pg.item_ty));
    let (start, items, total) = (id(&pg.start), id(&pg.items), id(&pg.total));
    let first = pg.first;
    let value = match pg.start_ty {
        Ty::I32 => quote!(i32::try_from(start).unwrap_or(i32::MAX)),
        _ => quote!(start),
    };
    let (set, from) = if pg.start_required {
        (
            quote!(page.#start = #value;),
            quote!(i64::from(request.#start)),
        )
    } else {
        (
            quote!(page.#start = Some(#value);),
            quote!(request.#start.map(i64::from).unwrap_or(#first)),
        )
    };
    let items_expr = if pg.items_required {
        quote!(p.#items)
    } else {
        quote!(p.#items.into_iter().flatten().collect())
    };
    let to_i64 = match pg.total_ty {
        Ty::I32 => quote!(i64::from),
        _ => quote!(std::convert::identity),
    };
    let total_expr = if pg.total_required {
        quote!(Some(#to_i64(p.#total)))
    } else {
        quote!(p.#total.into_iter().flatten().map(#to_i64).next())
    };
    let d = doc(&format!(
        "Every item over all pages, walking `{}` from the value set (else {first}) until the \
         reported total is reached or a page is empty. The stream is `Unpin`: call \
         `futures::StreamExt::next` on it directly.",
        o.op.pagination.as_ref().map_or("", |p| p.start.as_str())
    ));
    Some(quote! {
        #d
        pub fn stream(self) -> runtime::ItemStream<'a, #item, #err> {
            let client = self.client;
            let request = match self.build() {
                Ok(request) => request,
                Err(e) => return runtime::paginate::failed(e.into()),
            };
            let from = #from;
            runtime::paginate(#first, from, move |start| {
                let mut page = request.clone();
                #set
                async move {
                    let p = Self::call(client, &page).await?.into_inner();
                    Ok((#items_expr, #total_expr))
                }
            })
        }
    })
}

/// The Rust method name of an operation id, without a raw prefix.
fn method_name(op_id: &str) -> String {
    ident(op_id).trim_start_matches("r#").to_string()
}

/// The replacement of a deprecated operation: the client method to call instead.
fn method_replacement(op_id: &str) -> String {
    format!("`Client::{}`", method_name(op_id))
}

pub fn example(p: &ProviderModel, crate_name: &str) -> Result<TokenStream, RenderError> {
    let krate = id(crate_name);
    let module = id(&p.module);
    let prefix = p.spec.provider.id.to_uppercase();
    let (base_var, token_var) = (format!("{prefix}_BASE_URL"), format!("{prefix}_TOKEN"));
    // Prefer an operation that is not deprecated and only reads, with a documented request.
    let pick = p
        .operations
        .iter()
        .filter_map(|o| {
            o.op.examples
                .iter()
                .find(|e| e.request.is_some())
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
            let setters = ex
                .request
                .as_ref()
                .map(|r| {
                    crate::render::protocol_tests::typed_setters(
                        p,
                        o,
                        r,
                        &quote!(credential.as_str()),
                    )
                })
                .transpose()
                .map_err(|message| RenderError::Rust {
                    what: format!("example of {}", p.module),
                    message,
                })?;
            let note = format!(
                "Calling `{}` with the documented example `{}`.",
                o.op.id, ex.name
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

/// The client builder's setter of the provider's first token credential (a signing key pair
/// has two setters and is not a token), for examples that authenticate.
fn token_setter(p: &ProviderModel) -> Option<proc_macro2::Ident> {
    p.auth
        .iter()
        .find(|a| !matches!(a.scheme, AuthScheme::Signature { .. }))
        .map(|a| id(&setter_name(&a.setter, "auth")))
}
