//! From what the scan found to a spec: parameters with locations, types and required flags,
//! credentials, examples (with errata where the page's text needed a
//! correction), response and error schemas. Every guess gets a note, written as a
//! `# TODO(draft): …` comment above the item.

use std::collections::BTreeMap;

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{
    AuthRef, AuthScheme, BodyEncoding, Discriminator, Effect, Erratum, ErrorCase, Example,
    ExampleRequest, ExampleResponse, Kind, Location, Match, Method, Operation, Parameter, Provider,
    Request, Response, Source, Spec, Variable,
};

use crate::infer::{self, snake, Types, TODO};
use crate::page::Page;
use crate::route::{match_path, placeholder, template_vars};
use crate::scan::{col, is_param_table, OpScan, Scanned};
use crate::vocab::{self, Column, Section, TypeWord};

/// Notes by item path (`/operations/0/request/parameters/1`).
pub type Notes = BTreeMap<String, Vec<String>>;

fn note(notes: &mut Notes, path: String, text: impl Into<String>) {
    notes
        .entry(path)
        .or_default()
        .push(format!("TODO(draft): {}", text.into()));
}

struct Row {
    name: String,
    type_cell: Option<String>,
    required: Option<bool>,
    example: Option<String>,
    /// A format the row's other cells name.
    format: Option<spec::format::Format>,
    table_line: usize,
}

fn param_rows(op: &OpScan) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (_, _, t) in op.tables.iter().filter(|(_, _, t)| is_param_table(t)) {
        let name = col(t, Column::Name).unwrap_or(0);
        let get = |r: &[crate::blocks::Cell], c: Option<usize>| {
            c.and_then(|c| r.get(c))
                .map(|x| x.text.trim().to_string())
                .filter(|x| !x.is_empty())
        };
        for r in t.rows.iter().skip(1) {
            let Some(n) = get(r, Some(name)) else {
                continue;
            };
            if rows.iter().any(|x| x.name == n) {
                continue;
            }
            rows.push(Row {
                name: n,
                type_cell: get(r, col(t, Column::Type)),
                required: get(r, col(t, Column::Required)).and_then(|x| vocab::required(&x)),
                example: get(r, col(t, Column::Example)),
                format: r.iter().skip(1).find_map(|c| vocab::format(&c.text)),
                table_line: t.line,
            });
        }
    }
    rows
}

fn is_header_name(name: &str) -> bool {
    let l = name.to_lowercase();
    l.starts_with("x-")
        || ["content-type", "accept", "authorization", "user-agent"].contains(&l.as_str())
}

/// One operation before cross-operation steps (discriminators, ids).
pub(crate) struct OpBuild {
    pub(crate) op: Operation,
    /// Notes by path within the operation (parameters by `@name`).
    pub(crate) notes: Vec<(String, String)>,
    /// Literal values each body/query parameter was seen with (curl first).
    pub(crate) seen: IndexMap<(Location, String), String>,
    /// The page text of examples written as tables, by example index.
    pub(crate) table_texts: Vec<(usize, String)>,
    origin: String,
}

