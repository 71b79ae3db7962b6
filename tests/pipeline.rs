//! The pipeline in the store, against numbers worked out by hand: stage
//! checklists from real rows, forced moves, outcomes, quotes with the
//! method's warning, negotiation rounds, weighted totals and the forecast.

mod common;

use chrono::NaiveDate;
use common::{temp_db, today};
use kam::domain::checklist::{QuoteWarning, checklist, quote_warning, unmet};
use kam::domain::{Channel, DecisionRole, Money, Outcome, Stage};
use kam::ops;
use kam::store::{
    Attendee, Decision, NewAccount, NewActivity, NewCompetitor, NewContact, NewNeed, NewNegotiation, NewOpportunity,
    Store,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

fn deal(
    account_id: i64,
    title: &str,
    stage: Stage,
    yuan: i64,
    probability: Option<u8>,
    close: Option<NaiveDate>,
) -> NewOpportunity {
    NewOpportunity {
        account_id,
        title: title.into(),
        stage,
        outcome: Outcome::Open,
        amount: Money::from_yuan(yuan),
        probability,
        expected_close_on: close,
        lost_reason: String::new(),
    }
}

#[test]
fn checklists_read_the_real_rows() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("平安银行"), today()).expect("account");
    let id = ops::add_deal(&mut store, &deal(account, "核心系统", Stage::Research, 100_000, None, None)).expect("deal");
    let facts = store.deal_facts(id, today()).expect("facts");
    assert_eq!(unmet(Stage::Research, &facts), ["profile", "competitor", "key_person", "source"]);

    let mut full = NewAccount::named("平安银行");
    full.segment = "Finance".into();
    full.region = "深圳".into();
    full.annual_purchase = Money::from_yuan(8_000_000);
    full.info_sources = "年报".into();
    full.credit_rating = "AA".into();
    ops::edit_account(&mut store, account, &full).expect("profile");
    ops::set_no_known_competitor(&mut store, account, true).expect("none known");
    let boss = NewContact {
        account_id: account,
        name: "王行长".into(),
        title: "副行长".into(),
        phone: String::new(),
        email: String::new(),
        role: DecisionRole::DecisionMaker,
        personal_notes: String::new(),
    };
    let boss = ops::add_contact(&mut store, &boss).expect("contact");
    let facts = store.deal_facts(id, today()).expect("facts");
    assert!(unmet(Stage::Research, &facts).is_empty(), "{facts:?}");
    assert_eq!(unmet(Stage::Analysis, &facts), ["need", "judged"]);

    ops::add_need(
        &mut store,
        &NewNeed { account_id: account, opportunity_id: Some(id), stated: "换核心".into(), whys: vec![] },
    )
    .expect("need");
    ops::judge_deal(&mut store, id, true).expect("go");
    let facts = store.deal_facts(id, today()).expect("facts");
    assert!(unmet(Stage::Analysis, &facts).is_empty());
    assert!(!facts.real_need, "no why answered yet");
    assert_eq!(unmet(Stage::FirstContact, &facts), ["contact_activity", "next_person"]);

    ops::log_activity(
        &mut store,
        &NewActivity {
            account_id: account,
            opportunity_id: Some(id),
            contact_ids: vec![boss],
            occurred_time: None,
            keeps_id: None,
            occurred_on: d(2026, 11, 20),
            channel: Channel::Visit,
            purpose: "拜访决策人".into(),
            result: String::new(),
            next_step: String::new(),
            next_on: None,
        },
    )
    .expect("visit");
    ops::choose_next_contact(&mut store, id, Some(boss)).expect("next");
    let facts = store.deal_facts(id, today()).expect("facts");
    assert!(unmet(Stage::FirstContact, &facts).is_empty());
    assert!(unmet(Stage::Relationship, &facts).is_empty(), "a visit with the decision maker");
    assert_eq!(unmet(Stage::Close, &facts), ["quote", "closed"]);
    assert_eq!(facts.days_since_return_visit, Some(6));
    // A competitor instead of "none known" also satisfies Research.
    ops::set_no_known_competitor(&mut store, account, false).expect("known after all");
    ops::add_competitor(
        &mut store,
        &NewCompetitor { account_id: account, name: "某友商".into(), ..Default::default() },
    )
    .expect("rival");
    assert!(checklist(Stage::Research, &store.deal_facts(id, today()).expect("facts")).iter().all(|i| i.met));
}

