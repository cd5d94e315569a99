//! Reading spec files from disk into [`Spec`] values.
//! STUB: to be completed by the validator work (located diagnostics).

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::spec::Spec;

/// A spec file as loaded: where it came from, its text, and the parsed spec.
#[derive(Debug, Clone)]
pub struct SpecFile {
    pub path: PathBuf,
    pub text: String,
    pub spec: Spec,
}

/// Load every `*.yaml` under each directory (sorted) and each named file.
pub fn load_paths(paths: &[PathBuf]) -> Result<Vec<SpecFile>, Diagnostics> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(|e| io_diag(p, &e))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(p.clone());
        }
    }
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for f in files {
        match load_file(&f) {
            Ok(s) => out.push(s),
            Err(d) => diags.extend(d.0),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Diagnostics(diags))
    }
}

pub fn load_file(path: &Path) -> Result<SpecFile, Diagnostics> {
    let text = std::fs::read_to_string(path).map_err(|e| io_diag(path, &e))?;
    let spec = crate::yaml::from_str(&text).map_err(|m| {
        Diagnostics(vec![Diagnostic {
            file: path.to_path_buf(),
            line: 1,
            column: 1,
            message: m,
            fix: "fix the YAML".into(),
        }])
    })?;
    Ok(SpecFile {
        path: path.to_path_buf(),
        text,
        spec,
    })
}

fn io_diag(path: &Path, e: &std::io::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic {
        file: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("cannot read: {e}"),
        fix: "check the path and permissions".into(),
    }])
}
