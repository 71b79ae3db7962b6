//! Activities: the unit of the daily report.

use super::ActionKind;
use crate::store::{NewActivity, RecordMeta, Result, Store};

/// Logs one activity; a visit moves the account's visit plan on.
pub fn log_activity(store: &mut Store, activity: &NewActivity) -> Result<i64> {
    let name = store.account(activity.account_id)?.map(|a| a.fields.name).unwrap_or_default();
    store.action(ActionKind::LogActivity.code(), &name, |b| b.insert_activity(activity, &RecordMeta::now()))
}
