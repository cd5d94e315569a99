//! Coverage both ways: a field, enumeration value or error code deleted from a spec is
//! reported at its page line.

use super::examples::validates;
use super::*;

#[test]
fn a_deleted_field_is_reported_at_its_page_line() {
    let Some(pages) = seeds() else {
        eprintln!("skipped: no seed pages beside the workspace");
        return;
    };
    let mut planted = 0;
    let line_of = regex::Regex::new(r"\.txt line \d+").unwrap();
    for file in files() {
        let original = load(&file);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let fields: Vec<(String, usize)> = original
            .types
            .iter()
            .flat_map(|(t, d)| {
                d.fields
                    .iter()
                    .enumerate()
                    .filter(|(_, f)| first_line(&f.cite).is_some())
                    .map(move |(k, _)| (t.clone(), k))
            })
            .collect();
        for (t, k) in fields {
            let mut spec = original.clone();
            let f = spec.types.get_mut(&t).unwrap().fields.remove(k);
            let line = first_line(&f.cite).unwrap();
            // The examples no longer show it either.
            for op in &mut spec.operations {
                for ex in &mut op.examples {
                    let bodies = [
                        ex.request.as_mut().and_then(|r| r.body.as_mut()),
                        ex.response.as_mut().and_then(|r| r.body.as_mut()),
                    ];
                    for b in bodies.into_iter().flatten() {
                        drop_member(b, &f.name);
                    }
                }
            }
            // A row an erratum says is left out is not a deletion; the row must be a table's.
            let excused = spec.errata.iter().any(|e| e.location.contains(&f.name));
            let on_a_table = spec.provider.sources.iter().any(|s| {
                raw(&pages, &s.file)
                    .get(line - 1)
                    .is_some_and(|l| table_line(l))
            });
            if excused || !on_a_table || !validates(&spec, "deleted-field") {
                continue;
            }
            let dir = std::env::temp_dir()
                .join(format!("spec-plant-{}-deleted-field", std::process::id()));
            std::fs::create_dir_all(&dir).unwrap();
            let path = dir.join(&name);
            std::fs::write(&path, serde_yaml::to_string(&spec).unwrap()).unwrap();
            let v = load_and_validate(std::slice::from_ref(&path), None).expect("validates");
            std::fs::remove_dir_all(&dir).ok();
            let model = Model::build(&v).expect("model");
            let (found, _) = spec::cite::check::check(&v, &model, &pages, &|_| false);
            let text = found.to_string();
            assert!(
                text.lines().any(|l| l.contains(&format!("`{}`", f.name))
                    && l.contains("covered by no fact")
                    && line_of.is_match(l)),
                "{name}: deleting field `{}` of `{t}` went unnoticed:\n{text}",
                f.name
            );
            planted += 1;
            break;
        }
    }
    assert!(planted > 0, "no spec has a field that can be deleted");
}

/// The first line a citation names (`12`, `12-14; erratum E1`).
fn first_line(c: &Option<Cite>) -> Option<usize> {
    let first = c.as_ref()?.0.split(';').next()?.trim().to_string();
    let (a, _) = first.split_once('-').unwrap_or((&first, ""));
    a.trim().parse().ok()
}

/// Remove member `name` wherever it occurs in `v`.
fn drop_member(v: &mut Value, name: &str) {
    match v {
        Value::Object(o) => {
            o.shift_remove(name);
            o.values_mut().for_each(|x| drop_member(x, name));
        }
        Value::Array(a) => a.iter_mut().for_each(|x| drop_member(x, name)),
        _ => {}
    }
}

/// The cited page text of an enumeration value (its own lines), read here on their own.
fn value_lines(pages: &Path, spec: &Spec, v: &EnumValue) -> Vec<String> {
    let Some(line) = first_line(&v.cite) else {
        return Vec::new();
    };
    spec.provider
        .sources
        .iter()
        .filter_map(|s| raw(pages, &s.file).get(line - 1).cloned())
        .collect()
}

#[test]
fn a_deleted_enum_value_or_error_code_is_reported_at_its_page_line() {
    let Some(pages) = seeds() else {
        eprintln!("skipped: no seed pages beside the workspace");
        return;
    };
    let tag_re = regex::Regex::new(r"<[^>]*>").unwrap();
    let (mut own_row, mut in_a_list) = (0, 0);
    for file in files() {
        let original = load(&file);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        for (t, def) in &original.types {
            for (k, v) in def.values.iter().enumerate() {
                let lines = value_lines(&pages, &original, v);
                let plain: Vec<String> = lines
                    .iter()
                    .map(|l| tag_re.replace_all(l, " ").trim().to_string())
                    .collect();
                // Its own row: the line is the value alone (a table cell); in a list: the
                // line defines it and another value of the type as `value : …`.
                let alone = plain.iter().any(|l| l == &v.value);
                let defines = |l: &String, x: &str| {
                    l.contains(&format!("{x} :")) || l.contains(&format!("{x}: "))
                };
                let listed = plain.iter().any(|l| {
                    defines(l, &v.value)
                        && def
                            .values
                            .iter()
                            .any(|o| o.value != v.value && defines(l, &o.value))
                });
                let excused = original.errata.iter().any(|e| {
                    format!("{} {} {}", e.location, e.problem, e.choice).contains(&v.value)
                });
                if !(alone || listed) || excused {
                    continue;
                }
                let mut spec = original.clone();
                spec.types.get_mut(t).unwrap().values.remove(k);
                if !validates(&spec, "deleted-value") {
                    continue; // an example shows it
                }
                let dir = std::env::temp_dir()
                    .join(format!("spec-plant-{}-deleted-value", std::process::id()));
                std::fs::create_dir_all(&dir).unwrap();
                let path = dir.join(&name);
                std::fs::write(&path, serde_yaml::to_string(&spec).unwrap()).unwrap();
                let val = load_and_validate(std::slice::from_ref(&path), None).expect("validates");
                std::fs::remove_dir_all(&dir).ok();
                let model = Model::build(&val).expect("model");
                let (found, _) = spec::cite::check::check(&val, &model, &pages, &|_| false);
                let text = found.to_string();
                let line = first_line(&v.cite).unwrap();
                assert!(
                    text.lines().any(|l| l.contains(&format!("`{}`", v.value))
                        && l.contains(&format!(".txt line {line}"))),
                    "{name}: deleting value `{}` of `{t}` went unnoticed:\n{text}",
                    v.value
                );
                if alone {
                    own_row += 1;
                } else {
                    in_a_list += 1;
                }
            }
        }
    }
    assert!(
        own_row > 0,
        "no value on its own table row could be deleted"
    );
    assert!(in_a_list > 0, "no value defined in a list could be deleted");
}
