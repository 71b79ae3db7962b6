//! The store on a real SQLite file: migrations, refusing files that are not
//! ours, and every repository method round-tripping typed rows.

mod common;

use chrono::NaiveDate;
use common::{temp_db, today};
use kam::domain::{AccountStatus, Channel, DecisionRole, Money, Outcome, Stage, Tier};
use kam::ops;
use kam::store::{
    AccountKey, DailySummary, LATEST_VERSION, NewAccount, NewActivity, NewContact, NewOpportunity, Seek, Store,
    StoreError,
};

fn chinese_account() -> NewAccount {
    NewAccount {
        name: "中国铁路建设集团有限公司".into(),
        short_name: "中国铁建".into(),
        segment: "大型企业".into(),
        tier: Tier::A,
        tier_pinned: true,
        region: "北京".into(),
        address: "北京市海淀区复兴路40号".into(),
        status: AccountStatus::Active,
        credit_rating: "AAA".into(),
        annual_purchase: Money::parse("1.2亿").expect("money"),
        info_sources: "工商登记, 老客户介绍".into(),
        notes: "关注国产化替代".into(),
        no_known_competitor: true,
    }
}

#[test]
fn migrates_an_empty_file_and_creates_it_private() {
    let db = temp_db();
    let store = Store::open(&db.path).expect("open");
    assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
    assert!(store.is_empty().expect("empty"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db.path).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn creates_missing_folders() {
    let db = temp_db();
    let nested = db.dir.path().join("a").join("b").join("kam.sqlite3");
    Store::open(&nested).expect("open");
    assert!(nested.exists());
}

#[test]
fn reopening_changes_nothing() {
    let db = temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        ops::add_account(&mut store, &chinese_account(), today()).expect("add");
    }
    let before = std::fs::read(&db.path).expect("read");
    {
        let store = Store::open(&db.path).expect("reopen");
        assert_eq!(store.schema_version().expect("version"), LATEST_VERSION);
        let page = store.accounts_page(&Seek::First, 10).expect("page");
        assert_eq!(page.len(), 1);
    }
    assert_eq!(std::fs::read(&db.path).expect("read"), before);
}

/// Opens `path`, expects a refusal, and checks the bytes did not change.
fn assert_refused_untouched(path: &std::path::Path, check: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).expect("read");
    let error = Store::open(path).err().expect("must be refused");
    assert!(check(&error), "unexpected error: {error}");
    assert!(error.to_string().contains(&path.display().to_string()), "message names the file: {error}");
    assert_eq!(std::fs::read(path).expect("read"), before, "file bytes changed");
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = format!("{}{suffix}", path.display());
        assert!(!std::path::Path::new(&side).exists() || std::fs::metadata(&side).map(|m| m.len()).unwrap_or(0) == 0);
    }
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let db = temp_db();
    {
        Store::open(&db.path).expect("open");
    }
    {
        let conn = rusqlite::Connection::open(&db.path).expect("raw open");
        conn.pragma_update(None, "user_version", LATEST_VERSION + 1).expect("bump");
        conn.pragma_update(None, "journal_mode", "DELETE").expect("leave wal");
    }
    assert_refused_untouched(&db.path, |e| matches!(e, StoreError::NewerSchema { .. }));
}

#[test]
fn a_corrupt_file_is_refused_and_left_alone() {
    let db = temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        ops::add_account(&mut store, &chinese_account(), today()).expect("add");
    }
    // Keep the SQLite header, scramble the rest of the first page (the schema).
    let mut bytes = std::fs::read(&db.path).expect("read");
    for (i, b) in bytes.iter_mut().enumerate().skip(100).take(3900) {
        *b = (i * 7 % 251) as u8;
    }
    std::fs::write(&db.path, &bytes).expect("write");
    assert_refused_untouched(&db.path, |e| matches!(e, StoreError::Corrupt { .. } | StoreError::NotSqlite { .. }));
}

#[test]
fn a_text_file_is_refused_and_left_alone() {
    let db = temp_db();
    std::fs::write(&db.path, "name,amount\n平安银行,100\n").expect("write");
    assert_refused_untouched(&db.path, |e| matches!(e, StoreError::NotSqlite { .. }));
}

#[test]
fn another_programs_database_is_refused_and_left_alone() {
    let db = temp_db();
    {
        let conn = rusqlite::Connection::open(&db.path).expect("raw open");
        conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine');").expect("create");
    }
    assert_refused_untouched(&db.path, |e| matches!(e, StoreError::NotKam { .. }));
}

