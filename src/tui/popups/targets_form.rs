//! `T` on a month's form: the month's targets — typed for the month,
//! copied from last month, or typed for the whole year and spread over
//! its months (the cents that do not divide go to the last months).

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::deal::deal_amount;
use crate::domain::{FieldError, Month};
use crate::i18n::{FormMsg as F, Lang};
use crate::labels::field_error;
use crate::store::{StoreError, Targets};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKey {
    Scope,
    Sales,
    Collections,
    Visits,
    NewAccounts,
}

#[derive(Debug, Clone)]
pub struct TargetsForm {
    month: Month,
    form: RecordForm<TargetKey>,
}

impl TargetsForm {
    pub fn new(lang: Lang, month: Month, now: Option<Targets>) -> TargetsForm {
        let t = now.unwrap_or_default();
        let scopes = vec![
            ("month".to_string(), lang.f(F::ScopeMonth).to_string()),
            ("copy".to_string(), lang.f(F::ScopeCopy).to_string()),
            ("year".to_string(), lang.f(F::ScopeYear).to_string()),
        ];
        let count = |n: i64| if n == 0 { String::new() } else { n.to_string() };
        let money = |m: crate::domain::Money| if m.cents() == 0 { String::new() } else { m.full() };
        let fields = vec![
            Field::choice(TargetKey::Scope, lang.f(F::TargetScope), scopes, "month"),
            Field::text(TargetKey::Sales, lang.f(F::TargetSales), &money(t.sales_cents)),
            Field::text(TargetKey::Collections, lang.f(F::TargetCollections), &money(t.collections_cents)),
            Field::text(TargetKey::Visits, lang.f(F::TargetVisits), &count(t.visits)),
            Field::text(TargetKey::NewAccounts, lang.f(F::TargetNewAccounts), &count(t.new_accounts)),
        ];
        let title = lang.f(F::TargetsTitle).replace("{month}", &month.to_string());
        let mut form = RecordForm::new(lang, title, fields);
        form.focus_on(TargetKey::Sales);
        TargetsForm { month, form }
    }

    fn check(&mut self, lang: Lang) -> Option<Command> {
        let scope = self.form.value(TargetKey::Scope);
        if scope == "copy" {
            return Some(Command::CopyTargets(self.month));
        }
        let mut errors: Vec<(TargetKey, String)> = Vec::new();
        let mut money = |key| match deal_amount(&self.form.value(key), false) {
            Ok(m) => m,
            Err(e) => {
                errors.push((key, field_error(lang, &e)));
                crate::domain::Money::ZERO
            }
        };
        let sales = money(TargetKey::Sales);
        let collections = money(TargetKey::Collections);
        let mut count = |key| {
            let text = self.form.value(key);
            match text.trim() {
                "" => 0,
                t => match t.parse::<i64>() {
                    Ok(n) if n >= 0 => n,
                    Ok(_) => {
                        errors.push((key, field_error(lang, &FieldError::Negative)));
                        0
                    }
                    Err(_) => {
                        errors.push((key, field_error(lang, &FieldError::UnknownValue)));
                        0
                    }
                },
            }
        };
        let visits = count(TargetKey::Visits);
        let new_accounts = count(TargetKey::NewAccounts);
        if !errors.is_empty() {
            self.form.show_errors(&errors);
            return None;
        }
        let targets = Targets { sales_cents: sales, collections_cents: collections, visits, new_accounts };
        Some(match scope.as_str() {
            "year" => Command::SpreadTargets { year: self.month.year(), total: targets },
            _ => Command::SetTargets { month: self.month, targets },
        })
    }
}

impl Popup for TargetsForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        form_effect(event, cx.lang, || Ok(self.check(cx.lang)))
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        let month = self.month.to_string();
        match result {
            Ok(Done::Did(false)) => {
                self.form.notice = Some((cx.lang.f(F::NoTargetsToCopy).to_string(), true));
                Effect::Stay
            }
            Ok(done) => {
                let said = match (self.form.value(TargetKey::Scope).as_str(), done) {
                    ("year", _) => cx.lang.f(F::TargetsSpread).replace("{year}", &self.month.year().to_string()),
                    ("copy", _) => cx.lang.f(F::TargetsCopied).replace("{month}", &month),
                    _ => cx.lang.f(F::TargetsSaved).replace("{month}", &month),
                };
                Effect::All(vec![Effect::Say(Say::ok(said)), Effect::Close])
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
