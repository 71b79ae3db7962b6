//! Drawing the whole screen from the app's state: tab bar, the tab, the
//! hint bar, then any overlay. Reads state only; never the database.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Tabs, Wrap};

use super::app::App;
use super::keymap::hint_entries;
use super::layout::{MIN_HEIGHT, MIN_WIDTH, frame_parts};
use super::popups::View;
use super::tabs::Tab;
use super::theme;
use crate::i18n::Msg;

pub fn draw(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text =
            app.lang.t(Msg::TooSmall).replace("{w}", &MIN_WIDTH.to_string()).replace("{h}", &MIN_HEIGHT.to_string());
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let (tabs_area, body, hints_area) = frame_parts(area);
    draw_tabs(app, frame, tabs_area);
    let mut cursor = app.view(app.tab).render(frame, body, app.lang, app.today);
    if app.status.is_none() {
        draw_hints(app, frame, hints_area);
    }
    // Every popup, bottom first; the top one places the cursor.
    let view = View { lang: app.lang, utc_offset: app.reports.utc_offset };
    for popup in &app.popups {
        cursor = popup.render(area, frame.buffer_mut(), &view);
    }
    // What just happened is said over everything (a save that waits, under
    // its form).
    if app.status.is_some() {
        draw_hints(app, frame, hints_area);
    }
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

fn draw_tabs(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let titles = Tab::all().map(|t| Line::from(format!("{} {}", t.index() + 1, app.lang.t(t.label()))));
    let selected = Some(app.tab.index());
    let tabs = Tabs::new(titles).select(selected).highlight_style(theme::selected()).divider("|");
    let name = Rect { width: area.width.min(5), ..area };
    let rest = Rect { x: area.x + name.width, width: area.width - name.width, ..area };
    frame.render_widget(Paragraph::new(Span::styled(" kam ", theme::title())), name);
    frame.render_widget(tabs, rest);
}

/// The most lines a status takes; it rises over the bottom of the body
/// rather than being cut at the screen's edge.
const STATUS_LINES: usize = 3;

fn draw_hints(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let line = match &app.status {
        Some(status) => {
            let style = if status.is_error { theme::error() } else { theme::ok() };
            let mut lines = super::fit::wrap(&status.text, usize::from(area.width));
            if lines.len() > STATUS_LINES {
                lines.truncate(STATUS_LINES);
                let last = lines.pop().unwrap_or_default();
                lines.push(super::fit::fit(&format!("{last}…"), usize::from(area.width)));
            }
            let rows = u16::try_from(lines.len()).unwrap_or(1).max(1);
            let up = rows.saturating_sub(1).min(area.y);
            let above = Rect { y: area.y - up, height: area.height + up, ..area };
            frame.render_widget(ratatui::widgets::Clear, above);
            let text: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
            frame.render_widget(Paragraph::new(text), above);
            return;
        }
        None => {
            // In order of importance (`? help` first); an entry that does
            // not fit whole is left out rather than cut.
            let mut spans = Vec::new();
            let mut used = 0usize;
            for (key, msg) in hint_entries(app.context()) {
                let text = format!(" {}  ", app.lang.t(msg));
                let width =
                    unicode_width::UnicodeWidthStr::width(key) + unicode_width::UnicodeWidthStr::width(text.trim_end());
                if used + width > usize::from(area.width) {
                    break;
                }
                used += width + 2;
                spans.push(Span::styled(key, theme::key()));
                spans.push(Span::raw(text));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}
