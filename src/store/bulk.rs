//! Writes of many accounts at once (imports, the demo): the search index
//! is filled in one statement at the end instead of row by row.

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
