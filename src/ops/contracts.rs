//! Getting paid: contracts, their instalments and the money received, each
//! one action, with the method's guards (SPEC §2): a plan that does not add
//! up to the contract blocks signing it; an instalment cannot be cut below
//! what it has received; a receipt larger than what is outstanding is
//! asked about first. A guard answers with what is wrong, never silently.

use chrono::NaiveDate;

use super::kinds::ActionKind;
use crate::domain::contract::end_of_time;
use crate::domain::{ContractStatus, Money};
use crate::store::{Batch, Decision, NewContract, NewInstalment, NewReceipt, RecordMeta, Result, Store, StoreError};

/// Why a payment action was not done, with the figures to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentRefused {
    /// The instalments add up to `planned`, not the contract's `amount`.
    PlanDoesNotAddUp { planned: Money, amount: Money },
    /// The instalment has already received `received`.
    BelowReceived { received: Money },
    /// More than the `outstanding` money: asked first (call again with
    /// `confirmed`).
    MoreThanOutstanding { outstanding: Money },
    /// A void contract takes no money and no signature.
    ContractVoid,
    /// Voiding needs a reason.
    NoReason,
}

/// Done, or refused with why.
pub type Guarded<T> = std::result::Result<T, PaymentRefused>;

/// The instalments' total, void ones left out.
fn planned(instalments: &[NewInstalment]) -> Money {
    Money(instalments.iter().filter(|i| !i.void).map(|i| i.amount.cents()).sum())
}

/// A plan may be signed when it adds up (or is not made yet: money can be
/// received against the contract as a whole).
fn check_plan(status: ContractStatus, amount: Money, planned: Money, any: bool) -> Guarded<()> {
    if status.is_in_force() && any && planned != amount {
        return Err(PaymentRefused::PlanDoesNotAddUp { planned, amount });
    }
    Ok(())
}

fn insert_with_plan(b: &Batch<'_>, contract: &NewContract, instalments: &[NewInstalment]) -> Result<i64> {
    let id = b.insert_contract(contract, &RecordMeta::now())?;
    for (n, instalment) in instalments.iter().enumerate() {
        let seq = if instalment.seq == 0 { n as u32 + 1 } else { instalment.seq };
        b.insert_instalment(id, &NewInstalment { seq, ..instalment.clone() }, &RecordMeta::now())?;
    }
    Ok(id)
}

/// A new contract with its instalments, one action.
pub fn add_contract(store: &mut Store, contract: &NewContract, instalments: &[NewInstalment]) -> Result<Guarded<i64>> {
    if let Err(refused) = check_plan(contract.status, contract.amount, planned(instalments), !instalments.is_empty()) {
        return Ok(Err(refused));
    }
    let id = store
        .action(ActionKind::AddContract.code(), &contract.title, |b| insert_with_plan(b, contract, instalments))?;
    Ok(Ok(id))
}

/// The deal is won and its contract made in the same action: one undo
/// takes back both.
pub fn win_with_contract(
    store: &mut Store,
    deal_id: i64,
    contract: &NewContract,
    instalments: &[NewInstalment],
    today: NaiveDate,
) -> Result<Guarded<i64>> {
    let deal = store.opportunity(deal_id)?.ok_or(StoreError::NotFound("opportunity"))?;
    if let Err(refused) = check_plan(contract.status, contract.amount, planned(instalments), !instalments.is_empty()) {
        return Ok(Err(refused));
    }
    let contract = NewContract { opportunity_id: Some(deal_id), account_id: deal.account_id, ..contract.clone() };
    let id = store.action(ActionKind::Won.code(), &deal.title, |b| {
        b.decide(&deal, &Decision::Won, today)?;
        insert_with_plan(b, &contract, instalments)
    })?;
    Ok(Ok(id))
}

/// Changes what a contract says (its plan apart). Marking it signed (or
/// any status in force) checks the plan adds up.
pub fn edit_contract(store: &mut Store, id: i64, contract: &NewContract) -> Result<Guarded<()>> {
    let old = store.contract(id)?.ok_or(StoreError::NotFound("contract"))?;
    let instalments = store.instalments_of(id, chrono::Local::now().date_naive())?;
    let plan: Vec<NewInstalment> = instalments.into_iter().map(|i| i.instalment).collect();
    if let Err(refused) = check_plan(contract.status, contract.amount, planned(&plan), !plan.is_empty()) {
        return Ok(Err(refused));
    }
    if contract.status == ContractStatus::Void && contract.void_reason.trim().is_empty() {
        return Ok(Err(PaymentRefused::NoReason));
    }
    store.action(ActionKind::EditContract.code(), &old.contract.title, |b| b.update_contract(id, contract))?;
    Ok(Ok(()))
}

