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
        // The insert trigger, though its condition says no, makes every
        // INSERT of an account a write that may touch more than one row:
        // SQLite then copies each page the row touches into a statement
        // journal first (8 pages a row). Without it the row is one write.
        let trigger = self.set_aside("trigger", &["account_fts_insert"])?;
        let out = work(self)?;
        self.make_again(trigger)?;
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

impl Batch<'_> {
    /// Runs `work`, which adds many rows to `tables` (name, integer key)
    /// inside a recorded action, with their journal's insert triggers set
    /// aside, then journals every row it added in one statement per table:
    /// the rows whose key is past the table's largest before `work` (keys
    /// only grow, so those are the rows it made). Undo deletes them, as the
    /// triggers' row-by-row entries would have it do; an update of such a
    /// row (its external id) is no change to put back, so its entry gives
    /// way to the insert, and a row made and deleted within `work` leaves
    /// none. Outside a recorded action it just runs `work`.
    pub fn with_insert_journal_deferred<T>(
        &self,
        tables: &[(&str, &str)],
        work: impl FnOnce(&Batch<'_>) -> Result<T>,
    ) -> Result<T> {
        let recording: bool =
            self.tx.query_row("SELECT recording FROM journal_state WHERE only_row = 1", [], |r| r.get(0))?;
        if !recording {
            return work(self);
        }
        let mut first_new = Vec::new();
        for (table, key) in tables {
            let next: i64 =
                self.tx
                    .query_row(&format!("SELECT coalesce(max(\"{key}\"), 0) + 1 FROM \"{table}\""), [], |r| r.get(0))?;
            first_new.push(next);
        }
        let triggers: Vec<String> = tables.iter().map(|(table, _)| format!("kam_{table}_journal_insert")).collect();
        let names: Vec<&str> = triggers.iter().map(String::as_str).collect();
        let definitions = self.set_aside("trigger", &names)?;
        let out = work(self)?;
        self.make_again(definitions)?;
        for ((table, key), first) in tables.iter().zip(first_new) {
            self.tx.execute(
                "DELETE FROM change_journal
                  WHERE action_id = (SELECT max(id) FROM change_action) AND table_name = ?1 AND row_id >= ?2",
                rusqlite::params![table, first],
            )?;
            self.tx.execute(
                &format!(
                    "INSERT INTO change_journal (action_id, table_name, row_id, op)
                     SELECT (SELECT max(id) FROM change_action), ?1, \"{key}\", 'insert'
                       FROM \"{table}\" WHERE \"{key}\" >= ?2 ORDER BY \"{key}\""
                ),
                rusqlite::params![table, first],
            )?;
        }
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
    "activity_return_visits",
    "activity_by_day_channel",
    "activity_visit_day_account",
    "activity_by_opportunity",
    "activity_contact_by_contact",
    "activity_contact_by_activity",
    "contact_by_account",
    "opportunity_on_board",
    "opportunity_by_expected_close",
    "opportunity_won_by_day",
    "opportunity_lost_by_day",
    "opportunity_paid_up",
    "stage_move_by_time",
    "stage_move_flow",
    "receipt_by_day",
    "contract_return_visits",
    "complaint_by_received",
    "complaint_by_closed",
    "complaint_return_visits",
    "survey_by_day",
];

/// Indexes a generated write never looks through, though other writes do
/// (an account's activities when it is deleted, the follow-up an activity
/// kept, an account's last visit): the generator makes every link itself,
/// and the visit plan's last visits are worked out in one statement at the
/// end (`with_activity_triggers_deferred`). Each of them, kept up to date
/// row by row in no order, cost the demo at scale L more than all of them
/// built at the end.
const GENERATED_LOOKUP_INDEXES: &[&str] = &["activity_by_account", "activity_visit_by_account", "activity_by_keeps"];

/// The accounts' own indexes that only reads use: a first import
/// builds them once at the end too.
const ACCOUNT_READ_ONLY_INDEXES: &[&str] =
    &["account_by_name", "account_by_sort_name", "account_by_created", "account_by_tier"];

impl Batch<'_> {
    /// Runs `work` (an import of accounts) without the accounts' read-only
    /// indexes when the book has no accounts yet, then builds them from
    /// the rows in one sorted pass: 100,000 names put one by one into four
    /// indexes in no order cost more than sorting them once. A book with
    /// accounts keeps its indexes as they are: building them again would
    /// cost more than the rows added.
    pub fn with_account_read_indexes_deferred_when_first<T>(
        &self,
        work: impl FnOnce(&Batch<'_>) -> Result<T>,
    ) -> Result<T> {
        let first: bool = self.tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM account)", [], |r| r.get(0))?;
        if !first {
            return work(self);
        }
        let definitions = self.set_aside("index", ACCOUNT_READ_ONLY_INDEXES)?;
        let out = work(self)?;
        self.build_again(definitions)?;
        Ok(out)
    }

    /// Runs `work` (a generated write: the demo) without the indexes only
    /// reads use and those a generated write never looks through, then
    /// builds them again from their own definitions (`build_again`), inside
    /// the same transaction (a failure leaves them as they were).
    pub fn with_read_indexes_deferred<T>(&self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        let mut names = READ_ONLY_INDEXES.to_vec();
        names.extend_from_slice(ACCOUNT_READ_ONLY_INDEXES);
        names.extend_from_slice(GENERATED_LOOKUP_INDEXES);
        let definitions = self.set_aside("index", &names)?;
        let out = work(self)?;
        self.build_again(definitions)?;
        Ok(out)
    }

    /// Drops the schema objects of `kind` (`index`, `trigger`) named in
    /// `names` that exist, and gives back their definitions. The names
    /// are this file's constants, never input.
    pub(super) fn set_aside(&self, kind: &str, names: &[&str]) -> Result<Vec<String>> {
        let mut definitions = Vec::new();
        for name in names {
            let sql: Option<String> = self
                .tx
                .query_row("SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2", [kind, name], |r| r.get(0))
                .optional()?;
            if let Some(sql) = sql {
                let drop = if kind == "index" { "DROP INDEX" } else { "DROP TRIGGER" };
                self.tx.execute(&format!("{drop} \"{name}\""), [])?;
                definitions.push(sql);
            }
        }
        Ok(definitions)
    }

    /// Makes again what `set_aside` dropped, from its own definitions.
    pub(super) fn make_again(&self, definitions: Vec<String>) -> Result<()> {
        for sql in definitions {
            self.tx.execute(&sql, [])?;
        }
        Ok(())
    }

    /// Builds again the indexes `set_aside` dropped, with the page cache
    /// made small while they are built. SQLite sorts an index's keys in
    /// runs as big as the page cache: the demo's 512 MiB made each of a
    /// million activities' indexes one sort too big for the processor's
    /// caches, and each new index page took a slot among the pages still
    /// to write. In runs of 4 MiB, sorted on a second thread where the
    /// connection allows one (`Store::batch_generated`), the demo's indexes
    /// at scale L took 4 s instead of 14. The pages written so far go to
    /// the file first, as the commit would have written them anyway. (An
    /// import's few indexes of 100,000 accounts gained nothing from it.)
    fn build_again(&self, definitions: Vec<String>) -> Result<()> {
        let cache: i64 = self.tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.tx.pragma_update(None, "cache_size", -4096)?;
        let built = self.make_again(definitions);
        self.tx.pragma_update(None, "cache_size", cache)?;
        built
    }
}

