//! The greeting on an empty file: load the demo book with one key, or
//! start empty.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::rep_name::RepNamePopup;
use super::{Cx, Effect, Popup, Say, View};
use crate::i18n::Msg;
use crate::tui::command::{Command, Done};
use crate::tui::keymap::{Action, Context, action_for};
use crate::tui::theme;
use crate::tui::widgets::popup::{centered, clear};

pub struct WelcomePopup;

impl Popup for WelcomePopup {
    fn context(&self) -> Context {
        Context::Welcome
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        match action_for(Context::Welcome, key) {
            Some(Action::LoadDemo) => Effect::Run(Command::LoadDemo),
            Some(Action::StartEmpty) => next(cx),
            Some(Action::Quit) => Effect::Quit,
            _ => Effect::Stay,
        }
    }

    fn done(&mut self, result: Result<Done, crate::store::StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => Effect::All(vec![Effect::Say(Say::ok(cx.lang.t(Msg::DemoLoaded))), next(cx)]),
            Err(e) => Effect::Say(Say::warn(crate::labels::store_error(cx.lang, &e))),
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, view: &View) -> Option<Position> {
        let lang = view.lang;
        let popup = centered(area, 64, 10);
        clear(popup, buf);
        let lines = vec![
            Line::styled(lang.t(Msg::WelcomeTitle), theme::title()),
            Line::raw(""),
            Line::raw(lang.t(Msg::WelcomeBody)),
            Line::raw(""),
            Line::from(vec![Span::styled("d  ", theme::key()), Span::raw(lang.t(Msg::WelcomeDemo))]),
            Line::from(vec![Span::styled("Esc  ", theme::key()), Span::raw(lang.t(Msg::WelcomeEmpty))]),
        ];
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL))
            .render(popup, buf);
        None
    }
}

/// After the greeting, a new file asks whose it is (once: the name is kept
/// in the file; `kam rep --name` changes it).
fn next(cx: &Cx<'_>) -> Effect {
    match cx.store.rep() {
        Ok(Some(rep)) if rep.name.is_empty() => Effect::Replace(Box::new(RepNamePopup::new(cx.lang))),
        _ => Effect::Close,
    }
}
