//! Every figure of the monthly report, the collection progress and the
//! assessment on the demo's book, against plain SQL written apart from
//! the store's (no index hints, no shared text): if a form's query drifts
//! from what its words say, one of these disagrees.

mod common;

use chrono::FixedOffset;
use common::{demo_db, today};
use kam::config::{AssessmentSettings, ReportSettings};
use kam::domain::Month;
use kam::reports::{AssessmentReport, CollectionReport, MonthlyReport};
use kam::store::Store;
use rusqlite::{Connection, params};

fn utc() -> FixedOffset {
    FixedOffset::east_opt(0).expect("offset")
}

fn one(conn: &Connection, sql: &str, p: &[&dyn rusqlite::ToSql]) -> (i64, i64) {
    conn.query_row(sql, p, |r| Ok((r.get::<_, Option<i64>>(0)?.unwrap_or(0), r.get::<_, Option<i64>>(1)?.unwrap_or(0))))
        .expect(sql)
}

#[test]
fn the_monthly_report_agrees_with_plain_sql_on_the_demo() {
    let db = demo_db();
    let store = Store::open(&db.path).expect("open");
    let conn = Connection::open(&db.path).expect("raw");
    let aging = ReportSettings::default().aging_days();
    let mut checked = 0;
    // Every month of the demo's year, so quiet months and busy ones count.
    for back in 0..12 {
        let month = Month::of(today() - chrono::Months::new(back));
        let (first, last) = (month.first().to_string(), month.last().to_string());
        let r = MonthlyReport::build(&store, month, today(), utc(), &aging).expect("report");
        let tally = |what: &str| {
            let line = r.result(what).expect("line");
            (line.this_month.count, line.this_month.amount_cents.cents())
        };
        let won = one(
            &conn,
            "SELECT count(*), sum(amount_cents) FROM opportunity WHERE outcome = 'won' AND closed_on >= ?1 AND closed_on <= ?2",
            &[&first, &last],
        );
        assert_eq!(tally("won"), won, "{month} won");
        checked += won.0;
        let signed = one(
            &conn,
            "SELECT count(*), sum(amount_cents) FROM contract WHERE status != 'void' AND signed_on >= ?1 AND signed_on <= ?2",
            &[&first, &last],
        );
        assert_eq!(tally("signed"), signed, "{month} signed");
        let received = one(
            &conn,
            "SELECT count(*), sum(amount_cents) FROM receipt WHERE received_on >= ?1 AND received_on <= ?2",
            &[&first, &last],
        );
        assert_eq!(tally("received"), received, "{month} received");
        let due = one(
            &conn,
            "SELECT count(*), sum(i.amount_cents) FROM instalment i, contract c WHERE c.id = i.contract_id AND i.void = 0 AND c.status NOT IN ('void', 'draft') AND i.due_on >= ?1 AND i.due_on <= ?2",
            &[&first, &last],
        );
        assert_eq!((r.collections.due.count, r.collections.due.amount_cents.cents()), due, "{month} due");
        let new_accounts =
            one(&conn, "SELECT count(*), 0 FROM account WHERE substr(created_at, 1, 7) = ?1", &[&month.to_string()]).0;
        assert_eq!(r.customers.new_accounts, new_accounts, "{month} new accounts");
        let by_channel: Vec<(String, i64)> = conn
            .prepare("SELECT channel, count(*) FROM activity WHERE occurred_on >= ?1 AND occurred_on <= ?2 GROUP BY channel ORDER BY count(*) DESC, channel")
            .expect("prepare")
            .query_map(params![first, last], |row| Ok((row.get(0)?, row.get(1)?)))
            .expect("query")
            .collect::<Result<_, _>>()
            .expect("rows");
        assert_eq!(r.visits.by_channel, by_channel, "{month} channels");
        let a_tier = one(&conn, "SELECT count(*), 0 FROM activity t JOIN account a ON a.id = t.account_id WHERE a.tier = 'A' AND t.occurred_on >= ?1 AND t.occurred_on <= ?2", &[&first, &last]).0;
        assert_eq!(r.visits.by_tier[0], a_tier, "{month} A-tier activities");
        let planned = one(
            &conn,
            "SELECT count(*), 0 FROM planned_visit WHERE planned_on >= ?1 AND planned_on <= ?2",
            &[&first, &last],
        )
        .0;
        assert_eq!(r.visits.plan.planned, planned, "{month} planned visits");
        let surveys = one(
            &conn,
            "SELECT count(*), 0 FROM survey WHERE surveyed_on >= ?1 AND surveyed_on <= ?2",
            &[&first, &last],
        )
        .0;
        assert_eq!(r.after_sale.surveys.count, surveys, "{month} surveys");
        let opened = one(
            &conn,
            "SELECT count(*), 0 FROM complaint WHERE received_on >= ?1 AND received_on <= ?2",
            &[&first, &last],
        )
        .0;
        let closed =
            one(&conn, "SELECT count(*), 0 FROM complaint WHERE closed_on >= ?1 AND closed_on <= ?2", &[&first, &last])
                .0;
        assert_eq!(
            (r.after_sale.complaints.opened, r.after_sale.complaints.closed),
            (opened, closed),
            "{month} complaints"
        );
        let lost = one(
            &conn,
            "SELECT count(*), sum(amount_cents) FROM opportunity WHERE outcome = 'lost' AND closed_on >= ?1 AND closed_on <= ?2",
            &[&first, &last],
        );
        assert_eq!((r.pipeline.lost.count, r.pipeline.lost.amount_cents.cents()), lost, "{month} lost");
        let next = month.next();
        let next_due = one(
            &conn,
            "SELECT count(*), sum(i.amount_cents) FROM instalment i, contract c WHERE c.id = i.contract_id AND i.void = 0 AND c.status NOT IN ('void', 'draft') AND i.due_on >= ?1 AND i.due_on <= ?2",
            &[&next.first().to_string(), &next.last().to_string()],
        );
        assert_eq!((r.next_month.due.count, r.next_month.due.amount_cents.cents()), next_due, "{month} next month due");
        // The year so far adds up month by month to the year's wins.
        let year_won = one(
            &conn,
            "SELECT count(*), sum(amount_cents) FROM opportunity WHERE outcome = 'won' AND closed_on >= ?1 AND closed_on <= ?2",
            &[&format!("{}-01-01", month.year()), &last],
        );
        assert_eq!((r.year.total.won.count, r.year.total.won.amount_cents.cents()), year_won, "{month} year to date");
    }
    assert!(checked > 0, "the demo's year has wins");
}

