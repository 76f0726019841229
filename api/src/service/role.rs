//! Role lookups and the filtered, ordered role listing.

use entity::{role, role_skill, skill};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr, NullOrdering, Order, Query};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Select,
};

use super::{Page, like_pattern};
use crate::error::{ApiError, ApiResult};

/// Sort key of a role listing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RoleSort {
    #[default]
    Title,
    Seniority,
    /// The role's headline yearly salary (see [`HEADLINE_SALARY_SQL`]).
    Salary,
}

/// Filters of a role listing; empty means "all roles".
#[derive(Clone, Debug, Default)]
pub struct RoleListing {
    pub search: Option<String>,
    pub tracks: Vec<String>,
    pub seniority_min: Option<i32>,
    pub seniority_max: Option<i32>,
    pub skill: Option<String>,
    pub sort: RoleSort,
    pub descending: bool,
}

/// A role's headline yearly salary: the highest, over its sources, of the mean, else the
/// median, else the midpoint of the range. `headline_salary` computes the same in Rust.
pub const HEADLINE_SALARY_SQL: &str = "(SELECT MAX(COALESCE(rp.salary_mean, rp.salary_median, \
     (rp.salary_low + rp.salary_high) / 2)) FROM role_profile rp WHERE rp.role_id = role.id)";

/// The headline salary of one set of profiles (same rule as [`HEADLINE_SALARY_SQL`]).
pub fn headline_salary(profiles: &[entity::role_profile::Model]) -> Option<i32> {
    profiles
        .iter()
        .filter_map(|p| {
            p.salary_mean
                .or(p.salary_median)
                .or(match (p.salary_low, p.salary_high) {
                    (Some(lo), Some(hi)) => Some(((i64::from(lo) + i64::from(hi)) / 2) as i32),
                    _ => None,
                })
        })
        .max()
}

fn filtered(listing: &RoleListing) -> Select<role::Entity> {
    let mut cond = Condition::all();
    if let Some(search) = listing.search.as_deref().filter(|s| !s.trim().is_empty()) {
        let pattern = like_pattern(search);
        cond = cond.add(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col((role::Entity, role::Column::Title))))
                        .like(LikeExpr::new(pattern.clone()).escape('\\')),
                )
                .add(
                    role::Column::Slug.like(LikeExpr::new(pattern.replace(' ', "-")).escape('\\')),
                ),
        );
    }
    if !listing.tracks.is_empty() {
        cond = cond.add(role::Column::Track.is_in(listing.tracks.iter().cloned()));
    }
    if let Some(min) = listing.seniority_min {
        cond = cond.add(role::Column::Seniority.gte(min));
    }
    if let Some(max) = listing.seniority_max {
        cond = cond.add(role::Column::Seniority.lte(max));
    }
    if let Some(slug) = &listing.skill {
        let needing = Query::select()
            .column((role_skill::Entity, role_skill::Column::RoleId))
            .from(role_skill::Entity)
            .inner_join(
                skill::Entity,
                Expr::col((skill::Entity, skill::Column::Id))
                    .equals((role_skill::Entity, role_skill::Column::SkillId)),
            )
            .and_where(Expr::col((skill::Entity, skill::Column::Slug)).eq(slug.as_str()))
            .to_owned();
        cond = cond.add(role::Column::Id.in_subquery(needing));
    }
    role::Entity::find().filter(cond)
}

/// One page of roles matching `listing`, plus the total number of matches.
pub async fn list(
    db: &DatabaseConnection,
    listing: &RoleListing,
    page: Page,
) -> ApiResult<(Vec<role::Model>, u64)> {
    let total = filtered(listing).count(db).await?;
    let order = if listing.descending {
        Order::Desc
    } else {
        Order::Asc
    };
    let mut query = filtered(listing);
    query = match listing.sort {
        RoleSort::Title => query.order_by(role::Column::Title, order),
        RoleSort::Seniority => {
            query.order_by_with_nulls(role::Column::Seniority, order, NullOrdering::Last)
        }
        RoleSort::Salary => {
            query.order_by_with_nulls(Expr::cust(HEADLINE_SALARY_SQL), order, NullOrdering::Last)
        }
    };
    let rows = query
        .order_by_asc(role::Column::Id)
        .offset(page.offset)
        .limit(page.limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The role with this slug, or NOT_FOUND.
pub async fn by_slug(db: &DatabaseConnection, slug: &str) -> ApiResult<role::Model> {
    role::Entity::find()
        .filter(role::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("role", slug))
}

/// Roles by primary key (any order; missing ids are skipped).
pub async fn by_ids(db: &DatabaseConnection, ids: &[i32]) -> ApiResult<Vec<role::Model>> {
    Ok(role::Entity::find()
        .filter(role::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}

/// Number of roles; used at start-up to decide whether to seed.
pub async fn count(db: &DatabaseConnection) -> ApiResult<u64> {
    Ok(role::Entity::find().count(db).await?)
}
