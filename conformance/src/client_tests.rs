//! The generated clients against the mock: their protocol tests (`generated/tests/protocol/`,
//! one test `<provider>::<operation>::<example>` per documented example, written by the
//! generator) run by cargo with `PROTOCOL_TEST_BASE_URL` aimed at the running mock, so each
//! test calls its operation through the typed client, the mock checks the request against the
//! spec and answers the example, and the test compares what the client decoded with its
//! literals. libtest's plain output becomes one result per test.
//!
//! The conformance crate does not link the generated clients: it runs their tests as a
//! separate cargo invocation, so regenerating never needs them to compile.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use crate::results::{CaseResult, Verdict};

/// The package and test target holding the generated protocol tests.
pub const PACKAGE: &str = "generated";
pub const TEST_TARGET: &str = "protocol";

/// What `PROTOCOL_TEST_BASE_URL` is (the `protocol-test` crate reads it): a URL template
/// whose `{provider}` becomes the provider id.
pub const BASE_URL_VAR: &str = "PROTOCOL_TEST_BASE_URL";
pub const PROVIDER_PLACEHOLDER: &str = "{provider}";

/// How to run the generated protocol tests: which cargo, which workspace.
#[derive(Debug, Clone)]
pub struct ClientTests {
    pub cargo: OsString,
    /// The workspace's `Cargo.toml`.
    pub manifest: PathBuf,
    pub threads: usize,
    /// Build the tests first with cargo's progress on stderr (the command line, where a cold
    /// build takes a while), rather than silently.
    pub show_build: bool,
}

impl ClientTests {
    /// Cargo from the `CARGO` environment variable (set when cargo runs a program), else
    /// `cargo` from the `PATH`; the workspace at `root`.
    pub fn new(root: &Path) -> Self {
        Self {
            cargo: std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()),
            manifest: root.join("Cargo.toml"),
            threads: 4,
            show_build: false,
        }
    }

    /// The arguments after the program: build and run the protocol tests, libtest printing
    /// one plain line per test. `filter` narrows the tests by name (libtest's substring
    /// filter).
    pub fn args(&self, filter: Option<&str>) -> Vec<OsString> {
        let mut args: Vec<OsString> = ["test", "--offline", "-q", "-p", PACKAGE, "--test"]
            .into_iter()
            .map(OsString::from)
            .collect();
        args.push(TEST_TARGET.into());
        args.push("--manifest-path".into());
        args.push(self.manifest.clone().into_os_string());
        args.push("--".into());
        if let Some(f) = filter {
            args.push(f.into());
        }
        // `cargo test -q` makes libtest terse (one character per test); ask for its lines.
        for a in [
            "--test-threads".to_string(),
            self.threads.max(1).to_string(),
            "--format".into(),
            "pretty".into(),
            "--color".into(),
            "never".into(),
        ] {
            args.push(a.into());
        }
        args
    }

    /// Build and run the tests against `base_url_template` (see [`BASE_URL_VAR`]). `Err`
    /// says why they could not be built or run; failing tests are an `Ok` run.
    pub async fn run(
        &self,
        base_url_template: &str,
        filter: Option<&str>,
    ) -> Result<TestRun, String> {
        if self.show_build {
            self.build().await?;
        }
        let output = self
            .command()
            .args(self.args(filter))
            .env(BASE_URL_VAR, base_url_template)
            .stdin(std::process::Stdio::null())
            .output()
            .await
            .map_err(|e| {
                format!(
                    "cannot start `{}` to run the generated clients' protocol tests: {e}",
                    self.cargo.to_string_lossy()
                )
            })?;
        let stdout = String::from_utf8_lossy(&output.stdout);
        match parse(&stdout) {
            Some(run) => Ok(run),
            None => Err(format!(
                "the generated clients' protocol tests could not be built or run \
                 (`{} {}` exited with {}):\n{}",
                self.cargo.to_string_lossy(),
                self.args(filter)
                    .iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
                output.status,
                tail(&String::from_utf8_lossy(&output.stderr), 40)
            )),
        }
    }
}

