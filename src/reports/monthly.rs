//! The monthly report (大客户月报表, SPEC §6) of one month: the rep's four
//! texts beside the sections filled from the data — results against the
//! month's targets with last month and the same month last year, the
//! collections, customers, visits, pipeline, after-sale care and what the
//! next month holds — and the year so far by month with its biggest
//! accounts. Every figure is an SQL aggregate over the month's own index.
//! A sent report is kept as it was sent (`ops::forms`).

use chrono::{FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::assessment::attainment;
use crate::domain::visit_plan::compliance;
use crate::domain::{Money, Month};
use crate::store::{
    self, AccountTally, ComplaintTally, MonthWords, PlanCounts, StageFlow, Store, SurveyTally, Tally, Targets,
};

/// How many accounts the "biggest" and "most overdue" lists hold.
pub const TOP_ACCOUNTS: usize = 10;

/// A result of the month beside the same one a month and a year before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResultLine {
    /// `won`, `signed` or `received`.
    pub what: String,
    pub this_month: Tally,
    /// The month's target for it, when it has one.
    pub target_cents: Option<Money>,
    /// Amount ÷ target × 100.
    pub attainment: Option<f64>,
    pub last_month: Tally,
    pub last_year: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionSummary {
    /// Instalments falling due in the month.
    pub due: Tally,
    pub received: Tally,
    /// Received ÷ due × 100.
    pub rate: Option<f64>,
    /// Overdue on the report's day.
    pub overdue: Tally,
    /// The aging buckets' ends (days overdue) and the money in each:
    /// not yet due, then one per bucket, then over the last.
    pub aging_days: Vec<u32>,
    pub aging_cents: Vec<Money>,
    pub most_overdue: Vec<AccountTally>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Customers {
    pub new_accounts: i64,
    pub new_accounts_target: Option<i64>,
    /// Accounts (not lost) by tier A, B, C.
    pub by_tier: [i64; 3],
    pub a_not_visited: i64,
    pub a_not_visited_names: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visits {
    /// Activities by channel code, most first.
    pub by_channel: Vec<(String, i64)>,
    /// Activities by their account's tier A, B, C.
    pub by_tier: [i64; 3],
    /// Visits made (channel visit) against the month's visit target.
    pub visits_made: i64,
    pub visits_target: Option<i64>,
    pub plan: PlanCounts,
    /// Done ÷ due × 100.
    pub compliance: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    /// Stages 1 to 6.
    pub stages: [StageFlow; 6],
    pub won: Tally,
    pub lost: Tally,
    pub lost_reasons: Vec<(String, Tally)>,
    pub quotes: i64,
    pub quotes_warned: i64,
    /// Open deals expected to close in the month whose day has passed.
    pub slipped: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AfterSale {
    pub surveys: SurveyTally,
    pub nps: Option<i64>,
    pub complaints: ComplaintTally,
    pub return_visits: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextMonth {
    pub month: Month,
    pub due: Tally,
    pub planned_visits: i64,
    pub contracts_ending: Tally,
}

/// A month of the year view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthLine {
    pub month: Month,
    pub won: Tally,
    pub received: Tally,
    pub targets: Targets,
    pub sales_attainment: Option<f64>,
    pub collections_attainment: Option<f64>,
}

/// A year by month, with its quarters and its biggest accounts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearView {
    pub year: i32,
    /// January to December (or to the month asked about).
    pub months: Vec<MonthLine>,
    pub quarters: Vec<MonthLine>,
    pub total: MonthLine,
    /// Biggest won amount first.
    pub top_accounts: Vec<AccountTally>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthlyReport {
    pub month: Month,
    /// Statuses (overdue, slipped) are taken on this day: the month's last,
    /// or today while the month runs.
    pub as_of: NaiveDate,
    pub rep: String,
    pub words: MonthWords,
    pub targets: Option<Targets>,
    pub results: Vec<ResultLine>,
    pub collections: CollectionSummary,
    pub customers: Customers,
    pub visits: Visits,
    pub pipeline: Pipeline,
    pub after_sale: AfterSale,
    pub next_month: NextMonth,
    /// The year so far, month by month, and its biggest accounts.
    pub year: YearView,
    /// Set on a sent copy: its version and when (UTC).
    pub submitted: Option<(i64, String)>,
}

impl MonthlyReport {
    pub fn build(
        store: &Store,
        month: Month,
        today: NaiveDate,
        offset: FixedOffset,
        aging_days: &[u32],
    ) -> store::Result<MonthlyReport> {
        let (first, last) = (month.first(), month.last());
        let as_of = today.min(last);
        let targets = store.targets_of(month)?;
        let result = |what: &str, of: &dyn Fn(NaiveDate, NaiveDate) -> store::Result<Tally>, target: Option<Money>| {
            let this_month = of(first, last)?;
            let (prev, year_ago) = (month.previous(), month.a_year_before());
            Ok::<_, store::StoreError>(ResultLine {
                what: what.to_string(),
                this_month,
                target_cents: target,
                attainment: target.and_then(|t| attainment(this_month.amount_cents.cents() as f64, t.cents() as f64)),
                last_month: of(prev.first(), prev.last())?,
                last_year: of(year_ago.first(), year_ago.last())?,
            })
        };
        let results = vec![
            result("won", &|f, l| store.won_between(f, l), targets.map(|t| t.sales_cents))?,
            result("signed", &|f, l| store.signed_between(f, l), None)?,
            result("received", &|f, l| store.received_between(f, l), targets.map(|t| t.collections_cents))?,
        ];

        let due = store.due_between(first, last)?;
        let received = store.received_between(first, last)?;
        let collections = CollectionSummary::build(store, as_of, aging_days, due, received)?;

        let (from, _) = super::daily::day_bounds(first, offset);
        let (_, to) = super::daily::day_bounds(last, offset);
        let (a_not_visited, a_not_visited_names) = store.a_tier_not_visited(first, as_of.max(first), 20)?;
        let customers = Customers {
            new_accounts: store.accounts_created_between(from, to)?,
            new_accounts_target: targets.map(|t| t.new_accounts),
            by_tier: store.accounts_by_tier()?,
            a_not_visited,
            a_not_visited_names,
        };

        let (by_channel, by_tier) = store.activities_by_channel_and_tier(first, last)?;
        let mut plan = PlanCounts::default();
        for (_, _, counts) in store.plan_by_month_and_tier(first, last, as_of)? {
            plan.add(&counts);
        }
        let visits = Visits {
            visits_made: by_channel.iter().find(|(c, _)| c == "visit").map_or(0, |(_, n)| *n),
            by_channel,
            by_tier,
            visits_target: targets.map(|t| t.visits),
            compliance: compliance(plan.done, plan.due()),
            plan,
        };

        let lost_reasons = store.lost_by_reason(first, last)?;
        let mut lost = Tally::default();
        for (_, t) in &lost_reasons {
            lost.count += t.count;
            lost.amount_cents = lost.amount_cents + t.amount_cents;
        }
        let (quotes, quotes_warned) = store.quotes_between(first, last)?;
        let pipeline = Pipeline {
            stages: store.stage_flow(from, to)?,
            won: results[0].this_month,
            lost,
            lost_reasons,
            quotes,
            quotes_warned,
            slipped: store.slipped_between(first, last, as_of)?,
        };

        let surveys = store.surveys_between(first, last)?;
        let after_sale = AfterSale {
            nps: surveys.nps(),
            surveys,
            complaints: store.complaints_between(first, last, as_of)?,
            return_visits: store.return_visits_between(first, last)?,
        };

        let next = month.next();
        let next_month = NextMonth {
            month: next,
            due: store.due_between(next.first(), next.last())?,
            planned_visits: store.planned_visits_between(next.first(), next.last())?,
            contracts_ending: store.contracts_ending_between(next.first(), next.last())?,
        };

        Ok(MonthlyReport {
            month,
            as_of,
            rep: store.rep()?.map(|r| r.name).unwrap_or_default(),
            words: store.month_words(month)?.unwrap_or_default(),
            targets,
            results,
            collections,
            customers,
            visits,
            pipeline,
            after_sale,
            next_month,
            year: YearView::build(store, month.year(), Some(month))?,
            submitted: None,
        })
    }

    /// A result line by its name.
    pub fn result(&self, what: &str) -> Option<&ResultLine> {
        self.results.iter().find(|r| r.what == what)
    }
}

impl CollectionSummary {
    /// The month's money: due and received, and on the report's day the
    /// aging, the overdue money and the accounts owing most overdue — from
    /// the instalments owed that day alone (the same buckets as the
    /// collection progress, `collections::bucket_of`).
    fn build(store: &Store, as_of: NaiveDate, aging_days: &[u32], due: Tally, received: Tally) -> store::Result<Self> {
        let mut aging_cents = vec![Money::ZERO; aging_days.len() + 2];
        let mut overdue = Tally::default();
        let mut by_account: std::collections::HashMap<i64, (i64, Money)> = std::collections::HashMap::new();
        for owed in store.owed_on(as_of)? {
            let bucket = super::collections::bucket_of(owed.days_late, aging_days);
            aging_cents[bucket] = aging_cents[bucket] + owed.amount;
            if owed.days_late > 0 {
                overdue.count += 1;
                overdue.amount_cents = overdue.amount_cents + owed.amount;
                let entry = by_account.entry(owed.account_id).or_default();
                entry.0 += 1;
                entry.1 = entry.1 + owed.amount;
            }
        }
        let mut most: Vec<(i64, (i64, Money))> = by_account.into_iter().collect();
        most.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(&b.0)));
        most.truncate(TOP_ACCOUNTS);
        let names = store.account_names(&most.iter().map(|(id, _)| *id).collect::<Vec<_>>())?;
        let most_overdue = most
            .iter()
            .zip(names)
            .map(|((_, (count, amount)), account)| AccountTally { account, count: *count, amount_cents: *amount })
            .collect();
        Ok(CollectionSummary {
            due,
            received,
            rate: attainment(received.amount_cents.cents() as f64, due.amount_cents.cents() as f64),
            overdue,
            aging_days: aging_days.to_vec(),
            aging_cents,
            most_overdue,
        })
    }
}

impl MonthLine {
    fn new(month: Month, won: Tally, received: Tally, targets: Targets) -> MonthLine {
        MonthLine {
            month,
            sales_attainment: attainment(won.amount_cents.cents() as f64, targets.sales_cents.cents() as f64),
            collections_attainment: attainment(
                received.amount_cents.cents() as f64,
                targets.collections_cents.cents() as f64,
            ),
            won,
            received,
            targets,
        }
    }

    fn sum(month: Month, lines: &[MonthLine]) -> MonthLine {
        let (mut won, mut received, mut targets) = (Tally::default(), Tally::default(), Targets::default());
        for line in lines {
            won.count += line.won.count;
            won.amount_cents = won.amount_cents + line.won.amount_cents;
            received.count += line.received.count;
            received.amount_cents = received.amount_cents + line.received.amount_cents;
            targets.add(&line.targets);
        }
        MonthLine::new(month, won, received, targets)
    }
}

impl YearView {
    /// The year by month (up to `until` when given), its quarters and its
    /// biggest accounts by won amount.
    pub fn build(store: &Store, year: i32, until: Option<Month>) -> store::Result<YearView> {
        let months: Vec<Month> = Month::of_year(year).collect();
        let (Some(first), Some(last)) = (months.first().copied(), months.last().copied()) else {
            return Ok(YearView {
                year,
                months: Vec::new(),
                quarters: Vec::new(),
                total: empty_line(),
                top_accounts: Vec::new(),
            });
        };
        let until = until.unwrap_or(last);
        let won = store.won_by_month(first.first(), last.last())?;
        let received = store.received_by_month(first.first(), last.last())?;
        let targets = store.targets_between(first, last)?;
        let find =
            |list: &[(Month, Tally)], m: Month| list.iter().find(|(x, _)| *x == m).map(|(_, t)| *t).unwrap_or_default();
        let lines: Vec<MonthLine> = months
            .iter()
            .map(|&m| {
                let target = targets.iter().find(|(x, _)| *x == m).map(|(_, t)| *t).unwrap_or_default();
                MonthLine::new(m, find(&won, m), find(&received, m), target)
            })
            .collect();
        let quarters = lines.chunks(3).map(|q| MonthLine::sum(q[0].month, q)).collect();
        let to_date: Vec<MonthLine> = lines.iter().filter(|l| l.month <= until).cloned().collect();
        Ok(YearView {
            year,
            total: MonthLine::sum(first, &to_date),
            quarters,
            months: lines,
            top_accounts: store.top_won_accounts(first.first(), until.last(), TOP_ACCOUNTS)?,
        })
    }
}

fn empty_line() -> MonthLine {
    MonthLine::new(Month::of(NaiveDate::default()), Tally::default(), Tally::default(), Targets::default())
}

/// The month's report as sent, if it was and no new draft was started.
pub fn sent(store: &Store, month: Month) -> store::Result<Option<MonthlyReport>> {
    super::sent_copy(store, crate::store::FormKind::Monthly, month)
}

/// The month whose report is due about `today` and not sent: this month in
/// its last three days, last month in the first three of this one.
pub fn unsent_near_month_end(store: &Store, today: NaiveDate) -> store::Result<Option<Month>> {
    use chrono::Datelike;
    let this = Month::of(today);
    let month = if (this.last() - today).num_days() < 3 {
        this
    } else if today.day() <= 3 {
        this.previous()
    } else {
        return Ok(None);
    };
    let sent = store.submitted_form(crate::store::FormKind::Monthly, month)?.is_some_and(|f| !f.reopened);
    Ok((!sent).then_some(month))
}
