//! Money as integer cents. Never a float: sums in SQL and here stay exact.

use std::fmt;

use super::validation::FieldError;

/// An amount in the company's currency, in cents (minor units).
/// In files it is its integer cents (fields named `_cents`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_yuan(yuan: i64) -> Money {
        Money(yuan * 100)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// Parses what a rep types: `12345.67`, `12,345.67`, `¥12,345`, `1.2万`,
    /// `3亿`, `-5`. At most two decimals (after scaling by 万/亿), so no
    /// rounding ever happens silently.
    pub fn parse(text: &str) -> Result<Money, FieldError> {
        let cleaned: String =
            text.trim().chars().filter(|c| !matches!(c, ',' | '，' | ' ' | '_' | '¥' | '￥' | '$')).collect();
        if cleaned.is_empty() {
            return Err(FieldError::Empty);
        }
        let (number, scale_digits) = if let Some(n) = cleaned.strip_suffix('万') {
            (n, 4)
        } else if let Some(n) = cleaned.strip_suffix('亿') {
            (n, 8)
        } else if let Some(n) = cleaned.strip_suffix(['元', '圆']) {
            (n, 0)
        } else {
            (cleaned.as_str(), 0)
        };
        let (negative, digits) = match number.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, number),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
            return Err(FieldError::NotAnAmount);
        }
        // Work in units of 10^-(2) after applying the 万/亿 scale: shift the
        // decimal point right by `scale_digits + 2` places.
        let shift = scale_digits + 2;
        if frac_part.len() > shift {
            return Err(FieldError::TooPrecise);
        }
        let mut text_cents = String::with_capacity(int_part.len() + shift);
        text_cents.push_str(int_part);
        text_cents.push_str(frac_part);
        text_cents.extend(std::iter::repeat_n('0', shift - frac_part.len()));
        let trimmed = text_cents.trim_start_matches('0');
        let cents: i64 = if trimmed.is_empty() { 0 } else { trimmed.parse().map_err(|_| FieldError::TooLarge)? };
        // Keep well inside i64 so that SQL SUM over many rows cannot overflow.
        if cents > MAX_CENTS {
            return Err(FieldError::TooLarge);
        }
        Ok(Money(if negative { -cents } else { cents }))
    }

    /// `12,345.67`: the full amount, as on a form or a report.
    pub fn full(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", group_thousands(abs / 100), abs % 100)
    }

    /// A short amount for cards and column heads: `1.2M` / `120.5万`.
    pub fn compact(self, chinese: bool) -> String {
        let yuan = self.0 as f64 / 100.0; // display only; never stored
        let abs = yuan.abs();
        if chinese {
            if abs >= 1e8 {
                format!("{:.2}亿", yuan / 1e8)
            } else if abs >= 1e4 {
                format!("{:.1}万", yuan / 1e4)
            } else {
                format!("{yuan:.0}")
            }
        } else if abs >= 1e9 {
            format!("{:.2}B", yuan / 1e9)
        } else if abs >= 1e6 {
            format!("{:.2}M", yuan / 1e6)
        } else if abs >= 1e3 {
            format!("{:.1}K", yuan / 1e3)
        } else {
            format!("{yuan:.0}")
        }
    }
}

impl Money {
    /// The compact form in at most `width` cells if it can be had: fewer
    /// decimals first, then the next unit up. The unit is never cut off (a
    /// cut `3247.6` of `3247.6万` would read as yuan); when nothing fits,
    /// the shortest form is given whole.
    pub fn compact_in(self, chinese: bool, width: usize) -> String {
        // Chinese units take two cells.
        let cells = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
        let full = self.compact(chinese);
        if cells(&full) <= width {
            return full;
        }
        let yuan = self.0 as f64 / 100.0;
        let units: &[(f64, &str)] =
            if chinese { &[(1e4, "万"), (1e8, "亿")] } else { &[(1e3, "K"), (1e6, "M"), (1e9, "B")] };
        let mut shortest = full;
        for (size, unit) in units.iter().filter(|(size, _)| yuan.abs() >= *size / 10.0) {
            for decimals in [1usize, 0] {
                let text = format!("{:.*}{unit}", decimals, yuan / size);
                if cells(&text) <= width {
                    return text;
                }
                if cells(&text) < cells(&shortest) {
                    shortest = text;
                }
            }
        }
        shortest
    }
}

/// One trillion yuan in cents: far beyond any deal, far below i64 overflow.
pub const MAX_CENTS: i64 = 100_000_000_000_000;

fn group_thousands(mut n: u64) -> String {
    let mut groups = Vec::new();
    loop {
        groups.push(n % 1000);
        n /= 1000;
        if n == 0 {
            break;
        }
    }
    let mut out = groups.pop().map(|g| g.to_string()).unwrap_or_default();
    while let Some(g) = groups.pop() {
        out.push_str(&format!(",{g:03}"));
    }
    out
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.full())
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

#[cfg(test)]
mod compact_tests {
    use super::Money;

    #[test]
    fn a_narrow_amount_loses_decimals_never_its_unit() {
        let m = Money::from_yuan(32_476_000);
        assert_eq!(m.compact(true), "3247.6万");
        assert_eq!(m.compact_in(true, 7), "3248万");
        assert_eq!(m.compact_in(true, 5), "0.3亿");
        assert_eq!(m.compact_in(false, 6), "32.48M");
        assert_eq!(m.compact_in(false, 4), "32M");
        assert_eq!(m.compact_in(false, 2), "32M", "nothing fits: the shortest, whole");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_reps_type() {
        assert_eq!(Money::parse("12345.67"), Ok(Money(1_234_567)));
        assert_eq!(Money::parse("12,345.67"), Ok(Money(1_234_567)));
        assert_eq!(Money::parse("¥12,345"), Ok(Money(1_234_500)));
        assert_eq!(Money::parse("1.2万"), Ok(Money(1_200_000)));
        assert_eq!(Money::parse("3亿"), Ok(Money(30_000_000_000)));
        assert_eq!(Money::parse("0.5"), Ok(Money(50)));
        assert_eq!(Money::parse(".5"), Ok(Money(50)));
        assert_eq!(Money::parse("-5"), Ok(Money(-500)));
        assert_eq!(Money::parse("1.23456万"), Ok(Money(1_234_560)));
    }

    #[test]
    fn refuses_what_is_not_money() {
        assert_eq!(Money::parse(""), Err(FieldError::Empty));
        assert_eq!(Money::parse("abc"), Err(FieldError::NotAnAmount));
        assert_eq!(Money::parse("1.2.3"), Err(FieldError::NotAnAmount));
        assert_eq!(Money::parse("1.234"), Err(FieldError::TooPrecise));
        assert_eq!(Money::parse("99999999999999999999"), Err(FieldError::TooLarge));
        assert_eq!(Money::parse("."), Err(FieldError::NotAnAmount));
    }

    #[test]
    fn formats_full_and_compact() {
        assert_eq!(Money(1_234_567).full(), "12,345.67");
        assert_eq!(Money(-5).full(), "-0.05");
        assert_eq!(Money(0).full(), "0.00");
        assert_eq!(Money(120_000_000).compact(false), "1.20M");
        assert_eq!(Money(120_500_000).compact(true), "120.5万");
    }
}
