//! The year's visit plan, worked out independently: each account's visits
//! fall every cadence days from where its plan starts, each moved to the
//! next working day (never a weekend or a configured holiday); a new tier
//! plans only the future again; a logged visit does the planned one near
//! it; moving and skipping keep what happened and raise the sequence.

mod common;

use std::collections::BTreeSet;

use chrono::{Datelike, Days, Local, NaiveDate, Weekday};
use common::temp_db;
use kam::domain::visit_plan::{PlanRules, VisitState, WorkCalendar};
use kam::domain::{AccountStatus, Channel, Tier};
use kam::ops;
use kam::store::{NewAccount, NewActivity, Store, VisitFilter};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// Golden Week and the worked Saturday after it, as a config would say.
fn rules() -> PlanRules {
    let holidays: BTreeSet<NaiveDate> = (1..=7).map(|d| NaiveDate::from_ymd_opt(2026, 10, d).expect("day")).collect();
    PlanRules {
        calendar: WorkCalendar { holidays, make_up_days: [day("2026-10-10")].into(), ..WorkCalendar::default() },
        link_window_days: 3,
    }
}

fn book(tiers: &[Tier]) -> (common::TempDb, Store, Vec<i64>) {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    store.set_plan_rules(rules());
    let ids = tiers
        .iter()
        .enumerate()
        .map(|(n, tier)| {
            let account =
                NewAccount { tier: *tier, status: AccountStatus::Active, ..NewAccount::named(&format!("客户{n}")) };
            ops::add_account(&mut store, &account, day("2025-12-01")).expect("account")
        })
        .collect();
    (db, store, ids)
}

fn plan_of(store: &Store, account: i64, as_of: NaiveDate) -> Vec<kam::store::PlannedVisitRow> {
    let filter = VisitFilter { account_id: Some(account), ..VisitFilter::default() };
    store.planned_visits(&filter, as_of, None, 1000).expect("plan")
}

/// Working day by hand: not Saturday or Sunday unless worked, not a holiday.
fn working(d: NaiveDate) -> bool {
    let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let golden_week = d >= day("2026-10-01") && d <= day("2026-10-07");
    d == day("2026-10-10") || !(weekend || golden_week)
}

#[test]
fn a_year_of_visits_every_cadence_days_on_working_days_only() {
    let (_db, mut store, ids) = book(&[Tier::A, Tier::A, Tier::B, Tier::C, Tier::C]);
    let planned = ops::plan_year(&mut store, 2026, day("2026-01-01")).expect("plan");
    assert!(planned > 0);
    assert_eq!(ops::plan_year(&mut store, 2026, day("2026-01-01")).expect("again"), 0, "a year is planned once");
    let mut total = 0;
    for (id, every) in ids.iter().zip([14u64, 14, 30, 90, 90]) {
        // No visit before the year: the plan starts at the account's own
        // offset into its cadence (its id modulo the cadence).
        let mut due = day("2026-01-01") + Days::new(*id as u64 % every);
        let mut expected = Vec::new();
        while due <= day("2026-12-31") {
            let mut d = due;
            while !working(d) {
                d = d + Days::new(1);
            }
            expected.push(d);
            due = due + Days::new(every);
        }
        let got: Vec<NaiveDate> = plan_of(&store, *id, day("2026-01-01")).iter().map(|v| v.planned_on).collect();
        assert_eq!(got, expected, "account {id} every {every} days");
        assert!(got.iter().all(|d| working(*d)));
        total += got.len();
        let count = got.len() as u64;
        assert!(count == 365 / every || count == 365 / every + 1, "{count} visits every {every} days");
    }
    assert_eq!(total, planned);
    // Undo takes the whole year back.
    ops::undo(&mut store).expect("undo");
    assert!(plan_of(&store, ids[0], day("2026-01-01")).is_empty());
    assert!(!store.year_planned(2026).expect("read"));
}

