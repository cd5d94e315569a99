//! The value walker and wire decoding on hand-written schemas and values.

use super::*;
use serde_json::json;

fn spec() -> Spec {
    crate::yaml::from_str(
        r#"
provider: { id: t, title: T, description: d, base_url: "https://x", sources: [] }
types:
  Rec:
    description: r
    fields:
      - { name: id, description: i, required: true, schema: { type: long, minimum: 0 } }
      - { name: state, description: s, schema: { type: ref, ref: State } }
      - { name: note, description: n, schema: { type: string, nullable: true, max_length: 3 } }
  State:
    description: s
    values: [ { value: on, description: on }, { value: off, description: off } ]
operations: []
"#,
    )
    .unwrap()
}

fn schema(yaml: &str) -> Schema {
    crate::yaml::from_str(yaml).unwrap()
}

const TYPED: Options = Options {
    repr: Repr::Typed,
    report_unknown_fields: false,
};
const WIRE: Options = Options {
    repr: Repr::Wire,
    report_unknown_fields: false,
};

fn msgs(s: &Schema, v: Value, opts: Options) -> Vec<String> {
    check(s, &v, &spec(), opts)
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn objects_check_required_fields_nested_types_and_enums() {
    let s = schema("{ type: array, items: { type: ref, ref: Rec } }");
    assert!(msgs(&s, json!([{"id": 1, "state": "on", "note": null}]), TYPED).is_empty());
    assert_eq!(
        msgs(
            &s,
            json!([{"state": "dim", "note": "long"}, {"id": -1}]),
            TYPED
        ),
        vec![
            "`[0]`: missing required field `id`",
            "`[0].state`: `dim` is not a value of `State` (one of `on`, `off`)",
            "`[0].note`: length 4 is above max_length 3",
            "`[1].id`: -1 is below minimum 0",
        ]
    );
}

#[test]
fn unknown_fields_only_when_asked() {
    let s = schema("{ type: ref, ref: Rec }");
    assert!(msgs(&s, json!({"id": 1, "extra": 2}), TYPED).is_empty());
    let strict = Options {
        report_unknown_fields: true,
        ..TYPED
    };
    assert_eq!(
        msgs(&s, json!({"id": 1, "extra": 2}), strict),
        vec!["`extra`: field not declared in `Rec`"]
    );
}

#[test]
fn whole_floats_are_integers_as_in_json_schema() {
    let s = schema("{ type: integer, minimum: -200000 }");
    assert!(msgs(&s, json!(-197632.0), TYPED).is_empty());
    assert!(msgs(&s, json!(0.0), WIRE).is_empty());
    assert_eq!(
        msgs(&s, json!(-300000.0), TYPED),
        vec!["-300000.0 is below minimum -200000"]
    );
    assert_eq!(
        msgs(&s, json!(2.5), TYPED),
        vec!["expected an integer, got 2.5"]
    );
    // Still bounded by the kind's range.
    assert_eq!(
        msgs(&s, json!(1e12), TYPED),
        vec!["expected an integer, got 1000000000000.0"]
    );
}

#[test]
fn wire_strings_are_numbers_only_in_wire_repr() {
    let s = schema("{ type: integer, wire: string, maximum: 200 }");
    assert!(msgs(&s, json!("126"), WIRE).is_empty());
    assert!(msgs(&s, json!(126), WIRE).is_empty());
    assert_eq!(
        msgs(&s, json!("300"), WIRE),
        vec!["300 is below maximum 200".replace("below maximum", "above maximum")]
    );
    assert_eq!(
        msgs(&s, json!("126"), TYPED),
        vec!["expected an integer, got a string `\"126\"`"]
    );
    assert_eq!(
        msgs(&s, json!(1.5), TYPED),
        vec!["expected an integer, got 1.5"]
    );
}

#[test]
fn csv_arrays_and_one_of_with_literal() {
    let s = schema(
        r#"{ type: one_of, variants: [
                 { name: all, description: a, literal: 0 },
                 { name: ids, description: i, schema: { type: array, wire: csv, items: { type: integer, minimum: 1 } } } ] }"#,
    );
    assert!(msgs(&s, json!(0), TYPED).is_empty());
    assert!(msgs(&s, json!("0"), WIRE).is_empty());
    assert!(msgs(&s, json!([1, 2]), TYPED).is_empty());
    assert!(msgs(&s, json!("1,2"), WIRE).is_empty());
    let bad = msgs(&s, json!("x"), WIRE);
    assert_eq!(bad.len(), 1);
    assert!(
        bad[0].starts_with("matches none of the variants"),
        "{bad:?}"
    );
    assert_eq!(decode_wire(&s, "0", &spec()), Ok(json!(0)));
    assert_eq!(decode_wire(&s, "3,4", &spec()), Ok(json!([3, 4])));
    assert!(decode_wire(&s, "a", &spec()).is_err());
}

