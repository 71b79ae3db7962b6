//! What the board's keys do: moving a card (forced past an unmet
//! checklist, with a warning), opening a deal, its outcome and forms, the
//! filters. Each answers with an `Effect`; a move is a command the app
//! runs, and `moved` reloads just the two columns it touched.

use crossterm::event::{KeyCode, KeyEvent};

use super::pipeline::{ColumnSource, PipelineTab};
use super::{TabCx, TabView};
use crate::domain::{Stage, Tier};
use crate::i18n::{Lang, Msg};
use crate::labels::Named;
use crate::ops::{MoveRefused, Moved};
use crate::store::{self, BoardKey};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Action;
use crate::tui::popups::confirm::ConfirmPopup;
use crate::tui::popups::deal_view::DealView;
use crate::tui::popups::{Effect, Say, deal_form};

impl PipelineTab {
    /// Keys go to the account filter while it is typed.
    pub fn filter_typing(&self) -> bool {
        self.text.as_ref().is_some_and(|t| t.typing)
    }

    pub(super) fn on_filter_key(&mut self, key: &KeyEvent, cx: &TabCx<'_>) -> store::Result<()> {
        match key.code {
            KeyCode::Esc => {
                self.text = None;
                self.filter.accounts = None;
            }
            KeyCode::Enter => {
                if let Some(text) = &mut self.text {
                    text.typing = false;
                    if text.input.is_empty() {
                        self.text = None;
                    }
                }
            }
            _ => {
                if let Some(text) = &mut self.text {
                    text.edit(key);
                }
            }
        }
        self.refresh(cx)
    }

    /// What the board's own keys do.
    pub(super) fn act(&mut self, action: Action, cx: &TabCx<'_>) -> store::Result<Effect> {
        let selected = self.selected_card().map(|c| (c.id, c.outcome, c.title.clone()));
        let (lang, today) = (cx.lang, cx.today);
        let open = |popup: Box<dyn crate::tui::popups::Popup>| Ok(Effect::Open(popup));
        match (action, selected) {
            (Action::Left, _) => self.column = self.column.saturating_sub(1),
            (Action::Right, _) => self.column = (self.column + 1).min(5),
            (Action::StageForward | Action::StageBack, Some((id, ..))) => {
                return Ok(Effect::Run(Command::MoveDeal { id, forward: action == Action::StageForward }));
            }
            (Action::Open, Some((id, ..))) => {
                if let Some(view) = DealView::load(cx.store, id, today)? {
                    return open(Box::new(view));
                }
            }
            (Action::Outcome, Some((id, ..))) => {
                if let Some(editor) = deal_form::outcome(lang, cx.config, cx.store, id)? {
                    return open(Box::new(editor));
                }
            }
            (Action::Quote, Some((id, ..))) => return open(Box::new(deal_form::quote(lang, id, today))),
            (Action::Negotiation, Some((id, ..))) => return open(Box::new(deal_form::negotiation(lang, id, today))),
            (Action::Edit, Some((id, ..))) => {
                if let Some(editor) = deal_form::edit_deal(lang, cx.store, id)? {
                    return open(Box::new(editor));
                }
            }
            (Action::Delete, Some((id, _, title))) => {
                let question = lang.t(Msg::ConfirmDelete).replace("{name}", &title);
                let after = Some(lang.t(Msg::Deleted).replace("{name}", &title));
                return open(Box::new(ConfirmPopup { question, then: Command::DeleteDeal(id), after }));
            }
            // A new deal in the selected column (Research to Close).
            (Action::New, _) => {
                return open(Box::new(deal_form::new_deal(lang, self.stage().min(Stage::Close), None)));
            }
            // `/`: narrow the board to the deals of matching accounts.
            (Action::Filter, _) => self.text.get_or_insert_with(Default::default).start_typing(),
            // Esc: every filter off.
            (Action::Back, _) => {
                self.text = None;
                self.filter = Default::default();
                self.refresh(cx)?;
            }
            (Action::SegmentFilter, _) => {
                let segments = &cx.config.accounts.segments;
                let at = self.filter.segment.as_ref().and_then(|s| segments.iter().position(|x| x == s));
                self.filter.segment = match at {
                    None => segments.first().cloned(),
                    Some(i) => segments.get(i + 1).cloned(),
                };
                self.refresh(cx)?;
            }
            (Action::TierFilter, _) => {
                self.filter.tier = match self.filter.tier {
                    None => Some(Tier::A),
                    Some(Tier::A) => Some(Tier::B),
                    Some(Tier::B) => Some(Tier::C),
                    Some(Tier::C) => None,
                };
                self.refresh(cx)?;
            }
            _ => {}
        }
        Ok(Effect::Stay)
    }

