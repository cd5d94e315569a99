//! The mock against slow and greedy clients over real loopback sockets: header-read, body and
//! idle timeouts, the connection cap. Counts and durations are small and bounded.

use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use conformance::mock::{self, Config, Limits, Running};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const GOOD: &[u8] =
    b"GET /v1/t1/items/i1 HTTP/1.1\r\nhost: acme.test\r\nx-token: tok\r\nconnection: close\r\n\r\n";

async fn start(limits: Limits) -> Running {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let file = spec::load::load_file(&path).expect("fixture spec loads");
    let config = Config {
        limits,
        ..Config::default()
    };
    mock::spawn_with(&[file], "127.0.0.1:0".parse().expect("addr"), config)
        .await
        .expect("mock binds")
}

fn limits(header: u64, body: u64, max_connections: usize) -> Limits {
    Limits {
        header_read_timeout: Duration::from_millis(header),
        body_timeout: Duration::from_millis(body),
        max_connections,
        ..Limits::default()
    }
}

/// Read until the server closes (or `within` passes): what it sent, and whether it closed.
async fn read_to_close(stream: &mut TcpStream, within: Duration) -> (String, bool) {
    let mut got = Vec::new();
    let closed = tokio::time::timeout(within, async {
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => got.extend_from_slice(&buf[..n]),
            }
        }
    })
    .await
    .is_ok();
    (String::from_utf8_lossy(&got).into_owned(), closed)
}

/// One request on its own connection (`connection: close`): the status line's code.
async fn status_of(addr: SocketAddr, request: &[u8]) -> Option<u16> {
    let mut s = TcpStream::connect(addr).await.ok()?;
    s.write_all(request).await.ok()?;
    let (text, _) = read_to_close(&mut s, Duration::from_secs(5)).await;
    text.get(9..12)?.parse().ok()
}

#[tokio::test]
async fn slowloris_connections_are_closed_after_the_header_timeout() {
    let m = start(limits(300, 5_000, 1024)).await;
    let addr = m.addr;
    let mut slow = Vec::new();
    for _ in 0..20 {
        slow.push(tokio::spawn(async move {
            let started = Instant::now();
            let s = TcpStream::connect(addr).await.expect("connects");
            let (mut rd, mut wr) = s.into_split();
            wr.write_all(b"GET /v1/t1/items/i1 HTTP/1.1\r\nhost: acme.test\r\n")
                .await
                .expect("first bytes");
            // A header line every 50 ms: the head never ends, the connection is never idle.
            let trickle = async {
                let mut tick = tokio::time::interval(Duration::from_millis(50));
                loop {
                    tick.tick().await;
                    if wr.write_all(b"x-slow: 1\r\n").await.is_err() {
                        return;
                    }
                }
            };
            let eof = async {
                let mut buf = [0u8; 1024];
                while let Ok(n) = rd.read(&mut buf).await {
                    if n == 0 {
                        return;
                    }
                }
            };
            let bounded = tokio::time::timeout(Duration::from_secs(3), async {
                tokio::select! { _ = trickle => {}, _ = eof => {} }
            });
            bounded.await.ok().map(|_| started.elapsed())
        }));
    }
    // Served meanwhile.
    assert_eq!(status_of(addr, GOOD).await, Some(200));
    for t in slow {
        let closed_after = t
            .await
            .expect("task")
            .expect("closed by the server within 3 s");
        assert!(
            closed_after >= Duration::from_millis(250),
            "{closed_after:?}"
        );
    }
    m.stop().await;
}

#[tokio::test]
async fn a_silent_or_idle_keep_alive_connection_is_closed() {
    let m = start(limits(300, 5_000, 1024)).await;
    // Connects and never sends a byte.
    let mut silent = TcpStream::connect(m.addr).await.expect("connects");
    // One request on a keep-alive connection, then silence.
    let mut idle = TcpStream::connect(m.addr).await.expect("connects");
    idle.write_all(b"GET /v1/t1/items/i1 HTTP/1.1\r\nhost: a\r\nx-token: t\r\n\r\n")
        .await
        .expect("sent");
    let (text, closed) = read_to_close(&mut idle, Duration::from_secs(3)).await;
    assert!(text.starts_with("HTTP/1.1 200"), "{text}");
    assert!(closed, "idle keep-alive connection still open after 3 s");
    let (_, closed) = read_to_close(&mut silent, Duration::from_secs(3)).await;
    assert!(closed, "silent connection still open after 3 s");
    m.stop().await;
}

