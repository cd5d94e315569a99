//! The end-of-run report: a provider x operation x example table, JUnit XML for CI, and the
//! HTML report drawn from a history of runs (`history`, `html`).

pub mod history;
pub mod html;

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::results::{CaseResult, Verdict};

/// Plain-text table, one row per example, then a totals line. `reference` is the replay of
/// the documented request; a `client` column (the generated client's protocol test against
/// the same mock) appears when any result has one.
pub fn table(results: &[CaseResult]) -> String {
    let label = |v: &Verdict| match v {
        Verdict::Pass => "pass".to_string(),
        Verdict::Fail(_) => "FAIL".to_string(),
        Verdict::Skipped(why) => format!("skipped ({why})"),
    };
    let with_client = results.iter().any(|r| r.client.is_some());
    let rows: Vec<Vec<String>> = results
        .iter()
        .map(|r| {
            let example = match &r.snapshot.erratum {
                Some(e) => format!("{} [erratum {e}]", r.example),
                None => r.example.clone(),
            };
            let mut row = vec![
                r.provider.clone(),
                r.operation.clone(),
                example,
                label(&r.verdict),
            ];
            if with_client {
                row.push(r.client.as_ref().map(label).unwrap_or_else(|| "-".into()));
            }
            row
        })
        .collect();
    let mut head = vec!["provider", "operation", "example", "reference"];
    if with_client {
        head.push("client");
    }
    let mut width: Vec<usize> = head.iter().map(|h| h.len()).collect();
    for row in &rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: &[&str]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 == cells.len() {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  ", w = width[i]));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(&head);
    let rule: Vec<String> = width.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule.iter().map(String::as_str).collect::<Vec<_>>()));
    for row in &rows {
        out.push_str(&line(&row.iter().map(String::as_str).collect::<Vec<_>>()));
    }
    let (pass, fail, skip) = counts(results);
    out.push_str(&format!("\n{pass} passed, {fail} failed, {skip} skipped\n"));
    out
}

/// (passed, failed, skipped) examples, each counted once by [`CaseResult::overall`].
pub fn counts(results: &[CaseResult]) -> (usize, usize, usize) {
    results
        .iter()
        .fold((0, 0, 0), |(p, f, s), r| match r.overall() {
            Verdict::Pass => (p + 1, f, s),
            Verdict::Fail(_) => (p, f + 1, s),
            Verdict::Skipped(_) => (p, f, s + 1),
        })
}

/// Why an example failed, naming the part: the reference replay, the generated client, or
/// both.
pub fn failure(r: &CaseResult) -> Option<(&'static str, String)> {
    match (&r.verdict, &r.client) {
        (Verdict::Fail(a), Some(Verdict::Fail(b))) => Some((
            "reference replay and generated client failed",
            format!("reference replay:\n{a}\n\ngenerated client:\n{b}"),
        )),
        (Verdict::Fail(a), _) => Some(("reference replay failed", a.clone())),
        (_, Some(Verdict::Fail(b))) => Some(("generated client failed", b.clone())),
        _ => None,
    }
}

/// JUnit XML (quick-junit, which also drops characters XML 1.0 forbids, such as the
/// control bytes a server's message can carry): one test suite per provider, one test case
/// per example, failed when the reference replay or the generated client failed (the message
/// says which).
pub fn junit(results: &[CaseResult]) -> String {
    let mut report = Report::new("conformance");
    let mut suites: Vec<TestSuite> = Vec::new();
    for r in results {
        let status = match r.overall() {
            Verdict::Pass => TestCaseStatus::success(),
            Verdict::Fail(_) => {
                let (message, why) = failure(r).unwrap_or(("failed", String::new()));
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message(message);
                s.set_description(why);
                s
            }
            Verdict::Skipped(why) => {
                let mut s = TestCaseStatus::skipped();
                s.set_message(why.as_str());
                s
            }
        };
        let mut case = TestCase::new(r.example.as_str(), status);
        case.set_classname(format!("{}.{}", r.provider, r.operation));
        match suites.iter_mut().find(|s| s.name.as_str() == r.provider) {
            Some(suite) => {
                suite.add_test_case(case);
            }
            None => {
                let mut suite = TestSuite::new(r.provider.as_str());
                suite.add_test_case(case);
                suites.push(suite);
            }
        }
    }
    report.add_test_suites(suites);
    // Serializing an in-memory report to a string cannot fail for I/O reasons; should the
    // library refuse it anyway, say so in the file rather than panic.
    report
        .to_string()
        .unwrap_or_else(|e| format!("<!-- JUnit report could not be written: {e} -->\n"))
}
