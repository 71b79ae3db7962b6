//! The form engine: text fields, choices and multi-line text areas, the
//! same keys everywhere (SPEC §4, from the binding table), validation
//! messages under their fields. The form only edits; its owner checks and
//! saves. Fields are named by a key type of the owner's (an enum), so a
//! misspelt field is a compile error, not a value that reads empty.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::keymap::{Action, Context};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::form::{FieldValue, FieldView, discard_question, render_form};
use super::popup::centered;
use super::text_field::{Edit, TextField};
use crate::i18n::{Lang, Msg};
use crate::tui::theme;

/// What names a form's fields: an enum of the owner's.
pub trait FieldKey: Copy + PartialEq + std::fmt::Debug {}

impl<T: Copy + PartialEq + std::fmt::Debug> FieldKey for T {}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field<K> {
    /// What the owner asks for when it reads the form.
    pub key: K,
    pub label: String,
    pub input: Input,
    pub error: Option<String>,
    /// Not shown and skipped (the lost reason until the outcome is a loss).
    pub hidden: bool,
}

/// Lines a text area shows; longer text scrolls inside it.
pub const AREA_LINES: u16 = 4;

/// The most a text area holds (a day's summary is a few hundred).
pub const AREA_MAX_CHARS: usize = 4000;

#[derive(Debug, Clone)]
pub enum Input {
    Text(TextField),
    /// (stored code, label shown); cycled with ←/→ or Space.
    Choice {
        options: Vec<(String, String)>,
        index: usize,
    },
    /// Several of `options` (the contacts met): ←/→ move, Space or the
    /// option's number ticks, a letter jumps to the option it starts.
    Multi {
        options: Vec<(String, String)>,
        cursor: usize,
        chosen: Vec<bool>,
    },
    /// Several lines that wrap: Enter is a new line, Tab leaves.
    Area(Box<TextArea<'static>>),
    /// Text with suggestions from the owner (an account by name or pinyin):
    /// ↑/↓ pick one, Tab or Enter takes it.
    Lookup {
        text: TextField,
        suggestions: Vec<(i64, String)>,
        index: usize,
        /// What was taken, while the text still names it.
        picked: Option<(i64, String)>,
    },
}

impl<K: FieldKey> Field<K> {
    pub fn text(key: K, label: &str, value: &str) -> Field<K> {
        Field {
            key,
            label: label.to_string(),
            input: Input::Text(TextField::with_text(value)),
            error: None,
            hidden: false,
        }
    }

    /// A choice among `options`, starting at the one whose code is `value`.
    pub fn choice(key: K, label: &str, options: Vec<(String, String)>, value: &str) -> Field<K> {
        let index = options.iter().position(|(code, _)| code == value).unwrap_or(0);
        Field { key, label: label.to_string(), input: Input::Choice { options, index }, error: None, hidden: false }
    }

    /// Several of `options`, those whose codes are in `values` ticked.
    pub fn multi(key: K, label: &str, options: Vec<(String, String)>, values: &[String]) -> Field<K> {
        let chosen = options.iter().map(|(code, _)| values.contains(code)).collect();
        Field {
            key,
            label: label.to_string(),
            input: Input::Multi { options, cursor: 0, chosen },
            error: None,
            hidden: false,
        }
    }

    /// A multi-line text that wraps (a summary, a plan, notes).
    pub fn area(key: K, label: &str, value: &str) -> Field<K> {
        let lines: Vec<String> =
            if value.is_empty() { vec![String::new()] } else { value.lines().map(String::from).collect() };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::default());
        area.move_cursor(CursorMove::Bottom);
        area.move_cursor(CursorMove::End);
        Field { key, label: label.to_string(), input: Input::Area(Box::new(area)), error: None, hidden: false }
    }

    /// Text the owner may suggest for; `picked` is what it already names.
    pub fn lookup(key: K, label: &str, picked: Option<(i64, String)>) -> Field<K> {
        let text = TextField::with_text(picked.as_ref().map(|(_, name)| name.as_str()).unwrap_or(""));
        let input = Input::Lookup { text, suggestions: Vec::new(), index: 0, picked };
        Field { key, label: label.to_string(), input, error: None, hidden: false }
    }