#[tokio::test]
async fn a_half_sent_body_gets_408_and_the_connection_closes() {
    let m = start(limits(5_000, 300, 1024)).await;
    let mut s = TcpStream::connect(m.addr).await.expect("connects");
    s.write_all(
        b"POST /v1/t1/items?cmd=5&access-token=t HTTP/1.1\r\nhost: a\r\n\
          content-type: application/json\r\ncontent-length: 1000\r\n\r\n{\"name\":",
    )
    .await
    .expect("sent");
    let started = Instant::now();
    let (text, closed) = read_to_close(&mut s, Duration::from_secs(3)).await;
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(closed, "connection still open after 3 s");
    assert!(started.elapsed() >= Duration::from_millis(250));
    m.stop().await;
}

#[tokio::test]
async fn a_malformed_chunk_size_is_a_bad_request_not_a_large_one() {
    let m = start(limits(5_000, 5_000, 1024)).await;
    for framing in [
        &b"zz\r\n{}\r\n0\r\n\r\n"[..],
        &b"-5\r\n{}\r\n0\r\n\r\n"[..],
        &b"2 junk\r\n{}\r\n0\r\n\r\n"[..],
    ] {
        let mut request = b"POST /v1/t1/items?cmd=5&access-token=t HTTP/1.1\r\nhost: a\r\n\
              content-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n"
            .to_vec();
        request.extend_from_slice(framing);
        let mut s = TcpStream::connect(m.addr).await.expect("connects");
        s.write_all(&request).await.expect("sent");
        let (text, _) = read_to_close(&mut s, Duration::from_secs(5)).await;
        assert!(
            text.starts_with("HTTP/1.1 400"),
            "{:?}: {text}",
            String::from_utf8_lossy(framing)
        );
        // In the provider's documented error shape.
        assert!(text.contains("\"error_msg\""), "{text}");
    }
    m.stop().await;
}

/// Body bytes of partial requests count against one budget across connections: once it is
/// spent, the next body is refused at once (503, the provider's shape, `Retry-After`) instead
/// of being buffered, a request without a body is still served, and when the slow clients
/// go, their bytes are given back and requests with bodies are served again.
#[tokio::test]
async fn partial_bodies_share_one_budget_and_service_resumes_when_they_go() {
    const PART: usize = 16 << 10;
    const HOLDERS: usize = 4;
    let m = start(Limits {
        body_budget: PART * HOLDERS,
        ..limits(30_000, 30_000, 1024)
    })
    .await;
    let mut held = m.body_bytes_held();
    let head = |declared: usize, more: &str| {
        format!(
            "POST /v1/t1/items?cmd=5&access-token=t HTTP/1.1\r\nhost: a\r\n\
             content-type: application/json\r\ncontent-length: {declared}\r\n{more}\r\n"
        )
    };
    // Slow clients: each declares most of the per-request cap and sends a part of it.
    let mut holders = Vec::new();
    for i in 1..=HOLDERS {
        let mut s = TcpStream::connect(m.addr).await.expect("connects");
        s.write_all(head(900_000, "").as_bytes())
            .await
            .expect("head");
        s.write_all(&vec![b' '; PART]).await.expect("part");
        held.wait_for(|&n| n >= i * PART).await.expect("mock runs");
        holders.push(s);
    }
    // The budget is spent: one more partial body is refused, not buffered.
    let mut extra = TcpStream::connect(m.addr).await.expect("connects");
    extra
        .write_all(head(900_000, "").as_bytes())
        .await
        .expect("head");
    // (A small part, read whole: a refused client with unread bytes may see a reset.)
    extra.write_all(&[b' '; 1024]).await.expect("part");
    let (text, closed) = read_to_close(&mut extra, Duration::from_secs(5)).await;
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(
        text.to_ascii_lowercase().contains("retry-after: 1"),
        "{text}"
    );
    assert!(
        text.contains("\"error_code\":\"MOCK.400\""),
        "not the provider's shape: {text}"
    );
    assert!(closed, "refused connection still open");
    assert_eq!(
        *held.borrow(),
        PART * HOLDERS,
        "the refused body is still held"
    );
    let body = br#"{"name":"box"}"#;
    let legit = [head(body.len(), "connection: close\r\n").as_bytes(), body].concat();
    assert_eq!(status_of(m.addr, &legit).await, Some(503));
    // Without a body nothing is held: served as usual.
    assert_eq!(status_of(m.addr, GOOD).await, Some(200));
    // The slow clients go: every byte they held is given back, and bodies are served again.
    drop(holders);
    held.wait_for(|&n| n == 0).await.expect("mock runs");
    assert_eq!(status_of(m.addr, &legit).await, Some(200));
    m.stop().await;
}

