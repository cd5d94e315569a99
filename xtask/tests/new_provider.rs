//! A new provider is a YAML file and nothing else, end to end, in one copy of the workspace
//! (`common::build_copy`, built in the workspace's own target directory) that receives two
//! new specs at once and is built and replayed once:
//! - a **twin**: a second provider documenting the same operations at the same paths as the
//!   first spec of `specs/` (as Open Telekom Cloud and Huawei Cloud share an API);
//! - a **drafted** provider: `cargo xtask draft` of a vendor's docs tree (the newest revision
//!   of the last tree in `../shared/corpus`; left out, saying so, when there is none), as
//!   drafted, TODO placeholders and all;
//! - the generator's **feature spec** (`codegen/tests/specs/features.yaml`), so the output its
//!   snapshots hold is compiled as a crate, its protocol tests run and its examples replayed.
//!
//! Each passes `validate`, `codegen` (a client method for every operation), the generated
//! crate's tests and the conformance replay (as documented and through the generated
//! client), with no other file edited. One test per provider reads the shared run; either
//! provider breaking a step fails both, each naming the step and showing its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use crate::common::{build_copy, describe, root, target_dir, write_if_changed};

/// The provider id of a spec: the `id:` line inside its top-level `provider:` block.
fn provider_id(text: &str) -> Option<(usize, String)> {
    let start = text.lines().position(|l| l == "provider:")?;
    text.lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| l.starts_with(' ') || l.is_empty())
        .find_map(|(i, l)| Some((i, l.strip_prefix("  id: ")?.trim().to_string())))
}

/// The newest revision of each docs tree under `../shared/corpus` (revisions sort by name).
fn trees() -> Vec<PathBuf> {
    let dirs = |d: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p| p.is_dir());
        v.sort();
        v
    };
    dirs(&root().join("../shared/corpus"))
        .iter()
        .filter_map(|tree| dirs(tree).pop())
        .collect()
}

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    let mut command = Command::new(program);
    // Not the variables cargo set for this test binary (they would rebuild dependencies).
    spec::workspace::without_cargo_env(&mut command)
        .current_dir(dir)
        .args(args)
        .env_remove("XTASK_WORKSPACE")
        // The suite's own target directory: the copy resolves the same workspace-hack, so
        // every dependency the suite compiled serves the copy as it is; only the copy's own
        // crates are compiled (the copy sits at a fixed path and receives the same files each
        // run, so a warm run recompiles nothing).
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("run command")
}

/// What the shared run found: each step in order with its output, and the conformance table.
struct Run {
    /// The twin's id and the id of the provider it copies.
    twin: (String, String),
    /// The drafted provider's id, operations and example count, when there is a tree.
    drafted: Option<(String, Vec<String>, usize)>,
    /// The first failing step and its output, if any.
    failed: Option<String>,
    /// The generated crate's modules by provider id.
    modules: Vec<(String, String)>,
    /// The feature spec's provider id, and its generated module and protocol test as written.
    feature: (String, String, String),
    table: String,
}

const DRAFTED: &str = "drafted_tree";

fn shared_run() -> &'static Run {
    static RUN: OnceLock<Run> = OnceLock::new();
    RUN.get_or_init(|| {
        let copy = build_copy();
        let ws = &copy.path;
        let xtask = env!("CARGO_BIN_EXE_xtask");
        let ws_arg = ws.to_str().expect("utf-8 path");

        let mut specs: Vec<_> = std::fs::read_dir(ws.join("specs"))
            .expect("specs/")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        specs.sort();
        let first = specs.first().expect("specs/ holds a spec");
        let text = std::fs::read_to_string(first).expect("read spec");
        let (line, id) = provider_id(&text).expect("the spec has a provider id");
        let twin = format!("{id}_twin");
        let twin_text: Vec<String> = text
            .lines()
            .enumerate()
            .map(|(i, l)| if i == line { format!("  id: {twin}") } else { l.to_string() })
            .collect();
        write_if_changed(
            &ws.join("specs").join(format!("{twin}.yaml")),
            (twin_text.join("\n") + "\n").as_bytes(),
        );
        let features = std::fs::read_to_string(root().join("codegen/tests/specs/features.yaml"))
            .expect("the feature spec");
        let (_, feature_id) = provider_id(&features).expect("the feature spec has a provider id");
        write_if_changed(&ws.join("specs/features.yaml"), features.as_bytes());
        let mut run_record = Run {
            twin: (twin.clone(), id),
            drafted: None,
            failed: None,
            modules: Vec::new(),
            feature: (feature_id.clone(), String::new(), String::new()),
            table: String::new(),
        };
        // A step passes when its command does and `clean` holds of its output.
        let mut step = |name: &str, out: Output, clean: bool| -> bool {
            let ok = out.status.success() && clean;
            if !ok && run_record.failed.is_none() {
                run_record.failed = Some(format!("{name}: {}", describe(&out)));
            }
            ok
        };

        match trees().pop() {
            None => eprintln!(
                "drafted provider left out: no docs tree at ../shared/corpus (it is not part of the project)"
            ),
            Some(tree) => {
                // Drafted into a scratch file, then written into specs/ only where it differs.
                let scratch = ws.join("target-draft.yaml");
                let out = run(
                    ws,
                    xtask,
                    &[
                        "--workspace",
                        ws_arg,
                        "draft",
                        tree.to_str().expect("utf-8 path"),
                        "--provider",
                        DRAFTED,
                        "--out",
                        scratch.to_str().expect("utf-8 path"),
                    ],
                );
                if step("draft", out, true) {
                    let drafted = spec::load::load_file(&scratch).expect("the draft loads");
                    let ops: Vec<String> =
                        drafted.spec.operations.iter().map(|o| o.id.clone()).collect();
                    let examples = drafted.spec.operations.iter().map(|o| o.examples.len()).sum();
                    let bytes = std::fs::read(&scratch).expect("read draft");
                    write_if_changed(&ws.join("specs").join(format!("{DRAFTED}.yaml")), &bytes);
                    run_record.drafted = Some((DRAFTED.to_string(), ops, examples));
                }
                let _ = std::fs::remove_file(&scratch);
            }
        }
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let _ = step(
            "validate",
            run(ws, xtask, &["--workspace", ws_arg, "validate"]),
            true,
        ) && step(
            "codegen",
            run(ws, xtask, &["--workspace", ws_arg, "codegen"]),
            true,
        )
            && {
                // The generated crate compiles without a warning, whatever the specs hold
                // (cargo repeats a cached crate's warnings, so a warm run still shows them).
                let out = run(ws, &cargo, &["test", "--offline", "-q", "-p", "generated"]);
                let warned = String::from_utf8_lossy(&out.stderr)
                    .lines()
                    .any(|l| l.starts_with("warning: ") && !l.starts_with("warning: `generated`"));
                step("generated tests, without compiler warnings", out, !warned)
            }
            && {
                let out = run(ws, xtask, &["--workspace", ws_arg, "conformance"]);
                run_record.table = String::from_utf8_lossy(&out.stdout).into_owned();
                step("conformance", out, true)
            };
        let read = |path: String| std::fs::read_to_string(ws.join(path)).unwrap_or_default();
        run_record.feature.1 = read(format!("generated/src/{feature_id}.rs"));
        run_record.feature.2 = read(format!("generated/tests/protocol/{feature_id}.rs"));
        for provider in [Some(&run_record.twin.0), run_record.drafted.as_ref().map(|d| &d.0)]
            .into_iter()
            .flatten()
        {
            let module = ws.join("generated/src").join(format!("{provider}.rs"));
            let text = std::fs::read_to_string(&module).unwrap_or_default();
            run_record.modules.push((provider.clone(), text));
        }
        run_record
    })
}

