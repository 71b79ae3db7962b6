//! Contracts, instalments (回款计划) and receipts (回款记录). What was
//! received by a day comes from the receipts when read; every status is the
//! domain's rule applied to those facts (`domain::contract`). The open
//! instalments are found in an index of open ones (`settled_on`, kept by
//! triggers from the receipts), so "what is overdue" never adds up ten
//! years of paid ones.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, day_text};
use crate::domain::contract::{InstalmentFacts, InstalmentStatus, StatusFilter};
use crate::domain::{ContractStatus, Money};

/// A contract as the rep enters it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewContract {
    pub account_id: i64,
    pub opportunity_id: Option<i64>,
    pub signatory_id: Option<i64>,
    pub number: String,
    pub title: String,
    pub signed_on: Option<NaiveDate>,
    pub start_on: Option<NaiveDate>,
    pub end_on: Option<NaiveDate>,
    pub amount: Money,
    pub terms: String,
    pub status: ContractStatus,
    pub void_reason: String,
    pub notes: String,
    /// The return visit its start schedules, and the activity that made it.
    pub return_visit_on: Option<NaiveDate>,
    pub return_visit_id: Option<i64>,
}

impl NewContract {
    /// A draft contract of `account_id` with a title and an amount.
    pub fn draft(account_id: i64, title: &str, amount: Money) -> NewContract {
        NewContract {
            account_id,
            opportunity_id: None,
            signatory_id: None,
            number: String::new(),
            title: title.to_string(),
            signed_on: None,
            start_on: None,
            end_on: None,
            amount,
            terms: String::new(),
            status: ContractStatus::Draft,
            void_reason: String::new(),
            notes: String::new(),
            return_visit_on: None,
            return_visit_id: None,
        }
    }
}

/// A contract with its account's name and its money so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ContractRow {
    pub id: i64,
    pub uuid: String,
    pub account_id: i64,
    pub account_name: String,
    pub account_uuid: String,
    pub contract: NewContract,
    /// The instalments' amounts (void ones left out).
    pub planned: Money,
    /// Every receipt so far.
    pub received: Money,
    pub last_received_on: Option<NaiveDate>,
    /// Who signed, by UUID (for files).
    pub signatory_uuid: Option<String>,
    /// The deal it was won by, by UUID (for files).
    pub deal_uuid: Option<String>,
}

impl ContractRow {
    pub fn outstanding(&self) -> Money {
        if self.contract.status == ContractStatus::Void {
            return Money::ZERO;
        }
        Money((self.contract.amount.cents() - self.received.cents()).max(0))
    }
}

/// One instalment as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct NewInstalment {
    pub seq: u32,
    pub label: String,
    pub due_on: NaiveDate,
    pub amount: Money,
    pub method: String,
    pub warn_days: u32,
    pub condition: String,
    pub void: bool,
    pub notes: String,
}

impl NewInstalment {
    pub fn new(seq: u32, label: &str, due_on: NaiveDate, amount: Money) -> NewInstalment {
        NewInstalment {
            seq,
            label: label.to_string(),
            due_on,
            amount,
            method: String::new(),
            warn_days: 7,
            condition: String::new(),
            void: false,
            notes: String::new(),
        }
    }
}

/// An instalment on a day: its facts, what was received by then, and the
/// status that follows.
#[derive(Debug, Clone, PartialEq)]
pub struct InstalmentRow {
    pub id: i64,
    pub uuid: String,
    pub contract_id: i64,
    pub contract_number: String,
    pub contract_title: String,
    pub contract_uuid: String,
    pub account_id: i64,
    pub account_name: String,
    pub instalment: NewInstalment,
    pub contract_status: ContractStatus,
    /// The day the figures below are for.
    pub as_of: NaiveDate,
    pub received: Money,
    pub last_received_on: Option<NaiveDate>,
    pub status: InstalmentStatus,
    /// When it last changed (a calendar event's sequence follows it).
    pub updated_at: String,
}

impl InstalmentRow {
    pub fn outstanding(&self) -> Money {
        self.facts().outstanding()
    }

    fn facts(&self) -> InstalmentFacts {
        InstalmentFacts {
            contract: self.contract_status,
            void: self.instalment.void,
            due_on: self.instalment.due_on,
            amount: self.instalment.amount,
            received: self.received,
            warn_days: self.instalment.warn_days,
        }
    }

    /// Where the next page of a listing starts.
    pub fn key(&self) -> (NaiveDate, i64) {
        (self.instalment.due_on, self.id)
    }
}

