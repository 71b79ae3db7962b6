//! The rules of getting paid (SPEC §2, after the win): an instalment's
//! status is worked out from facts on the day asked about, never stored;
//! instalments are generated from terms without losing a cent.

use chrono::NaiveDate;

use super::{ContractStatus, Money};

/// A day after every receipt: "as of the end of time", to ask what was
/// ever received (stored days compare as text, so not `NaiveDate::MAX`).
pub fn end_of_time() -> NaiveDate {
    NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// Where an instalment stands on a day, in the order the rules are tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InstalmentStatus {
    /// The instalment or its contract is void (作废).
    Void,
    /// Its contract is not signed yet (待生效).
    Pending,
    /// Nothing outstanding (已回款).
    Paid,
    /// Past its due date with money outstanding (逾期), by so many days.
    Overdue(i64),
    /// Part received, not yet due (部分回款).
    Partial,
    /// Due within its warning days (即将到期).
    DueSoon,
    /// Nothing received, not yet near its due date (待回款).
    Awaiting,
}

impl InstalmentStatus {
    /// The stable code used in files and in `--status`.
    pub fn code(self) -> &'static str {
        match self {
            InstalmentStatus::Void => "void",
            InstalmentStatus::Pending => "pending",
            InstalmentStatus::Paid => "paid",
            InstalmentStatus::Overdue(_) => "overdue",
            InstalmentStatus::Partial => "partial",
            InstalmentStatus::DueSoon => "due_soon",
            InstalmentStatus::Awaiting => "awaiting",
        }
    }

    pub fn days_overdue(self) -> i64 {
        match self {
            InstalmentStatus::Overdue(days) => days,
            _ => 0,
        }
    }
}

/// A status asked for by name (`--status overdue`), without the days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusFilter {
    Void,
    Pending,
    Paid,
    Overdue,
    Partial,
    DueSoon,
    Awaiting,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 7] = [
        StatusFilter::Overdue,
        StatusFilter::DueSoon,
        StatusFilter::Partial,
        StatusFilter::Awaiting,
        StatusFilter::Paid,
        StatusFilter::Pending,
        StatusFilter::Void,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StatusFilter::Void => "void",
            StatusFilter::Pending => "pending",
            StatusFilter::Paid => "paid",
            StatusFilter::Overdue => "overdue",
            StatusFilter::Partial => "partial",
            StatusFilter::DueSoon => "due_soon",
            StatusFilter::Awaiting => "awaiting",
        }
    }

    pub fn from_code(code: &str) -> Option<StatusFilter> {
        let code = code.trim().to_ascii_lowercase().replace('-', "_");
        StatusFilter::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn matches(self, status: InstalmentStatus) -> bool {
        self.code() == status.code()
    }
}

/// What is known of an instalment on the day asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstalmentFacts {
    pub contract: ContractStatus,
    pub void: bool,
    pub due_on: NaiveDate,
    pub amount: Money,
    /// Received by the day asked about.
    pub received: Money,
    pub warn_days: u32,
}

impl InstalmentFacts {
    pub fn outstanding(&self) -> Money {
        Money((self.amount.cents() - self.received.cents()).max(0))
    }

    /// SPEC §2: void → 作废; contract not signed → 待生效; outstanding 0 →
    /// 已回款; due date passed → 逾期 (days); part received → 部分回款; due
    /// within the warning days → 即将到期; else 待回款.
    pub fn status(&self, on: NaiveDate) -> InstalmentStatus {
        if self.void || self.contract == ContractStatus::Void {
            InstalmentStatus::Void
        } else if self.contract == ContractStatus::Draft {
            InstalmentStatus::Pending
        } else if self.outstanding() == Money::ZERO {
            InstalmentStatus::Paid
        } else if self.due_on < on {
            InstalmentStatus::Overdue((on - self.due_on).num_days())
        } else if self.received.cents() > 0 {
            InstalmentStatus::Partial
        } else if (self.due_on - on).num_days() <= i64::from(self.warn_days) {
            InstalmentStatus::DueSoon
        } else {
            InstalmentStatus::Awaiting
        }
    }
}

