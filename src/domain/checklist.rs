//! The stage checklists of SPEC §1: what each stage needs before the deal
//! moves on, judged from facts the store gathers. Moving on with items
//! unmet is allowed, but warned about and recorded as forced.

use super::kinds::Outcome;
use super::stage::Stage;

/// What the database knows about a deal and its account, as the checklists
/// ask it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DealFacts {
    /// Segment, region and annual purchase filled in.
    pub profile_filled: bool,
    pub competitors: i64,
    pub no_known_competitor: bool,
    /// Contacts who decide or influence.
    pub key_people: i64,
    pub source_noted: bool,
    pub credit_rated: bool,
    /// Needs recorded for the account or this deal.
    pub needs: i64,
    /// A need whose why-chain has at least one answer (the real need).
    pub real_need: bool,
    pub judged: bool,
    /// Activities logged with the account.
    pub contact_activities: i64,
    pub next_person_chosen: bool,
    /// Visits logged with a decision maker.
    pub decision_maker_visits: i64,
    pub quotes: i64,
    pub outcome: Outcome,
    pub lost_reason_given: bool,
    /// Days since the last visit or survey (Maintain), None when never.
    pub days_since_return_visit: Option<i64>,
    /// The account's visit cadence in days.
    pub cadence_days: i64,
}

/// One line of a checklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    /// Stable name, kept with a forced move.
    pub code: &'static str,
    pub met: bool,
}

fn item(code: &'static str, met: bool) -> Item {
    Item { code, met }
}

/// The checklist of `stage` for a deal with these facts.
pub fn checklist(stage: Stage, f: &DealFacts) -> Vec<Item> {
    match stage {
        Stage::Research => vec![
            item("profile", f.profile_filled),
            item("competitor", f.competitors > 0 || f.no_known_competitor),
            item("key_person", f.key_people > 0),
            item("source", f.source_noted),
        ],
        Stage::Analysis => vec![item("credit", f.credit_rated), item("need", f.needs > 0), item("judged", f.judged)],
        Stage::FirstContact => {
            vec![item("contact_activity", f.contact_activities > 0), item("next_person", f.next_person_chosen)]
        }
        Stage::Relationship => {
            vec![item("decision_maker_visit", f.decision_maker_visits > 0)]
        }
        Stage::Close => vec![
            item("quote", f.quotes > 0),
            item("closed", f.outcome == Outcome::Won || (f.outcome == Outcome::Lost && f.lost_reason_given)),
        ],
        Stage::Maintain => {
            vec![item("return_visit", f.days_since_return_visit.is_some_and(|d| d <= f.cadence_days.max(1)))]
        }
    }
}

/// The codes of the items not met, to keep with a forced move.
pub fn unmet(stage: Stage, facts: &DealFacts) -> Vec<&'static str> {
    checklist(stage, facts).into_iter().filter(|i| !i.met).map(|i| i.code).collect()
}

/// Why a quote is early, by the method: quote late, right before closing,
/// once the needs and the fit are clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteWarning {
    BeforeClose,
    BeforeRealNeed,
}

impl QuoteWarning {
    pub fn code(self) -> &'static str {
        match self {
            QuoteWarning::BeforeClose => "before_close",
            QuoteWarning::BeforeRealNeed => "before_need",
        }
    }
}

/// The warning a quote recorded now deserves, if any (never a block).
pub fn quote_warning(stage: Stage, real_need: bool) -> Option<QuoteWarning> {
    if stage < Stage::Close {
        Some(QuoteWarning::BeforeClose)
    } else if !real_need {
        Some(QuoteWarning::BeforeRealNeed)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn met(stage: Stage, f: &DealFacts) -> Vec<(&'static str, bool)> {
        checklist(stage, f).into_iter().map(|i| (i.code, i.met)).collect()
    }

    #[test]
    fn research_needs_profile_competitor_key_person_and_source() {
        let mut f = DealFacts::default();
        assert_eq!(unmet(Stage::Research, &f), ["profile", "competitor", "key_person", "source"]);
        f.profile_filled = true;
        f.no_known_competitor = true; // "none known" counts
        f.key_people = 1;
        f.source_noted = true;
        assert!(unmet(Stage::Research, &f).is_empty());
        f.no_known_competitor = false;
        f.competitors = 2;
        assert!(unmet(Stage::Research, &f).is_empty());
    }

    #[test]
    fn analysis_needs_credit_need_and_judgement() {
        let f = DealFacts { credit_rated: true, needs: 1, ..Default::default() };
        assert_eq!(met(Stage::Analysis, &f), [("credit", true), ("need", true), ("judged", false)]);
    }

    #[test]
    fn first_contact_and_relationship() {
        let f = DealFacts { contact_activities: 3, ..Default::default() };
        assert_eq!(unmet(Stage::FirstContact, &f), ["next_person"]);
        assert_eq!(unmet(Stage::Relationship, &f), ["decision_maker_visit"]);
        let f = DealFacts { decision_maker_visits: 1, ..Default::default() };
        assert!(unmet(Stage::Relationship, &f).is_empty());
    }

    #[test]
    fn close_needs_a_quote_and_an_outcome_with_its_reason() {
        let mut f = DealFacts { quotes: 1, ..Default::default() };
        assert_eq!(unmet(Stage::Close, &f), ["closed"]);
        f.outcome = Outcome::Lost;
        assert_eq!(unmet(Stage::Close, &f), ["closed"], "lost needs a reason");
        f.lost_reason_given = true;
        assert!(unmet(Stage::Close, &f).is_empty());
        f.outcome = Outcome::Won;
        f.lost_reason_given = false;
        assert!(unmet(Stage::Close, &f).is_empty());
    }

    #[test]
    fn maintain_needs_a_return_visit_every_cadence() {
        let mut f = DealFacts { cadence_days: 30, days_since_return_visit: Some(31), ..Default::default() };
        assert_eq!(unmet(Stage::Maintain, &f), ["return_visit"]);
        f.days_since_return_visit = Some(30);
        assert!(unmet(Stage::Maintain, &f).is_empty());
        f.days_since_return_visit = None;
        assert_eq!(unmet(Stage::Maintain, &f), ["return_visit"]);
    }

    #[test]
    fn quoting_early_warns_but_late_does_not() {
        assert_eq!(quote_warning(Stage::Relationship, true), Some(QuoteWarning::BeforeClose));
        assert_eq!(quote_warning(Stage::Research, false), Some(QuoteWarning::BeforeClose));
        assert_eq!(quote_warning(Stage::Close, false), Some(QuoteWarning::BeforeRealNeed));
        assert_eq!(quote_warning(Stage::Close, true), None);
    }
}
