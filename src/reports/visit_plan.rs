//! The visit plan report (SPEC §6) for a month or a year: planned, done,
//! moved, skipped and missed by month and tier, compliance (done out of
//! the visits whose day has come), A-tier accounts not visited, each
//! account's longest gap against its cadence, and the visits made with no
//! plan behind them. Typed values; `io::report` writes them out.

use chrono::{Datelike, NaiveDate};

use crate::domain::Tier;
use crate::domain::visit_plan::{compliance, year_bounds};
use crate::store::{self, AccountPlanRow, PlanCounts, Store};

/// A calendar month or a whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanPeriod {
    Month { year: i32, month: u32 },
    Year(i32),
}

impl PlanPeriod {
    pub fn bounds(self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            PlanPeriod::Year(year) => year_bounds(year),
            PlanPeriod::Month { year, month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)?
                };
                Some((first, next.pred_opt()?))
            }
        }
    }

    /// `2026-11` or `2026`.
    pub fn label(self) -> String {
        match self {
            PlanPeriod::Month { year, month } => format!("{year}-{month:02}"),
            PlanPeriod::Year(year) => year.to_string(),
        }
    }

    /// `YYYY-MM` or `YYYY`.
    pub fn parse(text: &str) -> Option<PlanPeriod> {
        let t = text.trim();
        if let Some((y, m)) = t.split_once('-') {
            let (year, month) = (y.parse().ok()?, m.parse().ok()?);
            return (1..=12).contains(&month).then_some(PlanPeriod::Month { year, month });
        }
        t.parse().ok().filter(|y| (1900..=9999).contains(y)).map(PlanPeriod::Year)
    }

    /// The month a day falls in.
    pub fn month_of(day: NaiveDate) -> PlanPeriod {
        PlanPeriod::Month { year: day.year(), month: day.month() }
    }
}

/// One line of the table by month and tier.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanLine {
    /// 1-12; the year view has a line per month and tier.
    pub month: u32,
    pub tier: Tier,
    pub counts: PlanCounts,
    /// Done out of due, percent.
    pub compliance: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VisitPlanReport {
    pub period: PlanPeriod,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// The day the states are taken on.
    pub as_of: NaiveDate,
    pub lines: Vec<PlanLine>,
    /// By tier over the whole period, A, B, C.
    pub tiers: Vec<PlanLine>,
    pub total: PlanCounts,
    pub total_compliance: Option<f64>,
    /// A-tier accounts with no visit in the period (to the report's day).
    pub a_not_visited: i64,
    pub a_not_visited_names: Vec<String>,
    /// Least compliant first.
    pub accounts: Vec<AccountPlanRow>,
    pub unplanned_visits: i64,
}

/// How many accounts the report lists (least compliant first).
pub const ACCOUNTS_SHOWN: usize = 100;

impl VisitPlanReport {
    pub fn build(store: &Store, period: PlanPeriod, as_of: NaiveDate) -> store::Result<VisitPlanReport> {
        let (first, last) = period.bounds().unwrap_or((as_of, as_of));
        // Gaps and "not visited" run to the report's day within the period.
        let until = last.min(as_of.max(first));
        let lines: Vec<PlanLine> = store
            .plan_by_month_and_tier(first, last, as_of)?
            .into_iter()
            .map(|(month, tier, counts)| PlanLine {
                month,
                tier,
                counts,
                compliance: compliance(counts.done, counts.due()),
            })
            .collect();
        let mut tiers: Vec<PlanLine> = Vec::new();
        for tier in [Tier::A, Tier::B, Tier::C] {
            let mut counts = PlanCounts::default();
            for line in lines.iter().filter(|l| l.tier == tier) {
                counts.add(&line.counts);
            }
            if counts.planned > 0 {
                tiers.push(PlanLine { month: 0, tier, counts, compliance: compliance(counts.done, counts.due()) });
            }
        }
        let mut total = PlanCounts::default();
        for line in &tiers {
            total.add(&line.counts);
        }
        let (a_not_visited, a_not_visited_names) = store.a_tier_not_visited(first, until, 20)?;
        Ok(VisitPlanReport {
            period,
            first,
            last,
            as_of,
            total_compliance: compliance(total.done, total.due()),
            total,
            tiers,
            lines,
            a_not_visited,
            a_not_visited_names,
            accounts: store.plan_by_account(first, last, as_of, until, ACCOUNTS_SHOWN)?,
            unplanned_visits: store.unplanned_visits(first, until)?,
        })
    }
}
