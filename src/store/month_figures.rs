//! The monthly forms' figures, each one SQL aggregate over an index of
//! its own date (won deals by close day, receipts by day, accounts by
//! creation, ...), so a month costs the month's rows, never the table's.
//! Days are `first..=last`; stored timestamps (UTC) are compared with the
//! month's limits already turned into UTC by the caller.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

use super::{Result, Store, day_text, timestamp_text};
use crate::domain::{Money, Month};

/// Counts by channel code, most first.
pub type ChannelCounts = Vec<(String, i64)>;

/// How many and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Tally {
    pub count: i64,
    pub amount_cents: Money,
}

/// An account's share of something (won amount, overdue money).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AccountTally {
    pub account: String,
    pub count: i64,
    pub amount_cents: Money,
}

/// A stage's traffic in a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct StageFlow {
    pub entered: i64,
    pub left: i64,
}

/// Surveys of a period.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct SurveyTally {
    pub count: i64,
    /// Average overall score (1–5), none without surveys.
    pub average: Option<f64>,
    pub nps_answers: i64,
    pub promoters: i64,
    pub detractors: i64,
}

impl SurveyTally {
    /// Promoters less detractors, in percent of those who answered.
    pub fn nps(&self) -> Option<i64> {
        (self.nps_answers > 0).then(|| ((self.promoters - self.detractors) * 100) / self.nps_answers)
    }
}

/// Complaints of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ComplaintTally {
    pub opened: i64,
    pub closed: i64,
    /// Still open with their deadline passed on the day asked.
    pub overdue: i64,
    /// Of those opened, answered (resolved or closed) by their deadline.
    pub answered_in_time: i64,
}

fn tally(r: &rusqlite::Row<'_>) -> rusqlite::Result<Tally> {
    Ok(Tally { count: r.get(0)?, amount_cents: r.get(1)? })
}

fn month_rows(rows: Vec<(String, Tally)>) -> Vec<(Month, Tally)> {
    rows.into_iter().filter_map(|(m, t)| Month::parse(&m).map(|m| (m, t))).collect()
}

