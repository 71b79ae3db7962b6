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

/// Scores customers give: mostly content, a few not.
fn overall_score(rng: &mut Rng) -> u8 {
    match rng.below(100) {
        0..=39 => 5,
        40..=74 => 4,
        75..=89 => 3,
        90..=96 => 2,
        _ => 1,
    }
}

/// The contract the care follows: its id, its deal, the day it was won.
#[derive(Clone, Copy)]
struct Won {
    contract_id: i64,
    deal_id: i64,
    won_on: NaiveDate,
}

/// After the contract: a survey a month on, now and then a complaint, and
/// the objection the deal met on the way.
fn add_care(
    b: &Batch<'_>,
    rng: &mut Rng,
    company: &Company,
    won: &Won,
    today: NaiveDate,
    small: Option<usize>,
) -> store::Result<()> {
    use crate::domain::{ComplaintCategory, ComplaintStatus, Severity};
    let Won { contract_id, deal_id, won_on } = *won;
    use crate::store::{NewComplaint, NewObjection, NewSurvey};
    let zh = company.chinese;
    let surveyed_on = won_on + Days::new(25 + rng.below(20));
    if surveyed_on < today && rng.chance(70) {
        let overall = overall_score(rng);
        let survey = NewSurvey {
            account_id: company.id,
            contact_id: company.contacts.first().copied(),
            contract_id: Some(contract_id),
            complaint_id: None,
            activity_id: None,
            surveyed_on,
            overall,
            nps: rng.chance(60).then(|| (u64::from(overall) * 2).saturating_sub(rng.below(3)).min(10) as u8),
            quality: Some(overall),
            delivery: Some((overall + rng.below(2) as u8).min(5)),
            service: Some(overall),
            response: Some(overall.saturating_sub(rng.below(2) as u8).max(1)),
            feedback: if zh {
                "交付及时，售后响应可以更快"
            } else {
                "On time; support could answer faster"
            }
            .to_string(),
            follow_up: String::new(),
        };
        let at = working_time(rng, surveyed_on);
        b.insert_survey(&survey, &rng.meta(at))?;
    }
    // A one-rep book (`small`: the n-th contract) shows a complaint in each
    // state in turn, open ones recent and settled ones older; a large book
    // has them now and then, in the states their age makes likely.
    let picked = match small {
        Some(n) => {
            let status = ComplaintStatus::ALL[n % ComplaintStatus::ALL.len()];
            let age = if status.is_open() { 1 + rng.below(6) } else { 15 + rng.below(25) };
            Some((status, days_before(today, age).max(won_on + Days::new(1))))
        }
        None => {
            let received_on = (won_on + Days::new(20 + rng.below(90))).min(days_before(today, 1 + rng.below(40)));
            let age = (today - received_on).num_days();
            let status = if age > 30 {
                *rng.pick(&[
                    ComplaintStatus::Closed,
                    ComplaintStatus::Closed,
                    ComplaintStatus::Closed,
                    ComplaintStatus::Rejected,
                ])
            } else {
                *rng.pick(&[
                    ComplaintStatus::New,
                    ComplaintStatus::InProgress,
                    ComplaintStatus::Waiting,
                    ComplaintStatus::Resolved,
                ])
            };
            rng.chance(15).then_some((status, received_on))
        }
    };
    if let Some((status, received_on)) = picked.filter(|(_, on)| *on < today && *on > won_on) {
        let severity = *rng.pick(&[Severity::Normal, Severity::Normal, Severity::Urgent, Severity::Critical]);
        // Settled a few days after it came in, never later than yesterday.
        let settled = (received_on + Days::new(3 + rng.below(10))).min(days_before(today, 1)).max(received_on);
        let closed_on = (status == ComplaintStatus::Closed).then_some(settled);
        let resolved_on = matches!(status, ComplaintStatus::Resolved | ComplaintStatus::Closed).then_some(settled);
        let complaint = NewComplaint {
            number: format!("TS-{}-{contract_id:04}", received_on.format("%Y")),
            account_id: company.id,
            contact_id: company.contacts.first().copied(),
            contract_id: Some(contract_id),
            received_on,
            channel: "phone".to_string(),
            category: *rng.pick(&[
                ComplaintCategory::Quality,
                ComplaintCategory::Delivery,
                ComplaintCategory::Service,
                ComplaintCategory::Billing,
            ]),
            severity,
            respond_by: received_on + Days::new(u64::from(severity.default_response_days())),
            description: if zh {
                "设备到货后部分模块无法启动"
            } else {
                "Some modules failed to start after delivery"
            }
            .to_string(),
            demand: if zh { "三天内派工程师到现场" } else { "An engineer on site within three days" }.to_string(),
            root_cause: String::new(),
            action_taken: String::new(),
            status,
            resolved_on,
            closed_on,
            // Visits after complaints closed long ago were made before the
            // demo's history: only recent ones are still to do.
            return_visit_on: closed_on.filter(|d| (today - *d).num_days() < 14).map(|d| d + Days::new(7)),
            return_visit_id: None,
        };
        let at = working_time(rng, received_on);
        b.insert_complaint(&complaint, &rng.meta(at))?;
    }
    if rng.chance(30) {
        let objection = NewObjection {
            account_id: company.id,
            opportunity_id: Some(deal_id),
            raised_on: won_on - Days::new(10),
            objection: if zh { "价格比竞争对手高15%" } else { "15% above the competitor's price" }.to_string(),
            answer: if zh {
                "三年总拥有成本更低，含两年维保"
            } else {
                "Lower three-year cost, two years of service included"
            }
            .to_string(),
            resolved: true,
        };
        let at = working_time(rng, won_on - Days::new(10));
        b.insert_objection(&objection, &rng.meta(at))?;
    }
    Ok(())
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
    small: Option<usize>,
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
        // A week after the start, a return visit; those of older contracts
        // were made before the demo's history.
        return_visit_on: (!draft && (today - won_on).num_days() < 21).then(|| won_on + Days::new(7)),
        return_visit_id: None,
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
    if !draft {
        let won = Won { contract_id, deal_id, won_on };
        add_care(b, &mut rng, company, &won, today, small)?;
    }
    Ok(made)
}
