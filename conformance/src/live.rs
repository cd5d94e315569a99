//! Live mode: every documented example's request replayed against a real endpoint, the
//! response checked against the spec's schemas and reported as drift per example (undeclared
//! fields, missing required fields, unknown enum values, undocumented statuses). Read-only
//! operations by default; operations whose address the page does not give are skipped.
//! Every verdict is computed on the response as received; credentials are redacted only
//! from what is shown (messages, the snapshot), in every form they take on the wire.

use std::collections::HashMap;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use runtime::secret::{check_len, Redactor};
use runtime::sign::Keys;
use runtime::Secret;
use serde_json::Value;
use spec::format::{Effect, Operation, Spec};
use spec::load::SpecFile;
use spec::model::curl::{Base, Curl};
use spec::model::{errors, ExampleModel, OperationModel, ProviderModel};
use spec::values::{self, Options, Repr};
use tokio::sync::Semaphore;

use crate::driver::{Call, WireDriver};
use crate::observe;
use crate::partition::Partition;
use crate::payload;
use crate::replay::models;
pub use crate::results::Outcome;
use crate::results::{CaseResult, Snapshot, Verdict};

pub struct LiveOptions<'a> {
    pub base_url: &'a str,
    /// Only this provider (its `provider.id`).
    pub provider: Option<&'a str>,
    /// Also run operations that create, update or delete.
    pub allow_writes: bool,
    /// Examples in flight at once, all providers together (at least 1).
    pub jobs: usize,
    /// Examples in flight at once against one provider (at least 1).
    pub per_provider: usize,
    /// Time one example may take, retries after `Retry-After` included.
    pub timeout: Duration,
    /// Send each example this many times (a load run); one result per example, failed when
    /// any of its sends failed.
    pub repeat: usize,
    /// Drift lines kept per example; the rest are counted.
    pub max_drift: usize,
    /// The signing keys for a provider id (from `<ID>_ACCESS_KEY` and `<ID>_SECRET_KEY` in
    /// the CLI, see [`env_keys`]): an operation that accepts signing is signed with them
    /// when no token is set for its provider.
    pub keys: &'a dyn Fn(&str) -> Keys,
    /// Only the examples of this part (a live run spread over CI jobs).
    pub partition: Option<Partition>,
}

impl<'a> LiveOptions<'a> {
    /// One example at a time, the runtime's default timeout, read operations only.
    pub fn new(base_url: &'a str) -> Self {
        LiveOptions {
            base_url,
            provider: None,
            allow_writes: false,
            jobs: 1,
            per_provider: 1,
            timeout: runtime::net::DEFAULT_TIMEOUT,
            repeat: 1,
            max_drift: DEFAULT_MAX_DRIFT,
            keys: &no_keys,
            partition: None,
        }
    }
}

fn no_keys(_: &str) -> Keys {
    Keys::default()
}

/// The environment variables holding a provider's access key and secret key.
pub fn key_env_vars(provider_id: &str) -> (String, String) {
    let id = provider_id.to_ascii_uppercase();
    (format!("{id}_ACCESS_KEY"), format!("{id}_SECRET_KEY"))
}

/// A provider's signing keys from the environment (unset or empty variables are not set).
pub fn env_keys(provider_id: &str) -> Keys {
    let (access, secret) = key_env_vars(provider_id);
    let read = |var: &str| {
        std::env::var(var)
            .ok()
            .filter(|v| !v.is_empty())
            .map(Secret::new)
    };
    Keys {
        access: read(&access),
        secret: read(&secret),
    }
}

/// Drift lines kept per example by default.
pub const DEFAULT_MAX_DRIFT: usize = 20;

/// Sends of one example after a 429 or 503 with `Retry-After`, at most.
const MAX_ATTEMPTS: usize = 4;

/// A whole live run: one result per example, and how many ended which way.
pub struct LiveRun {
    pub results: Vec<CaseResult>,
    pub outcomes: Vec<Outcome>,
    /// The run was interrupted (its unfinished examples are failed results).
    pub interrupted: bool,
}

