//! The version a spec change earns, held against the Rust code it renders: for each case of
//! the diff rule corpus (`spec/tests/diff/`), the generated crate is rendered before and
//! after, and a program written against the *before* crate (every public function and method
//! called with arguments of its declared types, every return type and field type named,
//! every struct built with a literal where outside code may, every enum matched as
//! exhaustively as outside code may) is compiled against the *after* crate.
//! Whenever the diff grades a case below breaking, that program must compile: a non-breaking
//! grade is a promise to Rust users. The program is derived by parsing the rendered source
//! with `syn`, not from the generator's model, so it is an independent reader of the API.
//!
//! The cases below breaking, and the removals (so the check is seen to fail), are rendered as
//! standalone crates (as `codegen --out` writes them, with the runtime copy they carry) into
//! one workspace at `<target>/test-workspaces/semver-corpus`, checked by one `cargo check` in
//! `<target>/test-workspaces/target`, where the standalone crate's own check (xtask's
//! `standalone_crate_builds`) puts the same dependencies. With `SEMVER_CORPUS_OUT=DIR` the before and after
//! crates are kept in `DIR/before` and `DIR/after` with the versions `codegen` would write
//! (the after crates with the old user's program as an example), and `DIR/levels.tsv` lists
//! case, rule, level and version (`scripts/semver-check.sh` runs cargo-semver-checks on
//! those pairs).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quote::ToTokens;
use spec::diff::{self, Level, NoNames};
use spec::validate::Validated;

#[path = "../../spec/tests/diff/corpus.rs"]
mod corpus;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn load(text: &str, dir: &Path) -> Validated {
    corpus::validated(text, dir).unwrap_or_else(|e| panic!("{e}"))
}

/// One corpus case, both sides validated, and the level of its diff.
struct Rendered {
    name: String,
    rule: String,
    level: Option<Level>,
    before: Validated,
    after: Validated,
}

fn cases(scratch: &Path) -> Vec<Rendered> {
    corpus::cases()
        .into_iter()
        .map(|case| {
            let before = load(&case.before, &scratch.join(&case.name).join("b"));
            let after = load(&case.after, &scratch.join(&case.name).join("a"));
            let level = diff::diff(&before, &after, &NoNames, &NoNames).level();
            Rendered {
                name: case.name,
                rule: case.rule,
                level,
                before,
                after,
            }
        })
        .collect()
}

/// The crate one side renders to as a standalone crate named `name` (`codegen --out`):
/// its library sources (`src/...`) and its manifest.
fn sources(v: &Validated, name: &str) -> Rendering {
    let files = codegen::render::render(
        v,
        &codegen::render::Layout::Standalone {
            name: name.to_string(),
        },
    )
    .expect("render");
    let manifest = files
        .iter()
        .find(|f| f.path == Path::new("Cargo.toml"))
        .expect("a standalone rendering has a manifest")
        .contents
        .clone();
    let src = files
        .into_iter()
        .filter(|f| f.path.starts_with("src"))
        .map(|f| (f.path, f.contents))
        .collect();
    Rendering { src, manifest }
}

struct Rendering {
    src: Vec<(PathBuf, String)>,
    manifest: String,
}

/// Where the corpus workspace keeps the runtime every case shares. Not `runtime`: cargo names
/// a path crate's artifacts by its path relative to the workspace root, and the standalone
/// crate's check keeps its runtime at `runtime` in the same target directory.
const RUNTIME: &str = "runtime-copy";

/// The rendered standalone manifest as a member of the corpus workspace: the version given,
/// the runtime [`RUNTIME`] one directory up, no `[workspace]` table of its own.
fn manifest(rendered: &str, version: &str) -> String {
    let mut out = String::new();
    for line in rendered.lines() {
        let line = if line.starts_with("version = ") {
            format!("version = \"{version}\"")
        } else if line == r#"runtime = { path = "runtime" }"# {
            format!(r#"runtime = {{ path = "../{RUNTIME}" }}"#)
        } else if line == "[workspace]" {
            continue;
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    assert!(
        out.contains(&format!(r#"runtime = {{ path = "../{RUNTIME}" }}"#)),
        "the standalone manifest no longer names its runtime as expected:\n{rendered}"
    );
    out
}

/// Make `dir` hold exactly `files` (paths relative to it): each written unless it already
/// holds its bytes (its modification time then stays, so a warm run checks nothing again),
/// and every other file removed (a module the renderer or the runtime no longer has).
fn sync(dir: &Path, files: &[(PathBuf, Vec<u8>)]) {
    let wanted: BTreeSet<PathBuf> = files.iter().map(|(p, _)| dir.join(p)).collect();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !wanted.contains(&path) {
                std::fs::remove_file(&path).unwrap();
            }
        }
    }
    for (p, bytes) in files {
        let path = dir.join(p);
        if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, bytes).unwrap();
        }
    }
}

