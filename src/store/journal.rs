//! The change journal: every user action is recorded (by generated
//! triggers, see `journal_triggers.rs`) and can be undone, newest first,
//! and redone.
//!
//! An action is one row of `change_action`: a kind (a code the caller
//! owns, translated when shown), the record's name, where it came from and
//! which process session made it. Undo replays the action's row images
//! backwards while recording what it changes as an undo record; redo
//! replays that undo record backwards. A new action ends the redo chain.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::journal_triggers::{JournaledTable, ident, journaled_tables, literal};
use super::{Batch, RecordMeta, Result, Store, StoreError, parse_timestamp};

/// One recorded action, for the status line and the undo question.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionInfo {
    pub id: i64,
    /// The caller's code for what it was (`ops::ActionKind`); empty for
    /// actions recorded before kinds existed, whose `label` says it.
    pub kind: String,
    /// The record's name: the account, the deal, the day.
    pub subject: String,
    /// The English label kept by kam before schema 4.
    pub label: String,
    /// Where it came from: `app`, `log`, `import`, ...
    pub origin: String,
    pub at: Option<DateTime<Utc>>,
    /// Made by this very process (this app session).
    pub own: bool,
}

const ACTION_COLUMNS: &str = "id, kind, subject, label, origin, at, session";

impl Store {
    /// Runs `work` as one user action: one transaction, journaled so that
    /// `undo` can take it back. `kind` is the caller's code for what it is,
    /// `subject` the record's name, both shown when it is undone.
    pub fn action<T>(&mut self, kind: &str, subject: &str, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        let origin = self.origin.clone();
        let session = self.session.clone();
        self.batch(|b| {
            b.begin_action(kind, subject, &origin, &session, None)?;
            let out = work(b)?;
            b.set_journal_flags(false, false)?;
            Ok(out)
        })
    }

