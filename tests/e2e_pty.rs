//! End to end: the real `kam` binary in a pseudo-terminal, typed at like a
//! person would, read back from the screen and then from the file.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kam::ops;
use kam::store::{NewAccount, Store};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn text(&self) -> String {
        self.parser.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    /// Waits until the screen shows `needle`, or fails with what it shows.
    fn wait_for(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.text().contains(needle) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("screen never showed {needle:?}; it shows:\n{}", self.text());
    }
}

/// The real binary in a pseudo-terminal of 120x40, on `db`.
struct Kam {
    screen: Screen,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    /// Held so the terminal stays open while kam runs.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Drop for Kam {
    /// A failed test must not leave kam running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

impl Kam {
    fn start(db: &std::path::Path, lang: &str) -> Kam {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).expect("pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kam"));
        cmd.arg("--db");
        cmd.arg(db);
        cmd.arg("--lang");
        cmd.arg(lang);
        cmd.env("TERM", "xterm-256color");
        cmd.env("KAM_CONFIG", db.with_extension("toml"));
        let child = pair.slave.spawn_command(cmd).expect("spawn kam");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        let writer = pair.master.take_writer().expect("writer");
        Kam { screen: Screen { parser }, writer, child, _master: pair.master }
    }

    /// Types `bytes` and lets the app take them as one burst of keys.
    fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write");
        self.writer.flush().expect("flush");
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_for(&self, needle: &str) {
        self.screen.wait_for(needle);
    }

    /// Quits with q and checks the exit status.
    fn quit(&mut self) {
        self.keys(b"q");
        let deadline = Instant::now() + Duration::from_secs(10);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "kam did not quit");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "kam exited with {status:?}");
    }
}

#[test]
fn log_an_activity_in_chinese_and_find_it_in_the_report_and_the_file() {
    let db = common::temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        ops::add_account(&mut store, &NewAccount::named("中国铁路建设集团"), chrono::Local::now().date_naive())
            .expect("account");
    }
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("中国铁路建设集团");
    kam.keys(b"a");
    kam.wait_for("Log activity");
    kam.keys("介绍新产品方案".as_bytes());
    kam.keys(b"\t"); // to Result
    kam.keys("客户有兴趣".as_bytes());
    kam.keys(b"\x13"); // Ctrl-S
    kam.wait_for("Saved. Next entry");
    kam.keys(b"\x1b"); // Esc: the fresh form is untouched, so it closes
    kam.wait_for("1 activity logged");
    kam.keys(b"4");
    kam.wait_for("Daily sales report");
    kam.wait_for("介绍新产品方案");
    kam.quit();

    let conn = rusqlite::Connection::open(&db.path).expect("open file");
    let rows: Vec<(String, String, String, String)> = conn
        .prepare("SELECT a.name, t.channel, t.purpose, t.result FROM activity t JOIN account a ON a.id = t.account_id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        rows,
        vec![(
            "中国铁路建设集团".to_string(),
            "visit".to_string(),
            "介绍新产品方案".to_string(),
            "客户有兴趣".to_string()
        )]
    );
}

