//! Popups: forms and overlays over a tab, in a stack (the deal view under
//! the quote form it opened). A popup sees keys first and answers with an
//! `Effect`; it never writes. Writes are `Command`s the app runs through
//! `ops` (see `tui/command.rs`), telling the popup how it went with `done`.
//!
//! A new popup is one file here with a type that implements `Popup`, plus
//! its `Context` in `keymap.rs` (the keys it lists in help and hints).

pub mod activity;
pub mod care_form;
pub mod confirm;
pub mod contract_form;
pub mod daily;
pub mod deal_form;
pub mod deal_view;
pub mod follow_up;
pub mod help;
pub mod month_words;
pub mod receipt_form;
pub mod record;
pub mod rep_name;
pub mod score_form;
pub mod targets_form;
pub mod visit_form;
pub mod welcome;

use chrono::{FixedOffset, NaiveDate};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::command::{Command, Done};
use super::keymap::Context;
use crate::config::Config;
use crate::i18n::Lang;
use crate::store::{Store, StoreError};

/// What a popup may read while it handles a key: the store (for
/// suggestions and checks, never to write) and the app's settings.
pub struct Cx<'a> {
    pub store: &'a Store,
    pub config: &'a Config,
    pub lang: Lang,
    pub today: NaiveDate,
}

/// What a popup needs to draw itself; no database here.
#[derive(Debug, Clone, Copy)]
pub struct View {
    pub lang: Lang,
    pub utc_offset: FixedOffset,
}

/// A line for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Say {
    pub text: String,
    pub is_error: bool,
}

impl Say {
    pub fn ok(text: impl Into<String>) -> Say {
        Say { text: text.into(), is_error: false }
    }

    pub fn warn(text: impl Into<String>) -> Say {
        Say { text: text.into(), is_error: true }
    }
}

/// What the app does after a popup saw a key (or learnt how its command
/// went).
pub enum Effect {
    /// Nothing more: the popup stays.
    Stay,
    /// This popup closes.
    Close,
    /// Quit the app now (Ctrl-C).
    Quit,
    /// Another popup opens over this one.
    Open(Box<dyn Popup>),
    /// This popup closes and another takes its place.
    Replace(Box<dyn Popup>),
    /// Run a write through `ops`; the popup hears back in `done`.
    Run(Command),
    /// A line for the status bar, the popup staying as it is.
    Say(Say),
    /// The Accounts tab shows this account, its detail open.
    ShowAccount(i64),
    /// The board's selection follows this deal.
    FollowDeal(i64),
    /// Several of the above, in order.
    All(Vec<Effect>),
}

pub trait Popup {
    /// Whose bindings apply: what `?` and the hint line list.
    fn context(&self) -> Context;

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect;

    /// A pasted text (bracketed paste), for popups with text fields.
    fn on_paste(&mut self, _text: &str, _cx: &Cx<'_>) {}

    /// How the command it asked for went. By default a success closes the
    /// popup and a failure keeps it with what was typed (nothing was
    /// written: one transaction).
    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => Effect::Close,
            Err(e) => Effect::Say(Say::warn(crate::labels::store_error(cx.lang, &e))),
        }
    }

    /// After any write (its own or another's): read again what it shows.
    fn refresh(&mut self, _cx: &Cx<'_>) {}

    /// Draws over `area`; where the terminal cursor goes (text fields, so
    /// an input method's window appears at the caret).
    fn render(&self, area: Rect, buf: &mut Buffer, view: &View) -> Option<Position>;
}

/// What a form popup does with what its form engine said: a submit is
/// checked by `check` (None: the form stays with its messages) and becomes
/// the write to run.
pub fn form_effect(
    event: crate::tui::widgets::record_form::FormEvent,
    lang: Lang,
    check: impl FnOnce() -> crate::store::Result<Option<Command>>,
) -> Effect {
    use crate::tui::widgets::record_form::FormEvent;
    match event {
        FormEvent::Stay => Effect::Stay,
        FormEvent::Close => Effect::Close,
        FormEvent::Quit => Effect::Quit,
        FormEvent::Submit => match check() {
            Ok(Some(command)) => Effect::Run(command),
            Ok(None) => Effect::Stay,
            Err(e) => Effect::Say(Say::warn(crate::labels::store_error(lang, &e))),
        },
    }
}
