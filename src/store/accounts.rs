//! Accounts: the key accounts themselves, their table page and type-ahead.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

use super::{Batch, RecordMeta, Result, Seek, Store, StoreError, day_text};
pub use crate::domain::account::NewAccount;
use crate::domain::search::{
    NameKeys, StoredNames, fold_name, fts_exact_query, fts_query, match_rank, search_text, sort_name,
};
use crate::domain::{AccountStatus, Money, Tier};

/// One stored account, every field.
#[derive(Debug, Clone, PartialEq)]
pub struct Account {
    pub id: i64,
    pub uuid: String,
    pub fields: NewAccount,
    pub created_at: String,
    pub updated_at: String,
}

/// The accounts table orders by sort name (pinyin for Chinese), then id:
/// the key of a row in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountKey {
    pub sort_name: String,
    pub id: i64,
}

/// Which accounts the table shows: by tier, segment and status.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AccountFilter {
    pub tier: Option<Tier>,
    pub segment: Option<String>,
    pub status: Option<AccountStatus>,
}

impl AccountFilter {
    pub fn is_empty(&self) -> bool {
        self.tier.is_none() && self.segment.is_none() && self.status.is_none()
    }
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
    pub sort_name: String,
    /// What says the account is at risk (`domain::care`).
    pub risk: crate::domain::care::RiskSignals,
    /// The earliest response deadline of its open complaints.
    pub respond_by: Option<NaiveDate>,
}

impl AccountRow {
    pub fn key(&self) -> AccountKey {
        AccountKey { sort_name: self.sort_name.clone(), id: self.id }
    }
}

/// An account offered while typing a name.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSuggestion {
    pub id: i64,
    pub name: String,
}

/// The accounts table's row: the account's numbers and, from
/// `care::RISK_COLUMNS`, what says it is at risk or owes an answer. The
/// next visit is the first of the plan still to do after the last visit
/// made (past the planned year, or with no plan, the one its cadence
/// gives).
const SELECT_ROWS_HEAD: &str = "SELECT a.id, a.name, a.short_name, a.segment, a.tier, a.status,
    (SELECT coalesce(sum(o.amount_cents), 0) FROM opportunity o WHERE o.account_id = a.id AND o.outcome = 'open'),
    (SELECT max(t.occurred_on) FROM activity t WHERE t.account_id = a.id),
    coalesce((SELECT min(p.planned_on) FROM planned_visit p INDEXED BY planned_visit_by_account
               WHERE p.account_id = a.id AND p.activity_id IS NULL AND p.skip_reason = ''
                 AND p.planned_on > coalesce((SELECT max(t.occurred_on) FROM activity t INDEXED BY activity_visit_by_account
                                               WHERE t.account_id = a.id AND t.channel = 'visit'), '')),
             (SELECT v.next_due_on FROM visit_plan v WHERE v.account_id = a.id)),
    a.sort_name, ";

static SELECT_ROWS_TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();

fn select_rows() -> &'static str {
    SELECT_ROWS_TEXT.get_or_init(|| format!("{SELECT_ROWS_HEAD}{} FROM account a", super::care::RISK_COLUMNS))
}

fn account_of(r: &Row<'_>) -> rusqlite::Result<Account> {
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
            no_known_competitor: r.get(16)?,
        },
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
    })
}

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
        sort_name: r.get(9)?,
        risk: super::care::risk_signals_at(r, 10)?,
        respond_by: r.get(14)?,
    })
}

impl Store {
    /// A page of the accounts table in name order (pinyin for Chinese), at
    /// most `limit` rows, always returned in display order.
    pub fn accounts_page(&self, seek: &Seek<AccountKey>, limit: usize) -> Result<Vec<AccountRow>> {
        self.accounts_page_where(&AccountFilter::default(), seek, limit)
    }

