//! Getting paid, worked by hand: a contract of 100,000.00 paid 30/60/10,
//! two receipts (one on time, one late and partial), and on five days the
//! status, received, outstanding and days overdue of every instalment that
//! a person works out on paper. Then the method's guards, and undo.

mod common;

use chrono::NaiveDate;
use common::temp_db;
use kam::domain::contract::{InstalmentStatus, StatusFilter};
use kam::domain::{ContractStatus, Money, Outcome, Stage};
use kam::ops::{self, PaymentRefused};
use kam::store::{InstalmentFilter, NewAccount, NewContract, NewInstalment, NewOpportunity, NewReceipt, Store};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn yuan(y: i64) -> Money {
    Money::from_yuan(y)
}

struct Book {
    _db: common::TempDb,
    store: Store,
    contract: i64,
}

/// The hand-worked contract (see `common::huaxing_contract`).
fn book() -> Book {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let contract = common::huaxing_contract(&mut store);
    Book { _db: db, store, contract }
}

/// (status, received, outstanding, days overdue) of each instalment.
fn standing(b: &Book, on: &str) -> Vec<(InstalmentStatus, i64, i64, i64)> {
    b.store
        .instalments_of(b.contract, day(on))
        .expect("read")
        .iter()
        .map(|i| (i.status, i.received.cents() / 100, i.outstanding().cents() / 100, i.status.days_overdue()))
        .collect()
}

#[test]
fn five_days_worked_out_by_hand() {
    use InstalmentStatus::*;
    let b = book();
    // 01-05: the deposit falls due in 5 days (within 7); the rest later.
    assert_eq!(
        standing(&b, "2026-01-05"),
        [(DueSoon, 0, 30_000, 0), (Awaiting, 0, 60_000, 0), (Awaiting, 0, 10_000, 0)]
    );
    // 01-09: the deposit came in on 01-08.
    assert_eq!(standing(&b, "2026-01-09"), [(Paid, 30_000, 0, 0), (Awaiting, 0, 60_000, 0), (Awaiting, 0, 10_000, 0)]);
    // 03-26: delivery money due in 5 days.
    assert_eq!(standing(&b, "2026-03-26"), [(Paid, 30_000, 0, 0), (DueSoon, 0, 60_000, 0), (Awaiting, 0, 10_000, 0)]);
    // 04-10: ten days past 03-31, nothing received for it yet.
    assert_eq!(
        standing(&b, "2026-04-10"),
        [(Paid, 30_000, 0, 0), (Overdue(10), 0, 60_000, 10), (Awaiting, 0, 10_000, 0)]
    );
    // 06-25: 20,000.00 came on 04-15, 40,000.00 still owed, 86 days late
    // (30 in April, 31 in May, 25 in June); acceptance money due in 5 days.
    assert_eq!(
        standing(&b, "2026-06-25"),
        [(Paid, 30_000, 0, 0), (Overdue(86), 20_000, 40_000, 86), (DueSoon, 0, 10_000, 0)]
    );
    // The contract as a whole: 50,000.00 of 100,000.00 in.
    let contract = b.store.contract(b.contract).expect("read").expect("there");
    assert_eq!(
        (contract.received, contract.outstanding(), contract.planned),
        (yuan(50_000), yuan(50_000), yuan(100_000))
    );
    assert_eq!(contract.last_received_on, Some(day("2026-04-15")));
}

