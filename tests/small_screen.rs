//! 80×24, the size most terminals open at, and 120×40, in both languages:
//! every tab and every form as a snapshot, and the promises the small
//! screen must keep checked outright — names in full or by their short
//! name (never cut), amounts with their unit, `? help` on the hint line.

mod common;

use common::{app, demo_db, key, render, screen_text};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kam::i18n::Lang;
use kam::store::{Seek, Store};
use kam::tui::App;

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, typed: &str) {
    for c in typed.chars() {
        match c {
            '\r' => press(app, KeyCode::Enter),
            '\x1b' => press(app, KeyCode::Esc),
            c => app.handle_event(&key(c)),
        }
    }
}

fn suffix(lang: Lang) -> &'static str {
    if lang.is_chinese() { "zh" } else { "en" }
}

/// Every tab, then every form opened from the keyboard, at one size.
fn every_screen(lang: Lang, width: u16, height: u16) {
    let db = demo_db();
    let name = |what: &str| format!("{what}_{}_{width}x{height}", suffix(lang));
    let shot = |app: &mut App, what: &str, typed: &str| {
        keys(app, typed);
        let text = screen_text(&render(app, width, height));
        insta::assert_snapshot!(name(what), text);
    };
    let mut app = app(&db.path, lang, width, height);
    shot(&mut app, "accounts", "1");
    shot(&mut app, "account_detail", "\r");
    shot(&mut app, "account_detail_activity", "G");
    shot(&mut app, "activity_form_edit", "\r");
    keys(&mut app, "\x1b\x1b");
    shot(&mut app, "activity_form", "a");
    keys(&mut app, "\x1b");
    shot(&mut app, "account_form", "n");
    keys(&mut app, "\x1b");
    shot(&mut app, "contact_form", "c");
    keys(&mut app, "\x1b");
    shot(&mut app, "daily_form", "D");
    keys(&mut app, "\x1b");
    shot(&mut app, "pipeline", "2");
    shot(&mut app, "deal_view", "\r");
    shot(&mut app, "quote_form", "p");
    keys(&mut app, "\x1b");
    keys(&mut app, "\x1b");
    shot(&mut app, "deal_form", "n");
    keys(&mut app, "\x1b");
    shot(&mut app, "visits", "3");
    shot(&mut app, "visit_calendar", "v");
    shot(&mut app, "visit_day", "\r");
    shot(&mut app, "visit_skip_form", "s");
    keys(&mut app, "\x1b\x1b");
    shot(&mut app, "visit_year", "v");
    keys(&mut app, "v");
    shot(&mut app, "reports_yesterday", "4h");
    keys(&mut app, "t");
    // The month panes: each chart, then its whole table (c), back (c).
    shot(&mut app, "reports_monthly", "v");
    shot(&mut app, "reports_monthly_table", "c");
    shot(&mut app, "reports_monthly_sent", "ch");
    keys(&mut app, "l");
    shot(&mut app, "reports_targets_form", "T");
    keys(&mut app, "\x1b");
    shot(&mut app, "reports_words_form", "W");
    keys(&mut app, "\x1b");
    shot(&mut app, "reports_collections", "v");
    shot(&mut app, "reports_collections_table", "c");
    keys(&mut app, "c");
    shot(&mut app, "reports_assessment", "vjjjj");
    shot(&mut app, "reports_score_form", "\r");
    keys(&mut app, "\x1b");
    shot(&mut app, "reports_assessment_table", "c");
    keys(&mut app, "c");
    shot(&mut app, "reports_visits", "v");
    shot(&mut app, "reports_visits_table", "c");
    keys(&mut app, "cv");
    shot(&mut app, "help", "?");
}

#[test]
fn every_screen_at_80x24_in_english() {
    every_screen(Lang::En, 80, 24);
}

#[test]
fn every_screen_at_80x24_in_chinese() {
    every_screen(Lang::ZhCn, 80, 24);
}

#[test]
fn every_screen_at_120x40_in_english() {
    every_screen(Lang::En, 120, 40);
}

#[test]
fn every_screen_at_120x40_in_chinese() {
    every_screen(Lang::ZhCn, 120, 40);
}

/// The cells between the table's borders of one screen line, trimmed.
fn cells(line: &str) -> String {
    line.trim_matches(|c| c == '│' || c == ' ').to_string()
}

#[test]
fn at_80x24_names_stay_whole_units_stay_and_help_is_offered() {
    let db = demo_db();
    let store = Store::open(&db.path).expect("open");
    let accounts = store.accounts_page(&Seek::First, 18).expect("page");
    for lang in [Lang::En, Lang::ZhCn] {
        let mut app = app(&db.path, lang, 80, 24);
        let screen = screen_text(&render(&app, 80, 24));
        let help = if lang.is_chinese() { "? 帮助" } else { "? help" };
        assert!(screen.lines().last().is_some_and(|l| l.starts_with(help)), "{screen}");
        // Every account row shows its full name or its short name, whole.
        for a in &accounts {
            let shown = screen.lines().any(|l| {
                let row = cells(l);
                row.starts_with(&format!("{} ", a.name)) || row.starts_with(&format!("{} ", a.short_name))
            });
            assert!(shown, "{} ({}) is shown whole:\n{screen}", a.name, a.short_name);
        }
        assert!(!screen.contains('…'), "no name is cut on the Accounts tab:\n{screen}");

        // The board: card names whole (short names), amounts with units.
        app.handle_event(&key('2'));
        let board = screen_text(&render(&app, 80, 24));
        assert!(board.lines().last().is_some_and(|l| l.starts_with(help)), "{board}");
        let (amount, weighted) = if lang.is_chinese() { ("金额 ", "加权 ") } else { ("Amt ", "Wtd ") };
        for line in board.lines() {
            for cell in line.split('│').map(str::trim).filter(|c| c.starts_with(amount) || c.starts_with(weighted)) {
                let unit = cell.ends_with('万') || cell.ends_with('亿') || cell.ends_with(['K', 'M', 'B']);
                let small = cell.rsplit(' ').next().is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()));
                assert!(unit || small, "{cell:?} keeps its unit:\n{board}");
            }
        }
        let cards = store.board_column(kam::domain::Stage::Research, &Seek::First, 3).expect("cards");
        for card in cards {
            let whole = board.contains(&card.account_name) || board.contains(&card.account_short_name);
            assert!(whole, "{} is on its card by name or short name:\n{board}", card.account_name);
        }
    }
}

/// An empty book's hint (how to add or import accounts) is said whole at
/// 80 columns in both languages: the English one is wider than the table,
/// and was cut at "FIL".
#[test]
fn an_empty_books_hint_is_whole_at_80x24() {
    for (lang, end) in [(Lang::En, "FILE)."), (Lang::ZhCn, "文件）。")] {
        let db = common::temp_db();
        let mut app = app(&db.path, lang, 80, 24);
        keys(&mut app, "\x1b"); // start empty
        keys(&mut app, "\x1b"); // the rep's name, later
        let text = screen_text(&render(&app, 80, 24));
        let hint: String = text.lines().map(|l| l.trim_matches(|c| c == '│' || c == ' ')).collect::<Vec<_>>().join(" ");
        let cells: String = hint.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(cells.contains(end), "{lang:?}: the hint ends with {end}\n{text}");
    }
}
