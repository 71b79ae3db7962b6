//! Shared test setup: a real SQLite file in a temp dir, demo data for a
//! fixed day, and the app rendered to ratatui's TestBackend.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::{FixedOffset, NaiveDate};
use kam::demo::{Scale, generate};
use kam::i18n::Lang;
use kam::store::Store;
use kam::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Demo data and snapshots are made for this day, so they never drift.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("valid date")
}

pub struct TempDb {
    pub dir: tempfile::TempDir,
    pub path: PathBuf,
}

pub fn temp_db() -> TempDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("kam.sqlite3");
    TempDb { dir, path }
}

/// A temp database holding `demo --scale S --seed 1` for `today()`.
pub fn demo_db() -> TempDb {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    generate(&mut store, Scale::S, 1, today()).expect("demo");
    db
}

pub fn app(path: &std::path::Path, lang: Lang, width: u16, height: u16) -> App {
    let store = Store::open(path).expect("open");
    let mut app = App::new(store, lang, today(), (width, height)).expect("app");
    app.reports.utc_offset = FixedOffset::east_opt(0).expect("utc");
    app
}

pub fn render(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("terminal");
    terminal.draw(|frame| kam::tui::draw::draw(app, frame)).expect("draw");
    terminal
}

/// The screen as plain text, one line per row.
pub fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

pub fn key(c: char) -> crossterm::event::Event {
    crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char(c),
        crossterm::event::KeyModifiers::NONE,
    ))
}

/// A contact of `account_id` with only a name (a decision maker).
pub fn contact(account_id: i64, name: &str) -> kam::store::NewContact {
    kam::store::NewContact {
        account_id,
        name: name.into(),
        title: String::new(),
        phone: String::new(),
        email: String::new(),
        role: kam::domain::DecisionRole::DecisionMaker,
        personal_notes: String::new(),
    }
}

/// Runs the real `kam` binary on `db` in English with `args`, no config.
pub fn kam_cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(db)
        .args(["--lang", "en"])
        .args(args)
        .env("KAM_CONFIG", db.with_extension("toml"))
        .output()
        .expect("run kam")
}
