//! How the domain's values are named in the user's language, and read back
//! from what a rep types or a file holds. It sits between `domain` (which
//! knows no text) and `i18n` (which knows nothing of the crate), so each
//! can stay on its own floor.

use crate::domain::checklist::{Item, QuoteWarning};
use crate::domain::{AccountStatus, Channel, DecisionRole, FieldError, Outcome, Stage, Tier};
use crate::i18n::{Lang, Msg};
use crate::ops::ActionKind;
use crate::store::ActionInfo;

/// A value with a name on screen.
pub trait Named: Copy {
    fn label(self) -> Msg;
}

/// A closed vocabulary: stored as a code, shown by its label, read back
/// from either.
pub trait Vocabulary: Named + 'static {
    fn all() -> &'static [Self];
    fn code(self) -> &'static str;

    /// Reads a code or a label in either language, ignoring case: what a
    /// rep types or an imported file holds.
    fn parse_any(text: &str) -> Option<Self> {
        let text = text.trim();
        Self::all().iter().copied().find(|v| {
            let (en, zh) = v.label().texts();
            v.code().eq_ignore_ascii_case(text) || en.eq_ignore_ascii_case(text) || zh == text
        })
    }

    /// The code for a typed label, or the text unchanged when it names
    /// nothing (validation then says so, next to the field).
    fn to_code(text: &str) -> String {
        Self::parse_any(text).map(|v| v.code().to_string()).unwrap_or_else(|| text.trim().to_string())
    }
}

macro_rules! named {
    ($name:ident { $($variant:ident => $msg:ident),+ $(,)? }) => {
        impl Named for $name {
            fn label(self) -> Msg {
                match self { $($name::$variant => Msg::$msg),+ }
            }
        }
    };
}

macro_rules! vocabulary {
    ($name:ident { $($variant:ident => $msg:ident),+ $(,)? }) => {
        named!($name { $($variant => $msg),+ });
        impl Vocabulary for $name {
            fn all() -> &'static [Self] {
                $name::ALL
            }
            fn code(self) -> &'static str {
                $name::code(self)
            }
        }
    };
}

vocabulary!(Tier { A => TierA, B => TierB, C => TierC });
vocabulary!(AccountStatus {
    Prospect => StatusProspect,
    Active => StatusActive,
    Dormant => StatusDormant,
    Lost => StatusLost,
});
vocabulary!(Channel {
    Visit => ChannelVisit,
    Phone => ChannelPhone,
    Exhibition => ChannelExhibition,
    TechnicalExchange => ChannelTechnicalExchange,
    BusinessEvent => ChannelBusinessEvent,
    TestSamples => ChannelTestSamples,
    EmailIm => ChannelEmailIm,
    Other => ChannelOther,
});
vocabulary!(DecisionRole {
    DecisionMaker => RoleDecisionMaker,
    Influencer => RoleInfluencer,
    User => RoleUser,
    Technical => RoleTechnical,
    Finance => RoleFinance,
    Gatekeeper => RoleGatekeeper,
});
vocabulary!(Outcome { Open => OutcomeOpen, Won => OutcomeWon, Lost => OutcomeLost });

named!(Stage {
    Research => StageResearch,
    Analysis => StageAnalysis,
    FirstContact => StageFirstContact,
    Relationship => StageRelationship,
    Close => StageClose,
    Maintain => StageMaintain,
});

named!(QuoteWarning { BeforeClose => QuoteBeforeClose, BeforeRealNeed => QuoteBeforeNeed });

/// What the rep does in a stage and when it is done (SPEC §1), so the
/// board teaches the method.
pub fn stage_method(stage: Stage) -> Msg {
    match stage {
        Stage::Research => Msg::MethodResearch,
        Stage::Analysis => Msg::MethodAnalysis,
        Stage::FirstContact => Msg::MethodFirstContact,
        Stage::Relationship => Msg::MethodRelationship,
        Stage::Close => Msg::MethodClose,
        Stage::Maintain => Msg::MethodMaintain,
    }
}

