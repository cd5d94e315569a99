//! `cargo xtask sources` against a scratch workspace: a one-provider spec (the diff corpus's
//! base spec, each type and operation citing why its facts are not on the stand-in page),
//! its page in a docs directory, and a git repository for `--update`.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Output;

use crate::common::{describe, git, root, stdout, xtask};

const RECORDED: &str = "02da2c7482165096cbd461e7257d2a8198721f5bae3331e55d32c512276a0b55";

/// An empty workspace whose Cargo.toml names `pages/` as the docs directory.
fn pages_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nmembers = []\n\n[workspace.metadata.specs]\ndocs = \"pages\"\n",
    )
    .unwrap();
    dir
}

/// A workspace whose Cargo.toml names `pages/` as the docs directory, with the spec and its
/// page committed.
fn workspace() -> tempfile::TempDir {
    let dir = pages_workspace();
    let d = dir.path();
    std::fs::create_dir_all(d.join("specs")).unwrap();
    std::fs::create_dir_all(d.join("pages")).unwrap();
    let base = std::fs::read_to_string(root().join("spec/tests/diff/base.yaml")).unwrap();
    std::fs::write(d.join("specs/one.yaml"), cite_blocks(&base, STAND_IN)).unwrap();
    std::fs::copy(
        root().join("spec/tests/broken/_seeds/page.txt"),
        d.join("pages/page.txt"),
    )
    .unwrap();
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    dir
}

const STAND_IN: &str = "\"inferred: the stand-in page states none of these facts\"";

/// `spec` with `cite: CITE` on each auth scheme, type and operation (their facts take it),
/// in place of the citations those blocks carry.
fn cite_blocks(spec: &str, cite: &str) -> String {
    let mut out = String::new();
    let mut section = "";
    for line in spec.lines() {
        if !line.starts_with(' ') {
            section = line;
        }
        if line.starts_with("    cite: ") {
            continue;
        }
        // A scheme written as one flow mapping takes the citation inside it.
        match line.strip_suffix(" }") {
            Some(head) if section == "auth:" && line.starts_with("  ") => {
                out.push_str(&format!("{head}, cite: {cite} }}\n"));
                continue;
            }
            _ => {}
        }
        out.push_str(line);
        out.push('\n');
        let type_head = section == "types:"
            && line.ends_with(':')
            && line.starts_with("  ")
            && !line[2..].starts_with(' ');
        let operation = section == "operations:" && line.starts_with("  - id: ");
        if type_head || operation {
            out.push_str(&format!("    cite: {cite}\n"));
        }
    }
    out
}

fn sources(ws: &Path, extra: &[&str]) -> Output {
    let w = ws.to_str().unwrap();
    let mut args = vec!["--workspace", w, "sources"];
    args.extend_from_slice(extra);
    xtask(&root(), &args)
}

fn spec_text(ws: &Path) -> String {
    std::fs::read_to_string(ws.join("specs/one.yaml")).unwrap()
}

#[test]
fn unchanged_pages_pass_with_the_workspace_docs_setting() {
    let ws = workspace();
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(stdout(&out).contains("1 page(s): 1 unchanged, 0 changed, 0 missing, 0 unreferenced"));
}

#[test]
fn facts_that_cite_nothing_or_the_wrong_line_fail() {
    let ws = workspace();
    let base = std::fs::read_to_string(root().join("spec/tests/diff/base.yaml")).unwrap();
    let stderr = |out: &Output| String::from_utf8_lossy(&out.stderr).into_owned();
    // A spec that cites nothing is not left out of the check.
    let uncited: String = base
        .lines()
        .filter(|l| !l.starts_with("    cite: "))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(ws.path().join("specs/one.yaml"), uncited).unwrap();
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        stderr(&out).contains("operation `get_item` cites no page line"),
        "{}",
        describe(&out)
    );
    // Page line 1 does not say what the spec's facts say.
    std::fs::write(
        ws.path().join("specs/one.yaml"),
        cite_blocks(&base, "\"1\""),
    )
    .unwrap();
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        stderr(&out).contains("operation `get_item`: page.txt:1 does not contain `GET`"),
        "{}",
        describe(&out)
    );
}

#[test]
fn a_changed_page_lists_what_cites_it_and_fails() {
    let ws = workspace();
    std::fs::write(ws.path().join("pages/page.txt"), "the page, revised\n").unwrap();
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let s = stdout(&out);
    assert!(s.contains("changed       page.txt"), "{s}");
    assert!(s.contains("operations: get_item, create_item"), "{s}");
    assert!(
        s.contains("erratum E1 to re-review (Example response)"),
        "{s}"
    );
}

