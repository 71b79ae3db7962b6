//! Activities: the unit of the daily report — who was reached, how, why,
//! with what result and what comes next.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Row, params};

use super::{Batch, RecordMeta, Result, Store, day_text, parse_timestamp};
use crate::domain::Channel;

#[derive(Debug, Clone, PartialEq)]
pub struct NewActivity {
    pub account_id: i64,
    pub opportunity_id: Option<i64>,
    pub contact_id: Option<i64>,
    pub occurred_on: NaiveDate,
    pub channel: Channel,
    pub purpose: String,
    pub result: String,
    pub next_step: String,
    pub next_on: Option<NaiveDate>,
}

/// An activity with the names a report shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    pub id: i64,
    pub uuid: String,
    pub account_name: String,
    pub contact_name: Option<String>,
    pub fields: NewActivity,
    pub created_at: Option<DateTime<Utc>>,
}

/// How many activities of one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelCount {
    pub channel: Channel,
    pub count: i64,
}

const SELECT_ACTIVITIES: &str = "SELECT t.id, t.uuid, a.name, c.name, t.account_id, t.opportunity_id, t.contact_id,
        t.occurred_on, t.channel, t.purpose, t.result, t.next_step, t.next_on, t.created_at
   FROM activity t JOIN account a ON a.id = t.account_id LEFT JOIN contact c ON c.id = t.contact_id";

fn activity_row(r: &Row<'_>) -> rusqlite::Result<ActivityRow> {
    let created: String = r.get(13)?;
    Ok(ActivityRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        account_name: r.get(2)?,
        contact_name: r.get(3)?,
        fields: NewActivity {
            account_id: r.get(4)?,
            opportunity_id: r.get(5)?,
            contact_id: r.get(6)?,
            occurred_on: r.get(7)?,
            channel: r.get(8)?,
            purpose: r.get(9)?,
            result: r.get(10)?,
            next_step: r.get(11)?,
            next_on: r.get(12)?,
        },
        created_at: parse_timestamp(&created),
    })
}

impl Store {
    /// The activities of one day in the order they were logged, at most
    /// `limit` (a day holds dozens, never a table).
    pub fn activities_on(&self, day: NaiveDate, limit: usize) -> Result<Vec<ActivityRow>> {
        let sql = [SELECT_ACTIVITIES, " WHERE t.occurred_on = ?1 ORDER BY t.created_at, t.id LIMIT ?2"].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows =
            stmt.query_map(params![day_text(day), limit as i64], activity_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// An account's latest activities, newest first.
    pub fn activities_of(&self, account_id: i64, limit: usize) -> Result<Vec<ActivityRow>> {
        let sql =
            [SELECT_ACTIVITIES, " WHERE t.account_id = ?1 ORDER BY t.occurred_on DESC, t.id DESC LIMIT ?2"].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![account_id, limit as i64], activity_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Counts of the day's activities by channel, most used first.
    pub fn channel_counts_on(&self, day: NaiveDate) -> Result<Vec<ChannelCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT channel, count(*) FROM activity WHERE occurred_on = ?1 GROUP BY channel ORDER BY count(*) DESC, channel",
        )?;
        let rows = stmt
            .query_map(params![day_text(day)], |r| Ok(ChannelCount { channel: r.get(0)?, count: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Batch<'_> {
    pub fn insert_activity(&self, t: &NewActivity, meta: &RecordMeta) -> Result<i64> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO activity (uuid, account_id, opportunity_id, contact_id, occurred_on, channel, purpose, result,
                                   next_step, next_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        )?;
        stmt.execute(params![
            meta.uuid.to_string(),
            t.account_id,
            t.opportunity_id,
            t.contact_id,
            day_text(t.occurred_on),
            t.channel,
            t.purpose,
            t.result,
            t.next_step,
            t.next_on.map(day_text),
            meta.at_text()
        ])?;
        Ok(self.tx.last_insert_rowid())
    }
}