#[test]
fn a_new_tier_plans_only_the_future_again() {
    let (_db, mut store, ids) = book(&[Tier::A]);
    let account = ids[0];
    let today = Local::now().date_naive();
    ops::plan_year(&mut store, today.year(), NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("jan 1"))
        .expect("plan");
    let before = plan_of(&store, account, today);
    let past: Vec<_> = before.iter().filter(|v| v.planned_on < today).cloned().collect();
    assert!(!past.is_empty(), "a year under way has visits behind it");
    // One past visit done, one skipped: those facts must survive.
    let done_day = past[0].planned_on;
    let visit = NewActivity::new(account, done_day, Channel::Visit, "例行拜访");
    ops::log_activity(&mut store, &visit).expect("log");
    if let Some(second) = past.get(1) {
        ops::skip_visit(&mut store, second.id, "客户出差").expect("skip");
    }
    let past_now: Vec<_> = plan_of(&store, account, today).into_iter().filter(|v| v.planned_on < today).collect();
    let mut account_now = store.account(account).expect("read").expect("there").fields;
    account_now.tier = Tier::C;
    ops::edit_account(&mut store, account, &account_now).expect("edit");
    let after = plan_of(&store, account, today);
    // (The rows carry the account's tier, which did change.)
    let facts = |rows: &[kam::store::PlannedVisitRow]| -> Vec<_> {
        rows.iter()
            .filter(|v| v.planned_on < today)
            .map(|v| (v.id, v.uuid.clone(), v.planned_on, v.state, v.activity_id, v.skip_reason.clone(), v.sequence))
            .collect()
    };
    assert!(facts(&after) == facts(&past_now), "the past is left exactly as it was");
    let future: Vec<NaiveDate> = after.iter().filter(|v| v.planned_on >= today).map(|v| v.planned_on).collect();
    assert!(future.windows(2).all(|w| (w[1] - w[0]).num_days() >= 85), "every 90 days now: {future:?}");
    let future_before = before.iter().filter(|v| v.planned_on >= today).count();
    assert!(future.len() <= future_before, "fewer visits ahead at tier C");
    // Lost: nothing ahead.
    account_now.status = AccountStatus::Lost;
    ops::edit_account(&mut store, account, &account_now).expect("edit");
    assert!(plan_of(&store, account, today).iter().all(|v| v.planned_on < today));
}

#[test]
fn a_visit_logged_near_a_planned_day_does_it_and_one_far_from_any_is_unplanned() {
    let (_db, mut store, ids) = book(&[Tier::A]);
    let account = ids[0];
    ops::plan_year(&mut store, 2026, day("2026-01-01")).expect("plan");
    let as_of = day("2026-12-31");
    let plan = plan_of(&store, account, as_of);
    let target = plan.iter().find(|v| v.planned_on >= day("2026-03-01")).expect("a March visit").clone();
    // Two days late: it does that visit.
    let late = NewActivity::new(account, target.planned_on + Days::new(2), Channel::Visit, "回访使用情况");
    let activity = ops::log_activity(&mut store, &late).expect("log");
    let done = store.planned_visit(target.id, as_of).expect("read").expect("there");
    assert_eq!((done.state, done.activity_id), (VisitState::Done, Some(activity)));
    assert_eq!(done.done_on, Some(target.planned_on + Days::new(2)));
    // A phone call does nothing to the plan.
    let next = plan.iter().find(|v| v.planned_on > target.planned_on + Days::new(7)).expect("the next").clone();
    let call = NewActivity::new(account, next.planned_on, Channel::Phone, "电话沟通");
    ops::log_activity(&mut store, &call).expect("log");
    assert_eq!(store.planned_visit(next.id, as_of).expect("read").expect("there").state, VisitState::Missed);
    // Seven days from both its neighbours: an unplanned visit.
    let between = target.planned_on + Days::new(7);
    assert!(plan.iter().all(|v| (v.planned_on - between).num_days().abs() > 3), "nothing planned near {between}");
    let unplanned = NewActivity::new(account, between, Channel::Visit, "顺路拜访");
    let unplanned = ops::log_activity(&mut store, &unplanned).expect("log");
    assert!(plan_of(&store, account, as_of).iter().all(|v| v.activity_id != Some(unplanned)));
    // Deleting the visit that did it leaves the planned one to do again.
    ops::delete_activity(&mut store, activity).expect("delete");
    let undone = store.planned_visit(target.id, as_of).expect("read").expect("there");
    assert_eq!(undone.state, VisitState::Missed);
    ops::undo(&mut store).expect("undo");
    assert_eq!(store.planned_visit(target.id, as_of).expect("read").expect("there").state, VisitState::Done);
}

