//! The model's naming rules on small specs built here: Rust identifiers for wire names
//! (keywords, digits, punctuation), unique names where several wire names meet, and the names
//! of the types synthesised for inline unions.
//!
//! Where a name must be valid Rust, `syn` (not the model's own keyword list) is the judge.

use codegen::model::{ident, type_name, RustProvider, Ty, TypeBody, TypeModel};
use spec::format::Spec;

/// Every strict, reserved and weak keyword of the Rust reference (2021 and 2024 editions),
/// written out here rather than taken from the code under test.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut",
    "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "try",
    "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield",
];

/// `ident` output works where generated code puts it: as a struct field, a binding and a
/// method name.
fn assert_usable_ident(name: &str) {
    let id = ident(name);
    let item = format!(
        "struct S {{ {id}: u8 }} impl S {{ fn {id}(&self) -> u8 {{ let {id} = self.{id}; {id} }} }}"
    );
    if let Err(e) = syn::parse_file(&item) {
        panic!("ident({name:?}) = {id:?} is not usable: {e}\n{item}");
    }
}

/// `type_name` output works as a type and as an enum variant.
fn assert_usable_type_name(name: &str) {
    let ty = type_name(name);
    let item = format!("struct {ty}; enum E {{ {ty} }} type T = {ty};");
    if let Err(e) = syn::parse_file(&item) {
        panic!("type_name({name:?}) = {ty:?} is not usable: {e}\n{item}");
    }
}

#[test]
fn keywords_become_usable_identifiers() {
    for k in KEYWORDS {
        assert_usable_ident(k);
        assert_usable_type_name(k);
        // Still recognisably the wire name, not a made-up one.
        let id = ident(k);
        assert!(
            id.trim_start_matches("r#").trim_end_matches('_') == k.to_lowercase(),
            "{k} -> {id}"
        );
    }
}

#[test]
fn identifiers_for_awkward_wire_names() {
    // Raw identifiers where Rust allows them; a suffix where it does not (`r#self` is invalid).
    assert_eq!(ident("type"), "r#type");
    assert_eq!(ident("match"), "r#match");
    assert_eq!(ident("self"), "self_");
    assert_eq!(ident("crate"), "crate_");
    assert_eq!(ident("super"), "super_");
    // Case and punctuation fold into snake_case.
    assert_eq!(ident("X-Auth-Token"), "x_auth_token");
    assert_eq!(ident("access-token"), "access_token");
    assert_eq!(ident("rotationDays"), "rotation_days");
    // A leading digit and an empty result are made valid.
    assert_eq!(ident("2fa"), "n_2fa");
    assert_eq!(ident("$"), "value");
    for name in [
        "2fa",
        "$",
        "$object",
        "a.b",
        "ünïcode",
        "X-Auth-Token",
        "__",
    ] {
        assert_usable_ident(name);
    }
}

#[test]
fn type_names_for_awkward_names() {
    assert_eq!(type_name("list_records"), "ListRecords");
    assert_eq!(type_name("Self"), "SelfValue");
    assert_eq!(type_name("self"), "SelfValue");
    assert_eq!(type_name("2fa"), "V2fa");
    assert_eq!(type_name(""), "V");
    for name in ["2fa", "", "$", "Self", "in progress", "ok-200"] {
        assert_usable_type_name(name);
    }
}

/// A provider built from YAML, without validation: the model on its own.
fn spec(yaml: &str) -> Spec {
    spec::yaml::from_str(yaml).unwrap_or_else(|e| panic!("test spec: {e:?}"))
}

const HEAD: &str = r#"
provider:
  id: demo
  title: Demo
  description: A provider made up for the model tests.
  base_url: https://example.invalid
  sources: [{ file: page.txt, sha256: "00", language: en, title: Page }]
"#;

fn build(body: &str) -> (Spec, String) {
    (spec(&format!("{HEAD}{body}")), "specs/demo.yaml".into())
}

fn find<'m>(types: &'m [TypeModel<'_>], name: &str) -> &'m TypeModel<'m> {
    types.iter().find(|t| t.name == name).unwrap_or_else(|| {
        let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
        panic!("no type `{name}` among {names:?}")
    })
}

