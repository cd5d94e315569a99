//! Semantic validation of loaded specs: everything serde cannot see. Names follow the rules,
//! references resolve, constraints are coherent, documented examples fit their schemas,
//! errata are neither dangling nor stale, discriminators keep shared URLs apart and source
//! pages match their recorded hashes. Every problem of every file is reported in one run,
//! located at the offending key.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use heck::ToUpperCamelCase;
use regex::Regex;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Diagnostics};
use crate::format::{
    AuthScheme, Example, Kind, Location, Operation, Role, Schema, Spec, TypeDef, Wire,
};
use crate::load::SpecFile;
use crate::model::{errors, PathTemplate};
use crate::values::{self, Options, Repr};
use crate::yaml::{nearest, PathSeg, SourceMap};

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
    let (files, load_errors) = crate::load::load_each(paths);
    check(files, load_errors, seeds)
}

/// Add the semantic problems of `files` to those `found` while loading them.
fn check(
    files: Vec<SpecFile>,
    mut found: Diagnostics,
    seeds: Option<&Path>,
) -> Result<Validated, Diagnostics> {
    check_all(&files, seeds, &mut found.0);
    if found.is_empty() {
        Ok(Validated { files })
    } else {
        found.sort();
        Err(found)
    }
}

fn check_all(files: &[SpecFile], seeds: Option<&Path>, out: &mut Vec<Diagnostic>) {
    let maps: Vec<SourceMap> = files.iter().map(SpecFile::source_map).collect();
    for (file, map) in files.iter().zip(&maps) {
        let mut c = Checker {
            file,
            map,
            spec: &file.spec,
            out: &mut *out,
            schemas_ok: true,
        };
        c.spec_file(seeds);
    }
    cross_file(files, &maps, out);
}

/// A document path under construction: `P::root().k("operations").i(0)`.
#[derive(Clone, Default)]
struct P(Vec<PathSeg>);

impl P {
    fn root() -> P {
        P(Vec::new())
    }
    fn k(&self, key: impl Into<PathSeg>) -> P {
        let mut v = self.0.clone();
        v.push(key.into());
        P(v)
    }
    fn i(&self, index: usize) -> P {
        self.k(index)
    }
    /// Append a values-walker path such as `records[0].size`.
    fn value_path(&self, path: &str) -> P {
        let mut out = self.clone();
        for part in path.split('.').filter(|s| !s.is_empty()) {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                out = out.k(key);
            }
            for idx in rest.split('[') {
                if let Ok(i) = idx.trim_end_matches(']').parse::<usize>() {
                    out = out.i(i);
                }
            }
        }
        out
    }
}

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

fn camel_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[A-Z][A-Za-z0-9]*$").expect("static regex"))
}

fn template_vars(template: &str) -> Vec<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"\{([^{}]*)\}").expect("static regex"));
    re.captures_iter(template)
        .map(|c| c[1].to_string())
        .collect()
}

const FIT_EXAMPLE: &str =
    "make the example fit the schema, or the schema fit the page (record an erratum)";

/// Headers an example may carry without declaring them.
const STANDARD_HEADERS: [&str; 2] = ["Content-Type", "Accept"];