#[test]
fn moving_and_skipping_keep_the_first_day_and_raise_the_sequence() {
    let (_db, mut store, ids) = book(&[Tier::B]);
    ops::plan_year(&mut store, 2026, day("2026-01-01")).expect("plan");
    let as_of = day("2026-06-01");
    let visit = plan_of(&store, ids[0], as_of).into_iter().find(|v| v.planned_on > as_of).expect("ahead");
    assert_eq!((visit.state, visit.sequence), (VisitState::Planned, 0));
    let to = visit.planned_on + Days::new(5);
    ops::move_visit(&mut store, visit.id, to, None).expect("move");
    let moved = store.planned_visit(visit.id, as_of).expect("read").expect("there");
    assert_eq!((moved.state, moved.planned_on, moved.moved_from), (VisitState::Moved, to, Some(visit.planned_on)));
    assert_eq!(moved.sequence, 1);
    // Moved again: the first day is still the one kept.
    ops::move_visit(&mut store, visit.id, to + Days::new(1), None).expect("move");
    let again = store.planned_visit(visit.id, as_of).expect("read").expect("there");
    assert_eq!((again.moved_from, again.sequence), (Some(visit.planned_on), 2));
    assert!(!ops::skip_visit(&mut store, visit.id, "  ").expect("write"), "a skip needs its reason");
    assert!(ops::skip_visit(&mut store, visit.id, "客户停产检修").expect("write"));
    let skipped = store.planned_visit(visit.id, as_of).expect("read").expect("there");
    assert_eq!(
        (skipped.state, skipped.skip_reason.as_str(), skipped.sequence),
        (VisitState::Skipped, "客户停产检修", 3)
    );
    // Undo puts it back as planned, and the sequence still goes up (a
    // calendar ignores an event whose sequence went down).
    ops::undo(&mut store).expect("undo");
    let back = store.planned_visit(visit.id, as_of).expect("read").expect("there");
    assert_eq!(back.state, VisitState::Moved);
    assert!(back.sequence > 3, "sequence {}", back.sequence);
}

