//! The citation of every fact of a spec, resolved once: each operation, parameter, field,
//! constraint, default, enum value, status, error case and example, with what its page
//! lines must say and where it cites them. A fact without its own `cite:` takes the
//! enclosing block's (operation, type, parameter, schema); lines without a page take the
//! block's page (an operation's `source`, a type's cited page, or the provider's only page).

use serde_json::Value;

use super::fact::{Citation, CiteProblem, Cited, Claim, Expect, Fact, FactKind, Needle};
use crate::cite::{self, Part};
use crate::format::{
    AuthScheme, Cite, ErrorCase, Example, Format, Kind, Operation, Parameter, Schema, Spec,
};
use crate::vocab::{Cue, TypeWord};
use crate::yaml::PathSeg;

/// The enclosing block's citation and page.
#[derive(Clone, Default)]
struct Ctx {
    cite: Option<Cited>,
    page: Option<String>,
}

struct Walk<'a> {
    spec: &'a Spec,
    /// The parameter or field being walked (its schema's facts are on its row).
    row: Option<String>,
    /// False when only the problems are wanted (validation): facts are not kept.
    keep: bool,
    facts: Vec<Fact>,
    problems: Vec<CiteProblem>,
}

/// Every fact of `spec` with its resolved citation, and the citations that do not resolve.
pub fn collect(spec: &Spec) -> (Vec<Fact>, Vec<CiteProblem>) {
    walk(spec, true)
}

/// The citations of `spec` that do not resolve, without keeping its facts (a large spec has
/// many; validation needs only the problems).
pub fn problems(spec: &Spec) -> Vec<CiteProblem> {
    walk(spec, false).1
}

fn walk(spec: &Spec, keep: bool) -> (Vec<Fact>, Vec<CiteProblem>) {
    let mut w = Walk {
        spec,
        row: None,
        keep,
        facts: Vec::new(),
        problems: Vec::new(),
    };
    let top = Ctx {
        cite: None,
        page: match spec.provider.sources.as_slice() {
            [only] => Some(only.file.clone()),
            _ => None,
        },
    };
    for (id, scheme) in &spec.auth {
        let at = vec![PathSeg::from("auth"), PathSeg::from(id)];
        let ctx = w.resolve(&at, scheme.cite(), &top);
        let (label, expect) = match scheme {
            AuthScheme::Signature { algorithm, .. } => (
                format!("auth scheme `{id}` (signing, {algorithm})"),
                SIGNING_WORDS
                    .iter()
                    .map(|n| Needle::Name(n.to_string()))
                    .chain([Needle::Name(algorithm.clone())])
                    .collect(),
            ),
            other => {
                let name = other.wire_name().unwrap_or_default().to_string();
                w.row = Some(name.clone());
                (
                    format!("auth scheme `{id}` (`{name}`)"),
                    vec![Needle::Token(name)],
                )
            }
        };
        w.fact(FactKind::Auth, &label, &at, &ctx, vec![Expect(expect)]);
        w.last(|f| {
            f.named.push(id.clone());
            if let AuthScheme::Signature { algorithm, .. } = scheme {
                f.named.push(algorithm.clone());
            }
        });
        w.row = None;
    }
    for (name, def) in &spec.types {
        let at = vec![PathSeg::from("types"), PathSeg::from(name)];
        let ctx = w.resolve(&at, def.cite.as_ref(), &top);
        for (i, f) in def.fields.iter().enumerate() {
            let at = child(&at, "fields", i);
            let ctx = w.resolve(&at, f.cite.as_ref(), &ctx);
            let label = format!("field `{}` of `{name}`", f.name);
            w.row = Some(f.name.clone());
            w.fact(FactKind::Field, &label, &at, &ctx, vec![token(&f.name)]);
            w.claims(&at, &label, f.required, &f.schema, &ctx);
            w.schema(&path(&at, &["schema"]), &f.schema, &label, &ctx);
            w.row = None;
        }
        for (i, v) in def.values.iter().enumerate() {
            let at = child(&at, "values", i);
            let ctx = w.resolve(&at, v.cite.as_ref(), &ctx);
            let label = format!("value `{}` of `{name}`", v.value);
            w.fact(
                FactKind::EnumValue,
                &label,
                &at,
                &ctx,
                vec![Expect(vec![Needle::Listed(v.value.clone())])],
            );
        }
    }
    for (i, op) in spec.operations.iter().enumerate() {
        w.operation(vec!["operations".into(), i.into()], op, &top);
    }
    (w.facts, w.problems)
}

