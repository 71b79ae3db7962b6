//! The year's visit plan (年度拜访计划): which days are working days, the
//! days an account's cadence gives, and the state of a planned visit —
//! worked out from the facts when read (done by a logged visit, skipped
//! with a reason, moved, missed once its day has passed).

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Which days a rep works: a working week, the public holidays that fall
/// in it, and the weekend days worked instead (调休上班). Holidays differ
/// by year and country, so they are data (the config), never code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    /// Monday first.
    pub working_week: [bool; 7],
    pub holidays: BTreeSet<NaiveDate>,
    pub make_up_days: BTreeSet<NaiveDate>,
}

impl Default for WorkCalendar {
    /// Monday to Friday, no holidays.
    fn default() -> Self {
        WorkCalendar {
            working_week: [true, true, true, true, true, false, false],
            holidays: BTreeSet::new(),
            make_up_days: BTreeSet::new(),
        }
    }
}

impl WorkCalendar {
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.make_up_days.contains(&day) {
            return true;
        }
        self.working_week[day.weekday().num_days_from_monday() as usize] && !self.holidays.contains(&day)
    }

    /// The working day a visit due on `day` is planned for: that day, else
    /// the next working day, else (past `last`, the plan's end) the one
    /// before. `None` only for a calendar with no working day near.
    /// The working day `n` working days before `day`, not before
    /// `not_before` (that day itself when there are not so many).
    pub fn working_days_before(&self, day: NaiveDate, n: u32, not_before: NaiveDate) -> NaiveDate {
        let mut left = n;
        let mut d = day;
        while left > 0 {
            let Some(prev) = d.pred_opt() else { break };
            if prev < not_before {
                return not_before;
            }
            d = prev;
            if self.is_working_day(d) {
                left -= 1;
            }
        }
        d
    }

    pub fn working_day_near(&self, day: NaiveDate, first: NaiveDate, last: NaiveDate) -> Option<NaiveDate> {
        let forward = (0..31).filter_map(|n| day.checked_add_days(Days::new(n))).take_while(|d| *d <= last);
        if let Some(found) = forward.into_iter().find(|d| self.is_working_day(*d)) {
            return Some(found);
        }
        (1..31)
            .filter_map(|n| day.checked_sub_days(Days::new(n)))
            .take_while(|d| *d >= first)
            .find(|d| self.is_working_day(*d))
    }
}

/// How the plan is kept: the working days, and how far from a planned
/// day a logged visit still counts as doing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRules {
    pub calendar: WorkCalendar,
    pub link_window_days: u32,
}

impl Default for PlanRules {
    fn default() -> Self {
        PlanRules { calendar: WorkCalendar::default(), link_window_days: 3 }
    }
}

/// The days an account is due a visit between `first` and `last`: from
/// `start` every `every` days, each on a working day near it. A cadence
/// shorter than the gaps the calendar leaves may bring two onto one day:
/// that day is planned once.
pub fn cadence_days(
    calendar: &WorkCalendar,
    start: NaiveDate,
    every: u32,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<NaiveDate> {
    let every = u64::from(every.max(1));
    let mut days: Vec<NaiveDate> = Vec::new();
    let mut due = start;
    while due <= last {
        if due >= first
            && let Some(day) = calendar.working_day_near(due, first, last)
            && days.last() != Some(&day)
        {
            days.push(day);
        }
        match due.checked_add_days(Days::new(every)) {
            Some(next) => due = next,
            None => break,
        }
    }
    days
}

/// Where a fresh plan starts in its window: an account's own offset into
/// its cadence (its id modulo the cadence), so a tier's visits spread over
/// the weeks instead of all falling on the first day.
pub fn spread_start(first: NaiveDate, account_id: i64, every: u32) -> NaiveDate {
    let offset = account_id.rem_euclid(i64::from(every.max(1))) as u64;
    first.checked_add_days(Days::new(offset)).unwrap_or(first)
}

/// The first and last day of a year.
pub fn year_bounds(year: i32) -> Option<(NaiveDate, NaiveDate)> {
    Some((NaiveDate::from_ymd_opt(year, 1, 1)?, NaiveDate::from_ymd_opt(year, 12, 31)?))
}

/// What became of a planned visit, as of a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VisitState {
    Planned,
    Moved,
    Done,
    Skipped,
    Missed,
}

impl VisitState {
    pub const ALL: [VisitState; 5] =
        [VisitState::Planned, VisitState::Moved, VisitState::Done, VisitState::Skipped, VisitState::Missed];

    /// From the facts: a logged visit did it; the rep skipped it; its day
    /// passed; it was moved; else still planned.
    pub fn of(done: bool, skipped: bool, moved: bool, planned_on: NaiveDate, as_of: NaiveDate) -> VisitState {
        if done {
            VisitState::Done
        } else if skipped {
            VisitState::Skipped
        } else if planned_on < as_of {
            VisitState::Missed
        } else if moved {
            VisitState::Moved
        } else {
            VisitState::Planned
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            VisitState::Planned => "planned",
            VisitState::Moved => "moved",
            VisitState::Done => "done",
            VisitState::Skipped => "skipped",
            VisitState::Missed => "missed",
        }
    }

    pub fn from_code(code: &str) -> Option<VisitState> {
        VisitState::ALL.into_iter().find(|s| s.code().eq_ignore_ascii_case(code.trim()))
    }

    /// Still the rep's to do (today or ahead).
    pub fn is_open(self) -> bool {
        matches!(self, VisitState::Planned | VisitState::Moved)
    }
}

