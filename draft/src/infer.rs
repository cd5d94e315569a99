//! Types from evidence: a type-column word, example values (JSON values, or the strings a
//! query, header or form carries), and the named object and enum types they need.

use indexmap::IndexMap;
use serde_json::Value;
use spec::format::{EnumValue, Field, Format, Kind, Schema, TypeDef, Variant, Wire};

use crate::vocab::TypeWord;

pub const TODO: &str = "TODO.";

/// An enum value a table lists, and the page lines of its row.
pub type Candidate = (String, (usize, usize));

/// Named types being built, with unique CamelCase names.
#[derive(Debug, Default)]
pub struct Types {
    pub defs: IndexMap<String, TypeDef>,
    /// Enum candidates by field name (snake_case), from tables that list values, each with
    /// the page lines of its row.
    pub enums: IndexMap<String, Vec<Candidate>>,
    /// The page lines of the values [`Types::of_json`] is given (its types cite them).
    pub at: crate::cite::Lines,
    /// Guesses worth a TODO, by type name.
    pub notes: Vec<(String, String)>,
}

pub fn camel(name: &str) -> String {
    let mut out = String::new();
    for part in name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let mut cs = part.chars();
        if let Some(f) = cs.next() {
            out.extend(f.to_uppercase());
            out.push_str(cs.as_str());
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'T');
    }
    out
}

pub fn snake(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if c.is_ascii_uppercase() && prev_lower {
                out.push('_');
            }
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            out.push(c.to_ascii_lowercase());
        } else {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
            prev_lower = false;
        }
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("x_{out}")
    } else {
        out
    }
}

