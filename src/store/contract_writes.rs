//! The writes of contracts, instalments and receipts (their reads and
//! the rows they give are in `contracts.rs`). Each is one statement; the
//! guards of the method are in `ops::contracts`, before any of these runs.

use rusqlite::params;

use super::contracts::{NewContract, NewInstalment, NewReceipt};
use super::{Batch, RecordMeta, Result, StoreError};

impl Batch<'_> {
    pub fn insert_contract(&self, c: &NewContract, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO contract (uuid, account_id, opportunity_id, signatory_id, number, title, signed_on,
                                       start_on, end_on, amount_cents, terms, status, void_reason, notes,
                                       created_at, updated_at, return_visit_on, return_visit_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16, ?17)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                c.account_id,
                c.opportunity_id,
                c.signatory_id,
                c.number.trim(),
                c.title.trim(),
                c.signed_on,
                c.start_on,
                c.end_on,
                c.amount,
                c.terms,
                c.status,
                c.void_reason,
                c.notes,
                meta.at_text(),
                c.return_visit_on,
                c.return_visit_id
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn update_contract(&self, id: i64, c: &NewContract) -> Result<()> {
        let changed = self
            .tx
            .prepare_cached(
                "UPDATE contract SET account_id = ?2, opportunity_id = ?3, signatory_id = ?4, number = ?5, title = ?6,
                        signed_on = ?7, start_on = ?8, end_on = ?9, amount_cents = ?10, terms = ?11, status = ?12,
                        void_reason = ?13, notes = ?14, return_visit_on = ?15, return_visit_id = ?16
                  WHERE id = ?1",
            )?
            .execute(params![
                id,
                c.account_id,
                c.opportunity_id,
                c.signatory_id,
                c.number.trim(),
                c.title.trim(),
                c.signed_on,
                c.start_on,
                c.end_on,
                c.amount,
                c.terms,
                c.status,
                c.void_reason,
                c.notes,
                c.return_visit_on,
                c.return_visit_id
            ])?;
        if changed == 0 { Err(StoreError::NotFound("contract")) } else { Ok(()) }
    }

    pub fn delete_contract(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM contract WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("contract")) } else { Ok(()) }
    }

    pub fn insert_instalment(&self, contract_id: i64, i: &NewInstalment, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO instalment (uuid, contract_id, seq, label, due_on, amount_cents, method, warn_days,
                                         condition, void, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                contract_id,
                i.seq,
                i.label.trim(),
                i.due_on,
                i.amount,
                i.method,
                i.warn_days,
                i.condition,
                i.void,
                i.notes,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn update_instalment(&self, id: i64, i: &NewInstalment) -> Result<()> {
        let changed = self
            .tx
            .prepare_cached(
                "UPDATE instalment SET seq = ?2, label = ?3, due_on = ?4, amount_cents = ?5, method = ?6,
                        warn_days = ?7, condition = ?8, void = ?9, notes = ?10
                  WHERE id = ?1",
            )?
            .execute(params![
                id,
                i.seq,
                i.label.trim(),
                i.due_on,
                i.amount,
                i.method,
                i.warn_days,
                i.condition,
                i.void,
                i.notes
            ])?;
        if changed == 0 { Err(StoreError::NotFound("instalment")) } else { Ok(()) }
    }

    pub fn delete_instalment(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM instalment WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("instalment")) } else { Ok(()) }
    }

    pub fn insert_receipt(&self, r: &NewReceipt, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO receipt (uuid, contract_id, instalment_id, received_on, amount_cents, method, reference,
                                      notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                r.contract_id,
                r.instalment_id,
                r.received_on,
                r.amount,
                r.method,
                r.reference.trim(),
                r.notes,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// A receipt as a corrected bank file has it: day, amount, method,
    /// reference, notes (the instalment it paid stays; the triggers work
    /// out again what that instalment and its deal have received).
    pub fn update_receipt(&self, id: i64, r: &NewReceipt) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE receipt SET received_on = ?2, amount_cents = ?3, method = ?4, reference = ?5, notes = ?6
                  WHERE id = ?1",
            )?
            .execute(params![id, r.received_on, r.amount, r.method, r.reference.trim(), r.notes])?;
        Ok(())
    }

    pub fn delete_receipt(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM receipt WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("receipt")) } else { Ok(()) }
    }
}
