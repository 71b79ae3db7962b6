//! Import and export against real files: the Maven CRM accounts, the
//! Chinese listed companies (BOM, quoted fields, two companies called
//! 三维股份), a GBK file, bad rows reported by row and column, and
//! export → import → export giving the same records.

mod common;

use std::path::{Path, PathBuf};

use common::{temp_db, today};
use kam::config::TierSettings;
use kam::io::export::{Format, Sink, export_accounts, export_contacts};
use kam::io::import::{DuplicateOf, ImportOptions, OnDuplicate, Problem, import_accounts, import_contacts};
use kam::ops;
use kam::store::{NewAccount, Seek, Store};

fn shared(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data").join(path)
}

fn tiers(m: kam::domain::Money) -> kam::domain::Tier {
    TierSettings::default().tier_for(m)
}

fn all_accounts(store: &Store) -> Vec<kam::store::Account> {
    let mut out = Vec::new();
    store
        .each_account(|a| {
            out.push(a.clone());
            Ok::<(), kam::store::StoreError>(())
        })
        .expect("walk");
    out
}

fn find<'a>(accounts: &'a [kam::store::Account], name: &str) -> &'a kam::store::Account {
    accounts.iter().find(|a| a.fields.name == name).unwrap_or_else(|| panic!("{name} imported"))
}

#[test]
fn imports_the_maven_crm_accounts() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let report =
        import_accounts(&mut store, &shared("maven-crm/accounts.csv"), &ImportOptions::default(), tiers, today())
            .expect("import");
    assert_eq!((report.rows, report.written), (85, 85));
    assert!(report.rejected.is_empty());
    assert!(report.ignored_columns.contains(&"revenue".to_string()));
    let accounts = all_accounts(&store);
    assert_eq!(accounts.len(), 85);
    let acme = find(&accounts, "Acme Corporation");
    assert_eq!(acme.fields.segment, "technolgy", "the user's spelling stays");
    assert_eq!(acme.fields.region, "United States");
    assert_eq!(find(&accounts, "Betatech").fields.region, "Kenya");
    // One import is one action: undo takes it all back.
    store.undo().expect("undo");
    assert!(store.is_empty().expect("empty"));
}

fn stock_options(on_duplicate: OnDuplicate) -> ImportOptions {
    ImportOptions { maps: vec!["industry=segment".into(), "area=region".into()], on_duplicate, ..Default::default() }
}

#[test]
fn imports_the_chinese_listed_companies_and_flags_the_two_called_sanwei() {
    let path = shared("cn-ashare-2025/stock_basic.csv");
    let records = csv::Reader::from_path(&path).expect("csv").records().count();
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let report = import_accounts(&mut store, &path, &stock_options(OnDuplicate::Keep), tiers, today()).expect("import");
    assert_eq!(report.rows, records);
    assert_eq!(report.written, records, "both 三维股份 kept, as chosen");
    assert_eq!(report.duplicates.len(), 1);
    let dup = &report.duplicates[0];
    assert_eq!(dup.name, "三维股份");
    assert!(matches!(dup.of, DuplicateOf::Row(_)));
    let accounts = all_accounts(&store);
    let bank = find(&accounts, "平安银行");
    assert_eq!((bank.fields.segment.as_str(), bank.fields.region.as_str()), ("银行", "深圳"));
    let vanke = find(&accounts, "万科A");
    assert_eq!((vanke.fields.segment.as_str(), vanke.fields.region.as_str()), ("全国地产", "深圳"));
    let sanwei: Vec<_> = accounts.iter().filter(|a| a.fields.name == "三维股份").collect();
    assert_eq!(sanwei.len(), 2);
    assert_ne!(sanwei[0].fields.region, sanwei[1].fields.region, "two companies, two provinces");

    // Importing again flags every row against the accounts already there.
    let again = import_accounts(
        &mut store,
        &path,
        &ImportOptions { dry_run: true, ..stock_options(OnDuplicate::Keep) },
        tiers,
        today(),
    )
    .expect("dry run");
    assert_eq!(again.written, 0);
    assert!(again.duplicates.iter().filter(|d| matches!(d.of, DuplicateOf::Existing(_))).count() >= records - 1);
}

