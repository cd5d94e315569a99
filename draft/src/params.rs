//! The request side of an operation: parameters from its tables, its address and its
//! examples, each with a location, a type and a required flag; the credential, which leaves
//! the parameters for `auth`; and the address's literal query values as discriminators.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{AuthScheme, BodyEncoding, Discriminator, Kind, Location, Method, Parameter};

use crate::cite::Lines;
use crate::infer::{self, snake, Types, TODO};
use crate::route::{match_path, placeholder, template_vars};
use crate::scan::{col, is_request_table, OpScan};
use crate::vocab::{self, Column, TypeWord};

/// A row of a parameter table.
pub(crate) struct Row {
    name: String,
    type_cell: Option<String>,
    required: Option<bool>,
    example: Option<String>,
    /// A format the row's other cells name.
    format: Option<spec::format::Format>,
    table_line: usize,
    /// The row's page lines.
    at: (usize, usize),
}

pub(crate) fn param_rows(op: &OpScan) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    for (_, _, t) in op.tables.iter().filter(|(s, _, t)| is_request_table(*s, t)) {
        let name = col(t, Column::Name).unwrap_or(0);
        let get = |r: &[crate::blocks::Cell], c: Option<usize>| {
            c.and_then(|c| r.get(c))
                .map(|x| x.text.trim().to_string())
                .filter(|x| !x.is_empty())
        };
        for (r, &at) in t.rows.iter().zip(t.rows_at.iter()).skip(1) {
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
                at,
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

/// What [`request`] found for one operation.
pub(crate) struct RequestDraft {
    pub(crate) params: Vec<Parameter>,
    pub(crate) discriminators: Vec<Discriminator>,
    /// The id of the credential's scheme.
    pub(crate) auth: Option<String>,
    /// Literal values per name, with the page lines that show them.
    pub(crate) seen: IndexMap<(Location, String), (String, Lines)>,
    pub(crate) path_vars: Vec<String>,
    pub(crate) encoding: Option<BodyEncoding>,
    pub(crate) form: bool,
}

/// The request side: parameters with location, type and required flag, the credential,
/// the address's discriminators, and the values each name was seen with.
pub(crate) fn request(
    op: &OpScan,
    types: &mut Types,
    auth: &mut IndexMap<String, AuthScheme>,
    onotes: &mut Vec<(String, String)>,
) -> RequestDraft {
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
    let mut credential = |name: &str,
                          loc: Location,
                          cite: spec::format::Cite,
                          onotes: &mut Vec<(String, String)>|
     -> bool {
        if !vocab::is_credential(name) {
            return false;
        }
        let id = snake(name);
        let scheme = match loc {
            Location::Query => AuthScheme::Query {
                name: name.into(),
                description: TODO.into(),
                cite: Some(cite.clone()),
            },
            Location::Header => AuthScheme::Header {
                name: name.into(),
                description: TODO.into(),
                cite: Some(cite.clone()),
            },
            _ => AuthScheme::Form {
                name: name.into(),
                description: TODO.into(),
                cite: Some(cite),
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
    let mut seen: IndexMap<(Location, String), (String, Lines)> = IndexMap::new();
    // The page lines of the examples (and table rows) showing a value of each name.
    let mut sent_at: IndexMap<String, Lines> = IndexMap::new();
    for e in &op.examples {
        if let Some(f) = &e.form {
            for (k, v) in f {
                wire_values.entry(k.clone()).or_default().push(v.clone());
                sent_at.entry(k.clone()).or_default().extend(&e.lines);
                if e.origin.contains("curl") {
                    seen.insert((Location::Body, k.clone()), (v.clone(), e.lines.clone()));
                }
            }
        }
        if let Some(Value::Object(m)) = e.json.as_ref().and_then(|j| j.best()) {
            for (k, v) in m {
                json_values.entry(k.clone()).or_default().push(v.clone());
                sent_at.entry(k.clone()).or_default().extend(&e.lines);
            }
        }
        if let Some(u) = &e.url {
            for (k, v) in &u.query {
                if placeholder(v).is_none() {
                    wire_values.entry(k.clone()).or_default().push(v.clone());
                    sent_at.entry(k.clone()).or_default().extend(&e.lines);
                }
            }
            if let Some(vals) = match_path(&op.url.path, &u.path) {
                for (k, v) in vals {
                    if placeholder(&v).is_none() {
                        sent_at.entry(k.clone()).or_default().extend(&e.lines);
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
            sent_at.entry(r.name.clone()).or_default().push(r.at);
            seen.entry((Location::Body, r.name.clone()))
                .or_insert((x.clone(), vec![r.at]));
        }
    }
    let mut params: Vec<Parameter> = Vec::new();
    let mut discriminators: Vec<Discriminator> = Vec::new();
    let push_param = |name: &str,
                      type_cell: Option<&str>,
                      required: Option<bool>,
                      (from, at): (String, Lines),
                      params: &mut Vec<Parameter>,
                      onotes: &mut Vec<(String, String)>,
                      types: &mut Types| {
        let (loc, why) = location(name);
        let (word, alts) = type_cell
            .map(crate::vocab::type_cell)
            .unwrap_or((None, Vec::new()));
        let mut schema = if loc == Location::Body && !form && json_values.contains_key(name) {
            let vals: Vec<&Value> = json_values[name].iter().collect();
            types.at = sent_at.get(name).cloned().unwrap_or_default();
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
        // A format read from the values' shape cites the lines that show them.
        if infer::has_format(&schema) {
            let shown = sent_at.get(name).cloned().unwrap_or_default();
            schema.cite = Some(crate::cite::or_guess(&shown, "the shape of no value shown"));
        }
        // No type column: a type other than text is read from the values shown.
        if type_cell.is_none() && schema.cite.is_none() && schema.kind != Kind::String {
            let why = "inferred: draft guess from the example values (no type column)";
            schema.cite = Some(match crate::cite::lines(&at) {
                Some(l) => spec::format::Cite(format!("{}; {why}", l.0)),
                None => spec::format::Cite(why.into()),
            });
        }
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
            cite: Some(crate::cite::or_guess(&at, &from)),
            name: name.into(),
            location: loc,
            description: TODO.into(),
            required,
            schema,
            default: None,
            role: None,
            deprecated: None,
            identifies: None,
        });
    };
    for r in &rows {
        let (loc, _) = location(&r.name);
        let cite = crate::cite::or_guess(&[r.at], "a table row");
        if credential(&r.name, loc, cite, onotes) {
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
            (from, vec![r.at]),
            &mut params,
            onotes,
            types,
        );
    }
    // The address's query: placeholders are parameters, literals select the operation.
    for (k, v) in &op.url.query {
        let cite = crate::cite::or_guess(&op.lines, "the address's query string");
        if params.iter().any(|p| &p.name == k) || credential(k, Location::Query, cite, onotes) {
            continue;
        }
        if placeholder(v).is_some() {
            push_param(
                k,
                None,
                Some(false),
                ("the address's query string".into(), op.lines.clone()),
                &mut params,
                onotes,
                types,
            );
        } else {
            onotes.push((
                format!("/discriminators/{}", discriminators.len()),
                format!("guessed from the address: `{k}={v}` is fixed there, read as selecting the operation"),
            ));
            discriminators.push(Discriminator {
                cite: Some(crate::cite::or_guess(&op.lines, "the page's address")),
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
                ("the path template".into(), op.lines.clone()),
                &mut params,
                onotes,
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
            crate::cite::guessed("an example sending the credential"),
            onotes,
        ) {
            continue;
        }
        push_param(
            &name,
            None,
            Some(false),
            (
                "an example (no table lists it)".into(),
                sent_at.get(&name).cloned().unwrap_or_default(),
            ),
            &mut params,
            onotes,
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
            // The row's words (in any case), and the values the page shows of it.
            let mut at = vec![r.at];
            at.extend(sent_at.get(&r.name).into_iter().flatten());
            p.schema.cite = crate::cite::lines(&at);
            onotes.push((
                format!("/request/parameters/@{}", r.name),
                format!(
                    "format {} guessed from the words of its table row",
                    f.name()
                ),
            ));
        }
    }
    RequestDraft {
        params,
        discriminators,
        auth: op_auth,
        seen,
        path_vars,
        encoding,
        form,
    }
}