#[tokio::test]
async fn beyond_the_connection_cap_a_client_gets_503_then_service_resumes() {
    let m = start(limits(30_000, 30_000, 3)).await;
    let mut held = Vec::new();
    for _ in 0..3 {
        held.push(TcpStream::connect(m.addr).await.expect("connects"));
    }
    // Let the server accept the three before the fourth arrives.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut s = TcpStream::connect(m.addr).await.expect("connects");
    s.write_all(GOOD).await.expect("sent");
    let (text, closed) = read_to_close(&mut s, Duration::from_secs(3)).await;
    assert!(text.starts_with("HTTP/1.1 503"), "{text}");
    assert!(
        text.to_ascii_lowercase().contains("retry-after: 1"),
        "{text}"
    );
    assert!(closed);
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let status = status_of(m.addr, GOOD).await;
        if status == Some(200) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "service did not resume: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    m.stop().await;
}

/// The child side of the descriptor test: serve on two worker threads, as the standalone mock
/// does, print the address, then wait to be killed (at most 60 s).
fn serve_for_parent() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml");
    let file = spec::load::load_file(&path).expect("fixture spec loads");
    let addr = "127.0.0.1:0".parse().expect("addr");
    let served = mock::serve_threads(&[file], addr, Config::default(), 2).expect("serves");
    println!("listening {}", served.addr);
    std::thread::sleep(Duration::from_secs(60));
}

/// CPU seconds (user + system) a process has used, from `/proc/PID/stat`.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("proc stat");
    let after_name = &stat[stat.rfind(')').expect("stat has a name") + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    // Fields 14 and 15 of the line (utime, stime), counted from the state field (3).
    let ticks: u64 =
        fields[11].parse::<u64>().expect("utime") + fields[12].parse::<u64>().expect("stime");
    ticks as f64 / 100.0
}

const CHILD: &str = "MOCK_LIMITS_SERVE_FOR_PARENT";

#[cfg(target_os = "linux")]
#[tokio::test]
async fn out_of_descriptors_the_accept_loop_backs_off_and_recovers() {
    if std::env::var_os(CHILD).is_some() {
        return serve_for_parent();
    }
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    // This test binary again, as the server, with at most 64 descriptors. libtest names the
    // test by its module path below the crate root.
    let module = module_path!()
        .split_once("::")
        .map(|(_, m)| format!("{m}::"));
    let this_test = format!(
        "{}out_of_descriptors_the_accept_loop_backs_off_and_recovers",
        module.unwrap_or_default()
    );
    let mut child = Command::new("sh")
        .args(["-c", "ulimit -n 64 && exec \"$0\" \"$@\""])
        .arg(std::env::current_exe().expect("test binary"))
        .args(["--exact", &this_test, "--nocapture"])
        .env(CHILD, "1")
        .stdout(Stdio::piped())
        .spawn()
        .expect("child starts");
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().expect("stdout");
    let pid = child.id();
    let _child = Kill(child);
    let addr: SocketAddr = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| {
            l.strip_prefix("listening ")
                .map(|a| a.parse().expect("address"))
        })
        .expect("child prints its address");
    // More connections than the server has descriptors: the rest wait in the listen backlog
    // while every accept fails with EMFILE.
    let mut held = Vec::new();
    for _ in 0..100 {
        if let Ok(Ok(s)) =
            tokio::time::timeout(Duration::from_millis(500), TcpStream::connect(addr)).await
        {
            held.push(s);
        }
    }
    assert!(held.len() > 64, "only {} connections", held.len());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let before = cpu_seconds(pid);
    tokio::time::sleep(Duration::from_secs(1)).await;
    let used = cpu_seconds(pid) - before;
    assert!(
        used < 0.25,
        "server used {used:.2} CPU s in 1 s while out of descriptors"
    );
    // Descriptors come back: normal service resumes.
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let status = status_of(addr, GOOD).await;
        if status == Some(200) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "service did not resume: {status:?}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
