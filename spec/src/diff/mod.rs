//! A semantic diff of two sets of validated specs, graded from a client user's point of view.
//!
//! Specs are matched by provider id, then operations by id, parameters by (location, name),
//! types by name, fields by wire name, enum values, error cases and examples by name, errata
//! by id. Each difference is a [`Change`] produced by one entry of [`rules::RULES`] (a stable
//! id and a [`Level`]), located by a human path (`get_item › parameter query verbose`) and
//! naming the public Rust items it touches. The Rust names come from the caller through
//! [`Names`] (codegen owns them), so this crate never duplicates the naming rules.
//!
//! Whether a named type's field is a request or a response field depends on where the type
//! is reachable from: parameters (request), the payload and error bodies (response), or both
//! (the worse of the two rules applies).

pub mod render;
pub mod rules;

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::format::{AuthRef, Field, Kind, Operation, Parameter, Schema, Spec, TypeDef};
use crate::validate::Validated;

pub use self::rules::{rule, Level, Rule, RULES};

/// A public item of the generated code, as the diff asks a [`Names`] provider about it.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    Provider,
    /// An operation: its client method, request type and error enum.
    Operation(&'a str),
    /// A parameter of an operation (a field of its request type; `new` when required).
    Parameter(&'a str, &'a str),
    /// The payload of an operation (the method's return type).
    Response(&'a str),
    /// A documented failure (a variant of the operation's error enum).
    ErrorCase(&'a str, &'a str),
    Type(&'a str),
    /// A field of a named object type.
    Field(&'a str, &'a str),
    /// A value of a named enum type.
    EnumValue(&'a str, &'a str),
    /// A credential scheme (its builder setter).
    Auth(&'a str),
    /// A base-URL variable.
    Variable(&'a str),
}

/// The public Rust items behind spec elements of one side of the diff.
pub trait Names {
    /// Paths such as `provider::GetItemRequest::verbose`; empty when unknown.
    fn items(&self, provider: &str, item: Item) -> Vec<String>;
}

/// No Rust names: the diff then names spec elements only.
pub struct NoNames;

impl Names for NoNames {
    fn items(&self, _: &str, _: Item) -> Vec<String> {
        Vec::new()
    }
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub rule: &'static str,
    pub level: Level,
    pub provider: String,
    /// Where in the provider's spec, e.g. `get_item › parameter query verbose`.
    pub at: String,
    pub message: String,
    /// Public Rust items that change (added, removed or altered).
    pub items: Vec<String>,
}

/// Every change between two spec sets, in spec order (providers by id).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
}

impl Report {
    /// The worst level of any change, `None` when nothing changed.
    pub fn level(&self) -> Option<Level> {
        self.changes.iter().map(|c| c.level).max()
    }

    pub fn count(&self, level: Level) -> usize {
        self.changes.iter().filter(|c| c.level == level).count()
    }
}

/// Compare `old` with `new`; each side's Rust item names come from its own [`Names`].
pub fn diff(
    old: &Validated,
    new: &Validated,
    old_names: &dyn Names,
    new_names: &dyn Names,
) -> Report {
    let olds: Vec<&Spec> = old.files().iter().map(|f| &f.spec).collect();
    let news: Vec<&Spec> = new.files().iter().map(|f| &f.spec).collect();
    diff_specs(&olds, &news, old_names, new_names)
}

/// [`diff`] over bare specs.
pub fn diff_specs(
    old: &[&Spec],
    new: &[&Spec],
    old_names: &dyn Names,
    new_names: &dyn Names,
) -> Report {
    let mut ids: Vec<&str> = old
        .iter()
        .chain(new)
        .map(|s| s.provider.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        let o = old.iter().find(|s| s.provider.id == id);
        let n = new.iter().find(|s| s.provider.id == id);
        let mut cx = Cx {
            provider: id,
            old_names,
            new_names,
            out: &mut out,
        };
        match (o, n) {
            (Some(o), Some(n)) => cx.spec(o, n),
            (Some(_), None) => {
                let items = old_names.items(id, Item::Provider);
                cx.emit(
                    "provider-removed",
                    "provider",
                    format!("provider `{id}` is removed"),
                    items,
                );
            }
            (None, Some(n)) => {
                let items = new_names.items(id, Item::Provider);
                let ops = n.operations.len();
                cx.emit(
                    "provider-added",
                    "provider",
                    format!("provider `{id}` is added ({ops} operation(s))"),
                    items,
                );
            }
            (None, None) => {}
        }
    }
    Report { changes: out }
}

/// Which way values of a type travel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Request,
    Response,
    Both,
}

struct Cx<'a, 'o> {
    provider: &'a str,
    old_names: &'a dyn Names,
    new_names: &'a dyn Names,
    out: &'o mut Vec<Change>,
}

fn join(a: &str, b: impl std::fmt::Display) -> String {
    format!("{a} › {b}")
}

impl Cx<'_, '_> {
    fn emit(
        &mut self,
        rule_id: &str,
        at: impl Into<String>,
        message: impl Into<String>,
        items: Vec<String>,
    ) {
        let r = rule(rule_id);
        let mut items = items;
        items.sort();
        items.dedup();
        self.out.push(Change {
            rule: r.id,
            level: r.level,
            provider: self.provider.to_string(),
            at: at.into(),
            message: message.into(),
            items,
        });
    }

    /// Items of `item` on both sides (old first), deduplicated.
    fn both(&self, item: Item) -> Vec<String> {
        let mut v = self.old_names.items(self.provider, item);
        v.extend(self.new_names.items(self.provider, item));
        v
    }

    fn old_items(&self, item: Item) -> Vec<String> {
        self.old_names.items(self.provider, item)
    }

    fn new_items(&self, item: Item) -> Vec<String> {
        self.new_names.items(self.provider, item)
    }

    /// The rule of the two that applies to `dir` (the worse one for both directions).
    fn pick<'r>(dir: Dir, request: &'r str, response: &'r str) -> &'r str {
        match dir {
            Dir::Request => request,
            Dir::Response => response,
            Dir::Both => {
                if rule(request).level >= rule(response).level {
                    request
                } else {
                    response
                }
            }
        }
    }

    fn spec(&mut self, o: &Spec, n: &Spec) {
        self.provider_part(o, n);
        self.auth(o, n);
        let dirs = directions(o, n);
        self.types(o, n, &dirs);
        self.operations(o, n);
        self.errata(o, n);
    }

    fn provider_part(&mut self, o: &Spec, n: &Spec) {
        let (op, np) = (&o.provider, &n.provider);
        let at = "provider";
        if op.base_url != np.base_url {
            self.emit(
                "base-url-changed",
                at,
                format!("base URL `{}` → `{}`", op.base_url, np.base_url),
                vec![],
            );
        }
        if op.version != np.version {
            self.emit(
                "api-version-changed",
                at,
                format!(
                    "API version {} → {}",
                    show_opt(&op.version),
                    show_opt(&np.version)
                ),
                vec![],
            );
        }
        for (name, v) in &op.variables {
            match np.variables.get(name) {
                None => {
                    let items = self.old_items(Item::Variable(name));
                    self.emit(
                        "variable-removed",
                        join(at, format!("variable {name}")),
                        format!("base-URL variable `{name}` is removed"),
                        items,
                    );
                }
                Some(nv) if nv.default != v.default => {
                    let items = self.new_items(Item::Variable(name));
                    self.emit(
                        "variable-default-changed",
                        join(at, format!("variable {name}")),
                        format!(
                            "default of `{name}` {} → {}",
                            show_opt(&v.default),
                            show_opt(&nv.default)
                        ),
                        items,
                    );
                }
                _ => {}
            }
        }
        for (name, v) in &np.variables {
            if !op.variables.contains_key(name) {
                let items = self.new_items(Item::Variable(name));
                let rule_id = if v.default.is_some() {
                    "variable-added-with-default"
                } else {
                    "variable-added"
                };
                self.emit(
                    rule_id,
                    join(at, format!("variable {name}")),
                    format!("base-URL variable `{name}` is added"),
                    items,
                );
            }
        }
        for s in &op.sources {
            match np.sources.iter().find(|x| x.file == s.file) {
                None => self.emit(
                    "source-removed",
                    join(at, format!("source {}", s.file)),
                    format!("source page `{}` is no longer recorded", s.file),
                    vec![],
                ),
                Some(x) if !x.sha256.eq_ignore_ascii_case(&s.sha256) => self.emit(
                    "source-fingerprint-changed",
                    join(at, format!("source {}", s.file)),
                    format!(
                        "page `{}` was re-read: SHA-256 {} → {}",
                        s.file,
                        short(&s.sha256),
                        short(&x.sha256)
                    ),
                    vec![],
                ),
                _ => {}
            }
        }
        for s in &np.sources {
            if !op.sources.iter().any(|x| x.file == s.file) {
                self.emit(
                    "source-added",
                    join(at, format!("source {}", s.file)),
                    format!("source page `{}` ({}) is recorded", s.file, s.title),
                    vec![],
                );
            }
        }
        if o.mock != n.mock {
            self.emit(
                "mock-behaviour-changed",
                "mock",
                "the mock's replies to broken requests change",
                vec![],
            );
        }
    }

    fn auth(&mut self, o: &Spec, n: &Spec) {
        for (id, s) in &o.auth {
            let at = format!("auth {id}");
            match n.auth.get(id) {
                None => {
                    let items = self.old_items(Item::Auth(id));
                    self.emit(
                        "auth-scheme-removed",
                        at,
                        format!("credential scheme `{id}` is removed"),
                        items,
                    );
                }
                Some(ns) => {
                    let (ok, nk) = (auth_shape(s), auth_shape(ns));
                    if ok != nk {
                        let items = self.both(Item::Auth(id));
                        self.emit(
                            "auth-scheme-changed",
                            at,
                            format!("credential `{id}` travels as {ok}, now as {nk}"),
                            items,
                        );
                    }
                }
            }
        }
        for id in n.auth.keys() {
            if !o.auth.contains_key(id) {
                let items = self.new_items(Item::Auth(id));
                self.emit(
                    "auth-scheme-added",
                    format!("auth {id}"),
                    format!("credential scheme `{id}` is added"),
                    items,
                );
            }
        }
    }

    fn types(&mut self, o: &Spec, n: &Spec, dirs: &HashMap<String, Dir>) {
        for (name, od) in &o.types {
            let at = format!("type {name}");
            let dir = dirs.get(name).copied().unwrap_or(Dir::Both);
            let Some(nd) = n.types.get(name) else {
                let items = self.old_items(Item::Type(name));
                self.emit(
                    "type-removed",
                    at,
                    format!("type `{name}` is removed"),
                    items,
                );
                continue;
            };
            let (oe, ne) = (!od.values.is_empty(), !nd.values.is_empty());
            if oe != ne {
                let items = self.both(Item::Type(name));
                let kind = |e: bool| if e { "an enum" } else { "an object" };
                self.emit(
                    "type-kind-changed",
                    at,
                    format!("`{name}` was {}, is now {}", kind(oe), kind(ne)),
                    items,
                );
                continue;
            }
            if od.description != nd.description {
                let items = self.new_items(Item::Type(name));
                self.emit(
                    "type-docs-changed",
                    at.clone(),
                    format!("description of `{name}` changes"),
                    items,
                );
            }
            if oe {
                self.enum_values(name, &at, od, nd, dir);
            } else {
                self.fields(name, &at, &od.fields, &nd.fields, dir);
            }
        }
        for name in n.types.keys() {
            if !o.types.contains_key(name) {
                let items = self.new_items(Item::Type(name));
                self.emit(
                    "type-added",
                    format!("type {name}"),
                    format!("type `{name}` is added"),
                    items,
                );
            }
        }
    }

    fn enum_values(&mut self, ty: &str, at: &str, od: &TypeDef, nd: &TypeDef, dir: Dir) {
        for v in &od.values {
            let vat = join(at, format!("value {}", v.value));
            match nd.values.iter().find(|x| x.value == v.value) {
                None => {
                    let items = self.old_items(Item::EnumValue(ty, &v.value));
                    let r = Self::pick(
                        dir,
                        "request-enum-value-removed",
                        "response-enum-value-removed",
                    );
                    self.emit(
                        r,
                        vat,
                        format!("`{ty}` no longer has the value `{}`", v.value),
                        items,
                    );
                }
                Some(x) if x.description != v.description => {
                    let items = self.new_items(Item::EnumValue(ty, &v.value));
                    self.emit(
                        "enum-value-docs-changed",
                        vat,
                        format!("description of `{ty}` value `{}` changes", v.value),
                        items,
                    );
                }
                _ => {}
            }
        }
        for v in &nd.values {
            if !od.values.iter().any(|x| x.value == v.value) {
                let items = self.new_items(Item::EnumValue(ty, &v.value));
                let r = Self::pick(dir, "request-enum-value-added", "response-enum-value-added");
                self.emit(
                    r,
                    join(at, format!("value {}", v.value)),
                    format!("`{ty}` gains the value `{}`", v.value),
                    items,
                );
            }
        }
    }

    fn fields(&mut self, ty: &str, at: &str, of: &[Field], nf: &[Field], dir: Dir) {
        for f in of {
            let fat = join(at, format!("field {}", f.name));
            let Some(g) = nf.iter().find(|x| x.name == f.name) else {
                let items = self.old_items(Item::Field(ty, &f.name));
                let r = Self::pick(dir, "request-field-removed", "response-field-removed");
                self.emit(
                    r,
                    fat,
                    format!("field `{}` of `{ty}` is removed", f.name),
                    items,
                );
                continue;
            };
            let items = self.both(Item::Field(ty, &f.name));
            if f.description != g.description {
                self.emit(
                    "type-docs-changed",
                    fat.clone(),
                    format!("description of `{ty}.{}` changes", f.name),
                    items.clone(),
                );
            }
            if f.role != g.role {
                self.emit(
                    "field-role-changed",
                    fat.clone(),
                    format!(
                        "role of `{ty}.{}` {} → {}",
                        f.name,
                        role(f.role),
                        role(g.role)
                    ),
                    items.clone(),
                );
            }
            self.value(
                &fat, &items, dir, f.required, g.required, &f.schema, &g.schema, false,
            );
        }
        for g in nf {
            if !of.iter().any(|x| x.name == g.name) {
                let items = self.new_items(Item::Field(ty, &g.name));
                let r = match dir {
                    Dir::Response => "response-field-added",
                    _ if g.required => "new-required-request-field",
                    _ => "new-optional-request-field",
                };
                self.emit(
                    r,
                    join(at, format!("field {}", g.name)),
                    format!("field `{}` is added to `{ty}`", g.name),
                    items,
                );
            }
        }
    }

    /// A field or parameter present on both sides: optionality, nullability, type and
    /// constraints. `param` selects the parameter rules (always request direction).
    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        at: &str,
        items: &[String],
        dir: Dir,
        oreq: bool,
        nreq: bool,
        os: &Schema,
        ns: &Schema,
        param: bool,
    ) {
        let items = items.to_vec();
        if param {
            if !oreq && nreq {
                self.emit(
                    "request-parameter-became-required",
                    at,
                    "the parameter becomes required",
                    items.clone(),
                );
            } else if oreq && !nreq {
                self.emit(
                    "request-parameter-became-optional",
                    at,
                    "the parameter becomes optional",
                    items.clone(),
                );
            }
        } else {
            if dir != Dir::Request {
                if !os.nullable && ns.nullable {
                    self.emit(
                        "response-field-became-nullable",
                        at,
                        "the field may now be null",
                        items.clone(),
                    );
                } else if oreq && !nreq {
                    self.emit(
                        "response-field-became-optional",
                        at,
                        "the field may now be absent",
                        items.clone(),
                    );
                } else if (!oreq || os.nullable) && nreq && !ns.nullable {
                    self.emit(
                        "response-field-became-required",
                        at,
                        "the field is now always present and non-null",
                        items.clone(),
                    );
                }
            }
            if dir != Dir::Response {
                if !oreq && nreq {
                    self.emit(
                        "request-field-became-required",
                        at,
                        "the field becomes required",
                        items.clone(),
                    );
                } else if oreq && !nreq {
                    self.emit(
                        "request-field-became-optional",
                        at,
                        "the field becomes optional",
                        items.clone(),
                    );
                }
            }
        }
        let (req_type, resp_type) = if param {
            (
                "request-parameter-type-changed",
                "request-parameter-type-changed",
            )
        } else {
            ("request-field-type-changed", "response-field-type-changed")
        };
        let (ot, nt) = (type_text(os), type_text(ns));
        if ot != nt {
            let r = Self::pick(dir, req_type, resp_type);
            self.emit(r, at, format!("type `{ot}` → `{nt}`"), items.clone());
            return;
        }
        if dir != Dir::Response && os.nullable != ns.nullable {
            let what = if ns.nullable {
                "now accepts null"
            } else {
                "no longer accepts null"
            };
            self.emit(
                "request-value-nullability-changed",
                at,
                format!("the value {what}"),
                items.clone(),
            );
        }
        self.constraints(at, &items, dir, os, ns);
    }

    fn constraints(&mut self, at: &str, items: &[String], dir: Dir, os: &Schema, ns: &Schema) {
        let mut found: Vec<(bool, String)> = Vec::new();
        let mut lower = |what: &str, a: Option<i64>, b: Option<i64>| {
            if a != b {
                found.push((
                    tighter_lower(a, b),
                    format!("{what} {} → {}", show_num(a), show_num(b)),
                ));
            }
        };
        lower("minimum", os.minimum, ns.minimum);
        lower(
            "min_length",
            os.min_length.map(i64::from),
            ns.min_length.map(i64::from),
        );
        lower(
            "min_items",
            os.min_items.map(i64::from),
            ns.min_items.map(i64::from),
        );
        let mut upper = |what: &str, a: Option<i64>, b: Option<i64>| {
            if a != b {
                found.push((
                    tighter_upper(a, b),
                    format!("{what} {} → {}", show_num(a), show_num(b)),
                ));
            }
        };
        upper("maximum", os.maximum, ns.maximum);
        upper(
            "max_length",
            os.max_length.map(i64::from),
            ns.max_length.map(i64::from),
        );
        upper(
            "max_items",
            os.max_items.map(i64::from),
            ns.max_items.map(i64::from),
        );
        let mut text = |what: &str, a: Option<&str>, b: Option<&str>| {
            if a != b {
                // Any other pattern may refuse values the old one took: tightened unless removed.
                found.push((
                    b.is_some(),
                    format!("{what} {} → {}", show_str(a), show_str(b)),
                ));
            }
        };
        text("pattern", os.pattern.as_deref(), ns.pattern.as_deref());
        text(
            "forbidden_chars",
            os.forbidden_chars.as_deref(),
            ns.forbidden_chars.as_deref(),
        );
        text(
            "format",
            os.format.map(|f| f.name()),
            ns.format.map(|f| f.name()),
        );
        for (tightened, msg) in found {
            let rules = if tightened {
                (
                    "request-constraint-tightened",
                    "response-constraint-tightened",
                )
            } else {
                (
                    "request-constraint-loosened",
                    "response-constraint-loosened",
                )
            };
            let r = Self::pick(dir, rules.0, rules.1);
            self.emit(r, at, msg, items.to_vec());
        }
        if let (Some(oi), Some(ni)) = (&os.items, &ns.items) {
            self.constraints(&join(at, "items"), items, dir, oi, ni);
        }
    }

    fn operations(&mut self, o: &Spec, n: &Spec) {
        for op in &o.operations {
            match n.operations.iter().find(|x| x.id == op.id) {
                None => {
                    let items = self.old_items(Item::Operation(&op.id));
                    self.emit(
                        "operation-removed",
                        op.id.clone(),
                        format!(
                            "operation `{}` ({} {}) is removed",
                            op.id,
                            op.method.as_str(),
                            op.path
                        ),
                        items,
                    );
                }
                Some(np) => self.operation(op, np),
            }
        }
        for np in &n.operations {
            if !o.operations.iter().any(|x| x.id == np.id) {
                let items = self.new_items(Item::Operation(&np.id));
                self.emit(
                    "operation-added",
                    np.id.clone(),
                    format!(
                        "operation `{}` ({} {}) is added",
                        np.id,
                        np.method.as_str(),
                        np.path
                    ),
                    items,
                );
            }
        }
    }

    fn operation(&mut self, o: &Operation, n: &Operation) {
        let id = o.id.as_str();
        let at = id.to_string();
        let op_items = || Item::Operation(id);
        if o.method != n.method {
            let items = self.new_items(op_items());
            self.emit(
                "operation-method-changed",
                &*at,
                format!("method {} → {}", o.method.as_str(), n.method.as_str()),
                items,
            );
        }
        if o.path != n.path {
            let items = self.new_items(op_items());
            self.emit(
                "operation-path-changed",
                &*at,
                format!("path `{}` → `{}`", o.path, n.path),
                items,
            );
        }
        if o.discriminators != n.discriminators {
            let items = self.new_items(op_items());
            self.emit(
                "operation-discriminators-changed",
                &*at,
                "the fixed selecting parameters change",
                items,
            );
        }
        if o.effect != n.effect {
            self.emit(
                "operation-effect-changed",
                &*at,
                format!("effect {:?} → {:?}", o.effect, n.effect).to_lowercase(),
                vec![],
            );
        }
        let docs = [
            ("summary", o.summary != n.summary),
            ("description", o.description != n.description),
            ("source page", o.source != n.source),
            ("since", o.since != n.since),
            (
                "address_documented",
                o.address_documented != n.address_documented,
            ),
        ];
        let changed: Vec<&str> = docs.iter().filter(|d| d.1).map(|d| d.0).collect();
        if !changed.is_empty() {
            let items = self.new_items(op_items());
            self.emit(
                "operation-docs-changed",
                &*at,
                format!("{} change(s)", changed.join(", ")),
                items,
            );
        }
        if o.auth != n.auth {
            // Alternatives read as `a or b`; the builder setters named are the new ones'.
            let ids = |a: &Option<AuthRef>| a.as_ref().map(|r| r.ids().join(" or "));
            let first = n
                .auth
                .as_ref()
                .and_then(|r| r.ids().first())
                .map(String::as_str);
            let items = self.new_items(Item::Auth(first.unwrap_or_default()));
            self.emit(
                "operation-auth-changed",
                &*at,
                format!(
                    "credential {} → {}",
                    show_opt(&ids(&o.auth)),
                    show_opt(&ids(&n.auth))
                ),
                items,
            );
        }
        if o.request.body != n.request.body {
            let items = self.new_items(op_items());
            self.emit(
                "request-body-encoding-changed",
                &*at,
                format!("body encoding {} → {}", enc(o), enc(n)),
                items,
            );
        }
        self.parameters(id, &at, &o.request.parameters, &n.request.parameters);
        // response
        if o.response.status != n.response.status {
            let items = self.new_items(Item::Response(id));
            self.emit(
                "success-status-changed",
                join(&at, "response"),
                format!(
                    "success status {} → {}",
                    o.response.status, n.response.status
                ),
                items,
            );
        }
        let (ot, nt) = (type_text(&o.response.schema), type_text(&n.response.schema));
        if ot != nt || o.response.schema.nullable != n.response.schema.nullable {
            let items = self.new_items(Item::Response(id));
            self.emit(
                "response-body-type-changed",
                join(&at, "response"),
                format!("payload `{ot}` → `{nt}`"),
                items,
            );
        } else {
            let items = self.new_items(Item::Response(id));
            self.constraints(
                &join(&at, "response"),
                &items,
                Dir::Response,
                &o.response.schema,
                &n.response.schema,
            );
        }
        if o.response.envelope != n.response.envelope {
            let items = self.new_items(Item::Response(id));
            self.emit(
                "response-envelope-changed",
                join(&at, "response"),
                format!(
                    "envelope {} → {}",
                    envelope(&o.response.envelope),
                    envelope(&n.response.envelope)
                ),
                items,
            );
        }
        self.errors(id, &at, o, n);
        match (&o.pagination, &n.pagination) {
            (Some(_), None) => {
                let items = self.old_items(op_items());
                self.emit(
                    "pagination-removed",
                    join(&at, "pagination"),
                    "the operation is no longer paginated",
                    items,
                );
            }
            (None, Some(_)) => {
                let items = self.new_items(op_items());
                self.emit(
                    "pagination-added",
                    join(&at, "pagination"),
                    "the operation is now paginated",
                    items,
                );
            }
            (Some(a), Some(b)) if a != b => {
                let items = self.new_items(op_items());
                self.emit(
                    "pagination-changed",
                    join(&at, "pagination"),
                    "pagination parameters change",
                    items,
                );
            }
            _ => {}
        }
        self.examples(&at, o, n);
    }

    fn parameters(&mut self, op: &str, at: &str, op_: &[Parameter], np: &[Parameter]) {
        for p in op_ {
            let pat = join(at, format!("parameter {} {}", p.location.as_str(), p.name));
            // Matched by (location, name); a parameter that only moved is matched by name.
            let same = np
                .iter()
                .find(|x| x.name == p.name && x.location == p.location);
            let moved = np.iter().find(|x| {
                x.name == p.name
                    && !op_
                        .iter()
                        .any(|y| y.name == x.name && y.location == x.location)
            });
            let Some(q) = same.or(moved) else {
                let items = self.old_items(Item::Parameter(op, &p.name));
                self.emit(
                    "request-parameter-removed",
                    pat,
                    format!("parameter `{}` is removed", p.name),
                    items,
                );
                continue;
            };
            let items = self.both(Item::Parameter(op, &p.name));
            if q.location != p.location {
                self.emit(
                    "request-parameter-location-changed",
                    pat.clone(),
                    format!(
                        "`{}` moves from {} to {}",
                        p.name,
                        p.location.as_str(),
                        q.location.as_str()
                    ),
                    items.clone(),
                );
            }
            if p.default != q.default {
                self.emit(
                    "request-parameter-default-changed",
                    pat.clone(),
                    format!(
                        "default {} → {}",
                        show_val(&p.default),
                        show_val(&q.default)
                    ),
                    items.clone(),
                );
            }
            if p.role != q.role {
                self.emit(
                    "request-parameter-role-changed",
                    pat.clone(),
                    format!("role {} → {}", role(p.role), role(q.role)),
                    items.clone(),
                );
            }
            if p.description != q.description {
                self.emit(
                    "request-parameter-docs-changed",
                    pat.clone(),
                    "description changes",
                    items.clone(),
                );
            }
            self.value(
                &pat,
                &items,
                Dir::Request,
                p.required,
                q.required,
                &p.schema,
                &q.schema,
                true,
            );
        }
        for q in np {
            if !op_.iter().any(|p| p.name == q.name) {
                let items = self.new_items(Item::Parameter(op, &q.name));
                let r = if q.required {
                    "new-required-request-parameter"
                } else {
                    "new-optional-request-parameter"
                };
                let req = if q.required { "required" } else { "optional" };
                self.emit(
                    r,
                    join(at, format!("parameter {} {}", q.location.as_str(), q.name)),
                    format!("{req} parameter `{}` is added", q.name),
                    items,
                );
            }
        }
    }

    fn errors(&mut self, op: &str, at: &str, o: &Operation, n: &Operation) {
        for e in &o.errors {
            let eat = join(at, format!("error {}", e.name));
            let Some(f) = n.errors.iter().find(|x| x.name == e.name) else {
                let items = self.old_items(Item::ErrorCase(op, &e.name));
                self.emit(
                    "error-case-removed",
                    eat,
                    format!("failure `{}` is removed", e.name),
                    items,
                );
                continue;
            };
            let items = self.both(Item::ErrorCase(op, &e.name));
            if e.status != f.status || e.status_documented != f.status_documented {
                self.emit(
                    "error-case-status-changed",
                    eat.clone(),
                    format!("status {} → {}", e.status, f.status),
                    items.clone(),
                );
            }
            if type_text(&e.schema) != type_text(&f.schema) {
                self.emit(
                    "error-case-body-changed",
                    eat.clone(),
                    format!(
                        "body `{}` → `{}`",
                        type_text(&e.schema),
                        type_text(&f.schema)
                    ),
                    items.clone(),
                );
            }
            if e.matcher != f.matcher || e.retryable != f.retryable {
                self.emit(
                    "error-case-matching-changed",
                    eat.clone(),
                    "how the failure is recognised or retried changes",
                    items.clone(),
                );
            }
            if e.description != f.description {
                self.emit("error-case-docs-changed", eat, "description changes", items);
            }
        }
        for f in &n.errors {
            if !o.errors.iter().any(|x| x.name == f.name) {
                let items = self.new_items(Item::ErrorCase(op, &f.name));
                self.emit(
                    "error-case-added",
                    join(at, format!("error {}", f.name)),
                    format!("failure `{}` (status {}) is added", f.name, f.status),
                    items,
                );
            }
        }
    }

    fn examples(&mut self, at: &str, o: &Operation, n: &Operation) {
        for e in &o.examples {
            let eat = join(at, format!("example {}", e.name));
            match n.examples.iter().find(|x| x.name == e.name) {
                None => self.emit(
                    "example-removed",
                    eat,
                    format!("example `{}` is removed", e.name),
                    vec![],
                ),
                Some(f) if f != e => self.emit(
                    "example-changed",
                    eat,
                    format!("example `{}` changes", e.name),
                    vec![],
                ),
                _ => {}
            }
        }
        for f in &n.examples {
            if !o.examples.iter().any(|x| x.name == f.name) {
                self.emit(
                    "example-added",
                    join(at, format!("example {}", f.name)),
                    format!("example `{}` is added", f.name),
                    vec![],
                );
            }
        }
    }

    fn errata(&mut self, o: &Spec, n: &Spec) {
        for e in &o.errata {
            let at = format!("erratum {}", e.id);
            match n.errata.iter().find(|x| x.id == e.id) {
                None => self.emit(
                    "erratum-removed",
                    at,
                    format!("erratum {} ({}) is dropped", e.id, e.source),
                    vec![],
                ),
                Some(f) if f != e => self.emit(
                    "erratum-changed",
                    at,
                    format!("erratum {} ({}, {}) changes", e.id, f.source, f.location),
                    vec![],
                ),
                _ => {}
            }
        }
        for f in &n.errata {
            if !o.errata.iter().any(|x| x.id == f.id) {
                self.emit(
                    "erratum-added",
                    format!("erratum {}", f.id),
                    format!(
                        "erratum {} ({}, {}): {}",
                        f.id, f.source, f.location, f.problem
                    ),
                    vec![],
                );
            }
        }
    }
}

/// Which way each named type's values travel, on either side (a type reachable from a
/// request on one side and a response on the other counts as both).
fn directions(o: &Spec, n: &Spec) -> HashMap<String, Dir> {
    let mut req = HashSet::new();
    let mut resp = HashSet::new();
    for s in [o, n] {
        for op in &s.operations {
            for p in &op.request.parameters {
                reach(s, &p.schema, &mut req);
            }
            reach(s, &op.response.schema, &mut resp);
            for e in &op.errors {
                reach(s, &e.schema, &mut resp);
            }
        }
    }
    let names: BTreeSet<&String> = o.types.keys().chain(n.types.keys()).collect();
    names
        .into_iter()
        .map(|t| {
            let d = match (req.contains(t.as_str()), resp.contains(t.as_str())) {
                (true, false) => Dir::Request,
                (false, true) => Dir::Response,
                _ => Dir::Both,
            };
            (t.clone(), d)
        })
        .collect()
}

fn reach<'s>(spec: &'s Spec, schema: &'s Schema, seen: &mut HashSet<&'s str>) {
    if let Some(r) = &schema.reference {
        if seen.insert(r.as_str()) {
            if let Some(def) = spec.types.get(r) {
                for f in &def.fields {
                    reach(spec, &f.schema, seen);
                }
            }
        }
    }
    if let Some(i) = &schema.items {
        reach(spec, i, seen);
    }
    for v in &schema.variants {
        if let Some(s) = &v.schema {
            reach(spec, s, seen);
        }
    }
}

