//! `cargo xtask draft`: a made-up page drafts to a spec `validate` accepts (its citations
//! held against the page with `--pages`); a planted change
//! of the page shows in `--against`; bad input is refused with exit code 2; every revision
//! of the vendor docs trees in `../shared/corpus` (when present) drafts into a spec whose
//! citations all hold against the tree.

use std::path::Path;

use crate::common::{describe, root, xtask};

/// `validate --pages PAGES SPEC` in a workspace of its own (no specs, no seed directory).
fn validate_pages(dir: &Path, pages: &Path, spec: &str) -> std::process::Output {
    let ws = dir.join("ws");
    std::fs::create_dir_all(&ws).expect("mkdir");
    std::fs::write(ws.join("Cargo.toml"), "[workspace]\n").expect("write");
    let ws = ws.to_string_lossy().to_string();
    let pages = pages.to_string_lossy().to_string();
    xtask(
        dir,
        &["validate", "--workspace", &ws, "--pages", &pages, spec],
    )
}

/// A small page in the shapes vendor pages use (made up, no vendor text).
const PAGE: &str = "Widget listing
Request
GET https://{widget_host}/v2/{tenant}/widgets?page={page}
| Parameter | Type | Mandatory | Description |
|---|---|---|---|
| tenant | String | Yes | Tenant. |
| page | Integer | No | Page number. |
Example response
{
\"widgets\": [{\"name\": \"w1\", \"size\": 3, \"note\": null}],
\"total\": 1
}
";

