//! The small closed vocabularies of the domain: tier, account status,
//! channel, decision role, outcome. Each is stored as a stable English code;
//! `crate::labels` names them in the user's language and `store` converts
//! them to and from SQL, so the domain knows neither text nor SQL.

/// Declares a closed vocabulary and its stored codes.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
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

            /// A code as typed: any case, spaces around.
            pub fn from_code_loose(code: &str) -> Option<$name> {
                let code = code.trim();
                $name::ALL.iter().copied().find(|v| v.code().eq_ignore_ascii_case(code))
            }
        }
    };
}

vocabulary! {
    /// Key-account tier, by annual purchase amount or pinned by hand.
    Tier { A = "A", B = "B", C = "C" }
}

vocabulary! {
    AccountStatus {
        Prospect = "prospect",
        Active = "active",
        Dormant = "dormant",
        Lost = "lost",
    }
}

vocabulary! {
    /// How an activity reached the customer.
    Channel {
        Visit = "visit",
        Phone = "phone",
        Exhibition = "exhibition",
        TechnicalExchange = "technical_exchange",
        BusinessEvent = "business_event",
        TestSamples = "test_samples",
        EmailIm = "email_im",
        Other = "other",
    }
}

vocabulary! {
    /// A contact's part in the buying decision.
    DecisionRole {
        DecisionMaker = "decision_maker",
        Influencer = "influencer",
        User = "user",
        Technical = "technical",
        Finance = "finance",
        Gatekeeper = "gatekeeper",
    }
}

vocabulary! {
    Outcome { Open = "open", Won = "won", Lost = "lost" }
}

vocabulary! {
    /// Where a contract stands, as the rep records it (SPEC §2).
    ContractStatus {
        Draft = "draft",
        Signed = "signed",
        InProgress = "in_progress",
        Fulfilled = "fulfilled",
        Closed = "closed",
        Void = "void",
    }
}

vocabulary! {
    /// How money came in.
    PaymentMethod {
        Wire = "wire",
        Online = "online",
        Cheque = "cheque",
        Cash = "cash",
        Alipay = "alipay",
        WeChat = "wechat",
        Other = "other",
    }
}

vocabulary! {
    /// What a complaint is about.
    ComplaintCategory {
        Quality = "quality",
        Delivery = "delivery",
        Installation = "installation",
        Service = "service",
        Price = "price",
        Contract = "contract",
        Billing = "billing",
        Other = "other",
    }
}

vocabulary! {
    /// 一般, 紧急, 特急: how soon the customer must hear back.
    Severity { Normal = "normal", Urgent = "urgent", Critical = "critical" }
}

vocabulary! {
    ComplaintStatus {
        New = "new",
        InProgress = "in_progress",
        Waiting = "waiting",
        Resolved = "resolved",
        Closed = "closed",
        Rejected = "rejected",
        Duplicate = "duplicate",
    }
}

impl ComplaintStatus {
    /// Still the rep's to answer.
    pub fn is_open(self) -> bool {
        matches!(self, ComplaintStatus::New | ComplaintStatus::InProgress | ComplaintStatus::Waiting)
    }
}

impl Severity {
    /// Days to respond, unless configured: 一般 7, 紧急 2, 特急 1.
    pub fn default_response_days(self) -> u32 {
        match self {
            Severity::Normal => 7,
            Severity::Urgent => 2,
            Severity::Critical => 1,
        }
    }
}

impl ContractStatus {
    /// Signed or later, and not void: its instalments fall due.
    pub fn is_in_force(self) -> bool {
        !matches!(self, ContractStatus::Draft | ContractStatus::Void)
    }
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
