//! Replaying every documented example: make the call through a [`Driver`], compare the wire
//! request the mock captured with the documented one, compare the decoded outcome with the
//! documented response, and produce a redacted snapshot per example (`crate::run` puts this
//! and the generated clients' protocol tests together).

use protocol_test::{validate_request, CapturedRequest};
use serde_json::{Map, Value};
use spec::format::{Location, Operation, Spec};
use spec::load::SpecFile;
use spec::model::curl::{Base, Curl};
use spec::model::{
    token_var, ExampleModel, OperationModel, Outcome, ProviderModel, WireRequest, REDACTED,
};

use crate::driver::{Call, Driver, Observed};
use crate::expect::expected_request;
use crate::mock::request::{parse_body, Body, MediaType};
use crate::mock::Running;
use crate::payload;
use crate::results::{CaseResult, Snapshot, Verdict, WireCheck};

/// The spec model of each file, or for a file it cannot be built from (validation refuses such
/// specs first) one failed result naming why.
pub(crate) fn models(files: &[SpecFile]) -> Vec<Result<ProviderModel<'_>, Box<CaseResult>>> {
    files
        .iter()
        .map(|f| {
            ProviderModel::build(&f.spec, spec::model::source_label(&f.path)).map_err(|e| {
                let snapshot = Snapshot {
                    provider: f.spec.provider.id.clone(),
                    operation: String::new(),
                    example: String::new(),
                    erratum: None,
                    request: None,
                    wire: None,
                    outcome: Value::Null,
                };
                Box::new(CaseResult {
                    provider: f.spec.provider.id.clone(),
                    operation: String::new(),
                    example: String::new(),
                    verdict: Verdict::Fail(format!("the spec model cannot be built: {e}")),
                    client: None,
                    snapshot,
                })
            })
        })
        .collect()
}

/// Replay every example of every spec against the running embedded mock.
pub async fn replay_all(
    files: &[SpecFile],
    driver: &dyn Driver,
    mock: &Running,
) -> Vec<CaseResult> {
    let mut out = Vec::new();
    for model in models(files) {
        let p = match model {
            Ok(p) => p,
            Err(failed) => {
                out.push(*failed);
                continue;
            }
        };
        // Addressed by prefix: providers may share paths.
        let base = mock.provider_base_url(&p.spec.provider.id);
        for op in &p.operations {
            for ex in &op.examples {
                out.push(replay_one(p.spec, op, ex, driver, mock, &base).await);
            }
        }
    }
    out
}

async fn replay_one(
    spec: &Spec,
    om: &OperationModel<'_>,
    em: &ExampleModel<'_>,
    driver: &dyn Driver,
    mock: &Running,
    base: &str,
) -> CaseResult {
    let (op, ex) = (om.op, em.example);
    let mut snapshot = Snapshot {
        provider: spec.provider.id.clone(),
        operation: op.id.clone(),
        example: ex.name.clone(),
        erratum: em.erratum.map(|e| e.id.clone()),
        request: None,
        wire: None,
        outcome: Value::Null,
    };
    let result = |verdict, snapshot| CaseResult {
        provider: spec.provider.id.clone(),
        operation: op.id.clone(),
        example: ex.name.clone(),
        verdict,
        client: None,
        snapshot,
    };
    let (Some(req), Some(wire)) = (em.request, &em.wire) else {
        return result(
            Verdict::Skipped("no documented request to build the call from".into()),
            snapshot,
        );
    };
    let credential = om.credential.sent_in(req);
    let call = Call {
        spec,
        op: om,
        request: wire,
        credential: credential.clone(),
        sign_with: None,
        base_url: base,
        prefer: ex.response.as_ref().map(|_| format!("example={}", ex.name)),
    };
    mock.capture.take();
    let observed = driver.call(&call).await;
    let captured = mock.capture.take();
    let mut problems = Vec::new();

    // What the driver means to send, held against what the mock received.
    let sent_as = wire.with_credential(credential.as_deref());
    if let Some(sent) = captured.last() {
        snapshot.request = Some(request_snapshot(&sent_as, sent));
        snapshot.wire = Some(if em.own_request {
            let diffs = validate_request(&expected_request(&sent_as), sent);
            problems.extend(diffs.iter().map(ToString::to_string));
            if diffs.is_empty() {
                WireCheck::Matches
            } else {
                WireCheck::Differs(diffs)
            }
        } else {
            WireCheck::NotCompared("response-only example".into())
        });
    } else {
        problems.push("no request reached the mock".to_string());
    }

    snapshot.outcome = outcome_snapshot(spec, op, &observed);
    if let Some(p) = outcome_problem(spec, op, em, &observed) {
        problems.push(p);
    }
    let verdict = if problems.is_empty() {
        Verdict::Pass
    } else {
        let curl = Curl::new(wire, Base::Url(base), &token_var(&spec.provider.id)).line();
        Verdict::Fail(format!("{}\nreproduce: {curl}", problems.join("\n")))
    };
    result(verdict, snapshot)
}

