//! One deal's life beyond the board: its outcome (won, lost, reopened),
//! edits, the facts its stage checklist reads, quotes, negotiation rounds,
//! and the forecast over all open deals.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::pipeline::Move;
use super::{Batch, RecordMeta, Result, Store, StoreError, day_text};
use crate::domain::checklist::{DealFacts, QuoteWarning};
use crate::domain::forecast::{Forecast, month_bounds, quarter_bounds};
use crate::domain::{Money, Stage};

/// What becomes of a deal.
#[derive(Debug, Clone, PartialEq)]
pub enum Decision {
    /// Contract signed: the deal moves to Maintain.
    Won,
    /// With the reason and the competitor who won, if any.
    Lost { reason: String, competitor: String },
    /// Back to work: a won deal returns to Close, a lost one stays where it was.
    Reopen,
}

/// A quote given to the customer.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteRow {
    pub id: i64,
    pub quoted_on: NaiveDate,
    pub amount: Money,
    pub note: String,
    /// The method's warning when it was recorded ('' none).
    pub warning: String,
}

/// One person at a negotiation and the part they played.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attendee {
    pub name: String,
    /// account_manager, rep, contract_admin, technical, service.
    pub role: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewNegotiation {
    pub opportunity_id: i64,
    pub held_on: NaiveDate,
    pub attendees: Vec<Attendee>,
    pub agreed: String,
    pub open_points: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NegotiationRow {
    pub id: i64,
    pub fields: NewNegotiation,
}

/// Negotiation roles the method names.
pub const NEGOTIATION_ROLES: &[&str] = &["account_manager", "rep", "contract_admin", "technical", "service"];

impl Batch<'_> {
    /// Sets a deal's outcome, recorded in its history as a move.
    pub fn decide(&self, deal: &super::OpportunityRow, decision: &Decision, today: NaiveDate) -> Result<()> {
        let b = self;
        let opportunity_id = deal.id;
        {
            let meta = RecordMeta::now();
            let at = meta.at_text();
            match decision {
                Decision::Won => {
                    b.tx.prepare_cached(
                        "UPDATE opportunity SET outcome = 'won', probability = 100, closed_on = ?2, lost_reason = '',
                                lost_to = '', updated_at = ?3 WHERE id = ?1",
                    )?
                    .execute(params![opportunity_id, day_text(today), at])?;
                    let how = Move { unmet: Vec::new(), outcome: Some("won") };
                    b.move_stage(opportunity_id, Stage::Maintain, &how, &meta)?;
                }
                Decision::Lost { reason, competitor } => {
                    b.tx.prepare_cached(
                        "UPDATE opportunity SET outcome = 'lost', closed_on = ?2, lost_reason = ?3, lost_to = ?4,
                                updated_at = ?5 WHERE id = ?1",
                    )?
                    .execute(params![opportunity_id, day_text(today), reason, competitor, at])?;
                    let how = Move { unmet: Vec::new(), outcome: Some("lost") };
                    b.record_move(opportunity_id, Some(deal.stage), deal.stage, &how, &meta)?;
                }
                Decision::Reopen => {
                    b.tx.prepare_cached(
                        "UPDATE opportunity SET outcome = 'open', closed_on = NULL, lost_reason = '', lost_to = '',
                                updated_at = ?2 WHERE id = ?1",
                    )?
                    .execute(params![opportunity_id, at])?;
                    let back = if deal.stage == Stage::Maintain { Stage::Close } else { deal.stage };
                    let how = Move { unmet: Vec::new(), outcome: Some("reopened") };
                    b.move_stage(opportunity_id, back, &how, &meta)?;
                }
            }
            Ok(())
        }
    }

    /// Replaces what the rep typed about a deal (title, amount, close date,
    /// probability: None follows the stage).
    pub fn update_opportunity(
        &self,
        id: i64,
        title: &str,
        amount: Money,
        expected_close_on: Option<NaiveDate>,
        probability: Option<u8>,
    ) -> Result<()> {
        let b = self;
        {
            let changed =
                b.tx.prepare_cached(
                    "UPDATE opportunity
                        SET title = ?2, amount_cents = ?3, expected_close_on = ?4,
                            probability = coalesce(?5, CASE WHEN outcome = 'won' THEN 100 ELSE ?6 END),
                            probability_pinned = ?7, updated_at = ?8
                      WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    title,
                    amount,
                    expected_close_on.map(day_text),
                    probability,
                    b.stage_probability_of(id)?,
                    probability.is_some(),
                    RecordMeta::now().at_text()
                ])?;
            if changed == 0 { Err(StoreError::NotFound("opportunity")) } else { Ok(()) }
        }
    }

    pub fn delete_opportunity(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM opportunity WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("opportunity")) } else { Ok(()) }
    }

    /// Analysis: the rep's go / no-go on the deal.
    pub fn judge(&self, id: i64, go: bool) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE opportunity SET judgement = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, if go { "go" } else { "no_go" }, RecordMeta::now().at_text()])?;
        Ok(())
    }

    /// First contact: whom to meet next.
    pub fn choose_next_contact(&self, id: i64, contact_id: Option<i64>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE opportunity SET next_contact_id = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, contact_id, RecordMeta::now().at_text()])?;
        Ok(())
    }

    /// Research: "no competitor known" counts as knowing the field.
    pub fn set_no_known_competitor(&self, account_id: i64, none_known: bool) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE account SET no_known_competitor = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![account_id, none_known, RecordMeta::now().at_text()])?;
        Ok(())
    }
}

