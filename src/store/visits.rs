//! The agenda: the visits the plan says are due and the follow-ups still
//! open (promises made by earlier activities), overdue first, paged by due
//! day. One query merges both, each side walking its own index in order.

use chrono::NaiveDate;
use rusqlite::{Row, params};

use super::activities::FOLLOW_UP_OPEN;
use super::{Result, Seek, Store, day_text};
use crate::domain::Tier;
use crate::domain::visit_plan::VisitKind;

/// The agenda orders by due day, then planned visits before follow-ups,
/// then the account (a visit) or the activity (a follow-up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaKey {
    pub due_on: NaiveDate,
    /// 0: a planned visit; 1: a follow-up; 2: a complaint's return visit;
    /// 3: a new contract's return visit.
    pub kind: i64,
    pub id: i64,
}

/// What is due.
#[derive(Debug, Clone, PartialEq)]
pub enum AgendaItem {
    /// A visit of the year's plan, still to do (or missed lately).
    Visit { visit_id: i64, kind: VisitKind, moved_from: Option<NaiveDate>, purpose: String },
    /// An activity's next step, promised on `promised_on`.
    FollowUp { activity_id: i64, next_step: String, promised_on: NaiveDate },
    /// The return visit a complaint closed on `closed_on` scheduled.
    ReturnVisit { complaint_id: i64, about: String, closed_on: Option<NaiveDate> },
    /// The return visit a contract's start scheduled.
    ContractVisit { contract_id: i64, title: String },
}

/// One line of the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaRow {
    pub account_id: i64,
    pub account_name: String,
    pub account_short_name: String,
    pub tier: Tier,
    pub due_on: NaiveDate,
    pub item: AgendaItem,
}

impl AgendaRow {
    pub fn key(&self) -> AgendaKey {
        match &self.item {
            AgendaItem::Visit { visit_id, .. } => AgendaKey { due_on: self.due_on, kind: 0, id: *visit_id },
            AgendaItem::FollowUp { activity_id, .. } => AgendaKey { due_on: self.due_on, kind: 1, id: *activity_id },
            AgendaItem::ReturnVisit { complaint_id, .. } => {
                AgendaKey { due_on: self.due_on, kind: 2, id: *complaint_id }
            }
            AgendaItem::ContractVisit { contract_id, .. } => {
                AgendaKey { due_on: self.due_on, kind: 3, id: *contract_id }
            }
        }
    }

    /// Days past due (0 when due today or later).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.due_on).num_days().max(0)
    }

    /// The planned visit, when this line is one.
    pub fn planned_visit(&self) -> Option<i64> {
        match self.item {
            AgendaItem::Visit { visit_id, .. } => Some(visit_id),
            _ => None,
        }
    }

    /// The follow-up's activity, when this line is one.
    pub fn follow_up(&self) -> Option<i64> {
        match self.item {
            AgendaItem::FollowUp { activity_id, .. } => Some(activity_id),
            AgendaItem::Visit { .. } | AgendaItem::ReturnVisit { .. } | AgendaItem::ContractVisit { .. } => None,
        }
    }
}

/// How many lines fall in each part of the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct AgendaCounts {
    pub overdue: i64,
    pub today: i64,
    pub upcoming: i64,
}

/// The two sides of the agenda, due on or before ?1, each read in the
/// order of its own index (a compound query sorted all the overdue visits
/// of a department before it gave the first forty); the store merges them.
const PLANNED_VISITS: &str = "SELECT v.planned_on, 0, v.id, v.account_id, a.name, a.short_name, a.tier,
        v.kind, v.moved_from, v.purpose, NULL
   FROM planned_visit v INDEXED BY planned_visit_open JOIN account a ON a.id = v.account_id
  WHERE v.planned_on <= ?1 AND v.planned_on >= date(?1, '-44 days') AND v.activity_id IS NULL AND v.skip_reason = ''";

/// A planned visit still to do, and not so long missed that it has left
/// the agenda (the agenda ends 14 days ahead: 44 days before its end is
/// 30 days ago). Older misses count in the plan's compliance only.
const PLANNED_VISIT_OPEN: &str =
    "v.activity_id IS NULL AND v.skip_reason = '' AND v.planned_on >= date(?1, '-30 days')";

