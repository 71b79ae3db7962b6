//! Drawing the whole screen from the app's state: tab bar, the tab, the
//! hint bar, then any overlay. Reads state only; never the database.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Tabs, Wrap};

use super::app::{App, Overlay, Tab};
use super::keymap::hint_entries;
use super::layout::{MIN_HEIGHT, MIN_WIDTH, frame_parts};
use super::theme;
use super::widgets::help::render_help;
use super::widgets::popup::{centered, clear};
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
    let mut cursor = None;
    match app.tab {
        Tab::Accounts => cursor = app.accounts.render(frame, body, app.lang),
        Tab::Pipeline => cursor = app.pipeline.render(frame, body, app.lang, app.today),
        Tab::Visits => app.visits.render(frame, body, app.lang, app.today),
        Tab::Reports => app.reports.render(frame, body, app.lang),
    }
    draw_hints(app, frame, hints_area);
    let cursor = match &app.overlay {
        None => cursor,
        Some(Overlay::Record(editor)) => editor.form.render(area, frame.buffer_mut()),
        Some(Overlay::DealForm(editor)) => editor.form.render(area, frame.buffer_mut()),
        Some(Overlay::Deal(view)) => {
            view.render(area, frame.buffer_mut(), app.lang, app.reports.utc_offset);
            None
        }
        Some(Overlay::Confirm(confirm)) => {
            draw_confirm(frame, area, &confirm.question);
            None
        }
        Some(Overlay::Help(scroll)) => {
            let stage = (app.tab == Tab::Pipeline).then(|| app.pipeline.stage());
            render_help(area, frame.buffer_mut(), app.lang, app.context(), stage, *scroll);
            None
        }
        Some(Overlay::Welcome) => {
            draw_welcome(app, frame, area);
            None
        }
        Some(Overlay::Activity(form)) => form.render(area, frame.buffer_mut(), app.lang),
        Some(Overlay::Daily(form)) => form.render(area, frame.buffer_mut(), app.lang),
    };
    if let Some(position) = cursor {
        frame.set_cursor_position(position);
    }
}

fn draw_tabs(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let titles = Tab::ALL.iter().enumerate().map(|(i, t)| Line::from(format!("{} {}", i + 1, app.lang.t(t.label()))));
    let selected = Tab::ALL.iter().position(|t| *t == app.tab);
    let tabs = Tabs::new(titles).select(selected).highlight_style(theme::selected()).divider("|");
    let name = Rect { width: area.width.min(5), ..area };
    let rest = Rect { x: area.x + name.width, width: area.width - name.width, ..area };
    frame.render_widget(Paragraph::new(Span::styled(" kam ", theme::title())), name);
    frame.render_widget(tabs, rest);
}

fn draw_hints(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let line = match &app.status {
        Some(status) => Line::styled(status.text.clone(), if status.is_error { theme::error() } else { theme::ok() }),
        None => {
            let mut spans = Vec::new();
            for (key, msg) in hint_entries(app.context()) {
                spans.push(Span::styled(key, theme::key()));
                spans.push(Span::raw(format!(" {}  ", app.lang.t(msg))));
            }
            Line::from(spans)
        }
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn draw_welcome(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let popup = centered(area, 64, 10);
    clear(popup, frame.buffer_mut());
    let lines = vec![
        Line::styled(app.lang.t(Msg::WelcomeTitle), theme::title()),
        Line::raw(""),
        Line::raw(app.lang.t(Msg::WelcomeBody)),
        Line::raw(""),
        Line::from(vec![Span::styled("d  ", theme::key()), Span::raw(app.lang.t(Msg::WelcomeDemo))]),
        Line::from(vec![Span::styled("Esc  ", theme::key()), Span::raw(app.lang.t(Msg::WelcomeEmpty))]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(Block::default().borders(Borders::ALL)),
        popup,
    );
}

fn draw_confirm(frame: &mut Frame<'_>, area: Rect, question: &str) {
    let popup = centered(area, 64, 5);
    clear(popup, frame.buffer_mut());
    frame.render_widget(
        Paragraph::new(Line::styled(question.to_string(), theme::warning()))
            .wrap(Wrap { trim: true })
            .block(Block::default().borders(Borders::ALL).border_style(theme::warning())),
        popup,
    );
}
