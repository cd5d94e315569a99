//! Load generator for the mock: N keep-alive HTTP/1.1 connections on loopback send one
//! operation's documented request back to back for a bounded time; prints req/s and latency
//! percentiles, then times the full replay. The mock serves as `cargo xtask mock` does (its
//! own worker threads); the client, like wrk, writes prepared request bytes and reads each
//! response by its Content-Length, so it costs the server as little CPU as it can.
//!
//! Two phases in one run: clean, then the same load while `--slowloris` more connections
//! trickle a never-ending request head (one header line a second, reconnecting when the
//! server closes them); the second is reported against the first. Usage:
//!   mock-bench --operation OP_ID [--connections 32] [--seconds 5] [--slowloris 500] [--spec DIR]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use conformance::driver::WireDriver;
use conformance::mock::{self, Config};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

struct Opts {
    operation: String,
    connections: usize,
    seconds: u64,
    slowloris: usize,
    specs: PathBuf,
}

fn parse() -> Result<Opts, String> {
    let mut o = Opts {
        operation: String::new(),
        connections: 32,
        seconds: 5,
        slowloris: 500,
        specs: PathBuf::from("specs"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next().ok_or(format!("{a} needs a value"))?;
        match a.as_str() {
            "--operation" => o.operation = v,
            "--connections" => o.connections = v.parse().map_err(|_| "bad --connections")?,
            "--seconds" => o.seconds = v.parse().map_err(|_| "bad --seconds")?,
            "--slowloris" => o.slowloris = v.parse().map_err(|_| "bad --slowloris")?,
            "--spec" => o.specs = PathBuf::from(v),
            _ => return Err(format!("unknown flag {a}")),
        }
    }
    if o.operation.is_empty() {
        return Err("--operation is required".into());
    }
    // Bounded: a bench, not a soak test.
    o.seconds = o.seconds.clamp(1, 60);
    o.connections = o.connections.clamp(1, 256);
    o.slowloris = o.slowloris.min(2000);
    Ok(o)
}

fn main() -> std::process::ExitCode {
    match parse().and_then(run) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mock-bench: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(o: Opts) -> Result<(), String> {
    let files =
        spec::load::load_paths(std::slice::from_ref(&o.specs)).map_err(|d| d.to_string())?;
    let op = files
        .iter()
        .flat_map(|f| f.spec.operations.iter())
        .find(|op| op.id == o.operation)
        .ok_or(format!("no operation `{}`", o.operation))?;
    let ex = op
        .examples
        .iter()
        .find_map(|e| e.request.as_ref())
        .ok_or("operation has no documented request")?;
    if op.request.body.is_some() {
        return Err("the bench sends bodiless requests only".into());
    }
    let mut uri = spec::model::PathTemplate::parse(&op.path)
        .map_err(|e| format!("{}: {e}", op.id))?
        .fill(&ex.path);
    if !ex.query.is_empty() {
        let q: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(ex.query.iter())
            .finish();
        uri = format!("{uri}?{q}");
    }
    let loopback: SocketAddr = "127.0.0.1:0".parse().map_err(|_| "addr")?;
    let served = mock::serve_threads(&files, loopback, Config::default(), mock::default_workers())
        .map_err(|e| e.to_string())?;
    let addr = served.addr;
    let mut request = format!("GET {uri} HTTP/1.1\r\nhost: {addr}\r\n");
    for (k, v) in &ex.headers {
        request.push_str(&format!("{k}: {v}\r\n"));
    }
    request.push_str("\r\n");
    let request: std::sync::Arc<[u8]> = request.into_bytes().into();

    let client_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let deadline = Duration::from_secs(o.seconds);
    let clean = client_rt.block_on(load(addr, &request, o.connections, deadline));
    println!(
        "operation {}: {} connections, {} s: {}",
        o.operation, o.connections, o.seconds, clean
    );
    if o.slowloris > 0 {
        let (open, reconnects, stop) = client_rt.block_on(slowloris(addr, o.slowloris))?;
        let slowed = client_rt.block_on(load(addr, &request, o.connections, deadline));
        stop.store(true, Ordering::Relaxed);
        let share = slowed.rate() / clean.rate().max(1.0) * 100.0;
        let verdict = if slowed.pct(0.99) < 50.0 && share >= 50.0 {
            "within"
        } else {
            "OUTSIDE"
        };
        println!(
            "  with {} slowloris connections open ({} at the end, {} reconnects): {}; \
             {share:.0}% of the clean throughput ({verdict} the target: p99 < 50 ms, >= 50%)",
            o.slowloris,
            open.load(Ordering::Relaxed),
            reconnects.load(Ordering::Relaxed),
            slowed,
        );
    }

    served.stop();

    // Full replay of every example, timed (capture on, as in `cargo xtask conformance`).
    let elapsed = client_rt.block_on(async {
        let running = mock::spawn(&files, loopback, true)
            .await
            .map_err(|e| e.to_string())?;
        let driver = WireDriver::default();
        let _warm = conformance::replay::replay_all(&files, &driver, &running).await;
        let runs = 20u32;
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..runs {
            n = conformance::replay::replay_all(&files, &driver, &running)
                .await
                .len();
        }
        running.stop().await;
        Ok::<_, String>((t.elapsed() / runs, n))
    })?;
    println!(
        "full replay: {} examples in {:.1} ms (mean of 20)",
        elapsed.1,
        elapsed.0.as_secs_f64() * 1000.0
    );
    Ok(())
}

/// What one load phase measured.
struct Stats {
    count: u64,
    errors: u64,
    seconds: f64,
    /// Latencies in microseconds, sorted.
    lat: Vec<u32>,
}

impl Stats {
    fn rate(&self) -> f64 {
        self.count as f64 / self.seconds
    }

    /// A latency percentile in milliseconds.
    fn pct(&self, p: f64) -> f64 {
        if self.lat.is_empty() {
            return 0.0;
        }
        let i = ((self.lat.len() as f64 - 1.0) * p).round() as usize;
        self.lat[i] as f64 / 1000.0
    }
}

impl std::fmt::Display for Stats {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} requests, {} non-200, {:.0} req/s, p50 {:.3} ms, p99 {:.3} ms",
            self.count,
            self.errors,
            self.rate(),
            self.pct(0.50),
            self.pct(0.99)
        )
    }
}

