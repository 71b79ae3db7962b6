//! `kam import accounts FILE`, written as it is read: one thread reads and
//! checks each row and works out its pinyin search keys, the other looks
//! each up (already here? a likely duplicate?) and writes it, a bounded
//! queue apart. Memory holds a few hundred rows, not the file. Every good
//! row is written as it comes, so later rows find earlier ones (a key or a
//! name twice); all of it is one action, kept only when no row was
//! rejected (or `--skip-invalid`) and not on a dry run: otherwise it is
//! rolled back and the file is left as it was.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use chrono::{DateTime, Utc};

use super::import::{
    Duplicate, DuplicateOf, ImportError, ImportOptions, ImportReport, OnDuplicate, Problem, RowError, header_of,
};
use super::mapping::{ColumnMap, FieldSpec};
use super::read_rows::{KEY, Row, RowReader, record_meta};
use crate::domain::account::{AccountField, AccountInput, validate_account};
use crate::domain::search::NameKeys;
use crate::domain::{Money, Tier};
use crate::ops::ActionKind;
use crate::store::{Batch, FinishedDraft, Imported, NewAccount, RecordMeta, SearchDraft, Store};

pub(super) const ACCOUNT_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        field: "name",
        aliases: &[
            "account",
            "account name",
            "company",
            "company name",
            "customer",
            "客户名称",
            "名称",
            "公司名称",
            "企业名称",
            "客户",
        ],
    },
    FieldSpec { field: "short_name", aliases: &["short", "abbreviation", "简称", "客户简称"] },
    FieldSpec { field: "segment", aliases: &["sector", "industry", "category", "客户分类", "分类", "行业"] },
    FieldSpec { field: "tier", aliases: &["level", "grade", "等级", "客户等级"] },
    FieldSpec { field: "tier_pinned", aliases: &["等级锁定"] },
    FieldSpec {
        field: "region",
        aliases: &["area", "location", "office location", "province", "city", "地区", "区域", "省份", "城市"],
    },
    FieldSpec { field: "address", aliases: &["地址"] },
    FieldSpec { field: "status", aliases: &["状态"] },
    FieldSpec { field: "credit_rating", aliases: &["credit", "rating", "信用等级", "信用"] },
    FieldSpec {
        field: "annual_purchase", aliases: &["annual purchase amount", "purchase", "年采购额", "采购额"]
    },
    FieldSpec { field: "annual_purchase_cents", aliases: &[] },
    FieldSpec { field: "info_sources", aliases: &["sources", "source", "信息来源", "来源"] },
    FieldSpec { field: "notes", aliases: &["note", "remarks", "comment", "备注"] },
    FieldSpec { field: "no_known_competitor", aliases: &["无已知竞争对手"] },
    FieldSpec { field: "uuid", aliases: &[] },
    FieldSpec { field: "created_at", aliases: &[] },
    FieldSpec { field: "updated_at", aliases: &[] },
];

/// A row the reading thread found good, with all the writer needs.
struct GoodRow {
    number: usize,
    account: NewAccount,
    keys: NameKeys,
    meta: RecordMeta,
    /// The file gave the UUID (kam's own export): found again by it.
    uuid_given: bool,
    /// The file's own id (`--key`), or empty.
    key: String,
    /// When the file says the account changed after it was made.
    updated: Option<DateTime<Utc>>,
}

/// Rows handed from the reading thread to the writing one at a time.
const BATCH: usize = 256;

/// Batches of written rows the search draft may fall behind by: it then
/// catches up while the writer builds the indexes and the undo journal.
const INDEX_BACKLOG: usize = 32;

/// A row the writer is done with, and the id of the account it added.
type Written = (Option<i64>, Box<GoodRow>);

/// Builds a first import's search index from the rows the writer added,
/// then hands each batch back to the reading thread to be freed. `None`
/// when the draft could not be written (the index is then built at the
/// end, as for any book).
fn build_search_index(
    mut draft: SearchDraft,
    written: Receiver<Vec<Written>>,
    give_back: SyncSender<Vec<Written>>,
) -> Option<FinishedDraft> {
    let mut whole = true;
    for batch in written {
        if whole {
            whole = batch.iter().all(|(id, row)| id.is_none_or(|id| draft.add(id, &row.keys.search).is_ok()));
        }
        let _ = give_back.try_send(batch);
    }
    whole.then(|| draft.finish().ok()).flatten()
}

/// What the reading thread makes of each row.
enum Checked {
    Rejected(Vec<RowError>),
    Good(Box<GoodRow>),
}

