//! What the board's keys do: moving a card (forced past an unmet
//! checklist, with a warning), opening a deal, its outcome, its forms.

use crate::labels::Named;
use crossterm::event::{KeyCode, KeyEvent};

use super::pipeline::ColumnSource;
use crate::domain::Stage;
use crate::i18n::Msg;
use crate::ops::{self, MoveRefused};
use crate::store::{self, BoardKey};
use crate::tui::app::{App, Status};
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::popups::Say;
use crate::tui::popups::confirm::ConfirmPopup;
use crate::tui::popups::deal_form;
use crate::tui::popups::deal_view::DealView;
use crate::tui::tabs::Tab;

impl App {
    fn status_warn(&mut self, text: String) {
        self.status = Some(Status { text, is_error: true });
    }

    fn selected_deal(&self) -> Option<i64> {
        if self.tab == Tab::Pipeline { self.pipeline.selected_card().map(|c| c.id) } else { None }
    }

    /// `<` / `>`: moves the selected card one stage and follows it. Forward
    /// past unmet checklist items is allowed, warned and kept as forced.
    pub(crate) fn move_card(&mut self, forward: bool) -> store::Result<()> {
        let Some(card) = self.pipeline.selected_card().cloned() else { return Ok(()) };
        let moved = match ops::move_deal(&mut self.store, card.id, forward, self.today)? {
            Ok(moved) => moved,
            Err(refused) => {
                let msg = match refused {
                    MoveRefused::NotOpen => Msg::OnlyOpenDealsMove,
                    MoveRefused::CloseNeedsOutcome => Msg::CloseNeedsOutcome,
                    MoveRefused::NoFurtherStage => Msg::NoFurtherStage,
                };
                self.status_warn(self.lang.t(msg).to_string());
                return Ok(());
            }
        };
        let target = moved.to;
        let say = self.word_move(&moved);
        self.status = Some(Status { text: say.text, is_error: say.is_error });
        // Only the two columns, their heads and the forecast change: reload
        // just those (a keystroke at scale L stays within a few ms).
        self.mark_others_stale();
        self.pipeline.totals = self.store.board_totals_where(&self.pipeline.filter)?;
        self.pipeline.forecast = self.store.forecast(self.today)?;
        let from = &mut self.pipeline.columns[usize::from(card.stage.number() - 1)];
        from.reload(&ColumnSource { store: &self.store, stage: card.stage, filter: &self.pipeline.filter })?;
        self.pipeline.column = usize::from(target.number() - 1);
        let key = BoardKey { amount: card.amount, id: card.id };
        let source = ColumnSource { store: &self.store, stage: target, filter: &self.pipeline.filter };
        self.pipeline.columns[self.pipeline.column].focus_on(key, &source)
    }

    /// A move in words: where the deal went, and what was missing when it
    /// was forced.
    pub(crate) fn word_move(&self, moved: &ops::Moved) -> Say {
        let title = &moved.title;
        let stage = self.lang.t(moved.to.label());
        if moved.unmet.is_empty() {
            return Say::ok(self.lang.t(Msg::CardMoved).replace("{title}", title).replace("{stage}", stage));
        }
        let items: Vec<&str> = moved
            .unmet
            .iter()
            .filter_map(|code| crate::labels::checklist_label(code))
            .map(|m| self.lang.t(m))
            .collect();
        Say::warn(
            self.lang
                .t(Msg::MovedForced)
                .replace("{title}", title)
                .replace("{stage}", stage)
                .replace("{unmet}", &items.join("; ")),
        )
    }

    /// Reloads the board (and the rest when shown), keeping the selection
    /// on `follow` (a deal and the stage it is now in) when given.
    pub(crate) fn after_deal_change(&mut self, follow: Option<(i64, Stage)>) -> store::Result<()> {
        self.mark_stale();
        self.ensure_loaded()?;
        if let Some((id, stage)) = follow {
            if let Some(deal) = self.store.opportunity(id)? {
                let column = usize::from(stage.number() - 1);
                self.pipeline.column = column;
                let key = BoardKey { amount: deal.amount, id };
                let source = ColumnSource { store: &self.store, stage, filter: &self.pipeline.filter };
                self.pipeline.columns[column].focus_on(key, &source)?;
            }
        }
        Ok(())
    }

    /// Enter: the deal with its checklist, history, quotes and rounds.
    pub(crate) fn open_deal(&mut self) -> store::Result<()> {
        let Some(id) = self.selected_deal() else { return Ok(()) };
        if let Some(view) = DealView::load(&self.store, id, self.today)? {
            self.open(Box::new(view));
        }
        Ok(())
    }

