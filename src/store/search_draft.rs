//! The accounts' search index of a first import, built on another thread
//! while the import writes its rows, then copied into the book whole.
//!
//! Why: for 100,000 accounts the search index is about 40% of the
//! import's writing (suffix tokens, prefix indexes), and SQLite writes
//! one file from one thread. A second connection can build the same
//! FTS5 table in a file of its own at the same time, on the other core;
//! the finished index is then a few thousand blobs to copy.
//!
//! Only for a book with no accounts (and so an empty index): an FTS5
//! index is segments listed in one structure record, and two indexes
//! cannot be joined by copying rows, only one put in the place of an
//! empty one. Any other book indexes its new accounts in one statement
//! at the end (`with_search_deferred`).

use std::path::PathBuf;

use rusqlite::types::ToSqlOutput;
use rusqlite::{Connection, OptionalExtension, params};

use super::{Batch, Result};
use crate::domain::search::SearchText;

/// The tables FTS5 keeps an index in, copied whole. (`_config` holds the
/// table's settings, made with the table from the same definition, and
/// the external content is the account table itself.)
const INDEX_TABLES: [&str; 2] = ["account_fts_data", "account_fts_idx"];

/// A search index being built in a file of its own, one account at a
/// time, in one transaction. Moved to the thread that builds it.
pub struct SearchDraft {
    conn: Connection,
    file: DraftFile,
}

/// A finished draft: its index, ready to be copied into the book.
pub struct FinishedDraft {
    conn: Connection,
    _file: DraftFile,
}

/// The draft's file, removed when the draft is done with, whatever
/// happened (the connection closes first: it is declared first).
struct DraftFile(PathBuf);

impl Drop for DraftFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl SearchDraft {
    /// Indexes account `id` with its search text, exactly as its row
    /// keeps it (the index finds the words to remove from the row).
    pub fn add(&mut self, id: i64, text: &SearchText) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO account_fts (rowid, search_chars, search_initials, search_pinyin) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, text.chars, text.initials, text.pinyin])?;
        Ok(())
    }

    /// Indexes the accounts that come over `texts`, in batches, until the
    /// sender is done; the finished draft, or `None` when any of them could
    /// not be written to it (the book then indexes them itself).
    pub fn build_from(mut self, texts: std::sync::mpsc::Receiver<Vec<(i64, SearchText)>>) -> Option<FinishedDraft> {
        let mut whole = true;
        for batch in texts {
            whole = whole && batch.iter().all(|(id, text)| self.add(*id, text).is_ok());
        }
        // Merged into one segment, so each search reads one list per term:
        // the demo's writes go on long after its companies are indexed,
        // so this costs it no time (an import's draft has no such spare).
        // At scale L its 18 segments made the filter's p99 a fifth slower.
        whole = whole && self.conn.execute("INSERT INTO account_fts (account_fts) VALUES ('optimize')", []).is_ok();
        whole.then(|| self.finish().ok()).flatten()
    }

    /// Writes out what is still in memory.
    pub fn finish(self) -> Result<FinishedDraft> {
        self.conn.execute_batch("COMMIT")?;
        Ok(FinishedDraft { conn: self.conn, _file: self.file })
    }
}

