//! What roles need, how well a holder of skills fits a role, and role-to-role similarity.
//!
//! One measure serves people and roles alike. A **holder** (a person's claims, or a role's own
//! skills) fits role B by two shares, combined by a weighted geometric mean, less a cost for
//! far job-zone steps:
//!
//! ```text
//! fit(H, B)   = clamp(coverage^0.4 · usage^0.6 − 0.1 · max(|zone_B − zone_H| − 1, 0), 0, 1)
//! coverage    = Σ_{s stated} w_B(s) · min(have(s) / level_B(s), 1)²
//!               / (Σ_{s stated} w_B(s) + λ · Σ_{s unstated} w_B(s))
//! usage       = Σ_{s held} p_H(s) · min(level_B(s) / have(s), 1) / Σ_{s held} p_H(s)
//! w_B(s)      = max(I_B(s) − Ī(s), 0) / 4 + 0.1 · I_B(s) / 5       O*NET importance I (1–5)
//!             = share_B(s) / B's highest share                      curated skills (share only)
//! p_H(s)      = (max(have(s) − L̄(s), 0) + 0.1 · have(s)) / 7        L̄(s): mean level over roles
//! λ           = 0.15 when any claim states a level, else 1
//! ```
//!
//! *Coverage* is how much of B's needs the holder meets at the levels B asks (a shortfall costs
//! more than in proportion); *usage* is how much of what sets the holder apart B makes use of
//! (a crossing guard uses almost nothing of an executive's profile, so an executive is not a
//! crossing guard however well they cover its needs). A claim without a level counts as met
//! and, for usage, by B's importance of the skill. Needs the holder did not state count with
//! weight λ: a profile with levels lists what was assessed, so what it leaves out is mostly
//! unknown rather than absent. The similarity of role A to role B is `fit(A's skills, B)`:
//! asymmetric, 1 on the diagonal, in [0, 1]. Every pair is computed once per snapshot from an
//! inverted index (skill → roles holding it); each role keeps its [`NEAREST`] most similar
//! roles as computed `similar` moves. README "Matching and similarity" gives the benchmark
//! that chose these numbers.

use super::snapshot::{RoleNode, RoleSkills, SkillWeight};
use super::zones::JobZone;

mod gates;
mod pairs;

pub use gates::{SimilarGates, Transition, pay_ratio, wage_ratio};
pub use pairs::{Similarity, matrix};

/// Similarity at or above which a move between roles is viable: about the top 5 % of all
/// ordered role pairs on the full O*NET data (see README "Matching and similarity").
pub const VIABLE: f64 = 0.70;
/// Similarity at or above which a move between roles is highly viable (about the top 1 %).
pub const HIGHLY_VIABLE: f64 = 0.80;
/// Score at or above which a person's match is viable (the same scale as roles: the measure
/// discounts what a person did not state).
pub const VIABLE_MATCH: f64 = VIABLE;
/// Score at or above which a person's match is highly viable.
pub const HIGHLY_VIABLE_MATCH: f64 = HIGHLY_VIABLE;
/// Largest default job-zone step up for a transition (nesta's career causeways).
pub const MAX_JOB_ZONE_GAP: i32 = 1;
/// Smallest default ratio of the new pay to the old (nesta's "desirable" transitions).
pub const MIN_WAGE_RATIO: f64 = 0.75;
/// Most similar roles kept per role, as computed `similar` moves.
pub const NEAREST: usize = 30;
/// Least similarity of a kept computed move (queries gate higher).
pub const SIMILARITY_FLOOR: f64 = 0.30;
/// Exponent of coverage in the fit (usage takes the rest, `1 − COVERAGE_EXPONENT`).
pub const COVERAGE_EXPONENT: f64 = 0.4;
/// Weight of an unstated need when any claim states a level (λ).
pub const UNSTATED_WITH_LEVELS: f64 = 0.15;
/// Weight of an unstated need when no claim states a level.
pub const UNSTATED_WITHOUT_LEVELS: f64 = 1.0;
/// Fit lost per job zone beyond one step between holder and role.
pub const ZONE_STEP_COST: f64 = 0.1;
/// Distinctiveness of a skill claimed without a level (about that of a skill held one level
/// above the average role, on the 0–7 scale).
pub const UNLEVELED_WEIGHT: f64 = 0.25;
/// Share of a need's plain importance that counts besides its distinctive part.
pub const GENERIC_SHARE: f64 = 0.1;

