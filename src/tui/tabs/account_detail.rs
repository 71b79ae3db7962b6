//! The Accounts tab's detail pane: everything about the selected account
//! in one scrolling column (contacts, competitors, needs, deals, contracts
//! with the money they still owe, care, activities), each line selectable
//! so `Enter`, `e` and `x` act on it.

use crate::labels::Named;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::domain::{Outcome, Stage};
use crate::i18n::{Lang, Msg, segment_label};
use crate::store::{self, Account, ActivityRow, CompetitorRow, ContactRow, NeedRow, OpportunityRow, Store};
use crate::tui::theme;

/// One selectable line of the detail pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailItem {
    Contact(i64),
    Competitor(i64),
    Need(i64),
    Deal(i64),
    Contract(i64),
    Complaint(i64),
    Activity(i64),
}

/// Everything the detail pane shows of one account.
pub struct AccountDetail {
    pub account: Account,
    pub contacts: Vec<ContactRow>,
    pub competitors: Vec<CompetitorRow>,
    pub needs: Vec<NeedRow>,
    pub opportunities: Vec<OpportunityRow>,
    /// Its contracts, each with the instalment that most needs the rep
    /// today (the oldest still owed), if any.
    pub contracts: Vec<(store::ContractRow, Option<store::InstalmentRow>)>,
    /// Keeping the customer: what says it is at risk, loyalty, complaints
    /// (open ones first), the latest surveys and objections.
    pub risk: crate::domain::care::RiskSignals,
    pub loyalty: crate::domain::care::Loyalty,
    pub complaints: Vec<store::ComplaintRow>,
    pub surveys: Vec<store::SurveyRow>,
    pub objections: Vec<store::ObjectionRow>,
    pub activities: Vec<ActivityRow>,
}

impl AccountDetail {
    pub fn load(store: &Store, id: i64, today: chrono::NaiveDate) -> store::Result<Option<AccountDetail>> {
        let Some(account) = store.account(id)? else { return Ok(None) };
        Ok(Some(AccountDetail {
            account,
            contacts: store.contacts_of(id, 20)?,
            competitors: store.competitors_of(id, 10)?,
            needs: store.needs_of(id, 10)?,
            opportunities: store.opportunities_of(id, 8)?,
            contracts: store
                .contracts_of_account(id, 5)?
                .into_iter()
                .map(|c| store.open_instalments(c.id, today).map(|open| (c, open.into_iter().next())))
                .collect::<store::Result<_>>()?,
            risk: store.risk_signals(id)?,
            loyalty: store.loyalty(id, today)?,
            complaints: store.complaints_of(id, 5)?,
            surveys: store.surveys_of(id, 3)?,
            objections: store.objections_of(id, 5)?,
            activities: store.activities_of(id, 8)?,
        }))
    }

    /// The lines of the pane one can select, in order.
    pub fn items(&self) -> Vec<DetailItem> {
        let contacts = self.contacts.iter().map(|c| DetailItem::Contact(c.id));
        let rivals = self.competitors.iter().map(|c| DetailItem::Competitor(c.id));
        let needs = self.needs.iter().map(|n| DetailItem::Need(n.id));
        let deals = self.opportunities.iter().map(|o| DetailItem::Deal(o.id));
        let contracts = self.contracts.iter().map(|(c, _)| DetailItem::Contract(c.id));
        let complaints = self.complaints.iter().map(|k| DetailItem::Complaint(k.id));
        let activities = self.activities.iter().map(|t| DetailItem::Activity(t.id));
        contacts.chain(rivals).chain(needs).chain(deals).chain(contracts).chain(complaints).chain(activities).collect()
    }
}