/// One line of payment terms: a share of the contract, or a fixed amount,
/// falling due so many days after the start.
#[derive(Debug, Clone, PartialEq)]
pub struct TermLine {
    pub label: String,
    pub share: Share,
    pub after_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Share {
    /// Percent in hundredths (30% = 3000), so 33.33% is exact.
    Percent(u32),
    Fixed(Money),
}

/// A planned instalment: label, due date, amount.
#[derive(Debug, Clone, PartialEq)]
pub struct PlannedInstalment {
    pub label: String,
    pub due_on: NaiveDate,
    pub amount: Money,
}

/// Instalments from terms: each line its share of `total` (rounded down to
/// the cent), the last line whatever remains, so the plan adds up to the
/// contract exactly. 100.00 over thirds is 33.33 + 33.33 + 33.34.
pub fn plan_from_terms(total: Money, start: NaiveDate, lines: &[TermLine]) -> Vec<PlannedInstalment> {
    let mut left = total.cents();
    let count = lines.len();
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let cents = if i + 1 == count {
                left
            } else {
                let wanted = match line.share {
                    Share::Percent(hundredths) => (i128::from(total.cents()) * i128::from(hundredths) / 10_000) as i64,
                    Share::Fixed(money) => money.cents(),
                };
                wanted.clamp(0, left.max(0))
            };
            left -= cents;
            PlannedInstalment {
                label: line.label.clone(),
                due_on: start + chrono::Days::new(line.after_days.max(0) as u64),
                amount: Money(cents),
            }
        })
        .collect()
}

/// Terms as a rep writes them: "30/60/10" (percents, due at the start),
/// or lines like "预付款 30% 0; 到货款 60% +30; 验收款 10% +90" (label,
/// share as percent or amount, days after the start). None when a part
/// cannot be read.
pub fn parse_terms(text: &str) -> Option<Vec<TermLine>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    // "30/60/10"
    if text.split('/').all(|p| parse_percent(p.trim().trim_end_matches('%')).is_some()) && text.contains('/') {
        return text
            .split('/')
            .map(|p| {
                Some(TermLine {
                    label: String::new(),
                    share: Share::Percent(parse_percent(p.trim().trim_end_matches('%'))?),
                    after_days: 0,
                })
            })
            .collect();
    }
    text.split([';', '；', '\n'])
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut label = Vec::new();
            let mut share = None;
            let mut after_days = 0;
            for word in line.split_whitespace() {
                if let Some(p) = word.strip_suffix('%').or_else(|| word.strip_suffix('％')) {
                    share = Some(Share::Percent(parse_percent(p)?));
                } else if let Some(days) = word.strip_prefix('+') {
                    after_days = days.trim_end_matches(['d', '天']).parse().ok()?;
                } else if share.is_some() && word.chars().all(|c| c.is_ascii_digit()) {
                    after_days = word.parse().ok()?;
                } else if share.is_none() && word.starts_with(|c: char| c.is_ascii_digit()) {
                    share = Some(Share::Fixed(Money::parse(word).ok()?));
                } else {
                    label.push(word);
                }
            }
            Some(TermLine { label: label.join(" "), share: share?, after_days })
        })
        .collect()
}

