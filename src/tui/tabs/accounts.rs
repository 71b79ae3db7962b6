//! The Accounts tab: the table of key accounts paged from SQL, the instant
//! filter (`/`: name, short name, pinyin), and beside it the detail pane of
//! the selected account (`account_detail.rs`).

use crate::labels::Named;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use crate::i18n::{Lang, Msg, segment_label};
use crate::store::{self, AccountFilter, AccountKey, AccountRow, Seek, Store};
use crate::tui::paged::{PageSource, PagedList};
use crate::tui::theme;
use crate::tui::widgets::text_field::TextField;

use super::account_detail::render_detail;
pub use super::account_detail::{AccountDetail, DetailItem};

/// The accounts table, in name order (pinyin for Chinese), those the
/// tier, segment and status filter lets through.
pub struct AccountSource<'a>(pub &'a Store, pub &'a AccountFilter);

impl PageSource for AccountSource<'_> {
    type Row = AccountRow;
    type Key = AccountKey;
    fn fetch(&self, seek: &Seek<AccountKey>, limit: usize) -> store::Result<Vec<AccountRow>> {
        self.0.accounts_page_where(self.1, seek, limit)
    }
    fn key(&self, row: &AccountRow) -> AccountKey {
        row.key()
    }
}

/// The accounts a filter found, best first: paged by place in that list.
pub struct FilteredSource<'a> {
    pub store: &'a Store,
    pub ids: &'a [i64],
}

impl PageSource for FilteredSource<'_> {
    type Row = AccountRow;
    type Key = usize;
    fn fetch(&self, seek: &Seek<usize>, limit: usize) -> store::Result<Vec<AccountRow>> {
        let n = self.ids.len();
        let (from, to) = match *seek {
            Seek::First => (0, limit.min(n)),
            Seek::Last => (n.saturating_sub(limit), n),
            Seek::After(i) => (i + 1, (i + 1 + limit).min(n)),
            Seek::From(i) => (i, (i + limit).min(n)),
            Seek::Before(i) => (i.saturating_sub(limit), i.min(n)),
        };
        self.store.account_rows(self.ids.get(from.min(to)..to).unwrap_or(&[]))
    }
    fn key(&self, row: &AccountRow) -> usize {
        self.ids.iter().position(|id| *id == row.id).unwrap_or(0)
    }
}

/// The instant filter: what is typed and what it found.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub input: TextField,
    /// Keys go to the filter while it is being typed.
    pub typing: bool,
    /// The old text is selected: the first key typed replaces it (as in
    /// lazygit, `/` on an applied filter starts a new one or edits it).
    pub replace: bool,
    pub ids: Vec<i64>,
}

impl Filter {
    /// Being typed: the input look (its old text selected right after
    /// `/`); applied: plain text, so it does not look as if keys went to it.
    pub fn style(&self) -> ratatui::style::Style {
        match (self.typing, self.replace) {
            (true, true) => theme::selected(),
            (true, false) => theme::input_focused(),
            (false, _) => theme::muted(),
        }
    }

    /// `/`: keys go to the filter, its old text selected.
    pub fn start_typing(&mut self) {
        self.typing = true;
        self.replace = !self.input.is_empty();
    }

    /// A key while typing: a character or Backspace on selected text
    /// replaces it; an arrow keeps it to edit.
    pub fn edit(&mut self, key: &crossterm::event::KeyEvent) -> crate::tui::widgets::text_field::Edit {
        use crossterm::event::{KeyCode, KeyModifiers};
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if std::mem::take(&mut self.replace) && plain {
            match key.code {
                KeyCode::Char(_) => self.input.set_text(""),
                KeyCode::Backspace | KeyCode::Delete => {
                    self.input.set_text("");
                    return crate::tui::widgets::text_field::Edit::Changed;
                }
                _ => {}
            }
        }
        self.input.on_key(key)
    }
}

