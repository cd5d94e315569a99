//! Live mode: every documented example's request replayed against a real endpoint, the
//! response checked against the spec's schemas and reported as drift per example (undeclared
//! fields, missing required fields, unknown enum values, undocumented statuses). Read-only
//! operations by default; operations whose address the page does not give are skipped.

use serde_json::Value;
use spec::format::{Effect, Operation, Spec};
use spec::load::SpecFile;
use spec::model::{errors, ExampleModel, OperationModel, ProviderModel};
use spec::values::{self, Options, Repr};

use crate::decode;
use crate::driver::{Call, WireDriver};
use crate::replay::{models, token_env_var, CaseResult, Snapshot, Verdict};
use crate::wire;

pub struct LiveOptions<'a> {
    pub base_url: &'a str,
    /// Only this provider (its `provider.id`).
    pub provider: Option<&'a str>,
    /// Also run operations that create, update or delete.
    pub allow_writes: bool,
}

/// Run live checks, one per documented example. `token` returns the credential for a
/// provider id (from the environment in the CLI); `progress` receives one line per example
/// as it completes.
pub async fn run_live(
    files: &[SpecFile],
    opts: &LiveOptions<'_>,
    driver: &WireDriver,
    token: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn FnMut(&str),
) -> Vec<CaseResult> {
    let mut out = Vec::new();
    let mut providers: Vec<ProviderModel> = Vec::new();
    for model in models(files) {
        match model {
            Ok(p) if opts.provider.is_none_or_eq(&p.spec.provider.id) => providers.push(p),
            Ok(_) => {}
            Err(failed) if opts.provider.is_none_or_eq(&failed.provider) => out.push(*failed),
            Err(_) => {}
        }
    }
    let cases: Vec<(&ProviderModel, &OperationModel, &ExampleModel)> = providers
        .iter()
        .flat_map(|p| p.operations.iter().map(move |op| (p, op)))
        .flat_map(|(p, op)| op.examples.iter().map(move |ex| (p, op, ex)))
        .collect();
    for (i, &(p, om, em)) in cases.iter().enumerate() {
        let (spec, op, ex) = (p.spec, om.op, em.example);
        let (verdict, outcome) = check_one(spec, om, em, opts, driver, token).await;
        let label = match &verdict {
            Verdict::Pass => "ok".to_string(),
            Verdict::Fail(_) => "DRIFT".to_string(),
            Verdict::Skipped(why) => format!("skipped ({why})"),
        };
        progress(&format!(
            "[{}/{}] {}.{} {} {label}",
            i + 1,
            cases.len(),
            spec.provider.id,
            op.id,
            ex.name
        ));
        out.push(CaseResult {
            provider: spec.provider.id.clone(),
            operation: op.id.clone(),
            example: ex.name.clone(),
            verdict,
            client: None,
            snapshot: Snapshot {
                provider: spec.provider.id.clone(),
                operation: op.id.clone(),
                example: ex.name.clone(),
                erratum: em.erratum.map(|e| e.id.clone()),
                request: None,
                wire: None,
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

/// Why an example is not sent live, if it is not.
pub fn skip_reason(op: &Operation, ex: &ExampleModel, allow_writes: bool) -> Option<String> {
    if !op.address_documented {
        return Some("address not documented".into());
    }
    if op.effect != Effect::Read && !allow_writes {
        return Some("writes need --allow-writes".into());
    }
    if !ex.own_request {
        return Some("response-only example".into());
    }
    None
}

async fn check_one(
    spec: &Spec,
    om: &OperationModel<'_>,
    em: &ExampleModel<'_>,
    opts: &LiveOptions<'_>,
    driver: &WireDriver,
    token: &dyn Fn(&str) -> Option<String>,
) -> (Verdict, Value) {
    let op = om.op;
    let skip = |why: String| (Verdict::Skipped(why), Value::Null);
    if let Some(why) = skip_reason(op, em, opts.allow_writes) {
        return skip(why);
    }
    let Some(req) = em.request.filter(|_| em.own_request) else {
        return skip("response-only example".into());
    };
    let var = token_env_var(&spec.provider.id);
    let credential = match om.credential.placement() {
        Some(_) => match token(&spec.provider.id) {
            Some(t) if !t.is_empty() => Some(t),
            _ => return skip(format!("set {var}")),
        },
        None => None,
    };
    // A live endpoint may echo the credential back: it must not reach reports.
    let scrub = |text: String| match &credential {
        Some(t) => text.replace(t.as_str(), wire::REDACTED),
        None => text,
    };
    let call = Call {
        spec,
        op: om,
        request: req,
        credential: credential.clone(),
        base_url: opts.base_url,
        prefer: None,
    };
    let curl = || wire::curl(om, req, opts.base_url, &var);
    let raw = match driver.send(&call).await {
        Ok(r) => r,
        Err(e) => {
            let why = scrub(format!("{e}\nreproduce: {}", curl()));
            return (Verdict::Fail(why), Value::Null);
        }
    };
    let drift = drift(spec, op, raw.status, &raw.body);
    // Shown payloads drop volatile and secret values; failures are shown as received.
    let shown = match decode::unwrap(op, raw.body.clone()) {
        Ok(p) if raw.status == op.response.status => decode::redact(&op.response.schema, &p, spec),
        _ => raw.body.clone(),
    };
    let outcome = serde_json::json!({ "status": raw.status, "body": shown });
    let outcome = serde_json::from_str(&scrub(outcome.to_string())).unwrap_or(Value::Null);
    if drift.is_empty() {
        (Verdict::Pass, outcome)
    } else {
        let why = scrub(format!("{}\nreproduce: {}", drift.join("\n"), curl()));
        (Verdict::Fail(why), outcome)
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
    // The documented failure the body is; else the one its status points to, to show how its
    // shape drifted.
    let case = errors::matching_case(op, status, body, enveloped).or_else(|| {
        op.errors
            .iter()
            .find(|c| enveloped || c.status == status || !c.status_documented)
    });
    match case {
        None => vec![format!("undocumented status {status}")],
        Some(c) => values::check(&c.schema, body, spec, strict)
            .into_iter()
            .map(|v| format!("error `{}` {}: {}", c.name, v.path, v.message))
            .collect(),
    }
}
