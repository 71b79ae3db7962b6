//! The year's plan from the command line, checked from outside: a fresh
//! demo's `kam list visits` for the year gives every account the visits
//! its cadence gives on working days (worked out here from the config's
//! own holiday lists, not kam's calendar), and `kam export visits --format
//! ics` writes a file a calendar can import twice without duplicates.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, Local, NaiveDate, Weekday};
use common::{kam_cli, temp_db};

fn json(out: &std::process::Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

#[test]
fn a_demo_year_gives_each_account_its_cadence_on_working_days() {
    let db = temp_db();
    assert!(kam_cli(&db.path, &["demo"]).status.success());
    let year = Local::now().year();
    let (first, last) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let visits = json(&kam_cli(
        &db.path,
        &["list", "visits", "--from", &first, "--to", &last, "--format", "json", "--limit", "100000"],
    ));
    let visits = visits.as_array().expect("rows");
    assert!(!visits.is_empty());
    // Working days by hand, from the lists the default config carries.
    let config = kam::config::Config::default().visits;
    let holidays: BTreeSet<NaiveDate> = config.holidays.iter().map(|d| date(d)).collect();
    let worked: BTreeSet<NaiveDate> = config.make_up_days.iter().map(|d| date(d)).collect();
    let working = |d: NaiveDate| {
        worked.contains(&d) || (!matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.contains(&d))
    };
    let mut by_account: BTreeMap<String, Vec<NaiveDate>> = BTreeMap::new();
    for v in visits {
        // A moved visit is counted on the day first planned.
        let first_day = v["moved_from"].as_str().filter(|d| !d.is_empty()).or(v["planned_on"].as_str());
        let day = date(first_day.expect("a day"));
        assert!(working(day), "{day} is not a working day: {v}");
        if v["moved_from"].as_str().is_some_and(|d| !d.is_empty()) {
            assert!(working(date(v["planned_on"].as_str().expect("day"))), "moved onto a working day: {v}");
        }
        by_account.entry(v["account_uuid"].as_str().expect("uuid").to_string()).or_default().push(day);
    }
    // The accounts as the file has them (id, tier, status), read directly.
    let conn = rusqlite::Connection::open(&db.path).expect("open");
    let accounts: Vec<(i64, String, String, String, String)> = conn
        .prepare("SELECT id, uuid, tier, status, substr(created_at, 1, 10) FROM account ORDER BY id")
        .expect("select")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("accounts");
    let mut checked = 0;
    for (id, uuid, tier, status, created) in accounts {
        let got = by_account.remove(&uuid).unwrap_or_default();
        if status == "lost" || status == "dormant" {
            assert!(got.is_empty(), "no plan for a {status} account");
            continue;
        }
        let every: u64 = match tier.as_str() {
            "A" => 14,
            "B" => 30,
            _ => 90,
        };
        // From the account's own offset into its cadence, every cadence
        // days, each on the next working day.
        // An account new this year is planned from the day it came.
        let start = date(&first).max(date(&created));
        let mut due = start + Days::new(id as u64 % every);
        let mut expected = Vec::new();
        while due <= date(&last) {
            let mut d = due;
            while !working(d) {
                d = d + Days::new(1);
            }
            if d > date(&last) {
                d = due;
                while !working(d) {
                    d = d - Days::new(1);
                }
            }
            expected.push(d);
            due = due + Days::new(every);
        }
        let mut got = got;
        got.sort();
        assert_eq!(got, expected, "account {id}, tier every {every} days");
        let n = got.len() as u64;
        let span = (date(&last) - start).num_days() as u64 + 1;
        assert!(n + 1 >= span / every && n <= span / every + 1, "{n} visits every {every} days");
        checked += 1;
    }
    assert!(checked > 30, "most of a one-rep book is planned");
    assert!(by_account.is_empty(), "visits of no account");
    // Compliance looks like a rep's: most past visits done, some of each
    // other state.
    let today = Local::now().date_naive();
    let mut states: BTreeMap<String, usize> = BTreeMap::new();
    for v in visits.iter().filter(|v| date(v["planned_on"].as_str().expect("day")) < today) {
        *states.entry(v["state"].as_str().expect("state").to_string()).or_default() += 1;
    }
    let past: usize = states.values().sum();
    assert!(states["done"] * 100 / past >= 60, "{states:?}");
    for state in ["skipped", "missed"] {
        assert!(states.get(state).copied().unwrap_or(0) > 0, "some {state}: {states:?}");
    }
}

/// Unfolds an iCalendar file's lines (RFC 5545 §3.1).
fn unfold(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for line in text.split("\r\n") {
        if let Some(rest) = line.strip_prefix(' ') {
            lines.last_mut().expect("a line to continue").push_str(rest);
        } else if !line.is_empty() {
            lines.push(line.to_string());
        }
    }
    lines
}

/// Each event's properties by name.
fn events(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    let mut current: Option<BTreeMap<String, String>> = None;
    for line in unfold(text) {
        match line.as_str() {
            "BEGIN:VEVENT" => current = Some(BTreeMap::new()),
            "END:VEVENT" => out.push(current.take().expect("an open event")),
            _ => {
                if let Some(event) = current.as_mut() {
                    let (name, value) = line.split_once(':').expect("name:value");
                    let name = name.split(';').next().expect("name").to_string();
                    event.insert(name, value.to_string());
                }
            }
        }
    }
    out
}

#[test]
fn the_plan_as_icalendar_keeps_its_uids_and_raises_the_sequence_of_a_moved_visit() {
    let db = temp_db();
    {
        let mut store = kam::store::Store::open(&db.path).expect("open");
        let name = "深圳华星光电技术有限公司; 研发中心, 三号楼";
        let account = kam::store::NewAccount {
            short_name: "华星光电".into(),
            address: "深圳市光明区塘明大道9-2号, 研发楼; 3层".into(),
            tier: kam::domain::Tier::A,
            status: kam::domain::AccountStatus::Active,
            ..kam::store::NewAccount::named(name)
        };
        kam::ops::add_account(&mut store, &account, date("2026-11-01")).expect("account");
        kam::ops::plan_year(&mut store, 2026, date("2026-01-01")).expect("plan");
    }
    let export = |out: &std::path::Path| {
        let args = ["export", "visits", "--format", "ics", "--from", "2026-12-01", "--to", "2026-12-31", "--out"];
        let mut all: Vec<&str> = args.to_vec();
        all.push(out.to_str().expect("path"));
        let run = kam_cli(&db.path, &all);
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        std::fs::read_to_string(out).expect("the file")
    };
    let first = export(&db.dir.path().join("one.ics"));
    let second = export(&db.dir.path().join("two.ics"));
    // RFC 5545: CRLF lines of at most 75 octets, a DTSTAMP, UID, DTSTART
    // and SEQUENCE in every event, text escaped.
    for text in [&first, &second] {
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n'), "bare line feed in {line:?}");
        }
        let unfolded = unfold(text);
        assert!(
            unfolded.iter().any(|l| l.starts_with("VERSION:2.0")) && unfolded.iter().any(|l| l.starts_with("PRODID:"))
        );
    }
    let one = events(&first);
    let two = events(&second);
    assert!(!one.is_empty());
    for event in &one {
        for property in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SEQUENCE", "SUMMARY", "STATUS"] {
            assert!(event.contains_key(property), "{property} missing: {event:?}");
        }
        assert_eq!(event["SUMMARY"], "Visit · 华星光电");
        assert_eq!(event["LOCATION"], r"深圳市光明区塘明大道9-2号\, 研发楼\; 3层", "commas and semicolons escaped");
    }
    let uids = |events: &[BTreeMap<String, String>]| events.iter().map(|e| e["UID"].clone()).collect::<Vec<_>>();
    assert_eq!(uids(&one), uids(&two), "the same UIDs every time");
    assert_eq!(one, two, "nothing changed, nothing differs");
    // Move the first December visit: same UID, a higher SEQUENCE, new day.
    let target = one[0]["UID"].clone();
    {
        let store = kam::store::Store::open(&db.path).expect("open");
        let filter = kam::store::VisitFilter { from: Some(date("2026-12-01")), ..Default::default() };
        let visit = store.planned_visits(&filter, date("2026-12-01"), None, 1).expect("visits").remove(0);
        assert_eq!(visit.uuid, target);
        drop(store);
        let mut store = kam::store::Store::open(&db.path).expect("open");
        kam::ops::move_visit(&mut store, visit.id, date("2026-12-30"), chrono::NaiveTime::from_hms_opt(14, 30, 0))
            .expect("move");
    }
    let third = events(&export(&db.dir.path().join("three.ics")));
    let moved = third.iter().find(|e| e["UID"] == target).expect("the moved visit keeps its UID");
    let before: u32 = one[0]["SEQUENCE"].parse().expect("number");
    let after: u32 = moved["SEQUENCE"].parse().expect("number");
    assert!(after > before, "SEQUENCE {before} then {after}");
    assert_eq!(moved["DTSTART"], "20261230T143000", "a visit with a time is an hour at that time");
    assert_eq!(uids(&third).len(), uids(&one).len(), "no event added or lost");
}