#[derive(Default)]
pub struct AccountsTab {
    pub list: PagedList<AccountRow>,
    pub detail: Option<AccountDetail>,
    pub filter: Option<Filter>,
    /// Keys go to the detail pane (its contacts, competitors, needs).
    pub in_detail: bool,
    pub detail_item: usize,
    /// Only accounts of this tier, segment, status (`t`, `f`, `s`).
    pub by: AccountFilter,
}

impl AccountsTab {
    pub fn selected_item(&self) -> Option<DetailItem> {
        self.detail.as_ref().and_then(|d| d.items().get(self.detail_item).copied())
    }

    /// Rows above the table that the filter line takes.
    pub fn filter_lines(&self) -> u16 {
        u16::from(self.filter.is_some()) + u16::from(!self.by.is_empty())
    }

    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        today: chrono::NaiveDate,
    ) -> Option<ratatui::layout::Position> {
        let [filter_area, rest] =
            Layout::vertical([Constraint::Length(self.filter_lines()), Constraint::Fill(1)]).areas(area);
        let [text_area, by_area] = Layout::vertical([
            Constraint::Length(u16::from(self.filter.is_some())),
            Constraint::Length(u16::from(!self.by.is_empty())),
        ])
        .areas(filter_area);
        let cursor = self.filter.as_ref().and_then(|f| render_filter(frame, text_area, lang, f));
        if !self.by.is_empty() {
            render_by(frame, by_area, lang, &self.by);
        }
        if let Some(detail) = &self.detail {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(rest);
            self.render_table(frame, left, lang, today, true);
            render_detail(frame, right, lang, today, detail, self.in_detail.then(|| self.selected_item()).flatten());
        } else {
            self.render_table(frame, rest, lang, today, false);
        }
        cursor
    }

    fn render_table(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        today: chrono::NaiveDate,
        beside_detail: bool,
    ) {
        let chinese = lang.is_chinese();
        let inner = usize::from(area.width.saturating_sub(2));
        // Which columns the room allows; the name takes what is left and is
        // the last to give way (its short name stands in when it must).
        let mut columns: Vec<(AccountColumn, usize)> = vec![(AccountColumn::Name, 0), (AccountColumn::Tier, 4)];
        if !beside_detail && inner >= 100 {
            columns.insert(1, (AccountColumn::Segment, 18));
        }
        if !beside_detail {
            columns.push((AccountColumn::Status, if chinese { 6 } else { 8 }));
        }
        columns.push((AccountColumn::Pipeline, 10));
        columns.push((AccountColumn::LastActivity, 10));
        if !beside_detail {
            columns.push((AccountColumn::NextVisit, 10));
        }
        let fixed: usize = columns.iter().map(|(_, w)| w).sum::<usize>() + columns.len() - 1;
        let name_w = inner.saturating_sub(fixed).max(6);
        columns[0].1 = name_w;
        let header = Row::new(columns.iter().map(|(c, _)| Cell::from(lang.t(c.title())))).style(theme::header());
        let rows = self.list.rows().iter().enumerate().map(|(i, a)| {
            let selected = i == self.list.selected_index();
            let style = match (selected, self.in_detail) {
                (true, false) => theme::selected(),
                (true, true) => theme::selected_inactive(),
                _ => Style::default(),
            };
            let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            Row::new(columns.iter().map(|(c, w)| match c {
                AccountColumn::Name => Cell::from(crate::tui::fit::name_in(&a.name, &a.short_name, *w)),
                AccountColumn::Segment => Cell::from(crate::tui::fit::fit(segment_label(lang, &a.segment), *w)),
                // A mark beside the tier when the account is at risk or a
                // complaint waits past its deadline (the detail says why).
                AccountColumn::Tier => {
                    let late = a.respond_by.is_some_and(|by| by < today);
                    let flag = if !a.risk.reasons(today).is_empty() || late { " !" } else { "" };
                    Cell::from(Line::from(vec![Span::raw(a.tier.code()), Span::styled(flag, theme::error())]))
                }
                AccountColumn::Status => Cell::from(lang.t(a.status.label())),
                AccountColumn::Pipeline => {
                    Cell::from(Line::from(a.open_pipeline.compact_in(chinese, *w)).right_aligned())
                }
                AccountColumn::LastActivity => Cell::from(day(a.last_activity_on)),
                AccountColumn::NextVisit => Cell::from(day(a.next_visit_due_on)),
            }))
            .style(style)
        });
        let widths: Vec<Constraint> = columns.iter().map(|(_, w)| Constraint::Length(*w as u16)).collect();
        let title = format!(" {} ", lang.t(Msg::TabAccounts));
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())));
        frame.render_widget(table, area);
        if self.list.rows().is_empty() && area.height > 3 {
            // Wrapped: the English hint is wider than 78 columns.
            let inner =
                Rect { x: area.x + 1, y: area.y + 2, width: area.width.saturating_sub(2), height: area.height - 3 };
            let msg = if self.filter.is_some() { Msg::FilterNothing } else { Msg::NoAccountsYet };
            let hint = Paragraph::new(Line::styled(lang.t(msg), theme::muted())).wrap(Wrap { trim: true });
            frame.render_widget(hint, inner);
        }
    }
}