/// `connections` keep-alive connections sending `request` back to back for `deadline`.
async fn load(
    addr: SocketAddr,
    request: &Arc<[u8]>,
    connections: usize,
    deadline: Duration,
) -> Stats {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let request = request.clone();
        tasks.push(tokio::spawn(async move {
            connection(addr, &request, deadline).await
        }));
    }
    let (mut count, mut errors, mut lat) = (0u64, 0u64, Vec::new());
    for t in tasks {
        if let Ok((c, e, l)) = t.await {
            count += c;
            errors += e;
            lat.extend(l);
        }
    }
    lat.sort_unstable();
    Stats {
        count,
        errors,
        seconds: started.elapsed().as_secs_f64(),
        lat,
    }
}

/// Open `n` slowloris connections (each sends a request head one header line a second and
/// never ends it; reconnects when the server closes it) and wait, at most 10 s, until all
/// are open. Returns the open count, the reconnect count and the flag that stops them.
async fn slowloris(
    addr: SocketAddr,
    n: usize,
) -> Result<(Arc<AtomicUsize>, Arc<AtomicUsize>, Arc<AtomicBool>), String> {
    let open = Arc::new(AtomicUsize::new(0));
    let reconnects = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    for _ in 0..n {
        let (open, reconnects, stop) = (open.clone(), reconnects.clone(), stop.clone());
        tokio::spawn(async move {
            let mut first = true;
            while !stop.load(Ordering::Relaxed) {
                if !first {
                    reconnects.fetch_add(1, Ordering::Relaxed);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                first = false;
                let Ok(mut s) = TcpStream::connect(addr).await else {
                    continue;
                };
                if s.write_all(b"GET / HTTP/1.1\r\nhost: slow\r\n")
                    .await
                    .is_err()
                {
                    continue;
                }
                open.fetch_add(1, Ordering::Relaxed);
                let mut buf = [0u8; 512];
                while !stop.load(Ordering::Relaxed) {
                    // A header line a second; a read that ends means the server closed.
                    let closed = tokio::select! {
                        r = s.read(&mut buf) => !matches!(r, Ok(n) if n > 0),
                        _ = tokio::time::sleep(Duration::from_secs(1)) => {
                            s.write_all(b"x-slow: 1\r\n").await.is_err()
                        }
                    };
                    if closed {
                        break;
                    }
                }
                open.fetch_sub(1, Ordering::Relaxed);
            }
        });
    }
    let waited = Instant::now();
    while open.load(Ordering::Relaxed) < n {
        if waited.elapsed() > Duration::from_secs(10) {
            let got = open.load(Ordering::Relaxed);
            return Err(format!("only {got} of {n} slowloris connections opened"));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    Ok((open, reconnects, stop))
}

/// One keep-alive connection sending requests back to back until the deadline: requests
/// sent, non-200 answers, latencies in microseconds.
async fn connection(addr: SocketAddr, request: &[u8], deadline: Duration) -> (u64, u64, Vec<u32>) {
    let (mut n, mut errs, mut lat) = (0u64, 0u64, Vec::with_capacity(1 << 16));
    let Ok(mut stream) = TcpStream::connect(addr).await else {
        return (0, 1, lat);
    };
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(16 * 1024);
    let start = Instant::now();
    while start.elapsed() < deadline {
        let t = Instant::now();
        if stream.write_all(request).await.is_err() {
            return (n, errs + 1, lat);
        }
        match read_response(&mut stream, &mut buf).await {
            Ok(200) => {}
            Ok(_) => errs += 1,
            Err(_) => return (n, errs + 1, lat),
        }
        lat.push(t.elapsed().as_micros().min(u32::MAX as u128) as u32);
        n += 1;
    }
    (n, errs, lat)
}

/// Read one response (head, then a Content-Length body) off `stream`; `buf` keeps any bytes
/// read past it. Returns the status code.
async fn read_response(stream: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<u16> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = std::str::from_utf8(&buf[..end]).map_err(|_| bad("head is not UTF-8"))?;
            let status = head
                .get(9..12)
                .and_then(|s| s.parse().ok())
                .ok_or_else(|| bad("no status line"))?;
            let length: usize = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse().ok())?
                })
                .ok_or_else(|| bad("no content-length"))?;
            let total = end + 4 + length;
            while buf.len() < total {
                if stream.read_buf(buf).await? == 0 {
                    return Err(bad("connection closed mid-body"));
                }
            }
            buf.drain(..total);
            return Ok(status);
        }
        if stream.read_buf(buf).await? == 0 {
            return Err(bad("connection closed"));
        }
    }
}
