//! The visit plan report's figures (SPEC §6), each one grouped query:
//! planned visits by month and tier and by account with their states on a
//! day, the longest gap between visits, A-tier accounts not visited, and
//! visits made with no plan behind them.

use chrono::NaiveDate;
use rusqlite::params;

use super::{Result, Store, day_text};
use crate::domain::Tier;

/// Planned visits of a group (a month and tier, or an account) by state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct PlanCounts {
    /// Every visit planned in the period.
    pub planned: i64,
    pub done: i64,
    /// Moved to another day (whatever came of them).
    pub moved: i64,
    pub skipped: i64,
    pub missed: i64,
    /// Still ahead on the day of the report (not yet due).
    pub ahead: i64,
}

impl PlanCounts {
    /// Visits whose day has come: what compliance is measured against.
    pub fn due(&self) -> i64 {
        self.planned - self.ahead
    }

    pub fn add(&mut self, other: &PlanCounts) {
        self.planned += other.planned;
        self.done += other.done;
        self.moved += other.moved;
        self.skipped += other.skipped;
        self.missed += other.missed;
        self.ahead += other.ahead;
    }
}

/// One account's part of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountPlanRow {
    pub account_id: i64,
    pub name: String,
    pub tier: Tier,
    pub cadence_days: i64,
    pub counts: PlanCounts,
    /// The longest stretch without a visit in the period (to the report's
    /// day), in days.
    pub longest_gap_days: i64,
}

/// The counts by state of `v`, as of `?1`, for `SELECT ... GROUP BY`.
/// A visit done after that day is not done on it (`d` is the visit that
/// did it by then).
const COUNTS: &str = "count(*) AS planned,
        sum(d.occurred_on IS NOT NULL) AS done,
        sum(v.moved_from IS NOT NULL) AS moved,
        sum(d.occurred_on IS NULL AND v.skip_reason <> '') AS skipped,
        sum(d.occurred_on IS NULL AND v.skip_reason = '' AND v.planned_on < ?1) AS missed,
        sum(d.occurred_on IS NULL AND v.skip_reason = '' AND v.planned_on >= ?1) AS ahead";

/// Each planned visit with the visit that did it by `?1` (`d`, NULL if
/// none did by then).
const DONE_BY: &str = "planned_visit v INDEXED BY planned_visit_by_day
        LEFT JOIN activity d ON d.id = v.activity_id AND d.occurred_on <= ?1";

fn counts_at(r: &rusqlite::Row<'_>, from: usize) -> rusqlite::Result<PlanCounts> {
    Ok(PlanCounts {
        planned: r.get(from)?,
        done: r.get(from + 1)?,
        moved: r.get(from + 2)?,
        skipped: r.get(from + 3)?,
        missed: r.get(from + 4)?,
        ahead: r.get(from + 5)?,
    })
}