    /// The board again from the top of each column (the filters changed);
    /// the focus goes to the first column with a match when its own has
    /// none.
    fn refresh(&mut self, cx: &TabCx<'_>) -> store::Result<()> {
        for column in &mut self.columns {
            *column = Default::default();
        }
        self.load(cx)?;
        if self.columns[self.column].rows().is_empty()
            && let Some(first) = self.columns.iter().position(|c| !c.rows().is_empty())
        {
            self.column = first;
        }
        Ok(())
    }

    /// After a move: only the two columns, their heads and the forecast
    /// changed, so only those reload (a keystroke at scale L stays well
    /// under a millisecond), and the selection follows the card.
    pub(super) fn moved(&mut self, moved: &Moved, cx: &TabCx<'_>) -> store::Result<()> {
        self.totals = cx.store.board_totals_less(&self.filter, self.archived)?;
        self.forecast = cx.store.forecast_where(cx.today, &self.filter)?;
        let from = &mut self.columns[usize::from(moved.from.number() - 1)];
        from.reload(&ColumnSource { store: cx.store, stage: moved.from, filter: &self.filter })?;
        self.follow(moved.id, moved.to, cx)
    }

    /// Selects a deal in the column of `stage`.
    pub fn follow(&mut self, id: i64, stage: Stage, cx: &TabCx<'_>) -> store::Result<()> {
        let Some(deal) = cx.store.opportunity(id)? else { return Ok(()) };
        self.column = usize::from(stage.number() - 1);
        let key = BoardKey { amount: deal.amount, id };
        let source = ColumnSource { store: cx.store, stage, filter: &self.filter };
        self.columns[self.column].focus_on(key, &source)
    }

    /// How a move the board asked for went.
    pub(super) fn after(&mut self, result: &store::Result<Done>, cx: &TabCx<'_>) -> store::Result<Effect> {
        Ok(match result {
            Ok(Done::Moved(moved)) => {
                self.moved(moved, cx)?;
                Effect::Say(word_move(cx.lang, moved))
            }
            Ok(Done::MoveRefused(refused)) => Effect::Say(Say::warn(cx.lang.t(refused_msg(*refused)))),
            Ok(_) => {
                self.load(cx)?;
                Effect::Stay
            }
            Err(e) => Effect::Say(Say::warn(crate::labels::store_error(cx.lang, e))),
        })
    }
}

/// A move in words: where the deal went, and what was missing when it was
/// forced.
pub fn word_move(lang: Lang, moved: &Moved) -> Say {
    let title = &moved.title;
    let stage = lang.t(moved.to.label());
    if moved.unmet.is_empty() {
        return Say::ok(lang.t(Msg::CardMoved).replace("{title}", title).replace("{stage}", stage));
    }
    let items: Vec<&str> =
        moved.unmet.iter().filter_map(|code| crate::labels::checklist_label(code)).map(|m| lang.t(m)).collect();
    Say::warn(
        lang.t(Msg::MovedForced)
            .replace("{title}", title)
            .replace("{stage}", stage)
            .replace("{unmet}", &items.join("; ")),
    )
}

/// Why a move was not made, in words.
pub fn refused_msg(refused: MoveRefused) -> Msg {
    match refused {
        MoveRefused::NotOpen => Msg::OnlyOpenDealsMove,
        MoveRefused::CloseNeedsOutcome => Msg::CloseNeedsOutcome,
        MoveRefused::NoFurtherStage => Msg::NoFurtherStage,
    }
}