/// The kinds of planned visit (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VisitKind {
    Visit,
    ReturnVisit,
    Collection,
    ComplaintFollowUp,
}

impl VisitKind {
    pub const ALL: [VisitKind; 4] =
        [VisitKind::Visit, VisitKind::ReturnVisit, VisitKind::Collection, VisitKind::ComplaintFollowUp];

    pub fn code(self) -> &'static str {
        match self {
            VisitKind::Visit => "visit",
            VisitKind::ReturnVisit => "return_visit",
            VisitKind::Collection => "collection",
            VisitKind::ComplaintFollowUp => "complaint_follow_up",
        }
    }

    /// A kind by its code, or by its name in either language.
    pub fn from_code(text: &str) -> Option<VisitKind> {
        let t = text.trim().to_lowercase().replace([' ', '-'], "_");
        let kind = match t.as_str() {
            "visit" | "拜访" | "" => VisitKind::Visit,
            "return_visit" | "return" | "回访" => VisitKind::ReturnVisit,
            "collection" | "collection_visit" | "催款" | "回款拜访" => VisitKind::Collection,
            "complaint_follow_up" | "complaint" | "投诉跟进" => VisitKind::ComplaintFollowUp,
            _ => return None,
        };
        Some(kind)
    }
}

/// Done out of planned, in percent (one decimal); `None` when nothing was
/// planned.
pub fn compliance(done: i64, planned: i64) -> Option<f64> {
    (planned > 0).then(|| (done as f64 * 1000.0 / planned as f64).round() / 10.0)
}

/// A weekday's index in the config's words ("mon", "周一").
pub fn weekday_of(text: &str) -> Option<Weekday> {
    let t = text.trim().to_lowercase();
    Some(match t.as_str() {
        "mon" | "monday" | "周一" | "1" => Weekday::Mon,
        "tue" | "tuesday" | "周二" | "2" => Weekday::Tue,
        "wed" | "wednesday" | "周三" | "3" => Weekday::Wed,
        "thu" | "thursday" | "周四" | "4" => Weekday::Thu,
        "fri" | "friday" | "周五" | "5" => Weekday::Fri,
        "sat" | "saturday" | "周六" | "6" => Weekday::Sat,
        "sun" | "sunday" | "周日" | "周天" | "7" => Weekday::Sun,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn working_days_back_skip_the_weekend() {
        let calendar = WorkCalendar::default();
        // Tuesday 12-08 less three working days is Thursday 12-03.
        assert_eq!(calendar.working_days_before(day("2026-12-08"), 3, day("2026-11-28")), day("2026-12-03"));
        // Not before the first day allowed.
        assert_eq!(calendar.working_days_before(day("2026-12-01"), 3, day("2026-11-30")), day("2026-11-30"));
    }

    #[test]
    fn weekends_and_holidays_move_to_the_next_working_day() {
        let calendar = WorkCalendar {
            holidays: [day("2026-10-01"), day("2026-10-02")].into_iter().collect(),
            make_up_days: [day("2026-10-10")].into_iter().collect(),
            ..WorkCalendar::default()
        };
        let (first, last) = year_bounds(2026).expect("year");
        // Thursday 1 October is a holiday, so is Friday; the weekend is off.
        assert_eq!(calendar.working_day_near(day("2026-10-01"), first, last), Some(day("2026-10-05")));
        // Saturday 10 October is worked instead of a holiday.
        assert!(calendar.is_working_day(day("2026-10-10")));
        // A Saturday at the plan's end: the working day before it.
        let end = calendar.working_day_near(day("2026-12-26"), first, day("2026-12-27"));
        assert_eq!(end, Some(day("2026-12-25")));
        assert_eq!(calendar.working_day_near(day("2026-12-31"), first, last), Some(day("2026-12-31")));
        let late = WorkCalendar { holidays: [day("2026-12-31")].into_iter().collect(), ..WorkCalendar::default() };
        assert_eq!(late.working_day_near(day("2026-12-31"), first, last), Some(day("2026-12-30")));
    }

    #[test]
    fn a_fortnightly_cadence_gives_26_working_days_in_a_year() {
        let calendar = WorkCalendar::default();
        let (first, last) = year_bounds(2026).expect("year");
        let days = cadence_days(&calendar, first, 14, first, last);
        assert_eq!(days.len(), 27, "1 January and every 14 days after: 27 dates up to 31 December");
        let spread = cadence_days(&calendar, spread_start(first, 13, 14), 14, first, last);
        assert_eq!(spread.len(), 26);
        assert!(days.iter().chain(&spread).all(|d| calendar.is_working_day(*d)));
        assert_eq!(cadence_days(&calendar, spread_start(first, 7, 90), 90, first, last).len(), 4);
    }

    #[test]
    fn the_state_follows_from_the_facts() {
        let today = day("2026-06-10");
        assert_eq!(VisitState::of(true, false, false, day("2026-06-01"), today), VisitState::Done);
        assert_eq!(VisitState::of(false, true, false, day("2026-06-20"), today), VisitState::Skipped);
        assert_eq!(VisitState::of(false, false, true, day("2026-06-09"), today), VisitState::Missed);
        assert_eq!(VisitState::of(false, false, true, day("2026-06-10"), today), VisitState::Moved);
        assert_eq!(VisitState::of(false, false, false, day("2026-06-10"), today), VisitState::Planned);
        assert_eq!(compliance(3, 4), Some(75.0));
        assert_eq!(compliance(0, 0), None);
    }
}
