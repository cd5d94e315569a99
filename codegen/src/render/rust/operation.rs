//! Operations: the `Client` method, its builder, the call written out (path, query, headers,
//! body, credential, signature), the status match and the `stream()` of paginated ones.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use std::collections::HashSet;

use super::checks::fields_have_checks;
use super::example::{example_lines, usage};
use super::syntax::id;
use super::tokens::{allow_deprecated, cited, deprecated_attr, doc, field_ty, ty};
use super::{parse, parse_items};
use crate::model::{ident, RustOperation, RustProvider, Ty};
use crate::render::RenderError;
use spec::format::{AuthScheme, BodyEncoding, Envelope, Kind, Location};

/// An operation's items: the `Client` method that starts a call, the call builder (one
/// setter per parameter, `request`, `build`, `send`, and `stream` when the operation pages).
/// `checked`: the types with a `runtime::Check` impl ([`super::checks::checked_types`]).
pub fn operation_impl(
    p: &RustProvider,
    o: &RustOperation,
    checked: &HashSet<String>,
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
    let call = call_fn(p, o, fields_have_checks(&o.params, checked))?;
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

pub(super) fn method_doc(o: &RustOperation) -> String {
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
    if let Some(ex) = o.resolved.examples.first() {
        d.push_str(&format!("\n\n# Example `{}`\n\n```text\n", ex.example.name));
        d.push_str(&example_lines(ex).join("\n"));
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
/// `validate`: whether the request has constraints to check before sending.
pub(super) fn call_fn(
    p: &RustProvider,
    o: &RustOperation,
    validate: bool,
) -> Result<syn::ImplItem, RenderError> {
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
    let auth = o.auth.and_then(|i| p.auth.get(i));
    let token = match auth.map(|a| (a, a.scheme)) {
        Some((_, AuthScheme::Form { .. })) if form.is_none() => {
            return Err(unsupported("a form credential without a form body"));
        }
        Some((_, AuthScheme::Signature { .. })) | None => None,
        Some((a, _)) => Some(id(&a.constant)),
    };
    if let Some(token) = token {
        stmts.push(quote!(call.token(#token);));
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
    let validate = validate.then(|| quote!(runtime::check::validate(request)?;));
    // An operation without parameters reads nothing of its (empty) request.
    let request = if o.params.is_empty() && validate.is_none() {
        quote!(_request)
    } else {
        quote!(request)
    };
    parse(
        quote! {
            /// Checks, sends and decodes one call with `request`.
            async fn call(
                client: &Client,
                #request: &#req,
            ) -> Result<runtime::ResponseValue<#response>, runtime::Error<#err>> {
                #xml_const
                #validate
                let mut call = client.transport.call(runtime::Method::#method);
                #(#stmts)*
                let response = call.send().await?;
                match response.status() {
                    #success => #decode,
                    _ => response.failure(#xml_ref),
                }
            }
        },
        &o.method,
    )
}

/// `stream`: every item of a paginated operation, from the start the caller set.
pub(super) fn stream_method(o: &RustOperation) -> Option<TokenStream> {
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
pub(super) fn method_name(op_id: &str) -> String {
    ident(op_id).trim_start_matches("r#").to_string()
}

/// The replacement of a deprecated operation: the client method to call instead.
pub(super) fn method_replacement(op_id: &str) -> String {
    format!("`Client::{}`", method_name(op_id))
}