fn field_idents(t: &TypeModel) -> Vec<String> {
    match &t.body {
        TypeBody::Object(fields) => fields.iter().map(|f| f.ident.clone()).collect(),
        other => panic!("{} is not an object: {other:?}", t.name),
    }
}

fn assert_unique(names: &[String]) {
    let mut seen = std::collections::BTreeSet::new();
    for n in names {
        assert!(seen.insert(n), "`{n}` is used twice in {names:?}");
    }
}

/// Wire names that fold to one identifier get suffixes, and a suffix never lands on a name
/// that is already there (`x`, `x3`, `X` must not give two fields called `x3`).
#[test]
fn colliding_field_names_are_made_unique() {
    let (s, src) = build(
        r#"
types:
  Thing:
    description: Fields whose names collide once in snake_case.
    fields:
      - { name: x, description: a, schema: { type: string } }
      - { name: x3, description: b, schema: { type: string } }
      - { name: X, description: c, schema: { type: string } }
      - { name: type, description: d, schema: { type: string } }
      - { name: Type, description: e, schema: { type: string } }
operations: []
"#,
    );
    let m = RustProvider::build(&s, src).expect("model");
    let idents = field_idents(find(&m.types, "Thing"));
    assert_unique(&idents);
    assert_eq!(idents[0], "x");
    assert_eq!(idents[1], "x3");
    assert_eq!(idents[3], "r#type");
    // The repeat takes the next free suffix, not `x3` a second time.
    assert_eq!(idents[2], "x4");
    assert_eq!(idents[4], "type5");
    for id in &idents {
        let item = format!("struct S {{ {id}: u8 }}");
        syn::parse_file(&item).unwrap_or_else(|e| panic!("{id}: {e}"));
    }
}

/// Enum wire values that are not words still give distinct variants, and `Unknown` is kept
/// free for the catch-all the renderer adds.
#[test]
fn enum_variants_are_unique_and_leave_unknown_free() {
    let (s, src) = build(
        r#"
types:
  State:
    description: States.
    values:
      - { value: in-progress, description: a }
      - { value: in_progress, description: b }
      - { value: unknown, description: c }
operations: []
"#,
    );
    let m = RustProvider::build(&s, src).expect("model");
    let TypeBody::Enum(variants) = &find(&m.types, "State").body else {
        panic!("State is not an enum");
    };
    let names: Vec<String> = variants.iter().map(|v| v.0.clone()).collect();
    assert_eq!(names, ["InProgress", "InProgress2", "UnknownValue"]);
    let wire: Vec<&str> = variants.iter().map(|v| v.1).collect();
    assert_eq!(wire, ["in-progress", "in_progress", "unknown"]);
}

/// An operation's request and error types do not take the name of a declared type: the
/// declared one keeps its name and the synthesised one gets the next free suffix.
#[test]
fn synthesised_names_avoid_declared_types() {
    let (s, src) = build(
        r#"
types:
  FetchRequest:
    description: A declared type whose name the operation would otherwise take.
    fields:
      - { name: a, description: a, schema: { type: string } }
  FetchRequest2:
    description: And the first fallback too.
    fields:
      - { name: b, description: b, schema: { type: string } }
operations:
  - id: fetch
    summary: Fetch.
    source: page.txt
    effect: read
    method: GET
    path: /fetch
    request: { parameters: [] }
    response: { status: 200, schema: { type: ref, ref: FetchRequest } }
"#,
    );
    let m = RustProvider::build(&s, src).expect("model");
    let op = &m.operations[0];
    assert_eq!(op.request, "FetchRequest3");
    assert_eq!(op.error, "FetchError");
    assert_eq!(op.method, "fetch");
    assert_eq!(op.response, Ty::Named("FetchRequest".into()));
}

