//! The Accounts tab from the keyboard, against a real file: the instant
//! filter, the dossier forms with their validation, delete and undo.

mod common;

use common::{app, demo_db, key, render, screen_text, temp_db, today};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kam::i18n::Lang;
use kam::ops;
use kam::store::{NewAccount, NewContact, Seek, Store};
use kam::tui::App;

fn press(app: &mut App, code: KeyCode) {
    app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn ctrl(app: &mut App, c: char) {
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_event(&key(c));
    }
}

fn screen(app: &App) -> String {
    screen_text(&render(app, 120, 40))
}

fn account_count(path: &std::path::Path) -> usize {
    Store::open(path).expect("open").accounts_page(&Seek::First, 1000).expect("page").len()
}

#[test]
fn the_filter_narrows_as_each_key_is_typed() {
    let db = temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        for name in ["中国铁路建设集团", "平安银行", "重庆银行", "Acme Corporation"] {
            ops::add_account(&mut store, &NewAccount::named(name), today()).expect("add");
        }
    }
    let mut app = app(&db.path, Lang::ZhCn, 120, 40);
    app.handle_event(&key('/'));
    type_text(&mut app, "p");
    assert!(app.accounts.list.rows().iter().any(|r| r.name == "平安银行"));
    type_text(&mut app, "ayh");
    let names: Vec<&str> = app.accounts.list.rows().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["平安银行"]);
    assert!(screen(&app).contains("找到 1 个"));
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Backspace);
    type_text(&mut app, "yinhang");
    let names: Vec<&str> = app.accounts.list.rows().iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // Enter keeps the filter and gives the keys back to the table.
    press(&mut app, KeyCode::Enter);
    app.handle_event(&key('j'));
    assert_eq!(app.accounts.list.selected_index(), 1);
    // / then Esc drops it: every account again.
    app.handle_event(&key('/'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.accounts.list.rows().len(), 4);
    assert!(app.accounts.filter.is_none());
}

#[test]
fn the_account_form_rejects_bad_input_next_to_the_field_and_writes_nothing() {
    let db = temp_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    press(&mut app, KeyCode::Esc); // the empty-database greeting
    press(&mut app, KeyCode::Esc); // whose book: not now
    app.handle_event(&key('n'));
    // Name left empty; a negative amount.
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "-5");
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(text.contains("required"), "{text}");
    assert!(text.contains("must not be negative"), "{text}");
    assert_eq!(account_count(&db.path), 0);
    // The focus went to the first field in error, the name. A 100 KB paste
    // into it is cut to the field's limit and said so.
    app.handle_event(&Event::Paste("很长的公司名".repeat(20_000)));
    let text = screen(&app);
    assert!(text.contains("Text too long"), "{text}");
    ctrl(&mut app, 's');
    let text = screen(&app);
    assert!(text.contains("too long (at most 200 characters)"), "{text}");
    assert!(text.contains("must not be negative"), "{text}");
    assert_eq!(account_count(&db.path), 0, "nothing written while anything is wrong");
}

#[test]
fn a_likely_duplicate_is_flagged_and_saved_only_when_confirmed() {
    let db = temp_db();
    ops::add_account(&mut Store::open(&db.path).expect("open"), &NewAccount::named("三维股份"), today()).expect("add");
    let mut app = app(&db.path, Lang::ZhCn, 120, 40);
    app.handle_event(&key('n'));
    type_text(&mut app, "三维股份");
    ctrl(&mut app, 's');
    assert!(screen(&app).contains("可能与\"三维股份\"重复"));
    assert_eq!(account_count(&db.path), 1);
    ctrl(&mut app, 's');
    assert_eq!(account_count(&db.path), 2, "the user chose to keep both");
}

