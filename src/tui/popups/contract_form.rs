//! The contract of a won deal (or any contract of an account), with its
//! payment plan in the same form: the plan is lines of "label  due date
//! amount", drafted from the terms ("30/60/10", "预付款 30% 0; 到货款 60%
//! +30") whenever the terms, the amount or the start change, and the rep's
//! to correct line by line. Saved in one action with the win when it comes
//! from the outcome of a deal.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::contract::{PlannedInstalment, parse_plan, parse_terms, plan_from_terms, plan_text};
use crate::domain::deal::deal_amount;
use crate::domain::{ContractStatus, FieldError, Money, parse_date};
use crate::i18n::{Lang, Msg};
use crate::labels::field_error;
use crate::ops::PaymentRefused;
use crate::store::{ContractRow, InstalmentRow, NewContract, NewInstalment, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractKey {
    Number,
    Title,
    Amount,
    Signed,
    Terms,
    Plan,
}

/// What the contract is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractFor {
    /// The deal is won with this contract, in one action.
    Win { deal: i64, account: i64 },
    /// A contract of a won deal made later, or of an account.
    Add { deal: Option<i64>, account: i64 },
    /// A contract and its plan corrected (`e` on it).
    Revise { id: i64 },
}

pub struct ContractForm {
    form: RecordForm<ContractKey>,
    purpose: ContractFor,
    /// The plan as last drafted from the terms: while the rep has not
    /// changed it, new terms draft it again.
    drafted: String,
    /// The contract as it was, when revising one: what the form does not
    /// show (notes, end, signatory, its return visit) is kept.
    before: Option<NewContract>,
}

/// Terms most contracts start from: 30% with the order, 60% on delivery,
/// 10% on acceptance.
fn default_terms(lang: Lang) -> &'static str {
    if lang.is_chinese() {
        "预付款 30% 0; 到货款 60% +60; 验收款 10% +120"
    } else {
        "Deposit 30% 0; On delivery 60% +60; On acceptance 10% +120"
    }
}

impl ContractForm {
    pub fn new(lang: Lang, purpose: ContractFor, title: &str, amount: Money, today: NaiveDate) -> ContractForm {
        let t = |m| lang.t(m);
        let fields = vec![
            Field::text(ContractKey::Number, t(Msg::FieldContractNumber), ""),
            Field::text(ContractKey::Title, t(Msg::FieldContractTitle), title),
            Field::text(ContractKey::Amount, t(Msg::DealAmount), &amount.full()),
            Field::text(ContractKey::Signed, t(Msg::FieldSignedOn), &today.format("%Y-%m-%d").to_string()),
            Field::text(ContractKey::Terms, t(Msg::FieldTerms), default_terms(lang)),
            Field::area(ContractKey::Plan, t(Msg::FieldPlan), ""),
        ];
        let heading = match purpose {
            ContractFor::Win { .. } => lang.t(Msg::ContractForWin).replace("{title}", title),
            ContractFor::Add { .. } | ContractFor::Revise { .. } => lang.t(Msg::ContractNew).to_string(),
        };
        let mut form = ContractForm {
            form: RecordForm::new(lang, heading, fields).with_keys(Msg::ContractFormKeys),
            purpose,
            drafted: String::new(),
            before: None,
        };
        form.redraft(today);
        form.form.mark_clean();
        form.form.focus_on(ContractKey::Number);
        form
    }