#[test]
fn skipping_duplicates_leaves_the_second_sanwei_out() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let path = shared("cn-ashare-2025/stock_basic.csv");
    let report = import_accounts(&mut store, &path, &stock_options(OnDuplicate::Skip), tiers, today()).expect("import");
    assert_eq!(report.skipped_duplicates, 1);
    assert_eq!(report.written, report.rows - 1);
    assert_eq!(all_accounts(&store).iter().filter(|a| a.fields.name == "三维股份").count(), 1);
}

#[test]
fn every_company_is_found_by_its_cnspell_among_the_first_results() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let path = shared("cn-ashare-2025/stock_basic.csv");
    import_accounts(&mut store, &path, &stock_options(OnDuplicate::Keep), tiers, today()).expect("import");
    let mut reader = csv::Reader::from_path(&path).expect("csv");
    let headers = reader.headers().expect("headers").clone();
    let col = |n: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == n).expect(n);
    let (name_col, spell_col) = (col("name"), col("cnspell"));
    let mut misses = Vec::new();
    for record in reader.records() {
        let record = record.expect("record");
        let (name, spell) = (&record[name_col], &record[spell_col]);
        // The same data quirks as tests/pinyin_data.rs: new-listing marks
        // (N/C before a shortened name) and two misspelt cnspell values.
        let marked_new =
            (name.starts_with('N') || name.starts_with('C')) && name.chars().nth(1).is_some_and(|c| !c.is_ascii());
        if marked_new || ["丰茂股份", "珀莱雅"].contains(&name) {
            continue;
        }
        // Initials are shared (ylgf: 云路股份, 伊利股份, 银轮股份 and more), so "first" means
        // the first screen of the accounts table: 40 rows.
        let rows = store.account_rows(&store.search_accounts(spell, 40).expect("search")).expect("rows");
        if !rows.iter().any(|r| r.name == name) {
            misses.push(format!("{spell} -> {name}: got {:?}", rows.iter().map(|r| &r.name).collect::<Vec<_>>()));
        }
    }
    assert!(misses.is_empty(), "{} not on the first screen:\n{}", misses.len(), misses.join("\n"));
}

#[test]
fn reads_a_gbk_file_with_chinese_headers() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let text = "客户名称,简称,行业,地区,年采购额,等级\n中国铁路建设集团,中国铁建,建筑,北京,\"1,200万\",\n重庆银行,,银行,重庆,80万,A\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    let file = db.dir.path().join("客户.csv");
    std::fs::write(&file, &bytes).expect("write");
    let report = import_accounts(&mut store, &file, &ImportOptions::default(), tiers, today()).expect("import");
    assert_eq!(report.encoding.name(), "GBK/GB18030");
    assert_eq!(report.written, 2);
    let accounts = all_accounts(&store);
    let rail = find(&accounts, "中国铁路建设集团");
    assert_eq!(rail.fields.short_name, "中国铁建");
    assert_eq!(rail.fields.annual_purchase, kam::domain::Money::from_yuan(12_000_000));
    assert_eq!(rail.fields.tier, kam::domain::Tier::A, "derived from the amount");
    let bank = find(&accounts, "重庆银行");
    assert_eq!((bank.fields.tier, bank.fields.tier_pinned), (kam::domain::Tier::A, true), "pinned by the file");
}

#[test]
fn bad_rows_are_reported_by_row_and_column_and_nothing_is_written() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let file = db.dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "name,annual_purchase,tier,status\n好客户,100,,active\n,5,,\n坏金额,-3,,\n怪等级,1,D,\n少一列,1\n好客户二,2万,B,prospect\n",
    )
    .expect("write");
    let report = import_accounts(&mut store, &file, &ImportOptions::default(), tiers, today()).expect("import");
    let found: Vec<(usize, &str, &Problem)> =
        report.rejected.iter().map(|e| (e.row, e.column.as_str(), &e.problem)).collect();
    use kam::domain::FieldError;
    assert_eq!(
        found,
        vec![
            (3, "name", &Problem::Field(FieldError::Empty)),
            (4, "annual_purchase", &Problem::Field(FieldError::Negative)),
            (5, "tier", &Problem::Field(FieldError::UnknownValue)),
            (6, "", &Problem::FieldCount { expected: 4, found: 2 }),
        ]
    );
    assert_eq!(report.written, 0);
    assert!(store.is_empty().expect("empty"), "all or nothing");

    let skip = ImportOptions { skip_invalid: true, ..Default::default() };
    let report = import_accounts(&mut store, &file, &skip, tiers, today()).expect("import");
    assert_eq!(report.written, 2);
    assert_eq!(store.accounts_page(&Seek::First, 10).expect("page").len(), 2);
}

