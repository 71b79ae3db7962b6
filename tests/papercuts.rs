//! The small things a rep meets on the second evening, each pinned: undo
//! shows what it brought back, filters behave as lazygit's, the outcome
//! form names its deal and asks about a loss only for a loss, the accounts
//! filter by tier and status. A real demo file throughout.

mod common;

use common::{app, demo_db, key, render, screen_text};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kam::i18n::Lang;
use kam::store::{Seek, Store};
use kam::tui::App;

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(&key(c));
    }
}

fn screen(app: &App) -> String {
    screen_text(&render(app, 120, 40))
}

#[test]
fn undo_selects_and_scrolls_to_the_account_it_brought_back() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    press(&mut app, KeyCode::End); // the last account, far below the first page
    let last = app.accounts.list.selected().map(|a| (a.id, a.name.clone())).expect("an account");
    type_text(&mut app, "x");
    type_text(&mut app, "y");
    assert_ne!(app.accounts.list.selected().map(|a| a.id), Some(last.0));
    press(&mut app, KeyCode::Home); // wander off to the top
    type_text(&mut app, "u");
    assert_eq!(app.accounts.list.selected().map(|a| a.id), Some(last.0), "the restored account is selected");
    assert!(screen(&app).contains(&last.1), "and in view");
}

#[test]
fn esc_clears_an_applied_filter_and_slash_retypes_it() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    type_text(&mut app, "/atlas");
    press(&mut app, KeyCode::Enter); // applied
    assert!(screen(&app).contains("Esc clears, / edits"), "an applied filter says what keys do");
    type_text(&mut app, "/gold"); // the old text is selected: typing replaces it
    assert_eq!(app.accounts.filter.as_ref().map(|f| f.input.text()), Some("gold".to_string()));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Esc);
    assert!(app.accounts.filter.is_none(), "Esc clears the applied filter");
}

#[test]
fn the_accounts_filter_by_tier_and_status() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    type_text(&mut app, "t"); // tier A
    let rows = app.accounts.list.rows().to_vec();
    assert!(!rows.is_empty() && rows.iter().all(|a| a.tier == kam::domain::Tier::A));
    type_text(&mut app, "s"); // and prospects
    assert!(app.accounts.list.rows().iter().all(|a| a.status == kam::domain::AccountStatus::Prospect));
    assert!(screen(&app).contains("[Tier A]"));
    press(&mut app, KeyCode::Esc);
    assert!(app.accounts.by.is_empty(), "Esc clears them");
}

#[test]
fn the_outcome_form_names_the_deal_and_asks_about_a_loss_only_for_a_loss() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    type_text(&mut app, "2");
    for _ in 0..4 {
        type_text(&mut app, "l"); // to the Close column
    }
    let card = app.pipeline.selected_card().map(|c| (c.id, c.title.clone())).expect("a deal in Close");
    type_text(&mut app, "o");
    let form = screen(&app);
    assert!(form.contains(&format!("Outcome: {}", card.1)), "{form}");
    assert!(!form.contains("Lost reason"), "a win asks nothing about a loss: {form}");
    press(&mut app, KeyCode::Right); // lost
    let form = screen(&app);
    assert!(form.contains("Competitor who won") && form.contains("Lost reason"), "{form}");
    press(&mut app, KeyCode::Left); // won after all
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    // Its contract comes next, the plan drafted from the usual terms.
    assert!(screen(&app).contains(&format!("Won: the contract of {}", card.1)));
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    // The selection stays in the Close column.
    assert_eq!(app.pipeline.stage(), kam::domain::Stage::Close);
    assert_ne!(app.pipeline.selected_card().map(|c| c.id), Some(card.0));
    let store = Store::open(&db.path).expect("open");
    assert_eq!(store.opportunity(card.0).expect("read").expect("deal").outcome, kam::domain::Outcome::Won);
}

#[test]
fn filtering_the_board_moves_the_focus_to_a_match_and_the_forecast_follows() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    type_text(&mut app, "2");
    let all = app.pipeline.forecast;
    for _ in 0..5 {
        type_text(&mut app, "l"); // Maintain
    }
    // The first Research card's account, typed as a filter.
    let store = Store::open(&db.path).expect("open");
    let research = store.board_column(kam::domain::Stage::Research, &Seek::First, 1).expect("cards");
    let name = research[0].account_name.clone();
    type_text(&mut app, "/");
    type_text(&mut app, &name);
    press(&mut app, KeyCode::Enter);
    assert!(app.pipeline.selected_card().is_some(), "the focus is on a column with a match");
    assert_ne!(app.pipeline.forecast, all, "the forecast is the filtered deals'");
}
