//! Reading a request body within three bounds: the per-request cap, the body timeout, and
//! an aggregate budget of body bytes held at once by every request being read (all
//! connections and worker threads together), so that many slow partial bodies cannot hold
//! `connections × cap` bytes. A request whose next bytes do not fit the budget is refused at
//! once and what it held is given back.

use std::time::Duration;

use bytes::{Bytes, BytesMut};
use http_body_util::BodyExt;
use hyper::body::Body as _;
use tokio::sync::watch;

/// Bodies above this are refused before parsing.
pub const BODY_LIMIT: usize = 1 << 20;

/// Body bytes held at once across connections, and the most that may be.
#[derive(Debug)]
pub struct Budget {
    cap: usize,
    /// The bytes held now; a watch so that callers (tests, metrics) can await a level.
    held: watch::Sender<usize>,
}

impl Budget {
    pub fn new(cap: usize) -> Self {
        Budget {
            cap,
            held: watch::Sender::new(0),
        }
    }

    /// The bytes held now, as a receiver that sees every change.
    pub fn watch(&self) -> watch::Receiver<usize> {
        self.held.subscribe()
    }

    /// Take `n` more bytes if they fit (one check-and-add under the watch's lock).
    fn reserve(&self, n: usize) -> bool {
        self.held
            .send_if_modified(|held| match held.checked_add(n) {
                Some(total) if total <= self.cap => {
                    *held = total;
                    n > 0
                }
                _ => false,
            })
            || n == 0
    }

    fn release(&self, n: usize) {
        if n > 0 {
            self.held.send_modify(|held| *held = held.saturating_sub(n));
        }
    }
}

/// Bytes of the budget one request holds; given back when dropped (the request answered,
/// refused, timed out or its connection gone).
pub struct Held<'a> {
    budget: &'a Budget,
    bytes: usize,
}

impl Drop for Held<'_> {
    fn drop(&mut self) {
        self.budget.release(self.bytes);
    }
}

/// Why a body was not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyError {
    /// Over [`BODY_LIMIT`] (declared or sent).
    TooLarge,
    /// The aggregate budget is spent by other requests.
    OverBudget,
    /// Not valid HTTP/1.1 body framing (a malformed chunk size, a truncated body).
    Malformed,
    /// Not all there within the body timeout.
    TimedOut,
}

/// Read the whole body; the bytes stay counted against `budget` while the returned
/// [`Held`] lives.
pub async fn read<'a>(
    mut body: hyper::body::Incoming,
    budget: &'a Budget,
    timeout: Duration,
) -> Result<(Bytes, Held<'a>), BodyError> {
    if body.size_hint().lower() > BODY_LIMIT as u64 {
        return Err(BodyError::TooLarge);
    }
    let collect = async move {
        let mut held = Held { budget, bytes: 0 };
        let mut buf = BytesMut::new();
        while let Some(frame) = body.frame().await {
            let frame = frame.map_err(|_| BodyError::Malformed)?;
            let Ok(data) = frame.into_data() else {
                continue; // trailers
            };
            if buf.len() + data.len() > BODY_LIMIT {
                return Err(BodyError::TooLarge);
            }
            if !budget.reserve(data.len()) {
                return Err(BodyError::OverBudget);
            }
            held.bytes += data.len();
            buf.extend_from_slice(&data);
        }
        Ok((buf.freeze(), held))
    };
    tokio::time::timeout(timeout, collect)
        .await
        .unwrap_or(Err(BodyError::TimedOut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_holds_and_gives_back() {
        let b = Budget::new(10);
        assert!(b.reserve(6));
        assert!(!b.reserve(5), "over the cap");
        assert!(b.reserve(4));
        assert_eq!(*b.watch().borrow(), 10);
        b.release(10);
        assert_eq!(*b.watch().borrow(), 0);
        assert!(!b.reserve(usize::MAX), "no overflow");
    }
}
