//! Accounts: the key accounts themselves, their table page and type-ahead.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{Batch, RecordMeta, Result, Seek, Store, day_text};
use crate::domain::{AccountStatus, Money, Tier};

/// What a new account is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAccount {
    pub name: String,
    pub short_name: String,
    pub segment: String,
    pub tier: Tier,
    pub tier_pinned: bool,
    pub region: String,
    pub address: String,
    pub status: AccountStatus,
    pub credit_rating: String,
    pub annual_purchase: Money,
    pub info_sources: String,
    pub notes: String,
}

impl NewAccount {
    /// A prospect with just a name: the rest is filled in later.
    pub fn named(name: &str) -> NewAccount {
        NewAccount {
            name: name.to_string(),
            short_name: String::new(),
            segment: String::new(),
            tier: Tier::C,
            tier_pinned: false,
            region: String::new(),
            address: String::new(),
            status: AccountStatus::Prospect,
            credit_rating: String::new(),
            annual_purchase: Money::ZERO,
            info_sources: String::new(),
            notes: String::new(),
        }
    }
}

/// One stored account, every field.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: i64,
    pub uuid: String,
    pub fields: NewAccount,
    pub created_at: String,
    pub updated_at: String,
}

/// The accounts table orders by name, then id: the key of a row in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountKey {
    pub name: String,
    pub id: i64,
}

/// A line of the accounts table.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub short_name: String,
    pub segment: String,
    pub tier: Tier,
    pub status: AccountStatus,
    /// Sum of the expected amounts of open opportunities.
    pub open_pipeline: Money,
    pub last_activity_on: Option<NaiveDate>,
    pub next_visit_due_on: Option<NaiveDate>,
}

impl AccountRow {
    pub fn key(&self) -> AccountKey {
        AccountKey { name: self.name.clone(), id: self.id }
    }
}

/// An account offered while typing a name.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSuggestion {
    pub id: i64,
    pub name: String,
}

const SELECT_ROWS: &str = "SELECT a.id, a.name, a.short_name, a.segment, a.tier, a.status,
    (SELECT coalesce(sum(o.amount_cents), 0) FROM opportunity o WHERE o.account_id = a.id AND o.outcome = 'open'),
    (SELECT max(t.occurred_on) FROM activity t WHERE t.account_id = a.id),
    (SELECT v.next_due_on FROM visit_plan v WHERE v.account_id = a.id)
    FROM account a";

fn account_row(r: &Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        id: r.get(0)?,
        name: r.get(1)?,
        short_name: r.get(2)?,
        segment: r.get(3)?,
        tier: r.get(4)?,
        status: r.get(5)?,
        open_pipeline: r.get(6)?,
        last_activity_on: r.get(7)?,
        next_visit_due_on: r.get(8)?,
    })
}

impl Store {
    /// A page of the accounts table in name order, at most `limit` rows,
    /// always returned in display order.
    pub fn accounts_page(&self, seek: &Seek<AccountKey>, limit: usize) -> Result<Vec<AccountRow>> {
        let limit = limit as i64;
        let (sql_tail, reverse) = match seek {
            Seek::First => ("ORDER BY a.name, a.id LIMIT ?1", false),
            Seek::Last => ("ORDER BY a.name DESC, a.id DESC LIMIT ?1", true),
            Seek::After(_) => ("WHERE (a.name, a.id) > (?2, ?3) ORDER BY a.name, a.id LIMIT ?1", false),
            Seek::From(_) => ("WHERE (a.name, a.id) >= (?2, ?3) ORDER BY a.name, a.id LIMIT ?1", false),
            Seek::Before(_) => ("WHERE (a.name, a.id) < (?2, ?3) ORDER BY a.name DESC, a.id DESC LIMIT ?1", true),
        };
        let sql = [SELECT_ROWS, " ", sql_tail].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<AccountRow> = match seek {
            Seek::First | Seek::Last => {
                stmt.query_map(params![limit], account_row)?.collect::<rusqlite::Result<_>>()?
            }
            Seek::After(k) | Seek::From(k) | Seek::Before(k) => {
                stmt.query_map(params![limit, k.name, k.id], account_row)?.collect::<rusqlite::Result<_>>()?
            }
        };
        if reverse {
            rows.reverse();
        }
        Ok(rows)
    }