fn module<'a>(run: &'a Run, provider: &str) -> &'a str {
    run.modules
        .iter()
        .find(|(p, _)| p == provider)
        .map(|(_, m)| m.as_str())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| panic!("no generated module for `{provider}`"))
}

#[test]
fn a_second_provider_on_the_same_paths_needs_only_its_yaml() {
    let run = shared_run();
    if let Some(failed) = &run.failed {
        panic!("{failed}");
    }
    let (twin, id) = &run.twin;
    module(run, twin);
    let table = &run.table;
    // The generated clients (the new provider's included) ran against the mock too.
    assert!(
        table.lines().next().is_some_and(|h| h.ends_with("client")),
        "no client column:\n{table}"
    );
    for provider in [id, twin] {
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(provider.as_str()) && l.ends_with("pass")),
            "no passing row for `{provider}`:\n{table}"
        );
    }
    assert!(!table.contains("FAIL"), "{table}");
}

#[test]
fn a_docs_tree_drafts_into_a_spec_that_validates_generates_and_replays() {
    let run = shared_run();
    if let Some(failed) = &run.failed {
        panic!("{failed}");
    }
    let Some((id, ops, examples)) = &run.drafted else {
        eprintln!("skipped: no docs tree at ../shared/corpus (it is not part of the project)");
        return;
    };
    assert!(!ops.is_empty(), "no operation drafted");
    let module = module(run, id);
    for op in ops {
        assert!(
            module.contains(&format!("fn {op}(")),
            "no client method for `{op}`"
        );
    }
    let table = &run.table;
    let rows: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with(id.as_str()))
        .collect();
    assert_eq!(
        rows.len(),
        *examples,
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

/// The generator's output snapshots for the feature spec are what the copy compiled, tested
/// and replayed: its module and protocol test equal the snapshots' text, and every one of its
/// examples passes both ways (progenitor compiles its output snapshots as a crate likewise).
#[test]
fn the_feature_spec_output_snapshots_compile_run_and_replay() {
    let run = shared_run();
    if let Some(failed) = &run.failed {
        panic!("{failed}");
    }
    let (id, module, protocol) = &run.feature;
    let snapshots = root().join("codegen/tests/snapshots");
    for (written, snap) in [
        (module, format!("it__codegen__src__{id}.rs.snap")),
        (
            protocol,
            format!("it__codegen__tests__protocol__{id}.rs.snap"),
        ),
    ] {
        let text = std::fs::read_to_string(snapshots.join(&snap)).expect("the snapshot");
        // An insta snapshot: a `---` header, then the value.
        let body = text
            .splitn(3, "---\n")
            .nth(2)
            .unwrap_or_else(|| panic!("{snap}: no snapshot header"));
        assert!(!written.is_empty(), "{snap}: nothing generated");
        assert_eq!(
            written.trim_end(),
            body.trim_end(),
            "{snap} is not what compiled"
        );
    }
    let rows: Vec<&str> = run
        .table
        .lines()
        .filter(|l| l.starts_with(id.as_str()))
        .collect();
    assert!(!rows.is_empty(), "no row for `{id}`:\n{}", run.table);
    for r in rows {
        assert!(r.ends_with("pass"), "{r}\n{}", run.table);
    }
}
