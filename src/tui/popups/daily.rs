//! The day's own words: the summary and tomorrow's plan, written at the end
//! of the day with `D`. Both are text areas on the form engine: they wrap,
//! Enter starts a new line, Tab goes to the other, Ctrl-S saves.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::i18n::{Lang, Msg};
use crate::store::{DailySummary, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DailyKey {
    Summary,
    Plan,
}

#[derive(Debug, Clone)]
pub struct DailyForm {
    day: NaiveDate,
    form: RecordForm<DailyKey>,
}

impl DailyForm {
    /// The form of `day`, with what was written; an empty plan starts as
    /// `draft` (the next day's follow-ups and planned visits) to edit.
    pub fn new(lang: Lang, day: NaiveDate, existing: Option<DailySummary>, draft: &str) -> DailyForm {
        let existing = existing.unwrap_or_default();
        let plan = if existing.tomorrow_plan.trim().is_empty() { draft } else { &existing.tomorrow_plan };
        let fields = vec![
            Field::area(DailyKey::Summary, lang.t(Msg::FieldSummary), &existing.summary),
            Field::area(DailyKey::Plan, lang.t(Msg::FieldTomorrowPlan), plan),
        ];
        let title = format!("{} {}", lang.t(Msg::DailyFormTitle), day.format("%Y-%m-%d"));
        let mut form = RecordForm::new(lang, title, fields).with_keys(Msg::DailyFormKeys);
        // The summary is what is written first; the plan is there to edit.
        form.focus_on(DailyKey::Summary);
        DailyForm { day, form }
    }
}

impl Popup for DailyForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        form_effect(event, cx.lang, || {
            let words = DailySummary {
                summary: self.form.value(DailyKey::Summary).trim().to_string(),
                tomorrow_plan: self.form.value(DailyKey::Plan).trim().to_string(),
            };
            Ok(Some(Command::SaveDailyReport { day: self.day, words }))
        })
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => Effect::All(vec![Effect::Say(Say::ok(cx.lang.t(Msg::DailySaved))), Effect::Close]),
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