    /// `o`: won, lost (with the reason and who won) or reopen.
    pub(crate) fn open_outcome(&mut self, id: Option<i64>) -> store::Result<()> {
        let Some(id) = id.or_else(|| self.selected_deal()) else { return Ok(()) };
        let Some(deal) = self.store.opportunity(id)? else { return Ok(()) };
        let editor = deal_form::outcome(self.lang, &self.config, id, deal.outcome);
        self.open(Box::new(editor));
        Ok(())
    }

    /// `p` / `m`: a quote or a negotiation round for the deal.
    pub(crate) fn open_deal_record(&mut self, what: Action, id: Option<i64>) {
        let Some(id) = id.or_else(|| self.selected_deal()) else { return };
        let editor = match what {
            Action::Quote => deal_form::quote(self.lang, id, self.today),
            _ => deal_form::negotiation(self.lang, id, self.today),
        };
        self.open(Box::new(editor));
    }

    /// `n` on the board: a new deal in the selected column (1 to 5).
    pub(crate) fn new_deal_on_board(&mut self) {
        let stage = self.pipeline.stage().min(Stage::Close);
        self.open(Box::new(deal_form::new_deal(self.lang, stage, None)));
    }

    /// `o` on an account: a new deal for it, starting at Research.
    pub(crate) fn new_deal_for_account(&mut self) -> store::Result<()> {
        if self.tab != Tab::Accounts {
            return Ok(());
        }
        let Some(row) = self.accounts.list.selected().cloned() else { return Ok(()) };
        let editor = deal_form::new_deal(self.lang, Stage::Research, Some((row.id, &row.name)));
        self.open(Box::new(editor));
        Ok(())
    }

    pub(crate) fn edit_deal(&mut self, id: Option<i64>) -> store::Result<()> {
        let Some(id) = id.or_else(|| self.selected_deal()) else { return Ok(()) };
        if let Some(editor) = deal_form::edit_deal(self.lang, &self.store, id)? {
            self.open(Box::new(editor));
        }
        Ok(())
    }

    pub(crate) fn ask_delete_deal(&mut self) {
        let Some(card) = self.pipeline.selected_card() else { return };
        let question = self.lang.t(Msg::ConfirmDelete).replace("{name}", &card.title);
        let after = Some(self.lang.t(Msg::Deleted).replace("{name}", &card.title));
        self.open(Box::new(ConfirmPopup { question, then: Command::DeleteDeal(card.id), after }));
    }

    pub(crate) fn board_filter_typing(&self) -> bool {
        self.tab == Tab::Pipeline && self.pipeline.text.as_ref().is_some_and(|t| t.typing)
    }

    /// `/` on the board: narrow it to the deals of matching accounts.
    pub(crate) fn start_board_filter(&mut self) {
        let text = self.pipeline.text.get_or_insert_with(Default::default);
        text.typing = true;
    }

    pub(crate) fn on_board_filter_key(&mut self, key: &KeyEvent) -> store::Result<()> {
        match key.code {
            KeyCode::Esc => {
                self.pipeline.text = None;
                self.pipeline.filter.accounts = None;
            }
            KeyCode::Enter => {
                if let Some(text) = &mut self.pipeline.text {
                    text.typing = false;
                    if text.input.is_empty() {
                        self.pipeline.text = None;
                    }
                }
            }
            _ => {
                if let Some(text) = &mut self.pipeline.text {
                    text.input.on_key(key);
                }
            }
        }
        self.refresh_board()
    }

    /// `f` / `t`: the next segment, or the next tier, to show (then all).
    pub(crate) fn cycle_board_filter(&mut self, what: Action) -> store::Result<()> {
        if what == Action::SegmentFilter {
            let segments = &self.config.accounts.segments;
            let at = self.pipeline.filter.segment.as_ref().and_then(|s| segments.iter().position(|x| x == s));
            self.pipeline.filter.segment = match at {
                None => segments.first().cloned(),
                Some(i) => segments.get(i + 1).cloned(),
            };
        } else {
            use crate::domain::Tier;
            self.pipeline.filter.tier = match self.pipeline.filter.tier {
                None => Some(Tier::A),
                Some(Tier::A) => Some(Tier::B),
                Some(Tier::B) => Some(Tier::C),
                Some(Tier::C) => None,
            };
        }
        self.refresh_board()
    }

    /// Esc on the board: every filter off.
    pub(crate) fn clear_board_filters(&mut self) -> store::Result<()> {
        self.pipeline.text = None;
        self.pipeline.filter = Default::default();
        self.refresh_board()
    }

    fn refresh_board(&mut self) -> store::Result<()> {
        for column in &mut self.pipeline.columns {
            *column = Default::default();
        }
        self.mark_stale();
        self.ensure_loaded()
    }
}
