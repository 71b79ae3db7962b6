//! The management forms as typed values, computed from store queries and
//! holding no text: the Reports tab draws them, `kam report` writes them
//! (`io::report`), so the screen and the file can never disagree.

pub mod daily;
pub mod visit_plan;

pub use daily::{DailyReport, draft_plan, next_working_day};
