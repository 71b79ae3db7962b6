//! `W` on the monthly report: the rep's own words for the month — this
//! month's work, next month's plan, problems and support needed — four
//! text areas beside the figures the report fills itself.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::domain::Month;
use crate::i18n::{FormMsg as F, Lang};
use crate::store::{MonthWords, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordsKey {
    Work,
    NextPlan,
    Problems,
    Support,
}

#[derive(Debug, Clone)]
pub struct MonthWordsForm {
    month: Month,
    form: RecordForm<WordsKey>,
}

impl MonthWordsForm {
    pub fn new(lang: Lang, month: Month, existing: Option<MonthWords>) -> MonthWordsForm {
        let w = existing.unwrap_or_default();
        let fields = vec![
            Field::area(WordsKey::Work, lang.f(F::WordsWork), &w.work),
            Field::area(WordsKey::NextPlan, lang.f(F::WordsNextPlan), &w.next_plan),
            Field::area(WordsKey::Problems, lang.f(F::WordsProblems), &w.problems),
            Field::area(WordsKey::Support, lang.f(F::WordsSupport), &w.support),
        ];
        let title = lang.f(F::WordsTitle).replace("{month}", &month.to_string());
        let form = RecordForm::new(lang, title, fields).with_keys(crate::i18n::Msg::DailyFormKeys);
        MonthWordsForm { month, form }
    }
}

impl Popup for MonthWordsForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        form_effect(event, cx.lang, || {
            let text = |k| self.form.value(k).trim().to_string();
            let words = MonthWords {
                work: text(WordsKey::Work),
                next_plan: text(WordsKey::NextPlan),
                problems: text(WordsKey::Problems),
                support: text(WordsKey::Support),
            };
            Ok(Some(Command::SaveMonthWords { month: self.month, words }))
        })
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => {
                let said = cx.lang.f(F::WordsSaved).replace("{month}", &self.month.to_string());
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
