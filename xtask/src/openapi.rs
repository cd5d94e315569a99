//! `cargo xtask openapi`: render the OpenAPI 3.1 exports into `generated/openapi/`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Spec files or directories (default: specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    /// The generated/ directory the exports go under.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Write nothing; exit 1 with a diff when the exports on disk are stale.
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args) -> ExitCode {
    let specs = if args.specs.is_empty() {
        vec![PathBuf::from("specs")]
    } else {
        args.specs
    };
    let validated = match codegen::validate::load_and_validate(&specs, None) {
        Ok(v) => v,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::FAILURE;
        }
    };
    let files = codegen::openapi::render(&validated);
    let stale = codegen::openapi::drift(&args.out, &files);
    if args.check {
        for (path, diff) in &stale {
            eprintln!("stale: {}\n{diff}", path.display());
        }
        return if stale.is_empty() {
            ExitCode::SUCCESS
        } else {
            eprintln!("run `cargo xtask openapi` to update");
            ExitCode::FAILURE
        };
    }
    match write(&args.out, &files, &stale) {
        Ok(()) => {
            for (path, _) in &files {
                println!("{}", args.out.join(path).display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Write every rendered file through a temporary name and rename, so a failure half-way
/// never leaves a truncated export; remove exports no spec renders any more.
fn write(
    out: &Path,
    files: &[(PathBuf, String)],
    stale: &[(PathBuf, String)],
) -> anyhow::Result<()> {
    use anyhow::Context;
    let dir = out.join("openapi");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut staged = Vec::new();
    for (rel, text) in files {
        let target = out.join(rel);
        let tmp = target.with_extension("json.tmp");
        std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
        staged.push((tmp, target));
    }
    for (tmp, target) in staged {
        std::fs::rename(&tmp, &target).with_context(|| format!("writing {}", target.display()))?;
    }
    for (rel, _) in stale {
        if !files.iter().any(|(f, _)| f == rel) {
            let path = out.join(rel);
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}
