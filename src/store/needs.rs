//! Needs and their why-chain: the stated requirement, then each answer to
//! "why?" until the real need surfaces (the last answer).

use rusqlite::{OptionalExtension, params};

use super::{Batch, RecordMeta, Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewNeed {
    pub account_id: i64,
    pub opportunity_id: Option<i64>,
    /// What the customer said they want.
    pub stated: String,
    /// Each answer to "why?", in order; the last is the real need.
    pub whys: Vec<String>,
}

impl NewNeed {
    /// The real need: the last answer, or the stated requirement while no
    /// "why?" has been asked.
    pub fn real_need(&self) -> &str {
        self.whys.last().map(String::as_str).unwrap_or(&self.stated)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NeedRow {
    pub id: i64,
    pub fields: NewNeed,
}

fn need_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<NeedRow> {
    let whys: String = r.get(4)?;
    Ok(NeedRow {
        id: r.get(0)?,
        fields: NewNeed {
            account_id: r.get(1)?,
            opportunity_id: r.get(2)?,
            stated: r.get(3)?,
            whys: serde_json::from_str(&whys)
                .map_err(|e| rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, Box::new(e)))?,
        },
    })
}

fn whys_json(whys: &[String]) -> String {
    serde_json::to_string(whys).unwrap_or_else(|_| "[]".to_string())
}

impl Store {
    pub fn needs_of(&self, account_id: i64, limit: usize) -> Result<Vec<NeedRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, account_id, opportunity_id, stated, whys FROM need WHERE account_id = ?1 ORDER BY id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![account_id, limit as i64], need_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn need(&self, id: i64) -> Result<Option<NeedRow>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT id, account_id, opportunity_id, stated, whys FROM need WHERE id = ?1")?;
        Ok(stmt.query_row(params![id], need_row).optional()?)
    }
}

impl Batch<'_> {
    pub fn update_need(&self, id: i64, n: &NewNeed) -> Result<()> {
        {
            let changed = self
                .tx
                .prepare_cached("UPDATE need SET stated = ?2, whys = ?3, updated_at = ?4 WHERE id = ?1")?
                .execute(params![id, n.stated, whys_json(&n.whys), RecordMeta::now().at_text()])?;
            if changed == 0 { Err(StoreError::NotFound("need")) } else { Ok(()) }
        }
    }

    pub fn delete_need(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM need WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("need")) } else { Ok(()) }
    }

    pub fn insert_need(&self, n: &NewNeed, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO need (uuid, account_id, opportunity_id, stated, whys, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                n.account_id,
                n.opportunity_id,
                n.stated,
                whys_json(&n.whys),
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }
}
