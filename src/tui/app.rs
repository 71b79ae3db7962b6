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
use super::popups::confirm::ConfirmPopup;
use super::popups::daily::DailyForm;
use super::popups::help::HelpPopup;
use super::popups::welcome::WelcomePopup;
use super::popups::{Cx, Effect, Popup, Say};
use super::tabs::accounts::AccountsTab;
use super::tabs::pipeline::PipelineTab;
use super::tabs::pipeline_update::{refused_msg, word_move};
use super::tabs::reports::ReportsTab;
use super::tabs::visits::VisitsTab;
use super::tabs::{Stale, Tab, TabCx, TabView};
use crate::config::Config;
use crate::domain::Channel;
use crate::i18n::{Lang, Msg};
use crate::store::{self, AccountSuggestion, Store};

/// What a tab may read, built from the app's fields one by one so that a
/// tab (another field) can be borrowed beside it.
macro_rules! tab_cx {
    ($app:ident) => {
        TabCx {
            store: &$app.store,
            config: &$app.config,
            lang: $app.lang,
            today: $app.today,
            body_height: layout::body_height($app.size.1),
        }
    };
}

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
    /// The channel of the last activity logged, the next form's default.
    last_channel: Option<Channel>,
    /// A write held up by another program's lock, tried again each tick
    /// while the screen stays live (see `retry_waiting`).
    waiting: Option<Waiting>,
}

/// A write waiting for the file's lock.
struct Waiting {
    command: Command,
    asker: Asker,
    since: std::time::Instant,
}

/// How long one try of a write waits for another program's lock: short,
/// so the screen never freezes; the app tries again on the next tick.
pub const LOCK_TRY: std::time::Duration = std::time::Duration::from_millis(150);

/// How long the app keeps trying before it says the write failed (the
/// biggest import, or a demo at scale L, takes a minute or two).
pub const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(180);

