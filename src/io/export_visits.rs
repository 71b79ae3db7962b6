//! Planned visits as rows of a file (the columns `kam list visits` and
//! `kam export visits` share, with the state worked out on the day), and
//! as an iCalendar file a phone calendar subscribes to or imports: one
//! event per visit, its `UID` the visit's UUID and its `SEQUENCE` growing
//! with each change, so importing the file again updates the events
//! instead of adding them twice.

use std::io::Write;

use chrono::{DateTime, Days, NaiveDate, Utc};
use icalendar::{Component, Event, EventLike, EventStatus};

use super::export::{
    Cell, EXPORT_PAGE, ExportError, Format, Sink, cells_without_local_id, day_cell, sink_writer, without_local_id,
    write_pages,
};
use crate::domain::visit_plan::{VisitKind, VisitState};
use crate::i18n::Lang;
use crate::store::{InstalmentFilter, PlannedVisitRow, Store, VisitFilter};

pub const VISIT_COLUMNS: &[&str] = &[
    "id",
    "account",
    "tier",
    "kind",
    "planned_on",
    "at_time",
    "state",
    "moved_from",
    "skip_reason",
    "done_on",
    "purpose",
    "deal",
    "sequence",
    "uuid",
    "account_uuid",
    "from_cadence",
    "deal_uuid",
    "instalment_uuid",
    "activity_uuid",
    "created_at",
];

pub fn visit_cells(v: &PlannedVisitRow) -> Vec<Cell> {
    vec![
        Cell::Int(v.id),
        Cell::Text(v.account_name.clone()),
        Cell::Text(v.tier.code().to_string()),
        Cell::Text(v.kind.code().to_string()),
        day_cell(Some(v.planned_on)),
        Cell::Text(v.at_time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()),
        Cell::Text(v.state.code().to_string()),
        day_cell(v.moved_from),
        Cell::Text(v.skip_reason.clone()),
        day_cell(v.done_on),
        Cell::Text(v.purpose.clone()),
        Cell::Text(v.opportunity_title.clone().unwrap_or_default()),
        Cell::Int(v.sequence),
        Cell::Text(v.uuid.clone()),
        Cell::Text(v.account_uuid.clone()),
        Cell::Bool(v.from_cadence),
        Cell::Text(v.links.opportunity_uuid.clone().unwrap_or_default()),
        Cell::Text(v.links.instalment_uuid.clone().unwrap_or_default()),
        Cell::Text(v.links.activity_uuid.clone().unwrap_or_default()),
        Cell::Text(v.created_at.clone()),
    ]
}

/// Every planned visit the filter lets through, by day, a page at a time.
pub fn export_visits(
    store: &Store,
    format: Format,
    sink: Sink<'_>,
    filter: &VisitFilter,
    as_of: NaiveDate,
) -> Result<usize, ExportError> {
    let w = sink_writer(format, without_local_id(VISIT_COLUMNS), sink)?;
    write_pages(
        w,
        |after| store.planned_visits(filter, as_of, after, EXPORT_PAGE),
        |row| (row.planned_on, row.id),
        |row| cells_without_local_id(visit_cells(row)),
    )
}

/// The event's title: what kind of visit, and to whom (拜访·华星光电).
fn summary(lang: Lang, v: &PlannedVisitRow) -> String {
    let zh = lang.is_chinese();
    let what = match (v.kind, zh) {
        (VisitKind::Visit, true) => "拜访",
        (VisitKind::ReturnVisit, true) => "回访",
        (VisitKind::Collection, true) => "催款",
        (VisitKind::ComplaintFollowUp, true) => "投诉跟进",
        (VisitKind::Visit, false) => "Visit",
        (VisitKind::ReturnVisit, false) => "Return visit",
        (VisitKind::Collection, false) => "Collection",
        (VisitKind::ComplaintFollowUp, false) => "Complaint follow-up",
    };
    let name = if v.account_short_name.trim().is_empty() { &v.account_name } else { &v.account_short_name };
    if zh { format!("{what}·{name}") } else { format!("{what} · {name}") }
}

fn stamp(text: &str) -> DateTime<Utc> {
    crate::store::parse_timestamp(text).unwrap_or_default()
}

