//! Reports written out: the typed forms of `crate::reports` as a text
//! table, CSV, JSON, Markdown (ready to paste into WeChat, DingTalk or a
//! mail) or xlsx. Every format is made from the same sections, so they
//! say the same thing.

use std::path::Path;

use unicode_width::UnicodeWidthStr;

use crate::domain::Money;
use crate::domain::checklist::QuoteWarning;
use crate::i18n::{Lang, Msg};
use crate::labels::{Named, checklist_label};
use crate::reports::DailyReport;
use crate::store::DealMoveRow;

use super::export::{ExportError, neutralise};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
    Markdown,
    Xlsx,
}

/// A cell of a report: money stays money until the format decides.
#[derive(Debug, Clone, PartialEq)]
pub enum ReportCell {
    Text(String),
    Money(Money),
    Int(i64),
    /// A day: a date cell in xlsx.
    Date(chrono::NaiveDate),
    /// A percent (85.5 is 85.5 %); none shows as a dash.
    Percent(Option<f64>),
    /// A figure with decimals (points, scores).
    Num(f64),
}

impl ReportCell {
    pub fn text(&self) -> String {
        match self {
            ReportCell::Text(t) => t.clone(),
            ReportCell::Money(m) => m.full(),
            ReportCell::Int(n) => n.to_string(),
            ReportCell::Date(d) => day(*d),
            ReportCell::Percent(Some(p)) => format!("{p:.1}%"),
            ReportCell::Percent(None) => "—".to_string(),
            ReportCell::Num(x) => format!("{x:.2}"),
        }
    }

    pub fn right_aligned(&self) -> bool {
        !matches!(self, ReportCell::Text(_))
    }
}

/// One titled table of a report; `rows` may be empty (then a line says
/// nothing was recorded). Text-only sections have no headers.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<ReportCell>>,
}

fn text(s: impl Into<String>) -> ReportCell {
    ReportCell::Text(s.into())
}

fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// The title line: the form's name, the day and its weekday.
pub fn daily_title(report: &DailyReport, lang: Lang) -> String {
    format!("{}  {} {}", lang.t(Msg::DailyReportTitle), day(report.day), lang.t(crate::labels::weekday_msg(report.day)))
}

/// One line about a deal's event of the day: forced items, or why lost.
pub fn deal_note(m: &DealMoveRow, lang: Lang) -> String {
    if m.outcome.as_deref() == Some("lost") {
        let reason = crate::i18n::lost_reason_label(lang, &m.lost_reason).to_string();
        return if m.lost_to.is_empty() {
            reason
        } else {
            lang.t(Msg::LostBecause).replace("{reason}", &reason).replace("{competitor}", &m.lost_to)
        };
    }
    if m.unmet.is_empty() {
        return String::new();
    }
    let items: Vec<&str> = m.unmet.iter().filter_map(|c| checklist_label(c)).map(|l| lang.t(l)).collect();
    lang.t(Msg::ForcedPast).replace("{unmet}", &items.join("; "))
}

/// The stage of a deal's event: `3 -> 4`, or where it was created.
pub fn deal_stage(m: &DealMoveRow, lang: Lang) -> String {
    match m.from {
        Some(from) if from != m.to => format!("{} -> {}", lang.t(from.label()), lang.t(m.to.label())),
        _ => lang.t(m.to.label()).to_string(),
    }
}

/// The deals of the day in one list: created, moved, won, lost, reopened.
pub fn deal_events(report: &DailyReport) -> Vec<(Msg, &DealMoveRow)> {
    let mut out = Vec::new();
    for (what, list) in [
        (Msg::DealEventCreated, &report.deals_created),
        (Msg::DealEventMoved, &report.deals_moved),
        (Msg::DealEventWon, &report.deals_won),
        (Msg::DealEventLost, &report.deals_lost),
        (Msg::DealEventReopened, &report.deals_reopened),
    ] {
        out.extend(list.iter().map(|m| (what, m)));
    }
    out
}

/// The columns of the day's activities, on screen and in every file.
pub const ACTIVITY_COLUMNS: [Msg; 9] = [
    Msg::ColTime,
    Msg::ColAccount,
    Msg::ColContact,
    Msg::FieldDeal,
    Msg::FieldChannel,
    Msg::FieldPurpose,
    Msg::FieldResult,
    Msg::FieldNextStep,
    Msg::FieldNextDate,
];

