//! The accounts a rep won over in the last year: a few each month, each
//! with its first visit on the day it came and the rest of the year's plan
//! from that day on (so "new accounts" in the monthly forms has a count).

use chrono::{Days, NaiveDate};

use super::{Batch, DemoCounts, Promises, Rng, Scale, add_activity_on, add_company, plan, working_day_before};
use crate::domain::Channel;
use crate::store;

pub(super) fn add_new_accounts(
    b: &Batch<'_>,
    rng: &mut Rng,
    scale: Scale,
    today: NaiveDate,
    promises: &mut Promises,
    counts: &mut DemoCounts,
) -> store::Result<()> {
    let mut new_ones = Vec::new();
    for back in (0..12u32).rev() {
        let month = crate::domain::Month::of(today).first() - chrono::Months::new(back);
        // One rep wins over one most months; a team thirty or so.
        let how_many = if scale == Scale::S { u64::from(rng.chance(70)) } else { 20 + rng.below(20) };
        for _ in 0..how_many {
            let day = working_day_before(month + Days::new(rng.below(27)));
            if day >= today {
                continue;
            }
            let company = add_company(b, rng, scale, today, Some(day))?;
            counts.accounts += 1;
            counts.contacts += company.contacts.len();
            add_activity_on(b, rng, day, &company, today, Some(Channel::Visit), promises)?;
            counts.activities += 1;
            new_ones.push(company);
        }
    }
    let planned = plan::add_plan(b, rng, &new_ones, today)?;
    counts.planned_visits += planned.visits_planned;
    counts.activities += planned.visits_made;
    Ok(())
}
