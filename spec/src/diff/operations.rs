//! Operations: addresses, parameters, responses, documented failures and examples.

use super::*;

impl Cx<'_, '_> {
    pub(super) fn operations(&mut self, o: &Spec, n: &Spec) {
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

    pub(super) fn operation(&mut self, o: &Operation, n: &Operation) {
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
        let items = self.new_items(op_items());
        self.deprecation(
            "operation-deprecated",
            &at,
            &format!("operation `{id}`"),
            o.deprecated.as_ref(),
            n.deprecated.as_ref(),
            items,
        );
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

    pub(super) fn parameters(&mut self, op: &str, at: &str, op_: &[Parameter], np: &[Parameter]) {
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
                        "default {} → {}; behaviour: a call leaving `{}` unset now means {}",
                        show_val(&p.default),
                        show_val(&q.default),
                        p.name,
                        q.default
                            .as_ref()
                            .map_or("what the server chooses".into(), |v| format!("`{v}`"))
                    ),
                    items.clone(),
                );
            }
            if p.identifies != q.identifies {
                self.emit(
                    "request-parameter-identifies-changed",
                    pat.clone(),
                    format!(
                        "identifies {} → {}",
                        p.identifies.as_deref().unwrap_or("nothing"),
                        q.identifies.as_deref().unwrap_or("nothing")
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
            self.deprecation(
                "request-parameter-deprecated",
                &pat,
                &format!("parameter `{}`", p.name),
                p.deprecated.as_ref(),
                q.deprecated.as_ref(),
                items.clone(),
            );
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

    pub(super) fn errors(&mut self, op: &str, at: &str, o: &Operation, n: &Operation) {
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

    pub(super) fn examples(&mut self, at: &str, o: &Operation, n: &Operation) {
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
}
