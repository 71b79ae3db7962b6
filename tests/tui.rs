//! The app rendered to ratatui's TestBackend on demo data: whole-screen
//! snapshots of every tab in both languages, every size without a panic,
//! and keys doing what they say against the real file.

mod common;

use common::{app, demo_db, key, render, screen_text, temp_db};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use kam::i18n::Lang;
use kam::ops;
use kam::store::Store;
use kam::tui::App;

/// The demo's first Chinese-named account with an open deal on the board,
/// and its pinyin initials (what a rep types into a filter).
fn chinese_account_with_a_deal(path: &std::path::Path) -> (i64, String, String) {
    let store = Store::open(path).expect("open");
    for row in store.accounts_page(&kam::store::Seek::First, 100).expect("page") {
        let chinese = row.name.chars().next().is_some_and(|c| !c.is_ascii());
        let open =
            store.opportunities_of(row.id, 10).expect("deals").iter().any(|o| o.outcome == kam::domain::Outcome::Open);
        if chinese && open {
            let initials = kam::domain::search::search_text(&row.name, "").initials;
            let first = initials.split(' ').next().unwrap_or_default().to_string();
            return (row.id, row.name, first);
        }
    }
    panic!("the demo has Chinese accounts with open deals");
}

/// Adds a bare account with a big Research deal, so it heads the first
/// column and its checklist is unmet: `>` on it is a forced move.
fn add_unprepared_deal(path: &std::path::Path) -> i64 {
    let mut store = Store::open(path).expect("open");
    let account =
        ops::add_account(&mut store, &kam::store::NewAccount::named("未调研客户"), common::today()).expect("account");
    ops::add_deal(
        &mut store,
        &kam::store::NewOpportunity {
            account_id: account,
            title: "大单".into(),
            stage: kam::domain::Stage::Research,
            outcome: kam::domain::Outcome::Open,
            amount: kam::domain::Money::from_yuan(99_000_000),
            probability: None,
            expected_close_on: None,
            lost_reason: String::new(),
        },
    )
    .expect("deal")
}

fn snapshot_tabs(lang: Lang, suffix: &str) {
    let db = demo_db();
    let mut app = app(&db.path, lang, 120, 40);
    for (i, tab) in ["accounts", "pipeline", "visits", "reports"].iter().enumerate() {
        let digit = char::from(b'1' + i as u8);
        app.handle_event(&key(digit));
        let terminal = render(&app, 120, 40);
        insta::assert_snapshot!(format!("{tab}_{suffix}"), screen_text(&terminal));
    }
}

#[test]
fn every_tab_in_english() {
    snapshot_tabs(Lang::En, "en");
}

#[test]
fn every_tab_in_chinese() {
    snapshot_tabs(Lang::ZhCn, "zh");
}

#[test]
fn account_detail_and_help_overlays() {
    let db = demo_db();
    {
        // A Chinese account's dossier: a competitor and a need with its why-chain.
        let mut store = Store::open(&db.path).expect("open");
        let (id, _, _) = chinese_account_with_a_deal(&db.path);
        ops::add_competitor(
            &mut store,
            &kam::store::NewCompetitor {
                account_id: id,
                name: "华为".into(),
                offering: "整体方案".into(),
                strengths: "品牌".into(),
                weaknesses: "价格高".into(),
            },
        )
        .expect("competitor");
        ops::add_need(
            &mut store,
            &kam::store::NewNeed {
                account_id: id,
                opportunity_id: None,
                stated: "要一套新的ERP".into(),
                whys: vec!["旧系统月结太慢".into(), "财务要三天内出报表给总部".into()],
            },
        )
        .expect("need");
    }
    // Found by its pinyin initials, then opened.
    let (_, name, initials) = chinese_account_with_a_deal(&db.path);
    let mut app = app(&db.path, Lang::ZhCn, 120, 40);
    app.handle_event(&key('/'));
    for c in initials.chars() {
        app.handle_event(&key(c));
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    assert_eq!(app.accounts.list.selected().map(|a| a.name.clone()), Some(name));
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    insta::assert_snapshot!("accounts_detail_zh", screen_text(&render(&app, 120, 40)));
    app.handle_event(&key('2'));
    app.handle_event(&key('?'));
    insta::assert_snapshot!("pipeline_help_zh", screen_text(&render(&app, 120, 40)));
}

/// Every tab, with and without a form open, at sizes from 1x1 to 300x100.
#[test]
fn any_size_renders_without_panic() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::ZhCn, 80, 24);
    let sizes: Vec<u16> = vec![1, 2, 3, 5, 8, 9, 10, 11, 13, 20, 39, 40, 41, 57, 80, 100, 120, 160, 233, 300];
    let enter = Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    // Every overlay: forms, help, the detail pane, a deal, a question.
    let overlays: Vec<Vec<Event>> = vec![
        vec![],
        vec![key('a')],
        vec![key('D')],
        vec![key('?')],
        vec![key('n')],
        vec![key('e')],
        vec![key('x')],
        vec![key('/'), key('z')],
        vec![enter.clone()],
        vec![enter.clone(), key('w'), key('x'), enter.clone()],
        vec![key('o')],
        vec![key('p')],
        vec![key('m')],
        // Popups on popups: the deal's help, a form over the deal; text
        // areas holding a long Chinese text.
        vec![enter.clone(), key('?')],
        vec![enter.clone(), key('p'), key('1')],
        vec![key('D'), Event::Paste("拜访了四家客户，两家有明确需求，".repeat(12)), enter.clone(), key('x')],
    ];
    for overlay in &overlays {
        for tab in ['1', '2', '3', '4'] {
            for _ in 0..2 {
                app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
                app.handle_event(&key('y'));
            }
            app.popups.clear();
            app.accounts.filter = None;
            app.handle_event(&key(tab));
            for event in overlay {
                app.handle_event(event);
            }
            for &w in &sizes {
                for &h in sizes.iter().filter(|h| **h <= 100) {
                    app.handle_event(&Event::Resize(w, h));
                    render(&app, w, h);
                }
            }
        }
    }
}

