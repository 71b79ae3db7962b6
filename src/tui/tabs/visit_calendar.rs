//! The Visits tab's month calendar: Monday first, each day with its visits
//! planned and done and what falls due on it (instalments, contract ends,
//! expected closes, complaint deadlines). `h`/`l` move a day, `j`/`k` a
//! week, `<`/`>` a month; `Enter` lists the day's visits, where they are
//! logged, moved or skipped in place. (ratatui's own calendar starts the
//! week on Sunday and shows no counts, so the grid is drawn here.)

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};
use unicode_width::UnicodeWidthStr;

use crate::i18n::{Lang, Msg};
use crate::store::{self, CalendarDay, PlannedVisitRow, Store, VisitFilter};
use crate::tui::fit::{fit, name_in};
use crate::tui::theme;

/// How many of a day's visits the day list holds.
const DAY_LIMIT: usize = 200;

#[derive(Debug, Clone, Default)]
pub struct MonthCalendar {
    /// The day selected (its month is the one shown).
    pub cursor: Option<NaiveDate>,
    pub days: BTreeMap<NaiveDate, CalendarDay>,
    /// The selected day's planned visits, when its list is open.
    pub day_list: Option<Vec<PlannedVisitRow>>,
    pub day_selected: usize,
}

/// The first day of `day`'s month and the last.
fn month_bounds(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first = day.with_day(1).unwrap_or(day);
    let last = first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).unwrap_or(first);
    (first, last)
}

/// The Monday on or before `day`.
fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday()))).unwrap_or(day)
}

impl MonthCalendar {
    pub fn cursor(&self, today: NaiveDate) -> NaiveDate {
        self.cursor.unwrap_or(today)
    }

    /// Reads the month around the cursor (and the open day's visits).
    pub fn load(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let cursor = self.cursor(today);
        let (first, last) = month_bounds(cursor);
        self.days = store.calendar_days(first, last)?.into_iter().collect();
        if self.day_list.is_some() {
            self.open_day(store, today)?;
        }
        Ok(())
    }

    /// The selected day's visits, listed.
    pub fn open_day(&mut self, store: &Store, today: NaiveDate) -> store::Result<()> {
        let day = self.cursor(today);
        let filter = VisitFilter { from: Some(day), to: Some(day), ..VisitFilter::default() };
        let visits = store.planned_visits(&filter, today, None, DAY_LIMIT)?;
        self.day_selected = self.day_selected.min(visits.len().saturating_sub(1));
        self.day_list = Some(visits);
        Ok(())
    }

    pub fn close_day(&mut self) {
        self.day_list = None;
        self.day_selected = 0;
    }

    pub fn selected_visit(&self) -> Option<&PlannedVisitRow> {
        self.day_list.as_ref()?.get(self.day_selected)
    }

    /// Moves the cursor by days (negative: back); says whether the month
    /// changed (then the month must be read again).
    pub fn step_days(&mut self, days: i64, today: NaiveDate) -> bool {
        let from = self.cursor(today);
        let to = if days >= 0 {
            from.checked_add_days(Days::new(days as u64))
        } else {
            from.checked_sub_days(Days::new(days.unsigned_abs()))
        };
        let to = to.unwrap_or(from);
        self.cursor = Some(to);
        (to.year(), to.month()) != (from.year(), from.month())
    }

