//! The spec-built mock server: one hyper listener serving every provider at its documented
//! paths. Requests are routed by method, path and discriminators, checked against the spec,
//! and answered with a documented example (serialized once at start-up) or the provider's
//! documented error shape. Every path through the handler returns a response: no panics.
//!
//! Providers may share paths (Open Telekom Cloud and Huawei Cloud expose the same API). A
//! request reaches one provider unambiguously in either of two ways, and reaches the only
//! provider with that route without either:
//! - a `Host` header whose first label is the provider id (`otc-dcs.localhost:8080` or
//!   `otc_dcs.mock`), which works with SDKs that drop path prefixes from an endpoint;
//! - a path prefix `/~<provider_id>`, for clients given a base URL (the replay uses it).

mod body;
mod check;
pub mod keys;
mod reply;
pub(crate) mod request;
pub(crate) mod route;
mod serve;
mod signature;
pub mod tls;

use std::net::SocketAddr;
use std::sync::Arc;

use hyper::header::{self, HeaderValue};
use hyper::{HeaderMap, StatusCode};
pub use runtime::Secret;
use serde_json::json;
use spec::format::Spec;
use spec::load::SpecFile;
use spec::model::{source_label, OperationModel, ProviderModel};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use crate::capture::{CaptureLog, CapturedRequest};
pub use check::Rejection;
use reply::{Prepared, Response, Template};
use request::Incoming;
use route::RouteKey;
pub use serve::{default_workers, Limits, Threads};
pub use signature::SigningKey;
use spec::model::{Credential, ModelError};

pub use body::BODY_LIMIT;
use body::{BodyError, Budget};

/// The header a client uses to pick a documented example, as with Prism.
pub const PREFER: &str = "prefer";

/// The path prefix that addresses one provider: `/~<provider_id>/...`.
pub const PROVIDER_PREFIX: &str = "/~";

/// The mock's state, built once from the specs.
pub struct Mock {
    specs: Vec<Spec>,
    routes: Vec<Entry>,
    capture: Arc<CaptureLog>,
    /// When set, the only credential value accepted.
    token: Option<Secret>,
    /// When set, request signatures are verified with this key pair.
    signing_key: Option<SigningKey>,
    limits: Limits,
    /// Body bytes held by requests being read, all connections together.
    budget: Budget,
    /// Serve over TLS with this configuration.
    tls: Option<Arc<rustls::ServerConfig>>,
}

struct Entry {
    spec: usize,
    op: usize,
    key: RouteKey,
    /// Answer to a valid request that names no example.
    default: Prepared,
    /// Every example that has a response, by name.
    examples: Vec<(String, Prepared)>,
    credential: Credential,
    /// A request signature is accepted instead of the token.
    signed: bool,
    unauthorized: Template,
    invalid: Template,
}

impl Entry {
    /// What the operation accepts as its credential.
    fn auth(&self) -> check::Auth<'_> {
        check::Auth {
            credential: &self.credential,
            signed: self.signed,
        }
    }
}

