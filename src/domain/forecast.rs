//! Pipeline money: weighted amounts and the forecast periods. The sums
//! themselves run in SQL; these are the rules they follow.

use chrono::{Datelike, NaiveDate};

use super::money::Money;

/// An amount weighted by a win probability in percent, in whole cents
/// (rounded down, as SQL's integer division does for the column totals).
pub fn weighted(amount: Money, probability: u8) -> Money {
    Money(amount.cents() * i64::from(probability.min(100)) / 100)
}

/// The first and last day of the month `day` is in.
pub fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let next = first.checked_add_months(chrono::Months::new(1)).unwrap_or(first);
    (first, next.pred_opt().unwrap_or(day))
}

/// The first and last day of the calendar quarter `day` is in.
pub fn quarter_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_month = (day.month0() / 3) * 3 + 1;
    let first = NaiveDate::from_ymd_opt(day.year(), first_month, 1).unwrap_or(day);
    let next = first.checked_add_months(chrono::Months::new(3)).unwrap_or(first);
    (first, next.pred_opt().unwrap_or(day))
}

/// The forecast line: weighted open amount in all, and of deals expected
/// to close this month and this quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Forecast {
    pub open_weighted: Money,
    pub month_weighted: Money,
    pub quarter_weighted: Money,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    #[test]
    fn weighted_amounts_by_hand() {
        // 350,000.00 at 40% is 140,000.00; 0.99 at 50% is 0.49 (down).
        assert_eq!(weighted(Money(35_000_000), 40), Money(14_000_000));
        assert_eq!(weighted(Money(99), 50), Money(49));
        assert_eq!(weighted(Money(100), 100), Money(100));
        assert_eq!(weighted(Money(100), 0), Money(0));
    }

    #[test]
    fn periods() {
        assert_eq!(month_bounds(d(2026, 11, 26)), (d(2026, 11, 1), d(2026, 11, 30)));
        assert_eq!(month_bounds(d(2024, 2, 10)), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(quarter_bounds(d(2026, 11, 26)), (d(2026, 10, 1), d(2026, 12, 31)));
        assert_eq!(quarter_bounds(d(2026, 1, 1)), (d(2026, 1, 1), d(2026, 3, 31)));
        assert_eq!(quarter_bounds(d(2026, 6, 30)), (d(2026, 4, 1), d(2026, 6, 30)));
    }
}
