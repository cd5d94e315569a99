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

mod cite;
mod operations;
mod provider;
pub mod render;
pub mod rules;
mod types;

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use crate::format::{
    AuthRef, Deprecated, Field, Kind, Operation, Parameter, Schema, Spec, TypeDef,
};
use crate::validate::Validated;

pub use self::rules::{rule, Breaks, Level, Rule, Wire, RULES};

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
    /// The page lines (or erratum, or inference) the old side cites for the changed element,
    /// or its nearest cited enclosing element; `None` where that side lacks it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite_before: Option<String>,
    /// The same on the new side.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite_after: Option<String>,
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
        let first = out.len();
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
        let (oc, nc) = (o.map(|s| cite::Cites::of(s)), n.map(|s| cite::Cites::of(s)));
        for c in &mut out[first..] {
            c.cite_before = oc.as_ref().and_then(|x| x.find(&c.at));
            c.cite_after = nc.as_ref().and_then(|x| x.find(&c.at));
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
    /// A deprecation mark set, withdrawn or reworded. `added` is the rule for a newly set
    /// mark; `what` names the item in messages.
    fn deprecation(
        &mut self,
        added: &'static str,
        at: &str,
        what: &str,
        o: Option<&Deprecated>,
        n: Option<&Deprecated>,
        items: Vec<String>,
    ) {
        let instead = |d: &Deprecated| {
            d.replacement
                .as_ref()
                .map(|r| format!(" (use `{r}` instead)"))
                .unwrap_or_default()
        };
        match (o, n) {
            (None, Some(d)) => self.emit(
                added,
                at,
                format!("{what} is deprecated: {}{}", d.reason, instead(d)),
                items,
            ),
            (Some(_), None) => self.emit(
                "deprecation-withdrawn",
                at,
                format!("{what} is no longer deprecated"),
                items,
            ),
            (Some(a), Some(b)) if a != b => self.emit(
                "deprecation-changed",
                at,
                format!("the deprecation of {what} changes{}", instead(b)),
                items,
            ),
            _ => {}
        }
    }

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
            cite_before: None,
            cite_after: None,
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
