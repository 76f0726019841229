//! Batched reads of rows that hang off a parent (facts of roles, links of skills...),
//! used by the DataLoaders: one statement per batch of parents.

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::error::ApiResult;

/// All rows of `E` whose `parent` column is one of `ids`, ordered by `order`.
pub async fn children_of<E: EntityTrait>(
    db: &DatabaseConnection,
    parent: E::Column,
    ids: &[i32],
    order: &[E::Column],
) -> ApiResult<Vec<E::Model>> {
    let mut query = E::find().filter(parent.is_in(ids.iter().copied()));
    for column in order {
        query = query.order_by_asc(*column);
    }
    Ok(query.all(db).await?)
}
