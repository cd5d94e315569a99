//! From what the scan found to a spec: per operation its request side ([`crate::params`]),
//! its examples and error cases ([`crate::examples`]) and its response schema (here, with a
//! guessed envelope); across operations the discriminators of a shared URL
//! ([`crate::discriminate`]), ids, the base URL, the provider and its source entry. Every
//! guess gets a note, written as a `# TODO(draft): …` comment above the item.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{
    AuthRef, AuthScheme, Effect, Erratum, Kind, Location, Method, Operation, Provider, Request,
    Response, Schema, Source, Spec, TypeDef, Variable,
};

use crate::infer::{self, snake, Types, TODO};
use crate::op::Notes;
use crate::op::OpBuild;
use crate::page::Page;
use crate::route::{placeholder, template_vars};
use crate::scan::{col, OpScan, Scanned};
use crate::vocab::{self, Column, Section, TypeWord};

fn note(notes: &mut Notes, path: String, text: impl Into<String>) {
    notes
        .entry(path)
        .or_default()
        .push(format!("TODO(draft): {}", text.into()));
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
                let codes: Vec<infer::Candidate> = t
                    .rows
                    .iter()
                    .zip(t.rows_at.iter())
                    .skip(1)
                    .filter_map(|(r, at)| r.get(c).map(|x| (x.text.clone(), *at)))
                    .collect();
                if !codes.iter().all(|x| x.0.parse::<u16>().is_ok()) {
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
                for (r, at) in t.rows.iter().zip(t.rows_at.iter()).skip(1) {
                    let marked: Vec<infer::Candidate> = r
                        .iter()
                        .flat_map(|c| c.marked.clone())
                        .filter(|m| m.split_whitespace().count() == 1)
                        .map(|m| (m, *at))
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
    let variables = base_variables(&base);
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
    let mut req = crate::params::request(op, types, auth, &mut onotes);
    let crate::examples::ExamplesDraft {
        examples,
        from_tables,
        errors,
        success_bodies,
        success_lines,
    } = crate::examples::examples(op, page, &mut req, types, errata, &mut onotes);
    let crate::params::RequestDraft {
        params,
        discriminators,
        auth: op_auth,
        seen,
        encoding,
        form,
        ..
    } = req;
    let success = op.success.unwrap_or(200);
    // The success payload: the example bodies, else the response tables.
    let response_rows: Vec<(String, Option<TypeWord>, (usize, usize))> = op
        .tables
        .iter()
        .filter(|(s, st, _)| *s == Section::Response && st.is_none_or(|x| x < 300))
        .flat_map(|(_, _, t)| crate::scan::table_fields(t))
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
        types.at = success_lines.clone();
        let mut s = types.of_json(&name, &vals, None);
        // A format read from an inline payload's values cites the bodies that show them.
        if infer::has_format(&s) {
            s.cite = Some(crate::cite::or_guess(
                &success_lines,
                "the example responses",
            ));
        }
        s
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
    // A required column of the response tables decides, not the examples showing a member.
    let flags: Vec<(String, bool, (usize, usize))> = op
        .tables
        .iter()
        .filter(|(s, st, _)| *s == Section::Response && st.is_none_or(|x| x < 300))
        .flat_map(|(_, _, t)| crate::scan::table_required(t))
        .collect();
    if required_from_tables(&mut types.defs, &schema, &flags) {
        onotes.push((
            "/response".into(),
            "required flags of the response fields read from the table's required column".into(),
        ));
    }
    let effect = match op.method {
        Method::Get => Effect::Read,
        Method::Post => Effect::Create,
        Method::Put | Method::Patch => Effect::Update,
        Method::Delete => Effect::Delete,
    };
    let has_body_params = params.iter().any(|p| p.location == Location::Body);
    // The method and address as the page gives them; a curl without `-X` implies its method.
    let cite = match op.method_stated {
        true => crate::cite::or_guess(&op.lines, "the page's address"),
        false => crate::cite::guessed(&format!(
            "the curl command at {}, which implies {} without stating it",
            op.origin,
            op.method.as_str()
        )),
    };
    let response_cite = match op.success {
        Some(_) => crate::cite::or_guess(&[(op.success_at, op.success_at)], "a status heading"),
        None => crate::cite::guessed(&format!(
            "the page stating no success status: {success} assumed"
        )),
    };
    OpBuild {
        op: Operation {
            cite: Some(cite),
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
                cite: Some(response_cite),
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
        from_tables,
        origin: op.origin.clone(),
    }
}

/// The variables of a drafted base URL: each `{name}` of its host, to be described.
pub(crate) fn base_variables(base: &str) -> IndexMap<String, Variable> {
    template_vars(base)
        .into_iter()
        .map(|v| {
            let example = format!("{v}.example");
            (
                v,
                Variable {
                    description: TODO.into(),
                    example,
                    default: None,
                },
            )
        })
        .collect()
}

/// Sets the `required` flag of each field of the types `schema` reaches that a table row
/// names with a flag (a name the rows flag both ways is left as it is), citing the row.
/// Whether any flag was read.
fn required_from_tables(
    defs: &mut IndexMap<String, TypeDef>,
    schema: &Schema,
    flags: &[(String, bool, (usize, usize))],
) -> bool {
    if flags.is_empty() {
        return false;
    }
    let mut reached: Vec<String> = Vec::new();
    let mut stack = vec![schema.clone()];
    while let Some(s) = stack.pop() {
        if let Some(r) = &s.reference {
            if !reached.contains(r) {
                reached.push(r.clone());
                if let Some(t) = defs.get(r) {
                    stack.extend(t.fields.iter().map(|f| f.schema.clone()));
                }
            }
        }
        stack.extend(s.items.iter().map(|i| (**i).clone()));
        stack.extend(s.variants.iter().filter_map(|v| v.schema.clone()));
    }
    let mut read = false;
    for name in reached {
        let Some(t) = defs.get_mut(&name) else {
            continue;
        };
        for f in &mut t.fields {
            let rows: Vec<_> = flags.iter().filter(|r| r.0 == f.name).collect();
            let Some(first) = rows.first() else { continue };
            if rows.iter().any(|r| r.1 != first.1) {
                continue;
            }
            f.required = first.1;
            f.cite = crate::cite::lines(&[first.2]);
            read = true;
        }
    }
    read
}
