//! Work over independent items (spec files, providers, renderers): a scoped thread each,
//! results in the items' order, and a panic on any of them raised again on the caller's.

/// `f` of every item, each on a thread of its own, in the items' order.
pub fn each<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a T) -> R + Sync) -> Vec<R> {
    let f = &f;
    std::thread::scope(|scope| {
        let running: Vec<_> = items
            .iter()
            .map(|item| scope.spawn(move || f(item)))
            .collect();
        running
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::each;

    #[test]
    fn results_keep_the_items_order_and_a_panic_reaches_the_caller() {
        let items: Vec<u64> = (0..16).collect();
        // Later items finish first: the order must still be the items'.
        let out = each(&items, |&i| {
            std::thread::sleep(std::time::Duration::from_millis(16 - i));
            i * 2
        });
        assert_eq!(out, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        let caught = std::panic::catch_unwind(|| each(&[1, 2], |&i| assert_ne!(i, 2, "planted")));
        assert!(caught.is_err());
    }
}
