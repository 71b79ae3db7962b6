//! The Reports tab: the daily sales report (大客户销售日报表) of a chosen day,
//! drawn from the typed report `kam report daily` writes too — its
//! activities, counts by channel, the day's deals, quotes and follow-ups,
//! the summary and tomorrow's plan.

use chrono::{FixedOffset, Local, NaiveDate, Offset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use crate::i18n::{Lang, Msg};
use crate::io::report::{daily_title, deal_events, deal_note, deal_stage};
use crate::labels::Named;
use crate::reports::DailyReport;
use crate::store::{self, ActivityRow, Store};
use crate::tui::fit::{fit, name_in};
use crate::tui::theme;

/// Lines the day's deals, quotes and follow-ups take on the tab.
const PIPELINE_LINES: usize = 5;

pub struct ReportsTab {
    /// The form shown: the daily report, or one of the month panes.
    pub pane: super::report_panes::Pane,
    pub forms: super::report_panes::FormPanes,
    pub day: NaiveDate,
    pub report: DailyReport,
    pub selected: usize,
    /// Activity times are stored in UTC and shown in this offset.
    pub utc_offset: FixedOffset,
}

impl ReportsTab {
    pub fn new(day: NaiveDate) -> ReportsTab {
        let utc_offset = Local::now().offset().fix();
        ReportsTab {
            pane: super::report_panes::Pane::Daily,
            forms: super::report_panes::FormPanes::new(day),
            day,
            report: empty_report(day, utc_offset),
            selected: 0,
            utc_offset,
        }
    }

    pub fn load(&mut self, store: &Store) -> store::Result<()> {
        self.report = DailyReport::build(store, self.day, self.utc_offset)?;
        self.selected = self.selected.min(self.report.activities.len().saturating_sub(1));
        Ok(())
    }

    pub fn selected_activity(&self) -> Option<&ActivityRow> {
        self.report.activities.get(self.selected)
    }

    /// The lines about the day's deals, quotes and follow-ups.
    /// The lines about the day's deals, quotes and follow-ups, at most
    /// `PIPELINE_LINES` (a busy day has hundreds; only what shows is made).
    fn pipeline_lines(&self, lang: Lang) -> Vec<Line<'static>> {
        let r = &self.report;
        let mut lines = Vec::new();
        for (what, m) in deal_events(r).into_iter().take(PIPELINE_LINES) {
            let note = deal_note(m, lang);
            let mut text = format!(
                "{} {}  {}  {}  {}",
                lang.t(what),
                m.title,
                m.account_name,
                deal_stage(m, lang),
                m.amount.compact(lang.is_chinese())
            );
            if !note.is_empty() {
                text.push_str(&format!("  {note}"));
            }
            let style = if m.unmet.is_empty() { Default::default() } else { theme::warning() };
            lines.push(Line::styled(text, style));
        }
        for q in r.quotes.iter().take(PIPELINE_LINES.saturating_sub(lines.len())) {
            lines.push(Line::raw(format!(
                "{} {}  {}  {}",
                lang.t(Msg::SectionQuotesOfDay),
                q.title,
                q.account_name,
                q.amount.compact(lang.is_chinese())
            )));
        }
        for f in r.follow_ups_due.iter().take(PIPELINE_LINES.saturating_sub(lines.len())) {
            let kept = lang.t(if f.kept { Msg::Yes } else { Msg::No });
            lines.push(Line::raw(format!(
                "{} {}  {}  {} {}",
                lang.t(Msg::SectionFollowUpsDue),
                f.account_name,
                f.next_step,
                lang.t(Msg::ColKept),
                kept
            )));
        }
        lines
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang) {
        let pipeline = self.pipeline_lines(lang);
        // The day's deals get a few lines; the activities keep the rest.
        let pipeline_height = if pipeline.is_empty() { 0 } else { pipeline.len() as u16 + 1 };
        let r = &self.report;
        // The rep's words take the lines they need, up to a third of the
        // tab: side by side when there is room, one above the other when not.
        let beside = area.width >= 80;
        let column = if beside { area.width.saturating_sub(2) / 2 } else { area.width };
        let rows_of = |s: &Option<String>| -> u16 {
            let text = s.as_deref().unwrap_or(" ");
            let width = usize::from(column.max(1));
            text.lines().map(|l| unicode_width::UnicodeWidthStr::width(l).div_ceil(width).max(1)).sum::<usize>().max(1)
                as u16
        };
        let needed = if beside {
            rows_of(&r.summary).max(rows_of(&r.tomorrow_plan)) + 2
        } else {
            rows_of(&r.summary) + rows_of(&r.tomorrow_plan) + 3
        };
        let words_height = needed.clamp(5, (area.height / 3).max(5));
        let [title_area, table_area, counts_area, pipeline_area, words_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(pipeline_height),
            Constraint::Length(words_height),
        ])
        .areas(area);
        let title =
            super::report_panes::pane_title(self.pane, &daily_title(r, lang), usize::from(title_area.width), lang);
        frame.render_widget(Paragraph::new(Line::styled(title, theme::title())), title_area);

        let columns = activity_columns(usize::from(table_area.width.saturating_sub(2)), r);
        let header = Row::new(columns.iter().map(|(c, _)| Cell::from(lang.t(c.title())))).style(theme::header());
        // Keep the selected activity in view: show the window that ends at it.
        let visible = usize::from(table_area.height.saturating_sub(3)).max(1);
        let skip = (self.selected + 1).saturating_sub(visible);
        let rows = r.activities.iter().enumerate().skip(skip).take(visible).map(|(i, t)| {
            let style = if i == self.selected { theme::selected() } else { Default::default() };
            Row::new(columns.iter().map(|(c, w)| Cell::from(c.cell(r, t, lang, *w)))).style(style)
        });
        let widths: Vec<Constraint> = columns.iter().map(|(_, w)| Constraint::Length(*w as u16)).collect();
        // The day's count, and how many of them are listed when a day holds
        // more than the report lists.
        let total = r.activity_count().max(r.activities.len() as i64);
        let block_title = if total > r.activities.len() as i64 {
            format!(
                " {} ({}) ",
                lang.t(Msg::SectionActivities),
                lang.t(Msg::ShownOf)
                    .replace("{shown}", &r.activities.len().to_string())
                    .replace("{n}", &total.to_string())
            )
        } else {
            format!(" {} ({total}) ", lang.t(Msg::SectionActivities))
        };
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).title(Line::from(block_title).style(theme::title())));
        frame.render_widget(table, table_area);
        if r.activities.is_empty() && table_area.height > 3 {
            let inner =
                Rect { x: table_area.x + 1, y: table_area.y + 2, width: table_area.width.saturating_sub(2), height: 1 };
            frame.render_widget(Paragraph::new(Line::styled(lang.t(Msg::NoActivitiesThisDay), theme::muted())), inner);
        }

        let mut spans = vec![Span::styled(format!("{}: ", lang.t(Msg::ByChannel)), theme::label())];
        for (channel, count) in &r.by_channel {
            spans.push(Span::raw(format!("{} {}   ", lang.t(channel.label()), count)));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), counts_area);

        if pipeline_height > 0 {
            let mut lines = vec![Line::styled(lang.t(Msg::SectionDealsOfDay), theme::header())];
            lines.extend(pipeline);
            frame.render_widget(Paragraph::new(lines), pipeline_area);
        }

        let or_blank = |s: &Option<String>| match s {
            Some(s) if !s.is_empty() => s.clone(),
            _ => lang.t(Msg::NotWrittenYet).to_string(),
        };
        let block = Block::default().borders(Borders::TOP);
        let inner = block.inner(words_area);
        frame.render_widget(block, words_area);
        let part = |title: Msg, text: &Option<String>| {
            let mut lines = vec![Line::styled(lang.t(title), theme::header())];
            lines.extend(or_blank(text).lines().map(|l| Line::raw(l.to_string())));
            lines
        };
        if beside {
            let [left, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Fill(1)]).spacing(2).areas(inner);
            render_words(frame, left, part(Msg::FieldSummary, &r.summary), lang);
            render_words(frame, right, part(Msg::FieldTomorrowPlan, &r.tomorrow_plan), lang);
        } else {
            let mut lines = part(Msg::FieldSummary, &r.summary);
            lines.extend(part(Msg::FieldTomorrowPlan, &r.tomorrow_plan));
            render_words(frame, inner, lines, lang);
        }
    }
}

