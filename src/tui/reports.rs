//! The Reports tab: the daily sales report (大客户销售日报表) of a chosen day —
//! its activities, counts by channel, the summary and tomorrow's plan.

use crate::labels::Named;
use chrono::{FixedOffset, Local, NaiveDate, Offset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::theme;
use super::visits::weekday_msg;
use crate::i18n::{Lang, Msg};
use crate::store::{self, ActivityRow, ChannelCount, DailySummary, Store};

/// A day holds dozens of activities; this caps a pathological one.
const MAX_ACTIVITIES_SHOWN: usize = 500;

pub struct ReportsTab {
    pub day: NaiveDate,
    pub activities: Vec<ActivityRow>,
    pub counts: Vec<ChannelCount>,
    pub summary: Option<DailySummary>,
    pub selected: usize,
    /// Activity times are stored in UTC and shown in this offset.
    pub utc_offset: FixedOffset,
}

impl ReportsTab {
    pub fn new(day: NaiveDate) -> ReportsTab {
        ReportsTab {
            day,
            activities: Vec::new(),
            counts: Vec::new(),
            summary: None,
            selected: 0,
            utc_offset: Local::now().offset().fix(),
        }
    }

    pub fn load(&mut self, store: &Store) -> store::Result<()> {
        self.activities = store.activities_on(self.day, MAX_ACTIVITIES_SHOWN)?;
        self.counts = store.channel_counts_on(self.day)?;
        self.summary = store.daily_summary(self.day)?;
        self.selected = self.selected.min(self.activities.len().saturating_sub(1));
        Ok(())
    }

    pub fn selected_activity(&self) -> Option<&ActivityRow> {
        self.activities.get(self.selected)
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang) {
        let [title_area, table_area, counts_area, words_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(6),
        ])
        .areas(area);
        let title = format!(
            "{}  {} {}",
            lang.t(Msg::DailyReportTitle),
            self.day.format("%Y-%m-%d"),
            lang.t(weekday_msg(self.day))
        );
        frame.render_widget(Paragraph::new(Line::styled(title, theme::title())), title_area);

        let header = Row::new(
            [
                Msg::ColTime,
                Msg::ColAccount,
                Msg::ColContact,
                Msg::FieldChannel,
                Msg::FieldPurpose,
                Msg::FieldResult,
                Msg::FieldNextStep,
                Msg::FieldNextDate,
            ]
            .map(|m| Cell::from(lang.t(m))),
        )
        .style(theme::header());
        // Keep the selected activity in view: show the window that ends at it.
        let visible = usize::from(table_area.height.saturating_sub(3)).max(1);
        let skip = (self.selected + 1).saturating_sub(visible);
        let rows = self.activities.iter().enumerate().skip(skip).take(visible).map(|(i, t)| {
            let time = t
                .created_at
                .map(|at| at.with_timezone(&self.utc_offset).format("%H:%M").to_string())
                .unwrap_or_default();
            let style = if i == self.selected { theme::selected() } else { Default::default() };
            Row::new([
                Cell::from(time),
                Cell::from(t.account_name.as_str()),
                Cell::from(t.contact_name.clone().unwrap_or_default()),
                Cell::from(lang.t(t.fields.channel.label())),
                Cell::from(t.fields.purpose.as_str()),
                Cell::from(t.fields.result.as_str()),
                Cell::from(t.fields.next_step.as_str()),
                Cell::from(t.fields.next_on.map(|d| d.format("%m-%d").to_string()).unwrap_or_default()),
            ])
            .style(style)
        });
        let widths = [
            Constraint::Length(5),
            Constraint::Fill(2),
            Constraint::Length(8),
            Constraint::Length(14),
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Length(5),
        ];
        let block_title = format!(" {} ({}) ", lang.t(Msg::SectionActivities), self.activities.len());
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).title(Line::from(block_title).style(theme::title())));
        frame.render_widget(table, table_area);
        if self.activities.is_empty() && table_area.height > 3 {
            let inner =
                Rect { x: table_area.x + 1, y: table_area.y + 2, width: table_area.width.saturating_sub(2), height: 1 };
            frame.render_widget(Paragraph::new(Line::styled(lang.t(Msg::NoActivitiesThisDay), theme::muted())), inner);
        }

        let mut spans = vec![Span::styled(format!("{}: ", lang.t(Msg::ByChannel)), theme::label())];
        for c in &self.counts {
            spans.push(Span::raw(format!("{} {}   ", lang.t(c.channel.label()), c.count)));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), counts_area);

        let summary = self.summary.clone().unwrap_or_default();
        let or_blank = |s: String| if s.is_empty() { lang.t(Msg::NotWrittenYet).to_string() } else { s };
        let words = vec![
            Line::styled(lang.t(Msg::FieldSummary), theme::header()),
            Line::raw(or_blank(summary.summary)),
            Line::styled(lang.t(Msg::FieldTomorrowPlan), theme::header()),
            Line::raw(or_blank(summary.tomorrow_plan)),
        ];
        frame.render_widget(
            Paragraph::new(words).wrap(Wrap { trim: true }).block(Block::default().borders(Borders::TOP)),
            words_area,
        );
    }
}
