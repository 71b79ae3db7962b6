//! Cold start to the first frame, and a keystroke to its frame, on a
//! `kam demo --scale L --seed 1` database (SPEC §9).
//!
//! Run: `cargo bench --bench first_frame`. The scale-L file is built once
//! into `target/bench-L.sqlite3` (about 20 s) and reused; set KAM_BENCH_DB
//! to use another file.

mod common;

use common::{bench_db, today};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use kam::i18n::Lang;
use kam::store::Store;
use kam::tui::App;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
    percentiles();
}

/// Divan reports medians; SPEC §9 sets keystroke targets at p99. Time each
/// kind of keystroke 1,000 times and print its median and p99.
fn percentiles() {
    let (mut app, mut terminal) = open_app();
    // As the app runs: checkpoints when idle, not inside a key's commit.
    app.store.defer_checkpoints().expect("defer");
    let mut report = |name: &str, app: &mut App, keys: &[KeyCode]| {
        // The idle moment between two bursts of keys, as in the app.
        app.store.checkpoint().expect("checkpoint");
        let mut times = Vec::with_capacity(1000);
        for i in 0..1000 {
            let start = std::time::Instant::now();
            press(app, keys[i % keys.len()]);
            terminal.draw(|frame| kam::tui::draw::draw(app, frame)).expect("draw");
            times.push(start.elapsed());
        }
        times.sort();
        println!("{name:<32} median {:>10.3?}   p99 {:>10.3?}", times[499], times[989]);
    };
    report("keystroke: j on accounts", &mut app, &[KeyCode::Char('j')]);
    report("keystroke: Tab round the tabs", &mut app, &[KeyCode::Tab]);
    press(&mut app, KeyCode::Char('2'));
    report("keystroke: > then < on the board", &mut app, &[KeyCode::Char('>'), KeyCode::Char('<')]);
    report("keystroke: l/h across the board", &mut app, &[KeyCode::Char('l'), KeyCode::Char('h')]);
    report("keystroke: Enter / Esc a deal", &mut app, &[KeyCode::Enter, KeyCode::Esc]);
}

fn open_app() -> (App, Terminal<TestBackend>) {
    let mut store = Store::open(bench_db()).expect("open");
    // As `kam` does before its first frame: the year's plan and the
    // collection visits of money falling due (it once took 0.66 s here).
    kam::ops::plan_ahead(&mut store, today()).expect("plan ahead");
    let app = App::new(store, Lang::ZhCn, today(), (120, 40)).expect("app");
    (app, Terminal::new(TestBackend::new(120, 40)).expect("terminal"))
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

/// Open the file (checks, pragmas), plan ahead, load the first tab's page,
/// draw it.
#[divan::bench(sample_count = 100)]
fn cold_start_to_first_frame(bencher: Bencher) {
    bench_db();
    // Closed at once, as a run would be: a store left open keeps its
    // quick check of the file running, and a hundred of them would crawl.
    bencher.bench_local(|| {
        let (app, mut terminal) = open_app();
        terminal.draw(|frame| kam::tui::draw::draw(&app, frame)).expect("draw");
        drop(app);
    });
}

/// `j` on the accounts table, paging past the window's edge as it goes.
#[divan::bench(sample_count = 2000)]
fn key_move_down_accounts(bencher: Bencher) {
    let (mut app, mut terminal) = open_app();
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Char('j'));
        terminal.draw(|frame| kam::tui::draw::draw(&app, frame)).expect("draw");
    });
}

/// `Tab` round the four tabs; each switch redraws the new tab.
#[divan::bench(sample_count = 2000)]
fn key_switch_tab(bencher: Bencher) {
    let (mut app, mut terminal) = open_app();
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Tab);
        terminal.draw(|frame| kam::tui::draw::draw(&app, frame)).expect("draw");
    });
}

/// `>` then `<` on the board: two moves, each one transaction plus
/// reloading both columns and the totals.
#[divan::bench(sample_count = 500)]
fn key_move_card_forward_and_back(bencher: Bencher) {
    let (mut app, mut terminal) = open_app();
    press(&mut app, KeyCode::Char('2'));
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Char('>'));
        terminal.draw(|frame| kam::tui::draw::draw(&app, frame)).expect("draw");
        press(&mut app, KeyCode::Char('<'));
        terminal.draw(|frame| kam::tui::draw::draw(&app, frame)).expect("draw");
    });
}

/// Open the file and draw the board: the Pipeline tab first thing.
#[divan::bench(sample_count = 100)]
fn cold_start_to_the_board(bencher: Bencher) {
    bench_db();
    bencher.bench_local(|| {
        let (mut app, mut terminal) = open_app();
        press(&mut app, KeyCode::Char('2'));
        terminal.draw(|frame| kam::tui::draw::draw(&app, frame)).expect("draw");
        drop(app);
    });
}

/// `a`: open the activity form and draw it.
#[divan::bench(sample_count = 2000)]
fn key_open_activity_form(bencher: Bencher) {
    let (mut app, mut terminal) = open_app();
    bencher.bench_local(|| {
        press(&mut app, KeyCode::Char('a'));
        terminal.draw(|frame| kam::tui::draw::draw(&app, frame)).expect("draw");
        press(&mut app, KeyCode::Esc);
    });
}
