//! For the benchmarks: the statements a piece of work runs, with their
//! values filled in, so the same SQL can be timed in the `sqlite3` shell
//! on the same file (SPEC §9: a report within 1.5× of its own SQL).

use std::sync::Mutex;

use rusqlite::trace::{TraceEvent, TraceEventCodes};

use super::Store;

static LOG: Mutex<Vec<(String, std::time::Duration)>> = Mutex::new(Vec::new());

fn keep(event: TraceEvent<'_>) {
    if let TraceEvent::Profile(stmt, took) = event
        && let Some(sql) = stmt.expanded_sql()
        && let Ok(mut log) = LOG.lock()
    {
        log.push((sql, took));
    }
}

impl Store {
    /// Starts (or stops) keeping every statement this store runs.
    pub fn record_sql(&self, on: bool) {
        if on {
            self.conn.trace_v2(TraceEventCodes::SQLITE_TRACE_PROFILE, Some(keep));
        } else {
            self.conn.trace_v2(TraceEventCodes::empty(), None);
        }
    }
}

/// The statements kept so far with the time each took, emptying the log.
pub fn take_recorded_sql() -> Vec<(String, std::time::Duration)> {
    LOG.lock().map(|mut log| std::mem::take(&mut *log)).unwrap_or_default()
}
