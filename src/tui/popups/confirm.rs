//! A question before something that cannot be taken lightly: a delete, or
//! undoing another process's action. `y` runs the command; any other key
//! keeps things as they are.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::{Cx, Effect, Popup, Say, View};
use crate::store::StoreError;
use crate::tui::command::{Command, Done};
use crate::tui::keymap::{Action, Context, action_for};
use crate::tui::theme;
use crate::tui::widgets::popup::{centered, clear};

pub struct ConfirmPopup {
    pub question: String,
    pub then: Command,
    /// What to say once it is done (a delete names what went); undo and
    /// redo are worded by the app.
    pub after: Option<String>,
}

impl Popup for ConfirmPopup {
    fn context(&self) -> Context {
        Context::Confirm
    }

    fn on_key(&mut self, key: &KeyEvent, _cx: &Cx<'_>) -> Effect {
        match action_for(Context::Confirm, key) {
            Some(Action::Yes) => Effect::Run(self.then.clone()),
            Some(Action::Quit) => Effect::Quit,
            _ => Effect::Close,
        }
    }

    fn done(&mut self, result: Result<Done, StoreError>, _cx: &Cx<'_>) -> Effect {
        match (result, self.after.take()) {
            (Ok(_), Some(text)) => Effect::All(vec![Effect::Say(Say::ok(text)), Effect::Close]),
            // A failure was worded by the app; the question goes.
            _ => Effect::Close,
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        let popup = centered(area, 64, 5);
        clear(popup, buf);
        Paragraph::new(Line::styled(self.question.clone(), theme::warning()))
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL).border_style(theme::warning()))
            .render(popup, buf);
        None
    }
}
