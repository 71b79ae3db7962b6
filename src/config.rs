//! The user's settings: a TOML file in the platform's config folder
//! (`kam/config.toml`). A missing file or a missing key means the default;
//! a broken file is reported with its line and the defaults are used, so
//! kam always starts.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::domain::{Money, Tier};

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub accounts: AccountSettings,
    pub tiers: TierSettings,
    pub visits: VisitSettings,
    pub pipeline: PipelineSettings,
    pub care: CareSettings,
    pub assessment: AssessmentSettings,
    pub reports: ReportSettings,
}

/// The reports' own numbers: where the receivables aging buckets end
/// (days overdue; beyond the last is "over").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportSettings {
    pub aging_days: Vec<u32>,
}

impl Default for ReportSettings {
    fn default() -> Self {
        ReportSettings { aging_days: vec![30, 60, 90, 120] }
    }
}

impl ReportSettings {
    /// The bucket ends, rising, none zero (a broken list falls back).
    pub fn aging_days(&self) -> Vec<u32> {
        let mut days: Vec<u32> = self.aging_days.iter().copied().filter(|d| *d > 0).collect();
        days.sort_unstable();
        days.dedup();
        if days.is_empty() { ReportSettings::default().aging_days } else { days }
    }
}

/// The monthly assessment (考核): its items and the grade thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AssessmentSettings {
    pub grades: crate::domain::assessment::Grades,
    pub items: Vec<AssessmentItem>,
}

/// One item as configured. `method` is linear (with `cap`), stepped (with
/// `steps`, each `[from %, points]`) or manual; `target` is the percent a
/// rate item (visit compliance, care, daily reports) is measured against.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentItem {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: String,
    pub weight: u32,
    pub source: crate::domain::assessment::Source,
    pub method: crate::domain::assessment::MethodKind,
    #[serde(default)]
    pub cap: Option<f64>,
    #[serde(default)]
    pub steps: Vec<[f64; 2]>,
    #[serde(default)]
    pub target: Option<f64>,
}

impl AssessmentItem {
    pub fn method(&self) -> crate::domain::assessment::Method {
        use crate::domain::assessment::{Method, MethodKind};
        match self.method {
            MethodKind::Linear => Method::Linear { cap: self.cap.unwrap_or(120.0) },
            MethodKind::Stepped => Method::Stepped { steps: self.steps.iter().map(|[f, p]| (*f, *p)).collect() },
            MethodKind::Manual => Method::Manual,
        }
    }

    /// The item's name in the user's language.
    pub fn name_in(&self, chinese: bool) -> &str {
        if chinese && !self.name_zh.is_empty() { &self.name_zh } else { &self.name }
    }
}

impl Default for AssessmentSettings {
    fn default() -> Self {
        use crate::domain::assessment::{MethodKind as M, Source as S};
        let item = |code: &str, name: &str, name_zh: &str, weight, source, method| AssessmentItem {
            code: code.into(),
            name: name.into(),
            name_zh: name_zh.into(),
            weight,
            source,
            method,
            cap: None,
            steps: Vec::new(),
            target: None,
        };
        let mut items = vec![
            AssessmentItem {
                cap: Some(120.0),
                ..item("sales", "Sales attainment", "销售额完成率", 40, S::Sales, M::Linear)
            },
            AssessmentItem {
                cap: Some(120.0),
                ..item("collections", "Collections attainment", "回款完成率", 25, S::Collections, M::Linear)
            },
            AssessmentItem {
                steps: vec![[100.0, 100.0], [80.0, 80.0], [50.0, 50.0]],
                ..item("new_accounts", "New accounts", "新客户开发", 10, S::NewAccounts, M::Stepped)
            },
            AssessmentItem {
                cap: Some(100.0),
                target: Some(90.0),
                ..item("visits", "Visit-plan compliance", "拜访计划执行率", 10, S::VisitCompliance, M::Linear)
            },
            AssessmentItem {
                target: Some(100.0),
                ..item("care", "Satisfaction and complaints in time", "客户满意与投诉及时处理", 10, S::Care, M::Manual)
            },
            AssessmentItem {
                target: Some(100.0),
                steps: vec![[95.0, 100.0], [80.0, 80.0], [60.0, 60.0]],
                ..item("daily_reports", "Daily reports on time", "日报按时提交", 5, S::DailyReports, M::Stepped)
            },
        ];
        items.shrink_to_fit();
        AssessmentSettings { grades: Default::default(), items }
    }
}

impl AssessmentSettings {
    /// What is wrong with the items: weights that do not add up to 100,
    /// codes twice, steps or caps that make no sense.
    pub fn problems(&self) -> Vec<String> {
        let mut wrong = Vec::new();
        let total: u32 = self.items.iter().map(|i| i.weight).sum();
        if total != 100 {
            wrong.push(format!("assessment.items: the weights add up to {total}, not 100"));
        }
        for (n, item) in self.items.iter().enumerate() {
            if self.items[..n].iter().any(|other| other.code == item.code) {
                wrong.push(format!("assessment.items: code {:?} is given twice", item.code));
            }
            if item.method == crate::domain::assessment::MethodKind::Stepped && item.steps.is_empty() {
                wrong.push(format!("assessment.items: {:?} is stepped but has no steps", item.code));
            }
            if item.cap.is_some_and(|c| c <= 0.0) {
                wrong.push(format!("assessment.items: {:?} has a cap of zero or less", item.code));
            }
        }
        wrong
    }
}

