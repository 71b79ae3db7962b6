//! Imports: every row the importer checked, written as one action, so a
//! whole file is one undo step and a failure leaves the file as it was.
//! Parsing and checking rows lives in `io`; only the write is here.

use super::ActionKind;
use crate::store::{Batch, Result, Store};

/// Runs an importer's writes as one action named after its file.
pub fn import_records<T>(
    store: &mut Store,
    kind: ActionKind,
    file: &std::path::Path,
    write: impl FnOnce(&Batch<'_>) -> Result<T>,
) -> Result<T> {
    let origin_before = store.origin().to_string();
    store.set_origin("import");
    let out = store.action(kind.code(), &file.display().to_string(), write);
    store.set_origin(&origin_before);
    out
}

/// `import_records` for an importer that writes as it reads: `write` says
/// whether to keep what it wrote (no when a row turned out bad, or on a
/// dry run), and nothing of it lands otherwise.
pub fn import_records_kept<T>(
    store: &mut Store,
    kind: ActionKind,
    file: &std::path::Path,
    write: impl FnOnce(&Batch<'_>, &Store) -> Result<(T, bool)>,
) -> Result<T> {
    let origin_before = store.origin().to_string();
    store.set_origin("import");
    // A book being filled for the first time (no accounts yet) takes the
    // import written once into the file, not through the WAL. A book with
    // accounts stays in WAL: a kam started during a long import reads the
    // book as it was instead of waiting for the import to end.
    let subject = file.display().to_string();
    let out = if store.is_empty()? {
        store.with_rollback_journal(|store| {
            store.with_sorts_on_disk(|store| store.action_kept(kind.code(), &subject, write))
        })
    } else {
        store.action_kept(kind.code(), &subject, write)
    };
    store.set_origin(&origin_before);
    out
}
