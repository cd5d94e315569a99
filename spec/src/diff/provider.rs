//! Provider-level changes: base URL, variables, sources, auth schemes and errata.

use super::*;

impl Cx<'_, '_> {
    pub(super) fn provider_part(&mut self, o: &Spec, n: &Spec) {
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

    pub(super) fn auth(&mut self, o: &Spec, n: &Spec) {
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

    pub(super) fn errata(&mut self, o: &Spec, n: &Spec) {
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
