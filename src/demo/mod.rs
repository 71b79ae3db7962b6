//! `kam demo`: realistic, deterministic demo data. The same seed and day
//! give the same accounts, people, deals and activities on every machine.

mod activities;
mod contracts;
mod forms;
mod new_accounts;
mod plan;
mod words;

use activities::{Promises, add_activities, add_activity_on, add_daily_words, is_weekend, working_day_before};

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeZone, Utc};

use crate::domain::search::{NameKeys, SearchText};
use crate::domain::{AccountStatus, Channel, DecisionRole, Money, Outcome, Stage, Tier};
use crate::store::{
    self, Attendee, Batch, NewAccount, NewActivity, NewCompetitor, NewContact, NewNeed, NewNegotiation, NewOpportunity,
    RecordMeta, SettledFollowUp, Store,
};
use words::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// One rep's book: about 60 accounts and a year of work.
    S,
    /// A team: 5,000 accounts.
    M,
    /// Ten years of a whole sales department (SPEC §9).
    L,
}

impl Scale {
    fn accounts(self) -> usize {
        match self {
            Scale::S => 60,
            Scale::M => 5_000,
            Scale::L => 100_000,
        }
    }

    /// How many days back activities go.
    fn span_days(self) -> u64 {
        match self {
            Scale::S | Scale::M => 365,
            Scale::L => 3650,
        }
    }
}

/// What the generator wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct DemoCounts {
    pub accounts: usize,
    pub contacts: usize,
    pub opportunities: usize,
    pub activities: usize,
    pub contracts: usize,
    pub instalments: usize,
    pub receipts: usize,
    pub planned_visits: usize,
}

/// SplitMix64: tiny, fast, and fixed forever, so a seed keeps meaning the
/// same data whatever crate versions come later.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A record made at `at`, with the next of the demo's UUIDs
    /// (`DemoUuids`) and 32 bits of this generator's below the count.
    fn meta(&mut self, at: DateTime<Utc>) -> RecordMeta {
        let random = self.next();
        // Drawn as before, so that a seed's other data stays as it was.
        self.next();
        RecordMeta { uuid: DEMO_UUIDS.with(|uuids| uuids.next(random as u32)), at }
    }
}

/// The demo's UUIDs, made in the order the demo writes its records: one
/// time (the day's midnight) and a count from a start the seed gives.
/// They are version 7 like the app's own, and each sorts after the last,
/// so the unique index on every table's UUIDs is only appended to: UUIDs
/// that carried each record's own time (ten years of them, in no order)
/// were put into those indexes at random places, a page lookup and often
/// a split for each of the 3.5 million records at scale L. Kept per
/// thread: each demo (tests run several at once) counts its own.
struct DemoUuids {
    millis: std::cell::Cell<u64>,
    count: std::cell::Cell<u64>,
}

thread_local! {
    static DEMO_UUIDS: DemoUuids = const {
        DemoUuids { millis: std::cell::Cell::new(0), count: std::cell::Cell::new(0) }
    };
}

impl DemoUuids {
    fn start(&self, seed: u64, today: NaiveDate) {
        let midnight = today.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t)).unwrap_or_default();
        self.millis.set(u64::try_from(midnight.timestamp_millis()).unwrap_or(0));
        // 42 bits of count, from a start below 2^41: room for 2^41 records.
        self.count.set(Rng(seed ^ 0x7575_6964).next() >> 23);
    }

    fn next(&self, random: u32) -> uuid::Uuid {
        let count = self.count.get();
        self.count.set(count + 1);
        // Bytes 0 and 1 lose their top nibble to the version, byte 2 its
        // top two bits to the variant: the count's 42 bits fill what is
        // left of bytes 0 to 5, in order, then come the random bits.
        let mut bytes = [0u8; 10];
        bytes[..2].copy_from_slice(&(((count >> 30) & 0x0FFF) as u16).to_be_bytes());
        bytes[2..6].copy_from_slice(&((count & 0x3FFF_FFFF) as u32).to_be_bytes());
        bytes[6..].copy_from_slice(&random.to_be_bytes());
        uuid::Builder::from_unix_timestamp_millis(self.millis.get(), &bytes).into_uuid()
    }
}

fn days_before(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days)).unwrap_or(day)
}