#[test]
fn deleting_an_account_asks_first_and_undo_brings_it_back_with_its_contacts() {
    let db = temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        let id = ops::add_account(&mut store, &NewAccount::named("平安银行"), today()).expect("add");
        for name in ["王芳", "李明"] {
            let contact = NewContact {
                account_id: id,
                name: name.into(),
                title: String::new(),
                phone: String::new(),
                email: String::new(),
                role: kam::domain::DecisionRole::User,
                personal_notes: String::new(),
            };
            ops::add_contact(&mut store, &contact).expect("contact");
        }
    }
    let mut app = app(&db.path, Lang::En, 120, 40);
    app.handle_event(&key('x'));
    assert!(screen(&app).contains("Delete 平安银行 with its contacts"));
    app.handle_event(&key('n'));
    assert_eq!(account_count(&db.path), 1, "any key but y keeps it");
    app.handle_event(&key('x'));
    app.handle_event(&key('y'));
    assert_eq!(account_count(&db.path), 0);
    assert!(screen(&app).contains("Deleted 平安银行. u undoes."));
    app.handle_event(&key('u'));
    assert_eq!(account_count(&db.path), 1);
    let store = Store::open(&db.path).expect("open");
    let id = store.accounts_page(&Seek::First, 1).expect("page")[0].id;
    assert_eq!(store.contacts_of(id, 10).expect("contacts").len(), 2);
    assert!(screen(&app).contains("Undone: delete account 平安银行"));
}

#[test]
fn the_detail_pane_edits_and_deletes_its_lines() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    press(&mut app, KeyCode::Enter);
    assert!(app.accounts.in_detail);
    let account = app.accounts.list.selected().map(|a| a.id).expect("account");
    let first = app.accounts.selected_item();
    assert!(matches!(first, Some(kam::tui::tabs::accounts::DetailItem::Contact(_))));
    // e on a contact: its form, prefilled; change the title.
    app.handle_event(&key('e'));
    press(&mut app, KeyCode::Tab);
    ctrl(&mut app, 'u');
    type_text(&mut app, "Chief Buyer");
    ctrl(&mut app, 's');
    let store = Store::open(&db.path).expect("open");
    let titles: Vec<String> =
        store.contacts_of(account, 10).expect("contacts").into_iter().map(|c| c.fields.title).collect();
    assert!(titles.contains(&"Chief Buyer".to_string()), "{titles:?}");
    // r adds a competitor; x then y deletes the selected line.
    let rivals = store.competitors_of(account, 10).expect("rivals").len();
    app.handle_event(&key('r'));
    type_text(&mut app, "Huawei");
    ctrl(&mut app, 's');
    assert_eq!(store.competitors_of(account, 10).expect("rivals").len(), rivals + 1);
    let before = store.contacts_of(account, 10).expect("contacts").len();
    app.handle_event(&key('x'));
    app.handle_event(&key('y'));
    assert_eq!(store.contacts_of(account, 10).expect("contacts").len(), before - 1);
    insta::assert_snapshot!("accounts_detail_with_competitor_en", screen(&app));
}

#[test]
fn none_known_competitor_is_set_from_the_account_form() {
    let db = temp_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    press(&mut app, KeyCode::Esc);
    // Whose book: asked once, right after the greeting.
    assert!(screen(&app).contains("Whose book is this?"));
    type_text(&mut app, "李娜");
    press(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("This file belongs to 李娜."));
    assert_eq!(app.store.rep().expect("rep").map(|r| r.name), Some("李娜".to_string()));
    app.handle_event(&key('n'));
    type_text(&mut app, "北方稀土");
    for _ in 0..10 {
        press(&mut app, KeyCode::Tab);
    }
    assert!(screen(&app).contains("< listed below, or still to find out >"));
    press(&mut app, KeyCode::Right);
    ctrl(&mut app, 's');
    let store = Store::open(&db.path).expect("open");
    let id = store.accounts_page(&Seek::First, 1).expect("page")[0].id;
    assert!(store.account(id).expect("get").expect("exists").fields.no_known_competitor);
    assert!(screen(&app).contains("none known"), "the detail pane says so");
}