/// The daily report as sections, in the user's language.
pub fn daily_sections(report: &DailyReport, lang: Lang) -> Vec<Section> {
    let t = |m: Msg| lang.t(m).to_string();
    let activities = Section {
        title: {
            // A day with more activities than a report lists says so.
            let total = report.activity_count().max(report.activities.len() as i64);
            let count = if total > report.activities.len() as i64 {
                t(Msg::ShownOf)
                    .replace("{shown}", &report.activities.len().to_string())
                    .replace("{n}", &total.to_string())
            } else {
                total.to_string()
            };
            format!("{} ({count})", t(Msg::SectionActivities))
        },
        headers: ACTIVITY_COLUMNS.map(t).to_vec(),
        rows: report
            .activities
            .iter()
            .map(|a| {
                vec![
                    text(report.time_of(a)),
                    text(&a.account_name),
                    text(a.contact_names.join("、")),
                    text(a.deal_title.clone().unwrap_or_default()),
                    text(lang.t(a.fields.channel.label())),
                    text(&a.fields.purpose),
                    text(&a.fields.result),
                    text(&a.fields.next_step),
                    text(a.fields.next_on.map(day).unwrap_or_default()),
                ]
            })
            .collect(),
    };
    let by_channel = Section {
        title: t(Msg::ByChannel),
        headers: vec![t(Msg::FieldChannel), t(Msg::ColCount)],
        rows: report.by_channel.iter().map(|(c, n)| vec![text(lang.t(c.label())), ReportCell::Int(*n)]).collect(),
    };
    let deals = Section {
        title: t(Msg::SectionDealsOfDay),
        headers: [Msg::ColWhat, Msg::ColOpportunity, Msg::ColAccount, Msg::ColStage, Msg::DealAmount, Msg::ColNote]
            .map(t)
            .to_vec(),
        rows: deal_events(report)
            .into_iter()
            .map(|(what, m)| {
                vec![
                    text(lang.t(what)),
                    text(&m.title),
                    text(&m.account_name),
                    text(deal_stage(m, lang)),
                    ReportCell::Money(m.amount),
                    text(deal_note(m, lang)),
                ]
            })
            .collect(),
    };
    let quotes = Section {
        title: t(Msg::SectionQuotesOfDay),
        headers: [Msg::ColOpportunity, Msg::ColAccount, Msg::DealAmount, Msg::FieldNotes, Msg::ColWarning]
            .map(t)
            .to_vec(),
        rows: report
            .quotes
            .iter()
            .map(|q| {
                let warning = [QuoteWarning::BeforeClose, QuoteWarning::BeforeRealNeed]
                    .into_iter()
                    .find(|w| w.code() == q.warning)
                    .map(|w| lang.t(w.label()).to_string())
                    .unwrap_or_default();
                vec![text(&q.title), text(&q.account_name), ReportCell::Money(q.amount), text(&q.note), text(warning)]
            })
            .collect(),
    };
    let follow_ups = Section {
        title: t(Msg::SectionFollowUpsDue),
        headers: [Msg::ColAccount, Msg::FieldNextStep, Msg::ColPromisedOn, Msg::ColKept].map(t).to_vec(),
        rows: report
            .follow_ups_due
            .iter()
            .map(|f| {
                vec![
                    text(&f.account_name),
                    text(&f.next_step),
                    text(day(f.promised_on)),
                    text(t(if f.kept { Msg::Yes } else { Msg::No })),
                ]
            })
            .collect(),
    };
    let words = |title: Msg, body: &Option<String>| Section {
        title: t(title),
        headers: Vec::new(),
        rows: match body {
            Some(b) if !b.trim().is_empty() => b.lines().map(|l| vec![text(l)]).collect(),
            _ => vec![vec![text(t(Msg::NotWritten))]],
        },
    };
    vec![
        activities,
        by_channel,
        deals,
        quotes,
        follow_ups,
        words(Msg::FieldSummary, &report.summary),
        words(Msg::FieldTomorrowPlan, &report.tomorrow_plan),
    ]
}