    /// The same, only the accounts `filter` lets through.
    pub fn accounts_page_where(
        &self,
        filter: &AccountFilter,
        seek: &Seek<AccountKey>,
        limit: usize,
    ) -> Result<Vec<AccountRow>> {
        let (sql_tail, reverse) = match seek {
            Seek::First => ("ORDER BY a.sort_name, a.id LIMIT ?1", false),
            Seek::Last => ("ORDER BY a.sort_name DESC, a.id DESC LIMIT ?1", true),
            Seek::After(_) => ("AND (a.sort_name, a.id) > (?2, ?3) ORDER BY a.sort_name, a.id LIMIT ?1", false),
            Seek::From(_) => ("AND (a.sort_name, a.id) >= (?2, ?3) ORDER BY a.sort_name, a.id LIMIT ?1", false),
            Seek::Before(_) => {
                ("AND (a.sort_name, a.id) < (?2, ?3) ORDER BY a.sort_name DESC, a.id DESC LIMIT ?1", true)
            }
        };
        let sql = [select_rows(), " ", FILTERED, " ", sql_tail].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let (key, id) = match seek {
            Seek::After(k) | Seek::From(k) | Seek::Before(k) => (Some(k.sort_name.as_str()), Some(k.id)),
            Seek::First | Seek::Last => (None, None),
        };
        let mut rows: Vec<AccountRow> = stmt
            .query_map(params![limit as i64, key, id, filter.tier, filter.segment, filter.status], account_row)?
            .collect::<rusqlite::Result<_>>()?;
        if reverse {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Of `ids` (a search's results, best first), those `filter` lets
    /// through, in the same order.
    pub fn accounts_matching(&self, ids: &[i64], filter: &AccountFilter) -> Result<Vec<i64>> {
        if filter.is_empty() {
            return Ok(ids.to_vec());
        }
        let list = serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_string());
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id FROM account a WHERE a.id IN (SELECT value FROM json_each(?1))
                AND (?2 IS NULL OR a.tier = ?2) AND (?3 IS NULL OR a.segment = ?3) AND (?4 IS NULL OR a.status = ?4)",
        )?;
        let kept: std::collections::HashSet<i64> = stmt
            .query_map(params![list, filter.tier, filter.segment, filter.status], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids.iter().copied().filter(|id| kept.contains(id)).collect())
    }

    /// Where an account sits in the table.
    pub fn account_key(&self, id: i64) -> Result<Option<AccountKey>> {
        let mut stmt = self.conn.prepare_cached("SELECT sort_name FROM account WHERE id = ?1")?;
        Ok(stmt.query_row(params![id], |r| r.get(0)).optional()?.map(|sort_name| AccountKey { sort_name, id }))
    }

    pub fn account(&self, id: i64) -> Result<Option<Account>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, name, short_name, segment, tier, tier_pinned, region, address, status,
                    credit_rating, annual_purchase_cents, info_sources, notes, created_at, updated_at,
                    no_known_competitor
               FROM account WHERE id = ?1",
        )?;
        Ok(stmt.query_row(params![id], account_of).optional()?)
    }

    /// Accounts for the account field's type-ahead: the same search as the
    /// filter (name, short name, pinyin), best first.
    pub fn suggest_accounts(&self, typed: &str, limit: usize) -> Result<Vec<AccountSuggestion>> {
        let ids = self.search_accounts(typed, limit)?;
        let mut stmt = self.conn.prepare_cached("SELECT name FROM account WHERE id = ?1")?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(name) = stmt.query_row(params![id], |r| r.get(0)).optional()? {
                out.push(AccountSuggestion { id, name });
            }
        }
        Ok(out)
    }

    /// The account with this uuid, if this file has it.
    pub fn account_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM account WHERE uuid = ?1")?;
        Ok(stmt.query_row(params![uuid], |r| r.get(0)).optional()?)
    }

    /// Calls `each` with every account in id order, one at a time: exports
    /// stream instead of loading the table.
    pub fn each_account<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(&Account) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, uuid, name, short_name, segment, tier, tier_pinned, region, address, status,
                    credit_rating, annual_purchase_cents, info_sources, notes, created_at, updated_at,
                    no_known_competitor
               FROM account ORDER BY id",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            each(&account_of(r).map_err(StoreError::from)?)?;
        }
        Ok(())
    }

    /// The account with exactly this name (the lowest id when two share it).
    pub fn account_named(&self, name: &str) -> Result<Option<AccountSuggestion>> {
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM account WHERE name = ?1 ORDER BY id LIMIT 1")?;
        Ok(stmt
            .query_row(params![name.trim()], |r| Ok(AccountSuggestion { id: r.get(0)?, name: r.get(1)? }))
            .optional()?)
    }

    /// Accounts whose name is the same as `name` once case and full-width
    /// forms are folded: likely duplicates, flagged for the user to decide.
    pub fn likely_duplicates(&self, name: &str, except: Option<i64>) -> Result<Vec<AccountSuggestion>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM account WHERE name_folded = ?1 AND id IS NOT ?2 ORDER BY id LIMIT 10",
        )?;
        let rows = stmt
            .query_map(params![fold_name(name), except], |r| Ok(AccountSuggestion { id: r.get(0)?, name: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The accounts matching what the user typed — name, short name, pinyin
    /// initials, full pinyin, polyphonic readings included — best first, at
    /// most `limit` ids. Candidates come from the full-text index; only
    /// they are ranked.
    pub fn search_accounts(&self, typed: &str, limit: usize) -> Result<Vec<i64>> {
        let (Some(exact), Some(query)) = (fts_exact_query(typed), fts_query(typed)) else { return Ok(Vec::new()) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.name, a.short_name, a.search_initials, a.search_pinyin
               FROM account_fts f JOIN account a ON a.id = f.rowid
              WHERE account_fts MATCH ?1 LIMIT ?2",
        )?;
        let mut found: Vec<(u8, usize, String, i64)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        // Prefix matches; when there are more than are ranked, the whole-
        // token matches too, so a name's exact initials are ranked even when
        // thousands of names merely start with them.
        for (pass, q) in [query, exact].into_iter().enumerate() {
            if pass == 1 && (found.len() as i64) < SEARCH_CANDIDATES {
                break;
            }
            let mut rows = stmt.query(params![q, SEARCH_CANDIDATES])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get(0)?;
                if !seen.insert(id) {
                    continue;
                }
                let text = |i: usize| -> rusqlite::Result<&str> { Ok(r.get_ref(i)?.as_str()?) };
                let name = text(1)?;
                let names = StoredNames { name, short_name: text(2)?, initials: text(3)?, pinyin: text(4)? };
                found.push((match_rank(typed, &names), name.chars().count(), name.to_string(), id));
            }
        }
        if found.is_empty() {
            self.fuzzy_candidates(typed, &mut found)?;
        }
        found.sort();
        Ok(found.into_iter().take(limit).map(|(_, _, _, id)| id).collect())
    }

    /// No exact hit: take names holding the typed letters or characters in
    /// order with gaps ("中铁建" finds 中国铁路建设, "zgljs" with a letter
    /// missing still finds it). A scan, so only when nothing else matched;
    /// it stops at FUZZY_CANDIDATES hits.
    fn fuzzy_candidates(&self, typed: &str, found: &mut Vec<(u8, usize, String, i64)>) -> Result<()> {
        let Some(pattern) = fuzzy_pattern(typed) else { return Ok(()) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, name FROM account
              WHERE name_folded GLOB ?1 OR search_initials GLOB ?1
              LIMIT ?2",
        )?;
        let mut rows = stmt.query(params![pattern, FUZZY_CANDIDATES])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if found.iter().any(|f| f.3 == id) {
                continue;
            }
            let name: String = r.get(1)?;
            found.push((5, name.chars().count(), name, id));
        }
        Ok(())
    }

    /// The table rows of the given accounts, in the given order.
    pub fn account_rows(&self, ids: &[i64]) -> Result<Vec<AccountRow>> {
        let sql = [select_rows(), " WHERE a.id = ?1"].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(row) = stmt.query_row(params![id], account_row).optional()? {
                rows.push(row);
            }
        }
        Ok(rows)
    }
}