/// A crate at `dir` holding `rendered`, optionally with an `examples/old_user.rs`.
fn write_crate(dir: &Path, version: &str, rendered: &Rendering, user: Option<&str>) {
    let mut files: Vec<(PathBuf, Vec<u8>)> = rendered
        .src
        .iter()
        .map(|(p, text)| (p.clone(), text.clone().into_bytes()))
        .collect();
    files.push((
        "Cargo.toml".into(),
        manifest(&rendered.manifest, version).into_bytes(),
    ));
    if let Some(user) = user {
        files.push(("examples/old_user.rs".into(), user.as_bytes().to_vec()));
    }
    sync(dir, &files);
}

/// Write `bytes` to `path` unless it already holds them.
fn write_if_changed(path: &Path, bytes: &[u8]) {
    if std::fs::read(path).ok().as_deref() != Some(bytes) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// A workspace of `members` at `dir`, with the runtime a standalone crate carries
/// (`codegen::standalone`), locked as the project's workspace is (so `--offline` finds every
/// dependency already downloaded). Directories of members no longer listed are removed.
fn write_workspace(dir: &Path, members: &[String]) {
    let runtime: Vec<(PathBuf, Vec<u8>)> = codegen::standalone::runtime_crate(&root())
        .expect("the runtime's standalone copy")
        .into_iter()
        .map(|f| {
            let rel = f
                .path
                .strip_prefix("runtime")
                .expect("the copy is under runtime/");
            (rel.to_path_buf(), f.contents.into_bytes())
        })
        .collect();
    sync(&dir.join(RUNTIME), &runtime);
    let list: Vec<String> = members.iter().map(|m| format!("{m:?}")).collect();
    write_if_changed(
        &dir.join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"2\"\nmembers = [{}]\n",
            list.join(", ")
        )
        .as_bytes(),
    );
    write_if_changed(
        &dir.join("Cargo.lock"),
        &std::fs::read(root().join("Cargo.lock")).unwrap(),
    );
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("case_") && !members.contains(&name) {
            std::fs::remove_dir_all(entry.path()).unwrap();
        }
    }
}

/// The type as written, with every lifetime left to inference and `Self` spelled out.
fn spell(t: &syn::Type, self_ty: &str) -> String {
    let s = t.to_token_stream().to_string();
    let mut out = String::new();
    for tok in s.split(' ') {
        let tok = if tok.starts_with('\'') && tok != "'static" {
            "'_"
        } else if tok == "Self" {
            self_ty
        } else {
            tok
        };
        out.push_str(tok);
        out.push(' ');
    }
    out
}

/// A value of type `t` as the old user passes it: typed, so a changed parameter type fails.
fn value(t: &str) -> String {
    format!("{{ let v: {t} = todo!(); v }}")
}

/// The `T` of `impl Into<T>` (how text and id arguments are declared), else `None`.
fn into_target(t: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::ImplTrait(it) = t else {
        return None;
    };
    it.bounds.iter().find_map(|b| match b {
        syn::TypeParamBound::Trait(tb) => {
            let seg = tb.path.segments.last()?;
            let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
                return None;
            };
            match a.args.first()? {
                syn::GenericArgument::Type(t) if seg.ident == "Into" => Some(t),
                _ => None,
            }
        }
        _ => None,
    })
}

fn is_pub(v: &syn::Visibility) -> bool {
    matches!(v, syn::Visibility::Public(_))
}

fn non_exhaustive(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("non_exhaustive"))
}