impl Mock {
    /// The configured token and signing key.
    fn keys(&self) -> check::Keys<'_> {
        check::Keys {
            token: self.token.as_ref(),
            signing: self.signing_key.as_ref(),
        }
    }

    /// Build from loaded specs; `capture` records every request for the replay.
    pub fn new(files: &[SpecFile], capture: Arc<CaptureLog>) -> Result<Self, ModelError> {
        let specs: Vec<Spec> = files.iter().map(|f| f.spec.clone()).collect();
        let mut routes = Vec::new();
        for (si, (spec, file)) in specs.iter().zip(files).enumerate() {
            let model = ProviderModel::build(spec, source_label(&file.path))?;
            for (oi, om) in model.operations.iter().enumerate() {
                routes.push(entry(si, spec, oi, om));
            }
        }
        Ok(Mock {
            specs,
            routes,
            capture,
            token: None,
            signing_key: None,
            budget: Budget::new(Limits::default().body_budget),
            limits: Limits::default(),
            tls: None,
        })
    }

    /// Accept only this credential value (otherwise any non-empty one).
    pub fn with_token(mut self, token: Option<Secret>) -> Self {
        self.token = token;
        self
    }

    /// Serve over TLS (every connection) with this configuration.
    pub fn with_tls(mut self, tls: Option<Arc<rustls::ServerConfig>>) -> Self {
        self.tls = tls;
        self
    }

    /// Verify request signatures with this key pair (otherwise any well-formed one passes).
    pub fn with_signing_key(mut self, key: Option<SigningKey>) -> Self {
        self.signing_key = key;
        self
    }

    /// Serve within these timeouts, connection cap and body budget.
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.budget = Budget::new(limits.body_budget);
        self.limits = limits;
        self
    }

    /// Body bytes held now by requests being read (every change is seen).
    pub fn body_bytes_held(&self) -> tokio::sync::watch::Receiver<usize> {
        self.budget.watch()
    }

    /// Answer one HTTP request; every path returns a response.
    pub(crate) async fn handle(&self, req: hyper::Request<hyper::body::Incoming>) -> Response {
        let (parts, body) = req.into_parts();
        // Checked before the body is parsed or the request routed; the body is still read
        // (within the limits) so that the client can read the answer.
        let bad_boundary = request::bad_boundary(&parts.headers);
        let (bytes, _held) = match body::read(body, &self.budget, self.limits.body_timeout).await {
            Ok(read) if bad_boundary.is_none() => read,
            Ok(_) => {
                let message = bad_boundary.unwrap_or_default();
                return self.early_reply(&parts, StatusCode::BAD_REQUEST, &message);
            }
            Err(e) => return self.body_refusal(&parts, e, bad_boundary),
        };
        let uri = &parts.uri;
        let (scope, path) = self.scope(uri.path(), &parts.headers);
        let mut incoming = Incoming::read(parts.method, path, uri.query(), parts.headers, &bytes);
        incoming.sent_path = uri.path().to_string();
        if self.capture.is_enabled() {
            self.capture.push(captured(&incoming, bytes));
        }
        self.answer(&incoming, scope)
    }

    /// The answer to a body that was not read; the connection ends with it (the rest of the
    /// body is not read). A bad multipart boundary is named before a size or framing problem.
    fn body_refusal(
        &self,
        parts: &hyper::http::request::Parts,
        e: BodyError,
        bad_boundary: Option<String>,
    ) -> Response {
        let (status, message) = match (e, bad_boundary) {
            (BodyError::TimedOut, _) => (
                StatusCode::REQUEST_TIMEOUT,
                "request body not received in time".to_string(),
            ),
            (BodyError::OverBudget, _) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "too many request bodies in flight; retry later".to_string(),
            ),
            (_, Some(boundary)) => (StatusCode::BAD_REQUEST, boundary),
            (BodyError::TooLarge, None) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("request body over {BODY_LIMIT} bytes"),
            ),
            (BodyError::Malformed, None) => (
                StatusCode::BAD_REQUEST,
                "malformed request body framing (chunk size or length)".to_string(),
            ),
        };
        let mut resp = self.early_reply(parts, status, &message);
        let headers = resp.headers_mut();
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        if status == StatusCode::SERVICE_UNAVAILABLE {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        resp
    }

    /// A refusal before the request is routed (its body could not be read), in the shape of
    /// the provider the path and `Host` point at when they point at one, else plain JSON.
    fn early_reply(
        &self,
        parts: &hyper::http::request::Parts,
        status: StatusCode,
        message: &str,
    ) -> Response {
        let (scope, path) = self.scope(parts.uri.path(), &parts.headers);
        let mut fitting = self
            .routes
            .iter()
            .filter(|e| scope.is_none_or(|s| s == e.spec) && e.key.template.fits(path));
        let provider = match (fitting.next(), scope) {
            (Some(first), _) if fitting.all(|e| e.spec == first.spec) => Some(first),
            (_, Some(s)) => self.routes.iter().find(|e| e.spec == s),
            _ => None,
        };
        match provider {
            Some(e) => e.invalid.render_as(status.as_u16(), message),
            None => Prepared::json(status.as_u16(), &json!({ "error": message })).response(),
        }
    }

    /// The provider a request addresses (by path prefix, then by `Host`), if any, and the
    /// path with the prefix removed.
    fn scope<'p>(&self, path: &'p str, headers: &HeaderMap) -> (Option<usize>, &'p str) {
        if let Some(rest) = path.strip_prefix(PROVIDER_PREFIX) {
            let (id, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
            if let Some(si) = self.provider_index(id) {
                return (Some(si), if tail.is_empty() { "/" } else { tail });
            }
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or_default();
        let label = host.split(['.', ':']).next().unwrap_or_default();
        (self.provider_index(&label.replace('-', "_")), path)
    }

    fn provider_index(&self, id: &str) -> Option<usize> {
        self.specs.iter().position(|s| s.provider.id == id)
    }

    /// Every served address, e.g. `GET /v1.0/{project_id}/... (otc_dcs.list_backup_records)`.
    pub fn routes(&self) -> Vec<String> {
        self.routes
            .iter()
            .map(|e| {
                let spec = &self.specs[e.spec];
                format!(
                    "{} ({}.{})",
                    e.key.describe(),
                    spec.provider.id,
                    spec.operations[e.op].id
                )
            })
            .collect()
    }

    /// Where a request lands: its operation, or why there is none. With a `scope` only that
    /// provider's routes are considered.
    fn resolve(&self, req: &Incoming, scope: Option<usize>) -> Resolution<'_> {
        let mut allowed: Vec<&str> = Vec::new();
        let mut first_same_method: Option<&Entry> = None;
        let mut best: Option<&Entry> = None;
        let mut providers: Vec<usize> = Vec::new();
        for e in &self.routes {
            if scope.is_some_and(|s| s != e.spec) || !e.key.template.fits(&req.path) {
                continue;
            }
            if e.key.method.as_str() != req.method.as_str() {
                allowed.push(e.key.method.as_str());
                continue;
            }
            first_same_method.get_or_insert(e);
            if !providers.contains(&e.spec) {
                providers.push(e.spec);
            }
            // The most specific route wins (more discriminators matched).
            if e.key.discriminators_hold(req)
                && best.is_none_or(|b| e.key.discriminators.len() > b.key.discriminators.len())
            {
                best = Some(e);
            }
        }
        if providers.len() > 1 {
            return Resolution::Ambiguous(providers);
        }
        match (best, first_same_method) {
            (Some(e), _) => Resolution::Operation(e),
            (None, Some(e)) => Resolution::NoDiscriminators(e),
            (None, None) if allowed.is_empty() => Resolution::NotFound,
            (None, None) => {
                allowed.sort_unstable();
                allowed.dedup();
                Resolution::MethodNotAllowed(allowed.join(", "))
            }
        }
    }

    fn answer(&self, req: &Incoming, scope: Option<usize>) -> Response {
        let entry = match self.resolve(req, scope) {
            Resolution::Operation(e) => e,
            Resolution::Ambiguous(providers) => return self.ambiguous(req, &providers),
            Resolution::NoDiscriminators(e) => return self.no_discriminators(e, req),
            Resolution::MethodNotAllowed(allow) => return self.method_not_allowed(req, &allow),
            Resolution::NotFound => return self.not_found(req),
        };
        let spec = &self.specs[entry.spec];
        let op = &spec.operations[entry.op];
        let params = entry.key.template.matches(&req.path).unwrap_or_default();
        match check::check(spec, op, &entry.auth(), req, &params, self.keys()) {
            Err(Rejection::Unauthorized(m)) => entry.unauthorized.render(&m),
            Err(Rejection::Invalid(m)) => entry.invalid.render(&m),
            Ok(()) => match preference(&req.headers) {
                Preference::None => entry.default.response(),
                Preference::Example(name) => {
                    match entry.examples.iter().find(|(n, _)| *n == name) {
                        Some((_, p)) => p.response(),
                        None => entry
                            .invalid
                            .render(&format!("operation `{}` has no example `{name}`", op.id)),
                    }
                }
                Preference::Code(code) => {
                    match entry.examples.iter().find(|(_, p)| p.status() == code) {
                        Some((_, p)) => p.response(),
                        None => entry.invalid.render(&format!(
                            "operation `{}` has no example with status {code}",
                            op.id
                        )),
                    }
                }
            },
        }
    }

    /// A known path and method whose discriminators match no operation is the provider's
    /// business (a missing `cmd` or an unknown `func`): its own replies answer, credentials
    /// first as a real server checks them.
    fn no_discriminators(&self, first: &Entry, req: &Incoming) -> Response {
        if let Err(Rejection::Unauthorized(m)) = check::credential(&first.auth(), req, self.keys())
        {
            return first.unauthorized.render(&m);
        }
        let expected: Vec<String> = self
            .routes
            .iter()
            .filter(|e| {
                e.spec == first.spec
                    && e.key.method == first.key.method
                    && e.key.path == first.key.path
            })
            .map(|e| e.key.describe())
            .collect();
        first.invalid.render(&format!(
            "no operation for these discriminators; expected one of: {}",
            expected.join("; ")
        ))
    }

    fn method_not_allowed(&self, req: &Incoming, allow: &str) -> Response {
        let body = json!({
            "error": "no operation for this method",
            "method": req.method.as_str(),
            "path": req.path,
            "allow": allow,
        });
        let mut resp = Prepared::json(405, &body).response();
        if let Ok(v) = HeaderValue::from_str(allow) {
            resp.headers_mut().insert(header::ALLOW, v);
        }
        resp
    }

    /// Several providers serve this method and path: say how to address one (421 is "sent
    /// to a server that cannot produce a response for this target").
    fn ambiguous(&self, req: &Incoming, providers: &[usize]) -> Response {
        let ids: Vec<&str> = providers
            .iter()
            .map(|&i| self.specs[i].provider.id.as_str())
            .collect();
        let body = json!({
            "error": "several providers serve this method and path",
            "method": req.method.as_str(),
            "path": req.path,
            "providers": ids,
            "choose": format!(
                "send `Host: <provider_id>.localhost` or prefix the path with `{PROVIDER_PREFIX}<provider_id>`"
            ),
        });
        Prepared::json(421, &body).response()
    }

    fn not_found(&self, req: &Incoming) -> Response {
        let body = json!({
            "error": "no operation at this path",
            "method": req.method.as_str(),
            "path": req.path,
            "routes": self.routes(),
        });
        Prepared::json(404, &body).response()
    }
}

