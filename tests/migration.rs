//! Opening a file written by an older kam: it is upgraded once, in place,
//! with nothing lost, even when two kams open it at the same moment.
//! `fixtures/schema3_demo_s.sqlite3` is `kam demo --scale S --seed 7` plus
//! one `kam log`, written by kam at schema 3 (before the generated journal).

mod common;

use std::path::Path;
use std::process::Command;

use common::temp_db;
use kam::ops;
use kam::store::{LATEST_VERSION, Store};
use rusqlite::Connection;

fn fixture() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schema3_demo_s.sqlite3"))
}

fn counts(path: &Path) -> (i64, i64, i64, i64, i64) {
    let conn = Connection::open(path).expect("open");
    let count = |table: &str| -> i64 {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count")
    };
    (count("account"), count("contact"), count("opportunity"), count("activity"), count("change_action"))
}

fn version(path: &Path) -> i64 {
    Connection::open(path).expect("open").query_row("PRAGMA user_version", [], |r| r.get(0)).expect("version")
}

#[test]
fn two_processes_opening_an_old_file_at_once_both_end_on_the_new_schema() {
    for round in 0..4 {
        let db = temp_db();
        std::fs::copy(fixture(), &db.path).expect("copy the old file");
        assert_eq!(version(&db.path), 3);
        let before = counts(&db.path);
        let children: Vec<_> = (0..2)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_kam"))
                    .args(["--lang", "en", "--db"])
                    .arg(&db.path)
                    .args(["list", "accounts", "--format", "json", "--limit", "1"])
                    .output()
            })
            .collect();
        for child in children {
            let out = child.expect("run kam");
            assert!(out.status.success(), "round {round}: {}", String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(version(&db.path), LATEST_VERSION, "round {round}");
        assert_eq!(counts(&db.path), before, "round {round}: nothing lost, nothing doubled");
        let conn = Connection::open(&db.path).expect("open");
        let reps: i64 = conn.query_row("SELECT count(*) FROM rep", [], |r| r.get(0)).expect("rep");
        assert_eq!(reps, 1, "the rep row is made once");
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(check, "ok");
    }
}

#[test]
fn threads_opening_an_old_file_at_once_all_succeed() {
    let db = temp_db();
    std::fs::copy(fixture(), &db.path).expect("copy the old file");
    let before = counts(&db.path);
    let path = db.path.clone();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let path = path.clone();
            std::thread::spawn(move || Store::open(&path).map(|s| s.schema_version()))
        })
        .collect();
    for handle in handles {
        let version = handle.join().expect("thread").expect("open").expect("version");
        assert_eq!(version, LATEST_VERSION);
    }
    assert_eq!(counts(&db.path), before);
}

#[test]
fn an_upgraded_file_keeps_its_history_undoable() {
    let db = temp_db();
    std::fs::copy(fixture(), &db.path).expect("copy the old file");
    let before = counts(&db.path);
    let mut store = Store::open(&db.path).expect("open and upgrade");
    // The old file was copied, checked, before it was changed.
    let backups = kam::store::list_backups(&db.dir.path().join("backups"));
    assert_eq!(backups.len(), 1);
    assert!(backups[0].path.to_string_lossy().contains("before-v"));
    assert_eq!(counts(&backups[0].path), before, "the copy is the old file, whole");
    let activities = counts(&db.path).3;
    // The `kam log` of the old kam is still the newest action, with its
    // old English label, and undo takes it back.
    let next = store.next_undo().expect("next").expect("the old entry");
    assert_eq!(next.label, "log activity");
    assert!(!next.own, "written by another process: the app asks first");
    assert_eq!(kam::labels::action_label(kam::i18n::Lang::ZhCn, &next), "记录活动");
    ops::undo(&mut store).expect("undo").expect("undone");
    assert_eq!(counts(&db.path).3, activities - 1);
    ops::redo(&mut store).expect("redo").expect("redone");
    assert_eq!(counts(&db.path).3, activities);
}
