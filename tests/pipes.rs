//! Scripts and pipes: a reader that goes away is no error (the work was
//! done, so kam ends quietly with success and a retrying script does not
//! log twice), and `kam` with no terminal says what to use instead.

mod common;

use std::process::{Command, Stdio};

use common::demo_db;

fn kam(db: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kam"));
    cmd.arg("--db").arg(db).args(["--lang", "en"]).env("KAM_CONFIG", db.with_extension("toml"));
    cmd
}

fn activity_count(db: &std::path::Path) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row("SELECT count(*) FROM activity", [], |r| r.get(0)).expect("count")
}

#[test]
fn kam_log_into_a_closed_pipe_saves_once_and_succeeds() {
    let db = demo_db();
    let before = activity_count(&db.path);
    for round in 0..3 {
        let mut child = kam(&db.path)
            .args(["log", "--account", "Apexstar Motors Group", "--channel", "phone"])
            .args(["--purpose", &format!("call {round}")])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take()); // `| true`: the reader is gone before kam speaks
        let out = child.wait_with_output().expect("wait");
        assert!(out.status.success(), "{:?} {}", out.status, String::from_utf8_lossy(&out.stderr));
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    assert_eq!(activity_count(&db.path), before + 3, "each entry saved exactly once");
}

#[test]
fn kam_list_into_head_ends_quietly() {
    let db = demo_db();
    // More than a pipe holds, so kam does meet the closed pipe.
    let script = format!(
        "set -o pipefail; '{}' --db '{}' list activities --from -400d --limit 100000 --format json | head -1 >/dev/null",
        env!("CARGO_BIN_EXE_kam"),
        db.path.display()
    );
    for _ in 0..5 {
        let out = Command::new("bash")
            .args(["-c", &script])
            .env("KAM_CONFIG", db.path.with_extension("toml"))
            .output()
            .expect("bash");
        assert!(out.status.success(), "{:?} {}", out.status, String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    }
}

#[test]
fn the_app_without_a_terminal_points_to_the_commands() {
    let db = demo_db();
    let out = kam(&db.path).stdin(Stdio::null()).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("needs a terminal") && said.contains("kam list"), "{said}");
    assert!(!said.contains("panicked"));
}
