//! Keeping the customer: a complaint's deadline follows its severity and
//! is flagged once passed; closing it schedules a return visit, which a
//! return visit with its survey then makes (undo puts it back); scores,
//! detractors, 特急 complaints and long-owed money put an account at risk,
//! and the Accounts table reads the same signals.

mod common;

use chrono::NaiveDate;
use common::temp_db;
use kam::domain::care::RiskReason;
use kam::domain::{Channel, ComplaintCategory, ComplaintStatus, Severity};
use kam::ops::{self, CareRules};
use kam::store::{NewAccount, NewActivity, NewComplaint, NewSurvey, Seek, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn complaint(account_id: i64, received: &str, severity: Severity) -> NewComplaint {
    NewComplaint {
        number: "TS-2026-007".into(),
        account_id,
        contact_id: None,
        contract_id: None,
        received_on: day(received),
        channel: "phone".into(),
        category: ComplaintCategory::Delivery,
        severity,
        respond_by: day(received),
        description: "到货晚了两周".into(),
        demand: "赔偿运费".into(),
        root_cause: String::new(),
        action_taken: String::new(),
        status: ComplaintStatus::New,
        resolved_on: None,
        closed_on: None,
        return_visit_on: None,
        return_visit_id: None,
    }
}

fn survey(account_id: i64, on: &str, overall: u8, nps: Option<u8>) -> NewSurvey {
    NewSurvey {
        account_id,
        contact_id: None,
        contract_id: None,
        complaint_id: None,
        activity_id: None,
        surveyed_on: day(on),
        overall,
        nps,
        quality: None,
        delivery: None,
        service: None,
        response: None,
        feedback: String::new(),
        follow_up: String::new(),
    }
}

fn setup() -> (common::TempDb, Store, i64) {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("武汉万达物流"), day("2026-01-01")).expect("account");
    (db, store, account)
}

#[test]
fn a_complaint_is_late_after_its_severitys_days_and_closing_it_schedules_a_return_visit() {
    let (_db, mut store, account) = setup();
    let rules = CareRules::default(); // 一般 7, 紧急 2, 特急 1; return visit 7 days after closing
    let id = ops::add_complaint(&mut store, &complaint(account, "2026-11-20", Severity::Urgent), &rules).expect("add");
    let k = store.complaint(id).expect("read").expect("there");
    assert_eq!(k.complaint.respond_by, day("2026-11-22"));
    assert!(!k.is_late(day("2026-11-22")), "the last day is still in time");
    assert!(k.is_late(day("2026-11-23")));
    // A later change of settings moves no promise already made.
    let slower = CareRules { response_days: [14, 5, 2], ..rules };
    let progress =
        NewComplaint {
            status: ComplaintStatus::InProgress, action_taken: "补发配件".into(), ..k.complaint.clone()
        };
    ops::update_complaint(&mut store, id, &progress, day("2026-11-21"), &slower).expect("update");
    assert_eq!(store.complaint(id).expect("read").expect("there").complaint.respond_by, day("2026-11-22"));
    // Closed on 11-24: the return visit falls due a week later.
    let closed = NewComplaint { status: ComplaintStatus::Closed, ..progress };
    ops::update_complaint(&mut store, id, &closed, day("2026-11-24"), &rules).expect("close");
    let k = store.complaint(id).expect("read").expect("there");
    assert_eq!(
        (k.complaint.closed_on, k.complaint.return_visit_on),
        (Some(day("2026-11-24")), Some(day("2026-12-01")))
    );
    assert!(!k.is_late(day("2026-12-30")), "a closed complaint is not late");
    assert!(store.return_visits_due(day("2026-11-30"), 10).expect("due").is_empty());
    assert_eq!(store.return_visits_due(day("2026-12-01"), 10).expect("due").len(), 1);
    // The Visits agenda lists it on its day, and counts it.
    let agenda = store.agenda_page(day("2026-12-10"), &Seek::First, 40).expect("agenda");
    let visit = agenda
        .iter()
        .find(|r| matches!(r.item, kam::store::AgendaItem::ReturnVisit { complaint_id, .. } if complaint_id == id))
        .expect("the return visit in the agenda");
    assert_eq!(visit.due_on, day("2026-12-01"));
    let counts = store.agenda_counts(day("2026-11-26"), day("2026-12-10")).expect("counts");
    let without = {
        let mut other = store.agenda_counts(day("2026-11-26"), day("2026-11-30")).expect("counts");
        other.upcoming += 1;
        other
    };
    assert_eq!(counts.upcoming, without.upcoming, "the return visit on 12-01 counts as upcoming");
    // The return visit, with its survey: the scheduled visit is made.
    let visit = NewActivity::new(account, day("2026-12-01"), Channel::Visit, "回访投诉处理结果");
    let score = survey(account, "2026-12-01", 4, Some(8));
    let activity =
        ops::record_return_visit(&mut store, &visit, Some(&score), ops::VisitFor::Complaint(id)).expect("visit");
    assert!(store.return_visits_due(day("2026-12-31"), 10).expect("due").is_empty());
    let surveys = store.surveys_of(account, 5).expect("surveys");
    assert_eq!((surveys[0].survey.activity_id, surveys[0].survey.complaint_id), (Some(activity), Some(id)));
    // Undo: the visit, its survey and the link all go; the visit is due again.
    ops::undo(&mut store).expect("undo");
    assert!(store.surveys_of(account, 5).expect("surveys").is_empty());
    assert_eq!(store.return_visits_due(day("2026-12-31"), 10).expect("due").len(), 1);
}

