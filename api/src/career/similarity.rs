//! What roles need, how well a set of held skills covers it, and role-to-role similarity.
//!
//! One measure serves people and roles alike: the **coverage** of a role's needs by held
//! skills, each need weighted by how distinctive and important it is for the role, and met by
//! the square of the share of the level held (half the level meets a quarter of the need):
//!
//! ```text
//! coverage(held, B) = Σ_s w_B(s) · min(level_held(s) / level_B(s), 1)² / Σ_s w_B(s)
//! w_B(s) = max(I_B(s) − Ī(s), 0) / 4 + 0.1 · (I_B(s) − 1) / 4    (O*NET importance I, 1–5;
//!          Ī(s) its average over all roles: what sets the role apart counts most)
//!        = share / the role's highest share                      (curated skills: share only)
//! ```
//!
//! A skill held without a level, or needed without one (curated skills count by presence),
//! counts as met. The similarity of role A to role B is the coverage of B's needs by A's own
//! skills: asymmetric (a senior role covers a junior one better than the reverse), 1 on the
//! diagonal, in [0, 1]. Every pair is computed once per snapshot from an inverted index
//! (skill → roles holding it); each role keeps its [`NEAREST`] most similar roles as computed
//! `similar` moves.

use super::snapshot::{RoleNode, SkillWeight};

/// Similarity at or above which a move between roles is viable: about the top quarter of
/// all ordered role pairs on the full O*NET data (a role's profile rates every element, so
/// most pairs share a lot; see README "Matching and similarity").
pub const VIABLE: f64 = 0.80;
/// Similarity at or above which a move between roles is highly viable (about the top 8 %).
pub const HIGHLY_VIABLE: f64 = 0.90;
/// Score at or above which a person's match is viable. People list a dozen skills, not the
/// 68 rated elements of a role, so their scores sit on a lower scale: a web developer's
/// dozen skills score 0.51 for Web Developers.
pub const VIABLE_MATCH: f64 = 0.40;
/// Score at or above which a person's match is highly viable.
pub const HIGHLY_VIABLE_MATCH: f64 = 0.50;
/// Largest default job-zone step up for a transition (nesta's career causeways).
pub const MAX_JOB_ZONE_GAP: i32 = 1;
/// Smallest default ratio of the new pay to the old (nesta's "desirable" transitions).
pub const MIN_WAGE_RATIO: f64 = 0.75;
/// Most similar roles kept per role, as computed `similar` moves.
pub const NEAREST: usize = 30;
/// Least similarity of a kept computed move (nesta's "viable"; queries gate higher).
pub const SIMILARITY_FLOOR: f64 = 0.30;

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

/// Share of a need's plain importance that counts besides its distinctive part.
pub const GENERIC_SHARE: f64 = 0.1;

/// Average O*NET importance of each skill over the roles that state one, by skill id
/// (0 when none does).
pub fn mean_importance(roles: &[RoleNode]) -> Vec<f64> {
    let mut sums: Vec<(f64, u32)> = Vec::new();
    for s in roles.iter().flat_map(|r| &r.skills) {
        let (Ok(i), Some(importance)) = (usize::try_from(s.skill_id), s.importance) else {
            continue;
        };
        if i >= sums.len() {
            sums.resize(i + 1, (0.0, 0));
        }
        sums[i].0 += importance;
        sums[i].1 += 1;
    }
    sums.into_iter()
        .map(|(sum, n)| if n == 0 { 0.0 } else { sum / f64::from(n) })
        .collect()
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
                    let plain = ((importance - 1.0) / 4.0).clamp(0.0, 1.0);
                    (distinctive + GENERIC_SHARE * plain, s.level)
                }
                (None, Some(share)) if max_share > 0.0 => {
                    ((share / max_share).clamp(0.0, 1.0), None)
                }
                _ => (0.5, None),
            };
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