#[test]
fn accounts_round_trip_with_chinese_text() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let fields = chinese_account();
    let id = ops::add_account(&mut store, &fields, today()).expect("add");
    let account = store.account(id).expect("get").expect("exists");
    assert_eq!(account.fields, fields);
    assert_eq!(account.uuid.len(), 36);
    assert_eq!(&account.uuid[14..15], "7", "UUID v7");
    assert!(account.created_at.ends_with('Z'));

    let row = &store.accounts_page(&Seek::First, 5).expect("page")[0];
    assert_eq!(row.name, fields.name);
    assert_eq!(row.tier, Tier::A);
    assert_eq!(row.open_pipeline, Money::ZERO);
    // The plan puts the first visit one A-tier cadence (14 days) out.
    assert_eq!(row.next_visit_due_on, NaiveDate::from_ymd_opt(2026, 12, 10));

    let found = store.suggest_accounts("铁路", 5).expect("suggest");
    assert_eq!(found.len(), 1);
    assert_eq!(store.account_named("中国铁路建设集团有限公司").expect("named").map(|a| a.id), Some(id));
    assert!(store.suggest_accounts("100%_", 5).expect("suggest").is_empty(), "LIKE wildcards are literal");
}

#[test]
fn accounts_page_by_key_in_both_directions() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    for name in ["丙", "甲", "Alpha", "Beta", "乙", "Gamma"] {
        ops::add_account(&mut store, &NewAccount::named(name), today()).expect("add");
    }
    let names = |rows: Vec<kam::store::AccountRow>| rows.into_iter().map(|r| r.name).collect::<Vec<_>>();
    let first = store.accounts_page(&Seek::First, 3).expect("first");
    let after = first.last().map(|r| r.key()).expect("key");
    // Chinese names by pinyin among the Latin ones: 丙 bing, 甲 jia, 乙 yi.
    assert_eq!(names(first), ["Alpha", "Beta", "丙"]);
    assert_eq!(names(store.accounts_page(&Seek::After(after.clone()), 10).expect("after")), ["Gamma", "甲", "乙"]);
    assert_eq!(names(store.accounts_page(&Seek::Before(after.clone()), 1).expect("before")), ["Beta"]);
    assert_eq!(names(store.accounts_page(&Seek::Last, 2).expect("last")), ["甲", "乙"]);
    let from = AccountKey { sort_name: "beta".into(), id: 0 };
    assert_eq!(names(store.accounts_page(&Seek::From(from), 2).expect("from")), ["Beta", "丙"]);
}

#[test]
fn contacts_opportunities_and_activities_round_trip() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let account_id = ops::add_account(&mut store, &chinese_account(), today()).expect("add");

    let contact = NewContact {
        account_id,
        name: "王建华".into(),
        title: "采购经理".into(),
        phone: "13800138000".into(),
        email: "wang@example.cn".into(),
        role: DecisionRole::DecisionMaker,
        personal_notes: "生日 3月8日，喜欢钓鱼".into(),
    };
    let contact_id = ops::add_contact(&mut store, &contact).expect("contact");
    let contacts = store.contacts_of(account_id, 10).expect("contacts");
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].fields, contact);

    let opportunity = NewOpportunity {
        account_id,
        title: "数据中心扩容".into(),
        stage: Stage::Analysis,
        outcome: Outcome::Open,
        amount: Money::parse("350万").expect("money"),
        probability: None,
        expected_close_on: NaiveDate::from_ymd_opt(2027, 3, 31),
        lost_reason: String::new(),
    };
    let opportunity_id = ops::add_deal(&mut store, &opportunity).expect("opportunity");
    let stored = store.opportunity(opportunity_id).expect("get").expect("exists");
    assert_eq!(stored.title, opportunity.title);
    assert_eq!(stored.amount, Money(350_000_000));
    assert_eq!(stored.probability, Stage::Analysis.default_probability());
    assert_eq!(stored.expected_close_on, opportunity.expected_close_on);
    assert_eq!(store.opportunities_of(account_id, 10).expect("list").len(), 1);
    let totals = store.board_totals().expect("totals");
    assert_eq!(totals[1].deal_count, 1);
    assert_eq!(totals[1].amount, Money(350_000_000));
    assert_eq!(totals[1].weighted, Money(35_000_000));

    let column = store.board_column(Stage::Analysis, &Seek::First, 10).expect("column");
    assert_eq!(column.len(), 1);
    assert_eq!(column[0].account_name, "中国铁路建设集团有限公司");

    ops::move_deal(&mut store, opportunity_id, true, today()).expect("move").expect("moved");
    let history = store.stage_history(opportunity_id).expect("history");
    assert_eq!(history.len(), 2);
    assert_eq!((history[1].from, history[1].to), (Some(Stage::Analysis), Stage::FirstContact));
    let totals = store.board_totals().expect("totals");
    assert_eq!((totals[1].deal_count, totals[2].deal_count), (0, 1));
    assert_eq!(totals[2].weighted, Money(70_000_000));

    let activity = NewActivity {
        account_id,
        opportunity_id: Some(opportunity_id),
        contact_ids: vec![contact_id],
        occurred_time: None,
        keeps_id: None,
        occurred_on: today(),
        channel: Channel::Visit,
        purpose: "技术方案交流".into(),
        result: "决策人认可方案".into(),
        next_step: "准备报价".into(),
        next_on: NaiveDate::from_ymd_opt(2026, 12, 1),
    };
    ops::log_activity(&mut store, &activity).expect("log");
    let day = store.activities_on(today(), 10).expect("day");
    assert_eq!(day.len(), 1);
    assert_eq!(day[0].fields, activity);
    assert_eq!(day[0].contact_names, ["王建华"]);
    assert_eq!(store.activities_of(account_id, 10).expect("of")[0].fields, activity);
    let counts = store.channel_counts_on(today()).expect("counts");
    assert_eq!((counts[0].channel, counts[0].count), (Channel::Visit, 1));

    // The visit moved the plan on: next visit one cadence after today.
    let row = &store.accounts_page(&Seek::First, 1).expect("page")[0];
    assert_eq!(row.last_activity_on, Some(today()));
    assert_eq!(row.next_visit_due_on, NaiveDate::from_ymd_opt(2026, 12, 10));
    assert_eq!(row.open_pipeline, Money(350_000_000));
}

