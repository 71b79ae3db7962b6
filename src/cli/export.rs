//! `kam export accounts|contacts|opportunities --format csv|json|xlsx [--out FILE]`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use super::errors::Refused;
use crate::i18n::{Lang, Msg};
use crate::io::export::{Format, export_accounts, export_activities, export_contacts, export_opportunities};
use crate::io::export_money as money;
use crate::store::Store;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportKind {
    Accounts,
    Contacts,
    Opportunities,
    /// Every activity, with its account's UUID and the contacts met by name.
    Activities,
    Contracts,
    /// With the status on --as-of (default today).
    Instalments,
    Receipts,
    /// With whether each is late on the day.
    Complaints,
    Surveys,
    /// The year plan's visits (--from/--to: this year); `--format ics` for a
    /// calendar, `--with-instalments` adding the money falling due.
    Visits,
    /// The months' targets, in month order.
    Targets,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
    Xlsx,
    /// iCalendar (visits only).
    Ics,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    pub kind: ExportKind,
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// Write here instead of standard output (required for xlsx).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Instalments: the day the statuses are for (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// Visits: the first day (default: the first of this year).
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Visits: the last day (default: the last of this year).
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Visits: only these states (planned, moved, done, skipped, missed).
    #[arg(long)]
    pub status: Option<String>,
    /// Visits as iCalendar: the instalments still owed falling due, too.
    #[arg(long)]
    pub with_instalments: bool,
}

pub fn run(store: &Store, args: &ExportArgs, lang: Lang) -> Result<()> {
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Ics => return export_ics(store, args, lang),
    };
    if format == Format::Xlsx && args.out.is_none() {
        bail!(lang.t(Msg::ExportXlsxNeedsOut).to_string());
    }
    let out: Box<dyn std::io::Write> = match (&args.out, format) {
        (_, Format::Xlsx) => Box::new(std::io::sink()),
        (Some(path), _) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        (None, _) => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let xlsx = args.out.as_deref().filter(|_| format == Format::Xlsx);
    let count = match args.kind {
        ExportKind::Accounts => export_accounts(store, format, out, xlsx)?,
        ExportKind::Contacts => export_contacts(store, format, out, xlsx)?,
        ExportKind::Opportunities => export_opportunities(store, format, out, xlsx)?,
        ExportKind::Activities => export_activities(store, format, out, xlsx)?,
        ExportKind::Contracts => money::export_contracts(store, format, out, xlsx)?,
        ExportKind::Instalments => {
            let today = chrono::Local::now().date_naive();
            let as_of = match &args.as_of {
                Some(text) => crate::domain::parse_date(text, today)
                    .map_err(|e| Refused(format!("--as-of: {}", crate::labels::field_error(lang, &e))))?,
                None => today,
            };
            money::export_instalments(store, format, out, xlsx, as_of)?
        }
        ExportKind::Receipts => money::export_receipts(store, format, out, xlsx)?,
        ExportKind::Complaints => {
            crate::io::export_care::export_complaints(store, format, out, xlsx, chrono::Local::now().date_naive())?
        }
        ExportKind::Surveys => crate::io::export_care::export_surveys(store, format, out, xlsx)?,
        ExportKind::Visits => {
            let today = chrono::Local::now().date_naive();
            let (filter, as_of) = super::visits::visit_filter(&visit_args(args), lang, today)?;
            crate::io::export_visits::export_visits(store, format, out, xlsx, &filter, as_of)?
        }
        ExportKind::Targets => crate::io::export_targets::export_targets(store, format, out, xlsx)?,
    };
    if let Some(path) = &args.out {
        note!(
            "{}",
            lang.t(Msg::ExportDone).replace("{n}", &count.to_string()).replace("{path}", &path.display().to_string())
        );
    }
    Ok(())
}

fn visit_args(args: &ExportArgs) -> super::visits::VisitArgs<'_> {
    super::visits::VisitArgs {
        from: args.from.as_deref(),
        to: args.to.as_deref(),
        status: args.status.as_deref(),
        as_of: args.as_of.as_deref(),
    }
}

/// The plan as an iCalendar file (visits only: other kinds are not events).
fn export_ics(store: &Store, args: &ExportArgs, lang: Lang) -> Result<()> {
    if !matches!(args.kind, ExportKind::Visits) {
        return Err(Refused(lang.t(Msg::IcsOnlyVisits).to_string()).into());
    }
    let today = chrono::Local::now().date_naive();
    let (filter, as_of) = super::visits::visit_filter(&visit_args(args), lang, today)?;
    let mut out: Box<dyn std::io::Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let count = crate::io::export_visits::write_ics(store, &mut out, &filter, as_of, args.with_instalments, lang)?;
    out.flush()?;
    if let Some(path) = &args.out {
        note!(
            "{}",
            lang.t(Msg::ExportDone).replace("{n}", &count.to_string()).replace("{path}", &path.display().to_string())
        );
    }
    Ok(())
}
