//! `Enter` on a manual assessment item: its points (0–100), who gave them
//! and why — the assessment shows all three beside the item.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::assessment::ManualPoints;
use crate::domain::{FieldError, Month};
use crate::i18n::{FormMsg as F, Lang};
use crate::labels::field_error;
use crate::store::StoreError;
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreKey {
    Points,
    By,
    Reason,
}

#[derive(Debug, Clone)]
pub struct ScoreForm {
    month: Month,
    item: String,
    name: String,
    form: RecordForm<ScoreKey>,
}

impl ScoreForm {
    pub fn new(lang: Lang, month: Month, item: &str, name: &str, given: Option<&ManualPoints>) -> ScoreForm {
        let fields = vec![
            Field::text(
                ScoreKey::Points,
                lang.f(F::ScorePoints),
                &given.map(|g| g.points.to_string()).unwrap_or_default(),
            ),
            Field::text(ScoreKey::By, lang.f(F::ScoreBy), given.map_or("", |g| g.set_by.as_str())),
            Field::area(ScoreKey::Reason, lang.f(F::ScoreReason), given.map_or("", |g| g.reason.as_str())),
        ];
        let title = lang.f(F::ScoreTitle).replace("{item}", name);
        let form = RecordForm::new(lang, title, fields);
        ScoreForm { month, item: item.to_string(), name: name.to_string(), form }
    }

    fn check(&mut self, lang: Lang) -> Option<Command> {
        let mut errors: Vec<(ScoreKey, String)> = Vec::new();
        let points = match self.form.value(ScoreKey::Points).trim().parse::<u8>() {
            Ok(p) if p <= 100 => p,
            Ok(_) | Err(_) if self.form.value(ScoreKey::Points).trim().is_empty() => {
                errors.push((ScoreKey::Points, field_error(lang, &FieldError::Empty)));
                0
            }
            _ => {
                errors.push((ScoreKey::Points, field_error(lang, &FieldError::NotAPercent)));
                0
            }
        };
        let by = self.form.value(ScoreKey::By).trim().to_string();
        let reason = self.form.value(ScoreKey::Reason).trim().to_string();
        if by.is_empty() {
            errors.push((ScoreKey::By, field_error(lang, &FieldError::Empty)));
        }
        if reason.is_empty() {
            errors.push((ScoreKey::Reason, field_error(lang, &FieldError::Empty)));
        }
        if !errors.is_empty() {
            self.form.show_errors(&errors);
            return None;
        }
        let points = ManualPoints { points, set_by: by, reason };
        Some(Command::ScoreItem { month: self.month, item: self.item.clone(), points })
    }
}

impl Popup for ScoreForm {
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
        match result {
            Ok(_) => {
                let said = cx
                    .lang
                    .f(F::ScoreSaved)
                    .replace("{item}", &self.name)
                    .replace("{points}", &self.form.value(ScoreKey::Points));
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
