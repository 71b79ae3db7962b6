//! The page-by-page corruption sweep: every page of a demo file is
//! damaged in turn. Whenever `kam check` calls the file damaged, no kam
//! command may write into it (the file stays byte-for-byte as it was) and
//! the message names `kam check` and the backup to restore.

mod common;

use std::path::Path;
use std::process::Output;

use common::demo_db;
use kam::store::Store;

const PAGE: usize = 4096;

fn kam(db: &Path, args: &[&str]) -> Output {
    common::kam_cli(db, args)
}

#[test]
fn no_kam_command_writes_into_a_file_kam_check_calls_damaged() {
    let db = demo_db();
    let backup = {
        let store = Store::open(&db.path).expect("open");
        let dest = store.backup_dir().join("kam-2026-11-26-180000.sqlite3");
        store.backup_to(&dest).expect("backup");
        dest
    };
    let original = std::fs::read(&db.path).expect("read");
    assert_eq!(original.len() % PAGE, 0, "whole pages (the WAL was folded in on close)");
    let pages = original.len() / PAGE;
    let (mut damaged, mut refused_writes) = (0, 0);
    for page in 0..pages {
        let mut bytes = original.clone();
        // Keep the 100-byte file header of page 1 (that case is refused
        // before SQLite reads anything; tests/safety covers it).
        let from = page * PAGE + if page == 0 { 100 } else { 0 };
        for (i, b) in bytes[from..(page + 1) * PAGE].iter_mut().enumerate() {
            *b = (i as u8).wrapping_mul(31).wrapping_add(page as u8) ^ 0xA5;
        }
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.path.display()));
        }
        std::fs::write(&db.path, &bytes).expect("write damaged copy");
        let check = kam(&db.path, &["check"]);
        if check.status.success() {
            continue;
        }
        damaged += 1;
        let said = String::from_utf8_lossy(&check.stderr);
        assert!(said.contains("kam restore") && said.contains(backup.to_str().expect("utf-8")), "page {page}: {said}");
        for args in [
            &["log", "--account", "Apexstar Motors Group", "--channel", "phone", "--purpose", "x"][..],
            &["rep", "--name", "Li Na"][..],
        ] {
            let out = kam(&db.path, args);
            assert!(!out.status.success(), "page {page}: `kam {}` wrote into a damaged file", args.join(" "));
            let said = String::from_utf8_lossy(&out.stderr);
            assert!(
                said.contains("kam check") || said.contains("not a SQLite database"),
                "page {page}: the message names `kam check`: {said}"
            );
            refused_writes += 1;
        }
        assert!(std::fs::read(&db.path).expect("read") == bytes, "page {page}: the damaged file is unchanged");
    }
    assert!(damaged > pages / 2, "most pages matter: {damaged} of {pages} were found damaged");
    assert!(refused_writes > 0);
}
