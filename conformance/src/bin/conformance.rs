//! `conformance replay`, `conformance mock` and `conformance report`: the conformance suite's
//! own command line.
//! `cargo xtask conformance` and `cargo xtask mock` run this binary through `cargo run`, so the
//! developer commands never link the generated clients (regenerating them must not need them
//! to compile). `replay` against the embedded mock runs the generated clients' protocol tests
//! as a separate `cargo test` (the `CARGO` cargo, else `cargo` from the `PATH`).
//!
//! Exit codes: 0 success (every example passed or was skipped; the mock stopped on Ctrl-C);
//! 1 at least one example failed (live: a response drifted from the spec); 2 the command
//! could not run (bad arguments, specs that do not load or validate, an address that cannot
//! be bound, generated protocol tests that cannot be built or run, a report that cannot be
//! written); 3 live: at least one example got no usable response (connection, TLS, timeout,
//! redirect, a body over the cap); 4 live: throttled or unavailable (the last answer to an
//! example was 429 or 503, so it was not checked); 5 live with `--observations`: nothing else
//! failed, but an observation changed since the accepted one or is new (not accepted with
//! `--accept`); 130 live: interrupted (Ctrl-C), report still written. `conformance report`:
//! 0 the report was written, 2 it could not be.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use conformance::client_tests::ClientTests;
use conformance::driver::WireDriver;
use conformance::live::{run_live_until, LiveOptions, Outcome, DEFAULT_MAX_DRIFT};
use conformance::observe;
use conformance::partition::Partition;
use conformance::report;
use conformance::report::{history, html};
use conformance::results::CaseResult;
use conformance::run::replay_on_mock;
use spec::model::token_var;
use spec::validate::Validated;

/// Every documented example passed (or was skipped), or the mock stopped on Ctrl-C.
const OK: u8 = 0;
/// At least one example failed.
const FAILED: u8 = 1;
/// The command could not run: bad arguments, invalid specs, an unusable address or file.
const CANNOT_RUN: u8 = 2;
/// Live: an example got no usable response (connection, TLS, timeout, redirect, size cap).
const TRANSPORT: u8 = 3;
/// Live: interrupted by Ctrl-C (the report and JUnit are still written).
const INTERRUPTED: u8 = 130;
/// Live: an example's last answer was 429 or 503 (not checked), and none got no answer.
const THROTTLED: u8 = 4;
/// Live with --observations: everything else passed, but an observation differs from the
/// accepted one or has none accepted yet (and --accept was not given).
const CHANGED: u8 = 5;

#[derive(Parser)]
#[command(
    name = "conformance",
    about = "Replay documented examples against the spec-built mock or a live endpoint, or serve the mock",
    after_help = "Exit codes: 0 success; 1 an example failed (replay; live: drift); 2 the \
                  command could not run (bad arguments, invalid specs, an address that cannot be \
                  bound, generated protocol tests that cannot be built or run, a report that \
                  cannot be written); 3 live: an example got no usable response (connection, \
                  TLS, timeout, redirect, body over the cap); 4 live: throttled or unavailable \
                  (429 or 503 to an example's last send: not checked); 5 live with \
                  --observations: an observation changed since the accepted one, or is new; 130 \
                  live: interrupted (Ctrl-C)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Against the embedded mock (default): replay every documented example's request
    /// (the reference replay), then run the generated clients' protocol tests against the
    /// same mock; or replay each example's request against a live endpoint.
    #[command(
        after_help = "Credentials for live runs come only from <PROVIDER_ID>_TOKEN \
                            environment variables.\n\nExit codes: 0 every example passed or \
                            was skipped; 1 at least one failed (live: drift); 2 the replay could \
                            not run (including generated protocol tests that cannot be built or \
                            run); 3 live: an example got no usable response (connection, TLS, \
                            timeout, redirect, body over the cap); 4 live: throttled or \
                            unavailable (429 or 503 to an example's last send: not checked); \
                            5 live with --observations: nothing else failed, but an observation \
                            changed since the accepted one or is new (not --accept'ed); 130 \
                            live: interrupted."
    )]
    Replay(ReplayArgs),
    /// Serve every spec from the spec-built mock server until Ctrl-C. Prints one line per
    /// route, then `mock listening on http://ADDR` once serving.
    #[command(
        after_help = "Credentials come from files (--token-file, --signing-key-file) or the \
                            MOCK_TOKEN and MOCK_SIGNING_KEY environment variables, never the \
                            command line.\n\nExit codes: 0 stopped by Ctrl-C; 2 it could not \
                            start (bad arguments, an unreadable, empty or malformed credential \
                            file or variable, invalid specs, an address that cannot be bound)."
    )]
    Mock(MockArgs),
    /// Merge the HTML reports of a partitioned live run (each part's last run, from
    /// `--html` directories) into one report directory, or redraw a report's page from its
    /// history.
    #[command(
        after_help = "Exit codes: 0 the report was written; 2 it could not be (a part \
                            directory without runs, a history line that is not a run, an \
                            example in two parts, a directory that cannot be written)."
    )]
    Report(ReportArgs),
}

