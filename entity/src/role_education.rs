//! An education requirement or norm for a role, per source.
use sea_orm::entity::prelude::*;

use crate::vocab::EducationRequirement;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role_education")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub role_id: i32,
    pub source_id: i32,
    pub position: i32,
    /// `bachelor`, `master`, `mba`, ...
    pub level: String,
    /// How strongly it is expected.
    pub requirement: EducationRequirement,
    /// Fields of study, comma-separated as stated.
    pub fields: Option<String>,
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
