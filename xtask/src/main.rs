//! `cargo xtask <command>`: thin entry points over library code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod codegen;
mod conformance;
mod mock;
mod openapi;
mod schema;
mod specs;
mod validate;

#[derive(Parser)]
#[command(
    name = "xtask",
    about = "Developer commands for the backup API client generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and check specs; print one line per operation.
    Validate(validate::Args),
    /// Render clients, fixtures and docs into generated/ (`--check`: diff only).
    Codegen(codegen::Args),
    /// Serve every spec from the spec-built mock server until Ctrl-C.
    Mock(mock::Args),
    /// Replay every documented example against the mock (default) or a live endpoint.
    Conformance(conformance::Args),
    /// Render the OpenAPI 3.1 exports into generated/openapi/ (`--check`: diff only).
    Openapi(openapi::Args),
    /// Write schema/spec.schema.json from the spec types (`--check`: diff only).
    Schema(schema::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Validate(args) => validate::run(args),
        Command::Codegen(args) => codegen::run(args),
        Command::Mock(args) => mock::run(args),
        Command::Conformance(args) => conformance::run(args),
        Command::Openapi(args) => openapi::run(args),
        Command::Schema(args) => schema::run(args),
    }
}