    fn value(&self) -> String {
        match &self.input {
            Input::Text(t) | Input::Lookup { text: t, .. } => t.text(),
            Input::Choice { options, index } => options.get(*index).map(|(c, _)| c.clone()).unwrap_or_default(),
            Input::Multi { options, chosen, .. } => options
                .iter()
                .zip(chosen)
                .filter(|(_, on)| **on)
                .map(|((code, _), _)| code.as_str())
                .collect::<Vec<_>>()
                .join(","),
            Input::Area(area) => area.lines().join("\n"),
        }
    }

    /// Text a typed character replaces whole (a prefilled date, a name).
    fn is_text(&self) -> bool {
        matches!(self.input, Input::Text(_) | Input::Lookup { .. })
    }

    fn is_area(&self) -> bool {
        matches!(self.input, Input::Area(_))
    }
}

/// What the owner should do after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormEvent {
    Stay,
    /// Check and save (Ctrl-S, or Enter on the last field).
    Submit,
    Close,
    Quit,
}

/// Makes the label of a field added by `Ctrl-N` (the next "why?").
pub type GrowLabel = fn(Lang, usize) -> String;

#[derive(Debug, Clone)]
pub struct RecordForm<K> {
    pub title: String,
    pub fields: Vec<Field<K>>,
    focus: usize,
    initial: Vec<String>,
    confirm_discard: bool,
    /// A line under the fields: a warning or a note.
    pub notice: Option<(String, bool)>,
    /// Forms that grow (the why-chain): Enter on a filled last field adds
    /// another, and this makes its label.
    grow: Option<(K, GrowLabel)>,
    /// The line of keys under the fields.
    keys: Msg,
    /// The field whose value a key changed, for the owner to follow up
    /// (suggestions, the options of another field).
    changed: Option<K>,
    /// The focused field is untouched since the cursor came: a typed
    /// character replaces its text (a prefilled date is retyped, not
    /// appended to).
    fresh: bool,
    lang: Lang,
}

impl<K: FieldKey> RecordForm<K> {
    pub fn new(lang: Lang, title: String, fields: Vec<Field<K>>) -> RecordForm<K> {
        let initial = fields.iter().map(Field::value).collect();
        // Start where typing is needed: the first empty text.
        let focus =
            fields.iter().position(|f| (f.is_text() || f.is_area()) && f.value().trim().is_empty()).unwrap_or(0);
        let mut form = RecordForm {
            title,
            fields,
            focus,
            initial,
            confirm_discard: false,
            notice: None,
            grow: None,
            keys: Msg::RecordFormKeys,
            changed: None,
            fresh: true,
            lang,
        };
        form.style_areas();
        form
    }

    /// Lets Enter on a filled last field add another field with `key`.
    pub fn growing(mut self, key: K, label: GrowLabel) -> RecordForm<K> {
        self.grow = Some((key, label));
        self.keys = Msg::WhyChainKeys;
        self
    }

    /// A form holding a record to correct starts on its first field (a
    /// new one starts on its first empty field).
    pub fn editing(mut self, is_edit: bool) -> RecordForm<K> {
        if is_edit {
            self.focus = 0;
            self.style_areas();
        }
        self
    }

    /// Another line of keys under the fields (a form of text areas).
    pub fn with_keys(mut self, keys: Msg) -> RecordForm<K> {
        self.keys = keys;
        self
    }

    /// The value of field `key` (the code of a choice).
    pub fn value(&self, key: K) -> String {
        self.fields.iter().find(|f| f.key == key).map(Field::value).unwrap_or_default()
    }

    /// The record a lookup field names: what was picked, while its text
    /// still reads the same.
    pub fn picked(&self, key: K) -> Option<i64> {
        self.fields.iter().find(|f| f.key == key).and_then(|f| match &f.input {
            Input::Lookup { text, picked: Some((id, name)), .. } if *name == text.text() => Some(*id),
            _ => None,
        })
    }

    /// New suggestions for a lookup field (the first is selected).
    pub fn set_suggestions(&mut self, key: K, list: Vec<(i64, String)>) {
        if let Some(Field { input: Input::Lookup { suggestions, index, .. }, .. }) =
            self.fields.iter_mut().find(|f| f.key == key)
        {
            *suggestions = list;
            *index = 0;
        }
    }

