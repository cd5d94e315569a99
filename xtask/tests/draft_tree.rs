//! A vendor's docs tree drafts in one command into one provider spec that, as drafted (TODO
//! placeholders and all), passes `validate`, `codegen` (a client with every drafted
//! operation that compiles) and the conformance replay on the mock (every example the draft
//! keeps replays, as documented and through the generated client), in a copy of the
//! workspace. Each revision of each tree in `../shared/corpus` is tried; skips, saying so,
//! when there is none. The copy is the one workspace copy the tests build, in the workspace's
//! own target directory (`common::build_copy`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{build_copy, describe, root, target_dir};

fn trees() -> Vec<PathBuf> {
    let corpus = root().join("../shared/corpus");
    let mut out = Vec::new();
    let dirs = |d: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p| p.is_dir());
        v.sort();
        v
    };
    for tree in dirs(&corpus) {
        out.extend(dirs(&tree));
    }
    out
}

fn xtask(ws: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .current_dir(ws)
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .env_remove("XTASK_WORKSPACE")
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("run xtask")
}

#[test]
fn a_docs_tree_drafts_into_a_spec_that_validates_generates_and_replays() {
    // The newest revision of each tree (revisions sort by name; any one would do).
    let Some(tree) = trees().pop() else {
        eprintln!("skipped: no docs tree at ../shared/corpus (it is not part of the project)");
        return;
    };
    let copy = build_copy();
    let ws = &copy.path;
    let id = "drafted_tree";
    let out_file = ws.join("specs").join(format!("{id}.yaml"));
    let out = xtask(
        ws,
        &[
            "draft",
            tree.to_str().expect("utf-8 path"),
            "--provider",
            id,
            "--out",
            out_file.to_str().expect("utf-8 path"),
        ],
    );
    assert!(out.status.success(), "draft: {}", describe(&out));
    let spec = spec::load::load_file(&out_file).expect("the draft loads");
    let ops: Vec<String> = spec.spec.operations.iter().map(|o| o.id.clone()).collect();
    assert!(
        !ops.is_empty(),
        "no operation drafted from {}",
        tree.display()
    );

    let out = xtask(ws, &["validate"]);
    assert!(out.status.success(), "validate: {}", describe(&out));
    let out = xtask(ws, &["codegen"]);
    assert!(out.status.success(), "codegen: {}", describe(&out));
    let module = std::fs::read_to_string(ws.join("generated/src").join(format!("{id}.rs")))
        .expect("the drafted provider's module");
    for op in &ops {
        assert!(
            module.contains(&format!("fn {op}(")),
            "no client method for `{op}`"
        );
    }

    let out = xtask(ws, &["conformance"]);
    assert!(out.status.success(), "conformance: {}", describe(&out));
    let table = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = table.lines().filter(|l| l.starts_with(id)).collect();
    let examples: usize = spec.spec.operations.iter().map(|o| o.examples.len()).sum();
    assert_eq!(
        rows.len(),
        examples,
        "one row per drafted example:\n{table}"
    );
    for r in rows {
        let w: Vec<&str> = r.split_whitespace().collect();
        assert!(
            w.len() >= 2 && w[w.len() - 1] == "pass" && w[w.len() - 2] == "pass",
            "not replayed both ways (reference, client): {r}\n{table}"
        );
    }
}
