//! Writes of many accounts at once (imports, the demo): the search index
//! is filled in one statement at the end instead of row by row.

use rusqlite::OptionalExtension;

use super::{Batch, Result};

impl Batch<'_> {
    /// Runs `work` with the accounts it adds left out of the search index,
    /// then indexes them all in one statement, inside the same transaction
    /// (schema 14 explains why row by row is slow). Accounts already here
    /// keep their index entries as they change.
    pub fn with_search_deferred<T>(&self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.tx.execute(
            "UPDATE journal_state SET search_deferred_from = (SELECT coalesce(max(id), 0) + 1 FROM account)
              WHERE only_row = 1",
            [],
        )?;
        let out = work(self)?;
        self.tx.execute(
            "INSERT INTO account_fts (rowid, search_chars, search_initials, search_pinyin)
             SELECT id, search_chars, search_initials, search_pinyin FROM account
              WHERE id >= (SELECT search_deferred_from FROM journal_state WHERE only_row = 1)
              ORDER BY id",
            [],
        )?;
        self.tx.execute("UPDATE journal_state SET search_deferred_from = NULL WHERE only_row = 1", [])?;
        Ok(out)
    }
}

/// Indexes only the reports and screens read, never the writes: a demo
/// of a million activities builds them once at the end (sorted, in one
/// pass) instead of keeping each up to date row by row.
const READ_ONLY_INDEXES: &[&str] = &[
    "activity_by_day",
    "activity_by_next_on",
    "activity_open_follow_ups",
    "activity_visit_by_day",
    "activity_return_visits",
    "activity_by_day_channel",
    "activity_visit_day_account",
    "activity_by_opportunity",
];

impl Batch<'_> {
    /// Runs `work` without the indexes only reads use, then builds them
    /// again from their own definitions, inside the same transaction (a
    /// failure leaves them as they were).
    pub fn with_read_indexes_deferred<T>(&self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        let mut definitions = Vec::new();
        for name in READ_ONLY_INDEXES {
            let sql: Option<String> = self
                .tx
                .query_row("SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1", [name], |r| r.get(0))
                .optional()?;
            if let Some(sql) = sql {
                self.tx.execute(&format!("DROP INDEX \"{name}\""), [])?;
                definitions.push(sql);
            }
        }
        let out = work(self)?;
        for sql in definitions {
            self.tx.execute(&sql, [])?;
        }
        Ok(out)
    }
}
