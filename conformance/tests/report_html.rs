//! The HTML report in a real headless browser. Two live runs of the `conformance` binary
//! against the embedded mock serving every spec in `specs/`: the first as documented, the
//! second with an undeclared member planted in every documented success body, split in two
//! parts (`--partition`) merged by `conformance report`. The page, opened by Chromium
//! (`--dump-dom`, console messages on stderr), loads without console errors; its matrix shows
//! every example of the last run with its status; a drifted example's details, opened by its
//! address, show the difference with the planted member. The browser comes from the PATH or
//! `scripts/install-browser.sh`; without one the test says so and checks nothing in a browser.
//! `CONFORMANCE_SCREENSHOT=FILE` also writes a screenshot of the page (the README's picture).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use conformance::mock;
use conformance::report::history::{self, Status};
use serde_json::Value;
use spec::load::SpecFile;

use crate::support::{conformance, files, root, scratch, text, Credentials};

const CREDENTIALS: Credentials = Credentials {
    token: "report-token-0c7b2e",
    access: "report-access-key-41aa",
    secret: "report-secret-key-93d0",
};
/// The member planted in every documented success body.
const PLANTED: &str = "planted_member";

/// A live run of every spec against `base_url`, reported into `html`.
async fn live(base_url: &str, html: &Path, extra: &[&str]) -> Output {
    let specs = root().join("specs");
    let mut args = vec![
        "replay",
        "--target",
        "live",
        "--allow-writes",
        "--base-url",
        base_url,
        "--spec",
        specs.to_str().expect("utf-8 path"),
        "--html",
        html.to_str().expect("utf-8 path"),
    ];
    args.extend_from_slice(extra);
    conformance(&args, &CREDENTIALS).await
}

/// Every spec with [`PLANTED`] added to each documented success body that is an object.
fn planted(files: &[SpecFile]) -> Vec<SpecFile> {
    let mut out = files.to_vec();
    for f in &mut out {
        for op in &mut f.spec.operations {
            for ex in op.examples.iter_mut().filter(|e| e.error.is_none()) {
                if let Some(Value::Object(body)) =
                    ex.response.as_mut().and_then(|r| r.body.as_mut())
                {
                    body.insert(PLANTED.into(), Value::from(1));
                }
            }
        }
    }
    out
}

/// A browser binary: from the PATH, else installed by the repository's script.
fn browser() -> Result<PathBuf, String> {
    let script = root().join("scripts/install-browser.sh");
    let out = Command::new("bash")
        .arg(&script)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", script.display()))?;
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    match out.status.success() && !path.is_empty() {
        true => Ok(PathBuf::from(path)),
        false => Err(String::from_utf8_lossy(&out.stderr).trim().to_string()),
    }
}

/// The page at `url` as the browser has it once loaded and its script ran, and the console
/// messages it logged.
fn load(browser: &Path, url: &str, screenshot: Option<&Path>) -> (String, Vec<String>) {
    let profile = scratch("report-html-profile");
    let mut cmd = Command::new(browser);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    match screenshot {
        Some(path) => {
            cmd.arg(format!("--screenshot={}", path.display()))
                .arg("--window-size=1280,1500")
                .arg("--hide-scrollbars");
        }
        None => {
            cmd.arg("--dump-dom");
        }
    }
    let out = cmd.arg(url).output().expect("the browser runs");
    let _ = std::fs::remove_dir_all(&profile);
    assert!(out.status.success(), "the browser failed: {}", text(&out));
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.display())
}

