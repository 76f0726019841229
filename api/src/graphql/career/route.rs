//! Ranked career routes: the routes, their steps, totals and score breakdown, and drawings.

use async_graphql::{Enum, Object, SimpleObject};

use super::gap::SkillGap;
use crate::career::render;
use crate::career::search::{self, Objective};
use crate::career::similarity::SimilarGates;
use crate::error::GqlResult;
use crate::graphql::enums::{MoveKind, SalaryBasis};
use crate::graphql::gates::TransitionGates;
use crate::graphql::graph::{CareerMove, Role};
use crate::graphql::kit::{SalaryChange, View};
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
        TransitionGates::new(self.m.graph.transition(edge.from(), edge.to()), self.gates)
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
        place::move_salaries(&self.m, edge.from(), edge.to(), self.area.as_ref()).map(Into::into)
    }
    /// What `salaryChange` compares (the same as `salaryChange.basis`; null when it is null).
    async fn salary_basis(&self) -> Option<SalaryBasis> {
        let edge = &self.m.graph.edges[self.edge];
        place::move_salaries(&self.m, edge.from(), edge.to(), self.area.as_ref())
            .map(|s| s.basis.into())
    }
    /// What to learn for this move.
    async fn skill_gap(&self) -> SkillGap {
        let edge = &self.m.graph.edges[self.edge];
        SkillGap::new(self.m.clone(), edge.from(), edge.to())
    }
}

/// A set of ranked routes, with diagrams of them.
pub struct CareerRouteSet {
    pub(super) m: View,
    pub(super) result: search::RouteSearch,
    pub(super) objective: Objective,
    pub(super) area: Option<AskedArea>,
    pub(super) gates: SimilarGates,
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
