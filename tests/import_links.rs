//! A row that links a record of another account is rejected: a contract
//! of one account on another's deal or signed by another's contact, a
//! visit on another's deal, a complaint or survey naming another's contact,
//! contract or visit. Each is named with its row, column and what the file
//! gave; nothing of the file is written. The same links from their own
//! account import.

mod common;

use common::{demo_db, kam_cli};

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8").to_string()
}

/// What the demo gives an account with a name of its own: its name, a deal,
/// a contact, a contract and an activity (their UUIDs, the contract's number).
struct Records {
    name: String,
    deal: String,
    contact: String,
    contract: String,
    activity: String,
}

fn records(db: &std::path::Path, except: Option<&str>) -> Records {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(
        "SELECT a.name,
                (SELECT uuid FROM opportunity WHERE account_id = a.id ORDER BY id LIMIT 1),
                (SELECT uuid FROM contact WHERE account_id = a.id ORDER BY id LIMIT 1),
                (SELECT number FROM contract WHERE account_id = a.id AND number <> '' ORDER BY id LIMIT 1),
                (SELECT uuid FROM activity WHERE account_id = a.id ORDER BY id LIMIT 1)
           FROM account a
          WHERE (SELECT count(*) FROM account b WHERE b.name = a.name) = 1
            AND a.name IS NOT ?1
            AND EXISTS (SELECT 1 FROM contract c WHERE c.account_id = a.id AND c.number <> '')
            AND EXISTS (SELECT 1 FROM contact c WHERE c.account_id = a.id)
            AND EXISTS (SELECT 1 FROM activity v WHERE v.account_id = a.id)
          ORDER BY a.id LIMIT 1",
        [except],
        |r| {
            Ok(Records {
                name: r.get(0)?,
                deal: r.get(1)?,
                contact: r.get(2)?,
                contract: r.get(3)?,
                activity: r.get(4)?,
            })
        },
    )
    .expect("an account with a deal, contact, contract and activity")
}

fn count(db: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}

#[test]
fn links_to_another_accounts_records_are_rejected_and_their_own_import() {
    let db = demo_db();
    let dir = db.dir.path();
    let theirs = records(&db.path, None);
    let ours = records(&db.path, Some(&theirs.name));
    let files = |account: &str, to: &Records, tag: &str| {
        [
            (
                "contracts",
                "contract",
                write(
                    dir,
                    &format!("contracts-{tag}.csv"),
                    &format!(
                        "account,number,title,amount,deal_uuid,signatory_uuid\n{account},LINK-{tag}-1,Links,1000,{},{}\n",
                        to.deal, to.contact
                    ),
                ),
            ),
            (
                "activities",
                "activity",
                write(
                    dir,
                    &format!("activities-{tag}.csv"),
                    &format!(
                        "account,occurred_on,channel,purpose,deal_uuid\n{account},2026-11-20,phone,Links {tag},{}\n",
                        to.deal
                    ),
                ),
            ),
            (
                "complaints",
                "complaint",
                write(
                    dir,
                    &format!("complaints-{tag}.csv"),
                    &format!(
                        "account,description,contact_uuid,contract,return_visit_uuid\n{account},Links {tag},{},{},{}\n",
                        to.contact, to.contract, to.activity
                    ),
                ),
            ),
            (
                "surveys",
                "survey",
                write(
                    dir,
                    &format!("surveys-{tag}.csv"),
                    &format!(
                        "account,overall,contact_uuid,contract,activity_uuid\n{account},5,{},{},{}\n",
                        to.contact, to.contract, to.activity
                    ),
                ),
            ),
        ]
    };

    // Our account, their records: every link named, nothing written.
    let rejected: &[(&str, &[&str])] = &[
        ("contracts", &["deal_uuid", "signatory_uuid"]),
        ("activities", &["deal_uuid"]),
        ("complaints", &["contact_uuid", "contract", "return_visit_uuid"]),
        ("surveys", &["contact_uuid", "contract", "activity_uuid"]),
    ];
    for ((kind, table, file), (_, columns)) in files(&ours.name, &theirs, "theirs").iter().zip(rejected) {
        let before = count(&db.path, table);
        let out = kam_cli(&db.path, &["import", kind, file]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{kind}: {said}");
        for column in *columns {
            let line = said.lines().find(|l| l.contains(&format!("row 2, column \"{column}\""))).unwrap_or_else(|| {
                panic!("{kind}: no word on {column} in {said}");
            });
            assert!(line.contains("belongs to another account"), "{kind}: {line}");
        }
        assert_eq!(count(&db.path, table), before, "{kind}: nothing written");
    }

    // Their own records, from their own account: imported.
    for (kind, table, file) in &files(&theirs.name, &theirs, "own") {
        let before = count(&db.path, table);
        let out = kam_cli(&db.path, &["import", kind, file]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(count(&db.path, table), before + 1, "{kind}");
    }
}
