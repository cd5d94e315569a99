//! The OpenAPI export as one more renderer, so `cargo xtask codegen` writes and drift-checks
//! `generated/openapi/` with the rest.

use super::{Layout, OutputFile, RenderError, Renderer};
use crate::model::Model;

pub struct OpenApiRenderer;

impl Renderer for OpenApiRenderer {
    fn render(
        &self,
        model: &Model,
        _: &Layout,
        out: &mut Vec<OutputFile>,
    ) -> Result<(), RenderError> {
        for p in &model.providers {
            let (path, contents) = crate::openapi::render_provider(p.spec, &p.source);
            out.push(OutputFile { path, contents });
        }
        Ok(())
    }
}
