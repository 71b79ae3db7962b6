//! `kam list contracts|instalments|receipts`: the money after the win, with
//! what is worked out when read (received, outstanding, status, days
//! overdue). `--as-of D` takes the statuses on another day; `--status`
//! keeps one of them (overdue, due_soon, partial, awaiting, paid, pending,
//! void).

use anyhow::Result;
use chrono::NaiveDate;

use super::errors::Refused;
use super::list::{ListArgs, ListFormat, ListKind, print_table};
use crate::domain::contract::StatusFilter;
use crate::domain::parse_date;
use crate::i18n::{Lang, Msg};
use crate::io::export::{Cell, Format, writer};
use crate::labels::{contract_status_label, field_error, instalment_status_label};
use crate::store::{ContractRow, InstalmentFilter, InstalmentRow, ReceiptRow, Store};

fn day_cell(day: Option<NaiveDate>) -> Cell {
    Cell::Text(day.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default())
}

fn day_text(day: Option<NaiveDate>) -> String {
    day.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// Money columns are `_cents` in JSON.
fn headers(format: Format, names: &[&'static str], money: &[&str]) -> Vec<String> {
    names
        .iter()
        .map(|h| if format == Format::Json && money.contains(h) { format!("{h}_cents") } else { h.to_string() })
        .collect()
}

fn write_rows(format: Format, names: &[String], rows: impl Iterator<Item = Vec<Cell>>) -> Result<()> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut w = writer(format, &names, Box::new(std::io::stdout().lock()), None)?;
    for cells in rows {
        w.row(&cells)?;
    }
    w.finish()?;
    Ok(())
}

pub fn run(store: &Store, args: &ListArgs, lang: Lang, today: NaiveDate) -> Result<()> {
    let as_of = match &args.as_of {
        Some(t) => parse_date(t, today).map_err(|e| Refused(format!("--as-of: {}", field_error(lang, &e))))?,
        None => today,
    };
    let status = match &args.status {
        Some(t) => Some(StatusFilter::from_code(t).ok_or_else(|| {
            let known: Vec<&str> = StatusFilter::ALL.iter().map(|s| s.code()).collect();
            Refused(lang.t(Msg::CliUnknownStatus).replace("{value}", t).replace("{known}", &known.join(", ")))
        })?),
        None => None,
    };
    let format = match args.format {
        ListFormat::Json => Some(Format::Json),
        ListFormat::Csv => Some(Format::Csv),
        ListFormat::Table => None,
    };
    match args.kind {
        ListKind::Instalments => {
            let filter = InstalmentFilter { as_of, status, contract_id: None };
            let rows = store.instalments_page(&filter, None, args.limit)?;
            instalments(&rows, format, lang)
        }
        ListKind::Contracts => contracts(&store.contracts_page(None, args.limit)?, format, lang),
        _ => receipts(&store.receipts_page(None, args.limit)?, format, lang),
    }
}

fn instalments(rows: &[InstalmentRow], format: Option<Format>, lang: Lang) -> Result<()> {
    const NAMES: &[&str] = &[
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
    ];
    let Some(format) = format else {
        let header: Vec<String> = [
            Msg::ColContract,
            Msg::ColAccount,
            Msg::ColInstalment,
            Msg::ColDueOn,
            Msg::ColAmount,
            Msg::ColReceived,
            Msg::ColOutstanding,
            Msg::ColStatus,
        ]
        .iter()
        .map(|m| lang.t(*m).to_string())
        .collect();
        let lines: Vec<Vec<String>> = rows
            .iter()
            .map(|i| {
                let contract = if i.contract_number.is_empty() { &i.contract_title } else { &i.contract_number };
                vec![
                    contract.clone(),
                    i.account_name.clone(),
                    format!("{} {}", i.instalment.seq, i.instalment.label).trim().to_string(),
                    i.instalment.due_on.format("%Y-%m-%d").to_string(),
                    i.instalment.amount.full(),
                    i.received.full(),
                    i.outstanding().full(),
                    instalment_status_label(lang, i.status),
                ]
            })
            .collect();
        print_table(&header, &lines, &[4, 5, 6])?;
        return Ok(());
    };
    let names = headers(format, NAMES, &["amount", "received", "outstanding"]);
    write_rows(
        format,
        &names,
        rows.iter().map(|i| {
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
            ]
        }),
    )
}

fn contracts(rows: &[ContractRow], format: Option<Format>, lang: Lang) -> Result<()> {
    const NAMES: &[&str] = &[
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
        "uuid",
        "account_uuid",
    ];
    let Some(format) = format else {
        let header: Vec<String> = [
            Msg::ColContract,
            Msg::ColAccount,
            Msg::ColStatus,
            Msg::ColSignedOn,
            Msg::ColAmount,
            Msg::ColReceived,
            Msg::ColOutstanding,
        ]
        .iter()
        .map(|m| lang.t(*m).to_string())
        .collect();
        let lines: Vec<Vec<String>> = rows
            .iter()
            .map(|c| {
                vec![
                    format!("{} {}", c.contract.number, c.contract.title).trim().to_string(),
                    c.account_name.clone(),
                    lang.t(contract_status_label(c.contract.status)).to_string(),
                    day_text(c.contract.signed_on),
                    c.contract.amount.full(),
                    c.received.full(),
                    c.outstanding().full(),
                ]
            })
            .collect();
        print_table(&header, &lines, &[4, 5, 6])?;
        return Ok(());
    };
    let names = headers(format, NAMES, &["amount", "planned", "received", "outstanding"]);
    write_rows(
        format,
        &names,
        rows.iter().map(|c| {
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
                Cell::Text(c.uuid.clone()),
                Cell::Text(c.account_uuid.clone()),
            ]
        }),
    )
}

fn receipts(rows: &[ReceiptRow], format: Option<Format>, lang: Lang) -> Result<()> {
    const NAMES: &[&str] = &[
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
    ];
    let Some(format) = format else {
        let header: Vec<String> = [
            Msg::ColReceivedOn,
            Msg::ColContract,
            Msg::ColAccount,
            Msg::ColInstalment,
            Msg::ColAmount,
            Msg::ColReference,
        ]
        .iter()
        .map(|m| lang.t(*m).to_string())
        .collect();
        let lines: Vec<Vec<String>> = rows
            .iter()
            .map(|r| {
                vec![
                    r.receipt.received_on.format("%Y-%m-%d").to_string(),
                    if r.contract_number.is_empty() { r.contract_title.clone() } else { r.contract_number.clone() },
                    r.account_name.clone(),
                    r.instalment_seq.map(|s| s.to_string()).unwrap_or_default(),
                    r.receipt.amount.full(),
                    r.receipt.reference.clone(),
                ]
            })
            .collect();
        print_table(&header, &lines, &[4])?;
        return Ok(());
    };
    let names = headers(format, NAMES, &["amount"]);
    write_rows(
        format,
        &names,
        rows.iter().map(|r| {
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
            ]
        }),
    )
}
