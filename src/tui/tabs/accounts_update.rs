//! What the Accounts tab's keys do: the instant filter, the detail pane,
//! the dossier's forms, deleting with a question first. Each answers with
//! an `Effect`; forms and questions are popups, writes their commands.

use crossterm::event::{KeyCode, KeyEvent};

use super::accounts::{AccountSource, AccountsTab, DetailItem, Filter, FilteredSource};
use super::{TabCx, TabView};
use crate::domain::Stage;
use crate::i18n::Msg;
use crate::store;
use crate::tui::app::FILTER_LIMIT;
use crate::tui::command::Command;
use crate::tui::keymap::Action;
use crate::tui::layout;
use crate::tui::popups::activity::ActivityForm;
use crate::tui::popups::care_form::CareForm;
use crate::tui::popups::confirm::ConfirmPopup;
use crate::tui::popups::record::{Editor, account_editor, competitor_editor, contact_editor, need_editor};
use crate::tui::popups::{Effect, deal_form};
use crate::tui::widgets::text_field::Edit;

impl AccountsTab {
    /// Keys go to the filter while it is typed.
    pub fn filter_typing(&self) -> bool {
        self.filter.as_ref().is_some_and(|f| f.typing)
    }

    /// Keys while the filter is typed: text edits it and narrows the table
    /// at once; ↑/↓ move in the results; Enter keeps it; Esc drops it.
    pub(super) fn on_filter_key(&mut self, key: &KeyEvent, cx: &TabCx<'_>) -> store::Result<()> {
        match key.code {
            KeyCode::Esc => {
                self.filter = None;
                self.reload_from_top(cx)
            }
            KeyCode::Enter => {
                if let Some(filter) = &mut self.filter {
                    filter.typing = false;
                    if filter.input.is_empty() {
                        self.filter = None;
                        return self.reload_from_top(cx);
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
                self.navigate(action, cx)
            }
            _ => {
                let edit = self.filter.as_mut().map(|f| f.edit(key));
                if matches!(edit, Some(Edit::Changed | Edit::Truncated)) { self.run_filter(cx) } else { Ok(()) }
            }
        }
    }

    /// A paste into the filter being typed.
    pub(super) fn paste_into_filter(&mut self, text: &str, cx: &TabCx<'_>) -> store::Result<()> {
        if let Some(filter) = &mut self.filter {
            filter.input.insert_str(text);
        }
        self.run_filter(cx)
    }

    /// Searches for what the filter holds and shows the best matches.
    fn run_filter(&mut self, cx: &TabCx<'_>) -> store::Result<()> {
        let Some(filter) = &mut self.filter else { return Ok(()) };
        let typed = filter.input.text();
        if typed.trim().is_empty() {
            filter.ids.clear();
            return self.list.first(&AccountSource(cx.store, &self.by));
        }
        let found = cx.store.search_accounts(&typed, FILTER_LIMIT)?;
        filter.ids = cx.store.accounts_matching(&found, &self.by)?;
        let source = FilteredSource { store: cx.store, ids: &filter.ids };
        self.list.first(&source)?;
        if self.detail.is_some() {
            self.detail = self.load_detail(cx.store, cx.today)?;
        }
        Ok(())
    }

    fn reload_from_top(&mut self, cx: &TabCx<'_>) -> store::Result<()> {
        let rows = layout::table_rows(cx.body_height, self.filter_lines());
        self.list = Default::default();
        self.list.set_height(rows, &AccountSource(cx.store, &self.by))?;
        if self.detail.is_some() {
            self.detail = self.load_detail(cx.store, cx.today)?;
        }
        Ok(())
    }

    /// What the tab's own keys do.
    pub(super) fn act(&mut self, action: Action, cx: &TabCx<'_>) -> store::Result<Effect> {
        match action {
            // Enter in the pane opens the line under the cursor.
            Action::Open if self.in_detail => return self.open_selected(cx),
            Action::Open => {
                self.detail = self.load_detail(cx.store, cx.today)?;
                self.in_detail = self.detail.is_some();
                self.detail_item = 0;
            }
            Action::Filter => {
                // Start typing a filter (or go back to the one there is).
                self.in_detail = false;
                self.filter.get_or_insert_with(Filter::default).start_typing();
            }
            Action::Back => self.back(cx)?,
            Action::TierFilter | Action::SegmentFilter | Action::StatusFilter => {
                self.next_filter(action, cx)?;
            }
            Action::New => return Ok(open(account_editor(cx.lang, cx.config, None))),
            Action::AddContact | Action::AddCompetitor | Action::AddNeed => return Ok(self.add_to_account(action, cx)),
            Action::AddComplaint | Action::AddReturnVisit | Action::AddObjection => {
                let Some((account, name)) = self.list.selected().map(|a| (a.id, a.name.clone())) else {
                    return Ok(Effect::Stay);
                };
                let form = match action {
                    Action::AddComplaint => CareForm::complaint(cx.lang, (account, &name), cx.today),
                    Action::AddObjection => CareForm::objection(cx.lang, (account, &name)),
                    _ => {
                        // The return visits closed complaints of this account wait for.
                        let due = cx
                            .store
                            .complaints_of(account, 20)?
                            .into_iter()
                            .filter(|k| k.complaint.return_visit_on.is_some() && k.complaint.return_visit_id.is_none())
                            .collect::<Vec<_>>();
                        CareForm::return_visit(cx.lang, (account, &name), &due, cx.today)
                    }
                };
                return Ok(Effect::Open(Box::new(form)));
            }
            Action::Edit => return self.edit_selected(cx),
            Action::Delete => return self.ask_delete(cx),
            Action::NewDeal => {
                // A new deal for the account, starting at Research.
                if let Some(row) = self.list.selected() {
                    let editor = deal_form::new_deal(cx.lang, Stage::Research, Some((row.id, &row.name)));
                    return Ok(Effect::Open(Box::new(editor)));
                }
            }
            _ => {}
        }
        Ok(Effect::Stay)
    }

    /// `t`, `f`, `s`: the next tier, segment or status to show (then all).
    fn next_filter(&mut self, action: Action, cx: &TabCx<'_>) -> store::Result<()> {
        use crate::domain::{AccountStatus, Tier};
        fn next<T: Clone + PartialEq>(all: &[T], now: &Option<T>) -> Option<T> {
            match now.as_ref().and_then(|n| all.iter().position(|x| x == n)) {
                None => all.first().cloned(),
                Some(i) => all.get(i + 1).cloned(),
            }
        }
        match action {
            Action::TierFilter => self.by.tier = next(&[Tier::A, Tier::B, Tier::C], &self.by.tier),
            Action::SegmentFilter => self.by.segment = next(&cx.config.accounts.segments, &self.by.segment),
            _ => self.by.status = next(AccountStatus::ALL, &self.by.status),
        }
        self.in_detail = false;
        if self.filter.is_some() {
            self.run_filter(cx)?;
            let rows = layout::table_rows(cx.body_height, self.filter_lines());
            if let Some(f) = &self.filter {
                self.list.set_height(rows, &FilteredSource { store: cx.store, ids: &f.ids })?;
            }
            Ok(())
        } else {
            self.reload_from_top(cx)
        }
    }

    /// Esc: from the detail pane back to the table; then an applied
    /// filter goes; then the pane closes.
    fn back(&mut self, cx: &TabCx<'_>) -> store::Result<()> {
        if self.in_detail {
            self.in_detail = false;
        } else if self.filter.is_some() {
            self.filter = None;
            self.reload_from_top(cx)?;
        } else if !self.by.is_empty() {
            self.by = Default::default();
            self.reload_from_top(cx)?;
        } else {
            self.detail = None;
        }
        Ok(())
    }

    /// `c` / `r` / `w`: a contact, competitor or need of the selected account.
    fn add_to_account(&self, what: Action, cx: &TabCx<'_>) -> Effect {
        let Some(account) = self.list.selected().map(|a| a.id) else { return Effect::Stay };
        open(match what {
            Action::AddContact => contact_editor(cx.lang, account, None),
            Action::AddCompetitor => competitor_editor(cx.lang, account, None),
            _ => need_editor(cx.lang, account, None),
        })
    }

    /// Enter on a line of the pane: a deal opens its view, an activity its
    /// form, a contact, competitor or need its editor.
    fn open_selected(&self, cx: &TabCx<'_>) -> store::Result<Effect> {
        match self.selected_item() {
            Some(DetailItem::Deal(id)) => {
                Ok(match crate::tui::popups::deal_view::DealView::load(cx.store, id, cx.today)? {
                    Some(view) => Effect::Open(Box::new(view)),
                    None => Effect::Stay,
                })
            }
            Some(DetailItem::Contract(id)) => self.open_contract(id, cx),
            _ => self.edit_selected(cx),
        }
    }

    /// A contract opens in the view of its deal (its plan and money, `r`
    /// to record more); a contract with no deal opens the money it takes.
    fn open_contract(&self, id: i64, cx: &TabCx<'_>) -> store::Result<Effect> {
        let Some(contract) = cx.store.contract(id)? else { return Ok(Effect::Stay) };
        if let Some(deal) = contract.contract.opportunity_id
            && let Some(view) = crate::tui::popups::deal_view::DealView::load(cx.store, deal, cx.today)?
        {
            return Ok(Effect::Open(Box::new(view)));
        }
        let plan = cx.store.instalments_of(id, cx.today)?;
        let form = crate::tui::popups::receipt_form::ReceiptForm::new(cx.lang, &contract, &plan, cx.today);
        Ok(Effect::Open(Box::new(form)))
    }

    /// `e`: the account, or in the detail pane the selected line.
    fn edit_selected(&self, cx: &TabCx<'_>) -> store::Result<Effect> {
        let Some(account) = self.list.selected().map(|a| a.id) else { return Ok(Effect::Stay) };
        let (lang, store) = (cx.lang, cx.store);
        let editor = match (self.in_detail, self.selected_item()) {
            (true, Some(DetailItem::Contact(id))) => {
                store.contact(id)?.map(|c| contact_editor(lang, account, Some((id, &c.fields))))
            }
            (true, Some(DetailItem::Competitor(id))) => {
                store.competitor(id)?.map(|c| competitor_editor(lang, account, Some((id, &c.fields))))
            }
            (true, Some(DetailItem::Need(id))) => {
                store.need(id)?.map(|n| need_editor(lang, account, Some((id, &n.fields))))
            }
            (true, Some(DetailItem::Activity(id))) => {
                let form = store.activity(id)?.map(|t| ActivityForm::edit(lang, &t, store));
                return Ok(form.map(|f| Effect::Open(Box::new(f))).unwrap_or(Effect::Stay));
            }
            (true, Some(DetailItem::Deal(id))) => {
                let form = deal_form::edit_deal(lang, store, id)?;
                return Ok(form.map(|f| Effect::Open(Box::new(f))).unwrap_or(Effect::Stay));
            }
            (true, Some(DetailItem::Contract(id))) => {
                let Some(contract) = store.contract(id)? else { return Ok(Effect::Stay) };
                if contract.contract.status == crate::domain::ContractStatus::Void {
                    return Ok(Effect::Say(crate::tui::popups::Say::warn(lang.t(Msg::ContractIsVoid))));
                }
                let plan = store.instalments_of(id, cx.today)?;
                let form = crate::tui::popups::contract_form::ContractForm::revise(lang, &contract, &plan, cx.today);
                return Ok(Effect::Open(Box::new(form)));
            }
            (true, Some(DetailItem::Complaint(id))) => {
                let form = store.complaint(id)?.map(|k| CareForm::progress(lang, k));
                return Ok(form.map(|f| Effect::Open(Box::new(f))).unwrap_or(Effect::Stay));
            }
            (true, None) => None,
            (false, _) => store.account(account)?.map(|a| account_editor(lang, cx.config, Some((account, &a.fields)))),
        };
        Ok(editor.map(open).unwrap_or(Effect::Stay))
    }

    /// `x`: asks before deleting the account or the selected detail line.
    fn ask_delete(&self, cx: &TabCx<'_>) -> store::Result<Effect> {
        let Some(row) = self.list.selected() else { return Ok(Effect::Stay) };
        let (lang, store) = (cx.lang, cx.store);
        let (then, name, msg) = if self.in_detail {
            let Some(item) = self.selected_item() else { return Ok(Effect::Stay) };
            let (then, name) = match item {
                DetailItem::Contact(id) => (Command::DeleteContact(id), store.contact(id)?.map(|c| c.fields.name)),
                DetailItem::Competitor(id) => {
                    (Command::DeleteCompetitor(id), store.competitor(id)?.map(|c| c.fields.name))
                }
                DetailItem::Need(id) => (Command::DeleteNeed(id), store.need(id)?.map(|n| n.fields.stated)),
                DetailItem::Deal(id) => (Command::DeleteDeal(id), store.opportunity(id)?.map(|o| o.title)),
                // A complaint is closed or rejected, never deleted.
                DetailItem::Complaint(_) => return Ok(Effect::Stay),
                DetailItem::Contract(id) => {
                    (Command::DeleteContract(id), store.contract(id)?.map(|c| c.contract.title))
                }
                DetailItem::Activity(id) => (
                    Command::DeleteActivity(id),
                    store
                        .activity(id)?
                        .map(|t| format!("{} {}", t.fields.occurred_on.format("%m-%d"), t.fields.purpose)),
                ),
            };
            (then, name.unwrap_or_default(), Msg::ConfirmDelete)
        } else {
            (Command::DeleteAccount(row.id), row.name.clone(), Msg::ConfirmDeleteAccount)
        };
        let question = lang.t(msg).replace("{name}", &name);
        let after = Some(lang.t(Msg::Deleted).replace("{name}", &name));
        Ok(Effect::Open(Box::new(ConfirmPopup { question, then, after })))
    }

    /// Selects an account in the table, scrolled into view; an open detail
    /// pane follows it. The filter goes if it hides the account.
    pub fn select_account(&mut self, id: i64, cx: &TabCx<'_>) -> store::Result<()> {
        if cx.store.account(id)?.is_none() {
            return Ok(());
        }
        if cx.store.accounts_matching(&[id], &self.by)?.is_empty() {
            self.by = Default::default();
        }
        if self.filter.as_ref().is_some_and(|f| !f.ids.contains(&id)) {
            self.filter = None;
        }
        match &self.filter {
            Some(filter) => {
                let ids = filter.ids.clone();
                let source = FilteredSource { store: cx.store, ids: &ids };
                self.list.first(&source)?;
                while self.list.selected().is_some_and(|a| a.id != id) {
                    let before = self.list.selected().map(|a| a.id);
                    self.list.down(&source)?;
                    if self.list.selected().map(|a| a.id) == before {
                        break;
                    }
                }
            }
            None => {
                if let Some(key) = cx.store.account_key(id)? {
                    self.list.focus_on(key, &AccountSource(cx.store, &self.by))?;
                }
            }
        }
        if self.detail.is_some() {
            self.detail = self.load_detail(cx.store, cx.today)?;
        }
        Ok(())
    }

    /// Selects an account in the table and opens its detail pane.
    pub fn show_account(&mut self, id: i64, cx: &TabCx<'_>) -> store::Result<()> {
        if cx.store.account(id)?.is_none() {
            return Ok(());
        }
        self.filter = None;
        // The account shows whatever filters were on.
        self.by = Default::default();
        if let Some(key) = cx.store.account_key(id)? {
            self.list.focus_on(key, &AccountSource(cx.store, &self.by))?;
        }
        self.detail = self.load_detail(cx.store, cx.today)?;
        self.in_detail = self.detail.is_some();
        self.detail_item = 0;
        Ok(())
    }
}

fn open(editor: Editor) -> Effect {
    Effect::Open(Box::new(editor))
}
