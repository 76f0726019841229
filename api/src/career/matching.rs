//! Planning from a person: the roles their skills fit (scored by [`similarity::score`], the
//! same coverage that relates roles), and the skills that would bring the most roles within
//! reach. Pure: takes the graph snapshot and a [`Person`], returns values.

use super::GraphSnapshot;
use super::similarity::{self, HIGHLY_VIABLE_MATCH, Held, Need, Transition, VIABLE_MATCH};

/// Strengths listed per match.
pub const STRENGTHS: usize = 5;

/// A person as the engine sees them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Person {
    /// Skills held and their levels.
    pub held: Held,
    /// Index of the current role, when given.
    pub current: Option<usize>,
    /// The person's job zone: the current role's, else estimated from experience.
    pub job_zone: Option<i32>,
    /// The person's pay: the current role's headline salary.
    pub salary: Option<i32>,
}

/// O*NET's job zones by related experience (zone 1: none … zone 5: over four years): the
/// zone a person with `years` of experience is likely ready for.
pub fn job_zone_for_experience(years: f64) -> i32 {
    match years {
        y if y < 0.25 => 1,
        y if y < 1.0 => 2,
        y if y < 2.0 => 3,
        y if y < 4.0 => 4,
        _ => 5,
    }
}

/// One of a role's needs as the person meets it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NeedMet {
    pub need: Need,
    /// The level held (`+∞`: held at whatever level is asked); `None`: not held.
    pub have: Option<f64>,
    /// Share of the need met, 0–1.
    pub coverage: f64,
}

/// How a person fits one role.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleFit {
    pub role: usize,
    /// Importance-weighted coverage of the role's needs at the levels it asks, 0–1.
    pub score: f64,
    /// Needs the person holds (fully or partly), heaviest first.
    pub matched: Vec<NeedMet>,
    /// Needs the person lacks, heaviest first.
    pub missing: Vec<Need>,
    /// The heaviest needs the person meets in full.
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

/// The person's score for every role, by role index.
pub fn scores(g: &GraphSnapshot, person: &Person) -> Vec<f64> {
    g.similarity
        .needs
        .iter()
        .map(|needs| similarity::score(&person.held, needs))
        .collect()
}

/// The person's fit for role `role`, with its breakdown.
pub fn fit(g: &GraphSnapshot, person: &Person, role: usize) -> RoleFit {
    let needs = &g.similarity.needs[role];
    let (mut matched, mut missing) = (Vec::new(), Vec::new());
    for need in &needs.needs {
        let have = person.held.level(need.skill_id);
        match have {
            Some(_) => matched.push(NeedMet {
                need: *need,
                have,
                coverage: similarity::coverage(have, need),
            }),
            None => missing.push(*need),
        }
    }
    let strengths = matched
        .iter()
        .filter(|m| m.coverage >= 1.0)
        .take(STRENGTHS)
        .copied()
        .collect();
    let target = &g.roles[role];
    RoleFit {
        role,
        score: similarity::score(&person.held, needs),
        matched,
        missing,
        strengths,
        transition: Transition {
            similarity: similarity::score(&person.held, needs),
            job_zone_gap: person.job_zone.zip(target.job_zone).map(|(a, b)| b - a),
            wage_ratio: similarity::wage_ratio(person.salary, target.salary),
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
    let scores = scores(g, person);
    let mut order: Vec<usize> = (0..scores.len())
        .filter(|&r| g.similarity.needs[r].total > 0.0 && scores[r] >= min_score && keep(r))
        .collect();
    let by_score = |a: &usize, b: &usize| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b));
    if order.len() > first && first > 0 {
        order.select_nth_unstable_by(first - 1, by_score);
    }
    order.truncate(first);
    order.sort_by(by_score);
    order.into_iter().map(|r| fit(g, person, r)).collect()
}