#[test]
fn the_collection_progress_agrees_with_plain_sql_on_the_demo() {
    let db = demo_db();
    let store = Store::open(&db.path).expect("open");
    let conn = Connection::open(&db.path).expect("raw");
    let aging = ReportSettings::default().aging_days();
    for back in [0u64, 30, 90, 200] {
        let day = today() - chrono::Days::new(back);
        let r = CollectionReport::build(&store, day, &aging).expect("report");
        // Outstanding: each instalment's amount less what came in for it by
        // the day, of contracts in force, never below zero.
        let (outstanding, overdue) = one(
            &conn,
            "SELECT sum(max(owed, 0)), sum(CASE WHEN due_on < ?1 THEN max(owed, 0) ELSE 0 END) FROM (
                 SELECT i.due_on, i.amount_cents - coalesce((SELECT sum(r.amount_cents) FROM receipt r
                          WHERE r.instalment_id = i.id AND r.received_on <= ?1), 0) AS owed
                   FROM instalment i JOIN contract c ON c.id = i.contract_id
                  WHERE i.void = 0 AND c.status NOT IN ('void', 'draft'))",
            &[&day.to_string()],
        );
        assert_eq!(r.outstanding_cents.cents(), outstanding, "{day} outstanding");
        assert_eq!(r.overdue.amount_cents.cents(), overdue, "{day} overdue");
        let buckets: i64 = r.aging_totals.iter().map(|m| m.cents()).sum();
        assert_eq!(buckets, outstanding, "{day} aging adds up");
        assert_eq!(r.aging_totals[0].cents(), outstanding - overdue, "{day} not yet due");
    }
}

#[test]
fn the_assessment_reads_the_same_figures() {
    let db = demo_db();
    let store = Store::open(&db.path).expect("open");
    let conn = Connection::open(&db.path).expect("raw");
    let month = Month::of(today()).previous();
    let rules = kam::config::Config::default().visits.rules();
    let r =
        AssessmentReport::build(&store, month, today(), utc(), &AssessmentSettings::default(), &rules).expect("report");
    let (first, last) = (month.first().to_string(), month.last().to_string());
    let item = |code: &str| r.lines.iter().find(|l| l.code == code).expect("item").clone();
    let won = one(
        &conn,
        "SELECT sum(amount_cents), 0 FROM opportunity WHERE outcome = 'won' AND closed_on >= ?1 AND closed_on <= ?2",
        &[&first, &last],
    )
    .0;
    assert_eq!(item("sales").actual_cents.map(|m| m.cents()), Some(won));
    let target =
        one(&conn, "SELECT sales_cents, collections_cents FROM target WHERE month = ?1", &[&month.to_string()]);
    assert_eq!(item("sales").target_cents.map(|m| m.cents()), Some(target.0));
    let received = one(
        &conn,
        "SELECT sum(amount_cents), 0 FROM receipt WHERE received_on >= ?1 AND received_on <= ?2",
        &[&first, &last],
    )
    .0;
    let collections = item("collections");
    assert_eq!(
        (collections.actual_cents.map(|m| m.cents()), collections.target_cents.map(|m| m.cents())),
        (Some(received), Some(target.1))
    );
    let points =
        one(&conn, "SELECT points, 0 FROM assessment_score WHERE month = ?1 AND item = 'care'", &[&month.to_string()])
            .0;
    assert_eq!(item("care").points, points as f64, "the demo's manager scored care");
    let total: f64 = r.lines.iter().map(|l| l.weighted).sum();
    assert!((r.total - total).abs() < 0.01);
}

#[test]
fn a_nudge_near_the_end_of_a_month_until_its_report_is_sent() {
    let db = demo_db();
    let store = Store::open(&db.path).expect("open");
    let day = |t: &str| chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").expect("day");
    let nudge = |t: &str| kam::reports::monthly::unsent_near_month_end(&store, day(t)).expect("read");
    assert_eq!(nudge("2026-11-28"), Month::parse("2026-11"), "three days before the end");
    assert_eq!(nudge("2026-11-27"), None, "four days before");
    assert_eq!(nudge("2026-12-02"), Month::parse("2026-11"));
    assert_eq!(nudge("2026-12-04"), None);
    // The demo sent October's report.
    assert_eq!(nudge("2026-11-02"), None);
}
