//! The app's state and its one update function: key → action → store call
//! (one transaction) → fresh state. Drawing lives in `draw.rs` and never
//! touches the database.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::accounts::{AccountDetail, AccountSource, AccountsTab, DetailItem, FilteredSource};
use super::deal::DealView;
use super::deal_forms::DealEditor;
use super::keymap::{Action, Context, action_for};
use super::layout;
use super::pipeline::{ColumnSource, PipelineTab};
use super::records::Editor;
use super::reports::ReportsTab;
use super::visits::{AgendaSource, VisitsTab, week_end};
use super::widgets::activity_form::{ActivityForm, FormOutcome};
use super::widgets::daily_form::DailyForm;
use crate::config::Config;
use crate::domain::{Channel, Stage};
use crate::i18n::{Lang, Msg};
use crate::store::{self, AccountSuggestion, Store};

/// The most accounts a filter shows (best first).
pub const FILTER_LIMIT: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Accounts,
    Pipeline,
    Visits,
    Reports,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Accounts, Tab::Pipeline, Tab::Visits, Tab::Reports];

    pub fn label(self) -> Msg {
        match self {
            Tab::Accounts => Msg::TabAccounts,
            Tab::Pipeline => Msg::TabPipeline,
            Tab::Visits => Msg::TabVisits,
            Tab::Reports => Msg::TabReports,
        }
    }

    pub fn context(self) -> Context {
        match self {
            Tab::Accounts => Context::Accounts,
            Tab::Pipeline => Context::Pipeline,
            Tab::Visits => Context::Visits,
            Tab::Reports => Context::Reports,
        }
    }

    pub(super) fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// What sits over the tab and sees keys first.
pub enum Overlay {
    /// The key list, scrolled this many lines (small terminals).
    Help(u16),
    /// The empty-database greeting, offering demo data.
    Welcome,
    Activity(Box<ActivityForm>),
    Daily(Box<DailyForm>),
    /// A dossier record's form: account, contact, competitor, need.
    Record(Box<Editor>),
    /// A question before something is deleted.
    Confirm(Confirm),
    /// A deal opened from the board.
    Deal(Box<DealView>),
    /// A deal's form: new, edit, outcome, quote, negotiation round.
    DealForm(Box<DealEditor>),
}

/// What `y` confirms.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    pub question: String,
    pub then: AfterYes,
}

