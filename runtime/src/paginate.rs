//! Offset pagination: a stream over all items that walks the start index page by page until
//! the reported total is reached (or a page comes back empty).

use std::future::Future;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use super::error::Error;

enum State<F> {
    Next { fetch: F, start: i64, seen: i64 },
    Done,
}

/// `fetch(start)` returns one page's items and the total number of items.
pub fn paginate<T, E, F, Fut>(first: i64, fetch: F) -> impl Stream<Item = Result<T, Error<E>>>
where
    F: FnMut(i64) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, i64), Error<E>>>,
{
    let pages = stream::unfold(
        State::Next {
            fetch,
            start: first,
            seen: 0,
        },
        |state| async move {
            let State::Next {
                mut fetch,
                start,
                seen,
            } = state
            else {
                return None;
            };
            match fetch(start).await {
                Err(e) => Some((vec![Err(e)], State::Done)),
                Ok((items, total)) => {
                    let n = items.len() as i64;
                    let seen = seen + n;
                    let next = if n == 0 || seen >= total {
                        State::Done
                    } else {
                        State::Next {
                            fetch,
                            start: start + n,
                            seen,
                        }
                    };
                    Some((items.into_iter().map(Ok).collect::<Vec<_>>(), next))
                }
            }
        },
    );
    pages.flat_map(stream::iter)
}