/// Changes a contract and its plan together, one action: the plan's lines
/// replace its instalments in order (the first line changes the first
/// instalment still in the plan, and so on; lines beyond are added, and
/// instalments beyond the lines are removed). Refused, with the figures,
/// when the plan does not add up to a contract in force, or when a line
/// cuts an instalment below what it has received (a removed one counts as
/// cut to nothing). A void contract is not revised.
pub fn revise_contract(
    store: &mut Store,
    id: i64,
    contract: &NewContract,
    plan: &[NewInstalment],
) -> Result<Guarded<()>> {
    let old = store.contract(id)?.ok_or(StoreError::NotFound("contract"))?;
    if old.contract.status == ContractStatus::Void {
        return Ok(Err(PaymentRefused::ContractVoid));
    }
    if let Err(refused) = check_plan(contract.status, contract.amount, planned(plan), !plan.is_empty()) {
        return Ok(Err(refused));
    }
    let current: Vec<_> = store.instalments_of(id, end_of_time())?.into_iter().filter(|i| !i.instalment.void).collect();
    for (n, old) in current.iter().enumerate() {
        let kept = plan.get(n).map_or(Money::ZERO, |line| line.amount);
        if kept < old.received {
            return Ok(Err(PaymentRefused::BelowReceived { received: old.received }));
        }
    }
    let last_seq = current.iter().map(|i| i.instalment.seq).max().unwrap_or(0);
    store.action(ActionKind::EditContract.code(), &old.contract.title, |b| {
        b.update_contract(id, contract)?;
        for (n, line) in plan.iter().enumerate() {
            match current.get(n) {
                Some(old) => {
                    // What the plan's line says; the rest (method, warning
                    // days, condition, notes) as it was.
                    let kept = NewInstalment {
                        label: line.label.clone(),
                        due_on: line.due_on,
                        amount: line.amount,
                        ..old.instalment.clone()
                    };
                    b.update_instalment(old.id, &kept)?;
                }
                None => {
                    let seq = last_seq + (n - current.len()) as u32 + 1;
                    b.insert_instalment(id, &NewInstalment { seq, ..line.clone() }, &RecordMeta::now())?;
                }
            }
        }
        for old in current.iter().skip(plan.len()) {
            b.delete_instalment(old.id)?;
        }
        Ok(())
    })?;
    Ok(Ok(()))
}

/// Signs a contract on `day`: refused while the plan does not add up.
pub fn sign_contract(store: &mut Store, id: i64, day: NaiveDate) -> Result<Guarded<()>> {
    let old = store.contract(id)?.ok_or(StoreError::NotFound("contract"))?;
    if old.contract.status == ContractStatus::Void {
        return Ok(Err(PaymentRefused::ContractVoid));
    }
    let start = old.contract.start_on.unwrap_or(day);
    let signed = NewContract {
        status: ContractStatus::Signed,
        signed_on: Some(old.contract.signed_on.unwrap_or(day)),
        start_on: Some(start),
        // Signed now: its first return visit, unless one was set.
        return_visit_on: old
            .contract
            .return_visit_on
            .or(Some(crate::domain::care::CareRules::default().contract_visit(start))),
        ..old.contract
    };
    edit_contract(store, id, &signed)
}

/// Voids a contract, with the reason: its instalments are void with it
/// (derived), its receipts stay as they were.
pub fn void_contract(store: &mut Store, id: i64, reason: &str) -> Result<Guarded<()>> {
    let old = store.contract(id)?.ok_or(StoreError::NotFound("contract"))?;
    let void =
        NewContract { status: ContractStatus::Void, void_reason: reason.trim().to_string(), ..old.contract.clone() };
    edit_contract(store, id, &void)
}

pub fn delete_contract(store: &mut Store, id: i64) -> Result<()> {
    let old = store.contract(id)?.ok_or(StoreError::NotFound("contract"))?;
    store.action(ActionKind::DeleteContract.code(), &old.contract.title, |b| b.delete_contract(id))
}

