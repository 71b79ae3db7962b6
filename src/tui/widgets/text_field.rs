//! A one-line text field that knows display width: Chinese characters take
//! two cells, the cursor lands where the terminal draws it (so an IME's
//! candidate window appears in the right place), and long text scrolls.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use unicode_width::UnicodeWidthChar;

/// The most characters one field takes: a pasted 10 MB text is cut here
/// and the user is told.
pub const MAX_CHARS: usize = 2000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextField {
    chars: Vec<char>,
    cursor: usize,
}

/// What an edit did, so the form can say when input was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Unchanged,
    /// Some input was dropped because the field is full.
    Truncated,
    /// The key is not an editing key.
    NotMine,
}

impl TextField {
    pub fn with_text(text: &str) -> TextField {
        let chars: Vec<char> = clean(text).take(MAX_CHARS).collect();
        TextField { cursor: chars.len(), chars }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    pub fn set_text(&mut self, text: &str) {
        *self = TextField::with_text(text);
    }

    /// Inserts typed or pasted text at the cursor; control characters and
    /// line breaks become spaces (a field is one line).
    pub fn insert_str(&mut self, text: &str) -> Edit {
        let room = MAX_CHARS.saturating_sub(self.chars.len());
        let mut incoming = clean(text);
        let taken: Vec<char> = incoming.by_ref().take(room).collect();
        let truncated = incoming.next().is_some();
        let inserted = taken.len();
        self.chars.splice(self.cursor..self.cursor, taken);
        self.cursor += inserted;
        if truncated {
            Edit::Truncated
        } else if inserted > 0 {
            Edit::Changed
        } else {
            Edit::Unchanged
        }
    }

    /// Applies an editing key.
    pub fn on_key(&mut self, key: &KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('u') if ctrl => {
                let changed = self.cursor > 0;
                self.chars.drain(0..self.cursor);
                self.cursor = 0;
                changed_if(changed)
            }
            KeyCode::Char('a') if ctrl => self.move_to(0),
            KeyCode::Char('e') if ctrl => self.move_to(self.chars.len()),
            KeyCode::Char(_) if ctrl => Edit::NotMine,
            KeyCode::Char(c) => {
                let mut buf = [0u8; 4];
                self.insert_str(c.encode_utf8(&mut buf))
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
                Edit::Changed
            }
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
                Edit::Changed
            }
            KeyCode::Backspace | KeyCode::Delete => Edit::Unchanged,
            KeyCode::Left => self.move_to(self.cursor.saturating_sub(1)),
            KeyCode::Right => self.move_to((self.cursor + 1).min(self.chars.len())),
            KeyCode::Home => self.move_to(0),
            KeyCode::End => self.move_to(self.chars.len()),
            _ => Edit::NotMine,
        }
    }

    fn move_to(&mut self, cursor: usize) -> Edit {
        self.cursor = cursor;
        Edit::Unchanged
    }

    /// Draws the field into one line of `area`, scrolled so the cursor is
    /// visible; returns where the cursor is on screen.
    pub fn render(&self, area: Rect, buf: &mut Buffer, style: Style) -> Option<Position> {
        if area.width == 0 || area.height == 0 {
            return None;
        }
        let width = usize::from(area.width);
        // Scroll: start far enough right that the text before the cursor,
        // plus one cell for the cursor itself, fits.
        let mut start = self.cursor;
        let mut used = 1;
        while start > 0 {
            let w = char_width(self.chars[start - 1]);
            if used + w > width {
                break;
            }
            used += w;
            start -= 1;
        }
        buf.set_style(Rect { height: 1, ..area }, style);
        let mut x = 0usize;
        let mut cursor_x = None;
        for (i, &c) in self.chars.iter().enumerate().skip(start) {
            if i == self.cursor {
                cursor_x = Some(x);
            }
            let w = char_width(c);
            if x + w > width {
                break;
            }
            let mut s = [0u8; 4];
            buf.set_string(area.x + x as u16, area.y, c.encode_utf8(&mut s), style);
            x += w;
        }
        let cursor_x = cursor_x.unwrap_or(x).min(width - 1);
        Some(Position { x: area.x + cursor_x as u16, y: area.y })
    }
}

fn changed_if(changed: bool) -> Edit {
    if changed { Edit::Changed } else { Edit::Unchanged }
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0).max(1)
}

fn clean(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| *c != '\r').map(|c| if c.is_control() { ' ' } else { c })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(field: &mut TextField, code: KeyCode) -> Edit {
        field.on_key(&KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn edits_chinese_text_by_character() {
        let mut f = TextField::with_text("中国铁路");
        press(&mut f, KeyCode::Backspace);
        press(&mut f, KeyCode::Left);
        press(&mut f, KeyCode::Char('X'));
        assert_eq!(f.text(), "中国X铁");
    }

    #[test]
    fn a_huge_paste_is_cut_and_reported() {
        let mut f = TextField::default();
        let paste = "很长的文本\n".repeat(2_000_000);
        assert_eq!(f.insert_str(&paste), Edit::Truncated);
        assert_eq!(f.text().chars().count(), MAX_CHARS);
        assert!(!f.text().contains('\n'));
    }

    #[test]
    fn cursor_stays_visible_in_a_narrow_field() {
        let f = TextField::with_text("中国铁路建设集团有限公司");
        let mut buf = Buffer::empty(Rect::new(0, 0, 7, 1));
        let pos = f.render(Rect::new(0, 0, 7, 1), &mut buf, Style::default());
        assert_eq!(pos, Some(Position { x: 6, y: 0 }));
        let mut one = Buffer::empty(Rect::new(0, 0, 1, 1));
        assert!(f.render(Rect::new(0, 0, 1, 1), &mut one, Style::default()).is_some());
    }
}