#[test]
fn listings_filter_by_the_status_on_the_day_asked() {
    let b = book();
    let list = |status: StatusFilter, on: &str| -> Vec<u32> {
        let filter = InstalmentFilter { as_of: day(on), status: Some(status), contract_id: None };
        b.store.instalments_page(&filter, None, 50).expect("list").iter().map(|i| i.instalment.seq).collect()
    };
    assert_eq!(list(StatusFilter::Overdue, "2026-04-10"), [2]);
    assert_eq!(list(StatusFilter::Overdue, "2026-07-01"), [2, 3]);
    assert_eq!(list(StatusFilter::Paid, "2026-04-10"), [1]);
    assert_eq!(list(StatusFilter::Paid, "2026-01-07"), Vec::<u32>::new(), "not paid before it came in");
    assert_eq!(list(StatusFilter::DueSoon, "2026-01-05"), [1]);
    assert_eq!(list(StatusFilter::Awaiting, "2026-01-05"), [2, 3]);
    assert_eq!(list(StatusFilter::Partial, "2026-04-20"), Vec::<u32>::new(), "late money is overdue, not partial");
    // A page of one: the first candidate (due soon) is not awaited, so the
    // next chunk is read to fill the page.
    let filter = InstalmentFilter { as_of: day("2026-01-05"), status: Some(StatusFilter::Awaiting), contract_id: None };
    let one = b.store.instalments_page(&filter, None, 1).expect("page");
    assert_eq!(one.iter().map(|i| i.instalment.seq).collect::<Vec<_>>(), [2]);
    let next = b.store.instalments_page(&filter, Some(one[0].key()), 1).expect("page");
    assert_eq!(next.iter().map(|i| i.instalment.seq).collect::<Vec<_>>(), [3]);
    // Keyset paging: one at a time gives the same rows.
    let filter = InstalmentFilter { as_of: day("2026-01-05"), status: None, contract_id: None };
    let first = b.store.instalments_page(&filter, None, 1).expect("page");
    let next = b.store.instalments_page(&filter, Some(first[0].key()), 5).expect("page");
    assert_eq!(next.iter().map(|i| i.instalment.seq).collect::<Vec<_>>(), [2, 3]);
}

#[test]
fn a_plan_that_does_not_add_up_blocks_signing() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("武汉万达物流"), day("2026-01-01")).expect("account");
    let plan = [
        NewInstalment::new(1, "预付款", day("2026-02-01"), yuan(30_000)),
        NewInstalment::new(2, "到货款", day("2026-03-01"), yuan(60_000)),
        NewInstalment::new(3, "验收款", day("2026-04-01"), yuan(5_000)),
    ];
    let draft = NewContract::draft(account, "仓储系统", yuan(100_000));
    let id = ops::add_contract(&mut store, &draft, &plan).expect("write").expect("a draft may be unbalanced");
    let refused = ops::sign_contract(&mut store, id, day("2026-01-15")).expect("write");
    assert_eq!(refused, Err(PaymentRefused::PlanDoesNotAddUp { planned: yuan(95_000), amount: yuan(100_000) }));
    assert_eq!(store.contract(id).expect("read").expect("there").contract.status, ContractStatus::Draft);
    // Signed straight away with an unbalanced plan: refused, nothing written.
    let signed = NewContract { status: ContractStatus::Signed, ..draft };
    assert!(ops::add_contract(&mut store, &signed, &plan).expect("write").is_err());
    assert_eq!(store.contracts_of_account(account, 10).expect("read").len(), 1);
    // Fix the last instalment, then it signs.
    let third = store.instalments_of(id, day("2026-01-15")).expect("read")[2].clone();
    let fixed = NewInstalment { amount: yuan(10_000), ..third.instalment };
    ops::save_instalment(&mut store, id, Some(third.id), &fixed).expect("write").expect("saved");
    assert_eq!(ops::sign_contract(&mut store, id, day("2026-01-15")).expect("write"), Ok(()));
    let signed = store.contract(id).expect("read").expect("there");
    assert_eq!((signed.contract.status, signed.contract.signed_on), (ContractStatus::Signed, Some(day("2026-01-15"))));
}

#[test]
fn an_instalment_cannot_be_cut_below_what_it_received() {
    let mut b = book();
    let second = b.store.instalments_of(b.contract, day("2026-06-25")).expect("read")[1].clone();
    let cut = NewInstalment { amount: yuan(15_000), ..second.instalment.clone() };
    let refused = ops::save_instalment(&mut b.store, b.contract, Some(second.id), &cut).expect("write");
    assert_eq!(refused, Err(PaymentRefused::BelowReceived { received: yuan(20_000) }));
    assert!(ops::delete_instalment(&mut b.store, second.id).expect("write").is_err(), "money came in against it");
    // Down to exactly what it received is allowed: it is then paid.
    let to_received = NewInstalment { amount: yuan(20_000), ..second.instalment };
    ops::save_instalment(&mut b.store, b.contract, Some(second.id), &to_received).expect("write").expect("saved");
    assert_eq!(standing(&b, "2026-06-25")[1].0, InstalmentStatus::Paid);
}

