//! Opportunities on the six-stage board: columns paged by amount, column
//! totals from the trigger-kept summary table, and stage moves with history.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::{Batch, RecordMeta, Result, Seek, Store, StoreError, parse_timestamp, timestamp_text};
use crate::domain::{Money, Outcome, Stage};

#[derive(Debug, Clone, PartialEq)]
pub struct NewOpportunity {
    pub account_id: i64,
    pub title: String,
    pub stage: Stage,
    pub outcome: Outcome,
    pub amount: Money,
    /// Percent; `None` takes the stage's default.
    pub probability: Option<u8>,
    pub expected_close_on: Option<NaiveDate>,
    pub lost_reason: String,
}

/// One opportunity as listed on an account.
#[derive(Debug, Clone, PartialEq)]
pub struct OpportunityRow {
    pub id: i64,
    pub uuid: String,
    pub account_id: i64,
    pub title: String,
    pub stage: Stage,
    pub outcome: Outcome,
    pub amount: Money,
    pub probability: u8,
    pub expected_close_on: Option<NaiveDate>,
    pub lost_reason: String,
    pub stage_entered_at: DateTime<Utc>,
}

/// What a dump of a deal carries beyond its row: the day it closed, who
/// won it from us, the id another system gave it, and its timestamps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DealExtras {
    pub closed_on: Option<NaiveDate>,
    pub lost_to: String,
    pub external_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

fn deal_extras(r: &Row<'_>, from: usize) -> rusqlite::Result<DealExtras> {
    Ok(DealExtras {
        closed_on: r.get(from)?,
        lost_to: r.get(from + 1)?,
        external_id: r.get(from + 2)?,
        created_at: r.get(from + 3)?,
        updated_at: r.get(from + 4)?,
    })
}

/// A board column orders by amount (largest first), then id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardKey {
    pub amount: Money,
    pub id: i64,
}

/// A card on the board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardCard {
    pub id: i64,
    pub account_id: i64,
    pub account_name: String,
    pub account_short_name: String,
    pub title: String,
    pub stage: Stage,
    pub outcome: Outcome,
    pub amount: Money,
    pub probability: u8,
    pub stage_entered_at: DateTime<Utc>,
    /// The account's latest activity: a deal with none for long is stale.
    pub last_activity_on: Option<NaiveDate>,
    /// The card came into its stage by a forced move (checklist unmet).
    pub forced: bool,
    /// After the win: its contracts (void ones left out), what they still
    /// owe, and the due date of the oldest instalment still owed.
    pub contracts: i64,
    pub owed: Money,
    pub oldest_owed_due: Option<NaiveDate>,
}

impl BoardCard {
    pub fn key(&self) -> BoardKey {
        BoardKey { amount: self.amount, id: self.id }
    }

    pub fn days_in_stage(&self, today: NaiveDate) -> i64 {
        (today - self.stage_entered_at.date_naive()).num_days().max(0)
    }
}

/// A column head: how many deals, how much, and how much weighted by
/// probability.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ColumnTotal {
    pub deal_count: i64,
    pub amount: Money,
    pub weighted: Money,
}

/// One move in an opportunity's stage history.
#[derive(Debug, Clone, PartialEq)]
pub struct StageMove {
    pub from: Option<Stage>,
    pub to: Stage,
    pub moved_at: DateTime<Utc>,
    /// Checklist items unmet when the move was forced (codes).
    pub unmet: Vec<String>,
    /// `won`, `lost` or `reopened` when the move was an outcome.
    pub outcome: Option<String>,
}

/// How a move came about.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Move {
    /// Checklist items unmet: the move is forced.
    pub unmet: Vec<&'static str>,
    pub outcome: Option<&'static str>,
}

