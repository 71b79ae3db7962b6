//! The management forms against numbers worked out apart from them: the
//! monthly report and the year's biggest accounts on the Maven CRM files
//! (against a plain reading of the CSV), the collection progress on the
//! hand-worked contract on five days, an assessment scored by hand, and a
//! sent report that stays as it was sent.

mod common;

use std::collections::BTreeMap;

use chrono::{FixedOffset, NaiveDate};
use common::{kam_cli, temp_db, today};
use kam::config::{AssessmentSettings, ReportSettings};
use kam::domain::assessment::ManualPoints;
use kam::domain::{Channel, Money, Month, Outcome, Stage};
use kam::ops;
use kam::reports::{AssessmentReport, CollectionReport, MonthlyReport};
use kam::store::{
    Decision, FormKind, NewAccount, NewActivity, NewContract, NewInstalment, NewOpportunity, NewPlannedVisit,
    NewReceipt, RecordMeta, Store, Targets,
};
use serde_json::Value;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn yuan(y: i64) -> Money {
    Money::from_yuan(y)
}

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("offset")
}

fn maven(path: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/maven-crm")
        .join(path)
        .to_string_lossy()
        .into_owned()
}

fn json(out: &std::process::Output) -> Value {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

/// Won deals of the CSV read plainly: (account, close date, close value).
fn won_rows() -> Vec<(String, String, i64)> {
    let mut reader = csv::Reader::from_path(maven("sales_pipeline.csv")).expect("csv");
    reader
        .records()
        .map(|r| r.expect("record"))
        .filter(|r| &r[4] == "Won")
        .map(|r| (r[3].to_string(), r[6].to_string(), r[7].parse::<i64>().expect("close value") * 100))
        .collect()
}

#[test]
fn the_monthly_report_and_the_year_agree_with_the_maven_csv() {
    let db = temp_db();
    assert!(kam_cli(&db.path, &["import", "accounts", &maven("accounts.csv")]).status.success());
    let mut args =
        vec!["import", "opportunities", &maven("sales_pipeline.csv")].into_iter().map(String::from).collect::<Vec<_>>();
    for map in ["Prospecting=1", "Engaging=3", "Won=won", "Lost=lost"] {
        args.extend(["--stage-map".to_string(), map.to_string()]);
    }
    args.push("--create-accounts".to_string());
    let out = kam_cli(&db.path, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    let won = won_rows();
    let june: Vec<&(String, String, i64)> = won.iter().filter(|(_, d, _)| d.starts_with("2017-06")).collect();
    assert!(june.len() > 100, "June 2017 has its wins");
    let report = json(&kam_cli(&db.path, &["report", "monthly", "--month", "2017-06", "--format", "json"]));
    let line = report["results"].as_array().expect("results").iter().find(|r| r["what"] == "won").expect("won").clone();
    assert_eq!(line["this_month"]["count"], june.len() as i64);
    assert_eq!(line["this_month"]["amount_cents"], june.iter().map(|r| r.2).sum::<i64>());
    // Last month beside it, from the CSV too.
    let may: i64 = won.iter().filter(|(_, d, _)| d.starts_with("2017-05")).map(|r| r.2).sum();
    assert_eq!(line["last_month"]["amount_cents"], may);

    // The year's biggest accounts by won amount, in the CSV's order.
    let mut by_account: BTreeMap<&str, (i64, i64)> = BTreeMap::new();
    for (account, date, cents) in &won {
        if date.starts_with("2017") {
            let entry = by_account.entry(account).or_default();
            entry.0 += 1;
            entry.1 += cents;
        }
    }
    let mut expected: Vec<(&str, (i64, i64))> = by_account.into_iter().collect();
    expected.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
    let year = json(&kam_cli(&db.path, &["report", "monthly", "--year", "2017", "--format", "json"]));
    let top = year["top_accounts"].as_array().expect("top");
    assert_eq!(top.len(), 10);
    for (got, (name, (count, cents))) in top.iter().zip(&expected) {
        assert_eq!(
            (got["account"].as_str(), got["count"].as_i64(), got["amount_cents"].as_i64()),
            (Some(*name), Some(*count), Some(*cents))
        );
    }
    // The year by month adds up to the year's wins.
    let total: i64 = won.iter().filter(|(_, d, _)| d.starts_with("2017")).map(|r| r.2).sum();
    assert_eq!(year["total"]["won"]["amount_cents"], total);
    let months: i64 = year["months"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| m["won"]["amount_cents"].as_i64().expect("cents"))
        .sum();
    assert_eq!(months, total);
}

/// (status, received, outstanding, days overdue) of each line, in yuan.
fn lines(report: &CollectionReport) -> Vec<(String, i64, i64, i64)> {
    report.contracts[0]
        .lines
        .iter()
        .map(|l| (l.status.clone(), l.received_cents.cents() / 100, l.outstanding_cents.cents() / 100, l.days_overdue))
        .collect()
}

/// A day: its lines, the aging buckets in yuan, overdue (count, yuan),
/// and the month's collection rate.
type Case = (&'static str, [(String, i64, i64, i64); 3], [i64; 6], (i64, i64), Option<f64>);

fn s(text: &str) -> String {
    text.to_string()
}

#[test]
fn collection_progress_on_five_days_worked_out_by_hand() {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    common::huaxing_contract(&mut store);
    let aging = ReportSettings::default().aging_days();
    let on = |d: &str| CollectionReport::build(&store, day(d), &aging).expect("report");
    // Buckets: not yet due, 1–30, 31–60, 61–90, 91–120, over 120.
    let cases: [Case; 5] = [
        // The deposit due in 5 days; January's money due 30,000, none in yet.
        (
            "2026-01-05",
            [(s("due_soon"), 0, 30_000, 0), (s("awaiting"), 0, 60_000, 0), (s("awaiting"), 0, 10_000, 0)],
            [100_000, 0, 0, 0, 0, 0],
            (0, 0),
            Some(0.0),
        ),
        // The deposit came on 01-08: all of January's due is in.
        (
            "2026-01-09",
            [(s("paid"), 30_000, 0, 0), (s("awaiting"), 0, 60_000, 0), (s("awaiting"), 0, 10_000, 0)],
            [70_000, 0, 0, 0, 0, 0],
            (0, 0),
            Some(100.0),
        ),
        // Delivery money due in 5 days; nothing received in March.
        (
            "2026-03-26",
            [(s("paid"), 30_000, 0, 0), (s("due_soon"), 0, 60_000, 0), (s("awaiting"), 0, 10_000, 0)],
            [70_000, 0, 0, 0, 0, 0],
            (0, 0),
            Some(0.0),
        ),
        // Ten days late: 60,000 in the 1–30 bucket; nothing falls due in April.
        (
            "2026-04-10",
            [(s("paid"), 30_000, 0, 0), (s("overdue"), 0, 60_000, 10), (s("awaiting"), 0, 10_000, 0)],
            [10_000, 60_000, 0, 0, 0, 0],
            (1, 60_000),
            None,
        ),
        // 86 days late: 40,000 in 61–90; acceptance money due in 5 days.
        (
            "2026-06-25",
            [(s("paid"), 30_000, 0, 0), (s("overdue"), 20_000, 40_000, 86), (s("due_soon"), 0, 10_000, 0)],
            [10_000, 0, 0, 40_000, 0, 0],
            (1, 40_000),
            Some(0.0),
        ),
    ];
    for (date, expected_lines, buckets, overdue, rate) in cases {
        let report = on(date);
        assert_eq!(lines(&report), expected_lines, "{date}");
        let got: Vec<i64> = report.aging_totals.iter().map(|m| m.cents() / 100).collect();
        assert_eq!(got, buckets, "{date} aging");
        // The buckets add up to what is outstanding, and to the account's row.
        assert_eq!(report.aging_totals.iter().copied().fold(Money::ZERO, |a, b| a + b), report.outstanding_cents);
        assert_eq!(report.aging[0].total_cents, report.outstanding_cents);
        assert_eq!((report.overdue.count, report.overdue.amount_cents.cents() / 100), overdue, "{date}");
        assert_eq!(report.collection_rate, rate, "{date} rate");
        let received: i64 = expected_lines.iter().map(|l| l.1).sum();
        assert_eq!(report.contracts[0].received_cents, yuan(received));
        assert_eq!(report.contracts[0].progress, Some(received as f64 / 1000.0), "{date} progress");
    }
    // Paid up, it leaves the table; before it was signed it never came.
    let after = on("2030-01-01");
    assert_eq!(after.contracts.len(), 1, "40,000 + 10,000 still owed");
    assert_eq!(after.outstanding_cents, yuan(50_000));
    assert_eq!(after.aging_totals[5], yuan(50_000), "both over 120 days by 2030");
}

/// A month built by hand: March 2026, with its targets and the data that
/// each default item reads.
struct March {
    _db: common::TempDb,
    store: Store,
}

fn at(d: &str, hour: u32) -> RecordMeta {
    RecordMeta { uuid: uuid::Uuid::now_v7(), at: day(d).and_hms_opt(hour, 0, 0).expect("time").and_utc() }
}

fn march() -> March {
    let db = temp_db();
    let mut store = Store::open(&db.path).expect("open");
    let month = Month::parse("2026-03").expect("month");
    ops::set_targets(
        &mut store,
        month,
        &Targets { sales_cents: yuan(200_000), collections_cents: yuan(100_000), visits: 10, new_accounts: 4 },
    )
    .expect("targets");
    // An account made long before (planned from November, not in March).
    let account = ops::add_account(&mut store, &NewAccount::named("杭州海康"), today()).expect("account");
    // Won in March: 120,000 + 180,000 = 300,000 (150 % of 200,000); a win
    // on 04-01 is April's.
    for (title, amount, on) in
        [("一期", 120_000, "2026-03-05"), ("二期", 180_000, "2026-03-31"), ("三期", 99_000, "2026-04-01")]
    {
        let deal = NewOpportunity {
            account_id: account,
            title: title.into(),
            stage: Stage::Close,
            outcome: Outcome::Open,
            amount: yuan(amount),
            probability: None,
            expected_close_on: Some(day(on)),
            lost_reason: String::new(),
        };
        let id = ops::add_deal(&mut store, &deal).expect("deal");
        ops::record_outcome(&mut store, id, &Decision::Won, day(on)).expect("won");
    }
    // Received in March: 80,000 (80 % of 100,000); 5,000 on 02-28 is not.
    let contract = NewContract {
        signed_on: Some(day("2026-02-01")),
        status: kam::domain::ContractStatus::Signed,
        ..NewContract::draft(account, "一期合同", yuan(120_000))
    };
    let plan = [NewInstalment::new(1, "全款", day("2026-03-31"), yuan(120_000))];
    let contract = ops::add_contract(&mut store, &contract, &plan).expect("write").expect("adds up");
    for (on, amount) in [("2026-02-28", 5_000), ("2026-03-02", 50_000), ("2026-03-31", 30_000)] {
        let receipt = NewReceipt {
            contract_id: contract,
            instalment_id: None,
            received_on: day(on),
            amount: yuan(amount),
            method: String::new(),
            reference: String::new(),
            notes: String::new(),
        };
        ops::record_receipt(&mut store, &receipt, false).expect("write").expect("owed");
    }
    // New accounts: 3 made in March (75 % of 4), one on 04-01.
    store
        .batch(|b| {
            for (name, on) in [
                ("新客户甲", "2026-03-02"),
                ("新客户乙", "2026-03-15"),
                ("新客户丙", "2026-03-31"),
                ("四月客户", "2026-04-01"),
            ] {
                b.insert_account(&NewAccount::named(name), &at(on, 12), day(on))?;
            }
            Ok(())
        })
        .expect("new accounts");
    // Visits: four planned in March, three done (75 %, of a 90 % target).
    for (planned, done) in [("2026-03-03", true), ("2026-03-10", true), ("2026-03-17", true), ("2026-03-24", false)] {
        ops::plan_visit(&mut store, &NewPlannedVisit::visit(account, day(planned))).expect("plan");
        if done {
            ops::log_activity(&mut store, &NewActivity::new(account, day(planned), Channel::Visit, "例行拜访"))
                .expect("visit");
        }
    }
    // Daily reports: 22 working days in March 2026; 20 written by the next
    // day, 2 (03-30, 03-31) written three days later.
    store
        .batch(|b| {
            let mut d = day("2026-03-02");
            while d <= day("2026-03-31") {
                if chrono::Datelike::weekday(&d).num_days_from_monday() < 5 {
                    let late = d >= day("2026-03-30");
                    let written = if late { d + chrono::Days::new(3) } else { d };
                    let words = kam::store::DailySummary { summary: "见客户".into(), tomorrow_plan: String::new() };
                    b.upsert_daily_summary(d, &words, &at(&written.to_string(), 12))?;
                }
                d = d.succ_opt().expect("day");
            }
            Ok(())
        })
        .expect("daily words");
    // The manager's points for care: 70.
    let points = ManualPoints { points: 70, set_by: "王经理".into(), reason: "一起投诉超期".into() };
    ops::score_item(&mut store, month, "care", &points).expect("points");
    March { _db: db, store }
}

fn assess(m: &March, settings: &AssessmentSettings) -> AssessmentReport {
    let rules = kam::config::Config::default().visits.rules();
    AssessmentReport::build(&m.store, Month::parse("2026-03").expect("m"), today(), utc(), settings, &rules)
        .expect("report")
}

#[test]
fn an_assessment_scores_what_a_person_works_out() {
    let m = march();
    let report = assess(&m, &AssessmentSettings::default());
    let by_code = |code: &str| report.lines.iter().find(|l| l.code == code).expect("item").clone();
    // Sales: 300,000 ÷ 200,000 = 150 %, linear capped at 120 → 120 × 40 % = 48.
    let sales = by_code("sales");
    assert_eq!((sales.attainment, sales.points, sales.weighted), (Some(150.0), 120.0, 48.0));
    assert_eq!(sales.formula, "min(150, 120) = 120");
    // Collections: 80,000 ÷ 100,000 = 80 % → 80 × 25 % = 20.
    let collections = by_code("collections");
    assert_eq!((collections.attainment, collections.points, collections.weighted), (Some(80.0), 80.0, 20.0));
    // New accounts: 3 of 4 = 75 %, stepped: ≥ 50 → 50 points × 10 % = 5.
    let new = by_code("new_accounts");
    assert_eq!((new.actual, new.attainment, new.points, new.weighted), (Some(3.0), Some(75.0), 50.0, 5.0));
    assert_eq!(new.formula, "75 ≥ 50 → 50");
    // Visits: 3 of 4 = 75 % against 90 % → 83.33, linear → 8.33.
    let visits = by_code("visits");
    assert_eq!(
        (visits.actual, visits.attainment, visits.points, visits.weighted),
        (Some(75.0), Some(83.33), 83.33, 8.33)
    );
    // Care: manual, 70 by the manager → 7.
    let care = by_code("care");
    assert_eq!((care.points, care.weighted), (70.0, 7.0));
    assert_eq!(care.manual.as_ref().map(|p| p.set_by.as_str()), Some("王经理"));
    // Daily reports: 20 of 22 = 90.9 % (rates to one decimal, as the
    // visit plan gives them), stepped ≥ 80 → 80 × 5 % = 4.
    let daily = by_code("daily_reports");
    assert_eq!(
        (daily.detail.as_str(), daily.attainment, daily.points, daily.weighted),
        ("20/22", Some(90.9), 80.0, 4.0)
    );
    // 48 + 20 + 5 + 8.33 + 7 + 4 = 92.33: grade A.
    assert_eq!((report.total, report.grade), (92.33, 'A'));

    // Another weighting in the config: sales 30, collections 35.
    let mut settings = AssessmentSettings::default();
    settings.items.iter_mut().find(|i| i.code == "sales").expect("sales").weight = 30;
    settings.items.iter_mut().find(|i| i.code == "collections").expect("coll").weight = 35;
    assert!(settings.problems().is_empty());
    let reweighed = assess(&m, &settings);
    // 120 × 30 % + 80 × 35 % = 36 + 28 = 64 instead of 68: 88.33, grade B.
    assert_eq!((reweighed.total, reweighed.grade), (88.33, 'B'));
    // Weights that do not add up are refused by the config.
    settings.items[0].weight = 50;
    assert!(settings.problems()[0].contains("add up to 120"), "{:?}", settings.problems());
    let (config, warning) = {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config.toml");
        let text = toml::to_string(&kam::config::Config { assessment: settings, ..Default::default() }).expect("toml");
        std::fs::write(&path, text).expect("write");
        kam::config::load(&path)
    };
    assert_eq!(config.assessment, AssessmentSettings::default(), "the defaults score instead");
    assert!(warning.is_some_and(|w| w.contains("add up to 120")));
}

#[test]
fn a_sent_monthly_report_stays_as_it_was_sent() {
    let mut m = march();
    let month = Month::parse("2026-03").expect("m");
    let aging = ReportSettings::default().aging_days();
    let before = MonthlyReport::build(&m.store, month, today(), utc(), &aging).expect("report");
    assert_eq!(before.result("won").map(|r| r.this_month.count), Some(2));
    let body = serde_json::to_string(&before).expect("json");
    assert_eq!(ops::submit_form(&mut m.store, FormKind::Monthly, month, &body).expect("send"), 1);

    // A deal won in March after sending.
    let account = m.store.account_named("杭州海康").expect("read").expect("there");
    let deal = NewOpportunity {
        account_id: account.id,
        title: "追加".into(),
        stage: Stage::Close,
        outcome: Outcome::Open,
        amount: yuan(10_000),
        probability: None,
        expected_close_on: None,
        lost_reason: String::new(),
    };
    let id = ops::add_deal(&mut m.store, &deal).expect("deal");
    ops::record_outcome(&mut m.store, id, &Decision::Won, day("2026-03-20")).expect("won");

    let sent = kam::reports::monthly::sent(&m.store, month).expect("read").expect("sent");
    assert_eq!(sent.submitted.as_ref().map(|s| s.0), Some(1));
    assert_eq!(MonthlyReport { submitted: None, ..sent.clone() }, before, "what was sent, unchanged");
    let live = MonthlyReport::build(&m.store, month, today(), utc(), &aging).expect("report");
    assert_eq!(live.result("won").map(|r| (r.this_month.count, r.this_month.amount_cents)), Some((3, yuan(310_000))));
    // The command line shows the sent copy, or the live one with --draft.
    let cli = |extra: &[&str]| {
        let mut args = vec!["report", "monthly", "--month", "2026-03", "--format", "json"];
        args.extend(extra);
        json(&kam_cli(&m._db.path, &args))
    };
    let won = |v: &Value| v["results"][0]["this_month"]["count"].as_i64();
    assert_eq!(won(&cli(&[])), Some(2));
    assert_eq!(won(&cli(&["--draft"])), Some(3));
    // A new draft shows the live figures; the sent version is kept.
    assert!(ops::reopen_form(&mut m.store, FormKind::Monthly, month).expect("reopen"));
    assert_eq!(won(&cli(&[])), Some(3));
    assert_eq!(m.store.submitted_form(FormKind::Monthly, month).expect("read").map(|f| f.version), Some(1));
    // Sending again makes version 2, frozen in its turn.
    let out = kam_cli(&m._db.path, &["report", "monthly", "--month", "2026-03", "--submit"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("version 2"));
    assert_eq!(m.store.submitted_form(FormKind::Monthly, month).expect("read").map(|f| f.version), Some(2));
}

#[test]
fn the_forms_open_in_excel_with_chinese_numbers_and_dates() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let m = march();
    let path = m._db.dir.path();
    let run = |kind: &str, extra: &[&str], file: &str| {
        let out_path = path.join(file);
        let mut args = vec!["--lang", "zh-CN", "report", kind, "--format", "xlsx", "--out"];
        let out_text = out_path.to_string_lossy().into_owned();
        args.push(&out_text);
        args.extend(extra);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kam"))
            .arg("--db")
            .arg(&m._db.path)
            .args(&args)
            .env("KAM_CONFIG", m._db.path.with_extension("toml"))
            .output()
            .expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let book: Xlsx<_> = open_workbook(&out_path).expect("opens as xlsx");
        book
    };
    let mut monthly = run("monthly", &["--month", "2026-03"], "monthly.xlsx");
    let names = monthly.sheet_names();
    assert!(names.iter().any(|n| n == "业绩"), "a sheet per section, in Chinese: {names:?}");
    let results = monthly.worksheet_range("业绩").expect("sheet");
    // Title, blank, section title, headers, then 赢单 with its numbers.
    let rows: Vec<Vec<Data>> = results.rows().map(|r| r.to_vec()).collect();
    let won = rows.iter().find(|r| r.first() == Some(&Data::String("赢单".into()))).expect("won row");
    assert_eq!(won[1], Data::Float(2.0), "count as a number");
    assert_eq!(won[2], Data::Float(300_000.0), "money as a number");
    assert!(matches!(won[4], Data::Float(p) if (p - 1.5).abs() < 1e-9), "attainment as a percent number: {:?}", won[4]);
    assert!(rows.iter().any(|r| r.iter().any(|c| c == &Data::String("去年同期".into()))), "Chinese headers");

    let mut collections = run("collections", &["--as-of", "2026-03-31"], "collections.xlsx");
    let progress = collections.worksheet_range("按合同").expect("sheet");
    let dates: Vec<&Data> =
        progress.rows().filter_map(|r| r.get(5)).filter(|c| matches!(c, Data::DateTime(_))).collect();
    assert!(!dates.is_empty(), "due dates are date cells");
    if let Data::DateTime(d) = dates[0] {
        assert_eq!(d.as_datetime().map(|t| t.date()), Some(day("2026-03-31")));
    }

    let mut assessment = run("assessment", &["--month", "2026-03"], "assessment.xlsx");
    let items = assessment.worksheet_range("考核项目").expect("sheet");
    let total =
        items.rows().find(|r| matches!(r.first(), Some(Data::String(t)) if t.starts_with("合计"))).expect("total");
    assert_eq!(total[8], Data::Float(92.33));
}
