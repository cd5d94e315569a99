//! Live observations kept as snapshots: what a provider answered to each example (status,
//! the headers the documented response names, the decoded payload), volatile members redacted,
//! written as an insta snapshot file per example. A run compares each observation with the
//! accepted one (`<example>.snap`) and leaves a changed or new one beside it as
//! `<example>.snap.new`, which `cargo insta review` (or `--accept`) makes the accepted one.
//! This is drift since the accepted observation; drift from the spec is the live verdict.

use std::io;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use spec::format::{Example, Format, Kind, Operation, Schema, Spec};

use crate::results::CaseResult;
use crate::results::Outcome;

/// What stands for a value the schema says changes from run to run.
fn placeholder(format: Format) -> Option<&'static str> {
    match format {
        Format::DateTime => Some("[date-time]"),
        Format::Date => Some("[date]"),
        Format::CompactTimestamp => Some("[timestamp]"),
        Format::TimeOfDay | Format::Ipv4 => None,
    }
}

/// A live payload as it is shown and kept: the members the spec declares volatile or secret
/// replaced (`payload::redact`), then those the schema implies are volatile ([`implied`]).
pub fn shown(v: &Value, spec: &Spec, op: &Operation) -> Value {
    let declared = crate::payload::redact(&op.response.schema, v, spec);
    implied(&op.response.schema, &declared, spec, op)
}

/// `v` with the members the schema implies are volatile replaced: timestamps (by format) and
/// members named like a request parameter that `identifies` a thing (an id). Members the
/// spec marks `role: volatile` or `secret` are replaced before this (`payload::redact`).
pub fn implied(schema: &Schema, v: &Value, spec: &Spec, op: &Operation) -> Value {
    let ids: Vec<&str> = op
        .request
        .parameters
        .iter()
        .filter(|p| p.identifies.is_some())
        .map(|p| p.name.as_str())
        .collect();
    walk(schema, v, spec, &ids)
}

fn walk(schema: &Schema, v: &Value, spec: &Spec, ids: &[&str]) -> Value {
    if let Some(p) = schema.format.and_then(placeholder) {
        if !v.is_null() {
            return Value::String(p.into());
        }
    }
    match (schema.kind, v) {
        (Kind::Ref, Value::Object(m)) => {
            let Some(def) = schema.reference.as_ref().and_then(|r| spec.types.get(r)) else {
                return v.clone();
            };
            let mut out = Map::new();
            for (k, x) in m {
                let n = match def.fields.iter().find(|f| f.name == *k) {
                    Some(_) if ids.contains(&k.as_str()) && x.is_string() => {
                        Value::String("[id]".into())
                    }
                    Some(f) => walk(&f.schema, x, spec, ids),
                    None => x.clone(),
                };
                out.insert(k.clone(), n);
            }
            Value::Object(out)
        }
        (Kind::Array, Value::Array(items)) => match &schema.items {
            Some(item) => Value::Array(items.iter().map(|x| walk(item, x, spec, ids)).collect()),
            None => v.clone(),
        },
        _ => v.clone(),
    }
}

/// The response headers the documented example names, as received (names lower-case);
/// a named header the response lacks is `null`.
pub fn declared_headers(example: &Example, received: &[(String, String)]) -> Map<String, Value> {
    let Some(doc) = &example.response else {
        return Map::new();
    };
    doc.headers
        .keys()
        .map(|name| {
            let got = received
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map_or(Value::Null, |(_, v)| Value::String(v.clone()));
            (name.to_ascii_lowercase(), got)
        })
        .collect()
}

/// How an observation compares with the accepted one.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The same as the accepted observation.
    Unchanged,
    /// No observation was accepted yet.
    New,
    /// Different: a unified diff, accepted lines `-`, observed lines `+`.
    Changed(String),
}

/// One example's observation after a run.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub provider: String,
    pub operation: String,
    pub example: String,
    pub change: Change,
    /// Written as the accepted observation (`--accept`); otherwise a change waits in
    /// [`Recorded::pending`].
    pub accepted: bool,
    /// The accepted snapshot's path.
    pub path: PathBuf,
}

impl Recorded {
    /// Where a change waits for review (`cargo insta review` accepts it).
    pub fn pending(&self) -> PathBuf {
        pending(&self.path)
    }
}

fn pending(path: &Path) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".new");
    PathBuf::from(p)
}

/// The observations of a run, in a directory: `<dir>/<provider>/<operation>/<example>.snap`.
pub struct Store {
    pub dir: PathBuf,
    /// Write observations as the accepted ones.
    pub accept: bool,
}

impl Store {
    /// The accepted snapshot's path for an example (names kept to safe characters).
    pub fn path(&self, provider: &str, operation: &str, example: &str) -> PathBuf {
        self.dir
            .join(safe(provider))
            .join(safe(operation))
            .join(format!("{}.snap", safe(example)))
    }

    /// Record the observation of every example that got an answer the spec could be checked
    /// against (passed or drifted from the spec); examples skipped, throttled or without an
    /// answer are not observations. `outcomes` is in the order of `results`.
    pub fn record_run(
        &self,
        results: &[CaseResult],
        outcomes: &[Outcome],
    ) -> Result<Vec<Recorded>, String> {
        let mut out = Vec::new();
        for (r, o) in results.iter().zip(outcomes) {
            if !matches!(o, Outcome::Pass | Outcome::Drift) || r.snapshot.outcome.is_null() {
                continue;
            }
            let recorded = self
                .record(&r.provider, &r.operation, &r.example, &r.snapshot.outcome)
                .map_err(|e| format!("cannot write observations in {}: {e}", self.dir.display()))?;
            out.push(recorded);
        }
        Ok(out)
    }

