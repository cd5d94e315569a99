//! Planted changes to example values: a value changed in an example an erratum corrects,
//! in a corrected example body, two values swapped (in a corrected body or between members)
//! and an example citing no page line must be reported at its page line.

use serde_json::Value;

use super::*;

/// The JSON pointers of the string leaves of `v` (longer than two characters) whose member
/// and value `skip` does not name.
pub(super) fn string_leaves(
    v: &Value,
    skip: &[String],
    member: &str,
    at: String,
    out: &mut Vec<String>,
) {
    match v {
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            let key = k.replace('~', "~0").replace('/', "~1");
            string_leaves(x, skip, k, format!("{at}/{key}"), out)
        }),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| string_leaves(x, skip, member, format!("{at}/{i}"), out)),
        Value::String(s) if !skip.iter().any(|c| c == member || c == s) && s.len() > 2 => {
            out.push(at)
        }
        _ => {}
    }
}

/// Whether `spec` validates on its own.
pub(super) fn validates(spec: &Spec, tag: &str) -> bool {
    let dir = std::env::temp_dir().join(format!("spec-plant-{}-{tag}-try", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.yaml", spec.provider.id));
    std::fs::write(&path, serde_yaml::to_string(spec).unwrap()).unwrap();
    let ok = load_and_validate(std::slice::from_ref(&path), None).is_ok();
    std::fs::remove_dir_all(&dir).ok();
    ok
}

/// Change a page value of the first example with an erratum (`with_original`: one whose
/// body is corrected) to one no page says: a value its erratum does not correct, in a
/// change the schema still accepts.
fn plant_example_value(
    spec: &Spec,
    with_original: bool,
    tag: &str,
) -> Option<(Spec, Vec<PathSeg>, String, String)> {
    let planted = "zzplanted987".to_string();
    for (i, op) in spec.operations.iter().enumerate() {
        for (k, ex) in op.examples.iter().enumerate() {
            let Some(id) = &ex.erratum else { continue };
            if ex.original.is_some() != with_original {
                continue;
            }
            let Some(body) = ex.response.as_ref().and_then(|r| r.body.as_ref()) else {
                continue;
            };
            let corrects = spec
                .errata
                .iter()
                .find(|e| &e.id == id)
                .map(|e| e.corrects.clone())
                .unwrap_or_default();
            let mut leaves = Vec::new();
            string_leaves(body, &corrects, "", String::new(), &mut leaves);
            for pointer in leaves {
                let mut s = spec.clone();
                let b = s.operations[i].examples[k]
                    .response
                    .as_mut()?
                    .body
                    .as_mut()?;
                *b.pointer_mut(&pointer)? = Value::String(planted.clone());
                if validates(&s, tag) {
                    let at = seg(&[&"operations", &i, &"examples", &k]);
                    return Some((s, at, planted, op.source.clone()));
                }
            }
        }
    }
    None
}

#[test]
fn a_changed_value_in_an_example_with_an_erratum() {
    sweep("example-erratum-value", |_, spec| {
        let (spec, at, planted, page) = plant_example_value(&spec, false, "eev")?;
        Some(Plant {
            spec,
            at,
            says: vec![format!("`{planted}`")],
            page,
        })
    });
}

#[test]
fn a_changed_value_in_a_corrected_example_body() {
    sweep("corrected-body-value", |_, spec| {
        let (spec, at, planted, page) = plant_example_value(&spec, true, "cbv")?;
        Some(Plant {
            spec,
            at,
            says: vec![format!("`{planted}`")],
            page,
        })
    });
}

/// Swap two string values of a corrected example (both still on the page, so only holding
/// the example to its `original` can see it): the first swap that still validates.
fn swap_in_corrected(spec: &Spec, tag: &str) -> Option<(Spec, Vec<PathSeg>, String)> {
    for (i, op) in spec.operations.iter().enumerate() {
        for (k, ex) in op.examples.iter().enumerate() {
            if ex.original.is_none() {
                continue;
            }
            let corrects = spec
                .errata
                .iter()
                .find(|e| Some(&e.id) == ex.erratum.as_ref())
                .map(|e| e.corrects.clone())
                .unwrap_or_default();
            for response in [true, false] {
                let body = if response {
                    ex.response.as_ref().and_then(|r| r.body.as_ref())
                } else {
                    ex.request.as_ref().and_then(|r| r.body.as_ref())
                };
                let Some(body) = body else { continue };
                let mut leaves = Vec::new();
                string_leaves(body, &corrects, "", String::new(), &mut leaves);
                for (a, pa) in leaves.iter().enumerate() {
                    for pb in &leaves[a + 1..] {
                        let (va, vb) = (body.pointer(pa)?.clone(), body.pointer(pb)?.clone());
                        // Both values shown by the original: a slip in what it holds.
                        let o = ex.original.as_deref()?;
                        let shows = |v: &Value| v.as_str().is_some_and(|t| o.contains(t));
                        if va == vb || !shows(&va) || !shows(&vb) {
                            continue;
                        }
                        let mut s = spec.clone();
                        let e = &mut s.operations[i].examples[k];
                        let b = if response {
                            e.response.as_mut()?.body.as_mut()?
                        } else {
                            e.request.as_mut()?.body.as_mut()?
                        };
                        *b.pointer_mut(pa)? = vb;
                        *b.pointer_mut(pb)? = va;
                        if validates(&s, tag) {
                            let at = seg(&[&"operations", &i, &"examples", &k, &"original"]);
                            return Some((s, at, op.source.clone()));
                        }
                    }
                }
            }
        }
    }
    None
}

#[test]
fn two_values_swapped_in_a_corrected_example() {
    sweep("corrected-swap", |_, spec| {
        let (spec, at, page) = swap_in_corrected(&spec, "swap")?;
        Some(Plant {
            spec,
            at,
            says: vec!["in the example".into(), "in the original".into()],
            page,
        })
    });
}

#[test]
fn a_fix_the_erratum_does_not_state() {
    sweep("unstated-fix", |_, mut spec| {
        // A JSON original that needs a repair, its erratum's words about it removed.
        let (i, k, id) = spec.operations.iter().enumerate().find_map(|(i, op)| {
            op.examples.iter().enumerate().find_map(|(k, ex)| {
                let o = ex.original.as_deref()?.trim();
                (o.starts_with('{') && serde_json::from_str::<Value>(o).is_err())
                    .then(|| (i, k, ex.erratum.clone()))
            })
        })?;
        let id = id?;
        let e = spec.errata.iter_mut().find(|e| e.id == id)?;
        e.problem = "The example differs from the page.".into();
        e.choice = "The example keeps the page text as original.".into();
        Some(Plant {
            spec,
            at: seg(&[&"operations", &i, &"examples", &k, &"original"]),
            says: vec![format!("which erratum {id} does not state")],
            page: String::new(),
        })
    });
}

/// The page lines of a citation's plain parts (`12`, `12-14`), read here on their own.
fn cited_text(pages: &Path, page: &str, cite: &Option<Cite>) -> String {
    let lines = raw(pages, page);
    let mut out = String::new();
    for part in cite.as_ref().map_or("", |c| c.0.as_str()).split(';') {
        let part = part.trim();
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        if let (Ok(a), Ok(b)) = (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
            for l in lines.iter().take(b).skip(a.saturating_sub(1)) {
                out.push_str(l);
                out.push('\n');
            }
        }
    }
    out
}

#[test]
fn two_members_values_swapped_in_an_example() {
    sweep("member-swap", |pages, spec| {
        for (i, op) in spec.operations.iter().enumerate() {
            for (k, ex) in op.examples.iter().enumerate() {
                let text = cited_text(pages, &op.source, &ex.cite);
                let corrects: Vec<String> = spec
                    .errata
                    .iter()
                    .filter(|e| Some(&e.id) == ex.erratum.as_ref())
                    .flat_map(|e| e.corrects.clone())
                    .collect();
                // A member the page shows as one, with its value right after it.
                let shown = |m: &str, v: &str| {
                    [
                        format!("\"{m}\": \"{v}\""),
                        format!("\"{m}\" : \"{v}\""),
                        format!("{m} | {v} |"),
                        format!("{m}=\"{v}\""),
                    ]
                    .iter()
                    .any(|f| text.contains(f.as_str()))
                };
                for response in [true, false] {
                    let body = if response {
                        ex.response.as_ref().and_then(|r| r.body.as_ref())
                    } else {
                        ex.request.as_ref().and_then(|r| r.body.as_ref())
                    };
                    let Some(Value::Object(o)) = body else {
                        continue;
                    };
                    let pairs: Vec<(&String, &str)> = o
                        .iter()
                        .filter_map(|(m, v)| Some((m, v.as_str()?)))
                        .filter(|(m, v)| !corrects.contains(m) && shown(m, v))
                        .collect();
                    for (a, (ma, va)) in pairs.iter().enumerate() {
                        for (mb, vb) in &pairs[a + 1..] {
                            if va == vb {
                                continue;
                            }
                            let mut s = spec.clone();
                            let e = &mut s.operations[i].examples[k];
                            let b = if response {
                                e.response.as_mut()?.body.as_mut()?
                            } else {
                                e.request.as_mut()?.body.as_mut()?
                            };
                            b[ma.as_str()] = Value::String(vb.to_string());
                            b[mb.as_str()] = Value::String(va.to_string());
                            if validates(&s, "member-swap") {
                                return Some(Plant {
                                    spec: s,
                                    at: seg(&[&"operations", &i, &"examples", &k]),
                                    says: vec![format!("`{vb}` as `{ma}`")],
                                    page: op.source.clone(),
                                });
                            }
                        }
                    }
                }
            }
        }
        None
    });
}

#[test]
fn an_example_cited_to_no_page_line() {
    sweep("example-unpaged", |_, mut spec| {
        let (i, op) = spec
            .operations
            .iter_mut()
            .enumerate()
            .find(|(_, op)| !op.examples.is_empty())?;
        let page = op.source.clone();
        op.examples[0].cite = Some(Cite(format!("erratum {}", spec.errata.first()?.id)));
        Some(Plant {
            spec,
            at: seg(&[&"operations", &i, &"examples", &0]),
            says: vec!["none of its values is held".into()],
            page,
        })
    });
}

#[test]
fn a_status_changed_in_an_example() {
    sweep("example-status", |_, spec| {
        // An example whose status validation leaves free: its error case documents none.
        for (i, op) in spec.operations.iter().enumerate() {
            for (k, ex) in op.examples.iter().enumerate() {
                let free = ex.error.as_ref().is_some_and(|name| {
                    op.errors
                        .iter()
                        .any(|e| &e.name == name && !e.status_documented)
                });
                if !free || ex.response.is_none() {
                    continue;
                }
                let mut s = spec.clone();
                s.operations[i].examples[k].response.as_mut()?.status = 418;
                if !validates(&s, "example-status") {
                    continue;
                }
                return Some(Plant {
                    spec: s,
                    at: seg(&[&"operations", &i, &"examples", &k, &"response", &"status"]),
                    says: vec![
                        "status 418 of example".into(),
                        "does not contain `418`".into(),
                    ],
                    page: op.source.clone(),
                });
            }
        }
        None
    });
}

/// The string leaves of `v` under objects: JSON pointer, the members around it (array steps
/// left out) and its own member.
fn nested_leaves(
    v: &Value,
    at: String,
    within: Vec<String>,
    out: &mut Vec<(String, String, String)>,
) {
    match v {
        Value::Object(o) => o.iter().for_each(|(k, x)| {
            let key = k.replace('~', "~0").replace('/', "~1");
            match x {
                Value::String(_) if !within.is_empty() => {
                    out.push((format!("{at}/{key}"), within.join("."), k.clone()))
                }
                _ => {
                    let mut w = within.clone();
                    w.push(k.clone());
                    nested_leaves(x, format!("{at}/{key}"), w, out)
                }
            }
        }),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| nested_leaves(x, format!("{at}/{i}"), within.clone(), out)),
        _ => {}
    }
}

#[test]
fn two_nested_values_swapped_between_parents() {
    sweep("nested-swap", |pages, spec| {
        for (i, op) in spec.operations.iter().enumerate() {
            for (k, ex) in op.examples.iter().enumerate() {
                let text = cited_text(pages, &op.source, &ex.cite);
                let Some(body) = ex.response.as_ref().and_then(|r| r.body.as_ref()) else {
                    continue;
                };
                let mut leaves = Vec::new();
                nested_leaves(body, String::new(), Vec::new(), &mut leaves);
                // The same member under two parents, each value on the page: only where the
                // value stands tells them apart.
                for (a, (pa, wa, ma)) in leaves.iter().enumerate() {
                    for (pb, wb, mb) in &leaves[a + 1..] {
                        let (va, vb) = (body.pointer(pa)?, body.pointer(pb)?);
                        let shown =
                            |v: &Value| v.as_str().is_some_and(|t| t.len() > 1 && text.contains(t));
                        if ma != mb || wa == wb || va == vb || !shown(va) || !shown(vb) {
                            continue;
                        }
                        let mut s = spec.clone();
                        let b = s.operations[i].examples[k]
                            .response
                            .as_mut()?
                            .body
                            .as_mut()?;
                        *b.pointer_mut(pa)? = vb.clone();
                        *b.pointer_mut(pb)? = va.clone();
                        if !validates(&s, "nested-swap") {
                            continue;
                        }
                        let vb = vb.as_str()?;
                        return Some(Plant {
                            spec: s,
                            at: seg(&[&"operations", &i, &"examples", &k]),
                            says: vec![format!("`{vb}` as `{wa}.{ma}`")],
                            page: op.source.clone(),
                        });
                    }
                }
            }
        }
        None
    });
}