/// One visit as an event: all day unless it has a time (then an hour, in
/// the rep's local time); cancelled once skipped.
fn visit_event(lang: Lang, v: &PlannedVisitRow) -> Event {
    let mut event = Event::new();
    event
        .uid(&v.uuid)
        .timestamp(stamp(&v.updated_at))
        .sequence(u32::try_from(v.sequence).unwrap_or(0))
        .summary(&summary(lang, v))
        .status(if v.state == VisitState::Skipped { EventStatus::Cancelled } else { EventStatus::Confirmed });
    match v.at_time {
        Some(time) => {
            let start = v.planned_on.and_time(time);
            event.starts(start).ends(start + chrono::Duration::hours(1));
        }
        None => {
            event.starts(v.planned_on).ends(v.planned_on.checked_add_days(Days::new(1)).unwrap_or(v.planned_on));
        }
    }
    let mut description: Vec<String> = Vec::new();
    if !v.purpose.trim().is_empty() {
        description.push(v.purpose.trim().to_string());
    }
    if let Some(deal) = &v.opportunity_title {
        description.push(if lang.is_chinese() { format!("商机：{deal}") } else { format!("Deal: {deal}") });
    }
    if !v.skip_reason.is_empty() {
        let reason = &v.skip_reason;
        description.push(if lang.is_chinese() { format!("跳过：{reason}") } else { format!("Skipped: {reason}") });
    }
    if !description.is_empty() {
        event.description(&description.join("\n"));
    }
    if !v.account_address.trim().is_empty() {
        event.location(v.account_address.trim());
    }
    event.done()
}

/// The planned visits between `from` and `to` as an iCalendar file, with
/// the instalments still owed that fall due then when asked. Written a
/// page at a time. Returns how many events.
pub fn write_ics(
    store: &Store,
    out: &mut dyn Write,
    filter: &VisitFilter,
    as_of: NaiveDate,
    with_instalments: bool,
    lang: Lang,
) -> Result<usize, ExportError> {
    let name = if lang.is_chinese() { "kam 拜访计划" } else { "kam visit plan" };
    for line in ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kam//visit plan//EN", "CALSCALE:GREGORIAN"] {
        write!(out, "{line}\r\n")?;
    }
    write!(out, "X-WR-CALNAME:{name}\r\n")?;
    let mut count = 0;
    let mut after = None;
    loop {
        let rows = store.planned_visits(filter, as_of, after, EXPORT_PAGE)?;
        for v in &rows {
            out.write_all(visit_event(lang, v).to_string().as_bytes())?;
        }
        count += rows.len();
        match rows.last() {
            Some(last) if rows.len() == EXPORT_PAGE => after = Some((last.planned_on, last.id)),
            _ => break,
        }
    }
    if with_instalments {
        count += write_instalments(store, out, filter, as_of, lang)?;
    }
    write!(out, "END:VCALENDAR\r\n")?;
    Ok(count)
}

/// Instalments still owed falling due in the range, one all-day event
/// each; the sequence is the time of its last change, so a moved due
/// date updates the event.
fn write_instalments(
    store: &Store,
    out: &mut dyn Write,
    filter: &VisitFilter,
    as_of: NaiveDate,
    lang: Lang,
) -> Result<usize, ExportError> {
    let zh = lang.is_chinese();
    let instalments = InstalmentFilter { as_of, status: None, contract_id: None };
    let mut after = filter.from.and_then(|d| d.checked_sub_days(Days::new(1))).map(|d| (d, i64::MAX));
    let mut count = 0;
    loop {
        let rows = store.instalments_page(&instalments, after, EXPORT_PAGE)?;
        for i in &rows {
            if filter.to.is_some_and(|to| i.instalment.due_on > to) {
                return Ok(count);
            }
            if i.outstanding().cents() <= 0 || i.instalment.void {
                continue;
            }
            let due = i.instalment.due_on;
            let label = format!("{} {}", i.instalment.seq, i.instalment.label);
            let title = if zh {
                format!("回款·{} {}", i.account_name, i.outstanding().full())
            } else {
                format!("Payment due · {} {}", i.account_name, i.outstanding().full())
            };
            let mut event = Event::new();
            event
                .uid(&format!("{}@kam", i.uuid))
                .timestamp(stamp(&i.updated_at))
                .sequence(u32::try_from(stamp(&i.updated_at).timestamp()).unwrap_or(0))
                .summary(&title)
                .description(&format!("{} · {}", i.contract_title, label.trim()))
                .status(EventStatus::Confirmed)
                .starts(due)
                .ends(due.checked_add_days(Days::new(1)).unwrap_or(due));
            out.write_all(event.done().to_string().as_bytes())?;
            count += 1;
        }
        match rows.last() {
            Some(last) if rows.len() == EXPORT_PAGE => after = Some((last.instalment.due_on, last.id)),
            _ => return Ok(count),
        }
    }
}
