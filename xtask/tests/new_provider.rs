//! A new provider is a YAML file and nothing else, end to end: in a copy of the workspace, a
//! second provider documenting the same operations at the same paths as the first spec of
//! `specs/` (as Open Telekom Cloud and Huawei Cloud share an API) passes `validate`,
//! `codegen`, the generated crate's tests and the conformance replay (reference and generated
//! client), with no other file edited.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{build_copy, describe, target_dir, write_if_changed};

/// The provider id of a spec: the `id:` line inside its top-level `provider:` block.
fn provider_id(text: &str) -> Option<(usize, String)> {
    let start = text.lines().position(|l| l == "provider:")?;
    text.lines()
        .enumerate()
        .skip(start + 1)
        .take_while(|(_, l)| l.starts_with(' ') || l.is_empty())
        .find_map(|(i, l)| Some((i, l.strip_prefix("  id: ")?.trim().to_string())))
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
        // crates are compiled (the copy sits at a fixed path, so a warm run recompiles only
        // what changed).
        .env("CARGO_TARGET_DIR", target_dir())
        .output()
        .expect("run command")
}

#[test]
fn a_second_provider_on_the_same_paths_needs_only_its_yaml() {
    let copy = build_copy();
    let ws = &copy.path;
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
        .map(|(i, l)| {
            if i == line {
                format!("  id: {twin}")
            } else {
                l.to_string()
            }
        })
        .collect();
    write_if_changed(
        &ws.join("specs").join(format!("{twin}.yaml")),
        (twin_text.join("\n") + "\n").as_bytes(),
    );

    let xtask = env!("CARGO_BIN_EXE_xtask");
    let ws_arg = ws.to_str().expect("utf-8 path");
    let out = run(ws, xtask, &["--workspace", ws_arg, "validate"]);
    assert!(out.status.success(), "validate: {}", describe(&out));

    let out = run(ws, xtask, &["--workspace", ws_arg, "codegen"]);
    assert!(out.status.success(), "codegen: {}", describe(&out));
    let module = ws.join("generated/src").join(format!("{twin}.rs"));
    assert!(module.is_file(), "no module {}", module.display());

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = run(ws, &cargo, &["test", "--offline", "-q", "-p", "generated"]);
    assert!(out.status.success(), "generated tests: {}", describe(&out));

    let out = run(ws, xtask, &["--workspace", ws_arg, "conformance"]);
    assert!(out.status.success(), "conformance: {}", describe(&out));
    let table = String::from_utf8_lossy(&out.stdout);
    // The generated clients (the new provider's included) ran against the mock too.
    assert!(
        table.lines().next().is_some_and(|h| h.ends_with("client")),
        "no client column:\n{table}"
    );
    for provider in [&id, &twin] {
        assert!(
            table
                .lines()
                .any(|l| l.starts_with(provider.as_str()) && l.ends_with("pass")),
            "no passing row for `{provider}`:\n{table}"
        );
    }
    assert!(!table.contains("FAIL"), "{table}");
}
