//! The Pipeline tab: six columns, one per stage, headed by count, amount and
//! weighted amount; cards paged by amount; `<` / `>` move a card.

use crate::labels::Named;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::domain::Stage;
use crate::domain::forecast::Forecast;
use crate::i18n::{Lang, Msg};
use crate::store::{self, BoardCard, BoardFilter, BoardKey, ColumnTotal, Seek, Store};
use crate::tui::fit::{fit, name_in};
use crate::tui::layout::CARD_HEIGHT;
use crate::tui::paged::{PageSource, PagedList};
use crate::tui::theme;

/// One board column.
pub struct ColumnSource<'a> {
    pub store: &'a Store,
    pub stage: Stage,
    pub filter: &'a BoardFilter,
}

impl PageSource for ColumnSource<'_> {
    type Row = BoardCard;
    type Key = BoardKey;
    fn fetch(&self, seek: &Seek<BoardKey>, limit: usize) -> store::Result<Vec<BoardCard>> {
        self.store.board_column_where(self.stage, seek, limit, self.filter)
    }
    fn key(&self, row: &BoardCard) -> BoardKey {
        row.key()
    }
}

pub struct PipelineTab {
    pub columns: [PagedList<BoardCard>; 6],
    pub totals: [ColumnTotal; 6],
    /// Won deals archived out of Maintain, said under its head.
    pub archived: ColumnTotal,
    pub forecast: Forecast,
    pub column: usize,
    /// Days without activity before a card is stale, per stage.
    pub stale_after: [i64; 6],
    /// Days a won deal may go without its contract before its card says so.
    pub contract_within: i64,
    /// Days a won deal stays in Maintain once paid up (0: for ever).
    pub archive_after: i64,
    pub filter: BoardFilter,
    /// The text filter (`/`) as typed, while it is on.
    pub text: Option<super::accounts::Filter>,
}

impl Default for PipelineTab {
    fn default() -> Self {
        let stale = crate::config::PipelineSettings::default().stale_after_days.map(i64::from);
        PipelineTab {
            columns: Default::default(),
            totals: Default::default(),
            archived: ColumnTotal::default(),
            forecast: Forecast::default(),
            column: 0,
            stale_after: stale,
            contract_within: i64::from(crate::config::PipelineSettings::default().contract_within_days),
            archive_after: i64::from(crate::config::PipelineSettings::default().archive_paid_after_days),
            filter: BoardFilter::default(),
            text: None,
        }
    }
}

impl PipelineTab {
    /// A card is stale when its account saw no activity for the stage's
    /// number of days (or never since it entered the stage).
    pub fn is_stale(&self, card: &BoardCard, today: NaiveDate) -> bool {
        if card.outcome != crate::domain::Outcome::Open {
            return false;
        }
        let limit = self.stale_after[usize::from(card.stage.number() - 1)].max(1);
        let since = card.last_activity_on.unwrap_or(card.stage_entered_at.date_naive());
        (today - since).num_days() > limit
    }

    /// A won deal still without its contract after the configured days.
    pub fn lacks_contract(&self, card: &BoardCard, today: NaiveDate) -> bool {
        card.outcome == crate::domain::Outcome::Won
            && card.contracts == 0
            && card.days_in_stage(today) > self.contract_within
    }

    pub fn stage(&self) -> Stage {
        Stage::ALL[self.column.min(5)]
    }

