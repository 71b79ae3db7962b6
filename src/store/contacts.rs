//! Contacts: the people at an account, with their part in the decision.

use rusqlite::params;

use super::{Batch, RecordMeta, Result, Store};
use crate::domain::DecisionRole;

#[derive(Debug, Clone, PartialEq)]
pub struct NewContact {
    pub account_id: i64,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub role: DecisionRole,
    pub personal_notes: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ContactRow {
    pub id: i64,
    pub uuid: String,
    pub fields: NewContact,
}

impl Store {
    /// An account's contacts by name, at most `limit`.
    pub fn contacts_of(&self, account_id: i64, limit: usize) -> Result<Vec<ContactRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, account_id, name, title, phone, email, role, personal_notes
               FROM contact WHERE account_id = ?1 ORDER BY name, id LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![account_id, limit as i64], |r| {
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
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn add_contact(&mut self, contact: &NewContact) -> Result<i64> {
        self.batch(|b| b.insert_contact(contact, &RecordMeta::now()))
    }
}

impl Batch<'_> {
    pub fn insert_contact(&self, c: &NewContact, meta: &RecordMeta) -> Result<i64> {
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