/// One thing a role needs, normalised for matching.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Need {
    pub skill_id: i32,
    /// Weight in (0, 1].
    pub weight: f64,
    /// Level needed on O*NET's 0–7 scale; `None` when presence is enough.
    pub level: Option<f64>,
    /// O*NET importance (1–5), when stated.
    pub importance: Option<f64>,
}

/// A role's needs, heaviest first, and their total weight. Each need is held in 32 bytes
/// instead of 48 (an absent level or importance is NaN, which neither can be: see
/// [`needs_of`]), so scoring reads them with nothing to decode.
#[derive(Clone, Debug, Default)]
pub struct RoleNeeds {
    rows: Box<[NeedRow]>,
    /// Sum of the needs' weights.
    pub total: f64,
}

/// A [`Need`] as stored in [`RoleNeeds`]: `level` and `importance` NaN when absent.
#[derive(Clone, Copy, Debug)]
struct NeedRow {
    weight: f64,
    level: f64,
    importance: f64,
    skill_id: i32,
}

/// `value`, or NaN for `None`.
fn or_nan(value: Option<f64>) -> f64 {
    value.unwrap_or(f64::NAN)
}

/// `None` for NaN.
#[inline]
fn unless_nan(value: f64) -> Option<f64> {
    (!value.is_nan()).then_some(value)
}

/// Equal when the needs' values are (as for `Vec<Need>`), whatever their codes.
impl PartialEq for RoleNeeds {
    fn eq(&self, other: &Self) -> bool {
        self.total == other.total && self.iter().eq(other.iter())
    }
}

impl RoleNeeds {
    /// From needs already in order (heaviest first); `total` is their weights' sum. A level
    /// or importance must not be NaN (as [`needs_of`] ensures).
    fn new(needs: &[Need]) -> Self {
        debug_assert!(
            needs.iter().all(
                |n| !n.level.is_some_and(f64::is_nan) && !n.importance.is_some_and(f64::is_nan)
            )
        );
        let rows = needs
            .iter()
            .map(|n| NeedRow {
                weight: n.weight,
                level: or_nan(n.level),
                importance: or_nan(n.importance),
                skill_id: n.skill_id,
            })
            .collect();
        Self {
            rows,
            total: needs.iter().map(|n| n.weight).sum(),
        }
    }

    /// The needs, heaviest first.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Need> + Clone + '_ {
        self.rows.iter().map(|row| self.need(row))
    }

    /// Need `i` (heaviest first).
    pub fn get(&self, i: usize) -> Option<Need> {
        self.rows.get(i).map(|row| self.need(row))
    }

    /// The skill ids needed, heaviest first (nothing to decode).
    pub fn skill_ids(&self) -> impl ExactSizeIterator<Item = i32> + '_ {
        self.rows.iter().map(|row| row.skill_id)
    }

    /// The needs `held` holds, heaviest first, with the level held; only these are decoded
    /// (the hot loop of scoring a person against every role).
    pub fn held_by<'a>(&'a self, held: &'a Held) -> impl Iterator<Item = (Need, f64)> + 'a {
        self.rows.iter().filter_map(move |row| {
            let have = held.level(row.skill_id)?;
            Some((self.need(row), have))
        })
    }

    /// Number of needs.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the role needs nothing.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    #[inline]
    fn need(&self, row: &NeedRow) -> Need {
        Need {
            skill_id: row.skill_id,
            weight: row.weight,
            level: unless_nan(row.level),
            importance: unless_nan(row.importance),
        }
    }
}

/// Per skill id, the average over the roles that rate it with an O*NET importance of
/// `value(skill)` (0 when none does).
fn mean_over_rated(roles: &[RoleNode], value: impl Fn(&SkillWeight) -> f64) -> Vec<f64> {
    let mut sums: Vec<(f64, u32)> = Vec::new();
    for s in roles.iter().flat_map(|r| r.skills.iter()) {
        let (Ok(i), Some(_)) = (usize::try_from(s.skill_id), s.importance) else {
            continue;
        };
        if i >= sums.len() {
            sums.resize(i + 1, (0.0, 0));
        }
        sums[i].0 += value(&s);
        sums[i].1 += 1;
    }
    sums.into_iter()
        .map(|(sum, n)| if n == 0 { 0.0 } else { sum / f64::from(n) })
        .collect()
}