impl Store {
    /// The competitor who won a lost deal ('' when none was named).
    pub fn lost_to(&self, id: i64) -> Result<String> {
        let mut stmt = self.conn.prepare_cached("SELECT lost_to FROM opportunity WHERE id = ?1")?;
        Ok(stmt.query_row(params![id], |r| r.get(0)).optional()?.unwrap_or_default())
    }

    /// The go / no-go judgement ('', 'go', 'no_go') and the contact chosen
    /// to meet next, as the deal form shows them.
    pub fn deal_choices(&self, id: i64) -> Result<(String, Option<i64>)> {
        let mut stmt = self.conn.prepare_cached("SELECT judgement, next_contact_id FROM opportunity WHERE id = ?1")?;
        Ok(stmt.query_row(params![id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?.unwrap_or_default())
    }

    /// Whether the deal's probability was typed (not the stage's default).
    pub fn probability_pinned(&self, id: i64) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached("SELECT probability_pinned FROM opportunity WHERE id = ?1")?;
        Ok(stmt.query_row(params![id], |r| r.get(0)).optional()?.unwrap_or(false))
    }

    /// What the stage checklists read about one deal, as of `today`.
    pub fn deal_facts(&self, opportunity_id: i64, today: NaiveDate) -> Result<DealFacts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.outcome, o.lost_reason <> '', o.judgement <> '', o.next_contact_id IS NOT NULL,
                    a.segment <> '' AND a.region <> '' AND a.annual_purchase_cents > 0, a.no_known_competitor,
                    a.info_sources <> '', a.credit_rating <> '',
                    (SELECT count(*) FROM competitor c WHERE c.account_id = a.id),
                    (SELECT count(*) FROM contact c WHERE c.account_id = a.id AND c.role IN ('decision_maker', 'influencer')),
                    (SELECT count(*) FROM need n WHERE n.account_id = a.id AND (n.opportunity_id IS NULL OR n.opportunity_id = o.id)),
                    (SELECT count(*) FROM need n WHERE n.account_id = a.id AND (n.opportunity_id IS NULL OR n.opportunity_id = o.id)
                        AND json_array_length(n.whys) > 0),
                    (SELECT count(*) FROM activity t WHERE t.account_id = a.id),
                    (SELECT count(*) FROM activity t JOIN contact c ON c.id = t.contact_id
                      WHERE t.account_id = a.id AND t.channel = 'visit' AND c.role = 'decision_maker'),
                    (SELECT count(*) FROM quote q WHERE q.opportunity_id = o.id),
                    (SELECT max(t.occurred_on) FROM activity t WHERE t.account_id = a.id AND t.channel = 'visit'),
                    coalesce((SELECT v.cadence_days FROM visit_plan v WHERE v.account_id = a.id), 90)
               FROM opportunity o JOIN account a ON a.id = o.account_id WHERE o.id = ?1",
        )?;
        let facts = stmt
            .query_row(params![opportunity_id], |r| {
                let last_visit: Option<NaiveDate> = r.get(15)?;
                Ok(DealFacts {
                    outcome: r.get(0)?,
                    lost_reason_given: r.get(1)?,
                    judged: r.get(2)?,
                    next_person_chosen: r.get(3)?,
                    profile_filled: r.get(4)?,
                    no_known_competitor: r.get(5)?,
                    source_noted: r.get(6)?,
                    credit_rated: r.get(7)?,
                    competitors: r.get(8)?,
                    key_people: r.get(9)?,
                    needs: r.get(10)?,
                    real_need: r.get::<_, i64>(11)? > 0,
                    contact_activities: r.get(12)?,
                    decision_maker_visits: r.get(13)?,
                    quotes: r.get(14)?,
                    days_since_return_visit: last_visit.map(|d| (today - d).num_days()),
                    cadence_days: r.get(16)?,
                })
            })
            .optional()?;
        facts.ok_or(StoreError::NotFound("opportunity"))
    }

    /// A deal's quotes, newest first.
    pub fn quotes_of(&self, opportunity_id: i64, limit: usize) -> Result<Vec<QuoteRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, quoted_on, amount_cents, note, warning FROM quote WHERE opportunity_id = ?1
              ORDER BY quoted_on DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![opportunity_id, limit as i64], |r| {
                Ok(QuoteRow {
                    id: r.get(0)?,
                    quoted_on: r.get(1)?,
                    amount: r.get(2)?,
                    note: r.get(3)?,
                    warning: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// A deal's negotiation rounds, newest first.
    pub fn negotiations_of(&self, opportunity_id: i64, limit: usize) -> Result<Vec<NegotiationRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, opportunity_id, held_on, attendees, agreed, open_points FROM negotiation
              WHERE opportunity_id = ?1 ORDER BY held_on DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![opportunity_id, limit as i64], |r| {
                let attendees: String = r.get(3)?;
                Ok(NegotiationRow {
                    id: r.get(0)?,
                    fields: NewNegotiation {
                        opportunity_id: r.get(1)?,
                        held_on: r.get(2)?,
                        attendees: serde_json::from_str(&attendees).unwrap_or_default(),
                        agreed: r.get(4)?,
                        open_points: r.get(5)?,
                    },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Weighted open amount, and of open deals expected to close this month
    /// and this quarter (by expected close date), from the summary tables
    /// the triggers keep.
    /// The forecast of the deals a board filter leaves (all: the summary
    /// tables; filtered: summed from the deals themselves).
    pub fn forecast_where(&self, today: NaiveDate, filter: &super::BoardFilter) -> Result<Forecast> {
        if filter.is_empty() {
            return self.forecast(today);
        }
        let (month_start, month_end) = month_bounds(today);
        let (quarter_start, quarter_end) = quarter_bounds(today);
        let mut stmt = self.conn.prepare_cached(
            "SELECT coalesce(sum(CASE WHEN o.stage < 6 THEN o.amount_cents * o.probability END), 0),
                    coalesce(sum(CASE WHEN o.outcome = 'open' AND substr(o.expected_close_on, 1, 7) BETWEEN ?4 AND ?5
                                      THEN o.amount_cents * o.probability END), 0),
                    coalesce(sum(CASE WHEN o.outcome = 'open' AND substr(o.expected_close_on, 1, 7) BETWEEN ?6 AND ?7
                                      THEN o.amount_cents * o.probability END), 0)
               FROM opportunity o JOIN account a ON a.id = o.account_id
              WHERE o.outcome <> 'lost'
                AND (?1 IS NULL OR a.segment = ?1) AND (?2 IS NULL OR a.tier = ?2)
                AND (?3 IS NULL OR o.account_id IN (SELECT value FROM json_each(?3)))",
        )?;
        let month = |d: NaiveDate| d.format("%Y-%m").to_string();
        Ok(stmt.query_row(
            params![
                filter.segment,
                filter.tier,
                filter.accounts_json(),
                month(month_start),
                month(month_end),
                month(quarter_start),
                month(quarter_end)
            ],
            forecast_row,
        )?)
    }

    pub fn forecast(&self, today: NaiveDate) -> Result<Forecast> {
        let (month_start, month_end) = month_bounds(today);
        let (quarter_start, quarter_end) = quarter_bounds(today);
        let mut stmt = self.conn.prepare_cached(
            "SELECT (SELECT coalesce(sum(weighted_percent_cents), 0) FROM board_column_total WHERE stage < 6),
                    (SELECT coalesce(sum(weighted_percent_cents), 0) FROM forecast_month WHERE month BETWEEN ?1 AND ?2),
                    (SELECT coalesce(sum(weighted_percent_cents), 0) FROM forecast_month WHERE month BETWEEN ?3 AND ?4)",
        )?;
        let month = |d: NaiveDate| d.format("%Y-%m").to_string();
        Ok(stmt.query_row(
            params![month(month_start), month(month_end), month(quarter_start), month(quarter_end)],
            forecast_row,
        )?)
    }
}

/// A forecast from its three sums of amount × probability (percent cents).
fn forecast_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Forecast> {
    Ok(Forecast {
        open_weighted: Money(r.get::<_, i64>(0)? / 100),
        month_weighted: Money(r.get::<_, i64>(1)? / 100),
        quarter_weighted: Money(r.get::<_, i64>(2)? / 100),
    })
}

impl Batch<'_> {
    pub fn insert_quote(
        &self,
        opportunity_id: i64,
        quoted_on: NaiveDate,
        amount: Money,
        note: &str,
        warning: Option<QuoteWarning>,
        meta: &RecordMeta,
    ) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO quote (uuid, opportunity_id, quoted_on, amount_cents, note, warning, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                opportunity_id,
                day_text(quoted_on),
                amount,
                note,
                warning.map(QuoteWarning::code).unwrap_or(""),
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn insert_negotiation(&self, n: &NewNegotiation, meta: &RecordMeta) -> Result<i64> {
        let attendees = serde_json::to_string(&n.attendees).unwrap_or_else(|_| "[]".to_string());
        self.tx
            .prepare_cached(
                "INSERT INTO negotiation (uuid, opportunity_id, held_on, attendees, agreed, open_points, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                n.opportunity_id,
                day_text(n.held_on),
                attendees,
                n.agreed,
                n.open_points,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// The deal's go / no-go and whom to meet next, as the demo sets them.
    pub fn set_deal_choices(&self, id: i64, go: Option<bool>, next_contact: Option<i64>) -> Result<()> {
        let judgement = match go {
            Some(true) => "go",
            Some(false) => "no_go",
            None => "",
        };
        self.tx
            .prepare_cached("UPDATE opportunity SET judgement = ?2, next_contact_id = ?3 WHERE id = ?1")?
            .execute(params![id, judgement, next_contact])?;
        Ok(())
    }

    /// The day an imported deal was won or lost.
    pub fn set_closed_on(&self, id: i64, day: NaiveDate) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE opportunity SET closed_on = ?2 WHERE id = ?1")?
            .execute(params![id, day_text(day)])?;
        Ok(())
    }

    /// Who won a lost deal from us, as an imported file says.
    pub fn set_lost_to(&self, id: i64, competitor: &str) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE opportunity SET lost_to = ?2 WHERE id = ?1")?
            .execute(params![id, competitor])?;
        Ok(())
    }

    /// The time a record of a dump was last changed, kept as the file has
    /// it (set last: any later write stamps its own time).
    pub fn set_opportunity_updated_at(&self, id: i64, at: &str) -> Result<()> {
        self.tx.prepare_cached("UPDATE opportunity SET updated_at = ?2 WHERE id = ?1")?.execute(params![id, at])?;
        Ok(())
    }

    /// The default probability of the stage a deal is in.
    fn stage_probability_of(&self, id: i64) -> Result<u8> {
        let stage: i64 = self
            .tx
            .prepare_cached("SELECT stage FROM opportunity WHERE id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?
            .ok_or(StoreError::NotFound("opportunity"))?;
        Ok(self.probability(Stage::from_number(stage).unwrap_or(Stage::Research)))
    }
}
