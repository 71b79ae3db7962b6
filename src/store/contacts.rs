//! Contacts: the people at an account, with their part in the decision.

use rusqlite::{OptionalExtension, params};

use super::{Batch, RecordMeta, Result, Store, StoreError};
pub use crate::domain::account::NewContact;

#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub id: i64,
    pub uuid: String,
    pub fields: NewContact,
}

fn contact_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ContactRow> {
    Ok(ContactRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        fields: NewContact {
            account_id: r.get(2)?,
            name: r.get(3)?,
            title: r.get(4)?,
            phone: r.get(5)?,
            email: r.get(6)?,
            role: r.get(7)?,
            personal_notes: r.get(8)?,
        },
    })
}

impl Store {
    /// An account's contacts by name, at most `limit`.
    pub fn contacts_of(&self, account_id: i64, limit: usize) -> Result<Vec<ContactRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, account_id, name, title, phone, email, role, personal_notes
               FROM contact WHERE account_id = ?1 ORDER BY name, id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![account_id, limit as i64], contact_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn contact(&self, id: i64) -> Result<Option<ContactRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, account_id, name, title, phone, email, role, personal_notes FROM contact WHERE id = ?1",
        )?;
        Ok(stmt.query_row(params![id], contact_row).optional()?)
    }

    /// The account's contact with exactly this name (the first made, when
    /// two share it).
    pub fn contact_named(&self, account_id: i64, name: &str) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM contact INDEXED BY contact_by_account WHERE account_id = ?1 AND name = ?2
              ORDER BY id LIMIT 1",
        )?;
        Ok(stmt.query_row(params![account_id, name], |r| r.get(0)).optional()?)
    }

    pub fn contact_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM contact WHERE uuid = ?1")?;
        Ok(stmt.query_row(params![uuid], |r| r.get(0)).optional()?)
    }

    /// Calls `each` with every contact (and its account's name and uuid) in
    /// id order, one at a time.
    pub fn each_contact<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(&ContactRow, &str, &str) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.uuid, c.account_id, c.name, c.title, c.phone, c.email, c.role, c.personal_notes, a.name, a.uuid
               FROM contact c JOIN account a ON a.id = c.account_id ORDER BY c.id",
        ).map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let names =
                (|| Ok::<_, rusqlite::Error>((contact_row(r)?, r.get::<_, String>(9)?, r.get::<_, String>(10)?)))()
                    .map_err(StoreError::from)?;
            each(&names.0, &names.1, &names.2)?;
        }
        Ok(())
    }
}

impl Batch<'_> {
    pub fn update_contact(&self, id: i64, c: &NewContact) -> Result<()> {
        {
            let changed = self
                .tx
                .prepare_cached(
                    "UPDATE contact SET name = ?2, title = ?3, phone = ?4, email = ?5, role = ?6, personal_notes = ?7,
                            updated_at = ?8 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    c.name,
                    c.title,
                    c.phone,
                    c.email,
                    c.role,
                    c.personal_notes,
                    RecordMeta::now().at_text()
                ])?;
            if changed == 0 { Err(StoreError::NotFound("contact")) } else { Ok(()) }
        }
    }

    pub fn delete_contact(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM contact WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("contact")) } else { Ok(()) }
    }

    pub fn insert_contact(&self, c: &NewContact, meta: &RecordMeta) -> Result<i64> {
        crate::progress::step();
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO contact (uuid, account_id, name, title, phone, email, role, personal_notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        )?;
        stmt.execute(params![
            meta.uuid.to_string(),
            c.account_id,
            c.name,
            c.title,
            c.phone,
            c.email,
            c.role,
            c.personal_notes,
            meta.at_text()
        ])?;
        Ok(self.tx.last_insert_rowid())
    }
}
