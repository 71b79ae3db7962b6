//! The rep's monthly assessment (销售代表月度考核表, SPEC §6): a line per
//! configured item — target, actual, attainment, method and its formula,
//! points, weight and weighted score — and the total with its grade.
//! Actuals come from the same store figures as the monthly report.

use chrono::{Days, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::config::{AssessmentItem, AssessmentSettings};
use crate::domain::assessment::{ManualPoints, MethodKind, Source, attainment, round2, weighted};
use crate::domain::visit_plan::{PlanRules, compliance};
use crate::domain::{Money, Month};
use crate::store::{self, PlanCounts, Store};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentLine {
    pub code: String,
    pub name: String,
    pub name_zh: String,
    pub source: Source,
    pub method: MethodKind,
    /// Counts as counts, rates in percent; none for money items, whose
    /// figures are in `target_cents` and `actual_cents`.
    pub target: Option<f64>,
    pub actual: Option<f64>,
    pub target_cents: Option<Money>,
    pub actual_cents: Option<Money>,
    /// What the actual is made of, e.g. "3/4" complaints answered in time.
    pub detail: String,
    pub attainment: Option<f64>,
    pub formula: String,
    pub points: f64,
    pub weight: u32,
    pub weighted: f64,
    /// Who set manual points, and why.
    pub manual: Option<ManualPoints>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentReport {
    pub month: Month,
    pub as_of: NaiveDate,
    pub rep: String,
    pub lines: Vec<AssessmentLine>,
    pub total: f64,
    pub grade: char,
    /// Set on a sent copy: its version and when (UTC).
    pub submitted: Option<(i64, String)>,
}

/// The figures an assessment is made from.
struct Actuals {
    sales: Money,
    collections: Money,
    new_accounts: i64,
    plan: PlanCounts,
    complaints: (i64, i64),
    daily: (i64, i64),
}

impl AssessmentReport {
    pub fn build(
        store: &Store,
        month: Month,
        today: NaiveDate,
        offset: FixedOffset,
        settings: &AssessmentSettings,
        rules: &PlanRules,
    ) -> store::Result<AssessmentReport> {
        let (first, last) = (month.first(), month.last());
        let as_of = today.min(last);
        let targets = store.targets_of(month)?.unwrap_or_default();
        let (from, _) = super::daily::day_bounds(first, offset);
        let (_, to) = super::daily::day_bounds(last, offset);
        let mut plan = PlanCounts::default();
        for (_, _, counts) in store.plan_by_month_and_tier(first, last, as_of)? {
            plan.add(&counts);
        }
        let complaints = store.complaints_between(first, last, as_of)?;
        let actuals = Actuals {
            sales: store.won_between(first, last)?.amount_cents,
            collections: store.received_between(first, last)?.amount_cents,
            new_accounts: store.accounts_created_between(from, to)?,
            plan,
            complaints: (complaints.answered_in_time, complaints.opened),
            daily: daily_reports_on_time(store, first, as_of, offset, rules)?,
        };
        let manual = store.assessment_points(month)?;
        let lines: Vec<AssessmentLine> = settings
            .items
            .iter()
            .map(|item| {
                let given = manual.iter().find(|(code, _)| *code == item.code).map(|(_, p)| p.clone());
                line(item, &actuals, &targets, given)
            })
            .collect();
        let total = round2(lines.iter().map(|l| l.weighted).sum());
        Ok(AssessmentReport {
            month,
            as_of,
            rep: store.rep()?.map(|r| r.name).unwrap_or_default(),
            grade: settings.grades.grade(total),
            total,
            lines,
            submitted: None,
        })
    }
}

fn line(
    item: &AssessmentItem,
    a: &Actuals,
    targets: &crate::store::Targets,
    manual: Option<ManualPoints>,
) -> AssessmentLine {
    let rate = |done: i64, of: i64| compliance(done, of);
    let (target, actual, detail) = match item.source {
        Source::Sales => (Some(targets.sales_cents.cents() as f64), Some(a.sales.cents() as f64), String::new()),
        Source::Collections => {
            (Some(targets.collections_cents.cents() as f64), Some(a.collections.cents() as f64), String::new())
        }
        Source::NewAccounts => (Some(targets.new_accounts as f64), Some(a.new_accounts as f64), String::new()),
        Source::VisitCompliance => {
            (item.target, rate(a.plan.done, a.plan.due()), format!("{}/{}", a.plan.done, a.plan.due()))
        }
        // No complaint in the month is none answered late.
        Source::Care => (
            item.target,
            rate(a.complaints.0, a.complaints.1).or(Some(100.0)),
            format!("{}/{}", a.complaints.0, a.complaints.1),
        ),
        Source::DailyReports => (item.target, rate(a.daily.0, a.daily.1), format!("{}/{}", a.daily.0, a.daily.1)),
        Source::Manual => (None, None, String::new()),
    };
    let target = target.filter(|t| *t > 0.0);
    let attained = match (actual, target) {
        (Some(actual), Some(target)) => attainment(actual, target),
        _ => None,
    };
    let scored = item.method().score(attained, manual.as_ref());
    let cents = |x: Option<f64>| x.map(|v| Money(v.round() as i64));
    let (target, actual, target_cents, actual_cents) =
        if item.source.is_money() { (None, None, cents(target), cents(actual)) } else { (target, actual, None, None) };
    AssessmentLine {
        code: item.code.clone(),
        name: item.name.clone(),
        name_zh: item.name_zh.clone(),
        source: item.source,
        method: item.method,
        target,
        actual,
        target_cents,
        actual_cents,
        detail,
        attainment: scored.attainment,
        formula: scored.formula,
        points: scored.points,
        weight: item.weight,
        weighted: weighted(scored.points, item.weight),
        manual,
    }
}

/// Working days of the month up to `as_of` whose daily words were first
/// written by the end of the next day (in local time), out of those days.
fn daily_reports_on_time(
    store: &Store,
    first: NaiveDate,
    as_of: NaiveDate,
    offset: FixedOffset,
    rules: &PlanRules,
) -> store::Result<(i64, i64)> {
    // While the month runs, today's report is not due yet.
    let Some(as_of) =
        (if as_of < first.checked_add_months(chrono::Months::new(1)).unwrap_or(as_of).pred_opt().unwrap_or(as_of) {
            as_of.pred_opt()
        } else {
            Some(as_of)
        })
    else {
        return Ok((0, 0));
    };
    let written = store.daily_words_written(first, as_of)?;
    let mut days = 0;
    let mut on_time = 0;
    let mut day = first;
    while day <= as_of {
        if rules.calendar.is_working_day(day) {
            days += 1;
            let deadline = super::daily::day_bounds(day + Days::new(1), offset).1;
            let in_time = written
                .iter()
                .any(|(d, at)| *d == day && crate::store::parse_timestamp(at).is_some_and(|at| at < deadline));
            on_time += i64::from(in_time);
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    Ok((on_time, days))
}

/// The month's assessment as sent, if it was and no new draft was started.
pub fn sent(store: &Store, month: Month) -> store::Result<Option<AssessmentReport>> {
    super::sent_copy(store, crate::store::FormKind::Assessment, month)
}