#[test]
fn a_tiny_terminal_says_so() {
    let db = demo_db();
    let app = app(&db.path, Lang::En, 30, 6);
    let text = screen_text(&render(&app, 30, 6));
    assert!(text.contains("too small"), "{text}");
}

#[test]
fn an_empty_database_offers_demo_data() {
    let db = temp_db();
    let mut app = app(&db.path, Lang::En, 100, 30);
    let text = screen_text(&render(&app, 100, 30));
    assert!(text.contains("Welcome to kam"), "{text}");
    app.handle_event(&key('d'));
    let text = screen_text(&render(&app, 100, 30));
    assert!(text.contains("Demo data loaded"), "{text}");
    assert!(!app.accounts.list.rows().is_empty());
    // Then whose book it is, once.
    assert!(text.contains("Whose book is this?"), "{text}");
    for c in "Li Na".chars() {
        app.handle_event(&key(c));
    }
    app.handle_event(&crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    )));
    assert!(app.popups.is_empty());
    assert_eq!(app.store.rep().expect("rep").map(|r| r.name), Some("Li Na".to_string()));
}

#[test]
fn moving_a_card_forward_records_the_stage_and_its_history() {
    let db = demo_db();
    add_unprepared_deal(&db.path);
    let mut app: App = app(&db.path, Lang::En, 120, 40);
    app.handle_event(&key('2'));
    let card = app.pipeline.selected_card().cloned().expect("a card in Research");
    assert_eq!(card.stage.number(), 1);
    app.handle_event(&key('>'));
    // The selection follows the card into the next column.
    assert_eq!(app.pipeline.column, 1);
    assert_eq!(app.pipeline.selected_card().map(|c| c.id), Some(card.id));
    // A bare account leaves Research's checklist unmet: the move goes
    // through, warned about and kept as forced.
    let status = app.status.clone().expect("a status line");
    assert!(status.is_error && status.text.contains("checklist unmet"), "{status:?}");
    assert!(screen_text(&render(&app, 120, 40)).contains("forced"));
    drop(app);

    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let stage: i64 =
        conn.query_row("SELECT stage FROM opportunity WHERE id = ?1", [card.id], |r| r.get(0)).expect("stage");
    assert_eq!(stage, 2);
    let moves: i64 = conn
        .query_row(
            "SELECT count(*) FROM stage_move WHERE opportunity_id = ?1 AND from_stage = 1 AND to_stage = 2
                AND forced = 1 AND unmet <> ''",
            [card.id],
            |r| r.get(0),
        )
        .expect("moves");
    assert_eq!(moves, 1);
    let store = Store::open(&db.path).expect("store");
    assert_eq!(store.stage_history(card.id).expect("history").len(), 2);
}

#[test]
fn the_activity_form_validates_next_to_the_field_and_saves_nothing_bad() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    let before = Store::open(&db.path).expect("store").activities_on(common::today(), 100).expect("day").len();
    app.handle_event(&key('a'));
    // Clear the account, type a bad date, and try to save.
    let press =
        |app: &mut App, code: KeyCode, mods: KeyModifiers| app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE); // Deal
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE); // Contacts
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE); // Channel
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE); // Account
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for c in "没有这个客户".chars() {
        app.handle_event(&key(c));
    }
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE); // Time
    press(&mut app, KeyCode::BackTab, KeyModifiers::NONE); // Date
    press(&mut app, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for c in "someday".chars() {
        app.handle_event(&key(c));
    }
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let text = screen_text(&render(&app, 120, 40));
    assert!(text.contains("not a date"), "{text}");
    assert!(text.contains("no such account"), "{text}");
    assert!(text.contains("required"), "{text}");
    let after = Store::open(&db.path).expect("store").activities_on(common::today(), 100).expect("day").len();
    assert_eq!(before, after);
    // Esc with typed text asks first; any key but y keeps the form.
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    assert!(screen_text(&render(&app, 120, 40)).contains("Discard what you typed?"));
    app.handle_event(&key('n'));
    assert!(!app.popups.is_empty());
    press(&mut app, KeyCode::Esc, KeyModifiers::NONE);
    app.handle_event(&key('y'));
    assert!(app.popups.is_empty());
}