impl super::Store {
    /// A batch that fills the file with what its writer generates (the
    /// demo): every link right by construction, a million rows and more.
    /// SQLite's foreign key checks, a lookup per link per row, are off
    /// while it writes (a pragma that only changes outside a transaction,
    /// set back after, whatever happened); the file keeps a rollback
    /// journal (`with_rollback_journal`); the undo journal's triggers,
    /// which record nothing outside an action, are set aside.
    pub fn batch_generated<T>(&mut self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let out = self.with_sorts_on_disk(|store| {
            store.with_rollback_journal(|store| store.batch(|b| b.without_idle_journal_triggers(work)))
        });
        self.conn.pragma_update(None, "foreign_keys", true)?;
        out
    }

    /// Runs `work` (a big write that builds indexes at the end) with
    /// SQLite's sorts kept in temporary files, set back after, whatever
    /// happened. The app keeps them in memory (see `open`): an index built
    /// over 300,000 imported accounts took its memory from 75 to 115 MB.
    /// On disk the sort also runs on a helper thread, which it never does
    /// in memory. Both pragmas change only outside a transaction.
    pub fn with_sorts_on_disk<T>(&mut self, work: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.conn.pragma_update(None, "temp_store", "FILE")?;
        self.conn.pragma_update(None, "threads", 2)?;
        let out = work(self);
        self.conn.pragma_update(None, "threads", 0)?;
        self.conn.pragma_update(None, "temp_store", "MEMORY")?;
        out
    }

    /// Runs `work` (one big write: the demo, an import) with the file
    /// keeping a rollback journal instead of the WAL, when no other
    /// connection has it open; the WAL is set back after, whatever
    /// happened. Pages new to the file are then written once, into the
    /// file; through the WAL they are written twice (the WAL, then the
    /// checkpoint): 190 MB more for 100,000 imported accounts, 1.2 GB more
    /// for the demo at scale L. A crash still loses nothing: the journal
    /// rolls the file back on the next open, which sets the WAL again.
    /// With another kam open on the file it stays in WAL, so that kam
    /// reads on while the write goes; a kam started during the write waits
    /// for it to end (so imports into a book with accounts keep the WAL).
    pub fn with_rollback_journal<T>(&mut self, work: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let rollback_journal = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| r.get::<_, String>(0))
            .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
        let out = work(self);
        if rollback_journal {
            let wal = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
            let out = out?;
            wal?;
            return Ok(out);
        }
        out
    }
}