#[test]
fn create_an_account_and_its_contact_from_the_keyboard() {
    let db = common::temp_db();
    let mut kam = Kam::start(&db.path, "zh-CN");
    kam.wait_for("欢迎使用 kam");
    kam.keys(b"\x1b"); // start empty
    kam.wait_for("这是谁的客户资料");
    kam.keys("王芳".as_bytes());
    kam.keys(b"\r");
    kam.wait_for("此文件属于 王芳");
    kam.wait_for("还没有客户");
    kam.keys(b"n");
    kam.wait_for("新建客户");
    kam.keys("深圳华信科技有限公司".as_bytes());
    kam.keys(b"\t");
    kam.keys("华信科技".as_bytes());
    kam.keys(b"\t\t"); // past the segment to the annual purchase
    kam.keys("650万".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("已新建 深圳华信科技有限公司");
    // The new account's detail is open: c adds a contact.
    kam.keys(b"c");
    kam.wait_for("新建联系人");
    kam.keys("王建华".as_bytes());
    kam.keys(b"\t");
    kam.keys("采购总监".as_bytes());
    kam.keys(b"\t");
    kam.keys(b"\x1b[C"); // → : from user to the next decision role, technical
    kam.keys(b"\t");
    kam.keys(b"13800138000");
    kam.keys(b"\x13");
    kam.wait_for("已保存 王建华");
    kam.wait_for("王建华  采购总监  技术  13800138000");
    kam.quit();

    let store = Store::open(&db.path).expect("open");
    let rows = store.accounts_page(&kam_seek_first(), 10).expect("page");
    assert_eq!(rows.len(), 1);
    let account = store.account(rows[0].id).expect("get").expect("exists").fields;
    assert_eq!((account.name.as_str(), account.short_name.as_str()), ("深圳华信科技有限公司", "华信科技"));
    assert_eq!(account.tier, kam::domain::Tier::A, "6.5 million a year: tier A by the default thresholds");
    let contacts = store.contacts_of(rows[0].id, 10).expect("contacts");
    assert_eq!(contacts.len(), 1);
    let c = &contacts[0].fields;
    assert_eq!((c.name.as_str(), c.title.as_str(), c.phone.as_str()), ("王建华", "采购总监", "13800138000"));
    assert_eq!(c.role, kam::domain::DecisionRole::Technical);
}

fn kam_seek_first() -> kam::store::Seek<kam::store::AccountKey> {
    kam::store::Seek::First
}

#[test]
fn sigterm_restores_the_terminal_and_loses_nothing_saved() {
    let db = common::temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        ops::add_account(&mut store, &NewAccount::named("平安银行"), chrono::Local::now().date_naive())
            .expect("account");
    }
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("平安银行");
    assert!(
        kam.screen.parser.lock().map(|p| p.screen().alternate_screen()).unwrap_or(false),
        "the app draws on the alternate screen"
    );
    let pid = kam.child.process_id().expect("pid");
    let killed = std::process::Command::new("kill").args(["-TERM", &pid.to_string()]).status().expect("kill");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = kam.child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "kam ignored SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    std::thread::sleep(Duration::from_millis(200));
    assert!(!kam.screen.parser.lock().map(|p| p.screen().alternate_screen()).unwrap_or(true), "terminal restored");
    assert_eq!(
        Store::open(&db.path).expect("reopen").accounts_page(&kam::store::Seek::First, 5).expect("page").len(),
        1
    );
}

#[test]
fn drive_a_deal_from_research_to_won_with_the_keyboard() {
    let db = common::temp_db();
    let deal_id = {
        let mut store = Store::open(&db.path).expect("open");
        let today = chrono::Local::now().date_naive();
        let account = ops::add_account(&mut store, &NewAccount::named("平安银行"), today).expect("account");
        ops::add_deal(
            &mut store,
            &kam::store::NewOpportunity {
                account_id: account,
                title: "核心系统升级".into(),
                stage: kam::domain::Stage::Research,
                outcome: kam::domain::Outcome::Open,
                amount: kam::domain::Money::from_yuan(2_000_000),
                probability: None,
                expected_close_on: None,
                lost_reason: String::new(),
            },
        )
        .expect("deal")
    };
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("平安银行");
    kam.keys(b"2");
    kam.wait_for("核心系统升级");
    for stage in ["Analysis", "First contact", "Relationship", "Close"] {
        kam.keys(b">");
        kam.wait_for(&format!("to {stage} with the checklist unmet"));
    }
    kam.keys(b">");
    kam.wait_for("Close ends with an outcome: press o");
    kam.keys(b"o");
    kam.wait_for("Outcome");
    kam.keys(b"\x13"); // Ctrl-S: the first choice, won, its contract now
    kam.wait_for("Won: the contract of 核心系统升级");
    kam.keys(b"\x13"); // the plan drafted from the usual terms adds up
    kam.wait_for("Contract saved: 核心系统升级");
    kam.quit();

    let store = Store::open(&db.path).expect("open");
    let deal = store.opportunity(deal_id).expect("get").expect("exists");
    assert_eq!((deal.stage, deal.outcome), (kam::domain::Stage::Maintain, kam::domain::Outcome::Won));
    let history = store.stage_history(deal_id).expect("history");
    let path: Vec<(Option<u8>, u8, Option<String>)> =
        history.iter().map(|m| (m.from.map(|s| s.number()), m.to.number(), m.outcome.clone())).collect();
    assert_eq!(
        path,
        vec![
            (None, 1, None),
            (Some(1), 2, None),
            (Some(2), 3, None),
            (Some(3), 4, None),
            (Some(4), 5, None),
            (Some(5), 6, Some("won".into()))
        ]
    );
    assert!(history[1..5].iter().all(|m| !m.unmet.is_empty()), "every move past an empty checklist was forced");
}