#[test]
fn the_visit_plan_agenda_counts_and_pages() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let day = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d).expect("date");
    let mut plan = |name: &str, on: NaiveDate| {
        let account = ops::add_account(&mut store, &NewAccount::named(name), day(10, 1)).expect("add");
        ops::plan_visit(&mut store, &kam::store::NewPlannedVisit::visit(account, on)).expect("plan");
    };
    plan("逾期客户", day(11, 10)); // 16 days overdue
    plan("今天客户", today());
    plan("很久以后", day(12, 31)); // beyond the week
    plan("早已错过", day(10, 1)); // missed long ago: in compliance, not the agenda
    let week_end = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
    let counts = store.agenda_counts(today(), week_end).expect("counts");
    assert_eq!((counts.overdue, counts.today, counts.upcoming), (1, 1, 0));
    let agenda = store.agenda_page(week_end, &Seek::First, 10).expect("agenda");
    assert_eq!(agenda.iter().map(|r| r.account_name.as_str()).collect::<Vec<_>>(), ["逾期客户", "今天客户"]);
    assert_eq!(agenda[0].days_overdue(today()), 16);
}

#[test]
fn daily_summary_round_trips_and_replaces() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    assert_eq!(store.daily_summary(today()).expect("get"), None);
    let first = DailySummary { summary: "拜访了三家客户".into(), tomorrow_plan: "准备报价".into() };
    ops::save_daily_report(&mut store, today(), &first).expect("save");
    let second = DailySummary { summary: "拜访了四家客户".into(), tomorrow_plan: "约见决策人".into() };
    ops::save_daily_report(&mut store, today(), &second).expect("save again");
    assert_eq!(store.daily_summary(today()).expect("get"), Some(second));
}

#[test]
fn a_failed_batch_writes_nothing() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let result = store.batch(|b| {
        b.insert_account(&NewAccount::named("先写入"), &kam::store::RecordMeta::now(), today())?;
        // An empty name breaks the table's CHECK: the whole batch must roll back.
        b.insert_account(&NewAccount::named(""), &kam::store::RecordMeta::now(), today())
    });
    assert!(result.is_err());
    assert!(store.is_empty().expect("empty"));
}

#[test]
fn demo_is_deterministic_and_refuses_nothing_on_an_empty_file() {
    let a = common::demo_db();
    let b = common::demo_db();
    let rows = |path: &std::path::Path| {
        let store = Store::open(path).expect("open");
        store.accounts_page(&Seek::First, 100).expect("page")
    };
    let (ra, rb) = (rows(&a.path), rows(&b.path));
    assert_eq!(ra.len(), 69, "a book of 60 and the 9 accounts won over this year");
    assert_eq!(ra, rb);
}