#[test]
fn a_dry_run_writes_nothing() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let options = ImportOptions { dry_run: true, ..Default::default() };
    let report =
        import_accounts(&mut store, &shared("maven-crm/accounts.csv"), &options, tiers, today()).expect("import");
    assert_eq!((report.rows, report.written), (85, 0));
    assert!(store.is_empty().expect("empty"));
}

#[test]
fn contacts_import_by_account_name_and_reject_unknown_accounts() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    ops::add_account(&mut store, &NewAccount::named("平安银行"), today()).expect("add");
    let file = db.dir.path().join("contacts.csv");
    std::fs::write(&file, "客户,姓名,职务,手机,角色\n平安银行,王芳,采购经理,13800000000,决策人\n不存在公司,李四,,,\n平安银行,赵六,,,boss\n")
        .expect("write");
    let report = import_contacts(&mut store, &file, &ImportOptions::default()).expect("import");
    assert_eq!(report.rejected.len(), 2);
    assert_eq!((report.rejected[0].row, report.rejected[0].column.as_str()), (3, "客户"));
    assert_eq!(report.rejected[0].problem, Problem::UnknownAccount("不存在公司".into()));
    assert_eq!((report.rejected[1].row, report.rejected[1].column.as_str()), (4, "角色"));
    let report = import_contacts(&mut store, &file, &ImportOptions { skip_invalid: true, ..Default::default() })
        .expect("import");
    assert_eq!(report.written, 1);
}

fn export_to_string(store: &Store, format: Format, contacts: bool) -> String {
    let mut buf = Vec::new();
    if contacts {
        export_contacts(store, format, Sink::Out(Box::new(&mut buf))).expect("export");
    } else {
        export_accounts(store, format, Sink::Out(Box::new(&mut buf))).expect("export");
    }
    String::from_utf8(buf).expect("utf8")
}

#[test]
fn export_import_export_gives_the_same_records() {
    let source = common::demo_db();
    let mut store = Store::open(&source.path).expect("open");
    let mut odd = NewAccount::named("=HYPERLINK(\"http://x\")");
    odd.notes = "+86 还有, 逗号和\"引号\"\n第二行".into();
    odd.tier = kam::domain::Tier::B;
    odd.tier_pinned = true;
    ops::add_account(&mut store, &odd, today()).expect("add");
    let first = export_to_string(&store, Format::Csv, false);
    assert!(first.starts_with('\u{feff}'), "BOM for Excel");
    assert!(first.contains("'=HYPERLINK"), "formula neutralised");
    let first_contacts = export_to_string(&store, Format::Csv, true);

    let target = temp_db();
    let file = target.dir.path().join("accounts.csv");
    std::fs::write(&file, &first).expect("write");
    let contacts_file = target.dir.path().join("contacts.csv");
    std::fs::write(&contacts_file, &first_contacts).expect("write");
    let mut copy = Store::open(&target.path).expect("open");
    let report = import_accounts(&mut copy, &file, &ImportOptions::default(), tiers, today()).expect("import");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    import_contacts(&mut copy, &contacts_file, &ImportOptions::default()).expect("contacts");
    assert_eq!(export_to_string(&copy, Format::Csv, false), first);
    assert_eq!(export_to_string(&copy, Format::Csv, true), first_contacts);
    assert_eq!(export_to_string(&copy, Format::Json, false), export_to_string(&store, Format::Json, false));

    // Importing the same file again: the uuids are already there, and
    // nothing changes.
    let report = import_accounts(&mut copy, &file, &ImportOptions::default(), tiers, today()).expect("again");
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!((report.written, report.already_there), (0, report.rows));
    assert_eq!(export_to_string(&copy, Format::Csv, false), first);
    let report = import_accounts(
        &mut copy,
        &file,
        &ImportOptions { on_duplicate: OnDuplicate::Skip, ..Default::default() },
        tiers,
        today(),
    )
    .expect("again, skipping");
    assert_eq!(report.written, 0);
    assert_eq!(report.already_there, report.rows);
}