/// Another process's write shows up without a key, and `u` names it and
/// asks before taking it back.
#[test]
fn a_kam_log_entry_appears_by_itself_and_undo_asks_before_taking_it_back() {
    let db = common::temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        ops::add_account(&mut store, &NewAccount::named("中国铁路建设集团"), chrono::Local::now().date_naive())
            .expect("account");
    }
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("中国铁路建设集团");
    kam.keys(b"4");
    kam.wait_for("Daily sales report");

    let logged = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .args(["log", "--account", "中国铁路建设集团", "--channel", "phone", "--purpose", "From the shell"])
        .output()
        .expect("kam log");
    assert!(logged.status.success(), "{}", String::from_utf8_lossy(&logged.stderr));
    // No key is pressed: the app notices the write on its idle tick.
    let shown = Instant::now();
    kam.wait_for("From the shell");
    assert!(shown.elapsed() < Duration::from_secs(5), "shown after {:?}", shown.elapsed());

    kam.keys(b"u");
    kam.wait_for("made by kam log");
    kam.keys(b"n"); // any key but y keeps it
    let count = || -> i64 {
        let conn = rusqlite::Connection::open(&db.path).expect("open");
        conn.query_row("SELECT count(*) FROM activity", [], |r| r.get(0)).expect("count")
    };
    assert_eq!(count(), 1, "kept");
    kam.keys(b"u");
    kam.wait_for("made by kam log");
    kam.keys(b"y");
    kam.wait_for("Undone: log activity with 中国铁路建设集团");
    assert_eq!(count(), 0, "undone after the question");
    kam.keys(b"\x12"); // Ctrl-R
    kam.wait_for("Redone: log activity with 中国铁路建设集团");
    kam.wait_for("From the shell");
    assert_eq!(count(), 1, "redone");
    kam.quit();
}

