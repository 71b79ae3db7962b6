//! The monthly report, the year by month, the collection progress and the
//! assessment written out: sections for a table, CSV, Markdown and xlsx
//! (and the Reports tab's tables), in the user's language. JSON is the
//! typed form itself (`serde`), money in `_cents` fields.

use crate::domain::contract::InstalmentStatus;
use crate::domain::{Channel, Money, Stage};
use crate::i18n::{FormMsg as F, Lang, Msg};
use crate::labels::Named;
use crate::reports::assessment::AssessmentLine;
use crate::reports::monthly::{MonthLine, ResultLine};
use crate::reports::{AssessmentReport, CollectionReport, MonthlyReport, YearView};
use crate::store::Tally;

use super::report::{ReportCell, Section};

fn text(s: impl Into<String>) -> ReportCell {
    ReportCell::Text(s.into())
}

fn money(m: Money) -> ReportCell {
    ReportCell::Money(m)
}

fn int(n: i64) -> ReportCell {
    ReportCell::Int(n)
}

fn pct(p: Option<f64>) -> ReportCell {
    ReportCell::Percent(p)
}

fn section(title: impl Into<String>, headers: Vec<String>, rows: Vec<Vec<ReportCell>>) -> Section {
    Section { title: title.into(), headers, rows }
}

fn heads(lang: Lang, list: &[F]) -> Vec<String> {
    list.iter().map(|m| lang.f(*m).to_string()).collect()
}

/// `Monthly report 2026-11 · 王芳 · sent (version 1, ...)`.
pub fn monthly_title(report: &MonthlyReport, lang: Lang) -> String {
    let mut title = format!("{} {}", lang.f(F::MonthlyTitle), report.month);
    if !report.rep.is_empty() {
        title.push_str(&format!(" · {}", report.rep));
    }
    title.push_str(&format!(" · {}", sent_words(&report.submitted, lang)));
    title
}

fn sent_words(submitted: &Option<(i64, String)>, lang: Lang) -> String {
    match submitted {
        Some((n, at)) => {
            let at = at.get(..16).unwrap_or(at).replace('T', " ");
            lang.f(F::Sent).replace("{n}", &n.to_string()).replace("{at}", &at)
        }
        None => lang.f(F::Draft).to_string(),
    }
}

/// The rep's four texts, a line per line of text.
pub fn words_section(report: &MonthlyReport, lang: Lang) -> Section {
    let w = &report.words;
    let mut rows = Vec::new();
    for (label, body) in [
        (F::WordsWork, &w.work),
        (F::WordsNextPlan, &w.next_plan),
        (F::WordsProblems, &w.problems),
        (F::WordsSupport, &w.support),
    ] {
        let body = if body.trim().is_empty() { lang.f(F::NotWritten).to_string() } else { body.clone() };
        rows.push(vec![text(lang.f(label)), text(body)]);
    }
    section(lang.f(F::SectionWords), heads(lang, &[F::ColWhat, F::ColValue]), rows)
}

fn result_name(line: &ResultLine, lang: Lang) -> &'static str {
    match line.what.as_str() {
        "won" => lang.f(F::ResultWon),
        "signed" => lang.f(F::ResultSigned),
        _ => lang.f(F::ResultReceived),
    }
}

pub fn results_section(report: &MonthlyReport, lang: Lang) -> Section {
    let rows = report
        .results
        .iter()
        .map(|r| {
            vec![
                text(result_name(r, lang)),
                int(r.this_month.count),
                money(r.this_month.amount_cents),
                r.target_cents.map_or(text(""), money),
                pct(r.attainment),
                money(r.last_month.amount_cents),
                money(r.last_year.amount_cents),
            ]
        })
        .collect();
    section(
        lang.f(F::SectionResults),
        heads(
            lang,
            &[F::ColWhat, F::ColCount, F::ColAmount, F::ColTarget, F::ColAttainment, F::ColLastMonth, F::ColLastYear],
        ),
        rows,
    )
}

