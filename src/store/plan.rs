//! The visit plan's rows: planned visits made from each account's cadence
//! on working days, their state worked out when read, the link between a
//! logged visit and the planned one it did, and the month calendar's
//! counts. Planning again replaces only what is ahead and untouched.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{OptionalExtension, Row, params};

use super::activities::time_text;
use super::{Batch, RecordMeta, Result, Store, day_text};
use crate::domain::Tier;
use crate::domain::visit_plan::{VisitKind, VisitState, cadence_days, spread_start};

#[derive(Debug, Clone, PartialEq)]
pub struct NewPlannedVisit {
    pub account_id: i64,
    pub kind: VisitKind,
    pub planned_on: NaiveDate,
    pub at_time: Option<NaiveTime>,
    pub purpose: String,
    pub opportunity_id: Option<i64>,
    pub instalment_id: Option<i64>,
    /// Made from the cadence (planning again may replace it).
    pub from_cadence: bool,
}

impl NewPlannedVisit {
    pub fn visit(account_id: i64, planned_on: NaiveDate) -> NewPlannedVisit {
        NewPlannedVisit {
            account_id,
            kind: VisitKind::Visit,
            planned_on,
            at_time: None,
            purpose: String::new(),
            opportunity_id: None,
            instalment_id: None,
            from_cadence: false,
        }
    }
}

/// A planned visit as listed, with its account and its state on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedVisitRow {
    pub id: i64,
    pub uuid: String,
    pub account_id: i64,
    pub account_uuid: String,
    pub account_name: String,
    pub account_short_name: String,
    pub account_address: String,
    pub tier: Tier,
    pub kind: VisitKind,
    pub planned_on: NaiveDate,
    pub at_time: Option<NaiveTime>,
    pub moved_from: Option<NaiveDate>,
    pub skip_reason: String,
    pub activity_id: Option<i64>,
    /// The day the visit that did it was made.
    pub done_on: Option<NaiveDate>,
    pub purpose: String,
    pub opportunity_id: Option<i64>,
    pub opportunity_title: Option<String>,
    pub from_cadence: bool,
    pub sequence: i64,
    pub updated_at: String,
    pub state: VisitState,
    /// The links as UUIDs, for files (the same in every copy of the data).
    pub links: VisitLinks,
    pub created_at: String,
}

/// A planned visit's links by UUID: the visit that did it, its deal, the
/// instalment a collection visit comes before.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VisitLinks {
    pub activity_uuid: Option<String>,
    pub opportunity_uuid: Option<String>,
    pub instalment_uuid: Option<String>,
}

/// What a planned visit read back from a file already went through: moved
/// (the first day), skipped (why), done (by which activity), and its
/// calendar sequence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VisitHistory {
    pub moved_from: Option<NaiveDate>,
    pub skip_reason: String,
    pub activity_id: Option<i64>,
    pub sequence: i64,
}

/// Which planned visits a listing wants.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VisitFilter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub account_id: Option<i64>,
    /// Only these states (none: all).
    pub states: Vec<VisitState>,
}

/// A day of the month calendar: visits planned and done, and what falls
/// due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CalendarDay {
    pub planned: i64,
    pub done: i64,
    pub instalments_due: i64,
    pub contracts_ending: i64,
    pub expected_closes: i64,
    pub complaint_deadlines: i64,
}

/// Puts one source's count (and done count) for a day into its place.
type PutDay = fn(&mut CalendarDay, i64, i64);

/// The state, in SQL, of `v` as of `?1` (see `VisitState::of`).
/// (Done by a visit made after that day is not done yet on it.)
const STATE: &str = "CASE WHEN v.activity_id IS NOT NULL
                 AND (SELECT t.occurred_on FROM activity t WHERE t.id = v.activity_id) <= ?1 THEN 'done'
            WHEN v.skip_reason <> '' THEN 'skipped'
            WHEN v.planned_on < ?1 THEN 'missed'
            WHEN v.moved_from IS NOT NULL THEN 'moved'
            ELSE 'planned' END";

fn select_visits() -> String {
    format!(
        "SELECT v.id, v.uuid, v.account_id, a.uuid, a.name, a.short_name, a.address, a.tier, v.kind, v.planned_on,
                v.at_time, v.moved_from, v.skip_reason, v.activity_id,
                (SELECT t.occurred_on FROM activity t WHERE t.id = v.activity_id), v.purpose, v.opportunity_id,
                (SELECT o.title FROM opportunity o WHERE o.id = v.opportunity_id), v.from_cadence, v.sequence,
                v.updated_at, {STATE},
                (SELECT t.uuid FROM activity t WHERE t.id = v.activity_id),
                (SELECT o.uuid FROM opportunity o WHERE o.id = v.opportunity_id),
                (SELECT i.uuid FROM instalment i WHERE i.id = v.instalment_id), v.created_at
           FROM planned_visit v JOIN account a ON a.id = v.account_id"
    )
}

