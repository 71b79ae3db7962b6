//! The files people really have, each through `kam import`: Excel's
//! "Unicode text" (UTF-16, tab-separated), semicolon files, CRLF endings
//! and cells of several lines (rows numbered as a spreadsheet numbers
//! them), dates with times, a column left out with `--map HEADER=`, and
//! the files that cannot be read — empty, NUL bytes, a header twice —
//! each with its own message. A dry run exits 1 when a row would be
//! rejected, and never makes a database.

mod common;

use common::{kam_cli, temp_db};
use rusqlite::Connection;

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path.to_string_lossy().into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn names(db: &std::path::Path) -> Vec<(String, String)> {
    let conn = Connection::open(db).expect("open");
    conn.prepare("SELECT name, region FROM account ORDER BY name")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn excels_unicode_text_and_semicolon_files_import() {
    let db = temp_db();
    let text = "名称\t地区\n平安银行\t深圳\n招商银行\t深圳\n";
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
    let file = write(db.dir.path(), "unicode.txt", &utf16);
    let out = kam_cli(&db.path, &["import", "accounts", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("UTF-16 LE"), "the encoding is named");
    let semi = write(db.dir.path(), "semi.csv", "name;region;notes\nAcme GmbH;Bayern;\"a; b\"\n".as_bytes());
    let out = kam_cli(&db.path, &["import", "accounts", &semi]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        names(&db.path),
        vec![
            ("Acme GmbH".to_string(), "Bayern".to_string()),
            ("平安银行".to_string(), "深圳".to_string()),
            ("招商银行".to_string(), "深圳".to_string())
        ]
    );
}

#[test]
fn rows_are_numbered_as_a_spreadsheet_numbers_them() {
    let db = temp_db();
    // CRLF endings and a cell of three lines: the bad date is on row 4
    // (the header is row 1), whatever the line count says.
    let csv = "name,notes,created_at\r\nA,\"one\r\ntwo\r\nthree\",\r\nB,x,\r\nC,y,yesterday\r\n";
    let file = write(db.dir.path(), "crlf.csv", csv.as_bytes());
    let out = kam_cli(&db.path, &["import", "accounts", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("row 4"), "{}", stderr(&out));
}

#[test]
fn dates_with_times_are_the_day_written() {
    let db = temp_db();
    kam_cli(&db.path, &["import", "accounts", &write(db.dir.path(), "a.csv", b"name\nAcme\n")]);
    let csv = "title,account,stage,close_date,amount\n\
               One,Acme,won,2018-02-26 19:58:54,100\n\
               Two,Acme,won,2018-02-27T08:00:00Z,200\n\
               Three,Acme,won,2018/02/28,300\n";
    let file = write(db.dir.path(), "deals.csv", csv.as_bytes());
    let out = kam_cli(&db.path, &["import", "opportunities", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let days: Vec<String> = conn
        .prepare("SELECT closed_on FROM opportunity ORDER BY closed_on")
        .expect("prepare")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(days, ["2018-02-26", "2018-02-27", "2018-02-28"]);
    // Month first is never guessed.
    let us = write(db.dir.path(), "us.csv", b"title,account,stage,close_date\nFour,Acme,won,2/26/2018\n");
    let out = kam_cli(&db.path, &["import", "opportunities", &us]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("row 2") && stderr(&out).contains("close_date"), "{}", stderr(&out));
}

#[test]
fn a_column_is_left_out_with_an_empty_map() {
    let db = temp_db();
    let file = write(db.dir.path(), "a.csv", b"name,region,status\nAcme,North,not a status\n");
    // The status column would be refused; left out, the row imports.
    assert_eq!(kam_cli(&db.path, &["import", "accounts", &file]).status.code(), Some(1));
    let out = kam_cli(&db.path, &["import", "accounts", &file, "--map", "status="]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("status"), "the column left out is named: {}", stderr(&out));
    assert_eq!(names(&db.path), vec![("Acme".to_string(), "North".to_string())]);
}

#[test]
fn unreadable_files_get_their_own_messages_and_nothing_is_written() {
    let db = temp_db();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.csv", b"", "empty"),
        ("blank.csv", b"\xEF\xBB\xBF\n\n", "empty"),
        ("nul.csv", b"name,region\nAc\0me,North\n", "NUL"),
        ("twice.csv", b"name,region,Region\nAcme,North,South\n", "twice"),
    ];
    for (name, bytes, says) in cases {
        let file = write(db.dir.path(), name, bytes);
        let out = kam_cli(&db.path, &["import", "accounts", &file]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(stderr(&out).contains(says), "{name}: {}", stderr(&out));
    }
    assert!(
        stderr(&kam_cli(
            &db.path,
            &["import", "accounts", &write(db.dir.path(), "n.csv", b"name,region\nAc\0me,North\n")]
        ))
        .contains("row 2")
    );
    // The same in Chinese, for a rep who works in Chinese.
    let in_chinese = |file: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
            .arg("--db")
            .arg(&db.path)
            .args(["--lang", "zh-CN", "import", "accounts", file])
            .env("KAM_CONFIG", db.path.with_extension("toml"))
            .output()
            .expect("run kam");
        stderr(&out)
    };
    assert!(in_chinese(&write(db.dir.path(), "e.csv", b"")).contains("文件是空的"));
    assert!(in_chinese(&write(db.dir.path(), "t.csv", b"name,Name\nA,B\n")).contains("出现了两次"));
    assert!(in_chinese(&write(db.dir.path(), "j.json", b"{}")).contains("不是表格"));
    assert!(names(&db.path).is_empty());
}

#[test]
fn a_dry_run_fails_as_the_import_would_and_makes_no_file() {
    let db = temp_db();
    let bad = write(db.dir.path(), "bad.csv", b"name,status\nAcme,nonsense\nBeta,active\nGamma,???\n");
    let out = kam_cli(&db.path, &["import", "accounts", &bad, "--dry-run"]);
    assert_eq!(out.status.code(), Some(1), "a row would be rejected");
    assert!(!db.path.exists(), "a dry run made no database");
    // Rows and problems are counted apart.
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("3 rows, 2 rows rejected (2 problems)"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let good = write(db.dir.path(), "good.csv", b"name\nAcme\n");
    let out = kam_cli(&db.path, &["import", "accounts", &good, "--dry-run"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!db.path.exists());
}

#[test]
fn a_constant_gives_every_row_a_field_the_file_lacks() {
    let db = temp_db();
    kam_cli(&db.path, &["import", "accounts", &write(db.dir.path(), "a.csv", b"name\nAcme\n")]);
    // 842 won deals would come like this: no stage column at all.
    let file = write(
        db.dir.path(),
        "won.csv",
        b"title,account,close_date,amount\nOne,Acme,2018-02-26 10:00:00,100\nTwo,Acme,2018-03-01,50\n",
    );
    let out = kam_cli(&db.path, &["import", "opportunities", &file]);
    assert_eq!(out.status.code(), Some(1), "no stage: {}", stderr(&out));
    let out = kam_cli(&db.path, &["import", "opportunities", &file, "--set", "stage=won"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let won: (i64, i64) = conn
        .query_row("SELECT count(*), sum(amount_cents) FROM opportunity WHERE outcome = 'won'", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("won");
    assert_eq!(won, (2, 15_000));
    let out = kam_cli(&db.path, &["import", "opportunities", &file, "--set", "price=1", "--dry-run"]);
    assert_ne!(out.status.code(), Some(0), "an unknown field is refused");
    assert!(stderr(&out).contains("price"), "{}", stderr(&out));
}

#[test]
fn a_workbook_imports_from_its_first_sheet_or_the_one_named() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let db = temp_db();
    kam_cli(
        &db.path,
        &[
            "import",
            "accounts",
            &write(db.dir.path(), "a.csv", b"name\n\xE5\xB9\xB3\xE5\xAE\x89\xE9\x93\xB6\xE8\xA1\x8C\n"),
        ],
    );
    let path = db.dir.path().join("deals.xlsx");
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").expect("name");
    notes.write_string(0, 0, "这一页不是数据").expect("write");
    let sheet = book.add_worksheet();
    sheet.set_name("成交").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (col, h) in ["项目名称", "客户", "阶段", "成交日期", "金额"].iter().enumerate() {
        sheet.write_string(0, col as u16, *h).expect("header");
    }
    sheet.write_string(1, 0, "核心系统升级").expect("cell");
    sheet.write_string(1, 1, "平安银行").expect("cell");
    sheet.write_string(1, 2, "won").expect("cell");
    let day = ExcelDateTime::from_ymd(2018, 2, 26).expect("day");
    sheet.write_datetime_with_format(1, 3, &day, &date).expect("date");
    sheet.write_number(1, 4, 1_200_000.0).expect("amount");
    book.save(&path).expect("save");
    let file = path.to_string_lossy().into_owned();
    // The first sheet is the notes: no title column there.
    let out = kam_cli(&db.path, &["import", "opportunities", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let out = kam_cli(&db.path, &["import", "opportunities", &file, "--sheet", "成交"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let deal: (String, String, i64) = conn
        .query_row("SELECT title, closed_on, amount_cents FROM opportunity", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("deal");
    assert_eq!(deal, ("核心系统升级".to_string(), "2018-02-26".to_string(), 120_000_000));
    let out = kam_cli(&db.path, &["import", "opportunities", &file, "--sheet", "Sheet9"]);
    assert!(stderr(&out).contains("Sheet9") && stderr(&out).contains("成交"), "the sheets are named: {}", stderr(&out));
}

#[test]
fn day_first_or_month_first_days_come_in_with_their_format() {
    let db = temp_db();
    kam_cli(&db.path, &["import", "accounts", &write(db.dir.path(), "a.csv", b"name\nAcme\n")]);
    let file = write(
        db.dir.path(),
        "us.csv",
        b"title,account,stage,close_date\nOne,Acme,won,2/26/2018\nTwo,Acme,won,12/1/2018 4:05 PM\n",
    );
    let out = kam_cli(&db.path, &["import", "opportunities", &file, "--date-format", "%m/%d/%Y"]);
    // The second has a time the format does not say: named, nothing written.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("row 3"), "{}", stderr(&out));
    let out = kam_cli(&db.path, &["import", "opportunities", &file, "--date-format", "%m/%d/%Y", "--skip-invalid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let day: String = conn.query_row("SELECT closed_on FROM opportunity", [], |r| r.get(0)).expect("day");
    assert_eq!(day, "2018-02-26");
}

#[test]
fn a_json_list_of_records_imports_and_other_json_is_named_not_misread() {
    let db = temp_db();
    let file =
        write(db.dir.path(), "accounts.json", "[{\"name\": \"Acme\", \"annual_purchase_cents\": 123456}]\n".as_bytes());
    let out = kam_cli(&db.path, &["import", "accounts", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("(JSON)"), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let cents: i64 = conn.query_row("SELECT annual_purchase_cents FROM account", [], |r| r.get(0)).expect("cents");
    assert_eq!(cents, 123_456);
    let file = write(db.dir.path(), "one.json", b"{\"name\": \"Acme\"}\n");
    let out = kam_cli(&db.path, &["import", "accounts", &file]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("JSON") && stderr(&out).contains("xlsx"), "{}", stderr(&out));
}

fn maven(path: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/maven-crm")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

fn deals_and_won(db: &std::path::Path) -> (i64, i64) {
    let conn = Connection::open(db).expect("open");
    conn.query_row(
        "SELECT count(*), coalesce(sum(CASE WHEN outcome = 'won' THEN amount_cents END), 0) FROM opportunity",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .expect("count")
}

#[test]
fn the_same_pipeline_imported_twice_with_its_key_is_there_once() {
    let db = temp_db();
    let pipeline = maven("sales_pipeline.csv");
    let mut args: Vec<String> = ["import", "opportunities", &pipeline, "--key", "opportunity_id", "--create-accounts"]
        .map(String::from)
        .to_vec();
    for map in ["Prospecting=1", "Engaging=3", "Won=won", "Lost=lost"] {
        args.extend(["--stage-map".to_string(), map.to_string()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = kam_cli(&db.path, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = deals_and_won(&db.path);
    assert_eq!(first.0, 8800);
    let out = kam_cli(&db.path, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("8800 already here"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(deals_and_won(&db.path), first, "8,800 deals and the same won total");
    // The key is kept on each deal.
    let conn = Connection::open(&db.path).expect("open");
    let keyed: i64 = conn
        .query_row("SELECT count(*) FROM opportunity WHERE external_id IS NOT NULL", [], |r| r.get(0))
        .expect("keyed");
    assert_eq!(keyed, 8800);
}

#[test]
fn a_changed_file_with_update_refreshes_the_deals_it_names() {
    let db = temp_db();
    kam_cli(&db.path, &["import", "accounts", &write(db.dir.path(), "a.csv", b"name\nAcme\n")]);
    let v1 = write(
        db.dir.path(),
        "v1.csv",
        b"id,title,account,stage,amount,close_date\nD1,Pumps,Acme,3,100,\nD2,Valves,Acme,3,200,\n",
    );
    assert!(kam_cli(&db.path, &["import", "opportunities", &v1, "--key", "id"]).status.success());
    // A week later: D1 won at a new amount, D2 unchanged, D3 new.
    let v2 = write(
        db.dir.path(),
        "v2.csv",
        b"id,title,account,stage,amount,close_date\nD1,Pumps,Acme,won,150,2026-11-20\nD2,Valves,Acme,3,200,\nD3,Seals,Acme,1,50,\n",
    );
    let out = kam_cli(&db.path, &["import", "opportunities", &v2, "--key", "id"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 already here"), "without --on-duplicate update");
    let out = kam_cli(&db.path, &["import", "opportunities", &v2, "--key", "id", "--on-duplicate", "update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let rows: Vec<(String, String, i64, Option<String>)> = conn
        .prepare("SELECT external_id, outcome, amount_cents, closed_on FROM opportunity ORDER BY external_id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        rows,
        vec![
            ("D1".to_string(), "won".to_string(), 15_000, Some("2026-11-20".to_string())),
            ("D2".to_string(), "open".to_string(), 20_000, None),
            ("D3".to_string(), "open".to_string(), 5_000, None),
        ]
    );
}

#[test]
fn contacts_imported_twice_with_their_key_are_there_once() {
    let db = temp_db();
    kam_cli(&db.path, &["import", "accounts", &write(db.dir.path(), "a.csv", b"name\nAcme\n")]);
    let file = write(
        db.dir.path(),
        "c.csv",
        b"contact_id,name,account,phone\nC1,Li Lei,Acme,13800000001\nC2,Han Meimei,Acme,13800000002\n",
    );
    assert!(kam_cli(&db.path, &["import", "contacts", &file, "--key", "contact_id"]).status.success());
    let out = kam_cli(&db.path, &["import", "contacts", &file, "--key", "contact_id"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 already here"));
    let changed = write(db.dir.path(), "c2.csv", b"contact_id,name,account,phone\nC1,Li Lei,Acme,13900000009\n");
    let out = kam_cli(&db.path, &["import", "contacts", &changed, "--key", "contact_id", "--on-duplicate", "update"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let rows: Vec<(String, String)> = conn
        .prepare("SELECT name, phone FROM contact ORDER BY name")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        rows,
        vec![("Han Meimei".to_string(), "13800000002".to_string()), ("Li Lei".to_string(), "13900000009".to_string())]
    );
}

#[test]
fn a_dump_of_deals_comes_back_the_same_outcomes_and_days_included() {
    let source = common::demo_db();
    let dir = tempfile::tempdir().expect("dir");
    let export = |db: &std::path::Path, kind: &str, name: &str| {
        let path = dir.path().join(name);
        let out = kam_cli(db, &["export", kind, "--out", path.to_str().expect("path")]);
        assert!(out.status.success(), "{}", stderr(&out));
        path
    };
    let accounts = export(&source.path, "accounts", "accounts.csv");
    let deals = export(&source.path, "opportunities", "deals.csv");
    let copy = temp_db();
    let out = kam_cli(&copy.path, &["import", "accounts", accounts.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = kam_cli(&copy.path, &["import", "opportunities", deals.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let again = export(&copy.path, "opportunities", "deals-again.csv");
    let (first, second) =
        (std::fs::read_to_string(&deals).expect("read"), std::fs::read_to_string(&again).expect("read"));
    assert!(first.contains(",won,") && first.contains(",lost,"), "the demo has closed deals");
    assert_eq!(first, second, "export → import → export gives the same file");
    // Once more: nothing doubles, nothing changes.
    let out = kam_cli(&copy.path, &["import", "opportunities", deals.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let third = export(&copy.path, "opportunities", "deals-third.csv");
    assert_eq!(std::fs::read_to_string(third).expect("read"), first);
}

#[test]
fn activities_come_in_as_kam_log_takes_them() {
    let db = temp_db();
    let accounts = write(db.dir.path(), "a.csv", "name\n厦门航空有限公司\n厦门国际银行\n平安银行\n".as_bytes());
    assert!(kam_cli(&db.path, &["import", "accounts", &accounts]).status.success());
    let contacts = write(db.dir.path(), "c.csv", "name,account\n王强,平安银行\n李娜,平安银行\n".as_bytes());
    assert!(kam_cli(&db.path, &["import", "contacts", &contacts]).status.success());
    let csv = "客户,日期,时间,方式,联系人,目的,结果,下一步,下次日期\n\
               平安银行,2026-11-20,14:30,拜访,王强、李娜,方案交流,\"客户认可方案\n预算待批\",发报价,2026-11-27\n\
               平安,2026-11-21,,电话,,确认预算,,,\n\
               厦门,2026-11-21,,Phone,,问候,,,\n\
               平安银行,2026-11-22,,飞鸽传书,,跟进,,,\n";
    let file = write(db.dir.path(), "acts.csv", csv.as_bytes());
    let out = kam_cli(&db.path, &["import", "activities", &file]);
    assert_eq!(out.status.code(), Some(1), "two rows are wrong");
    let err = stderr(&out);
    assert!(
        err.contains("row 4") && err.contains("厦门航空有限公司") && err.contains("厦门国际银行"),
        "the candidates: {err}"
    );
    assert!(err.contains("row 5") && err.contains("飞鸽传书"), "{err}");
    // The channel mapped, the ambiguous row left out.
    let out =
        kam_cli(&db.path, &["import", "activities", &file, "--channel-map", "飞鸽传书=email_im", "--skip-invalid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let conn = Connection::open(&db.path).expect("open");
    let rows: Vec<(String, String, Option<String>, String, String)> = conn
        .prepare("SELECT occurred_on, channel, occurred_time, purpose, result FROM activity ORDER BY occurred_on, id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].1, "visit");
    assert_eq!(rows[0].2.as_deref(), Some("14:30"));
    assert_eq!(rows[0].4, "客户认可方案\n预算待批", "the result's lines kept");
    assert_eq!(rows[1].1, "phone", "平安 is the one account a search finds");
    assert_eq!(rows[2].1, "email_im");
    let met: i64 = conn.query_row("SELECT count(*) FROM activity_contact", [], |r| r.get(0)).expect("contacts");
    assert_eq!(met, 2);
    // Again: nothing doubles.
    let out =
        kam_cli(&db.path, &["import", "activities", &file, "--channel-map", "飞鸽传书=email_im", "--skip-invalid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("3 already here"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn activities_exported_come_back_the_same() {
    let source = common::demo_db();
    let dir = tempfile::tempdir().expect("dir");
    let export = |db: &std::path::Path, kind: &str, name: &str| {
        let path = dir.path().join(name);
        let out = kam_cli(db, &["export", kind, "--out", path.to_str().expect("path")]);
        assert!(out.status.success(), "{}", stderr(&out));
        path
    };
    let files: Vec<(&str, std::path::PathBuf)> = ["accounts", "contacts", "activities"]
        .iter()
        .map(|kind| (*kind, export(&source.path, kind, &format!("{kind}.csv"))))
        .collect();
    let copy = temp_db();
    for (kind, path) in &files {
        let out = kam_cli(&copy.path, &["import", kind, path.to_str().expect("path")]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
    }
    let again = export(&copy.path, "activities", "activities-again.csv");
    let first = std::fs::read_to_string(&files[2].1).expect("read");
    assert!(first.lines().count() > 500, "the demo's year of activities");
    assert_eq!(first, std::fs::read_to_string(again).expect("read"), "export → import → export gives the same file");
    let out = kam_cli(&copy.path, &["import", "activities", files[2].1.to_str().expect("path")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("already here"), "a second import adds nothing");
}

/// Activities are written as they are read: a row finds the rows of the
/// file before it. A follow-up kept of an activity further down is still
/// linked, and a row given twice (the same UUID) is one activity.
#[test]
fn activities_written_as_read_link_forward_and_take_a_repeated_row_once() {
    let source = common::demo_db();
    let dir = tempfile::tempdir().expect("dir");
    let export = |db: &std::path::Path, kind: &str| {
        let path = dir.path().join(format!("{kind}.csv"));
        let out = kam_cli(db, &["export", kind, "--out", path.to_str().expect("path")]);
        assert!(out.status.success(), "{}", stderr(&out));
        path
    };
    let (accounts, contacts, activities) =
        (export(&source.path, "accounts"), export(&source.path, "contacts"), export(&source.path, "activities"));
    // Newest first: every kept follow-up comes after the activity that
    // kept it; and the newest row once more at the end.
    let mut reader = csv::Reader::from_path(&activities).expect("read");
    let header = reader.byte_headers().expect("header").clone();
    let rows: Vec<csv::ByteRecord> = reader.byte_records().collect::<Result<_, _>>().expect("rows");
    let reversed = dir.path().join("reversed.csv");
    let mut out = csv::Writer::from_path(&reversed).expect("write");
    out.write_byte_record(&header).expect("header");
    for row in rows.iter().rev().chain(rows.last()) {
        out.write_byte_record(row).expect("row");
    }
    out.flush().expect("flush");
    let reversed = reversed.to_str().expect("path").to_string();
    let copy = temp_db();
    for (kind, file) in [("accounts", &accounts), ("contacts", &contacts)] {
        assert!(kam_cli(&copy.path, &["import", kind, file.to_str().expect("path")]).status.success());
    }
    let out = kam_cli(&copy.path, &["import", "activities", &reversed]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 already here"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let links = |path: &std::path::Path| -> (i64, i64, i64) {
        let conn = Connection::open(path).expect("open");
        conn.query_row("SELECT count(*), count(keeps_id), count(follow_up_closed_on) FROM activity", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("count")
    };
    let (all, kept, closed) = links(&source.path);
    assert!(kept > 10, "the demo keeps follow-ups: {kept}");
    assert_eq!(links(&copy.path), (all, kept, closed), "every activity, kept follow-up and closed one");
}

/// A file bigger than the first read is read as it streams in: a Chinese
/// character cut by the first read's end is read whole, a bad row far down
/// is named by its row and leaves the file as it was, and with
/// `--skip-invalid` every other row lands.
#[test]
fn a_big_file_streams_in_and_a_late_bad_row_leaves_nothing_written() {
    let db = temp_db();
    let mut text = String::from("name,region,annual_purchase\n");
    let mut n = 0;
    while text.len() < 200 * 1024 {
        n += 1;
        text.push_str(&format!("深圳华星光电第{n}有限公司,深圳,1000.00\n"));
    }
    text.push_str("最后一家公司,深圳,not money\n");
    let file = write(db.dir.path(), "big.csv", text.as_bytes());
    let out = kam_cli(&db.path, &["import", "accounts", &file]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let last_row = n + 2;
    assert!(stderr(&out).contains(&format!("row {last_row}")), "{}", stderr(&out));
    assert!(names(&db.path).is_empty(), "nothing written when a row is bad");
    let out = kam_cli(&db.path, &["import", "accounts", &file, "--skip-invalid"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names = names(&db.path);
    assert_eq!(names.len(), n);
    assert!(names.contains(&(format!("深圳华星光电第{n}有限公司"), "深圳".to_string())));
}

/// A GBK file whose first rows are plain ASCII (English names sorted
/// first, more than the 64 KB kam looks at first) is still read as GBK:
/// only a file that is UTF-8 to its end is streamed as UTF-8.
#[test]
fn a_gbk_file_that_opens_with_plain_english_is_read_as_gbk() {
    let db = temp_db();
    let mut text = String::from("name,region\n");
    for n in 0..3000 {
        text.push_str(&format!("Acme Trading Company Number {n:05},Shenzhen\n"));
    }
    assert!(text.len() > 64 * 1024, "the English part is longer than the first look");
    text.push_str("平安银行,深圳\n招商银行,深圳\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let file = write(db.dir.path(), "gbk.csv", &gbk);
    let out = kam_cli(&db.path, &["import", "accounts", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    let got = names(&db.path);
    assert_eq!(got.len(), 3002);
    assert!(got.contains(&("平安银行".to_string(), "深圳".to_string())), "{:?}", &got[got.len() - 2..]);
}
