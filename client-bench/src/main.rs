//! `client-bench`: the generated client against raw reqwest doing the same call (the DCS
//! backup-record list: a GET with path and query parameters and a token header, decoded into
//! the same typed page), against the embedded mock and against a minimal server that answers
//! every request with the mock's bytes. Rounds alternate between the two in one process,
//! sequentially and with 32 concurrent tasks; the report is the median time per call of each
//! and their ratio. `--serve` and `--only` split servers and one side's calls into two
//! processes, for counting instructions per call under callgrind (`scripts/bench-client.sh`).
//! Exit codes: 0 done, 2 could not run.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use clap::{Parser, ValueEnum};
use futures_util::future::join_all;
use generated::otc_dcs as api;
use http_body_util::Full;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;

const PROJECT: &str = "0605767b0f0c4f3f9c21b7b5e2f1a5d1";
const INSTANCE: &str = "5560df16-cebf-4473-95c4-d1b573c16e79";
const TOKEN: &str = "bench-token";
const TIMEOUT: Duration = Duration::from_secs(15);

#[derive(Parser)]
#[command(
    name = "client-bench",
    about = "Generated client vs raw reqwest, per call (exit 0 done, 2 could not run)"
)]
struct Args {
    /// Calls per round and side.
    #[arg(long, default_value_t = 2000)]
    calls: usize,
    /// Rounds per side (they alternate).
    #[arg(long, default_value_t = 9)]
    rounds: usize,
    /// The specs the mock serves.
    #[arg(long, default_value = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs"))]
    specs: PathBuf,
    /// Run only this side: `--calls` sequential calls against `--base-url`, printing one
    /// line at the end (for counting instructions in this process alone).
    #[arg(long, requires = "base_url")]
    only: Option<Side>,
    /// The server `--only` calls (a base URL `--serve` printed).
    #[arg(long)]
    base_url: Option<String>,
    /// Start the mock and the minimal server, print their base URLs (`mock URL`, `minimal
    /// URL`), and serve until killed.
    #[arg(long, conflicts_with = "only")]
    serve: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Side {
    Generated,
    Raw,
}

/// Both sides of the comparison, sharing one connection pool configuration.
struct Callers {
    client: api::Client,
    http: reqwest::Client,
    base: String,
}

impl Callers {
    fn new(base: &str) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .build()
            .map_err(|e| e.to_string())?;
        let client = api::Client::builder()
            .base_url(base)
            .http_client(http.clone())
            .token(TOKEN)
            .timeout(TIMEOUT)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            client,
            http,
            base: base.to_owned(),
        })
    }

    async fn generated(&self) -> usize {
        let page = self
            .client
            .list_backup_records()
            .project_id(PROJECT)
            .instance_id(INSTANCE)
            .start(1)
            .limit(10)
            .send()
            .await
            .expect("the generated call succeeds");
        page.backup_record_response.len()
    }

    async fn raw(&self) -> usize {
        // The ids vary per call in a real client, so the URL is written per call, as the
        // generated client writes it (ours need no percent-encoding, so none is done here).
        let url = format!("{}/v1.0/{PROJECT}/instances/{INSTANCE}/backups", self.base);
        let response = self
            .http
            .get(&url)
            .query(&[("start", "1"), ("limit", "10")])
            .header("X-Auth-Token", TOKEN)
            .timeout(TIMEOUT)
            .send()
            .await
            .expect("the raw call succeeds");
        assert_eq!(response.status(), 200);
        let page: api::BackupRecordList = response.json().await.expect("the raw page decodes");
        page.backup_record_response.len()
    }

    async fn call(&self, side: Side) -> usize {
        match side {
            Side::Generated => self.generated().await,
            Side::Raw => self.raw().await,
        }
    }
}

