//! Two kam processes writing to one file at once: nothing lost, no "database
//! is locked", and the file stays whole.

mod common;

use std::process::Command;

use common::{temp_db, today};
use kam::ops;
use kam::store::{NewAccount, Store};

#[test]
fn two_processes_logging_at_once_lose_nothing() {
    let db = temp_db();
    ops::add_account(&mut Store::open(&db.path).expect("open"), &NewAccount::named("平安银行"), today())
        .expect("account");
    let writer = |tag: &'static str| {
        let path = db.path.clone();
        std::thread::spawn(move || {
            for i in 0..40 {
                let out = Command::new(env!("CARGO_BIN_EXE_kam"))
                    .arg("--db")
                    .arg(&path)
                    .args(["--lang", "en", "log", "--account", "平安银行", "--channel", "phone"])
                    .args(["--purpose", &format!("{tag} {i}")])
                    .env("KAM_CONFIG", path.with_extension("toml"))
                    .output()
                    .expect("run kam");
                assert!(out.status.success(), "{tag} {i}: {}", String::from_utf8_lossy(&out.stderr));
            }
        })
    };
    let (a, b) = (writer("first"), writer("second"));
    a.join().expect("first writer");
    b.join().expect("second writer");

    let conn = rusqlite::Connection::open(&db.path).expect("raw");
    let count: i64 = conn.query_row("SELECT count(DISTINCT purpose) FROM activity", [], |r| r.get(0)).expect("count");
    assert_eq!(count, 80, "every acknowledged entry is there");
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(check, "ok");
}

#[test]
fn two_connections_hammering_one_file_lose_nothing() {
    let db = temp_db();
    let account = ops::add_account(&mut Store::open(&db.path).expect("open"), &NewAccount::named("重庆银行"), today())
        .expect("account");
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let path = db.path.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&path).expect("open");
                for i in 0..300 {
                    ops::log_activity(
                        &mut store,
                        &kam::store::NewActivity {
                            account_id: account,
                            opportunity_id: None,
                            contact_ids: Vec::new(),
                            occurred_time: None,
                            keeps_id: None,
                            occurred_on: today(),
                            channel: kam::domain::Channel::Visit,
                            purpose: format!("{w}-{i}"),
                            result: String::new(),
                            next_step: String::new(),
                            next_on: None,
                        },
                    )
                    .expect("never 'database is locked'");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("writer");
    }
    let conn = rusqlite::Connection::open(&db.path).expect("raw");
    let count: i64 = conn.query_row("SELECT count(*) FROM activity", [], |r| r.get(0)).expect("count");
    assert_eq!(count, 600);
    let undoable: i64 = conn.query_row("SELECT count(*) FROM change_action", [], |r| r.get(0)).expect("journal");
    assert_eq!(undoable, 601, "every action journaled, the account's too");
}

/// `kill -9` at random moments while kam writes: every entry kam
/// acknowledged is there afterwards, and the file is whole, every time.
/// Half the rounds kill the moment kam has said "Logged" (so there are
/// always acknowledged entries to look for, however slow the machine);
/// the other half kill after a delay spread over how long a `kam log`
/// takes here (so some writes are always cut short).
#[test]
fn kill_9_during_writes_loses_no_acknowledged_entry() {
    use std::io::BufRead;
    let db = temp_db();
    ops::add_account(&mut Store::open(&db.path).expect("open"), &NewAccount::named("平安银行"), today())
        .expect("account");
    let spawn = |round: u64| {
        Command::new(env!("CARGO_BIN_EXE_kam"))
            .arg("--db")
            .arg(&db.path)
            .args(["--lang", "en", "log", "--account", "平安银行", "--channel", "visit"])
            .args(["--purpose", &format!("round {round}")])
            .env("KAM_CONFIG", db.path.with_extension("toml"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn kam")
    };
    // How long one `kam log` takes on this machine, start to end.
    let timed = std::time::Instant::now();
    assert!(spawn(1000).wait().expect("wait").success());
    let one_log = timed.elapsed();
    // "Logged a visit with 平安银行 on 2026-11-26 (#581)"
    let id_in = |said: &str| -> Option<i64> { said.rsplit_once("(#")?.1.trim().trim_end_matches(')').parse().ok() };
    let mut acknowledged: Vec<i64> = Vec::new();
    let mut killed = 0;
    for round in 0..60u64 {
        let mut child = spawn(round);
        if round % 2 == 1 {
            let mut line = String::new();
            let stdout = child.stdout.take().expect("stdout");
            let _ = std::io::BufReader::new(stdout).read_line(&mut line);
            let _ = child.kill(); // SIGKILL on unix, right after the word
            let _ = child.wait();
            if let Some(id) = id_in(&line) {
                acknowledged.push(id);
            }
        } else {
            // A fixed spread of delays (no randomness in tests), from before
            // the file is opened to after the write.
            let delay = one_log.mul_f64(((round * 7919) % 1000) as f64 / 1000.0);
            std::thread::sleep(delay);
            let _ = child.kill();
            let out = child.wait_with_output().expect("wait");
            match id_in(&String::from_utf8_lossy(&out.stdout)) {
                Some(id) => acknowledged.push(id),
                None => killed += 1,
            }
        }
        let conn = rusqlite::Connection::open(&db.path).expect("reopen after kill");
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
        assert_eq!(check, "ok", "round {round}");
    }
    assert!(killed > 0, "some writes must have been cut short (one log takes {one_log:?})");
    assert!(acknowledged.len() >= 30, "kam acknowledged {} entries", acknowledged.len());
    let store = Store::open(&db.path).expect("open");
    let conn = rusqlite::Connection::open(&db.path).expect("raw");
    for id in &acknowledged {
        let found: i64 =
            conn.query_row("SELECT count(*) FROM activity WHERE id = ?1", [id], |r| r.get(0)).expect("find");
        assert_eq!(found, 1, "acknowledged activity {id} lost");
    }
    drop(store);
}
