//! `cargo xtask <command>`: thin entry points over library code.
//!
//! xtask depends on the `spec`, `codegen` and `draft` crates only, never on a crate it generates or on
//! one that links the generated clients: `conformance` and `mock` run the conformance crate's
//! own binary through `cargo run`, so `cargo xtask codegen` builds even when `generated/` does
//! not compile.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Generation allocates and frees many small syn and token-stream nodes across threads;
// glibc's malloc spent a third of `codegen --check` on them (see README "Benchmarks").
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
mod validate;

#[derive(Parser)]
#[command(
    name = "xtask",
    about = "Developer commands for the backup API client generator",
    after_help = "Default paths (specs/, generated/, schema/, runtime/) are under the workspace \
                  root, found from the current directory upwards (the first Cargo.toml with a \
                  [workspace] table) unless --workspace DIR or XTASK_WORKSPACE names it; the \
                  docs directory is `docs` under [workspace.metadata.specs] in its Cargo.toml. \
                  Paths given on the command line are relative to the current directory. \
                  Exit code 2 when no workspace root is found."
)]
struct Cli {
    /// The workspace root (default: the nearest directory from the current one upwards
    /// whose Cargo.toml has a `[workspace]` table).
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
    /// Merge the HTML reports of a partitioned live run, or redraw a report from its history
    /// (runs `conformance report`; `cargo xtask conformance-report --help` for its options).
    ConformanceReport(delegate::Args),
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
    // Found at run time from the current directory (or given), never from where xtask was
    // built; `draft` reads and writes only the paths it is given.
    let root = specs::find_workspace_root(cli.workspace.as_deref());
    if let (Err(e), false) = (&root, matches!(cli.command, Command::Draft(_))) {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Codegen(args) => codegen::run(args),
        Command::Mock(args) => delegate::run("mock", args),
        Command::Conformance(args) => delegate::run("replay", args),
        Command::ConformanceReport(args) => delegate::run("report", args),
        Command::Openapi(args) => openapi::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Sources(args) => sources::run(args),
        Command::Draft(args) => draft::run(args),
    }
}