impl Store {
    /// Planned visits between `first` and `last` by month (1-12) and tier,
    /// their states as of `as_of`.
    pub fn plan_by_month_and_tier(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        as_of: NaiveDate,
    ) -> Result<Vec<(u32, Tier, PlanCounts)>> {
        let sql = format!(
            "SELECT CAST(strftime('%m', v.planned_on) AS INTEGER), a.tier, {COUNTS}
               FROM {DONE_BY} JOIN account a ON a.id = v.account_id
              WHERE v.planned_on BETWEEN ?2 AND ?3
              GROUP BY 1, 2 ORDER BY 1, 2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![day_text(as_of), day_text(first), day_text(last)], |r| {
                Ok((r.get(0)?, r.get(1)?, counts_at(r, 2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Each account with visits planned between `first` and `last`: its
    /// counts and its longest gap between visits up to `until` (the
    /// period's end, or the report's day when sooner), least compliant
    /// first, at most `limit`.
    pub fn plan_by_account(
        &self,
        first: NaiveDate,
        last: NaiveDate,
        as_of: NaiveDate,
        until: NaiveDate,
        limit: usize,
    ) -> Result<Vec<AccountPlanRow>> {
        let sql = format!(
            "WITH planned AS (
                SELECT v.account_id, {COUNTS}
                  FROM {DONE_BY}
                 WHERE v.planned_on BETWEEN ?2 AND ?3 GROUP BY v.account_id),
             marks AS (
                SELECT t.account_id AS account_id, t.occurred_on AS d
                  FROM activity t INDEXED BY activity_visit_by_account
                 WHERE t.channel = 'visit' AND t.occurred_on BETWEEN ?2 AND ?4
                   AND t.account_id IN (SELECT account_id FROM planned)
                UNION ALL SELECT account_id, ?2 FROM planned
                UNION ALL SELECT account_id, ?4 FROM planned),
             gaps AS (
                SELECT account_id,
                       julianday(d) - julianday(lag(d) OVER (PARTITION BY account_id ORDER BY d)) AS gap
                  FROM marks)
             SELECT p.account_id, a.name, a.tier, coalesce(vp.cadence_days, 0),
                    p.planned, p.done, p.moved, p.skipped, p.missed, p.ahead,
                    CAST(coalesce((SELECT max(g.gap) FROM gaps g WHERE g.account_id = p.account_id), 0) AS INTEGER)
               FROM planned p JOIN account a ON a.id = p.account_id
               LEFT JOIN visit_plan vp ON vp.account_id = p.account_id
              ORDER BY (p.done * 1.0) / max(p.planned - p.ahead, 1),
                       a.sort_name, p.account_id
              LIMIT ?5"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![day_text(as_of), day_text(first), day_text(last), day_text(until), limit as i64], |r| {
                Ok(AccountPlanRow {
                    account_id: r.get(0)?,
                    name: r.get(1)?,
                    tier: r.get(2)?,
                    cadence_days: r.get(3)?,
                    counts: counts_at(r, 4)?,
                    longest_gap_days: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A-tier accounts (still visited: neither lost nor dormant) with no
    /// visit between `first` and `last`: how many, and the first `limit`
    /// by name.
    pub fn a_tier_not_visited(&self, first: NaiveDate, last: NaiveDate, limit: usize) -> Result<(i64, Vec<String>)> {
        // How many: the A tier less those of its accounts with a visit in
        // the period, from two indexes (not a look-up per account).
        let count: i64 = self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM account INDEXED BY account_by_tier
                          WHERE tier = 'A' AND status NOT IN ('lost', 'dormant'))
                      - (SELECT count(DISTINCT t.account_id) FROM activity t INDEXED BY activity_visit_day_account
                          WHERE t.channel = 'visit' AND t.occurred_on BETWEEN ?1 AND ?2
                            AND t.account_id IN (SELECT id FROM account INDEXED BY account_by_tier
                                                  WHERE tier = 'A' AND status NOT IN ('lost', 'dormant')))",
            )?
            .query_row(params![day_text(first), day_text(last)], |r| r.get(0))?;
        if count <= 0 {
            return Ok((0, Vec::new()));
        }
        // Which: the first few in name order, from the A tier.
        let names = self
            .conn
            .prepare_cached(
                "SELECT a.name FROM account a INDEXED BY account_by_tier
                  WHERE a.tier = 'A' AND a.status NOT IN ('lost', 'dormant')
                    AND NOT EXISTS (SELECT 1 FROM activity t INDEXED BY activity_visit_by_account
                                     WHERE t.account_id = a.id AND t.channel = 'visit'
                                       AND t.occurred_on BETWEEN ?1 AND ?2)
                  ORDER BY a.sort_name, a.id LIMIT ?3",
            )?
            .query_map(params![day_text(first), day_text(last), limit as i64], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((count, names))
    }

    /// Visits logged between `first` and `last` that did no planned visit.
    pub fn unplanned_visits(&self, first: NaiveDate, last: NaiveDate) -> Result<i64> {
        // Every visit of the period less those that did a planned one: two
        // counts over indexes, not a look-up per visit.
        Ok(self
            .conn
            .prepare_cached(
                "SELECT (SELECT count(*) FROM activity t INDEXED BY activity_visit_day_account
                          WHERE t.channel = 'visit' AND t.occurred_on BETWEEN ?1 AND ?2)
                      - (SELECT count(*) FROM planned_visit v INDEXED BY planned_visit_by_activity
                           JOIN activity t ON t.id = v.activity_id
                          WHERE v.activity_id IS NOT NULL AND t.channel = 'visit'
                            AND t.occurred_on BETWEEN ?1 AND ?2)",
            )?
            .query_row(params![day_text(first), day_text(last)], |r| r.get(0))?)
    }
}
