// Generated from specs/gaussdb_mysql.yaml, specs/oms.yaml, specs/otc_dcs.yaml, specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Protocol tests: one test per documented example, one file per provider beside
//! this one. Each calls the operation with the example's values through the
//! typed request and compares the value decoded (and the request sent, when
//! captured) with literals written by the generator from the spec. The server is a
//! capture server of the test's own serving the documented response, or, with
//! `PROTOCOL_TEST_BASE_URL` set to a URL template such as
//! `http://127.0.0.1:8080/~{provider}`, a running mock asked for the example with
//! `Prefer: example=NAME`.
/// Sent and expected instead of the documented credential.
const CREDENTIAL: &str = "placeholder-credential";
mod gaussdb_mysql;
mod oms;
mod otc_dcs;
mod zomro;
