//! What the month is measured against and what the rep says about it:
//! the month's targets, the rep's four texts for the monthly report, the
//! manager's points for manual assessment items, and the forms as sent.

use rusqlite::{OptionalExtension, params};

use super::{Batch, RecordMeta, Result, Store};
use crate::domain::assessment::ManualPoints;
use crate::domain::{Money, Month};

/// The month's targets (quarters and years are sums of months).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Targets {
    pub sales_cents: Money,
    pub collections_cents: Money,
    pub visits: i64,
    pub new_accounts: i64,
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        *self == Targets::default()
    }

    pub fn add(&mut self, other: &Targets) {
        self.sales_cents = self.sales_cents + other.sales_cents;
        self.collections_cents = self.collections_cents + other.collections_cents;
        self.visits += other.visits;
        self.new_accounts += other.new_accounts;
    }
}

/// The rep's words in the monthly report.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct MonthWords {
    pub work: String,
    pub next_plan: String,
    pub problems: String,
    pub support: String,
}

/// A form as it was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedForm {
    pub version: i64,
    /// The typed form as JSON.
    pub body: String,
    pub submitted_at: String,
    /// A new draft was started after it was sent.
    pub reopened: bool,
}

/// Which form is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Monthly,
    Assessment,
}

impl FormKind {
    pub fn code(self) -> &'static str {
        match self {
            FormKind::Monthly => "monthly",
            FormKind::Assessment => "assessment",
        }
    }
}

impl Store {
    pub fn targets_of(&self, month: Month) -> Result<Option<Targets>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT sales_cents, collections_cents, visits, new_accounts FROM target WHERE month = ?1",
        )?;
        Ok(stmt.query_row(params![month.to_string()], targets_row).optional()?)
    }

    /// The targets of each month from `first` to `last` that has them.
    pub fn targets_between(&self, first: Month, last: Month) -> Result<Vec<(Month, Targets)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT month, sales_cents, collections_cents, visits, new_accounts FROM target
              WHERE month BETWEEN ?1 AND ?2 ORDER BY month",
        )?;
        let rows = stmt.query_map(params![first.to_string(), last.to_string()], |r| {
            let month: String = r.get(0)?;
            Ok((
                month,
                Targets {
                    sales_cents: r.get(1)?,
                    collections_cents: r.get(2)?,
                    visits: r.get(3)?,
                    new_accounts: r.get(4)?,
                },
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (month, targets) = row?;
            if let Some(month) = Month::parse(&month) {
                out.push((month, targets));
            }
        }
        Ok(out)
    }

    pub fn month_words(&self, month: Month) -> Result<Option<MonthWords>> {
        let mut stmt =
            self.conn.prepare_cached("SELECT work, next_plan, problems, support FROM month_words WHERE month = ?1")?;
        Ok(stmt
            .query_row(params![month.to_string()], |r| {
                Ok(MonthWords { work: r.get(0)?, next_plan: r.get(1)?, problems: r.get(2)?, support: r.get(3)? })
            })
            .optional()?)
    }

    /// The manual points given for the month, by item code.
    pub fn assessment_points(&self, month: Month) -> Result<Vec<(String, ManualPoints)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item, points, set_by, reason FROM assessment_score WHERE month = ?1 ORDER BY item",
        )?;
        let rows = stmt.query_map(params![month.to_string()], |r| {
            Ok((r.get(0)?, ManualPoints { points: r.get(1)?, set_by: r.get(2)?, reason: r.get(3)? }))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest version sent of a form for a month.
    pub fn submitted_form(&self, kind: FormKind, month: Month) -> Result<Option<SubmittedForm>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT version, body, created_at, reopened FROM submitted_form
              WHERE kind = ?1 AND month = ?2 ORDER BY version DESC LIMIT 1",
        )?;
        Ok(stmt
            .query_row(params![kind.code(), month.to_string()], |r| {
                Ok(SubmittedForm { version: r.get(0)?, body: r.get(1)?, submitted_at: r.get(2)?, reopened: r.get(3)? })
            })
            .optional()?)
    }
}

/// A month's targets as a file carries them: with its identity and times.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRow {
    pub month: String,
    pub targets: Targets,
    pub uuid: String,
    pub created_at: String,
    pub updated_at: String,
}

