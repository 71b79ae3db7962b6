//! The small closed vocabularies of the domain: tier, account status,
//! channel, decision role, outcome. Each is stored as a stable English code
//! and shown through the translation table.

use crate::i18n::Msg;

/// Declares a closed vocabulary: its stored codes and its labels.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal => $label:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The code kept in the database and in exports.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            pub fn label(self) -> Msg {
                match self { $($name::$variant => Msg::$label),+ }
            }

            /// Reads a code or a label in either language, ignoring case:
            /// what a rep types or an imported file holds.
            pub fn parse_any(text: &str) -> Option<$name> {
                let text = text.trim();
                $name::ALL.iter().copied().find(|v| {
                    let (en, zh) = v.label().texts();
                    v.code().eq_ignore_ascii_case(text) || en.eq_ignore_ascii_case(text) || zh == text
                })
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::from_code(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("unknown {} code {text:?}", stringify!($name)).into())
                })
            }
        }
    };
}

vocabulary! {
    /// Key-account tier, by annual purchase amount or pinned by hand.
    Tier { A = "A" => TierA, B = "B" => TierB, C = "C" => TierC }
}

vocabulary! {
    AccountStatus {
        Prospect = "prospect" => StatusProspect,
        Active = "active" => StatusActive,
        Dormant = "dormant" => StatusDormant,
        Lost = "lost" => StatusLost,
    }
}

vocabulary! {
    /// How an activity reached the customer.
    Channel {
        Visit = "visit" => ChannelVisit,
        Phone = "phone" => ChannelPhone,
        Exhibition = "exhibition" => ChannelExhibition,
        TechnicalExchange = "technical_exchange" => ChannelTechnicalExchange,
        BusinessEvent = "business_event" => ChannelBusinessEvent,
        TestSamples = "test_samples" => ChannelTestSamples,
        EmailIm = "email_im" => ChannelEmailIm,
        Other = "other" => ChannelOther,
    }
}

vocabulary! {
    /// A contact's part in the buying decision.
    DecisionRole {
        DecisionMaker = "decision_maker" => RoleDecisionMaker,
        Influencer = "influencer" => RoleInfluencer,
        User = "user" => RoleUser,
        Technical = "technical" => RoleTechnical,
        Finance = "finance" => RoleFinance,
        Gatekeeper = "gatekeeper" => RoleGatekeeper,
    }
}

vocabulary! {
    Outcome { Open = "open" => OutcomeOpen, Won = "won" => OutcomeWon, Lost = "lost" => OutcomeLost }
}

impl Tier {
    /// The default visit cadence in days: A every 14, B every 30, C every 90.
    pub fn default_cadence_days(self) -> u32 {
        match self {
            Tier::A => 14,
            Tier::B => 30,
            Tier::C => 90,
        }
    }
}

impl Default for Outcome {
    /// A new deal is open.
    fn default() -> Self {
        Outcome::Open
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for c in Channel::ALL {
            assert_eq!(Channel::from_code(c.code()), Some(*c));
        }
        for r in DecisionRole::ALL {
            assert_eq!(DecisionRole::from_code(r.code()), Some(*r));
        }
        assert_eq!(Tier::from_code("D"), None);
    }
}
