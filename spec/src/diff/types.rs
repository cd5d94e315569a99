//! Named types and values: fields, enum values, schemas and their constraints.

use super::*;

impl Cx<'_, '_> {
    pub(super) fn types(&mut self, o: &Spec, n: &Spec, dirs: &HashMap<String, Dir>) {
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

    pub(super) fn enum_values(&mut self, ty: &str, at: &str, od: &TypeDef, nd: &TypeDef, dir: Dir) {
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

    pub(super) fn fields(&mut self, ty: &str, at: &str, of: &[Field], nf: &[Field], dir: Dir) {
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
            self.deprecation(
                "field-deprecated",
                &fat,
                &format!("field `{ty}.{}`", f.name),
                f.deprecated.as_ref(),
                g.deprecated.as_ref(),
                items.clone(),
            );
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
                    Dir::Response if g.required => "new-required-response-field",
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
    pub(super) fn value(
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

    pub(super) fn constraints(
        &mut self,
        at: &str,
        items: &[String],
        dir: Dir,
        os: &Schema,
        ns: &Schema,
    ) {
        let mut found: Vec<(bool, String)> = Vec::new();
        // A bound changed; `tighter` says whether the change refuses values accepted before.
        let mut bound = |what: &str,
                         a: Option<i64>,
                         b: Option<i64>,
                         tighter: fn(Option<i64>, Option<i64>) -> bool| {
            if a != b {
                found.push((
                    tighter(a, b),
                    format!("{what} {} → {}", show_num(a), show_num(b)),
                ));
            }
        };
        let wide = |n: Option<u32>| n.map(i64::from);
        bound("minimum", os.minimum, ns.minimum, tighter_lower);
        bound(
            "min_length",
            wide(os.min_length),
            wide(ns.min_length),
            tighter_lower,
        );
        bound(
            "min_items",
            wide(os.min_items),
            wide(ns.min_items),
            tighter_lower,
        );
        bound("maximum", os.maximum, ns.maximum, tighter_upper);
        bound(
            "max_length",
            wide(os.max_length),
            wide(ns.max_length),
            tighter_upper,
        );
        bound(
            "max_items",
            wide(os.max_items),
            wide(ns.max_items),
            tighter_upper,
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
}
