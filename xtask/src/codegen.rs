//! `cargo xtask codegen`: render clients, fixtures and docs into the workspace's `generated/`
//! (or a standalone crate with `--out`, the workspace's runtime copied next to it as its
//! `runtime/` path dependency), atomically; `--check` only diffs. In the workspace, the
//! generated crate's version and `CHANGELOG.md` follow the spec diff against `HEAD`
//! ([`crate::release`]) and are part of the same write.

use std::path::PathBuf;
use std::process::ExitCode;

use codegen::render::{self, write, Layout};

#[derive(clap::Args)]
pub struct Args {
    /// Spec files or directories (default: specs/).
    #[arg(long = "spec")]
    specs: Vec<PathBuf>,
    /// Write a self-contained crate here instead of generated/ (the runtime crate is copied
    /// to DIR/runtime/ and depended on by path).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Package name of the standalone crate written with `--out`.
    #[arg(long, default_value = "api_clients")]
    crate_name: String,
    /// Write nothing; exit 1 with a unified diff when the output is stale.
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args) -> ExitCode {
    let validated = match crate::specs::load(&args.specs) {
        Ok(v) => v,
        Err(code) => return code,
    };
    let (root, layout) = match args.out {
        Some(out) => (
            out,
            Layout::Standalone {
                name: args.crate_name,
            },
        ),
        None => (
            crate::specs::workspace_root().join("generated"),
            Layout::Workspace,
        ),
    };
    let mut files = match render::render(&validated, &layout) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut release = None;
    if layout == Layout::Workspace {
        let plan =
            crate::release::plan(&crate::specs::workspace_root(), &validated).and_then(|r| {
                codegen::release::apply(&mut files, &r.version, r.changelog.clone())?;
                Ok(r)
            });
        match plan {
            Ok(r) => release = Some(r),
            Err(e) => {
                eprintln!("error: the generated crate's version: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    if let Layout::Standalone { .. } = layout {
        match crate::standalone::runtime_crate(&crate::specs::workspace_root()) {
            Ok(runtime) => files.extend(runtime),
            Err(e) => {
                eprintln!("error: copying the runtime: {e}");
                return ExitCode::FAILURE;
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    if args.check {
        return match write::diff(&root, &files) {
            Ok(d) if d.is_empty() => ExitCode::SUCCESS,
            Ok(d) => {
                print!("{d}");
                eprintln!("{} is stale: run `cargo xtask codegen`", root.display());
                ExitCode::FAILURE
            }
            Err(e) => {
                eprintln!("error: reading {}: {e}", root.display());
                ExitCode::FAILURE
            }
        };
    }
    match write::write(&root, &files) {
        Ok(changed) => {
            let state = if changed { "written" } else { "unchanged" };
            println!("{} files {state} in {}", files.len(), root.display());
            if let Some(r) = release.filter(|r| !r.report.changes.is_empty()) {
                let level = r.report.level().map_or("", |l| l.as_str());
                println!(
                    "version {} ({level}: {} change(s) since HEAD; see {}/{})",
                    r.version,
                    r.report.changes.len(),
                    root.display(),
                    codegen::release::CHANGELOG
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: writing {}: {e}", root.display());
            ExitCode::FAILURE
        }
    }
}
