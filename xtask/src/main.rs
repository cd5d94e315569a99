//! `cargo xtask <command>`: thin entry points over library code.
//!
//! xtask depends on the `spec`, `codegen` and `draft` crates only, never on a crate it generates or on
//! one that links the generated clients: `conformance` and `mock` run the conformance crate's
//! own binary through `cargo run`, so `cargo xtask codegen` builds even when `generated/` does
//! not compile.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod codegen;
mod delegate;
mod diff;
mod draft;
mod git;
mod openapi;
mod release;
mod schema;
mod sources;
mod specs;
mod standalone;
mod validate;

#[derive(Parser)]
#[command(
    name = "xtask",
    about = "Developer commands for the backup API client generator",
    after_help = "Default paths (specs/, generated/, schema/, runtime/) are under the workspace \
                  root; paths given on the command line are relative to the current directory."
)]
struct Cli {
    /// Use this workspace root instead of the one xtask was built in.
    #[arg(long, global = true, value_name = "DIR", env = "XTASK_WORKSPACE")]
    workspace: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and check specs; print one line per operation.
    Validate(validate::Args),
    /// Render clients, fixtures and docs into generated/, bumping its version and changelog
    /// by the spec diff against HEAD (`--check`: diff only).
    Codegen(codegen::Args),
    /// Serve every spec from the spec-built mock server until Ctrl-C
    /// (runs `conformance mock`; `cargo xtask mock --help` for its options).
    Mock(delegate::Args),
    /// Replay every documented example against the mock (default) or a live endpoint
    /// (runs `conformance replay`; `cargo xtask conformance --help` for its options).
    Conformance(delegate::Args),
    /// Render the OpenAPI 3.1 exports into generated/openapi/ (`--check`: diff only).
    Openapi(openapi::Args),
    /// Write schema/spec.schema.json from the spec types (`--check`: diff only).
    Schema(schema::Args),
    /// Semantic diff of the specs against a git revision or a directory, graded breaking,
    /// non-breaking or informational, naming the Rust items that change.
    Diff(diff::Args),
    /// Compare each recorded source page's SHA-256 with the docs directory (and the live
    /// page with --fetch); list changed, missing and unrecorded pages and what cites them.
    Sources(sources::Args),
    /// Draft a spec from a vendor page (plain text, Markdown or HTML), or with --against
    /// report the page's differences from a current spec.
    Draft(draft::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(dir) = cli.workspace {
        if let Err(e) = specs::set_workspace_root(&dir) {
            eprintln!("error: --workspace {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Codegen(args) => codegen::run(args),
        Command::Mock(args) => delegate::run("mock", args),
        Command::Conformance(args) => delegate::run("replay", args),
        Command::Openapi(args) => openapi::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Sources(args) => sources::run(args),
        Command::Draft(args) => draft::run(args),
    }
}