/// A checklist item by its stable code (kept with forced moves too).
pub fn checklist_label(code: &str) -> Option<Msg> {
    Some(match code {
        "profile" => Msg::CheckProfile,
        "competitor" => Msg::CheckCompetitor,
        "key_person" => Msg::CheckKeyPerson,
        "source" => Msg::CheckSource,
        "credit" => Msg::CheckCredit,
        "need" => Msg::CheckNeed,
        "judged" => Msg::CheckJudged,
        "contact_activity" => Msg::CheckContactActivity,
        "next_person" => Msg::CheckNextPerson,
        "decision_maker_visit" => Msg::CheckDecisionMakerVisit,
        "quote" => Msg::CheckQuote,
        "closed" => Msg::CheckClosed,
        "return_visit" => Msg::CheckReturnVisit,
        _ => return None,
    })
}

impl Named for Item {
    fn label(self) -> Msg {
        checklist_label(self.code).unwrap_or(Msg::CheckProfile)
    }
}

/// A validation error as the message shown under its field.
pub fn field_error(lang: Lang, error: &FieldError) -> String {
    let msg = match error {
        FieldError::Empty => Msg::ErrRequired,
        FieldError::NotAnAmount => Msg::ErrNotAnAmount,
        FieldError::TooPrecise => Msg::ErrTooPrecise,
        FieldError::TooLarge => Msg::ErrTooLarge,
        FieldError::NotADate => Msg::ErrNotADate,
        FieldError::NotATime => Msg::ErrNotATime,
        FieldError::UnknownAccount => Msg::ErrUnknownAccount,
        FieldError::TooLong(_) => Msg::ErrTooLong,
        FieldError::UnknownValue => Msg::ErrUnknownValue,
        FieldError::Negative => Msg::ErrNegative,
        FieldError::NotAPhone => Msg::ErrNotAPhone,
        FieldError::NotAnEmail => Msg::ErrNotAnEmail,
        FieldError::NotAPercent => Msg::ErrNotAPercent,
    };
    let text = lang.t(msg);
    match error {
        FieldError::TooLong(n) => text.replace("{n}", &n.to_string()),
        _ => text.to_string(),
    }
}

/// What a rep types for "derive the tier" or "yes", in either language,
/// as the domain's own word.
pub fn to_keyword(text: &str) -> String {
    match text.trim() {
        "自动" => "auto".to_string(),
        t if t.starts_with("自动") || Lang::ZhCn.t(Msg::TierAuto) == t || Lang::En.t(Msg::TierAuto) == t => {
            "auto".to_string()
        }
        "是" => "yes".to_string(),
        "否" => "no".to_string(),
        t => t.to_string(),
    }
}

/// A typed account as the domain reads it: labels in either language
/// become codes, so validation is the same for a form and an import.
pub fn account_input_codes(input: &mut crate::domain::account::AccountInput) {
    let tier = to_keyword(&input.tier);
    input.tier = if tier == "auto" || tier.is_empty() { tier } else { Tier::to_code(&tier) };
    input.status = AccountStatus::to_code(&input.status);
    input.no_known_competitor = to_keyword(&input.no_known_competitor);
}

/// A typed contact as the domain reads it.
pub fn contact_input_codes(input: &mut crate::domain::account::ContactInput) {
    input.role = DecisionRole::to_code(&input.role);
}

