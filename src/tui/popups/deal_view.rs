//! One deal opened from the board: its numbers, the checklist of its stage,
//! its history as a timeline, its quotes and negotiation rounds.

use crate::labels::Named;
use chrono::{FixedOffset, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::domain::checklist::{DealFacts, checklist};
use crate::domain::{ContractStatus, Outcome, Stage};
use crate::i18n::{Lang, Msg, lost_reason_label};
use crate::store::{
    self, ContractRow, InstalmentRow, NegotiationRow, OpportunityRow, QuoteRow, StageMove, Store, StoreError,
};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::{Action, Context, action_for};
use crate::tui::popups::contract_form::{ContractFor, ContractForm, VoidContractForm};
use crate::tui::popups::deal_form::{self, DealEditor};
use crate::tui::popups::help::HelpPopup;
use crate::tui::popups::receipt_form::ReceiptForm;
use crate::tui::popups::{Cx, Effect, Popup, Say, View};
use crate::tui::theme;
use crate::tui::widgets::popup::{centered, clear};
use crossterm::event::KeyEvent;
use ratatui::layout::Position;

pub struct DealView {
    pub deal: OpportunityRow,
    pub account_name: String,
    pub facts: DealFacts,
    pub history: Vec<StageMove>,
    pub quotes: Vec<QuoteRow>,
    pub negotiations: Vec<NegotiationRow>,
    pub lost_to: String,
    /// Its contracts, each with its instalments as they stand today.
    pub contracts: Vec<(ContractRow, Vec<InstalmentRow>)>,
    pub scroll: u16,
}

impl DealView {
    pub fn load(store: &Store, id: i64, today: NaiveDate) -> store::Result<Option<DealView>> {
        let Some(deal) = store.opportunity(id)? else { return Ok(None) };
        let account_name = store.account(deal.account_id)?.map(|a| a.fields.name).unwrap_or_default();
        Ok(Some(DealView {
            facts: store.deal_facts(id, today)?,
            history: store.recent_stage_history(id, 30)?,
            quotes: store.quotes_of(id, 10)?,
            negotiations: store.negotiations_of(id, 10)?,
            lost_to: store.lost_to(id)?,
            contracts: store
                .contracts_of_deal(id)?
                .into_iter()
                .map(|c| store.instalments_of(c.id, today).map(|plan| (c, plan)))
                .collect::<store::Result<_>>()?,
            deal,
            account_name,
            scroll: 0,
        }))
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, lang: Lang, offset: FixedOffset) {
        let d = &self.deal;
        let chinese = lang.is_chinese();
        let label = |m: Msg| Span::styled(format!("{}: ", lang.t(m)), theme::label());
        let state = match d.outcome {
            Outcome::Open => format!("{}.{}", d.stage.number(), lang.t(d.stage.label())),
            other => lang.t(other.label()).to_string(),
        };
        let mut lines = vec![
            Line::styled(format!("{}  /  {}", d.title, self.account_name), theme::title()),
            Line::from(vec![
                label(Msg::DealStage),
                Span::raw(state),
                Span::raw("   "),
                label(Msg::DealAmount),
                Span::raw(d.amount.full()),
                Span::raw("   "),
                label(Msg::DealProbability),
                Span::raw(format!("{}%", d.probability)),
                Span::raw("   "),
                label(Msg::DealExpectedClose),
                Span::raw(d.expected_close_on.map(|c| c.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "-".into())),
            ]),
        ];
        if d.outcome == Outcome::Lost {
            lines.push(Line::from(vec![
                label(Msg::DealLostReason),
                Span::raw(lost_reason_label(lang, &d.lost_reason).to_string()),
                Span::raw("   "),
                label(Msg::DealLostTo),
                Span::raw(self.lost_to.clone()),
            ]));
        }
        lines.push(Line::raw(""));
        let stage = if d.outcome == Outcome::Open { d.stage } else { Stage::Close.max(d.stage) };
        lines
            .push(Line::styled(lang.t(Msg::ChecklistTitle).replace("{stage}", lang.t(stage.label())), theme::header()));
        for item in checklist(stage, &self.facts) {
            let (mark, style) = if item.met { ("[x]", theme::ok()) } else { ("[ ]", theme::warning()) };
            lines.push(Line::from(vec![Span::styled(format!("  {mark} "), style), Span::raw(lang.t(item.label()))]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(lang.t(Msg::TimelineTitle), theme::header()));
        for m in &self.history {
            let when = m.moved_at.with_timezone(&offset).format("%Y-%m-%d %H:%M").to_string();
            let what = match (m.outcome.as_deref(), m.from) {
                (Some("won"), _) => lang.t(Msg::OutcomeWon).to_string(),
                (Some("lost"), _) => lang.t(Msg::OutcomeLost).to_string(),
                (Some(_), _) => format!("{} -> {}", lang.t(Msg::Reopened), lang.t(m.to.label())),
                (None, None) => format!("{} {}", lang.t(Msg::Created), lang.t(m.to.label())),
                (None, Some(from)) => format!("{} -> {}", lang.t(from.label()), lang.t(m.to.label())),
            };
            let mut spans = vec![Span::styled(format!("  {when}  "), theme::muted()), Span::raw(what)];
            if !m.unmet.is_empty() {
                spans.push(Span::styled(format!("  {}", lang.t(Msg::ForcedMove)), theme::warning()));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(lang.t(Msg::QuotesTitle), theme::header()),
            Span::styled("  [p]", theme::muted()),
        ]));
        if self.quotes.is_empty() {
            lines.push(Line::styled(lang.t(Msg::NoneYet), theme::muted()));
        }
        for q in &self.quotes {
            let mut spans = vec![Span::raw(format!(
                "  {}  {}  {}",
                q.quoted_on.format("%Y-%m-%d"),
                q.amount.compact(chinese),
                q.note
            ))];
            if !q.warning.is_empty() {
                spans.push(Span::styled(format!("  {}", lang.t(Msg::EarlyQuoteTag)), theme::warning()));
            }
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled(lang.t(Msg::NegotiationsTitle), theme::header()),
            Span::styled("  [m]", theme::muted()),
        ]));
        if self.negotiations.is_empty() {
            lines.push(Line::styled(lang.t(Msg::NoneYet), theme::muted()));
        }
        for n in &self.negotiations {
            let f = &n.fields;
            let people: Vec<String> = f
                .attendees
                .iter()
                .map(|a| format!("{} ({})", a.name, lang.t(crate::tui::popups::deal_form::role_label(&a.role))))
                .collect();
            lines.push(Line::raw(format!("  {}  {}", f.held_on.format("%Y-%m-%d"), people.join(", "))));
            if !f.agreed.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("    {}: ", lang.t(Msg::FieldAgreed)), theme::ok()),
                    Span::raw(f.agreed.clone()),
                ]));
            }
            if !f.open_points.is_empty() {
                lines.push(Line::from(vec![
                    Span::styled(format!("    {}: ", lang.t(Msg::FieldOpenPoints)), theme::warning()),
                    Span::raw(f.open_points.clone()),
                ]));
            }
        }
        lines.push(Line::raw(""));
        self.contract_lines(&mut lines, lang);
        lines.push(Line::raw(""));
        lines.push(Line::styled(lang.t(Msg::DealKeys), theme::muted()));
        let popup = centered(area, 100, area.height.saturating_sub(2));
        clear(popup, buf);
        let title = format!(" {} ", lang.t(Msg::DealTitle));
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0))
            .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())))
            .render(popup, buf);
    }
}

