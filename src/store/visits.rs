//! The visit plan: which accounts are due a visit, overdue first, paged by
//! due date.

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::{Result, Seek, Store, day_text};
use crate::domain::Tier;

/// The agenda orders by due date, then account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaKey {
    pub due_on: NaiveDate,
    pub account_id: i64,
}

/// A planned visit on the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaRow {
    pub account_id: i64,
    pub account_name: String,
    pub tier: Tier,
    pub cadence_days: i64,
    pub last_visit_on: Option<NaiveDate>,
    pub due_on: NaiveDate,
}

impl AgendaRow {
    pub fn key(&self) -> AgendaKey {
        AgendaKey { due_on: self.due_on, account_id: self.account_id }
    }

    /// Days past due (0 when due today or later).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.due_on).num_days().max(0)
    }
}

/// How many planned visits fall in each part of the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AgendaCounts {
    pub overdue: i64,
    pub today: i64,
    pub rest_of_week: i64,
}

const SELECT_AGENDA: &str = "SELECT v.account_id, a.name, a.tier, v.cadence_days, v.last_visit_on, v.next_due_on
   FROM visit_plan v JOIN account a ON a.id = v.account_id
  WHERE v.next_due_on <= ?1";

fn agenda_row(r: &Row<'_>) -> rusqlite::Result<AgendaRow> {
    Ok(AgendaRow {
        account_id: r.get(0)?,
        account_name: r.get(1)?,
        tier: r.get(2)?,
        cadence_days: r.get(3)?,
        last_visit_on: r.get(4)?,
        due_on: r.get(5)?,
    })
}

impl Store {
    /// Planned visits due on or before `until`, earliest first, paged.
    pub fn agenda_page(&self, until: NaiveDate, seek: &Seek<AgendaKey>, limit: usize) -> Result<Vec<AgendaRow>> {
        let (tail, reverse) = match seek {
            Seek::First => ("ORDER BY v.next_due_on, v.account_id LIMIT ?2", false),
            Seek::Last => ("ORDER BY v.next_due_on DESC, v.account_id DESC LIMIT ?2", true),
            Seek::After(_) => {
                ("AND (v.next_due_on, v.account_id) > (?3, ?4) ORDER BY v.next_due_on, v.account_id LIMIT ?2", false)
            }
            Seek::From(_) => {
                ("AND (v.next_due_on, v.account_id) >= (?3, ?4) ORDER BY v.next_due_on, v.account_id LIMIT ?2", false)
            }
            Seek::Before(_) => (
                "AND (v.next_due_on, v.account_id) < (?3, ?4) ORDER BY v.next_due_on DESC, v.account_id DESC LIMIT ?2",
                true,
            ),
        };
        let sql = [SELECT_AGENDA, " ", tail].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let until = day_text(until);
        let mut rows: Vec<AgendaRow> = match seek {
            Seek::First | Seek::Last => {
                stmt.query_map(params![until, limit as i64], agenda_row)?.collect::<rusqlite::Result<_>>()?
            }
            Seek::After(k) | Seek::From(k) | Seek::Before(k) => stmt
                .query_map(params![until, limit as i64, day_text(k.due_on), k.account_id], agenda_row)?
                .collect::<rusqlite::Result<_>>()?,
        };
        if reverse {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Overdue, due today, and due later this week (through `week_end`).
    pub fn agenda_counts(&self, today: NaiveDate, week_end: NaiveDate) -> Result<AgendaCounts> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT (SELECT count(*) FROM visit_plan WHERE next_due_on < ?1),
                    (SELECT count(*) FROM visit_plan WHERE next_due_on = ?1),
                    (SELECT count(*) FROM visit_plan WHERE next_due_on > ?1 AND next_due_on <= ?2)",
        )?;
        Ok(stmt.query_row(params![day_text(today), day_text(week_end)], |r| {
            Ok(AgendaCounts { overdue: r.get(0)?, today: r.get(1)?, rest_of_week: r.get(2)? })
        })?)
    }
}
