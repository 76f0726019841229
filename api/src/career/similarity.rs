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

use super::snapshot::{RoleNode, SkillWeight};

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

/// A role's needs, heaviest first, and their total weight.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoleNeeds {
    pub needs: Vec<Need>,
    pub total: f64,
}

/// Per skill id, the average over the roles that rate it with an O*NET importance of
/// `value(skill)` (0 when none does).
fn mean_over_rated(roles: &[RoleNode], value: impl Fn(&SkillWeight) -> f64) -> Vec<f64> {
    let mut sums: Vec<(f64, u32)> = Vec::new();
    for s in roles.iter().flat_map(|r| &r.skills) {
        let (Ok(i), Some(_)) = (usize::try_from(s.skill_id), s.importance) else {
            continue;
        };
        if i >= sums.len() {
            sums.resize(i + 1, (0.0, 0));
        }
        sums[i].0 += value(s);
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
pub fn needs_of(skills: &[SkillWeight], mean: &[f64]) -> RoleNeeds {
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
    let total = needs.iter().map(|n| n.weight).sum();
    RoleNeeds { needs, total }
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
    pub job_zone: Option<i32>,
}

impl Holder {
    /// `held` readied against the roles' mean levels.
    pub fn new(held: Held, mean_level: &[f64], job_zone: Option<i32>) -> Self {
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
        for need in &needs.needs {
            if let Some(have) = self.held.level(need.skill_id) {
                parts.add(need, have, self.weight(need.skill_id));
            }
        }
        parts
    }

    /// The fit to a role with `needs` and job zone `job_zone`.
    pub fn fit(&self, needs: &RoleNeeds, job_zone: Option<i32>) -> Fit {
        self.fit_of(self.parts(needs), needs, job_zone)
    }

    /// The fit made of `parts`.
    pub fn fit_of(&self, parts: Parts, needs: &RoleNeeds, job_zone: Option<i32>) -> Fit {
        self.fit_with_total(parts, needs, job_zone, self.weight_total)
    }

    /// The fit made of `parts` for a holder whose distinctiveness totals `weight_total` (one
    /// skill more or less than this one's).
    pub fn fit_with_total(
        &self,
        parts: Parts,
        needs: &RoleNeeds,
        job_zone: Option<i32>,
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
pub fn zone_cost(from: Option<i32>, to: Option<i32>) -> f64 {
    match (from, to) {
        (Some(a), Some(b)) => ZONE_STEP_COST * f64::from(((b - a).abs() - 1).max(0)),
        _ => 0.0,
    }
}

/// Every role's needs and its nearest roles by similarity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Similarity {
    /// Per role index.
    pub needs: Vec<RoleNeeds>,
    /// Per skill id: the mean level over the roles that rate it (a holder's distinctiveness
    /// is measured against it).
    pub mean_level: Vec<f64>,
    /// Per role A: the roles B it is most similar to, with the similarity of A to B (at least
    /// [`SIMILARITY_FLOOR`]); at most [`NEAREST`], most similar first (ties by index).
    pub nearest: Vec<Vec<(u32, f32)>>,
}

impl Similarity {
    /// Needs and nearest roles of `roles`.
    pub fn build(roles: &[RoleNode]) -> Self {
        let mean = mean_importance(roles);
        let mean_level = mean_level(roles);
        let needs: Vec<RoleNeeds> = roles.iter().map(|r| needs_of(&r.skills, &mean)).collect();
        let n = roles.len();
        let matrix = matrix(roles, &needs, &mean_level);
        let nearest = (0..n)
            .map(|a| {
                let row = &matrix[a * n..(a + 1) * n];
                let mut best: Vec<(u32, f32)> = row
                    .iter()
                    .enumerate()
                    .filter(|&(b, &s)| b != a && f64::from(s) >= SIMILARITY_FLOOR)
                    .map(|(b, &s)| (b as u32, s))
                    .collect();
                let by_similarity =
                    |x: &(u32, f32), y: &(u32, f32)| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0));
                if best.len() > NEAREST {
                    best.select_nth_unstable_by(NEAREST - 1, by_similarity);
                    best.truncate(NEAREST);
                }
                best.sort_by(by_similarity);
                best
            })
            .collect();
        Self {
            needs,
            mean_level,
            nearest,
        }
    }

    /// Role `a` as a holder of its own skills.
    pub fn holder(&self, roles: &[RoleNode], a: usize) -> Holder {
        Holder::of_role(&roles[a], &self.mean_level)
    }

    /// The fit of role `a`'s own skills to role `b` (1 for a role and itself).
    pub fn of(&self, roles: &[RoleNode], a: usize, b: usize) -> f64 {
        if a == b {
            return 1.0;
        }
        self.holder(roles, a)
            .fit(&self.needs[b], roles[b].job_zone)
            .score
    }
}

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
    /// New job zone − old, when both are known.
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

impl super::GraphSnapshot {
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
            job_zone_gap: ra.job_zone.zip(rb.job_zone).map(|(x, y)| y - x),
            wage_ratio: pay_ratio(ra, rb),
        }
    }
}