#[derive(clap::Args)]
struct ReportArgs {
    /// The report directory: the merged run is added to DIR/history.jsonl (kept from earlier
    /// runs, e.g. restored from a CI cache), and DIR/index.html is drawn from it.
    #[arg(long, value_name = "DIR")]
    html: PathBuf,
    /// A part's report directory (`--html` of a `--partition I/N` run); its last run is
    /// merged. Repeat for each part; without any, the page is redrawn from the history.
    #[arg(long = "from", value_name = "DIR")]
    from: Vec<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Target {
    Mock,
    Live,
}

#[derive(clap::Args)]
struct ReplayArgs {
    /// Where the examples are replayed.
    #[arg(long, value_enum, default_value = "mock")]
    target: Target,
    /// Live endpoint base URL (with --target live).
    #[arg(long)]
    base_url: Option<String>,
    /// Only this provider id.
    #[arg(long)]
    provider: Option<String>,
    /// Live: also run operations that create, update or delete.
    #[arg(long)]
    allow_writes: bool,
    /// Write JUnit XML here (live: also after a timeout or Ctrl-C).
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Live: also trust the CA certificate(s) in this PEM file.
    #[arg(long, value_name = "FILE")]
    ca_cert: Option<PathBuf>,
    /// Live: seconds one example may take, retries after Retry-After included.
    #[arg(long, value_name = "SECS", default_value_t = 15.0)]
    timeout: f64,
    /// Live: seconds to connect (TLS handshake included).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    connect_timeout: f64,
    /// Live: largest response body read, in bytes (a bigger one fails the example).
    #[arg(long, value_name = "BYTES", default_value_t = runtime::net::DEFAULT_MAX_RESPONSE_BYTES)]
    max_response_bytes: u64,
    /// Live: redirects followed within the same origin (never to another host, never 307/308).
    #[arg(long, value_name = "N", default_value_t = 0)]
    max_redirects: usize,
    /// Live: examples in flight at once.
    #[arg(long, value_name = "N", default_value_t = 1)]
    jobs: usize,
    /// Live: examples in flight at once against one provider (default: min(--jobs, 4)).
    #[arg(long, value_name = "N")]
    per_provider_jobs: Option<usize>,
    /// Live: send each example N times (a load run; one result per example).
    #[arg(long, value_name = "N", default_value_t = 1)]
    repeat: usize,
    /// Live: drift lines shown per example (the rest are counted).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DRIFT)]
    max_drift: usize,
    /// Live: keep what each example got as a snapshot under DIR
    /// (`<provider>/<operation>/<example>.snap`, volatile members redacted) and report what
    /// changed since the accepted one; a change waits beside it as `.snap.new` for
    /// `cargo insta review`.
    #[arg(long, value_name = "DIR")]
    observations: Option<PathBuf>,
    /// Live, with --observations: accept this run's observations as the new reference.
    #[arg(long, requires = "observations")]
    accept: bool,
    /// Write the HTML report to DIR/index.html after adding this run to DIR/history.jsonl
    /// (the page says since when each example holds its status).
    #[arg(long, value_name = "DIR")]
    html: Option<PathBuf>,
    /// Live: only part I of N of the examples (a stable split by provider, operation and
    /// example), to spread a run over N CI jobs; `conformance report` merges the parts.
    #[arg(long, value_name = "I/N", visible_alias = "shard")]
    partition: Option<Partition>,
    /// Spec files or directories (default: the workspace's specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
}

#[derive(clap::Args)]
struct MockArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Spec files or directories (default: the workspace's specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    /// Accept only the credential value in FILE (one line; default: the MOCK_TOKEN
    /// environment variable, else any non-empty credential).
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Refused: a command line is visible to every user (`ps`); use --token-file or MOCK_TOKEN.
    #[arg(long, hide = true, value_name = "VALUE")]
    token: Option<String>,
    /// Serve over TLS with a certificate generated at start-up (needs --cert-out).
    #[arg(long, requires = "cert_out")]
    tls: bool,
    /// With --tls: write the CA certificate that signed the server's to FILE (PEM), for
    /// clients to trust (`--ca-cert FILE` in live mode).
    #[arg(long, value_name = "FILE", requires = "tls")]
    cert_out: Option<PathBuf>,
    /// Verify request signatures (SDK-HMAC-SHA256) with the `ACCESS_KEY:SECRET_KEY` line in
    /// FILE (default: the MOCK_SIGNING_KEY environment variable, else accept any well-formed
    /// signature).
    #[arg(long, value_name = "FILE")]
    signing_key_file: Option<PathBuf>,
    /// Refused: a command line is visible to every user (`ps`); use --signing-key-file or
    /// MOCK_SIGNING_KEY.
    #[arg(long, hide = true, value_name = "AK:SK")]
    signing_key: Option<String>,
}

fn main() -> ExitCode {
    let code = match Cli::parse().command {
        Command::Replay(args) => replay(args),
        Command::Mock(args) => mock(args),
        Command::Report(args) => report_cmd(args),
    };
    ExitCode::from(code)
}

/// The workspace root, found at run time: `XTASK_WORKSPACE` (what `cargo xtask` passes) when
/// set, else the nearest workspace from the current directory upwards; never the directory
/// this binary was built in.
fn workspace_root() -> Result<PathBuf, String> {
    match std::env::var_os("XTASK_WORKSPACE") {
        Some(dir) => spec::workspace::given_root(Path::new(&dir)),
        None => {
            let cwd = std::env::current_dir()
                .map_err(|e| format!("cannot read the current directory: {e}"))?;
            spec::workspace::find_root(&cwd)
        }
    }
}

/// Load and validate `paths` (default: the workspace's specs/), checking source hashes when
/// the workspace's docs directory (`[workspace.metadata.specs] docs`) exists. Diagnostics go
/// to stderr.
fn load(paths: &[PathBuf]) -> Result<Validated, u8> {
    // Given specs need no workspace (their source pages are then not checked).
    let root = match (workspace_root(), paths.is_empty()) {
        (Ok(root), _) => Some(root),
        (Err(_), false) => None,
        (Err(e), true) => {
            eprintln!("conformance: {e}");
            return Err(CANNOT_RUN);
        }
    };
    let default: Vec<PathBuf> = root.iter().map(|r| r.join("specs")).collect();
    let paths = if paths.is_empty() {
        &default[..]
    } else {
        paths
    };
    let seeds = root
        .as_deref()
        .and_then(spec::workspace::docs_dir)
        .filter(|d| d.is_dir());
    spec::validate::load_and_validate(paths, seeds.as_deref()).map_err(|d| {
        d.eprint();
        eprintln!("{} problem(s) found", d.len());
        CANNOT_RUN
    })
}

fn replay(args: ReplayArgs) -> u8 {
    let validated = match load(&args.specs) {
        Ok(v) => v,
        Err(code) => return code,
    };
    if args.target == Target::Live && args.base_url.is_none() {
        eprintln!("conformance: --target live needs --base-url URL");
        return CANNOT_RUN;
    }
    if args.target != Target::Live && args.partition.is_some() {
        eprintln!("conformance: --partition needs --target live (a mock run takes seconds)");
        return CANNOT_RUN;
    }
    if args.target != Target::Live && args.observations.is_some() {
        eprintln!(
            "conformance: --observations needs --target live (the mock answers what the spec \
             documents: there is nothing to observe)"
        );
        return CANNOT_RUN;
    }
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("conformance: cannot start the async runtime: {e}");
            return CANNOT_RUN;
        }
    };
    let started = Instant::now();
    let Executed {
        results,
        live_code,
        outcomes,
        observed,
    } = match rt.block_on(execute(&args, validated.files())) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("conformance: {e}");
            return CANNOT_RUN;
        }
    };
    for r in &results {
        if let Some((part, why)) = report::failure(r) {
            println!(
                "FAIL {}.{} {} ({part})\n{why}\n",
                r.provider, r.operation, r.example
            );
        }
    }
    print!("{}", report::table(&results));
    println!("({} ms)", started.elapsed().as_millis());
    if let Some(path) = &args.junit {
        if let Err(e) = std::fs::write(path, report::junit(&results)) {
            eprintln!("conformance: cannot write {}: {e}", path.display());
            return CANNOT_RUN;
        }
    }
    if let Some(dir) = &args.html {
        // Curl lines for a mock run address the standalone mock (`cargo xtask mock`).
        let (base, prefixed) = match &args.base_url {
            Some(url) if args.target == Target::Live => (url.as_str(), false),
            _ => ("http://127.0.0.1:8080", true),
        };
        let run = history::Run {
            at: history::now(),
            target: match args.target {
                Target::Mock => "mock",
                Target::Live => "live",
            }
            .into(),
            partition: args.partition.map(|p| p.to_string()),
            rows: history::rows(
                validated.files(),
                &results,
                outcomes.as_deref(),
                observed.as_deref().unwrap_or_default(),
                base,
                prefixed,
            ),
        };
        if let Err(e) = write_html(dir, Some(&run)) {
            eprintln!("conformance: {e}");
            return CANNOT_RUN;
        }
    }
    let unaccepted = match (&args.observations, &observed) {
        (Some(dir), Some(recorded)) => {
            print!("\n{}", observe::summary(dir, recorded));
            observe::unaccepted(recorded)
        }
        _ => 0,
    };
    match live_code {
        Some(OK) if unaccepted > 0 => return CHANGED,
        Some(code) => return code,
        None => {}
    }
    let (_, failed, _) = report::counts(&results);
    if failed == 0 {
        OK
    } else {
        FAILED
    }
}