#[test]
fn an_account_is_at_risk_for_a_low_score_a_detractor_or_a_critical_complaint() {
    let (_db, mut store, account) = setup();
    let today = day("2026-11-26");
    assert!(store.risk_signals(account).expect("signals").reasons(today).is_empty());
    ops::add_survey(&mut store, &survey(account, "2026-10-01", 4, Some(9))).expect("survey");
    ops::add_survey(&mut store, &survey(account, "2026-11-01", 2, Some(5))).expect("survey");
    assert_eq!(
        store.risk_signals(account).expect("signals").reasons(today),
        [RiskReason::LowScore(2), RiskReason::Detractor(5)],
        "the newest survey counts"
    );
    let rules = CareRules::default();
    ops::add_complaint(&mut store, &complaint(account, "2026-11-25", Severity::Critical), &rules).expect("add");
    let reasons = store.risk_signals(account).expect("signals").reasons(today);
    assert!(reasons.contains(&RiskReason::CriticalComplaint), "{reasons:?}");
    // The Accounts table reads the same signals with each row, and the
    // earliest answer owed.
    let row = store.accounts_page(&Seek::First, 10).expect("page").into_iter().find(|r| r.id == account).expect("row");
    assert_eq!(row.risk.reasons(today), reasons);
    assert_eq!(row.respond_by, Some(day("2026-11-26")));
    // Loyalty: the scores newest first, falling.
    let loyalty = store.loyalty(account, today).expect("loyalty");
    assert_eq!(loyalty.scores, [2, 4]);
    assert_eq!(loyalty.trend(), Some(kam::domain::care::Trend::Falling));
    assert_eq!((loyalty.latest_nps, loyalty.complaints_last_year), (Some(5), 1));
}

/// From the keyboard: a complaint on the account, closed from its line in
/// the detail pane, then the return visit it scheduled, with its survey.
#[test]
fn a_complaint_closed_from_the_keyboard_then_its_return_visit_with_a_survey() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    use kam::i18n::Lang;
    let (db, store, account) = setup();
    drop(store);
    let today = common::today();
    let mut app = common::app(&db.path, Lang::En, 120, 40);
    let press = |app: &mut kam::tui::App, code: KeyCode, mods: KeyModifiers| {
        app.handle_event(&Event::Key(KeyEvent::new(code, mods)));
    };
    let type_text = |app: &mut kam::tui::App, text: &str| {
        for c in text.chars() {
            app.handle_event(&common::key(c));
        }
    };
    type_text(&mut app, "p");
    assert!(common::screen_text(&common::render(&app, 120, 40)).contains("New complaint"));
    type_text(&mut app, "Late delivery");
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE); // into the detail pane: the complaint line
    let screen = common::screen_text(&common::render(&app, 120, 40));
    assert!(screen.contains("Late delivery"), "{screen}");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE); // its progress form
    let form = common::screen_text(&common::render(&app, 120, 40));
    assert!(form.contains("Complaint: Late delivery"), "{form}");
    for _ in 0..4 {
        press(&mut app, KeyCode::Right, KeyModifiers::NONE); // new → … → closed
    }
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let store = Store::open(&db.path).expect("open");
    let k = &store.complaints_of(account, 5).expect("read")[0];
    assert_eq!(k.complaint.status, ComplaintStatus::Closed);
    assert_eq!(k.complaint.return_visit_on, Some(today + chrono::Days::new(7)));
    let screen = common::screen_text(&common::render(&app, 120, 40));
    assert!(screen.contains("normal/closed") && screen.contains("return visit"), "{screen}");
    // The return visit: the closed complaint is offered, the survey taken.
    type_text(&mut app, "v");
    assert!(common::screen_text(&common::render(&app, 120, 40)).contains("Return visit and survey"));
    press(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let made = &store.complaints_of(account, 5).expect("read")[0];
    assert!(made.complaint.return_visit_id.is_some(), "the scheduled visit was made");
    assert_eq!(store.surveys_of(account, 5).expect("surveys")[0].survey.overall, 5);
}

