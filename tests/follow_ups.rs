//! Follow-ups: an activity's next step with a next date is a promise. It
//! shows on the agenda on its day and in that day's report, and leaves the
//! agenda once an activity keeps it or it is checked off; undo brings it
//! back. A real database file throughout.

mod common;

use chrono::{Days, FixedOffset, NaiveDate};
use common::{temp_db, today};
use kam::domain::Channel;
use kam::ops;
use kam::reports::DailyReport;
use kam::store::{AgendaItem, NewAccount, NewActivity, Seek, Store};

fn day(n: u64) -> NaiveDate {
    today().checked_add_days(Days::new(n)).expect("date")
}

fn follow_ups_on_agenda(store: &Store, until: NaiveDate) -> Vec<(NaiveDate, String)> {
    store
        .agenda_page(until, &Seek::First, 50)
        .expect("agenda")
        .into_iter()
        .filter_map(|r| match r.item {
            AgendaItem::FollowUp { next_step, .. } => Some((r.due_on, next_step)),
            AgendaItem::Visit { .. } | AgendaItem::ReturnVisit { .. } | AgendaItem::ContractVisit { .. } => None,
        })
        .collect()
}

#[test]
fn a_follow_up_comes_back_on_its_day_and_leaves_when_kept_or_done() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account = ops::add_account(&mut store, &NewAccount::named("厦门博远软件股份有限公司"), today()).expect("add");
    let promise = NewActivity {
        next_step: "送样品".into(),
        next_on: Some(day(3)),
        ..NewActivity::new(account, today(), Channel::Phone, "了解需求")
    };
    let promised = ops::log_activity(&mut store, &promise).expect("log");
    let other = NewActivity {
        next_step: "发报价".into(),
        next_on: Some(day(5)),
        ..NewActivity::new(account, today(), Channel::EmailIm, "发资料")
    };
    let other_id = ops::log_activity(&mut store, &other).expect("log");

    // On the agenda on its day, not before it is in range.
    assert!(follow_ups_on_agenda(&store, day(2)).is_empty());
    assert_eq!(follow_ups_on_agenda(&store, day(14)), [(day(3), "送样品".into()), (day(5), "发报价".into())]);
    let counts = store.agenda_counts(today(), day(14)).expect("counts");
    assert_eq!(counts.upcoming, 2, "two follow-ups ahead (the new account's visit is months away)");

    // In that day's report, not kept yet.
    let utc = FixedOffset::east_opt(0).expect("utc");
    let report = DailyReport::build(&store, day(3), utc).expect("report");
    assert_eq!(report.follow_ups_due.len(), 1);
    assert_eq!(report.follow_ups_due[0].next_step, "送样品");
    assert!(!report.follow_ups_due[0].kept);

    // An activity on that day keeps it: it leaves the agenda, the report says kept.
    let keeping =
        NewActivity { keeps_id: Some(promised), ..NewActivity::new(account, day(3), Channel::Visit, "送样品") };
    ops::log_activity(&mut store, &keeping).expect("keep");
    assert_eq!(follow_ups_on_agenda(&store, day(14)), [(day(5), "发报价".into())]);
    let report = DailyReport::build(&store, day(3), utc).expect("report");
    assert!(report.follow_ups_due[0].kept);
    assert_eq!(report.follow_ups_due[0].closed_on, Some(day(3)));

    // Moved, then checked off by hand; undo brings it back open.
    ops::move_follow_up(&mut store, other_id, day(7)).expect("move");
    assert_eq!(follow_ups_on_agenda(&store, day(14)), [(day(7), "发报价".into())]);
    ops::mark_follow_up_done(&mut store, other_id, today()).expect("done");
    assert!(follow_ups_on_agenda(&store, day(14)).is_empty());
    assert_eq!(store.open_follow_ups(day(30), None, 10).expect("open").len(), 0);
    ops::undo(&mut store).expect("undo");
    assert_eq!(follow_ups_on_agenda(&store, day(14)), [(day(7), "发报价".into())]);

    // Deleting the activity that kept a promise opens it again.
    let kept_by = store.activities_on(day(3), 10).expect("day")[0].id;
    ops::delete_activity(&mut store, kept_by).expect("delete");
    assert_eq!(follow_ups_on_agenda(&store, day(14)).len(), 2);
}

#[test]
fn an_activity_is_corrected_with_its_contacts_and_deal_and_undone() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let first = ops::add_account(&mut store, &NewAccount::named("武汉万达建设"), today()).expect("add");
    let second = ops::add_account(&mut store, &NewAccount::named("武汉万达物流"), today()).expect("add");
    let zhang = ops::add_contact(&mut store, &common::contact(second, "张伟")).expect("contact");
    let li = ops::add_contact(&mut store, &common::contact(second, "李娜")).expect("contact");
    let id = ops::log_activity(&mut store, &NewActivity::new(first, today(), Channel::Visit, "技术交流")).expect("log");

    let mut fixed = NewActivity::new(second, today(), Channel::Visit, "技术交流");
    fixed.contact_ids = vec![li, zhang];
    fixed.occurred_time = chrono::NaiveTime::from_hms_opt(9, 30, 0);
    ops::edit_activity(&mut store, id, &fixed).expect("edit");
    let row = store.activity(id).expect("read").expect("row");
    assert_eq!(row.account_name, "武汉万达物流");
    assert_eq!(row.contact_names, ["李娜", "张伟"], "in the order given");
    assert_eq!(row.fields.occurred_time, fixed.occurred_time);

    ops::undo(&mut store).expect("undo");
    let row = store.activity(id).expect("read").expect("row");
    assert_eq!(row.account_name, "武汉万达建设");
    assert!(row.contact_names.is_empty());
    ops::redo(&mut store).expect("redo");
    assert_eq!(store.activity(id).expect("read").expect("row").contact_names, ["李娜", "张伟"]);
}
