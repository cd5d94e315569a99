//! XML-as-JSON decoding benchmark (a bench binary, not a timed test): a 1,000-element list
//! answer in BILLmanager's mapping decoded into typed rows by the streaming adapter
//! (`runtime::xmljson`) and by the tree path it replaced (parse to a `Value`,
//! `unwrap_xml_json`, `from_value`), with plain JSON of the same rows as the floor; times as
//! ratios against the tree path of the same run.
//!
//! Run with `cargo bench -p runtime --features oracle --bench xmljson` (the tree form is
//! built only with that feature).

use std::hint::black_box;
use std::time::{Duration, Instant};

use runtime::envelope::unwrap_xml_json;
use runtime::{XmlErrorFields, XmlJson};
use serde_json::{json, Value};

const XML: XmlJson<'static> = XmlJson {
    root: "doc",
    list: "elem",
    error: "error",
    text_key: "$",
    attribute_prefix: "$",
    error_fields: XmlErrorFields {
        kind: "type",
        object: Some("object"),
        message: "msg",
    },
};

/// The row a generated client decodes (numbers travel as strings).
#[derive(Debug, PartialEq, serde::Deserialize)]
#[allow(dead_code)]
struct Schedule {
    #[serde(with = "runtime::wire::string")]
    id: i64,
    #[serde(with = "runtime::wire::string")]
    instance_id: i64,
    name: String,
    rotation_days: Option<String>,
    rotation_time: Option<String>,
    create_date: Option<String>,
    servername: Option<String>,
}

/// Best of `runs` after a warm-up: CPU time of this thread when the platform reports it
/// (the machine is shared, so it is the steadier figure), else wall time.
fn time(runs: usize, f: impl Fn() -> usize) -> Duration {
    let mut best = Duration::MAX;
    black_box(f());
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu());
        black_box(f());
        let spent = match cpu().checked_sub(c) {
            Some(d) if !d.is_zero() => d,
            _ => t.elapsed(),
        };
        best = best.min(spent);
    }
    best
}

fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map_or(Duration::ZERO, Duration::from_nanos)
}

fn main() {
    let n = 1000;
    let text = |s: String| json!({"$": s});
    let rows: Vec<Value> = (0..n)
        .map(|i| {
            json!({
                "$lang": "en",
                "id": text(i.to_string()),
                "instance_id": text((5_203_773 + i).to_string()),
                "name": text(format!("schedule number {i}")),
                "rotation_days": text("Monday Tuesday Wednesday Thursday Friday ".into()),
                "rotation_time": text("02:01".into()),
                "create_date": text("2024-07-24".into()),
                "servername": text(format!("server-{i}")),
            })
        })
        .collect();
    let body =
        serde_json::to_vec(&json!({"doc": {"$lang": "en", "elem": rows}})).expect("serializes");
    let tree = || -> Vec<Schedule> {
        let v: Value = serde_json::from_slice(&body).expect("JSON");
        let payload = unwrap_xml_json(v, &XML, true).expect("a success");
        serde_json::from_value(payload).expect("rows")
    };
    let streamed =
        || -> Vec<Schedule> { runtime::xmljson::from_slice(&body, &XML, true).expect("rows") };
    assert_eq!(tree(), streamed(), "both paths decode the same rows");
    let flat = serde_json::to_vec(
        &unwrap_xml_json(serde_json::from_slice(&body).expect("JSON"), &XML, true)
            .expect("a success"),
    )
    .expect("serializes");
    let plain = || -> Vec<Schedule> { serde_json::from_slice(&flat).expect("rows") };

    let runs = 40;
    let base = time(runs, || tree().len());
    let new = time(runs, || streamed().len());
    let floor = time(runs, || plain().len());
    let ratio = |d: Duration| d.as_secs_f64() / base.as_secs_f64();
    println!(
        "{n}-element XML-as-JSON list, {} KiB (best of {runs}, CPU time):",
        body.len() / 1024
    );
    println!("  tree path (Value, unwrap_xml_json, from_value)  {base:>10.2?}  x1.00");
    println!(
        "  streaming adapter (runtime::xmljson)            {new:>10.2?}  x{:.2}",
        ratio(new)
    );
    println!(
        "  plain JSON of the flattened rows (floor)        {floor:>10.2?}  x{:.2}",
        ratio(floor)
    );
}