/// The columns of the accounts table.
#[derive(Debug, Clone, Copy, PartialEq)]
enum AccountColumn {
    Name,
    Segment,
    Tier,
    Status,
    Pipeline,
    LastActivity,
    NextVisit,
}

impl AccountColumn {
    fn title(self) -> Msg {
        match self {
            AccountColumn::Name => Msg::ColName,
            AccountColumn::Segment => Msg::ColSegment,
            AccountColumn::Tier => Msg::ColTier,
            AccountColumn::Status => Msg::ColStatus,
            AccountColumn::Pipeline => Msg::ColOpenPipeline,
            AccountColumn::LastActivity => Msg::ColLastActivity,
            AccountColumn::NextVisit => Msg::ColNextVisit,
        }
    }
}

/// The line of the tier, segment and status filters in force.
fn render_by(frame: &mut Frame<'_>, area: Rect, lang: Lang, by: &AccountFilter) {
    let mut spans = vec![Span::styled(format!("{}: ", lang.t(Msg::FiltersInForce)), theme::label())];
    if let Some(tier) = by.tier {
        spans.push(Span::styled(format!("[{} {}] ", lang.t(Msg::ColTier), tier.code()), theme::header()));
    }
    if let Some(segment) = &by.segment {
        spans.push(Span::styled(format!("[{}] ", segment_label(lang, segment)), theme::header()));
    }
    if let Some(status) = by.status {
        spans.push(Span::styled(format!("[{}] ", lang.t(status.label())), theme::header()));
    }
    spans.push(Span::styled(lang.t(Msg::FiltersKeys), theme::muted()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

fn render_filter(frame: &mut Frame<'_>, area: Rect, lang: Lang, filter: &Filter) -> Option<ratatui::layout::Position> {
    if area.width < 4 || area.height == 0 {
        return None;
    }
    let mut found = lang.t(Msg::FilterFound).replace("{n}", &filter.ids.len().to_string());
    if !filter.typing {
        found = format!("{}  {found}", lang.t(Msg::FilterApplied));
    }
    let found_width = (unicode_width::UnicodeWidthStr::width(found.as_str()) as u16 + 1).min(area.width / 2);
    frame.buffer_mut().set_string(area.x, area.y, "/", theme::key());
    let input = Rect { x: area.x + 2, y: area.y, width: area.width.saturating_sub(3 + found_width), height: 1 };
    // Applied: what Esc and / do goes beside the count.
    let cursor = filter.input.render(input, frame.buffer_mut(), filter.style());
    let found_area = Rect { x: area.x + area.width - found_width, y: area.y, width: found_width, height: 1 };
    frame.render_widget(Paragraph::new(Line::styled(found, theme::muted())), found_area);
    cursor.filter(|_| filter.typing)
}

impl AccountsTab {
    /// The detail of the selected account, when the pane is open.
    pub fn load_detail(&self, store: &Store, today: chrono::NaiveDate) -> store::Result<Option<AccountDetail>> {
        match self.list.selected() {
            Some(row) => AccountDetail::load(store, row.id, today),
            None => Ok(None),
        }
    }
}

impl super::TabView for AccountsTab {
    /// The account the action touched (or the account of the contact,
    /// competitor, need, deal or activity it touched), selected in place.
    fn reveal(&mut self, touched: &[(String, i64)], cx: &super::TabCx<'_>) -> store::Result<()> {
        let store = cx.store;
        for (table, id) in touched {
            let account = match table.as_str() {
                "account" => store.account(*id)?.map(|_| *id),
                "contact" => store.contact(*id)?.map(|c| c.fields.account_id),
                "competitor" => store.competitor(*id)?.map(|c| c.fields.account_id),
                "need" => store.need(*id)?.map(|n| n.fields.account_id),
                "opportunity" => store.opportunity(*id)?.map(|o| o.account_id),
                "activity" => store.activity(*id)?.map(|t| t.fields.account_id),
                _ => None,
            };
            if let Some(account) = account {
                return self.select_account(account, cx);
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

    fn on_paste(&mut self, text: &str, cx: &super::TabCx<'_>) -> store::Result<crate::tui::popups::Effect> {
        if self.filter_typing() {
            self.paste_into_filter(text, cx)?;
        }
        Ok(crate::tui::popups::Effect::Stay)
    }

    fn on_action(
        &mut self,
        action: crate::tui::keymap::Action,
        cx: &super::TabCx<'_>,
    ) -> store::Result<crate::tui::popups::Effect> {
        self.act(action, cx)
    }

    fn load(&mut self, cx: &super::TabCx<'_>) -> store::Result<()> {
        let rows = crate::tui::layout::table_rows(cx.body_height, self.filter_lines());
        if let Some(filter) = &mut self.filter {
            // The data changed under the filter: search again.
            let found = cx.store.search_accounts(&filter.input.text(), crate::tui::app::FILTER_LIMIT)?;
            filter.ids = cx.store.accounts_matching(&found, &self.by)?;
        }
        match &self.filter {
            Some(f) => self.list.set_height(rows, &FilteredSource { store: cx.store, ids: &f.ids })?,
            None => self.list.set_height(rows, &AccountSource(cx.store, &self.by))?,
        }
        if self.detail.is_some() {
            self.detail = self.load_detail(cx.store, cx.today)?;
            let items = self.detail.as_ref().map(|d| d.items().len()).unwrap_or(0);
            self.detail_item = self.detail_item.min(items.saturating_sub(1));
            self.in_detail &= self.detail.is_some();
        }
        Ok(())
    }

    fn navigate(&mut self, action: crate::tui::keymap::Action, cx: &super::TabCx<'_>) -> store::Result<()> {
        use crate::tui::keymap::Action;
        if self.in_detail {
            let items = self.detail.as_ref().map(|d| d.items().len()).unwrap_or(0);
            let at = self.detail_item;
            self.detail_item = match action {
                Action::Down => (at + 1).min(items.saturating_sub(1)),
                Action::Up => at.saturating_sub(1),
                Action::First | Action::PageUp => 0,
                _ => items.saturating_sub(1),
            };
            return Ok(());
        }
        match &self.filter {
            Some(f) => super::step(&mut self.list, &FilteredSource { store: cx.store, ids: &f.ids }, action)?,
            None => super::step(&mut self.list, &AccountSource(cx.store, &self.by), action)?,
        }
        if self.detail.is_some() {
            self.detail = self.load_detail(cx.store, cx.today)?;
        }
        Ok(())
    }

    fn selected_account(&self) -> Option<store::AccountSuggestion> {
        self.list.selected().map(|a| store::AccountSuggestion { id: a.id, name: a.name.clone() })
    }

    fn render(
        &self,
        frame: &mut Frame<'_>,
        area: Rect,
        lang: Lang,
        today: chrono::NaiveDate,
    ) -> Option<ratatui::layout::Position> {
        AccountsTab::render(self, frame, area, lang, today)
    }
}