    pub fn account(&self, id: i64) -> Result<Option<Account>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, name, short_name, segment, tier, tier_pinned, region, address, status,
                    credit_rating, annual_purchase_cents, info_sources, notes, created_at, updated_at
               FROM account WHERE id = ?1",
        )?;
        let account = stmt
            .query_row(params![id], |r| {
                Ok(Account {
                    id: r.get(0)?,
                    uuid: r.get(1)?,
                    fields: NewAccount {
                        name: r.get(2)?,
                        short_name: r.get(3)?,
                        segment: r.get(4)?,
                        tier: r.get(5)?,
                        tier_pinned: r.get(6)?,
                        region: r.get(7)?,
                        address: r.get(8)?,
                        status: r.get(9)?,
                        credit_rating: r.get(10)?,
                        annual_purchase: r.get(11)?,
                        info_sources: r.get(12)?,
                        notes: r.get(13)?,
                    },
                    created_at: r.get(14)?,
                    updated_at: r.get(15)?,
                })
            })
            .optional()?;
        Ok(account)
    }

    /// Accounts whose name or short name contains `typed`, names starting
    /// with it first; for the account field's type-ahead.
    pub fn suggest_accounts(&self, typed: &str, limit: usize) -> Result<Vec<AccountSuggestion>> {
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(Vec::new());
        }
        let pattern = format!("%{}%", escape_like(typed));
        let prefix = format!("{}%", escape_like(typed));
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM account
              WHERE name LIKE ?1 ESCAPE '\\' OR short_name LIKE ?1 ESCAPE '\\'
              ORDER BY (name LIKE ?2 ESCAPE '\\') DESC, length(name), name, id
              LIMIT ?3",
        )?;
        let rows = stmt
            .query_map(params![pattern, prefix, limit as i64], |r| {
                Ok(AccountSuggestion { id: r.get(0)?, name: r.get(1)? })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The account with exactly this name (the lowest id when two share it).
    pub fn account_named(&self, name: &str) -> Result<Option<AccountSuggestion>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM account WHERE name = ?1 ORDER BY id LIMIT 1")?;
        Ok(stmt
            .query_row(params![name.trim()], |r| Ok(AccountSuggestion { id: r.get(0)?, name: r.get(1)? }))
            .optional()?)
    }

    /// Adds one account (and its visit plan) as one transaction.
    pub fn add_account(&mut self, account: &NewAccount, today: NaiveDate) -> Result<i64> {
        self.batch(|b| b.insert_account(account, &RecordMeta::now(), today))
    }
}

fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Batch<'_> {
    /// Inserts an account and plans its visits from `planned_from` at the
    /// tier's default cadence.
    pub fn insert_account(&self, a: &NewAccount, meta: &RecordMeta, planned_from: NaiveDate) -> Result<i64> {
        let at = meta.at_text();
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO account (uuid, name, short_name, segment, tier, tier_pinned, region, address, status,
                                  credit_rating, annual_purchase_cents, info_sources, notes, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
        )?;
        stmt.execute(params![
            meta.uuid.to_string(),
            a.name,
            a.short_name,
            a.segment,
            a.tier,
            a.tier_pinned,
            a.region,
            a.address,
            a.status,
            a.credit_rating,
            a.annual_purchase,
            a.info_sources,
            a.notes,
            at
        ])?;
        let id = self.tx.last_insert_rowid();
        let cadence = a.tier.default_cadence_days();
        let mut plan = self.tx.prepare_cached(
            "INSERT INTO visit_plan (account_id, cadence_days, planned_from, next_due_on)
             VALUES (?1, ?2, ?3, date(?3, '+' || ?2 || ' days'))",
        )?;
        plan.execute(params![id, cadence, day_text(planned_from)])?;
        Ok(id)
    }
}
