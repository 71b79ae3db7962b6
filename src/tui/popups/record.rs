//! The dossier's forms: which fields each record has, filling them from a
//! stored record, and checking and saving what was typed (one undoable
//! action each).

use crate::labels::Named;

use crate::config::Config;
use crate::domain::account::{
    AccountField, AccountInput, ContactField, ContactInput, NAME_MAX, NOTES_MAX, text, validate_account,
    validate_contact,
};
use crate::domain::{AccountStatus, DecisionRole, FieldError, Money};
use crate::i18n::{Lang, Msg, segment_label};
use crate::labels::field_error;
use crate::store::{self, NewAccount, NewCompetitor, NewContact, NewNeed, Store, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

/// What a record form is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    NewAccount,
    EditAccount(i64),
    NewContact { account: i64 },
    EditContact { id: i64, account: i64 },
    NewCompetitor { account: i64 },
    EditCompetitor { id: i64, account: i64 },
    NewNeed { account: i64 },
    EditNeed { id: i64, account: i64 },
}

/// The fields of the dossier's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKey {
    Account(AccountField),
    NoKnownCompetitor,
    Contact(ContactField),
    /// A competitor's name.
    Name,
    Offering,
    Strengths,
    Weaknesses,
    /// A need as stated, and each answer to "why?".
    Stated,
    Why,
}

/// A record form and what saving it does.
#[derive(Debug, Clone)]
pub struct Editor {
    pub form: RecordForm<RecordKey>,
    pub purpose: Purpose,
    /// The user has seen the likely-duplicate warning and saves anyway.
    duplicate_confirmed: bool,
    /// What to say once the save went through.
    pending: Option<Saved>,
}

/// What a save will say, for the status line.
#[derive(Debug, Clone)]
struct Saved {
    message: String,
}

fn options(items: &[String], lang: Lang, blank: Msg) -> Vec<(String, String)> {
    std::iter::once((String::new(), lang.t(blank).to_string()))
        .chain(items.iter().map(|s| (s.clone(), segment_label(lang, s).to_string())))
        .collect()
}

/// The list plus the current value if the list lacks it (an imported
/// segment such as "technolgy" stays the user's data).
fn with_current(mut items: Vec<String>, current: &str) -> Vec<String> {
    if !current.is_empty() && !items.iter().any(|i| i == current) {
        items.push(current.to_string());
    }
    items
}

pub fn account_editor(lang: Lang, config: &Config, existing: Option<(i64, &NewAccount)>) -> Editor {
    let blank = NewAccount::named("");
    let a = existing.map(|(_, a)| a).unwrap_or(&blank);
    let t = |m| lang.t(m);
    let tiers: Vec<(String, String)> = std::iter::once(("auto".to_string(), t(Msg::TierAuto).to_string()))
        .chain(["A", "B", "C"].map(|c| (c.to_string(), c.to_string())))
        .collect();
    let statuses = AccountStatus::ALL.iter().map(|s| (s.code().to_string(), t(s.label()).to_string())).collect();
    let fields = vec![
        Field::text(RecordKey::Account(AccountField::Name), t(Msg::ColName), &a.name),
        Field::text(RecordKey::Account(AccountField::ShortName), t(Msg::FieldShortName), &a.short_name),
        Field::choice(
            RecordKey::Account(AccountField::Segment),
            t(Msg::ColSegment),
            options(&with_current(config.accounts.segments.clone(), &a.segment), lang, Msg::Unset),
            &a.segment,
        ),
        Field::text(
            RecordKey::Account(AccountField::AnnualPurchase),
            t(Msg::FieldAnnualPurchase),
            &if existing.is_some() { a.annual_purchase.full() } else { String::new() },
        ),
        Field::choice(
            RecordKey::Account(AccountField::Tier),
            t(Msg::ColTier),
            tiers,
            if a.tier_pinned { a.tier.code() } else { "auto" },
        ),
        Field::choice(RecordKey::Account(AccountField::Status), t(Msg::ColStatus), statuses, a.status.code()),
        Field::choice(
            RecordKey::Account(AccountField::CreditRating),
            t(Msg::FieldCredit),
            options(&with_current(config.accounts.credit_ratings.clone(), &a.credit_rating), lang, Msg::Unset),
            &a.credit_rating,
        ),
        Field::text(RecordKey::Account(AccountField::Region), t(Msg::FieldRegion), &a.region),
        Field::text(RecordKey::Account(AccountField::Address), t(Msg::FieldAddress), &a.address),
        Field::text(RecordKey::Account(AccountField::InfoSources), t(Msg::FieldSources), &a.info_sources),
        Field::choice(
            RecordKey::NoKnownCompetitor,
            t(Msg::FieldCompetitorsKnown),
            vec![
                ("0".to_string(), t(Msg::CompetitorsToFind).to_string()),
                ("1".to_string(), t(Msg::CompetitorsNoneKnown).to_string()),
            ],
            if a.no_known_competitor { "1" } else { "0" },
        ),
        Field::text(RecordKey::Account(AccountField::Notes), t(Msg::FieldNotes), &a.notes),
    ];
    let (title, purpose) = match existing {
        Some((id, _)) => (t(Msg::EditAccountTitle), Purpose::EditAccount(id)),
        None => (t(Msg::NewAccountTitle), Purpose::NewAccount),
    };
    Editor {
        form: RecordForm::new(lang, title.to_string(), fields).editing(existing.is_some()),
        purpose,
        duplicate_confirmed: false,
        pending: None,
    }
}