/// A moment of a working day, deterministic (UTC, 09:00 to 18:00).
fn working_time(rng: &mut Rng, day: NaiveDate) -> DateTime<Utc> {
    let seconds = 9 * 3600 + rng.below(9 * 3600);
    let midnight = day.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t)).unwrap_or_default();
    midnight + chrono::Duration::seconds(seconds as i64)
}

struct Company {
    chinese: bool,
    id: i64,
    contacts: Vec<i64>,
    /// Days between planned visits (by tier).
    cadence: u64,
    /// Neither lost nor dormant: the year's plan visits it.
    plannable: bool,
    /// The day it was created, for the accounts new this year (the plan
    /// starts there).
    since: Option<NaiveDate>,
    /// The visit plan may have visits for it, for its logged visits to do:
    /// every company but those the plan leaves out at scale L.
    in_plan: bool,
}

/// A street address in the account's city, from the generator's state
/// without drawing from it (the rest of a seed's data stays as it was).
fn address(chinese: bool, city: &str, state: u64) -> String {
    const CN_ROADS: &[&str] = &["人民路", "建设大道", "科技园南路", "中山路", "滨江大道", "解放路", "高新大道"];
    const EN_ROADS: &[&str] = &["Harbour Road", "Market Street", "Station Avenue", "Park Lane", "Mill Road"];
    let number = 1 + state % 399;
    if chinese {
        format!("{city}市{}{number}号", CN_ROADS[(state / 400) as usize % CN_ROADS.len()])
    } else {
        format!("{number} {}, {city}", EN_ROADS[(state / 400) as usize % EN_ROADS.len()])
    }
}

/// Writes demo data for `scale` into `store` as one transaction.
pub fn generate(store: &mut Store, scale: Scale, seed: u64, today: NaiveDate) -> store::Result<DemoCounts> {
    let mut rng = Rng(seed ^ 0x6B61_6D00);
    DEMO_UUIDS.with(|uuids| uuids.start(seed, today));
    if scale != Scale::S {
        store.set_cache_mib(512)?;
    }
    // Every account is indexed for search once, at the end (schema 14).
    // The generator makes every link itself, so SQLite need not look each
    // one up (tests check the links of a fresh demo).
    let counts = store.batch_generated(|b| {
        b.with_search_deferred(|b| {
            b.with_read_indexes_deferred(|b| {
                b.with_payment_triggers_deferred(|b| {
                    let mut counts = DemoCounts::default();
                    let mut companies = add_companies(b, &mut rng, scale, today, &mut counts)?;
                    for company in &companies {
                        counts.opportunities +=
                            add_opportunities(b, &mut rng, scale, seed, today, company, &mut counts)?;
                    }
                    // The year's visit plan, before the rest of the year's activities
                    // (which may do planned visits too). At L, a rep's book of it:
                    // the department's plan would be a million rows of the same.
                    let in_plan = if scale == Scale::L { companies.len().min(2_000) } else { companies.len() };
                    // A visit of any other looks for a planned visit to do
                    // for nothing: a lookup for each of 390,000 visits.
                    for company in &mut companies[in_plan..] {
                        company.in_plan = false;
                    }
                    let planned_for = &companies[..in_plan];
                    let planned = plan::add_plan(b, &mut rng, planned_for, today)?;
                    counts.planned_visits += planned.visits_planned;
                    counts.activities += planned.visits_made;
                    let mut promises = Promises::default();
                    // A million activities at L: their journal and visit-log
                    // triggers are done once at the end.
                    b.with_activity_triggers_deferred(|b| {
                        counts.activities += add_activities(b, &mut rng, scale, today, &companies, &mut promises)?;
                        // A rep keeps to the visit plan, mostly: each account's latest visit
                        // falls between a third of its cadence and a bit more than all of
                        // it ago, so a fair share, not most, of the plan is overdue.
                        // Visits on working days only, and due again on one.
                        for company in &companies {
                            let back = (company.cadence * (30 + rng.below(95)) / 100).max(1);
                            let mut day = working_day_before(days_before(today, back));
                            while is_weekend(day + Days::new(company.cadence)) {
                                day = working_day_before(days_before(day, 1));
                            }
                            let day = if day >= today { working_day_before(days_before(today, 1)) } else { day };
                            add_activity_on(b, &mut rng, day, company, today, Some(Channel::Visit), &mut promises)?;
                            counts.activities += 1;
                        }
                        // A rep keeps most promises: all but a handful of the old ones
                        // still open were seen to (checked off on their day).
                        let mut left_open = 0;
                        for latest in promises.pending_mut() {
                            let due = latest.due();
                            if due < days_before(today, 2) {
                                if left_open < 5 && rng.chance(20) {
                                    left_open += 1;
                                } else {
                                    latest.done_on(due);
                                }
                            }
                        }
                        promises.write_all(b)
                    })?;
                    // Nothing is stamped today: the demo's history ends last night, and
                    // today is the rep's to log. The rep's own words on most past
                    // working days.
                    if scale == Scale::S {
                        add_daily_words(b, &mut rng, today)?;
                    }
                    // Accounts won over in the last year, and the year's targets and
                    // words; made last so the rest of a seed's book is as it was.
                    if scale != Scale::L {
                        new_accounts::add_new_accounts(b, &mut rng, scale, today, &mut promises, &mut counts)?;
                        promises.write_all(b)?;
                        forms::add_targets_and_words(b, &mut rng, scale, today)?;
                    }
                    Ok(counts)
                })
            })
        })
    })?;
    if scale != Scale::L {
        forms::send_last_months_report(store, today)?;
    }
    Ok(counts)
}

