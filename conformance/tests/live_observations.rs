//! Live observations as snapshots, end to end: the `conformance` binary in live mode against
//! the embedded mock on loopback, whose answer is changed between runs (a planted drift). The
//! first run's observations are accepted; the second reports the change since the accepted
//! observation, with a diff of exactly the changed member, and leaves it pending; accepting
//! it as `cargo insta review` does (the pending file replaces the accepted one) makes the
//! third run clean.

use std::path::{Path, PathBuf};
use std::process::Output;

use conformance::mock;
use serde_json::Value;
use spec::load::SpecFile;

use crate::support::{conformance, files, scratch, specs, text, Credentials};

const TOKEN: &str = "observation-token-5d1e";
const CREDENTIALS: Credentials = Credentials {
    token: TOKEN,
    access: "observation-access-77c0",
    secret: "observation-secret-19fa",
};

/// `conformance replay --target live` on `specs/` against `base_url`, every provider's
/// credentials set.
async fn live(base_url: &str, extra: &[&str]) -> Output {
    let specs = specs();
    let mut args = vec![
        "replay",
        "--target",
        "live",
        "--base-url",
        base_url,
        "--spec",
        specs.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    conformance(&args, &CREDENTIALS).await
}

/// Live mode for one provider, aimed at its `/~id` prefix of `m`, keeping observations in
/// `obs`.
async fn observe(m: &mock::Running, id: &str, obs: &Path, accept: bool) -> Output {
    let obs = obs.to_str().expect("utf-8 path");
    let mut extra = vec!["--provider", id, "--observations", obs];
    if accept {
        extra.push("--accept");
    }
    live(&m.provider_base_url(id), &extra).await
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// Integer members of `v`, depth first: a path of object keys and array indexes, the name
/// and the value.
fn integers(v: &Value, at: &mut Vec<Value>, out: &mut Vec<(Vec<Value>, String, i64)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(Value::String(k.clone()));
                match x.as_i64() {
                    Some(n) => out.push((at.clone(), k.clone(), n)),
                    None => integers(x, at, out),
                }
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                at.push(Value::from(i));
                integers(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn member_at<'v>(v: &'v mut Value, at: &[Value]) -> Option<&'v mut Value> {
    at.iter().try_fold(v, |v, step| match step {
        Value::String(k) => v.get_mut(k.as_str()),
        other => v.get_mut(other.as_u64()? as usize),
    })
}

/// Plant a drift: the first integer member of a success example's body that shows as
/// itself in the accepted observation (not redacted as volatile) answers one more. The
/// changed spec, the index of its file, and the member's name.
fn plant(files: &[SpecFile], obs: &Path) -> (SpecFile, usize, String) {
    let store = conformance::observe::Store {
        dir: obs.to_path_buf(),
        accept: false,
    };
    for (fi, file) in files.iter().enumerate() {
        let id = &file.spec.provider.id;
        for (oi, op) in file.spec.operations.iter().enumerate() {
            for (ei, ex) in op.examples.iter().enumerate() {
                let Some(body) = ex.response.as_ref().and_then(|r| r.body.as_ref()) else {
                    continue;
                };
                let path = store.path(id, &op.id, &ex.name);
                let Ok(accepted) = std::fs::read_to_string(&path) else {
                    continue;
                };
                let mut found = Vec::new();
                integers(body, &mut Vec::new(), &mut found);
                let Some((at, name, _)) = found.into_iter().find(|(_, name, n)| {
                    accepted.lines().any(|l| l.trim() == format!("{name}: {n}"))
                }) else {
                    continue;
                };
                let mut changed = file.clone();
                let body = changed.spec.operations[oi].examples[ei]
                    .response
                    .as_mut()
                    .and_then(|r| r.body.as_mut())
                    .expect("the body just read");
                let member = member_at(body, &at).expect("the member just found");
                *member = Value::from(member.as_i64().unwrap_or_default() + 1);
                return (changed, fi, name);
            }
        }
    }
    panic!("no accepted observation shows an integer member of its example");
}

#[tokio::test]
async fn a_changed_answer_is_drift_since_the_accepted_observation_until_accepted() {
    let dir = scratch("live-observations");
    let obs = dir.join("observations");
    let files = files();
    let addr = "127.0.0.1:0".parse().expect("addr");

    // First run: the documented answers, accepted as the reference.
    let m = mock::spawn(&files, addr, false).await.expect("mock binds");
    for f in &files {
        let out = observe(&m, &f.spec.provider.id, &obs, true).await;
        assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    }
    m.stop().await;
    let accepted = files_under(&obs);
    assert!(!accepted.is_empty(), "no observation written");
    assert!(
        accepted
            .iter()
            .all(|p| p.extension().is_some_and(|e| e == "snap")),
        "{accepted:?}"
    );

    // Second run: one member answers differently.
    let (changed, fi, member) = plant(&files, &obs);
    let id = changed.spec.provider.id.clone();
    let mut served = files.clone();
    served[fi] = changed;
    let m = mock::spawn(&served, addr, false).await.expect("mock binds");
    let out = observe(&m, &id, &obs, false).await;
    let shown = text(&out);
    // 5: nothing drifted from the spec, an observation changed since the accepted one.
    assert_eq!(out.status.code(), Some(5), "{shown}");
    assert!(
        shown.contains("1 changed since the accepted observation"),
        "{shown}"
    );
    assert!(shown.contains("CHANGED SINCE ACCEPTED"), "{shown}");
    let pending: Vec<PathBuf> = files_under(&obs)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "new"))
        .collect();
    assert_eq!(pending.len(), 1, "{pending:?}\n{shown}");
    // The diff shows exactly the changed member: one line out, one line in.
    let changed_lines = |sign: char, header: &str| -> Vec<String> {
        shown
            .lines()
            .filter(|l| l.starts_with(sign) && !l.starts_with(header))
            .map(|l| l[1..].trim().to_string())
            .collect()
    };
    let (removed, added) = (changed_lines('-', "---"), changed_lines('+', "+++"));
    assert_eq!((removed.len(), added.len()), (1, 1), "{shown}");
    assert!(removed[0].starts_with(&format!("{member}: ")), "{shown}");
    assert!(added[0].starts_with(&format!("{member}: ")), "{shown}");
    assert_ne!(removed, added);

    // Accept as `cargo insta review` does; the third run against the same answers is clean.
    let snap = pending[0].with_extension("");
    std::fs::rename(&pending[0], &snap).expect("accept");
    let out = observe(&m, &id, &obs, false).await;
    m.stop().await;
    let shown = text(&out);
    assert_eq!(out.status.code(), Some(0), "{shown}");
    assert!(
        shown.contains("0 changed since the accepted observation, 0 new"),
        "{shown}"
    );
    assert!(files_under(&obs)
        .iter()
        .all(|p| p.extension().is_some_and(|e| e == "snap")));

    // No credential in any snapshot.
    for path in files_under(&obs) {
        let text = std::fs::read_to_string(&path).expect("readable");
        for secret in [CREDENTIALS.token, CREDENTIALS.access, CREDENTIALS.secret] {
            assert!(!text.contains(secret), "{}", path.display());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn observation_flags_refuse_what_they_cannot_do() {
    let dir = scratch("live-observations-flags");
    let obs = dir.join("o");
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_conformance"));
    let out = cmd
        .args(["replay", "--target", "mock", "--observations"])
        .arg(&obs)
        .arg("--spec")
        .arg(specs())
        .output()
        .await
        .expect("runs");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("--observations needs --target live"),
        "{}",
        text(&out)
    );

    let out = live("http://127.0.0.1:1", &["--accept"]).await;
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("--observations"), "{}", text(&out));
    assert!(!obs.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The observations part of the report for one of each: unchanged (not listed), new and
/// pending, changed and pending, changed and accepted.
#[test]
fn the_observation_summary() {
    use conformance::observe::{summary, unaccepted, Change, Recorded};
    let dir = Path::new("obs");
    let recorded = |example: &str, change: Change, accepted: bool| Recorded {
        provider: "p".into(),
        operation: "o".into(),
        example: example.into(),
        path: dir.join("p/o").join(format!("{example}.snap")),
        change,
        accepted,
    };
    let diff = "--- accepted\n+++ observed\n@@ -1,2 +1,2 @@\n body:\n-  size: 3\n+  size: 4\n";
    let all = [
        recorded("same", Change::Unchanged, false),
        recorded("first", Change::New, false),
        recorded("moved", Change::Changed(diff.into()), false),
        recorded("taken", Change::Changed(diff.into()), true),
    ];
    assert_eq!(unaccepted(&all), 2);
    insta::assert_snapshot!("summary", summary(dir, &all));
}