/// What a journaled action was, in the user's language: its kind with the
/// record's name. Actions kept before kinds existed show their old label.
pub fn action_label(lang: Lang, action: &ActionInfo) -> String {
    let Some(kind) = ActionKind::from_code(&action.kind) else {
        return crate::i18n::action_label(lang, &action.label);
    };
    let msg = match kind {
        ActionKind::AddAccount => Msg::ActAddAccount,
        ActionKind::EditAccount => Msg::ActEditAccount,
        ActionKind::DeleteAccount => Msg::ActDeleteAccount,
        ActionKind::AddContact => Msg::ActAddContact,
        ActionKind::EditContact => Msg::ActEditContact,
        ActionKind::DeleteContact => Msg::ActDeleteContact,
        ActionKind::AddCompetitor => Msg::ActAddCompetitor,
        ActionKind::EditCompetitor => Msg::ActEditCompetitor,
        ActionKind::DeleteCompetitor => Msg::ActDeleteCompetitor,
        ActionKind::AddNeed => Msg::ActAddNeed,
        ActionKind::EditNeed => Msg::ActEditNeed,
        ActionKind::DeleteNeed => Msg::ActDeleteNeed,
        ActionKind::AddDeal => Msg::ActAddDeal,
        ActionKind::SaveDeal => Msg::ActSaveDeal,
        ActionKind::DeleteDeal => Msg::ActDeleteDeal,
        ActionKind::MoveDeal => Msg::ActMoveDeal,
        ActionKind::Won => Msg::ActWon,
        ActionKind::Lost => Msg::ActLost,
        ActionKind::Reopen => Msg::ActReopen,
        ActionKind::AddQuote => Msg::ActAddQuote,
        ActionKind::AddNegotiation => Msg::ActAddNegotiation,
        ActionKind::LogActivity => Msg::ActLogActivity,
        ActionKind::EditActivity => Msg::ActEditActivity,
        ActionKind::DeleteActivity => Msg::ActDeleteActivity,
        ActionKind::FollowUpDone => Msg::ActFollowUpDone,
        ActionKind::MoveFollowUp => Msg::ActMoveFollowUp,
        ActionKind::SaveDailyReport => Msg::ActSaveDailyReport,
        ActionKind::NoCompetitorKnown => Msg::ActNoCompetitorKnown,
        ActionKind::ImportAccounts => Msg::ActImportAccounts,
        ActionKind::ImportContacts => Msg::ActImportContacts,
        ActionKind::ImportOpportunities => Msg::ActImportOpportunities,
        ActionKind::SetRepName => Msg::ActSetRepName,
        ActionKind::AddContract => Msg::ActAddContract,
        ActionKind::EditContract => Msg::ActEditContract,
        ActionKind::DeleteContract => Msg::ActDeleteContract,
        ActionKind::EditInstalment => Msg::ActEditInstalment,
        ActionKind::RecordReceipt => Msg::ActRecordReceipt,
        ActionKind::DeleteReceipt => Msg::ActDeleteReceipt,
        ActionKind::ImportContracts => Msg::ActImportContracts,
        ActionKind::ImportInstalments => Msg::ActImportInstalments,
        ActionKind::ImportReceipts => Msg::ActImportReceipts,
        ActionKind::AddComplaint => Msg::ActAddComplaint,
        ActionKind::EditComplaint => Msg::ActEditComplaint,
        ActionKind::ReturnVisit => Msg::ActReturnVisit,
        ActionKind::AddSurvey => Msg::ActAddSurvey,
        ActionKind::AddObjection => Msg::ActAddObjection,
        ActionKind::ImportComplaints => Msg::ActImportComplaints,
        ActionKind::ImportSurveys => Msg::ActImportSurveys,
        ActionKind::PlanYear => Msg::ActPlanYear,
        ActionKind::MoveVisit => Msg::ActMoveVisit,
        ActionKind::SkipVisit => Msg::ActSkipVisit,
        ActionKind::PlanVisit => Msg::ActPlanVisit,
        ActionKind::SetTargets => Msg::ActSetTargets,
        ActionKind::SaveMonthWords => Msg::ActSaveMonthWords,
        ActionKind::ScoreItem => Msg::ActScoreItem,
        ActionKind::SubmitForm => Msg::ActSubmitForm,
        ActionKind::ReopenForm => Msg::ActReopenForm,
        ActionKind::ImportVisits => Msg::ActImportVisits,
        ActionKind::ImportTargets => Msg::ActImportTargets,
        ActionKind::ImportActivities => Msg::ActImportActivities,
    };
    lang.t(msg).replace("{name}", &action.subject).trim().to_string()
}

/// Where an action came from, for the question before undoing it.
pub fn origin_label(lang: Lang, action: &ActionInfo) -> &'static str {
    origin_words(lang, &action.origin)
}

/// A kind of planned visit in words.
pub fn visit_kind(kind: crate::domain::visit_plan::VisitKind) -> Msg {
    use crate::domain::visit_plan::VisitKind;
    match kind {
        VisitKind::Visit => Msg::KindVisit,
        VisitKind::ReturnVisit => Msg::KindReturnVisit,
        VisitKind::Collection => Msg::KindCollection,
        VisitKind::ComplaintFollowUp => Msg::KindComplaintFollowUp,
    }
}

