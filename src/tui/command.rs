//! The writes the screen asks for, and the one place in the TUI that runs
//! them: each `Command` is one `ops` call, one transaction, one undo step.

use chrono::NaiveDate;

use crate::demo::Scale;
use crate::ops::{self, DealChanges, MoveRefused, Moved, QuoteAdded};
use crate::store::{
    ActionInfo, DailySummary, Decision, NewAccount, NewActivity, NewCompetitor, NewComplaint, NewContact, NewContract,
    NewInstalment, NewNeed, NewNegotiation, NewObjection, NewOpportunity, NewReceipt, NewSurvey, Result, Store,
};

/// What a popup or a tab asks to be written.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SaveAccount {
        id: Option<i64>,
        account: NewAccount,
    },
    SaveContact {
        id: Option<i64>,
        contact: NewContact,
    },
    SaveCompetitor {
        id: Option<i64>,
        competitor: NewCompetitor,
    },
    SaveNeed {
        id: Option<i64>,
        need: NewNeed,
    },
    DeleteAccount(i64),
    DeleteContact(i64),
    DeleteCompetitor(i64),
    DeleteNeed(i64),
    AddDeal(NewOpportunity),
    SaveDeal {
        id: i64,
        changes: DealChanges,
    },
    DeleteDeal(i64),
    MoveDeal {
        id: i64,
        forward: bool,
    },
    RecordOutcome {
        id: i64,
        decision: Decision,
    },
    AddQuote {
        id: i64,
        quoted_on: NaiveDate,
        amount: crate::domain::Money,
        note: String,
    },
    AddNegotiation(NewNegotiation),
    /// A contract and its payment plan.
    AddContract {
        contract: Box<NewContract>,
        plan: Vec<NewInstalment>,
    },
    /// The deal won with its contract, one undo step.
    WinWithContract {
        deal: i64,
        contract: Box<NewContract>,
        plan: Vec<NewInstalment>,
    },
    DeleteContract(i64),
    /// A contract and its plan corrected, one undo step.
    ReviseContract {
        id: i64,
        contract: Box<NewContract>,
        plan: Vec<NewInstalment>,
    },
    /// Signs a draft contract today: refused while its plan does not add up.
    SignContract(i64),
    /// Voids a contract, with the reason.
    VoidContract {
        id: i64,
        reason: String,
    },
    AddComplaint {
        complaint: Box<NewComplaint>,
        rules: ops::CareRules,
    },
    UpdateComplaint {
        id: i64,
        complaint: Box<NewComplaint>,
        rules: ops::CareRules,
    },
    /// A return visit with its survey, making a complaint's scheduled visit.
    ReturnVisit {
        activity: Box<NewActivity>,
        survey: Box<NewSurvey>,
        made_for: ops::VisitFor,
    },
    AddObjection(NewObjection),
    /// Money received; `confirmed` once the rep said yes to more than is owed.
    RecordReceipt {
        receipt: NewReceipt,
        confirmed: bool,
    },
    LogActivity(NewActivity),
    EditActivity {
        id: i64,
        activity: NewActivity,
    },
    DeleteActivity(i64),
    /// A follow-up marked done by hand (today).
    FollowUpDone(i64),
    /// A planned visit to another day (the first day is kept).
    MoveVisit {
        id: i64,
        day: NaiveDate,
        at_time: Option<chrono::NaiveTime>,
    },
    /// A planned visit skipped, with the reason.
    SkipVisit {
        id: i64,
        reason: String,
    },
    MoveFollowUp {
        id: i64,
        day: NaiveDate,
    },
    SaveDailyReport {
        day: NaiveDate,
        words: DailySummary,
    },
    /// A month's targets, typed.
    SetTargets {
        month: crate::domain::Month,
        targets: crate::store::Targets,
    },
    /// Last month's targets for this month.
    CopyTargets(crate::domain::Month),
    /// A year's targets spread over its months.
    SpreadTargets {
        year: i32,
        total: crate::store::Targets,
    },
    SaveMonthWords {
        month: crate::domain::Month,
        words: crate::store::MonthWords,
    },
    /// Points for a manual assessment item.
    ScoreItem {
        month: crate::domain::Month,
        item: String,
        points: crate::domain::assessment::ManualPoints,
    },
    /// A form sent: its typed values as JSON, kept frozen.
    SubmitForm {
        kind: crate::store::FormKind,
        month: crate::domain::Month,
        body: String,
    },
    /// A new draft of a sent form.
    ReopenForm {
        kind: crate::store::FormKind,
        month: crate::domain::Month,
    },
    /// Undo the newest action, if it is still this one (by journal id).
    Undo(Option<i64>),
    Redo,
    LoadDemo,
    SetRepName(String),
}