/// The table's filter, bound as ?4 (tier), ?5 (segment), ?6 (status).
const FILTERED: &str =
    "WHERE (?4 IS NULL OR a.tier = ?4) AND (?5 IS NULL OR a.segment = ?5) AND (?6 IS NULL OR a.status = ?6)";

/// How many full-text matches are ranked for one search: enough for any
/// real query, few enough to rank within a keystroke. Each is a row read
/// from the accounts table (at scale L, on its own page); a query matching
/// more (every 深圳 company) ranks the whole-token matches too, so its
/// exact name, initials and pinyin are never left out (`search_accounts`).
const SEARCH_CANDIDATES: i64 = 300;

/// The fuzzy pass stops after this many hits.
const FUZZY_CANDIDATES: i64 = 50;

/// `*z*g*t*l*` for "zgtl": a GLOB matching those characters in order. Only
/// letters, digits and Chinese characters reach it, so no GLOB syntax can.
fn fuzzy_pattern(typed: &str) -> Option<String> {
    let chars: Vec<char> = crate::domain::search::tokens(typed).concat().chars().collect();
    if chars.len() < 2 {
        return None;
    }
    let mut pattern = String::from("*");
    for c in chars {
        pattern.push(c);
        pattern.push('*');
    }
    Some(pattern)
}