/// What became of a planned visit, in words.
pub fn visit_state(state: crate::domain::visit_plan::VisitState) -> Msg {
    use crate::domain::visit_plan::VisitState;
    match state {
        VisitState::Planned => Msg::StatePlanned,
        VisitState::Moved => Msg::StateMoved,
        VisitState::Done => Msg::StateDone,
        VisitState::Skipped => Msg::StateSkipped,
        VisitState::Missed => Msg::StateMissed,
    }
}

/// The day of the week, short.
pub fn weekday_msg(day: chrono::NaiveDate) -> Msg {
    match chrono::Datelike::weekday(&day).num_days_from_monday() {
        0 => Msg::Mon,
        1 => Msg::Tue,
        2 => Msg::Wed,
        3 => Msg::Thu,
        4 => Msg::Fri,
        5 => Msg::Sat,
        _ => Msg::Sun,
    }
}

/// Why a save failed, as the form says it under the fields (the same words
/// as the status line: what happened, where, and what to do).
pub fn save_failed(lang: Lang, error: &crate::store::StoreError) -> String {
    use crate::store::Cause;
    if error.cause() == Cause::Other {
        return lang.t(Msg::SaveFailed).to_string();
    }
    store_error(lang, error)
}

/// The words of a cause that needs no detail.
fn cause_msg(cause: crate::store::Cause) -> Msg {
    use crate::store::Cause;
    match cause {
        Cause::DiskFull => Msg::SaveFailedDiskFull,
        Cause::Locked => Msg::SaveFailedLocked,
        Cause::ReadOnly => Msg::SaveFailedReadOnly,
        Cause::Damaged => Msg::SaveFailedDamaged,
        Cause::Gone => Msg::SaveFailedGone,
        Cause::Other => Msg::SaveFailed,
    }
}

/// Where a write of another kam comes from ("an import").
pub fn origin_words(lang: Lang, origin: &str) -> &'static str {
    lang.t(match origin {
        "app" => Msg::OriginApp,
        "log" => Msg::OriginLog,
        "import" => Msg::OriginImport,
        "demo" => Msg::OriginDemo,
        _ => Msg::OriginOther,
    })
}

/// Who holds the file's lock, in words: another kam's write as its note
/// says (what, which process, since when), else another program.
pub fn lock_holder(lang: Lang, writer: Option<&crate::store::Writer>) -> String {
    match writer {
        Some(w) => lang
            .t(Msg::HolderKam)
            .replace("{origin}", origin_words(lang, &w.origin))
            .replace("{pid}", &w.pid.to_string())
            .replace("{since}", &w.since.format("%H:%M:%S").to_string()),
        None => lang.t(Msg::HolderOther).to_string(),
    }
}

/// A store error in the user's language: what and where, for the status
/// line and stderr.
pub fn store_error(lang: Lang, error: &crate::store::StoreError) -> String {
    use crate::store::{Cause, StoreError};
    let path = |p: &std::path::Path| p.display().to_string();
    match error {
        StoreError::NotSqlite { path: p } => lang.t(Msg::StoreNotSqlite).replace("{path}", &path(p)),
        StoreError::NotKam { path: p, .. } => lang.t(Msg::StoreNotKam).replace("{path}", &path(p)),
        StoreError::Corrupt { path: p, detail } => {
            let said = lang.t(Msg::StoreCorrupt).replace("{path}", &path(p)).replace("{detail}", detail);
            format!("{said} {}", backup_advice(lang, p))
        }
        StoreError::NewerSchema { path: p, found, supported } => lang
            .t(Msg::StoreNewer)
            .replace("{path}", &path(p))
            .replace("{found}", &found.to_string())
            .replace("{supported}", &supported.to_string()),
        StoreError::Locked { path: p, writer, waited } => lang
            .t(Msg::SaveFailedLockedBy)
            .replace("{holder}", &lock_holder(lang, writer.as_ref()))
            .replace("{path}", &path(p))
            .replace("{secs}", &waited.as_secs().max(1).to_string()),
        StoreError::ReadOnly { path: p } => lang.t(Msg::SaveFailedReadOnlyAt).replace("{path}", &path(p)),
        StoreError::Io { path: p, source } => io_error(lang, p, source),
        // The cause in the user's words, once; no low-level text.
        other if other.cause() != Cause::Other => lang.t(cause_msg(other.cause())).to_string(),
        other => format!("{}: {other}", lang.t(Msg::ErrorPrefix)),
    }
}

