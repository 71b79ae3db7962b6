//! A book over 64 MB is quick-checked on a thread of its own while the
//! first frame is drawn (`Store::open`): the first write waits for the
//! check, and a store closed before writing stops it and leaves nothing
//! reading the file.

mod common;

use std::path::Path;

use common::{temp_db, today};
use kam::ops;
use kam::store::{NewAccount, Store};

/// A kam book of about 72 MB: one account, and pages of ballast that
/// SQLite's checks read like any others.
fn big_book(path: &Path) {
    ops::add_account(&mut Store::open(path).expect("open"), &NewAccount::named("平安银行"), today()).expect("account");
    let conn = rusqlite::Connection::open(path).expect("raw");
    conn.execute_batch(
        "CREATE TABLE ballast (bytes BLOB);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 72)
         INSERT INTO ballast SELECT randomblob(1024 * 1024) FROM n;
         PRAGMA wal_checkpoint(TRUNCATE);",
    )
    .expect("ballast");
    assert!(std::fs::metadata(path).expect("size").len() > 64 * 1024 * 1024, "over the size checked at once");
}

/// How many files this process has open at `path` (the book, its WAL and
/// shared memory).
#[cfg(target_os = "linux")]
fn open_at(path: &Path) -> usize {
    let path = path.to_string_lossy().to_string();
    std::fs::read_dir("/proc/self/fd")
        .expect("fds")
        .filter_map(|fd| std::fs::read_link(fd.ok()?.path()).ok())
        .filter(|target| target.to_string_lossy().starts_with(&path))
        .count()
}

#[cfg(target_os = "linux")]
#[test]
fn a_store_closed_before_writing_leaves_nothing_reading_a_big_book() {
    let db = temp_db();
    big_book(&db.path);
    assert_eq!(open_at(&db.path), 0, "the set-up closed the file");
    for _ in 0..3 {
        let store = Store::open(&db.path).expect("open");
        drop(store);
        // Before, the check's foreign-key half ran on after the store was
        // gone: seven seconds of reading a scale-L book, for every open.
        assert_eq!(open_at(&db.path), 0, "the check stopped with its store");
    }
}

#[test]
fn the_first_write_into_a_big_book_waits_for_its_check_and_goes_in() {
    let db = temp_db();
    big_book(&db.path);
    let mut store = Store::open(&db.path).expect("open");
    ops::add_account(&mut store, &NewAccount::named("重庆银行"), today()).expect("written after the check");
    drop(store);
    let conn = rusqlite::Connection::open(&db.path).expect("raw");
    let names: i64 = conn.query_row("SELECT count(*) FROM account", [], |r| r.get(0)).expect("count");
    assert_eq!(names, 2);
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
}

#[test]
fn a_damaged_big_book_opens_but_is_never_written_into() {
    let db = temp_db();
    big_book(&db.path);
    let root: i64 = rusqlite::Connection::open(&db.path)
        .expect("raw")
        .query_row("SELECT rootpage FROM sqlite_schema WHERE name = 'ballast'", [], |r| r.get(0))
        .expect("root");
    let mut bytes = std::fs::read(&db.path).expect("read");
    let page = 4096 * (root as usize - 1);
    bytes[page..page + 4096].fill(0xA5);
    std::fs::write(&db.path, &bytes).expect("damage");
    let mut store = Store::open(&db.path).expect("opened to be read, its check beside");
    let written = ops::add_account(&mut store, &NewAccount::named("重庆银行"), today());
    assert!(
        matches!(written, Err(kam::store::StoreError::Corrupt { .. })),
        "the first write waits for the check and is refused: {written:?}"
    );
    drop(store);
    assert!(std::fs::read(&db.path).expect("read") == bytes, "the file is as it was");
}
