//! A whole docs tree into one provider spec: every page (reStructuredText, HTML or
//! Markdown, by its file name, read into the same items: [`crate::items`]) with a request
//! address is read table first ([`crate::reference`]); index pages, guidelines and change
//! histories are skipped and listed; identical types across pages become
//! one, different ones with one name are kept apart under the operation's name; one
//! `sources` entry per drafted page, each operation citing its page by `source` and each
//! type its page by `FILE:LINES`; API versions of one call keep their operations, with
//! `since` and `deprecated` where the pages say so ([`crate::versions`]); an appendix of
//! error codes becomes error cases of the operations whose pages refer to it
//! ([`crate::appendix`]). Pages are taken in path order, so the output is deterministic.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{AuthScheme, Cite, Erratum, Operation, Provider, Schema, Source, Spec, TypeDef};

use crate::appendix::{self, Appendix};
use crate::infer::{camel, TODO};
use crate::items::{self, Link};
use crate::op::Notes;
use crate::page::{Format, Page};
use crate::reference::{self, NotAnOperation, PageOp};
use crate::Draft;

/// A tree's draft and what it did not draft.
#[derive(Debug, Clone)]
pub struct TreeDraft {
    pub draft: Draft,
    /// Pages read and skipped, with why (index, no address).
    pub skipped: Vec<(String, String)>,
    /// Pages that could not be read, with the reason.
    pub unreadable: Vec<(String, String)>,
}

/// Every file under `dir`, sorted by path relative to it (symlinks not followed).
fn walk(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let e = e?;
            let t = e.file_type()?;
            if t.is_dir() {
                stack.push(e.path());
            } else if t.is_file() {
                out.push(e.path());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Draft every operation page under `dir` into one spec of provider `provider`.
pub fn draft_tree(dir: &Path, provider: &str) -> std::io::Result<TreeDraft> {
    let mut pages: Vec<(Page, PageOp)> = Vec::new();
    let mut skipped = Vec::new();
    let mut unreadable = Vec::new();
    let mut title = String::new();
    let mut apps: Vec<Appendix> = Vec::new();
    let paths = walk(dir)?;
    // The tree's pages, by the names links give them.
    let files: Vec<String> = paths
        .iter()
        .map(|p| p.to_string_lossy())
        .filter(|p| Format::of_name(p).is_some())
        .filter_map(|p| items::page_of(&p))
        .collect();
    for path in paths {
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        let Some(format) = Format::of_name(&rel) else {
            skipped.push((
                rel,
                "not a page (reStructuredText, HTML or Markdown)".into(),
            ));
            continue;
        };
        let mut page = match Page::read(&path) {
            Ok(p) => p,
            Err(e) => {
                unreadable.push((rel, e.to_string()));
                continue;
            }
        };
        page.file = rel.clone();
        page.format = format;
        let items = page.items();
        if items::page_of(&rel).as_deref() == Some("index") && !rel.contains('/') {
            title = items::title(&items);
        }
        if format == Format::Rst && page.text.contains(".. toctree::") {
            skipped.push((rel, "an index page (a toctree)".into()));
            continue;
        }
        match reference::read(&items, &rel) {
            Ok(op) => pages.push((page, op)),
            Err(NotAnOperation::NoAddress) => match appendix::read(&items) {
                Some((member, codes)) => {
                    apps.push(Appendix {
                        source: source_of(&page, items::title(&items)),
                        labels: appendix::labels(&page.text),
                        member,
                        codes,
                    });
                }
                None => {
                    let why = match linked_pages(&page.links(), &files) {
                        n if n >= 2 => format!("an index page (links to {n} pages of the tree)"),
                        _ => "no request address (guidelines, change history or appendix)".into(),
                    };
                    skipped.push((rel, why));
                }
            },
        }
    }
    let (spec, mut notes) = assemble(&pages, &apps, provider, &title);
    // An appendix is a source when a page refers to it, else skipped.
    for a in &apps {
        if !spec
            .provider
            .sources
            .iter()
            .any(|s| s.file == a.source.file)
        {
            skipped.push((
                a.source.file.clone(),
                "an appendix of error codes or statuses no operation page refers to".into(),
            ));
        }
    }
    skipped.sort();
    for (f, why) in &skipped {
        note(
            &mut notes,
            "/provider/sources",
            format!("skipped {f}: {why}"),
        );
    }
    for (f, why) in &unreadable {
        note(
            &mut notes,
            "/provider/sources",
            format!("not read {f}: {why}"),
        );
    }
    Ok(TreeDraft {
        draft: crate::finish(spec, notes),
        skipped,
        unreadable,
    })
}

/// How many pages of the tree (`files`, by [`items::page_of`]) a page links to.
fn linked_pages(links: &[Link], files: &[String]) -> usize {
    let mut seen: Vec<&str> = links
        .iter()
        .filter_map(|l| match l {
            Link::Page(p, _) => files.contains(p).then_some(p.as_str()),
            Link::Label(..) => None,
        })
        .collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

/// A drafted page's `sources` entry.
fn source_of(page: &Page, title: String) -> Source {
    Source {
        file: page.file.clone(),
        sha256: page.sha256.clone(),
        language: crate::vocab::language(&page.text).into(),
        title,
        url: None,
    }
}

fn note(notes: &mut Notes, path: &str, text: String) {
    notes
        .entry(path.to_string())
        .or_default()
        .push(format!("TODO(draft): {text}"));
}

/// A citation's line parts prefixed by `page:` (parts naming a page or no line kept).
fn on_page(c: &Cite, page: &str) -> Cite {
    let parts: Vec<String> =
        c.0.split(';')
            .map(|p| p.trim())
            .map(|p| {
                let lines = !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit() || ch == '-');
                if lines {
                    format!("{page}:{p}")
                } else {
                    p.to_string()
                }
            })
            .collect();
    Cite(parts.join("; "))
}

fn rename(s: &mut Schema, map: &IndexMap<String, String>) {
    if let Some(r) = &mut s.reference {
        if let Some(n) = map.get(r) {
            *r = n.clone();
        }
    }
    if let Some(i) = &mut s.items {
        rename(i, map);
    }
    for v in &mut s.variants {
        if let Some(x) = &mut v.schema {
            rename(x, map);
        }
    }
}

/// A type without its citations, to tell identical types from different ones.
fn shape(t: &TypeDef) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.remove("cite");
                m.values_mut().for_each(strip);
            }
            Value::Array(xs) => xs.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(t).expect("a type serialises");
    strip(&mut v);
    v
}

