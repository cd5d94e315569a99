//! Generator tests: drift of the checked-in `generated/`, snapshots of the output for a
//! purpose-made spec, determinism across processes, credentials kept out of every output,
//! the atomic writer and a provider added as YAML alone (standalone crates: xtask's tests).
//!
//! Nothing here names a provider: what is checked for the real specs is derived from the
//! files in `specs/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::render::{self, write, Layout, OutputFile};
use spec::format::{AuthScheme, Location, Role};
use spec::load::SpecFile;
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
    let mut files = render::render_all(&load(&[root().join("specs")])).expect("render");
    // The version and changelog follow the spec diff against git's HEAD (`cargo xtask
    // codegen --check` checks them); here they are taken as generated/ has them.
    let gen = root().join("generated");
    let cargo = std::fs::read_to_string(gen.join("Cargo.toml")).expect("generated/Cargo.toml");
    let version = codegen::release::package_version(&cargo).expect("a version");
    let log = std::fs::read_to_string(gen.join(codegen::release::CHANGELOG)).unwrap_or_default();
    codegen::release::apply(&mut files, &version, log).expect("apply the release");
    let diff = write::diff(&gen, &files).expect("read generated/");
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

/// Set in a child process of [`output_is_the_same_in_every_process`]: where to write what it
/// rendered.
const RENDER_TO: &str = "CODEGEN_TEST_RENDER_TO";

/// Everything the generator renders from the checked-in specs and the feature spec, in both
/// layouts, as one text.
fn render_everything() -> String {
    let specs = load(&[root().join("specs")]);
    let mut out = String::new();
    let standalone = Layout::Standalone {
        name: "determinism".into(),
    };
    for (validated, layout) in [
        (&specs, &Layout::Workspace),
        (&features(), &Layout::Workspace),
        (&features(), &standalone),
    ] {
        for f in render::render(validated, layout).expect("render") {
            out.push_str(&format!("=== {}\n{}\n", f.path.display(), f.contents));
        }
    }
    out
}

/// Not a check on its own, hence ignored: the entry point of the child processes of
/// [`output_is_the_same_in_every_process`]; does nothing unless it was started by it.
#[test]
#[ignore = "started by output_is_the_same_in_every_process"]
fn render_in_a_child_process() {
    if let Ok(to) = std::env::var(RENDER_TO) {
        std::fs::write(to, render_everything()).expect("write the rendering");
    }
}

