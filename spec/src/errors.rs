//! Which documented failure a response is: the spec side's one reading of `match` rules
//! (the validator checks failure examples with it, the replay uses it as its oracle).

use serde_json::Value;

use crate::format::{ErrorCase, Match, Operation};

/// Why a failure body does not satisfy a `match`, if it does not.
pub fn miss(m: &Match, body: &Value) -> Option<String> {
    if let Some(f) = m.has_fields.iter().find(|f| body.get(f.as_str()).is_none()) {
        return Some(format!("member `{f}` is absent"));
    }
    m.equals
        .iter()
        .find(|(k, v)| body.get(k.as_str()) != Some(*v))
        .map(|(k, v)| format!("member `{k}` is not {v}"))
}

/// The first documented failure of `op` whose status and shape fit (see [`first_fitting`]).
pub fn matching_case<'a>(
    op: &'a Operation,
    status: u16,
    body: &Value,
    enveloped: bool,
) -> Option<&'a ErrorCase> {
    first_fitting(&op.errors, status, body, enveloped)
}

/// The first of `cases` whose status and shape fit. Under the success status (a failure
/// reported by the envelope) the status is not compared; a case whose status the page does
/// not give is matched by shape alone; a case without `match` only by status.
pub fn first_fitting<'a>(
    cases: &'a [ErrorCase],
    status: u16,
    body: &Value,
    enveloped: bool,
) -> Option<&'a ErrorCase> {
    cases.iter().find(|c| {
        let status_ok = enveloped || c.status == status || !c.status_documented;
        let by_shape = !c.matcher.is_empty();
        status_ok && miss(&c.matcher, body).is_none() && (by_shape || c.status == status)
    })
}