#[test]
fn json_uses_snake_case_and_cents_and_xlsx_is_written() {
    let db = common::demo_db();
    let store = Store::open(&db.path).expect("open");
    let json: serde_json::Value = serde_json::from_str(&export_to_string(&store, Format::Json, false)).expect("json");
    let first = &json.as_array().expect("array")[0];
    assert!(first["annual_purchase_cents"].is_i64());
    assert!(first["short_name"].is_string());
    let out = db.dir.path().join("accounts.xlsx");
    export_accounts(&store, Format::Xlsx, Sink::XlsxFile(&out)).expect("xlsx");
    let bytes = std::fs::read(&out).expect("read");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
}

#[test]
fn the_command_line_reports_and_exits_with_the_right_codes() {
    let db = temp_db();
    let kam = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
            .arg("--db")
            .arg(&db.path)
            .args(["--lang", "en"])
            .args(args)
            .env("KAM_CONFIG", db.dir.path().join("none.toml"))
            .output()
            .expect("run kam")
    };
    let bad = db.dir.path().join("bad.csv");
    std::fs::write(&bad, "name,tier\n,Z\n").expect("write");
    let out = kam(&["import", "accounts", bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("row 2, column \"name\": required"), "{stderr}");
    assert!(stderr.contains("row 2, column \"tier\": unknown value"), "{stderr}");
    let maven = shared("maven-crm/accounts.csv");
    assert_eq!(kam(&["import", "accounts", maven.to_str().expect("path")]).status.code(), Some(0));
    let out = kam(&["list", "accounts", "--filter", "acme", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(json[0]["name"], "Acme Corporation");
    assert_eq!(kam(&["import", "widgets", "x.csv"]).status.code(), Some(2), "usage error");
    let out = kam(&["import", "accounts", maven.to_str().expect("path"), "--map", "account=price"]);
    assert_eq!(out.status.code(), Some(1));
}

/// Contacts and opportunities name their account by UUID too, so a file
/// merged into another (a later team sync) keeps who belongs to whom.
#[test]
fn exports_of_contacts_and_opportunities_carry_the_accounts_uuid() {
    let db = common::demo_db();
    let store = kam::store::Store::open(&db.path).expect("open");
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let account_uuid = |name: &str| -> String {
        conn.query_row("SELECT uuid FROM account WHERE name = ?1 ORDER BY id LIMIT 1", [name], |r| r.get(0))
            .expect("account")
    };
    for export in [kam::io::export::export_opportunities, kam::io::export::export_contacts] {
        let mut out = Vec::new();
        let count = export(&store, kam::io::export::Format::Json, Sink::Out(Box::new(&mut out))).expect("export");
        assert!(count > 0);
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out).expect("json");
        assert_eq!(rows.len(), count);
        for row in &rows {
            let name = row["account"].as_str().expect("account name");
            assert_eq!(row["account_uuid"].as_str(), Some(account_uuid(name).as_str()), "{row}");
        }
    }
}

/// An import indexes its new accounts for search in one go at the end
/// (schema 14); accounts already there keep theirs as the import updates
/// them; undo and redo keep the index true.
#[test]
fn an_import_indexes_its_accounts_for_search_at_the_end_and_undo_keeps_the_index_true() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    ops::add_account(&mut store, &NewAccount::named("平安银行股份有限公司"), today()).expect("add");
    let file = db.dir.path().join("accounts.csv");
    std::fs::write(&file, "name,short_name\n长川科技股份有限公司,长川科技\n平安银行股份有限公司,平安银行\n")
        .expect("write");
    let report = import_accounts(&mut store, &file, &ImportOptions::default(), tiers, today()).expect("import");
    assert_eq!(report.written, 2);
    let fts_ok = |store: &Store| {
        let conn = rusqlite::Connection::open(&db.path).expect("open");
        conn.execute("INSERT INTO account_fts (account_fts) VALUES ('integrity-check')", [])
            .expect("the search index matches the accounts");
        let deferred: Option<i64> =
            conn.query_row("SELECT search_deferred_from FROM journal_state", [], |r| r.get(0)).expect("state");
        assert_eq!(deferred, None, "deferral ends with the import");
        store.search_accounts("cckj", 10).expect("search").len()
    };
    assert_eq!(fts_ok(&store), 1, "found by its short name's initials");
    ops::undo(&mut store).expect("undo");
    assert_eq!(fts_ok(&store), 0);
    ops::redo(&mut store).expect("redo");
    assert_eq!(fts_ok(&store), 1);
    assert_eq!(store.search_accounts("payh", 10).expect("search").len(), 2, "the first and the imported one");
}

