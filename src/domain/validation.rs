//! Typed validation errors: what is wrong with one field's input. The UI
//! turns each into a message in the user's language next to that field.

use thiserror::Error;

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FieldError {
    #[error("required")]
    Empty,
    #[error("not an amount")]
    NotAnAmount,
    #[error("more than two decimals")]
    TooPrecise,
    #[error("amount too large")]
    TooLarge,
    #[error("not a date")]
    NotADate,
    #[error("not a time of day")]
    NotATime,
    #[error("no such account")]
    UnknownAccount,
    #[error("too long (at most {0} characters)")]
    TooLong(usize),
    #[error("unknown value")]
    UnknownValue,
    #[error("must not be negative")]
    Negative,
    #[error("not a phone number")]
    NotAPhone,
    #[error("not an email address")]
    NotAnEmail,
    #[error("not a percentage")]
    NotAPercent,
}