/// Similarity of every ordered pair, row-major: `m[a * n + b]` is the fit of `a`'s own skills
/// to `b`. One pass per target role over an inverted index (skill → holders, their levels and
/// distinctiveness), so the work is the number of (need, holder) pairs, not n² × skills.
pub fn matrix(roles: &[RoleNode], needs: &[RoleNeeds], mean_level: &[f64]) -> Vec<f32> {
    let n = roles.len();
    let holders: Vec<Holder> = roles
        .iter()
        .map(|r| Holder::of_role(r, mean_level))
        .collect();
    let max_id = roles
        .iter()
        .flat_map(|r| r.skills.iter().map(|s| s.skill_id))
        .max()
        .unwrap_or(0)
        .max(0) as usize;
    let mut by_skill: Vec<Vec<(u32, f64, f64)>> = vec![Vec::new(); max_id + 1];
    for (a, holder) in holders.iter().enumerate() {
        for id in holder.held.skill_ids() {
            if let Some(level) = holder.held.level(id) {
                by_skill[id as usize].push((a as u32, level, holder.weight(id)));
            }
        }
    }
    // Column b (every role's fit to b) is independent of the others: split the columns over
    // the cores, then transpose to rows.
    let mut columns = vec![0.0_f32; n * n];
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get().min(4));
    let per_thread = n.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (t, chunk) in columns.chunks_mut(per_thread * n.max(1)).enumerate() {
            let (by_skill, holders) = (&by_skill, &holders);
            scope.spawn(move || {
                let mut parts = vec![Parts::default(); n];
                for (k, column) in chunk.chunks_mut(n).enumerate() {
                    let b = t * per_thread + k;
                    column_of(b, roles, &needs[b], holders, by_skill, &mut parts, column);
                }
            });
        }
    });
    let mut m = vec![0.0_f32; n * n];
    for b in 0..n {
        for a in 0..n {
            m[a * n + b] = columns[b * n + a];
        }
    }
    m
}