impl Types {
    fn fresh(&self, base: &str) -> String {
        let base = camel(base);
        let mut name = base.clone();
        let mut n = 2;
        while self.defs.contains_key(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        name
    }

    /// A schema for JSON values seen under `name` (nulls make it nullable).
    pub fn of_json(&mut self, name: &str, values: &[&Value], hint: Option<TypeWord>) -> Schema {
        let present: Vec<&Value> = values.iter().copied().filter(|v| !v.is_null()).collect();
        let nullable = present.len() < values.len();
        let mut s = if present.iter().all(|v| v.is_object()) && !present.is_empty() {
            let objs: Vec<&serde_json::Map<String, Value>> =
                present.iter().filter_map(|v| v.as_object()).collect();
            let type_name = self.fresh(name);
            self.notes.push((
                type_name.clone(),
                format!("guessed from the example values of `{name}`"),
            ));
            self.defs.insert(
                type_name.clone(),
                TypeDef {
                    cite: Some(crate::cite::or_guess(&self.at, "example values")),
                    description: TODO.into(),
                    fields: Vec::new(),
                    values: Vec::new(),
                },
            );
            let fields = self.fields(&objs);
            if let Some(d) = self.defs.get_mut(&type_name) {
                d.fields = fields;
            }
            reference(&type_name)
        } else if present.iter().all(|v| v.is_array()) && !present.is_empty() {
            let items: Vec<&Value> = present
                .iter()
                .filter_map(|v| v.as_array())
                .flatten()
                .collect();
            let item = if items.is_empty() {
                Schema::default()
            } else {
                self.of_json(&format!("{name}_item"), &items, None)
            };
            Schema {
                kind: Kind::Array,
                items: Some(Box::new(item)),
                ..Schema::default()
            }
        } else if present.iter().all(|v| v.is_boolean()) && !present.is_empty() {
            kind(Kind::Boolean)
        } else if present.iter().all(|v| v.is_i64()) && !present.is_empty() {
            let long = present
                .iter()
                .any(|v| v.as_i64().is_some_and(|n| i32::try_from(n).is_err()));
            kind(if long || hint == Some(TypeWord::Long) {
                Kind::Long
            } else {
                Kind::Integer
            })
        } else if present.iter().all(|v| v.is_number()) && !present.is_empty() {
            kind(Kind::Number)
        } else if present.iter().all(|v| v.is_string()) && !present.is_empty() {
            let strs: Vec<&str> = present.iter().filter_map(|v| v.as_str()).collect();
            match hint {
                Some(TypeWord::Integer | TypeWord::Long)
                    if strs.iter().all(|s| s.parse::<i64>().is_ok()) =>
                {
                    let mut s = kind(if hint == Some(TypeWord::Long) {
                        Kind::Long
                    } else {
                        Kind::Integer
                    });
                    s.wire = Some(Wire::String);
                    s
                }
                _ => {
                    let mut s = kind(Kind::String);
                    s.format = string_format(&strs);
                    s
                }
            }
        } else {
            hint.map(from_word).unwrap_or_default()
        };
        s.nullable = nullable;
        s
    }

    fn fields(&mut self, objs: &[&serde_json::Map<String, Value>]) -> Vec<Field> {
        let mut names: Vec<&String> = Vec::new();
        for o in objs {
            for k in o.keys() {
                if !names.contains(&k) {
                    names.push(k);
                }
            }
        }
        names
            .into_iter()
            .map(|n| {
                let vals: Vec<&Value> = objs.iter().filter_map(|o| o.get(n)).collect();
                let required = vals.len() == objs.len();
                let mut schema = self.of_json(n, &vals, None);
                if let Some(cands) = self.enums.get(&snake(n)).cloned() {
                    schema = self.enum_schema(n, cands, &vals, schema);
                }
                // No page line says a member is always there: every example showing it is
                // the draft's reason, and the citation says so.
                let cite = required.then(|| {
                    let why = "inferred: draft guess from every example showing it";
                    match crate::cite::lines(&self.at) {
                        Some(l) => spec::format::Cite(format!("{}; {why}", l.0)),
                        None => spec::format::Cite(why.into()),
                    }
                });
                Field {
                    cite,
                    name: n.clone(),
                    description: TODO.into(),
                    required,
                    schema,
                    role: None,
                    deprecated: None,
                }
            })
            .collect()
    }

    /// A string field with enum candidates becomes an enum type holding them and every
    /// example value.
    fn enum_schema(
        &mut self,
        name: &str,
        cands: Vec<Candidate>,
        vals: &[&Value],
        s: Schema,
    ) -> Schema {
        if s.kind != Kind::String {
            return s;
        }
        let mut cands: Vec<(String, Option<spec::format::Cite>)> = cands
            .into_iter()
            .map(|(v, at)| (v, crate::cite::lines(&[at])))
            .collect();
        for v in vals.iter().filter_map(|v| v.as_str()) {
            if !cands.iter().any(|c| c.0 == v) {
                cands.push((v.to_string(), crate::cite::lines(&self.at)));
            }
        }
        let type_name = self.fresh(&format!("{name}_value"));
        self.notes.push((
            type_name.clone(),
            format!("guessed from the values a table lists for `{name}` and the example values"),
        ));
        self.defs.insert(
            type_name.clone(),
            TypeDef {
                cite: None,
                description: TODO.into(),
                fields: Vec::new(),
                values: cands
                    .into_iter()
                    .map(|(value, at)| EnumValue {
                        cite: Some(at.unwrap_or_else(|| crate::cite::guessed("example values"))),
                        value,
                        description: TODO.into(),
                    })
                    .collect(),
            },
        );
        let mut r = reference(&type_name);
        r.nullable = s.nullable;
        r
    }

    /// An object type from table rows (name, type word), for bodies no example shows;
    /// `required` when a match needs every field.
    pub fn from_rows(
        &mut self,
        name: &str,
        rows: &[(String, Option<TypeWord>, (usize, usize))],
        required: bool,
    ) -> String {
        let type_name = self.fresh(name);
        self.notes.push((
            type_name.clone(),
            "guessed from a table: field names and type words".into(),
        ));
        let fields = rows
            .iter()
            .map(|(n, t, at)| Field {
                cite: Some(match (required, crate::cite::lines(&[*at])) {
                    // A table without a required column: that every field is needed is a guess.
                    (true, Some(l)) => spec::format::Cite(format!(
                        "{}; inferred: draft guess that a match needs every field",
                        l.0
                    )),
                    _ => crate::cite::or_guess(&[*at], "a table row"),
                }),
                name: n.clone(),
                description: TODO.into(),
                required,
                schema: t.map(from_word).unwrap_or_default(),
                role: None,
                deprecated: None,
            })
            .collect();
        self.defs.insert(
            type_name.clone(),
            TypeDef {
                cite: None,
                description: TODO.into(),
                fields,
                values: Vec::new(),
            },
        );
        type_name
    }
}

pub fn kind(k: Kind) -> Schema {
    Schema {
        kind: k,
        ..Schema::default()
    }
}

pub fn reference(name: &str) -> Schema {
    Schema {
        kind: Kind::Ref,
        reference: Some(name.into()),
        ..Schema::default()
    }
}

/// A type word as a schema; objects have no fields to name here, so they are strings.
pub fn from_word(w: TypeWord) -> Schema {
    match w {
        TypeWord::String | TypeWord::Object => kind(Kind::String),
        TypeWord::Integer => kind(Kind::Integer),
        TypeWord::Long => kind(Kind::Long),
        TypeWord::Number => kind(Kind::Number),
        TypeWord::Boolean => kind(Kind::Boolean),
        TypeWord::Array => Schema {
            kind: Kind::Array,
            items: Some(Box::new(kind(Kind::String))),
            ..Schema::default()
        },
    }
}

fn string_format(strs: &[&str]) -> Option<Format> {
    [Format::DateTime, Format::Date, Format::TimeOfDay]
        .into_iter()
        .find(|f| fits(*f, strs))
}

/// The schema or its items carry a format (a constraint its citation must show).
pub fn has_format(s: &Schema) -> bool {
    s.format.is_some() || s.items.as_deref().is_some_and(has_format)
}

/// Every value is of the format, by the same pattern validation uses.
pub fn fits(f: Format, strs: &[&str]) -> bool {
    let re = regex::Regex::new(f.pattern()).expect("the format patterns compile");
    !strs.is_empty() && strs.iter().all(|s| re.is_match(s))
}

/// A value of the format, for a placeholder on the page.
pub fn sample(f: Format) -> &'static str {
    match f {
        Format::CompactTimestamp => "20240101000000",
        Format::TimeOfDay => "00:00",
        Format::Date => "2024-01-01",
        Format::DateTime => "2024-01-01T00:00:00Z",
        Format::Ipv4 => "192.0.2.1",
    }
}

