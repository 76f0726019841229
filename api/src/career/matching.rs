//! Planning from a person: the roles their skills fit (scored by [`Holder::fit`], the same
//! measure that relates roles), and the skills that would bring the most roles within reach.
//! Pure: takes the graph snapshot and a [`Person`], returns values.

use super::GraphSnapshot;
use super::similarity::{
    self, Fit, HIGHLY_VIABLE_MATCH, Held, Holder, Need, Parts, Transition, VIABLE_MATCH,
};
use super::zones::JobZone;

/// Strengths listed per match.
pub const STRENGTHS: usize = 5;

/// A person as the engine sees them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    /// Skills held and their levels: the current role's own skills, then the claims (a claim
    /// replaces the role's level for its skill).
    pub held: Held,
    /// Index of the current role, when given.
    pub current: Option<usize>,
    /// The person's job zone: the current role's, else estimated from experience
    /// ([`JobZones::for_experience`](super::zones::JobZones::for_experience)).
    pub job_zone: Option<JobZone>,
}

/// One of a role's needs as the person meets it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeedMet {
    pub need: Need,
    /// The level held (`+∞`: held at whatever level is asked); `None`: not held.
    pub have: Option<f64>,
    /// Share of the need met, 0–1.
    pub coverage: f64,
    /// How much of the person's distinctive profile this skill brings to the role (the
    /// skill's distinctiveness × the share of it the role uses).
    pub brings: f64,
}

/// How a person fits one role.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleFit {
    pub role: usize,
    /// The fit, 0–1: coverage and usage combined, less any far job-zone cost.
    pub score: f64,
    /// The score's parts.
    pub fit: Fit,
    /// The sums behind them.
    pub parts: Parts,
    /// Needs the person holds (fully or partly), heaviest first.
    pub matched: Vec<NeedMet>,
    /// Needs the person lacks, heaviest first.
    pub missing: Vec<Need>,
    /// What sets the person apart that the role uses most: held needs by what they bring.
    pub strengths: Vec<NeedMet>,
    /// Gate values: the score as similarity, job-zone step and pay ratio from the person.
    pub transition: Transition,
}

impl RoleFit {
    /// Whether the score reaches the viability threshold.
    pub fn viable(&self) -> bool {
        self.score >= VIABLE_MATCH
    }
    /// Whether the score reaches the high-viability threshold.
    pub fn highly_viable(&self) -> bool {
        self.score >= HIGHLY_VIABLE_MATCH
    }
}

/// A person scored against every role: their skills as a [`Holder`] (whose job zone is the
/// person's when known, else the zone of the role they fit best before any job-zone cost, a
/// person's profile saying which zone they work in; unknown when best fits of different zones
/// tie), each role's sums and score.
#[derive(Clone, Debug)]
pub struct Scored {
    pub holder: Holder,
    /// Per role index.
    pub parts: Vec<Parts>,
    /// Per role index (0 for roles that need nothing).
    pub scores: Vec<f64>,
}

/// Scores `person` against every role, in one pass over the roles' needs.
pub fn score_all(g: &GraphSnapshot, person: &Person) -> Scored {
    let mut holder = Holder::new(
        person.held.clone(),
        &g.similarity.mean_level,
        person.job_zone,
    );
    let needs = &g.similarity.needs;
    let parts: Vec<Parts> = needs.iter().map(|n| holder.parts(n)).collect();
    if holder.job_zone.is_none() {
        // The zone of the best fit; unknown when roles of different zones tie for it.
        let mut best: Option<(f64, Option<JobZone>)> = None;
        for (r, n) in needs.iter().enumerate() {
            let Some(zone) = g.roles[r].job_zone.filter(|_| n.total > 0.0) else {
                continue;
            };
            let raw = holder.fit_of(parts[r], n, None).score;
            best = match best {
                Some((s, z)) if raw < s => Some((s, z)),
                Some((s, z)) if raw == s => Some((s, z.filter(|&z| z == zone))),
                _ => Some((raw, Some(zone))),
            };
        }
        holder.job_zone = best.and_then(|(_, z)| z);
    }
    let scores = needs
        .iter()
        .zip(&parts)
        .zip(&g.roles)
        .map(|((n, p), role)| holder.fit_of(*p, n, role.job_zone).score)
        .collect();
    Scored {
        holder,
        parts,
        scores,
    }
}

