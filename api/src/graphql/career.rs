//! The career-path engine's queries: best routes, reachability, skill gaps, comparisons.

use async_graphql::{Context, Enum, Object, SimpleObject};
use entity::role_profile::Model as Profile;

use super::catalog::{Certification, Skill, Source};
use super::enums::SalaryBasis;
use super::enums::{CertificationRelevance, MoveKind};
use super::kit::{SalaryChange, View};
use super::place::AreaPayComparison;
use super::planning::TransitionGates;
use super::role::{CareerMove, Role};
use crate::career::gap::{self, GapReason, SkillGapItem};
use crate::career::render;
use crate::career::search::{self, MAX_STEPS, Objective};
use crate::career::similarity::SimilarGates;
use crate::career::snapshot::SkillWeight;
use crate::error::GqlResult;
use crate::service::career::{self, RouteRequest};
use crate::service::place::{self, AskedArea};

/// What "best" means when ranking routes.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[graphql(remote = "crate::career::search::Objective")]
pub enum RouteObjective {
    /// Fewest moves.
    FewestSteps,
    /// Least total typical years (moves of unknown duration count 3 years).
    FewestYears,
    /// Through the best-paid roles: least total shortfall of each role entered below the
    /// best-paid role in the graph (a role of unknown pay counts as no change).
    HighestSalaryGain,
    /// Highest product of move likelihoods (unknown likelihoods count 0.5).
    MostLikely,
    /// Weighted: 1 per move + 0.2 per year + 1 per unit of -ln(likelihood) + 1 per unit of
    /// salary shortfall.
    #[default]
    Balanced,
}

/// One component of a route's score.
#[derive(SimpleObject)]
pub struct ScoreComponent {
    /// `steps`, `years`, `likelihood` (as -ln of the combined likelihood) or `salaryShortfall`.
    pub name: String,
    /// The route's raw total for this component.
    pub value: f64,
    /// Weight of the component under the chosen objective (0 when it does not count).
    pub weight: f64,
    /// `value × weight`: what the component adds to the cost.
    pub contribution: f64,
}

/// Why a route ranks where it does.
#[derive(SimpleObject)]
pub struct RouteScore {
    /// The objective routes were ranked by.
    pub objective: RouteObjective,
    /// Total cost under the objective; lower ranks first.
    pub cost: f64,
    /// The parts that make up `cost`.
    pub components: Vec<ScoreComponent>,
}

/// Totals of a route.
#[derive(SimpleObject)]
pub struct RouteTotals {
    /// Number of moves.
    pub steps: i32,
    /// Sum of the moves' typical years.
    pub years: f64,
    /// True when some move's duration was unknown and counted as 3 years.
    pub years_estimated: bool,
    /// Product of the moves' likelihoods.
    pub likelihood: f64,
    /// True when some move's likelihood was unknown and counted as 0.5.
    pub likelihood_estimated: bool,
    /// Salary change from the first role to the last, like for like (see `SalaryChange`);
    /// null when either has no pay.
    pub salary_change: Option<SalaryChange>,
    /// What `salaryChange` compares (the same as `salaryChange.basis`; null when it is null).
    pub salary_basis: Option<SalaryBasis>,
}

/// A ranked career route: the roles passed and the moves between them.
pub struct CareerRoute {
    m: View,
    route: search::FoundRoute,
    rank: usize,
    objective: Objective,
    /// The area salary changes are measured in, when asked.
    area: Option<AskedArea>,
    gates: SimilarGates,
}

