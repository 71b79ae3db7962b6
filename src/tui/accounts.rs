//! The Accounts tab: the table of key accounts, paged from SQL, and the
//! detail pane of the selected one.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

use super::paged::{PageSource, PagedList};
use super::theme;
use crate::domain::Stage;
use crate::i18n::{Lang, Msg};
use crate::store::{self, Account, AccountKey, AccountRow, ActivityRow, ContactRow, OpportunityRow, Seek, Store};

/// The accounts table, in name order.
pub struct AccountSource<'a>(pub &'a Store);

impl PageSource for AccountSource<'_> {
    type Row = AccountRow;
    type Key = AccountKey;
    fn fetch(&self, seek: &Seek<AccountKey>, limit: usize) -> store::Result<Vec<AccountRow>> {
        self.0.accounts_page(seek, limit)
    }
    fn key(row: &AccountRow) -> AccountKey {
        row.key()
    }
}

/// Everything the detail pane shows of one account.
pub struct AccountDetail {
    pub account: Account,
    pub contacts: Vec<ContactRow>,
    pub opportunities: Vec<OpportunityRow>,
    pub activities: Vec<ActivityRow>,
}

impl AccountDetail {
    pub fn load(store: &Store, id: i64) -> store::Result<Option<AccountDetail>> {
        let Some(account) = store.account(id)? else { return Ok(None) };
        Ok(Some(AccountDetail {
            account,
            contacts: store.contacts_of(id, 8)?,
            opportunities: store.opportunities_of(id, 8)?,
            activities: store.activities_of(id, 8)?,
        }))
    }
}

#[derive(Default)]
pub struct AccountsTab {
    pub list: PagedList<AccountRow>,
    pub detail: Option<AccountDetail>,
}

impl AccountsTab {
    pub fn render(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang) {
        if let Some(detail) = &self.detail {
            let [left, right] =
                Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
            self.render_table(frame, left, lang, true);
            render_detail(frame, right, lang, detail);
        } else {
            self.render_table(frame, area, lang, false);
        }
    }

    fn render_table(&self, frame: &mut Frame<'_>, area: Rect, lang: Lang, narrow: bool) {
        let header = Row::new(
            [
                Msg::ColName,
                Msg::ColSegment,
                Msg::ColTier,
                Msg::ColStatus,
                Msg::ColOpenPipeline,
                Msg::ColLastActivity,
                Msg::ColNextVisit,
            ]
            .map(|m| Cell::from(lang.t(m))),
        )
        .style(theme::header());
        let chinese = lang.is_chinese();
        let rows = self.list.rows().iter().enumerate().map(|(i, a)| {
            let style = if i == self.list.selected_index() { theme::selected() } else { Default::default() };
            Row::new([
                Cell::from(a.name.as_str()),
                Cell::from(a.segment.as_str()),
                Cell::from(a.tier.code()),
                Cell::from(lang.t(a.status.label())),
                Cell::from(Line::from(a.open_pipeline.compact(chinese)).right_aligned()),
                Cell::from(a.last_activity_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()),
                Cell::from(a.next_visit_due_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()),
            ])
            .style(style)
        });
        let widths = if narrow {
            vec![
                Constraint::Fill(1),
                Constraint::Length(0),
                Constraint::Length(4),
                Constraint::Length(0),
                Constraint::Length(10),
                Constraint::Length(10),
                Constraint::Length(0),
            ]
        } else {
            vec![
                Constraint::Fill(1),
                Constraint::Length(18),
                Constraint::Length(4),
                Constraint::Length(8),
                Constraint::Length(13),
                Constraint::Length(13),
                Constraint::Length(10),
            ]
        };
        let title = format!(" {} ", lang.t(Msg::TabAccounts));
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())));
        frame.render_widget(table, area);
    }
}

fn render_detail(frame: &mut Frame<'_>, area: Rect, lang: Lang, d: &AccountDetail) {
    let a = &d.account.fields;
    let chinese = lang.is_chinese();
    let field = |label: Msg, value: String| {
        Line::from(vec![Span::styled(format!("{}: ", lang.t(label)), theme::label()), Span::raw(value)])
    };
    let mut lines = vec![
        Line::styled(a.name.clone(), theme::title()),
        field(Msg::FieldShortName, a.short_name.clone()),
        field(
            Msg::ColSegment,
            format!(
                "{}   {}: {}   {}: {}",
                a.segment,
                lang.t(Msg::ColTier),
                a.tier.code(),
                lang.t(Msg::ColStatus),
                lang.t(a.status.label())
            ),
        ),
        field(Msg::FieldRegion, a.region.clone()),
        field(Msg::FieldCredit, a.credit_rating.clone()),
        field(Msg::FieldAnnualPurchase, a.annual_purchase.full()),
        field(Msg::FieldSources, a.info_sources.clone()),
        Line::raw(""),
        Line::styled(lang.t(Msg::SectionContacts), theme::header()),
    ];
    if d.contacts.is_empty() {
        lines.push(Line::styled(lang.t(Msg::NoneYet), theme::muted()));
    }
    for c in &d.contacts {
        lines.push(Line::raw(format!(
            "  {}  {}  {}  {}",
            c.fields.name,
            c.fields.title,
            lang.t(c.fields.role.label()),
            c.fields.phone
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(lang.t(Msg::SectionOpportunities), theme::header()));
    if d.opportunities.is_empty() {
        lines.push(Line::styled(lang.t(Msg::NoneYet), theme::muted()));
    }
    for o in &d.opportunities {
        let stage = if o.stage == Stage::Maintain || o.outcome != crate::domain::Outcome::Open {
            lang.t(o.outcome.label()).to_string()
        } else {
            format!("{}.{}", o.stage.number(), lang.t(o.stage.label()))
        };
        lines.push(Line::raw(format!("  {}  [{}]  {}", o.title, stage, o.amount.compact(chinese))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(lang.t(Msg::SectionActivities), theme::header()));
    if d.activities.is_empty() {
        lines.push(Line::styled(lang.t(Msg::NoneYet), theme::muted()));
    }
    for t in &d.activities {
        lines.push(Line::raw(format!(
            "  {}  {}  {}",
            t.fields.occurred_on.format("%Y-%m-%d"),
            lang.t(t.fields.channel.label()),
            t.fields.purpose
        )));
    }
    let title = format!(" {} ", lang.t(Msg::DetailTitle));
    let pane = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .block(Block::default().borders(Borders::ALL).title(Line::from(title).style(theme::title())));
    frame.render_widget(pane, area);
}
