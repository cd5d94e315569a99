//! Operations: ids, sources, auth, parameters and the path template, errors and their
//! matchers, pagination; and the per-provider uniqueness of operation ids and routes.

use std::collections::{BTreeMap, BTreeSet};

use super::path::P;
use super::{Checker, WIRE_OPTS};
use crate::diag::list_names;
use crate::format::{AuthRef, AuthScheme, BodyEncoding, Kind, Location, Operation, Role, Schema};
use crate::path::PathTemplate;
use crate::values;

impl Checker<'_> {
    pub(super) fn operation(&mut self, at: &P, op: &Operation) {
        let spec = self.spec;
        self.snake(&at.k("id"), "operation id", &op.id);
        if !spec.provider.sources.iter().any(|s| s.file == op.source) {
            self.report(
                &at.k("source"),
                format!("source `{}` is not one of `provider.sources`", op.source),
                format!(
                    "use one of {}",
                    list_names(spec.provider.sources.iter().map(|s| &s.file))
                ),
            );
        }
        if let Some(auth) = &op.auth {
            let ids = auth.ids();
            let (mut tokens, mut signing) = (Vec::new(), Vec::new());
            for (i, a) in ids.iter().enumerate() {
                let at = match auth {
                    AuthRef::One(_) => at.k("auth"),
                    AuthRef::Any(_) => at.k("auth").i(i),
                };
                match spec.auth.get(a) {
                    None => self.report(
                        &at,
                        format!("unknown auth scheme `{a}`"),
                        format!(
                            "declare it under `auth` or use one of {}",
                            list_names(spec.auth.keys())
                        ),
                    ),
                    Some(_) if ids[..i].contains(a) => self.report(
                        &at,
                        format!("auth scheme `{a}` is listed twice"),
                        "list each alternative once",
                    ),
                    Some(AuthScheme::Signature { .. }) => signing.push(a),
                    Some(_) => tokens.push(a),
                }
            }
            if ids.is_empty() {
                self.report(
                    &at.k("auth"),
                    "the list of auth alternatives is empty",
                    "list the schemes the provider accepts, or remove `auth`",
                );
            }
            // Live mode signs, but the reference replay and the generated protocol tests send
            // the token: a signed-only operation would go out without a credential there.
            if !signing.is_empty() && tokens.is_empty() {
                self.report(
                    &at.k("auth"),
                    format!(
                        "operation is signed only ({}); the replay on the mock and the generated \
                         protocol tests cannot sign yet and would send it without a credential",
                        list_names(signing.iter())
                    ),
                    "list the token scheme the provider also accepts as an alternative, e.g. \
                     `auth: [token, aksk]`",
                );
            }
            for (kind, found) in [("token", &tokens), ("signing", &signing)] {
                if found.len() > 1 {
                    self.report(
                        &at.k("auth"),
                        format!(
                            "{} {kind} schemes are alternatives ({}); a client sends one credential \
                             of each kind",
                            found.len(),
                            list_names(found.iter())
                        ),
                        format!("keep one {kind} scheme and at most one of the other kind"),
                    );
                }
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
                        format!("use one of {}", list_names(names.iter())),
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
                        format!("use one of {}", list_names(fields.iter())),
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
        // An example documenting no response is answered by the mock with the operation's
        // documented success, or an empty body when no example documents one: no envelope
        // reads an empty body, so the replay of that example would fail on the mock.
        if let Some(envelope) = &op.response.envelope {
            if !op
                .examples
                .iter()
                .any(|e| e.error.is_none() && e.response.is_some())
            {
                if let Some(i) = op
                    .examples
                    .iter()
                    .position(|e| e.error.is_none() && e.response.is_none())
                {
                    self.report(
                        &at.k("examples").i(i).k("name"),
                        format!(
                            "example `{}` documents no response and no example of `{}` documents \
                             its success answer: the mock would answer an empty body, which is no \
                             `{}` envelope",
                            op.examples[i].name,
                            op.id,
                            match envelope {
                                crate::format::Envelope::ResultCode { .. } => "result_code",
                                crate::format::Envelope::XmlJson { .. } => "xml_json",
                            }
                        ),
                        "document the success response (in its envelope) in this example or \
                         another of the operation",
                    );
                }
            }
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
            // Only a JSON body can tell `null` from an absent or empty value: a path, query,
            // header or form field would send `name=` and mean an empty string.
            let json_body =
                p.location == Location::Body && op.request.body == Some(BodyEncoding::Json);
            if p.schema.nullable && !json_body {
                self.report(
                    &pp.k("schema").k("nullable"),
                    format!(
                        "`{}` is nullable but travels {}, which has no `null`",
                        p.name,
                        match p.location {
                            Location::Body => "as a form field",
                            Location::Path => "in the path",
                            Location::Query => "in the query",
                            Location::Header => "in a header",
                        }
                    ),
                    "remove `nullable` (this wire can only send a value or leave the parameter out), or carry it in a `body: json` request",
                );
            }
            if let Some(thing) = &p.identifies {
                self.snake(&pp.k("identifies"), "identified thing", thing);
                if p.schema.kind != Kind::String || p.schema.wire.is_some() {
                    self.report(
                        &pp.k("identifies"),
                        format!("`identifies` on `{}`, which is not a plain string", p.name),
                        "remove `identifies`: only string ids get a type of their own",
                    );
                } else if p.schema.nullable || p.role == Some(Role::Secret) {
                    // The clients' id types hold a present, plain id: a null or a
                    // redacted secret would lose the distinction they exist for.
                    let what = if p.schema.nullable {
                        "nullable"
                    } else {
                        "a secret"
                    };
                    self.report(
                        &pp.k("identifies"),
                        format!("`identifies` on `{}`, which is {what}", p.name),
                        "remove `identifies`: an id type of its own holds a plain, present id",
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

    pub(super) fn auth_scheme<'o>(&'o self, op: &'o Operation) -> Option<&'o AuthScheme> {
        self.spec.primary_auth(op).map(|(_, s)| s)
    }

    /// Field names of an object schema (`type: ref` to a type with fields).
    fn object_fields(&self, s: &Schema) -> Option<Vec<String>> {
        let def = s.reference.as_ref().and_then(|r| self.spec.types.get(r))?;
        (s.kind == Kind::Ref && !def.fields.is_empty())
            .then(|| def.fields.iter().map(|f| f.name.clone()).collect())
    }
}

/// Within one provider: operation ids are unique (they name methods of one client), and no
/// two operations share a method and path without a discriminator telling them apart.
/// Different providers may share both: the mock serves each provider separately.
pub(super) fn provider_operations(
    ops: &[Operation],
    mut report: impl FnMut(&P, String, &'static str, &P),
) {
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
            if discriminators_differ(op, other) {
                continue;
            }
            let route = format!("`{} {}`", op.method.as_str(), op.path);
            // Versions of one operation are told apart on the wire, not by `since`.
            let (message, fix) = match (&op.since, &other.since) {
                (Some(a), Some(b)) if a != b => (
                    format!(
                        "{route} of `{}` (since {a}) cannot be told apart from `{}` (since {b}): \
                         the version is not on the wire",
                        op.id, other.id
                    ),
                    "put the version in the path, or declare the version header or query \
                     parameter as a discriminator with different values",
                ),
                _ => (
                    format!(
                        "{route} of `{}` cannot be told apart from `{}`",
                        op.id, other.id
                    ),
                    "give the two operations a discriminator with different values",
                ),
            };
            report(
                &at.k("path"),
                message,
                fix,
                &P::root().k("operations").i(po).k("id"),
            );
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
