//! The change journal: every user action is recorded (by triggers, see
//! migration 0002) and can be undone, newest first.

use rusqlite::{OptionalExtension, params};

use super::{Batch, RecordMeta, Result, Store, StoreError};

/// The tables the journal covers, and the column that keys each row.
const JOURNALED: &[(&str, &str)] = &[
    ("account", "id"),
    ("contact", "id"),
    ("competitor", "id"),
    ("need", "id"),
    ("opportunity", "id"),
    ("stage_move", "id"),
    ("activity", "id"),
    ("daily_summary", "id"),
    ("quote", "id"),
    ("negotiation", "id"),
    ("visit_plan", "account_id"),
];

/// One undone action, for the status line.
#[derive(Debug, Clone, PartialEq)]
pub struct Undone {
    pub label: String,
}

impl Store {
    /// Runs `work` as one user action: one transaction, journaled so that
    /// `undo` can take it back. `label` says what it was ("add account 平安银行").
    pub fn action<T>(&mut self, label: &str, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.batch(|b| {
            let meta = RecordMeta::now();
            b.tx.prepare_cached("INSERT INTO change_action (uuid, label, at) VALUES (?1, ?2, ?3)")?
                .execute(params![meta.uuid.to_string(), label, meta.at_text()])?;
            b.tx.execute("UPDATE journal_state SET recording = 1 WHERE only_row = 1", [])?;
            let out = work(b)?;
            b.tx.execute("UPDATE journal_state SET recording = 0 WHERE only_row = 1", [])?;
            Ok(out)
        })
    }

    /// Takes back the newest action not yet undone, as one transaction.
    /// Returns None when there is nothing left to undo.
    pub fn undo(&mut self) -> Result<Option<Undone>> {
        self.batch(|b| {
            let last: Option<(i64, String)> = b
                .tx
                .query_row("SELECT id, label FROM change_action WHERE undone = 0 ORDER BY id DESC LIMIT 1", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            let Some((action_id, label)) = last else { return Ok(None) };
            // Rows come back in any order within the action; the foreign
            // keys are checked once, at commit.
            b.tx.execute_batch("PRAGMA defer_foreign_keys = ON")?;
            let entries: Vec<(String, i64, String, Option<String>)> =
                b.tx.prepare(
                    "SELECT table_name, row_id, op, old_row FROM change_journal WHERE action_id = ?1 ORDER BY id DESC",
                )?
                .query_map(params![action_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (table, row_id, op, old_row) in entries {
                let (table, key) =
                    JOURNALED.iter().find(|(t, _)| *t == table).ok_or(StoreError::NotFound("journaled table"))?;
                match (op.as_str(), old_row) {
                    ("insert", _) => b.delete_row(table, key, row_id)?,
                    ("update", Some(old)) => b.restore_row(table, key, row_id, &old, true)?,
                    ("delete", Some(old)) => b.restore_row(table, key, row_id, &old, false)?,
                    _ => return Err(StoreError::NotFound("journal entry")),
                }
            }
            b.tx.execute("UPDATE change_action SET undone = 1 WHERE id = ?1", params![action_id])?;
            Ok(Some(Undone { label }))
        })
    }

    /// The label of the action `undo` would take back.
    pub fn next_undo(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT label FROM change_action WHERE undone = 0 ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
            .optional()?)
    }
}

impl Batch<'_> {
    fn columns(&self, table: &str) -> Result<Vec<String>> {
        let mut stmt = self.tx.prepare_cached("SELECT name FROM pragma_table_info(?1) ORDER BY cid")?;
        let cols = stmt.query_map(params![table], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(cols)
    }

    fn delete_row(&self, table: &str, key: &str, row_id: i64) -> Result<()> {
        // Table and column names come from JOURNALED, never from input.
        let sql = ["DELETE FROM ", table, " WHERE ", key, " = ?1"].concat();
        self.tx.execute(&sql, params![row_id])?;
        Ok(())
    }

    /// Puts a row back as the journal kept it: an update restores the
    /// values in place, a delete inserts the row again with its old key.
    fn restore_row(&self, table: &str, key: &str, row_id: i64, old: &str, in_place: bool) -> Result<()> {
        // Only the columns the journal kept: a column added by a later
        // migration keeps its default when an older entry is replayed.
        let kept: serde_json::Map<String, serde_json::Value> = serde_json::from_str(old).unwrap_or_default();
        let columns: Vec<String> = self.columns(table)?.into_iter().filter(|c| kept.contains_key(c)).collect();
        let values: Vec<String> = columns.iter().map(|c| ["json_extract(?1, '$.", c, "')"].concat()).collect();
        let sql = if in_place {
            let sets: Vec<String> = columns.iter().zip(&values).map(|(c, v)| [c.as_str(), " = ", v].concat()).collect();
            ["UPDATE ", table, " SET ", &sets.join(", "), " WHERE ", key, " = ?2"].concat()
        } else {
            ["INSERT INTO ", table, " (", &columns.join(", "), ") SELECT ", &values.join(", "), " WHERE ?2 IS NOT NULL"]
                .concat()
        };
        self.tx.execute(&sql, params![old, row_id])?;
        Ok(())
    }
}