/// Column heads from rows of (stage, count, amount, amount x probability).
fn column_totals(rows: impl Iterator<Item = rusqlite::Result<(i64, i64, i64, i64)>>) -> Result<[ColumnTotal; 6]> {
    let mut totals = [ColumnTotal::default(); 6];
    for row in rows {
        let (stage, count, amount, weighted) = row?;
        if let Some(slot) = usize::try_from(stage - 1).ok().and_then(|i| totals.get_mut(i)) {
            *slot = ColumnTotal { deal_count: count, amount: Money(amount), weighted: Money(weighted / 100) };
        }
    }
    Ok(totals)
}

pub(super) fn stage_of(r: &Row<'_>, index: usize) -> rusqlite::Result<Stage> {
    let n: i64 = r.get(index)?;
    Stage::from_number(n).ok_or(rusqlite::Error::IntegralValueOutOfRange(index, n))
}

pub(super) fn timestamp_of(r: &Row<'_>, index: usize) -> rusqlite::Result<DateTime<Utc>> {
    let text: String = r.get(index)?;
    parse_timestamp(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            index,
            rusqlite::types::Type::Text,
            format!("bad timestamp {text:?}").into(),
        )
    })
}

fn board_card(r: &Row<'_>) -> rusqlite::Result<BoardCard> {
    Ok(BoardCard {
        id: r.get(0)?,
        account_name: r.get(1)?,
        title: r.get(2)?,
        stage: stage_of(r, 3)?,
        outcome: r.get(4)?,
        amount: r.get(5)?,
        probability: r.get(6)?,
        stage_entered_at: timestamp_of(r, 7)?,
        account_id: r.get(8)?,
        last_activity_on: r.get(9)?,
        forced: r.get::<_, Option<bool>>(10)?.unwrap_or(false),
        account_short_name: r.get(11)?,
        contracts: r.get(12)?,
        owed: r.get(13)?,
        oldest_owed_due: r.get(14)?,
    })
}

const SELECT_CARDS: &str =
    "SELECT o.id, a.name, o.title, o.stage, o.outcome, o.amount_cents, o.probability, o.stage_entered_at,
           o.account_id,
           (SELECT max(t.occurred_on) FROM activity t WHERE t.account_id = o.account_id),
           (SELECT m.forced FROM stage_move m WHERE m.opportunity_id = o.id ORDER BY m.moved_at DESC, m.id DESC LIMIT 1),
           a.short_name,
           (SELECT count(*) FROM contract c WHERE c.opportunity_id = o.id AND c.status <> 'void'),
           coalesce((SELECT sum(c.amount_cents) FROM contract c WHERE c.opportunity_id = o.id AND c.status <> 'void'), 0)
             - coalesce((SELECT sum(r.amount_cents) FROM contract c JOIN receipt r ON r.contract_id = c.id
                          WHERE c.opportunity_id = o.id AND c.status <> 'void'), 0),
           (SELECT min(i.due_on) FROM contract c JOIN instalment i ON i.contract_id = c.id
             WHERE c.opportunity_id = o.id AND c.status NOT IN ('draft', 'void') AND i.void = 0
               AND i.settled_on IS NULL)
      FROM opportunity o JOIN account a ON a.id = o.account_id
     WHERE o.stage = ?1 AND o.outcome <> 'lost'
       AND (?5 IS NULL OR a.segment = ?5) AND (?6 IS NULL OR a.tier = ?6)
       AND (?7 IS NULL OR o.account_id IN (SELECT value FROM json_each(?7)))
       AND NOT (o.stage = 6 AND coalesce(o.paid_up_on < ?8, 0) AND NOT EXISTS (SELECT 1 FROM complaint k
                 WHERE k.account_id = o.account_id AND k.status IN ('new', 'in_progress', 'waiting')))";

