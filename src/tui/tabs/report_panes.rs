//! The Reports tab's forms beyond the day's report: the monthly report,
//! the collection progress, the assessment and the visit plan. Each pane
//! builds its typed form (or reads it back as sent) for the month or day
//! in view, and draws it as a chart over its key table or, one key away
//! (`c`), as all of its sections — the same ones `kam report` writes.

use chrono::{Local, NaiveDate, Offset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::report_charts as charts;
use crate::domain::{Month, assessment::MethodKind};
use crate::i18n::{FormMsg as F, Lang};
use crate::io::report::Section;
use crate::io::report_forms as words;
use crate::reports::visit_plan::{PlanPeriod, VisitPlanReport};
use crate::reports::{AssessmentReport, CollectionReport, MonthlyReport};
use crate::store::{self, ColumnTotal, FormKind, Store};
use crate::tui::fit::fit;
use crate::tui::theme;
use crate::tui::widgets::sections::section_lines;

/// Contracts the collections table lists on screen (all of them are in
/// `kam report collections`).
const CONTRACTS_SHOWN: usize = 100;

/// A drop order naming no column: every column stays, text gives way.
const KEEP_ALL: [usize; 1] = [usize::MAX];

/// The forms of the Reports tab, in the order `v` steps through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Daily,
    Monthly,
    Collections,
    Assessment,
    Visits,
}

impl Pane {
    pub const ALL: [Pane; 5] = [Pane::Daily, Pane::Monthly, Pane::Collections, Pane::Assessment, Pane::Visits];

    pub fn next(self) -> Pane {
        let i = Pane::ALL.iter().position(|p| *p == self).unwrap_or(0);
        Pane::ALL[(i + 1) % Pane::ALL.len()]
    }

    pub fn name(self) -> F {
        match self {
            Pane::Daily => F::PaneDaily,
            Pane::Monthly => F::PaneMonthly,
            Pane::Collections => F::PaneCollections,
            Pane::Assessment => F::PaneAssessment,
            Pane::Visits => F::PaneVisits,
        }
    }

    /// The form a pane sends, if it sends one.
    pub fn sends(self) -> Option<FormKind> {
        match self {
            Pane::Monthly => Some(FormKind::Monthly),
            Pane::Assessment => Some(FormKind::Assessment),
            _ => None,
        }
    }
}

/// The title line of a pane: every form's name with this one marked, then
/// its own title; when that does not fit, only this form's name.
pub fn pane_title(pane: Pane, title: &str, width: usize, lang: Lang) -> String {
    use unicode_width::UnicodeWidthStr;
    let names: Vec<String> = Pane::ALL
        .iter()
        .map(|p| if *p == pane { format!("[{}]", lang.f(p.name())) } else { lang.f(p.name()).to_string() })
        .collect();
    let full = format!("{}  {title}", names.join(" "));
    if full.width() <= width {
        return full;
    }
    fit(&format!("[{}] {title}", lang.f(pane.name())), width)
}

/// What the month panes show, loaded for the pane in view only.
pub struct FormPanes {
    pub month: Month,
    /// The collection progress is as of a day.
    pub as_of: NaiveDate,
    /// The chart (over its key table), or every section as a table.
    pub chart: bool,
    pub scroll: usize,
    /// The assessment item under the cursor.
    pub selected: usize,
    pub monthly: Option<MonthlyReport>,
    pub collections: Option<CollectionReport>,
    pub assessment: Option<AssessmentReport>,
    pub visits: Option<VisitPlanReport>,
    pub weeks: Vec<(NaiveDate, i64)>,
    pub open_deals: [ColumnTotal; 6],
    /// Deals lost at each stage, ever (the funnel's "went on").
    pub lost_at: [i64; 6],
}

impl FormPanes {
    pub fn new(today: NaiveDate) -> FormPanes {
        FormPanes {
            month: Month::of(today),
            as_of: today,
            chart: true,
            scroll: 0,
            selected: 0,
            monthly: None,
            collections: None,
            assessment: None,
            visits: None,
            weeks: Vec::new(),
            open_deals: Default::default(),
            lost_at: [0; 6],
        }
    }

