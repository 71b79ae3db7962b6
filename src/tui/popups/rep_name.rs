//! Whose file this is: asked once, right after the greeting on a new file
//! (a later sync and the reports name the rep). Esc leaves it unnamed;
//! `kam rep --name` names or renames it any time.

use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use super::{Cx, Effect, Popup, Say, View, form_effect};
use crate::domain::account::{NAME_MAX, text};
use crate::i18n::Msg;
use crate::labels::field_error;
use crate::store::StoreError;
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RepKey {
    Name,
}

pub struct RepNamePopup {
    form: RecordForm<RepKey>,
}

impl RepNamePopup {
    pub fn new(lang: crate::i18n::Lang) -> RepNamePopup {
        let fields = vec![Field::text(RepKey::Name, lang.t(Msg::FieldRepName), "")];
        RepNamePopup { form: RecordForm::new(lang, lang.t(Msg::RepNameTitle).to_string(), fields) }
    }
}

impl Popup for RepNamePopup {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        let form = &mut self.form;
        form_effect(event, cx.lang, || match text(&form.value(RepKey::Name), true, NAME_MAX) {
            Ok(name) => Ok(Some(Command::SetRepName(name))),
            Err(e) => {
                form.show_errors(&[(RepKey::Name, field_error(cx.lang, &e))]);
                Ok(None)
            }
        })
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => {
                let text = cx.lang.t(Msg::RepNamed).replace("{name}", &self.form.value(RepKey::Name));
                Effect::All(vec![Effect::Say(Say::ok(text)), Effect::Close])
            }
            Err(e) => Effect::Say(Say::warn(crate::labels::store_error(cx.lang, &e))),
        }
    }

    fn render(&self, area: Rect, buf: &mut Buffer, _view: &View) -> Option<Position> {
        self.form.render(area, buf)
    }
}