    /// New options for a choice (or a multiple choice); it keeps the
    /// values the new list still has.
    pub fn set_options(&mut self, key: K, list: Vec<(String, String)>) {
        match self.fields.iter_mut().find(|f| f.key == key).map(|f| &mut f.input) {
            Some(Input::Choice { options, index }) => {
                let current = options.get(*index).map(|(code, _)| code.clone()).unwrap_or_default();
                *index = list.iter().position(|(code, _)| *code == current).unwrap_or(0);
                *options = list;
            }
            Some(Input::Multi { options, cursor, chosen }) => {
                let was: Vec<String> =
                    options.iter().zip(chosen.iter()).filter(|(_, on)| **on).map(|((c, _), _)| c.clone()).collect();
                *chosen = list.iter().map(|(code, _)| was.contains(code)).collect();
                *cursor = 0;
                *options = list;
            }
            _ => {}
        }
    }

    /// Sets a field's value: a text's text, a choice's option by code.
    pub fn set_value(&mut self, key: K, value: &str) {
        let Some(field) = self.fields.iter_mut().find(|f| f.key == key) else { return };
        match &mut field.input {
            Input::Text(t) => t.set_text(value),
            Input::Lookup { text, picked, .. } => {
                text.set_text(value);
                *picked = None;
            }
            Input::Choice { options, index } => {
                if let Some(at) = options.iter().position(|(code, _)| code == value) {
                    *index = at;
                }
            }
            Input::Multi { options, chosen, .. } => {
                let codes: Vec<&str> = value.split(',').collect();
                *chosen = options.iter().map(|(code, _)| codes.contains(&code.as_str())).collect();
            }
            Input::Area(area) => {
                // A fresh area with the text, the caret at its end.
                let Input::Area(fresh) = Field::<K>::area(key, "", value).input else { return };
                **area = *fresh;
            }
        }
        self.style_areas();
    }

    /// What the form holds now counts as unchanged (a record loaded into
    /// it): Esc closes without asking.
    pub fn mark_clean(&mut self) {
        self.initial = self.fields.iter().map(Field::value).collect();
    }

    /// The field the cursor is on.
    pub fn focused(&self) -> Option<K> {
        self.fields.get(self.focus).map(|f| f.key)
    }

    /// Puts the cursor on a field.
    pub fn focus_on(&mut self, key: K) {
        if let Some(at) = self.fields.iter().position(|f| f.key == key) {
            self.focus = at;
            self.fresh = true;
        }
        self.style_areas();
    }

    /// The field a key changed since the last call, if any.
    pub fn take_changed(&mut self) -> Option<K> {
        self.changed.take()
    }

    /// Every value of the fields named `key`, in order (the why-chain).
    pub fn values(&self, key: K) -> Vec<String> {
        self.fields.iter().filter(|f| f.key == key).map(Field::value).collect()
    }

    /// Clears old messages and puts `errors` under their fields; focus goes
    /// to the first field in error.
    pub fn show_errors(&mut self, errors: &[(K, String)]) {
        for field in &mut self.fields {
            field.error = None;
        }
        for (key, message) in errors {
            if let Some(field) = self.fields.iter_mut().find(|f| f.key == *key) {
                field.error = Some(message.clone());
            }
        }
        if let Some(first) = self.fields.iter().position(|f| f.error.is_some() && !f.hidden) {
            self.focus = first;
            self.fresh = true;
        }
        self.style_areas();
    }

    fn is_dirty(&self) -> bool {
        self.fields.len() != self.initial.len() || self.fields.iter().zip(&self.initial).any(|(f, v)| f.value() != *v)
    }

    pub fn on_paste(&mut self, text: &str) {
        match self.fields.get_mut(self.focus) {
            Some(Field { input: Input::Text(field), error, .. }) => {
                let edit = field.insert_str(text);
                *error = None;
                if edit == Edit::Truncated {
                    self.notice = Some((self.lang.t(Msg::TextCut).to_string(), true));
                }
            }
            Some(Field { key, input: Input::Lookup { text: field, .. }, error, .. }) => {
                let edit = field.insert_str(text);
                *error = None;
                self.changed = Some(*key);
                if edit == Edit::Truncated {
                    self.notice = Some((self.lang.t(Msg::TextCut).to_string(), true));
                }
            }
            Some(Field { input: Input::Area(area), error, .. }) => {
                // A pasted text keeps its lines; a huge one is cut like a field's.
                let room = AREA_MAX_CHARS.saturating_sub(area.lines().iter().map(|l| l.chars().count() + 1).sum());
                let taken: String = text.replace("\r\n", "\n").chars().take(room).collect();
                if taken.chars().count() < text.chars().count() {
                    self.notice = Some((self.lang.t(Msg::TextCut).to_string(), true));
                }
                area.insert_str(taken);
                *error = None;
            }
            _ => {}
        }
    }

