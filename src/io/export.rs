//! `kam export accounts|contacts --format csv|json|xlsx`: one writer per
//! format behind one small trait, fed a row at a time from the store.
//! CSV starts with a BOM (Excel on Chinese Windows needs it); text cells
//! starting with = + - @ TAB or CR get a leading `'` in CSV, so a
//! spreadsheet never runs them as formulas; xlsx cells are typed strings,
//! which never run, and keep the text as it is.

use crate::domain::Money;
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Xlsx,
}

/// A cell as a writer sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// Shown as `12345.67` in CSV and xlsx, as integer cents in JSON.
    Money(Money),
    Bool(bool),
    /// `YYYY-MM-DD` in CSV and JSON, a date cell in xlsx.
    Date(chrono::NaiveDate),
}

/// A day, or a blank cell when there is none.
pub fn day_cell(day: Option<chrono::NaiveDate>) -> Cell {
    day.map(Cell::Date).unwrap_or_else(|| Cell::Text(String::new()))
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Csv(#[from] csv::Error),
    #[error(transparent)]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Writes rows of one table in one format.
pub trait RowWriter {
    fn row(&mut self, cells: &[Cell]) -> Result<(), ExportError>;
    fn finish(self: Box<Self>) -> Result<(), ExportError>;
}

/// Rows read per page while a whole kind is exported.
pub const EXPORT_PAGE: usize = 1000;

/// Writes every row a keyset-paged listing gives, a page at a time (never
/// a whole table in memory), and finishes the file. `page(after)` reads the
/// page after key `after`; `key` is a row's key. Returns how many rows.
pub fn write_pages<T, K>(
    mut w: Box<dyn RowWriter + '_>,
    mut page: impl FnMut(Option<K>) -> crate::store::Result<Vec<T>>,
    key: impl Fn(&T) -> K,
    cells: impl Fn(&T) -> Vec<Cell>,
) -> Result<usize, ExportError> {
    let (mut after, mut count) = (None, 0);
    loop {
        let rows = page(after).map_err(|e| ExportError::Io(std::io::Error::other(e)))?;
        for row in &rows {
            w.row(&cells(row))?;
            crate::progress::step();
        }
        count += rows.len();
        match rows.last() {
            Some(last) if rows.len() == EXPORT_PAGE => after = Some(key(last)),
            _ => break,
        }
    }
    w.finish()?;
    Ok(count)
}

/// The first characters a spreadsheet takes for a formula (or strips).
pub const GUARDED: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A listing's columns without its first, the local `id`: a file carries
/// each record's UUID instead, the same in every copy of the data, so an
/// export imported elsewhere and exported again gives the same file.
pub fn without_local_id<'c>(columns: &'c [&'c str]) -> &'c [&'c str] {
    debug_assert_eq!(columns.first(), Some(&"id"));
    &columns[1..]
}

/// A listing's cells without the local `id` (see `without_local_id`).
pub fn cells_without_local_id(mut cells: Vec<Cell>) -> Vec<Cell> {
    cells.remove(0);
    cells
}

/// Whether a CSV cell of `text` gets the guard: it starts with a
/// character a spreadsheet runs or strips — after any quotes of its own, so
/// that text which already starts with `'=` comes back as written too.
pub fn guarded(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(GUARDED)
}

/// Text a spreadsheet would take for a formula gets a leading quote (in
/// CSV; the importer takes exactly one off again).
pub fn neutralise(text: &str) -> String {
    if guarded(text) { ["'", text].concat() } else { text.to_string() }
}

pub use super::writers::{Sink, sink_writer, writer};

/// Column names of the accounts export; in JSON the amount is in cents.
fn account_headers(format: Format) -> Vec<&'static str> {
    let amount = if format == Format::Json { "annual_purchase_cents" } else { "annual_purchase" };
    vec![
        "uuid",
        "name",
        "short_name",
        "segment",
        "tier",
        "tier_pinned",
        "region",
        "address",
        "status",
        "credit_rating",
        amount,
        "info_sources",
        "notes",
        "no_known_competitor",
        "created_at",
        "updated_at",
    ]
}

/// Writes every account; returns how many.
pub fn export_accounts(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let headers = account_headers(format);
    let mut w = sink_writer(format, &headers, sink)?;
    let mut count = 0;
    store.each_account(|a| {
        let f = &a.fields;
        // The tier is always shown; `tier_pinned` says whether the rep set
        // it or it follows the annual purchase (and is derived again on
        // import, by the importing file's own tier settings).
        let tier = f.tier.code();
        let cells = [
            Cell::Text(a.uuid.clone()),
            Cell::Text(f.name.clone()),
            Cell::Text(f.short_name.clone()),
            Cell::Text(f.segment.clone()),
            Cell::Text(tier.to_string()),
            Cell::Bool(f.tier_pinned),
            Cell::Text(f.region.clone()),
            Cell::Text(f.address.clone()),
            Cell::Text(f.status.code().to_string()),
            Cell::Text(f.credit_rating.clone()),
            Cell::Money(f.annual_purchase),
            Cell::Text(f.info_sources.clone()),
            Cell::Text(f.notes.clone()),
            Cell::Bool(f.no_known_competitor),
            Cell::Text(a.created_at.clone()),
            Cell::Text(a.updated_at.clone()),
        ];
        w.row(&cells)?;
        crate::progress::step();
        count += 1;
        Ok::<(), ExportError>(())
    })?;
    w.finish()?;
    Ok(count)
}

/// The columns of a contact in a file (what `kam import contacts` reads).
pub const CONTACT_HEADERS: [&str; 9] =
    ["uuid", "account_uuid", "account", "name", "title", "phone", "email", "role", "personal_notes"];

/// A contact's cells, in `CONTACT_HEADERS` order.
pub fn contact_cells(c: &crate::store::ContactRow, account: &str, account_uuid: &str) -> Vec<Cell> {
    let f = &c.fields;
    vec![
        Cell::Text(c.uuid.clone()),
        Cell::Text(account_uuid.to_string()),
        Cell::Text(account.to_string()),
        Cell::Text(f.name.clone()),
        Cell::Text(f.title.clone()),
        Cell::Text(f.phone.clone()),
        Cell::Text(f.email.clone()),
        Cell::Text(f.role.code().to_string()),
        Cell::Text(f.personal_notes.clone()),
    ]
}

/// Writes every contact with its account's name and uuid; returns how many.
pub fn export_contacts(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let mut w = sink_writer(format, &CONTACT_HEADERS, sink)?;
    let mut count = 0;
    store.each_contact(|c, account, account_uuid| {
        w.row(&contact_cells(c, account, account_uuid))?;
        crate::progress::step();
        count += 1;
        Ok::<(), ExportError>(())
    })?;
    w.finish()?;
    Ok(count)
}

/// Column names of an opportunity in exports and lists: the ones
/// `kam import opportunities` reads; in JSON the amount is in cents.
pub fn opportunity_headers(format: Format) -> Vec<&'static str> {
    let amount = if format == Format::Json { "amount_cents" } else { "amount" };
    vec![
        "uuid",
        "external_id",
        "account_uuid",
        "account",
        "title",
        "stage",
        "outcome",
        amount,
        "probability",
        "close_date",
        "closed_on",
        "lost_reason",
        "lost_to",
        "created_at",
        "updated_at",
    ]
}

/// An opportunity's cells, in `opportunity_headers` order: everything a
/// re-import needs to make the same deal (its outcome and the day it
/// closed included).
pub fn opportunity_cells(
    o: &crate::store::OpportunityRow,
    extras: &crate::store::DealExtras,
    account: &str,
    account_uuid: &str,
) -> Vec<Cell> {
    let day = day_cell;
    vec![
        Cell::Text(o.uuid.clone()),
        Cell::Text(extras.external_id.clone().unwrap_or_default()),
        Cell::Text(account_uuid.to_string()),
        Cell::Text(account.to_string()),
        Cell::Text(o.title.clone()),
        Cell::Int(i64::from(o.stage.number())),
        Cell::Text(o.outcome.code().to_string()),
        Cell::Money(o.amount),
        Cell::Int(i64::from(o.probability)),
        day(o.expected_close_on),
        day(extras.closed_on),
        Cell::Text(o.lost_reason.clone()),
        Cell::Text(extras.lost_to.clone()),
        Cell::Text(extras.created_at.clone()),
        Cell::Text(extras.updated_at.clone()),
    ]
}

/// Writes every deal with its account's name and UUID. Returns how many.
pub fn export_opportunities(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let mut w = sink_writer(format, &opportunity_headers(format), sink)?;
    let mut count = 0;
    store.each_opportunity(|o, extras, account, account_uuid| {
        w.row(&opportunity_cells(o, extras, account, account_uuid))?;
        count += 1;
        Ok::<(), ExportError>(())
    })?;
    w.finish()?;
    Ok(count)
}

/// The columns of an activity in a file: what `kam import activities`
/// reads back (the account by UUID, the contacts by name).
pub const ACTIVITY_HEADERS: [&str; 15] = [
    "uuid",
    "account_uuid",
    "account",
    "date",
    "time",
    "channel",
    "contacts",
    "purpose",
    "result",
    "next_step",
    "next_on",
    "created_at",
    "deal_uuid",
    "keeps_uuid",
    "follow_up_done_on",
];

/// Writes every activity, a page at a time. Returns how many.
pub fn export_activities(store: &Store, format: Format, sink: Sink<'_>) -> Result<usize, ExportError> {
    let w = sink_writer(format, &ACTIVITY_HEADERS, sink)?;
    let day = day_cell;
    write_pages(
        w,
        |after| store.activities_page(after, EXPORT_PAGE),
        |out| out.row.id,
        |out| {
            let (row, f) = (&out.row, &out.row.fields);
            vec![
                Cell::Text(row.uuid.clone()),
                Cell::Text(out.account_uuid.clone()),
                Cell::Text(row.account_name.clone()),
                day(Some(f.occurred_on)),
                Cell::Text(f.occurred_time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()),
                Cell::Text(f.channel.code().to_string()),
                Cell::Text(row.contact_names.join("、")),
                Cell::Text(f.purpose.clone()),
                Cell::Text(f.result.clone()),
                Cell::Text(f.next_step.clone()),
                day(f.next_on),
                Cell::Text(row.created_at.map(crate::store::timestamp_text).unwrap_or_default()),
                Cell::Text(out.deal_uuid.clone().unwrap_or_default()),
                Cell::Text(out.keeps_uuid.clone().unwrap_or_default()),
                day(row.follow_up_done_on),
            ]
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralise("+86 138"), "'+86 138");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("平安银行"), "平安银行");
    }
}
