//! A source that compares two roles side by side ("X vs Y").
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_comparison")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_a_id: i32,
    pub role_b_id: i32,
    pub source_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
