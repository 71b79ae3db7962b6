//! Accounts: add, edit, delete, and Research's "no competitor known".

use chrono::NaiveDate;

use super::ActionKind;
use crate::store::{NewAccount, RecordMeta, Result, Store, StoreError};

/// Adds one account (and its visit plan).
pub fn add_account(store: &mut Store, account: &NewAccount, today: NaiveDate) -> Result<i64> {
    store.action(ActionKind::AddAccount.code(), &account.name, |b| b.insert_account(account, &RecordMeta::now(), today))
}

/// Replaces an account's fields. A new tier brings its default cadence.
pub fn edit_account(store: &mut Store, id: i64, account: &NewAccount) -> Result<()> {
    store.action(ActionKind::EditAccount.code(), &account.name, |b| b.update_account(id, account))
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