/// The old user's program: every public item of each module of `src`, used from outside.
fn old_user(krate: &str, src: &[(PathBuf, String)]) -> String {
    let mut body = String::new();
    let mut uses = format!("#[allow(unused_imports)]\nuse {krate}::runtime;\n");
    for (path, text) in src {
        let stem = path.file_stem().unwrap().to_string_lossy();
        if stem == "lib" {
            continue;
        }
        let _ = writeln!(uses, "#[allow(unused_imports)]\nuse {krate}::{stem}::*;");
        let file = syn::parse_file(text).expect("generated source parses");
        for item in &file.items {
            match item {
                syn::Item::Struct(s) if is_pub(&s.vis) => {
                    let ty = if s.generics.lifetimes().next().is_some() {
                        format!("{}<'_>", s.ident)
                    } else {
                        s.ident.to_string()
                    };
                    if let syn::Fields::Named(f) = &s.fields {
                        // A struct outside code may build with a literal, it does.
                        let open = f.named.iter().all(|f| is_pub(&f.vis));
                        if open && !non_exhaustive(&s.attrs) && s.generics.params.is_empty() {
                            let inits: Vec<String> = f
                                .named
                                .iter()
                                .map(|f| {
                                    let name = f.ident.as_ref().unwrap();
                                    format!("{name}: {}", value(&spell(&f.ty, &ty)))
                                })
                                .collect();
                            let _ = writeln!(body, "    let _ = {ty} {{ {} }};", inits.join(", "));
                        }
                        let _ = writeln!(body, "    {{ let v: &{ty} = todo!();");
                        for f in f.named.iter().filter(|f| is_pub(&f.vis)) {
                            let name = f.ident.as_ref().unwrap();
                            let _ =
                                writeln!(body, "      let _: &{} = &v.{name};", spell(&f.ty, &ty));
                        }
                        body.push_str("    }\n");
                    }
                }
                syn::Item::Enum(e) if is_pub(&e.vis) => {
                    let _ = writeln!(body, "    match {{ let v: {} = todo!(); v }} {{", e.ident);
                    for v in &e.variants {
                        let pat = match v.fields {
                            syn::Fields::Unit => String::new(),
                            syn::Fields::Unnamed(_) => "(..)".into(),
                            syn::Fields::Named(_) => "{ .. }".into(),
                        };
                        let _ = writeln!(body, "        {}::{}{pat} => {{}}", e.ident, v.ident);
                    }
                    if non_exhaustive(&e.attrs) {
                        body.push_str("        _ => {}\n");
                    }
                    body.push_str("    }\n");
                }
                syn::Item::Impl(i) if i.trait_.is_none() => {
                    let self_ty = spell(&i.self_ty, "");
                    let self_ty = self_ty.trim();
                    let path_ty = match self_ty.find('<') {
                        Some(at) => &self_ty[..at],
                        None => self_ty,
                    }
                    .trim();
                    for it in &i.items {
                        let syn::ImplItem::Fn(f) = it else { continue };
                        if !is_pub(&f.vis) || !f.sig.generics.params.is_empty() {
                            continue;
                        }
                        let mut args = Vec::new();
                        for input in &f.sig.inputs {
                            match input {
                                syn::FnArg::Receiver(r) => {
                                    let t = match (&r.reference, &r.mutability) {
                                        (Some(_), Some(_)) => format!("&mut {self_ty}"),
                                        (Some(_), None) => format!("&{self_ty}"),
                                        (None, _) => self_ty.to_string(),
                                    };
                                    args.push(value(&t));
                                }
                                syn::FnArg::Typed(p) => match into_target(&p.ty) {
                                    Some(t) => args.push(value(&spell(t, self_ty))),
                                    None if matches!(*p.ty, syn::Type::ImplTrait(_)) => {
                                        args.clear();
                                        break;
                                    }
                                    None => args.push(value(&spell(&p.ty, self_ty))),
                                },
                            }
                        }
                        if args.len() != f.sig.inputs.len() {
                            continue;
                        }
                        let call = format!("{path_ty}::{}({})", f.sig.ident, args.join(", "));
                        match &f.sig.output {
                            syn::ReturnType::Type(_, t)
                                if f.sig.asyncness.is_none()
                                    && !matches!(**t, syn::Type::ImplTrait(_)) =>
                            {
                                let _ =
                                    writeln!(body, "    let _: {} = {call};", spell(t, self_ty));
                            }
                            _ => {
                                let _ = writeln!(body, "    let _ = {call};");
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
    format!(
        "//! Code written against the crate before the spec change.\n#![allow(warnings)]\n{uses}\nfn main() {{}}\n\n#[allow(unreachable_code, unused_variables, clippy::all)]\nfn old_user() {{\n{body}}}\n"
    )
}

fn scratch() -> PathBuf {
    // One directory per call: the tests of this file run at once in one process.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = std::env::temp_dir().join(format!(
        "codegen-semver-corpus-{}-{call}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn crate_name(case: &str) -> String {
    format!("case_{case}")
}

/// Where builds of crates outside the workspace go, `<target>/test-workspaces` (the
/// workspace's target directory as cargo resolves it: `CARGO_TARGET_DIR` or `target/`).
fn copies_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => PathBuf::from(d),
        None => root().join("target"),
    }
    .join("test-workspaces")
}

#[test]
fn code_written_against_the_old_crate_compiles_against_the_new_one_unless_breaking() {
    let tmp = scratch();
    let rendered = cases(&tmp.join("specs"));
    // A fixed place, rewritten only where a file differs: a warm run checks nothing again.
    let ws = copies_dir().join("semver-corpus");
    let keep = std::env::var_os("SEMVER_CORPUS_OUT").map(PathBuf::from);
    let mut members = Vec::new();
    let mut levels = String::new();
    for r in &rendered {
        let name = crate_name(&r.name);
        let (before, after) = (sources(&r.before, &name), sources(&r.after, &name));
        let user = old_user(&name, &before.src);
        // The cases the promise covers (below breaking), and the removals so the check is
        // seen to fail; every case when the crates are kept for cargo-semver-checks.
        if r.level < Some(Level::Breaking) || r.rule.ends_with("-removed") || keep.is_some() {
            write_crate(&ws.join(&name), "0.2.0", &after, Some(&user));
            members.push(name.clone());
        }
        if let Some(out) = &keep {
            let version = codegen::release::bump("0.2.0", r.level).unwrap();
            write_crate(&out.join("before").join(&name), "0.2.0", &before, None);
            write_crate(
                &out.join("after").join(&name),
                &version,
                &after,
                Some(&user),
            );
            let level = r.level.map_or("none", Level::as_str);
            let _ = writeln!(levels, "{}\t{}\t{level}\t{version}", r.name, r.rule);
        }
    }
    write_workspace(&ws, &members);
    if let Some(out) = &keep {
        let all: Vec<String> = rendered.iter().map(|r| crate_name(&r.name)).collect();
        for side in ["before", "after"] {
            write_workspace(&out.join(side), &all);
        }
        std::fs::write(out.join("levels.tsv"), levels).unwrap();
    }
    let out = spec::workspace::cargo_command()
        .args([
            "check",
            "--offline",
            "--workspace",
            "--examples",
            "--keep-going",
        ])
        .args(["--message-format", "short"])
        .current_dir(&ws)
        // Shared with the standalone crate's check (xtask's `standalone_crate_builds`): the
        // same runtime copy and template dependencies, so the same dependency artifacts.
        .env("CARGO_TARGET_DIR", copies_dir().join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo check");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `case_x/examples/old_user.rs:LINE:COL: error...`: the cases whose old user broke.
    let mut broke: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in stderr.lines() {
        if let Some((krate, _)) = line.split_once("/examples/old_user.rs:") {
            if line.contains(": error") {
                let krate = krate.rsplit('/').next().unwrap_or(krate).to_string();
                broke.entry(krate).or_default().push(line.to_string());
            }
        }
    }
    // A failure that is not the old user's (the after crate itself) makes the check void.
    if !out.status.success() && broke.is_empty() {
        panic!("cargo check failed outside the old users:\n{stderr}");
    }
    let mut wrong = Vec::new();
    let mut bites = BTreeSet::new();
    for r in &rendered {
        let name = crate_name(&r.name);
        match (broke.get(&name), r.level) {
            (Some(errors), level) if level < Some(Level::Breaking) => wrong.push(format!(
                "{} (rule {}) is graded {}, but code written against the old crate no longer compiles:\n  {}",
                r.name,
                r.rule,
                level.map_or("nothing", Level::as_str),
                errors.join("\n  ")
            )),
            (Some(_), _) => {
                bites.insert(r.name.clone());
            }
            (None, _) => {}
        }
    }
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
    // The old user can fail: Rust-breaking cases (a removed field, a new required parameter)
    // do break it.
    assert!(
        !bites.is_empty(),
        "no breaking case broke the old user's program: it checks nothing"
    );
}

/// The bump each corrected rule earns, from `0.2.0` (as the generated crate is) and from
/// `1.2.0`: rules are found by id among the corpus cases, never by file name.
#[test]
fn each_corrected_rule_earns_its_bump() {
    let expected = [
        ("operation-path-changed", "0.3.0", "2.0.0"),
        ("operation-method-changed", "0.3.0", "2.0.0"),
        ("request-parameter-default-changed", "0.2.1", "1.3.0"),
        ("response-field-added", "0.2.1", "1.3.0"),
        ("new-required-response-field", "0.3.0", "2.0.0"),
        ("new-optional-request-parameter", "0.2.1", "1.3.0"),
        ("new-optional-request-field", "0.2.1", "1.3.0"),
        ("response-enum-value-added", "0.2.1", "1.3.0"),
    ];
    let tmp = scratch();
    let rendered = cases(&tmp);
    let _ = std::fs::remove_dir_all(&tmp);
    for (rule, zero, one) in expected {
        let found: Vec<&Rendered> = rendered.iter().filter(|r| r.rule == rule).collect();
        assert!(!found.is_empty(), "no corpus case for {rule}");
        for r in found {
            assert_eq!(
                codegen::release::bump("0.2.0", r.level).unwrap(),
                zero,
                "{rule} ({})",
                r.name
            );
            assert_eq!(
                codegen::release::bump("1.2.0", r.level).unwrap(),
                one,
                "{rule} ({})",
                r.name
            );
        }
    }
}