/// Checks one row: its fields, its identity and times; works out its name
/// keys. Touches no store, so it runs beside the writes.
fn check_row(row: &Row, map: &ColumnMap, headers: &[String], tier_for: &(impl Fn(Money) -> Tier + Sync)) -> Checked {
    let header = |field: &str| header_of(map, headers, field);
    let cents = row.get("annual_purchase_cents");
    let annual = if cents.trim().is_empty() {
        row.get("annual_purchase")
    } else {
        cents.trim().parse::<i64>().map(|c| Money(c).full()).unwrap_or(cents)
    };
    // A tier the file marks as derived (kam's export: tier_pinned false) is
    // derived here again; any other tier given is pinned.
    let derived = matches!(row.get("tier_pinned").trim().to_lowercase().as_str(), "false" | "0" | "no" | "否");
    let mut input = AccountInput {
        name: row.get("name"),
        short_name: row.get("short_name"),
        segment: row.get("segment"),
        tier: if derived { String::new() } else { row.get("tier") },
        region: row.get("region"),
        address: row.get("address"),
        status: row.get("status"),
        credit_rating: row.get("credit_rating"),
        annual_purchase: annual,
        info_sources: row.get("info_sources"),
        notes: row.get("notes"),
        no_known_competitor: row.get("no_known_competitor"),
    };
    let mut errors = Vec::new();
    let meta = record_meta(row, header, &mut errors);
    let updated = match row.get("updated_at").trim() {
        "" => None,
        text => match crate::store::parse_timestamp(text) {
            Some(at) => (at != meta.at).then_some(at),
            None => {
                errors.push(RowError {
                    row: row.number,
                    column: header("updated_at"),
                    problem: Problem::NotATimestamp,
                });
                None
            }
        },
    };
    crate::labels::account_input_codes(&mut input);
    match validate_account(&input, tier_for) {
        Ok(account) if errors.is_empty() => {
            let keys = NameKeys::of(&account.name, &account.short_name);
            Checked::Good(Box::new(GoodRow {
                number: row.number,
                account,
                keys,
                meta,
                uuid_given: !row.get("uuid").trim().is_empty(),
                key: row.get(KEY),
                updated,
            }))
        }
        Ok(_) => Checked::Rejected(errors),
        Err(field_errors) => {
            for (field, e) in field_errors {
                let column =
                    if field == AccountField::AnnualPurchase && map.column_of("annual_purchase_cents").is_some() {
                        header("annual_purchase_cents")
                    } else {
                        header(field.key())
                    };
                errors.push(RowError { row: row.number, column, problem: Problem::Field(e) });
            }
            Checked::Rejected(errors)
        }
    }
}

/// What the writer saw, row by row.
#[derive(Default)]
struct Tally {
    rejected: Vec<RowError>,
    duplicates: Vec<Duplicate>,
    skipped_duplicates: usize,
    already_there: usize,
    written: usize,
    updated: usize,
    /// On a dry run, which writes nothing: keys seen in the file (a key
    /// twice is one record) and folded names with the first row of each.
    /// An import that writes finds both in the file it is writing.
    keys: HashSet<String>,
    /// The names by a 64-bit hash of each: the names themselves took
    /// 100 bytes a row, 172 MB for a dry run of a million. Two names of
    /// one hash (about one chance in 30 million for a million names)
    /// would be called a likely duplicate: a note, never a change.
    names: HashMap<u64, usize>,
    /// The accounts this import wrote, with their rows: a likely
    /// duplicate among them is named by its row.
    written_rows: WrittenRows,
}

/// The ids of the accounts an import wrote and the rows they came from,
/// kept as runs where both go up by one together: a clean file of a
/// million rows is one run, where a pair for each row took 16 MB and
/// grew the import's memory with the file.
#[derive(Default)]
struct WrittenRows(Vec<WrittenRun>);

struct WrittenRun {
    first_id: i64,
    first_row: usize,
    count: usize,
}

impl WrittenRows {
    /// Notes account `id`, written from `row`; ids only grow.
    fn push(&mut self, id: i64, row: usize) {
        if let Some(run) = self.0.last_mut()
            && i64::try_from(run.count).is_ok_and(|count| run.first_id + count == id)
            && run.first_row + run.count == row
        {
            run.count += 1;
            return;
        }
        self.0.push(WrittenRun { first_id: id, first_row: row, count: 1 });
    }

    /// The row account `id` was written from, if this import wrote it.
    fn row_of(&self, id: i64) -> Option<usize> {
        let at = self.0.partition_point(|run| run.first_id <= id).checked_sub(1)?;
        let run = &self.0[at];
        let past_first = usize::try_from(id - run.first_id).ok()?;
        (past_first < run.count).then(|| run.first_row + past_first)
    }
}

