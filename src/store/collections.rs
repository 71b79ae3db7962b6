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

impl Store {
    /// The instalments (not void) of contracts in force with money
    /// outstanding on `as_of`, by account, contract and seq.
    pub fn collection_lines(&self, as_of: NaiveDate) -> Result<Vec<CollectionLine>> {
        let sql = format!(
            "WITH owing AS (
                 SELECT contract_id FROM instalment WHERE settled_on IS NULL AND void = 0 AND due_on <= '9999'
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