/// A ranked career route: the roles passed and the moves between them.
#[Object]
impl CareerRoute {
    /// Position in the result, from 1 (best).
    async fn rank(&self) -> i32 {
        self.rank as i32
    }
    /// The roles in order, from the starting role to the target.
    async fn roles(&self) -> Vec<Role> {
        self.route
            .nodes
            .iter()
            .map(|&n| Role::at(&self.m, n))
            .collect()
    }
    /// The moves in order.
    async fn steps(&self) -> Vec<RouteStep> {
        self.route
            .edges
            .iter()
            .enumerate()
            .map(|(i, &edge)| RouteStep {
                m: self.m.clone(),
                edge,
                position: i + 1,
                area: self.area.clone(),
                gates: self.gates,
            })
            .collect()
    }
    /// Totals over all moves.
    async fn totals(&self) -> RouteTotals {
        let totals = self.m.graph.totals(&self.route);
        let salaries = self
            .route
            .nodes
            .first()
            .zip(self.route.nodes.last())
            .and_then(|(&first, &last)| {
                place::move_salaries(&self.m, first, last, self.area.as_ref())
            });
        RouteTotals {
            steps: totals.steps as i32,
            years: totals.years,
            years_estimated: totals.years_estimated,
            likelihood: totals.likelihood,
            likelihood_estimated: totals.likelihood_estimated,
            salary_change: salaries.map(Into::into),
            salary_basis: salaries.map(|s| s.basis.into()),
        }
    }
    /// The cost breakdown that explains this route's rank.
    async fn score(&self) -> RouteScore {
        let totals = self.m.graph.totals(&self.route);
        let components = search::COMPONENTS
            .into_iter()
            .zip(totals.components)
            .zip(self.objective.weights())
            .map(|((name, value), weight)| ScoreComponent {
                name: name.to_owned(),
                value,
                weight,
                contribution: value * weight,
            })
            .collect();
        RouteScore {
            objective: self.objective.into(),
            cost: self.route.cost as f64 / search::UNIT,
            components,
        }
    }
}

/// One move of a route.
pub struct RouteStep {
    m: View,
    edge: usize,
    position: usize,
    /// The area the salary change is measured in, when asked.
    area: Option<AskedArea>,
    gates: SimilarGates,
}

/// One move of a route.
#[Object]
impl RouteStep {
    /// Position in the route, from 1.
    async fn position(&self) -> i32 {
        self.position as i32
    }
    /// The stored move (kind, typical years, likelihood, description, source, salary change);
    /// null for a computed `SIMILAR` move (only in routes asked `includeSimilar: true`).
    #[graphql(name = "move")]
    async fn career_move(&self) -> GqlResult<Option<CareerMove>> {
        let edge = &self.m.graph.edges[self.edge];
        if edge.kind == entity::vocab::MoveKind::Similar {
            return Ok(None);
        }
        CareerMove::by_id(&self.m, edge.move_id).map(Some)
    }
    /// The kind of move: a stored kind, or `SIMILAR` for a move computed from skills.
    async fn kind(&self) -> MoveKind {
        self.m.graph.edges[self.edge].kind.into()
    }
    /// The transition's gate values (similarity, job-zone step, pay ratio) and whether each
    /// passes the query's gates (the defaults when `includeSimilar` is off).
    async fn gates(&self) -> TransitionGates {
        let edge = &self.m.graph.edges[self.edge];
        TransitionGates::new(self.m.graph.transition(edge.from, edge.to), self.gates)
    }
    /// Years counted for this move (3 when unknown; see `yearsEstimated`).
    async fn years(&self) -> f64 {
        self.m.graph.metrics(&self.m.graph.edges[self.edge]).years
    }
    /// True when the move's duration is unknown.
    async fn years_estimated(&self) -> bool {
        self.m
            .graph
            .metrics(&self.m.graph.edges[self.edge])
            .years_estimated
    }
    /// Likelihood counted for this move (0.5 when unknown; see `likelihoodEstimated`).
    async fn likelihood(&self) -> f64 {
        self.m
            .graph
            .metrics(&self.m.graph.edges[self.edge])
            .likelihood
    }
    /// True when the move's likelihood is unknown.
    async fn likelihood_estimated(&self) -> bool {
        self.m
            .graph
            .metrics(&self.m.graph.edges[self.edge])
            .likelihood_estimated
    }
    /// Yearly salary change of this move, like for like (README "Pay"): the two roles' annual
    /// medians in the asked `area` when they are different occupations and both are published
    /// (BLS OEWS May 2025), else their own pay, else their occupation benchmarks of one release
    /// when the occupations differ, else `NOT_COMPARABLE` with null figures; null when either
    /// role has no pay.
    async fn salary_change(&self) -> Option<SalaryChange> {
        let edge = &self.m.graph.edges[self.edge];
        place::move_salaries(&self.m, edge.from, edge.to, self.area.as_ref()).map(Into::into)
    }
    /// What `salaryChange` compares (the same as `salaryChange.basis`; null when it is null).
    async fn salary_basis(&self) -> Option<SalaryBasis> {
        let edge = &self.m.graph.edges[self.edge];
        place::move_salaries(&self.m, edge.from, edge.to, self.area.as_ref())
            .map(|s| s.basis.into())
    }
    /// What to learn for this move.
    async fn skill_gap(&self) -> SkillGap {
        let edge = &self.m.graph.edges[self.edge];
        SkillGap::new(self.m.clone(), edge.from, edge.to)
    }
}