/// How much of one need a held level meets, 0–1 (`None`: not held): `min(have / need, 1)²`.
pub fn coverage(held: Option<f64>, need: &Need) -> f64 {
    match (held, need.level) {
        (None, _) => 0.0,
        (Some(_), None) => 1.0,
        (Some(have), Some(level)) => (have / level).clamp(0.0, 1.0).powi(2),
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
        let mut levels = Vec::new();
        for (id, level) in claims {
            let Ok(i) = usize::try_from(id) else { continue };
            if i >= levels.len() {
                levels.resize(i + 1, Self::ABSENT);
            }
            let level = level.unwrap_or(Self::AT_NEEDED_LEVEL);
            levels[i] = levels[i].max(level);
        }
        Self { levels }
    }

    /// A role's own skills at the levels it states (curated skills: at the needed level).
    pub fn of_role(role: &RoleNode) -> Self {
        Self::new(role.skills.iter().map(|s| (s.skill_id, s.level)))
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

/// The coverage of `needs` by `held`, 0–1 (0 for a role that needs nothing weighted).
pub fn score(held: &Held, needs: &RoleNeeds) -> f64 {
    if needs.total <= 0.0 {
        return 0.0;
    }
    let met: f64 = needs
        .needs
        .iter()
        .map(|n| n.weight * coverage(held.level(n.skill_id), n))
        .sum();
    (met / needs.total).clamp(0.0, 1.0)
}

/// Every role's needs and its nearest roles by similarity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Similarity {
    /// Per role index.
    pub needs: Vec<RoleNeeds>,
    /// Per role A: the roles B it is most similar to, with the similarity of A to B (how much
    /// of B's needs A covers, at least [`SIMILARITY_FLOOR`]); at most [`NEAREST`], ranked by
    /// mutual similarity `√(sim(A→B) · sim(B→A))` (ties by index).
    pub nearest: Vec<Vec<(u32, f32)>>,
}

impl Similarity {
    /// Needs and nearest roles of `roles`.
    pub fn build(roles: &[RoleNode]) -> Self {
        let mean = mean_importance(roles);
        let needs: Vec<RoleNeeds> = roles.iter().map(|r| needs_of(&r.skills, &mean)).collect();
        let n = roles.len();
        let matrix = matrix(roles, &needs);
        let nearest = (0..n)
            .map(|a| {
                let row = &matrix[a * n..(a + 1) * n];
                // Ranked by mutual similarity, so a role's nearest are alike both ways (a
                // skilled role covers every low-skill role's needs, but is not like them).
                let mut best: Vec<(u32, f32, f32)> = row
                    .iter()
                    .enumerate()
                    .filter(|&(b, &s)| b != a && f64::from(s) >= SIMILARITY_FLOOR)
                    .map(|(b, &s)| (b as u32, s, (s * matrix[b * n + a]).sqrt()))
                    .collect();
                let by_mutual = |x: &(u32, f32, f32), y: &(u32, f32, f32)| {
                    y.2.total_cmp(&x.2).then(x.0.cmp(&y.0))
                };
                if best.len() > NEAREST {
                    best.select_nth_unstable_by(NEAREST - 1, by_mutual);
                    best.truncate(NEAREST);
                }
                best.sort_by(by_mutual);
                best.into_iter().map(|(b, s, _)| (b, s)).collect()
            })
            .collect();
        Self { needs, nearest }
    }

    /// How much of role `b`'s needs role `a` covers (1 for a role and itself).
    pub fn of(&self, roles: &[RoleNode], a: usize, b: usize) -> f64 {
        if a == b {
            return 1.0;
        }
        score(&Held::of_role(&roles[a]), &self.needs[b])
    }
}

/// The thresholds a computed move must pass (nesta's career-causeways gates, our scale).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SimilarGates {
    /// Least similarity (how much of the new role's needs the old one covers).
    pub min_similarity: f64,
    /// Largest job-zone step up; `None`: any. Unknown job zones pass.
    pub max_job_zone_gap: Option<i32>,
    /// Least ratio of the new headline pay to the old; `None`: any. Unknown pay passes.
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
    /// New headline pay ÷ old, when both are known.
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
            wage_ratio: wage_ratio(ra.salary, rb.salary),
        }
    }
}

