//! What a run leaves for the HTML report: one JSON line per run in `history.jsonl` in the
//! report directory, each example's status, request, difference and erratum. The page is drawn
//! from the whole file (the last run is the current state; earlier ones say since when), and
//! shards of one run are merged into one line.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use spec::format::{Operation, Spec};
use spec::load::SpecFile;
use spec::model::curl::{Base, Curl};
use spec::model::{ExampleModel, Outcome as ModelOutcome, ProviderModel};

use crate::live::Outcome;
use crate::observe::{self, Change, Recorded};
use crate::payload;
use crate::report::failure;
use crate::results::{CaseResult, Verdict};

/// The history file in a report directory.
pub const HISTORY: &str = "history.jsonl";

/// An example's status on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Passed,
    /// An answer the spec does not account for, or one that changed since the accepted
    /// observation.
    Drifted,
    /// No usable answer (mock: the replay failed).
    Failed,
    Skipped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Drifted => "drifted",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
        }
    }
}

/// One example in one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub provider: String,
    pub operation: String,
    pub example: String,
    pub status: Status,
    /// The erratum behind the example: its id, the problem and the choice made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erratum: Option<String>,
    /// The request as a curl line (the credential a shell variable).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<String>,
    /// Why it is not a pass: the failure or drift lines, the change since the accepted
    /// observation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// The documented response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Value>,
    /// What was observed (live: status, headers, payload, volatile members redacted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<Value>,
}

/// One run: when, against what, which part of a partitioned run, and its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Seconds since the Unix epoch when the run ended.
    pub at: u64,
    /// `mock` or `live`.
    pub target: String,
    /// `I/N` for one part of a partitioned run (merged runs have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition: Option<String>,
    pub rows: Vec<Row>,
}

/// Now, in seconds since the Unix epoch.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// The rows of a run. `outcomes` (live runs, in the order of `results`) tells drift from
/// no answer; `observed` marks examples whose answer changed since the accepted observation
/// as drifted; `base_url` goes into the curl lines (`/~<provider>` is added for the mock).
pub fn rows(
    files: &[SpecFile],
    results: &[CaseResult],
    outcomes: Option<&[Outcome]>,
    observed: &[Recorded],
    base_url: &str,
    per_provider_prefix: bool,
) -> Vec<Row> {
    let models: Vec<ProviderModel<'_>> = files
        .iter()
        .filter_map(|f| ProviderModel::build(&f.spec, spec::model::source_label(&f.path)).ok())
        .collect();
    results
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let outcome = outcomes.and_then(|o| o.get(i)).copied();
            let change = observed
                .iter()
                .find(|o| {
                    (&o.provider, &o.operation, &o.example)
                        == (&r.provider, &r.operation, &r.example)
                })
                .map(|o| &o.change);
            let mut status = match (r.overall(), outcome) {
                (Verdict::Pass, _) => Status::Passed,
                (Verdict::Skipped(_), _) => Status::Skipped,
                (Verdict::Fail(_), Some(Outcome::Drift)) => Status::Drifted,
                (Verdict::Fail(_), _) => Status::Failed,
            };
            let mut detail = failure(r).map(|(part, why)| format!("{part}:\n{why}"));
            if let Some(Change::Changed(diff)) = change {
                if status == Status::Passed {
                    status = Status::Drifted;
                }
                let since = format!("changed since the accepted observation:\n{diff}");
                detail = Some(match detail {
                    Some(d) => format!("{d}\n\n{since}"),
                    None => since,
                });
            }
            if let Verdict::Skipped(why) = r.overall() {
                detail = Some(format!("skipped: {why}"));
            }
            let example = models
                .iter()
                .filter(|m| m.spec.provider.id == r.provider)
                .flat_map(|m| m.operations.iter().map(move |o| (m, o)))
                .filter(|(_, o)| o.op.id == r.operation)
                .find_map(|(m, o)| {
                    let e = o.examples.iter().find(|e| e.example.name == r.example)?;
                    Some((m, o, e))
                });
            let (erratum, request, expected) = match example {
                Some((m, om, em)) => {
                    let base = match per_provider_prefix {
                        true => format!(
                            "{}{}{}",
                            base_url.trim_end_matches('/'),
                            crate::mock::PROVIDER_PREFIX,
                            m.spec.provider.id
                        ),
                        false => base_url.to_string(),
                    };
                    let var = spec::model::token_var(&m.spec.provider.id);
                    (
                        em.erratum
                            .map(|e| format!("{}: {} Chosen: {}", e.id, e.problem, e.choice)),
                        em.wire
                            .as_ref()
                            .map(|w| Curl::new(w, Base::Url(&base), &var).line()),
                        expected(m.spec, om.op, em, outcomes.is_some()),
                    )
                }
                None => (None, None, None),
            };
            Row {
                provider: r.provider.clone(),
                operation: r.operation.clone(),
                example: r.example.clone(),
                status,
                erratum,
                request,
                detail,
                expected,
                observed: Some(&r.snapshot.outcome).filter(|o| !o.is_null()).cloned(),
            }
        })
        .collect()
}

