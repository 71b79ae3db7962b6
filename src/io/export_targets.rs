//! The months' targets as rows of a file (CSV, JSON, xlsx): what
//! `kam import targets` reads back. Money columns end in `_cents` in JSON.

use super::export::{Cell, EXPORT_PAGE, ExportError, Format, Sink, sink_writer, write_pages};
use super::export_money::headers;
use crate::store::{Store, TargetRow};

pub const TARGET_COLUMNS: &[&str] =
    &["month", "sales", "collections", "visits", "new_accounts", "uuid", "created_at", "updated_at"];
pub const TARGET_MONEY: &[&str] = &["sales", "collections"];

pub fn target_cells(t: &TargetRow) -> Vec<Cell> {
    vec![
        Cell::Text(t.month.clone()),
        Cell::Money(t.targets.sales_cents),
        Cell::Money(t.targets.collections_cents),
        Cell::Int(t.targets.visits),
        Cell::Int(t.targets.new_accounts),
        Cell::Text(t.uuid.clone()),
        Cell::Text(t.created_at.clone()),
        Cell::Text(t.updated_at.clone()),
    ]
}

/// Every month's targets, in month order. Returns how many months.
pub fn export_targets(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let names = headers(format, TARGET_COLUMNS, TARGET_MONEY);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let w = sink_writer(format, &names, sink)?;
    write_pages(
        w,
        |after: Option<String>| store.targets_page(after.as_deref(), EXPORT_PAGE),
        |t| t.month.clone(),
        target_cells,
    )
}