/// The scale's companies. Their search index is built on another thread
/// beside the writes, as a first import's is (`store::search_draft`), and
/// put in the book once they are all written; one statement at the end
/// indexed them on this thread before (1.8 s of the demo at scale L).
fn add_companies(
    b: &Batch<'_>,
    rng: &mut Rng,
    scale: Scale,
    today: NaiveDate,
    counts: &mut DemoCounts,
) -> store::Result<Vec<Company>> {
    const BATCH: usize = 1_000;
    let draft = b.search_draft()?;
    std::thread::scope(|scope| {
        let (to_index, indexing) = std::sync::mpsc::sync_channel::<Vec<(i64, SearchText)>>(4);
        let building = draft.map(|draft| scope.spawn(move || draft.build_from(indexing)));
        let mut companies = Vec::with_capacity(scale.accounts());
        let mut batch = Vec::with_capacity(BATCH);
        for _ in 0..scale.accounts() {
            let (company, search) = add_company_indexed(b, rng, scale, today, None)?;
            counts.accounts += 1;
            counts.contacts += company.contacts.len();
            if building.is_some() {
                batch.push((company.id, search));
                if batch.len() == BATCH {
                    let _ = to_index.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
                }
            }
            companies.push(company);
        }
        if !batch.is_empty() {
            let _ = to_index.send(batch);
        }
        drop(to_index);
        // Without a finished draft the accounts are indexed at the end.
        if let Some(index) = building.and_then(|building| building.join().ok().flatten()) {
            b.adopt_search_draft(index)?;
        }
        Ok(companies)
    })
}

fn add_company(
    b: &Batch<'_>,
    rng: &mut Rng,
    scale: Scale,
    today: NaiveDate,
    created_on: Option<NaiveDate>,
) -> store::Result<Company> {
    Ok(add_company_indexed(b, rng, scale, today, created_on)?.0)
}

