// Generated from specs/gaussdb_mysql.yaml, specs/oms.yaml, specs/otc_dcs.yaml, specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Typed async clients for backup APIs, one module per provider, rendered from the
//! specs by `cargo xtask codegen`. Each module has a `Client` (built with
//! `Client::builder()`), one async method per operation taking a typed request, and
//! the models, request types and per-operation error enums the methods use.
/// The runtime support the clients call (errors, secrets, wire encodings).
pub use runtime;
/// Huawei Cloud GaussDB(for MySQL): Manual full backups of GaussDB(for MySQL) instances.
pub mod gaussdb_mysql;
/// OMS web service (backup applications): Application forms for data backups of server processes on a Yii-based OMS web service; one URL per action, selected further by query discriminators.
pub mod oms;
/// Open Telekom Cloud Distributed Cache Service (DCS): Backup records of DCS (Redis/Memcached) instances, read with paging and a time window.
pub mod otc_dcs;
/// Zomro cloud VPS (BILLmanager API): Backup schedules of a cloud VPS instance, driven through BILLmanager functions posted as form data to one URL.
pub mod zomro;