fn path(base: &[PathSeg], keys: &[&str]) -> Vec<PathSeg> {
    base.iter()
        .cloned()
        .chain(keys.iter().map(|k| PathSeg::from(*k)))
        .collect()
}

fn child(base: &[PathSeg], key: &str, i: usize) -> Vec<PathSeg> {
    let mut v = path(base, &[key]);
    v.push(i.into());
    v
}

fn token(s: &str) -> Expect {
    Expect(vec![Needle::Token(s.to_string())])
}

/// A JSON scalar as the page would print it.
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A documented value as a page may print it: as is, or escaped inside a JSON string.
fn printed(v: &str) -> Vec<Needle> {
    let json = serde_json::to_string(v).unwrap_or_default();
    let escaped = json
        .strip_prefix('"')
        .and_then(|j| j.strip_suffix('"'))
        .unwrap_or(v)
        .to_string();
    let mut out = vec![Needle::Token(v.to_string())];
    if escaped != v {
        out.push(Needle::Token(escaped));
    }
    out
}

/// How a page says requests are signed (any letter case), besides the algorithm's name.
const SIGNING_WORDS: &[&str] = &["AK/SK", "signature", "assinatura", "подпис"];

/// How a page may name a format: its name, and for a date its pattern letters
/// (`YYYY-MM-DD`); matched in any letter case.
fn written_names(f: Format) -> Vec<&'static str> {
    let mut names = vec![f.name()];
    if f == Format::Date {
        names.push("yyyy-MM-dd");
    }
    names
}

