//! `kam report monthly|collections|assessment`: the typed forms built (or
//! read back as sent), and sent with `--submit`.

use anyhow::Result;
use chrono::{Local, NaiveDate, Offset};

use super::ReportArgs;
use super::ReportKind;
use crate::cli::errors::Refused;
use crate::config::Config;
use crate::domain::{Month, parse_date};
use crate::i18n::{FormMsg as F, Lang, Msg};
use crate::io::report::Section;
use crate::io::report_forms as words;
use crate::labels::field_error;
use crate::reports::{AssessmentReport, CollectionReport, MonthlyReport, YearView};
use crate::store::{FormKind, Store};

fn month_of(args: &ReportArgs, lang: Lang, today: NaiveDate) -> Result<Month> {
    match &args.month {
        Some(text) => {
            Ok(Month::parse(text).ok_or_else(|| Refused(lang.t(Msg::CliBadPeriod).replace("{value}", text)))?)
        }
        None => Ok(Month::of(today)),
    }
}

pub fn build(
    store: &mut Store,
    args: &ReportArgs,
    lang: Lang,
    today: NaiveDate,
    config: &Config,
) -> Result<(String, Vec<Section>, serde_json::Value)> {
    let offset = Local::now().offset().fix();
    let aging = config.reports.aging_days();
    match args.kind {
        ReportKind::Collections => {
            let as_of = match &args.as_of {
                Some(text) => {
                    parse_date(text, today).map_err(|e| Refused(format!("--as-of: {}", field_error(lang, &e))))?
                }
                None => today,
            };
            let report = CollectionReport::build(store, as_of, &aging)?;
            Ok((
                words::collections_title(&report, lang),
                words::collections_sections(&report, lang),
                serde_json::to_value(&report)?,
            ))
        }
        ReportKind::Monthly if args.year.is_some() => {
            let text = args.year.clone().unwrap_or_default();
            let year: i32 = text
                .trim()
                .parse()
                .ok()
                .filter(|y| (1900..=9999).contains(y))
                .ok_or_else(|| Refused(lang.t(Msg::CliBadPeriod).replace("{value}", &text)))?;
            let view = YearView::build(store, year, None)?;
            Ok((words::year_title(&view, lang), words::year_sections(&view, lang), serde_json::to_value(&view)?))
        }
        ReportKind::Monthly => {
            let month = month_of(args, lang, today)?;
            let sent = if args.draft { None } else { crate::reports::monthly::sent(store, month)? };
            let report = match sent {
                Some(report) if !args.submit => report,
                _ => MonthlyReport::build(store, month, today, offset, &aging)?,
            };
            let report = if args.submit { submit(store, FormKind::Monthly, month, report, lang)? } else { report };
            Ok((
                words::monthly_title(&report, lang),
                words::monthly_sections(&report, lang),
                serde_json::to_value(&report)?,
            ))
        }
        _ => {
            let month = month_of(args, lang, today)?;
            let sent = if args.draft { None } else { crate::reports::assessment::sent(store, month)? };
            let report = match sent {
                Some(report) if !args.submit => report,
                _ => AssessmentReport::build(store, month, today, offset, &config.assessment, &config.visits.rules())?,
            };
            let report = if args.submit { submit(store, FormKind::Assessment, month, report, lang)? } else { report };
            Ok((
                words::assessment_title(&report, lang),
                words::assessment_sections(&report, lang),
                serde_json::to_value(&report)?,
            ))
        }
    }
}

/// Sends a form and says so; returns it as sent.
fn submit<T: serde::Serialize + crate::reports::Sendable>(
    store: &mut Store,
    kind: FormKind,
    month: Month,
    report: T,
    lang: Lang,
) -> Result<T> {
    let body = serde_json::to_string(&report)?;
    let version = crate::ops::submit_form(store, kind, month, &body)?;
    let form = lang.f(if kind == FormKind::Monthly { F::MonthlyTitle } else { F::AssessmentTitle });
    note!(
        "{}",
        lang.f(F::FormSent)
            .replace("{form}", form)
            .replace("{month}", &month.to_string())
            .replace("{n}", &version.to_string())
    );
    let sent = store.submitted_form(kind, month)?.map(|s| (s.version, s.submitted_at));
    Ok(report.with_sent(sent))
}