impl ClientTests {
    /// The cargo to run, without the variables cargo set for this program (see
    /// `spec::workspace::cargo_command`).
    fn command(&self) -> tokio::process::Command {
        let mut c = std::process::Command::new(&self.cargo);
        spec::workspace::without_cargo_env(&mut c);
        tokio::process::Command::from(c)
    }

    /// `cargo test --no-run` of the protocol tests, cargo's progress and errors on stderr.
    async fn build(&self) -> Result<(), String> {
        eprintln!("building the generated clients' protocol tests");
        let mut args = self.args(None);
        args.truncate(args.iter().position(|a| a == "--").unwrap_or(args.len()));
        args.retain(|a| a != "-q");
        args.insert(1, "--no-run".into());
        let status = self
            .command()
            .args(&args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .status()
            .await
            .map_err(|e| format!("cannot start `{}`: {e}", self.cargo.to_string_lossy()))?;
        if status.success() {
            Ok(())
        } else {
            Err(format!(
                "the generated clients' protocol tests could not be built (`{} {}` exited \
                 with {status}; cargo's output is above)",
                self.cargo.to_string_lossy(),
                args.iter()
                    .map(|a| a.to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join(" ")
            ))
        }
    }
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// One test's result as libtest reported it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TestOutcome {
    Ok,
    /// With what the test printed (its panic message) from the failure section.
    Failed(String),
    /// With the reason given to `#[ignore]`, if any.
    Ignored(Option<String>),
}

/// Every test of one run, by its path (`module::test`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestRun {
    pub tests: BTreeMap<String, TestOutcome>,
}

/// Read libtest's pretty output: `test PATH ... ok|FAILED|ignored[, REASON]` lines, then the
/// `---- PATH stdout ----` sections of the failures. `None` without a `test result:` line
/// (the tests did not run to the end).
pub fn parse(stdout: &str) -> Option<TestRun> {
    let mut run = TestRun::default();
    let mut finished = false;
    let mut section: Option<(String, Vec<&str>)> = None;
    let mut sections: BTreeMap<String, String> = BTreeMap::new();
    let mut close = |section: &mut Option<(String, Vec<&str>)>| {
        if let Some((name, lines)) = section.take() {
            sections.insert(name, lines.join("\n").trim().to_string());
        }
    };
    for line in stdout.lines() {
        if let Some(name) = line
            .strip_prefix("---- ")
            .and_then(|l| l.strip_suffix(" stdout ----"))
        {
            close(&mut section);
            section = Some((name.to_string(), Vec::new()));
            continue;
        }
        if line.starts_with("test result: ") {
            close(&mut section);
            finished = true;
            continue;
        }
        if line == "failures:" || line == "successes:" {
            close(&mut section);
            continue;
        }
        if let Some((_, lines)) = section.as_mut() {
            lines.push(line);
            continue;
        }
        if let Some((name, outcome)) = result_line(line) {
            run.tests.insert(name, outcome);
        }
    }
    close(&mut section);
    for (name, text) in sections {
        if let Some(TestOutcome::Failed(why)) = run.tests.get_mut(&name) {
            *why = text;
        }
    }
    finished.then_some(run)
}

/// `test a::b::c ... ok` and its `FAILED` and `ignored` forms.
fn result_line(line: &str) -> Option<(String, TestOutcome)> {
    let rest = line.strip_prefix("test ")?;
    let (name, result) = rest.split_once(" ... ")?;
    let outcome = match result.trim_end() {
        "ok" => TestOutcome::Ok,
        "FAILED" => TestOutcome::Failed(String::new()),
        "ignored" => TestOutcome::Ignored(None),
        other => match other.strip_prefix("ignored, ") {
            Some(reason) => TestOutcome::Ignored(Some(reason.to_string())),
            None => return None,
        },
    };
    Some((name.trim().to_string(), outcome))
}

/// Whether a path segment is the Rust name of spec name `name` (snake_case already; a
/// keyword becomes `r#name`, or `name_` for `self`, `super` and `crate`).
fn names(segment: &str, name: &str) -> bool {
    let segment = segment.strip_prefix("r#").unwrap_or(segment);
    segment == name || segment.strip_suffix('_') == Some(name)
}

/// The test of `provider`/`operation`/`example` in `run`, with its path.
pub fn find<'a>(
    run: &'a TestRun,
    provider: &str,
    operation: &str,
    example: &str,
) -> Option<(&'a str, &'a TestOutcome)> {
    run.tests.iter().find_map(|(path, outcome)| {
        let parts: Vec<&str> = path.split("::").collect();
        match parts.as_slice() {
            [p, o, e] if names(p, provider) && names(o, operation) && names(e, example) => {
                Some((path.as_str(), outcome))
            }
            _ => None,
        }
    })
}

