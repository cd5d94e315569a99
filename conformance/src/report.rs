//! The end-of-run report: a provider x operation x example table, and JUnit XML for CI.

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::replay::{CaseResult, Verdict};

/// Plain-text table, one row per example, then a totals line.
pub fn table(results: &[CaseResult]) -> String {
    let rows: Vec<[String; 4]> = results
        .iter()
        .map(|r| {
            let verdict = match &r.verdict {
                Verdict::Pass => "pass".to_string(),
                Verdict::Fail(_) => "FAIL".to_string(),
                Verdict::Skipped(why) => format!("skipped ({why})"),
            };
            let example = match &r.snapshot.erratum {
                Some(e) => format!("{} [erratum {e}]", r.example),
                None => r.example.clone(),
            };
            [r.provider.clone(), r.operation.clone(), example, verdict]
        })
        .collect();
    let head = ["provider", "operation", "example", "result"];
    let mut width = head.map(str::len);
    for row in &rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.len());
        }
    }
    let line = |cells: [&str; 4]| -> String {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 3 {
                s.push_str(c);
            } else {
                s.push_str(&format!("{c:<w$}  ", w = width[i]));
            }
        }
        s.push('\n');
        s
    };
    let mut out = line(head);
    out.push_str(&line(
        width.map(|w| "-".repeat(w)).each_ref().map(String::as_str),
    ));
    for row in &rows {
        out.push_str(&line(row.each_ref().map(String::as_str)));
    }
    let (pass, fail, skip) = counts(results);
    out.push_str(&format!("\n{pass} passed, {fail} failed, {skip} skipped\n"));
    out
}

/// (passed, failed, skipped)
pub fn counts(results: &[CaseResult]) -> (usize, usize, usize) {
    results
        .iter()
        .fold((0, 0, 0), |(p, f, s), r| match r.verdict {
            Verdict::Pass => (p + 1, f, s),
            Verdict::Fail(_) => (p, f + 1, s),
            Verdict::Skipped(_) => (p, f, s + 1),
        })
}

/// JUnit XML (quick-junit, which also drops characters XML 1.0 forbids, such as the
/// control bytes a server's message can carry): one test suite per provider, one test case
/// per example.
pub fn junit(results: &[CaseResult]) -> String {
    let mut report = Report::new("conformance");
    let mut suites: Vec<TestSuite> = Vec::new();
    for r in results {
        let status = match &r.verdict {
            Verdict::Pass => TestCaseStatus::success(),
            Verdict::Fail(why) => {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_message("mismatch");
                s.set_description(why.as_str());
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