fn seconds(s: f64, what: &str) -> Result<Duration, String> {
    Duration::try_from_secs_f64(s)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("--{what} must be a positive number of seconds"))
}

/// The results, for live runs the exit code they call for, and with --observations how each
/// observation compares with the accepted one.
async fn execute(args: &ReplayArgs, files: &[spec::load::SpecFile]) -> Result<Executed, String> {
    match args.target {
        Target::Mock => {
            let files: Vec<_> = files
                .iter()
                .filter(|f| {
                    args.provider
                        .as_deref()
                        .map(|p| p == f.spec.provider.id)
                        .unwrap_or(true)
                })
                .cloned()
                .collect();
            // The reference replay, then the generated clients against the same mock.
            let tests = ClientTests {
                show_build: true,
                ..ClientTests::new(&workspace_root()?)
            };
            let filter = args.provider.as_deref().map(|p| format!("{p}::"));
            let replay = replay_on_mock(&files, Some(&tests), filter.as_deref()).await?;
            if !replay.unmatched_tests.is_empty() {
                eprintln!(
                    "conformance: {} generated protocol test(s) name no example of these specs \
                     (not counted): {}",
                    replay.unmatched_tests.len(),
                    replay.unmatched_tests.join(", ")
                );
            }
            Ok(Executed {
                results: replay.results,
                live_code: None,
                outcomes: None,
                observed: None,
            })
        }
        Target::Live => {
            let base_url = args
                .base_url
                .as_deref()
                .ok_or("--target live needs --base-url URL")?;
            let mut settings = runtime::HttpSettings {
                timeout: seconds(args.timeout, "timeout")?,
                connect_timeout: seconds(args.connect_timeout, "connect-timeout")?,
                max_response_bytes: args.max_response_bytes,
                max_redirects: args.max_redirects,
                ..runtime::HttpSettings::default()
            };
            if let Some(path) = &args.ca_cert {
                let pem = std::fs::read(path)
                    .map_err(|e| format!("cannot read --ca-cert {}: {e}", path.display()))?;
                settings.root_certificates.push(pem);
            }
            let driver = WireDriver::with_settings(&settings)
                .map_err(|e| format!("--ca-cert {}: {e}", display(&args.ca_cert)))?;
            let opts = LiveOptions {
                provider: args.provider.as_deref(),
                allow_writes: args.allow_writes,
                jobs: args.jobs.max(1),
                per_provider: args.per_provider_jobs.unwrap_or(args.jobs.min(4)).max(1),
                timeout: settings.timeout,
                repeat: args.repeat.max(1),
                max_drift: args.max_drift,
                keys: &conformance::live::env_keys,
                partition: args.partition,
                ..LiveOptions::new(base_url)
            };
            let token = |provider: &str| std::env::var(token_var(provider)).ok();
            let short = conformance::live::short_secrets(files, &opts, &token);
            if !short.is_empty() {
                return Err(short.join("\nconformance: "));
            }
            // Progress goes to stderr, one line per example as it finishes.
            let mut progress = |line: &str| eprintln!("{line}");
            let interrupt = async {
                if tokio::signal::ctrl_c().await.is_err() {
                    // No signal handler: never interrupt.
                    std::future::pending::<()>().await;
                }
                eprintln!("conformance: interrupted; writing the report");
            };
            let run = run_live_until(files, &opts, &driver, &token, &mut progress, interrupt).await;
            let code = if run.interrupted {
                INTERRUPTED
            } else if run.count(Outcome::Transport) > 0 {
                TRANSPORT
            } else if run.count(Outcome::Drift) > 0 {
                FAILED
            } else if run.count(Outcome::Throttled) + run.count(Outcome::Unavailable) > 0 {
                THROTTLED
            } else {
                OK
            };
            let observed = match &args.observations {
                Some(dir) => {
                    let store = observe::Store {
                        dir: dir.clone(),
                        accept: args.accept,
                    };
                    Some(store.record_run(&run.results, &run.outcomes)?)
                }
                None => None,
            };
            Ok(Executed {
                results: run.results,
                live_code: Some(code),
                outcomes: Some(run.outcomes),
                observed,
            })
        }
    }
}

