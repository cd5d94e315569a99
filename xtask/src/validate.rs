//! `cargo xtask validate [PATH...]`: load and check specs, then list their operations.
//! Writes nothing; on failure prints every diagnostic to stderr and exits 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use codegen::validate::Validated;

#[derive(clap::Args)]
pub struct Args {
    /// Spec files or directories (default: the workspace's specs/).
    paths: Vec<PathBuf>,
}

/// The workspace root (xtask lives one level below it).
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The seed pages, when this checkout sits next to them.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = workspace_root().join("../shared/seeds");
    dir.is_dir().then_some(dir)
}

pub fn run(args: Args) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![workspace_root().join("specs")]
    } else {
        args.paths
    };
    match codegen::validate::load_and_validate(&paths, seeds_dir().as_deref()) {
        Ok(v) => {
            print!("{}", summary(&v));
            ExitCode::SUCCESS
        }
        Err(d) => {
            eprint!("{d}");
            eprintln!("{} problem(s) found", d.len());
            ExitCode::FAILURE
        }
    }
}

/// One line per operation, then the totals.
fn summary(v: &Validated) -> String {
    let mut out = String::new();
    let (mut ops, mut examples, mut errata) = (0, 0, 0);
    for f in v.files() {
        let spec = &f.spec;
        errata += spec.errata.len();
        for op in &spec.operations {
            ops += 1;
            examples += op.examples.len();
            let route = if op.discriminators.is_empty() {
                op.path.clone()
            } else {
                let d: Vec<String> = op
                    .discriminators
                    .iter()
                    .map(|d| format!("{}={}", d.name, d.value))
                    .collect();
                format!("{} [{}]", op.path, d.join(" "))
            };
            let n = op.examples.len();
            out.push_str(&format!(
                "{:<14} {:<28} {:<6} {route}  ({n} example{})\n",
                spec.provider.id,
                op.id,
                op.method.as_str(),
                if n == 1 { "" } else { "s" }
            ));
        }
    }
    out.push_str(&format!(
        "{ops} operations in {} providers, {examples} examples, {errata} errata\n",
        v.files().len()
    ));
    out
}
