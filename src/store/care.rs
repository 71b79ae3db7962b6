//! Keeping the customer: complaints, surveys, objections, and the signals
//! loyalty and risk are read from (`domain::care`).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{Batch, RecordMeta, Result, Store, StoreError};
use crate::domain::care::{Loyalty, RiskSignals};
use crate::domain::{ComplaintCategory, ComplaintStatus, Severity};

/// A complaint as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct NewComplaint {
    pub number: String,
    pub account_id: i64,
    pub contact_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub received_on: NaiveDate,
    pub channel: String,
    pub category: ComplaintCategory,
    pub severity: Severity,
    /// The response deadline promised when it came in.
    pub respond_by: NaiveDate,
    pub description: String,
    pub demand: String,
    pub root_cause: String,
    pub action_taken: String,
    pub status: ComplaintStatus,
    pub resolved_on: Option<NaiveDate>,
    pub closed_on: Option<NaiveDate>,
    /// The return visit closing it scheduled.
    pub return_visit_on: Option<NaiveDate>,
    /// The activity that made that return visit.
    pub return_visit_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintRow {
    pub id: i64,
    pub uuid: String,
    pub account_name: String,
    pub complaint: NewComplaint,
    /// The return visit that closed the loop, by UUID (for files).
    pub return_visit_uuid: Option<String>,
    /// Who complained, by UUID, and about which contract, by number.
    pub contact_uuid: Option<String>,
    pub contract_number: Option<String>,
}

impl ComplaintRow {
    /// Open and past its response deadline on `today`.
    pub fn is_late(&self, today: NaiveDate) -> bool {
        self.complaint.status.is_open() && self.complaint.respond_by < today
    }
}

/// A survey (满意度调查 / 回访结果) as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSurvey {
    pub account_id: i64,
    pub contact_id: Option<i64>,
    pub contract_id: Option<i64>,
    pub complaint_id: Option<i64>,
    pub activity_id: Option<i64>,
    pub surveyed_on: NaiveDate,
    pub overall: u8,
    pub nps: Option<u8>,
    pub quality: Option<u8>,
    pub delivery: Option<u8>,
    pub service: Option<u8>,
    pub response: Option<u8>,
    pub feedback: String,
    pub follow_up: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SurveyRow {
    pub id: i64,
    pub uuid: String,
    pub account_name: String,
    pub survey: NewSurvey,
    /// The return visit it was asked on, by UUID (for files).
    pub activity_uuid: Option<String>,
    /// Who answered, by UUID, and about which contract, by number.
    pub contact_uuid: Option<String>,
    pub contract_number: Option<String>,
}

/// An objection (异议) and the answer given.
#[derive(Debug, Clone, PartialEq)]
pub struct NewObjection {
    pub account_id: i64,
    pub opportunity_id: Option<i64>,
    pub raised_on: NaiveDate,
    pub objection: String,
    pub answer: String,
    pub resolved: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ObjectionRow {
    pub id: i64,
    pub objection: NewObjection,
}

const COMPLAINT_COLUMNS: &str = "k.id, k.uuid, a.name, k.number, k.account_id, k.contact_id, k.contract_id,
     k.received_on, k.channel, k.category, k.severity, k.respond_by, k.description, k.demand, k.root_cause,
     k.action_taken, k.status, k.resolved_on, k.closed_on, k.return_visit_on, k.return_visit_id,
     (SELECT t.uuid FROM activity t WHERE t.id = k.return_visit_id),
     (SELECT p.uuid FROM contact p WHERE p.id = k.contact_id), (SELECT n.number FROM contract n WHERE n.id = k.contract_id)";

fn complaint_row(r: &Row<'_>) -> rusqlite::Result<ComplaintRow> {
    Ok(ComplaintRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        account_name: r.get(2)?,
        complaint: NewComplaint {
            number: r.get(3)?,
            account_id: r.get(4)?,
            contact_id: r.get(5)?,
            contract_id: r.get(6)?,
            received_on: r.get(7)?,
            channel: r.get(8)?,
            category: r.get(9)?,
            severity: r.get(10)?,
            respond_by: r.get(11)?,
            description: r.get(12)?,
            demand: r.get(13)?,
            root_cause: r.get(14)?,
            action_taken: r.get(15)?,
            status: r.get(16)?,
            resolved_on: r.get(17)?,
            closed_on: r.get(18)?,
            return_visit_on: r.get(19)?,
            return_visit_id: r.get(20)?,
        },
        return_visit_uuid: r.get(21)?,
        contact_uuid: r.get(22)?,
        contract_number: r.get(23)?,
    })
}

