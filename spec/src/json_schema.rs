//! The JSON Schema of the spec format, derived from the serde types in [`crate::format`], so
//! editors (yaml-language-server) complete and check specs. Checked in at [`SCHEMA_PATH`];
//! a test fails when it drifts from the types.

use std::path::Path;

use crate::format::Spec;

/// Where the schema lives, relative to the workspace root.
pub const SCHEMA_PATH: &str = "schema/spec.schema.json";

/// The schema as written to disk: pretty JSON with a trailing newline.
pub fn render() -> String {
    let schema = schemars::schema_for!(Spec);
    // Serializing a schemars schema cannot fail: it is plain maps and strings.
    let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    format!("{text}\n")
}

/// Compare the checked-in schema under `root` with [`render`]; `Err` is a unified diff
/// (or the read error) followed by how to regenerate.
pub fn check(root: &Path) -> Result<(), String> {
    let path = root.join(SCHEMA_PATH);
    let want = render();
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    if have == want {
        return Ok(());
    }
    let diff = similar::TextDiff::from_lines(&have, &want)
        .unified_diff()
        .header(SCHEMA_PATH, "generated from spec/src/format.rs")
        .to_string();
    Err(format!(
        "{} is stale:\n{diff}\nregenerate it with `cargo xtask schema`",
        path.display()
    ))
}

/// Write the schema under `root`.
pub fn write(root: &Path) -> std::io::Result<()> {
    let path = root.join(SCHEMA_PATH);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, render())
}
