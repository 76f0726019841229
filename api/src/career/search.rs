//! k best loopless routes between two roles, with exact constraints.
//!
//! Costs are integers (micro-units) so comparisons are exact and results identical on every
//! database. The search is A* over partial simple paths: the heuristic is the exact cheapest
//! cost from each role to the target (one Dijkstra on the reversed graph, avoiding `avoid`),
//! which is consistent, so complete routes come out cheapest first and the first k that pass
//! every constraint (loopless, `via`, `avoid`, `maxSteps`) are the k best.
//!
//! Why not a crate: `pathfinding::yen` cannot enforce `via` and `maxSteps` exactly and runs a
//! Dijkstra per spur node; `pathfinding`'s and `petgraph`'s Dijkstras keep distances in hash
//! maps, ~10x slower than the dense arrays below on a 1M-move graph (see BENCHMARKS.md).
//! The bench cross-checks our costs against `pathfinding::yen` on unconstrained queries.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::similarity::SimilarGates;
use super::snapshot::{Edge, GraphSnapshot, MoveKind, Pair};

/// Cost of 1.0 in integer micro-units.
pub const UNIT: f64 = 1_000_000.0;
/// Years assumed for a move whose typical duration is unknown.
pub const DEFAULT_YEARS: f64 = 3.0;
/// Likelihood assumed for a move whose evidence weight is unknown.
pub const DEFAULT_LIKELIHOOD: f64 = 0.5;
/// Largest accepted `k`.
pub const MAX_ROUTES: usize = 20;
/// Largest accepted `maxSteps`.
pub const MAX_STEPS: usize = 10;
/// Most via roles accepted.
pub const MAX_VIA: usize = 8;
/// Partial routes examined before the search gives up and reports itself incomplete.
pub const EXPANSION_BUDGET: usize = 400_000;
/// BALANCED weights: per step, per year, per unit of -ln(likelihood), per salary shortfall.
pub const BALANCED_WEIGHTS: [f64; 4] = [1.0, 0.2, 1.0, 1.0];

/// What "best" means for a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Objective {
    /// Fewest moves.
    FewestSteps,
    /// Least total typical years.
    FewestYears,
    /// Through the best-paid roles: least total salary shortfall of the roles entered,
    /// relative to the best-paid role in the graph.
    HighestSalaryGain,
    /// Highest product of move likelihoods.
    MostLikely,
    /// Weighted sum of the four (see [`BALANCED_WEIGHTS`]).
    Balanced,
}

/// The measurable parts of one move, before weighting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeMetrics {
    pub years: f64,
    pub years_estimated: bool,
    pub likelihood: f64,
    pub likelihood_estimated: bool,
    /// 0 (entering the best-paid role) ..= 1 (entering an unpaid role).
    pub salary_shortfall: f64,
}

impl EdgeMetrics {
    /// `-ln(likelihood)`: adds up along a route as likelihoods multiply.
    pub fn surprise(&self) -> f64 {
        -self.likelihood.ln()
    }

    /// The move's cost components, in [`COMPONENTS`] order: one step, its years, its surprise
    /// and the salary shortfall of the role entered.
    pub fn components(&self) -> [f64; 4] {
        [1.0, self.years, self.surprise(), self.salary_shortfall]
    }

    /// This move's cost under `objective`, in the objective's own units: its components
    /// weighted by [`Objective::weights`].
    pub fn cost(&self, objective: Objective) -> f64 {
        self.components()
            .iter()
            .zip(objective.weights())
            .filter(|(_, w)| *w != 0.0)
            .map(|(c, w)| c * w)
            .sum()
    }
}

/// Names of the cost components, as the API shows them.
pub const COMPONENTS: [&str; 4] = ["steps", "years", "likelihood", "salaryShortfall"];

impl Objective {
    /// The weight of each cost component ([`COMPONENTS`]) under this objective.
    pub const fn weights(self) -> [f64; 4] {
        match self {
            Self::FewestSteps => [1.0, 0.0, 0.0, 0.0],
            Self::FewestYears => [0.0, 1.0, 0.0, 0.0],
            Self::MostLikely => [0.0, 0.0, 1.0, 0.0],
            Self::HighestSalaryGain => [0.0, 0.0, 0.0, 1.0],
            Self::Balanced => BALANCED_WEIGHTS,
        }
    }
}

