//! `kam list visits` and `kam export visits`: the year plan's visits from
//! `--from` to `--to` (default: this year), `--status` keeping some states
//! (planned, moved, done, skipped, missed; comma-separated), with the
//! state taken on `--as-of` (default today).

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use super::errors::Refused;
use super::list::{ListArgs, ListFormat, print_table};
use crate::domain::parse_date;
use crate::domain::visit_plan::{VisitState, year_bounds};
use crate::i18n::{Lang, Msg};
use crate::io::export::{Format, writer};
use crate::io::export_visits::{VISIT_COLUMNS, visit_cells};
use crate::labels::{field_error, visit_kind, visit_state};
use crate::store::{Store, VisitFilter};

/// The options that choose visits, as typed.
pub struct VisitArgs<'a> {
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub status: Option<&'a str>,
    pub as_of: Option<&'a str>,
}

/// The filter and the day of the states, or what is wrong in words.
pub fn visit_filter(args: &VisitArgs<'_>, lang: Lang, today: NaiveDate) -> Result<(VisitFilter, NaiveDate)> {
    let day = |name: &str, text: Option<&str>| -> Result<Option<NaiveDate>> {
        match text {
            Some(t) => {
                Ok(Some(parse_date(t, today).map_err(|e| Refused(format!("{name}: {}", field_error(lang, &e))))?))
            }
            None => Ok(None),
        }
    };
    let (first, last) = year_bounds(today.year()).unwrap_or((today, today));
    let from = day("--from", args.from)?.or(Some(first));
    let to = day("--to", args.to)?.or(Some(last));
    let as_of = day("--as-of", args.as_of)?.unwrap_or(today);
    let mut states = Vec::new();
    for word in args.status.unwrap_or_default().split(',').map(str::trim).filter(|w| !w.is_empty()) {
        let state = VisitState::from_code(word).ok_or_else(|| {
            let known: Vec<&str> = VisitState::ALL.iter().map(|s| s.code()).collect();
            Refused(lang.t(Msg::CliUnknownStatus).replace("{value}", word).replace("{known}", &known.join(", ")))
        })?;
        states.push(state);
    }
    Ok((VisitFilter { from, to, account_id: None, states }, as_of))
}

/// `kam list visits`: a table, or JSON or CSV with the export's columns.
pub fn list(store: &Store, args: &ListArgs, lang: Lang, today: NaiveDate) -> Result<()> {
    let typed = VisitArgs {
        from: args.from.as_deref(),
        to: args.to.as_deref(),
        status: args.status.as_deref(),
        as_of: args.as_of.as_deref(),
    };
    let (filter, as_of) = visit_filter(&typed, lang, today)?;
    let format = match args.format {
        ListFormat::Json => Format::Json,
        ListFormat::Csv => Format::Csv,
        ListFormat::Table => {
            let rows = store.planned_visits(&filter, as_of, None, args.limit)?;
            let header: Vec<String> = [Msg::ColWhen, Msg::ColAccount, Msg::ColTier, Msg::ColWhat, Msg::ColStatus]
                .iter()
                .map(|m| lang.t(*m).to_string())
                .collect();
            let lines: Vec<Vec<String>> = rows
                .iter()
                .map(|v| {
                    let mut when = v.planned_on.format("%Y-%m-%d").to_string();
                    if let Some(t) = v.at_time {
                        when = format!("{when} {}", t.format("%H:%M"));
                    }
                    vec![
                        when,
                        v.account_name.clone(),
                        v.tier.code().to_string(),
                        lang.t(visit_kind(v.kind)).to_string(),
                        lang.t(visit_state(v.state)).to_string(),
                    ]
                })
                .collect();
            print_table(&header, &lines, &[])?;
            return Ok(());
        }
    };
    let mut w = writer(format, VISIT_COLUMNS, Box::new(std::io::stdout().lock()), None)?;
    let mut after = None;
    let mut left = args.limit;
    while left > 0 {
        let rows = store.planned_visits(&filter, as_of, after, left.min(500))?;
        for row in &rows {
            w.row(&visit_cells(row))?;
        }
        left -= rows.len();
        match rows.last() {
            Some(last) if rows.len() == 500 => after = Some((last.planned_on, last.id)),
            _ => break,
        }
    }
    w.finish()?;
    Ok(())
}
