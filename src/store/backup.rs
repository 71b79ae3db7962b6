//! Backups, restore and check (SPEC §7). A backup is a whole copy made
//! with SQLite's online backup API, a few pages at a time so a writer is
//! never held up, checked after it is written, readable by its owner only.
//! Backups live in `backups/` beside the database and roll: one a day for
//! a week, one a week for four weeks, one a month for a year.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use super::migrations::LATEST_VERSION;
use super::{Result, Store, StoreError};

/// Pages copied per step of a backup (4 MiB), and the pause between
/// steps. In WAL mode a reader never holds up a writer, so no pause is
/// needed for the app's sake; the copy reads one snapshot (see
/// `copy_database`), so another kam's write between steps neither mixes
/// into it nor starts it over.
const STEP_PAGES: std::ffi::c_int = 1024;
const STEP_PAUSE: Duration = Duration::ZERO;

/// What `kam check` found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckReport {
    /// SQLite's integrity check, line by line ("ok" when sound).
    pub integrity: Vec<String>,
    /// Rows whose reference points nowhere: (table, row, referenced table).
    pub foreign_keys: Vec<(String, i64, String)>,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.integrity.iter().all(|l| l == "ok") && self.foreign_keys.is_empty()
    }
}

/// One backup file: when it was made and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub made_at: NaiveDateTime,
}

/// The folder the backups of `db` go to.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).join("backups")
}

/// The backups in `dir`, newest first (files kam named; others ignored).
pub fn list_backups(dir: &Path) -> Vec<BackupFile> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut found: Vec<BackupFile> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            let stamp = name.strip_prefix("kam-")?.get(..17)?;
            let made_at = NaiveDateTime::parse_from_str(stamp, "%Y-%m-%d-%H%M%S").ok()?;
            name.ends_with(".sqlite3").then(|| BackupFile { path: e.path(), made_at })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse(b.made_at));
    found
}

/// Which backups to keep on `today`: every day's newest for a week, each
/// week's newest for four weeks, each month's newest for a year.
pub fn backups_to_drop(backups: &[BackupFile], today: NaiveDate) -> Vec<PathBuf> {
    let mut days = Vec::new();
    let mut weeks = Vec::new();
    let mut months = Vec::new();
    let mut drop = Vec::new();
    // Newest first, so the first seen of a day, week or month is kept.
    for b in backups {
        let day = b.made_at.date();
        let age = (today - day).num_days();
        let week = (day.iso_week().year(), day.iso_week().week());
        let month = (day.year(), day.month());
        let keep = if age <= 7 {
            !days.contains(&day) && {
                days.push(day);
                true
            }
        } else if age <= 28 {
            !weeks.contains(&week) && {
                weeks.push(week);
                true
            }
        } else if age <= 366 {
            !months.contains(&month) && {
                months.push(month);
                true
            }
        } else {
            false
        };
        if !keep {
            drop.push(b.path.clone());
        }
    }
    drop
}

/// Copies `source` into a new private file `dest` with the online backup
/// API, then checks the copy.
pub(super) fn copy_database(source: &Connection, dest: &Path) -> Result<()> {
    let io_err = |e| StoreError::Io { path: dest.to_path_buf(), source: e };
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            // "File exists": a file where the folder should be.
            let source = match e.kind() {
                std::io::ErrorKind::AlreadyExists => std::io::Error::from(std::io::ErrorKind::NotADirectory),
                _ => e,
            };
            StoreError::Io { path: dir.to_path_buf(), source }
        })?;
    }
    // A name of this copy's own: two kams backing up at once never write
    // into each other's file; the last whole copy takes the name.
    static COPIES: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let partial = dest.with_extension(format!("partial-{}-{n}", std::process::id()));
    super::open::create_private(&partial).map_err(io_err)?;
    let pages = {
        let mut out = Connection::open(&partial)?;
        // The copy is not a database anyone uses until it is whole and
        // checked: no journal and no syncs while it is written (they made a
        // backup seven times slower than `sqlite3 .backup`); one sync at the end.
        let _: String = out.query_row("PRAGMA journal_mode = OFF", [], |r| r.get(0))?;
        out.pragma_update(None, "synchronous", "OFF")?;
        // One read transaction over all the steps: the copy is the file as
        // it was when the backup began, whatever is written meanwhile.
        let snapshot = source.is_autocommit();
        if snapshot {
            source.execute_batch("BEGIN")?;
        }
        let copied = source
            .query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
            .and_then(|()| rusqlite::backup::Backup::new(source, &mut out))
            .and_then(|backup| backup.run_to_completion(STEP_PAGES, STEP_PAUSE, None));
        if snapshot {
            source.execute_batch("COMMIT")?;
        }
        copied?;
        // The copy takes the source's WAL mode; a backup is one file that
        // stands alone, so it goes back to a rollback journal (opening it
        // as the database later turns WAL on again).
        let _: String = out.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        out.query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))?
    };
    // Checked after writing (every page of the copy read back and its
    // structure checked) while the copy goes to the disk.
    let (synced, verified) = std::thread::scope(|scope| {
        let sync = scope.spawn(|| std::fs::File::open(&partial).and_then(|f| f.sync_all()));
        let verified = verify_copy(&partial, pages);
        (sync.join().unwrap_or_else(|_| Err(std::io::Error::other("sync stopped"))), verified)
    });
    if let Err(detail) = verified {
        let _ = std::fs::remove_file(&partial);
        return Err(StoreError::Corrupt { path: dest.to_path_buf(), detail });
    }
    if let Err(e) = synced {
        let _ = std::fs::remove_file(&partial);
        return Err(io_err(e));
    }
    std::fs::rename(&partial, dest).map_err(io_err)?;
    Ok(())
}

