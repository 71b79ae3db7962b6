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
