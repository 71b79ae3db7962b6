//! The pictures of the Reports tab, each beside its exact table one key
//! away (`c`): won and collected by month against target (grouped bars),
//! the pipeline funnel (horizontal bars with count, amount and how many
//! went on), receivables aging (bars), the assessment's gauges and visits
//! per week (a sparkline, weeks from Monday). Bar values are ASCII with
//! the unit in the title (ratatui measures bar values in bytes).

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Borders, LineGauge, Paragraph, Sparkline};

use crate::domain::{Money, Stage};
use crate::i18n::{FormMsg as F, Lang};
use crate::reports::monthly::YearView;
use crate::reports::{AssessmentReport, CollectionReport};
use crate::store::ColumnTotal;
use crate::tui::fit::fit;
use crate::tui::theme;

const WON: Color = Color::Green;
const RECEIVED: Color = Color::Cyan;
const TARGET: Color = Color::DarkGray;

/// Money in 万 (ten thousands) for a bar's height.
fn tens_of_thousands(m: Money) -> u64 {
    u64::try_from(m.cents() / 1_000_000).unwrap_or(0)
}

fn boxed(title: String) -> Block<'static> {
    Block::default().borders(Borders::ALL).title(Line::styled(format!(" {title} "), theme::title()))
}

/// Won, its target and received, by month of the year.
pub fn won_and_collected(frame: &mut Frame<'_>, area: Rect, year: &YearView, lang: Lang) {
    let block = boxed(lang.f(F::ChartWonCollected).to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 3 {
        return;
    }
    let [legend_area, chart_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    let legend = Line::from(vec![
        Span::styled("■ ", Style::default().fg(WON)),
        Span::raw(format!("{}  ", lang.f(F::LegendWon))),
        Span::styled("■ ", Style::default().fg(TARGET)),
        Span::raw(format!("{}  ", lang.f(F::LegendTarget))),
        Span::styled("■ ", Style::default().fg(RECEIVED)),
        Span::raw(lang.f(F::LegendReceived)),
    ]);
    frame.render_widget(Paragraph::new(legend), legend_area);
    let months = year.months.len().max(1) as u16;
    // Three bars a month and a gap between months, as wide as fits.
    let bar_width = ((chart_area.width + 1) / months).saturating_sub(1) / 3;
    let bar_width = bar_width.clamp(1, 4);
    let groups: Vec<BarGroup<'_>> = year
        .months
        .iter()
        .map(|m| {
            let bar = |value: Money, color: Color| {
                Bar::default()
                    .value(tens_of_thousands(value))
                    .text_value(String::new())
                    .style(Style::default().fg(color))
            };
            BarGroup::default().label(Line::from(m.month.number().to_string())).bars(&[
                bar(m.won.amount_cents, WON),
                bar(m.targets.sales_cents, TARGET),
                bar(m.received.amount_cents, RECEIVED),
            ])
        })
        .collect();
    let chart = BarChart::grouped(groups).bar_width(bar_width).bar_gap(0).group_gap(1);
    frame.render_widget(chart, chart_area);
}

/// Deals on the board by stage (count, amount), and of the deals that
/// got to a stage, the share that got to the next one (a deal on the board
/// got to its stage and every one before; a lost deal to where it was lost).
pub fn funnel(frame: &mut Frame<'_>, area: Rect, board: &[ColumnTotal; 6], lost_at: &[i64; 6], lang: Lang) {
    let block = boxed(lang.f(F::ChartFunnel).to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let label_width = Stage::ALL
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(lang.t(crate::labels::stage_short(*s))))
        .max()
        .unwrap_or(6);
    let reached: Vec<i64> = (0..6).map(|i| (i..6).map(|j| board[j].deal_count + lost_at[j]).sum::<i64>()).collect();
    let bars: Vec<Bar<'_>> = Stage::ALL
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let total = board[i];
            let onward = match reached.get(i + 1) {
                Some(next) if reached[i] > 0 => format!(" {}%", next * 100 / reached[i]),
                _ => String::new(),
            };
            let value = format!("{} {}{onward}", total.deal_count, total.amount.compact(false));
            Bar::default()
                .value(u64::try_from(total.deal_count).unwrap_or(0))
                .label(Line::from(fit(lang.t(crate::labels::stage_short(*stage)), label_width)))
                .text_value(value)
                .style(Style::default().fg(Color::Yellow))
        })
        .collect();
    let chart = BarChart::horizontal(bars).bar_width(1).bar_gap(0).direction(Direction::Horizontal);
    frame.render_widget(chart, inner);
}

