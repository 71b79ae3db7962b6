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
use crate::io::export_money as money;
use crate::labels::{contract_status_label, field_error, instalment_status_label};
use crate::store::{ContractRow, InstalmentFilter, InstalmentRow, PageOrder, ReceiptRow, Store};

fn day_text(day: Option<NaiveDate>) -> String {
    day.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()
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
        ListKind::Contracts => {
            contracts(&store.contracts_page(PageOrder::NewestFirst, None, args.limit)?, format, lang)
        }
        _ => receipts(&store.receipts_page(PageOrder::NewestFirst, None, args.limit)?, format, lang),
    }
}

fn instalments(rows: &[InstalmentRow], format: Option<Format>, lang: Lang) -> Result<()> {
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
    let names = money::headers(format, money::INSTALMENT_COLUMNS, money::INSTALMENT_MONEY);
    write_rows(format, &names, rows.iter().map(money::instalment_cells))
}

fn contracts(rows: &[ContractRow], format: Option<Format>, lang: Lang) -> Result<()> {
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
    let names = money::headers(format, money::CONTRACT_COLUMNS, money::CONTRACT_MONEY);
    write_rows(format, &names, rows.iter().map(money::contract_cells))
}

fn receipts(rows: &[ReceiptRow], format: Option<Format>, lang: Lang) -> Result<()> {
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
    let names = money::headers(format, money::RECEIPT_COLUMNS, money::RECEIPT_MONEY);
    write_rows(format, &names, rows.iter().map(money::receipt_cells))
}