/// A receipt as entered.
#[derive(Debug, Clone, PartialEq)]
pub struct NewReceipt {
    pub contract_id: i64,
    pub instalment_id: Option<i64>,
    pub received_on: NaiveDate,
    pub amount: Money,
    pub method: String,
    pub reference: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReceiptRow {
    pub id: i64,
    pub uuid: String,
    pub contract_number: String,
    pub contract_title: String,
    pub contract_uuid: String,
    pub account_name: String,
    /// The instalment's number in its contract, when it pays one.
    pub instalment_seq: Option<u32>,
    pub receipt: NewReceipt,
}

const CONTRACT_COLUMNS: &str = "c.id, c.uuid, c.account_id, a.name, a.uuid, c.opportunity_id, c.signatory_id, c.number,
     c.title, c.signed_on, c.start_on, c.end_on, c.amount_cents, c.terms, c.status, c.void_reason, c.notes,
     c.return_visit_on, c.return_visit_id,
     coalesce((SELECT sum(i.amount_cents) FROM instalment i WHERE i.contract_id = c.id AND i.void = 0), 0),
     coalesce((SELECT sum(r.amount_cents) FROM receipt r WHERE r.contract_id = c.id), 0),
     (SELECT max(r.received_on) FROM receipt r WHERE r.contract_id = c.id),
     (SELECT p.uuid FROM contact p WHERE p.id = c.signatory_id),
     (SELECT o.uuid FROM opportunity o WHERE o.id = c.opportunity_id)";

fn contract_row(r: &Row<'_>) -> rusqlite::Result<ContractRow> {
    Ok(ContractRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        account_id: r.get(2)?,
        account_name: r.get(3)?,
        account_uuid: r.get(4)?,
        contract: NewContract {
            account_id: r.get(2)?,
            opportunity_id: r.get(5)?,
            signatory_id: r.get(6)?,
            number: r.get(7)?,
            title: r.get(8)?,
            signed_on: r.get(9)?,
            start_on: r.get(10)?,
            end_on: r.get(11)?,
            amount: r.get(12)?,
            terms: r.get(13)?,
            status: r.get(14)?,
            void_reason: r.get(15)?,
            notes: r.get(16)?,
            return_visit_on: r.get(17)?,
            return_visit_id: r.get(18)?,
        },
        planned: r.get(19)?,
        received: r.get(20)?,
        last_received_on: r.get(21)?,
        signatory_uuid: r.get(22)?,
        deal_uuid: r.get(23)?,
    })
}

/// Columns of an instalment with what its receipts brought by `?1`.
pub(super) const INSTALMENT_COLUMNS: &str =
    "i.id, i.uuid, i.contract_id, c.number, c.title, c.uuid, c.account_id, a.name,
     i.seq, i.label, i.due_on, i.amount_cents, i.method, i.warn_days, i.condition, i.void, i.notes, c.status,
     coalesce((SELECT sum(r.amount_cents) FROM receipt r WHERE r.instalment_id = i.id AND r.received_on <= ?1), 0),
     (SELECT max(r.received_on) FROM receipt r WHERE r.instalment_id = i.id AND r.received_on <= ?1),
     i.updated_at";

pub(super) fn instalment_row(r: &Row<'_>, as_of: NaiveDate) -> rusqlite::Result<InstalmentRow> {
    let mut row = InstalmentRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        contract_id: r.get(2)?,
        contract_number: r.get(3)?,
        contract_title: r.get(4)?,
        contract_uuid: r.get(5)?,
        account_id: r.get(6)?,
        account_name: r.get(7)?,
        instalment: NewInstalment {
            seq: r.get(8)?,
            label: r.get(9)?,
            due_on: r.get(10)?,
            amount: r.get(11)?,
            method: r.get(12)?,
            warn_days: r.get(13)?,
            condition: r.get(14)?,
            void: r.get(15)?,
            notes: r.get(16)?,
        },
        contract_status: r.get(17)?,
        as_of,
        received: r.get(18)?,
        last_received_on: r.get(19)?,
        status: InstalmentStatus::Awaiting,
        updated_at: r.get(20)?,
    };
    row.status = row.facts().status(as_of);
    Ok(row)
}

const RECEIPT_COLUMNS: &str = "r.id, r.uuid, c.number, c.title, c.uuid, a.name, i.seq, r.contract_id, r.instalment_id,
     r.received_on, r.amount_cents, r.method, r.reference, r.notes";

