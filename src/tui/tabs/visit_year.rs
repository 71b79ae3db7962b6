//! The Visits tab's year plan: each account's visits this year — planned,
//! done, missed, skipped, still ahead, compliance and the longest gap
//! against its cadence — the least compliant first, with the year's totals
//! above. `Enter` shows the account.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::domain::visit_plan::compliance;
use crate::i18n::{Lang, Msg};
use crate::reports::visit_plan::{PlanPeriod, VisitPlanReport};
use crate::store::{self, Store};
use crate::tui::fit::fit;
use crate::tui::theme;

#[derive(Debug, Clone, Default)]
pub struct YearPlan {
    pub report: Option<VisitPlanReport>,
    pub selected: usize,
}

impl YearPlan {
    pub fn load(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let report = VisitPlanReport::build(store, PlanPeriod::Year(today.year()), today)?;
        self.selected = self.selected.min(report.accounts.len().saturating_sub(1));
        self.report = Some(report);
        Ok(())
    }

    pub fn selected_account(&self) -> Option<i64> {
        self.report.as_ref()?.accounts.get(self.selected).map(|a| a.account_id)
    }

    /// Moves the selection by `by` rows (negative: up), within the list.
    pub fn step(&mut self, by: isize) {
        let len = self.report.as_ref().map_or(0, |r| r.accounts.len());
        if len == 0 {
            return;
        }
        self.selected = self.selected.saturating_add_signed(by).min(len - 1);
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang) {
        let [head, table_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let Some(report) = &self.report else { return };
        let t = &report.total;
        let rate = report.total_compliance.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "-".to_string());
        let line = lang
            .t(Msg::YearPlanLine)
            .replace("{year}", &report.period.label())
            .replace("{planned}", &t.planned.to_string())
            .replace("{done}", &t.done.to_string())
            .replace("{missed}", &t.missed.to_string())
            .replace("{rate}", &rate);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(fit(&line, usize::from(head.width).saturating_sub(12))),
                Span::styled(
                    format!("  {}", lang.t(Msg::ANotVisitedShort).replace("{n}", &report.a_not_visited.to_string())),
                    if report.a_not_visited > 0 { theme::warning() } else { theme::muted() },
                ),
            ])),
            head,
        );
        // Rows that fit (less borders and the header), scrolled to the selection.
        let visible = usize::from(table_area.height.saturating_sub(3)).max(1);
        let offset = (self.selected + 1).saturating_sub(visible);
        let inner = usize::from(table_area.width.saturating_sub(2));
        // Tier, five counts, compliance, gap, and the spaces between.
        let numbers = 4 + 5 + 5 + 6 + 5 + 6 + 7 + 8 + 9;
        let name_w = inner.saturating_sub(numbers).clamp(8, 40);
        let header = Row::new(
            [
                Msg::ColAccount,
                Msg::ColTier,
                Msg::YearColPlanned,
                Msg::YearColDone,
                Msg::YearColMissed,
                Msg::YearColSkipped,
                Msg::YearColAhead,
                Msg::YearColRate,
                Msg::ColGap,
            ]
            .map(|m| Cell::from(lang.t(m))),
        )
        .style(theme::header());
        let rows = report.accounts.iter().enumerate().skip(offset).take(visible).map(|(i, a)| {
            let style = if i == self.selected { theme::selected() } else { Style::default() };
            let c = &a.counts;
            let rate = compliance(c.done, c.due()).map(|p| format!("{p:.0}%")).unwrap_or_else(|| "-".to_string());
            let gap = if a.cadence_days > 0 && a.longest_gap_days > a.cadence_days {
                Span::styled(format!("{}d", a.longest_gap_days), theme::overdue())
            } else {
                Span::raw(format!("{}d", a.longest_gap_days))
            };
            Row::new([
                Cell::from(fit(&a.name, name_w)),
                Cell::from(a.tier.code()),
                Cell::from(c.planned.to_string()),
                Cell::from(c.done.to_string()),
                Cell::from(c.missed.to_string()),
                Cell::from(c.skipped.to_string()),
                Cell::from(c.ahead.to_string()),
                Cell::from(rate),
                Cell::from(gap),
            ])
            .style(style)
        });
        let widths = [
            Constraint::Length(name_w as u16),
            Constraint::Length(4),
            Constraint::Length(5),
            Constraint::Length(5),
            Constraint::Length(6),
            Constraint::Length(5),
            Constraint::Length(6),
            Constraint::Length(7),
            Constraint::Length(8),
        ];
        let title = format!(" {} ", lang.t(Msg::YearPlanTitle));
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())));
        frame.render_widget(table, table_area);
    }
}
