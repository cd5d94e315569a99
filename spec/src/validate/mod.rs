//! Semantic validation of loaded specs: everything serde cannot see. Names follow the rules,
//! references resolve, constraints are coherent, documented examples fit their schemas,
//! errata are neither dangling nor stale, discriminators keep shared URLs apart and source
//! pages match their recorded hashes. Every problem of every file is reported in one run,
//! located at the offending key.
//!
//! One file per job: `path` builds the document path a finding is located at; the per-file
//! rules are split by section (`provider`, `schema` for types and schemas, `operation`
//! for operations, their parameters, errors and pagination, `deprecated` for deprecation
//! marks and their replacements, `examples` for examples and the
//! errata they cite, `credentials` for example credentials that look real); `cross_file`
//! holds the rules that need every file at once.

mod credentials;
mod cross_file;
mod deprecated;
mod examples;
mod operation;
mod path;
mod provider;
mod schema;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;

use crate::diag::{Diagnostic, Diagnostics};
use crate::format::Spec;
use crate::load::{LoadOptions, SpecFile};
use crate::values::{Options, Repr};
use crate::yaml::SourceMap;

use self::cross_file::cross_file;
use self::operation::provider_operations;
use self::path::P;

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
pub fn validate(files: Vec<SpecFile>, seeds: Option<&Path>) -> Result<Validated, Diagnostics> {
    check(files, Diagnostics::default(), seeds)
}

/// Load and validate in one step. Files that load are validated even when others do not,
/// so one run shows every problem.
pub fn load_and_validate(
    paths: &[PathBuf],
    seeds: Option<&Path>,
) -> Result<Validated, Diagnostics> {
    load_and_validate_with(paths, seeds, &LoadOptions::default())
}

/// [`load_and_validate`] with other loading limits.
pub fn load_and_validate_with(
    paths: &[PathBuf],
    seeds: Option<&Path>,
    opts: &LoadOptions,
) -> Result<Validated, Diagnostics> {
    let (files, load_errors) = crate::load::load_each(paths, opts);
    check(files, load_errors, seeds)
}

/// Add the semantic problems of `files` to those `found` while loading them.
fn check(
    files: Vec<SpecFile>,
    mut found: Diagnostics,
    seeds: Option<&Path>,
) -> Result<Validated, Diagnostics> {
    // The per-file rules read one file each: a thread per file, findings in file order.
    let per_file = crate::threads::each(&files, |file| {
        let mut out = Vec::new();
        let mut c = Checker {
            file,
            map: file.source_map(),
            spec: &file.spec,
            out: &mut out,
            schemas_ok: true,
        };
        c.spec_file(seeds);
        out
    });
    found.0.extend(per_file.into_iter().flatten());
    cross_file(&files, &mut found.0);
    if found.is_empty() {
        Ok(Validated { files })
    } else {
        found.sort();
        Err(found)
    }
}

/// The per-file rules, one file at a time; their methods live in the submodules.
struct Checker<'a> {
    file: &'a SpecFile,
    map: &'a SourceMap,
    spec: &'a Spec,
    out: &'a mut Vec<Diagnostic>,
    /// False once a schema is incoherent: checking examples against it would only repeat
    /// the same mistake in other words.
    schemas_ok: bool,
}

fn snake_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$").expect("static regex"))
}

const WIRE_OPTS: Options = Options {
    repr: Repr::Wire,
    report_unknown_fields: true,
};

impl Checker<'_> {
    fn report(&mut self, at: &P, message: impl Into<String>, fix: impl Into<String>) {
        let (line, column) = self.map.locate(&at.0);
        self.out.push(Diagnostic {
            file: self.file.path.clone(),
            line,
            column,
            message: message.into(),
            fix: fix.into(),
        });
    }

    fn snake(&mut self, at: &P, what: &str, name: &str) {
        if !snake_re().is_match(name) {
            self.report(
                at,
                format!("{what} `{name}` is not snake_case"),
                format!(
                    "rename it to lower-case words joined by `_`, e.g. `{}`",
                    heck::AsSnakeCase(name)
                ),
            );
        }
    }

    fn spec_file(&mut self, seeds: Option<&Path>) {
        self.provider(seeds);
        let before = self.out.len();
        self.types();
        for (i, op) in self.spec.operations.iter().enumerate() {
            self.operation_schemas(&P::root().k("operations").i(i), op);
        }
        self.schemas_ok = self.out.len() == before;
        for (i, op) in self.spec.operations.iter().enumerate() {
            self.operation(&P::root().k("operations").i(i), op);
        }
        let mut found = Vec::new();
        provider_operations(&self.spec.operations, |at, message, fix, other| {
            let (line, column) = self.map.locate(&other.0);
            found.push((at.clone(), format!("{message} (at {line}:{column})"), fix));
        });
        for (at, message, fix) in found {
            self.report(&at, message, fix);
        }
        self.deprecations();
        self.errata();
        // Citations must resolve (pages and errata they name exist); whether the page says
        // what they cite is `cite::check`'s job, with the pages at hand.
        for p in crate::cite::resolve::problems(self.spec) {
            self.report(&P(p.at), p.problem, p.fix);
        }
    }
}