impl LiveRun {
    pub fn count(&self, outcome: Outcome) -> usize {
        self.outcomes.iter().filter(|o| **o == outcome).count()
    }
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
    run_live_until(files, opts, driver, token, progress, std::future::pending())
        .await
        .results
}

/// [`run_live`], stopping early when `cancel` resolves (Ctrl-C in the CLI): examples not
/// finished by then are failed results saying so, so that the report is still complete.
pub async fn run_live_until(
    files: &[SpecFile],
    opts: &LiveOptions<'_>,
    driver: &WireDriver,
    token: &dyn Fn(&str) -> Option<String>,
    progress: &mut dyn FnMut(&str),
    cancel: impl Future<Output = ()>,
) -> LiveRun {
    let mut out = Vec::new();
    let mut outcomes = Vec::new();
    let mut providers: Vec<ProviderModel> = Vec::new();
    for model in models(files) {
        match model {
            Ok(p) if opts.provider.is_none_or(|id| id == p.spec.provider.id) => providers.push(p),
            Ok(_) => {}
            Err(failed) if opts.provider.is_none_or(|id| id == failed.provider) => {
                out.push(*failed);
                outcomes.push(Outcome::Drift);
            }
            Err(_) => {}
        }
    }
    let cases: Vec<(&ProviderModel, &OperationModel, &ExampleModel)> = providers
        .iter()
        .flat_map(|p| p.operations.iter().map(move |op| (p, op)))
        .flat_map(|(p, op)| op.examples.iter().map(move |ex| (p, op, ex)))
        .filter(|(p, op, ex)| {
            let (id, op, ex) = (&p.spec.provider.id, &op.op.id, &ex.example.name);
            opts.partition.is_none_or(|part| part.contains(id, op, ex))
        })
        .collect();
    let limits: HashMap<&str, Arc<Semaphore>> = providers
        .iter()
        .map(|p| {
            let id = p.spec.provider.id.as_str();
            (id, Arc::new(Semaphore::new(opts.per_provider.max(1))))
        })
        .collect();
    let repeat = opts.repeat.max(1);
    // Per example: the first failure (or the pass), and the sends still to finish.
    let mut slots: Vec<Option<(Verdict, Value, Outcome)>> = vec![None; cases.len()];
    let mut pending: Vec<usize> = vec![repeat; cases.len()];
    // `repeat_n` is newer than the workspace's rust-version.
    #[allow(clippy::manual_repeat_n)]
    let sends = (0..cases.len()).flat_map(move |i| std::iter::repeat(i).take(repeat));
    let limits = &limits;
    let cases_ref = &cases;
    let mut stream = futures_util::stream::iter(sends.map(|i| async move {
        let (p, om, em) = cases_ref[i];
        let _turn = limits[p.spec.provider.id.as_str()].acquire().await;
        // A safety net above the per-send timeouts: an example never outlives its budget by
        // much, whatever the server does.
        let budget = opts.timeout.saturating_add(Duration::from_secs(1));
        let checked = tokio::time::timeout(budget, check_one(p.spec, om, em, opts, driver, token))
            .await
            .unwrap_or_else(|_| {
                (
                    Verdict::Fail(format!(
                        "timeout: no complete answer within {} ms",
                        opts.timeout.as_millis()
                    )),
                    Value::Null,
                    Outcome::Transport,
                )
            });
        (i, checked)
    }))
    .buffer_unordered(opts.jobs.max(1));
    tokio::pin!(cancel);
    let mut done = 0;
    let mut interrupted = false;
    loop {
        let next = tokio::select! {
            biased;
            _ = &mut cancel => {
                interrupted = true;
                break;
            }
            next = stream.next() => next,
        };
        let Some((i, checked)) = next else { break };
        pending[i] -= 1;
        let keep = match &slots[i] {
            None => true,
            Some((_, _, Outcome::Pass)) => checked.2 != Outcome::Pass,
            Some(_) => false,
        };
        if keep {
            slots[i] = Some(checked);
        }
        if pending[i] == 0 {
            done += 1;
            let (p, om, em) = cases[i];
            let label = match slots[i].as_ref().map(|s| (&s.0, s.2)) {
                Some((Verdict::Pass, _)) => "ok".to_string(),
                Some((Verdict::Skipped(why), _)) => format!("skipped ({why})"),
                Some((_, Outcome::Transport)) => "TRANSPORT FAILURE".to_string(),
                Some((_, Outcome::Throttled)) => "THROTTLED (HTTP 429)".to_string(),
                Some((_, Outcome::Unavailable)) => "UNAVAILABLE (HTTP 503)".to_string(),
                _ => "DRIFT".to_string(),
            };
            progress(&format!(
                "[{done}/{}] {}.{} {} {label}",
                cases.len(),
                p.spec.provider.id,
                om.op.id,
                em.example.name
            ));
        }
    }
    drop(stream);
    for (i, &(p, om, em)) in cases.iter().enumerate() {
        let (spec, op, ex) = (p.spec, om.op, em.example);
        let (verdict, outcome, kind) = match slots[i].take() {
            Some(s) if pending[i] == 0 => s,
            _ => (
                Verdict::Fail("interrupted before the example finished".into()),
                Value::Null,
                Outcome::Interrupted,
            ),
        };
        outcomes.push(kind);
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
    LiveRun {
        results: out,
        outcomes,
        interrupted,
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

/// The credentials a live run would send that are too short to redact safely
/// ([`runtime::secret::MIN_SECRET_LEN`]), one message each naming its variable (never the
/// value); the run is refused when there is any.
pub fn short_secrets(
    files: &[SpecFile],
    opts: &LiveOptions<'_>,
    token: &dyn Fn(&str) -> Option<String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let id = f.spec.provider.id.as_str();
        if opts.provider.is_some_and(|only| only != id) {
            continue;
        }
        let (access_var, secret_var) = key_env_vars(id);
        let keys = (opts.keys)(id);
        let found = [
            (spec::model::token_var(id), token(id)),
            (access_var, keys.access.map(|k| k.expose().to_owned())),
            (secret_var, keys.secret.map(|k| k.expose().to_owned())),
        ];
        for (var, value) in found {
            if let Some(Err(e)) = value.map(|v| check_len(&var, &v)) {
                out.push(e);
            }
        }
    }
    out
}

async fn check_one(
    spec: &Spec,
    om: &OperationModel<'_>,
    em: &ExampleModel<'_>,
    opts: &LiveOptions<'_>,
    driver: &WireDriver,
    token: &dyn Fn(&str) -> Option<String>,
) -> (Verdict, Value, Outcome) {
    let op = om.op;
    let skip = |why: String| (Verdict::Skipped(why), Value::Null, Outcome::Skipped);
    if let Some(why) = skip_reason(op, em, opts.allow_writes) {
        return skip(why);
    }
    let Some(req) = em.wire.as_ref().filter(|_| em.own_request) else {
        return skip("response-only example".into());
    };
    let var = spec::model::token_var(&spec.provider.id);
    let (access_var, secret_var) = key_env_vars(&spec.provider.id);
    let token = om
        .credential
        .placement()
        .and_then(|_| token(&spec.provider.id))
        .filter(|t| !t.is_empty());
    let keys = match om.signed && token.is_none() {
        true => Some((opts.keys)(&spec.provider.id)).filter(|k| k.iter().count() == 2),
        false => None,
    };
    // A token the caller set wins; else both keys sign; else the example cannot be sent.
    match (om.credential.placement(), om.signed) {
        _ if token.is_some() || keys.is_some() => {}
        (Some(_), true) => return skip(format!("set {var}, or {access_var} and {secret_var}")),
        (Some(_), false) => return skip(format!("set {var}")),
        (None, true) => return skip(format!("set {access_var} and {secret_var}")),
        (None, false) => {}
    }
    let credential = token;
    // A live endpoint may echo the credential back: it must not reach reports. What is shown
    // (messages, the snapshot) is redacted; what is checked is the response as received.
    let mut secrets: Vec<Secret> = credential.iter().map(Secret::new).collect();
    secrets.extend(keys.iter().flat_map(|k| k.iter().cloned()));
    let secret_refs: Vec<&Secret> = secrets.iter().collect();
    if let Some(short) = secrets.iter().find(|s| check_len("", s.expose()).is_err()) {
        let what = match credential.as_deref() == Some(short.expose()) {
            true => var.clone(),
            false => format!("{access_var} or {secret_var}"),
        };
        return skip(check_len(&what, short.expose()).err().unwrap_or_default());
    }
    let redactor = Redactor::new(&secret_refs, &[]);
    let scrub = |text: String| redactor.redact(&text);
    let call = Call {
        spec,
        op: om,
        request: req,
        credential: credential.clone(),
        sign_with: keys.as_ref(),
        base_url: opts.base_url,
        prefer: None,
    };
    // curl cannot sign: the line shows the request, and says how it was sent.
    let signed_note = match keys {
        Some(_) => format!(" # sent signed (SDK-HMAC-SHA256, ${access_var} ${secret_var})"),
        None => String::new(),
    };
    let curl = || {
        let line = Curl::new(req, Base::Url(opts.base_url), &var).line();
        format!("{line}{signed_note}")
    };
    let started = Instant::now();
    let mut attempt = 1;
    let raw = loop {
        let left = opts.timeout.saturating_sub(started.elapsed());
        let raw = match driver.send_within(&call, Some(left)).await {
            Ok(r) => r,
            Err(e) => {
                let why = scrub(format!("{e}\nreproduce: {}", curl()));
                return (Verdict::Fail(why), Value::Null, Outcome::Transport);
            }
        };
        // 429/503 with Retry-After: wait as told when that fits the example's time. The wait
        // comes from the server: compared with the time left, never added to an instant.
        match raw.retry_after {
            Some(wait)
                if matches!(raw.status, 429 | 503)
                    && attempt < MAX_ATTEMPTS
                    && wait < opts.timeout.saturating_sub(started.elapsed()) =>
            {
                attempt += 1;
                tokio::time::sleep(wait).await;
            }
            _ => break raw,
        }
    };
    if let Some(location) = &raw.location {
        let why = scrub(format!(
            "redirect not followed: HTTP {} to {location}\nreproduce: {}",
            raw.status,
            curl()
        ));
        return (Verdict::Fail(why), Value::Null, Outcome::Transport);
    }
    let shown_raw =
        |body: &Value| snapshot(raw.status, redactor.redact_value(kept(body, Value::clone)));
    let body = match raw.body {
        Ok(body) => body,
        Err(invalid) => {
            let why = scrub(format!(
                "HTTP {}: {invalid}\nreproduce: {}",
                raw.status,
                curl()
            ));
            return (Verdict::Fail(why), Value::Null, Outcome::Drift);
        }
    };
    // Throttled or unavailable: the operation was not checked, whatever the body says.
    if matches!(raw.status, 429 | 503) {
        let (what, outcome) = match raw.status {
            429 => ("throttled", Outcome::Throttled),
            _ => ("unavailable", Outcome::Unavailable),
        };
        let why = scrub(format!(
            "{what}: HTTP {} to send {attempt} of at most {MAX_ATTEMPTS}{}; the operation was \
             not checked\nreproduce: {}",
            raw.status,
            match raw.retry_after {
                Some(wait) => format!(" (Retry-After {} s)", wait.as_secs()),
                None => String::new(),
            },
            curl()
        ));
        return (Verdict::Fail(why), shown_raw(&body), outcome);
    }
    // A refused credential is no check of the operation, documented 401 or not.
    if raw.status == 401 && (credential.is_some() || keys.is_some()) {
        let refused = match keys {
            Some(_) => format!("the signature made with {access_var} and {secret_var}"),
            None => var.clone(),
        };
        let why = scrub(format!(
            "HTTP 401: the provider refused {refused}: {body}\nreproduce: {}",
            curl()
        ));
        return (Verdict::Fail(why), shown_raw(&body), Outcome::Drift);
    }
    // The payload is unwrapped once; the body is dropped as soon as it is no longer needed,
    // so that a big response is held about once (README, "Live conformance": memory).
    let (payload, body) = match (raw.status == op.response.status, &op.response.envelope) {
        // Without an envelope the body is the payload: moved, not copied.
        (true, None) => (Some(body), Value::Null),
        (true, Some(_)) => match payload::unwrap(op, &body) {
            Ok(p) => (Some(p), Value::Null),
            Err(_) => (None, body),
        },
        (false, _) => (None, body),
    };
    let drift = match &payload {
        Some(p) => show(values::check_at_most(
            &op.response.schema,
            p,
            spec,
            STRICT,
            opts.max_drift,
        )),
        None => drift(spec, op, raw.status, &body, opts.max_drift),
    };
    // Shown payloads drop volatile and secret values; failures are shown as received.
    let shown = match &payload {
        Some(p) => kept(p, |p| observe::shown(p, spec, op)),
        None => kept(&body, Value::clone),
    };
    drop((payload, body));
    let mut outcome = snapshot(raw.status, redactor.redact_value(shown));
    let headers = observe::declared_headers(em.example, &raw.headers);
    if !headers.is_empty() {
        outcome["headers"] = redactor.redact_value(Value::Object(headers));
    }
    if drift.is_empty() {
        (Verdict::Pass, outcome, Outcome::Pass)
    } else {
        let why = scrub(format!("{}\nreproduce: {}", drift.join("\n"), curl()));
        (Verdict::Fail(why), outcome, Outcome::Drift)
    }
}

/// Largest shown body a result keeps (as JSON text); a run holds one per example, so a
/// bigger one is replaced by its size.
const MAX_KEPT_BODY: usize = 64 * 1024;

/// `show(body)` when the JSON text of `body` is at most [`MAX_KEPT_BODY`] bytes, else a note
/// of its size.
fn kept(body: &Value, show: impl Fn(&Value) -> Value) -> Value {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut n = Count(0);
    let _ = serde_json::to_writer(&mut n, body);
    match n.0 <= MAX_KEPT_BODY {
        true => show(body),
        false => Value::String(format!("[{} bytes of JSON, not kept]", n.0)),
    }
}

fn snapshot(status: u16, body: Value) -> Value {
    serde_json::json!({ "status": status, "body": body })
}

/// Responses are checked strictly: the wire representation, undeclared members reported.
const STRICT: Options = Options {
    repr: Repr::Wire,
    report_unknown_fields: true,
};

/// Drift lines, the ones over the cap counted in a last line.
fn show((kept, dropped): (Vec<values::Violation>, usize)) -> Vec<String> {
    let mut lines: Vec<String> = kept
        .into_iter()
        .map(|v| {
            format!(
                "{}: {}",
                if v.path.is_empty() { "(body)" } else { &v.path },
                v.message
            )
        })
        .collect();
    if dropped > 0 {
        lines.push(format!("... and {dropped} more drift line(s) not shown"));
    }
    lines
}

/// Everything in a live response the spec does not account for: at most `max` lines, then
/// one counting the rest.
pub fn drift(spec: &Spec, op: &Operation, status: u16, body: &Value, max: usize) -> Vec<String> {
    if status == op.response.status {
        return match payload::unwrap(op, body) {
            Ok(payload) => show(values::check_at_most(
                &op.response.schema,
                &payload,
                spec,
                STRICT,
                max,
            )),
            // An envelope failure under the success status: check it as a documented failure.
            Err(_) => error_drift(spec, op, status, body, true, max),
        };
    }
    error_drift(spec, op, status, body, false, max)
}

fn error_drift(
    spec: &Spec,
    op: &Operation,
    status: u16,
    body: &Value,
    enveloped: bool,
    max: usize,
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
        Some(c) => {
            let (kept, dropped) = values::check_at_most(&c.schema, body, spec, STRICT, max);
            let mut lines: Vec<String> = kept
                .into_iter()
                .map(|v| format!("error `{}` {}: {}", c.name, v.path, v.message))
                .collect();
            if dropped > 0 {
                lines.push(format!("... and {dropped} more drift line(s) not shown"));
            }
            lines
        }
    }
}
