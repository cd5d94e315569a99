//! The JUnit report: valid XML whatever a server's message holds.

use conformance::report;
use conformance::results::{CaseResult, Snapshot, Verdict};

fn case(example: &str, verdict: Verdict) -> CaseResult {
    CaseResult {
        provider: "p".into(),
        operation: "op".into(),
        example: example.into(),
        verdict,
        client: None,
        snapshot: Snapshot {
            provider: "p".into(),
            operation: "op".into(),
            example: example.into(),
            erratum: None,
            request: None,
            wire: None,
            outcome: serde_json::Value::Null,
        },
    }
}

#[test]
fn control_bytes_and_markup_in_messages_stay_valid_xml() {
    let results = [
        case("ok", Verdict::Pass),
        case(
            "bad",
            Verdict::Fail("server said \u{1b}[31m<b>\"x\" & y</b>\u{0}".into()),
        ),
        case("later", Verdict::Skipped("no request".into())),
    ];
    let xml = report::junit(&results);
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r'),
        "{xml:?}"
    );
    assert!(!xml.contains("<b>"), "{xml}");
    assert!(xml.contains("&lt;b&gt;"), "{xml}");
    assert!(
        xml.contains(r#"tests="3""#) && xml.contains(r#"failures="1""#),
        "{xml}"
    );
    assert!(xml.contains(r#"skipped="1""#), "{xml}");
    assert!(xml.contains(r#"classname="p.op""#), "{xml}");
}

/// With the generated clients' results the table has a `client` column, an example fails when
/// either part fails, and the JUnit message names the part.
#[test]
fn the_client_column_and_the_failing_part() {
    let mut ok = case("ok", Verdict::Pass);
    ok.client = Some(Verdict::Pass);
    let mut client_bad = case("client_bad", Verdict::Pass);
    client_bad.client = Some(Verdict::Fail("left != right".into()));
    let mut skipped = case("skipped", Verdict::Skipped("no request".into()));
    skipped.client = Some(Verdict::Skipped("ignored".into()));
    let results = [ok, client_bad, skipped];

    let table = report::table(&results);
    let header = table.lines().next().expect("a header");
    assert!(
        header.contains("reference") && header.ends_with("client"),
        "{table}"
    );
    let row = table
        .lines()
        .find(|l| l.contains("client_bad"))
        .expect("a row");
    assert!(row.contains("pass") && row.ends_with("FAIL"), "{table}");
    assert!(table.contains("1 passed, 1 failed, 1 skipped"), "{table}");
    assert_eq!(report::counts(&results), (1, 1, 1));

    let xml = report::junit(&results);
    assert!(xml.contains("generated client failed"), "{xml}");
    assert!(xml.contains("left != right"), "{xml}");
    assert!(xml.contains(r#"failures="1""#), "{xml}");
}

/// Live results carry no client part: no `client` column.
#[test]
fn without_client_results_there_is_no_client_column() {
    let table = report::table(&[case("ok", Verdict::Pass)]);
    assert!(
        !table.lines().next().unwrap_or_default().contains("client"),
        "{table}"
    );
}
