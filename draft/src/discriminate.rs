//! Operations that share a method and path: the values that tell them apart become
//! discriminators, and examples sending another value are corrected with an erratum.

use serde_json::Value;
use spec::format::{Discriminator, Erratum, Location, Spec};

use crate::op::{Notes, OpBuild};

/// Operations sharing a method and path are told apart by the body or query values that
/// differ between them (a curl's value before a table's sample).
pub(crate) fn discriminators(builds: &mut [OpBuild]) {
    let n = builds.len();
    for i in 0..n {
        let group: Vec<usize> = (0..n)
            .filter(|&j| {
                builds[j].op.method == builds[i].op.method && builds[j].op.path == builds[i].op.path
            })
            .collect();
        if group.len() < 2 || group[0] != i {
            continue;
        }
        let keys: Vec<(Location, String)> = builds[i].seen.keys().cloned().collect();
        for key in keys {
            let values: Vec<Option<(String, crate::cite::Lines)>> = group
                .iter()
                .map(|&j| builds[j].seen.get(&key).cloned())
                .collect();
            let all = values.iter().all(Option::is_some);
            let distinct = values
                .iter()
                .flatten()
                .map(|v| &v.0)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
                == group.len();
            let numeric = values.iter().flatten().any(|v| v.0.parse::<f64>().is_ok());
            if !(all && distinct) || numeric {
                continue;
            }
            for (&j, (v, shown)) in group.iter().zip(values.into_iter().flatten()) {
                let b = &mut builds[j];
                b.op.request
                    .parameters
                    .retain(|p| !(p.location == key.0 && p.name == key.1));
                let at = b.op.discriminators.len();
                b.op.discriminators.push(Discriminator {
                    cite: Some(crate::cite::or_guess(&shown, "the values that differ")),
                    location: key.0,
                    name: key.1.clone(),
                    value: v.clone(),
                });
                b.notes.push((format!("/discriminators/{at}"), format!("guessed from the values that differ between operations on the same address (the curl's value, else the table's): `{}`", key.1)));
                // Examples send the discriminator; a different value on the page is corrected.
                let mut fix: Vec<(usize, String)> = Vec::new();
                for (k, ex) in b.op.examples.iter_mut().enumerate() {
                    let Some(Value::Object(body)) =
                        ex.request.as_mut().and_then(|r| r.body.as_mut())
                    else {
                        continue;
                    };
                    if let Some(old) = body
                        .get(&key.1)
                        .and_then(|x| x.as_str())
                        .map(str::to_string)
                    {
                        if old != v {
                            body.insert(key.1.clone(), Value::String(v.clone()));
                            fix.push((k, old));
                        }
                    }
                }
                for (k, old) in fix {
                    // The page's row as it reads (name and value), found within its lines.
                    if b.from_tables.contains(&k) {
                        b.op.examples[k]
                            .original
                            .get_or_insert(format!("{} | {old} |", key.1));
                    }
                    b.notes.push((format!("/examples/{k}"), format!("`{}` was `{old}` on the page: set to the operation's value; check the erratum", key.1)));
                }
            }
        }
    }
}

/// Example values and errata for examples whose discriminator value was corrected but that
/// have no erratum yet.
pub fn errata_for_corrections(spec: &mut Spec, notes: &Notes) {
    for (i, op) in spec.operations.iter_mut().enumerate() {
        for (k, ex) in op.examples.iter_mut().enumerate() {
            let corrected = notes
                .get(&format!("/operations/{i}/examples/{k}"))
                .is_some_and(|v| v.iter().any(|n| n.contains("was `")));
            if corrected && ex.erratum.is_none() {
                let id = format!("E{}", spec.errata.len() + 1);
                spec.errata.push(Erratum {
                    id: id.clone(),
                    source: op.source.clone(),
                    location: format!("example {} of {}", ex.name, op.id),
                    problem:
                        "TODO: the page's value differs from the one that selects the operation."
                            .into(),
                    choice: "TODO: the example sends the operation's value.".into(),
                    reason: "TODO.".into(),
                    corrects: op.discriminators.iter().map(|d| d.name.clone()).collect(),
                });
                if ex.original.is_none() {
                    ex.original = Some("TODO: paste the page's text of this example".into());
                    // A placeholder is no page text to hold against the page.
                    ex.cite = Some(spec::format::Cite(format!("erratum {id}")));
                }
                ex.erratum = Some(id);
            }
        }
    }
}
