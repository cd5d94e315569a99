//! The mock server as its own process: `conformance-mock [--listen ADDR] [--token VALUE] [SPEC...]`.
//! Prints `mock listening on http://ADDR` once serving (port 0 picks a free port).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut listen = String::from("127.0.0.1:8080");
    let mut paths = Vec::new();
    let mut token = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--listen" => match args.next() {
                Some(v) => listen = v,
                None => return usage("--listen needs an address"),
            },
            "--token" => match args.next() {
                Some(v) => token = Some(runtime::Secret::new(v)),
                None => return usage("--token needs a value"),
            },
            "--spec" => match args.next() {
                Some(v) => paths.push(PathBuf::from(v)),
                None => return usage("--spec needs a path"),
            },
            other if other.starts_with('-') => return usage(&format!("unknown flag {other}")),
            other => paths.push(PathBuf::from(other)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("specs"));
    }
    let Ok(addr) = listen.parse::<SocketAddr>() else {
        return usage("--listen wants HOST:PORT, e.g. 127.0.0.1:8080");
    };
    let files = match spec::load::load_paths(&paths) {
        Ok(f) => f,
        Err(d) => {
            eprint!("{d}");
            return ExitCode::FAILURE;
        }
    };
    match conformance::mock::serve_until_ctrl_c(&files, addr, token) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mock: {e}");
            ExitCode::FAILURE
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("conformance-mock: {problem}\nusage: conformance-mock [--listen HOST:PORT] [--token VALUE] [--spec FILE]... [SPEC...]");
    ExitCode::FAILURE
}