impl Walk<'_> {
    fn resolve(&mut self, at: &[PathSeg], cite: Option<&Cite>, parent: &Ctx) -> Ctx {
        let Some(cite) = cite else {
            return Ctx {
                cite: parent.cite.clone().map(|c| Cited { own: false, ..c }),
                page: parent.page.clone(),
            };
        };
        let cite_at = path(at, &["cite"]);
        let parts = match cite::parse(&cite.0) {
            Ok(p) => p,
            Err(problem) => {
                self.problem(&cite_at, format!("citation `{}`: {problem}", cite.0),
                    "write `PAGE:LINES` (e.g. `002:45-47`), `LINES`, `inferred: <reason>` or `erratum <id>`, joined by `; `");
                return parent.clone();
            }
        };
        let mut resolved = Vec::new();
        let mut page = None;
        for part in parts {
            match part {
                Part::Lines {
                    page: p,
                    first,
                    last,
                } => {
                    let file = match &p {
                        Some(prefix) => self.page_named(&cite_at, prefix),
                        None => parent.page.clone().or_else(|| {
                            self.problem(&cite_at, format!("citation `{}` gives lines but no page, and the enclosing block has none", cite.0),
                                format!("name the page: `PAGE:{first}-{last}` with a prefix of one of {}", self.sources()));
                            None
                        }),
                    };
                    if let Some(file) = file {
                        page.get_or_insert_with(|| file.clone());
                        resolved.push(Citation::Lines {
                            page: file,
                            first,
                            last,
                        });
                    }
                }
                Part::Inferred(r) => resolved.push(Citation::Inferred(r)),
                Part::Erratum(id) => match self.spec.errata.iter().find(|e| e.id == id) {
                    Some(e) => {
                        page.get_or_insert_with(|| e.source.clone());
                        resolved.push(Citation::Erratum(id));
                    }
                    None => self.problem(
                        &cite_at,
                        format!("citation names erratum `{id}`, which the spec does not record"),
                        format!(
                            "cite one of {}",
                            crate::diag::list_names(self.spec.errata.iter().map(|e| &e.id))
                        ),
                    ),
                },
            }
        }
        Ctx {
            cite: Some(Cited {
                parts: resolved,
                at: cite_at,
                own: true,
            }),
            page: page.or_else(|| parent.page.clone()),
        }
    }

    fn sources(&self) -> String {
        crate::diag::list_names(self.spec.provider.sources.iter().map(|s| &s.file))
    }

    fn page_named(&mut self, at: &[PathSeg], prefix: &str) -> Option<String> {
        let hits: Vec<&str> = self
            .spec
            .provider
            .sources
            .iter()
            .map(|s| s.file.as_str())
            .filter(|f| f.starts_with(prefix))
            .collect();
        match hits.as_slice() {
            [one] => Some(one.to_string()),
            [] => {
                self.problem(
                    at,
                    format!(
                        "citation names page `{prefix}`, which is not among the provider's sources"
                    ),
                    format!(
                        "name one of {} by a prefix of its file name",
                        self.sources()
                    ),
                );
                None
            }
            _ => {
                self.problem(
                    at,
                    format!("page prefix `{prefix}` names several sources"),
                    "write a longer prefix of the file name",
                );
                None
            }
        }
    }

    fn problem(&mut self, at: &[PathSeg], problem: String, fix: impl Into<String>) {
        self.problems.push(CiteProblem {
            at: at.to_vec(),
            problem,
            fix: fix.into(),
        });
    }

    fn fact(
        &mut self,
        kind: FactKind,
        label: &str,
        at: &[PathSeg],
        ctx: &Ctx,
        expect: Vec<Expect>,
    ) {
        if !self.keep {
            return;
        }
        let row = match kind {
            FactKind::Auth
            | FactKind::Discriminator
            | FactKind::Parameter
            | FactKind::Field
            | FactKind::Default
            | FactKind::Constraint
            | FactKind::Literal
            | FactKind::Type
            | FactKind::Required
            | FactKind::Nullable => self.row.clone(),
            _ => None,
        };
        let mut named: Vec<String> = row.iter().cloned().collect();
        named.extend(expect.iter().flat_map(|e| &e.0).filter_map(|n| match n {
            Needle::Token(t) | Needle::Listed(t) | Needle::Text(t) => Some(t.clone()),
            _ => None,
        }));
        self.facts.push(Fact {
            kind,
            label: label.to_string(),
            at: at.to_vec(),
            page: ctx.page.clone(),
            expect,
            cite: ctx.cite.clone(),
            row,
            cue: None,
            claim: None,
            named,
        });
    }

    fn operation(&mut self, at: Vec<PathSeg>, op: &Operation, top: &Ctx) {
        let base = Ctx {
            cite: None,
            page: Some(op.source.clone()).or_else(|| top.page.clone()),
        };
        let ctx = self.resolve(&at, op.cite.as_ref(), &base);
        let label = format!("operation `{}`", op.id);
        let mut route = vec![Needle::Text(op.path.clone())];
        route.extend(
            op.discriminators
                .iter()
                .map(|d| Needle::Token(d.value.clone())),
        );
        // The method and the address (its path, or a value that selects it on a shared URL).
        let method = Expect(vec![Needle::Token(op.method.as_str().into())]);
        self.fact(
            FactKind::Operation,
            &label,
            &at,
            &ctx,
            vec![method, Expect(route)],
        );
        for (i, d) in op.discriminators.iter().enumerate() {
            let at = child(&at, "discriminators", i);
            let c = self.resolve(&at, d.cite.as_ref(), &ctx);
            // A discriminator sent as a parameter is on that parameter's row.
            self.row = Some(d.name.clone());
            self.fact(
                FactKind::Discriminator,
                &format!("discriminator `{}={}` of `{}`", d.name, d.value, op.id),
                &at,
                &c,
                vec![token(&d.name), token(&d.value)],
            );
            self.row = None;
        }
        for (i, p) in op.request.parameters.iter().enumerate() {
            self.parameter(
                child(&path(&at, &["request"]), "parameters", i),
                op,
                p,
                &ctx,
            );
        }
        let rat = path(&at, &["response"]);
        let rctx = self.resolve(&rat, op.response.cite.as_ref(), &ctx);
        self.fact(
            FactKind::Status,
            &format!("success status {} of `{}`", op.response.status, op.id),
            &path(&rat, &["status"]),
            &rctx,
            vec![token(&op.response.status.to_string())],
        );
        self.schema(
            &path(&rat, &["schema"]),
            &op.response.schema,
            &format!("response of `{}`", op.id),
            &rctx,
        );
        let cases: Vec<Ctx> = op
            .errors
            .iter()
            .enumerate()
            .map(|(i, e)| self.error_case(child(&at, "errors", i), op, e, &ctx))
            .collect();
        for (i, ex) in op.examples.iter().enumerate() {
            // The lines that give the status of the example's response: its error case's,
            // else the operation's success status's.
            let status = match &ex.error {
                Some(name) => op
                    .errors
                    .iter()
                    .position(|e| &e.name == name)
                    .map(|k| &cases[k]),
                None => Some(&rctx),
            };
            self.example(child(&at, "examples", i), op, ex, &ctx, status);
        }
    }

    fn parameter(&mut self, at: Vec<PathSeg>, op: &Operation, p: &Parameter, parent: &Ctx) {
        let ctx = self.resolve(&at, p.cite.as_ref(), parent);
        let label = format!("parameter `{}` of `{}`", p.name, op.id);
        self.row = Some(p.name.clone());
        self.fact(FactKind::Parameter, &label, &at, &ctx, vec![token(&p.name)]);
        self.claims(&at, &label, p.required, &p.schema, &ctx);
        if let Some(d) = p.default.as_ref().and_then(scalar) {
            self.fact(
                FactKind::Default,
                &format!("default `{d}` of {label}"),
                &path(&at, &["default"]),
                &ctx,
                vec![token(&d)],
            );
            self.last(|f| {
                f.cue = Some(Cue::Default);
                f.named.push(d.clone());
            });
        }
        self.schema(&path(&at, &["schema"]), &p.schema, &label, &ctx);
        self.row = None;
    }

    /// Change the fact just recorded (when facts are kept).
    fn last(&mut self, change: impl FnOnce(&mut Fact)) {
        if let Some(f) = self.facts.last_mut().filter(|_| self.keep) {
            change(f);
        }
    }

    /// The type, required and nullable facts of a parameter or field at `at`.
    fn claims(&mut self, at: &[PathSeg], label: &str, required: bool, s: &Schema, parent: &Ctx) {
        // A schema's own `cite:` is about its type too.
        let ctx = match &s.cite {
            Some(c) => self.resolve(&path(at, &["schema"]), Some(c), parent),
            None => parent.clone(),
        };
        let words = self.type_words(s);
        let (tat, rat, nat) = (
            path(at, &["schema", "type"]),
            path(at, &["required"]),
            path(at, &["schema", "nullable"]),
        );
        let kind = s.kind;
        let shown = match (&s.reference, kind) {
            (Some(r), _) => format!("ref {r}"),
            (None, k) => format!("{k:?}").to_lowercase(),
        };
        self.fact(
            FactKind::Type,
            &format!("type `{shown}` of {label}"),
            &tat,
            &ctx,
            vec![],
        );
        self.last(|f| f.claim = Some(Claim::Type(words)));
        let shown = if required { "true" } else { "false" };
        self.fact(
            FactKind::Required,
            &format!("`required: {shown}` of {label}"),
            &rat,
            parent,
            vec![],
        );
        self.last(|f| f.claim = Some(Claim::Required(required)));
        if s.nullable {
            self.fact(
                FactKind::Nullable,
                &format!("`nullable: true` of {label}"),
                &nat,
                &ctx,
                vec![],
            );
            self.last(|f| {
                f.claim = Some(Claim::Nullable);
                f.named.push("null".into());
            });
        }
    }

    /// The words a page's type cell may use for `s`.
    fn type_words(&self, s: &Schema) -> Vec<TypeWord> {
        use TypeWord as T;
        match s.kind {
            Kind::String => vec![T::String],
            Kind::Integer => vec![T::Integer],
            Kind::Long => vec![T::Long, T::Integer],
            Kind::Number => vec![T::Number],
            Kind::Boolean => vec![T::Boolean],
            Kind::Array => vec![T::Array],
            Kind::Unit => vec![T::Object],
            Kind::OneOf => {
                let mut v: Vec<TypeWord> = s
                    .variants
                    .iter()
                    .flat_map(|x| match (&x.schema, &x.literal) {
                        (Some(vs), _) => self.type_words(vs),
                        (None, Some(Value::String(_))) => vec![T::String],
                        (None, Some(Value::Bool(_))) => vec![T::Boolean],
                        (None, Some(_)) => vec![T::Integer, T::Long, T::Number],
                        (None, None) => vec![],
                    })
                    .collect();
                v.dedup();
                v
            }
            Kind::Ref => match s.reference.as_ref().and_then(|r| self.spec.types.get(r)) {
                // An enumeration is written as its values' type.
                Some(t) if !t.values.is_empty() => vec![T::String],
                Some(t) if t.fields.is_empty() => vec![T::String],
                _ => vec![T::Object],
            },
        }
    }

    fn schema(&mut self, at: &[PathSeg], s: &Schema, owner: &str, parent: &Ctx) {
        let ctx = self.resolve(at, s.cite.as_ref(), parent);
        let constraint = |w: &mut Self, key: &str, shown: String, needles: Vec<Needle>| {
            w.fact(
                FactKind::Constraint,
                &format!("`{key}: {shown}` of {owner}"),
                &path(at, &[key]),
                &ctx,
                vec![Expect(needles)],
            );
        };
        let bounds = [
            ("minimum", s.minimum, Cue::Minimum),
            ("maximum", s.maximum, Cue::Maximum),
            ("min_length", s.min_length.map(i64::from), Cue::Minimum),
            ("max_length", s.max_length.map(i64::from), Cue::Maximum),
            ("min_items", s.min_items.map(i64::from), Cue::Minimum),
            ("max_items", s.max_items.map(i64::from), Cue::Maximum),
        ];
        for (key, n, cue) in bounds {
            if let Some(n) = n {
                constraint(self, key, n.to_string(), vec![Needle::Token(n.to_string())]);
                self.last(|f| f.cue = Some(cue));
            }
        }
        if let Some(f) = s.format {
            let sample = f
                .pattern()
                .trim_start_matches('^')
                .trim_end_matches('$')
                .to_string();
            let mut needles: Vec<Needle> = written_names(f)
                .into_iter()
                .map(|n| Needle::Name(n.to_string()))
                .collect();
            needles.push(Needle::Pattern(sample));
            constraint(self, "format", f.name().to_string(), needles);
        }
        if let Some(p) = &s.pattern {
            constraint(
                self,
                "pattern",
                p.clone(),
                vec![Needle::Transcribed(p.clone())],
            );
        }
        if let Some(chars) = &s.forbidden_chars {
            let needles = chars
                .chars()
                .map(|c| Expect(vec![Needle::Text(c.to_string())]))
                .collect();
            self.fact(
                FactKind::Constraint,
                &format!("`forbidden_chars: {chars}` of {owner}"),
                &path(at, &["forbidden_chars"]),
                &ctx,
                needles,
            );
        }
        if let Some(items) = &s.items {
            self.schema(&path(at, &["items"]), items, owner, &ctx);
        }
        for (i, v) in s.variants.iter().enumerate() {
            let vat = child(at, "variants", i);
            let vctx = self.resolve(&vat, v.cite.as_ref(), &ctx);
            if let Some(lit) = &v.literal {
                // The empty string has no text of its own to find: it is printed as `""`.
                let needle = match lit {
                    Value::String(t) if t.is_empty() => Needle::Text("\"\"".into()),
                    other => Needle::Token(scalar(other).unwrap_or_else(|| other.to_string())),
                };
                self.fact(
                    FactKind::Literal,
                    &format!("literal `{lit}` of {owner}"),
                    &path(&vat, &["literal"]),
                    &vctx,
                    vec![Expect(vec![needle])],
                );
            }
            if let Some(vs) = &v.schema {
                self.schema(&path(&vat, &["schema"]), vs, owner, &vctx);
            }
        }
    }
}

mod examples;

#[cfg(test)]
mod tests;