/// The pages' operations as one spec.
pub fn assemble(
    pages: &[(Page, PageOp)],
    apps: &[Appendix],
    provider: &str,
    title: &str,
) -> (Spec, Notes) {
    let mut notes = Notes::new();
    let mut types: IndexMap<String, TypeDef> = IndexMap::new();
    let mut auth: IndexMap<String, AuthScheme> = IndexMap::new();
    let mut ops: Vec<Operation> = Vec::new();
    let mut errata: Vec<Erratum> = Vec::new();
    let mut sources = Vec::new();
    let mut base: Option<String> = None;
    // The error body type of the first page that gives one, for statuses listed bare.
    let mut error_type: Option<(Schema, String)> = None;
    for (page, p) in pages {
        let file = page.file.as_str();
        sources.push(source_of(page, p.title.clone()));
        if base.is_none() {
            base.clone_from(&p.base);
        }
        for (k, v) in &p.auth {
            // The first page naming the scheme cites it, on that page.
            auth.entry(k.clone()).or_insert_with(|| {
                let mut v = v.clone();
                match &mut v {
                    AuthScheme::Query { cite, .. }
                    | AuthScheme::Header { cite, .. }
                    | AuthScheme::Form { cite, .. }
                    | AuthScheme::Signature { cite, .. } => {
                        *cite = cite.as_ref().map(|c| on_page(c, file));
                    }
                }
                v
            });
        }
        let mut map: IndexMap<String, String> = IndexMap::new();
        for (name, def) in &p.types {
            let mut def = def.clone();
            for f in &mut def.fields {
                rename(&mut f.schema, &map);
            }
            let same = types
                .iter()
                .find(|(_, t)| shape(t) == shape(&def))
                .map(|(n, _)| n.clone());
            let to = match same {
                Some(n) => n,
                None => {
                    let mut n = name.clone();
                    if types.contains_key(&n) {
                        let stem = format!("{}{name}", camel(&p.op.id));
                        n = stem.clone();
                        let mut k = 2;
                        while types.contains_key(&n) {
                            n = format!("{stem}{k}");
                            k += 1;
                        }
                    }
                    def.cite = def.cite.as_ref().map(|c| on_page(c, file));
                    if let Some(texts) = p.notes.get("/types") {
                        for t in texts {
                            notes
                                .entry(format!("/types/{n}"))
                                .or_default()
                                .push(t.clone());
                        }
                    }
                    types.insert(n.clone(), def);
                    n
                }
            };
            map.insert(name.clone(), to);
        }
        let mut op = p.op.clone();
        for q in &mut op.request.parameters {
            rename(&mut q.schema, &map);
        }
        rename(&mut op.response.schema, &map);
        for e in &mut op.errors {
            rename(&mut e.schema, &map);
            if error_type.is_none() {
                error_type = Some((e.schema.clone(), e.matcher.has_fields.join(",")));
            }
        }
        let stem = op.id.clone();
        let mut k = 2;
        while ops.iter().any(|o| o.id == op.id) {
            op.id = format!("{stem}_{k}");
            k += 1;
        }
        for fix in &p.errata {
            let id = format!("E{}", errata.len() + 1);
            let ex = &mut op.examples[fix.example];
            ex.erratum = Some(id.clone());
            errata.push(Erratum {
                id,
                source: file.to_string(),
                location: format!("example `{}`", ex.name),
                problem: format!(
                    "TODO(draft): the example disagrees with the tables: {}",
                    fix.problem
                ),
                choice: "TODO: the example as decoded against the tables".into(),
                reason: TODO.into(),
                corrects: fix.corrects.clone(),
            });
        }
        let at = format!("/operations/{}", ops.len());
        for (path, texts) in &p.notes {
            if path == "/types" {
                continue;
            }
            let key = if path == "/auth" {
                "/auth".to_string()
            } else {
                format!("{at}{path}")
            };
            notes.entry(key).or_default().extend(texts.iter().cloned());
        }
        ops.push(op);
    }
    // Statuses a page lists as errors without a body table take the tree's error body.
    for (i, ((_, p), op)) in pages.iter().zip(ops.iter_mut()).enumerate() {
        for (s, at) in &p.bare_errors {
            if op.errors.iter().any(|e| e.status == *s) {
                continue;
            }
            if let Some((schema, _)) = &error_type {
                let mut e = reference::error_case(*s, schema.clone(), &types, &[*at]);
                // The body is the one another page gives: cite its table too.
                let table = schema
                    .reference
                    .as_ref()
                    .and_then(|r| types.get(r))
                    .and_then(|t| t.cite.clone());
                if let (Some(c), Some(t)) = (&mut e.cite, table) {
                    c.0 = format!("{}; {}", c.0, t.0);
                }
                note(
                    &mut notes,
                    &format!("/operations/{i}/errors/{}", op.errors.len()),
                    format!(
                        "status {s} has no body table on its page: the body another page gives for an error"
                    ),
                );
                op.errors.push(e);
            }
        }
    }
    let texts: Vec<(&str, Vec<Link>)> = pages
        .iter()
        .map(|(page, _)| (page.text.as_str(), page.links()))
        .collect();
    sources.extend(crate::appendix::attach(
        apps, &mut ops, &texts, &types, &mut notes,
    ));
    let titles: Vec<String> = pages.iter().map(|(_, p)| p.title.clone()).collect();
    crate::versions::mark(&mut ops, &titles, &mut notes);
    let base = base.unwrap_or_else(|| "https://TODO".into());
    let variables = crate::build::base_variables(&base);
    note(
        &mut notes,
        "/provider/base_url",
        "from the first example URL".into(),
    );
    let title = if title.is_empty() {
        pages.first().map(|p| p.1.title.clone()).unwrap_or_default()
    } else {
        title.to_string()
    };
    let spec = Spec {
        provider: Provider {
            id: provider.to_string(),
            title,
            description: "TODO: describe the API in our own words.".into(),
            base_url: base,
            variables,
            sources,
            version: None,
        },
        auth,
        types,
        operations: ops,
        mock: None,
        errata,
    };
    (spec, notes)
}
