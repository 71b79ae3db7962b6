//! Activities: the unit of the daily report — who was reached, when, how,
//! why, with what result and what comes next. An activity's next step with
//! a next date is a follow-up: a promise that stays open until a later
//! activity keeps it or it is marked done by hand.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::{Batch, RecordMeta, Result, Store, day_text, parse_timestamp};
use crate::domain::Channel;

#[derive(Debug, Clone, PartialEq)]
pub struct NewActivity {
    pub account_id: i64,
    /// The deal it was about, if any.
    pub opportunity_id: Option<i64>,
    /// Everyone met, in the order given.
    pub contact_ids: Vec<i64>,
    pub occurred_on: NaiveDate,
    /// The time of day, local; None when not given.
    pub occurred_time: Option<NaiveTime>,
    pub channel: Channel,
    pub purpose: String,
    pub result: String,
    pub next_step: String,
    pub next_on: Option<NaiveDate>,
    /// The follow-up (an earlier activity) this one keeps.
    pub keeps_id: Option<i64>,
}

/// How an activity's follow-up stands when it is written
/// (`Batch::insert_settled_activity`).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct SettledFollowUp {
    /// Checked off by hand on this day.
    pub done_on: Option<NaiveDate>,
    /// Closed on this day: done, or kept by a later activity.
    pub closed_on: Option<NaiveDate>,
    /// When that happened; None: when the activity was logged.
    pub settled_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl NewActivity {
    /// An activity with only what every one has; the rest empty.
    pub fn new(account_id: i64, occurred_on: NaiveDate, channel: Channel, purpose: &str) -> NewActivity {
        NewActivity {
            account_id,
            opportunity_id: None,
            contact_ids: Vec::new(),
            occurred_on,
            occurred_time: None,
            channel,
            purpose: purpose.to_string(),
            result: String::new(),
            next_step: String::new(),
            next_on: None,
            keeps_id: None,
        }
    }

    /// Its next step is a promise with a date: a follow-up.
    pub fn promises(&self) -> bool {
        self.next_on.is_some() && !self.next_step.trim().is_empty()
    }
}

/// An activity with the names a report shows beside it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    pub id: i64,
    pub uuid: String,
    pub account_name: String,
    pub account_short_name: String,
    /// The names of the contacts met, in the order of `fields.contact_ids`.
    pub contact_names: Vec<String>,
    pub deal_title: Option<String>,
    pub fields: NewActivity,
    pub created_at: Option<DateTime<Utc>>,
    /// Its follow-up was marked done by hand on this day.
    pub follow_up_done_on: Option<NaiveDate>,
    /// The first day a later activity kept its follow-up.
    pub kept_on: Option<NaiveDate>,
}

/// An activity as a file carries it: its links by UUID.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityOut {
    pub row: ActivityRow,
    pub account_uuid: String,
    pub deal_uuid: Option<String>,
    /// The earlier activity whose follow-up this one kept.
    pub keeps_uuid: Option<String>,
}

