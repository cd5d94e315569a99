//! `cargo xtask schema [--check]`: write the spec format's JSON Schema (or only compare).

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Compare with the checked-in file and print a diff instead of writing.
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args) -> ExitCode {
    let root = crate::specs::workspace_root();
    let path = root.join(spec::json_schema::SCHEMA_PATH);
    if args.check {
        return match spec::json_schema::check(&root) {
            Ok(()) => {
                println!("{} is up to date", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::FAILURE
            }
        };
    }
    match spec::json_schema::write(&root) {
        Ok(()) => {
            println!("wrote {}", path.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}
