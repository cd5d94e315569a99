//! The page lines behind a change: the resolved citation ([`crate::cite::resolve`]) of the
//! spec element a change is at, on each side, keyed by the same human path the diff writes.

use std::collections::HashMap;

use crate::cite;
use crate::format::Spec;
use crate::yaml::PathSeg;

/// A side's citations by element path (`get_item › parameter query verbose`).
pub(super) struct Cites(HashMap<String, (usize, String)>);

impl Cites {
    pub(super) fn of(spec: &Spec) -> Cites {
        let mut map: HashMap<String, (usize, String)> = HashMap::new();
        for fact in cite::resolve::collect(spec).0 {
            let (Some(key), Some(cite)) = (key(spec, &fact.at), &fact.cite) else {
                continue;
            };
            // The element's own fact (the shortest document path) speaks for it, not one of
            // its constraints or examples.
            let depth = fact.at.len();
            match map.get(&key) {
                Some((d, _)) if *d <= depth => {}
                _ => {
                    map.insert(key, (depth, cite.render()));
                }
            }
        }
        Cites(map)
    }

    /// The citation of the element at `at`, else of the nearest enclosing element cited.
    pub(super) fn find(&self, at: &str) -> Option<String> {
        let mut at = at;
        loop {
            if let Some((_, c)) = self.0.get(at) {
                return Some(c.clone());
            }
            at = &at[..at.rfind(" › ")?];
        }
    }
}

/// The diff's path of the element a fact's document path lies in.
fn key(spec: &Spec, at: &[PathSeg]) -> Option<String> {
    use PathSeg::{Index, Key};
    match at {
        [Key(t), Key(name), rest @ ..] if t == "types" => {
            let def = spec.types.get(name)?;
            let base = format!("type {name}");
            Some(match rest {
                [Key(k), Index(i), ..] if k == "fields" => {
                    format!("{base} › field {}", def.fields.get(*i)?.name)
                }
                [Key(k), Index(i), ..] if k == "values" => {
                    format!("{base} › value {}", def.values.get(*i)?.value)
                }
                _ => base,
            })
        }
        [Key(o), Index(i), rest @ ..] if o == "operations" => {
            let op = spec.operations.get(*i)?;
            let base = op.id.clone();
            Some(match rest {
                [Key(r), Key(p), Index(j), ..] if r == "request" && p == "parameters" => {
                    let p = op.request.parameters.get(*j)?;
                    format!("{base} › parameter {} {}", p.location.as_str(), p.name)
                }
                [Key(e), Index(j), ..] if e == "errors" => {
                    format!("{base} › error {}", op.errors.get(*j)?.name)
                }
                [Key(e), Index(j), ..] if e == "examples" => {
                    format!("{base} › example {}", op.examples.get(*j)?.name)
                }
                [Key(r), ..] if r == "response" => format!("{base} › response"),
                _ => base,
            })
        }
        _ => None,
    }
}
