//! Property tests for every parser a rep's input reaches: dates, times,
//! amounts, the config file and CSV imports. Whatever is typed or found in
//! a file, the answer is a value or a clear error, never a panic; and what
//! kam writes out, it reads back the same.

mod common;

use chrono::NaiveDate;
use kam::domain::{Money, parse_date, parse_time};
use proptest::prelude::*;

fn today() -> NaiveDate {
    common::today()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn dates_never_panic(text in ".{0,40}") {
        let _ = parse_date(&text, today());
    }

    #[test]
    fn iso_dates_read_back(days in 0i64..80_000) {
        let day = NaiveDate::from_ymd_opt(1900, 1, 1).expect("date") + chrono::Days::new(days as u64);
        prop_assert_eq!(parse_date(&day.format("%Y-%m-%d").to_string(), today()), Ok(day));
    }

    #[test]
    fn relative_dates_never_panic(sign in "[+-]", n in "[0-9]{0,25}", unit in "[dwmy]?") {
        let _ = parse_date(&format!("{sign}{n}{unit}"), today());
    }

    #[test]
    fn times_never_panic(text in ".{0,12}") {
        let _ = parse_time(&text);
    }

    #[test]
    fn times_read_back(h in 0u32..24, m in 0u32..60) {
        let time = chrono::NaiveTime::from_hms_opt(h, m, 0).expect("time");
        prop_assert_eq!(parse_time(&time.format("%H:%M").to_string()), Ok(time));
    }

    #[test]
    fn amounts_never_panic(text in ".{0,30}") {
        let _ = Money::parse(&text);
    }

    #[test]
    fn amounts_read_back(cents in -kam::domain::money::MAX_CENTS..kam::domain::money::MAX_CENTS) {
        prop_assert_eq!(Money::parse(&Money(cents).full()), Ok(Money(cents)));
    }

    #[test]
    fn config_files_never_panic(text in ".{0,200}") {
        let _ = kam::config::parse(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any bytes as a CSV of accounts: a report of what was read or a
    /// clear error, and a dry run writes nothing.
    #[test]
    fn csv_imports_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), header in any::<bool>()) {
        let db = common::temp_db();
        let mut store = kam::store::Store::open(&db.path).expect("open");
        let file = db.dir.path().join("accounts.csv");
        let mut content = if header { b"name,short_name,segment,tier\n".to_vec() } else { Vec::new() };
        content.extend_from_slice(&bytes);
        std::fs::write(&file, &content).expect("write");
        let options = kam::io::import::ImportOptions { dry_run: true, ..Default::default() };
        let _ = kam::io::import::import_accounts(&mut store, &file, &options, |_| kam::domain::Tier::C, today());
        prop_assert!(store.accounts_page(&kam::store::Seek::First, 1).expect("read").is_empty());
    }
}

/// A cell as reps' files have them: empty, plausible, odd or hostile.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("平安银行".to_string()),
        Just("Won".to_string()),
        Just("谈判".to_string()),
        Just("=SUM(A1)".to_string()),
        "[0-9]{1,12}(\\.[0-9]{0,3})?",
        "[0-9]{4}[-/][0-9]{1,2}[-/][0-9]{1,2}",
        "-?[0-9,.万亿]{0,10}",
        "[a-z@.]{0,12}",
        ".{0,16}",
    ]
}

fn csv_of(header: &str, rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header.split(',')).expect("header");
    for row in rows {
        out.write_record(row).expect("row");
    }
    out.into_inner().expect("csv")
}

/// The file kam imports into: one account the rows may name.
fn db_with_an_account() -> (common::TempDb, kam::store::Store) {
    let db = common::temp_db();
    let mut store = kam::store::Store::open(&db.path).expect("open");
    kam::ops::add_account(&mut store, &kam::store::NewAccount::named("平安银行"), today()).expect("account");
    (db, store)
}

fn count(store_path: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(store_path).expect("open");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Contacts with any cells: a report or a clear error, never a panic,
    /// and exactly the rows the report says were written are in the file.
    #[test]
    fn contact_imports_never_panic(rows in proptest::collection::vec(proptest::collection::vec(cell(), 6), 0..8),
                                   skip_invalid in any::<bool>()) {
        let (db, mut store) = db_with_an_account();
        let file = db.dir.path().join("contacts.csv");
        std::fs::write(&file, csv_of("account,name,title,phone,email,role", &rows)).expect("write");
        let options = kam::io::import::ImportOptions { skip_invalid, ..Default::default() };
        let result = kam::io::import::import_contacts(&mut store, &file, &options);
        let written = result.as_ref().map_or(0, |r| r.written);
        prop_assert_eq!(count(&db.path, "contact"), written as i64);
    }

    /// Opportunities with any cells (stages, amounts, dates, probabilities),
    /// new accounts allowed or not: never a panic, and what the report
    /// says was written is what the file holds.
    #[test]
    fn opportunity_imports_never_panic(rows in proptest::collection::vec(proptest::collection::vec(cell(), 7), 0..8),
                                       create_accounts in any::<bool>(), skip_invalid in any::<bool>()) {
        let (db, mut store) = db_with_an_account();
        let file = db.dir.path().join("deals.csv");
        let header = "account,title,stage,amount,probability,close_date,lost_reason";
        std::fs::write(&file, csv_of(header, &rows)).expect("write");
        let options = kam::io::import_deals::DealOptions {
            common: kam::io::import::ImportOptions { skip_invalid, ..Default::default() },
            stage_map: vec!["Won=won".into()],
            create_accounts,
        };
        let result = kam::io::import_deals::import_opportunities(&mut store, &file, &options, today());
        let written = result.as_ref().map_or(0, |r| r.written);
        prop_assert_eq!(count(&db.path, "opportunity"), written as i64);
    }
}
