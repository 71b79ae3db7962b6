//! Keeping the customer from the account: a complaint (`p`) and its
//! progress (Enter on it: status, cause, what was done; closing it
//! schedules a return visit), a return visit with its survey (`v`; it makes
//! the visit a closed complaint scheduled, when one is due), an objection
//! and the answer given (`b`).

use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

use crate::config::Config;
use crate::domain::{Channel, ComplaintCategory, ComplaintStatus, FieldError, Severity, parse_date};
use crate::i18n::{Lang, Msg};
use crate::labels::{complaint_category_label, complaint_status_label, field_error, severity_label};
use crate::ops::CareRules;
use crate::store::{ComplaintRow, NewActivity, NewComplaint, NewObjection, NewSurvey, StoreError};
use crate::tui::command::{Command, Done};
use crate::tui::keymap::Context;
use crate::tui::popups::{Cx, Effect, Popup, Say, View, form_effect};
use crate::tui::widgets::record_form::{Field, RecordForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CareKey {
    Date,
    Number,
    Severity,
    Category,
    Description,
    Demand,
    Status,
    RootCause,
    Action,
    Overall,
    Nps,
    Feedback,
    ForComplaint,
    Objection,
    Answer,
    Resolved,
}

#[derive(Debug, Clone)]
enum CareFor {
    NewComplaint { account: i64 },
    Progress(Box<ComplaintRow>),
    ReturnVisit { account: i64 },
    Objection { account: i64 },
}

pub struct CareForm {
    form: RecordForm<CareKey>,
    purpose: CareFor,
}

/// The payment-rule settings as the ops take them.
fn care_rules(config: &Config) -> CareRules {
    config.care.rules()
}

fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

impl CareForm {
    pub fn complaint(lang: Lang, (account, name): (i64, &str), today: NaiveDate) -> CareForm {
        let t = |m| lang.t(m);
        let severities =
            Severity::ALL.iter().map(|s| (s.code().to_string(), t(severity_label(*s)).to_string())).collect();
        let categories = ComplaintCategory::ALL
            .iter()
            .map(|c| (c.code().to_string(), t(complaint_category_label(*c)).to_string()))
            .collect();
        let fields = vec![
            Field::text(CareKey::Date, t(Msg::FieldComplaintDate), &day_text(today)),
            Field::choice(CareKey::Severity, t(Msg::FieldSeverity), severities, Severity::Normal.code()),
            Field::choice(CareKey::Category, t(Msg::FieldCategory), categories, ComplaintCategory::Quality.code()),
            Field::text(CareKey::Description, t(Msg::FieldComplaint), ""),
            Field::text(CareKey::Demand, t(Msg::FieldDemand), ""),
            Field::text(CareKey::Number, t(Msg::FieldComplaintNumber), ""),
        ];
        let form = RecordForm::new(lang, format!("{}: {name}", t(Msg::NewComplaintTitle)), fields);
        CareForm { form, purpose: CareFor::NewComplaint { account } }
    }

    pub fn progress(lang: Lang, row: ComplaintRow) -> CareForm {
        let t = |m| lang.t(m);
        let statuses = ComplaintStatus::ALL
            .iter()
            .map(|s| (s.code().to_string(), t(complaint_status_label(*s)).to_string()))
            .collect();
        let c = &row.complaint;
        let fields = vec![
            Field::choice(CareKey::Status, t(Msg::ColStatus), statuses, c.status.code()),
            Field::text(CareKey::RootCause, t(Msg::FieldRootCause), &c.root_cause),
            Field::text(CareKey::Action, t(Msg::FieldActionTaken), &c.action_taken),
        ];
        let title = format!("{}: {}", t(Msg::ComplaintProgressTitle), c.description);
        let mut form = RecordForm::new(lang, title, fields).editing(true);
        form.focus_on(CareKey::Status);
        CareForm { form, purpose: CareFor::Progress(Box::new(row)) }
    }

    /// A return visit with its survey; `due` are the complaints whose
    /// return visit is due (the first is offered).
    pub fn return_visit(lang: Lang, account: (i64, &str), due: &[ComplaintRow], today: NaiveDate) -> CareForm {
        let offered: Vec<(String, String)> =
            due.iter().map(|k| (format!("k{}", k.id), k.complaint.description.clone())).collect();
        CareForm::return_visit_for(lang, account, &offered, today)
    }

    /// A return visit a contract's start scheduled.
    pub fn contract_visit(lang: Lang, account: (i64, &str), contract: (i64, &str), today: NaiveDate) -> CareForm {
        let offered = vec![(format!("c{}", contract.0), contract.1.to_string())];
        CareForm::return_visit_for(lang, account, &offered, today)
    }

    /// A return visit with its survey, for one of `offered` (code `k<id>`
    /// a complaint, `c<id>` a contract; the first is picked).
    fn return_visit_for(
        lang: Lang,
        (account, name): (i64, &str),
        offered: &[(String, String)],
        today: NaiveDate,
    ) -> CareForm {
        let t = |m| lang.t(m);
        let scores = (1..=5).rev().map(|s| (s.to_string(), t(score_label(s)).to_string())).collect();
        let mut complaints = vec![(String::new(), t(Msg::NoComplaint).to_string())];
        complaints.extend(offered.iter().cloned());
        let offered = offered.first().map(|(code, _)| code.clone()).unwrap_or_default();
        let fields = vec![
            Field::text(CareKey::Date, t(Msg::FieldDate), &day_text(today)),
            Field::choice(CareKey::Overall, t(Msg::FieldOverall), scores, "5"),
            Field::text(CareKey::Nps, t(Msg::FieldNps), ""),
            Field::text(CareKey::Feedback, t(Msg::FieldFeedback), ""),
            Field::choice(CareKey::ForComplaint, t(Msg::FieldForComplaint), complaints, &offered),
        ];
        let form = RecordForm::new(lang, format!("{}: {name}", t(Msg::ReturnVisitTitle)), fields);
        CareForm { form, purpose: CareFor::ReturnVisit { account } }
    }

    pub fn objection(lang: Lang, (account, name): (i64, &str)) -> CareForm {
        let t = |m| lang.t(m);
        let yes_no = vec![("no".to_string(), t(Msg::No).to_string()), ("yes".to_string(), t(Msg::Yes).to_string())];
        let fields = vec![
            Field::text(CareKey::Objection, t(Msg::FieldObjection), ""),
            Field::text(CareKey::Answer, t(Msg::FieldAnswer), ""),
            Field::choice(CareKey::Resolved, t(Msg::FieldResolved), yes_no, "no"),
        ];
        let form = RecordForm::new(lang, format!("{}: {name}", t(Msg::NewObjectionTitle)), fields);
        CareForm { form, purpose: CareFor::Objection { account } }
    }

    fn check(&mut self, lang: Lang, config: &Config, today: NaiveDate) -> Option<Command> {
        let mut errors: Vec<(CareKey, String)> = Vec::new();
        let mut wrong = |key, e: FieldError| errors.push((key, field_error(lang, &e)));
        let value = |key| self.form.value(key).trim().to_string();
        let date = parse_date(&value(CareKey::Date), today);
        let rules = care_rules(config);
        let command = match &self.purpose {
            CareFor::NewComplaint { account } => {
                let received_on = date.map_err(|e| wrong(CareKey::Date, e)).unwrap_or(today);
                if value(CareKey::Description).is_empty() {
                    wrong(CareKey::Description, FieldError::Empty);
                }
                let severity = Severity::from_code(&value(CareKey::Severity)).unwrap_or(Severity::Normal);
                Command::AddComplaint {
                    complaint: Box::new(NewComplaint {
                        number: value(CareKey::Number),
                        account_id: *account,
                        contact_id: None,
                        contract_id: None,
                        received_on,
                        channel: String::new(),
                        category: ComplaintCategory::from_code(&value(CareKey::Category))
                            .unwrap_or(ComplaintCategory::Other),
                        severity,
                        respond_by: rules.respond_by(severity, received_on),
                        description: value(CareKey::Description),
                        demand: value(CareKey::Demand),
                        root_cause: String::new(),
                        action_taken: String::new(),
                        status: ComplaintStatus::New,
                        resolved_on: None,
                        closed_on: None,
                        return_visit_on: None,
                        return_visit_id: None,
                    }),
                    rules,
                }
            }
            CareFor::Progress(row) => Command::UpdateComplaint {
                id: row.id,
                complaint: Box::new(NewComplaint {
                    status: ComplaintStatus::from_code(&value(CareKey::Status)).unwrap_or(row.complaint.status),
                    root_cause: value(CareKey::RootCause),
                    action_taken: value(CareKey::Action),
                    ..row.complaint.clone()
                }),
                rules,
            },
            CareFor::ReturnVisit { account } => {
                let on = date.map_err(|e| wrong(CareKey::Date, e)).unwrap_or(today);
                let nps_text = value(CareKey::Nps);
                let nps = if nps_text.is_empty() {
                    None
                } else {
                    match nps_text.parse::<u8>().ok().filter(|n| *n <= 10) {
                        Some(n) => Some(n),
                        None => {
                            wrong(CareKey::Nps, FieldError::UnknownValue);
                            None
                        }
                    }
                };
                let overall = value(CareKey::Overall).parse::<u8>().unwrap_or(5);
                let feedback = value(CareKey::Feedback);
                let purpose = lang.t(Msg::ReturnVisitPurpose).to_string();
                let mut activity = NewActivity::new(*account, on, Channel::Visit, &purpose);
                activity.result = feedback.clone();
                let survey = NewSurvey {
                    account_id: *account,
                    contact_id: None,
                    contract_id: None,
                    complaint_id: None,
                    activity_id: None,
                    surveyed_on: on,
                    overall,
                    nps,
                    quality: None,
                    delivery: None,
                    service: None,
                    response: None,
                    feedback,
                    follow_up: String::new(),
                };
                let picked = value(CareKey::ForComplaint);
                let made_for = match (picked.get(..1), picked.get(1..).and_then(|id| id.parse().ok())) {
                    (Some("k"), Some(id)) => crate::ops::VisitFor::Complaint(id),
                    (Some("c"), Some(id)) => crate::ops::VisitFor::Contract(id),
                    _ => crate::ops::VisitFor::Nothing,
                };
                Command::ReturnVisit { activity: Box::new(activity), survey: Box::new(survey), made_for }
            }
            CareFor::Objection { account } => {
                if value(CareKey::Objection).is_empty() {
                    wrong(CareKey::Objection, FieldError::Empty);
                }
                Command::AddObjection(NewObjection {
                    account_id: *account,
                    opportunity_id: None,
                    raised_on: today,
                    objection: value(CareKey::Objection),
                    answer: value(CareKey::Answer),
                    resolved: value(CareKey::Resolved) == "yes",
                })
            }
        };
        if !errors.is_empty() {
            self.form.show_errors(&errors);
            return None;
        }
        Some(command)
    }
}

/// 5 很满意 ... 1 很不满意
fn score_label(score: u8) -> Msg {
    match score {
        5 => Msg::Score5,
        4 => Msg::Score4,
        3 => Msg::Score3,
        2 => Msg::Score2,
        _ => Msg::Score1,
    }
}

impl Popup for CareForm {
    fn context(&self) -> Context {
        Context::Form
    }

    fn on_key(&mut self, key: &KeyEvent, cx: &Cx<'_>) -> Effect {
        let event = self.form.on_key(key);
        let command = || Ok(self.check(cx.lang, cx.config, cx.today));
        form_effect(event, cx.lang, command)
    }

    fn on_paste(&mut self, text: &str, _cx: &Cx<'_>) {
        self.form.on_paste(text);
    }

    fn done(&mut self, result: Result<Done, StoreError>, cx: &Cx<'_>) -> Effect {
        match result {
            Ok(_) => Effect::All(vec![Effect::Say(Say::ok(cx.lang.t(Msg::CareSaved))), Effect::Close]),
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