/// A file-system error in words: what, and which file or folder.
pub fn io_error(lang: Lang, path: &std::path::Path, error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let msg = match error.kind() {
        ErrorKind::StorageFull => Msg::SaveFailedDiskFull,
        ErrorKind::PermissionDenied => Msg::IoPermissionDenied,
        ErrorKind::ReadOnlyFilesystem => Msg::SaveFailedReadOnlyAt,
        ErrorKind::NotFound => Msg::IoNotFound,
        ErrorKind::NotADirectory => Msg::IoNotAFolder,
        ErrorKind::IsADirectory => Msg::IoIsAFolder,
        _ => Msg::IoOther,
    };
    lang.t(msg).replace("{path}", &path.display().to_string()).replace("{error}", &error.to_string())
}

/// An instalment's status in words ("overdue 10 d", "逾期 10 天").
pub fn instalment_status_label(lang: Lang, status: crate::domain::contract::InstalmentStatus) -> String {
    use crate::domain::contract::InstalmentStatus as S;
    let msg = match status {
        S::Void => Msg::InstalmentVoid,
        S::Pending => Msg::InstalmentPending,
        S::Paid => Msg::InstalmentPaid,
        S::Overdue(_) => Msg::InstalmentOverdue,
        S::Partial => Msg::InstalmentPartial,
        S::DueSoon => Msg::InstalmentDueSoon,
        S::Awaiting => Msg::InstalmentAwaiting,
    };
    lang.t(msg).replace("{days}", &status.days_overdue().to_string())
}

/// Why an account is at risk, in words.
pub fn risk_reason(lang: Lang, reason: crate::domain::care::RiskReason) -> String {
    use crate::domain::care::RiskReason as R;
    match reason {
        R::LowScore(score) => lang.t(Msg::RiskLowScore).replace("{score}", &score.to_string()),
        R::Detractor(nps) => lang.t(Msg::RiskDetractor).replace("{nps}", &nps.to_string()),
        R::CriticalComplaint => lang.t(Msg::RiskCriticalComplaint).to_string(),
        R::LongOverdue(days) => lang.t(Msg::RiskLongOverdue).replace("{days}", &lang.count(days, Msg::CountDays)),
    }
}