/// What the documented response means (the model's outcome), compared with what was observed.
fn outcome_problem(
    spec: &Spec,
    op: &Operation,
    em: &ExampleModel<'_>,
    got: &Observed,
) -> Option<String> {
    let (Some(resp), Some(outcome)) = (&em.example.response, &em.outcome) else {
        // Request-only example: any documented success will do.
        return match got {
            Observed::Success { .. } => None,
            other => Some(format!("expected a success, got {}", describe(other))),
        };
    };
    let want = match outcome {
        Outcome::Failure(case) => {
            return match got {
                Observed::Failure {
                    variant: Some(v), ..
                } if v == case => None,
                other => Some(format!("expected error `{case}`, got {}", describe(other))),
            }
        }
        Outcome::Envelope(e) => {
            return Some(format!("the documented success does not unwrap: {e}"))
        }
        Outcome::Payload(p) => spec::values::typed(&op.response.schema, p, spec),
        Outcome::Undocumented(status) => {
            return Some(format!(
                "status {status} is neither the success status nor a documented failure"
            ))
        }
    };
    match got {
        Observed::Success { status, payload } => {
            let mut out = Vec::new();
            if *status != resp.status {
                out.push(format!("status: documented {}, got {status}", resp.status));
            }
            if !payload::same(&want, payload) {
                out.push(format!(
                    "payload differs (- documented, + decoded):\n{}",
                    diff(&want, payload)
                ));
            }
            (!out.is_empty()).then(|| out.join("\n"))
        }
        other => Some(format!("expected a success, got {}", describe(other))),
    }
}

fn describe(o: &Observed) -> String {
    match o {
        Observed::Success { status, .. } => format!("a success ({status})"),
        Observed::Failure {
            status,
            variant,
            kind,
            message,
        } => format!(
            "{kind} failure{}{} ({message})",
            variant
                .as_ref()
                .map(|v| format!(" `{v}`"))
                .unwrap_or_default(),
            status.map(|s| format!(" status {s}")).unwrap_or_default()
        ),
    }
}

/// A unified diff of two JSON values, pretty-printed.
pub fn diff(want: &Value, got: &Value) -> String {
    let a = serde_json::to_string_pretty(want).unwrap_or_default();
    let b = serde_json::to_string_pretty(got).unwrap_or_default();
    similar::TextDiff::from_lines(&a, &b)
        .unified_diff()
        .context_radius(3)
        .to_string()
}

/// The decoded outcome as snapshotted: the typed payload (secret and volatile fields
/// redacted), or the error report without its message (which may name the mock's port).
fn outcome_snapshot(spec: &Spec, op: &Operation, o: &Observed) -> Value {
    match o {
        Observed::Success { status, payload } => serde_json::json!({
            "status": status,
            "payload": payload::redact(&op.response.schema, payload, spec),
        }),
        Observed::Failure {
            status,
            variant,
            kind,
            ..
        } => serde_json::json!({
            "error": { "kind": kind, "variant": variant, "status": status },
        }),
    }
}

/// The captured request with secrets redacted and only stable headers kept (the documented
/// ones and the content type's media type).
fn request_snapshot(wire: &WireRequest, sent: &CapturedRequest) -> Value {
    let shown = |location, k: &str, v: &str| {
        if wire.is_secret(location, k) {
            REDACTED.to_string()
        } else {
            v.to_string()
        }
    };
    let mut query: Vec<(String, String)> = sent
        .query
        .iter()
        .map(|(k, v)| (k.clone(), shown(Location::Query, k, v)))
        .collect();
    query.sort();
    let mut headers = Map::new();
    for (k, _) in &wire.headers {
        if let Some(v) = sent.header(k) {
            headers.insert(k.clone(), Value::String(shown(Location::Header, k, v)));
        }
    }
    let content_type = sent.content_type();
    let media = MediaType::of(content_type);
    let bytes = bytes::Bytes::copy_from_slice(&sent.body);
    let body = match parse_body(media, content_type, &bytes) {
        Body::Empty => Value::Null,
        Body::Json(mut v) => {
            if let Some(m) = v.as_object_mut() {
                for (k, x) in m.iter_mut() {
                    if wire.is_secret(Location::Body, k) {
                        *x = Value::String(REDACTED.into());
                    }
                }
            }
            v
        }
        Body::Form(mut fields) => {
            fields.sort();
            Value::Array(
                fields
                    .into_iter()
                    .map(|(k, v)| {
                        let v = shown(Location::Body, &k, &v);
                        serde_json::json!([k, v])
                    })
                    .collect(),
            )
        }
        Body::Unreadable(why) => Value::String(format!("<unreadable: {why}>")),
    };
    serde_json::json!({
        "method": sent.method,
        "path": sent.path,
        "query": query,
        "headers": headers,
        "media_type": format!("{media:?}").to_ascii_lowercase(),
        "body": body,
    })
}