impl Tally {
    /// Whether what was written is kept: not on a dry run, and not when a
    /// row was rejected (unless told to skip such rows).
    fn keeps(&self, options: &ImportOptions) -> bool {
        !options.dry_run && (self.rejected.is_empty() || options.skip_invalid)
    }

    /// A likely duplicate of `folded`: an earlier row of the file, or an
    /// account already here.
    fn duplicate_of(
        &mut self,
        b: &Batch<'_>,
        folded: &str,
        number: usize,
        dry_run: bool,
    ) -> crate::store::Result<Option<DuplicateOf>> {
        if dry_run {
            let name = {
                use std::hash::{Hash, Hasher};
                let mut hasher = std::hash::DefaultHasher::new();
                folded.hash(&mut hasher);
                hasher.finish()
            };
            let of = match self.names.get(&name) {
                Some(&first) => Some(DuplicateOf::Row(first)),
                None => b.likely_duplicate(folded)?.map(DuplicateOf::Existing),
            };
            self.names.entry(name).or_insert(number);
            return Ok(of);
        }
        Ok(b.likely_duplicate(folded)?.map(|id| match self.written_rows.row_of(id) {
            Some(row) => DuplicateOf::Row(row),
            None => DuplicateOf::Existing(id),
        }))
    }

    /// Looks a good row up and writes it when it is new (or updates the
    /// record it names, when told to). Gives the id of the account it
    /// added, if it added one.
    fn take(
        &mut self,
        b: &Batch<'_>,
        row: &GoodRow,
        options: &ImportOptions,
        today: chrono::NaiveDate,
    ) -> crate::store::Result<Option<i64>> {
        // Every row is written (and all of it undone at the end when the
        // import is refused), so later rows find earlier ones in the file.
        let writes = !options.dry_run;
        // Already here (by UUID or key)? Left as it is, or updated.
        if options.dry_run && !row.key.is_empty() && !self.keys.insert(row.key.clone()) {
            self.already_there += 1;
            return Ok(None);
        }
        let uuid = row.uuid_given.then(|| row.meta.uuid.to_string());
        if let Some(id) = b.find_imported(Imported::Account, uuid.as_deref(), Some(&row.key))? {
            match options.on_duplicate {
                OnDuplicate::Update => {
                    if writes {
                        b.update_account(id, &row.account)?;
                    }
                    self.updated += 1;
                }
                _ => self.already_there += 1,
            }
            return Ok(None);
        }
        if let Some(of) = self.duplicate_of(b, &row.keys.folded, row.number, options.dry_run)? {
            self.duplicates.push(Duplicate { row: row.number, name: row.account.name.clone(), of });
            if options.on_duplicate == OnDuplicate::Skip {
                self.skipped_duplicates += 1;
                return Ok(None);
            }
        }
        self.written += 1;
        if !writes {
            return Ok(None);
        }
        let id = b.insert_account_keyed(&row.account, &row.keys, &row.meta, today)?;
        self.written_rows.push(id, row.number);
        if !row.key.is_empty() {
            b.set_external_id(Imported::Account, id, &row.key)?;
        }
        if let Some(at) = row.updated {
            b.set_account_updated_at(id, at)?;
        }
        Ok(Some(id))
    }
}

