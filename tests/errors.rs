//! A failed write says why, in the user's language, and leaves the file as
//! it was: here another program holds the write lock.

mod common;

use std::time::Duration;

use common::{app, demo_db, key, render, screen_text, today};
use kam::i18n::Lang;
use kam::ops;
use kam::store::{Cause, NewAccount, Store};
use rusqlite::Connection;

fn count(path: &std::path::Path) -> i64 {
    Connection::open(path).expect("open").query_row("SELECT count(*) FROM account", [], |r| r.get(0)).expect("count")
}

#[test]
fn a_save_while_another_program_holds_the_file_says_so_and_writes_nothing() {
    let db = demo_db();
    let before = count(&db.path);
    let holder = Connection::open(&db.path).expect("another program");
    holder.execute_batch("BEGIN IMMEDIATE").expect("takes the write lock");

    let mut store = Store::open(&db.path).expect("open");
    store.set_busy_timeout(Duration::from_millis(100)).expect("short wait");
    let error = ops::add_account(&mut store, &NewAccount::named("锁住的客户"), today()).expect_err("locked");
    assert_eq!(error.cause(), Cause::Locked);
    let zh = kam::labels::store_error(Lang::ZhCn, &error);
    assert!(zh.contains("另一个程序") && zh.contains(&db.path.display().to_string()), "{zh}");
    let en = kam::labels::store_error(Lang::En, &error);
    assert!(en.contains("another program (not kam") && en.contains("Nothing was written"), "{en}");

    // In the app: delete an account while the lock is held. The app waits
    // with the screen live and says for what; Esc stops waiting.
    let mut app = app(&db.path, Lang::En, 120, 40);
    app.handle_event(&key('x'));
    app.handle_event(&key('y'));
    let screen = screen_text(&render(&app, 120, 40));
    assert!(screen.contains("Waiting for another program"), "{screen}");
    app.handle_event(&crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Esc,
        crossterm::event::KeyModifiers::NONE,
    )));
    assert!(screen_text(&render(&app, 120, 40)).contains("Stopped waiting"));
    holder.execute_batch("ROLLBACK").expect("lets go");
    assert_eq!(count(&db.path), before, "nothing was written");

    // The question is still open: once the lock is gone, `y` deletes.
    assert!(screen_text(&render(&app, 120, 40)).contains("Delete"));
    app.handle_event(&key('y'));
    assert_eq!(count(&db.path), before - 1);
}

#[test]
fn a_file_whose_accounts_cannot_be_read_is_an_error_not_an_empty_file() {
    let db = demo_db();
    let store = Store::open(&db.path).expect("open");
    assert!(!store.is_empty().expect("readable"), "a file full of data is not empty");
    // Something else broke the file under kam: the account table is gone.
    let vandal = Connection::open(&db.path).expect("another program");
    vandal.execute_batch("PRAGMA foreign_keys = OFF; DROP TABLE account;").expect("drop");
    assert!(store.is_empty().is_err(), "the error reaches the caller");
    // The app refuses to start on it rather than offering demo data into it.
    assert!(kam::tui::App::new(store, Lang::En, today(), (120, 40)).is_err());
}