/// A plan as lines a rep can edit: "预付款  2026-12-01  30,000.00".
pub fn plan_text(plan: &[PlannedInstalment]) -> String {
    plan.iter()
        .map(|p| {
            let label = if p.label.trim().is_empty() { "-" } else { p.label.trim() };
            format!("{label}  {}  {}", p.due_on.format("%Y-%m-%d"), p.amount.full())
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads plan lines back: the amount last, the due date before it, the
/// label first (may hold spaces; "-" for none). The line number (from 1)
/// with what is wrong on it.
pub fn parse_plan(text: &str, today: NaiveDate) -> Result<Vec<PlannedInstalment>, (usize, super::FieldError)> {
    let mut plan = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        let [label @ .., due, amount] = words.as_slice() else {
            return Err((n + 1, super::FieldError::Empty));
        };
        let due_on = super::parse_date(due, today).map_err(|e| (n + 1, e))?;
        let amount = Money::parse(amount).map_err(|e| (n + 1, e))?;
        if amount.cents() <= 0 {
            return Err((n + 1, super::FieldError::Negative));
        }
        let label = label.join(" ");
        plan.push(PlannedInstalment { label: if label == "-" { String::new() } else { label }, due_on, amount });
    }
    Ok(plan)
}

/// "33.33" → 3333 hundredths of a percent.
fn parse_percent(text: &str) -> Option<u32> {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || frac.len() > 2 {
        return None;
    }
    if !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let frac: u32 = format!("{frac:0<2}").parse().ok()?;
    let value = whole.checked_mul(100)?.checked_add(frac)?;
    (value <= 10_000).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: &str) -> NaiveDate {
        NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn the_last_line_takes_the_remainder() {
        let start = day("2026-01-01");
        let amounts = |total: i64, lines: &[TermLine]| -> Vec<i64> {
            plan_from_terms(Money(total), start, lines).iter().map(|p| p.amount.cents()).collect()
        };
        let terms = parse_terms("30/60/10").expect("terms");
        assert_eq!(amounts(10_000_000, &terms), [3_000_000, 6_000_000, 1_000_000]);
        let thirds = parse_terms("33.33/33.33/33.34").expect("terms");
        assert_eq!(amounts(10_000, &thirds), [3_333, 3_333, 3_334]);
        let written = parse_terms("预付款 30% 0; 到货款 60% +30; 验收款 10% +90").expect("terms");
        let plan = plan_from_terms(Money(10_000_000), start, &written);
        assert_eq!(plan[1].label, "到货款");
        assert_eq!(plan[1].due_on, day("2026-01-31"));
        assert_eq!(plan[2].due_on, day("2026-04-01"));
        assert_eq!(plan.iter().map(|p| p.amount.cents()).sum::<i64>(), 10_000_000);
        // A fixed deposit, then the rest.
        let fixed = parse_terms("定金 5000 0; 尾款 100% +60").expect("terms");
        assert_eq!(amounts(2_000_000, &fixed), [500_000, 1_500_000]);
        assert_eq!(parse_terms("thirty/sixty"), None);
        // The plan as lines, and back.
        let text = plan_text(&plan);
        assert!(text.starts_with("预付款  2026-01-01  30,000.00"), "{text}");
        assert_eq!(parse_plan(&text, start).expect("lines"), plan);
        assert_eq!(parse_plan("尾款 2026-13-01 100", start).map_err(|e| e.0), Err(1));
    }

    #[test]
    fn a_status_follows_the_rules_in_their_order() {
        let facts = InstalmentFacts {
            contract: ContractStatus::Signed,
            void: false,
            due_on: day("2026-03-31"),
            amount: Money(6_000_000),
            received: Money::ZERO,
            warn_days: 7,
        };
        assert_eq!(facts.status(day("2026-03-01")), InstalmentStatus::Awaiting);
        assert_eq!(facts.status(day("2026-03-24")), InstalmentStatus::DueSoon);
        assert_eq!(facts.status(day("2026-03-31")), InstalmentStatus::DueSoon, "due today is not late");
        assert_eq!(facts.status(day("2026-04-10")), InstalmentStatus::Overdue(10));
        let part = InstalmentFacts { received: Money(2_000_000), ..facts };
        assert_eq!(part.status(day("2026-03-30")), InstalmentStatus::Partial);
        assert_eq!(part.status(day("2026-04-01")), InstalmentStatus::Overdue(1));
        let paid = InstalmentFacts { received: Money(6_000_000), ..facts };
        assert_eq!(paid.status(day("2026-05-01")), InstalmentStatus::Paid);
        let draft = InstalmentFacts { contract: ContractStatus::Draft, ..facts };
        assert_eq!(draft.status(day("2026-05-01")), InstalmentStatus::Pending);
        let void = InstalmentFacts { void: true, ..paid };
        assert_eq!(void.status(day("2026-05-01")), InstalmentStatus::Void);
    }
}
