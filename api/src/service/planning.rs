//! Planning use cases over the read model: roles that fit a person, what to learn next, and
//! roles similar to a role. Inputs are checked here (errors name the GraphQL field as the
//! caller spelled it, e.g. `profile.skills[2].skill`); `crate::career::matching` and
//! `crate::career::similarity` do the work.

use entity::vocab::MoveKind;
use seed::value::{LEVEL, SENIORITY};

use super::check::{self, Bounds};
use crate::career::matching::{self, Lesson, Person, RoleFit};
use crate::career::search::{self, Objective, RouteQuery};
use crate::career::similarity::{Held, SimilarGates, Transition};
use crate::error::{ApiError, ApiResult};
use crate::model::ReadModel;
use crate::service::place::{PayIn, Salaries};

/// Largest `first` of the planning queries.
pub const MAX_FIRST: usize = 50;
/// Routes to a goal whose roles count as progress in `learnNext`.
pub const GOAL_ROUTES: usize = 3;
/// Most moves in a route to a goal.
pub const GOAL_MAX_STEPS: usize = 6;
/// Weight of a role passed on a route to the goal, relative to the goal itself.
pub const ON_ROUTE_WEIGHT: f64 = 0.5;
/// Candidates named when a skill is unknown.
const CANDIDATES: usize = 5;

/// One skill a person claims, as given.
#[derive(Clone, Debug, Default)]
pub struct SkillClaim {
    /// A skill slug or exact name (case-insensitive).
    pub skill: String,
    /// Level on O*NET's 0–7 scale; `None`: at the level roles ask for.
    pub level: Option<f64>,
}

/// A person, as given.
#[derive(Clone, Debug, Default)]
pub struct ProfileRequest {
    pub current_role: Option<String>,
    pub skills: Vec<SkillClaim>,
    /// Pay figures in this area (resolved by the GraphQL layer; ranking uses headline pay).
    pub area: Option<String>,
    pub years_experience: Option<f64>,
}

/// An inclusive range with either end open.
#[derive(Clone, Copy, Debug, Default)]
pub struct Between {
    pub min: Option<i32>,
    pub max: Option<i32>,
}

impl Between {
    /// Whether `value` is inside; an unknown value is inside only an unbounded range.
    fn holds(self, value: Option<i32>) -> bool {
        match value {
            None => self.min.is_none() && self.max.is_none(),
            Some(v) => self.min.is_none_or(|lo| v >= lo) && self.max.is_none_or(|hi| v <= hi),
        }
    }
}

/// Conditions on `matchRoles` results, as given.
#[derive(Clone, Debug, Default)]
pub struct MatchConditions {
    pub min_score: Option<f64>,
    /// O*NET job zones allowed.
    pub job_zone: Between,
    pub min_pay: Option<i32>,
    /// Seniority levels allowed.
    pub seniority: Between,
    /// Only roles one move of these kinds away from the current role.
    pub reachable_by: Option<Vec<MoveKind>>,
}

fn first_of(field: &str, first: i32) -> ApiResult<usize> {
    check::count(field, first, Bounds::new(1.0, MAX_FIRST as f64))
}

