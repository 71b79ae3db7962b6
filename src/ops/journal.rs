//! Undo and redo: each takes back or does again one whole action.

use crate::store::{ActionInfo, Result, Store};

/// Takes back the newest action not undone (None: nothing to undo). The
/// screen asks first when `Store::next_undo` says it is not its own.
pub fn undo(store: &mut Store) -> Result<Option<ActionInfo>> {
    store.undo()
}

/// Does again the action undone last (None: nothing to redo).
pub fn redo(store: &mut Store) -> Result<Option<ActionInfo>> {
    store.redo()
}