    /// Builds the pane's form: the sent copy of a sent month, else live.
    pub fn load(
        &mut self,
        pane: Pane,
        store: &Store,
        config: &crate::config::Config,
        today: NaiveDate,
    ) -> store::Result<()> {
        let offset = Local::now().offset().fix();
        let aging = config.reports.aging_days();
        match pane {
            Pane::Daily => {}
            Pane::Monthly => {
                let report = match crate::reports::monthly::sent(store, self.month)? {
                    Some(sent) => sent,
                    None => MonthlyReport::build(store, self.month, today, offset, &aging)?,
                };
                self.open_deals = store.board_totals()?;
                self.lost_at = store.lost_by_stage()?;
                self.monthly = Some(report);
            }
            Pane::Collections => self.collections = Some(CollectionReport::build(store, self.as_of, &aging)?),
            Pane::Assessment => {
                let report = match crate::reports::assessment::sent(store, self.month)? {
                    Some(sent) => sent,
                    None => AssessmentReport::build(
                        store,
                        self.month,
                        today,
                        offset,
                        &config.assessment,
                        &config.visits.rules(),
                    )?,
                };
                self.selected = self.selected.min(report.lines.len().saturating_sub(1));
                self.assessment = Some(report);
            }
            Pane::Visits => {
                let period = PlanPeriod::Month { year: self.month.year(), month: self.month.number() };
                self.visits = Some(VisitPlanReport::build(store, period, today)?);
                let (first, last) = (Month::new(self.month.year(), 1).unwrap_or(self.month).first(), self.month.last());
                self.weeks = store.visits_by_week(first, last.min(today))?;
            }
        }
        Ok(())
    }

    /// The month (or, for the collections, the day) before or after.
    pub fn step(&mut self, pane: Pane, forward: bool, today: NaiveDate) {
        self.scroll = 0;
        match (pane, forward) {
            (Pane::Collections, true) => self.as_of = self.as_of.succ_opt().unwrap_or(self.as_of),
            (Pane::Collections, false) => self.as_of = self.as_of.pred_opt().unwrap_or(self.as_of),
            (_, true) => self.month = self.month.next(),
            (_, false) => self.month = self.month.previous(),
        }
        let _ = today;
    }

    pub fn to_today(&mut self, today: NaiveDate) {
        self.scroll = 0;
        self.month = Month::of(today);
        self.as_of = today;
    }

    /// The JSON of the form in view, to send as it is.
    pub fn body(&self, pane: Pane) -> Option<String> {
        match pane {
            Pane::Monthly => self.monthly.as_ref().and_then(|r| serde_json::to_string(r).ok()),
            Pane::Assessment => self.assessment.as_ref().and_then(|r| serde_json::to_string(r).ok()),
            _ => None,
        }
    }

    /// Whether the form in view is a sent copy.
    pub fn is_sent(&self, pane: Pane) -> bool {
        match pane {
            Pane::Monthly => self.monthly.as_ref().is_some_and(|r| r.submitted.is_some()),
            Pane::Assessment => self.assessment.as_ref().is_some_and(|r| r.submitted.is_some()),
            _ => false,
        }
    }

    /// The manual item under the cursor, if it is one.
    pub fn manual_item(&self) -> Option<&crate::reports::assessment::AssessmentLine> {
        self.assessment.as_ref()?.lines.get(self.selected).filter(|l| l.method == MethodKind::Manual)
    }

    /// j/k: the assessment's item, else the lines.
    pub fn navigate(&mut self, pane: Pane, action: crate::tui::keymap::Action, page: usize) {
        use crate::tui::keymap::Action;
        if pane == Pane::Assessment && self.chart {
            let last = self.assessment.as_ref().map_or(0, |r| r.lines.len().saturating_sub(1));
            self.selected = match action {
                Action::Down => (self.selected + 1).min(last),
                Action::Up => self.selected.saturating_sub(1),
                Action::First => 0,
                Action::Last => last,
                _ => self.selected,
            };
            return;
        }
        self.scroll = match action {
            Action::Down => self.scroll + 1,
            Action::Up => self.scroll.saturating_sub(1),
            Action::First => 0,
            Action::Last => usize::MAX / 2,
            Action::PageDown => self.scroll + page,
            _ => self.scroll.saturating_sub(page),
        };
    }