#[test]
fn a_forced_move_is_kept_with_what_was_missing() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("中联重科"), today()).expect("account");
    let id = ops::add_deal(&mut store, &deal(account, "泵车", Stage::Research, 500_000, None, None)).expect("deal");
    let moved = ops::move_deal(&mut store, id, true, today()).expect("move").expect("allowed");
    assert_eq!(moved.to, Stage::Analysis);
    assert_eq!(moved.unmet, ["profile", "competitor", "key_person", "source"]);
    let history = store.stage_history(id).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!(history[1].unmet, moved.unmet);
    // Close ends with an outcome, not a move; nothing is written.
    let close = ops::add_deal(&mut store, &deal(account, "臂架", Stage::Close, 1, None, None)).expect("deal");
    assert_eq!(
        ops::move_deal(&mut store, close, true, today()).expect("ask"),
        Err(ops::MoveRefused::CloseNeedsOutcome)
    );
    assert_eq!(store.stage_history(close).expect("history").len(), 1);
    let card = &store.board_column(Stage::Analysis, &kam::store::Seek::First, 5).expect("column")[0];
    assert!(card.forced);
    assert_eq!(store.opportunity(id).expect("get").expect("exists").probability, Stage::Analysis.default_probability());
}

#[test]
fn outcomes_won_lost_and_reopen_with_their_history() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("重庆银行"), today()).expect("account");
    let won = ops::add_deal(&mut store, &deal(account, "柜面升级", Stage::Close, 300_000, None, None)).expect("deal");
    ops::record_outcome(&mut store, won, &Decision::Won, today()).expect("won");
    let row = store.opportunity(won).expect("get").expect("exists");
    assert_eq!((row.stage, row.outcome, row.probability), (Stage::Maintain, Outcome::Won, 100));
    let history = store.stage_history(won).expect("history");
    assert_eq!(
        history.last().map(|m| (m.from, m.to, m.outcome.clone())),
        Some((Some(Stage::Close), Stage::Maintain, Some("won".into())))
    );

    let lost =
        ops::add_deal(&mut store, &deal(account, "网点改造", Stage::Relationship, 80_000, None, None)).expect("deal");
    ops::record_outcome(
        &mut store,
        lost,
        &Decision::Lost { reason: "Price".into(), competitor: "某友商".into() },
        today(),
    )
    .expect("lost");
    let row = store.opportunity(lost).expect("get").expect("exists");
    assert_eq!((row.outcome, row.lost_reason.as_str()), (Outcome::Lost, "Price"));
    assert_eq!(store.board_totals().expect("totals")[3].deal_count, 0, "a lost deal leaves the board");

    ops::record_outcome(&mut store, won, &Decision::Reopen, today()).expect("reopen");
    let row = store.opportunity(won).expect("get").expect("exists");
    assert_eq!((row.stage, row.outcome), (Stage::Close, Outcome::Open), "a won deal reopens at Close");
    store.undo().expect("undo reopen");
    assert_eq!(store.opportunity(won).expect("get").expect("exists").outcome, Outcome::Won);
}

#[test]
fn quotes_carry_the_methods_warning_and_negotiations_their_attendees() {
    assert_eq!(quote_warning(Stage::Analysis, true), Some(QuoteWarning::BeforeClose));
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("万科A"), today()).expect("account");
    let id =
        ops::add_deal(&mut store, &deal(account, "物业系统", Stage::Analysis, 1_000_000, None, None)).expect("deal");
    let early = ops::add_quote(&mut store, id, d(2026, 11, 1), Money::from_yuan(980_000), "first price", today())
        .expect("early quote");
    assert_eq!(early.warning, Some(QuoteWarning::BeforeClose), "recorded, with the method's warning");
    ops::record_outcome(&mut store, id, &Decision::Won, today()).expect("won");
    let late = ops::add_quote(&mut store, id, d(2026, 11, 20), Money::from_yuan(950_000), "after talks", today())
        .expect("quote");
    assert_eq!(late.warning, quote_warning(Stage::Maintain, false));
    let quotes = store.quotes_of(id, 10).expect("quotes");
    assert_eq!(
        quotes.iter().map(|q| (q.amount, q.warning.as_str())).collect::<Vec<_>>(),
        [
            (Money::from_yuan(950_000), late.warning.map(|w| w.code()).unwrap_or("")),
            (Money::from_yuan(980_000), "before_close")
        ]
    );
    let round = NewNegotiation {
        opportunity_id: id,
        held_on: d(2026, 11, 18),
        attendees: vec![
            Attendee { name: "张经理".into(), role: "account_manager".into() },
            Attendee { name: "李工".into(), role: "technical".into() },
        ],
        agreed: "分两期交付".into(),
        open_points: "付款比例".into(),
    };
    ops::add_negotiation(&mut store, &round).expect("negotiation");
    assert_eq!(store.negotiations_of(id, 10).expect("rounds")[0].fields, round);
}

