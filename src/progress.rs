//! How far a long command has got: the writers of many records (imports,
//! the demo, exports) count what they did here; the command line draws it
//! on standard error (`cli::progress_bar`) once the work has taken more
//! than a second. Counting is one atomic add, so the writers need not know
//! whether anyone is watching.

use std::sync::atomic::{AtomicU64, Ordering};

static DONE: AtomicU64 = AtomicU64::new(0);
/// How many there will be, when known (0: not known).
static TOTAL: AtomicU64 = AtomicU64::new(0);

/// Starts counting again, towards `total` when it is known.
pub fn start(total: Option<u64>) {
    DONE.store(0, Ordering::Relaxed);
    TOTAL.store(total.unwrap_or(0), Ordering::Relaxed);
}

/// One more record done.
pub fn step() {
    DONE.fetch_add(1, Ordering::Relaxed);
}

/// Done so far, and the total when known.
pub fn now() -> (u64, Option<u64>) {
    let total = TOTAL.load(Ordering::Relaxed);
    (DONE.load(Ordering::Relaxed), (total > 0).then_some(total))
}