/// The rep's words in `area`, wrapped; when they need more lines than
/// there are, the last line says how many more and that `D` shows them all
/// (nothing is cut silently).
fn render_words(frame: &mut Frame<'_>, area: Rect, lines: Vec<Line<'static>>, lang: Lang) {
    let width = usize::from(area.width.max(1));
    let rows = |l: &Line<'_>| l.width().div_ceil(width).max(1);
    let needed: usize = lines.iter().map(rows).sum();
    let room = usize::from(area.height);
    if needed <= room {
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return;
    }
    let mut shown = Vec::new();
    let mut used = 0;
    for line in lines {
        let r = rows(&line);
        if used + r >= room {
            break;
        }
        used += r;
        shown.push(line);
    }
    let more = needed - used;
    shown.push(Line::styled(lang.t(Msg::MoreLines).replace("{n}", &more.to_string()), theme::muted()));
    frame.render_widget(Paragraph::new(shown).wrap(Wrap { trim: true }), area);
}

/// A column of the day's activities on screen. Which ones show depends on
/// the room: the time, account, channel, purpose, next step and date
/// always; contacts and result from 100 columns; the deal from 140.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Column {
    Time,
    Account,
    Contacts,
    Deal,
    Channel,
    Purpose,
    Result,
    NextStep,
    NextDate,
}