#[test]
fn the_daily_report_is_written_with_d_and_shown_on_reports() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::ZhCn, 120, 40);
    app.handle_event(&key('D'));
    // The summary is a text area: Enter is a new line.
    app.handle_event(&Event::Paste("拜访了四家客户，两家有明确需求".into()));
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    for c in "电话两通".chars() {
        app.handle_event(&key(c));
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    app.handle_event(&Event::Paste("给中联科技准备报价".into()));
    let form = screen_text(&render(&app, 120, 40));
    assert!(form.contains("电话两通") && form.contains("给中联科技准备报价"), "{form}");
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert!(app.popups.is_empty());
    app.handle_event(&key('4'));
    let text = screen_text(&render(&app, 120, 40));
    assert!(text.contains("拜访了四家客户，两家有明确需求"), "{text}");
    assert!(text.contains("电话两通"), "the second line: {text}");
    let saved = app.store.daily_summary(common::today()).expect("read").expect("written");
    assert_eq!(saved.summary, "拜访了四家客户，两家有明确需求\n电话两通");
    // The plan was drafted from tomorrow's follow-ups and visits; what was
    // typed after the draft is kept, and a plan longer than the room says
    // how much more there is rather than being cut.
    assert!(saved.tomorrow_plan.starts_with("- ") && saved.tomorrow_plan.ends_with("给中联科技准备报价"));
    assert!(text.contains("给中联科技准备报价") || text.contains("行（按 D 查看全部）"), "{text}");
}

/// The board after a forced move, with stale cards and the forecast line,
/// in both languages; then the moved deal opened.
#[test]
fn the_board_with_a_forced_move_in_both_languages() {
    for (lang, suffix) in [(Lang::En, "en"), (Lang::ZhCn, "zh")] {
        let db = demo_db();
        add_unprepared_deal(&db.path);
        let mut app = app(&db.path, lang, 120, 40);
        app.handle_event(&key('2'));
        app.handle_event(&key('>'));
        app.status = None; // the hint line rather than the move's warning
        let screen = screen_text(&render(&app, 120, 40));
        assert!(screen.contains(if suffix == "en" { "forced" } else { "强制" }), "{screen}");
        insta::assert_snapshot!(format!("board_forced_{suffix}"), screen);
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
        let detail = screen_text(&render(&app, 120, 40));
        // The timeline shows times of day, which differ per run: keep the
        // snapshot to the lines above it.
        let top: String = detail
            .lines()
            .take_while(|l| !l.contains("Stage history") && !l.contains("阶段历史"))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(format!("deal_detail_{suffix}"), top);
        assert!(
            detail.contains(if suffix == "en" {
                "(forced: checklist unmet)"
            } else {
                "（强制：清单未完成）"
            }),
            "{detail}"
        );
    }
}

#[test]
fn board_filters_by_tier_segment_and_account() {
    let db = demo_db();
    let mut app = app(&db.path, Lang::En, 120, 40);
    app.handle_event(&key('2'));
    let all: i64 = app.pipeline.totals.iter().map(|t| t.deal_count).sum();
    app.handle_event(&key('t')); // tier A
    assert_eq!(app.pipeline.filter.tier, Some(kam::domain::Tier::A));
    let store = Store::open(&db.path).expect("open");
    let tier_of = |account: i64| store.account(account).expect("get").expect("exists").fields.tier;
    for column in &app.pipeline.columns {
        assert!(column.rows().iter().all(|c| tier_of(c.account_id) == kam::domain::Tier::A));
    }
    let tier_a: i64 = app.pipeline.totals.iter().map(|t| t.deal_count).sum();
    assert!(0 < tier_a && tier_a < all, "{tier_a} of {all}");
    assert!(screen_text(&render(&app, 120, 40)).contains("Tier A (t)"));
    app.handle_event(&key('f')); // and the first segment
    let segment = app.config.accounts.segments[0].clone();
    assert_eq!(app.pipeline.filter.segment.as_deref(), Some(segment.as_str()));
    // Esc: every filter off.
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
    assert_eq!(app.pipeline.totals.iter().map(|t| t.deal_count).sum::<i64>(), all);
    // / and an account's name: only its deals.
    let (_, name, initials) = chinese_account_with_a_deal(&db.path);
    app.handle_event(&key('/'));
    for c in initials.chars() {
        app.handle_event(&key(c));
    }
    let shown: Vec<&str> =
        app.pipeline.columns.iter().flat_map(|c| c.rows()).map(|c| c.account_name.as_str()).collect();
    assert!(shown.contains(&name.as_str()), "{shown:?}");
}

