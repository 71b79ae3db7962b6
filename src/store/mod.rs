//! The repository layer: the one place that knows SQL. `Store::open` checks
//! the file, sets the pragmas and runs the migrations; one file per
//! aggregate holds its queries, with typed rows in and out.

mod accounts;
mod activities;
mod backup;
mod bulk;
mod bulk_triggers;
mod care;
mod collections;
mod competitors;
mod contacts;
mod contract_writes;
mod contracts;
mod daily;
mod deals;
mod imported;
mod journal;
mod journal_triggers;
mod migrations;
mod month_figures;
mod needs;
mod new_uuid;
mod open;
mod pipeline;
mod plan;
mod plan_report;
mod rep;
mod report_queries;
mod search_draft;
mod sql_log;
mod sql_types;
mod targets;
mod visits;
mod writer;

pub use new_uuid::new_uuid;

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, TransactionBehavior};
use thiserror::Error;
use uuid::Uuid;

use crate::domain::visit_plan::PlanRules;

use crate::domain::Tier;

pub use accounts::{Account, AccountFilter, AccountKey, AccountRow, AccountSuggestion, NewAccount};
pub use activities::{ActivityOut, ActivityRow, ChannelCount, NewActivity, SettledFollowUp};
pub use backup::{
    BackupFile, CheckReport, Restored, backup_dir, backup_name, backups_to_drop, changed_since_backup, check_file,
    daily_backup_of, list_backups, restore,
};
pub use care::{ComplaintRow, NewComplaint, NewObjection, NewSurvey, ObjectionRow, SurveyRow};
pub use collections::*;
pub use competitors::{CompetitorRow, NewCompetitor};
pub use contacts::{ContactRow, NewContact};
pub use contracts::{ContractRow, InstalmentFilter, InstalmentRow, NewContract, NewInstalment, NewReceipt, ReceiptRow};
pub use daily::DailySummary;
pub use deals::{Attendee, Decision, NEGOTIATION_ROLES, NegotiationRow, NewNegotiation, QuoteRow};
pub use imported::{Imported, Linked};
pub use journal::ActionInfo;
pub use journal_triggers::JournaledTable;
pub use migrations::LATEST_VERSION;
pub use month_figures::*;
pub use needs::{NeedRow, NewNeed};
pub use open::Access;
pub use pipeline::{
    BoardCard, BoardFilter, BoardKey, ColumnTotal, DealExtras, Move, NewOpportunity, OpportunityRow, StageMove,
};
pub use plan::{CalendarDay, CollectionDue, NewPlannedVisit, PlannedVisitRow, VisitFilter, VisitHistory, VisitLinks};
pub use plan_report::{AccountPlanRow, PlanCounts};
pub use rep::Rep;
pub use report_queries::{DayQuoteRow, DealMoveRow, FollowUpRow};
pub use search_draft::{FinishedDraft, SearchDraft};
pub use sql_log::take_recorded_sql;
pub use targets::{FormKind, MonthWords, SubmittedForm, TargetRow, Targets};
pub use visits::{AgendaCounts, AgendaItem, AgendaKey, AgendaRow};
pub use writer::{Writer, current_writer};

