//! Career use cases over the read model: route search, reachability, skill gaps and
//! comparisons. Arguments are checked here (errors name the GraphQL argument); the engine in
//! `crate::career` does the work and knows nothing of this layer.

use std::sync::Arc;

use super::check::{self, Bounds};
use crate::career::gap::{self, Gap, Side, SkillSides};
use crate::career::search::{self, MAX_ROUTES, MAX_STEPS, MAX_VIA, Objective, RouteQuery};
use crate::career::similarity::SimilarGates;
use crate::career::{GraphSnapshot, RouteSearch};
use crate::error::{ApiError, ApiResult};
use crate::model::ReadModel;

/// Graphs with more moves than this are searched on a blocking thread, off the async executor.
const BLOCKING_SEARCH_EDGES: usize = 20_000;

/// A route search as asked (slugs and limits not yet checked).
#[derive(Clone, Debug)]
pub struct RouteRequest {
    pub from: String,
    pub to: String,
    pub first: i32,
    pub objective: Objective,
    pub max_steps: i32,
    pub via: Vec<String>,
    pub avoid: Vec<String>,
    pub include_related: bool,
    /// Also route over computed similar moves passing these gates.
    pub similar: Option<SimilarGates>,
}

/// Index of the role with this slug in the model (and its graph), or NOT_FOUND.
pub fn role_index(m: &ReadModel, slug: &str) -> ApiResult<usize> {
    index(&m.graph, slug)
}

fn index(g: &GraphSnapshot, slug: &str) -> ApiResult<usize> {
    g.index_of(slug)
        .ok_or_else(|| ApiError::not_found("role", slug))
}

/// A count from 1 to `max`.
fn within(field: &str, value: i32, max: usize) -> ApiResult<usize> {
    check::count(field, value, Bounds::new(1.0, max as f64))
}

/// Checks a route request against the model and turns it into an engine query.
pub fn route_query(m: &ReadModel, request: &RouteRequest) -> ApiResult<RouteQuery> {
    let k = within("first", request.first, MAX_ROUTES)?;
    let max_steps = within("maxSteps", request.max_steps, MAX_STEPS)?;
    check::count(
        "via",
        i32::try_from(request.via.len()).unwrap_or(i32::MAX),
        Bounds::new(0.0, MAX_VIA as f64),
    )?;
    let g = &m.graph;
    Ok(RouteQuery {
        from: index(g, &request.from)?,
        to: index(g, &request.to)?,
        k,
        objective: request.objective,
        max_steps,
        via: request
            .via
            .iter()
            .map(|s| index(g, s))
            .collect::<ApiResult<_>>()?,
        avoid: request
            .avoid
            .iter()
            .map(|s| index(g, s))
            .collect::<ApiResult<_>>()?,
        include_related: request.include_related,
        similar: request.similar.map(checked_gates).transpose()?,
    })
}

/// The gates of `careerRoutes(includeSimilar: true)`, checked.
fn checked_gates(gates: SimilarGates) -> ApiResult<SimilarGates> {
    check::number(
        "minSimilarity",
        Some(gates.min_similarity),
        Bounds::new(0.0, 1.0),
    )?;
    check::whole(
        "maxJobZoneGap",
        gates.max_job_zone_gap,
        Bounds::new(0.0, 4.0),
    )?;
    check::number("minWageRatio", gates.min_wage_ratio, Bounds::new(0.0, 10.0))?;
    Ok(gates)
}

/// The best routes for `query` (on a blocking thread when the graph is large).
pub async fn routes(m: &Arc<ReadModel>, query: RouteQuery) -> ApiResult<RouteSearch> {
    if m.graph.edges.len() > BLOCKING_SEARCH_EDGES {
        let model = m.clone();
        tokio::task::spawn_blocking(move || search::find_routes(&model.graph, &query))
            .await
            .map_err(|e| ApiError::Internal(anyhow::anyhow!("route search failed: {e}")))
    } else {
        Ok(search::find_routes(&m.graph, &query))
    }
}

/// Roles within `depth` moves of `role` (after it, or before it when `reverse`), with their
/// distance, nearest first.
pub fn reachable(
    m: &ReadModel,
    role: &str,
    depth: i32,
    reverse: bool,
) -> ApiResult<Vec<(usize, usize)>> {
    let depth = within("depth", depth, MAX_STEPS)?;
    let start = index(&m.graph, role)?;
    Ok(m.graph.within(start, depth, reverse))
}

/// What the move from role `from` to role `to` (indices) asks to learn.
pub fn skill_gap(m: &ReadModel, from: usize, to: usize) -> Gap {
    gap::gap(&m.graph.roles[from], &m.graph.roles[to])
}

/// The skills of roles `a` and `b` (model indices) on `side`, most important first.
pub fn skill_sides(m: &ReadModel, a: usize, b: usize, side: Side) -> Vec<SkillSides> {
    gap::skill_sides(&m.graph.roles[a], &m.graph.roles[b], side)
}

/// The certification ids of roles `a` and `b` (model indices) on `side`.
pub fn certification_sides(m: &ReadModel, a: usize, b: usize, side: Side) -> Vec<i32> {
    gap::certification_sides(&m.graph.roles[a], &m.graph.roles[b], side)
}
