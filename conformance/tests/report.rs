//! The end-of-run report for a fixed, constructed set of outcomes: the table, the JUnit XML
//! and the failure texts, pinned as snapshots (`tests/snapshots/it__report__*.snap`).

use conformance::report;
use conformance::results::{CaseResult, Snapshot, Verdict};

fn case(provider: &str, example: &str, verdict: Verdict) -> CaseResult {
    CaseResult {
        provider: provider.into(),
        operation: "op".into(),
        example: example.into(),
        verdict,
        client: None,
        snapshot: Snapshot {
            provider: provider.into(),
            operation: "op".into(),
            example: example.into(),
            erratum: None,
            request: None,
            wire: None,
            outcome: serde_json::Value::Null,
        },
    }
}

fn with_client(mut r: CaseResult, client: Verdict) -> CaseResult {
    r.client = Some(client);
    r
}

/// One of each: both parts pass, either part fails, both fail, skipped, an erratum, and a
/// second provider (a second JUnit suite).
fn outcomes() -> Vec<CaseResult> {
    let reference_bad = Verdict::Fail(
        "query `limit`: sent \"5\", documented \"10\"\nreproduce: curl --request GET --url 'http://127.0.0.1:1/~p/v1/items?limit=10' --header 'X-Token: '\"$P_TOKEN\""
            .into(),
    );
    let mut erratum = with_client(case("p", "corrected", Verdict::Pass), Verdict::Pass);
    erratum.snapshot.erratum = Some("e1".into());
    vec![
        with_client(case("p", "ok", Verdict::Pass), Verdict::Pass),
        with_client(
            case("p", "client_bad", Verdict::Pass),
            Verdict::Fail("left != right".into()),
        ),
        with_client(
            case("p", "reference_bad", reference_bad.clone()),
            Verdict::Pass,
        ),
        with_client(
            case("p", "both_bad", reference_bad),
            Verdict::Fail("status 404, expected 200".into()),
        ),
        with_client(
            case("p", "skipped", Verdict::Skipped("no request".into())),
            Verdict::Skipped("ignored".into()),
        ),
        erratum,
        case("q", "unclient", Verdict::Pass),
    ]
}

/// With the generated clients' results the table has a `client` column, an example fails when
/// either part fails, and the JUnit message names the part.
#[test]
fn table_junit_and_failures_for_every_kind_of_outcome() {
    let results = outcomes();
    insta::assert_snapshot!("table", report::table(&results));
    insta::assert_snapshot!("junit", report::junit(&results));
    let failures: Vec<(String, Option<(&str, String)>)> = results
        .iter()
        .map(|r| (r.example.clone(), report::failure(r)))
        .collect();
    insta::assert_yaml_snapshot!("failures", failures);
    assert_eq!(report::counts(&results), (3, 3, 1));
}

/// Live results carry no client part: no `client` column.
#[test]
fn without_client_results_there_is_no_client_column() {
    let results = [
        case("p", "ok", Verdict::Pass),
        case("p", "drifted", Verdict::Fail("status 500".into())),
    ];
    insta::assert_snapshot!(report::table(&results), @r"
    provider  operation  example  reference
    --------  ---------  -------  ---------
    p         op         ok       pass
    p         op         drifted  FAIL

    1 passed, 1 failed, 0 skipped
    ");
}

#[test]
fn control_bytes_and_markup_in_messages_stay_valid_xml() {
    let results = [
        case("p", "ok", Verdict::Pass),
        case(
            "p",
            "bad",
            Verdict::Fail("server said \u{1b}[31m<b>\"x\" & y</b>\u{0}".into()),
        ),
        case("p", "later", Verdict::Skipped("no request".into())),
    ];
    let xml = report::junit(&results);
    // Invisible in a snapshot review, so stated.
    assert!(
        !xml.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r'),
        "{xml:?}"
    );
    insta::assert_snapshot!("junit_escaped", xml);
}