const SURVEY_COLUMNS: &str = "s.id, s.uuid, a.name, s.account_id, s.contact_id, s.contract_id, s.complaint_id,
     s.activity_id, s.surveyed_on, s.overall, s.nps, s.quality, s.delivery, s.service, s.response, s.feedback,
     s.follow_up, (SELECT t.uuid FROM activity t WHERE t.id = s.activity_id),
     (SELECT p.uuid FROM contact p WHERE p.id = s.contact_id), (SELECT n.number FROM contract n WHERE n.id = s.contract_id)";

fn survey_row(r: &Row<'_>) -> rusqlite::Result<SurveyRow> {
    Ok(SurveyRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        account_name: r.get(2)?,
        survey: NewSurvey {
            account_id: r.get(3)?,
            contact_id: r.get(4)?,
            contract_id: r.get(5)?,
            complaint_id: r.get(6)?,
            activity_id: r.get(7)?,
            surveyed_on: r.get(8)?,
            overall: r.get(9)?,
            nps: r.get(10)?,
            quality: r.get(11)?,
            delivery: r.get(12)?,
            service: r.get(13)?,
            response: r.get(14)?,
            feedback: r.get(15)?,
            follow_up: r.get(16)?,
        },
        activity_uuid: r.get(17)?,
        contact_uuid: r.get(18)?,
        contract_number: r.get(19)?,
    })
}