/// Why the store could not do what was asked. Every variant names the file
/// or the record so the message can say what and where.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{path} is not a SQLite database; kam left it untouched")]
    NotSqlite { path: PathBuf },
    #[error("{path} is a SQLite database of another program (application id {found:#x}); kam left it untouched")]
    NotKam { path: PathBuf, found: i64 },
    #[error("{path} is damaged ({detail}); kam left it untouched. Restore a backup or run `kam check`")]
    Corrupt { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer kam (schema {found}, this kam knows up to {supported}); kam left it untouched. Update kam"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("the disk holding {path} is full")]
    DiskFull { path: PathBuf },
    /// Another program holds the write lock. `writer` is the other kam's
    /// note when it is one; `waited` how long this write waited.
    #[error("{path} is locked by another program")]
    Locked { path: PathBuf, writer: Option<Writer>, waited: std::time::Duration },
    /// `path` (the file, its -wal or -shm, or its folder) cannot be written.
    #[error("{path} is read-only")]
    ReadOnly { path: PathBuf },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no such {0}")]
    NotFound(&'static str),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// Why a write failed, in terms the rep can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cause {
    /// No room left on the disk: free some and try again.
    DiskFull,
    /// Another program holds the file (another kam mid-import, a backup
    /// tool): wait and try again.
    Locked,
    /// The file or its folder cannot be written.
    ReadOnly,
    /// The file is damaged: `kam check`, `kam restore`.
    Damaged,
    /// The record is gone (deleted in another window).
    Gone,
    Other,
}

impl StoreError {
    pub fn cause(&self) -> Cause {
        use rusqlite::ErrorCode;
        match self {
            StoreError::Corrupt { .. } | StoreError::NotSqlite { .. } => Cause::Damaged,
            StoreError::NotFound(_) => Cause::Gone,
            StoreError::DiskFull { .. } => Cause::DiskFull,
            StoreError::Locked { .. } => Cause::Locked,
            StoreError::ReadOnly { .. } => Cause::ReadOnly,
            StoreError::Io { source, .. } => match source.kind() {
                std::io::ErrorKind::StorageFull => Cause::DiskFull,
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => Cause::ReadOnly,
                _ => Cause::Other,
            },
            StoreError::Sqlite(e) => match e.sqlite_error_code() {
                Some(ErrorCode::DiskFull) => Cause::DiskFull,
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Cause::Locked,
                Some(ErrorCode::ReadOnly | ErrorCode::PermissionDenied) => Cause::ReadOnly,
                Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => Cause::Damaged,
                _ => Cause::Other,
            },
            _ => Cause::Other,
        }
    }
}

/// Where a page of a list starts: keyset paging, so any page costs the same
/// however deep it is, and no screen ever loads a whole table.
#[derive(Debug, Clone, PartialEq)]
pub enum Seek<K> {
    First,
    Last,
    /// Rows strictly after this key, in display order.
    After(K),
    /// Rows strictly before this key, in display order.
    Before(K),
    /// Rows from this key on (inclusive): reloads a window in place.
    From(K),
}

/// Identity and time of a new record. Ordinary writes use `RecordMeta::now`;
/// the demo generator passes its own so that a seed gives the same data.
#[derive(Debug, Clone, Copy)]
pub struct RecordMeta {
    pub uuid: Uuid,
    pub at: DateTime<Utc>,
}

impl RecordMeta {
    pub fn now() -> RecordMeta {
        RecordMeta { uuid: new_uuid(), at: Utc::now() }
    }

    fn at_text(&self) -> String {
        timestamp_text(self.at)
    }
}

pub(crate) fn timestamp_text(at: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    // Written by hand: chrono's format strings are parsed anew on every
    // call, a real cost for a demo or import of a million rows. Years
    // outside four digits and leap seconds go the long way.
    let (year, nanos) = (at.year(), at.nanosecond());
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        return at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    }
    let mut text = *b"0000-00-00T00:00:00.000Z";
    for (start, width, value) in [
        (0, 4, year as u32),
        (5, 2, at.month()),
        (8, 2, at.day()),
        (11, 2, at.hour()),
        (14, 2, at.minute()),
        (17, 2, at.second()),
        (20, 3, nanos / 1_000_000),
    ] {
        put_digits(&mut text[start..start + width], value);
    }
    text.iter().map(|&b| char::from(b)).collect()
}

