//! The Visits tab: the visit plan's agenda — overdue, today, the rest of
//! this week — from each account's cadence; Enter logs the visit in place.

use chrono::{Datelike, Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::i18n::{Lang, Msg};
use crate::store::{self, AgendaCounts, AgendaKey, AgendaRow, Seek, Store};
use crate::tui::paged::{PageSource, PagedList};
use crate::tui::theme;

/// The agenda: planned visits due up to the end of this week.
pub struct AgendaSource<'a> {
    pub store: &'a Store,
    pub until: NaiveDate,
}

impl PageSource for AgendaSource<'_> {
    type Row = AgendaRow;
    type Key = AgendaKey;
    fn fetch(&self, seek: &Seek<AgendaKey>, limit: usize) -> store::Result<Vec<AgendaRow>> {
        self.store.agenda_page(self.until, seek, limit)
    }
    fn key(&self, row: &AgendaRow) -> AgendaKey {
        row.key()
    }
}

/// The last day of the week `today` is in (weeks end on Sunday).
pub fn week_end(today: NaiveDate) -> NaiveDate {
    let to_sunday = 6 - u64::from(today.weekday().num_days_from_monday());
    today.checked_add_days(Days::new(to_sunday)).unwrap_or(today)
}

#[derive(Default)]
pub struct VisitsTab {
    pub list: PagedList<AgendaRow>,
    pub counts: AgendaCounts,
}

impl VisitsTab {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, today: NaiveDate) {
        let [summary, table_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let c = self.counts;
        let summary_line = Line::from(vec![
            Span::styled(lang.t(Msg::AgendaOverdue).replace("{n}", &c.overdue.to_string()), theme::overdue()),
            Span::raw("   "),
            Span::styled(lang.t(Msg::AgendaToday).replace("{n}", &c.today.to_string()), theme::header()),
            Span::raw("   "),
            Span::raw(lang.t(Msg::AgendaRestOfWeek).replace("{n}", &c.rest_of_week.to_string())),
        ]);
        frame.render_widget(Paragraph::new(summary_line), summary);

        let header = Row::new(
            [Msg::ColWhen, Msg::ColAccount, Msg::ColTier, Msg::ColCadence, Msg::ColLastVisit]
                .map(|m| Cell::from(lang.t(m))),
        )
        .style(theme::header());
        let rows = self.list.rows().iter().enumerate().map(|(i, v)| {
            let (when, style) = if v.due_on < today {
                (lang.t(Msg::OverdueDays).replace("{n}", &v.days_overdue(today).to_string()), theme::overdue())
            } else if v.due_on == today {
                (lang.t(Msg::DueToday).to_string(), theme::header())
            } else {
                (format!("{} {}", v.due_on.format("%m-%d"), lang.t(weekday_msg(v.due_on))), Default::default())
            };
            let row_style = if i == self.list.selected_index() { theme::selected() } else { Default::default() };
            Row::new([
                Cell::from(Span::styled(when, style)),
                Cell::from(v.account_name.as_str()),
                Cell::from(v.tier.code()),
                Cell::from(lang.t(Msg::EveryNDays).replace("{n}", &v.cadence_days.to_string())),
                Cell::from(
                    v.last_visit_on
                        .map(|d| d.format("%Y-%m-%d").to_string())
                        .unwrap_or_else(|| lang.t(Msg::Never).to_string()),
                ),
            ])
            .style(row_style)
        });
        let widths = [
            Constraint::Length(14),
            Constraint::Fill(1),
            Constraint::Length(4),
            Constraint::Length(12),
            Constraint::Length(12),
        ];
        let title = format!(" {} ", lang.t(Msg::VisitPlanTitle));
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())));
        frame.render_widget(table, table_area);
        if self.list.rows().is_empty() && table_area.height > 3 {
            let inner =
                Rect { x: table_area.x + 1, y: table_area.y + 2, width: table_area.width.saturating_sub(2), height: 1 };
            frame.render_widget(Paragraph::new(Line::styled(lang.t(Msg::NoVisitsDue), theme::muted())), inner);
        }
    }
}

pub use crate::labels::weekday_msg;

impl super::TabView for VisitsTab {
    /// Enter: log the visit of the account under the cursor, in place.
    fn on_action(
        &mut self,
        action: crate::tui::keymap::Action,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        use crate::tui::popups::activity::ActivityForm;
        if action != crate::tui::keymap::Action::Open {
            return Ok(crate::tui::popups::Effect::Stay);
        }
        let mut form = ActivityForm::new(cx.lang, cx.today, self.selected_account(), crate::domain::Channel::Visit);
        form.load_contacts(cx.store);
        Ok(crate::tui::popups::Effect::Open(Box::new(form)))
    }

    fn load(&mut self, cx: &super::TabCx<'_>) -> store::Result<()> {
        let until = week_end(cx.today);
        self.counts = cx.store.agenda_counts(cx.today, until)?;
        self.list
            .set_height(crate::tui::layout::table_rows(cx.body_height, 1), &AgendaSource { store: cx.store, until })
    }

    fn navigate(&mut self, action: crate::tui::keymap::Action, cx: &super::TabCx<'_>) -> store::Result<()> {
        super::step(&mut self.list, &AgendaSource { store: cx.store, until: week_end(cx.today) }, action)
    }

    fn selected_account(&self) -> Option<store::AccountSuggestion> {
        self.list.selected().map(|v| store::AccountSuggestion { id: v.account_id, name: v.account_name.clone() })
    }

    fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        today: NaiveDate,
    ) -> Option<ratatui::layout::Position> {
        VisitsTab::render(self, frame, area, lang, today);
        None
    }
}
