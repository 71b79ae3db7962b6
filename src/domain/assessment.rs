//! The rep's monthly assessment (月度考核, SPEC §2 and §6): items with
//! weights that sum to 100, each scored by a method that is data — linear
//! with a cap, stepped tiers, or manual 0–100 — and each score with the
//! formula that made it, so the rep can defend it to the manager.

use serde::{Deserialize, Serialize};

/// Where an item's actual figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Won amount in the month against the month's sales target.
    Sales,
    /// Money received in the month against the collections target.
    Collections,
    /// Accounts created in the month against the new-accounts target.
    NewAccounts,
    /// Planned visits done out of those due (%), against the item's target %.
    VisitCompliance,
    /// Complaints of the month answered by their deadline (%).
    Care,
    /// Working days with the daily report written by the next day (%).
    DailyReports,
    /// Nothing computed: the manager's points only.
    Manual,
}

impl Source {
    /// Money sources compare amounts; the others counts or percents.
    pub fn is_money(self) -> bool {
        matches!(self, Source::Sales | Source::Collections)
    }

    /// Rate sources take their target from the item (a percent), the
    /// others from the month's targets.
    pub fn is_rate(self) -> bool {
        matches!(self, Source::VisitCompliance | Source::Care | Source::DailyReports)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MethodKind {
    Linear,
    Stepped,
    Manual,
}

/// How attainment becomes points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Method {
    /// Points = attainment %, at most `cap`.
    Linear { cap: f64 },
    /// The points of the highest step reached: (attainment % from, points).
    Stepped { steps: Vec<(f64, f64)> },
    /// Points 0–100 set by hand, with who and why.
    Manual,
}

/// Points given by hand for a manual item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManualPoints {
    pub points: u8,
    pub set_by: String,
    pub reason: String,
}

/// One item scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scored {
    /// Actual ÷ target × 100, when there is a target.
    pub attainment: Option<f64>,
    pub points: f64,
    /// The arithmetic, in numbers: `min(85.0, 120) = 85.0`.
    pub formula: String,
}

/// Rounds to two decimals, as every figure of the form is shown.
pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// Actual out of target in percent; none without a target.
pub fn attainment(actual: f64, target: f64) -> Option<f64> {
    (target > 0.0).then(|| round2(actual / target * 100.0))
}

fn num(x: f64) -> String {
    let text = format!("{:.2}", round2(x));
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

impl Method {
    /// Scores an attainment (manual items take their points as given).
    pub fn score(&self, attainment: Option<f64>, manual: Option<&ManualPoints>) -> Scored {
        match self {
            Method::Manual => {
                let points = manual.map_or(0.0, |m| f64::from(m.points.min(100)));
                let formula = match manual {
                    Some(m) => format!("{} ({})", num(points), m.set_by),
                    None => "—".to_string(),
                };
                Scored { attainment, points, formula }
            }
            Method::Linear { cap } => match attainment {
                Some(a) => {
                    let points = round2(a.min(*cap).max(0.0));
                    Scored { attainment, points, formula: format!("min({}, {}) = {}", num(a), num(*cap), num(points)) }
                }
                None => Scored { attainment, points: 0.0, formula: "—".to_string() },
            },
            Method::Stepped { steps } => match attainment {
                Some(a) => {
                    let mut sorted = steps.clone();
                    sorted.sort_by(|x, y| y.0.total_cmp(&x.0));
                    let reached = sorted.iter().find(|(from, _)| a >= *from);
                    let points = reached.map_or(0.0, |(_, p)| *p);
                    let formula = match reached {
                        Some((from, p)) => format!("{} ≥ {} → {}", num(a), num(*from), num(*p)),
                        None => format!("{} < {} → 0", num(a), num(sorted.last().map_or(0.0, |s| s.0))),
                    };
                    Scored { attainment, points, formula }
                }
                None => Scored { attainment, points: 0.0, formula: "—".to_string() },
            },
        }
    }
}

/// Points × weight ÷ 100.
pub fn weighted(points: f64, weight: u32) -> f64 {
    round2(points * f64::from(weight) / 100.0)
}

/// The grade thresholds: A from `a`, B from `b`, C from `c`, else D.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Grades {
    pub a: f64,
    pub b: f64,
    pub c: f64,
}

impl Default for Grades {
    fn default() -> Self {
        Grades { a: 90.0, b: 75.0, c: 60.0 }
    }
}

impl Grades {
    pub fn grade(&self, total: f64) -> char {
        if total >= self.a {
            'A'
        } else if total >= self.b {
            'B'
        } else if total >= self.c {
            'C'
        } else {
            'D'
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_method_scores_and_shows_its_arithmetic() {
        let linear = Method::Linear { cap: 120.0 };
        let capped = linear.score(attainment(150.0, 100.0), None);
        assert_eq!((capped.points, capped.formula.as_str()), (120.0, "min(150, 120) = 120"));
        assert_eq!(linear.score(attainment(37.5, 100.0), None).points, 37.5);
        assert_eq!(linear.score(attainment(5.0, 0.0), None).points, 0.0);
        let stepped = Method::Stepped { steps: vec![(50.0, 50.0), (100.0, 100.0), (80.0, 80.0)] };
        let s = stepped.score(Some(85.0), None);
        assert_eq!((s.points, s.formula.as_str()), (80.0, "85 ≥ 80 → 80"));
        assert_eq!(stepped.score(Some(49.99), None).points, 0.0);
        let manual = ManualPoints { points: 70, set_by: "王经理".into(), reason: "两起投诉".into() };
        assert_eq!(Method::Manual.score(None, Some(&manual)).points, 70.0);
        assert_eq!(Method::Manual.score(None, None).points, 0.0);
        assert_eq!(weighted(120.0, 40), 48.0);
        assert_eq!(Grades::default().grade(89.99), 'B');
        assert_eq!(Grades::default().grade(59.0), 'D');
    }
}