#[test]
fn more_than_is_owed_is_asked_about_then_spread_oldest_first() {
    let mut b = book();
    let receipt = NewReceipt {
        contract_id: b.contract,
        instalment_id: None,
        received_on: day("2026-07-05"),
        amount: yuan(60_000),
        method: "wire".into(),
        reference: "BANK-0705".into(),
        notes: String::new(),
    };
    let asked = ops::record_receipt(&mut b.store, &receipt, false).expect("write");
    assert_eq!(asked, Err(PaymentRefused::MoreThanOutstanding { outstanding: yuan(50_000) }));
    // Confirmed: 40,000.00 closes the second, the rest goes to the last.
    let ids = ops::record_receipt(&mut b.store, &receipt, true).expect("write").expect("recorded");
    assert_eq!(ids.len(), 2);
    let after = standing(&b, "2026-07-06");
    assert_eq!((after[1].0, after[1].1), (InstalmentStatus::Paid, 60_000));
    assert_eq!((after[2].0, after[2].1), (InstalmentStatus::Paid, 20_000), "the excess sits on the last");
    // Undo takes back the whole receipt, both parts.
    ops::undo(&mut b.store).expect("undo");
    let undone = standing(&b, "2026-07-06");
    assert_eq!(undone[1].1, 20_000);
    assert_eq!(undone[2].1, 0);
}

#[test]
fn winning_a_deal_with_its_contract_is_one_undo_step() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("厦门博远软件"), day("2026-01-01")).expect("account");
    let deal = ops::add_deal(
        &mut store,
        &NewOpportunity {
            account_id: account,
            title: "ERP升级".into(),
            stage: Stage::Close,
            outcome: Outcome::Open,
            amount: yuan(80_000),
            probability: None,
            expected_close_on: None,
            lost_reason: String::new(),
        },
    )
    .expect("deal");
    let contract = NewContract {
        status: ContractStatus::Signed,
        signed_on: Some(day("2026-02-01")),
        ..NewContract::draft(account, "ERP升级合同", yuan(80_000))
    };
    let plan = kam::domain::contract::plan_from_terms(
        yuan(80_000),
        day("2026-02-01"),
        &kam::domain::contract::parse_terms("预付款 30% 0; 验收款 70% +60").expect("terms"),
    )
    .into_iter()
    .enumerate()
    .map(|(n, p)| NewInstalment::new(n as u32 + 1, &p.label, p.due_on, p.amount))
    .collect::<Vec<_>>();
    let id = ops::win_with_contract(&mut store, deal, &contract, &plan, day("2026-02-01")).expect("write").expect("ok");
    let won = store.opportunity(deal).expect("read").expect("there");
    assert_eq!((won.outcome, won.stage), (Outcome::Won, Stage::Maintain));
    let made = store.contracts_of_deal(deal).expect("read");
    assert_eq!(made.len(), 1);
    assert_eq!(made[0].id, id);
    let amounts: Vec<i64> = store
        .instalments_of(id, day("2026-02-01"))
        .expect("read")
        .iter()
        .map(|i| i.instalment.amount.cents())
        .collect();
    assert_eq!(amounts, [2_400_000, 5_600_000]);
    ops::undo(&mut store).expect("undo");
    let back = store.opportunity(deal).expect("read").expect("there");
    assert_eq!((back.outcome, back.stage), (Outcome::Open, Stage::Close));
    assert!(store.contracts_of_deal(deal).expect("read").is_empty());
    assert!(store.contract(id).expect("read").is_none());
}

#[test]
fn a_won_deal_without_its_contract_is_flagged_on_its_card_after_the_days_allowed() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let today = chrono::Local::now().date_naive();
    let account = ops::add_account(&mut store, &NewAccount::named("武汉万达物流"), today).expect("account");
    let deal = ops::add_deal(
        &mut store,
        &NewOpportunity {
            account_id: account,
            title: "仓储系统".into(),
            stage: Stage::Close,
            outcome: Outcome::Open,
            amount: yuan(50_000),
            probability: None,
            expected_close_on: None,
            lost_reason: String::new(),
        },
    )
    .expect("deal");
    ops::record_outcome(&mut store, deal, &kam::store::Decision::Won, today).expect("won");
    let card = |store: &Store| {
        store
            .board_column(Stage::Maintain, &kam::store::Seek::First, 10)
            .expect("column")
            .into_iter()
            .find(|c| c.id == deal)
            .expect("the card")
    };
    let board = kam::tui::tabs::pipeline::PipelineTab::default(); // 14 days allowed
    let won = card(&store);
    assert!(!board.lacks_contract(&won, today + chrono::Days::new(14)), "within the days allowed");
    assert!(board.lacks_contract(&won, today + chrono::Days::new(15)), "flagged after them");
    // Its contract made: no flag, and the card says what is owed.
    let contract =
        NewContract { opportunity_id: Some(deal), ..NewContract::draft(account, "仓储系统", yuan(50_000)) };
    let plan = [NewInstalment::new(1, "全款", today + chrono::Days::new(30), yuan(50_000))];
    let signed = NewContract { status: ContractStatus::Signed, signed_on: Some(today), ..contract };
    ops::add_contract(&mut store, &signed, &plan).expect("write").expect("adds up");
    let with_contract = card(&store);
    assert!(!board.lacks_contract(&with_contract, today + chrono::Days::new(15)));
    assert_eq!((with_contract.contracts, with_contract.owed), (1, yuan(50_000)));
    assert_eq!(with_contract.oldest_owed_due, Some(today + chrono::Days::new(30)));
}

