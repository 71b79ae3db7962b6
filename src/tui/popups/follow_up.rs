//! Moving a follow-up to another day (the customer asked for next week):
//! one date field, prefilled with the day it is due now, typed over.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::parse_date;
use crate::i18n::{Lang, Msg};
use crate::labels::field_error;
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveKey {
    Date,
}

#[derive(Debug, Clone)]
pub struct MoveFollowUpForm {
    activity_id: i64,
    form: RecordForm<MoveKey>,
}

impl MoveFollowUpForm {
    pub fn new(lang: Lang, activity_id: i64, what: &str, due: NaiveDate) -> MoveFollowUpForm {
        let fields = vec![Field::text(MoveKey::Date, lang.t(Msg::FieldNewDate), &due.format("%Y-%m-%d").to_string())];
        let title = format!("{}: {what}", lang.t(Msg::FollowUpMoveTitle));
        MoveFollowUpForm { activity_id, form: RecordForm::new(lang, title, fields) }
    }
}

impl Popup for MoveFollowUpForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        form_effect(event, cx.lang, || match parse_date(&self.form.value(MoveKey::Date), cx.today) {
            Ok(day) => Ok(Some(Command::MoveFollowUp { id: self.activity_id, day })),
            Err(e) => {
                self.form.show_errors(&[(MoveKey::Date, field_error(cx.lang, &e))]);
                Ok(None)
            }
        })
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        self.form.render(area, buf)
    }
}