#[test]
fn dates_and_times_are_on_the_calendar() {
    let cases: &[(&str, &[&str], &[&str])] = &[
        (
            "date",
            &["2024-02-29", "2000-02-29", "2023-12-31", "2023-04-30"],
            &[
                "2024-02-30",
                "2023-02-29",
                "1900-02-29",
                "2023-04-31",
                "2023-13-01",
            ],
        ),
        (
            "yyyyMMddHHmmss",
            &["20240229235959", "20170718235959", "20000229000000"],
            &[
                "20170230000000",
                "20230229120000",
                "21000229000000",
                "20230431000000",
            ],
        ),
        (
            "date-time",
            &[
                "2024-02-29T23:59:59Z",
                "2019-05-10T08:31:16.166Z",
                "2016-12-31T23:59:60Z",
                "2024-01-01T00:00:00+08:00",
                "2024-01-01T00:00:00-0530",
            ],
            &[
                "2024-02-30T00:00:00Z",
                "2023-02-29T00:00:00Z",
                "2024-00-10T00:00:00Z",
                "2024-01-01T24:00:00Z",
                "2024-01-01T00:60:00Z",
                "2024-01-01T00:00:61Z",
                "2024-01-01T00:00:00+24:00",
                "2024-01-01T00:00:00+08:60",
            ],
        ),
        ("HH:MM", &["00:00", "23:59"], &["24:00", "12:60"]),
    ];
    for (format, good, bad) in cases {
        let s = schema(&format!(r#"{{ type: string, format: "{format}" }}"#));
        for v in *good {
            assert!(msgs(&s, json!(v), TYPED).is_empty(), "{format}: {v}");
        }
        for v in *bad {
            assert_eq!(
                msgs(&s, json!(v), TYPED),
                vec![format!("`{v}` is not in format `{format}`")],
                "{format}"
            );
        }
    }
}

/// A format's pattern alone refuses whatever the calendar check refuses (and, for
/// dates, admits every real one), so consumers that read only the pattern (the OpenAPI
/// export, and through it Schemathesis) agree with the mock.
#[test]
fn format_patterns_agree_with_the_calendar() {
    let pattern = |f: Format, v: &str| matches_regex(f.pattern(), v).expect("compiles");
    for year in [0, 1900, 1996, 2000, 2023, 2024, 2100, 2400] {
        for month in 0..=13 {
            for day in 0..=32 {
                let date = format!("{year:04}-{month:02}-{day:02}");
                let values = [
                    (Format::Date, date.clone()),
                    (Format::DateTime, format!("{date}T12:00:00Z")),
                    (
                        Format::CompactTimestamp,
                        format!("{year:04}{month:02}{day:02}120000"),
                    ),
                ];
                for (f, v) in values {
                    assert_eq!(pattern(f, &v), on_the_calendar(f, &v), "{v}");
                }
            }
        }
    }
    for h in 0..=24 {
        for m in [0, 59, 60] {
            for sec in [0, 59, 60, 61] {
                let values = [
                    (
                        Format::CompactTimestamp,
                        format!("20240229{h:02}{m:02}{sec:02}"),
                    ),
                    (
                        Format::DateTime,
                        format!("2024-02-29T{h:02}:{m:02}:{sec:02}+{h:02}:{m:02}"),
                    ),
                ];
                for (f, v) in values {
                    assert!(!pattern(f, &v) || on_the_calendar(f, &v), "{v}");
                }
            }
        }
    }
}

#[test]
fn string_rules() {
    let s = schema(r#"{ type: string, format: "HH:MM", forbidden_chars: "/;" }"#);
    assert!(msgs(&s, json!("02:01"), TYPED).is_empty());
    assert_eq!(
        msgs(&s, json!("25:00"), TYPED),
        vec!["`25:00` is not in format `HH:MM`"]
    );
    assert_eq!(
        msgs(&s, json!("0/:01"), TYPED),
        vec![
            "`0/:01` contains forbidden character `/`",
            "`0/:01` is not in format `HH:MM`"
        ]
    );
    let p = schema(r#"{ type: string, pattern: "[a-z]+", min_length: 2 }"#);
    assert!(msgs(&p, json!("ab"), TYPED).is_empty());
    assert_eq!(
        msgs(&p, json!("a1"), TYPED),
        vec!["`a1` does not match pattern `[a-z]+`"]
    );
    let len = schema("{ type: string, min_length: 2 }");
    assert_eq!(
        msgs(&len, json!("é"), TYPED),
        vec!["length 1 is below min_length 2"]
    );
}

#[test]
fn null_needs_nullable() {
    let s = schema("{ type: string }");
    assert_eq!(
        msgs(&s, Value::Null, TYPED),
        vec!["null is not allowed here (schema is not nullable)"]
    );
    assert!(msgs(
        &schema("{ type: string, nullable: true }"),
        Value::Null,
        TYPED
    )
    .is_empty());
}

#[test]
fn decode_wire_scalars() {
    let sp = spec();
    assert_eq!(
        decode_wire(&schema("{ type: long }"), "126", &sp),
        Ok(json!(126))
    );
    assert_eq!(
        decode_wire(&schema("{ type: boolean }"), "true", &sp),
        Ok(json!(true))
    );
    assert_eq!(
        decode_wire(&schema("{ type: string }"), "x", &sp),
        Ok(json!("x"))
    );
    let int = schema("{ type: integer }");
    for bad in [
        "x",
        "",
        "-",
        "+5",
        " 5",
        "5 ",
        "5.0",
        "99999999999999999999",
    ] {
        assert!(decode_wire(&int, bad, &sp).is_err(), "{bad:?}");
    }
    assert_eq!(decode_wire(&int, "-007", &sp), Ok(json!(-7)));
    let arr = schema("{ type: array, items: { type: integer } }");
    assert_eq!(decode_wire(&arr, "", &sp), Ok(json!([])));
    assert_eq!(
        decode_wire(&schema("{ type: ref, ref: State }"), "on", &sp),
        Ok(json!("on"))
    );
}
