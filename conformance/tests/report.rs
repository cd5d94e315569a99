//! The JUnit report: valid XML whatever a server's message holds.

use conformance::replay::{CaseResult, Snapshot, Verdict};
use conformance::report;

fn case(example: &str, verdict: Verdict) -> CaseResult {
    CaseResult {
        provider: "p".into(),
        operation: "op".into(),
        example: example.into(),
        verdict,
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
