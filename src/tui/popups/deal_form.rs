//! The board's forms: a deal (new or edited), its outcome, a quote, a
//! negotiation round. Each checks what was typed and saves it as one
//! undoable action.

use crate::labels::Named;
use chrono::NaiveDate;

use crate::config::Config;
use crate::domain::account::{NAME_MAX, NOTES_MAX, text};
use crate::domain::deal::{deal_amount, deal_title, win_probability};
use crate::domain::{FieldError, Money, Outcome, Stage, parse_date};
use crate::i18n::{Lang, Msg, lost_reason_label};
use crate::labels::field_error;
use crate::store::{self, Attendee, Decision, NEGOTIATION_ROLES, NewNegotiation, NewOpportunity, Store, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::contract_form::{ContractFor, ContractForm};
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealPurpose {
    /// A new deal in `stage`, for `account` when it is known.
    New {
        stage: Stage,
        account: Option<i64>,
    },
    Edit(i64),
    Outcome(i64),
    Quote(i64),
    Negotiation(i64),
}

/// The fields of the deal's forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealKey {
    Account,
    Title,
    Amount,
    Close,
    Probability,
    Judgement,
    NextContact,
    Outcome,
    /// Won: make the contract now, or later.
    ContractNow,
    Reason,
    LostTo,
    Date,
    Note,
    /// Who was at a negotiation, by role.
    Role(&'static str),
    Agreed,
    Open,
}

#[derive(Debug, Clone)]
pub struct DealEditor {
    pub form: RecordForm<DealKey>,
    pub purpose: DealPurpose,
    /// What to say once the save went through.
    pending: Option<DealSaved>,
    /// The account's competitors, offered as whom a deal was lost to.
    competitors: Vec<String>,
}

/// What a save did.
#[derive(Debug, Clone)]
pub struct DealSaved {
    pub message: String,
    /// The method's warning (an early quote): shown as a warning.
    pub warned: bool,
    pub deal_id: i64,
}

/// The label of a negotiation role.
pub fn role_label(code: &str) -> Msg {
    match code {
        "account_manager" => Msg::RoleAccountManager,
        "rep" => Msg::RoleRep,
        "contract_admin" => Msg::RoleContractAdmin,
        "technical" => Msg::RoleTechnicalStaff,
        _ => Msg::RoleService,
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

pub fn new_deal(lang: Lang, stage: Stage, account: Option<(i64, &str)>) -> DealEditor {
    let t = |m| lang.t(m);
    let mut fields = Vec::new();
    if account.is_none() {
        fields.push(Field::text(DealKey::Account, t(Msg::FieldAccount), ""));
    }
    fields.extend([
        Field::text(DealKey::Title, t(Msg::DealTitleField), ""),
        Field::text(DealKey::Amount, t(Msg::DealAmount), ""),
        Field::text(DealKey::Close, t(Msg::DealExpectedClose), ""),
        Field::text(DealKey::Probability, t(Msg::DealProbabilityBlank), ""),
    ]);
    let title = match account {
        Some((_, name)) => format!("{}: {}", t(Msg::NewDealTitle), name),
        None => format!("{}: {}", t(Msg::NewDealTitle), t(stage.label())),
    };
    DealEditor {
        form: RecordForm::new(lang, title, fields),
        purpose: DealPurpose::New { stage, account: account.map(|a| a.0) },
        pending: None,
        competitors: Vec::new(),
    }
}

pub fn edit_deal(lang: Lang, store: &Store, id: i64) -> store::Result<Option<DealEditor>> {
    let Some(deal) = store.opportunity(id)? else { return Ok(None) };
    let (judgement, next_contact) = store.deal_choices(id)?;
    let t = |m| lang.t(m);
    let judgements = vec![
        (String::new(), t(Msg::Unset).to_string()),
        ("go".to_string(), t(Msg::JudgementGo).to_string()),
        ("no_go".to_string(), t(Msg::JudgementNoGo).to_string()),
    ];
    let contacts: Vec<(String, String)> = std::iter::once((String::new(), t(Msg::Unset).to_string()))
        .chain(
            store
                .contacts_of(deal.account_id, 50)?
                .into_iter()
                .map(|c| (c.id.to_string(), format!("{} {}", c.fields.name, c.fields.title))),
        )
        .collect();
    let probability = if store.probability_pinned(id)? { deal.probability.to_string() } else { String::new() };
    let fields = vec![
        Field::text(DealKey::Title, t(Msg::DealTitleField), &deal.title),
        Field::text(DealKey::Amount, t(Msg::DealAmount), &deal.amount.full()),
        Field::text(DealKey::Close, t(Msg::DealExpectedClose), &deal.expected_close_on.map(day).unwrap_or_default()),
        Field::text(DealKey::Probability, t(Msg::DealProbabilityBlank), &probability),
        Field::choice(DealKey::Judgement, t(Msg::FieldJudgement), judgements, &judgement),
        Field::choice(
            DealKey::NextContact,
            t(Msg::FieldNextContact),
            contacts,
            &next_contact.map(|c| c.to_string()).unwrap_or_default(),
        ),
    ];
    Ok(Some(DealEditor {
        form: RecordForm::new(lang, t(Msg::EditDealTitle).to_string(), fields).editing(true),
        purpose: DealPurpose::Edit(id),
        pending: None,
        competitors: Vec::new(),
    }))
}

/// The outcome of a deal: won, lost (why, and to whom: the account's
/// competitors are offered), or reopened. Named in its title, so the rep
/// sees which card it is for; the loss fields show only for a loss.
pub fn outcome(lang: Lang, config: &Config, store: &Store, id: i64) -> store::Result<Option<DealEditor>> {
    let Some(deal) = store.opportunity(id)? else { return Ok(None) };
    let t = |m| lang.t(m);
    let mut choices = vec![
        ("won".to_string(), t(Msg::OutcomeWon).to_string()),
        ("lost".to_string(), t(Msg::OutcomeLost).to_string()),
    ];
    if deal.outcome != Outcome::Open {
        choices.insert(0, ("reopen".to_string(), t(Msg::Reopen).to_string()));
    }
    let reasons =
        config.pipeline.lost_reasons.iter().map(|r| (r.clone(), lost_reason_label(lang, r).to_string())).collect();
    let when = vec![
        ("now".to_string(), t(Msg::ContractNow).to_string()),
        ("later".to_string(), t(Msg::ContractLater).to_string()),
    ];
    let fields = vec![
        Field::choice(DealKey::Outcome, t(Msg::FieldOutcome), choices, ""),
        Field::choice(DealKey::ContractNow, t(Msg::FieldContractNow), when, "now"),
        Field::choice(DealKey::Reason, t(Msg::DealLostReason), reasons, ""),
        Field::lookup(DealKey::LostTo, t(Msg::DealLostTo), None),
    ];
    let title = format!("{}: {}", t(Msg::OutcomeTitle), deal.title);
    let competitors = store.competitors_of(deal.account_id, 20)?.into_iter().map(|c| c.fields.name).collect();
    let mut form = RecordForm::new(lang, title, fields);
    form.focus_on(DealKey::Outcome);
    let mut editor = DealEditor { form, purpose: DealPurpose::Outcome(id), pending: None, competitors };
    editor.follow_outcome();
    Ok(Some(editor))
}

pub fn quote(lang: Lang, id: i64, today: NaiveDate) -> DealEditor {
    let t = |m| lang.t(m);
    let fields = vec![
        Field::text(DealKey::Date, t(Msg::FieldDate), &day(today)),
        Field::text(DealKey::Amount, t(Msg::DealAmount), ""),
        Field::text(DealKey::Note, t(Msg::FieldNotes), ""),
    ];
    DealEditor {
        form: RecordForm::new(lang, t(Msg::QuoteTitle).to_string(), fields),
        purpose: DealPurpose::Quote(id),
        pending: None,
        competitors: Vec::new(),
    }
}

pub fn negotiation(lang: Lang, id: i64, today: NaiveDate) -> DealEditor {
    let t = |m| lang.t(m);
    let mut fields = vec![Field::text(DealKey::Date, t(Msg::FieldDate), &day(today))];
    for role in NEGOTIATION_ROLES {
        fields.push(Field::text(DealKey::Role(role), t(role_label(role)), ""));
    }
    fields.push(Field::text(DealKey::Agreed, t(Msg::FieldAgreed), ""));
    fields.push(Field::text(DealKey::Open, t(Msg::FieldOpenPoints), ""));
    DealEditor {
        form: RecordForm::new(lang, t(Msg::NegotiationTitle).to_string(), fields),
        purpose: DealPurpose::Negotiation(id),
        pending: None,
        competitors: Vec::new(),
    }
}

/// A date field: required or not.
fn date_of(
    form: &RecordForm<DealKey>,
    key: DealKey,
    today: NaiveDate,
    required: bool,
) -> Result<Option<NaiveDate>, FieldError> {
    let value = form.value(key);
    if value.trim().is_empty() {
        return if required { Err(FieldError::Empty) } else { Ok(None) };
    }
    parse_date(&value, today).map(Some)
}

fn amount_of(form: &RecordForm<DealKey>, key: DealKey, required: bool) -> Result<Money, FieldError> {
    deal_amount(&form.value(key), required)
}

fn probability_of(form: &RecordForm<DealKey>) -> Result<Option<u8>, FieldError> {
    win_probability(&form.value(DealKey::Probability))
}

impl DealEditor {
    /// Checks and saves. Ok(None): the form stays, with its messages.
    pub fn submit(&mut self, store: &Store, lang: Lang, today: NaiveDate) -> store::Result<Option<Command>> {
        let mut errors: Vec<(DealKey, FieldError)> = Vec::new();
        let form = &self.form;
        let saved = match self.purpose {
            DealPurpose::New { .. } | DealPurpose::Edit(_) => {
                let title = deal_title(&form.value(DealKey::Title))
                    .map_err(|e| errors.push((DealKey::Title, e)))
                    .unwrap_or_default();
                let amount = amount_of(form, DealKey::Amount, false)
                    .map_err(|e| errors.push((DealKey::Amount, e)))
                    .unwrap_or_default();
                let close = date_of(form, DealKey::Close, today, false)
                    .map_err(|e| errors.push((DealKey::Close, e)))
                    .unwrap_or_default();
                let probability =
                    probability_of(form).map_err(|e| errors.push((DealKey::Probability, e))).unwrap_or_default();
                let account = match self.purpose {
                    DealPurpose::New { account: None, .. } => {
                        let typed = form.value(DealKey::Account);
                        let found = match store.account_named(&typed)? {
                            Some(a) => Some(a.id),
                            None => store.search_accounts(&typed, 1)?.first().copied(),
                        };
                        if typed.trim().is_empty() {
                            errors.push((DealKey::Account, FieldError::Empty));
                        } else if found.is_none() {
                            errors.push((DealKey::Account, FieldError::UnknownAccount));
                        }
                        found
                    }
                    DealPurpose::New { account, .. } => account,
                    _ => None,
                };
                if !errors.is_empty() {
                    self.show(&errors, lang);
                    return Ok(None);
                }
                match self.purpose {
                    DealPurpose::New { stage, .. } => {
                        let deal = NewOpportunity {
                            account_id: account.unwrap_or_default(),
                            title: title.clone(),
                            stage,
                            outcome: Outcome::Open,
                            amount,
                            probability,
                            expected_close_on: close,
                            lost_reason: String::new(),
                        };
                        let message = lang.t(Msg::RecordSaved).replace("{name}", &title);
                        (DealSaved { message, warned: false, deal_id: 0 }, Command::AddDeal(deal))
                    }
                    DealPurpose::Edit(id) => {
                        let judgement = form.value(DealKey::Judgement);
                        let changes = crate::ops::DealChanges {
                            title: title.clone(),
                            amount,
                            expected_close_on: close,
                            probability,
                            go: (!judgement.is_empty()).then_some(judgement == "go"),
                            next_contact: Some(form.value(DealKey::NextContact).parse::<i64>().ok()),
                        };
                        let message = lang.t(Msg::RecordSaved).replace("{name}", &title);
                        (DealSaved { message, warned: false, deal_id: id }, Command::SaveDeal { id, changes })
                    }
                    _ => return Ok(None),
                }
            }
            DealPurpose::Outcome(id) => {
                let decision = match form.value(DealKey::Outcome).as_str() {
                    "won" => Decision::Won,
                    "lost" => Decision::Lost {
                        reason: form.value(DealKey::Reason),
                        competitor: text(&form.value(DealKey::LostTo), false, NAME_MAX).unwrap_or_default(),
                    },
                    _ => Decision::Reopen,
                };
                let msg = match decision {
                    Decision::Won => Msg::DealWon,
                    Decision::Lost { .. } => Msg::DealLost,
                    Decision::Reopen => Msg::DealReopened,
                };
                let title = store.opportunity(id)?.map(|o| o.title).unwrap_or_default();
                let message = lang.t(msg).replace("{title}", &title);
                (DealSaved { message, warned: false, deal_id: id }, Command::RecordOutcome { id, decision })
            }
            DealPurpose::Quote(id) => {
                let date = date_of(form, DealKey::Date, today, true)
                    .map_err(|e| errors.push((DealKey::Date, e)))
                    .unwrap_or_default();
                let amount = amount_of(form, DealKey::Amount, true)
                    .map_err(|e| errors.push((DealKey::Amount, e)))
                    .unwrap_or_default();
                let note = text(&form.value(DealKey::Note), false, NOTES_MAX)
                    .map_err(|e| errors.push((DealKey::Note, e)))
                    .unwrap_or_default();
                if !errors.is_empty() {
                    self.show(&errors, lang);
                    return Ok(None);
                }
                // The message waits for the outcome: the method's warning, if any.
                let saved = DealSaved { message: lang.t(Msg::QuoteSaved).to_string(), warned: false, deal_id: id };
                (saved, Command::AddQuote { id, quoted_on: date.unwrap_or(today), amount, note })
            }
            DealPurpose::Negotiation(id) => {
                let date = date_of(form, DealKey::Date, today, true)
                    .map_err(|e| errors.push((DealKey::Date, e)))
                    .unwrap_or_default();
                let mut attendees = Vec::new();
                for role in NEGOTIATION_ROLES {
                    for name in form
                        .value(DealKey::Role(role))
                        .split([',', '，', '、'])
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                    {
                        attendees.push(Attendee { name: name.to_string(), role: role.to_string() });
                    }
                }
                let agreed = text(&form.value(DealKey::Agreed), false, NOTES_MAX)
                    .map_err(|e| errors.push((DealKey::Agreed, e)))
                    .unwrap_or_default();
                let open = text(&form.value(DealKey::Open), false, NOTES_MAX)
                    .map_err(|e| errors.push((DealKey::Open, e)))
                    .unwrap_or_default();
                if attendees.is_empty() {
                    errors.push((DealKey::Role("account_manager"), FieldError::Empty));
                }
                if !errors.is_empty() {
                    self.show(&errors, lang);
                    return Ok(None);
                }
                let round = NewNegotiation {
                    opportunity_id: id,
                    held_on: date.unwrap_or(today),
                    attendees,
                    agreed,
                    open_points: open,
                };
                let message = lang.t(Msg::NegotiationSaved).to_string();
                (DealSaved { message, warned: false, deal_id: id }, Command::AddNegotiation(round))
            }
        };
        let (pending, command) = saved;
        self.pending = Some(pending);
        Ok(Some(command))
    }

    /// The outcome form after a key: the loss fields show only for a loss;
    /// whom it was lost to is suggested from the account's competitors.
    fn follow_outcome(&mut self) {
        if !matches!(self.purpose, DealPurpose::Outcome(_)) {
            return;
        }
        let lost = self.form.value(DealKey::Outcome) == "lost";
        let won = self.form.value(DealKey::Outcome) == "won";
        self.form.set_hidden(DealKey::ContractNow, !won);
        self.form.set_hidden(DealKey::Reason, !lost);
        self.form.set_hidden(DealKey::LostTo, !lost);
        if self.form.focused() == Some(DealKey::LostTo) && self.form.picked(DealKey::LostTo).is_none() {
            let typed = self.form.value(DealKey::LostTo).to_lowercase();
            let offered = self
                .competitors
                .iter()
                .enumerate()
                .filter(|(_, name)| name.to_lowercase().contains(typed.trim()) && **name != typed)
                .map(|(i, name)| (i as i64, name.clone()))
                .take(5)
                .collect();
            self.form.set_suggestions(DealKey::LostTo, offered);
        }
    }

    fn show(&mut self, errors: &[(DealKey, FieldError)], lang: Lang) {
        let messages: Vec<(DealKey, String)> = errors.iter().map(|(k, e)| (*k, field_error(lang, e))).collect();
        self.form.show_errors(&messages);
    }
}

impl Popup for DealEditor {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        self.follow_outcome();
        // Won, with the contract now: the contract form takes this one's
        // place, and saves the win with the contract in one action.
        if let (DealPurpose::Outcome(id), crate::tui::widgets::record_form::FormEvent::Submit) = (self.purpose, &event)
            && self.form.value(DealKey::Outcome) == "won"
            && self.form.value(DealKey::ContractNow) == "now"
        {
            return match cx.store.opportunity(id) {
                Ok(Some(deal)) => {
                    let purpose = ContractFor::Win { deal: id, account: deal.account_id };
                    let form = ContractForm::new(cx.lang, purpose, &deal.title, deal.amount, cx.today);
                    Effect::Replace(Box::new(form))
                }
                Ok(None) => Effect::Close,
                Err(e) => Effect::Say(Say::warn(crate::labels::store_error(cx.lang, &e))),
            };
        }
        form_effect(event, cx.lang, || self.submit(cx.store, cx.lang, cx.today))
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        let Some(pending) = self.pending.take() else { return Effect::Close };
        let (say, deal) = match result {
            Ok(Done::Quoted(added)) => match added.warning {
                // Recorded, with the method's word about quoting early.
                Some(w) => (Say::warn(cx.lang.t(w.label())), pending.deal_id),
                None => (Say::ok(pending.message), pending.deal_id),
            },
            Ok(Done::Saved(id)) => {
                (if pending.warned { Say::warn(pending.message) } else { Say::ok(pending.message) }, id)
            }
            Ok(_) => (Say::ok(pending.message), pending.deal_id),
            Err(e) => return Effect::Say(Say::warn(crate::labels::store_error(cx.lang, &e))),
        };
        // A won or lost card leaves the column being worked; the selection
        // stays there (the next `o` must not land on the card just closed).
        if matches!(self.purpose, DealPurpose::Outcome(_)) {
            return Effect::All(vec![Effect::Say(say), Effect::Close]);
        }
        Effect::All(vec![Effect::Say(say), Effect::Close, Effect::FollowDeal(deal)])
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        self.form.render(area, buf)
    }
}
