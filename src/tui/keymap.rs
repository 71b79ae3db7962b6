//! The one binding table: it dispatches keys, fills the hint bar and writes
//! the `?` help, so help never drifts from behaviour.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::i18n::Msg;

/// What a key asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    NextTab,
    PreviousTab,
    GoToTab(usize),
    Help,
    LogActivity,
    DailyReport,
    Down,
    Up,
    First,
    Last,
    PageDown,
    PageUp,
    Open,
    Left,
    Right,
    StageForward,
    StageBack,
    PreviousDay,
    NextDay,
    Today,
    Undo,
    Redo,
    Filter,
    New,
    Edit,
    Delete,
    AddContact,
    AddCompetitor,
    AddNeed,
    Back,
    Outcome,
    NewDeal,
    Quote,
    Negotiation,
    /// A contract for the deal, with its payment plan.
    Contract,
    /// A complaint of the account.
    AddComplaint,
    /// A return visit with its survey.
    AddReturnVisit,
    /// An objection and the answer given.
    AddObjection,
    /// Money received against the deal's contract.
    Receipt,
    /// Sign the deal's draft contract (its plan must add up).
    SignContract,
    /// Void the deal's contract, with the reason.
    VoidContract,
    /// Correct the deal's contract and its plan.
    ReviseContract,
    SegmentFilter,
    TierFilter,
    StatusFilter,
    /// Check off a follow-up without an activity.
    FollowUpDone,
    /// Move a follow-up to another day.
    MoveFollowUp,
    /// Skip a planned visit, with the reason.
    SkipVisit,
    /// The Visits tab's next view: agenda, calendar, year plan.
    NextView,
    PreviousMonth,
    NextMonth,
    /// A form's chart or its table.
    ChartOrTable,
    /// The month's targets.
    Targets,
    /// The rep's words in the monthly report.
    MonthWords,
    /// Send the form shown (kept frozen as sent).
    SendForm,
    /// A new draft of a sent form.
    NewDraft,
    // In popups
    /// Close the popup (help: any key does).
    Close,
    Yes,
    No,
    LoadDemo,
    StartEmpty,
    Save,
    NextField,
    PreviousField,
    /// Enter in a form: the next field, or save on the last.
    NextOrSave,
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Accounts,
    /// The Accounts tab with keys going to the detail pane.
    AccountDetail,
    Pipeline,
    /// The Visits tab's agenda.
    Visits,
    /// The Visits tab's month calendar (and a day's list in it).
    VisitCalendar,
    /// The Visits tab's year plan by account.
    VisitYear,
    /// The Reports tab's daily report.
    Reports,
    /// The Reports tab's other forms: monthly, collections, assessment,
    /// visit plan.
    ReportForms,
    // Popups: their bindings stand alone (a form's `q` is a letter, not quit).
    Help,
    Welcome,
    Confirm,
    DealView,
    Form,
}

impl Context {
    /// Popups take only their own keys; tabs fall back to the global ones.
    fn is_popup(self) -> bool {
        matches!(self, Context::Help | Context::Welcome | Context::Confirm | Context::DealView | Context::Form)
    }
}

pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in help and hints.
    pub label: &'static str,
    pub action: Action,
    pub contexts: &'static [Context],
    pub help: Msg,
    /// Shown in the hint bar, not only in help.
    pub hint: bool,
}

/// A key as the table names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Code(KeyCode),
}

impl Key {
    fn matches(self, event: &KeyEvent) -> bool {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match self {
            Key::Char(c) => !ctrl && event.code == KeyCode::Char(c),
            Key::Ctrl(c) => ctrl && event.code == KeyCode::Char(c),
            Key::Code(code) => event.code == code,
        }
    }
}

use Context::{
    AccountDetail, Accounts, Confirm, DealView, Form, Global, Help, Pipeline, ReportForms, Reports, VisitCalendar,
    VisitYear, Visits, Welcome,
};

const ALL_LISTS: &[Context] =
    &[Accounts, AccountDetail, Pipeline, Visits, VisitCalendar, VisitYear, Reports, ReportForms];