/// The id of the skill `text` names: its slug as written, else its exact name
/// (case-insensitive; several skills may share a name, e.g. O*NET's skill and knowledge
/// "Mathematics"), else its slug in any case. The error message says why not and names
/// candidates.
pub fn skill_id(m: &ReadModel, text: &str) -> Result<i32, String> {
    let wanted = text.trim();
    if let Some(i) = m.skill_index(wanted) {
        return Ok(m.skills[i].id);
    }
    let named: Vec<&entity::skill::Model> = m
        .skills
        .iter()
        .filter(|s| s.name.eq_ignore_ascii_case(wanted))
        .collect();
    let any_case = m.skill_index(&wanted.to_lowercase());
    match (named.as_slice(), any_case) {
        ([one], _) => Ok(one.id),
        ([], Some(i)) => Ok(m.skills[i].id),
        ([], None) => {
            let candidates: Vec<String> = m
                .graph
                .text
                .search(wanted, 50)
                .into_iter()
                .filter(|hit| hit.kind == crate::career::text_index::EntryKind::Skill)
                .filter_map(|hit| m.skill_index_of_id(hit.id))
                .map(|i| format!("`{}` ({})", m.skills[i].slug, m.skills[i].name))
                .take(CANDIDATES)
                .collect();
            Err(if candidates.is_empty() {
                format!("no skill has the slug or name `{wanted}`")
            } else {
                format!(
                    "no skill has the slug or name `{wanted}`; did you mean {}?",
                    candidates.join(", ")
                )
            })
        }
        (many, _) => Err(format!(
            "`{wanted}` names {} skills; use a slug: {}",
            many.len(),
            many.iter()
                .map(|s| format!("`{}` ({})", s.slug, s.category))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// Checks a profile and turns it into the engine's [`Person`].
pub fn person(m: &ReadModel, profile: &ProfileRequest) -> ApiResult<Person> {
    let current = match &profile.current_role {
        None => None,
        Some(slug) => Some(m.role_index(slug).ok_or_else(|| {
            ApiError::bad_input(
                "profile.currentRole",
                format!("no role has the slug `{slug}`"),
            )
        })?),
    };
    let mut claims = Vec::with_capacity(profile.skills.len());
    for (i, claim) in profile.skills.iter().enumerate() {
        let id = skill_id(m, &claim.skill).map_err(|message| {
            ApiError::bad_input(format!("profile.skills[{i}].skill"), message)
        })?;
        // O*NET's level scale.
        check::number(&format!("profile.skills[{i}].level"), claim.level, LEVEL)?;
        claims.push((id, claim.level));
    }
    check::number(
        "profile.yearsExperience",
        profile.years_experience,
        Bounds::new(0.0, 80.0),
    )?;
    let node = current.map(|c| &m.graph.roles[c]);
    // The current role's own skills, then the claims (a claim states the person's level).
    let mut held = node.map(Held::of_role).unwrap_or_default();
    let claimed = Held::new(claims);
    for id in claimed.skill_ids() {
        let level = claimed.level(id).filter(|l| *l != Held::AT_NEEDED_LEVEL);
        held.set(id, level);
    }
    Ok(Person {
        held,
        current,
        // Experience sets the zone through the imported reference's SVP ranges.
        job_zone: node.and_then(|n| n.job_zone).or_else(|| {
            profile
                .years_experience
                .and_then(|years| m.graph.zones.for_experience(years))
        }),
    })
}

/// Roles one move of `kinds` away from `from`: stored moves of those kinds, and for
/// `Similar` the computed moves that pass the default gates.
fn reachable(m: &ReadModel, from: usize, kinds: &[MoveKind]) -> Vec<bool> {
    let g = &m.graph;
    let mut reach = vec![false; g.roles.len()];
    for pair in &g.out[from] {
        let ok = g.edges.of_pair(pair).any(|e| {
            let kind = g.edges[e].kind;
            kinds.contains(&kind)
                && (kind != MoveKind::Similar
                    || g.transition(from, pair.to())
                        .passes(&SimilarGates::default()))
        });
        reach[pair.to()] |= ok;
    }
    reach
}

/// The roles that fit a person best, with their breakdowns.
pub fn match_roles(
    m: &ReadModel,
    profile: &ProfileRequest,
    first: i32,
    conditions: &MatchConditions,
) -> ApiResult<(Person, Vec<RoleFit>)> {
    let first = first_of("first", first)?;
    let person = person(m, profile)?;
    let c = conditions;
    check::number("filter.minScore", c.min_score, Bounds::new(0.0, 1.0))?;
    // Zone numbers as the imported Job Zone Reference defines them (O*NET's 1–5 without one).
    let (low, high) = m.graph.zones.number_range();
    let zones = Bounds::new(f64::from(low), f64::from(high));
    check::whole("filter.jobZoneMin", c.job_zone.min, zones)?;
    check::whole("filter.jobZoneMax", c.job_zone.max, zones)?;
    check::whole("filter.seniorityMin", c.seniority.min, SENIORITY)?;
    check::whole("filter.seniorityMax", c.seniority.max, SENIORITY)?;
    check::whole(
        "filter.minPay",
        c.min_pay,
        Bounds::new(0.0, f64::from(i32::MAX)),
    )?;
    let reach = match (&c.reachable_by, person.current) {
        (None, _) => None,
        (Some(_), None) => {
            return Err(ApiError::bad_input(
                "filter.reachableBy",
                "needs `profile.currentRole` (moves are counted from it)",
            ));
        }
        (Some(kinds), Some(from)) => Some(reachable(m, from, kinds)),
    };
    let keep = |r: usize| {
        let node = &m.graph.roles[r];
        let seniority = m.roles[r].seniority;
        c.job_zone.holds(node.job_zone.map(|z| z.number))
            && c.seniority.holds(seniority)
            && c.min_pay
                .is_none_or(|min| node.salary.is_some_and(|s| s >= min))
            && reach.as_ref().is_none_or(|reach| reach[r])
    };
    let fits = matching::rank(&m.graph, &person, keep, c.min_score.unwrap_or(0.0), first);
    Ok((person, fits))
}

/// The skills to learn next, toward `goal` (a role slug) when given.
pub fn learn_next(
    m: &ReadModel,
    profile: &ProfileRequest,
    goal: Option<&str>,
    first: i32,
) -> ApiResult<(Person, Vec<Lesson>)> {
    let first = first_of("first", first)?;
    let person = person(m, profile)?;
    let goal_roles = match goal {
        None => Vec::new(),
        Some(slug) => {
            let to = m
                .role_index(slug)
                .ok_or_else(|| ApiError::not_found("role", slug))?;
            goal_roles(m, person.current, to)
        }
    };
    let lessons = matching::learn_next(&m.graph, &person, &goal_roles, first);
    Ok((person, lessons))
}

/// The goal (weight 1) and the roles passed on the best routes to it from `current`
/// (stored moves and default-gated similar moves), each [`ON_ROUTE_WEIGHT`].
fn goal_roles(m: &ReadModel, current: Option<usize>, goal: usize) -> Vec<(usize, f64)> {
    let mut roles = vec![(goal, 1.0)];
    let Some(from) = current.filter(|&c| c != goal) else {
        return roles;
    };
    let query = RouteQuery {
        from,
        to: goal,
        k: GOAL_ROUTES,
        objective: Objective::Balanced,
        max_steps: GOAL_MAX_STEPS,
        via: Vec::new(),
        avoid: Vec::new(),
        include_related: false,
        similar: Some(SimilarGates::default()),
    };
    for route in search::find_routes(&m.graph, &query).routes {
        for &r in &route.nodes[1..] {
            if !roles.iter().any(|&(x, _)| x == r) {
                roles.push((r, ON_ROUTE_WEIGHT));
            }
        }
    }
    roles
}

/// The roles most similar to role `role` (it covers most of their needs), most similar first.
pub fn similar_roles(
    m: &ReadModel,
    role: usize,
    first: i32,
    min_similarity: Option<f64>,
) -> ApiResult<Vec<(usize, Transition)>> {
    let first = first_of("first", first)?;
    let min = check::number("minSimilarity", min_similarity, Bounds::new(0.0, 1.0))?.unwrap_or(0.0);
    let g = &m.graph;
    Ok(g.similarity.nearest[role]
        .iter()
        .filter(|&&(_, s)| f64::from(s) >= min)
        .take(first)
        .map(|&(b, _)| (b as usize, g.transition(role, b as usize)))
        .collect())
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// One sentence about a match, written from its numbers.
pub fn summary(m: &ReadModel, person: &Person, fit: &RoleFit) -> String {
    let title = &m.graph.roles[fit.role].title;
    let name = |id: i32| {
        m.skill_index_of_id(id)
            .map_or_else(|| format!("skill {id}"), |i| m.skills[i].name.clone())
    };
    let full = fit.matched.iter().filter(|x| x.coverage >= 1.0).count();
    let total = fit.matched.len() + fit.missing.len();
    let mut text = format!(
        "{title} fits you at {}: you cover {} of its needs ({full} of its {total} weighted skills in full",
        percent(fit.score),
        percent(fit.fit.coverage)
    );
    let partial = fit.matched.len() - full;
    if partial > 0 {
        text.push_str(&format!(", {partial} in part"));
    }
    text.push_str(&format!(
        ") and it uses {} of what sets you apart",
        percent(fit.fit.usage)
    ));
    if fit.fit.zone_cost > 0.0 {
        text.push_str(&format!(
            " (less {:.2} for the job-zone distance)",
            fit.fit.zone_cost
        ));
    }
    let gaps: Vec<String> = fit
        .missing
        .iter()
        .map(|n| n.skill_id)
        .chain(
            fit.matched
                .iter()
                .filter(|x| x.coverage < 1.0)
                .map(|x| x.need.skill_id),
        )
        .take(2)
        .map(name)
        .collect();
    if !gaps.is_empty() {
        text.push_str(&format!("; the biggest gaps are {}", gaps.join(" and ")));
    }
    if let Some(gap) = fit.transition.job_zone_gap {
        let zones = match gap {
            0 => "the same job zone".to_owned(),
            g if g > 0 => format!("{g} job zone{} up", if g == 1 { "" } else { "s" }),
            g => format!("{} job zone{} down", -g, if g == -1 { "" } else { "s" }),
        };
        text.push_str(&format!("; {zones}"));
    }
    if let (Some(ratio), Some(current)) = (fit.transition.wage_ratio, person.current) {
        text.push_str(&format!(
            "; pay {:+.0}% from {}",
            (ratio - 1.0) * 100.0,
            m.graph.roles[current].title
        ));
    }
    text.push('.');
    text
}

/// The pay upside of learning a skill: from role `from`'s pay to the best-paid of `roles` (the
/// roles it unlocks), like for like: the largest comparable change; when none is comparable,
/// the first (`NOT_COMPARABLE`); `None` when no role of `roles` has pay.
pub fn pay_upside(m: &ReadModel, pay: &PayIn, from: usize, roles: &[usize]) -> Option<Salaries> {
    let mut changes: Vec<Salaries> = roles
        .iter()
        .filter_map(|&r| pay.change(m, from, r))
        .collect();
    let best = changes
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.pair.map(|(a, b)| (i, b - a)))
        .max_by_key(|&(_, amount)| amount)
        .map_or(0, |(i, _)| i);
    (!changes.is_empty()).then(|| changes.swap_remove(best))
}

/// The pay of the best-paid of `roles` (headline, or annual median in the pay view's area).
pub fn best_pay(m: &ReadModel, pay: &PayIn, roles: &[usize]) -> Option<i32> {
    roles.iter().filter_map(|&r| pay.salary(m, r)).max()
}

/// Ids of the certifications `roles` value, most often valued first, then by the strongest
/// relevance any of them gives, then by id; at most `first`. (The data links certifications to
/// roles, not to skills.)
pub fn certifications_valued_by(m: &ReadModel, roles: &[usize], first: usize) -> Vec<i32> {
    // (certification id, how many roles value it, strongest relevance rank)
    let mut counts: Vec<(i32, usize, usize)> = Vec::new();
    for &r in roles {
        for c in &m.graph.roles[r].certifications {
            let strength = c.relevance.strength_rank();
            match counts.iter_mut().find(|x| x.0 == c.certification_id) {
                Some(x) => {
                    x.1 += 1;
                    x.2 = x.2.min(strength);
                }
                None => counts.push((c.certification_id, 1, strength)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)).then(a.0.cmp(&b.0)));
    counts
        .into_iter()
        .take(first)
        .map(|(id, _, _)| id)
        .collect()
}