/// A set of ranked routes, with diagrams of them.
pub struct CareerRouteSet {
    m: View,
    result: search::RouteSearch,
    objective: Objective,
    area: Option<AskedArea>,
    gates: SimilarGates,
}

/// A set of ranked routes, with diagrams of them.
#[Object]
impl CareerRouteSet {
    /// The routes, best first; fewer than asked when fewer exist, empty when none does.
    async fn routes(&self) -> Vec<CareerRoute> {
        self.result
            .routes
            .iter()
            .enumerate()
            .map(|(i, route)| CareerRoute {
                m: self.m.clone(),
                route: route.clone(),
                rank: i + 1,
                objective: self.objective,
                area: self.area.clone(),
                gates: self.gates,
            })
            .collect()
    }
    /// False when the search hit its work limit; the routes are then the best found so far.
    async fn complete(&self) -> bool {
        self.result.complete
    }
    /// The routes as a Mermaid flowchart.
    async fn mermaid(&self) -> String {
        render::mermaid(&self.m.graph, &self.result.routes)
    }
    /// The routes as a Graphviz DOT digraph.
    async fn dot(&self) -> String {
        render::dot(&self.m.graph, &self.result.routes)
    }
    /// Data version of the graph searched.
    async fn data_version(&self) -> i64 {
        self.m.version
    }
}

/// A role reachable from, or leading to, another within some number of moves.
pub struct ReachableRole {
    m: View,
    index: usize,
    distance: usize,
}

/// A role reachable from, or leading to, another within some number of moves.
#[Object]
impl ReachableRole {
    /// The role.
    async fn role(&self) -> Role {
        Role::at(&self.m, self.index)
    }
    /// Fewest moves between the two roles.
    async fn distance(&self) -> i32 {
        self.distance as i32
    }
}

/// Weights of a skill for one role, aggregated over sources.
#[derive(SimpleObject, Clone)]
pub struct SkillWeights {
    /// Highest share (percent) any source gives.
    pub share_pct: Option<f64>,
    /// Highest O*NET importance (1–5) any source gives.
    pub importance: Option<f64>,
    /// Highest O*NET level (0–7) any source gives.
    pub level: Option<f64>,
    /// Best rank in a source's top-skills list.
    pub rank: Option<i32>,
}

impl From<&SkillWeight> for SkillWeights {
    fn from(w: &SkillWeight) -> Self {
        Self {
            share_pct: w.share_pct,
            importance: w.importance,
            level: w.level,
            rank: w.rank,
        }
    }
}

/// Why a skill is part of a gap.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkillGapReason {
    /// The current role does not list the skill.
    Missing,
    /// The current role lists it with a lower share, importance or level.
    LowerWeight,
}

/// One skill to develop.
pub struct SkillGapEntry {
    m: View,
    item: SkillGapItem,
}

/// One skill to develop.
#[Object]
impl SkillGapEntry {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.m, self.item.target.skill_id)
    }
    /// Missing, or held at a lower weight.
    async fn reason(&self) -> SkillGapReason {
        match self.item.reason {
            GapReason::Missing => SkillGapReason::Missing,
            GapReason::LowerWeight => SkillGapReason::LowerWeight,
        }
    }
    /// How the target role weights it.
    async fn target(&self) -> SkillWeights {
        (&self.item.target).into()
    }
    /// How the current role weights it (null when missing).
    async fn current(&self) -> Option<SkillWeights> {
        self.item.current.as_ref().map(Into::into)
    }
}

/// A certification the target role values and the current role does not.
pub struct CertificationGapEntry {
    m: View,
    certification_id: i32,
    relevance: entity::vocab::Relevance,
}