/// Won deals that have left the Maintain column (SPEC §3): paid up before
/// the cut-off day (`?1`), with no open complaint on their account. Under a
/// filter (`?2`..`?4`, as in the board's own query) each deal's account is
/// read; the whole board needs only the index.
const ARCHIVED_WHERE: &str =
    "SELECT count(*), coalesce(sum(o.amount_cents), 0), coalesce(sum(o.amount_cents * o.probability), 0)
      FROM opportunity o INDEXED BY opportunity_paid_up JOIN account a ON a.id = o.account_id
     WHERE o.paid_up_on < ?1 AND o.stage = 6 AND o.outcome <> 'lost'
       AND NOT EXISTS (SELECT 1 FROM complaint k
                        WHERE k.account_id = o.account_id AND k.status IN ('new', 'in_progress', 'waiting'))
       AND (?2 IS NULL OR a.segment = ?2) AND (?3 IS NULL OR a.tier = ?3)
       AND (?4 IS NULL OR o.account_id IN (SELECT value FROM json_each(?4)))";

/// The same over the whole board, fast: every paid-up deal from the
/// covering index, less those of the few accounts with an open complaint
/// (checking each deal for a complaint took three times as long at L).
const ARCHIVED_ALL: &str =
    "SELECT count(*), coalesce(sum(o.amount_cents), 0), coalesce(sum(o.amount_cents * o.probability), 0)
      FROM opportunity o INDEXED BY opportunity_paid_up
     WHERE o.paid_up_on < ?1 AND o.stage = 6 AND o.outcome <> 'lost'
    UNION ALL
    SELECT -count(*), -coalesce(sum(o.amount_cents), 0), -coalesce(sum(o.amount_cents * o.probability), 0)
      FROM (SELECT DISTINCT k.account_id FROM complaint k WHERE k.status IN ('new', 'in_progress', 'waiting')) c
     CROSS JOIN opportunity o INDEXED BY opportunity_by_account ON o.account_id = c.account_id
     WHERE o.paid_up_on < ?1 AND o.stage = 6 AND o.outcome <> 'lost'";

/// Which deals the board shows: by the account's segment, tier, and the
/// accounts a text filter found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardFilter {
    pub segment: Option<String>,
    pub tier: Option<crate::domain::Tier>,
    pub accounts: Option<Vec<i64>>,
    /// Won deals paid up before this day, with no open complaint, have
    /// archived out of the Maintain column (still in their account and in
    /// reports). `None` shows them all. Not a narrowing the rep chose, so
    /// `is_empty` leaves it out.
    pub archived_before: Option<NaiveDate>,
}

impl BoardFilter {
    /// The rep narrowed the board (segment, tier or text).
    pub fn is_empty(&self) -> bool {
        self.segment.is_none() && self.tier.is_none() && self.accounts.is_none()
    }

    pub(super) fn accounts_json(&self) -> Option<String> {
        self.accounts.as_ref().map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_string()))
    }
}

impl Store {
    /// The cards of one board column, largest amount first, paged by key.
    pub fn board_column(&self, stage: Stage, seek: &Seek<BoardKey>, limit: usize) -> Result<Vec<BoardCard>> {
        self.board_column_where(stage, seek, limit, &BoardFilter::default())
    }

    /// A column of the board as a filter narrows it.
    pub fn board_column_where(
        &self,
        stage: Stage,
        seek: &Seek<BoardKey>,
        limit: usize,
        filter: &BoardFilter,
    ) -> Result<Vec<BoardCard>> {
        let (tail, reverse) = match seek {
            Seek::First => ("ORDER BY o.amount_cents DESC, o.id DESC LIMIT ?2", false),
            Seek::Last => ("ORDER BY o.amount_cents, o.id LIMIT ?2", true),
            Seek::After(_) => {
                ("AND (o.amount_cents, o.id) < (?3, ?4) ORDER BY o.amount_cents DESC, o.id DESC LIMIT ?2", false)
            }
            Seek::From(_) => {
                ("AND (o.amount_cents, o.id) <= (?3, ?4) ORDER BY o.amount_cents DESC, o.id DESC LIMIT ?2", false)
            }
            Seek::Before(_) => ("AND (o.amount_cents, o.id) > (?3, ?4) ORDER BY o.amount_cents, o.id LIMIT ?2", true),
        };
        let sql = [SELECT_CARDS, " ", tail].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let stage = i64::from(stage.number());
        let (segment, tier, accounts) = (&filter.segment, filter.tier, filter.accounts_json());
        let (amount, id) = match seek {
            Seek::First | Seek::Last => (None, None),
            Seek::After(k) | Seek::From(k) | Seek::Before(k) => (Some(k.amount), Some(k.id)),
        };
        let mut cards: Vec<BoardCard> = stmt
            .query_map(
                params![stage, limit as i64, amount, id, segment, tier, accounts, filter.archived_before],
                board_card,
            )?
            .collect::<rusqlite::Result<_>>()?;
        if reverse {
            cards.reverse();
        }
        Ok(cards)
    }