impl Column {
    fn title(self) -> Msg {
        match self {
            Column::Time => Msg::ColTime,
            Column::Account => Msg::ColAccount,
            Column::Contacts => Msg::ColContact,
            Column::Deal => Msg::FieldDeal,
            Column::Channel => Msg::FieldChannel,
            Column::Purpose => Msg::FieldPurpose,
            Column::Result => Msg::FieldResult,
            Column::NextStep => Msg::FieldNextStep,
            Column::NextDate => Msg::FieldNextDate,
        }
    }

    fn cell(self, r: &DailyReport, t: &ActivityRow, lang: Lang, width: usize) -> String {
        let f = &t.fields;
        match self {
            Column::Time => r.time_of(t),
            Column::Account => name_in(&t.account_name, &t.account_short_name, width),
            Column::Contacts => fit(&t.contact_names.join("、"), width),
            Column::Deal => fit(t.deal_title.as_deref().unwrap_or(""), width),
            Column::Channel => {
                let full = lang.t(f.channel.label());
                let shown = if unicode_width::UnicodeWidthStr::width(full) <= width {
                    full
                } else {
                    lang.t(crate::labels::channel_short(f.channel))
                };
                fit(shown, width)
            }
            Column::Purpose => fit(&f.purpose, width),
            Column::Result => fit(&f.result, width),
            Column::NextStep => fit(&f.next_step, width),
            Column::NextDate => f.next_on.map(|d| d.format("%m-%d").to_string()).unwrap_or_default(),
        }
    }
}

/// The columns that fit in `width` cells and the width of each. Names
/// shrink last: the account column gets the widest name shown (up to a
/// third of the room) before the free-text columns share the rest.
fn activity_columns(width: usize, r: &DailyReport) -> Vec<(Column, usize)> {
    use unicode_width::UnicodeWidthStr;
    let mut columns = vec![(Column::Time, 5), (Column::Account, 0)];
    if width >= 100 {
        columns.push((Column::Contacts, 12));
    }
    if width >= 140 {
        columns.push((Column::Deal, 16));
    }
    let channel_w = if width >= 100 { 14 } else { 8 };
    columns.push((Column::Channel, channel_w));
    columns.push((Column::Purpose, 0));
    if width >= 100 {
        columns.push((Column::Result, 0));
    }
    columns.extend([(Column::NextStep, 0), (Column::NextDate, 5)]);
    let fixed: usize = columns.iter().map(|(_, w)| w).sum::<usize>() + columns.len() - 1;
    let room = width.saturating_sub(fixed);
    let widest = r.activities.iter().map(|t| t.account_name.width()).max().unwrap_or(8);
    let account = widest.clamp(8, (room / 3).max(8)).min(room);
    let texts = columns.iter().filter(|(_, w)| *w == 0).count() - 1;
    let each = room.saturating_sub(account) / texts.max(1);
    for (column, w) in &mut columns {
        if *w == 0 {
            *w = if *column == Column::Account { account } else { each };
        }
    }
    columns
}

fn empty_report(day: NaiveDate, utc_offset: FixedOffset) -> DailyReport {
    DailyReport {
        day,
        utc_offset,
        activities: Vec::new(),
        by_channel: Vec::new(),
        deals_created: Vec::new(),
        deals_moved: Vec::new(),
        deals_won: Vec::new(),
        deals_lost: Vec::new(),
        deals_reopened: Vec::new(),
        quotes: Vec::new(),
        follow_ups_due: Vec::new(),
        summary: None,
        tomorrow_plan: None,
    }
}

