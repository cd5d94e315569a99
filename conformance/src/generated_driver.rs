//! The generated clients as a replay [`Driver`]: calls go through
//! `generated::dispatch::call` with typed parameters, and the `Prefer` header rides on an
//! injected `reqwest::Client` so the mock answers with the example under test.

use reqwest::header::{HeaderMap, HeaderValue};

use crate::decode;
use crate::driver::{BoxFuture, Call, Driver, Observed};

#[derive(Default)]
pub struct GeneratedDriver;

impl Driver for GeneratedDriver {
    fn call<'a>(&'a self, call: &'a Call<'a>) -> BoxFuture<'a, Observed> {
        Box::pin(async move {
            let mut headers = HeaderMap::new();
            if let Some(p) = call
                .prefer
                .as_deref()
                .and_then(|p| HeaderValue::from_str(p).ok())
            {
                headers.insert("prefer", p);
            }
            let http = match reqwest::Client::builder().default_headers(headers).build() {
                Ok(c) => c,
                Err(_) => {
                    return Observed::Failure {
                        status: None,
                        variant: None,
                        kind: "transport".into(),
                        message: "cannot build the HTTP client".into(),
                    }
                }
            };
            let config = runtime::DynConfig {
                base_url: call.base_url.to_string(),
                credential: call.credential.clone().map(runtime::Secret::new),
                http,
            };
            let result = generated::dispatch::call(
                &call.spec.provider.id,
                &call.op.op.id,
                &config,
                call.params.clone(),
            )
            .await;
            match result {
                Ok(o) => Observed::Success {
                    status: o.status,
                    payload: decode::normalize(&call.op.op.response.schema, &o.payload, call.spec),
                },
                Err(e) => Observed::Failure {
                    status: e.status,
                    variant: e.variant,
                    kind: serde_json::to_value(e.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_else(|| "unknown".into()),
                    message: e.message,
                },
            }
        })
    }
}