#[test]
fn drafts_validate_and_against_shows_a_planted_change() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = dir.path().join("widgets.txt");
    std::fs::write(&page, PAGE).expect("write page");
    let spec = dir.path().join("widgets.yaml");
    let out = xtask(
        dir.path(),
        &[
            "draft",
            "widgets.txt",
            "--provider",
            "widgets",
            "--out",
            "widgets.yaml",
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let text = std::fs::read_to_string(&spec).expect("draft written");
    assert!(text.contains("TODO(draft)"), "{text}");
    // Validated alone: a workspace without specs, whose seed directory does not hold the
    // made-up page.
    let ws = dir.path().join("ws");
    std::fs::create_dir_all(&ws).expect("mkdir");
    std::fs::write(ws.join("Cargo.toml"), "[workspace]\n").expect("write");
    let ws = ws.to_string_lossy().to_string();
    let out = xtask(
        dir.path(),
        &["validate", "--workspace", &ws, "widgets.yaml"],
    );
    assert!(out.status.success(), "{}\n{text}", describe(&out));
    // Every fact cites the page lines it was read from, and they hold against the page.
    let pages = dir.path().to_string_lossy().to_string();
    let out = xtask(
        dir.path(),
        &[
            "validate",
            "--workspace",
            &ws,
            "--pages",
            &pages,
            "widgets.yaml",
        ],
    );
    assert!(out.status.success(), "{}\n{text}", describe(&out));
    assert!(
        text.contains("cite: 3\n"),
        "the address line is cited: {text}"
    );

    // The unchanged page has no differences from its own draft.
    let out = xtask(
        dir.path(),
        &["draft", "widgets.txt", "--against", "widgets.yaml"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));

    // The page changes: `page` becomes a string and a new query parameter appears.
    let changed = PAGE
        .replace("page={page}", "page={page}&sort={sort}")
        .replace("| page | Integer |", "| page | String |");
    std::fs::write(&page, changed).expect("write page");
    let out = xtask(
        dir.path(),
        &["draft", "widgets.txt", "--against", "widgets.yaml"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("parameter `page` (query): type string on the page, integer in the spec"),
        "{stdout}"
    );
    assert!(
        stdout.contains("parameter `sort` (query, string) is new on the page"),
        "{stdout}"
    );

    // The address moves: one change, not an operation gone and another new.
    std::fs::write(&page, PAGE.replace("/v2/", "/v3/")).expect("write page");
    let out = xtask(
        dir.path(),
        &["draft", "widgets.txt", "--against", "widgets.yaml"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("moved to GET /v3/{tenant}/widgets"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("not found on the page") && !stdout.contains("not in the spec"),
        "{stdout}"
    );

    // An existing --out is kept unless --force.
    let out = xtask(
        dir.path(),
        &["draft", "widgets.txt", "--out", "widgets.yaml"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--force"),
        "{}",
        describe(&out)
    );
    let out = xtask(
        dir.path(),
        &["draft", "widgets.txt", "--out", "widgets.yaml", "--force"],
    );
    assert!(out.status.success(), "{}", describe(&out));
}

#[test]
fn bad_pages_are_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("bin.txt"), b"PK\x03\x04\0\0binary").expect("write");
    std::fs::write(dir.path().join("latin1.txt"), b"caf\xe9 | x |").expect("write");
    for (page, says) in [
        ("missing.txt", "cannot read"),
        ("bin.txt", "binary content"),
        ("latin1.txt", "not UTF-8"),
        (".", "tree mode needs --provider"),
    ] {
        let out = xtask(dir.path(), &["draft", page]);
        assert_eq!(out.status.code(), Some(2), "{page}: {}", describe(&out));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(says),
            "{page}: {}",
            describe(&out)
        );
    }
    std::fs::write(dir.path().join("ok.txt"), "GET /v1/things\n").expect("write");
    let out = xtask(
        dir.path(),
        &["draft", "ok.txt", "--against", "missing.yaml"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("missing.yaml"),
        "{}",
        describe(&out)
    );
    let out = xtask(
        dir.path(),
        &["draft", "ok.txt", "--out", "no/such/dir/x.yaml"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write"),
        "{}",
        describe(&out)
    );
    let out = xtask(dir.path(), &["draft", "bin.txt", "--provider", "Bad-Id"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
}

/// Our own reference page, in the shape vendors publish (reStructuredText, captioned tables,
/// a labelled nested table, a code block).
const RST_PAGE: &str = "Making a Widget
===============

URI
---

POST /v2/{owner}/widgets

.. table:: **Table 1** Path Parameters

   ====== ========= ====== ===========
   Name   Mandatory Type   Description
   ====== ========= ====== ===========
   owner  Yes       String Who owns it
   ====== ========= ====== ===========

Request Parameters
------------------

.. table:: **Table 2** Request header parameters

   ============ ========= ====== ===========
   Name         Mandatory Type   Description
   ============ ========= ====== ===========
   X-Auth-Token Yes       String A token
   ============ ========= ====== ===========

.. table:: **Table 3** Request body parameters

   +-------+-----------+-----------------------------------+-------------+
   | Name  | Mandatory | Type                              | Description |
   +=======+===========+===================================+=============+
   | gear  | Yes       | :ref:`Gear <make__gear>` object   | The gear    |
   +-------+-----------+-----------------------------------+-------------+

.. _make__gear:

.. table:: **Table 4** Gear

   +-------+-----------+---------+--------------------+
   | Name  | Mandatory | Type    | Description        |
   +=======+===========+=========+====================+
   | teeth | Yes       | Long    | Tooth count        |
   |       |           |         |                    |
   |       |           |         | Minimum: **1**     |
   +-------+-----------+---------+--------------------+

Example Requests
----------------

.. code-block:: text

   POST https://{endpoint}/v2/me/widgets

   {
     \"gear\" : { \"teeth\" : 6000000000, \"teth\" : 2 }
   }

Status Codes
------------

=========== ===========
Status Code Description
=========== ===========
201         Made
=========== ===========
";

/// An appendix of error codes in our own words, with headers in Portuguese: the drafter
/// reads its columns by the vocabulary, not by one vendor's English.
const APPENDIX_PAGE: &str = ".. _faults:

Códigos de erro
===============

+------------------+----------------+-------------------+
| Código de status | Código de erro | Mensagem de erro  |
+==================+================+===================+
| 400              | WID.0042       | Dentes demais     |
+------------------+----------------+-------------------+
| 409              | WID.0043       | Já existe         |
+------------------+----------------+-------------------+
";

/// The failure section of [`RST_PAGE`]: an error body whose code member refers to the
/// appendix, an example naming one code, and the status row.
const FAILURE: &str = "Response Parameters
-------------------

**Status code: 400**

.. table:: **Table 5** Response body parameters

   ========== ====== ======================================
   Parameter  Type   Description
   ========== ====== ======================================
   fault_code String See :ref:`Fault codes <faults>`.
   fault_text String What went wrong
   ========== ====== ======================================

Example Responses
-----------------

**Status code: 400**

.. code-block::

   {
     \"fault_code\" : \"WID.0042\",
     \"fault_text\" : \"Too many teeth\"
   }

";

#[test]
fn an_error_code_appendix_becomes_error_cases_of_the_pages_referring_to_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("api")).expect("mkdir");
    std::fs::create_dir_all(docs.join("appendix")).expect("mkdir");
    std::fs::write(docs.join("appendix/faults.rst"), APPENDIX_PAGE).expect("write");
    let referring = RST_PAGE
        .replace(
            "Example Requests\n",
            &format!("{FAILURE}Example Requests\n"),
        )
        .replace(
            "201         Made\n",
            "201         Made\n400         Refused\n",
        );
    std::fs::write(docs.join("api/make.rst"), referring).expect("write");
    // A page that does not refer to the appendix gets none of its cases.
    let silent = RST_PAGE
        .replace(
            "Making a Widget\n===============",
            "Making a Gadget\n===============",
        )
        .replace("/widgets", "/gadgets");
    std::fs::write(docs.join("api/other.rst"), silent).expect("write");
    let out = xtask(
        dir.path(),
        &["draft", "docs", "--provider", "widgets", "--out", "w.yaml"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let text = std::fs::read_to_string(dir.path().join("w.yaml")).expect("the draft");
    // Every case cites the page line, the appendix row and the body table, and holds.
    let out = validate_pages(dir.path(), &docs, "w.yaml");
    assert!(out.status.success(), "{}\n{text}", describe(&out));
    let spec = spec::load::SpecFile::parse("w.yaml", &text)
        .expect("the draft loads")
        .spec;
    assert!(spec
        .provider
        .sources
        .iter()
        .any(|s| s.file == "appendix/faults.rst"));
    let op = |path: &str| {
        spec.operations
            .iter()
            .find(|o| o.path == path)
            .expect("the operation")
    };
    let make = op("/v2/{owner}/widgets");
    let cases: Vec<(&str, u16, Vec<&str>)> = make
        .errors
        .iter()
        .map(|e| {
            (
                e.name.as_str(),
                e.status,
                e.matcher
                    .equals
                    .values()
                    .filter_map(|v| v.as_str())
                    .collect(),
            )
        })
        .collect();
    // The code the page names first (tried first), the page's own status, the appendix's
    // other status.
    assert_eq!(
        cases,
        vec![
            ("wid_0042", 400, vec!["WID.0042"]),
            ("status_400", 400, vec![]),
            ("status_409", 409, vec![]),
        ],
        "{text}"
    );
    assert!(make
        .errors
        .iter()
        .all(|e| e.matcher.has_fields == ["fault_code"]));
    assert!(make.errors[2]
        .cite
        .as_ref()
        .is_some_and(|c| c.0.contains("appendix/faults.rst:")));
    // The example showing that code's body is that code's failure.
    assert!(make
        .examples
        .iter()
        .any(|e| e.error.as_deref() == Some("wid_0042")));
    assert!(op("/v2/{owner}/gadgets").errors.is_empty(), "{text}");
}

#[test]
fn a_tree_drafts_into_one_spec_listing_what_it_skipped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("api")).expect("mkdir");
    std::fs::write(
        docs.join("index.rst"),
        "Widgets\n=======\n\n.. toctree::\n\n   api/make\n",
    )
    .expect("write");
    std::fs::write(docs.join("api/make.rst"), RST_PAGE).expect("write");
    std::fs::write(docs.join("api/broken.rst"), b"caf\xe9").expect("write");
    let out = xtask(
        dir.path(),
        &["draft", "docs", "--provider", "widgets", "--out", "w.yaml"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("skipped index.rst"), "{}", describe(&out));
    assert!(
        err.contains("not read api/broken.rst") && err.contains("not UTF-8"),
        "{}",
        describe(&out)
    );
    let text = std::fs::read_to_string(dir.path().join("w.yaml")).expect("the draft");
    // Its facts hold against the tree: rows of grid and simple tables, the made-up token
    // header named in the example's erratum.
    let out = validate_pages(dir.path(), &docs, "w.yaml");
    assert!(out.status.success(), "{}\n{text}", describe(&out));
    let spec = spec::load::SpecFile::parse("w.yaml", &text)
        .expect("the draft loads")
        .spec;
    assert_eq!(spec.provider.sources.len(), 1);
    assert_eq!(spec.provider.sources[0].file, "api/make.rst");
    let op = &spec.operations[0];
    assert_eq!(
        (op.method.as_str(), op.path.as_str(), op.response.status),
        ("POST", "/v2/{owner}/widgets", 201)
    );
    // The token header is an auth scheme, not a parameter.
    assert!(spec
        .auth
        .values()
        .any(|a| a.wire_name() == Some("X-Auth-Token")));
    assert!(op
        .request
        .parameters
        .iter()
        .all(|p| p.name != "X-Auth-Token"));
    // Table first: `Long` is 64-bit, the bound is read, the misspelt member is no field.
    let gear = &spec.types["Gear"];
    assert_eq!(gear.fields.len(), 1);
    assert_eq!(gear.fields[0].schema.kind, spec::format::Kind::Long);
    assert_eq!(gear.fields[0].schema.minimum, Some(1));
    // The example is kept, the 64-bit value intact, the typo left out under an erratum that
    // keeps the page's text.
    let ex = &op.examples[0];
    let body = ex
        .request
        .as_ref()
        .and_then(|r| r.body.as_ref())
        .expect("a body");
    assert_eq!(body["gear"], serde_json::json!({"teeth": 6000000000i64}));
    assert!(ex.erratum.is_some());
    assert!(ex.original.as_deref().is_some_and(|o| o.contains("teth")));
    // The same tree gives the same bytes.
    let again = xtask(dir.path(), &["draft", "docs", "--provider", "widgets"]);
    assert_eq!(String::from_utf8_lossy(&again.stdout), text);
}

#[test]
fn api_versions_keep_their_operations_with_since_and_deprecated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).expect("mkdir");
    std::fs::write(docs.join("make.rst"), RST_PAGE).expect("write");
    // The same call one version earlier, its title marking it retired.
    let old = RST_PAGE
        .replace(
            "Making a Widget\n===============",
            "Making a Widget (Outdated)\n==========================",
        )
        .replace("/v2/", "/v1/");
    std::fs::write(docs.join("make_v1.rst"), old).expect("write");
    let out = xtask(
        dir.path(),
        &["draft", "docs", "--provider", "widgets", "--out", "w.yaml"],
    );
    assert!(out.status.success(), "{}", describe(&out));
    let text = std::fs::read_to_string(dir.path().join("w.yaml")).expect("the draft");
    // Its facts hold against the tree: rows of grid and simple tables, the made-up token
    // header named in the example's erratum.
    let out = validate_pages(dir.path(), &docs, "w.yaml");
    assert!(out.status.success(), "{}\n{text}", describe(&out));
    let spec = spec::load::SpecFile::parse("w.yaml", &text)
        .expect("the draft loads")
        .spec;
    let by_path = |p: &str| {
        spec.operations
            .iter()
            .find(|o| o.path.starts_with(p))
            .unwrap_or_else(|| panic!("no operation at {p}: {text}"))
    };
    let (v1, v2) = (by_path("/v1/"), by_path("/v2/"));
    assert_eq!(
        (v1.since.as_deref(), v2.since.as_deref()),
        (Some("1"), Some("2"))
    );
    let d = v1
        .deprecated
        .as_ref()
        .expect("the outdated version is deprecated");
    assert_eq!(d.replacement.as_deref(), Some(v2.id.as_str()));
    assert!(v2.deprecated.is_none());
    // As drafted, it validates.
    let ws = dir.path().join("ws");
    std::fs::create_dir_all(&ws).expect("mkdir");
    std::fs::write(ws.join("Cargo.toml"), "[workspace]\n").expect("write");
    let ws = ws.to_string_lossy().to_string();
    let out = xtask(dir.path(), &["validate", "--workspace", &ws, "w.yaml"]);
    assert!(out.status.success(), "{}\n{text}", describe(&out));
}

/// Every revision of every docs tree under `../shared/corpus` (not part of the project:
/// skipped, saying so, when absent).
fn corpus_revisions() -> Vec<std::path::PathBuf> {
    let dirs = |d: &Path| -> Vec<std::path::PathBuf> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        v.retain(|p: &std::path::PathBuf| p.is_dir());
        v.sort();
        v
    };
    dirs(&root().join("../shared/corpus"))
        .iter()
        .flat_map(|tree| dirs(tree))
        .collect()
}

#[test]
fn a_vendor_tree_drafts_into_facts_that_hold_against_it() {
    let revisions = corpus_revisions();
    if revisions.is_empty() {
        eprintln!("skipped: no docs tree at ../shared/corpus (it is not part of the project)");
        return;
    }
    // Each revision in a process pair of its own, side by side.
    spec::threads::each(&revisions, |tree| {
        let dir = tempfile::tempdir().expect("tempdir");
        let shown = tree.display();
        let out = xtask(
            dir.path(),
            &[
                "draft",
                tree.to_str().expect("utf-8 path"),
                "--provider",
                "drafted",
                "--out",
                "drafted.yaml",
            ],
        );
        assert!(out.status.success(), "draft of {shown}: {}", describe(&out));
        let out = validate_pages(dir.path(), tree, "drafted.yaml");
        assert!(
            out.status.success(),
            "the draft of {shown} does not hold against it: {}",
            describe(&out)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.contains("facts hold against their pages"),
            "{stdout}"
        );
    });
}