impl Store {
    pub fn complaint(&self, id: i64) -> Result<Option<ComplaintRow>> {
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaint k JOIN account a ON a.id = k.account_id WHERE k.id = ?1"
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![id], complaint_row).optional()?)
    }

    /// An account's complaints, open ones first, then the newest.
    pub fn complaints_of(&self, account_id: i64, limit: usize) -> Result<Vec<ComplaintRow>> {
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaint k JOIN account a ON a.id = k.account_id
              WHERE k.account_id = ?1
              ORDER BY k.status NOT IN ('new', 'in_progress', 'waiting'), k.received_on DESC, k.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![account_id, limit as i64], complaint_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Complaints for a listing, newest first, after the complaint `after`.
    pub fn complaints_page(
        &self,
        order: super::PageOrder,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<ComplaintRow>> {
        let (keyset, first) = order.clause("k.id", after);
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaint k JOIN account a ON a.id = k.account_id
              WHERE {keyset}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![after.unwrap_or(first), limit as i64], complaint_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Return visits that closed complaints scheduled and no activity has
    /// made yet, due by `until`, soonest first.
    pub fn return_visits_due(&self, until: NaiveDate, limit: usize) -> Result<Vec<ComplaintRow>> {
        let sql = format!(
            "SELECT {COMPLAINT_COLUMNS} FROM complaint k JOIN account a ON a.id = k.account_id
              WHERE k.return_visit_on IS NOT NULL AND k.return_visit_id IS NULL AND k.return_visit_on <= ?1
              ORDER BY k.return_visit_on, k.id LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![until, limit as i64], complaint_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The survey with this UUID, if here (a re-import finds it by it).
    pub fn survey_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM survey WHERE uuid = ?1")?
            .query_row(params![uuid], |r| r.get(0))
            .optional()?)
    }

    pub fn survey(&self, id: i64) -> Result<Option<SurveyRow>> {
        let sql =
            format!("SELECT {SURVEY_COLUMNS} FROM survey s JOIN account a ON a.id = s.account_id WHERE s.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![id], survey_row).optional()?)
    }

    /// An account's surveys, newest first.
    pub fn surveys_of(&self, account_id: i64, limit: usize) -> Result<Vec<SurveyRow>> {
        let sql = format!(
            "SELECT {SURVEY_COLUMNS} FROM survey s JOIN account a ON a.id = s.account_id
              WHERE s.account_id = ?1 ORDER BY s.surveyed_on DESC, s.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![account_id, limit as i64], survey_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Surveys for a listing, newest first, after the survey `after`.
    pub fn surveys_page(&self, order: super::PageOrder, after: Option<i64>, limit: usize) -> Result<Vec<SurveyRow>> {
        let (keyset, first) = order.clause("s.id", after);
        let sql = format!(
            "SELECT {SURVEY_COLUMNS} FROM survey s JOIN account a ON a.id = s.account_id
              WHERE {keyset}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![after.unwrap_or(first), limit as i64], survey_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn objections_of(&self, account_id: i64, limit: usize) -> Result<Vec<ObjectionRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, account_id, opportunity_id, raised_on, objection, answer, resolved FROM objection
              WHERE account_id = ?1 ORDER BY resolved, raised_on DESC, id DESC LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![account_id, limit as i64], |r| {
            Ok(ObjectionRow {
                id: r.get(0)?,
                objection: NewObjection {
                    account_id: r.get(1)?,
                    opportunity_id: r.get(2)?,
                    raised_on: r.get(3)?,
                    objection: r.get(4)?,
                    answer: r.get(5)?,
                    resolved: r.get(6)?,
                },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the risk rule reads for one account.
    pub fn risk_signals(&self, account_id: i64) -> Result<RiskSignals> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {RISK_COLUMNS} FROM account a WHERE a.id = ?1"))?;
        Ok(stmt.query_row(params![account_id], |r| risk_signals_at(r, 0))?)
    }

    /// What loyalty is read from, for one account on `today`.
    pub fn loyalty(&self, account_id: i64, today: NaiveDate) -> Result<Loyalty> {
        let year_ago = today - chrono::Days::new(365);
        let mut stmt = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM contract WHERE account_id = ?1 AND status NOT IN ('draft', 'void')),
                    (SELECT nps FROM survey WHERE account_id = ?1 AND nps IS NOT NULL
                      ORDER BY surveyed_on DESC, id DESC LIMIT 1),
                    (SELECT count(*) FROM complaint WHERE account_id = ?1 AND received_on > ?2),
                    (SELECT last_visit_on FROM visit_plan WHERE account_id = ?1),
                    (SELECT cadence_days FROM visit_plan WHERE account_id = ?1)",
        )?;
        let mut loyalty = stmt.query_row(params![account_id, year_ago], |r| {
            Ok(Loyalty {
                contracts: r.get(0)?,
                latest_nps: r.get(1)?,
                complaints_last_year: r.get(2)?,
                last_visit_on: r.get(3)?,
                cadence_days: r.get(4)?,
                ..Loyalty::default()
            })
        })?;
        let mut scores = self.conn.prepare_cached(
            "SELECT overall FROM survey WHERE account_id = ?1 ORDER BY surveyed_on DESC, id DESC LIMIT 3",
        )?;
        loyalty.scores = scores.query_map(params![account_id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        // Days late: each instalment of a contract in force that fell due,
        // paid late (by the day it settled) or still owed (by today).
        let mut late = self.conn.prepare_cached(
            "SELECT avg(julianday(coalesce(i.settled_on, ?2)) - julianday(i.due_on))
               FROM contract c JOIN instalment i ON i.contract_id = c.id
              WHERE c.account_id = ?1 AND c.status NOT IN ('draft', 'void') AND i.void = 0 AND i.due_on < ?2
                AND coalesce(i.settled_on, ?2) > i.due_on",
        )?;
        let average: Option<f64> = late.query_row(params![account_id, today], |r| r.get(0))?;
        loyalty.average_days_late = average.map(|d| d.round() as i64);
        Ok(loyalty)
    }
}

/// The columns of the risk rule for the account `a` (the Accounts table
/// reads them with each row).
pub(super) const RISK_COLUMNS: &str = "(SELECT overall FROM survey s WHERE s.account_id = a.id
        ORDER BY s.surveyed_on DESC, s.id DESC LIMIT 1),
     (SELECT nps FROM survey s WHERE s.account_id = a.id AND s.nps IS NOT NULL
        ORDER BY s.surveyed_on DESC, s.id DESC LIMIT 1),
     EXISTS (SELECT 1 FROM complaint k WHERE k.account_id = a.id AND k.severity = 'critical'
               AND k.status IN ('new', 'in_progress', 'waiting')),
     (SELECT min(i.due_on) FROM contract c JOIN instalment i ON i.contract_id = c.id
       WHERE c.account_id = a.id AND c.status NOT IN ('draft', 'void') AND i.void = 0 AND i.settled_on IS NULL),
     (SELECT min(k.respond_by) FROM complaint k WHERE k.account_id = a.id
        AND k.status IN ('new', 'in_progress', 'waiting'))";

/// The risk signals from `RISK_COLUMNS` starting at column `at`.
pub(super) fn risk_signals_at(r: &Row<'_>, at: usize) -> rusqlite::Result<RiskSignals> {
    Ok(RiskSignals {
        latest_overall: r.get(at)?,
        latest_nps: r.get(at + 1)?,
        open_critical_complaint: r.get(at + 2)?,
        oldest_owed_due: r.get(at + 3)?,
    })
}

impl Batch<'_> {
    pub fn insert_complaint(&self, k: &NewComplaint, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO complaint (uuid, number, account_id, contact_id, contract_id, received_on, channel,
                        category, severity, respond_by, description, demand, root_cause, action_taken, status,
                        resolved_on, closed_on, return_visit_on, return_visit_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?20)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                k.number.trim(),
                k.account_id,
                k.contact_id,
                k.contract_id,
                k.received_on,
                k.channel,
                k.category,
                k.severity,
                k.respond_by,
                k.description.trim(),
                k.demand,
                k.root_cause,
                k.action_taken,
                k.status,
                k.resolved_on,
                k.closed_on,
                k.return_visit_on,
                k.return_visit_id,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn update_complaint(&self, id: i64, k: &NewComplaint) -> Result<()> {
        let changed = self
            .tx
            .prepare_cached(
                "UPDATE complaint SET number = ?2, account_id = ?3, contact_id = ?4, contract_id = ?5,
                        received_on = ?6, channel = ?7, category = ?8, severity = ?9, respond_by = ?10,
                        description = ?11, demand = ?12, root_cause = ?13, action_taken = ?14, status = ?15,
                        resolved_on = ?16, closed_on = ?17, return_visit_on = ?18, return_visit_id = ?19
                  WHERE id = ?1",
            )?
            .execute(params![
                id,
                k.number.trim(),
                k.account_id,
                k.contact_id,
                k.contract_id,
                k.received_on,
                k.channel,
                k.category,
                k.severity,
                k.respond_by,
                k.description.trim(),
                k.demand,
                k.root_cause,
                k.action_taken,
                k.status,
                k.resolved_on,
                k.closed_on,
                k.return_visit_on,
                k.return_visit_id
            ])?;
        if changed == 0 { Err(StoreError::NotFound("complaint")) } else { Ok(()) }
    }

    /// A survey's answers as a corrected file has them (its links stay).
    pub fn update_survey(&self, id: i64, s: &NewSurvey) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE survey SET surveyed_on = ?2, overall = ?3, nps = ?4, quality = ?5, delivery = ?6,
                        service = ?7, response = ?8, feedback = ?9, follow_up = ?10
                  WHERE id = ?1",
            )?
            .execute(params![
                id,
                s.surveyed_on,
                s.overall,
                s.nps,
                s.quality,
                s.delivery,
                s.service,
                s.response,
                s.feedback,
                s.follow_up
            ])?;
        Ok(())
    }

    pub fn insert_survey(&self, s: &NewSurvey, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO survey (uuid, account_id, contact_id, contract_id, complaint_id, activity_id,
                        surveyed_on, overall, nps, quality, delivery, service, response, feedback, follow_up,
                        created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                s.account_id,
                s.contact_id,
                s.contract_id,
                s.complaint_id,
                s.activity_id,
                s.surveyed_on,
                s.overall,
                s.nps,
                s.quality,
                s.delivery,
                s.service,
                s.response,
                s.feedback,
                s.follow_up,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    pub fn insert_objection(&self, o: &NewObjection, meta: &RecordMeta) -> Result<i64> {
        self.tx
            .prepare_cached(
                "INSERT INTO objection (uuid, account_id, opportunity_id, raised_on, objection, answer, resolved,
                        created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                o.account_id,
                o.opportunity_id,
                o.raised_on,
                o.objection.trim(),
                o.answer,
                o.resolved,
                meta.at_text()
            ])?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Marks an activity a return visit (回访).
    pub fn set_return_visit(&self, activity_id: i64, return_visit: bool) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE activity SET return_visit = ?2 WHERE id = ?1")?
            .execute(params![activity_id, return_visit])?;
        Ok(())
    }
}