/// Average O*NET importance of each skill over the roles that rate it, by skill id.
pub fn mean_importance(roles: &[RoleNode]) -> Vec<f64> {
    mean_over_rated(roles, |s| s.importance.unwrap_or(0.0))
}

/// Average O*NET level of each skill over the roles that rate it (an element O*NET marks not
/// relevant counts as level 0), by skill id.
pub fn mean_level(roles: &[RoleNode]) -> Vec<f64> {
    mean_over_rated(roles, |s| s.level.unwrap_or(0.0))
}

/// A role's skill weights as needs (see the module doc for the weights); `mean` is
/// [`mean_importance`] over all roles.
pub fn needs_of(skills: &RoleSkills, mean: &[f64]) -> RoleNeeds {
    let max_share = skills
        .iter()
        .filter_map(|s| s.share_pct)
        .fold(0.0_f64, f64::max);
    let mut needs: Vec<Need> = skills
        .iter()
        .filter_map(|s| {
            let (weight, level) = match (s.importance, s.share_pct) {
                (Some(importance), _) => {
                    let average = usize::try_from(s.skill_id)
                        .ok()
                        .and_then(|i| mean.get(i))
                        .copied()
                        .unwrap_or(importance);
                    let distinctive = (importance - average).max(0.0) / 4.0;
                    let plain = (importance / 5.0).clamp(0.0, 1.0);
                    (distinctive + GENERIC_SHARE * plain, s.level)
                }
                (None, Some(share)) if max_share > 0.0 => {
                    ((share / max_share).clamp(0.0, 1.0), None)
                }
                _ => (0.5, None),
            };
            // An O*NET element rated without a level (not relevant) or at level 0 asks for
            // nothing: no one falls short of it, and no one's skill is used by it.
            if s.importance.is_some() && !s.level.is_some_and(|l| l.is_finite() && l > 0.0) {
                return None;
            }
            let level = level.filter(|l| l.is_finite() && *l > 0.0);
            // A NaN or infinite importance gives a weight that is not finite: a kept need's
            // importance is finite (`RoleNeeds` stores an absent one as NaN).
            (weight > 0.0 && weight.is_finite()).then_some(Need {
                skill_id: s.skill_id,
                weight,
                level,
                importance: s.importance,
            })
        })
        .collect();
    needs.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(a.skill_id.cmp(&b.skill_id))
    });
    RoleNeeds::new(&needs)
}

/// How much of one need a held level meets, 0–1 (`None`: not held): `min(have / need, 1)²`;
/// a need without a level is met by any level above 0.
pub fn coverage(held: Option<f64>, need: &Need) -> f64 {
    match (held, need.level) {
        (None, _) => 0.0,
        (Some(have), None) => f64::from(u8::from(have > 0.0)),
        (Some(have), Some(level)) => (have / level).clamp(0.0, 1.0).powi(2),
    }
}

/// How much of a held skill a role makes use of, 0–1: `min(need / have, 1)` for a level held;
/// for a claim without a level, `√((importance − 1) / 4)` of the role's importance (a curated
/// skill, which asks for presence only: 1).
pub fn usage(have: f64, need: &Need) -> f64 {
    if have == Held::AT_NEEDED_LEVEL {
        return match need.importance {
            Some(importance) => ((importance - 1.0) / 4.0).clamp(0.0, 1.0).sqrt(),
            None => 1.0,
        };
    }
    match need.level {
        _ if have <= 0.0 => 0.0,
        None => 1.0,
        Some(level) => (level / have).clamp(0.0, 1.0),
    }
}

/// Levels held, by skill id (dense: ids are small). A skill held "at the level roles ask
/// for" has level +∞.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Held {
    levels: Vec<f64>,
}

impl Held {
    const ABSENT: f64 = f64::NEG_INFINITY;
    /// Held at whatever level a role asks for.
    pub const AT_NEEDED_LEVEL: f64 = f64::INFINITY;