/// What a found route adds up to over its moves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RouteTotals {
    pub steps: usize,
    pub years: f64,
    pub years_estimated: bool,
    /// The product of the moves' likelihoods.
    pub likelihood: f64,
    pub likelihood_estimated: bool,
    /// Each cost component summed over the moves ([`COMPONENTS`] order).
    pub components: [f64; 4],
}

impl GraphSnapshot {
    /// Metrics of one stored move.
    pub fn metrics(&self, edge: &Edge) -> EdgeMetrics {
        let years = self
            .edges
            .years(edge)
            .filter(|y| y.is_finite() && *y >= 0.0);
        let likelihood = self
            .edges
            .likelihood(edge)
            .filter(|l| *l > 0.0 && *l <= 1.0);
        // An unknown salary counts as no change from the role left.
        let entered = self.roles[edge.to()]
            .salary
            .or(self.roles[edge.from()].salary);
        let salary_shortfall = match (self.max_salary, entered) {
            (Some(max), Some(salary)) if max > 0 => {
                (f64::from(max - salary) / f64::from(max)).clamp(0.0, 1.0)
            }
            (Some(_), None) => 1.0,
            _ => 0.0,
        };
        EdgeMetrics {
            years: years.unwrap_or(DEFAULT_YEARS),
            years_estimated: years.is_none(),
            likelihood: likelihood.unwrap_or(DEFAULT_LIKELIHOOD),
            likelihood_estimated: likelihood.is_none(),
            salary_shortfall,
        }
    }

    /// The totals of a found route.
    pub fn totals(&self, route: &FoundRoute) -> RouteTotals {
        let mut totals = RouteTotals {
            steps: route.edges.len(),
            years: 0.0,
            years_estimated: false,
            likelihood: 1.0,
            likelihood_estimated: false,
            components: [0.0; 4],
        };
        for &e in &route.edges {
            let m = self.metrics(&self.edges[e]);
            totals.years += m.years;
            totals.years_estimated |= m.years_estimated;
            totals.likelihood *= m.likelihood;
            totals.likelihood_estimated |= m.likelihood_estimated;
            for (sum, c) in totals.components.iter_mut().zip(m.components()) {
                *sum += c;
            }
        }
        totals
    }

    /// Integer cost of one stored move.
    pub fn edge_cost(&self, edge: usize, objective: Objective) -> u64 {
        let cost = self.metrics(&self.edges[edge]).cost(objective);
        (cost.max(0.0) * UNIT).round() as u64
    }

    /// The cheapest usable move of a pair, with its cost (lowest index wins ties).
    pub fn best_edge(
        &self,
        pair: &Pair,
        objective: Objective,
        include_related: bool,
    ) -> Option<(usize, u64)> {
        let (edge, cost) = self.pair_costs(objective, include_related)[pair.id()];
        (edge != NO_EDGE).then_some((edge as usize, cost))
    }

    /// Every pair's cheapest usable move and its cost, computed once per snapshot.
    fn pair_costs(&self, objective: Objective, include_related: bool) -> &[(u32, u64)] {
        let slot = objective as usize * 2 + usize::from(include_related);
        self.pair_costs[slot].get_or_init(|| {
            let mut costs = vec![(NO_EDGE, 0); self.pair_count];
            for pair in self.out.pairs() {
                costs[pair.id()] = self
                    .edges
                    .of_pair(pair)
                    .filter(|&e| usable(self.edges[e].kind, include_related))
                    .map(|e| (e as u32, self.edge_cost(e, objective)))
                    .min_by_key(|&(e, c)| (c, e))
                    .unwrap_or((NO_EDGE, 0));
            }
            costs
        })
    }

    /// Like `pair_costs`, with the computed `Similar` moves that pass `gates` (per query: the
    /// gates are the caller's).
    fn pair_costs_with_similar(
        &self,
        objective: Objective,
        include_related: bool,
        gates: &SimilarGates,
    ) -> Vec<(u32, u64)> {
        let mut costs = vec![(NO_EDGE, 0); self.pair_count];
        for pair in self.out.pairs() {
            costs[pair.id()] = self
                .edges
                .of_pair(pair)
                .filter(|&e| {
                    let edge = &self.edges[e];
                    usable(edge.kind, include_related)
                        || (edge.kind == MoveKind::Similar
                            && self.transition(edge.from(), edge.to()).passes(gates))
                })
                .map(|e| (e as u32, self.edge_cost(e, objective)))
                .min_by_key(|&(e, c)| (c, e))
                .unwrap_or((NO_EDGE, 0));
        }
        costs
    }
}