fn visit_row(r: &Row<'_>) -> rusqlite::Result<PlannedVisitRow> {
    let at_time: Option<String> = r.get(10)?;
    Ok(PlannedVisitRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        account_id: r.get(2)?,
        account_uuid: r.get(3)?,
        account_name: r.get(4)?,
        account_short_name: r.get(5)?,
        account_address: r.get(6)?,
        tier: r.get(7)?,
        kind: r.get(8)?,
        planned_on: r.get(9)?,
        at_time: at_time.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
        moved_from: r.get(11)?,
        skip_reason: r.get(12)?,
        activity_id: r.get(13)?,
        done_on: r.get(14)?,
        purpose: r.get(15)?,
        opportunity_id: r.get(16)?,
        opportunity_title: r.get(17)?,
        from_cadence: r.get(18)?,
        sequence: r.get(19)?,
        updated_at: r.get(20)?,
        state: r.get(21)?,
        links: VisitLinks { activity_uuid: r.get(22)?, opportunity_uuid: r.get(23)?, instalment_uuid: r.get(24)? },
        created_at: r.get(25)?,
    })
}

impl Store {
    /// Planned visits in day order (then id), as of `as_of`, from after
    /// `after` on, at most `limit`.
    pub fn planned_visits(
        &self,
        filter: &VisitFilter,
        as_of: NaiveDate,
        after: Option<(NaiveDate, i64)>,
        limit: usize,
    ) -> Result<Vec<PlannedVisitRow>> {
        let states = (!filter.states.is_empty())
            .then(|| serde_json::to_string(&filter.states.iter().map(|s| s.code()).collect::<Vec<_>>()))
            .transpose()
            .unwrap_or(None);
        let sql = format!(
            "{} WHERE (?2 IS NULL OR v.planned_on >= ?2) AND (?3 IS NULL OR v.planned_on <= ?3)
                 AND (?4 IS NULL OR v.account_id = ?4)
                 AND (?5 IS NULL OR {STATE} IN (SELECT value FROM json_each(?5)))
                 AND (?6 IS NULL OR (v.planned_on, v.id) > (?6, ?7))
               ORDER BY v.planned_on, v.id LIMIT ?8",
            select_visits()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let (after_day, after_id) = (after.map(|(d, _)| day_text(d)), after.map(|(_, id)| id));
        let rows = stmt
            .query_map(
                params![
                    day_text(as_of),
                    filter.from.map(day_text),
                    filter.to.map(day_text),
                    filter.account_id,
                    states,
                    after_day,
                    after_id,
                    limit as i64
                ],
                visit_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn planned_visit(&self, id: i64, as_of: NaiveDate) -> Result<Option<PlannedVisitRow>> {
        let sql = format!("{} WHERE v.id = ?2", select_visits());
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![day_text(as_of), id], visit_row).optional()?)
    }

    /// The visit of `kind` planned for `account_id` on `day`, if any.
    pub fn visit_planned(&self, account_id: i64, day: NaiveDate, kind: VisitKind) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM planned_visit WHERE account_id = ?1 AND planned_on = ?2 AND kind = ?3")?
            .query_row(params![account_id, day_text(day), kind], |r| r.get(0))
            .optional()?)
    }

    /// The records a file's visit links to, found by UUID: the activity
    /// that did it, its deal, its instalment (None where not here).
    pub fn visit_link_ids(&self, links: &VisitLinks) -> Result<[Option<i64>; 3]> {
        let find = |sql: &str, uuid: &Option<String>| -> Result<Option<i64>> {
            match uuid.as_deref().filter(|u| !u.is_empty()) {
                Some(uuid) => Ok(self.conn.prepare_cached(sql)?.query_row(params![uuid], |r| r.get(0)).optional()?),
                None => Ok(None),
            }
        };
        Ok([
            find("SELECT id FROM activity WHERE uuid = ?1", &links.activity_uuid)?,
            find("SELECT id FROM opportunity WHERE uuid = ?1", &links.opportunity_uuid)?,
            find("SELECT id FROM instalment WHERE uuid = ?1", &links.instalment_uuid)?,
        ])
    }

    /// The planned visit with this UUID, if any.
    pub fn planned_visit_uuid(&self, uuid: &uuid::Uuid) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM planned_visit WHERE uuid = ?1")?
            .query_row(params![uuid.to_string()], |r| r.get(0))
            .optional()?)
    }

    /// Whether the year's plan has been made.
    pub fn year_planned(&self, year: i32) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM plan_year WHERE year = ?1")?
            .query_row(params![year], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// Each day of `first..=last` that has anything: visits planned and
    /// done, open instalments due, contracts ending, deals expected to
    /// close, open complaints due an answer. One grouped query per source,
    /// each over the index of its date.
    pub fn calendar_days(&self, first: NaiveDate, last: NaiveDate) -> Result<Vec<(NaiveDate, CalendarDay)>> {
        let mut days: std::collections::BTreeMap<NaiveDate, CalendarDay> = Default::default();
        let sources: [(&str, PutDay); 5] = [
            (
                "SELECT planned_on, count(*), count(activity_id) FROM planned_visit
                  WHERE planned_on BETWEEN ?1 AND ?2 GROUP BY planned_on",
                |d, n, done| {
                    d.planned = n;
                    d.done = done;
                },
            ),
            (
                "SELECT i.due_on, count(*), 0 FROM instalment i INDEXED BY instalment_open
                   JOIN contract c ON c.id = i.contract_id
                  WHERE i.due_on BETWEEN ?1 AND ?2 AND i.settled_on IS NULL AND i.void = 0
                    AND c.status NOT IN ('draft', 'void')
                  GROUP BY i.due_on",
                |d, n, _| d.instalments_due = n,
            ),
            (
                "SELECT end_on, count(*), 0 FROM contract
                  WHERE end_on BETWEEN ?1 AND ?2 AND end_on IS NOT NULL AND status <> 'void' GROUP BY end_on",
                |d, n, _| d.contracts_ending = n,
            ),
            (
                "SELECT expected_close_on, count(*), 0 FROM opportunity
                  WHERE expected_close_on BETWEEN ?1 AND ?2 AND expected_close_on IS NOT NULL AND outcome = 'open'
                  GROUP BY expected_close_on",
                |d, n, _| d.expected_closes = n,
            ),
            (
                "SELECT respond_by, count(*), 0 FROM complaint
                  WHERE respond_by BETWEEN ?1 AND ?2 AND status IN ('new', 'in_progress', 'waiting')
                  GROUP BY respond_by",
                |d, n, _| d.complaint_deadlines = n,
            ),
        ];
        for (sql, put) in sources {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query(params![day_text(first), day_text(last)])?;
            while let Some(r) = rows.next()? {
                let day: NaiveDate = r.get(0)?;
                put(days.entry(day).or_default(), r.get(1)?, r.get(2)?);
            }
        }
        Ok(days.into_iter().collect())
    }

    /// Counts of an account's planned visits between two days by state.
    pub fn plan_counts_of(
        &self,
        account_id: i64,
        first: NaiveDate,
        last: NaiveDate,
        as_of: NaiveDate,
    ) -> Result<Vec<(VisitState, i64)>> {
        let sql = format!(
            "SELECT {STATE}, count(*) FROM planned_visit v
              WHERE v.account_id = ?2 AND v.planned_on BETWEEN ?3 AND ?4 GROUP BY 1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![day_text(as_of), account_id, day_text(first), day_text(last)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// An instalment falling due with no visit planned before it: a
/// collection visit (催款) to suggest.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionDue {
    pub instalment_id: i64,
    pub account_id: i64,
    pub due_on: NaiveDate,
    pub label: String,
    pub outstanding: crate::domain::Money,
}

impl Store {
    /// Instalments still owed falling due between `from` and `until` whose
    /// account has no visit still to do from `from` to the due day, and no
    /// collection visit planned for them yet.
    pub fn collections_unplanned(&self, from: NaiveDate, until: NaiveDate) -> Result<Vec<CollectionDue>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT i.id, c.account_id, i.due_on, i.label,
                    i.amount_cents - coalesce((SELECT sum(r.amount_cents) FROM receipt r WHERE r.instalment_id = i.id), 0)
               FROM instalment i INDEXED BY instalment_open JOIN contract c ON c.id = i.contract_id
              WHERE i.due_on BETWEEN ?1 AND ?2 AND i.settled_on IS NULL AND i.void = 0
                AND c.status NOT IN ('draft', 'void')
                AND NOT EXISTS (SELECT 1 FROM planned_visit v WHERE v.instalment_id = i.id)
                AND NOT EXISTS (SELECT 1 FROM planned_visit v INDEXED BY planned_visit_by_account
                                 WHERE v.account_id = c.account_id AND v.planned_on BETWEEN ?1 AND i.due_on
                                   AND v.activity_id IS NULL AND v.skip_reason = '')
              ORDER BY i.due_on, i.id",
        )?;
        let rows = stmt
            .query_map(params![day_text(from), day_text(until)], |r| {
                Ok(CollectionDue {
                    instalment_id: r.get(0)?,
                    account_id: r.get(1)?,
                    due_on: r.get(2)?,
                    label: r.get(3)?,
                    outstanding: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Batch<'_> {
    /// The working days and linking window writes plan with.
    pub fn plan_rules(&self) -> &crate::domain::visit_plan::PlanRules {
        self.plan
    }

    pub fn insert_planned_visit(&self, v: &NewPlannedVisit, meta: &RecordMeta) -> Result<i64> {
        crate::progress::step();
        self.tx
            .prepare_cached(
                "INSERT INTO planned_visit (uuid, account_id, kind, planned_on, at_time, purpose, opportunity_id,
                                            instalment_id, from_cadence, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                v.account_id,
                v.kind,
                day_text(v.planned_on),
                v.at_time.map(time_text),
                v.purpose,
                v.opportunity_id,
                v.instalment_id,
                v.from_cadence,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// A planned visit as a file had it (kam's own export): its history
    /// written as it stands, in one statement, so no trigger counts it as
    /// a change.
    pub fn insert_planned_visit_as(
        &self,
        v: &NewPlannedVisit,
        history: &VisitHistory,
        meta: &RecordMeta,
    ) -> Result<i64> {
        crate::progress::step();
        self.tx
            .prepare_cached(
                "INSERT INTO planned_visit (uuid, account_id, kind, planned_on, at_time, purpose, opportunity_id,
                                            instalment_id, from_cadence, moved_from, skip_reason, activity_id,
                                            sequence, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                v.account_id,
                v.kind,
                day_text(v.planned_on),
                v.at_time.map(time_text),
                v.purpose,
                v.opportunity_id,
                v.instalment_id,
                v.from_cadence,
                history.moved_from.map(day_text),
                history.skip_reason,
                history.activity_id,
                history.sequence,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Moves a visit to another day (and time): the first day it was
    /// planned for is kept.
    pub fn move_planned_visit(&self, id: i64, day: NaiveDate, at_time: Option<NaiveTime>) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE planned_visit SET moved_from = coalesce(moved_from, planned_on), planned_on = ?2,
                        at_time = ?3
                  WHERE id = ?1",
            )?
            .execute(params![id, day_text(day), at_time.map(time_text)])?;
        Ok(())
    }

    /// A visit's kind and purpose as a manager's corrected plan has them.
    pub fn set_planned_visit_details(&self, id: i64, kind: VisitKind, purpose: &str) -> Result<()> {
        self.tx.prepare_cached("UPDATE planned_visit SET kind = ?2, purpose = ?3 WHERE id = ?1")?.execute(params![
            id,
            kind,
            purpose.trim()
        ])?;
        Ok(())
    }

    /// Skips a visit with the reason (an empty reason plans it again).
    pub fn skip_planned_visit(&self, id: i64, reason: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE planned_visit SET skip_reason = ?2 WHERE id = ?1")?
            .execute(params![id, reason.trim()])?;
        Ok(())
    }

    /// A logged visit does the nearest planned visit of its account still
    /// to do within the window (the earlier on a tie); returns it, or
    /// `None` when the visit was unplanned.
    pub fn link_visit(&self, activity_id: i64, account_id: i64, day: NaiveDate) -> Result<Option<i64>> {
        let window = i64::from(self.plan.link_window_days);
        let nearest: Option<i64> = self
            .tx
            .prepare_cached(
                "SELECT id FROM planned_visit INDEXED BY planned_visit_by_account
                  WHERE account_id = ?1 AND activity_id IS NULL AND skip_reason = ''
                    AND planned_on BETWEEN date(?2, '-' || ?3 || ' days') AND date(?2, '+' || ?3 || ' days')
                  ORDER BY abs(julianday(planned_on) - julianday(?2)), planned_on LIMIT 1",
            )?
            .query_row(params![account_id, day_text(day), window], |r| r.get(0))
            .optional()?;
        if let Some(id) = nearest {
            self.tx
                .prepare_cached("UPDATE planned_visit SET activity_id = ?2 WHERE id = ?1")?
                .execute(params![id, activity_id])?;
        }
        Ok(nearest)
    }

    /// Whether planned visit `id` is of `account_id` and within the window
    /// of `day` (a corrected visit still does it).
    pub(super) fn planned_visit_fits(&self, id: i64, account_id: i64, day: NaiveDate) -> Result<bool> {
        let window = i64::from(self.plan.link_window_days);
        Ok(self
            .tx
            .prepare_cached(
                "SELECT 1 FROM planned_visit WHERE id = ?1 AND account_id = ?2
                    AND planned_on BETWEEN date(?3, '-' || ?4 || ' days') AND date(?3, '+' || ?4 || ' days')",
            )?
            .exists(params![id, account_id, day_text(day), window])?)
    }

    /// The planned visit an activity did is to do again (the activity was
    /// corrected to another day, account or channel).
    pub fn unlink_visit(&self, activity_id: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE planned_visit SET activity_id = NULL WHERE activity_id = ?1")?
            .execute(params![activity_id])?;
        Ok(())
    }

    /// Plans an account's visits from `first` to `last` from its cadence,
    /// replacing the cadence's visits there that are still untouched (not
    /// done, skipped or moved). Continues from the account's last visit
    /// planned or made before `first`; with neither, from its own offset
    /// into the cadence. An account lost or dormant gets none. Returns how
    /// many were planned.
    pub fn plan_account(&self, account_id: i64, first: NaiveDate, last: NaiveDate) -> Result<usize> {
        self.tx
            .prepare_cached(
                "DELETE FROM planned_visit
                  WHERE account_id = ?1 AND from_cadence = 1 AND planned_on BETWEEN ?2 AND ?3
                    AND activity_id IS NULL AND skip_reason = '' AND moved_from IS NULL",
            )?
            .execute(params![account_id, day_text(first), day_text(last)])?;
        let found: Option<(u32, String, Option<NaiveDate>, Option<NaiveDate>)> = self
            .tx
            .prepare_cached(
                "SELECT v.cadence_days, a.status,
                        (SELECT max(coalesce(p.moved_from, p.planned_on)) FROM planned_visit p
                          WHERE p.account_id = a.id AND p.planned_on < ?2 AND p.kind = 'visit'),
                        (SELECT max(t.occurred_on) FROM activity t
                          WHERE t.account_id = a.id AND t.channel = 'visit' AND t.occurred_on < ?2)
                   FROM account a JOIN visit_plan v ON v.account_id = a.id WHERE a.id = ?1",
            )?
            .query_row(params![account_id, day_text(first)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((every, status, last_planned, last_visit)) = found else { return Ok(0) };
        if status == "lost" || status == "dormant" {
            return Ok(0);
        }
        let start = match last_planned.max(last_visit) {
            Some(before) => before.checked_add_days(chrono::Days::new(u64::from(every))).unwrap_or(first),
            None => spread_start(first, account_id, every),
        };
        // Untouched visits already on a day (by hand, moved there) keep it.
        let days = cadence_days(&self.plan.calendar, start.max(first), every, first, last);
        let mut taken = self.tx.prepare_cached(
            "SELECT 1 FROM planned_visit WHERE account_id = ?1 AND planned_on = ?2 AND kind = 'visit'",
        )?;
        let mut planned = 0;
        for day in days {
            if taken.exists(params![account_id, day_text(day)])? {
                continue;
            }
            let visit = NewPlannedVisit { from_cadence: true, ..NewPlannedVisit::visit(account_id, day) };
            self.insert_planned_visit(&visit, &RecordMeta::now())?;
            planned += 1;
        }
        Ok(planned)
    }

    /// Notes that `year` has been planned.
    pub fn mark_year_planned(&self, year: i32) -> Result<()> {
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO plan_year (year, planned_at) VALUES (?1, ?2)")?
            .execute(params![year, RecordMeta::now().at_text()])?;
        Ok(())
    }

    /// Every account that can be visited, by id (the year's plan walks
    /// them).
    pub fn plannable_accounts(&self) -> Result<Vec<i64>> {
        let ids = self
            .tx
            .prepare_cached("SELECT id FROM account WHERE status NOT IN ('lost', 'dormant') ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    pub fn year_is_planned(&self, year: i32) -> Result<bool> {
        Ok(self.tx.prepare_cached("SELECT 1 FROM plan_year WHERE year = ?1")?.exists(params![year])?)
    }
}
