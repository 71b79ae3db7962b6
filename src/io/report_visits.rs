//! The visit plan report written out: the same sections for a table, CSV,
//! Markdown and xlsx, and JSON with the domain's names.

use crate::domain::visit_plan::compliance;
use crate::i18n::{Lang, Msg};
use crate::reports::visit_plan::{PlanLine, PlanPeriod, VisitPlanReport};
use crate::store::PlanCounts;

use super::report::{ReportCell, Section};

fn text(s: impl Into<String>) -> ReportCell {
    ReportCell::Text(s.into())
}

/// `87.5%`, or a dash when nothing was due.
fn percent(value: Option<f64>) -> String {
    value.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "-".to_string())
}

pub fn visit_plan_title(report: &VisitPlanReport, lang: Lang) -> String {
    let as_of = lang.t(Msg::AsOf).replace("{date}", &report.as_of.format("%Y-%m-%d").to_string());
    format!("{}  {}  ({as_of})", lang.t(Msg::VisitPlanReportTitle), report.period.label())
}

fn count_headers(lang: Lang) -> Vec<String> {
    [Msg::ColPlanned, Msg::ColDone, Msg::ColMoved, Msg::ColSkipped, Msg::ColMissed, Msg::ColAhead, Msg::ColCompliance]
        .iter()
        .map(|m| lang.t(*m).to_string())
        .collect()
}

fn count_cells(c: &PlanCounts, rate: Option<f64>) -> Vec<ReportCell> {
    let mut cells: Vec<ReportCell> =
        [c.planned, c.done, c.moved, c.skipped, c.missed, c.ahead].into_iter().map(ReportCell::Int).collect();
    cells.push(text(percent(rate)));
    cells
}

fn line_row(line: &PlanLine, with_month: bool) -> Vec<ReportCell> {
    let mut row = Vec::new();
    if with_month {
        row.push(text(format!("{:02}", line.month)));
    }
    row.push(text(line.tier.code()));
    row.extend(count_cells(&line.counts, line.compliance));
    row
}

pub fn visit_plan_sections(report: &VisitPlanReport, lang: Lang) -> Vec<Section> {
    let t = |m: Msg| lang.t(m).to_string();
    let mut sections = Vec::new();
    let year_view = matches!(report.period, PlanPeriod::Year(_));
    if year_view {
        let mut headers = vec![t(Msg::ColMonth), t(Msg::ColTier)];
        headers.extend(count_headers(lang));
        sections.push(Section {
            title: t(Msg::SectionPlanByMonth),
            headers,
            rows: report.lines.iter().map(|l| line_row(l, true)).collect(),
        });
    }
    let mut headers = vec![t(Msg::ColTier)];
    headers.extend(count_headers(lang));
    let mut rows: Vec<Vec<ReportCell>> = report.tiers.iter().map(|l| line_row(l, false)).collect();
    let mut total = vec![text(t(Msg::ColTotal))];
    total.extend(count_cells(&report.total, report.total_compliance));
    rows.push(total);
    sections.push(Section { title: t(Msg::SectionPlanByTier), headers, rows });
    sections.push(Section {
        title: t(Msg::SectionPlanFormula),
        headers: Vec::new(),
        rows: vec![
            vec![text(t(Msg::PlanFormula))],
            vec![text(t(Msg::UnplannedVisits).replace("{n}", &report.unplanned_visits.to_string()))],
        ],
    });
    let mut names: Vec<Vec<ReportCell>> = report.a_not_visited_names.iter().map(|n| vec![text(n)]).collect();
    if report.a_not_visited > report.a_not_visited_names.len() as i64 {
        let more = report.a_not_visited - report.a_not_visited_names.len() as i64;
        names.push(vec![text(t(Msg::AndMore).replace("{n}", &more.to_string()))]);
    }
    sections.push(Section {
        title: format!("{} ({})", t(Msg::SectionANotVisited), report.a_not_visited),
        headers: Vec::new(),
        rows: names,
    });
    let mut headers = vec![t(Msg::ColAccount), t(Msg::ColTier), t(Msg::ColCadence)];
    headers.extend(count_headers(lang));
    headers.push(t(Msg::ColLongestGap));
    sections.push(Section {
        title: t(Msg::SectionPlanByAccount),
        headers,
        rows: report
            .accounts
            .iter()
            .map(|a| {
                let mut row = vec![text(&a.name), text(a.tier.code()), ReportCell::Int(a.cadence_days)];
                row.extend(count_cells(&a.counts, compliance(a.counts.done, a.counts.due())));
                // Longer than the cadence allows: marked.
                let gap = if a.cadence_days > 0 && a.longest_gap_days > a.cadence_days {
                    format!("{} (> {})", a.longest_gap_days, a.cadence_days)
                } else {
                    a.longest_gap_days.to_string()
                };
                row.push(text(gap));
                row
            })
            .collect(),
    });
    sections
}

pub fn visit_plan_json(report: &VisitPlanReport) -> serde_json::Value {
    use serde_json::json;
    let counts = |c: &PlanCounts, rate: Option<f64>| {
        json!({
            "planned": c.planned, "done": c.done, "moved": c.moved, "skipped": c.skipped,
            "missed": c.missed, "ahead": c.ahead, "compliance_percent": rate,
        })
    };
    let line = |l: &PlanLine| {
        let mut v = counts(&l.counts, l.compliance);
        v["tier"] = json!(l.tier.code());
        if l.month > 0 {
            v["month"] = json!(l.month);
        }
        v
    };
    json!({
        "period": report.period.label(),
        "from": report.first.format("%Y-%m-%d").to_string(),
        "to": report.last.format("%Y-%m-%d").to_string(),
        "as_of": report.as_of.format("%Y-%m-%d").to_string(),
        "by_month_and_tier": report.lines.iter().map(line).collect::<Vec<_>>(),
        "by_tier": report.tiers.iter().map(line).collect::<Vec<_>>(),
        "total": counts(&report.total, report.total_compliance),
        "a_tier_not_visited": report.a_not_visited,
        "a_tier_not_visited_names": report.a_not_visited_names,
        "unplanned_visits": report.unplanned_visits,
        "accounts": report.accounts.iter().map(|a| {
            let mut v = counts(&a.counts, compliance(a.counts.done, a.counts.due()));
            v["account_id"] = json!(a.account_id);
            v["account"] = json!(a.name);
            v["tier"] = json!(a.tier.code());
            v["cadence_days"] = json!(a.cadence_days);
            v["longest_gap_days"] = json!(a.longest_gap_days);
            v
        }).collect::<Vec<_>>(),
    })
}