/// Whether a stored move of `kind` is searched (computed moves have their own gates).
fn usable(kind: MoveKind, include_related: bool) -> bool {
    kind.is_routable() || (include_related && kind == MoveKind::Related)
}

/// A route search request, in snapshot indices.
#[derive(Clone, Debug, PartialEq)]
pub struct RouteQuery {
    pub from: usize,
    pub to: usize,
    pub k: usize,
    pub objective: Objective,
    pub max_steps: usize,
    pub via: Vec<usize>,
    pub avoid: Vec<usize>,
    /// Also route over "related role" links (off by default: they are not moves people make).
    pub include_related: bool,
    /// Also route over computed `Similar` moves that pass these gates (off when `None`).
    pub similar: Option<SimilarGates>,
}

/// One route: role indices, the move (edge index) taken at each step, total integer cost.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundRoute {
    pub nodes: Vec<usize>,
    pub edges: Vec<usize>,
    pub cost: u64,
}

/// Search result: the routes, cheapest first, and whether the search ran to completion.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RouteSearch {
    pub routes: Vec<FoundRoute>,
    /// False when the expansion budget ran out (the routes found are still the best known).
    pub complete: bool,
}

const UNREACHABLE: u64 = u64::MAX;
const ROOT: u32 = u32::MAX;
const NO_EDGE: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Partial {
    node: u32,
    parent: u32,
    edge: u32,
    cost: u64,
    steps: u8,
    via_seen: u32,
}

/// Lower bounds on the cost (`costs`, by pair id) and on the number of moves from every role
/// to `target` over allowed roles. Exact for every role the reverse search settled before
/// reaching `from`; every other role gets the search radius, which is still a lower bound
/// (and keeps the heuristic consistent), so the search can stop early.
fn bounds_to(
    g: &GraphSnapshot,
    target: usize,
    from: usize,
    avoid: &[bool],
    costs: &[(u32, u64)],
) -> (Vec<u64>, Vec<u64>) {
    let n = g.roles.len();
    let incoming = |node: usize| {
        g.inc[node]
            .iter()
            .map(|pair| (pair.to(), costs[pair.id()]))
            .filter(|&(source, (edge, _))| edge != NO_EDGE && !avoid[source])
    };
    let mut cost = vec![UNREACHABLE; n];
    let mut settled = vec![false; n];
    cost[target] = 0;
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((0u64, target)));
    let mut radius = UNREACHABLE;
    while let Some(Reverse((d, node))) = heap.pop() {
        if settled[node] {
            continue;
        }
        settled[node] = true;
        if node == from {
            radius = d;
            break;
        }
        for (source, (_, c)) in incoming(node) {
            let next = d + c;
            if next < cost[source] {
                cost[source] = next;
                heap.push(Reverse((next, source)));
            }
        }
    }
    if radius != UNREACHABLE {
        for (c, done) in cost.iter_mut().zip(&settled) {
            if !done {
                *c = radius;
            }
        }
    }
    let mut hops = vec![UNREACHABLE; n];
    hops[target] = 0;
    let mut queue = std::collections::VecDeque::from([target]);
    let mut level = UNREACHABLE;
    while let Some(node) = queue.pop_front() {
        if node == from {
            level = hops[node];
            break;
        }
        for (source, _) in incoming(node) {
            if hops[source] == UNREACHABLE {
                hops[source] = hops[node] + 1;
                queue.push_back(source);
            }
        }
    }
    if level != UNREACHABLE {
        // BFS discovers every role at distance <= `level` before dequeuing `from`, so any role
        // not yet discovered is at least `level + 1` moves away.
        for h in hops.iter_mut().filter(|h| **h == UNREACHABLE) {
            *h = level + 1;
        }
    }
    (cost, hops)
}

fn on_path(arena: &[Partial], mut at: u32, node: u32) -> bool {
    while at != ROOT {
        let p = arena[at as usize];
        if p.node == node {
            return true;
        }
        at = p.parent;
    }
    false
}

