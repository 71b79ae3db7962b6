//! The activity form: the daily report entry, fast enough for every
//! evening. Enter goes field to field and saves on the last, Ctrl-S saves
//! anywhere, and after a save a fresh form waits for the next entry.

use crate::labels::Named;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::domain::{Channel, FieldError, parse_date};
use crate::i18n::{Lang, Msg};
use crate::labels::field_error;
use crate::store::{AccountSuggestion, NewActivity, Store, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::{Action, Context, action_for};
use crate::tui::popups::{Cx, Effect, Popup, Say, View};
use crate::tui::theme;
use crate::tui::widgets::form::{FieldValue, FieldView, discard_question, label_width, render_form, saved_style};
use crate::tui::widgets::popup::centered;
use crate::tui::widgets::text_field::{Edit, TextField};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Focus {
    Date,
    Account,
    Channel,
    Contact,
    Purpose,
    Result,
    NextStep,
    NextDate,
}

const ORDER: [Focus; 8] = [
    Focus::Date,
    Focus::Account,
    Focus::Channel,
    Focus::Contact,
    Focus::Purpose,
    Focus::Result,
    Focus::NextStep,
    Focus::NextDate,
];

/// What the form asks for after a key.
#[derive(Debug, Clone, PartialEq)]
pub enum FormOutcome {
    Stay,
    /// Save this activity (the app runs it, then tells `saved`).
    Submit(NewActivity),
    Close,
    Quit,
}

#[derive(Debug, Clone)]
pub struct ActivityForm {
    focus: Focus,
    date: TextField,
    account: TextField,
    /// The account picked for the text in `account`, if the text still
    /// names it.
    account_pick: Option<AccountSuggestion>,
    suggestions: Vec<AccountSuggestion>,
    suggestion: usize,
    channel: Channel,
    /// The account's contacts, and the one met (0: nobody in particular).
    contacts: Vec<(i64, String)>,
    contact: usize,
    purpose: TextField,
    result: TextField,
    next_step: TextField,
    next_date: TextField,
    errors: Vec<(Focus, FieldError)>,
    /// The form as it opened, to tell whether anything was typed.
    initial: Option<Box<ActivityForm>>,
    confirm_discard: bool,
    saved_count: usize,
    notice: Option<Msg>,
    /// The day of the activity being saved, for the next entry.
    pending_day: Option<NaiveDate>,
}

impl ActivityForm {
    /// A form for `date`, prefilled with an account when one is selected.
    pub fn new(date: NaiveDate, account: Option<AccountSuggestion>, channel: Channel) -> ActivityForm {
        let mut form = ActivityForm {
            focus: Focus::Date,
            date: TextField::with_text(&date.format("%Y-%m-%d").to_string()),
            account: TextField::with_text(account.as_ref().map(|a| a.name.as_str()).unwrap_or("")),
            account_pick: account.clone(),
            suggestions: Vec::new(),
            suggestion: 0,
            channel,
            contacts: Vec::new(),
            contact: 0,
            purpose: TextField::default(),
            result: TextField::default(),
            next_step: TextField::default(),
            next_date: TextField::default(),
            errors: Vec::new(),
            initial: None,
            confirm_discard: false,
            saved_count: 0,
            notice: None,
            pending_day: None,
        };
        // Start where typing is needed: on the purpose when the account is known.
        form.focus = if account.is_some() { Focus::Purpose } else { Focus::Account };
        form.initial = Some(Box::new(form.clone()));
        form
    }

    /// Loads the contacts of the account the form names, for the contact
    /// field (who was met: a visit with a decision maker moves a deal on).
    pub fn load_contacts(&mut self, store: &Store) {
        let account = self.account_pick.as_ref().filter(|p| p.name == self.account.text()).map(|p| p.id);
        let contacts = match account {
            Some(id) => store.contacts_of(id, 50).unwrap_or_default(),
            None => Vec::new(),
        };
        let new: Vec<(i64, String)> = contacts
            .into_iter()
            .map(|c| (c.id, format!("{}  {}", c.fields.name, c.fields.title).trim().to_string()))
            .collect();
        if new != self.contacts {
            self.contacts = new;
            self.contact = 0;
        }
    }

    fn is_dirty(&self) -> bool {
        let Some(initial) = &self.initial else { return false };
        self.date != initial.date
            || self.account != initial.account
            || self.channel != initial.channel
            || self.contact != initial.contact
            || self.purpose != initial.purpose
            || self.result != initial.result
            || self.next_step != initial.next_step
            || self.next_date != initial.next_date
    }

    pub fn saved_count(&self) -> usize {
        self.saved_count
    }

    pub fn on_paste(&mut self, text: &str, store: &Store) {
        if let Some(field) = self.text_field_mut() {
            let edit = field.insert_str(text);
            self.after_edit(edit, store);
        }
    }

    pub fn on_key(&mut self, key: &KeyEvent, store: &Store, today: NaiveDate) -> FormOutcome {
        let action = action_for(Context::Form, key);
        if action == Some(Action::Quit) {
            return FormOutcome::Quit;
        }
        if self.confirm_discard {
            return match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => FormOutcome::Close,
                _ => {
                    self.confirm_discard = false;
                    FormOutcome::Stay
                }
            };
        }
        // The form's keys come from the binding table; the account's
        // suggestions take ↑/↓ while they are shown.
        let suggesting = self.focus == Focus::Account && !self.suggestions.is_empty();
        match (action, key.code) {
            (Some(Action::Save), _) => self.submit(store, today),
            (_, KeyCode::Down) if suggesting => {
                self.suggestion = (self.suggestion + 1) % self.suggestions.len();
                FormOutcome::Stay
            }
            (_, KeyCode::Up) if suggesting => {
                self.suggestion = (self.suggestion + self.suggestions.len() - 1) % self.suggestions.len();
                FormOutcome::Stay
            }
            (Some(Action::Close), _) => {
                if self.is_dirty() {
                    self.confirm_discard = true;
                    FormOutcome::Stay
                } else {
                    FormOutcome::Close
                }
            }
            (Some(Action::NextOrSave), _) => {
                if self.focus == Focus::Account {
                    self.accept_suggestion();
                    self.load_contacts(store);
                }
                if self.focus == Focus::NextDate {
                    self.submit(store, today)
                } else {
                    self.move_focus(1);
                    FormOutcome::Stay
                }
            }
            (Some(Action::NextField), _) => {
                if self.focus == Focus::Account {
                    self.accept_suggestion();
                    self.load_contacts(store);
                }
                self.move_focus(1);
                FormOutcome::Stay
            }
            (Some(Action::PreviousField), _) => {
                self.move_focus(-1);
                FormOutcome::Stay
            }
            _ if self.focus == Focus::Channel => {
                self.on_channel_key(key);
                FormOutcome::Stay
            }
            _ if self.focus == Focus::Contact => {
                let n = self.contacts.len() + 1;
                match key.code {
                    KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => self.contact = (self.contact + 1) % n,
                    KeyCode::Left | KeyCode::Char('h') => self.contact = (self.contact + n - 1) % n,
                    _ => {}
                }
                FormOutcome::Stay
            }
            _ => {
                if let Some(field) = self.text_field_mut() {
                    let edit = field.on_key(key);
                    self.after_edit(edit, store);
                }
                FormOutcome::Stay
            }
        }
    }

    fn on_channel_key(&mut self, key: &KeyEvent) {
        let all = Channel::ALL;
        let at = all.iter().position(|c| *c == self.channel).unwrap_or(0);
        match key.code {
            KeyCode::Right | KeyCode::Char(' ') | KeyCode::Char('l') => self.channel = all[(at + 1) % all.len()],
            KeyCode::Left | KeyCode::Char('h') => self.channel = all[(at + all.len() - 1) % all.len()],
            KeyCode::Char(c) => {
                // A digit picks the channel by its place in the list.
                if let Some(n) =
                    c.to_digit(10).and_then(|d| usize::try_from(d).ok()).filter(|d| (1..=all.len()).contains(d))
                {
                    self.channel = all[n - 1];
                }
            }
            _ => {}
        }
    }

    fn after_edit(&mut self, edit: Edit, store: &Store) {
        self.notice = (edit == Edit::Truncated).then_some(Msg::TextCut);
        if edit == Edit::Changed || edit == Edit::Truncated {
            self.errors.retain(|(f, _)| *f != self.focus);
            if self.focus == Focus::Account {
                let typed = self.account.text();
                if self.account_pick.as_ref().is_some_and(|p| p.name != typed) {
                    self.account_pick = None;
                }
                self.suggestions = store.suggest_accounts(&typed, 5).unwrap_or_default();
                self.suggestion = 0;
            }
        }
    }

    fn accept_suggestion(&mut self) {
        if let Some(pick) = self.suggestions.get(self.suggestion).cloned() {
            self.account.set_text(&pick.name);
            self.account_pick = Some(pick);
        }
        self.suggestions.clear();
    }

    fn move_focus(&mut self, step: isize) {
        let at = ORDER.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let next = (at + step).rem_euclid(ORDER.len() as isize) as usize;
        self.focus = ORDER[next];
        self.suggestions.clear();
    }

    fn text_field_mut(&mut self) -> Option<&mut TextField> {
        match self.focus {
            Focus::Date => Some(&mut self.date),
            Focus::Account => Some(&mut self.account),
            Focus::Channel | Focus::Contact => None,
            Focus::Purpose => Some(&mut self.purpose),
            Focus::Result => Some(&mut self.result),
            Focus::NextStep => Some(&mut self.next_step),
            Focus::NextDate => Some(&mut self.next_date),
        }
    }

    /// Checks every field; on success the activity as it will be stored.
    fn validate(&mut self, store: &Store, today: NaiveDate) -> Option<NewActivity> {
        self.errors.clear();
        let date = parse_date(&self.date.text(), today).map_err(|e| self.errors.push((Focus::Date, e))).ok();
        let account_id = match &self.account_pick {
            Some(pick) if pick.name == self.account.text() => Some(pick.id),
            _ => match store.account_named(&self.account.text()) {
                Ok(Some(found)) => Some(found.id),
                _ => {
                    let error = if self.account.text().trim().is_empty() {
                        FieldError::Empty
                    } else {
                        FieldError::UnknownAccount
                    };
                    self.errors.push((Focus::Account, error));
                    None
                }
            },
        };
        if self.purpose.text().trim().is_empty() {
            self.errors.push((Focus::Purpose, FieldError::Empty));
        }
        let next_on = if self.next_date.text().trim().is_empty() {
            None
        } else {
            parse_date(&self.next_date.text(), today).map_err(|e| self.errors.push((Focus::NextDate, e))).ok()
        };
        if let Some((first, _)) = self.errors.first() {
            self.focus = *first;
            return None;
        }
        Some(NewActivity {
            account_id: account_id?,
            opportunity_id: None,
            contact_id: self.contact.checked_sub(1).and_then(|i| self.contacts.get(i)).map(|c| c.0),
            occurred_on: date?,
            channel: self.channel,
            purpose: self.purpose.text().trim().to_string(),
            result: self.result.text().trim().to_string(),
            next_step: self.next_step.text().trim().to_string(),
            next_on,
        })
    }

    fn submit(&mut self, store: &Store, today: NaiveDate) -> FormOutcome {
        match self.validate(store, today) {
            Some(activity) => FormOutcome::Submit(activity),
            None => FormOutcome::Stay,
        }
    }

    /// The activity was saved: a fresh form for the next entry. It keeps
    /// the day (a rep back-filling Tuesday logs several) and starts from
    /// the account.
    fn saved(&mut self, day: NaiveDate) {
        let saved = self.saved_count + 1;
        let mut next = ActivityForm::new(day, None, Channel::Visit);
        next.saved_count = saved;
        next.notice = Some(Msg::ActivitySaved);
        *self = next;
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, lang: Lang) -> Option<Position> {
        let error_of = |focus: Focus| self.errors.iter().find(|(f, _)| *f == focus).map(|(_, e)| field_error(lang, e));
        let text = |label: Msg, focus, field| FieldView {
            label: lang.t(label),
            value: FieldValue::Text(field),
            error: error_of(focus),
            focused: self.focus == focus,
        };
        let fields = [
            text(Msg::FieldDate, Focus::Date, &self.date),
            text(Msg::FieldAccount, Focus::Account, &self.account),
            FieldView {
                label: lang.t(Msg::FieldChannel),
                value: FieldValue::Choice(lang.t(self.channel.label()).to_string()),
                error: None,
                focused: self.focus == Focus::Channel,
            },
            FieldView {
                label: lang.t(Msg::FieldContact),
                value: FieldValue::Choice(match self.contact.checked_sub(1).and_then(|i| self.contacts.get(i)) {
                    Some((_, name)) => name.clone(),
                    None => lang.t(Msg::Unset).to_string(),
                }),
                error: None,
                focused: self.focus == Focus::Contact,
            },
            text(Msg::FieldPurpose, Focus::Purpose, &self.purpose),
            text(Msg::FieldResult, Focus::Result, &self.result),
            text(Msg::FieldNextStep, Focus::NextStep, &self.next_step),
            text(Msg::FieldNextDate, Focus::NextDate, &self.next_date),
        ];
        let mut footer = Vec::new();
        if self.confirm_discard {
            footer.push(discard_question(lang));
        } else if let Some(notice) = self.notice {
            let style = if notice == Msg::ActivitySaved { saved_style() } else { theme::error() };
            let mut text = lang.t(notice).to_string();
            if notice == Msg::ActivitySaved {
                text = format!("{text} ({})", self.saved_count);
            }
            footer.push(Line::from(text).style(style));
        }
        footer.push(Line::from(vec![Span::styled(lang.t(Msg::ActivityFormKeys), Style::default().fg(theme::MUTED))]));
        let popup = centered(area, 72, 19);
        let title = format!(" {} ", lang.t(Msg::ActivityFormTitle));
        let cursor = render_form(popup, buf, &title, &fields, &footer);
        let labels = label_width(fields.iter().map(|f| f.label), popup.width.saturating_sub(2));
        self.render_suggestions(popup, labels, buf);
        cursor
    }

    /// The type-ahead list, just under the account field.
    fn render_suggestions(&self, popup: Rect, label_width: u16, buf: &mut Buffer) {
        if self.focus != Focus::Account || self.suggestions.is_empty() || popup.height < 6 {
            return;
        }
        let x = popup.x + 1 + label_width;
        let width = popup.width.saturating_sub(label_width + 2);
        // Just under the account field, which is the form's second line.
        let top = popup.y + 3;
        for (i, s) in self.suggestions.iter().enumerate() {
            let y = top + i as u16;
            if y + 1 >= popup.y + popup.height {
                break;
            }
            let style = if i == self.suggestion { theme::selected() } else { theme::popup_list() };
            buf.set_style(Rect { x, y, width, height: 1 }, style);
            buf.set_stringn(x + 1, y, &s.name, usize::from(width.saturating_sub(1)), style);
        }
    }
}

impl Popup for ActivityForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        match ActivityForm::on_key(self, key, cx.store, cx.today) {
            FormOutcome::Stay => Effect::Stay,
            FormOutcome::Submit(activity) => {
                self.pending_day = Some(activity.occurred_on);
                Effect::Run(Command::LogActivity(activity))
            }
            FormOutcome::Close => {
                if self.saved_count > 0 {
                    let text = cx.lang.t(Msg::ActivitiesLogged).replace("{n}", &self.saved_count.to_string());
                    Effect::All(vec![Effect::Say(Say::ok(text)), Effect::Close])
                } else {
                    Effect::Close
                }
            }
            FormOutcome::Quit => Effect::Quit,
        }
    }

    fn on_paste(&mut self, text: &str, cx: &Cx<'_>) {
        ActivityForm::on_paste(self, text, cx.store);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => {
                let day = self.pending_day.take().unwrap_or(cx.today);
                self.saved(day)
            }
            // Nothing was written; the form keeps what was typed and says why.
            Err(e) => self.notice = Some(crate::labels::save_failed(&e)),
        }
        Effect::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer, view: &View) -> Option<Position> {
        ActivityForm::render(self, area, buf, view.lang)
    }
}