#[test]
fn a_visit_logged_with_a_decision_maker_meets_the_relationship_checklist() {
    use kam::domain::checklist::unmet;
    use kam::domain::{DecisionRole, Outcome, Stage};
    let db = temp_db();
    let deal = {
        let mut store = Store::open(&db.path).expect("open");
        let account =
            ops::add_account(&mut store, &kam::store::NewAccount::named("平安银行"), common::today()).expect("account");
        for (name, role) in [("李秘书", DecisionRole::Gatekeeper), ("王行长", DecisionRole::DecisionMaker)] {
            let contact = kam::store::NewContact {
                account_id: account,
                name: name.into(),
                title: String::new(),
                phone: String::new(),
                email: String::new(),
                role,
                personal_notes: String::new(),
            };
            ops::add_contact(&mut store, &contact).expect("contact");
        }
        ops::add_deal(
            &mut store,
            &kam::store::NewOpportunity {
                account_id: account,
                title: "核心系统".into(),
                stage: Stage::Relationship,
                outcome: Outcome::Open,
                amount: kam::domain::Money::from_yuan(1_000_000),
                probability: None,
                expected_close_on: None,
                lost_reason: String::new(),
            },
        )
        .expect("deal")
    };
    let mut app = app(&db.path, Lang::ZhCn, 120, 40);
    app.handle_event(&key('3')); // Visits: a logs a visit
    app.handle_event(&key('1'));
    app.handle_event(&key('a'));
    let press = |app: &mut App, code: KeyCode| app.handle_event(&Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    press(&mut app, KeyCode::BackTab); // from the purpose to the deal
    press(&mut app, KeyCode::BackTab); // the contacts met
    // Contacts come by name: 李秘书, then 王行长; Space ticks.
    press(&mut app, KeyCode::Right);
    app.handle_event(&key(' '));
    assert!(screen_text(&render(&app, 120, 40)).contains("[x] 王行长"));
    press(&mut app, KeyCode::BackTab); // the channel
    app.handle_event(&key('v')); // typed: visit
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    for c in "拜访行长".chars() {
        app.handle_event(&key(c));
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    let store = Store::open(&db.path).expect("open");
    let facts = store.deal_facts(deal, common::today()).expect("facts");
    assert_eq!(facts.decision_maker_visits, 1, "{facts:?}");
    assert!(unmet(Stage::Relationship, &facts).is_empty());
}

/// Popups take their keys from the binding table: `?` in the deal view
/// lists the deal's own keys, the hint line shows them with `? help` first,
/// and a quote opened from the deal returns to it, refreshed.
#[test]
fn the_deal_view_lists_its_keys_and_stacks_the_forms_it_opens() {
    let db = demo_db();
    let mut app: App = app(&db.path, Lang::En, 120, 40);
    app.handle_event(&key('2'));
    let enter = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Enter,
        crossterm::event::KeyModifiers::NONE,
    ));
    app.handle_event(&enter);
    assert_eq!(app.popups.len(), 1, "the deal is open");
    let hints = screen_text(&render(&app, 120, 40));
    let last = hints.lines().last().unwrap_or_default().to_string();
    assert!(last.starts_with("? help") && last.contains("p record a quote"), "{last}");
    app.handle_event(&key('?'));
    let help = screen_text(&render(&app, 120, 40));
    assert!(help.contains("record a negotiation round") && help.contains("close the deal"), "{help}");
    app.handle_event(&key('x')); // any key closes the help
    assert_eq!(app.popups.len(), 1, "back to the deal");

    app.handle_event(&key('p'));
    assert_eq!(app.popups.len(), 2, "the quote form over the deal");
    // The form starts on the amount, its first empty field (the date is
    // prefilled with today).
    for c in "12345".chars() {
        app.handle_event(&key(c));
    }
    let ctrl_s = crossterm::event::Event::Key(crossterm::event::KeyEvent::new(
        crossterm::event::KeyCode::Char('s'),
        crossterm::event::KeyModifiers::CONTROL,
    ));
    app.handle_event(&ctrl_s);
    let text = screen_text(&render(&app, 120, 40));
    assert_eq!(app.popups.len(), 1, "the form closed, the deal stays: {text}");
    assert!(text.contains("12.3K"), "the deal shows the new quote: {text}");
    assert!(text.contains("Quoting before the Close stage"), "with the method's warning: {text}");
}