fn receipt_row(r: &Row<'_>) -> rusqlite::Result<ReceiptRow> {
    Ok(ReceiptRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        contract_number: r.get(2)?,
        contract_title: r.get(3)?,
        contract_uuid: r.get(4)?,
        account_name: r.get(5)?,
        instalment_seq: r.get(6)?,
        receipt: NewReceipt {
            contract_id: r.get(7)?,
            instalment_id: r.get(8)?,
            received_on: r.get(9)?,
            amount: r.get(10)?,
            method: r.get(11)?,
            reference: r.get(12)?,
            notes: r.get(13)?,
        },
    })
}

/// Which instalments a listing shows.
#[derive(Debug, Clone, PartialEq)]
pub struct InstalmentFilter {
    /// The day the statuses are for.
    pub as_of: NaiveDate,
    pub status: Option<StatusFilter>,
    /// Only this contract's.
    pub contract_id: Option<i64>,
}

/// Rows read at a time while a listing filters by status.
const CHUNK: usize = 256;

impl Store {
    pub fn contract(&self, id: i64) -> Result<Option<ContractRow>> {
        let sql =
            format!("SELECT {CONTRACT_COLUMNS} FROM contract c JOIN account a ON a.id = c.account_id WHERE c.id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![id], contract_row).optional()?)
    }

    /// The contract with this number (numbers are unique when given).
    pub fn contract_by_number(&self, number: &str) -> Result<Option<ContractRow>> {
        let sql = format!(
            "SELECT {CONTRACT_COLUMNS} FROM contract c JOIN account a ON a.id = c.account_id
              WHERE c.number = ?1 AND c.number <> ''"
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![number.trim()], contract_row).optional()?)
    }

