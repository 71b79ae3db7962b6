//! What a deal's typed fields may hold, checked the same way for the deal
//! form and the opportunity importer (so both say the same about a bad
//! percent).

use super::account::{NAME_MAX, text};
use super::{FieldError, Money};

/// A deal's title: required, at most `NAME_MAX` characters.
pub fn deal_title(value: &str) -> Result<String, FieldError> {
    text(value, true, NAME_MAX)
}

/// An amount that cannot be negative; blank is zero unless `required`.
pub fn deal_amount(value: &str, required: bool) -> Result<Money, FieldError> {
    if value.trim().is_empty() {
        return if required { Err(FieldError::Empty) } else { Ok(Money::ZERO) };
    }
    let money = Money::parse(value)?;
    if money.cents() < 0 { Err(FieldError::Negative) } else { Ok(money) }
}

/// A win probability typed for this deal: `55` or `55%`, 0 to 100; blank
/// means the stage's default (None).
pub fn win_probability(value: &str) -> Result<Option<u8>, FieldError> {
    match value.trim().trim_end_matches('%').trim() {
        "" => Ok(None),
        p => p.parse::<u8>().ok().filter(|p| *p <= 100).map(Some).ok_or(FieldError::NotAPercent),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_and_amount_rules() {
        assert_eq!(win_probability(" 55% "), Ok(Some(55)));
        assert_eq!(win_probability(""), Ok(None));
        assert_eq!(win_probability("101"), Err(FieldError::NotAPercent));
        assert_eq!(win_probability("high"), Err(FieldError::NotAPercent));
        assert_eq!(deal_amount("", false), Ok(Money::ZERO));
        assert_eq!(deal_amount("", true), Err(FieldError::Empty));
        assert_eq!(deal_amount("-5", false), Err(FieldError::Negative));
        assert_eq!(deal_title("  "), Err(FieldError::Empty));
    }
}
