//! A job role (occupation) in the career graph.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "role")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub title: String,
    pub summary: Option<String>,
    /// Career track / job family, e.g. `management`, `infrastructure`, `security`.
    pub track: String,
    /// 1 (entry) .. 8 (C-level); see README for the scale.
    pub seniority: Option<i32>,
    pub onet_code: Option<String>,
    /// O*NET job zone (1–5: little to extensive preparation), when imported.
    pub job_zone: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