#[test]
fn complaints_and_surveys_list_with_what_is_worked_out() {
    let db = common::demo_db();
    let out = common::kam_cli(&db.path, &["list", "complaints", "--format", "json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = json.as_array().expect("rows");
    assert!(!rows.is_empty(), "the demo has complaints");
    // A one-rep demo shows a complaint in every state.
    for status in ComplaintStatus::ALL {
        assert!(rows.iter().any(|r| r["status"] == status.code()), "no {status:?} complaint in the demo");
    }
    assert!(rows.iter().all(|r| r["late"].is_boolean() && r["respond_by"].is_string()));
    let out = common::kam_cli(&db.path, &["list", "surveys", "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("overall") && text.contains("nps_class"), "{text}");
    assert!(text.lines().count() > 1, "the demo has surveys");
}

#[test]
fn complaints_and_surveys_import_from_files_and_a_second_import_adds_nothing() {
    let (db, store, _account) = setup();
    drop(store);
    let dir = db.dir.path();
    let complaints = dir.join("complaints.csv");
    std::fs::write(
        &complaints,
        "客户名称,投诉编号,投诉日期,投诉类别,紧急程度,投诉内容,状态\n武汉万达物流,TS-2026-001,2026-11-20,交付物流,特急,到货晚了两周,处理中\n",
    )
    .expect("write");
    let surveys = dir.join("surveys.csv");
    std::fs::write(&surveys, "account,surveyed_on,overall,nps,feedback\n武汉万达物流,2026-11-10,2,5,太慢\n")
        .expect("write");
    for _ in 0..2 {
        for (kind, file) in [("complaints", &complaints), ("surveys", &surveys)] {
            let out = common::kam_cli(&db.path, &["import", kind, file.to_str().expect("utf-8")]);
            assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        }
    }
    let store = Store::open(&db.path).expect("open");
    let account = store.account_named("武汉万达物流").expect("read").expect("there").id;
    let complaints = store.complaints_of(account, 10).expect("read");
    assert_eq!(complaints.len(), 1, "once");
    let k = &complaints[0].complaint;
    assert_eq!(
        (k.severity, k.status, k.respond_by),
        (Severity::Critical, ComplaintStatus::InProgress, day("2026-11-21"))
    );
    assert_eq!(store.surveys_of(account, 10).expect("read").len(), 1, "once");
    let reasons = store.risk_signals(account).expect("signals").reasons(day("2026-11-26"));
    assert_eq!(reasons, [RiskReason::LowScore(2), RiskReason::Detractor(5), RiskReason::CriticalComplaint]);
    // A severity nobody knows is rejected with its row, and nothing written.
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "account,description,severity\n武汉万达物流,又坏了,very high\n").expect("write");
    let out = common::kam_cli(&db.path, &["import", "complaints", bad.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("very high"), "{said}");
    assert_eq!(store.complaints_of(account, 10).expect("read").len(), 1);
}

#[test]
fn a_contract_schedules_a_return_visit_a_week_after_it_starts() {
    let (_db, mut store, account) = setup();
    let start = day("2026-11-20");
    let contract = kam::store::NewContract {
        status: kam::domain::ContractStatus::Signed,
        signed_on: Some(start),
        start_on: Some(start),
        return_visit_on: Some(CareRules::default().contract_visit(start)),
        ..kam::store::NewContract::draft(account, "仓储系统", kam::domain::Money::from_yuan(10_000))
    };
    let id = ops::add_contract(&mut store, &contract, &[]).expect("write").expect("added");
    let agenda = store.agenda_page(day("2026-12-31"), &Seek::First, 40).expect("agenda");
    let due = agenda
        .iter()
        .find(|r| matches!(r.item, kam::store::AgendaItem::ContractVisit { contract_id, .. } if contract_id == id))
        .expect("the contract's return visit");
    assert_eq!(due.due_on, day("2026-11-27"));
    let visit = NewActivity::new(account, day("2026-11-27"), Channel::Visit, "回访");
    ops::record_return_visit(
        &mut store,
        &visit,
        Some(&survey(account, "2026-11-27", 5, Some(10))),
        ops::VisitFor::Contract(id),
    )
    .expect("visit");
    let agenda = store.agenda_page(day("2026-12-31"), &Seek::First, 40).expect("agenda");
    assert!(!agenda.iter().any(|r| matches!(r.item, kam::store::AgendaItem::ContractVisit { .. })), "made");
    assert_eq!(store.surveys_of(account, 5).expect("surveys")[0].survey.contract_id, Some(id));
    // A draft signed later schedules its visit from its start.
    let draft = kam::store::NewContract::draft(account, "二期", kam::domain::Money::from_yuan(5_000));
    let second = ops::add_contract(&mut store, &draft, &[]).expect("write").expect("added");
    ops::sign_contract(&mut store, second, day("2026-12-01")).expect("write").expect("signed");
    let signed = store.contract(second).expect("read").expect("there");
    assert_eq!(signed.contract.return_visit_on, Some(day("2026-12-08")));
}
