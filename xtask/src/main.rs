//! `cargo xtask <command>`: thin entry points over library code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod validate;

#[derive(Parser)]
#[command(name = "xtask", about = "Developer commands for the backup API client generator")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load and check specs; print one line per operation.
    Validate(validate::Args),
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Validate(args) => validate::run(args),
    }
}
