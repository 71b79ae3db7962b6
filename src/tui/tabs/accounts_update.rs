//! What the Accounts tab's keys do: the instant filter, the dossier's
//! forms, deleting with a question first, and undo.

use crossterm::event::{KeyCode, KeyEvent};

use super::accounts::{AccountSource, DetailItem, Filter, FilteredSource};
use crate::i18n::Msg;
use crate::store::{self, AccountKey};
use crate::tui::app::{App, FILTER_LIMIT, Status};
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::popups::confirm::ConfirmPopup;
use crate::tui::popups::record::{account_editor, competitor_editor, contact_editor, need_editor};
use crate::tui::tabs::Tab;
use crate::tui::widgets::text_field::Edit;

impl App {
    pub(crate) fn filter_typing(&self) -> bool {
        self.tab == Tab::Accounts && self.accounts.filter.as_ref().is_some_and(|f| f.typing)
    }

    /// `/`: start typing a filter (or go back to the one there is).
    pub(crate) fn start_filter(&mut self) {
        self.accounts.in_detail = false;
        let filter = self.accounts.filter.get_or_insert_with(Filter::default);
        filter.typing = true;
    }

    /// Keys while the filter is typed: text edits it and narrows the table
    /// at once; ↑/↓ move in the results; Enter keeps it; Esc drops it.
    pub(crate) fn on_filter_key(&mut self, key: &KeyEvent) -> store::Result<()> {
        match key.code {
            KeyCode::Esc => {
                self.accounts.filter = None;
                self.reload_accounts_from_top()
            }
            KeyCode::Enter => {
                if let Some(filter) = &mut self.accounts.filter {
                    filter.typing = false;
                    if filter.input.is_empty() {
                        self.accounts.filter = None;
                        return self.reload_accounts_from_top();
                    }
                }
                Ok(())
            }
            KeyCode::Down | KeyCode::Up | KeyCode::PageDown | KeyCode::PageUp => {
                let action = match key.code {
                    KeyCode::Down => Action::Down,
                    KeyCode::Up => Action::Up,
                    KeyCode::PageDown => Action::PageDown,
                    _ => Action::PageUp,
                };
                self.apply(action)
            }
            _ => {
                let edit = self.accounts.filter.as_mut().map(|f| f.input.on_key(key));
                if matches!(edit, Some(Edit::Changed | Edit::Truncated)) { self.run_filter() } else { Ok(()) }
            }
        }
    }

    /// Searches for what the filter holds and shows the best matches.
    pub(crate) fn run_filter(&mut self) -> store::Result<()> {
        let Some(filter) = &mut self.accounts.filter else { return Ok(()) };
        let typed = filter.input.text();
        if typed.trim().is_empty() {
            filter.ids.clear();
            return self.accounts.list.first(&AccountSource(&self.store));
        }
        filter.ids = self.store.search_accounts(&typed, FILTER_LIMIT)?;
        let source = FilteredSource { store: &self.store, ids: &filter.ids };
        self.accounts.list.first(&source)?;
        if self.accounts.detail.is_some() {
            self.accounts.detail = self.load_detail()?;
        }
        Ok(())
    }

    fn reload_accounts_from_top(&mut self) -> store::Result<()> {
        let rows =
            crate::tui::layout::table_rows(crate::tui::layout::body_height(self.size.1), self.accounts.filter_lines());
        self.accounts.list = Default::default();
        self.accounts.list.set_height(rows, &AccountSource(&self.store))?;
        if self.accounts.detail.is_some() {
            self.accounts.detail = self.load_detail()?;
        }
        Ok(())
    }

    /// Esc: from the detail pane back to the table; from the table, closes
    /// the pane.
    pub(crate) fn back(&mut self) {
        if self.accounts.in_detail {
            self.accounts.in_detail = false;
        } else {
            self.accounts.detail = None;
        }
    }

    fn selected_account_id(&self) -> Option<i64> {
        if self.tab != Tab::Accounts {
            return None;
        }
        self.accounts.list.selected().map(|a| a.id)
    }

    /// `n` (new account) or `c` / `r` / `w` (a contact, competitor or need
    /// of the selected account).
    pub(crate) fn open_editor(&mut self, what: Option<Action>) -> store::Result<()> {
        let lang = self.lang;
        let editor = match (what, self.selected_account_id()) {
            (None, _) => account_editor(lang, &self.config, None),
            (Some(Action::AddContact), Some(account)) => contact_editor(lang, account, None),
            (Some(Action::AddCompetitor), Some(account)) => competitor_editor(lang, account, None),
            (Some(Action::AddNeed), Some(account)) => need_editor(lang, account, None),
            _ => return Ok(()),
        };
        self.open(Box::new(editor));
        Ok(())
    }

