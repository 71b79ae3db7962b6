//! Activities: the unit of the daily report, and the follow-ups their
//! next steps promise.

use chrono::NaiveDate;

use super::ActionKind;
use crate::store::{NewActivity, RecordMeta, Result, Store};

fn account_name(store: &Store, account: i64) -> Result<String> {
    Ok(store.account(account)?.map(|a| a.fields.name).unwrap_or_default())
}

/// Logs one activity; a visit moves the account's visit plan on. When it
/// keeps a follow-up, that follow-up is closed by it.
pub fn log_activity(store: &mut Store, activity: &NewActivity) -> Result<i64> {
    let name = account_name(store, activity.account_id)?;
    store.action(ActionKind::LogActivity.code(), &name, |b| b.insert_activity(activity, &RecordMeta::now()))
}

/// Corrects an activity: any field, its contacts, even its account.
pub fn edit_activity(store: &mut Store, id: i64, activity: &NewActivity) -> Result<()> {
    let name = account_name(store, activity.account_id)?;
    store.action(ActionKind::EditActivity.code(), &name, |b| b.update_activity(id, activity))
}

/// Deletes an activity; follow-ups it kept open again.
pub fn delete_activity(store: &mut Store, id: i64) -> Result<()> {
    let name = store.activity(id)?.map(|a| a.account_name).unwrap_or_default();
    store.action(ActionKind::DeleteActivity.code(), &name, |b| b.delete_activity(id))
}

/// Marks a follow-up done by hand, without an activity to show for it.
pub fn mark_follow_up_done(store: &mut Store, id: i64, today: NaiveDate) -> Result<()> {
    let name = store.activity(id)?.map(|a| a.account_name).unwrap_or_default();
    store.action(ActionKind::FollowUpDone.code(), &name, |b| b.set_follow_up_done(id, Some(today)))
}

/// Moves a follow-up to another day (the customer asked for next week).
pub fn move_follow_up(store: &mut Store, id: i64, day: NaiveDate) -> Result<()> {
    let name = store.activity(id)?.map(|a| a.account_name).unwrap_or_default();
    store.action(ActionKind::MoveFollowUp.code(), &name, |b| b.move_follow_up(id, day))
}
