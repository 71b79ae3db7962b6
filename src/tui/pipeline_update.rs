//! What the board's keys do: moving a card (forced past an unmet
//! checklist, with a warning), opening a deal, its outcome, its forms.

use crate::labels::Named;
use crossterm::event::{KeyCode, KeyEvent};

use super::app::{AfterYes, App, Confirm, Deletion, Overlay, Status, Tab};
use super::deal::DealView;
use super::deal_forms::{self, DealEditor, DealPurpose};
use super::keymap::Action;
use super::pipeline::ColumnSource;
use super::widgets::record_form::FormEvent;
use crate::domain::Stage;
use crate::i18n::Msg;
use crate::ops::{self, MoveRefused};
use crate::store::{self, BoardKey};

impl App {
    fn status_ok(&mut self, text: String) {
        self.status = Some(Status { text, is_error: false });
    }

    fn status_warn(&mut self, text: String) {
        self.status = Some(Status { text, is_error: true });
    }

    fn selected_deal(&self) -> Option<i64> {
        match (&self.overlay, self.tab) {
            (Some(Overlay::Deal(view)), _) => Some(view.deal.id),
            (_, Tab::Pipeline) => self.pipeline.selected_card().map(|c| c.id),
            _ => None,
        }
    }

    /// `<` / `>`: moves the selected card one stage and follows it. Forward
    /// past unmet checklist items is allowed, warned and kept as forced.
    pub(super) fn move_card(&mut self, forward: bool) -> store::Result<()> {
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
        if moved.unmet.is_empty() {
            let text = self
                .lang
                .t(Msg::CardMoved)
                .replace("{title}", &card.title)
                .replace("{stage}", self.lang.t(target.label()));
            self.status_ok(text);
        } else {
            let items: Vec<&str> = moved
                .unmet
                .iter()
                .filter_map(|code| crate::labels::checklist_label(code))
                .map(|m| self.lang.t(m))
                .collect();
            let text = self
                .lang
                .t(Msg::MovedForced)
                .replace("{title}", &card.title)
                .replace("{stage}", self.lang.t(target.label()))
                .replace("{unmet}", &items.join("; "));
            self.status_warn(text);
        }
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

    /// Reloads the board (and the rest when shown), keeping the selection
    /// on `follow` (a deal and the stage it is now in) when given.
    fn after_deal_change(&mut self, follow: Option<(i64, Stage)>) -> store::Result<()> {
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
    pub(super) fn open_deal(&mut self) -> store::Result<()> {
        let Some(id) = self.selected_deal() else { return Ok(()) };
        if let Some(view) = DealView::load(&self.store, id, self.today)? {
            self.overlay = Some(Overlay::Deal(Box::new(view)));
        }
        Ok(())
    }

    pub(super) fn on_deal_key(&mut self, mut view: Box<DealView>, key: &KeyEvent) -> store::Result<()> {
        let id = view.deal.id;
        match key.code {
            KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => {}
            KeyCode::Char('j') | KeyCode::Down => {
                view.scroll = view.scroll.saturating_add(1);
                self.overlay = Some(Overlay::Deal(view));
            }
            KeyCode::Char('k') | KeyCode::Up => {
                view.scroll = view.scroll.saturating_sub(1);
                self.overlay = Some(Overlay::Deal(view));
            }
            KeyCode::Char('o') => self.open_outcome(Some(id))?,
            KeyCode::Char('e') => self.edit_deal(Some(id))?,
            KeyCode::Char('p') => self.open_deal_record(Action::Quote, Some(id)),
            KeyCode::Char('m') => self.open_deal_record(Action::Negotiation, Some(id)),
            KeyCode::Char('>') | KeyCode::Char('<') => {
                self.move_card(key.code == KeyCode::Char('>'))?;
                self.open_deal()?;
            }
            _ => self.overlay = Some(Overlay::Deal(view)),
        }
        Ok(())
    }

    /// `o`: won, lost (with the reason and who won) or reopen.
    pub(super) fn open_outcome(&mut self, id: Option<i64>) -> store::Result<()> {
        let Some(id) = id.or_else(|| self.selected_deal()) else { return Ok(()) };
        let Some(deal) = self.store.opportunity(id)? else { return Ok(()) };
        let editor = deal_forms::outcome(self.lang, &self.config, id, deal.outcome);
        self.overlay = Some(Overlay::DealForm(Box::new(editor)));
        Ok(())
    }

    /// `p` / `m`: a quote or a negotiation round for the deal.
    pub(super) fn open_deal_record(&mut self, what: Action, id: Option<i64>) {
        let Some(id) = id.or_else(|| self.selected_deal()) else { return };
        let editor = match what {
            Action::Quote => deal_forms::quote(self.lang, id, self.today),
            _ => deal_forms::negotiation(self.lang, id, self.today),
        };
        self.overlay = Some(Overlay::DealForm(Box::new(editor)));
    }

    /// `n` on the board: a new deal in the selected column (1 to 5).
    pub(super) fn new_deal_on_board(&mut self) {
        let stage = self.pipeline.stage().min(Stage::Close);
        self.overlay = Some(Overlay::DealForm(Box::new(deal_forms::new_deal(self.lang, stage, None))));
    }

    /// `o` on an account: a new deal for it, starting at Research.
    pub(super) fn new_deal_for_account(&mut self) -> store::Result<()> {
        if self.tab != Tab::Accounts {
            return Ok(());
        }
        let Some(row) = self.accounts.list.selected().cloned() else { return Ok(()) };
        let editor = deal_forms::new_deal(self.lang, Stage::Research, Some((row.id, &row.name)));
        self.overlay = Some(Overlay::DealForm(Box::new(editor)));
        Ok(())
    }

    pub(super) fn edit_deal(&mut self, id: Option<i64>) -> store::Result<()> {
        let Some(id) = id.or_else(|| self.selected_deal()) else { return Ok(()) };
        if let Some(editor) = deal_forms::edit_deal(self.lang, &self.store, id)? {
            self.overlay = Some(Overlay::DealForm(Box::new(editor)));
        }
        Ok(())
    }

    pub(super) fn ask_delete_deal(&mut self) {
        let Some(card) = self.pipeline.selected_card() else { return };
        let question = self.lang.t(Msg::ConfirmDelete).replace("{name}", &card.title);
        self.overlay = Some(Overlay::Confirm(Confirm { question, then: AfterYes::Delete(Deletion::Deal(card.id)) }));
    }

    pub(super) fn on_deal_form_key(&mut self, mut editor: Box<DealEditor>, key: &KeyEvent) -> store::Result<()> {
        match editor.form.on_key(key) {
            FormEvent::Stay => self.overlay = Some(Overlay::DealForm(editor)),
            FormEvent::Close => {}
            FormEvent::Quit => self.quit = true,
            FormEvent::Submit => match editor.submit(&mut self.store, self.lang, self.today) {
                Ok(Some(saved)) => {
                    if saved.warned {
                        self.status_warn(saved.message)
                    } else {
                        self.status_ok(saved.message)
                    }
                    let stage = self.store.opportunity(saved.deal_id)?.map(|o| o.stage);
                    let follow = if self.tab == Tab::Pipeline { stage.map(|s| (saved.deal_id, s)) } else { None };
                    self.after_deal_change(follow)?;
                    // Back to the deal it was opened from.
                    if matches!(
                        editor.purpose,
                        DealPurpose::Quote(_) | DealPurpose::Negotiation(_) | DealPurpose::Edit(_)
                    ) && self.tab == Tab::Pipeline
                    {
                        if let Some(view) = DealView::load(&self.store, saved.deal_id, self.today)? {
                            self.overlay = Some(Overlay::Deal(Box::new(view)));
                        }
                    }
                }
                Ok(None) => self.overlay = Some(Overlay::DealForm(editor)),
                Err(e) => {
                    self.show_error(&e);
                    self.overlay = Some(Overlay::DealForm(editor));
                }
            },
        }
        Ok(())
    }

    pub(super) fn board_filter_typing(&self) -> bool {
        self.tab == Tab::Pipeline && self.pipeline.text.as_ref().is_some_and(|t| t.typing)
    }

    /// `/` on the board: narrow it to the deals of matching accounts.
    pub(super) fn start_board_filter(&mut self) {
        let text = self.pipeline.text.get_or_insert_with(Default::default);
        text.typing = true;
    }

    pub(super) fn on_board_filter_key(&mut self, key: &KeyEvent) -> store::Result<()> {
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
    pub(super) fn cycle_board_filter(&mut self, what: Action) -> store::Result<()> {
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
    pub(super) fn clear_board_filters(&mut self) -> store::Result<()> {
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