enum Resolution<'a> {
    Operation(&'a Entry),
    /// Path and method are known; the first such operation stands for the provider.
    NoDiscriminators(&'a Entry),
    /// Path known, method not: the methods it has, for the `Allow` header.
    MethodNotAllowed(String),
    /// Several providers serve the path; the request named none of them.
    Ambiguous(Vec<usize>),
    NotFound,
}

fn entry(si: usize, spec: &Spec, oi: usize, om: &OperationModel) -> Entry {
    let op = om.op;
    let examples: Vec<(String, Prepared)> = op
        .examples
        .iter()
        .filter_map(|ex| {
            Some((
                ex.name.clone(),
                Prepared::from_example(ex.response.as_ref()?),
            ))
        })
        .collect();
    let default = op
        .examples
        .iter()
        .filter(|ex| ex.error.is_none())
        .find_map(|ex| ex.response.as_ref().map(Prepared::from_example))
        // Nothing documented: answer the success status with an empty body.
        .unwrap_or_else(|| {
            Prepared::from_example(&spec::format::ExampleResponse {
                status: op.response.status,
                headers: Default::default(),
                body: None,
            })
        });
    let (unauthorized, invalid) = match &spec.mock {
        Some(m) => (
            Template::from_spec(&m.unauthorized),
            Template::from_spec(&m.invalid_request),
        ),
        None => (Template::generic(401), Template::generic(400)),
    };
    Entry {
        spec: si,
        op: oi,
        key: RouteKey {
            method: op.method,
            template: om.path.clone(),
            path: op.path.clone(),
            discriminators: op.discriminators.clone(),
        },
        default,
        examples,
        credential: om.credential.clone(),
        signed: om.signed,
        unauthorized,
        invalid,
    }
}

enum Preference {
    None,
    Example(String),
    Code(u16),
}

/// `Prefer: example=NAME` or `Prefer: code=400` (several preferences may be comma-separated).
fn preference(headers: &HeaderMap) -> Preference {
    let Some(raw) = headers.get(PREFER).and_then(|v| v.to_str().ok()) else {
        return Preference::None;
    };
    for pref in raw.split([',', ';']) {
        let Some((k, v)) = pref.split_once('=') else {
            continue;
        };
        let v = v.trim().trim_matches('"');
        match k.trim() {
            "example" => return Preference::Example(v.to_string()),
            "code" => {
                if let Ok(c) = v.parse() {
                    return Preference::Code(c);
                }
            }
            _ => {}
        }
    }
    Preference::None
}

fn captured(req: &Incoming, body: bytes::Bytes) -> CapturedRequest {
    CapturedRequest {
        method: req.method.as_str().to_string(),
        path: req.path.clone(),
        query: req.query.clone(),
        headers: req
            .headers
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect(),
        body: body.to_vec(),
    }
}

/// A mock serving in the background of the current tokio runtime.
pub struct Running {
    pub addr: SocketAddr,
    pub capture: Arc<CaptureLog>,
    body_bytes: tokio::sync::watch::Receiver<usize>,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Request body bytes the server holds now, all connections together (see
    /// [`Limits::body_budget`]); every change is seen, so a caller can await a level.
    pub fn body_bytes_held(&self) -> tokio::sync::watch::Receiver<usize> {
        self.body_bytes.clone()
    }

    /// The base URL that reaches one provider's routes alone.
    pub fn provider_base_url(&self, provider_id: &str) -> String {
        format!("http://{}{PROVIDER_PREFIX}{provider_id}", self.addr)
    }

    /// Stop accepting and wait for the server task to end.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = (&mut self.task).await;
    }
}

/// How a mock serves.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Record every request (the replay compares them with the documented ones).
    pub capture: bool,
    /// Accept only this credential value; otherwise any non-empty one.
    pub token: Option<Secret>,
    /// Verify request signatures with this key pair.
    pub signing_key: Option<SigningKey>,
    /// Timeouts and the connection cap.
    pub limits: Limits,
    /// Serve over TLS with this configuration (see [`tls::generate`]).
    pub tls: Option<Arc<rustls::ServerConfig>>,
}