    /// From (skill id, level) claims; a skill claimed twice counts at its higher level.
    pub fn new(claims: impl IntoIterator<Item = (i32, Option<f64>)>) -> Self {
        let mut held = Self::default();
        for (id, level) in claims {
            held.raise(id, level);
        }
        held
    }

    /// Holds `id` at least at `level` (`None`: at the level roles ask).
    pub fn raise(&mut self, id: i32, level: Option<f64>) {
        let Ok(i) = usize::try_from(id) else { return };
        if i >= self.levels.len() {
            self.levels.resize(i + 1, Self::ABSENT);
        }
        let level = level.unwrap_or(Self::AT_NEEDED_LEVEL);
        self.levels[i] = self.levels[i].max(level);
    }

    /// Holds `id` at exactly `level` (`None`: at the level roles ask), whatever was held.
    pub fn set(&mut self, id: i32, level: Option<f64>) {
        let Ok(i) = usize::try_from(id) else { return };
        if i >= self.levels.len() {
            self.levels.resize(i + 1, Self::ABSENT);
        }
        self.levels[i] = level.unwrap_or(Self::AT_NEEDED_LEVEL);
    }

    /// A role's own skills at the levels it states: an O*NET-rated element without a level
    /// (O*NET marks it not relevant) at level 0, a curated skill at the needed level.
    pub fn of_role(role: &RoleNode) -> Self {
        Self::new(role.skills.iter().map(|s| {
            let level = match (s.level, s.importance) {
                (Some(level), _) => Some(level),
                (None, Some(_)) => Some(0.0),
                (None, None) => None,
            };
            (s.skill_id, level)
        }))
    }

    /// The level held, when the skill is.
    pub fn level(&self, skill_id: i32) -> Option<f64> {
        let level = *self.levels.get(usize::try_from(skill_id).ok()?)?;
        (level != Self::ABSENT).then_some(level)
    }

    /// Ids of the skills held, ascending.
    pub fn skill_ids(&self) -> impl Iterator<Item = i32> + '_ {
        self.levels
            .iter()
            .enumerate()
            .filter(|(_, l)| **l != Self::ABSENT)
            .map(|(i, _)| i as i32)
    }
}

/// How distinctive holding `skill_id` at `have` is: `(max(have − L̄, 0) + 0.1 · have) / 7`, or
/// [`UNLEVELED_WEIGHT`] for a claim without a level.
pub fn distinctiveness(have: f64, skill_id: i32, mean_level: &[f64]) -> f64 {
    if have == Held::AT_NEEDED_LEVEL {
        return UNLEVELED_WEIGHT;
    }
    let average = usize::try_from(skill_id)
        .ok()
        .and_then(|i| mean_level.get(i))
        .copied()
        .unwrap_or(0.0);
    ((have - average).max(0.0) + GENERIC_SHARE * have.max(0.0)) / 7.0
}

/// A set of held skills readied for scoring: each skill's distinctiveness, their total, the
/// weight of unstated needs and the holder's job zone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Holder {
    pub held: Held,
    /// [`distinctiveness`] per skill id (0 when not held).
    weights: Vec<f64>,
    /// Sum of the distinctiveness of every skill held.
    pub weight_total: f64,
    /// λ: weight of a need the holder did not state.
    pub unstated: f64,
    /// The holder's O*NET job zone, when known.
    pub job_zone: Option<JobZone>,
}

impl Holder {
    /// `held` readied against the roles' mean levels.
    pub fn new(held: Held, mean_level: &[f64], job_zone: Option<JobZone>) -> Self {
        let mut weights = vec![0.0; held.levels.len()];
        let mut any_level = false;
        for id in held.skill_ids() {
            let have = held.levels[id as usize];
            weights[id as usize] = distinctiveness(have, id, mean_level);
            any_level |= have != Held::AT_NEEDED_LEVEL;
        }
        Self {
            weight_total: weights.iter().sum(),
            weights,
            held,
            unstated: if any_level {
                UNSTATED_WITH_LEVELS
            } else {
                UNSTATED_WITHOUT_LEVELS
            },
            job_zone,
        }
    }

    /// A role as a holder of its own skills.
    pub fn of_role(role: &RoleNode, mean_level: &[f64]) -> Self {
        Self::new(Held::of_role(role), mean_level, role.job_zone)
    }

