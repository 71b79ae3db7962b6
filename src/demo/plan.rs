//! The year's visit plan in the demo: each account's visits from its
//! cadence on working days, planned on the first of the year; behind
//! today most were made on the day or a day or two after, some were moved
//! and made later, a few skipped with a reason, the rest missed. Ahead of
//! today, now and then one already has a time.

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::{Company, Rng, working_time};
use crate::domain::Channel;
use crate::domain::visit_plan::{cadence_days, spread_start, year_bounds};
use crate::store::{self, Batch, NewActivity, NewPlannedVisit};

/// How many planned visits and visits made the plan wrote.
#[derive(Debug, Default, Clone, Copy)]
pub struct Planned {
    pub visits_planned: usize,
    pub visits_made: usize,
}

const CN_SKIPS: &[&str] = &["客户停产检修", "对方负责人出差", "疫情管控，改为电话沟通", "客户年会，不便拜访"];
const EN_SKIPS: &[&str] =
    &["Plant shut for maintenance", "Their manager travelling", "Switched to a call", "Their year-end close"];

/// Plans this year for `companies` and writes what became of the visits
/// whose day has passed.
pub fn add_plan(b: &Batch<'_>, rng: &mut Rng, companies: &[Company], today: NaiveDate) -> store::Result<Planned> {
    let mut made = Planned::default();
    let Some((first, last)) = year_bounds(today.year()) else { return Ok(made) };
    let calendar = b.plan_rules().calendar.clone();
    for company in companies.iter().filter(|c| c.plannable) {
        let every = u32::try_from(company.cadence).unwrap_or(90);
        // An account new this year is planned from the day it came.
        let from = company.since.map_or(first, |since| since.max(first));
        let days = cadence_days(&calendar, spread_start(from, company.id, every), every, from, last);
        for day in days {
            let visit = NewPlannedVisit {
                from_cadence: true,
                at_time: (day >= today && rng.chance(15))
                    .then(|| NaiveTime::from_hms_opt(9 + rng.below(8) as u32, 0, 0))
                    .flatten(),
                ..NewPlannedVisit::visit(company.id, day)
            };
            let at = working_time(rng, first);
            let id = b.insert_planned_visit(&visit, &rng.meta(at))?;
            made.visits_planned += 1;
            if day >= today {
                continue;
            }
            match rng.below(100) {
                // Made on the day, or a day or two late.
                0..=77 => {
                    let on = (day + Days::new(*rng.pick(&[0, 0, 0, 1, 2]))).min(today - Days::new(1));
                    made.visits_made += visit_on(b, rng, company, on)?;
                }
                // Moved a few days on, and mostly made then.
                78..=85 => {
                    let to = calendar.working_day_near(day + Days::new(3 + rng.below(5)), first, last).unwrap_or(day);
                    b.move_planned_visit(id, to, None)?;
                    if to < today && rng.chance(75) {
                        made.visits_made += visit_on(b, rng, company, to)?;
                    }
                }
                86..=90 => {
                    let reasons = if company.chinese { CN_SKIPS } else { EN_SKIPS };
                    let reason = rng.pick(reasons);
                    b.skip_planned_visit(id, reason)?;
                }
                _ => {}
            }
        }
    }
    b.mark_year_planned(today.year())?;
    Ok(made)
}

/// A routine visit logged on `day` (it does the planned visit near it).
fn visit_on(b: &Batch<'_>, rng: &mut Rng, company: &Company, day: NaiveDate) -> store::Result<usize> {
    let purpose = if company.chinese { "例行拜访，了解使用情况" } else { "Routine visit: how it is going" };
    let result = if company.chinese { "客户反馈正常" } else { "All well" };
    let activity = NewActivity {
        contact_ids: company.contacts.first().copied().into_iter().collect(),
        result: result.to_string(),
        ..NewActivity::new(company.id, day, Channel::Visit, purpose)
    };
    let at = working_time(rng, day);
    b.insert_activity(&activity, &rng.meta(at))?;
    Ok(1)
}