/// The schema of a value a string carries on the wire (query, header, form), from the
/// type word when there is one, else from the strings: digits (ids as long), comma-separated
/// digits (a csv array), true/false, else a string.
pub fn of_wire(
    name: &str,
    strs: &[&str],
    hint: Option<TypeWord>,
    alternatives: &[String],
) -> Schema {
    if let Some(w) = hint {
        let mut s = from_word(w);
        if w == TypeWord::Array {
            let items: Vec<&str> = strs.iter().flat_map(|s| s.split(',')).collect();
            if !items.is_empty() && items.iter().all(|i| i.trim().parse::<i64>().is_ok()) {
                s.items = Some(Box::new(kind(Kind::Integer)));
            }
            s.wire = Some(Wire::Csv);
        }
        return with_alternatives(s, alternatives);
    }
    let all = |f: &dyn Fn(&str) -> bool| !strs.is_empty() && strs.iter().all(|s| f(s));
    if all(&|s| s.parse::<i64>().is_ok()) {
        let id = snake(name).ends_with("id");
        return kind(if id { Kind::Long } else { Kind::Integer });
    }
    if all(&|s| s.contains(',') && s.split(',').all(|p| p.trim().parse::<i64>().is_ok())) {
        return Schema {
            kind: Kind::Array,
            items: Some(Box::new(kind(Kind::Integer))),
            wire: Some(Wire::Csv),
            ..Schema::default()
        };
    }
    if all(&|s| s == "true" || s == "false") {
        return kind(Kind::Boolean);
    }
    let mut s = kind(Kind::String);
    s.format = string_format(strs);
    s
}

/// `Array or 0`: the type and a literal alternative.
pub fn with_alternatives(s: Schema, alternatives: &[String]) -> Schema {
    if alternatives.is_empty() {
        return s;
    }
    let mut variants = vec![Variant {
        cite: None,
        name: "value".into(),
        description: TODO.into(),
        schema: Some(s),
        literal: None,
    }];
    for (i, a) in alternatives.iter().enumerate() {
        let literal = serde_json::from_str(a).unwrap_or(Value::String(a.clone()));
        variants.push(Variant {
            cite: None,
            name: format!("literal_{}", i + 1),
            description: TODO.into(),
            schema: None,
            literal: Some(literal),
        });
    }
    Schema {
        kind: Kind::OneOf,
        variants,
        ..Schema::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::type_cell;
    use serde_json::json;

    #[test]
    fn json_values_make_types() {
        let mut t = Types::default();
        let a = json!({"id": 1, "when": "2020-01-02T03:04:05Z", "note": null, "tags": ["x"]});
        let b = json!({"id": 3_000_000_000i64, "when": "2021-01-02T03:04:05Z", "note": "n"});
        let s = t.of_json("thing", &[&a, &b], None);
        assert_eq!(s.reference.as_deref(), Some("Thing"));
        let f = &t.defs["Thing"].fields;
        assert_eq!(f[0].schema.kind, Kind::Long);
        assert_eq!(f[1].schema.format, Some(Format::DateTime));
        assert!(f[2].schema.nullable && f[2].required);
        assert!(!f[3].required);
        assert_eq!(f[3].schema.items.as_ref().unwrap().kind, Kind::String);
    }

    #[test]
    fn digits_in_strings_follow_the_type_word() {
        let mut t = Types::default();
        let s = t.of_json("n", &[&json!("12")], Some(TypeWord::Integer));
        assert_eq!((s.kind, s.wire), (Kind::Integer, Some(Wire::String)));
    }

    #[test]
    fn wire_strings() {
        assert_eq!(of_wire("item_id", &["42"], None, &[]).kind, Kind::Long);
        assert_eq!(of_wire("count", &["42"], None, &[]).kind, Kind::Integer);
        let days = of_wire("days", &["1,2,3"], None, &[]);
        assert_eq!((days.kind, days.wire), (Kind::Array, Some(Wire::Csv)));
        assert_eq!(
            of_wire("at", &["02:30"], None, &[]).format,
            Some(Format::TimeOfDay)
        );
    }

    #[test]
    fn type_cells_with_alternatives() {
        assert_eq!(
            type_cell("Array or 0"),
            (Some(TypeWord::Array), vec!["0".to_string()])
        );
        assert_eq!(
            type_cell("Integer (0 or 1)"),
            (Some(TypeWord::Integer), vec![])
        );
        let s = with_alternatives(kind(Kind::Integer), &["0".into()]);
        assert_eq!(s.kind, Kind::OneOf);
        assert_eq!(s.variants[1].literal, Some(json!(0)));
    }

    #[test]
    fn names() {
        assert_eq!(camel("backup_record_response"), "BackupRecordResponse");
        assert_eq!(snake("X-Language"), "x_language");
        assert_eq!(snake("beginTime"), "begin_time");
    }
}
