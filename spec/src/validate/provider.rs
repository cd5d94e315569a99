//! The provider section: its id, auth schemes every consumer can carry out, base_url
//! variables, and source pages with their recorded hashes.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;
use sha2::{Digest, Sha256};

use super::path::P;
use super::Checker;
use crate::diag::list_names;
use crate::format::{AuthScheme, SIGNING_ALGORITHMS};

fn template_vars(template: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\{([^{}]*)\}").expect("static regex"));
    re.captures_iter(template)
        .map(|c| c[1].to_string())
        .collect()
}

impl Checker<'_> {
    pub(super) fn provider(&mut self, seeds: Option<&Path>) {
        let pv = &self.spec.provider;
        let at = P::root().k("provider");
        self.snake(&at.k("id"), "provider id", &pv.id);
        for (id, scheme) in &self.spec.auth {
            // Every consumer (clients, mock, live mode) must carry a scheme out; a signing
            // algorithm they do not implement would send requests without a credential.
            if let AuthScheme::Signature { algorithm, .. } = scheme {
                if !SIGNING_ALGORITHMS.contains(&algorithm.as_str()) {
                    self.report(
                        &P::root().k("auth").k(id).k("algorithm"),
                        format!(
                            "signing algorithm `{algorithm}` is not implemented by the clients \
                             or the mock"
                        ),
                        format!(
                            "use one of {}, or declare the token scheme the provider also \
                             accepts and record signing in an erratum",
                            list_names(SIGNING_ALGORITHMS.iter())
                        ),
                    );
                }
            }
        }
        let used = template_vars(&pv.base_url);
        for v in &used {
            if !pv.variables.contains_key(v) {
                self.report(
                    &at.k("base_url"),
                    format!("base_url variable `{{{v}}}` is not declared"),
                    format!("add `{v}` under `provider.variables` or remove it from base_url"),
                );
            }
        }
        for name in pv.variables.keys() {
            if !used.contains(name) {
                self.report(
                    &at.k("variables").k(name),
                    format!("variable `{name}` is not used in base_url"),
                    format!("write `{{{name}}}` in base_url or remove the variable"),
                );
            }
        }
        let mut seen = BTreeSet::new();
        for (i, src) in pv.sources.iter().enumerate() {
            let sp = at.k("sources").i(i);
            if !seen.insert(src.file.as_str()) {
                self.report(
                    &sp.k("file"),
                    format!("source `{}` is listed twice", src.file),
                    "remove the repeated entry",
                );
            }
            let hex_ok =
                src.sha256.len() == 64 && src.sha256.chars().all(|c| c.is_ascii_hexdigit());
            if !hex_ok {
                self.report(
                    &sp.k("sha256"),
                    "sha256 is not 64 hex digits",
                    format!("write the output of `sha256sum {}`", src.file),
                );
            }
            let Some(dir) = seeds.filter(|d| d.is_dir()) else {
                continue;
            };
            match std::fs::read(dir.join(&src.file)) {
                Ok(bytes) => {
                    let actual = hex(&Sha256::digest(&bytes));
                    if hex_ok && !actual.eq_ignore_ascii_case(&src.sha256) {
                        self.report(
                            &sp.k("sha256"),
                            format!(
                                "sha256 of `{}` does not match the page in the seeds (it is {actual})",
                                src.file
                            ),
                            "re-read the page for changes, then record its current hash",
                        );
                    }
                }
                Err(_) => self.report(
                    &sp.k("file"),
                    format!("source page `{}` is not in the seeds directory", src.file),
                    "use the file name of the page as captured in the seeds",
                ),
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
