//! Role queries: one role by slug, and the paginated, searchable role listing.

use async_graphql::{Context, Enum, InputObject, Object};

use super::graph::Role;
use super::pagination::{connection_type, page};
use crate::error::{ApiError, GqlResult};
use crate::service::check;
use crate::service::role::{RoleListing, RoleSort};

connection_type!(
    RoleConnection,
    RoleEdge,
    Role,
    "A page of roles (Relay connection).",
    "A role in a page, with its cursor."
);

/// Sort keys of `roles`.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RoleOrderField {
    /// Alphabetical by title.
    #[default]
    Title,
    /// By seniority level; unknown last.
    Seniority,
    /// By headline yearly salary; unknown last.
    Salary,
}

/// Sort direction.
#[derive(Enum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum OrderDirection {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

/// How to sort `roles`.
#[derive(InputObject, Clone, Copy, Default)]
pub struct RoleOrder {
    /// Sort key.
    #[graphql(default)]
    pub field: RoleOrderField,
    /// Direction.
    #[graphql(default)]
    pub direction: OrderDirection,
}

/// Filters for `roles`; all given conditions must hold.
#[derive(InputObject, Clone, Default)]
pub struct RoleFilter {
    /// Only roles in one of these tracks.
    pub tracks: Option<Vec<String>>,
    /// Only roles at least this senior (1–8).
    pub seniority_min: Option<i32>,
    /// Only roles at most this senior (1–8).
    pub seniority_max: Option<i32>,
    /// Only roles that need the skill with this slug.
    pub skill: Option<String>,
}

#[derive(Default)]
pub struct RoleQuery;

/// Role queries.
#[Object]
impl RoleQuery {
    /// One role by slug; NOT_FOUND when there is none.
    async fn role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The role's slug, e.g. `senior-it-manager`.")] slug: String,
    ) -> GqlResult<Option<Role>> {
        let m = super::model(ctx)?;
        let i = m
            .role_index(&slug)
            .ok_or_else(|| ApiError::not_found("role", &slug))?;
        Ok(Some(Role::at(&m, i)))
    }

    /// Roles, paginated (Relay connection), optionally searched, filtered and sorted.
    #[graphql(complexity = "crate::graphql::scaled(first, 20, child_complexity)")]
    async fn roles(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page size, 1–100 (default 20).")] first: Option<i32>,
        #[graphql(desc = "Return items after this cursor.")] after: Option<String>,
        #[graphql(desc = "Case-insensitive text to find in the title or slug.")] search: Option<
            String,
        >,
        #[graphql(desc = "Conditions every returned role meets.")] filter: Option<RoleFilter>,
        #[graphql(desc = "Sort order (default: title ascending).")] order_by: Option<RoleOrder>,
    ) -> GqlResult<RoleConnection> {
        let page = page(first, after.as_deref())?;
        let filter = filter.unwrap_or_default();
        for (field, value) in [
            ("filter.seniorityMin", filter.seniority_min),
            ("filter.seniorityMax", filter.seniority_max),
        ] {
            check::whole(field, value, seed::value::SENIORITY)?;
        }
        let order = order_by.unwrap_or_default();
        let listing = RoleListing {
            search,
            tracks: filter.tracks.unwrap_or_default(),
            seniority_min: filter.seniority_min,
            seniority_max: filter.seniority_max,
            skill: filter.skill,
            sort: match order.field {
                RoleOrderField::Title => RoleSort::Title,
                RoleOrderField::Seniority => RoleSort::Seniority,
                RoleOrderField::Salary => RoleSort::Salary,
            },
            descending: order.direction == OrderDirection::Desc,
        };
        let m = super::model(ctx)?;
        let (rows, total) = crate::service::role::list(&m, &listing, page);
        Ok(RoleConnection::new(
            rows.into_iter().map(|i| Role::at(&m, i as usize)).collect(),
            total,
            page,
        ))
    }
}
