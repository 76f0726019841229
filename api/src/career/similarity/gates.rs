//! The gates a move between two roles must pass to be taken as a computed move: similarity,
//! job-zone step and pay ratio.

use super::*;

/// The thresholds a computed move must pass (nesta's career-causeways gates, our scale).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimilarGates {
    /// Least similarity (how much of the new role's needs the old one covers).
    pub min_similarity: f64,
    /// Largest job-zone step up; `None`: any. Unknown job zones pass.
    pub max_job_zone_gap: Option<i32>,
    /// Least ratio of the new pay to the old, like for like; `None`: any. Unknown or not
    /// comparable pay passes.
    pub min_wage_ratio: Option<f64>,
}

impl Default for SimilarGates {
    fn default() -> Self {
        Self {
            min_similarity: VIABLE,
            max_job_zone_gap: Some(MAX_JOB_ZONE_GAP),
            min_wage_ratio: Some(MIN_WAGE_RATIO),
        }
    }
}

/// The gate values of a transition from one role to another.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transition {
    /// How much of the new role's needs the old one covers, 0–1.
    pub similarity: f64,
    /// Steps from the old job zone to the new in the zones' reference (`JobZone::gap_to`),
    /// when both are known.
    pub job_zone_gap: Option<i32>,
    /// New pay ÷ old, like for like (see `SalaryChange`), when such a pair is known.
    pub wage_ratio: Option<f64>,
}

impl Transition {
    /// Whether the similarity gate holds.
    pub fn similar_enough(&self, gates: &SimilarGates) -> bool {
        self.similarity >= gates.min_similarity
    }
    /// Whether the job-zone gate holds (unknown passes).
    pub fn job_zone_ok(&self, gates: &SimilarGates) -> bool {
        match (gates.max_job_zone_gap, self.job_zone_gap) {
            (Some(max), Some(gap)) => gap <= max,
            _ => true,
        }
    }
    /// Whether the pay gate holds (unknown passes).
    pub fn wage_ok(&self, gates: &SimilarGates) -> bool {
        match (gates.min_wage_ratio, self.wage_ratio) {
            (Some(min), Some(ratio)) => ratio >= min,
            _ => true,
        }
    }
    /// Whether every gate holds.
    pub fn passes(&self, gates: &SimilarGates) -> bool {
        self.similar_enough(gates) && self.job_zone_ok(gates) && self.wage_ok(gates)
    }
}

/// `to ÷ from` when both pay figures are known and `from` is positive.
pub fn wage_ratio(from: Option<i32>, to: Option<i32>) -> Option<f64> {
    match (from, to) {
        (Some(from), Some(to)) if from > 0 => Some(f64::from(to) / f64::from(from)),
        _ => None,
    }
}

/// The pay ratio of a move from role `a` to role `b`, like for like (`RolePay::like_for_like`);
/// `None` (the gate passes: unknown) when no pair of one kind exists.
pub fn pay_ratio(a: &RoleNode, b: &RoleNode) -> Option<f64> {
    let ((x, y), _) = a.pay.like_for_like(&b.pay)?;
    wage_ratio(Some(x), Some(y))
}

impl crate::career::GraphSnapshot {
    /// The gate values of moving from role `a` to role `b` (indices).
    pub fn transition(&self, a: usize, b: usize) -> Transition {
        let (ra, rb) = (&self.roles[a], &self.roles[b]);
        // A kept computed move's similarity is already known; others are computed (≈ 70 needs).
        let kept = self.similarity.nearest[a]
            .iter()
            .find(|&&(x, _)| x as usize == b)
            .map(|&(_, s)| f64::from(s));
        Transition {
            similarity: kept.unwrap_or_else(|| self.similarity.of(&self.roles, a, b)),
            job_zone_gap: ra.job_zone.zip(rb.job_zone).map(|(x, y)| x.gap_to(y)),
            wage_ratio: pay_ratio(ra, rb),
        }
    }
}