pub fn build(page: &Page, scanned: &Scanned, provider: Option<&str>) -> (Spec, Notes) {
    let mut notes = Notes::new();
    let mut types = Types::default();
    let mut auth: IndexMap<String, AuthScheme> = IndexMap::new();
    let mut errata: Vec<Erratum> = Vec::new();
    // Enum candidates: code tables and marked words in any table's cells.
    for op in &scanned.ops {
        for (_, _, t) in &op.tables {
            let name_col = col(t, Column::Name);
            if let (Some(c), None) = (col(t, Column::Code), name_col) {
                let codes: Vec<String> = t
                    .rows
                    .iter()
                    .skip(1)
                    .filter_map(|r| r.get(c))
                    .map(|x| x.text.clone())
                    .collect();
                if !codes.iter().all(|x| x.parse::<u16>().is_ok()) {
                    types.enums.insert(
                        snake(
                            &t.rows
                                .first()
                                .and_then(|h| h.get(c))
                                .map(|x| x.text.clone())
                                .unwrap_or_default(),
                        ),
                        codes,
                    );
                }
            }
            if let Some(nc) = name_col {
                for r in t.rows.iter().skip(1) {
                    let marked: Vec<String> = r
                        .iter()
                        .flat_map(|c| c.marked.clone())
                        .filter(|m| m.split_whitespace().count() == 1)
                        .collect();
                    if marked.len() >= 2 {
                        if let Some(n) = r.get(nc) {
                            types.enums.insert(snake(&n.text), marked);
                        }
                    }
                }
            }
        }
    }
    let base = scanned
        .ops
        .iter()
        .map(|o| o.url.base.clone())
        .chain(scanned.ops.iter().flat_map(|o| {
            o.examples
                .iter()
                .filter_map(|e| e.url.as_ref().map(|u| u.base.clone()))
        }))
        .find(|b| !b.is_empty());
    let mut builds: Vec<OpBuild> = Vec::new();
    for (n, op) in scanned.ops.iter().enumerate() {
        builds.push(build_op(n, op, page, &mut types, &mut auth, &mut errata));
    }
    crate::discriminate::discriminators(&mut builds);
    // Ids: from the path's last literal segment, else a discriminator value.
    let mut used: Vec<String> = Vec::new();
    let routes: Vec<(Method, String)> = builds
        .iter()
        .map(|b| (b.op.method, b.op.path.clone()))
        .collect();
    for b in &mut builds {
        let shared = routes
            .iter()
            .filter(|r| r.0 == b.op.method && r.1 == b.op.path)
            .count()
            > 1;
        let seg =
            b.op.path
                .trim_end_matches('/')
                .rsplit('/')
                .find(|s| !s.is_empty() && placeholder(s).is_none())
                .map(snake);
        let disc =
            b.op.discriminators
                .first()
                .filter(|_| shared || seg.is_none())
                .map(|d| snake(&d.value));
        let verb = b.op.method.as_str().to_lowercase();
        let stem = match (disc, seg) {
            (Some(d), _) => d,
            (None, Some(s)) => format!("{verb}_{s}"),
            (None, None) => verb,
        };
        let mut id = stem.clone();
        let mut k = 2;
        while used.contains(&id) {
            id = format!("{stem}_{k}");
            k += 1;
        }
        used.push(id.clone());
        b.op.id = id;
    }
    let mut ops = Vec::new();
    for (i, b) in builds.into_iter().enumerate() {
        let at = format!("/operations/{i}");
        note(
            &mut notes,
            at.clone(),
            format!(
                "id, summary and effect guessed from the address at {}",
                b.origin
            ),
        );
        for (path, text) in b.notes {
            // Parameter notes are keyed by name while discriminators may still take some.
            let path = match path.strip_prefix("/request/parameters/@") {
                Some(name) => match b.op.request.parameters.iter().position(|p| p.name == name) {
                    Some(k) => format!("/request/parameters/{k}"),
                    None => continue,
                },
                None => path,
            };
            note(&mut notes, format!("{at}{path}"), text);
        }
        ops.push(b.op);
    }
    // Base URL: `{name}` hosts become variables.
    let base = base.unwrap_or_else(|| "https://TODO".into());
    let mut variables = IndexMap::new();
    for v in template_vars(&base) {
        variables.insert(
            v.clone(),
            Variable {
                description: TODO.into(),
                example: format!("{v}.example"),
                default: None,
            },
        );
    }
    note(
        &mut notes,
        "/provider/base_url".into(),
        "guessed from the first URL on the page",
    );
    let id = match provider {
        Some(p) => p.to_string(),
        None => {
            note(
                &mut notes,
                "/provider/id".into(),
                "guessed from the host; give --provider ID",
            );
            let host = base
                .split("://")
                .nth(1)
                .unwrap_or("draft")
                .split(['/', ':'])
                .next()
                .unwrap_or("draft");
            let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
            let pick = if labels.len() >= 2 {
                labels[labels.len() - 2]
            } else {
                labels.first().copied().unwrap_or("draft")
            };
            snake(pick.trim_matches(['{', '}']))
        }
    };
    for (name, text) in std::mem::take(&mut types.notes) {
        note(&mut notes, format!("/types/{name}"), text);
    }
    for d in &scanned.dropped {
        note(&mut notes, "/operations".into(), format!("not used: {d}"));
    }
    let spec = Spec {
        provider: Provider {
            id,
            title: scanned.title.clone(),
            description: "TODO: describe the API in our own words.".into(),
            base_url: base,
            variables,
            sources: vec![Source {
                file: page.file.clone(),
                sha256: page.sha256.clone(),
                language: vocab::language(&page.text).into(),
                title: scanned.title.clone(),
                url: None,
            }],
            version: None,
        },
        auth,
        types: types.defs,
        operations: ops,
        mock: None,
        errata,
    };
    (spec, notes)
}

