//! Named types and schemas: names, kinds and the keywords that fit them, ordered bounds,
//! resolving references, compiling patterns.

use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use heck::ToUpperCamelCase;
use regex::Regex;

use super::path::P;
use super::Checker;
use crate::format::{Kind, Operation, Schema, TypeDef, Wire};
use crate::values;
use crate::yaml::nearest;

fn camel_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^[A-Z][A-Za-z0-9]*$").expect("static regex"))
}

impl Checker<'_> {
    pub(super) fn types(&mut self) {
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

    /// The schemas an operation declares inline (named types are checked once, in `types`).
    pub(super) fn operation_schemas(&mut self, at: &P, op: &Operation) {
        for (j, p) in op.request.parameters.iter().enumerate() {
            self.schema(&at.k("request").k("parameters").i(j).k("schema"), &p.schema);
        }
        self.schema(&at.k("response").k("schema"), &op.response.schema);
        for (i, e) in op.errors.iter().enumerate() {
            self.schema(&at.k("errors").i(i).k("schema"), &e.schema);
        }
    }
}