/// A skill worth learning next.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    pub skill_id: i32,
    /// Highest level asked by the roles it unlocks (else by any role it helps), when levelled.
    pub level_needed: Option<f64>,
    /// Roles it brings over the viability threshold, most similar afterwards first.
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
    let scores = scores(g, person);
    let max_id = g
        .similarity
        .needs
        .iter()
        .flat_map(|n| n.needs.iter().map(|x| x.skill_id))
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
        for need in &needs.needs {
            let c = similarity::coverage(person.held.level(need.skill_id), need);
            if c >= 1.0 {
                continue;
            }
            let Some(gain) = usize::try_from(need.skill_id)
                .ok()
                .and_then(|i| gains.get_mut(i))
            else {
                continue;
            };
            let delta = need.weight * (1.0 - c) / needs.total;
            gain.total += delta;
            gain.level_any = higher(gain.level_any, need.level);
            let counts = if let Some(w) = weight {
                gain.goal += w * delta;
                true
            } else {
                false
            };
            let unlocks = scores[r] < VIABLE_MATCH && scores[r] + delta >= VIABLE_MATCH;
            if unlocks {
                gain.unlocks.push((r, scores[r] + delta));
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

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn a_roles_own_profile_scores_one_and_ranks_first(roles in arb_roles(10), pick in any::<prop::sample::Index>()) {
            let g = snapshot(roles);
            let r = pick.index(g.roles.len());
            prop_assume!(g.similarity.needs[r].total > 0.0);
            let person = person_of(&g.roles[r]);
            let ranked = rank(&g, &person, |_| true, 0.0, g.roles.len());
            prop_assert!((ranked[0].score - 1.0).abs() < 1e-9);
            let own = ranked.iter().find(|f| f.role == r).unwrap();
            prop_assert!((own.score - 1.0).abs() < 1e-9);
            prop_assert!(ranked.iter().all(|f| f.score <= own.score + 1e-12));
        }

        #[test]
        fn adding_a_skill_never_lowers_a_score(roles in arb_roles(10), claims in arb_claims(), extra in (1i32..12, prop::option::of(0u8..=70))) {
            let g = snapshot(roles);
            let before = Person { held: Held::new(claims.clone()), ..Person::default() };
            let mut more = claims;
            more.push((extra.0, extra.1.map(|l| f64::from(l) / 10.0)));
            let after = Person { held: Held::new(more), ..Person::default() };
            for (a, b) in scores(&g, &before).iter().zip(scores(&g, &after)) {
                prop_assert!(b >= *a - 1e-12, "{a} -> {b}");
            }
        }

        #[test]
        fn learn_next_never_suggests_a_skill_held_at_the_level_needed(roles in arb_roles(10), claims in arb_claims(), goal in any::<prop::sample::Index>()) {
            let g = snapshot(roles);
            let person = Person { held: Held::new(claims), ..Person::default() };
            let goal = [(goal.index(g.roles.len()), 1.0)];
            for goals in [&goal[..], &[]] {
                for lesson in learn_next(&g, &person, goals, 50) {
                    if let Some(have) = person.held.level(lesson.skill_id) {
                        let needed = lesson.level_needed;
                        prop_assert!(needed.is_some_and(|n| n > have), "skill {} held at {have}, needed {needed:?}", lesson.skill_id);
                    }
                    for &r in &lesson.unlocks {
                        let s = similarity::score(&person.held, &g.similarity.needs[r]);
                        prop_assert!(s < VIABLE_MATCH);
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
            role(1, &[share(4), share(5)]),
            role(2, &[share(4), share(6)]),
        ];
        let g = snapshot(roles);
        let person = Person {
            held: Held::new([(1, None)]),
            ..Person::default()
        };
        // Role 0 at 1/3; skill 4 brings roles 1 and 2 to 1/2, over the threshold.
        let lessons = learn_next(&g, &person, &[], 5);
        assert_eq!(lessons[0].skill_id, 4);
        assert_eq!(lessons[0].unlocks, vec![1, 2]);
        let with_goal = learn_next(&g, &person, &[(0, 1.0)], 5);
        assert_eq!(with_goal[0].skill_id, 2);
        assert_eq!(with_goal[0].unlocks, vec![0]);
        assert!(lessons.iter().all(|l| l.skill_id != 1));
    }
}
