//! The triggers behind the journal, `updated_at` and tombstones, made from
//! each table's own column list after every migration. Hand-written ones
//! went stale the day a migration added a column and nobody added it to the
//! trigger too; generated ones cannot.
//!
//! Rules every record table gets, and every new table gets for free:
//! - journal: inside a recorded action, the first time a row is touched
//!   its image from before the action is kept (an insert keeps only its
//!   key). Undo puts the images back; see `journal.rs`.
//! - `updated_at` is stamped by trigger on every update that did not set it
//!   itself (and not while undo or redo puts a row back as it was).
//! - a deleted row with a `uuid` leaves a tombstone for a later sync.

use rusqlite::{Transaction, params};

use super::Result;

/// Tables that are not records: the journal itself, and summary tables
/// kept by their own triggers from the records (replaying the records
/// replays them).
const NOT_JOURNALED: &[&str] =
    &["journal_state", "change_action", "change_journal", "tombstone", "board_column_total", "forecast_month"];

/// Columns kept by triggers from other records' facts (a deal is paid up
/// when its contracts' instalments are settled by receipts). Writing them
/// is no change of the record itself, so it does not stamp `updated_at`:
/// a receipt paying an instalment leaves the deal's and the instalment's
/// own facts, and their exported files, as they were.
const DERIVED_COLUMNS: &[(&str, &str)] = &[("opportunity", "paid_up_on"), ("instalment", "settled_on")];

/// A table the journal covers: its name, its integer key and its columns.
#[derive(Debug, Clone)]
pub struct JournaledTable {
    pub name: String,
    pub key: String,
    pub columns: Vec<String>,
}

/// Every record table of the open schema, read from the schema itself.
pub(super) fn journaled_tables(tx: &rusqlite::Connection) -> Result<Vec<JournaledTable>> {
    let names: Vec<String> = tx
        .prepare(
            "SELECT name FROM sqlite_schema
              WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                AND sql NOT LIKE 'CREATE VIRTUAL%'
              ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let virtual_tables: Vec<String> = tx
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::new();
    for name in names {
        // A virtual table's shadow tables (account_fts_data, ...) are its own.
        let shadow = virtual_tables.iter().any(|v| name.starts_with(&format!("{v}_")));
        if shadow || NOT_JOURNALED.contains(&name.as_str()) {
            continue;
        }
        let info: Vec<(String, String, i64)> = tx
            .prepare("SELECT name, type, pk FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map(params![name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let key = info.iter().find(|(_, kind, pk)| *pk == 1 && kind.eq_ignore_ascii_case("INTEGER"));
        let Some((key, _, _)) = key else { continue };
        let key = key.clone();
        tables.push(JournaledTable { name, key, columns: info.into_iter().map(|(c, _, _)| c).collect() });
    }
    Ok(tables)
}

/// Drops and makes again every generated trigger, from the schema as it
/// stands. Runs inside each migration's transaction.
pub(super) fn regenerate(tx: &Transaction<'_>) -> Result<()> {
    for table in journaled_tables(tx)? {
        for suffix in ["journal_insert", "journal_update", "journal_delete", "touch", "tombstone"] {
            tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {};", trigger_name(&table.name, suffix)))?;
        }
        tx.execute_batch(&triggers_for(&table))?;
    }
    Ok(())
}

fn trigger_name(table: &str, suffix: &str) -> String {
    ident(&format!("kam_{table}_{suffix}"))
}

/// The SQL of one table's generated triggers. Table and column names are
/// SQL identifiers, which cannot be bound as parameters: they come from the
/// schema, never from input, and are quoted (`ident`, `literal`).
fn triggers_for(t: &JournaledTable) -> String {
    let table = ident(&t.name);
    let table_text = literal(&t.name);
    let key = ident(&t.key);
    let image: Vec<String> = t.columns.iter().map(|c| format!("{}, OLD.{}", literal(c), ident(c))).collect();
    let image = format!("json_object({})", image.join(", "));
    let recording = "(SELECT recording FROM journal_state WHERE only_row = 1) = 1";
    let now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
    let mut sql = String::new();
    // Inserts: after the row has its key. Updates and deletes: before, so
    // the image is the row as the action found it, whatever other triggers
    // (the updated_at stamp) do afterwards.
    //
    // Only a row's first image in an action counts: the unique index
    // `change_journal_by_row` (schema 16) turns the later ones away. A look
    // back into change_journal from here would make SQLite copy it into a
    // temporary table on every row. `ON CONFLICT DO NOTHING`, not
    // `INSERT OR IGNORE`: the outer statement's conflict rule overrides a
    // trigger's (a foreign key's cascade runs with ABORT), an upsert's not.
    sql.push_str(&format!(
        "CREATE TRIGGER {} AFTER INSERT ON {table} WHEN {recording}
         BEGIN
             INSERT INTO change_journal (action_id, table_name, row_id, op)
             VALUES ((SELECT max(id) FROM change_action), {table_text}, NEW.{key}, 'insert')
             ON CONFLICT DO NOTHING;
         END;\n",
        trigger_name(&t.name, "journal_insert"),
    ));
    for (op, when) in [("update", "UPDATE"), ("delete", "DELETE")] {
        sql.push_str(&format!(
            "CREATE TRIGGER {} BEFORE {when} ON {table} WHEN {recording}
             BEGIN
                 INSERT INTO change_journal (action_id, table_name, row_id, op, old_row)
                 VALUES ((SELECT max(id) FROM change_action), {table_text}, OLD.{key}, '{op}', {image})
                 ON CONFLICT DO NOTHING;
             END;\n",
            trigger_name(&t.name, &format!("journal_{op}")),
        ));
    }
    if t.columns.iter().any(|c| c == "updated_at") {
        // Only an update that sets one of the record's own columns stamps it.
        let own: Vec<String> = t
            .columns
            .iter()
            .filter(|c| !DERIVED_COLUMNS.contains(&(t.name.as_str(), c.as_str())))
            .map(|c| ident(c))
            .collect();
        sql.push_str(&format!(
            "CREATE TRIGGER {} AFTER UPDATE OF {} ON {table}
             WHEN NEW.updated_at IS OLD.updated_at AND (SELECT replaying FROM journal_state WHERE only_row = 1) = 0
             BEGIN
                 UPDATE {table} SET updated_at = {now} WHERE {key} = NEW.{key};
             END;\n",
            trigger_name(&t.name, "touch"),
            own.join(", ")
        ));
    }
    if t.columns.iter().any(|c| c == "uuid") {
        sql.push_str(&format!(
            "CREATE TRIGGER {} AFTER DELETE ON {table}
             BEGIN
                 INSERT INTO tombstone (table_name, uuid, deleted_at) VALUES ({table_text}, OLD.uuid, {now});
             END;\n",
            trigger_name(&t.name, "tombstone")
        ));
    }
    sql
}

/// A table or column name as SQL writes it: in double quotes, any quote in
/// it doubled.
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A name as an SQL text literal (the journal keeps table names as text).
pub(super) fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}
