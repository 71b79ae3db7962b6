//! The journal covers every record table, whatever its columns, including
//! tables and columns a later migration adds: every column survives
//! delete → undo and update → undo, and redo after undo gives the change
//! back. The walk reads the schema, so a new table is covered with no edit
//! here.

mod common;

use std::collections::BTreeMap;

use common::{demo_db, today};
use kam::ops;
use kam::store::{DailySummary, JournaledTable, Store, StoreError};
use rusqlite::Connection;
use rusqlite::types::Value;

/// What a later migration might add: a column on an old table and a new
/// record table that follows the rules (uuid, timestamps, a parent).
const LATER_MIGRATION: &str = "
    ALTER TABLE contact ADD COLUMN wechat TEXT NOT NULL DEFAULT '';
    UPDATE contact SET wechat = 'wx' || id;
    CREATE TABLE later_record (
        id           INTEGER PRIMARY KEY,
        uuid         TEXT NOT NULL UNIQUE,
        account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        note         TEXT NOT NULL DEFAULT '',
        amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
        due_on       TEXT,
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL
    );
    INSERT INTO later_record (uuid, account_id, note, amount_cents, due_on, created_at, updated_at)
    SELECT 'later-' || id, id, 'note ' || id, id * 100, '2026-12-0' || (id % 9 + 1), '2026-11-01T00:00:00.000Z',
           '2026-11-01T00:00:00.000Z'
      FROM account ORDER BY id LIMIT 5;
";

