//! Colours and styles, in one place so the tabs agree.

use ratatui::style::{Color, Modifier, Style};

pub const MUTED: Color = Color::DarkGray;

pub fn title() -> Style {
    Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn header() -> Style {
    Style::default().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
pub fn muted() -> Style {
    Style::default().fg(MUTED)
}
pub fn key() -> Style {
    Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn label() -> Style {
    Style::default().fg(Color::Gray)
}
pub fn focused_label() -> Style {
    Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn input() -> Style {
    Style::default().bg(Color::Black)
}
pub fn input_focused() -> Style {
    Style::default().bg(Color::DarkGray).fg(Color::White)
}
pub fn error() -> Style {
    Style::default().fg(Color::Red)
}
pub fn warning() -> Style {
    Style::default().fg(Color::Yellow)
}
pub fn ok() -> Style {
    Style::default().fg(Color::Green)
}
pub fn popup_list() -> Style {
    Style::default().bg(Color::Blue).fg(Color::White)
}
pub fn overdue() -> Style {
    Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
}
/// The selected row of a list whose keys go elsewhere just now.
pub fn selected_inactive() -> Style {
    Style::default().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
}