pub(super) fn render_detail(
    frame: &mut Frame<'_>,
    area: Rect,
    lang: Lang,
    today: chrono::NaiveDate,
    d: &AccountDetail,
    selected: Option<DetailItem>,
) {
    let a = &d.account.fields;
    let chinese = lang.is_chinese();
    let field = |label: Msg, value: String| {
        Line::from(vec![Span::styled(format!("{}: ", lang.t(label)), theme::label()), Span::raw(value)])
    };
    let mark = |item: DetailItem| if selected == Some(item) { theme::selected() } else { Style::default() };
    let tier = if a.tier_pinned {
        format!("{} ({})", a.tier.code(), lang.t(Msg::TierPinned))
    } else {
        a.tier.code().to_string()
    };
    let mut lines = vec![
        Line::styled(a.name.clone(), theme::title()),
        field(Msg::FieldShortName, a.short_name.clone()),
        field(
            Msg::ColSegment,
            format!(
                "{}   {}: {}   {}: {}",
                segment_label(lang, &a.segment),
                lang.t(Msg::ColTier),
                tier,
                lang.t(Msg::ColStatus),
                lang.t(a.status.label())
            ),
        ),
        field(Msg::FieldRegion, format!("{}  {}", a.region, a.address)),
        field(Msg::FieldCredit, a.credit_rating.clone()),
        field(Msg::FieldAnnualPurchase, a.annual_purchase.full()),
        field(Msg::FieldSources, a.info_sources.clone()),
    ];
    if !a.notes.is_empty() {
        lines.push(field(Msg::FieldNotes, a.notes.clone()));
    }
    // At risk, and why, where the rep looks first.
    let reasons = d.risk.reasons(today);
    if !reasons.is_empty() {
        let why: Vec<String> = reasons.iter().map(|r| crate::labels::risk_reason(lang, *r)).collect();
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", lang.t(Msg::AtRisk)), theme::error()),
            Span::styled(why.join("; "), theme::error()),
        ]));
    }
    if let Some(words) = crate::labels::loyalty_words(lang, &d.loyalty, today) {
        lines.push(field(Msg::Loyalty, words));
    }
    let section = |lines: &mut Vec<Line<'_>>, title: Msg, key: &str, empty: bool| {
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(lang.t(title), theme::header()),
            Span::styled(if key.is_empty() { String::new() } else { format!("  [{key}]") }, theme::muted()),
        ]));
        if empty {
            lines.push(Line::styled(lang.t(Msg::NoneYet), theme::muted()));
        }
    };
    section(&mut lines, Msg::SectionContacts, "c", d.contacts.is_empty());
    for c in &d.contacts {
        let f = &c.fields;
        let mut text = format!("  {}  {}  {}", f.name, f.title, lang.t(f.role.label()));
        for extra in [&f.phone, &f.email, &f.personal_notes] {
            if !extra.is_empty() {
                text.push_str("  ");
                text.push_str(extra);
            }
        }
        lines.push(Line::styled(text, mark(DetailItem::Contact(c.id))));
    }
    section(&mut lines, Msg::SectionCompetitors, "r", d.competitors.is_empty() && !a.no_known_competitor);
    if a.no_known_competitor && d.competitors.is_empty() {
        lines.push(Line::styled(format!("  {}", lang.t(Msg::CompetitorsNoneKnown)), theme::muted()));
    }
    for c in &d.competitors {
        let f = &c.fields;
        let mut text = format!("  {}", f.name);
        for (label, value) in [
            (Msg::FieldOffering, &f.offering),
            (Msg::FieldStrengths, &f.strengths),
            (Msg::FieldWeaknesses, &f.weaknesses),
        ] {
            if !value.is_empty() {
                text.push_str(&format!("  {}: {}", lang.t(label), value));
            }
        }
        lines.push(Line::styled(text, mark(DetailItem::Competitor(c.id))));
    }
    section(&mut lines, Msg::SectionNeeds, "w", d.needs.is_empty());
    for n in &d.needs {
        let f = &n.fields;
        let style = mark(DetailItem::Need(n.id));
        lines.push(Line::styled(format!("  {}", f.stated), style));
        for why in &f.whys {
            lines.push(Line::styled(format!("    {} {}", lang.t(Msg::WhyArrow), why), style));
        }
        if !f.whys.is_empty() {
            lines.push(Line::from(vec![
                Span::styled(format!("    {}: ", lang.t(Msg::RealNeed)), theme::ok()),
                Span::styled(f.real_need().to_string(), style),
            ]));
        }
    }
    section(&mut lines, Msg::SectionOpportunities, "", d.opportunities.is_empty());
    for o in &d.opportunities {
        let stage = if o.stage == Stage::Maintain || o.outcome != Outcome::Open {
            lang.t(o.outcome.label()).to_string()
        } else {
            format!("{}.{}", o.stage.number(), lang.t(o.stage.label()))
        };
        let text = format!("  {}  [{}]  {}", o.title, stage, o.amount.compact(chinese));
        lines.push(Line::styled(text, mark(DetailItem::Deal(o.id))));
    }
    section(&mut lines, Msg::ContractsTitle, "", d.contracts.is_empty());
    for (c, next) in &d.contracts {
        // The contract, what it still owes, and the instalment that most
        // needs the rep now (overdue in red).
        let mut spans = vec![Span::styled(
            format!(
                "  {} {}  [{}]  {}",
                c.contract.number,
                c.contract.title,
                lang.t(crate::labels::contract_status_label(c.contract.status)),
                lang.t(Msg::OwedAmount).replace("{amount}", &c.outstanding().compact(chinese))
            ),
            mark(DetailItem::Contract(c.id)),
        )];
        if let Some(i) = next {
            let style = match i.status {
                crate::domain::contract::InstalmentStatus::Overdue(_) => theme::error(),
                crate::domain::contract::InstalmentStatus::DueSoon => theme::warning(),
                _ => theme::muted(),
            };
            spans.push(Span::styled(
                format!(
                    "  {} {} {}",
                    i.instalment.label,
                    i.instalment.due_on.format("%Y-%m-%d"),
                    crate::labels::instalment_status_label(lang, i.status)
                ),
                style,
            ));
        }
        lines.push(Line::from(spans));
    }
    section(&mut lines, Msg::SectionComplaints, "p", d.complaints.is_empty());
    for k in &d.complaints {
        let c = &k.complaint;
        let late = k.is_late(today);
        let style = if selected == Some(DetailItem::Complaint(k.id)) {
            theme::selected()
        } else if late {
            theme::error()
        } else {
            Style::default()
        };
        let mut text = format!(
            "  {} {}  {}/{}  {}",
            c.received_on.format("%Y-%m-%d"),
            c.number,
            lang.t(crate::labels::severity_label(c.severity)),
            lang.t(crate::labels::complaint_status_label(c.status)),
            c.description
        );
        if late {
            text.push_str(&format!(
                "  {}",
                lang.t(Msg::ComplaintLate).replace("{day}", &c.respond_by.format("%m-%d").to_string())
            ));
        }
        if let (Some(on), None) = (c.return_visit_on, c.return_visit_id) {
            text.push_str(&format!(
                "  {}",
                lang.t(Msg::ReturnVisitDue).replace("{day}", &on.format("%m-%d").to_string())
            ));
        }
        lines.push(Line::styled(text, style));
    }
    section(&mut lines, Msg::SectionSurveys, "v", d.surveys.is_empty());
    for s in &d.surveys {
        let v = &s.survey;
        let mut text = format!("  {}  {}/5", v.surveyed_on.format("%Y-%m-%d"), v.overall);
        if let Some(nps) = v.nps {
            text.push_str(&format!("  NPS {nps}"));
        }
        if !v.feedback.is_empty() {
            text.push_str(&format!("  {}", v.feedback));
        }
        let style = if v.overall <= 2 { theme::error() } else { Style::default() };
        lines.push(Line::styled(text, style));
    }
    section(&mut lines, Msg::SectionObjections, "b", d.objections.is_empty());
    for o in &d.objections {
        let f = &o.objection;
        let mark = if f.resolved { "[x]" } else { "[ ]" };
        let mut text = format!("  {mark} {}", f.objection);
        if !f.answer.is_empty() {
            text.push_str(&format!(" → {}", f.answer));
        }
        lines.push(Line::raw(text));
    }
    section(&mut lines, Msg::SectionActivities, "a", d.activities.is_empty());
    for t in &d.activities {
        let f = &t.fields;
        let mut text = format!("  {}", f.occurred_on.format("%Y-%m-%d"));
        if let Some(time) = f.occurred_time {
            text.push_str(&time.format(" %H:%M").to_string());
        }
        text.push_str(&format!("  {}", lang.t(f.channel.label())));
        if !t.contact_names.is_empty() {
            text.push_str(&format!("  {}", t.contact_names.join("、")));
        }
        text.push_str(&format!("  {}", f.purpose));
        if !f.result.is_empty() {
            text.push_str(&format!(" → {}", f.result));
        }
        if let (Some(next_on), false) = (f.next_on, f.next_step.is_empty()) {
            text.push_str(&format!("  {}: {} {}", lang.t(Msg::FieldNextStep), f.next_step, next_on.format("%m-%d")));
        }
        lines.push(Line::styled(text, mark(DetailItem::Activity(t.id))));
    }
    // Keep the selected line in view: scroll so it sits in the lower half.
    let selected_line = lines.iter().position(|l| l.style == theme::selected()).unwrap_or(0) as u16;
    let visible = area.height.saturating_sub(2);
    let scroll = selected_line.saturating_sub(visible / 2);
    let title = format!(" {} ", lang.t(Msg::DetailTitle));
    let border = if selected.is_some() { theme::title() } else { Style::default() };
    let pane = Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((scroll, 0)).block(
        Block::default().borders(Borders::ALL).border_style(border).title(Line::from(title).style(theme::title())),
    );
    frame.render_widget(pane, area);
}