const OPEN_FOLLOW_UPS: &str = "SELECT t.next_on, 1, t.id, t.account_id, a.name, a.short_name, a.tier,
        NULL, NULL, t.next_step, t.occurred_on
   FROM activity t JOIN account a ON a.id = t.account_id
  WHERE t.next_on <= ?1 AND ";

/// The return visits closed complaints scheduled and no visit has made.
const RETURN_VISITS: &str = "SELECT k.return_visit_on, 2, k.id, k.account_id, a.name, a.short_name, a.tier,
        NULL, NULL, k.description, k.closed_on
   FROM complaint k JOIN account a ON a.id = k.account_id
  WHERE k.return_visit_on <= ?1 AND k.return_visit_on IS NOT NULL AND k.return_visit_id IS NULL";

/// A scheduled return visit not made yet (the index of such holds only these).
const RETURN_VISIT_OPEN: &str = "k.return_visit_on IS NOT NULL AND k.return_visit_id IS NULL";

/// The return visits contracts in force scheduled and no visit has made.
const CONTRACT_VISITS: &str = "SELECT c.return_visit_on, 3, c.id, c.account_id, a.name, a.short_name, a.tier,
        NULL, NULL, c.title, NULL
   FROM contract c JOIN account a ON a.id = c.account_id
  WHERE c.return_visit_on <= ?1 AND c.return_visit_on IS NOT NULL AND c.return_visit_id IS NULL
    AND c.status NOT IN ('draft', 'void')";

const CONTRACT_VISIT_OPEN: &str =
    "c.return_visit_on IS NOT NULL AND c.return_visit_id IS NULL AND c.status NOT IN ('draft', 'void')";

fn agenda_row(r: &Row<'_>) -> rusqlite::Result<AgendaRow> {
    let kind: i64 = r.get(1)?;
    let item = match kind {
        0 => AgendaItem::Visit { visit_id: r.get(2)?, kind: r.get(7)?, moved_from: r.get(8)?, purpose: r.get(9)? },
        1 => AgendaItem::FollowUp { activity_id: r.get(2)?, next_step: r.get(9)?, promised_on: r.get(10)? },
        3 => AgendaItem::ContractVisit { contract_id: r.get(2)?, title: r.get(9)? },
        _ => AgendaItem::ReturnVisit { complaint_id: r.get(2)?, about: r.get(9)?, closed_on: r.get(10)? },
    };
    Ok(AgendaRow {
        due_on: r.get(0)?,
        account_id: r.get(3)?,
        account_name: r.get(4)?,
        account_short_name: r.get(5)?,
        tier: r.get(6)?,
        item,
    })
}

impl Store {
    /// Planned visits, open follow-ups and return visits due on or before `until`,
    /// earliest first, paged by `(due, kind, id)`.
    pub fn agenda_page(&self, until: NaiveDate, seek: &Seek<AgendaKey>, limit: usize) -> Result<Vec<AgendaRow>> {
        let visits = self.agenda_side(0, PLANNED_VISITS, ("v.planned_on", "v.id"), until, seek, limit)?;
        let open = [OPEN_FOLLOW_UPS, FOLLOW_UP_OPEN].concat();
        let follow_ups = self.agenda_side(1, &open, ("t.next_on", "t.id"), until, seek, limit)?;
        let return_visits = self.agenda_side(2, RETURN_VISITS, ("k.return_visit_on", "k.id"), until, seek, limit)?;
        let contract_visits =
            self.agenda_side(3, CONTRACT_VISITS, ("c.return_visit_on", "c.id"), until, seek, limit)?;
        let mut rows: Vec<AgendaRow> =
            visits.into_iter().chain(follow_ups).chain(return_visits).chain(contract_visits).collect();
        let key = |r: &AgendaRow| {
            let k = r.key();
            (k.due_on, k.kind, k.id)
        };
        rows.sort_by_key(key);
        if matches!(seek, Seek::Last | Seek::Before(_)) {
            // The rows just before the key: the last `limit` of the merge.
            let skip = rows.len().saturating_sub(limit);
            rows.drain(..skip);
        } else {
            rows.truncate(limit);
        }
        Ok(rows)
    }