impl Store {
    /// Deals won from `first` to `last`.
    pub fn won_between(&self, first: NaiveDate, last: NaiveDate) -> Result<Tally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(amount_cents), 0) FROM opportunity INDEXED BY opportunity_won_by_day
                  WHERE outcome = 'won' AND closed_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![day_text(first), day_text(last)], tally)?)
    }

    /// Deals won by month, months with none left out.
    pub fn won_by_month(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<(Month, Tally)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(closed_on, 1, 7), count(*), coalesce(sum(amount_cents), 0)
               FROM opportunity INDEXED BY opportunity_won_by_day
              WHERE outcome = 'won' AND closed_on BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1",
        )?;
        let rows = stmt
            .query_map(params![day_text(first), day_text(last)], |r| Ok((r.get(0)?, tally_at(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(month_rows(rows))
    }

    /// The accounts that won the most from `first` to `last`, biggest first
    /// (then by name).
    pub fn top_won_accounts(&self, first: NaiveDate, last: NaiveDate, limit: usize) -> Result<Vec<AccountTally>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.name, w.n, w.amount FROM (
                 SELECT account_id, count(*) AS n, sum(amount_cents) AS amount
                   FROM opportunity INDEXED BY opportunity_won_by_day
                  WHERE outcome = 'won' AND closed_on BETWEEN ?1 AND ?2 GROUP BY account_id
             ) w JOIN account a ON a.id = w.account_id
             ORDER BY w.amount DESC, a.name, a.id LIMIT ?3",
        )?;
        let rows = stmt
            .query_map(params![day_text(first), day_text(last), limit as i64], |r| {
                Ok(AccountTally { account: r.get(0)?, count: r.get(1)?, amount_cents: r.get(2)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Deals lost, by reason (most first).
    pub fn lost_by_reason(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<(String, Tally)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT lost_reason, count(*), coalesce(sum(amount_cents), 0) FROM opportunity INDEXED BY opportunity_lost_by_day
              WHERE outcome = 'lost' AND closed_on BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 2 DESC, 1",
        )?;
        let rows = stmt
            .query_map(params![day_text(first), day_text(last)], |r| Ok((r.get(0)?, tally_at(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Deals lost at each stage (1 to 6), ever: with the board's totals,
    /// how far deals got (the funnel's "went on").
    pub fn lost_by_stage(&self) -> Result<[i64; 6]> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT stage, count(*) FROM opportunity INDEXED BY opportunity_lost_by_day
              WHERE outcome = 'lost' GROUP BY stage",
        )?;
        let mut out = [0; 6];
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))? {
            let (stage, n) = row?;
            if let Some(slot) = usize::try_from(stage - 1).ok().and_then(|i| out.get_mut(i)) {
                *slot = n;
            }
        }
        Ok(out)
    }

    /// Contracts signed (not void).
    pub fn signed_between(&self, first: NaiveDate, last: NaiveDate) -> Result<Tally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(amount_cents), 0) FROM contract INDEXED BY contract_by_signed
                  WHERE signed_on BETWEEN ?1 AND ?2 AND signed_on IS NOT NULL AND status <> 'void'",
            )?
            .query_row(params![day_text(first), day_text(last)], tally)?)
    }

    /// Money received.
    pub fn received_between(&self, first: NaiveDate, last: NaiveDate) -> Result<Tally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(amount_cents), 0) FROM receipt INDEXED BY receipt_by_day_amount
                  WHERE received_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![day_text(first), day_text(last)], tally)?)
    }

    /// Money received by month.
    pub fn received_by_month(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<(Month, Tally)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT substr(received_on, 1, 7), count(*), coalesce(sum(amount_cents), 0)
               FROM receipt INDEXED BY receipt_by_day_amount
              WHERE received_on BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1",
        )?;
        let rows = stmt
            .query_map(params![day_text(first), day_text(last)], |r| Ok((r.get(0)?, tally_at(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(month_rows(rows))
    }

    /// Money falling due: instalments not void, of contracts in force.
    pub fn due_between(&self, first: NaiveDate, last: NaiveDate) -> Result<Tally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(i.amount_cents), 0) FROM instalment i INDEXED BY instalment_by_due
                   JOIN contract c ON c.id = i.contract_id
                  WHERE i.due_on BETWEEN ?1 AND ?2 AND i.void = 0 AND c.status NOT IN ('void', 'draft')",
            )?
            .query_row(params![day_text(first), day_text(last)], tally)?)
    }

    /// Accounts created in a period (limits in UTC).
    pub fn accounts_created_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM account WHERE created_at >= ?1 AND created_at < ?2")?
            .query_row(params![timestamp_text(from), timestamp_text(to)], |r| r.get(0))?)
    }

    /// Accounts by tier (A, B, C), lost ones left out.
    pub fn accounts_by_tier(&self) -> Result<[i64; 3]> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT tier, count(*) FROM account INDEXED BY account_by_tier WHERE status <> 'lost' GROUP BY tier",
        )?;
        let mut out = [0; 3];
        for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))? {
            let (tier, n) = row?;
            if let Some(i) = ["A", "B", "C"].iter().position(|t| *t == tier) {
                out[i] = n;
            }
        }
        Ok(out)
    }

    /// Activities by channel code (most first) and by the tier their
    /// account has now (A, B, C), in one pass over the month's index.
    pub fn activities_by_channel_and_tier(
        &self,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<(ChannelCounts, [i64; 3])> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.channel, a.tier, count(*) FROM activity t INDEXED BY activity_by_day_channel
               JOIN account a INDEXED BY account_tier_of ON a.id = t.account_id
              WHERE t.occurred_on BETWEEN ?1 AND ?2 GROUP BY 1, 2",
        )?;
        let mut channels: Vec<(String, i64)> = Vec::new();
        let mut tiers = [0; 3];
        for row in stmt.query_map(params![day_text(first), day_text(last)], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
        })? {
            let (channel, tier, n) = row?;
            match channels.iter_mut().find(|(c, _)| *c == channel) {
                Some((_, count)) => *count += n,
                None => channels.push((channel, n)),
            }
            if let Some(i) = ["A", "B", "C"].iter().position(|t| *t == tier) {
                tiers[i] += n;
            }
        }
        channels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Ok((channels, tiers))
    }

    /// Deals into and out of each stage (1 to 6) by plain moves in a
    /// period; wins, losses and reopenings are counted on their own.
    pub fn stage_flow(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<[StageFlow; 6]> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_stage, to_stage FROM stage_move INDEXED BY stage_move_flow
              WHERE moved_at >= ?1 AND moved_at < ?2 AND outcome IS NULL
                AND (from_stage IS NULL OR from_stage <> to_stage)",
        )?;
        let mut out = [StageFlow::default(); 6];
        for row in stmt.query_map(params![timestamp_text(from), timestamp_text(to)], |r| {
            Ok((r.get::<_, Option<i64>>(0)?, r.get::<_, i64>(1)?))
        })? {
            let (from, to) = row?;
            if let Some(flow) = usize::try_from(to - 1).ok().and_then(|i| out.get_mut(i)) {
                flow.entered += 1;
            }
            if let Some(flow) = from.and_then(|f| usize::try_from(f - 1).ok()).and_then(|i| out.get_mut(i)) {
                flow.left += 1;
            }
        }
        Ok(out)
    }

    /// Quotes made, and how many of them came with the method's warning.
    pub fn quotes_between(&self, first: NaiveDate, last: NaiveDate) -> Result<(i64, i64)> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(warning <> ''), 0) FROM quote WHERE quoted_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![day_text(first), day_text(last)], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }

    /// Open deals expected to close from `first` to `last` whose day came
    /// before `as_of` and went: the closes that slipped.
    pub fn slipped_between(&self, first: NaiveDate, last: NaiveDate, as_of: NaiveDate) -> Result<Tally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(amount_cents), 0) FROM opportunity INDEXED BY opportunity_by_expected_close
                  WHERE outcome = 'open' AND expected_close_on IS NOT NULL
                    AND expected_close_on BETWEEN ?1 AND ?2 AND expected_close_on < ?3",
            )?
            .query_row(params![day_text(first), day_text(last), day_text(as_of)], tally)?)
    }

    pub fn surveys_between(&self, first: NaiveDate, last: NaiveDate) -> Result<SurveyTally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), avg(overall), count(nps), coalesce(sum(nps >= 9), 0), coalesce(sum(nps <= 6), 0)
                   FROM survey WHERE surveyed_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![day_text(first), day_text(last)], |r| {
                Ok(SurveyTally {
                    count: r.get(0)?,
                    average: r.get::<_, Option<f64>>(1)?.map(crate::domain::assessment::round2),
                    nps_answers: r.get(2)?,
                    promoters: r.get(3)?,
                    detractors: r.get(4)?,
                })
            })?)
    }

    /// Complaints opened and closed in a period, those open past their
    /// deadline on `as_of`, and how many opened were answered in time.
    pub fn complaints_between(&self, first: NaiveDate, last: NaiveDate, as_of: NaiveDate) -> Result<ComplaintTally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM complaint WHERE received_on BETWEEN ?1 AND ?2),
                        (SELECT count(*) FROM complaint WHERE closed_on BETWEEN ?1 AND ?2),
                        (SELECT count(*) FROM complaint INDEXED BY complaint_open_by_deadline
                          WHERE status IN ('new', 'in_progress', 'waiting') AND respond_by < ?3),
                        (SELECT count(*) FROM complaint WHERE received_on BETWEEN ?1 AND ?2
                            AND coalesce(resolved_on, closed_on) <= respond_by)",
            )?
            .query_row(params![day_text(first), day_text(last), day_text(as_of)], |r| {
                Ok(ComplaintTally {
                    opened: r.get(0)?,
                    closed: r.get(1)?,
                    overdue: r.get(2)?,
                    answered_in_time: r.get(3)?,
                })
            })?)
    }

    /// Return visits made.
    pub fn return_visits_between(&self, first: NaiveDate, last: NaiveDate) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM activity INDEXED BY activity_return_visits
                  WHERE return_visit = 1 AND occurred_on BETWEEN ?1 AND ?2",
            )?
            .query_row(params![day_text(first), day_text(last)], |r| r.get(0))?)
    }

    /// Planned visits falling in a period, whatever became of them.
    pub fn planned_visits_between(&self, first: NaiveDate, last: NaiveDate) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM planned_visit WHERE planned_on BETWEEN ?1 AND ?2")?
            .query_row(params![day_text(first), day_text(last)], |r| r.get(0))?)
    }

    /// Contracts in force ending in a period.
    pub fn contracts_ending_between(&self, first: NaiveDate, last: NaiveDate) -> Result<Tally> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT count(*), coalesce(sum(amount_cents), 0) FROM contract INDEXED BY contract_by_end
                  WHERE end_on BETWEEN ?1 AND ?2 AND end_on IS NOT NULL AND status <> 'void'",
            )?
            .query_row(params![day_text(first), day_text(last)], tally)?)
    }

    /// Visits made each week (weeks start on Monday), weeks with none
    /// left out.
    pub fn visits_by_week(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<(NaiveDate, i64)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT date(occurred_on, '-' || ((CAST(strftime('%w', occurred_on) AS INTEGER) + 6) % 7) || ' days'),
                    count(*)
               FROM activity INDEXED BY activity_visit_day_account
              WHERE channel = 'visit' AND occurred_on BETWEEN ?1 AND ?2 GROUP BY 1 ORDER BY 1",
        )?;
        let rows = stmt
            .query_map(params![day_text(first), day_text(last)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The days of a period with the rep's daily words, and when each was
    /// first written (UTC).
    pub fn daily_words_written(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<(NaiveDate, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT day, created_at FROM daily_summary WHERE day BETWEEN ?1 AND ?2 ORDER BY day")?;
        let rows = stmt
            .query_map(params![day_text(first), day_text(last)], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

fn tally_at(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<Tally> {
    Ok(Tally { count: r.get(at)?, amount_cents: r.get(at + 1)? })
}