/// The shape of a schema that decides its Rust type: kind, reference, element type,
/// alternatives and wire encoding (constraints and nullability are compared separately).
fn type_text(s: &Schema) -> String {
    let base = match s.kind {
        Kind::Ref => s.reference.clone().unwrap_or_default(),
        Kind::Array => format!(
            "[{}]",
            s.items
                .as_deref()
                .map(type_text_nullable)
                .unwrap_or_default()
        ),
        Kind::OneOf => {
            let v: Vec<String> = s
                .variants
                .iter()
                .map(|v| match (&v.schema, &v.literal) {
                    (Some(x), _) => format!("{}: {}", v.name, type_text_nullable(x)),
                    (None, Some(l)) => format!("{}: {l}", v.name),
                    (None, None) => v.name.clone(),
                })
                .collect();
            format!("one_of({})", v.join(" | "))
        }
        k => serde_json::to_value(k)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default(),
    };
    match s.wire {
        Some(w) => format!(
            "{base} as {}",
            serde_json::to_value(w)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        ),
        None => base,
    }
}

fn type_text_nullable(s: &Schema) -> String {
    if s.nullable {
        format!("{}?", type_text(s))
    } else {
        type_text(s)
    }
}

fn tighter_lower(a: Option<i64>, b: Option<i64>) -> bool {
    match (a, b) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b > a,
        _ => false,
    }
}

