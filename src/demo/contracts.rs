//! After the win in the demo: most won deals have a contract with real
//! terms (预付款 / 到货款 / 验收款 / 质保金), most instalments paid on time,
//! some late, a few still owed now. Each deal's contract draws from a
//! generator of its own (seeded by the deal), so the rest of the demo
//! stays what it was for a seed.

use chrono::{Days, NaiveDate};

use super::{Company, Rng, days_before, working_time};
use crate::domain::contract::{Share, TermLine, plan_from_terms};
use crate::domain::{ContractStatus, Money};
use crate::store::{self, Batch, NewContract, NewInstalment, NewReceipt};

/// What a contract's money came to, for the demo's counts.
#[derive(Debug, Default, Clone, Copy)]
pub struct Made {
    pub contracts: usize,
    pub instalments: usize,
    pub receipts: usize,
}

/// Terms reps meet: (label zh, label en, percent, days after the start).
const TERMS: &[&[(&str, &str, u32, i64)]] = &[
    &[("预付款", "Deposit", 30, 0), ("到货款", "On delivery", 60, 45), ("验收款", "On acceptance", 10, 120)],
    &[
        ("预付款", "Deposit", 30, 0),
        ("到货款", "On delivery", 60, 60),
        ("验收款", "On acceptance", 5, 150),
        ("质保金", "Retention", 5, 365),
    ],
    &[("预付款", "Deposit", 50, 0), ("验收款", "On acceptance", 50, 90)],
    &[("全款", "In full", 100, 30)],
];

/// A contract for the won deal `deal_id` (won on `won_on`), its plan and
/// what came in by yesterday.
#[allow(clippy::too_many_arguments)]
pub fn add_contract(
    b: &Batch<'_>,
    seed: u64,
    deal_id: i64,
    company: &Company,
    title: &str,
    amount: Money,
    won_on: NaiveDate,
    today: NaiveDate,
) -> store::Result<Made> {
    let mut rng = Rng(seed ^ (deal_id as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut made = Made::default();
    let terms = *rng.pick(TERMS);
    let lines: Vec<TermLine> = terms
        .iter()
        .map(|(zh, en, percent, after)| TermLine {
            label: if company.chinese { zh } else { en }.to_string(),
            share: Share::Percent(percent * 100),
            after_days: *after,
        })
        .collect();
    let plan = plan_from_terms(amount, won_on, &lines);
    // A win of the last fortnight may still wait for its signature.
    let draft = (today - won_on).num_days() < 14 && rng.chance(40);
    let contract = NewContract {
        account_id: company.id,
        opportunity_id: Some(deal_id),
        signatory_id: company.contacts.first().copied(),
        number: format!("HT-{}-{deal_id:06}", won_on.format("%Y")),
        title: title.to_string(),
        signed_on: (!draft).then_some(won_on),
        start_on: Some(won_on),
        end_on: plan.last().map(|p| p.due_on + Days::new(30)),
        amount,
        terms: terms.iter().map(|t| t.2.to_string()).collect::<Vec<_>>().join("/"),
        status: if draft { ContractStatus::Draft } else { ContractStatus::InProgress },
        void_reason: String::new(),
        notes: String::new(),
    };
    let at = working_time(&mut rng, won_on);
    let contract_id = b.insert_contract(&contract, &rng.meta(at))?;
    made.contracts += 1;
    for (n, planned) in plan.iter().enumerate() {
        let mut instalment = NewInstalment::new(n as u32 + 1, &planned.label, planned.due_on, planned.amount);
        instalment.method = "wire".to_string();
        let at = working_time(&mut rng, won_on);
        let instalment_id = b.insert_instalment(contract_id, &instalment, &rng.meta(at))?;
        made.instalments += 1;
        if draft {
            continue;
        }
        // Most on time, some late (a part first, now and then), a few not
        // yet: those due before today are then overdue.
        let roll = rng.below(100);
        let paid: Vec<(NaiveDate, i64)> = if roll < 78 {
            // By the due date, never before the contract was signed.
            vec![(days_before(planned.due_on, rng.below(6)).max(won_on), planned.amount.cents())]
        } else if roll < 90 {
            let late = planned.due_on + Days::new(5 + rng.below(60));
            if rng.chance(30) {
                let half = planned.amount.cents() / 2;
                vec![(late, half), (late + Days::new(20 + rng.below(40)), planned.amount.cents() - half)]
            } else {
                vec![(late, planned.amount.cents())]
            }
        } else if (today - planned.due_on).num_days() > 365 {
            // Money long owed came in the end: a year on, it is collected.
            vec![(planned.due_on + Days::new(60 + rng.below(120)), planned.amount.cents())]
        } else {
            Vec::new()
        };
        for (on, cents) in paid.into_iter().filter(|(on, _)| *on < today && *on >= won_on) {
            let receipt = NewReceipt {
                contract_id,
                instalment_id: Some(instalment_id),
                received_on: on,
                amount: Money(cents),
                method: "wire".to_string(),
                reference: format!("{}{:08}", on.format("%Y%m%d"), rng.below(100_000_000)),
                notes: String::new(),
            };
            let at = working_time(&mut rng, on);
            b.insert_receipt(&receipt, &rng.meta(at))?;
            made.receipts += 1;
        }
    }
    Ok(made)
}
