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

/// 深圳华星光电's contract, the hand-worked one of the "after the win"
/// tests: 100,000.00 signed on 2026-01-01; 预付款 30,000.00 due 01-10,
/// 到货款 60,000.00 due 03-31, 验收款 10,000.00 due 06-30, each due soon
/// seven days ahead. Paid: 30,000.00 on 01-08 (on time), 20,000.00 on
/// 04-15 (late, part of the second). Returns the contract's id.
pub fn huaxing_contract(store: &mut Store) -> i64 {
    use kam::domain::{ContractStatus, Money};
    use kam::ops;
    use kam::store::{NewAccount, NewContract, NewInstalment, NewReceipt};
    let day = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").expect("date");
    let yuan = Money::from_yuan;
    let account = ops::add_account(store, &NewAccount::named("深圳华星光电"), day("2026-01-01")).expect("account");
    let contract = NewContract {
        number: "HT-2026-001".into(),
        signed_on: Some(day("2026-01-01")),
        start_on: Some(day("2026-01-01")),
        status: ContractStatus::Signed,
        terms: "30/60/10".into(),
        ..NewContract::draft(account, "显示屏产线升级", yuan(100_000))
    };
    let plan = [
        NewInstalment::new(1, "预付款", day("2026-01-10"), yuan(30_000)),
        NewInstalment::new(2, "到货款", day("2026-03-31"), yuan(60_000)),
        NewInstalment::new(3, "验收款", day("2026-06-30"), yuan(10_000)),
    ];
    let contract = ops::add_contract(store, &contract, &plan).expect("write").expect("adds up");
    for (on, amount) in [("2026-01-08", 30_000), ("2026-04-15", 20_000)] {
        let receipt = NewReceipt {
            contract_id: contract,
            instalment_id: None, // applied to the oldest open instalment
            received_on: day(on),
            amount: yuan(amount),
            method: "wire".into(),
            reference: format!("BANK-{on}"),
            notes: String::new(),
        };
        ops::record_receipt(store, &receipt, false).expect("write").expect("not more than owed");
    }
    contract
}
