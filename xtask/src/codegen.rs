//! `cargo xtask codegen`: render clients, fixtures and docs into the workspace's `generated/`
//! (or a standalone crate with `--out`, the workspace's runtime copied next to it as its
//! `runtime/` path dependency), atomically; `--check` only diffs. In the workspace, the
//! generated crate's version and `CHANGELOG.md` follow the spec diff against `HEAD`
//! ([`crate::release`]) and are part of the same write.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

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
    /// Print where the time went (load and validate, model, each renderer, formatting, the
    /// version from `HEAD`, diff or write) to stderr.
    #[arg(long)]
    timings: bool,
}

/// Phase times for `--timings`: laps of the main thread, and the phases that ran beside
/// each other while rendering (each its own time, so they add up to more than the lap).
struct Clock {
    on: bool,
    start: Instant,
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn lap(&mut self, phase: &'static str) {
        let now = Instant::now();
        self.phases.push((phase, now - self.last));
        self.last = now;
    }

    fn print(&self) {
        if !self.on {
            return;
        }
        for (phase, d) in &self.phases {
            eprintln!("{:>8.2} ms  {phase}", d.as_secs_f64() * 1e3);
        }
        let total = self.last - self.start;
        eprintln!("{:>8.2} ms  total, wall time", total.as_secs_f64() * 1e3);
    }
}

pub fn run(args: Args) -> ExitCode {
    let now = Instant::now();
    let mut clock = Clock {
        on: args.timings,
        start: now,
        last: now,
        phases: Vec::new(),
    };
    let code = run_timed(args, &mut clock);
    clock.print();
    code
}

fn run_timed(args: Args, clock: &mut Clock) -> ExitCode {
    // The version needs `HEAD`'s side, read by a git process: started first, so it runs
    // while the specs load.
    let head = args
        .out
        .is_none()
        .then(|| std::thread::spawn(|| crate::release::read_head(&crate::specs::workspace_root())));
    let validated = match crate::specs::load(&args.specs) {
        Ok(v) => v,
        Err(code) => return code,
    };
    clock.lap("load and validate");
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
    // When the specs differ from `HEAD`'s, the version needs a validation and a diff:
    // worked out beside the rendering.
    let (rendered, plan) = std::thread::scope(|scope| {
        let plan = head.map(|head| {
            let validated = &validated;
            scope.spawn(move || {
                let t = Instant::now();
                let head = head.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
                let plan = crate::release::plan(&crate::specs::workspace_root(), head, validated);
                (plan, t.elapsed())
            })
        });
        let rendered = render::render_timed(&validated, &layout);
        let plan = plan.map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        (rendered, plan)
    });
    let mut files = match rendered {
        Ok((f, phases)) => {
            clock.phases.extend(phases);
            f
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut release = None;
    if let Some((plan, took)) = plan {
        clock.phases.push(("version from HEAD", took));
        match plan.and_then(|r| {
            codegen::release::apply(&mut files, &r.version, r.changelog.clone())?;
            Ok(r)
        }) {
            Ok(r) => release = Some(r),
            Err(e) => {
                eprintln!("error: the generated crate's version: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    clock.lap("rendering, wall time");
    if let Layout::Standalone { .. } = layout {
        match codegen::standalone::runtime_crate(&crate::specs::workspace_root()) {
            Ok(runtime) => files.extend(runtime),
            Err(e) => {
                eprintln!("error: copying the runtime: {e}");
                return ExitCode::FAILURE;
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    if args.check {
        let diff = write::diff(&root, &files);
        clock.lap("diff against generated/");
        return match diff {
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
    let written = write::write(&root, &files);
    clock.lap("write");
    match written {
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