/// The aging buckets' names: not yet due, 1–30, ..., over 120.
pub fn aging_headers(days: &[u32], lang: Lang) -> Vec<String> {
    let mut out = vec![lang.f(F::AgingNotDue).to_string()];
    let mut from = 1;
    for end in days {
        out.push(lang.f(F::AgingDays).replace("{from}", &from.to_string()).replace("{to}", &end.to_string()));
        from = end + 1;
    }
    out.push(lang.f(F::AgingOver).replace("{n}", &days.last().copied().unwrap_or(0).to_string()));
    out
}

fn tally_row(label: impl Into<String>, t: Tally) -> Vec<ReportCell> {
    vec![text(label), int(t.count), money(t.amount_cents)]
}

pub fn monthly_sections(report: &MonthlyReport, lang: Lang) -> Vec<Section> {
    let what3 = heads(lang, &[F::ColWhat, F::ColCount, F::ColAmount]);
    let value2 = heads(lang, &[F::ColWhat, F::ColValue]);
    let c = &report.collections;
    let collections = section(
        lang.f(F::SectionCollections),
        what3.clone(),
        vec![
            tally_row(lang.f(F::DueInMonth), c.due),
            tally_row(lang.f(F::ReceivedInMonth), c.received),
            vec![text(lang.f(F::CollectionRate)), text(""), pct(c.rate)],
            tally_row(lang.f(F::OverdueOnDay).replace("{date}", &report.as_of.to_string()), c.overdue),
        ],
    );
    let mut aging_head = aging_headers(&c.aging_days, lang);
    aging_head.push(lang.f(F::ColTotal).to_string());
    let total: Money = c.aging_cents.iter().fold(Money::ZERO, |a, b| a + *b);
    let aging = section(
        lang.f(F::SectionAging),
        aging_head,
        vec![c.aging_cents.iter().map(|m| money(*m)).chain([money(total)]).collect()],
    );
    let most_overdue = section(
        lang.f(F::SectionMostOverdue),
        heads(lang, &[F::ColAccount, F::ColCount, F::ColOverdue]),
        c.most_overdue.iter().map(|a| vec![text(&a.account), int(a.count), money(a.amount_cents)]).collect(),
    );
    let cu = &report.customers;
    let mut customer_rows = vec![vec![
        text(lang.f(F::NewAccounts)),
        int(cu.new_accounts),
        text(cu.new_accounts_target.map(|t| format!("{} {t}", lang.f(F::ColTarget))).unwrap_or_default()),
    ]];
    for (i, tier) in ["A", "B", "C"].iter().enumerate() {
        customer_rows.push(vec![text(lang.f(F::TierAccounts).replace("{tier}", tier)), int(cu.by_tier[i]), text("")]);
    }
    customer_rows.push(vec![
        text(lang.f(F::ANotVisited)),
        int(cu.a_not_visited),
        text(cu.a_not_visited_names.join("、")),
    ]);
    let customers =
        section(lang.f(F::SectionCustomers), heads(lang, &[F::ColWhat, F::ColValue, F::ColRemark]), customer_rows);
    let v = &report.visits;
    let mut visit_rows: Vec<Vec<ReportCell>> = v
        .by_channel
        .iter()
        .map(|(code, n)| {
            let name = Channel::from_code(code).map_or(code.clone(), |ch| lang.t(ch.label()).to_string());
            vec![text(name), int(*n)]
        })
        .collect();
    for (i, tier) in ["A", "B", "C"].iter().enumerate() {
        visit_rows.push(vec![text(lang.f(F::ActivitiesOfTier).replace("{tier}", tier)), int(v.by_tier[i])]);
    }
    visit_rows.push(vec![text(lang.f(F::VisitsMade)), int(v.visits_made)]);
    if let Some(target) = v.visits_target {
        visit_rows.push(vec![text(format!("{} ({})", lang.f(F::ColTarget), lang.f(F::VisitsMade))), int(target)]);
    }
    visit_rows.push(vec![text(lang.f(F::PlannedVisits)), int(v.plan.planned)]);
    visit_rows.push(vec![text(lang.f(F::PlanDue)), int(v.plan.due())]);
    visit_rows.push(vec![text(lang.f(F::PlanDone)), int(v.plan.done)]);
    visit_rows.push(vec![text(lang.f(F::Compliance)), pct(v.compliance)]);
    let visits = section(lang.f(F::SectionVisits), value2.clone(), visit_rows);
    let p = &report.pipeline;
    let pipeline_rows: Vec<Vec<ReportCell>> = Stage::ALL
        .iter()
        .zip(p.stages.iter())
        .map(|(stage, flow)| vec![text(lang.t(stage.label())), int(flow.entered), int(flow.left)])
        .collect();
    let pipeline =
        section(lang.f(F::SectionPipeline), heads(lang, &[F::ColStage, F::ColEntered, F::ColLeft]), pipeline_rows);
    let mut outcome_rows = vec![tally_row(lang.f(F::ResultWon), p.won), tally_row(lang.f(F::DealsLost), p.lost)];
    for (reason, t) in &p.lost_reasons {
        let reason = crate::i18n::lost_reason_label(lang, reason).to_string();
        outcome_rows.push(tally_row(lang.f(F::LostFor).replace("{reason}", &reason), *t));
    }
    outcome_rows.push(vec![text(lang.f(F::Quotes)), int(p.quotes), text(format!("({})", p.quotes_warned))]);
    outcome_rows.push(tally_row(lang.f(F::Slipped), p.slipped));
    let outcomes = section(lang.f(F::SectionOutcomes), what3.clone(), outcome_rows);
    let a = &report.after_sale;
    let after_sale = section(
        lang.f(F::SectionAfterSale),
        value2.clone(),
        vec![
            vec![text(lang.f(F::Surveys)), int(a.surveys.count)],
            vec![text(lang.f(F::SurveyAverage)), a.surveys.average.map_or(text("—"), ReportCell::Num)],
            vec![text(lang.f(F::Nps)), a.nps.map_or(text("—"), int)],
            vec![text(lang.f(F::ComplaintsOpened)), int(a.complaints.opened)],
            vec![text(lang.f(F::ComplaintsClosed)), int(a.complaints.closed)],
            vec![text(lang.f(F::ComplaintsOverdue)), int(a.complaints.overdue)],
            vec![text(lang.f(F::ReturnVisits)), int(a.return_visits)],
        ],
    );
    let n = &report.next_month;
    let next = section(
        lang.f(F::SectionNextMonth).replace("{month}", &n.month.to_string()),
        what3,
        vec![
            tally_row(lang.f(F::InstalmentsDue), n.due),
            vec![text(lang.f(F::PlannedVisits)), int(n.planned_visits), text("")],
            tally_row(lang.f(F::ContractsEnding), n.contracts_ending),
        ],
    );
    let mut out = vec![words_section(report, lang), results_section(report, lang), collections, aging, most_overdue];
    out.extend([customers, visits, pipeline, outcomes, after_sale, next]);
    out.extend(year_sections(&report.year, lang));
    out
}

