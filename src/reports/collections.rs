//! Payment-collection progress as of a day (回款进度表, SPEC §6): a line
//! per instalment grouped by contract, with each contract's progress
//! (received ÷ amount) and a totals line; the receivables aging by account
//! in the configured buckets of days overdue; and the collection rate of
//! the day's month (received ÷ due). Statuses are the domain's, taken on
//! the day asked.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::assessment::attainment;
use crate::domain::contract::InstalmentStatus;
use crate::domain::{Money, Month};
use crate::store::{self, AccountTally, CollectionLine, Store, Tally};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionItem {
    pub seq: u32,
    pub label: String,
    pub due_on: NaiveDate,
    pub amount_cents: Money,
    pub received_cents: Money,
    pub outstanding_cents: Money,
    /// The domain's status code on the day (overdue, due_soon, ...).
    pub status: String,
    pub days_overdue: i64,
    pub last_received_on: Option<NaiveDate>,
    /// The instalment's note: why it is late.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractProgress {
    #[serde(skip)]
    pub contract_id: i64,
    pub number: String,
    pub title: String,
    pub account: String,
    pub amount_cents: Money,
    pub received_cents: Money,
    pub outstanding_cents: Money,
    /// Received ÷ contract amount × 100.
    pub progress: Option<f64>,
    pub lines: Vec<CollectionItem>,
}

/// An account's outstanding money by age.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgingRow {
    pub account: String,
    /// Not yet due, then one per bucket, then over the last bucket.
    pub buckets_cents: Vec<Money>,
    pub total_cents: Money,
    pub overdue_cents: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectionReport {
    pub as_of: NaiveDate,
    pub contracts: Vec<ContractProgress>,
    /// Sums over the contracts listed.
    pub amount_cents: Money,
    pub received_cents: Money,
    pub outstanding_cents: Money,
    pub progress: Option<f64>,
    /// Overdue instalments on the day: how many, how much outstanding.
    pub overdue: Tally,
    /// The buckets' ends in days overdue (e.g. 30, 60, 90, 120).
    pub aging_days: Vec<u32>,
    /// Most overdue money first.
    pub aging: Vec<AgingRow>,
    pub aging_totals: Vec<Money>,
    /// The day's month: due in it, received in it by the day, and their rate.
    pub month: Month,
    pub due_in_month: Tally,
    pub received_in_month: Tally,
    pub collection_rate: Option<f64>,
}

/// The bucket of an amount `days_overdue` days late: 0 is not yet due,
/// then 1 per configured end, and the last is over the last end.
pub fn bucket_of(days_overdue: i64, ends: &[u32]) -> usize {
    if days_overdue <= 0 {
        return 0;
    }
    ends.iter().position(|end| days_overdue <= i64::from(*end)).map_or(ends.len() + 1, |i| i + 1)
}

impl CollectionReport {
    pub fn build(store: &Store, as_of: NaiveDate, aging_days: &[u32]) -> store::Result<CollectionReport> {
        let month = Month::of(as_of);
        let due_in_month = store.due_between(month.first(), month.last())?;
        // What came in by the day asked (a later receipt is not known yet).
        let received_in_month = store.received_between(month.first(), as_of)?;
        let mut report = CollectionReport {
            as_of,
            contracts: Vec::new(),
            amount_cents: Money::ZERO,
            received_cents: Money::ZERO,
            outstanding_cents: Money::ZERO,
            progress: None,
            overdue: Tally::default(),
            aging_days: aging_days.to_vec(),
            aging: Vec::new(),
            aging_totals: vec![Money::ZERO; aging_days.len() + 2],
            month,
            collection_rate: attainment(
                received_in_month.amount_cents.cents() as f64,
                due_in_month.amount_cents.cents() as f64,
            ),
            due_in_month,
            received_in_month,
        };
        for line in store.collection_lines(as_of)? {
            report.add(line);
        }
        for c in &mut report.contracts {
            c.progress = attainment(c.received_cents.cents() as f64, c.amount_cents.cents() as f64);
        }
        report.progress = attainment(report.received_cents.cents() as f64, report.amount_cents.cents() as f64);
        report.aging.sort_by(|a, b| b.overdue_cents.cmp(&a.overdue_cents).then(b.total_cents.cmp(&a.total_cents)));
        Ok(report)
    }

    fn add(&mut self, line: CollectionLine) {
        let CollectionLine { row, contract_amount } = line;
        let outstanding = row.outstanding();
        let days = row.status.days_overdue();
        let new_contract = self.contracts.last().is_none_or(|c| c.contract_id != row.contract_id);
        if new_contract {
            self.amount_cents = self.amount_cents + contract_amount;
            self.contracts.push(ContractProgress {
                contract_id: row.contract_id,
                number: row.contract_number.clone(),
                title: row.contract_title.clone(),
                account: row.account_name.clone(),
                amount_cents: contract_amount,
                received_cents: Money::ZERO,
                outstanding_cents: Money::ZERO,
                progress: None,
                lines: Vec::new(),
            });
        }
        if matches!(row.status, InstalmentStatus::Overdue(_)) {
            self.overdue.count += 1;
            self.overdue.amount_cents = self.overdue.amount_cents + outstanding;
        }
        self.received_cents = self.received_cents + row.received;
        self.outstanding_cents = self.outstanding_cents + outstanding;
        if outstanding > Money::ZERO {
            let bucket = bucket_of(days, &self.aging_days);
            let width = self.aging_days.len() + 2;
            // Lines come by account, so an account's lines are together.
            if self.aging.last().is_none_or(|a| a.account != row.account_name) {
                self.aging.push(AgingRow {
                    account: row.account_name.clone(),
                    buckets_cents: vec![Money::ZERO; width],
                    total_cents: Money::ZERO,
                    overdue_cents: Money::ZERO,
                });
            }
            if let Some(aging) = self.aging.last_mut() {
                aging.buckets_cents[bucket] = aging.buckets_cents[bucket] + outstanding;
                aging.total_cents = aging.total_cents + outstanding;
                if bucket > 0 {
                    aging.overdue_cents = aging.overdue_cents + outstanding;
                }
            }
            self.aging_totals[bucket] = self.aging_totals[bucket] + outstanding;
        }
        if let Some(c) = self.contracts.last_mut() {
            c.received_cents = c.received_cents + row.received;
            c.outstanding_cents = c.outstanding_cents + outstanding;
            c.lines.push(CollectionItem {
                seq: row.instalment.seq,
                label: row.instalment.label.clone(),
                due_on: row.instalment.due_on,
                amount_cents: row.instalment.amount,
                received_cents: row.received,
                outstanding_cents: outstanding,
                status: row.status.code().to_string(),
                days_overdue: days,
                last_received_on: row.last_received_on,
                note: row.instalment.notes.clone(),
            });
        }
    }

    /// The accounts with the most overdue money, at most `n`.
    pub fn most_overdue(&self, n: usize) -> Vec<AccountTally> {
        self.aging
            .iter()
            .filter(|a| a.overdue_cents > Money::ZERO)
            .take(n)
            .map(|a| AccountTally {
                account: a.account.clone(),
                count: a.buckets_cents[1..].iter().filter(|m| **m > Money::ZERO).count() as i64,
                amount_cents: a.overdue_cents,
            })
            .collect()
    }
}
