//! The year's visit plan: made once a year from each account's cadence,
//! made again forward (never the past) when an account's tier, cadence or
//! status changes, and kept by the rep — a visit moved to another day or
//! skipped with the reason, each one action.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::ActionKind;
use crate::domain::visit_plan::year_bounds;
use crate::store::{Batch, NewPlannedVisit, RecordMeta, Result, Store, StoreError};

/// Plans `year`'s visits for every account that can be visited, from
/// `from` (the first of the year for a whole year; today for a year
/// already under way, so no visit is planned in the past) to its end.
/// One action; returns how many visits were planned. A year planned
/// already is left as it is (0).
pub fn plan_year(store: &mut Store, year: i32, from: NaiveDate) -> Result<usize> {
    let Some((first, last)) = year_bounds(year) else { return Ok(0) };
    if store.year_planned(year)? {
        return Ok(0);
    }
    let from = from.max(first);
    store.action(ActionKind::PlanYear.code(), &year.to_string(), |b| plan_every_account(b, year, from, last))
}

/// Plans every account that can be visited from `from` to `last`, and
/// notes the year as planned.
fn plan_every_account(b: &Batch<'_>, year: i32, from: NaiveDate, last: NaiveDate) -> Result<usize> {
    let mut planned = 0;
    if from <= last {
        for account in b.plannable_accounts()? {
            planned += b.plan_account(account, from, last)?;
        }
    }
    b.mark_year_planned(year)?;
    Ok(planned)
}

/// On opening the app: plans this year from today if it is not planned
/// yet (a new year, a new file), and in December next year from its first
/// day. Not an undo step: it is kam's own housekeeping, like the backup.
/// Returns how many visits were planned.
pub fn plan_ahead(store: &mut Store, today: NaiveDate) -> Result<usize> {
    let mut years = vec![(today.year(), today)];
    if today.month() == 12 {
        years.extend(year_bounds(today.year() + 1).map(|(first, _)| (today.year() + 1, first)));
    }
    let mut planned = suggest_collections(store, today)?;
    for (year, from) in years {
        let Some((first, last)) = year_bounds(year) else { continue };
        if store.year_planned(year)? {
            continue;
        }
        planned += store.batch(|b| plan_every_account(b, year, from.max(first), last))?;
    }
    Ok(planned)
}

/// How far ahead money falling due gets a collection visit suggested.
pub const COLLECTION_AHEAD_DAYS: u64 = 14;

/// Money falling due in the next two weeks with no visit planned before
/// it gets a collection visit (催款) three working days ahead of the due
/// day (or today, when that is sooner): planned by kam, never replaced by
/// the cadence, moved or skipped like any other. Returns how many.
pub fn suggest_collections(store: &mut Store, today: NaiveDate) -> Result<usize> {
    let until = today.checked_add_days(chrono::Days::new(COLLECTION_AHEAD_DAYS)).unwrap_or(today);
    let due = store.collections_unplanned(today, until)?;
    if due.is_empty() {
        return Ok(0);
    }
    let calendar = store.plan_rules().calendar.clone();
    store.batch(|b| {
        for d in &due {
            // Three working days ahead (a weekend or holiday between does
            // not count), or today when that is sooner.
            let day = calendar.working_days_before(d.due_on, 3, today);
            let visit = NewPlannedVisit {
                kind: crate::domain::visit_plan::VisitKind::Collection,
                instalment_id: Some(d.instalment_id),
                purpose: format!("{} {}", d.label, d.outstanding.full()).trim().to_string(),
                ..NewPlannedVisit::visit(d.account_id, day)
            };
            b.insert_planned_visit(&visit, &RecordMeta::now())?;
        }
        Ok(due.len())
    })
}

/// Plans an account again from `today` to the end of every year planned
/// (this one and the next, when made): inside the caller's action, after
/// its tier, cadence or status changed or when it was added.
pub fn replan_account(b: &Batch<'_>, account_id: i64, today: NaiveDate) -> Result<usize> {
    let mut planned = 0;
    for year in [today.year(), today.year() + 1] {
        let Some((first, last)) = year_bounds(year) else { continue };
        if b.year_is_planned(year)? {
            planned += b.plan_account(account_id, today.max(first), last)?;
        }
    }
    Ok(planned)
}

/// Moves a planned visit to another day (and time, or none); the day it
/// was first planned for is kept.
pub fn move_visit(store: &mut Store, id: i64, day: NaiveDate, at_time: Option<NaiveTime>) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    let visit = store.planned_visit(id, today)?.ok_or(StoreError::NotFound("planned visit"))?;
    store.action(ActionKind::MoveVisit.code(), &visit.account_name, |b| b.move_planned_visit(id, day, at_time))
}

/// Skips a planned visit with the reason (refused without one).
pub fn skip_visit(store: &mut Store, id: i64, reason: &str) -> Result<bool> {
    if reason.trim().is_empty() {
        return Ok(false);
    }
    let today = chrono::Local::now().date_naive();
    let visit = store.planned_visit(id, today)?.ok_or(StoreError::NotFound("planned visit"))?;
    store.action(ActionKind::SkipVisit.code(), &visit.account_name, |b| b.skip_planned_visit(id, reason))?;
    Ok(true)
}

/// A visit planned by hand (a collection visit before money falls due, a
/// complaint's follow-up): never replaced by planning again.
pub fn plan_visit(store: &mut Store, visit: &NewPlannedVisit) -> Result<i64> {
    let name = store.account(visit.account_id)?.map(|a| a.fields.name).ok_or(StoreError::NotFound("account"))?;
    let visit = NewPlannedVisit { from_cadence: false, ..visit.clone() };
    store.action(ActionKind::PlanVisit.code(), &name, |b| b.insert_planned_visit(&visit, &RecordMeta::now()))
}