/// Writes `value` into `digits` in decimal, zero-padded to their width
/// (its lowest digits when it has more).
fn put_digits(digits: &mut [u8], mut value: u32) {
    for d in digits.iter_mut().rev() {
        *d = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

pub(crate) fn parse_timestamp(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

pub(crate) fn day_text(day: NaiveDate) -> String {
    use chrono::Datelike;
    let year = day.year();
    if !(0..=9999).contains(&year) {
        return day.format("%Y-%m-%d").to_string();
    }
    let mut text = *b"0000-00-00";
    put_digits(&mut text[0..4], year as u32);
    put_digits(&mut text[5..7], day.month());
    put_digits(&mut text[8..10], day.day());
    text.iter().map(|&b| char::from(b)).collect()
}

/// The open kam database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Days between planned visits for tiers A, B, C (from the config).
    cadences: [u32; 3],
    /// Default win probability of each stage, percent (from the config).
    probabilities: [u8; 6],
    /// The working days visits are planned on, and the linking window.
    plan: PlanRules,
    /// Where this process's actions come from (`app`, `log`, `import`...),
    /// kept with each so that undo can say whose it is.
    origin: String,
    /// This process's own id, kept with each action it records.
    session: String,
    /// A big file's quick check, running beside the first frame; the first
    /// write waits for it and a damaged file is never written into.
    check: std::cell::RefCell<Check>,
    /// Waiting on for another kam's write (see `wait_for_other_kams`).
    patience: Option<Patience>,
}

/// A store closed before its first write no longer needs the check of a
/// big file running beside it: it is stopped, and waited for (a thousand
/// steps of SQLite at most), so that nothing reads the file once the
/// store is gone.
impl Drop for Store {
    fn drop(&mut self) {
        if let Check::Running(check, stop) = std::mem::replace(self.check.get_mut(), Check::Passed) {
            stop.stop();
            let _ = check.join();
        }
    }
}

/// How long to wait for another kam's write, and how to say so.
struct Patience {
    limit: std::time::Duration,
    tell: Box<dyn Fn(&Writer)>,
}

/// Ok when a check found the file sound, else the damage.
fn sound_or_corrupt(path: &Path, report: CheckReport) -> Result<()> {
    if report.is_sound() {
        return Ok(());
    }
    let detail = report.integrity.into_iter().filter(|l| l != "ok").take(3).collect::<Vec<_>>().join("; ");
    Err(StoreError::Corrupt { path: path.to_path_buf(), detail })
}

/// Where the check before the first write stands.
enum Check {
    Passed,
    /// Opened to read: checked at the first write, if one comes.
    Lazy,
    /// The check, and how to stop it when the store closes first.
    Running(std::thread::JoinHandle<Result<()>>, std::sync::Arc<backup::CheckStop>),
    Failed(String),
}

impl Store {
    /// Opens (creating when missing, mode 0600) and migrates the database at
    /// `path`. A file that is not kam's, is damaged or is newer is refused
    /// and left byte-for-byte as it was.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_as(path, open::Access::Write)
    }

    /// Opens the database to read it (lists, exports, reports): a damaged
    /// file is not refused, so what can still be read is read; a write
    /// through it is checked first all the same.
    pub fn open_to_read(path: &Path) -> Result<Store> {
        Store::open_as(path, open::Access::Read)
    }

    fn open_as(path: &Path, access: open::Access) -> Result<Store> {
        let conn = open::open_checked(path, access)?;
        let check = if access == open::Access::Read {
            Check::Lazy
        } else if open::needs_deferred_check(path) {
            let path = path.to_path_buf();
            let stop = std::sync::Arc::new(backup::CheckStop::default());
            let stopper = std::sync::Arc::clone(&stop);
            let check =
                std::thread::spawn(move || sound_or_corrupt(&path, backup::quick_check_stoppable(&path, stopper)?));
            Check::Running(check, stop)
        } else {
            Check::Passed
        };
        let cadences = [Tier::A, Tier::B, Tier::C].map(Tier::default_cadence_days);
        let probabilities = crate::domain::Stage::ALL.map(crate::domain::Stage::default_probability);
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            cadences,
            probabilities,
            plan: PlanRules::default(),
            origin: "app".to_string(),
            session: Uuid::now_v7().to_string(),
            check: std::cell::RefCell::new(check),
            patience: None,
        })
    }

    /// Waits for the check before the first write; a damaged file refuses
    /// every write.
    fn writable(&self) -> Result<()> {
        let mut check = self.check.borrow_mut();
        if let Check::Lazy = &*check {
            *check = match sound_or_corrupt(&self.path, backup::check_file(&self.path)?) {
                Ok(()) => Check::Passed,
                Err(StoreError::Corrupt { detail, .. }) => Check::Failed(detail),
                Err(e) => return Err(e),
            };
        }
        if let Check::Running(..) = &*check {
            let Check::Running(handle, _) = std::mem::replace(&mut *check, Check::Passed) else { unreachable!() };
            *check = match handle.join() {
                Ok(Ok(())) => Check::Passed,
                Ok(Err(StoreError::Corrupt { detail, .. })) => Check::Failed(detail),
                Ok(Err(e)) => Check::Failed(e.to_string()),
                Err(_) => Check::Failed("the check stopped".to_string()),
            };
        }
        match &*check {
            Check::Failed(detail) => Err(StoreError::Corrupt { path: self.path.clone(), detail: detail.clone() }),
            _ => Ok(()),
        }
    }

    /// Says where the actions of this process come from (`app` unless
    /// told): `log`, `import`, `demo`...
    pub fn set_origin(&mut self, origin: &str) {
        self.origin = origin.to_string();
    }

    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// A number that changes whenever another connection (another kam
    /// process) commits to the file: the app polls it when idle to show
    /// others' writes without a key press.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Sets each stage's default win probability (percent, stages 1 to 6).
    pub fn set_probabilities(&mut self, probabilities: [u8; 6]) {
        self.probabilities = probabilities.map(|p| p.min(100));
    }

    /// Sets the visit cadence of each tier for accounts added or re-tiered
    /// from now on.
    pub fn set_cadences(&mut self, a: u32, b: u32, c: u32) {
        self.cadences = [a, b, c].map(|d| d.clamp(1, 3660));
    }

    /// Sets the working days and the window a logged visit is linked in.
    pub fn set_plan_rules(&mut self, rules: PlanRules) {
        self.plan = rules;
    }

    pub fn plan_rules(&self) -> &PlanRules {
        &self.plan
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// How long a write waits for another program's lock before it gives
    /// up with `Cause::Locked` (10 s unless told).
    pub fn set_busy_timeout(&self, wait: std::time::Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        Ok(())
    }

    /// Runs `work` as one write transaction: all of it lands or none.
    /// Immediate, so a second kam process waits (busy timeout) instead of
    /// failing half-way with "database is locked"; while another kam says
    /// it is writing (an import), a store told to be patient waits on.
    pub fn batch<T>(&mut self, work: impl FnOnce(&Batch<'_>) -> Result<T>) -> Result<T> {
        self.batch_kept(|b, _| work(b).map(|out| (out, true)))
    }

    /// `batch`, whose work also says whether to keep what it wrote: a
    /// streaming import writes as it reads and, when a row turns out bad,
    /// leaves the file as it was. The work is also handed the store to
    /// read with: inside the transaction, so it sees what the work wrote
    /// (a row finds the rows of the file before it).
    pub fn batch_kept<T>(&mut self, work: impl FnOnce(&Batch<'_>, &Store) -> Result<(T, bool)>) -> Result<T> {
        self.writable()?;
        let path = self.path.clone();
        let named = |e: StoreError| match e {
            // A low-level failure is named for what it is (a full disk).
            StoreError::Sqlite(inner) => open::classify(&path, inner),
            other => other,
        };
        let tx = self.begin_waiting()?;
        let _note = writer::announce(&self.path, &self.origin);
        let batch = Batch { tx: &tx, cadences: self.cadences, probabilities: self.probabilities, plan: &self.plan };
        let (out, keep) = work(&batch, self).map_err(named)?;
        if keep {
            tx.commit().map_err(|e| named(e.into()))?;
        } else {
            tx.rollback().map_err(|e| named(e.into()))?;
        }
        Ok(out)
    }

    /// Takes the write lock, waiting the busy timeout for it, and longer
    /// while another kam that says so is writing (up to the patience).
    fn begin_waiting(&self) -> Result<Transaction<'_>> {
        let started = std::time::Instant::now();
        let mut told = false;
        loop {
            match Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate) {
                Ok(tx) => return Ok(tx),
                Err(e) if open::is_busy(&e) => {
                    let writer = writer::current_writer(&self.path);
                    let waited = started.elapsed();
                    // A patient store tries again: on and on while another
                    // kam says it writes, the usual wait for anyone else.
                    if let Some(patience) = &self.patience {
                        match &writer {
                            Some(w) if waited < patience.limit => {
                                if !told {
                                    (patience.tell)(w);
                                    told = true;
                                }
                                continue;
                            }
                            None if waited < open::OPEN_WAIT => continue,
                            _ => {}
                        }
                    }
                    return Err(StoreError::Locked { path: self.path.clone(), writer, waited });
                }
                Err(e) => return Err(open::classify(&self.path, e)),
            }
        }
    }

    /// How long a write waits for the file's lock while another kam says
    /// it is writing (an import of 200,000 rows takes a while), and how
    /// the wait is told (once): for the command line.
    /// Each try waits a second, so the wait is told soon.
    pub fn wait_for_other_kams(&mut self, limit: std::time::Duration, tell: Box<dyn Fn(&Writer)>) -> Result<()> {
        self.conn.busy_timeout(std::time::Duration::from_secs(1))?;
        self.patience = Some(Patience { limit, tell });
        Ok(())
    }

    /// Lets a big write keep its pages in memory (up to `mib` MiB) instead
    /// of spilling them to the WAL again and again mid-transaction; the
    /// demo generator and importers use it.
    pub fn set_cache_mib(&self, mib: u32) -> Result<()> {
        self.conn.pragma_update(None, "cache_size", -(i64::from(mib) * 1024))?;
        Ok(())
    }

    /// For the app: no checkpoint inside a keystroke's commit. The app
    /// calls `checkpoint` when idle instead, so moving WAL pages into the
    /// file never lands on a key press.
    pub fn defer_checkpoints(&self) -> Result<()> {
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        Ok(())
    }

    /// Copies committed pages from the WAL into the file, without waiting
    /// for readers (another kam keeps working).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// The number of accounts, so an empty file can greet the user.
    pub fn is_empty(&self) -> Result<bool> {
        let any: Option<i64> = self.conn.query_row("SELECT id FROM account LIMIT 1", [], |r| r.get(0)).optional()?;
        Ok(any.is_none())
    }
}

