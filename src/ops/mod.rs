//! One function per user action. Each runs exactly one store transaction
//! (one undo step), applies the method's rules, and returns a typed outcome
//! that the screen or the command line puts into words. Screens, the CLI
//! and the importers write only through here, so a rule exists once.

mod accounts;
mod activities;
mod care;
mod contracts;
mod daily;
mod deals;
mod demo;
mod dossier;
mod forms;
mod import;
mod journal;
mod kinds;
mod pipeline;
mod plan;
mod rep;

pub use crate::domain::care::CareRules;
pub use accounts::{add_account, delete_account, edit_account, set_no_known_competitor};
pub use activities::{delete_activity, edit_activity, log_activity, mark_follow_up_done, move_follow_up};
pub use care::{VisitFor, add_complaint, add_objection, add_survey, record_return_visit, update_complaint};
pub use contracts::{
    Guarded, PaymentRefused, add_contract, delete_contract, delete_instalment, delete_receipt, edit_contract,
    record_receipt, revise_contract, save_instalment, sign_contract, void_contract, win_with_contract,
};
pub use daily::save_daily_report;
pub use deals::{
    DealChanges, QuoteAdded, add_deal, add_negotiation, add_quote, choose_next_contact, delete_deal, judge_deal,
    record_outcome, save_deal,
};
pub use demo::load_demo;
pub use dossier::{
    add_competitor, add_contact, add_need, delete_competitor, delete_contact, delete_need, edit_competitor,
    edit_contact, edit_need,
};
pub use forms::{
    copy_last_months_targets, reopen_form, save_month_words, score_item, set_targets, share_of, spread_year_targets,
    submit_form,
};
pub use import::{import_records, import_records_kept};
pub use journal::{redo, undo};
pub use kinds::ActionKind;
pub use pipeline::{MoveRefused, Moved, move_deal};
pub use plan::{move_visit, plan_ahead, plan_visit, plan_year, replan_account, skip_visit, suggest_collections};
pub use rep::set_rep_name;