fn month_row(label: String, line: &MonthLine) -> Vec<ReportCell> {
    vec![
        text(label),
        int(line.won.count),
        money(line.won.amount_cents),
        money(line.targets.sales_cents),
        pct(line.sales_attainment),
        money(line.received.amount_cents),
        money(line.targets.collections_cents),
        pct(line.collections_attainment),
    ]
}

/// The year by month with its quarters and total, and its biggest accounts.
pub fn year_sections(year: &YearView, lang: Lang) -> Vec<Section> {
    let mut rows: Vec<Vec<ReportCell>> = year.months.iter().map(|m| month_row(m.month.to_string(), m)).collect();
    for (i, q) in year.quarters.iter().enumerate() {
        rows.push(month_row(lang.f(F::Quarter).replace("{n}", &(i + 1).to_string()), q));
    }
    rows.push(month_row(lang.f(F::YearToDate).to_string(), &year.total));
    let by_month = section(
        format!("{} {}", lang.f(F::YearTitle), year.year),
        heads(
            lang,
            &[
                F::ColMonth,
                F::ColWonCount,
                F::ColWon,
                F::ColSalesTarget,
                F::ColAttainment,
                F::ColReceived,
                F::ColCollectionsTarget,
                F::ColAttainment,
            ],
        ),
        rows,
    );
    let top = section(
        format!("{} {}", lang.f(F::SectionTopAccounts), year.year),
        vec![
            "#".to_string(),
            lang.f(F::ColAccount).to_string(),
            lang.f(F::ColWonCount).to_string(),
            lang.f(F::ColWon).to_string(),
        ],
        year.top_accounts
            .iter()
            .enumerate()
            .map(|(i, a)| vec![int(i as i64 + 1), text(&a.account), int(a.count), money(a.amount_cents)])
            .collect(),
    );
    vec![by_month, top]
}