/// A first import into a book with no accounts builds its search index on
/// a thread of its own and puts it in the book whole (`store::search_draft`)
/// when no other kam has the file open, and in one statement at the end
/// when one has. Either way the store that imported finds the accounts at
/// once, though it read the empty index before; the index matches the
/// accounts, through undo and redo in the same store; a key given twice
/// (the account updated after it was indexed) and a refused import keep
/// it true too. The accounts' read-only indexes, also built at the end of
/// a first import, are there and whole after each.
#[test]
fn a_first_import_builds_its_search_index_beside_the_writes_and_it_stays_true() {
    let index_ok = |path: &Path| {
        let conn = rusqlite::Connection::open(path).expect("open");
        conn.execute("INSERT INTO account_fts (account_fts, rank) VALUES ('integrity-check', 1)", [])
            .expect("the search index matches the accounts");
        // A first import builds the accounts' read-only indexes at the
        // end: they are there, and they hold every row.
        let indexes: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'index'
                   AND name IN ('account_by_name', 'account_by_sort_name', 'account_by_created', 'account_by_tier')",
                [],
                |r| r.get(0),
            )
            .expect("indexes");
        assert_eq!(indexes, 4);
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(check, "ok");
        // The accounts the index holds tokens of (FTS5 keeps no count of
        // its own since schema 19).
        conn.execute("CREATE VIRTUAL TABLE temp.indexed USING fts5vocab(main, account_fts, instance)", [])
            .expect("vocabulary");
        conn.query_row("SELECT count(DISTINCT doc) FROM temp.indexed", [], |r| r.get::<_, i64>(0)).expect("count")
    };
    for other_kam in [false, true] {
        let db = temp_db();
        let mut store = Store::open(&db.path).expect("open");
        assert!(store.search_accounts("cckj", 10).expect("search").is_empty());
        let other = other_kam.then(|| {
            let other = rusqlite::Connection::open(&db.path).expect("open");
            let _: i64 = other.query_row("SELECT count(*) FROM account", [], |r| r.get(0)).expect("read");
            other
        });
        let file = db.dir.path().join("accounts.csv");
        let mut csv = String::from("name,short_name\n长川科技股份有限公司,长川科技\n平安银行股份有限公司,平安银行\n");
        for i in 0..600 {
            csv.push_str(&format!("绿地控股{i}号有限公司,\n"));
        }
        std::fs::write(&file, csv).expect("write");
        let report = import_accounts(&mut store, &file, &ImportOptions::default(), tiers, today()).expect("import");
        assert_eq!(report.written, 602);
        assert_eq!(store.search_accounts("cckj", 10).expect("search").len(), 1, "found by the store that imported");
        drop(other);
        let matches: i64 = rusqlite::Connection::open(&db.path)
            .expect("open")
            .query_row("SELECT count(*) FROM account_fts WHERE account_fts MATCH 'ldkg*'", [], |r| r.get(0))
            .expect("match");
        assert_eq!(matches, 600);
        assert_eq!(index_ok(&db.path), 602);
        ops::undo(&mut store).expect("undo");
        assert_eq!(index_ok(&db.path), 0);
        assert!(store.search_accounts("cckj", 10).expect("search").is_empty());
        ops::redo(&mut store).expect("redo");
        assert_eq!(index_ok(&db.path), 602);
        assert_eq!(store.search_accounts("payh", 10).expect("search").len(), 1);
    }
    let scratch = temp_db();
    let file = scratch.dir.path().join("accounts.csv");

    // A key twice: the second row updates the account the first one made.
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    std::fs::write(&file, "code,name\nA1,平安银行股份有限公司\nA1,长川科技股份有限公司\n").expect("write");
    let options = ImportOptions { key: Some("code".into()), on_duplicate: OnDuplicate::Update, ..Default::default() };
    let report = import_accounts(&mut store, &file, &options, tiers, today()).expect("import");
    assert_eq!((report.written, report.updated), (1, 1), "{report:?}");
    assert_eq!(index_ok(&db.path), 1);
    assert_eq!(store.search_accounts("cckj", 10).expect("search").len(), 1, "found by its name as updated");
    assert!(store.search_accounts("payh", 10).expect("search").is_empty(), "not by the name it had");

    // Refused (a row without a name): nothing written, the index empty.
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    std::fs::write(&file, "name,region\n长川科技股份有限公司,杭州\n,深圳\n").expect("write");
    let report = import_accounts(&mut store, &file, &ImportOptions::default(), tiers, today()).expect("import");
    assert_eq!((report.written, report.rejected.len()), (0, 1), "{report:?}");
    assert_eq!(index_ok(&db.path), 0);
    assert!(store.search_accounts("cckj", 10).expect("search").is_empty());
}