// One line per binding: the table reads as the key list it is.
#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    Binding { keys: &[Key::Char('q'), Key::Ctrl('c')], label: "q/C-c", action: Action::Quit, contexts: &[Global], help: Msg::HelpQuit, hint: true },
    Binding { keys: &[Key::Code(KeyCode::Tab)], label: "Tab", action: Action::NextTab, contexts: &[Global], help: Msg::HelpNextTab, hint: false },
    Binding { keys: &[Key::Code(KeyCode::BackTab)], label: "S-Tab", action: Action::PreviousTab, contexts: &[Global], help: Msg::HelpPreviousTab, hint: false },
    Binding { keys: &[Key::Char('1')], label: "1", action: Action::GoToTab(0), contexts: &[Global], help: Msg::TabAccounts, hint: false },
    Binding { keys: &[Key::Char('2')], label: "2", action: Action::GoToTab(1), contexts: &[Global], help: Msg::TabPipeline, hint: false },
    Binding { keys: &[Key::Char('3')], label: "3", action: Action::GoToTab(2), contexts: &[Global], help: Msg::TabVisits, hint: false },
    Binding { keys: &[Key::Char('4')], label: "4", action: Action::GoToTab(3), contexts: &[Global], help: Msg::TabReports, hint: false },
    Binding { keys: &[Key::Char('?')], label: "?", action: Action::Help, contexts: &[Global], help: Msg::HelpHelp, hint: true },
    Binding { keys: &[Key::Char('a')], label: "a", action: Action::LogActivity, contexts: &[Global], help: Msg::HelpLogActivity, hint: true },
    Binding { keys: &[Key::Char('D')], label: "D", action: Action::DailyReport, contexts: &[Global], help: Msg::HelpDailyReport, hint: true },
    Binding { keys: &[Key::Char('j'), Key::Code(KeyCode::Down)], label: "j/k", action: Action::Down, contexts: ALL_LISTS, help: Msg::HelpUpDown, hint: false },
    Binding { keys: &[Key::Char('k'), Key::Code(KeyCode::Up)], label: "k", action: Action::Up, contexts: ALL_LISTS, help: Msg::HelpUpDown, hint: false },
    Binding { keys: &[Key::Char('g'), Key::Code(KeyCode::Home)], label: "g/G", action: Action::First, contexts: ALL_LISTS, help: Msg::HelpFirstLast, hint: false },
    Binding { keys: &[Key::Char('G'), Key::Code(KeyCode::End)], label: "G", action: Action::Last, contexts: ALL_LISTS, help: Msg::HelpFirstLast, hint: false },
    Binding { keys: &[Key::Code(KeyCode::PageDown), Key::Ctrl('d')], label: "PgDn/PgUp", action: Action::PageDown, contexts: ALL_LISTS, help: Msg::HelpPage, hint: false },
    Binding { keys: &[Key::Code(KeyCode::PageUp), Key::Ctrl('u')], label: "PgUp", action: Action::PageUp, contexts: ALL_LISTS, help: Msg::HelpPage, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::Open, contexts: &[Accounts], help: Msg::HelpOpenAccount, hint: true },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::Open, contexts: &[Visits], help: Msg::HelpLogVisit, hint: true },
    Binding { keys: &[Key::Char('v')], label: "v", action: Action::NextView, contexts: &[Visits, VisitCalendar, VisitYear], help: Msg::HelpVisitsView, hint: true },
    Binding { keys: &[Key::Char('x')], label: "x", action: Action::FollowUpDone, contexts: &[Visits], help: Msg::HelpFollowUpDone, hint: true },
    Binding { keys: &[Key::Char('e')], label: "e", action: Action::Edit, contexts: &[Visits], help: Msg::HelpEditPromise, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::Open, contexts: &[VisitCalendar], help: Msg::HelpCalendarOpen, hint: true },
    Binding { keys: &[Key::Char('h'), Key::Code(KeyCode::Left)], label: "h/l", action: Action::Left, contexts: &[VisitCalendar], help: Msg::HelpCalendarDays, hint: true },
    Binding { keys: &[Key::Char('l'), Key::Code(KeyCode::Right)], label: "l", action: Action::Right, contexts: &[VisitCalendar], help: Msg::HelpCalendarDays, hint: false },
    Binding { keys: &[Key::Char('<'), Key::Char(',')], label: "</>", action: Action::PreviousMonth, contexts: &[VisitCalendar], help: Msg::HelpMonth, hint: true },
    Binding { keys: &[Key::Char('>'), Key::Char('.')], label: ">", action: Action::NextMonth, contexts: &[VisitCalendar], help: Msg::HelpMonth, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Esc)], label: "Esc", action: Action::Back, contexts: &[VisitCalendar], help: Msg::HelpBackToCalendar, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::Open, contexts: &[VisitYear], help: Msg::HelpShowAccount, hint: true },
    Binding { keys: &[Key::Char('m')], label: "m", action: Action::MoveFollowUp, contexts: &[Visits, VisitCalendar], help: Msg::HelpMoveFollowUp, hint: true },
    Binding { keys: &[Key::Char('s')], label: "s", action: Action::SkipVisit, contexts: &[Visits, VisitCalendar], help: Msg::HelpSkipVisit, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Enter), Key::Char('e')], label: "Enter", action: Action::Open, contexts: &[Reports], help: Msg::HelpOpenActivity, hint: true },
    Binding { keys: &[Key::Char('x'), Key::Code(KeyCode::Delete)], label: "x", action: Action::Delete, contexts: &[Reports], help: Msg::HelpDelete, hint: false },
    Binding { keys: &[Key::Char('h'), Key::Code(KeyCode::Left)], label: "h/l", action: Action::Left, contexts: &[Pipeline], help: Msg::HelpColumns, hint: true },
    Binding { keys: &[Key::Char('l'), Key::Code(KeyCode::Right)], label: "l", action: Action::Right, contexts: &[Pipeline], help: Msg::HelpColumns, hint: false },
    Binding { keys: &[Key::Char('>'), Key::Char('.')], label: "</>", action: Action::StageForward, contexts: &[Pipeline], help: Msg::HelpMoveCard, hint: true },
    Binding { keys: &[Key::Char('<'), Key::Char(',')], label: "<", action: Action::StageBack, contexts: &[Pipeline], help: Msg::HelpMoveCard, hint: false },
    Binding { keys: &[Key::Char('h'), Key::Code(KeyCode::Left), Key::Char('[')], label: "h/l", action: Action::PreviousDay, contexts: &[Reports], help: Msg::HelpDay, hint: true },
    Binding { keys: &[Key::Char('l'), Key::Code(KeyCode::Right), Key::Char(']')], label: "l", action: Action::NextDay, contexts: &[Reports], help: Msg::HelpDay, hint: false },
    Binding { keys: &[Key::Char('t')], label: "t", action: Action::Today, contexts: &[Reports], help: Msg::HelpToday, hint: true },
    Binding { keys: &[Key::Char('v')], label: "v", action: Action::NextView, contexts: &[Reports, ReportForms], help: Msg::HelpReportsPane, hint: true },
    Binding { keys: &[Key::Char('h'), Key::Code(KeyCode::Left), Key::Char('[')], label: "h/l", action: Action::PreviousDay, contexts: &[ReportForms], help: Msg::HelpReportPeriod, hint: true },
    Binding { keys: &[Key::Char('l'), Key::Code(KeyCode::Right), Key::Char(']')], label: "l", action: Action::NextDay, contexts: &[ReportForms], help: Msg::HelpReportPeriod, hint: false },
    Binding { keys: &[Key::Char('t')], label: "t", action: Action::Today, contexts: &[ReportForms], help: Msg::HelpThisMonth, hint: false },
    Binding { keys: &[Key::Char('c')], label: "c", action: Action::ChartOrTable, contexts: &[ReportForms], help: Msg::HelpChartOrTable, hint: true },
    Binding { keys: &[Key::Char('T')], label: "T", action: Action::Targets, contexts: &[ReportForms], help: Msg::HelpTargets, hint: true },
    Binding { keys: &[Key::Char('W')], label: "W", action: Action::MonthWords, contexts: &[ReportForms], help: Msg::HelpMonthWords, hint: false },
    Binding { keys: &[Key::Char('S')], label: "S", action: Action::SendForm, contexts: &[ReportForms], help: Msg::HelpSendForm, hint: false },
    Binding { keys: &[Key::Char('N')], label: "N", action: Action::NewDraft, contexts: &[ReportForms], help: Msg::HelpNewDraft, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::Open, contexts: &[ReportForms], help: Msg::HelpScoreItem, hint: false },
    Binding { keys: &[Key::Char('u')], label: "u", action: Action::Undo, contexts: &[Global], help: Msg::HelpUndo, hint: false },
    Binding { keys: &[Key::Ctrl('r')], label: "C-r", action: Action::Redo, contexts: &[Global], help: Msg::HelpRedo, hint: false },
    Binding { keys: &[Key::Char('/')], label: "/", action: Action::Filter, contexts: &[Accounts], help: Msg::HelpFilter, hint: true },
    Binding { keys: &[Key::Char('n')], label: "n", action: Action::New, contexts: &[Accounts], help: Msg::HelpNewAccount, hint: true },
    Binding { keys: &[Key::Char('e')], label: "e", action: Action::Edit, contexts: &[Accounts, AccountDetail], help: Msg::HelpEdit, hint: true },
    Binding { keys: &[Key::Char('x'), Key::Code(KeyCode::Delete)], label: "x", action: Action::Delete, contexts: &[Accounts, AccountDetail], help: Msg::HelpDelete, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Esc)], label: "Esc", action: Action::Back, contexts: &[Accounts], help: Msg::HelpCloseDetail, hint: false },
    Binding { keys: &[Key::Char('c')], label: "c", action: Action::AddContact, contexts: &[Accounts, AccountDetail], help: Msg::HelpAddContact, hint: true },
    Binding { keys: &[Key::Char('r')], label: "r", action: Action::AddCompetitor, contexts: &[Accounts, AccountDetail], help: Msg::HelpAddCompetitor, hint: false },
    Binding { keys: &[Key::Char('w')], label: "w", action: Action::AddNeed, contexts: &[Accounts, AccountDetail], help: Msg::HelpAddNeed, hint: false },
    Binding { keys: &[Key::Char('p')], label: "p", action: Action::AddComplaint, contexts: &[Accounts, AccountDetail], help: Msg::HelpAddComplaint, hint: false },
    Binding { keys: &[Key::Char('v')], label: "v", action: Action::AddReturnVisit, contexts: &[Accounts, AccountDetail], help: Msg::HelpAddReturnVisit, hint: false },
    Binding { keys: &[Key::Char('b')], label: "b", action: Action::AddObjection, contexts: &[Accounts, AccountDetail], help: Msg::HelpAddObjection, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::Open, contexts: &[AccountDetail], help: Msg::HelpOpenLine, hint: true },
    Binding { keys: &[Key::Code(KeyCode::Esc), Key::Char('h'), Key::Code(KeyCode::Left)], label: "Esc", action: Action::Back, contexts: &[AccountDetail], help: Msg::HelpBack, hint: true },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::Open, contexts: &[Pipeline], help: Msg::HelpOpenDeal, hint: false },
    Binding { keys: &[Key::Char('o')], label: "o", action: Action::Outcome, contexts: &[Pipeline], help: Msg::HelpOutcome, hint: true },
    Binding { keys: &[Key::Char('n')], label: "n", action: Action::New, contexts: &[Pipeline], help: Msg::HelpNewDeal, hint: false },
    Binding { keys: &[Key::Char('e')], label: "e", action: Action::Edit, contexts: &[Pipeline], help: Msg::HelpEdit, hint: false },
    Binding { keys: &[Key::Char('x'), Key::Code(KeyCode::Delete)], label: "x", action: Action::Delete, contexts: &[Pipeline], help: Msg::HelpDelete, hint: false },
    Binding { keys: &[Key::Char('p')], label: "p", action: Action::Quote, contexts: &[Pipeline], help: Msg::HelpQuote, hint: false },
    Binding { keys: &[Key::Char('m')], label: "m", action: Action::Negotiation, contexts: &[Pipeline], help: Msg::HelpNegotiation, hint: false },
    Binding { keys: &[Key::Char('o')], label: "o", action: Action::NewDeal, contexts: &[Accounts, AccountDetail], help: Msg::HelpNewDeal, hint: false },
    Binding { keys: &[Key::Char('/')], label: "/", action: Action::Filter, contexts: &[Pipeline], help: Msg::HelpBoardFilter, hint: false },
    Binding { keys: &[Key::Char('f')], label: "f", action: Action::SegmentFilter, contexts: &[Pipeline, Accounts], help: Msg::HelpSegmentFilter, hint: false },
    Binding { keys: &[Key::Char('t')], label: "t", action: Action::TierFilter, contexts: &[Pipeline, Accounts], help: Msg::HelpTierFilter, hint: false },
    Binding { keys: &[Key::Char('s')], label: "s", action: Action::StatusFilter, contexts: &[Accounts], help: Msg::HelpStatusFilter, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Esc)], label: "Esc", action: Action::Back, contexts: &[Pipeline], help: Msg::HelpBoardFilter, hint: false },
    // The help itself
    Binding { keys: &[Key::Char('j'), Key::Code(KeyCode::Down)], label: "j/k", action: Action::Down, contexts: &[Help, DealView], help: Msg::HelpScroll, hint: true },
    Binding { keys: &[Key::Char('k'), Key::Code(KeyCode::Up)], label: "k", action: Action::Up, contexts: &[Help, DealView], help: Msg::HelpScroll, hint: false },
    Binding { keys: &[Key::Code(KeyCode::PageDown)], label: "PgDn/PgUp", action: Action::PageDown, contexts: &[Help], help: Msg::HelpScroll, hint: false },
    Binding { keys: &[Key::Code(KeyCode::PageUp)], label: "PgUp", action: Action::PageUp, contexts: &[Help], help: Msg::HelpScroll, hint: false },
    // The welcome on an empty file
    Binding { keys: &[Key::Char('d'), Key::Char('D')], label: "d", action: Action::LoadDemo, contexts: &[Welcome], help: Msg::WelcomeDemo, hint: true },
    Binding { keys: &[Key::Code(KeyCode::Esc), Key::Code(KeyCode::Enter)], label: "Esc", action: Action::StartEmpty, contexts: &[Welcome], help: Msg::WelcomeEmpty, hint: true },
    Binding { keys: &[Key::Ctrl('c')], label: "C-c", action: Action::Quit, contexts: &[Welcome, Confirm, Help, DealView, Form], help: Msg::HelpQuit, hint: false },
    // A question
    Binding { keys: &[Key::Char('y'), Key::Char('Y')], label: "y", action: Action::Yes, contexts: &[Confirm], help: Msg::HelpYes, hint: true },
    // The deal view
    Binding { keys: &[Key::Char('?')], label: "?", action: Action::Help, contexts: &[DealView], help: Msg::HelpHelp, hint: true },
    Binding { keys: &[Key::Char('e')], label: "e", action: Action::Edit, contexts: &[DealView], help: Msg::HelpEdit, hint: true },
    Binding { keys: &[Key::Char('o')], label: "o", action: Action::Outcome, contexts: &[DealView], help: Msg::HelpOutcome, hint: true },
    Binding { keys: &[Key::Char('p')], label: "p", action: Action::Quote, contexts: &[DealView], help: Msg::HelpQuote, hint: true },
    Binding { keys: &[Key::Char('m')], label: "m", action: Action::Negotiation, contexts: &[DealView], help: Msg::HelpNegotiation, hint: true },
    Binding { keys: &[Key::Char('c')], label: "c", action: Action::Contract, contexts: &[DealView], help: Msg::HelpContract, hint: true },
    Binding { keys: &[Key::Char('r')], label: "r", action: Action::Receipt, contexts: &[DealView], help: Msg::HelpReceipt, hint: true },
    Binding { keys: &[Key::Char('s')], label: "s", action: Action::SignContract, contexts: &[DealView], help: Msg::HelpSignContract, hint: false },
    Binding { keys: &[Key::Char('C')], label: "C", action: Action::ReviseContract, contexts: &[DealView], help: Msg::HelpReviseContract, hint: false },
    Binding { keys: &[Key::Char('x')], label: "x", action: Action::VoidContract, contexts: &[DealView], help: Msg::HelpVoidContract, hint: false },
    Binding { keys: &[Key::Char('>'), Key::Char('.')], label: "</>", action: Action::StageForward, contexts: &[DealView], help: Msg::HelpMoveCard, hint: true },
    Binding { keys: &[Key::Char('<'), Key::Char(',')], label: "<", action: Action::StageBack, contexts: &[DealView], help: Msg::HelpMoveCard, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Esc), Key::Code(KeyCode::Enter), Key::Char('q')], label: "Esc", action: Action::Close, contexts: &[DealView], help: Msg::HelpCloseDeal, hint: true },
    // Forms (text keys go to the field)
    Binding { keys: &[Key::Ctrl('s')], label: "C-s", action: Action::Save, contexts: &[Form], help: Msg::HelpSave, hint: true },
    Binding { keys: &[Key::Code(KeyCode::Enter)], label: "Enter", action: Action::NextOrSave, contexts: &[Form], help: Msg::HelpNextOrSave, hint: true },
    Binding { keys: &[Key::Code(KeyCode::Tab), Key::Code(KeyCode::Down)], label: "Tab/S-Tab", action: Action::NextField, contexts: &[Form], help: Msg::HelpFields, hint: true },
    Binding { keys: &[Key::Code(KeyCode::BackTab), Key::Code(KeyCode::Up)], label: "S-Tab", action: Action::PreviousField, contexts: &[Form], help: Msg::HelpFields, hint: false },
    Binding { keys: &[Key::Code(KeyCode::Esc)], label: "Esc", action: Action::Close, contexts: &[Form], help: Msg::HelpCancelForm, hint: true },
];

