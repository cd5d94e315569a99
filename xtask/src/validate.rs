//! `cargo xtask validate [PATH...]`: load and check specs, then list their operations.
//! Writes nothing; on failure prints every diagnostic to stderr and exits 1.
//!
//! Given paths are checked against the rest of the workspace: the workspace's `specs/` files
//! they do not cover are loaded beside them, so rules across files (provider ids unique) see
//! the whole set. A given file stands in for a workspace spec of the same file name (a draft
//! of `specs/x.yaml` kept elsewhere). Every problem is reported, the given files' first; the
//! listing names the given files' operations only.
//!
//! With `--pages DIR` every fact's citation is also held against its page in DIR
//! ([`spec::cite::check`]); `--report` then prints, per spec, how many facts are cited to
//! page lines, inferred or backed by an erratum (the table in the README).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use spec::diag::Diagnostics;
use spec::load::SpecFile;

#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 every spec is valid (and with --pages every citation \
                        holds); 1 a spec or a citation has a problem; 2 --pages is not a \
                        directory (or, without DIR, no docs directory is set), or no workspace \
                        root is found.\n\
                        Source page hashes are checked against the workspace's docs directory \
                        (`docs` under [workspace.metadata.specs]) when it exists."
)]
pub struct Args {
    /// Spec files or directories (default: the workspace's specs/), checked together with the
    /// workspace's other specs.
    paths: Vec<PathBuf>,
    /// Check every citation against the pages in DIR (without DIR: the workspace's docs
    /// directory, `docs` under [workspace.metadata.specs]): cited lines must say the fact,
    /// and an uncited fact is an error.
    #[arg(long, value_name = "DIR", num_args = 0..=1)]
    pages: Option<Option<PathBuf>>,
    /// With --pages: print per spec the facts cited to page lines, inferred and
    /// erratum-backed, as a markdown table.
    #[arg(long, requires = "pages")]
    report: bool,
}

pub fn run(args: Args) -> ExitCode {
    if args.paths.is_empty() {
        return match crate::specs::load(&args.paths) {
            Ok(v) => {
                if !args.report {
                    print!("{}", summary(v.files().iter()));
                }
                citations(&v, &args)
            }
            Err(code) => code,
        };
    }
    let context = workspace_context(&args.paths);
    // The workspace's specs first, so a clash (a provider id used twice) is reported at the
    // given file, naming the workspace spec it clashes with.
    let all: Vec<PathBuf> = context.iter().chain(&args.paths).cloned().collect();
    match spec::validate::load_and_validate(&all, crate::specs::seeds_dir().as_deref()) {
        Ok(v) => {
            if !args.report {
                let given = v.files().iter().filter(|f| !context.contains(&f.path));
                print!("{}", summary(given));
                if !context.is_empty() {
                    println!(
                        "checked together with {} other spec(s) of the workspace",
                        context.len()
                    );
                }
            }
            citations(&v, &args)
        }
        Err(d) => {
            let (elsewhere, given): (Vec<_>, Vec<_>) =
                d.0.into_iter().partition(|x| context.contains(&x.file));
            let n = elsewhere.len();
            let ordered = Diagnostics(given.into_iter().chain(elsewhere).collect());
            ordered.eprint();
            if n > 0 {
                eprintln!(
                    "{} problem(s) found ({n} in other specs of the workspace)",
                    ordered.len()
                );
            } else {
                eprintln!("{} problem(s) found", ordered.len());
            }
            ExitCode::FAILURE
        }
    }
}

/// With `--pages`: every citation against its page (and the report); exit 1 on a problem.
fn citations(v: &spec::validate::Validated, args: &Args) -> ExitCode {
    let dir = match &args.pages {
        None => return ExitCode::SUCCESS,
        Some(Some(dir)) => dir.clone(),
        Some(None) => match crate::specs::docs_setting() {
            Some(dir) => dir,
            None => {
                eprintln!(
                    "error: --pages without DIR needs `docs` under [workspace.metadata.specs] \
                     in the workspace's Cargo.toml"
                );
                return ExitCode::from(2);
            }
        },
    };
    let dir = &dir;
    if !dir.is_dir() {
        eprintln!("error: --pages {}: not a directory", dir.display());
        return ExitCode::from(2);
    }
    let model = match spec::model::Model::build(v) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (found, tallies) = spec::cite::check::check(v, &model, dir, &|_| false);
    if args.report {
        print!("{}", spec::cite::check::report_table(&tallies));
    }
    if found.is_empty() {
        if !args.report {
            let n: usize = tallies.iter().map(|t| t.facts).sum();
            println!("{n} facts hold against their pages in {}", dir.display());
        }
        ExitCode::SUCCESS
    } else {
        found.eprint();
        eprintln!("{} citation problem(s) found", found.len());
        ExitCode::FAILURE
    }
}

/// The workspace's spec files that `given` neither names nor contains, nor stands in for by
/// file name.
fn workspace_context(given: &[PathBuf]) -> Vec<PathBuf> {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let given_canon: Vec<PathBuf> = given.iter().map(|p| canon(p)).collect();
    let names: Vec<&std::ffi::OsStr> = given
        .iter()
        .filter(|p| !p.is_dir())
        .filter_map(|p| p.file_name())
        .collect();
    let dir = crate::specs::workspace_root().join("specs");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .filter(|p| {
            let c = canon(p);
            !given_canon.iter().any(|g| c.starts_with(g))
                && !p.file_name().is_some_and(|n| names.contains(&n))
        })
        .collect();
    out.sort();
    out
}

/// One line per operation, then the totals.
fn summary<'a>(files: impl Iterator<Item = &'a SpecFile>) -> String {
    let mut out = String::new();
    let (mut ops, mut examples, mut errata, mut providers) = (0, 0, 0, 0);
    for f in files {
        providers += 1;
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
        "{ops} operations in {providers} providers, {examples} examples, {errata} errata\n"
    ));
    out
}
