//! The rep this file belongs to.

use super::ActionKind;
use crate::store::{Result, Store};

/// Names the file's rep (asked once by the app, changeable).
pub fn set_rep_name(store: &mut Store, name: &str) -> Result<()> {
    let name = name.trim().to_string();
    store.action(ActionKind::SetRepName.code(), &name, |b| b.set_rep_name(&name))
}