impl DealView {
    /// The deal's contracts and their plans: each instalment with what came
    /// in and where it stands today (overdue in red, due soon in yellow).
    fn contract_lines(&self, lines: &mut Vec<Line<'static>>, lang: Lang) {
        use crate::domain::contract::InstalmentStatus as S;
        lines.push(Line::from(vec![
            Span::styled(lang.t(Msg::ContractsTitle), theme::header()),
            Span::styled("  [c] [r]", theme::muted()),
        ]));
        if self.contracts.is_empty() {
            let style = if self.deal.outcome == Outcome::Won { theme::warning() } else { theme::muted() };
            lines.push(Line::styled(format!("  {}", lang.t(Msg::NoContractYet)), style));
        }
        for (c, plan) in &self.contracts {
            let text = lang
                .t(Msg::ContractLine)
                .replace("{number}", &c.contract.number)
                .replace("{title}", &c.contract.title)
                .replace("{status}", lang.t(crate::labels::contract_status_label(c.contract.status)))
                .replace("{amount}", &c.contract.amount.full())
                .replace("{received}", &c.received.full())
                .replace("{outstanding}", &c.outstanding().full());
            lines.push(Line::raw(format!("  {}", text.trim())));
            for i in plan {
                let style = match i.status {
                    S::Overdue(_) => theme::error(),
                    S::DueSoon | S::Partial => theme::warning(),
                    S::Paid => theme::ok(),
                    _ => theme::muted(),
                };
                // Labels padded by display width: 预付款 takes six cells.
                let label = crate::tui::fit::fit(&i.instalment.label, 14);
                let pad = " ".repeat(14usize.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str())));
                lines.push(Line::from(vec![
                    Span::raw(format!(
                        "    {} {label}{pad} {}  {:>14}  {:>14}  ",
                        i.instalment.seq,
                        i.instalment.due_on.format("%Y-%m-%d"),
                        i.instalment.amount.full(),
                        i.received.full()
                    )),
                    Span::styled(crate::labels::instalment_status_label(lang, i.status), style),
                ]));
            }
        }
    }

    fn reload(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        if let Some(mut fresh) = DealView::load(store, self.deal.id, today)? {
            fresh.scroll = self.scroll;
            *self = fresh;
        }
        Ok(())
    }
}