/// Reads a fresh copy back: as many pages as were copied, and SQLite's
/// quick check of every table, two tables at a time (the check is the
/// slow half of a backup, and a laptop has two cores or more). The
/// references need no check: they are the source's.
fn verify_copy(copy: &Path, pages: i64) -> std::result::Result<(), String> {
    let open = || Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX);
    let conn = open().map_err(|e| e.to_string())?;
    let found: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).map_err(|e| e.to_string())?;
    if found != pages {
        return Err(format!("{found} of {pages} pages written"));
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'")
        .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| e.to_string())?;
    let queue = std::sync::Mutex::new([vec!["sqlite_schema".to_string()], tables].concat());
    let check = |conn: &Connection| -> std::result::Result<(), String> {
        loop {
            let Some(table) = queue.lock().map_err(|_| "the check stopped".to_string())?.pop() else {
                return Ok(());
            };
            let sql = format!("PRAGMA quick_check(\"{}\")", table.replace('"', "\"\""));
            let lines: Vec<String> = conn
                .prepare(&sql)
                .and_then(|mut stmt| stmt.query_map([], |r| r.get(0))?.collect())
                .map_err(|e| e.to_string())?;
            if lines.iter().any(|l| l != "ok") {
                return Err(lines.into_iter().take(3).collect::<Vec<_>>().join("; "));
            }
        }
    };
    std::thread::scope(|scope| {
        let other = scope.spawn(|| open().map_err(|e| e.to_string()).and_then(|c| check(&c)));
        let here = check(&conn);
        let there = other.join().unwrap_or_else(|_| Err("the check stopped".to_string()));
        here.and(there)
    })
}

/// The integrity and foreign-key check of a file, opened read-only.
pub fn check_file(path: &Path) -> Result<CheckReport> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| super::open::classify(path, e))?;
    check_connection(&conn)
}

/// Who may stop a quick check running on its own thread: whoever no longer
/// needs the answer (a store closed before its first write) raises the flag,
/// and the check's connection, which looks at it every thousand steps of
/// whatever it runs, stops. (An interrupt stopped only the statement running
/// then: the foreign-key check after the quick check, seven seconds of
/// reading a scale-L book, ran on after every store that closed early.)
#[derive(Default)]
pub(super) struct CheckStop {
    stopped: std::sync::atomic::AtomicBool,
}

impl CheckStop {
    /// Stops the check, now or as soon as it starts.
    pub(super) fn stop(&self) {
        self.stopped.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    fn is_stopped(&self) -> bool {
        self.stopped.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// The quick check of a file (every page readable and well formed), opened
/// read-only, which `stop` can cut short. Only the damage SPEC §7 asks to
/// find before a write: the foreign-key check, a lookup of every reference
/// through a small page cache, took 7 s of a scale-L book against the
/// quick check's 1.3, and every first write waited for both (`kam log`
/// took 9 s). `kam check` and the full check of smaller files keep it.
pub(super) fn quick_check_stoppable(path: &Path, stop: std::sync::Arc<CheckStop>) -> Result<CheckReport> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| super::open::classify(path, e))?;
    let watched = std::sync::Arc::clone(&stop);
    conn.progress_handler(1000, Some(move || watched.is_stopped()))?;
    let integrity = integrity_lines(&conn, "PRAGMA quick_check(20)");
    if stop.is_stopped() {
        return Err(StoreError::Corrupt { path: path.to_path_buf(), detail: "the check stopped".to_string() });
    }
    Ok(CheckReport { integrity, foreign_keys: Vec::new() })
}

/// The lines of an integrity or quick check; a file so damaged that the
/// check itself cannot read it says so.
fn integrity_lines(conn: &Connection, pragma: &str) -> Vec<String> {
    let lines = || -> rusqlite::Result<Vec<String>> {
        conn.prepare(pragma)?.query_map([], |r| r.get::<_, String>(0))?.collect()
    };
    lines().unwrap_or_else(|e| vec![e.to_string()])
}

/// SQLite's integrity check (every page, and every index against its
/// table) and the foreign-key check.
pub(super) fn check_connection(conn: &Connection) -> Result<CheckReport> {
    let integrity = integrity_lines(conn, "PRAGMA integrity_check(20)");
    let foreign_keys = conn
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<i64>>(1)?.unwrap_or(0), r.get(2)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .unwrap_or_default();
    Ok(CheckReport { integrity, foreign_keys })
}

/// The file name of a backup made at `at`, with what it was made for.
pub fn backup_name(at: NaiveDateTime, why: &str) -> String {
    let stamp = at.format("%Y-%m-%d-%H%M%S");
    if why.is_empty() { format!("kam-{stamp}.sqlite3") } else { format!("kam-{stamp}-{why}.sqlite3") }
}

impl Store {
    /// Runs SQLite's integrity check and the foreign-key check.
    pub fn check(&self) -> Result<CheckReport> {
        check_connection(&self.conn)
    }