/// The visit plan report by hand: one A-tier account planned by hand in
/// June 2026 on the 1st, 8th, 15th, 22nd and 29th; done on the 1st (and
/// on the 9th, a day late), the 15th moved to the 17th and done there, the
/// 22nd skipped; as of the 24th the 29th is ahead. A second account, tier
/// A, never visited. A visit on the 26th with nothing planned near.
#[test]
fn the_visit_plan_report_worked_out_by_hand() {
    use kam::reports::visit_plan::{PlanPeriod, VisitPlanReport};
    use kam::store::NewPlannedVisit;
    let (_db, mut store, ids) = book(&[Tier::A, Tier::A]);
    let (seen, unseen) = (ids[0], ids[1]);
    let june = |d: u32| NaiveDate::from_ymd_opt(2026, 6, d).expect("day");
    let mut planned = Vec::new();
    for d in [1, 8, 15, 22, 29] {
        planned.push(ops::plan_visit(&mut store, &NewPlannedVisit::visit(seen, june(d))).expect("plan"));
    }
    ops::plan_visit(&mut store, &NewPlannedVisit::visit(unseen, june(10))).expect("plan");
    for d in [1, 9] {
        ops::log_activity(&mut store, &NewActivity::new(seen, june(d), Channel::Visit, "拜访")).expect("log");
    }
    ops::move_visit(&mut store, planned[2], june(17), None).expect("move");
    ops::log_activity(&mut store, &NewActivity::new(seen, june(17), Channel::Visit, "拜访")).expect("log");
    assert!(ops::skip_visit(&mut store, planned[3], "客户放假").expect("skip"));
    ops::log_activity(&mut store, &NewActivity::new(seen, june(25), Channel::Visit, "顺路")).expect("log");
    let report = VisitPlanReport::build(&store, PlanPeriod::Month { year: 2026, month: 6 }, june(24)).expect("report");
    // Six planned; done 3 (1st, 8th by the 9th, 15th moved to the 17th);
    // moved 1; skipped 1 (22nd); missed 1 (the other account's 10th);
    // ahead 1 (29th). Compliance: 3 done of 5 due = 60.0 %.
    let a = &report.tiers[0];
    assert_eq!(a.tier, Tier::A);
    let c = a.counts;
    assert_eq!((c.planned, c.done, c.moved, c.skipped, c.missed, c.ahead), (6, 3, 1, 1, 1, 1));
    assert_eq!(a.compliance, Some(60.0));
    assert_eq!(report.total_compliance, Some(60.0));
    // The visit of the 25th did nothing planned, but it is after the
    // report's day: as of the 24th none is unplanned; as of the 30th one
    // is, and the 29th has been missed.
    assert_eq!(report.unplanned_visits, 0);
    let later = VisitPlanReport::build(&store, PlanPeriod::Month { year: 2026, month: 6 }, june(30)).expect("report");
    assert_eq!(later.unplanned_visits, 1, "the 25th's visit had no plan");
    let c = later.tiers[0].counts;
    assert_eq!((c.done, c.missed, c.ahead), (3, 2, 0));
    assert_eq!(later.tiers[0].compliance, Some(50.0));
    // Not visited in June: the second account.
    assert_eq!(report.a_not_visited, 1);
    assert_eq!(report.a_not_visited_names, ["客户1"]);
    // Longest gaps to the 24th: the first account 1st → 9th → 17th → 24th
    // is 8 days; the second never visited: the 1st to the 24th, 23 days.
    let gap = |id: i64| report.accounts.iter().find(|r| r.account_id == id).expect("row").longest_gap_days;
    assert_eq!((gap(seen), gap(unseen)), (8, 23));
    assert_eq!(report.accounts[0].account_id, unseen, "least compliant first");
}

/// Money falling due with no visit planned before it gets a collection
/// visit three working days ahead, once; a planned visit before the due
/// day is enough.
#[test]
fn a_collection_visit_is_suggested_before_money_falls_due() {
    use kam::domain::visit_plan::VisitKind;
    use kam::domain::{ContractStatus, Money};
    use kam::store::{NewContract, NewInstalment};
    let (_db, mut store, ids) = book(&[Tier::C, Tier::C]);
    let today = Local::now().date_naive();
    let due = today + Days::new(10);
    let mut contract_for = |account: i64| {
        let contract = NewContract {
            status: ContractStatus::Signed,
            signed_on: Some(today),
            ..NewContract::draft(account, "维保合同", Money::from_yuan(20_000))
        };
        let plan = [NewInstalment::new(1, "验收款", due, Money::from_yuan(20_000))];
        ops::add_contract(&mut store, &contract, &plan).expect("write").expect("adds up");
    };
    contract_for(ids[0]);
    contract_for(ids[1]);
    // The second account has a visit planned before the money falls due.
    ops::plan_visit(&mut store, &kam::store::NewPlannedVisit::visit(ids[1], today + Days::new(4))).expect("plan");
    assert_eq!(ops::suggest_collections(&mut store, today).expect("suggest"), 1);
    assert_eq!(ops::suggest_collections(&mut store, today).expect("again"), 0, "suggested once");
    let visits = plan_of(&store, ids[0], today);
    let collection = visits.iter().find(|v| v.kind == VisitKind::Collection).expect("a collection visit");
    assert!(collection.planned_on < due && collection.planned_on >= today);
    assert!(working(collection.planned_on) || collection.planned_on == today);
    assert!(due - collection.planned_on >= chrono::Duration::days(3) || collection.planned_on == today);
    assert_eq!(collection.purpose, "验收款 20,000.00");
    assert!(plan_of(&store, ids[1], today).iter().all(|v| v.kind != VisitKind::Collection));
}
