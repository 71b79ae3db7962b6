//! `kam report daily [--date D]` and `kam report visits [--month YYYY-MM |
//! --year YYYY] [--as-of D]`, each `[--format table|csv|json|md|xlsx]
//! [--out FILE]`: the same typed reports the app draws, written out.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, anyhow, bail};
use chrono::{Local, NaiveDate, Offset};
use clap::{Args, ValueEnum};

use super::errors::Refused;
use crate::config::Config;
use crate::domain::parse_date;
use crate::i18n::{Lang, Msg};
use crate::io::report::{
    ReportFormat, daily_json, daily_sections, daily_title, render_csv, render_markdown, render_table, write_xlsx,
};
use crate::labels::field_error;
use crate::reports::DailyReport;
use crate::store::Store;

#[path = "report_forms.rs"]
mod forms;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ReportKind {
    /// The daily report: activities, deals, quotes, follow-ups, the rep's words.
    Daily,
    /// The monthly report: results against targets, collections, customers,
    /// visits, pipeline, after-sale, next month, the year by month.
    /// `--year YYYY` gives the year by month and its biggest accounts.
    Monthly,
    /// Payment-collection progress as of a day, with the receivables aging.
    Collections,
    /// The rep's monthly assessment: items, points, weights, total, grade.
    Assessment,
    /// The visit plan: planned, done, moved, skipped, missed and compliance
    /// by month and tier, A-tier accounts not visited, gaps by account.
    Visits,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormatArg {
    Table,
    Csv,
    Json,
    #[value(alias = "markdown")]
    Md,
    Xlsx,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    pub kind: ReportKind,
    /// The day: 2026-11-26, today, yesterday, -1d, a weekday...
    #[arg(long, default_value = "today", allow_hyphen_values = true)]
    pub date: String,
    /// Monthly, assessment, visits: the month, YYYY-MM (default: this month).
    #[arg(long)]
    pub month: Option<String>,
    /// Monthly, visits: a whole year, YYYY.
    #[arg(long, conflicts_with = "month")]
    pub year: Option<String>,
    /// Collections, visits: the day the statuses are taken on (default: today).
    #[arg(long, allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// Monthly, assessment: the live figures even when the month was sent.
    #[arg(long)]
    pub draft: bool,
    /// Monthly, assessment: send it (kept frozen as it is now).
    #[arg(long, conflicts_with = "draft")]
    pub submit: bool,
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
    /// Write to this file instead of the terminal (xlsx needs one).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(store: &mut Store, args: &ReportArgs, lang: Lang, today: NaiveDate, config: &Config) -> Result<()> {
    let (title, sections, json) = match args.kind {
        ReportKind::Daily => {
            let day = parse_date(&args.date, today)
                .map_err(|e| anyhow!("--date {}: {}", args.date, field_error(lang, &e)))?;
            let report = DailyReport::build(&*store, day, Local::now().offset().fix())?;
            (daily_title(&report, lang), daily_sections(&report, lang), daily_json(&report))
        }
        ReportKind::Monthly | ReportKind::Collections | ReportKind::Assessment => {
            forms::build(store, args, lang, today, config)?
        }
        ReportKind::Visits => {
            use crate::io::report_visits::{visit_plan_json, visit_plan_sections, visit_plan_title};
            use crate::reports::visit_plan::{PlanPeriod, VisitPlanReport};
            let period = match (&args.month, &args.year) {
                (Some(text), _) | (None, Some(text)) => PlanPeriod::parse(text)
                    .ok_or_else(|| Refused(lang.t(Msg::CliBadPeriod).replace("{value}", text)))?,
                (None, None) => PlanPeriod::month_of(today),
            };
            let as_of = match &args.as_of {
                Some(text) => {
                    parse_date(text, today).map_err(|e| Refused(format!("--as-of: {}", field_error(lang, &e))))?
                }
                None => today,
            };
            let report = VisitPlanReport::build(&*store, period, as_of)?;
            (visit_plan_title(&report, lang), visit_plan_sections(&report, lang), visit_plan_json(&report))
        }
    };
    let format = match args.format {
        FormatArg::Table => ReportFormat::Table,
        FormatArg::Csv => ReportFormat::Csv,
        FormatArg::Json => ReportFormat::Json,
        FormatArg::Md => ReportFormat::Markdown,
        FormatArg::Xlsx => ReportFormat::Xlsx,
    };
    let bytes = match format {
        ReportFormat::Table => render_table(&title, &sections, lang).into_bytes(),
        ReportFormat::Markdown => render_markdown(&title, &sections, lang).into_bytes(),
        ReportFormat::Csv => render_csv(&title, &sections)?,
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&json)?;
            text.push('\n');
            text.into_bytes()
        }
        ReportFormat::Xlsx => {
            let Some(path) = &args.out else { bail!("{}", lang.t(Msg::ExportXlsxNeedsOut)) };
            write_xlsx(&title, &sections, path)?;
            note!("{}", lang.t(Msg::ReportWritten).replace("{path}", &path.display().to_string()));
            return Ok(());
        }
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, bytes).map_err(|e| anyhow!("{}: {e}", path.display()))?;
            note!("{}", lang.t(Msg::ReportWritten).replace("{path}", &path.display().to_string()));
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(())
}
