//! The app's state and its one update function: key -> action (the key
//! table) -> the tab's update or the top popup's -> a `Command` run through
//! `ops` (one transaction) -> reload what changed. Drawing lives in
//! `draw.rs` and never touches the database.

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEvent, KeyEventKind};

use super::command::{self, Command, Done};
use super::keymap::{Action, Context, action_for};
use super::layout;
use super::popups::activity::ActivityForm;
use super::popups::daily::DailyForm;
use super::popups::help::HelpPopup;
use super::popups::welcome::WelcomePopup;
use super::popups::{Cx, Effect, Popup, Say};
use super::tabs::accounts::{AccountDetail, AccountsTab};
use super::tabs::pipeline::PipelineTab;
use super::tabs::reports::ReportsTab;
use super::tabs::visits::VisitsTab;
use super::tabs::{Stale, Tab, TabCx, TabView};
use crate::config::Config;
use crate::domain::Channel;
use crate::i18n::{Lang, Msg};
use crate::store::{self, AccountSuggestion, Store};

/// The most accounts a filter shows (best first).
pub const FILTER_LIMIT: usize = 500;

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
    /// Popups over the tab, the top one last: it sees keys first.
    pub popups: Vec<Box<dyn Popup>>,
    pub status: Option<Status>,
    pub quit: bool,
    /// Tabs whose rows must be reloaded before they are next shown.
    stale: Stale,
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
            popups: Vec::new(),
            status: None,
            quit: false,
            stale: Stale::all(),
            data_version,
        };
        if welcome {
            app.open(Box::new(WelcomePopup));
        }
        app.ensure_loaded()?;
        Ok(app)
    }

    /// Takes the user's settings: lists for the forms, the board's stale days.
    pub fn set_config(&mut self, config: Config) {
        self.pipeline.stale_after = config.pipeline.stale_after_days.map(i64::from);
        self.config = config;
        self.mark_stale();
    }

    /// Whose keys apply: the top popup's, else the tab's.
    pub fn context(&self) -> Context {
        match self.popups.last() {
            Some(popup) => popup.context(),
            None => self.tab_context(),
        }
    }

    /// The tab's own context, under any popup.
    pub fn tab_context(&self) -> Context {
        if self.tab == Tab::Accounts && self.accounts.in_detail { Context::AccountDetail } else { self.tab.context() }
    }

    /// Opens a popup over whatever is shown.
    pub fn open(&mut self, popup: Box<dyn Popup>) {
        self.popups.push(popup);
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
        self.stale = Stale::all();
        self.ensure_loaded()
    }

    fn on_paste(&mut self, text: &str) {
        let typing_filter = self.filter_typing();
        if let Some(top) = self.popups.last_mut() {
            let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
            top.on_paste(text, &cx);
            return;
        }
        match () {
            () if typing_filter => {
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
        if let Some(top) = self.popups.last_mut() {
            let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
            let effect = top.on_key(key, &cx);
            return self.apply_effect(effect);
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

    /// Does what a popup asked.
    pub(super) fn apply_effect(&mut self, effect: Effect) -> store::Result<()> {
        match effect {
            Effect::Stay => {}
            Effect::Close => {
                self.popups.pop();
            }
            Effect::Quit => self.quit = true,
            Effect::Open(popup) => self.popups.push(popup),
            Effect::Replace(popup) => {
                self.popups.pop();
                self.popups.push(popup);
            }
            Effect::Run(command) => self.run(command)?,
            Effect::Say(say) => self.status = Some(Status { text: say.text, is_error: say.is_error }),
            Effect::ShowAccount(id) => {
                self.switch_to(Tab::Accounts)?;
                self.show_account(id)?;
            }
            Effect::FollowDeal(id) => {
                if self.tab == Tab::Pipeline {
                    let stage = self.store.opportunity(id)?.map(|o| o.stage);
                    self.after_deal_change(stage.map(|s| (id, s)))?;
                }
            }
            Effect::All(effects) => {
                for effect in effects {
                    self.apply_effect(effect)?;
                }
            }
        }
        Ok(())
    }

    /// Runs a write through `ops` and reloads what may show it. The popup
    /// that asked (the top one) hears how it went; commands of the tabs
    /// are put into words here.
    pub(super) fn run(&mut self, command: Command) -> store::Result<()> {
        let result = command::run(&mut self.store, &command, self.today);
        if result.is_ok() {
            self.mark_stale();
            self.ensure_loaded()?;
            let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
            for popup in &mut self.popups {
                popup.refresh(&cx);
            }
        }
        if let Some(say) = self.word(&command, &result) {
            self.status = Some(Status { text: say.text, is_error: say.is_error });
        }
        if let Ok(Done::UndoChanged) = result {
            // Another process wrote while the question was open: ask again.
            self.popups.pop();
            return self.undo();
        }
        match self.popups.last_mut() {
            Some(top) => {
                let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
                let effect = top.done(result, &cx);
                self.apply_effect(effect)
            }
            None => result.map(drop),
        }
    }

    /// The status line for what only the app can word: deletes, undo and
    /// redo, moves (their records are gone or changed by then).
    fn word(&self, command: &Command, result: &store::Result<Done>) -> Option<Say> {
        let t = |m: Msg| self.lang.t(m);
        let label = |info: &store::ActionInfo| crate::labels::action_label(self.lang, info);
        match (command, result) {
            (_, Err(e)) => Some(Say::warn(crate::labels::store_error(self.lang, e))),
            (Command::Undo(_), Ok(Done::Undone(Some(info)))) => {
                Some(Say::ok(t(Msg::Undone).replace("{label}", &label(info))))
            }
            (Command::Undo(_), Ok(Done::Undone(None))) => Some(Say::ok(t(Msg::NothingToUndo))),
            (Command::Redo, Ok(Done::Redone(Some(info)))) => {
                Some(Say::ok(t(Msg::Redone).replace("{label}", &label(info))))
            }
            (Command::Redo, Ok(Done::Redone(None))) => Some(Say::ok(t(Msg::NothingToRedo))),
            (Command::MoveDeal { .. }, Ok(Done::Moved(moved))) => Some(self.word_move(moved)),
            (Command::MoveDeal { .. }, Ok(Done::MoveRefused(refused))) => Some(Say::warn(t(refused_msg(*refused)))),
            _ => None,
        }
    }

    pub fn apply(&mut self, action: Action) -> store::Result<()> {
        match action {
            Action::Quit => self.quit = true,
            Action::NextTab => self.switch_to(self.tab.next())?,
            Action::PreviousTab => self.switch_to(self.tab.previous())?,
            Action::GoToTab(i) => {
                if let Some(tab) = Tab::numbered(i) {
                    self.switch_to(tab)?
                }
            }
            Action::Help => {
                let stage = (self.tab == Tab::Pipeline).then(|| self.pipeline.stage());
                self.open(Box::new(HelpPopup { of: self.tab_context(), stage, scroll: 0 }));
            }
            Action::LogActivity => self.open_activity_form(None),
            Action::DailyReport => {
                let existing = self.store.daily_summary(self.today)?;
                self.open(Box::new(DailyForm::new(self.lang, self.today, existing)));
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
            Action::Redo => self.run(Command::Redo)?,
            // Keys of popups: they reach a popup directly, never a tab.
            Action::Close
            | Action::Yes
            | Action::No
            | Action::LoadDemo
            | Action::StartEmpty
            | Action::Save
            | Action::NextField
            | Action::PreviousField
            | Action::NextOrSave => {}
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
        let (view, cx) = self.tab_in_use();
        view.navigate(action, &cx)
    }

    /// The tab shown, with what it may read.
    fn tab_in_use(&mut self) -> (&mut dyn TabView, TabCx<'_>) {
        let cx = TabCx { store: &self.store, today: self.today, body_height: layout::body_height(self.size.1) };
        let view: &mut dyn TabView = match self.tab {
            Tab::Accounts => &mut self.accounts,
            Tab::Pipeline => &mut self.pipeline,
            Tab::Visits => &mut self.visits,
            Tab::Reports => &mut self.reports,
        };
        (view, cx)
    }

    /// The tab as every tab is: the one list of the tabs the app holds.
    /// A new tab is a `Tab` variant, its file in `tabs/`, a field of `App`
    /// and a line here.
    pub fn view(&self, tab: Tab) -> &dyn TabView {
        match tab {
            Tab::Accounts => &self.accounts,
            Tab::Pipeline => &self.pipeline,
            Tab::Visits => &self.visits,
            Tab::Reports => &self.reports,
        }
    }

    pub(crate) fn load_detail(&self) -> store::Result<Option<AccountDetail>> {
        self.accounts.load_detail(&self.store)
    }

    /// Opens the activity form for today and the account selected on the
    /// current tab.
    fn open_activity_form(&mut self, channel: Option<Channel>) {
        let account = self.selected_account();
        let channel = channel.unwrap_or(if self.tab == Tab::Visits { Channel::Visit } else { Channel::Phone });
        let mut form = ActivityForm::new(self.lang, self.today, account, channel);
        form.load_contacts(&self.store);
        self.open(Box::new(form));
    }

    fn selected_account(&self) -> Option<AccountSuggestion> {
        self.view(self.tab).selected_account()
    }

    pub fn show_error(&mut self, e: &store::StoreError) {
        self.status = Some(Status { text: crate::labels::store_error(self.lang, e), is_error: true });
    }

    pub(super) fn mark_stale(&mut self) {
        self.stale = Stale::all();
    }

    /// After a change shown in place on this tab: the others reload when
    /// next shown.
    pub(super) fn mark_others_stale(&mut self) {
        self.stale = self.stale.union(Stale::others(self.tab));
    }

    fn switch_to(&mut self, tab: Tab) -> store::Result<()> {
        self.tab = tab;
        self.ensure_loaded()
    }

    /// After a write: every tab may show something else now.
    pub fn refresh_all(&mut self) -> store::Result<()> {
        self.stale = Stale::all();
        self.ensure_loaded()?;
        let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
        for popup in &mut self.popups {
            popup.refresh(&cx);
        }
        Ok(())
    }

    /// Loads the current tab's rows if they are stale.
    pub fn ensure_loaded(&mut self) -> store::Result<()> {
        if !self.stale.is(self.tab) {
            return Ok(());
        }
        let (view, cx) = self.tab_in_use();
        view.load(&cx)?;
        self.stale.set(self.tab, false);
        Ok(())
    }
}

fn refused_msg(refused: crate::ops::MoveRefused) -> Msg {
    match refused {
        crate::ops::MoveRefused::NotOpen => Msg::OnlyOpenDealsMove,
        crate::ops::MoveRefused::CloseNeedsOutcome => Msg::CloseNeedsOutcome,
        crate::ops::MoveRefused::NoFurtherStage => Msg::NoFurtherStage,
    }
}
