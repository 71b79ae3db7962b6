//! `kam list accounts|opportunities|activities|followups [--filter QUERY]
//! [--from D] [--to D] [--limit N] [--format table|json|csv]`.

use crate::labels::Named;
use anyhow::Result;
use clap::{Args, ValueEnum};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Msg};
use crate::io::export::{Cell, Format, opportunity_cells, opportunity_headers, writer};
use crate::store::{AccountRow, PageOrder, Seek, Store};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListKind {
    Accounts,
    /// With their account; --filter keeps the contacts of the accounts it finds.
    Contacts,
    Opportunities,
    /// Activities dated from --from to --to (default: the last 7 days).
    Activities,
    /// Open follow-ups due by --to (default: 14 days ahead), overdue first.
    Followups,
    /// Newest first, with what was received and what is outstanding.
    Contracts,
    /// By due date, with the status on --as-of (default today); --status keeps one.
    Instalments,
    /// Newest first.
    Receipts,
    /// Open ones first, with whether each is past its response deadline.
    Complaints,
    /// Newest first.
    Surveys,
    /// The year plan's visits by day (--from/--to: this year), with the state
    /// on --as-of; --status planned,moved,done,skipped,missed keeps some.
    Visits,
    /// The months' targets, in month order.
    Targets,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    pub kind: ListKind,
    /// Name, short name, pinyin initials or full pinyin.
    #[arg(long)]
    pub filter: Option<String>,
    /// First day (activities): 2026-11-01, -7d, yesterday ...
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Last day (activities, follow-ups).
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Instalments: the day the statuses are for (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// Instalments: overdue, due_soon, partial, awaiting, paid, pending or void.
    /// Visits: planned, moved, done, skipped, missed (comma-separated).
    #[arg(long)]
    pub status: Option<String>,
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

pub fn run(store: &Store, args: &ListArgs, lang: Lang, today: chrono::NaiveDate) -> Result<()> {
    match args.kind {
        ListKind::Opportunities => return list_opportunities(store, args, lang),
        ListKind::Activities | ListKind::Followups => {
            return super::list_activities::run(store, args, lang, today);
        }
        ListKind::Contracts
        | ListKind::Instalments
        | ListKind::Receipts
        | ListKind::Complaints
        | ListKind::Surveys
        | ListKind::Visits
        | ListKind::Targets
            if args.filter.is_some() =>
        {
            // Said, not silently ignored: the whole list is one export away.
            return Err(super::errors::Refused(lang.t(Msg::CliFilterNotHere).to_string()).into());
        }
        ListKind::Contracts | ListKind::Instalments | ListKind::Receipts => {
            return super::list_money::run(store, args, lang, today);
        }
        ListKind::Complaints | ListKind::Surveys => return list_care(store, args, lang, today),
        ListKind::Visits => return super::visits::list(store, args, lang, today),
        ListKind::Targets => return list_targets(store, args),
        ListKind::Contacts => return list_contacts(store, args, lang),
        ListKind::Accounts => {}
    }
    let rows: Vec<AccountRow> = match &args.filter {
        Some(query) => store.account_rows(&store.search_accounts(query, args.limit)?)?,
        None => store.accounts_page(&Seek::First, args.limit)?,
    };
    let headers =
        ["id", "name", "short_name", "segment", "tier", "status", "open_pipeline", "last_activity_on", "next_visit_on"];
    let cells = |a: &AccountRow| {
        let day =
            |d: Option<chrono::NaiveDate>| Cell::Text(d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
        vec![
            Cell::Int(a.id),
            Cell::Text(a.name.clone()),
            Cell::Text(a.short_name.clone()),
            Cell::Text(a.segment.clone()),
            Cell::Text(a.tier.code().to_string()),
            Cell::Text(a.status.code().to_string()),
            Cell::Money(a.open_pipeline),
            day(a.last_activity_on),
            day(a.next_visit_due_on),
        ]
    };
    match args.format {
        ListFormat::Json | ListFormat::Csv => {
            let (format, headers) = match args.format {
                ListFormat::Json => {
                    (Format::Json, headers.map(|h| if h == "open_pipeline" { "open_pipeline_cents" } else { h }))
                }
                _ => (Format::Csv, headers),
            };
            let mut w = writer(format, &headers, Box::new(std::io::stdout().lock()), None)?;
            for a in &rows {
                w.row(&cells(a))?;
            }
            w.finish()?;
        }
        ListFormat::Table => {
            let titles = [
                Msg::ColName,
                Msg::ColSegment,
                Msg::ColTier,
                Msg::ColStatus,
                Msg::ColOpenPipeline,
                Msg::ColLastActivity,
            ];
            let lines: Vec<[String; 6]> = rows
                .iter()
                .map(|a| {
                    [
                        a.name.clone(),
                        a.segment.clone(),
                        a.tier.code().to_string(),
                        lang.t(a.status.label()).to_string(),
                        a.open_pipeline.full(),
                        a.last_activity_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            let header: Vec<String> = titles.iter().map(|m| lang.t(*m).to_string()).collect();
            let lines: Vec<Vec<String>> = lines.into_iter().map(Vec::from).collect();
            print_table(&header, &lines, &[4])?;
        }
    }
    Ok(())
}

/// Prints aligned columns by display width; the columns in `right` (amounts)
/// line up on the right.
pub(super) fn print_table(header: &[String], lines: &[Vec<String>], right: &[usize]) -> std::io::Result<()> {
    let widths: Vec<usize> = (0..header.len())
        .map(|i| {
            std::iter::once(header).chain(lines.iter().map(Vec::as_slice)).map(|l| l[i].width()).max().unwrap_or(0)
        })
        .collect();
    for line in std::iter::once(header).chain(lines.iter().map(Vec::as_slice)) {
        let padded: Vec<String> = line
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, w))| {
                let pad = " ".repeat(w - cell.width());
                if right.contains(&i) { [pad.as_str(), cell].concat() } else { [cell.as_str(), &pad].concat() }
            })
            .collect();
        say!("{}", padded.join("  ").trim_end())?;
    }
    Ok(())
}

/// `kam list opportunities`: newest first, or those of the accounts the
/// filter finds.
fn list_opportunities(store: &Store, args: &ListArgs, lang: Lang) -> Result<()> {
    let accounts = match &args.filter {
        Some(query) => Some(store.search_accounts(query, 500)?),
        None => None,
    };
    let rows = store.opportunity_list(accounts.as_deref(), args.limit)?;
    match args.format {
        ListFormat::Json | ListFormat::Csv => {
            let format = if matches!(args.format, ListFormat::Json) { Format::Json } else { Format::Csv };
            // The export's columns, with the local id first.
            let headers: Vec<&str> = std::iter::once("id").chain(opportunity_headers(format)).collect();
            let mut w = writer(format, &headers, Box::new(std::io::stdout().lock()), None)?;
            for (account, account_uuid, o, extras) in &rows {
                let cells: Vec<Cell> = std::iter::once(Cell::Int(o.id))
                    .chain(opportunity_cells(o, extras, account, account_uuid))
                    .collect();
                w.row(&cells)?;
            }
            w.finish()?;
        }
        ListFormat::Table => {
            for (account, _, o, _) in &rows {
                let stage = if o.outcome == crate::domain::Outcome::Open {
                    format!("{}.{}", o.stage.number(), lang.t(o.stage.label()))
                } else {
                    lang.t(o.outcome.label()).to_string()
                };
                say!("{}  {}  {}  {}  {}", o.id, account, o.title, stage, o.amount.full())?;
            }
        }
    }
    Ok(())
}

/// `kam list complaints|surveys`: the file's columns as JSON or CSV; a
/// table of the essentials.
fn list_care(store: &Store, args: &ListArgs, lang: Lang, today: chrono::NaiveDate) -> Result<()> {
    use crate::io::export_care as care;
    let format = match args.format {
        ListFormat::Json => Some(Format::Json),
        ListFormat::Csv => Some(Format::Csv),
        ListFormat::Table => None,
    };
    if matches!(args.kind, ListKind::Complaints) {
        let mut rows = store.complaints_page(PageOrder::NewestFirst, None, args.limit)?;
        // Open ones first, as the rep works them.
        rows.sort_by_key(|k| (!k.complaint.status.is_open(), std::cmp::Reverse(k.complaint.received_on)));
        if let Some(format) = format {
            let mut w = writer(format, care::COMPLAINT_COLUMNS, Box::new(std::io::stdout().lock()), None)?;
            for k in &rows {
                w.row(&care::complaint_cells(k, today))?;
            }
            w.finish()?;
            return Ok(());
        }
        for k in &rows {
            let c = &k.complaint;
            let late = if k.is_late(today) { lang.t(Msg::LateTag) } else { "" };
            say!(
                "{}  {}  {}  {}/{}  {}  {late}",
                c.received_on.format("%Y-%m-%d"),
                k.account_name,
                c.number,
                lang.t(crate::labels::severity_label(c.severity)),
                lang.t(crate::labels::complaint_status_label(c.status)),
                c.description
            )?;
        }
        return Ok(());
    }
    let rows = store.surveys_page(PageOrder::NewestFirst, None, args.limit)?;
    if let Some(format) = format {
        let mut w = writer(format, care::SURVEY_COLUMNS, Box::new(std::io::stdout().lock()), None)?;
        for s in &rows {
            w.row(&care::survey_cells(s))?;
        }
        w.finish()?;
        return Ok(());
    }
    for s in &rows {
        let v = &s.survey;
        let nps = v.nps.map(|n| format!("  NPS {n}")).unwrap_or_default();
        say!("{}  {}  {}/5{nps}  {}", v.surveyed_on.format("%Y-%m-%d"), s.account_name, v.overall, v.feedback)?;
    }
    Ok(())
}

/// `kam list targets`: each month's targets, as a table or a file.
fn list_targets(store: &Store, args: &ListArgs) -> Result<()> {
    use crate::io::export_targets::{TARGET_COLUMNS, TARGET_MONEY, target_cells};
    let rows = store.targets_page(None, args.limit)?;
    let format = match args.format {
        ListFormat::Json => Format::Json,
        ListFormat::Csv => Format::Csv,
        ListFormat::Table => {
            let header: Vec<String> = TARGET_COLUMNS[..5].iter().map(|h| h.to_string()).collect();
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|t| {
                    let g = &t.targets;
                    vec![
                        t.month.clone(),
                        g.sales_cents.full(),
                        g.collections_cents.full(),
                        g.visits.to_string(),
                        g.new_accounts.to_string(),
                    ]
                })
                .collect();
            print_table(&header, &lines, &[1, 2, 3, 4])?;
            return Ok(());
        }
    };
    let names = crate::io::export_money::headers(format, TARGET_COLUMNS, TARGET_MONEY);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut w = writer(format, &names, Box::new(std::io::stdout().lock()), None)?;
    for t in &rows {
        w.row(&target_cells(t))?;
    }
    w.finish()?;
    Ok(())
}

/// `kam list contacts`: every contact with its account (or, with
/// --filter, the contacts of the accounts the filter finds), at most --limit.
fn list_contacts(store: &Store, args: &ListArgs, lang: Lang) -> Result<()> {
    use crate::io::export::{CONTACT_HEADERS, contact_cells};
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut take = |c: &crate::store::ContactRow, account: &str, account_uuid: &str| {
        let f = &c.fields;
        let role = lang.t(f.role.label()).to_string();
        table.push(vec![f.name.clone(), f.title.clone(), role, f.phone.clone(), account.to_string()]);
        rows.push(contact_cells(c, account, account_uuid));
    };
    match &args.filter {
        Some(query) => {
            let mut left = args.limit;
            'accounts: for account in store.account_rows(&store.search_accounts(query, args.limit)?)? {
                let uuid = store.account(account.id)?.map(|a| a.uuid).unwrap_or_default();
                for c in store.contacts_of(account.id, args.limit)? {
                    if left == 0 {
                        break 'accounts;
                    }
                    left -= 1;
                    take(&c, &account.name, &uuid);
                }
            }
        }
        None => {
            // Walks contacts in order, stopping at the limit.
            let mut left = args.limit;
            let walk = store.each_contact(|c, account, account_uuid| {
                if left == 0 {
                    return Err(Walk::Enough);
                }
                left -= 1;
                take(c, account, account_uuid);
                Ok(())
            });
            match walk {
                Ok(()) | Err(Walk::Enough) => {}
                Err(Walk::Store(e)) => return Err(e.into()),
            }
        }
    }
    let format = match args.format {
        ListFormat::Json => Format::Json,
        ListFormat::Csv => Format::Csv,
        ListFormat::Table => {
            let header: Vec<String> = ["name", "title", "role", "phone", "account"].map(String::from).to_vec();
            print_table(&header, &table, &[])?;
            return Ok(());
        }
    };
    let mut w = writer(format, &CONTACT_HEADERS, Box::new(std::io::stdout().lock()), None)?;
    for cells in &rows {
        w.row(cells)?;
    }
    w.finish()?;
    Ok(())
}

/// Why a walk through the contacts stopped.
enum Walk {
    Enough,
    Store(crate::store::StoreError),
}

impl From<crate::store::StoreError> for Walk {
    fn from(e: crate::store::StoreError) -> Walk {
        Walk::Store(e)
    }
}