/// A server answering every request with `body` (the mock's answer to the same call).
async fn minimal_server(body: Bytes) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let body = body.clone();
            tokio::spawn(async move {
                let service = service_fn(move |_req| {
                    let body = body.clone();
                    async move {
                        let mut response = hyper::Response::new(Full::new(body));
                        response.headers_mut().insert(
                            hyper::header::CONTENT_TYPE,
                            hyper::header::HeaderValue::from_static("application/json"),
                        );
                        Ok::<_, Infallible>(response)
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Ok(addr)
}

/// Seconds per call of one round: `calls` calls on `tasks` concurrent tasks.
async fn round(callers: &Arc<Callers>, side: Side, calls: usize, tasks: usize) -> f64 {
    let per_task = calls.div_ceil(tasks);
    let start = Instant::now();
    let runs = (0..tasks).map(|_| {
        let callers = Arc::clone(callers);
        tokio::spawn(async move {
            let mut items = 0;
            for _ in 0..per_task {
                items += callers.call(side).await;
            }
            items
        })
    });
    for r in join_all(runs).await {
        r.expect("a bench task panicked");
    }
    start.elapsed().as_secs_f64() / (per_task * tasks) as f64
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

async fn run(args: Args) -> Result<(), String> {
    if let (Some(side), Some(base)) = (args.only, &args.base_url) {
        let callers = Callers::new(base)?;
        // Warm the pool, then the counted calls.
        callers.call(side).await;
        let mut items = 0;
        for _ in 0..args.calls {
            items += callers.call(side).await;
        }
        println!("{} calls, {items} items", args.calls);
        return Ok(());
    }
    let validated = spec::validate::load_and_validate(std::slice::from_ref(&args.specs), None)
        .map_err(|e| format!("the specs do not load: {e}"))?;
    let mock = conformance::mock::spawn(validated.files(), ([127, 0, 0, 1], 0).into(), false)
        .await
        .map_err(|e| format!("the mock does not start: {e}"))?;
    let mock_base = mock.provider_base_url("otc_dcs");
    // The minimal server answers with what the mock answers.
    let sample = Callers::new(&mock_base)?;
    let body = sample
        .http
        .get(format!(
            "{mock_base}/v1.0/{PROJECT}/instances/{INSTANCE}/backups"
        ))
        .query(&[("start", "1"), ("limit", "10")])
        .header("X-Auth-Token", TOKEN)
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .map_err(|e| format!("the mock does not answer the call: {e}"))?
        .bytes()
        .await
        .map_err(|e| e.to_string())?;
    let minimal = minimal_server(body)
        .await
        .map_err(|e| format!("the minimal server does not start: {e}"))?;
    let minimal_base = format!("http://{minimal}");

    if args.serve {
        println!("mock {mock_base}");
        println!("minimal {minimal_base}");
        std::future::pending::<()>().await;
    }

    println!(
        "{} rounds x {} calls per side, alternating; median time per call, median and \
         interquartile range of the rounds' paired ratios",
        args.rounds, args.calls
    );
    println!("| server | tasks | generated | raw reqwest | ratio | ratio IQR |");
    println!("|---|---|---|---|---|---|");
    for (name, base) in [("mock", &mock_base), ("minimal", &minimal_base)] {
        let callers = Arc::new(Callers::new(base)?);
        for tasks in [1, 32] {
            // Warm-up: connections open, caches filled.
            round(&callers, Side::Generated, args.calls / 10 + tasks, tasks).await;
            round(&callers, Side::Raw, args.calls / 10 + tasks, tasks).await;
            let (mut generated, mut raw) = (Vec::new(), Vec::new());
            for r in 0..args.rounds {
                // Alternate which side goes first, so drift hits both alike.
                let order = if r % 2 == 0 {
                    [Side::Generated, Side::Raw]
                } else {
                    [Side::Raw, Side::Generated]
                };
                for side in order {
                    let t = round(&callers, side, args.calls, tasks).await;
                    match side {
                        Side::Generated => generated.push(t),
                        Side::Raw => raw.push(t),
                    }
                }
            }
            // Each round's two sides ran back to back: their ratio cancels the machine's
            // drift between rounds, which the two medians alone would not.
            let mut ratios: Vec<f64> = generated.iter().zip(&raw).map(|(g, r)| g / r).collect();
            ratios.sort_by(f64::total_cmp);
            let (low, high) = (ratios[ratios.len() / 4], ratios[ratios.len() * 3 / 4]);
            let (g, r) = (median(generated), median(raw));
            println!(
                "| {name} | {tasks} | {:.1} µs | {:.1} µs | {:.3}x | {low:.3}–{high:.3} |",
                g * 1e6,
                r * 1e6,
                median(ratios),
            );
        }
    }
    mock.stop().await;
    Ok(())
}

fn main() {
    let args = Args::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("client-bench: no async runtime: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = runtime.block_on(run(args)) {
        eprintln!("client-bench: {e}");
        std::process::exit(2);
    }
}
