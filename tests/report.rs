//! `kam report daily` says what the Reports tab shows, in every format and
//! both languages: both are drawn from the same typed report.

mod common;

use std::process::Command;

use chrono::{NaiveDate, Utc};
use common::{app, demo_db, key, render, screen_text, today};
use kam::domain::{Channel, Money, Stage};
use kam::i18n::Lang;
use kam::io::report::{daily_sections, daily_title, render_markdown, render_table};
use kam::ops;
use kam::store::{DailySummary, Decision, NewActivity, NewOpportunity, Store};

/// A day with something in every section: activities, a deal created,
/// moved (forced), won and lost, a quote, the rep's words.
fn busy_day(path: &std::path::Path) -> NaiveDate {
    // Moves are stamped with the clock; the report's day is the clock's
    // (in UTC, as the CLI runs with TZ=UTC below).
    let day = Utc::now().date_naive();
    let mut store = Store::open(path).expect("open");
    let account = store.accounts_page(&kam::store::Seek::First, 1).expect("page")[0].id;
    for (channel, purpose) in [(Channel::Visit, "方案汇报 | 技术交流"), (Channel::Phone, "Follow up on the quote")]
    {
        let activity = NewActivity {
            account_id: account,
            opportunity_id: None,
            contact_ids: Vec::new(),
            occurred_time: None,
            keeps_id: None,
            occurred_on: day,
            channel,
            purpose: purpose.into(),
            result: "=SUM(A1)".into(),
            next_step: "报价".into(),
            next_on: Some(day),
        };
        ops::log_activity(&mut store, &activity).expect("log");
    }
    // A new account: its Research checklist is all unmet, so the move is forced.
    let fresh = ops::add_account(&mut store, &kam::store::NewAccount::named("招商银行"), day).expect("account");
    let deal = |title: &str, stage| NewOpportunity {
        account_id: fresh,
        title: title.into(),
        stage,
        outcome: kam::domain::Outcome::Open,
        amount: Money::from_yuan(1_234_567),
        probability: None,
        expected_close_on: None,
        lost_reason: String::new(),
    };
    let moved = ops::add_deal(&mut store, &deal("数据中心扩容", Stage::Research)).expect("deal");
    ops::move_deal(&mut store, moved, true, day).expect("move").expect("moved, forced");
    let won = ops::add_deal(&mut store, &deal("柜面升级", Stage::Close)).expect("deal");
    ops::add_quote(&mut store, won, day, Money::from_yuan(1_200_000), "首轮报价", day).expect("quote");
    ops::record_outcome(&mut store, won, &Decision::Won, day).expect("won");
    let lost = ops::add_deal(&mut store, &deal("网点改造", Stage::Relationship)).expect("deal");
    let lost_to = Decision::Lost { reason: "Price".into(), competitor: "某友商".into() };
    ops::record_outcome(&mut store, lost, &lost_to, day).expect("lost");
    let words =
        DailySummary { summary: "拜访两家\n电话一通".into(), tomorrow_plan: "报价给招商银行".into() };
    ops::save_daily_report(&mut store, day, &words).expect("words");
    day
}

fn kam_report(
    path: &std::path::Path,
    day: NaiveDate,
    lang: &str,
    format: &str,
    out: Option<&std::path::Path>,
) -> Vec<u8> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kam"));
    command.env("TZ", "UTC").args(["--lang", lang, "--db"]).arg(path);
    command.args(["report", "daily", "--date", &day.format("%Y-%m-%d").to_string(), "--format", format]);
    if let Some(out) = out {
        command.arg("--out").arg(out);
    }
    let output = command.output().expect("run kam");
    assert!(output.status.success(), "{format}: {}", String::from_utf8_lossy(&output.stderr));
    output.stdout
}

/// The Reports tab on `day`, reached with the keys a rep presses.
fn reports_tab(path: &std::path::Path, lang: Lang, day: NaiveDate) -> kam::tui::App {
    let mut app = app(path, lang, 200, 60);
    app.handle_event(&key('4'));
    let steps = (day - today()).num_days();
    for _ in 0..steps.abs() {
        app.handle_event(&key(if steps > 0 { 'l' } else { 'h' }));
    }
    assert_eq!(app.reports.day, day);
    app
}

