//! The runtime a standalone client crate carries (`cargo xtask codegen --out DIR`, and the
//! crates the semver corpus test checks): the rendered client depends on
//! `runtime = { path = "runtime" }`, and this module gives the workspace's runtime crate for
//! that place, read from disk at run time. The sources are copied byte for byte; the
//! manifest is written from the runtime's own one as cargo resolved it (workspace
//! inheritance spelled out, dev-dependencies dropped: its tests are not copied).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::render::OutputFile;
use serde_json::Value;

/// The directory, relative to the standalone crate, that the runtime crate is written to; the
/// rendered Cargo.toml names the same path.
const DIR: &str = "runtime";

/// Every file of the runtime crate as it goes under the standalone crate: `runtime/Cargo.toml`
/// and `runtime/src/**` from `workspace/runtime/`.
pub fn runtime_crate(workspace: &Path) -> Result<Vec<OutputFile>, String> {
    let runtime = workspace.join("runtime");
    let mut files = vec![OutputFile {
        path: Path::new(DIR).join("Cargo.toml"),
        contents: manifest(&runtime)?,
    }];
    let src = runtime.join("src");
    for path in walk(&src).map_err(|e| format!("reading {}: {e}", src.display()))? {
        let contents = std::fs::read_to_string(&path)
            .map_err(|e| format!("reading {}: {e}", path.display()))?;
        let rel = path.strip_prefix(&runtime).unwrap_or(&path);
        files.push(OutputFile {
            path: Path::new(DIR).join(rel),
            contents,
        });
    }
    Ok(files)
}

/// The files under `dir`, recursively, in path order.
fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The runtime's manifest for use outside the workspace, from `cargo metadata`.
fn manifest(runtime: &Path) -> Result<String, String> {
    let manifest_path = runtime.join("Cargo.toml");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(&cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .arg("--manifest-path")
        .arg(&manifest_path)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", Path::new(&cargo).display()))?;
    if !out.status.success() {
        return Err(format!(
            "cargo metadata for {} failed:\n{}",
            manifest_path.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let metadata: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("cargo metadata printed no JSON: {e}"))?;
    let wanted = std::fs::canonicalize(&manifest_path)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    let package = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| {
            p["manifest_path"]
                .as_str()
                .and_then(|m| std::fs::canonicalize(m).ok())
                .is_some_and(|m| m == wanted)
        })
        .ok_or_else(|| format!("cargo metadata does not list {}", manifest_path.display()))?;
    render_manifest(package)
}

/// A TOML basic string (JSON string escapes are valid TOML ones).
fn toml_str(s: &str) -> String {
    Value::from(s).to_string()
}

/// A TOML key: bare when it can be.
fn toml_key(s: &str) -> String {
    let bare = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if bare {
        s.to_owned()
    } else {
        toml_str(s)
    }
}

fn toml_list<'a>(items: impl IntoIterator<Item = &'a Value>) -> String {
    let items: Vec<String> = items
        .into_iter()
        .filter_map(Value::as_str)
        .map(toml_str)
        .collect();
    format!("[{}]", items.join(", "))
}

/// Write one package's manifest from its `cargo metadata` entry. Fails on dependencies a
/// copy outside the workspace cannot resolve the same way (paths, other registries,
/// target-specific tables).
fn render_manifest(package: &Value) -> Result<String, String> {
    let field = |key: &str| package[key].as_str();
    let name = field("name").ok_or("cargo metadata: package without a name")?;
    let mut out = String::from(
        "# Copied from the workspace's runtime/ by `cargo xtask codegen --out`; do not edit.\n",
    );
    out.push_str("[package]\n");
    out.push_str(&format!("name = {}\n", toml_str(name)));
    for key in [
        "version",
        "description",
        "edition",
        "license",
        "rust_version",
    ] {
        if let Some(v) = field(key) {
            out.push_str(&format!("{} = {}\n", key.replace('_', "-"), toml_str(v)));
        }
    }
    out.push_str("publish = false\n");

    if let Some(features) = package["features"].as_object().filter(|f| !f.is_empty()) {
        out.push_str("\n[features]\n");
        for (feature, enables) in features {
            let enables = enables.as_array().map(|a| a.iter()).into_iter().flatten();
            out.push_str(&format!("{} = {}\n", toml_key(feature), toml_list(enables)));
        }
    }

    out.push_str("\n[dependencies]\n");
    /// The crate `cargo hakari` writes so that the workspace resolves one feature set per
    /// dependency; a standalone crate resolves its own.
    const WORKSPACE_HACK: &str = "workspace-hack";
    for dep in package["dependencies"].as_array().into_iter().flatten() {
        if !dep["kind"].is_null() {
            continue; // dev- and build-dependencies: the tests and build scripts stay home
        }
        let dep_name = dep["name"].as_str().unwrap_or("?");
        if dep_name == WORKSPACE_HACK {
            continue; // a build aid of the workspace, not a dependency of the code
        }
        if !dep["target"].is_null() {
            return Err(format!(
                "{name} depends on {dep_name} for one target only; standalone copies do not support that yet"
            ));
        }
        let from_crates_io = dep["source"]
            .as_str()
            .is_some_and(|s| s.starts_with("registry+") && dep["registry"].is_null());
        if !from_crates_io {
            return Err(format!(
                "{name} depends on {dep_name} from outside crates.io; a standalone copy cannot carry it"
            ));
        }
        let req = dep["req"].as_str().unwrap_or("*");
        let mut spec = vec![format!("version = {}", toml_str(req))];
        if dep["rename"].is_string() {
            spec.insert(0, format!("package = {}", toml_str(dep_name)));
        }
        if dep["uses_default_features"] == Value::Bool(false) {
            spec.push("default-features = false".into());
        }
        if let Some(f) = dep["features"].as_array().filter(|f| !f.is_empty()) {
            spec.push(format!("features = {}", toml_list(f)));
        }
        if dep["optional"] == Value::Bool(true) {
            spec.push("optional = true".into());
        }
        let key = dep["rename"].as_str().unwrap_or(dep_name);
        out.push_str(&format!("{} = {{ {} }}\n", toml_key(key), spec.join(", ")));
    }
    Ok(out)
}