/// The evening routine for a day gone by: on the Reports tab go back to
/// yesterday, log three activities there (one in Chinese, one with two
/// contacts and a deal), write the day's report with a three-line summary,
/// correct one activity's account, delete another, undo and redo; quit,
/// reopen, and find exactly that in `kam report daily --format json`.
#[test]
fn back_fill_yesterday_correct_it_and_find_it_in_the_report() {
    let db = common::temp_db();
    let today = chrono::Local::now().date_naive();
    let yesterday = today.pred_opt().expect("yesterday");
    {
        let mut store = Store::open(&db.path).expect("open");
        let mut boyuan = NewAccount::named("厦门博远软件股份有限公司");
        boyuan.short_name = "博远软件".into();
        let boyuan = ops::add_account(&mut store, &boyuan, today).expect("account");
        for name in ["张伟", "李娜"] {
            ops::add_contact(&mut store, &common::contact(boyuan, name)).expect("contact");
        }
        let deal = kam::store::NewOpportunity {
            account_id: boyuan,
            title: "ERP升级".into(),
            stage: kam::domain::Stage::Relationship,
            outcome: kam::domain::Outcome::Open,
            amount: kam::domain::Money::from_yuan(800_000),
            probability: None,
            expected_close_on: None,
            lost_reason: String::new(),
        };
        ops::add_deal(&mut store, &deal).expect("deal");
        for name in ["Harbor Freight Tools", "武汉万达建设", "武汉万达物流"] {
            ops::add_account(&mut store, &NewAccount::named(name), today).expect("account");
        }
    }
    let day = yesterday.format("%Y-%m-%d").to_string();
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("Harbor Freight Tools");
    kam.keys(b"4");
    kam.wait_for("Daily sales report");
    kam.keys(b"h");
    kam.wait_for(&format!("Daily sales report  {day}"));

    // 1: Chinese, two contacts, the deal, a time of day.
    kam.keys(b"a");
    kam.wait_for("Log activity");
    kam.wait_for(&day); // the form is for the day in view
    kam.keys(b"\x1b[Z"); // back from the account to the time
    kam.keys(b"09:30\t");
    kam.keys("博远".as_bytes());
    kam.wait_for("厦门博远软件股份有限公司");
    kam.keys(b"\t"); // take the suggestion
    kam.keys(b"\t"); // the channel: a visit
    kam.keys(b" \x1b[C "); // tick 张伟, move, tick 李娜
    kam.wait_for("[x] 张伟");
    kam.wait_for("[x] 李娜");
    kam.keys(b"\t\x1b[C"); // the deal
    kam.wait_for("< ERP升级 >");
    kam.keys(b"\t");
    kam.keys("技术交流，演示新版本".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("Saved. Next entry: (1)");
    // 2: a phone call to Harbor, typed channel.
    kam.keys(b"Harbor");
    kam.wait_for("Harbor Freight Tools");
    kam.keys(b"\tp\t\t\t"); // the channel typed; past contacts and deal
    kam.keys(b"Price follow-up");
    kam.keys(b"\x13");
    kam.wait_for("Saved. Next entry: (2)");
    // 3: logged to the wrong Wanda (a phone call too: the form keeps the
    // channel last used).
    kam.keys("万达建设".as_bytes());
    kam.wait_for("武汉万达建设");
    kam.keys(b"\t\t\t\t");
    kam.keys("现场勘察".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("Saved. Next entry: (3)");
    kam.keys(b"\x1b");
    kam.wait_for("3 activities logged");
    kam.wait_for("现场勘察");

    // The day's report, three lines.
    kam.keys(b"D");
    kam.wait_for(&format!("Daily report {day}"));
    kam.keys("拜访博远，演示顺利\r电话跟进 Harbor 报价\r万达物流现场勘察".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("Daily report saved");
    kam.wait_for("万达物流现场勘察");

    // Correct the third activity's account.
    kam.keys(b"jj\r");
    kam.wait_for("Activity");
    kam.keys(b"\x1b[Z\x1b[Z\x1b[Z\x1b[Z"); // from the purpose back to the account
    kam.keys("万达物流".as_bytes()); // typing replaces the name
    kam.wait_for("武汉万达物流");
    kam.keys(b"\t\x13");
    kam.wait_for("Activity saved");

    // Delete the phone call, undo, redo.
    kam.keys(b"k");
    kam.keys(b"x");
    kam.wait_for("Delete Harbor Freight Tools Price follow-up?");
    kam.keys(b"y");
    kam.wait_for("Deleted Harbor Freight Tools Price follow-up");
    kam.keys(b"u");
    kam.wait_for("Undone: delete activity with Harbor Freight Tools");
    kam.keys(b"\x12");
    kam.wait_for("Redone: delete activity with Harbor Freight Tools");
    kam.quit();

    // Reopened, yesterday shows what was left.
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("Harbor Freight Tools");
    kam.keys(b"4h");
    kam.wait_for("Activities (2)");
    kam.wait_for("武汉万达物流");
    kam.quit();

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
        .arg("--db")
        .arg(&db.path)
        .args(["report", "daily", "--date", &day, "--format", "json"])
        .env("KAM_CONFIG", db.path.with_extension("toml"))
        .output()
        .expect("kam report");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let activities = json["activities"].as_array().expect("activities");
    let seen: Vec<(&str, &str, &str)> = activities
        .iter()
        .map(|a| {
            (
                a["account"].as_str().unwrap_or(""),
                a["channel"].as_str().unwrap_or(""),
                a["purpose"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [("厦门博远软件股份有限公司", "visit", "技术交流，演示新版本"), ("武汉万达物流", "phone", "现场勘察")]
    );
    assert_eq!(activities[0]["time"], "09:30");
    assert_eq!(activities[0]["contacts"], serde_json::json!(["张伟", "李娜"]));
    assert_eq!(activities[0]["opportunity"], "ERP升级");
    assert_eq!(json["summary"], "拜访博远，演示顺利\n电话跟进 Harbor 报价\n万达物流现场勘察");
    assert_eq!(json["activity_count"], 2);
}

/// A paste the terminal does not bracket arrives as a megabyte of keys:
/// the field takes what it holds (and says the rest was cut), and the
/// Ctrl-S typed after it saves within a second.
#[test]
fn a_megabyte_pasted_as_keys_then_ctrl_s_saves_at_once() {
    let db = common::demo_db();
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("Apexstar");
    kam.keys(b"a");
    kam.wait_for("Log activity");
    let chunk = vec![b'x'; 64 * 1024];
    for _ in 0..16 {
        kam.writer.write_all(&chunk).expect("paste");
    }
    kam.writer.flush().expect("flush");
    let start = Instant::now();
    kam.writer.write_all(b"\x13").expect("Ctrl-S");
    kam.writer.flush().expect("flush");
    kam.wait_for("Saved. Next entry");
    assert!(start.elapsed() < Duration::from_secs(1), "Ctrl-S took {:?}", start.elapsed());
    kam.keys(b"\x1b"); // the fresh form is untouched: Esc closes it
    kam.wait_for("1 activity logged");
    kam.quit();
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let purpose: String =
        conn.query_row("SELECT purpose FROM activity ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).expect("saved");
    assert!(purpose.starts_with("xxxx") && purpose.len() < 10_000, "cut to the field's limit: {}", purpose.len());
}

/// The app makes the day's backup beside its first frame, and once more on
/// quit when the day's work changed the file: after a day's use the data
/// folder holds a verified backup, and restoring it into a fresh place
/// gives back every record, the evening's entry included.
#[test]
fn a_days_use_leaves_a_verified_backup_that_gives_back_every_record() {
    let db = common::demo_db();
    let backups = kam::store::backup_dir(&db.path);
    assert!(kam::store::list_backups(&backups).is_empty());
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("Apexstar");
    kam.keys(b"a");
    kam.wait_for("Log activity");
    kam.keys("晚上电话回访".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("Saved. Next entry");
    kam.keys(b"\x1b");
    kam.wait_for("1 activity logged");
    kam.quit();

    let made = kam::store::list_backups(&backups);
    assert!(!made.is_empty(), "a backup in {}", backups.display());
    let newest = &made[0].path;
    assert!(kam::store::check_file(newest).expect("check").is_sound());
    let fresh = tempfile::tempdir().expect("a fresh place");
    let restored = fresh.path().join("kam.sqlite3");
    let out = common::kam_cli(&restored, &["restore", newest.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let counts = |path: &std::path::Path| -> Vec<i64> {
        let conn = rusqlite::Connection::open(path).expect("open");
        ["account", "contact", "opportunity", "activity", "quote", "daily_summary", "change_action"]
            .iter()
            .map(|t| conn.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect("count"))
            .collect()
    };
    assert_eq!(counts(&restored), counts(&db.path), "every record back");
    let conn = rusqlite::Connection::open(&restored).expect("open");
    let evening: i64 = conn
        .query_row("SELECT count(*) FROM activity WHERE purpose = '晚上电话回访'", [], |r| r.get(0))
        .expect("count");
    assert_eq!(evening, 1, "the day's last entry is in the quit backup");
}

/// When the day's backup cannot be made (here `backups` is a file, not a
/// folder), the app says so on its status line rather than nowhere.
#[test]
fn a_backup_that_cannot_be_made_is_said_on_the_status_line() {
    let db = common::demo_db();
    std::fs::write(kam::store::backup_dir(&db.path), b"not a folder").expect("block the folder");
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("The day's backup was not made");
    kam.quit();
}

/// Ten megabytes pasted into the activity form, bracketed (one paste
/// event) and not (ten million keys): the field keeps what it holds, says
/// the rest was cut, and the Ctrl-S typed after the paste is handled as
/// soon as the paste has been read.
#[test]
fn ten_megabytes_pasted_with_or_without_brackets_then_ctrl_s_saves() {
    for bracketed in [true, false] {
        let db = common::demo_db();
        let mut kam = Kam::start(&db.path, "en");
        kam.wait_for("Apexstar");
        kam.keys(b"a");
        kam.wait_for("Log activity");
        let start = Instant::now();
        if bracketed {
            kam.writer.write_all(b"\x1b[200~").expect("paste starts");
        }
        let chunk = vec![b'y'; 1024 * 1024];
        for _ in 0..10 {
            kam.writer.write_all(&chunk).expect("paste");
        }
        if bracketed {
            kam.writer.write_all(b"\x1b[201~").expect("paste ends");
        }
        kam.writer.write_all(b"\x13").expect("Ctrl-S");
        kam.writer.flush().expect("flush");
        kam.wait_for("Saved. Next entry");
        eprintln!("bracketed {bracketed}: 10 MB pasted and saved in {:?}", start.elapsed());
        kam.keys(b"\x1b");
        kam.wait_for("1 activity logged");
        kam.quit();
        let conn = rusqlite::Connection::open(&db.path).expect("open");
        let purpose: String =
            conn.query_row("SELECT purpose FROM activity ORDER BY id DESC LIMIT 1", [], |r| r.get(0)).expect("saved");
        assert!(purpose.starts_with("yyyy") && purpose.len() < 10_000, "cut to the limit: {}", purpose.len());
    }
}

/// After the win, in the keyboard's flow: win a deal with its contract and
/// three instalments, record money received and see the instalment paid in
/// the deal view; the customer complains, the complaint is closed (a
/// return visit is scheduled) and the return visit made with its survey;
/// then undo each step, newest first.
#[test]
fn win_with_a_contract_record_money_and_undo_each_step() {
    let db = common::temp_db();
    let deal_id = {
        let mut store = Store::open(&db.path).expect("open");
        let today = chrono::Local::now().date_naive();
        let account = ops::add_account(&mut store, &NewAccount::named("深圳华星光电"), today).expect("account");
        ops::add_deal(
            &mut store,
            &kam::store::NewOpportunity {
                account_id: account,
                title: "产线升级".into(),
                stage: kam::domain::Stage::Close,
                outcome: kam::domain::Outcome::Open,
                amount: kam::domain::Money::from_yuan(100_000),
                probability: None,
                expected_close_on: None,
                lost_reason: String::new(),
            },
        )
        .expect("deal")
    };
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("深圳华星光电");
    kam.keys(b"2");
    kam.wait_for("产线升级");
    kam.keys(b"llll"); // to Close
    kam.keys(b"\r"); // the deal view
    kam.wait_for("no contract yet");
    kam.keys(b"o");
    kam.wait_for("Outcome");
    kam.keys(b"\x13"); // won, the contract now
    kam.wait_for("Won: the contract of 产线升级");
    kam.wait_for("Deposit  ");
    kam.keys(b"HT-2026-007");
    kam.keys(b"\x13");
    kam.wait_for("Contract saved: 产线升级");
    kam.wait_for("HT-2026-007");
    kam.wait_for("On acceptance");
    kam.keys(b"r"); // money in: the deposit is offered
    kam.wait_for("Money received: HT-2026-007");
    kam.wait_for("30,000.00");
    kam.keys(b"\x13");
    kam.wait_for("Money received, recorded");
    kam.wait_for("paid");
    {
        let store = Store::open(&db.path).expect("open");
        let contract = &store.contracts_of_deal(deal_id).expect("read")[0];
        assert_eq!(contract.received, kam::domain::Money::from_yuan(30_000));
        let plan = store.instalments_of(contract.id, chrono::Local::now().date_naive()).expect("plan");
        assert_eq!(plan.len(), 3);
        assert_eq!(plan[0].status, kam::domain::contract::InstalmentStatus::Paid);
    }
    kam.keys(b"\x1b"); // back to the board
    // The customer complains; the complaint is closed, which schedules a
    // return visit; the return visit is made with its survey.
    kam.keys(b"1");
    kam.wait_for("深圳华星光电");
    kam.keys(b"p");
    kam.wait_for("New complaint");
    kam.keys("屏幕有坏点".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("Saved");
    kam.keys(b"\r"); // the detail pane, its first line (the deal)
    kam.wait_for("屏幕有坏点");
    kam.keys(b"\x1b[B\x1b[B"); // down to the complaint
    kam.keys(b"\r");
    kam.wait_for("Complaint: 屏幕有坏点");
    kam.keys(b"\x1b[C\x1b[C\x1b[C\x1b[C"); // new → closed
    kam.keys(b"\x13");
    kam.wait_for("return visit");
    kam.keys(b"v");
    kam.wait_for("Return visit and survey");
    kam.keys(b"\x13");
    kam.wait_for("Saved");
    {
        let store = Store::open(&db.path).expect("open");
        let account = store.opportunity(deal_id).expect("read").expect("deal").account_id;
        let complaint = &store.complaints_of(account, 5).expect("read")[0];
        assert_eq!(complaint.complaint.status, kam::domain::ComplaintStatus::Closed);
        assert!(complaint.complaint.return_visit_id.is_some(), "the scheduled return visit was made");
        assert_eq!(store.surveys_of(account, 5).expect("surveys").len(), 1);
    }
    // Undo, step by step: the return visit, the closing, the complaint,
    // the receipt, then the win with its contract.
    let account = Store::open(&db.path).expect("open").opportunity(deal_id).expect("read").expect("deal").account_id;
    kam.keys(b"\x1b"); // out of the detail pane
    kam.keys(b"u");
    kam.wait_for("Undone");
    assert!(Store::open(&db.path).expect("open").surveys_of(account, 5).expect("surveys").is_empty());
    kam.keys(b"u");
    kam.wait_for("Undone");
    let open = Store::open(&db.path).expect("open").complaints_of(account, 5).expect("read");
    assert_eq!(open[0].complaint.status, kam::domain::ComplaintStatus::New);
    kam.keys(b"u");
    kam.wait_for("Undone");
    assert!(Store::open(&db.path).expect("open").complaints_of(account, 5).expect("read").is_empty());
    kam.keys(b"u"); // the receipt goes
    kam.wait_for("Undone");
    {
        let store = Store::open(&db.path).expect("open");
        let contract = &store.contracts_of_deal(deal_id).expect("read")[0];
        assert_eq!(contract.received, kam::domain::Money::ZERO);
    }
    kam.keys(b"u"); // the win and its contract go together
    kam.wait_for("Undone");
    kam.quit();
    let store = Store::open(&db.path).expect("open");
    let deal = store.opportunity(deal_id).expect("get").expect("exists");
    assert_eq!((deal.stage, deal.outcome), (kam::domain::Stage::Close, kam::domain::Outcome::Open));
    assert!(store.contracts_of_deal(deal_id).expect("read").is_empty());
}

/// The month calendar from the keyboard: a planned visit two days ahead is
/// moved three days on, then skipped there with the reason; undo takes the
/// skip back.
#[test]
fn move_and_skip_a_planned_visit_from_the_calendar() {
    let db = common::temp_db();
    let today = chrono::Local::now().date_naive();
    let day = |n: u64| today + chrono::Days::new(n);
    let visit = {
        let mut store = Store::open(&db.path).expect("open");
        let account = NewAccount { tier: kam::domain::Tier::A, ..NewAccount::named("青岛海湾化学") };
        let account = ops::add_account(&mut store, &account, today).expect("account");
        ops::plan_visit(&mut store, &kam::store::NewPlannedVisit::visit(account, day(2))).expect("plan")
    };
    let state = || {
        let store = Store::open(&db.path).expect("open");
        let v = store.planned_visit(visit, today).expect("read").expect("there");
        (v.planned_on, v.moved_from, v.skip_reason)
    };
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("青岛海湾化学");
    kam.keys(b"3");
    kam.keys(b"v"); // the month calendar
    kam.wait_for("planned/done");
    kam.keys(b"ll\r"); // two days on, the day's list
    kam.wait_for("Planned visit");
    kam.keys(b"m");
    kam.wait_for("Move the visit to 青岛海湾化学");
    kam.keys(b"+5d");
    kam.keys(b"\x13");
    kam.wait_for("No visit planned that day.");
    assert_eq!(state(), (day(5), Some(day(2)), String::new()), "moved, the first day kept");
    kam.keys(b"\x1b"); // back to the month
    kam.keys(b"lll\r"); // to the new day
    kam.wait_for("moved from");
    kam.keys(b"s");
    kam.wait_for("Skip the visit to 青岛海湾化学");
    kam.keys("客户出差".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("skipped");
    assert_eq!(state(), (day(5), Some(day(2)), "客户出差".to_string()));
    kam.keys(b"u");
    kam.wait_for("Undone");
    assert_eq!(state(), (day(5), Some(day(2)), String::new()), "undo takes the skip back");
    kam.quit();
}

#[test]
fn set_a_months_target_write_its_words_and_send_the_monthly_report() {
    let db = common::temp_db();
    let today = chrono::Local::now().date_naive();
    let month = kam::domain::Month::of(today);
    {
        let mut store = Store::open(&db.path).expect("open");
        let account = ops::add_account(&mut store, &NewAccount::named("青岛海湾化学"), today).expect("account");
        let deal = kam::store::NewOpportunity {
            account_id: account,
            title: "氯碱扩产".into(),
            stage: kam::domain::Stage::Close,
            outcome: kam::domain::Outcome::Open,
            amount: kam::domain::Money::from_yuan(50_000),
            probability: None,
            expected_close_on: None,
            lost_reason: String::new(),
        };
        let id = ops::add_deal(&mut store, &deal).expect("deal");
        ops::record_outcome(&mut store, id, &kam::store::Decision::Won, today).expect("won");
    }
    let read = || {
        let store = Store::open(&db.path).expect("open");
        let target = store.targets_of(month).expect("read").map(|t| t.sales_cents);
        let words = store.month_words(month).expect("read").map(|w| w.work);
        let sent = store.submitted_form(kam::store::FormKind::Monthly, month).expect("read").map(|f| f.version);
        (target, words, sent)
    };
    let mut kam = Kam::start(&db.path, "en");
    kam.wait_for("青岛海湾化学");
    kam.keys(b"4");
    kam.keys(b"v"); // the monthly report
    kam.wait_for("Monthly report");
    kam.keys(b"T");
    kam.wait_for("Targets for");
    kam.keys(b"200000");
    kam.keys(b"\x13");
    kam.wait_for("Targets saved");
    kam.wait_for("25.0%"); // 50,000 won of 200,000
    kam.keys(b"W");
    kam.wait_for("your words");
    kam.keys("走访三家重点客户".as_bytes());
    kam.keys(b"\x13");
    kam.wait_for("Words saved");
    assert_eq!(read(), (Some(kam::domain::Money::from_yuan(200_000)), Some("走访三家重点客户".to_string()), None));
    kam.keys(b"S");
    kam.wait_for("kept as it is now");
    kam.keys(b"y");
    kam.wait_for("version 1");
    assert_eq!(read().2, Some(1), "sent");
    kam.keys(b"u");
    kam.wait_for("Undone");
    assert_eq!(read().2, None, "undo takes the sending back");
    kam.quit();
}
