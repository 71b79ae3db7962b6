//! The rep's daily summary: today's summary and tomorrow's plan.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::{Batch, RecordMeta, Result, Store, day_text};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DailySummary {
    pub summary: String,
    pub tomorrow_plan: String,
}

impl Store {
    pub fn daily_summary(&self, day: NaiveDate) -> Result<Option<DailySummary>> {
        let mut stmt = self.conn.prepare_cached("SELECT summary, tomorrow_plan FROM daily_summary WHERE day = ?1")?;
        Ok(stmt
            .query_row(params![day_text(day)], |r| Ok(DailySummary { summary: r.get(0)?, tomorrow_plan: r.get(1)? }))
            .optional()?)
    }
}

impl Batch<'_> {
    /// Writes the day's summary, replacing an earlier one of the same day.
    pub fn save_daily_summary(&self, day: NaiveDate, daily: &DailySummary) -> Result<()> {
        self.upsert_daily_summary(day, daily, &RecordMeta::now())
    }

    /// The same, stamped with `meta` (the demo's history).
    pub fn upsert_daily_summary(&self, day: NaiveDate, daily: &DailySummary, meta: &RecordMeta) -> Result<()> {
        {
            self.tx
                .prepare_cached(
                    "INSERT INTO daily_summary (uuid, day, summary, tomorrow_plan, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)
                 ON CONFLICT (day) DO UPDATE SET summary = excluded.summary,
                                                 tomorrow_plan = excluded.tomorrow_plan,
                                                 updated_at = excluded.updated_at",
                )?
                .execute(params![
                    meta.uuid.to_string(),
                    day_text(day),
                    daily.summary,
                    daily.tomorrow_plan,
                    meta.at_text()
                ])?;
            Ok(())
        }
    }

    /// How many activities a day holds.
    pub fn activity_count_on(&self, day: NaiveDate) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached("SELECT count(*) FROM activity WHERE occurred_on = ?1")?
            .query_row(params![day_text(day)], |r| r.get(0))?)
    }
}
