//! What each user action is called in the journal: a stable code, kept
//! with the action and translated only when shown (`crate::labels`).

/// Every kind of user action there is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ActionKind {
    AddAccount,
    EditAccount,
    DeleteAccount,
    AddContact,
    EditContact,
    DeleteContact,
    AddCompetitor,
    EditCompetitor,
    DeleteCompetitor,
    AddNeed,
    EditNeed,
    DeleteNeed,
    AddDeal,
    SaveDeal,
    DeleteDeal,
    MoveDeal,
    Won,
    Lost,
    Reopen,
    AddQuote,
    AddNegotiation,
    LogActivity,
    SaveDailyReport,
    NoCompetitorKnown,
    ImportAccounts,
    ImportContacts,
    ImportOpportunities,
    SetRepName,
}

impl ActionKind {
    pub const ALL: &'static [ActionKind] = &[
        ActionKind::AddAccount,
        ActionKind::EditAccount,
        ActionKind::DeleteAccount,
        ActionKind::AddContact,
        ActionKind::EditContact,
        ActionKind::DeleteContact,
        ActionKind::AddCompetitor,
        ActionKind::EditCompetitor,
        ActionKind::DeleteCompetitor,
        ActionKind::AddNeed,
        ActionKind::EditNeed,
        ActionKind::DeleteNeed,
        ActionKind::AddDeal,
        ActionKind::SaveDeal,
        ActionKind::DeleteDeal,
        ActionKind::MoveDeal,
        ActionKind::Won,
        ActionKind::Lost,
        ActionKind::Reopen,
        ActionKind::AddQuote,
        ActionKind::AddNegotiation,
        ActionKind::LogActivity,
        ActionKind::SaveDailyReport,
        ActionKind::NoCompetitorKnown,
        ActionKind::ImportAccounts,
        ActionKind::ImportContacts,
        ActionKind::ImportOpportunities,
        ActionKind::SetRepName,
    ];

    /// The code kept in the journal; never change one that has shipped.
    pub fn code(self) -> &'static str {
        match self {
            ActionKind::AddAccount => "account.add",
            ActionKind::EditAccount => "account.edit",
            ActionKind::DeleteAccount => "account.delete",
            ActionKind::AddContact => "contact.add",
            ActionKind::EditContact => "contact.edit",
            ActionKind::DeleteContact => "contact.delete",
            ActionKind::AddCompetitor => "competitor.add",
            ActionKind::EditCompetitor => "competitor.edit",
            ActionKind::DeleteCompetitor => "competitor.delete",
            ActionKind::AddNeed => "need.add",
            ActionKind::EditNeed => "need.edit",
            ActionKind::DeleteNeed => "need.delete",
            ActionKind::AddDeal => "deal.add",
            ActionKind::SaveDeal => "deal.save",
            ActionKind::DeleteDeal => "deal.delete",
            ActionKind::MoveDeal => "deal.move",
            ActionKind::Won => "deal.won",
            ActionKind::Lost => "deal.lost",
            ActionKind::Reopen => "deal.reopen",
            ActionKind::AddQuote => "quote.add",
            ActionKind::AddNegotiation => "negotiation.add",
            ActionKind::LogActivity => "activity.log",
            ActionKind::SaveDailyReport => "daily.save",
            ActionKind::NoCompetitorKnown => "account.no_competitor",
            ActionKind::ImportAccounts => "import.accounts",
            ActionKind::ImportContacts => "import.contacts",
            ActionKind::ImportOpportunities => "import.opportunities",
            ActionKind::SetRepName => "rep.name",
        }
    }

    pub fn from_code(code: &str) -> Option<ActionKind> {
        ActionKind::ALL.iter().copied().find(|k| k.code() == code)
    }
}
