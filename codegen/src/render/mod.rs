//! Renderers: from the [`Model`] to an in-memory list of output files. Nothing here touches
//! the disk; [`mod@write`] applies (or checks) the result atomically.
//!
//! Each renderer adds its files to one list; to add an artefact, implement [`Renderer`] and
//! append it to [`renderers`].

mod docs;
mod fixtures;
pub mod openapi;
mod protocol_tests;
mod rust;
mod templates;
mod violations;
pub mod write;

use std::path::PathBuf;

use crate::model::{Model, ModelError};
use spec::validate::Validated;

/// One rendered file, relative to the output directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: PathBuf,
    pub contents: String,
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Model(#[from] ModelError),
    #[error("template `{template}`: {message}")]
    Template { template: String, message: String },
    #[error("rendering {what}: {message}")]
    Rust { what: String, message: String },
}

/// What kind of crate is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// The workspace's `generated` crate, depending on the `runtime` crate.
    Workspace,
    /// A crate named `name`, outside any workspace, that depends on the runtime as the path
    /// dependency `runtime/` next to its manifest. The renderers only name that path: putting a
    /// runtime crate there is the caller's job (`cargo xtask codegen --out` copies the
    /// workspace's).
    Standalone { name: String },
}

/// One artefact family.
pub trait Renderer {
    fn render(
        &self,
        model: &Model,
        layout: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError>;
}

/// Every renderer, in output order.
pub fn renderers() -> Vec<Box<dyn Renderer>> {
    vec![
        Box::new(rust::RustRenderer),
        Box::new(fixtures::FixtureRenderer),
        Box::new(docs::DocsRenderer),
        Box::new(openapi::OpenApiRenderer),
        Box::new(protocol_tests::ProtocolTestRenderer),
    ]
}

/// Render the workspace's `generated/` directory.
pub fn render_all(validated: &Validated) -> Result<Vec<OutputFile>, RenderError> {
    render(validated, &Layout::Workspace)
}

/// Render `validated` in the given layout, sorted by path.
pub fn render(validated: &Validated, layout: &Layout) -> Result<Vec<OutputFile>, RenderError> {
    let model = Model::build(validated)?;
    let mut out = Vec::new();
    for r in renderers() {
        r.render(&model, layout, &mut out)?;
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The first line of every generated file, in the comment syntax `prefix`/`suffix`.
pub fn banner(prefix: &str, sources: &str, suffix: &str) -> String {
    format!("{prefix}Generated from {sources} by `cargo xtask codegen`; do not edit.{suffix}\n")
}