/// The action for a key in a context: the context's own bindings first,
/// then the global ones.
pub fn action_for(context: Context, event: &KeyEvent) -> Option<Action> {
    let find = |ctx: Context| {
        BINDINGS.iter().find(|b| b.contexts.contains(&ctx) && b.keys.iter().any(|k| k.matches(event))).map(|b| b.action)
    };
    if context.is_popup() { find(context) } else { find(context).or_else(|| find(Global)) }
}

/// The contexts whose bindings apply in `context`, its own first.
fn layers(context: Context) -> &'static [Context] {
    match context {
        Context::Help => &[Context::Help],
        Context::Welcome => &[Context::Welcome],
        Context::Confirm => &[Context::Confirm],
        Context::DealView => &[Context::DealView],
        Context::Form => &[Context::Form],
        Context::Global => &[Context::Global],
        Context::Accounts => &[Context::Accounts, Context::Global],
        Context::AccountDetail => &[Context::AccountDetail, Context::Global],
        Context::Pipeline => &[Context::Pipeline, Context::Global],
        Context::Visits => &[Context::Visits, Context::Global],
        Context::VisitCalendar => &[Context::VisitCalendar, Context::Global],
        Context::VisitYear => &[Context::VisitYear, Context::Global],
        Context::Reports => &[Context::Reports, Context::Global],
        Context::ReportForms => &[Context::ReportForms, Context::Global],
    }
}

