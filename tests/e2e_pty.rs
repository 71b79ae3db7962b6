//! End to end: the real `kam` binary in a pseudo-terminal, typed at like a
//! person would, read back from the screen and then from the file.

mod common;

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

#[test]
fn log_an_activity_in_chinese_and_find_it_in_the_report_and_the_file() {
    let db = common::temp_db();
    {
        let mut store = Store::open(&db.path).expect("open");
        store.add_account(&NewAccount::named("中国铁路建设集团"), chrono::Local::now().date_naive()).expect("account");
    }

    let pty = native_pty_system();
    let pair = pty.openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).expect("pty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kam"));
    cmd.arg("--db");
    cmd.arg(&db.path);
    cmd.arg("--lang");
    cmd.arg("en");
    cmd.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(cmd).expect("spawn kam");
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
    let mut writer = pair.master.take_writer().expect("writer");
    let mut type_keys = |bytes: &[u8]| {
        writer.write_all(bytes).expect("write");
        writer.flush().expect("flush");
        // Let the app take each burst as its own keys.
        std::thread::sleep(Duration::from_millis(150));
    };
    let screen = Screen { parser };

    screen.wait_for("中国铁路建设集团");
    type_keys(b"a");
    screen.wait_for("Log activity");
    type_keys("介绍新产品方案".as_bytes());
    type_keys(b"\t"); // to Result
    type_keys("客户有兴趣".as_bytes());
    type_keys(b"\x13"); // Ctrl-S
    screen.wait_for("Saved. Next entry");
    type_keys(b"\x1b"); // Esc: the fresh form is untouched, so it closes
    screen.wait_for("1 activities logged");
    type_keys(b"4");
    screen.wait_for("Daily sales report");
    screen.wait_for("介绍新产品方案");
    type_keys(b"q");

    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "kam did not quit");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "kam exited with {status:?}");

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
            "phone".to_string(),
            "介绍新产品方案".to_string(),
            "客户有兴趣".to_string()
        )]
    );
}
