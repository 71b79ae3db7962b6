//! `kam list activities [--from D] [--to D] [--filter Q]` and `kam list
//! followups [--to D] [--filter Q]`: the day's work and the promises still
//! open, as a table, JSON or CSV.

use anyhow::Result;
use chrono::{Days, NaiveDate};

use super::errors::Refused;
use super::list::{ListArgs, ListFormat, ListKind, print_table};
use crate::domain::parse_date;
use crate::i18n::{Lang, Msg};
use crate::io::export::{Cell, Format, writer};
use crate::labels::{Named, field_error};
use crate::store::{ActivityRow, Store};

const HEADERS: [&str; 14] = [
    "id",
    "uuid",
    "date",
    "time",
    "account",
    "contacts",
    "opportunity",
    "channel",
    "purpose",
    "result",
    "next_step",
    "next_date",
    "follow_up",
    "closed_on",
];

pub fn run(store: &Store, args: &ListArgs, lang: Lang, today: NaiveDate) -> Result<()> {
    let day = |flag: &str, text: &Option<String>, default: NaiveDate| -> Result<NaiveDate> {
        match text {
            Some(t) => Ok(parse_date(t, today).map_err(|e| Refused(format!("{flag}: {}", field_error(lang, &e))))?),
            None => Ok(default),
        }
    };
    let filter = args.filter.as_deref().unwrap_or("");
    let rows = match args.kind {
        ListKind::Followups => {
            let to = day("--to", &args.to, today.checked_add_days(Days::new(14)).unwrap_or(today))?;
            let mut rows = store.open_follow_ups(to, None, args.limit.max(1) * 4)?;
            if !filter.is_empty() {
                rows.retain(|r| matches(r, filter));
            }
            rows.truncate(args.limit);
            rows
        }
        _ => {
            let from = day("--from", &args.from, today.checked_sub_days(Days::new(6)).unwrap_or(today))?;
            let to = day("--to", &args.to, today)?;
            store.activities_between(from, to, filter, args.limit)?
        }
    };
    let status = |r: &ActivityRow| match (r.fields.promises(), r.follow_up_closed_on()) {
        (false, _) => "",
        (true, Some(_)) if r.kept_on.is_some() => "kept",
        (true, Some(_)) => "done",
        (true, None) => "open",
    };
    let text = |s: &str| Cell::Text(s.to_string());
    let day_text = |d: Option<NaiveDate>| Cell::Text(d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default());
    match args.format {
        ListFormat::Json | ListFormat::Csv => {
            let format = if matches!(args.format, ListFormat::Json) { Format::Json } else { Format::Csv };
            let mut w = writer(format, &HEADERS, Box::new(std::io::stdout().lock()), None)?;
            for r in &rows {
                let f = &r.fields;
                w.row(&[
                    Cell::Int(r.id),
                    text(&r.uuid),
                    day_text(Some(f.occurred_on)),
                    text(&f.occurred_time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()),
                    text(&r.account_name),
                    text(&r.contact_names.join("、")),
                    text(r.deal_title.as_deref().unwrap_or("")),
                    text(f.channel.code()),
                    text(&f.purpose),
                    text(&f.result),
                    text(&f.next_step),
                    day_text(f.next_on),
                    text(status(r)),
                    day_text(r.follow_up_closed_on()),
                ])?;
            }
            w.finish()?;
        }
        ListFormat::Table => {
            if rows.is_empty() {
                say!("{}", lang.t(Msg::NothingThatDay))?;
                return Ok(());
            }
            let (header, lines): (Vec<Msg>, Vec<Vec<String>>) = match args.kind {
                ListKind::Followups => (
                    vec![Msg::ColWhen, Msg::ColAccount, Msg::FieldNextStep, Msg::ColPromised],
                    rows.iter()
                        .map(|r| {
                            let due = r.fields.next_on.unwrap_or(today);
                            let when = if due < today {
                                lang.t(Msg::OverdueDays).replace("{n}", &(today - due).num_days().to_string())
                            } else {
                                due.format("%Y-%m-%d").to_string()
                            };
                            vec![
                                when,
                                r.account_name.clone(),
                                r.fields.next_step.clone(),
                                r.fields.occurred_on.format("%Y-%m-%d").to_string(),
                            ]
                        })
                        .collect(),
                ),
                _ => (
                    vec![
                        Msg::FieldDate,
                        Msg::ColTime,
                        Msg::ColAccount,
                        Msg::FieldChannel,
                        Msg::FieldPurpose,
                        Msg::FieldNextStep,
                    ],
                    rows.iter()
                        .map(|r| {
                            let f = &r.fields;
                            vec![
                                f.occurred_on.format("%Y-%m-%d").to_string(),
                                f.occurred_time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default(),
                                r.account_name.clone(),
                                lang.t(f.channel.label()).to_string(),
                                f.purpose.clone(),
                                f.next_step.clone(),
                            ]
                        })
                        .collect(),
                ),
            };
            let header: Vec<String> = header.iter().map(|m| lang.t(*m).to_string()).collect();
            print_table(&header, &lines, &[])?;
        }
    }
    Ok(())
}

/// Whether a follow-up's account or step contains `filter`.
fn matches(r: &ActivityRow, filter: &str) -> bool {
    let f = filter.to_lowercase();
    [&r.account_name, &r.account_short_name, &r.fields.next_step].iter().any(|s| s.to_lowercase().contains(&f))
}