/// A certification the target role values and the current role does not.
#[Object]
impl CertificationGapEntry {
    /// The certification.
    async fn certification(&self) -> GqlResult<Certification> {
        Certification::by_id(&self.m, self.certification_id)
    }
    /// The strongest relevance the target role gives it.
    async fn relevance(&self) -> CertificationRelevance {
        self.relevance.into()
    }
}

/// What a move from one role to another asks you to learn.
pub struct SkillGap {
    m: View,
    from: usize,
    to: usize,
    gap: gap::Gap,
}

impl SkillGap {
    fn new(m: View, from: usize, to: usize) -> Self {
        let gap = career::skill_gap(&m, from, to);
        Self { m, from, to, gap }
    }
}

/// What a move from one role to another asks you to learn.
#[Object]
impl SkillGap {
    /// The current role.
    async fn from(&self) -> Role {
        Role::at(&self.m, self.from)
    }
    /// The target role.
    async fn to(&self) -> Role {
        Role::at(&self.m, self.to)
    }
    /// Skills the target needs that the current role lacks or weights lower, most important first.
    async fn skills(&self) -> Vec<SkillGapEntry> {
        self.gap
            .skills
            .iter()
            .map(|item| SkillGapEntry {
                m: self.m.clone(),
                item: item.clone(),
            })
            .collect()
    }
    /// Certifications the target values that the current role does not, strongest first.
    async fn certifications(&self) -> Vec<CertificationGapEntry> {
        self.gap
            .certifications
            .iter()
            .map(|c| CertificationGapEntry {
                m: self.m.clone(),
                certification_id: c.certification_id,
                relevance: c.relevance,
            })
            .collect()
    }
}

/// Two values side by side.
#[derive(SimpleObject)]
pub struct NumberComparison {
    /// Value for role `a`.
    pub a: Option<f64>,
    /// Value for role `b`.
    pub b: Option<f64>,
    /// `b - a`, when both are known.
    pub difference: Option<f64>,
    /// `(b - a) / a` in percent, when both are known and `a` is not 0.
    pub percent: Option<f64>,
}

impl NumberComparison {
    pub(crate) fn of(a: Option<f64>, b: Option<f64>) -> Self {
        let difference = a.zip(b).map(|(a, b)| b - a);
        let percent = a
            .zip(b)
            .filter(|(a, _)| *a != 0.0)
            .map(|(a, b)| ((b - a) / a * 1000.0).round() / 10.0);
        Self {
            a,
            b,
            difference,
            percent,
        }
    }
}

/// A skill with how each of two roles weights it.
pub struct SkillSideBySide {
    m: View,
    skill_id: i32,
    a: Option<SkillWeight>,
    b: Option<SkillWeight>,
}

/// A skill with how each of two roles weights it.
#[Object]
impl SkillSideBySide {
    /// The skill.
    async fn skill(&self) -> GqlResult<Skill> {
        Skill::by_id(&self.m, self.skill_id)
    }
    /// Weights for role `a` (null when `a` does not list it).
    async fn a(&self) -> Option<SkillWeights> {
        self.a.as_ref().map(Into::into)
    }
    /// Weights for role `b` (null when `b` does not list it).
    async fn b(&self) -> Option<SkillWeights> {
        self.b.as_ref().map(Into::into)
    }
}

/// Two roles compared side by side ("X vs Y").
pub struct RoleComparison {
    m: View,
    a: usize,
    b: usize,
    /// The area pay is compared in, when asked.
    area: Option<AskedArea>,
}

impl RoleComparison {
    fn figure(&self, pick: impl Fn(&Profile) -> Option<f64>) -> NumberComparison {
        NumberComparison::of(
            self.m.facts[self.a].profiles.iter().find_map(&pick),
            self.m.facts[self.b].profiles.iter().find_map(&pick),
        )
    }

