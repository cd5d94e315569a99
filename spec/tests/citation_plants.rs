//! Planted mistakes the citation check must refuse: each is planted into a temporary copy of
//! every spec of `specs/` that has a target for it (found by walking the spec: "the first
//! parameter with a default", never a file or provider name), and must be reported at the
//! planted fact's spec line with a message naming a page line. Needs the seed pages; skipped
//! without them.

use std::path::{Path, PathBuf};

use crate::common::{seeds, spec_files};

use serde_json::Value;
use spec::format::{Cite, EnumValue, Format, Kind, Operation, Parameter, Spec};
use spec::model::Model;
use spec::validate::load_and_validate;
use spec::yaml::PathSeg;

mod coverage;
mod examples;

/// One plant: the changed spec, the document path of the planted fact, what the refusal
/// must say, and the page it concerns.
struct Plant {
    spec: Spec,
    at: Vec<PathSeg>,
    says: Vec<String>,
    page: String,
}

fn seg(parts: &[&dyn ToSeg]) -> Vec<PathSeg> {
    parts.iter().map(|p| p.seg()).collect()
}

trait ToSeg {
    fn seg(&self) -> PathSeg;
}
impl ToSeg for &str {
    fn seg(&self) -> PathSeg {
        PathSeg::from(*self)
    }
}
impl ToSeg for usize {
    fn seg(&self) -> PathSeg {
        PathSeg::from(*self)
    }
}
impl ToSeg for String {
    fn seg(&self) -> PathSeg {
        PathSeg::from(self.as_str())
    }
}

