//! `cargo xtask conformance`: replay every example through the generated clients against the
//! embedded mock (default), or replay each example's request against a live endpoint with
//! `--target live --base-url URL` and report schema drift per example. Credentials for live
//! runs come from `<PROVIDER_ID>_TOKEN` environment variables only.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use conformance::driver::WireDriver;
use conformance::generated_driver::GeneratedDriver;
use conformance::live::{run_live, LiveOptions};
use conformance::replay::{replay_all, token_env_var, CaseResult, Verdict};
use conformance::report;

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Target {
    Mock,
    Live,
}

#[derive(clap::Args)]
pub struct Args {
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
    /// Write JUnit XML here.
    #[arg(long)]
    junit: Option<PathBuf>,
    /// Spec files or directories (default: specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let validated = match crate::specs::load(&args.specs) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let rt = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("conformance: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = Instant::now();
    let results = match rt.block_on(execute(&args, validated.files())) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("conformance: {e}");
            return ExitCode::FAILURE;
        }
    };
    for r in &results {
        if let Verdict::Fail(why) = &r.verdict {
            println!("FAIL {}.{} {}\n{why}\n", r.provider, r.operation, r.example);
        }
    }
    print!("{}", report::table(&results));
    println!("({} ms)", started.elapsed().as_millis());
    if let Some(path) = &args.junit {
        if let Err(e) = std::fs::write(path, report::junit(&results)) {
            eprintln!("conformance: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let (_, failed, _) = report::counts(&results);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

async fn execute(args: &Args, files: &[spec::load::SpecFile]) -> Result<Vec<CaseResult>, String> {
    let driver = WireDriver::default();
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
            let addr = "127.0.0.1:0".parse().map_err(|e| format!("{e}"))?;
            let mock = conformance::mock::spawn(&files, addr, true)
                .await
                .map_err(|e| e.to_string())?;
            // The generated clients are what is under test against the mock.
            let results = replay_all(&files, &GeneratedDriver, &mock).await;
            mock.stop().await;
            Ok(results)
        }
        Target::Live => {
            let base_url = args
                .base_url
                .as_deref()
                .ok_or("--target live needs --base-url URL")?;
            let opts = LiveOptions {
                base_url,
                provider: args.provider.as_deref(),
                allow_writes: args.allow_writes,
            };
            let token = |provider: &str| std::env::var(token_env_var(provider)).ok();
            let mut progress = |line: &str| eprintln!("{line}");
            Ok(run_live(files, &opts, &driver, &token, &mut progress).await)
        }
    }
}
