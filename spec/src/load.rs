//! Reading spec files from disk into [`Spec`] values, with located diagnostics for anything
//! that does not fit the format (bad YAML, unknown keys, wrong types, missing keys).

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::format::Spec;
use crate::yaml::{self, SourceMap};

/// A spec file as loaded: where it came from, its text, and the parsed spec.
#[derive(Debug, Clone)]
pub struct SpecFile {
    pub path: PathBuf,
    pub text: String,
    pub spec: Spec,
}

impl SpecFile {
    /// Positions of the file's nodes, for locating findings. The text parsed once already, so
    /// this cannot fail in practice; an empty map (everything at 1:1) covers the impossible.
    pub fn source_map(&self) -> SourceMap {
        yaml::source_map(&self.text).unwrap_or_default()
    }
}

/// Load every `*.yaml`/`*.yml` under each directory (sorted) and each named file. Every
/// file is tried, so one run reports the problems of all of them.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<SpecFile>, Diagnostics> {
    let (files, diags) = load_each(paths);
    if diags.is_empty() {
        Ok(files)
    } else {
        Err(diags)
    }
}

/// Like [`load_paths`], but the files that load are kept next to the problems of those that
/// do not, so validation can report on them in the same run.
pub(crate) fn load_each(paths: &[PathBuf]) -> (Vec<SpecFile>, Diagnostics) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for p in paths {
        if p.is_dir() {
            match std::fs::read_dir(p) {
                Ok(rd) => {
                    let mut entries: Vec<PathBuf> = rd
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                        .collect();
                    entries.sort();
                    files.extend(entries);
                }
                Err(e) => diags.push(io_diag(p, &e)),
            }
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Vec::new();
    for f in files {
        match load_file(&f) {
            Ok(s) => out.push(s),
            Err(d) => diags.extend(d.0),
        }
    }
    (out, Diagnostics(diags))
}

/// Read and parse one spec file.
pub fn load_file(path: &Path) -> Result<SpecFile, Diagnostics> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostics(vec![io_diag(path, &e)]))?;
    match yaml::from_str::<Spec>(&text) {
        Ok(spec) => Ok(SpecFile {
            path: path.to_path_buf(),
            text,
            spec,
        }),
        Err(e) => Err(Diagnostics(vec![Diagnostic {
            file: path.to_path_buf(),
            line: e.line,
            column: e.column,
            message: e.message,
            fix: e.fix,
        }])),
    }
}

fn io_diag(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
        fix: "check the path and permissions".into(),
    }
}