/// Adds or changes one instalment. It cannot be cut below what it has
/// already received.
pub fn save_instalment(
    store: &mut Store,
    contract_id: i64,
    id: Option<i64>,
    instalment: &NewInstalment,
) -> Result<Guarded<i64>> {
    let contract = store.contract(contract_id)?.ok_or(StoreError::NotFound("contract"))?;
    let title = contract.contract.title;
    match id {
        Some(id) => {
            let far_future = end_of_time();
            let old = store.instalment(id, far_future)?.ok_or(StoreError::NotFound("instalment"))?;
            if instalment.amount < old.received {
                return Ok(Err(PaymentRefused::BelowReceived { received: old.received }));
            }
            store.action(ActionKind::EditInstalment.code(), &title, |b| b.update_instalment(id, instalment))?;
            Ok(Ok(id))
        }
        None => {
            let seq = if instalment.seq == 0 {
                store.instalments_of(contract_id, end_of_time())?.iter().map(|i| i.instalment.seq).max().unwrap_or(0)
                    + 1
            } else {
                instalment.seq
            };
            let new = NewInstalment { seq, ..instalment.clone() };
            let id = store.action(ActionKind::EditInstalment.code(), &title, |b| {
                b.insert_instalment(contract_id, &new, &RecordMeta::now())
            })?;
            Ok(Ok(id))
        }
    }
}

pub fn delete_instalment(store: &mut Store, id: i64) -> Result<Guarded<()>> {
    let old = store.instalment(id, end_of_time())?.ok_or(StoreError::NotFound("instalment"))?;
    if old.received.cents() > 0 {
        return Ok(Err(PaymentRefused::BelowReceived { received: old.received }));
    }
    store.action(ActionKind::EditInstalment.code(), &old.contract_title, |b| b.delete_instalment(id))?;
    Ok(Ok(()))
}

/// Records money received. Money for no instalment in particular goes to
/// the oldest open one, and what is more than it owes to the next (one
/// receipt row each, with the same reference). More than the contract (or
/// the chosen instalment) still owes is refused unless `confirmed`: the
/// screen asks, then calls again. Returns the receipts' ids.
pub fn record_receipt(store: &mut Store, receipt: &NewReceipt, confirmed: bool) -> Result<Guarded<Vec<i64>>> {
    let contract = store.contract(receipt.contract_id)?.ok_or(StoreError::NotFound("contract"))?;
    if contract.contract.status == ContractStatus::Void {
        return Ok(Err(PaymentRefused::ContractVoid));
    }
    let everything = end_of_time();
    let parts: Vec<NewReceipt> = match receipt.instalment_id {
        Some(id) => {
            let instalment = store.instalment(id, everything)?.ok_or(StoreError::NotFound("instalment"))?;
            if receipt.amount > instalment.outstanding() && !confirmed {
                return Ok(Err(PaymentRefused::MoreThanOutstanding { outstanding: instalment.outstanding() }));
            }
            vec![receipt.clone()]
        }
        None => {
            let open = store.open_instalments(receipt.contract_id, everything)?;
            let owed = if open.is_empty() {
                contract.outstanding()
            } else {
                Money(open.iter().map(|i| i.outstanding().cents()).sum())
            };
            if receipt.amount > owed && !confirmed {
                return Ok(Err(PaymentRefused::MoreThanOutstanding { outstanding: owed }));
            }
            split_over(receipt, &open)
        }
    };
    let ids = store.action(ActionKind::RecordReceipt.code(), &contract.contract.title, |b| {
        parts.iter().map(|part| b.insert_receipt(part, &RecordMeta::now())).collect::<Result<Vec<i64>>>()
    })?;
    Ok(Ok(ids))
}

/// Unassigned money over the open instalments, oldest first; the last one
/// takes any excess (asked about before).
fn split_over(receipt: &NewReceipt, open: &[crate::store::InstalmentRow]) -> Vec<NewReceipt> {
    if open.is_empty() {
        return vec![receipt.clone()];
    }
    let mut left = receipt.amount.cents();
    let mut parts = Vec::new();
    for (n, instalment) in open.iter().enumerate() {
        if left <= 0 {
            break;
        }
        let last = n + 1 == open.len();
        let take = if last { left } else { left.min(instalment.outstanding().cents()) };
        parts.push(NewReceipt { instalment_id: Some(instalment.id), amount: Money(take), ..receipt.clone() });
        left -= take;
    }
    parts
}

pub fn delete_receipt(store: &mut Store, id: i64) -> Result<()> {
    let old = store.receipt(id)?.ok_or(StoreError::NotFound("receipt"))?;
    store.action(ActionKind::DeleteReceipt.code(), &old.contract_title, |b| b.delete_receipt(id))
}
