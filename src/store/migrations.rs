//! Schema migrations keyed by `PRAGMA user_version`.
//!
//! The rule: this list is append-only. Never remove, reorder or edit an entry
//! that has shipped; a schema change is a new SQL file appended at the end.

use rusqlite::Connection;

use super::Result;

const MIGRATIONS: &[&str] = &[include_str!("../../assets/migrations/0001_initial.sql")];

/// The schema version this kam writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration newer than `current`, each in its own
/// transaction together with its version bump, so a crash leaves the file
/// at a whole version.
pub(super) fn migrate(conn: &mut Connection, current: i64) -> Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
