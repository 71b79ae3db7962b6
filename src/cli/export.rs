//! `kam export KIND|all --format csv|json|xlsx [--out FILE|DIR]`.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, ValueEnum};

use super::errors::Refused;
use crate::i18n::{Lang, Msg};
use crate::io::export::{Format, Sink, export_accounts, export_activities, export_contacts, export_opportunities};
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
    /// The plan's visits, every year (--from/--to for some days); `--format
    /// ics` for a calendar of this year, `--with-instalments` adding the
    /// money falling due.
    Visits,
    /// The months' targets, in month order.
    Targets,
    /// Every kind, in the order an empty file imports them: into a folder
    /// (--out DIR, a file each) or one workbook (--format xlsx --out FILE.xlsx).
    All,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Csv,
    Json,
    Xlsx,
    /// iCalendar (visits only).
    Ics,
}

/// The language of the column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HeadersArg {
    /// snake_case English, as the importer and JSON use.
    En,
    /// Chinese (CSV and xlsx; the importer reads them back).
    Zh,
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
    /// Visits: the first day (default: every day of the plan; a calendar:
    /// the first of this year).
    #[arg(long, allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Visits: the last day (default: every day of the plan; a calendar:
    /// the last of this year).
    #[arg(long, allow_hyphen_values = true)]
    pub to: Option<String>,
    /// Visits: only these states (planned, moved, done, skipped, missed).
    #[arg(long)]
    pub status: Option<String>,
    /// Visits as iCalendar: the instalments still owed falling due, too.
    #[arg(long)]
    pub with_instalments: bool,
    /// Column names in English or Chinese (CSV and xlsx; JSON keeps its
    /// field names).
    #[arg(long, value_enum, default_value = "en")]
    pub headers: HeadersArg,
}

pub fn run(store: &Store, args: &ExportArgs, lang: Lang) -> Result<()> {
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Json => Format::Json,
        FormatArg::Xlsx => Format::Xlsx,
        FormatArg::Ics => return export_ics(store, args, lang),
    };
    if let ExportKind::All = args.kind {
        return export_all(store, args, format, lang);
    }
    if format == Format::Xlsx && args.out.is_none() {
        bail!(lang.t(Msg::ExportXlsxNeedsOut).to_string());
    }
    let sink = match (&args.out, format) {
        (Some(path), Format::Xlsx) => Sink::XlsxFile(path),
        (Some(path), _) => Sink::Out(Box::new(std::io::BufWriter::new(std::fs::File::create(path)?))),
        (None, _) => Sink::Out(Box::new(std::io::BufWriter::new(std::io::stdout().lock()))),
    };
    let count = export_kind(store, args.kind, format, sink, args, lang)?;
    if let Some(path) = &args.out {
        note!(
            "{}",
            lang.t(Msg::ExportDone)
                .replace("{n}", &lang.count(count as i64, Msg::CountRecords))
                .replace("{path}", &path.display().to_string())
        );
    }
    Ok(())
}

/// Writes one kind into `sink`; returns how many records.
fn export_kind(
    store: &Store,
    kind: ExportKind,
    format: Format,
    sink: Sink<'_>,
    args: &ExportArgs,
    lang: Lang,
) -> Result<usize> {
    let today = chrono::Local::now().date_naive();
    let sink = if args.headers == HeadersArg::Zh && format != Format::Json {
        let name = kind.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
        Sink::Renamed(Box::new(sink), Box::new(move |columns| crate::io::headers_zh::chinese_headers(&name, columns)))
    } else {
        sink
    };
    Ok(match kind {
        ExportKind::Accounts => export_accounts(store, format, sink)?,
        ExportKind::Contacts => export_contacts(store, format, sink)?,
        ExportKind::Opportunities => export_opportunities(store, format, sink)?,
        ExportKind::Activities => export_activities(store, format, sink)?,
        ExportKind::Contracts => money::export_contracts(store, format, sink)?,
        ExportKind::Instalments => {
            let as_of = match &args.as_of {
                Some(text) => crate::domain::parse_date(text, today)
                    .map_err(|e| Refused(format!("--as-of: {}", crate::labels::field_error(lang, &e))))?,
                None => today,
            };
            money::export_instalments(store, format, sink, as_of)?
        }
        ExportKind::Receipts => money::export_receipts(store, format, sink)?,
        ExportKind::Complaints => crate::io::export_care::export_complaints(store, format, sink, today)?,
        ExportKind::Surveys => crate::io::export_care::export_surveys(store, format, sink)?,
        ExportKind::Visits => {
            let (filter, as_of) = match args.kind {
                // Everything: the whole plan, every year.
                ExportKind::All => (crate::store::VisitFilter::default(), today),
                _ => {
                    let (mut filter, as_of) = super::visits::visit_filter(&visit_args(args), lang, today)?;
                    // A file of the plan is every year of it unless days are
                    // asked for (a list or a calendar shows this year), so it
                    // imports back whole like every other kind.
                    if args.from.is_none() && args.to.is_none() {
                        (filter.from, filter.to) = (None, None);
                    }
                    (filter, as_of)
                }
            };
            crate::io::export_visits::export_visits(store, format, sink, &filter, as_of)?
        }
        ExportKind::Targets => crate::io::export_targets::export_targets(store, format, sink)?,
        ExportKind::All => 0,
    })
}

/// Every kind, in the order an empty file can import them again: into
/// one workbook (a sheet each) when `--out` names an .xlsx file, else into
/// a folder, a file each (`accounts.csv`, ...).
fn export_all(store: &Store, args: &ExportArgs, format: Format, lang: Lang) -> Result<()> {
    let Some(out) = &args.out else {
        return Err(Refused(lang.t(Msg::ExportAllNeedsOut).to_string()).into());
    };
    let kinds = ExportKind::value_variants().iter().filter(|k| !matches!(k, ExportKind::All));
    let name = |kind: &ExportKind| kind.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default();
    let mut total = 0;
    if format == Format::Xlsx && out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        let mut book = rust_xlsxwriter::Workbook::new();
        for kind in kinds {
            let sheet = name(kind);
            total += export_kind(store, *kind, format, Sink::Sheet(&mut book, &sheet), args, lang)?;
        }
        book.save(out)?;
    } else {
        std::fs::create_dir_all(out)?;
        let extension = match format {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        };
        for kind in kinds {
            let path = out.join(format!("{}.{extension}", name(kind)));
            let sink = match format {
                Format::Xlsx => Sink::XlsxFile(&path),
                _ => Sink::Out(Box::new(std::io::BufWriter::new(std::fs::File::create(&path)?))),
            };
            total += export_kind(store, *kind, format, sink, args, lang)?;
        }
    }
    note!(
        "{}",
        lang.t(Msg::ExportDone)
            .replace("{n}", &lang.count(total as i64, Msg::CountRecords))
            .replace("{path}", &out.display().to_string())
    );
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
            lang.t(Msg::ExportDone)
                .replace("{n}", &lang.count(count as i64, Msg::CountRecords))
                .replace("{path}", &path.display().to_string())
        );
    }
    Ok(())
}