    /// The focused field is a text area: Enter and ↑/↓ belong to it.
    fn in_area(&self) -> bool {
        self.fields.get(self.focus).is_some_and(Field::is_area)
    }

    pub fn on_key(&mut self, key: &KeyEvent) -> FormEvent {
        let before = self.focus;
        let event = self.key_event(key);
        if self.focus != before {
            self.fresh = true;
        }
        self.style_areas();
        event
    }

    /// Gives each text area the look of its state (focused or not) when
    /// the state changes, so drawing a frame needs no copy of the text.
    fn style_areas(&mut self) {
        for (i, field) in self.fields.iter_mut().enumerate() {
            if let Input::Area(area) = &mut field.input {
                let style = if i == self.focus { theme::input_focused() } else { theme::input() };
                area.set_style(style);
                // Only the focused area shows its caret (the terminal's, so
                // an input method opens at the right place).
                area.set_cursor_style(if i == self.focus { Style::default() } else { style });
            }
        }
    }

    fn key_event(&mut self, key: &KeyEvent) -> FormEvent {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') {
            return FormEvent::Quit;
        }
        if self.confirm_discard {
            self.confirm_discard = false;
            return if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                FormEvent::Close
            } else {
                FormEvent::Stay
            };
        }
        let last = self.fields.iter().rposition(|f| !f.hidden).unwrap_or(0);
        if self.on_suggestions(key) {
            return FormEvent::Stay;
        }
        let mut action = crate::tui::keymap::action_for(Context::Form, key);
        if matches!(action, Some(Action::NextOrSave | Action::NextField)) {
            self.take_suggestion();
        }
        if matches!(action, Some(Action::NextOrSave | Action::NextField | Action::PreviousField)) {
            self.clear_suggestions();
        }
        // In a text area Enter is a new line and ↑/↓ move in the text; Tab
        // and Shift-Tab leave it.
        if self.in_area() && matches!(key.code, KeyCode::Enter | KeyCode::Up | KeyCode::Down) {
            action = None;
        }
        // The form's keys come from the one binding table (so help and the
        // hint line list them); every other key edits the field.
        match action {
            Some(Action::Save) => FormEvent::Submit,
            Some(Action::Quit) => FormEvent::Quit,
            Some(Action::Close) if self.is_dirty() => {
                self.confirm_discard = true;
                FormEvent::Stay
            }
            Some(Action::Close) => FormEvent::Close,
            Some(Action::NextOrSave) if self.focus == last => {
                if self.grows_here() {
                    self.add_grown_field();
                    FormEvent::Stay
                } else {
                    FormEvent::Submit
                }
            }
            Some(Action::NextOrSave | Action::NextField) => {
                self.focus = self.step(true);
                FormEvent::Stay
            }
            Some(Action::PreviousField) => {
                self.focus = self.step(false);
                FormEvent::Stay
            }
            _ => {
                self.edit(key);
                FormEvent::Stay
            }
        }
    }

    /// The next (or previous) field shown, round the form.
    fn step(&self, forward: bool) -> usize {
        let n = self.fields.len().max(1);
        let mut at = self.focus;
        for _ in 0..n {
            at = if forward { (at + 1) % n } else { (at + n - 1) % n };
            if !self.fields.get(at).is_some_and(|f| f.hidden) {
                return at;
            }
        }
        self.focus
    }

    /// Shows or hides the fields named `key`.
    pub fn set_hidden(&mut self, key: K, hidden: bool) {
        for field in self.fields.iter_mut().filter(|f| f.key == key) {
            field.hidden = hidden;
        }
        // The cursor never rests on a field that is not shown.
        if self.fields.get(self.focus).is_some_and(|f| f.hidden) {
            self.focus = self.fields.iter().position(|f| !f.hidden).unwrap_or(0);
            self.fresh = true;
        }
    }

    /// ↑/↓ while a lookup shows suggestions move among them.
    fn on_suggestions(&mut self, key: &KeyEvent) -> bool {
        let Some(Field { input: Input::Lookup { suggestions, index, .. }, .. }) = self.fields.get_mut(self.focus)
        else {
            return false;
        };
        if suggestions.is_empty() {
            return false;
        }
        let n = suggestions.len();
        match key.code {
            KeyCode::Down => *index = (*index + 1) % n,
            KeyCode::Up => *index = (*index + n - 1) % n,
            _ => return false,
        }
        true
    }

    /// Tab or Enter on a lookup takes the selected suggestion.
    fn take_suggestion(&mut self) {
        if let Some(Field { key, input: Input::Lookup { text, suggestions, index, picked }, .. }) =
            self.fields.get_mut(self.focus)
            && let Some((id, name)) = suggestions.get(*index).cloned()
        {
            text.set_text(&name);
            *picked = Some((id, name));
            self.changed = Some(*key);
        }
    }

    fn clear_suggestions(&mut self) {
        for field in &mut self.fields {
            if let Input::Lookup { suggestions, .. } = &mut field.input {
                suggestions.clear();
            }
        }
    }

    /// Enter on the last field of a growing form adds a field while that
    /// one has text; on an empty one it saves.
    fn grows_here(&self) -> bool {
        self.grow.is_some() && self.fields.last().is_some_and(|f| !f.value().trim().is_empty())
    }

    fn add_grown_field(&mut self) {
        if let Some((key, label)) = self.grow {
            let n = self.fields.iter().filter(|f| f.key == key).count() + 1;
            self.fields.push(Field::text(key, &label(self.lang, n), ""));
            self.focus = self.fields.len() - 1;
        }
    }

    fn edit(&mut self, key: &KeyEvent) {
        let fresh = std::mem::replace(&mut self.fresh, false);
        let Some(field) = self.fields.get_mut(self.focus) else { return };
        if fresh && field.is_text() && !field.value().is_empty() {
            let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            let replaces = plain && matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace | KeyCode::Delete);
            if replaces {
                if let Input::Text(t) | Input::Lookup { text: t, .. } = &mut field.input {
                    t.set_text("");
                }
                field.error = None;
                self.changed = Some(field.key);
                if !matches!(key.code, KeyCode::Char(_)) {
                    return;
                }
            }
        }
        match &mut field.input {
            Input::Area(area) => {
                let full = area.lines().iter().map(|l| l.chars().count() + 1).sum::<usize>() >= AREA_MAX_CHARS;
                let adds = matches!(key.code, KeyCode::Char(_) | KeyCode::Enter)
                    && !key.modifiers.contains(KeyModifiers::CONTROL);
                if full && adds {
                    self.notice = Some((self.lang.t(Msg::TextCut).to_string(), true));
                } else if area.input(*key) {
                    field.error = None;
                }
            }
            Input::Text(text) => {
                let edit = text.on_key(key);
                if edit == Edit::Changed {
                    field.error = None;
                    self.changed = Some(field.key);
                }
            }
            Input::Lookup { text, .. } => {
                let edit = text.on_key(key);
                if matches!(edit, Edit::Changed | Edit::Truncated) {
                    field.error = None;
                    self.changed = Some(field.key);
                }
            }
            Input::Multi { options, cursor, chosen } => {
                let n = options.len().max(1);
                match key.code {
                    KeyCode::Right | KeyCode::Char('l') => *cursor = (*cursor + 1) % n,
                    KeyCode::Left | KeyCode::Char('h') => *cursor = (*cursor + n - 1) % n,
                    KeyCode::Char(' ') => {
                        if let Some(on) = chosen.get_mut(*cursor) {
                            *on = !*on;
                        }
                    }
                    // A digit ticks the option by its place in the list.
                    KeyCode::Char(c @ '1'..='9') => {
                        let at = c as usize - '1' as usize;
                        if let Some(on) = chosen.get_mut(at) {
                            *on = !*on;
                            *cursor = at;
                        }
                    }
                    KeyCode::Char(c) => {
                        let c = c.to_lowercase().to_string();
                        let starts = |(code, label): &(String, String)| {
                            label.to_lowercase().starts_with(&c) || code.to_lowercase().starts_with(&c)
                        };
                        if let Some(step) = (1..=n).find(|step| options.get((*cursor + step) % n).is_some_and(starts)) {
                            *cursor = (*cursor + step) % n;
                        }
                    }
                    _ => {}
                }
                field.error = None;
                self.changed = Some(field.key);
            }
            Input::Choice { options, index } => {
                let n = options.len().max(1);
                let before = *index;
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => *index = (*index + 1) % n,
                    KeyCode::Left | KeyCode::Char('h') => *index = (*index + n - 1) % n,
                    // A digit picks the option by its place in the list.
                    KeyCode::Char(c @ '1'..='9') => {
                        let at = c as usize - '1' as usize;
                        if at < options.len() {
                            *index = at;
                        }
                    }
                    // Another letter jumps to the next option starting with
                    // it, by label or code (`v` or `拜` picks Visit).
                    KeyCode::Char(c) => {
                        let starts = |(code, label): &(String, String)| {
                            let c = c.to_lowercase().to_string();
                            label.to_lowercase().starts_with(&c) || code.to_lowercase().starts_with(&c)
                        };
                        if let Some(step) = (1..=n).find(|step| options.get((*index + step) % n).is_some_and(starts)) {
                            *index = (*index + step) % n;
                        }
                    }
                    _ => {}
                }
                field.error = None;
                if *index != before {
                    self.changed = Some(field.key);
                }
            }
        }
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer) -> Option<Position> {
        let views: Vec<FieldView<'_>> = self
            .fields
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.hidden)
            .map(|(i, f)| FieldView {
                label: &f.label,
                value: match &f.input {
                    Input::Text(t) => FieldValue::Text(t),
                    Input::Choice { options, index } => {
                        FieldValue::Choice(options.get(*index).map(|(_, l)| l.clone()).unwrap_or_default())
                    }
                    Input::Area(a) => FieldValue::Area(a),
                    Input::Lookup { text, .. } => FieldValue::Text(text),
                    Input::Multi { options, cursor, chosen } => {
                        let (items, at) = multi_items(options, chosen, (i == self.focus).then_some(*cursor));
                        FieldValue::Items(items, at)
                    }
                },
                error: f.error.clone(),
                focused: i == self.focus,
                replaced: i == self.focus && self.fresh && f.is_text(),
            })
            .collect();
        let mut footer = Vec::new();
        if self.confirm_discard {
            footer.push(discard_question(self.lang));
        } else if let Some((notice, is_error)) = &self.notice {
            footer.push(Line::from(notice.clone()).style(if *is_error { theme::warning() } else { theme::ok() }));
        }
        footer.push(Line::from(self.lang.t(self.keys)).style(Style::default().fg(theme::MUTED)));
        let shown = || self.fields.iter().filter(|f| !f.hidden);
        let errors = shown().filter(|f| f.error.is_some()).count() as u16;
        let lines: u16 = shown().map(|f| if f.is_area() { AREA_LINES } else { 1 }).sum();
        let height = lines + errors + 6;
        let title = format!(" {} ", self.title);
        let popup = centered(area, 76, height);
        let cursor = render_form(popup, buf, &title, &views, &footer);
        self.render_suggestions(popup, buf);
        cursor
    }

    /// The focused lookup's suggestions, just under it.
    fn render_suggestions(&self, popup: Rect, buf: &mut Buffer) {
        let Some(Field { input: Input::Lookup { suggestions, index, .. }, .. }) = self.fields.get(self.focus) else {
            return;
        };
        let shown = self.fields.iter().filter(|f| !f.hidden);
        let label_width = super::form::label_width(shown.map(|f| f.label.as_str()), popup.width.saturating_sub(2));
        let x = popup.x + 1 + label_width;
        let width = popup.width.saturating_sub(label_width + 2);
        // The row under the field: the lines of the fields above it, their
        // messages included.
        let above: u16 = self.fields[..self.focus]
            .iter()
            .filter(|f| !f.hidden)
            .map(|f| if f.is_area() { AREA_LINES } else { 1 } + u16::from(f.error.is_some()))
            .sum();
        let top = popup.y + 2 + above;
        for (i, (_, name)) in suggestions.iter().enumerate() {
            let y = top + i as u16;
            if y + 1 >= popup.bottom() {
                break;
            }
            let style = if i == *index { theme::selected() } else { theme::popup_list() };
            // Blank the whole row first: the field's own text must not
            // show through at the edge.
            buf.set_stringn(x, y, " ".repeat(usize::from(width)), usize::from(width), style);
            buf.set_stringn(x + 1, y, name, usize::from(width.saturating_sub(1)), style);
        }
    }
}

