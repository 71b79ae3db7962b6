//! Keeping the customer (SPEC §2, stage 6): loyalty and risk are worked out
//! from what happened — scores, complaints, late money, visits — never
//! typed in. An account is at risk when a score of 2 or less, a detractor,
//! an open 特急 complaint or money more than 60 days overdue appears.

use chrono::NaiveDate;

use super::Severity;

/// How many days each severity has to be answered in, and how long after a
/// complaint closes its return visit falls due (from the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CareRules {
    /// 一般, 紧急, 特急
    pub response_days: [u32; 3],
    pub return_visit_after_days: u32,
    /// Days after a contract starts that its first return visit falls due.
    pub contract_visit_after_days: u32,
}

impl Default for CareRules {
    fn default() -> Self {
        CareRules {
            response_days: [Severity::Normal, Severity::Urgent, Severity::Critical]
                .map(Severity::default_response_days),
            return_visit_after_days: 7,
            contract_visit_after_days: 7,
        }
    }
}

impl CareRules {
    /// The return visit a contract starting on `start` schedules.
    pub fn contract_visit(&self, start: NaiveDate) -> NaiveDate {
        start + chrono::Days::new(u64::from(self.contract_visit_after_days))
    }

    /// The day a complaint received on `day` must be answered by.
    pub fn respond_by(&self, severity: Severity, day: NaiveDate) -> NaiveDate {
        let days = match severity {
            Severity::Normal => self.response_days[0],
            Severity::Urgent => self.response_days[1],
            Severity::Critical => self.response_days[2],
        };
        day + chrono::Days::new(u64::from(days))
    }
}

/// Net promoter class of a 0–10 answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpsClass {
    /// 0–6
    Detractor,
    /// 7–8
    Passive,
    /// 9–10
    Promoter,
}

impl NpsClass {
    pub fn of(score: u8) -> NpsClass {
        match score {
            0..=6 => NpsClass::Detractor,
            7..=8 => NpsClass::Passive,
            _ => NpsClass::Promoter,
        }
    }
}

/// Which way the last three overall scores went (oldest to newest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Falling,
    Steady,
}

/// The trend of scores given newest first; None with fewer than two.
pub fn trend(newest_first: &[u8]) -> Option<Trend> {
    let last: Vec<u8> = newest_first.iter().take(3).copied().collect();
    let (newest, oldest) = (*last.first()?, *last.get(1..)?.last()?);
    Some(match newest.cmp(&oldest) {
        std::cmp::Ordering::Greater => Trend::Rising,
        std::cmp::Ordering::Less => Trend::Falling,
        std::cmp::Ordering::Equal => Trend::Steady,
    })
}

/// Why an account is at risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskReason {
    /// The latest overall score is 2 or less.
    LowScore(u8),
    /// The latest NPS answer is 0–6.
    Detractor(u8),
    /// A 特急 complaint is still open.
    CriticalComplaint,
    /// Money owed for more than 60 days, by so many.
    LongOverdue(i64),
}

/// Days overdue after which unpaid money puts the account at risk.
pub const RISK_OVERDUE_DAYS: i64 = 60;

/// What the risk rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RiskSignals {
    pub latest_overall: Option<u8>,
    pub latest_nps: Option<u8>,
    pub open_critical_complaint: bool,
    /// The due date of the oldest instalment still owed (in force).
    pub oldest_owed_due: Option<NaiveDate>,
}

impl RiskSignals {
    /// Every reason the account is at risk on `today`; empty when it is not.
    pub fn reasons(&self, today: NaiveDate) -> Vec<RiskReason> {
        let mut reasons = Vec::new();
        if let Some(score) = self.latest_overall.filter(|s| *s <= 2) {
            reasons.push(RiskReason::LowScore(score));
        }
        if let Some(nps) = self.latest_nps.filter(|n| NpsClass::of(*n) == NpsClass::Detractor) {
            reasons.push(RiskReason::Detractor(nps));
        }
        if self.open_critical_complaint {
            reasons.push(RiskReason::CriticalComplaint);
        }
        if let Some(days) = self.oldest_owed_due.map(|due| (today - due).num_days()).filter(|d| *d > RISK_OVERDUE_DAYS)
        {
            reasons.push(RiskReason::LongOverdue(days));
        }
        reasons
    }
}

/// What loyalty is read from, besides the risk signals.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Loyalty {
    /// Contracts signed (void ones left out): more than one is a repeat customer.
    pub contracts: i64,
    /// Overall scores, newest first (at most a few).
    pub scores: Vec<u8>,
    pub latest_nps: Option<u8>,
    pub complaints_last_year: i64,
    /// Average days late of instalments paid late or still owed past due.
    pub average_days_late: Option<i64>,
    pub last_visit_on: Option<NaiveDate>,
    pub cadence_days: Option<i64>,
}

impl Loyalty {
    pub fn is_repeat_customer(&self) -> bool {
        self.contracts > 1
    }

    pub fn trend(&self) -> Option<Trend> {
        trend(&self.scores)
    }

    /// Days the last visit is past the account's cadence on `today`.
    pub fn visit_overdue_days(&self, today: NaiveDate) -> Option<i64> {
        let (last, cadence) = (self.last_visit_on?, self.cadence_days?);
        let late = (today - last).num_days() - cadence;
        (late > 0).then_some(late)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn an_account_is_at_risk_for_each_reason_the_method_names() {
        let today = day("2026-11-26");
        assert!(RiskSignals::default().reasons(today).is_empty());
        let fine = RiskSignals {
            latest_overall: Some(3),
            latest_nps: Some(7),
            open_critical_complaint: false,
            oldest_owed_due: Some(day("2026-09-27")), // 60 days: not yet
        };
        assert!(fine.reasons(today).is_empty());
        let bad = RiskSignals {
            latest_overall: Some(2),
            latest_nps: Some(6),
            open_critical_complaint: true,
            oldest_owed_due: Some(day("2026-09-26")),
        };
        assert_eq!(
            bad.reasons(today),
            [
                RiskReason::LowScore(2),
                RiskReason::Detractor(6),
                RiskReason::CriticalComplaint,
                RiskReason::LongOverdue(61)
            ]
        );
    }

    #[test]
    fn nps_classes_and_the_trend_of_the_last_three_scores() {
        assert_eq!(
            [0, 6, 7, 8, 9, 10].map(NpsClass::of),
            [
                NpsClass::Detractor,
                NpsClass::Detractor,
                NpsClass::Passive,
                NpsClass::Passive,
                NpsClass::Promoter,
                NpsClass::Promoter
            ]
        );
        assert_eq!(trend(&[5, 4, 3, 1]), Some(Trend::Rising), "the three newest: 5 after 3");
        assert_eq!(trend(&[2, 4]), Some(Trend::Falling));
        assert_eq!(trend(&[4, 2, 4]), Some(Trend::Steady));
        assert_eq!(trend(&[4]), None);
    }
}