pub fn year_title(year: &YearView, lang: Lang) -> String {
    format!("{} {}", lang.f(F::YearTitle), year.year)
}

pub fn collections_title(report: &CollectionReport, lang: Lang) -> String {
    format!("{} {}", lang.f(F::CollectionsTitle), lang.f(F::AsOf).replace("{date}", &report.as_of.to_string()))
}

/// An instalment status code in words ("overdue 10 d").
pub fn status_words(code: &str, days: i64, lang: Lang) -> String {
    let status = match code {
        "void" => InstalmentStatus::Void,
        "pending" => InstalmentStatus::Pending,
        "paid" => InstalmentStatus::Paid,
        "overdue" => InstalmentStatus::Overdue(days),
        "partial" => InstalmentStatus::Partial,
        "due_soon" => InstalmentStatus::DueSoon,
        _ => InstalmentStatus::Awaiting,
    };
    crate::labels::instalment_status_label(lang, status)
}

pub fn collection_summary_section(report: &CollectionReport, lang: Lang) -> Section {
    section(
        lang.f(F::SectionSummary),
        heads(lang, &[F::ColWhat, F::ColCount, F::ColAmount]),
        vec![
            tally_row(format!("{} {}", lang.f(F::DueInMonth), report.month), report.due_in_month),
            tally_row(format!("{} {}", lang.f(F::ReceivedInMonth), report.month), report.received_in_month),
            vec![text(lang.f(F::CollectionRate)), text(""), pct(report.collection_rate)],
            vec![text(lang.f(F::ContractAmounts)), int(report.contracts.len() as i64), money(report.amount_cents)],
            vec![text(lang.f(F::ReceivedToDate)), text(""), money(report.received_cents)],
            vec![text(lang.f(F::OutstandingTotal)), text(""), money(report.outstanding_cents)],
            tally_row(lang.f(F::OverdueOnDay).replace("{date}", &report.as_of.to_string()), report.overdue),
        ],
    )
}

/// The columns of an instalment line; the progress table puts the
/// contract, its account and amount before them.
pub const LINE_COLUMNS: [F; 10] = [
    F::ColSeq,
    F::ColLabel,
    F::ColDue,
    F::ColAmount,
    F::ColReceived,
    F::ColOutstanding,
    F::ColStatus,
    F::ColDaysOverdue,
    F::ColLastReceipt,
    F::ColNote,
];

/// An instalment line's cells, in `LINE_COLUMNS` order.
fn line_cells(line: &crate::reports::collections::CollectionItem, lang: Lang) -> Vec<ReportCell> {
    vec![
        int(i64::from(line.seq)),
        text(&line.label),
        ReportCell::Date(line.due_on),
        money(line.amount_cents),
        money(line.received_cents),
        money(line.outstanding_cents),
        text(status_words(&line.status, line.days_overdue, lang)),
        int(line.days_overdue),
        line.last_received_on.map_or(text(""), ReportCell::Date),
        text(&line.note),
    ]
}