/// Inline unions become named types: `{Operation}{Parameter}`, nested alternatives
/// `{Union}{Variant}`, the response `{Operation}Response`, and a clash with a declared type
/// moves the union, not the declared type.
#[test]
fn inline_unions_are_named_after_where_they_occur() {
    let (s, src) = build(
        r#"
types:
  DeleteThingsIds:
    description: Declared first, so the union of the `ids` parameter must step aside.
    fields:
      - { name: a, description: a, schema: { type: string } }
operations:
  - id: delete_things
    summary: Delete.
    source: page.txt
    effect: delete
    method: POST
    path: /delete
    request:
      body: json
      parameters:
        - name: ids
          in: body
          description: Ids, or everything.
          required: true
          schema:
            type: one_of
            variants:
              - name: list
                description: These ids.
                schema: { type: array, items: { type: integer } }
              - name: all
                description: Everything.
                literal: 0
        - name: mode
          in: body
          description: Nested alternatives.
          schema:
            type: one_of
            nullable: true
            variants:
              - name: simple
                description: A word.
                schema: { type: string }
              - name: detailed
                description: Another choice.
                schema:
                  type: one_of
                  variants:
                    - { name: num, description: n, schema: { type: integer } }
                    - { name: flag, description: f, schema: { type: boolean } }
    response:
      status: 200
      schema:
        type: one_of
        variants:
          - { name: count, description: c, schema: { type: long } }
          - { name: nothing, description: n, literal: -1 }
"#,
    );
    let m = RustProvider::build(&s, src).expect("model");
    let op = &m.operations[0];
    let ty_of = |wire: &str| {
        op.params
            .iter()
            .find(|p| p.wire == wire)
            .map(|p| p.ty.clone())
            .unwrap_or_else(|| panic!("no parameter {wire}"))
    };
    assert_eq!(ty_of("ids"), Ty::Named("DeleteThingsIds2".into()));
    assert_eq!(
        ty_of("mode"),
        Ty::Nullable(Box::new(Ty::Named("DeleteThingsMode".into())))
    );
    assert_eq!(op.response, Ty::Named("DeleteThingsResponse".into()));

    // The declared type is untouched.
    assert!(matches!(
        find(&m.types, "DeleteThingsIds").body,
        TypeBody::Object(_)
    ));
    let union = |name: &str| match &find(&m.types, name).body {
        TypeBody::Union(v) => v,
        other => panic!("{name} is not a union: {other:?}"),
    };
    let ids = union("DeleteThingsIds2");
    assert_eq!(ids.len(), 2);
    assert_eq!(ids[0].name, "List");
    assert_eq!(ids[0].ty, Some(Ty::Vec(Box::new(Ty::I32))));
    assert_eq!(ids[1].name, "All");
    assert_eq!(ids[1].ty, None);
    assert_eq!(ids[1].literal.as_deref(), Some("0"));

    let mode = union("DeleteThingsMode");
    assert_eq!(
        mode[1].ty,
        Some(Ty::Named("DeleteThingsModeDetailed".into()))
    );
    let nested = union("DeleteThingsModeDetailed");
    let names: Vec<&str> = nested.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, ["Num", "Flag"]);

    let resp = union("DeleteThingsResponse");
    assert_eq!(resp[0].ty, Some(Ty::I64));
    assert_eq!(resp[1].literal.as_deref(), Some("-1"));

    // Every type name of the provider is distinct.
    let all: Vec<String> = m.types.iter().map(|t| t.name.clone()).collect();
    assert_unique(&all);
}

/// Parameters marked secret are typed as secrets, so Debug and logs redact them.
#[test]
fn secret_parameters_get_the_secret_type() {
    let (s, src) = build(
        r#"
operations:
  - id: login
    summary: Log in.
    source: page.txt
    effect: read
    method: POST
    path: /login
    request:
      body: urlencoded
      parameters:
        - { name: password, in: body, description: p, required: true, role: secret, schema: { type: string } }
        - { name: user, in: body, description: u, required: true, schema: { type: string } }
    response: { status: 200, schema: { type: unit } }
"#,
    );
    let m = RustProvider::build(&s, src).expect("model");
    let tys: Vec<(&str, &Ty)> = m.operations[0]
        .params
        .iter()
        .map(|p| (p.wire, &p.ty))
        .collect();
    assert_eq!(tys, [("password", &Ty::Secret), ("user", &Ty::String)]);
}