#[test]
fn missing_and_unreferenced_pages_are_listed() {
    let ws = workspace();
    std::fs::write(ws.path().join("pages/other.txt"), "x").unwrap();
    std::fs::write(ws.path().join("pages/README.md"), "about the pages").unwrap();
    let out = sources(ws.path(), &[]);
    // An unrecorded page alone does not fail.
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(
        stdout(&out).contains("unreferenced  other.txt"),
        "{}",
        describe(&out)
    );
    assert!(!stdout(&out).contains("README"), "{}", describe(&out));
    std::fs::remove_file(ws.path().join("pages/page.txt")).unwrap();
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(
        stdout(&out).contains("missing       page.txt"),
        "{}",
        describe(&out)
    );
    // --docs overrides the setting.
    let empty = tempfile::tempdir().unwrap();
    let out = sources(ws.path(), &["--docs", empty.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
}

#[test]
fn update_records_only_pages_whose_spec_was_revised() {
    let ws = workspace();
    std::fs::write(ws.path().join("pages/page.txt"), "the page, revised\n").unwrap();
    let new = spec::sources::sha256_hex(b"the page, revised\n");
    // The spec is untouched: nothing is recorded.
    let out = sources(ws.path(), &["--update"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not recorded: page.txt"));
    assert!(spec_text(ws.path()).contains(RECORDED));
    // The spec is revised against the page: the new hash is recorded.
    let revised = spec_text(ws.path()).replace("summary: Read one item.", "summary: Read an item.");
    std::fs::write(ws.path().join("specs/one.yaml"), revised).unwrap();
    let out = sources(ws.path(), &["--update"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(
        stdout(&out).contains("recorded      page.txt"),
        "{}",
        describe(&out)
    );
    let text = spec_text(ws.path());
    assert!(text.contains(&new) && !text.contains(RECORDED), "{text}");
    assert!(text.contains("summary: Read an item."));
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}

#[test]
fn update_force_records_without_a_revised_spec() {
    let ws = workspace();
    std::fs::write(ws.path().join("pages/page.txt"), "v2\n").unwrap();
    let out = sources(ws.path(), &["--update", "--force"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    assert!(spec_text(ws.path()).contains(&spec::sources::sha256_hex(b"v2\n")));
    // --force alone is refused (it only qualifies --update).
    let out = sources(ws.path(), &["--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
}

/// A loopback server answering every request with `body`, `n` times.
fn serve(body: &'static str, n: usize) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(n) {
            let mut s = stream.unwrap();
            let mut buf = [0u8; 4096];
            let _ = s.read(&mut buf);
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    format!("http://{addr}/page")
}

#[test]
fn fetch_compares_the_live_page() {
    let ws = workspace();
    let page = std::fs::read_to_string(ws.path().join("pages/page.txt")).unwrap();
    let page: &'static str = Box::leak(page.into_boxed_str());
    let same = serve(page, 1);
    let with_url = |url: &str| {
        let text = spec_text(ws.path()).replace(
            "title: Tiny page }",
            &format!("title: Tiny page, url: \"{url}\" }}"),
        );
        std::fs::write(ws.path().join("specs/one.yaml"), text).unwrap();
    };
    with_url(&same);
    let out = sources(ws.path(), &["--fetch"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    git(ws.path(), &["checkout", "-q", "--", "specs/one.yaml"]);
    with_url(&serve("the live page moved on\n", 1));
    let out = sources(ws.path(), &["--fetch"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    assert!(stdout(&out).contains("(live)"), "{}", describe(&out));
    // Without --fetch the URL is not read.
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}

/// The workspace's specs with the seed pages as their docs directory (committed), when the
/// pages are at hand.
fn seeded_workspace() -> Option<tempfile::TempDir> {
    let seeds = root().join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipped: no seed pages beside the workspace");
        return None;
    }
    let dir = pages_workspace();
    let d = dir.path();
    crate::common::copy_tree(&root().join("specs"), &d.join("specs"));
    crate::common::copy_tree(&seeds, &d.join("pages"));
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    Some(dir)
}

#[test]
fn unchanged_seed_pages_hold_their_citations() {
    let Some(ws) = seeded_workspace() else { return };
    let out = sources(ws.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}

#[test]
fn a_changed_page_names_the_facts_whose_cited_lines_it_touched() {
    let Some(ws) = seeded_workspace() else { return };
    let d = ws.path();
    // The first fact cited to page lines, found through the model.
    let validated =
        spec::validate::load_and_validate(&[d.join("specs")], None).expect("specs validate");
    let model = spec::model::Model::build(&validated).expect("model");
    let (label, page, first) = model
        .providers
        .iter()
        .flat_map(|p| &p.facts)
        .find_map(|f| {
            let (page, first, _) = f.cite.as_ref()?.lines().next()?;
            Some((f.label.clone(), page.to_string(), first))
        })
        .expect("some fact cites page lines");
    let path = d.join("pages").join(&page);
    let old = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<&str> = old.split('\n').collect();
    lines[first - 1] = "a line rewritten";
    std::fs::write(&path, lines.join("\n")).unwrap();
    let old_copy = d.join("previous").join(&page);
    std::fs::create_dir_all(old_copy.parent().unwrap()).unwrap();
    std::fs::write(&old_copy, &old).unwrap();

    let named = |out: &Output| {
        stdout(out).lines().any(|l| {
            l.contains(&label) && l.contains(&format!("({page}:{first}")) && l.ends_with("changed")
        })
    };
    for how in [
        vec!["--old", old_copy.to_str().unwrap()],
        vec!["--old-rev", "HEAD"],
    ] {
        let out = sources(d, &how);
        assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
        assert!(
            named(&out),
            "{how:?}: {label} not listed\n{}",
            describe(&out)
        );
    }
    // An --old naming no changed page is refused.
    let out = sources(d, &["--old", "/nonexistent/unchanged.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", describe(&out));
    // Without the previous text the report says how to get the list.
    let out = sources(d, &[]);
    assert!(stdout(&out).contains("--old FILE"), "{}", describe(&out));

    // A line inserted at the top moves every cited line below it.
    std::fs::write(&path, format!("a new first line\n{old}")).unwrap();
    let out = sources(d, &["--old-rev", "HEAD"]);
    assert!(
        stdout(&out)
            .lines()
            .any(|l| l.contains(&label) && l.contains(&format!("moved to {}", first + 1))),
        "{}",
        describe(&out)
    );
}

/// A made-up page (no vendor text) in the shapes vendor pages use.
const WIDGETS: &str = "Widget listing
Request
GET https://{widget_host}/v2/{tenant}/widgets?page={page}
| Parameter | Type | Mandatory | Description |
|---|---|---|---|
| tenant | String | Yes | Tenant. |
| page | Integer | No | Page number. |
Example response
{
\"widgets\": [{\"name\": \"w1\", \"size\": 3}],
\"total\": 1
}
";

#[test]
fn apply_moves_the_citations_of_lines_that_only_moved() {
    let ws = pages_workspace();
    let d = ws.path();
    std::fs::create_dir_all(d.join("pages")).unwrap();
    std::fs::create_dir_all(d.join("specs")).unwrap();
    std::fs::write(d.join("pages/widgets.txt"), WIDGETS).unwrap();
    let out = xtask(
        d,
        &[
            "draft",
            "pages/widgets.txt",
            "--provider",
            "widgets",
            "--out",
            "specs/widgets.yaml",
        ],
    );
    assert!(out.status.success(), "{}", describe(&out));
    git(d, &["init", "-q"]);
    git(d, &["add", "."]);
    git(d, &["commit", "-q", "-m", "base"]);
    let out = sources(d, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let spec = || std::fs::read_to_string(d.join("specs/widgets.yaml")).unwrap();

    // Two lines inserted above everything, and the `page` row reworded.
    let edited = format!("Widgets\n\n{WIDGETS}").replace("Page number.", "Which page.");
    std::fs::write(d.join("pages/widgets.txt"), &edited).unwrap();
    let out = sources(d, &["--old-rev", "HEAD", "--apply"]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let text = stdout(&out);
    assert!(text.contains("moved citation"), "{text}");
    let moved = spec();
    // The address (line 3) now cites line 5; the reworded row keeps its line and is listed
    // for review.
    assert!(
        moved.contains("cite: 5\n") && !moved.contains("cite: 3\n"),
        "{moved}"
    );
    assert!(
        text.lines()
            .any(|l| l.contains("parameter `page`") && l.ends_with("changed")),
        "{text}"
    );
    // A spec already revised in the working tree is not moved twice.
    let out = sources(d, &["--old-rev", "HEAD", "--apply"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not applied"),
        "{}",
        describe(&out)
    );
    assert_eq!(spec(), moved);
    // Recorded, every citation but the reworded row's holds against the new page.
    let out = sources(d, &["--update"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let out = sources(d, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let problems = String::from_utf8_lossy(&out.stderr).into_owned();
    let located: Vec<&str> = problems
        .lines()
        .filter(|l| l.contains("widgets.yaml:"))
        .collect();
    assert!(!located.is_empty(), "{problems}");
    for l in located {
        assert!(
            l.contains("`page`"),
            "only the reworded row fails: {problems}"
        );
    }

    // Without the rewording, every citation moves and all of them hold.
    git(d, &["checkout", "-q", "--", "."]);
    std::fs::write(d.join("pages/widgets.txt"), format!("Widgets\n\n{WIDGETS}")).unwrap();
    let out = sources(d, &["--old-rev", "HEAD", "--apply"]);
    assert!(
        stdout(&out).contains("moved citation"),
        "{}",
        describe(&out)
    );
    let out = sources(d, &["--update"]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
    let out = sources(d, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", describe(&out));
}