    /// `action`, kept only when `work` says so (see `batch_kept`).
    pub fn action_kept<T>(
        &mut self,
        kind: &str,
        subject: &str,
        work: impl FnOnce(&Batch<'_>, &Store) -> Result<(T, bool)>,
    ) -> Result<T> {
        let origin = self.origin.clone();
        let session = self.session.clone();
        self.batch_kept(|b, store| {
            b.begin_action(kind, subject, &origin, &session, None)?;
            let out = work(b, store)?;
            b.set_journal_flags(false, false)?;
            Ok(out)
        })
    }

    /// The action `undo` would take back: the newest one not undone.
    pub fn next_undo(&self) -> Result<Option<ActionInfo>> {
        let sql = format!(
            "SELECT {ACTION_COLUMNS} FROM change_action WHERE undone = 0 AND undo_of IS NULL ORDER BY id DESC LIMIT 1"
        );
        Ok(self.conn.query_row(&sql, [], |r| self.action_info(r)).optional()?)
    }

    /// The action `redo` would do again, with the undo record that took it
    /// back: the newest undo, unless an action was recorded after it.
    fn redo_step(&self) -> Result<Option<(i64, ActionInfo)>> {
        let sql = format!(
            "SELECT u.id, {} FROM change_action u JOIN change_action a ON a.id = u.undo_of
              WHERE u.undone = 0 AND a.undone = 1
                AND NOT EXISTS (SELECT 1 FROM change_action n WHERE n.undo_of IS NULL AND n.id > u.id)
              ORDER BY u.id DESC LIMIT 1",
            ACTION_COLUMNS.split(", ").map(|c| format!("a.{c}")).collect::<Vec<_>>().join(", ")
        );
        Ok(self
            .conn
            .query_row(&sql, [], |r| {
                let undo_id: i64 = r.get(0)?;
                let info = ActionInfo {
                    id: r.get(1)?,
                    kind: r.get(2)?,
                    subject: r.get(3)?,
                    label: r.get(4)?,
                    origin: r.get(5)?,
                    at: parse_timestamp(&r.get::<_, String>(6)?),
                    own: r.get::<_, String>(7)? == self.session,
                };
                Ok((undo_id, info))
            })
            .optional()?)
    }

    /// The action `redo` would do again.
    pub fn next_redo(&self) -> Result<Option<ActionInfo>> {
        Ok(self.redo_step()?.map(|(_, info)| info))
    }

    fn action_info(&self, r: &rusqlite::Row<'_>) -> rusqlite::Result<ActionInfo> {
        Ok(ActionInfo {
            id: r.get(0)?,
            kind: r.get(1)?,
            subject: r.get(2)?,
            label: r.get(3)?,
            origin: r.get(4)?,
            at: parse_timestamp(&r.get::<_, String>(5)?),
            own: r.get::<_, String>(6)? == self.session,
        })
    }

    /// The records an action touched (table and key), in the order it
    /// touched them: what undo and redo show the rep afterwards.
    pub fn touched_by(&self, action_id: i64) -> Result<Vec<(String, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT table_name, row_id FROM change_journal WHERE action_id = ?1 ORDER BY id LIMIT 50",
        )?;
        let rows =
            stmt.query_map(params![action_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Takes back the newest action not yet undone, as one transaction.
    /// Returns None when there is nothing left to undo.
    pub fn undo(&mut self) -> Result<Option<ActionInfo>> {
        let Some(info) = self.next_undo()? else { return Ok(None) };
        let (origin, session) = (self.origin.clone(), self.session.clone());
        self.batch(|b| {
            // Checked again under the write lock: another kam may have
            // undone it a moment ago.
            let still: bool =
                b.tx.query_row("SELECT undone = 0 FROM change_action WHERE id = ?1", params![info.id], |r| r.get(0))?;
            if !still {
                return Err(StoreError::NotFound("action to undo"));
            }
            b.begin_action("undo", &info.subject, &origin, &session, Some(info.id))?;
            b.set_journal_flags(true, true)?;
            b.replay(info.id)?;
            b.set_journal_flags(false, false)?;
            b.tx.execute("UPDATE change_action SET undone = 1 WHERE id = ?1", params![info.id])?;
            Ok(())
        })?;
        Ok(Some(info))
    }

    /// Does again the action undone last, as one transaction; None when
    /// there is nothing to redo (or a new action came after the undo).
    pub fn redo(&mut self) -> Result<Option<ActionInfo>> {
        let Some((undo_id, info)) = self.redo_step()? else { return Ok(None) };
        self.batch(|b| {
            b.set_journal_flags(false, true)?;
            b.replay(undo_id)?;
            b.set_journal_flags(false, false)?;
            b.tx.execute("UPDATE change_action SET undone = 1 WHERE id = ?1", params![undo_id])?;
            b.tx.execute("UPDATE change_action SET undone = 0 WHERE id = ?1", params![info.id])?;
            Ok(())
        })?;
        Ok(Some(info))
    }

    /// Runs schema SQL the way a migration does, triggers made again after
    /// it: for tests that add a table or a column as a later migration will
    /// and check that the journal covers it with no other change.
    #[doc(hidden)]
    pub fn apply_schema_change(&mut self, sql: &str) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        super::journal_triggers::regenerate(&tx)?;
        tx.commit()?;
        Ok(())
    }

    /// The record tables the journal covers, from the schema as it is.
    pub fn journaled_tables(&self) -> Result<Vec<JournaledTable>> {
        journaled_tables(&self.conn)
    }
}

impl Batch<'_> {
    fn begin_action(&self, kind: &str, subject: &str, origin: &str, session: &str, undo_of: Option<i64>) -> Result<()> {
        let meta = RecordMeta::now();
        let label = if subject.is_empty() { kind.to_string() } else { [kind, " ", subject].concat() };
        self.tx
            .prepare_cached(
                "INSERT INTO change_action (uuid, label, at, kind, subject, origin, session, undo_of)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![meta.uuid.to_string(), label, meta.at_text(), kind, subject, origin, session, undo_of])?;
        self.set_journal_flags(true, false)
    }

    fn set_journal_flags(&self, recording: bool, replaying: bool) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE journal_state SET recording = ?1, replaying = ?2 WHERE only_row = 1")?
            .execute(params![recording, replaying])?;
        Ok(())
    }

    /// Puts back, newest first, every row the action touched: rows it
    /// inserted are deleted, rows it changed or deleted get their image
    /// from before the action back.
    fn replay(&self, action_id: i64) -> Result<()> {
        // Rows come back in any order within the action; the foreign keys
        // are checked once, at commit.
        self.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let tables = journaled_tables(self.tx)?;
        let entries: Vec<(String, i64, String, Option<String>)> = self
            .tx
            .prepare(
                "SELECT table_name, row_id, op, old_row FROM change_journal WHERE action_id = ?1 ORDER BY id DESC",
            )?
            .query_map(params![action_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (table, row_id, op, image) in entries {
            let table = tables.iter().find(|t| t.name == table).ok_or(StoreError::NotFound("journaled table"))?;
            match (op.as_str(), image) {
                ("insert", _) => self.delete_row(table, row_id)?,
                ("update" | "delete", Some(image)) => self.put_back(table, &image)?,
                _ => return Err(StoreError::NotFound("journal entry")),
            }
        }
        Ok(())
    }

    fn delete_row(&self, table: &JournaledTable, row_id: i64) -> Result<()> {
        // Names come from the schema, never from input; values are bound.
        let sql = format!("DELETE FROM {} WHERE {} = ?1", ident(&table.name), ident(&table.key));
        self.tx.prepare_cached(&sql)?.execute(params![row_id])?;
        Ok(())
    }

    /// Writes a row image back: in place when the row is there, inserted
    /// with its old key when it is not. Only the columns the image kept: a
    /// column added by a later migration keeps its default for an entry
    /// recorded before it existed.
    fn put_back(&self, table: &JournaledTable, image: &str) -> Result<()> {
        let kept: serde_json::Map<String, serde_json::Value> = serde_json::from_str(image).unwrap_or_default();
        let columns: Vec<&String> = table.columns.iter().filter(|c| kept.contains_key(c.as_str())).collect();
        if columns.is_empty() {
            return Ok(());
        }
        // Names are identifiers from the schema (quoted, never bound); the
        // image itself is bound as ?1.
        let names: Vec<String> = columns.iter().map(|c| ident(c)).collect();
        let values: Vec<String> =
            columns.iter().map(|c| format!("json_extract(?1, {})", literal(&format!("$.{}", ident(c))))).collect();
        let sets: Vec<String> =
            columns.iter().filter(|c| **c != &table.key).map(|c| format!("{0} = excluded.{0}", ident(c))).collect();
        let on_conflict = match sets.is_empty() {
            true => "DO NOTHING".to_string(),
            false => ["DO UPDATE SET ", &sets.join(", ")].concat(),
        };
        let sql = format!(
            "INSERT INTO {} ({}) SELECT {} WHERE true ON CONFLICT ({}) {on_conflict}",
            ident(&table.name),
            names.join(", "),
            values.join(", "),
            ident(&table.key)
        );
        self.tx.prepare_cached(&sql)?.execute(params![image])?;
        if let Some(uuid) = kept.get("uuid").and_then(|u| u.as_str()) {
            // The record is back: it is no longer deleted for a sync.
            self.tx
                .prepare_cached("DELETE FROM tombstone WHERE table_name = ?1 AND uuid = ?2")?
                .execute(params![table.name, uuid])?;
        }
        Ok(())
    }

    /// Runs one statement inside this transaction, for tests that walk the
    /// schema generically (every journaled table, whatever its columns).
    #[doc(hidden)]
    pub fn execute_sql(&self, sql: &str, values: &[&dyn rusqlite::ToSql]) -> Result<usize> {
        Ok(self.tx.execute(sql, values)?)
    }
}
