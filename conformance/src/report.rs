//! The end-of-run report: a provider x operation x example table, and JUnit XML for CI.

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

/// JUnit XML: one test suite per provider, one test case per example.
pub fn junit(results: &[CaseResult]) -> String {
    let mut providers: Vec<&str> = results.iter().map(|r| r.provider.as_str()).collect();
    providers.dedup();
    let (_, fail, skip) = counts(results);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"conformance\" tests=\"{}\" failures=\"{fail}\" skipped=\"{skip}\">\n",
        results.len()
    );
    for p in providers {
        let mine: Vec<&CaseResult> = results.iter().filter(|r| r.provider == p).collect();
        let owned: Vec<CaseResult> = mine.iter().map(|r| (*r).clone()).collect();
        let (_, f, s) = counts(&owned);
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{f}\" skipped=\"{s}\">\n",
            xml(p),
            mine.len()
        ));
        for r in mine {
            out.push_str(&format!(
                "    <testcase classname=\"{}.{}\" name=\"{}\"",
                xml(&r.provider),
                xml(&r.operation),
                xml(&r.example)
            ));
            match &r.verdict {
                Verdict::Pass => out.push_str("/>\n"),
                Verdict::Fail(why) => out.push_str(&format!(
                    ">\n      <failure message=\"mismatch\">{}</failure>\n    </testcase>\n",
                    xml(why)
                )),
                Verdict::Skipped(why) => out.push_str(&format!(
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>\n",
                    xml(why)
                )),
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