/// In the deal view, `s` signs the draft contract, and a plan that does not
/// add up is refused with the figures, the contract left a draft; `C`
/// corrects the plan so it signs; `x` voids it with a reason.
#[test]
fn signing_from_the_deal_view_says_what_does_not_add_up() {
    use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
    let db = temp_db();
    let today = common::today();
    let (deal, contract) = {
        let mut store = Store::open(&db.path).expect("open");
        let account = ops::add_account(&mut store, &NewAccount::named("厦门博远软件"), today).expect("account");
        let deal = ops::add_deal(
            &mut store,
            &NewOpportunity {
                account_id: account,
                title: "ERP升级".into(),
                stage: Stage::Close,
                outcome: Outcome::Open,
                amount: yuan(80_000),
                probability: None,
                expected_close_on: None,
                lost_reason: String::new(),
            },
        )
        .expect("deal");
        ops::record_outcome(&mut store, deal, &kam::store::Decision::Won, today).expect("won");
        let draft =
            NewContract { opportunity_id: Some(deal), ..NewContract::draft(account, "ERP升级合同", yuan(80_000)) };
        let plan = [NewInstalment::new(1, "预付款", today, yuan(30_000))];
        let id = ops::add_contract(&mut store, &draft, &plan).expect("write").expect("a draft");
        (deal, id)
    };
    let mut app = common::app(&db.path, kam::i18n::Lang::En, 120, 40);
    for c in "2lllll".chars() {
        app.handle_event(&common::key(c));
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    assert!(common::screen_text(&common::render(&app, 120, 40)).contains("ERP升级合同"));
    app.handle_event(&common::key('s'));
    let screen = common::screen_text(&common::render(&app, 120, 40));
    assert!(screen.contains("The plan adds up to 30,000.00, not the contract's 80,000.00"), "{screen}");
    let store = Store::open(&db.path).expect("open");
    assert_eq!(store.contract(contract).expect("read").expect("there").contract.status, ContractStatus::Draft);
    assert_eq!(store.opportunity(deal).expect("read").expect("deal").outcome, Outcome::Won);
    // C corrects the contract: its plan as lines, one added for the rest;
    // then it signs.
    app.handle_event(&common::key('C'));
    let screen = common::screen_text(&common::render(&app, 120, 40));
    assert!(screen.contains("Contract: ERP升级合同") && screen.contains("30,000.00"), "{screen}");
    for _ in 0..5 {
        app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::End, KeyModifiers::CONTROL)));
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    let rest = format!("尾款 {} 50000", today + chrono::Days::new(90));
    for c in rest.chars() {
        app.handle_event(&common::key(c));
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    let screen = common::screen_text(&common::render(&app, 120, 40));
    let plan = store.instalments_of(contract, today).expect("plan");
    let amounts: Vec<i64> = plan.iter().map(|i| i.instalment.amount.cents() / 100).collect();
    assert_eq!(amounts, [30_000, 50_000], "{screen}");
    app.handle_event(&common::key('s'));
    assert_eq!(store.contract(contract).expect("read").expect("there").contract.status, ContractStatus::Signed);
    // x voids it, and only with a reason.
    app.handle_event(&common::key('x'));
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    assert!(common::screen_text(&common::render(&app, 120, 40)).contains("required"));
    for c in "客户取消项目".chars() {
        app.handle_event(&common::key(c));
    }
    app.handle_event(&Event::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    let void = store.contract(contract).expect("read").expect("there").contract;
    assert_eq!((void.status, void.void_reason.as_str()), (ContractStatus::Void, "客户取消项目"));
    let plan = store.instalments_of(contract, today).expect("plan");
    assert!(plan.iter().all(|i| i.status == kam::domain::contract::InstalmentStatus::Void), "its plan is void with it");
}

/// A won deal leaves the Maintain column once it has been paid up for the
/// days allowed, and comes back while its account has an open complaint or
/// money is owed again; undo and redo move it with the receipt.
#[test]
fn a_paid_up_deal_archives_out_of_maintain_and_comes_back_when_needed() {
    use kam::store::{BoardFilter, Seek};
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("青岛海湾化学"), day("2026-01-01")).expect("account");
    let deal = ops::add_deal(
        &mut store,
        &NewOpportunity {
            account_id: account,
            title: "氯碱装置巡检".into(),
            stage: Stage::Close,
            outcome: Outcome::Open,
            amount: yuan(40_000),
            probability: None,
            expected_close_on: None,
            lost_reason: String::new(),
        },
    )
    .expect("deal");
    let contract = NewContract {
        status: ContractStatus::Signed,
        signed_on: Some(day("2026-02-01")),
        ..NewContract::draft(account, "巡检合同", yuan(40_000))
    };
    let plan = [
        NewInstalment::new(1, "预付款", day("2026-02-10"), yuan(10_000)),
        NewInstalment::new(2, "验收款", day("2026-03-31"), yuan(30_000)),
    ];
    let contract =
        ops::win_with_contract(&mut store, deal, &contract, &plan, day("2026-02-01")).expect("w").expect("ok");
    let pay = |store: &mut Store, on: &str, amount: i64| {
        let receipt = NewReceipt {
            contract_id: contract,
            instalment_id: None,
            received_on: day(on),
            amount: yuan(amount),
            method: "wire".into(),
            reference: String::new(),
            notes: String::new(),
        };
        ops::record_receipt(store, &receipt, false).expect("write").expect("recorded");
    };
    let shown = |store: &Store, before: &str| {
        let filter = BoardFilter { archived_before: Some(day(before)), ..BoardFilter::default() };
        let in_column = store
            .board_column_where(Stage::Maintain, &Seek::First, 10, &filter)
            .expect("column")
            .iter()
            .any(|c| c.id == deal);
        let totals = store.board_totals_where(&filter).expect("totals");
        let archived = store.board_archived(&filter).expect("archived");
        // The head counts what the column shows, never the archived deal.
        assert_eq!(totals[5].deal_count, i64::from(in_column), "head and column agree");
        assert_eq!(archived.deal_count, i64::from(!in_column));
        assert_eq!(totals[5].amount, if in_column { yuan(40_000) } else { yuan(0) });
        in_column
    };
    pay(&mut store, "2026-02-09", 10_000);
    assert!(shown(&store, "2027-01-01"), "30,000.00 still owed: it stays, however old");
    pay(&mut store, "2026-04-03", 30_000);
    assert!(shown(&store, "2026-04-03"), "paid up on 04-03: not before the cut-off day");
    assert!(!shown(&store, "2026-04-04"), "paid up before the cut-off day: archived");
    let everything = BoardFilter::default();
    assert!(
        store
            .board_column_where(Stage::Maintain, &Seek::First, 10, &everything)
            .expect("column")
            .iter()
            .any(|c| c.id == deal),
        "with no cut-off day every won deal shows"
    );
    // An open complaint brings it back; undoing the complaint lets it go.
    let rules = CareRulesDefault::rules();
    let complaint = kam::store::NewComplaint {
        number: String::new(),
        account_id: account,
        contact_id: None,
        contract_id: Some(contract),
        received_on: day("2026-06-01"),
        channel: "phone".into(),
        category: kam::domain::ComplaintCategory::Service,
        severity: kam::domain::Severity::Normal,
        respond_by: day("2026-06-03"),
        description: "巡检报告迟交".into(),
        demand: String::new(),
        root_cause: String::new(),
        action_taken: String::new(),
        status: kam::domain::ComplaintStatus::New,
        resolved_on: None,
        closed_on: None,
        return_visit_on: None,
        return_visit_id: None,
    };
    ops::add_complaint(&mut store, &complaint, &rules).expect("complaint");
    assert!(shown(&store, "2026-07-01"), "an open complaint keeps its account's won deals in view");
    ops::undo(&mut store).expect("undo the complaint");
    assert!(!shown(&store, "2026-07-01"));
    // Undo the last receipt: money is owed again and the deal is back;
    // redo pays it up again.
    ops::undo(&mut store).expect("undo the receipt");
    assert!(shown(&store, "2026-07-01"), "owed again after undo");
    ops::redo(&mut store).expect("redo the receipt");
    assert!(!shown(&store, "2026-07-01"), "paid up again after redo");
    // A void contract owes nothing and pays nothing: the deal shows again.
    ops::void_contract(&mut store, contract, "重签").expect("write").expect("voided");
    assert!(shown(&store, "2027-01-01"));
}

