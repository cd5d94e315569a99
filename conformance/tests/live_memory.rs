//! Live mode's memory per response byte, measured with a counting global allocator (this
//! binary holds this one test so that nothing else allocates meanwhile): every spec in
//! `specs/` is run live against a loopback server answering each request with the same
//! hostile body, and the peak of bytes allocated during the run, over the body's size, must
//! stay a small factor (README, "Live conformance"). Several shapes: many small members (the
//! worst case of a JSON tree), drift on every element, one long string.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use conformance::driver::WireDriver;
use conformance::live::{run_live, LiveOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters move.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = System.alloc(layout);
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                let grow = new_size - layout.size();
                let now = LIVE.fetch_add(grow, Ordering::Relaxed) + grow;
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The factor README states (peak bytes allocated per response byte, at most).
const MAX_FACTOR: usize = 80;
/// Body size of each shape: big enough that fixed costs (specs, runtime, sockets) vanish.
const SIZE: usize = 1 << 20;

/// A JSON array of `item` repeated to about `SIZE` bytes.
fn array_of(item: &str) -> Vec<u8> {
    let mut body = b"[".to_vec();
    while body.len() < SIZE {
        body.extend_from_slice(item.as_bytes());
        body.push(b',');
    }
    body.extend_from_slice(item.as_bytes());
    body.push(b']');
    body
}

fn shapes() -> Vec<(&'static str, Vec<u8>)> {
    let mut object = b"{".to_vec();
    let mut i = 0;
    while object.len() < SIZE {
        object.extend_from_slice(format!("\"k{i}\":0,").as_bytes());
        i += 1;
    }
    object.extend_from_slice(b"\"end\":0}");
    vec![
        (
            "array of small objects with unknown members",
            array_of("{\"id\":\"x\",\"unknown\":1}"),
        ),
        ("array of numbers", array_of("0")),
        ("array of empty objects", array_of("{}")),
        ("object of many members", object),
        (
            "one long string",
            format!("\"{}\"", "x".repeat(SIZE)).into_bytes(),
        ),
    ]
}

/// Answer every connection with `body` (shared, so serving allocates nothing per byte).
async fn serve(body: Arc<Vec<u8>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 16384];
                let _ = conn.read(&mut buf).await;
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                     connection: close\r\n\r\n",
                    body.len()
                );
                let _ = conn.write_all(head.as_bytes()).await;
                let _ = conn.write_all(&body).await;
                let _ = conn.shutdown().await;
            });
        }
    });
    format!("http://{addr}")
}

#[test]
fn live_mode_reads_and_checks_a_response_within_a_small_multiple_of_its_size() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = spec::load::load_paths(&[specs]).expect("specs load");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let driver = WireDriver::default();
    let token = |_: &str| Some("CANARYmemoryTokenValue0123456789".to_string());
    let mut report = Vec::new();
    for (shape, body) in shapes() {
        let size = body.len();
        let body = Arc::new(body);
        let url = rt.block_on(serve(body));
        let opts = LiveOptions {
            allow_writes: true,
            ..LiveOptions::new(&url)
        };
        let base = LIVE.load(Ordering::SeqCst);
        PEAK.store(base, Ordering::SeqCst);
        let results = rt.block_on(run_live(&files, &opts, &driver, &token, &mut |_| {}));
        let peak = PEAK.load(Ordering::SeqCst) - base;
        assert!(!results.is_empty());
        let factor = peak as f64 / size as f64;
        report.push(format!(
            "{shape}: {size} bytes, peak {peak} bytes, factor {factor:.1}"
        ));
        drop(results);
    }
    let text = report.join("\n");
    println!("{text}");
    for line in &report {
        let factor: f64 = line
            .rsplit(' ')
            .next()
            .and_then(|f| f.parse().ok())
            .expect("factor");
        assert!(factor <= MAX_FACTOR as f64, "over {MAX_FACTOR}x:\n{text}");
    }
}
