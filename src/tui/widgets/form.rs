//! What every form shares: a label column, one line per field, the
//! validation message right under its field, and the discard question.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::popup::clear;
use super::text_field::TextField;
use crate::i18n::{Lang, Msg};
use crate::tui::theme;

/// How a field shows its value.
pub enum FieldValue<'a> {
    Text(&'a TextField),
    /// A choice among fixed values, cycled with ←/→.
    Choice(String),
    /// Several lines that wrap.
    Area(&'a ratatui_textarea::TextArea<'static>),
    /// Items on one line (a multiple choice), the one at the index kept
    /// in view.
    Items(Vec<String>, usize),
}

impl FieldValue<'_> {
    /// Lines the value takes on screen.
    fn height(&self) -> u16 {
        match self {
            FieldValue::Area(_) => super::record_form::AREA_LINES,
            _ => 1,
        }
    }
}

pub struct FieldView<'a> {
    pub label: &'a str,
    pub value: FieldValue<'a>,
    pub error: Option<String>,
    pub focused: bool,
    /// A typed character replaces the text: drawn selected.
    pub replaced: bool,
}

/// Draws a framed form into `area`: fields, then `footer` lines; returns the
/// cursor of the focused text field.
pub fn render_form(
    area: Rect,
    buf: &mut Buffer,
    title: &str,
    fields: &[FieldView<'_>],
    footer: &[Line<'_>],
) -> Option<Position> {
    clear(area, buf);
    let block = Block::default().borders(Borders::ALL).title(Line::from(title.to_string()).style(theme::title()));
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.width < 4 || inner.height == 0 {
        return None;
    }
    let label_width = label_width(fields.iter().map(|f| f.label), inner.width);
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let mut cursor = None;
    for field in fields {
        if y >= bottom {
            break;
        }
        let label_style = if field.focused { theme::focused_label() } else { theme::label() };
        buf.set_stringn(inner.x, y, field.label, usize::from(label_width - 1), label_style);
        let height = field.value.height().min(bottom - y);
        let value_area = Rect { x: inner.x + label_width, y, width: inner.width.saturating_sub(label_width), height };
        let style = if field.focused { theme::input_focused() } else { theme::input() };
        match &field.value {
            FieldValue::Text(text) => {
                let style = if field.replaced && !text.text().is_empty() { theme::selected() } else { style };
                let at = text.render(value_area, buf, style);
                if field.focused {
                    cursor = at;
                }
            }
            FieldValue::Choice(choice) => {
                buf.set_style(value_area, style);
                let shown = if field.focused { format!("< {choice} >") } else { choice.clone() };
                buf.set_stringn(value_area.x, y, shown, usize::from(value_area.width), style);
            }
            FieldValue::Items(items, at) => {
                buf.set_style(value_area, style);
                let shown = window(items, *at, usize::from(value_area.width));
                buf.set_stringn(value_area.x, y, shown, usize::from(value_area.width), style);
            }
            FieldValue::Area(text) => {
                // The area carries its own style (set by the form when the
                // focus moves); drawing it copies nothing.
                buf.set_style(value_area, style);
                text.render(value_area, buf);
                if field.focused {
                    let at = text.screen_cursor();
                    let (top, left) = text.scroll_offset();
                    let x = value_area.x + (at.col as u16).saturating_sub(left);
                    let y = value_area.y + (at.row as u16).saturating_sub(top);
                    if x < value_area.right() && y < value_area.bottom() {
                        cursor = Some(Position { x, y });
                    }
                }
            }
        }
        y += height;
        if let Some(error) = &field.error
            && y < bottom
        {
            buf.set_stringn(value_area.x, y, error, usize::from(value_area.width), theme::error());
            y += 1;
        }
    }
    if y < bottom {
        let rest = Rect {
            x: inner.x,
            y: y + 1.min(bottom - y - 1),
            width: inner.width,
            height: bottom - y - 1.min(bottom - y - 1),
        };
        Paragraph::new(footer.to_vec()).wrap(Wrap { trim: true }).render(rest, buf);
    }
    cursor
}

/// As many items as fit in `width` cells around item `at`, with `…` where
/// some are left out.
fn window(items: &[String], at: usize, width: usize) -> String {
    const GAP: usize = 2;
    let w = |s: &String| s.width();
    let total: usize = items.iter().map(|i| w(i) + GAP).sum();
    if total <= width + GAP {
        return items.join("  ");
    }
    let at = at.min(items.len().saturating_sub(1));
    // Start at the cursor's item and take earlier ones while they fit.
    let mut start = at;
    let mut used = items.get(at).map(w).unwrap_or(0) + 4;
    while start > 0 && used + w(&items[start - 1]) + GAP <= width {
        start -= 1;
        used += w(&items[start]) + GAP;
    }
    let mut end = at + 1;
    while end < items.len() && used + w(&items[end]) + GAP <= width {
        used += w(&items[end]) + GAP;
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push_str("… ");
    }
    out.push_str(&items[start..end].join("  "));
    if end < items.len() {
        out.push_str(" …");
    }
    out
}

/// Width of the label column, the same for every field of a form.
pub fn label_width<'a>(labels: impl Iterator<Item = &'a str>, inner_width: u16) -> u16 {
    labels.map(|l| l.width()).max().unwrap_or(0).min(usize::from(inner_width / 3)) as u16 + 2
}

/// The line asking whether to throw away what was typed.
pub fn discard_question(lang: Lang) -> Line<'static> {
    Line::from(lang.t(Msg::DiscardQuestion)).style(theme::warning().add_modifier(Modifier::BOLD))
}
