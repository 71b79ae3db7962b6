//! The management forms as typed values, computed from store queries and
//! holding no text: the Reports tab draws them, `kam report` writes them
//! (`io::report`), so the screen and the file can never disagree.

pub mod assessment;
pub mod collections;
pub mod daily;
pub mod monthly;
pub mod visit_plan;

pub use assessment::AssessmentReport;
pub use collections::CollectionReport;
pub use daily::{DailyReport, draft_plan, next_working_day};
pub use monthly::{MonthlyReport, YearView};

use crate::domain::Month;
use crate::store::{FormKind, Store};

/// A form that can be sent: it carries the version and time it was sent.
pub trait Sendable: Sized {
    fn with_sent(self, sent: Option<(i64, String)>) -> Self;
}

impl Sendable for MonthlyReport {
    fn with_sent(mut self, sent: Option<(i64, String)>) -> Self {
        self.submitted = sent;
        self
    }
}

impl Sendable for AssessmentReport {
    fn with_sent(mut self, sent: Option<(i64, String)>) -> Self {
        self.submitted = sent;
        self
    }
}

/// The form as it was last sent, unless a new draft was started since (a
/// copy kam cannot read back counts as not sent: the live form shows).
pub(crate) fn sent_copy<T: serde::de::DeserializeOwned + Sendable>(
    store: &Store,
    kind: FormKind,
    month: Month,
) -> crate::store::Result<Option<T>> {
    let Some(form) = store.submitted_form(kind, month)? else { return Ok(None) };
    if form.reopened {
        return Ok(None);
    }
    Ok(serde_json::from_str::<T>(&form.body).ok().map(|r| r.with_sent(Some((form.version, form.submitted_at)))))
}