/// What a replay produced.
struct Executed {
    results: Vec<CaseResult>,
    /// Live: the exit code the results call for.
    live_code: Option<u8>,
    /// Live: how each example ended, in the order of `results`.
    outcomes: Option<Vec<Outcome>>,
    /// Live with --observations: each observation against the accepted one.
    observed: Option<Vec<observe::Recorded>>,
}

/// Add `run` (when given) to the history in `dir`, then draw `dir/index.html` from it.
fn write_html(dir: &Path, run: Option<&history::Run>) -> Result<(), String> {
    if let Some(run) = run {
        history::append(dir, run)?;
    }
    let runs = history::read(dir)?;
    let page = dir.join("index.html");
    std::fs::write(&page, html::page(&runs))
        .map_err(|e| format!("cannot write {}: {e}", page.display()))?;
    println!("HTML report: {}", page.display());
    Ok(())
}

fn display(path: &Option<PathBuf>) -> String {
    path.as_deref()
        .map_or_else(String::new, |p| p.display().to_string())
}

fn report_cmd(args: ReportArgs) -> u8 {
    let merged = || -> Result<Option<history::Run>, String> {
        if args.from.is_empty() {
            return Ok(None);
        }
        let mut parts = Vec::new();
        for dir in &args.from {
            let last = history::read(dir)?.pop().ok_or_else(|| {
                format!(
                    "--from {}: no {} with a run in it (give the --html directory of a run)",
                    dir.display(),
                    history::HISTORY
                )
            })?;
            parts.push(last);
        }
        history::merge(&parts).map(Some)
    };
    match merged().and_then(|run| write_html(&args.html, run.as_ref())) {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("conformance report: {e}");
            CANNOT_RUN
        }
    }
}

