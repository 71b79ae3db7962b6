//! Contracts, instalments and receipts as rows of a file (CSV, JSON, xlsx):
//! the columns `kam list` and `kam export` share, with what is worked out
//! when read (received, outstanding, status, days overdue). Money columns
//! are `_cents` in JSON.

use chrono::NaiveDate;

use super::export::{
    Cell, EXPORT_PAGE, ExportError, Format, Sink, cells_without_local_id, day_cell, sink_writer, without_local_id,
    write_pages,
};
use crate::store::{ContractRow, InstalmentFilter, InstalmentRow, PageOrder, ReceiptRow, Store};

/// The column names for `format`: money columns end in `_cents` in JSON.
pub fn headers(format: Format, names: &[&'static str], money: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|h| if format == Format::Json && money.contains(h) { format!("{h}_cents") } else { h.to_string() })
        .collect()
}

pub const INSTALMENT_COLUMNS: &[&str] = &[
    "id",
    "contract",
    "contract_title",
    "account",
    "seq",
    "label",
    "due_on",
    "amount",
    "received",
    "outstanding",
    "status",
    "days_overdue",
    "last_received_on",
    "as_of",
    "uuid",
    "contract_uuid",
    "method",
    "warn_days",
    "condition",
    "void",
    "notes",
];
pub const INSTALMENT_MONEY: &[&str] = &["amount", "received", "outstanding"];

pub fn instalment_cells(i: &InstalmentRow) -> Vec<Cell> {
    vec![
        Cell::Int(i.id),
        Cell::Text(i.contract_number.clone()),
        Cell::Text(i.contract_title.clone()),
        Cell::Text(i.account_name.clone()),
        Cell::Int(i64::from(i.instalment.seq)),
        Cell::Text(i.instalment.label.clone()),
        day_cell(Some(i.instalment.due_on)),
        Cell::Money(i.instalment.amount),
        Cell::Money(i.received),
        Cell::Money(i.outstanding()),
        Cell::Text(i.status.code().to_string()),
        Cell::Int(i.status.days_overdue()),
        day_cell(i.last_received_on),
        day_cell(Some(i.as_of)),
        Cell::Text(i.uuid.clone()),
        Cell::Text(i.contract_uuid.clone()),
        Cell::Text(i.instalment.method.clone()),
        Cell::Int(i64::from(i.instalment.warn_days)),
        Cell::Text(i.instalment.condition.clone()),
        Cell::Bool(i.instalment.void),
        Cell::Text(i.instalment.notes.clone()),
    ]
}

pub const CONTRACT_COLUMNS: &[&str] = &[
    "id",
    "number",
    "title",
    "account",
    "status",
    "signed_on",
    "start_on",
    "end_on",
    "amount",
    "planned",
    "received",
    "outstanding",
    "terms",
    "void_reason",
    "uuid",
    "account_uuid",
    "signatory_uuid",
    "notes",
    "deal_uuid",
];
pub const CONTRACT_MONEY: &[&str] = &["amount", "planned", "received", "outstanding"];

pub fn contract_cells(c: &ContractRow) -> Vec<Cell> {
    vec![
        Cell::Int(c.id),
        Cell::Text(c.contract.number.clone()),
        Cell::Text(c.contract.title.clone()),
        Cell::Text(c.account_name.clone()),
        Cell::Text(c.contract.status.code().to_string()),
        day_cell(c.contract.signed_on),
        day_cell(c.contract.start_on),
        day_cell(c.contract.end_on),
        Cell::Money(c.contract.amount),
        Cell::Money(c.planned),
        Cell::Money(c.received),
        Cell::Money(c.outstanding()),
        Cell::Text(c.contract.terms.clone()),
        Cell::Text(c.contract.void_reason.clone()),
        Cell::Text(c.uuid.clone()),
        Cell::Text(c.account_uuid.clone()),
        Cell::Text(c.signatory_uuid.clone().unwrap_or_default()),
        Cell::Text(c.contract.notes.clone()),
        Cell::Text(c.deal_uuid.clone().unwrap_or_default()),
    ]
}

pub const RECEIPT_COLUMNS: &[&str] = &[
    "id",
    "contract",
    "contract_title",
    "account",
    "instalment",
    "received_on",
    "amount",
    "method",
    "reference",
    "uuid",
    "contract_uuid",
    "notes",
];
pub const RECEIPT_MONEY: &[&str] = &["amount"];

pub fn receipt_cells(r: &ReceiptRow) -> Vec<Cell> {
    vec![
        Cell::Int(r.id),
        Cell::Text(r.contract_number.clone()),
        Cell::Text(r.contract_title.clone()),
        Cell::Text(r.account_name.clone()),
        r.instalment_seq.map(|s| Cell::Int(i64::from(s))).unwrap_or(Cell::Text(String::new())),
        day_cell(Some(r.receipt.received_on)),
        Cell::Money(r.receipt.amount),
        Cell::Text(r.receipt.method.clone()),
        Cell::Text(r.receipt.reference.clone()),
        Cell::Text(r.uuid.clone()),
        Cell::Text(r.contract_uuid.clone()),
        Cell::Text(r.receipt.notes.clone()),
    ]
}

/// Rows read per page while exporting everything.
/// Every contract in the order they were made, a page at a time. Returns how many.
pub fn export_contracts(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let names = headers(format, without_local_id(CONTRACT_COLUMNS), CONTRACT_MONEY);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let w = sink_writer(format, &names, sink)?;
    write_pages(
        w,
        |after| store.contracts_page(PageOrder::AsMade, after, EXPORT_PAGE),
        |row| row.id,
        |row| cells_without_local_id(contract_cells(row)),
    )
}

/// Every instalment by due date, with its status on `as_of`.
pub fn export_instalments(
    store: &Store,
    format: Format,
    sink: Sink<'_>,
    as_of: NaiveDate,
) -> Result<usize, ExportError> {
    let names = headers(format, without_local_id(INSTALMENT_COLUMNS), INSTALMENT_MONEY);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let w = sink_writer(format, &names, sink)?;
    let filter = InstalmentFilter { as_of, status: None, contract_id: None };
    write_pages(
        w,
        |after| store.instalments_page(&filter, after, EXPORT_PAGE),
        |row| row.key(),
        |row| cells_without_local_id(instalment_cells(row)),
    )
}

/// Every receipt in the order they were made.
pub fn export_receipts(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let names = headers(format, without_local_id(RECEIPT_COLUMNS), RECEIPT_MONEY);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let w = sink_writer(format, &names, sink)?;
    write_pages(
        w,
        |after| store.receipts_page(PageOrder::AsMade, after, EXPORT_PAGE),
        |row| row.id,
        |row| cells_without_local_id(receipt_cells(row)),
    )
}