    /// The distinctiveness of a held skill (0 when not held).
    pub fn weight(&self, skill_id: i32) -> f64 {
        usize::try_from(skill_id)
            .ok()
            .and_then(|i| self.weights.get(i))
            .copied()
            .unwrap_or(0.0)
    }

    /// The sums a fit is made of, against `needs`.
    pub fn parts(&self, needs: &RoleNeeds) -> Parts {
        let mut parts = Parts::default();
        for (need, have) in needs.held_by(&self.held) {
            parts.add(&need, have, self.weight(need.skill_id));
        }
        parts
    }

    /// The fit to a role with `needs` and job zone `job_zone`.
    pub fn fit(&self, needs: &RoleNeeds, job_zone: Option<JobZone>) -> Fit {
        self.fit_of(self.parts(needs), needs, job_zone)
    }

    /// The fit made of `parts`.
    pub fn fit_of(&self, parts: Parts, needs: &RoleNeeds, job_zone: Option<JobZone>) -> Fit {
        self.fit_with_total(parts, needs, job_zone, self.weight_total)
    }

    /// The fit made of `parts` for a holder whose distinctiveness totals `weight_total` (one
    /// skill more or less than this one's).
    pub fn fit_with_total(
        &self,
        parts: Parts,
        needs: &RoleNeeds,
        job_zone: Option<JobZone>,
        weight_total: f64,
    ) -> Fit {
        Fit::new(
            parts.coverage(needs.total, self.unstated),
            parts.usage(weight_total),
            zone_cost(self.job_zone, job_zone),
        )
    }
}

/// The sums of a fit: weight of needs met, weight of needs stated, distinctiveness used.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Parts {
    /// `Σ w_B(s) · coverage` over the needs held.
    pub met: f64,
    /// `Σ w_B(s)` over the needs held (stated).
    pub stated: f64,
    /// `Σ p_H(s) · usage` over the skills held that B needs.
    pub used: f64,
}

impl Parts {
    /// Counts need `need`, held at `have` with distinctiveness `weight`.
    pub fn add(&mut self, need: &Need, have: f64, weight: f64) {
        self.met += need.weight * coverage(Some(have), need);
        self.stated += need.weight;
        self.used += weight * usage(have, need);
    }

    /// Share of the role's needs met: unstated needs weigh `unstated` (λ).
    pub fn coverage(&self, total: f64, unstated: f64) -> f64 {
        let denominator = self.stated + unstated * (total - self.stated).max(0.0);
        if denominator <= 0.0 {
            0.0
        } else {
            (self.met / denominator).clamp(0.0, 1.0)
        }
    }

    /// Share of the holder's distinctiveness the role uses.
    pub fn usage(&self, weight_total: f64) -> f64 {
        if weight_total <= 0.0 {
            0.0
        } else {
            (self.used / weight_total).clamp(0.0, 1.0)
        }
    }
}

/// A holder's fit to one role, and its two shares.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Fit {
    /// Share of the role's needs met at the levels it asks, 0–1.
    pub coverage: f64,
    /// Share of what sets the holder apart that the role uses, 0–1.
    pub usage: f64,
    /// Fit lost to a far job-zone step.
    pub zone_cost: f64,
    /// `coverage^0.4 · usage^0.6 − zone_cost`, in [0, 1].
    pub score: f64,
}

impl Fit {
    fn new(coverage: f64, usage: f64, zone_cost: f64) -> Self {
        let both = coverage.powf(COVERAGE_EXPONENT) * usage.powf(1.0 - COVERAGE_EXPONENT);
        Self {
            coverage,
            usage,
            zone_cost,
            score: (both - zone_cost).clamp(0.0, 1.0),
        }
    }
}

/// [`ZONE_STEP_COST`] for each job zone beyond one between `from` and `to` (0 when either is
/// unknown).
pub fn zone_cost(from: Option<JobZone>, to: Option<JobZone>) -> f64 {
    match (from, to) {
        (Some(a), Some(b)) => ZONE_STEP_COST * f64::from((a.gap_to(b).abs() - 1).max(0)),
        _ => 0.0,
    }
}

#[cfg(test)]
pub(crate) mod tests;