fn mock(args: MockArgs) -> u8 {
    use conformance::mock::keys;
    // The old flags put secrets where `ps` shows them: refused, without echoing the value.
    if args.token.is_some() {
        eprintln!(
            "mock: --token is not accepted (the command line is visible to other users); \
             put the token in a file for --token-file FILE, or in {}",
            keys::TOKEN_ENV
        );
        return CANNOT_RUN;
    }
    if args.signing_key.is_some() {
        eprintln!(
            "mock: --signing-key is not accepted (the command line is visible to other users); \
             put ACCESS_KEY:SECRET_KEY in a file for --signing-key-file FILE, or in {}",
            keys::SIGNING_KEY_ENV
        );
        return CANNOT_RUN;
    }
    let credentials = keys::token(args.token_file.as_deref())
        .and_then(|t| Ok((t, keys::signing_key(args.signing_key_file.as_deref())?)));
    let (token, signing_key) = match credentials {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mock: {e}");
            return CANNOT_RUN;
        }
    };
    let validated = match load(&args.specs) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let result = conformance::mock::serve_until_ctrl_c(
        validated.files(),
        args.listen,
        token,
        args.cert_out.as_deref().filter(|_| args.tls),
        signing_key,
    );
    match result {
        Ok(()) => OK,
        Err(e) => {
            eprintln!("mock: cannot serve on {}: {e}", args.listen);
            CANNOT_RUN
        }
    }
}
