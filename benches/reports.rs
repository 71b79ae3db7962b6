//! The daily report at scale L (SPEC §9: each report ≤ 50 ms, and ≤ 1.5×
//! the same SQL in the `sqlite3` shell). Times building the typed report
//! and rendering it, on the busiest day of the file and on an ordinary one.
//!
//! Run: `KAM_BENCH_DB=<file> cargo bench --bench reports`; compare with the
//! queries of `store/activities.rs` and `store/report_queries.rs` run in
//! `sqlite3 <file>` with `.timer on`.

mod common;

use chrono::{FixedOffset, NaiveDate};
use common::{bench_db, today};
use divan::Bencher;
use kam::i18n::Lang;
use kam::io::report::{daily_json, daily_sections, daily_title, render_markdown};
use kam::reports::DailyReport;
use kam::store::Store;

fn main() {
    divan::main();
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("utc")
}

fn days() -> [NaiveDate; 2] {
    [today(), today() - chrono::Days::new(200)]
}

#[divan::bench(args = days())]
fn build_daily_report(bencher: Bencher, day: NaiveDate) {
    let store = Store::open(bench_db()).expect("open");
    bencher.bench_local(|| DailyReport::build(&store, day, utc()).expect("report"));
}

#[divan::bench(args = days())]
fn build_and_render_markdown(bencher: Bencher, day: NaiveDate) {
    let store = Store::open(bench_db()).expect("open");
    bencher.bench_local(|| {
        let report = DailyReport::build(&store, day, utc()).expect("report");
        render_markdown(&daily_title(&report, Lang::ZhCn), &daily_sections(&report, Lang::ZhCn), Lang::ZhCn)
    });
}

#[divan::bench(args = days())]
fn build_and_render_json(bencher: Bencher, day: NaiveDate) {
    let store = Store::open(bench_db()).expect("open");
    bencher.bench_local(|| {
        let report = DailyReport::build(&store, day, utc()).expect("report");
        serde_json::to_string(&daily_json(&report)).expect("json")
    });
}
