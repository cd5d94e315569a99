//! `cargo xtask openapi`: render only the OpenAPI 3.1 exports into `generated/openapi/`,
//! through the same renderers and atomic writer as `cargo xtask codegen`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::render::{self, write};

#[derive(clap::Args)]
pub struct Args {
    /// Spec files or directories (default: specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    /// The generated/ directory the exports go under (default: the workspace's generated/).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Write nothing; exit 1 with a diff when the exports on disk are stale.
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args) -> ExitCode {
    let validated = match crate::specs::load(&args.specs) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let files: Vec<_> = match render::render_all(&validated) {
        Ok(files) => files
            .into_iter()
            .filter(|f| f.path.starts_with(Path::new("openapi")))
            .collect(),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = args
        .out
        .unwrap_or_else(|| crate::specs::workspace_root().join("generated"));
    let result = if args.check {
        write::diff(&out, &files).map(|d| {
            print!("{d}");
            d.is_empty()
        })
    } else {
        write::write(&out, &files).map(|_| true)
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!(
                "{} is stale: run `cargo xtask openapi` (or `cargo xtask codegen`)",
                out.join("openapi").display()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
