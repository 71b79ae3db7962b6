//! After the win at scale L (50,000 contracts and their instalments and
//! receipts, SPEC §9): the first page of what is overdue today, as `kam
//! list instalments --status overdue` and the Visits calendar read it, and
//! the account detail of the account with the most contracts, as the
//! Accounts tab opens it (a keystroke's budget: ≤ 1 ms p99), and the Maintain
//! column's head less the deals archived out of it.
//!
//! Run: `KAM_BENCH_DB=<file> cargo bench --bench contracts`.

mod common;

use common::{bench_db, today};
use divan::Bencher;
use kam::domain::contract::StatusFilter;
use kam::store::{InstalmentFilter, Store};
use kam::tui::tabs::accounts::AccountDetail;

fn main() {
    divan::main();
}

#[divan::bench(args = [Some(StatusFilter::Overdue), Some(StatusFilter::DueSoon), None])]
fn instalments_first_page(bencher: Bencher, status: Option<StatusFilter>) {
    let store = Store::open(bench_db()).expect("open");
    let filter = InstalmentFilter { as_of: today(), status, contract_id: None };
    bencher.bench_local(|| store.instalments_page(&filter, None, 50).expect("page"));
}

#[divan::bench]
fn account_detail_with_the_most_contracts(bencher: Bencher) {
    let store = Store::open(bench_db()).expect("open");
    let conn = rusqlite::Connection::open(bench_db()).expect("reader");
    let account: i64 = conn
        .query_row(
            "SELECT account_id FROM contract GROUP BY account_id ORDER BY count(*) DESC, account_id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an account with contracts");
    bencher.bench_local(|| AccountDetail::load(&store, account, today()).expect("detail"));
}

/// The Maintain column's head as the Pipeline tab loads it: the won deals
/// paid up more than 90 days ago (archived out of the column), then the
/// six heads less them.
#[divan::bench]
fn maintain_head_less_archived(bencher: Bencher) {
    let store = Store::open(bench_db()).expect("open");
    let filter = kam::store::BoardFilter {
        archived_before: Some(today() - chrono::Days::new(90)),
        ..kam::store::BoardFilter::default()
    };
    bencher.bench_local(|| {
        let archived = store.board_archived(&filter).expect("archived");
        store.board_totals_less(&filter, archived).expect("heads")
    });
}
