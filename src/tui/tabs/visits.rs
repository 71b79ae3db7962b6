//! The Visits tab: the agenda — the year plan's visits still to do and the
//! follow-ups still open, overdue first, then today, then the next 14
//! days. Enter logs the activity that does it (a visit logged does the
//! planned one; a promise is kept), `x` checks a follow-up off, `m` moves
//! either to another day, `s` skips a planned visit with the reason.

use chrono::{Days, NaiveDate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table};

use crate::domain::Channel;
use crate::i18n::{Lang, Msg};
use crate::store::{self, AgendaCounts, AgendaItem, AgendaKey, AgendaRow, Seek, Store};
use crate::tui::command::Command;
use crate::tui::fit::{fit, name_in};
use crate::tui::keymap::Action;
use crate::tui::paged::{PageSource, PagedList};
use crate::tui::popups::activity::ActivityForm;
use crate::tui::popups::follow_up::MoveFollowUpForm;
use crate::tui::popups::visit_form::VisitForm;
use crate::tui::popups::{Effect, Say};
use crate::tui::tabs::visit_calendar::MonthCalendar;
use crate::tui::tabs::visit_year::YearPlan;
use crate::tui::theme;

/// How far ahead the agenda looks.
pub const AGENDA_DAYS: u64 = 14;

/// The agenda: what is due up to `until`.
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

/// The last day the agenda shows.
pub fn agenda_end(today: NaiveDate) -> NaiveDate {
    today.checked_add_days(Days::new(AGENDA_DAYS)).unwrap_or(today)
}

/// What the Visits tab shows (`v` goes to the next).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VisitsView {
    #[default]
    Agenda,
    Calendar,
    Year,
}

#[derive(Default)]
pub struct VisitsTab {
    pub list: PagedList<AgendaRow>,
    pub counts: AgendaCounts,
    pub view: VisitsView,
    pub calendar: MonthCalendar,
    pub year: YearPlan,
}

impl VisitsTab {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, today: NaiveDate) {
        match self.view {
            VisitsView::Agenda => self.render_agenda(frame, area, lang, today),
            VisitsView::Calendar => self.calendar.render(frame, area, lang, today),
            VisitsView::Year => self.year.render(frame, area, lang),
        }
    }

    fn render_agenda(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, today: NaiveDate) {
        let [summary, table_area] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let c = self.counts;
        let summary_line = Line::from(vec![
            Span::styled(lang.t(Msg::AgendaOverdue).replace("{n}", &c.overdue.to_string()), theme::overdue()),
            Span::raw("   "),
            Span::styled(lang.t(Msg::AgendaToday).replace("{n}", &c.today.to_string()), theme::header()),
            Span::raw("   "),
            Span::raw(lang.t(Msg::AgendaUpcoming).replace("{n}", &c.upcoming.to_string())),
        ]);
        frame.render_widget(Paragraph::new(summary_line), summary);

        // The name column gets what the others leave, at least a short name.
        let inner = usize::from(table_area.width.saturating_sub(2));
        let (when_w, tier_w) = (12usize, 4usize);
        let rest = inner.saturating_sub(when_w + tier_w + 3);
        let name_w = (rest * 2 / 5).clamp(8, 36).min(rest);
        let what_w = rest.saturating_sub(name_w);
        let header =
            Row::new([Msg::ColWhen, Msg::ColAccount, Msg::ColTier, Msg::ColWhat].map(|m| Cell::from(lang.t(m))))
                .style(theme::header());
        let rows = self.list.rows().iter().enumerate().map(|(i, v)| {
            let (when, style) = if v.due_on < today {
                (lang.t(Msg::OverdueDays).replace("{n}", &v.days_overdue(today).to_string()), theme::overdue())
            } else if v.due_on == today {
                (lang.t(Msg::DueToday).to_string(), theme::header())
            } else {
                (format!("{} {}", v.due_on.format("%m-%d"), lang.t(weekday_msg(v.due_on))), Default::default())
            };
            let what = match &v.item {
                // This year's dates without the year: the line fits at 80 columns.
                AgendaItem::Visit { kind, moved_from, purpose, .. } => {
                    let mut text = lang.t(crate::labels::visit_kind(*kind)).to_string();
                    if let Some(from) = moved_from {
                        let moved = lang.t(Msg::MovedFrom).replace("{date}", &short_day(*from, today));
                        text = if lang.is_chinese() {
                            format!("{text}（{moved}）")
                        } else {
                            format!("{text} ({moved})")
                        };
                    }
                    if !purpose.trim().is_empty() {
                        text = format!("{text}: {}", purpose.trim());
                    }
                    text
                }
                AgendaItem::FollowUp { next_step, promised_on, .. } => lang
                    .t(Msg::FollowUpFrom)
                    .replace("{step}", next_step)
                    .replace("{date}", &promised_on.format("%m-%d").to_string()),
                AgendaItem::ReturnVisit { about, .. } => lang.t(Msg::ReturnVisitFor).replace("{about}", about),
                AgendaItem::ContractVisit { title, .. } => lang.t(Msg::ContractVisitFor).replace("{title}", title),
            };
            let row_style = if i == self.list.selected_index() { theme::selected() } else { Default::default() };
            Row::new([
                Cell::from(Span::styled(when, style)),
                Cell::from(name_in(&v.account_name, &v.account_short_name, name_w)),
                Cell::from(v.tier.code()),
                Cell::from(fit(&what, what_w)),
            ])
            .style(row_style)
        });
        let widths = [
            Constraint::Length(when_w as u16),
            Constraint::Length(name_w as u16),
            Constraint::Length(tier_w as u16),
            Constraint::Length(what_w as u16),
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

    fn source<'a>(&self, cx: &super::TabCx<'a>) -> AgendaSource<'a> {
        AgendaSource { store: cx.store, until: agenda_end(cx.today) }
    }
}

