//! `cargo xtask mock`: serve the specs from the mock server until Ctrl-C.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Spec files or directories (default: specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    /// Accept only this credential value (default: any non-empty one).
    #[arg(long, value_name = "VALUE")]
    token: Option<String>,
}

pub fn run(args: Args) -> ExitCode {
    let validated = match crate::specs::load(&args.specs) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let result = conformance::mock::serve_until_ctrl_c(
        validated.files(),
        args.listen,
        args.token.map(conformance::mock::Secret::new),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mock: {e}");
            ExitCode::FAILURE
        }
    }
}