impl ActivityRow {
    /// The day its follow-up was closed (kept or done), if it was.
    pub fn follow_up_closed_on(&self) -> Option<NaiveDate> {
        match (self.kept_on, self.follow_up_done_on) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// How many activities of one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelCount {
    pub channel: Channel,
    pub count: i64,
}

/// The separator of names packed into one column.
const UNIT: char = '\u{1f}';

/// The SELECT of activities with what `activity_row` reads (and more
/// columns after them when given).
macro_rules! select_activities {
    ($($more:literal)?) => {
        concat!("SELECT t.id, t.uuid, a.name,
        (SELECT group_concat(contact_id, char(31)) FROM
           (SELECT contact_id FROM activity_contact WHERE activity_id = t.id ORDER BY id)),
        (SELECT group_concat(name, char(31)) FROM
           (SELECT c.name FROM activity_contact l JOIN contact c ON c.id = l.contact_id
             WHERE l.activity_id = t.id ORDER BY l.id)),
        o.title, t.account_id, t.opportunity_id, t.occurred_on, t.occurred_time, t.channel, t.purpose, t.result,
        t.next_step, t.next_on, t.keeps_id, t.created_at, t.follow_up_done_on,
        (SELECT min(k.occurred_on) FROM activity k WHERE k.keeps_id = t.id), a.short_name, a.uuid",
        $(", ", $more,)?
        " FROM activity t JOIN account a ON a.id = t.account_id LEFT JOIN opportunity o ON o.id = t.opportunity_id")
    };
}

const SELECT_ACTIVITIES: &str = select_activities!();

/// For files: the account's, the deal's and the kept follow-up's UUIDs too.
const SELECT_ACTIVITIES_OUT: &str =
    select_activities!("o.uuid, (SELECT k.uuid FROM activity k WHERE k.id = t.keeps_id)");

fn split(packed: Option<String>) -> Vec<String> {
    packed.map(|p| p.split(UNIT).map(str::to_string).collect()).unwrap_or_default()
}

pub(super) fn time_text(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

fn time_of(text: Option<String>) -> Option<NaiveTime> {
    text.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok())
}

fn activity_row(r: &Row<'_>) -> rusqlite::Result<ActivityRow> {
    let created: String = r.get(16)?;
    Ok(ActivityRow {
        id: r.get(0)?,
        uuid: r.get(1)?,
        account_name: r.get(2)?,
        contact_names: split(r.get(4)?),
        deal_title: r.get(5)?,
        fields: NewActivity {
            account_id: r.get(6)?,
            opportunity_id: r.get(7)?,
            contact_ids: split(r.get(3)?).iter().filter_map(|id| id.parse().ok()).collect(),
            occurred_on: r.get(8)?,
            occurred_time: time_of(r.get(9)?),
            channel: r.get(10)?,
            purpose: r.get(11)?,
            result: r.get(12)?,
            next_step: r.get(13)?,
            next_on: r.get(14)?,
            keeps_id: r.get(15)?,
        },
        created_at: parse_timestamp(&created),
        follow_up_done_on: r.get(17)?,
        kept_on: r.get(18)?,
        account_short_name: r.get(19)?,
    })
}

/// Whether a follow-up is still open: `t` promised something and nothing
/// closed it (kept by the triggers of migration 6; the terms are those of
/// the partial index of open follow-ups, so the query uses it).
pub(super) const FOLLOW_UP_OPEN: &str = "t.next_on IS NOT NULL AND t.next_step <> '' AND t.follow_up_closed_on IS NULL";

impl Store {
    /// One activity.
    pub fn activity(&self, id: i64) -> Result<Option<ActivityRow>> {
        let sql = [SELECT_ACTIVITIES, " WHERE t.id = ?1"].concat();
        Ok(self.conn.prepare_cached(&sql)?.query_row(params![id], activity_row).optional()?)
    }

