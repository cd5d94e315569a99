//! Rules that need every file at once. Operation ids and routes only need to be unique
//! within a provider, so that rule is per file (`operation::provider_operations`).

use std::collections::BTreeMap;

use super::path::P;
use crate::diag::Diagnostic;
use crate::load::SpecFile;

/// Provider ids are unique across files.
pub(super) fn cross_file(files: &[SpecFile], out: &mut Vec<Diagnostic>) {
    let locate = |f: usize, at: &P| {
        let (line, column) = files[f].source_map().locate(&at.0);
        (files[f].path.clone(), line, column)
    };
    // Provider ids name the generated modules and the mock's routing; each must be unique.
    let mut providers: BTreeMap<&str, usize> = BTreeMap::new();
    for (f, file) in files.iter().enumerate() {
        let id = file.spec.provider.id.as_str();
        if let Some(&pf) = providers.get(id) {
            let (pfile, pl, pc) = locate(pf, &P::root().k("provider").k("id"));
            let (file, line, column) = locate(f, &P::root().k("provider").k("id"));
            out.push(Diagnostic {
                file,
                line,
                column,
                message: format!(
                    "provider id `{id}` is already used at {}:{pl}:{pc}",
                    pfile.display()
                ),
                fix: "give each provider its own id".into(),
            });
        } else {
            providers.insert(id, f);
        }
    }
}