    fn skills(&self, in_a: bool, in_b: bool) -> Vec<SkillSideBySide> {
        let (ra, rb) = (&self.m.graph.roles[self.a], &self.m.graph.roles[self.b]);
        let mut ids: Vec<&SkillWeight> = ra.skills.iter().chain(rb.skills.iter()).collect();
        ids.sort_by(|x, y| gap::by_importance(x, y));
        let mut out: Vec<SkillSideBySide> = Vec::new();
        for w in ids {
            if out.iter().any(|s| s.skill_id == w.skill_id) {
                continue;
            }
            let a = ra.skills.iter().find(|s| s.skill_id == w.skill_id).cloned();
            let b = rb.skills.iter().find(|s| s.skill_id == w.skill_id).cloned();
            if a.is_some() == in_a && b.is_some() == in_b {
                out.push(SkillSideBySide {
                    m: self.m.clone(),
                    skill_id: w.skill_id,
                    a,
                    b,
                });
            }
        }
        out
    }

    fn certifications(&self, in_a: bool, in_b: bool) -> GqlResult<Vec<Certification>> {
        let (ra, rb) = (&self.m.graph.roles[self.a], &self.m.graph.roles[self.b]);
        let mut ids: Vec<i32> = Vec::new();
        for c in ra.certifications.iter().chain(rb.certifications.iter()) {
            let has_a = ra
                .certifications
                .iter()
                .any(|x| x.certification_id == c.certification_id);
            let has_b = rb
                .certifications
                .iter()
                .any(|x| x.certification_id == c.certification_id);
            if has_a == in_a && has_b == in_b && !ids.contains(&c.certification_id) {
                ids.push(c.certification_id);
            }
        }
        ids.into_iter()
            .map(|id| Certification::by_id(&self.m, id))
            .collect()
    }
}

/// Two roles compared side by side ("X vs Y").
#[Object]
impl RoleComparison {
    /// The first role (all its figures are available on it).
    async fn a(&self) -> Role {
        Role::at(&self.m, self.a)
    }
    /// The second role.
    async fn b(&self) -> Role {
        Role::at(&self.m, self.b)
    }
    /// Headline yearly salary (each role's pay record, README "Pay"). The difference is like
    /// for like: `a` and `b` are the figures `salaryChange` compares when it can, and the
    /// difference is null when the two are not comparable.
    async fn headline_salary(&self) -> NumberComparison {
        let (a, b) = (&self.m.facts[self.a], &self.m.facts[self.b]);
        match place::move_salaries(&self.m, self.a, self.b, None).and_then(|s| s.pair) {
            Some((x, y)) => NumberComparison::of(Some(f64::from(x)), Some(f64::from(y))),
            None => NumberComparison {
                a: a.headline_salary.map(f64::from),
                b: b.headline_salary.map(f64::from),
                difference: None,
                percent: None,
            },
        }
    }
    /// Salary change from `a` to `b`, like for like (national figures; see `areaPay` for an
    /// area); null when either has no pay.
    async fn salary_change(&self) -> Option<SalaryChange> {
        place::move_salaries(&self.m, self.a, self.b, None).map(Into::into)
    }
    /// Average yearly salary.
    async fn average_salary(&self) -> NumberComparison {
        self.figure(|p| p.salary_mean.map(f64::from))
    }
    /// Average hourly rate.
    async fn hourly_rate(&self) -> NumberComparison {
        self.figure(|p| p.hourly_mean)
    }
    /// Bottom of the salary range.
    async fn salary_range_low(&self) -> NumberComparison {
        self.figure(|p| p.salary_low.map(f64::from))
    }
    /// Top of the salary range.
    async fn salary_range_high(&self) -> NumberComparison {
        self.figure(|p| p.salary_high.map(f64::from))
    }
    /// Projected growth, percent.
    async fn growth_rate_pct(&self) -> NumberComparison {
        self.figure(|p| p.growth_rate_pct)
    }
    /// Number of jobs.
    async fn jobs(&self) -> NumberComparison {
        self.figure(|p| p.jobs_count.map(f64::from))
    }
    /// Job satisfaction (0–5).
    async fn job_satisfaction(&self) -> NumberComparison {
        self.figure(|p| p.job_satisfaction)
    }
    /// Years of experience (lower bound).
    async fn experience_years(&self) -> NumberComparison {
        self.figure(|p| p.experience_years_min)
    }
    /// Years to become one (lower bound).
    async fn years_to_become(&self) -> NumberComparison {
        self.figure(|p| p.years_to_become_min)
    }
    /// Average age.
    async fn average_age(&self) -> NumberComparison {
        self.figure(|p| p.average_age)
    }
    /// Share holding the most common degree, percent.
    async fn degree_share_pct(&self) -> NumberComparison {
        self.figure(|p| p.degree_share_pct)
    }
    /// LGBT share, percent.
    async fn lgbt_share_pct(&self) -> NumberComparison {
        self.figure(|p| p.lgbt_share_pct)
    }
    /// Skills both roles list, most important first.
    async fn shared_skills(&self) -> Vec<SkillSideBySide> {
        self.skills(true, true)
    }
    /// Skills only role `a` lists.
    async fn skills_only_in_a(&self) -> Vec<SkillSideBySide> {
        self.skills(true, false)
    }
    /// Skills only role `b` lists.
    async fn skills_only_in_b(&self) -> Vec<SkillSideBySide> {
        self.skills(false, true)
    }
    /// Certifications both roles value.
    async fn shared_certifications(&self) -> GqlResult<Vec<Certification>> {
        self.certifications(true, true)
    }
    /// Certifications only role `a` values.
    async fn certifications_only_in_a(&self) -> GqlResult<Vec<Certification>> {
        self.certifications(true, false)
    }
    /// Certifications only role `b` values.
    async fn certifications_only_in_b(&self) -> GqlResult<Vec<Certification>> {
        self.certifications(false, true)
    }
    /// Pay and employment compared in the asked `area` (BLS OEWS May 2025); null when no area
    /// was given.
    async fn area_pay(&self) -> Option<AreaPayComparison> {
        self.area.clone().map(|asked| AreaPayComparison {
            m: self.m.clone(),
            asked,
            a: self.a,
            b: self.b,
        })
    }
    /// Sources that compare these two roles directly.
    async fn documented_by(&self) -> GqlResult<Vec<Source>> {
        let b = self.b as u32;
        self.m.facts[self.a]
            .comparisons
            .iter()
            .filter(|&&(other, _)| other == b)
            .map(|&(_, source)| Source::by_id(&self.m, source))
            .collect()
    }
}