pub fn contact_editor(lang: Lang, account: i64, existing: Option<(i64, &NewContact)>) -> Editor {
    let t = |m| lang.t(m);
    let roles = DecisionRole::ALL.iter().map(|r| (r.code().to_string(), t(r.label()).to_string())).collect();
    let get = |f: fn(&NewContact) -> &str| existing.map(|(_, c)| f(c).to_string()).unwrap_or_default();
    let fields = vec![
        Field::text(RecordKey::Contact(ContactField::Name), t(Msg::ColName), &get(|c| &c.name)),
        Field::text(RecordKey::Contact(ContactField::Title), t(Msg::FieldTitle), &get(|c| &c.title)),
        Field::choice(
            RecordKey::Contact(ContactField::Role),
            t(Msg::FieldRole),
            roles,
            existing.map(|(_, c)| c.role.code()).unwrap_or("user"),
        ),
        Field::text(RecordKey::Contact(ContactField::Phone), t(Msg::FieldPhone), &get(|c| &c.phone)),
        Field::text(RecordKey::Contact(ContactField::Email), t(Msg::FieldEmail), &get(|c| &c.email)),
        Field::text(
            RecordKey::Contact(ContactField::PersonalNotes),
            t(Msg::FieldPersonalNotes),
            &get(|c| &c.personal_notes),
        ),
    ];
    let (title, purpose) = match existing {
        Some((id, _)) => (t(Msg::EditContactTitle), Purpose::EditContact { id, account }),
        None => (t(Msg::NewContactTitle), Purpose::NewContact { account }),
    };
    Editor {
        form: RecordForm::new(lang, title.to_string(), fields).editing(existing.is_some()),
        purpose,
        duplicate_confirmed: false,
        pending: None,
    }
}

pub fn competitor_editor(lang: Lang, account: i64, existing: Option<(i64, &NewCompetitor)>) -> Editor {
    let t = |m| lang.t(m);
    let get = |f: fn(&NewCompetitor) -> &str| existing.map(|(_, c)| f(c).to_string()).unwrap_or_default();
    let fields = vec![
        Field::text(RecordKey::Name, t(Msg::ColName), &get(|c| &c.name)),
        Field::text(RecordKey::Offering, t(Msg::FieldOffering), &get(|c| &c.offering)),
        Field::text(RecordKey::Strengths, t(Msg::FieldStrengths), &get(|c| &c.strengths)),
        Field::text(RecordKey::Weaknesses, t(Msg::FieldWeaknesses), &get(|c| &c.weaknesses)),
    ];
    let (title, purpose) = match existing {
        Some((id, _)) => (t(Msg::EditCompetitorTitle), Purpose::EditCompetitor { id, account }),
        None => (t(Msg::NewCompetitorTitle), Purpose::NewCompetitor { account }),
    };
    Editor {
        form: RecordForm::new(lang, title.to_string(), fields).editing(existing.is_some()),
        purpose,
        duplicate_confirmed: false,
        pending: None,
    }
}

