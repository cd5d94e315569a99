//! Offset pagination: a stream over all items that walks the start index page by page, from
//! where the caller asked, until the reported total is reached or a page comes back empty.

use std::future::Future;
use std::pin::Pin;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use super::error::Error;

/// The items of a paginated operation, page after page. Boxed so that it is `Unpin`
/// (`stream.next().await` works without pinning) and nameable.
pub type ItemStream<'a, T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send + 'a>>;

enum State<F> {
    Next { fetch: F, start: i64 },
    Done,
}

/// `fetch(start)` returns one page's items and, when the page says, the total number of
/// items. Indices count from `first`; the walk begins at `from` (the caller's start), so a
/// total is reached once `start - first + items` covers it.
pub fn paginate<'a, T, E, F, Fut>(first: i64, from: i64, fetch: F) -> ItemStream<'a, T, E>
where
    T: Send + 'a,
    E: Send + 'a,
    F: FnMut(i64) -> Fut + Send + 'a,
    Fut: Future<Output = Result<(Vec<T>, Option<i64>), Error<E>>> + Send + 'a,
{
    let pages = stream::unfold(
        State::Next { fetch, start: from },
        move |state| async move {
            let State::Next { mut fetch, start } = state else {
                return None;
            };
            match fetch(start).await {
                Err(e) => Some((vec![Err(e)], State::Done)),
                Ok((items, total)) => {
                    let n = items.len() as i64;
                    let reached = total.is_some_and(|total| start - first + n >= total);
                    let next = if n == 0 || reached {
                        State::Done
                    } else {
                        State::Next {
                            fetch,
                            start: start + n,
                        }
                    };
                    Some((items.into_iter().map(Ok).collect::<Vec<_>>(), next))
                }
            }
        },
    );
    Box::pin(pages.flat_map(stream::iter))
}

/// A stream of one error: the call could not be made (a required parameter is missing).
pub fn failed<'a, T: Send + 'a, E: Send + 'a>(error: Error<E>) -> ItemStream<'a, T, E> {
    Box::pin(stream::iter([Err(error)]))
}
