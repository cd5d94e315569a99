//! `cargo xtask draft PAGE [--provider ID] [--out FILE [--force]]` writes a spec draft from a
//! vendor page; `--against SPEC` reports the page's differences from a current spec instead.
//! `cargo xtask draft DIR --provider ID` drafts every operation page of a docs tree into one
//! spec, listing the pages it skipped or could not read. `cargo xtask draft DIR --score`
//! measures how much the drafts of the pages in DIR find of the workspace specs that record
//! them (a report, exit 0).
//! Exit codes: 0 written (or no differences), 1 differences found (`--against`), 2 bad input
//! (page or spec unreadable, `--out` exists without `--force`, a draft that does not validate).

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
#[command(
    after_help = "Exit codes: 0 draft written (--against: no differences); 1 differences found \
                  (--against); 2 bad input (a directory without --provider; page missing, not a regular file, empty, binary, not \
                  UTF-8 or over 16 MiB; a spec that does not load; --out exists without --force; \
                  a --provider that is not snake_case; a draft that does not validate; --score without a \
                  directory or with specs that do not load). --score prints a report and exits 0."
)]
pub struct Args {
    /// The page: plain text, Markdown, HTML or reStructuredText, UTF-8; or a directory of
    /// reStructuredText, HTML or Markdown pages (tree mode, --provider required).
    page: PathBuf,
    /// Provider id of the draft (default: guessed from the page's host).
    #[arg(long, value_name = "ID")]
    provider: Option<String>,
    /// Write the draft here instead of standard output.
    #[arg(long, value_name = "FILE", conflicts_with = "against")]
    out: Option<PathBuf>,
    /// Overwrite an existing --out file.
    #[arg(long, requires = "out")]
    force: bool,
    /// Report the page's differences from this spec instead of writing a draft.
    #[arg(long, value_name = "SPEC")]
    against: Option<PathBuf>,
    /// With a directory: draft each page that a spec of specs/ records and print how much
    /// each draft finds of that spec (operations, parameters, examples, response fields).
    #[arg(long, conflicts_with_all = ["against", "out", "provider"])]
    score: bool,
}

pub fn run(args: Args) -> ExitCode {
    if args.score {
        return score(&args);
    }
    if args.page.is_dir() {
        return tree(args);
    }
    let page = match draft::Page::read(&args.page) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    if let Some(provider) = &args.provider {
        if !snake_case(provider) {
            return ExitCode::from(2);
        }
    }
    let d = draft::draft(&page, args.provider.as_deref());
    if let Some(spec_path) = &args.against {
        let current = match load_current(spec_path) {
            Ok(f) => f,
            Err(code) => return code,
        };
        let diffs = draft::against::against(&d.spec, &current.spec, &page.file);
        return report(&diffs, &page.file, spec_path);
    }
    write(&args, &d)
}

fn report(
    diffs: &[draft::against::Difference],
    what: &str,
    spec_path: &std::path::Path,
) -> ExitCode {
    if diffs.is_empty() {
        println!("{what}: no differences from {}", spec_path.display());
        return ExitCode::SUCCESS;
    }
    for x in diffs {
        println!("{x}");
    }
    println!(
        "{} difference(s) between {what} and {}",
        diffs.len(),
        spec_path.display()
    );
    ExitCode::from(1)
}

/// The measurement: drafts of the pages in the directory against the specs recording them.
fn score(args: &Args) -> ExitCode {
    if !args.page.is_dir() {
        eprintln!(
            "error: {}: --score reads a directory of pages",
            args.page.display()
        );
        return ExitCode::from(2);
    }
    let specs = crate::specs::workspace_root().join("specs");
    let files = match spec::load::load_paths(&[specs]) {
        Ok(f) => f,
        Err(d) => {
            d.eprint();
            eprintln!("error: the workspace specs do not load");
            return ExitCode::from(2);
        }
    };
    let report = draft::score::score(&files, &args.page);
    print!("{}", report.table());
    if let Some(f) = draft::score::failures(&args.page) {
        println!(
            "\nDocumented failures of the tree's operation pages as error cases of its draft:\n"
        );
        print!("{}", f.table());
    }
    ExitCode::SUCCESS
}

/// The spec `--against` compares with; exit code 2, saying why, when it does not load.
fn load_current(spec_path: &std::path::Path) -> Result<spec::load::SpecFile, ExitCode> {
    spec::load::load_file(spec_path).map_err(|diags| {
        diags.eprint();
        eprintln!(
            "error: {}: cannot load the spec to compare with",
            spec_path.display()
        );
        ExitCode::from(2)
    })
}

fn snake_case(provider: &str) -> bool {
    let snake = provider
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && provider.starts_with(|c: char| c.is_ascii_lowercase());
    if !snake {
        eprintln!("error: --provider {provider:?}: write a snake_case id, e.g. `my_cloud`");
    }
    snake
}

/// Tree mode: every operation page under the directory into one spec.
fn tree(args: Args) -> ExitCode {
    let Some(provider) = &args.provider else {
        eprintln!(
            "error: {} is a directory: tree mode needs --provider ID",
            args.page.display()
        );
        return ExitCode::from(2);
    };
    if !snake_case(provider) {
        return ExitCode::from(2);
    }
    let t = match draft::tree::draft_tree(&args.page, provider) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "error: {}: cannot read the directory: {e}",
                args.page.display()
            );
            return ExitCode::from(2);
        }
    };
    for (f, why) in &t.skipped {
        eprintln!("skipped {f}: {why}");
    }
    for (f, why) in &t.unreadable {
        eprintln!("not read {f}: {why}");
    }
    eprintln!(
        "drafted {} page(s) into {} operation(s), skipped {}, could not read {}",
        t.draft.spec.provider.sources.len(),
        t.draft.spec.operations.len(),
        t.skipped.len(),
        t.unreadable.len()
    );
    if let Some(spec_path) = &args.against {
        let current = match load_current(spec_path) {
            Ok(f) => f,
            Err(code) => return code,
        };
        let diffs = draft::against::against_tree(&t.draft.spec, &current.spec);
        return report(&diffs, &args.page.display().to_string(), spec_path);
    }
    write(&args, &t.draft)
}

fn write(args: &Args, d: &draft::Draft) -> ExitCode {
    if !d.problems.is_empty() {
        eprintln!("warning: the draft does not validate yet:");
        d.problems.eprint();
    }
    match &args.out {
        None => print!("{}", d.yaml),
        Some(out) => {
            if out.exists() && !args.force {
                eprintln!(
                    "error: {} exists; pass --force to overwrite it",
                    out.display()
                );
                return ExitCode::from(2);
            }
            if let Err(e) = std::fs::write(out, &d.yaml) {
                eprintln!("error: {}: cannot write: {e}", out.display());
                return ExitCode::from(2);
            }
            let todos = d.yaml.matches("TODO").count();
            eprintln!(
                "wrote {} ({} operation(s), {todos} TODO(s) to review)",
                out.display(),
                d.spec.operations.len()
            );
        }
    }
    if d.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    }
}