/// Bind `addr` (port 0 picks a free one) and serve in a background task.
pub async fn spawn(
    files: &[SpecFile],
    addr: SocketAddr,
    capture: bool,
) -> std::io::Result<Running> {
    let config = Config {
        capture,
        ..Config::default()
    };
    spawn_with(files, addr, config).await
}

/// [`spawn`] with every setting.
pub async fn spawn_with(
    files: &[SpecFile],
    addr: SocketAddr,
    config: Config,
) -> std::io::Result<Running> {
    let log = Arc::new(if config.capture {
        CaptureLog::enabled()
    } else {
        CaptureLog::default()
    });
    let mock = Arc::new(
        Mock::new(files, log.clone())
            .map_err(unservable)?
            .with_token(config.token)
            .with_signing_key(config.signing_key)
            .with_limits(config.limits)
            .with_tls(config.tls),
    );
    let body_bytes = mock.body_bytes_held();
    let slots = Arc::new(tokio::sync::Semaphore::new(
        mock.limits.max_connections.max(1),
    ));
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let (tx, rx) = oneshot::channel::<()>();
    let shutdown = async {
        let _ = rx.await;
    };
    let task = tokio::spawn(serve::accept_loop(listener, mock, slots, shutdown));
    Ok(Running {
        addr,
        capture: log,
        body_bytes,
        shutdown: Some(tx),
        task,
    })
}

