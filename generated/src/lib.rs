// Generated from specs/gaussdb_mysql.yaml, specs/oms.yaml, specs/otc_dcs.yaml, specs/zomro.yaml by `cargo xtask codegen`; do not edit.
//! Typed async clients for backup APIs, one module per provider, rendered from the
//! specs by `cargo xtask codegen`.
//!
//! - **Client**: `Client::builder()` with the base URL (or its variables), the
//!   credential and the settings every call shares: `.timeout(..)` (default 15 s, the
//!   body read included; error `Timeout`), `.connect_timeout(..)`,
//!   `.max_response_bytes(..)`, `.http_client(..)`; then `.build()`. Cheap to clone.
//! - **Calls**: one method per operation returns its call builder, one setter per
//!   parameter: `client.operation().param(..).other(..).send().await`. A required
//!   parameter left unset is `Error::InvalidInput` naming its setter, and every
//!   documented constraint is checked, before anything is sent. Who holds a whole
//!   request struct passes it with `.request(req)`.
//! - **Pages**: a paginated operation's builder also ends in `.stream()`, every item
//!   from the start that was set (else the first) until the reported total or an empty
//!   page. The stream is `Unpin`: `use generated::runtime::StreamExt` and call
//!   `.next().await`.
//! - **Errors**: each module re-exports `Error`; `Error::Documented { status, error }`
//!   holds the operation's enum of documented failures (its `Display` shows their
//!   message fields, credentials redacted); the other variants are envelope failures,
//!   undocumented statuses, undecodable bodies, redirects, oversized bodies, transport
//!   errors and timeouts.
//! - **Retries**: `Error::is_retryable` says whether the same call may pass later
//!   (429/502/503/504, connection failures, timeouts, documented failures marked
//!   retryable). Builders are `Clone`: keep one and `.clone().send()` again after your
//!   backoff. Each operation's documentation shows all of this in an example.
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
