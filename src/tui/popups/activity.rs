//! The activity form: the daily report entry, fast enough for every
//! evening. On the form engine: Enter goes field to field and saves on the
//! last, Ctrl-S saves anywhere; the account is typed by name or pinyin with
//! suggestions; the contact met is picked among the account's contacts;
//! after a save a fresh form waits for the next entry.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::{Channel, FieldError, parse_date};
use crate::i18n::{Lang, Msg};
use crate::labels::{Named, field_error};
use crate::store::{AccountSuggestion, NewActivity, Store, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View};
use crate::tui::widgets::record_form::{Field, FormEvent, RecordForm};

/// The fields of the activity form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKey {
    Date,
    Account,
    Channel,
    Contact,
    Purpose,
    Result,
    NextStep,
    NextDate,
}

#[derive(Debug, Clone)]
pub struct ActivityForm {
    form: RecordForm<ActivityKey>,
    lang: Lang,
    /// The account whose contacts the contact field offers.
    contacts_of: Option<i64>,
    saved_count: usize,
    /// The day of the activity being saved, for the next entry.
    pending_day: Option<NaiveDate>,
}

impl ActivityForm {
    /// A form for `date`, prefilled with an account when one is selected.
    pub fn new(lang: Lang, date: NaiveDate, account: Option<AccountSuggestion>, channel: Channel) -> ActivityForm {
        let t = |m| lang.t(m);
        let channels: Vec<(String, String)> =
            Channel::ALL.iter().map(|c| (c.code().to_string(), t(c.label()).to_string())).collect();
        let known = account.is_some();
        let fields = vec![
            Field::text(ActivityKey::Date, t(Msg::FieldDate), &date.format("%Y-%m-%d").to_string()),
            Field::lookup(ActivityKey::Account, t(Msg::FieldAccount), account.map(|a| (a.id, a.name))),
            Field::choice(ActivityKey::Channel, t(Msg::FieldChannel), channels, channel.code()),
            Field::choice(
                ActivityKey::Contact,
                t(Msg::FieldContact),
                vec![(String::new(), t(Msg::Unset).to_string())],
                "",
            ),
            Field::text(ActivityKey::Purpose, t(Msg::FieldPurpose), ""),
            Field::text(ActivityKey::Result, t(Msg::FieldResult), ""),
            Field::text(ActivityKey::NextStep, t(Msg::FieldNextStep), ""),
            Field::text(ActivityKey::NextDate, t(Msg::FieldNextDate), ""),
        ];
        let mut form =
            RecordForm::new(lang, t(Msg::ActivityFormTitle).to_string(), fields).with_keys(Msg::ActivityFormKeys);
        // Start where typing is needed: on the purpose when the account is known.
        form.focus_on(if known { ActivityKey::Purpose } else { ActivityKey::Account });
        ActivityForm { form, lang, contacts_of: None, saved_count: 0, pending_day: None }
    }

    /// Offers the contacts of the account the form names (who was met: a
    /// visit with a decision maker moves a deal on).
    pub fn load_contacts(&mut self, store: &Store) {
        let account = self.form.picked(ActivityKey::Account);
        if account == self.contacts_of {
            return;
        }
        self.contacts_of = account;
        let contacts = account.map(|id| store.contacts_of(id, 50).unwrap_or_default()).unwrap_or_default();
        let options = std::iter::once((String::new(), self.lang.t(Msg::Unset).to_string()))
            .chain(
                contacts
                    .into_iter()
                    .map(|c| (c.id.to_string(), format!("{}  {}", c.fields.name, c.fields.title).trim().to_string())),
            )
            .collect();
        self.form.set_options(ActivityKey::Contact, options);
    }

    /// After a key: suggestions for a typed account, its contacts once known.
    fn follow_up(&mut self, store: &Store) {
        if self.form.take_changed() == Some(ActivityKey::Account) {
            let typed = self.form.value(ActivityKey::Account);
            let suggestions = if self.form.picked(ActivityKey::Account).is_some() || typed.trim().is_empty() {
                Vec::new()
            } else {
                store.suggest_accounts(&typed, 5).unwrap_or_default().into_iter().map(|a| (a.id, a.name)).collect()
            };
            self.form.set_suggestions(ActivityKey::Account, suggestions);
        }
        self.load_contacts(store);
    }

