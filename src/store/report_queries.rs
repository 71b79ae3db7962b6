//! What the reports read from the deals of one day: moves between stages
//! (a creation, a move, a win, a loss, a reopening are all moves) and
//! quotes. One indexed range query each; the reports assemble them.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::pipeline::{stage_of, timestamp_of};
use super::{Result, Store, day_text, timestamp_text};
use crate::domain::{Money, Stage};

/// One stage move of a deal, with the deal's names.
#[derive(Debug, Clone, PartialEq)]
pub struct DealMoveRow {
    pub opportunity_id: i64,
    pub title: String,
    pub account_name: String,
    /// None: the deal was created.
    pub from: Option<Stage>,
    pub to: Stage,
    pub moved_at: DateTime<Utc>,
    /// Checklist items unmet (codes): a forced move.
    pub unmet: Vec<String>,
    /// `won`, `lost` or `reopened`.
    pub outcome: Option<String>,
    pub amount: Money,
    pub lost_reason: String,
    pub lost_to: String,
}

/// A quote given on the day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayQuoteRow {
    pub opportunity_id: i64,
    pub title: String,
    pub account_name: String,
    pub amount: Money,
    pub note: String,
    /// The method's warning when it was recorded ('' none).
    pub warning: String,
}

/// A next step that falls due on a day, and whether it was kept (by a
/// later activity or by hand) by the end of that day.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUpRow {
    pub activity_id: i64,
    pub account_name: String,
    pub next_step: String,
    pub promised_on: NaiveDate,
    pub kept: bool,
    /// The day it was closed, if it was (possibly after the day asked).
    pub closed_on: Option<NaiveDate>,
}

impl Store {
    /// Stage moves made in [from, to) (UTC), oldest first, at most `limit`.
    pub fn deal_moves_between(&self, from: DateTime<Utc>, to: DateTime<Utc>, limit: usize) -> Result<Vec<DealMoveRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.opportunity_id, o.title, a.name, m.from_stage, m.to_stage, m.moved_at, m.unmet, m.outcome,
                    o.amount_cents, o.lost_reason, o.lost_to
               FROM stage_move m JOIN opportunity o ON o.id = m.opportunity_id JOIN account a ON a.id = o.account_id
              WHERE m.moved_at >= ?1 AND m.moved_at < ?2
              ORDER BY m.moved_at, m.id LIMIT ?3",
        )?;
        let rows = stmt
            .query_map(params![timestamp_text(from), timestamp_text(to), limit as i64], |r| {
                let from: Option<i64> = r.get(3)?;
                let unmet: String = r.get(6)?;
                Ok(DealMoveRow {
                    opportunity_id: r.get(0)?,
                    title: r.get(1)?,
                    account_name: r.get(2)?,
                    from: from.and_then(Stage::from_number),
                    to: stage_of(r, 4)?,
                    moved_at: timestamp_of(r, 5)?,
                    unmet: unmet.split(',').filter(|u| !u.is_empty()).map(str::to_string).collect(),
                    outcome: r.get(7)?,
                    amount: r.get(8)?,
                    lost_reason: r.get(9)?,
                    lost_to: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Quotes dated `day`, in the order they were recorded.
    pub fn quotes_on(&self, day: NaiveDate, limit: usize) -> Result<Vec<DayQuoteRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.opportunity_id, o.title, a.name, q.amount_cents, q.note, q.warning
               FROM quote q JOIN opportunity o ON o.id = q.opportunity_id JOIN account a ON a.id = o.account_id
              WHERE q.quoted_on = ?1 ORDER BY q.id LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![day_text(day), limit as i64], |r| {
                Ok(DayQuoteRow {
                    opportunity_id: r.get(0)?,
                    title: r.get(1)?,
                    account_name: r.get(2)?,
                    amount: r.get(3)?,
                    note: r.get(4)?,
                    warning: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Next steps promised for `day`: kept when an activity kept it or it
    /// was marked done, on or before the day.
    pub fn follow_ups_due_on(&self, day: NaiveDate, limit: usize) -> Result<Vec<FollowUpRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, a.name, t.next_step, t.occurred_on, coalesce(t.follow_up_closed_on, '')
               FROM activity t JOIN account a ON a.id = t.account_id
              WHERE t.next_on = ?1 AND t.next_step <> ''
              ORDER BY a.name, t.id LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![day_text(day), limit as i64], |r| {
                let closed: String = r.get(4)?;
                let closed_on = NaiveDate::parse_from_str(&closed, "%Y-%m-%d").ok();
                Ok(FollowUpRow {
                    activity_id: r.get(0)?,
                    account_name: r.get(1)?,
                    next_step: r.get(2)?,
                    promised_on: r.get(3)?,
                    kept: closed_on.is_some_and(|c| c <= day),
                    closed_on,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
