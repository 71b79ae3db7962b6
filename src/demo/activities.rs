//! The demo's activities: the year's calls and visits of each account,
//! their follow-ups kept or left open, and the rep's daily words.

use super::*;

pub(super) fn add_activities(
    b: &Batch<'_>,
    rng: &mut Rng,
    scale: Scale,
    today: NaiveDate,
    companies: &[Company],
    promises: &mut Promises,
) -> store::Result<usize> {
    let per_account = match scale {
        Scale::S => 12,
        Scale::M | Scale::L => 10,
    };
    let per_day = (companies.len() as u64 * per_account).div_ceil(scale.span_days());
    let mut written = 0;
    // Never today: today's entries are the rep's own (see `generate`).
    for back in (1..=scale.span_days()).rev() {
        let day = days_before(today, back);
        let weekend = day.weekday().num_days_from_monday() >= 5;
        let base = if weekend { per_day / 4 } else { per_day * 13 / 10 };
        for _ in 0..(base / 2 + rng.below(base + 1)) {
            let company = rng.pick(companies);
            add_activity_on(b, rng, day, company, today, None, promises)?;
            written += 1;
        }
    }
    Ok(written)
}

/// Each account's latest activity, not written yet: what became of its
/// promise (its follow-up) is only known when the account's next activity
/// comes — kept by it, checked off, or left open — and the row is then
/// written once, with its follow-up as it stands (a row written and then
/// updated cost the demo a third of its activities' time).
///
/// Kept by account id in a vector, in id order: a map of 100,000 accounts
/// looked up five times an activity, its entries moved on every insert,
/// was a twentieth of the demo at scale L.
#[derive(Default)]
pub(super) struct Promises(Vec<Option<Pending>>);

/// An activity whose promise is still open.
pub(super) struct Pending {
    activity: NewActivity,
    meta: RecordMeta,
    follow_up: SettledFollowUp,
    /// Its account's visits may be planned (`Company::in_plan`).
    in_plan: bool,
}

impl Pending {
    /// The day its promise falls due.
    pub(super) fn due(&self) -> NaiveDate {
        self.activity.next_on.unwrap_or(self.activity.occurred_on)
    }

    /// Checked off on `day` (the rep's record of it as many days after the
    /// activity as the promise was).
    pub(super) fn done_on(&mut self, day: NaiveDate) {
        let later = chrono::Duration::days((day - self.activity.occurred_on).num_days().max(0));
        self.follow_up =
            SettledFollowUp { done_on: Some(day), closed_on: Some(day), settled_at: Some(self.meta.at + later) };
    }
}

impl Promises {
    fn slot(id: i64) -> usize {
        usize::try_from(id).unwrap_or(0)
    }

    fn get(&self, account_id: i64) -> Option<&Pending> {
        self.0.get(Self::slot(account_id)).and_then(Option::as_ref)
    }

    fn get_mut(&mut self, account_id: i64) -> Option<&mut Pending> {
        self.0.get_mut(Self::slot(account_id)).and_then(Option::as_mut)
    }

    fn take(&mut self, account_id: i64) -> Option<Pending> {
        self.0.get_mut(Self::slot(account_id)).and_then(Option::take)
    }

    fn put(&mut self, account_id: i64, pending: Pending) {
        let slot = Self::slot(account_id);
        if self.0.len() <= slot {
            self.0.resize_with(slot + 1, || None);
        }
        self.0[slot] = Some(pending);
    }

    /// Every activity still pending, by account id.
    pub(super) fn pending_mut(&mut self) -> impl Iterator<Item = &mut Pending> {
        self.0.iter_mut().flatten()
    }

    /// Writes every activity still pending, its promise as it stands, in
    /// the order they were logged (their ids then read as it).
    pub(super) fn write_all(&mut self, b: &Batch<'_>) -> store::Result<()> {
        let mut pending: Vec<Pending> = std::mem::take(&mut self.0).into_iter().flatten().collect();
        pending.sort_by_key(|p| p.meta.at);
        for pending in pending {
            b.insert_settled_activity(&pending.activity, &pending.meta, &pending.follow_up, pending.in_plan)?;
        }
        Ok(())
    }
}

pub(super) fn is_weekend(day: NaiveDate) -> bool {
    day.weekday().num_days_from_monday() >= 5
}

/// `day`, or the Friday before it when it falls on a weekend.
pub(super) fn working_day_before(mut day: NaiveDate) -> NaiveDate {
    while is_weekend(day) {
        day = days_before(day, 1);
    }
    day
}