/// Two more processes of this test binary render the same output as this one. Each process
/// seeds `HashMap` iteration randomly, and the children also run from another working
/// directory with another locale and time zone, so output that depends on any of them shows
/// up here, unlike in two renderings within one process.
#[test]
fn output_is_the_same_in_every_process() {
    let here = render_everything();
    let exe = std::env::current_exe().expect("the test binary");
    let dir = temp_dir("determinism");
    std::fs::create_dir_all(&dir).expect("mkdir");
    // libtest names a test by its module path below the crate root.
    let module = module_path!()
        .split_once("::")
        .map(|(_, m)| format!("{m}::"));
    let child_test = format!("{}render_in_a_child_process", module.unwrap_or_default());
    let settings = [("C", "UTC"), ("tr_TR.UTF-8", "Pacific/Kiritimati")];
    for (i, (locale, tz)) in settings.into_iter().enumerate() {
        let to = dir.join(format!("render-{i}.txt"));
        let status = Command::new(&exe)
            .args([
                "--exact",
                &child_test,
                "--ignored",
                "--test-threads=1",
                "-q",
            ])
            .env(RENDER_TO, &to)
            .env("LC_ALL", locale)
            .env("LANG", locale)
            .env("TZ", tz)
            .current_dir(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("start the test binary");
        assert!(status.success(), "child {i} failed");
        let there = std::fs::read_to_string(&to).expect("the child wrote its rendering");
        if there != here {
            let diff = similar::TextDiff::from_lines(here.as_str(), there.as_str());
            let diff = diff.unified_diff().context_radius(2).to_string();
            panic!("child {i} ({locale}, {tz}) rendered something else:\n{diff}");
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// One snapshot per rendered file of the feature spec.
#[test]
fn feature_spec_snapshots() {
    for f in render::render_all(&features()).expect("render") {
        let name = f.path.display().to_string().replace('/', "__");
        insta::assert_snapshot!(name, f.contents);
    }
}

/// A parameter the spec marks optional and nullable keeps absent and `null` apart as a named
/// tri-state with a setter for `null`, never as a nested `Option`.
#[test]
fn optional_nullable_request_fields_are_a_named_tri_state() {
    let v = features();
    let rust: String = render::render_all(&v)
        .expect("render")
        .into_iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
        .map(|f| f.contents)
        .collect();
    assert!(!rust.contains("Option<Option<"), "a nested Option remains");
    let mut seen = 0;
    for f in v.files() {
        for op in &f.spec.operations {
            for p in op.request.parameters.iter() {
                if p.required || !p.schema.nullable {
                    continue;
                }
                seen += 1;
                for wanted in [
                    format!("pub {}: runtime::Nullable<", p.name),
                    format!("pub fn {}_null(mut self) -> Self", p.name),
                    format!("{}: runtime::Nullable::Absent", p.name),
                ] {
                    assert!(
                        rust.contains(&wanted),
                        "`{wanted}` missing for `{}`",
                        p.name
                    );
                }
            }
        }
    }
    assert!(
        seen > 0,
        "the feature spec has an optional nullable parameter"
    );
}

/// Every credential value the specs' examples document: the value of each operation's auth
/// scheme (query parameter, header, form field) and of each parameter marked secret.
fn credentials(files: &[SpecFile]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        for op in &f.spec.operations {
            let scheme = f.spec.primary_auth(op).map(|(_, s)| s);
            let secret_params: Vec<_> = op
                .request
                .parameters
                .iter()
                .filter(|p| p.role == Some(Role::Secret))
                .collect();
            for req in op.examples.iter().filter_map(|ex| ex.request.as_ref()) {
                let header = |name: &str| {
                    req.headers
                        .iter()
                        .find(|(k, _)| k.eq_ignore_ascii_case(name))
                        .map(|(_, v)| v.clone())
                };
                let body = |name: &str| {
                    req.body
                        .as_ref()
                        .and_then(|b| b.get(name))
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                };
                match scheme {
                    Some(AuthScheme::Query { name, .. }) => {
                        out.extend(req.query.get(name).cloned())
                    }
                    Some(AuthScheme::Header { name, .. }) => out.extend(header(name)),
                    Some(AuthScheme::Form { name, .. }) => out.extend(body(name)),
                    Some(AuthScheme::Signature { .. }) | None => {}
                }
                for p in &secret_params {
                    out.extend(match p.location {
                        Location::Query => req.query.get(&p.name).cloned(),
                        Location::Path => req.path.get(&p.name).cloned(),
                        Location::Header => header(&p.name),
                        Location::Body => body(&p.name),
                    });
                }
            }
        }
    }
    out.retain(|c| !c.trim().is_empty());
    out.sort();
    out.dedup();
    out
}

/// Files under `dir`, recursively, as (path, text).
fn read_tree(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).expect("read dir").flatten() {
                stack.push(e.path());
            }
        } else {
            let bytes = std::fs::read(&p).expect("read file");
            out.push((p, String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    out
}

/// No documented credential value of any provider appears in any generated file, neither
/// in a fresh rendering nor in the checked-in `generated/`.
#[test]
fn credentials_never_appear_in_the_output() {
    let v = load(&[root().join("specs")]);
    let secrets = credentials(v.files());
    assert!(!secrets.is_empty(), "the examples document no credential");
    let rendered = render::render_all(&v).expect("render");
    let on_disk = read_tree(&root().join("generated"));
    let all = rendered
        .iter()
        .map(|f| (f.path.clone(), f.contents.clone()))
        .chain(on_disk);
    for (path, text) in all {
        for s in &secrets {
            assert!(
                !text.contains(s.as_str()),
                "{} contains the credential `{s}`",
                path.display()
            );
        }
    }
}

/// Where a credential would go, a curl fixture reads it from the environment instead: on the
/// line naming the scheme's query parameter, header or form field, a shell variable follows.
#[test]
fn curl_fixtures_take_credentials_from_the_environment() {
    let v = load(&[root().join("specs")]);
    let rendered = render::render_all(&v).expect("render");
    let mut checked = 0;
    for f in v.files() {
        let provider = &f.spec.provider.id;
        for op in &f.spec.operations {
            let Some(name) = f.spec.primary_auth(op).and_then(|(_, s)| s.wire_name()) else {
                continue;
            };
            let dir = Path::new("fixtures").join(provider).join(&op.id);
            for ex in op.examples.iter().filter(|ex| ex.request.is_some()) {
                let path = dir.join(format!("{}.curl.sh", ex.name));
                let Some(curl) = rendered.iter().find(|o| o.path == path) else {
                    panic!("{}: no curl fixture", path.display());
                };
                let line = curl
                    .contents
                    .lines()
                    .find(|l| !l.starts_with('#') && l.contains(name))
                    .unwrap_or_else(|| panic!("{}: `{name}` is not sent", path.display()));
                let after = &line[line.find(name).unwrap_or(0)..];
                assert!(
                    after.contains("\"$"),
                    "{}: `{name}` is not read from the environment: {line}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no operation sends a credential");
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

/// A write that fails part way (here: a file where a directory must go) leaves the output
/// directory exactly as it was and no staging directory behind. (That an invalid spec renders
/// nothing needs no test: `render` takes `&Validated`, which only validation produces.)
#[test]
fn a_failed_write_leaves_the_output_untouched() {
    let base = temp_dir("failed-write");
    let out = base.join("generated");
    let files = render::render_all(&features()).expect("render");
    write::write(&out, &files).expect("first write");
    std::fs::create_dir_all(out.join("openapi")).expect("mkdir");
    std::fs::write(out.join("openapi/x.json"), "{}").expect("write");
    let mut before = read_tree(&out);
    before.sort();

    // New contents for every file, then one that cannot be written: a writer that wrote in
    // place would have changed files by the time it fails.
    let first = files[0].path.clone();
    let mut broken: Vec<OutputFile> = files
        .iter()
        .map(|f| OutputFile {
            path: f.path.clone(),
            contents: format!("// changed\n{}", f.contents),
        })
        .collect();
    broken.push(OutputFile {
        path: first.join("cannot-be-a-directory.rs"),
        contents: "// unreachable\n".into(),
    });
    assert!(
        write::write(&out, &broken).is_err(),
        "the write should fail"
    );

    let mut after = read_tree(&out);
    after.sort();
    assert_eq!(before.len(), after.len(), "files added or removed");
    for ((p0, t0), (p1, t1)) in before.iter().zip(&after) {
        assert_eq!(p0, p1);
        assert!(t0 == t1, "{} changed", p0.display());
    }
    let leftovers: Vec<_> = std::fs::read_dir(&base)
        .expect("ls")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers, ["generated"], "staging directories left behind");
    let _ = std::fs::remove_dir_all(&base);
}

/// A new provider is a YAML file and nothing else: the first spec of `specs/` under another
/// provider id, with the same operation ids and paths (as Open Telekom Cloud and Huawei Cloud
/// share an API), validates beside every original and renders a module with every method, and
/// fixtures, for both.
#[test]
fn a_new_provider_is_yaml_alone() {
    let dir = temp_dir("new-provider");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let originals = spec::load::load_paths(&[root().join("specs")])
        .unwrap_or_else(|d| panic!("specs/ should load:\n{d}"));
    for f in &originals {
        let name = f.path.file_name().expect("file name");
        std::fs::write(dir.join(name), &f.text).expect("copy spec");
    }
    let mut spec = originals.first().expect("specs/ holds a spec").spec.clone();
    let old = spec.provider.id.clone();
    let new = format!("{old}_copy");
    spec.provider.id = new.clone();
    let path = dir.join(format!("{new}.yaml"));
    std::fs::write(&path, serde_yaml::to_string(&spec).expect("YAML")).expect("write");

    let v = load_and_validate(std::slice::from_ref(&dir), None)
        .unwrap_or_else(|d| panic!("the copy should validate beside the originals:\n{d}"));
    let files = render::render_all(&v).expect("render");
    let lib = files
        .iter()
        .find(|f| f.path == Path::new("src/lib.rs"))
        .expect("src/lib.rs");
    for id in [&old, &new] {
        assert!(
            lib.contents.contains(&format!("pub mod {id};")),
            "{}",
            lib.contents
        );
        let module = files
            .iter()
            .find(|f| f.path == Path::new("src").join(format!("{id}.rs")))
            .unwrap_or_else(|| panic!("no module for `{id}`"));
        for op in &spec.operations {
            assert!(
                module.contents.contains(&format!("fn {}(", op.id)),
                "no method `{}` in `{id}`",
                op.id
            );
            let fixtures = Path::new("fixtures").join(id).join(&op.id);
            assert!(
                files.iter().any(|f| f.path.starts_with(&fixtures)),
                "no fixtures under {}",
                fixtures.display()
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every documented example of every spec has its protocol test, in the module of its
/// provider and operation, sending the placeholder credential; standalone crates get none.
#[test]
fn every_example_has_a_protocol_test() {
    let v = load(&[root().join("specs")]);
    let rendered = render::render_all(&v).expect("render");
    let file = rendered
        .iter()
        .find(|f| f.path == Path::new("tests/protocol/main.rs"))
        .expect("tests/protocol/main.rs is rendered");
    let syntax = syn::parse_file(&file.contents).expect("the protocol tests parse");
    // The root declares one module per provider, each in a file beside it.
    let mut tests = Vec::new();
    for item in &syntax.items {
        let syn::Item::Mod(m) = item else { continue };
        let provider = m.ident.to_string();
        let path = Path::new("tests/protocol").join(format!("{provider}.rs"));
        let file = rendered
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{} is rendered", path.display()));
        let syntax = syn::parse_file(&file.contents).expect("a provider's tests parse");
        for operation in module_items(&syntax.items) {
            for item in operation.1 {
                if let syn::Item::Fn(f) = item {
                    tests.push(format!("{provider}.{}.{}", operation.0, f.sig.ident));
                }
            }
        }
    }
    let mut documented = Vec::new();
    for f in v.files() {
        for op in &f.spec.operations {
            for ex in &op.examples {
                documented.push(format!("{}.{}.{}", f.spec.provider.id, op.id, ex.name));
            }
        }
    }
    assert_eq!(
        tests, documented,
        "one protocol test per documented example"
    );
    assert!(file.contents.contains(&format!(
        "const CREDENTIAL: &str = \"{}\"",
        spec::model::PLACEHOLDER_CREDENTIAL
    )));

    let standalone = Layout::Standalone {
        name: "no_protocol_tests".into(),
    };
    let files = render::render(&v, &standalone).expect("render standalone");
    assert!(files.iter().all(|f| !f.path.starts_with("tests")));
}

/// `(name, items)` of the inline modules among `items`.
fn module_items(items: &[syn::Item]) -> Vec<(String, &[syn::Item])> {
    items
        .iter()
        .filter_map(|i| match i {
            syn::Item::Mod(m) => m
                .content
                .as_ref()
                .map(|(_, items)| (m.ident.to_string(), items.as_slice())),
            _ => None,
        })
        .collect()
}
