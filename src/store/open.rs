//! Opening the file safely: create it private, refuse what is not ours
//! before writing a single byte, then set pragmas and migrate.

use std::fs::OpenOptions;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::migrations::{LATEST_VERSION, migrate};
use super::{Result, StoreError};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// 'KAM1', set by the first migration.
pub(super) const KAM_APPLICATION_ID: i64 = 0x4B41_4D31;

/// Files up to this size are checked in full before kam writes to them (a
/// rep's own file: milliseconds); bigger ones get the quick check on a
/// thread of its own, and writes wait for it.
pub(super) const CHECK_NOW_BYTES: u64 = 64 * 1024 * 1024;

/// How long a write waits for another program's lock before giving up
/// (unless told otherwise: the app waits less and tries again itself).
pub(super) const OPEN_WAIT: Duration = Duration::from_secs(10);

/// How a file is opened: to read (lists, exports, reports: whatever can
/// still be read of a damaged file is read) or to write (checked first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    Read,
    Write,
}

/// Whether the file needs the deferred quick check before its first write.
pub(super) fn needs_deferred_check(path: &Path) -> bool {
    file_bytes(path) > CHECK_NOW_BYTES
}

fn file_bytes(path: &Path) -> u64 {
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    size(path) + size(&PathBuf::from(format!("{}-wal", path.display())))
}

/// A damaged file is refused before a byte is written into it.
fn refuse_if_damaged(conn: &Connection, path: &Path) -> Result<()> {
    let report = super::backup::check_connection(conn)?;
    if report.is_sound() {
        Ok(())
    } else {
        let mut lines: Vec<String> = report.integrity.into_iter().filter(|l| l != "ok").take(3).collect();
        if lines.is_empty() && !report.foreign_keys.is_empty() {
            lines.push(format!("{} broken references", report.foreign_keys.len()));
        }
        Err(StoreError::Corrupt { path: path.to_path_buf(), detail: lines.join("; ") })
    }
}

pub(super) fn open_checked(path: &Path, access: Access) -> Result<Connection> {
    match open_writable(path, access) {
        // Nothing can be written: read what is there all the same.
        Err(why @ (StoreError::DiskFull { .. } | StoreError::ReadOnly { .. })) if access == Access::Read => {
            open_immutable(path, why)
        }
        other => other,
    }
}

fn open_writable(path: &Path, access: Access) -> Result<Connection> {
    let io_err = |source| StoreError::Io { path: path.to_path_buf(), source };
    if !path.exists() {
        create_private(path).map_err(io_err)?;
    }
    check_header(path)?;
    if access == Access::Write {
        repair_leftover_modes(path);
    }

    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    conn.busy_timeout(OPEN_WAIT)?;

    // Read-only questions first: nothing below writes until the file is
    // known to be a kam database we understand.
    let (version, app_id, objects) = read_identity(&conn).map_err(|e| classify(path, e))?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: version, supported: LATEST_VERSION });
    }
    if objects > 0 && app_id != KAM_APPLICATION_ID {
        return Err(StoreError::NotKam { path: path.to_path_buf(), found: app_id });
    }
    // Before anything writes (even the WAL switch or a migration): a small
    // file is checked in full now; a big one on a thread (see Store).
    let writes = access == Access::Write || version < LATEST_VERSION;
    if writes && objects > 0 && !needs_deferred_check(path) {
        refuse_if_damaged(&conn, path)?;
    }

    // WAL lets the app read while another kam writes; NORMAL sync in WAL
    // mode loses nothing on a process crash (only the last commits on power
    // loss). Setting WAL on a WAL file writes nothing.
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(|e| classify(path, e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // A read-only file stays in its rollback journal mode: it can be
        // read, not written.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return match access {
                Access::Read => Ok(conn),
                Access::Write => Err(StoreError::ReadOnly { path: read_only_part(path).unwrap_or(path.to_path_buf()) }),
            };
        }
        return Err(StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: format!("cannot use WAL (journal mode {mode})"),
        });
    }
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // Statement journals (every write that fires triggers keeps one) in
    // memory, not in a temporary file opened and written per statement:
    // a tenth of a big import went there.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    // A file of an older kam is copied before it is changed: if the new
    // schema is not what the rep wants, the old file is one restore away.
    // (The backup API cannot copy from a connection holding the write
    // lock, so this is made before the migration takes it; two kams
    // opening an old file at once each write a whole copy.)
    if objects > 0 && version < LATEST_VERSION {
        let now = chrono::Local::now().naive_local();
        let dest =
            super::backup::backup_dir(path).join(super::backup::backup_name(now, &format!("before-v{LATEST_VERSION}")));
        super::backup::copy_database(&conn, &dest)?;
    }
    migrate(&mut conn, version).map_err(|e| match e {
        StoreError::Sqlite(inner) => classify(path, inner),
        other => other,
    })?;
    Ok(conn)
}

pub(super) fn read_identity(conn: &Connection) -> rusqlite::Result<(i64, i64, i64)> {
    let version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let objects = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
    Ok((version, app_id, objects))
}

/// Creates the folder and an empty file readable by its owner only; SQLite
/// gives the -wal and -shm files the same permissions.
pub(super) fn create_private(path: &Path) -> std::io::Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map(drop)
}