    /// The activities of one day in the order they were logged, at most
    /// `limit` (a day holds dozens, never a table).
    pub fn activities_on(&self, day: NaiveDate, limit: usize) -> Result<Vec<ActivityRow>> {
        let sql = [SELECT_ACTIVITIES, " WHERE t.occurred_on = ?1 ORDER BY t.created_at, t.id LIMIT ?2"].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows =
            stmt.query_map(params![day_text(day), limit as i64], activity_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// An account's latest activities, newest first.
    pub fn activities_of(&self, account_id: i64, limit: usize) -> Result<Vec<ActivityRow>> {
        let sql = [
            SELECT_ACTIVITIES,
            " WHERE t.account_id = ?1 ORDER BY t.occurred_on DESC, t.occurred_time DESC, t.id DESC LIMIT ?2",
        ]
        .concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![account_id, limit as i64], activity_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Activities dated in [from, to], oldest first, whose account, purpose,
    /// result or next step contains `filter` (account pinyin too).
    pub fn activities_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        filter: &str,
        limit: usize,
    ) -> Result<Vec<ActivityRow>> {
        let sql = [
            SELECT_ACTIVITIES,
            " WHERE t.occurred_on BETWEEN ?1 AND ?2
                AND (?3 = '' OR instr(a.name, ?3) OR instr(lower(a.short_name), lower(?3))
                     OR instr(a.search_initials, lower(?3)) OR instr(a.search_pinyin, lower(?3))
                     OR instr(t.purpose, ?3) OR instr(t.result, ?3) OR instr(t.next_step, ?3))
              ORDER BY t.occurred_on, t.occurred_time, t.id LIMIT ?4",
        ]
        .concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![day_text(from), day_text(to), filter.trim(), limit as i64], activity_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Activities after key `after` in the order they were written, each
    /// with its account's UUID: an export a page at a time.
    pub fn activities_page(&self, after: Option<i64>, limit: usize) -> Result<Vec<ActivityOut>> {
        let sql = [SELECT_ACTIVITIES_OUT, " WHERE t.id > ?1 ORDER BY t.id LIMIT ?2"].concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![after.unwrap_or(0), limit as i64], |r| {
                Ok(ActivityOut {
                    row: activity_row(r)?,
                    account_uuid: r.get(20)?,
                    deal_uuid: r.get(21)?,
                    keeps_uuid: r.get(22)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Open follow-ups due on or before `until`, earliest first; of one
    /// account when `account` is given.
    pub fn open_follow_ups(&self, until: NaiveDate, account: Option<i64>, limit: usize) -> Result<Vec<ActivityRow>> {
        let sql = [
            SELECT_ACTIVITIES,
            " WHERE t.next_on <= ?1 AND (?2 IS NULL OR t.account_id = ?2) AND ",
            FOLLOW_UP_OPEN,
            " ORDER BY t.next_on, t.id LIMIT ?3",
        ]
        .concat();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![day_text(until), account, limit as i64], activity_row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Counts of the day's activities by channel, most used first.
    pub fn channel_counts_on(&self, day: NaiveDate) -> Result<Vec<ChannelCount>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT channel, count(*) FROM activity WHERE occurred_on = ?1 GROUP BY channel ORDER BY count(*) DESC, channel",
        )?;
        let rows = stmt
            .query_map(params![day_text(day)], |r| Ok(ChannelCount { channel: r.get(0)?, count: r.get(1)? }))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Store {
    /// The activity with this UUID, if here (a file's link to it).
    pub fn activity_by_uuid(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM activity WHERE uuid = ?1")?
            .query_row(params![uuid.trim()], |r| r.get(0))
            .optional()?)
    }

    /// An imported activity already here: by its UUID when it has one,
    /// else the same account, day, channel and purpose.
    pub fn activity_logged(
        &self,
        uuid: Option<&str>,
        account_id: i64,
        day: NaiveDate,
        channel: crate::domain::Channel,
        purpose: &str,
    ) -> Result<Option<i64>> {
        if let Some(uuid) = uuid.filter(|u| !u.is_empty()) {
            return Ok(self
                .conn
                .prepare_cached("SELECT id FROM activity WHERE uuid = ?1")?
                .query_row(params![uuid], |r| r.get(0))
                .optional()?);
        }
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id FROM activity INDEXED BY activity_by_account
                  WHERE account_id = ?1 AND occurred_on = ?2 AND channel = ?3 AND purpose = ?4 LIMIT 1",
            )?
            .query_row(params![account_id, day_text(day), channel, purpose], |r| r.get(0))
            .optional()?)
    }
}

impl Batch<'_> {
    pub fn insert_activity(&self, t: &NewActivity, meta: &RecordMeta) -> Result<i64> {
        // Its own follow-up is open: nothing settled yet.
        let id = self.insert_settled_activity(t, meta, &SettledFollowUp::default(), true)?;
        // Keeping a promise closes it on this day, unless it was closed
        // earlier (what `refresh_follow_up` would derive, in one cheap write).
        if let Some(promise) = t.keeps_id {
            self.tx
                .prepare_cached(
                    "UPDATE activity SET follow_up_closed_on = ?2, updated_at = ?3
                      WHERE id = ?1 AND (follow_up_closed_on IS NULL OR follow_up_closed_on > ?2)",
                )?
                .execute(params![promise, day_text(t.occurred_on), meta.at_text()])?;
        }
        Ok(id)
    }

    /// Writes an activity whose follow-up is already settled, in one row
    /// (the demo's generator knows each promise's fate before it writes
    /// it): done on a day, closed on a day (done, or kept by a later
    /// activity, which links it by `keeps_id` without closing it again),
    /// its row last changed at `settled_at`. `insert_activity` writes
    /// through it, its follow-up open. A visit does the planned visit it
    /// was, looked for unless `in_plan` says its account has none (the
    /// demo knows which accounts its plan leaves out).
    pub fn insert_settled_activity(
        &self,
        t: &NewActivity,
        meta: &RecordMeta,
        follow_up: &SettledFollowUp,
        in_plan: bool,
    ) -> Result<i64> {
        crate::progress::step();
        let updated = follow_up.settled_at.map_or_else(|| meta.at_text(), super::timestamp_text);
        self.tx
            .prepare_cached(
                "INSERT INTO activity (uuid, account_id, opportunity_id, contact_id, occurred_on, occurred_time, channel,
                                       purpose, result, next_step, next_on, keeps_id, created_at, updated_at,
                                       follow_up_done_on, follow_up_closed_on)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                meta.uuid.to_string(),
                t.account_id,
                t.opportunity_id,
                t.contact_ids.first(),
                day_text(t.occurred_on),
                t.occurred_time.map(time_text),
                t.channel,
                t.purpose,
                t.result,
                t.next_step,
                t.next_on.map(day_text),
                t.keeps_id,
                meta.at_text(),
                updated,
                follow_up.done_on.map(day_text),
                follow_up.closed_on.map(day_text)
            ])?;
        let id = self.tx.last_insert_rowid();
        // A new activity has no links yet: only inserts.
        self.add_activity_contacts(id, &t.contact_ids, &[], meta)?;
        // A visit does the planned visit it was (if one was planned near).
        if in_plan && t.channel == Channel::Visit {
            self.link_visit(id, t.account_id, t.occurred_on)?;
        }
        Ok(id)
    }

    /// Runs an update of an activity: ?1 is its id, ?2..?12 its fields,
    /// ?13 the time stamp.
    fn write_activity(&self, sql: &str, key: &dyn rusqlite::ToSql, t: &NewActivity, at: &str) -> Result<()> {
        self.tx.prepare_cached(sql)?.execute(params![
            key,
            t.account_id,
            t.opportunity_id,
            t.contact_ids.first(),
            day_text(t.occurred_on),
            t.occurred_time.map(time_text),
            t.channel,
            t.purpose,
            t.result,
            t.next_step,
            t.next_on.map(day_text),
            t.keeps_id,
            at
        ])?;
        Ok(())
    }

    /// The activity `id` keeps, if it keeps one.
    fn kept_by(&self, id: i64) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT keeps_id FROM activity WHERE id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Derives when follow-up `promise` was closed: the first of the day it
    /// was checked off and the days of the activities that kept it.
    fn refresh_follow_up(&self, promise: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE activity
                    SET follow_up_closed_on = (SELECT min(d) FROM (
                            SELECT follow_up_done_on AS d FROM activity WHERE id = ?1
                            UNION ALL SELECT occurred_on FROM activity WHERE keeps_id = ?1)),
                        updated_at = ?2
                  WHERE id = ?1",
            )?
            .execute(params![promise, RecordMeta::now().at_text()])?;
        Ok(())
    }

    /// Writes an activity anew (a correction), its contacts too; the
    /// follow-ups it kept before and keeps now are derived again.
    pub fn update_activity(&self, id: i64, t: &NewActivity) -> Result<()> {
        let kept_before = self.kept_by(id)?;
        let meta = RecordMeta::now();
        self.write_activity(
            "UPDATE activity SET account_id = ?2, opportunity_id = ?3, contact_id = ?4, occurred_on = ?5,
                    occurred_time = ?6, channel = ?7, purpose = ?8, result = ?9, next_step = ?10, next_on = ?11,
                    keeps_id = ?12, updated_at = ?13
              WHERE id = ?1",
            &id,
            t,
            &meta.at_text(),
        )?;
        self.set_activity_contacts(id, &t.contact_ids, &meta)?;
        // Its day, account or channel may have changed: the planned visit
        // it did is found again.
        let linked: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM planned_visit WHERE activity_id = ?1")?
            .query_row(params![id], |r| r.get(0))
            .optional()?;
        let still = linked.is_some()
            && t.channel == Channel::Visit
            && self.planned_visit_fits(linked.unwrap_or_default(), t.account_id, t.occurred_on)?;
        if !still {
            self.unlink_visit(id)?;
            if t.channel == Channel::Visit {
                self.link_visit(id, t.account_id, t.occurred_on)?;
            }
        }
        for promise in [kept_before, t.keeps_id].into_iter().flatten() {
            self.refresh_follow_up(promise)?;
        }
        // Its own date may have moved past the day it was kept.
        self.refresh_follow_up(id)
    }

    /// Makes the contacts met exactly `contacts`: links no longer named go,
    /// new ones come (kept links keep their UUIDs).
    fn set_activity_contacts(&self, activity: i64, contacts: &[i64], meta: &RecordMeta) -> Result<()> {
        let kept: Vec<i64> = self
            .tx
            .prepare_cached("SELECT contact_id FROM activity_contact WHERE activity_id = ?1 ORDER BY id")?
            .query_map(params![activity], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut delete =
            self.tx.prepare_cached("DELETE FROM activity_contact WHERE activity_id = ?1 AND contact_id = ?2")?;
        for gone in kept.iter().filter(|c| !contacts.contains(c)) {
            delete.execute(params![activity, gone])?;
        }
        self.add_activity_contacts(activity, contacts, &kept, meta)
    }

    /// Links the contacts of `contacts` not in `kept` (once each).
    fn add_activity_contacts(&self, activity: i64, contacts: &[i64], kept: &[i64], meta: &RecordMeta) -> Result<()> {
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO activity_contact (uuid, activity_id, contact_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
        )?;
        let mut seen = Vec::new();
        for contact in contacts.iter().filter(|c| !kept.contains(c)) {
            if seen.contains(contact) {
                continue;
            }
            seen.push(*contact);
            insert.execute(params![super::new_uuid().to_string(), activity, contact, meta.at_text()])?;
        }
        Ok(())
    }

    /// Deletes an activity; a follow-up it kept opens again.
    pub fn delete_activity(&self, id: i64) -> Result<()> {
        let kept = self.kept_by(id)?;
        self.tx.prepare_cached("DELETE FROM activity WHERE id = ?1")?.execute(params![id])?;
        if let Some(promise) = kept {
            self.refresh_follow_up(promise)?;
        }
        Ok(())
    }

    /// Marks an activity's follow-up done by hand on `day` (None: open again).
    pub fn set_follow_up_done(&self, id: i64, day: Option<NaiveDate>) -> Result<()> {
        // Stamped here, so the touch trigger has no second update to make.
        self.tx
            .prepare_cached("UPDATE activity SET follow_up_done_on = ?2, updated_at = ?3 WHERE id = ?1")?
            .execute(params![id, day.map(day_text), RecordMeta::now().at_text()])?;
        self.refresh_follow_up(id)
    }

    /// An activity by its UUID, inside a write (an import finds the
    /// activities it wrote).
    pub fn find_activity(&self, uuid: &str) -> Result<Option<i64>> {
        Ok(self
            .tx
            .prepare_cached("SELECT id FROM activity WHERE uuid = ?1")?
            .query_row(params![uuid], |r| r.get(0))
            .optional()?)
    }

    /// Records that activity `id` kept the follow-up of `kept` (read back
    /// from a file, where the kept one may come later).
    pub fn set_activity_keeps(&self, id: i64, kept: i64) -> Result<()> {
        self.tx.prepare_cached("UPDATE activity SET keeps_id = ?2 WHERE id = ?1")?.execute(params![id, kept])?;
        self.refresh_follow_up(kept)
    }

    /// Moves a follow-up to another day.
    pub fn move_follow_up(&self, id: i64, day: NaiveDate) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE activity SET next_on = ?2 WHERE id = ?1")?
            .execute(params![id, day_text(day)])?;
        Ok(())
    }
}
