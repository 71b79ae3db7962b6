//! Accounts: add, edit, delete, and Research's "no competitor known".

use chrono::NaiveDate;

use super::ActionKind;
use crate::store::{NewAccount, RecordMeta, Result, Store, StoreError};

/// Adds one account (and its visit plan: its cadence, and its visits for
/// the rest of a year already planned).
pub fn add_account(store: &mut Store, account: &NewAccount, today: NaiveDate) -> Result<i64> {
    store.action(ActionKind::AddAccount.code(), &account.name, |b| {
        let id = b.insert_account(account, &RecordMeta::now(), today)?;
        super::plan::replan_account(b, id, today)?;
        Ok(id)
    })
}

/// Replaces an account's fields. A new tier brings its default cadence,
/// and a new tier or status plans its visits again from today on (the
/// past stays as it was), in the same action.
pub fn edit_account(store: &mut Store, id: i64, account: &NewAccount) -> Result<()> {
    let old = store.account(id)?.ok_or(StoreError::NotFound("account"))?.fields;
    let replan = old.tier != account.tier || old.status != account.status;
    let today = chrono::Local::now().date_naive();
    store.action(ActionKind::EditAccount.code(), &account.name, |b| {
        b.update_account(id, account)?;
        if replan {
            super::plan::replan_account(b, id, today)?;
        }
        Ok(())
    })
}

/// Deletes an account with everything that belongs to it (contacts,
/// deals, activities, its visit plan); undo brings all of it back.
pub fn delete_account(store: &mut Store, id: i64) -> Result<()> {
    let name = store.account(id)?.map(|a| a.fields.name).ok_or(StoreError::NotFound("account"))?;
    store.action(ActionKind::DeleteAccount.code(), &name, |b| b.delete_account(id))
}

/// Research: "no competitor known" counts as knowing the field.
pub fn set_no_known_competitor(store: &mut Store, account_id: i64, none_known: bool) -> Result<()> {
    let name = store.account(account_id)?.map(|a| a.fields.name).ok_or(StoreError::NotFound("account"))?;
    store.action(ActionKind::NoCompetitorKnown.code(), &name, |b| b.set_no_known_competitor(account_id, none_known))
}