/// Keeping the customer: days to answer a complaint by severity (一般, 紧急,
/// 特急), and days after a complaint closes that its return visit falls due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CareSettings {
    pub response_days: [u32; 3],
    pub return_visit_after_days: u32,
    /// Days after a contract starts that its first return visit falls due.
    pub contract_visit_after_days: u32,
}

impl CareSettings {
    /// The rules the ops apply.
    pub fn rules(&self) -> crate::domain::care::CareRules {
        crate::domain::care::CareRules {
            response_days: self.response_days,
            return_visit_after_days: self.return_visit_after_days,
            contract_visit_after_days: self.contract_visit_after_days,
        }
    }
}

impl Default for CareSettings {
    fn default() -> Self {
        CareSettings { response_days: [7, 2, 1], return_visit_after_days: 7, contract_visit_after_days: 7 }
    }
}

/// The board's numbers: win probability and days without activity before a
/// deal counts as stale, per stage (1 to 6); the reasons a deal is lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PipelineSettings {
    pub probabilities: [u8; 6],
    pub stale_after_days: [u32; 6],
    pub lost_reasons: Vec<String>,
    /// Days a won deal may go without its contract before its card says so.
    pub contract_within_days: u32,
    /// Days after a won deal is paid up (with no open complaint on its
    /// account) before it leaves the Maintain column; 0 keeps every one.
    pub archive_paid_after_days: u32,
}

impl Default for PipelineSettings {
    fn default() -> Self {
        PipelineSettings {
            probabilities: crate::domain::Stage::ALL.map(crate::domain::Stage::default_probability),
            stale_after_days: [30, 21, 14, 14, 7, 90],
            lost_reasons: ["Price", "Lost to a competitor", "No budget", "Project cancelled", "No decision", "Other"]
                .map(String::from)
                .to_vec(),
            contract_within_days: 14,
            archive_paid_after_days: 90,
        }
    }
}

impl PipelineSettings {
    /// Days without activity after which a deal in `stage` is stale.
    pub fn stale_after(&self, stage: crate::domain::Stage) -> i64 {
        i64::from(self.stale_after_days[usize::from(stage.number() - 1)].max(1))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountSettings {
    /// The firm's own account segments, in the order the form offers them.
    pub segments: Vec<String>,
    pub credit_ratings: Vec<String>,
}

/// Tiers by annual purchase amount, in yuan: from `a_from` up is A, from
/// `b_from` up is B, below is C.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TierSettings {
    pub a_from: i64,
    pub b_from: i64,
}

/// Days between planned visits, per tier; the working week and the days
/// off and worked (the defaults: Monday to Friday, and mainland China's
/// public holidays from `assets/holidays/cn.toml`); how many days either
/// side of a planned day a logged visit still does it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct VisitSettings {
    pub a_every_days: u32,
    pub b_every_days: u32,
    pub c_every_days: u32,
    pub working_week: Vec<String>,
    pub holidays: Vec<String>,
    pub make_up_days: Vec<String>,
    pub link_window_days: u32,
}

/// The holiday lists kam ships (data, not code: each year has its own).
#[derive(Debug, Default, Deserialize)]
struct HolidayList {
    holidays: Vec<String>,
    make_up_days: Vec<String>,
}

fn shipped_holidays() -> HolidayList {
    toml::from_str(include_str!("../assets/holidays/cn.toml")).unwrap_or_default()
}

impl VisitSettings {
    /// The plan's rules from these settings. Days that are not dates are
    /// left out (`problems` names them).
    pub fn rules(&self) -> crate::domain::visit_plan::PlanRules {
        use crate::domain::visit_plan::{PlanRules, WorkCalendar, weekday_of};
        let mut working_week = [false; 7];
        for day in self.working_week.iter().filter_map(|d| weekday_of(d)) {
            working_week[day.num_days_from_monday() as usize] = true;
        }
        let dates = |list: &[String]| {
            list.iter().filter_map(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok()).collect()
        };
        PlanRules {
            calendar: WorkCalendar {
                working_week,
                holidays: dates(&self.holidays),
                make_up_days: dates(&self.make_up_days),
            },
            link_window_days: self.link_window_days.min(30),
        }
    }

    /// Entries of the lists that are not what they should be.
    pub fn problems(&self) -> Vec<String> {
        let mut wrong: Vec<String> = self
            .working_week
            .iter()
            .filter(|d| crate::domain::visit_plan::weekday_of(d).is_none())
            .map(|d| format!("visits.working_week: {d:?} is not a weekday"))
            .collect();
        for (name, list) in [("holidays", &self.holidays), ("make_up_days", &self.make_up_days)] {
            for d in list.iter().filter(|d| chrono::NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").is_err()) {
                wrong.push(format!("visits.{name}: {d:?} is not a date (YYYY-MM-DD)"));
            }
        }
        wrong
    }
}

