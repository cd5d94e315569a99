//! `cargo xtask validate [PATH...]`: load and check specs, then list their operations.
//! Writes nothing; on failure prints every diagnostic to stderr and exits 1.

use std::path::PathBuf;
use std::process::ExitCode;

use spec::validate::Validated;

#[derive(clap::Args)]
pub struct Args {
    /// Spec files or directories (default: the workspace's specs/).
    paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    match crate::specs::load(&args.paths) {
        Ok(v) => {
            print!("{}", summary(&v));
            ExitCode::SUCCESS
        }
        Err(code) => code,
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
