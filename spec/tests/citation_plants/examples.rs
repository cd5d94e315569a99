//! Planted changes to example values: a value changed in an example an erratum corrects,
//! and in a corrected example body, must be reported at its page line.

use serde_json::Value;

use super::*;

/// The JSON pointers of the string leaves of `v` (longer than two characters) whose member
/// and value `skip` does not name.
fn string_leaves(v: &Value, skip: &[String], member: &str, at: String, out: &mut Vec<String>) {
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
fn validates(spec: &Spec, tag: &str) -> bool {
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