#[test]
fn every_format_says_what_the_reports_tab_shows() {
    let db = demo_db();
    let day = busy_day(&db.path);
    for (lang, tag) in [(Lang::En, "en"), (Lang::ZhCn, "zh-CN")] {
        let app = reports_tab(&db.path, lang, day);
        let report = &app.reports.report;
        assert_eq!(report.deals_created.len(), 3);
        assert_eq!((report.deals_moved.len(), report.deals_won.len(), report.deals_lost.len()), (1, 1, 1));
        assert!(!report.deals_moved[0].unmet.is_empty(), "the move was forced");
        let screen = screen_text(&render(&app, 200, 60));
        for a in &report.activities {
            assert!(screen.contains(&a.fields.purpose), "{tag}: the tab shows {:?}", a.fields.purpose);
        }
        for m in report.deals_created.iter().chain(&report.deals_won).chain(&report.deals_lost) {
            assert!(screen.contains(&m.title), "{tag}: the tab shows the deal {:?}", m.title);
        }
        assert!(screen.contains("拜访两家") && screen.contains("电话一通") && screen.contains("报价给招商银行"));

        // Table and Markdown: exactly the tab's report, rendered.
        let title = daily_title(report, lang);
        let sections = daily_sections(report, lang);
        let table = String::from_utf8(kam_report(&db.path, day, tag, "table", None)).expect("utf-8");
        assert_eq!(table, render_table(&title, &sections, lang), "{tag}: table");
        let md = String::from_utf8(kam_report(&db.path, day, tag, "md", None)).expect("utf-8");
        assert_eq!(md, render_markdown(&title, &sections, lang), "{tag}: markdown");
        assert!(md.contains("方案汇报 \\| 技术交流"), "a | in a cell does not break the Markdown table");
        for section in &sections {
            assert!(table.contains(&section.title) && md.contains(&section.title));
        }
    }

    let app = reports_tab(&db.path, Lang::En, day);
    let report = &app.reports.report;
    // JSON: codes and cents, the same rows.
    let json: serde_json::Value = serde_json::from_slice(&kam_report(&db.path, day, "en", "json", None)).expect("json");
    let ids: Vec<i64> = json["activities"].as_array().expect("list").iter().filter_map(|a| a["id"].as_i64()).collect();
    assert_eq!(ids, report.activities.iter().map(|a| a.id).collect::<Vec<_>>());
    assert_eq!(json["activity_count"], report.activity_count());
    assert_eq!(json["won_amount_cents"], report.won_amount().cents());
    assert_eq!(json["opportunities_won"][0]["amount_cents"], Money::from_yuan(1_234_567).cents());
    assert_eq!(json["opportunities_moved"][0]["forced"], true);
    assert_eq!(json["opportunities_lost"][0]["lost_to"], "某友商");
    assert_eq!(json["quotes"][0]["warning"], report.quotes[0].warning);
    assert_eq!(json["summary"], "拜访两家\n电话一通");
    let follow_ups = json["follow_ups_due"].as_array().expect("list").len();
    assert_eq!(follow_ups, report.follow_ups_due.len());

    // CSV: every section, formulas neutralised, money as plain numbers.
    let csv = kam_report(&db.path, day, "en", "csv", None);
    assert!(csv.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let text = String::from_utf8(csv[3..].to_vec()).expect("utf-8");
    let records: Vec<csv::StringRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .collect::<Result<_, _>>()
        .expect("valid CSV");
    for a in &report.activities {
        assert!(records.iter().any(|r| r.get(5) == Some(a.fields.purpose.as_str())));
    }
    assert!(records.iter().any(|r| r.get(6) == Some("'=SUM(A1)")), "a formula is neutralised");
    assert!(records.iter().any(|r| r.iter().any(|c| c == "1234567.00")), "money as a plain number");

    // xlsx: a real workbook on disk.
    let out = db.dir.path().join("daily.xlsx");
    kam_report(&db.path, day, "en", "xlsx", Some(&out));
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
}

#[test]
fn a_bad_date_is_a_clear_error_and_an_empty_day_says_so() {
    let db = demo_db();
    let output = Command::new(env!("CARGO_BIN_EXE_kam"))
        .args(["--lang", "en", "--db"])
        .arg(&db.path)
        .args(["report", "daily", "--date", "2026-13-40"])
        .output()
        .expect("run");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--date 2026-13-40"));
    let quiet = kam_report(&db.path, NaiveDate::from_ymd_opt(2001, 1, 1).expect("day"), "zh-CN", "table", None);
    let quiet = String::from_utf8(quiet).expect("utf-8");
    assert!(quiet.contains("（无记录）") && quiet.contains("（尚未填写）"), "{quiet}");
}
