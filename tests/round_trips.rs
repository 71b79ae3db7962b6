//! Every kind travels: the demo's book exported kind by kind in CSV, JSON
//! and xlsx, each file imported into an empty database (in the order the
//! kinds need each other), and exported again — the same file, every
//! record, outcome, day, timestamp and link as it was. Then the same files
//! imported once more change nothing.

mod common;

use std::path::{Path, PathBuf};

use common::{kam_cli, temp_db};

/// The kinds in the order an empty file can take them: each one's links
/// point at kinds before it.
const KINDS: &[&str] = &[
    "accounts",
    "contacts",
    "opportunities",
    "activities",
    "contracts",
    "instalments",
    "receipts",
    "complaints",
    "surveys",
    "visits",
    "targets",
];

/// What a command said, on either stream.
fn said(out: &std::process::Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn export(db: &Path, kind: &str, format: &str, dir: &Path) -> PathBuf {
    let file = dir.join(format!("{kind}.{format}"));
    let out = kam_cli(db, &["export", kind, "--format", format, "--out", file.to_str().expect("path")]);
    assert!(out.status.success(), "export {kind} {format}: {}", said(&out));
    file
}

/// A file's records as text: the bytes for CSV and JSON, each cell's value
/// (and type) for xlsx, whose zip also holds the time it was written.
fn contents(file: &Path) -> Vec<String> {
    if file.extension().is_some_and(|e| e == "xlsx") {
        use calamine::{Reader, Xlsx, open_workbook};
        let mut book: Xlsx<_> = open_workbook(file).expect("xlsx");
        let sheet = book.worksheet_range_at(0).expect("a sheet").expect("readable");
        return sheet.rows().map(|row| format!("{row:?}")).collect();
    }
    std::fs::read_to_string(file).expect("read").lines().map(str::to_string).collect()
}

fn round_trip(format: &str) {
    let source = temp_db();
    let out = kam_cli(&source.path, &["demo"]);
    assert!(out.status.success(), "demo: {}", said(&out));
    // An account changed after it was made, with text a spreadsheet would
    // take for a formula (CSV guards it with a `'` the import takes off).
    {
        let mut store = kam::store::Store::open(&source.path).expect("open");
        let id = store.search_accounts("", 1).ok().and_then(|ids| ids.first().copied()).unwrap_or(1);
        let mut account = store.account(id).expect("read").expect("an account").fields;
        account.notes = "=SUM(A1) 第一行\r\n-第二行".to_string();
        account.short_name = "+86 热线".to_string();
        kam::ops::edit_account(&mut store, id, &account).expect("edit");
        // A call about one of the account's deals.
        let conn = rusqlite::Connection::open(&source.path).expect("open");
        let (deal, account_id): (i64, i64) = conn
            .query_row("SELECT id, account_id FROM opportunity ORDER BY id LIMIT 1", [], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("a deal");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).expect("day");
        let call = kam::store::NewActivity {
            opportunity_id: Some(deal),
            ..kam::store::NewActivity::new(account_id, day, kam::domain::Channel::Phone, "报价跟进")
        };
        kam::ops::log_activity(&mut store, &call).expect("log");
        conn.execute("UPDATE survey SET follow_up = '下月回访确认改进' WHERE id = (SELECT min(id) FROM survey)", [])
            .expect("a survey's follow-up");
        let contract: i64 = conn.query_row("SELECT max(id) FROM contract", [], |r| r.get(0)).expect("a contract");
        kam::ops::void_contract(&mut store, contract, "客户取消采购").expect("void").expect("a contract may be void");
    }
    let first_dir = source.dir.path().join("first");
    std::fs::create_dir_all(&first_dir).expect("dir");
    let firsts: Vec<PathBuf> = KINDS.iter().map(|kind| export(&source.path, kind, format, &first_dir)).collect();

    assert!(contents(&firsts[4]).iter().any(|l| l.contains("客户取消采购")), "a void contract, with its reason");
    if format == "csv" {
        // The tier is shown even when it follows the annual purchase.
        let mut reader = csv::Reader::from_path(&firsts[0]).expect("accounts");
        let tier_at = reader.headers().expect("headers").iter().position(|h| h == "tier").expect("a tier column");
        for record in reader.records() {
            let tier = record.expect("record")[tier_at].to_string();
            assert!(["A", "B", "C"].contains(&tier.as_str()), "tier {tier:?}");
        }
    }
    if format == "xlsx" {
        // Days are date cells the manager can sort by, money real numbers.
        let contracts = contents(&firsts[4]);
        assert!(contracts[1].contains("DateTime("), "{}", contracts[1]);
        assert!(contracts[1].contains("Float("), "{}", contracts[1]);
    }
    let copy = temp_db();
    for (kind, file) in KINDS.iter().zip(&firsts) {
        let out = kam_cli(&copy.path, &["import", kind, file.to_str().expect("path")]);
        assert!(out.status.success(), "import {kind} {format}: {}", said(&out));
        assert!(said(&out).contains(" 0 rows rejected"), "import {kind} {format}: {}", said(&out));
    }
    let again_dir = copy.dir.path().join("again");
    std::fs::create_dir_all(&again_dir).expect("dir");
    for (kind, first) in KINDS.iter().zip(&firsts) {
        let again = export(&copy.path, kind, format, &again_dir);
        let (a, b) = (contents(first), contents(&again));
        assert!(a.len() > 1, "{kind}: the demo has some");
        let differ: Vec<_> = a.iter().zip(&b).filter(|(x, y)| x != y).take(3).collect();
        assert!(differ.is_empty() && a.len() == b.len(), "{kind} {format} came back otherwise: {differ:#?}");
    }

    // What the files carry as links and days is all there: deals and
    // kept follow-ups of activities, follow-ups marked done, visits done,
    // who complained or answered and about which contract.
    let facts = |db: &Path| -> Vec<i64> {
        let conn = rusqlite::Connection::open(db).expect("open");
        [
            "SELECT count(keeps_id) FROM activity",
            "SELECT count(follow_up_done_on) FROM activity",
            "SELECT count(follow_up_closed_on) FROM activity",
            "SELECT count(opportunity_id) FROM activity",
            "SELECT count(activity_id) FROM planned_visit",
            "SELECT count(contact_id) + count(contract_id) FROM complaint",
            "SELECT count(contact_id) + count(contract_id) FROM survey",
            "SELECT count(signatory_id) FROM contract",
            "SELECT count(opportunity_id) FROM contract",
            "SELECT count(paid_up_on) FROM opportunity",
        ]
        .iter()
        .map(|sql| conn.query_row(sql, [], |r| r.get(0)).expect(sql))
        .collect()
    };
    let (here, there) = (facts(&source.path), facts(&copy.path));
    assert!(here.iter().all(|n| *n > 0), "every kind of link is there to carry: {here:?}");
    assert_eq!(here, there, "links and days of activities, visits, complaints and surveys");

    // The same files again: every record is already here; nothing changes.
    for (kind, file) in KINDS.iter().zip(&firsts) {
        let out = kam_cli(&copy.path, &["import", kind, file.to_str().expect("path")]);
        assert!(out.status.success(), "import {kind} {format} again: {}", said(&out));
        assert!(said(&out).contains("Nothing changed"), "import {kind} {format} again wrote: {}", said(&out));
    }
    for (kind, first) in KINDS.iter().zip(&firsts) {
        let again = export(&copy.path, kind, format, &again_dir);
        assert_eq!(contents(first), contents(&again), "{kind} {format} after importing it twice");
    }
}

#[test]
fn every_kind_comes_back_the_same_through_csv() {
    round_trip("csv");
}

#[test]
fn every_kind_comes_back_the_same_through_json() {
    round_trip("json");
}

#[test]
fn every_kind_comes_back_the_same_through_xlsx() {
    round_trip("xlsx");
}

/// A manager's targets file with Chinese headers: read, kept on a second
/// import, replaced with `--on-duplicate update`.
#[test]
fn a_managers_targets_file_sets_the_months_and_updates_only_when_asked() {
    let db = temp_db();
    let file = db.dir.path().join("targets.csv");
    std::fs::write(&file, "月份,销售目标,回款目标,拜访目标,新客户目标\n2026-12,\"500,000.00\",300000,20,3\n")
        .expect("write");
    let path = file.to_str().expect("path");
    let out = kam_cli(&db.path, &["import", "targets", path]);
    assert!(out.status.success(), "{}", said(&out));
    let listed = |db: &Path| said(&kam_cli(db, &["list", "targets", "--format", "csv"]));
    assert!(listed(&db.path).contains("2026-12,500000.00,300000.00,20,3,"), "{}", listed(&db.path));

    std::fs::write(&file, "月份,销售目标,回款目标,拜访目标,新客户目标\n2026-12,600000,300000,20,3\n").expect("write");
    let out = kam_cli(&db.path, &["import", "targets", path]);
    assert!(said(&out).contains("Nothing changed"), "{}", said(&out));
    assert!(listed(&db.path).contains("2026-12,500000.00,"), "kept: {}", listed(&db.path));
    let out = kam_cli(&db.path, &["import", "targets", path, "--on-duplicate", "update"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(listed(&db.path).contains("2026-12,600000.00,"), "updated: {}", listed(&db.path));

    std::fs::write(&file, "月份,销售目标\n2026-13,1\n2026-11,-5\n").expect("write");
    let out = kam_cli(&db.path, &["import", "targets", path]);
    assert_eq!(out.status.code(), Some(1), "{}", said(&out));
    assert!(said(&out).contains("row 2") && said(&out).contains("row 3"), "{}", said(&out));
}

/// A sheet of a workbook, as `contents` gives a file.
fn sheet_contents(book: &Path, sheet: &str) -> Vec<String> {
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(book).expect("xlsx");
    let range = book.worksheet_range(sheet).expect("the sheet");
    range.rows().map(|row| format!("{row:?}")).collect()
}

/// `kam export all`: a folder with a file per kind, or one workbook with a
/// sheet per kind; the workbook's sheets imported one by one (`--sheet`)
/// into an empty file give the same workbook again.
#[test]
fn export_all_writes_every_kind_to_a_folder_or_one_workbook_that_comes_back_the_same() {
    let source = temp_db();
    assert!(kam_cli(&source.path, &["demo"]).status.success());
    let folder = source.dir.path().join("all");
    let out = kam_cli(&source.path, &["export", "all", "--out", folder.to_str().expect("path")]);
    assert!(out.status.success(), "{}", said(&out));
    for kind in KINDS {
        let single = export(&source.path, kind, "csv", source.dir.path());
        assert_eq!(contents(&folder.join(format!("{kind}.csv"))), contents(&single), "{kind} in the folder");
    }
    let book = source.dir.path().join("all.xlsx");
    let out = kam_cli(&source.path, &["export", "all", "--format", "xlsx", "--out", book.to_str().expect("path")]);
    assert!(out.status.success(), "{}", said(&out));

    let copy = temp_db();
    for kind in KINDS {
        let out = kam_cli(&copy.path, &["import", kind, book.to_str().expect("path"), "--sheet", kind]);
        assert!(out.status.success(), "import {kind} from the workbook: {}", said(&out));
    }
    let again = copy.dir.path().join("again.xlsx");
    let out = kam_cli(&copy.path, &["export", "all", "--format", "xlsx", "--out", again.to_str().expect("path")]);
    assert!(out.status.success(), "{}", said(&out));
    for kind in KINDS {
        let (a, b) = (sheet_contents(&book, kind), sheet_contents(&again, kind));
        assert!(a.len() > 1, "{kind}: some rows");
        assert_eq!(a, b, "{kind} came back otherwise through the workbook");
    }
    let out = kam_cli(&copy.path, &["export", "all"]);
    assert_eq!(out.status.code(), Some(2), "no --out is a usage error: {}", said(&out));
}

/// `--headers zh`: the manager's file in Chinese column names, which the
/// importer reads back as it is.
#[test]
fn chinese_headers_come_back_through_the_importer() {
    let source = temp_db();
    assert!(kam_cli(&source.path, &["demo"]).status.success());
    let copy = temp_db();
    for kind in KINDS {
        let file = source.dir.path().join(format!("{kind}-zh.csv"));
        let path = file.to_str().expect("path");
        let out = kam_cli(&source.path, &["export", kind, "--headers", "zh", "--out", path]);
        assert!(out.status.success(), "{}", said(&out));
        let header = contents(&file)[0].clone();
        assert!(header.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{kind}: {header}");
        let out = kam_cli(&copy.path, &["import", kind, path]);
        assert!(out.status.success() && said(&out).contains(" 0 rows rejected"), "{kind}: {}", said(&out));
    }
    for kind in KINDS {
        let a = export(&source.path, kind, "csv", source.dir.path());
        let b = export(&copy.path, kind, "csv", copy.dir.path());
        assert_eq!(contents(&a), contents(&b), "{kind} through Chinese headers");
    }
}

/// A weekly file from the service desk and the contract system: a second
/// import keeps what is here, `--on-duplicate update` takes the news (and
/// keeps the record's own links).
#[test]
fn complaints_and_contracts_take_the_news_only_when_asked() {
    let db = temp_db();
    let dir = db.dir.path();
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("write");
        path.to_str().expect("path").to_string()
    };
    let accounts = write("a.csv", "name\n深圳华星光电\n");
    assert!(kam_cli(&db.path, &["import", "accounts", &accounts]).status.success());
    let week1 = write("k1.csv", "客户,投诉编号,投诉日期,投诉内容,状态\n深圳华星光电,TS-1,2026-11-02,屏幕闪烁,新建\n");
    let week2 = write(
        "k2.csv",
        "客户,投诉编号,投诉日期,投诉内容,状态,原因,解决日期\n深圳华星光电,TS-1,2026-11-02,屏幕闪烁,已解决,驱动版本旧,2026-11-09\n",
    );
    let c1 =
        write("c1.csv", "客户,合同编号,合同名称,合同金额,签约日期\n深圳华星光电,HT-1,显示屏采购,100000,2026-11-01\n");
    let c2 = write(
        "c2.csv",
        "客户,合同编号,合同名称,合同金额,签约日期,合同状态\n深圳华星光电,HT-1,显示屏采购,120000,2026-11-01,履行中\n",
    );
    for file in [&week1, &c1] {
        let out = kam_cli(&db.path, &["import", if file == &c1 { "contracts" } else { "complaints" }, file]);
        assert!(out.status.success(), "{}", said(&out));
    }
    let complaint = || said(&kam_cli(&db.path, &["list", "complaints", "--format", "csv"]));
    let contract = || said(&kam_cli(&db.path, &["list", "contracts", "--format", "csv"]));
    for (kind, file) in [("complaints", &week2), ("contracts", &c2)] {
        let out = kam_cli(&db.path, &["import", kind, file]);
        assert!(said(&out).contains("Nothing changed"), "{kind}: {}", said(&out));
    }
    assert!(complaint().contains(",new,"), "kept: {}", complaint());
    assert!(contract().contains("100000.00"), "kept: {}", contract());
    for (kind, file) in [("complaints", &week2), ("contracts", &c2)] {
        let out = kam_cli(&db.path, &["import", kind, file, "--on-duplicate", "update"]);
        assert!(out.status.success() && said(&out).contains("1 "), "{kind}: {}", said(&out));
    }
    assert!(complaint().contains(",resolved,") && complaint().contains("驱动版本旧"), "{}", complaint());
    assert!(contract().contains("120000.00") && contract().contains("in_progress"), "{}", contract());
    assert_eq!(complaint().lines().count(), 2, "one complaint, not two");
    // The contract's plan, corrected: the same instalment, a new day.
    let p1 = write("p1.csv", "合同编号,期次,款项,计划回款日期,计划回款金额\nHT-1,1,预付款,2026-12-01,120000\n");
    let p2 = write("p2.csv", "合同编号,期次,款项,计划回款日期,计划回款金额\nHT-1,1,预付款,2026-12-15,120000\n");
    assert!(kam_cli(&db.path, &["import", "instalments", &p1]).status.success());
    let plan = || said(&kam_cli(&db.path, &["list", "instalments", "--format", "csv"]));
    assert!(said(&kam_cli(&db.path, &["import", "instalments", &p2])).contains("Nothing changed"));
    assert!(plan().contains("2026-12-01"), "kept: {}", plan());
    let out = kam_cli(&db.path, &["import", "instalments", &p2, "--on-duplicate", "update"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(plan().contains("2026-12-15") && !plan().contains("2026-12-01"), "updated: {}", plan());
    // A bank file corrected: the receipt found by its UUID takes the new
    // amount, and the instalment's money follows.
    let r1 = write("r1.csv", "合同编号,期次,回款日期,回款金额,流水号\nHT-1,1,2026-01-05,50000,B-001\n");
    assert!(kam_cli(&db.path, &["import", "receipts", &r1]).status.success());
    let exported = export(&db.path, "receipts", "csv", dir);
    let text = std::fs::read_to_string(&exported).expect("read").replace("50000.00", "60000.00");
    let r2 = write("r2.csv", &text);
    assert!(said(&kam_cli(&db.path, &["import", "receipts", &r2])).contains("Nothing changed"));
    let out = kam_cli(&db.path, &["import", "receipts", &r2, "--on-duplicate", "update"]);
    assert!(said(&out).contains("1 already here took the file's values"), "{}", said(&out));
    let money = said(&kam_cli(&db.path, &["list", "receipts", "--format", "csv"]));
    assert!(money.contains("60000.00") && !money.contains("50000.00"), "{money}");
    assert!(plan().contains("60000.00"), "the instalment received it: {}", plan());
}

/// Every kind is listed too: contacts with their account, at most --limit,
/// in the columns the importer reads.
#[test]
fn contacts_are_listed_with_their_account() {
    let db = temp_db();
    assert!(kam_cli(&db.path, &["demo"]).status.success());
    let out = kam_cli(&db.path, &["list", "contacts", "--limit", "5", "--format", "csv"]);
    assert!(out.status.success(), "{}", said(&out));
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    assert!(lines[0].ends_with("uuid,account_uuid,account,name,title,phone,email,role,personal_notes"), "{text}");
    let table = said(&kam_cli(&db.path, &["list", "contacts", "--limit", "3"]));
    assert_eq!(table.lines().count(), 4, "{table}");
}

/// Activities corrected in a spreadsheet come back with
/// `--on-duplicate update`: each found by its UUID and written anew, the
/// file afterwards exactly what was imported.
#[test]
fn activities_take_a_corrected_files_values_when_asked() {
    let db = temp_db();
    assert!(kam_cli(&db.path, &["demo"]).status.success());
    let first = export(&db.path, "activities", "csv", db.dir.path());
    let mut reader = csv::Reader::from_path(&first).expect("read");
    let headers = reader.headers().expect("headers").clone();
    let result_at = headers.iter().position(|h| h == "result").expect("result");
    let mut records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let corrected: Vec<String> = records[0]
        .iter()
        .enumerate()
        .map(|(i, cell)| if i == result_at { "客户确认下周签约\n第二行".to_string() } else { cell.to_string() })
        .collect();
    records[0] = csv::StringRecord::from(corrected);
    let file = write_csv(&db.dir.path().join("corrected.csv"), &headers, &records);
    let path = file.to_str().expect("path");

    let out = kam_cli(&db.path, &["import", "activities", path]);
    assert!(said(&out).contains("Nothing changed"), "{}", said(&out));
    let out = kam_cli(&db.path, &["import", "activities", path, "--on-duplicate", "update"]);
    assert!(out.status.success(), "{}", said(&out));
    assert!(said(&out).contains(&format!("{} already here took the file's values", records.len())), "{}", said(&out));
    let again = export(&db.path, "activities", "csv", &db.dir.path().join("again").tap_dir());
    let mut reader = csv::Reader::from_path(&again).expect("read");
    let back: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    assert_eq!(back.len(), records.len(), "nothing added");
    assert_eq!(&back[0][result_at], "客户确认下周签约\n第二行");
    assert_eq!(back, records, "the file as imported");
}

/// A spreadsheet's save of `records` under `headers`, as a file.
fn write_csv(file: &Path, headers: &csv::StringRecord, records: &[csv::StringRecord]) -> PathBuf {
    let mut writer = csv::Writer::from_path(file).expect("write");
    writer.write_record(headers).expect("header");
    for record in records {
        writer.write_record(record).expect("record");
    }
    writer.flush().expect("flush");
    file.to_path_buf()
}

/// A folder made on the way.
trait TapDir {
    fn tap_dir(self) -> PathBuf;
}

impl TapDir for PathBuf {
    fn tap_dir(self) -> PathBuf {
        std::fs::create_dir_all(&self).expect("dir");
        self
    }
}

/// The plan exported, corrected in a spreadsheet (a visit moved and given
/// a purpose) and imported with `--on-duplicate update`: the visit is
/// moved (its first day kept), nothing is added.
#[test]
fn a_corrected_plan_moves_its_visits_when_asked() {
    let db = temp_db();
    assert!(kam_cli(&db.path, &["demo"]).status.success());
    let first = export(&db.path, "visits", "csv", db.dir.path());
    let mut reader = csv::Reader::from_path(&first).expect("read");
    let headers = reader.headers().expect("headers").clone();
    let at = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (day_at, state_at, purpose_at, uuid_at) = (at("planned_on"), at("state"), at("purpose"), at("uuid"));
    let mut records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let which = records.iter().position(|r| &r[state_at] == "planned").expect("a visit ahead");
    let (old_day, uuid) = (records[which][day_at].to_string(), records[which][uuid_at].to_string());
    let new_day = (chrono::NaiveDate::parse_from_str(&old_day, "%Y-%m-%d").expect("day") + chrono::Days::new(2))
        .format("%Y-%m-%d")
        .to_string();
    let changed: Vec<String> = records[which]
        .iter()
        .enumerate()
        .map(|(i, c)| match i {
            i if i == day_at => new_day.clone(),
            i if i == purpose_at => "带新样品".to_string(),
            _ => c.to_string(),
        })
        .collect();
    records[which] = csv::StringRecord::from(changed);
    let file = write_csv(&db.dir.path().join("plan.csv"), &headers, &records);
    let path = file.to_str().expect("path");
    let visits = |db: &Path| -> i64 {
        let conn = rusqlite::Connection::open(db).expect("open");
        conn.query_row("SELECT count(*) FROM planned_visit", [], |r| r.get(0)).expect("count")
    };
    let before = visits(&db.path);
    assert!(said(&kam_cli(&db.path, &["import", "visits", path])).contains("Nothing changed"));
    let out = kam_cli(&db.path, &["import", "visits", path, "--on-duplicate", "update"]);
    assert!(said(&out).contains("1 already here took the file's values"), "{}", said(&out));
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let (day, moved_from, purpose): (String, String, String) = conn
        .query_row("SELECT planned_on, moved_from, purpose FROM planned_visit WHERE uuid = ?1", [&uuid], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("the visit");
    assert_eq!((day, moved_from, purpose), (new_day, old_day, "带新样品".to_string()));
    let count: i64 = conn.query_row("SELECT count(*) FROM planned_visit", [], |r| r.get(0)).expect("count");
    assert_eq!(count, before, "nothing added");
}

/// A survey corrected in a spreadsheet (found by its UUID) takes the file's
/// answers with `--on-duplicate update`, and is never added twice.
#[test]
fn a_corrected_survey_takes_the_files_answers_when_asked() {
    let db = temp_db();
    assert!(kam_cli(&db.path, &["demo"]).status.success());
    let first = export(&db.path, "surveys", "csv", db.dir.path());
    let mut reader = csv::Reader::from_path(&first).expect("read");
    let headers = reader.headers().expect("headers").clone();
    let (overall_at, feedback_at) = (
        headers.iter().position(|h| h == "overall").expect("overall"),
        headers.iter().position(|h| h == "feedback").expect("feedback"),
    );
    let mut records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    let changed: Vec<String> = records[0]
        .iter()
        .enumerate()
        .map(|(i, c)| match i {
            i if i == overall_at => "3".to_string(),
            i if i == feedback_at => "交付延迟一周".to_string(),
            _ => c.to_string(),
        })
        .collect();
    records[0] = csv::StringRecord::from(changed);
    let file = write_csv(&db.dir.path().join("surveys-corrected.csv"), &headers, &records);
    let path = file.to_str().expect("path");
    assert!(said(&kam_cli(&db.path, &["import", "surveys", path])).contains("Nothing changed"));
    let out = kam_cli(&db.path, &["import", "surveys", path, "--on-duplicate", "update"]);
    assert!(out.status.success(), "{}", said(&out));
    let again = export(&db.path, "surveys", "csv", &db.dir.path().join("again").tap_dir());
    let back: Vec<csv::StringRecord> =
        csv::Reader::from_path(&again).expect("read").records().map(|r| r.expect("record")).collect();
    assert_eq!(back.len(), records.len(), "nothing added");
    assert_eq!((&back[0][overall_at], &back[0][feedback_at]), ("3", "交付延迟一周"));
}