/// The documented response in the shape the run shows what it observed: live, the status,
/// the body (a success's payload with the volatile members redacted as live mode redacts
/// them) and the documented headers; against the mock, the status and a success's payload.
fn expected(spec: &Spec, op: &Operation, em: &ExampleModel<'_>, live: bool) -> Option<Value> {
    let resp = em.example.response.as_ref()?;
    let payload = match &em.outcome {
        // As each target shows what it observed: live the payload as received, the mock
        // replay the payload as the driver decodes it.
        Some(ModelOutcome::Payload(p)) => Some(match live {
            true => observe::shown(p, spec, op),
            // As the replay compares it: typed as the driver decodes a payload.
            false => {
                let decoded = spec::values::typed(&op.response.schema, p, spec);
                payload::redact(&op.response.schema, &decoded, spec)
            }
        }),
        _ => None,
    };
    if !live {
        return Some(match payload {
            Some(p) => json!({ "status": resp.status, "payload": p }),
            None => json!({ "status": resp.status, "body": resp.body }),
        });
    }
    let mut out = json!({ "status": resp.status, "body": payload.or_else(|| resp.body.clone()) });
    if !resp.headers.is_empty() {
        let headers: serde_json::Map<String, Value> = resp
            .headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), Value::String(v.clone())))
            .collect();
        out["headers"] = Value::Object(headers);
    }
    Some(out)
}

/// Every run in `dir`'s history, oldest first (none when there is no history yet). A line
/// that is not a run is an error naming the file and line.
pub fn read(dir: &Path) -> Result<Vec<Run>, String> {
    let path = dir.join(HISTORY);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| {
                format!(
                    "{}:{}: not a run of the conformance report ({e}); remove the line or the file",
                    path.display(),
                    i + 1
                )
            })
        })
        .collect()
}

/// Add `run` to `dir`'s history (the directory is created when missing).
pub fn append(dir: &Path, run: &Run) -> Result<PathBuf, String> {
    let path = dir.join(HISTORY);
    let fail = |e: std::io::Error| format!("cannot write {}: {e}", path.display());
    std::fs::create_dir_all(dir).map_err(fail)?;
    let line = serde_json::to_string(run).map_err(|e| format!("cannot encode the run: {e}"))?;
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(fail)?;
    writeln!(file, "{line}").map_err(fail)?;
    Ok(path)
}

/// The parts of one partitioned run as one run: every part's rows, the latest time. An
/// example reported by two parts is an error (the parts were not of one `--partition` split).
pub fn merge(parts: &[Run]) -> Result<Run, String> {
    let mut rows: Vec<Row> = Vec::new();
    for part in parts {
        for row in &part.rows {
            let key = (&row.provider, &row.operation, &row.example);
            if rows
                .iter()
                .any(|r| (&r.provider, &r.operation, &r.example) == key)
            {
                return Err(format!(
                    "{}.{} {} is in two of the merged runs: merge the parts of one \
                     --partition split, each once",
                    row.provider, row.operation, row.example
                ));
            }
            rows.push(row.clone());
        }
    }
    let mut targets: Vec<&str> = parts.iter().map(|p| p.target.as_str()).collect();
    targets.dedup();
    Ok(Run {
        at: parts.iter().map(|p| p.at).max().unwrap_or_else(now),
        target: targets.join("+"),
        partition: None,
        rows,
    })
}
