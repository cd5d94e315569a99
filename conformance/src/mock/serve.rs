//! Serving the mock over HTTP/1.1 with hyper: an accept loop that gives each connection its
//! own task, and the standalone server's worker threads.
//!
//! The standalone server runs one current-thread runtime per worker thread, all accepting
//! from the same listening socket: a connection then lives on one thread for its whole life,
//! with no work-stealing or cross-thread wake-ups on the request path. (Measured with wrk on
//! 2 cores: a few percent ahead of a 2-worker multi-thread runtime, within the noise of a
//! shared machine; the big step was serving with hyper directly rather than through axum.)

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Semaphore};

use super::Mock;

/// What keeps slow or hostile clients from holding the server, as production servers do.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Time a client has to send a whole request head. Hyper runs this timer from the moment
    /// a connection waits for a head, so it also closes a keep-alive connection idle for that
    /// long between requests (and a connection that never sends anything).
    pub header_read_timeout: Duration,
    /// Time a client has to send a whole request body once its head is in; then 408 and close.
    pub body_timeout: Duration,
    /// Connections served at once, all worker threads together; a connection beyond them is
    /// answered 503 (with `Retry-After`) and closed.
    pub max_connections: usize,
    /// Request body bytes held at once by every request being read, all connections and
    /// worker threads together; a request whose next bytes do not fit is answered 503 (with
    /// `Retry-After`) and closed, and what it held is given back.
    pub body_budget: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 1024,
            body_budget: 64 << 20,
        }
    }
}

/// Connections being answered 503 at once, per accept loop; beyond them a connection is
/// dropped unanswered (the cap already says the server is overloaded).
const REFUSING: usize = 64;

/// How long a refused connection may take to receive its 503.
const REFUSAL_GRACE: Duration = Duration::from_secs(1);

/// The 503 a connection beyond the cap gets.
const OVERLOADED: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json\r\n\
retry-after: 1\r\nconnection: close\r\ncontent-length: 38\r\n\r\n\
{\"error\":\"too many open connections\"}\n";

/// What the accept loop does after `accept` fails: a pause when the process is out of
/// descriptors or memory (the listener stays readable, so retrying at once would spin until
/// a connection closes), none for errors of one connection (reset or aborted before accept).
pub(crate) fn accept_backoff(e: &io::Error) -> Option<Duration> {
    const EMFILE: i32 = 24;
    const ENFILE: i32 = 23;
    const ENOBUFS: i32 = 105;
    const ENOMEM: i32 = 12;
    match e.raw_os_error() {
        Some(EMFILE | ENFILE | ENOBUFS | ENOMEM) => Some(Duration::from_millis(50)),
        _ if e.kind() == io::ErrorKind::OutOfMemory => Some(Duration::from_millis(50)),
        _ => None,
    }
}

/// Accept connections until `shutdown` resolves; each connection is served in its own task
/// while it holds one of `slots` (shared by every accept loop of a server).
pub(crate) async fn accept_loop(
    listener: TcpListener,
    mock: Arc<Mock>,
    slots: Arc<Semaphore>,
    shutdown: impl Future<Output = ()>,
) {
    let limits = mock.limits.clone();
    let mut http = http1::Builder::new();
    // Responses are small: one flattened write beats a vectored one.
    http.writev(false)
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let refusing = Arc::new(Semaphore::new(REFUSING));
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    if let Some(pause) = accept_backoff(&e) {
                        tokio::select! {
                            _ = &mut shutdown => return,
                            _ = tokio::time::sleep(pause) => {}
                        }
                    }
                    continue;
                }
            },
        };
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            if let Ok(turn) = refusing.clone().try_acquire_owned() {
                tokio::spawn(async move {
                    let _ = tokio::time::timeout(REFUSAL_GRACE, refuse(stream)).await;
                    drop(turn);
                });
            }
            continue;
        };
        let _ = stream.set_nodelay(true);
        let mock = mock.clone();
        let http = http.clone();
        match mock.tls.clone() {
            None => {
                tokio::spawn(async move {
                    serve_connection(&http, stream, mock).await;
                    drop(permit);
                });
            }
            Some(config) => {
                let handshake_timeout = limits.header_read_timeout;
                tokio::spawn(async move {
                    let accept = tokio_rustls::TlsAcceptor::from(config).accept(stream);
                    // A handshake gets the time a request head gets; a failed one just closes.
                    if let Ok(Ok(tls)) = tokio::time::timeout(handshake_timeout, accept).await {
                        serve_connection(&http, tls, mock).await;
                    }
                    drop(permit);
                });
            }
        }
    }
}

/// Serve HTTP/1.1 on one connection (plain or TLS) until it closes.
async fn serve_connection<I>(http: &http1::Builder, io: I, mock: Arc<Mock>)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let conn = http.serve_connection(
        TokioIo::new(io),
        service_fn(move |req| {
            let mock = mock.clone();
            async move { Ok::<_, Infallible>(mock.handle(req).await) }
        }),
    );
    // A client that hangs up mid-request is its own business.
    let _ = conn.await;
}

/// Answer 503 and close; what the client had sent is read and dropped first, so that the
/// close is a FIN the client reads the 503 before, not a reset that loses it.
async fn refuse(mut stream: TcpStream) {
    if stream.write_all(OVERLOADED).await.is_err() {
        return;
    }
    let _ = stream.shutdown().await;
    let mut sink = [0u8; 4096];
    while let Ok(n) = stream.read(&mut sink).await {
        if n == 0 {
            break;
        }
    }
}

/// A mock serving on its own worker threads (see the module note).
pub struct Threads {
    pub addr: SocketAddr,
    stop: watch::Sender<bool>,
    workers: Vec<std::thread::JoinHandle<()>>,
}

impl Threads {
    /// Bind `addr` and serve `mock` on `workers` threads (at least one).
    pub fn start(mock: Arc<Mock>, addr: SocketAddr, workers: usize) -> std::io::Result<Self> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (stop, stopped) = watch::channel(false);
        let slots = Arc::new(Semaphore::new(mock.limits.max_connections.max(1)));
        let mut handles = Vec::new();
        for i in 0..workers.max(1) {
            let listener = listener.try_clone()?;
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let mock = mock.clone();
            let slots = slots.clone();
            let mut stopped = stopped.clone();
            let handle = std::thread::Builder::new()
                .name(format!("mock-worker-{i}"))
                .spawn(move || {
                    rt.block_on(async move {
                        let Ok(listener) = TcpListener::from_std(listener) else {
                            return;
                        };
                        let shutdown = async move {
                            let _ = stopped.wait_for(|s| *s).await;
                        };
                        accept_loop(listener, mock, slots, shutdown).await;
                    });
                })?;
            handles.push(handle);
        }
        Ok(Threads {
            addr,
            stop,
            workers: handles,
        })
    }

    /// Stop accepting and wait for the workers (open connections close with them).
    pub fn stop(self) {
        let _ = self.stop.send(true);
        for w in self.workers {
            let _ = w.join();
        }
    }
}

/// Worker threads for the standalone server: one per core.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}
