//! A role values a certification, with how much (required, preferred, ...).
use sea_orm::entity::prelude::*;

use crate::vocab::Relevance;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_certification")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub certification_id: i32,
    pub source_id: i32,
    /// How much the role values it.
    pub relevance: Relevance,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