    /// `e`: the account, or in the detail pane the selected line.
    pub(crate) fn edit_selected(&mut self) -> store::Result<()> {
        let Some(account) = self.selected_account_id() else { return Ok(()) };
        let lang = self.lang;
        let editor = match (self.accounts.in_detail, self.accounts.selected_item()) {
            (true, Some(DetailItem::Contact(id))) => match self.store.contact(id)? {
                Some(c) => contact_editor(lang, account, Some((id, &c.fields))),
                None => return Ok(()),
            },
            (true, Some(DetailItem::Competitor(id))) => match self.store.competitor(id)? {
                Some(c) => competitor_editor(lang, account, Some((id, &c.fields))),
                None => return Ok(()),
            },
            (true, Some(DetailItem::Need(id))) => match self.store.need(id)? {
                Some(n) => need_editor(lang, account, Some((id, &n.fields))),
                None => return Ok(()),
            },
            (true, None) => return Ok(()),
            (false, _) => match self.store.account(account)? {
                Some(a) => account_editor(lang, &self.config, Some((account, &a.fields))),
                None => return Ok(()),
            },
        };
        self.open(Box::new(editor));
        Ok(())
    }

    /// Selects an account in the table and opens its detail pane.
    pub(crate) fn show_account(&mut self, id: i64) -> store::Result<()> {
        let Some(account) = self.store.account(id)? else { return Ok(()) };
        self.accounts.filter = None;
        let key = AccountKey { name: account.fields.name, id };
        self.accounts.list.focus_on(key, &AccountSource(&self.store))?;
        self.accounts.detail = self.load_detail()?;
        self.accounts.in_detail = self.accounts.detail.is_some();
        self.accounts.detail_item = 0;
        Ok(())
    }

    /// `x`: asks before deleting the account or the selected detail line.
    pub(crate) fn ask_delete(&mut self) -> store::Result<()> {
        let Some(row) = self.accounts.list.selected().filter(|_| self.tab == Tab::Accounts) else { return Ok(()) };
        let lang = self.lang;
        let (then, name, msg) = if self.accounts.in_detail {
            let Some(item) = self.accounts.selected_item() else { return Ok(()) };
            let (then, name) = match item {
                DetailItem::Contact(id) => (Command::DeleteContact(id), self.store.contact(id)?.map(|c| c.fields.name)),
                DetailItem::Competitor(id) => {
                    (Command::DeleteCompetitor(id), self.store.competitor(id)?.map(|c| c.fields.name))
                }
                DetailItem::Need(id) => (Command::DeleteNeed(id), self.store.need(id)?.map(|n| n.fields.stated)),
            };
            (then, name.unwrap_or_default(), Msg::ConfirmDelete)
        } else {
            (Command::DeleteAccount(row.id), row.name.clone(), Msg::ConfirmDeleteAccount)
        };
        let question = lang.t(msg).replace("{name}", &name);
        let after = Some(lang.t(Msg::Deleted).replace("{name}", &name));
        self.open(Box::new(ConfirmPopup { question, then, after }));
        Ok(())
    }

    /// `u`: takes back the newest change, whatever tab it was made on.
    /// Another process's change (`kam log`, an import, another window) is
    /// named with where it came from, and undone only after a `y`.
    pub(crate) fn undo(&mut self) -> store::Result<()> {
        match self.store.next_undo()? {
            None => {
                self.status = Some(Status { text: self.lang.t(Msg::NothingToUndo).to_string(), is_error: false });
                Ok(())
            }
            Some(next) if !next.own => {
                let time = next
                    .at
                    .map(|t| t.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default();
                let question = self
                    .lang
                    .t(Msg::UndoForeign)
                    .replace("{label}", &crate::labels::action_label(self.lang, &next))
                    .replace("{origin}", crate::labels::origin_label(self.lang, &next))
                    .replace("{time}", &time);
                self.open(Box::new(ConfirmPopup { question, then: Command::Undo(Some(next.id)), after: None }));
                Ok(())
            }
            Some(next) => self.run(Command::Undo(Some(next.id))),
        }
    }
}