#[tokio::test]
async fn the_report_in_a_browser() {
    let browser = match browser() {
        Ok(b) => b,
        Err(why) => {
            eprintln!("SKIPPED: no headless browser, and none could be installed: {why}");
            return;
        }
    };
    // The console check can fail: a page with an error is caught.
    let dir = scratch("report-html");
    let broken = dir.join("broken.html");
    std::fs::write(
        &broken,
        "<script>console.error('seen'); nothing();</script>",
    )
    .expect("write");
    let (_, console) = load(&browser, &file_url(&broken), None);
    assert_eq!(console.len(), 2, "{console:?}");

    let files = files();
    let report = dir.join("report");
    let addr = "127.0.0.1:0".parse().expect("addr");

    // First run: as documented.
    let m = mock::spawn(&files, addr, false).await.expect("mock binds");
    let out = live(&m.base_url(), &report, &[]).await;
    m.stop().await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    // Second run: drifted, in two parts merged into the same report.
    let m = mock::spawn(&planted(&files), addr, false)
        .await
        .expect("mock binds");
    let mut parts = Vec::new();
    for part in ["1/2", "2/2"] {
        let part_dir = dir.join(format!("part{}", &part[..1]));
        let out = live(&m.base_url(), &part_dir, &["--partition", part]).await;
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", text(&out));
        parts.push(part_dir);
    }
    m.stop().await;
    let mut args = vec!["report", "--html", report.to_str().expect("utf-8")];
    for p in &parts {
        args.extend(["--from", p.to_str().expect("utf-8")]);
    }
    let out = conformance(&args, &CREDENTIALS).await;
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));

    let runs = history::read(&report).expect("history reads");
    assert_eq!(runs.len(), 2);
    let (first, last) = (&runs[0], &runs[1]);
    // The parts together are the whole run, each example once.
    assert_eq!(first.rows.len(), last.rows.len());
    // Answered as documented, the observed response is the documented one: no difference
    // is drawn where there is none.
    for row in first.rows.iter().filter(|r| r.status == Status::Passed) {
        if let (Some(e), Some(o)) = (&row.expected, &row.observed) {
            assert_eq!(e, o, "{}.{} {}", row.provider, row.operation, row.example);
        }
    }

    let page = report.join("index.html");
    let html = std::fs::read_to_string(&page).expect("page written");
    for outside in ["<link", " src=", "@import", "url("] {
        assert!(
            !html.contains(outside),
            "the page loads something: {outside}"
        );
    }
    for secret in [CREDENTIALS.token, CREDENTIALS.access, CREDENTIALS.secret] {
        assert!(!html.contains(secret), "a credential in the page");
    }

    let (dom, console) = load(&browser, &file_url(&page), None);
    assert!(console.is_empty(), "{console:?}");
    for row in &last.rows {
        let id = format!("ex-{}.{}.{}", row.provider, row.operation, row.example);
        let cell = format!(
            "data-example=\"{id}\" data-status=\"{}\"",
            row.status.as_str()
        );
        assert!(dom.contains(&cell), "no matrix cell `{cell}`");
    }

    let drifted = last
        .rows
        .iter()
        .find(|r| r.status == Status::Drifted)
        .expect("the planted member drifts some example");
    let id = format!(
        "ex-{}.{}.{}",
        drifted.provider, drifted.operation, drifted.example
    );
    let (dom, console) = load(&browser, &format!("{}#{id}", file_url(&page)), None);
    assert!(console.is_empty(), "{console:?}");
    let start = dom
        .find(&format!("<details id=\"{id}\""))
        .expect("the example's details");
    let details = &dom[start..];
    let details = &details[..details.find("</details>").expect("closed")];
    assert!(
        details.starts_with(&format!(
            "<details id=\"{id}\" class=\"example\" data-status=\"drifted\" open"
        )),
        "not opened by its address: {}",
        &details[..details.len().min(200)]
    );
    assert!(details.contains(PLANTED), "the difference is not shown");
    assert!(
        details.contains("class=\"ins\""),
        "no line marked as observed"
    );

    if let Some(shot) = std::env::var_os("CONFORMANCE_SCREENSHOT") {
        let shot = PathBuf::from(shot);
        load(&browser, &file_url(&page), Some(&shot));
        assert!(shot.exists(), "no screenshot written");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `conformance report` refuses what it cannot merge, saying why, with exit code 2.
#[tokio::test]
async fn merging_refuses_bad_parts() {
    let dir = scratch("report-merge");
    let run = |example: &str| history::Run {
        at: 1,
        target: "live".into(),
        partition: Some("1/2".into()),
        rows: vec![history::Row {
            provider: "p".into(),
            operation: "o".into(),
            example: example.into(),
            status: Status::Passed,
            erratum: None,
            request: None,
            detail: None,
            expected: None,
            observed: None,
        }],
    };
    let (a, b, empty, broken) = (
        dir.join("a"),
        dir.join("b"),
        dir.join("empty"),
        dir.join("broken"),
    );
    history::append(&a, &run("e1")).expect("written");
    history::append(&b, &run("e1")).expect("written");
    std::fs::create_dir_all(&empty).expect("dir");
    history::append(&broken, &run("e2")).expect("written");
    let file = broken.join(history::HISTORY);
    let mut lines = std::fs::read_to_string(&file).expect("read");
    lines.push_str("{\"not\": \"a run\"}\n");
    std::fs::write(&file, lines).expect("write");

    let out_dir = dir.join("out");
    let out = out_dir.to_str().expect("utf-8");
    for (from, says) in [
        (vec![&a, &b], "is in two of the merged runs".to_string()),
        (
            vec![&a, &empty],
            "no history.jsonl with a run in it".to_string(),
        ),
        (
            vec![&a, &broken],
            format!("{}:2: not a run", file.display()),
        ),
    ] {
        let mut args = vec!["report", "--html", out];
        for f in &from {
            args.extend(["--from", f.to_str().expect("utf-8")]);
        }
        let result = conformance(&args, &CREDENTIALS).await;
        assert_eq!(result.status.code(), Some(2), "{}", text(&result));
        assert!(text(&result).contains(&says), "{}", text(&result));
    }
    assert!(!out_dir.join("index.html").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A mock replay's rows: every example passes with its request as a curl line for the
/// standalone mock, and a passing success shows the documented payload as observed (no
/// difference drawn where there is none).
#[tokio::test]
async fn mock_rows_compare_like_with_like() {
    let files = files();
    let replay = conformance::run::replay_on_mock(&files, None, None)
        .await
        .expect("the mock replay runs");
    let rows = history::rows(
        &files,
        &replay.results,
        None,
        &[],
        "http://127.0.0.1:8080",
        true,
    );
    assert_eq!(rows.len(), replay.results.len());
    for row in &rows {
        let name = format!("{}.{} {}", row.provider, row.operation, row.example);
        assert_eq!(row.status, Status::Passed, "{name}: {:?}", row.detail);
        let request = row.request.as_deref().unwrap_or_default();
        assert!(
            request.starts_with("curl ") && request.contains(&format!("/~{}/", row.provider)),
            "{name}: {request}"
        );
        if let (Some(e), Some(o)) = (&row.expected, &row.observed) {
            if e.get("payload").is_some() {
                assert_eq!(e, o, "{name}");
            }
        }
    }
}
