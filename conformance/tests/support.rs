//! Helpers the tests that run the `conformance` binary share: the workspace's specs, scratch
//! directories, a finished run's text, and the binary started with every provider's
//! credentials in its environment.
#![allow(dead_code)] // each test module uses a different subset

use std::path::{Path, PathBuf};
use std::process::Output;

use spec::load::SpecFile;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The workspace's `specs/`.
pub fn specs() -> PathBuf {
    root().join("specs")
}

/// Every spec of `specs/`, validated.
pub fn files() -> Vec<SpecFile> {
    spec::validate::load_and_validate(&[specs()], None)
        .expect("specs validate")
        .files()
        .to_vec()
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// A finished run's standard output, then its standard error.
pub fn text(out: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The credentials every provider gets from the environment.
pub struct Credentials {
    pub token: &'static str,
    pub access: &'static str,
    pub secret: &'static str,
}

/// `conformance ARGS` with every provider's token and signing keys set to `credentials`.
pub async fn conformance(args: &[&str], credentials: &Credentials) -> Output {
    let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_conformance"));
    cmd.args(args).kill_on_drop(true);
    for f in files() {
        let id = &f.spec.provider.id;
        let (access, secret) = conformance::live::key_env_vars(id);
        cmd.env(spec::model::token_var(id), credentials.token)
            .env(access, credentials.access)
            .env(secret, credentials.secret);
    }
    cmd.output().await.expect("the run starts")
}