/// Roles within `depth` moves of `role`: after it, or before it when `reverse`.
fn reachable(
    ctx: &Context<'_>,
    role: &str,
    depth: Option<i32>,
    reverse: bool,
) -> GqlResult<Vec<ReachableRole>> {
    let m = super::model(ctx)?;
    let found = career::reachable(&m, role, depth.unwrap_or(1), reverse)?;
    Ok(found
        .into_iter()
        .map(|(index, distance)| ReachableRole {
            m: m.clone(),
            index,
            distance,
        })
        .collect())
}

/// The request's read model and the indices of two roles in it; NOT_FOUND for an unknown slug.
fn two_roles(ctx: &Context<'_>, a: &str, b: &str) -> GqlResult<(View, usize, usize)> {
    let m = super::model(ctx)?;
    let (a, b) = (career::role_index(&m, a)?, career::role_index(&m, b)?);
    Ok((m, a, b))
}

/// Career-path queries.
#[derive(Default)]
pub struct CareerQuery;

/// Career-path queries.
#[Object]
impl CareerQuery {
    /// The best loopless routes from one role to another. Fewer than `first` when fewer
    /// exist; empty (not an error) when none does; NOT_FOUND for an unknown role.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "crate::graphql::scaled(first, 5, child_complexity) + 50")]
    async fn career_routes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the starting role.")] from: String,
        #[graphql(desc = "Slug of the target role.")] to: String,
        #[graphql(desc = "How many routes, 1–20.", default = 5)] first: Option<i32>,
        #[graphql(
            desc = "What makes a route better.",
            default_with = "Some(RouteObjective::Balanced)"
        )]
        optimize: Option<RouteObjective>,
        #[graphql(desc = "Most moves in a route, 1–10.", default = 10)] max_steps: Option<i32>,
        #[graphql(
            desc = "Slugs of roles every route must pass through (any order, at most 8).",
            default_with = "Some(Vec::new())"
        )]
        via: Option<Vec<String>>,
        #[graphql(
            desc = "Slugs of roles no route may pass through.",
            default_with = "Some(Vec::new())"
        )]
        avoid: Option<Vec<String>>,
        #[graphql(
            desc = "Also follow related-role links, which are not moves people make (default false)."
        )]
        include_related: Option<bool>,
        #[graphql(
            desc = "Measure each step's salary change by annual medians in this area (BLS area code, USPS state code or exact name) when both are published; headline salaries otherwise. Does not change the ranking."
        )]
        area: Option<String>,
        #[graphql(
            desc = "Also take moves computed from skill similarity (kind `SIMILAR`) that pass the gates below (default false).",
            default_with = "Some(false)"
        )]
        include_similar: Option<bool>,
        #[graphql(
            desc = "With `includeSimilar`: least similarity of a computed move, 0–1 (the fit of the current role's own skills to the next role, as in `matchRoles`; default the viability threshold, 0.7)."
        )]
        min_similarity: Option<f64>,
        #[graphql(
            desc = "With `includeSimilar`: largest job-zone step up of a computed move, 0–4 (default 1; unknown job zones pass)."
        )]
        max_job_zone_gap: Option<i32>,
        #[graphql(
            desc = "With `includeSimilar`: least ratio of new to old pay of a computed move, like for like (both roles' own pay, or two occupations' benchmarks of one release; default 0.75; unknown or not comparable passes)."
        )]
        min_wage_ratio: Option<f64>,
    ) -> GqlResult<CareerRouteSet> {
        let defaults = SimilarGates::default();
        let gates = SimilarGates {
            min_similarity: min_similarity.unwrap_or(defaults.min_similarity),
            max_job_zone_gap: max_job_zone_gap.or(defaults.max_job_zone_gap),
            min_wage_ratio: min_wage_ratio.or(defaults.min_wage_ratio),
        };
        let request = RouteRequest {
            from,
            to,
            first: first.unwrap_or(5),
            objective: optimize.unwrap_or_default().into(),
            max_steps: max_steps.unwrap_or(MAX_STEPS as i32),
            via: via.unwrap_or_default(),
            avoid: avoid.unwrap_or_default(),
            include_related: include_related.unwrap_or(false),
            similar: include_similar.unwrap_or(false).then_some(gates),
        };
        let m = super::model(ctx)?;
        let query = career::route_query(&m, &request)?;
        let area = place::asked_area(&m, "area", area.as_deref()).await?;
        let started = std::time::Instant::now();
        let result = career::routes(&m, query).await?;
        if let Ok(state) = super::state(ctx) {
            state.metrics.record_route_search(started.elapsed());
        }
        Ok(CareerRouteSet {
            m,
            result,
            objective: request.objective,
            area,
            gates,
        })
    }

    /// Roles reachable from a role within `depth` moves, nearest first.
    async fn next_steps(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the role.")] role: String,
        #[graphql(desc = "Most moves away, 1–10.", default = 1)] depth: Option<i32>,
    ) -> GqlResult<Vec<ReachableRole>> {
        reachable(ctx, &role, depth, false)
    }

    /// Roles that lead into a role within `depth` moves, nearest first.
    async fn feeder_roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the role.")] role: String,
        #[graphql(desc = "Most moves away, 1–10.", default = 1)] depth: Option<i32>,
    ) -> GqlResult<Vec<ReachableRole>> {
        reachable(ctx, &role, depth, true)
    }

    /// Skills and certifications the target role needs that the current role lacks.
    async fn skill_gap(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the current role.")] from: String,
        #[graphql(desc = "Slug of the target role.")] to: String,
    ) -> GqlResult<SkillGap> {
        let (m, from, to) = two_roles(ctx, &from, &to)?;
        Ok(SkillGap::new(m, from, to))
    }

    /// Two roles side by side: pay, outlook, experience, education, skills, certifications.
    async fn compare_roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Slug of the first role.")] a: String,
        #[graphql(desc = "Slug of the second role.")] b: String,
        #[graphql(
            desc = "Also compare pay in this area (BLS area code, USPS state code or exact name): see `areaPay`."
        )]
        area: Option<String>,
    ) -> GqlResult<RoleComparison> {
        let (m, a, b) = two_roles(ctx, &a, &b)?;
        let area = place::asked_area(&m, "area", area.as_deref()).await?;
        Ok(RoleComparison { m, a, b, area })
    }

    /// The data version: bumped by every write; the route graph follows it.
    async fn data_version(&self, ctx: &Context<'_>) -> GqlResult<i64> {
        Ok(super::model(ctx)?.version)
    }
}