/// How old a draft's file must be to be taken for abandoned: a draft is
/// written from start to end of one import or demo, minutes at the most.
const ABANDONED_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the draft files (`kam-search-….sqlite3`) in `folder` left by a
/// kam that was killed mid-import (its own removal never ran): those not
/// written to for an hour. Best effort: one that cannot be read or removed
/// is left.
fn remove_abandoned_drafts(folder: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with("kam-search-") && name.ends_with(".sqlite3")) {
            continue;
        }
        let age = entry.metadata().and_then(|m| m.modified()).ok().and_then(|at| at.elapsed().ok());
        if age.is_some_and(|age| age > ABANDONED_AFTER) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Batch<'_> {
    /// A draft of the search index for the accounts about to be added, when
    /// the book has none (see the module's note); `None` otherwise, or
    /// when no file for it can be made (the index is then built at the end
    /// as for any book).
    pub fn search_draft(&self) -> Result<Option<SearchDraft>> {
        let any_account: Option<i64> =
            self.tx.query_row("SELECT id FROM account LIMIT 1", [], |r| r.get(0)).optional()?;
        let any_indexed: Option<i64> =
            self.tx.query_row("SELECT segid FROM account_fts_idx LIMIT 1", [], |r| r.get(0)).optional()?;
        if any_account.is_some() || any_indexed.is_some() {
            return Ok(None);
        }
        // Only with the rollback journal (`with_rollback_journal`: no other
        // kam has the file open). Going back to the WAL after resets the
        // pages SQLite holds, which FTS5 takes as the index changed by
        // someone else and reads afresh, as it does for another kam's
        // write. In the WAL this connection keeps its own view of the
        // index: a later write to it here (undo) failed in testing.
        let mode: String = self.tx.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("delete") {
            return Ok(None);
        }
        // The same table, from the book's own definition: same columns,
        // tokenizer and prefix indexes, so the same bytes.
        let definition: String = self.tx.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'account_fts'",
            [],
            |r| r.get(0),
        )?;
        remove_abandoned_drafts(&std::env::temp_dir());
        let path = std::env::temp_dir().join(format!(
            "kam-search-{}-{}.sqlite3",
            std::process::id(),
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos())
        ));
        let file = DraftFile(path);
        let made = Connection::open(&file.0).and_then(|conn| {
            // A scratch file: nothing to recover after a crash.
            conn.execute_batch(
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;",
            )?;
            conn.execute_batch(&definition)?;
            // FTS5 writes what it holds in memory as a small segment every
            // megabyte and, by default, merges four of a level into one:
            // for 100,000 accounts nearly half the draft's work was merging
            // the same terms again and again. Merged sixteen at a time the
            // draft took a quarter less, and ends with fewer segments (6
            // instead of 11) for searches to read. A setting of the draft's
            // own `_config`, which is not copied: the book's index keeps
            // its own for the accounts added later, one by one.
            conn.execute_batch("INSERT INTO account_fts (account_fts, rank) VALUES ('automerge', 16)")?;
            conn.execute_batch("BEGIN")?;
            Ok(conn)
        });
        Ok(made.ok().map(|conn| SearchDraft { conn, file }))
    }

    /// Puts the draft's index in the place of the book's empty one.
    pub fn adopt_search_draft(&self, draft: FinishedDraft) -> Result<()> {
        // 'delete-all' empties the index through FTS5 itself, which also
        // forgets the layout it keeps in memory for this connection (read
        // when the book was made); the rows copied next are read afresh.
        self.tx.execute("INSERT INTO account_fts (account_fts) VALUES ('delete-all')", [])?;
        for table in INDEX_TABLES {
            // `table` is one of the constants above, never input.
            self.tx.execute(&format!("DELETE FROM {table}"), [])?;
            let mut read = draft.conn.prepare(&format!("SELECT * FROM {table}"))?;
            let columns = read.column_count();
            let marks = vec!["?"; columns].join(", ");
            let mut write = self.tx.prepare(&format!("INSERT INTO {table} VALUES ({marks})"))?;
            let mut rows = read.query([])?;
            while let Some(row) = rows.next()? {
                let values: Vec<ToSqlOutput<'_>> =
                    (0..columns).map(|i| row.get_ref(i).map(ToSqlOutput::Borrowed)).collect::<rusqlite::Result<_>>()?;
                write.execute(rusqlite::params_from_iter(values))?;
            }
        }
        // The accounts so far are indexed, and kept so by the triggers;
        // any added after are left for the catch-up (`with_search_deferred`).
        self.tx.execute(
            "UPDATE journal_state SET search_deferred_from = (SELECT coalesce(max(id), 0) + 1 FROM account)
              WHERE only_row = 1",
            [],
        )?;
        Ok(())
    }
}
