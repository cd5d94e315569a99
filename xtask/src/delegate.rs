//! `cargo xtask conformance` and `cargo xtask mock`: run the conformance crate's binary
//! (`conformance replay` / `conformance mock`) with every argument passed through unchanged,
//! and exit with its exit code. Building it is cargo's job at that moment, so xtask itself
//! never links the generated clients.

use std::ffi::OsString;
use std::process::{Command, ExitCode};

#[derive(clap::Args)]
#[command(disable_help_flag = true)]
pub struct Args {
    /// Arguments for the conformance binary, passed through unchanged (`--help` included).
    #[arg(
        trailing_var_arg = true,
        allow_hyphen_values = true,
        value_name = "ARGS"
    )]
    args: Vec<OsString>,
}

/// Run `cargo run -p conformance --bin conformance -- SUBCOMMAND ARGS...` against the
/// workspace's manifest (not `--quiet`: a cold build shows its progress on stderr). The child keeps the caller's current directory, so relative paths
/// in ARGS (`--junit FILE`, `--spec PATH`) mean what they meant to the caller; its defaults
/// are under the workspace root.
pub fn run(subcommand: &str, args: Args) -> ExitCode {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let root = crate::specs::workspace_root();
    let manifest = root.join("Cargo.toml");
    let mut command = Command::new(&cargo);
    let status = spec::workspace::without_cargo_env(&mut command)
        // The child's defaults are under the same root as ours.
        .env("XTASK_WORKSPACE", &root)
        .args(["run", "--manifest-path"])
        .arg(&manifest)
        .args([
            "-p",
            "conformance",
            "--bin",
            "conformance",
            "--",
            subcommand,
        ])
        .args(&args.args)
        .status();
    match status {
        Ok(status) => match status.code() {
            Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
            None => {
                eprintln!("conformance {subcommand}: {status}");
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!(
                "error: cannot run {}: {e}",
                std::path::Path::new(&cargo).display()
            );
            ExitCode::FAILURE
        }
    }
}
