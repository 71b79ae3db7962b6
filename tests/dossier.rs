//! The account dossier in the store: contacts, competitors, needs with
//! their why-chain, likely duplicates, search, and undo through the journal.

mod common;

use common::{temp_db, today};
use kam::domain::{Channel, DecisionRole, Money, Tier};
use kam::ops;
use kam::store::{NewAccount, NewActivity, NewCompetitor, NewContact, NewNeed, Seek, Store};

fn contact(account_id: i64, name: &str) -> NewContact {
    NewContact {
        account_id,
        name: name.into(),
        title: "采购经理".into(),
        phone: "13900000000".into(),
        email: String::new(),
        role: DecisionRole::Influencer,
        personal_notes: "喜欢打羽毛球".into(),
    }
}

#[test]
fn undo_takes_back_create_edit_and_delete_newest_first() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let id = ops::add_account(&mut store, &NewAccount::named("平安银行"), today()).expect("add");
    let mut edited = NewAccount::named("平安银行股份有限公司");
    edited.tier = Tier::A;
    edited.annual_purchase = Money::from_yuan(8_000_000);
    ops::edit_account(&mut store, id, &edited).expect("edit");
    assert_eq!(store.account(id).expect("get").expect("exists").fields.tier, Tier::A);

    let next = store.next_undo().expect("next").expect("an action");
    assert_eq!((next.kind.as_str(), next.subject.as_str(), next.own), ("account.edit", "平安银行股份有限公司", true));
    assert_eq!(kam::labels::action_label(kam::i18n::Lang::ZhCn, &next), "编辑客户 平安银行股份有限公司");
    store.undo().expect("undo edit");
    let back = store.account(id).expect("get").expect("exists");
    assert_eq!(back.fields.name, "平安银行");
    assert_eq!(back.fields.tier, Tier::C);
    // The search index follows: the old name is found again, the new one not.
    assert_eq!(store.search_accounts("payh", 10).expect("search"), vec![id]);
    assert!(store.search_accounts("股份", 10).expect("search").is_empty());
    // The cadence went back with the tier.
    let row = &store.accounts_page(&Seek::First, 1).expect("page")[0];
    assert_eq!(row.next_visit_due_on, today().checked_add_days(chrono::Days::new(90)));

    store.undo().expect("undo create");
    assert!(store.account(id).expect("get").is_none());
    assert!(store.undo().expect("nothing left").is_none());
}

#[test]
fn undo_restores_a_deleted_account_with_its_contacts_and_everything_else() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let id = ops::add_account(&mut store, &NewAccount::named("三维股份"), today()).expect("add");
    let c1 = ops::add_contact(&mut store, &contact(id, "李明")).expect("contact");
    ops::add_contact(&mut store, &contact(id, "王芳")).expect("contact");
    ops::add_competitor(
        &mut store,
        &NewCompetitor { account_id: id, name: "华为".into(), strengths: "品牌".into(), ..Default::default() },
    )
    .expect("competitor");
    ops::add_need(
        &mut store,
        &NewNeed {
            account_id: id,
            opportunity_id: None,
            stated: "要一套新的ERP".into(),
            whys: vec!["旧系统月结太慢".into(), "财务要在三天内出报表给总部".into()],
        },
    )
    .expect("need");
    ops::log_activity(
        &mut store,
        &NewActivity {
            account_id: id,
            opportunity_id: None,
            contact_ids: vec![c1],
            occurred_time: None,
            keeps_id: None,
            occurred_on: today(),
            channel: Channel::Visit,
            purpose: "拜访".into(),
            result: String::new(),
            next_step: String::new(),
            next_on: None,
        },
    )
    .expect("activity");
    let before = store.accounts_page(&Seek::First, 10).expect("page");

    ops::delete_account(&mut store, id).expect("delete");
    assert!(store.contacts_of(id, 10).expect("contacts").is_empty(), "contacts go with the account");
    assert!(store.accounts_page(&Seek::First, 10).expect("page").is_empty());

    let undone = store.undo().expect("undo").expect("undone");
    assert_eq!(kam::labels::action_label(kam::i18n::Lang::En, &undone), "delete account 三维股份");
    assert_eq!(store.accounts_page(&Seek::First, 10).expect("page"), before, "row, pipeline, visit plan all back");
    let names: Vec<String> = store.contacts_of(id, 10).expect("contacts").into_iter().map(|c| c.fields.name).collect();
    assert_eq!(names, ["李明", "王芳"]);
    assert_eq!(store.competitors_of(id, 10).expect("competitors").len(), 1);
    let needs = store.needs_of(id, 10).expect("needs");
    assert_eq!(needs[0].fields.real_need(), "财务要在三天内出报表给总部");
    assert_eq!(store.activities_of(id, 10).expect("activities").len(), 1);
    assert_eq!(store.search_accounts("swgf", 10).expect("search"), vec![id]);
    let conn = rusqlite::Connection::open(&db.path).expect("raw");
    let ok: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(ok, "ok");
    let fk: i64 = conn.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0)).expect("fk");
    assert_eq!(fk, 0);
}