/// One activity; its channel drawn by how often reps use each, unless
/// given (never a visit at a weekend). It keeps the account's open promise
/// when that falls due about now, and makes a promise of its own: it is
/// written when the account's next activity settles that (`Promises`).
pub(super) fn add_activity_on(
    b: &Batch<'_>,
    rng: &mut Rng,
    day: NaiveDate,
    company: &Company,
    today: NaiveDate,
    channel: Option<Channel>,
    promises: &mut Promises,
) -> store::Result<()> {
    let drawn = match rng.below(100) {
        0..=34 => Channel::Visit,
        35..=64 => Channel::Phone,
        65..=79 => Channel::EmailIm,
        80..=86 => Channel::TechnicalExchange,
        87..=91 => Channel::BusinessEvent,
        92..=94 => Channel::Exhibition,
        95..=97 => Channel::TestSamples,
        _ => Channel::Other,
    };
    let channel = channel.unwrap_or(if is_weekend(day) && drawn != Channel::EmailIm { Channel::Phone } else { drawn });
    let (purposes, results, nexts) =
        if company.chinese { (CN_PURPOSES, CN_RESULTS, CN_NEXT) } else { (EN_PURPOSES, EN_RESULTS, EN_NEXT) };
    let next_on = working_day_before(day + Days::new(3 + rng.below(14)));
    let next_on = if next_on <= day { day + Days::new(3) } else { next_on };
    // The account's open promise: kept now if due within two days (mostly),
    // else left open; one replaced by this new promise was checked off.
    let mut keeps = false;
    // An activity dated before the account's latest promise (the last
    // visits are written after the rest) leaves the promises alone.
    let in_order = promises.get(company.id).is_none_or(|p| p.activity.occurred_on <= day);
    if let Some(latest) = promises.get_mut(company.id).filter(|_| in_order) {
        let due = latest.due();
        if day + Days::new(2) >= due && rng.chance(85) {
            keeps = true;
        } else if due < today.checked_sub_days(Days::new(10)).unwrap_or(today) || rng.chance(70) {
            latest.done_on(day);
        }
    }
    let contact_ids = match company.contacts.len() {
        0 => Vec::new(),
        n if n >= 2 && rng.chance(20) => company.contacts[..2].to_vec(),
        _ => vec![*rng.pick(&company.contacts)],
    };
    let at = working_time(rng, day);
    // Local working hours, on the five minutes.
    let minutes = 8 * 60 + 30 + rng.below(9 * 12) * 5;
    let mut activity = NewActivity {
        account_id: company.id,
        opportunity_id: None,
        contact_ids,
        occurred_on: day,
        occurred_time: chrono::NaiveTime::from_hms_opt((minutes / 60) as u32, (minutes % 60) as u32, 0),
        channel,
        purpose: rng.pick(purposes).to_string(),
        result: rng.pick(results).to_string(),
        next_step: rng.pick(nexts).to_string(),
        next_on: Some(next_on),
        keeps_id: None,
    };
    let meta = rng.meta(at);
    if !in_order {
        let mut now = Pending { activity, meta, follow_up: SettledFollowUp::default(), in_plan: company.in_plan };
        if next_on < days_before(today, 2) {
            // A promise of the past made out of order: seen to on its day.
            now.done_on(next_on);
        }
        b.insert_settled_activity(&now.activity, &now.meta, &now.follow_up, now.in_plan)?;
        return Ok(());
    }
    // The account's promise before this one is settled now: written, and
    // kept by this one when it is.
    if let Some(mut before) = promises.take(company.id) {
        if keeps {
            before.follow_up.closed_on = Some(day);
            before.follow_up.settled_at = Some(at);
        }
        let id = b.insert_settled_activity(&before.activity, &before.meta, &before.follow_up, before.in_plan)?;
        activity.keeps_id = keeps.then_some(id);
    }
    promises
        .put(company.id, Pending { activity, meta, follow_up: SettledFollowUp::default(), in_plan: company.in_plan });
    Ok(())
}

/// The day's summary and the next day's plan on most past working days of
/// the last two months, in the words of the day's activities.
pub(super) fn add_daily_words(b: &Batch<'_>, rng: &mut Rng, today: NaiveDate) -> store::Result<()> {
    for back in (1..=60).rev() {
        let day = days_before(today, back);
        if is_weekend(day) || !rng.chance(85) {
            continue;
        }
        let done = b.activity_count_on(day)?;
        if done == 0 {
            continue;
        }
        let (summary, plan) = if rng.chance(70) {
            (
                format!("今天共{done}项客户工作。{}", rng.pick(CN_DAY_NOTES)),
                format!("{}\n{}", rng.pick(CN_PLAN_NOTES), rng.pick(CN_PLAN_NOTES)),
            )
        } else {
            (
                format!("{done} pieces of account work today. {}", rng.pick(EN_DAY_NOTES)),
                format!("{}\n{}", rng.pick(EN_PLAN_NOTES), rng.pick(EN_PLAN_NOTES)),
            )
        };
        let words = store::DailySummary { summary, tomorrow_plan: plan };
        let at = working_time(rng, day) + chrono::Duration::hours(2);
        b.upsert_daily_summary(day, &words, &rng.meta(at))?;
    }
    Ok(())
}
