//! The management forms' own writes: the month's targets (typed, copied
//! from last month, or a year's spread over its months), the rep's words
//! for the monthly report, manual assessment points, and sending a form
//! (kept frozen as sent) or starting a new draft of it.

use super::ActionKind;
use crate::domain::Month;
use crate::domain::assessment::ManualPoints;
use crate::store::{FormKind, MonthWords, RecordMeta, Result, Store, Targets};

pub fn set_targets(store: &mut Store, month: Month, targets: &Targets) -> Result<()> {
    store.action(ActionKind::SetTargets.code(), &month.to_string(), |b| {
        b.set_targets(month, targets, &RecordMeta::now())
    })
}

/// Gives `month` the targets of the month before; none when it had none.
pub fn copy_last_months_targets(store: &mut Store, month: Month) -> Result<Option<Targets>> {
    let Some(targets) = store.targets_of(month.previous())? else { return Ok(None) };
    set_targets(store, month, &targets)?;
    Ok(Some(targets))
}

/// A year's targets split evenly over its twelve months, the cents and
/// counts that do not divide going to the last months, so the months add
/// up to the year exactly. One undo step.
pub fn spread_year_targets(store: &mut Store, year: i32, total: &Targets) -> Result<()> {
    let months: Vec<Month> = Month::of_year(year).collect();
    store.action(ActionKind::SetTargets.code(), &year.to_string(), |b| {
        for (i, month) in months.iter().enumerate() {
            b.set_targets(*month, &share_of(total, i), &RecordMeta::now())?;
        }
        Ok(())
    })
}

/// Month `i` (0–11)'s share of a year.
pub fn share_of(total: &Targets, i: usize) -> Targets {
    let part = |whole: i64| whole / 12 + i64::from((i as i64) >= 12 - whole % 12);
    Targets {
        sales_cents: crate::domain::Money(part(total.sales_cents.cents())),
        collections_cents: crate::domain::Money(part(total.collections_cents.cents())),
        visits: part(total.visits),
        new_accounts: part(total.new_accounts),
    }
}

pub fn save_month_words(store: &mut Store, month: Month, words: &MonthWords) -> Result<()> {
    store.action(ActionKind::SaveMonthWords.code(), &month.to_string(), |b| {
        b.save_month_words(month, words, &RecordMeta::now())
    })
}

/// Points for a manual item (0–100; more is taken as 100).
pub fn score_item(store: &mut Store, month: Month, item: &str, points: &ManualPoints) -> Result<()> {
    let subject = format!("{month} {item}");
    store.action(ActionKind::ScoreItem.code(), &subject, |b| {
        b.set_assessment_points(month, item, points, &RecordMeta::now())
    })
}

/// Keeps a form as sent (its typed values as JSON); returns its version.
pub fn submit_form(store: &mut Store, kind: FormKind, month: Month, body: &str) -> Result<i64> {
    let subject = format!("{} {month}", kind.code());
    store.action(ActionKind::SubmitForm.code(), &subject, |b| b.submit_form(kind, month, body, &RecordMeta::now()))
}

/// Starts a new draft of a sent form: the sent copy stays as it was.
pub fn reopen_form(store: &mut Store, kind: FormKind, month: Month) -> Result<bool> {
    let subject = format!("{} {month}", kind.code());
    store.action(ActionKind::ReopenForm.code(), &subject, |b| b.reopen_form(kind, month))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Money;

    #[test]
    fn a_year_spreads_to_the_cent() {
        let year =
            Targets { sales_cents: Money(120_000_007), collections_cents: Money(100), visits: 130, new_accounts: 5 };
        let mut sum = Targets::default();
        for i in 0..12 {
            sum.add(&share_of(&year, i));
        }
        assert_eq!(sum, year);
        assert_eq!(share_of(&year, 0).visits, 10);
        assert_eq!(share_of(&year, 11).visits, 11);
        assert_eq!(share_of(&year, 0).new_accounts, 0);
        assert_eq!(share_of(&year, 11).new_accounts, 1);
    }
}