    /// Writes a verified backup of the open file to `dest`.
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        copy_database(&self.conn, dest)
    }

    /// The folder this file's backups go to.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir(&self.path)
    }

    /// The newest backup of this file, if any.
    pub fn last_backup(&self) -> Option<BackupFile> {
        list_backups(&self.backup_dir()).into_iter().next()
    }

    /// The day's backup: made when there is none yet for `now`'s day (or,
    /// with `again`, made anew: on quit, the day's newest state), then the
    /// old ones rolled off.
    pub fn daily_backup(&self, now: NaiveDateTime, again: bool) -> Result<Option<PathBuf>> {
        daily_backup(&self.conn, &self.path, now, again)
    }
}

/// The day's backup of `db` from its own read-only connection (the app
/// makes it on a thread of its own, beside the first frame).
pub fn daily_backup_of(db: &Path, now: NaiveDateTime, again: bool) -> Result<Option<PathBuf>> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    daily_backup(&conn, db, now, again)
}

/// Whether `db` changed after the newest backup was made (on quit: is a
/// fresh one worth making).
pub fn changed_since_backup(db: &Path) -> bool {
    let Some(last) = list_backups(&backup_dir(db)).into_iter().next() else { return true };
    let modified = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let newest =
        [db.to_path_buf(), PathBuf::from(format!("{}-wal", db.display()))].into_iter().filter_map(modified).max();
    let made = std::fs::metadata(&last.path).and_then(|m| m.modified()).ok();
    match (newest, made) {
        (Some(changed), Some(made)) => changed > made,
        _ => true,
    }
}

fn daily_backup(source: &Connection, db: &Path, now: NaiveDateTime, again: bool) -> Result<Option<PathBuf>> {
    {
        let dir = backup_dir(db);
        let today = now.date();
        let existing = list_backups(&dir);
        let todays: Vec<&BackupFile> = existing.iter().filter(|b| b.made_at.date() == today).collect();
        if !todays.is_empty() && !again {
            return Ok(None);
        }
        let dest = dir.join(backup_name(now, ""));
        copy_database(source, &dest)?;
        for old in todays.iter().filter(|b| b.path != dest) {
            let _ = std::fs::remove_file(&old.path);
        }
        for path in backups_to_drop(&list_backups(&dir), today) {
            let _ = std::fs::remove_file(path);
        }
        Ok(Some(dest))
    }
}

/// What `kam restore` did.
#[derive(Debug, Clone, PartialEq)]
pub struct Restored {
    /// Where the file that was in use was put.
    pub set_aside: Option<PathBuf>,
}

/// Puts the backup `from` in the place of the database `db`: the backup is
/// checked first (a damaged one, one of another program or of a newer kam
/// is refused and nothing is moved); the current file is kept aside under
/// a dated name.
pub fn restore(db: &Path, from: &Path, now: NaiveDateTime) -> Result<Restored> {
    super::open::check_header(from)?;
    {
        let conn =
            Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
                .map_err(|e| super::open::classify(from, e))?;
        let (version, app_id, _) = super::open::read_identity(&conn).map_err(|e| super::open::classify(from, e))?;
        if version > LATEST_VERSION {
            return Err(StoreError::NewerSchema {
                path: from.to_path_buf(),
                found: version,
                supported: LATEST_VERSION,
            });
        }
        if app_id != super::open::KAM_APPLICATION_ID {
            return Err(StoreError::NotKam { path: from.to_path_buf(), found: app_id });
        }
        let report = check_connection(&conn)?;
        if !report.is_sound() {
            return Err(StoreError::Corrupt { path: from.to_path_buf(), detail: report.integrity.join("; ") });
        }
    }
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| StoreError::Io { path, source }
    };
    let mut set_aside = None;
    if db.exists() {
        let aside = db.with_file_name(format!(
            "{}.before-restore-{}",
            db.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
            now.format("%Y-%m-%d-%H%M%S")
        ));
        // The write-ahead log goes with its file, so the set-aside copy is whole.
        for suffix in ["", "-wal", "-shm"] {
            let from_path = PathBuf::from(format!("{}{suffix}", db.display()));
            if from_path.exists() {
                let to_path = PathBuf::from(format!("{}{suffix}", aside.display()));
                std::fs::rename(&from_path, &to_path).map_err(io_err(&from_path))?;
            }
        }
        set_aside = Some(aside);
    }
    let source = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    copy_database(&source, db)?;
    Ok(Restored { set_aside })
}