/// Aligned text for a terminal: columns by display width, money right.
pub fn render_table(title: &str, sections: &[Section], lang: Lang) -> String {
    let mut out = format!("{title}\n");
    for section in sections {
        out.push('\n');
        out.push_str(&section.title);
        out.push('\n');
        if section.headers.is_empty() {
            for row in &section.rows {
                out.push_str(&format!("  {}\n", row.iter().map(ReportCell::text).collect::<Vec<_>>().join(" ")));
            }
            continue;
        }
        if section.rows.is_empty() {
            out.push_str(&format!("  {}\n", lang.t(Msg::NothingThatDay)));
            continue;
        }
        let header: Vec<ReportCell> = section.headers.iter().map(|h| text(h.as_str())).collect();
        let lines: Vec<&Vec<ReportCell>> = std::iter::once(&header).chain(&section.rows).collect();
        let widths: Vec<usize> = (0..section.headers.len())
            .map(|i| lines.iter().map(|l| l.get(i).map(|c| c.text().width()).unwrap_or(0)).max().unwrap_or(0))
            .collect();
        for line in lines {
            let cells: Vec<String> = line
                .iter()
                .zip(&widths)
                .map(|(cell, w)| {
                    let value = cell.text();
                    let pad = " ".repeat(w.saturating_sub(value.width()));
                    if cell.right_aligned() { [pad, value].concat() } else { [value, pad].concat() }
                })
                .collect();
            out.push_str(&format!("  {}\n", cells.join("  ").trim_end()));
        }
    }
    out
}

/// Markdown that pastes cleanly into a chat: a bold title, a small table
/// per section, the rep's words as plain lines.
pub fn render_markdown(title: &str, sections: &[Section], lang: Lang) -> String {
    let cell = |c: &ReportCell| c.text().replace('|', "\\|").replace('\n', " ");
    let mut out = format!("**{title}**\n");
    for section in sections {
        out.push_str(&format!("\n**{}**\n\n", section.title));
        if section.headers.is_empty() {
            for row in &section.rows {
                out.push_str(&format!("{}\n", row.iter().map(cell).collect::<Vec<_>>().join(" ")));
            }
            continue;
        }
        if section.rows.is_empty() {
            out.push_str(&format!("{}\n", lang.t(Msg::NothingThatDay)));
            continue;
        }
        out.push_str(&format!("| {} |\n", section.headers.join(" | ")));
        let rule: Vec<&str> = section
            .rows
            .first()
            .map(|r| r.iter().map(|c| if c.right_aligned() { "---:" } else { "---" }).collect())
            .unwrap_or_default();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &section.rows {
            out.push_str(&format!("| {} |\n", row.iter().map(cell).collect::<Vec<_>>().join(" | ")));
        }
    }
    out
}

/// CSV: a BOM for Excel, then each section as its title, its header and
/// its rows, a blank line between; formulas neutralised.
pub fn render_csv(title: &str, sections: &[Section]) -> Result<Vec<u8>, ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(&mut out);
        w.write_record([neutralise(title)])?;
        for section in sections {
            w.write_record([""])?;
            w.write_record([neutralise(&section.title)])?;
            if !section.headers.is_empty() {
                w.write_record(section.headers.iter().map(|h| neutralise(h)))?;
            }
            for row in &section.rows {
                w.write_record(row.iter().map(|c| match c {
                    ReportCell::Money(m) => m.full().replace(',', ""),
                    ReportCell::Text(t) => neutralise(t),
                    other => other.text(),
                }))?;
            }
        }
        w.flush()?;
    }
    Ok(out)
}