/// The signed variant of an example's test (`provider::operation::signed::example`).
pub fn find_signed<'a>(
    run: &'a TestRun,
    provider: &str,
    operation: &str,
    example: &str,
) -> Option<(&'a str, &'a TestOutcome)> {
    run.tests.iter().find_map(|(path, outcome)| {
        let parts: Vec<&str> = path.split("::").collect();
        match parts.as_slice() {
            [p, o, "signed", e]
                if names(p, provider) && names(o, operation) && names(e, example) =>
            {
                Some((path.as_str(), outcome))
            }
            _ => None,
        }
    })
}

/// The command that reruns one generated test against a mock.
pub fn rerun_hint(path: &str) -> String {
    format!(
        "{BASE_URL_VAR}='http://127.0.0.1:PORT/~{PROVIDER_PLACEHOLDER}' \
         cargo test -p {PACKAGE} --test {TEST_TARGET} -- {path} --exact \
         (with `cargo xtask mock --listen 127.0.0.1:PORT` running)"
    )
}

/// Put each test's result on its example's row (`client`); returns the paths of tests that
/// name no row (generated for examples this replay does not hold).
pub fn merge(results: &mut [CaseResult], run: &TestRun) -> Vec<String> {
    let mut used = Vec::new();
    for r in results.iter_mut() {
        if r.operation.is_empty() {
            // A provider whose model could not be built: nothing to match.
            continue;
        }
        // The example's signed variant, where the operation accepts signing, counts too.
        let signed = find_signed(run, &r.provider, &r.operation, &r.example);
        if let Some((path, _)) = signed {
            used.push(path.to_string());
        }
        r.client = Some(match find(run, &r.provider, &r.operation, &r.example) {
            Some((path, outcome)) => {
                used.push(path.to_string());
                let failed = |path: &str, why: &str| {
                    Verdict::Fail(format!(
                        "generated test `{path}` failed:\n{}\nrerun: {}",
                        if why.is_empty() { "(no output)" } else { why },
                        rerun_hint(path)
                    ))
                };
                match (outcome, signed) {
                    (TestOutcome::Failed(why), _) => failed(path, why),
                    (_, Some((spath, TestOutcome::Failed(why)))) => failed(spath, why),
                    (TestOutcome::Ok, _) => Verdict::Pass,
                    (TestOutcome::Ignored(why), _) => Verdict::Skipped(
                        why.clone()
                            .unwrap_or_else(|| "generated test ignored".into()),
                    ),
                }
            }
            None => Verdict::Fail(format!(
                "no generated protocol test ran for this example (expected \
                 `{}::{}::{}` in {PACKAGE}/tests/{TEST_TARGET}.rs); is `generated/` up to \
                 date with the specs? (`cargo xtask codegen`)",
                r.provider, r.operation, r.example
            )),
        });
    }
    run.tests
        .keys()
        .filter(|k| !used.contains(k))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const OUTPUT: &str = "\n\
running 4 tests\n\
test p::op::ignored_one ... ignored, the operation documents no request to send\n\
test p::op::good ... ok\n\
test p::r#type::bad ... FAILED\n\
test q::op::bare ... ignored\n\
\n\
failures:\n\
\n\
---- p::r#type::bad stdout ----\n\
\n\
thread 'p::r#type::bad' panicked at generated/tests/protocol.rs:10:5:\n\
assertion `left == right` failed\n\
  left: 1\n\
 right: 2\n\
note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\
\n\
\n\
failures:\n\
    p::r#type::bad\n\
\n\
test result: FAILED. 1 passed; 1 failed; 2 ignored; 0 measured; 0 filtered out; finished in 0.01s\n\
\n";

    #[test]
    fn reads_every_result_line_and_the_failure_section() {
        let run = parse(OUTPUT).expect("finished");
        assert_eq!(run.tests.len(), 4);
        assert_eq!(run.tests["p::op::good"], TestOutcome::Ok);
        assert_eq!(
            run.tests["p::op::ignored_one"],
            TestOutcome::Ignored(Some("the operation documents no request to send".into()))
        );
        assert_eq!(run.tests["q::op::bare"], TestOutcome::Ignored(None));
        let TestOutcome::Failed(why) = &run.tests["p::r#type::bad"] else {
            panic!("{:?}", run.tests);
        };
        assert!(why.contains("left: 1") && why.contains("right: 2"), "{why}");
        assert!(!why.contains("failures:"), "{why}");
    }

    #[test]
    fn output_without_a_result_line_is_no_run() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("running 2 tests\ntest a::b::c ... ok\n"), None);
    }

    #[test]
    fn lines_that_are_not_results_are_ignored() {
        let run = parse(
            "test a::b::c has been running for over 60 seconds\n\
             test a::b::c ... ok\nsome stray line\ntest result: ok. 1 passed\n",
        )
        .expect("finished");
        assert_eq!(run.tests.len(), 1);
    }

    fn case(provider: &str, operation: &str, example: &str) -> CaseResult {
        CaseResult {
            provider: provider.into(),
            operation: operation.into(),
            example: example.into(),
            verdict: Verdict::Pass,
            client: None,
            snapshot: crate::results::Snapshot {
                provider: provider.into(),
                operation: operation.into(),
                example: example.into(),
                erratum: None,
                request: None,
                wire: None,
                outcome: serde_json::Value::Null,
            },
        }
    }

    #[test]
    fn merging_puts_each_test_on_its_example_and_names_the_missing_and_the_extra() {
        let run = parse(OUTPUT).expect("finished");
        let mut results = vec![
            case("p", "op", "good"),
            case("p", "type", "bad"),
            case("p", "op", "ignored_one"),
            case("p", "op", "never_generated"),
        ];
        let extra = merge(&mut results, &run);
        assert_eq!(extra, vec!["q::op::bare".to_string()]);
        assert_eq!(results[0].client, Some(Verdict::Pass));
        let Some(Verdict::Fail(why)) = &results[1].client else {
            panic!("{:?}", results[1].client);
        };
        assert!(
            why.contains("p::r#type::bad") && why.contains("right: 2"),
            "{why}"
        );
        assert!(why.contains("--exact"), "{why}");
        assert!(matches!(results[2].client, Some(Verdict::Skipped(_))));
        let Some(Verdict::Fail(why)) = &results[3].client else {
            panic!("{:?}", results[3].client);
        };
        assert!(why.contains("no generated protocol test"), "{why}");
    }

    #[test]
    fn the_command_asks_libtest_for_plain_lines_against_the_workspace() {
        let t = ClientTests {
            show_build: false,
            cargo: "cargo".into(),
            manifest: PathBuf::from("/ws/Cargo.toml"),
            threads: 4,
        };
        let args: Vec<String> = t
            .args(Some("p::"))
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        let joined = args.join(" ");
        assert!(
            joined.starts_with(
                "test --offline -q -p generated --test protocol --manifest-path /ws/Cargo.toml -- p::"
            ),
            "{joined}"
        );
        assert!(joined.contains("--test-threads 4"), "{joined}");
        assert!(joined.contains("--format pretty"), "{joined}");
    }
}
