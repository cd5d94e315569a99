//! Examples of an operation as the page shows them (requests with their responses, failures
//! as error cases), corrected where the page's text does not parse, with an erratum each.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{
    Erratum, ErrorCase, Example, ExampleRequest, ExampleResponse, Kind, Location, Match, Parameter,
};

use crate::infer::{self, snake, Types, TODO};
use crate::page::Page;
use crate::params::RequestDraft;
use crate::route::{match_path, placeholder};
use crate::scan::{table_fields, OpScan};
use crate::vocab::{self, Section};

/// What [`examples`] found for one operation.
pub(crate) struct ExamplesDraft {
    pub(crate) examples: Vec<Example>,
    /// The indices of examples written as tables.
    pub(crate) from_tables: Vec<usize>,
    pub(crate) errors: Vec<ErrorCase>,
    pub(crate) success_bodies: Vec<Value>,
    /// The page lines of the success bodies.
    pub(crate) success_lines: crate::cite::Lines,
}

/// Examples (requests and responses), error cases from failures and failure tables, and the
/// success bodies the payload is inferred from. Required flags an example contradicts are
/// relaxed.
pub(crate) fn examples(
    op: &OpScan,
    page: &Page,
    req: &mut RequestDraft,
    types: &mut Types,
    errata: &mut Vec<Erratum>,
    onotes: &mut Vec<(String, String)>,
) -> ExamplesDraft {
    let RequestDraft {
        params, path_vars, ..
    } = req;
    let path_vars: &[String] = path_vars;
    // Examples.
    let mut examples: Vec<Example> = Vec::new();
    let mut from_tables: Vec<usize> = Vec::new();
    let mut errors: Vec<ErrorCase> = Vec::new();
    let mut error_types: Vec<(Vec<String>, String)> = Vec::new();
    let success = op.success.unwrap_or(200);
    let mut success_bodies: Vec<Value> = Vec::new();
    let mut success_lines = Vec::new();
    for e in &op.examples {
        let has_body = e.json.is_some() || e.form.is_some();
        if !has_body && e.response.is_none() {
            continue;
        }
        let mut lines = e.lines.clone();
        lines.extend(e.response.iter().flat_map(|r| r.lines.iter().copied()));
        let mut ex = Example {
            cite: Some(crate::cite::or_guess(
                &lines,
                "no page line the draft could find",
            )),
            name: String::new(),
            summary: "TODO: summary.".into(),
            request: None,
            response: None,
            error: None,
            erratum: None,
            original: None,
        };
        let mut problems: Vec<String> = Vec::new();
        // Members given made-up values: the erratum says it corrects them.
        let mut filled: Vec<String> = Vec::new();
        let mut original: Option<String> = None;
        if has_body || e.url.is_some() {
            let mut req = ExampleRequest::default();
            if let Some(u) = &e.url {
                let given = match_path(&op.url.path, &u.path).unwrap_or_default();
                for v in path_vars {
                    let value = given.get(v).filter(|x| placeholder(x).is_none()).cloned();
                    if value.is_none() {
                        filled.push(v.clone());
                    }
                    req.path.insert(
                        v.clone(),
                        value.unwrap_or_else(|| placeholder_value(params, v)),
                    );
                }
                for (k, v) in &u.query {
                    let value = if placeholder(v).is_some() {
                        filled.push(k.clone());
                        placeholder_value(params, k)
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
                // No page line can show an empty value: it is the page's slip to record.
                let empty: Vec<&str> = u
                    .query
                    .iter()
                    .filter(|(_, v)| v.is_empty())
                    .map(|(k, _)| k.as_str())
                    .collect();
                if !empty.is_empty() {
                    problems.push(format!(
                        "the address gives no value to `{}`",
                        empty.join("`, `")
                    ));
                }
            } else {
                for v in path_vars {
                    filled.push(v.clone());
                    req.path.insert(v.clone(), placeholder_value(params, v));
                }
                if !path_vars.is_empty() {
                    problems
                        .push("the address's path parameters filled with made-up values".into());
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
                if e.from_table {
                    from_tables.push(examples.len());
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
                            types.at = r.lines.clone();
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
                            let mut at = r.lines.clone();
                            at.push((r.status_at, r.status_at));
                            let mut cite = crate::cite::or_guess(&at, "a failure example");
                            if r.status.is_none() && in_body.is_none() {
                                // The guessed code, said as one (its lines do not give it).
                                cite.0.push_str(&format!(
                                    "; inferred: draft guess of status {status}, which the page does not give"
                                ));
                            }
                            errors.push(ErrorCase {
                                cite: Some(cite),
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
                    success_lines.extend(r.lines.iter().copied());
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
                corrects: filled,
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
                // Against the page's required cell: the citation says why.
                let why = "inferred: draft guess from an example that omits it (the page marks it required)";
                p.cite = Some(spec::format::Cite(match p.cite.take() {
                    Some(c) if !c.0.contains("inferred:") => format!("{}; {why}", c.0),
                    Some(c) => c.0,
                    None => why.into(),
                }));
                onotes.push((
                    format!("/request/parameters/@{}", p.name),
                    "required on the page, but an example omits it: made optional; check".into(),
                ));
            }
        }
    }
    // Failure tables (documented status, no example) become error cases.
    for (k, (section, status, t)) in op.tables.iter().enumerate() {
        let (Section::Failure, Some(st)) = (section, status) else {
            continue;
        };
        if errors.iter().any(|e| e.status == *st) {
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
        let mut at = t.lines_from(0);
        let status_at = op.table_status_at.get(k).copied().unwrap_or(0);
        at.push((status_at, status_at));
        errors.push(ErrorCase {
            cite: Some(crate::cite::or_guess(&at, "a failure table")),
            name,
            description: TODO.into(),
            status: *st,
            status_documented: true,
            schema: infer::reference(&ty),
            matcher: Match {
                has_fields: rows.iter().map(|(n, _, _)| n.clone()).collect(),
                equals: IndexMap::new(),
            },
            retryable: *st >= 500,
        });
    }
    status_table_errors(op, &mut errors, onotes);
    ExamplesDraft {
        examples,
        from_tables,
        errors,
        success_bodies,
        success_lines,
    }
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

/// The 4xx and 5xx rows of the page's status tables (a first column a status header names),
/// each status with its row's lines.
fn status_rows(op: &OpScan) -> Vec<(u16, (usize, usize))> {
    let mut out: Vec<(u16, (usize, usize))> = Vec::new();
    for (_, _, t) in &op.tables {
        let status_col = t
            .rows
            .first()
            .and_then(|h| h.first())
            .is_some_and(|h| vocab::error_column(&h.text) == Some(vocab::ErrorColumn::Status));
        if !status_col {
            continue;
        }
        for (r, at) in t.rows.iter().zip(&t.rows_at).skip(1) {
            let cell = r.first().map(|c| c.text.trim()).unwrap_or("");
            let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
            let status = (digits.len() == 3)
                .then(|| digits.parse::<u16>().ok())
                .flatten()
                .filter(|s| (400..600).contains(s));
            if let Some(s) = status.filter(|s| !out.iter().any(|o| o.0 == *s)) {
                out.push((s, *at));
            }
        }
    }
    out
}

/// A status a status table lists that no failure body shows: an error case with the
/// page's error body (the first failure's), cited to the row and to that body.
fn status_table_errors(
    op: &OpScan,
    errors: &mut Vec<ErrorCase>,
    onotes: &mut Vec<(String, String)>,
) {
    let Some(body) = errors
        .iter()
        .find(|e| e.schema.reference.is_some() && !e.matcher.has_fields.is_empty())
        .cloned()
    else {
        return;
    };
    for (st, at) in status_rows(op) {
        if errors.iter().any(|e| e.status_documented && e.status == st) {
            continue;
        }
        let name = error_name(&Value::Null, Some(st), errors);
        let row = crate::cite::lines(&[at]).map(|c| c.0);
        let cite = match (row, &body.cite) {
            (Some(r), Some(b)) => Some(spec::format::Cite(format!("{r}; {}", b.0))),
            _ => continue,
        };
        onotes.push((
            format!("/errors/{}", errors.len()),
            format!(
                "status {st} from the status table, its body the one the page shows for `{}`",
                body.name
            ),
        ));
        errors.push(ErrorCase {
            cite,
            name,
            description: TODO.into(),
            status: st,
            status_documented: true,
            schema: body.schema.clone(),
            matcher: Match {
                has_fields: body.matcher.has_fields.clone(),
                equals: IndexMap::new(),
            },
            retryable: st >= 500,
        });
    }
}
