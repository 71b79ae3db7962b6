//! The rep's own words for a day: the summary and tomorrow's plan.

use chrono::NaiveDate;

use super::ActionKind;
use crate::store::{DailySummary, Result, Store};

/// Writes the day's summary and plan, replacing that day's earlier ones.
pub fn save_daily_report(store: &mut Store, day: NaiveDate, daily: &DailySummary) -> Result<()> {
    let subject = day.format("%Y-%m-%d").to_string();
    store.action(ActionKind::SaveDailyReport.code(), &subject, |b| b.save_daily_summary(day, daily))
}
