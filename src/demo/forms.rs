//! The demo's targets and the rep's own words: a year of monthly targets
//! (and the next two months'), last month's report in the rep's words and
//! this month's begun, and the manager's points for last month's manual
//! assessment item.

use chrono::NaiveDate;

use super::{Rng, Scale, working_time};
use crate::domain::assessment::ManualPoints;
use crate::domain::{Money, Month};
use crate::store::{self, Batch, FormKind, MonthWords, RecordMeta, Store, Targets};

pub fn add_targets_and_words(b: &Batch<'_>, rng: &mut Rng, scale: Scale, today: NaiveDate) -> store::Result<()> {
    let this = Month::of(today);
    // A team's targets are about eighty reps' worth of one.
    let size = if scale == Scale::S { 1 } else { 80 };
    let mut month = Month::of(today - chrono::Months::new(12));
    while month <= this.next().next() {
        let targets = Targets {
            sales_cents: Money::from_yuan(size * (400_000 + 50_000 * rng.below(8) as i64)),
            collections_cents: Money::from_yuan(size * (1_000_000 + 100_000 * rng.below(6) as i64)),
            visits: size * (12 + rng.below(6) as i64),
            new_accounts: size * (1 + rng.below(2) as i64),
        };
        let at = working_time(rng, month.first() - chrono::Days::new(3));
        b.set_targets(month, &targets, &rng.meta(at))?;
        month = month.next();
    }
    let last = this.previous();
    let words = MonthWords {
        work: "拜访重点客户 14 家，完成两份技术方案。\n华东片区回款按计划推进。".to_string(),
        next_plan: "跟进两个进入实现销售阶段的项目，争取月底前签约。\n安排 A 类客户季度回访。".to_string(),
        problems: "一家客户验收延期，尾款回收推迟。".to_string(),
        support: "需要技术部支持一次现场演示。".to_string(),
    };
    let at = working_time(rng, last.last());
    b.save_month_words(last, &words, &rng.meta(at))?;
    let begun =
        MonthWords { work: "月初走访老客户，了解明年预算。".to_string(), ..MonthWords::default() };
    let at = working_time(rng, this.first());
    b.save_month_words(this, &begun, &rng.meta(at))?;
    let points =
        ManualPoints {
            points: 85, set_by: "王经理".to_string(), reason: "投诉处理及时，一起略有延误".to_string()
        };
    let at = working_time(rng, last.last());
    b.set_assessment_points(last, "care", &points, &rng.meta(at))
}

/// Last month's report as the rep sent it, so the demo shows a sent form
/// beside this month's draft.
pub fn send_last_months_report(store: &mut Store, today: NaiveDate) -> store::Result<()> {
    use chrono::{Local, Offset};
    let month = Month::of(today).previous();
    let aging = crate::config::ReportSettings::default().aging_days();
    let report = crate::reports::MonthlyReport::build(store, month, today, Local::now().offset().fix(), &aging)?;
    let Ok(body) = serde_json::to_string(&report) else { return Ok(()) };
    // A fixed UUID for a fixed day, so a seed's demo stays the same.
    let sent_at = working_time_of(month.last());
    let millis = u64::try_from(sent_at.timestamp_millis()).unwrap_or(0);
    let at =
        RecordMeta { uuid: uuid::Builder::from_unix_timestamp_millis(millis, &[0x6b; 10]).into_uuid(), at: sent_at };
    store.batch(|b| b.submit_form(FormKind::Monthly, month, &body, &at).map(|_| ()))
}

/// Six in the evening of a day (UTC), when a report is sent.
fn working_time_of(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    day.and_hms_opt(10, 0, 0).map(|t| t.and_utc()).unwrap_or_default()
}
