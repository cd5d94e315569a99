//! Live mode: one documented request per operation against a real endpoint, the response
//! checked against the spec's schemas and reported as drift (undeclared fields, missing
//! required fields, unknown enum values, undocumented statuses). Read-only by default.

use codegen::load::SpecFile;
use codegen::spec::{Effect, Operation, Spec};
use codegen::values::{self, Options, Repr};
use serde_json::Value;

use crate::decode;
use crate::driver::{Call, WireDriver};
use crate::replay::{params, request_of, CaseResult, Snapshot, Verdict};

pub struct LiveOptions<'a> {
    pub base_url: &'a str,
    /// Only this provider (its `provider.id`).
    pub provider: Option<&'a str>,
    /// Also run operations that create, update or delete.
    pub allow_writes: bool,
}

/// Run live checks. `token` returns the credential for a provider id (from the environment
/// in the CLI); `progress` receives one line per operation as it completes.
pub async fn run_live(
    files: &[SpecFile],
    opts: &LiveOptions<'_>,
    driver: &WireDriver,
    token: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn FnMut(&str),
) -> Vec<CaseResult> {
    let ops: Vec<(&Spec, &Operation)> = files
        .iter()
        .map(|f| &f.spec)
        .filter(|s| opts.provider.is_none_or_eq(&s.provider.id))
        .flat_map(|s| s.operations.iter().map(move |op| (s, op)))
        .collect();
    let mut out = Vec::new();
    for (i, (spec, op)) in ops.iter().enumerate() {
        let (verdict, outcome) = check_one(spec, op, opts, driver, token).await;
        let label = match &verdict {
            Verdict::Pass => "ok".to_string(),
            Verdict::Fail(_) => "DRIFT".to_string(),
            Verdict::Skipped(why) => format!("skipped ({why})"),
        };
        progress(&format!(
            "[{}/{}] {}.{} {label}",
            i + 1,
            ops.len(),
            spec.provider.id,
            op.id
        ));
        out.push(CaseResult {
            provider: spec.provider.id.clone(),
            operation: op.id.clone(),
            example: "live".into(),
            verdict,
            snapshot: Snapshot {
                provider: spec.provider.id.clone(),
                operation: op.id.clone(),
                example: "live".into(),
                erratum: None,
                request: None,
                outcome,
            },
        });
    }
    out
}

trait NoneOrEq {
    fn is_none_or_eq(&self, id: &str) -> bool;
}
impl NoneOrEq for Option<&str> {
    fn is_none_or_eq(&self, id: &str) -> bool {
        self.map(|p| p == id).unwrap_or(true)
    }
}

async fn check_one(
    spec: &Spec,
    op: &Operation,
    opts: &LiveOptions<'_>,
    driver: &WireDriver,
    token: &dyn Fn(&str) -> Option<String>,
) -> (Verdict, Value) {
    let skip = |why: String| (Verdict::Skipped(why), Value::Null);
    if !op.address_documented {
        return skip("address not documented".into());
    }
    if op.effect != Effect::Read && !opts.allow_writes {
        return skip("writes need --allow-writes".into());
    }
    let Some(ex) = op.examples.first() else {
        return skip("no example".into());
    };
    let Some((req, _)) = request_of(op, ex) else {
        return skip("no documented request".into());
    };
    let credential = match op.auth {
        Some(_) => match token(&spec.provider.id) {
            Some(t) if !t.is_empty() => Some(t),
            _ => {
                let var = crate::replay::token_env_var(&spec.provider.id);
                return skip(format!("set {var}"));
            }
        },
        None => None,
    };
    let call = Call {
        spec,
        op,
        request: req,
        params: params(spec, op, req),
        credential,
        base_url: opts.base_url,
        prefer: None,
    };
    let raw = match driver.send(&call).await {
        Ok(r) => r,
        Err(e) => return (Verdict::Fail(e), Value::Null),
    };
    let drift = drift(spec, op, raw.status, &raw.body);
    // Shown payloads drop volatile and secret values; failures are shown as received.
    let shown = match decode::unwrap(op, raw.body.clone()) {
        Ok(p) if raw.status == op.response.status => decode::redact(&op.response.schema, &p, spec),
        _ => raw.body.clone(),
    };
    let outcome = serde_json::json!({ "status": raw.status, "body": shown });
    if drift.is_empty() {
        (Verdict::Pass, outcome)
    } else {
        (Verdict::Fail(drift.join("\n")), outcome)
    }
}

/// Everything in a live response the spec does not account for.
pub fn drift(spec: &Spec, op: &Operation, status: u16, body: &Value) -> Vec<String> {
    let strict = Options {
        repr: Repr::Wire,
        report_unknown_fields: true,
    };
    let show = |vs: Vec<values::Violation>| -> Vec<String> {
        vs.into_iter()
            .map(|v| {
                format!(
                    "{}: {}",
                    if v.path.is_empty() { "(body)" } else { &v.path },
                    v.message
                )
            })
            .collect()
    };
    if status == op.response.status {
        return match decode::unwrap(op, body.clone()) {
            Ok(payload) => show(values::check(&op.response.schema, &payload, spec, strict)),
            // An envelope failure under the success status: check it as a documented failure.
            Err(_) => error_drift(spec, op, status, body, strict, true),
        };
    }
    error_drift(spec, op, status, body, strict, false)
}

fn error_drift(
    spec: &Spec,
    op: &Operation,
    status: u16,
    body: &Value,
    strict: Options,
    enveloped: bool,
) -> Vec<String> {
    let case = op
        .errors
        .iter()
        .find(|c| enveloped || c.status == status || !c.status_documented);
    match case {
        None => vec![format!("undocumented status {status}")],
        Some(c) => values::check(&c.schema, body, spec, strict)
            .into_iter()
            .map(|v| format!("error `{}` {}: {}", c.name, v.path, v.message))
            .collect(),
    }
}