impl Popup for DealView {
    fn context(&self) -> Context {
        Context::DealView
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let id = self.deal.id;
        let lang = cx.lang;
        let open = |editor: Option<DealEditor>| match editor {
            Some(editor) => Effect::Open(Box::new(editor)),
            None => Effect::Stay,
        };
        match action_for(Context::DealView, key) {
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::Close) => return Effect::Close,
            Some(Action::Quit) => return Effect::Quit,
            Some(Action::Help) => {
                return Effect::Open(Box::new(HelpPopup {
                    of: Context::DealView,
                    stage: Some(self.deal.stage),
                    scroll: 0,
                    backup: None,
                }));
            }
            Some(Action::Outcome) => {
                return match deal_form::outcome(lang, cx.config, cx.store, id) {
                    Ok(editor) => open(editor),
                    Err(e) => Effect::Say(Say::warn(crate::labels::store_error(lang, &e))),
                };
            }
            Some(Action::Edit) => {
                return match deal_form::edit_deal(lang, cx.store, id) {
                    Ok(editor) => open(editor),
                    Err(e) => Effect::Say(Say::warn(crate::labels::store_error(lang, &e))),
                };
            }
            Some(Action::Quote) => return open(Some(deal_form::quote(lang, id, cx.today))),
            Some(Action::Negotiation) => return open(Some(deal_form::negotiation(lang, id, cx.today))),
            Some(Action::Contract) => {
                let purpose = ContractFor::Add { deal: Some(id), account: self.deal.account_id };
                let form = ContractForm::new(lang, purpose, &self.deal.title, self.deal.amount, cx.today);
                return Effect::Open(Box::new(form));
            }
            Some(Action::VoidContract) => {
                let live = self.contracts.iter().rev().find(|(c, _)| c.contract.status != ContractStatus::Void);
                return match live {
                    Some((c, _)) => Effect::Open(Box::new(VoidContractForm::new(lang, c.id, &c.contract.title))),
                    None => Effect::Say(Say::warn(lang.t(Msg::NoContractYet))),
                };
            }
            Some(Action::ReviseContract) => {
                let live = self.contracts.iter().rev().find(|(c, _)| c.contract.status != ContractStatus::Void);
                return match live {
                    Some((c, plan)) => Effect::Open(Box::new(ContractForm::revise(lang, c, plan, cx.today))),
                    None => Effect::Say(Say::warn(lang.t(Msg::NoContractYet))),
                };
            }
            Some(Action::SignContract) => {
                let draft = self.contracts.iter().rev().find(|(c, _)| c.contract.status == ContractStatus::Draft);
                return match draft {
                    Some((contract, _)) => Effect::Run(Command::SignContract(contract.id)),
                    None => Effect::Say(Say::warn(lang.t(Msg::NoDraftContract))),
                };
            }
            Some(Action::Receipt) => {
                // The newest contract still in force takes the money.
                let live = self.contracts.iter().rev().find(|(c, _)| c.contract.status != ContractStatus::Void);
                return match live {
                    Some((contract, plan)) => Effect::Open(Box::new(ReceiptForm::new(lang, contract, plan, cx.today))),
                    None => Effect::Say(Say::warn(lang.t(Msg::NoContractYet))),
                };
            }
            Some(Action::StageForward) => return Effect::Run(Command::MoveDeal { id, forward: true }),
            Some(Action::StageBack) => return Effect::Run(Command::MoveDeal { id, forward: false }),
            _ => {}
        }
        Effect::Stay
    }

    /// A move from the view: the app words it; the view stays, fresh.
    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result.and_then(|done| self.reload(cx.store, cx.today).map(|()| done)) {
            // A guard said no (a plan that does not add up): why, with the figures.
            Ok(Done::PaymentRefused(refused)) => {
                Effect::Say(Say::warn(crate::tui::popups::contract_form::refused_words(cx.lang, refused)))
            }
            // Only a signing answers with a saved record here.
            Ok(Done::Saved(_)) => Effect::All(vec![
                Effect::Say(Say::ok(cx.lang.t(Msg::ContractNowSigned))),
                Effect::FollowDeal(self.deal.id),
            ]),
            Ok(_) => Effect::FollowDeal(self.deal.id),
            Err(e) => Effect::Say(Say::warn(crate::labels::store_error(cx.lang, &e))),
        }
    }

    fn refresh(&mut self, cx: &Cx<'_>) {
        let _ = self.reload(cx.store, cx.today);
    }

    fn render(&self, area: Rect, buf: &mut Buffer, view: &View) -> Option<Position> {
        DealView::render(self, area, buf, view.lang, view.utc_offset);
        None
    }
}