/// An import journals the accounts it adds in one statement at the end
/// (`with_insert_journal_deferred`): undo takes back exactly the import —
/// the new accounts, their keys and plans, and the account it updated —
/// redo puts it all back, and the journal's triggers are as they were.
#[test]
fn undo_of_an_import_takes_back_its_new_accounts_their_keys_and_its_updates() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    ops::add_account(&mut store, &NewAccount::named("平安银行股份有限公司"), today()).expect("add");
    let dump = |path: &Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(path).expect("open");
        let mut rows = Vec::new();
        for sql in [
            "SELECT id || ' ' || name || ' ' || region || ' ' || coalesce(external_id, '-') FROM account ORDER BY id",
            "SELECT account_id || ' ' || cadence_days FROM visit_plan ORDER BY account_id",
            "SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name",
        ] {
            let mut stmt = conn.prepare(sql).expect("prepare");
            rows.extend(stmt.query_map([], |r| r.get::<_, String>(0)).expect("rows").map(|r| r.expect("row")));
        }
        rows
    };
    let before = dump(&db.path);
    let file = db.dir.path().join("accounts.csv");
    std::fs::write(
        &file,
        "code,name,region\nA1,平安银行股份有限公司,深圳\nA2,长川科技股份有限公司,杭州\nA3,三维股份,台州\n",
    )
    .expect("write");
    let options = ImportOptions {
        key: Some("code".into()),
        on_duplicate: OnDuplicate::Update,
        skip_invalid: true,
        ..Default::default()
    };
    let report = import_accounts(&mut store, &file, &options, tiers, today()).expect("import");
    assert_eq!(report.written, 3, "{report:?}");
    let after = dump(&db.path);
    assert!(after.iter().any(|r| r.ends_with("长川科技股份有限公司 杭州 A2")), "{after:?}");
    let journaled: i64 = rusqlite::Connection::open(&db.path)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM change_journal WHERE action_id = (SELECT max(id) FROM change_action)
                AND op = 'insert'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(journaled, 6, "three accounts and their three plans");
    ops::undo(&mut store).expect("undo").expect("undone");
    assert_eq!(dump(&db.path), before, "undo leaves the file as it was");
    ops::redo(&mut store).expect("redo").expect("redone");
    assert_eq!(dump(&db.path), after, "redo puts the import back");
}

/// A kam killed mid-import leaves its search draft in the temporary folder
/// (its own removal never runs). The next draft made removes those not
/// written to for an hour, and leaves a younger one, which may be another
/// kam's at work.
#[test]
fn a_first_import_removes_search_drafts_abandoned_an_hour_ago() {
    let folder = std::env::temp_dir();
    let stamp = std::process::id();
    let old = folder.join(format!("kam-search-{stamp}-1-abandoned-test.sqlite3"));
    let young = folder.join(format!("kam-search-{stamp}-2-at-work-test.sqlite3"));
    std::fs::write(&old, b"left by a killed kam").expect("write");
    std::fs::write(&young, b"another kam's").expect("write");
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options().write(true).open(&old).expect("open").set_modified(two_hours_ago).expect("age it");

    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let file = db.dir.path().join("accounts.csv");
    std::fs::write(&file, "name\n长川科技股份有限公司\n").expect("write");
    let report = import_accounts(&mut store, &file, &ImportOptions::default(), tiers, today()).expect("import");
    assert_eq!(report.written, 1);
    assert!(!old.exists(), "the abandoned draft is removed");
    assert!(young.exists(), "a young one is left");
    std::fs::remove_file(&young).expect("clean up");
}