/// The person's fit for role `role`, with its breakdown.
pub fn fit(g: &GraphSnapshot, person: &Person, holder: &Holder, role: usize) -> RoleFit {
    let needs = &g.similarity.needs[role];
    let target = &g.roles[role];
    let (mut matched, mut missing) = (Vec::new(), Vec::new());
    for need in needs.iter() {
        match holder.held.level(need.skill_id) {
            Some(have) => matched.push(NeedMet {
                need,
                have: Some(have),
                coverage: similarity::coverage(Some(have), &need),
                brings: holder.weight(need.skill_id) * similarity::usage(have, &need),
            }),
            None if need.weight > 0.0 => missing.push(need),
            None => {}
        }
    }
    let mut strengths: Vec<NeedMet> = matched.iter().filter(|m| m.brings > 0.0).copied().collect();
    strengths.sort_by(|a, b| {
        b.brings
            .total_cmp(&a.brings)
            .then(a.need.skill_id.cmp(&b.need.skill_id))
    });
    strengths.truncate(STRENGTHS);
    let parts = holder.parts(needs);
    let fit = holder.fit_of(parts, needs, target.job_zone);
    RoleFit {
        role,
        score: fit.score,
        fit,
        parts,
        matched,
        missing,
        strengths,
        transition: Transition {
            similarity: fit.score,
            job_zone_gap: holder
                .job_zone
                .zip(target.job_zone)
                .map(|(a, b)| a.gap_to(b)),
            wage_ratio: person
                .current
                .and_then(|c| similarity::pay_ratio(&g.roles[c], target)),
        },
    }
}

/// The `first` best-fitting roles among those `keep` accepts with a score of at least
/// `min_score`: highest score first, ties by role index (slug order).
pub fn rank(
    g: &GraphSnapshot,
    person: &Person,
    keep: impl Fn(usize) -> bool,
    min_score: f64,
    first: usize,
) -> Vec<RoleFit> {
    let Scored { holder, scores, .. } = score_all(g, person);
    let mut order: Vec<usize> = (0..scores.len())
        .filter(|&r| g.similarity.needs[r].total > 0.0 && scores[r] >= min_score && keep(r))
        .collect();
    let by_score = |a: &usize, b: &usize| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b));
    if order.len() > first && first > 0 {
        order.select_nth_unstable_by(first - 1, by_score);
    }
    order.truncate(first);
    order.sort_by(by_score);
    order
        .into_iter()
        .map(|r| fit(g, person, &holder, r))
        .collect()
}

/// A skill worth learning next.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub skill_id: i32,
    /// Highest level asked by the roles it unlocks (else by any role it helps), when levelled.
    pub level_needed: Option<f64>,
    /// Roles it brings over the viability threshold, best fit afterwards first.
    pub unlocks: Vec<usize>,
    /// Score gained on the goal and the roles of the best routes to it (weighted).
    pub goal_progress: f64,
    /// Score gained summed over all roles.
    pub total_gain: f64,
}

#[derive(Clone, Default)]
struct Gain {
    unlocks: Vec<(usize, f64)>,
    goal: f64,
    total: f64,
    level_unlocked: Option<f64>,
    level_any: Option<f64>,
}

