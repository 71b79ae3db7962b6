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
