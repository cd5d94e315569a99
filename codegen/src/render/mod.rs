//! Renderers: from the [`RustModel`] to an in-memory list of output files. Nothing here touches
//! the disk; [`mod@write`] applies (or checks) the result atomically.
//!
//! Each renderer adds its files to one list; to add an artefact, implement [`Renderer`] and
//! append it to [`renderers`].

mod docs;
mod fixtures;
pub(crate) mod literal;
pub mod openapi;
mod rust;
mod templates;
mod tests;
mod violations;
pub mod write;

use std::cell::Cell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crate::model::{RustModel, RustModelError};
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
    Model(#[from] RustModelError),
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

/// One artefact family. Renderers run on threads of their own, reading one model.
pub trait Renderer: Send + Sync {
    /// What `--timings` calls it.
    fn name(&self) -> &'static str;

    fn render(
        &self,
        model: &RustModel,
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
        Box::new(tests::TestRenderer),
    ]
}

/// Render the workspace's `generated/` directory.
pub fn render_all(validated: &Validated) -> Result<Vec<OutputFile>, RenderError> {
    render(validated, &Layout::Workspace)
}

/// Render `validated` in the given layout, sorted by path.
pub fn render(validated: &Validated, layout: &Layout) -> Result<Vec<OutputFile>, RenderError> {
    render_timed(validated, layout).map(|(files, _)| files)
}

/// Where rendering spent its time: the model, each renderer (without formatting), and
/// formatting Rust with prettyplease across all renderers.
pub type Phases = Vec<(&'static str, Duration)>;

/// [`render`], also saying where the time went (`cargo xtask codegen --timings`). The
/// renderers run on threads of their own (they only read the model), so the phases after
/// `model` overlap and add up to more than the wall time.
pub fn render_timed(
    validated: &Validated,
    layout: &Layout,
) -> Result<(Vec<OutputFile>, Phases), RenderError> {
    let start = Instant::now();
    let model = RustModel::build(validated)?;
    let mut phases = vec![("model", start.elapsed())];
    let model = &model;
    let done = spec::threads::each(&renderers(), |r| -> Result<_, RenderError> {
        let (t, f) = (Instant::now(), FORMAT_TIME.get());
        let mut out = Vec::new();
        r.render(model, layout, &mut out)?;
        let formatting = FORMAT_TIME.get() - f;
        Ok((
            r.name(),
            out,
            t.elapsed().saturating_sub(formatting),
            formatting,
        ))
    });
    let mut out = Vec::new();
    let mut formatting = Duration::ZERO;
    for r in done {
        let (name, files, rendering, format) = r?;
        out.extend(files);
        phases.push((name, rendering));
        formatting += format;
    }
    phases.push(("format (prettyplease), all renderers", formatting));
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((out, phases))
}

/// `f` of every provider of `model`, each on a thread of its own, in provider order.
pub(crate) fn each_provider<T: Send>(
    model: &RustModel,
    f: impl Fn(&crate::model::RustProvider) -> Result<T, RenderError> + Sync,
) -> Result<Vec<T>, RenderError> {
    let done = spec::threads::each(&model.providers, |p| (f(p), FORMAT_TIME.get()));
    // The formatting those threads did counts as this renderer's (`--timings`).
    let formatting: Duration = done.iter().map(|(_, d)| *d).sum();
    FORMAT_TIME.set(FORMAT_TIME.get() + formatting);
    done.into_iter().map(|(r, _)| r).collect()
}

thread_local! {
    /// Time this thread spent in [`unparse`], for [`render_timed`].
    static FORMAT_TIME: Cell<Duration> = const { Cell::new(Duration::ZERO) };
}

/// Print a syntax tree as Rust text (prettyplease); every renderer formats through here.
fn unparse(file: &syn::File) -> String {
    let t = Instant::now();
    let text = prettyplease::unparse(file);
    FORMAT_TIME.set(FORMAT_TIME.get() + t.elapsed());
    text
}

/// The first line of every generated file, in the comment syntax `prefix`/`suffix`.
pub fn banner(prefix: &str, sources: &str, suffix: &str) -> String {
    format!("{prefix}Generated from {sources} by `cargo xtask codegen`; do not edit.{suffix}\n")
}
