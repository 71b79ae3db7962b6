//! The rep this file belongs to: one row, made by migration 4.

use rusqlite::{OptionalExtension, params};

use super::{Batch, RecordMeta, Result, Store};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rep {
    pub uuid: String,
    /// Empty until the rep has said it.
    pub name: String,
}

impl Store {
    pub fn rep(&self) -> Result<Option<Rep>> {
        let mut stmt = self.conn.prepare_cached("SELECT uuid, name FROM rep WHERE only_row = 1")?;
        Ok(stmt.query_row([], |r| Ok(Rep { uuid: r.get(0)?, name: r.get(1)? })).optional()?)
    }
}

impl Batch<'_> {
    pub fn set_rep_name(&self, name: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE rep SET name = ?1, updated_at = ?2 WHERE only_row = 1")?
            .execute(params![name, RecordMeta::now().at_text()])?;
        Ok(())
    }
}
