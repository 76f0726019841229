//! The gate values of a transition between two roles and whether each passes: shown on
//! route steps, similar roles and matches alike.

use async_graphql::SimpleObject;

use super::kit::round;
use crate::career::similarity::{SimilarGates, Transition};

/// The gate values of a transition and whether each passes (nesta's career-causeways gates
/// on our similarity scale; see README "Matching and similarity").
#[derive(SimpleObject, Clone, Copy)]
pub struct TransitionGates {
    /// The fit of the old role's own skills to the new one (the `matchRoles` score), 0–1.
    pub similarity: f64,
    /// Whether `similarity` reaches the viability threshold for moves (0.7).
    pub viable: bool,
    /// Whether `similarity` reaches the high-viability threshold for moves (0.8).
    pub highly_viable: bool,
    /// Whether `similarity` reaches the gate asked (`minSimilarity`, default 0.7).
    pub similarity_ok: bool,
    /// Job-zone steps from old to new (new − old with O*NET's 1–5; steps in the imported Job
    /// Zone Reference's order when it numbers zones otherwise), when both are known.
    pub job_zone_gap: Option<i32>,
    /// Whether the job-zone step is within the gate (`maxJobZoneGap`, default 1; unknown passes).
    pub job_zone_ok: bool,
    /// New pay ÷ old, like for like (see `SalaryChange`), when such a pair is known.
    pub wage_ratio: Option<f64>,
    /// Whether the pay ratio is within the gate (`minWageRatio`, default 0.75; unknown passes).
    pub wage_ok: bool,
    /// Whether all three gates pass.
    pub passes: bool,
}

impl TransitionGates {
    pub(crate) fn new(t: Transition, gates: SimilarGates) -> Self {
        use crate::career::similarity::{HIGHLY_VIABLE, VIABLE};
        Self {
            similarity: round(t.similarity),
            viable: t.similarity >= VIABLE,
            highly_viable: t.similarity >= HIGHLY_VIABLE,
            similarity_ok: t.similar_enough(&gates),
            job_zone_gap: t.job_zone_gap,
            job_zone_ok: t.job_zone_ok(&gates),
            wage_ratio: t.wage_ratio.map(round),
            wage_ok: t.wage_ok(&gates),
            passes: t.passes(&gates),
        }
    }
}
