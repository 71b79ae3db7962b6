//! Keeping the customer, one action each: a complaint (its response
//! deadline promised from its severity), its progress (closing it
//! schedules a return visit), a return visit with the survey it carried,
//! an objection and the answer given.

use chrono::NaiveDate;

use super::kinds::ActionKind;
use crate::domain::ComplaintStatus;
use crate::domain::care::CareRules;
use crate::store::{NewActivity, NewComplaint, NewObjection, NewSurvey, RecordMeta, Result, Store, StoreError};

/// Records a complaint; its deadline is promised from its severity now.
pub fn add_complaint(store: &mut Store, complaint: &NewComplaint, rules: &CareRules) -> Result<i64> {
    let complaint =
        NewComplaint { respond_by: rules.respond_by(complaint.severity, complaint.received_on), ..complaint.clone() };
    let subject = complaint.description.chars().take(40).collect::<String>();
    store.action(ActionKind::AddComplaint.code(), &subject, |b| b.insert_complaint(&complaint, &RecordMeta::now()))
}

/// Moves a complaint on: its status, what caused it and what was done.
/// Resolving stamps the day; closing stamps it and schedules the return
/// visit; reopening clears both (and the visit not yet made).
pub fn update_complaint(
    store: &mut Store,
    id: i64,
    changes: &NewComplaint,
    today: NaiveDate,
    rules: &CareRules,
) -> Result<()> {
    let old = store.complaint(id)?.ok_or(StoreError::NotFound("complaint"))?;
    let mut next = changes.clone();
    // A new severity or day moves the promise; the rest keep it.
    if next.severity != old.complaint.severity || next.received_on != old.complaint.received_on {
        next.respond_by = rules.respond_by(next.severity, next.received_on);
    } else {
        next.respond_by = old.complaint.respond_by;
    }
    match next.status {
        ComplaintStatus::Resolved => {
            next.resolved_on = old.complaint.resolved_on.or(Some(today));
        }
        ComplaintStatus::Closed => {
            next.resolved_on = old.complaint.resolved_on.or(Some(today));
            let closed = old.complaint.closed_on.unwrap_or(today);
            next.closed_on = Some(closed);
            if next.return_visit_on.is_none() {
                next.return_visit_on = Some(closed + chrono::Days::new(u64::from(rules.return_visit_after_days)));
            }
        }
        status if status.is_open() => {
            next.resolved_on = None;
            next.closed_on = None;
            if next.return_visit_id.is_none() {
                next.return_visit_on = None;
            }
        }
        _ => {}
    }
    let subject = next.description.chars().take(40).collect::<String>();
    store.action(ActionKind::EditComplaint.code(), &subject, |b| b.update_complaint(id, &next))
}

/// A return visit (回访): the activity, marked so, with the survey it
/// carried; when it is the one a closed complaint scheduled, that visit is
/// made. One action.
pub fn record_return_visit(
    store: &mut Store,
    activity: &NewActivity,
    survey: Option<&NewSurvey>,
    made_for: VisitFor,
) -> Result<i64> {
    let (complaint_id, contract_id) = match made_for {
        VisitFor::Complaint(id) => (Some(id), None),
        VisitFor::Contract(id) => (None, Some(id)),
        VisitFor::Nothing => (None, None),
    };
    let contract = match contract_id {
        Some(id) => Some(store.contract(id)?.ok_or(StoreError::NotFound("contract"))?),
        None => None,
    };
    let complaint = match complaint_id {
        Some(id) => Some(store.complaint(id)?.ok_or(StoreError::NotFound("complaint"))?),
        None => None,
    };
    let name = store.account(activity.account_id)?.map(|a| a.fields.name).unwrap_or_default();
    store.action(ActionKind::ReturnVisit.code(), &name, |b| {
        let id = b.insert_activity(activity, &RecordMeta::now())?;
        b.set_return_visit(id, true)?;
        if let Some(survey) = survey {
            let survey = NewSurvey {
                activity_id: Some(id),
                complaint_id: complaint.as_ref().map(|k| k.id),
                contract_id: contract.as_ref().map(|c| c.id).or(survey.contract_id),
                ..survey.clone()
            };
            b.insert_survey(&survey, &RecordMeta::now())?;
        }
        if let Some(k) = &complaint {
            let made = NewComplaint { return_visit_id: Some(id), ..k.complaint.clone() };
            b.update_complaint(k.id, &made)?;
        }
        if let Some(c) = &contract {
            let made = crate::store::NewContract { return_visit_id: Some(id), ..c.contract.clone() };
            b.update_contract(c.id, &made)?;
        }
        Ok(id)
    })
}

/// What a return visit was scheduled by, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisitFor {
    Complaint(i64),
    Contract(i64),
    Nothing,
}

/// A survey taken on its own (a phone survey, a form sent back).
pub fn add_survey(store: &mut Store, survey: &NewSurvey) -> Result<i64> {
    let name = store.account(survey.account_id)?.map(|a| a.fields.name).unwrap_or_default();
    store.action(ActionKind::AddSurvey.code(), &name, |b| b.insert_survey(survey, &RecordMeta::now()))
}

pub fn add_objection(store: &mut Store, objection: &NewObjection) -> Result<i64> {
    let subject = objection.objection.chars().take(40).collect::<String>();
    store.action(ActionKind::AddObjection.code(), &subject, |b| b.insert_objection(objection, &RecordMeta::now()))
}