/// Serve as the standalone mock does, on `workers` threads of its own (no runtime needed).
pub fn serve_threads(
    files: &[SpecFile],
    addr: SocketAddr,
    config: Config,
    workers: usize,
) -> std::io::Result<Threads> {
    let log = Arc::new(if config.capture {
        CaptureLog::enabled()
    } else {
        CaptureLog::default()
    });
    let mock = Mock::new(files, log)
        .map_err(unservable)?
        .with_token(config.token)
        .with_signing_key(config.signing_key)
        .with_limits(config.limits)
        .with_tls(config.tls);
    Threads::start(Arc::new(mock), addr, workers)
}

/// Run standalone until Ctrl-C: bind, print the routes and the address, serve on one worker
/// thread per core. With `token`, only that credential value is accepted.
pub fn serve_until_ctrl_c(
    files: &[SpecFile],
    addr: SocketAddr,
    token: Option<Secret>,
    tls_cert_out: Option<&std::path::Path>,
    signing_key: Option<SigningKey>,
) -> std::io::Result<()> {
    let tls = match tls_cert_out {
        Some(path) => {
            let generated = tls::generate().map_err(std::io::Error::other)?;
            std::fs::write(path, &generated.ca_pem).map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
            })?;
            Some(generated.config)
        }
        None => None,
    };
    let scheme = if tls.is_some() { "https" } else { "http" };
    let mock = Mock::new(files, Arc::new(CaptureLog::default()))
        .map_err(unservable)?
        .with_token(token)
        .with_tls(tls)
        .with_signing_key(signing_key);
    for r in mock.routes() {
        println!("  {r}");
    }
    let served = Threads::start(Arc::new(mock), addr, default_workers())?;
    // The last line before serving: tests read the address from it.
    println!("mock listening on {scheme}://{}", served.addr);
    let waiter = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let result = waiter.block_on(tokio::signal::ctrl_c());
    served.stop();
    result
}

/// A spec the model refuses cannot be served; say which and why.
fn unservable(e: ModelError) -> std::io::Error {
    std::io::Error::other(format!("cannot serve {e}"))
}