#[test]
fn weighted_totals_and_the_forecast_by_hand() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("长城汽车"), today()).expect("account");
    // today is 2026-11-26: this month is November, this quarter Oct-Dec.
    ops::add_deal(&mut store, &deal(account, "A", Stage::Relationship, 100_000, None, Some(d(2026, 11, 30))))
        .expect("a"); // 40%
    ops::add_deal(&mut store, &deal(account, "B", Stage::Close, 50_000, None, Some(d(2026, 12, 10)))).expect("b"); // 70%
    ops::add_deal(&mut store, &deal(account, "C", Stage::FirstContact, 200_000, Some(20), Some(d(2027, 1, 15))))
        .expect("c");
    ops::add_deal(&mut store, &deal(account, "D", Stage::Close, 999, Some(33), None)).expect("d"); // no close date
    let won =
        ops::add_deal(&mut store, &deal(account, "W", Stage::Close, 70_000, None, Some(d(2026, 11, 5)))).expect("w");
    ops::record_outcome(&mut store, won, &Decision::Won, today()).expect("won");

    let totals = store.board_totals().expect("totals");
    assert_eq!(
        (totals[3].deal_count, totals[3].amount, totals[3].weighted),
        (1, Money::from_yuan(100_000), Money::from_yuan(40_000))
    );
    // Close: B 50,000 x 70% = 35,000; D 999 x 33% = 329.67.
    assert_eq!(totals[4].amount, Money::from_yuan(50_999));
    assert_eq!(totals[4].weighted, Money(3_500_000 + 32_967));
    assert_eq!(
        (totals[5].deal_count, totals[5].weighted),
        (1, Money::from_yuan(70_000)),
        "won deals sit in Maintain at 100%"
    );

    let forecast = store.forecast(today()).expect("forecast");
    // Open: 40,000 + 35,000 + 40,000 (C) + 329.67 (D) = 115,329.67.
    assert_eq!(forecast.open_weighted, Money(11_532_967));
    assert_eq!(forecast.month_weighted, Money::from_yuan(40_000), "A only: W is won, not forecast");
    assert_eq!(forecast.quarter_weighted, Money::from_yuan(75_000), "A and B; C closes next quarter, D has no date");
}

fn maven(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/maven-crm").join(path)
}

fn maven_stage_map() -> Vec<String> {
    ["Prospecting=1", "Engaging=3", "Won=won", "Lost=lost"].map(String::from).to_vec()
}

/// (stage, outcome) -> count, and the won amount, straight from SQL.
fn tally(path: &std::path::Path) -> (Vec<(i64, String, i64)>, i64) {
    let conn = rusqlite::Connection::open(path).expect("raw");
    let counts = conn
        .prepare("SELECT stage, outcome, count(*) FROM opportunity GROUP BY 1, 2 ORDER BY 1, 2")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let won: i64 = conn
        .query_row("SELECT sum(amount_cents) FROM opportunity WHERE outcome = 'won'", [], |r| r.get(0))
        .expect("won");
    (counts, won)
}

fn won_close_value_cents() -> i64 {
    let mut reader = csv::Reader::from_path(maven("sales_pipeline.csv")).expect("csv");
    reader
        .records()
        .map(|r| r.expect("record"))
        .filter(|r| &r[4] == "Won")
        .map(|r| r[7].parse::<i64>().expect("close_value") * 100)
        .sum()
}

