//! The `?` overlay: every key of the current tab and the global ones, from
//! the binding table; on the board also the method of the selected stage.

use crate::labels::Named;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use crate::domain::Stage;
use crate::i18n::{Lang, Msg};
use crate::tui::widgets::popup::{centered, clear};
use crossterm::event::KeyEvent;
use ratatui::layout::Position;

use super::{Cx, Effect, Popup, View};
use crate::tui::keymap::{Action, Context, action_for, help_entries};
use crate::tui::theme;

/// The key list of the screen under it; on the board, the stage's method.
pub struct HelpPopup {
    /// Whose keys: the tab's, or the popup's it was opened from.
    pub of: Context,
    pub stage: Option<Stage>,
    pub scroll: u16,
    /// When the file was last backed up, in words (shown at the end).
    pub backup: Option<String>,
}

impl Popup for HelpPopup {
    fn context(&self) -> Context {
        Context::Help
    }

    fn on_key(&mut self, key: &KeyEvent, _cx: &Cx<'_>) -> Effect {
        match action_for(Context::Help, key) {
            Some(Action::Down) => self.scroll = self.scroll.saturating_add(1),
            Some(Action::Up) => self.scroll = self.scroll.saturating_sub(1),
            Some(Action::PageDown) => self.scroll = self.scroll.saturating_add(10),
            Some(Action::PageUp) => self.scroll = self.scroll.saturating_sub(10),
            Some(Action::Quit) => return Effect::Quit,
            // Any other key closes the help.
            _ => return Effect::Close,
        }
        Effect::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer, view: &View) -> Option<Position> {
        render_help(area, buf, view.lang, self, self.scroll);
        None
    }
}

fn render_help(area: Rect, buf: &mut Buffer, lang: Lang, help: &HelpPopup, scroll: u16) {
    let (context, stage) = (help.of, help.stage);
    let mut lines: Vec<Line<'_>> = help_entries(context)
        .into_iter()
        .map(|(keys, msg)| {
            Line::from(vec![Span::styled(format!("{keys:>10}  "), theme::key()), Span::raw(lang.t(msg))])
        })
        .collect();
    if let Some(stage) = stage {
        lines.push(Line::raw(""));
        lines.push(Line::styled(format!("{}. {}", stage.number(), lang.t(stage.label())), theme::title()));
        for part in lang.t(crate::labels::stage_method(stage)).split('\n') {
            lines.push(Line::raw(part));
        }
    }
    if let Some(backup) = &help.backup {
        lines.push(Line::raw(""));
        lines.push(Line::styled(backup.clone(), theme::muted()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(lang.t(Msg::HelpClose), theme::muted()));
    let height = lines.len() as u16 + 6;
    let popup = centered(area, 76, height);
    clear(popup, buf);
    let title = format!(" {} ", lang.t(Msg::HelpTitle));
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0))
        .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())))
        .render(popup, buf);
}