pub use crate::labels::weekday_msg;

/// A day as `11-26` in the current year, `2025-11-26` in another.
fn short_day(day: NaiveDate, today: NaiveDate) -> String {
    use chrono::Datelike;
    if day.year() == today.year() { day.format("%m-%d").to_string() } else { day.format("%Y-%m-%d").to_string() }
}

impl super::TabView for VisitsTab {
    /// Enter: log what the line asks (a visit, or the activity that keeps
    /// the promise); x: a follow-up done; m: moved; e: its activity.
    fn on_action(&mut self, action: Action, cx: &super::TabCx<'_>) -> store::Result<Effect> {
        if action == Action::NextView {
            self.view = match self.view {
                VisitsView::Agenda => VisitsView::Calendar,
                VisitsView::Calendar => VisitsView::Year,
                VisitsView::Year => VisitsView::Agenda,
            };
            super::TabView::load(self, cx)?;
            return Ok(Effect::Stay);
        }
        match self.view {
            VisitsView::Calendar => return self.calendar_action(action, cx),
            VisitsView::Year => {
                return Ok(match (action, self.year.selected_account()) {
                    (Action::Open, Some(id)) => Effect::ShowAccount(id),
                    _ => Effect::Stay,
                });
            }
            VisitsView::Agenda => {}
        }
        let Some(row) = self.list.selected().cloned() else { return Ok(Effect::Stay) };
        let follow_up = match row.follow_up() {
            Some(id) => cx.store.activity(id)?,
            None => None,
        };
        let not_a_follow_up = || Effect::Say(Say::warn(cx.lang.t(Msg::NotAFollowUp)));
        // A return visit a complaint scheduled: Enter makes it, with its survey.
        if let (Action::Open, AgendaItem::ReturnVisit { complaint_id, .. }) = (action, &row.item) {
            let due: Vec<store::ComplaintRow> = cx.store.complaint(*complaint_id)?.into_iter().collect();
            let account = (row.account_id, row.account_name.as_str());
            let form = crate::tui::popups::care_form::CareForm::return_visit(cx.lang, account, &due, cx.today);
            return Ok(Effect::Open(Box::new(form)));
        }
        if let (Action::Open, AgendaItem::ContractVisit { contract_id, title }) = (action, &row.item) {
            let account = (row.account_id, row.account_name.as_str());
            let form = crate::tui::popups::care_form::CareForm::contract_visit(
                cx.lang,
                account,
                (*contract_id, title),
                cx.today,
            );
            return Ok(Effect::Open(Box::new(form)));
        }
        // A planned visit: moved or skipped in place (Enter logs it, below).
        if let AgendaItem::Visit { visit_id, .. } = &row.item {
            let name = row.account_name.as_str();
            match action {
                Action::MoveFollowUp => {
                    let at = cx.store.planned_visit(*visit_id, cx.today)?.and_then(|v| v.at_time);
                    let form = VisitForm::move_visit(cx.lang, *visit_id, name, row.due_on, at);
                    return Ok(Effect::Open(Box::new(form)));
                }
                Action::SkipVisit => {
                    return Ok(Effect::Open(Box::new(VisitForm::skip_visit(cx.lang, *visit_id, name, row.due_on))));
                }
                _ => {}
            }
        } else if action == Action::SkipVisit {
            return Ok(Effect::Say(Say::warn(cx.lang.t(Msg::NotAPlannedVisit))));
        }
        Ok(match (action, follow_up) {
            (Action::Open, None) => {
                let mut form = ActivityForm::new(cx.lang, cx.today, self.selected_account(), Channel::Visit);
                form.load_contacts(cx.store);
                Effect::Open(Box::new(form))
            }
            (Action::Open, Some(promise)) => {
                let mut form = ActivityForm::new(cx.lang, cx.today, self.selected_account(), promise.fields.channel);
                form.load_contacts(cx.store);
                Effect::Open(Box::new(form.keeping(&promise)))
            }
            (Action::FollowUpDone, Some(promise)) => Effect::Run(Command::FollowUpDone(promise.id)),
            (Action::MoveFollowUp, Some(promise)) => Effect::Open(Box::new(MoveFollowUpForm::new(
                cx.lang,
                promise.id,
                &promise.fields.next_step,
                row.due_on,
            ))),
            (Action::Edit, Some(promise)) => Effect::Open(Box::new(ActivityForm::edit(cx.lang, &promise, cx.store))),
            (Action::FollowUpDone | Action::MoveFollowUp | Action::Edit, None) => not_a_follow_up(),
            _ => Effect::Stay,
        })
    }