/// Outstanding money by age, in 万.
pub fn aging(frame: &mut Frame<'_>, area: Rect, report: &CollectionReport, headers: &[String], lang: Lang) {
    let block = boxed(lang.f(F::ChartAging).to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let n = report.aging_totals.len().max(1) as u16;
    let bar_width = (inner.width / n).saturating_sub(1).clamp(3, 12);
    let bars: Vec<Bar<'_>> = report
        .aging_totals
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let color = if i == 0 {
                Color::Green
            } else if i == 1 {
                Color::Yellow
            } else {
                Color::Red
            };
            let label = headers.get(i).cloned().unwrap_or_default();
            Bar::default()
                .value(tens_of_thousands(*m))
                .text_value(format!("{:.1}", m.cents() as f64 / 1_000_000.0))
                .label(Line::from(fit(&label, usize::from(bar_width))))
                .style(Style::default().fg(color))
        })
        .collect();
    frame.render_widget(BarChart::vertical(bars).bar_width(bar_width).bar_gap(1), inner);
}

/// A gauge per assessment item (points out of 100, capped on the gauge),
/// then the total and its grade.
pub fn gauges(frame: &mut Frame<'_>, area: Rect, report: &AssessmentReport, selected: usize, lang: Lang) {
    let block = boxed(lang.f(F::ChartGauges).to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let chinese = lang.is_chinese();
    let name_width = report
        .lines
        .iter()
        .map(|l| {
            unicode_width::UnicodeWidthStr::width(if chinese && !l.name_zh.is_empty() {
                l.name_zh.as_str()
            } else {
                l.name.as_str()
            })
        })
        .max()
        .unwrap_or(10)
        .min(usize::from(inner.width / 3));
    for (i, line) in report.lines.iter().enumerate() {
        let y = inner.y + i as u16;
        if y >= inner.bottom() {
            break;
        }
        let name = if chinese && !line.name_zh.is_empty() { &line.name_zh } else { &line.name };
        let figures = format!(" {:>6.2} ×{:>3}% = {:>5.2}", line.points, line.weight, line.weighted);
        let figures_width = figures.len() as u16;
        let row = Rect { x: inner.x, y, width: inner.width, height: 1 };
        let [name_area, gauge_area, figures_area] = Layout::horizontal([
            Constraint::Length(name_width as u16 + 1),
            Constraint::Fill(1),
            Constraint::Length(figures_width),
        ])
        .areas(row);
        let style = if i == selected { theme::selected() } else { Style::default() };
        frame.render_widget(Paragraph::new(Line::styled(fit(name, name_width), style)), name_area);
        let color = if line.points >= 100.0 {
            Color::Green
        } else if line.points >= 60.0 {
            Color::Yellow
        } else {
            Color::Red
        };
        let gauge = LineGauge::default()
            .ratio((line.points / 100.0).clamp(0.0, 1.0))
            .label("")
            .filled_style(Style::default().fg(color))
            .unfilled_style(Style::default().fg(Color::DarkGray));
        frame.render_widget(gauge, gauge_area);
        frame.render_widget(Paragraph::new(figures), figures_area);
    }
    let y = inner.y + report.lines.len() as u16 + 1;
    if y < inner.bottom() {
        let total = lang.f(F::TotalGrade).replace("{grade}", &report.grade.to_string());
        let text = format!("{total}: {:.2}", report.total);
        let area = Rect { x: inner.x, y, width: inner.width, height: 1 };
        frame.render_widget(Paragraph::new(Line::styled(fit(&text, usize::from(inner.width)), theme::title())), area);
    }
}

/// Visits each week, Monday first, from `first` to `last`.
pub fn visits_per_week(
    frame: &mut Frame<'_>,
    area: Rect,
    weeks: &[(NaiveDate, i64)],
    first: NaiveDate,
    last: NaiveDate,
    lang: Lang,
) {
    let block = boxed(lang.f(F::ChartVisitsWeek).to_string());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // Every week of the period, those with no visit at zero.
    let mut monday = first - chrono::Days::new(u64::from(chrono::Datelike::weekday(&first).num_days_from_monday()));
    let mut data = Vec::new();
    while monday <= last {
        data.push(weeks.iter().find(|(d, _)| *d == monday).map_or(0, |(_, n)| u64::try_from(*n).unwrap_or(0)));
        monday = monday + chrono::Days::new(7);
    }
    // The latest weeks when the year is wider than the pane.
    let room = usize::from(inner.width);
    let shown = &data[data.len().saturating_sub(room)..];
    let max = shown.iter().copied().max().unwrap_or(0);
    let [spark, scale] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(Sparkline::default().data(shown).style(Style::default().fg(Color::Green)), spark);
    let note = format!(
        "{} – {}  {}",
        first.format("%Y-%m-%d"),
        last.format("%m-%d"),
        lang.f(F::WeekMost).replace("{n}", &max.to_string())
    );
    frame.render_widget(Paragraph::new(Line::styled(fit(&note, room), theme::muted())), scale);
}