impl App {
    /// Opens the app on `store`; loads only the first tab, so start-up costs
    /// one page of one table whatever the database holds.
    pub fn new(store: Store, lang: Lang, today: NaiveDate, size: (u16, u16)) -> store::Result<App> {
        let welcome = store.is_empty()?;
        // Read before the first load: a write that lands while the tabs
        // load is then seen as new on the first idle tick.
        let data_version = Some(store.data_version()?);
        store.set_busy_timeout(LOCK_TRY)?;
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
            last_channel: None,
            waiting: None,
        };
        if welcome {
            app.open(Box::new(WelcomePopup));
        } else if let Some(month) = crate::reports::monthly::unsent_near_month_end(&app.store, today)? {
            // The last three days of a month and the first three of the
            // next, until its report is sent.
            let text = lang.f(crate::i18n::FormMsg::SendNudge).replace("{month}", &month.to_string());
            app.status = Some(Status { text, is_error: false });
        }
        app.ensure_loaded()?;
        Ok(app)
    }

    /// Takes the user's settings: lists for the forms, the board's stale days.
    pub fn set_config(&mut self, config: Config) {
        self.pipeline.stale_after = config.pipeline.stale_after_days.map(i64::from);
        self.pipeline.contract_within = i64::from(config.pipeline.contract_within_days);
        self.pipeline.archive_after = i64::from(config.pipeline.archive_paid_after_days);
        self.store.set_plan_rules(config.visits.rules());
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
        use crate::tui::tabs::visits::VisitsView;
        match (self.tab, self.visits.view) {
            (Tab::Accounts, _) if self.accounts.in_detail => Context::AccountDetail,
            (Tab::Visits, VisitsView::Calendar) => Context::VisitCalendar,
            (Tab::Visits, VisitsView::Year) => Context::VisitYear,
            (Tab::Reports, _) if self.reports.pane != crate::tui::tabs::report_panes::Pane::Daily => {
                Context::ReportForms
            }
            (tab, _) => tab.context(),
        }
    }

    /// Opens a popup over whatever is shown.
    /// Opens a popup; the status line of what came before is cleared (a
    /// new form starts clean).
    pub fn open(&mut self, popup: Box<dyn Popup>) {
        self.status = None;
        self.popups.push(popup);
    }

    /// Handles one terminal event; errors become a status line, never a crash.
    pub fn handle_event(&mut self, event: &Event) {
        if self.waiting.is_some() && self.while_waiting(event) {
            return;
        }
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
        if let Some(top) = self.popups.last_mut() {
            let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
            top.on_paste(text, &cx);
            return;
        }
        let (view, cx) = self.tab_in_use();
        let result = view.on_paste(text, &cx).and_then(|effect| self.apply_effect(effect));
        if let Err(e) = result {
            self.show_error(&e);
        }
    }

    pub fn on_key(&mut self, key: &KeyEvent) -> store::Result<()> {
        if let Some(top) = self.popups.last_mut() {
            let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
            let effect = top.on_key(key, &cx);
            return self.apply_effect(effect);
        }
        // A tab may take the key first (typing into its filter).
        let (view, cx) = self.tab_in_use();
        if let Some(effect) = view.on_key(key, &cx) {
            return self.apply_effect(effect?);
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
            Effect::Open(popup) => self.open(popup),
            // A popup taking another's place continues it: what was said stays.
            Effect::Replace(popup) => {
                self.popups.pop();
                self.popups.push(popup);
            }
            Effect::Run(command) => self.run(command, Asker::Popup)?,
            Effect::Say(say) => self.status = Some(Status { text: say.text, is_error: say.is_error }),
            Effect::ShowAccount(id) => {
                self.switch_to(Tab::Accounts)?;
                let cx = tab_cx!(self);
                self.accounts.show_account(id, &cx)?;
            }
            Effect::FollowDeal(id) => {
                if self.tab == Tab::Pipeline
                    && let Some(deal) = self.store.opportunity(id)?
                {
                    let cx = tab_cx!(self);
                    self.pipeline.follow(id, deal.stage, &cx)?;
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

    /// Runs a write through `ops` and reloads what may show it. Whoever
    /// asked hears how it went: the top popup, or the tab (which reloads
    /// only what the write touched; the other tabs reload when shown).
    pub(super) fn run(&mut self, command: Command, asker: Asker) -> store::Result<()> {
        let mut result = command::run(&mut self.store, &command, self.today);
        // Another program holds the file: keep the write and try again on
        // the next tick, saying what it waits for; the form stays open.
        if let Err(store::StoreError::Locked { writer, .. }) = &result {
            let since = self.waiting.take().map_or_else(std::time::Instant::now, |w| w.since);
            if since.elapsed() < LOCK_PATIENCE {
                let text = self
                    .lang
                    .t(Msg::WaitingForWriter)
                    .replace("{holder}", &crate::labels::lock_holder(self.lang, writer.as_ref()))
                    .replace("{secs}", &since.elapsed().as_secs().to_string());
                self.status = Some(Status { text, is_error: false });
                self.waiting = Some(Waiting { command, asker, since });
                return Ok(());
            }
            // Waited long enough: say how long, and let whoever asked keep
            // what was typed.
            if let Err(store::StoreError::Locked { waited, .. }) = &mut result {
                *waited = since.elapsed();
            }
        }
        if self.waiting.take().is_some() {
            self.status = None; // no longer waiting
        }
        if let (Command::LogActivity(activity), Ok(_)) = (&command, &result) {
            self.last_channel = Some(activity.channel);
        }
        if let Ok(Done::UndoChanged) = result {
            // Another process wrote while the question was open: ask again.
            self.popups.pop();
            return self.undo();
        }
        if asker == Asker::Tab {
            self.mark_others_stale();
            let (view, cx) = self.tab_in_use();
            let effect = view.done(&result, &cx)?;
            return self.apply_effect(effect);
        }
        if result.is_ok() {
            self.refresh_all()?;
        }
        // Undo and redo show what they changed: the record, selected.
        if let Ok(Done::Undone(Some(info)) | Done::Redone(Some(info))) = &result {
            let touched = self.store.touched_by(info.id)?;
            let (view, cx) = self.tab_in_use();
            view.reveal(&touched, &cx)?;
        }
        if let Some(say) = self.word(&command, &result) {
            self.status = Some(Status { text: say.text, is_error: say.is_error });
        }
        match self.popups.last_mut() {
            Some(top) if asker == Asker::Popup => {
                let cx = Cx { store: &self.store, config: &self.config, lang: self.lang, today: self.today };
                let effect = top.done(result, &cx);
                self.apply_effect(effect)
            }
            _ => result.map(drop),
        }
    }

    /// Whether a write is waiting for another program's lock.
    pub fn is_waiting(&self) -> bool {
        self.waiting.is_some()
    }

    /// On a tick: tries the waiting write again.
    pub fn retry_waiting(&mut self) {
        if let Some(waiting) = self.waiting.take() {
            let Waiting { command, asker, since } = waiting;
            self.waiting = Some(Waiting { command: command.clone(), asker, since });
            if let Err(e) = self.run(command, asker) {
                self.show_error(&e);
            }
        }
    }

    /// Keys while a write waits: Esc (or Ctrl-C) stops waiting and keeps
    /// the form as it was; other keys wait too (the form must not change
    /// under the write it sent). A resize is handled. True when taken.
    fn while_waiting(&mut self, event: &Event) -> bool {
        let Event::Key(key) = event else { return false };
        if key.kind == KeyEventKind::Release {
            return true;
        }
        let stop = key.code == crossterm::event::KeyCode::Esc
            || (key.code == crossterm::event::KeyCode::Char('c')
                && key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL));
        if stop {
            self.waiting = None;
            self.status = Some(Status { text: self.lang.t(Msg::WaitingStopped).to_string(), is_error: true });
        }
        true
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
            (Command::MoveDeal { .. }, Ok(Done::Moved(moved))) => Some(word_move(self.lang, moved)),
            (Command::MoveDeal { .. }, Ok(Done::MoveRefused(refused))) => Some(Say::warn(t(refused_msg(*refused)))),
            _ => None,
        }
    }

    /// An action from the key table: the app's own, else the tab's.
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
                let backup = Some(self.backup_words());
                self.open(Box::new(HelpPopup { of: self.tab_context(), stage, scroll: 0, backup }));
            }
            Action::LogActivity => self.open_activity_form(None),
            Action::DailyReport => {
                // The report of the day in view (the Reports tab's), else today's.
                let day = self.view(self.tab).day_in_view().unwrap_or(self.today);
                let existing = self.store.daily_summary(day)?;
                let draft = match &existing {
                    Some(words) if !words.tomorrow_plan.trim().is_empty() => String::new(),
                    _ => crate::reports::draft_plan(&self.store, day, self.lang)?,
                };
                self.open(Box::new(DailyForm::new(self.lang, day, existing, &draft)));
            }
            Action::Undo => self.undo()?,
            Action::Redo => self.run(Command::Redo, Asker::App)?,
            Action::Down | Action::Up | Action::First | Action::Last | Action::PageDown | Action::PageUp => {
                self.navigate(action)?
            }
            _ => {
                let (view, cx) = self.tab_in_use();
                let effect = view.on_action(action, &cx)?;
                // A write the tab asked for is run for the tab.
                match effect {
                    Effect::Run(command) => self.run(command, Asker::Tab)?,
                    other => self.apply_effect(other)?,
                }
            }
        }
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
                let then = Command::Undo(Some(next.id));
                self.open(Box::new(ConfirmPopup { question, then, after: None }));
                Ok(())
            }
            Some(next) => self.run(Command::Undo(Some(next.id)), Asker::App),
        }
    }

    /// Moves the selection of the current tab's list.
    fn navigate(&mut self, action: Action) -> store::Result<()> {
        let (view, cx) = self.tab_in_use();
        view.navigate(action, &cx)
    }

    /// The tab shown, with what it may read.
    fn tab_in_use(&mut self) -> (&mut dyn TabView, TabCx<'_>) {
        let cx = tab_cx!(self);
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

    /// Opens the activity form for today and the account selected on the
    /// current tab.
    fn open_activity_form(&mut self, channel: Option<Channel>) {
        let account = self.selected_account();
        // The channel last used (a run of phone calls stays phone calls);
        // a visit on the Visits tab.
        let last = self.last_channel.unwrap_or(Channel::Visit);
        let channel = channel.unwrap_or(if self.tab == Tab::Visits { Channel::Visit } else { last });
        let day = self.view(self.tab).day_in_view().unwrap_or(self.today);
        let mut form = ActivityForm::new(self.lang, day, account, channel);
        form.load_contacts(&self.store);
        self.open(Box::new(form));
    }

    /// When the file was last backed up (for the help screen).
    fn backup_words(&self) -> String {
        match self.store.last_backup() {
            Some(b) => self
                .lang
                .t(Msg::LastBackup)
                .replace("{time}", &b.made_at.format("%Y-%m-%d %H:%M").to_string())
                .replace("{path}", &b.path.display().to_string()),
            None => self.lang.t(Msg::NeverBackedUp).to_string(),
        }
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

/// Who asked for a write, and so hears how it went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Asker {
    /// The app itself (undo, redo): everything reloads.
    App,
    /// The tab shown: it reloads what the write touched.
    Tab,
    /// The top popup.
    Popup,
}