/// An empty file is a new database; anything else must start like SQLite.
pub(super) fn check_header(path: &Path) -> Result<()> {
    let mut file = std::fs::File::open(path).map_err(|source| StoreError::Io { path: path.to_path_buf(), source })?;
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => return Err(StoreError::Io { path: path.to_path_buf(), source }),
        }
    }
    if read == 0 || &head == SQLITE_MAGIC { Ok(()) } else { Err(StoreError::NotSqlite { path: path.to_path_buf() }) }
}

/// Whether another connection holds the lock asked for.
pub(super) fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked))
}

pub(super) fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked {
            path: path.to_path_buf(),
            writer: super::writer::current_writer(path),
            waited: OPEN_WAIT,
        },
        Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => {
            StoreError::ReadOnly { path: read_only_part(path).unwrap_or_else(|| path.to_path_buf()) }
        }
        Some(ErrorCode::NotADatabase) => StoreError::NotSqlite { path: path.to_path_buf() },
        Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt { path: path.to_path_buf(), detail: e.to_string() },
        // SQLite says "disk I/O error" for a full disk when the shared
        // memory file or the log cannot grow: ask the file system.
        Some(ErrorCode::DiskFull | ErrorCode::SystemIoFailure | ErrorCode::CannotOpen) if no_space_left(path) => {
            StoreError::DiskFull { path: path.to_path_buf() }
        }
        // Or it cannot make the -wal or -shm beside a read-only file.
        Some(ErrorCode::SystemIoFailure | ErrorCode::CannotOpen) => match read_only_part(path) {
            Some(part) => StoreError::ReadOnly { path: part },
            None => StoreError::Sqlite(e),
        },
        _ => StoreError::Sqlite(e),
    }
}

/// Whether the file system holding `path` has (next to) no room left.
pub(super) fn no_space_left(path: &Path) -> bool {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    match rustix::fs::statvfs(dir) {
        Ok(stat) => stat.f_bavail.saturating_mul(stat.f_frsize) < 256 * 1024,
        Err(_) => false,
    }
}

/// On a full disk the shared-memory file cannot be made: open the file
/// read-only and immutable, so lists, exports and backups to another disk
/// still work (nothing can write to it meanwhile anyway).
fn open_immutable(path: &Path, why: StoreError) -> Result<Connection> {
    let uri = format!("file:{}?immutable=1", path.display());
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(uri, flags).map_err(|e| classify(path, e))?;
    let (version, app_id, objects) = read_identity(&conn).map_err(|e| classify(path, e))?;
    if version > LATEST_VERSION {
        return Err(StoreError::NewerSchema { path: path.to_path_buf(), found: version, supported: LATEST_VERSION });
    }
    if objects > 0 && app_id != KAM_APPLICATION_ID {
        return Err(StoreError::NotKam { path: path.to_path_buf(), found: app_id });
    }
    // An older file must be migrated first, which needs writing.
    if version < LATEST_VERSION {
        return Err(why);
    }
    Ok(conn)
}

/// Which part of the database cannot be written: the file, its -wal or
/// -shm, or the folder that must hold them. None when all can.
pub(super) fn read_only_part(path: &Path) -> Option<PathBuf> {
    let writable = |p: &Path| rustix::fs::access(p, rustix::fs::Access::WRITE_OK).is_ok();
    let sides = ["", "-wal", "-shm"].map(|side| PathBuf::from(format!("{}{side}", path.display())));
    if let Some(part) = sides.into_iter().find(|p| p.exists() && !writable(p)) {
        return Some(part);
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    (!writable(dir)).then(|| dir.to_path_buf())
}

/// A -wal or -shm left read-only by an earlier open of a read-only file
/// (SQLite gives them the file's mode) would keep the file read-only after
/// the rep has made it writable again: such a leftover of the rep's own is
/// given the file's mode back. Neither holds anything the file lacks that
/// a permission change could lose.
fn repair_leftover_modes(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let Ok(file) = std::fs::metadata(path) else { return };
        if file.mode() & 0o200 == 0 {
            return;
        }
        for side in ["-wal", "-shm"] {
            let part = PathBuf::from(format!("{}{side}", path.display()));
            if let Ok(meta) = std::fs::metadata(&part)
                && meta.uid() == file.uid()
                && meta.mode() & 0o200 == 0
            {
                let _ = std::fs::set_permissions(&part, std::fs::Permissions::from_mode(file.mode() & 0o666));
            }
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_leftover_read_only_shm_gets_the_files_mode_back() {
        let dir = std::env::temp_dir().join(format!("kam-modes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let db = dir.join("kam.sqlite3");
        let shm = dir.join("kam.sqlite3-shm");
        std::fs::write(&db, b"").expect("db");
        std::fs::write(&shm, b"").expect("shm");
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        repair_leftover_modes(&db);
        let mode = std::fs::metadata(&shm).expect("shm").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // A file still read-only leaves its -shm as it is.
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        std::fs::set_permissions(&shm, std::fs::Permissions::from_mode(0o400)).expect("chmod");
        repair_leftover_modes(&db);
        let mode = std::fs::metadata(&shm).expect("shm").permissions().mode() & 0o777;
        assert_eq!(mode, 0o400);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
