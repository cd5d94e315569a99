//! Where a protocol test sends its request: its own loopback [`CaptureServer`] (the default),
//! or, when [`BASE_URL_VAR`] is set, a running server such as the spec-built mock that picks
//! the documented answer from a `Prefer: example=NAME` header (as Prism does).

use reqwest::header::{HeaderMap, HeaderValue};

use crate::server::{CannedResponse, CaptureServer, CapturedRequest};

/// The environment variable that aims every protocol test at a running server: a URL
/// template in which `{provider}` is replaced by the provider id, e.g.
/// `http://127.0.0.1:8080/~{provider}` for the mock's per-provider path prefix.
pub const BASE_URL_VAR: &str = "PROTOCOL_TEST_BASE_URL";

/// The placeholder [`BASE_URL_VAR`]'s template fills with the provider id.
pub const PROVIDER_PLACEHOLDER: &str = "{provider}";

/// The header asking a mock for one documented example.
pub const PREFER: &str = "prefer";

/// Where one test sends its request, and what (if anything) it captured.
#[derive(Debug)]
pub struct Target {
    url: String,
    http: reqwest::Client,
    capture: Option<CaptureServer>,
}

impl Target {
    /// The target the environment asks for: with [`BASE_URL_VAR`] set, the server it names
    /// (asked for `example` with a `Prefer` header when the example documents a response);
    /// otherwise a capture server answering `response`.
    pub async fn start(
        provider: &str,
        example: Option<&str>,
        response: CannedResponse,
    ) -> std::io::Result<Self> {
        match std::env::var(BASE_URL_VAR) {
            Ok(template) if !template.trim().is_empty() => {
                Self::remote(&template, provider, example)
            }
            _ => Self::capture(response).await,
        }
    }

    /// A capture server of its own answering `response`; the request is recorded.
    pub async fn capture(response: CannedResponse) -> std::io::Result<Self> {
        let server = CaptureServer::start(response).await?;
        let http = reqwest::Client::builder()
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Self {
            url: server.url(),
            http,
            capture: Some(server),
        })
    }

    /// A running server at `template` (with `{provider}` filled in); every request carries
    /// `Prefer: example=EXAMPLE` when `example` is given. Nothing is recorded.
    pub fn remote(template: &str, provider: &str, example: Option<&str>) -> std::io::Result<Self> {
        let url = template
            .replace(PROVIDER_PLACEHOLDER, provider)
            .trim_end_matches('/')
            .to_string();
        let mut headers = HeaderMap::new();
        if let Some(name) = example {
            let value = HeaderValue::from_str(&format!("example={name}")).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!("example name `{name}` cannot travel in a header: {e}"),
                )
            })?;
            headers.insert(PREFER, value);
        }
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .build()
            .map_err(std::io::Error::other)?;
        Ok(Self {
            url,
            http,
            capture: None,
        })
    }

    /// The base URL to give the client under test.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The HTTP client to give the client under test (it carries the `Prefer` header).
    pub fn http_client(&self) -> reqwest::Client {
        self.http.clone()
    }

    /// Whether requests go to a running server (nothing captured, the server checks them).
    pub fn is_remote(&self) -> bool {
        self.capture.is_none()
    }

    /// Assertion helper: with a capture server, the one request it received (panics when it
    /// received none or several); against a running server, `None`.
    #[track_caller]
    pub fn captured(&self) -> Option<CapturedRequest> {
        self.capture.as_ref().map(CaptureServer::only_request)
    }

    /// With a capture server, how many requests it received (none, for a call refused
    /// before sending); against a running server, `None`.
    pub fn received(&self) -> Option<usize> {
        self.capture.as_ref().map(|c| c.requests().len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_capture_target_records_what_its_client_sends() {
        let target = Target::capture(CannedResponse::new(204))
            .await
            .expect("binds");
        assert!(!target.is_remote());
        let answer = target
            .http_client()
            .get(format!("{}/a/b?x=1", target.url()))
            .send()
            .await
            .expect("answers");
        assert_eq!(answer.status().as_u16(), 204);
        let sent = target.captured().expect("captured");
        assert_eq!((sent.method.as_str(), sent.path.as_str()), ("GET", "/a/b"));
        assert_eq!(sent.header("prefer"), None);
    }

    #[tokio::test]
    async fn a_remote_target_fills_the_provider_and_asks_for_the_example() {
        // A capture server stands in for the mock, to see what reaches it.
        let server = CaptureServer::start(CannedResponse::new(200))
            .await
            .expect("binds");
        let template = format!("{}/~{PROVIDER_PLACEHOLDER}/", server.url());
        let target =
            Target::remote(&template, "some_provider", Some("an_example")).expect("builds");
        assert!(target.is_remote());
        assert_eq!(target.url(), format!("{}/~some_provider", server.url()));
        assert_eq!(target.captured(), None);
        target
            .http_client()
            .post(format!("{}/op", target.url()))
            .send()
            .await
            .expect("answers");
        let sent = server.only_request();
        assert_eq!(sent.path, "/~some_provider/op");
        assert_eq!(sent.header("prefer"), Some("example=an_example"));
    }

    #[tokio::test]
    async fn without_an_example_no_preference_is_sent() {
        let server = CaptureServer::start(CannedResponse::new(200))
            .await
            .expect("binds");
        let target = Target::remote(&server.url(), "p", None).expect("builds");
        target
            .http_client()
            .get(target.url())
            .send()
            .await
            .expect("answers");
        assert_eq!(server.only_request().header("prefer"), None);
    }

    #[test]
    fn an_example_name_that_cannot_be_a_header_is_an_error_not_a_panic() {
        assert!(Target::remote("http://127.0.0.1:1", "p", Some("bad\nname")).is_err());
    }
}