    fn done(
        &mut self,
        result: &store::Result<crate::tui::command::Done>,
        cx: &super::TabCx<'_>,
    ) -> store::Result<Effect> {
        match result {
            Ok(_) => {
                super::TabView::load(self, cx)?;
                Ok(Effect::Stay)
            }
            Err(e) => Ok(Effect::Say(Say::warn(crate::labels::store_error(cx.lang, e)))),
        }
    }

    fn load(&mut self, cx: &super::TabCx<'_>) -> store::Result<()> {
        match self.view {
            VisitsView::Calendar => return self.calendar.load(cx.store, cx.today),
            VisitsView::Year => return self.year.load(cx.store, cx.today),
            VisitsView::Agenda => {}
        }
        self.counts = cx.store.agenda_counts(cx.today, agenda_end(cx.today))?;
        let source = self.source(cx);
        self.list.set_height(crate::tui::layout::table_rows(cx.body_height, 1), &source)
    }

    fn navigate(&mut self, action: Action, cx: &super::TabCx<'_>) -> store::Result<()> {
        match self.view {
            VisitsView::Calendar => return self.calendar_move(action, cx),
            VisitsView::Year => {
                let page = isize::try_from(crate::tui::layout::table_rows(cx.body_height, 2)).unwrap_or(10);
                self.year.step(match action {
                    Action::Down => 1,
                    Action::Up => -1,
                    Action::PageDown => page,
                    Action::PageUp => -page,
                    Action::First => isize::MIN / 2,
                    _ => isize::MAX / 2,
                });
                return Ok(());
            }
            VisitsView::Agenda => {}
        }
        let source = self.source(cx);
        super::step(&mut self.list, &source, action)
    }

