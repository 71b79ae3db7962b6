//! Records an import finds again: by the UUID kam gave them (its own
//! exports) or by the id another system gave them (`--key`, kept as
//! `external_id`), so importing the same file twice doubles nothing.

use rusqlite::{OptionalExtension, params};

use super::{Batch, Result, Store, day_text};
use crate::domain::Money;

/// The kinds of record an import can find again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Imported {
    Account,
    Contact,
    Opportunity,
}

impl Imported {
    fn by_uuid(self) -> &'static str {
        match self {
            Imported::Account => "SELECT id FROM account WHERE uuid = ?1",
            Imported::Contact => "SELECT id FROM contact WHERE uuid = ?1",
            Imported::Opportunity => "SELECT id FROM opportunity WHERE uuid = ?1",
        }
    }

    fn by_key(self) -> &'static str {
        match self {
            Imported::Account => "SELECT id FROM account WHERE external_id = ?1",
            Imported::Contact => "SELECT id FROM contact WHERE external_id = ?1",
            Imported::Opportunity => "SELECT id FROM opportunity WHERE external_id = ?1",
        }
    }

    fn set_key(self) -> &'static str {
        match self {
            Imported::Account => "UPDATE account SET external_id = ?2 WHERE id = ?1",
            Imported::Contact => "UPDATE contact SET external_id = ?2 WHERE id = ?1",
            Imported::Opportunity => "UPDATE opportunity SET external_id = ?2 WHERE id = ?1",
        }
    }
}

/// Records a row of another kind links to (a contract's deal and who
/// signed it, a complaint's contact and contract, a visit's deal...): each
/// belongs to one account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Linked {
    Deal,
    Contact,
    Contract,
    Activity,
}

impl Linked {
    fn account_sql(self) -> &'static str {
        match self {
            Linked::Deal => "SELECT account_id FROM opportunity WHERE id = ?1",
            Linked::Contact => "SELECT account_id FROM contact WHERE id = ?1",
            Linked::Contract => "SELECT account_id FROM contract WHERE id = ?1",
            Linked::Activity => "SELECT account_id FROM activity WHERE id = ?1",
        }
    }
}

/// The record a row names: by its UUID, else by its key.
fn imported_in(
    conn: &rusqlite::Connection,
    kind: Imported,
    uuid: Option<&str>,
    key: Option<&str>,
) -> Result<Option<i64>> {
    if let Some(uuid) = uuid.filter(|u| !u.is_empty()) {
        let found = conn.prepare_cached(kind.by_uuid())?.query_row(params![uuid], |r| r.get(0)).optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    match key.filter(|k| !k.is_empty()) {
        Some(key) => Ok(conn.prepare_cached(kind.by_key())?.query_row(params![key], |r| r.get(0)).optional()?),
        None => Ok(None),
    }
}

impl Store {
    /// The account a linked record belongs to (none when it is not here).
    pub fn account_of_linked(&self, kind: Linked, id: i64) -> Result<Option<i64>> {
        Ok(self.conn.prepare_cached(kind.account_sql())?.query_row(params![id], |r| r.get(0)).optional()?)
    }

    /// The record a row names: by its UUID, else by its key.
    pub fn imported_record(&self, kind: Imported, uuid: Option<&str>, key: Option<&str>) -> Result<Option<i64>> {
        imported_in(&self.conn, kind, uuid, key)
    }
}

impl Batch<'_> {
    /// `Store::imported_record` inside a write: an import that writes as
    /// it reads sees the rows it wrote.
    pub fn find_imported(&self, kind: Imported, uuid: Option<&str>, key: Option<&str>) -> Result<Option<i64>> {
        imported_in(self.tx, kind, uuid, key)
    }

    /// The first account of this folded name (`fold_name`), inside a write
    /// (see `Store::likely_duplicates`).
    pub fn likely_duplicate(&self, folded: &str) -> Result<Option<i64>> {
        let mut stmt = self.tx.prepare_cached("SELECT id FROM account WHERE name_folded = ?1 ORDER BY id LIMIT 1")?;
        Ok(stmt.query_row(params![folded], |r| r.get(0)).optional()?)
    }
}

impl Batch<'_> {
    /// Keeps the id another system gave a record.
    pub fn set_external_id(&self, kind: Imported, id: i64, key: &str) -> Result<()> {
        self.tx.prepare_cached(kind.set_key())?.execute(params![id, key])?;
        Ok(())
    }

    /// An imported deal's facts as the file has them now: title, amount,
    /// expected close, lost reason and the day it closed; its stage and
    /// outcome move through the stage history (`move_stage`, `decide`).
    pub fn refresh_imported_opportunity(
        &self,
        id: i64,
        title: &str,
        amount: Money,
        expected_close_on: Option<chrono::NaiveDate>,
        closed_on: Option<chrono::NaiveDate>,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE opportunity SET title = ?2, amount_cents = ?3, expected_close_on = ?4,
                        closed_on = coalesce(?5, closed_on)
                  WHERE id = ?1 AND (title, amount_cents, coalesce(expected_close_on, ''), coalesce(closed_on, ''))
                        IS NOT (?2, ?3, coalesce(?4, ''), coalesce(?5, closed_on, ''))",
            )?
            .execute(params![id, title, amount, expected_close_on.map(day_text), closed_on.map(day_text)])?;
        Ok(())
    }
}