fn tighter_upper(a: Option<i64>, b: Option<i64>) -> bool {
    match (a, b) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => b < a,
        _ => false,
    }
}

fn auth_shape(s: &crate::format::AuthScheme) -> String {
    use crate::format::AuthScheme::*;
    match s {
        Query { name, .. } => format!("query `{name}`"),
        Header { name, .. } => format!("header `{name}`"),
        Form { name, .. } => format!("form field `{name}`"),
        Signature { algorithm, .. } => format!("signature `{algorithm}`"),
    }
}

fn enc(o: &Operation) -> &'static str {
    o.request.body.map_or("none", |b| b.media_type())
}

fn envelope(e: &Option<crate::format::Envelope>) -> &'static str {
    match e {
        None => "none",
        Some(crate::format::Envelope::ResultCode { .. }) => "result_code",
        Some(crate::format::Envelope::XmlJson { .. }) => "xml_json",
    }
}

fn role(r: Option<crate::format::Role>) -> &'static str {
    r.map_or("none", |r| r.as_str())
}

fn show_opt(s: &Option<String>) -> String {
    s.as_deref().map_or("(none)".into(), |s| format!("`{s}`"))
}

fn show_num(n: Option<i64>) -> String {
    n.map_or("(none)".into(), |n| n.to_string())
}

fn show_str(s: Option<&str>) -> String {
    s.map_or("(none)".into(), |s| format!("`{s}`"))
}

fn show_val(v: &Option<Value>) -> String {
    v.as_ref().map_or("(none)".into(), |v| format!("`{v}`"))
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}
