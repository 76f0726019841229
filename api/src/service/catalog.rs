//! Skills, certifications and sources: lookups by slug or id and simple listings.

use entity::{certification, skill, source};
use sea_orm::sea_query::{Expr, ExprTrait, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};

use super::{Page, like_pattern};
use crate::error::{ApiError, ApiResult};

fn name_matches<C: ColumnTrait>(column: C, text: &str) -> Condition {
    Condition::all().add(
        Expr::expr(Func::lower(Expr::col(column)))
            .like(LikeExpr::new(like_pattern(text)).escape('\\')),
    )
}

/// One page of skills (optionally matching `search` and in `category`) and the total.
pub async fn list_skills(
    db: &DatabaseConnection,
    search: Option<&str>,
    category: Option<&str>,
    page: Page,
) -> ApiResult<(Vec<skill::Model>, u64)> {
    let mut cond = Condition::all();
    if let Some(text) = search.filter(|s| !s.trim().is_empty()) {
        cond = cond.add(name_matches(skill::Column::Name, text));
    }
    if let Some(category) = category {
        cond = cond.add(skill::Column::Category.eq(category));
    }
    let query = skill::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(skill::Column::Name)
        .order_by_asc(skill::Column::Id)
        .offset(page.offset)
        .limit(page.limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// One page of certifications (optionally matching `search` in name or acronym) and the total.
pub async fn list_certifications(
    db: &DatabaseConnection,
    search: Option<&str>,
    page: Page,
) -> ApiResult<(Vec<certification::Model>, u64)> {
    let mut cond = Condition::all();
    if let Some(text) = search.filter(|s| !s.trim().is_empty()) {
        cond = cond.add(
            Condition::any()
                .add(name_matches(certification::Column::Name, text))
                .add(name_matches(certification::Column::Acronym, text)),
        );
    }
    let query = certification::Entity::find().filter(cond);
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_asc(certification::Column::Name)
        .order_by_asc(certification::Column::Id)
        .offset(page.offset)
        .limit(page.limit)
        .all(db)
        .await?;
    Ok((rows, total))
}

/// The skill with this slug, or NOT_FOUND.
pub async fn skill_by_slug(db: &DatabaseConnection, slug: &str) -> ApiResult<skill::Model> {
    skill::Entity::find()
        .filter(skill::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("skill", slug))
}

/// The certification with this slug, or NOT_FOUND.
pub async fn certification_by_slug(
    db: &DatabaseConnection,
    slug: &str,
) -> ApiResult<certification::Model> {
    certification::Entity::find()
        .filter(certification::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("certification", slug))
}

/// Every source, in the order they were first loaded.
pub async fn sources(db: &DatabaseConnection) -> ApiResult<Vec<source::Model>> {
    Ok(source::Entity::find()
        .order_by_asc(source::Column::Id)
        .all(db)
        .await?)
}

/// The source with this key (file name or dataset id), or NOT_FOUND.
pub async fn source_by_key(db: &DatabaseConnection, key: &str) -> ApiResult<source::Model> {
    source::Entity::find()
        .filter(source::Column::Key.eq(key))
        .one(db)
        .await?
        .ok_or_else(|| ApiError::not_found("source", key))
}

/// Rows of a catalog entity by primary key.
pub async fn by_ids<E: EntityTrait>(
    db: &DatabaseConnection,
    id: E::Column,
    ids: &[i32],
) -> ApiResult<Vec<E::Model>> {
    Ok(E::find()
        .filter(id.is_in(ids.iter().copied()))
        .all(db)
        .await?)
}