/// Imports accounts from a CSV, xlsx or JSON file.
pub fn import_accounts(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    tier_for: impl Fn(Money) -> Tier + Sync,
    today: chrono::NaiveDate,
) -> Result<ImportReport, ImportError> {
    let mut reader = RowReader::open(path, ACCOUNT_FIELDS, options)?;
    if !reader.map.feeds("name") {
        return Err(ImportError::MissingColumn("name"));
    }
    let (map, headers, encoding) = (reader.map.clone(), reader.headers.clone(), reader.encoding);
    // Pages in memory for a big write, instead of spilling them to the WAL
    // again and again mid-transaction.
    store.set_cache_mib(32)?;
    let (outcome, read) = crate::ops::import_records_kept(store, ActionKind::ImportAccounts, path, |b, _| {
        // The search index and the undo journal of the accounts it adds
        // are each written in one statement at the end, and so are the
        // read-only indexes of a first import.
        let new_rows = [("account", "id"), ("visit_plan", "account_id")];
        b.with_search_deferred(|b| {
            std::thread::scope(|scope| {
                // Rows go over in batches: a hand-over per row cost more in
                // waking threads than the row's own work.
                let (send, checked) = sync_channel::<Vec<Result<Checked, ImportError>>>(4);
                // Written rows go back to be freed where they were made:
                // glibc frees another thread's memory under a lock the
                // two threads then fight over, and the writer is the
                // busier of the two.
                let (give_back, written) = sync_channel::<Vec<Written>>(4);
                let (map, headers, tier_for) = (&map, &headers, &tier_for);
                let reading = scope.spawn(move || {
                    let mut batch = Vec::with_capacity(BATCH);
                    loop {
                        while let Ok(rows) = written.try_recv() {
                            drop(rows);
                        }
                        let item = match reader.next_row() {
                            Ok(Some(row)) => Ok(check_row(&row, map, headers, tier_for)),
                            Ok(None) => break,
                            Err(e) => Err(e),
                        };
                        let failed = item.is_err();
                        batch.push(item);
                        if failed || batch.len() == BATCH {
                            let sent = send.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH))).is_ok();
                            if !sent || failed {
                                break; // the writer stopped, or the file cannot be read on
                            }
                        }
                    }
                    if !batch.is_empty() {
                        let _ = send.send(batch);
                    }
                    (reader.read, reader.bad)
                });
                // A first import builds the search index on a thread of
                // its own, beside the writes (see `store::search_draft`);
                // the rows written go there, then back to be freed.
                let draft = if options.dry_run { None } else { b.search_draft()? };
                let (to_index, indexing) = sync_channel::<Vec<Written>>(INDEX_BACKLOG);
                let building = draft.map(|draft| {
                    let give_back = give_back.clone();
                    scope.spawn(move || build_search_index(draft, indexing, give_back))
                });
                let to_index = building.as_ref().map(|_| to_index);
                let mut tally = Tally::default();
                let mut failure = None;
                // The undo journal of the accounts added and the read-only
                // indexes of a first import are written after the rows,
                // while the search draft catches up on the other core.
                b.with_insert_journal_deferred(&new_rows, |b| {
                    b.with_account_read_indexes_deferred_when_first(|b| {
                        'batches: for batch in checked {
                            let mut spent = Vec::with_capacity(batch.len());
                            for item in batch {
                                match item {
                                    Ok(Checked::Rejected(errors)) => tally.rejected.extend(errors),
                                    Ok(Checked::Good(row)) => {
                                        let id = tally.take(b, &row, options, today)?;
                                        spent.push((id, row));
                                    }
                                    Err(e) => {
                                        failure = Some(e);
                                        break 'batches;
                                    }
                                }
                            }
                            match &to_index {
                                Some(to_index) => {
                                    let _ = to_index.send(spent);
                                }
                                // Freed here instead when the reader is done or behind.
                                None => {
                                    let _ = give_back.try_send(spent);
                                }
                            }
                        }
                        Ok(())
                    })
                })?;
                drop(to_index);
                let index = building.and_then(|building| building.join().ok().flatten());
                // An account updated after it was indexed (a key twice in
                // the file) is indexed at the end instead, as it stands.
                if let Some(index) = index
                    && failure.is_none()
                    && tally.updated == 0
                {
                    b.adopt_search_draft(index)?;
                }
                let (read, bad) = reading.join().unwrap_or_default();
                tally.rejected.extend(bad);
                let keep = failure.is_none() && tally.keeps(options) && tally.written + tally.updated > 0;
                let outcome = match failure {
                    Some(e) => Err(e),
                    None => Ok((tally, keep)),
                };
                Ok(((outcome, read), keep))
            })
        })
    })?;
    let (mut tally, kept) = outcome?;
    tally.rejected.sort_by_key(|e| e.row);
    let (written, updated) = if kept { (tally.written, tally.updated) } else { (0, 0) };
    Ok(ImportReport {
        encoding,
        rows: read,
        written,
        updated,
        already_there: tally.already_there,
        rejected: tally.rejected,
        duplicates: tally.duplicates,
        skipped_duplicates: tally.skipped_duplicates,
        ignored_columns: map.ignored.clone(),
        dry_run: options.dry_run,
    })
}

#[cfg(test)]
mod tests {
    use super::WrittenRows;

    #[test]
    fn written_rows_are_found_by_id_across_rejected_rows_and_gaps() {
        let mut written = WrittenRows::default();
        // Rows 2-4 written as ids 10-12, row 5 rejected, rows 6-7 as 13-14,
        // then an id past a gap (another account in between).
        for (id, row) in [(10, 2), (11, 3), (12, 4), (13, 6), (14, 7), (20, 8)] {
            written.push(id, row);
        }
        assert_eq!(written.0.len(), 3);
        let rows: Vec<Option<usize>> = (9..=21).map(|id| written.row_of(id)).collect();
        let expected = [None, Some(2), Some(3), Some(4), Some(6), Some(7), None, None, None, None, None, Some(8), None];
        assert_eq!(rows, expected);
    }
}
