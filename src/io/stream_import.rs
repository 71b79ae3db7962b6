//! The way an import goes when it writes as it reads: rows come one at a
//! time, each is checked (reading through the store inside the import's
//! own transaction, so a row finds the rows of the file before it) and
//! written at once. At the end all of it is kept, as one action, or none of
//! it: nothing on a dry run, nothing when a row was rejected and the user
//! did not ask to skip bad rows. Memory holds a row, not the file: a
//! million activities import in the memory of one.

use std::path::Path;

use super::import::{ImportError, ImportOptions, ImportReport, RowError};
use super::read_rows::{Row, RowReader};
use crate::ops::ActionKind;
use crate::store::{Batch, Store};

/// How many lookups (an account by its name, its contacts) an import
/// remembers before it forgets them and asks again: a file of a million
/// rows names a hundred thousand accounts.
pub(super) const LOOKUPS_KEPT: usize = 20_000;

/// What the rows came to, so far.
#[derive(Debug, Default)]
pub(super) struct Tally {
    pub(super) rejected: Vec<RowError>,
    /// New records written.
    pub(super) written: usize,
    /// Records already here that took the file's values.
    pub(super) updated: usize,
    /// Rows whose record was already here (or twice in the file), left.
    pub(super) already_there: usize,
}

/// Where a row's checks and writes go.
pub(super) struct Writing<'a, 'b> {
    /// The import's writes.
    pub(super) batch: &'a Batch<'b>,
    /// Reads, inside the import's transaction.
    pub(super) store: &'a Store,
    /// False on a dry run: rows are checked, nothing is written.
    pub(super) writes: bool,
}

/// Reads `reader` to its end: `take` checks and writes each row, `finish`
/// what is left once every row is in (links to rows that came later).
/// Kept only when it should be (see the module's note).
pub(super) fn import_streaming(
    store: &mut Store,
    kind: ActionKind,
    path: &Path,
    mut reader: RowReader,
    options: &ImportOptions,
    mut take: impl FnMut(&Writing<'_, '_>, &Row, &mut Tally) -> crate::store::Result<()>,
    finish: impl FnOnce(&Writing<'_, '_>, &mut Tally) -> crate::store::Result<()>,
) -> Result<ImportReport, ImportError> {
    let (ignored_columns, encoding) = (reader.map.ignored.clone(), reader.encoding);
    // Pages in memory for a big write, instead of spilling them to the WAL
    // again and again mid-transaction; still well inside the memory the
    // import may use.
    store.set_cache_mib(32)?;
    let (outcome, read) = crate::ops::import_records_kept(store, kind, path, |batch, store| {
        let writing = Writing { batch, store, writes: !options.dry_run };
        let mut tally = Tally::default();
        let mut failure = None;
        loop {
            match reader.next_row() {
                Ok(Some(row)) => take(&writing, &row, &mut tally)?,
                Ok(None) => break,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if failure.is_none() {
            finish(&writing, &mut tally)?;
        }
        tally.rejected.append(&mut reader.bad);
        let keep = failure.is_none()
            && writing.writes
            && (tally.rejected.is_empty() || options.skip_invalid)
            && tally.written + tally.updated > 0;
        Ok(((failure.map_or(Ok((tally, keep)), Err), reader.read), keep))
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
        duplicates: Vec::new(),
        skipped_duplicates: 0,
        ignored_columns,
        dry_run: options.dry_run,
    })
}