/// Every row of every table that undo must put back, record tables and the
/// summary tables their triggers keep, plus the tombstones, as text.
fn digest(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%'
               AND name NOT LIKE 'change%' AND name <> 'journal_state' AND sql NOT LIKE 'CREATE VIRTUAL%'
               AND name NOT LIKE 'account_fts%'",
        )
        .expect("tables")
        .query_map([], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("names");
    let mut out = BTreeMap::new();
    for table in tables {
        let columns: Vec<String> = conn
            .prepare(
                // A tombstone's key and time are new each time a row goes.
                // A planned visit's iCalendar sequence only ever grows, undo
                // included (a calendar ignores an event whose sequence fell).
                "SELECT name FROM pragma_table_info(?1)
                  WHERE (name NOT IN ('id', 'deleted_at') OR ?1 <> 'tombstone')
                    AND (name <> 'sequence' OR ?1 <> 'planned_visit')
                  ORDER BY cid",
            )
            .expect("info")
            .query_map([&table], |r| r.get(0))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("columns");
        let image: Vec<String> = columns.iter().map(|c| format!("'{c}', \"{c}\"")).collect();
        let sql = format!("SELECT json_object({}) AS row FROM \"{table}\" ORDER BY row", image.join(", "));
        let rows: Vec<String> = conn
            .prepare(&sql)
            .expect("select")
            .query_map([], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("rows");
        out.insert(table, rows);
    }
    out
}

fn assert_same(left: &BTreeMap<String, Vec<String>>, right: &BTreeMap<String, Vec<String>>, what: &str) {
    for (table, rows) in left {
        assert_eq!(Some(rows), right.get(table), "{what}: table {table} differs");
    }
    assert_eq!(left.len(), right.len(), "{what}: tables differ");
}

fn fts_ok(conn: &Connection) {
    conn.execute("INSERT INTO account_fts (account_fts) VALUES ('integrity-check')", [])
        .expect("the search index matches the accounts");
}

/// Values worth trying for a column, other than its current value: the
/// column's other values first (they pass its checks and references), then
/// plain changes.
fn candidates(conn: &Connection, table: &JournaledTable, column: &str, current: &Value) -> Vec<Value> {
    let sql = format!("SELECT DISTINCT \"{column}\" FROM \"{}\" WHERE \"{column}\" IS NOT ?1 LIMIT 5", table.name);
    let mut out: Vec<Value> = conn
        .prepare(&sql)
        .expect("distinct")
        .query_map([current], |r| r.get(0))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("values");
    // The words the table's own checks allow ('won', 'lost', ...): every
    // quoted literal of its CREATE statement.
    let create: String =
        conn.query_row("SELECT sql FROM sqlite_schema WHERE name = ?1", [&table.name], |r| r.get(0)).expect("create");
    out.extend(create.split('\'').skip(1).step_by(2).map(|w| Value::Text(w.to_string())));
    match current {
        Value::Integer(i) => out.extend([Value::Integer(i + 1), Value::Integer(i - 1), Value::Integer(1 - i)]),
        Value::Text(t) => out.extend([Value::Text(format!("{t}·")), Value::Text("1".into()), Value::Null]),
        Value::Null => out.extend([Value::Text("2026-12-01".into()), Value::Integer(1), Value::Text("x".into())]),
        _ => {}
    }
    out.retain(|v| v != current);
    out
}

/// Tries a write in a transaction that is always rolled back.
fn would_take(store: &mut Store, sql: &str, value: &Value, key: i64) -> bool {
    let result = store.batch(|b| {
        b.execute_sql(sql, &[value, &key])?;
        Err::<(), _>(StoreError::NotFound("rolled back on purpose"))
    });
    matches!(result, Err(StoreError::NotFound(_)))
}

#[test]
fn every_column_of_every_journaled_table_survives_undo_and_redo() {
    let db = demo_db();
    let mut store = Store::open(&db.path).expect("open");
    ops::save_daily_report(
        &mut store,
        today(),
        &DailySummary { summary: "见了两家".into(), tomorrow_plan: "报价".into() },
    )
    .expect("a daily report, so that table has a row");
    store.apply_schema_change(LATER_MIGRATION).expect("a later migration");
    let conn = Connection::open(&db.path).expect("reader");

    let tables = store.journaled_tables().expect("tables");
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    for expected in ["account", "contact", "opportunity", "activity", "quote", "negotiation", "later_record", "rep"] {
        assert!(names.contains(&expected), "{expected} is journaled: {names:?}");
    }
    assert!(tables.iter().any(|t| t.name == "contact" && t.columns.contains(&"wechat".to_string())));

    for table in &tables {
        let key: Option<i64> = conn
            .query_row(&format!("SELECT \"{}\" FROM \"{}\" ORDER BY 1 LIMIT 1", table.key, table.name), [], |r| {
                r.get(0)
            })
            .ok();
        let Some(key) = key else { panic!("{} has no row to walk: the demo should fill it", table.name) };
        let row_sql = format!("SELECT * FROM \"{}\" WHERE \"{}\" = ?1", table.name, table.key);
        let current: Vec<Value> = conn
            .query_row(&row_sql, [key], |r| (0..table.columns.len()).map(|i| r.get::<_, Value>(i)).collect())
            .expect("row");

        // Update → undo → redo → undo, with every column changed at once.
        let mut writes = Vec::new();
        let mut unchangeable = Vec::new();
        for (column, value) in table.columns.iter().zip(&current) {
            if *column == table.key {
                continue;
            }
            let sql = format!("UPDATE \"{}\" SET \"{column}\" = ?1 WHERE \"{}\" = ?2", table.name, table.key);
            match candidates(&conn, table, column, value).into_iter().find(|v| would_take(&mut store, &sql, v, key)) {
                Some(v) => writes.push((sql, v)),
                None => unchangeable.push(column.clone()),
            }
        }
        assert!(unchangeable.is_empty(), "{}: no value to try for {unchangeable:?}", table.name);
        let before = digest(&conn);
        store
            .action("test.update", &table.name, |b| {
                for (sql, value) in &writes {
                    b.execute_sql(sql, &[value, &key])?;
                }
                Ok(())
            })
            .expect("update");
        let after = digest(&conn);
        let changed: Vec<Value> = conn
            .query_row(&row_sql, [key], |r| (0..table.columns.len()).map(|i| r.get::<_, Value>(i)).collect())
            .expect("row");
        for ((column, old), new) in table.columns.iter().zip(&current).zip(&changed) {
            assert!(*column == table.key || old != new, "{}.{column} was not changed by the walk", table.name);
        }
        ops::undo(&mut store).expect("undo update").expect("undone");
        assert_same(&before, &digest(&conn), &format!("{}: update then undo", table.name));
        ops::redo(&mut store).expect("redo").expect("redone");
        assert_same(&after, &digest(&conn), &format!("{}: redo after undo", table.name));
        ops::undo(&mut store).expect("undo again").expect("undone");
        assert_same(&before, &digest(&conn), &format!("{}: undo after redo", table.name));
        fts_ok(&conn);

        // Delete (with whatever cascades) → undo → redo → undo.
        let delete = format!("DELETE FROM \"{}\" WHERE \"{}\" = ?1", table.name, table.key);
        store.action("test.delete", &table.name, |b| b.execute_sql(&delete, &[&key])).expect("delete");
        let deleted = digest(&conn);
        assert_ne!(before, deleted, "{}: the delete changed something", table.name);
        ops::undo(&mut store).expect("undo delete").expect("undone");
        assert_same(&before, &digest(&conn), &format!("{}: delete then undo", table.name));
        ops::redo(&mut store).expect("redo delete").expect("redone");
        assert_same(&deleted, &digest(&conn), &format!("{}: redo of the delete", table.name));
        ops::undo(&mut store).expect("undo again").expect("undone");
        assert_same(&before, &digest(&conn), &format!("{}: undo after redo of the delete", table.name));
        fts_ok(&conn);
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check");
    assert_eq!(integrity, "ok");
    let fk: Option<String> = conn.query_row("PRAGMA foreign_key_check", [], |r| r.get(0)).ok();
    assert_eq!(fk, None, "no dangling reference");
}

#[test]
fn a_new_action_ends_the_redo_chain_and_redo_follows_undo_order() {
    let db = demo_db();
    let mut store = Store::open(&db.path).expect("open");
    let day = today();
    let first = DailySummary { summary: "一".into(), tomorrow_plan: String::new() };
    let second = DailySummary { summary: "二".into(), tomorrow_plan: String::new() };
    ops::save_daily_report(&mut store, day, &first).expect("first");
    ops::save_daily_report(&mut store, day, &second).expect("second");
    ops::undo(&mut store).expect("undo").expect("undone");
    ops::undo(&mut store).expect("undo").expect("undone");
    assert_eq!(store.daily_summary(day).expect("read"), None);
    ops::redo(&mut store).expect("redo").expect("redone");
    assert_eq!(store.daily_summary(day).expect("read").map(|d| d.summary), Some("一".into()));
    ops::redo(&mut store).expect("redo").expect("redone");
    assert_eq!(store.daily_summary(day).expect("read").map(|d| d.summary), Some("二".into()));
    assert!(ops::redo(&mut store).expect("redo").is_none(), "nothing more to redo");
    ops::undo(&mut store).expect("undo").expect("undone");
    ops::save_daily_report(&mut store, day.pred_opt().expect("day"), &second).expect("a new action");
    assert!(store.next_redo().expect("next").is_none(), "a new action ends the redo chain");
}