/// The bindings help lists for a context: its own, then global; one line
/// per help text (j and k share "move").
pub fn help_entries(context: Context) -> Vec<(&'static str, Msg)> {
    let mut out: Vec<(&'static str, Msg)> = Vec::new();
    for ctx in layers(context) {
        for b in BINDINGS.iter().filter(|b| b.contexts.contains(ctx)) {
            if !out.iter().any(|(_, m)| *m == b.help) {
                out.push((b.label, b.help));
            }
        }
    }
    out
}

/// The few bindings the hint bar shows: `? help` first wherever `?`
/// works (the one key a new user needs), then the context's own, then the
/// global ones; the bar cuts from the end when narrow.
pub fn hint_entries(context: Context) -> Vec<(&'static str, Msg)> {
    let mut out: Vec<(&'static str, Msg)> = Vec::new();
    let help = |b: &&Binding| b.action == Action::Help;
    for ctx in layers(context) {
        if let Some(b) = BINDINGS.iter().filter(help).find(|b| b.contexts.contains(ctx)) {
            out.push((b.label, b.help));
            break;
        }
    }
    for ctx in layers(context) {
        for b in BINDINGS.iter().filter(|b| b.hint && b.action != Action::Help && b.contexts.contains(ctx)) {
            if !out.iter().any(|(_, m)| *m == b.help) {
                out.push((b.label, b.help));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn context_bindings_win_over_global_ones() {
        assert_eq!(action_for(Context::Pipeline, &key('l')), Some(Action::Right));
        assert_eq!(action_for(Context::Reports, &key('l')), Some(Action::NextDay));
        assert_eq!(action_for(Context::Accounts, &key('a')), Some(Action::LogActivity));
        assert_eq!(action_for(Context::Accounts, &key('>')), None);
    }

    #[test]
    fn popups_take_only_their_own_keys_and_help_comes_first() {
        assert_eq!(action_for(Context::Form, &key('q')), None, "a letter in a form");
        assert_eq!(action_for(Context::DealView, &key('p')), Some(Action::Quote));
        assert_eq!(hint_entries(Context::Accounts).first().map(|(k, _)| *k), Some("?"));
        assert_eq!(hint_entries(Context::DealView).first().map(|(k, _)| *k), Some("?"));
        assert!(help_entries(Context::DealView).iter().any(|(_, m)| *m == Msg::HelpNegotiation));
    }

    #[test]
    fn every_context_has_help_and_hints() {
        for ctx in [
            Context::Accounts,
            Context::AccountDetail,
            Context::Pipeline,
            Context::Visits,
            Context::VisitCalendar,
            Context::VisitYear,
            Context::Reports,
            Context::ReportForms,
        ] {
            assert!(help_entries(ctx).len() > 5);
            assert!(!hint_entries(ctx).is_empty());
        }
    }
}