    /// The form's title line: which form, which month or day, sent or not.
    fn title(&self, pane: Pane, width: usize, lang: Lang) -> String {
        let what = match pane {
            Pane::Monthly => self.monthly.as_ref().map(|r| words::monthly_title(r, lang)),
            Pane::Collections => self.collections.as_ref().map(|r| words::collections_title(r, lang)),
            Pane::Assessment => self.assessment.as_ref().map(|r| words::assessment_title(r, lang)),
            Pane::Visits => self.visits.as_ref().map(|r| crate::io::report_visits::visit_plan_title(r, lang)),
            Pane::Daily => None,
        };
        pane_title(pane, &what.unwrap_or_default(), width, lang)
    }

    /// The form's sections (its table view), and the columns each gives up
    /// first on a narrow screen.
    fn sections(&self, pane: Pane, lang: Lang) -> (Vec<Section>, Vec<Vec<usize>>) {
        match pane {
            Pane::Monthly => {
                (self.monthly.as_ref().map(|r| words::monthly_sections(r, lang)).unwrap_or_default(), Vec::new())
            }
            Pane::Collections => {
                let Some(r) = &self.collections else { return (Vec::new(), Vec::new()) };
                // A contract at a time; at 80 columns no., instalment, due,
                // received, outstanding and status stay.
                let mut sections = vec![words::collection_summary_section(r, lang)];
                sections.extend(words::progress_by_contract(r, lang, CONTRACTS_SHOWN));
                sections.push(words::aging_section(r, lang));
                // The aging keeps every bucket and its total: names give way.
                let last = sections.len() - 1;
                let drop: Vec<Vec<usize>> = (0..sections.len())
                    .map(|i| match i {
                        0 => Vec::new(),
                        i if i == last => KEEP_ALL.to_vec(),
                        _ => vec![9, 8, 3, 7, 4],
                    })
                    .collect();
                (sections, drop)
            }
            Pane::Assessment => {
                let sections =
                    self.assessment.as_ref().map(|r| words::assessment_sections(r, lang)).unwrap_or_default();
                (sections, vec![vec![5, 4, 3]])
            }
            Pane::Visits => (
                self.visits
                    .as_ref()
                    .map(|r| crate::io::report_visits::visit_plan_sections(r, lang))
                    .unwrap_or_default(),
                Vec::new(),
            ),
            Pane::Daily => (Vec::new(), Vec::new()),
        }
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, pane: Pane, lang: Lang) {
        let [title_area, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        let title = self.title(pane, usize::from(title_area.width), lang);
        frame.render_widget(Paragraph::new(Line::styled(title, theme::title())), title_area);
        // The whole table only in the table view: the chart view draws its
        // own few sections, and every frame would build the rest for nothing.
        if !self.chart {
            let (sections, drop_order) = self.sections(pane, lang);
            self.draw_sections(frame, body, &sections, &drop_order, lang, None);
            return;
        }
        match pane {
            Pane::Monthly => {
                let Some(r) = &self.monthly else { return };
                let [results, bars, funnel] =
                    Layout::vertical([Constraint::Length(5), Constraint::Fill(1), Constraint::Length(8)]).areas(body);
                self.draw_sections(frame, results, &[words::results_section(r, lang)], &[vec![6, 5]], lang, Some(0));
                charts::won_and_collected(frame, bars, &r.year, lang);
                charts::funnel(frame, funnel, &self.open_deals, &self.lost_at, lang);
            }
            Pane::Collections => {
                let Some(r) = &self.collections else { return };
                let heads = words::aging_headers(&r.aging_days, lang);
                let [summary, bars, table] =
                    Layout::vertical([Constraint::Length(2), Constraint::Length(9), Constraint::Fill(1)]).areas(body);
                let chinese = lang.is_chinese();
                let width = usize::from(summary.width);
                let owed = format!(
                    "{} {}   {} {} ({})",
                    lang.f(F::OutstandingTotal),
                    r.outstanding_cents.compact(chinese),
                    lang.f(F::OverdueOnDay).replace("{date}", &r.as_of.to_string()),
                    r.overdue.amount_cents.compact(chinese),
                    r.overdue.count,
                );
                let rate = format!(
                    "{} {}: {}",
                    r.month,
                    lang.f(F::CollectionRate),
                    r.collection_rate.map_or("—".to_string(), |p| format!("{p:.1}%")),
                );
                frame.render_widget(
                    Paragraph::new(vec![Line::raw(fit(&owed, width)), Line::raw(fit(&rate, width))]),
                    summary,
                );
                charts::aging(frame, bars, r, &heads, lang);
                self.draw_sections(frame, table, &[words::aging_section(r, lang)], &[KEEP_ALL.to_vec()], lang, None);
            }
            Pane::Assessment => {
                let Some(r) = &self.assessment else { return };
                let notes = r.lines.iter().filter(|l| l.manual.is_some()).count() as u16;
                let gauge_rows = r.lines.len() as u16 + 4;
                let [gauges, rest] =
                    Layout::vertical([Constraint::Length(gauge_rows), Constraint::Fill(1)]).areas(body);
                charts::gauges(frame, gauges, r, self.selected, lang);
                let mut lines: Vec<Line<'static>> = Vec::new();
                if let Some(line) = r.lines.get(self.selected) {
                    let formula =
                        format!("{}: {}  {}", lang.f(F::ColFormula), line.formula, words::method_words(line, lang));
                    lines.push(Line::raw(fit(&formula, usize::from(rest.width))));
                    if line.method == MethodKind::Manual && line.manual.is_none() {
                        lines.push(Line::styled(lang.f(F::NotScored).to_string(), theme::warning()));
                    }
                }
                let _ = notes;
                if let Some(section) = words::assessment_sections(r, lang).get(1) {
                    for row in &section.rows {
                        let text: Vec<String> = row.iter().map(|c| c.text()).collect();
                        lines.push(Line::styled(fit(&text.join(" "), usize::from(rest.width)), theme::muted()));
                    }
                }
                frame.render_widget(Paragraph::new(lines), rest);
            }
            Pane::Visits => {
                let Some(r) = &self.visits else { return };
                let [spark, table] = Layout::vertical([Constraint::Length(7), Constraint::Fill(1)]).areas(body);
                let first = Month::new(self.month.year(), 1).unwrap_or(self.month).first();
                charts::visits_per_week(frame, spark, &self.weeks, first, self.month.last(), lang);
                let sections = crate::io::report_visits::visit_plan_sections(r, lang);
                self.draw_sections(frame, table, &sections, &[], lang, None);
            }
            Pane::Daily => {}
        }
    }

    /// Sections as lines, scrolled; `fixed` draws from the top, unscrolled.
    fn draw_sections(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        sections: &[Section],
        drop_order: &[Vec<usize>],
        lang: Lang,
        fixed: Option<usize>,
    ) {
        let drawn =
            section_lines(sections, usize::from(area.width), lang.is_chinese(), drop_order, words::nothing(lang));
        let room = usize::from(area.height);
        let most = drawn.lines.len().saturating_sub(room);
        let skip = fixed.unwrap_or(self.scroll.min(most));
        let lines: Vec<Line<'static>> = drawn.lines.into_iter().skip(skip).take(room).collect();
        frame.render_widget(Paragraph::new(lines), area);
    }
}

impl FormPanes {
    /// A key of the month panes: the period, chart or table, targets,
    /// words, sending, a new draft, points for a manual item.
    pub fn on_action(
        &mut self,
        pane: Pane,
        action: crate::tui::keymap::Action,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        use crate::tui::keymap::Action;
        use crate::tui::popups::{Effect, Say};
        let lang = cx.lang;
        let form_name =
            |kind: FormKind| lang.f(if kind == FormKind::Monthly { F::MonthlyTitle } else { F::AssessmentTitle });
        match action {
            Action::PreviousDay | Action::NextDay => self.step(pane, action == Action::NextDay, cx.today),
            Action::Today => self.to_today(cx.today),
            Action::ChartOrTable => {
                self.chart = !self.chart;
                self.scroll = 0;
                return Ok(Effect::Stay);
            }
            Action::Targets => {
                let now = cx.store.targets_of(self.month)?;
                let form = crate::tui::popups::targets_form::TargetsForm::new(lang, self.month, now);
                return Ok(Effect::Open(Box::new(form)));
            }
            Action::MonthWords => {
                let existing = cx.store.month_words(self.month)?;
                let form = crate::tui::popups::month_words::MonthWordsForm::new(lang, self.month, existing);
                return Ok(Effect::Open(Box::new(form)));
            }
            Action::SendForm => {
                let Some(kind) = pane.sends() else { return Ok(Effect::Stay) };
                if self.is_sent(pane) {
                    return Ok(Effect::Say(Say::warn(lang.f(F::AlreadySent).replace("{form}", form_name(kind)))));
                }
                let Some(body) = self.body(pane) else { return Ok(Effect::Stay) };
                let month = self.month.to_string();
                let question = lang.f(F::SendQuestion).replace("{form}", form_name(kind)).replace("{month}", &month);
                let then = crate::tui::command::Command::SubmitForm { kind, month: self.month, body };
                let after =
                    Some(lang.f(F::FormSentShort).replace("{form}", form_name(kind)).replace("{month}", &month));
                return Ok(Effect::Open(Box::new(crate::tui::popups::confirm::ConfirmPopup { question, then, after })));
            }
            Action::NewDraft => {
                let Some(kind) = pane.sends() else { return Ok(Effect::Stay) };
                return Ok(Effect::Run(crate::tui::command::Command::ReopenForm { kind, month: self.month }));
            }
            Action::Open if pane == Pane::Assessment => {
                let Some(line) = self.assessment.as_ref().and_then(|r| r.lines.get(self.selected)) else {
                    return Ok(Effect::Stay);
                };
                let name = if lang.is_chinese() && !line.name_zh.is_empty() { &line.name_zh } else { &line.name };
                if line.method != MethodKind::Manual {
                    return Ok(Effect::Say(Say::warn(lang.f(F::NotManual).replace("{item}", name))));
                }
                let form = crate::tui::popups::score_form::ScoreForm::new(
                    lang,
                    self.month,
                    &line.code,
                    name,
                    line.manual.as_ref(),
                );
                return Ok(Effect::Open(Box::new(form)));
            }
            _ => return Ok(Effect::Stay),
        }
        self.load(pane, cx.store, cx.config, cx.today)?;
        Ok(Effect::Stay)
    }

    /// How a write the pane asked for went (a new draft).
    pub fn done(
        &mut self,
        pane: Pane,
        result: &store::Result<crate::tui::command::Done>,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        use crate::tui::command::Done;
        use crate::tui::popups::{Effect, Say};
        let lang = cx.lang;
        let form = pane
            .sends()
            .map_or("", |kind| lang.f(if kind == FormKind::Monthly { F::MonthlyTitle } else { F::AssessmentTitle }));
        let month = self.month.to_string();
        let said = match result {
            Err(e) => return Ok(Effect::Say(Say::warn(crate::labels::store_error(lang, e)))),
            Ok(Done::Did(true)) => {
                Some(Say::ok(lang.f(F::FormReopened).replace("{form}", form).replace("{month}", &month)))
            }
            Ok(Done::Did(false)) => {
                Some(Say::warn(lang.f(F::NothingToReopen).replace("{form}", form).replace("{month}", &month)))
            }
            _ => None,
        };
        self.load(pane, cx.store, cx.config, cx.today)?;
        Ok(said.map_or(Effect::Stay, Effect::Say))
    }
}
