//! The activity form: the daily report entry, fast enough for every
//! evening, and the same form to correct one later. On the form engine:
//! Enter goes field to field and saves on the last, Ctrl-S saves anywhere;
//! the account is typed by name or pinyin with suggestions; the contacts
//! met are ticked among the account's contacts and the deal picked among
//! its open deals. After a new entry is saved a fresh form waits for the
//! next, on the same day and channel.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::{Channel, FieldError, Outcome, parse_date, parse_time};
use crate::i18n::{Lang, Msg};
use crate::labels::{Named, field_error};
use crate::store::{AccountSuggestion, ActivityRow, NewActivity, Store, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View};
use crate::tui::widgets::record_form::{Field, FormEvent, RecordForm};

/// The fields of the activity form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActivityKey {
    Date,
    Time,
    Account,
    Channel,
    Contacts,
    Deal,
    Purpose,
    Result,
    NextStep,
    NextDate,
}

#[derive(Debug, Clone)]
pub struct ActivityForm {
    form: RecordForm<ActivityKey>,
    lang: Lang,
    /// The account whose contacts and deals the form offers.
    choices_of: Option<i64>,
    saved_count: usize,
    /// The day and channel of the entry being saved, for the next one.
    pending: Option<(NaiveDate, Channel)>,
    /// The activity being corrected; None: a new one.
    editing: Option<i64>,
    /// The follow-up this activity keeps.
    keeps: Option<i64>,
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

impl ActivityForm {
    /// A form for `date`, prefilled with an account when one is selected.
    pub fn new(lang: Lang, date: NaiveDate, account: Option<AccountSuggestion>, channel: Channel) -> ActivityForm {
        let t = |m| lang.t(m);
        let channels: Vec<(String, String)> =
            Channel::ALL.iter().map(|c| (c.code().to_string(), t(c.label()).to_string())).collect();
        let known = account.is_some();
        let fields = vec![
            Field::text(ActivityKey::Date, t(Msg::FieldDate), &day_text(date)),
            Field::text(ActivityKey::Time, t(Msg::FieldTime), ""),
            Field::lookup(ActivityKey::Account, t(Msg::FieldAccount), account.map(|a| (a.id, a.name))),
            Field::choice(ActivityKey::Channel, t(Msg::FieldChannel), channels, channel.code()),
            Field::multi(ActivityKey::Contacts, t(Msg::FieldContact), Vec::new(), &[]),
            Field::choice(ActivityKey::Deal, t(Msg::FieldDeal), vec![(String::new(), t(Msg::Unset).to_string())], ""),
            Field::text(ActivityKey::Purpose, t(Msg::FieldPurpose), ""),
            Field::text(ActivityKey::Result, t(Msg::FieldResult), ""),
            Field::text(ActivityKey::NextStep, t(Msg::FieldNextStep), ""),
            Field::text(ActivityKey::NextDate, t(Msg::FieldNextDate), ""),
        ];
        let mut form =
            RecordForm::new(lang, t(Msg::ActivityFormTitle).to_string(), fields).with_keys(Msg::ActivityFormKeys);
        // Start where typing is needed: on the purpose when the account is
        // known (the time is optional), else on the account.
        form.focus_on(if known { ActivityKey::Purpose } else { ActivityKey::Account });
        ActivityForm { form, lang, choices_of: None, saved_count: 0, pending: None, editing: None, keeps: None }
    }

    /// The form to correct a logged activity: every field as it was.
    pub fn edit(lang: Lang, row: &ActivityRow, store: &Store) -> ActivityForm {
        let f = &row.fields;
        let account = AccountSuggestion { id: f.account_id, name: row.account_name.clone() };
        let mut me = ActivityForm::new(lang, f.occurred_on, Some(account), f.channel);
        me.form.title = lang.t(Msg::ActivityEditTitle).to_string();
        me.load_contacts(store);
        let form = &mut me.form;
        if let Some(time) = f.occurred_time {
            form.set_value(ActivityKey::Time, &time.format("%H:%M").to_string());
        }
        let contacts: Vec<String> = f.contact_ids.iter().map(i64::to_string).collect();
        form.set_value(ActivityKey::Contacts, &contacts.join(","));
        form.set_value(ActivityKey::Deal, &f.opportunity_id.map(|d| d.to_string()).unwrap_or_default());
        form.set_value(ActivityKey::Purpose, &f.purpose);
        form.set_value(ActivityKey::Result, &f.result);
        form.set_value(ActivityKey::NextStep, &f.next_step);
        form.set_value(ActivityKey::NextDate, &f.next_on.map(day_text).unwrap_or_default());
        form.mark_clean();
        form.focus_on(ActivityKey::Purpose);
        me.editing = Some(row.id);
        me.keeps = f.keeps_id;
        me
    }

