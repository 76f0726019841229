//! One demographic share (gender or race group) of a role's workforce, per source.
use sea_orm::entity::prelude::*;

use crate::vocab::Dimension;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_demographic")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    /// The dimension the shares split.
    pub dimension: Dimension,
    pub group_name: String,
    pub share_pct: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
