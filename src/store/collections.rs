//! The payment-collection progress (回款进度表) as of a day: every
//! instalment of the contracts with money outstanding on it, found from
//! the index of open instalments (and those settled after the day), so
//! ten years of paid contracts are never read.

use chrono::NaiveDate;
use rusqlite::params;

use super::contracts::{INSTALMENT_COLUMNS, instalment_row};
use super::{InstalmentRow, Result, Store, day_text};
use crate::domain::Money;

/// An instalment line of the progress table, with its contract's amount.
#[derive(Debug, Clone, PartialEq)]
pub struct CollectionLine {
    pub row: InstalmentRow,
    pub contract_amount: Money,
}

/// Money owed on a day by one instalment: its account, how many days
/// late (0 or less: not yet due) and how much.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Owed {
    pub account_id: i64,
    pub days_late: i64,
    pub amount: Money,
}

impl Store {
    /// Every instalment with money owed on `as_of` (of contracts in force),
    /// read from the index of open ones and of those settled after the day:
    /// the aging and the overdue money without listing a line.
    pub fn owed_on(&self, as_of: NaiveDate) -> Result<Vec<Owed>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.account_id, CAST(julianday(?1) - julianday(o.due_on) AS INTEGER),
                    o.amount_cents - coalesce((SELECT sum(r.amount_cents) FROM receipt r INDEXED BY receipt_by_instalment
                                                WHERE r.instalment_id = o.id AND r.received_on <= ?1), 0)
               FROM (SELECT id, contract_id, due_on, amount_cents FROM instalment INDEXED BY instalment_open_by_contract
                      WHERE settled_on IS NULL AND void = 0
                     UNION ALL
                     SELECT id, contract_id, due_on, amount_cents FROM instalment INDEXED BY instalment_by_settled
                      WHERE settled_on > ?1 AND void = 0) o
               JOIN contract c ON c.id = o.contract_id
              WHERE c.status NOT IN ('void', 'draft')",
        )?;
        let rows = stmt.query_map(params![day_text(as_of)], |r| {
            Ok(Owed { account_id: r.get(0)?, days_late: r.get(1)?, amount: Money(r.get::<_, i64>(2)?.max(0)) })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let owed = row?;
            if owed.amount > Money::ZERO {
                out.push(owed);
            }
        }
        Ok(out)
    }

    /// Account names by id (for the few a report names).
    pub fn account_names(&self, ids: &[i64]) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached("SELECT name FROM account WHERE id = ?1")?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.push(stmt.query_row(params![id], |r| r.get(0)).unwrap_or_default());
        }
        Ok(out)
    }

    /// The instalments (not void) of contracts in force with money
    /// outstanding on `as_of`, by account, contract and seq.
    pub fn collection_lines(&self, as_of: NaiveDate) -> Result<Vec<CollectionLine>> {
        let sql = format!(
            "WITH owing AS (
                 SELECT contract_id FROM instalment INDEXED BY instalment_open_by_contract
                  WHERE settled_on IS NULL AND void = 0
                 UNION
                 SELECT contract_id FROM instalment INDEXED BY instalment_by_settled WHERE settled_on > ?1 AND void = 0)
             SELECT {INSTALMENT_COLUMNS}, c.amount_cents
               FROM owing o JOIN contract c ON c.id = o.contract_id
               JOIN account a ON a.id = c.account_id
               JOIN instalment i INDEXED BY instalment_by_contract ON i.contract_id = c.id
              WHERE c.status NOT IN ('void', 'draft') AND i.void = 0
              ORDER BY a.sort_name, a.id, c.id, i.seq, i.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![day_text(as_of)], |r| {
                Ok(CollectionLine { row: instalment_row(r, as_of)?, contract_amount: r.get(21)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