fn progress_words(p: Option<f64>) -> String {
    p.map_or("—".to_string(), |p| format!("{p:.1}%"))
}

pub fn progress_section(report: &CollectionReport, lang: Lang) -> Section {
    let mut rows = Vec::new();
    for c in &report.contracts {
        let name = if c.number.is_empty() { c.title.clone() } else { format!("{} {}", c.number, c.title) };
        for line in &c.lines {
            let mut row = vec![text(&name), text(&c.account), money(c.amount_cents)];
            row.extend(line_cells(line, lang));
            rows.push(row);
        }
        rows.push(subtotal(
            lang.f(F::Subtotal).replace("{progress}", &progress_words(c.progress)),
            c.amount_cents,
            c.received_cents,
            c.outstanding_cents,
        ));
    }
    rows.push(subtotal(
        lang.f(F::Totals).replace("{progress}", &progress_words(report.progress)),
        report.amount_cents,
        report.received_cents,
        report.outstanding_cents,
    ));
    let headers = [F::ColContract, F::ColAccount, F::ColContractAmount].iter().chain(&LINE_COLUMNS);
    section(lang.f(F::SectionProgress), headers.map(|m| lang.f(*m).to_string()).collect(), rows)
}

/// The progress a contract at a time, for a screen: each contract's
/// number, title, account and progress in its title, its instalments
/// below; at most `limit` contracts (the rest are in `kam report`).
pub fn progress_by_contract(report: &CollectionReport, lang: Lang, limit: usize) -> Vec<Section> {
    let headers: Vec<String> = LINE_COLUMNS.iter().map(|m| lang.f(*m).to_string()).collect();
    let mut out: Vec<Section> = report
        .contracts
        .iter()
        .take(limit)
        .map(|c| {
            let progress = lang.f(F::Collected).replace("{progress}", &progress_words(c.progress));
            let number = if c.number.is_empty() { String::new() } else { format!("{} ", c.number) };
            let title = format!("{number}{progress} · {} · {} · {}", c.account, c.amount_cents.full(), c.title);
            let rows = c.lines.iter().map(|line| line_cells(line, lang)).collect();
            section(title, headers.clone(), rows)
        })
        .collect();
    if report.contracts.len() > limit {
        let more = lang.f(F::MoreContracts).replace("{n}", &(report.contracts.len() - limit).to_string());
        out.push(section(more, Vec::new(), Vec::new()));
    }
    out
}

fn subtotal(label: String, amount: Money, received: Money, outstanding: Money) -> Vec<ReportCell> {
    vec![
        text(label),
        text(""),
        money(amount),
        text(""),
        text(""),
        text(""),
        text(""),
        money(received),
        money(outstanding),
        text(""),
        text(""),
        text(""),
        text(""),
    ]
}

pub fn aging_section(report: &CollectionReport, lang: Lang) -> Section {
    let mut headers = vec![lang.f(F::ColAccount).to_string()];
    headers.extend(aging_headers(&report.aging_days, lang));
    headers.push(lang.f(F::ColTotal).to_string());
    let mut rows: Vec<Vec<ReportCell>> = report
        .aging
        .iter()
        .map(|a| {
            std::iter::once(text(&a.account))
                .chain(a.buckets_cents.iter().map(|m| money(*m)))
                .chain([money(a.total_cents)])
                .collect()
        })
        .collect();
    rows.push(
        std::iter::once(text(lang.f(F::ColTotal)))
            .chain(report.aging_totals.iter().map(|m| money(*m)))
            .chain([money(report.outstanding_cents)])
            .collect(),
    );
    section(lang.f(F::SectionAging), headers, rows)
}