fn higher(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

/// The person's score for a role once they hold `need` at the level it asks (or, for a need
/// without a level, hold the skill): the parts change by that one need.
fn score_after_learning(
    holder: &Holder,
    parts: Parts,
    needs: &similarity::RoleNeeds,
    job_zone: Option<JobZone>,
    need: &Need,
    mean_level: &[f64],
) -> f64 {
    let before = holder.held.level(need.skill_id);
    let have = need.level.unwrap_or(Held::AT_NEEDED_LEVEL);
    let weight = similarity::distinctiveness(have, need.skill_id, mean_level);
    let mut after = parts;
    let weight_total = holder.weight_total + weight - holder.weight(need.skill_id);
    if let Some(old) = before {
        after.met -= need.weight * similarity::coverage(Some(old), need);
        after.stated -= need.weight;
        after.used -= holder.weight(need.skill_id) * similarity::usage(old, need);
    }
    after.add(need, have, weight);
    holder
        .fit_with_total(after, needs, job_zone, weight_total)
        .score
}

/// The `first` skills that would help the person most: with `goal` roles (index, weight),
/// by progress on them first; then by how many roles they bring over the viability threshold,
/// then by the score gained over all roles. Learning a skill means holding it at the level
/// each role asks. Skills already held at every level asked never appear.
pub fn learn_next(
    g: &GraphSnapshot,
    person: &Person,
    goal: &[(usize, f64)],
    first: usize,
) -> Vec<Lesson> {
    let Scored {
        holder,
        parts: all_parts,
        scores,
    } = score_all(g, person);
    let max_id = g
        .similarity
        .needs
        .iter()
        .flat_map(|n| n.skill_ids())
        .max()
        .unwrap_or(0)
        .max(0) as usize;
    let mut gains: Vec<Gain> = vec![Gain::default(); max_id + 1];
    let goal_weight = |r: usize| goal.iter().find(|(g, _)| *g == r).map(|(_, w)| *w);
    for (r, needs) in g.similarity.needs.iter().enumerate() {
        let weight = goal_weight(r);
        if (Some(r) == person.current && weight.is_none()) || needs.total <= 0.0 {
            continue;
        }
        let zone = g.roles[r].job_zone;
        let (parts, score) = (all_parts[r], scores[r]);
        for need in needs.iter() {
            let c = similarity::coverage(holder.held.level(need.skill_id), &need);
            if c >= 1.0 {
                continue;
            }
            let Some(gain) = usize::try_from(need.skill_id)
                .ok()
                .and_then(|i| gains.get_mut(i))
            else {
                continue;
            };
            let after =
                score_after_learning(&holder, parts, needs, zone, &need, &g.similarity.mean_level);
            let delta = (after - score).max(0.0);
            if delta <= 0.0 {
                continue;
            }
            gain.total += delta;
            gain.level_any = higher(gain.level_any, need.level);
            let counts = if let Some(w) = weight {
                gain.goal += w * delta;
                true
            } else {
                false
            };
            let unlocks = score < VIABLE_MATCH && after >= VIABLE_MATCH;
            if unlocks {
                gain.unlocks.push((r, after));
            }
            if unlocks || counts {
                gain.level_unlocked = higher(gain.level_unlocked, need.level);
            }
        }
    }
    let mut lessons: Vec<Lesson> = gains
        .into_iter()
        .enumerate()
        .filter(|(_, gain)| gain.total > 0.0)
        .map(|(id, mut gain)| {
            gain.unlocks
                .sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            Lesson {
                skill_id: id as i32,
                level_needed: if gain.unlocks.is_empty() && gain.goal <= 0.0 {
                    gain.level_any
                } else {
                    gain.level_unlocked
                },
                unlocks: gain.unlocks.into_iter().map(|(r, _)| r).collect(),
                goal_progress: gain.goal,
                total_gain: gain.total,
            }
        })
        .collect();
    let with_goal = !goal.is_empty();
    lessons.sort_by(|a, b| {
        let goal_order = if with_goal {
            b.goal_progress.total_cmp(&a.goal_progress)
        } else {
            std::cmp::Ordering::Equal
        };
        goal_order
            .then(b.unlocks.len().cmp(&a.unlocks.len()))
            .then(b.total_gain.total_cmp(&a.total_gain))
            .then(a.skill_id.cmp(&b.skill_id))
    });
    lessons.truncate(first);
    lessons
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::career::similarity::tests::arb_roles;
    use crate::career::snapshot::{GraphParts, RoleNode};

    fn snapshot(roles: Vec<RoleNode>) -> GraphSnapshot {
        GraphSnapshot::build(GraphParts {
            version: 1,
            roles,
            moves: Vec::new(),
            search_entries: Vec::new(),
            zones: Default::default(),
        })
    }

    fn person_of(role: &RoleNode) -> Person {
        Person {
            held: Held::of_role(role),
            ..Person::default()
        }
    }

    fn arb_claims() -> impl Strategy<Value = Vec<(i32, Option<f64>)>> {
        prop::collection::vec((1i32..12, prop::option::of(0u8..=70)), 0..6).prop_map(|c| {
            c.into_iter()
                .map(|(id, l)| (id, l.map(|l| f64::from(l) / 10.0)))
                .collect()
        })
    }

    /// What a role's profile is, as far as the measure can tell: the skills it weighs or a
    /// holder of it brings, at their levels (`None`: presence).
    fn profile(g: &GraphSnapshot, r: usize) -> std::collections::BTreeMap<i32, Option<f64>> {
        let holder = g.similarity.holder(&g.roles, r);
        let mut out: std::collections::BTreeMap<_, _> = g.similarity.needs[r]
            .iter()
            .filter(|n| n.weight > 0.0)
            .map(|n| (n.skill_id, n.level))
            .collect();
        for id in holder
            .held
            .skill_ids()
            .filter(|&id| holder.weight(id) > 0.0)
        {
            let level = holder.held.level(id).filter(|l| l.is_finite());
            out.entry(id).or_insert(level);
        }
        out
    }

    /// Whether two roles' profiles agree: the same skills, at the same levels where both
    /// state one (a presence need is met by any level).
    fn same_profile(g: &GraphSnapshot, a: usize, b: usize) -> bool {
        let (pa, pb) = (profile(g, a), profile(g, b));
        pa.len() == pb.len()
            && pa.iter().all(|(id, la)| {
                pb.get(id)
                    .is_some_and(|lb| la.is_none() || lb.is_none() || la == lb)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn a_roles_own_profile_ranks_it_strictly_first_unless_another_is_the_same(roles in arb_roles(10), pick in any::<prop::sample::Index>()) {
            let g = snapshot(roles);
            let r = pick.index(g.roles.len());
            prop_assume!(g.similarity.needs[r].total > 0.0);
            let person = person_of(&g.roles[r]);
            let ranked = rank(&g, &person, |_| true, 0.0, g.roles.len());
            let own = ranked.iter().position(|f| f.role == r).unwrap();
            for f in &ranked[..own] {
                prop_assert!(same_profile(&g, f.role, r), "role {} ({}) ranks before its own profile's role {r} ({})", f.role, f.score, ranked[own].score);
            }
            for f in &ranked {
                prop_assert!((0.0..=1.0).contains(&f.score));
            }
        }

        #[test]
        fn learning_what_a_role_needs_never_lowers_its_score(roles in arb_roles(10), claims in arb_claims(), zone in 1i32..=5, pick in any::<prop::sample::Index>(), which in any::<prop::sample::Index>()) {
            let g = snapshot(roles);
            let r = pick.index(g.roles.len());
            prop_assume!(!g.similarity.needs[r].is_empty());
            let need = g.similarity.needs[r].get(which.index(g.similarity.needs[r].len())).unwrap();
            let before = Person { held: Held::new(claims.clone()), job_zone: g.zones.zone(zone), ..Person::default() };
            // Held at the level the role asks, or a level held raised towards it. (Stating a
            // new skill below the level asked may lower a score: a need the person did not
            // mention is mostly unknown, one stated short is a shortfall.)
            let held = before.held.level(need.skill_id);
            let raised = held.zip(need.level).map(|(h, l)| (h + l) / 2.0);
            for level in std::iter::once(need.level).chain(raised.map(Some)) {
                if held.is_some_and(|h| level.is_none_or(|l| h >= l)) {
                    continue;
                }
                let mut after = before.clone();
                after.held.set(need.skill_id, level);
                let (a, b) = (score_all(&g, &before).scores[r], score_all(&g, &after).scores[r]);
                prop_assert!(b >= a - 1e-12, "{a} -> {b} learning {need:?} at {level:?}");
            }
        }

        #[test]
        fn a_role_two_zones_away_never_ranks_before_an_own_zone_role_within_005(roles in arb_roles(10), claims in arb_claims(), zone in 1i32..=5) {
            let g = snapshot(roles);
            let person = Person { held: Held::new(claims), job_zone: g.zones.zone(zone), ..Person::default() };
            let zone = g.zones.zone(zone).expect("O*NET zones 1–5");
            let h = score_all(&g, &person).holder;
            let ranked = rank(&g, &person, |_| true, 0.0, g.roles.len());
            let raw = |r: usize| h.fit(&g.similarity.needs[r], None).score;
            for (i, x) in ranked.iter().enumerate() {
                let Some(zx) = g.roles[x.role].job_zone else { continue };
                if zone.gap_to(zx).abs() < 2 {
                    continue;
                }
                for y in &ranked[i + 1..] {
                    let own_zone = g.roles[y.role].job_zone == Some(zone);
                    prop_assert!(!(own_zone && raw(y.role) > 0.0 && raw(y.role) >= raw(x.role) - 0.05),
                        "role {} ({} zones away, raw {}) ranks before own-zone role {} (raw {})", x.role, zone.gap_to(zx).abs(), raw(x.role), y.role, raw(y.role));
                }
            }
        }

        #[test]
        fn learn_next_never_suggests_a_skill_held_at_the_level_needed(roles in arb_roles(10), claims in arb_claims(), goal in any::<prop::sample::Index>()) {
            let g = snapshot(roles);
            let person = Person { held: Held::new(claims), ..Person::default() };
            let goal = [(goal.index(g.roles.len()), 1.0)];
            let scores = score_all(&g, &person).scores;
            for goals in [&goal[..], &[]] {
                for lesson in learn_next(&g, &person, goals, 50) {
                    if let Some(have) = person.held.level(lesson.skill_id) {
                        let needed = lesson.level_needed;
                        prop_assert!(have <= 0.0 || needed.is_some_and(|n| n > have), "skill {} held at {have}, needed {needed:?}", lesson.skill_id);
                    }
                    for &r in &lesson.unlocks {
                        prop_assert!(scores[r] < VIABLE_MATCH);
                    }
                }
            }
        }
    }

    #[test]
    fn the_skill_that_opens_most_roles_comes_first_and_a_goal_comes_before_that() {
        use crate::career::similarity::tests::role;
        // Curated skills: equal shares, presence counts.
        let share = |id| (id, None, None, Some(10.0));
        let roles = vec![
            role(0, &[share(1), share(2), share(3)]),
            role(1, &[share(1), share(4), share(5)]),
            role(2, &[share(1), share(4), share(6)]),
        ];
        let g = snapshot(roles);
        let person = Person {
            held: Held::new([(1, None)]),
            ..Person::default()
        };
        // Every role at a third of its needs, (1/3)^0.4 ≈ 0.64; skill 4 brings roles 1 and 2
        // to two thirds, (2/3)^0.4 ≈ 0.85, over the threshold.
        let lessons = learn_next(&g, &person, &[], 5);
        assert_eq!(lessons[0].skill_id, 4);
        assert_eq!(lessons[0].unlocks, vec![1, 2]);
        let with_goal = learn_next(&g, &person, &[(0, 1.0)], 5);
        assert_eq!(with_goal[0].skill_id, 2);
        assert_eq!(with_goal[0].unlocks, vec![0]);
        assert!(lessons.iter().all(|l| l.skill_id != 1));
    }
}