    pub fn selected_card(&self) -> Option<&BoardCard> {
        self.columns[self.column.min(5)].selected()
    }

    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        today: NaiveDate,
    ) -> Option<ratatui::layout::Position> {
        let filter_lines = u16::from(!self.filter.is_empty() || self.text.is_some());
        let [filter_area, board, forecast] =
            Layout::vertical([Constraint::Length(filter_lines), Constraint::Fill(1), Constraint::Length(1)])
                .areas(area);
        let cursor = self.render_filter(frame, filter_area, lang);
        let areas = Layout::horizontal([Constraint::Ratio(1, 6); 6]).split(board);
        for (i, stage) in Stage::ALL.into_iter().enumerate() {
            self.render_column(frame.buffer_mut(), areas[i], lang, today, stage, i);
        }
        let f = self.forecast;
        let line = |amount: fn(crate::domain::Money) -> String| {
            lang.t(Msg::ForecastLine)
                .replace("{open}", &amount(f.open_weighted))
                .replace("{month}", &amount(f.month_weighted))
                .replace("{quarter}", &amount(f.quarter_weighted))
        };
        // Whole amounts when they fit, compact ones (with their unit) when not.
        let mut text = line(crate::domain::Money::full);
        if unicode_width::UnicodeWidthStr::width(text.as_str()) > usize::from(forecast.width) {
            text = if lang.is_chinese() { line(|m| m.compact(true)) } else { line(|m| m.compact(false)) };
        }
        frame.render_widget(Paragraph::new(Line::styled(text, theme::header())), forecast);
        cursor
    }

    /// The filter line: segment, tier and text, and how to clear them.
    fn render_filter(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang) -> Option<ratatui::layout::Position> {
        if area.height == 0 || area.width < 10 {
            return None;
        }
        let all = lang.t(Msg::FilterAll);
        let segment = self.filter.segment.as_deref().map(|s| crate::i18n::segment_label(lang, s)).unwrap_or(all);
        let tier = self.filter.tier.map(|t| t.code()).unwrap_or(all);
        let head = lang.t(Msg::BoardFilterLine).replace("{segment}", segment).replace("{tier}", tier);
        let head_width = (unicode_width::UnicodeWidthStr::width(head.as_str()) as u16 + 1).min(area.width);
        frame.render_widget(Paragraph::new(Line::styled(head, theme::muted())), Rect { width: head_width, ..area });
        let text_area = Rect { x: area.x + head_width, width: area.width - head_width, ..area };
        let text = self.text.as_ref()?;
        frame.buffer_mut().set_stringn(text_area.x, text_area.y, "/", usize::from(text_area.width), theme::key());
        let input = Rect { x: text_area.x + 2, width: text_area.width.saturating_sub(2), ..text_area };
        let cursor = text.input.render(input, frame.buffer_mut(), text.style());
        cursor.filter(|_| text.typing)
    }

    fn render_column(&self, buf: &mut Buffer, area: Rect, lang: Lang, today: NaiveDate, stage: Stage, index: usize) {
        let chinese = lang.is_chinese();
        let focused = index == self.column;
        let border = if focused { theme::title() } else { theme::muted() };
        // A short stage name when the long one would be cut by the border.
        let mut title = format!("{}.{}", stage.number(), lang.t(stage.label()));
        if unicode_width::UnicodeWidthStr::width(title.as_str()) + 2 > usize::from(area.width) {
            title = format!("{}.{}", stage.number(), lang.t(crate::labels::stage_short(stage)));
        }
        let block =
            Block::default().borders(Borders::ALL).border_style(border).title(Line::from(title).style(theme::title()));
        let inner = block.inner(area);
        ratatui::widgets::Widget::render(block, area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let total = self.totals[index];
        let width = usize::from(inner.width);
        // A label and an amount whose unit always shows (3248万, not 3247.6).
        let labelled = |label: Msg, amount: crate::domain::Money| {
            let label = lang.t(label);
            let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(label) + 1);
            format!("{label} {}", amount.compact_in(chinese, room))
        };
        let mut deals = lang.count(total.deal_count, Msg::CountDeals);
        // Maintain says how many paid-up deals left it, when there is room.
        if stage == Stage::Maintain && self.archived.deal_count > 0 {
            let archived = lang.t(Msg::BoardArchived).replace("{count}", &self.archived.deal_count.to_string());
            let both = format!("{deals} · {archived}");
            if unicode_width::UnicodeWidthStr::width(both.as_str()) <= width {
                deals = both;
            }
        }
        let head = [deals, labelled(Msg::BoardAmount, total.amount), labelled(Msg::BoardWeighted, total.weighted)];
        for (i, text) in head.iter().enumerate() {
            if (i as u16) < inner.height {
                buf.set_stringn(inner.x, inner.y + i as u16, text, width, theme::header());
            }
        }
        let list = &self.columns[index];
        let mut y = inner.y + 3;
        for (i, card) in list.rows().iter().enumerate() {
            if y + CARD_HEIGHT > inner.y + inner.height {
                break;
            }
            let selected = focused && i == list.selected_index();
            let base = if selected { theme::selected() } else { Default::default() };
            let card_area = Rect { x: inner.x, y, width: inner.width, height: CARD_HEIGHT };
            buf.set_style(card_area, base);
            // The account by its short name when the full one does not fit.
            let name = name_in(&card.account_name, &card.account_short_name, width);
            buf.set_stringn(inner.x, y, &name, width, base.add_modifier(Modifier::BOLD));
            buf.set_stringn(inner.x, y + 1, fit(&card.title, width), width, base);
            let days = lang.t(Msg::BoardDaysInStage).replace("{days}", &card.days_in_stage(today).to_string());
            let days_w = unicode_width::UnicodeWidthStr::width(days.as_str());
            // After the win, what the rep still has to collect.
            // (The days give way first when the column is narrow.)
            let line = if card.contracts > 0 {
                let owed = if card.owed.cents() > 0 {
                    let word = lang.t(Msg::OwedShort);
                    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(word) + 1);
                    format!("{word} {}", card.owed.compact_in(chinese, room))
                } else {
                    lang.t(Msg::PaidUp).to_string()
                };
                let with_days = format!("{owed} {days}");
                if unicode_width::UnicodeWidthStr::width(with_days.as_str()) <= width { with_days } else { owed }
            } else {
                format!("{} {days}", card.amount.compact_in(chinese, width.saturating_sub(days_w + 1)))
            };
            let used = unicode_width::UnicodeWidthStr::width(line.as_str());
            buf.set_stringn(inner.x, y + 2, &line, width, base);
            // Tags after the numbers: a stale deal, a forced move; a mark
            // when the word has no room.
            let mut x = used + 1;
            for (on, tag, mark, style) in [
                (card.forced, Msg::ForcedTag, "!", theme::warning()),
                (self.is_stale(card, today), Msg::StaleTag, "z", theme::overdue()),
                (card.oldest_owed_due.is_some_and(|due| due < today), Msg::OverdueTag, "$", theme::overdue()),
                (self.lacks_contract(card, today), Msg::NoContractTag, "c", theme::warning()),
            ] {
                if !on || x >= width {
                    continue;
                }
                let tag = lang.t(tag);
                let tag_w = unicode_width::UnicodeWidthStr::width(tag);
                let shown = if x + tag_w <= width { tag } else { mark };
                buf.set_stringn(inner.x + x as u16, y + 2, shown, width - x, style.patch(base));
                x += unicode_width::UnicodeWidthStr::width(shown) + 1;
            }
            y += CARD_HEIGHT;
        }
        if list.rows().is_empty() && inner.height > 3 {
            buf.set_stringn(inner.x, inner.y + 3, lang.t(Msg::BoardEmptyColumn), width, theme::muted());
        }
    }
}