    fn selected_account(&self) -> Option<store::AccountSuggestion> {
        match self.view {
            VisitsView::Calendar => {
                let v = self.calendar.selected_visit()?;
                return Some(store::AccountSuggestion { id: v.account_id, name: v.account_name.clone() });
            }
            VisitsView::Year => {
                let id = self.year.selected_account()?;
                let row = self.year.report.as_ref()?.accounts.iter().find(|a| a.account_id == id)?;
                return Some(store::AccountSuggestion { id, name: row.name.clone() });
            }
            VisitsView::Agenda => {}
        }
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

impl VisitsTab {
    /// The calendar's keys: a day (`h`/`l`), a month (`<`/`>`), the day's
    /// list (`Enter`, `Esc` back); in the list, a visit logged (`Enter`),
    /// moved (`m`) or skipped (`s`).
    fn calendar_action(&mut self, action: Action, cx: &super::TabCx<'_>) -> store::Result<Effect> {
        let cal = &mut self.calendar;
        match action {
            Action::Left | Action::Right
                if cal.day_list.is_none() && cal.step_days(if action == Action::Left { -1 } else { 1 }, cx.today) =>
            {
                cal.load(cx.store, cx.today)?;
            }
            Action::PreviousMonth | Action::NextMonth => {
                cal.close_day();
                cal.step_months(if action == Action::PreviousMonth { -1 } else { 1 }, cx.today);
                cal.load(cx.store, cx.today)?;
            }
            Action::Back => cal.close_day(),
            Action::Open if cal.day_list.is_none() => cal.open_day(cx.store, cx.today)?,
            Action::Open => {
                let Some(v) = cal.selected_visit() else { return Ok(Effect::Stay) };
                let account = store::AccountSuggestion { id: v.account_id, name: v.account_name.clone() };
                let mut form = ActivityForm::new(cx.lang, cx.today, Some(account), Channel::Visit);
                form.load_contacts(cx.store);
                return Ok(Effect::Open(Box::new(form)));
            }
            Action::MoveFollowUp | Action::SkipVisit => {
                let Some(v) = cal.selected_visit() else {
                    return Ok(Effect::Say(Say::warn(cx.lang.t(Msg::NotAPlannedVisit))));
                };
                let form = if action == Action::MoveFollowUp {
                    VisitForm::move_visit(cx.lang, v.id, &v.account_name, v.planned_on, v.at_time)
                } else {
                    VisitForm::skip_visit(cx.lang, v.id, &v.account_name, v.planned_on)
                };
                return Ok(Effect::Open(Box::new(form)));
            }
            _ => {}
        }
        Ok(Effect::Stay)
    }

    /// `j`/`k`: a week in the month, a visit in the day's list.
    fn calendar_move(&mut self, action: Action, cx: &super::TabCx<'_>) -> store::Result<()> {
        let cal = &mut self.calendar;
        if let Some(list) = &cal.day_list {
            let last = list.len().saturating_sub(1);
            cal.day_selected = match action {
                Action::Down => (cal.day_selected + 1).min(last),
                Action::Up => cal.day_selected.saturating_sub(1),
                Action::First => 0,
                Action::Last => last,
                _ => cal.day_selected,
            };
            return Ok(());
        }
        let days = match action {
            Action::Down => 7,
            Action::Up => -7,
            Action::PageDown => 28,
            Action::PageUp => -28,
            _ => 0,
        };
        if cal.step_days(days, cx.today) {
            cal.load(cx.store, cx.today)?;
        }
        Ok(())
    }
}