    /// Checks every field; on success the activity as it will be stored.
    fn validate(&mut self, store: &Store, today: NaiveDate) -> Option<NewActivity> {
        let form = &self.form;
        let mut errors: Vec<(ActivityKey, FieldError)> = Vec::new();
        let date =
            parse_date(&form.value(ActivityKey::Date), today).map_err(|e| errors.push((ActivityKey::Date, e))).ok();
        let typed = form.value(ActivityKey::Account);
        let account_id = match form.picked(ActivityKey::Account) {
            Some(id) => Some(id),
            None => match store.account_named(&typed) {
                Ok(Some(found)) => Some(found.id),
                _ => {
                    let error = if typed.trim().is_empty() { FieldError::Empty } else { FieldError::UnknownAccount };
                    errors.push((ActivityKey::Account, error));
                    None
                }
            },
        };
        let purpose = form.value(ActivityKey::Purpose).trim().to_string();
        if purpose.is_empty() {
            errors.push((ActivityKey::Purpose, FieldError::Empty));
        }
        let next_date = form.value(ActivityKey::NextDate);
        let next_on = if next_date.trim().is_empty() {
            None
        } else {
            parse_date(&next_date, today).map_err(|e| errors.push((ActivityKey::NextDate, e))).ok()
        };
        let messages: Vec<(ActivityKey, String)> =
            errors.iter().map(|(k, e)| (*k, field_error(self.lang, e))).collect();
        self.form.show_errors(&messages);
        if !errors.is_empty() {
            return None;
        }
        let form = &self.form;
        Some(NewActivity {
            account_id: account_id?,
            opportunity_id: None,
            contact_id: form.value(ActivityKey::Contact).parse().ok(),
            occurred_on: date?,
            channel: Channel::from_code(&form.value(ActivityKey::Channel)).unwrap_or(Channel::Visit),
            purpose,
            result: form.value(ActivityKey::Result).trim().to_string(),
            next_step: form.value(ActivityKey::NextStep).trim().to_string(),
            next_on,
        })
    }

    /// The activity was saved: a fresh form for the next entry. It keeps
    /// the day (a rep back-filling Tuesday logs several) and starts from
    /// the account.
    fn saved(&mut self, day: NaiveDate) {
        let count = self.saved_count + 1;
        *self = ActivityForm::new(self.lang, day, None, Channel::Visit);
        self.saved_count = count;
        let text = format!("{} ({count})", self.lang.t(Msg::ActivitySaved));
        self.form.notice = Some((text, false));
    }

    pub fn saved_count(&self) -> usize {
        self.saved_count
    }
}

impl Popup for ActivityForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        self.follow_up(cx.store);
        match event {
            FormEvent::Stay => Effect::Stay,
            FormEvent::Submit => match self.validate(cx.store, cx.today) {
                Some(activity) => {
                    self.pending_day = Some(activity.occurred_on);
                    Effect::Run(Command::LogActivity(activity))
                }
                None => Effect::Stay,
            },
            FormEvent::Close if self.saved_count > 0 => {
                let text = cx.lang.t(Msg::ActivitiesLogged).replace("{n}", &self.saved_count.to_string());
                Effect::All(vec![Effect::Say(Say::ok(text)), Effect::Close])
            }
            FormEvent::Close => Effect::Close,
            FormEvent::Quit => Effect::Quit,
        }
    }

    fn on_paste(&mut self, text: &str, cx: &Cx<'_>) {
        self.form.on_paste(text);
        self.follow_up(cx.store);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => {
                let day = self.pending_day.take().unwrap_or(cx.today);
                self.saved(day);
            }
            // Nothing was written; the form keeps what was typed and says why.
            Err(e) => self.form.notice = Some((cx.lang.t(crate::labels::save_failed(&e)).to_string(), true)),
        }
        Effect::Stay
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        self.form.render(area, buf)
    }
}