#[test]
fn needs_competitors_and_contacts_edit_and_delete() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let id = ops::add_account(&mut store, &NewAccount::named("中联重科"), today()).expect("add");
    let need = ops::add_need(
        &mut store,
        &NewNeed { account_id: id, opportunity_id: None, stated: "降低成本".into(), whys: vec![] },
    )
    .expect("need");
    assert_eq!(store.need(need).expect("get").expect("exists").fields.real_need(), "降低成本");
    let mut chain = store.need(need).expect("get").expect("exists").fields;
    chain.whys.push("原材料涨价".into());
    ops::edit_need(&mut store, need, &chain).expect("update");
    assert_eq!(store.need(need).expect("get").expect("exists").fields.whys, vec!["原材料涨价".to_string()]);
    ops::delete_need(&mut store, need).expect("delete");
    assert!(store.needs_of(id, 10).expect("needs").is_empty());
    store.undo().expect("undo");
    assert_eq!(store.needs_of(id, 10).expect("needs").len(), 1);

    let c = ops::add_contact(&mut store, &contact(id, "赵刚")).expect("contact");
    let mut changed = contact(id, "赵刚");
    changed.role = DecisionRole::DecisionMaker;
    ops::edit_contact(&mut store, c, &changed).expect("update");
    assert_eq!(store.contact(c).expect("get").expect("exists").fields.role, DecisionRole::DecisionMaker);
    ops::delete_contact(&mut store, c).expect("delete");
    assert!(store.contact(c).expect("get").is_none());

    let k =
        ops::add_competitor(&mut store, &NewCompetitor { account_id: id, name: "三一".into(), ..Default::default() })
            .expect("add");
    let mut rival = store.competitor(k).expect("get").expect("exists").fields;
    rival.weaknesses = "服务网点少".into();
    ops::edit_competitor(&mut store, k, &rival).expect("update");
    assert_eq!(store.competitor(k).expect("get").expect("exists").fields.weaknesses, "服务网点少");
    ops::delete_competitor(&mut store, k).expect("delete");
    assert!(store.competitors_of(id, 10).expect("list").is_empty());
}

#[test]
fn likely_duplicates_fold_case_and_full_width() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let first = ops::add_account(&mut store, &NewAccount::named("三维股份"), today()).expect("add");
    let acme = ops::add_account(&mut store, &NewAccount::named("ACME Corp"), today()).expect("add");
    assert_eq!(
        store.likely_duplicates("三维股份", None).expect("dups").iter().map(|d| d.id).collect::<Vec<_>>(),
        [first]
    );
    assert_eq!(store.likely_duplicates("ａｃｍｅ　corp", None).expect("dups").len(), 1);
    assert!(
        store.likely_duplicates("ACME Corp", Some(acme)).expect("dups").is_empty(),
        "an account is not its own duplicate"
    );
    // Flagged, not forbidden: the second one can still be saved.
    ops::add_account(&mut store, &NewAccount::named("三维股份"), today()).expect("second");
}

#[test]
fn search_finds_by_name_short_name_initials_and_pinyin_best_first() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let mut names = Vec::new();
    for (name, short) in [
        ("中国铁路建设集团", "中国铁建"),
        ("平安银行股份有限公司", "平安银行"),
        ("重庆银行", ""),
        ("北京中国铁路物资", ""),
        ("Acme Corporation", "Acme"),
    ] {
        let mut a = NewAccount::named(name);
        a.short_name = short.into();
        names.push((ops::add_account(&mut store, &a, today()).expect("add"), name));
    }
    let first = |q: &str| {
        let ids = store.search_accounts(q, 10).expect("search");
        ids.first().and_then(|id| names.iter().find(|(i, _)| i == id)).map(|(_, n)| *n)
    };
    assert_eq!(first("zgtl"), Some("中国铁路建设集团"));
    assert_eq!(store.search_accounts("zgtl", 10).expect("search").len(), 2, "北京中国铁路 too, by its middle");
    assert_eq!(first("payh"), Some("平安银行股份有限公司"));
    assert_eq!(first("pingan"), Some("平安银行股份有限公司"));
    assert_eq!(first("cqyh"), Some("重庆银行"));
    assert_eq!(first("铁路"), Some("中国铁路建设集团"));
    assert_eq!(first("中国铁建"), Some("中国铁路建设集团"));
    assert_eq!(first("acme"), Some("Acme Corporation"));
    assert_eq!(first("ACM"), Some("Acme Corporation"));
    assert!(store.search_accounts("\"*(", 10).expect("odd input").is_empty());
    // Fuzzy: characters in order with gaps, letters with one missing.
    assert_eq!(first("中铁建"), Some("中国铁路建设集团"));
    assert_eq!(first("zgljs"), Some("中国铁路建设集团"));
    assert_eq!(first("acmcrp"), Some("Acme Corporation"));
    assert!(store.search_accounts("xyzxyz", 10).expect("search").is_empty());
}

#[test]
fn a_file_from_the_first_version_gets_its_search_index_on_upgrade() {
    let db = temp_db();
    {
        // Build a version-1 file by hand, as the first kam wrote it.
        let conn = rusqlite::Connection::open(&db.path).expect("raw");
        conn.execute_batch(include_str!("../assets/migrations/0001_initial.sql")).expect("v1");
        conn.execute_batch(
            "INSERT INTO account (uuid, name, created_at, updated_at) VALUES ('u1', '平安银行', 'now', 'now');
             PRAGMA user_version = 1; PRAGMA journal_mode = WAL;",
        )
        .expect("row");
    }
    let store = Store::open(&db.path).expect("upgrade");
    assert_eq!(store.search_accounts("payh", 5).expect("search").len(), 1);
    assert_eq!(store.likely_duplicates("平安银行", None).expect("dups").len(), 1);
}