    /// One side of the agenda (`kind` 0: planned visits, 1: follow-ups),
    /// `limit` rows from the seek on, in the order of `(date, id)` columns.
    fn agenda_side(
        &self,
        kind: i64,
        select: &str,
        (date, id): (&str, &str),
        until: NaiveDate,
        seek: &Seek<AgendaKey>,
        limit: usize,
    ) -> Result<Vec<AgendaRow>> {
        let (cmp, order) = match seek {
            Seek::First => ("", "ASC"),
            Seek::Last => ("", "DESC"),
            Seek::After(_) => (">", "ASC"),
            Seek::From(_) => (">=", "ASC"),
            Seek::Before(_) => ("<", "DESC"),
        };
        let mut sql = select.to_string();
        // Against a key on the other side, the whole day falls before (a
        // visit before a follow-up) or after it: compare with an id past
        // every real one.
        let bound = match seek {
            Seek::After(k) | Seek::From(k) | Seek::Before(k) => {
                sql.push_str(&format!(" AND ({date}, {id}) {cmp} (?3, ?4)"));
                let bound_id = match kind.cmp(&k.kind) {
                    std::cmp::Ordering::Equal => k.id,
                    std::cmp::Ordering::Less => i64::MAX,
                    std::cmp::Ordering::Greater => i64::MIN,
                };
                Some((day_text(k.due_on), bound_id))
            }
            Seek::First | Seek::Last => None,
        };
        sql.push_str(&format!(" ORDER BY {date} {order}, {id} {order} LIMIT ?2"));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let until = day_text(until);
        let rows = match bound {
            None => stmt.query_map(params![until, limit as i64], agenda_row)?.collect::<rusqlite::Result<_>>()?,
            Some((day, bound_id)) => stmt
                .query_map(params![until, limit as i64, day, bound_id], agenda_row)?
                .collect::<rusqlite::Result<_>>()?,
        };
        Ok(rows)
    }

    /// Overdue, due today, and due after today through `until`.
    pub fn agenda_counts(&self, today: NaiveDate, until: NaiveDate) -> Result<AgendaCounts> {
        let sql = [
            "SELECT (SELECT count(*) FROM planned_visit v WHERE v.planned_on < ?1 AND ",
            PLANNED_VISIT_OPEN,
            ") + (SELECT count(*) FROM complaint k WHERE k.return_visit_on < ?1 AND ",
            RETURN_VISIT_OPEN,
            ") + (SELECT count(*) FROM contract c WHERE c.return_visit_on < ?1 AND ",
            CONTRACT_VISIT_OPEN,
            ") + (SELECT count(*) FROM activity t WHERE t.next_on < ?1 AND ",
            FOLLOW_UP_OPEN,
            "),
                    (SELECT count(*) FROM planned_visit v WHERE v.planned_on = ?1 AND ",
            PLANNED_VISIT_OPEN,
            ") + (SELECT count(*) FROM complaint k WHERE k.return_visit_on = ?1 AND ",
            RETURN_VISIT_OPEN,
            ") + (SELECT count(*) FROM contract c WHERE c.return_visit_on = ?1 AND ",
            CONTRACT_VISIT_OPEN,
            ") + (SELECT count(*) FROM activity t WHERE t.next_on = ?1 AND ",
            FOLLOW_UP_OPEN,
            "),
                    (SELECT count(*) FROM planned_visit v WHERE v.planned_on > ?1 AND v.planned_on <= ?2 AND ",
            PLANNED_VISIT_OPEN,
            ") + (SELECT count(*) FROM complaint k WHERE k.return_visit_on > ?1 AND k.return_visit_on <= ?2 AND ",
            RETURN_VISIT_OPEN,
            ") + (SELECT count(*) FROM contract c WHERE c.return_visit_on > ?1 AND c.return_visit_on <= ?2 AND ",
            CONTRACT_VISIT_OPEN,
            ") + (SELECT count(*) FROM activity t WHERE t.next_on > ?1 AND t.next_on <= ?2 AND ",
            FOLLOW_UP_OPEN,
            ")",
        ]
        .concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        Ok(stmt.query_row(params![day_text(today), day_text(until)], |r| {
            Ok(AgendaCounts { overdue: r.get(0)?, today: r.get(1)?, upcoming: r.get(2)? })
        })?)
    }
}