/// Every role's fit to role `b`, into `column` (by role index).
fn column_of(
    b: usize,
    roles: &[RoleNode],
    nb: &RoleNeeds,
    holders: &[Holder],
    by_skill: &[Vec<(u32, f64, f64)>],
    parts: &mut [Parts],
    column: &mut [f32],
) {
    column.iter_mut().for_each(|x| *x = 0.0);
    column[b] = 1.0;
    if nb.total <= 0.0 {
        return;
    }
    parts.iter_mut().for_each(|p| *p = Parts::default());
    for need in &nb.needs {
        let Some(list) = usize::try_from(need.skill_id)
            .ok()
            .and_then(|i| by_skill.get(i))
        else {
            continue;
        };
        for &(a, have, weight) in list {
            parts[a as usize].add(need, have, weight);
        }
    }
    for (a, (x, p)) in column.iter_mut().zip(parts.iter()).enumerate() {
        if a != b && p.stated > 0.0 {
            *x = holders[a].fit_of(*p, nb, roles[b].job_zone).score as f32;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;

    /// A skill of a test role: (id, importance, level, share).
    pub type TestSkill = (i32, Option<f64>, Option<f64>, Option<f64>);

    /// A role whose skills are (id, importance, level) or, with importance `None`, curated
    /// (share) skills.
    pub fn role(i: usize, skills: &[TestSkill]) -> RoleNode {
        RoleNode {
            id: i as i32 + 1,
            slug: format!("r{i:03}"),
            title: format!("Role {i:03}"),
            salary: Some(50_000 + 1_000 * i as i32),
            pay: Default::default(),
            job_zone: Some(2 + (i % 3) as i32),
            skills: skills
                .iter()
                .map(|&(skill_id, importance, level, share)| SkillWeight {
                    skill_id,
                    share_pct: share,
                    importance,
                    level,
                    rank: None,
                })
                .collect(),
            certifications: Vec::new(),
        }
    }

    /// Roles with O*NET-like needs (importance, level) and curated shares over `skills` ids.
    pub fn arb_roles(max_roles: usize) -> impl Strategy<Value = Vec<RoleNode>> {
        let skill = (
            1i32..12,
            prop::option::of(10u8..=50),
            prop::option::of(0u8..=70),
            prop::option::of(1u8..=90),
        );
        prop::collection::vec(prop::collection::vec(skill, 0..8), 1..max_roles).prop_map(|roles| {
            roles
                .into_iter()
                .enumerate()
                .map(|(i, skills)| {
                    let mut seen = std::collections::HashSet::new();
                    let skills: Vec<_> = skills
                        .into_iter()
                        .filter(|s| seen.insert(s.0))
                        .map(|(id, imp, lv, share)| {
                            let importance = imp.map(|x| f64::from(x) / 10.0);
                            // O*NET states importance and level together.
                            let level = importance.and(lv.map(|x| f64::from(x) / 10.0));
                            (id, importance, level, share.map(f64::from))
                        })
                        .collect();
                    role(i, &skills)
                })
                .collect()
        })
    }

    /// A holder of `claims` against mean levels of 0 (every level held is distinctive).
    fn holder(claims: &[(i32, Option<f64>)]) -> Holder {
        Holder::new(Held::new(claims.iter().copied()), &[], None)
    }

    #[test]
    fn fit_combines_coverage_and_usage_as_documented() {
        let b = role(
            1,
            &[
                (1, Some(5.0), Some(4.0), None),
                (2, Some(3.0), Some(2.0), None),
                (3, Some(1.0), Some(6.0), None),
            ],
        );
        // Against an average importance of 1: weights 1 + 0.1, 0.5 + 0.06 and 0 + 0.02.
        let needs = needs_of(&b.skills, &[1.0; 4]);
        assert_eq!(needs.needs.len(), 3);
        assert!((needs.total - 1.68).abs() < 1e-12);
        let h = holder(&[(1, Some(2.0)), (2, None)]);
        let fit = h.fit(&needs, None);
        // Coverage: 1.1 · (2/4)² + 0.56 · 1 = 0.835 of 1.66 stated + 0.15 · 0.02 unstated.
        assert!((fit.coverage - 0.835 / (1.66 + 0.15 * 0.02)).abs() < 1e-12);
        // Usage: skill 1 held at 2 (distinctiveness 2.2 / 7) used in full (4 ≥ 2); skill 2
        // claimed without a level (0.25) used by √((3 − 1) / 4).
        let (p1, p2) = (2.2 / 7.0, UNLEVELED_WEIGHT);
        let usage = (p1 + p2 * 0.5_f64.sqrt()) / (p1 + p2);
        assert!((fit.usage - usage).abs() < 1e-12);
        let expected = fit.coverage.powf(0.4) * usage.powf(0.6);
        assert!((fit.score - expected).abs() < 1e-12);
        assert_eq!(holder(&[]).fit(&needs, None).score, 0.0);
    }

    #[test]
    fn under_qualified_costs_more_than_over_qualified_and_far_over_is_no_fit() {
        let b = role(0, &[(1, Some(4.0), Some(4.0), None)]);
        let needs = needs_of(&b.skills, &[1.0; 2]);
        let at = |level: f64| holder(&[(1, Some(level))]).fit(&needs, None).score;
        assert!((at(4.0) - 1.0).abs() < 1e-12);
        // One level short: (3/4)² coverage; one level over: 4/5 of the skill used.
        assert!(at(5.0) > at(3.0), "{} vs {}", at(5.0), at(3.0));
        assert!(at(7.0) < at(5.0));
        assert!(at(7.0) < 0.75);
    }

    #[test]
    fn unstated_needs_weigh_less_when_claims_state_levels() {
        let b = role(
            0,
            &[
                (1, Some(4.0), Some(4.0), None),
                (2, Some(4.0), Some(4.0), None),
            ],
        );
        let needs = needs_of(&b.skills, &[1.0; 3]);
        let leveled = holder(&[(1, Some(4.0))]).fit(&needs, None);
        assert!((leveled.coverage - 1.0 / (1.0 + UNSTATED_WITH_LEVELS)).abs() < 1e-12);
        let plain = holder(&[(1, None)]).fit(&needs, None);
        assert!((plain.coverage - 0.5).abs() < 1e-12);
    }

    #[test]
    fn the_pay_gate_compares_like_for_like() {
        use crate::career::snapshot::RolePay;
        let with = |own: Option<i32>, benchmark: Option<(i32, i32)>, soc: &str| {
            let mut r = role(0, &[]);
            r.pay = RolePay {
                own,
                benchmark,
                occupation: Some(soc.to_owned()),
            };
            r
        };
        // Both with pay of their own: compared.
        let a = with(Some(100_000), Some((190_000, 7)), "11-3021");
        let b = with(Some(120_000), Some((190_000, 7)), "11-3021");
        assert_eq!(pay_ratio(&a, &b), Some(1.2));
        // One own figure against a benchmark of the same occupation: no pair, the gate passes.
        let c = with(None, Some((190_000, 7)), "11-3021");
        assert_eq!(pay_ratio(&a, &c), None);
        // Two occupations' benchmarks of one release are compared; of two releases, not.
        let d = with(None, Some((95_000, 7)), "15-1244");
        assert_eq!(pay_ratio(&d, &c), Some(2.0));
        let e = with(None, Some((95_000, 6)), "15-1244");
        assert_eq!(pay_ratio(&e, &c), None);
    }

    #[test]
    fn a_far_job_zone_costs_a_tenth_per_zone_beyond_one() {
        assert_eq!(zone_cost(Some(5), Some(4)), 0.0);
        assert_eq!(zone_cost(Some(2), Some(3)), 0.0);
        assert!((zone_cost(Some(5), Some(2)) - 0.2).abs() < 1e-12);
        assert!((zone_cost(Some(1), Some(3)) - 0.1).abs() < 1e-12);
        assert_eq!(zone_cost(None, Some(3)), 0.0);
    }

    #[test]
    fn a_rich_profile_is_not_a_fit_for_a_role_that_uses_little_of_it() {
        // An executive-like role (many distinctive skills, high levels) and a role that needs
        // one of them at a low level: the executive covers it, but it uses little of them.
        let exec = role(
            0,
            &[
                (1, Some(4.5), Some(5.0), None),
                (2, Some(4.5), Some(5.0), None),
                (3, Some(4.0), Some(4.5), None),
                (4, Some(3.0), Some(2.0), None),
            ],
        );
        let guard = role(1, &[(4, Some(3.0), Some(2.0), None)]);
        let roles = vec![exec, guard];
        let s = Similarity::build(&roles);
        let to_guard = s.of(&roles, 0, 1);
        assert!(to_guard < 0.3, "{to_guard}");
        assert!(s.nearest[0].iter().all(|&(b, _)| b != 1));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn similarity_is_one_on_the_diagonal_within_bounds_and_matches_direct_scores(roles in arb_roles(12)) {
            let s = Similarity::build(&roles);
            let m = matrix(&roles, &s.needs, &s.mean_level);
            let n = roles.len();
            for a in 0..n {
                prop_assert_eq!(m[a * n + a], 1.0);
                for b in 0..n {
                    let v = m[a * n + b];
                    prop_assert!((0.0..=1.0).contains(&v));
                    let direct = s.of(&roles, a, b);
                    prop_assert!((f64::from(v) - direct).abs() < 1e-5, "{a}->{b}: {v} vs {direct}");
                }
                for w in s.nearest[a].windows(2) {
                    prop_assert!(w[0].1 >= w[1].1);
                }
                prop_assert!(s.nearest[a].iter().all(|&(b, v)| b as usize != a && f64::from(v) >= SIMILARITY_FLOOR));
            }
        }

        #[test]
        fn a_role_fits_its_own_needs_fully(roles in arb_roles(6)) {
            let s = Similarity::build(&roles);
            for (r, role) in roles.iter().enumerate() {
                if s.needs[r].total > 0.0 {
                    let fit = Holder::of_role(role, &s.mean_level).fit(&s.needs[r], role.job_zone);
                    prop_assert!((fit.score - 1.0).abs() < 1e-12, "{fit:?}");
                }
            }
        }
    }
}
