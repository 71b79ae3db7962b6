//! The money from files: `kam import contracts`, `instalments` and
//! `receipts` of a small file (Chinese headers for one of them), then
//! `kam list instalments --as-of D --format json` gives the statuses and
//! sums worked out by hand; a second import of the same files adds nothing.

mod common;

use common::{kam_cli, temp_db};
use kam::ops;
use kam::store::{NewAccount, Store};

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path.to_str().expect("utf-8").to_string()
}

fn list(db: &std::path::Path, args: &[&str]) -> serde_json::Value {
    let out = kam_cli(db, args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn imported_money_lists_with_its_statuses_on_the_day_asked() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    ops::add_account(&mut store, &NewAccount::named("深圳华星光电"), common::today()).expect("account");
    drop(store);
    let dir = db.dir.path();
    let contracts = write(
        dir,
        "contracts.csv",
        "客户名称,合同编号,合同名称,签约日期,合同金额,合同状态\n深圳华星光电,HT-2026-001,显示屏产线升级,2026-01-01,\"100,000.00\",履行中\n",
    );
    let instalments = write(
        dir,
        "instalments.csv",
        "contract,seq,label,due_on,amount\nHT-2026-001,1,预付款,2026-01-10,30000\nHT-2026-001,2,到货款,2026-03-31,60000\nHT-2026-001,3,验收款,2026-06-30,10000\n",
    );
    let receipts = write(
        dir,
        "receipts.csv",
        "合同编号,期次,回款日期,回款金额,付款方式,流水号\nHT-2026-001,,2026-01-08,30000,电汇,B001\nHT-2026-001,,2026-04-15,20000,网上转账,B002\n",
    );
    for (kind, file) in [("contracts", &contracts), ("instalments", &instalments), ("receipts", &receipts)] {
        let out = kam_cli(&db.path, &["import", kind, file]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
    }

    let json = list(&db.path, &["list", "instalments", "--as-of", "2026-06-25", "--format", "json"]);
    let rows = json.as_array().expect("rows");
    let got: Vec<(String, i64, i64, String, i64)> = rows
        .iter()
        .map(|r| {
            (
                r["label"].as_str().expect("label").to_string(),
                r["received_cents"].as_i64().expect("received"),
                r["outstanding_cents"].as_i64().expect("outstanding"),
                r["status"].as_str().expect("status").to_string(),
                r["days_overdue"].as_i64().expect("days"),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("预付款".into(), 3_000_000, 0, "paid".into(), 0),
            ("到货款".into(), 2_000_000, 4_000_000, "overdue".into(), 86),
            ("验收款".into(), 0, 1_000_000, "due_soon".into(), 0),
        ]
    );
    let overdue =
        list(&db.path, &["list", "instalments", "--as-of", "2026-04-10", "--status", "overdue", "--format", "json"]);
    assert_eq!(overdue.as_array().expect("rows").len(), 1);
    assert_eq!(overdue[0]["days_overdue"], 10);
    let contract = list(&db.path, &["list", "contracts", "--format", "json"]);
    assert_eq!(contract[0]["received_cents"], 5_000_000);
    assert_eq!(contract[0]["outstanding_cents"], 5_000_000);
    assert_eq!(contract[0]["status"], "in_progress");
    let money = list(&db.path, &["list", "receipts", "--format", "json"]);
    assert_eq!(money.as_array().expect("rows").len(), 2);
    assert_eq!(money[0]["method"], "online");

    // The same files again: nothing new.
    for (kind, file) in [("contracts", &contracts), ("instalments", &instalments), ("receipts", &receipts)] {
        let out = kam_cli(&db.path, &["import", kind, file]);
        assert!(out.status.success(), "{kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
    assert_eq!(list(&db.path, &["list", "instalments", "--format", "json"]).as_array().expect("rows").len(), 3);
    assert_eq!(list(&db.path, &["list", "receipts", "--format", "json"]).as_array().expect("rows").len(), 2);

    // Exported and imported into another file: the same money, the same statuses.
    let other = temp_db();
    let mut store = Store::open(&other.path).expect("open");
    ops::add_account(&mut store, &NewAccount::named("深圳华星光电"), common::today()).expect("account");
    drop(store);
    for kind in ["contracts", "instalments", "receipts"] {
        let file = other.dir.path().join(format!("{kind}.csv"));
        let out = kam_cli(&db.path, &["export", kind, "--out", file.to_str().expect("utf-8")]);
        assert!(out.status.success(), "export {kind}: {}", String::from_utf8_lossy(&out.stderr));
        let out = kam_cli(&other.path, &["import", kind, file.to_str().expect("utf-8")]);
        assert!(out.status.success(), "import {kind}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let statuses = |path: &std::path::Path| -> Vec<(String, i64)> {
        list(path, &["list", "instalments", "--as-of", "2026-06-25", "--format", "json"])
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| (r["status"].as_str().expect("status").to_string(), r["received_cents"].as_i64().expect("cents")))
            .collect()
    };
    assert_eq!(statuses(&other.path), statuses(&db.path));

    // A filter this list cannot apply is said, not ignored.
    let out = kam_cli(&db.path, &["list", "contracts", "--filter", "华星"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--filter works on accounts"));

    // A bad status is refused in words, with the ones there are.
    let out = kam_cli(&db.path, &["list", "instalments", "--status", "late"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("overdue, due_soon"));
}

#[test]
fn a_receipt_for_a_contract_that_is_not_there_is_rejected_with_its_row() {
    let db = temp_db();
    drop(Store::open(&db.path).expect("open"));
    let receipts = write(db.dir.path(), "r.csv", "contract,received_on,amount\nHT-404,2026-01-08,100\n");
    let out = kam_cli(&db.path, &["import", "receipts", &receipts]);
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("HT-404") && said.contains('2'), "{said}");
}
