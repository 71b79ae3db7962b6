//! The day's own words: today's summary and tomorrow's plan, written at
//! the end of the day with `D`.

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;

use crate::i18n::{Lang, Msg};
use crate::store::{DailySummary, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View};
use crate::tui::theme;
use crate::tui::widgets::form::{FieldValue, FieldView, discard_question, render_form};
use crate::tui::widgets::popup::centered;
use crate::tui::widgets::text_field::{Edit, TextField};

#[derive(Debug, Clone)]
pub struct DailyForm {
    day: NaiveDate,
    summary: TextField,
    plan: TextField,
    on_plan: bool,
    initial: (TextField, TextField),
    confirm_discard: bool,
    notice: Option<Msg>,
}

impl DailyForm {
    pub fn new(day: NaiveDate, existing: Option<DailySummary>) -> DailyForm {
        let existing = existing.unwrap_or_default();
        let summary = TextField::with_text(&existing.summary);
        let plan = TextField::with_text(&existing.tomorrow_plan);
        DailyForm {
            day,
            initial: (summary.clone(), plan.clone()),
            summary,
            plan,
            on_plan: false,
            confirm_discard: false,
            notice: None,
        }
    }

    fn is_dirty(&self) -> bool {
        self.summary != self.initial.0 || self.plan != self.initial.1
    }

    fn field_mut(&mut self) -> &mut TextField {
        if self.on_plan { &mut self.plan } else { &mut self.summary }
    }

    pub fn on_paste(&mut self, text: &str) {
        let edit = self.field_mut().insert_str(text);
        self.notice = (edit == Edit::Truncated).then_some(Msg::TextCut);
    }

    fn key(&mut self, key: &KeyEvent) -> Effect {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('c') {
            return Effect::Quit;
        }
        if self.confirm_discard {
            return if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                Effect::Close
            } else {
                self.confirm_discard = false;
                Effect::Stay
            };
        }
        match key.code {
            KeyCode::Char('s') if ctrl => self.save(),
            KeyCode::Enter if self.on_plan => self.save(),
            KeyCode::Enter | KeyCode::Tab | KeyCode::BackTab | KeyCode::Up | KeyCode::Down => {
                self.on_plan = !self.on_plan;
                Effect::Stay
            }
            KeyCode::Esc if self.is_dirty() => {
                self.confirm_discard = true;
                Effect::Stay
            }
            KeyCode::Esc => Effect::Close,
            _ => {
                let edit = self.field_mut().on_key(key);
                self.notice = (edit == Edit::Truncated).then_some(Msg::TextCut);
                Effect::Stay
            }
        }
    }

    fn save(&mut self) -> Effect {
        let words = DailySummary {
            summary: self.summary.text().trim().to_string(),
            tomorrow_plan: self.plan.text().trim().to_string(),
        };
        Effect::Run(Command::SaveDailyReport { day: self.day, words })
    }

    pub fn render(&self, area: Rect, buf: &mut Buffer, lang: Lang) -> Option<Position> {
        let fields = [
            FieldView {
                label: lang.t(Msg::FieldSummary),
                value: FieldValue::Text(&self.summary),
                error: None,
                focused: !self.on_plan,
            },
            FieldView {
                label: lang.t(Msg::FieldTomorrowPlan),
                value: FieldValue::Text(&self.plan),
                error: None,
                focused: self.on_plan,
            },
        ];
        let mut footer = Vec::new();
        if self.confirm_discard {
            footer.push(discard_question(lang));
        } else if let Some(notice) = self.notice {
            footer.push(Line::from(lang.t(notice)).style(theme::error()));
        }
        footer.push(Line::from(lang.t(Msg::DailyFormKeys)).style(Style::default().fg(theme::MUTED)));
        let title = format!(" {} {} ", lang.t(Msg::DailyFormTitle), self.day.format("%Y-%m-%d"));
        render_form(centered(area, 80, 9), buf, &title, &fields, &footer)
    }
}

impl Popup for DailyForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, _cx: &Cx<'_>) -> Effect {
        self.key(key)
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        DailyForm::on_paste(self, text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => Effect::All(vec![Effect::Say(Say::ok(cx.lang.t(Msg::DailySaved))), Effect::Close]),
            Err(e) => {
                self.notice = Some(crate::labels::save_failed(&e));
                Effect::Stay
            }
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, view: &View) -> Option<Position> {
        DailyForm::render(self, area, buf, view.lang)
    }
}