/// A multiple choice on one line, `[x] 张伟  [ ] 李娜`, the option under
/// the cursor between `>` and `<` when focused; the items, for the form
/// to window around the cursor when they do not all fit.
fn multi_items(options: &[(String, String)], chosen: &[bool], cursor: Option<usize>) -> (Vec<String>, usize) {
    let items = options
        .iter()
        .zip(chosen)
        .enumerate()
        .map(|(i, ((_, label), on))| {
            let mark = if *on { "[x]" } else { "[ ]" };
            if cursor == Some(i) { format!(">{mark} {label}<") } else { format!("{mark} {label}") }
        })
        .collect();
    (items, cursor.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn why(_: Lang, n: usize) -> String {
        format!("Why {n}")
    }

    #[test]
    fn a_growing_form_adds_a_why_until_one_is_left_empty() {
        let mut form =
            RecordForm::new(Lang::En, "need".into(), vec![Field::text("stated", "Stated", "ERP")]).growing("why", why);
        assert_eq!(form.on_key(&key(KeyCode::Enter)), FormEvent::Stay, "the stated need is filled: ask why");
        for c in "slow".chars() {
            form.on_key(&key(KeyCode::Char(c)));
        }
        assert_eq!(form.on_key(&key(KeyCode::Enter)), FormEvent::Stay);
        assert_eq!(form.fields.len(), 3);
        assert_eq!(form.on_key(&key(KeyCode::Enter)), FormEvent::Submit, "an empty why ends the chain");
        assert_eq!(form.values("why"), vec!["slow".to_string(), String::new()]);
    }

    #[test]
    fn choices_cycle_and_esc_asks_when_dirty() {
        let options = vec![("a".to_string(), "A".to_string()), ("b".to_string(), "B".to_string())];
        let mut form = RecordForm::new(Lang::En, "t".into(), vec![Field::choice("tier", "Tier", options, "b")]);
        assert_eq!(form.value("tier"), "b");
        assert_eq!(form.on_key(&key(KeyCode::Esc)), FormEvent::Close);
        form.on_key(&key(KeyCode::Right));
        assert_eq!(form.value("tier"), "a");
        assert_eq!(form.on_key(&key(KeyCode::Esc)), FormEvent::Stay);
        assert_eq!(form.on_key(&key(KeyCode::Char('n'))), FormEvent::Stay);
        assert_eq!(form.on_key(&key(KeyCode::Esc)), FormEvent::Stay);
        assert_eq!(form.on_key(&key(KeyCode::Char('y'))), FormEvent::Close);
    }

    #[test]
    fn a_lookup_takes_the_chosen_suggestion_and_a_choice_jumps_by_typing() {
        let channels = vec![
            ("visit".to_string(), "Visit".to_string()),
            ("phone".to_string(), "Phone".to_string()),
            ("email_im".to_string(), "Email / IM".to_string()),
        ];
        let mut form = RecordForm::new(
            Lang::En,
            "t".into(),
            vec![Field::lookup("account", "Account", None), Field::choice("channel", "Channel", channels, "visit")],
        );
        form.on_key(&key(KeyCode::Char('p')));
        assert_eq!(form.take_changed(), Some("account"));
        form.set_suggestions("account", vec![(7, "平安银行".into()), (9, "浦发银行".into())]);
        form.on_key(&key(KeyCode::Down));
        assert_eq!(form.on_key(&key(KeyCode::Tab)), FormEvent::Stay);
        assert_eq!(form.value("account"), "浦发银行");
        assert_eq!(form.picked("account"), Some(9));
        form.on_key(&key(KeyCode::Char('e')));
        assert_eq!(form.value("channel"), "email_im", "a letter jumps to the option it starts");
        form.on_key(&key(KeyCode::Char('2')));
        assert_eq!(form.value("channel"), "phone", "a digit picks by place");
        form.set_options("channel", vec![("phone".into(), "Phone".into())]);
        assert_eq!(form.value("channel"), "phone", "new options keep the value they still have");
    }
}
