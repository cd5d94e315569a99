//! Loading and validating one large synthetic spec: 5, 10 and 20 MB, each in its own child
//! process so its peak memory (VmHWM) is its own. Prints time, peak memory and the ratios
//! between sizes (time should grow linearly with size). No assertions: figures only.
//!
//! `cargo bench -p spec --bench load`
//! `SPEC_BENCH_PHASES=1` adds where the time goes (tree pass, serde) and the tree's size.

use std::path::{Path, PathBuf};
use std::time::Instant;

use spec::load::LoadOptions;

const SIZES_MB: [usize; 3] = [5, 10, 20];

fn tiny() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/broken/_valid/tiny.yaml"),
    )
    .expect("the base spec is readable")
}

/// The base spec with its types, operations and errata repeated under distinct names until
/// the text reaches `bytes`.
fn synthetic(bytes: usize) -> String {
    let base = tiny();
    let section = |from: &str, to: Option<&str>| {
        let start = base.find(from).expect("section") + from.len();
        let end = to.map_or(base.len(), |t| base.find(t).expect("section"));
        base[start..end].to_string()
    };
    let head = &base[..base.find("types:\n").expect("types")];
    let types = section("types:\n", Some("operations:\n"));
    let ops = section("operations:\n", Some("errata:\n"));
    let errata = section("errata:\n", None);
    let per_copy = types.len() + ops.len() + errata.len();
    let copies = bytes / per_copy + 1;
    let rename = |s: &str, i: usize| {
        s.replace("Item", &format!("Item{i}"))
            .replace("ApiError", &format!("ApiError{i}"))
            .replace("get_item", &format!("get_item_{i}"))
            .replace("/items/", &format!("/items{i}/"))
            .replace("E1", &format!("E{i}"))
    };
    let mut out = String::with_capacity(bytes + per_copy * 2);
    out.push_str(head);
    for (key, part) in [("types", &types), ("operations", &ops), ("errata", &errata)] {
        out.push_str(key);
        out.push_str(":\n");
        for i in 0..copies {
            out.push_str(&rename(part, i));
        }
    }
    out
}

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|n| n.parse().ok()))
        })
        .unwrap_or(0)
}

/// In the child: validate the file, print "seconds peak_kib".
fn one(path: &Path) {
    let opts = LoadOptions {
        max_file_size: 64 * 1024 * 1024,
    };
    let start = Instant::now();
    let result = spec::validate::load_and_validate_with(&[path.to_path_buf()], None, &opts);
    let secs = start.elapsed().as_secs_f64();
    if let Err(d) = &result {
        eprintln!(
            "{}",
            d.0.iter()
                .take(5)
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        );
        std::process::exit(1);
    }
    let peak = peak_kib();
    drop(result);
    // After the peak is read, so the breakdown does not inflate it.
    if std::env::var_os("SPEC_BENCH_PHASES").is_some() {
        phases(path);
    }
    println!("{secs} {peak}");
}

/// Where the time goes (stderr): the event pass building the located tree, then serde
/// reading the format types from it; and the tree's size.
fn phases(path: &Path) {
    let text = std::fs::read_to_string(path).expect("read");
    let t = Instant::now();
    let map = spec::yaml::source_map(&text).expect("map");
    let tree_secs = t.elapsed().as_secs_f64();
    let tree_mib = map.heap_bytes() as f64 / (1024.0 * 1024.0);
    drop(map);
    let t = Instant::now();
    let _spec = spec::yaml::parse::<spec::format::Spec>(&text).expect("parse");
    let parse_secs = t.elapsed().as_secs_f64();
    eprintln!(
        "phases: tree {tree_secs:.2} s ({tree_mib:.0} MiB); tree + serde {parse_secs:.2} s (serde {:.2} s)",
        parse_secs - tree_secs
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        one(Path::new(&args[i + 1]));
        return;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/spec-bench");
    let dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(|d| PathBuf::from(d).join("spec-bench"))
        .unwrap_or(dir);
    std::fs::create_dir_all(&dir).expect("bench dir");
    let exe = std::env::current_exe().expect("own path");
    let mut rows = Vec::new();
    for mb in SIZES_MB {
        let text = synthetic(mb * 1_000_000);
        let path = dir.join(format!("synthetic_{mb}mb.yaml"));
        std::fs::write(&path, &text).expect("write synthetic spec");
        let out = std::process::Command::new(&exe)
            .arg("--one")
            .arg(&path)
            .stderr(std::process::Stdio::inherit())
            .output()
            .expect("run child");
        if !out.status.success() {
            panic!(
                "{mb} MB spec did not validate:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let line = String::from_utf8_lossy(&out.stdout);
        let mut parts = line.split_whitespace();
        let secs: f64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
        let kib: u64 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0);
        rows.push((mb, text.len(), secs, kib));
        let _ = std::fs::remove_file(&path);
    }
    println!("size       bytes        time      peak      s/MB    time ratio");
    let (_, base_bytes, base_secs, _) = rows[0];
    for (mb, bytes, secs, kib) in &rows {
        println!(
            "{mb:>2} MB  {bytes:>10}  {secs:>8.2} s  {:>6} MiB  {:>6.3}  x{:.2} (size x{:.2})",
            kib / 1024,
            secs / (*bytes as f64 / 1e6),
            secs / base_secs,
            *bytes as f64 / base_bytes as f64,
        );
    }
}