const WIRE_OPTS: Options = Options {
    repr: Repr::Wire,
    report_unknown_fields: false,
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
        self.errata();
    }

    fn provider(&mut self, seeds: Option<&Path>) {
        let pv = &self.spec.provider;
        let at = P::root().k("provider");
        self.snake(&at.k("id"), "provider id", &pv.id);
        for (id, scheme) in &self.spec.auth {
            // Every consumer (clients, mock, replay, live mode) must carry a scheme out;
            // one that is only recorded would send requests without a credential.
            if let AuthScheme::Signature { algorithm, .. } = scheme {
                self.report(
                    &P::root().k("auth").k(id).k("in"),
                    format!(
                        "request signing (`{algorithm}`) is declared here, but no client, mock \
                         or replay implements it yet, so requests would carry no credential"
                    ),
                    "declare the token scheme the provider also accepts (`in: header`, `query` \
                     or `form`) and record signing in an erratum until it is supported",
                );
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

    fn types(&mut self) {
        for (name, def) in &self.spec.types {
            let at = P::root().k("types").k(name);
            if !camel_re().is_match(name) {
                self.report(
                    &at,
                    format!("type name `{name}` is not CamelCase"),
                    format!("rename it, e.g. `{}`", name.to_upper_camel_case()),
                );
            }
            self.type_def(&at, name, def);
        }
    }

    fn type_def(&mut self, at: &P, name: &str, def: &TypeDef) {
        match (def.fields.is_empty(), def.values.is_empty()) {
            (true, true) => self.report(
                at,
                format!("type `{name}` has neither `fields` nor `values`"),
                "give an object type `fields` or an enum `values`",
            ),
            (false, false) => self.report(
                &at.k("values"),
                format!("type `{name}` has both `fields` and `values`"),
                "split it: a type is either an object (`fields`) or an enum (`values`)",
            ),
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for (i, f) in def.fields.iter().enumerate() {
            let fp = at.k("fields").i(i);
            if !seen.insert(f.name.as_str()) {
                self.report(
                    &fp.k("name"),
                    format!("field `{}` is declared twice in `{name}`", f.name),
                    "remove or rename one of them",
                );
            }
            self.schema(&fp.k("schema"), &f.schema);
        }
        let mut idents: HashMap<String, &str> = HashMap::new();
        for (i, v) in def.values.iter().enumerate() {
            let vp = at.k("values").i(i).k("value");
            let ident = v.value.to_upper_camel_case();
            if v.value.is_empty() || ident.is_empty() {
                self.report(
                    &vp,
                    format!("enum value `{}` has no letters or digits", v.value),
                    "enum values must yield a Rust variant name; use a word",
                );
            } else if let Some(prev) = idents.insert(ident.clone(), &v.value) {
                let what = if prev == v.value {
                    format!("enum value `{}` is listed twice", v.value)
                } else {
                    format!(
                        "enum values `{prev}` and `{}` both become the variant `{ident}`",
                        v.value
                    )
                };
                self.report(&vp, what, "keep each value once, with distinct spellings");
            }
        }
    }

    /// Coherence of one schema: keywords fit the kind, bounds are ordered, refs resolve.
    fn schema(&mut self, at: &P, s: &Schema) {
        let kind = s.kind;
        let numeric = matches!(kind, Kind::Integer | Kind::Long | Kind::Number);
        match (kind, &s.reference) {
            (Kind::Ref, None) => self.report(
                &at.k("type"),
                "`type: ref` without `ref`",
                "add `ref: <TypeName>` naming a type in `types`",
            ),
            (Kind::Ref, Some(r)) if !self.spec.types.contains_key(r) => {
                let names: Vec<String> = self.spec.types.keys().cloned().collect();
                let fix = match nearest(r, &names) {
                    Some(m) => format!("did you mean `{m}`? otherwise declare `{r}` under `types`"),
                    None => format!("declare `{r}` under `types` or refer to an existing type"),
                };
                self.report(&at.k("ref"), format!("unknown type `{r}`"), fix);
            }
            (k, Some(_)) if k != Kind::Ref => self.report(
                &at.k("ref"),
                "`ref` is only allowed with `type: ref`",
                "write `type: ref` or remove `ref`",
            ),
            _ => {}
        }
        match (&s.items, kind) {
            (None, Kind::Array) => self.report(
                &at.k("type"),
                "`type: array` without `items`",
                "add `items:` with the element schema",
            ),
            (Some(items), Kind::Array) => self.schema(&at.k("items"), items),
            (Some(_), _) => self.report(
                &at.k("items"),
                "`items` is only allowed with `type: array`",
                "remove `items` or make the type an array",
            ),
            (None, _) => {}
        }
        if kind == Kind::OneOf {
            if s.variants.len() < 2 {
                self.report(
                    &at.k("type"),
                    "`type: one_of` needs at least two `variants`",
                    "list the alternatives under `variants` or use the single schema directly",
                );
            }
            let mut seen = BTreeSet::new();
            for (i, v) in s.variants.iter().enumerate() {
                let vp = at.k("variants").i(i);
                self.snake(&vp.k("name"), "variant name", &v.name);
                if !seen.insert(v.name.as_str()) {
                    self.report(
                        &vp.k("name"),
                        format!("variant `{}` is listed twice", v.name),
                        "give each variant its own name",
                    );
                }
                match (&v.schema, &v.literal) {
                    (Some(vs), None) => self.schema(&vp.k("schema"), vs),
                    (None, Some(_)) => {}
                    _ => self.report(
                        &vp,
                        format!(
                            "variant `{}` needs exactly one of `schema` and `literal`",
                            v.name
                        ),
                        "keep either the schema or the literal value",
                    ),
                }
            }
        } else if !s.variants.is_empty() {
            self.report(
                &at.k("variants"),
                "`variants` is only allowed with `type: one_of`",
                "remove `variants` or write `type: one_of`",
            );
        }
        match s.wire {
            Some(Wire::Csv) if kind != Kind::Array => self.report(
                &at.k("wire"),
                "`wire: csv` is only allowed on arrays",
                "remove `wire: csv` (a single value needs no list encoding)",
            ),
            Some(Wire::String) if !(numeric || kind == Kind::Boolean) => self.report(
                &at.k("wire"),
                "`wire: string` is only allowed on integer, long, number and boolean",
                "remove `wire: string`: the value is already a string or structured",
            ),
            _ => {}
        }
        let string_only = [
            ("format", s.format.is_some()),
            ("min_length", s.min_length.is_some()),
            ("max_length", s.max_length.is_some()),
            ("pattern", s.pattern.is_some()),
            ("forbidden_chars", s.forbidden_chars.is_some()),
        ];
        for (key, set) in string_only {
            if set && kind != Kind::String {
                self.report(
                    &at.k(key),
                    format!("`{key}` is only allowed on strings"),
                    format!("remove `{key}` or make the type a string"),
                );
            }
        }
        for (key, set) in [
            ("minimum", s.minimum.is_some()),
            ("maximum", s.maximum.is_some()),
        ] {
            if set && !numeric {
                self.report(
                    &at.k(key),
                    format!("`{key}` is only allowed on integer, long and number"),
                    format!("remove `{key}` or make the type numeric"),
                );
            }
        }
        for (key, set) in [
            ("min_items", s.min_items.is_some()),
            ("max_items", s.max_items.is_some()),
        ] {
            if set && kind != Kind::Array {
                self.report(
                    &at.k(key),
                    format!("`{key}` is only allowed on arrays"),
                    format!("remove `{key}` or make the type an array"),
                );
            }
        }
        let ordered = [
            ("minimum", "maximum", s.minimum, s.maximum),
            (
                "min_length",
                "max_length",
                s.min_length.map(i64::from),
                s.max_length.map(i64::from),
            ),
            (
                "min_items",
                "max_items",
                s.min_items.map(i64::from),
                s.max_items.map(i64::from),
            ),
        ];
        for (lo_key, hi_key, lo, hi) in ordered {
            if let (Some(lo), Some(hi)) = (lo, hi) {
                if lo > hi {
                    self.report(
                        &at.k(lo_key),
                        format!("{lo_key} {lo} is greater than {hi_key} {hi}"),
                        format!("make {lo_key} at most {hi_key}, or swap them"),
                    );
                }
            }
        }
        if let Some(p) = &s.pattern {
            if let Err(e) = values::matches_regex(p, "") {
                self.report(
                    &at.k("pattern"),
                    format!("pattern does not compile: {e}"),
                    "write a valid Rust `regex` pattern (escape `\\` as `\\\\` in double quotes)",
                );
            }
        }
    }

    fn operation(&mut self, at: &P, op: &Operation) {
        let spec = self.spec;
        self.snake(&at.k("id"), "operation id", &op.id);
        if !spec.provider.sources.iter().any(|s| s.file == op.source) {
            self.report(
                &at.k("source"),
                format!("source `{}` is not one of `provider.sources`", op.source),
                format!(
                    "use one of {}",
                    list(spec.provider.sources.iter().map(|s| &s.file))
                ),
            );
        }
        if let Some(a) = &op.auth {
            if !spec.auth.contains_key(a) {
                self.report(
                    &at.k("auth"),
                    format!("unknown auth scheme `{a}`"),
                    format!(
                        "declare it under `auth` or use one of {}",
                        list(spec.auth.keys())
                    ),
                );
            }
        }
        self.parameters(at, op);
        self.status(&at.k("response").k("status"), op.response.status);
        let mut seen = BTreeSet::new();
        for (i, e) in op.errors.iter().enumerate() {
            let ep = at.k("errors").i(i);
            self.snake(&ep.k("name"), "error case name", &e.name);
            if !seen.insert(e.name.as_str()) {
                self.report(
                    &ep.k("name"),
                    format!("error case `{}` is declared twice", e.name),
                    "give each error case its own name",
                );
            }
            self.status(&ep.k("status"), e.status);
            let fields = self.object_fields(&e.schema);
            let mp = ep.k("match");
            let wanted = e
                .matcher
                .has_fields
                .iter()
                .enumerate()
                .map(|(j, f)| (mp.k("has_fields").i(j), f))
                .chain(e.matcher.equals.keys().map(|k| (mp.k("equals").k(k), k)));
            for (fp, f) in wanted.collect::<Vec<_>>() {
                match &fields {
                    Some(names) if names.contains(f) => {}
                    Some(names) => self.report(
                        &fp,
                        format!("match field `{f}` is not a field of the error schema"),
                        format!("use one of {}", list(names.iter())),
                    ),
                    None => self.report(
                        &fp,
                        format!("match field `{f}` needs an object error schema"),
                        "give the error case a `type: ref` schema naming an object type",
                    ),
                }
            }
        }
        if let Some(pg) = &op.pagination {
            let pp = at.k("pagination");
            for (key, name) in [("start", &pg.start), ("limit", &pg.limit)] {
                let ok = op
                    .request
                    .parameters
                    .iter()
                    .any(|p| &p.name == name && p.location == Location::Query);
                if !ok {
                    self.report(
                        &pp.k(key),
                        format!(
                            "pagination `{key}` names `{name}`, which is not a query parameter"
                        ),
                        "name a query parameter of this operation",
                    );
                }
            }
            let fields = self.object_fields(&op.response.schema).unwrap_or_default();
            for (key, name) in [("items", &pg.items), ("total", &pg.total)] {
                if !fields.contains(name) {
                    self.report(
                        &pp.k(key),
                        format!("pagination `{key}` names `{name}`, which is not a payload field"),
                        format!("use one of {}", list(fields.iter())),
                    );
                }
            }
        }
        let mut names = BTreeSet::new();
        for (i, ex) in op.examples.iter().enumerate() {
            let xp = at.k("examples").i(i);
            self.snake(&xp.k("name"), "example name", &ex.name);
            if !names.insert(ex.name.as_str()) {
                self.report(
                    &xp.k("name"),
                    format!("example `{}` appears twice in `{}`", ex.name, op.id),
                    "give each example of an operation its own name",
                );
            }
            self.example(&xp, op, ex);
        }
    }

    /// The schemas an operation declares inline (named types are checked once, in `types`).
    fn operation_schemas(&mut self, at: &P, op: &Operation) {
        for (j, p) in op.request.parameters.iter().enumerate() {
            self.schema(&at.k("request").k("parameters").i(j).k("schema"), &p.schema);
        }
        self.schema(&at.k("response").k("schema"), &op.response.schema);
        for (i, e) in op.errors.iter().enumerate() {
            self.schema(&at.k("errors").i(i).k("schema"), &e.schema);
        }
    }

    fn status(&mut self, at: &P, status: u16) {
        if !(100..=599).contains(&status) {
            self.report(
                at,
                format!("status {status} is not an HTTP status code"),
                "use a code from 100 to 599",
            );
        }
    }

    fn parameters(&mut self, at: &P, op: &Operation) {
        let rp = at.k("request");
        let template: Vec<String> = match PathTemplate::parse(&op.path) {
            Ok(t) => t.params().map(str::to_string).collect(),
            Err(e) => {
                self.report(
                    &at.k("path"),
                    format!("path `{}`: {e}", op.path),
                    "write each path parameter as a segment of its own",
                );
                Vec::new()
            }
        };
        let mut seen = BTreeSet::new();
        for (j, p) in op.request.parameters.iter().enumerate() {
            let pp = rp.k("parameters").i(j);
            if !seen.insert((p.location as u8, p.name.as_str())) {
                self.report(
                    &pp.k("name"),
                    format!("parameter `{}` is declared twice", p.name),
                    "remove or rename one of them",
                );
            }
            if p.location == Location::Path {
                if !template.contains(&p.name) {
                    self.report(
                        &pp.k("name"),
                        format!(
                            "path parameter `{}` does not appear in path `{}`",
                            p.name, op.path
                        ),
                        format!("write `{{{}}}` in the path or change `in`", p.name),
                    );
                }
                if !p.required {
                    self.report(
                        &pp.k("name"),
                        format!("path parameter `{}` is not required", p.name),
                        "add `required: true`: a path cannot omit a segment",
                    );
                }
            }
            if let (true, Some(d)) = (self.schemas_ok, &p.default) {
                for v in values::check(&p.schema, d, self.spec, WIRE_OPTS) {
                    self.report(
                        &pp.k("default"),
                        format!("default of `{}` is invalid: {v}", p.name),
                        "make the default satisfy the parameter's schema",
                    );
                }
            }
        }
        for v in &template {
            let declared = op
                .request
                .parameters
                .iter()
                .any(|p| &p.name == v && p.location == Location::Path);
            if !declared {
                self.report(
                    &at.k("path"),
                    format!("path template variable `{{{v}}}` has no `in: path` parameter"),
                    format!("declare a parameter `{v}` with `in: path` under request.parameters"),
                );
            }
        }
        let has_body = op
            .request
            .parameters
            .iter()
            .any(|p| p.location == Location::Body)
            || op
                .discriminators
                .iter()
                .any(|d| d.location == Location::Body)
            || self
                .auth_scheme(op)
                .is_some_and(|a| matches!(a, AuthScheme::Form { .. }));
        match (has_body, op.request.body) {
            (true, None) => self.report(
                &rp,
                "request has `in: body` inputs but no `body` encoding",
                "add `body: json`, `body: multipart` or `body: urlencoded` under request",
            ),
            (false, Some(_)) => self.report(
                &rp.k("body"),
                "request declares a `body` encoding but has no `in: body` inputs",
                "remove `body` or declare the body parameters",
            ),
            _ => {}
        }
        for (j, d) in op.discriminators.iter().enumerate() {
            let dp = at.k("discriminators").i(j);
            if d.location == Location::Path {
                self.report(
                    &dp.k("in"),
                    "a discriminator cannot be `in: path`",
                    "put fixed path segments in `path` itself",
                );
            }
            if op
                .request
                .parameters
                .iter()
                .any(|p| p.name == d.name && p.location == d.location)
            {
                self.report(
                    &dp.k("name"),
                    format!("discriminator `{}` is also a parameter", d.name),
                    "remove the parameter: a discriminator's value is fixed",
                );
            }
        }
    }

    fn auth_scheme(&self, op: &Operation) -> Option<&AuthScheme> {
        op.auth.as_ref().and_then(|a| self.spec.auth.get(a))
    }

    /// Field names of an object schema (`type: ref` to a type with fields).
    fn object_fields(&self, s: &Schema) -> Option<Vec<String>> {
        let def = s.reference.as_ref().and_then(|r| self.spec.types.get(r))?;
        (s.kind == Kind::Ref && !def.fields.is_empty())
            .then(|| def.fields.iter().map(|f| f.name.clone()).collect())
    }

    fn example(&mut self, at: &P, op: &Operation, ex: &Example) {
        if let Some(id) = &ex.erratum {
            if !self.spec.errata.iter().any(|e| &e.id == id) {
                self.report(
                    &at.k("erratum"),
                    format!("unknown erratum `{id}`"),
                    format!(
                        "add it under `errata` or use one of {}",
                        list(self.spec.errata.iter().map(|e| &e.id))
                    ),
                );
            }
        } else if ex.original.is_some() {
            self.report(
                &at.k("original"),
                "`original` without `erratum`",
                "name the erratum that explains the correction",
            );
        }
        if let Some(orig) = &ex.original {
            if let Ok(parsed) = serde_json::from_str::<Value>(orig) {
                let bodies = [
                    ex.request.as_ref().and_then(|r| r.body.as_ref()),
                    ex.response.as_ref().and_then(|r| r.body.as_ref()),
                ];
                if bodies.iter().flatten().any(|b| **b == parsed) {
                    self.report(
                        &at.k("original"),
                        "the original equals the corrected body: the erratum is stale",
                        "remove `erratum` and `original` (the page is no longer broken here)",
                    );
                }
            }
        }
        if let Some(req) = &ex.request {
            self.example_request(&at.k("request"), op, req);
        }
        let error = match &ex.error {
            Some(name) => match op.errors.iter().find(|e| &e.name == name) {
                Some(e) => Some(e),
                None => {
                    self.report(
                        &at.k("error"),
                        format!("unknown error case `{name}`"),
                        format!(
                            "use one of {} or declare it under `errors`",
                            list(op.errors.iter().map(|e| &e.name))
                        ),
                    );
                    return;
                }
            },
            None => None,
        };
        let Some(resp) = &ex.response else { return };
        let rp = at.k("response");
        match error {
            Some(e) => {
                if e.status_documented && resp.status != e.status {
                    self.report(
                        &rp.k("status"),
                        format!(
                            "status {} differs from error `{}` status {}",
                            resp.status, e.name, e.status
                        ),
                        format!("use {} or fix the error case", e.status),
                    );
                }
                if let Some(body) = &resp.body {
                    self.violations(&rp.k("body"), &e.schema, body, "error body");
                    if let Some(why) = errors::miss(&e.matcher, body) {
                        self.report(
                            &rp.k("body"),
                            format!("error body is not recognised as `{}`: {why}", e.name),
                            "fix the body or the error case's `match`",
                        );
                    }
                }
            }
            None => {
                if resp.status != op.response.status {
                    self.report(
                        &rp.k("status"),
                        format!(
                            "status {} differs from the success status {}",
                            resp.status, op.response.status
                        ),
                        "use the success status, or name the error case with `error:`",
                    );
                }
                let Some(body) = &resp.body else { return };
                match crate::envelope::payload(
                    op.response.envelope.as_ref(),
                    body,
                    &op.response.schema,
                ) {
                    Ok(payload) => {
                        self.violations(&rp.k("body"), &op.response.schema, &payload, "payload")
                    }
                    Err(e) => self.report(
                        &rp.k("body"),
                        format!("success example body fails its envelope: {e}"),
                        "fix the body, or mark the example as a failure with `error:`",
                    ),
                }
            }
        }
    }

    fn violations(&mut self, at: &P, schema: &Schema, value: &Value, what: &str) {
        if !self.schemas_ok {
            return;
        }
        for v in values::check(schema, value, self.spec, WIRE_OPTS) {
            let place = if v.path.is_empty() {
                what.to_string()
            } else {
                format!("{what} `{}`", v.path)
            };
            self.report(
                &at.value_path(&v.path),
                format!("{place}: {}", v.message),
                FIT_EXAMPLE,
            );
        }
    }

    fn example_request(&mut self, at: &P, op: &Operation, req: &crate::format::ExampleRequest) {
        let auth = self.auth_scheme(op).cloned();
        let auth_unresolved = op.auth.is_some() && auth.is_none();
        let form = matches!(
            op.request.body,
            Some(crate::format::BodyEncoding::Multipart | crate::format::BodyEncoding::Urlencoded)
        );
        let body_map: Entries = match &req.body {
            Some(Value::Object(m)) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Some(_) => {
                self.report(
                    &at.k("body"),
                    "example request body is not an object",
                    "write the body fields as a mapping",
                );
                Vec::new()
            }
            None => Vec::new(),
        };
        let sections: [(Location, &str, Entries); 4] = [
            (Location::Path, "path", strings(&req.path)),
            (Location::Query, "query", strings(&req.query)),
            (Location::Header, "headers", strings(&req.headers)),
            (Location::Body, "body", body_map),
        ];
        for (loc, key, entries) in sections {
            let sp = at.k(key);
            let same = |a: &str, b: &str| {
                if loc == Location::Header {
                    a.eq_ignore_ascii_case(b)
                } else {
                    a == b
                }
            };
            let credential = auth.as_ref().and_then(|a| match (a, loc) {
                (AuthScheme::Query { name, .. }, Location::Query)
                | (AuthScheme::Header { name, .. }, Location::Header)
                | (AuthScheme::Form { name, .. }, Location::Body) => Some(name.clone()),
                (AuthScheme::Signature { .. }, Location::Header) => Some("Authorization".into()),
                _ => None,
            });
            for (name, value) in &entries {
                let vp = sp.k(name);
                if let Some(d) = op
                    .discriminators
                    .iter()
                    .find(|d| d.location == loc && same(&d.name, name))
                {
                    if value.as_str() != Some(d.value.as_str()) {
                        self.report(
                            &vp,
                            format!("discriminator `{name}` is {value}, not `{}`", d.value),
                            format!("write `{}`: the operation is selected by it", d.value),
                        );
                    }
                    continue;
                }
                if credential.as_deref().is_some_and(|c| same(c, name))
                    || (loc == Location::Header && STANDARD_HEADERS.iter().any(|h| same(h, name)))
                {
                    continue;
                }
                let Some(param) = op
                    .request
                    .parameters
                    .iter()
                    .find(|p| p.location == loc && same(&p.name, name))
                else {
                    if auth_unresolved {
                        // The credential's name is unknown, so this may well be it; the
                        // dangling auth reference is reported already.
                        continue;
                    }
                    let known: Vec<&String> = op
                        .request
                        .parameters
                        .iter()
                        .filter(|p| p.location == loc)
                        .map(|p| &p.name)
                        .collect();
                    let names: Vec<String> = known.iter().map(|s| s.to_string()).collect();
                    let fix = match nearest(name, &names) {
                        Some(m) => format!(
                            "did you mean `{m}`? otherwise declare it as an `in: {}` parameter",
                            loc.as_str()
                        ),
                        None => format!(
                            "declare it as an `in: {}` parameter or remove it",
                            loc.as_str()
                        ),
                    };
                    self.report(
                        &vp,
                        format!("unknown {} parameter `{name}`", loc.as_str()),
                        fix,
                    );
                    continue;
                };
                if !self.schemas_ok {
                    continue;
                }
                let what = format!("{} parameter `{name}`", loc.as_str());
                // Strings on the wire (everything but JSON bodies) are decoded first.
                let raw_string = loc != Location::Body || form;
                let decoded = match (raw_string, value.as_str()) {
                    (true, Some(raw)) => values::decode_wire(&param.schema, raw, self.spec),
                    _ => Ok(value.clone()),
                };
                let secret = param.role == Some(Role::Secret);
                match decoded {
                    // Secrets are checked like any value but never echoed.
                    Ok(v) if secret => {
                        if !values::check(&param.schema, &v, self.spec, WIRE_OPTS).is_empty() {
                            self.report(
                                &vp,
                                format!("secret {what} does not fit its schema (value not shown)"),
                                FIT_EXAMPLE,
                            );
                        }
                    }
                    Ok(v) => self.violations(&vp, &param.schema, &v, &what),
                    Err(_) if secret => self.report(
                        &vp,
                        format!("secret {what} cannot be read as its type (value not shown)"),
                        FIT_EXAMPLE,
                    ),
                    Err(e) => self.report(&vp, format!("{what}: {e}"), FIT_EXAMPLE),
                }
            }
            for p in op
                .request
                .parameters
                .iter()
                .filter(|p| p.location == loc && p.required)
            {
                if !entries.iter().any(|(n, _)| same(n, &p.name)) {
                    self.report(
                        at,
                        format!(
                            "required {} parameter `{}` is missing",
                            loc.as_str(),
                            p.name
                        ),
                        format!("add `{}` under request.{key}", p.name),
                    );
                }
            }
            for d in op.discriminators.iter().filter(|d| d.location == loc) {
                if !entries.iter().any(|(n, _)| same(n, &d.name)) {
                    self.report(
                        at,
                        format!("discriminator `{}` is missing", d.name),
                        format!("add `{}: \"{}\"` under request.{key}", d.name, d.value),
                    );
                }
            }
        }
    }

    fn errata(&mut self) {
        let mut seen = BTreeSet::new();
        for (i, e) in self.spec.errata.iter().enumerate() {
            let ep = P::root().k("errata").i(i);
            if !seen.insert(e.id.as_str()) {
                self.report(
                    &ep.k("id"),
                    format!("erratum id `{}` is used twice", e.id),
                    "give each erratum its own id",
                );
            }
            if !self
                .spec
                .provider
                .sources
                .iter()
                .any(|s| s.file == e.source)
            {
                self.report(
                    &ep.k("source"),
                    format!(
                        "erratum source `{}` is not one of `provider.sources`",
                        e.source
                    ),
                    format!(
                        "use one of {}",
                        list(self.spec.provider.sources.iter().map(|s| &s.file))
                    ),
                );
            }
        }
    }
}

/// Checks that need every file: unique operation ids, non-colliding discriminators.
fn cross_file(files: &[SpecFile], maps: &[SourceMap], out: &mut Vec<Diagnostic>) {
    let locate = |f: usize, at: &P| {
        let (line, column) = maps[f].locate(&at.0);
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

/// Within one provider: operation ids are unique (they name methods of one client), and no
/// two operations share a method and path without a discriminator telling them apart.
/// Different providers may share both: the mock serves each provider separately.
fn provider_operations(ops: &[Operation], mut report: impl FnMut(&P, String, &'static str, &P)) {
    let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
    let mut routes: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (o, op) in ops.iter().enumerate() {
        let at = P::root().k("operations").i(o);
        if let Some(&po) = ids.get(op.id.as_str()) {
            report(
                &at.k("id"),
                format!("operation id `{}` is already used", op.id),
                "operation ids are unique within a provider; rename one of them",
                &P::root().k("operations").i(po).k("id"),
            );
        } else {
            ids.insert(&op.id, o);
        }
        let earlier = routes
            .entry((op.method.as_str(), op.path.as_str()))
            .or_default();
        for &po in earlier.iter() {
            let other = &ops[po];
            if !discriminators_differ(op, other) {
                report(
                    &at.k("path"),
                    format!(
                        "`{} {}` of `{}` cannot be told apart from `{}`",
                        op.method.as_str(),
                        op.path,
                        op.id,
                        other.id
                    ),
                    "give the two operations a discriminator with different values",
                    &P::root().k("operations").i(po).k("id"),
                );
            }
        }
        earlier.push(o);
    }
}

/// Two operations on one route are distinguishable when some discriminator both have
/// carries different values.
fn discriminators_differ(a: &Operation, b: &Operation) -> bool {
    a.discriminators.iter().any(|da| {
        b.discriminators
            .iter()
            .any(|db| da.location == db.location && da.name == db.name && da.value != db.value)
    })
}

/// An example request section as name/value pairs.
type Entries = Vec<(String, Value)>;

fn strings(m: &indexmap::IndexMap<String, String>) -> Entries {
    m.iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect()
}

fn list<S: AsRef<str>>(names: impl Iterator<Item = S>) -> String {
    let v: Vec<String> = names.map(|n| format!("`{}`", n.as_ref())).collect();
    if v.is_empty() {
        "(none declared)".to_string()
    } else {
        v.join(", ")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
