//! Generator tests: drift of the checked-in `generated/`, snapshots of the output for a
//! purpose-made spec, determinism and the atomic writer (standalone crates: xtask's tests).

use std::path::{Path, PathBuf};

use codegen::render::{self, write, OutputFile};
use spec::validate::{load_and_validate, Validated};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(paths: &[PathBuf]) -> Validated {
    load_and_validate(paths, None).unwrap_or_else(|d| panic!("specs do not validate:\n{d}"))
}

fn features() -> Validated {
    load(&[root().join("codegen/tests/specs/features.yaml")])
}

/// The same check as `cargo xtask codegen --check`: CI fails when `generated/` is stale.
#[test]
fn generated_is_up_to_date() {
    let files = render::render_all(&load(&[root().join("specs")])).expect("render");
    let diff = write::diff(&root().join("generated"), &files).expect("read generated/");
    assert!(
        diff.is_empty(),
        "generated/ is stale; run `cargo xtask codegen`:\n{diff}"
    );
}

#[test]
fn every_file_starts_with_the_banner() {
    for f in render::render_all(&features()).expect("render") {
        let first = f.contents.lines().next().unwrap_or_default();
        let first = if first == "{" {
            f.contents.lines().nth(1).unwrap_or_default()
        } else {
            first
        };
        assert!(
            first.contains(
                "Generated from specs/features.yaml by `cargo xtask codegen`; do not edit."
            ),
            "{}: {first}",
            f.path.display()
        );
    }
}

#[test]
fn output_is_deterministic() {
    let a = render::render_all(&features()).expect("render");
    let b = render::render_all(&features()).expect("render");
    assert_eq!(a, b);
}

/// One snapshot per rendered file of the feature spec.
#[test]
fn feature_spec_snapshots() {
    for f in render::render_all(&features()).expect("render") {
        let name = f.path.display().to_string().replace('/', "__");
        insta::assert_snapshot!(name, f.contents);
    }
}

#[test]
fn secrets_never_appear_in_fixtures_or_docs() {
    let files = render::render_all(&load(&[root().join("specs")])).expect("render");
    for f in files.iter().filter(|f| !f.path.starts_with("src")) {
        // The documented example token of the specs.
        assert!(
            !f.contents.contains("MIIexampleToken"),
            "{} leaks a token",
            f.path.display()
        );
    }
    let curl = files
        .iter()
        .find(|f| f.path.to_string_lossy().ends_with("list_records.curl.sh"))
        .expect("curl fixture");
    assert!(curl.contents.contains("\"$OTC_DCS_TOKEN\""));
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn writer_swaps_atomically_and_keeps_unmanaged_entries() {
    let base = temp_dir("write");
    let out = base.join("generated");
    std::fs::create_dir_all(out.join("openapi")).expect("mkdir");
    std::fs::write(out.join("openapi/x.json"), "{}").expect("write");
    std::fs::create_dir_all(out.join("src")).expect("mkdir");
    std::fs::write(out.join("src/stale.rs"), "old").expect("write");
    let files = vec![OutputFile {
        path: "src/lib.rs".into(),
        contents: "// new\n".into(),
    }];
    assert!(!write::diff(&out, &files).expect("diff").is_empty());
    assert!(write::write(&out, &files).expect("write"));
    assert_eq!(
        std::fs::read_to_string(out.join("src/lib.rs")).expect("read"),
        "// new\n"
    );
    assert!(
        !out.join("src/stale.rs").exists(),
        "stale managed file removed"
    );
    assert!(out.join("openapi/x.json").exists(), "unmanaged entry kept");
    assert!(write::diff(&out, &files).expect("diff").is_empty());
    assert!(
        !write::write(&out, &files).expect("write"),
        "no-op when up to date"
    );
    let leftovers: Vec<_> = std::fs::read_dir(&base).expect("ls").flatten().collect();
    assert_eq!(leftovers.len(), 1, "no temporary directories left behind");
    let _ = std::fs::remove_dir_all(&base);
}

#[test]
fn invalid_spec_renders_nothing() {
    let bad = temp_dir("bad-spec");
    std::fs::create_dir_all(&bad).expect("mkdir");
    let spec = std::fs::read_to_string(root().join("codegen/tests/specs/features.yaml"))
        .expect("read")
        .replace("ref: JobState", "ref: Missing");
    std::fs::write(bad.join("bad.yaml"), spec).expect("write");
    assert!(load_and_validate(&[bad.join("bad.yaml")], None).is_err());
    let _ = std::fs::remove_dir_all(&bad);
}
