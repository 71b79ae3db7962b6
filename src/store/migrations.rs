//! Schema migrations keyed by `PRAGMA user_version`.
//!
//! The rule: this list is append-only. Never remove, reorder or edit an entry
//! that has shipped; a schema change is a new SQL file appended at the end.

use rusqlite::{Connection, Transaction, TransactionBehavior, params};

use super::{Result, journal_triggers};
use crate::domain::search::{fold_name, search_text, sort_name};

struct Migration {
    sql: &'static str,
    /// Data kam computes itself (pinyin needs a dictionary SQL lacks), run
    /// in the same transaction after the SQL.
    then: Option<fn(&Transaction<'_>) -> Result<()>>,
}

const MIGRATIONS: &[Migration] = &[
    Migration { sql: include_str!("../../assets/migrations/0001_initial.sql"), then: None },
    Migration {
        sql: include_str!("../../assets/migrations/0002_dossier_search_journal.sql"),
        then: Some(index_account_names),
    },
    Migration { sql: include_str!("../../assets/migrations/0003_pipeline_method.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0004_generated_journal.sql"), then: Some(make_rep) },
    Migration { sql: include_str!("../../assets/migrations/0005_report_indexes.sql"), then: None },
    Migration {
        sql: include_str!("../../assets/migrations/0006_activity_details_follow_ups.sql"),
        then: Some(copy_activity_contacts),
    },
    Migration { sql: include_str!("../../assets/migrations/0007_account_sort_name.sql"), then: Some(fill_sort_names) },
    Migration { sql: include_str!("../../assets/migrations/0008_contracts_receipts.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0009_care_after_the_win.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0010_paid_up_deals.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0011_planned_visits.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0012_targets_and_forms.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0013_external_ids.sql"), then: Some(refresh_search_text) },
    Migration { sql: include_str!("../../assets/migrations/0014_bulk_search_index.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0015_derived_columns_untouched.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0016_journal_first_touch_by_index.sql"), then: None },
    Migration {
        sql: include_str!("../../assets/migrations/0017_fixed_word_readings.sql"),
        then: Some(refresh_search_text),
    },
    Migration {
        sql: include_str!("../../assets/migrations/0018_checks_without_lists.sql"),
        then: Some(rewrite_list_checks),
    },
    Migration { sql: include_str!("../../assets/migrations/0019_search_index_without_sizes.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0020_planned_visits_by_instalment.sql"), then: None },
    Migration { sql: include_str!("../../assets/migrations/0021_one_index_of_visits_by_day.sql"), then: None },
];

/// From this version on, the journal's triggers are generated after every
/// migration (earlier files wrote their own; 0004 drops them).
const GENERATED_JOURNAL_FROM: i64 = 4;

/// The schema version this kam writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies every migration newer than `current`, each in its own
/// transaction together with its version bump, so a crash leaves the file
/// at a whole version. Each takes the write lock first and reads the
/// version again under it: two kams opening an old file at once queue up,
/// and the second finds the work done instead of doing it twice.
pub(super) fn migrate(conn: &mut Connection, current: i64) -> Result<()> {
    if current == 0 {
        return make_new(conn);
    }
    for (index, migration) in MIGRATIONS.iter().enumerate() {
        let version = index as i64 + 1;
        if version <= current {
            continue;
        }
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now >= version {
            continue;
        }
        tx.execute_batch(migration.sql)?;
        if let Some(then) = migration.then {
            then(&tx)?;
        }
        if version >= GENERATED_JOURNAL_FROM {
            journal_triggers::regenerate(&tx)?;
        }
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// A new file: every migration in one transaction, the journal's triggers
/// generated once at the end instead of after each (a new book opened in
/// a third of the time). Nothing is in it for the triggers to record,
/// and no migration's SQL names a generated trigger. A crash leaves the
/// file empty, made again on the next open.
fn make_new(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if now > 0 {
        // Another kam made it while this one waited for the lock.
        drop(tx);
        return migrate(conn, now);
    }
    for migration in MIGRATIONS {
        tx.execute_batch(migration.sql)?;
        if let Some(then) = migration.then {
            then(&tx)?;
        }
    }
    journal_triggers::regenerate(&tx)?;
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// The file's rep: a UUID now, the name asked for by the app.
fn make_rep(tx: &Transaction<'_>) -> Result<()> {
    let meta = super::RecordMeta::now();
    tx.execute(
        "INSERT INTO rep (only_row, uuid, name, created_at, updated_at) VALUES (1, ?1, '', ?2, ?2)",
        params![meta.uuid.to_string(), meta.at_text()],
    )?;
    Ok(())
}

/// Copies the one contact of each older activity into the list of people
/// met (each link a record with its own UUID).
fn copy_activity_contacts(tx: &Transaction<'_>) -> Result<()> {
    let links: Vec<(i64, i64, String)> = tx
        .prepare("SELECT id, contact_id, created_at FROM activity WHERE contact_id IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut insert = tx.prepare(
        "INSERT INTO activity_contact (uuid, activity_id, contact_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
    )?;
    for (activity, contact, at) in links {
        insert.execute(params![super::new_uuid().to_string(), activity, contact, at])?;
    }
    Ok(())
}

/// The pinyin sort key of every account written before version 7.
fn fill_sort_names(tx: &Transaction<'_>) -> Result<()> {
    let accounts: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM account")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE account SET sort_name = ?2 WHERE id = ?1")?;
    for (id, name) in accounts {
        update.execute(params![id, sort_name(&name)])?;
    }
    Ok(())
}

/// Fills the folded name and search text of accounts written before
/// version 2.
fn index_account_names(tx: &Transaction<'_>) -> Result<()> {
    // Index the rows as they stand (empty search text) first: the update
    // trigger removes a row's old entry before adding the new one, and an
    // entry that was never added must not be removed.
    tx.execute("INSERT INTO account_fts (account_fts) VALUES ('rebuild')", [])?;
    let accounts: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, name, short_name FROM account")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE account SET name_folded = ?2, search_chars = ?3, search_initials = ?4, search_pinyin = ?5 WHERE id = ?1",
    )?;
    for (id, name, short_name) in accounts {
        let text = search_text(&name, &short_name);
        update.execute(params![id, fold_name(&name), text.chars, text.initials, text.pinyin])?;
    }
    Ok(())
}

/// Versions 13 and 17 read names better (13: ü typed v, the readings
/// company names use, a short name read on its own; 17: the one reading of
/// legal names' words): every account's search text is made again. Not a change of the rep's: `updated_at` stays as it was.
fn refresh_search_text(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("UPDATE journal_state SET replaying = 1 WHERE only_row = 1", [])?;
    let accounts: Vec<(i64, String, String)> = tx
        .prepare("SELECT id, name, short_name FROM account")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        tx.prepare("UPDATE account SET search_chars = ?2, search_initials = ?3, search_pinyin = ?4 WHERE id = ?1")?;
    for (id, name, short_name) in accounts {
        let text = search_text(&name, &short_name);
        update.execute(params![id, text.chars, text.initials, text.pinyin])?;
    }
    tx.execute("UPDATE journal_state SET replaying = 0 WHERE only_row = 1", [])?;
    Ok(())
}

/// Version 18's CHECKs (see its file): each table, the list check as
/// written before, and the same check written as comparisons.
const LIST_CHECKS: &[(&str, &str, &str)] = &[
    ("account", "tier IN ('A', 'B', 'C')", "tier = 'A' OR tier = 'B' OR tier = 'C'"),
    (
        "account",
        "status IN ('prospect', 'active', 'dormant', 'lost')",
        "status = 'prospect' OR status = 'active' OR status = 'dormant' OR status = 'lost'",
    ),
    (
        "contact",
        "role IN ('decision_maker', 'influencer', 'user', 'technical', 'finance', 'gatekeeper')",
        "role = 'decision_maker' OR role = 'influencer' OR role = 'user' OR role = 'technical' \
         OR role = 'finance' OR role = 'gatekeeper'",
    ),
    ("opportunity", "outcome IN ('open', 'won', 'lost')", "outcome = 'open' OR outcome = 'won' OR outcome = 'lost'"),
    ("opportunity", "judgement IN ('', 'go', 'no_go')", "judgement = '' OR judgement = 'go' OR judgement = 'no_go'"),
    (
        "stage_move",
        "outcome IN ('won', 'lost', 'reopened')",
        "outcome = 'won' OR outcome = 'lost' OR outcome = 'reopened'",
    ),
    ("change_journal", "op IN ('insert', 'update', 'delete')", "op = 'insert' OR op = 'update' OR op = 'delete'"),
    (
        "contract",
        "status IN ('draft', 'signed', 'in_progress', 'fulfilled', 'closed', 'void')",
        "status = 'draft' OR status = 'signed' OR status = 'in_progress' OR status = 'fulfilled' \
         OR status = 'closed' OR status = 'void'",
    ),
    (
        "complaint",
        "severity IN ('normal', 'urgent', 'critical')",
        "severity = 'normal' OR severity = 'urgent' OR severity = 'critical'",
    ),
    (
        "planned_visit",
        "kind IN ('visit', 'return_visit', 'collection', 'complaint_follow_up')",
        "kind = 'visit' OR kind = 'return_visit' OR kind = 'collection' OR kind = 'complaint_follow_up'",
    ),
];

/// Writes version 18's CHECKs into the schema (see its file). Each list
/// check must be found once as written: a schema that differs is left
/// alone and the migration fails, the file as it was.
fn rewrite_list_checks(tx: &Transaction<'_>) -> Result<()> {
    let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
    tx.pragma_update(None, "writable_schema", true)?;
    let mut failed = None;
    for (table, list, comparisons) in LIST_CHECKS {
        let sql: String =
            tx.query_row("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))?;
        if sql.matches(list).count() != 1 {
            failed = Some(format!("{table}: {list}"));
            break;
        }
        tx.execute(
            "UPDATE sqlite_schema SET sql = ?2 WHERE type = 'table' AND name = ?1",
            params![table, sql.replace(list, comparisons)],
        )?;
    }
    tx.pragma_update(None, "schema_version", version + 1)?;
    tx.pragma_update(None, "writable_schema", false)?;
    if let Some(check) = failed {
        return Err(damaged(format!("schema 18: a CHECK is not as kam wrote it ({check})")));
    }
    let verdict: String = tx.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if verdict != "ok" {
        return Err(damaged(format!("schema 18: {verdict}")));
    }
    Ok(())
}

/// A schema kam did not write: said as a damaged file (the caller names it).
fn damaged(detail: String) -> super::StoreError {
    rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT), Some(detail)).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_in_order_on_a_fresh_database() -> Result<()> {
        let mut conn = Connection::open_in_memory()?;
        migrate(&mut conn, 0)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        assert_eq!(version, LATEST_VERSION);
        Ok(())
    }
}
