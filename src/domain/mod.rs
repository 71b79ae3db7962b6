//! Plain types and rules of the key-account method: money, stages, tiers,
//! channels, dates. No I/O and no terminal here.

pub mod account;
pub mod assessment;
pub mod care;
pub mod checklist;
pub mod contract;
pub mod dates;
pub mod deal;
pub mod forecast;
pub mod kinds;
pub mod money;
pub mod month;
pub mod search;
pub mod stage;
pub mod validation;
pub mod visit_plan;
mod word_readings;

pub use dates::{parse_date, parse_time};
pub use kinds::{
    AccountStatus, Channel, ComplaintCategory, ComplaintStatus, ContractStatus, DecisionRole, Outcome, PaymentMethod,
    Severity, Tier,
};
pub use money::Money;
pub use month::Month;
pub use stage::Stage;
pub use validation::FieldError;
