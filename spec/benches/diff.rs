//! The diff of two 1,000-operation synthetic specs: the diff corpus's base spec with its
//! types, operations and errata repeated under distinct names, and a second side where every
//! tenth copy loses a response field, gains a required parameter and tightens a constraint.
//! Prints the load-and-validate time of each side and the diff time (target: all of it under
//! 1 s). No assertions: figures only.
//!
//! `cargo bench -p spec --bench diff`

use std::path::Path;
use std::time::Instant;

use spec::diff::{self, NoNames};

const COPIES: usize = 500; // two operations each

fn base() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/diff/base.yaml"))
        .expect("the base spec is readable")
}

fn synthetic(changed: bool) -> String {
    let base = base();
    let section = |from: &str, to: Option<&str>| {
        let start = base.find(from).expect("section") + from.len();
        let end = to.map_or(base.len(), |t| base.find(t).expect("section"));
        base[start..end].to_string()
    };
    let head = &base[..base.find("types:\n").expect("types")];
    let types = section("types:\n", Some("operations:\n"));
    let ops = section("operations:\n", Some("errata:\n"));
    let errata = section("errata:\n", None);
    let rename = |s: &str, i: usize| {
        let mut s = s
            .replace("Item", &format!("Item{i}"))
            .replace("Color", &format!("Color{i}"))
            .replace("Label", &format!("Label{i}"))
            .replace("ApiError", &format!("ApiError{i}"))
            .replace("get_item", &format!("get_item_{i}"))
            .replace("create_item", &format!("create_item_{i}"))
            .replace("/items", &format!("/items{i}"))
            .replace("E1", &format!("E{i}"));
        if changed && i.to_string().ends_with('0') {
            s = s
                .replace("      - { name: job_id, description: Job that made the item., schema: { type: string } }\n", "")
                .replace("max_length: 32", "max_length: 16")
                .replace(
                    "        - { name: count, in: query,",
                    "        - { name: region, in: query, description: Region., required: true, schema: { type: string } }\n        - { name: count, in: query,",
                );
        }
        s
    };
    let mut out = String::new();
    out.push_str(head);
    for (key, part) in [("types", &types), ("operations", &ops), ("errata", &errata)] {
        out.push_str(key);
        out.push_str(":\n");
        for i in 0..COPIES {
            out.push_str(&rename(part, i));
        }
    }
    out
}

fn main() {
    let dir = std::env::temp_dir().join(format!("spec-diff-bench-{}", std::process::id()));
    let mut sides = Vec::new();
    for (name, changed) in [("before", false), ("after", true)] {
        let d = dir.join(name);
        std::fs::create_dir_all(&d).expect("temp dir");
        let f = d.join("spec.yaml");
        std::fs::write(&f, synthetic(changed)).expect("write");
        let t = Instant::now();
        let v = spec::validate::load_and_validate(&[f], None)
            .unwrap_or_else(|d| panic!("{name} does not validate:\n{d}"));
        let ops = v.files()[0].spec.operations.len();
        println!(
            "load+validate {name}: {ops} operations in {:?}",
            t.elapsed()
        );
        sides.push(v);
    }
    for _ in 0..3 {
        let t = Instant::now();
        let r = diff::diff(&sides[0], &sides[1], &NoNames, &NoNames);
        println!(
            "diff: {} changes ({} breaking) in {:?}",
            r.changes.len(),
            r.count(diff::Level::Breaking),
            t.elapsed()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