/// xlsx: a sheet per section (named after it), each under the report's
/// title; money, counts and percents as numbers, days as date cells, text
/// as plain string cells (a string cell never runs as a formula).
pub fn write_xlsx(title: &str, sections: &[Section], path: &Path) -> Result<(), ExportError> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0.00");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0.0%");
    let decimal = Format::new().set_num_format("0.00");
    let mut names: Vec<String> = Vec::new();
    for section in sections {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&section.title, &names))?;
        names.push(sheet.name());
        sheet.write_string_with_format(0, 0, title, &bold)?;
        sheet.write_string_with_format(2, 0, &section.title, &bold)?;
        let mut row = 2u32;
        if !section.headers.is_empty() {
            row += 1;
            for (col, h) in section.headers.iter().enumerate() {
                sheet.write_string_with_format(row, col as u16, h, &bold)?;
            }
        }
        for cells in &section.rows {
            row += 1;
            for (col, c) in cells.iter().enumerate() {
                let col = col as u16;
                match c {
                    ReportCell::Money(m) => {
                        sheet.write_number_with_format(row, col, m.cents() as f64 / 100.0, &money)?;
                    }
                    ReportCell::Int(n) => {
                        sheet.write_number(row, col, *n as f64)?;
                    }
                    ReportCell::Num(x) => {
                        sheet.write_number_with_format(row, col, *x, &decimal)?;
                    }
                    ReportCell::Percent(Some(p)) => {
                        sheet.write_number_with_format(row, col, *p / 100.0, &percent)?;
                    }
                    ReportCell::Percent(None) => {}
                    ReportCell::Date(d) => {
                        use chrono::Datelike;
                        let when = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                        sheet.write_datetime_with_format(row, col, &when, &date)?;
                    }
                    ReportCell::Text(t) => {
                        sheet.write_string(row, col, t)?;
                    }
                }
            }
        }
        sheet.autofit();
    }
    if sections.is_empty() {
        book.add_worksheet().write_string_with_format(0, 0, title, &bold)?;
    }
    book.save(path)?;
    Ok(())
}

/// A sheet name Excel takes: at most 31 characters, none of `[]:*?/\`,
/// not used yet in the book.
fn sheet_name(title: &str, taken: &[String]) -> String {
    let clean: String = title.chars().map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c }).collect();
    let base: String = clean.trim().trim_matches('\'').chars().take(28).collect();
    let base = if base.is_empty() { "Sheet".to_string() } else { base };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

/// JSON: the domain's snake_case names and codes (not labels), money as
/// integer cents in `_cents` fields, so a script reads it in any language.
pub fn daily_json(report: &DailyReport) -> serde_json::Value {
    use serde_json::json;
    let deal = |m: &DealMoveRow| {
        json!({
            "opportunity_id": m.opportunity_id,
            "title": m.title,
            "account": m.account_name,
            "from_stage": m.from.map(|s| s.number()),
            "to_stage": m.to.number(),
            "amount_cents": m.amount.cents(),
            "forced": !m.unmet.is_empty(),
            "unmet": m.unmet,
            "lost_reason": m.lost_reason,
            "lost_to": m.lost_to,
        })
    };
    json!({
        "date": day(report.day),
        "activities": report.activities.iter().map(|a| json!({
            "id": a.id,
            "uuid": a.uuid,
            "time": report.time_of(a),
            "account": a.account_name,
            "contacts": a.contact_names,
            "contact_ids": a.fields.contact_ids,
            "opportunity_id": a.fields.opportunity_id,
            "opportunity": a.deal_title,
            "keeps_follow_up_id": a.fields.keeps_id,
            "channel": a.fields.channel.code(),
            "purpose": a.fields.purpose,
            "result": a.fields.result,
            "next_step": a.fields.next_step,
            "next_date": a.fields.next_on.map(day),
        })).collect::<Vec<_>>(),
        "activity_count": report.activity_count(),
        "by_channel": report.by_channel.iter().map(|(c, n)| json!({"channel": c.code(), "count": n}))
            .collect::<Vec<_>>(),
        "opportunities_created": report.deals_created.iter().map(deal).collect::<Vec<_>>(),
        "opportunities_moved": report.deals_moved.iter().map(deal).collect::<Vec<_>>(),
        "opportunities_won": report.deals_won.iter().map(deal).collect::<Vec<_>>(),
        "opportunities_lost": report.deals_lost.iter().map(deal).collect::<Vec<_>>(),
        "opportunities_reopened": report.deals_reopened.iter().map(deal).collect::<Vec<_>>(),
        "won_amount_cents": report.won_amount().cents(),
        "quotes": report.quotes.iter().map(|q| json!({
            "opportunity_id": q.opportunity_id,
            "title": q.title,
            "account": q.account_name,
            "amount_cents": q.amount.cents(),
            "note": q.note,
            "warning": q.warning,
        })).collect::<Vec<_>>(),
        "follow_ups_due": report.follow_ups_due.iter().map(|f| json!({
            "activity_id": f.activity_id,
            "account": f.account_name,
            "next_step": f.next_step,
            "promised_on": day(f.promised_on),
            "kept": f.kept,
        })).collect::<Vec<_>>(),
        "summary": report.summary,
        "tomorrow_plan": report.tomorrow_plan,
    })
}
