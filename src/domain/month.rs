//! A calendar month, the unit of the targets and of the monthly forms
//! (SPEC §6: "months are calendar months").

use std::fmt;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=9999).contains(&year)).then_some(Month { year, month })
    }

    /// The month a day falls in.
    pub fn of(day: NaiveDate) -> Month {
        Month { year: day.year(), month: day.month() }
    }

    /// `2026-11` (also `2026/11` and `202611`).
    pub fn parse(text: &str) -> Option<Month> {
        let t = text.trim();
        let (y, m) = match t.split_once(['-', '/', '.']) {
            Some(parts) => parts,
            None if t.len() == 6 && t.is_ascii() => t.split_at(4),
            None => return None,
        };
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn number(self) -> u32 {
        self.month
    }

    pub fn first(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last(self) -> NaiveDate {
        self.next().first().pred_opt().unwrap_or_default()
    }

    pub fn next(self) -> Month {
        Month::of(self.first() + Months::new(1))
    }

    pub fn previous(self) -> Month {
        Month::of(self.first() - Months::new(1))
    }

    /// The same month a year before: the "last year" beside each result.
    pub fn a_year_before(self) -> Month {
        Month { year: self.year - 1, month: self.month }
    }

    /// January to December of its year.
    pub fn of_year(year: i32) -> impl Iterator<Item = Month> {
        (1..=12).filter_map(move |m| Month::new(year, m))
    }

    /// 1 to 4.
    pub fn quarter(self) -> u32 {
        (self.month - 1) / 3 + 1
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        Month::of(day) == self
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let text = String::deserialize(d)?;
        Month::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a month: {text}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_know_their_days_and_neighbours() {
        let feb = Month::parse("2024-02").expect("month");
        assert_eq!(feb.last(), NaiveDate::from_ymd_opt(2024, 2, 29).expect("day"));
        assert_eq!(feb.previous().to_string(), "2024-01");
        assert_eq!(Month::parse("2025-12").expect("m").next().to_string(), "2026-01");
        assert_eq!(Month::parse("2026-01").expect("m").previous().to_string(), "2025-12");
        assert_eq!(feb.a_year_before().to_string(), "2023-02");
        assert_eq!(Month::parse("202611"), Month::new(2026, 11));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("soon"), None);
        assert_eq!(Month::parse("2026-11").expect("m").quarter(), 4);
    }
}
