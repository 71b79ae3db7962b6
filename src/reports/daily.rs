//! The daily report (大客户销售日报表) of one day, SPEC §6: the day's
//! activities and their counts by channel; deals created, moved (forced
//! moves marked), won, lost and reopened; quotes; the follow-ups that fell
//! due and whether they were kept; the rep's summary and tomorrow's plan.

use chrono::{DateTime, Days, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::domain::{Channel, Money};
use crate::store::{ActivityRow, DayQuoteRow, DealMoveRow, FollowUpRow, Result, Store};

/// A day holds dozens of each; this caps a pathological one.
pub const MAX_ROWS: usize = 500;

#[derive(Debug, Clone, PartialEq)]
pub struct DailyReport {
    pub day: NaiveDate,
    /// Times are shown in this offset (stored in UTC).
    pub utc_offset: FixedOffset,
    pub activities: Vec<ActivityRow>,
    /// Most used first.
    pub by_channel: Vec<(Channel, i64)>,
    pub deals_created: Vec<DealMoveRow>,
    pub deals_moved: Vec<DealMoveRow>,
    pub deals_won: Vec<DealMoveRow>,
    pub deals_lost: Vec<DealMoveRow>,
    pub deals_reopened: Vec<DealMoveRow>,
    pub quotes: Vec<DayQuoteRow>,
    pub follow_ups_due: Vec<FollowUpRow>,
    /// None: the rep has not written the day's words yet.
    pub summary: Option<String>,
    pub tomorrow_plan: Option<String>,
}

impl DailyReport {
    /// Computes the report of `day`, the day's limits taken in `utc_offset`.
    pub fn build(store: &Store, day: NaiveDate, utc_offset: FixedOffset) -> Result<DailyReport> {
        let mut activities = store.activities_on(day, MAX_ROWS)?;
        // In the order they happened: those with a time of day by it, then
        // the rest (back-filled without one) in the order they were logged.
        activities.sort_by_cached_key(|a| local_time(a, utc_offset).map_or((1, None), |t| (0, Some(t))));
        let by_channel = store.channel_counts_on(day)?.into_iter().map(|c| (c.channel, c.count)).collect();
        let (from, to) = day_bounds(day, utc_offset);
        let mut report = DailyReport {
            day,
            utc_offset,
            activities,
            by_channel,
            deals_created: Vec::new(),
            deals_moved: Vec::new(),
            deals_won: Vec::new(),
            deals_lost: Vec::new(),
            deals_reopened: Vec::new(),
            quotes: store.quotes_on(day, MAX_ROWS)?,
            follow_ups_due: store.follow_ups_due_on(day, MAX_ROWS)?,
            summary: None,
            tomorrow_plan: None,
        };
        for m in store.deal_moves_between(from, to, MAX_ROWS)? {
            let list = match (m.outcome.as_deref(), m.from) {
                (Some("won"), _) => &mut report.deals_won,
                (Some("lost"), _) => &mut report.deals_lost,
                (Some(_), _) => &mut report.deals_reopened,
                (None, None) => &mut report.deals_created,
                (None, Some(_)) => &mut report.deals_moved,
            };
            list.push(m);
        }
        if let Some(words) = store.daily_summary(day)? {
            report.summary = Some(words.summary);
            report.tomorrow_plan = Some(words.tomorrow_plan);
        }
        Ok(report)
    }

    /// When an activity happened: the time given, else when it was logged
    /// if that was the same day (a back-filled entry has no time).
    pub fn time_of(&self, activity: &ActivityRow) -> String {
        local_time(activity, self.utc_offset).map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
    }

    pub fn won_amount(&self) -> Money {
        self.deals_won.iter().fold(Money::ZERO, |sum, d| sum + d.amount)
    }

    pub fn activity_count(&self) -> i64 {
        self.by_channel.iter().map(|(_, n)| n).sum()
    }

    /// Whether anything at all happened or was written that day.
    pub fn is_empty(&self) -> bool {
        self.activities.is_empty()
            && self.deals_created.is_empty()
            && self.deals_moved.is_empty()
            && self.deals_won.is_empty()
            && self.deals_lost.is_empty()
            && self.deals_reopened.is_empty()
            && self.quotes.is_empty()
            && self.follow_ups_due.is_empty()
            && self.summary.is_none()
    }
}

/// The time of day an activity happened, as far as is known.
fn local_time(activity: &ActivityRow, offset: FixedOffset) -> Option<NaiveTime> {
    activity.fields.occurred_time.or_else(|| {
        let logged = activity.created_at?.with_timezone(&offset);
        (logged.date_naive() == activity.fields.occurred_on).then(|| logged.time())
    })
}

/// The instants a local day starts and ends, in UTC.
pub(crate) fn day_bounds(day: NaiveDate, offset: FixedOffset) -> (DateTime<Utc>, DateTime<Utc>) {
    let start = |d: NaiveDate| {
        offset
            .from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    };
    (start(day), start(day.checked_add_days(Days::new(1)).unwrap_or(day)))
}

/// How many lines a drafted plan lists at most.
const DRAFT_LINES: usize = 12;

/// A first draft of the plan for the working day after `day`: the
/// follow-ups due then and the visits the plan asks for, one line each,
/// for the rep to edit.
pub fn draft_plan(store: &Store, day: NaiveDate, lang: crate::i18n::Lang) -> Result<String> {
    use crate::store::{AgendaItem, AgendaKey, Seek};
    let next = next_working_day(day);
    let from = Seek::From(AgendaKey { due_on: next, kind: 0, id: 0 });
    let mut lines = Vec::new();
    for row in store.agenda_page(next, &from, DRAFT_LINES)? {
        let what = match &row.item {
            AgendaItem::FollowUp { next_step, .. } => next_step.clone(),
            AgendaItem::Visit { .. } => lang.t(crate::i18n::Msg::DraftVisit).to_string(),
            AgendaItem::ReturnVisit { about, .. } => {
                lang.t(crate::i18n::Msg::DraftReturnVisit).replace("{about}", about)
            }
            AgendaItem::ContractVisit { title, .. } => {
                lang.t(crate::i18n::Msg::DraftContractVisit).replace("{title}", title)
            }
        };
        lines.push(format!("- {}: {}", row.account_name, what));
    }
    Ok(lines.join("\n"))
}

/// The next day that is not a Saturday or Sunday.
pub fn next_working_day(day: NaiveDate) -> NaiveDate {
    use chrono::{Datelike, Weekday};
    let mut next = day.succ_opt().unwrap_or(day);
    while matches!(next.weekday(), Weekday::Sat | Weekday::Sun) {
        next = next.succ_opt().unwrap_or(next);
    }
    next
}