pub fn collections_sections(report: &CollectionReport, lang: Lang) -> Vec<Section> {
    vec![collection_summary_section(report, lang), progress_section(report, lang), aging_section(report, lang)]
}

pub fn assessment_title(report: &AssessmentReport, lang: Lang) -> String {
    let mut title = format!("{} {}", lang.f(F::AssessmentTitle), report.month);
    if !report.rep.is_empty() {
        title.push_str(&format!(" · {}", report.rep));
    }
    title.push_str(&format!(" · {}", sent_words(&report.submitted, lang)));
    title
}

pub fn method_words(line: &AssessmentLine, lang: Lang) -> &'static str {
    use crate::domain::assessment::MethodKind as M;
    match line.method {
        M::Linear => lang.f(F::MethodLinear),
        M::Stepped => lang.f(F::MethodStepped),
        M::Manual => lang.f(F::MethodManual),
    }
}

/// A target or actual as its source counts it: money, a count or a percent.
pub fn figure(line: &AssessmentLine, value: Option<f64>, cents: Option<Money>) -> ReportCell {
    use crate::domain::assessment::Source as S;
    if let Some(m) = cents {
        return money(m);
    }
    match (value, line.source) {
        (None, _) => text(""),
        (Some(v), S::NewAccounts) => int(v.round() as i64),
        (Some(v), _) => pct(Some(v)),
    }
}

pub const ITEM_COLUMNS: [F; 9] = [
    F::ColItem,
    F::ColTarget,
    F::ColActual,
    F::ColAttainment,
    F::ColMethod,
    F::ColFormula,
    F::ColPoints,
    F::ColWeight,
    F::ColWeighted,
];

pub fn assessment_sections(report: &AssessmentReport, lang: Lang) -> Vec<Section> {
    let mut rows: Vec<Vec<ReportCell>> = report
        .lines
        .iter()
        .map(|l| {
            let name = if lang.is_chinese() && !l.name_zh.is_empty() { &l.name_zh } else { &l.name };
            let actual = match (&l.detail, l.actual) {
                (d, Some(_)) if !d.is_empty() => text(format!("{} ({d})", figure(l, l.actual, None).text())),
                _ => figure(l, l.actual, l.actual_cents),
            };
            vec![
                text(name),
                figure(l, l.target, l.target_cents),
                actual,
                pct(l.attainment),
                text(method_words(l, lang)),
                text(&l.formula),
                ReportCell::Num(l.points),
                int(i64::from(l.weight)),
                ReportCell::Num(l.weighted),
            ]
        })
        .collect();
    let weights: u32 = report.lines.iter().map(|l| l.weight).sum();
    rows.push(vec![
        text(lang.f(F::TotalGrade).replace("{grade}", &report.grade.to_string())),
        text(""),
        text(""),
        text(""),
        text(""),
        text(""),
        text(""),
        int(i64::from(weights)),
        ReportCell::Num(report.total),
    ]);
    let mut out =
        vec![section(lang.f(F::SectionItems), ITEM_COLUMNS.iter().map(|m| lang.f(*m).to_string()).collect(), rows)];
    let manual: Vec<Vec<ReportCell>> = report
        .lines
        .iter()
        .filter_map(|l| {
            let m = l.manual.as_ref()?;
            let name = if lang.is_chinese() && !l.name_zh.is_empty() { &l.name_zh } else { &l.name };
            Some(vec![text(
                lang.f(F::ManualBy)
                    .replace("{item}", name)
                    .replace("{points}", &m.points.to_string())
                    .replace("{who}", &m.set_by)
                    .replace("{reason}", &m.reason),
            )])
        })
        .collect();
    if !manual.is_empty() {
        out.push(section(lang.f(F::MethodManual), Vec::new(), manual));
    }
    out
}

/// "Nothing that day" for an empty section, in the forms' words.
pub fn nothing(lang: Lang) -> &'static str {
    lang.t(Msg::NothingThatDay)
}