/// A company, its people and (below scale L) its dossier, with the search
/// text its row keeps.
fn add_company_indexed(
    b: &Batch<'_>,
    rng: &mut Rng,
    scale: Scale,
    today: NaiveDate,
    created_on: Option<NaiveDate>,
) -> store::Result<(Company, SearchText)> {
    let chinese = rng.chance(70);
    let (name, short_name, region) = if chinese {
        let city = *rng.pick(CN_CITIES);
        let word = *rng.pick(CN_WORDS);
        let industry = *rng.pick(CN_INDUSTRIES);
        (format!("{city}{word}{industry}{}", rng.pick(CN_SUFFIXES)), format!("{word}{industry}"), city.to_string())
    } else {
        let first = *rng.pick(EN_FIRST);
        let second = *rng.pick(EN_SECOND);
        let industry = *rng.pick(EN_INDUSTRIES);
        (
            format!("{first}{second} {industry} {}", rng.pick(EN_SUFFIXES)),
            format!("{first}{second}"),
            rng.pick(EN_REGIONS).to_string(),
        )
    };
    // Annual purchase spread over three orders of magnitude, 100k to 50M.
    let yuan = 100_000 * (1 + rng.below(20)) * 10u64.pow(rng.below(3) as u32) / 4;
    let annual = Money::from_yuan(yuan as i64);
    let tier = if yuan >= 5_000_000 {
        Tier::A
    } else if yuan >= 1_000_000 {
        Tier::B
    } else {
        Tier::C
    };
    let status = match rng.below(100) {
        0..=69 => AccountStatus::Active,
        70..=89 => AccountStatus::Prospect,
        90..=96 => AccountStatus::Dormant,
        _ => AccountStatus::Lost,
    };
    let sources: Vec<&str> = (0..2).map(|_| *rng.pick(if chinese { CN_SOURCES } else { EN_SOURCES })).collect();
    let account = NewAccount {
        name,
        short_name,
        segment: rng.pick(SEGMENTS).to_string(),
        tier,
        tier_pinned: false,
        address: address(chinese, &region, rng.0),
        region,
        status,
        credit_rating: rng.pick(CREDIT).to_string(),
        annual_purchase: annual,
        info_sources: sources.join(", "),
        notes: String::new(),
        // The dossier is filled in for a rep's book and a team; scale L is
        // about volume and stays lean.
        no_known_competitor: scale != Scale::L && rng.chance(10),
    };
    let since = created_on.unwrap_or_else(|| days_before(today, scale.span_days() + 30));
    let created = working_time(rng, since);
    // Stagger the plans so visits fall due on different days.
    let planned_from = days_before(today, rng.below(u64::from(tier.default_cadence_days())) + 1);
    let keys = NameKeys::of(&account.name, &account.short_name);
    let id = b.insert_account_keyed(&account, &keys, &rng.meta(created), planned_from)?;

    let mut contacts = Vec::new();
    for _ in 0..(2 + rng.below(3)) {
        let (cn_title, en_title, role) = *rng.pick(TITLES);
        let name = if chinese {
            format!("{}{}", rng.pick(CN_SURNAMES), rng.pick(CN_GIVEN))
        } else {
            format!("{} {}", rng.pick(EN_GIVEN), rng.pick(EN_FAMILY))
        };
        // A mainland mobile: 1, a network digit 3-9, nine more (11 in all).
        let phone = format!("1{}{:09}", 3 + rng.below(7), rng.below(1_000_000_000));
        let contact = NewContact {
            account_id: id,
            email: if chinese {
                String::new()
            } else {
                format!("{}@example.com", name.to_lowercase().replace(' ', "."))
            },
            name,
            title: if chinese { cn_title } else { en_title }.to_string(),
            phone,
            role: DecisionRole::from_code(role).unwrap_or(DecisionRole::User),
            personal_notes: String::new(),
        };
        contacts.push(b.insert_contact(&contact, &rng.meta(created))?);
    }
    if scale != Scale::L {
        add_dossier(b, rng, id, chinese, account.no_known_competitor, created)?;
    }
    let plannable = !matches!(status, AccountStatus::Lost | AccountStatus::Dormant);
    let company = Company {
        chinese,
        id,
        contacts,
        cadence: u64::from(tier.default_cadence_days()),
        plannable,
        since: created_on,
        in_plan: true,
    };
    Ok((company, keys.search))
}

/// Competitors and a need with its why-chain, for some accounts.
fn add_dossier(
    b: &Batch<'_>,
    rng: &mut Rng,
    account_id: i64,
    chinese: bool,
    none_known: bool,
    at: DateTime<Utc>,
) -> store::Result<()> {
    if !none_known && rng.chance(55) {
        for _ in 0..(1 + rng.below(2)) {
            let (name, offering, strengths, weaknesses) =
                *rng.pick(if chinese { CN_COMPETITORS } else { EN_COMPETITORS });
            let rival = NewCompetitor {
                account_id,
                name: name.to_string(),
                offering: offering.to_string(),
                strengths: strengths.to_string(),
                weaknesses: weaknesses.to_string(),
            };
            b.insert_competitor(&rival, &rng.meta(at))?;
        }
    }
    if rng.chance(45) {
        let (stated, whys) = *rng.pick(if chinese { CN_NEEDS } else { EN_NEEDS });
        let asked = 1 + rng.below(whys.len() as u64) as usize;
        let need = NewNeed {
            account_id,
            opportunity_id: None,
            stated: stated.to_string(),
            whys: whys[..asked].iter().map(|w| w.to_string()).collect(),
        };
        b.insert_need(&need, &rng.meta(at))?;
    }
    Ok(())
}