    /// Compare one observation with the accepted one; write it as pending when it differs (or
    /// as accepted with [`Store::accept`]). A pending file left from an earlier run is removed
    /// once the observation matches again.
    pub fn record(
        &self,
        provider: &str,
        operation: &str,
        example: &str,
        observed: &Value,
    ) -> io::Result<Recorded> {
        let path = self.path(provider, operation, example);
        let body = render(observed);
        let change = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let accepted = contents(&text);
                if accepted.trim_end() == body.trim_end() {
                    Change::Unchanged
                } else {
                    Change::Changed(diff(accepted, &body))
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => Change::New,
            Err(e) => return Err(e),
        };
        let file = snapshot_file(provider, operation, example, &body);
        let pending = pending(&path);
        match (&change, self.accept) {
            (Change::Unchanged, _) => remove_if_there(&pending)?,
            (_, true) => {
                write(&path, &file)?;
                remove_if_there(&pending)?;
            }
            (_, false) => write(&pending, &file)?,
        }
        Ok(Recorded {
            provider: provider.into(),
            operation: operation.into(),
            example: example.into(),
            accepted: self.accept && change != Change::Unchanged,
            change,
            path,
        })
    }
}

fn write(path: &Path, text: &str) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

fn remove_if_there(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A name as one plain path component: letters, digits, `_`, `-` and `.` kept, the rest
/// `_`, and leading dots `_` (no `..`, no hidden file).
fn safe(name: &str) -> String {
    let mut leading = true;
    let s: String = name
        .chars()
        .map(|c| {
            let kept = c.is_ascii_alphanumeric() || "_-.".contains(c);
            leading &= c == '.';
            match kept && !leading {
                true => c,
                false => '_',
            }
        })
        .collect();
    match s.is_empty() {
        true => "_".into(),
        false => s,
    }
}

/// The observation as YAML, object members sorted (the order a server sends them in is not
/// part of the answer).
pub fn render(observed: &Value) -> String {
    serde_yaml::to_string(&sorted(observed)).unwrap_or_default()
}

fn sorted(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), sorted(&m[k])))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// An insta snapshot file (`cargo insta review` reads its header).
fn snapshot_file(provider: &str, operation: &str, example: &str, body: &str) -> String {
    format!(
        "---\nsource: conformance live observation\nexpression: \"{provider}.{operation} \
         example {example}\"\n---\n{body}"
    )
}

/// The snapshot's contents: what follows the header.
fn contents(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(i) => &rest[i + 5..],
        None => text,
    }
}

fn diff(accepted: &str, observed: &str) -> String {
    similar::TextDiff::from_lines(accepted, observed)
        .unified_diff()
        .context_radius(2)
        .header("accepted", "observed")
        .to_string()
}

/// The observations part of a run's report: a count line, then each change with its diff and
/// each new observation, saying where it waits for review.
pub fn summary(dir: &Path, recorded: &[Recorded]) -> String {
    let count = |f: &dyn Fn(&Change) -> bool| recorded.iter().filter(|r| f(&r.change)).count();
    let unchanged = count(&|c| *c == Change::Unchanged);
    let changed = count(&|c| matches!(c, Change::Changed(_)));
    let new = count(&|c| *c == Change::New);
    let mut out = format!(
        "observations in {}: {unchanged} unchanged, {changed} changed since the accepted \
         observation, {new} new\n",
        dir.display()
    );
    for r in recorded {
        let name = format!("{}.{} {}", r.provider, r.operation, r.example);
        let (what, diff) = match &r.change {
            Change::Unchanged => continue,
            Change::New => ("NEW OBSERVATION", None),
            Change::Changed(d) => ("CHANGED SINCE ACCEPTED", Some(d)),
        };
        let whereto = match r.accepted {
            true => format!("accepted: {}", r.path.display()),
            false => format!(
                "pending: {} (accept: cargo insta review, or rerun with --accept)",
                r.pending().display()
            ),
        };
        out.push_str(&format!("\n{what} {name}\n{whereto}\n"));
        if let Some(d) = diff {
            out.push_str(d);
        }
    }
    out
}

/// Observations that differ from or lack an accepted one and were not accepted in this run.
pub fn unaccepted(recorded: &[Recorded]) -> usize {
    recorded
        .iter()
        .filter(|r| r.change != Change::Unchanged && !r.accepted)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_header_is_not_content() {
        let file = snapshot_file("p", "o", "e", "a: 1\n");
        assert_eq!(contents(&file), "a: 1\n");
    }

    #[test]
    fn names_stay_one_component() {
        assert_eq!(safe("../x y"), "___x_y");
        assert_eq!(safe(".."), "__");
        assert_eq!(safe(""), "_");
        assert_eq!(safe("list_v1.2"), "list_v1.2");
    }

    #[test]
    fn member_order_is_not_a_change() {
        assert_eq!(
            render(&json!({"b": 1, "a": [{"d": 1, "c": 2}]})),
            render(&json!({"a": [{"c": 2, "d": 1}], "b": 1}))
        );
    }
}
