//! Live mode's pacing over loopback: a 503 with `Retry-After` is retried after the wait, and
//! `per_provider` (`--per-provider-jobs`) bounds the requests in flight against one provider.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use conformance::driver::WireDriver;
use conformance::live::{run_live, skip_reason, LiveOptions};
use conformance::mock;
use conformance::results::Verdict;
use spec::load::SpecFile;
use spec::model::ProviderModel;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

fn load() -> Vec<SpecFile> {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    spec::load::load_paths(&[specs]).expect("specs load")
}

/// Examples live mode sends for a provider with writes allowed.
fn sent(f: &SpecFile) -> usize {
    let model = ProviderModel::build(&f.spec, String::new()).expect("model");
    model
        .operations
        .iter()
        .flat_map(|om| om.examples.iter().map(move |em| (om, em)))
        .filter(|(om, em)| skip_reason(om.op, em, true).is_none())
        .count()
}

async fn read_head(conn: &mut TcpStream) {
    let mut buf = vec![0u8; 16384];
    let _ = conn.read(&mut buf).await;
}

#[tokio::test]
async fn a_503_with_retry_after_is_sent_again_after_the_wait() {
    let files = load();
    let running = mock::spawn(&files, "127.0.0.1:0".parse().expect("addr"), false)
        .await
        .expect("mock binds");
    let upstream = running.addr;
    // The first connection gets a 503 with `Retry-After: 1`; every later one is passed
    // through to the mock.
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let refused = Arc::new(AtomicUsize::new(0));
    let counter = refused.clone();
    tokio::spawn(async move {
        let mut first = true;
        while let Ok((mut conn, _)) = listener.accept().await {
            if std::mem::take(&mut first) {
                read_head(&mut conn).await;
                counter.fetch_add(1, Ordering::SeqCst);
                let _ = conn
                    .write_all(
                        b"HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\n\
                          content-length: 0\r\nconnection: close\r\n\r\n",
                    )
                    .await;
                let _ = conn.shutdown().await;
                continue;
            }
            tokio::spawn(async move {
                if let Ok(mut up) = TcpStream::connect(upstream).await {
                    let _ = tokio::io::copy_bidirectional(&mut conn, &mut up).await;
                }
            });
        }
    });
    let started = Instant::now();
    let token = |_: &str| Some("test-token".to_string());
    // Each provider at its own base URL, as the README tells users to aim at the mock
    // (`/~id`): providers documenting the same paths stay apart.
    let mut results = Vec::new();
    for f in &files {
        let id = &f.spec.provider.id;
        let base = format!("{base}/~{id}");
        let opts = LiveOptions {
            provider: Some(id),
            allow_writes: true,
            timeout: Duration::from_secs(10),
            ..LiveOptions::new(&base)
        };
        results.extend(run_live(&files, &opts, &WireDriver::default(), &token, &mut |_| {}).await);
    }
    assert_eq!(refused.load(Ordering::SeqCst), 1, "one 503 served");
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "the retry waited"
    );
    let passed = results
        .iter()
        .filter(|r| r.verdict == Verdict::Pass)
        .count();
    assert_eq!(passed, files.iter().map(sent).sum::<usize>(), "{results:?}");
}

#[tokio::test]
async fn per_provider_jobs_bound_the_requests_in_flight() {
    let files = load();
    // The provider live mode sends the most examples of.
    let busiest = files.iter().max_by_key(|f| sent(f)).expect("a provider");
    assert!(sent(busiest) >= 3, "enough examples to overlap");
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let (now, most) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let (now2, most2) = (now.clone(), most.clone());
    tokio::spawn(async move {
        while let Ok((mut conn, _)) = listener.accept().await {
            let (now, most) = (now2.clone(), most2.clone());
            tokio::spawn(async move {
                read_head(&mut conn).await;
                let in_flight = now.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(in_flight, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(300)).await;
                now.fetch_sub(1, Ordering::SeqCst);
                let _ = conn
                    .write_all(
                        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                          content-length: 2\r\nconnection: close\r\n\r\n{}",
                    )
                    .await;
                let _ = conn.shutdown().await;
            });
        }
    });
    let opts = LiveOptions {
        provider: Some(&busiest.spec.provider.id),
        allow_writes: true,
        jobs: 8,
        per_provider: 2,
        ..LiveOptions::new(&base)
    };
    let token = |_: &str| Some("test-token".to_string());
    let results = run_live(&files, &opts, &WireDriver::default(), &token, &mut |_| {}).await;
    assert!(!results.is_empty());
    assert_eq!(
        most.load(Ordering::SeqCst),
        2,
        "at most 2 in flight, and 2 reached"
    );
}
