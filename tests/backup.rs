//! Backups, restore and check against real files: a backup is written,
//! private and checked; restoring it into a fresh place gives back every
//! record; a backup from a newer kam or a damaged one is refused with the
//! current file untouched; `kam check` tells a sound file from a damaged
//! one and names the backup to restore; old backups roll off.

mod common;

use std::path::Path;
use std::process::Output;

use chrono::NaiveDate;
use common::{demo_db, temp_db};
use kam::store::{BackupFile, backups_to_drop, list_backups};

fn kam(db: &Path, args: &[&str]) -> Output {
    common::kam_cli(db, args)
}

/// Every table's row count and the accounts' names: what a restore must give back.
fn contents(db: &Path) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(db).expect("open");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    let mut out: Vec<(String, i64)> = tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).expect("count");
            (t, n)
        })
        .collect();
    let names: String = conn
        .query_row("SELECT group_concat(name, '|') FROM (SELECT name FROM account ORDER BY id)", [], |r| r.get(0))
        .expect("names");
    out.push((names, 0));
    out
}

#[test]
fn a_backup_restores_every_record_into_a_fresh_place() {
    let db = demo_db();
    let out = kam(&db.path, &["backup"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let backups = list_backups(&db.dir.path().join("backups"));
    assert_eq!(backups.len(), 1, "one backup in backups/ beside the file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backups[0].path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "readable by its owner only");
    }
    let fresh = temp_db();
    let out = kam(&fresh.path, &["restore", backups[0].path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Restored"));
    assert_eq!(contents(&fresh.path), contents(&db.path));
    let out = kam(&fresh.path, &["check"]);
    assert!(out.status.success() && String::from_utf8_lossy(&out.stdout).contains("is sound"));

    // Restoring over a file in use keeps that file aside.
    let out = kam(&db.path, &["restore", backups[0].path.to_str().expect("utf-8")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let kept = std::fs::read_dir(db.dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".before-restore-"));
    assert!(kept, "the file that was in use is kept aside");
}

#[test]
fn a_backup_of_a_newer_kam_or_a_damaged_one_is_refused() {
    let db = demo_db();
    let before = std::fs::read(&db.path).expect("read");
    let newer = db.dir.path().join("newer.sqlite3");
    std::fs::copy(&db.path, &newer).expect("copy");
    rusqlite::Connection::open(&newer).expect("open").pragma_update(None, "user_version", 999).expect("version");
    let out = kam(&db.path, &["restore", newer.to_str().expect("utf-8")]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer kam"), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&db.path).expect("read"), before, "the file in use is untouched");
}

#[test]
fn check_tells_a_damaged_file_and_names_the_backup_to_restore() {
    let db = demo_db();
    assert!(kam(&db.path, &["backup"]).status.success());
    let out = kam(&db.path, &["check"]);
    assert_eq!(out.status.code(), Some(0));
    // Damage an index page of the activities (the last pages of the file).
    let mut bytes = std::fs::read(&db.path).expect("read");
    let page = 4096;
    let at = bytes.len() - 3 * page;
    for b in &mut bytes[at + 100..at + page] {
        *b = 0x5A;
    }
    std::fs::write(&db.path, &bytes).expect("write");
    let out = kam(&db.path, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stdout));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("is damaged") && said.contains("kam restore"), "{said}");
}

#[test]
fn backups_roll_a_week_of_days_a_month_of_weeks_a_year_of_months() {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
    let today = day(2026, 11, 26);
    let mut backups: Vec<BackupFile> = (0..400)
        .map(|n| {
            let made = today - chrono::Days::new(n);
            BackupFile {
                path: format!("kam-{}.sqlite3", made.format("%Y-%m-%d-120000")).into(),
                made_at: made.and_hms_opt(12, 0, 0).expect("time"),
            }
        })
        .collect();
    backups.sort_by_key(|b| std::cmp::Reverse(b.made_at));
    let dropped = backups_to_drop(&backups, today);
    let kept = backups.len() - dropped.len();
    // 8 days (today and 7 back), 3 more weeks, then about 11 months.
    assert!((20..=25).contains(&kept), "kept {kept}");
    assert!(!dropped.iter().any(|p| p.to_string_lossy().contains("2026-11-2")), "the last days are all kept");
}
