//! `kam log` from a script: an ambiguous account is refused with the
//! candidates (exit 2, nothing written), relative dates such as `-1d` are
//! taken, an empty purpose is refused, and a success says what was logged.

mod common;

use std::process::{Command, Output};

use common::temp_db;
use kam::ops;
use kam::store::{NewAccount, Store};

fn kam(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en", "log"])
        .args(args)
        .env("KAM_CONFIG", db.with_extension("toml"))
        .output()
        .expect("run kam")
}

fn activity_count(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM activity", [], |r| r.get(0)).expect("count")
}

fn xiamen_book() -> common::TempDb {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let today = chrono::Local::now().date_naive();
    for name in ["厦门博远软件股份有限公司", "厦门国贸集团股份有限公司", "厦门象屿股份有限公司", "厦门钨业股份有限公司"]
    {
        ops::add_account(&mut store, &NewAccount::named(name), today).expect("account");
    }
    db
}

#[test]
fn an_ambiguous_account_is_refused_with_the_candidates() {
    let db = xiamen_book();
    let out = kam(&db.path, &["--account", "xiamen", "--channel", "phone", "--purpose", "报价"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("matches 4 accounts"), "{said}");
    for name in ["厦门博远软件股份有限公司", "厦门国贸集团股份有限公司", "厦门象屿股份有限公司", "厦门钨业股份有限公司"]
    {
        assert!(said.contains(name), "{name} is a candidate: {said}");
    }
    assert_eq!(activity_count(&db.path), 0, "nothing was written");
}

#[test]
fn one_match_is_logged_and_confirmed_in_words_with_a_relative_date() {
    let db = xiamen_book();
    let out = kam(&db.path, &["--account", "boyuan", "--channel", "phone", "--date", "-1d", "--purpose", "报价跟进"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let yesterday = chrono::Local::now().date_naive().pred_opt().expect("yesterday").format("%Y-%m-%d").to_string();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with(&format!("Logged a phone call with 厦门博远软件股份有限公司 on {yesterday} (#")),
        "{said}"
    );
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let day: String = conn.query_row("SELECT occurred_on FROM activity", [], |r| r.get(0)).expect("day");
    assert_eq!(day, yesterday);
}

#[test]
fn an_empty_purpose_and_a_bad_date_are_refused() {
    let db = xiamen_book();
    let out = kam(&db.path, &["--account", "厦门钨业股份有限公司", "--channel", "visit", "--purpose", "  "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--purpose"));
    let out =
        kam(&db.path, &["--account", "厦门钨业股份有限公司", "--channel", "visit", "--date", "soon", "--purpose", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--date: not a date"));
    assert_eq!(activity_count(&db.path), 0);
}
