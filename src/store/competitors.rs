//! Competitors met at an account (stage 1 material): who they are, what
//! they offer, where they are strong and weak.

use rusqlite::{OptionalExtension, params};

use super::{Batch, RecordMeta, Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct NewCompetitor {
    pub account_id: i64,
    pub name: String,
    pub offering: String,
    pub strengths: String,
    pub weaknesses: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CompetitorRow {
    pub id: i64,
    pub fields: NewCompetitor,
}

fn competitor_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CompetitorRow> {
    Ok(CompetitorRow {
        id: r.get(0)?,
        fields: NewCompetitor {
            account_id: r.get(1)?,
            name: r.get(2)?,
            offering: r.get(3)?,
            strengths: r.get(4)?,
            weaknesses: r.get(5)?,
        },
    })
}

impl Store {
    pub fn competitors_of(&self, account_id: i64, limit: usize) -> Result<Vec<CompetitorRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, account_id, name, offering, strengths, weaknesses FROM competitor
              WHERE account_id = ?1 ORDER BY name, id LIMIT ?2",
        )?;
        let rows =
            stmt.query_map(params![account_id, limit as i64], competitor_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn competitor(&self, id: i64) -> Result<Option<CompetitorRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, account_id, name, offering, strengths, weaknesses FROM competitor WHERE id = ?1",
        )?;
        Ok(stmt.query_row(params![id], competitor_row).optional()?)
    }
}

impl Batch<'_> {
    pub fn update_competitor(&self, id: i64, c: &NewCompetitor) -> Result<()> {
        {
            let changed = self
                .tx
                .prepare_cached(
                    "UPDATE competitor SET name = ?2, offering = ?3, strengths = ?4, weaknesses = ?5, updated_at = ?6
                      WHERE id = ?1",
                )?
                .execute(params![id, c.name, c.offering, c.strengths, c.weaknesses, RecordMeta::now().at_text()])?;
            if changed == 0 { Err(StoreError::NotFound("competitor")) } else { Ok(()) }
        }
    }

    pub fn delete_competitor(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM competitor WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("competitor")) } else { Ok(()) }
    }

    pub fn insert_competitor(&self, c: &NewCompetitor, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO competitor (uuid, account_id, name, offering, strengths, weaknesses, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![meta.uuid.to_string(), c.account_id, c.name, c.offering, c.strengths, c.weaknesses, meta.at_text()])?;
        Ok(self.tx.last_insert_rowid())
    }
}