/// The order a listing pages through records: newest first (lists on
/// screen and `kam list`), or in the order they were made (exports, so an
/// import of the file makes them again in the same order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageOrder {
    NewestFirst,
    AsMade,
}

impl PageOrder {
    /// The keyset clause over `id` (a column name, e.g. `c.id`) for pages
    /// after `after`, with `?1` the last key and `?2` the limit, and the
    /// key before the first page.
    pub(crate) fn clause(self, id: &str, after: Option<i64>) -> (String, i64) {
        match self {
            PageOrder::NewestFirst => (format!("{id} < ?1 ORDER BY {id} DESC LIMIT ?2"), after.unwrap_or(i64::MAX)),
            PageOrder::AsMade => (format!("{id} > ?1 ORDER BY {id} LIMIT ?2"), after.unwrap_or(i64::MIN)),
        }
    }
}

/// The writes of one transaction. Each method is one statement or a few;
/// the caller decides what belongs together.
pub struct Batch<'a> {
    tx: &'a Transaction<'a>,
    cadences: [u32; 3],
    probabilities: [u8; 6],
    plan: &'a PlanRules,
}

impl Batch<'_> {
    fn probability(&self, stage: crate::domain::Stage) -> u8 {
        self.probabilities[usize::from(stage.number() - 1)]
    }

    fn cadence(&self, tier: Tier) -> u32 {
        match tier {
            Tier::A => self.cadences[0],
            Tier::B => self.cadences[1],
            Tier::C => self.cadences[2],
        }
    }
}

#[cfg(test)]
mod text_tests {
    use super::*;

    #[test]
    fn times_and_days_are_written_as_chrono_writes_them() {
        let mut seconds: i64 = -62_000_000_000;
        while seconds < 260_000_000_000 {
            for nanos in [0, 1_000_000, 999_999_999, 123_456_789] {
                let at = DateTime::from_timestamp(seconds, nanos).expect("time");
                assert_eq!(timestamp_text(at), at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string());
                assert_eq!(day_text(at.date_naive()), at.date_naive().format("%Y-%m-%d").to_string());
            }
            seconds += 86_400 * 37 + 3_671;
        }
    }
}