/// What `y` in a question does.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AfterYes {
    Delete(Deletion),
    /// Undo this action (by its journal id), made by another process.
    Undo(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletion {
    Account(i64),
    Item(DetailItem),
    Deal(i64),
}

/// A line in the hint bar that reports what just happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

pub struct App {
    pub store: Store,
    pub config: Config,
    pub lang: Lang,
    pub today: NaiveDate,
    pub tab: Tab,
    pub size: (u16, u16),
    pub accounts: AccountsTab,
    pub pipeline: PipelineTab,
    pub visits: VisitsTab,
    pub reports: ReportsTab,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Tabs whose rows must be reloaded before they are next shown.
    stale: [bool; 4],
    /// The file's data version when last looked (another process's commit
    /// changes it).
    data_version: Option<i64>,
}

impl App {
    /// Opens the app on `store`; loads only the first tab, so start-up costs
    /// one page of one table whatever the database holds.
    pub fn new(store: Store, lang: Lang, today: NaiveDate, size: (u16, u16)) -> store::Result<App> {
        let welcome = store.is_empty()?;
        // Read before the first load: a write that lands while the tabs
        // load is then seen as new on the first idle tick.
        let data_version = Some(store.data_version()?);
        let mut app = App {
            store,
            config: Config::default(),
            lang,
            today,
            tab: Tab::Accounts,
            size,
            accounts: AccountsTab::default(),
            pipeline: PipelineTab::default(),
            visits: VisitsTab::default(),
            reports: ReportsTab::new(today),
            overlay: welcome.then_some(Overlay::Welcome),
            status: None,
            quit: false,
            stale: [true; 4],
            data_version,
        };
        app.ensure_loaded()?;
        Ok(app)
    }

    /// Takes the user's settings: lists for the forms, the board's stale days.
    pub fn set_config(&mut self, config: Config) {
        self.pipeline.stale_after = config.pipeline.stale_after_days.map(i64::from);
        self.config = config;
        self.mark_stale();
    }

    pub fn context(&self) -> Context {
        if self.tab == Tab::Accounts && self.accounts.in_detail { Context::AccountDetail } else { self.tab.context() }
    }

    /// Handles one terminal event; errors become a status line, never a crash.
    pub fn handle_event(&mut self, event: &Event) {
        let result = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => self.on_key(key),
            Event::Paste(text) => {
                self.on_paste(text);
                Ok(())
            }
            Event::Resize(w, h) => self.resize(*w, *h),
            _ => Ok(()),
        };
        if let Err(e) = result {
            self.show_error(&e);
        }
    }

    /// Between keys: when another process (`kam log`, an import, a second
    /// window) has committed to the file, every tab reloads, so its write
    /// shows within a tick. `PRAGMA data_version` costs no read of the data.
    pub fn on_idle(&mut self) {
        let result = self.store.data_version().and_then(|version| {
            if self.data_version.replace(version).is_some_and(|seen| seen != version) {
                self.refresh_all()?;
            }
            Ok(())
        });
        if let Err(e) = result {
            self.show_error(&e);
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) -> store::Result<()> {
        self.size = (width, height);
        self.stale = [true; 4];
        self.ensure_loaded()
    }

    fn on_paste(&mut self, text: &str) {
        let typing_filter = self.filter_typing();
        match &mut self.overlay {
            Some(Overlay::Activity(form)) => form.on_paste(text, &self.store),
            Some(Overlay::Daily(form)) => form.on_paste(text),
            Some(Overlay::Record(editor)) => editor.form.on_paste(text),
            None if typing_filter => {
                if let Some(filter) = &mut self.accounts.filter {
                    filter.input.insert_str(text);
                }
                if let Err(e) = self.run_filter() {
                    self.show_error(&e);
                }
            }
            _ => {}
        }
    }

    pub fn on_key(&mut self, key: &KeyEvent) -> store::Result<()> {
        if let Some(overlay) = self.overlay.take() {
            return self.on_overlay_key(overlay, key);
        }
        if self.filter_typing() {
            return self.on_filter_key(key);
        }
        if self.board_filter_typing() {
            return self.on_board_filter_key(key);
        }
        let Some(action) = action_for(self.context(), key) else { return Ok(()) };
        self.status = None;
        self.apply(action)
    }

    fn on_overlay_key(&mut self, overlay: Overlay, key: &KeyEvent) -> store::Result<()> {
        use crossterm::event::{KeyCode, KeyModifiers};
        let ctrl_c = key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        match overlay {
            Overlay::Help(_) | Overlay::Welcome if ctrl_c => self.quit = true,
            // j/k scroll a long help; any other key closes it.
            Overlay::Help(scroll) => match key.code {
                KeyCode::Char('j') | KeyCode::Down | KeyCode::PageDown => {
                    self.overlay =
                        Some(Overlay::Help(scroll.saturating_add(if key.code == KeyCode::PageDown { 10 } else { 1 })))
                }
                KeyCode::Char('k') | KeyCode::Up | KeyCode::PageUp => {
                    self.overlay =
                        Some(Overlay::Help(scroll.saturating_sub(if key.code == KeyCode::PageUp { 10 } else { 1 })))
                }
                _ => {}
            },
            Overlay::Welcome => {
                if matches!(key.code, KeyCode::Char('d') | KeyCode::Char('D')) {
                    crate::ops::load_demo(&mut self.store, crate::demo::Scale::S, 1, self.today)?;
                    self.status = Some(Status { text: self.lang.t(Msg::DemoLoaded).to_string(), is_error: false });
                    self.refresh_all()?;
                } else if key.code != KeyCode::Esc && key.code != KeyCode::Enter {
                    self.overlay = Some(Overlay::Welcome);
                }
            }
            Overlay::Activity(mut form) => match form.on_key(key, &mut self.store, self.today) {
                FormOutcome::Stay => self.overlay = Some(Overlay::Activity(form)),
                FormOutcome::Saved => {
                    self.overlay = Some(Overlay::Activity(form));
                    self.refresh_all()?;
                }
                FormOutcome::Close => {
                    if form.saved_count() > 0 {
                        let text = self.lang.t(Msg::ActivitiesLogged).replace("{n}", &form.saved_count().to_string());
                        self.status = Some(Status { text, is_error: false });
                    }
                }
                FormOutcome::Quit => self.quit = true,
            },
            Overlay::Record(editor) => self.on_record_key(editor, key)?,
            Overlay::Deal(view) => self.on_deal_key(view, key)?,
            Overlay::DealForm(editor) => self.on_deal_form_key(editor, key)?,
            Overlay::Confirm(confirm) => {
                if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    match confirm.then {
                        AfterYes::Delete(what) => self.delete(what)?,
                        AfterYes::Undo(id) => self.undo_now(Some(id))?,
                    }
                } else if ctrl_c {
                    self.quit = true;
                }
            }
            Overlay::Daily(mut form) => match form.on_key(key, &mut self.store) {
                FormOutcome::Stay => self.overlay = Some(Overlay::Daily(form)),
                FormOutcome::Saved => {
                    self.status = Some(Status { text: self.lang.t(Msg::DailySaved).to_string(), is_error: false });
                    self.refresh_all()?;
                }
                FormOutcome::Close => {}
                FormOutcome::Quit => self.quit = true,
            },
        }
        Ok(())
    }

    pub fn apply(&mut self, action: Action) -> store::Result<()> {
        match action {
            Action::Quit => self.quit = true,
            Action::NextTab => self.switch_to(Tab::ALL[(self.tab.index() + 1) % 4])?,
            Action::PreviousTab => self.switch_to(Tab::ALL[(self.tab.index() + 3) % 4])?,
            Action::GoToTab(i) => self.switch_to(Tab::ALL[i.min(3)])?,
            Action::Help => self.overlay = Some(Overlay::Help(0)),
            Action::LogActivity => self.open_activity_form(None),
            Action::DailyReport => {
                let existing = self.store.daily_summary(self.today)?;
                self.overlay = Some(Overlay::Daily(Box::new(DailyForm::new(self.today, existing))));
            }
            Action::Open if self.tab == Tab::Visits => self.open_activity_form(Some(Channel::Visit)),
            Action::Open if self.tab == Tab::Accounts => {
                self.accounts.detail = self.load_detail()?;
                self.accounts.in_detail = self.accounts.detail.is_some();
                self.accounts.detail_item = 0;
            }
            Action::Open if self.tab == Tab::Pipeline => self.open_deal()?,
            Action::Outcome => self.open_outcome(None)?,
            Action::NewDeal => self.new_deal_for_account()?,
            Action::New if self.tab == Tab::Pipeline => self.new_deal_on_board(),
            Action::Edit if self.tab == Tab::Pipeline => self.edit_deal(None)?,
            Action::Delete if self.tab == Tab::Pipeline => self.ask_delete_deal(),
            Action::Quote | Action::Negotiation => self.open_deal_record(action, None),
            Action::Undo => self.undo()?,
            Action::Redo => self.redo()?,
            Action::Filter if self.tab == Tab::Pipeline => self.start_board_filter(),
            Action::Back if self.tab == Tab::Pipeline => self.clear_board_filters()?,
            Action::SegmentFilter | Action::TierFilter => self.cycle_board_filter(action)?,
            Action::Filter => self.start_filter(),
            Action::New => self.open_editor(None)?,
            Action::Edit => self.edit_selected()?,
            Action::Delete => self.ask_delete()?,
            Action::AddContact | Action::AddCompetitor | Action::AddNeed => self.open_editor(Some(action))?,
            Action::Back => self.back(),
            Action::StageForward | Action::StageBack => self.move_card(action == Action::StageForward)?,
            Action::Left => self.pipeline.column = self.pipeline.column.saturating_sub(1),
            Action::Right => self.pipeline.column = (self.pipeline.column + 1).min(5),
            Action::PreviousDay | Action::NextDay | Action::Today => {
                self.reports.day = match action {
                    Action::PreviousDay => self.reports.day.pred_opt().unwrap_or(self.reports.day),
                    Action::NextDay => self.reports.day.succ_opt().unwrap_or(self.reports.day),
                    _ => self.today,
                };
                self.reports.selected = 0;
                self.reports.load(&self.store)?;
            }
            Action::Down | Action::Up | Action::First | Action::Last | Action::PageDown | Action::PageUp => {
                self.navigate(action)?
            }
            Action::Open => {}
        }
        Ok(())
    }

    /// Moves the selection of the current tab's list.
    fn navigate(&mut self, action: Action) -> store::Result<()> {
        fn step<S: super::paged::PageSource>(
            list: &mut super::paged::PagedList<S::Row>,
            source: &S,
            action: Action,
        ) -> store::Result<()> {
            match action {
                Action::Down => list.down(source),
                Action::Up => list.up(source),
                Action::First => list.first(source),
                Action::Last => list.last(source),
                Action::PageDown => list.page_down(source),
                _ => list.page_up(source),
            }
        }
        match self.tab {
            Tab::Accounts if self.accounts.in_detail => {
                let items = self.accounts.detail.as_ref().map(|d| d.items().len()).unwrap_or(0);
                let at = self.accounts.detail_item;
                self.accounts.detail_item = match action {
                    Action::Down => (at + 1).min(items.saturating_sub(1)),
                    Action::Up => at.saturating_sub(1),
                    Action::First | Action::PageUp => 0,
                    _ => items.saturating_sub(1),
                };
            }
            Tab::Accounts => {
                match &self.accounts.filter {
                    Some(f) => {
                        step(&mut self.accounts.list, &FilteredSource { store: &self.store, ids: &f.ids }, action)?
                    }
                    None => step(&mut self.accounts.list, &AccountSource(&self.store), action)?,
                }
                if self.accounts.detail.is_some() {
                    self.accounts.detail = self.load_detail()?;
                }
            }
            Tab::Pipeline => {
                let stage = self.pipeline.stage();
                let column = &mut self.pipeline.columns[self.pipeline.column.min(5)];
                step(column, &ColumnSource { store: &self.store, stage, filter: &self.pipeline.filter }, action)?;
            }
            Tab::Visits => {
                step(&mut self.visits.list, &AgendaSource { store: &self.store, until: week_end(self.today) }, action)?
            }
            Tab::Reports => {
                let last = self.reports.report.activities.len().saturating_sub(1);
                let page = usize::from(layout::body_height(self.size.1)).max(1);
                let s = self.reports.selected;
                self.reports.selected = match action {
                    Action::Down => (s + 1).min(last),
                    Action::Up => s.saturating_sub(1),
                    Action::First => 0,
                    Action::Last => last,
                    Action::PageDown => (s + page).min(last),
                    _ => s.saturating_sub(page),
                };
            }
        }
        Ok(())
    }

    pub(super) fn load_detail(&self) -> store::Result<Option<AccountDetail>> {
        match self.accounts.list.selected() {
            Some(row) => AccountDetail::load(&self.store, row.id),
            None => Ok(None),
        }
    }

    /// Opens the activity form for today and the account selected on the
    /// current tab.
    fn open_activity_form(&mut self, channel: Option<Channel>) {
        let account = self.selected_account();
        let channel = channel.unwrap_or(if self.tab == Tab::Visits { Channel::Visit } else { Channel::Phone });
        let mut form = ActivityForm::new(self.today, account, channel);
        form.load_contacts(&self.store);
        self.overlay = Some(Overlay::Activity(Box::new(form)));
    }

    fn selected_account(&self) -> Option<AccountSuggestion> {
        match self.tab {
            Tab::Accounts => {
                self.accounts.list.selected().map(|a| AccountSuggestion { id: a.id, name: a.name.clone() })
            }
            Tab::Pipeline => self
                .pipeline
                .selected_card()
                .map(|c| AccountSuggestion { id: c.account_id, name: c.account_name.clone() }),
            Tab::Visits => self
                .visits
                .list
                .selected()
                .map(|v| AccountSuggestion { id: v.account_id, name: v.account_name.clone() }),
            Tab::Reports => self
                .reports
                .selected_activity()
                .map(|t| AccountSuggestion { id: t.fields.account_id, name: t.account_name.clone() }),
        }
    }

    pub fn show_error(&mut self, e: &store::StoreError) {
        self.status = Some(Status { text: crate::labels::store_error(self.lang, e), is_error: true });
    }

    pub(super) fn mark_stale(&mut self) {
        self.stale = [true; 4];
    }

    /// After a change shown in place on this tab: the others reload when
    /// next shown.
    pub(super) fn mark_others_stale(&mut self) {
        let here = self.tab.index();
        for (i, stale) in self.stale.iter_mut().enumerate() {
            *stale |= i != here;
        }
    }

    fn switch_to(&mut self, tab: Tab) -> store::Result<()> {
        self.tab = tab;
        self.ensure_loaded()
    }

    /// After a write: every tab may show something else now.
    pub fn refresh_all(&mut self) -> store::Result<()> {
        self.stale = [true; 4];
        self.ensure_loaded()
    }

    /// Loads the current tab's rows if they are stale.
    pub fn ensure_loaded(&mut self) -> store::Result<()> {
        let index = self.tab.index();
        if !self.stale[index] {
            return Ok(());
        }
        let body = layout::body_height(self.size.1);
        match self.tab {
            Tab::Accounts => {
                let rows = layout::table_rows(body, self.accounts.filter_lines());
                if let Some(filter) = &mut self.accounts.filter {
                    // The data changed under the filter: search again.
                    filter.ids = self.store.search_accounts(&filter.input.text(), FILTER_LIMIT)?;
                }
                match &self.accounts.filter {
                    Some(f) => {
                        self.accounts.list.set_height(rows, &FilteredSource { store: &self.store, ids: &f.ids })?
                    }
                    None => self.accounts.list.set_height(rows, &AccountSource(&self.store))?,
                }
                if self.accounts.detail.is_some() {
                    self.accounts.detail = self.load_detail()?;
                    let items = self.accounts.detail.as_ref().map(|d| d.items().len()).unwrap_or(0);
                    self.accounts.detail_item = self.accounts.detail_item.min(items.saturating_sub(1));
                    self.accounts.in_detail &= self.accounts.detail.is_some();
                }
            }
            Tab::Pipeline => {
                if let Some(text) = &self.pipeline.text {
                    // The data changed under the filter: search again.
                    let typed = text.input.text();
                    self.pipeline.filter.accounts = if typed.trim().is_empty() {
                        None
                    } else {
                        Some(self.store.search_accounts(&typed, FILTER_LIMIT)?)
                    };
                }
                self.pipeline.totals = self.store.board_totals_where(&self.pipeline.filter)?;
                self.pipeline.forecast = self.store.forecast(self.today)?;
                let filter_lines = u16::from(!self.pipeline.filter.is_empty() || self.pipeline.text.is_some());
                let per_column = layout::cards_per_column(body, filter_lines);
                for stage in Stage::ALL {
                    let column = &mut self.pipeline.columns[usize::from(stage.number() - 1)];
                    column.set_height(
                        per_column,
                        &ColumnSource { store: &self.store, stage, filter: &self.pipeline.filter },
                    )?;
                }
            }
            Tab::Visits => {
                let until = week_end(self.today);
                self.visits.counts = self.store.agenda_counts(self.today, until)?;
                self.visits
                    .list
                    .set_height(layout::table_rows(body, 1), &AgendaSource { store: &self.store, until })?;
            }
            Tab::Reports => self.reports.load(&self.store)?,
        }
        self.stale[index] = false;
        Ok(())
    }
}
