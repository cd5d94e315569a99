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
use std::net::SocketAddr;
use std::sync::Arc;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::Mock;

/// Accept connections until `shutdown` resolves; each connection is served in its own task.
pub(crate) async fn accept_loop(
    listener: TcpListener,
    mock: Arc<Mock>,
    shutdown: impl Future<Output = ()>,
) {
    let mut http = http1::Builder::new();
    // Responses are small: one flattened write beats a vectored one.
    http.writev(false);
    tokio::pin!(shutdown);
    loop {
        let stream = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of descriptors or a reset before accept: keep serving the others.
                Err(_) => continue,
            },
        };
        let _ = stream.set_nodelay(true);
        let mock = mock.clone();
        let conn = http.serve_connection(
            TokioIo::new(stream),
            service_fn(move |req| {
                let mock = mock.clone();
                async move { Ok::<_, Infallible>(mock.handle(req).await) }
            }),
        );
        tokio::spawn(async move {
            // A client that hangs up mid-request is its own business.
            let _ = conn.await;
        });
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
        let mut handles = Vec::new();
        for i in 0..workers.max(1) {
            let listener = listener.try_clone()?;
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let mock = mock.clone();
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
                        accept_loop(listener, mock, shutdown).await;
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
