//! The four tabs. `Tab` lists them (strum gives the order, the count and
//! the lookup by number); each tab's module owns its state, its drawing and
//! what its keys do.

mod account_detail;
pub mod accounts;
mod accounts_update;
pub mod pipeline;
pub mod pipeline_update;
pub mod report_charts;
pub mod report_panes;
pub mod reports;
pub mod visit_calendar;
pub mod visit_year;
pub mod visits;

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use strum::{EnumCount, EnumIter, FromRepr, IntoEnumIterator};

use crate::config::Config;
use crate::i18n::{Lang, Msg};
use crate::store::{self, AccountSuggestion, Store};
use crate::tui::command::Done;
use crate::tui::keymap::{Action, Context};
use crate::tui::popups::Effect;

/// What a tab may read while it handles a key: the store (never to write:
/// a write is an `Effect::Run`), the settings, the day and the room.
pub struct TabCx<'a> {
    pub store: &'a Store,
    pub config: &'a Config,
    pub lang: Lang,
    pub today: NaiveDate,
    /// Rows of the body (the screen less the tab bar and the hint line).
    pub body_height: u16,
}

/// What every tab does, so the app can load, move in, hand keys to and
/// draw any of them the same way. What a tab's own keys do is in its
/// `*_update.rs`; like a popup, a tab answers with an `Effect` and never
/// writes.
pub trait TabView {
    /// A key the tab takes before the key table: typing into its filter.
    fn on_key(&mut self, _key: &KeyEvent, _cx: &TabCx<'_>) -> Option<store::Result<Effect>> {
        None
    }

    /// A pasted text, while the tab takes keys (its filter).
    fn on_paste(&mut self, _text: &str, _cx: &TabCx<'_>) -> store::Result<Effect> {
        Ok(Effect::Stay)
    }

    /// An action of the tab's own (the app keeps the global ones).
    fn on_action(&mut self, _action: Action, _cx: &TabCx<'_>) -> store::Result<Effect> {
        Ok(Effect::Stay)
    }

    /// How a command the tab asked for went; the tab reloads what it
    /// shows (the app marks the other tabs stale).
    fn done(&mut self, _result: &store::Result<Done>, _cx: &TabCx<'_>) -> store::Result<Effect> {
        Ok(Effect::Stay)
    }

    /// Loads what the tab shows: one page, never a whole table.
    fn load(&mut self, cx: &TabCx<'_>) -> store::Result<()>;

    /// j/k, g/G, PgDn/PgUp in the tab's list.
    fn navigate(&mut self, action: Action, cx: &TabCx<'_>) -> store::Result<()>;

    /// The account under the cursor, for `a` (log an activity).
    fn selected_account(&self) -> Option<AccountSuggestion>;

    /// After undo or redo: select and scroll to the record the action
    /// touched (`touched`: table and key, first touched first), if the tab
    /// shows it.
    fn reveal(&mut self, _touched: &[(String, i64)], _cx: &TabCx<'_>) -> store::Result<()> {
        Ok(())
    }

    /// The day the tab shows, when it shows one (the Reports tab): `a` and
    /// `D` work on it instead of today.
    fn day_in_view(&self) -> Option<NaiveDate> {
        None
    }

    /// Draws the tab; where the cursor goes if it has a text field.
    fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, today: NaiveDate) -> Option<Position>;
}

/// Moves a paged list's selection.
pub(crate) fn step<S: crate::tui::paged::PageSource>(
    list: &mut crate::tui::paged::PagedList<S::Row>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, EnumCount, FromRepr)]
#[repr(usize)]
pub enum Tab {
    Accounts,
    Pipeline,
    Visits,
    Reports,
}

impl Tab {
    pub fn label(self) -> Msg {
        match self {
            Tab::Accounts => Msg::TabAccounts,
            Tab::Pipeline => Msg::TabPipeline,
            Tab::Visits => Msg::TabVisits,
            Tab::Reports => Msg::TabReports,
        }
    }

    /// Which bindings apply on the tab.
    pub fn context(self) -> Context {
        match self {
            Tab::Accounts => Context::Accounts,
            Tab::Pipeline => Context::Pipeline,
            Tab::Visits => Context::Visits,
            Tab::Reports => Context::Reports,
        }
    }

    /// Its place in the tab bar, from 0.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The tab `1`..`4` names (0-based), if there is one.
    pub fn numbered(index: usize) -> Option<Tab> {
        Tab::from_repr(index)
    }

    pub fn next(self) -> Tab {
        Tab::from_repr((self.index() + 1) % Tab::COUNT).unwrap_or(self)
    }

    pub fn previous(self) -> Tab {
        Tab::from_repr((self.index() + Tab::COUNT - 1) % Tab::COUNT).unwrap_or(self)
    }

    pub fn all() -> impl Iterator<Item = Tab> {
        Tab::iter()
    }
}

/// Which tabs must reload before they are next shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stale([bool; Tab::COUNT]);

impl Stale {
    pub fn all() -> Stale {
        Stale([true; Tab::COUNT])
    }

    pub fn is(&self, tab: Tab) -> bool {
        self.0[tab.index()]
    }

    pub fn set(&mut self, tab: Tab, stale: bool) {
        self.0[tab.index()] = stale;
    }

    /// Every tab but `here` (which was reloaded in place).
    pub fn others(here: Tab) -> Stale {
        let mut s = Stale::all();
        s.set(here, false);
        s
    }

    pub fn union(self, other: Stale) -> Stale {
        let mut out = self;
        for (a, b) in out.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        out
    }
}
