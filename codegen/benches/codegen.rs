//! Generator benchmark (a bench binary, not a timed test): render all specs in-process, then
//! synthetic specs of 250/500/1,000 operations from a small spec generator, reporting times,
//! ratios against the all-specs baseline and generated lines per operation.
//!
//! Run with `cargo bench -p codegen --bench codegen`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use codegen::render::render_all;
use spec::load::SpecFile;
use spec::validate::{load_and_validate, validate, Validated};

/// Best of `runs` (warm: the first run is discarded): wall time, CPU time of this thread and
/// the result. The machine is shared, so CPU time is the steadier figure.
fn time(runs: usize, f: impl Fn() -> usize) -> (Duration, Duration, usize) {
    let (mut best, mut best_cpu) = (Duration::MAX, Duration::MAX);
    let mut lines = f();
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu());
        lines = f();
        best = best.min(t.elapsed());
        best_cpu = best_cpu.min(cpu().saturating_sub(c));
    }
    (best, best_cpu, lines)
}

/// Time this thread has spent on a CPU (Linux `schedstat`; zero elsewhere).
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn lines(v: &Validated) -> usize {
    match render_all(v) {
        Ok(files) => files
            .iter()
            .filter(|f| f.path.starts_with("src"))
            .map(|f| f.contents.lines().count())
            .sum(),
        Err(e) => panic!("render failed: {e}"),
    }
}

/// A spec with `n` operations shaped like the real ones: path, query and body parameters
/// with constraints, an enum, an error case and an example each.
fn synthetic(n: usize) -> String {
    let mut s = String::from(
        "provider:\n  id: synthetic\n  title: Synthetic\n  description: Bench spec.\n  base_url: \"https://{host}\"\n  variables:\n    host: { description: Host., example: h.example }\n  sources:\n    - { file: 002_14c1ea64b03ca7af.txt, sha256: 15c83e14c5fce74f4ea63afb7794ddaf874ead08c577ccd5000801e89c46b576, language: en, title: T }\nauth:\n  token: { in: header, name: X-Auth-Token, description: Token. }\ntypes:\n  State:\n    description: State.\n    values:\n      - { value: a, description: A. }\n      - { value: b, description: B. }\n  Item:\n    description: Item.\n    fields:\n      - { name: id, description: Id., required: true, schema: { type: long, wire: string } }\n      - { name: state, description: State., schema: { type: ref, ref: State, nullable: true } }\n  Failure:\n    description: Failure.\n    fields:\n      - { name: error_code, description: Code., required: true, schema: { type: string } }\noperations:\n",
    );
    for i in 0..n {
        s.push_str(&format!(
            "  - id: op_{i}\n    summary: Operation {i}.\n    source: 002_14c1ea64b03ca7af.txt\n    effect: create\n    method: POST\n    path: /v1/{{project}}/things_{i}\n    auth: token\n    request:\n      body: json\n      parameters:\n        - {{ name: project, in: path, description: P., required: true, schema: {{ type: string, min_length: 1 }} }}\n        - {{ name: limit, in: query, description: L., schema: {{ type: integer, minimum: 1, maximum: 100 }} }}\n        - {{ name: name, in: body, description: N., required: true, schema: {{ type: string, min_length: 4, max_length: 64, pattern: \"[a-z]+\" }} }}\n        - {{ name: days, in: body, description: D., schema: {{ type: array, wire: csv, items: {{ type: integer, minimum: 0, maximum: 6 }} }} }}\n    response:\n      status: 200\n      schema: {{ type: ref, ref: Item }}\n    errors:\n      - {{ name: failed, description: F., status: 400, schema: {{ type: ref, ref: Failure }}, match: {{ has_fields: [error_code] }} }}\n    examples:\n      - name: ex\n        summary: Example.\n        request: {{ path: {{ project: p }}, query: {{ limit: \"5\" }}, headers: {{ X-Auth-Token: t }}, body: {{ name: abcd, days: \"1,2\" }} }}\n        response: {{ status: 200, body: {{ id: \"1\", state: a }} }}\n"
        ));
    }
    s
}

fn synthetic_validated(n: usize) -> Validated {
    let text = synthetic(n);
    let file = match SpecFile::parse("bench/synthetic.yaml", text) {
        Ok(f) => f,
        Err(d) => panic!("synthetic spec does not load:\n{d}"),
    };
    match validate(vec![file], None) {
        Ok(v) => v,
        Err(d) => panic!("synthetic spec does not validate:\n{d}"),
    }
}

fn main() {
    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let all = match load_and_validate(&[specs], None) {
        Ok(v) => v,
        Err(d) => panic!("specs do not validate:\n{d}"),
    };
    let ops: usize = all.files().iter().map(|f| f.spec.operations.len()).sum();
    let (base, base_cpu, base_lines) = time(20, || lines(&all));
    println!(
        "all specs ({ops} ops): {:.2} ms warm ({:.2} ms CPU), {base_lines} lines of Rust, {:.0} lines/op",
        base.as_secs_f64() * 1e3,
        base_cpu.as_secs_f64() * 1e3,
        base_lines as f64 / ops as f64
    );
    let mut per_op = Vec::new();
    for n in [250, 500, 1000] {
        let v = synthetic_validated(n);
        let (t, c, l) = time(3, || lines(&v));
        per_op.push(t.as_secs_f64() / n as f64);
        println!(
            "synthetic {n:>4} ops: {:>7.1} ms ({:>6.1} ms CPU, {:.1}x the all-specs baseline), {:.0} lines/op, {:.1} µs/op",
            t.as_secs_f64() * 1e3,
            c.as_secs_f64() * 1e3,
            t.as_secs_f64() / base.as_secs_f64(),
            l as f64 / n as f64,
            t.as_secs_f64() * 1e6 / n as f64
        );
    }
    if let (Some(first), Some(last)) = (per_op.first(), per_op.last()) {
        println!(
            "growth: time per op at 1,000 vs 250 ops = {:.2} (1.0 is linear)",
            last / first
        );
    }
}
