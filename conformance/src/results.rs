//! What a run records per example: the replay's verdict, the generated client's, and the
//! redacted snapshot of what was sent and decoded. Produced by the replay, live mode and the
//! generated tests' runner alike; read by the report.

use protocol_test::Mismatch;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "result", content = "detail")]
pub enum Verdict {
    Pass,
    Fail(String),
    Skipped(String),
}

/// One example's result.
#[derive(Debug, Clone, Serialize)]
pub struct CaseResult {
    pub provider: String,
    pub operation: String,
    pub example: String,
    /// The replay of the documented request (the reference driver against the mock, or the
    /// live endpoint).
    pub verdict: Verdict,
    /// The generated client's protocol test against the same mock (`None`: not run, as in
    /// live mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<Verdict>,
    pub snapshot: Snapshot,
}

impl CaseResult {
    /// Both parts together: a failure of either fails the example; otherwise it passes when
    /// the replay passed, and is skipped when the replay was.
    pub fn overall(&self) -> &Verdict {
        match (&self.verdict, &self.client) {
            (Verdict::Fail(_), _) => &self.verdict,
            (_, Some(client @ Verdict::Fail(_))) => client,
            _ => &self.verdict,
        }
    }
}

/// What is snapshotted for an example: the request as sent (credentials redacted), how it
/// compares with the documented one, and the outcome the driver decoded (secret and volatile
/// fields redacted).
#[derive(Debug, Clone, Serialize)]
pub struct Snapshot {
    pub provider: String,
    pub operation: String,
    pub example: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub erratum: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wire: Option<WireCheck>,
    pub outcome: Value,
}

/// The sent request held against the documented one.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WireCheck {
    Matches,
    /// Each differing part, as `protocol-test` reports it (secrets never shown).
    Differs(Vec<Mismatch>),
    /// Response-only examples borrow another example's request: nothing of theirs to compare.
    NotCompared(String),
}

/// How a live example ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Skipped,
    /// A response arrived and the spec does not account for it.
    Drift,
    /// No usable response: connection, TLS, timeout, redirect, a body over the cap.
    Transport,
    /// The server answered 429 (too many requests) to the last send: the operation was not
    /// checked, whatever the body says.
    Throttled,
    /// The server answered 503 (unavailable) to the last send: not checked either.
    Unavailable,
    /// The run was interrupted before the example finished.
    Interrupted,
}