struct CareRulesDefault;

impl CareRulesDefault {
    fn rules() -> ops::CareRules {
        kam::config::Config::default().care.rules()
    }
}

/// Correcting a contract's plan: a due date moved and the last line split
/// in two, in one undo step; lines that would leave money received with
/// nowhere to sit are refused with the figure.
#[test]
fn a_plan_is_corrected_line_by_line_in_one_step_and_never_below_its_money() {
    let mut b = book();
    let contract = b.store.contract(b.contract).expect("read").expect("there").contract;
    let line = |label: &str, due: &str, amount: i64| NewInstalment::new(0, label, day(due), yuan(amount));
    // The second instalment has 20,000.00: 10,000.00 is refused.
    let cut = [
        line("预付款", "2026-01-10", 30_000),
        line("到货款", "2026-03-31", 10_000),
        line("验收款", "2026-06-30", 60_000),
    ];
    let refused = ops::revise_contract(&mut b.store, b.contract, &contract, &cut).expect("write");
    assert_eq!(refused, Err(PaymentRefused::BelowReceived { received: yuan(20_000) }));
    // Lines replace instalments in order: taking out the first line puts
    // the second instalment's 20,000.00 on a line of 10,000.00.
    let dropped = [line("到货款", "2026-03-31", 90_000), line("验收款", "2026-06-30", 10_000)];
    let refused = ops::revise_contract(&mut b.store, b.contract, &contract, &dropped).expect("write");
    assert_eq!(refused, Err(PaymentRefused::BelowReceived { received: yuan(20_000) }));
    // And a plan of one line leaves the second instalment's money nowhere.
    let one = [line("全款", "2026-03-31", 100_000)];
    let refused = ops::revise_contract(&mut b.store, b.contract, &contract, &one).expect("write");
    assert_eq!(refused, Err(PaymentRefused::BelowReceived { received: yuan(20_000) }));
    // Lines that do not add up to a signed contract: refused with both sums.
    let short = [line("预付款", "2026-01-10", 30_000), line("到货款", "2026-03-31", 60_000)];
    let refused = ops::revise_contract(&mut b.store, b.contract, &contract, &short).expect("write");
    assert_eq!(refused, Err(PaymentRefused::PlanDoesNotAddUp { planned: yuan(90_000), amount: yuan(100_000) }));
    assert_eq!(standing(&b, "2026-06-25").len(), 3, "nothing written by a refusal");
    // Delivery money moved to 04-30 (so 04-15's part is on time) and the
    // acceptance money split: 5,000.00 now, 5,000.00 after the warranty.
    let fixed = [
        line("预付款", "2026-01-10", 30_000),
        line("到货款", "2026-04-30", 60_000),
        line("验收款", "2026-06-30", 5_000),
        line("质保金", "2027-06-30", 5_000),
    ];
    ops::revise_contract(&mut b.store, b.contract, &contract, &fixed).expect("write").expect("revised");
    use InstalmentStatus::*;
    assert_eq!(
        standing(&b, "2026-05-10"),
        [(Paid, 30_000, 0, 0), (Overdue(10), 20_000, 40_000, 10), (Awaiting, 0, 5_000, 0), (Awaiting, 0, 5_000, 0)]
    );
    let seqs: Vec<u32> =
        b.store.instalments_of(b.contract, day("2026-05-10")).expect("read").iter().map(|i| i.instalment.seq).collect();
    assert_eq!(seqs, [1, 2, 3, 4], "the new line numbered after the last");
    ops::undo(&mut b.store).expect("undo");
    assert_eq!(
        standing(&b, "2026-04-10"),
        [(Paid, 30_000, 0, 0), (Overdue(10), 0, 60_000, 10), (Awaiting, 0, 10_000, 0)],
        "one undo puts the plan back as it was"
    );
}