impl Store {
    /// Months' targets in month order, after month `after` (`YYYY-MM`).
    pub fn targets_page(&self, after: Option<&str>, limit: usize) -> Result<Vec<TargetRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT month, sales_cents, collections_cents, visits, new_accounts, uuid, created_at, updated_at
               FROM target WHERE month > ?1 ORDER BY month LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after.unwrap_or(""), limit as i64], |r| {
            Ok(TargetRow {
                month: r.get(0)?,
                targets: Targets {
                    sales_cents: r.get(1)?,
                    collections_cents: r.get(2)?,
                    visits: r.get(3)?,
                    new_accounts: r.get(4)?,
                },
                uuid: r.get(5)?,
                created_at: r.get(6)?,
                updated_at: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether `month` has targets already (an import leaves them, unless
    /// told to update).
    pub fn has_targets(&self, month: Month) -> Result<bool> {
        Ok(self.conn.prepare_cached("SELECT 1 FROM target WHERE month = ?1")?.exists(params![month.to_string()])?)
    }
}

fn targets_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Targets> {
    Ok(Targets { sales_cents: r.get(0)?, collections_cents: r.get(1)?, visits: r.get(2)?, new_accounts: r.get(3)? })
}

impl Batch<'_> {
    /// Gives a month's targets the time they last changed elsewhere (an
    /// import of kam's own export).
    pub fn set_targets_updated_at(&self, month: Month, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE target SET updated_at = ?2 WHERE month = ?1")?
            .execute(params![month.to_string(), super::timestamp_text(at)])?;
        Ok(())
    }

    /// Sets a month's targets, replacing what it had.
    pub fn set_targets(&self, month: Month, targets: &Targets, meta: &RecordMeta) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO target (uuid, month, sales_cents, collections_cents, visits, new_accounts, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (month) DO UPDATE SET sales_cents = excluded.sales_cents,
                     collections_cents = excluded.collections_cents, visits = excluded.visits,
                     new_accounts = excluded.new_accounts, updated_at = excluded.updated_at",
            )?
            .execute(params![
                meta.uuid.to_string(),
                month.to_string(),
                targets.sales_cents,
                targets.collections_cents,
                targets.visits,
                targets.new_accounts,
                meta.at_text()
            ])?;
        Ok(())
    }

    pub fn save_month_words(&self, month: Month, words: &MonthWords, meta: &RecordMeta) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO month_words (uuid, month, work, next_plan, problems, support, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (month) DO UPDATE SET work = excluded.work, next_plan = excluded.next_plan,
                     problems = excluded.problems, support = excluded.support, updated_at = excluded.updated_at",
            )?
            .execute(params![
                meta.uuid.to_string(),
                month.to_string(),
                words.work,
                words.next_plan,
                words.problems,
                words.support,
                meta.at_text()
            ])?;
        Ok(())
    }

    pub fn set_assessment_points(
        &self,
        month: Month,
        item: &str,
        points: &ManualPoints,
        meta: &RecordMeta,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO assessment_score (uuid, month, item, points, set_by, reason, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)
                 ON CONFLICT (month, item) DO UPDATE SET points = excluded.points, set_by = excluded.set_by,
                     reason = excluded.reason, updated_at = excluded.updated_at",
            )?
            .execute(params![
                meta.uuid.to_string(),
                month.to_string(),
                item,
                points.points.min(100),
                points.set_by,
                points.reason,
                meta.at_text()
            ])?;
        Ok(())
    }

    /// Keeps the form as sent, as the next version; returns the version.
    pub fn submit_form(&self, kind: FormKind, month: Month, body: &str, meta: &RecordMeta) -> Result<i64> {
        let version: i64 = self
            .tx
            .prepare_cached("SELECT coalesce(max(version), 0) + 1 FROM submitted_form WHERE kind = ?1 AND month = ?2")?
            .query_row(params![kind.code(), month.to_string()], |r| r.get(0))?;
        self.tx
            .prepare_cached(
                "INSERT INTO submitted_form (uuid, kind, month, version, body, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![meta.uuid.to_string(), kind.code(), month.to_string(), version, body, meta.at_text()])?;
        Ok(version)
    }

    /// Starts a new draft: the sent version stays as it was, marked so
    /// the form shows live figures until it is sent again.
    pub fn reopen_form(&self, kind: FormKind, month: Month) -> Result<bool> {
        let changed = self
            .tx
            .prepare_cached(
                "UPDATE submitted_form SET reopened = 1, updated_at = ?3
                  WHERE kind = ?1 AND month = ?2 AND reopened = 0
                    AND version = (SELECT max(version) FROM submitted_form WHERE kind = ?1 AND month = ?2)",
            )?
            .execute(params![kind.code(), month.to_string(), RecordMeta::now().at_text()])?;
        Ok(changed > 0)
    }
}