/// Write the plant's spec alone into a fresh directory, check it against the pages and
/// assert one finding at the planted fact (or a citation enclosing it) says what it must
/// and names a page line.
fn refused(file: &Path, plant: Plant, pages: &Path, tag: &str) {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let dir = std::env::temp_dir().join(format!("spec-plant-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(&name);
    std::fs::write(&path, serde_yaml::to_string(&plant.spec).unwrap()).unwrap();
    let loaded = spec::load::load_file(&path).expect("the planted spec loads");
    let validated = load_and_validate(std::slice::from_ref(&path), None);
    std::fs::remove_dir_all(&dir).ok();
    let validated =
        validated.unwrap_or_else(|d| panic!("{name} [{tag}]: the plant does not validate:\n{d}"));
    let model = Model::build(&validated).expect("model");
    let (found, _) = spec::cite::check::check(&validated, &model, pages, &|_| false);
    // The planted node, and every citation written on it or a block around it.
    let map = loaded.source_map();
    let mut lines = Vec::new();
    for k in 2..=plant.at.len() {
        let p = &plant.at[..k];
        lines.push(map.locate(p).0);
        let mut c = p.to_vec();
        c.push(PathSeg::from("cite"));
        if map.contains(&c) {
            lines.push(map.locate(&c).0);
        }
    }
    let page_line =
        regex::Regex::new(&format!(r"{}(:| line )\d", regex::escape(&plant.page))).unwrap();
    let hit = found.0.iter().find(|d| {
        let text = d.to_string();
        lines.contains(&d.line)
            && plant.says.iter().all(|s| text.contains(s.as_str()))
            && page_line.is_match(&text)
    });
    assert!(
        hit.is_some(),
        "{name} [{tag}]: not refused at lines {lines:?} with {:?} naming a line of {}; found:\n{found}",
        plant.says,
        plant.page
    );
}

fn load(file: &Path) -> Spec {
    spec::load::load_file(file).expect("loads").spec
}

/// A citation naming page lines only (`12`, `12-14`), no erratum or inference.
fn plain(c: &Option<Cite>) -> Option<(usize, usize)> {
    let c = c.as_ref()?.0.trim();
    if c.chars()
        .any(|ch| ch.is_alphabetic() || ch == ';' || ch == ':')
    {
        return None;
    }
    let (a, b) = c.split_once('-').unwrap_or((c, c));
    Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
}

/// A page's lines as stored (read here, not through the checker).
fn raw(pages: &Path, page: &str) -> Vec<String> {
    std::fs::read_to_string(pages.join(page))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// Whether a raw line is (part of) a table row: pipe cells or an HTML cell.
fn table_line(l: &str) -> bool {
    l.matches('|').count() >= 2 || l.contains("<td") || l.trim_end().ends_with(" |")
}

/// Every parameter with its operation, path and a plain citation.
fn cited_params(spec: &Spec) -> Vec<(usize, usize, (usize, usize))> {
    let mut out = Vec::new();
    for (i, op) in spec.operations.iter().enumerate() {
        for (k, p) in op.request.parameters.iter().enumerate() {
            if let Some(l) = plain(&p.cite) {
                out.push((i, k, l));
            }
        }
    }
    out
}

fn param_at(i: usize, k: usize) -> Vec<PathSeg> {
    seg(&[&"operations", &i, &"request", &"parameters", &k])
}

fn used_by_examples(op: &Operation, p: &Parameter) -> bool {
    op.examples.iter().any(|e| {
        e.request.as_ref().is_some_and(|r| {
            r.path.contains_key(&p.name)
                || r.query.contains_key(&p.name)
                || r.headers.contains_key(&p.name)
                || r.body.as_ref().is_some_and(|b| b.get(&p.name).is_some())
        })
    })
}

/// Run `plant` on every spec; at least one must have had a target.
fn sweep(tag: &str, plant: impl Fn(&Path, Spec) -> Option<Plant>) {
    let Some(pages) = seeds() else {
        eprintln!("skipped: no seed pages beside the workspace");
        return;
    };
    let mut planted = 0;
    for file in spec_files() {
        if let Some(p) = plant(&pages, load(&file)) {
            refused(&file, p, &pages, tag);
            planted += 1;
        }
    }
    assert!(planted > 0, "[{tag}]: no spec has a target to plant into");
}

fn files() -> Vec<PathBuf> {
    spec_files()
}

#[test]
fn a_wrong_row_without_the_name() {
    sweep("row-lacking-name", |pages, mut spec| {
        let (i, k, (a, b)) = *cited_params(&spec).first()?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        let p = &mut op.request.parameters[k];
        let lines = raw(pages, &page);
        // A table line of another row (outside the cited one) without the name.
        let n = (1..=lines.len()).find(|&n| {
            (n + 1 < a || n > b + 1) && table_line(&lines[n - 1]) && !lines[n - 1].contains(&p.name)
        })?;
        p.cite = Some(Cite(n.to_string()));
        let says = vec![format!("parameter `{}`", p.name)];
        Some(Plant {
            spec,
            at: param_at(i, k),
            says,
            page,
        })
    });
}

#[test]
fn a_wrong_row_that_repeats_the_name() {
    sweep("row-repeating-name", |pages, mut spec| {
        for (i, k, (a, b)) in cited_params(&spec) {
            let op = &spec.operations[i];
            let page = op.source.clone();
            let name = op.request.parameters[k].name.clone();
            let lines = raw(pages, &page);
            let word =
                regex::Regex::new(&format!(r"(^|[^\w]){}([^\w]|$)", regex::escape(&name))).unwrap();
            // Another table line saying the name, outside the cited row.
            let Some(n) = (1..=lines.len()).find(|&n| {
                (n < a.saturating_sub(1) || n > b + 1)
                    && table_line(&lines[n - 1])
                    && word.is_match(&lines[n - 1])
                    && !lines[n - 1].split('|').map(str::trim).any(|c| c == name)
                    && !lines[n - 1].contains(&format!(">{name}<"))
            }) else {
                continue;
            };
            spec.operations[i].request.parameters[k].cite = Some(Cite(n.to_string()));
            let says = vec![format!("parameter `{name}`"), "table row".into()];
            return Some(Plant {
                spec,
                at: param_at(i, k),
                says,
                page,
            });
        }
        None
    });
}

#[test]
fn a_bound_the_page_never_states() {
    sweep("bound-never-stated", |_, mut spec| {
        let (i, k, _) = cited_params(&spec).into_iter().find(|(i, k, _)| {
            let p = &spec.operations[*i].request.parameters[*k];
            p.schema.kind == Kind::Integer && p.schema.maximum.is_none() && p.default.is_none()
        })?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        let p = &mut op.request.parameters[k];
        p.schema.maximum = Some(987_651);
        p.schema.minimum = None;
        let mut at = param_at(i, k);
        at.extend(seg(&[&"schema", &"maximum"]));
        Some(Plant {
            spec,
            at,
            says: vec!["`maximum: 987651`".into(), "never says".into()],
            page,
        })
    });
}

#[test]
fn a_maximum_that_is_the_rows_default() {
    sweep("max-is-default", |_, mut spec| {
        let (i, k, _) = cited_params(&spec).into_iter().find(|(i, k, _)| {
            let p = &spec.operations[*i].request.parameters[*k];
            p.schema.maximum.is_none()
                && matches!(p.schema.kind, Kind::Integer | Kind::Long)
                && p.default.as_ref().and_then(Value::as_i64).is_some()
        })?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        let p = &mut op.request.parameters[k];
        let d = p.default.as_ref().and_then(Value::as_i64)?;
        p.schema.maximum = Some(d);
        let mut at = param_at(i, k);
        at.extend(seg(&[&"schema", &"maximum"]));
        Some(Plant {
            spec,
            at,
            says: vec![format!("`maximum: {d}`"), "upper bound".into()],
            page,
        })
    });
}

#[test]
fn a_minimum_swapped_into_a_maximum() {
    sweep("min-swapped", |_, mut spec| {
        let (i, k, _) = cited_params(&spec).into_iter().find(|(i, k, _)| {
            let s = &spec.operations[*i].request.parameters[*k].schema;
            s.minimum.is_some() && s.maximum.is_none()
        })?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        let s = &mut op.request.parameters[k].schema;
        let n = s.minimum.take()?;
        s.maximum = Some(n);
        let mut at = param_at(i, k);
        at.extend(seg(&[&"schema", &"maximum"]));
        // The default and examples must stay within the swapped bound to validate; the
        // citation is what is under test.
        let d = op.request.parameters[k]
            .default
            .as_ref()
            .and_then(Value::as_i64);
        if d.is_some_and(|d| d > n) {
            op.request.parameters[k].default = None;
        }
        op.examples.clear();
        Some(Plant {
            spec,
            at,
            says: vec![format!("`maximum: {n}`"), "upper bound".into()],
            page,
        })
    });
}

#[test]
fn an_enum_value_not_on_its_line_or_a_word_of_it() {
    let tag = regex::Regex::new(r"<[^>]*>").unwrap();
    sweep("enum-word", |pages, mut spec| {
        for (name, t) in spec.types.iter_mut() {
            let Some(first) = t.values.first() else {
                continue;
            };
            let Some((a, _)) = plain(&first.cite) else {
                continue;
            };
            let [source] = spec.provider.sources.as_slice() else {
                continue;
            };
            let page = source.file.clone();
            let lines = raw(pages, &page);
            // An ordinary word of the cited line that is no value yet.
            let text = tag.replace_all(&lines[a - 1], " ").to_string();
            let word = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.len() >= 5 && w.chars().all(|c| c.is_ascii_lowercase()))
                .find(|w| !t.values.iter().any(|v| v.value == *w))?
                .to_string();
            let cite = first.cite.clone();
            t.values.push(EnumValue {
                value: word.clone(),
                description: "planted".into(),
                cite,
            });
            let n = t.values.len() - 1;
            let at = seg(&[&"types", &name.clone(), &"values", &n]);
            let says = vec![format!("value `{word}`")];
            return Some(Plant {
                spec,
                at,
                says,
                page,
            });
        }
        None
    });
}

#[test]
fn a_required_flag_flipped() {
    sweep("required-flipped", |pages, mut spec| {
        let (i, k, _) = cited_params(&spec).into_iter().find(|(i, k, (a, b))| {
            let op = &spec.operations[*i];
            let p = &op.request.parameters[*k];
            let lines = raw(pages, &op.source);
            p.required
                && p.location != spec::format::Location::Path
                && (*a..=*b).any(|n| {
                    let l = lines[n - 1].to_lowercase();
                    ["yes", "sim", "да"]
                        .iter()
                        .any(|w| l.contains(&format!(" {w} ")) || l.contains(&format!(">{w}<")))
                })
        })?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        let p = &mut op.request.parameters[k];
        p.required = false;
        let mut at = param_at(i, k);
        at.push(PathSeg::from("required"));
        let says = vec![
            format!("`required: false` of parameter `{}`", p.name),
            "required cell".into(),
        ];
        Some(Plant {
            spec,
            at,
            says,
            page,
        })
    });
}

#[test]
fn a_type_changed_where_no_example_shows_it() {
    sweep("type-changed", |_, mut spec| {
        let (i, k, _) = cited_params(&spec).into_iter().find(|(i, k, _)| {
            let op = &spec.operations[*i];
            let p = &op.request.parameters[*k];
            let s = &p.schema;
            matches!(s.kind, Kind::String | Kind::Integer)
                && p.default.is_none()
                && s.format.is_none()
                && s.pattern.is_none()
                && s.minimum.is_none()
                && s.maximum.is_none()
                && s.min_length.is_none()
                && s.max_length.is_none()
                && s.forbidden_chars.is_none()
                && p.location != spec::format::Location::Path
                && !used_by_examples(op, p)
                && spec.operations[*i].pagination.is_none()
        })?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        let p = &mut op.request.parameters[k];
        p.schema.kind = Kind::Boolean;
        p.schema.wire = None;
        let mut at = param_at(i, k);
        at.extend(seg(&[&"schema", &"type"]));
        let says = vec![format!("type `boolean` of parameter `{}`", p.name)];
        Some(Plant {
            spec,
            at,
            says,
            page,
        })
    });
}

#[test]
fn a_format_changed() {
    sweep("format-changed", |_, mut spec| {
        let (i, k, _) = cited_params(&spec).into_iter().find(|(i, k, _)| {
            let op = &spec.operations[*i];
            let p = &op.request.parameters[*k];
            p.schema.format.is_some() && p.schema.cite.is_none()
        })?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        // The examples would no longer validate; the citation is what is under test.
        op.examples.clear();
        let p = &mut op.request.parameters[k];
        let to = if p.schema.format == Some(Format::Date) {
            Format::TimeOfDay
        } else {
            Format::Date
        };
        p.schema.format = Some(to);
        let mut at = param_at(i, k);
        at.extend(seg(&[&"schema", &"format"]));
        let says = vec![format!("`format: {}`", to.name())];
        Some(Plant {
            spec,
            at,
            says,
            page,
        })
    });
}

#[test]
fn a_success_status_changed() {
    sweep("status-changed", |_, mut spec| {
        let i = spec
            .operations
            .iter()
            .position(|op| plain(&op.response.cite).is_some())?;
        let op = &mut spec.operations[i];
        let page = op.source.clone();
        let old = op.response.status;
        let new = if old == 299 { 298 } else { 299 };
        op.response.status = new;
        for ex in &mut op.examples {
            if let Some(r) = ex.response.as_mut().filter(|_| ex.error.is_none()) {
                if r.status == old {
                    r.status = new;
                }
            }
        }
        let at = seg(&[&"operations", &i, &"response", &"status"]);
        Some(Plant {
            spec,
            at,
            says: vec![format!("success status {new}")],
            page,
        })
    });
}

#[test]
fn an_error_cases_match_member_changed() {
    sweep("match-changed", |_, mut spec| {
        for (i, op) in spec.operations.iter_mut().enumerate() {
            let page = op.source.clone();
            for (k, e) in op.errors.iter_mut().enumerate() {
                if plain(&e.cite).is_none() {
                    continue;
                }
                let Some((member, value)) = e
                    .matcher
                    .equals
                    .iter()
                    .find_map(|(m, v)| Some((m.clone(), v.as_str()?.to_string())))
                else {
                    continue;
                };
                let planted = format!("{value}Planted");
                e.matcher
                    .equals
                    .insert(member.clone(), Value::String(planted.clone()));
                let name = e.name.clone();
                // Its failure examples would no longer match it.
                op.examples
                    .retain(|x| x.error.as_deref() != Some(name.as_str()));
                let at = seg(&[&"operations", &i, &"errors", &k]);
                let says = vec![format!("error case `{name}`"), planted];
                return Some(Plant {
                    spec,
                    at,
                    says,
                    page,
                });
            }
        }
        None
    });
}

#[test]
fn a_fact_cited_only_to_an_erratum_that_says_nothing_of_it() {
    sweep("erratum-silent", |_, mut spec| {
        let e = spec.errata.iter().find(|e| {
            let t = format!("{} {} {} {}", e.location, e.problem, e.choice, e.reason);
            !t.contains("987653")
        })?;
        let id = e.id.clone();
        let text = format!(
            "{} {} {} {} {}",
            e.location,
            e.problem,
            e.choice,
            e.reason,
            e.corrects.join(" ")
        )
        .to_lowercase();
        let (i, k) = spec.operations.iter().enumerate().find_map(|(i, op)| {
            op.request
                .parameters
                .iter()
                .position(|p| {
                    p.schema.kind == Kind::String
                        && p.schema.max_length.is_none()
                        && p.default.is_none()
                        && !text.contains(&p.name.to_lowercase())
                        && !text.contains(&p.name.to_lowercase().replace('_', " "))
                })
                .map(|k| (i, k))
        })?;
        let p = &mut spec.operations[i].request.parameters[k];
        p.schema.max_length = Some(987_653);
        p.schema.cite = Some(Cite(format!("erratum {id}")));
        let mut at = param_at(i, k);
        at.extend(seg(&[&"schema", &"max_length"]));
        let says = vec![
            "`max_length: 987653`".into(),
            format!("only to erratum {id}"),
        ];
        // The erratum names no page line; the refusal names the fact and the erratum.
        Some(Plant {
            spec,
            at,
            says,
            page: String::new(),
        })
    });
}

#[test]
fn a_deleted_parameter_is_reported_at_its_page_line() {
    let Some(pages) = seeds() else {
        eprintln!("skipped: no seed pages beside the workspace");
        return;
    };
    let mut planted = 0;
    for file in files() {
        let original = load(&file);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (i, k, (a, _)) in cited_params(&original) {
            let mut spec = original.clone();
            let op = &mut spec.operations[i];
            let page = op.source.clone();
            let p = op.request.parameters.remove(k);
            // A row an erratum says is left out is not a deletion.
            let excused = spec.errata.iter().any(|e| e.location.contains(&p.name));
            if excused || !table_line(&raw(&pages, &page)[a - 1]) {
                continue;
            }
            let dir =
                std::env::temp_dir().join(format!("spec-plant-{}-deleted", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(&name);
            std::fs::write(&path, serde_yaml::to_string(&spec).unwrap()).unwrap();
            let validated = load_and_validate(std::slice::from_ref(&path), None);
            std::fs::remove_dir_all(&dir).ok();
            let Ok(v) = validated else {
                continue; // an example or paging still names it
            };
            let model = Model::build(&v).expect("model");
            let (found, _) = spec::cite::check::check(&v, &model, &pages, &|_| false);
            let text = found.to_string();
            assert!(
                text.lines().any(|l| l.contains(&format!("`{}`", p.name))
                    && l.contains("covered by no fact")
                    && l.contains(&page)),
                "{name}: deleting parameter `{}` went unnoticed:\n{text}",
                p.name
            );
            planted += 1;
            break;
        }
    }
    assert!(planted > 0, "no spec has a parameter that can be deleted");
}

#[test]
fn an_auth_scheme_cited_to_a_line_that_does_not_describe_it() {
    sweep("auth-scheme", |pages, mut spec| {
        let source = spec.provider.sources.first()?.file.clone();
        let prefix = source.split('_').next()?.to_string();
        let first = raw(pages, &source).first()?.to_lowercase();
        let (id, scheme) = spec.auth.iter_mut().find(|(_, s)| {
            let name = s.wire_name().unwrap_or("sign").to_lowercase();
            !first.contains(&name) && !first.contains("sign") && !first.contains("ak/sk")
        })?;
        let planted = Cite(format!("{prefix}:1"));
        match scheme {
            spec::format::AuthScheme::Query { cite, .. }
            | spec::format::AuthScheme::Header { cite, .. }
            | spec::format::AuthScheme::Form { cite, .. }
            | spec::format::AuthScheme::Signature { cite, .. } => *cite = Some(planted),
        }
        let at = seg(&[&"auth", &id.clone()]);
        let says = vec![format!("auth scheme `{id}`"), "does not contain".into()];
        Some(Plant {
            spec,
            at,
            says,
            page: source,
        })
    });
}
