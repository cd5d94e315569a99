//! The standalone mock (`conformance mock`, a separate process) takes its token and signing
//! key from a file or the environment, never from its command line: what it accepts is the
//! credential there, its command line (`/proc/PID/cmdline`, what `ps` shows) does not hold
//! it, and the old flags are refused without echoing their value.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use runtime::Secret;
use serde_json::Value;
use spec::format::BodyEncoding;
use spec::load::SpecFile;
use spec::model::{Credential, ProviderModel};

const TOKEN: &str = "file-token-0123456789";
const AK: &str = "FILEACCESSKEY";
const SK: &str = "file-secret-key";

/// Kills the child process when the test ends, pass or fail.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn mock_command() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_conformance"));
    cmd.env_remove("MOCK_TOKEN").env_remove("MOCK_SIGNING_KEY");
    cmd
}

/// Start `cmd` (a `conformance mock ...`) and read its address.
fn start(mut cmd: Command) -> (Server, String) {
    let mut child = cmd.stdout(Stdio::piped()).spawn().expect("mock starts");
    let stdout = child.stdout.take().expect("stdout piped");
    let server = Server(child);
    let url = BufReader::new(stdout)
        .lines()
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix("mock listening on ").map(str::to_string))
        .expect("mock prints its address");
    (server, url)
}

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/acme.yaml")
}

/// A file in a fresh scratch directory, removed with it.
struct Scratch(PathBuf);

