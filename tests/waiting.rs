//! Waiting for another writer: a save held up by another program's lock
//! keeps the screen live, says what it waits for, and then saves (or stops
//! when told, keeping the form); `kam log` waits for another kam's import
//! and says so, instead of failing with "database is locked".

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::{app, demo_db, key, render, screen_text};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kam::i18n::Lang;
use kam::tui::App;

fn press(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(&key(c));
    }
}

fn purposes(db: &std::path::Path, purpose: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM activity WHERE purpose = ?1", [purpose], |r| r.get(0)).expect("count")
}

/// Another program (a sync tool, the sqlite3 shell) holding the write lock.
fn hold_lock(db: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch("BEGIN IMMEDIATE").expect("take the write lock");
    conn
}

#[test]
fn a_save_held_up_by_another_program_waits_with_the_screen_live_then_saves() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 100, 30);
    app.handle_event(&key('a'));
    type_text(&mut app, "held up");
    let holder = hold_lock(&db.path);
    let started = std::time::Instant::now();
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(started.elapsed() < Duration::from_secs(1), "the key returned at once: {:?}", started.elapsed());
    assert!(app.is_waiting());
    let text = screen_text(&render(&app, 100, 30));
    assert!(text.contains("Waiting for another program"), "{text}");
    assert!(text.contains("Log activity") && text.contains("held up"), "the form stays: {text}");
    // Keys typed meanwhile do not change the form under the write.
    type_text(&mut app, "zzz");
    app.retry_waiting();
    assert!(app.is_waiting());
    assert!(!screen_text(&render(&app, 100, 30)).contains("held upzzz"));
    // The other program finishes: the next try saves.
    holder.execute_batch("COMMIT").expect("release");
    app.retry_waiting();
    assert!(!app.is_waiting());
    let text = screen_text(&render(&app, 100, 30));
    assert!(text.contains("Saved. Next entry"), "{text}");
    assert!(!text.contains("Waiting"), "{text}");
    assert_eq!(purposes(&db.path, "held up"), 1);
}

#[test]
fn esc_stops_waiting_and_keeps_what_was_typed() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::ZhCn, 100, 30);
    app.handle_event(&key('a'));
    type_text(&mut app, "等一等");
    let holder = hold_lock(&db.path);
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(screen_text(&render(&app, 100, 30)).contains("正在等待另一个程序"));
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(!app.is_waiting());
    let text = screen_text(&render(&app, 100, 30));
    assert!(text.contains("已停止等待") && text.contains("等一等"), "{text}");
    assert_eq!(purposes(&db.path, "等一等"), 0, "nothing written");
    drop(holder); // rolls back
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(purposes(&db.path, "等一等"), 1, "saved when tried again");
}

#[test]
fn kam_log_waits_for_another_kams_import_and_says_so() {
    let db = demo_db();
    // Another kam mid-import: the lock held, and its note beside the file
    // (this test's process stands in for it).
    let holder = hold_lock(&db.path);
    let note = format!("{}-writer", db.path.display());
    let since = chrono::Local::now();
    std::fs::write(&note, format!("import\n{}\n{}\n", std::process::id(), since.to_rfc3339())).expect("note");
    let child = Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(&db.path)
        .args(["--lang", "en", "log", "--account", "Apexstar Motors Group", "--channel", "phone"])
        .args(["--purpose", "after the import"])
        .env("KAM_CONFIG", db.path.with_extension("toml"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kam");
    std::thread::sleep(Duration::from_millis(2500));
    holder.execute_batch("COMMIT").expect("the import ends");
    std::fs::remove_file(&note).expect("its note goes");
    let out = child.wait_with_output().expect("wait");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{said}");
    let expected = format!("Waiting for another kam (an import, process {}", std::process::id());
    assert!(said.contains(&expected), "{said}");
    assert_eq!(said.matches("Waiting").count(), 1, "said once: {said}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Logged a phone call"));
    assert_eq!(purposes(&db.path, "after the import"), 1);
}

#[test]
fn a_lock_is_named_in_words_in_both_languages() {
    use kam::store::{StoreError, Writer};
    let writer = Writer { origin: "import".into(), pid: 4242, since: chrono::Local::now() };
    let path = std::path::PathBuf::from("/home/rep/kam.sqlite3");
    let by_kam = StoreError::Locked { path: path.clone(), writer: Some(writer), waited: Duration::from_secs(180) };
    let by_other = StoreError::Locked { path, writer: None, waited: Duration::from_secs(10) };
    let en = kam::labels::store_error(Lang::En, &by_kam);
    assert!(en.contains("another kam (an import, process 4242") && en.contains("waited 180 s"), "{en}");
    assert!(en.contains("/home/rep/kam.sqlite3"), "{en}");
    let zh = kam::labels::store_error(Lang::ZhCn, &by_other);
    assert!(zh.contains("另一个程序") && zh.contains("10 秒"), "{zh}");
    assert!(!en.contains("locked") && !zh.contains("locked"), "no low-level words");
}
