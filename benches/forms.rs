//! The management forms at scale L against their own SQL (SPEC §9: each
//! report ≤ 50 ms and ≤ 1.5× the time the same SQL takes in the `sqlite3`
//! shell on the same file). For each form: the median time kam takes to
//! build it, then the statements it ran (recorded with their values) timed
//! in the `sqlite3` shell — the shell's wall time for the script less its
//! wall time for `SELECT 1` on the same file (start-up and schema) — and
//! the ratio.
//!
//! Run: `KAM_BENCH_DB=<file> cargo bench --bench forms` (needs `sqlite3`
//! on the PATH; without it only kam's times are printed).

mod common;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{FixedOffset, NaiveDate};
use common::{bench_db, today};
use kam::config::Config;
use kam::domain::Month;
use kam::reports::visit_plan::{PlanPeriod, VisitPlanReport};
use kam::reports::{AssessmentReport, CollectionReport, DailyReport, MonthlyReport};
use kam::store::{Store, take_recorded_sql};

const RUNS: usize = 15;

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

/// The shell's wall time for `script` on `db`, median of a few runs, in ms.
fn shell_ms(db: &Path, script: &str) -> Option<f64> {
    let run = || -> Option<Duration> {
        let mut child = Command::new("sqlite3")
            .arg(db)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let started = Instant::now();
        child.stdin.take()?.write_all(script.as_bytes()).ok()?;
        child.wait().ok()?;
        Some(started.elapsed())
    };
    run()?; // warm the page cache
    let times: Option<Vec<Duration>> = (0..7).map(|_| run()).collect();
    Some(median(times?))
}

fn main() {
    let db = bench_db().clone();
    // As `kam report` opens it: to read (no check of the whole file beside it).
    let store = Store::open_to_read(&db).expect("open");
    let config = Config::default();
    let utc = FixedOffset::east_opt(0).expect("utc");
    let day = today();
    let month = Month::of(day);
    let aging = config.reports.aging_days();
    let rules = config.visits.rules();
    type Build<'a> = Box<dyn Fn() + 'a>;
    let forms: Vec<(&str, Build<'_>)> = vec![
        ("daily", Box::new(|| drop(DailyReport::build(&store, day, utc).expect("daily")))),
        ("monthly", Box::new(|| drop(MonthlyReport::build(&store, month, day, utc, &aging).expect("monthly")))),
        ("collections", Box::new(|| drop(CollectionReport::build(&store, day, &aging).expect("collections")))),
        (
            "assessment",
            Box::new(|| drop(AssessmentReport::build(&store, month, day, utc, &config.assessment, &rules).expect("a"))),
        ),
        (
            "visit plan (month)",
            Box::new(|| {
                let period = PlanPeriod::Month { year: month.year(), month: month.number() };
                drop(VisitPlanReport::build(&store, period, day).expect("visits"))
            }),
        ),
        (
            "visit plan (year)",
            Box::new(|| drop(VisitPlanReport::build(&store, PlanPeriod::Year(month.year()), day).expect("visits"))),
        ),
    ];
    let baseline = shell_ms(&db, "SELECT 1;\n");
    println!("{:<20} {:>10} {:>12} {:>7}", "form", "kam ms", "sqlite3 ms", "ratio");
    for (name, build) in &forms {
        build();
        let times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                build();
                started.elapsed()
            })
            .collect();
        let kam_ms = median(times);
        take_recorded_sql();
        store.record_sql(true);
        build();
        store.record_sql(false);
        let statements = take_recorded_sql();
        let script: String = statements.iter().map(|(s, _)| format!("{s};\n")).collect();
        // KAM_BENCH_SLOW=1 names the slowest statements of each form.
        if std::env::var_os("KAM_BENCH_SLOW").is_some() {
            let mut slow = statements.clone();
            slow.sort_by_key(|s| std::cmp::Reverse(s.1));
            for (sql, took) in slow.iter().take(5) {
                let sql: String = sql.split_whitespace().collect::<Vec<_>>().join(" ");
                eprintln!("  {:>8.2} ms  {}", took.as_secs_f64() * 1000.0, sql.chars().take(160).collect::<String>());
            }
        }
        // KAM_BENCH_SQL=folder keeps each form's script, to time statement
        // by statement with `.timer on`.
        if let Ok(folder) = std::env::var("KAM_BENCH_SQL") {
            let file = Path::new(&folder).join(format!("{}.sql", name.replace([' ', '(', ')'], "")));
            let _ = std::fs::write(file, &script);
        }
        let shell = match (shell_ms(&db, &script), baseline) {
            (Some(all), Some(base)) => Some((all - base).max(0.01)),
            _ => None,
        };
        match shell {
            Some(ms) => println!("{name:<20} {kam_ms:>10.2} {ms:>12.2} {:>7.2}", kam_ms / ms),
            None => println!("{name:<20} {kam_ms:>10.2} {:>12} {:>7}", "-", "-"),
        }
    }
    let _ = NaiveDate::default();
}