/// Similarity of every ordered pair, row-major: `m[a * n + b]` is how much of `b`'s needs `a`
/// covers. One pass per target role over an inverted index (skill → holders and levels), so
/// the work is the number of (need, holder) pairs, not n² × skills.
pub fn matrix(roles: &[RoleNode], needs: &[RoleNeeds]) -> Vec<f32> {
    let n = roles.len();
    let max_id = roles
        .iter()
        .flat_map(|r| r.skills.iter().map(|s| s.skill_id))
        .max()
        .unwrap_or(0)
        .max(0) as usize;
    let mut holders: Vec<Vec<(u32, f64)>> = vec![Vec::new(); max_id + 1];
    for (a, role) in roles.iter().enumerate() {
        let held = Held::of_role(role);
        for id in held.skill_ids() {
            if let Some(level) = held.level(id) {
                holders[id as usize].push((a as u32, level));
            }
        }
    }
    // Column b (how much of b's needs each role covers) is independent of the others: split
    // the columns over the cores, then transpose to rows.
    let mut columns = vec![0.0_f32; n * n];
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get().min(4));
    let per_thread = n.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for (t, chunk) in columns.chunks_mut(per_thread * n.max(1)).enumerate() {
            let holders = &holders;
            scope.spawn(move || {
                let mut met = vec![0.0_f64; n];
                for (k, column) in chunk.chunks_mut(n).enumerate() {
                    let b = t * per_thread + k;
                    column_of(&needs[b], holders, &mut met, column);
                    column[b] = 1.0;
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

/// How much of `nb` each role covers, into `column` (by role index).
fn column_of(nb: &RoleNeeds, holders: &[Vec<(u32, f64)>], met: &mut [f64], column: &mut [f32]) {
    if nb.total <= 0.0 {
        return;
    }
    met.iter_mut().for_each(|x| *x = 0.0);
    for need in &nb.needs {
        let Some(list) = usize::try_from(need.skill_id)
            .ok()
            .and_then(|i| holders.get(i))
        else {
            continue;
        };
        match need.level {
            None => list
                .iter()
                .for_each(|&(a, _)| met[a as usize] += need.weight),
            Some(level) => {
                let per_level = 1.0 / level;
                for &(a, have) in list {
                    let c = (have * per_level).min(1.0);
                    met[a as usize] += need.weight * c * c;
                }
            }
        }
    }
    let scale = 1.0 / nb.total;
    for (x, &v) in column.iter_mut().zip(met.iter()) {
        *x = (v * scale).clamp(0.0, 1.0) as f32;
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

    #[test]
    fn coverage_is_importance_weighted_and_proportional_to_level() {
        let b = role(
            1,
            &[
                (1, Some(5.0), Some(4.0), None),
                (2, Some(3.0), Some(2.0), None),
                (3, Some(1.0), Some(6.0), None),
            ],
        );
        // Against an average importance of 1 every need is distinctive: weights
        // 1 + 0.1 and 0.5 + 0.05; importance 1 counts nothing.
        let needs = needs_of(&b.skills, &[1.0; 4]);
        assert_eq!(needs.needs.len(), 2);
        assert!((needs.total - 1.65).abs() < 1e-12);
        let held = Held::new([(1, Some(2.0)), (2, None)]);
        // 1.1 · (2/4)² + 0.55 · 1 = 0.825 of 1.65.
        assert!((score(&held, &needs) - 0.825 / 1.65).abs() < 1e-12);
        assert_eq!(score(&Held::default(), &needs), 0.0);
    }

    #[test]
    fn curated_skills_count_by_presence_weighted_by_share() {
        let b = role(
            1,
            &[(1, None, None, Some(40.0)), (2, None, None, Some(10.0))],
        );
        let needs = needs_of(&b.skills, &[]);
        let held = Held::new([(2, Some(0.5))]);
        assert!((score(&held, &needs) - 0.25 / 1.25).abs() < 1e-12);
    }

    #[test]
    fn similarity_is_asymmetric() {
        let junior = role(0, &[(1, Some(4.0), Some(2.0), None)]);
        let senior = role(
            1,
            &[
                (1, Some(4.0), Some(4.0), None),
                (2, Some(3.0), Some(3.0), None),
            ],
        );
        let roles = vec![junior, senior];
        let s = Similarity::build(&roles);
        assert_eq!(s.of(&roles, 1, 0), 1.0);
        assert!(s.of(&roles, 0, 1) < 0.5);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn similarity_is_one_on_the_diagonal_within_bounds_and_matches_direct_scores(roles in arb_roles(12)) {
            let s = Similarity::build(&roles);
            let needs = Similarity::build(&roles).needs;
            let m = matrix(&roles, &needs);
            let n = roles.len();
            for a in 0..n {
                prop_assert_eq!(m[a * n + a], 1.0);
                for b in 0..n {
                    let v = m[a * n + b];
                    prop_assert!((0.0..=1.0).contains(&v));
                    let direct = s.of(&roles, a, b);
                    prop_assert!((f64::from(v) - direct).abs() < 1e-5, "{a}->{b}: {v} vs {direct}");
                }
                let mutual = |b: u32| (m[a * n + b as usize] * m[b as usize * n + a]).sqrt();
                for w in s.nearest[a].windows(2) {
                    prop_assert!(mutual(w[0].0) >= mutual(w[1].0));
                }
                prop_assert!(s.nearest[a].iter().all(|&(b, v)| b as usize != a && f64::from(v) >= SIMILARITY_FLOOR));
            }
        }

        #[test]
        fn a_role_covers_its_own_needs_fully(roles in arb_roles(6)) {
            for r in &roles {
                let needs = needs_of(&r.skills, &mean_importance(&roles));
                if needs.total > 0.0 {
                    prop_assert!((score(&Held::of_role(r), &needs) - 1.0).abs() < 1e-12);
                }
            }
        }
    }
}