impl Batch<'_> {
    /// Deletes an account with everything that belongs to it (contacts,
    /// opportunities, activities, its visit plan).
    pub fn delete_account(&self, id: i64) -> Result<()> {
        let changed = self.tx.prepare_cached("DELETE FROM account WHERE id = ?1")?.execute(params![id])?;
        if changed == 0 { Err(StoreError::NotFound("account")) } else { Ok(()) }
    }

    pub fn update_account(&self, id: i64, a: &NewAccount) -> Result<()> {
        let search = search_text(&a.name, &a.short_name);
        let changed = self
            .tx
            .prepare_cached(
                "UPDATE account SET name = ?2, short_name = ?3, segment = ?4, tier = ?5, tier_pinned = ?6, region = ?7,
                        address = ?8, status = ?9, credit_rating = ?10, annual_purchase_cents = ?11, info_sources = ?12,
                        notes = ?13, updated_at = ?14, name_folded = ?15, search_chars = ?16, search_initials = ?17,
                        search_pinyin = ?18, no_known_competitor = ?19, sort_name = ?20
                  WHERE id = ?1",
            )?
            .execute(params![
                id,
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
                RecordMeta::now().at_text(),
                fold_name(&a.name),
                search.chars,
                search.initials,
                search.pinyin,
                a.no_known_competitor,
                sort_name(&a.name)
            ])?;
        if changed == 0 {
            return Err(StoreError::NotFound("account"));
        }
        // A new tier brings its cadence; the next visit follows from it.
        self.tx
            .prepare_cached(
                "UPDATE visit_plan SET cadence_days = ?2,
                        next_due_on = date(coalesce(last_visit_on, planned_from), '+' || ?2 || ' days')
                  WHERE account_id = ?1 AND cadence_days <> ?2",
            )?
            .execute(params![id, self.cadence(a.tier)])?;
        Ok(())
    }

    /// Inserts an account and plans its visits from `planned_from` at the
    /// tier's default cadence.
    /// Gives an account the time it was last changed elsewhere (an import
    /// of kam's own export), so a round trip keeps it.
    pub fn set_account_updated_at(&self, id: i64, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        let mut stmt = self.tx.prepare_cached("UPDATE account SET updated_at = ?2 WHERE id = ?1")?;
        stmt.execute(params![id, super::timestamp_text(at)])?;
        Ok(())
    }

    pub fn insert_account(&self, a: &NewAccount, meta: &RecordMeta, planned_from: NaiveDate) -> Result<i64> {
        self.insert_account_keyed(a, &NameKeys::of(&a.name, &a.short_name), meta, planned_from)
    }

    /// `insert_account` with the name keys already worked out.
    pub fn insert_account_keyed(
        &self,
        a: &NewAccount,
        keys: &NameKeys,
        meta: &RecordMeta,
        planned_from: NaiveDate,
    ) -> Result<i64> {
        crate::progress::step();
        let at = meta.at_text();
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO account (uuid, name, short_name, segment, tier, tier_pinned, region, address, status,
                                  credit_rating, annual_purchase_cents, info_sources, notes, created_at, updated_at,
                                  name_folded, search_chars, search_initials, search_pinyin, no_known_competitor,
                                  sort_name)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
        )?;
        let search = &keys.search;
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
            at,
            keys.folded,
            search.chars,
            search.initials,
            search.pinyin,
            a.no_known_competitor,
            keys.sort
        ])?;
        let id = self.tx.last_insert_rowid();
        let cadence = self.cadence(a.tier);
        let mut plan = self.tx.prepare_cached(
            "INSERT INTO visit_plan (account_id, cadence_days, planned_from, next_due_on)
             VALUES (?1, ?2, ?3, date(?3, '+' || ?2 || ' days'))",
        )?;
        plan.execute(params![id, cadence, day_text(planned_from)])?;
        Ok(id)
    }
}
