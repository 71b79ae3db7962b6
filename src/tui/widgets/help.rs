//! The `?` overlay: every key of the current tab and the global ones, from
//! the binding table; on the board also the method of the selected stage.

use crate::labels::Named;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};

use super::popup::{centered, clear};
use crate::domain::Stage;
use crate::i18n::{Lang, Msg};
use crate::tui::keymap::{Context, help_entries};
use crate::tui::theme;

pub fn render_help(area: Rect, buf: &mut Buffer, lang: Lang, context: Context, stage: Option<Stage>, scroll: u16) {
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
