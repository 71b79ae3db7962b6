//! A closed field (a channel, a complaint's category, a contract's status,
//! a payment method) given a value it does not take: the row is rejected
//! with the values it does take, in the user's language; and every value
//! the message offers imports, in both languages.

mod common;

use common::{temp_db, today};
use kam::ops;
use kam::store::{NewAccount, Store};

fn kam(db: &std::path::Path, lang: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(db)
        .args(["--lang", lang])
        .args(args)
        .env("KAM_CONFIG", db.with_extension("toml"))
        .output()
        .expect("run kam")
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8").to_string()
}

/// The values the rejection of `bad` in `column` offers, as the user reads them.
fn offered(said: &str, lang: &str) -> Vec<String> {
    let (start, end, sep) = if lang == "en" { ("is not one of: ", "", ", ") } else { ("（可填：", "）", "、") };
    let line = said.lines().find(|l| l.contains(start)).unwrap_or_else(|| panic!("no choices offered: {said}"));
    let list = &line[line.find(start).expect("start") + start.len()..];
    let list = if end.is_empty() { list } else { &list[..list.find(end).expect("end")] };
    list.split(sep).map(str::to_string).collect()
}

/// A kind to import: its name, its header, a row around the value (the
/// row's own number given), the table it lands in.
type Kind<'a> = (&'a str, &'a str, &'a dyn Fn(usize, &str) -> String, &'a str);

#[test]
fn a_value_a_closed_field_does_not_take_is_told_with_those_it_does_and_each_of_them_imports() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    ops::add_account(&mut store, &NewAccount::named("深圳华星光电"), today()).expect("account");
    drop(store);
    let dir = db.dir.path();
    let kinds: &[Kind] = &[
        (
            "activities",
            "account,occurred_on,purpose,channel",
            &|i, v| format!("深圳华星光电,2026-11-2{},值 {i},{v}", i % 5),
            "activity",
        ),
        ("complaints", "account,description,category", &|i, v| format!("深圳华星光电,投诉 {i},{v}"), "complaint"),
        (
            "contracts",
            "account,number,title,amount,status",
            &|i, v| format!("深圳华星光电,HT-{v}-{i},合同 {i},1000,{v}"),
            "contract",
        ),
    ];
    for lang in ["en", "zh-CN"] {
        for (kind, header, row, table) in kinds {
            let bad = write(dir, &format!("{kind}-bad-{lang}.csv"), &format!("{header}\n{}\n", row(0, "nonsense")));
            let out = kam(&db.path, lang, &["import", kind, &bad]);
            let said = String::from_utf8_lossy(&out.stderr).to_string();
            assert_eq!(out.status.code(), Some(1), "{kind} {lang}: {said}");
            let choices = offered(&said, lang);
            assert!(choices.len() >= 3, "{kind} {lang}: {choices:?}");
            if lang != "en" {
                assert!(choices.iter().all(|c| !c.is_ascii()), "{kind} {lang}: labels in Chinese: {choices:?}");
            }
            // Rows of their own in each language (the same channel on the
            // same day for the same purpose would be the same activity).
            let offset = if lang == "en" { 0 } else { 100 };
            let rows: Vec<String> = choices.iter().enumerate().map(|(i, c)| row(offset + i, c)).collect();
            let good = write(dir, &format!("{kind}-good-{lang}.csv"), &format!("{header}\n{}\n", rows.join("\n")));
            let before = {
                let conn = rusqlite::Connection::open(&db.path).expect("open");
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get::<_, i64>(0)).expect("count")
            };
            let out = kam(&db.path, lang, &["import", kind, &good]);
            assert!(out.status.success(), "{kind} {lang}: {}", String::from_utf8_lossy(&out.stderr));
            let conn = rusqlite::Connection::open(&db.path).expect("open");
            let after: i64 = conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count");
            assert_eq!(after - before, choices.len() as i64, "{kind} {lang}: every offered value imports");
        }
    }
}