#[test]
fn imports_the_maven_pipeline_with_a_stage_map() {
    use kam::io::import::ImportOptions;
    use kam::io::import_deals::{DealOptions, NO_ACCOUNT, import_opportunities};
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let options = DealOptions { common: ImportOptions::default(), stage_map: maven_stage_map(), create_accounts: true };
    let report = import_opportunities(&mut store, &maven("sales_pipeline.csv"), &options, today()).expect("import");
    assert_eq!((report.rows, report.written), (8800, 8800));
    let (counts, won) = tally(&db.path);
    assert_eq!(
        counts,
        vec![(1, "open".into(), 500), (3, "open".into(), 1589), (5, "lost".into(), 2473), (6, "won".into(), 4238)]
    );
    assert_eq!(won, won_close_value_cents());
    // Blank accounts went under one account, as the importer documents.
    assert!(store.account_named(NO_ACCOUNT).expect("named").is_some());
    // Blank close dates stay blank; the won deals carry the day they closed.
    let conn = rusqlite::Connection::open(&db.path).expect("raw");
    let blank: i64 = conn
        .query_row("SELECT count(*) FROM opportunity WHERE outcome = 'open' AND expected_close_on IS NULL", [], |r| {
            r.get(0)
        })
        .expect("blank");
    assert_eq!(blank, 2089);
    let dated: i64 = conn
        .query_row("SELECT count(*) FROM opportunity WHERE outcome <> 'open' AND closed_on IS NOT NULL", [], |r| {
            r.get(0)
        })
        .expect("closed");
    assert_eq!(dated, 4238 + 2473);
}

#[test]
fn rows_without_an_account_are_rejected_unless_asked_otherwise() {
    use kam::io::import::{ImportOptions, Problem, import_accounts};
    use kam::io::import_deals::{DealOptions, import_opportunities};
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    import_accounts(&mut store, &maven("accounts.csv"), &ImportOptions::default(), |_| kam::domain::Tier::C, today())
        .expect("accounts");
    let options =
        DealOptions { common: ImportOptions::default(), stage_map: maven_stage_map(), create_accounts: false };
    let report = import_opportunities(&mut store, &maven("sales_pipeline.csv"), &options, today()).expect("import");
    assert_eq!(report.rejected.len(), 1425, "1,088 Engaging and 337 Prospecting rows name no account");
    assert!(report.rejected.iter().all(|e| e.problem == Problem::NoAccount && e.column == "account"));
    assert_eq!(report.written, 0, "all or nothing");
    let skip = DealOptions { common: ImportOptions { skip_invalid: true, ..Default::default() }, ..options };
    let report = import_opportunities(&mut store, &maven("sales_pipeline.csv"), &skip, today()).expect("import");
    assert_eq!(report.written, 8800 - 1425);
    let (counts, won) = tally(&db.path);
    assert_eq!(
        counts,
        vec![(1, "open".into(), 163), (3, "open".into(), 501), (5, "lost".into(), 2473), (6, "won".into(), 4238)]
    );
    assert_eq!(won, won_close_value_cents());
    // An unmapped stage value says how to map it.
    let unmapped = DealOptions {
        stage_map: vec![],
        common: ImportOptions { dry_run: true, ..Default::default() },
        create_accounts: false,
    };
    let report = import_opportunities(&mut store, &maven("sales_pipeline.csv"), &unmapped, today()).expect("dry");
    assert!(report.rejected.iter().any(|e| e.problem == Problem::UnknownStage("Prospecting".into())));
}