/// The demo writes with SQLite's link checks off and its activities'
/// triggers set aside (for speed at scale L): what it leaves must be what
/// the checks and triggers would have kept. Every link points at a row,
/// each account's last visit and next due day are its visits' own, and
/// the triggers are back.
#[test]
fn the_demo_leaves_every_link_whole_and_each_accounts_visits_kept() {
    let db = common::demo_db();
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let broken: Vec<(String, i64)> = conn
        .prepare("PRAGMA foreign_key_check")
        .expect("check")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(broken.is_empty(), "links to nothing: {broken:?}");
    // Written with a rollback journal, the file is back in WAL mode.
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal");
    let visited: i64 = conn
        .query_row("SELECT count(*) FROM visit_plan WHERE last_visit_on IS NOT NULL", [], |r| r.get(0))
        .expect("count");
    assert!(visited > 50, "the demo's accounts were visited: {visited}");
    let off: Vec<String> = conn
        .prepare(
            "SELECT p.account_id || ': ' || coalesce(p.last_visit_on, '-') || ' ' || coalesce(v.last, '-')
                    || ' ' || coalesce(p.next_due_on, '-')
               FROM visit_plan p
               LEFT JOIN (SELECT account_id, max(occurred_on) AS last FROM activity WHERE channel = 'visit'
                           GROUP BY account_id) v ON v.account_id = p.account_id
              WHERE p.last_visit_on IS NOT v.last
                 OR (v.last IS NOT NULL AND p.next_due_on IS NOT date(v.last, '+' || p.cadence_days || ' days'))",
        )
        .expect("select")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(off.is_empty(), "last visit and next due day otherwise than the visits say: {off:?}");
    let triggers: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name IN
               ('kam_activity_journal_insert', 'kam_activity_journal_update',
                'kam_activity_contact_journal_insert', 'visit_logged')",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(triggers, 4, "the activities' triggers are back");
}

/// The demo builds its companies' search index on another thread and puts
/// it in whole (`store::search_draft`); the accounts it makes after (those
/// won over this year) are indexed at the end. Every account is in the
/// index, the index is true, and an account of each kind is found by its
/// pinyin initials.
#[test]
fn a_demo_finds_every_account_it_made_first_and_last() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    kam::demo::generate(&mut store, kam::demo::Scale::S, 7, today()).expect("demo");
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    conn.execute("INSERT INTO account_fts (account_fts, rank) VALUES ('integrity-check', 1)", [])
        .expect("the search index matches the accounts");
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0)).expect("count");
    conn.execute("CREATE VIRTUAL TABLE temp.indexed USING fts5vocab(main, account_fts, instance)", [])
        .expect("vocabulary");
    assert_eq!(count("SELECT count(DISTINCT doc) FROM temp.indexed"), count("SELECT count(*) FROM account"));
    let (first, last): (i64, i64) =
        conn.query_row("SELECT min(id), max(id) FROM account", [], |r| Ok((r.get(0)?, r.get(1)?))).expect("ids");
    assert!(last > 60, "accounts were made after the first 60");
    for id in [first, last] {
        let name: String = conn.query_row("SELECT name FROM account WHERE id = ?1", [id], |r| r.get(0)).expect("name");
        let initials: String =
            kam::domain::search::search_text(&name, "").initials.split(' ').next().expect("initials").to_string();
        let found = store.search_accounts(&initials, 300).expect("search");
        assert!(found.contains(&id), "{name} found by {initials}");
    }
}

/// New records' UUIDs (`store::new_uuid`) are version 7, each made after
/// another sorts after it (so their index is appended to, as with
/// `Uuid::now_v7`), and none repeats, across threads too.
#[test]
fn new_uuids_are_version_7_in_the_order_made_and_never_repeat() {
    let made: Vec<uuid::Uuid> = (0..100_000).map(|_| kam::store::new_uuid()).collect();
    assert!(made.iter().all(|u| u.get_version_num() == 7 && u.get_variant() == uuid::Variant::RFC4122));
    assert!(made.windows(2).all(|w| w[0] < w[1]), "in the order made");
    let others: Vec<Vec<uuid::Uuid>> = std::thread::scope(|scope| {
        let threads: Vec<_> =
            (0..4).map(|_| scope.spawn(|| (0..10_000).map(|_| kam::store::new_uuid()).collect())).collect();
        threads.into_iter().map(|t| t.join().expect("thread")).collect()
    });
    let mut all: std::collections::HashSet<uuid::Uuid> = made.into_iter().collect();
    for uuid in others.into_iter().flatten() {
        assert!(all.insert(uuid), "{uuid} made twice");
    }
}
