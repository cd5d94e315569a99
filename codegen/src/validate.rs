//! Semantic validation of loaded specs.
//! STUB: to be completed by the validator work.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
use crate::load::SpecFile;

/// Specs that passed validation; the only input renderers accept.
#[derive(Debug, Clone)]
pub struct Validated {
    files: Vec<SpecFile>,
}

impl Validated {
    pub fn files(&self) -> &[SpecFile] {
        &self.files
    }
}

/// Check meaning across all files. `seeds` is the seed page directory, when present.
pub fn validate(files: Vec<SpecFile>, _seeds: Option<&Path>) -> Result<Validated, Diagnostics> {
    Ok(Validated { files })
}

/// Load and validate in one step.
pub fn load_and_validate(paths: &[PathBuf], seeds: Option<&Path>) -> Result<Validated, Diagnostics> {
    validate(crate::load::load_paths(paths)?, seeds)
}
