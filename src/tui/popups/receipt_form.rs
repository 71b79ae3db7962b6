//! Money received (回款) against a contract: the day, the amount (the
//! oldest instalment still owed is offered), which instalment it pays (or
//! "the oldest still owed", and the next with what is more), how it came
//! and its bank reference. More than is owed is asked about first: the
//! form says so, and a second Ctrl-S records it.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::deal::deal_amount;
use crate::domain::{FieldError, Money, PaymentMethod, parse_date};
use crate::i18n::{Lang, Msg};
use crate::labels::{field_error, payment_method_label};
use crate::ops::PaymentRefused;
use crate::store::{ContractRow, InstalmentRow, NewReceipt, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::contract_form::refused_words;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReceiptKey {
    Date,
    Amount,
    Instalment,
    Method,
    Reference,
}

pub struct ReceiptForm {
    form: RecordForm<ReceiptKey>,
    contract_id: i64,
    /// The rep was told it is more than is owed; the next save records it.
    confirmed: Option<NewReceipt>,
}

/// The choice that lets kam apply the money to the oldest instalment owed.
const OLDEST: &str = "";

impl ReceiptForm {
    pub fn new(lang: Lang, contract: &ContractRow, instalments: &[InstalmentRow], today: NaiveDate) -> ReceiptForm {
        let t = |m| lang.t(m);
        let open: Vec<&InstalmentRow> =
            instalments.iter().filter(|i| !i.instalment.void && i.outstanding().cents() > 0).collect();
        let mut choices = vec![(OLDEST.to_string(), t(Msg::OldestOwed).to_string())];
        choices.extend(open.iter().map(|i| {
            let words = format!(
                "{} {}  {}  {}",
                i.instalment.seq,
                i.instalment.label,
                i.instalment.due_on.format("%Y-%m-%d"),
                i.outstanding().full()
            );
            (i.id.to_string(), words)
        }));
        let methods = PaymentMethod::ALL
            .iter()
            .map(|m| (m.code().to_string(), lang.t(payment_method_label(*m)).to_string()))
            .collect();
        let offered = open.first().map(|i| i.outstanding()).unwrap_or_else(|| contract.outstanding());
        let fields = vec![
            Field::text(ReceiptKey::Date, t(Msg::FieldReceivedOn), &today.format("%Y-%m-%d").to_string()),
            Field::text(ReceiptKey::Amount, t(Msg::DealAmount), &offered.full()),
            Field::choice(ReceiptKey::Instalment, t(Msg::ColInstalment), choices, OLDEST),
            Field::choice(ReceiptKey::Method, t(Msg::FieldMethod), methods, PaymentMethod::Wire.code()),
            Field::text(ReceiptKey::Reference, t(Msg::ColReference), ""),
        ];
        let number =
            if contract.contract.number.is_empty() { &contract.contract.title } else { &contract.contract.number };
        let title = lang.t(Msg::ReceiptTitle).replace("{contract}", number);
        let mut form = RecordForm::new(lang, title, fields);
        form.focus_on(ReceiptKey::Amount);
        ReceiptForm { form, contract_id: contract.id, confirmed: None }
    }

    fn check(&mut self, lang: Lang, today: NaiveDate) -> Option<Command> {
        let mut errors: Vec<(ReceiptKey, String)> = Vec::new();
        let mut wrong = |key, e: FieldError| errors.push((key, field_error(lang, &e)));
        let day = parse_date(&self.form.value(ReceiptKey::Date), today).map_err(|e| wrong(ReceiptKey::Date, e)).ok();
        let amount = deal_amount(&self.form.value(ReceiptKey::Amount), true)
            .and_then(|m| if m.cents() > 0 { Ok(m) } else { Err(FieldError::Empty) })
            .map_err(|e| wrong(ReceiptKey::Amount, e))
            .ok();
        if !errors.is_empty() {
            self.form.show_errors(&errors);
            return None;
        }
        let receipt = NewReceipt {
            contract_id: self.contract_id,
            instalment_id: self.form.value(ReceiptKey::Instalment).parse().ok(),
            received_on: day.unwrap_or(today),
            amount: amount.unwrap_or(Money::ZERO),
            method: self.form.value(ReceiptKey::Method),
            reference: self.form.value(ReceiptKey::Reference).trim().to_string(),
            notes: String::new(),
        };
        // Asked and saved again unchanged: record it.
        let confirmed = self.confirmed.take().is_some_and(|asked| asked == receipt);
        Some(Command::RecordReceipt { receipt, confirmed })
    }
}

impl Popup for ReceiptForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        let command = || Ok(self.check(cx.lang, cx.today));
        form_effect(event, cx.lang, command)
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(Done::PaymentRefused(refused)) => {
                if let PaymentRefused::MoreThanOutstanding { .. } = refused {
                    // Keep what was asked about: the same save again records it.
                    self.confirmed = self.check(cx.lang, cx.today).and_then(|c| match c {
                        Command::RecordReceipt { receipt, .. } => Some(receipt),
                        _ => None,
                    });
                }
                self.form.show_errors(&[(ReceiptKey::Amount, refused_words(cx.lang, refused))]);
                Effect::Stay
            }
            Ok(_) => Effect::All(vec![Effect::Say(Say::ok(cx.lang.t(Msg::ReceiptSaved))), Effect::Close]),
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
