//! The wire reading of the diff rules, run rather than argued: for each case of the diff rule
//! corpus (`spec/tests/diff/`: `base.yaml` is the before spec, each file of `cases/` an edit
//! of it), the mock built from the *after* spec serves on loopback, and every documented
//! example request of the *before* spec is sent to it as the old generated client sends it.
//!
//! Why that stands for the old crate's client: the old crate's protocol tests
//! (`codegen::render::tests`, literals from the same `spec::model::wire::WireRequest`) prove
//! that its client puts exactly the example's resolved wire request on the wire, credential in
//! its documented slot; so replaying that `WireRequest` is what the old client sends, without
//! building the old crate. The reply is read by the before spec's reader of what a response
//! means (`spec::model::read_response`, through `WireDriver`), as the old client reads it.
//!
//! Both directions are held: an example that no longer gets its documented outcome makes its
//! case's diff breaking, by a rule whose wire reading breaks; and a case whose diff has a rule
//! that breaks every old request it touches (`Wire::Every`) must show a failing example.

use std::path::{Path, PathBuf};

use conformance::driver::{Call, Driver, Observed, WireDriver};
use spec::diff::{self, Level, NoNames, Wire};
use spec::model::{Model, Outcome};
use spec::validate::Validated;
use spec::values::{self, Options, Repr};

use crate::support::scratch;

#[path = "../../spec/tests/diff/corpus.rs"]
mod corpus;

/// Every case of the corpus, by file name: its before and after sides, validated.
fn cases(scratch: &Path) -> Vec<(String, Validated, Validated)> {
    let load =
        |text: &str, dir: PathBuf| corpus::validated(text, &dir).unwrap_or_else(|e| panic!("{e}"));
    corpus::cases()
        .into_iter()
        .map(|c| {
            let before = load(&c.before, scratch.join(&c.name).join("b"));
            let after = load(&c.after, scratch.join(&c.name).join("a"));
            (c.name, before, after)
        })
        .collect()
}

/// How a reply falls short of the example's documented outcome, if it does: a documented
/// success must come back as a success (the before success status) whose payload decodes as
/// the before response type; a documented failure must still be a failure (which one may
/// change: the rules grade a changed error status by "the call failed either way").
fn shortfall(
    spec: &spec::format::Spec,
    op: &spec::format::Operation,
    documented: Option<&Outcome>,
    got: &Observed,
) -> Option<String> {
    let decodes = Options {
        repr: Repr::Typed,
        // An old client ignores members it does not know.
        report_unknown_fields: false,
    };
    match (documented, got) {
        (None | Some(Outcome::Payload(_)), Observed::Success { payload, .. }) => {
            let problems = values::check(&op.response.schema, payload, spec, decodes);
            (!problems.is_empty()).then(|| {
                let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                format!("the success does not decode: {}", list.join("; "))
            })
        }
        (None | Some(Outcome::Payload(_)), Observed::Failure { kind, message, .. }) => {
            Some(format!("a documented success fails: {kind} ({message})"))
        }
        (Some(_), Observed::Failure { .. }) => None,
        (Some(_), Observed::Success { status, .. }) => {
            Some(format!("a documented failure succeeds ({status})"))
        }
    }
}

/// Send every documented request of `before` to a mock of `after`; each example that falls
/// short of its documented outcome, as `operation.example: why`, and how many were sent.
async fn replay(before: &Validated, after: &Validated) -> (usize, Vec<String>) {
    let mock = conformance::mock::spawn(after.files(), "127.0.0.1:0".parse().unwrap(), false)
        .await
        .expect("the after mock serves");
    let model = Model::build(before).expect("the before model builds");
    let driver = WireDriver::default();
    let (mut sent, mut short) = (0, Vec::new());
    for p in &model.providers {
        // The base URL is the caller's setting: the old client is pointed at the new server.
        let base = mock.provider_base_url(&p.spec.provider.id);
        for om in &p.operations {
            for em in &om.examples {
                let (Some(req), Some(wire)) = (em.request, &em.wire) else {
                    continue;
                };
                // A documented failure asks the server for a failure of its status, as the
                // old protocol test puts the server in that state; a success asks for nothing.
                let prefer = match (&em.outcome, &em.example.response) {
                    (Some(Outcome::Payload(_)) | None, _) | (_, None) => None,
                    (Some(_), Some(r)) => Some(format!("code={}", r.status)),
                };
                let call = Call {
                    spec: p.spec,
                    op: om,
                    request: wire,
                    credential: om.credential.value_in(req),
                    sign_with: None,
                    base_url: &base,
                    prefer,
                };
                let got = driver.call(&call).await;
                sent += 1;
                if let Some(why) = shortfall(p.spec, om.op, em.outcome.as_ref(), &got) {
                    short.push(format!("{}.{}: {why}", om.op.id, em.example.name));
                }
            }
        }
    }
    mock.stop().await;
    (sent, short)
}

#[tokio::test]
async fn old_requests_against_the_new_mock_agree_with_the_grading() {
    let dir = scratch("wire-corpus");
    let mut problems = Vec::new();
    let (mut seen_failing, mut seen_passing) = (0, 0);
    for (name, before, after) in cases(&dir) {
        let report = diff::diff(&before, &after, &NoNames, &NoNames);
        let rules: Vec<&diff::Rule> = report.changes.iter().map(|c| diff::rule(c.rule)).collect();
        let (sent, short) = replay(&before, &after).await;
        assert!(sent > 0, "{name}: the before spec documents no request");
        let ids = |keep: &dyn Fn(&diff::Rule) -> bool| -> Vec<&str> {
            rules.iter().filter(|r| keep(r)).map(|r| r.id).collect()
        };
        if short.is_empty() {
            seen_passing += 1;
            // Only a rule that breaks every old request it touches must be seen to: one that
            // breaks some (`Wire::Depends`) may pass every example, because the examples carry
            // no value it refuses (a tightened bound), or because the new server serves a value
            // it no longer reads (a moved optional parameter) and a mock answering documented
            // examples answers alike whatever that value was.
            let every = ids(&|r| r.breaks.wire == Wire::Every);
            if !every.is_empty() {
                problems.push(format!(
                    "{name}: {every:?} break every old request they touch, yet all {sent} \
                     documented requests still get their documented outcome"
                ));
            }
        } else {
            seen_failing += 1;
            let on_wire = ids(&|r| r.breaks.wire != Wire::Holds);
            if report.level() != Some(Level::Breaking) || on_wire.is_empty() {
                problems.push(format!(
                    "{name}: old requests fail against the new mock, but the diff is {:?} with \
                     no rule breaking the wire (rules: {:?}):\n  {}",
                    report.level(),
                    ids(&|_| true),
                    short.join("\n  ")
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    // The run tells cases apart: some break the old client on the wire and some do not.
    assert!(
        seen_failing > 0 && seen_passing > 0,
        "{seen_failing} failing, {seen_passing} passing"
    );
}
