//! Requests as the mock saw them on the wire, kept for the replay's wire comparison: in the
//! comparator's own shape ([`CapturedRequest`], whose `Debug` shows no value).

use std::sync::Mutex;

pub use protocol_test::CapturedRequest;

/// Off by default so the standalone mock and the bench pay nothing for it.
#[derive(Debug, Default)]
pub struct CaptureLog {
    enabled: bool,
    entries: Mutex<Vec<CapturedRequest>>,
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

    pub fn push(&self, c: CapturedRequest) {
        if let Ok(mut e) = self.entries.lock() {
            e.push(c);
        }
    }

    /// Everything captured since the last call.
    pub fn take(&self) -> Vec<CapturedRequest> {
        self.entries
            .lock()
            .map(|mut e| std::mem::take(&mut *e))
            .unwrap_or_default()
    }
}
