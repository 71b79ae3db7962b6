//! A planned visit kept in place: moved to another day (and time; the day
//! first planned is kept), or skipped with the reason the manager will ask
//! for.

use chrono::{NaiveDate, NaiveTime};
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::{FieldError, parse_date, parse_time};
use crate::i18n::{Lang, Msg};
use crate::labels::field_error;
use crate::tui::command::Command;
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitKey {
    Date,
    Time,
    Reason,
}

/// What the form does with the visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Move,
    Skip,
}

#[derive(Debug, Clone)]
pub struct VisitForm {
    visit_id: i64,
    change: Change,
    form: RecordForm<VisitKey>,
}

impl VisitForm {
    /// `m`: another day, prefilled with the day it is planned for now.
    pub fn move_visit(lang: Lang, visit_id: i64, account: &str, day: NaiveDate, at: Option<NaiveTime>) -> VisitForm {
        let fields = vec![
            Field::text(VisitKey::Date, lang.t(Msg::FieldNewDate), &day.format("%Y-%m-%d").to_string()),
            Field::text(
                VisitKey::Time,
                lang.t(Msg::FieldTime),
                &at.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
            ),
        ];
        let title = lang.t(Msg::VisitMoveTitle).replace("{name}", account);
        let mut form = RecordForm::new(lang, title, fields);
        // The day is what moves: typing replaces it (the time may stay empty).
        form.focus_on(VisitKey::Date);
        VisitForm { visit_id, change: Change::Move, form }
    }

    /// `s`: skipped, with the reason (required).
    pub fn skip_visit(lang: Lang, visit_id: i64, account: &str, day: NaiveDate) -> VisitForm {
        let fields = vec![Field::text(VisitKey::Reason, lang.t(Msg::FieldSkipReason), "")];
        let title =
            lang.t(Msg::VisitSkipTitle).replace("{name}", account).replace("{date}", &day.format("%m-%d").to_string());
        VisitForm { visit_id, change: Change::Skip, form: RecordForm::new(lang, title, fields) }
    }

    fn check(&mut self, lang: Lang, today: NaiveDate) -> Option<Command> {
        let id = self.visit_id;
        match self.change {
            Change::Move => {
                let day = parse_date(&self.form.value(VisitKey::Date), today);
                let time_text = self.form.value(VisitKey::Time);
                let time = if time_text.trim().is_empty() { Ok(None) } else { parse_time(&time_text).map(Some) };
                match (day, time) {
                    (Ok(day), Ok(at_time)) => Some(Command::MoveVisit { id, day, at_time }),
                    (day, time) => {
                        let mut errors = Vec::new();
                        if let Err(e) = day {
                            errors.push((VisitKey::Date, field_error(lang, &e)));
                        }
                        if let Err(e) = time {
                            errors.push((VisitKey::Time, field_error(lang, &e)));
                        }
                        self.form.show_errors(&errors);
                        None
                    }
                }
            }
            Change::Skip => {
                let reason = self.form.value(VisitKey::Reason).trim().to_string();
                if reason.is_empty() {
                    self.form.show_errors(&[(VisitKey::Reason, field_error(lang, &FieldError::Empty))]);
                    return None;
                }
                Some(Command::SkipVisit { id, reason })
            }
        }
    }
}

impl Popup for VisitForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        form_effect(event, cx.lang, || Ok(self.check(cx.lang, cx.today)))
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        self.form.render(area, buf)
    }
}