impl Default for AccountSettings {
    fn default() -> Self {
        AccountSettings {
            segments: ["Government & Party", "Large enterprise", "SME", "Finance", "Education"]
                .map(String::from)
                .to_vec(),
            credit_ratings: ["AAA", "AA", "A", "BBB", "BB", "B", "CCC", "CC", "C"].map(String::from).to_vec(),
        }
    }
}

impl Default for TierSettings {
    fn default() -> Self {
        TierSettings { a_from: 5_000_000, b_from: 1_000_000 }
    }
}

impl Default for VisitSettings {
    fn default() -> Self {
        let shipped = shipped_holidays();
        VisitSettings {
            a_every_days: Tier::A.default_cadence_days(),
            b_every_days: Tier::B.default_cadence_days(),
            c_every_days: Tier::C.default_cadence_days(),
            working_week: ["mon", "tue", "wed", "thu", "fri"].map(String::from).to_vec(),
            holidays: shipped.holidays,
            make_up_days: shipped.make_up_days,
            link_window_days: 3,
        }
    }
}

impl TierSettings {
    /// The tier an annual purchase amount earns.
    pub fn tier_for(&self, annual_purchase: Money) -> Tier {
        let yuan = annual_purchase.cents() / 100;
        if yuan >= self.a_from {
            Tier::A
        } else if yuan >= self.b_from {
            Tier::B
        } else {
            Tier::C
        }
    }
}

impl VisitSettings {
    pub fn cadence_days(&self, tier: Tier) -> u32 {
        let days = match tier {
            Tier::A => self.a_every_days,
            Tier::B => self.b_every_days,
            Tier::C => self.c_every_days,
        };
        days.clamp(1, 3660)
    }
}

/// The default place of the config file.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "kam").map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Reads the config at `path`. Returns the settings to use and, when the
/// file is broken, the message saying where.
pub fn load(path: &Path) -> (Config, Option<String>) {
    match std::fs::read_to_string(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), None),
        Err(e) => (Config::default(), Some(format!("{}: {e}", path.display()))),
        Ok(text) => match parse(&text) {
            Err(e) => (Config::default(), Some(format!("{}: {e}", path.display()))),
            // Days that are not days are left out, and said.
            Ok(mut config) => {
                let mut problems = config.visits.problems();
                // An assessment whose weights do not add up is not used:
                // the defaults score the month, and the file is named.
                let wrong = config.assessment.problems();
                if !wrong.is_empty() {
                    config.assessment = AssessmentSettings::default();
                    problems.extend(wrong);
                }
                let warning = (!problems.is_empty()).then(|| format!("{}: {}", path.display(), problems.join("; ")));
                (config, warning)
            }
        },
    }
}

/// Parses config text; the error names the line and column.
pub fn parse(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|e| {
        let place = e
            .span()
            .map(|span| {
                let before = &text[..span.start.min(text.len())];
                let line = before.matches('\n').count() + 1;
                let column = before.rsplit('\n').next().map(|l| l.chars().count() + 1).unwrap_or(1);
                format!("line {line}, column {column}: ")
            })
            .unwrap_or_default();
        format!("{place}{}", e.message())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_file_keeps_the_other_defaults() {
        let config = parse("[tiers]\na_from = 8000000\n").expect("parses");
        assert_eq!(config.tiers.a_from, 8_000_000);
        assert_eq!(config.tiers.b_from, 1_000_000);
        assert_eq!(config.accounts, AccountSettings::default());
        assert_eq!(parse("").expect("empty"), Config::default());
    }

    #[test]
    fn a_broken_file_is_reported_with_its_line() {
        let error = parse("[tiers]\na_from = \"lots\"\n").expect_err("wrong type");
        assert!(error.starts_with("line 2"), "{error}");
        let error = parse("[accounts\nsegments = []").expect_err("bad syntax");
        assert!(error.starts_with("line 1"), "{error}");
    }

    #[test]
    fn a_missing_file_is_the_defaults_and_a_broken_one_too() {
        let dir = tempfile::tempdir().expect("dir");
        let (config, warning) = load(&dir.path().join("none.toml"));
        assert_eq!((config, warning), (Config::default(), None));
        let broken = dir.path().join("broken.toml");
        std::fs::write(&broken, "visits = 3").expect("write");
        let (config, warning) = load(&broken);
        assert_eq!(config, Config::default());
        assert!(warning.is_some_and(|w| w.contains("line 1")));
    }

    #[test]
    fn tiers_follow_the_thresholds() {
        let tiers = TierSettings::default();
        assert_eq!(tiers.tier_for(Money::from_yuan(5_000_000)), Tier::A);
        assert_eq!(tiers.tier_for(Money::from_yuan(4_999_999)), Tier::B);
        assert_eq!(tiers.tier_for(Money::from_yuan(999_999)), Tier::C);
    }
}
