//! The career-path engine's queries: best routes, reachability, skill gaps, comparisons.

mod comparison;
mod gap;
mod route;

use async_graphql::{Context, Object};

pub use comparison::{RoleComparison, SkillSideBySide};
pub use gap::{CertificationGapEntry, SkillGap, SkillGapEntry, SkillGapReason, SkillWeights};
pub use route::{
    CareerRoute, CareerRouteSet, RouteObjective, RouteScore, RouteStep, RouteTotals, ScoreComponent,
};

use crate::career::search::MAX_STEPS;
use crate::career::similarity::SimilarGates;
use crate::error::GqlResult;
use crate::graphql::graph::Role;
use crate::graphql::kit::View;
use crate::service::career::{self, RouteRequest};
use crate::service::place;

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

/// Roles within `depth` moves of `role`: after it, or before it when `reverse`.
fn reachable(
    ctx: &Context<'_>,
    role: &str,
    depth: Option<i32>,
    reverse: bool,
) -> GqlResult<Vec<ReachableRole>> {
    let m = crate::graphql::model(ctx)?;
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
    let m = crate::graphql::model(ctx)?;
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
        let m = crate::graphql::model(ctx)?;
        let query = career::route_query(&m, &request)?;
        let area = place::asked_area(&m, "area", area.as_deref()).await?;
        let started = std::time::Instant::now();
        let result = career::routes(&m, query).await?;
        if let Ok(state) = crate::graphql::state(ctx) {
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
        Ok(crate::graphql::model(ctx)?.version)
    }
}