/// Loyalty in a line: repeat customer, the trend of scores, late money,
/// complaints in a year, a visit past its cadence. None when nothing is known.
pub fn loyalty_words(lang: Lang, l: &crate::domain::care::Loyalty, today: chrono::NaiveDate) -> Option<String> {
    use crate::domain::care::Trend;
    let mut parts = Vec::new();
    if l.is_repeat_customer() {
        parts.push(lang.t(Msg::LoyaltyRepeat).replace("{n}", &l.contracts.to_string()));
    }
    if let Some(trend) = l.trend() {
        let msg = match trend {
            Trend::Rising => Msg::LoyaltyRising,
            Trend::Falling => Msg::LoyaltyFalling,
            Trend::Steady => Msg::LoyaltySteady,
        };
        let scores: Vec<String> = l.scores.iter().rev().map(u8::to_string).collect();
        parts.push(lang.t(msg).replace("{scores}", &scores.join("→")));
    }
    if let Some(days) = l.average_days_late.filter(|d| *d > 0) {
        parts.push(lang.t(Msg::LoyaltyLate).replace("{days}", &lang.count(days, Msg::CountDays)));
    }
    if l.complaints_last_year > 0 {
        parts.push(
            lang.t(Msg::LoyaltyComplaints).replace("{n}", &lang.count(l.complaints_last_year, Msg::CountComplaints)),
        );
    }
    if let Some(days) = l.visit_overdue_days(today) {
        parts.push(lang.t(Msg::LoyaltyVisitLate).replace("{days}", &lang.count(days, Msg::CountDays)));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

pub fn severity_label(severity: crate::domain::Severity) -> Msg {
    use crate::domain::Severity as S;
    match severity {
        S::Normal => Msg::SeverityNormal,
        S::Urgent => Msg::SeverityUrgent,
        S::Critical => Msg::SeverityCritical,
    }
}

pub fn complaint_status_label(status: crate::domain::ComplaintStatus) -> Msg {
    use crate::domain::ComplaintStatus as S;
    match status {
        S::New => Msg::ComplaintNew,
        S::InProgress => Msg::ComplaintInProgress,
        S::Waiting => Msg::ComplaintWaiting,
        S::Resolved => Msg::ComplaintResolved,
        S::Closed => Msg::ComplaintClosed,
        S::Rejected => Msg::ComplaintRejected,
        S::Duplicate => Msg::ComplaintDuplicate,
    }
}

pub fn complaint_category_label(category: crate::domain::ComplaintCategory) -> Msg {
    use crate::domain::ComplaintCategory as C;
    match category {
        C::Quality => Msg::CategoryQuality,
        C::Delivery => Msg::CategoryDelivery,
        C::Installation => Msg::CategoryInstallation,
        C::Service => Msg::CategoryService,
        C::Price => Msg::CategoryPrice,
        C::Contract => Msg::CategoryContract,
        C::Billing => Msg::CategoryBilling,
        C::Other => Msg::CategoryOther,
    }
}

pub fn payment_method_label(method: crate::domain::PaymentMethod) -> Msg {
    use crate::domain::PaymentMethod as P;
    match method {
        P::Wire => Msg::PayWire,
        P::Online => Msg::PayOnline,
        P::Cheque => Msg::PayCheque,
        P::Cash => Msg::PayCash,
        P::Alipay => Msg::PayAlipay,
        P::WeChat => Msg::PayWeChat,
        P::Other => Msg::PayOther,
    }
}

pub fn contract_status_label(status: crate::domain::ContractStatus) -> Msg {
    use crate::domain::ContractStatus as C;
    match status {
        C::Draft => Msg::ContractDraft,
        C::Signed => Msg::ContractSigned,
        C::InProgress => Msg::ContractInProgress,
        C::Fulfilled => Msg::ContractFulfilled,
        C::Closed => Msg::ContractClosed,
        C::Void => Msg::ContractVoid,
    }
}

/// Which backup to restore for the damaged database `db`, in words.
pub fn backup_advice(lang: Lang, db: &std::path::Path) -> String {
    let dir = crate::store::backup_dir(db);
    match crate::store::list_backups(&dir).first() {
        Some(b) => lang
            .t(Msg::RestoreAdvice)
            .replace("{time}", &b.made_at.format("%Y-%m-%d %H:%M").to_string())
            .replace("{backup}", &b.path.display().to_string()),
        None => lang.t(Msg::NoBackupYet).replace("{dir}", &dir.display().to_string()),
    }
}

/// A stage's name in a few cells, for a narrow board column.
pub fn stage_short(stage: crate::domain::Stage) -> Msg {
    use crate::domain::Stage;
    match stage {
        Stage::Research => Msg::StageShortResearch,
        Stage::Analysis => Msg::StageShortAnalysis,
        Stage::FirstContact => Msg::StageShortFirstContact,
        Stage::Relationship => Msg::StageShortRelationship,
        Stage::Close => Msg::StageShortClose,
        Stage::Maintain => Msg::StageShortMaintain,
    }
}

/// A channel's name in at most eight cells, for a narrow table column.
pub fn channel_short(channel: crate::domain::Channel) -> Msg {
    use crate::domain::Channel;
    match channel {
        Channel::Visit => Msg::ChannelShortVisit,
        Channel::Phone => Msg::ChannelShortPhone,
        Channel::Exhibition => Msg::ChannelShortExhibition,
        Channel::TechnicalExchange => Msg::ChannelShortTechnicalExchange,
        Channel::BusinessEvent => Msg::ChannelShortBusinessEvent,
        Channel::TestSamples => Msg::ChannelShortTestSamples,
        Channel::EmailIm => Msg::ChannelShortEmailIm,
        Channel::Other => Msg::ChannelShortOther,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_either_language_read_back() {
        assert_eq!(Channel::parse_any("拜访"), Some(Channel::Visit));
        assert_eq!(Channel::parse_any("VISIT"), Some(Channel::Visit));
        assert_eq!(Tier::to_code("b"), "B");
        for stage in Stage::ALL {
            for item in crate::domain::checklist::checklist(stage, &Default::default()) {
                assert!(checklist_label(item.code).is_some(), "{} has no label", item.code);
            }
        }
    }
}