fn build_op(
    n: usize,
    op: &OpScan,
    page: &Page,
    types: &mut Types,
    auth: &mut IndexMap<String, AuthScheme>,
    errata: &mut Vec<Erratum>,
) -> OpBuild {
    let mut onotes: Vec<(String, String)> = Vec::new();
    let rows = param_rows(op);
    let path_vars = template_vars(&op.url.path);
    let has_body = matches!(op.method, Method::Post | Method::Put | Method::Patch);
    let encoding = match &op.encoding {
        Some((e, _)) => Some(*e),
        None if op.examples.iter().any(|e| e.json.is_some()) || has_body => {
            Some(BodyEncoding::Json)
        }
        None => None,
    };
    let form = matches!(
        encoding,
        Some(BodyEncoding::Multipart | BodyEncoding::Urlencoded)
    );
    // Where each name travels.
    let location = |name: &str| -> (Location, &'static str) {
        if path_vars.iter().any(|v| v == name) {
            (Location::Path, "the path template")
        } else if op.url.query.contains_key(name) {
            (Location::Query, "the address's query string")
        } else if is_header_name(name) {
            (Location::Header, "its header-like name")
        } else if has_body {
            (Location::Body, "the method, which sends a body")
        } else {
            (Location::Query, "the method, which sends no body")
        }
    };
    // Credentials leave the parameters for `auth`.
    let mut op_auth: Option<String> = None;
    let mut credential = |name: &str, loc: Location, onotes: &mut Vec<(String, String)>| -> bool {
        if !vocab::is_credential(name) {
            return false;
        }
        let id = snake(name);
        let scheme = match loc {
            Location::Query => AuthScheme::Query {
                name: name.into(),
                description: TODO.into(),
            },
            Location::Header => AuthScheme::Header {
                name: name.into(),
                description: TODO.into(),
            },
            _ => AuthScheme::Form {
                name: name.into(),
                description: TODO.into(),
            },
        };
        auth.entry(id.clone()).or_insert(scheme);
        if op_auth.is_none() {
            onotes.push((
                "/auth".into(),
                format!("guessed from its name: `{name}` read as the credential"),
            ));
        }
        op_auth = Some(id);
        true
    };
    // Values seen per name: table example, then each example (curl first for discriminators).
    let mut json_values: IndexMap<String, Vec<Value>> = IndexMap::new();
    let mut wire_values: IndexMap<String, Vec<String>> = IndexMap::new();
    let mut seen: IndexMap<(Location, String), String> = IndexMap::new();
    for e in &op.examples {
        if let Some(f) = &e.form {
            for (k, v) in f {
                wire_values.entry(k.clone()).or_default().push(v.clone());
                if e.origin.contains("curl") {
                    seen.insert((Location::Body, k.clone()), v.clone());
                }
            }
        }
        if let Some(Value::Object(m)) = e.json.as_ref().and_then(|j| j.best()) {
            for (k, v) in m {
                json_values.entry(k.clone()).or_default().push(v.clone());
            }
        }
        if let Some(u) = &e.url {
            for (k, v) in &u.query {
                if placeholder(v).is_none() {
                    wire_values.entry(k.clone()).or_default().push(v.clone());
                }
            }
            if let Some(vals) = match_path(&op.url.path, &u.path) {
                for (k, v) in vals {
                    if placeholder(&v).is_none() {
                        wire_values.entry(k).or_default().push(v);
                    }
                }
            }
        }
    }
    for r in &rows {
        if let Some(x) = &r.example {
            wire_values
                .entry(r.name.clone())
                .or_default()
                .push(x.clone());
            seen.entry((Location::Body, r.name.clone()))
                .or_insert(x.clone());
        }
    }
    let mut params: Vec<Parameter> = Vec::new();
    let mut discriminators: Vec<Discriminator> = Vec::new();
    let push_param = |name: &str,
                      type_cell: Option<&str>,
                      required: Option<bool>,
                      from: String,
                      params: &mut Vec<Parameter>,
                      onotes: &mut Vec<(String, String)>,
                      types: &mut Types| {
        let (loc, why) = location(name);
        let (word, alts) = type_cell
            .map(infer::type_cell)
            .unwrap_or((None, Vec::new()));
        let schema = if loc == Location::Body && !form && json_values.contains_key(name) {
            let vals: Vec<&Value> = json_values[name].iter().collect();
            let s = types.of_json(name, &vals, word.filter(|w| *w != TypeWord::Array));
            let s = match (word, s.kind) {
                (Some(TypeWord::Long), Kind::Integer) => infer::kind(Kind::Long),
                _ => s,
            };
            infer::with_alternatives(s, &alts)
        } else {
            let strs: Vec<&str> = wire_values
                .get(name)
                .map(|v| v.iter().map(String::as_str).collect())
                .unwrap_or_default();
            infer::of_wire(name, &strs, word, &alts)
        };
        let required = loc == Location::Path || required.unwrap_or(false);
        let typed = match type_cell {
            Some(t) => format!("the type column ({t}) and example values"),
            None => "example values".into(),
        };
        onotes.push((
            format!("/request/parameters/@{name}"),
            format!(
                "guessed from {from}: in: {} ({why}); type from {typed}",
                loc.as_str()
            ),
        ));
        params.push(Parameter {
            name: name.into(),
            location: loc,
            description: TODO.into(),
            required,
            schema,
            default: None,
            role: None,
            deprecated: None,
        });
    };
    for r in &rows {
        let (loc, _) = location(&r.name);
        if credential(&r.name, loc, &mut onotes) {
            continue;
        }
        let from = if r.table_line > 0 {
            format!("the table at line {}", r.table_line)
        } else {
            "a parameter table".into()
        };
        push_param(
            &r.name,
            r.type_cell.as_deref(),
            r.required,
            from,
            &mut params,
            &mut onotes,
            types,
        );
    }
    // The address's query: placeholders are parameters, literals select the operation.
    for (k, v) in &op.url.query {
        if params.iter().any(|p| &p.name == k) || credential(k, Location::Query, &mut onotes) {
            continue;
        }
        if placeholder(v).is_some() {
            push_param(
                k,
                None,
                Some(false),
                "the address's query string".into(),
                &mut params,
                &mut onotes,
                types,
            );
        } else {
            onotes.push((
                format!("/discriminators/{}", discriminators.len()),
                format!("guessed from the address: `{k}={v}` is fixed there, read as selecting the operation"),
            ));
            discriminators.push(Discriminator {
                location: Location::Query,
                name: k.clone(),
                value: v.clone(),
            });
        }
    }
    for v in &path_vars {
        if !params.iter().any(|p| &p.name == v) {
            push_param(
                v,
                None,
                Some(true),
                "the path template".into(),
                &mut params,
                &mut onotes,
                types,
            );
        }
    }
    // Names the examples send that no table lists.
    let extra: Vec<String> = op
        .examples
        .iter()
        .flat_map(|e| {
            let mut names: Vec<String> = e.form.iter().flat_map(|f| f.keys().cloned()).collect();
            if let Some(Value::Object(m)) = e.json.as_ref().and_then(|j| j.best()) {
                names.extend(m.keys().cloned());
            }
            names
        })
        .collect();
    for name in extra {
        if params.iter().any(|p| p.name == name) || discriminators.iter().any(|d| d.name == name) {
            continue;
        }
        if credential(
            &name,
            if form {
                Location::Body
            } else {
                location(&name).0
            },
            &mut onotes,
        ) {
            continue;
        }
        push_param(
            &name,
            None,
            Some(false),
            "an example (no table lists it)".into(),
            &mut params,
            &mut onotes,
            types,
        );
    }
    // Formats the tables name, where every value the page shows has it.
    for r in &rows {
        let (Some(f), Some(p)) = (r.format, params.iter_mut().find(|p| p.name == r.name)) else {
            continue;
        };
        if p.schema.kind != Kind::String || p.schema.format.is_some() {
            continue;
        }
        let mut seen: Vec<&str> = wire_values
            .get(&r.name)
            .map(|v| v.iter().map(String::as_str).collect())
            .unwrap_or_default();
        seen.extend(
            json_values
                .get(&r.name)
                .into_iter()
                .flatten()
                .filter_map(|v| v.as_str()),
        );
        if seen.is_empty() || infer::fits(f, &seen) {
            p.schema.format = Some(f);
            onotes.push((
                format!("/request/parameters/@{}", r.name),
                format!(
                    "format {} guessed from the words of its table row",
                    f.name()
                ),
            ));
        }
    }
    // Examples.
    let mut examples: Vec<Example> = Vec::new();
    let mut table_texts: Vec<(usize, String)> = Vec::new();
    let mut errors: Vec<ErrorCase> = Vec::new();
    let mut error_types: Vec<(Vec<String>, String)> = Vec::new();
    let success = op.success.unwrap_or(200);
    let mut success_bodies: Vec<Value> = Vec::new();
    for e in &op.examples {
        let has_body = e.json.is_some() || e.form.is_some();
        if !has_body && e.response.is_none() {
            continue;
        }
        let mut ex = Example {
            name: String::new(),
            summary: "TODO: summary.".into(),
            request: None,
            response: None,
            error: None,
            erratum: None,
            original: None,
        };
        let mut problems: Vec<String> = Vec::new();
        let mut original: Option<String> = None;
        if has_body || e.url.is_some() {
            let mut req = ExampleRequest::default();
            if let Some(u) = &e.url {
                let given = match_path(&op.url.path, &u.path).unwrap_or_default();
                for v in &path_vars {
                    let value = given.get(v).filter(|x| placeholder(x).is_none()).cloned();
                    req.path.insert(
                        v.clone(),
                        value.unwrap_or_else(|| placeholder_value(&params, v)),
                    );
                }
                for (k, v) in &u.query {
                    let value = if placeholder(v).is_some() {
                        placeholder_value(&params, k)
                    } else {
                        v.clone()
                    };
                    req.query.insert(k.clone(), value);
                }
                if path_vars
                    .iter()
                    .any(|v| given.get(v).is_none_or(|x| placeholder(x).is_some()))
                    || u.query.values().any(|v| placeholder(v).is_some())
                {
                    problems.push("placeholders in the address filled with made-up values".into());
                }
            } else {
                for v in &path_vars {
                    req.path.insert(v.clone(), placeholder_value(&params, v));
                }
            }
            for (k, v) in &e.headers {
                if params
                    .iter()
                    .any(|p| p.location == Location::Header && p.name.eq_ignore_ascii_case(k))
                {
                    req.headers.insert(k.clone(), v.clone());
                }
            }
            if let Some(f) = &e.form {
                let mut body = serde_json::Map::new();
                for (k, v) in f {
                    body.insert(k.clone(), Value::String(v.clone()));
                }
                req.body = Some(Value::Object(body));
                if let Some(t) = &e.table_text {
                    table_texts.push((examples.len(), t.clone()));
                }
            }
            if let Some(j) = &e.json {
                match j.best() {
                    Some(v) => req.body = Some(v.clone()),
                    None => problems.push("the request body does not parse as JSON".into()),
                }
                if j.value.is_none() {
                    original = Some(j.text.clone());
                    problems.push(
                        "the request body is not valid JSON; the body is a guessed repair".into(),
                    );
                }
            }
            ex.request = Some(req);
        }
        if let Some(r) = &e.response {
            let body = r.body.best().cloned();
            if r.body.value.is_none() {
                original = Some(r.body.text.clone());
                problems.push(match body {
                    Some(_) => {
                        "the response is not valid JSON; the body is a guessed repair".into()
                    }
                    None => {
                        "the response is not valid JSON and no repair parses; write the body".into()
                    }
                });
            }
            if r.failure {
                if let Some(b) = &body {
                    let keys: Vec<String> = b
                        .as_object()
                        .map(|m| m.keys().cloned().collect())
                        .unwrap_or_default();
                    let name = match error_types.iter().find(|(k, _)| *k == keys) {
                        Some((_, n)) => n.clone(),
                        None => {
                            let name = error_name(b, r.status, &errors);
                            let schema = types.of_json(&error_type_name(&name), &[b], None);
                            // Without a status on the page, a status member of the body
                            // (an HTTP status repeated there) is the best guess.
                            let in_body = b
                                .get("status")
                                .and_then(Value::as_u64)
                                .and_then(|n| u16::try_from(n).ok())
                                .filter(|n| (400..600).contains(n));
                            let status = r.status.or(in_body).unwrap_or(400);
                            let why = match (r.status, in_body) {
                                (Some(_), _) => "status as the page gives it".to_string(),
                                (None, Some(n)) => format!(
                                    "the page gives no status: {n} from the body's `status`"
                                ),
                                (None, None) => {
                                    "the page gives no status: 400 is a guess".to_string()
                                }
                            };
                            onotes.push((
                                format!("/errors/{}", errors.len()),
                                format!("guessed from the failure at {}; {why}", e.origin),
                            ));
                            errors.push(ErrorCase {
                                name: name.clone(),
                                description: TODO.into(),
                                status,
                                status_documented: r.status.is_some(),
                                schema,
                                matcher: Match {
                                    has_fields: keys.clone(),
                                    equals: IndexMap::new(),
                                },
                                retryable: status >= 500,
                            });
                            error_types.push((keys, name.clone()));
                            name
                        }
                    };
                    let status = errors
                        .iter()
                        .find(|x| x.name == name)
                        .map(|x| x.status)
                        .unwrap_or(400);
                    ex.error = Some(name);
                    ex.response = Some(ExampleResponse {
                        status,
                        headers: IndexMap::new(),
                        body: Some(b.clone()),
                    });
                }
            } else {
                if let Some(b) = &body {
                    success_bodies.push(b.clone());
                }
                ex.response = Some(ExampleResponse {
                    status: success,
                    headers: IndexMap::new(),
                    body,
                });
            }
        }
        if original.is_some() || !problems.is_empty() {
            let id = format!("E{}", errata.len() + 1);
            errata.push(Erratum {
                id: id.clone(),
                source: page.file.clone(),
                location: e.origin.clone(),
                problem: format!("TODO: {}.", problems.join("; ").replace("..", "."))
                    .replace(".;", ";"),
                choice: "TODO: the correction the example makes.".into(),
                reason: "TODO.".into(),
            });
            ex.erratum = Some(id);
            ex.original = original;
        }
        onotes.push((
            format!("/examples/{}", examples.len()),
            format!("guessed from {}", e.origin),
        ));
        ex.name = format!("example_{}", examples.len() + 1);
        examples.push(ex);
    }
    // A required parameter some example omits is optional in the draft.
    for p in params.iter_mut() {
        if p.required && p.location != Location::Path {
            let key = match p.location {
                Location::Query => "query",
                Location::Header => "headers",
                _ => "body",
            };
            let missing = examples
                .iter()
                .filter_map(|x| x.request.as_ref())
                .any(|r| match key {
                    "query" => !r.query.contains_key(&p.name),
                    "headers" => !r.headers.keys().any(|h| h.eq_ignore_ascii_case(&p.name)),
                    _ => r.body.as_ref().and_then(|b| b.get(&p.name)).is_none(),
                });
            if missing {
                p.required = false;
                onotes.push((
                    format!("/request/parameters/@{}", p.name),
                    "required on the page, but an example omits it: made optional; check".into(),
                ));
            }
        }
    }
    // Failure tables (documented status, no example) become error cases.
    for (section, status, t) in &op.tables {
        let (Section::Failure, Some(st)) = (section, status) else {
            continue;
        };
        if is_param_table(t) || errors.iter().any(|e| e.status == *st) {
            continue;
        }
        let rows = table_fields(t);
        if rows.is_empty() {
            continue;
        }
        let name = error_name(&Value::Null, Some(*st), &errors);
        let ty = types.from_rows(&error_type_name(&name), &rows, true);
        onotes.push((
            format!("/errors/{}", errors.len()),
            format!("guessed from the status {st} table"),
        ));
        errors.push(ErrorCase {
            name,
            description: TODO.into(),
            status: *st,
            status_documented: true,
            schema: infer::reference(&ty),
            matcher: Match {
                has_fields: rows.iter().map(|(n, _)| n.clone()).collect(),
                equals: IndexMap::new(),
            },
            retryable: *st >= 500,
        });
    }
    // The success payload: the example bodies, else the response tables.
    let response_rows: Vec<(String, Option<TypeWord>)> = op
        .tables
        .iter()
        .filter(|(s, st, t)| {
            *s == Section::Response && st.is_none_or(|x| x < 300) && !is_param_table(t)
        })
        .flat_map(|(_, _, t)| table_fields(t))
        .collect();
    let stem = op
        .url
        .path
        .rsplit('/')
        .find(|s| !s.is_empty() && placeholder(s).is_none())
        .map(str::to_string)
        .unwrap_or_else(|| format!("operation_{}", n + 1));
    let name = format!("{stem}_response");
    let mut envelope = None;
    let schema = if !success_bodies.is_empty() {
        let mut payloads = success_bodies.clone();
        if let Some((env, stripped)) = crate::envelope::guess(&success_bodies) {
            if let spec::format::Envelope::ResultCode {
                code_field,
                message_field,
                success,
                ..
            } = &env
            {
                onotes.push((
                    "/response/envelope".into(),
                    format!("guessed from the example responses: `{code_field}` is {success} in each, with `{message_field}` beside it"),
                ));
            }
            envelope = Some(env);
            payloads = stripped;
        }
        let vals: Vec<&Value> = payloads.iter().collect();
        onotes.push((
            "/response".into(),
            "schema guessed from the example responses".into(),
        ));
        types.of_json(&name, &vals, None)
    } else if !response_rows.is_empty() {
        onotes.push((
            "/response".into(),
            "schema guessed from the response tables (no example body parses)".into(),
        ));
        infer::reference(&types.from_rows(&name, &response_rows, false))
    } else {
        onotes.push((
            "/response".into(),
            "guessed from the page showing no response body".into(),
        ));
        infer::kind(Kind::Unit)
    };
    let effect = match op.method {
        Method::Get => Effect::Read,
        Method::Post => Effect::Create,
        Method::Put | Method::Patch => Effect::Update,
        Method::Delete => Effect::Delete,
    };
    let has_body_params = params.iter().any(|p| p.location == Location::Body);
    OpBuild {
        op: Operation {
            id: String::new(),
            summary: "TODO: summary.".into(),
            description: None,
            source: page.file.clone(),
            since: None,
            deprecated: None,
            address_documented: true,
            effect,
            method: op.method,
            path: op.url.path.clone(),
            discriminators,
            auth: op_auth.map(AuthRef::One),
            request: Request {
                body: if has_body_params || form {
                    encoding
                } else {
                    None
                },
                parameters: params,
            },
            response: Response {
                status: success,
                envelope,
                schema,
            },
            errors,
            pagination: None,
            examples,
        },
        notes: onotes,
        seen,
        table_texts,
        origin: op.origin.clone(),
    }
}