    /// Moves the cursor by whole months (keeping the day where it can).
    pub fn step_months(&mut self, months: i32, today: NaiveDate) {
        let from = self.cursor(today);
        let to = if months >= 0 {
            from.checked_add_months(Months::new(months as u32))
        } else {
            from.checked_sub_months(Months::new(months.unsigned_abs()))
        };
        self.cursor = Some(to.unwrap_or(from));
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, today: NaiveDate) {
        let cursor = self.cursor(today);
        let [head, body, legend] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let title = if lang.is_chinese() {
            format!("{}年{}月", cursor.year(), cursor.month())
        } else {
            cursor.format("%B %Y").to_string()
        };
        let (first, last) = month_bounds(cursor);
        let (mut planned, mut done) = (0, 0);
        for day in self.days.range(first..=last).map(|(_, d)| d) {
            planned += day.planned;
            done += day.done;
        }
        let summary = lang
            .t(Msg::CalendarMonthLine)
            .replace("{planned}", &planned.to_string())
            .replace("{done}", &done.to_string());
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                ratatui::text::Span::styled(format!("‹ {title} ›  "), theme::title()),
                ratatui::text::Span::raw(summary),
            ])),
            head,
        );
        frame.render_widget(Paragraph::new(Line::styled(lang.t(Msg::CalendarLegend), theme::muted())), legend);
        match &self.day_list {
            Some(visits) => self.render_day(frame, body, lang, today, visits),
            None => self.render_grid(frame.buffer_mut(), body, lang, today),
        }
    }

    /// The month as weeks of seven days, Monday first.
    fn render_grid(&self, buf: &mut Buffer, area: Rect, lang: Lang, today: NaiveDate) {
        let cursor = self.cursor(today);
        let (first, last) = month_bounds(cursor);
        let start = monday_of(first);
        let weeks = ((last - start).num_days() / 7 + 1) as u16;
        let block = Block::default().borders(Borders::ALL).border_style(theme::muted());
        let inner = block.inner(area);
        ratatui::widgets::Widget::render(block, area, buf);
        if inner.width < 7 || inner.height < 2 {
            return;
        }
        let cell_w = inner.width / 7;
        let weekdays = [Msg::Mon, Msg::Tue, Msg::Wed, Msg::Thu, Msg::Fri, Msg::Sat, Msg::Sun];
        for (i, day) in weekdays.iter().enumerate() {
            let x = inner.x + i as u16 * cell_w;
            buf.set_stringn(x, inner.y, lang.t(*day), usize::from(cell_w), theme::header());
        }
        // The rows share the height; the first ones take what is left over.
        let grid_h = inner.height - 1;
        let weeks = weeks.max(1);
        let (base_h, extra) = (grid_h / weeks, grid_h % weeks);
        let row_top = |row: u16| inner.y + 1 + row * base_h + row.min(extra);
        for n in 0..(u64::from(weeks) * 7) {
            let Some(day) = start.checked_add_days(Days::new(n)) else { break };
            let (col, row) = ((n % 7) as u16, (n / 7) as u16);
            let cell_h = (base_h + u16::from(row < extra)).max(1);
            let rect = Rect {
                x: inner.x + col * cell_w,
                y: row_top(row),
                width: if col == 6 { inner.width - 6 * cell_w } else { cell_w },
                height: cell_h,
            };
            if rect.y + rect.height > inner.y + inner.height {
                break;
            }
            let info = self.days.get(&day).copied().unwrap_or_default();
            draw_day(buf, rect, day, &info, day.month() == cursor.month(), day == cursor, day == today);
        }
    }

    /// The selected day: its visits, and what falls due on it.
    fn render_day(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, today: NaiveDate, visits: &[PlannedVisitRow]) {
        let day = self.cursor(today);
        let info = self.days.get(&day).copied().unwrap_or_default();
        let [table_area, dues] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let inner_w = usize::from(table_area.width.saturating_sub(2));
        let (time_w, tier_w, state_w) = (6usize, 4usize, 8usize);
        let rest = inner_w.saturating_sub(time_w + tier_w + state_w + 4);
        let name_w = (rest * 3 / 5).max(8).min(rest);
        let what_w = rest.saturating_sub(name_w);
        let header = Row::new(
            [Msg::ColTime, Msg::ColAccount, Msg::ColTier, Msg::ColWhat, Msg::ColStatus].map(|m| Cell::from(lang.t(m))),
        )
        .style(theme::header());
        let rows = visits.iter().enumerate().map(|(i, v)| {
            let style = if i == self.day_selected { theme::selected() } else { Style::default() };
            let mut what = lang.t(crate::labels::visit_kind(v.kind)).to_string();
            if !v.skip_reason.is_empty() {
                what = format!("{what}: {}", v.skip_reason);
            } else if let Some(from) = v.moved_from {
                what =
                    format!("{what} ({})", lang.t(Msg::MovedFrom).replace("{date}", &from.format("%m-%d").to_string()));
            }
            Row::new([
                Cell::from(v.at_time.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()),
                Cell::from(name_in(&v.account_name, &v.account_short_name, name_w)),
                Cell::from(v.tier.code()),
                Cell::from(fit(&what, what_w)),
                Cell::from(lang.t(crate::labels::visit_state(v.state))),
            ])
            .style(style)
        });
        let widths = [
            Constraint::Length(time_w as u16),
            Constraint::Length(name_w as u16),
            Constraint::Length(tier_w as u16),
            Constraint::Length(what_w as u16),
            Constraint::Length(state_w as u16),
        ];
        let title = format!(" {} {} ", day.format("%Y-%m-%d"), lang.t(crate::labels::weekday_msg(day)));
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())));
        frame.render_widget(table, table_area);
        if visits.is_empty() && table_area.height > 3 {
            let line =
                Rect { x: table_area.x + 1, y: table_area.y + 2, width: table_area.width.saturating_sub(2), height: 1 };
            frame.render_widget(Paragraph::new(Line::styled(lang.t(Msg::NoVisitsThatDay), theme::muted())), line);
        }
        let text = lang
            .t(Msg::CalendarDues)
            .replace("{instalments}", &lang.count(info.instalments_due, Msg::CountPayments))
            .replace("{contracts}", &lang.count(info.contracts_ending, Msg::CountContractEnds))
            .replace("{closes}", &lang.count(info.expected_closes, Msg::CountExpectedCloses))
            .replace("{complaints}", &lang.count(info.complaint_deadlines, Msg::CountComplaintDeadlines));
        frame.render_widget(Paragraph::new(Line::raw(fit(&text, usize::from(dues.width)))), dues);
    }
}

