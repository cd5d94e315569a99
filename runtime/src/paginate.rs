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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use futures_util::StreamExt;

    use super::*;

    #[derive(Debug)]
    enum NoErrors {}

    /// A list of `len` items numbered from `first`, served `per_page` at a time; `total` is
    /// what each page reports. Returns the items streamed and the starts asked for.
    async fn walk(len: i64, per_page: i64, total: Option<i64>, from: i64) -> (Vec<i64>, Vec<i64>) {
        const FIRST: i64 = 1;
        let asked = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&asked);
        let stream = paginate::<i64, NoErrors, _, _>(FIRST, from, move |start| {
            log.lock().expect("lock").push(start);
            let end = (start + per_page).min(FIRST + len);
            async move { Ok(((start..end).collect(), total)) }
        });
        let items: Vec<i64> = stream
            .map(|r| r.expect("no error"))
            .collect::<Vec<_>>()
            .await;
        let asked = asked.lock().expect("lock").clone();
        (items, asked)
    }

    #[tokio::test]
    async fn walks_every_page_and_stops_at_the_total() {
        let (items, asked) = walk(25, 10, Some(25), 1).await;
        assert_eq!(items, (1..=25).collect::<Vec<_>>());
        assert_eq!(asked, [1, 11, 21]);
    }

    #[tokio::test]
    async fn starts_where_the_caller_asked() {
        let (items, asked) = walk(25, 10, Some(25), 8).await;
        assert_eq!(items, (8..=25).collect::<Vec<_>>());
        assert_eq!(asked, [8, 18]);
    }

    #[tokio::test]
    async fn stops_on_an_empty_page_without_a_total() {
        let (items, asked) = walk(20, 10, None, 1).await;
        assert_eq!(items, (1..=20).collect::<Vec<_>>());
        assert_eq!(asked, [1, 11, 21]);
    }

    #[tokio::test]
    async fn a_failure_ends_the_stream() {
        let stream = paginate::<i64, NoErrors, _, _>(1, 1, |start| async move {
            if start == 1 {
                Ok((vec![1, 2], Some(10)))
            } else {
                Err(Error::Timeout("slow".into()))
            }
        });
        let got: Vec<_> = stream.collect().await;
        assert_eq!(got.len(), 3);
        assert!(matches!(got[2], Err(Error::Timeout(_))));
    }
}