/// (name, type word) of each row of a field table.
fn table_fields(t: &crate::blocks::Table) -> Vec<(String, Option<TypeWord>)> {
    let Some(nc) = col(t, Column::Name) else {
        return Vec::new();
    };
    let tc = col(t, Column::Type);
    t.rows
        .iter()
        .skip(1)
        .filter_map(|r| {
            let name = r.get(nc)?.text.trim().to_string();
            (!name.is_empty() && !name.contains(' ')).then(|| {
                (
                    name,
                    tc.and_then(|c| r.get(c))
                        .and_then(|c| infer::type_cell(&c.text).0),
                )
            })
        })
        .collect()
}

fn error_name(body: &Value, status: Option<u16>, taken: &[ErrorCase]) -> String {
    let from_body = body.as_object().and_then(|m| {
        if m.len() == 1 {
            m.keys().next().map(|k| snake(k))
        } else {
            ["name", "code", "error"]
                .iter()
                .find_map(|k| m.get(*k).and_then(|v| v.as_str()).map(snake))
        }
    });
    let from_status = status.and_then(|s| {
        vocab::STATUS_NAMES
            .iter()
            .find(|(n, _)| *n == s)
            .map(|(_, n)| n.to_string())
    });
    let stem = from_body.or(from_status).unwrap_or_else(|| "error".into());
    let mut name = stem.clone();
    let mut k = 2;
    while taken.iter().any(|e| e.name == name) {
        name = format!("{stem}_{k}");
        k += 1;
    }
    name
}

/// A made-up value of a parameter's type for a placeholder on the page.
fn placeholder_value(params: &[Parameter], name: &str) -> String {
    let param = params.iter().find(|p| p.name == name);
    if let Some(f) = param.and_then(|p| p.schema.format) {
        return infer::sample(f).into();
    }
    match param.map(|p| p.schema.kind) {
        Some(Kind::Integer | Kind::Long | Kind::Number) => "1".into(),
        Some(Kind::Boolean) => "true".into(),
        _ => format!("todo-{}", snake(name).replace('_', "-")),
    }
}

/// `unauthorized` -> `unauthorized_error`, `server_error` stays.
fn error_type_name(case: &str) -> String {
    if case.ends_with("error") {
        case.to_string()
    } else {
        format!("{case}_error")
    }
}
