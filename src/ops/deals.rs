//! A deal's life off the board: new, saved with all its decisions at once,
//! deleted, won or lost, quoted (with the method's early-quote rule) and
//! negotiated.

use chrono::NaiveDate;

use super::ActionKind;
use crate::domain::Money;
use crate::domain::checklist::{QuoteWarning, quote_warning};
use crate::store::{Decision, NewNegotiation, NewOpportunity, RecordMeta, Result, Store, StoreError};

/// Everything the deal form edits, saved together as one action: one
/// press of `u` takes all of it back.
#[derive(Debug, Clone, PartialEq)]
pub struct DealChanges {
    pub title: String,
    pub amount: Money,
    pub expected_close_on: Option<NaiveDate>,
    /// None: follows the stage's default.
    pub probability: Option<u8>,
    /// Analysis: go (true) or no-go (false); None leaves it as it is.
    pub go: Option<bool>,
    /// First contact: whom to meet next; None leaves it as it is.
    pub next_contact: Option<Option<i64>>,
}

pub fn add_deal(store: &mut Store, deal: &NewOpportunity) -> Result<i64> {
    store.action(ActionKind::AddDeal.code(), &deal.title, |b| b.insert_opportunity(deal, &RecordMeta::now()))
}

/// Saves the deal form: fields, go decision and next contact in one
/// transaction. Decisions that did not change are not written.
pub fn save_deal(store: &mut Store, id: i64, changes: &DealChanges) -> Result<()> {
    let (judgement, next) = store.deal_choices(id)?;
    let go = changes.go.filter(|go| judgement != if *go { "go" } else { "no_go" });
    let next_contact = changes.next_contact.filter(|n| *n != next);
    store.action(ActionKind::SaveDeal.code(), &changes.title, |b| {
        b.update_opportunity(id, &changes.title, changes.amount, changes.expected_close_on, changes.probability)?;
        if let Some(go) = go {
            b.judge(id, go)?;
        }
        if let Some(next) = next_contact {
            b.choose_next_contact(id, next)?;
        }
        Ok(())
    })
}

pub fn delete_deal(store: &mut Store, id: i64) -> Result<()> {
    let title = store.opportunity(id)?.map(|o| o.title).ok_or(StoreError::NotFound("opportunity"))?;
    store.action(ActionKind::DeleteDeal.code(), &title, |b| b.delete_opportunity(id))
}

/// Won, lost (with the reason and who won) or reopened; kept in the deal's
/// history as a move.
pub fn record_outcome(store: &mut Store, id: i64, decision: &Decision, today: NaiveDate) -> Result<()> {
    let deal = store.opportunity(id)?.ok_or(StoreError::NotFound("opportunity"))?;
    let kind = match decision {
        Decision::Won => ActionKind::Won,
        Decision::Lost { .. } => ActionKind::Lost,
        Decision::Reopen => ActionKind::Reopen,
    };
    store.action(kind.code(), &deal.title, |b| b.decide(&deal, decision, today))
}

/// What became of a quote: saved, with the method's warning when early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteAdded {
    pub id: i64,
    pub warning: Option<QuoteWarning>,
}

/// Records a quote. The method says quote late (in Close, once a need has
/// its why-chain answered): an early one is warned about and tagged, never
/// refused.
pub fn add_quote(
    store: &mut Store,
    opportunity_id: i64,
    quoted_on: NaiveDate,
    amount: Money,
    note: &str,
    today: NaiveDate,
) -> Result<QuoteAdded> {
    let deal = store.opportunity(opportunity_id)?.ok_or(StoreError::NotFound("opportunity"))?;
    let real_need = store.deal_facts(opportunity_id, today)?.real_need;
    let warning = quote_warning(deal.stage, real_need);
    let id = store.action(ActionKind::AddQuote.code(), &deal.title, |b| {
        b.insert_quote(opportunity_id, quoted_on, amount, note, warning, &RecordMeta::now())
    })?;
    Ok(QuoteAdded { id, warning })
}

pub fn add_negotiation(store: &mut Store, round: &NewNegotiation) -> Result<i64> {
    let title = store.opportunity(round.opportunity_id)?.map(|o| o.title).ok_or(StoreError::NotFound("opportunity"))?;
    store.action(ActionKind::AddNegotiation.code(), &title, |b| b.insert_negotiation(round, &RecordMeta::now()))
}

/// Analysis ends with a judgement: go on with the deal, or drop it.
pub fn judge_deal(store: &mut Store, id: i64, go: bool) -> Result<()> {
    let title = store.opportunity(id)?.map(|o| o.title).ok_or(StoreError::NotFound("opportunity"))?;
    store.action(ActionKind::SaveDeal.code(), &title, |b| b.judge(id, go))
}

/// First contact ends by choosing whom to meet next.
pub fn choose_next_contact(store: &mut Store, id: i64, contact_id: Option<i64>) -> Result<()> {
    let title = store.opportunity(id)?.map(|o| o.title).ok_or(StoreError::NotFound("opportunity"))?;
    store.action(ActionKind::SaveDeal.code(), &title, |b| b.choose_next_contact(id, contact_id))
}
