//! Requests as the mock saw them on the wire, kept for the replay's wire comparison.

use std::sync::Mutex;

use bytes::Bytes;

/// One request as received. Holds credentials verbatim, so `Debug` shows only the address;
/// comparisons redact before printing anything.
#[derive(Clone, PartialEq)]
pub struct Captured {
    pub method: String,
    pub path: String,
    /// Decoded query pairs, in the order sent.
    pub query: Vec<(String, String)>,
    /// Header names lower-cased, values as sent (non-UTF-8 values are dropped).
    pub headers: Vec<(String, String)>,
    pub content_type: Option<String>,
    pub body: Bytes,
}

impl std::fmt::Debug for Captured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Captured")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &format_args!("[{} pairs]", self.query.len()))
            .field("headers", &format_args!("[{} headers]", self.headers.len()))
            .field("body", &format_args!("[{} bytes]", self.body.len()))
            .finish()
    }
}

impl Captured {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Off by default so the standalone mock and the bench pay nothing for it.
#[derive(Debug, Default)]
pub struct CaptureLog {
    enabled: bool,
    entries: Mutex<Vec<Captured>>,
}

impl CaptureLog {
    pub fn enabled() -> Self {
        CaptureLog {
            enabled: true,
            entries: Mutex::default(),
        }
    }

    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    pub fn push(&self, c: Captured) {
        if let Ok(mut e) = self.entries.lock() {
            e.push(c);
        }
    }

    /// Everything captured since the last call.
    pub fn take(&self) -> Vec<Captured> {
        self.entries
            .lock()
            .map(|mut e| std::mem::take(&mut *e))
            .unwrap_or_default()
    }
}
