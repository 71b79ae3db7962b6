//! The Visits tab at scale L: the agenda merges the visit plan with every
//! open follow-up (ten years of activities). Times its counts and its first
//! page, and paging down from the middle, as the tab does on a key; the
//! month calendar and the visit plan report.
//!
//! Run: `KAM_BENCH_DB=<file> cargo bench --bench agenda`; compare with the
//! agenda query of `store/visits.rs` in `sqlite3 <file>` with `.timer on`.

mod common;

use chrono::{Datelike, Days};
use common::{bench_db, today};
use divan::Bencher;
use kam::store::{Seek, Store};

fn main() {
    divan::main();
}

#[divan::bench]
fn agenda_counts(bencher: Bencher) {
    let store = Store::open(bench_db()).expect("open");
    let until = today() + Days::new(14);
    bencher.bench_local(|| store.agenda_counts(today(), until).expect("counts"));
}

#[divan::bench]
fn agenda_first_page(bencher: Bencher) {
    let store = Store::open(bench_db()).expect("open");
    let until = today() + Days::new(14);
    bencher.bench_local(|| store.agenda_page(until, &Seek::First, 40).expect("page"));
}

#[divan::bench]
fn agenda_page_after(bencher: Bencher) {
    let store = Store::open(bench_db()).expect("open");
    let until = today() + Days::new(14);
    let first = store.agenda_page(until, &Seek::First, 400).expect("page");
    let key = first.last().map(|r| r.key()).expect("a long agenda");
    bencher.bench_local(|| store.agenda_page(until, &Seek::After(key.clone()), 40).expect("page"));
}

#[divan::bench]
fn open_follow_ups_for_kam_list(bencher: Bencher) {
    let store = Store::open(bench_db()).expect("open");
    let until = today() + Days::new(14);
    bencher.bench_local(|| store.open_follow_ups(until, None, 50).expect("list"));
}

/// The month calendar: visits planned and done and what falls due on each
/// day of the month (five grouped queries).
#[divan::bench]
fn month_calendar(bencher: Bencher) {
    let store = Store::open(bench_db()).expect("open");
    let first = today().with_day(1).expect("first");
    let last = first + Days::new(30);
    bencher.bench_local(|| store.calendar_days(first, last).expect("calendar"));
}

/// The visit plan report for this month and for the year, as `kam report
/// visits` and the year view build it.
#[divan::bench(args = ["month", "year"])]
fn visit_plan_report(bencher: Bencher, period: &str) {
    use kam::reports::visit_plan::{PlanPeriod, VisitPlanReport};
    let store = Store::open(bench_db()).expect("open");
    let period = if period == "month" { PlanPeriod::month_of(today()) } else { PlanPeriod::Year(today().year()) };
    bencher.bench_local(|| VisitPlanReport::build(&store, period, today()).expect("report"));
}