/// The summary tables the triggers keep agree with sums straight from the
/// deals after moves, edits, outcomes, deletes and undo.
#[test]
fn summary_tables_agree_with_the_deals_after_every_kind_of_change() {
    let db = common::demo_db();
    let mut store = Store::open(&db.path).expect("open");
    let conn = rusqlite::Connection::open(&db.path).expect("raw");
    let check = |conn: &rusqlite::Connection| {
        let columns: Vec<(i64, i64, i64, i64)> = conn
            .prepare(
                "SELECT t.stage, t.deal_count, t.amount_cents, t.weighted_percent_cents,
                        (SELECT count(*) FROM opportunity o WHERE o.stage = t.stage AND o.outcome <> 'lost'),
                        (SELECT coalesce(sum(amount_cents), 0) FROM opportunity o WHERE o.stage = t.stage AND o.outcome <> 'lost'),
                        (SELECT coalesce(sum(amount_cents * probability), 0) FROM opportunity o WHERE o.stage = t.stage AND o.outcome <> 'lost')
                   FROM board_column_total t",
            )
            .expect("prepare")
            .query_map([], |r| {
                assert_eq!((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?), (r.get(4)?, r.get(5)?, r.get(6)?));
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(columns.len(), 6);
        let off: i64 = conn
            .query_row(
                "SELECT count(*) FROM (
                    SELECT substr(expected_close_on, 1, 7) AS month, sum(amount_cents * probability) AS w FROM opportunity
                     WHERE outcome = 'open' AND expected_close_on IS NOT NULL GROUP BY 1) d
                  FULL JOIN (SELECT * FROM forecast_month WHERE weighted_percent_cents <> 0) f ON f.month = d.month
                 WHERE coalesce(d.w, 0) <> coalesce(f.weighted_percent_cents, 0)",
                [],
                |r| r.get(0),
            )
            .expect("forecast");
        assert_eq!(off, 0, "forecast_month drifted");
    };
    check(&conn);
    let deals: Vec<i64> = conn
        .prepare("SELECT id FROM opportunity WHERE outcome = 'open' ORDER BY id LIMIT 6")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("ids");
    if ops::move_deal(&mut store, deals[0], true, today()).expect("move").is_err() {
        ops::move_deal(&mut store, deals[0], false, today()).expect("move back").expect("moved");
    }
    let changes = ops::DealChanges {
        title: "改名".into(),
        amount: Money::from_yuan(123_456),
        expected_close_on: Some(d(2026, 12, 1)),
        probability: Some(55),
        go: Some(true),
        next_contact: None,
    };
    ops::save_deal(&mut store, deals[1], &changes).expect("edit");
    ops::record_outcome(&mut store, deals[2], &Decision::Won, today()).expect("won");
    ops::record_outcome(
        &mut store,
        deals[3],
        &Decision::Lost { reason: "Price".into(), competitor: String::new() },
        today(),
    )
    .expect("lost");
    ops::delete_deal(&mut store, deals[4]).expect("delete");
    check(&conn);
    for _ in 0..3 {
        store.undo().expect("undo");
    }
    check(&conn);
    ops::record_outcome(&mut store, deals[2], &Decision::Won, today()).expect("won again");
    ops::record_outcome(&mut store, deals[2], &Decision::Reopen, today()).expect("reopen");
    check(&conn);
}

/// The deal form edits fields and the method's decisions together; saving
/// it is one action, so one `u` takes all of it back and `Ctrl-R` redoes it.
#[test]
fn saving_the_deal_form_is_one_undo_step() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let press = |editor: &mut kam::tui::popups::deal_form::DealEditor, code: KeyCode, modifiers: KeyModifiers| {
        editor.form.on_key(&KeyEvent::new(code, modifiers));
    };
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("招商银行"), today()).expect("account");
    let boss = NewContact {
        account_id: account,
        name: "刘总".into(),
        title: String::new(),
        phone: String::new(),
        email: String::new(),
        role: DecisionRole::DecisionMaker,
        personal_notes: String::new(),
    };
    let boss = ops::add_contact(&mut store, &boss).expect("contact");
    let id = ops::add_deal(&mut store, &deal(account, "数据中心", Stage::Analysis, 500_000, None, None)).expect("deal");
    let before = (store.opportunity(id).expect("get"), store.deal_choices(id).expect("choices"));

    let lang = kam::i18n::Lang::En;
    let mut editor = kam::tui::popups::deal_form::edit_deal(lang, &store, id).expect("load").expect("form");
    press(&mut editor, KeyCode::Tab, KeyModifiers::NONE); // amount
    press(&mut editor, KeyCode::Char('u'), KeyModifiers::CONTROL);
    for c in "88万".chars() {
        press(&mut editor, KeyCode::Char(c), KeyModifiers::NONE);
    }
    for _ in 0..3 {
        press(&mut editor, KeyCode::Tab, KeyModifiers::NONE); // close, probability, judgement
    }
    press(&mut editor, KeyCode::Right, KeyModifiers::NONE); // go
    press(&mut editor, KeyCode::Tab, KeyModifiers::NONE); // next contact
    press(&mut editor, KeyCode::Right, KeyModifiers::NONE); // 刘总
    let command = editor.submit(&store, lang, today()).expect("check").expect("a save");
    kam::tui::command::run(&mut store, &command, today()).expect("saved");

    let after = (store.opportunity(id).expect("get"), store.deal_choices(id).expect("choices"));
    assert_eq!(after.0.as_ref().map(|d| d.amount), Some(Money::from_yuan(880_000)));
    assert_eq!(after.1, ("go".to_string(), Some(boss)));

    ops::undo(&mut store).expect("undo").expect("one action");
    assert_eq!((store.opportunity(id).expect("get"), store.deal_choices(id).expect("choices")), before);
    let next = store.next_undo().expect("next").expect("the deal's creation");
    assert_eq!(next.kind, "deal.add", "the whole save went with one undo");
    ops::redo(&mut store).expect("redo").expect("redone");
    assert_eq!((store.opportunity(id).expect("get"), store.deal_choices(id).expect("choices")), after);
}