fn route_of(arena: &[Partial], mut at: u32) -> FoundRoute {
    let cost = arena[at as usize].cost;
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    while at != ROOT {
        let p = arena[at as usize];
        nodes.push(p.node as usize);
        if p.parent != ROOT {
            edges.push(p.edge as usize);
        }
        at = p.parent;
    }
    nodes.reverse();
    edges.reverse();
    FoundRoute { nodes, edges, cost }
}

/// The k best loopless routes satisfying every constraint of `q`.
pub fn find_routes(g: &GraphSnapshot, q: &RouteQuery) -> RouteSearch {
    let n = g.roles.len();
    let mut avoid = vec![false; n];
    for &a in &q.avoid {
        avoid[a] = true;
    }
    let mut via_bit = vec![0u32; n];
    for (i, &v) in q.via.iter().enumerate().take(32) {
        via_bit[v] |= 1 << i;
    }
    let all_via: u32 = q.via.iter().fold(0, |mask, &v| mask | via_bit[v]);
    let done = RouteSearch {
        routes: Vec::new(),
        complete: true,
    };
    if q.k == 0 || avoid[q.from] || avoid[q.to] {
        return done;
    }
    if q.from == q.to {
        // The only loopless route from a role to itself is staying put.
        let routes = if via_bit[q.from] == all_via {
            vec![FoundRoute {
                nodes: vec![q.from],
                edges: Vec::new(),
                cost: 0,
            }]
        } else {
            Vec::new()
        };
        return RouteSearch {
            routes,
            complete: true,
        };
    }
    let with_similar;
    let costs = match &q.similar {
        None => g.pair_costs(q.objective, q.include_related),
        Some(gates) if *gates == SimilarGates::default() && !q.include_related => g.similar_costs
            [q.objective as usize]
            .get_or_init(|| g.pair_costs_with_similar(q.objective, false, gates)),
        Some(gates) => {
            with_similar = g.pair_costs_with_similar(q.objective, q.include_related, gates);
            &with_similar
        }
    };
    let best = |pair: &Pair| {
        let (edge, cost) = costs[pair.id()];
        (edge != NO_EDGE).then_some((edge as usize, cost))
    };
    let (h, hops) = bounds_to(g, q.to, q.from, &avoid, costs);
    if h[q.from] == UNREACHABLE {
        return done;
    }

    let mut arena = vec![Partial {
        node: q.from as u32,
        parent: ROOT,
        edge: 0,
        cost: 0,
        steps: 0,
        via_seen: via_bit[q.from],
    }];
    // Cheapest estimate first; among equals the deeper partial (closer to done), then FIFO.
    let mut heap = BinaryHeap::new();
    heap.push(Reverse((h[q.from], Reverse(0u64), 0u64, 0u32)));
    let mut seq = 0u64;
    let mut routes = Vec::new();
    let mut expanded = 0usize;
    while let Some(Reverse((_, _, _, at))) = heap.pop() {
        let p = arena[at as usize];
        if p.node as usize == q.to {
            routes.push(route_of(&arena, at));
            if routes.len() == q.k {
                return RouteSearch {
                    routes,
                    complete: true,
                };
            }
            continue;
        }
        expanded += 1;
        if expanded > EXPANSION_BUDGET {
            return RouteSearch {
                routes,
                complete: false,
            };
        }
        let steps = usize::from(p.steps) + 1;
        for pair in &g.out[p.node as usize] {
            let next = pair.to();
            if avoid[next] || h[next] == UNREACHABLE || steps + hops[next] as usize > q.max_steps {
                continue;
            }
            let via_seen = p.via_seen | via_bit[next];
            if next == q.to && via_seen != all_via {
                continue;
            }
            if on_path(&arena, at, next as u32) {
                continue;
            }
            let Some((edge, cost)) = best(pair) else {
                continue;
            };
            let cost = p.cost + cost;
            arena.push(Partial {
                node: next as u32,
                parent: at,
                edge: edge as u32,
                cost,
                steps: steps as u8,
                via_seen,
            });
            seq += 1;
            heap.push(Reverse((
                cost + h[next],
                Reverse(cost),
                seq,
                (arena.len() - 1) as u32,
            )));
        }
    }
    RouteSearch {
        routes,
        complete: true,
    }
}

#[cfg(test)]
mod tests;