impl Scratch {
    fn new(label: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("mock-credentials-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }
    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, text).expect("write");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Each operation of `specs/` whose documented request carries a token in a header or the
/// query, and whose provider's 401 differs from its success status, with that request.
fn token_operations(files: &[SpecFile]) -> Vec<Op> {
    let mut out = Vec::new();
    for f in files {
        let model = ProviderModel::build(&f.spec, String::new()).expect("model");
        let Some(unauthorized) = f.spec.mock.as_ref().map(|m| m.unauthorized.status) else {
            continue;
        };
        for om in &model.operations {
            let Some(req) = om.op.examples.iter().find_map(|e| e.request.as_ref()) else {
                continue;
            };
            let carried = matches!(om.credential, Credential::Header(_) | Credential::Query(_));
            if !carried || om.op.response.status == unauthorized {
                continue;
            }
            if !matches!(om.op.request.body, None | Some(BodyEncoding::Json)) {
                continue;
            }
            let mut path = format!("/~{}{}", f.spec.provider.id, om.path.fill(&req.path));
            let query: Vec<(&String, &String)> = req
                .query
                .iter()
                .filter(|(k, _)| !matches!(&om.credential, Credential::Query(n) if n == *k))
                .collect();
            if !query.is_empty() {
                let mut q = form_urlencoded::Serializer::new(String::new());
                for (k, v) in query {
                    q.append_pair(k, v);
                }
                path = format!("{path}?{}", q.finish());
            }
            let method =
                reqwest::Method::from_bytes(om.op.method.as_str().as_bytes()).expect("method");
            let headers = req
                .headers
                .iter()
                .filter(|(k, _)| !matches!(&om.credential, Credential::Header(n) if n.eq_ignore_ascii_case(k)))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            out.push(Op {
                id: om.op.id.clone(),
                method,
                path,
                headers,
                credential: om.credential.clone(),
                body: req.body.clone().unwrap_or(Value::Null),
            });
        }
    }
    out
}

/// A documented request without its credential.
struct Op {
    id: String,
    method: reqwest::Method,
    path: String,
    headers: Vec<(String, String)>,
    credential: Credential,
    body: Value,
}

/// The status an operation's documented request gets with `token` as its credential.
async fn status_with(url: &str, op: &Op, token: &str) -> u16 {
    let mut rb = reqwest::Client::new().request(op.method.clone(), format!("{url}{}", op.path));
    for (k, v) in &op.headers {
        rb = rb.header(k, v);
    }
    rb = match &op.credential {
        Credential::Header(name) => rb.header(name, token),
        Credential::Query(name) => rb.query(&[(name, token)]),
        _ => rb,
    };
    if !op.body.is_null() {
        rb = rb.json(&op.body);
    }
    rb.send().await.expect("mock answers").status().as_u16()
}

#[cfg(target_os = "linux")]
fn command_line(server: &Server) -> String {
    let raw = std::fs::read(format!("/proc/{}/cmdline", server.0.id())).expect("cmdline");
    String::from_utf8_lossy(&raw).replace('\0', " ")
}

#[tokio::test]
async fn the_token_comes_from_a_file_or_the_environment_not_the_command_line() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = spec::load::load_paths(std::slice::from_ref(&specs)).expect("specs load");
    let scratch = Scratch::new("token");
    let file = scratch.file("token", &format!("{TOKEN}\n"));
    let mut from_file = mock_command();
    from_file
        .args(["mock", "--listen", "127.0.0.1:0", "--spec"])
        .arg(&specs)
        .arg("--token-file")
        .arg(&file);
    let mut from_env = mock_command();
    from_env
        .args(["mock", "--listen", "127.0.0.1:0", "--spec"])
        .arg(&specs)
        .env("MOCK_TOKEN", TOKEN);
    let ops = token_operations(&files);
    assert!(!ops.is_empty(), "no operation carries a token");
    for cmd in [from_file, from_env] {
        let (server, url) = start(cmd);
        for op in &ops {
            let good = status_with(&url, op, TOKEN).await;
            assert!(good < 300, "{}: the right token gets {good}", op.id);
            // Another token, and one differing in its last byte only: refused.
            let near = format!("{}x", &TOKEN[..TOKEN.len() - 1]);
            for wrong in ["another-token", near.as_str()] {
                let bad = status_with(&url, op, wrong).await;
                assert!(bad >= 400, "{}: a wrong token gets {bad}", op.id);
            }
        }
        #[cfg(target_os = "linux")]
        assert!(
            !command_line(&server).contains(TOKEN),
            "the token is on the command line"
        );
    }
}

#[test]
fn the_old_flags_and_bad_credential_files_are_refused_without_echoing_them() {
    let scratch = Scratch::new("refused");
    let cases: Vec<(Vec<String>, &str)> = vec![
        (vec!["--token".into(), TOKEN.into()], "--token-file"),
        (
            vec!["--signing-key".into(), format!("{AK}:{SK}")],
            "--signing-key-file",
        ),
        (
            vec![
                "--token-file".into(),
                scratch.file("empty", "\n").display().to_string(),
            ],
            "empty",
        ),
        (
            vec![
                "--signing-key-file".into(),
                scratch
                    .file("halves", &format!("{AK}{SK}\n"))
                    .display()
                    .to_string(),
            ],
            "ACCESS_KEY:SECRET_KEY",
        ),
        (
            vec![
                "--token-file".into(),
                scratch.0.join("missing").display().to_string(),
            ],
            "missing",
        ),
    ];
    for (args, says) in cases {
        let out = mock_command()
            .args(["mock", "--listen", "127.0.0.1:0", "--spec"])
            .arg(fixture())
            .args(&args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        for secret in [TOKEN, SK, AK] {
            assert!(
                !stderr.contains(secret),
                "{args:?} echoed a secret: {stderr}"
            );
        }
    }
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs()
}

/// With the key pair in a file, a request signed with it passes and one signed with another
/// access key gets the provider's 401: the mock verifies with the file's keys.
#[tokio::test]
async fn the_signing_key_comes_from_a_file() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let files = spec::load::load_paths(std::slice::from_ref(&specs)).expect("specs load");
    let scratch = Scratch::new("signing");
    let file = scratch.file("keys", &format!("{AK}:{SK}\n"));
    let mut cmd = mock_command();
    cmd.args(["mock", "--listen", "127.0.0.1:0", "--spec"])
        .arg(&specs)
        .arg("--signing-key-file")
        .arg(&file);
    let (server, url) = start(cmd);
    #[cfg(target_os = "linux")]
    assert!(!command_line(&server).contains(SK));
    let http = reqwest::Client::new();
    let mut checked = 0;
    for f in &files {
        let model = ProviderModel::build(&f.spec, String::new()).expect("model");
        for om in model.operations.iter().filter(|o| o.signed) {
            let Some(req) = om.op.examples.iter().find_map(|e| e.request.as_ref()) else {
                continue;
            };
            if !matches!(om.op.request.body, None | Some(BodyEncoding::Json)) {
                continue;
            }
            for (ak, expect_ok) in [(AK, true), ("OTHERACCESSKEY", false)] {
                let target = format!("{url}/~{}{}", f.spec.provider.id, om.path.fill(&req.path));
                let method =
                    reqwest::Method::from_bytes(om.op.method.as_str().as_bytes()).expect("method");
                let mut rb = http.request(method, target);
                for (k, v) in &req.headers {
                    if !matches!(&om.credential, Credential::Header(n) if n.eq_ignore_ascii_case(k))
                    {
                        rb = rb.header(k, v);
                    }
                }
                let query: Vec<(&String, &String)> = req.query.iter().collect();
                if !query.is_empty() {
                    rb = rb.query(&query);
                }
                if let Some(body) = &req.body {
                    rb = rb.json(body);
                }
                let mut request = rb.build().expect("request");
                runtime::sign::sign_request(&mut request, ak, &Secret::new(SK), now())
                    .expect("signable");
                let status = http.execute(request).await.expect("answers").status();
                assert_eq!(
                    status.is_success(),
                    expect_ok,
                    "{}: signed with {ak}: {status}",
                    om.op.id
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "no spec operation accepts a signature");
    drop(server);
}