impl super::TabView for ReportsTab {
    /// The activity the action touched: its day shown, its row selected.
    fn reveal(&mut self, touched: &[(String, i64)], cx: &super::TabCx<'_>) -> store::Result<()> {
        for (_, id) in touched.iter().filter(|(table, _)| table == "activity") {
            if let Some(activity) = cx.store.activity(*id)? {
                if activity.fields.occurred_on != self.day {
                    self.day = activity.fields.occurred_on;
                    ReportsTab::load(self, cx.store)?;
                }
                if let Some(at) = self.report.activities.iter().position(|a| a.id == *id) {
                    self.selected = at;
                }
                return Ok(());
            }
        }
        Ok(())
    }

    /// v: the next form. On the daily report h/l: the day before or after;
    /// t: today. The month panes have their own (`report_panes`).
    fn on_action(
        &mut self,
        action: crate::tui::keymap::Action,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        use super::report_panes::Pane;
        use crate::tui::keymap::Action;
        use crate::tui::popups::Effect;
        if action == Action::NextView {
            self.pane = self.pane.next();
            super::TabView::load(self, cx)?;
            return Ok(Effect::Stay);
        }
        if self.pane != Pane::Daily {
            return self.forms.on_action(self.pane, action, cx);
        }
        match action {
            Action::Open => {
                return Ok(match self.selected_activity() {
                    Some(row) => {
                        Effect::Open(Box::new(crate::tui::popups::activity::ActivityForm::edit(cx.lang, row, cx.store)))
                    }
                    None => Effect::Stay,
                });
            }
            Action::Delete => {
                let Some(row) = self.selected_activity() else { return Ok(Effect::Stay) };
                let name = format!("{} {}", row.account_name, row.fields.purpose);
                let question = cx.lang.t(Msg::ConfirmDelete).replace("{name}", &name);
                let after = Some(cx.lang.t(Msg::Deleted).replace("{name}", &name));
                let then = crate::tui::command::Command::DeleteActivity(row.id);
                return Ok(Effect::Open(Box::new(crate::tui::popups::confirm::ConfirmPopup { question, then, after })));
            }
            _ => {}
        }
        self.day = match action {
            Action::PreviousDay => self.day.pred_opt().unwrap_or(self.day),
            Action::NextDay => self.day.succ_opt().unwrap_or(self.day),
            Action::Today => cx.today,
            _ => return Ok(crate::tui::popups::Effect::Stay),
        };
        self.selected = 0;
        ReportsTab::load(self, cx.store)?;
        Ok(crate::tui::popups::Effect::Stay)
    }

    fn load(&mut self, cx: &super::TabCx<'_>) -> store::Result<()> {
        match self.pane {
            super::report_panes::Pane::Daily => ReportsTab::load(self, cx.store),
            pane => self.forms.load(pane, cx.store, cx.config, cx.today),
        }
    }

    fn navigate(&mut self, action: crate::tui::keymap::Action, cx: &super::TabCx<'_>) -> store::Result<()> {
        use crate::tui::keymap::Action;
        if self.pane != super::report_panes::Pane::Daily {
            self.forms.navigate(self.pane, action, usize::from(cx.body_height));
            return Ok(());
        }
        let last = self.report.activities.len().saturating_sub(1);
        let page = usize::from(cx.body_height).max(1);
        let s = self.selected;
        self.selected = match action {
            Action::Down => (s + 1).min(last),
            Action::Up => s.saturating_sub(1),
            Action::First => 0,
            Action::Last => last,
            Action::PageDown => (s + page).min(last),
            _ => s.saturating_sub(page),
        };
        Ok(())
    }

    fn selected_account(&self) -> Option<store::AccountSuggestion> {
        self.selected_activity()
            .map(|t| store::AccountSuggestion { id: t.fields.account_id, name: t.account_name.clone() })
    }

    fn day_in_view(&self) -> Option<NaiveDate> {
        (self.pane == super::report_panes::Pane::Daily).then_some(self.day)
    }

    fn done(
        &mut self,
        result: &store::Result<crate::tui::command::Done>,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        use crate::tui::popups::{Effect, Say};
        if self.pane != super::report_panes::Pane::Daily {
            return self.forms.done(self.pane, result, cx);
        }
        match result {
            Ok(_) => {
                ReportsTab::load(self, cx.store)?;
                Ok(Effect::Stay)
            }
            Err(e) => Ok(Effect::Say(Say::warn(crate::labels::store_error(cx.lang, e)))),
        }
    }

    fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        _today: NaiveDate,
    ) -> Option<ratatui::layout::Position> {
        match self.pane {
            super::report_panes::Pane::Daily => ReportsTab::render(self, frame, area, lang),
            pane => self.forms.render(frame, area, pane, lang),
        }
        None
    }
}