impl super::TabView for PipelineTab {
    /// The deal the action touched, selected in its column.
    fn reveal(&mut self, touched: &[(String, i64)], cx: &super::TabCx<'_>) -> store::Result<()> {
        for (_, id) in touched.iter().filter(|(table, _)| table == "opportunity") {
            if let Some(deal) = cx.store.opportunity(*id)? {
                return self.follow(deal.id, deal.stage, cx);
            }
        }
        Ok(())
    }

    fn on_key(
        &mut self,
        key: &crossterm::event::KeyEvent,
        cx: &super::TabCx<'_>,
    ) -> Option<store::Result<crate::tui::popups::Effect>> {
        self.filter_typing().then(|| self.on_filter_key(key, cx).map(|()| crate::tui::popups::Effect::Stay))
    }

    fn on_action(
        &mut self,
        action: crate::tui::keymap::Action,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        self.act(action, cx)
    }

    fn done(
        &mut self,
        result: &store::Result<crate::tui::command::Done>,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        self.after(result, cx)
    }

    fn load(&mut self, cx: &super::TabCx<'_>) -> store::Result<()> {
        if let Some(text) = &self.text {
            // The data changed under the filter: search again.
            let typed = text.input.text();
            self.filter.accounts = if typed.trim().is_empty() {
                None
            } else {
                Some(cx.store.search_accounts(&typed, crate::tui::app::FILTER_LIMIT)?)
            };
        }
        self.filter.archived_before =
            (self.archive_after > 0).then(|| cx.today - chrono::Days::new(self.archive_after as u64));
        self.archived = cx.store.board_archived(&self.filter)?;
        self.totals = cx.store.board_totals_less(&self.filter, self.archived)?;
        self.forecast = cx.store.forecast_where(cx.today, &self.filter)?;
        let filter_lines = u16::from(!self.filter.is_empty() || self.text.is_some());
        let per_column = crate::tui::layout::cards_per_column(cx.body_height, filter_lines);
        for stage in Stage::ALL {
            let column = &mut self.columns[usize::from(stage.number() - 1)];
            column.set_height(per_column, &ColumnSource { store: cx.store, stage, filter: &self.filter })?;
        }
        Ok(())
    }

    fn navigate(&mut self, action: crate::tui::keymap::Action, cx: &super::TabCx<'_>) -> store::Result<()> {
        let stage = self.stage();
        let column = &mut self.columns[self.column.min(5)];
        super::step(column, &ColumnSource { store: cx.store, stage, filter: &self.filter }, action)
    }

    fn selected_account(&self) -> Option<store::AccountSuggestion> {
        self.selected_card().map(|c| store::AccountSuggestion { id: c.account_id, name: c.account_name.clone() })
    }

    fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        today: chrono::NaiveDate,
    ) -> Option<ratatui::layout::Position> {
        PipelineTab::render(self, frame, area, lang, today)
    }
}