    /// A contract as it stands, with its plan as lines, to correct: a due
    /// date moved, an amount fixed, a line added or taken out.
    pub fn revise(lang: Lang, contract: &ContractRow, plan: &[InstalmentRow], today: NaiveDate) -> ContractForm {
        let c = &contract.contract;
        let mut form = ContractForm::new(lang, ContractFor::Revise { id: contract.id }, &c.title, c.amount, today);
        let lines: Vec<PlannedInstalment> = plan
            .iter()
            .filter(|i| !i.instalment.void)
            .map(|i| PlannedInstalment {
                label: i.instalment.label.clone(),
                due_on: i.instalment.due_on,
                amount: i.instalment.amount,
            })
            .collect();
        let text = plan_text(&lines);
        form.form.title = lang.t(Msg::ContractRevise).replace("{title}", &c.title);
        form.form.set_value(ContractKey::Number, &c.number);
        form.form
            .set_value(ContractKey::Signed, &c.signed_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
        form.form.set_value(ContractKey::Terms, &c.terms);
        form.form.set_value(ContractKey::Plan, &text);
        form.drafted = text;
        form.before = Some(c.clone());
        form.form.mark_clean();
        form
    }

    /// Drafts the plan from the terms, unless the rep changed it by hand.
    fn redraft(&mut self, today: NaiveDate) {
        let current = self.form.value(ContractKey::Plan);
        if current.trim() != self.drafted.trim() {
            return;
        }
        let Ok(amount) = deal_amount(&self.form.value(ContractKey::Amount), true) else { return };
        let start = parse_date(&self.form.value(ContractKey::Signed), today).unwrap_or(today);
        let Some(terms) = parse_terms(&self.form.value(ContractKey::Terms)) else { return };
        let text = plan_text(&plan_from_terms(amount, start, &terms));
        self.form.set_value(ContractKey::Plan, &text);
        self.drafted = text;
    }

    /// Checks the fields; the contract and its plan as they will be saved.
    fn check(&mut self, lang: Lang, config: &crate::config::Config, today: NaiveDate) -> Option<Command> {
        let mut errors: Vec<(ContractKey, String)> = Vec::new();
        let mut wrong = |key, e: FieldError| errors.push((key, field_error(lang, &e)));
        let title = self.form.value(ContractKey::Title).trim().to_string();
        if title.is_empty() {
            wrong(ContractKey::Title, FieldError::Empty);
        }
        let amount = deal_amount(&self.form.value(ContractKey::Amount), true).unwrap_or_else(|e| {
            wrong(ContractKey::Amount, e);
            Money::ZERO
        });
        let signed_text = self.form.value(ContractKey::Signed);
        let signed = if signed_text.trim().is_empty() {
            None
        } else {
            parse_date(&signed_text, today).map_err(|e| wrong(ContractKey::Signed, e)).ok()
        };
        let plan = match parse_plan(&self.form.value(ContractKey::Plan), today) {
            Ok(plan) => plan,
            Err((line, e)) => {
                let text = lang
                    .t(Msg::PlanLineWrong)
                    .replace("{line}", &line.to_string())
                    .replace("{error}", &field_error(lang, &e));
                errors.push((ContractKey::Plan, text));
                Vec::new()
            }
        };
        if !errors.is_empty() {
            self.form.show_errors(&errors);
            return None;
        }
        let plan: Vec<NewInstalment> = plan
            .into_iter()
            .enumerate()
            .map(|(n, p)| NewInstalment::new(n as u32 + 1, &p.label, p.due_on, p.amount))
            .collect();
        if let (ContractFor::Revise { id }, Some(before)) = (self.purpose, &self.before) {
            // Signing or unsigning by the date only while it is a draft or
            // just signed; later statuses stay as they are.
            let status = match before.status {
                ContractStatus::Draft | ContractStatus::Signed if signed.is_some() => ContractStatus::Signed,
                ContractStatus::Draft | ContractStatus::Signed => ContractStatus::Draft,
                other => other,
            };
            let contract = NewContract {
                number: self.form.value(ContractKey::Number).trim().to_string(),
                title,
                amount,
                signed_on: signed,
                start_on: before.start_on.or(signed),
                terms: self.form.value(ContractKey::Terms).trim().to_string(),
                status,
                return_visit_on: before
                    .return_visit_on
                    .or_else(|| signed.map(|start| config.care.rules().contract_visit(start))),
                ..before.clone()
            };
            return Some(Command::ReviseContract { id, contract: Box::new(contract), plan });
        }
        let (deal, account) = match self.purpose {
            ContractFor::Win { deal, account } => (Some(deal), account),
            ContractFor::Add { deal, account } => (deal, account),
            ContractFor::Revise { .. } => return None,
        };
        let contract = NewContract {
            opportunity_id: deal,
            number: self.form.value(ContractKey::Number).trim().to_string(),
            signed_on: signed,
            start_on: signed,
            terms: self.form.value(ContractKey::Terms).trim().to_string(),
            status: if signed.is_some() { ContractStatus::Signed } else { ContractStatus::Draft },
            // A week after it starts, the first return visit.
            return_visit_on: signed.map(|start| config.care.rules().contract_visit(start)),
            ..NewContract::draft(account, &title, amount)
        };
        Some(match self.purpose {
            ContractFor::Win { deal, .. } => Command::WinWithContract { deal, contract: Box::new(contract), plan },
            _ => Command::AddContract { contract: Box::new(contract), plan },
        })
    }
}

/// A guard's refusal in words, with the figures.
pub fn refused_words(lang: Lang, refused: PaymentRefused) -> String {
    match refused {
        PaymentRefused::PlanDoesNotAddUp { planned, amount } => lang
            .t(Msg::PlanDoesNotAddUp)
            .replace("{planned}", &planned.full())
            .replace("{amount}", &amount.full())
            .replace("{difference}", &Money(amount.cents() - planned.cents()).full()),
        PaymentRefused::BelowReceived { received } => {
            lang.t(Msg::BelowReceived).replace("{received}", &received.full())
        }
        PaymentRefused::MoreThanOutstanding { outstanding } => {
            lang.t(Msg::MoreThanOwed).replace("{outstanding}", &outstanding.full())
        }
        PaymentRefused::ContractVoid => lang.t(Msg::ContractIsVoid).to_string(),
        PaymentRefused::NoReason => lang.t(Msg::VoidNeedsReason).to_string(),
    }
}

impl Popup for ContractForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        if matches!(self.form.take_changed(), Some(ContractKey::Terms | ContractKey::Amount | ContractKey::Signed)) {
            self.redraft(cx.today);
        }
        let command = || Ok(self.check(cx.lang, cx.config, cx.today));
        form_effect(event, cx.lang, command)
    }

    fn on_paste(&mut self, text: &str, cx: &Cx<'_>) {
        self.form.on_paste(text);
        self.redraft(cx.today);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(Done::PaymentRefused(refused)) => {
                self.form.show_errors(&[(ContractKey::Plan, refused_words(cx.lang, refused))]);
                Effect::Stay
            }
            Ok(_) => {
                let title = self.form.value(ContractKey::Title);
                Effect::All(vec![
                    Effect::Say(Say::ok(cx.lang.t(Msg::ContractSaved).replace("{title}", title.trim()))),
                    Effect::Close,
                ])
            }
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

/// Voids a contract, with the reason (作废原因): its instalments are void
/// with it, its receipts stay.
pub struct VoidContractForm {
    form: RecordForm<ContractKey>,
    contract_id: i64,
}

impl VoidContractForm {
    pub fn new(lang: Lang, contract_id: i64, title: &str) -> VoidContractForm {
        let fields = vec![Field::text(ContractKey::Title, lang.t(Msg::FieldVoidReason), "")];
        let heading = lang.t(Msg::VoidContractTitle).replace("{title}", title);
        VoidContractForm { form: RecordForm::new(lang, heading, fields), contract_id }
    }
}

impl Popup for VoidContractForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        let reason = self.form.value(ContractKey::Title).trim().to_string();
        let id = self.contract_id;
        let lang = cx.lang;
        let form = &mut self.form;
        form_effect(event, lang, || {
            if reason.is_empty() {
                form.show_errors(&[(ContractKey::Title, field_error(lang, &FieldError::Empty))]);
                return Ok(None);
            }
            Ok(Some(Command::VoidContract { id, reason }))
        })
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(Done::PaymentRefused(refused)) => {
                self.form.show_errors(&[(ContractKey::Title, refused_words(cx.lang, refused))]);
                Effect::Stay
            }
            Ok(_) => Effect::All(vec![Effect::Say(Say::ok(cx.lang.t(Msg::ContractVoided))), Effect::Close]),
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