fn add_opportunities(
    b: &Batch<'_>,
    rng: &mut Rng,
    scale: Scale,
    seed: u64,
    today: NaiveDate,
    company: &Company,
    counts: &mut DemoCounts,
) -> store::Result<usize> {
    let count = 1 + rng.below(if scale == Scale::S { 2 } else { 3 });
    for _ in 0..count {
        // A one-rep book is mostly live deals; ten years of a department
        // are mostly closed ones.
        let closed_share = if scale == Scale::L { 70 } else { 35 };
        let (stage, outcome) = if rng.chance(closed_share) {
            if rng.chance(60) {
                (Stage::Maintain, Outcome::Won)
            } else {
                (Stage::from_number(1 + rng.below(5) as i64).unwrap_or(Stage::Close), Outcome::Lost)
            }
        } else {
            (Stage::from_number(1 + rng.below(5) as i64).unwrap_or(Stage::Research), Outcome::Open)
        };
        let title = if company.chinese { rng.pick(CN_PROJECTS) } else { rng.pick(EN_PROJECTS) }.to_string();
        let amount = Money::from_yuan((50_000 + rng.below(100) * 48_000) as i64);
        let entered = days_before(today, 1 + rng.below(if outcome == Outcome::Open { 90 } else { scale.span_days() }));
        let opportunity = NewOpportunity {
            account_id: company.id,
            title,
            stage,
            outcome,
            amount,
            probability: None,
            expected_close_on: (outcome == Outcome::Open).then(|| today + Days::new(rng.below(180))),
            lost_reason: if outcome == Outcome::Lost { "price".to_string() } else { String::new() },
        };
        let at = working_time(rng, entered);
        let id = b.insert_opportunity(&opportunity, &rng.meta(at))?;
        // A closed deal closed on the day it reached its last stage.
        if outcome != Outcome::Open {
            b.set_closed_on(id, entered)?;
        }
        // Most won deals have their contract (at L about 50,000 of them).
        let contract_share = if scale == Scale::L { 60 } else { 90 };
        if outcome == Outcome::Won && (id as u64 * 7919) % 100 < contract_share {
            let made = contracts::add_contract(
                b,
                seed,
                id,
                company,
                &opportunity.title,
                amount,
                entered,
                today,
                (scale == Scale::S).then_some(counts.contracts),
            )?;
            counts.contracts += made.contracts;
            counts.instalments += made.instalments;
            counts.receipts += made.receipts;
        }
        if scale != Scale::L {
            add_deal_work(b, rng, id, &opportunity, company, today)?;
        }
    }
    Ok(count as usize)
}

/// A rep's working days from the oldest on, a few activities a day with
/// fewer at weekends. Written in date order, as they would have been
/// logged, which also keeps the time-ordered UUIDs appending to their index.
/// What a deal that got this far has behind it: the go decision, whom to
/// meet next, quotes and a negotiation round near the close.
fn add_deal_work(
    b: &Batch<'_>,
    rng: &mut Rng,
    id: i64,
    deal: &NewOpportunity,
    company: &Company,
    today: NaiveDate,
) -> store::Result<()> {
    let reached = if deal.outcome == Outcome::Won { Stage::Maintain } else { deal.stage };
    let next_contact = (reached > Stage::FirstContact).then(|| company.contacts.first().copied()).flatten();
    b.set_deal_choices(id, (reached > Stage::Analysis).then_some(true), next_contact)?;
    if reached >= Stage::Close && rng.chance(80) {
        let day = days_before(today, 1 + rng.below(30));
        let amount = Money(deal.amount.cents() / 100 * (95 + rng.below(6) as i64));
        let at = working_time(rng, day);
        b.insert_quote(id, day, amount, "", None, &rng.meta(at))?;
        if rng.chance(60) {
            let names: &[&str] = if company.chinese {
                &["张经理", "李工", "王律师"]
            } else {
                &["Kim Lee", "Sam Tan", "Ann Wong"]
            };
            let round = NewNegotiation {
                opportunity_id: id,
                held_on: day,
                attendees: vec![
                    Attendee { name: names[0].to_string(), role: "account_manager".to_string() },
                    Attendee { name: names[1].to_string(), role: "technical".to_string() },
                    Attendee { name: names[2].to_string(), role: "contract_admin".to_string() },
                ],
                agreed: if company.chinese {
                    "分两期交付".to_string()
                } else {
                    "Delivery in two phases".to_string()
                },
                open_points: if company.chinese { "付款比例".to_string() } else { "Payment terms".to_string() },
            };
            let at = working_time(rng, day);
            b.insert_negotiation(&round, &rng.meta(at))?;
        }
    }
    Ok(())
}
