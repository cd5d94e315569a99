//! The generated example program of every provider the specs define (`generated/examples/`,
//! one per provider, in the typed builder style) runs against the embedded mock and exits
//! successfully, having printed the status of its call. The programs run as a separate cargo
//! invocation, as the protocol tests do: this crate does not link the generated clients.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `cargo SUBCOMMAND` on this workspace, quiet and offline.
fn cargo(subcommand: &str) -> Command {
    let mut c = spec::workspace::cargo_command();
    c.args([subcommand, "--offline", "-q", "--manifest-path"])
        .arg(root().join("Cargo.toml"));
    c
}

#[tokio::test]
async fn every_example_program_runs_against_the_mock() {
    let validated =
        spec::validate::load_and_validate(&[root().join("specs")], None).expect("specs validate");
    let files = validated.files();
    assert!(!files.is_empty(), "no specs");
    let status = cargo("build")
        .args(["-p", "generated", "--examples"])
        .status()
        .expect("run cargo");
    assert!(status.success(), "the example programs do not build");
    let mock = conformance::mock::spawn(files, "127.0.0.1:0".parse().expect("addr"), false)
        .await
        .expect("mock binds");
    let mut failures = Vec::new();
    for f in files {
        // A provider's module, example and environment prefix are its (snake_case) id.
        let id = f.spec.provider.id.as_str();
        let url = mock.provider_base_url(id);
        // The mock answers on this runtime: wait for the program without blocking it.
        let mut program = tokio::process::Command::from(cargo("run"));
        let out = program
            .args(["-p", "generated", "--example", id])
            .env(format!("{}_BASE_URL", id.to_uppercase()), &url)
            .output()
            .await
            .expect("run cargo");
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() || !stdout.contains("HTTP ") {
            failures.push(format!(
                "{id}: {}\nstdout:\n{stdout}\nstderr:\n{}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    mock.stop().await;
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