fn why_label(lang: Lang, n: usize) -> String {
    lang.t(Msg::WhyN).replace("{n}", &n.to_string())
}

pub fn need_editor(lang: Lang, account: i64, existing: Option<(i64, &NewNeed)>) -> Editor {
    let mut fields = vec![Field::text(
        RecordKey::Stated,
        lang.t(Msg::FieldStatedNeed),
        existing.map(|(_, n)| n.stated.as_str()).unwrap_or(""),
    )];
    if let Some((_, need)) = existing {
        for (i, why) in need.whys.iter().enumerate() {
            fields.push(Field::text(RecordKey::Why, &why_label(lang, i + 1), why));
        }
    }
    let (title, purpose) = match existing {
        Some((id, _)) => (lang.t(Msg::EditNeedTitle), Purpose::EditNeed { id, account }),
        None => (lang.t(Msg::NewNeedTitle), Purpose::NewNeed { account }),
    };
    let form =
        RecordForm::new(lang, title.to_string(), fields).growing(RecordKey::Why, why_label).editing(existing.is_some());
    Editor { form, purpose, duplicate_confirmed: false, pending: None }
}

impl Editor {
    /// Checks the form and saves it. Ok(None): the form stays open with its
    /// messages (nothing was written).
    pub fn submit(&mut self, store: &Store, config: &Config, lang: Lang) -> store::Result<Option<Command>> {
        let form = &mut self.form;
        let show = |form: &mut RecordForm<RecordKey>, errors: Vec<(RecordKey, FieldError)>| {
            let messages: Vec<(RecordKey, String)> = errors.iter().map(|(k, e)| (*k, field_error(lang, e))).collect();
            form.show_errors(&messages);
        };
        match self.purpose {
            Purpose::NewAccount | Purpose::EditAccount(_) => {
                let mut input = AccountInput {
                    name: form.value(RecordKey::Account(AccountField::Name)),
                    short_name: form.value(RecordKey::Account(AccountField::ShortName)),
                    segment: form.value(RecordKey::Account(AccountField::Segment)),
                    tier: form.value(RecordKey::Account(AccountField::Tier)),
                    region: form.value(RecordKey::Account(AccountField::Region)),
                    address: form.value(RecordKey::Account(AccountField::Address)),
                    status: form.value(RecordKey::Account(AccountField::Status)),
                    credit_rating: form.value(RecordKey::Account(AccountField::CreditRating)),
                    annual_purchase: form.value(RecordKey::Account(AccountField::AnnualPurchase)),
                    info_sources: form.value(RecordKey::Account(AccountField::InfoSources)),
                    notes: form.value(RecordKey::Account(AccountField::Notes)),
                    no_known_competitor: form.value(RecordKey::NoKnownCompetitor),
                };
                crate::labels::account_input_codes(&mut input);
                let account = match validate_account(&input, |m: Money| config.tiers.tier_for(m)) {
                    Ok(a) => a,
                    Err(errors) => {
                        show(form, errors.into_iter().map(|(f, e)| (RecordKey::Account(f), e)).collect());
                        return Ok(None);
                    }
                };
                form.show_errors(&[]);
                let editing = match self.purpose {
                    Purpose::EditAccount(id) => Some(id),
                    _ => None,
                };
                let twins = store.likely_duplicates(&account.name, editing)?;
                if !twins.is_empty() && !self.duplicate_confirmed {
                    // Flag, do not forbid: two real companies can share a name.
                    self.duplicate_confirmed = true;
                    let warning = lang.t(Msg::LikelyDuplicate).replace("{name}", &twins[0].name);
                    form.notice = Some((warning, true));
                    return Ok(None);
                }
                let msg = if editing.is_some() { Msg::AccountSaved } else { Msg::AccountAdded };
                self.pending = Some(Saved { message: lang.t(msg).replace("{name}", &account.name) });
                Ok(Some(Command::SaveAccount { id: editing, account }))
            }
            Purpose::NewContact { account } | Purpose::EditContact { account, .. } => {
                let mut input = ContactInput {
                    name: form.value(RecordKey::Contact(ContactField::Name)),
                    title: form.value(RecordKey::Contact(ContactField::Title)),
                    phone: form.value(RecordKey::Contact(ContactField::Phone)),
                    email: form.value(RecordKey::Contact(ContactField::Email)),
                    role: form.value(RecordKey::Contact(ContactField::Role)),
                    personal_notes: form.value(RecordKey::Contact(ContactField::PersonalNotes)),
                };
                crate::labels::contact_input_codes(&mut input);
                let contact = match validate_contact(account, &input) {
                    Ok(c) => c,
                    Err(errors) => {
                        show(form, errors.into_iter().map(|(f, e)| (RecordKey::Contact(f), e)).collect());
                        return Ok(None);
                    }
                };
                let id = match self.purpose {
                    Purpose::EditContact { id, .. } => Some(id),
                    _ => None,
                };
                self.pending = Some(Saved { message: lang.t(Msg::RecordSaved).replace("{name}", &contact.name) });
                Ok(Some(Command::SaveContact { id, contact }))
            }
            Purpose::NewCompetitor { account } | Purpose::EditCompetitor { account, .. } => {
                let mut errors = Vec::new();
                let mut check = |key: RecordKey, required: bool, max: usize| {
                    text(&form.value(key), required, max).map_err(|e| errors.push((key, e))).unwrap_or_default()
                };
                let competitor = NewCompetitor {
                    account_id: account,
                    name: check(RecordKey::Name, true, NAME_MAX),
                    offering: check(RecordKey::Offering, false, NOTES_MAX),
                    strengths: check(RecordKey::Strengths, false, NOTES_MAX),
                    weaknesses: check(RecordKey::Weaknesses, false, NOTES_MAX),
                };
                if !errors.is_empty() {
                    show(form, errors);
                    return Ok(None);
                }
                let id = match self.purpose {
                    Purpose::EditCompetitor { id, .. } => Some(id),
                    _ => None,
                };
                self.pending = Some(Saved { message: lang.t(Msg::RecordSaved).replace("{name}", &competitor.name) });
                Ok(Some(Command::SaveCompetitor { id, competitor }))
            }
            Purpose::NewNeed { account } | Purpose::EditNeed { account, .. } => {
                let stated = match text(&form.value(RecordKey::Stated), true, NOTES_MAX) {
                    Ok(s) => s,
                    Err(e) => {
                        show(form, vec![(RecordKey::Stated, e)]);
                        return Ok(None);
                    }
                };
                // Blank answers (the one left empty to finish) are dropped.
                let whys: Vec<String> = form
                    .values(RecordKey::Why)
                    .into_iter()
                    .map(|w| w.trim().to_string())
                    .filter(|w| !w.is_empty())
                    .collect();
                let need = NewNeed { account_id: account, opportunity_id: None, stated, whys };
                let id = match self.purpose {
                    Purpose::EditNeed { id, .. } => Some(id),
                    _ => None,
                };
                self.pending = Some(Saved { message: lang.t(Msg::RecordSaved).replace("{name}", &need.stated) });
                Ok(Some(Command::SaveNeed { id, need }))
            }
        }
    }
}

impl Popup for Editor {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        form_effect(event, cx.lang, || self.submit(cx.store, cx.config, cx.lang))
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(done) => {
                let say = self.pending.take().map(|s| Effect::Say(Say::ok(s.message))).unwrap_or(Effect::Stay);
                let show = match (self.purpose, done) {
                    // A new account is shown with its detail open, for its
                    // first contact.
                    (Purpose::NewAccount, Done::Saved(id)) => Effect::ShowAccount(id),
                    _ => Effect::Stay,
                };
                Effect::All(vec![say, Effect::Close, show])
            }
            // Nothing was written (one transaction); the form stays with
            // what was typed.
            Err(e) => Effect::Say(Say::warn(crate::labels::store_error(cx.lang, &e))),
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        self.form.render(area, buf)
    }
}
