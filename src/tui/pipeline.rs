//! The Pipeline tab: six columns, one per stage, headed by count, amount and
//! weighted amount; cards paged by amount; `<` / `>` move a card.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph};

use super::layout::CARD_HEIGHT;
use super::paged::{PageSource, PagedList};
use super::theme;
use crate::domain::Stage;
use crate::domain::forecast::Forecast;
use crate::i18n::{Lang, Msg};
use crate::store::{self, BoardCard, BoardKey, ColumnTotal, Seek, Store};

/// One board column.
pub struct ColumnSource<'a> {
    pub store: &'a Store,
    pub stage: Stage,
}

impl PageSource for ColumnSource<'_> {
    type Row = BoardCard;
    type Key = BoardKey;
    fn fetch(&self, seek: &Seek<BoardKey>, limit: usize) -> store::Result<Vec<BoardCard>> {
        self.store.board_column(self.stage, seek, limit)
    }
    fn key(&self, row: &BoardCard) -> BoardKey {
        row.key()
    }
}

pub struct PipelineTab {
    pub columns: [PagedList<BoardCard>; 6],
    pub totals: [ColumnTotal; 6],
    pub forecast: Forecast,
    pub column: usize,
    /// Days without activity before a card is stale, per stage.
    pub stale_after: [i64; 6],
}

impl Default for PipelineTab {
    fn default() -> Self {
        let stale = crate::config::PipelineSettings::default().stale_after_days.map(i64::from);
        PipelineTab {
            columns: Default::default(),
            totals: Default::default(),
            forecast: Forecast::default(),
            column: 0,
            stale_after: stale,
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

    pub fn stage(&self) -> Stage {
        Stage::ALL[self.column.min(5)]
    }

    pub fn selected_card(&self) -> Option<&BoardCard> {
        self.columns[self.column.min(5)].selected()
    }

    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, today: NaiveDate) {
        let [board, forecast] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let areas = Layout::horizontal([Constraint::Ratio(1, 6); 6]).split(board);
        for (i, stage) in Stage::ALL.into_iter().enumerate() {
            self.render_column(frame.buffer_mut(), areas[i], lang, today, stage, i);
        }
        let f = self.forecast;
        let text = lang
            .t(Msg::ForecastLine)
            .replace("{open}", &f.open_weighted.full())
            .replace("{month}", &f.month_weighted.full())
            .replace("{quarter}", &f.quarter_weighted.full());
        frame.render_widget(Paragraph::new(Line::styled(text, theme::header())), forecast);
    }

    fn render_column(&self, buf: &mut Buffer, area: Rect, lang: Lang, today: NaiveDate, stage: Stage, index: usize) {
        let chinese = lang.is_chinese();
        let focused = index == self.column;
        let border = if focused { theme::title() } else { theme::muted() };
        let title = format!("{}.{}", stage.number(), lang.t(stage.label()));
        let block =
            Block::default().borders(Borders::ALL).border_style(border).title(Line::from(title).style(theme::title()));
        let inner = block.inner(area);
        ratatui::widgets::Widget::render(block, area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        let total = self.totals[index];
        let width = usize::from(inner.width);
        let head = [
            lang.t(Msg::BoardDeals).replace("{count}", &total.deal_count.to_string()),
            format!("{} {}", lang.t(Msg::BoardAmount), total.amount.compact(chinese)),
            format!("{} {}", lang.t(Msg::BoardWeighted), total.weighted.compact(chinese)),
        ];
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
            buf.set_stringn(inner.x, y, &card.account_name, width, base.add_modifier(Modifier::BOLD));
            buf.set_stringn(inner.x, y + 1, &card.title, width, base);
            let days = lang.t(Msg::BoardDaysInStage).replace("{days}", &card.days_in_stage(today).to_string());
            let line = format!("{} {}", card.amount.compact(chinese), days);
            let used = unicode_width::UnicodeWidthStr::width(line.as_str());
            buf.set_stringn(inner.x, y + 2, &line, width, base);
            // Tags after the numbers: a stale deal, a forced move.
            let mut x = used + 1;
            for (on, tag, style) in [
                (card.forced, Msg::ForcedTag, theme::warning()),
                (self.is_stale(card, today), Msg::StaleTag, theme::overdue()),
            ] {
                if on && x < width {
                    let tag = lang.t(tag);
                    buf.set_stringn(inner.x + x as u16, y + 2, tag, width - x, style.patch(base));
                    x += unicode_width::UnicodeWidthStr::width(tag) + 1;
                }
            }
            y += CARD_HEIGHT;
        }
        if list.rows().is_empty() && inner.height > 3 {
            buf.set_stringn(inner.x, inner.y + 3, lang.t(Msg::BoardEmptyColumn), width, theme::muted());
        }
    }
}
