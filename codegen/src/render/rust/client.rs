//! The `Client` and its builder: base URL variables, credentials, HTTP settings.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::parse_items;
use super::syntax::id;
use super::tokens::doc;
use crate::model::RustProvider;
use crate::render::RenderError;
use spec::format::AuthScheme;

/// Builder methods every client has; variable and credential setters must not clash.
pub(super) const FIXED_SETTERS: &[&str] = &[
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
pub fn client(p: &RustProvider) -> Result<Vec<syn::Item>, RenderError> {
    let provider = &p.spec.provider;
    let base = &provider.base_url;
    let schemes = Literal::usize_unsuffixed(p.auth.len());
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
    let auth_setters = p.auth.iter().map(|a| {
        let place = spec::model::Credential::of_scheme(a.scheme).words().unwrap_or_default();
        let description = match a.scheme {
            AuthScheme::Query { description, .. }
            | AuthScheme::Header { description, .. }
            | AuthScheme::Form { description, .. } => description,
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
        let constant = id(&a.constant);
        let d = doc(&format!(
            "Credential `{}`, sent as {place}: {description} Never printed.",
            a.id
        ));
        quote! {
            #d
            pub fn #setter(mut self, secret: impl Into<runtime::Secret>) -> Self { self.inner.credential(#constant, secret.into()); self }
        }
    });
    let token_consts = p.auth.iter().enumerate().filter_map(|(slot, a)| {
        let (location, name) = match a.scheme {
            AuthScheme::Query { name, .. } => (quote!(Query), name),
            AuthScheme::Header { name, .. } => (quote!(Header), name),
            AuthScheme::Form { name, .. } => (quote!(Body), name),
            AuthScheme::Signature { .. } => return None,
        };
        let constant = id(&a.constant);
        let slot = Literal::usize_unsuffixed(slot);
        let d = doc(&format!(
            "Credential `{}`: its slot and where it is sent.",
            a.id
        ));
        Some(quote! {
            #d
            const #constant: runtime::TokenScheme = runtime::TokenScheme {
                slot: #slot,
                location: runtime::Location::#location,
                name: #name,
            };
        })
    });
    let cd = format!(
        " Client for {}. Build with [`Client::builder`]; cheap to clone (the connection pool \
         is shared).",
        provider.title
    );
    let bd = format!(" Builder for [`Client`]. Base URL template: `{base}`.");
    let own_setters: Vec<TokenStream> = var_setters.chain(auth_setters).collect();
    parse_items(
        quote! {
        /// The base URL template with its variables' defaults, the auth schemes, and the
        /// query names whose values are secrets.
        const TEMPLATE: runtime::Template = runtime::Template {
            base_url: #base,
            variables: &[#(#vars),*],
            schemes: #schemes,
            secret_names: &[#(#secrets),*],
        };
        #(#token_consts)*
        #[doc = #cd]
        #[derive(Debug, Clone)]
        pub struct Client {
            transport: runtime::Transport,
        }

        impl Client {
            /// Starts a builder.
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: runtime::TransportBuilder::new(&TEMPLATE),
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

/// The client builder's setter of the provider's first token credential (a signing key pair
/// has two setters and is not a token), for examples that authenticate.
pub(super) fn token_setter(p: &RustProvider) -> Option<proc_macro2::Ident> {
    p.auth
        .iter()
        .find(|a| !matches!(a.scheme, AuthScheme::Signature { .. }))
        .map(|a| id(&setter_name(&a.setter, "auth")))
}
