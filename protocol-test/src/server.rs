//! A loopback HTTP/1.1 server (hyper) that records every request and answers each with the
//! same canned response.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// A request as it arrived. It may hold a credential, so `Debug` shows only the method, the
/// path and sizes.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct CapturedRequest {
    pub method: String,
    /// The path exactly as sent (still percent-encoded), without the query.
    pub path: String,
    /// Query pairs in the order sent, decoded.
    pub query: Vec<(String, String)>,
    /// Headers in the order sent (names lower case).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl std::fmt::Debug for CapturedRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CapturedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &format_args!("[{} pairs]", self.query.len()))
            .field("headers", &format_args!("[{} headers]", self.headers.len()))
            .field("body", &format_args!("[{} bytes]", self.body.len()))
            .finish()
    }
}

impl CapturedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }
}

/// The response the server gives to every request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl CannedResponse {
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn body(mut self, body: &[u8]) -> Self {
        self.body = body.to_vec();
        self
    }

    fn to_response(&self) -> hyper::Response<Full<Bytes>> {
        let mut builder = hyper::Response::builder().status(self.status);
        for (k, v) in &self.headers {
            builder = builder.header(k.as_str(), v.as_str());
        }
        builder
            .body(Full::new(Bytes::from(self.body.clone())))
            .unwrap_or_else(|e| {
                let mut r = hyper::Response::new(Full::new(Bytes::from(format!(
                    "protocol-test: invalid canned response: {e}"
                ))));
                *r.status_mut() = hyper::StatusCode::INTERNAL_SERVER_ERROR;
                r
            })
    }
}

/// A server on `127.0.0.1` (an ephemeral port) until dropped.
#[derive(Debug)]
pub struct CaptureServer {
    url: String,
    captured: Arc<Mutex<Vec<CapturedRequest>>>,
    task: JoinHandle<()>,
}

impl CaptureServer {
    /// Bind and start answering every request with `response`.
    pub async fn start(response: CannedResponse) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let url = format!("http://{}", listener.local_addr()?);
        let captured = Arc::new(Mutex::new(Vec::new()));
        let response = Arc::new(response);
        let store = captured.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (store, response) = (store.clone(), response.clone());
                let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let (store, response) = (store.clone(), response.clone());
                    async move {
                        let captured = capture(req).await;
                        lock(&store).push(captured);
                        Ok::<_, Infallible>(response.to_response())
                    }
                });
                tokio::spawn(async move {
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        Ok(Self {
            url,
            captured,
            task,
        })
    }

    /// `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// Every request received so far, in arrival order.
    pub fn requests(&self) -> Vec<CapturedRequest> {
        lock(&self.captured).clone()
    }

    /// The one request received, or why there is not exactly one.
    pub fn single_request(&self) -> Result<CapturedRequest, String> {
        let mut all = self.requests();
        match all.len() {
            1 => Ok(all.remove(0)),
            n => Err(format!(
                "expected exactly one request, the server received {n}"
            )),
        }
    }

    /// Assertion helper: the one request received; panics otherwise.
    #[track_caller]
    pub fn only_request(&self) -> CapturedRequest {
        self.single_request().unwrap_or_else(|e| panic!("{e}"))
    }
}

impl Drop for CaptureServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

async fn capture(req: hyper::Request<hyper::body::Incoming>) -> CapturedRequest {
    let (parts, body) = req.into_parts();
    let body = match body.collect().await {
        Ok(b) => b.to_bytes().to_vec(),
        Err(_) => Vec::new(),
    };
    CapturedRequest {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts
            .uri
            .query()
            .map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect())
            .unwrap_or_default(),
        headers: parts
            .headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    #[tokio::test]
    async fn records_the_raw_request_and_answers_the_canned_response() {
        let server = CaptureServer::start(
            CannedResponse::new(201)
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "r1")
                .body(b"{\"ok\":true}"),
        )
        .await
        .expect("binds");
        let addr = server.url().trim_start_matches("http://").to_string();
        let mut stream = tokio::net::TcpStream::connect(addr)
            .await
            .expect("connects");
        let body = "a=1";
        let request = format!(
            "POST /x/%7Ey%20z?b=2&a=%20q&b=1 HTTP/1.1\r\nHost: h\r\nX-Auth-Token: t\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(request.as_bytes()).await.expect("writes");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.expect("reads");
        assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
        assert!(
            answer.to_ascii_lowercase().contains("x-request-id: r1"),
            "{answer}"
        );
        assert!(answer.ends_with("{\"ok\":true}"), "{answer}");

        let got = server.only_request();
        assert_eq!(got.method, "POST");
        assert_eq!(got.path, "/x/%7Ey%20z");
        let q = |k: &str, v: &str| (k.to_string(), v.to_string());
        assert_eq!(got.query, vec![q("b", "2"), q("a", " q"), q("b", "1")]);
        assert_eq!(got.header("x-auth-token"), Some("t"));
        assert_eq!(
            got.content_type(),
            Some("application/x-www-form-urlencoded")
        );
        assert_eq!(got.body, b"a=1");
    }

    #[tokio::test]
    async fn no_request_is_not_one_request() {
        let server = CaptureServer::start(CannedResponse::new(200))
            .await
            .expect("binds");
        assert!(server.single_request().is_err());
    }
}