/// How a command went.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    /// A record was written; its id.
    Saved(i64),
    Deleted,
    Moved(Moved),
    MoveRefused(MoveRefused),
    Quoted(QuoteAdded),
    /// A guard of the payment rules said no, with why.
    PaymentRefused(ops::PaymentRefused),
    Undone(Option<ActionInfo>),
    /// The newest action changed under the question: ask again.
    UndoChanged,
    Redone(Option<ActionInfo>),
    DemoLoaded,
    /// A form was sent as this version.
    Sent(i64),
    /// Whether there was something to do (targets to copy, a form to reopen).
    Did(bool),
    Nothing,
}

/// Runs `command` through `ops`.
pub fn run(store: &mut Store, command: &Command, today: NaiveDate) -> Result<Done> {
    Ok(match command {
        Command::SaveAccount { id: Some(id), account } => {
            ops::edit_account(store, *id, account)?;
            Done::Saved(*id)
        }
        Command::SaveAccount { id: None, account } => Done::Saved(ops::add_account(store, account, today)?),
        Command::SaveContact { id: Some(id), contact } => {
            ops::edit_contact(store, *id, contact)?;
            Done::Saved(*id)
        }
        Command::SaveContact { id: None, contact } => Done::Saved(ops::add_contact(store, contact)?),
        Command::SaveCompetitor { id: Some(id), competitor } => {
            ops::edit_competitor(store, *id, competitor)?;
            Done::Saved(*id)
        }
        Command::SaveCompetitor { id: None, competitor } => Done::Saved(ops::add_competitor(store, competitor)?),
        Command::SaveNeed { id: Some(id), need } => {
            ops::edit_need(store, *id, need)?;
            Done::Saved(*id)
        }
        Command::SaveNeed { id: None, need } => Done::Saved(ops::add_need(store, need)?),
        Command::DeleteAccount(id) => ops::delete_account(store, *id).map(|()| Done::Deleted)?,
        Command::DeleteContact(id) => ops::delete_contact(store, *id).map(|()| Done::Deleted)?,
        Command::DeleteCompetitor(id) => ops::delete_competitor(store, *id).map(|()| Done::Deleted)?,
        Command::DeleteNeed(id) => ops::delete_need(store, *id).map(|()| Done::Deleted)?,
        Command::AddDeal(deal) => Done::Saved(ops::add_deal(store, deal)?),
        Command::SaveDeal { id, changes } => {
            ops::save_deal(store, *id, changes)?;
            Done::Saved(*id)
        }
        Command::DeleteDeal(id) => ops::delete_deal(store, *id).map(|()| Done::Deleted)?,
        Command::MoveDeal { id, forward } => match ops::move_deal(store, *id, *forward, today)? {
            Ok(moved) => Done::Moved(moved),
            Err(refused) => Done::MoveRefused(refused),
        },
        Command::RecordOutcome { id, decision } => {
            ops::record_outcome(store, *id, decision, today)?;
            Done::Saved(*id)
        }
        Command::AddQuote { id, quoted_on, amount, note } => {
            Done::Quoted(ops::add_quote(store, *id, *quoted_on, *amount, note, today)?)
        }
        Command::AddNegotiation(round) => Done::Saved(ops::add_negotiation(store, round)?),
        Command::AddContract { contract, plan } => match ops::add_contract(store, contract, plan)? {
            Ok(id) => Done::Saved(id),
            Err(refused) => Done::PaymentRefused(refused),
        },
        Command::WinWithContract { deal, contract, plan } => {
            match ops::win_with_contract(store, *deal, contract, plan, today)? {
                Ok(id) => Done::Saved(id),
                Err(refused) => Done::PaymentRefused(refused),
            }
        }
        Command::DeleteContract(id) => ops::delete_contract(store, *id).map(|()| Done::Deleted)?,
        Command::ReviseContract { id, contract, plan } => match ops::revise_contract(store, *id, contract, plan)? {
            Ok(()) => Done::Saved(*id),
            Err(refused) => Done::PaymentRefused(refused),
        },
        Command::VoidContract { id, reason } => match ops::void_contract(store, *id, reason)? {
            Ok(()) => Done::Saved(*id),
            Err(refused) => Done::PaymentRefused(refused),
        },
        Command::SignContract(id) => match ops::sign_contract(store, *id, today)? {
            Ok(()) => Done::Saved(*id),
            Err(refused) => Done::PaymentRefused(refused),
        },
        Command::AddComplaint { complaint, rules } => Done::Saved(ops::add_complaint(store, complaint, rules)?),
        Command::UpdateComplaint { id, complaint, rules } => {
            ops::update_complaint(store, *id, complaint, today, rules)?;
            Done::Saved(*id)
        }
        Command::ReturnVisit { activity, survey, made_for } => {
            Done::Saved(ops::record_return_visit(store, activity, Some(survey), *made_for)?)
        }
        Command::AddObjection(objection) => Done::Saved(ops::add_objection(store, objection)?),
        Command::RecordReceipt { receipt, confirmed } => match ops::record_receipt(store, receipt, *confirmed)? {
            Ok(ids) => Done::Saved(ids.first().copied().unwrap_or_default()),
            Err(refused) => Done::PaymentRefused(refused),
        },
        Command::LogActivity(activity) => Done::Saved(ops::log_activity(store, activity)?),
        Command::EditActivity { id, activity } => {
            ops::edit_activity(store, *id, activity)?;
            Done::Saved(*id)
        }
        Command::DeleteActivity(id) => ops::delete_activity(store, *id).map(|()| Done::Deleted)?,
        Command::FollowUpDone(id) => {
            ops::mark_follow_up_done(store, *id, today)?;
            Done::Saved(*id)
        }
        Command::MoveVisit { id, day, at_time } => {
            ops::move_visit(store, *id, *day, *at_time)?;
            Done::Saved(*id)
        }
        Command::SkipVisit { id, reason } => {
            ops::skip_visit(store, *id, reason)?;
            Done::Saved(*id)
        }
        Command::MoveFollowUp { id, day } => {
            ops::move_follow_up(store, *id, *day)?;
            Done::Saved(*id)
        }
        Command::SaveDailyReport { day, words } => {
            ops::save_daily_report(store, *day, words).map(|()| Done::Nothing)?
        }
        Command::SetTargets { month, targets } => ops::set_targets(store, *month, targets).map(|()| Done::Nothing)?,
        Command::CopyTargets(month) => Done::Did(ops::copy_last_months_targets(store, *month)?.is_some()),
        Command::SpreadTargets { year, total } => {
            ops::spread_year_targets(store, *year, total).map(|()| Done::Nothing)?
        }
        Command::SaveMonthWords { month, words } => {
            ops::save_month_words(store, *month, words).map(|()| Done::Nothing)?
        }
        Command::ScoreItem { month, item, points } => {
            ops::score_item(store, *month, item, points).map(|()| Done::Nothing)?
        }
        Command::SubmitForm { kind, month, body } => Done::Sent(ops::submit_form(store, *kind, *month, body)?),
        Command::ReopenForm { kind, month } => Done::Did(ops::reopen_form(store, *kind, *month)?),
        Command::Undo(expected) => {
            if expected.is_some() && store.next_undo()?.map(|n| n.id) != *expected {
                Done::UndoChanged
            } else {
                Done::Undone(ops::undo(store)?)
            }
        }
        Command::Redo => Done::Redone(ops::redo(store)?),
        Command::LoadDemo => ops::load_demo(store, Scale::S, 1, today).map(|_| Done::DemoLoaded)?,
        Command::SetRepName(name) => ops::set_rep_name(store, name).map(|()| Done::Nothing)?,
    })
}