    /// An account's contracts, newest first.
    pub fn contracts_of_account(&self, account_id: i64, limit: usize) -> Result<Vec<ContractRow>> {
        let sql = format!(
            "SELECT {CONTRACT_COLUMNS} FROM contract c JOIN account a ON a.id = c.account_id
              WHERE c.account_id = ?1 ORDER BY c.id DESC LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![account_id, limit as i64], contract_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The contracts made from a deal.
    pub fn contracts_of_deal(&self, opportunity_id: i64) -> Result<Vec<ContractRow>> {
        let sql = format!(
            "SELECT {CONTRACT_COLUMNS} FROM contract c JOIN account a ON a.id = c.account_id
              WHERE c.opportunity_id = ?1 ORDER BY c.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![opportunity_id], contract_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Contracts for a listing, newest first, after the contract `after`.
    pub fn contracts_page(
        &self,
        order: super::PageOrder,
        after: Option<i64>,
        limit: usize,
    ) -> Result<Vec<ContractRow>> {
        let (keyset, first) = order.clause("c.id", after);
        let sql = format!(
            "SELECT {CONTRACT_COLUMNS} FROM contract c JOIN account a ON a.id = c.account_id
              WHERE {keyset}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![after.unwrap_or(first), limit as i64], contract_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A contract's instalments in order, as they stand on `as_of`.
    pub fn instalments_of(&self, contract_id: i64, as_of: NaiveDate) -> Result<Vec<InstalmentRow>> {
        let sql = format!(
            "SELECT {INSTALMENT_COLUMNS} FROM instalment i JOIN contract c ON c.id = i.contract_id
               JOIN account a ON a.id = c.account_id
              WHERE i.contract_id = ?2 ORDER BY i.seq"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![day_text(as_of), contract_id], |r| instalment_row(r, as_of))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn instalment(&self, id: i64, as_of: NaiveDate) -> Result<Option<InstalmentRow>> {
        let sql = format!(
            "SELECT {INSTALMENT_COLUMNS} FROM instalment i JOIN contract c ON c.id = i.contract_id
               JOIN account a ON a.id = c.account_id WHERE i.id = ?2"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![day_text(as_of), id], |r| instalment_row(r, as_of))
            .optional()?)
    }

    /// Instalments by due date (then id), after `after`, as they stand on
    /// the filter's day; with a status, only those. Candidates come from
    /// the index that can hold them (the open ones for overdue and the
    /// rest of the unpaid; the settled ones for paid), and the domain's
    /// rule decides.
    pub fn instalments_page(
        &self,
        filter: &InstalmentFilter,
        after: Option<(NaiveDate, i64)>,
        limit: usize,
    ) -> Result<Vec<InstalmentRow>> {
        use StatusFilter as S;
        // Each branch reads an index in (due_on, id) order from the key on,
        // so a page costs a page however long the list: the open ones for
        // overdue and the unpaid, the settled ones for paid. (Those settled
        // after the day asked are few, and are found by when they settled:
        // left to itself SQLite would walk every instalment by due date.)
        let keyset = "(due_on, id) > (?2, ?3) AND (?5 IS NULL OR contract_id = ?5)";
        let open = |due: &str| {
            format!(
                "SELECT id, due_on FROM instalment WHERE settled_on IS NULL AND void = 0 AND {due} AND {keyset}
                 UNION ALL
                 SELECT id, due_on FROM instalment INDEXED BY instalment_by_settled
                  WHERE settled_on > ?1 AND void = 0 AND {due} AND {keyset}"
            )
        };
        let candidates = match filter.status {
            Some(S::Overdue) => open("due_on < ?1"),
            Some(S::Partial | S::DueSoon | S::Awaiting) => open("due_on >= ?1"),
            Some(S::Paid) => {
                format!("SELECT id, due_on FROM instalment WHERE settled_on <= ?1 AND void = 0 AND {keyset}")
            }
            Some(S::Void | S::Pending) | None => format!("SELECT id, due_on FROM instalment WHERE {keyset}"),
        };
        let sql = format!(
            "SELECT {INSTALMENT_COLUMNS}
               FROM ({candidates} ORDER BY due_on, id LIMIT ?4) k JOIN instalment i ON i.id = k.id
               JOIN contract c ON c.id = i.contract_id JOIN account a ON a.id = c.account_id
              ORDER BY i.due_on, i.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::new();
        let mut from = after.map(|(d, id)| (day_text(d), id)).unwrap_or_else(|| (String::new(), 0));
        // The first read is the page itself (most candidates match); only
        // when some did not are more read, a chunk at a time.
        let mut chunk = limit.max(1);
        loop {
            let rows: Vec<InstalmentRow> = stmt
                .query_map(params![day_text(filter.as_of), from.0, from.1, chunk as i64, filter.contract_id], |r| {
                    instalment_row(r, filter.as_of)
                })?
                .collect::<rusqlite::Result<_>>()?;
            let done = rows.len() < chunk;
            chunk = CHUNK;
            if let Some(last) = rows.last() {
                from = (day_text(last.instalment.due_on), last.id);
            }
            out.extend(rows.into_iter().filter(|row| filter.status.is_none_or(|s| s.matches(row.status))));
            if done || out.len() >= limit {
                out.truncate(limit);
                return Ok(out);
            }
        }
    }

    /// The oldest instalment of a contract with money outstanding today
    /// (by due date): where unassigned money goes.
    pub fn open_instalments(&self, contract_id: i64, as_of: NaiveDate) -> Result<Vec<InstalmentRow>> {
        Ok(self
            .instalments_of(contract_id, as_of)?
            .into_iter()
            .filter(|i| !i.instalment.void && i.outstanding().cents() > 0)
            .collect())
    }

    /// A contract's receipts, oldest first.
    pub fn receipts_of(&self, contract_id: i64) -> Result<Vec<ReceiptRow>> {
        let sql = format!(
            "SELECT {RECEIPT_COLUMNS} FROM receipt r JOIN contract c ON c.id = r.contract_id
               JOIN account a ON a.id = c.account_id LEFT JOIN instalment i ON i.id = r.instalment_id
              WHERE r.contract_id = ?1 ORDER BY r.received_on, r.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![contract_id], receipt_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The receipt with this UUID, if here (a re-import finds it by it).
    pub fn receipt_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM receipt WHERE uuid = ?1")?
            .query_row(params![uuid], |r| r.get(0))
            .optional()?)
    }

    /// Receipts for a listing, newest first, after the receipt `after`.
    pub fn receipts_page(&self, order: super::PageOrder, after: Option<i64>, limit: usize) -> Result<Vec<ReceiptRow>> {
        let (keyset, first) = order.clause("r.id", after);
        let sql = format!(
            "SELECT {RECEIPT_COLUMNS} FROM receipt r JOIN contract c ON c.id = r.contract_id
               JOIN account a ON a.id = c.account_id LEFT JOIN instalment i ON i.id = r.instalment_id
              WHERE {keyset}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![after.unwrap_or(first), limit as i64], receipt_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn receipt(&self, id: i64) -> Result<Option<ReceiptRow>> {
        let sql = format!(
            "SELECT {RECEIPT_COLUMNS} FROM receipt r JOIN contract c ON c.id = r.contract_id
               JOIN account a ON a.id = c.account_id LEFT JOIN instalment i ON i.id = r.instalment_id
              WHERE r.id = ?1"
        );
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![id], receipt_row).optional()?)
    }
}