#[test]
fn a_status_the_plan_does_not_know_is_refused_in_words() {
    let db = temp_db();
    assert!(kam_cli(&db.path, &["demo"]).status.success());
    let out = kam_cli(&db.path, &["list", "visits", "--status", "late"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("late") && err.contains("missed"), "{err}");
    let out = kam_cli(&db.path, &["export", "accounts", "--format", "ics"]);
    assert_eq!(out.status.code(), Some(2));
}

/// A manager's plan as a file: imported, listed, imported again without
/// adding anything; a bad row is named with its row and column.
#[test]
fn a_managers_plan_imports_once_and_bad_rows_are_named() {
    let db = temp_db();
    {
        let mut store = kam::store::Store::open(&db.path).expect("open");
        kam::ops::add_account(&mut store, &kam::store::NewAccount::named("深圳华星光电"), date("2026-11-01"))
            .expect("account");
    }
    let file = db.dir.path().join("plan.csv");
    std::fs::write(
        &file,
        "客户,拜访日期,时间,拜访类型,拜访目的\r\n\
         深圳华星光电,2026-12-03,09:30,拜访,年度框架协议\r\n\
         深圳华星光电,2026-12-10,,催款,验收款\r\n\
         不存在的公司,2026-12-11,,拜访,介绍新品\r\n\
         深圳华星光电,2026-12-12,25:00,回访,满意度\r\n",
    )
    .expect("file");
    let path = file.to_str().expect("path");
    let out = kam_cli(&db.path, &["import", "visits", path, "--skip-invalid"]);
    let said = String::from_utf8_lossy(&out.stderr).to_string() + &String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("不存在的公司") && said.contains("row 4"), "{said}");
    assert!(said.contains("row 5") && said.contains("时间"), "{said}");
    let listed = json(&kam_cli(
        &db.path,
        &["list", "visits", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json", "--as-of", "2026-12-01"],
    ));
    let rows = listed.as_array().expect("rows");
    let got: Vec<(&str, &str, &str, &str)> = rows
        .iter()
        .map(|v| {
            (
                v["planned_on"].as_str().unwrap_or(""),
                v["at_time"].as_str().unwrap_or(""),
                v["kind"].as_str().unwrap_or(""),
                v["purpose"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(got, [("2026-12-03", "09:30", "visit", "年度框架协议"), ("2026-12-10", "", "collection", "验收款")]);
    assert!(rows.iter().all(|v| v["state"] == "planned"));
    // Again: nothing added.
    let again = kam_cli(&db.path, &["import", "visits", path, "--skip-invalid"]);
    assert!(again.status.success() || again.status.code() == Some(1), "{}", String::from_utf8_lossy(&again.stderr));
    let listed =
        json(&kam_cli(&db.path, &["list", "visits", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "json"]));
    assert_eq!(listed.as_array().expect("rows").len(), 2, "a second import adds nothing");
}

/// A file of the plan is the whole plan, every year of it, unless days are
/// asked for: `kam export visits` into another file brings back last
/// year's visits too, like every other kind.
#[test]
fn an_export_of_the_plan_carries_every_year_unless_days_are_asked() {
    let db = temp_db();
    {
        let mut store = kam::store::Store::open(&db.path).expect("open");
        kam::ops::add_account(&mut store, &kam::store::NewAccount::named("深圳华星光电"), date("2024-11-01"))
            .expect("account");
    }
    let file = db.dir.path().join("plan.csv");
    std::fs::write(
        &file,
        "客户,拜访日期,拜访类型,拜访目的\n\
         深圳华星光电,2024-12-03,拜访,年度框架协议\n\
         深圳华星光电,2025-03-10,催款,验收款\n",
    )
    .expect("file");
    let out = kam_cli(&db.path, &["import", "visits", file.to_str().expect("path")]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let days = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["export", "visits", "--format", "json"];
        all.extend_from_slice(args);
        let rows = json(&kam_cli(&db.path, &all));
        rows.as_array().expect("rows").iter().map(|v| v["planned_on"].as_str().unwrap_or("").to_string()).collect()
    };
    assert_eq!(days(&[]), ["2024-12-03", "2025-03-10"], "every year of the plan");
    assert_eq!(days(&["--from", "2025-01-01", "--to", "2025-12-31"]), ["2025-03-10"], "the days asked for");
}