    /// This entry keeps `follow_up` (a promise made by an earlier
    /// activity): its next step becomes the purpose, to be typed over.
    pub fn keeping(mut self, follow_up: &ActivityRow) -> ActivityForm {
        self.keeps = Some(follow_up.id);
        self.form.set_value(ActivityKey::Purpose, &follow_up.fields.next_step);
        let due = follow_up.fields.next_on.map(|d| d.format("%m-%d").to_string()).unwrap_or_default();
        let text =
            self.lang.t(Msg::KeepsFollowUp).replace("{step}", &follow_up.fields.next_step).replace("{date}", &due);
        self.form.notice = Some((text, false));
        self.form.focus_on(ActivityKey::Purpose);
        self
    }

    /// Offers the contacts and open deals of the account the form names
    /// (who was met: a visit with a decision maker moves a deal on).
    pub fn load_contacts(&mut self, store: &Store) {
        let account = self.form.picked(ActivityKey::Account);
        if account == self.choices_of {
            return;
        }
        self.choices_of = account;
        let contacts = account.map(|id| store.contacts_of(id, 50).unwrap_or_default()).unwrap_or_default();
        let options = contacts
            .into_iter()
            .map(|c| (c.id.to_string(), format!("{} {}", c.fields.name, c.fields.title).trim().to_string()))
            .collect();
        self.form.set_options(ActivityKey::Contacts, options);
        let deals = account.map(|id| store.opportunities_of(id, 20).unwrap_or_default()).unwrap_or_default();
        let options = std::iter::once((String::new(), self.lang.t(Msg::Unset).to_string()))
            .chain(deals.into_iter().filter(|d| d.outcome == Outcome::Open).map(|d| (d.id.to_string(), d.title)))
            .collect();
        self.form.set_options(ActivityKey::Deal, options);
    }

    /// After a key: suggestions for a typed account, its choices once known.
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
        let time_text = form.value(ActivityKey::Time);
        let time = if time_text.trim().is_empty() {
            None
        } else {
            parse_time(&time_text).map_err(|e| errors.push((ActivityKey::Time, e))).ok()
        };
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
        // Contacts and deal belong to the account the form offered them for.
        let same_account = self.choices_of == account_id;
        let contact_ids = if same_account {
            form.value(ActivityKey::Contacts).split(',').filter_map(|id| id.parse().ok()).collect()
        } else {
            Vec::new()
        };
        Some(NewActivity {
            account_id: account_id?,
            opportunity_id: if same_account { form.value(ActivityKey::Deal).parse().ok() } else { None },
            contact_ids,
            occurred_on: date?,
            occurred_time: time,
            channel: Channel::from_code(&form.value(ActivityKey::Channel)).unwrap_or(Channel::Visit),
            purpose,
            result: form.value(ActivityKey::Result).trim().to_string(),
            next_step: form.value(ActivityKey::NextStep).trim().to_string(),
            next_on,
            keeps_id: self.keeps,
        })
    }

    /// The activity was saved: a fresh form for the next entry. It keeps
    /// the day and the channel (a rep back-filling Tuesday logs several
    /// phone calls in a row) and starts from the account.
    fn saved(&mut self, day: NaiveDate, channel: Channel) {
        let count = self.saved_count + 1;
        *self = ActivityForm::new(self.lang, day, None, channel);
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
                    self.pending = Some((activity.occurred_on, activity.channel));
                    match self.editing {
                        Some(id) => Effect::Run(Command::EditActivity { id, activity }),
                        None => Effect::Run(Command::LogActivity(activity)),
                    }
                }
                None => Effect::Stay,
            },
            FormEvent::Close if self.saved_count > 0 => {
                let text = cx
                    .lang
                    .t(Msg::ActivitiesLogged)
                    .replace("{n}", &cx.lang.count(self.saved_count as i64, Msg::CountActivities));
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
            // A correction closes the form; a new entry makes way for the next.
            Ok(_) if self.editing.is_some() => {
                Effect::All(vec![Effect::Say(Say::ok(cx.lang.t(Msg::ActivityUpdated))), Effect::Close])
            }
            Ok(_) => {
                let (day, channel) = self.pending.take().unwrap_or((cx.today, Channel::Visit));
                self.saved(day, channel);
                Effect::Stay
            }
            // Nothing was written; the form keeps what was typed and says why.
            Err(e) => {
                self.form.notice = Some((crate::labels::save_failed(cx.lang, &e), true));
                Effect::Stay
            }
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        self.form.render(area, buf)
    }
}