    /// The six column heads for a filtered board: summed from the deals
    /// (the summary table holds the whole board only).
    pub fn board_totals_where(&self, filter: &BoardFilter) -> Result<[ColumnTotal; 6]> {
        self.board_totals_less(filter, self.board_archived(filter)?)
    }

    /// The column heads less the archived deals the caller already counted
    /// (they do not change when a card moves: an archived deal is not on
    /// the board to be moved).
    pub fn board_totals_less(&self, filter: &BoardFilter, archived: ColumnTotal) -> Result<[ColumnTotal; 6]> {
        let mut totals = if filter.is_empty() { self.board_totals()? } else { self.narrowed_totals(filter)? };
        let maintain = &mut totals[5];
        maintain.deal_count -= archived.deal_count;
        maintain.amount = Money(maintain.amount.cents() - archived.amount.cents());
        maintain.weighted = Money(maintain.weighted.cents() - archived.weighted.cents());
        Ok(totals)
    }

    /// The won deals that archived out of the Maintain column under a
    /// filter (none when it sets no cut-off day).
    pub fn board_archived(&self, filter: &BoardFilter) -> Result<ColumnTotal> {
        let Some(before) = filter.archived_before else { return Ok(ColumnTotal::default()) };
        let (mut count, mut amount, mut weighted) = (0, 0, 0);
        let mut add = |r: &Row<'_>| -> rusqlite::Result<()> {
            count += r.get::<_, i64>(0)?;
            amount += r.get::<_, i64>(1)?;
            weighted += r.get::<_, i64>(2)?;
            Ok(())
        };
        if filter.is_empty() {
            let mut stmt = self.conn.prepare_cached(ARCHIVED_ALL)?;
            let mut rows = stmt.query(params![before])?;
            while let Some(r) = rows.next()? {
                add(r)?;
            }
        } else {
            let mut stmt = self.conn.prepare_cached(ARCHIVED_WHERE)?;
            let mut rows = stmt.query(params![before, filter.segment, filter.tier, filter.accounts_json()])?;
            while let Some(r) = rows.next()? {
                add(r)?;
            }
        }
        Ok(ColumnTotal { deal_count: count, amount: Money(amount), weighted: Money(weighted / 100) })
    }

    /// Column heads summed from the deals a filter lets through.
    fn narrowed_totals(&self, filter: &BoardFilter) -> Result<[ColumnTotal; 6]> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.stage, count(*), sum(o.amount_cents), sum(o.amount_cents * o.probability)
               FROM opportunity o JOIN account a ON a.id = o.account_id
              WHERE o.outcome <> 'lost'
                AND (?1 IS NULL OR a.segment = ?1) AND (?2 IS NULL OR a.tier = ?2)
                AND (?3 IS NULL OR o.account_id IN (SELECT value FROM json_each(?3)))
              GROUP BY o.stage",
        )?;
        let rows = stmt.query_map(params![filter.segment, filter.tier, filter.accounts_json()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })?;
        column_totals(rows)
    }

    /// The six column heads, from the summary table the triggers keep.
    pub fn board_totals(&self) -> Result<[ColumnTotal; 6]> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT stage, deal_count, amount_cents, weighted_percent_cents FROM board_column_total ORDER BY stage",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?, r.get::<_, i64>(3)?))
        })?;
        column_totals(rows)
    }

    pub fn opportunity(&self, id: i64) -> Result<Option<OpportunityRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, account_id, title, stage, outcome, amount_cents, probability, expected_close_on,
                    lost_reason, stage_entered_at
               FROM opportunity WHERE id = ?1",
        )?;
        Ok(stmt.query_row(params![id], opportunity_row).optional()?)
    }

    /// An account's opportunities, open ones first, at most `limit`.
    pub fn opportunities_of(&self, account_id: i64, limit: usize) -> Result<Vec<OpportunityRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, uuid, account_id, title, stage, outcome, amount_cents, probability, expected_close_on,
                    lost_reason, stage_entered_at
               FROM opportunity WHERE account_id = ?1
              ORDER BY outcome <> 'open', stage DESC, amount_cents DESC, id LIMIT ?2",
        )?;
        let rows =
            stmt.query_map(params![account_id, limit as i64], opportunity_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Opportunities for a listing, with their account's name: the newest
    /// first, or only those of `accounts` (ids from a search).
    /// Deals newest first, each with its account's name and UUID (so an
    /// export can say which account by UUID, as a later sync needs).
    pub fn opportunity_list(
        &self,
        accounts: Option<&[i64]>,
        limit: usize,
    ) -> Result<Vec<(String, String, OpportunityRow, DealExtras)>> {
        let ids = accounts.map(|ids| serde_json::to_string(ids).unwrap_or_else(|_| "[]".to_string()));
        let mut stmt = self.conn.prepare_cached(
            "SELECT o.id, o.uuid, o.account_id, o.title, o.stage, o.outcome, o.amount_cents, o.probability,
                    o.expected_close_on, o.lost_reason, o.stage_entered_at, a.name, a.uuid,
                    o.closed_on, o.lost_to, o.external_id, o.created_at, o.updated_at
               FROM opportunity o JOIN account a ON a.id = o.account_id
              WHERE ?1 IS NULL OR o.account_id IN (SELECT value FROM json_each(?1))
              ORDER BY o.id DESC LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![ids, limit as i64], |r| {
                Ok((r.get(11)?, r.get(12)?, opportunity_row(r)?, deal_extras(r, 13)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every deal in key order with its account's name and UUID, one row at
    /// a time (an export of any size in little memory).
    pub fn each_opportunity<E: From<StoreError>>(
        &self,
        mut each: impl FnMut(&OpportunityRow, &DealExtras, &str, &str) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT o.id, o.uuid, o.account_id, o.title, o.stage, o.outcome, o.amount_cents, o.probability,
                        o.expected_close_on, o.lost_reason, o.stage_entered_at, a.name, a.uuid,
                        o.closed_on, o.lost_to, o.external_id, o.created_at, o.updated_at
                   FROM opportunity o JOIN account a ON a.id = o.account_id ORDER BY o.id",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(r) = rows.next().map_err(StoreError::from)? {
            let row = (|| {
                Ok::<_, rusqlite::Error>((
                    opportunity_row(r)?,
                    deal_extras(r, 13)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                ))
            })()
            .map_err(StoreError::from)?;
            each(&row.0, &row.1, &row.2, &row.3)?;
        }
        Ok(())
    }

    /// An opportunity's moves, oldest first.
    pub fn stage_history(&self, opportunity_id: i64) -> Result<Vec<StageMove>> {
        self.recent_stage_history(opportunity_id, usize::MAX >> 1)
    }

    /// The latest `limit` moves of an opportunity, oldest first: a timeline
    /// to show, however long the history.
    pub fn recent_stage_history(&self, opportunity_id: i64, limit: usize) -> Result<Vec<StageMove>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT from_stage, to_stage, moved_at, unmet, outcome FROM stage_move WHERE opportunity_id = ?1
              ORDER BY moved_at DESC, id DESC LIMIT ?2",
        )?;
        let mut rows: Vec<StageMove> = stmt
            .query_map(params![opportunity_id, limit as i64], |r| {
                let from: Option<i64> = r.get(0)?;
                let unmet: String = r.get(3)?;
                Ok(StageMove {
                    from: from.and_then(Stage::from_number),
                    to: stage_of(r, 1)?,
                    moved_at: timestamp_of(r, 2)?,
                    unmet: unmet.split(',').filter(|u| !u.is_empty()).map(str::to_string).collect(),
                    outcome: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows.reverse();
        Ok(rows)
    }
}

fn opportunity_row(r: &Row<'_>) -> rusqlite::Result<OpportunityRow> {
    Ok(OpportunityRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        account_id: r.get(2)?,
        title: r.get(3)?,
        stage: stage_of(r, 4)?,
        outcome: r.get(5)?,
        amount: r.get(6)?,
        probability: r.get(7)?,
        expected_close_on: r.get(8)?,
        lost_reason: r.get(9)?,
        stage_entered_at: timestamp_of(r, 10)?,
    })
}

impl Batch<'_> {
    /// Inserts an opportunity and the first entry of its stage history.
    pub fn insert_opportunity(&self, o: &NewOpportunity, meta: &RecordMeta) -> Result<i64> {
        crate::progress::step();
        let at = meta.at_text();
        let probability = o.probability.unwrap_or_else(|| self.probability(o.stage));
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO opportunity (uuid, account_id, title, stage, outcome, amount_cents, probability,
                                      expected_close_on, lost_reason, stage_entered_at, created_at, updated_at,
                                      probability_pinned)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?10, ?11)",
        )?;
        stmt.execute(params![
            meta.uuid.to_string(),
            o.account_id,
            o.title,
            o.stage.number(),
            o.outcome,
            o.amount,
            probability,
            o.expected_close_on,
            o.lost_reason,
            at,
            o.probability.is_some()
        ])?;
        let id = self.tx.last_insert_rowid();
        self.record_move(id, None, o.stage, &Move::default(), meta)?;
        Ok(id)
    }

    /// Moves a deal to another stage and appends the move to its history.
    /// A probability typed for the deal stays; otherwise the stage's own.
    pub fn move_stage(&self, opportunity_id: i64, to: Stage, how: &Move, meta: &RecordMeta) -> Result<()> {
        let from: Option<i64> = self
            .tx
            .prepare_cached("SELECT stage FROM opportunity WHERE id = ?1")?
            .query_row(params![opportunity_id], |r| r.get(0))
            .optional()?;
        let from = from.ok_or(StoreError::NotFound("opportunity"))?;
        let at = meta.at_text();
        self.tx
            .prepare_cached(
                "UPDATE opportunity
                    SET stage = ?2, probability = CASE WHEN probability_pinned = 1 THEN probability ELSE ?3 END,
                        stage_entered_at = CASE WHEN stage = ?2 THEN stage_entered_at ELSE ?4 END, updated_at = ?4
                  WHERE id = ?1",
            )?
            .execute(params![opportunity_id, to.number(), self.probability(to), at])?;
        self.record_move(opportunity_id, Stage::from_number(from), to, how, meta)
    }

    pub(super) fn record_move(
        &self,
        opportunity_id: i64,
        from: Option<Stage>,
        to: Stage,
        how: &Move,
        meta: &RecordMeta,
    ) -> Result<()> {
        // The move's own UUID must differ from the opportunity's.
        let move_uuid = super::new_uuid();
        let at = timestamp_text(meta.at);
        self.tx
            .prepare_cached(
                "INSERT INTO stage_move (uuid, opportunity_id, from_stage, to_stage, moved_at, created_at, updated_at,
                                         forced, unmet, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                move_uuid.to_string(),
                opportunity_id,
                from.map(Stage::number),
                to.number(),
                at,
                !how.unmet.is_empty(),
                how.unmet.join(","),
                how.outcome
            ])?;
        Ok(())
    }
}