/// One day of the grid: its number; visits planned/done; marks for what
/// falls due ($ instalments, e contract ends, ~ expected closes, !
/// complaint deadlines). Two lines or more: the marks go on the last.
fn draw_day(
    buf: &mut Buffer,
    rect: Rect,
    day: NaiveDate,
    info: &CalendarDay,
    in_month: bool,
    selected: bool,
    today: bool,
) {
    let width = usize::from(rect.width.saturating_sub(1)).max(1);
    let mut base = if in_month { Style::default() } else { theme::muted() };
    if selected {
        base = theme::selected();
        buf.set_style(Rect { width: rect.width.saturating_sub(1).max(1), ..rect }, base);
    }
    let number = if today { format!("{:>2}*", day.day()) } else { format!("{:>2}", day.day()) };
    let number_style = if today { base.add_modifier(Modifier::BOLD) } else { base };
    let visits =
        if info.planned > 0 || info.done > 0 { format!("{}/{}", info.planned, info.done) } else { String::new() };
    let marks: Vec<String> = [
        ("$", info.instalments_due),
        ("e", info.contracts_ending),
        ("~", info.expected_closes),
        ("!", info.complaint_deadlines),
    ]
    .iter()
    .filter(|(_, n)| *n > 0)
    .map(|(m, n)| if *n > 1 { format!("{m}{n}") } else { (*m).to_string() })
    .collect();
    let marks = marks.join(" ");
    let mut lines: Vec<(String, Style)> = Vec::new();
    if rect.height >= 3 {
        lines.push((number, number_style));
        lines.push((visits, base));
        lines.push((marks, base.patch(theme::warning())));
    } else if rect.height == 2 {
        let first = if visits.is_empty() { number } else { format!("{number} {visits}") };
        lines.push((first, number_style));
        lines.push((marks, base.patch(theme::warning())));
    } else {
        lines.push((format!("{number} {visits}"), number_style));
    }
    for (i, (text, style)) in lines.into_iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let shown = if text.width() > width { fit(&text, width) } else { text };
        buf.set_stringn(rect.x, rect.y + i as u16, shown, width, style);
    }
}
